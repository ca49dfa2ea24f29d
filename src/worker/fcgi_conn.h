/*
 * fcgi_conn: one FastCGI connection of a worker.  Its records are read
 * without blocking and parsed by fastcgi.c's stream parser; the answers
 * to management records and refused requests, and the response, are
 * written back.  worker.c decides which connection to read and serve.
 */
#ifndef FNPOOL_FCGI_CONN_H
#define FNPOOL_FCGI_CONN_H

#include <stdint.h>

#include "core/buf.h"
#include "core/fastcgi.h"

/*
 * The body read before a request is served: a request whose STDIN ends
 * within it arrives whole; the rest of a longer one is read while it is
 * served.
 */
#define CONN_READAHEAD	65536

enum conn_state {
	CONN_IDLE,	/* kept between requests, nothing of the next yet */
	CONN_READING,	/* a request under way: it has a deadline */
	CONN_READY,	/* a request to serve */
	CONN_LINGER,	/* answered and shut down for writing: drained */
	CONN_SERVING,
};

/* What a read did (conn_read). */
enum conn_io {
	CONN_IO_MORE,	/* nothing more to do now */
	CONN_IO_READY,	/* a request to serve */
	CONN_IO_EOF,	/* the peer closed (or the connection failed) */
	CONN_IO_REFUSED,	/* bad records: conn_why says why; close */
	CONN_IO_LINGER,	/* a refused request asked to close: linger */
};

struct conn {
	int		 fd;
	enum conn_state	 state;
	long		 served;	/* requests answered on it */
	int64_t		 deadline_ms;	/* CONN_READING, CONN_LINGER */
	size_t		 got;		/* bytes since the last request */
	struct fastcgi_stream st;
	struct buf	 pending;	/* read past a request: the next one's */
	struct conn	*prev, *next;	/* in one of worker.c's lists */
	void		*list;
	int		 in_set;	/* in the worker's epoll set */
};

/* Waits for a socket at most this long at a time (conn_body, conn_respond). */
void	 conn_setup(long stall_ms);

/* A new struct conn, with the caps of its parser (max_workers: the
 * answer to GET_VALUES); then conn_open for each connection it holds. */
void	 conn_init(struct conn *, size_t params_max, size_t body_max,
	    long max_workers);
void	 conn_open(struct conn *, int fd);
/* Closes fd; keeps the buffers (up to a size) for the next conn_open. */
void	 conn_close(struct conn *);
void	 conn_free(struct conn *);

/* Reads what is there (a bounded amount) and parses it. */
enum conn_io conn_read(struct conn *);
/* Why conn_read refused the connection (a fixed text). */
const char *conn_why(const struct conn *);
/* Reads and drops input until EOF; 1 when the peer has closed. */
int	 conn_drain(struct conn *);
/* Shuts the connection down for writing: the peer sees EOF. */
void	 conn_shutdown(struct conn *);

/* How conn_body ended. */
enum conn_body {
	CONN_BODY_WHOLE,	/* or past body_max: st.body_over */
	CONN_BODY_STALLED,	/* nothing came for the stall time */
	CONN_BODY_CLOSED,	/* the peer closed (or the connection failed) */
	CONN_BODY_ABORTED,	/* ABORT_REQUEST; its END_REQUEST is sent */
	CONN_BODY_REFUSED,	/* bad records: conn_why */
};

/*
 * While the request is served: reads the rest of its body, waiting at
 * most the stall time for each piece.
 */
enum conn_body conn_body(struct conn *);
/* A peer that closed meanwhile: nobody will read the response. */
int	 conn_peer_gone(const struct conn *);
/*
 * Sends out (the CGI response) as STDOUT records, the empty one and
 * END_REQUEST.  -1 when the peer went away or took nothing for the
 * stall time.
 */
int	 conn_respond(struct conn *, const struct buf *out);

#endif
