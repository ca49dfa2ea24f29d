/*
 * Unit tests for timeout.c: the records written when a request runs past
 * request_timeout, read back from a socketpair, and the exit status.
 */
#include <sys/socket.h>
#include <sys/wait.h>

#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "core/exitcodes.h"
#include "core/log.h"
#include "worker/timeout.h"
#include "tap.h"

static const char id[] = "0123456789abcdef0123456789abcdef";

/* Reads until EOF; returns the length. */
static size_t
read_all(int fd, unsigned char *buf, size_t size)
{
	size_t n = 0;
	ssize_t r;

	while (n < size && (r = read(fd, buf + n, size - n)) > 0)
		n += (size_t)r;
	return n;
}

int
main(void)
{
	struct pool_config pool;
	unsigned char buf[4096];
	char logpath[] = "/tmp/fnpool-timeout-XXXXXX", logbuf[1024];
	const char *after, *bg_line = "api/audit.js: request "
	    "0123456789abcdef0123456789abcdef: its ctx.waitUntil work timed "
	    "out (background_timeout) after ";
	const unsigned char *p;
	const char *tail;
	size_t n, len;
	int sv[2], status, fd;
	pid_t pid;
	FILE *fp;

	memset(&pool, 0, sizeof(pool));
	pool.request_timeout_ms = 100;
	if ((fd = mkstemp(logpath)) == -1)
		return 1;
	close(fd);
	log_open(logpath, LOG_LEVEL_INFO);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);

	/* A request that finishes in time writes nothing and goes on. */
	if ((pid = fork()) == 0) {
		close(sv[0]);
		timeout_init(&pool);
		timeout_arm(sv[1], 1, id);
		usleep(10000);
		timeout_disarm();
		usleep(200000);		/* past the deadline: nothing fires */
		_exit(0);
	}
	close(sv[1]);
	n = read_all(sv[0], buf, sizeof(buf));
	waitpid(pid, &status, 0);
	close(sv[0]);
	ok(n == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "a disarmed timer writes nothing and the process lives on");

	/* A request that runs too long gets the 504 records. */
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	if ((pid = fork()) == 0) {
		close(sv[0]);
		timeout_init(&pool);
		timeout_arm(sv[1], 0x1234, id);
		timeout_function("api/slow.js");
		for (;;)
			;
	}
	close(sv[1]);
	n = read_all(sv[0], buf, sizeof(buf));
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == FNPOOL_EXIT_TIMEOUT,
	    "the process exits with FNPOOL_EXIT_TIMEOUT");

	p = buf;
	len = n >= 8 ? (size_t)(p[4] << 8 | p[5]) : 0;
	ok(n >= 8 && p[0] == 1 && p[1] == 6 && p[2] == 0x12 && p[3] == 0x34,
	    "first record: FCGI_STDOUT for FastCGI request 0x1234");
	ok(n >= 8 + len && len > 0 && memmem(p + 8, len,
	    "Status: 504 Gateway Timeout\r\n", 29) == p + 8,
	    "it starts with the 504 status");
	ok(memmem(p + 8, len, "X-Request-Id: 0123456789abcdef0123456789abcdef\r\n",
	    48) != NULL, "it carries X-Request-Id");
	ok(memmem(p + 8, len, "\"requestId\":\"0123456789abcdef0123456789abcdef\"",
	    46) != NULL, "the JSON body carries the request id");
	ok(memmem(p + 8, len, "request_timeout (100 ms)", 24) != NULL,
	    "the body names the timeout");
	p += 8 + len;
	ok((size_t)(p - buf) + 8 + 16 == n, "then exactly two more records");
	ok(p[1] == 6 && p[4] == 0 && p[5] == 0 && p[2] == 0x12 && p[3] == 0x34,
	    "an empty FCGI_STDOUT");
	p += 8;
	ok(p[1] == 3 && p[5] == 8 && p[2] == 0x12 && p[3] == 0x34 &&
	    p[8 + 4] == 0, "FCGI_END_REQUEST, request complete");

	fp = fopen(logpath, "r");
	n = fp != NULL ? fread(logbuf, 1, sizeof(logbuf) - 1, fp) : 0;
	logbuf[n] = '\0';
	if (fp != NULL)
		fclose(fp);
	ok(strstr(logbuf, "api/slow.js: request 0123456789abcdef0123456789abcdef "
	    "timed out after 1") != NULL && strstr(logbuf, " ms; answered 504")
	    != NULL, "the log names function, request id and elapsed time");

	/* A CGI request (fcgi id 0) with a client's short id. */
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	if ((pid = fork()) == 0) {
		close(sv[0]);
		timeout_init(&pool);
		timeout_arm(sv[1], 0, "abc");
		for (;;)
			;
	}
	close(sv[1]);
	n = read_all(sv[0], buf, sizeof(buf) - 1);
	buf[n] = '\0';
	waitpid(pid, &status, 0);
	close(sv[0]);
	ok(n > 29 && memcmp(buf, "Status: 504 Gateway Timeout\r\n", 29) == 0,
	    "CGI: the bare response, no FastCGI record around it");
	tail = "\"requestId\":\"abc\"}\n";
	ok(strstr((char *)buf, "X-Request-Id: abc\r\n") != NULL &&
	    n > strlen(tail) && strcmp((char *)buf + n - strlen(tail), tail) == 0,
	    "CGI: a 3-character request id, whole, in header and body");
	len = 0;
	if ((p = memmem(buf, n, "Content-Length: ", 16)) != NULL)
		len = strtoul((char *)p + 16, NULL, 10);
	p = (unsigned char *)strstr((char *)buf, "\r\n\r\n");
	ok(p != NULL && len == n - (size_t)(p + 4 - buf),
	    "CGI: Content-Length fits the body with that id");

	/*
	 * ctx.waitUntil work past background_timeout (from the request's
	 * start): nothing is written on the connection, the response having
	 * been sent; the log says so and the process exits.
	 */
	pool.background_timeout_ms = 250;
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	if ((pid = fork()) == 0) {
		close(sv[0]);
		timeout_init(&pool);
		timeout_arm(sv[1], 0x0101, id);
		timeout_disarm();	/* the response went out in time */
		timeout_background("api/audit.js");
		for (;;)
			;
	}
	close(sv[1]);
	n = read_all(sv[0], buf, sizeof(buf));
	waitpid(pid, &status, 0);
	close(sv[0]);
	ok(n == 0, "background timeout: nothing written on the connection");
	ok(WIFEXITED(status) && WEXITSTATUS(status) == FNPOOL_EXIT_TIMEOUT,
	    "  the process exits with FNPOOL_EXIT_TIMEOUT");
	fp = fopen(logpath, "r");
	n = fp != NULL ? fread(logbuf, 1, sizeof(logbuf) - 1, fp) : 0;
	logbuf[n] = '\0';
	if (fp != NULL)
		fclose(fp);
	after = strstr(logbuf, bg_line);
	/* not before the 250 ms; a loaded machine may be late by any amount */
	ok(after != NULL && atol(after + strlen(bg_line)) >= 250 &&
	    strstr(after, " ms; the worker exits") != NULL,
	    "  the log names function, request id and the key, after 250 ms or more");

	/* Only background_timeout: request_timeout 0 still bounds the work. */
	pool.request_timeout_ms = 0;
	pool.background_timeout_ms = 50;
	if ((pid = fork()) == 0) {
		timeout_init(&pool);
		timeout_arm(-1, 0, id);
		timeout_disarm();
		timeout_background("api/audit.js");
		for (;;)
			;
	}
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == FNPOOL_EXIT_TIMEOUT,
	    "background_timeout alone, without request_timeout");

	/* Neither: the work may run as long as it needs. */
	pool.background_timeout_ms = 0;
	if ((pid = fork()) == 0) {
		timeout_init(&pool);
		timeout_arm(-1, 0, id);
		timeout_disarm();
		timeout_background("api/audit.js");
		usleep(100000);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "no timeout at all: the work is not cut");

	/*
	 * max_concurrent: a runaway answers every request in flight.  Three
	 * are: the runaway (its spare is skipped: it gets the 504), and
	 * two neighbours, one of them with a 64-character client id.
	 */
	{
		static const char long_id[] = "client-id-"
		    "0123456789012345678901234567890123456789012345678901234";
		struct timeout_spare me, a, b;
		struct timespec start;
		int sa[2], sb[2];

		pool.request_timeout_ms = 100;
		socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
		socketpair(AF_UNIX, SOCK_STREAM, 0, sa);
		socketpair(AF_UNIX, SOCK_STREAM, 0, sb);
		if ((pid = fork()) == 0) {
			close(sv[0]);
			close(sa[0]);
			close(sb[0]);
			timeout_init(&pool);
			timeout_spare_build(&me, sv[1], 7, id);
			timeout_spare_build(&a, sa[1], 8, "feedc0de");
			timeout_spare_build(&b, sb[1], 0x0102, long_id);
			timeout_spare_add(&me);
			timeout_spare_add(&a);
			timeout_spare_add(&b);
			timeout_spare_remove(&b);	/* answered meanwhile */
			timeout_spare_add(&b);
			clock_gettime(CLOCK_MONOTONIC, &start);
			start.tv_sec -= 1;	/* its time is up: the grace */
			timeout_resume(sv[1], 7, id, &start, 0);
			for (;;)
				;
		}
		close(sv[1]);
		close(sa[1]);
		close(sb[1]);
		n = read_all(sv[0], buf, sizeof(buf));
		waitpid(pid, &status, 0);
		ok(WIFEXITED(status) && WEXITSTATUS(status) ==
		    FNPOOL_EXIT_TIMEOUT, "a runaway among three: the worker exits");
		len = n >= 8 ? (size_t)(buf[4] << 8 | buf[5]) : 0;
		ok(n >= 8 + len && buf[3] == 7 && memmem(buf + 8, len,
		    "Status: 504 Gateway Timeout\r\n", 29) == buf + 8,
		    "  the runaway gets its 504, not a 503");
		n = read_all(sa[0], buf, sizeof(buf));
		len = n >= 8 ? (size_t)(buf[4] << 8 | buf[5]) : 0;
		ok(n == 8 + len + 8 + 16 && buf[1] == 6 && buf[3] == 8 &&
		    memmem(buf + 8, len, "Status: 503 Service Unavailable\r\n"
		    "Retry-After: 1\r\n", 49) == buf + 8,
		    "  a neighbour gets 503 with Retry-After, in three records");
		ok(memmem(buf + 8, len, "X-Request-Id: feedc0de\r\n", 24) !=
		    NULL && memmem(buf + 8, len,
		    "\"requestId\":\"feedc0de\"}\n", 24) != NULL,
		    "  with its own request id, header and body");
		ok(buf[8 + len + 1] == 6 && buf[8 + len + 3] == 8 &&
		    buf[8 + len + 8 + 1] == 3 && buf[8 + len + 8 + 3] == 8,
		    "  then the empty STDOUT and END_REQUEST, for its own id");
		n = read_all(sb[0], buf, sizeof(buf));
		len = n >= 8 ? (size_t)(buf[4] << 8 | buf[5]) : 0;
		ok(n == 8 + len + 8 + 16 && buf[2] == 1 && buf[3] == 2 &&
		    memmem(buf + 8, len, long_id, strlen(long_id)) != NULL,
		    "  the other one too, with a 64-character id");
		ok(memmem(buf + 8, len, "another request in this worker ran "
		    "longer than request_timeout", 62) != NULL,
		    "  its body says why");
		close(sv[0]);
		close(sa[0]);
		close(sb[0]);
	}
	unlink(logpath);
	return tap_done();
}
