/*
 * db: see db.h.  The JavaScript side of `fnpool:db` and the life of a
 * worker's connections; the engines are db_sqlite.c and db_pg.c.
 *
 * A state's module object is the Database of db.default: a userdata
 * pointing at the worker's struct db_conn, with the methods on a
 * prototype kept in the state's registry.  open(NAME) gives that
 * state's Database of NAME, the same object each time.  Connections
 * outlive states (a deploy drops every state, not the connections) and
 * are opened on first use.
 *
 * Every statement goes through db_call: open or check the connection,
 * run it, count it (the worker's shared counters, through db_hooks), log
 * it when slow, and close a connection the engine found broken, so the
 * next use reconnects.  A request's first use of a kept connection asks
 * the engine whether it is still alive (PostgreSQL: has the server said
 * goodbye?), so a server restarted between two requests costs neither
 * of them.  After each request, a transaction left open is rolled back
 * (db_request_end), so no lock outlives the request that took it.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/dburl.h"
#include "core/log.h"
#include "core/utf8.h"
#include "js/builtin/db.h"
#include "js/builtin/db_engine.h"
#include "js/jstyped.h"

#define DB_TAG		"fnpool.db"
#define REG_PROTO	"fnpool.db.proto"	/* Database.prototype */
#define REG_HANDLES	"fnpool.db.handles"	/* NAME -> Database */
#define REG_TOSTRING	"fnpool.db.toString"	/* DatabaseError's */
#define SAFE_INT	9007199254740992LL	/* 2^53 */

static struct {
	const struct pool_config *pool;
	const struct db_hooks *hooks;
	struct db_conn	*conns;
	size_t		 n;
	unsigned long	 serial;	/* requests ended */
	char		 default_url[CONFIG_POOL_NAME_MAX + 16];
	/* the request running, for the slow log */
	const char	*fn;		/* the request's, until */
	const char	*request_id;	/* db_request_end; NULL outside */
} D;

/* ---- connections ------------------------------------------------------- */

static void
conn_close(struct db_conn *c)
{
	if (c->h != NULL)
		c->engine->close(c);
	c->h = NULL;
	c->depth = 0;
}

void
db_close_all(void)
{
	size_t i;

	db_lease_close_all();
	for (i = 0; i < D.n; i++)
		conn_close(&D.conns[i]);
	free(D.conns);
	D.conns = NULL;
	D.n = 0;
	D.pool = NULL;
	if (D.hooks != NULL)
		D.hooks->on_expire(NULL);
	D.hooks = NULL;
}

static void
conn_init(struct db_conn *c, const struct pool_config *pool, const char *name,
    const char *url)
{
	memset(c, 0, sizeof(*c));
	c->name = name;
	c->url = url;
	dburl_mask(url, c->shown, sizeof(c->shown));
	c->engine = dburl_kind(url) == DBURL_POSTGRESQL ? &db_pg : &db_sqlite;
	if (c->engine == &db_sqlite && dburl_sqlite_path(url, pool->state_dir !=
	    NULL ? pool->state_dir : getenv("FNPOOL_STATE_DIR"), c->path,
	    sizeof(c->path)) == -1)
		c->path[0] = '\0';
	c->max_rows = pool->db_max_rows > 0 ? pool->db_max_rows : 100000;
	c->busy_ms = pool->request_timeout_ms > 0 ? pool->request_timeout_ms :
	    30000;
	c->request = (unsigned long)-1;
}

long
db_deadline_left(void)
{
	return D.hooks != NULL ? D.hooks->left_ms() : -1;
}

void
db_deadline_expire(void)
{
	if (D.hooks != NULL)
		D.hooks->expire();
}

void
db_note(const char *what)
{
	if (D.hooks != NULL && D.hooks->note != NULL)
		D.hooks->note(what);
}

void
db_deadline_hook(void (*fn)(void))
{
	if (D.hooks != NULL)
		D.hooks->on_expire(fn);
}

