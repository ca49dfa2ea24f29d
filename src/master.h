/*
 * master: binds each pool's socket, forks its workers, respawns the ones
 * that die, and stops them all on SIGTERM/SIGQUIT/SIGINT.  It never runs
 * JavaScript, so nothing a function does can take it down.
 */
#ifndef FNPOOL_MASTER_H
#define FNPOOL_MASTER_H

#include "config.h"

/* Runs until stopped; returns the process exit code. */
int	 master_run(struct config *);

#endif
