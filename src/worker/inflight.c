/*
 * inflight: see inflight.h.
 *
 * With max_concurrent above 1 a request whose loop waits (on timers, on
 * fetch) no longer holds the worker: worker.c launches it here, and goes
 * back to its wait, which inflight_wait makes wait on the requests'
 * timers, deadlines and transfers too.  JavaScript stays single
 * threaded: one request's callbacks run at a time, in its own call
 * (runtime.c switches ctx, request id, timers and outcome with it).
 *
 * Deadlines are per request.  A request still waiting at its
 * request_timeout is answered 504 here, its timers and transfers
 * dropped, while the others go on.  A request whose JavaScript does not
 * return to the loop cannot be stopped: the worker arms SIGALRM
 * (timeout.c) with what is left of its time whenever its JavaScript
 * runs, and if that fires, every request in flight is answered (504 for
 * it, a prepared 503 with Retry-After for each other one) and the worker
 * exits to be replaced, as with max_concurrent = 1.
 *
 * ctx.waitUntil work keeps its request in flight after the response,
 * counted against max_concurrent, until the work ends or its
 * background_timeout passes (then it is dropped with a log line).
 */
#include <sys/epoll.h>
#include <sys/socket.h>

#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "core/slowlog.h"
#include "shm/counters.h"
#include "shm/scoreboard.h"
#include "js/builtin/db.h"
#include "js/jsloop.h"
#include "js/runtime.h"
#include "worker/inflight.h"

/*
 * When the last of at least this many requests in flight ends, the
 * worker gives the free memory of the burst back to the system: their
 * transfers, connections and buffers were freed into the middle of the
 * heap, which free() itself returns only from its top.  Smaller bursts
 * are not worth the walk over the heap.
 */
#define TRIM_AFTER	32

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t
ts_ms(const struct timespec *ts)
{
	return (int64_t)ts->tv_sec * 1000 + ts->tv_nsec / 1000000;
}

void
inflight_init(struct inflight *fl, struct serve *sv, struct conns *conns,
    long max)
{
	memset(fl, 0, sizeof(*fl));
	fl->sv = sv;
	fl->conns = conns;
	fl->max = (int)max;
	if ((fl->f = calloc((size_t)max, sizeof(*fl->f))) == NULL)
		log_fatal("calloc");
	buf_init(&fl->out);
}

void
inflight_free(struct inflight *fl)
{
	free(fl->f);
	buf_free(&fl->out);
}

int
inflight_room(const struct inflight *fl)
{
	return fl->n < fl->max;
}

struct flight *
inflight_new(struct inflight *fl, struct conn *c, enum conn_end end)
{
	struct flight *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		log_fatal("calloc");
	f->c = c;
	f->end = end;
	f->deadline = INT64_MAX;
	fl->f[fl->n++] = f;
	if (fl->n > fl->peak)
		fl->peak = fl->n;
	account_inflight(fl->n, fl->max, 0);
	return f;
}

void
inflight_drop(struct inflight *fl, struct flight *f)
{
	int i;

	for (i = 0; i < fl->n; i++)
		if (fl->f[i] == f) {
			fl->f[i] = fl->f[--fl->n];
			break;
		}
	free(f);
	account_inflight(fl->n, fl->max, 1);
	if (fl->n == 0) {
		account_idle();
		if (fl->peak >= TRIM_AFTER) {
			fl->peak = 0;
			malloc_trim(0);
		}
	}
}

/* The request's JavaScript is about to run: its clock, its names. */
static void
flight_arm(struct flight *f)
{
	timeout_resume(f->spare.fd, f->spare.fcgi_id, f->req.id, &f->start,
	    f->answered);
	if (f->route.name[0] != '\0') {
		timeout_function(f->route.name);
		db_request_begin(f->route.name, f->req.id);
	}
}

/* Sends out on f's connection and lets the connection go on. */
static void
flight_send(struct inflight *fl, struct flight *f)
{
	enum conn_end end = f->end;

	timeout_spare_remove(&f->spare);
	if (conn_respond(f->c, &fl->out) == -1) {
		log_info("request %s: client went away before the response "
		    "was sent", f->req.id);
		end = CONN_END_CLOSE;
	}
	account_end(&f->acct, &f->req, f->req.status, &fl->out);
	conns_after(fl->conns, f->c, end);
	f->c = NULL;
}

