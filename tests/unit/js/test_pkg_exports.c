/*
 * Unit tests for pkg_exports.c and the loader around it (modules.c):
 * package.json "exports" and "imports" resolved in tests/fixtures/exports
 * as Node 20 resolves them (the table is Node's answer, see
 * exports-cases.js), and the messages of the refusals.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mujs.h>

#include "core/log.h"
#include "http/router.h"
#include "js/modules.h"
#include "js/pkg_exports.h"
#include "tap.h"

struct exports_case {
	const char	*from, *request, *expected;
};

/* @generated begin: by node v20.20.2 */
static const struct exports_case exports_cases[] = {
	{ "main.js", "sugar-str", "node_modules/sugar-str/lib/index.js" },
	{ "main.js", "sugar-str/lib/other.js", "!ERR_PACKAGE_PATH_NOT_EXPORTED" },
	{ "main.js", "sugar-str/package.json", "!ERR_PACKAGE_PATH_NOT_EXPORTED" },
	{ "main.js", "sugar-cond", "node_modules/sugar-cond/cjs.js" },
	{ "main.js", "cond-order", "node_modules/cond-order/default.js" },
	{ "main.js", "cond-node", "node_modules/cond-node/node.js" },
	{ "main.js", "nested", "node_modules/nested/node-require.js" },
	{ "main.js", "nested/feature", "node_modules/nested/feature.js" },
	{ "main.js", "nested/data.json", "node_modules/nested/data.json" },
	{ "main.js", "nested/package.json", "node_modules/nested/package.json" },
	{ "main.js", "nested/features/x.js", "node_modules/nested/src/features/x.js" },
	{ "main.js", "nested/features/x", "node_modules/nested/src/features/x.js" },
	{ "main.js", "nested/features/y.js", "!MODULE_NOT_FOUND" },
	{ "main.js", "nested/features/private/z", "!ERR_PACKAGE_PATH_NOT_EXPORTED" },
	{ "main.js", "nested/features/private/z.js", "!ERR_PACKAGE_PATH_NOT_EXPORTED" },
	{ "main.js", "nested/lib/a.js", "node_modules/nested/lib/a.js" },
	{ "main.js", "nested/lib/a", "!MODULE_NOT_FOUND" },
	{ "main.js", "nested/lib/sub/b.js", "node_modules/nested/lib/sub/b.js" },
	{ "main.js", "nested/lib/private/secret.js", "!ERR_PACKAGE_PATH_NOT_EXPORTED" },
	{ "main.js", "nested/hidden.js", "!ERR_PACKAGE_PATH_NOT_EXPORTED" },
	{ "main.js", "nested/hidden", "!ERR_PACKAGE_PATH_NOT_EXPORTED" },
	{ "main.js", "nested/main.js", "!ERR_PACKAGE_PATH_NOT_EXPORTED" },
	{ "main.js", "nested/fallback", "!MODULE_NOT_FOUND" },
	{ "main.js", "nested/fallback-invalid", "node_modules/nested/array.js" },
	{ "main.js", "nested/fallback-cond", "node_modules/nested/array.js" },
	{ "main.js", "nested/empty-array", "!ERR_PACKAGE_PATH_NOT_EXPORTED" },
	{ "main.js", "nested/escape", "!ERR_INVALID_PACKAGE_TARGET" },
	{ "main.js", "nested/escape-deep", "!ERR_INVALID_PACKAGE_TARGET" },
	{ "main.js", "nested/nm", "!ERR_INVALID_PACKAGE_TARGET" },
	{ "main.js", "nested/abs", "!ERR_INVALID_PACKAGE_TARGET" },
	{ "main.js", "nested/bare", "!ERR_INVALID_PACKAGE_TARGET" },
	{ "main.js", "nested/star/x", "node_modules/nested/src/features/x.js" },
	{ "main.js", "nested/star/../../../outside", "!ERR_INVALID_MODULE_SPECIFIER" },
	{ "main.js", "nested/star/./x", "!ERR_INVALID_MODULE_SPECIFIER" },
	{ "main.js", "nested/star/node_modules/x", "!ERR_INVALID_MODULE_SPECIFIER" },
	{ "main.js", "nested/only-import", "!ESM" },
	{ "main.js", "nested/number", "!ERR_INVALID_PACKAGE_TARGET" },
	{ "main.js", "nested/nope", "!ERR_PACKAGE_PATH_NOT_EXPORTED" },
	{ "main.js", "nested/", "!ERR_PACKAGE_PATH_NOT_EXPORTED" },
	{ "main.js", "patterns/a/b/c", "node_modules/patterns/exact.js" },
	{ "main.js", "patterns/a/b/d", "node_modules/patterns/long/d.js" },
	{ "main.js", "patterns/a/q", "node_modules/patterns/short/q.js" },
	{ "main.js", "patterns/x/m/y", "node_modules/patterns/mid/m.js" },
	{ "main.js", "patterns/x/m/n/y", "node_modules/patterns/mid/m/n.js" },
	{ "main.js", "patterns", "!ERR_PACKAGE_PATH_NOT_EXPORTED" },
	{ "main.js", "esm-type", "!ESM" },
	{ "main.js", "esm-mjs", "!ESM" },
	{ "main.js", "esm-import", "!ESM" },
	{ "main.js", "esm-main", "!ESM" },
	{ "main.js", "esm-cjs", "node_modules/esm-cjs/index.cjs" },
	{ "main.js", "mixed-keys", "!ERR_INVALID_PACKAGE_CONFIG" },
	{ "main.js", "bad-json", "!ERR_INVALID_PACKAGE_CONFIG" },
	{ "main.js", "index-keys", "!ERR_INVALID_PACKAGE_CONFIG" },
	{ "main.js", "exports-null", "node_modules/exports-null/main.js" },
	{ "main.js", "@scope/pkg", "node_modules/@scope/pkg/index.js" },
	{ "main.js", "@scope/pkg/sub", "node_modules/@scope/pkg/sub.js" },
	{ "main.js", "@scope/pkg/index.js", "!ERR_PACKAGE_PATH_NOT_EXPORTED" },
	{ "main.js", "legacy", "node_modules/legacy/lib.js" },
	{ "main.js", "legacy/other", "node_modules/legacy/other.js" },
	{ "main.js", "#root", "lib/root.js" },
	{ "main.js", "#nope", "!ERR_PACKAGE_IMPORT_NOT_DEFINED" },
	{ "main.js", "#", "!ERR_INVALID_MODULE_SPECIFIER" },
	{ "main.js", "#/x", "!ERR_INVALID_MODULE_SPECIFIER" },
	{ "main.js", "self-ref", "node_modules/self-ref/index.js" },
	{ "node_modules/self-ref/index.js", "self-ref", "node_modules/self-ref/index.js" },
	{ "node_modules/self-ref/index.js", "self-ref/util", "node_modules/self-ref/util.js" },
	{ "node_modules/self-ref/src/dep.js", "self-ref/util", "node_modules/self-ref/util.js" },
	{ "node_modules/self-ref/index.js", "self-ref/src/dep.js", "!ERR_PACKAGE_PATH_NOT_EXPORTED" },
	{ "node_modules/self-ref/index.js", "#dep", "node_modules/self-ref/src/dep.js" },
	{ "node_modules/self-ref/src/inner/deep.js", "#dep", "node_modules/self-ref/src/dep.js" },
	{ "node_modules/self-ref/index.js", "#cond", "node_modules/self-ref/src/cjs-dep.js" },
	{ "node_modules/self-ref/index.js", "#ext/one", "node_modules/self-ref/src/ext/one.js" },
	{ "node_modules/self-ref/index.js", "#ext/two", "!MODULE_NOT_FOUND" },
	{ "node_modules/self-ref/index.js", "#pkg", "node_modules/sugar-str/lib/index.js" },
	{ "node_modules/self-ref/index.js", "#pkg-sub/lib/other.js", "!ERR_PACKAGE_PATH_NOT_EXPORTED" },
	{ "node_modules/self-ref/index.js", "#missing-file", "!MODULE_NOT_FOUND" },
	{ "node_modules/self-ref/index.js", "#null", "!ERR_PACKAGE_IMPORT_NOT_DEFINED" },
	{ "node_modules/self-ref/index.js", "#bad", "!ERR_INVALID_PACKAGE_TARGET" },
	{ "node_modules/self-ref/index.js", "#esm", "!ESM" },
	{ "node_modules/self-ref/index.js", "#root", "!ERR_PACKAGE_IMPORT_NOT_DEFINED" },
	{ "node_modules/self-ref/index.js", "#nope", "!ERR_PACKAGE_IMPORT_NOT_DEFINED" },
	{ "node_modules/nested/main.js", "#dep", "!MODULE_NOT_FOUND" },
};
/* @generated end */

