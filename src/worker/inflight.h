/*
 * inflight: the requests a worker with max_concurrent above 1 serves at
 * once, each from its launch to its end, and the one wait that drives
 * them all (docs/operations.md, "Concurrent requests").
 */
#ifndef FNPOOL_INFLIGHT_H
#define FNPOOL_INFLIGHT_H

#include <stdint.h>
#include <time.h>

#include "core/buf.h"
#include "core/response.h"
#include "http/request.h"
#include "http/router.h"
#include "worker/account.h"
#include "worker/conns.h"
#include "worker/serve.h"
#include "worker/timeout.h"

struct flight {
	struct conn	*c;		/* NULL once answered */
	enum conn_end	 end;
	struct request	 req;
	struct account	 acct;
	struct route	 route;
	struct response	 res;
	struct rtreq	*rq;
	struct timespec	 start;
	int64_t		 deadline;	/* CLOCK_MONOTONIC ms; INT64_MAX none */
	int		 answered;	/* ctx.waitUntil work goes on */
	int		 slow;		/* in the slow log already */
	int		 stepped;	/* in this round of due timers */
	struct timeout_spare spare;	/* the 503 if another runs away */
};

struct inflight {
	struct serve	*sv;
	struct conns	*conns;
	struct flight	**f;
	int		 n, max;
	int		 peak;		/* most in flight since the last trim */
	struct buf	 out;
};

void	 inflight_init(struct inflight *, struct serve *, struct conns *,
	    long max);
void	 inflight_free(struct inflight *);
/* May another request start? */
int	 inflight_room(const struct inflight *);
/* A flight for the request on c, whose req and acct the caller fills. */
struct flight *inflight_new(struct inflight *, struct conn *, enum conn_end);
/* The request was answered without running (rejected): forgets f. */
void	 inflight_drop(struct inflight *, struct flight *);
/* Runs f's request, its body read: answered now, or in flight. */
void	 inflight_launch(struct inflight *, struct flight *);
/*
 * Waits for events on the worker's epoll ep (into ev, at most max, as
 * epoll_wait) while the requests in flight wait, at most wait_ms (-1:
 * no limit of the caller's), then runs what is due: finished
 * transfers, timers, deadlines.  Returns epoll_wait's count.
 */
int	 inflight_wait(struct inflight *, int ep, void *ev, int max,
	    int wait_ms);

#endif
