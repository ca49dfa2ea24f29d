/*
 * accesslog: the access.format language and the worker's log file.
 *
 * A format is text with fields: %{name} (see fields[] below) or
 * %{param:NAME} (any FastCGI parameter, e.g. %{param:HTTP_ACCEPT}); %%
 * is a literal %.  It is compiled once, when the config is read, into a
 * list of literal runs and fields.  Values that come from the client are
 * escaped as nginx does (", \, control and non-ASCII bytes as \xHH), so a
 * line is always one line and can be split on its quotes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "worker/accesslog.h"
#include "core/log.h"

enum field {
	F_LITERAL, F_PARAM,
	F_TIME, F_TIME_ISO8601, F_MSEC, F_REMOTE_ADDR, F_CLIENT_IP,
	F_REMOTE_USER, F_METHOD, F_URI, F_PROTOCOL, F_HOST, F_REFERER,
	F_USER_AGENT, F_FUNCTION, F_STATUS, F_BYTES, F_DURATION_MS, F_MEMORY,
	F_REQUEST_ID, F_POOL, F_PID,
};

static const struct {
	const char	*name;
	enum field	 field;
	const char	*param;		/* the FastCGI parameter it shows */
} fields[] = {
	{ "time",	 F_TIME,	 NULL },
	{ "time_iso8601", F_TIME_ISO8601, NULL },
	{ "msec",	 F_MSEC,	 NULL },
	{ "remote_addr", F_REMOTE_ADDR,	 "REMOTE_ADDR" },
	{ "client_ip",	 F_CLIENT_IP,	 NULL },
	{ "remote_user", F_REMOTE_USER,	 "REMOTE_USER" },
	{ "method",	 F_METHOD,	 NULL },
	{ "uri",	 F_URI,		 NULL },
	{ "protocol",	 F_PROTOCOL,	 "SERVER_PROTOCOL" },
	{ "host",	 F_HOST,	 "HTTP_HOST" },
	{ "referer",	 F_REFERER,	 "HTTP_REFERER" },
	{ "user_agent",	 F_USER_AGENT,	 "HTTP_USER_AGENT" },
	{ "function",	 F_FUNCTION,	 NULL },
	{ "status",	 F_STATUS,	 NULL },
	{ "bytes",	 F_BYTES,	 NULL },
	{ "duration_ms", F_DURATION_MS,	 NULL },
	{ "memory",	 F_MEMORY,	 NULL },
	{ "request_id",	 F_REQUEST_ID,	 NULL },
	{ "pool",	 F_POOL,	 NULL },
	{ "pid",	 F_PID,		 NULL },
};
#define NFIELDS	(sizeof(fields) / sizeof(fields[0]))

struct op {
	enum field	 field;
	char		*text;		/* literal, or parameter name */
};

struct accesslog_format {
	struct op	*ops;
	size_t		 nops;
};

/* ---- the format ---------------------------------------------------------- */

static int
add_op(struct accesslog_format *f, enum field field, const char *s, size_t n)
{
	struct op *ops = realloc(f->ops, (f->nops + 1) * sizeof(*ops));

	if (ops == NULL)
		return -1;
	f->ops = ops;
	ops[f->nops].field = field;
	ops[f->nops].text = NULL;
	if (s != NULL && (ops[f->nops].text = strndup(s, n)) == NULL)
		return -1;
	f->nops++;
	return 0;
}

static int
param_name_ok(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' &&
		    s[i] <= '9') || s[i] == '_'))
			return 0;
	return n > 0;
}

