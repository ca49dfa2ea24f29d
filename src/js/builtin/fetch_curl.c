/*
 * fetch_curl: see fetch_curl.h.
 *
 * One multi handle per worker, made on the first fetch and kept for the
 * worker's life: its connection cache keeps connections alive from one
 * request to the next, and a share handle keeps DNS answers and TLS
 * sessions.  Easy handles are kept too, reset for each use.  The loop
 * (jsloop.c) calls fetch_curl_wait instead of sleeping while transfers
 * are in flight, with the due time of its next timer: curl_multi_poll
 * waits on curl's sockets until then or until curl's own timer, so
 * timers keep firing while transfers wait and transfers run side by
 * side.  Nothing here blocks outside that poll.
 *
 * curl follows no redirect itself.  Each hop is a transfer of its own,
 * so that the guard (fetch_guard.c) sees each hop's host, and the
 * method, body and headers change between hops as the Fetch standard
 * says.  curl does the HTTP, the TLS, chunked bodies and content
 * encodings; every connection it opens goes through on_open, where the
 * guard sees the resolved address.  A transfer never outlives its
 * request: fetch_curl_end cancels what is left, and request_timeout's
 * 504 (worker/timeout.c) ends the worker while it waits here.
 */
#include <sys/socket.h>

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "core/buf.h"
#include "core/log.h"
#include "js/builtin/fetch_curl.h"
#include "js/builtin/fetch_guard.h"
#include "js/call.h"
#include "js/jsloop.h"

#define SPARE_MAX	8	/* easy handles kept for reuse */
#define MAX_CONNECTS	64	/* connections kept alive per worker */
#define HOST_MAX	256

struct xfer {
	struct xfer	*next;
	CURL		*easy;
	js_State	*J;		/* the state that started it */
	const struct jsloop *loop;	/* the request's (call.h) */
	const struct pool_config *pool;
	int		 slot;
	fetch_settle_fn	*settle;
	int64_t		 start_us;
	int64_t		 deadline;	/* fetch.timeout's, monotonic ms */
	int64_t		 signal_at;	/* AbortSignal.timeout's */
	char		*url;		/* this hop's */
	char		 host[HOST_MAX];
	char		 port[8];
	char		 method[32];
	char		**headers;	/* name, value, ... as given */
	size_t		 nheaders;
	char		*body;
	size_t		 body_len;
	int		 has_body;
	struct curl_slist *slist;
	enum fetch_redirect redirect;
	long		 redirects;
	int		 by_name;	/* fetch.allow names the host */
	char		 denied[160];	/* why the guard refused a connection */
	int		 too_large;
	int		 oom;
	js_Alloc	 alloc;
	void		*actx;
	char		*resp;
	size_t		 resp_len, resp_cap;
	char		 status_text[64];
	char		 errbuf[CURL_ERROR_SIZE];
	CURLcode	 rc;		/* fetch_curl_next's */
};

/* A failure: the code JavaScript sees in err.cause.code, and why. */
struct cause {
	const char	*code;
	enum fetch_cause ct;
	char		 message[384];
};

/* The worker's: one request at a time uses it. */
static struct {
	CURLM		*multi;
	CURLSH		*share;
	struct xfer	*live;		/* newest first */
	int		 nlive;
	CURL		*spare[SPARE_MAX];
	int		 nspare;
	int		 noted;		/* the worker has a note */
} M;

static int64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int64_t
now_ms(void)
{
	return now_us() / 1000;
}

