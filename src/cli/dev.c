/*
 * dev: `fnpool dev`.  GNU libmicrohttpd speaks HTTP/1.1 (keep-alive,
 * chunked bodies, HEAD, 400 for what does not parse); its one thread
 * turns each request into the CGI variables and body nginx would pass
 * and answers it with invoke_exchange: a child forked per request runs
 * it through cgi_serve, with the pool's routing, ctx, limits and
 * responses.  A new process per request loads the files as they are
 * now, so every edit shows on the next request (module state does not
 * carry from one request to the next, as it does in a worker).  The
 * library runs in the one thread, driven by select() with SIGINT and
 * SIGTERM read from a signalfd: a child forked there has all of the
 * parent's memory reachable (forked from a library thread, the memory
 * only that thread's peers referenced looked leaked to LeakSanitizer).
 */
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/request_id.h"
#include "cli/dev.h"
#include "cli/invoke.h"
#include "worker/serve.h"

struct dev {
	const struct pool_config *pool;
	int			 color;		/* stderr is a terminal */
};

/* One request, from its request line to the end of its response. */
struct dev_req {
	char		*target;	/* as the client sent it, query included */
	struct buf	 body;
	int		 started;	/* the handler has seen the headers */
	int		 too_big;	/* past max_body_size: 413 */
	struct timespec	 t0;
};

/* Headers collected for the request's CGI variables. */
struct dev_headers {
	struct invoke	*inv;
	int		 has_body;	/* Content-Length or Transfer-Encoding */
	int		 too_long;	/* a name invoke cannot carry */
};

static double
ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) * 1e3 +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Called with the request line's target, before any header is read. */
static void *
dev_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct dev_req *r;

	(void)cls;
	(void)conn;
	if ((r = calloc(1, sizeof(*r))) == NULL ||
	    (r->target = strdup(uri)) == NULL)
		log_fatal("calloc");
	buf_init(&r->body);
	clock_gettime(CLOCK_MONOTONIC, &r->t0);
	return r;
}

static void
dev_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode why)
{
	struct dev_req *r = *con_cls;

	(void)cls;
	(void)conn;
	(void)why;
	if (r == NULL)
		return;
	free(r->target);
	buf_free(&r->body);
	free(r);
	*con_cls = NULL;
}

static enum MHD_Result
dev_header(void *cls, enum MHD_ValueKind kind, const char *name,
    const char *value)
{
	struct dev_headers *h = cls;

	(void)kind;
	if (strcasecmp(name, "Content-Length") == 0 ||
	    strcasecmp(name, "Transfer-Encoding") == 0) {
		h->has_body = 1;	/* CONTENT_LENGTH comes from the body */
		return MHD_YES;
	}
	if (invoke_header_var(h->inv, name, value != NULL ? value : "") == -1)
		h->too_long = 1;
	return MHD_YES;
}

/* REMOTE_ADDR and the rest of what the connection tells. */
static void
dev_peer_vars(struct invoke *inv, struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci;
	char host[NI_MAXHOST], port[NI_MAXSERV];
	socklen_t len;

	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || ci->client_addr == NULL)
		return;
	len = ci->client_addr->sa_family == AF_INET6 ?
	    sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
	if (getnameinfo(ci->client_addr, len, host, sizeof(host), port,
	    sizeof(port), NI_NUMERICHOST | NI_NUMERICSERV) != 0)
		return;
	invoke_var(inv, "REMOTE_ADDR", host);
	invoke_var(inv, "REMOTE_PORT", port);
}

/* A response made here, not by a function: 4xx from the HTTP side. */
static void
dev_reject(struct invoke *inv, int status, const char *message,
    struct buf *cgi, char *id, size_t idsize)
{
	struct request req;

	serve_begin(&req, inv->vars);
	str_copy(id, idsize, req.id, STR_ALL);
	serve_reject(&req, status, message, cgi);
	request_free(&req);
}

/* Runs the request; its CGI response lands in cgi. */
static void
dev_answer(struct dev *dv, struct MHD_Connection *conn, const char *method,
    struct dev_req *r, struct buf *cgi, char *id, size_t idsize)
{
	struct invoke inv;
	struct dev_headers h = { &inv, 0, 0 };