void
db_setup(const struct pool_config *pool, const struct db_hooks *hooks)
{
	size_t i, n = pool->ndbs;
	int has_default = 0;

	db_close_all();
	for (i = 0; i < pool->ndbs; i++)
		if (strcmp(pool->dbs[i].name, "default") == 0)
			has_default = 1;
	if ((D.conns = calloc(n + 1, sizeof(*D.conns))) == NULL)
		log_fatal("calloc");
	D.pool = pool;
	D.hooks = hooks;
	for (i = 0; i < n; i++)
		conn_init(&D.conns[i], pool, pool->dbs[i].name, pool->dbs[i].url);
	if (!has_default) {	/* a pool not read from a file: invoke, worker */
		snprintf(D.default_url, sizeof(D.default_url), "sqlite:%s.db",
		    pool->name != NULL ? pool->name : "fnpool");
		conn_init(&D.conns[n++], pool, "default", D.default_url);
	}
	D.n = n;
}

static struct db_conn *
conn_find(const char *name)
{
	size_t i;

	for (i = 0; i < D.n; i++)
		if (strcmp(D.conns[i].name, name) == 0)
			return &D.conns[i];
	return NULL;
}

void
db_request_end(const char *fn, const char *request_id)
{
	struct db_conn *c;
	size_t i;

	for (i = 0; i < D.n; i++) {
		c = &D.conns[i];
		c->depth = 0;
		if (c->h == NULL || !c->engine->in_transaction(c))
			continue;
		log_warn("%s: request %s left a transaction open on database "
		    "%s: rolled back", fn, request_id, c->name);
		if (c->engine->rollback(c) == -1)
			conn_close(c);
	}
	D.serial++;
	D.fn = D.request_id = NULL;
}

void
db_request_begin(const char *fn, const char *request_id)
{
	D.fn = fn;			/* kept by serve_request until */
	D.request_id = request_id;	/* db_request_end: no copy */
}

int64_t
db_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* A line in the pool's slow log (opened per line, as slowlog.c does). */
static void
slow_query(struct db_conn *c, const char *sql, int64_t us)
{
	const struct pool_config *pool = D.pool;
	char head[512], line[2048];
	struct timeval tv;
	struct buf text;
	size_t n;
	int fd = -1;

	snprintf(head, sizeof(head), "pool %s: slow query on database %s: "
	    "%lld ms (db.slowlog_timeout %ld ms), function %s, request %s: ",
	    pool->name, c->name, (long long)(us / 1000),
	    pool->db_slowlog_timeout, D.fn != NULL ? D.fn : "-",
	    D.request_id != NULL ? D.request_id : "-");
	buf_init(&text);
	utf8_to_wire(sql, strlen(sql), &text);	/* log_vwrite escapes it */
	if (pool->slowlog != NULL) {
		gettimeofday(&tv, NULL);
		n = log_prefix(line, sizeof(line), LOG_LEVEL_WARN, &tv);
		n += (size_t)snprintf(line + n, sizeof(line) - n, "%s", head);
		for (const char *s = buf_cstr(&text); *s != '\0' &&
		    n < sizeof(line) - 2; s++)
			line[n++] = (*s == '\n' || *s == '\r' ||
			    (unsigned char)*s < 0x20) ? ' ' : *s;
		line[n++] = '\n';
		fd = open(pool->slowlog, O_WRONLY | O_APPEND | O_CREAT |
		    O_CLOEXEC, 0640);
	}
	if (fd == -1 || write(fd, line, n) == -1)
		log_warn("%s%s", head, buf_cstr(&text));
	if (fd != -1)
		close(fd);
	buf_free(&text);
}

void
db_account(struct db_conn *c, const char *sql, int64_t start, int failed)
{
	int64_t us = db_now_us() - start;

	if (D.hooks != NULL)
		D.hooks->count(c->name, us, failed);
	if (D.pool != NULL && D.pool->db_slowlog_timeout > 0 &&
	    us >= D.pool->db_slowlog_timeout * 1000)
		slow_query(c, sql, us);
}

/*
 * Makes c ready for a statement: open, checked on its request's first
 * use, and with no transaction left over.  Throws when it cannot open.
 */
