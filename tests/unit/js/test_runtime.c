/* Unit tests for runtime.c: handler calls and return-value mapping. */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "core/log.h"
#include "worker/account.h"
#include "worker/serve.h"
#include "tap.h"

static char root[] = "/tmp/fnpool-runtime-XXXXXX";
static struct serve sv;
static struct buf out;

static void
put(const char *name, const char *src)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", root, name);
	fp = fopen(path, "w");
	fputs(src, fp);
	fclose(fp);
}

/* Runs one request; returns the whole CGI response. */
static const char *
run(const char *method, const char *path, const char *qs, const char *body)
{
	char sn[300], rm[64], q[300];
	char *env[] = { sn, rm, q, "HTTP_X_TEST_HEADER=yes",
	    "CONTENT_TYPE=text/plain", NULL };
	struct request req;
	struct account acct;

	snprintf(sn, sizeof(sn), "SCRIPT_NAME=%s", path);
	snprintf(rm, sizeof(rm), "REQUEST_METHOD=%s", method);
	snprintf(q, sizeof(q), "QUERY_STRING=%s", qs);
	buf_reset(&out);
	serve_begin(&req, env);
	req.body = body;
	req.body_len = strlen(body);
	serve_request(&sv, &req, &acct, &out);
	return buf_cstr(&out);
}

static const char *
body_of(const char *resp)
{
	const char *p = strstr(resp, "\r\n\r\n");

	return p ? p + 4 : "";
}

static int
status_of(const char *resp)
{
	return atoi(resp + strlen("Status: "));
}

#define CHECK(m, p, q, b, st, want, what) do {				\
	const char *r_ = run(m, p, q, b);				\
	is_int(status_of(r_), st, what ": status");			\
	if ((want) != NULL)						\
		is_str(body_of(r_), want, what ": body");		\
} while (0)

