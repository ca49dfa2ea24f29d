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

#include "core/config.h"

#define STATUS_CONNS_MAX	32
/* every pool's status socket and the open connections */
#define STATUS_POLLFDS_MAX	(CONFIG_WORKERS_TOTAL + STATUS_CONNS_MAX)

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

/* A pool's status socket: opened (or kept) and closed by generation.c. */
int	 status_listen_open(const struct pool_config *);
void	 status_listen_close(const struct pool_config *, int fd);

#endif
