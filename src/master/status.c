/*
 * status: the master's status sockets and their connections; what they
 * answer comes from status_view.c and metrics.c.
 *
 * Each connection is a small state machine driven by the master's poll
 * loop: read without blocking until fastcgi.c sees a whole request,
 * answer it from the scoreboard and the shared counters, write without
 * blocking, then close (or wait for the next request with
 * fastcgi_keep_conn).  A connection gets STATUS_IO_MS, or the pool's
 * request_read_timeout when shorter, and at most FASTCGI_INPUT_MAX
 * bytes; at most STATUS_CONNS_MAX are open at once.
 * When they are all taken, a new connection closes the one that has
 * waited longest for its request: peers that connect and send nothing
 * can never hold the health check off.  So a slow or hostile client
 * costs the master a few system calls, never a wait.
 */
#include <sys/socket.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/fastcgi.h"
#include "core/log.h"
#include "core/proxies.h"
#include "core/response.h"
#include "master/listen.h"
#include "master/manager.h"
#include "master/metrics.h"
#include "master/status.h"
#include "master/status_view.h"
#include "shm/counters.h"
#include "shm/scoreboard.h"

#define STATUS_IO_MS		5000

struct conn {
	int		 fd;		/* -1: unused */
	char		 pool[CONFIG_POOL_NAME_MAX + 1];
	int		 counters;	/* the pool's, -1: none */
	long		 io_ms;		/* what a request may take to arrive */
	int64_t		 deadline;
	int64_t		 since;		/* accepted, or its last answer sent */
	struct buf	 in, out;
	size_t		 sent;		/* of out, while writing */
	int		 keep;		/* read the next request after */
};

static struct conn conns[STATUS_CONNS_MAX];
static int nconns;

/* What each pollfd of the last status_pollfds stands for. */
static struct {
	struct pool	*pool;		/* a status socket, or */
	struct conn	*conn;		/* a connection */
} watched[STATUS_POLLFDS_MAX];

/* ---- the sockets ------------------------------------------------------- */

int
status_listen_open(const struct pool_config *conf)
{
	struct pool_config c = *conf;

	c.listen = conf->status_listen;
	return listen_open(&c);
}

void
status_listen_close(const struct pool_config *conf, int fd)
{
	struct pool_config c = *conf;

	c.listen = conf->status_listen;
	listen_close(&c, fd);
}

/* ---- the endpoints ----------------------------------------------------- */

static void
http_head(struct buf *out, int status, const char *type)
{
	buf_printf(out, "Status: %d %s\r\nContent-Type: %s\r\n"
	    "Cache-Control: no-store\r\n\r\n", status, response_reason(status),
	    type);
}

static void
http_text(struct buf *out, int status, const char *text)
{
	http_head(out, status, "text/plain; charset=utf-8");
	buf_puts(out, text);
}

/* Whether the query string (a&b&c) holds the flag. */
static int
query_has(const char *qs, const char *flag)
{
	size_t n = strlen(flag);

	while (qs != NULL && *qs != '\0') {
		if (strncmp(qs, flag, n) == 0 && (qs[n] == '\0' ||
		    qs[n] == '&' || qs[n] == '='))
			return 1;
		qs = strchr(qs, '&');
		if (qs != NULL)
			qs++;
	}
	return 0;
}

/* Whether the request's path (SCRIPT_NAME, DOCUMENT_URI or REQUEST_URI
 * without its query) is path. */
static int
path_is(char **env, const char *path)
{
	static const char *vars[] = { "SCRIPT_NAME", "DOCUMENT_URI",
	    "REQUEST_URI" };
	const char *v;
	size_t i;

	if (path == NULL)
		return 0;
	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		v = fastcgi_param(env, vars[i]);
		if (v != NULL && strncmp(v, path, strlen(path)) == 0 &&
		    (v[strlen(path)] == '\0' || v[strlen(path)] == '?'))
			return 1;
	}
	return 0;
}

static struct pool *
current_pool(const char *name)
{
	struct pool *p;

	for (p = manager.pools; p != NULL; p = p->next)
		if (!p->retired && strcmp(p->conf->name, name) == 0)
			return p;
	return NULL;
}

/* Answers what the endpoints refuse: a client not in
 * status.allowed_clients, a method other than GET and HEAD, a path that
 * is none of theirs.  0: none of those. */
