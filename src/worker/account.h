/*
 * account: a worker's bookkeeping of each request it answers: its slot in
 * the scoreboard, the shared counters (counters.c) and the access log line
 * (accesslog.c).  worker.c brackets a request with account_begin and
 * account_end, and marks the worker idle again with account_idle; serve.c
 * fills in the function the request reached and the memory its state
 * holds after it ran.
 */
#ifndef FNPOOL_ACCOUNT_H
#define FNPOOL_ACCOUNT_H

#include <stdint.h>

#include "core/buf.h"
#include "http/request.h"
#include "js/builtin/fetch_curl.h"
#include "shm/counters.h"

/* One request's account, owned by whoever serves it. */
struct account {
	int64_t		 start_us;		/* CLOCK_MONOTONIC */
	char		 function[CT_NAME_MAX];	/* "": none reached */
	uint64_t	 memory;		/* bytes of its state after */
};

/* The worker takes req: its slot goes busy, the clock starts. */
void	 account_begin(struct account *, const struct request *req);
/* req was routed to the function name ("api/users.js"). */
void	 account_function(struct account *, const char *name);
/* out: the serialized response (Status, headers, body); NULL: none sent. */
void	 account_end(const struct account *, const struct request *,
	    int status, const struct buf *out);
/* The worker waits for the next request: its slot goes idle. */
void	 account_idle(void);
/* max_concurrent above 1: requests in flight, and how many just ended. */
void	 account_inflight(int n, int max, int ended);
/*
 * A statement of fnpool:db on the pool's database db took us (us < 0:
 * none ran, a connection failed); for the metrics.
 */
void	 account_query(const char *db, int64_t us, int failed);
/*
 * A fetch ended (js/builtin/fetch_curl.c): status, or 0 and why; and
 * what the request waits on now, for the slow log (NULL: nothing).
 */
void	 account_fetch(int status, enum fetch_cause, int64_t us);
void	 account_waiting(const char *what);
/* The response is sent; the request's ctx.waitUntil work runs now. */
void	 account_finishing(void);

#endif
