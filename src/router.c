/*
 * router: request path -> entry file.  Confinement is decided on the
 * realpath(3) of the candidate, so symlinks that leave the root are
 * refused as firmly as "..".
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "router.h"

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

enum route_status
router_find(const struct router *r, const char *path, struct route *out)
{
	char rel[ROUTER_NAME_MAX + 1], cand[ROUTER_NAME_MAX + 16];

	if (strlen(path) > ROUTER_NAME_MAX)
		return ROUTE_TOO_LONG;
	if (normalize(path, rel, sizeof(rel)) == -1)
		return ROUTE_NOT_FOUND;
	if (rel[0] == '\0')
		return try_candidate(r, "index.js", out) == 0 ?
		    ROUTE_FOUND : ROUTE_NOT_FOUND;
	snprintf(cand, sizeof(cand), "%s.js", rel);
	if (try_candidate(r, cand, out) == 0)
		return ROUTE_FOUND;
	snprintf(cand, sizeof(cand), "%s/index.js", rel);
	if (try_candidate(r, cand, out) == 0)
		return ROUTE_FOUND;
	return ROUTE_NOT_FOUND;
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
