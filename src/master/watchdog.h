/*
 * watchdog: requests that run too long, seen from the scoreboard on the
 * master's tick: slowlog_timeout and the request_timeout backstop.
 */
#ifndef FNPOOL_WATCHDOG_H
#define FNPOOL_WATCHDOG_H

#include <stdint.h>

/* Logs each request running past slowlog_timeout, once; kills a worker
 * still busy with one request past request_timeout and a grace. */
void	 watchdog_check(int64_t now);
/* How often watchdog_check needs to run, in ms; -1: no live worker has a
 * timeout to watch. */
int	 watchdog_tick(void);

#endif
