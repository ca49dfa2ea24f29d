/*
 * status: the master's status sockets.
 *
 * Each connection is a small state machine driven by the master's poll
 * loop: read without blocking until fastcgi.c sees a whole request,
 * answer it from the scoreboard and the shared counters, write without
 * blocking, then close (or wait for the next request with
 * fastcgi_keep_conn).  A connection gets STATUS_IO_MS in all and at most
 * FASTCGI_INPUT_MAX bytes; at most STATUS_CONNS_MAX are open at once,
 * the others wait in the backlog.  So a slow or hostile client costs the
 * master a few system calls, never a wait.
 */
#include <sys/socket.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/fastcgi.h"
#include "master/listen.h"
#include "core/log.h"
#include "core/proxies.h"
#include "http/request.h"
#include "core/response.h"
#include "master/status.h"
#include "core/utf8.h"

#define STATUS_IO_MS		5000

struct conn {
	int		 fd;		/* -1: unused */
	char		 pool[CONFIG_POOL_NAME_MAX + 1];
	int64_t		 deadline;
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

/* ---- the sockets ---------------------------------------------------------- */

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

/* ---- what a pool looks like now -------------------------------------------- */

uint64_t
status_exits(const struct ct_pool *ct, int crashes_only)
{
	uint64_t n = 0;
	int i;

	for (i = 0; i < CT_EXIT_N; i++)
		if (!crashes_only || (i != CT_EXIT_RECYCLE &&
		    i != CT_EXIT_MEMORY))
			n += counters_get(&ct->exits[i]);
	return n;
}

void
status_view(struct pool *p, struct pool_view *v)
{
	struct sb_slot s;
	int i;

	memset(v, 0, sizeof(*v));
	v->pool = p;
	v->ct = counters_pool(p->counters);
	v->now = monotonic_ms();
	for (i = 0; i < SB_SLOTS; i++) {
		if (M.workers[i].pool != p || M.workers[i].pid == 0)
			continue;
		scoreboard_read(i, &s);
		v->total++;
		v->idle += s.state == SB_IDLE;
		v->busy += s.state == SB_BUSY;
		v->starting += s.state == SB_STARTING;
	}
	v->listen_queue = pool_sample_queue(p, v->now);
	v->healthy = v->idle + v->busy > 0 && p->respawn_at <= v->now;
}

/* ---- the endpoints ----------------------------------------------------------- */

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

static const char *
state_name(int state)
{
	switch (state) {
	case SB_STARTING:
		return "starting";
	case SB_IDLE:
		return "idle";
	case SB_BUSY:
		return "busy";
	default:
		return "free";
	}
}

/* A string member; bytes that are not UTF-8 (a raw URI) become U+FFFD,
 * so the document is always valid JSON. */
static void
json_str(struct buf *out, const char *key, const char *value, int comma)
{
	struct buf text;

	buf_init(&text);
	utf8_text(value, strlen(value), &text);
	buf_printf(out, "%s\"%s\":", comma ? "," : "", key);
	json_escape(out, buf_cstr(&text), text.len);
	buf_free(&text);
}

static void
json_num(struct buf *out, const char *key, long long value)
{
	buf_printf(out, ",\"%s\":%lld", key, value);
}

static void
status_json_workers(const struct pool_view *v, struct buf *out)
{
	struct sb_slot s;
	int i, first = 1;

	buf_puts(out, ",\"workers\":[");
	for (i = 0; i < SB_SLOTS; i++) {
		if (M.workers[i].pool != v->pool || M.workers[i].pid == 0)
			continue;
		scoreboard_read(i, &s);
		buf_printf(out, "%s{\"pid\":%ld", first ? "" : ",",
		    (long)M.workers[i].pid);
		first = 0;
		json_str(out, "state", state_name(s.state), 1);
		json_num(out, "requests", (long long)s.requests);
		json_num(out, "age_s", (long long)(v->now - s.started_ms) / 1000);
		json_num(out, "rss", (long long)s.rss);
		if (s.state == SB_BUSY) {
			json_str(out, "function", s.function, 1);
			json_str(out, "uri", s.uri, 1);
			json_str(out, "request_id", s.request_id, 1);
			json_num(out, "request_ms",
			    (long long)(v->now - s.request_ms));
		} else if (s.requests > 0) {
			json_str(out, "last_function", s.function, 1);
			json_str(out, "last_uri", s.uri, 1);
			json_str(out, "last_request_id", s.request_id, 1);
			json_num(out, "last_request_ms", (long long)s.last_ms);
		}
		buf_putc(out, '}');
	}
	buf_putc(out, ']');
}

/* The pool's figures, in order: name, JSON key, PHP-FPM-like text name. */
struct figure {
	const char	*json, *text;
	long long	 value;
};

static int
figures(const struct pool_view *v, struct figure *f)
{
	const struct ct_pool *ct = v->ct;
	static const struct ct_pool zero;
	int n = 0;

	if (ct == NULL)
		ct = &zero;
#define FIG(j, t, val) do { f[n].json = j; f[n].text = t; \
	f[n].value = (long long)(val); n++; } while (0)
	FIG("start_time", "start time", ct->start_time);
	FIG("start_since", "start since", (v->now - ct->start_ms) / 1000);
	FIG("accepted_requests", "accepted conn", counters_get(&ct->requests));
	FIG("listen_queue", "listen queue", v->listen_queue);
	FIG("max_listen_queue", "max listen queue", ct->listen_queue_max);
	FIG("listen_queue_len", "listen queue len", v->pool->conf->listen_backlog);
	FIG("queued_requests", "queued requests", ct->queue_wait.count);
	FIG("queue_wait_ms_total", "queue wait total ms", ct->queue_wait.sum_us / 1000);
	FIG("queue_wait_ms_max", "queue wait max ms", ct->queue_wait_max_ms);
	FIG("rejected_requests", "rejected requests", ct->rejected);
	FIG("idle_workers", "idle processes", v->idle);
	FIG("active_workers", "active processes", v->busy);
	FIG("starting_workers", "starting processes", v->starting);
	FIG("total_workers", "total processes", v->total);
	FIG("max_active_workers", "max active processes", ct->max_active);
	FIG("max_children_reached", "max children reached", ct->max_children_reached);
	FIG("slow_requests", "slow requests", ct->slow);
	FIG("read_timeouts", "read timeouts", counters_get(&ct->read_timeouts));
	FIG("fastcgi_refused", "fastcgi refused", counters_get(&ct->fastcgi_refused));
	FIG("worker_starts", "worker starts", ct->spawned);
	FIG("worker_restarts", "worker restarts", status_exits(ct, 0));
	FIG("worker_crashes", "worker crashes", status_exits(ct, 1));
#undef FIG
	return n;
}

