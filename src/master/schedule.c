/*
 * schedule: see schedule.h.  Times are wall-clock seconds (cron speaks of
 * the calendar); a master that wakes late runs a due schedule once and
 * computes the next time from now, so a suspended machine does not fire
 * a backlog of runs.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "core/fastcgi.h"
#include "core/log.h"
#include "core/request_id.h"
#include "core/schedule_key.h"
#include "master/manager.h"
#include "master/schedule.h"

#define RESPONSE_KEEP	(2 * 65536)	/* past a whole record: not FastCGI */

struct sched {
	char		 pool[CONFIG_POOL_NAME_MAX + 1];
	char		 name[SCHEDULE_NAME_MAX + 1];
	char		 spec[256];
	const struct schedule_config *conf;	/* the current generation's */
	const char	*tz;
	time_t		 next;		/* due, wall-clock seconds */
	time_t		 last;		/* the last run's due time, 0: none */
	int		 last_status;	/* of the last run that ended; 0: none,
					   or no response */
	char		 last_id[REQUEST_ID_LEN + 1];
	unsigned long	 runs, skipped, failed;

	/* the run going on: its connection and what came back so far */
	int		 fd;		/* -1: none */
	int64_t		 started_ms;
	struct buf	 out;		/* the request, until written */
	struct buf	 in;
	int		 status;	/* parsed from its STDOUT */
};

static struct sched	*scheds;
static int		 nscheds;

static int64_t
wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
iso_time(time_t t, char out[32])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static time_t
next_after(const struct sched *s, time_t after)
{
	return cron_next(&s->conf->cron, after, s->tz);
}

/* ---- the configuration ------------------------------------------------- */

static struct sched *
find(struct sched *list, int n, const char *pool, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i].pool, pool) == 0 &&
		    strcmp(list[i].name, name) == 0)
			return &list[i];
	return NULL;
}

static void
run_close(struct sched *s)
{
	if (s->fd != -1)
		close(s->fd);
	s->fd = -1;
	buf_free(&s->out);
	buf_free(&s->in);
}

void
schedule_sync(void)
{
	const struct config *cfg = manager.current->cfg;
	struct sched *list, *s, *old;
	time_t now = time(NULL);
	size_t i, j;
	int n = 0;

	if ((list = calloc(SCHEDULE_MAX, sizeof(*list))) == NULL)
		log_fatal("calloc");
	for (i = 0; i < cfg->npools; i++) {
		for (j = 0; j < cfg->pools[i].nschedules; j++) {
			if (n == SCHEDULE_MAX) {
				log_error("more than %d schedules: schedule.%s "
				    "of pool '%s' and those after it do not run",
				    SCHEDULE_MAX, cfg->pools[i].schedules[j].name,
				    cfg->pools[i].name);
				goto done;
			}
			s = &list[n++];
			s->conf = &cfg->pools[i].schedules[j];
			s->tz = cfg->pools[i].schedule_tz;
			str_copy(s->pool, sizeof(s->pool), cfg->pools[i].name,
			    STR_ALL);
			str_copy(s->name, sizeof(s->name), s->conf->name, STR_ALL);
			str_copy(s->spec, sizeof(s->spec), s->conf->spec, STR_ALL);
			s->fd = -1;
			buf_init(&s->out);
			buf_init(&s->in);
			if ((old = find(scheds, nscheds, s->pool, s->name)) ==
			    NULL) {
				s->next = next_after(s, now);
				continue;
			}
			/* the same schedule: its counts and any run going on */
			s->last = old->last;
			s->last_status = old->last_status;
			memcpy(s->last_id, old->last_id, sizeof(s->last_id));
			s->runs = old->runs;
			s->skipped = old->skipped;
			s->failed = old->failed;
			s->fd = old->fd;
			s->started_ms = old->started_ms;
			s->out = old->out;
			s->in = old->in;
			s->status = old->status;
			old->fd = -1;
			buf_init(&old->out);
			buf_init(&old->in);
			s->next = strcmp(old->spec, s->spec) == 0 &&
			    strcmp(old->tz, s->tz) == 0 ? old->next :
			    next_after(s, now);
		}
	}
done:
	for (i = 0; i < (size_t)nscheds; i++)
		run_close(&scheds[i]);	/* schedules that were removed */
	free(scheds);
	scheds = list;
	nscheds = n;
}

