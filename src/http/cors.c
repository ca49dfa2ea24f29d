/*
 * cors: see cors.h.  The origin is echoed only when it is listed (or the
 * list is "*"); with credentials a "*" list still echoes the one origin,
 * since browsers refuse "*" together with credentials.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "http/cors.h"

int
cors_is_preflight(const struct request *req)
{
	return strcmp(req->method, "OPTIONS") == 0 &&
	    request_param(req->env, "HTTP_ORIGIN") != NULL &&
	    request_param(req->env, "HTTP_ACCESS_CONTROL_REQUEST_METHOD") != NULL;
}

/* Is origin one of the space- or comma-separated entries of list? */
static int
origin_listed(const char *list, const char *origin)
{
	size_t n, olen = strlen(origin);
	const char *p = list;

	while (*p != '\0') {
		p += strspn(p, " ,\t");
		n = strcspn(p, " ,\t");
		if (n == 0)
			break;
		if ((n == 1 && *p == '*') ||
		    (n == olen && strncasecmp(p, origin, n) == 0))
			return 1;
		p += n;
	}
	return 0;
}

static void
add(struct response *res, const char *name, const char *value)
{
	char why[128];

	/* values come from the config or were checked by origin_listed */
	(void)response_add_header(res, name, value, why, sizeof(why));
}

int
cors_apply(const struct pool_config *pool, const struct request *req,
    const char *allow, struct response *res)
{
	const char *origin = request_param(req->env, "HTTP_ORIGIN");
	const char *hdrs;
	int any;

	if (pool->cors_origins == NULL || origin == NULL ||
	    !origin_listed(pool->cors_origins, origin))
		return 0;
	any = strcmp(pool->cors_origins, "*") == 0;
	add(res, "Access-Control-Allow-Origin",
	    any && !pool->cors_credentials ? "*" : origin);
	if (!any || pool->cors_credentials)
		add(res, "Vary", "Origin");
	if (pool->cors_credentials)
		add(res, "Access-Control-Allow-Credentials", "true");
	if (!cors_is_preflight(req))
		return 1;
	add(res, "Access-Control-Allow-Methods",
	    pool->cors_methods ? pool->cors_methods : allow);
	hdrs = pool->cors_headers ? pool->cors_headers :
	    request_param(req->env, "HTTP_ACCESS_CONTROL_REQUEST_HEADERS");
	if (hdrs != NULL)
		add(res, "Access-Control-Allow-Headers", hdrs);
	if (pool->cors_max_age > 0) {
		char age[32];

		snprintf(age, sizeof(age), "%ld", pool->cors_max_age);
		add(res, "Access-Control-Max-Age", age);
	}
	return 1;
}
