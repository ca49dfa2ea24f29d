/*
 * worker: the FastCGI loop.
 *
 * The worker waits (epoll) on the listening socket, the connections it
 * holds (conns.c) and a signalfd, and serves one request at a time.  It
 * reads FastCGI records itself (fcgi_conn.c, fastcgi.c), never blocking
 * on a connection that has not delivered a request: a connection joins
 * the epoll set until its BEGIN_REQUEST, PARAMS and body (up to a
 * read-ahead) are in, and one that has not delivered them within
 * request_read_timeout is closed.  So a peer that connects and sends
 * nothing, or a byte at a time, costs a worker an entry in its set, not
 * its service.  Signals that stop the worker stay blocked and are read
 * from the signalfd, so a stop request never interrupts a running
 * function: the worker finishes it, then exits.
 *
 * Scheduling is fair between new and kept connections.  A connection
 * this worker accepted goes first once its request is in: no other
 * worker can serve it.  Then kept connections are served in the order
 * their requests came, and after a request from a kept connection the
 * listening socket goes first if it is readable: under load, kept
 * connections that always have a request ready would otherwise leave new
 * ones in the backlog for as long as the load lasts.  The inotify watch
 * of the functions waits in the same set (serve.c reads it only when it
 * is readable).
 */
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "worker/account.h"
#include "worker/accesslog.h"
#include "worker/conns.h"
#include "worker/inflight.h"
#include "core/exitcodes.h"
#include "core/log.h"
#include "worker/rlimits.h"
#include "shm/counters.h"
#include "shm/scoreboard.h"
#include "worker/timeout.h"
#include "worker/worker.h"

#define EVENTS_MAX	(CONNS_KEPT_MAX + CONNS_READING_MAX + \
			    CONNS_LINGER_MAX + 3)
#define DRAIN_MS	1000	/* a stopping worker's wait for the requests
				   of connections it accepted */

static int stop_requested;
static int reopen_requested;

struct worker {
	struct conns	 conns;
	int		 ep;		/* epoll: the listening socket, */
	int		 sig;		/* the signalfd of the stop signals, */
	int		 watch_fd;	/* the inotify of the functions (-1: */
	unsigned	 watch_gen;	/* none), serve.c's generation of it */
	struct serve	*sv;
	int		 listen_fd;
	int		 listen_in;	/* in the epoll set */
	int		 listen_first;	/* the last request came from a kept one */
	int		 listen_excl;	/* the listening socket is EPOLLEXCLUSIVE */
	int		 tcp;		/* the listening socket is TCP: TCP_NODELAY */
	struct buf	 out;		/* the response */
	struct inflight	*fl;		/* max_concurrent above 1 */
};

/*
 * The stop signals (and SIGUSR1, reopen the log) stay blocked and are
 * read from a signalfd in the epoll set.  A signal handler would run only
 * when the wait is interrupted, and under load the wait never is: it
 * returns ready connections at once, so a stopping worker would go on
 * serving until the master killed it.  The signalfd is reported with
 * them, and a stop goes first.
 */
static int
worker_signals_setup(void)
{
	struct sigaction sa;
	sigset_t set;
	int fd;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGQUIT);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if ((fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC)) == -1)
		log_fatal("signalfd");
	return fd;
}

