/*
 * conns: the connections a worker holds.  See conns.h.
 *
 * A connection's list says what it holds.  The deadlines of those
 * reading a request are all request_read_timeout after the moment they
 * joined the list, so the list in arrival order is in deadline order and
 * its head is the next to expire; the same holds for lingering ones.
 * Caps: CONNS_READING_MAX connections reading a request (beyond, the
 * oldest that sent nothing, or else the oldest, is closed),
 * CONNS_KEPT_MAX kept idle ones (beyond, the least recently served is
 * closed: nginx opens another when it needs one), CONNS_LINGER_MAX.
 */
#include <sys/epoll.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "shm/counters.h"
#include "shm/scoreboard.h"
#include "worker/conns.h"

#define LINGER_MS	2000

/* ---- lists ------------------------------------------------------------- */

static void
list_del(struct conn *c)
{
	struct conn_list *l = c->list;

	if (l == NULL)
		return;
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		l->head = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	else
		l->tail = c->prev;
	l->n--;
	c->prev = c->next = NULL;
	c->list = NULL;
}

static void
list_push(struct conn_list *l, struct conn *c)
{
	list_del(c);
	c->prev = l->tail;
	c->next = NULL;
	if (l->tail != NULL)
		l->tail->next = c;
	else
		l->head = c;
	l->tail = c;
	l->n++;
	c->list = l;
}

struct conn *
conns_pop(struct conn_list *l)
{
	struct conn *c = l->head;

	if (c != NULL)
		list_del(c);
	return c;
}

/* ---- the table of connections by descriptor ------------------------------ */

void
conns_init(struct conns *cs, int ep, const struct pool_config *pool)
{
	memset(cs, 0, sizeof(*cs));
	cs->ep = ep;
	cs->pool = pool;
	conn_setup(pool->request_read_timeout_ms);
}

static int64_t
now(struct conns *cs)
{
	if (cs->now == 0)
		cs->now = monotonic_ms();
	return cs->now;
}

static struct conn *
conn_new(struct conns *cs, int fd)
{
	struct conn *c;
	int n;

	if (fd >= cs->nbyfd) {
		n = fd + 64;
		if ((cs->byfd = realloc(cs->byfd, (size_t)n * sizeof(*cs->byfd)))
		    == NULL)
			log_fatal("realloc");
		memset(cs->byfd + cs->nbyfd, 0,
		    (size_t)(n - cs->nbyfd) * sizeof(*cs->byfd));
		cs->nbyfd = n;
	}
	if (cs->nspare > 0)
		c = cs->spare[--cs->nspare];
	else {
		if ((c = malloc(sizeof(*c))) == NULL)
			log_fatal("malloc");
		conn_init(c, (size_t)cs->pool->max_params_size,
		    (size_t)cs->pool->max_body_size,
		    config_pool_max_workers(cs->pool));
	}
	conn_open(c, fd);
	cs->byfd[fd] = c;
	return c;
}

/* Closes it (which takes it out of the epoll set) and keeps the struct. */
static void
conn_end(struct conns *cs, struct conn *c)
{
	list_del(c);
	cs->byfd[c->fd] = NULL;
	conn_close(c);
	if (cs->nspare < CONNS_SPARE)
		cs->spare[cs->nspare++] = c;
	else {
		conn_free(c);
		free(c);
	}
}

static void
end_all(struct conns *cs, struct conn_list *l)
{
	struct conn *c;

	while ((c = conns_pop(l)) != NULL)
		conn_end(cs, c);
}

void
conns_close_all(struct conns *cs)
{
	struct conn *c;
	int i;

	end_all(cs, &cs->idle);
	end_all(cs, &cs->reading);
	end_all(cs, &cs->fresh);
	end_all(cs, &cs->kept);
	end_all(cs, &cs->linger);
	for (i = 0; i < cs->nbyfd; i++)		/* one being served */
		if ((c = cs->byfd[i]) != NULL)
			conn_end(cs, c);
	while (cs->nspare > 0) {
		c = cs->spare[--cs->nspare];
		conn_free(c);
		free(c);
	}
	free(cs->byfd);
	cs->byfd = NULL;
	cs->nbyfd = 0;
}

static int
watch(struct conns *cs, struct conn *c)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP };

	if (c->in_set)
		return 0;
	ev.data.fd = c->fd;
	if (epoll_ctl(cs->ep, EPOLL_CTL_ADD, c->fd, &ev) == -1) {
		log_warn("epoll_ctl: %s", strerror(errno));
		conn_end(cs, c);
		return -1;
	}
	c->in_set = 1;
	return 0;
}

/* ---- filing connections by what they hold -------------------------------- */

/* Closed without a whole request: the cap, or request_read_timeout. */
static void
conn_timed_out(struct conns *cs, struct conn *c, const char *why)
{
	log_info("pool %s: closed a connection that sent %s %s",
	    cs->pool->name, c->got == 0 ? "nothing" : "no whole request", why);
	counters_read_timeout(scoreboard_counters());
	conn_end(cs, c);
}

static void
to_reading(struct conns *cs, struct conn *c)
{
	struct conn *old;

	if (c->state != CONN_READING || c->list != &cs->reading) {
		c->state = CONN_READING;
		c->deadline_ms = now(cs) + cs->pool->request_read_timeout_ms;
		list_push(&cs->reading, c);
	}
	if (watch(cs, c) == -1 || cs->reading.n <= CONNS_READING_MAX)
		return;
	for (old = cs->reading.head; old->next != NULL && old->got > 0;
	    old = old->next)
		;
	if (old->got > 0)
		old = cs->reading.head;
	conn_timed_out(cs, old, "before more connections came (at most 64 "
	    "per worker read a request)");
}