void
schedule_close_all(void)
{
	int i;

	for (i = 0; i < nscheds; i++)
		run_close(&scheds[i]);
	free(scheds);
	scheds = NULL;
	nscheds = 0;
}

void
schedule_child_close(void)
{
	int i;

	for (i = 0; i < nscheds; i++)
		if (scheds[i].fd != -1)
			close(scheds[i].fd);
}

int
schedule_timeout(void)
{
	int64_t now = wall_ms(), t = -1, d;
	int i;

	for (i = 0; i < nscheds; i++) {
		if (scheds[i].next == -1)
			continue;
		d = (int64_t)scheds[i].next * 1000 - now;
		if (d < 0)
			d = 0;
		if (t == -1 || d < t)
			t = d;
	}
	return t > 60000 ? 60000 : (int)t;	/* clock changes: look again */
}

/* ---- one run ------------------------------------------------------------ */

static void
put_pair(struct buf *b, const char *name, const char *value)
{
	size_t len[2] = { strlen(name), strlen(value) };
	unsigned char n[4];
	int i;

	for (i = 0; i < 2; i++) {
		if (len[i] < 128) {
			buf_putc(b, (char)len[i]);
			continue;
		}
		n[0] = (unsigned char)(0x80 | (len[i] >> 24));
		n[1] = (unsigned char)(len[i] >> 16);
		n[2] = (unsigned char)(len[i] >> 8);
		n[3] = (unsigned char)len[i];
		buf_append(b, n, 4);
	}
	buf_puts(b, name);
	buf_puts(b, value);
}

static void
put_record(struct buf *out, int type, const struct buf *content)
{
	unsigned char h[FCGI_HEADER_LEN];

	fastcgi_header(h, type, 1, content->len);
	buf_append(out, h, sizeof(h));
	buf_append(out, content->data, content->len);
}

/* The whole request: BEGIN_REQUEST, PARAMS, the empty STDIN. */
static void
build_request(const struct sched *s, const struct pool_config *pc,
    const char *id, const char *due, struct buf *out)
{
	static const unsigned char begin[8] = { 0, FCGI_RESPONDER, 0 };
	struct buf params, empty;
	char uri[1100];

	snprintf(uri, sizeof(uri), "%s%s", pc->prefix, s->conf->path);
	buf_init(&params);
	buf_init(&empty);
	put_pair(&params, "REQUEST_METHOD", "GET");
	put_pair(&params, "REQUEST_URI", uri);
	put_pair(&params, "DOCUMENT_URI", uri);
	put_pair(&params, "QUERY_STRING", "");
	put_pair(&params, "SERVER_PROTOCOL", "HTTP/1.1");
	put_pair(&params, "REMOTE_ADDR", "127.0.0.1");
	put_pair(&params, "HTTP_X_REQUEST_ID", id);
	put_pair(&params, "HTTP_USER_AGENT", "fnpool-schedule");
	put_pair(&params, SCHEDULE_NAME_PARAM, s->name);
	put_pair(&params, SCHEDULE_AT_PARAM, due);
	put_pair(&params, SCHEDULE_KEY_PARAM, schedule_key());
	buf_append(&empty, begin, sizeof(begin));
	put_record(out, FCGI_BEGIN_REQUEST, &empty);
	buf_reset(&empty);
	put_record(out, FCGI_PARAMS, &params);
	put_record(out, FCGI_PARAMS, &empty);
	put_record(out, FCGI_STDIN, &empty);
	buf_free(&params);
	buf_free(&empty);
}

