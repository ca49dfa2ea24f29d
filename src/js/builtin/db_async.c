/*
 * db_async: fnpool:db's calls that return Promises (docs/functions.md,
 * "Databases"): queryAsync, getAsync, runAsync and execAsync, and
 * transactionAsync(fn), which awaits fn's Promise.  On PostgreSQL a
 * statement is sent (db_engine.h: send) and the request's event loop
 * waits on its connection's socket as one of its I/O sources (jsloop.h),
 * so timers and fetches of the request go on meanwhile.  An engine
 * without send (SQLite) runs the call at once, and its Promise is
 * settled already: code written for one engine runs on the other.
 *
 * A connection runs one statement at a time: statements of one
 * connection queue in the order they were called, and the next is sent
 * when the one before has its result.  Each waits in a list of pending
 * statements; its resolve and reject functions, its parameters and its
 * result so far stay in its state's registry until it settles.  What is
 * still pending when the request ends is cancelled (PQcancel, its
 * results read and dropped), so the next request finds the connection
 * ready.
 *
 * With max_concurrent above 1 each request in flight has connections of
 * its own (db_lease.c), and a statement still pending at its end is
 * cancelled with its connection discarded instead.  The worker waits on
 * the sockets of every request's statements at once (jsloop_poll) and
 * then reads each one whose socket is ready in its request's call
 * (db_async_next, db_async_deliver).
 */
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "js/builtin/db.h"
#include "js/builtin/db_engine.h"
#include "js/call.h"
#include "js/jsloop.h"

#define REG_PENDING	"fnpool.db.pending"	/* id -> [resolve, reject,
						   params, result] */
#define WAIT_MAX_MS	60000

struct pending {
	struct pending	*next;
	unsigned long	 id;
	js_State	*J;
	const struct jsloop *loop;	/* its request's: whose end cancels it */
	struct db_conn	*c;
	char		*sql;
	enum db_mode	 mode;
	int		 script;	/* execAsync */
	int		 sent;		/* or its connection is being opened */
	int		 connecting;
	unsigned long	 round;		/* of the last wait that read it */
	int64_t		 start;		/* db_now_us when sent */
};

static struct {
	struct pending	*head;
	unsigned long	 last_id;
	unsigned long	 round;
	int		 starting;	/* db_conn_ready for a queued one */
} A;

/*
 * The methods, in JavaScript over two natives: send (starts a statement,
 * or returns false when the engine has no asynchronous ones) and depth
 * (the connection's transaction() depth, shared with the synchronous
 * calls, so that either kind nests in the other as a savepoint).
 */
static const char methods_js[] =
"(function (send, depth, proto) {\n"
"  function call(method, sync) {\n"
"    return function (sql, params) {\n"
"      var db = this;\n"
"      return new Promise(function (resolve, reject) {\n"
"        if (!send.call(db, sql, params, method, resolve, reject))\n"
"          resolve(sync.call(db, sql, params));\n"
"      });\n"
"    };\n"
"  }\n"
"  function transactionAsync(fn) {\n"
"    var db = this, d, sp;\n"
"    if (typeof fn !== 'function')\n"
"      return Promise.reject(new TypeError('fnpool:db: transactionAsync() "
"takes a function'));\n"
"    d = depth.call(db);\n"
"    sp = 'fnpool_' + d;\n"
"    function undo(e) {\n"
"      depth.call(db, d);\n"
"      return db.execAsync(d === 0 ? 'ROLLBACK' : 'ROLLBACK TO SAVEPOINT ' +\n"
"          sp + '; RELEASE SAVEPOINT ' + sp).then(function () { throw e; },\n"
"          function () { throw e; });\n"
"    }\n"
"    return db.execAsync(d > 0 ? 'SAVEPOINT ' + sp : db.engine === 'sqlite' ?\n"
"        'BEGIN IMMEDIATE' : 'BEGIN').then(function () {\n"
"      depth.call(db, d + 1);\n"
"      return fn(db);\n"
"    }).then(function (v) {\n"
"      depth.call(db, d);\n"
"      return db.execAsync(d > 0 ? 'RELEASE SAVEPOINT ' + sp : 'COMMIT')\n"
"          .then(function () { return v; });\n"
"    }, undo);\n"
"  }\n"
"  return {\n"
"    queryAsync: call('queryAsync', proto.query),\n"
"    getAsync: call('getAsync', proto.get),\n"
"    runAsync: call('runAsync', proto.run),\n"
"    execAsync: call('execAsync', proto.exec),\n"
"    transactionAsync: transactionAsync\n"
"  };\n"
"})";