void
db_conn_ready(js_State *J, struct db_conn *c)
{
	if (db_async_busy(c))
		db_throw(J, "EBUSY", "database %s has an asynchronous statement "
		    "(queryAsync, ...) still running: await it before a "
		    "synchronous call", c->name);
	if (c->h != NULL && c->owner == NULL && c->request != D.serial) {
		if (c->engine->alive != NULL && !c->engine->alive(c)) {
			log_notice("database %s (%s): the connection was lost; "
			    "reconnecting", c->name, c->shown);
			conn_close(c);
		} else if (c->depth == 0 && c->engine->in_transaction(c) &&
		    c->engine->rollback(c) == -1)
			conn_close(c);
	}
	c->request = D.serial;
	if (c->h != NULL)
		return;
	c->depth = 0;
	if (c->engine->open(J, c) == -1) {
		if (D.hooks != NULL)
			D.hooks->count(c->name, -1, 1);
		js_throw(J);
	}
}

void
db_conn_start(js_State *J, struct db_conn *c)
{
	c->request = D.serial;
	c->depth = 0;
	if (c->engine->connect(J, c) == -1) {
		db_conn_failed(c);
		js_throw(J);
	}
}

void
db_conn_failed(struct db_conn *c)
{
	if (D.hooks != NULL)
		D.hooks->count(c->name, -1, 1);
}

void
db_conn_drop(struct db_conn *c)
{
	conn_close(c);
}

/* ---- DatabaseError ----------------------------------------------------- */

/* DatabaseError's toString: "DatabaseError [CODE]: message". */
static void
error_tostring(js_State *J)
{
	js_getproperty(J, 0, "name");
	js_pushliteral(J, " [");
	js_concat(J);
	js_getproperty(J, 0, "code");
	js_concat(J);
	js_pushliteral(J, "]: ");
	js_concat(J);
	js_getproperty(J, 0, "message");
	js_concat(J);
}

void
db_error_push(js_State *J, const char *code, const char *message)
{
	struct buf text;

	buf_init(&text);
	utf8_text(message, strlen(message), &text);
	while (text.len > 0 && (text.data[text.len - 1] == '\n' ||
	    text.data[text.len - 1] == ' '))
		text.data[--text.len] = '\0';
	if (js_try(J)) {
		buf_free(&text);
		js_throw(J);
	}
	js_newerror(J, buf_cstr(&text));
	js_endtry(J);
	buf_free(&text);
	js_pushliteral(J, "DatabaseError");
	js_defproperty(J, -2, "name", JS_DONTENUM);
	js_pushstring(J, code);
	js_setproperty(J, -2, "code");
	js_getregistry(J, REG_TOSTRING);
	if (!js_iscallable(J, -1)) {
		js_pop(J, 1);
		js_newcfunction(J, error_tostring, "toString", 0);
		js_copy(J, -1);
		js_setregistry(J, REG_TOSTRING);
	}
	js_defproperty(J, -2, "toString", JS_DONTENUM);
}

void
db_throw(js_State *J, const char *code, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	db_error_push(J, code, msg);
	js_throw(J);
}

void
db_throw_max_rows(js_State *J, const struct db_conn *c)
{
	db_throw(J, "EMAXROWS", "the result has more than db.max_rows (%ld) "
	    "rows: add a LIMIT, or raise db.max_rows", c->max_rows);
}

/* ---- values ------------------------------------------------------------- */

void
db_push_int64(js_State *J, int64_t v)
{
	char s[24];

	if (v <= SAFE_INT && v >= -SAFE_INT) {
		js_pushnumber(J, (double)v);
		return;
	}
	snprintf(s, sizeof(s), "%lld", (long long)v);
	js_pushstring(J, s);
}

void
db_push_text(js_State *J, const char *s, size_t n)
{
	struct buf text;

	if (n < 0x7fffffff && utf8_valid(s, n) == n) {
		js_pushlstring(J, s, (int)n);
		return;
	}
	buf_init(&text);
	utf8_text(s, n, &text);
	if (js_try(J)) {
		buf_free(&text);
		js_throw(J);
	}
	if (text.len >= 0x7fffffff)
		js_rangeerror(J, "a text value of %zu bytes is too long", n);
	js_pushlstring(J, text.data != NULL ? text.data : "", (int)text.len);
	js_endtry(J);
	buf_free(&text);
}

