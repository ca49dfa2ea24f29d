/*
 * worker: the FastCGI loop.
 *
 * The worker polls the listening socket and the connections that nginx
 * keeps open (fastcgi_keep_conn), and hands whichever has a request to
 * libfcgi through req.ipcFd.  libfcgi's own accept is never used (the
 * request is initialised with no listening socket): with keep-alive it
 * would block on one idle kept connection while others wait.  Signals
 * that stop the worker are blocked except inside ppoll, so a stop request
 * never interrupts a running function: the worker finishes it, then exits.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "account.h"
#include "accesslog.h"
#include "exitcodes.h"
#include "log.h"
#include "rlimits.h"
#include "scoreboard.h"
#include "timeout.h"
#include "worker.h"

#define KEPT_MAX	64

static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t reopen_requested;

struct conns {
	int	fd[KEPT_MAX];
	int	n;
};

static void
on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void
on_reopen(int sig)
{
	(void)sig;
	reopen_requested = 1;
}

/* Installs handlers and blocks them; returns the mask to wait with. */
static void
signals_setup(sigset_t *wait_mask)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_reopen;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGQUIT);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, wait_mask);
	sigdelset(wait_mask, SIGTERM);
	sigdelset(wait_mask, SIGQUIT);
	sigdelset(wait_mask, SIGINT);
	sigdelset(wait_mask, SIGUSR1);
}

static void
conns_add(struct conns *c, int fd)
{
	if (c->n == KEPT_MAX) {		/* drop the longest idle one */
		close(c->fd[0]);
		memmove(c->fd, c->fd + 1, (KEPT_MAX - 1) * sizeof(int));
		c->n--;
	}
	c->fd[c->n++] = fd;
}

static void
conns_take(struct conns *c, int i)
{
	memmove(c->fd + i, c->fd + i + 1, (size_t)(c->n - i - 1) * sizeof(int));
	c->n--;
}

static void
conns_close_all(struct conns *c)
{
	while (c->n > 0)
		close(c->fd[--c->n]);
}

static int
accept_one(int listen_fd)
{
	int fd, on = 1;

	fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
	if (fd == -1) {
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR &&
		    errno != ECONNABORTED)
			log_warn("accept: %s", strerror(errno));
		return -1;
	}
	/* harmless ENOTSUP on unix sockets */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
	return fd;
}

/* Waits for a connection with a request to read; -1 when there is none. */
static int
wait_connection(struct conns *c, int listen_fd, const sigset_t *wait_mask)
{
	struct pollfd pfd[KEPT_MAX + 1];
	int i, fd, r;

	for (i = 0; i < c->n; i++) {
		pfd[i].fd = c->fd[i];
		pfd[i].events = POLLIN;
	}
	pfd[c->n].fd = listen_fd;
	pfd[c->n].events = POLLIN;
	r = ppoll(pfd, (nfds_t)c->n + 1, NULL, wait_mask);
	if (r <= 0) {
		if (r == -1 && errno != EINTR)
			log_fatal("ppoll");
		return -1;
	}
	for (i = 0; i < c->n; i++) {
		if (pfd[i].revents != 0) {
			fd = c->fd[i];
			conns_take(c, i);
			return fd;
		}
	}
	if (pfd[c->n].revents & (POLLERR | POLLNVAL))
		log_fatalx("listening socket failed");
	return accept_one(listen_fd);
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

static void
serve_one(struct serve *sv, FCGX_Request *fr, struct buf *body,
    struct buf *out)
{
	struct request req;
	int status;

	buf_reset(body);
	buf_reset(out);
	serve_begin(&req, fr->envp);
	scoreboard_busy(req.id, req.uri);
	account_begin();
	if ((status = read_body(fr, sv->pool->max_body_size, body)) != 0) {
		fr->keepConnection = 0;	/* unread input: close after */
		serve_reject(&req, status, status == 413 ?
		    "Request body too large" : "Bad Content-Length", out);
	} else if (client_gone(fr->ipcFd)) {
		log_info("request %s: %s %s: the client went away while it "
		    "waited; not run", req.id, req.method, req.uri);
		fr->keepConnection = 0;
		account_end(&req, 499, NULL);	/* as nginx logs it */
		return;
	} else {
		req.body = body->data;
		req.body_len = body->len;
		timeout_arm(fr->ipcFd, fr->requestId, req.id);
		serve_request(sv, &req, out);
		timeout_disarm();
	}
	if (FCGX_PutStr(out->data, (int)out->len, fr->out) < 0)
		log_info("request %s: client went away before the response "
		    "was sent", req.id);
	account_end(&req, req.status, out);
}

/* max_rss: checked between requests, so the current one always ends. */
static int
rss_over_limit(long max_rss)
{
	uint64_t rss = scoreboard_update_rss();

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
	struct conns conns = { .n = 0 };
	struct buf body, out;
	sigset_t wait_mask;
	long served = 0;
	int fd;

	if (FCGX_Init() != 0)
		log_fatalx("FCGX_Init failed");
	signals_setup(&wait_mask);	/* after FCGX_Init, which sets its own */
	if (rlimits_apply(sv->pool) == -1)
		exit(FNPOOL_EXIT_RLIMIT);
	if (accesslog_open(sv->pool) == -1)
		exit(2);
	timeout_init(sv->pool);
	if (fcntl(listen_fd, F_SETFL, fcntl(listen_fd, F_GETFL) | O_NONBLOCK) == -1)
		log_fatal("fcntl O_NONBLOCK");
	FCGX_InitRequest(&fr, -1, 0);
	serve_start(sv);
	buf_init(&body);
	buf_init(&out);
	scoreboard_idle();
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
		if ((fd = wait_connection(&conns, listen_fd, &wait_mask)) == -1)
			continue;
		fr.ipcFd = fd;
		fr.keepConnection = 1;	/* keeps FCGX_Accept_r from closing fd */
		if (FCGX_Accept_r(&fr) < 0) {
			fr.ipcFd = -1;	/* closed by libfcgi: peer hung up */
			continue;
		}
		serve_one(sv, &fr, &body, &out);
		served++;
		FCGX_Finish_r(&fr);
		if (fr.ipcFd >= 0) {
			conns_add(&conns, fr.ipcFd);
			fr.ipcFd = -1;
		}
		if (rss_over_limit(sv->pool->max_rss))
			break;
		scoreboard_idle();
	}
	if (max_requests != 0 && served >= max_requests)
		log_info("served %ld requests (max_requests): exiting to be "
		    "replaced", served);
	conns_close_all(&conns);
	buf_free(&body);
	buf_free(&out);
	return 0;
}
