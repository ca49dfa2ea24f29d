/*
 * serve: the life of one request, independent of how it arrived, and
 * the deploy check that comes before it (docs/deploy.md).
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "worker/account.h"
#include "js/builtin/db.h"
#include "js/builtin/fetch_curl.h"
#include "core/log.h"
#include "core/response.h"
#include "core/schedule_key.h"
#include "worker/serve.h"
#include "worker/timeout.h"

/* Remembers the root directory's device and inode; -1 when it is gone. */
static int
root_identify(struct serve *sv)
{
	struct stat st;

	if (stat(sv->router.root, &st) == -1)
		return -1;
	sv->root_dev = st.st_dev;
	sv->root_ino = st.st_ino;
	return 0;
}

static int
same_dir(const struct serve *sv, const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && st.st_dev == sv->root_dev &&
	    st.st_ino == sv->root_ino;
}

static void
routes_forget(struct serve *sv)
{
	struct serve_route *r;
	int i;

	for (i = 0; i < SERVE_ROUTES; i++) {
		r = &sv->routes[i];
		free(r->path);
		free(r->name);
		free(r->file);
		free(r->params);
		memset(r, 0, sizeof(*r));
	}
	sv->routes_next = 0;
}

/*
 * fnpool:db's queries end in the request's 504 too (docs/limits.md), and
 * are counted in the metrics.
 */
static const struct db_hooks serve_db_hooks = {
	timeout_left_ms, timeout_expire, timeout_on_expire, account_query,
	account_waiting,
};

/* fetch's counters and the slow log's "waiting on fetch to HOST". */
static const struct fetch_hooks serve_fetch_hooks = {
	account_fetch, account_waiting,
};

int
serve_init(struct serve *sv, const struct pool_config *pool)
{
	memset(sv, 0, sizeof(*sv));
	sv->pool = pool;
	if (router_init(&sv->router, pool->functions) == -1)
		return -1;
	(void)root_identify(sv);
	sv->rt = runtime_new(pool, &sv->router);
	db_setup(pool, &serve_db_hooks);
	fetch_curl_setup(&serve_fetch_hooks);
	request_id_seed();
	return 0;
}

void
serve_free(struct serve *sv)
{
	runtime_free(sv->rt);
	sv->rt = NULL;
	db_close_all();
	watch_close(sv->watch);
	sv->watch = NULL;
	routes_forget(sv);
}

/* Module code stuck in a loop at preload meets request_timeout too. */
static void
preload_guard(const char *function, int loading, void *arg)
{
	(void)arg;
	if (loading) {
		timeout_arm(-1, 0, NULL);
		timeout_function(function);
	} else
		timeout_disarm();
}

void
serve_start(struct serve *sv)
{
	int n;

	sv->started = 1;
	if (sv->pool->module_cache)
		sv->watch = watch_open(sv->router.root);
	sv->watch_gen++;
	if (sv->pool->preload) {
		n = runtime_preload(sv->rt, preload_guard, NULL);
		log_info("pool %s: preloaded %d function%s", sv->pool->name, n,
		    n == 1 ? "" : "s");
	}
}

int
serve_watch_fd(const struct serve *sv, unsigned *gen)
{
	*gen = sv->watch_gen;
	return sv->watch != NULL ? watch_fd(sv->watch) : -1;
}

void
serve_watch_polled(struct serve *sv, unsigned gen)
{
	sv->watch_polled = gen;
}

void
serve_watch_ready(struct serve *sv)
{
	if (sv->watch != NULL && watch_changed(sv->watch))
		sv->watch_news = 1;
}

/*
 * Does the worker wait on the watch's descriptor?  An event is queued
 * before the write or rename that caused it returns, so a request sent
 * after a deploy step finds the descriptor readable in the same wait
 * that reports the request, and serve_watch_ready has read it before
 * the request runs.  A watch that went blind has no descriptor to wait
 * on and is read for every request.
 */
static int
watch_is_polled(const struct serve *sv)
{
	return sv->watch_polled == sv->watch_gen && sv->watch_gen != 0 &&
	    watch_fd(sv->watch) >= 0;
}

/*
 * Is the root still what it was?  Without a watch, by realpath(3) as it
 * is now.  With one, two stat(2) calls do, for one request after another:
 * the configured path (a symlink re-pointed to a new release resolves to
 * another directory) and the resolved root (whose path changes only when
 * it or a parent directory is renamed; the watch sees the root itself
 * renamed).  A directory has one path, so the same directory at both
 * means that realpath would give the same root.
 */
static int
root_unchanged(struct serve *sv, int changed)
{
	return sv->watch != NULL && !changed &&
	    same_dir(sv, sv->pool->functions) &&
	    (strcmp(sv->pool->functions, sv->router.root) == 0 ||
	    same_dir(sv, sv->router.root));
}

