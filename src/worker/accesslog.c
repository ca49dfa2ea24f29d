/*
 * accesslog: the lines of a compiled access.format (accesslog_format.c)
 * and the file they go to.  Values that come from the client are escaped
 * as nginx does (", \, control and non-ASCII bytes as \xHH), so a line is
 * always one line and can be split on its quotes.
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
put_time(struct buf *out, enum accesslog_field field)
{
	struct timeval tv;
	struct tm tm;
	char s[64];

	gettimeofday(&tv, NULL);
	if (field == AL_MSEC) {
		buf_printf(out, "%lld.%03ld", (long long)tv.tv_sec,
		    (long)(tv.tv_usec / 1000));
		return;
	}
	localtime_r(&tv.tv_sec, &tm);
	if (field == AL_TIME) {
		strftime(s, sizeof(s), "%d/%b/%Y:%H:%M:%S %z", &tm);
		buf_printf(out, "%s", s);
		return;
	}
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%S%z", &tm);
	/* +0100 -> +01:00 */
	buf_printf(out, "%.22s:%s", s, s + 22);
}

static void
put_field(struct buf *out, const struct accesslog_op *op,
    const struct accesslog_entry *e)
{
	char *const *env = e->req->env;
	char ip[64];

	switch (op->field) {
	case AL_LITERAL:
		buf_printf(out, "%s", op->text);
		return;
	case AL_PARAM:
		put_text(out, request_param(env, op->text));
		return;
	case AL_TIME:
	case AL_TIME_ISO8601:
	case AL_MSEC:
		put_time(out, op->field);
		return;
	case AL_CLIENT_IP:
		request_client_ip(env, e->trusted_proxies, ip, sizeof(ip));
		put_text(out, ip);
		return;
	case AL_METHOD:
		put_text(out, e->req->method);
		return;
	case AL_URI:
		put_text(out, e->req->uri);
		return;
	case AL_FUNCTION:
		put_text(out, e->function);
		return;
	case AL_STATUS:
		buf_printf(out, "%d", e->status);
		return;
	case AL_BYTES:
		buf_printf(out, "%zu", e->bytes);
		return;
	case AL_DURATION_MS:
		buf_printf(out, "%lld.%03lld", (long long)(e->duration_us / 1000),
		    (long long)(e->duration_us % 1000));
		return;
	case AL_MEMORY:
		buf_printf(out, "%llu", (unsigned long long)e->memory);
		return;
	case AL_REQUEST_ID:
		put_text(out, e->req->id);
		return;
	case AL_POOL:
		put_text(out, e->pool);
		return;
	case AL_PID:
		buf_printf(out, "%ld", e->pid);
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