/* "%{name}" at s; returns the bytes used, or 0 with err set. */
static size_t
parse_field(struct accesslog_format *f, const char *s, char *err,
    size_t errsize)
{
	const char *name = s + 2, *end = strchr(name, '}');
	size_t n, i;

	if (s[1] != '{') {
		snprintf(err, errsize, "'%%' must start %%{field} or be "
		    "doubled (%%%%)");
		return 0;
	}
	if (end == NULL) {
		snprintf(err, errsize, "unclosed '%%{'");
		return 0;
	}
	n = (size_t)(end - name);
	if (n > 6 && strncmp(name, "param:", 6) == 0) {
		if (!param_name_ok(name + 6, n - 6)) {
			snprintf(err, errsize, "bad parameter name in "
			    "%%{%.*s}: use A-Z, 0-9 and _", (int)n, name);
			return 0;
		}
		return add_op(f, F_PARAM, name + 6, n - 6) == -1 ? 0 : n + 3;
	}
	for (i = 0; i < NFIELDS; i++)
		if (strlen(fields[i].name) == n &&
		    strncmp(fields[i].name, name, n) == 0)
			return add_op(f, fields[i].field, NULL, 0) == -1 ? 0 :
			    n + 3;
	snprintf(err, errsize, "unknown field %%{%.*s}", (int)(n > 40 ? 40 : n),
	    name);
	return 0;
}

struct accesslog_format *
accesslog_parse(const char *fmt, char *err, size_t errsize)
{
	struct accesslog_format *f;
	const char *s = fmt;
	size_t n;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		log_fatal("calloc");
	while (*s != '\0') {
		n = strcspn(s, "%");
		if (n > 0 && add_op(f, F_LITERAL, s, n) == -1)
			log_fatal("malloc");
		s += n;
		if (*s == '\0')
			break;
		if (s[1] == '%') {
			if (add_op(f, F_LITERAL, "%", 1) == -1)
				log_fatal("malloc");
			s += 2;
			continue;
		}
		if ((n = parse_field(f, s, err, errsize)) == 0) {
			accesslog_format_free(f);
			return NULL;
		}
		s += n;
	}
	return f;
}

void
accesslog_format_free(struct accesslog_format *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nops; i++)
		free(f->ops[i].text);
	free(f->ops);
	free(f);
}

/* ---- one line -------------------------------------------------------------- */

/* A client's text, escaped; "-" when absent or empty, as nginx writes. */
static void
put_text(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	char esc[4] = { '\\', 'x', 0, 0 };

	if (s == NULL || s[0] == '\0') {
		buf_append(out, "-", 1);
		return;
	}
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\') {
			buf_append(out, (const char *)p, 1);
			continue;
		}
		esc[2] = hex[*p >> 4];
		esc[3] = hex[*p & 15];
		buf_append(out, esc, 4);
	}
}

static void
put_time(struct buf *out, enum field field)
{
	struct timeval tv;
	struct tm tm;
	char s[64];

	gettimeofday(&tv, NULL);
	if (field == F_MSEC) {
		buf_printf(out, "%lld.%03ld", (long long)tv.tv_sec,
		    (long)(tv.tv_usec / 1000));
		return;
	}
	localtime_r(&tv.tv_sec, &tm);
	if (field == F_TIME) {
		strftime(s, sizeof(s), "%d/%b/%Y:%H:%M:%S %z", &tm);
		buf_printf(out, "%s", s);
		return;
	}
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%S%z", &tm);
	/* +0100 -> +01:00 */
	buf_printf(out, "%.22s:%s", s, s + 22);
}

static void
put_field(struct buf *out, const struct op *op, const struct accesslog_entry *e)
{
	char *const *env = e->req->env;
	char ip[64];
	size_t i;

	switch (op->field) {
	case F_LITERAL:
		buf_printf(out, "%s", op->text);
		return;
	case F_PARAM:
		put_text(out, request_param(env, op->text));
		return;
	case F_TIME:
	case F_TIME_ISO8601:
	case F_MSEC:
		put_time(out, op->field);
		return;
	case F_CLIENT_IP:
		request_client_ip(env, e->trusted_proxies, ip, sizeof(ip));
		put_text(out, ip);
		return;
	case F_METHOD:
		put_text(out, e->req->method);
		return;
	case F_URI:
		put_text(out, e->req->uri);
		return;
	case F_FUNCTION:
		put_text(out, e->function);
		return;
	case F_STATUS:
		buf_printf(out, "%d", e->status);
		return;
	case F_BYTES:
		buf_printf(out, "%zu", e->bytes);
		return;
	case F_DURATION_MS:
		buf_printf(out, "%lld.%03lld", (long long)(e->duration_us / 1000),
		    (long long)(e->duration_us % 1000));
		return;
	case F_MEMORY:
		buf_printf(out, "%llu", (unsigned long long)e->memory);
		return;
	case F_REQUEST_ID:
		put_text(out, e->req->id);
		return;
	case F_POOL:
		put_text(out, e->pool);
		return;
	case F_PID:
		buf_printf(out, "%ld", e->pid);
		return;
	default:
		for (i = 0; i < NFIELDS; i++)
			if (fields[i].field == op->field)
				put_text(out, request_param(env, fields[i].param));
		return;
	}
}

