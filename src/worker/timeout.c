/*
 * timeout: a per-request timer whose expiry answers 504 and ends the
 * worker.
 *
 * MuJS has no interrupt or step hook, so a function stuck in a loop can
 * only be stopped by stopping its process.  Its client must still get a
 * complete response, not a reset: when the timer (ITIMER_REAL, SIGALRM)
 * fires, the handler writes ready-made FastCGI records on the request's
 * connection -- STDOUT with the 504 headers and JSON body, an empty
 * STDOUT, END_REQUEST -- writes a prepared log line, and _exits with
 * FNPOOL_EXIT_TIMEOUT; the master forks a replacement.  A CGI request
 * (cgi.c, and so `fnpool invoke`) gets the same response without the
 * FastCGI records around it.
 *
 * Everything the handler writes is built before the function runs
 * (timeout_arm copies the request's ids into a template made once per
 * worker, and builds it again for a client's X-Request-Id of another
 * length), so the handler itself only does arithmetic, memcpy, write and
 * _exit, all async-signal-safe.  Nothing of the function's own response
 * can precede the 504 on the connection: the worker sends a response
 * only after serve_request returns and the timer is disarmed.
 */
#include <sys/time.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/exitcodes.h"
#include "core/log.h"
#include "core/request_id.h"
#include "worker/timeout.h"

#define FCGI_VERSION_1		1
#define FCGI_END_REQUEST	3
#define FCGI_STDOUT		6
#define FCGI_HEADER_LEN		8

#define FN_NAME_MAX		256
#define RESUME_GRACE_MS		50	/* timeout_resume's shortest timer */

/*
 * A file static, unlike the rest of a request's state: on_alarm, a
 * signal handler, gets no argument to find it through.
 */
static struct {
	long		 ms;		/* 0: disabled */
	long		 bg_ms;		/* background_timeout, 0: ms */
	int		 background;	/* timeout_background armed it */
	volatile sig_atomic_t armed;
	int		 fd;
	int		 fcgi_id;
	struct timespec	 start;

	/* the FastCGI records; the two ids are patched in by timeout_arm */
	unsigned char	 rec[FCGI_HEADER_LEN + 512 + 3 * REQUEST_ID_MAX];
	size_t		 rec_len;
	size_t		 http_len;	/* the CGI response inside the first */
	int		 plain;		/* write that alone (a CGI request) */
	size_t		 id_at[2];	/* offsets of the request id */
	size_t		 id_len;	/* and its length */
	size_t		 fcgi_id_at[3];	/* offsets of each record header */

	/*
	 * The log line up to the elapsed time, which the handler adds.  Two
	 * buffers: one is rewritten while the other stays whole for the
	 * handler, and cur switches between them in one store.
	 */
	struct log_line {
		char	 text[512 + FN_NAME_MAX];
		size_t	 len;
	}		 lines[2];
	volatile sig_atomic_t cur;
	char		 request_id[REQUEST_ID_MAX + 1];
	struct timeval	 deadline;
	char		 prefix[256];	/* the log prefix for the deadline */
	size_t		 prefix_len;
	void		(*on_expire)(void);	/* timeout_on_expire */

	/* max_concurrent: the other requests in flight, answered 503 */
	const struct timeout_spare *others[CONFIG_CONCURRENT_MAX];
	int		 nothers;
} t;

static void
put_header(unsigned char *h, int type, size_t len)
{
	h[0] = FCGI_VERSION_1;
	h[1] = (unsigned char)type;
	h[2] = h[3] = 0;		/* request id: set per request */
	h[4] = (unsigned char)(len >> 8);
	h[5] = (unsigned char)len;
	h[6] = h[7] = 0;		/* no padding */
}

/*
 * Builds the three records for request ids as long as id.  Ids of other
 * lengths (a client's X-Request-Id) need the records built again.
 */
