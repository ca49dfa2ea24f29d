/*
 * runtime: loads a function's entry module into a fresh MuJS state with a
 * CommonJS wrapper, keeps the state, and calls its handler per request.
 *
 * Every call into MuJS that can throw goes through js_pcall or js_try:
 * nothing a function does may unwind past this file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mujs.h>

#include "console.h"
#include "cors.h"
#include "ctx.h"
#include "handler.h"
#include "log.h"
#include "reply.h"
#include "runtime.h"

#define SOURCE_MAX	(16 * 1024 * 1024)


struct fn_state {
	char		*name;		/* "api/users.js" */
	js_State	*J;
	struct fn_state	*next;
};

struct runtime {
	const struct pool_config *pool;
	struct fn_state		*states;
};

/* MuJS keeps one global panic path; the runtime of this process. */
static struct runtime *the_runtime;

static void
js_panic(js_State *J)
{
	(void)J;
	log_error("MuJS panic (uncaught error outside a protected call)");
	_exit(70);
}

static void
js_report_warning(js_State *J, const char *message)
{
	(void)J;
	log_debug("mujs: %s", message);
}

static void
log_js_error(js_State *J, const char *fn, const char *request_id,
    const char *what)
{
	struct buf msg;

	buf_init(&msg);
	reply_describe(J, &msg);
	log_error("%s: %s (request %s): %s", fn, what, request_id,
	    buf_cstr(&msg));
	buf_free(&msg);
}

static int
read_source(const char *path, struct buf *out)
{
	char chunk[65536];
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "re")) == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (out->len + n > SOURCE_MAX) {
			fclose(fp);
			errno = EFBIG;
			return -1;
		}
		buf_append(out, chunk, n);
	}
	fclose(fp);
	return 0;
}

/*
 * Wraps source as Node does; the wrapper opens on the first line so that
 * line numbers in errors match the file.  A "#!" line is blanked.
 */
static void
wrap_module(const char *src, size_t len, struct buf *out)
{
	buf_puts(out, "(function (exports, require, module, __filename, "
	    "__dirname) {");
	if (len >= 2 && src[0] == '#' && src[1] == '!') {
		buf_puts(out, "//");
		src += 2;
		len -= 2;
	}
	buf_append(out, src, len);
	buf_puts(out, "\n})");
}

static void
push_dirname(js_State *J, const char *name)
{
	const char *slash = strrchr(name, '/');

	if (slash == NULL)
		js_pushliteral(J, ".");
	else
		js_pushlstring(J, name, (int)(slash - name));
}

/*
 * Evaluates the module in J and leaves the module object on the stack.
 * Returns NULL, or what failed with the exception on the stack.
 */
static const char *
load_entry(js_State *J, const char *name, const char *file)
{
	struct buf src, wrapped;
	int r;

	buf_init(&src);
	buf_init(&wrapped);
	if (read_source(file, &src) == -1) {
		char msg[512];

		snprintf(msg, sizeof(msg), "cannot read %s: %s", name,
		    strerror(errno));
		js_pushstring(J, msg);
		buf_free(&src);
		return "load failed";
	}
	wrap_module(src.data ? src.data : "", src.len, &wrapped);
	buf_free(&src);
	r = js_ploadstring(J, name, buf_cstr(&wrapped));
	buf_free(&wrapped);
	if (r != 0)
		return "syntax error";
	js_pushundefined(J);
	if (js_pcall(J, 0) != 0)	/* yields the wrapper function */
		return "module code threw";

	/* stack: wrapper */
	js_newobject(J);			/* module */
	js_newobject(J);
	js_setproperty(J, -2, "exports");
	js_pushstring(J, name);
	js_setproperty(J, -2, "id");
	js_pushstring(J, name);
	js_setproperty(J, -2, "filename");
	js_pushboolean(J, 0);
	js_setproperty(J, -2, "loaded");

	js_copy(J, -2);				/* wrapper */
	js_getproperty(J, -2, "exports");	/* this */
	js_getproperty(J, -3, "exports");	/* exports */
	js_pushundefined(J);			/* require: modules.c */
	js_copy(J, -5);				/* module */
	js_pushstring(J, name);			/* __filename */
	push_dirname(J, name);			/* __dirname */
	if (js_pcall(J, 5) != 0) {
		js_rot3pop2(J);			/* keep only the error */
		return "module code threw";
	}
	js_pop(J, 1);
	js_pushboolean(J, 1);
	js_setproperty(J, -2, "loaded");
	js_rot2pop1(J);				/* leave module alone */
	return NULL;
}