static int
refuse(const struct pool_config *c, char **env, struct buf *out)
{
	const char *method = fastcgi_param(env, "REQUEST_METHOD");
	const char *addr = fastcgi_param(env, "REMOTE_ADDR");

	if (c->status_allowed_clients != NULL &&
	    !proxies_trusted(c->status_allowed_clients, addr)) {
		log_info("pool %s: status: client %s is not in "
		    "status.allowed_clients: 403", c->name, addr ? addr : "-");
		http_text(out, 403, "Forbidden\n");
		return 1;
	}
	if (method == NULL || (strcmp(method, "GET") != 0 &&
	    strcmp(method, "HEAD") != 0)) {
		http_text(out, 405, "Method Not Allowed: use GET\n");
		return 1;
	}
	if (!path_is(env, c->ping_path) && !path_is(env, c->status_path) &&
	    !path_is(env, c->metrics_path)) {
		http_text(out, 404, "Not Found\n");
		return 1;
	}
	return 0;
}

static void
answer(const char *name, char **env, struct buf *out)
{
	const char *qs = fastcgi_param(env, "QUERY_STRING");
	const struct pool_config *c;
	struct pool_view v;
	struct pool *p;

	if ((p = current_pool(name)) == NULL) {
		http_text(out, 503, "pool gone (reloaded)\n");
		return;
	}
	c = p->conf;
	if (refuse(c, env, out))
		return;
	status_view(p, &v);
	if (path_is(env, c->ping_path)) {
		http_text(out, v.healthy ? 200 : 503, v.healthy ? "ok\n" :
		    "unavailable: no worker up\n");
	} else if (path_is(env, c->metrics_path)) {
		http_head(out, 200, "text/plain; version=0.0.4; charset=utf-8");
		metrics_render(&v, out);
	} else if (query_has(qs, "text")) {
		http_head(out, 200, "text/plain; charset=utf-8");
		status_view_text(&v, query_has(qs, "full"), out);
	} else {
		http_head(out, 200, "application/json");
		status_view_json(&v, query_has(qs, "full"), out);
	}
}

/* ---- connections ------------------------------------------------------- */

static void
conn_close(struct conn *c)
{
	close(c->fd);
	c->fd = -1;
	buf_free(&c->in);
	buf_free(&c->out);
	nconns--;
}

/* Answers the request at the start of c->in, if whole; -1: close. */
static int
conn_request(struct conn *c)
{
	struct fastcgi_request r;
	struct buf http;
	const char *method;
	size_t body;
	int rc;

	rc = fastcgi_parse((const unsigned char *)c->in.data, c->in.len, &r);
	if (rc <= 0) {
		if (rc == -1)
			log_info("pool %s: status: not a FastCGI responder "
			    "request: closing", c->pool);
		return rc;
	}
	buf_init(&http);
	answer(c->pool, r.env, &http);
	method = fastcgi_param(r.env, "REQUEST_METHOD");
	if (method != NULL && strcmp(method, "HEAD") == 0) {
		const char *end = memmem(http.data, http.len, "\r\n\r\n", 4);

		body = end != NULL ? http.len - (size_t)(end + 4 - http.data) : 0;
		http.len -= body;
	}
	buf_reset(&c->out);
	fastcgi_respond(r.id, http.data, http.len, &c->out);
	buf_free(&http);
	c->sent = 0;
	c->keep = r.keep_conn;
	memmove(c->in.data, c->in.data + r.used, c->in.len - r.used);
	c->in.len -= r.used;
	fastcgi_request_free(&r);
	return 1;
}

static void
conn_write(struct conn *c)
{
	ssize_t n;

	while (c->sent < c->out.len) {
		n = send(c->fd, c->out.data + c->sent, c->out.len - c->sent,
		    MSG_NOSIGNAL);
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			return;
		if (n <= 0) {
			conn_close(c);
			return;
		}
		c->sent += (size_t)n;
	}
	buf_reset(&c->out);
	if (!c->keep) {
		conn_close(c);
		return;
	}
	c->since = monotonic_ms();
	c->deadline = c->since + c->io_ms;
	if (c->in.len > 0 && conn_request(c) == -1)
		conn_close(c);
	else if (c->out.len > 0)
		conn_write(c);
}

/* Reads what the peer sent; a peer that shut its side down after a whole
 * request still gets the answer. */
static void
conn_read(struct conn *c)
{
	char chunk[4096];
	ssize_t n;
	int eof = 0;

	while (c->in.len <= FASTCGI_INPUT_MAX) {
		n = recv(c->fd, chunk, sizeof(chunk), 0);
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			break;
		if (n <= 0) {
			eof = 1;
			break;
		}
		buf_append(&c->in, chunk, (size_t)n);
	}
	switch (conn_request(c)) {
	case 1:
		if (eof)
			c->keep = 0;
		conn_write(c);
		return;
	case -1:
		conn_close(c);
		return;
	}
	if (eof)
		conn_close(c);
}