	invoke_init(&inv);
	inv.method = method;
	inv.target = r->target;
	invoke_var(&inv, "REQUEST_METHOD", method);	/* for dev_reject */
	MHD_get_connection_values(conn, MHD_HEADER_KIND, dev_header, &h);
	dev_peer_vars(&inv, conn);
	if (r->target[0] != '/')
		dev_reject(&inv, 400, "The request target must be a path "
		    "starting with '/'", cgi, id, idsize);
	else if (h.too_long)
		dev_reject(&inv, 431, "A request header name is longer than "
		    "250 bytes", cgi, id, idsize);
	else if (r->too_big)
		dev_reject(&inv, 413, "Request body too large", cgi, id,
		    idsize);
	else {
		inv.has_body = h.has_body || r->body.len > 0;
		buf_append(&inv.body, r->body.data, r->body.len);
		if (invoke_exchange(&inv, dv->pool, cgi, id, idsize, NULL,
		    NULL) == -1 ||
		    invoke_status(cgi) == -1) {
			buf_reset(cgi);
			dev_reject(&inv, 500, "The request could not be run "
			    "(see fnpool dev's log)", cgi, id, idsize);
		}
	}
	invoke_free(&inv);
}

static ssize_t
dev_no_body(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)cls;
	(void)pos;
	(void)buf;
	(void)max;
	return MHD_CONTENT_READER_END_OF_STREAM;
}

/*
 * The next "Name: value" line of a CGI header block ending at end:
 * name copied (NUL-ended), the value's bounds set.  0 at the block's end.
 */
static int
dev_next_header(const char **p, const char *end, char *name, size_t size,
    const char **value, size_t *vlen)
{
	const char *eol, *colon;
	size_t n;

	while (*p < end &&
	    (eol = memmem(*p, (size_t)(end - *p), "\r\n", 2)) != NULL &&
	    eol > *p) {
		colon = memchr(*p, ':', (size_t)(eol - *p));
		n = colon != NULL ? (size_t)(colon - *p) : 0;
		if (n == 0 || n >= size) {
			*p = eol + 2;	/* response.c writes none such */
			continue;
		}
		memcpy(name, *p, n);
		name[n] = '\0';
		for (colon++; colon < eol && *colon == ' '; colon++)
			;
		*value = colon;
		*vlen = (size_t)(eol - colon);
		*p = eol + 2;
		return 1;
	}
	return 0;
}

/*
 * The CGI response as an MHD response: its headers but Status and
 * Content-Length (libmicrohttpd writes both), and its body.  A HEAD
 * response has no body but announces the length a GET's would have.
 */
static struct MHD_Response *
dev_response(const struct buf *cgi, int head)
{
	const char *end = cgi->data + cgi->len, *body, *p, *v;
	struct MHD_Response *res;
	char name[256], *value;
	uint64_t length = 0;
	size_t vn;

	body = memmem(cgi->data, cgi->len, "\r\n\r\n", 4);
	body = body != NULL ? body + 4 : end;
	for (p = cgi->data; dev_next_header(&p, body, name, sizeof(name), &v,
	    &vn); )
		if (strcasecmp(name, "Content-Length") == 0)
			length = strtoull(v, NULL, 10);
	res = head ? MHD_create_response_from_callback(length, 1, dev_no_body,
	    NULL, NULL) : MHD_create_response_from_buffer(
	    (size_t)(end - body), (void *)body, MHD_RESPMEM_MUST_COPY);
	if (res == NULL)
		return NULL;
	for (p = cgi->data; dev_next_header(&p, body, name, sizeof(name), &v,
	    &vn); ) {
		if (strcasecmp(name, "Content-Length") == 0 ||
		    strcasecmp(name, "Status") == 0)
			continue;
		if ((value = strndup(v, vn)) == NULL)
			log_fatal("strndup");
		MHD_add_response_header(res, name, value);
		free(value);
	}
	return res;
}

