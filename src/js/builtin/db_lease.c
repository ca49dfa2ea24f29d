/*
 * db_lease: PostgreSQL connections of their own for the requests a
 * worker serves at once (max_concurrent above 1; docs/functions.md,
 * "Databases").  Requests interleave where they wait, so one connection
 * shared by them would mix their statements and put one request's
 * queries inside another's transaction.  Instead each request in flight
 * (a loop with an owner, jsloop.h) leases a connection per database on
 * its first call, sync or async, and gives it back when its loop ends
 * (db_async.c's end hook): a transaction left open is rolled back, and a
 * connection with a statement still running (the request's deadline
 * came first) is discarded, its statement cancelled on the server, so
 * that the other requests' connections are not touched.  Idle ones are
 * kept for the next requests, up to db.max_connections per worker and
 * database; past that a call fails at once (EMAXCONN) rather than wait:
 * a wait would hold the request, and a slot of max_concurrent, until its
 * deadline without saying why.  SQLite keeps the worker's one connection
 * (its calls never wait on the loop).
 */
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "js/builtin/db_engine.h"
#include "js/call.h"
#include "js/jsloop.h"

struct lease {
	struct lease	*next;
	struct db_conn	 c;
};

static struct lease *leases;

/* Closes c, as db.c's conn_close does. */
static void
lease_close(struct db_conn *c)
{
	if (c->h != NULL)
		c->engine->close(c);
	c->h = NULL;
	c->depth = 0;
}

/* An idle lease of base's database, checked; NULL when none is. */
static struct db_conn *
lease_idle(const struct db_conn *base)
{
	struct lease *l;

	for (l = leases; l != NULL; l = l->next) {
		if (l->c.owner != NULL || strcmp(l->c.name, base->name) != 0)
			continue;
		if (l->c.h != NULL && l->c.engine->alive != NULL &&
		    !l->c.engine->alive(&l->c)) {
			log_notice("database %s (%s): the connection was lost; "
			    "reconnecting", l->c.name, l->c.shown);
			lease_close(&l->c);
		}
		return &l->c;
	}
	return NULL;
}

static long
lease_count(const struct db_conn *base)
{
	const struct lease *l;
	long n = 0;

	for (l = leases; l != NULL; l = l->next)
		n += strcmp(l->c.name, base->name) == 0;
	return n;
}

struct db_conn *
db_lease(js_State *J, struct db_conn *base, long max)
{
	const struct call *call = js_getcontext(J);
	const struct jsloop *L = call != NULL ? call->loop : NULL;
	struct db_conn *c;
	struct lease *l;

	if (L == NULL || jsloop_owner(L) == NULL || base->engine->send == NULL)
		return base;	/* one request at a time, module code, SQLite */
	for (l = leases; l != NULL; l = l->next)
		if (l->c.owner == L && strcmp(l->c.name, base->name) == 0)
			return &l->c;
	if ((c = lease_idle(base)) == NULL) {
		if (lease_count(base) >= max)
			db_throw(J, "EMAXCONN", "database %s: all %ld connections "
			    "of this worker are in use by its other requests in "
			    "flight (db.max_connections): raise it, or lower "
			    "max_concurrent", base->name, max);
		if ((l = calloc(1, sizeof(*l))) == NULL)
			log_fatal("calloc");
		l->c = *base;
		l->c.h = NULL;
		l->c.depth = 0;
		l->next = leases;
		leases = l;
		c = &l->c;
	}
	c->owner = L;
	c->depth = 0;
	db_async_attach(J);	/* its end gives the connection back */
	return c;
}

void
db_lease_end(const struct jsloop *L, const char *fn, const char *request_id)
{
	struct lease *l;
	struct db_conn *c;

	for (l = leases; l != NULL; l = l->next) {
		c = &l->c;
		if (c->owner != L)
			continue;
		c->owner = NULL;
		c->depth = 0;
		if (c->h == NULL || !c->engine->in_transaction(c))
			continue;
		log_warn("%s: request %s left a transaction open on database "
		    "%s: rolled back", fn, request_id, c->name);
		if (c->engine->rollback(c) == -1)
			lease_close(c);
	}
}

void
db_lease_discard(struct db_conn *c)
{
	c->engine->discard(c);
	c->h = NULL;
	c->depth = 0;
}

void
db_lease_close_all(void)
{
	struct lease *l;

	while ((l = leases) != NULL) {
		leases = l->next;
		lease_close(&l->c);
		free(l);
	}
}