static void
signals_read(int fd)
{
	struct signalfd_siginfo si;

	while (read(fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (si.ssi_signo == SIGUSR1)
			reopen_requested = 1;
		else
			stop_requested = 1;
	}
}

/*
 * Waits on the watch of the functions too, so that a request need not
 * read it (serve.c); anew when a deploy re-pointed the root and made a
 * new watch.  The descriptor of an old watch left the set when closed.
 */
static void
watch_follow(struct worker *w)
{
	struct epoll_event ev = { .events = EPOLLIN };
	unsigned gen;
	int fd = serve_watch_fd(w->sv, &gen);

	if (gen == w->watch_gen) {
		if (fd == -1 && w->watch_fd != -1) {	/* went blind */
			epoll_ctl(w->ep, EPOLL_CTL_DEL, w->watch_fd, NULL);
			w->watch_fd = -1;
		}
		return;
	}
	w->watch_gen = gen;
	w->watch_fd = -1;
	if (fd == -1)
		return;
	ev.data.fd = fd;
	if (epoll_ctl(w->ep, EPOLL_CTL_ADD, fd, &ev) == -1) {
		log_warn("epoll_ctl: inotify: %s (the watch is read for "
		    "every request)", strerror(errno));
		return;
	}
	w->watch_fd = fd;
	serve_watch_polled(w->sv, gen);
}

/*
 * A new connection wakes one idle worker, not all of them, while that
 * worker holds no connection that may bring a request: EPOLLEXCLUSIVE.
 * Waking every idle worker for one accept costs each loser a context
 * switch and a failed accept on CPUs that nginx shares: 16 workers on
 * two CPUs served 2.5 times fewer requests than 2 (bench/RESULTS.md).
 * The kernel hands an exclusive wake-up only to a worker sleeping in
 * epoll_wait, and with nothing else to serve such a worker accepts at
 * once.  A worker holding kept connections, or connections whose request
 * is under way, could be woken for a new connection and another request
 * together and serve that one first while the others sleep: it waits
 * without EPOLLEXCLUSIVE, woken along with one exclusive waiter.  The
 * mode follows what the worker holds when it goes to wait (listen_mode),
 * so it changes only when that empties or fills, not per request.
 */
static void
listen_register(struct worker *w, int exclusive)
{
	struct epoll_event ev = { .events = EPOLLIN };

	if (exclusive)
		ev.events |= EPOLLEXCLUSIVE;
	ev.data.fd = w->listen_fd;
	if (epoll_ctl(w->ep, EPOLL_CTL_ADD, w->listen_fd, &ev) == -1)
		log_fatal("epoll_ctl: listening socket");
	w->listen_excl = exclusive;
	w->listen_in = 1;
}

/* EPOLLEXCLUSIVE cannot be changed by EPOLL_CTL_MOD: out and in again. */
static void
listen_mode(struct worker *w)
{
	int exclusive = conns_held(&w->conns) == 0 &&
	    (w->fl == NULL || w->fl->n == 0);

	if (!w->listen_in || exclusive == w->listen_excl)
		return;
	if (epoll_ctl(w->ep, EPOLL_CTL_DEL, w->listen_fd, NULL) == -1)
		log_fatal("epoll_ctl: listening socket");
	listen_register(w, exclusive);
}

static void
listen_leave(struct worker *w)
{
	if (w->listen_in)
		epoll_ctl(w->ep, EPOLL_CTL_DEL, w->listen_fd, NULL);
	w->listen_in = 0;
}

static void
worker_init(struct worker *w, int listen_fd, int sig, struct serve *sv)
{
	struct epoll_event ev = { .events = EPOLLIN };
	struct sockaddr_storage ss;
	socklen_t sslen = sizeof(ss);

	memset(w, 0, sizeof(*w));
	w->listen_fd = listen_fd;
	w->sig = sig;
	w->sv = sv;
	w->watch_fd = -1;
	buf_init(&w->out);
	if (getsockname(listen_fd, (struct sockaddr *)&ss, &sslen) == 0)
		w->tcp = ss.ss_family == AF_INET || ss.ss_family == AF_INET6;
	if ((w->ep = epoll_create1(EPOLL_CLOEXEC)) == -1)
		log_fatal("epoll_create1");
	conns_init(&w->conns, w->ep, sv->pool);
	listen_register(w, 1);
	ev.data.fd = sig;
	if (epoll_ctl(w->ep, EPOLL_CTL_ADD, sig, &ev) == -1)
		log_fatal("epoll_ctl: signalfd");
}

static void
worker_free(struct worker *w)
{
	conns_close_all(&w->conns);
	close(w->ep);
	close(w->sig);
	buf_free(&w->out);
}

/*
 * Accepts a connection and reads what it sent; returns it, taken from
 * the ready ones, when its request is in (usually: nginx writes it right
 * after connecting).  Otherwise it waits in the set.
 */
static struct conn *
accept_one(struct worker *w, int take)
{
	int fd, on = 1;

	fd = accept4(w->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd == -1) {
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR &&
		    errno != ECONNABORTED)
			log_warn("accept: %s", strerror(errno));
		return NULL;
	}
	if (w->tcp)
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
	if (conns_accepted(&w->conns, fd) == NULL || !take)
		return NULL;
	return conns_pop(&w->conns.fresh);
}