/*
 * Before each request: a re-pointed root symlink means a new release,
 * and any change under the root makes every kept state stale (a module
 * may be shared by many functions, so all are dropped).
 */
static void
serve_refresh(struct serve *sv)
{
	char real[PATH_MAX];
	struct router next;
	int n, changed;

	if (!sv->started)
		return;
	if (sv->watch == NULL)
		changed = 0;
	else if (watch_is_polled(sv))
		changed = sv->watch_news;
	else
		changed = watch_changed(sv->watch);
	sv->watch_news = 0;
	if (changed)
		routes_forget(sv);
	if (root_unchanged(sv, changed))
		return;
	if (realpath(sv->pool->functions, real) == NULL) {
		log_error("functions root %s: %s (serving the previous "
		    "release)", sv->pool->functions, strerror(errno));
		return;
	}
	if (strcmp(real, sv->router.root) != 0) {
		if (router_init(&next, sv->pool->functions) == -1)
			return;
		n = runtime_drop_all(sv->rt);
		sv->router = next;
		(void)root_identify(sv);
		routes_forget(sv);
		log_info("functions root is now %s (dropped %d state%s)",
		    sv->router.root, n, n == 1 ? "" : "s");
		watch_close(sv->watch);
		sv->watch = NULL;
		if (sv->pool->module_cache)
			sv->watch = watch_open(sv->router.root);
		sv->watch_gen++;	/* the worker polls the new one */
		return;
	}
	if (changed) {
		n = runtime_drop_all(sv->rt);
		if (n > 0)
			log_info("files changed under the functions root: "
			    "dropped %d state%s", n, n == 1 ? "" : "s");
	}
	(void)root_identify(sv);
}

/*
 * router_find resolves every candidate with realpath(3) and stat(2): a
 * dozen system calls.  While the watch follows the root, nothing it
 * resolved can change unnoticed, so found routes are remembered by
 * request path until the next change.  Paths that are not found are not
 * remembered: there is no end to them.
 */
static enum route_status
serve_route(struct serve *sv, const char *path, struct route *route)
{
	struct serve_route *r;
	enum route_status st;
	size_t np;
	int i;

	for (i = 0; sv->watch != NULL && i < SERVE_ROUTES; i++) {
		r = &sv->routes[i];
		if (r->path == NULL || strcmp(r->path, path) != 0)
			continue;
		/* both were copied from a struct route: they fit */
		memcpy(route->name, r->name, strlen(r->name) + 1);
		memcpy(route->file, r->file, strlen(r->file) + 1);
		route->nparams = r->nparams;
		if (r->nparams > 0)
			memcpy(route->params, r->params,
			    (size_t)r->nparams * sizeof(*r->params));
		return ROUTE_FOUND;
	}
	if ((st = router_find(&sv->router, path, route)) != ROUTE_FOUND ||
	    sv->watch == NULL)
		return st;
	r = &sv->routes[sv->routes_next];
	sv->routes_next = (sv->routes_next + 1) % SERVE_ROUTES;
	free(r->path);
	free(r->name);
	free(r->file);
	free(r->params);
	np = (size_t)route->nparams * sizeof(*route->params);
	if ((r->path = strdup(path)) == NULL ||
	    (r->name = strdup(route->name)) == NULL ||
	    (r->file = strdup(route->file)) == NULL ||
	    (r->params = malloc(np > 0 ? np : 1)) == NULL)
		log_fatal("strdup");
	memcpy(r->params, route->params, np);
	r->nparams = route->nparams;
	return st;
}

void
serve_begin(struct request *req, char **env)
{
	const char *m;

	memset(req, 0, sizeof(*req));
	req->env = env;
	request_index(req);
	if (req->method == NULL || req->method[0] == '\0')
		req->method = "GET";
	if (req->uri == NULL)
		req->uri = "";
	m = req->x_request_id;
	if (m != NULL && request_id_ok(m))
		str_copy(req->id, sizeof(req->id), m, STR_ALL);
	else
		request_id_next(req->id);
}

static void
finish(struct request *req, struct response *res, struct buf *out)
{
	req->status = res->status;
	response_serialize(res, req->id, strcmp(req->method, "HEAD") == 0, out);
	log_debug("%s %s -> %d (request %s)", req->method, req->uri,
	    res->status, req->id);
}

void
serve_reject(struct request *req, int status, const char *message,
    struct buf *out)
{
	struct response res;

	response_init(&res);
	response_error(&res, status, message, req->id);
	finish(req, &res, out);
	response_free(&res);
}