void
db_push_blob(js_State *J, const void *p, size_t n)
{
	unsigned char *bytes;

	js_getglobal(J, "Buffer");
	js_getproperty(J, -1, "prototype");
	bytes = jstyped_push_bytes(J, -1, n);
	if (n > 0)
		memcpy(bytes, p, n);
	js_rot3pop2(J);
}

void
db_push_json(js_State *J, const char *s, size_t n)
{
	js_getglobal(J, "JSON");
	js_getproperty(J, -1, "parse");
	js_rot2(J);			/* this: JSON */
	db_push_text(J, s, n);
	js_call(J, 1);
}

/* Is the object at idx a Buffer, a typed array or an ArrayBuffer? */
static int
is_bytes(js_State *J, int idx, const unsigned char **p, size_t *n)
{
	*p = jstyped_bytes(J, idx, n);
	return *p != NULL;
}

void
db_value_from_js(js_State *J, int idx, struct db_value *v,
    struct buf *bytes)
{
	const unsigned char *p;
	const char *s;
	double d;
	size_t n;

	idx = idx < 0 ? js_gettop(J) + idx : idx;
	memset(v, 0, sizeof(*v));
	v->off = bytes->len;
	if (js_isundefined(J, idx) || js_isnull(J, idx)) {
		v->kind = DBV_NULL;
		return;
	}
	if (js_isboolean(J, idx) || js_isbooleanobject(J, idx)) {
		v->kind = DBV_BOOL;
		v->i = js_toboolean(J, idx);
		if (js_isbooleanobject(J, idx)) {	/* new Boolean(false) */
			js_getproperty(J, idx, "valueOf");
			js_copy(J, idx);
			js_call(J, 0);
			v->i = js_toboolean(J, -1);
			js_pop(J, 1);
		}
		return;
	}
	if (js_isnumber(J, idx) || js_isnumberobject(J, idx)) {
		d = js_tonumber(J, idx);
		if (isfinite(d) && d == floor(d) && fabs(d) < 9.2e18) {
			v->kind = DBV_INT;
			v->i = (int64_t)d;
		} else {
			v->kind = DBV_REAL;
			v->d = d;
		}
		return;
	}
	if (js_isstring(J, idx) || js_isstringobject(J, idx)) {
		v->kind = DBV_TEXT;
		s = js_tostring(J, idx);
		utf8_to_wire(s, strlen(s), bytes);
		v->len = bytes->len - v->off;
		return;
	}
	if (js_iscallable(J, idx))
		js_typeerror(J, "fnpool:db: a function cannot be a parameter");
	if (is_bytes(J, idx, &p, &n)) {
		v->kind = DBV_BLOB;
		buf_append(bytes, p, n);
		v->off = bytes->len - n;
		v->len = n;
		return;
	}
	if (js_isdateobject(J, idx)) {
		v->kind = DBV_TEXT;
		js_getproperty(J, idx, "toISOString");
		js_copy(J, idx);
		js_call(J, 0);		/* RangeError for an invalid date */
		buf_puts(bytes, js_tostring(J, -1));
		js_pop(J, 1);
		v->len = bytes->len - v->off;
		return;
	}
	v->kind = DBV_JSON;
	js_getglobal(J, "JSON");
	js_getproperty(J, -1, "stringify");
	js_rot2(J);
	js_copy(J, idx);
	js_call(J, 1);
	if (!js_isstring(J, -1)) {
		js_pop(J, 1);
		v->kind = DBV_NULL;	/* as JSON.stringify leaves it out */
		return;
	}
	s = js_tostring(J, -1);
	utf8_to_wire(s, strlen(s), bytes);
	js_pop(J, 1);
	v->len = bytes->len - v->off;
}

/* ---- the Database object ------------------------------------------------ */

struct db_conn *
db_this_conn(js_State *J)
{
	if (js_isuserdata(J, 0, DB_TAG))
		return db_lease(J, js_touserdata(J, 0, DB_TAG), D.pool != NULL &&
		    D.pool->db_max_connections > 0 ? D.pool->db_max_connections :
		    8);
	js_typeerror(J, "fnpool:db: not a database object (call it as "
	    "db.query(...), not detached)");
}

