/*
 * modules: Node's CommonJS resolution and require(), confined to the
 * functions root.
 *
 * Resolution works on paths relative to the root.  A request is joined
 * to the requiring module's directory lexically (as Node's path.resolve
 * does); a join that climbs above the root fails.  Each candidate file is
 * then realpath'd and must still lie inside the root, so a symlink that
 * points elsewhere is refused as firmly as "..".  Nothing is opened
 * before that check.
 *
 * Each module's require is a C function whose data names the module, so
 * relative requests need no JS glue.  The module cache is the
 * require.cache object, kept in the state's registry: a module goes into
 * it before its code runs, which gives cycles Node's partial exports, and
 * leaves it again if its code throws.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "js/builtin/builtin.h"
#include "js/evalfix.h"
#include "js/hint.h"
#include "js/modules.h"
#include "js/pkg_exports.h"
#include "js/pkg_json.h"

#define PACKAGE_JSON_MAX	(1024 * 1024)

/* What a require function knows: the root and the module it belongs to. */
struct modref {
	const struct router	*router;
	char			 id[];
};

static const char *const builtins[] = {
	"assert", "async_hooks", "buffer", "child_process", "cluster",
	"console", "constants", "crypto", "dgram", "diagnostics_channel",
	"dns", "domain", "events", "fs", "http", "http2", "https",
	"inspector", "module", "net", "os", "path", "perf_hooks", "process",
	"punycode", "querystring", "readline", "repl", "stream",
	"string_decoder", "sys", "timers", "tls", "trace_events", "tty",
	"url", "util", "v8", "vm", "wasi", "worker_threads", "zlib",
};

int
modules_is_builtin(const char *name)
{
	size_t i, n;

	if (strncmp(name, "node:", 5) == 0)
		return 1;
	n = strcspn(name, "/");		/* "fs/promises" is fs too */
	for (i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strlen(builtins[i]) == n && strncmp(name, builtins[i], n) == 0)
			return 1;
	return 0;
}

/*
 * Appends the segments of path to rel (a root-relative directory, or
 * ""), resolving "." and ".." lexically.  -1 if it climbs above the root
 * or does not fit.
 */
static int
path_join(char *rel, size_t size, const char *path)
{
	size_t len = strlen(rel), n;
	const char *s = path, *e;
	char *slash;

	for (; *s != '\0'; s = e) {
		while (*s == '/')
			s++;
		if (*s == '\0')
			break;
		e = s + strcspn(s, "/");
		n = (size_t)(e - s);
		if (n == 1 && s[0] == '.')
			continue;
		if (n == 2 && s[0] == '.' && s[1] == '.') {
			if (len == 0)
				return -1;
			slash = strrchr(rel, '/');
			len = slash == NULL ? 0 : (size_t)(slash - rel);
			rel[len] = '\0';
			continue;
		}
		if (len + n + 2 > size)
			return -1;
		if (len > 0)
			rel[len++] = '/';
		memcpy(rel + len, s, n);
		len += n;
		rel[len] = '\0';
	}
	return 0;
}

/* The directory part of a module id: "a/b.js" -> "a", "b.js" -> "". */
static void
id_dirname(const char *id, char *dir, size_t size)
{
	const char *slash = strrchr(id, '/');
	size_t n = slash == NULL ? 0 : (size_t)(slash - id);

	if (n >= size)
		n = 0;
	memcpy(dir, id, n);
	dir[n] = '\0';
}

/*
 * Is rel (root-relative) a regular file inside the root?  Then its
 * module id (after realpath) goes to out.
 */
static int
try_file(const struct router *r, const char *rel, char *out, size_t size)
{
	char abs[PATH_MAX], real[PATH_MAX];
	struct stat st;

	if (rel[0] == '\0')
		return -1;
	if (snprintf(abs, sizeof(abs), "%s/%s", r->root, rel) >= (int)sizeof(abs))
		return -1;
	if (realpath(abs, real) == NULL)
		return -1;
	if (!router_inside(r, real)) {
		log_warn("refusing module %s: resolves outside the functions "
		    "root", rel);
		return -1;
	}
	if (stat(real, &st) == -1 || !S_ISREG(st.st_mode))
		return -1;
	if (strlen(real + r->rootlen + 1) >= size)
		return -1;
	strcpy(out, real + r->rootlen + 1);
	return 0;
}