static int
multi_init(void)
{
	if (M.multi != NULL)
		return 0;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return -1;
	if ((M.multi = curl_multi_init()) == NULL ||
	    (M.share = curl_share_init()) == NULL) {
		log_error("fetch: cannot set up libcurl (out of memory)");
		return -1;
	}
	curl_share_setopt(M.share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
	curl_share_setopt(M.share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
	curl_multi_setopt(M.multi, CURLMOPT_MAXCONNECTS, (long)MAX_CONNECTS);
	return 0;
}

/* ---- what the worker is told: the slow log's note, the counters ---------- */

static const struct fetch_hooks *hooks;	/* worker/serve.c's */

void
fetch_curl_setup(const struct fetch_hooks *h)
{
	hooks = h;
}

/* "fetch to HOST": what the request waits on, for the slow log. */
static void
note_waiting(void)
{
	char note[96];
	const struct xfer *x;

	for (x = M.live; x != NULL && x->next != NULL; x = x->next)
		;			/* the oldest */
	if (x == NULL || hooks == NULL || hooks->note == NULL)
		return;
	snprintf(note, sizeof(note), "fetch to %.64s%s", x->host,
	    M.nlive > 1 ? " (and more)" : "");
	hooks->note(note);
	M.noted = 1;
}

static void
note_clear(void)
{
	if (!M.noted)
		return;
	hooks->note(NULL);
	M.noted = 0;
}

/* A fetch ended: with a response's status, or with cause (status 0). */
static void
count(int64_t start_us, long status, enum fetch_cause cause)
{
	if (hooks != NULL && hooks->count != NULL)
		hooks->count((int)status, cause, now_us() - start_us);
}

static void
log_failure(js_State *J, const char *method, const char *host,
    const struct cause *c)
{
	const struct call *call = js_getcontext(J);
	const char *fn = call->function != NULL ? call->function : "-";
	const char *id = call->request_id != NULL ? call->request_id : "-";

	if (c->ct == FETCH_ABORTED)
		log_info("%s: request %s: fetch %s %s aborted: %s", fn, id,
		    method, host, c->message);
	else
		log_warn("%s: request %s: fetch %s %s failed: %s (%s)", fn, id,
		    method, host, c->code, c->message);
}

static void
cause_set(struct cause *c, const char *code, enum fetch_cause ct,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
cause_set(struct cause *c, const char *code, enum fetch_cause ct,
    const char *fmt, ...)
{
	va_list ap;

	c->code = code;
	c->ct = ct;
	va_start(ap, fmt);
	vsnprintf(c->message, sizeof(c->message), fmt, ap);
	va_end(ap);
}

/* ---- transfers ---------------------------------------------------------- */

static CURL *
easy_get(void)
{
	if (M.nspare > 0)
		return M.spare[--M.nspare];
	return curl_easy_init();
}

static void
easy_put(CURL *e)
{
	if (e == NULL)
		return;
	if (M.nspare < SPARE_MAX)
		M.spare[M.nspare++] = e;
	else
		curl_easy_cleanup(e);
}

static void
headers_free(char **h, size_t n)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < 2 * n; i++)
		free(h[i]);
	free(h);
}

static void
xfer_free(struct xfer *x)
{
	if (x == NULL)
		return;
	if (x->easy != NULL) {
		curl_multi_remove_handle(M.multi, x->easy);
		easy_put(x->easy);
	}
	curl_slist_free_all(x->slist);
	headers_free(x->headers, x->nheaders);
	free(x->body);
	free(x->url);
	if (x->resp != NULL)
		x->alloc(x->actx, x->resp, 0);
	free(x);
}

static void
xfer_unlink(struct xfer *x)
{
	struct xfer **pp;

	for (pp = &M.live; *pp != NULL; pp = &(*pp)->next)
		if (*pp == x) {
			*pp = x->next;
			M.nlive--;
			return;
		}
}

static int
header_is(const char *name, const char *want)
{
	return strcasecmp(name, want) == 0;
}

static int
has_header(const struct xfer *x, const char *name)
{
	size_t i;

	for (i = 0; i < x->nheaders; i++)
		if (header_is(x->headers[2 * i], name))
			return 1;
	return 0;
}

/* Drops the headers named in names (NULL-terminated). */
static void
drop_headers(struct xfer *x, const char *const *names)
{
	size_t i, j, k;

	for (i = j = 0; i < x->nheaders; i++) {
		for (k = 0; names[k] != NULL; k++)
			if (header_is(x->headers[2 * i], names[k]))
				break;
		if (names[k] != NULL) {
			free(x->headers[2 * i]);
			free(x->headers[2 * i + 1]);
			continue;
		}
		x->headers[2 * j] = x->headers[2 * i];
		x->headers[2 * j + 1] = x->headers[2 * i + 1];
		j++;
	}
	x->nheaders = j;
}

/*
 * Headers that frame the message or the connection: curl sends its own,
 * and a function's would contradict them (as browsers, fnpool drops them).
 */
static int
framing_header(const char *name)
{
	static const char *const names[] = { "content-length",
	    "transfer-encoding", "connection", "keep-alive", "upgrade", "te",
	    "trailer", NULL };
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		if (header_is(name, names[i]))
			return 1;
	return 0;
}

/*
 * curl's default headers that fetch does not send, and the request id.
 * Returns -1 without memory.
 */
static int
slist_build(struct xfer *x, const char *request_id)
{
	struct curl_slist *l = NULL, *n;
	struct buf line;
	size_t i;
	int rc = 0;

	buf_init(&line);
	for (i = 0; i <= x->nheaders + 2 && rc == 0; i++) {
		buf_reset(&line);
		if (i < x->nheaders) {
			const char *v = x->headers[2 * i + 1];

			if (framing_header(x->headers[2 * i]))
				continue;

			/* "Name;" is curl's way to send an empty value */
			buf_printf(&line, "%s%s%s", x->headers[2 * i],
			    *v == '\0' ? ";" : ": ", v);
		} else if (i == x->nheaders) {
			if (has_header(x, "expect"))
				continue;
			buf_puts(&line, "Expect:");	/* no 100-continue wait */
		} else if (i == x->nheaders + 1) {
			/* curl would add one of its own to a POST body */
			if (!x->has_body || has_header(x, "content-type"))
				continue;
			buf_puts(&line, "Content-Type:");
		} else {
			if (!x->pool->fetch_propagate_request_id ||
			    request_id == NULL || has_header(x, "x-request-id"))
				continue;
			buf_printf(&line, "X-Request-Id: %s", request_id);
		}
		if ((n = curl_slist_append(l, buf_cstr(&line))) == NULL)
			rc = -1;
		else
			l = n;
	}
	buf_free(&line);
	curl_slist_free_all(x->slist);
	x->slist = l;
	return rc;
}

/* ---- curl's callbacks --------------------------------------------------- */

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;
	size_t len = size * n, max = (size_t)x->pool->fetch_max_response_size;
	size_t cap;
	char *r;

	if (len == 0)
		return 0;
	if (len > max || x->resp_len > max - len) {
		x->too_large = 1;
		return 0;		/* CURLE_WRITE_ERROR */
	}
	if (x->resp_len + len > x->resp_cap) {
		cap = x->resp_cap != 0 ? x->resp_cap : 4096;
		while (cap < x->resp_len + len)
			cap *= 2;
		if (cap > max)
			cap = max;
		if (cap > INT_MAX ||
		    (r = x->alloc(x->actx, x->resp, (int)cap)) == NULL) {
			x->oom = 1;
			return 0;
		}
		x->resp = r;
		x->resp_cap = cap;
	}
	memcpy(x->resp + x->resp_len, p, len);
	x->resp_len += len;
	return len;
}

