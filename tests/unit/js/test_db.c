/*
 * Unit tests for fnpool:db's pure parts (src/js/builtin/db*.c): integers
 * past 2^53, PostgreSQL's text forms (timestamptz, arrays), SQLite's
 * result code names, parameters from JavaScript values, and the module
 * itself on an in-memory SQLite database.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mujs.h>

#include "core/config.h"
#include "core/pq.h"
#include "js/budget.h"
#include "js/builtin/db.h"
#include "js/builtin/db_engine.h"
#include "js/jsext.h"
#include "tap.h"

static struct budget mem;

/* Evaluates src; its value as JSON (or "throws CODE: message"). */
static const char *
eval(js_State *J, const char *src)
{
	static char out[2048];

	if (js_ploadstring(J, "[test]", src) != 0) {
		snprintf(out, sizeof(out), "syntax: %s", js_trystring(J, -1, "?"));
		js_pop(J, 1);
		return out;
	}
	js_pushundefined(J);
	if (js_pcall(J, 0) != 0) {
		js_getproperty(J, -1, "code");
		snprintf(out, sizeof(out), "throws %s: ", js_trystring(J, -1, "?"));
		js_pop(J, 1);
		js_getproperty(J, -1, "message");
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s",
		    js_trystring(J, -1, "?"));
		js_pop(J, 2);
		return out;
	}
	js_getglobal(J, "JSON");
	js_getproperty(J, -1, "stringify");
	js_rot2(J);			/* stringify, this: JSON */
	js_copy(J, -3);			/* the value */
	js_call(J, 1);
	snprintf(out, sizeof(out), "%s", js_trystring(J, -1, "undefined"));
	js_pop(J, 2);
	return out;
}

static void
iso_is(const char *in, const char *want)
{
	char out[64] = "";
	int rc = db_pg_timestamptz_iso(in, out, sizeof(out));

	if (want == NULL)
		ok(rc == -1, "timestamptz '%s' stays as it is", in);
	else
		ok(rc == 0 && strcmp(out, want) == 0, "timestamptz '%s' -> %s "
		    "(got %s)", in, want, out);
}

/* Pushes the array of text s with element type elem, as JSON. */
static void
array_is(js_State *J, const char *s, unsigned elem, const char *want)
{
	const char *got;

	if (js_try(J)) {
		got = js_trystring(J, -1, "?");
		ok(want == NULL, "array '%s' is refused (%s)", s, got);
		js_pop(J, 1);
		return;
	}
	db_pg_push_array(J, s, elem);
	js_endtry(J);
	js_setglobal(J, "got");
	got = eval(J, "got");
	if (want == NULL)
		ok(0, "array '%s' should be refused, got %s", s, got);
	else
		is_str(got, want, s);
}

static void
int64_is(js_State *J, int64_t v, const char *want)
{
	char what[64];

	db_push_int64(J, v);
	js_setglobal(J, "got");
	snprintf(what, sizeof(what), "integer %lld", (long long)v);
	is_str(eval(J, "got"), want, what);
}

/* The parameter the value of expr becomes: kind and bytes. */
static void
param_is(js_State *J, const char *expr, enum db_kind kind, const char *bytes)
{
	struct db_value v;
	struct buf b;

	buf_init(&b);
	if (js_ploadstring(J, "[p]", expr) != 0 || (js_pushundefined(J),
	    js_pcall(J, 0)) != 0) {
		ok(0, "param %s: %s", expr, js_trystring(J, -1, "?"));
		js_pop(J, 1);
		return;
	}
	if (js_try(J)) {
		ok(0, "param %s throws %s", expr, js_trystring(J, -1, "?"));
		js_pop(J, 2);
		buf_free(&b);
		return;
	}
	db_value_from_js(J, -1, &v, &b);
	js_endtry(J);
	js_pop(J, 1);
	ok(v.kind == kind && (bytes == NULL || (v.len == strlen(bytes) + (bytes[0]
	    == '\0') && memcmp(b.data + v.off, bytes, v.len) == 0)),
	    "param %s: kind %d (got %d), %zu bytes", expr, kind, v.kind, v.len);
	buf_free(&b);
}

