/*
 * fcgi_conn: one FastCGI connection of a worker.  See fcgi_conn.h.
 *
 * Connections are non-blocking.  Between requests they are read only
 * when epoll says so, a bounded amount at a time, so no peer can hold
 * the worker.  While a request is served (its body past the read-ahead,
 * its response), the worker waits on that one connection, at most the
 * stall time (request_read_timeout) for each step.
 */
#include <sys/socket.h>
#include <sys/uio.h>

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "worker/fcgi_conn.h"

#define READ_SIZE	16384
#define READS_MAX	4	/* reads per conn_read: others get a turn */
#define RECORD_OUT	65528	/* STDOUT content per record */
#define RECORDS_OUT	16	/* records per writev */
#define KEEP_BUFFERS	65536	/* buffers larger than this are freed */

static struct {
	long	 stall_ms;
} cf = { 10000 };

static char rbuf[READ_SIZE];

void
conn_setup(long stall_ms)
{
	cf.stall_ms = stall_ms;
}

void
conn_init(struct conn *c, size_t params_max, size_t body_max,
    long max_workers)
{
	memset(c, 0, sizeof(*c));
	fastcgi_stream_init(&c->st, params_max, body_max, max_workers,
	    max_workers);
	buf_init(&c->pending);
	c->fd = -1;
}

void
conn_open(struct conn *c, int fd)
{
	fastcgi_stream_reset(&c->st);
	buf_reset(&c->pending);
	c->fd = fd;
	c->state = CONN_READING;
	c->served = 0;
	c->deadline_ms = 0;
	c->got = 0;
	c->prev = c->next = NULL;
	c->list = NULL;
	c->in_set = 0;
}

void
conn_close(struct conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	fastcgi_stream_reset(&c->st);
	fastcgi_stream_trim(&c->st, KEEP_BUFFERS);
	if (c->pending.cap > KEEP_BUFFERS)
		buf_free(&c->pending);
}

void
conn_free(struct conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	fastcgi_stream_free(&c->st);
	buf_free(&c->pending);
}

const char *
conn_why(const struct conn *c)
{
	return c->st.error != NULL ? c->st.error : "bad records";
}

/*
 * Sends the parser's answers (management records, refused requests)
 * without waiting: a peer that does not take a few bytes is refused.
 */
static int
reply_flush(struct conn *c)
{
	struct buf *r = &c->st.reply;
	ssize_t n;

	if (r->len == 0)
		return 0;
	do
		n = write(c->fd, r->data, r->len);
	while (n == -1 && errno == EINTR);
	if (n != (ssize_t)r->len)
		return -1;
	buf_reset(r);
	return 0;
}

/* Can the request be served: all of it in, or enough of its body. */
static int
dispatchable(const struct fastcgi_stream *st)
{
	return st->state == FASTCGI_DONE || (st->state == FASTCGI_STDIN &&
	    (st->body_over || st->body.len >= CONN_READAHEAD));
}

/*
 * Parses in[0..n); what the request does not take (the next request's
 * bytes) waits in pending.
 */
static enum conn_io
conn_feed(struct conn *c, const char *in, size_t n)
{
	size_t took = fastcgi_stream_feed(&c->st, in, n);

	if (took < n && c->st.state != FASTCGI_ERROR)
		buf_append(&c->pending, in + took, n - took);
	if (c->st.state == FASTCGI_ERROR)
		return CONN_IO_REFUSED;
	if (reply_flush(c) == -1) {
		c->st.error = "the peer does not read the answers to its records";
		return CONN_IO_REFUSED;
	}
	if (c->st.close)
		return CONN_IO_LINGER;
	return dispatchable(&c->st) ? CONN_IO_READY : CONN_IO_MORE;
}

/* Parses what waited in pending (the bytes after the last request). */
static enum conn_io
conn_feed_pending(struct conn *c)
{
	struct buf p = c->pending;
	enum conn_io io;

	buf_init(&c->pending);
	io = conn_feed(c, p.data, p.len);
	if (c->pending.len == 0) {	/* keep the larger allocation */
		buf_free(&c->pending);
		c->pending = p;
		buf_reset(&c->pending);
	} else
		buf_free(&p);
	return io;
}