static struct router router;

/* "path", or "!" and the error code, as the table has it. */
static const char *
resolve(js_State *J, const char *from, const char *request,
    struct pkg_error *err)
{
	static char out[PATH_MAX + 2];
	char id[PATH_MAX];

	switch (modules_resolve(&router, J, from, request, id, sizeof(id), err)) {
	case MOD_FOUND:
		snprintf(out, sizeof(out), "%s", id);
		break;
	case MOD_BUILTIN:
		snprintf(out, sizeof(out), "!builtin");
		break;
	case MOD_NOT_FOUND:
		snprintf(out, sizeof(out), "!MODULE_NOT_FOUND");
		break;
	case MOD_ERROR:
		snprintf(out, sizeof(out), "!%s",
		    strcmp(err->code, "ERR_REQUIRE_ESM") == 0 ? "ESM" : err->code);
		break;
	}
	return out;
}

static void
test_table(js_State *J, const char *how)
{
	struct pkg_error err;
	const char *got;
	char what[512];
	size_t i;

	for (i = 0; i < sizeof(exports_cases) / sizeof(exports_cases[0]); i++) {
		const struct exports_case *c = &exports_cases[i];

		snprintf(what, sizeof(what), "%s: require('%s') from %s", how,
		    c->request, c->from);
		got = resolve(J, c->from, c->request, &err);
		is_str(got, c->expected, what);
	}
}

