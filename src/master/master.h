/*
 * master: the process manager, fnpool's only entry to it.  It runs the
 * pools' workers and never runs JavaScript itself, so nothing a function
 * does can take it down.
 */
#ifndef FNPOOL_MASTER_H
#define FNPOOL_MASTER_H

#include "core/config.h"

/*
 * Runs until SIGTERM or SIGQUIT (after the current requests) or SIGINT
 * (at once); SIGHUP reloads cfg's file, SIGUSR1 reopens the logs.
 * Returns the process exit code.  cfg becomes the master's (it frees
 * it).  With daemonize, returns in the parent only once the daemon is
 * serving (0) or has failed (1).
 */
int	 master_run(struct config *cfg, int daemonize);

#endif
