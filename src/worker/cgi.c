/*
 * cgi: the CGI/1.1 path.  Variables come from an environment, the body
 * from a descriptor (CONTENT_LENGTH bytes), and the response goes to
 * another: stdin and stdout for a CGI program, a memory file and a pipe
 * for `fnpool invoke`.  The pool's limits apply as in a FastCGI worker,
 * request_timeout included.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "worker/account.h"
#include "worker/cgi.h"
#include "core/exitcodes.h"
#include "core/log.h"
#include "worker/rlimits.h"
#include "worker/timeout.h"

extern char **environ;

/* Reads exactly len bytes: what follows them is not the body. */
static int
read_body(int fd, size_t len, struct buf *body)
{
	char chunk[16384];
	size_t want;
	ssize_t n;

	buf_reserve(body, len);
	while (body->len < len) {
		want = len - body->len < sizeof(chunk) ?
		    len - body->len : sizeof(chunk);
		n = read(fd, chunk, want);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;	/* fewer bytes than CONTENT_LENGTH */
		buf_append(body, chunk, (size_t)n);
	}
	return 0;
}

static int
write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* CONTENT_LENGTH: absent or empty is 0; -1 when it is not a number. */
static long
content_length(char **env)
{
	const char *cl = request_param(env, "CONTENT_LENGTH");
	char *end;
	long len;

	if (cl == NULL || cl[0] == '\0')
		return 0;
	errno = 0;
	len = strtol(cl, &end, 10);
	if (*end != '\0' || len < 0 || errno != 0)
		return -1;
	return len;
}

/*
 * The response is complete: the web server (or invoke) sees the end of
 * it while the ctx.waitUntil work runs.  /dev/null takes the descriptor,
 * so that no file opened later gets it and a stray write to it.
 */
static void
response_sent(int fd)
{
	int null;

	if ((null = open("/dev/null", O_WRONLY)) == -1) {
		log_error("open /dev/null: %s", strerror(errno));
		return;
	}
	if (dup2(null, fd) == -1)
		log_error("dup2 /dev/null: %s", strerror(errno));
	close(null);
}

int
cgi_serve(struct serve *sv, char **env, int in_fd, int out_fd)
{
	struct request req;
	struct account acct;	/* filled, never read: CGI keeps no accounts */
	struct buf body, out;
	long len;
	int status;

	if (rlimits_apply(sv->pool) == -1)
		return FNPOOL_EXIT_RLIMIT;
	timeout_init(sv->pool);
	buf_init(&body);
	buf_init(&out);
	serve_begin(&req, env);
	if ((len = content_length(env)) == -1)
		serve_reject(&req, 400, "Bad Content-Length", &out);
	else if (len > sv->pool->max_body_size)
		serve_reject(&req, 413, "Request body too large", &out);
	else if (read_body(in_fd, (size_t)len, &body) == -1)
		serve_reject(&req, 400, "Request body cut short", &out);
	else {
		req.body = body.data;
		req.body_len = body.len;
		timeout_arm(out_fd, 0, req.id);
		serve_request(sv, &req, &acct, &out);
		timeout_disarm();
	}
	status = write_all(out_fd, out.data, out.len) == 0 ? 0 : 1;
	if (sv->finishing) {	/* ctx.waitUntil: after the response */
		response_sent(out_fd);
		timeout_background(sv->route.name);
		serve_finish(sv, &req);
		timeout_disarm();
	}
	buf_free(&body);
	buf_free(&out);
	return status;
}

int
cgi_run(struct serve *sv)
{
	return cgi_serve(sv, environ, 0, 1);
}
