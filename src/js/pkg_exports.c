/*
 * pkg_exports: see pkg_exports.h.  The functions follow the steps of
 * Node's algorithm and are named after them; the messages are Node's,
 * with paths relative to the functions root.
 */
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "js/pkg_exports.h"
#include "js/pkg_json.h"

#define ESM_ONLY	"package '%s' is an ES module only; fnpool loads " \
			"CommonJS (see docs/javascript.md)"

/* What PACKAGE_TARGET_RESOLVE yields. */
enum target {
	T_FOUND,
	T_BARE,		/* imports only: a package request */
	T_UNDEFINED,	/* no condition matched */
	T_NULL,		/* blocked */
	T_ERROR,
};

/* One resolution: the package, the request's key and where it goes. */
struct walk {
	const struct pkg	*pkg;
	const char		*key;		/* "./feature", "#dep" or "." */
	int			 imports;	/* resolving "imports" */
	int			 import_cond;	/* "import" counts too */
	char			*out;
	size_t			 size;
	struct pkg_error	*err;
	char			 pjson[PATH_MAX];
};

static int
fail(struct pkg_error *e, const char *code, const char *fmt, ...)
{
	va_list ap;

	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static void
walk_init(struct walk *w, const struct pkg *pkg, const char *key, char *out,
    size_t size, struct pkg_error *err)
{
	memset(w, 0, sizeof(*w));
	w->pkg = pkg;
	w->key = key;
	w->out = out;
	w->size = size;
	w->err = err;
	snprintf(w->pjson, sizeof(w->pjson), "%s%spackage.json", pkg->dir,
	    pkg->dir[0] == '\0' ? "" : "/");
}

static const char *
field(const struct walk *w)
{
	return w->imports ? "imports" : "exports";
}

/* The value as Node prints a target in its messages. */
static void
target_text(const char *v, char *out, size_t size)
{
	if (pkg_json_string(v, out, size) == 0)
		return;
	snprintf(out, size, "%.*s", (int)strcspn(v, ",}] \t\r\n"), v);
}

static enum target
invalid_target(struct walk *w, const char *v)
{
	char t[512];

	target_text(v, t, sizeof(t));
	if (strcmp(w->key, ".") == 0)
		fail(w->err, "ERR_INVALID_PACKAGE_TARGET", "Invalid \"exports\" "
		    "main target \"%s\" defined in the package config %s%s",
		    t, w->pjson, w->imports || strncmp(t, "./", 2) == 0 ? "" :
		    "; targets must start with \"./\"");
	else
		fail(w->err, "ERR_INVALID_PACKAGE_TARGET", "Invalid \"%s\" "
		    "target \"%s\" defined for '%s' in the package config %s%s",
		    field(w), t, w->key, w->pjson, w->imports ||
		    strncmp(t, "./", 2) == 0 ? "" :
		    "; targets must start with \"./\"");
	return T_ERROR;
}

/*
 * Is the segment s[0..n) ".", ".." or "node_modules", in any case and
 * with any of its bytes percent-encoded?  Empty too when empty_bad.
 */
static int
bad_segment(const char *s, size_t n, int empty_bad)
{
	static const char *const bad[] = { ".", "..", "node_modules" };
	char dec[16];
	size_t i, k = 0;

	if (n == 0)
		return empty_bad;
	for (i = 0; i < n; i++) {
		if (k + 1 >= sizeof(dec))
			return 0;
		if (s[i] == '%' && i + 2 < n && isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			char hex[3] = { s[i + 1], s[i + 2], '\0' };

			dec[k++] = (char)tolower((int)strtol(hex, NULL, 16));
			i += 2;
		} else
			dec[k++] = (char)tolower((unsigned char)s[i]);
	}
	dec[k] = '\0';
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (strcmp(dec, bad[i]) == 0)
			return 1;
	return 0;
}

/* Does any "/" or "\" separated segment of s fail bad_segment? */
static int
bad_segments(const char *s, int empty_bad)
{
	size_t n;

	for (;;) {
		n = strcspn(s, "/\\");
		if (bad_segment(s, n, empty_bad))
			return 1;
		if (s[n] == '\0')
			return 0;
		s += n + 1;
	}
}

/* t with each "*" replaced by match (if any) into out. */
static int
substitute(const char *t, const char *match, char *out, size_t size)
{
	size_t n = 0, m = match ? strlen(match) : 0;

	for (; *t != '\0'; t++) {
		if (*t == '*' && match != NULL) {
			if (n + m >= size)
				return -1;
			memcpy(out + n, match, m);
			n += m;
		} else {
			if (n + 1 >= size)
				return -1;
			out[n++] = *t;
		}
	}
	out[n] = '\0';
	return 0;
}

/* "scheme:" at the start: a URL, which no target may be. */
static int
is_url(const char *t)
{
	size_t n = strspn(t, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789+.-");

	return n > 1 && isalpha((unsigned char)t[0]) && t[n] == ':';
}

static enum target
string_target(struct walk *w, const char *v, const char *match)
{
	char t[PATH_MAX], sub[PATH_MAX];

	if (pkg_json_string(v, t, sizeof(t)) == -1)
		return invalid_target(w, v);
	if (strncmp(t, "./", 2) != 0) {
		if (!w->imports || strncmp(t, "../", 3) == 0 || t[0] == '/' ||
		    t[0] == '#' || t[0] == '\0' || is_url(t))
			return invalid_target(w, v);
		if (substitute(t, match, w->out, w->size) == -1)
			return invalid_target(w, v);
		return T_BARE;
	}
	if (bad_segments(t + 2, 0))
		return invalid_target(w, v);
	if (match != NULL && bad_segments(match, 1)) {
		fail(w->err, "ERR_INVALID_MODULE_SPECIFIER", "Invalid module "
		    "\"%s\" request is not a valid match in pattern \"%s\" for "
		    "the \"%s\" resolution of %s", w->key, t, field(w), w->pjson);
		return T_ERROR;
	}
	if (substitute(t + 2, match, sub, sizeof(sub)) == -1 ||
	    snprintf(w->out, w->size, "%s%s%s", w->pkg->dir,
	    w->pkg->dir[0] == '\0' ? "" : "/", sub) >= (int)w->size)
		return invalid_target(w, v);
	return T_FOUND;
}

static int
is_index_key(const char *k)
{
	return k[0] != '\0' && strspn(k, "0123456789") == strlen(k);
}

static enum target target_resolve(struct walk *, const char *, const char *);

static int
condition_matches(const struct walk *w, const char *k)
{
	return strcmp(k, "default") == 0 || strcmp(k, "require") == 0 ||
	    strcmp(k, "node") == 0 || (w->import_cond &&
	    strcmp(k, "import") == 0);
}

/* Conditions, tried in the file's order. */
static enum target
object_target(struct walk *w, const char *v, const char *match)
{
	struct pkg_json_iter it;
	const char *m;
	char k[256];
	enum target r;

	pkg_json_iter(&it, v);
	while (pkg_json_next(&it, k, sizeof(k)) != NULL)
		if (is_index_key(k)) {
			fail(w->err, "ERR_INVALID_PACKAGE_CONFIG", "Invalid "
			    "package config %s. \"%s\" cannot contain numeric "
			    "property keys.", w->pjson, field(w));
			return T_ERROR;
		}
	pkg_json_iter(&it, v);
	while ((m = pkg_json_next(&it, k, sizeof(k))) != NULL) {
		if (!condition_matches(w, k))
			continue;
		if ((r = target_resolve(w, m, match)) != T_UNDEFINED)
			return r;
	}
	return T_UNDEFINED;
}

/* Fallbacks: the first that resolves; invalid targets are skipped. */
static enum target
array_target(struct walk *w, const char *v, const char *match)
{
	struct pkg_json_iter it;
	enum target r, last = T_UNDEFINED;
	const char *m;

	pkg_json_iter(&it, v);
	while ((m = pkg_json_next(&it, NULL, 0)) != NULL) {
		switch ((r = target_resolve(w, m, match))) {
		case T_ERROR:
			if (strcmp(w->err->code, "ERR_INVALID_PACKAGE_TARGET") != 0)
				return T_ERROR;
			last = T_ERROR;
			break;
		case T_NULL:
			last = T_NULL;
			break;
		case T_UNDEFINED:
			break;
		default:
			return r;
		}
	}
	return last;
}

/* PACKAGE_TARGET_RESOLVE */
static enum target
target_resolve(struct walk *w, const char *v, const char *match)
{
	switch (pkg_json_kind(v)) {
	case PKG_JSON_STRING:
		return string_target(w, v, match);
	case PKG_JSON_OBJECT:
		return object_target(w, v, match);
	case PKG_JSON_ARRAY:
		return array_target(w, v, match);
	case PKG_JSON_NULL:
		return T_NULL;
	default:
		return invalid_target(w, v);
	}
}

/* PATTERN_KEY_COMPARE: is key a more specific pattern than best? */
static int
more_specific(const char *key, const char *best)
{
	size_t a = (size_t)(strchr(key, '*') - key);
	size_t b = (size_t)(strchr(best, '*') - best);

	if (a != b)
		return a > b;
	return strlen(key) > strlen(best);
}

/* PACKAGE_IMPORTS_EXPORTS_RESOLVE */
static enum target
imports_exports_resolve(struct walk *w, const char *obj)
{
	struct pkg_json_iter it;
	const char *m, *star, *best_v = NULL;
	char k[PATH_MAX], best[PATH_MAX], match[PATH_MAX];
	size_t base, trailer, n = strlen(w->key);

	if (strchr(w->key, '*') == NULL && (m = pkg_json_get(obj, w->key)) != NULL)
		return target_resolve(w, m, NULL);
	pkg_json_iter(&it, obj);
	while ((m = pkg_json_next(&it, k, sizeof(k))) != NULL) {
		if ((star = strchr(k, '*')) == NULL || strchr(star + 1, '*'))
			continue;
		base = (size_t)(star - k);
		trailer = strlen(star + 1);
		if (strncmp(w->key, k, base) != 0 || n == base)
			continue;
		if (trailer > 0 && (n < strlen(k) ||
		    strcmp(w->key + n - trailer, star + 1) != 0))
			continue;
		if (best_v == NULL || more_specific(k, best)) {
			snprintf(best, sizeof(best), "%s", k);
			best_v = m;
		}
	}
	if (best_v == NULL)
		return T_NULL;
	base = (size_t)(strchr(best, '*') - best);
	trailer = strlen(strchr(best, '*') + 1);
	snprintf(match, sizeof(match), "%.*s", (int)(n - base - trailer),
	    w->key + base);
	return target_resolve(w, best_v, match);
}

/* "exports" mixes "./x" keys and conditions: Node refuses the file. */
static int
mixed_keys(struct walk *w, const char *exports, int *subpaths)
{
	struct pkg_json_iter it;
	char k[PATH_MAX];
	int i = 0, dot;

	*subpaths = 0;
	if (pkg_json_kind(exports) != PKG_JSON_OBJECT)
		return 0;
	pkg_json_iter(&it, exports);
	for (; pkg_json_next(&it, k, sizeof(k)) != NULL; i++) {
		dot = k[0] == '.';
		if (i == 0)
			*subpaths = dot;
		else if (dot != *subpaths)
			return fail(w->err, "ERR_INVALID_PACKAGE_CONFIG", "Invalid "
			    "package config %s. \"exports\" cannot contain some "
			    "keys starting with '.' and some not. The exports "
			    "object must either be an object of package subpath "
			    "keys or an object of main entry condition name keys "
			    "only.", w->pjson);
	}
	return 0;
}

/* PACKAGE_EXPORTS_RESOLVE, with or without the "import" condition. */
static enum target
exports_walk(struct walk *w, const char *exports)
{
	const char *main;
	int subpaths;

	if (mixed_keys(w, exports, &subpaths) == -1)
		return T_ERROR;
	if (strcmp(w->key, ".") == 0) {
		main = subpaths ? pkg_json_get(exports, ".") : exports;
		return main == NULL ? T_NULL : target_resolve(w, main, NULL);
	}
	return subpaths ? imports_exports_resolve(w, exports) : T_NULL;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

int
pkg_check_esm(const char *scope, const char *name, const char *path,
    struct pkg_error *e)
{
	const char *type = scope == NULL ? NULL : pkg_json_get(scope, "type");
	char t[16];

	if (ends_with(path, ".mjs") || (ends_with(path, ".js") && type != NULL &&
	    pkg_json_string(type, t, sizeof(t)) == 0 && strcmp(t, "module") == 0))
		return fail(e, "ERR_REQUIRE_ESM", ESM_ONLY, name);
	return 0;
}

enum pkg_result
pkg_exports_resolve(const struct pkg *pkg, const char *subpath, char *out,
    size_t size, struct pkg_error *e)
{
	const char *exports = pkg_json_get(pkg->json, "exports");
	struct walk w;
	enum target r;

	if (exports == NULL || pkg_json_kind(exports) == PKG_JSON_NULL)
		return PKG_NONE;
	walk_init(&w, pkg, subpath, out, size, e);
	if ((r = exports_walk(&w, exports)) == T_FOUND)
		return PKG_PATH;
	if (r == T_ERROR)
		return PKG_ERROR;
	w.import_cond = 1;
	if (exports_walk(&w, exports) == T_FOUND) {
		fail(e, "ERR_REQUIRE_ESM", ESM_ONLY, pkg->name);
		return PKG_ERROR;
	}
	if (strcmp(subpath, ".") == 0)
		fail(e, "ERR_PACKAGE_PATH_NOT_EXPORTED", "No \"exports\" main "
		    "defined in %s", w.pjson);
	else
		fail(e, "ERR_PACKAGE_PATH_NOT_EXPORTED", "Package subpath '%s' "
		    "is not defined by \"exports\" in %s", subpath, w.pjson);
	return PKG_ERROR;
}

enum pkg_result
pkg_imports_resolve(const struct pkg *pkg, const char *request,
    const char *from, char *out, size_t size, struct pkg_error *e)
{
	const char *imports = pkg_json_get(pkg->json, "imports");
	struct walk w;
	enum target r;

	if (imports == NULL || pkg_json_kind(imports) != PKG_JSON_OBJECT)
		return PKG_NONE;
	walk_init(&w, pkg, request, out, size, e);
	w.imports = 1;
	if (strcmp(request, "#") == 0 || strncmp(request, "#/", 2) == 0) {
		fail(e, "ERR_INVALID_MODULE_SPECIFIER", "Invalid module \"%s\" is "
		    "not a valid internal imports specifier name imported from "
		    "%s", request, from);
		return PKG_ERROR;
	}
	switch ((r = imports_exports_resolve(&w, imports))) {
	case T_FOUND:
		return PKG_PATH;
	case T_BARE:
		return PKG_BARE;
	case T_ERROR:
		return PKG_ERROR;
	default:
		break;
	}
	w.import_cond = 1;
	if (imports_exports_resolve(&w, imports) == T_FOUND) {
		fail(e, "ERR_REQUIRE_ESM", ESM_ONLY, request);
		return PKG_ERROR;
	}
	fail(e, "ERR_PACKAGE_IMPORT_NOT_DEFINED", "Package import specifier "
	    "\"%s\" is not defined in package %s imported from %s", request,
	    w.pjson, from);
	return PKG_ERROR;
}