/*
 * The next request to serve, by the rules at the top of the file; NULL
 * when none is ready.  A connection accepted here whose request is not
 * all in yet waits in the set with the others.
 */
static struct conn *
next_request(struct worker *w, int listen_ready)
{
	struct conn *c;

	if ((c = conns_pop(&w->conns.fresh)) != NULL) {
		w->listen_first = 0;
		return c;
	}
	if (listen_ready && (w->listen_first || w->conns.kept.n == 0)) {
		listen_ready = 0;
		if ((c = accept_one(w, 1)) != NULL) {
			w->listen_first = 0;
			return c;
		}
	}
	if ((c = conns_pop(&w->conns.kept)) != NULL) {
		w->listen_first = 1;
		return c;
	}
	if (listen_ready && (c = accept_one(w, 1)) != NULL)
		w->listen_first = 0;
	return c;
}

/*
 * Waits for events and reads what came; returns a request to serve, or
 * NULL.  A stop goes before any request, except a new connection this
 * worker was woken for alone (EPOLLEXCLUSIVE): no other worker will wake
 * for it, so the worker accepts it, to serve it before it stops.
 */
static struct conn *
wait_request(struct worker *w)
{
	struct epoll_event ev[EVENTS_MAX];
	int i, fd, n, listen_ready = 0;

	listen_mode(w);
	if (w->fl != NULL)	/* and drives the requests in flight */
		n = inflight_wait(w->fl, w->ep, ev, EVENTS_MAX,
		    inflight_room(w->fl) ? conns_wait_ms(&w->conns) :
		    conns_deadline_ms(&w->conns));
	else
		n = epoll_wait(w->ep, ev, EVENTS_MAX, conns_wait_ms(&w->conns));
	if (n == -1 && errno != EINTR)
		log_fatal("epoll_wait");
	for (i = 0; i < n; i++) {
		if ((fd = ev[i].data.fd) == w->sig)
			signals_read(w->sig);
		else if (fd == w->watch_fd && w->watch_fd != -1) {
			serve_watch_ready(w->sv);	/* before the request */
			watch_follow(w);
		} else if (fd == w->listen_fd) {
			if (ev[i].events & EPOLLERR)
				log_fatalx("listening socket failed");
			listen_ready = 1;
		} else
			conns_event(&w->conns, fd);
	}
	conns_expire(&w->conns);
	if (stop_requested) {
		if (listen_ready && w->listen_excl)
			(void)accept_one(w, 0);	/* served by worker_drain */
		return NULL;
	}
	if (w->fl != NULL && !inflight_room(w->fl)) {
		listen_leave(w);	/* full: other workers take them */
		return NULL;
	}
	if (w->fl != NULL && !w->listen_in)
		listen_register(w, 0);
	return next_request(w, listen_ready);
}

/*
 * The request's body: the rest of it read (conn_body), checked against
 * max_body_size.  Returns 0, an HTTP status to answer, or -1 when there
 * is no one to answer (the peer closed, aborted or sent bad records).
 */
static int
read_body(struct conn *c, const struct request *req, long max)
{
	const char *cl = request_param(c->st.env, "CONTENT_LENGTH");
	long len = 0;
	char *end;

	if (cl != NULL && cl[0] != '\0') {
		errno = 0;
		len = strtol(cl, &end, 10);
		if (*end != '\0' || len < 0 || errno != 0)
			return 400;
		if (len > max)
			return 413;	/* decided before reading a byte */
	}
	if (c->st.state == FASTCGI_STDIN && !c->st.body_over) {
		if ((size_t)len > c->st.body.len)
			buf_reserve(&c->st.body, (size_t)len - c->st.body.len);
		switch (conn_body(c)) {
		case CONN_BODY_WHOLE:
			break;
		case CONN_BODY_STALLED:
			log_info("request %s: the body stalled for "
			    "request_read_timeout: answered 408", req->id);
			counters_read_timeout(scoreboard_counters());
			return 408;
		case CONN_BODY_CLOSED:
			log_info("request %s: the connection closed in the "
			    "body; not run", req->id);
			return -1;
		case CONN_BODY_ABORTED:
			log_info("request %s: aborted by the web server "
			    "(ABORT_REQUEST); not run", req->id);
			return -1;
		case CONN_BODY_REFUSED:
			log_info("request %s: refused the FastCGI connection: "
			    "%s", req->id, conn_why(c));
			counters_fastcgi_refused(scoreboard_counters());
			return -1;
		}
	}
	return c->st.body_over ? 413 : 0;	/* CONTENT_LENGTH lied */
}