static int
try_suffixed(const struct router *r, const char *rel, const char *suffix,
    char *out, size_t size)
{
	char cand[PATH_MAX];

	if (snprintf(cand, sizeof(cand), "%s%s", rel, suffix) >= (int)sizeof(cand))
		return -1;
	return try_file(r, cand, out, size);
}

/* LOAD_AS_FILE: X, X.js, X.json */
static int
load_as_file(const struct router *r, const char *rel, char *out, size_t size)
{
	return try_file(r, rel, out, size) == 0 ||
	    try_suffixed(r, rel, ".js", out, size) == 0 ||
	    try_suffixed(r, rel, ".json", out, size) == 0 ? 0 : -1;
}

/* LOAD_INDEX: X/index.js, X/index.json */
static int
load_index(const struct router *r, const char *rel, char *out, size_t size)
{
	const char *sep = rel[0] == '\0' ? "" : "/";
	char js[32], json[32];

	snprintf(js, sizeof(js), "%sindex.js", sep);
	snprintf(json, sizeof(json), "%sindex.json", sep);
	return try_suffixed(r, rel, js, out, size) == 0 ||
	    try_suffixed(r, rel, json, out, size) == 0 ? 0 : -1;
}

static int
read_file(const char *path, size_t max, struct buf *out)
{
	char chunk[65536];
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "re")) == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (out->len + n > max) {
			fclose(fp);
			errno = EFBIG;
			return -1;
		}
		buf_append(out, chunk, n);
	}
	fclose(fp);
	return 0;
}

/* ---- package.json ------------------------------------------------------ */

/* One resolution: the root, the state whose cache it uses, its error. */
struct lookup {
	const struct router	*r;
	js_State		*J;	/* NULL: package.json files not cached */
	const char		*from;
	struct pkg_error	*err;
};

static int
lookup_fail(struct lookup *lk, const char *code, const char *msg)
{
	lk->err->code = code;
	snprintf(lk->err->msg, sizeof(lk->err->msg), "%s", msg);
	return -1;
}

/* The cached text of dir/package.json: 1, or 0 when not cached. */
static int
pkg_cached(struct lookup *lk, const char *dir, struct buf *text)
{
	int found = 0;

	if (lk->J == NULL)
		return 0;
	js_getregistry(lk->J, "fnpool.packages");
	if (js_isobject(lk->J, -1) && js_hasproperty(lk->J, -1, dir)) {
		if (js_isstring(lk->J, -1))
			buf_puts(text, js_tostring(lk->J, -1));
		found = 1;
		js_pop(lk->J, 1);
	}
	js_pop(lk->J, 1);
	return found;
}

/* Keeps dir's package.json text (NULL: it has none) for the state. */
static void
pkg_cache(struct lookup *lk, const char *dir, const char *text)
{
	if (lk->J == NULL)
		return;
	js_getregistry(lk->J, "fnpool.packages");
	if (!js_isobject(lk->J, -1)) {
		js_pop(lk->J, 1);
		js_newobject(lk->J);
		js_copy(lk->J, -1);
		js_setregistry(lk->J, "fnpool.packages");
	}
	if (text != NULL)
		js_pushstring(lk->J, text);
	else
		js_pushboolean(lk->J, 0);
	js_setproperty(lk->J, -2, dir);
	js_pop(lk->J, 1);
}

/*
 * dir/package.json into text, as its checked top object: 1, 0 when dir
 * has none, -1 (the error set) when it is not a JSON object.
 */
