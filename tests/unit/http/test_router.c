/* Unit tests for router.c: path -> entry file, and confinement. */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http/router.h"
#include "tap.h"

static char root[512];

static void
touch(const char *rel)
{
	char path[1024];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	fp = fopen(path, "w");
	if (fp == NULL) {
		perror(path);
		exit(99);
	}
	fputs("module.exports = function () {};\n", fp);
	fclose(fp);
}

static void
mkdir_rel(const char *rel)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	mkdir(path, 0755);
}

static const char *
route(const struct router *r, const char *path)
{
	static struct route rt;

	switch (router_find(r, path, &rt)) {
	case ROUTE_FOUND:
		return rt.name;
	case ROUTE_TOO_LONG:
		return "(414)";
	default:
		return "(404)";
	}
}

int
main(void)
{
	char outside[1024], link[1024], tmpl[] = "/tmp/fnpool-router-XXXXXX";
	char longpath[400];
	struct router r;

	if (mkdtemp(tmpl) == NULL)
		return 99;
	snprintf(root, sizeof(root), "%s/functions", tmpl);
	mkdir(root, 0755);
	touch("index.js");
	touch("hello.js");
	mkdir_rel("api");
	touch("api/users.js");
	mkdir_rel("dir");
	touch("dir/index.js");
	mkdir_rel("_lib");
	touch("_lib/util.js");
	touch(".hidden.js");
	mkdir_rel("node_modules");
	touch("node_modules/pkg.js");
	touch("both.js");
	mkdir_rel("both");
	touch("both/index.js");
	snprintf(outside, sizeof(outside), "%s/secret.js", tmpl);
	fclose(fopen(outside, "w"));
	snprintf(link, sizeof(link), "%s/escape.js", root);
	symlink(outside, link);
	snprintf(link, sizeof(link), "%s/inner.js", root);
	symlink("hello.js", link);

	ok(router_init(&r, root) == 0, "init on an existing root");
	is_str(route(&r, "/"), "index.js", "/ -> index.js");
	is_str(route(&r, "/hello"), "hello.js", "/hello -> hello.js");
	is_str(route(&r, "/api/users"), "api/users.js", "nested file");
	is_str(route(&r, "//api///users/"), "api/users.js", "extra slashes");
	is_str(route(&r, "/dir"), "dir/index.js", "directory index");
	is_str(route(&r, "/dir/"), "dir/index.js", "directory index, trailing /");
	is_str(route(&r, "/both"), "both.js", "file wins over directory index");
	is_str(route(&r, "/hello.js"), "(404)", "the .js name itself is not a route");
	is_str(route(&r, "/missing"), "(404)", "missing function");
	is_str(route(&r, "/_lib/util"), "(404)", "_ segments are private");
	is_str(route(&r, "/.hidden"), "(404)", ". segments are private");
	is_str(route(&r, "/node_modules/pkg"), "(404)", "node_modules is private");
	is_str(route(&r, "/../secret"), "(404)", ".. is refused");
	is_str(route(&r, "/api/../hello"), "(404)", ".. inside is refused");
	is_str(route(&r, "/escape"), "(404)", "symlink leaving the root is refused");
	is_str(route(&r, "/inner"), "inner.js", "symlink inside the root works");
	is_str(route(&r, "/a\\b"), "(404)", "backslash refused");
	is_str(route(&r, "/a\tb"), "(404)", "control character refused");
	memset(longpath, 'a', sizeof(longpath) - 1);
	longpath[0] = '/';
	longpath[sizeof(longpath) - 1] = '\0';
	is_str(route(&r, longpath), "(414)", "name over 256 bytes -> 414");
	/* dynamic routes */
	mkdir_rel("users");
	touch("users/[id].js");
	touch("users/me.js");
	mkdir_rel("shop");
	mkdir_rel("shop/[cat]");
	touch("shop/[cat]/[item].js");
	mkdir_rel("shop/sale");
	touch("shop/sale/index.js");
	mkdir_rel("org");
	mkdir_rel("org/[org]");
	touch("org/[org]/index.js");
	{
		static struct route rt;

		ok(router_find(&r, "/users/42", &rt) == ROUTE_FOUND &&
		    strcmp(rt.name, "users/[id].js") == 0 && rt.nparams == 1 &&
		    strcmp(rt.params[0].name, "id") == 0 &&
		    strcmp(rt.params[0].value, "42") == 0,
		    "dynamic: /users/42 -> users/[id].js, id=42");
		ok(router_find(&r, "/users/me", &rt) == ROUTE_FOUND &&
		    strcmp(rt.name, "users/me.js") == 0 && rt.nparams == 0,
		    "dynamic: an exact file wins");
		ok(router_find(&r, "/shop/books/dune", &rt) == ROUTE_FOUND &&
		    rt.nparams == 2 && strcmp(rt.params[1].value, "dune") == 0,
		    "dynamic: directory and file");
		ok(router_find(&r, "/shop/sale/x", &rt) == ROUTE_FOUND &&
		    strcmp(rt.name, "shop/[cat]/[item].js") == 0 &&
		    strcmp(rt.params[0].value, "sale") == 0,
		    "dynamic: backtracks when the exact directory has no match");
		ok(router_find(&r, "/shop/sale", &rt) == ROUTE_FOUND &&
		    strcmp(rt.name, "shop/sale/index.js") == 0,
		    "dynamic: exact directory index");
		ok(router_find(&r, "/org/acme", &rt) == ROUTE_FOUND &&
		    strcmp(rt.name, "org/[org]/index.js") == 0 &&
		    strcmp(rt.params[0].value, "acme") == 0,
		    "dynamic: a directory's index");
	}
	is_str(route(&r, "/users/42/x"), "(404)", "dynamic: one segment only");
	is_str(route(&r, "/users/_x"), "(404)", "dynamic: private segments stay private");
	is_str(route(&r, "/users/[id]"), "users/[id].js", "dynamic: the bracketed name is a value too");
	ok(router_inside(&r, r.root) == 0, "the root itself is not inside");
	ok(router_init(&r, "/nonexistent/fnpool") == -1, "init on a missing root fails");
	return tap_done();
}
