/*
 * selfpipe: the master's signals, as bytes on a pipe that its poll loop
 * reads, so no work happens in a signal handler.
 */
#ifndef FNPOOL_SELFPIPE_H
#define FNPOOL_SELFPIPE_H

/* Catches the master's signals (SIGCHLD, SIGTERM, SIGQUIT, SIGINT, SIGHUP,
 * SIGUSR1) and ignores SIGPIPE; returns the end to poll and read. */
int	 selfpipe_init(void);
/* In a new worker: default handlers for the caught signals (SIGPIPE stays
 * ignored), no signal blocked, the pipe closed. */
void	 selfpipe_undo(void);

#endif