/* A connection to the pool's socket, from its own address: a socket
 * bound to every address is reached on loopback. */
static int
pool_connect(int listen_fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
	int fd;

	if (getsockname(listen_fd, (struct sockaddr *)&ss, &len) == -1)
		return -1;
	if (ss.ss_family == AF_INET && sin->sin_addr.s_addr == htonl(INADDR_ANY))
		sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (ss.ss_family == AF_INET6 &&
	    IN6_IS_ADDR_UNSPECIFIED(&sin6->sin6_addr))
		sin6->sin6_addr = in6addr_loopback;
	if ((fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0)) == -1)
		return -1;
	/* TCP completes later (the request waits in s->out for POLLOUT); a
	 * unix socket whose backlog is full fails at once with EAGAIN */
	if (connect(fd, (struct sockaddr *)&ss, len) == -1 &&
	    errno != EINPROGRESS) {
		close(fd);
		return -1;
	}
	return fd;
}

static struct pool *
current_pool(const char *name)
{
	struct pool *p;

	for (p = manager.pools; p != NULL; p = p->next)
		if (!p->retired && p->listen_fd != -1 &&
		    strcmp(p->conf->name, name) == 0)
			return p;
	return NULL;
}

static void	run_end(struct sched *, const char *why);

/* Sends what is left of the request, once the connection is up. */
static void
run_write(struct sched *s)
{
	socklen_t len = sizeof(int);
	int err = 0;
	ssize_t n;

	if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 &&
	    err != 0) {
		errno = err;
		n = -1;
	} else {
		n = write(s->fd, s->out.data, s->out.len);
	}
	if (n == -1 && (errno == EAGAIN || errno == EINTR ||
	    errno == EINPROGRESS || errno == ENOTCONN))
		return;
	if (n == -1) {
		char why[160];

		snprintf(why, sizeof(why), "sending the request: %s",
		    strerror(errno));
		run_end(s, why);
		return;
	}
	memmove(s->out.data, s->out.data + n, s->out.len - (size_t)n);
	s->out.len -= (size_t)n;
}

static void
run_start(struct sched *s, time_t due)
{
	char id[REQUEST_ID_LEN + 1], when[32];
	struct pool *p = current_pool(s->pool);

	iso_time(due, when);
	if (s->fd != -1) {
		s->skipped++;
		log_warn("schedule %s/%s: run due at %s skipped: the previous "
		    "run (request %s) is still going", s->pool, s->name, when,
		    s->last_id);
		return;
	}
	request_id_next(id);
	s->last = due;
	str_copy(s->last_id, sizeof(s->last_id), id, STR_ALL);
	s->runs++;
	if (p == NULL || (s->fd = pool_connect(p->listen_fd)) == -1) {
		s->failed++;
		log_error("schedule %s/%s: run due at %s (request %s) not "
		    "started: cannot connect to the pool's socket: %s", s->pool,
		    s->name, when, id, p == NULL ? "no socket" : strerror(errno));
		return;
	}
	build_request(s, p->conf, id, when, &s->out);
	s->started_ms = wall_ms();
	s->status = 0;
	log_notice("schedule %s/%s: run due at %s started: %s (request %s)",
	    s->pool, s->name, when, s->conf->path, id);
	run_write(s);
}

void
schedule_check(void)
{
	time_t now = time(NULL), due;
	int i;

	for (i = 0; i < nscheds; i++) {
		if (scheds[i].next == -1 || scheds[i].next > now)
			continue;
		due = scheds[i].next;
		run_start(&scheds[i], due);
		scheds[i].next = next_after(&scheds[i], due);
		if (scheds[i].next != -1 && scheds[i].next <= now)
			scheds[i].next = next_after(&scheds[i], now);
	}
}

/* ---- the response ------------------------------------------------------- */

