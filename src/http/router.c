/*
 * router: request path -> entry file.  Confinement is decided on the
 * realpath(3) of the candidate, so symlinks that leave the root are
 * refused as firmly as "..".
 */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "http/router.h"

int
router_init(struct router *r, const char *root)
{
	if (realpath(root, r->root) == NULL) {
		log_error("functions root %s: %s", root, strerror(errno));
		return -1;
	}
	r->rootlen = strlen(r->root);
	if (r->rootlen == 1)	/* "/" as root: compare against "" + "/" */
		r->rootlen = 0;
	return 0;
}

int
router_inside(const struct router *r, const char *real)
{
	return strncmp(real, r->root, r->rootlen) == 0 &&
	    real[r->rootlen] == '/';
}

static int
segment_routable(const char *s, size_t n)
{
	size_t i;

	if (s[0] == '.' || s[0] == '_')
		return 0;
	if (n == 12 && memcmp(s, "node_modules", 12) == 0)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == '\\' || s[i] == 0x7f)
			return 0;
	return 1;
}

/* Joins the routable segments of path into rel ("api/users"). */
static int
normalize(const char *path, char *rel, size_t relsize)
{
	const char *s = path, *e;
	size_t n, len = 0;

	for (; *s != '\0'; s = e) {
		while (*s == '/')
			s++;
		if (*s == '\0')
			break;
		e = s + strcspn(s, "/");
		n = (size_t)(e - s);
		if (!segment_routable(s, n) || len + n + 2 > relsize)
			return -1;
		if (len > 0)
			rel[len++] = '/';
		memcpy(rel + len, s, n);
		len += n;
	}
	rel[len] = '\0';
	return 0;
}

static int
try_candidate(const struct router *r, const char *name, struct route *out)
{
	char abs[PATH_MAX];
	struct stat st;

	if (snprintf(abs, sizeof(abs), "%s/%s", r->root, name) >= (int)sizeof(abs))
		return -1;
	if (realpath(abs, out->file) == NULL)
		return -1;
	if (!router_inside(r, out->file)) {
		log_warn("refusing %s: resolves outside the functions root", name);
		return -1;
	}
	if (stat(out->file, &st) == -1 || !S_ISREG(st.st_mode))
		return -1;
	snprintf(out->name, sizeof(out->name), "%s", name);
	return 0;
}