static void
to_ready(struct conns *cs, struct conn *c)
{
	c->state = CONN_READY;
	list_push(c->served == 0 ? &cs->fresh : &cs->kept, c);
}

static void
to_idle(struct conns *cs, struct conn *c)
{
	c->state = CONN_IDLE;
	list_push(&cs->idle, c);
	if (watch(cs, c) == 0 && cs->idle.n > CONNS_KEPT_MAX)
		conn_end(cs, cs->idle.head);
}

static void
to_linger(struct conns *cs, struct conn *c)
{
	conn_shutdown(c);
	c->state = CONN_LINGER;
	c->deadline_ms = now(cs) + LINGER_MS;
	list_push(&cs->linger, c);
	if (watch(cs, c) == 0 && cs->linger.n > CONNS_LINGER_MAX)
		conn_end(cs, cs->linger.head);
}

/*
 * Reads c and files it by what it holds now.  Returns it when its
 * request is ready; c may be closed and gone otherwise.
 */
static struct conn *
conn_input(struct conns *cs, struct conn *c)
{
	enum conn_io io = conn_read(c);

	if (c->st.refused_role != 0) {
		log_info("pool %s: refused a request for FastCGI role %d "
		    "(FCGI_UNKNOWN_ROLE: fnpool is a responder)",
		    cs->pool->name, c->st.refused_role);
		c->st.refused_role = 0;
	}
	switch (io) {
	case CONN_IO_MORE:
		if (c->state == CONN_READING || c->got > 0)
			to_reading(cs, c);
		break;
	case CONN_IO_READY:
		to_ready(cs, c);
		return c;
	case CONN_IO_EOF:
		conn_end(cs, c);
		break;
	case CONN_IO_REFUSED:
		log_info("pool %s: refused a FastCGI connection: %s",
		    cs->pool->name, conn_why(c));
		counters_fastcgi_refused(scoreboard_counters());
		conn_end(cs, c);
		break;
	case CONN_IO_LINGER:
		to_linger(cs, c);
		break;
	}
	return NULL;
}

struct conn *
conns_accepted(struct conns *cs, int fd)
{
	return conn_input(cs, conn_new(cs, fd));
}

void
conns_event(struct conns *cs, int fd)
{
	struct conn *c;

	if (fd < 0 || fd >= cs->nbyfd || (c = cs->byfd[fd]) == NULL)
		return;		/* closed a moment ago */
	switch (c->state) {
	case CONN_IDLE:
	case CONN_READING:
		(void)conn_input(cs, c);
		break;
	case CONN_LINGER:
		if (conn_drain(c))
			conn_end(cs, c);
		break;
	case CONN_READY:
	case CONN_SERVING:
		break;		/* read when served */
	}
}

void
conns_expire(struct conns *cs)
{
	struct conn *c;

	while ((c = cs->reading.head) != NULL && c->deadline_ms <= now(cs))
		conn_timed_out(cs, c, cs->draining ? "before the worker "
		    "stopped" : "within request_read_timeout");
	while ((c = cs->linger.head) != NULL && c->deadline_ms <= now(cs))
		conn_end(cs, c);
}

int
conns_wait_ms(struct conns *cs)
{
	if (cs->fresh.n > 0 || cs->kept.n > 0) {
		cs->now = 0;
		return 0;
	}
	return conns_deadline_ms(cs);
}

int
conns_deadline_ms(struct conns *cs)
{
	int64_t d = -1;

	cs->now = 0;
	if (cs->reading.head != NULL)
		d = cs->reading.head->deadline_ms;
	if (cs->linger.head != NULL && (d == -1 ||
	    cs->linger.head->deadline_ms < d))
		d = cs->linger.head->deadline_ms;
	if (d == -1)
		return -1;
	d -= monotonic_ms();
	return d < 0 ? 0 : d > 3600000 ? 3600000 : (int)d + 1;
}

int
conns_held(const struct conns *cs)
{
	return cs->idle.n + cs->reading.n + cs->fresh.n + cs->kept.n;
}

void
conns_after(struct conns *cs, struct conn *c, enum conn_end end)
{
	c->served++;
	c->got = c->pending.len;
	if (end == CONN_END_LINGER) {
		to_linger(cs, c);
		return;
	}
	if (end == CONN_END_CLOSE || cs->draining) {
		conn_end(cs, c);
		return;
	}
	fastcgi_stream_next(&c->st);
	c->state = CONN_IDLE;
	if (c->pending.len > 0)
		(void)conn_input(cs, c);	/* the next request came with it */
	else
		to_idle(cs, c);
}

/* Keeps only the connections this worker accepted and has not served. */
static void
drain_list(struct conns *cs, struct conn_list *l, int64_t until)
{
	struct conn *c, *next;

	for (c = l->head; c != NULL; c = next) {
		next = c->next;
		if (c->served > 0)
			conn_end(cs, c);
		else if (c->deadline_ms > until)
			c->deadline_ms = until;
	}
}

void
conns_drain(struct conns *cs, long ms)
{
	int64_t until = now(cs) + ms;

	cs->draining = 1;
	end_all(cs, &cs->idle);
	end_all(cs, &cs->kept);
	end_all(cs, &cs->linger);
	drain_list(cs, &cs->reading, until);
	drain_list(cs, &cs->fresh, until);
}