const char *
db_sql_arg(js_State *J, const char *method)
{
	if (!js_isstring(J, 1))
		js_typeerror(J, "fnpool:db: %s() takes the SQL text first "
		    "(a string)", method);
	return js_tostring(J, 1);
}

void
db_conn_check(struct db_conn *c)
{
	if (c->h == NULL || !c->engine->broken(c))
		return;
	log_notice("database %s (%s): the connection was lost; the next use "
	    "reconnects", c->name, c->shown);
	conn_close(c);
}

/* One statement on c with the parameters at params, timed and counted. */
static void
db_call(js_State *J, struct db_conn *c, const char *sql, int params,
    enum db_mode mode)
{
	int64_t start;

	db_conn_ready(J, c);
	start = db_now_us();
	if (js_try(J)) {
		db_account(c, sql, start, 1);
		db_conn_check(c);
		js_throw(J);
	}
	c->engine->statement(J, c, sql, params, mode);
	js_endtry(J);
	db_account(c, sql, start, 0);
}

static void
statement(js_State *J, enum db_mode mode, const char *method)
{
	struct db_conn *c = db_this_conn(J);
	const char *sql = db_sql_arg(J, method);

	if (js_gettop(J) < 3)
		js_pushundefined(J);
	db_call(J, c, sql, 2, mode);
}

static void
m_query(js_State *J)
{
	statement(J, DB_ROWS, "query");
}

static void
m_get(js_State *J)
{
	statement(J, DB_FIRST, "get");
}

static void
m_run(js_State *J)
{
	statement(J, DB_RUN, "run");
}

static void
m_exec(js_State *J)
{
	struct db_conn *c = db_this_conn(J);
	const char *sql = db_sql_arg(J, "exec");
	int64_t start;

	db_conn_ready(J, c);
	start = db_now_us();
	if (js_try(J)) {
		db_account(c, sql, start, 1);
		if (c->engine->broken(c))
			conn_close(c);
		js_throw(J);
	}
	c->engine->script(J, c, sql);
	js_endtry(J);
	db_account(c, sql, start, 0);
	js_pushundefined(J);
}

/* Runs one of the transaction's own statements; pops its result. */
static void
tx_statement(js_State *J, struct db_conn *c, const char *sql)
{
	js_pushundefined(J);
	db_call(J, c, sql, js_gettop(J) - 1, DB_RUN);
	js_pop(J, 2);
}

/*
 * Undoes what a failed transaction() level did, keeping the error that
 * made it fail (on the stack): ROLLBACK, or ROLLBACK TO and RELEASE its
 * savepoint.  If that fails too, the whole transaction is rolled back.
 */
static void
tx_undo(js_State *J, struct db_conn *c, int depth)
{
	char sql[96];

	if (c->h == NULL)
		return;
	if (js_try(J)) {
		js_pop(J, 1);		/* the undo's own error */
		if (c->h != NULL && c->engine->rollback(c) == -1)
			conn_close(c);
		return;
	}
	if (depth == 0) {
		if (c->engine->in_transaction(c))
			tx_statement(J, c, "ROLLBACK");
	} else {
		snprintf(sql, sizeof(sql), "ROLLBACK TO SAVEPOINT fnpool_%d",
		    depth);
		tx_statement(J, c, sql);
		snprintf(sql, sizeof(sql), "RELEASE SAVEPOINT fnpool_%d", depth);
		tx_statement(J, c, sql);
	}
	js_endtry(J);
}

/*
 * transaction(fn): BEGIN (SQLite: BEGIN IMMEDIATE, so that two writers
 * wait for each other instead of one failing), or a savepoint when one
 * is running; fn(db); COMMIT or RELEASE if it returns, undo and rethrow
 * if it throws.  fn's value is transaction()'s.
 */