/* The message of a refused request. */
static const char *
message(const char *from, const char *request)
{
	static struct pkg_error err;

	resolve(NULL, from, request, &err);
	return err.msg;
}

static void
test_messages(void)
{
	is_str(message("main.js", "nested/nope"), "Package subpath './nope' is "
	    "not defined by \"exports\" in node_modules/nested/package.json",
	    "unexported subpath: Node's ERR_PACKAGE_PATH_NOT_EXPORTED");
	is_str(message("main.js", "patterns"), "No \"exports\" main defined in "
	    "node_modules/patterns/package.json", "no main export");
	is_str(message("main.js", "nested/lib/private/secret.js"), "Package "
	    "subpath './lib/private/secret.js' is not defined by \"exports\" in "
	    "node_modules/nested/package.json", "null target: blocked");
	is_str(message("main.js", "esm-type"), "package 'esm-type' is an ES "
	    "module only; fnpool loads CommonJS (see docs/javascript.md)",
	    "\"type\": \"module\"");
	is_str(message("main.js", "esm-import"), "package 'esm-import' is an ES "
	    "module only; fnpool loads CommonJS (see docs/javascript.md)",
	    "\"import\" the only condition");
	is_str(message("main.js", "esm-mjs"), "package 'esm-mjs' is an ES "
	    "module only; fnpool loads CommonJS (see docs/javascript.md)",
	    ".mjs target");
	is_str(message("main.js", "esm-main"), "package 'esm-main' is an ES "
	    "module only; fnpool loads CommonJS (see docs/javascript.md)",
	    "\"type\": \"module\" with main");
	is_str(message("main.js", "nested/escape"), "Invalid \"exports\" target "
	    "\"../outside.js\" defined for './escape' in the package config "
	    "node_modules/nested/package.json; targets must start with \"./\"",
	    "../ target refused");
	is_str(message("main.js", "nested/escape-deep"), "Invalid \"exports\" "
	    "target \"./src/../../outside.js\" defined for './escape-deep' in "
	    "the package config node_modules/nested/package.json",
	    "./x/../.. target refused");
	is_str(message("main.js", "nested/star/../../../outside"), "Invalid "
	    "module \"./star/../../../outside\" request is not a valid match in "
	    "pattern \"./src/features/*.js\" for the \"exports\" resolution of "
	    "node_modules/nested/package.json", ".. through a pattern refused");
	is_str(message("main.js", "mixed-keys"), "Invalid package config "
	    "node_modules/mixed-keys/package.json. \"exports\" cannot contain "
	    "some keys starting with '.' and some not. The exports object must "
	    "either be an object of package subpath keys or an object of main "
	    "entry condition name keys only.", "mixed keys: names the file");
	is_str(message("main.js", "bad-json"), "Invalid package config "
	    "node_modules/bad-json/package.json: invalid JSON at line 1 column "
	    "50: expected a property name in quotes", "not JSON: names the file, "
	    "line and "
	    "column");
	is_str(message("main.js", "#nope"), "Package import specifier \"#nope\" "
	    "is not defined in package package.json imported from main.js",
	    "import not defined");
	is_str(message("node_modules/self-ref/index.js", "#missing-file"),
	    "Cannot find module '#missing-file' from "
	    "'node_modules/self-ref/index.js': its package's target "
	    "node_modules/self-ref/src/nope.js does not exist",
	    "a target that does not exist");
}

