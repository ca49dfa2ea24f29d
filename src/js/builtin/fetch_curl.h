/*
 * fetch_curl: the transfers behind fetch, on one libcurl multi handle per
 * worker, driven by the request's event loop (jsloop.h's I/O hook).
 * fetch.c turns JavaScript calls into fetch_spec and results into
 * Response objects; nothing here knows JavaScript values beyond the
 * state and its allocator.
 */
#ifndef FNPOOL_FETCH_CURL_H
#define FNPOOL_FETCH_CURL_H

#include <stddef.h>
#include <stdint.h>

#include <mujs.h>

struct jsloop;
struct pollfd;

enum fetch_redirect { FETCH_FOLLOW, FETCH_MANUAL, FETCH_ERROR };

/* Why a fetch got no response (as shm/counters.h's CT_FETCH_*, in order). */
enum fetch_cause {
	FETCH_REFUSED,		/* connect: ECONNREFUSED, EHOSTUNREACH, ... */
	FETCH_DNS,		/* ENOTFOUND */
	FETCH_TIMEOUT,		/* fetch.timeout, AbortSignal.timeout */
	FETCH_TLS,		/* certificate or handshake */
	FETCH_TOO_LARGE,	/* fetch.max_response_size */
	FETCH_DENIED,		/* fetch.allow, fetch.deny */
	FETCH_REDIRECT,		/* fetch.max_redirects, redirect: 'error' */
	FETCH_ABORTED,		/* AbortController, or the request ended */
	FETCH_OTHER,		/* reset connections, bad replies, ... */
	FETCH_CAUSES
};

/*
 * What the worker hears of fetches (worker/serve.c gives them; js/ sees no
 * shared memory): count after each fetch, with a response's status or 0
 * and the cause; note while the request waits on one ("fetch to HOST"),
 * NULL once it no longer does.  Without hooks (unit tests, before setup)
 * nothing is told.
 */
struct fetch_hooks {
	void	(*count)(int status, enum fetch_cause, int64_t duration_us);
	void	(*note)(const char *what);
};
void	 fetch_curl_setup(const struct fetch_hooks *);

/* What to fetch; copied by fetch_curl_start. */
struct fetch_spec {
	const char	*url;		/* absolute; curl_url parses it */
	const char	*method;
	const char	*const *headers;	/* name, value, name, value ... */
	size_t		 nheaders;		/* pairs */
	const char	*body;		/* bytes; NULL: no body */
	size_t		 body_len;
	enum fetch_redirect redirect;
	int64_t		 signal_ms;	/* AbortSignal.timeout left; -1: none */
	js_Alloc	 alloc;		/* the state's, for the response body */
	void		*actx;
};

/* How a transfer ended. */
struct fetch_result {
	const char	*code;		/* NULL: a response; else "ECONNREFUSED", ... */
	const char	*message;	/* the cause, for code */
	long		 status;
	const char	*status_text;
	const char	*url;		/* of the response (after redirects) */
	int		 redirected;
	char		*body;		/* from the spec's allocator; the */
	size_t		 body_len;	/* receiver owns it (NULL: empty) */
	void		*easy;		/* for fetch_curl_headers */
};

/*
 * Called for each transfer that ended, in the state that started it,
 * with the slot given to fetch_curl_start.  Takes r->body.  Returns 0, or
 * -1 with an exception on top.
 */
typedef int	 fetch_settle_fn(js_State *J, int slot, struct fetch_result *r);

/*
 * Starts a transfer for the request being served on J (its pool's
 * settings, its id and function for headers and logs: call.h).  Returns
 * 0, or -1 with *code and *message set when it fails at once (a host the
 * guard refuses, a scheme other than http and https, no memory): that
 * failure is already logged and counted.
 */
int	 fetch_curl_start(js_State *J, const struct fetch_spec *, int slot,
	    fetch_settle_fn *settle, const char **code, const char **message);
/* Cancels the transfer of slot, if it is still in flight. */
void	 fetch_curl_abort(js_State *J, int slot);
/* The loop's hooks (jsloop.h): in flight?  wait; the request ended. */
/*
 * The loop's hooks (jsloop.h): in flight for L (NULL: for any loop)?
 * wait; the request ended.
 */
int	 fetch_curl_busy(const struct jsloop *L);
int	 fetch_curl_wait(js_State *J, int64_t due, const struct pollfd *also,
	    int nalso);
void	 fetch_curl_end(js_State *J);

/*
 * For a worker that drives several requests (max_concurrent above 1),
 * instead of fetch_curl_wait (jsloop.h: poll, next, deliver).
 * fetch_curl_poll: moves the transfers on, waiting on their sockets and
 * on also's descriptors (the worker's epoll, the other sources') until
 * due at the latest, their revents set; -1 when the poll failed.
 * fetch_curl_next: a finished transfer, its state and its request's
 * loop (to enter its call first); 0 when none.  fetch_curl_deliver:
 * hands it to JavaScript, as fetch_curl_wait does.
 */
int	 fetch_curl_poll(struct pollfd *also, int nalso, int64_t due);
int	 fetch_curl_next(js_State **, const struct jsloop **, void **done);
int	 fetch_curl_deliver(void *done);
/* The host of one of L's transfers in flight: 1, or 0 when it has none. */
int	 fetch_curl_host(const struct jsloop *L, char *host, size_t size);
/*
 * Calls fn for each header of r's response, in order, names as sent
 * (values trimmed by curl); fn returns 0 to go on.
 */
int	 fetch_curl_headers(const struct fetch_result *r,
	    int (*fn)(const char *name, const char *value, void *), void *arg);

#endif
