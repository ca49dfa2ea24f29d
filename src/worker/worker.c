/*
 * worker: the FastCGI loop.
 *
 * The worker waits (epoll) on the listening socket and the connections
 * that nginx keeps open (fastcgi_keep_conn), and hands whichever has a
 * request to libfcgi through req.ipcFd.  libfcgi's own accept is never
 * used (the request is initialised with no listening socket): with
 * keep-alive it would block on one idle kept connection while others
 * wait.  Signals that stop the worker stay blocked and are read from a
 * signalfd among the connections, so a stop request never interrupts a
 * running function: the worker finishes it, then exits.
 *
 * Scheduling is fair between new and kept connections.  Kept connections
 * are served in the order their requests came (epoll's ready list), and
 * after a request from a kept connection the listening socket goes first
 * if it is readable: under load, kept connections that always have a
 * request ready would otherwise leave new ones in the backlog for as long
 * as the load lasts.  A worker keeps at most KEPT_MAX connections; beyond
 * that it closes its least recently served idle one (nginx opens a new
 * one when it needs it).  The inotify watch of the functions waits in the
 * same set (serve.c reads it only when it is readable).
 */
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "worker/account.h"
#include "worker/accesslog.h"
#include "core/exitcodes.h"
#include "core/log.h"
#include "worker/rlimits.h"
#include "shm/scoreboard.h"
#include "worker/timeout.h"
#include "worker/worker.h"

#define KEPT_MAX	256

static int stop_requested;
static int reopen_requested;

/*
 * The connections a worker keeps, least recently served first.  Each is
 * in the epoll set from the end of its first request until it is closed
 * (closing it takes it out), so a request on a kept connection costs one
 * epoll_wait whatever their number.
 */
struct conns {
	int	fd[KEPT_MAX];
	int	n;
	int	ep;		/* epoll: the listening socket, the kept ones, */
	int	sig;		/* the signalfd of the stop signals */
	int	watch_fd;	/* and the inotify of the functions (-1: none) */
	unsigned watch_gen;	/* serve.c's generation of that watch */
	struct serve *sv;
	int	listen_fd;
	int	listen_first;	/* the last request came from a kept one */
	int	listen_excl;	/* the listening socket is EPOLLEXCLUSIVE */
	int	tcp;		/* the listening socket is TCP: TCP_NODELAY */
};