static int
pkg_load(struct lookup *lk, const char *dir, struct buf *text)
{
	char rel[PATH_MAX], id[PATH_MAX], abs[PATH_MAX], why[256], msg[768];
	const char *top;
	struct buf raw;

	buf_reset(text);
	if (pkg_cached(lk, dir, text))
		return text->len > 0;
	if (snprintf(rel, sizeof(rel), "%s%spackage.json", dir,
	    dir[0] == '\0' ? "" : "/") >= (int)sizeof(rel) ||
	    try_file(lk->r, rel, id, sizeof(id)) == -1 ||
	    snprintf(abs, sizeof(abs), "%s/%s", lk->r->root, id) >= (int)sizeof(abs)) {
		pkg_cache(lk, dir, NULL);
		return 0;
	}
	buf_init(&raw);
	if (read_file(abs, PACKAGE_JSON_MAX, &raw) == -1)
		snprintf(why, sizeof(why), "%s", strerror(errno));
	else if ((top = pkg_json_check(buf_cstr(&raw), raw.len, why,
	    sizeof(why))) != NULL)
		buf_puts(text, top);
	buf_free(&raw);
	if (text->len == 0) {
		snprintf(msg, sizeof(msg), "Invalid package config %.300s: %s", rel,
		    why);
		return lookup_fail(lk, "ERR_INVALID_PACKAGE_CONFIG", msg);
	}
	pkg_cache(lk, dir, buf_cstr(text));
	return 1;
}

/*
 * LOOKUP_PACKAGE_SCOPE: the nearest directory from dir up with a
 * package.json, not past a node_modules folder; its path into scope.
 * 1 with the text, 0 when there is none, -1 on error.
 */
static int
pkg_scope(struct lookup *lk, const char *dir, char *scope, size_t size,
    struct buf *text)
{
	const char *base;
	char *slash;
	int rc;

	snprintf(scope, size, "%s", dir);
	for (;;) {
		base = strrchr(scope, '/');
		base = base == NULL ? scope : base + 1;
		if (strcmp(base, "node_modules") == 0)
			return 0;
		if ((rc = pkg_load(lk, scope, text)) != 0)
			return rc;
		if (scope[0] == '\0')
			return 0;
		slash = strrchr(scope, '/');
		*(slash == NULL ? scope : slash) = '\0';
	}
}

/* Refuses an ES module that dir's package led to (see pkg_exports.h). */
static int
check_esm(struct lookup *lk, const char *pkgname, const char *id)
{
	char dir[PATH_MAX], scope[PATH_MAX];
	struct buf text;
	int rc;

	id_dirname(id, dir, sizeof(dir));
	buf_init(&text);
	rc = pkg_scope(lk, dir, scope, sizeof(scope), &text);
	if (rc != -1)
		rc = pkg_check_esm(rc == 1 ? buf_cstr(&text) : NULL, pkgname,
		    id, lk->err);
	buf_free(&text);
	return rc;
}

/* An "exports" or "imports" target: the file itself, no extensions. */
static int
load_target(struct lookup *lk, const char *pkgname, const char *target,
    const char *request, char *out, size_t size)
{
	char rel[PATH_MAX], msg[768];

	rel[0] = '\0';
	if (path_join(rel, sizeof(rel), target) == -1 ||
	    try_file(lk->r, rel, out, size) == -1) {
		snprintf(msg, sizeof(msg), "Cannot find module '%.200s' from "
		    "'%s': its package's target %.300s does not exist", request,
		    lk->from[0] == '\0' ? "." : lk->from, target);
		return lookup_fail(lk, "MODULE_NOT_FOUND", msg);
	}
	return check_esm(lk, pkgname, out);
}

/*
 * "exports" of the package in dir, whose package.json is text: 1 when
 * it has them (out then holds the module, else the error is set), 0
 * when it has none, -1 on error.
 */
static int
load_exports(struct lookup *lk, const char *dir, const char *text,
    const char *name, const char *subpath, const char *request, char *out,
    size_t size)
{
	struct pkg pkg = { dir, text, name };
	char target[PATH_MAX];

	switch (pkg_exports_resolve(&pkg, subpath, target, sizeof(target),
	    lk->err)) {
	case PKG_NONE:
		return 0;
	case PKG_PATH:
		return load_target(lk, name, target, request, out, size) == 0 ?
		    1 : -1;
	default:
		return -1;
	}
}

/* The name a package.json gives itself, else its directory's. */
static void
pkg_name(const char *text, const char *dir, char *name, size_t size)
{
	const char *v = pkg_json_get(text, "name");
	const char *slash = strrchr(dir, '/');

	if (v == NULL || pkg_json_string(v, name, size) == -1 || name[0] == '\0')
		snprintf(name, size, "%s", slash == NULL ? dir : slash + 1);
}

/*
 * LOAD_AS_DIRECTORY: package.json main, then the index files.  0 when
 * found, -1 when not, -2 (the error set) when the search must stop.
 */
