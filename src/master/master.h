/*
 * master: binds each pool's socket (or takes it from the service
 * manager), forks and sizes its workers, respawns the ones that die,
 * reloads the configuration on SIGHUP and stops on SIGTERM/SIGQUIT/SIGINT.
 * It never runs JavaScript, so nothing a function does can take it down.
 */
#ifndef FNPOOL_MASTER_H
#define FNPOOL_MASTER_H

#include "core/config.h"

/* Runs until stopped; returns the process exit code.  cfg becomes the
 * master's (it frees it).  With daemonize, returns in the parent only
 * once the daemon is serving (0) or has failed (1). */
int	 master_run(struct config *cfg, int daemonize);

#endif
