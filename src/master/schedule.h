/*
 * schedule: the master runs the pools' `schedule.NAME` lines.  When one
 * is due it connects to the pool's own socket, as nginx would, and sends
 * a FastCGI request for the function's path carrying the schedule's name,
 * its due time and the master's key (core/schedule_key.h), so a worker
 * runs it through the usual accept path with the usual limits.  The
 * master reads the response on the same connection: until it ends, the
 * run is "still going" and the next due run is skipped.
 */
#ifndef FNPOOL_SCHEDULE_H
#define FNPOOL_SCHEDULE_H

#include <poll.h>

#include "core/buf.h"

#define SCHEDULE_MAX	256	/* schedules across the pools */

/* Takes the current generation's schedules, keeping the state (counts,
 * last run, a run going on) of those with the same pool and name. */
void	 schedule_sync(void);
/* ms until the next due run, -1: none. */
int	 schedule_timeout(void);
/* The connections of runs going on, for the master's poll. */
int	 schedule_pollfds(struct pollfd *, int max);
void	 schedule_events(const struct pollfd *, int n);
/* Starts the runs that are due. */
void	 schedule_check(void);
/* Closes the runs' connections (the master stops). */
void	 schedule_close_all(void);
/* In a new worker: closes its copies of them. */
void	 schedule_child_close(void);

/* One pool's schedules for the status page and metrics. */
void	 schedule_json(const char *pool, struct buf *);
void	 schedule_text(const char *pool, struct buf *);
void	 schedule_metrics(const char *pool, struct buf *);

#endif