static int
load_as_dir(struct lookup *lk, const char *rel, char *out, size_t size)
{
	char main[PATH_MAX], field[PATH_MAX], name[256];
	const char *v;
	struct buf text;
	int rc, found;

	buf_init(&text);
	if ((rc = pkg_load(lk, rel, &text)) == -1) {
		buf_free(&text);
		return -2;
	}
	found = rc == 1 && (v = pkg_json_get(buf_cstr(&text), "main")) != NULL &&
	    pkg_json_string(v, field, sizeof(field)) == 0 && field[0] != '\0' &&
	    snprintf(main, sizeof(main), "%s", rel) < (int)sizeof(main) &&
	    path_join(main, sizeof(main), field) == 0 &&
	    (load_as_file(lk->r, main, out, size) == 0 ||
	    load_index(lk->r, main, out, size) == 0);
	if (!found)
		found = load_index(lk->r, rel, out, size) == 0;
	if (found && rc == 1) {
		pkg_name(buf_cstr(&text), rel, name, sizeof(name));
		if (check_esm(lk, name, out) == -1)
			found = -1;
	}
	buf_free(&text);
	return found == 1 ? 0 : found == -1 ? -2 : -1;
}

/* As load_as_dir. */
static int
load_path(struct lookup *lk, const char *rel, int dir_only, char *out,
    size_t size)
{
	if (!dir_only && load_as_file(lk->r, rel, out, size) == 0)
		return 0;
	return load_as_dir(lk, rel, out, size);
}

/*
 * "@scope/name/sub" -> name "@scope/name", subpath "./sub" (or ".").
 * -1 when the request names no package.
 */
static int
split_request(const char *request, char *name, size_t size, char *subpath,
    size_t subsize)
{
	size_t n = strcspn(request, "/");

	if (request[0] == '@') {
		if (request[n] == '\0' || n == 1)
			return -1;
		n += 1 + strcspn(request + n + 1, "/");
	}
	if (n == 0 || n >= size)
		return -1;
	memcpy(name, request, n);
	name[n] = '\0';
	if (snprintf(subpath, subsize, ".%s", request + n) >= (int)subsize)
		return -1;
	return 0;
}

/* LOAD_PACKAGE_EXPORTS from one node_modules folder. */
static int
load_package_exports(struct lookup *lk, const char *nm, const char *request,
    char *out, size_t size)
{
	char name[PATH_MAX], subpath[PATH_MAX], dir[PATH_MAX];
	struct buf text;
	int rc;

	if (split_request(request, name, sizeof(name), subpath,
	    sizeof(subpath)) == -1 || snprintf(dir, sizeof(dir), "%s%s%s", nm,
	    nm[0] == '\0' ? "" : "/", name) >= (int)sizeof(dir) ||
	    strstr(name, "..") != NULL)
		return 0;
	buf_init(&text);
	if ((rc = pkg_load(lk, dir, &text)) == 1)
		rc = load_exports(lk, dir, buf_cstr(&text), name, subpath,
		    request, out, size);
	buf_free(&text);
	return rc;
}

/* LOAD_PACKAGE_SELF: a package requiring itself by its name. */
static int
load_package_self(struct lookup *lk, const char *dir, const char *request,
    char *out, size_t size)
{
	char scope[PATH_MAX], name[PATH_MAX], subpath[PATH_MAX], own[PATH_MAX];
	const char *v;
	struct buf text;
	int rc;

	if (split_request(request, name, sizeof(name), subpath,
	    sizeof(subpath)) == -1)
		return 0;
	buf_init(&text);
	rc = pkg_scope(lk, dir, scope, sizeof(scope), &text);
	if (rc == 1 && ((v = pkg_json_get(buf_cstr(&text), "name")) == NULL ||
	    pkg_json_string(v, own, sizeof(own)) == -1 || strcmp(own, name) != 0))
		rc = 0;
	if (rc == 1)
		rc = load_exports(lk, scope, buf_cstr(&text), name, subpath,
		    request, out, size);
	buf_free(&text);
	return rc;
}