static const struct jsloop_io loop_io;

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
db_async_busy(const struct db_conn *c)
{
	const struct pending *q;

	if (A.starting)
		return 0;
	for (q = A.head; q != NULL; q = q->next)
		if (q->c == c)
			return 1;
	return 0;
}

/* ---- the registry's side of a statement -------------------------------- */

static void
entry_key(const struct pending *q, char *key, size_t size)
{
	snprintf(key, size, "%lu", q->id);
}

/* Pushes q's entry: [resolve, reject, params, result]. */
static void
entry_push(js_State *J, const struct pending *q)
{
	char key[24];

	entry_key(q, key, sizeof(key));
	js_getregistry(J, REG_PENDING);
	js_getproperty(J, -1, key);
	js_rot2pop1(J);
}

static void
entry_drop(js_State *J, const struct pending *q)
{
	char key[24];

	entry_key(q, key, sizeof(key));
	js_getregistry(J, REG_PENDING);
	if (js_isobject(J, -1))
		js_delproperty(J, -1, key);
	js_pop(J, 1);
}

static void
pending_free(struct pending *q)
{
	struct pending **pp;

	for (pp = &A.head; *pp != NULL; pp = &(*pp)->next)
		if (*pp == q) {
			*pp = q->next;
			break;
		}
	free(q->sql);
	free(q);
}

/*
 * Settles q with the value on top of its state's stack (popped):
 * resolved with it, or rejected when failed.  Then q is gone.
 */
static void
pending_settle(struct pending *q, int failed)
{
	js_State *J = q->J;

	if (js_try(J)) {
		log_error("fnpool:db: cannot settle a statement's Promise: %s",
		    js_trystring(J, -1, "error"));
		js_pop(J, 1);
		entry_drop(J, q);
		pending_free(q);
		return;
	}
	entry_push(J, q);
	js_getindex(J, -1, failed ? 1 : 0);
	js_pushundefined(J);
	js_copy(J, -4);		/* the value */
	js_call(J, 1);
	js_pop(J, 3);		/* its value, the entry, the value */
	js_endtry(J);
	entry_drop(J, q);
	pending_free(q);
}

/*
 * Sends q, or starts opening its connection first.  If it cannot start
 * (the connection, a parameter), q is rejected with the error: returns
 * 1 when q is gone.
 */
static int
pending_start(struct pending *q)
{
	js_State *J = q->J;
	int top = js_gettop(J), params;

	if (js_try(J)) {
		A.starting = 0;
		if (q->c->h != NULL) {	/* else counted as a failed connection */
			db_account(q->c, q->sql, q->start, 1);
			db_conn_check(q->c);
		}
		pending_settle(q, 1);
		return 1;
	}
	q->start = db_now_us();
	if (q->c->h == NULL && q->c->engine->connect != NULL) {
		db_conn_start(J, q->c);
		js_endtry(J);
		q->connecting = q->sent = 1;
		return 0;
	}
	A.starting = 1;
	db_conn_ready(J, q->c);
	A.starting = 0;
	entry_push(J, q);
	js_getindex(J, -1, 2);
	params = js_gettop(J) - 1;
	q->c->engine->send(J, q->c, q->sql, params, q->mode, q->script);
	js_setindex(J, -3, 3);		/* the result so far */
	js_endtry(J);
	js_pop(J, js_gettop(J) - top);
	q->sent = 1;
	return 0;
}

/* Starts the next statement queued for c, if none of c's is sent. */
static void
pending_next(struct db_conn *c)
{
	struct pending *q;

again:
	for (q = A.head; q != NULL; q = q->next)
		if (q->c == c) {
			if (q->sent || pending_start(q) == 0)
				return;
			goto again;	/* q failed, and is gone */
		}
}

/* Goes on opening q's connection; sends q once it is open. */
static int
pending_connect(struct pending *q)
{
	struct db_conn *c = q->c;
	js_State *J = q->J;
	int rc;

	if (js_try(J)) {
		db_conn_failed(c);
		pending_settle(q, 1);
		pending_next(c);
		return 1;
	}
	rc = c->engine->connecting(J, c);
	if (rc == -1)
		js_throw(J);
	js_endtry(J);
	if (rc == 0)
		return 0;
	q->connecting = q->sent = 0;
	if (pending_start(q) == 0)
		return 0;
	pending_next(c);
	return 1;
}

/*
 * Reads what came for q: settles it once its result is whole or it
 * failed, then sends the next of its connection.  Returns 1 when q is
 * gone.
 */