/* "Status: 200 OK" at the start of the response's STDOUT. */
static void
take_status(struct sched *s, const unsigned char *d, size_t n)
{
	if (s->status == 0 && n >= 11 && memcmp(d, "Status: ", 8) == 0)
		s->status = (d[8] - '0') * 100 + (d[9] - '0') * 10 +
		    (d[10] - '0');
	if (s->status == 0)
		s->status = -1;		/* no Status line: 200, says CGI */
}

/* Ends the run: why is NULL when the response came in full. */
static void
run_end(struct sched *s, const char *why)
{
	char when[32], what[200];
	int status = s->status == -1 ? 200 : s->status;

	iso_time(s->last, when);
	if (why != NULL)
		snprintf(what, sizeof(what), "%s", why);
	else
		snprintf(what, sizeof(what), "status %d", status);
	if (why != NULL || status >= 500) {
		s->failed++;
		log_error("schedule %s/%s: run due at %s (request %s) failed "
		    "after %lld ms: %s", s->pool, s->name, when, s->last_id,
		    (long long)(wall_ms() - s->started_ms), what);
	} else {
		log_notice("schedule %s/%s: run due at %s (request %s) done "
		    "in %lld ms: %s", s->pool, s->name, when, s->last_id,
		    (long long)(wall_ms() - s->started_ms), what);
	}
	s->last_status = why != NULL ? 0 : status;
	run_close(s);
}

/* Walks the whole records in s->in; 1 once END_REQUEST came. */
static int
records_walk(struct sched *s)
{
	const unsigned char *d = (const unsigned char *)s->in.data;
	size_t off = 0, clen, total;
	int type, done = 0;

	while (!done && s->in.len - off >= FCGI_HEADER_LEN) {
		type = d[off + 1];
		clen = (size_t)d[off + 4] << 8 | d[off + 5];
		total = FCGI_HEADER_LEN + clen + d[off + 6];
		if (s->in.len - off < total)
			break;
		if (type == FCGI_STDOUT && clen > 0 && s->status == 0)
			take_status(s, d + off + FCGI_HEADER_LEN, clen);
		done = type == FCGI_END_REQUEST;
		off += total;
	}
	memmove(s->in.data, s->in.data + off, s->in.len - off);
	s->in.len -= off;
	return done;
}

static void
run_read(struct sched *s)
{
	char chunk[16384];
	ssize_t n;

	for (;;) {
		n = read(s->fd, chunk, sizeof(chunk));
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			return;
		if (n <= 0) {
			run_end(s, n == 0 ? "the worker closed the connection "
			    "before the end of the response" :
			    "reading the response failed");
			return;
		}
		buf_append(&s->in, chunk, (size_t)n);
		if (records_walk(s)) {
			run_end(s, NULL);
			return;
		}
		if (s->in.len > RESPONSE_KEEP) {
			run_end(s, "a malformed response");
			return;
		}
	}
}

int
schedule_pollfds(struct pollfd *pfd, int max)
{
	int i, n = 0;

	for (i = 0; i < nscheds && n < max; i++) {
		if (scheds[i].fd == -1)
			continue;
		pfd[n].fd = scheds[i].fd;
		pfd[n].events = scheds[i].out.len > 0 ? POLLOUT : POLLIN;
		pfd[n].revents = 0;
		n++;
	}
	return n;
}

void
schedule_events(const struct pollfd *pfd, int n)
{
	int i, j;

	for (i = 0; i < n; i++) {
		if (pfd[i].revents == 0)
			continue;
		for (j = 0; j < nscheds; j++) {
			if (scheds[j].fd != pfd[i].fd)
				continue;
			if (scheds[j].out.len > 0)
				run_write(&scheds[j]);
			else
				run_read(&scheds[j]);
		}
	}
}

/* ---- the status page and metrics ---------------------------------------- */