/* LOAD_PACKAGE_IMPORTS: "#name" from the nearest package.json. */
static enum mod_status
load_package_imports(struct lookup *lk, const char *dir, const char *request,
    char *out, size_t size, int *done)
{
	char scope[PATH_MAX], target[PATH_MAX], name[256], from[PATH_MAX + 16];
	struct buf text;
	struct pkg pkg;
	enum mod_status st = MOD_ERROR;
	int rc;

	*done = 1;
	buf_init(&text);
	if ((rc = pkg_scope(lk, dir, scope, sizeof(scope), &text)) != 1) {
		*done = rc == -1;
		buf_free(&text);
		return MOD_ERROR;
	}
	pkg_name(buf_cstr(&text), scope, name, sizeof(name));
	pkg.dir = scope;
	pkg.json = buf_cstr(&text);
	pkg.name = name;
	switch (pkg_imports_resolve(&pkg, request, lk->from, target,
	    sizeof(target), lk->err)) {
	case PKG_NONE:
		*done = 0;
		break;
	case PKG_PATH:
		if (load_target(lk, name, target, request, out, size) == 0)
			st = MOD_FOUND;
		break;
	case PKG_BARE:		/* a package, required from the scope */
		snprintf(from, sizeof(from), "%s%spackage.json", scope,
		    scope[0] == '\0' ? "" : "/");
		st = modules_resolve(lk->r, lk->J, from, target, out, size,
		    lk->err);
		break;
	case PKG_ERROR:
		break;
	}
	buf_free(&text);
	return st;
}

/* node_modules folders from dir up to the root, and no further. */
static int
load_node_modules(struct lookup *lk, const char *from_dir,
    const char *request, int dir_only, char *out, size_t size)
{
	char dir[PATH_MAX], nm[PATH_MAX], cand[PATH_MAX], *slash;
	const char *base;
	int rc;

	snprintf(dir, sizeof(dir), "%s", from_dir);
	for (;;) {
		base = strrchr(dir, '/');
		base = base == NULL ? dir : base + 1;
		if (strcmp(base, "node_modules") != 0 &&
		    snprintf(nm, sizeof(nm), "%s%snode_modules", dir,
		    dir[0] == '\0' ? "" : "/") < (int)sizeof(nm)) {
			if ((rc = load_package_exports(lk, nm, request, out,
			    size)) != 0)
				return rc == 1 ? 0 : -2;
			snprintf(cand, sizeof(cand), "%s", nm);
			if (path_join(cand, sizeof(cand), request) == 0 &&
			    (rc = load_path(lk, cand, dir_only, out, size)) != -1)
				return rc;
		}
		if (dir[0] == '\0')
			return -1;
		slash = strrchr(dir, '/');
		*(slash == NULL ? dir : slash) = '\0';
	}
}

/* Bytes no path of ours contains: controls, and MuJS's encoded NUL. */
static int
request_ok(const char *s)
{
	if (s[0] == '\0' || strlen(s) >= PATH_MAX / 2)
		return 0;
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == '\\')
			return 0;
		if ((unsigned char)s[0] == 0xc0 && (unsigned char)s[1] == 0x80)
			return 0;
	}
	return 1;
}

static enum mod_status
found(int rc)
{
	return rc == 0 ? MOD_FOUND : rc == -2 ? MOD_ERROR : MOD_NOT_FOUND;
}

enum mod_status
modules_resolve(const struct router *r, js_State *J, const char *from,
    const char *request, char *out, size_t size, struct pkg_error *err)
{
	struct lookup lk = { r, J, from, err };
	char dir[PATH_MAX], rel[PATH_MAX];
	enum mod_status st;
	size_t n;
	int dir_only, done, rc;

	err->code = "MODULE_NOT_FOUND";
	err->msg[0] = '\0';
	if (!request_ok(request))
		return MOD_NOT_FOUND;
	n = strlen(request);
	dir_only = request[n - 1] == '/';
	id_dirname(from, dir, sizeof(dir));
	if (strncmp(request, "node:", 5) == 0)
		return MOD_BUILTIN;
	if (request[0] == '/')
		return MOD_NOT_FOUND;	/* host paths are not ours to open */
	if (strcmp(request, ".") == 0 || strcmp(request, "..") == 0 ||
	    strncmp(request, "./", 2) == 0 || strncmp(request, "../", 3) == 0) {
		if (path_join(dir, sizeof(dir), request) == -1)
			return MOD_NOT_FOUND;
		return found(load_path(&lk, dir, dir_only, out, size));
	}
	if (strncmp(request, "@/", 2) == 0) {
		rel[0] = '\0';
		if (path_join(rel, sizeof(rel), request + 2) == -1)
			return MOD_NOT_FOUND;
		return found(load_path(&lk, rel, dir_only, out, size));
	}
	if (request[0] == '#') {
		st = load_package_imports(&lk, dir, request, out, size, &done);
		if (done)
			return st;
	}
	/* As in Node, a built-in fnpool has wins over node_modules ... */
	if (builtin_provided(request))
		return MOD_BUILTIN;
	if ((rc = load_package_self(&lk, dir, request, out, size)) != 0)
		return rc == 1 ? MOD_FOUND : MOD_ERROR;
	/* ... and a package installed under another built-in's name wins. */
	if ((rc = load_node_modules(&lk, dir, request, dir_only, out, size)) != -1)
		return found(rc);
	return modules_is_builtin(request) ? MOD_BUILTIN : MOD_NOT_FOUND;
}