/* One line per request, coloured by status class on a terminal. */
static void
dev_log_line(const struct dev *dv, const char *method, const char *target,
    int status, double ms, const char *id)
{
	const char *color = status >= 500 ? "31" : status >= 400 ? "33" :
	    status >= 300 ? "36" : "32";

	if (dv->color)
		fprintf(stderr, "\033[1m%s\033[0m %s \033[%sm%d\033[0m "
		    "%.1f ms \033[2m%s\033[0m\n", method, target, color,
		    status, ms, id);
	else
		fprintf(stderr, "%s %s %d %.1f ms %s\n", method, target,
		    status, ms, id);
	fflush(stderr);
}

static enum MHD_Result
dev_handle(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct dev *dv = cls;
	struct dev_req *r = *con_cls;
	struct MHD_Response *res;
	char id[REQUEST_ID_MAX + 1];
	struct buf cgi;
	enum MHD_Result ok;
	int status;

	(void)url;
	(void)version;
	if (!r->started) {	/* headers in; the body (if any) follows */
		r->started = 1;
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		if (r->body.len + *upload_data_size >
		    (size_t)dv->pool->max_body_size)
			r->too_big = 1;
		else
			buf_append(&r->body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	buf_init(&cgi);
	id[0] = '\0';
	dev_answer(dv, conn, method, r, &cgi, id, sizeof(id));
	status = invoke_status(&cgi);
	res = dev_response(&cgi, strcmp(method, "HEAD") == 0);
	buf_free(&cgi);
	if (res == NULL) {
		log_error("request %s: cannot make the response", id);
		return MHD_NO;	/* libmicrohttpd closes the connection */
	}
	ok = MHD_queue_response(conn, (unsigned)status, res);
	MHD_destroy_response(res);
	dev_log_line(dv, method, r->target, status, ms_since(&r->t0), id);
	return ok;
}

/* libmicrohttpd's messages (a malformed request, ...) as fnpool's. */
static void
dev_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	size_t n;

	(void)cls;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n > 0 && msg[n - 1] == '\n')
		msg[--n] = '\0';
	log_warn("libmicrohttpd: %s", msg);
}

/*
 * The URL the socket answers on, and whether only this machine can
 * reach it.
 */
static int
dev_shown(int fd, char *url, size_t size)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	char host[NI_MAXHOST], port[NI_MAXSERV];
	const struct sockaddr_in *in4 = (const void *)&ss;
	const struct sockaddr_in6 *in6 = (const void *)&ss;

	if (getsockname(fd, (struct sockaddr *)&ss, &len) == -1 ||
	    getnameinfo((struct sockaddr *)&ss, len, host, sizeof(host), port,
	    sizeof(port), NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
		str_copy(url, size, "(unknown address)", STR_ALL);
		return 0;
	}
	snprintf(url, size, ss.ss_family == AF_INET6 ? "http://[%s]:%s/" :
	    "http://%s:%s/", host, port);
	if (ss.ss_family == AF_INET6)
		return IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
	return (ntohl(in4->sin_addr.s_addr) >> 24) == 127;
}

/*
 * A bound, listening socket for spec, or -1 after saying why; its URL in
 * url, and in *loopback whether only this machine can reach it.
 */
static int
dev_listen(const char *spec, char *url, size_t size, int *loopback)
{
	char host[256] = "127.0.0.1", port[32];
	struct addrinfo hints, *ai;
	const char *colon = strrchr(spec, ':');
	int fd, on = 1, err;

	if (colon == NULL)
		str_copy(port, sizeof(port), spec, STR_ALL);
	else {
		str_copy(port, sizeof(port), colon + 1, STR_ALL);
		if (spec[0] == '[' && colon > spec && colon[-1] == ']')
			str_copy(host, sizeof(host), spec + 1,
			    (size_t)(colon - spec) - 2);
		else
			str_copy(host, sizeof(host), spec,
			    (size_t)(colon - spec));
	}
	if (port[0] == '\0' || strspn(port, "0123456789") != strlen(port)) {
		log_error("--listen %s: expected HOST:PORT or PORT, such as "
		    DEV_LISTEN_DEFAULT, spec);
		return -1;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	if ((err = getaddrinfo(host, port, &hints, &ai)) != 0) {
		log_error("--listen %s: %s", spec, gai_strerror(err));
		return -1;
	}
	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd == -1 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on,
	    sizeof(on)) == -1 || bind(fd, ai->ai_addr, ai->ai_addrlen) == -1 ||
	    listen(fd, 64) == -1) {
		log_error("--listen %s: %s", spec, strerror(errno));
		if (fd != -1)
			close(fd);
		freeaddrinfo(ai);
		return -1;
	}
	freeaddrinfo(ai);
	*loopback = dev_shown(fd, url, size);
	return fd;
}