static void
template_build(const char *id)
{
	char head[256], body[256];
	unsigned char *p = t.rec;
	int blen, hlen, n;

	n = (int)strlen(id);
	blen = snprintf(body, sizeof(body), "{\"error\":\"Gateway Timeout: "
	    "the function ran longer than request_timeout (%ld ms)\","
	    "\"requestId\":\"%s\"}\n", t.ms, id);
	hlen = snprintf(head, sizeof(head), "Status: 504 Gateway Timeout\r\n"
	    "Content-Type: application/json\r\nContent-Length: %d\r\n"
	    "X-Request-Id: ", blen);
	t.http_len = (size_t)hlen + (size_t)n + 4 + (size_t)blen;
	t.id_len = (size_t)n;

	t.fcgi_id_at[0] = 0;
	put_header(p, FCGI_STDOUT, t.http_len);
	p += FCGI_HEADER_LEN;
	memcpy(p, head, (size_t)hlen);
	t.id_at[0] = (size_t)(p - t.rec) + (size_t)hlen;
	memcpy(p + hlen, id, (size_t)n);
	memcpy(p + hlen + n, "\r\n\r\n", 4);
	memcpy(p + hlen + n + 4, body, (size_t)blen);
	/* the body ends with id "}\n */
	t.id_at[1] = (size_t)(p - t.rec) + t.http_len - (size_t)n - 3;
	p += t.http_len;

	t.fcgi_id_at[1] = (size_t)(p - t.rec);
	put_header(p, FCGI_STDOUT, 0);
	p += FCGI_HEADER_LEN;

	t.fcgi_id_at[2] = (size_t)(p - t.rec);
	put_header(p, FCGI_END_REQUEST, 8);
	memset(p + FCGI_HEADER_LEN, 0, 8);	/* app status 0, COMPLETE */
	p += FCGI_HEADER_LEN + 8;
	t.rec_len = (size_t)(p - t.rec);
}

static void
write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		p += n;
		len -= (size_t)n;
	}
}

/* Appends the decimal v to l; async-signal-safe. */
static void
line_put_ulong(struct log_line *l, unsigned long v)
{
	char digits[24];
	int n = 0;

	do
		digits[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0 && n < (int)sizeof(digits));
	while (n > 0 && l->len < sizeof(l->text))
		l->text[l->len++] = digits[--n];
}

static void
line_put(struct log_line *l, const char *s)
{
	size_t n = strlen(s);	/* strlen and memcpy: async-signal-safe */

	if (n > sizeof(l->text) - l->len)
		n = sizeof(l->text) - l->len;
	memcpy(l->text + l->len, s, n);
	l->len += n;
}

/*
 * A runaway function ends the worker: every other request in flight
 * (max_concurrent) gets its prepared 503, which says so, before the
 * runaway's own 504.
 */
static void
answer_others(void)
{
	const struct timeout_spare *o;
	int i;

	for (i = 0; i < t.nothers; i++) {
		o = t.others[i];
		if (o->fd == t.fd && o->fcgi_id == t.fcgi_id)
			continue;
		(void)fcntl(o->fd, F_SETFL, 0);
		write_all(o->fd, o->rec, o->len);
	}
}

static void
on_alarm(int sig)
{
	struct log_line *l = &t.lines[t.cur];
	struct timespec now;
	long elapsed;

	(void)sig;
	if (!t.armed)
		return;
	answer_others();
	if (t.fd >= 0 && !t.plain)
		(void)fcntl(t.fd, F_SETFL, 0);	/* a worker's connections do
						   not block; this write must */
	if (t.fd >= 0 && t.plain)
		write_all(t.fd, t.rec + FCGI_HEADER_LEN, t.http_len);
	else if (t.fd >= 0)
		write_all(t.fd, t.rec, t.rec_len);
	if (t.on_expire != NULL)
		t.on_expire();
	clock_gettime(CLOCK_MONOTONIC, &now);
	elapsed = (now.tv_sec - t.start.tv_sec) * 1000 +
	    (now.tv_nsec - t.start.tv_nsec) / 1000000;
	line_put_ulong(l, elapsed > 0 ? (unsigned long)elapsed : 0);
	line_put(l, t.fd >= 0 ? " ms; answered 504, the worker exits\n" :
	    " ms; the worker exits\n");
	if (l->len == sizeof(l->text))
		l->text[l->len - 1] = '\n';
	log_write_raw(l->text, l->len);
	_exit(FNPOOL_EXIT_TIMEOUT);
}

void
timeout_init(const struct pool_config *pool)
{
	struct sigaction sa;

	t.ms = pool->request_timeout_ms;
	t.bg_ms = pool->background_timeout_ms;
	t.armed = 0;
	if (t.ms == 0 && t.bg_ms == 0)
		return;
	template_build("................................");
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;	/* a disarmed timer may still fire */
	if (sigaction(SIGALRM, &sa, NULL) == -1)
		log_fatal("sigaction SIGALRM");
}