static int
pending_receive(struct pending *q)
{
	struct db_conn *c = q->c;
	js_State *J = q->J;
	int top = js_gettop(J), done;

	if (q->connecting)
		return pending_connect(q);
	if (js_try(J)) {
		db_account(c, q->sql, q->start, 1);
		db_conn_check(c);
		pending_settle(q, 1);
		pending_next(c);
		return 1;
	}
	entry_push(J, q);
	js_getindex(J, -1, 2);		/* params */
	js_getindex(J, -2, 3);		/* the result so far */
	done = c->engine->receive(J, c, js_gettop(J) - 2);
	js_copy(J, -1);
	js_setindex(J, -4, 3);
	js_endtry(J);
	if (!done) {
		js_pop(J, js_gettop(J) - top);
		return 0;
	}
	db_account(c, q->sql, q->start, 0);
	js_rot3pop2(J);			/* the result */
	pending_settle(q, 0);
	pending_next(c);
	return 1;
}

/* ---- the loop's hooks ---------------------------------------------------- */

static int
db_async_busy_loop(const struct jsloop *L)
{
	const struct pending *q;

	if (L == NULL)
		return A.head != NULL;
	for (q = A.head; q != NULL; q = q->next)
		if (q->loop == L)
			return 1;
	return 0;
}

static int
db_async_fds(struct pollfd *pfd, int max)
{
	const struct pending *q;
	int n = 0;

	for (q = A.head; q != NULL && n < max; q = q->next)
		if (q->sent) {
			pfd[n].fd = q->c->engine->socket(q->c, &pfd[n].events);
			pfd[n++].revents = 0;
		}
	return n;
}

static int
db_async_wait(js_State *J, int64_t due, const struct pollfd *also, int nalso)
{
	struct pollfd pfd[2 * JSLOOP_IO_FDS];
	struct pending *q;
	char note[128];
	int64_t wait;
	int n;

	(void)J;
	n = db_async_fds(pfd, JSLOOP_IO_FDS);
	if (nalso > JSLOOP_IO_FDS)
		nalso = JSLOOP_IO_FDS;
	if (nalso > 0)		/* also is NULL when none is lent */
		memcpy(pfd + n, also, (size_t)nalso * sizeof(*pfd));
	wait = due == INT64_MAX ? WAIT_MAX_MS : due - now_ms();
	if (wait > WAIT_MAX_MS)
		wait = WAIT_MAX_MS;
	if (wait > 0 && n > 0) {
		for (q = A.head; !q->sent; q = q->next)
			;		/* n > 0: one is */
		snprintf(note, sizeof(note), "query on database %s", q->c->name);
		db_note(note);
		(void)poll(pfd, (nfds_t)(n + nalso), (int)wait);
		db_note(NULL);
	}
	A.round++;
again:
	for (q = A.head; q != NULL; q = q->next)
		if (q->sent && q->round != A.round) {
			q->round = A.round;
			if (pending_receive(q))
				goto again;	/* the list changed */
		}
	return 0;
}

static void
db_async_end(js_State *J)
{
	const struct call *call = js_getcontext(J);
	struct pending *q, *next;
	int n = 0;

	for (q = A.head; q != NULL; q = next) {
		next = q->next;
		if (q->loop != call->loop)
			continue;
		if (q->c->owner != NULL && (q->connecting || q->sent)) {
			if (q->sent && !q->connecting)
				db_account(q->c, q->sql, q->start, 1);
			db_lease_discard(q->c);	/* others' untouched */
		} else if (q->connecting)
			db_conn_drop(q->c);	/* half open */
		else if (q->sent) {
			q->c->engine->abandon(q->c);
			db_account(q->c, q->sql, q->start, 1);
			db_conn_check(q->c);
		}
		entry_drop(J, q);
		pending_free(q);
		n++;
	}
	if (n > 0)
		log_warn("%s: request %s ended with %d database statement%s "
		    "pending: cancelled", call->route != NULL ?
		    call->route->name : "-", call->request_id != NULL ?
		    call->request_id : "-", n, n == 1 ? "" : "s");
	db_lease_end(call->loop, call->route != NULL ? call->route->name : "-",
	    call->request_id != NULL ? call->request_id : "-");
}

/*
 * max_concurrent above 1: the next statement sent whose socket is ready,
 * once per round (a round ends when none is left); deliver reads it in
 * its request's call.
 */
