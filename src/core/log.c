/*
 * log: the error log.  Messages are formatted into one buffer and written
 * with a single write(2) so that lines from concurrent workers sharing the
 * same file (opened O_APPEND) never interleave.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "core/exitcodes.h"
#include "core/log.h"

#define LOG_LINE_MAX	8192

static const char *level_names[] = {
	"error", "warn", "notice", "info", "debug",
};
static const int level_syslog[] = {
	LOG_ERR, LOG_WARNING, LOG_NOTICE, LOG_INFO, LOG_DEBUG,
};

static struct {
	int		 fd;
	int		 use_syslog;
	enum log_level	 level;
	char		 path[4096];
	char		 role[64];
} logger = { 2, 0, LOG_LEVEL_NOTICE, "", "master" };

int
log_level_parse(const char *s, enum log_level *level)
{
	size_t i;

	for (i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++) {
		if (strcmp(s, level_names[i]) == 0) {
			*level = (enum log_level)i;
			return 0;
		}
	}
	return -1;
}

static int
log_open_file(const char *path)
{
	int fd;

	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (fd == -1)
		return -1;
	if (logger.fd > 2)
		close(logger.fd);
	logger.fd = fd;
	return 0;
}

/* target: "stderr", "syslog" or a file path. */
int
log_open(const char *target, enum log_level level)
{
	logger.level = level;
	if (target == NULL || strcmp(target, "stderr") == 0) {
		logger.path[0] = '\0';
		logger.use_syslog = 0;
		if (logger.fd > 2)
			close(logger.fd);
		logger.fd = 2;
		return 0;
	}
	if (strcmp(target, "syslog") == 0) {
		logger.use_syslog = 1;
		openlog("fnpool", LOG_PID | LOG_NDELAY, LOG_DAEMON);
		return 0;
	}
	if (strlen(target) >= sizeof(logger.path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (log_open_file(target) == -1)
		return -1;
	strcpy(logger.path, target);
	logger.use_syslog = 0;
	return 0;
}

int
log_reopen(void)
{
	if (logger.path[0] == '\0')
		return 0;
	return log_open_file(logger.path);
}

void
log_set_role(const char *role)
{
	snprintf(logger.role, sizeof(logger.role), "%s", role);
}

/*
 * The date and time change once a second and the pid once per fork, so
 * both are kept: each request prepares a log line ahead (timeout.c),
 * and localtime, strftime and getpid for every one cost more than the
 * rest of the line.
 */
static struct {
	time_t	 sec;
	char	 text[32];	/* "2026-11-23 20:27:32" */
	size_t	 len;
	long	 pid;		/* 0: to be read after a fork */
	int	 atfork;
} stamp = { .sec = -1 };

static void
stamp_forget_pid(void)
{
	stamp.pid = 0;
}

static size_t
put_str(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return n;
}

size_t
log_prefix(char *buf, size_t size, enum log_level level,
    const struct timeval *tv)
{
	char line[sizeof(stamp.text) + sizeof(logger.role) + 64], pid[24];
	long ms = (long)tv->tv_usec / 1000, v;
	size_t n, i;
	struct tm tm;

	if (logger.use_syslog || size == 0)
		return 0;
	if (tv->tv_sec != stamp.sec) {
		localtime_r(&tv->tv_sec, &tm);
		stamp.len = strftime(stamp.text, sizeof(stamp.text),
		    "%Y-%m-%d %H:%M:%S", &tm);
		stamp.sec = tv->tv_sec;
	}
	if (!stamp.atfork) {
		stamp.atfork = pthread_atfork(NULL, NULL, stamp_forget_pid) == 0;
		stamp.pid = 0;
	}
	if (stamp.pid == 0 || !stamp.atfork)
		stamp.pid = (long)getpid();
	memcpy(line, stamp.text, stamp.len);
	n = stamp.len;
	line[n++] = '.';
	line[n++] = (char)('0' + ms / 100 % 10);
	line[n++] = (char)('0' + ms / 10 % 10);
	line[n++] = (char)('0' + ms % 10);
	n += put_str(line + n, " [");
	n += put_str(line + n, level_names[level]);
	n += put_str(line + n, "] ");
	n += put_str(line + n, logger.role);
	line[n++] = '[';
	for (i = 0, v = stamp.pid; i == 0 || v > 0; v /= 10)
		pid[i++] = (char)('0' + v % 10);
	while (i > 0)
		line[n++] = pid[--i];
	n += put_str(line + n, "]: ");
	if (n > size - 1)
		n = size - 1;
	memcpy(buf, line, n);
	buf[n] = '\0';
	return n;
}

void
log_write_raw(const char *line, size_t n)
{
	if (!logger.use_syslog)
		(void)!write(logger.fd, line, n);
}

/* Bytes that escape[] below rewrites: C0 controls, DEL, and the lead
 * bytes of MuJS's NUL (C0 80) and of the C1 controls (C2 80..C2 9F). */
static int
needs_escape(const unsigned char *p, const unsigned char *end)
{
	if (*p < 0x20 || *p == 0x7f)
		return 1;
	return (*p == 0xc0 || *p == 0xc2) && p + 1 < end &&
	    p[1] >= 0x80 && p[1] <= (*p == 0xc0 ? 0x80 : 0x9f);
}

size_t
log_escape(char *out, size_t outsize, const char *s, size_t n, size_t *used)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	char esc[8];
	size_t o = 0, k;

	while (p < end) {
		if (!needs_escape(p, end)) {
			if (o + 1 > outsize)
				break;
			out[o++] = (char)*p++;
			continue;
		}
		if (*p == '\n' || *p == '\r' || *p == '\t')
			k = (size_t)snprintf(esc, sizeof(esc), "\\%c",
			    *p == '\n' ? 'n' : *p == '\r' ? 'r' : 't');
		else if (*p == 0xc0)
			k = (size_t)snprintf(esc, sizeof(esc), "\\x00");
		else if (*p == 0xc2)
			k = (size_t)snprintf(esc, sizeof(esc), "\\u%04x", p[1]);
		else
			k = (size_t)snprintf(esc, sizeof(esc), "\\x%02x", *p);
		if (o + k > outsize)
			break;
		memcpy(out + o, esc, k);
		o += k;
		p += *p >= 0xc0 ? 2 : 1;
	}
	if (used != NULL)
		*used = (size_t)(p - (const unsigned char *)s);
	return o;
}

static void
log_vwrite(enum log_level level, const char *fmt, va_list ap, int err)
{
	char line[LOG_LINE_MAX], msg[LOG_LINE_MAX];
	struct timeval tv;
	size_t n = 0, avail, used;
	int r;

	if (level > logger.level)
		return;
	gettimeofday(&tv, NULL);
	n = log_prefix(line, sizeof(line), level, &tv);
	/* Keep room for the errno text and the newline; mark a cut line. */
	avail = sizeof(line) - n - 128;
	r = vsnprintf(msg, sizeof(msg), fmt, ap);
	if (r > 0) {
		used = (size_t)r < sizeof(msg) ? (size_t)r : sizeof(msg) - 1;
		n += log_escape(line + n, avail - 16, msg, used, &used);
		if ((size_t)r != used)
			n += (size_t)snprintf(line + n, 16, " [cut]");
	}
	if (err != 0) {
		r = snprintf(line + n, 100, ": %s", strerror(err));
		n += r > 0 && r < 100 ? (size_t)r : 0;
	}
	if (logger.use_syslog) {
		line[n] = '\0';
		syslog(level_syslog[level], "%s: %s", logger.role, line);
		return;
	}
	line[n++] = '\n';
	(void)!write(logger.fd, line, n);
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	va_start(ap, fmt);
	log_vwrite(level, fmt, ap, 0);
	va_end(ap);
	errno = saved;
}

void
log_fatal(const char *fmt, ...)
{
	va_list ap;
	int err = errno;

	va_start(ap, fmt);
	log_vwrite(LOG_LEVEL_ERROR, fmt, ap, err);
	va_end(ap);
	exit(FNPOOL_EXIT_FATAL);
}

void
log_fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwrite(LOG_LEVEL_ERROR, fmt, ap, 0);
	va_end(ap);
	exit(FNPOOL_EXIT_FATAL);
}

const char *
signal_name(int sig)
{
	const char *name = sigabbrev_np(sig);
	static char buf[16];

	if (name == NULL) {
		snprintf(buf, sizeof(buf), "%d", sig);
		return buf;
	}
	snprintf(buf, sizeof(buf), "SIG%s", name);
	return buf;
}
