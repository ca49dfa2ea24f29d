/*
 * Unit tests for db_lease (src/js/builtin/db_lease.c), on an engine of
 * fakes: which connection a call uses under max_concurrent, the cap,
 * giving back (a transaction rolled back), reuse, discarding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mujs.h>

#include "js/builtin/db_engine.h"
#include "js/call.h"
#include "js/jsloop.h"
#include "tap.h"

static struct call call;
static int closed, rolled, discarded;

/* A fake connection: c->h points at its "in a transaction" flag. */
static int tx_a, tx_b;

static void
fake_send(js_State *J, struct db_conn *c, const char *sql, int params,
    enum db_mode mode, int script)
{
	(void)J, (void)c, (void)sql, (void)params, (void)mode, (void)script;
}

static void
fake_close(struct db_conn *c)
{
	(void)c;
	closed++;
}

static int
fake_in_transaction(struct db_conn *c)
{
	return *(int *)c->h;
}

static int
fake_rollback(struct db_conn *c)
{
	*(int *)c->h = 0;
	rolled++;
	return 0;
}

static int
fake_alive(struct db_conn *c)
{
	(void)c;
	return 1;
}

static void
fake_discard(struct db_conn *c)
{
	(void)c;
	discarded++;
}

static const struct db_engine fake_pg = {
	.name = "postgresql", .close = fake_close,
	.in_transaction = fake_in_transaction, .rollback = fake_rollback,
	.alive = fake_alive, .send = fake_send, .discard = fake_discard,
};
static const struct db_engine fake_sqlite = {
	.name = "sqlite", .close = fake_close,
	.in_transaction = fake_in_transaction, .rollback = fake_rollback,
};

/* db_lease on loop L; NULL when it threw (the message in why). */
static struct db_conn *
lease_on(js_State *J, struct jsloop *L, struct db_conn *base, long max,
    char *why, size_t size)
{
	struct db_conn *c;

	call.loop = L;
	why[0] = '\0';
	if (js_try(J)) {
		js_getproperty(J, -1, "code");
		snprintf(why, size, "%s: ", js_trystring(J, -1, "?"));
		js_pop(J, 1);
		js_getproperty(J, -1, "message");
		snprintf(why + strlen(why), size - strlen(why), "%s",
		    js_trystring(J, -1, "?"));
		js_pop(J, 2);
		return NULL;
	}
	c = db_lease(J, base, max);
	js_endtry(J);
	return c;
}

int
main(void)
{
	struct jsloop *one = jsloop_new(NULL), *la = jsloop_new(&tx_a),
	    *lb = jsloop_new(&tx_b), *lc = jsloop_new(&closed);
	struct db_conn base, lite, *ca, *cb, *cc;
	char why[512];
	js_State *J;

	J = js_newstate(NULL, NULL, 0);
	js_setcontext(J, &call);
	call.loop = one;
	(void)jsloop_install(J);
	memset(&base, 0, sizeof(base));
	base.name = "pg";
	base.engine = &fake_pg;
	memset(&lite, 0, sizeof(lite));
	lite.name = "default";
	lite.engine = &fake_sqlite;

	ok(lease_on(J, one, &base, 2, why, sizeof(why)) == &base,
	    "a loop without an owner (max_concurrent = 1, module code): the "
	    "worker's connection");
	ca = lease_on(J, la, &base, 2, why, sizeof(why));
	ok(ca != NULL && ca != &base && ca->owner == la,
	    "a request in flight: a connection of its own");
	ok(ca != NULL && strcmp(ca->name, "pg") == 0 && ca->h == NULL,
	    "  for the same database, not open yet");
	ok(lease_on(J, la, &base, 2, why, sizeof(why)) == ca,
	    "  the same one for each of its calls");
	cb = lease_on(J, lb, &base, 2, why, sizeof(why));
	ok(cb != NULL && cb != ca && cb->owner == lb,
	    "another request in flight: another one");
	ok(lease_on(J, lc, &lite, 2, why, sizeof(why)) == &lite,
	    "SQLite (no asynchronous statements): the worker's connection");
	cc = lease_on(J, lc, &base, 2, why, sizeof(why));
	ok(cc == NULL, "a third request past db.max_connections = 2: refused");
	is_str(why, "EMAXCONN: database pg: all 2 connections of this worker "
	    "are in use by its other requests in flight (db.max_connections): "
	    "raise it, or lower max_concurrent", "  at once, saying why");

	if (ca == NULL || cb == NULL)
		return tap_done();
	ca->h = &tx_a;		/* open, in a transaction */
	tx_a = 1;
	ca->depth = 1;
	db_lease_end(la, "f.js", "req-a");
	is_int(rolled, 1, "a request ends in a transaction: rolled back");
	ok(ca->owner == NULL && ca->depth == 0 && ca->h == &tx_a,
	    "  and its connection is kept, idle and open");
	cc = lease_on(J, lc, &base, 2, why, sizeof(why));
	ok(cc == ca && cc->owner == lc, "the next request gets the idle one");
	is_int(closed, 0, "  nothing was closed");

	cb->h = &tx_b;
	db_lease_discard(cb);
	ok(discarded == 1 && cb->h == NULL, "a connection whose statement still "
	    "runs is discarded");
	db_lease_end(lb, "f.js", "req-b");
	ok(cb->owner == NULL, "  and its place is given back");
	ok(lease_on(J, lb, &base, 2, why, sizeof(why)) == cb,
	    "  to be opened again by the next request");
	db_lease_end(lb, "f.js", "req-b2");
	db_lease_end(lc, "f.js", "req-c");
	is_int(rolled, 1, "giving back a connection outside a transaction rolls "
	    "nothing back");

	db_lease_close_all();
	is_int(closed, 1, "db_lease_close_all closes the open ones");
	cc = lease_on(J, la, &base, 2, why, sizeof(why));
	ok(cc != NULL && cc->h == NULL && cc->owner == la,
	    "after it, a request gets a new connection, not open yet");
	db_lease_close_all();
	js_freestate(J);
	jsloop_free(la);
	jsloop_free(lb);
	jsloop_free(lc);
	jsloop_free(one);
	return tap_done();
}