#define FIGURES_MAX	32

static void
status_json(const struct pool_view *v, int full, struct buf *out)
{
	struct figure f[FIGURES_MAX];
	int i, n = figures(v, f);

	http_head(out, 200, "application/json");
	buf_putc(out, '{');
	json_str(out, "pool", v->pool->conf->name, 0);
	json_str(out, "process_manager",
	    v->pool->conf->pm == PM_STATIC ? "static" : "dynamic", 1);
	json_num(out, "generation", v->pool->gen->id);
	buf_printf(out, ",\"healthy\":%s", v->healthy ? "true" : "false");
	for (i = 0; i < n; i++)
		json_num(out, f[i].json, f[i].value);
	buf_puts(out, ",\"worker_exits\":{");
	for (i = 0; i < CT_EXIT_N; i++)
		buf_printf(out, "%s\"%s\":%llu", i ? "," : "",
		    counters_exit_names[i], v->ct == NULL ? 0ULL :
		    (unsigned long long)counters_get(&v->ct->exits[i]));
	buf_putc(out, '}');
	if (full)
		status_json_workers(v, out);
	buf_puts(out, "}\n");
}

static void
status_text_workers(const struct pool_view *v, struct buf *out)
{
	struct sb_slot s;
	int i;

	for (i = 0; i < SB_SLOTS; i++) {
		if (M.workers[i].pool != v->pool || M.workers[i].pid == 0)
			continue;
		scoreboard_read(i, &s);
		buf_printf(out, "\n************************\n"
		    "pid:                  %ld\n"
		    "state:                %s\n"
		    "start since:          %lld\n"
		    "requests:             %llu\n"
		    "rss:                  %llu\n",
		    (long)M.workers[i].pid, state_name(s.state),
		    (long long)(v->now - s.started_ms) / 1000,
		    (unsigned long long)s.requests, (unsigned long long)s.rss);
		if (s.state == SB_BUSY)
			buf_printf(out, "request duration ms:  %lld\n"
			    "request URI:          %s\n"
			    "function:             %s\n"
			    "request id:           %s\n",
			    (long long)(v->now - s.request_ms), s.uri,
			    s.function[0] ? s.function : "-", s.request_id);
		else if (s.requests > 0)
			buf_printf(out, "last request ms:      %lld\n"
			    "last request URI:     %s\n"
			    "last function:        %s\n"
			    "last request id:      %s\n", (long long)s.last_ms,
			    s.uri, s.function[0] ? s.function : "-",
			    s.request_id);
	}
}

