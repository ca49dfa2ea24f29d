/*
 * cgi: the CGI/1.1 path.  Variables come from the environment, the body
 * from stdin (CONTENT_LENGTH bytes), the response goes to stdout.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cgi.h"
#include "log.h"

extern char **environ;

static int
read_stdin(long len, long max, struct buf *body)
{
	char chunk[16384];
	ssize_t n;

	while ((long)body->len < len) {
		n = read(0, chunk, sizeof(chunk));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;	/* fewer bytes than CONTENT_LENGTH */
		if (body->len + (size_t)n > (size_t)max)
			return 413;
		buf_append(body, chunk, (size_t)n);
	}
	return 0;
}

static int
write_all(const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(1, p, n);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
cgi_run(struct serve *sv)
{
	struct request req;
	struct buf body, out;
	const char *cl;
	long len = 0;
	int status;

	buf_init(&body);
	buf_init(&out);
	serve_begin(&req, environ);
	cl = request_param(environ, "CONTENT_LENGTH");
	if (cl != NULL && cl[0] != '\0')
		len = strtol(cl, NULL, 10);
	if (len > sv->pool->max_body_size)
		serve_reject(&req, 413, "Request body too large", &out);
	else if ((status = read_stdin(len, sv->pool->max_body_size, &body)) != 0)
		serve_reject(&req, status == 413 ? 413 : 400, status == 413 ?
		    "Request body too large" : "Request body cut short", &out);
	else {
		req.body = body.data;
		req.body_len = body.len;
		serve_request(sv, &req, &out);
	}
	status = write_all(out.data, out.len) == 0 ? 0 : 1;
	buf_free(&body);
	buf_free(&out);
	return status;
}
