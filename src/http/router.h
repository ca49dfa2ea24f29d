/*
 * router: maps a request path to a function's entry file under the
 * functions root, never to anything outside it.
 *   /api/users -> api/users.js, else api/users/index.js;  / -> index.js
 * Segments starting with '.' or '_', and node_modules, are not routable.
 * Dynamic routes: a file or directory named "[name]" matches any one
 * segment, which becomes the parameter name.  At each segment an exact
 * name wins over a dynamic one (with backtracking), and among several
 * dynamic names in one directory the first in byte order wins.
 */
#ifndef FNPOOL_ROUTER_H
#define FNPOOL_ROUTER_H

#include <limits.h>

#define ROUTER_NAME_MAX	256	/* longest routable request path */
#define ROUTER_PARAMS_MAX 8	/* dynamic segments in one route */

enum route_status {
	ROUTE_FOUND,
	ROUTE_NOT_FOUND,
	ROUTE_TOO_LONG,
};

struct router {
	char	root[PATH_MAX];	/* realpath of the functions root */
	size_t	rootlen;
};

struct route_param {
	char	name[64];			/* "id" of "[id].js" */
	char	value[ROUTER_NAME_MAX + 1];	/* the request's segment */
};

struct route {
	char	name[ROUTER_NAME_MAX + 16];	/* "api/users.js", "users/[id].js" */
	char	file[PATH_MAX];			/* absolute, resolved */
	struct route_param params[ROUTER_PARAMS_MAX];
	int	nparams;
};

int	 router_init(struct router *, const char *root);
enum route_status router_find(const struct router *, const char *path,
	    struct route *);
/*
 * Calls fn for every routable function file (for preload); stops when
 * fn returns non-zero, and returns that.
 */
int	 router_each(const struct router *,
	    int (*fn)(const struct route *, void *), void *);
/* Joins the routable segments of path into rel; -1 when unroutable. */
int	 router_normalize(const char *path, char *rel, size_t relsize);
/* Is the resolved path real inside the root? */
int	 router_inside(const struct router *, const char *real);

#endif
