/*
 * watchdog: the master's watch over running requests, from the
 * scoreboard, while they still run (PHP-FPM's request_slowlog_timeout
 * and request_terminate_timeout).
 */
#include <signal.h>
#include <stdio.h>

#include "core/log.h"
#include "master/manager.h"
#include "master/pool.h"
#include "core/slowlog.h"
#include "master/watchdog.h"
#include "shm/counters.h"
#include "shm/scoreboard.h"

#define BACKSTOP_GRACE_MS	1000
#define BACKSTOP_TICK_MS	250
#define SLOWLOG_TICK_MS		100

/* ---- the request_timeout backstop -------------------------------------- */

/*
 * The hard backstop behind the worker's own request timer (timeout.c):
 * a worker still busy with one request BACKSTOP_GRACE_MS past its
 * pool's request_timeout is killed, whatever it is doing (stopped,
 * stuck in a system call, its timer lost).  Its death is then logged
 * with the function and request id like any other.  A worker finishing
 * a request's ctx.waitUntil work has background_timeout instead, when
 * that is set.
 */
static void
backstop(int64_t now)
{
	const struct pool_config *c;
	struct sb_slot s;
	struct worker *w;
	const char *key;
	long limit;
	int i;

	for (i = 0; i < SB_SLOTS; i++) {
		w = &manager.workers[i];
		if (w->pid == 0 || w->pool == NULL || w->backstopped)
			continue;
		c = w->pool->conf;
		scoreboard_read(i, &s);
		limit = c->request_timeout_ms;
		key = "request_timeout";
		if ((s.finishing || s.concurrent > 1) &&
		    c->background_timeout_ms > limit) {
			/* max_concurrent: any request in flight may be a
			   ctx.waitUntil one; the slot shows the latest */
			limit = c->background_timeout_ms;
			key = "background_timeout";
		} else if (s.finishing && c->background_timeout_ms > 0) {
			limit = c->background_timeout_ms;
			key = "background_timeout";
		}
		if (limit <= 0 || s.state != SB_BUSY || s.request_ms == 0 ||
		    now - s.request_ms < limit + BACKSTOP_GRACE_MS)
			continue;
		log_error("pool %s: worker %ld still runs %s (request %s) "
		    "%lld ms after it started, past %s (%ld ms) "
		    "and %d ms of grace: killing it", c->name,
		    (long)w->pid, pool_describe_slot(&s), s.request_id,
		    (long long)(now - s.request_ms), key, limit,
		    BACKSTOP_GRACE_MS);
		w->backstopped = 1;
		kill(w->pid, SIGKILL);
	}
}

/* ---- slowlog_timeout --------------------------------------------------- */

static void
slow_note(struct worker *w, const struct sb_slot *s, int64_t ran)
{
	const struct pool_config *c = w->pool->conf;
	struct ct_pool *ct = counters_pool(w->pool->counters);
	char msg[768];

	w->slow_logged = s->request_ms;
	if (ct != NULL)
		counters_add(&ct->slow, 1);
	snprintf(msg, sizeof(msg), "pool %s: slow request: worker %ld has run "
	    "%s (request %s) for %lld ms (slowlog_timeout %ld ms)%s%s", c->name,
	    (long)w->pid, pool_describe_slot(s), s->request_id,
	    (long long)ran, c->slowlog_timeout,
	    s->note[0] != '\0' ? ", waiting on " : "", s->note);
	slowlog_write(c, msg);
}

/* Each request past its pool's slowlog_timeout, once. */
static void
slow_requests(int64_t now)
{
	struct sb_slot s;
	struct worker *w;
	long limit;
	int i;

	for (i = 0; i < SB_SLOTS; i++) {
		w = &manager.workers[i];
		if (w->pid == 0 || w->pool == NULL ||
		    (limit = w->pool->conf->slowlog_timeout) <= 0)
			continue;
		scoreboard_read(i, &s);
		if (s.state != SB_BUSY || s.request_ms == 0 ||
		    s.request_ms == w->slow_logged || now - s.request_ms < limit)
			continue;
		if (s.concurrent > 1)	/* the slot shows one of them: */
			continue;	/* the worker logs each (inflight.c) */
		slow_note(w, &s, now - s.request_ms);
	}
}

/* ---- the tick ---------------------------------------------------------- */

/* Whether any live worker's pool is one wants says yes to. */
static int
any_worker(int (*wants)(const struct pool_config *))
{
	const struct worker *w;
	int i;

	for (i = 0; i < SB_SLOTS; i++) {
		w = &manager.workers[i];
		if (w->pid != 0 && w->pool != NULL && wants(w->pool->conf))
			return 1;
	}
	return 0;
}

static int
wants_backstop(const struct pool_config *conf)
{
	return conf->request_timeout_ms > 0 || conf->background_timeout_ms > 0;
}

static int
wants_slowlog(const struct pool_config *conf)
{
	return conf->slowlog_timeout > 0;
}

void
watchdog_check(int64_t now)
{
	backstop(now);
	slow_requests(now);
}

int
watchdog_tick(void)
{
	if (any_worker(wants_slowlog))
		return SLOWLOG_TICK_MS;
	if (any_worker(wants_backstop))
		return BACKSTOP_TICK_MS;
	return -1;
}