/*
 * With module on the stack: stores module.exports in the registry (see
 * handler.h) and pops module.  Fails when no handler is exported.
 */
static int
store_exports(js_State *J)
{
	struct buf allow;
	enum handler_kind kind;

	js_getproperty(J, -1, "exports");
	js_rot2pop1(J);
	js_setregistry(J, HANDLER_EXPORTS);
	buf_init(&allow);
	kind = handler_select(J, "GET", &allow);
	buf_free(&allow);
	if (kind == HANDLER_FOUND)
		js_pop(J, 1);
	if (kind != HANDLER_NONE)
		return 0;
	js_pushstring(J, "the module exports no handler: set module.exports "
	    "to a function, or export default, main, or GET, POST, ...");
	return -1;
}

/*
 * Runs exports.init({functionName, env}) once, for warm-up.  Returns 0,
 * or -1 with the exception on the stack.
 */
static int
run_init(js_State *J, const struct pool_config *pool, const char *fname)
{
	size_t i;

	js_getregistry(J, HANDLER_EXPORTS);
	if (!js_isobject(J, -1) || !js_hasproperty(J, -1, "init")) {
		js_pop(J, 1);
		return 0;
	}
	js_rot2pop1(J);
	if (!js_iscallable(J, -1)) {
		js_pop(J, 1);
		return 0;
	}
	js_getregistry(J, HANDLER_EXPORTS);	/* this */
	js_newobject(J);
	js_pushstring(J, fname);
	js_setproperty(J, -2, "functionName");
	js_newobject(J);
	for (i = 0; i < pool->nenv; i++) {
		js_pushstring(J, pool->env[i].value);
		js_setproperty(J, -2, pool->env[i].name);
	}
	js_setproperty(J, -2, "env");
	if (js_pcall(J, 1) != 0)
		return -1;
	js_pop(J, 1);
	return 0;
}

static js_State *
state_new(struct runtime *rt)
{
	js_State *J;

	J = js_newstate(NULL, NULL, 0);
	if (J == NULL)
		log_fatalx("js_newstate: out of memory");
	js_atpanic(J, js_panic);
	js_setreport(J, js_report_warning);
	js_setcontext(J, rt);
	console_define(J);
	return J;
}

static struct fn_state *
state_find(struct runtime *rt, const char *name)
{
	struct fn_state *s;

	for (s = rt->states; s != NULL; s = s->next)
		if (strcmp(s->name, name) == 0)
			return s;
	return NULL;
}

/* Gets or creates the state of the route; NULL after answering 500. */
static struct fn_state *
state_get(struct runtime *rt, const struct route *route,
    const struct request *req, struct response *res)
{
	struct fn_state *s;
	const char *why;
	char fname[sizeof(route->name)];
	js_State *J;

	if ((s = state_find(rt, route->name)) != NULL)
		return s;
	J = state_new(rt);
	why = load_entry(J, route->name, route->file);
	if (why == NULL && store_exports(J) == -1)
		why = "bad exports";
	if (why != NULL) {
		log_js_error(J, route->name, req->id, why);
		js_freestate(J);
		response_error(res, 500, "Internal Server Error", req->id);
		return NULL;
	}
	ctx_function_name(route->name, fname, sizeof(fname));
	if (run_init(J, rt->pool, fname) == -1) {
		/* the state is dropped: the next request tries init again */
		log_js_error(J, route->name, req->id, "init threw, function "
		    "unavailable");
		js_freestate(J);
		response_error(res, 503, "Service Unavailable", req->id);
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL || (s->name = strdup(route->name)) == NULL)
		log_fatal("calloc");
	s->J = J;
	s->next = rt->states;
	rt->states = s;
	return s;
}

struct runtime *
runtime_new(const struct pool_config *pool)
{
	struct runtime *rt;

	if ((rt = calloc(1, sizeof(*rt))) == NULL)
		log_fatal("calloc");
	rt->pool = pool;
	the_runtime = rt;
	return rt;
}