static void
patch_ids(int fcgi_id, const char *request_id)
{
	size_t i, n = strlen(request_id);

	if (n != t.id_len)
		template_build(request_id);
	for (i = 0; i < 3; i++) {
		t.rec[t.fcgi_id_at[i] + 2] = (unsigned char)(fcgi_id >> 8);
		t.rec[t.fcgi_id_at[i] + 3] = (unsigned char)fcgi_id;
	}
	for (i = 0; i < 2; i++)
		memcpy(t.rec + t.id_at[i], request_id, n);
}

/* The 504's log line names the request: a copy, as the caller's goes. */
static void
id_copy(const char *request_id)
{
	size_t n = strnlen(request_id, REQUEST_ID_MAX);

	memcpy(t.request_id, request_id, n);	/* per request: not snprintf */
	t.request_id[n] = '\0';
}

/*
 * Prepares the log line in the buffer the handler does not use, then
 * switches.  The line carries the time of the deadline (its prefix made
 * once by timer_set), when the handler will write it: formatting a time
 * is not async-signal-safe.
 */
static void
line_prepare(const char *fn)
{
	struct log_line *l = &t.lines[!t.cur];
	char name[FN_NAME_MAX + 1];
	size_t n = strlen(fn);

	/* twice per request: line_put, not snprintf */
	if (n > FN_NAME_MAX)
		n = FN_NAME_MAX;
	memcpy(name, fn, n);
	name[n] = '\0';
	memcpy(l->text, t.prefix, t.prefix_len);
	l->len = t.prefix_len;
	line_put(l, name);
	if (t.fd >= 0) {
		line_put(l, ": request ");
		line_put(l, t.request_id);
		line_put(l, " timed out after ");
	} else if (t.background) {
		line_put(l, ": request ");
		line_put(l, t.request_id);
		line_put(l, ": its ctx.waitUntil work timed out (");
		line_put(l, t.bg_ms > 0 ? "background_timeout" :
		    "request_timeout");
		line_put(l, ") after ");
	} else
		line_put(l, ": loading it at start (preload) timed out after ");
	if (l->len == sizeof(l->text))
		l->len--;	/* as snprintf would: room for the rest */
	t.cur = !t.cur;
}

/* Sets the deadline ms from now; the log line then says when it is. */
static void
timer_set(long ms)
{
	struct itimerval it;

	gettimeofday(&t.deadline, NULL);
	t.deadline.tv_sec += ms / 1000;
	t.deadline.tv_usec += (ms % 1000) * 1000;
	if (t.deadline.tv_usec >= 1000000) {
		t.deadline.tv_sec++;
		t.deadline.tv_usec -= 1000000;
	}
	t.prefix_len = log_prefix(t.prefix, sizeof(t.prefix), LOG_LEVEL_ERROR,
	    &t.deadline);
	line_prepare("-");
	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = ms / 1000;
	it.it_value.tv_usec = (ms % 1000) * 1000;
	/* the timer of an earlier request may still run: replace it first */
	if (setitimer(ITIMER_REAL, &it, NULL) == -1)
		log_fatal("setitimer");
}

void
timeout_arm(int fd, int fcgi_id, const char *request_id)
{
	if (t.ms == 0 && t.bg_ms == 0)
		return;
	t.background = 0;
	t.fd = fd;
	t.fcgi_id = fcgi_id;
	t.plain = fcgi_id == 0;
	if (fd >= 0) {
		patch_ids(fcgi_id, request_id);
		id_copy(request_id);
	}
	clock_gettime(CLOCK_MONOTONIC, &t.start);
	if (t.ms == 0)
		return;		/* only background_timeout */
	timer_set(t.ms);
	t.armed = 1;
}

void
timeout_background(const char *fn)
{
	long limit = t.bg_ms > 0 ? t.bg_ms : t.ms, left;
	struct timespec now;

	if (limit == 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	left = limit - ((now.tv_sec - t.start.tv_sec) * 1000 +
	    (now.tv_nsec - t.start.tv_nsec) / 1000000);
	t.fd = -1;		/* the response is out: no one to answer */
	t.background = 1;
	timer_set(left > 0 ? left : 1);
	line_prepare(fn);
	t.armed = 1;
}

void
timeout_function(const char *name)
{
	if (t.armed)
		line_prepare(name);
}

/*
 * The timer is left to run out: a system call per request saved.  When
 * it fires disarmed, the handler returns at once; SA_RESTART resumes
 * what it interrupted, and an idle worker's epoll_wait waits again.
 */
void
timeout_disarm(void)
{
	t.armed = 0;
}

long
timeout_left_ms(void)
{
	long ms = t.background && t.bg_ms > 0 ? t.bg_ms : t.ms, elapsed;
	struct timespec now;

	if (ms == 0 || !t.armed)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &now);
	elapsed = (now.tv_sec - t.start.tv_sec) * 1000 +
	    (now.tv_nsec - t.start.tv_nsec) / 1000000;
	return elapsed >= ms ? 0 : ms - elapsed;
}