/* ---- the JavaScript side ------------------------------------------------ */

static void require_id(js_State *, const struct router *, const char *id);

static void
modref_free(js_State *J, void *p)
{
	(void)J;
	free(p);
}

static struct modref *
modref_new(const struct router *r, const char *id)
{
	size_t n = strlen(id) + 1;
	struct modref *m;

	if ((m = malloc(sizeof(*m) + n)) == NULL)
		log_fatal("malloc");
	m->router = r;
	memcpy(m->id, id, n);
	return m;
}

static void
throw_error(js_State *J, const struct pkg_error *e)
{
	js_newerror(J, e->msg);
	js_pushstring(J, e->code);
	js_setproperty(J, -2, "code");
	js_throw(J);
}

static void
throw_not_found(js_State *J, const char *request, const char *from,
    const char *why)
{
	char msg[1024];

	snprintf(msg, sizeof(msg), "Cannot find module '%.200s' from '%s'%s",
	    request, from[0] == '\0' ? "." : from, why);
	js_newerror(J, msg);
	js_pushliteral(J, "MODULE_NOT_FOUND");
	js_setproperty(J, -2, "code");
	js_throw(J);
}

/* Resolves argument 1 of a require call into id, or throws. */
static void
resolve_arg(js_State *J, const struct modref *m, char *id, size_t size)
{
	struct pkg_error err;
	const char *request;
	char msg[512];

	if (!js_isstring(J, 1))
		js_typeerror(J, "require: the module name must be a string "
		    "(in '%s')", m->id);
	request = js_tostring(J, 1);
	switch (modules_resolve(m->router, J, m->id, request, id, size, &err)) {
	case MOD_FOUND:
		return;
	case MOD_ERROR:
		throw_error(J, &err);
		break;
	case MOD_BUILTIN:
		if (builtin_provided(request)) {
			/* "node:NAME" ids name built-ins: require_id loads them */
			snprintf(id, size, "node:%s", strncmp(request, "node:",
			    5) == 0 ? request + 5 : request);
			return;
		}
		snprintf(msg, sizeof(msg), ": Node's built-in modules (fs, "
		    "http, net, ...) are not available in fnpool functions; "
		    "those fnpool provides are %s", builtin_list());
		throw_not_found(J, request, m->id, msg);
		break;
	case MOD_NOT_FOUND:
		throw_not_found(J, request, m->id, "");
		break;
	}
}

/*
 * Like resolve_arg, through a per-state cache keyed by directory and
 * request, so a require inside a handler costs no system calls after the
 * first.  States are dropped whenever files change, so no entry goes
 * stale.
 */
static void
resolve_cached(js_State *J, const struct modref *m, char *id, size_t size)
{
	char dir[PATH_MAX], key[PATH_MAX + 512];

	id_dirname(m->id, dir, sizeof(dir));
	if (!js_isstring(J, 1) || snprintf(key, sizeof(key), "%s\n%s", dir,
	    js_tostring(J, 1)) >= (int)sizeof(key)) {
		resolve_arg(J, m, id, size);
		return;
	}
	js_getregistry(J, "fnpool.resolved");
	if (js_isundefined(J, -1)) {
		js_pop(J, 1);
		js_newobject(J);
		js_copy(J, -1);
		js_setregistry(J, "fnpool.resolved");
	}
	if (js_hasproperty(J, -1, key)) {
		snprintf(id, size, "%s", js_tostring(J, -1));
		js_pop(J, 2);
		return;
	}
	resolve_arg(J, m, id, size);
	js_pushstring(J, id);
	js_setproperty(J, -2, key);
	js_pop(J, 1);
}