static const char *
reject_message(int status)
{
	switch (status) {
	case 413:
		return "Request body too large";
	case 408:
		return "Request body timed out (request_read_timeout)";
	default:
		return "Bad Content-Length";
	}
}

/* Serves the request that c holds, then keeps or closes c. */
static void
worker_serve_request(struct worker *w, struct conn *c)
{
	struct serve *sv = w->sv;
	enum conn_end end = c->st.keep_conn ? CONN_END_KEEP : CONN_END_CLOSE;
	struct flight *f = NULL;
	struct request one, *req = &one;
	struct account acct1, *acct = &acct1;
	int status;

	if (w->fl != NULL) {	/* max_concurrent: its own, kept in flight */
		f = inflight_new(w->fl, c, end);
		req = &f->req;
		acct = &f->acct;
	}
	c->state = CONN_SERVING;
	buf_reset(&w->out);
	serve_begin(req, c->st.env);
	account_begin(acct, req);
	status = read_body(c, req, sv->pool->max_body_size);
	if (status == -1) {
		account_end(acct, req, 499, NULL);	/* as nginx logs it */
		conns_after(&w->conns, c, c->st.aborted ? end : CONN_END_CLOSE);
		if (f != NULL)
			inflight_drop(w->fl, f);
		return;
	}
	if (status != 0) {
		if (c->st.state != FASTCGI_DONE)
			end = CONN_END_LINGER;	/* unread input: close after */
		serve_reject(req, status, reject_message(status), &w->out);
	} else if (conn_peer_gone(c)) {
		log_info("request %s: %s %s: the client went away while it "
		    "waited; not run", req->id, req->method, req->uri);
		account_end(acct, req, 499, NULL);
		conns_after(&w->conns, c, CONN_END_CLOSE);
		if (f != NULL)
			inflight_drop(w->fl, f);
		return;
	} else if (f != NULL) {
		inflight_launch(w->fl, f);
		return;
	} else {
		req->body = c->st.body.data;
		req->body_len = c->st.body.len;
		timeout_arm(c->fd, c->st.id, req->id);
		serve_request(sv, req, acct, &w->out);
		timeout_disarm();
	}
	if (conn_respond(c, &w->out) == -1) {
		log_info("request %s: client went away before the response "
		    "was sent", req->id);
		end = CONN_END_CLOSE;
	}
	account_end(acct, req, req->status, &w->out);
	if (f != NULL) {
		conns_after(&w->conns, c, end);
		inflight_drop(w->fl, f);
		return;
	}
	if (sv->finishing) {	/* ctx.waitUntil: after the response */
		/*
		 * Without fastcgi_keep_conn nginx reads on past END_REQUEST
		 * to the end of the connection: it must see that end now.
		 */
		if (end != CONN_END_KEEP)
			(void)shutdown(c->fd, SHUT_WR);
		account_finishing();
		timeout_background(sv->route.name);
		serve_finish(sv, req);
		timeout_disarm();
	}
	conns_after(&w->conns, c, end);
}

/*
 * Before exiting: the connections this worker accepted whose request is
 * in are served, those whose request is under way get DRAIN_MS more; kept
 * ones are closed (nginx sends a request that fails on a kept connection
 * again).
 */