void
runtime_free(struct runtime *rt)
{
	struct fn_state *s, *next;

	if (rt == NULL)
		return;
	for (s = rt->states; s != NULL; s = next) {
		next = s->next;
		js_freestate(s->J);
		free(s->name);
		free(s);
	}
	if (the_runtime == rt)
		the_runtime = NULL;
	ctx_cleanup();
	free(rt);
}

/* ctx_push under js_try: MuJS may throw (out of memory, stack). */
static int
build_ctx(struct runtime *rt, js_State *J, const struct route *route,
    const struct request *req, char *why, size_t whysize)
{
	int rc;

	if (js_try(J)) {
		snprintf(why, whysize, "cannot build ctx: %s",
		    js_trystring(J, -1, "error"));
		js_pop(J, 1);
		return 500;
	}
	rc = ctx_push(J, rt->pool, req, route, why, whysize);
	js_endtry(J);
	return rc;
}

/* The handler's outcome, or why there was none, into res. */
static void
call_handler(struct runtime *rt, js_State *J, const struct route *route,
    const struct request *req, struct response *res)
{
	char why[512];
	int ctx, rc;

	/* stack: handler */
	if ((rc = build_ctx(rt, J, route, req, why, sizeof(why))) != 0) {
		if (rc >= 500) {
			log_error("%s: request %s: %s", route->name, req->id, why);
			response_error(res, rc, "Internal Server Error", req->id);
			return;
		}
		log_info("%s: request %s refused with %d: %s", route->name,
		    req->id, rc, why);
		response_error(res, rc, why, req->id);
		return;
	}
	ctx = js_gettop(J) - 1;
	js_copy(J, ctx - 1);
	js_pushundefined(J);
	js_copy(J, ctx);
	if (js_pcall(J, 1) != 0) {
		reply_error(J, rt->pool, req, route->name, "threw", res);
		return;
	}
	if (js_try(J)) {
		reply_error(J, rt->pool, req, route->name,
		    "result cannot be sent", res);
		return;
	}
	rc = reply_result(J, ctx, res, why, sizeof(why));
	js_endtry(J);
	if (rc == -1) {
		log_error("%s: bad response (request %s): %s", route->name,
		    req->id, why);
		response_reset(res);
		response_error(res, 500, "Internal Server Error", req->id);
	}
}

/* Picks the handler for the method and answers; stack is restored. */
static void
dispatch(struct runtime *rt, js_State *J, const struct route *route,
    const struct request *req, struct response *res, struct buf *allow)
{
	char why[128];

	if (js_try(J)) {
		reply_error(J, rt->pool, req, route->name, "exports threw", res);
		return;
	}
	switch (handler_select(J, req->method, allow)) {
	case HANDLER_FOUND:
		js_endtry(J);
		call_handler(rt, J, route, req, res);
		return;
	case HANDLER_OPTIONS:
		res->status = 204;
		break;
	case HANDLER_NOT_ALLOWED:
		response_error(res, 405, "Method Not Allowed", req->id);
		break;
	case HANDLER_NONE:
		response_error(res, 500, "Internal Server Error", req->id);
		log_error("%s: the module no longer exports a handler "
		    "(request %s)", route->name, req->id);
		break;
	}
	js_endtry(J);
	if (res->status == 204 || res->status == 405)
		(void)response_add_header(res, "Allow", buf_cstr(allow), why,
		    sizeof(why));
}

void
runtime_handle(struct runtime *rt, const struct route *route,
    const struct request *req, struct response *res)
{
	char fname[sizeof(route->name)];
	struct fn_state *s;
	struct buf allow;
	js_State *J;
	int base;

	ctx_function_name(route->name, fname, sizeof(fname));
	console_begin(rt->pool->name, fname, req->id);
	buf_init(&allow);
	if ((s = state_get(rt, route, req, res)) != NULL) {
		J = s->J;
		base = js_gettop(J);
		dispatch(rt, J, route, req, res, &allow);
		js_pop(J, js_gettop(J) - base);
	}
	cors_apply(rt->pool, req, buf_cstr(&allow), res);
	buf_free(&allow);
	console_begin(NULL, NULL, NULL);
}