static void
json_string(struct buf *out, const char *s)
{
	buf_putc(out, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(out, '\\');
		if ((unsigned char)*s < 0x20)
			buf_printf(out, "\\u%04x", (unsigned char)*s);
		else
			buf_putc(out, *s);
	}
	buf_putc(out, '"');
}

void
schedule_json(const char *pool, struct buf *out)
{
	char last[32], next[32];
	int i, first = 1;

	buf_puts(out, ",\"schedules\":[");
	for (i = 0; i < nscheds; i++) {
		const struct sched *s = &scheds[i];

		if (strcmp(s->pool, pool) != 0)
			continue;
		iso_time(s->last, last);
		iso_time(s->next, next);
		buf_puts(out, first ? "{\"name\":" : ",{\"name\":");
		first = 0;
		json_string(out, s->name);
		buf_puts(out, ",\"schedule\":");
		json_string(out, s->spec);
		buf_puts(out, ",\"path\":");
		json_string(out, s->conf->path);
		buf_printf(out, ",\"last_run\":%s%s%s,\"last_request_id\":",
		    s->last ? "\"" : "", s->last ? last : "null",
		    s->last ? "\"" : "");
		json_string(out, s->last_id);
		buf_printf(out, ",\"last_status\":%d,\"running\":%s,"
		    "\"next_run\":%s%s%s,\"runs\":%lu,\"skipped\":%lu,"
		    "\"failed\":%lu}", s->last_status,
		    s->fd != -1 ? "true" : "false", s->next != -1 ? "\"" : "",
		    s->next != -1 ? next : "null", s->next != -1 ? "\"" : "",
		    s->runs, s->skipped, s->failed);
	}
	buf_putc(out, ']');
}

void
schedule_text(const char *pool, struct buf *out)
{
	char last[32], next[32];
	int i;

	for (i = 0; i < nscheds; i++) {
		const struct sched *s = &scheds[i];

		if (strcmp(s->pool, pool) != 0)
			continue;
		iso_time(s->last, last);
		iso_time(s->next, next);
		buf_printf(out, "schedule %s: %s %s\n", s->name, s->spec,
		    s->conf->path);
		buf_printf(out, "  last run:           %s%s (request %s)\n",
		    s->last ? last : "never", s->fd != -1 ? ", running" : "",
		    s->last_id[0] ? s->last_id : "-");
		buf_printf(out, "  last status:        %d\n", s->last_status);
		buf_printf(out, "  next run:           %s\n", s->next != -1 ?
		    next : "never");
		buf_printf(out, "  runs:               %lu (skipped %lu, "
		    "failed %lu)\n", s->runs, s->skipped, s->failed);
	}
}

void
schedule_metrics(const char *pool, struct buf *out)
{
	static const char *const names[3] = { "runs", "skipped", "failed" };
	static const char *const helps[3] = { "Scheduled runs started.",
	    "Scheduled runs skipped: the previous run was still going.",
	    "Scheduled runs that failed (no connection, 5xx, no response)." };
	unsigned long v;
	int i, k, any = 0;

	for (i = 0; i < nscheds; i++)
		any |= strcmp(scheds[i].pool, pool) == 0;
	if (!any)
		return;
	for (k = 0; k < 3; k++) {
		buf_printf(out, "# HELP fnpool_schedule_%s_total %s\n"
		    "# TYPE fnpool_schedule_%s_total counter\n", names[k],
		    helps[k], names[k]);
		for (i = 0; i < nscheds; i++) {
			if (strcmp(scheds[i].pool, pool) != 0)
				continue;
			v = k == 0 ? scheds[i].runs : k == 1 ?
			    scheds[i].skipped : scheds[i].failed;
			buf_printf(out, "fnpool_schedule_%s_total{pool=\"%s\","
			    "schedule=\"%s\"} %lu\n", names[k], pool,
			    scheds[i].name, v);
		}
	}
}
