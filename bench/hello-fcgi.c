/*
 * hello-fcgi: the reference that fnpool's benchmark (bench/run.sh) measures
 * fnpool against.
 *
 * It is the least a prefork libfcgi program can do per request: accept on
 * the FastCGI socket inherited as fd 0 (spawn-fcgi binds it and forks the
 * workers), answer from memory, finish.  nginx, the socket and libfcgi cost
 * the same for fnpool; whatever fnpool spends above this program is the
 * price of running JavaScript, so its throughput is the practical limit of
 * the architecture.
 *
 *   .../hello   "hello", text/plain
 *   .../echo    the request body back, application/json (copied, not parsed)
 *   .../big     64 KiB of 'x', text/plain
 *
 * Like fnpool, it sends Content-Length, so nginx does the same work for
 * both.  It is built by `make bench` only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcgiapp.h>

#define BIG_SIZE	65536
#define BODY_MAX	(1024 * 1024)
#define TEXT		"text/plain; charset=utf-8"	/* as fnpool sends */

static char big[BIG_SIZE];
static char body[BODY_MAX];

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void
reply(FCGX_Request *req, const char *status, const char *type,
    const char *data, size_t len)
{
	char head[256];
	int n;

	n = snprintf(head, sizeof(head),
	    "Status: %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n\r\n",
	    status, type, len);
	FCGX_PutStr(head, n, req->out);
	FCGX_PutStr(data, (int)len, req->out);
}

static void
serve_echo(FCGX_Request *req)
{
	const char *cl;
	long want;
	int got;

	cl = FCGX_GetParam("CONTENT_LENGTH", req->envp);
	want = cl != NULL ? strtol(cl, NULL, 10) : 0;
	if (want < 0 || want > BODY_MAX) {
		reply(req, "413 Content Too Large", TEXT, "body too large\n",
		    strlen("body too large\n"));
		return;
	}
	got = FCGX_GetStr(body, (int)want, req->in);
	reply(req, "200 OK", "application/json", body, (size_t)got);
}

static void
serve(FCGX_Request *req)
{
	const char *uri;

	uri = FCGX_GetParam("DOCUMENT_URI", req->envp);
	if (uri == NULL)
		uri = "";
	if (ends_with(uri, "/echo"))
		serve_echo(req);
	else if (ends_with(uri, "/big"))
		reply(req, "200 OK", TEXT, big, sizeof(big));
	else
		reply(req, "200 OK", TEXT, "hello", strlen("hello"));
}

int
main(void)
{
	FCGX_Request req;

	if (FCGX_IsCGI()) {
		fprintf(stderr, "hello-fcgi: fd 0 is not a FastCGI socket; "
		    "run it under spawn-fcgi (see bench/run.sh)\n");
		return 2;
	}
	memset(big, 'x', sizeof(big));
	if (FCGX_Init() != 0 || FCGX_InitRequest(&req, 0, 0) != 0) {
		fprintf(stderr, "hello-fcgi: cannot initialise libfcgi\n");
		return 1;
	}
	while (FCGX_Accept_r(&req) >= 0) {
		serve(&req);
		FCGX_Finish_r(&req);
	}
	return 0;
}