/*
 * A scheduled run's parameters count only with the master's key: a
 * request that carries any of them without it (whatever a client or a
 * fastcgi_param put there) is refused, never run as a schedule.
 */
static int
schedule_check(struct request *req)
{
	if (req->schedule_key == NULL && req->schedule_name == NULL &&
	    req->schedule_at == NULL)
		return 0;
	if (!schedule_key_check(req->schedule_key) ||
	    req->schedule_name == NULL || req->schedule_at == NULL) {
		log_warn("request %s: refused (403): it carries fnpool's "
		    "schedule parameters without the master's key", req->id);
		return -1;
	}
	req->scheduled = 1;
	return 0;
}

/*
 * The deploy check and the limits a request meets before its route:
 * 0, or -1 when it was answered into out.  Inlined in both callers, as
 * it was in serve_request alone: hello's instructions per request.
 */
static inline __attribute__((always_inline)) int
serve_check(struct serve *sv, struct request *req, struct buf *out)
{
	const struct pool_config *pool = sv->pool;
	char msg[128];

	serve_refresh(sv);
	if ((req->indexed ? req->nheaders : request_count_headers(req->env)) >
	    (size_t)pool->max_headers) {
		snprintf(msg, sizeof(msg), "more than %ld request headers",
		    pool->max_headers);
		serve_reject(req, 431, msg, out);
		return -1;
	}
	if (req->query_string != NULL && request_count_pairs(req->query_string,
	    strlen(req->query_string)) > (size_t)pool->max_query_params) {
		snprintf(msg, sizeof(msg), "more than %ld query parameters",
		    pool->max_query_params);
		serve_reject(req, 400, msg, out);
		return -1;
	}
	if (schedule_check(req) == -1) {
		serve_reject(req, 403, "Forbidden", out);
		return -1;
	}
	if (request_set_path(req, pool->prefix) == -1) {
		serve_reject(req, 404, "Not Found", out);
		return -1;
	}
	return 0;
}

void
serve_request(struct serve *sv, struct request *req, struct account *acct,
    struct buf *out)
{
	struct response res;
	struct route *route = &sv->route;

	if (serve_check(sv, req, out) == -1)
		return;
	response_init(&res);
	switch (serve_route(sv, req->path, route)) {
	case ROUTE_FOUND:
		account_function(acct, route->name);
		timeout_function(route->name);	/* for the 504's log line */
		db_request_begin(route->name, req->id);
		runtime_handle(sv->rt, route, req, &res);
		if (runtime_finishing(sv->rt))
			sv->finishing = 1;	/* serve_finish ends it */
		else
			db_request_end(route->name, req->id);
		acct->memory = runtime_memory(sv->rt, route->name);
		break;
	case ROUTE_TOO_LONG:
		response_error(&res, 414, "URI Too Long", req->id);
		break;
	case ROUTE_NOT_FOUND:
		response_error(&res, 404, "Not Found", req->id);
		break;
	}
	finish(req, &res, out);
	response_free(&res);
	if (!sv->finishing)
		request_free(req);
}

void
serve_finish(struct serve *sv, struct request *req)
{
	if (!sv->finishing)
		return;
	runtime_finish(sv->rt);
	db_request_end(sv->route.name, req->id);
	request_free(req);
	sv->finishing = 0;
}

/* ---- max_concurrent above 1 (worker/inflight.c) ------------------------- */

struct rtreq *
serve_launch(struct serve *sv, struct request *req, struct account *acct,
    struct route *route, struct response *res, struct buf *out)
{
	struct rtreq *rq = NULL;

	response_init(res);
	if (serve_check(sv, req, out) == -1) {
		response_free(res);
		return NULL;
	}
	switch (serve_route(sv, req->path, route)) {
	case ROUTE_FOUND:
		account_function(acct, route->name);
		timeout_function(route->name);
		db_request_begin(route->name, req->id);
		if ((rq = runtime_start(sv->rt, route, req, res)) != NULL)
			return rq;
		db_request_end(route->name, req->id);
		acct->memory = runtime_memory(sv->rt, route->name);
		break;
	case ROUTE_TOO_LONG:
		response_error(res, 414, "URI Too Long", req->id);
		break;
	case ROUTE_NOT_FOUND:
		response_error(res, 404, "Not Found", req->id);
		break;
	}
	finish(req, res, out);
	response_free(res);
	request_free(req);
	return NULL;
}

void
serve_answer(struct serve *sv, struct request *req, struct account *acct,
    const struct route *route, struct response *res, struct buf *out)
{
	acct->memory = runtime_memory(sv->rt, route->name);
	finish(req, res, out);
	response_free(res);
}

void
serve_done(struct serve *sv, struct request *req, const struct route *route)
{
	(void)sv;
	db_request_end(route->name, req->id);
	request_free(req);
}
