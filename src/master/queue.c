/*
 * queue: when each connection in a pool's backlog arrived, estimated from
 * the length at each sample (the backlog is FIFO), and queue_timeout: the
 * master answers 503 itself (overload.c) for those that waited too long
 * while every worker was busy.
 */
#include "core/log.h"
#include "master/backlog.h"
#include "master/census.h"
#include "master/manager.h"
#include "master/overload.h"
#include "master/queue.h"
#include "shm/counters.h"

static void
arrivals_sync(struct pool *p, int queued, int64_t now)
{
	struct ct_pool *ct = counters_pool(p->counters);

	while (p->arr_len > queued) {		/* taken by workers */
		int64_t waited = now - p->arrivals[p->arr_head];

		p->queued++;
		if (waited > p->queue_wait_max)
			p->queue_wait_max = waited;
		if (ct != NULL) {
			counters_observe(&ct->queue_wait, waited * 1000);
			counters_max(&ct->queue_wait_max_ms, waited);
		}
		p->arr_head = (p->arr_head + 1) % ARRIVALS_MAX;
		p->arr_len--;
	}
	while (p->arr_len < queued && p->arr_len < ARRIVALS_MAX) {
		p->arrivals[(p->arr_head + p->arr_len) % ARRIVALS_MAX] = now;
		p->arr_len++;
	}
}

int
queue_sample(struct pool *p, int64_t now)
{
	struct ct_pool *ct = counters_pool(p->counters);
	int queued;

	if (p->listen_fd == -1 || (queued = backlog_length(p->listen_fd)) < 0)
		return -1;
	arrivals_sync(p, queued, now);
	if (ct != NULL)
		counters_max(&ct->listen_queue_max, queued);
	return queued;
}

/* Pools watched on the tick: queue_timeout, and the status endpoints'
 * listen queue and queue wait figures. */
static int
queue_watched(const struct pool *p)
{
	return !p->retired && (p->conf->queue_timeout > 0 ||
	    p->conf->status_listen != NULL);
}

/* Answers 503 for each connection that has waited queue_timeout. */
static void
queue_reject(struct pool *p, int64_t now)
{
	const struct pool_config *c = p->conf;
	long retry = c->queue_timeout / 1000 + 1;

	while (p->arr_len > 0 &&
	    now - p->arrivals[p->arr_head] >= c->queue_timeout) {
		if (overload_reject(p->listen_fd, c->name,
		    (long)(now - p->arrivals[p->arr_head]), retry) == 0)
			break;
		p->rejected++;
		if (counters_pool(p->counters) != NULL)
			counters_add(&counters_pool(p->counters)->rejected, 1);
		p->arr_head = (p->arr_head + 1) % ARRIVALS_MAX;
		p->arr_len--;
	}
}

int
queue_check(struct pool *p, int64_t now)
{
	const struct pool_config *c = p->conf;
	struct census cs;

	if (!queue_watched(p) || p->listen_fd == -1)
		return 0;
	if (queue_sample(p, now) < 0) {
		if (!p->backlog_unknown)
			log_error("pool %s: cannot read the length of the "
			    "backlog (sock_diag or TCP_INFO): %s", c->name,
			    c->queue_timeout > 0 ? "queue_timeout does nothing" :
			    "the status shows no listen queue");
		p->backlog_unknown = 1;
		return 0;
	}
	if (c->queue_timeout == 0)
		return 0;
	census_take(p, &cs);
	if (cs.room > 0)	/* busy means at max_concurrent */
		return 0;
	queue_reject(p, now);
	return 1;
}