/* Loads entry in a fresh state: its exports as JSON, or the error. */
static const char *
run(const char *entry)
{
	static char out[2048];
	js_State *J = js_newstate(NULL, NULL, 0);

	if (modules_pload_entry(J, &router, entry) != 0) {
		js_getproperty(J, -1, "code");
		snprintf(out, sizeof(out), "%s: ", js_trystring(J, -1, "?"));
		js_pop(J, 1);
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s",
		    js_trystring(J, -1, "?"));
	} else {
		js_getglobal(J, "JSON");
		js_getproperty(J, -1, "stringify");
		js_rot2pop1(J);
		js_pushundefined(J);
		js_getregistry(J, "fnpool.exports");
		js_pcall(J, 1);
		snprintf(out, sizeof(out), "%s", js_trystring(J, -1, "?"));
	}
	js_freestate(J);
	return out;
}

static void
test_require(void)
{
	is_str(run("load/ok.js"), "[\"node_modules/sugar-str/lib/index.js\","
	    "\"node_modules/self-ref/util.js\",\"node_modules/self-ref/src/dep.js\","
	    "\"node_modules/sugar-str/lib/index.js\",true]",
	    "require: exports over main, self-reference, imports, the cache");
	is_str(run("load/esm.js"), "ERR_REQUIRE_ESM: Error: package 'esm-type' "
	    "is an ES module only; fnpool loads CommonJS (see docs/javascript.md)",
	    "require of an ES module package: err.code and the message");
	is_str(run("load/unexported.js"), "ERR_PACKAGE_PATH_NOT_EXPORTED: Error: "
	    "Package subpath './lib/other.js' is not defined by \"exports\" in "
	    "node_modules/sugar-str/package.json", "an unexported file that exists "
	    "is refused");
	is_str(run("load/caught.js"), "[\"ERR_INVALID_PACKAGE_TARGET\","
	    "\"ERR_INVALID_PACKAGE_CONFIG\",\"node_modules/cond-order/default.js\"]",
	    "errors can be caught, and the next require still works");
}

int
main(void)
{
	const char *srcdir = getenv("srcdir");
	char root[PATH_MAX];
	js_State *J;

	log_open("/dev/null", LOG_LEVEL_ERROR);
	snprintf(root, sizeof(root), "%s/tests/fixtures/exports",
	    srcdir != NULL ? srcdir : ".");
	if (router_init(&router, root) != 0)
		return 99;
	test_table(NULL, "uncached");
	J = js_newstate(NULL, NULL, 0);
	test_table(J, "cached");
	test_table(J, "from the cache");
	js_freestate(J);
	test_messages();
	test_require();
	return tap_done();
}