/*
 * Keeps the reason phrase of the last status line ("HTTP/1.1 404 Not
 * Found"): curl reads the headers, but has no field for the reason.
 */
static size_t
on_header(char *p, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;
	size_t len = size * n, i, j = 0;
	const char *sp;

	if (len < 5 || memcmp(p, "HTTP/", 5) != 0)
		return len;
	x->status_text[0] = '\0';
	if ((sp = memchr(p, ' ', len)) == NULL ||
	    (sp = memchr(sp + 1, ' ', len - (size_t)(sp + 1 - p))) == NULL)
		return len;
	for (i = (size_t)(sp + 1 - p); i < len && j + 1 < sizeof(x->status_text);
	    i++) {
		if (p[i] == '\r' || p[i] == '\n')
			break;
		x->status_text[j++] = (unsigned char)p[i] < 0x20 ? ' ' : p[i];
	}
	x->status_text[j] = '\0';
	return len;
}

/* Every connection curl opens, redirects and retries included. */
static curl_socket_t
on_open(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct xfer *x = arg;
	int fd;

	if (purpose != CURLSOCKTYPE_IPCXN)
		return CURL_SOCKET_BAD;
	if (fetch_guard_addr(x->pool, x->by_name, &a->addr, x->denied,
	    sizeof(x->denied)) == -1)
		return CURL_SOCKET_BAD;
	fd = socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
	return fd == -1 ? CURL_SOCKET_BAD : fd;
}

/* ---- one hop ------------------------------------------------------------ */

/*
 * The hop's host, checked by the guard; url must be absolute http(s).
 * Returns 0, or -1 with c set.
 */
static int
hop_host(struct xfer *x, const char *url, struct cause *c)
{
	char *scheme = NULL, *host = NULL, *port = NULL, why[300];
	CURLU *u;
	int rc = -1;

	if ((u = curl_url()) == NULL) {
		cause_set(c, "ENOMEM", FETCH_OTHER, "out of memory");
		return -1;
	}
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK)
		cause_set(c, "ERR_INVALID_URL", FETCH_OTHER, "Invalid URL: "
		    "%.200s", url);
	else if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0)
		cause_set(c, "ERR_UNSUPPORTED_PROTOCOL", FETCH_OTHER,
		    "unknown scheme %.32s: fetch takes http: and https: URLs",
		    scheme);
	else {
		snprintf(x->host, sizeof(x->host), "%s", host);
		curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
		snprintf(x->port, sizeof(x->port), "%s", port != NULL ? port : "");
		if (fetch_guard_host(x->pool, host, &x->by_name, why,
		    sizeof(why)) == -1)
			cause_set(c, "ERR_DENIED", FETCH_DENIED, "%s", why);
		else
			rc = 0;
	}
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return rc;
}

#define SET(opt, v)	(rc |= curl_easy_setopt(e, opt, v))