void
timeout_expire(void)
{
	sigset_t alrm;

	if ((t.ms == 0 && t.bg_ms == 0) || !t.armed)
		return;
	sigemptyset(&alrm);	/* the timer must not answer a second time */
	sigaddset(&alrm, SIGALRM);
	sigprocmask(SIG_BLOCK, &alrm, NULL);
	on_alarm(SIGALRM);
}

void
timeout_on_expire(void (*fn)(void))
{
	t.on_expire = fn;
}

/* ---- max_concurrent above 1 ------------------------------------------- */

void
timeout_resume(int fd, int fcgi_id, const char *request_id,
    const struct timespec *start, int background)
{
	long limit = background && t.bg_ms > 0 ? t.bg_ms : t.ms, left;
	struct timespec now;

	if (limit == 0)
		return;
	t.background = background;
	t.fd = background ? -1 : fd;
	t.fcgi_id = fcgi_id;
	t.plain = 0;
	if (!background)
		patch_ids(fcgi_id, request_id);
	id_copy(request_id);
	t.start = *start;
	clock_gettime(CLOCK_MONOTONIC, &now);
	left = limit - ((now.tv_sec - start->tv_sec) * 1000 +
	    (now.tv_nsec - start->tv_nsec) / 1000000);
	/*
	 * A request at its deadline still runs the callback that just
	 * became due (a fetch that finished), and is answered 504 by
	 * inflight.c if that does not end it; only JavaScript that keeps
	 * the loop RESUME_GRACE_MS past it is a runaway.  Armed first: a
	 * timer that fired before would be lost.
	 */
	t.armed = 1;
	timer_set(left > RESUME_GRACE_MS ? left : RESUME_GRACE_MS);
}

void
timeout_spare_build(struct timeout_spare *o, int fd, int fcgi_id,
    const char *request_id)
{
	char head[512], body[512];
	int blen, hlen, clen, i;
	unsigned char *p = o->rec;

	o->fd = fd;
	o->fcgi_id = fcgi_id;
	blen = snprintf(body, sizeof(body), "{\"error\":\"Service Unavailable: "
	    "another request in this worker ran longer than request_timeout "
	    "without returning to the event loop; try again\","
	    "\"requestId\":\"%s\"}\n", request_id);
	hlen = snprintf(head, sizeof(head), "Status: 503 Service Unavailable"
	    "\r\nRetry-After: 1\r\nContent-Type: application/json\r\n"
	    "Content-Length: %d\r\nX-Request-Id: %s\r\n\r\n", blen,
	    request_id);
	clen = hlen + blen;
	put_header(p, FCGI_STDOUT, (size_t)clen);
	memcpy(p + FCGI_HEADER_LEN, head, (size_t)hlen);
	memcpy(p + FCGI_HEADER_LEN + hlen, body, (size_t)blen);
	p += FCGI_HEADER_LEN + clen;
	put_header(p, FCGI_STDOUT, 0);
	p += FCGI_HEADER_LEN;
	put_header(p, FCGI_END_REQUEST, 8);
	memset(p + FCGI_HEADER_LEN, 0, 8);
	p += FCGI_HEADER_LEN + 8;
	o->len = (size_t)(p - o->rec);
	for (i = 0, p = o->rec; p < o->rec + o->len; i++) {
		size_t len = ((size_t)p[4] << 8) | p[5];

		p[2] = (unsigned char)(fcgi_id >> 8);
		p[3] = (unsigned char)fcgi_id;
		p += FCGI_HEADER_LEN + len;
	}
}

/* Changed only while no timer is armed: the handler never sees it move. */
void
timeout_spare_add(const struct timeout_spare *o)
{
	if (t.nothers < CONFIG_CONCURRENT_MAX)
		t.others[t.nothers++] = o;
}

void
timeout_spare_remove(const struct timeout_spare *o)
{
	int i;

	for (i = 0; i < t.nothers; i++)
		if (t.others[i] == o) {
			t.others[i] = t.others[--t.nothers];
			return;
		}
}