static void
status_text(const struct pool_view *v, int full, struct buf *out)
{
	struct figure f[FIGURES_MAX];
	int i, n = figures(v, f);
	char label[32];

	http_text(out, 200, "");
	buf_printf(out, "%-22s%s\n%-22s%s\n", "pool:", v->pool->conf->name,
	    "process manager:",
	    v->pool->conf->pm == PM_STATIC ? "static" : "dynamic");
	for (i = 0; i < n; i++) {
		snprintf(label, sizeof(label), "%s:", f[i].text);
		if (strcmp(f[i].json, "start_time") == 0) {
			time_t t = (time_t)f[i].value;
			struct tm tm;
			char when[64];

			localtime_r(&t, &tm);
			strftime(when, sizeof(when), "%d/%b/%Y:%H:%M:%S %z", &tm);
			buf_printf(out, "%-22s%s\n", label, when);
			continue;
		}
		buf_printf(out, "%-22s%lld\n", label, f[i].value);
	}
	if (full)
		status_text_workers(v, out);
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
		v = request_param(env, vars[i]);
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

	for (p = M.pools; p != NULL; p = p->next)
		if (!p->retired && strcmp(p->conf->name, name) == 0)
			return p;
	return NULL;
}

static void
answer(const char *name, char **env, struct buf *out)
{
	const char *method = request_param(env, "REQUEST_METHOD");
	const char *addr = request_param(env, "REMOTE_ADDR");
	const char *qs = request_param(env, "QUERY_STRING");
	const struct pool_config *c;
	struct pool_view v;
	struct pool *p;

	if ((p = current_pool(name)) == NULL) {
		http_text(out, 503, "pool gone (reloaded)\n");
		return;
	}
	c = p->conf;
	if (c->status_allowed_clients != NULL &&
	    !proxies_trusted(c->status_allowed_clients, addr)) {
		log_info("pool %s: status: client %s is not in "
		    "status.allowed_clients: 403", c->name, addr ? addr : "-");
		http_text(out, 403, "Forbidden\n");
		return;
	}
	if (method == NULL || (strcmp(method, "GET") != 0 &&
	    strcmp(method, "HEAD") != 0)) {
		http_text(out, 405, "Method Not Allowed: use GET\n");
		return;
	}
	if (!path_is(env, c->ping_path) && !path_is(env, c->status_path) &&
	    !path_is(env, c->metrics_path)) {
		http_text(out, 404, "Not Found\n");
		return;
	}
	status_view(p, &v);
	if (path_is(env, c->ping_path))
		http_text(out, v.healthy ? 200 : 503, v.healthy ? "ok\n" :
		    "unavailable: no worker up, or respawns backing off\n");
	else if (path_is(env, c->metrics_path)) {
		http_head(out, 200, "text/plain; version=0.0.4; charset=utf-8");
		metrics_render(&v, out);
	} else if (query_has(qs, "text"))
		status_text(&v, query_has(qs, "full"), out);
	else
		status_json(&v, query_has(qs, "full"), out);
}

/* ---- connections ------------------------------------------------------------ */

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
	method = request_param(r.env, "REQUEST_METHOD");
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
	c->deadline = monotonic_ms() + STATUS_IO_MS;
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

static void
conns_accept(struct pool *p)
{
	struct conn *c;
	int fd, i;

	while (nconns < STATUS_CONNS_MAX) {
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
		c->deadline = monotonic_ms() + STATUS_IO_MS;
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
	if (nconns >= STATUS_CONNS_MAX)
		return n;	/* the others wait in the backlogs */
	for (p = M.pools; p != NULL && n < max; p = p->next) {
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
			log_info("pool %s: status: a client took over %d ms: "
			    "closing", conns[i].pool, STATUS_IO_MS);
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
	for (p = M.pools; p != NULL; p = p->next)
		if (p->status_fd != -1)
			close(p->status_fd);
}