/* Sets up x->easy for x->url; returns 0, or -1 with c set. */
static int
hop_setup(struct xfer *x, const char *request_id, struct cause *c)
{
	const struct pool_config *pool = x->pool;
	int64_t left, until = x->deadline < x->signal_at ? x->deadline :
	    x->signal_at;
	CURL *e = x->easy;
	int rc = 0;

	x->resp_len = 0;
	x->too_large = x->oom = 0;
	x->denied[0] = x->status_text[0] = x->errbuf[0] = '\0';
	if (slist_build(x, request_id) == -1) {
		cause_set(c, "ENOMEM", FETCH_OTHER, "out of memory");
		return -1;
	}
	curl_easy_reset(e);
	SET(CURLOPT_URL, x->url);
	SET(CURLOPT_PRIVATE, x);
	SET(CURLOPT_SHARE, M.share);
	SET(CURLOPT_ERRORBUFFER, x->errbuf);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_FOLLOWLOCATION, 0L);
	SET(CURLOPT_PROXY, "");		/* not http_proxy from the environment */
	SET(CURLOPT_ACCEPT_ENCODING, "");	/* whatever curl can decode */
	SET(CURLOPT_USERAGENT, "fnpool/" PACKAGE_VERSION);
	SET(CURLOPT_HTTPHEADER, x->slist);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, x);
	SET(CURLOPT_HEADERFUNCTION, on_header);
	SET(CURLOPT_HEADERDATA, x);
	SET(CURLOPT_OPENSOCKETFUNCTION, on_open);
	SET(CURLOPT_OPENSOCKETDATA, x);
	SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)pool->fetch_max_response_size);
	if (pool->fetch_ca_file != NULL)	/* beside the system's CAPATH */
		SET(CURLOPT_CAINFO, pool->fetch_ca_file);
	if (pool->fetch_insecure) {
		SET(CURLOPT_SSL_VERIFYPEER, 0L);
		SET(CURLOPT_SSL_VERIFYHOST, 0L);
	}
	if (until != INT64_MAX) {
		if ((left = until - now_ms()) < 1)
			left = 1;
		SET(CURLOPT_TIMEOUT_MS, (long)left);
		SET(CURLOPT_CONNECTTIMEOUT_MS, (long)left);
	}
	if (strcmp(x->method, "HEAD") == 0)
		SET(CURLOPT_NOBODY, 1L);
	else if (x->has_body) {
		SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)x->body_len);
		SET(CURLOPT_POSTFIELDS, x->body != NULL ? x->body : "");
		if (strcmp(x->method, "POST") != 0)
			SET(CURLOPT_CUSTOMREQUEST, x->method);
	} else {
		SET(CURLOPT_HTTPGET, 1L);
		if (strcmp(x->method, "GET") != 0)
			SET(CURLOPT_CUSTOMREQUEST, x->method);
	}
	if (rc != CURLE_OK) {
		cause_set(c, "ERR_FETCH", FETCH_OTHER, "libcurl: %s",
		    curl_easy_strerror((CURLcode)rc));
		return -1;
	}
	if (curl_multi_add_handle(M.multi, e) != CURLM_OK) {
		cause_set(c, "ENOMEM", FETCH_OTHER, "cannot add the transfer");
		return -1;
	}
	return 0;
}

#undef SET

/* ---- starting ----------------------------------------------------------- */

static char *
xstrdup(const char *s)
{
	return s != NULL ? strdup(s) : NULL;
}

static struct xfer *
xfer_new(js_State *J, const struct fetch_spec *s, int slot,
    fetch_settle_fn *settle)
{
	const struct call *call = js_getcontext(J);
	struct xfer *x;
	size_t i;

	if ((x = calloc(1, sizeof(*x))) == NULL)
		return NULL;
	x->pool = call->pool;
	x->J = J;
	x->loop = call->loop;
	x->slot = slot;
	x->settle = settle;
	x->start_us = now_us();
	x->deadline = x->pool->fetch_timeout > 0 ?
	    x->start_us / 1000 + x->pool->fetch_timeout : INT64_MAX;
	x->signal_at = s->signal_ms >= 0 ? x->start_us / 1000 + s->signal_ms :
	    INT64_MAX;
	x->redirect = s->redirect;
	x->alloc = s->alloc;
	x->actx = s->actx;
	snprintf(x->method, sizeof(x->method), "%s", s->method);
	snprintf(x->host, sizeof(x->host), "?");
	x->url = xstrdup(s->url);
	x->has_body = s->body != NULL;
	if (s->body != NULL && (x->body = malloc(s->body_len + 1)) != NULL)
		memcpy(x->body, s->body, s->body_len);
	x->body_len = s->body_len;
	x->headers = calloc(2 * s->nheaders + 1, sizeof(char *));
	x->nheaders = s->nheaders;
	for (i = 0; x->headers != NULL && i < 2 * s->nheaders; i++)
		if ((x->headers[i] = strdup(s->headers[i])) == NULL)
			break;
	if (x->url == NULL || (x->has_body && x->body == NULL) ||
	    x->headers == NULL || i < 2 * s->nheaders) {
		xfer_free(x);
		return NULL;
	}
	return x;
}