void
accesslog_render(const struct accesslog_format *f,
    const struct accesslog_entry *e, struct buf *out)
{
	size_t i;

	for (i = 0; i < f->nops; i++)
		put_field(out, &f->ops[i], e);
	buf_append(out, "\n", 1);
}

/* ---- the worker's file ------------------------------------------------------ */

static struct {
	const struct pool_config	*pool;
	struct accesslog_format		*format;
	int				 fd;
	int				 inherited;	/* from the master */
	long				 pid;
	struct buf			 line;
} lg = { NULL, NULL, -1, -1, 0, { NULL, 0, 0 } };

static int
open_file(const char *path)
{
	return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
}

int
accesslog_master_open(const struct pool_config *pool)
{
	int fd;

	if (pool->access_log == NULL)
		return -1;
	if ((fd = open_file(pool->access_log)) == -1)
		log_error("pool %s: access.log %s: %s", pool->name,
		    pool->access_log, strerror(errno));
	return fd;
}

/* Keeps the descriptor's number, which workers to come inherit. */
static int
reopen_onto(const char *path, int fd)
{
	int nfd;

	if ((nfd = open_file(path)) == -1)
		return -1;
	if (dup3(nfd, fd, O_CLOEXEC) == -1) {
		close(nfd);
		return -1;
	}
	close(nfd);
	return 0;
}

void
accesslog_master_reopen(const struct pool_config *pool, int fd)
{
	if (reopen_onto(pool->access_log, fd) == -1)
		log_error("pool %s: reopening access.log %s: %s (still writing "
		    "to the old file)", pool->name, pool->access_log,
		    strerror(errno));
}

void
accesslog_inherit(int fd)
{
	lg.inherited = fd;
}

int
accesslog_open(const struct pool_config *pool)
{
	char err[128];

	if (pool->access_log == NULL)
		return 0;
	lg.format = accesslog_parse(pool->access_format, err, sizeof(err));
	if (lg.format == NULL) {	/* config.c checked it */
		log_error("pool %s: access.format: %s", pool->name, err);
		return -1;
	}
	lg.fd = lg.inherited != -1 ? lg.inherited : open_file(pool->access_log);
	if (lg.fd == -1) {
		log_error("pool %s: access.log %s: %s", pool->name,
		    pool->access_log, strerror(errno));
		accesslog_format_free(lg.format);
		lg.format = NULL;
		return -1;
	}
	lg.pool = pool;
	lg.pid = (long)getpid();
	buf_init(&lg.line);
	return 0;
}

int
accesslog_reopen(void)
{
	if (lg.fd == -1)
		return 0;
	if (reopen_onto(lg.pool->access_log, lg.fd) == -1) {
		log_notice("cannot reopen access.log %s (%s): exiting to be "
		    "replaced", lg.pool->access_log, strerror(errno));
		return -1;
	}
	return 0;
}

int
accesslog_enabled(void)
{
	return lg.fd != -1;
}

void
accesslog_write(struct accesslog_entry *e)
{
	if (lg.fd == -1)
		return;
	e->pool = lg.pool->name;
	e->pid = lg.pid;
	e->trusted_proxies = lg.pool->trusted_proxies;
	buf_reset(&lg.line);
	accesslog_render(lg.format, e, &lg.line);
	if (write(lg.fd, lg.line.data, lg.line.len) == -1)
		log_error("access.log %s: %s", lg.pool->access_log,
		    strerror(errno));
}