static void
m_transaction(js_State *J)
{
	struct db_conn *c = db_this_conn(J);
	char sql[64];
	int depth;

	if (!js_iscallable(J, 1))
		js_typeerror(J, "fnpool:db: transaction() takes a function");
	db_conn_ready(J, c);
	depth = c->depth;
	if (depth == 0 && c->engine->in_transaction(c))
		js_error(J, "fnpool:db: transaction() inside a transaction "
		    "opened by exec('BEGIN'): commit that one first");
	if (depth == 0)
		tx_statement(J, c, c->engine->begin);
	else {
		snprintf(sql, sizeof(sql), "SAVEPOINT fnpool_%d", depth);
		tx_statement(J, c, sql);
	}
	c->depth = depth + 1;
	if (js_try(J)) {
		tx_undo(J, c, depth);
		c->depth = depth;
		js_throw(J);
	}
	js_copy(J, 1);
	js_copy(J, 0);		/* this */
	js_copy(J, 0);		/* fn(db) */
	js_call(J, 1);
	if (js_isobject(J, -1) && js_hasproperty(J, -1, "then")) {
		if (js_iscallable(J, -1))
			js_typeerror(J, "fnpool:db: the function given to "
			    "transaction() must not be async: the transaction "
			    "would end before it does");
		js_pop(J, 1);
	}
	if (depth == 0)
		tx_statement(J, c, "COMMIT");
	else {
		snprintf(sql, sizeof(sql), "RELEASE SAVEPOINT fnpool_%d", depth);
		tx_statement(J, c, sql);
	}
	js_endtry(J);
	c->depth = depth;
}

static void push_database(js_State *, struct db_conn *);

static void
m_open(js_State *J)
{
	struct db_conn *c;
	struct buf msg;
	const char *name;
	size_t i;

	name = js_isstring(J, 1) ? js_tostring(J, 1) : "";
	if ((c = conn_find(name)) != NULL) {
		push_database(J, c);
		return;
	}
	buf_init(&msg);
	buf_printf(&msg, "fnpool:db: no database '%.100s' in pool %s (it has ",
	    name, D.pool != NULL && D.pool->name != NULL ? D.pool->name : "-");
	for (i = 0; i < D.n; i++)
		buf_printf(&msg, "%s%s", i > 0 ? ", " : "", D.conns[i].name);
	buf_printf(&msg, "): add db.%.100s = URL to its section", name);
	if (js_try(J)) {
		buf_free(&msg);
		js_throw(J);
	}
	db_error_push(J, "ENODB", buf_cstr(&msg));
	js_endtry(J);
	buf_free(&msg);
	js_throw(J);
}

static void
proto_method(js_State *J, const char *name, js_CFunction fn, int n)
{
	js_newcfunction(J, fn, name, n);
	js_defproperty(J, -2, name, JS_DONTENUM);
}

/* Pushes this state's Database for c, made on first use. */
static void
push_database(js_State *J, struct db_conn *c)
{
	js_getregistry(J, REG_HANDLES);
	if (!js_isobject(J, -1)) {
		js_pop(J, 1);
		js_newobject(J);
		js_copy(J, -1);
		js_setregistry(J, REG_HANDLES);
	}
	if (js_hasproperty(J, -1, c->name)) {
		js_rot2pop1(J);
		return;
	}
	js_getregistry(J, REG_PROTO);
	if (!js_isobject(J, -1)) {
		js_pop(J, 1);
		js_newobject(J);
		proto_method(J, "query", m_query, 2);
		proto_method(J, "get", m_get, 2);
		proto_method(J, "run", m_run, 2);
		proto_method(J, "exec", m_exec, 1);
		proto_method(J, "transaction", m_transaction, 1);
		proto_method(J, "open", m_open, 1);
		db_async_methods(J);
		js_copy(J, -1);
		js_setregistry(J, REG_PROTO);
	}
	js_newuserdata(J, DB_TAG, c, NULL);
	js_pushstring(J, c->name);
	js_defproperty(J, -2, "name", JS_READONLY | JS_DONTCONF);
	js_pushstring(J, c->engine->name);
	js_defproperty(J, -2, "engine", JS_READONLY | JS_DONTCONF);
	js_copy(J, -1);
	js_setproperty(J, -3, c->name);
	js_rot2pop1(J);
}

int
db_provided(const char *name)
{
	return strcmp(name, "fnpool:db") == 0;
}

void
db_require(js_State *J)
{
	struct db_conn *c;

	if (D.conns == NULL)
		js_error(J, "fnpool:db: no databases in this process");
	if ((c = conn_find("default")) == NULL)
		js_error(J, "fnpool:db: no db.default");
	push_database(J, c);
}