/* How a connection ends after its request. */
enum conn_end {
	CONN_KEEP,	/* nginx keeps it (fastcgi_keep_conn) */
	CONN_CLOSE,	/* all input read: a plain close */
	CONN_LINGER,	/* input left unread: libfcgi's lingering close */
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
signals_setup(void)
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
conns_watch(struct conns *c)
{
	struct epoll_event ev = { .events = EPOLLIN };
	unsigned gen;
	int fd = serve_watch_fd(c->sv, &gen);

	if (gen == c->watch_gen) {
		if (fd == -1 && c->watch_fd != -1) {	/* went blind */
			epoll_ctl(c->ep, EPOLL_CTL_DEL, c->watch_fd, NULL);
			c->watch_fd = -1;
		}
		return;
	}
	c->watch_gen = gen;
	c->watch_fd = -1;
	if (fd == -1)
		return;
	ev.data.fd = fd;
	if (epoll_ctl(c->ep, EPOLL_CTL_ADD, fd, &ev) == -1) {
		log_warn("epoll_ctl: inotify: %s (the watch is read for "
		    "every request)", strerror(errno));
		return;
	}
	c->watch_fd = fd;
	serve_watch_polled(c->sv, gen);
}

/*
 * A new connection wakes one idle worker, not all of them, while that
 * worker holds no kept connection: EPOLLEXCLUSIVE.  Waking every idle
 * worker for one accept costs each loser a context switch and a failed
 * accept on CPUs that nginx shares: 16 workers on two CPUs served 2.5
 * times fewer requests than 2 (bench/RESULTS.md).  The kernel hands an
 * exclusive wake-up only to a worker sleeping in epoll_wait, and with
 * nothing else to serve such a worker accepts at once.  A worker with kept connections
 * could be woken for a new connection and a kept request together and
 * serve the kept one first while the others sleep: it waits without
 * EPOLLEXCLUSIVE, woken along with one exclusive waiter, as before.  The
 * mode follows the kept list when the worker goes to wait (listen_mode),
 * so it changes only when the list empties or fills, not per request.
 */
static void
listen_register(struct conns *c, int exclusive)
{
	struct epoll_event ev = { .events = EPOLLIN };

	if (exclusive)
		ev.events |= EPOLLEXCLUSIVE;
	ev.data.fd = c->listen_fd;
	if (epoll_ctl(c->ep, EPOLL_CTL_ADD, c->listen_fd, &ev) == -1)
		log_fatal("epoll_ctl: listening socket");
	c->listen_excl = exclusive;
}

/* EPOLLEXCLUSIVE cannot be changed by EPOLL_CTL_MOD: out and in again. */
static void
listen_mode(struct conns *c)
{
	int exclusive = c->n == 0;

	if (exclusive == c->listen_excl)
		return;
	if (epoll_ctl(c->ep, EPOLL_CTL_DEL, c->listen_fd, NULL) == -1)
		log_fatal("epoll_ctl: listening socket");
	listen_register(c, exclusive);
}

static void
conns_init(struct conns *c, int listen_fd, int sig, struct serve *sv)
{
	struct epoll_event ev = { .events = EPOLLIN };
	struct sockaddr_storage ss;
	socklen_t sslen = sizeof(ss);

	memset(c, 0, sizeof(*c));
	c->listen_fd = listen_fd;
	c->sig = sig;
	c->sv = sv;
	c->watch_fd = -1;
	if (getsockname(listen_fd, (struct sockaddr *)&ss, &sslen) == 0)
		c->tcp = ss.ss_family == AF_INET || ss.ss_family == AF_INET6;
	if ((c->ep = epoll_create1(EPOLL_CLOEXEC)) == -1)
		log_fatal("epoll_create1");
	listen_register(c, 1);
	ev.data.fd = sig;
	if (epoll_ctl(c->ep, EPOLL_CTL_ADD, sig, &ev) == -1)
		log_fatal("epoll_ctl: signalfd");
}

static int
has_input(int fd)
{
	char c;

	return recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 1;
}

static void
conns_take(struct conns *c, int i)
{
	memmove(c->fd + i, c->fd + i + 1, (size_t)(c->n - i - 1) * sizeof(int));
	c->n--;
}

/* Takes fd out of the list; 0 when it was not there. */
static int
conns_remove(struct conns *c, int fd)
{
	int i;

	for (i = 0; i < c->n; i++) {
		if (c->fd[i] == fd) {
			conns_take(c, i);
			return 1;
		}
	}
	return 0;
}

/*
 * Keeps fd as the most recently served; a connection new to the list
 * joins the epoll set.  When full, closes the least recently served
 * connection that has no request waiting (the oldest one if all have):
 * nginx opens a new connection when it needs one.
 */
static void
conns_add(struct conns *c, int fd, int in_set)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP };
	int i;

	if (!in_set) {
		ev.data.fd = fd;
		if (epoll_ctl(c->ep, EPOLL_CTL_ADD, fd, &ev) == -1) {
			log_warn("epoll_ctl: %s", strerror(errno));
			close(fd);
			return;
		}
	}
	if (c->n == KEPT_MAX) {
		for (i = 0; i < c->n - 1 && has_input(c->fd[i]); i++)
			;
		close(c->fd[i]);
		conns_take(c, i);
	}
	c->fd[c->n++] = fd;
}

static void
conns_close_all(struct conns *c)
{
	while (c->n > 0)
		close(c->fd[--c->n]);
	close(c->ep);
	close(c->sig);
}

static int
accept_one(const struct conns *c)
{
	int fd, on = 1;

	fd = accept4(c->listen_fd, NULL, NULL, SOCK_CLOEXEC);
	if (fd == -1) {
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR &&
		    errno != ECONNABORTED)
			log_warn("accept: %s", strerror(errno));
		return -1;
	}
	if (c->tcp)
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
	return fd;
}

/*
 * The first kept connection with a request, in the order epoll reports
 * them (the longest ready first), taken out of the list.  One that nginx
 * closed with no request left is closed here (without libfcgi, whose
 * lingering close costs six system calls).
 */
static int
take_ready(struct conns *c, const struct epoll_event *ev, int n)
{
	int i, fd;

	for (i = 0; i < n; i++) {
		if ((fd = ev[i].data.fd) == c->listen_fd || fd == c->sig ||
		    fd == c->watch_fd)
			continue;
		if (!conns_remove(c, fd))
			continue;	/* closed a moment ago */
		if ((ev[i].events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) &&
		    !has_input(fd)) {
			close(fd);
			continue;
		}
		return fd;
	}
	return -1;
}

/*
 * Waits for a connection with a request to read; -1 when there is none.
 * *kept says whether it is a kept connection (already in the epoll set)
 * or a new one.  A stop goes before any request, except a new connection
 * this worker was woken for alone (EPOLLEXCLUSIVE): no other worker will
 * wake for it, so the worker serves it before it stops.
 */