int
fetch_curl_start(js_State *J, const struct fetch_spec *s, int slot,
    fetch_settle_fn *settle, const char **code, const char **message)
{
	const struct call *call = js_getcontext(J);
	static struct cause c;	/* *message points into it */
	struct xfer *x;

	memset(&c, 0, sizeof(c));
	if (multi_init() == -1) {
		cause_set(&c, "ENOMEM", FETCH_OTHER, "libcurl could not start");
		goto fail;
	}
	if ((x = xfer_new(J, s, slot, settle)) == NULL) {
		cause_set(&c, "ENOMEM", FETCH_OTHER, "out of memory");
		goto fail;
	}
	if (hop_host(x, x->url, &c) == -1 ||
	    (x->easy = easy_get()) == NULL ||
	    hop_setup(x, call->request_id, &c) == -1) {
		if (x->easy == NULL && c.code == NULL)
			cause_set(&c, "ENOMEM", FETCH_OTHER, "out of memory");
		log_failure(J, x->method, x->host, &c);
		count(x->start_us, 0, c.ct);
		xfer_free(x);
		*code = c.code;
		*message = c.message;
		return -1;
	}
	x->next = M.live;
	M.live = x;
	M.nlive++;
	return 0;
fail:
	log_failure(J, s->method, "?", &c);
	count(now_us(), 0, c.ct);
	*code = c.code;
	*message = c.message;
	return -1;
}

/* ---- how a transfer ended ----------------------------------------------- */

static const struct {
	long		 verify;
	const char	*code;
} cert_codes[] = {	/* OpenSSL's X509_V_ERR_*, by Node's names */
	{ 2, "UNABLE_TO_GET_ISSUER_CERT" },
	{ 9, "CERT_NOT_YET_VALID" },
	{ 10, "CERT_HAS_EXPIRED" },
	{ 18, "DEPTH_ZERO_SELF_SIGNED_CERT" },
	{ 19, "SELF_SIGNED_CERT_IN_CHAIN" },
	{ 20, "UNABLE_TO_GET_ISSUER_CERT_LOCALLY" },
	{ 21, "UNABLE_TO_VERIFY_LEAF_SIGNATURE" },
	{ 23, "CERT_REVOKED" },
	{ 24, "INVALID_CA" },
	{ 26, "INVALID_PURPOSE" },
	{ 27, "CERT_UNTRUSTED" },
	{ 28, "CERT_REJECTED" },
	{ 62, "ERR_TLS_CERT_ALTNAME_INVALID" },	/* host name mismatch */
};

static const char *
errno_code(long e)
{
	switch (e) {
	case ECONNREFUSED:	return "ECONNREFUSED";
	case ECONNRESET:	return "ECONNRESET";
	case EHOSTUNREACH:	return "EHOSTUNREACH";
	case ENETUNREACH:	return "ENETUNREACH";
	case ETIMEDOUT:		return "ETIMEDOUT";
	case EADDRNOTAVAIL:	return "EADDRNOTAVAIL";
	case EPIPE:		return "EPIPE";
	default:		return NULL;
	}
}

static const char *
curl_why(const struct xfer *x, CURLcode rc)
{
	return x->errbuf[0] != '\0' ? x->errbuf : curl_easy_strerror(rc);
}