static void
modules_require(js_State *J)
{
	const struct modref *m = js_currentfunctiondata(J);
	char id[PATH_MAX];

	resolve_cached(J, m, id, sizeof(id));
	require_id(J, m->router, id);
}

static void
modules_require_resolve(js_State *J)
{
	const struct modref *m = js_currentfunctiondata(J);
	char id[PATH_MAX];

	resolve_arg(J, m, id, sizeof(id));
	if (strncmp(id, "node:", 5) == 0)	/* a built-in: its name, as Node */
		js_copy(J, 1);
	else
		js_pushstring(J, id);
}

/* Pushes the require function of the module id. */
static void
push_require(js_State *J, const struct router *r, const char *id)
{
	js_newcfunctionx(J, modules_require, "require", 1, modref_new(r, id),
	    modref_free);
	js_newcfunctionx(J, modules_require_resolve, "resolve", 1,
	    modref_new(r, id), modref_free);
	js_setproperty(J, -2, "resolve");
	js_getregistry(J, "fnpool.cache");
	js_setproperty(J, -2, "cache");
	js_getregistry(J, "fnpool.main");
	js_setproperty(J, -2, "main");
}

static void
push_dirname(js_State *J, const char *id)
{
	const char *slash = strrchr(id, '/');

	if (slash == NULL)
		js_pushliteral(J, ".");
	else
		js_pushlstring(J, id, (int)(slash - id));
}

/* Reads the module's file into a JS string, or throws. */
static void
push_source(js_State *J, const struct router *r, const char *id)
{
	char abs[PATH_MAX], why[128];
	struct buf src;

	if (snprintf(abs, sizeof(abs), "%s/%s", r->root, id) >= (int)sizeof(abs))
		js_error(J, "cannot read module '%s': path too long", id);
	buf_init(&src);
	if (read_file(abs, MODULES_SOURCE_MAX, &src) == -1) {
		snprintf(why, sizeof(why), "%s", strerror(errno));
		buf_free(&src);
		js_error(J, "cannot read module '%s': %s", id, why);
	}
	js_pushlstring(J, src.data ? src.data : "", (int)src.len);
	buf_free(&src);
}

/* With module on the stack: module.exports = JSON.parse(file). */
static void
run_json(js_State *J, const struct router *r, const char *id)
{
	js_getglobal(J, "JSON");
	js_getproperty(J, -1, "parse");
	js_rot2(J);
	push_source(J, r, id);
	if (js_pcall(J, 1) != 0)
		js_throw(J);	/* a SyntaxError naming the module: see below */
	js_setproperty(J, -2, "exports");
}

/*
 * MuJS refused eval as a value: with the error on top, compiles the
 * source again with those uses renamed (evalfix.h).  Only this path pays
 * for the rewrite.
 */
static int
compile_evalfix(js_State *J, const char *id, const struct buf *wrapped)
{
	struct buf fixed;
	int rc;

	buf_init(&fixed);
	if (evalfix_rewrite(wrapped->data, wrapped->len, &fixed) == 0) {
		buf_free(&fixed);
		return -1;	/* the refusal stands */
	}
	js_pop(J, 1);
	evalfix_define(J);
	rc = js_ploadstring(J, id, buf_cstr(&fixed));
	buf_free(&fixed);
	return rc;
}

/*
 * With module on the stack: runs the file wrapped as Node does.  The
 * wrapper opens on the first line, so line numbers match the file; a
 * "#!" line is blanked.
 */