int
main(void)
{
	struct pool_config pool;
	const char *r;

	if (mkdtemp(root) == NULL)
		return 99;
	log_open("/dev/null", LOG_LEVEL_ERROR);
	put("obj.js", "module.exports = function (ctx) { return {a: 1, m: ctx.method}; };");
	put("text.js", "module.exports = function () { return 'hi'; };");
	put("none.js", "module.exports = function () {};");
	put("nul.js", "module.exports = function () { return null; };");
	put("num.js", "exports.default = function () { return 42; };");
	put("main.js", "exports.main = function () { return [true, false]; };");
	put("throw.js", "module.exports = function () { throw new Error('boom'); };");
	put("syntax.js", "module.exports = function ( { ;");
	put("nohandler.js", "module.exports = 5;");
	put("initthrow.js", "throw new Error('at load');");
	put("cycle.js", "module.exports = function () { var o = {}; o.o = o; return o; };");
	put("fn.js", "module.exports = function () { return function () {}; };");
	put("counter.js", "var n = 0; module.exports = function () { return ++n; };");
	put("query.js", "module.exports = function (c) { return c.query; };");
	put("ctx.js", "module.exports = function (c) { return [c.path, c.body, "
	    "c.headers['x-test-header'], c.headers['content-type'], "
	    "typeof c.requestId, c.requestId.length]; };");
	put("globals.js", "module.exports = function () { "
	    "var seen = typeof leaked; leaked = 1; return seen; };");
	put("names.js", "module.exports = function () { return [__filename, "
	    "__dirname, module.id, module.loaded, this === undefined]; };");

	/* ctx's fields are built when read (ctx.c) */
	put("lazy.js", "var kept; module.exports = function (c) { "
	    "if (c.query.keep) { kept = c; var k = Object.keys(c).join(); "
	    "return [k, c.path]; } "
	    "return [kept.path, typeof kept.headers, kept.method, c.path, "
	    "'cookies' in c]; };");
	put("tojson.js", "module.exports = function (c) { "
	    "return Object.keys(JSON.parse(JSON.stringify(c))).sort().join(); };");
	put("assign.js", "module.exports = function (c) { "
	    "c.response = {status: 201, headers: {'x-a': 'b'}}; c.body = 'mine'; "
	    "c.query = 7; return [c.body, c.query, typeof c.redirect]; };");
	put("untouched.js", "module.exports = function (c) { return c.rawBody; };");
	put("frozen.js", "'use strict'; module.exports = function (c) { "
	    "Object.freeze(c); c.path = 'x'; return [c.query.a, c.path, c.query.a]; };");

	memset(&pool, 0, sizeof(pool));
	config_pool_defaults(&pool);
	pool.name = "test";
	pool.functions = root;
	pool.prefix = "";
	pool.max_states = 16;
	pool.module_cache = 1;
	if (serve_init(&sv, &pool) != 0)
		return 99;
	buf_init(&out);

	CHECK("GET", "/obj", "", "", 200, "{\"a\":1,\"m\":\"GET\"}", "object -> JSON");
	r = run("GET", "/obj", "", "");
	ok(strstr(r, "Content-Type: application/json\r\n") != NULL, "object: JSON type");
	r = run("GET", "/text", "", "");
	is_str(body_of(r), "hi", "string -> text body");
	ok(strstr(r, "Content-Type: text/plain; charset=utf-8\r\n") != NULL,
	    "string: text/plain");
	CHECK("GET", "/none", "", "", 204, "", "undefined -> 204");
	CHECK("GET", "/nul", "", "", 204, "", "null -> 204");
	CHECK("GET", "/num", "", "", 200, "42", "exports.default, number -> JSON");
	CHECK("GET", "/main", "", "", 200, "[true,false]", "exports.main, array -> JSON");
	CHECK("GET", "/throw", "", "", 500, NULL, "throw -> 500");
	r = run("GET", "/throw", "", "");
	ok(strstr(body_of(r), "\"requestId\":\"") != NULL, "500 body carries the request id");
	ok(strstr(r, "X-Request-Id: ") != NULL, "X-Request-Id header");
	CHECK("GET", "/syntax", "", "", 500, NULL, "syntax error -> 500");
	CHECK("GET", "/nohandler", "", "", 500, NULL, "no handler -> 500");
	CHECK("GET", "/initthrow", "", "", 500, NULL, "module code throws -> 500");
	CHECK("GET", "/cycle", "", "", 500, NULL, "cyclic result -> 500");
	CHECK("GET", "/fn", "", "", 500, NULL, "function result -> 500");
	CHECK("GET", "/missing", "", "", 404, NULL, "missing -> 404");
	CHECK("GET", "/counter", "", "", 200, "1", "module state: first call");
	CHECK("GET", "/counter", "", "", 200, "2", "module state kept between calls");
	CHECK("GET", "/query", "a=1&b=x+y&a=2&c", "", 200,
	    "{\"a\":[\"1\",\"2\"],\"b\":\"x y\",\"c\":\"\"}", "query parsing");
	CHECK("POST", "/ctx", "", "payload", 200,
	    "[\"/ctx\",\"payload\",\"yes\",\"text/plain\",\"string\",32]", "ctx fields");
	CHECK("GET", "/globals", "", "", 200, "undefined", "globals: first call");
	CHECK("GET", "/globals", "", "", 200, "number", "globals: same state");
	CHECK("GET", "/names", "", "", 200,
	    "[\"names.js\",\".\",\"names.js\",true,false]", "module names are relative");
	CHECK("HEAD", "/text", "", "", 200, "", "HEAD sends no body");
	/* A function's globals are its own. */
	put("globals2.js", "module.exports = function () { return typeof leaked; };");
	CHECK("GET", "/globals2", "", "", 200, "undefined", "globals isolated per function");
	/* A broken function still fails after the good ones: the worker lives. */
	CHECK("GET", "/throw", "", "", 500, NULL, "throw again -> 500");
	CHECK("GET", "/obj", "", "", 200, NULL, "and the next request works");

	CHECK("GET", "/lazy", "keep=1", "", 200, "[\"method,query\",\"/lazy\"]",
	    "ctx: only the fields read are own properties; the others are there");
	CHECK("GET", "/lazy", "", "", 200, "[\"/lazy\",\"undefined\",\"GET\",\"/lazy\",true]",
	    "an old ctx keeps what was read and never builds from a later request");
	CHECK("GET", "/tojson", "", "", 200, "body,cookies,env,files,functionName,"
	    "headers,ip,method,params,path,query,rawBody,requestId,response,url",
	    "JSON.stringify(ctx) has every field");
	r = run("GET", "/assign", "", "");
	is_int(status_of(r), 201, "assigned ctx.response: status");
	ok(strstr(r, "x-a: b\r\n") != NULL, "assigned ctx.response: headers");
	is_str(body_of(r), "[\"mine\",7,\"function\"]", "fields can be assigned");
	CHECK("GET", "/untouched", "", "", 200, "", "no body: rawBody is empty");
	CHECK("GET", "/frozen", "a=1", "", 200, "[\"1\",\"/frozen\",\"1\"]",
	    "a frozen ctx still reads its fields");
	CHECK("POST", "/untouched", "", "abc", 200, "abc", "a body: rawBody");

	serve_free(&sv);
	buf_free(&out);
	return tap_done();
}