/* Maps curl's result, and what the callbacks saw, to a Node-like code. */
static void
failure(const struct xfer *x, CURLcode rc, struct cause *c)
{
	long oserr = 0, verify = 0;
	const char *code;
	char *ip = NULL;
	size_t i;

	curl_easy_getinfo(x->easy, CURLINFO_OS_ERRNO, &oserr);
	if (x->denied[0] != '\0' && rc == CURLE_COULDNT_CONNECT) {
		cause_set(c, "ERR_DENIED", FETCH_DENIED, "%s", x->denied);
		return;
	}
	if (x->too_large || rc == CURLE_FILESIZE_EXCEEDED) {
		cause_set(c, "ERR_TOO_LARGE", FETCH_TOO_LARGE, "the response "
		    "body is larger than fetch.max_response_size (%ld bytes)",
		    x->pool->fetch_max_response_size);
		return;
	}
	if (x->oom) {
		cause_set(c, "ENOMEM", FETCH_OTHER, "no memory for the "
		    "response body (memory_limit)");
		return;
	}
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
		cause_set(c, "ENOTFOUND", FETCH_DNS, "getaddrinfo ENOTFOUND "
		    "%s", x->host);
		return;
	case CURLE_COULDNT_CONNECT:
		if ((code = errno_code(oserr)) == NULL)
			code = "ECONNREFUSED";
		if (curl_easy_getinfo(x->easy, CURLINFO_PRIMARY_IP, &ip) !=
		    CURLE_OK || ip == NULL || *ip == '\0')
			ip = (char *)x->host;
		cause_set(c, code, FETCH_REFUSED, "connect %s %s%s%s:%s",
		    code, strchr(ip, ':') != NULL ? "[" : "", ip,
		    strchr(ip, ':') != NULL ? "]" : "", x->port);
		return;
	case CURLE_OPERATION_TIMEDOUT:
		if (x->signal_at <= x->deadline && now_ms() >= x->signal_at)
			cause_set(c, "ABORT_TIMEOUT", FETCH_TIMEOUT, "The "
			    "operation was aborted due to timeout "
			    "(AbortSignal.timeout)");
		else if (x->deadline != INT64_MAX && now_ms() >= x->deadline)
			cause_set(c, "ETIMEDOUT", FETCH_TIMEOUT, "no response "
			    "within fetch.timeout (%ld ms)",
			    x->pool->fetch_timeout);
		else
			cause_set(c, "ETIMEDOUT", FETCH_TIMEOUT, "%s",
			    curl_why(x, rc));
		return;
	case CURLE_PEER_FAILED_VERIFICATION:
		curl_easy_getinfo(x->easy, CURLINFO_SSL_VERIFYRESULT, &verify);
		/* curl's own host name check leaves 0 or 1 (unspecified) */
		code = verify <= 1 ? "ERR_TLS_CERT_ALTNAME_INVALID" :
		    "CERT_VERIFY_FAILED";
		for (i = 0; i < sizeof(cert_codes) / sizeof(cert_codes[0]); i++)
			if (cert_codes[i].verify == verify)
				code = cert_codes[i].code;
		cause_set(c, code, FETCH_TLS, "%s", curl_why(x, rc));
		return;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_ENGINE_INITFAILED:
		cause_set(c, "ERR_TLS_HANDSHAKE", FETCH_TLS, "%s",
		    curl_why(x, rc));
		return;
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
		code = errno_code(oserr);
		cause_set(c, code != NULL ? code : "ECONNRESET", FETCH_OTHER,
		    "other side closed: %s", curl_why(x, rc));
		return;
	case CURLE_BAD_CONTENT_ENCODING:
		cause_set(c, "Z_DATA_ERROR", FETCH_OTHER, "%s",
		    curl_why(x, rc));
		return;
	case CURLE_UNSUPPORTED_PROTOCOL:
		cause_set(c, "ERR_UNSUPPORTED_PROTOCOL", FETCH_OTHER, "%s",
		    curl_why(x, rc));
		return;
	case CURLE_WEIRD_SERVER_REPLY:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		cause_set(c, "ERR_BAD_RESPONSE", FETCH_OTHER, "%s",
		    curl_why(x, rc));
		return;
	case CURLE_OUT_OF_MEMORY:
		cause_set(c, "ENOMEM", FETCH_OTHER, "out of memory");
		return;
	default:
		cause_set(c, "ERR_FETCH", FETCH_OTHER, "%s", curl_why(x, rc));
	}
}

static int
same_origin(CURLU *a, CURLU *b)
{
	static const CURLUPart parts[] = { CURLUPART_SCHEME, CURLUPART_HOST,
	    CURLUPART_PORT };
	char *pa, *pb;
	size_t i;
	int same = 1;

	for (i = 0; i < 3 && same; i++) {
		pa = pb = NULL;
		curl_url_get(a, parts[i], &pa, CURLU_DEFAULT_PORT);
		curl_url_get(b, parts[i], &pb, CURLU_DEFAULT_PORT);
		same = pa != NULL && pb != NULL && strcasecmp(pa, pb) == 0;
		curl_free(pa);
		curl_free(pb);
	}
	return same;
}

/*
 * A redirect to follow?  Returns 1 when the next hop started, 0 when the
 * response is final, -1 with c set when the fetch fails.
 */
static int
follow(js_State *J, struct xfer *x, long status, struct cause *c)
{
	static const char *const body_headers[] = { "content-type",
	    "content-length", "content-encoding", "content-language",
	    "content-location", NULL };
	static const char *const credentials[] = { "authorization",
	    "proxy-authorization", "cookie", "host", NULL };
	const struct call *call = js_getcontext(J);
	CURLU *from = NULL, *to = NULL;
	char *loc = NULL, *next;
	int cross;

	if (x->redirect == FETCH_MANUAL || (status != 301 && status != 302 &&
	    status != 303 && status != 307 && status != 308))
		return 0;
	if (curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &loc) !=
	    CURLE_OK || loc == NULL)
		return 0;		/* no Location: the response is final */
	if (x->redirect == FETCH_ERROR) {
		cause_set(c, "ERR_REDIRECT", FETCH_REDIRECT, "unexpected "
		    "redirect to %.200s (redirect: 'error')", loc);
		return -1;
	}
	if (x->redirects >= x->pool->fetch_max_redirects) {
		cause_set(c, "ERR_TOO_MANY_REDIRECTS", FETCH_REDIRECT,
		    "redirect count exceeded (fetch.max_redirects = %ld)",
		    x->pool->fetch_max_redirects);
		return -1;
	}
	if ((next = strdup(loc)) == NULL) {
		cause_set(c, "ENOMEM", FETCH_OTHER, "out of memory");
		return -1;
	}
	if (hop_host(x, next, c) == -1) {
		free(next);
		if (c->ct == FETCH_OTHER)	/* another scheme */
			c->ct = FETCH_REDIRECT;
		return -1;
	}
	from = curl_url();
	to = curl_url();
	cross = from == NULL || to == NULL ||
	    curl_url_set(from, CURLUPART_URL, x->url, 0) != CURLUE_OK ||
	    curl_url_set(to, CURLUPART_URL, next, 0) != CURLUE_OK ||
	    !same_origin(from, to);
	curl_url_cleanup(from);
	curl_url_cleanup(to);
	/* the Fetch standard's HTTP-redirect fetch, step 12 */
	if (((status == 301 || status == 302) &&
	    strcmp(x->method, "POST") == 0) || (status == 303 &&
	    strcmp(x->method, "GET") != 0 && strcmp(x->method, "HEAD") != 0)) {
		snprintf(x->method, sizeof(x->method), "GET");
		free(x->body);
		x->body = NULL;
		x->body_len = 0;
		x->has_body = 0;
		drop_headers(x, body_headers);
	}
	if (cross)
		drop_headers(x, credentials);
	free(x->url);
	x->url = next;
	x->redirects++;
	curl_multi_remove_handle(M.multi, x->easy);
	return hop_setup(x, call->request_id, c) == -1 ? -1 : 1;
}