static void
worker_drain(struct worker *w)
{
	struct epoll_event ev[EVENTS_MAX];
	struct conn *c;
	int i, n;

	listen_leave(w);
	conns_drain(&w->conns, DRAIN_MS);
	while (w->conns.fresh.n > 0 || w->conns.reading.n > 0 ||
	    (w->fl != NULL && w->fl->n > 0)) {
		if ((w->fl == NULL || inflight_room(w->fl)) &&
		    (c = conns_pop(&w->conns.fresh)) != NULL) {
			worker_serve_request(w, c);
			if (w->fl == NULL)
				account_idle();
			continue;
		}
		if (w->fl != NULL)	/* the requests in flight end */
			n = inflight_wait(w->fl, w->ep, ev, EVENTS_MAX,
			    conns_deadline_ms(&w->conns));
		else
			n = epoll_wait(w->ep, ev, EVENTS_MAX,
			    conns_wait_ms(&w->conns));
		for (i = 0; i < n; i++)
			if (ev[i].data.fd == w->sig)
				signals_read(w->sig);
			else if (ev[i].data.fd != w->watch_fd)
				conns_event(&w->conns, ev[i].data.fd);
		conns_expire(&w->conns);
	}
}

#define RSS_EVERY	16	/* requests between RSS reads without max_rss */

/*
 * max_rss: checked between requests, so the current one always ends.
 * Without max_rss the RSS only informs the status page: it is read after
 * the first request and then every RSS_EVERY (a pread of /proc each).
 */
static int
rss_over_limit(long max_rss, long served)
{
	uint64_t rss;

	if (max_rss <= 0 && served % RSS_EVERY != 1)
		return 0;
	rss = scoreboard_update_rss();
	if (max_rss <= 0 || rss <= (uint64_t)max_rss)
		return 0;
	log_notice("RSS %llu KiB is over max_rss (%ld KiB): exiting to be "
	    "replaced", (unsigned long long)(rss / 1024), max_rss / 1024);
	return 1;
}

/* SIGUSR1: 0, or -1 when the worker must exit to be replaced. */
static int
logs_reopen(void)
{
	reopen_requested = 0;
	if (log_reopen() == -1) {
		/* A new file made by the master or logrotate that the
		 * pool's user may not open: the replacement inherits the
		 * master's. */
		log_notice("cannot reopen the error log (%s): exiting to be "
		    "replaced", strerror(errno));
		return -1;
	}
	return accesslog_reopen();	/* -1: the next one inherits it */
}

int
worker_run(struct serve *sv, int listen_fd, long max_requests)
{
	struct worker w;
	struct conn *c;
	long served = 0;

	worker_init(&w, listen_fd, worker_signals_setup(), sv);
	if (rlimits_apply(sv->pool) == -1)
		exit(FNPOOL_EXIT_RLIMIT);
	if (accesslog_open(sv->pool) == -1)
		exit(FNPOOL_EXIT_START);
	timeout_init(sv->pool);
	if (fcntl(listen_fd, F_SETFL, fcntl(listen_fd, F_GETFL) | O_NONBLOCK) == -1)
		log_fatal("fcntl O_NONBLOCK");
	serve_start(sv);
	watch_follow(&w);
	account_idle();
	if (sv->pool->max_concurrent > 1) {
		if ((w.fl = malloc(sizeof(*w.fl))) == NULL)
			log_fatal("malloc");
		inflight_init(w.fl, sv, &w.conns, sv->pool->max_concurrent);
	}
	while (!stop_requested && (max_requests == 0 || served < max_requests)) {
		if (reopen_requested && logs_reopen() == -1)
			break;
		if ((c = wait_request(&w)) == NULL)
			continue;
		worker_serve_request(&w, c);
		watch_follow(&w);	/* a deploy may have made a new watch */
		served++;
		if (rss_over_limit(sv->pool->max_rss, served))
			break;	/* worker_drain ends those in flight */
		if (w.fl == NULL)
			account_idle();
	}
	if (max_requests != 0 && served >= max_requests)
		log_info("served %ld requests (max_requests): exiting to be "
		    "replaced", served);
	worker_drain(&w);
	if (w.fl != NULL) {
		inflight_free(w.fl);
		free(w.fl);
	}
	worker_free(&w);
	return 0;
}