/* Does a directory entry name a dynamic segment: "[id]" or "[id].js"? */
static int
dynamic_name(const char *ent, int want_file, char *param, size_t psize)
{
	size_t n = strlen(ent), i;

	if (want_file) {
		if (n < 5 || strcmp(ent + n - 3, ".js") != 0)
			return 0;
		n -= 3;
	}
	if (n < 3 || ent[0] != '[' || ent[n - 1] != ']' || n - 2 >= psize)
		return 0;
	for (i = 1; i < n - 1; i++)
		if (!isalnum((unsigned char)ent[i]) && ent[i] != '_' &&
		    ent[i] != '$')
			return 0;
	memcpy(param, ent + 1, n - 2);
	param[n - 2] = '\0';
	return 1;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The dynamic entries of root/dir, sorted; the caller frees them. */
static int
dynamic_entries(const struct router *r, const char *dir, char ***out)
{
	char path[PATH_MAX], param[64], **names = NULL, **grown;
	struct dirent *de;
	DIR *d;
	int n = 0;

	*out = NULL;
	if (snprintf(path, sizeof(path), "%s/%s", r->root, dir) >= (int)sizeof(path))
		return 0;
	if ((d = opendir(path)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (!dynamic_name(de->d_name, 0, param, sizeof(param)) &&
		    !dynamic_name(de->d_name, 1, param, sizeof(param)))
			continue;
		if ((grown = realloc(names, (size_t)(n + 1) * sizeof(*names))) == NULL)
			break;
		names = grown;
		if ((names[n] = strdup(de->d_name)) == NULL)
			break;
		n++;
	}
	closedir(d);
	if (n > 1)
		qsort(names, (size_t)n, sizeof(*names), cmp_names);
	*out = names;
	return n;
}

static void
free_entries(char **names, int n)
{
	while (n > 0)
		free(names[--n]);
	free(names);
}

static int
is_dir(const struct router *r, const char *rel)
{
	char path[PATH_MAX];
	struct stat st;

	if (snprintf(path, sizeof(path), "%s/%s", r->root, rel) >= (int)sizeof(path))
		return 0;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
push_param(struct route *out, const char *name, const char *seg)
{
	struct route_param *p;

	if (out->nparams == ROUTER_PARAMS_MAX)
		return -1;
	p = &out->params[out->nparams++];
	snprintf(p->name, sizeof(p->name), "%s", name);
	snprintf(p->value, sizeof(p->value), "%s", seg);
	return 0;
}

/*
 * Resolves segs[i..n) under the directory dir ("" or "users/[id]/").
 * Exact names first, then dynamic ones in order; backtracks.
 */
static int
resolve(const struct router *r, char *const *segs, int i, int n,
    const char *dir, struct route *out)
{
	char cand[ROUTER_NAME_MAX * 2 + 32], param[64], **dyn;
	const char *seg = segs[i];
	int last = i == n - 1, k, ndyn, found = 0;
	size_t sl = strlen(seg);
	int bracketed = sl >= 2 && seg[0] == '[' && seg[sl - 1] == ']';

	if (!bracketed) {
		if (last) {
			snprintf(cand, sizeof(cand), "%s%s.js", dir, seg);
			if (try_candidate(r, cand, out) == 0)
				return 0;
			snprintf(cand, sizeof(cand), "%s%s/index.js", dir, seg);
			if (try_candidate(r, cand, out) == 0)
				return 0;
		} else {
			snprintf(cand, sizeof(cand), "%s%s", dir, seg);
			if (is_dir(r, cand)) {
				strcat(cand, "/");
				if (resolve(r, segs, i + 1, n, cand, out) == 0)
					return 0;
			}
		}
	}
	ndyn = dynamic_entries(r, dir, &dyn);
	for (k = 0; k < ndyn && !found; k++) {
		int isfile = dynamic_name(dyn[k], 1, param, sizeof(param));

		if (!isfile)
			dynamic_name(dyn[k], 0, param, sizeof(param));
		if (push_param(out, param, seg) == -1)
			break;
		snprintf(cand, sizeof(cand), "%s%s", dir, dyn[k]);
		if (last && isfile)
			found = try_candidate(r, cand, out) == 0;
		else if (last) {
			strcat(cand, "/index.js");
			found = try_candidate(r, cand, out) == 0;
		} else if (!isfile && is_dir(r, cand)) {
			strcat(cand, "/");
			found = resolve(r, segs, i + 1, n, cand, out) == 0;
		}
		if (!found)
			out->nparams--;
	}
	free_entries(dyn, ndyn);
	return found ? 0 : -1;
}

enum route_status
router_find(const struct router *r, const char *path, struct route *out)
{
	char rel[ROUTER_NAME_MAX + 1], *segs[ROUTER_NAME_MAX / 2 + 1], *p;
	int n = 0;

	out->nparams = 0;
	if (strlen(path) > ROUTER_NAME_MAX)
		return ROUTE_TOO_LONG;
	if (normalize(path, rel, sizeof(rel)) == -1)
		return ROUTE_NOT_FOUND;
	if (rel[0] == '\0')
		return try_candidate(r, "index.js", out) == 0 ?
		    ROUTE_FOUND : ROUTE_NOT_FOUND;
	for (p = strtok(rel, "/"); p != NULL; p = strtok(NULL, "/"))
		segs[n++] = p;
	return resolve(r, segs, 0, n, "", out) == 0 ?
	    ROUTE_FOUND : ROUTE_NOT_FOUND;
}

int
router_normalize(const char *path, char *rel, size_t relsize)
{
	return normalize(path, rel, relsize);
}

static int
has_js_suffix(const char *name)
{
	size_t n = strlen(name);

	return n > 3 && strcmp(name + n - 3, ".js") == 0;
}

/* Never walk a symlinked directory that leads out of the root. */
static int
dir_inside(const struct router *r, const char *abs)
{
	char real[PATH_MAX];

	return realpath(abs, real) != NULL && router_inside(r, real);
}

/* Visits the routable .js files under rel (a directory, "" for the root). */
static int
walk(const struct router *r, const char *rel, int depth,
    int (*fn)(const struct route *, void *), void *arg)
{
	char abs[PATH_MAX], sub[ROUTER_NAME_MAX + 16];
	struct route route;
	struct dirent *de;
	struct stat st;
	DIR *d;
	int rc = 0;

	if (snprintf(abs, sizeof(abs), "%s/%s", r->root, rel) >= (int)sizeof(abs) ||
	    depth > 32 || (d = opendir(abs)) == NULL)
		return 0;
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (!segment_routable(de->d_name, strlen(de->d_name)) ||
		    snprintf(sub, sizeof(sub), "%s%s%s", rel, rel[0] ? "/" : "",
		    de->d_name) >= (int)sizeof(sub) - 1 ||
		    snprintf(abs, sizeof(abs), "%s/%s", r->root, sub) >=
		    (int)sizeof(abs) || stat(abs, &st) == -1)
			continue;
		if (S_ISDIR(st.st_mode) && dir_inside(r, abs))
			rc = walk(r, sub, depth + 1, fn, arg);
		else if (S_ISREG(st.st_mode) && has_js_suffix(sub) &&
		    strlen(sub) <= ROUTER_NAME_MAX + 3 &&
		    try_candidate(r, sub, &route) == 0)
			rc = fn(&route, arg);
	}
	closedir(d);
	return rc;
}

int
router_each(const struct router *r, int (*fn)(const struct route *, void *),
    void *arg)
{
	return walk(r, "", 0, fn, arg);
}