/* The URL of the response: the last hop's, without its fragment. */
static char *
response_url(const struct xfer *x)
{
	char *s = NULL, *r;
	CURLU *u;

	if (strchr(x->url, '#') == NULL)
		return strdup(x->url);
	if ((u = curl_url()) != NULL &&
	    curl_url_set(u, CURLUPART_URL, x->url, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0) == CURLUE_OK)
		curl_url_get(u, CURLUPART_URL, &s, 0);
	curl_url_cleanup(u);
	r = strdup(s != NULL ? s : x->url);
	curl_free(s);
	return r;
}

/* A transfer ended with rc: the next hop, or the outcome to JavaScript. */
static int
finish(js_State *J, struct xfer *x, CURLcode rc)
{
	struct fetch_result r;
	struct cause c;
	long status = 0;
	char *url = NULL;
	int rv;

	memset(&r, 0, sizeof(r));
	memset(&c, 0, sizeof(c));
	if (rc == CURLE_OK) {
		curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
		switch (follow(J, x, status, &c)) {
		case 1:
			return 0;
		case 0:
			break;
		default:
			rc = CURLE_ABORTED_BY_CALLBACK;
		}
	} else
		failure(x, rc, &c);
	xfer_unlink(x);
	if (rc == CURLE_OK) {
		count(x->start_us, status, FETCH_OTHER);
		r.status = status;
		r.status_text = x->status_text;
		r.url = url = response_url(x);
		r.redirected = x->redirects > 0;
		r.body = x->resp;
		r.body_len = x->resp_len;
		r.easy = x->easy;
		x->resp = NULL;		/* the receiver's now */
		if (url == NULL) {
			r.code = "ENOMEM";
			r.message = "out of memory";
		}
	} else {
		count(x->start_us, 0, c.ct);
		log_failure(J, x->method, x->host, &c);
		r.code = c.code;
		r.message = c.message;
	}
	rv = x->settle(J, x->slot, &r);
	if (r.body != NULL)	/* settle left it */
		x->alloc(x->actx, r.body, 0);
	free(url);
	xfer_free(x);
	return rv;
}

/* ---- the loop's hooks --------------------------------------------------- */

int
fetch_curl_busy(const struct jsloop *L)
{
	const struct xfer *x;

	if (L == NULL)
		return M.nlive > 0;
	for (x = M.live; x != NULL; x = x->next)
		if (x->loop == L)
			return 1;
	return 0;
}