/* The function answered: the response goes, its waitUntil work on. */
static void
flight_answer(struct inflight *fl, struct flight *f)
{
	const struct pool_config *pool = fl->sv->pool;
	long bg = pool->background_timeout_ms > 0 ?
	    pool->background_timeout_ms : pool->request_timeout_ms;

	buf_reset(&fl->out);
	serve_answer(fl->sv, &f->req, &f->acct, &f->route, &f->res, &fl->out);
	flight_send(fl, f);
	f->answered = 1;
	f->deadline = bg > 0 ? ts_ms(&f->start) + bg : INT64_MAX;
}

static void
flight_end(struct inflight *fl, struct flight *f)
{
	serve_done(fl->sv, &f->req, &f->route);
	inflight_drop(fl, f);
}

/* What runtime_step said of f. */
static void
flight_after(struct inflight *fl, struct flight *f, enum runtime_step st)
{
	switch (st) {
	case RUNTIME_WAITING:
		return;
	case RUNTIME_ANSWERED:
		flight_answer(fl, f);
		return;
	case RUNTIME_DONE:
		if (!f->answered)
			flight_answer(fl, f);
		flight_end(fl, f);
		return;
	}
}

static void
flight_step(struct inflight *fl, struct flight *f)
{
	enum runtime_step st;

	flight_arm(f);
	st = runtime_step(fl->sv->rt, f->rq, &f->res);
	timeout_disarm();
	flight_after(fl, f, st);
}

void
inflight_launch(struct inflight *fl, struct flight *f)
{
	const struct pool_config *pool = fl->sv->pool;
	struct rtreq *rq;

	clock_gettime(CLOCK_MONOTONIC, &f->start);
	if (pool->request_timeout_ms > 0)
		f->deadline = ts_ms(&f->start) + pool->request_timeout_ms;
	timeout_spare_build(&f->spare, f->c->fd, f->c->st.id, f->req.id);
	timeout_spare_add(&f->spare);
	f->req.body = f->c->st.body.data;
	f->req.body_len = f->c->st.body.len;
	buf_reset(&fl->out);
	flight_arm(f);
	rq = serve_launch(fl->sv, &f->req, &f->acct, &f->route, &f->res,
	    &fl->out);
	timeout_disarm();
	if (rq == NULL) {	/* answered, req freed */
		flight_send(fl, f);
		inflight_drop(fl, f);
		return;
	}
	f->rq = rq;
	if (runtime_answered(rq))
		flight_answer(fl, f);
}

/* request_timeout passed while f waited: 504, and the others go on. */
static void
flight_expire(struct inflight *fl, struct flight *f)
{
	const struct pool_config *pool = fl->sv->pool;
	long ms = (long)(now_ms() - ts_ms(&f->start));
	char msg[160];

	/* no clock: its time is up, and the end runs no function code */
	db_request_begin(f->route.name, f->req.id);
	runtime_cancel(fl->sv->rt, f->rq);
	if (f->answered) {
		log_error("%s: request %s: its ctx.waitUntil work timed out "
		    "(%s) after %ld ms: dropped", f->route.name, f->req.id,
		    pool->background_timeout_ms > 0 ? "background_timeout" :
		    "request_timeout", ms);
		flight_end(fl, f);
		return;
	}
	log_error("%s: request %s timed out after %ld ms; answered 504, the "
	    "other requests in flight go on", f->route.name, f->req.id, ms);
	response_free(&f->res);
	snprintf(msg, sizeof(msg), "Gateway Timeout: the function ran "
	    "longer than request_timeout (%ld ms)", pool->request_timeout_ms);
	buf_reset(&fl->out);
	serve_reject(&f->req, 504, msg, &fl->out);
	flight_send(fl, f);
	flight_end(fl, f);
}

static struct flight *
flight_of(const struct inflight *fl, const struct rtreq *rq)
{
	int i;

	for (i = 0; i < fl->n; i++)
		if (fl->f[i]->rq == rq)
			return fl->f[i];
	return NULL;
}

/* runtime_io's: an operation of rq's finished; its callbacks run next. */
static void
io_arm(struct rtreq *rq, void *arg)
{
	struct flight *f = flight_of(arg, rq);

	if (f != NULL)
		flight_arm(f);
}

/*
 * slowlog_timeout, once per request.  The master logs a worker's slow
 * request from the scoreboard, which shows only one of this worker's:
 * with max_concurrent above 1 the worker logs each itself.
 */
