/*
 * conns: the FastCGI connections a worker holds, filed by what they
 * hold: kept idle between requests, reading a request (with a deadline),
 * ready to serve (a connection's first request, or a kept one's), or
 * lingering after an answer that left input unread.  Every one of them
 * is in the worker's epoll set; conns_event reads the one epoll reports.
 */
#ifndef FNPOOL_CONNS_H
#define FNPOOL_CONNS_H

#include <stdint.h>

#include "core/config.h"
#include "worker/fcgi_conn.h"

#define CONNS_KEPT_MAX		256	/* kept idle connections */
#define CONNS_READING_MAX	64	/* connections reading a request */
#define CONNS_LINGER_MAX	64
#define CONNS_SPARE		8	/* closed ones kept for reuse */

struct conn_list {
	struct conn	*head, *tail;
	int		 n;
};

/* How a connection goes on after its request. */
enum conn_end {
	CONN_END_KEEP,	/* nginx keeps it (FCGI_KEEP_CONN) */
	CONN_END_CLOSE,	/* all input read, or nothing more to say */
	CONN_END_LINGER,	/* input left unread: shut down, drain, close */
};

struct conns {
	int			 ep;
	const struct pool_config *pool;
	struct conn_list	 idle;		/* least recently served first */
	struct conn_list	 reading;	/* earliest deadline first */
	struct conn_list	 fresh;		/* ready: first requests */
	struct conn_list	 kept;		/* ready: on kept connections */
	struct conn_list	 linger;	/* earliest deadline first */
	struct conn		**byfd;
	int			 nbyfd;
	struct conn		*spare[CONNS_SPARE];
	int			 nspare;
	int64_t			 now;		/* 0: not read since the wait */
	int			 draining;	/* keep nothing (a stop) */
};

void	 conns_init(struct conns *, int ep, const struct pool_config *);
void	 conns_close_all(struct conns *);

/* A connection just accepted: read and filed.  Returns it when its
 * request is ready (in fresh), else NULL. */
struct conn *conns_accepted(struct conns *, int fd);
/* epoll reported fd readable (or hung up). */
void	 conns_event(struct conns *, int fd);
/* Closes the connections past their deadline. */
void	 conns_expire(struct conns *);
/* How long to wait for events: -1 none, 0 a request is ready. */
int	 conns_wait_ms(struct conns *);
/* The same, ready requests aside (a worker at max_concurrent). */
int	 conns_deadline_ms(struct conns *);
/* Connections that may bring a request: kept, reading or ready. */
int	 conns_held(const struct conns *);

struct conn *conns_pop(struct conn_list *);
/* After its request: kept (its next request may be in already), closed
 * or lingering. */
void	 conns_after(struct conns *, struct conn *, enum conn_end);
/*
 * For a stop: closes every connection but those accepted whose first
 * request is ready or under way, which get until now + ms at most.
 */
void	 conns_drain(struct conns *, long ms);

#endif
