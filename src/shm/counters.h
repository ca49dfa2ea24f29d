/*
 * counters: what the pools did, in memory shared by the master and every
 * worker (beside the scoreboard, which says what each worker does now).
 * Read by the status and metrics endpoints (status.c, metrics.c).
 *
 * Pools are kept by name, so their counters survive a reload; functions
 * by (pool, entry file) in a bounded table, with one "(other)" entry per
 * pool once it is full.  The master claims pool entries; everything else
 * only ever grows by atomic additions, so no one locks and a worker
 * killed at any point leaves nothing half-done that matters.
 */
#ifndef FNPOOL_COUNTERS_H
#define FNPOOL_COUNTERS_H

#include <stdint.h>

#include "core/config.h"

#define CT_POOLS	256
#define CT_FUNCTIONS	1024
#define CT_NAME_MAX	128
#define CT_BUCKETS	12	/* the last one is +Inf */
#define CT_DBS		256	/* (pool, database) entries: fnpool:db */

/* Upper bounds of the histogram buckets, in milliseconds. */
extern const int64_t counters_bounds_ms[CT_BUCKETS - 1];

/* Why a worker ended (for restarts and crashes by cause). */
enum ct_exit {
	CT_EXIT_RECYCLE,	/* max_requests */
	CT_EXIT_MEMORY,		/* max_rss */
	CT_EXIT_TIMEOUT,	/* request_timeout (504 and exit, or killed) */
	CT_EXIT_SIGNAL,		/* killed by a signal */
	CT_EXIT_ERROR,		/* exited with an error (panic, bad start) */
	CT_EXIT_N
};
extern const char *const counters_exit_names[CT_EXIT_N];

struct ct_hist {
	uint64_t	 bucket[CT_BUCKETS];	/* not cumulative */
	uint64_t	 count;
	uint64_t	 sum_us;
};

/* Why an outbound request (fetch, js/builtin/fetch_curl.c) failed. */
enum ct_fetch_cause {
	CT_FETCH_REFUSED,	/* connect: ECONNREFUSED, EHOSTUNREACH, ... */
	CT_FETCH_DNS,		/* ENOTFOUND */
	CT_FETCH_TIMEOUT,	/* fetch.timeout, AbortSignal.timeout */
	CT_FETCH_TLS,		/* certificate or handshake */
	CT_FETCH_TOO_LARGE,	/* fetch.max_response_size */
	CT_FETCH_DENIED,	/* fetch.allow, fetch.deny */
	CT_FETCH_REDIRECT,	/* fetch.max_redirects, redirect: 'error' */
	CT_FETCH_ABORTED,	/* AbortController, or the request ended */
	CT_FETCH_OTHER,		/* reset connections, bad replies, ... */
	CT_FETCH_N
};
extern const char *const counters_fetch_causes[CT_FETCH_N];

/* A pool's outbound requests: responses by status class, failures. */
struct ct_fetch {
	uint64_t	 status[5];		/* 1xx .. 5xx */
	uint64_t	 failed[CT_FETCH_N];
	struct ct_hist	 duration;		/* every one, failed or not */
};

struct ct_function {
	uint32_t	 state;		/* 0 free, 1 being claimed, 2 ready */
	int32_t		 pool;		/* index of its pool */
	char		 name[CT_NAME_MAX];
	uint64_t	 status[5];	/* 1xx .. 5xx */
	struct ct_hist	 duration;
	uint64_t	 memory;	/* bytes of its state after the last request */
	uint64_t	 memory_max;
};

struct ct_pool {
	char		 name[CONFIG_POOL_NAME_MAX + 1];	/* "": free */
	int64_t		 start_time;	/* epoch seconds of its first start */
	int64_t		 start_ms;	/* the same, monotonic */
	int64_t		 max_workers;	/* of its current configuration */

	/* workers */
	uint64_t	 requests;
	int64_t		 active;	/* busy now */
	int64_t		 max_active;
	uint64_t	 max_children_reached;	/* all workers busy at once */
	uint64_t	 read_timeouts;	/* connections closed with no whole
					   request: request_read_timeout, or
					   the cap on incomplete ones */
	uint64_t	 fastcgi_refused;	/* connections refused for their
						   records (caps, bad records) */

	/* master */
	uint64_t	 spawned;
	uint64_t	 exits[CT_EXIT_N];
	uint64_t	 slow;		/* past slowlog_timeout */
	uint64_t	 rejected;	/* 503 after queue_timeout */
	int64_t		 listen_queue_max;
	int64_t		 queue_wait_max_ms;
	struct ct_hist	 queue_wait;	/* seen waiting in the backlog */

	struct ct_function none;	/* requests that reached no function */
	struct ct_function other;	/* functions past CT_FUNCTIONS */

	struct ct_fetch	 fetch;		/* workers' outbound requests */
};

/* A database of a pool (db.NAME), as its workers used it (js/builtin/db.c). */
struct ct_db {
	uint32_t	 state;		/* as struct ct_function's */
	int32_t		 pool;
	char		 name[CT_NAME_MAX];
	uint64_t	 queries;	/* statements run, failed or not */
	uint64_t	 errors;	/* statements and connections that failed */
	struct ct_hist	 duration;
};

/* Master, before the first fork (idempotent). */
int	 counters_init(void);
/* Master: the entry of a pool (claimed if new); -1 when the table is full. */
int	 counters_pool_index(const char *name);
struct ct_pool		*counters_pool(int index);	/* NULL for -1 */
struct ct_function	*counters_function_at(int i);	/* 0 .. CT_FUNCTIONS-1 */

/* A worker, after each request.  function NULL: it reached none. */
void	 counters_request(int pool, const char *function, int status,
	    int64_t duration_us, uint64_t memory);
/* A worker, after each fetch: a response's status, or a failure's cause. */
void	 counters_fetch(int pool, int status, int cause, int64_t duration_us);
/*
 * A worker: the entry of database name of the pool, claimed if new; -1
 * when there are no counters or the table is full.
 */
int	 counters_db_index(int pool, const char *name);
struct ct_db	*counters_db_at(int i);		/* NULL: free, or -1 */
/* A worker: a connection closed without a whole request, or refused
 * for its FastCGI records. */
void	 counters_read_timeout(int pool);
void	 counters_fastcgi_refused(int pool);
/* A worker going busy (+1) or idle (-1); the master for a dead busy one. */
void	 counters_active(int pool, int delta);

void	 counters_add(uint64_t *, uint64_t);
void	 counters_max(int64_t *, int64_t);
void	 counters_observe(struct ct_hist *, int64_t us);
uint64_t counters_get(const uint64_t *);

#endif