static void
flight_slow(struct inflight *fl, struct flight *f, int64_t now)
{
	const struct pool_config *c = fl->sv->pool;
	struct ct_pool *ct;
	char msg[768], note[300];
	int64_t ran = now - ts_ms(&f->start);

	if (f->slow || f->answered || ran < c->slowlog_timeout)
		return;
	f->slow = 1;
	if ((ct = counters_pool(scoreboard_counters())) != NULL)
		counters_add(&ct->slow, 1);
	runtime_note(f->rq, note, sizeof(note));
	snprintf(msg, sizeof(msg), "pool %s: slow request: worker %ld has run "
	    "%s for %.*s (request %s) for %lld ms (slowlog_timeout %ld ms)%s%s",
	    c->name, (long)getpid(), f->route.name,
	    (int)strcspn(f->req.uri, "?"), f->req.uri, f->req.id,
	    (long long)ran, c->slowlog_timeout,
	    note[0] != '\0' ? ", waiting on " : "", note);
	slowlog_write(c, msg);
}

/*
 * The flight whose timer is due first, by now; NULL when none is.  So
 * that timers of different requests fire in their order, as one
 * request's do; each is stepped once per wait, whose turn runs all its
 * timers due by then.
 */
static struct flight *
flight_due(struct inflight *fl, int64_t now)
{
	struct flight *best = NULL;
	int64_t d, best_due = now + 1;
	int i;

	for (i = 0; i < fl->n; i++)
		if (!fl->f[i]->stepped &&
		    (d = runtime_due(fl->f[i]->rq)) < best_due) {
			best = fl->f[i];
			best_due = d;
		}
	if (best != NULL)
		best->stepped = 1;
	return best;
}

/* Runs what is due: finished transfers, deadlines, then timers. */
static void
inflight_run(struct inflight *fl)
{
	struct flight *f;
	struct rtreq *rq;
	int64_t now;
	int i;

	while ((rq = runtime_io(fl->sv->rt, io_arm, fl)) != NULL) {
		timeout_disarm();
		if ((f = flight_of(fl, rq)) != NULL)
			flight_step(fl, f);
	}
	now = now_ms();
	for (i = 0; i < fl->n; i++)
		fl->f[i]->stepped = 0;
	/* an ended one's place is taken by one seen already: downwards */
	for (i = fl->n - 1; i >= 0; i--)
		if (fl->f[i]->deadline <= now)
			flight_expire(fl, fl->f[i]);
	while ((f = flight_due(fl, now)) != NULL)
		flight_step(fl, f);
	for (i = 0; fl->sv->pool->slowlog_timeout > 0 && i < fl->n; i++)
		flight_slow(fl, fl->f[i], now);
}

/* The earliest time something is due: a timer, a deadline. */
static int64_t
inflight_due(const struct inflight *fl)
{
	int64_t due = INT64_MAX, d;
	int i;

	for (i = 0; i < fl->n; i++) {
		if ((d = runtime_due(fl->f[i]->rq)) < due)
			due = d;
		if (fl->f[i]->deadline < due)
			due = fl->f[i]->deadline;
		d = ts_ms(&fl->f[i]->start) + fl->sv->pool->slowlog_timeout;
		if (fl->sv->pool->slowlog_timeout > 0 && !fl->f[i]->slow &&
		    !fl->f[i]->answered && d < due)
			due = d;
	}
	return due;
}

int
inflight_wait(struct inflight *fl, int ep, void *ev, int max, int wait_ms)
{
	int64_t due = inflight_due(fl), now = now_ms();
	int timeout, n;

	timeout = due == INT64_MAX ? -1 : due <= now ? 0 :
	    due - now > INT_MAX ? INT_MAX : (int)(due - now);
	if (wait_ms >= 0 && (timeout < 0 || wait_ms < timeout))
		timeout = wait_ms;
	if (jsloop_live()) {
		/* the I/O sources' descriptors and the worker's epoll at once */
		(void)jsloop_poll(ep, timeout < 0 ? INT64_MAX : now + timeout);
		timeout = 0;
	}
	n = epoll_wait(ep, (struct epoll_event *)ev, max, timeout);
	if (n == -1 && errno != EINTR)
		log_fatal("epoll_wait");
	inflight_run(fl);
	return n < 0 ? 0 : n;
}