enum conn_io
conn_read(struct conn *c)
{
	enum conn_io io;
	ssize_t n;
	int i;

	if (c->pending.len > 0 &&
	    (io = conn_feed_pending(c)) != CONN_IO_MORE)
		return io;
	for (i = 0; i < READS_MAX; i++) {
		n = read(c->fd, rbuf, sizeof(rbuf));
		if (n == -1 && errno == EINTR) {
			i--;
			continue;
		}
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return CONN_IO_MORE;
		if (n <= 0)
			return CONN_IO_EOF;
		c->got += (size_t)n;
		if ((io = conn_feed(c, rbuf, (size_t)n)) != CONN_IO_MORE)
			return io;
		if ((size_t)n < sizeof(rbuf))
			return CONN_IO_MORE;	/* drained: epoll tells more */
	}
	return CONN_IO_MORE;
}

int
conn_drain(struct conn *c)
{
	ssize_t n;
	int i;

	for (i = 0; i < READS_MAX; i++) {
		n = read(c->fd, rbuf, sizeof(rbuf));
		if (n == 0 || (n == -1 && errno != EAGAIN &&
		    errno != EWOULDBLOCK && errno != EINTR))
			return 1;
		if (n == -1)
			return 0;
	}
	return 0;
}

void
conn_shutdown(struct conn *c)
{
	shutdown(c->fd, SHUT_WR);
}

/* Waits for events on the connection; 0 when the stall time passed. */
static int
wait_for(const struct conn *c, short events)
{
	struct pollfd pfd = { .fd = c->fd, .events = events };
	int n;

	do
		n = poll(&pfd, 1, (int)cf.stall_ms);
	while (n == -1 && errno == EINTR);
	return n > 0;
}

enum conn_body
conn_body(struct conn *c)
{
	ssize_t n;

	while (c->st.state == FASTCGI_STDIN && !c->st.body_over) {
		n = read(c->fd, rbuf, sizeof(rbuf));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if (!wait_for(c, POLLIN))
				return CONN_BODY_STALLED;
			continue;
		}
		if (n <= 0)
			return CONN_BODY_CLOSED;
		if (conn_feed(c, rbuf, (size_t)n) == CONN_IO_REFUSED)
			return CONN_BODY_REFUSED;
		if (c->st.aborted)
			return CONN_BODY_ABORTED;
	}
	return CONN_BODY_WHOLE;
}

int
conn_peer_gone(const struct conn *c)
{
	char b;

	return c->pending.len == 0 &&
	    recv(c->fd, &b, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

static int
writev_all(const struct conn *c, struct iovec *iov, int n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = writev(c->fd, iov, n)) == -1) {
			if (errno == EINTR)
				continue;
			if ((errno == EAGAIN || errno == EWOULDBLOCK) &&
			    wait_for(c, POLLOUT))
				continue;
			return -1;
		}
		while (n > 0 && (size_t)w >= iov->iov_len) {
			w -= (ssize_t)iov->iov_len;
			iov++;
			n--;
		}
		if (n > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= (size_t)w;
		}
	}
	return 0;
}

/*
 * STDOUT records of at most RECORD_OUT bytes, RECORDS_OUT to a writev;
 * the last writev also carries the empty STDOUT and END_REQUEST, so a
 * small response is one system call.
 */
int
conn_respond(struct conn *c, const struct buf *out)
{
	unsigned char hdr[RECORDS_OUT][FCGI_HEADER_LEN], tail[24];
	struct iovec iov[2 * RECORDS_OUT + 1];
	size_t off = 0, len;
	int n, i;

	fastcgi_header(tail, FCGI_STDOUT, c->st.id, 0);
	fastcgi_end_request(tail + 8, c->st.id, 0, FCGI_REQUEST_COMPLETE);
	do {
		for (n = 0, i = 0; n < RECORDS_OUT && off < out->len; n++) {
			len = out->len - off < RECORD_OUT ? out->len - off :
			    RECORD_OUT;
			fastcgi_header(hdr[n], FCGI_STDOUT, c->st.id, len);
			iov[i].iov_base = hdr[n];
			iov[i++].iov_len = FCGI_HEADER_LEN;
			iov[i].iov_base = out->data + off;
			iov[i++].iov_len = len;
			off += len;
		}
		if (off == out->len) {
			iov[i].iov_base = tail;
			iov[i++].iov_len = sizeof(tail);
		}
		if (writev_all(c, iov, i) == -1)
			return -1;
	} while (off < out->len);
	return 0;
}