/*
 * Runs the server until SIGINT or SIGTERM arrives on sfd; returns it.
 * The library's own timeouts (idle connections) bound each wait.
 */
static int
dev_loop(struct MHD_Daemon *d, int sfd)
{
	struct signalfd_siginfo si;
	MHD_UNSIGNED_LONG_LONG ms;
	struct timeval tv, *tvp;
	fd_set rs, ws, es;
	MHD_socket max;

	for (;;) {
		FD_ZERO(&rs);
		FD_ZERO(&ws);
		FD_ZERO(&es);
		max = sfd;
		FD_SET(sfd, &rs);
		if (MHD_get_fdset(d, &rs, &ws, &es, &max) != MHD_YES)
			log_fatalx("fnpool dev: too many connections for select");
		tvp = NULL;
		if (MHD_get_timeout(d, &ms) == MHD_YES) {
			tv.tv_sec = (time_t)(ms / 1000);
			tv.tv_usec = (suseconds_t)(ms % 1000) * 1000;
			tvp = &tv;
		}
		if (select(max + 1, &rs, &ws, &es, tvp) == -1) {
			if (errno == EINTR)
				continue;
			log_fatal("select");
		}
		if (FD_ISSET(sfd, &rs) &&
		    read(sfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
			return (int)si.ssi_signo;
		MHD_run_from_select(d, &rs, &ws, &es);
	}
}

int
dev_run(const struct pool_config *pool, const char *listen)
{
	struct dev dv = { pool, isatty(2) && getenv("NO_COLOR") == NULL };
	struct MHD_Daemon *d;
	char url[NI_MAXHOST + 32];
	sigset_t stop;
	int fd, sfd, loopback, sig;

	if ((fd = dev_listen(listen, url, sizeof(url), &loopback)) == -1)
		return 1;
	request_id_seed();	/* for the 4xx answered here, without a child */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigprocmask(SIG_BLOCK, &stop, NULL);
	if ((sfd = signalfd(-1, &stop, SFD_CLOEXEC)) == -1)
		log_fatal("signalfd");
	d = MHD_start_daemon(MHD_USE_ERROR_LOG, 0, NULL, NULL, dev_handle, &dv,
	    MHD_OPTION_EXTERNAL_LOGGER, dev_mhd_log, NULL,
	    MHD_OPTION_LISTEN_SOCKET, fd,
	    MHD_OPTION_URI_LOG_CALLBACK, dev_uri, NULL,
	    MHD_OPTION_NOTIFY_COMPLETED, dev_completed, NULL,
	    MHD_OPTION_CONNECTION_TIMEOUT, 60u,
	    /* a request a strict web server refuses gets its 400 here */
	    MHD_OPTION_STRICT_FOR_CLIENT, 1,
	    MHD_OPTION_END);
	if (d == NULL) {
		log_error("cannot start the HTTP server on %s", url);
		close(fd);
		close(sfd);
		return 1;
	}
	fprintf(stderr, "fnpool dev: serving %s on %s\n"
	    "fnpool dev: a development server (one request at a time, files "
	    "reloaded on every request): not for production; Ctrl-C stops "
	    "it\n", pool->functions, url);
	if (!loopback)
		fprintf(stderr, "fnpool dev: warning: %s can be reached from "
		    "other machines\n", url);
	fflush(stderr);
	sig = dev_loop(d, sfd);
	fprintf(stderr, "fnpool dev: %s: stopping\n", strsignal(sig));
	MHD_stop_daemon(d);	/* closes fd too */
	close(sfd);
	return 0;
}