static void
run_js(js_State *J, const struct router *r, const char *id)
{
	struct buf wrapped;
	const char *src;
	size_t len;
	int rc;

	push_source(J, r, id);
	src = js_tostring(J, -1);
	len = strlen(src);
	buf_init(&wrapped);
	buf_puts(&wrapped, "(function (exports, require, module, __filename, "
	    "__dirname) {");
	if (len >= 2 && src[0] == '#' && src[1] == '!') {
		buf_puts(&wrapped, "//");
		src += 2;
	}
	buf_puts(&wrapped, src);
	buf_puts(&wrapped, "\n})");
	js_pop(J, 1);
	rc = js_ploadstring(J, id, buf_cstr(&wrapped));
	if (rc != 0 && evalfix_refused(J))
		rc = compile_evalfix(J, id, &wrapped);
	if (rc != 0)
		hint_syntax(J, buf_cstr(&wrapped));
	buf_free(&wrapped);
	if (rc != 0)
		js_throw(J);
	js_pushundefined(J);
	js_call(J, 0);			/* yields the wrapper */
	js_getproperty(J, -2, "exports");	/* this */
	js_getproperty(J, -3, "exports");
	push_require(J, r, id);
	js_copy(J, -5);			/* module */
	js_pushstring(J, id);		/* __filename */
	push_dirname(J, id);		/* __dirname */
	js_call(J, 5);
	js_pop(J, 1);
}

static int
is_json(const char *id)
{
	size_t n = strlen(id);

	return n >= 5 && strcmp(id + n - 5, ".json") == 0;
}

/* Turns the error on top into "SyntaxError: id: message" for JSON. */
static void
rethrow_json(js_State *J, const char *id)
{
	char msg[512];

	if (js_isobject(J, -1) && js_hasproperty(J, -1, "message")) {
		snprintf(msg, sizeof(msg), "%s", js_trystring(J, -1, "bad JSON"));
		js_pop(J, 1);
	} else {
		snprintf(msg, sizeof(msg), "%s", js_trystring(J, -1, "bad JSON"));
	}
	js_syntaxerror(J, "%s: %s", id, msg);
}

/* Pushes module.exports of id, loading it unless cached. */
static void
require_id(js_State *J, const struct router *r, const char *id)
{
	if (strncmp(id, "node:", 5) == 0) {
		builtin_require(J, id);
		return;
	}
	js_getregistry(J, "fnpool.cache");
	if (js_hasproperty(J, -1, id)) {
		js_getproperty(J, -1, "exports");
		js_rot3pop2(J);
		return;
	}
	js_newobject(J);
	js_pushstring(J, id);
	js_setproperty(J, -2, "id");
	js_pushstring(J, id);
	js_setproperty(J, -2, "filename");
	js_pushboolean(J, 0);
	js_setproperty(J, -2, "loaded");
	js_newobject(J);
	js_setproperty(J, -2, "exports");
	js_copy(J, -1);
	js_setproperty(J, -3, id);	/* cached before it runs: cycles */
	js_getregistry(J, "fnpool.main");
	if (js_isundefined(J, -1)) {
		js_copy(J, -2);
		js_setregistry(J, "fnpool.main");
	}
	js_pop(J, 1);
	/* stack: cache module */
	if (js_try(J)) {
		js_delproperty(J, -3, id);	/* a failed module is not cached */
		if (is_json(id))
			rethrow_json(J, id);
		js_throw(J);
	}
	if (is_json(id))
		run_json(J, r, id);
	else
		run_js(J, r, id);
	js_endtry(J);
	js_pushboolean(J, 1);
	js_setproperty(J, -2, "loaded");
	js_getproperty(J, -1, "exports");
	js_rot3pop2(J);
}

static void
modules_load_entry(js_State *J)
{
	const struct modref *m = js_currentfunctiondata(J);

	require_id(J, m->router, m->id);
}

int
modules_pload_entry(js_State *J, const struct router *r, const char *id)
{
	js_getregistry(J, "fnpool.cache");
	if (js_isundefined(J, -1)) {
		js_newobject(J);
		js_setregistry(J, "fnpool.cache");
		/* Node's name for the global object, which packages test for. */
		js_pushglobal(J);
		js_setglobal(J, "global");
		js_pushglobal(J);
		js_setglobal(J, "globalThis");
	}
	js_pop(J, 1);
	js_newcfunctionx(J, modules_load_entry, "(load)", 0, modref_new(r, id),
	    modref_free);
	js_pushundefined(J);
	if (js_pcall(J, 0) != 0)
		return -1;
	js_copy(J, -1);
	js_setregistry(J, "fnpool.exports");
	return 0;
}
