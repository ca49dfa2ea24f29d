/*
 * queue: the backlog of a pool's listening socket, sampled on the
 * master's tick: for queue_timeout and the status endpoints' figures.
 */
#ifndef FNPOOL_QUEUE_H
#define FNPOOL_QUEUE_H

#include <stdint.h>

#include "master/manager.h"

/* The backlog's length now, or -1 when unknown; notes the connections
 * that left it (queue wait) and that came in (arrival times). */
int	 queue_sample(struct pool *, int64_t now);
/* queue_timeout: answers 503 for connections waiting too long; returns 1
 * while the pool has no idle worker (the loop then ticks faster). */
int	 queue_check(struct pool *, int64_t now);

#endif