static int
wait_connection(struct conns *c, int *kept)
{
	struct epoll_event ev[KEPT_MAX + 3];
	int i, fd, n, listen_ready = 0;

	listen_mode(c);
	n = epoll_wait(c->ep, ev, KEPT_MAX + 3, -1);
	if (n <= 0) {
		if (n == -1 && errno != EINTR)
			log_fatal("epoll_wait");
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (ev[i].data.fd == c->sig)
			signals_read(c->sig);
		if (ev[i].data.fd == c->watch_fd && c->watch_fd != -1) {
			serve_watch_ready(c->sv);	/* before the request */
			conns_watch(c);
		}
		if (ev[i].data.fd != c->listen_fd)
			continue;
		if (ev[i].events & EPOLLERR)
			log_fatalx("listening socket failed");
		listen_ready = 1;
	}
	*kept = 0;
	if (stop_requested)	/* before any other request */
		return listen_ready && c->listen_excl ? accept_one(c) : -1;
	if (listen_ready && (c->listen_first || n == 1) &&
	    (fd = accept_one(c)) != -1) {
		c->listen_first = 0;
		return fd;
	}
	if ((fd = take_ready(c, ev, n)) != -1) {
		c->listen_first = 1;
		*kept = 1;
		return fd;
	}
	/* only closed kept connections, or another worker won the accept */
	if (listen_ready && (fd = accept_one(c)) != -1)
		c->listen_first = 0;
	return fd;
}

/* Reads the request body; returns 0, or an HTTP status to answer. */
static int
read_body(FCGX_Request *fr, long max, struct buf *body)
{
	const char *cl = FCGX_GetParam("CONTENT_LENGTH", fr->envp);
	char chunk[16384];
	long len = 0;
	int n;

	if (cl != NULL && cl[0] != '\0') {
		char *end;

		errno = 0;
		len = strtol(cl, &end, 10);
		if (*end != '\0' || len < 0 || errno != 0)
			return 400;
		if (len > max)
			return 413;	/* decided before reading a byte */
	}
	buf_reserve(body, (size_t)len);
	while ((n = FCGX_GetStr(chunk, sizeof(chunk), fr->in)) > 0) {
		if (body->len + (size_t)n > (size_t)max)
			return 413;	/* CONTENT_LENGTH lied */
		buf_append(body, chunk, (size_t)n);
	}
	return 0;
}

/*
 * A request that waited in the backlog may have lost its client: nginx
 * closes the FastCGI connection when the client goes away, so EOF on it
 * before the response means nobody will read the answer.
 */
