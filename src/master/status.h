/*
 * status: the master's own endpoints, on each pool's status.listen
 * socket: ping.path (health), status.path (JSON, ?text, ?full) and
 * metrics.path (Prometheus, metrics.c).  The master accepts and answers
 * them in its poll loop without blocking, so they answer even when every
 * worker is busy.  See docs/operations.md.
 */
#ifndef FNPOOL_STATUS_H
#define FNPOOL_STATUS_H

#include <poll.h>
#include <stdint.h>

#include "core/buf.h"
#include "shm/counters.h"
#include "master/pool.h"

#define STATUS_CONNS_MAX	32
/* every pool's status socket and the open connections */
#define STATUS_POLLFDS_MAX	(CONFIG_WORKERS_TOTAL + STATUS_CONNS_MAX)

/* What the endpoints report of one pool, taken at once. */
struct pool_view {
	struct pool	*pool;
	struct ct_pool	*ct;		/* NULL: no counters entry */
	int		 idle, busy, starting, total;
	int		 listen_queue;	/* -1: unknown */
	int		 healthy;
	int64_t		 now;		/* monotonic ms */
};
void	 status_view(struct pool *, struct pool_view *);
uint64_t status_exits(const struct ct_pool *, int crashes_only);

/* The loop: fills pfd (at most max) with the status sockets and open
 * connections, and returns how many; after poll, status_events handles
 * them (before anything can change the pools). */
int	 status_pollfds(struct pollfd *, int max);
void	 status_events(const struct pollfd *, int n);
/* ms until a connection's deadline (-1: none); closes the late ones. */
int	 status_timeout(int64_t now);
void	 status_close_all(void);
/* In a new worker: closes the master's status descriptors (without
 * touching the master's state, which the worker does not own). */
void	 status_child_close(void);

/* A pool's status socket: opened (or kept) by generation.c. */
int	 status_listen_open(const struct pool_config *);
void	 status_listen_close(const struct pool_config *, int fd);

/* metrics.c: the Prometheus text of one pool. */
void	 metrics_render(const struct pool_view *, struct buf *out);

#endif
