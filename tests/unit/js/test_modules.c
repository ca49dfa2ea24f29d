/* Unit tests for modules.c: Node's resolution inside the root, require(). */
#include <sys/stat.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mujs.h>

#include "core/log.h"
#include "js/modules.h"
#include "http/router.h"
#include "tap.h"

static char base[] = "/tmp/fnpool-modules-XXXXXX";
static char root[64];
static struct router router;

static void
put(const char *name, const char *src)
{
	char path[PATH_MAX], *slash;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", root, name);
	for (slash = strchr(path + strlen(root) + 1, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	if ((fp = fopen(path, "w")) == NULL)
		exit(99);
	fputs(src, fp);
	fclose(fp);
}

static const char *
res(const char *from, const char *request)
{
	static char out[PATH_MAX];
	struct pkg_error err;

	switch (modules_resolve(&router, NULL, from, request, out, sizeof(out),
	    &err)) {
	case MOD_FOUND:
		return out;
	case MOD_BUILTIN:
		return "(builtin)";
	case MOD_NOT_FOUND:
	case MOD_ERROR:
		break;
	}
	return "(not found)";
}

/* Loads entry in a fresh state; returns JSON of its exports or the error. */
static const char *
run(const char *entry)
{
	static char out[4096];
	js_State *J = js_newstate(NULL, NULL, 0);

	if (modules_pload_entry(J, &router, entry) != 0) {
		snprintf(out, sizeof(out), "error: %s", js_trystring(J, -1, "?"));
	} else {
		js_getglobal(J, "JSON");
		js_getproperty(J, -1, "stringify");
		js_rot2pop1(J);
		js_pushundefined(J);
		js_getregistry(J, "fnpool.exports");
		if (js_pcall(J, 1) == 0)
			snprintf(out, sizeof(out), "%s", js_trystring(J, -1, "?"));
		else
			snprintf(out, sizeof(out), "stringify failed");
	}
	js_freestate(J);
	return out;
}

int
main(void)
{
	char path[PATH_MAX];
	const char *r;

	if (mkdtemp(base) == NULL)
		return 99;
	log_open("/dev/null", LOG_LEVEL_ERROR);
	snprintf(root, sizeof(root), "%s/root", base);
	mkdir(root, 0755);
	put("a.js", "module.exports = 1;");
	put("lib/greet.js", "module.exports = function (n) { return 'hi ' + n; };");
	put("lib/data.json", "{\"x\": [1, 2]}");
	put("lib/dir/index.js", "");
	put("pkgdir/package.json", "{\"name\": \"p\", \"scripts\": {\"a\": \"b\"},"
	    " \"files\": [\"x\", {\"y\": 1}], \"main\": \"./src/main\"}");
	put("pkgdir/src/main.js", "");
	put("badmain/package.json", "{\"main\": \"nothing-here.js\"}");
	put("badmain/index.js", "");
	put("node_modules/foo/package.json", "{\"main\": \"lib/foo\"}");
	put("node_modules/foo/lib/foo.js", "");
	put("node_modules/bar/index.js", "");
	put("node_modules/@scope/pkg/index.json", "[]");
	put("node_modules/events/index.js", "");
	put("node_modules/os/index.js", "");
	put("api/users.js", "");
	put("api/node_modules/local/index.js", "");
	snprintf(path, sizeof(path), "%s/outside.js", base);
	put("../outside.js", "module.exports = 'outside';");
	snprintf(path, sizeof(path), "%s/escape", root);
	if (symlink("/etc", path) == -1)
		return 99;
	snprintf(path, sizeof(path), "%s/evil.js", root);
	if (symlink("../outside.js", path) == -1)
		return 99;
	snprintf(path, sizeof(path), "%s/alias.js", root);
	if (symlink("lib/greet.js", path) == -1)
		return 99;
	if (router_init(&router, root) != 0)
		return 99;

	is_str(res("", "./a"), "a.js", "relative, .js added");
	is_str(res("a.js", "./a.js"), "a.js", "relative, exact file");
	is_str(res("api/users.js", "../lib/greet"), "lib/greet.js", "../ from a subdirectory");
	is_str(res("api/users.js", "@/lib/greet"), "lib/greet.js", "@/ is the functions root");
	is_str(res("a.js", "./lib/data"), "lib/data.json", ".json added");
	is_str(res("a.js", "./lib/dir"), "lib/dir/index.js", "directory index.js");
	is_str(res("a.js", "./lib/dir/"), "lib/dir/index.js", "trailing slash: directory");
	is_str(res("a.js", "./a/"), "(not found)", "trailing slash: not a file");
	is_str(res("a.js", "./pkgdir"), "pkgdir/src/main.js", "package.json main");
	is_str(res("a.js", "./badmain"), "badmain/index.js", "missing main falls back to index");
	is_str(res("api/users.js", "foo"), "node_modules/foo/lib/foo.js", "bare name, main");
	is_str(res("api/users.js", "foo/lib/foo"), "node_modules/foo/lib/foo.js", "bare name with a path");
	is_str(res("api/users.js", "local"), "api/node_modules/local/index.js", "nearest node_modules first");
	is_str(res("a.js", "local"), "(not found)", "node_modules below are not searched");
	is_str(res("a.js", "@scope/pkg"), "node_modules/@scope/pkg/index.json", "scoped package");
	is_str(res("node_modules/foo/lib/foo.js", "bar"), "node_modules/bar/index.js",
	    "from inside a package, walking up");
	is_str(res("alias.js", "./a"), "a.js", "symlink inside the root");
	is_str(res("a.js", "./alias"), "lib/greet.js", "ids are realpaths");
	is_str(res("a.js", "fs"), "(builtin)", "fs is a built-in");
	is_str(res("a.js", "node:events"), "(builtin)", "node: prefix");
	is_str(res("a.js", "fs/promises"), "(builtin)", "built-in subpath");
	is_str(res("a.js", "events"), "(builtin)", "a built-in fnpool provides wins over node_modules, as in Node");
	is_str(res("a.js", "os"), "node_modules/os/index.js", "installed package wins over a built-in name fnpool lacks");
	is_str(res("a.js", "nope"), "(not found)", "missing package");
	is_str(res("a.js", "../outside"), "(not found)", ".. above the root");
	is_str(res("lib/greet.js", "../../outside.js"), "(not found)", "../.. above the root");
	is_str(res("lib/greet.js", "./../../root/a"), "(not found)", "leaving and re-entering the root");
	is_str(res("a.js", "@/../outside"), "(not found)", "@/.. above the root");
	is_str(res("a.js", "foo/../../../outside"), "(not found)", "bare name climbing out");
	is_str(res("a.js", "/etc/passwd"), "(not found)", "absolute path");
	snprintf(path, sizeof(path), "%s/a.js", root);
	is_str(res("a.js", path), "(not found)", "absolute path inside the root");
	is_str(res("a.js", "./escape/passwd"), "(not found)", "symlinked directory leaving the root");
	is_str(res("a.js", "./evil"), "(not found)", "symlinked file leaving the root");
	is_str(res("a.js", "./a\xc0\x80../outside"), "(not found)", "NUL (as MuJS encodes it)");
	is_str(res("a.js", "./a\n"), "(not found)", "control characters");
	is_str(res("a.js", ""), "(not found)", "empty request");
	ok(modules_is_builtin("crypto") && !modules_is_builtin("cryptox") &&
	    !modules_is_builtin("lodash"), "modules_is_builtin");

	/* require() in a state */
	put("m/main.js", "var g = require('../lib/greet'), d = require('@/lib/data');"
	    "module.exports = { g: g('x'), d: d, f: __filename, dn: __dirname,"
	    " id: module.id, loaded: module.loaded, rs: require.resolve('foo'),"
	    " cached: Object.keys(require.cache).sort(),"
	    " same: require('../lib/greet') === g, main: require.main === module };");
	is_str(run("m/main.js"), "{\"g\":\"hi x\",\"d\":{\"x\":[1,2]},"
	    "\"f\":\"m/main.js\",\"dn\":\"m\",\"id\":\"m/main.js\","
	    "\"loaded\":false,\"rs\":\"node_modules/foo/lib/foo.js\","
	    "\"cached\":[\"lib/data.json\",\"lib/greet.js\",\"m/main.js\"],"
	    "\"same\":true,\"main\":true}",
	    "require, module fields, require.resolve, require.cache");
	put("cyc/a.js", "exports.early = 1; var b = require('./b');"
	    "exports.late = 2; module.exports.b = b;");
	put("cyc/b.js", "var a = require('./a');"
	    "module.exports = { sawEarly: a.early, sawLate: a.late === undefined ? 'no' : 'yes' };");
	is_str(run("cyc/a.js"), "{\"early\":1,\"late\":2,\"b\":{\"sawEarly\":1,\"sawLate\":\"no\"}}",
	    "cycle: partial exports");
	put("e/missing.js", "\n\nrequire('./nope');");
	r = run("e/missing.js");
	is_str(r, "error: Error: Cannot find module './nope' from 'e/missing.js'", "missing module message");
	put("e/fs.js", "require('fs');");
	r = run("e/fs.js");
	ok(strstr(r, "Cannot find module 'fs' from 'e/fs.js': Node's built-in") != NULL,
	    "require('fs') says built-ins are not available");
	ok(strstr(r, "those fnpool provides are assert, buffer, crypto") != NULL,
	    "  and names those fnpool provides");
	put("e/core.js", "module.exports = [require('node:path').join('a', "
	    "'b'), typeof require('events'), require('node:events') === "
	    "require('events'), require.resolve('events'), "
	    "require.resolve('node:util'), Object.keys(require.cache).length];");
	is_str(run("e/core.js"), "[\"a/b\",\"function\",true,\"events\","
	    "\"node:util\",1]", "Node's core modules, with or without node:, "
	    "not in require.cache");
	put("e/nodefs.js", "require('node:fs');");
	ok(strstr(run("e/nodefs.js"), "Cannot find module 'node:fs'") != NULL,
	    "require('node:fs') is not found either");
	put("e/bad.js", "var x = 1;\nvar = ;\n");
	put("e/usesbad.js", "require('./bad');");
	r = run("e/usesbad.js");
	ok(strstr(r, "e/bad.js:2") != NULL, "syntax error in a dependency names its file:line");
	printf("#   %s\n", r);
	put("e/badjson.json", "{ nope");
	put("e/usesjson.js", "require('./badjson.json');");
	r = run("e/usesjson.js");
	ok(strncmp(r, "error: SyntaxError: e/badjson.json: ", 36) == 0 &&
	    strstr(r + 36, "SyntaxError") == NULL, "bad JSON names the file");
	printf("#   %s\n", r);
	put("e/global.js", "module.exports = [typeof global, global === globalThis,"
	    " global.Array === Array];");
	is_str(run("e/global.js"), "[\"object\",true,true]", "global and globalThis");
	put("e/escape.js", "require('../../outside');");
	r = run("e/escape.js");
	ok(strstr(r, "Cannot find module") != NULL && strstr(r, base) == NULL,
	    "escaping require: not found, no host path");
	put("e/retry.js", "try { require('./throws'); } catch (e) {}"
	    "var again; try { require('./throws'); } catch (e) { again = e.message; }"
	    "module.exports = [again, Object.keys(require.cache).length];");
	put("e/throws.js", "throw new Error('init ' + (typeof counter));");
	is_str(run("e/retry.js"), "[\"init undefined\",1]", "a throwing module is not cached");
	put("e/lazy.js", "var a = require('../lib/greet'), b = require('../lib/greet'),"
	    " c = require('@/lib/greet'); delete require.cache['lib/greet.js'];"
	    " var d = require('../lib/greet');"
	    " module.exports = [a === b, a === c, a === d, typeof d];");
	is_str(run("e/lazy.js"), "[true,true,false,\"function\"]",
	    "repeated requires share one module; deleting it from require.cache reloads");
	put("e/notstring.js", "require(42);");
	ok(strstr(run("e/notstring.js"), "TypeError") != NULL, "require(42): TypeError");
	put("e/shebang.js", "#!/usr/bin/env node\nmodule.exports = 'ok';");
	is_str(run("e/shebang.js"), "\"ok\"", "#! line ignored");

	/* eval as a value: the loader retries with evalfix */
	put("ev/intrinsic.js", "'use strict';\nvar $eval = eval; // eslint-disable-line\n"
	    "var INTRINSICS = {\n\t'%eval%': eval, // eval in a comment\n"
	    "\t'%EvalError%': EvalError\n};\nvar s = 'eval', r = /eval/.source;\n"
	    "function local() { var x = 'local'; return eval('x'); }\n"
	    "var g = (0, eval)('this');\n"
	    "module.exports = [typeof INTRINSICS['%eval%'], $eval('1+1'), s, r,"
	    " local(), g === global, (0, eval)('typeof x')];");
	is_str(run("ev/intrinsic.js"), "[\"function\",2,\"eval\",\"eval\","
	    "\"local\",true,\"undefined\"]", "get-intrinsic's eval values load; "
	    "direct eval stays local, strings and regexps untouched");
	put("ev/lines.js", "var e = eval;\n/* eval\n eval */\nvar s = 'x';\n"
	    "try { null.x; } catch (err) { module.exports = err.stackTrace; }");
	ok(strstr(run("ev/lines.js"), "ev/lines.js:5") != NULL,
	    "line numbers of later errors unchanged after the rewrite");
	put("ev/direct.js", "var y = 3; module.exports = eval('y * 2');");
	is_str(run("ev/direct.js"), "6", "a module with only direct eval is "
	    "compiled once, as it is");
	put("ev/strict.js", "'use strict';\nvar eval = 1;\n");
	ok(strstr(run("ev/strict.js"), "SyntaxError: ev/strict.js:2") != NULL,
	    "strict mode's own refusal of eval stands");

	snprintf(path, sizeof(path), "rm -rf '%s'", base);
	if (system(path) != 0)
		return 99;
	return tap_done();
}
