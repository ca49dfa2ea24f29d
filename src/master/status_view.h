/*
 * status_view: what the status endpoints (status.c) and metrics
 * (metrics.c) report of a pool, taken at once.
 */
#ifndef FNPOOL_STATUS_VIEW_H
#define FNPOOL_STATUS_VIEW_H

#include <sys/types.h>
#include <stdint.h>

#include "core/buf.h"
#include "master/manager.h"
#include "shm/counters.h"
#include "shm/scoreboard.h"

struct pool_view {
	struct pool	*pool;
	struct ct_pool	*ct;		/* NULL: no counters entry */
	int		 idle, busy, starting, total;
	int		 inflight;	/* requests in flight, all workers */
	int		 listen_queue;	/* -1: unknown */
	int		 healthy;
	int64_t		 now;		/* monotonic ms */
};

/* Takes the view of p (and samples its backlog, queue.c). */
void	 status_view(struct pool *, struct pool_view *);
/* Steps through the pool's live workers: the next one from slot *i on,
 * its pid and its slot; *i moves past it.  0: no more. */
int	 status_view_worker(const struct pool_view *, int *i, pid_t *,
	    struct sb_slot *);
/* Worker exits counted in ct: all, or the crashes only. */
uint64_t status_view_exits(const struct ct_pool *, int crashes_only);

/* The status documents (the body only), with every worker when full. */
void	 status_view_json(const struct pool_view *, int full, struct buf *);
void	 status_view_text(const struct pool_view *, int full, struct buf *);

#endif