int
main(void)
{
	struct db_config dbs[2] = {
		{ (char *)"default", (char *)"sqlite::memory:", 1 },
		{ (char *)"other", (char *)"sqlite::memory:", 2 },
	};
	struct pool_config pool;
	struct db_value v;
	struct buf b;
	js_State *J;

	char why[256] = "loaded";

	ok(pq_load(why, sizeof(why)) == 0, "libpq loads (%s)", why);
	budget_init(&mem, 64L << 20);
	J = js_newstate(budget_alloc, &mem, 0);
	budget_attach(&mem, J);
	if (J == NULL || jsext_install(J, budget_alloc, &mem) == -1)
		return 99;

	/* ---- integers ---- */
	int64_is(J, 42, "42");
	int64_is(J, 9007199254740992LL, "9007199254740992");
	int64_is(J, -9007199254740992LL, "-9007199254740992");
	int64_is(J, 9007199254740993LL, "\"9007199254740993\"");
	int64_is(J, -9007199254740993LL, "\"-9007199254740993\"");
	int64_is(J, INT64_MIN, "\"-9223372036854775808\"");

	/* ---- PostgreSQL's text forms ---- */
	iso_is("2024-05-06 07:08:09+00", "2024-05-06T07:08:09Z");
	iso_is("2024-05-06 07:08:09.123456+02", "2024-05-06T05:08:09.123456Z");
	iso_is("2024-01-01 01:00:00-05:30", "2024-01-01T06:30:00Z");
	iso_is("2024-03-01 00:30:00+01", "2024-02-29T23:30:00Z");
	iso_is("1999-12-31 23:59:59.5-01", "2000-01-01T00:59:59.5Z");
	iso_is("1900-01-01 00:00:00+00:19:32", "1899-12-31T23:40:28Z");
	iso_is("infinity", NULL);
	iso_is("0044-03-15 12:00:00+00 BC", NULL);
	iso_is("2024-05-06T07:08:09Z", NULL);

	is_int(db_pg_array_elem(1007), 23, "int4[] holds int4");
	is_int(db_pg_array_elem(3807), 3802, "jsonb[] holds jsonb");
	is_int(db_pg_array_elem(23), 0, "int4 is no array");
	array_is(J, "{1,2,NULL,-3}", 23, "[1,2,null,-3]");
	array_is(J, "{}", 25, "[]");
	array_is(J, "{\"a b\",\"c\\\"d\\\\e\",NULL,\"NULL\",plain}", 25,
	    "[\"a b\",\"c\\\"d\\\\e\",null,\"NULL\",\"plain\"]");
	array_is(J, "{{1,2},{3,4}}", 21, "[[1,2],[3,4]]");
	array_is(J, "[0:1]={5,6}", 23, "[5,6]");
	array_is(J, "{t,f,NULL}", 16, "[true,false,null]");
	array_is(J, "{9007199254740993,1}", 20, "[\"9007199254740993\",1]");
	array_is(J, "{1.5,NaN,Infinity}", 701, "[1.5,null,null]");
	array_is(J, "{\"{\\\"a\\\": [1, 2]}\",null}", 3802, "[{\"a\":[1,2]},null]");
	array_is(J, "{\"2024-05-06 07:08:09+02\"}", 1184,
	    "[\"2024-05-06T05:08:09Z\"]");
	array_is(J, "{\"\\\\x00ff\"}", 17, "[{\"type\":\"Buffer\",\"data\":[0,255]}]");
	array_is(J, "{1,2", 23, NULL);
	array_is(J, "{\"open", 25, NULL);

	/* ---- SQLite ---- */
	is_str(db_sqlite_code_name(2067), "SQLITE_CONSTRAINT_UNIQUE",
	    "2067 is SQLITE_CONSTRAINT_UNIQUE");
	is_str(db_sqlite_code_name(5), "SQLITE_BUSY", "5 is SQLITE_BUSY");
	is_str(db_sqlite_code_name(19 | (99 << 8)), "SQLITE_CONSTRAINT",
	    "an unknown extended code falls back to its primary");

	/* ---- parameters ---- */
	param_is(J, "null", DBV_NULL, NULL);
	param_is(J, "undefined", DBV_NULL, NULL);
	param_is(J, "true", DBV_BOOL, NULL);
	param_is(J, "42", DBV_INT, NULL);
	param_is(J, "-0.5", DBV_REAL, NULL);
	param_is(J, "1e300", DBV_REAL, NULL);
	param_is(J, "'a\\u0000b'", DBV_TEXT, NULL);	/* its bytes: below */
	param_is(J, "'h\\u00e9'", DBV_TEXT, "h\xc3\xa9");
	param_is(J, "Buffer.from([0, 1, 0])", DBV_BLOB, NULL);
	param_is(J, "new Date(0)", DBV_TEXT, "1970-01-01T00:00:00.000Z");
	param_is(J, "({b: [1, null], a: 'x'})", DBV_JSON, "{\"b\":[1,null],\"a\":\"x\"}");
	param_is(J, "[1, 'two']", DBV_JSON, "[1,\"two\"]");
	buf_init(&b);
	js_pushstring(J, "a");
	js_ploadstring(J, "[nul]", "'a\\u0000b'");
	js_pushundefined(J);
	js_pcall(J, 0);
	db_value_from_js(J, -1, &v, &b);
	ok(v.len == 3 && memcmp(b.data + v.off, "a\0b", 3) == 0,
	    "a string's NUL goes out as a NUL byte");
	js_pop(J, 2);
	buf_free(&b);

	/* ---- the module, on in-memory SQLite ---- */
	memset(&pool, 0, sizeof(pool));
	config_pool_defaults(&pool);
	pool.name = (char *)"unit";
	pool.dbs = dbs;
	pool.ndbs = 2;
	pool.db_max_rows = 3;
	db_setup(&pool, NULL);
	db_require(J);
	js_setglobal(J, "db");
	is_str(eval(J, "[db.name, db.engine, db.open('other').name, "
	    "db.open('default') === db]"), "[\"default\",\"sqlite\",\"other\",true]",
	    "require gives db.default; open(NAME) the others, the same object");
	is_str(eval(J, "db.open('nope')"), "throws ENODB: fnpool:db: no database "
	    "'nope' in pool unit (it has default, other): add db.nope = URL to "
	    "its section", "open() of an unknown name");
	eval(J, "db.exec('CREATE TABLE t (a INTEGER, b TEXT)')");
	is_str(eval(J, "db.run('INSERT INTO t VALUES (?, ?), (?, ?)', [1, 'x', 2, null])"),
	    "{\"changes\":2,\"lastInsertId\":2}", "run: changes and lastInsertId");
	is_str(eval(J, "db.query('SELECT b, a FROM t ORDER BY a')"),
	    "[{\"b\":\"x\",\"a\":1},{\"b\":null,\"a\":2}]", "query: rows");
	is_str(eval(J, "db.query('SELECT b, a FROM t').columns"), "[\"b\",\"a\"]",
	    "query: .columns in select order");
	is_str(eval(J, "db.get('SELECT a FROM t WHERE a > ?', [5])"), "undefined",
	    "get: undefined when there is no row");
	is_str(eval(J, "db.query('SELECT 1; SELECT 2')"), "throws SQLITE_MISUSE: "
	    "more than one statement: query(), get() and run() take one (exec() "
	    "runs scripts)", "two statements in query()");
	is_str(eval(J, "db.query('SELECT ?', [])"), "throws undefined: fnpool:db: "
	    "the statement has 1 parameter, and 0 were given", "too few parameters");
	is_str(eval(J, "db.query('SELECT ?', 5)"), "throws undefined: fnpool:db: "
	    "parameters are an array (?, ?NNN) or an object (:name, @name, $name)",
	    "a bare value as parameters");
	is_str(eval(J, "db.query('SELECT :a', {b: 1})"), "throws undefined: "
	    "fnpool:db: no value for the named parameter :a", "a missing name");
	is_str(eval(J, "db.query('SELECT ?2 AS two, ?1 AS one', ['a', 'b'])"),
	    "[{\"two\":\"b\",\"one\":\"a\"}]", "?NNN numbers the array");
	is_str(eval(J, "db.query('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
	    "SELECT x + 1 FROM c WHERE x < 4) SELECT x FROM c')"),
	    "throws EMAXROWS: the result has more than db.max_rows (3) rows: add a "
	    "LIMIT, or raise db.max_rows", "db.max_rows");
	is_str(eval(J, "db.transaction(function (d) { d.run('INSERT INTO t "
	    "VALUES (3, ?)', ['y']); d.transaction(function () { return 1; }); "
	    "return d.get('SELECT count(*) AS n FROM t').n; })"), "3",
	    "transaction: fn's value");
	is_str(eval(J, "try { db.transaction(function (d) { d.run('DELETE FROM t');"
	    " throw new Error('x'); }); } catch (e) {} "
	    "db.get('SELECT count(*) AS n FROM t').n"), "3",
	    "transaction: rolled back on throw");
	is_str(eval(J, "db.transaction(function () { return { then: function () {} }; })"),
	    "throws undefined: fnpool:db: the function given to transaction() must "
	    "not be async: the transaction would end before it does",
	    "transaction: an async function is refused");
	is_str(eval(J, "db.exec('BEGIN'); db.transaction(function () {})"),
	    "throws undefined: fnpool:db: transaction() inside a transaction opened "
	    "by exec('BEGIN'): commit that one first", "transaction inside BEGIN");
	db_request_end("unit.js", "r1");
	is_str(eval(J, "db.transaction(function () { return 'clean'; })"),
	    "\"clean\"", "after the request, the open transaction is gone");
	is_str(eval(J, "var q = db.query; q('SELECT 1')"), "throws undefined: "
	    "fnpool:db: not a database object (call it as db.query(...), not "
	    "detached)", "a detached method");
	is_str(eval(J, "String(Object.keys(db))"), "\"name,engine\"",
	    "a Database shows its name and engine, and nothing else");
	db_close_all();
	js_freestate(J);
	return tap_done();
}
