/*
 * Unit tests for runtime_check (runtime.c) and the one-line summary of a
 * load failure it gives (reply_summary, reply.c): what `fnpool check`
 * prints after a function's name.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "core/log.h"
#include "js/runtime.h"
#include "worker/serve.h"
#include "tap.h"

static char root[] = "/tmp/fnpool-check-XXXXXX";

static void
put(const char *name, const char *src)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", root, name);
	if ((fp = fopen(path, "w")) == NULL)
		exit(99);
	fputs(src, fp);
	fclose(fp);
}

/* runtime_check of the function at path; "ok" when it loads. */
static const char *
check(struct serve *sv, const char *path)
{
	static char copy[1024];
	struct route route;
	const char *why;

	if (router_find(&sv->router, path, &route) != ROUTE_FOUND)
		return "(no route)";
	why = runtime_check(sv->rt, &route);
	snprintf(copy, sizeof(copy), "%s", why != NULL ? why : "ok");
	return copy;
}

static void
isolated(struct pool_config *pool)
{
	struct serve sv;

	if (serve_init(&sv, pool) != 0)
		exit(99);
	is_str(check(&sv, "/good"), "ok", "a good function loads");
	is_int((int)runtime_memory(sv.rt, "good.js"), 0,
	    "and no state is kept for it");
	is_str(check(&sv, "/syntax"), "load failed: SyntaxError: syntax.js:2: "
	    "unexpected token in expression: ';'",
	    "a syntax error: its message names file:line");
	is_str(check(&sv, "/modern"), "load failed: SyntaxError: modern.js:1: "
	    "unexpected token: (identifier) (expected ';'); hint: fnpool runs "
	    "ES5; see docs/javascript.md for compiling modern JavaScript",
	    "ES2015 syntax: the hint follows");
	is_str(check(&sv, "/throws"), "load failed: throws.js:2: Error: boom",
	    "a throw at load: the frame's file:line");
	is_str(check(&sv, "/nested"), "load failed: _lib/helper.js:2: "
	    "TypeError: bad input",
	    "a throw inside a named function of a required module: that file");
	is_str(check(&sv, "/missing"), "load failed: missing.js:1: Error: "
	    "Cannot find module './nope' from 'missing.js'",
	    "a missing module: the require's file:line");
	is_str(check(&sv, "/plain"), "load failed: not an error object",
	    "a thrown string: no trace, the value");
	is_str(check(&sv, "/lines"), "load failed: lines.js:1: Error: one two",
	    "a message's newline becomes a space: one line");
	is_str(check(&sv, "/noexport"), "bad exports: the module exports no "
	    "handler: set module.exports to a function, or export default, "
	    "main, or GET, POST, ...", "no handler exported");
	is_str(check(&sv, "/init"), "init threw, function unavailable: "
	    "init.js:1: Error: no KEY", "init throws without env.KEY");
	is_str(check(&sv, "/b"), "load failed: b.js:1: Error: a.js first",
	    "isolation = function: b.js does not see a.js's global");
	serve_free(&sv);
}

static void
shared(struct pool_config *pool)
{
	struct serve sv;

	if (serve_init(&sv, pool) != 0)
		exit(99);
	is_str(check(&sv, "/a"), "ok", "isolation = pool: a.js loads");
	ok(runtime_memory(sv.rt, "a.js") > 0, "into the pool's state, kept");
	is_str(check(&sv, "/b"), "ok", "b.js then sees a.js's global");
	is_str(check(&sv, "/init"), "ok", "init sees the pool's env");
	is_str(check(&sv, "/throws"), "load failed: throws.js:2: Error: boom",
	    "a failure in the shared state");
	is_str(check(&sv, "/good"), "ok", "and the next function still loads");
	serve_free(&sv);
}

int
main(void)
{
	static struct env_var env[] = { { (char *)"KEY", (char *)"v" } };
	struct pool_config pool;
	char cmd[600];

	if (mkdtemp(root) == NULL)
		return 99;
	log_open("/dev/null", LOG_LEVEL_ERROR);
	snprintf(cmd, sizeof(cmd), "%s/_lib", root);
	if (mkdir(cmd, 0755) == -1)
		return 99;
	put("good.js", "module.exports = function () { return 1; };\n");
	put("syntax.js", "module.exports = function () {\n  return (;\n};\n");
	put("modern.js", "const f = () => 1;\nmodule.exports = f;\n");
	put("throws.js", "var a = 1;\nthrow new Error('boom');\n");
	put("_lib/helper.js", "exports.run = function run(x) {\n"
	    "  if (!x) throw new TypeError('bad input');\n};\n");
	put("nested.js", "require('./_lib/helper').run(0);\n");
	put("missing.js", "require('./nope');\n");
	put("plain.js", "throw 'not an error object';\n");
	put("lines.js", "throw new Error('one\\ntwo');\n");
	put("noexport.js", "module.exports = 5;\n");
	put("init.js", "exports.init = function (c) { if (!c.env.KEY) throw new "
	    "Error('no KEY'); };\nexports.GET = function () { return 1; };\n");
	put("a.js", "shared = 1;\nmodule.exports = function () { return 1; };\n");
	put("b.js", "if (typeof shared === 'undefined') throw new Error('a.js "
	    "first');\nmodule.exports = function () { return 1; };\n");

	config_pool_defaults(&pool);
	pool.name = "test";
	pool.functions = root;
	pool.prefix = "";
	isolated(&pool);
	pool.isolation = "pool";
	pool.shared_state = 1;
	pool.env = env;
	pool.nenv = 1;
	shared(&pool);

	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	if (system(cmd) != 0)
		return 99;
	return tap_done();
}