/* The connection that has waited longest for a request; NULL when every
 * one is writing an answer. */
static struct conn *
conns_idlest(void)
{
	struct conn *oldest = NULL;
	int i;

	for (i = 0; i < STATUS_CONNS_MAX; i++)
		if (conns[i].fd > 0 && conns[i].out.len == 0 &&
		    (oldest == NULL || conns[i].since < oldest->since))
			oldest = &conns[i];
	return oldest;
}

/* Makes room for a new connection; 0 when none can go. */
static int
conns_evict(void)
{
	struct conn *oldest = conns_idlest();

	if (oldest == NULL)
		return 0;
	log_debug("pool %s: status: %d connections open: closing the one "
	    "idle longest", oldest->pool, STATUS_CONNS_MAX);
	counters_read_timeout(oldest->counters);
	conn_close(oldest);
	return 1;
}

static void
conns_accept(struct pool *p)
{
	struct conn *c;
	int fd, i;

	for (;;) {
		if (nconns >= STATUS_CONNS_MAX && !conns_evict())
			return;		/* the others wait in the backlog */
		fd = accept4(p->status_fd, NULL, NULL, SOCK_NONBLOCK |
		    SOCK_CLOEXEC);
		if (fd == -1) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != EINTR && errno != ECONNABORTED)
				log_warn("pool %s: status: accept: %s",
				    p->conf->name, strerror(errno));
			return;
		}
		for (i = 0; conns[i].fd > 0; i++)
			;
		c = &conns[i];
		c->fd = fd;
		snprintf(c->pool, sizeof(c->pool), "%s", p->conf->name);
		c->counters = p->counters;
		c->io_ms = p->conf->request_read_timeout_ms < STATUS_IO_MS ?
		    p->conf->request_read_timeout_ms : STATUS_IO_MS;
		c->since = monotonic_ms();
		c->deadline = c->since + c->io_ms;
		buf_init(&c->in);
		buf_init(&c->out);
		c->sent = 0;
		c->keep = 0;
		nconns++;
	}
}

int
status_pollfds(struct pollfd *pfd, int max)
{
	struct pool *p;
	int i, n = 0;

	if (max > STATUS_POLLFDS_MAX)
		max = STATUS_POLLFDS_MAX;
	for (i = 0; i < STATUS_CONNS_MAX && n < max; i++) {
		if (conns[i].fd <= 0)
			continue;
		pfd[n].fd = conns[i].fd;
		pfd[n].events = conns[i].out.len > 0 ? POLLOUT : POLLIN;
		watched[n].conn = &conns[i];
		watched[n++].pool = NULL;
	}
	if (nconns >= STATUS_CONNS_MAX && conns_idlest() == NULL)
		return n;	/* all writing: the others wait in the backlogs */
	for (p = manager.pools; p != NULL && n < max; p = p->next) {
		if (p->retired || p->status_fd == -1)
			continue;
		pfd[n].fd = p->status_fd;
		pfd[n].events = POLLIN;
		watched[n].conn = NULL;
		watched[n++].pool = p;
	}
	return n;
}

void
status_events(const struct pollfd *pfd, int n)
{
	struct conn *c;
	int i;

	for (i = 0; i < n; i++) {
		if (pfd[i].revents == 0)
			continue;
		if (watched[i].pool != NULL) {
			conns_accept(watched[i].pool);
			continue;
		}
		c = watched[i].conn;
		if (c->fd != pfd[i].fd)
			continue;
		if (c->out.len > 0)
			conn_write(c);
		else
			conn_read(c);
	}
}

int
status_timeout(int64_t now)
{
	int64_t t = -1;
	int i;

	for (i = 0; i < STATUS_CONNS_MAX; i++) {
		if (conns[i].fd <= 0)
			continue;
		if (now >= conns[i].deadline) {
			log_info("pool %s: status: a client took over %ld ms: "
			    "closing", conns[i].pool, conns[i].io_ms);
			counters_read_timeout(conns[i].counters);
			conn_close(&conns[i]);
			continue;
		}
		if (t == -1 || conns[i].deadline - now < t)
			t = conns[i].deadline - now;
	}
	return (int)t;
}

void
status_close_all(void)
{
	int i;

	for (i = 0; i < STATUS_CONNS_MAX; i++)
		if (conns[i].fd > 0)
			conn_close(&conns[i]);
}

void
status_child_close(void)
{
	struct pool *p;
	int i;

	for (i = 0; i < STATUS_CONNS_MAX; i++)
		if (conns[i].fd > 0)
			close(conns[i].fd);
	for (p = manager.pools; p != NULL; p = p->next)
		if (p->status_fd != -1)
			close(p->status_fd);
}