static int
db_async_next(js_State **J, const struct jsloop **L, void **token)
{
	struct pending *q;
	struct pollfd pfd;

	for (q = A.head; q != NULL; q = q->next) {
		if (!q->sent || q->round == A.round)
			continue;
		q->round = A.round;
		pfd.fd = q->c->engine->socket(q->c, &pfd.events);
		pfd.revents = 0;
		if (poll(&pfd, 1, 0) != 1)
			continue;
		*J = q->J;
		*L = q->loop;
		*token = q;
		return 1;
	}
	A.round++;
	return 0;
}

static int
db_async_deliver(void *token)
{
	(void)pending_receive(token);	/* a failure rejects its Promise */
	return 0;
}

static const struct jsloop_io loop_io = {
	.what = "a database callback threw",
	.busy = db_async_busy_loop,
	.wait = db_async_wait,
	.end = db_async_end,
	.fds = db_async_fds,
	.next = db_async_next,
	.deliver = db_async_deliver,
};

/* ---- the natives ------------------------------------------------------ */

/* send.call(db, sql, params, method, resolve, reject): false on SQLite. */
static void
native_send(js_State *J)
{
	static const struct { const char *name; enum db_mode mode; int script; }
	    kinds[] = {
		{ "queryAsync", DB_ROWS, 0 }, { "getAsync", DB_FIRST, 0 },
		{ "runAsync", DB_RUN, 0 }, { "execAsync", DB_RUN, 1 },
	};
	struct db_conn *c = db_this_conn(J);
	const char *method = js_tostring(J, 3);
	struct pending *q, **pp;
	char key[24];
	size_t i;

	for (i = 0; strcmp(kinds[i].name, method) != 0; i++)
		if (i + 1 == sizeof(kinds) / sizeof(kinds[0]))
			js_error(J, "fnpool:db: no method %s", method);
	(void)db_sql_arg(J, method);
	if (c->engine->send == NULL) {
		js_pushboolean(J, 0);
		return;
	}
	if (!jsloop_running(J))
		js_error(J, "fnpool:db: %s() outside a request (module code, "
		    "init) has no event loop to wait on: use the synchronous "
		    "call there", method);
	js_getregistry(J, REG_PENDING);
	if (!js_isobject(J, -1)) {
		js_pop(J, 1);
		js_newobject(J);
		js_copy(J, -1);
		js_setregistry(J, REG_PENDING);
	}
	js_newarray(J);
	js_copy(J, 4);
	js_setindex(J, -2, 0);
	js_copy(J, 5);
	js_setindex(J, -2, 1);
	js_copy(J, 2);
	js_setindex(J, -2, 2);
	if ((q = calloc(1, sizeof(*q))) == NULL ||
	    (q->sql = strdup(js_tostring(J, 1))) == NULL)
		log_fatal("calloc");
	q->id = ++A.last_id;
	q->J = J;
	q->loop = ((const struct call *)js_getcontext(J))->loop;
	q->c = c;
	q->mode = kinds[i].mode;
	q->script = kinds[i].script;
	entry_key(q, key, sizeof(key));
	js_setproperty(J, -2, key);
	for (pp = &A.head; *pp != NULL; pp = &(*pp)->next)
		;
	*pp = q;
	jsloop_io(J, &loop_io);
	pending_next(c);
	js_pushboolean(J, 1);
}

int
db_async_note(const struct jsloop *L, char *note, size_t size)
{
	const struct pending *q;

	for (q = A.head; q != NULL; q = q->next)
		if (q->loop == L && q->sent) {
			snprintf(note, size, "query on database %s", q->c->name);
			return 1;
		}
	return 0;
}

void
db_async_attach(js_State *J)
{
	jsloop_io(J, &loop_io);
}

/* depth.call(db): the connection's transaction depth; (db, n) sets it. */
static void
native_depth(js_State *J)
{
	struct db_conn *c = db_this_conn(J);

	if (js_isnumber(J, 1))
		c->depth = js_tointeger(J, 1);
	js_pushnumber(J, c->depth);
}

void
db_async_methods(js_State *J)
{
	static const char *const names[] = { "queryAsync", "getAsync",
	    "runAsync", "execAsync", "transactionAsync" };
	size_t i;

	js_loadstring(J, "(fnpool:db)", methods_js);
	js_pushundefined(J);
	js_call(J, 0);
	js_pushundefined(J);
	js_newcfunction(J, native_send, "send", 5);
	js_newcfunction(J, native_depth, "depth", 1);
	js_copy(J, -5);			/* the prototype */
	js_call(J, 3);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		js_getproperty(J, -1, names[i]);
		js_defproperty(J, -3, names[i], JS_DONTENUM);
	}
	js_pop(J, 1);
}