static int
client_gone(int fd)
{
	char c;

	return recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

#define FCGI_STDOUT		6
#define FCGI_RECORD_MAX		65528	/* content: 16 bits, a multiple of 8 */
#define FCGI_LIBFCGI_BUF	8192	/* libfcgi's output buffer */
#define PUT_RECORDS		16	/* records per writev */

static int
writev_all(int fd, struct iovec *iov, int n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = writev(fd, iov, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		while (n > 0 && (size_t)w >= iov->iov_len) {
			w -= (ssize_t)iov->iov_len;
			iov++;
			n--;
		}
		if (n > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= (size_t)w;
		}
	}
	return 0;
}

/*
 * The response as FCGI_STDOUT.  libfcgi copies it through its 8 KB
 * buffer and writes whenever that fills: eight writes for 64 KB.  A
 * larger response goes out as its own records in one writev per 1 MB;
 * FCGX_Finish_r then adds the ends of the stream and of the request.
 */
static int
put_response(FCGX_Request *fr, const struct buf *out)
{
	unsigned char hdr[PUT_RECORDS][8];
	struct iovec iov[2 * PUT_RECORDS];
	size_t off = 0, len;
	int n;

	if (out->len <= FCGI_LIBFCGI_BUF)
		return FCGX_PutStr(out->data, (int)out->len, fr->out) < 0 ? -1 : 0;
	while (off < out->len) {
		for (n = 0; n < PUT_RECORDS && off < out->len; n++) {
			len = out->len - off < FCGI_RECORD_MAX ?
			    out->len - off : FCGI_RECORD_MAX;
			hdr[n][0] = 1;		/* FCGI_VERSION_1 */
			hdr[n][1] = FCGI_STDOUT;
			hdr[n][2] = (unsigned char)(fr->requestId >> 8);
			hdr[n][3] = (unsigned char)fr->requestId;
			hdr[n][4] = (unsigned char)(len >> 8);
			hdr[n][5] = (unsigned char)len;
			hdr[n][6] = hdr[n][7] = 0;
			iov[2 * n].iov_base = hdr[n];
			iov[2 * n].iov_len = 8;
			iov[2 * n + 1].iov_base = out->data + off;
			iov[2 * n + 1].iov_len = len;
			off += len;
		}
		if (writev_all(fr->ipcFd, iov, 2 * n) == -1)
			return -1;
	}
	return 0;
}

static enum conn_end
serve_one(struct serve *sv, FCGX_Request *fr, struct buf *body,
    struct buf *out)
{
	enum conn_end end = fr->keepConnection ? CONN_KEEP : CONN_CLOSE;
	struct request req;
	struct account acct;
	int status;

	buf_reset(body);
	buf_reset(out);
	serve_begin(&req, fr->envp);
	account_begin(&acct, &req);
	if ((status = read_body(fr, sv->pool->max_body_size, body)) != 0) {
		end = CONN_LINGER;	/* unread input: close after */
		serve_reject(&req, status, status == 413 ?
		    "Request body too large" : "Bad Content-Length", out);
	} else if (client_gone(fr->ipcFd)) {
		log_info("request %s: %s %s: the client went away while it "
		    "waited; not run", req.id, req.method, req.uri);
		account_end(&acct, &req, 499, NULL);	/* as nginx logs it */
		return CONN_CLOSE;
	} else {
		req.body = body->data;
		req.body_len = body->len;
		timeout_arm(fr->ipcFd, fr->requestId, req.id);
		serve_request(sv, &req, &acct, out);
		timeout_disarm();
	}
	if (put_response(fr, out) == -1)
		log_info("request %s: client went away before the response "
		    "was sent", req.id);
	account_end(&acct, &req, req.status, out);
	return end;
}

/*
 * Sends the end of the request and keeps or closes its connection.
 * libfcgi closes a connection with shutdown, then waits for the peer to
 * close first; after a request whose input was all read there is nothing
 * to drain, so a plain close spares the worker that wait.
 */
static void
finish_one(FCGX_Request *fr, enum conn_end end, struct conns *c, int kept)
{
	fr->keepConnection = end != CONN_LINGER;
	FCGX_Finish_r(fr);
	if (fr->ipcFd < 0)
		return;
	if (end == CONN_KEEP)
		conns_add(c, fr->ipcFd, kept);
	else
		close(fr->ipcFd);
	fr->ipcFd = -1;
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

int
worker_run(struct serve *sv, int listen_fd, long max_requests)
{
	FCGX_Request fr;
	struct conns conns;
	struct buf body, out;
	long served = 0;
	int fd, kept, sig;

	if (FCGX_Init() != 0)
		log_fatalx("FCGX_Init failed");
	sig = signals_setup();		/* after FCGX_Init, which sets its own */
	if (rlimits_apply(sv->pool) == -1)
		exit(FNPOOL_EXIT_RLIMIT);
	if (accesslog_open(sv->pool) == -1)
		exit(FNPOOL_EXIT_START);
	timeout_init(sv->pool);
	if (fcntl(listen_fd, F_SETFL, fcntl(listen_fd, F_GETFL) | O_NONBLOCK) == -1)
		log_fatal("fcntl O_NONBLOCK");
	conns_init(&conns, listen_fd, sig, sv);
	FCGX_InitRequest(&fr, -1, 0);
	serve_start(sv);
	conns_watch(&conns);
	buf_init(&body);
	buf_init(&out);
	account_idle();
	while (!stop_requested && (max_requests == 0 || served < max_requests)) {
		if (reopen_requested) {
			reopen_requested = 0;
			if (log_reopen() == -1) {
				/* A new file made by the master or logrotate
				 * that the pool's user may not open: the
				 * replacement inherits the master's. */
				log_notice("cannot reopen the error log (%s): "
				    "exiting to be replaced", strerror(errno));
				break;
			}
			if (accesslog_reopen() == -1)
				break;	/* the next one inherits the new file */
		}
		if ((fd = wait_connection(&conns, &kept)) == -1)
			continue;
		fr.ipcFd = fd;
		fr.keepConnection = 1;	/* keeps FCGX_Accept_r from closing fd */
		if (FCGX_Accept_r(&fr) < 0) {
			fr.ipcFd = -1;	/* closed by libfcgi: peer hung up */
			continue;
		}
		finish_one(&fr, serve_one(sv, &fr, &body, &out), &conns, kept);
		conns_watch(&conns);	/* a deploy may have made a new watch */
		served++;
		if (rss_over_limit(sv->pool->max_rss, served))
			break;
		account_idle();
	}
	if (max_requests != 0 && served >= max_requests)
		log_info("served %ld requests (max_requests): exiting to be "
		    "replaced", served);
	conns_close_all(&conns);
	buf_free(&body);
	buf_free(&out);
	return 0;
}