/* Hands each finished transfer to JavaScript; *n: how many. */
static int
deliver(js_State *J, int *n)
{
	char *priv;
	CURLMsg *m;
	CURLcode rc;
	int left;

	*n = 0;
	while ((m = curl_multi_info_read(M.multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		rc = m->data.result;
		priv = NULL;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
		if (priv == NULL)
			continue;
		(*n)++;
		if (finish(J, (struct xfer *)(void *)priv, rc) == -1)
			return -1;
	}
	return 0;
}

int
fetch_curl_wait(js_State *J, int64_t due, const struct pollfd *also,
    int nalso)
{
	struct curl_waitfd extra[JSLOOP_IO_FDS];
	int64_t wait;
	int running, n, i;

	curl_multi_perform(M.multi, &running);
	if (deliver(J, &n) == -1)
		return -1;
	if (n > 0 || M.nlive == 0)
		return 0;		/* the loop runs what they queued */
	wait = due == INT64_MAX ? 60000 : due - now_ms();
	if (wait > 60000)
		wait = 60000;
	if (wait > 0) {
		note_waiting();
		for (i = 0; i < nalso && i < JSLOOP_IO_FDS; i++) {
			extra[i].fd = also[i].fd;	/* another source's */
			extra[i].events = (short)(((also[i].events & POLLIN) ?
			    CURL_WAIT_POLLIN : 0) | ((also[i].events & POLLOUT) ?
			    CURL_WAIT_POLLOUT : 0));
			extra[i].revents = 0;
		}
		curl_multi_poll(M.multi, extra, (unsigned)i, (int)wait, NULL);
		note_clear();
	}
	curl_multi_perform(M.multi, &running);
	return deliver(J, &n);
}

static void
cancel(js_State *J, struct xfer *x, const char *why)
{
	struct cause c;

	xfer_unlink(x);
	cause_set(&c, "ABORT_ERR", FETCH_ABORTED, "%s", why);
	log_failure(J, x->method, x->host, &c);
	count(x->start_us, 0, FETCH_ABORTED);
	xfer_free(x);
}

void
fetch_curl_abort(js_State *J, int slot)
{
	struct xfer *x;

	for (x = M.live; x != NULL; x = x->next)
		if (x->slot == slot) {
			cancel(J, x, "by its AbortSignal");
			return;
		}
}

void
fetch_curl_end(js_State *J)
{
	const struct call *call = js_getcontext(J);
	struct xfer *x, *next;
	int n = 0;

	for (x = M.live; x != NULL; x = x->next)
		n += x->loop == call->loop;
	if (n > 0)
		log_warn("%s: request %s ended with %d fetch%s in flight: "
		    "cancelled", call->function != NULL ? call->function : "-",
		    call->request_id != NULL ? call->request_id : "-",
		    n, n == 1 ? "" : "es");
	for (x = M.live; x != NULL; x = next) {
		next = x->next;
		if (x->loop == call->loop)
			cancel(J, x, "the request ended first");
	}
	if (M.nlive == 0)
		note_clear();
}

/* ---- a worker with max_concurrent above 1 (worker/inflight.c) ------------ */

int
fetch_curl_host(const struct jsloop *L, char *host, size_t size)
{
	const struct xfer *x;

	for (x = M.live; x != NULL; x = x->next)
		if (x->loop == L) {
			snprintf(host, size, "%s", x->host);
			return 1;
		}
	return 0;
}

int
fetch_curl_poll(struct pollfd *also, int nalso, int64_t due)
{
	struct curl_waitfd extra[JSLOOP_POLL_FDS + 1];
	CURLMcode mc;
	int64_t wait;
	int running, n = 0, i;

	for (i = 0; i < nalso; i++)
		also[i].revents = 0;
	curl_multi_perform(M.multi, &running);
	if (running < M.nlive)
		return 0;	/* some finished: fetch_curl_next has them */
	wait = due == INT64_MAX ? 60000 : due - now_ms();
	if (wait > 60000)
		wait = 60000;
	if (wait <= 0)
		return 0;
	if (nalso > JSLOOP_POLL_FDS + 1)
		nalso = JSLOOP_POLL_FDS + 1;
	for (i = 0; i < nalso; i++) {
		extra[i].fd = also[i].fd;	/* the worker's, a source's */
		extra[i].events = (short)(((also[i].events & POLLIN) ?
		    CURL_WAIT_POLLIN : 0) | ((also[i].events & POLLOUT) ?
		    CURL_WAIT_POLLOUT : 0));
		extra[i].revents = 0;
	}
	if ((mc = curl_multi_poll(M.multi, extra, (unsigned)nalso, (int)wait,
	    &n)) != CURLM_OK) {
		log_warn("fetch: curl_multi_poll: %s", curl_multi_strerror(mc));
		return -1;
	}
	for (i = 0; i < nalso; i++)
		also[i].revents = (short)(((extra[i].revents &
		    CURL_WAIT_POLLIN) ? POLLIN : 0) | ((extra[i].revents &
		    CURL_WAIT_POLLOUT) ? POLLOUT : 0));
	curl_multi_perform(M.multi, &running);
	return 0;
}

int
fetch_curl_next(js_State **J, const struct jsloop **loop, void **done)
{
	struct xfer *x;
	char *priv;
	CURLMsg *m;
	int left;

	while ((m = curl_multi_info_read(M.multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		priv = NULL;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
		if (priv == NULL)
			continue;
		x = (struct xfer *)(void *)priv;
		x->rc = m->data.result;
		*J = x->J;
		*loop = x->loop;
		*done = x;
		return 1;
	}
	return 0;
}

int
fetch_curl_deliver(void *done)
{
	struct xfer *x = done;

	return finish(x->J, x, x->rc);
}

int
fetch_curl_headers(const struct fetch_result *r,
    int (*fn)(const char *, const char *, void *), void *arg)
{
	struct curl_header *h = NULL;
	int rc;

	if (r->easy == NULL)
		return 0;
	while ((h = curl_easy_nextheader(r->easy, CURLH_HEADER, -1, h)) != NULL)
		if ((rc = fn(h->name, h->value, arg)) != 0)
			return rc;
	return 0;
}
