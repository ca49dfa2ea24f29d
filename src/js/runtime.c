/*
 * runtime: a worker's MuJS states, one per function: loads its entry
 * module (modules.c) into a fresh state, keeps the state (least recently
 * used first out, max_states per worker), and calls its handler per
 * request with the call (call.h) that its natives see filled in.
 *
 * With isolation = pool there is one state, POOL_STATE, for every
 * function of the pool: each function's entry module is loaded into it
 * on the function's first request ("entered"), and its exports are kept
 * by module id in the state's registry (REG_ENTRIES), from which each
 * request puts its function's exports where handler.c looks for them.
 *
 * Every call into MuJS that can throw goes through js_pcall or js_try:
 * nothing a function does may unwind past this file.
 *
 * Each state allocates through budget_alloc (budget.c), which counts its
 * bytes and refuses those past the pool's memory_limit.  MuJS turns a
 * refusal into a catchable "out of memory" exception, so the refusal is
 * also recorded: a request during which the budget was hit fails with a
 * 500 whatever the function did, and its state is thrown away
 * (docs/limits.md).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mujs.h>

#include "js/budget.h"
#include "js/builtin/fetch.h"
#include "js/call.h"
#include "js/builtin/builtin.h"
#include "js/console.h"
#include "http/cors.h"
#include "js/ctx.h"
#include "core/exitcodes.h"
#include "js/handler.h"
#include "js/hint.h"
#include "js/jsext.h"
#include "js/jsloop.h"
#include "core/log.h"
#include "js/modules.h"
#include "js/reply.h"
#include "js/runtime.h"

#define POOL_STATE	"(pool)"		/* the state name, isolation = pool */
#define REG_ENTRIES	"fnpool.entries"	/* module id -> exports */

struct fn_state {
	char		*name;		/* "api/users.js", or POOL_STATE */
	js_State	*J;
	struct budget	 mem;		/* outlives J: its last free is here */
	struct fn_state	*next;
};

struct runtime {
	const struct pool_config *pool;
	const struct router	*router;
	struct fn_state		*states;	/* most recently used first */
	long			 nstates;
	struct call		 call;		/* every state's context */
	struct buf		 failure;	/* why the last load failed */
	struct buf		 summary;	/* the same on one line, located */
	char			 fname[ROUTER_NAME_MAX + 16];	/* call.function */
	struct fn_state		*finishing;	/* ctx.waitUntil work left */
};

/* ---- MuJS's hooks ------------------------------------------------------ */

static void
runtime_panic(js_State *J)
{
	(void)J;
	log_error("MuJS panic (uncaught error outside a protected call)");
	_exit(FNPOOL_EXIT_PANIC);
}

static void
runtime_report(js_State *J, const char *message)
{
	(void)J;
	log_debug("mujs: %s", message);
}

/* ---- loading a function ------------------------------------------------ */

/*
 * With module.exports on the stack (modules.c has stored it in the
 * registry, see handler.h): pops it.  Fails when no handler is exported.
 */
static int
check_exports(js_State *J)
{
	struct buf allow;
	enum handler_kind kind;

	js_pop(J, 1);
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
state_new(struct runtime *rt, struct budget *mem)
{
	js_State *J;

	if ((J = js_newstate(budget_alloc, mem, 0)) == NULL)
		return NULL;
	js_atpanic(J, runtime_panic);
	js_setreport(J, runtime_report);
	js_setcontext(J, &rt->call);
	console_define(J);
	if (jsext_install(J, budget_alloc, mem) == -1) {
		js_freestate(J);
		return NULL;
	}
	(void)jsloop_install(J);	/* out of memory: the budget says so */
	(void)fetch_install(J, budget_alloc, mem);	/* likewise */
	if (builtin_install(J, rt->pool, rt->router->root) == -1) {
		js_freestate(J);
		return NULL;
	}
	return J;
}

static void
state_free(struct fn_state *s)
{
	if (s->J != NULL)
		js_freestate(s->J);
	free(s->name);
	free(s);
}

static void
memory_log(const struct runtime *rt, const char *fn, const char *request_id)
{
	log_error("%s: request %s hit memory_limit (%ld bytes); the "
	    "function's state is discarded", fn, request_id,
	    rt->pool->memory_limit);
}

static void
memory_response(const struct runtime *rt, const char *request_id,
    struct response *res)
{
	char msg[160];

	snprintf(msg, sizeof(msg), "The function exceeded its memory limit "
	    "(memory_limit = %ld bytes)", rt->pool->memory_limit);
	response_reset(res);
	response_error(res, 500, msg, request_id);
}

/* REG_ENTRIES[id] = the exports just loaded; -1 when MuJS threw. */
static int
entries_put(js_State *J, const char *id)
{
	if (js_try(J))
		return -1;	/* the error stays on top, for the log */
	js_getregistry(J, REG_ENTRIES);
	if (!js_isobject(J, -1)) {
		js_pop(J, 1);
		js_newobject(J);
		js_copy(J, -1);
		js_setregistry(J, REG_ENTRIES);
	}
	js_getregistry(J, HANDLER_EXPORTS);
	js_setproperty(J, -2, id);
	js_pop(J, 1);
	js_endtry(J);
	return 0;
}

/*
 * Loads the route's function into state s and runs its init hook, and
 * keeps its exports by module id (REG_ENTRIES).  Returns 0, or -1 after
 * logging why, with *status as state_load's.
 */
static int
state_enter(struct runtime *rt, struct fn_state *s, const struct route *route,
    const char *request_id, int *status)
{
	char fname[sizeof(route->name)];
	const char *id = route->file + rt->router->rootlen + 1, *why = NULL;
	int top = js_gettop(s->J);

	*status = 500;
	buf_reset(&rt->failure);
	if (modules_pload_entry(s->J, rt->router, id) != 0)
		why = "load failed";
	else if (check_exports(s->J) == -1)
		why = "bad exports";
	else {
		ctx_function_name(route->name, fname, sizeof(fname));
		if (run_init(s->J, rt->pool, fname) == -1) {
			/* not entered: the next request tries init again */
			why = "init threw, function unavailable";
			*status = 503;
		}
	}
	if (why == NULL && !s->mem.hit && rt->pool->shared_state &&
	    entries_put(s->J, id) == -1)
		why = "cannot keep its exports";
	if (s->mem.hit) {
		memory_log(rt, route->name, request_id);
		*status = 0;
	} else if (why != NULL) {
		reply_log_error(s->J, route->name, request_id, why,
		    &rt->failure);
		reply_summary(s->J, why, &rt->summary);
	}
	if (js_gettop(s->J) > top)	/* a shared state lives on */
		js_pop(s->J, js_gettop(s->J) - top);
	return s->mem.hit || why != NULL ? -1 : 0;
}

/*
 * Loads the route's function into a new state and runs its init hook.
 * Returns NULL after logging why (request_id names the request that
 * asked, or "preload"), with *status the HTTP status to answer: 500,
 * 503 when the init hook threw, or 0 when loading hit memory_limit.
 */
static struct fn_state *
state_load(struct runtime *rt, const struct route *route,
    const char *request_id, int *status)
{
	struct fn_state *s;

	if ((s = calloc(1, sizeof(*s))) == NULL || (s->name =
	    strdup(rt->pool->shared_state ? POOL_STATE : route->name)) == NULL)
		log_fatal("calloc");
	budget_init(&s->mem, (size_t)rt->pool->memory_limit);
	*status = 500;
	if ((s->J = state_new(rt, &s->mem)) == NULL) {
		if (!s->mem.hit)
			log_fatalx("js_newstate: out of memory");
		memory_log(rt, route->name, request_id);
		*status = 0;
		state_free(s);
		return NULL;
	}
	budget_attach(&s->mem, s->J);
	if (state_enter(rt, s, route, request_id, status) == -1) {
		state_free(s);
		return NULL;
	}
	return s;
}

/*
 * isolation = pool: makes the route's exports the ones handler.c finds
 * in the shared state s, entering the function first if it is new
 * there.  Returns 0, or -1 with *status as state_load's.
 */
static int
state_select(struct runtime *rt, struct fn_state *s, const struct route *route,
    const char *request_id, int *status)
{
	const char *id = route->file + rt->router->rootlen + 1;
	int found;

	if (js_try(s->J)) {
		js_pop(s->J, 1);
		memory_log(rt, route->name, request_id);
		*status = 0;
		return -1;
	}
	js_getregistry(s->J, REG_ENTRIES);
	found = js_isobject(s->J, -1) && js_hasproperty(s->J, -1, id);
	if (found) {
		js_setregistry(s->J, HANDLER_EXPORTS);
		js_pop(s->J, 1);
	} else
		js_pop(s->J, 1);
	js_endtry(s->J);
	if (found)
		return 0;
	return state_enter(rt, s, route, request_id, status);
}

/* ---- kept states ------------------------------------------------------- */

/* Takes a kept state out of the list, before it is freed. */
static void
state_unlink(struct runtime *rt, struct fn_state *s)
{
	struct fn_state **pp;

	for (pp = &rt->states; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == s) {
			*pp = s->next;
			rt->nstates--;
			return;
		}
	}
}

/* Finds a kept state and moves it to the front (most recently used). */
static struct fn_state *
state_find(struct runtime *rt, const char *name)
{
	struct fn_state *s, **pp;

	for (pp = &rt->states; (s = *pp) != NULL; pp = &s->next) {
		if (strcmp(s->name, name) == 0) {
			*pp = s->next;
			s->next = rt->states;
			rt->states = s;
			return s;
		}
	}
	return NULL;
}

/* Keeps s, evicting the least recently used state beyond the cap. */
static void
state_keep(struct runtime *rt, struct fn_state *s)
{
	struct fn_state **pp;

	s->next = rt->states;
	rt->states = s;
	if (++rt->nstates <= rt->pool->max_states)
		return;
	for (pp = &rt->states; (*pp)->next != NULL; pp = &(*pp)->next)
		;
	log_debug("evicting the state of %s (max_states = %ld)", (*pp)->name,
	    rt->pool->max_states);
	state_free(*pp);
	*pp = NULL;
	rt->nstates--;
}

/* Answers a request whose function could not be loaded or selected. */
static void
state_error(struct runtime *rt, const struct request *req, int status,
    struct response *res)
{
	if (status == 0)
		memory_response(rt, req->id, res);
	else if (status == 500 && rt->pool->expose_errors && rt->failure.len > 0)
		response_error(res, 500, buf_cstr(&rt->failure), req->id);
	else
		response_error(res, status, status == 503 ?
		    "Service Unavailable" : "Internal Server Error", req->id);
}

/*
 * Gets or creates the state of the route; NULL after answering 500 (or
 * 503 when its init hook failed).  With module_cache off the state is
 * not kept (runtime_handle frees it).
 */
static struct fn_state *
state_get(struct runtime *rt, const struct route *route,
    const struct request *req, struct response *res)
{
	const char *key = rt->pool->shared_state ? POOL_STATE : route->name;
	struct fn_state *s;
	int status;

	if (rt->pool->module_cache && (s = state_find(rt, key)) != NULL) {
		budget_collect(&s->mem, s->J);
		if (!rt->pool->shared_state ||
		    state_select(rt, s, route, req->id, &status) == 0)
			return s;
		if (s->mem.hit) {	/* the shared state is lost */
			state_unlink(rt, s);
			state_free(s);
		}
		state_error(rt, req, status, res);
		return NULL;
	}
	if ((s = state_load(rt, route, req->id, &status)) == NULL) {
		state_error(rt, req, status, res);
		return NULL;
	}
	if (rt->pool->module_cache)
		state_keep(rt, s);
	return s;
}

struct runtime *
runtime_new(const struct pool_config *pool, const struct router *router)
{
	struct runtime *rt;

	if ((rt = calloc(1, sizeof(*rt))) == NULL)
		log_fatal("calloc");
	rt->pool = pool;
	rt->router = router;
	rt->call.loop = jsloop_new(NULL);
	rt->call.waituntil = jsloop_waituntil;
	buf_init(&rt->failure);
	buf_init(&rt->summary);
	return rt;
}

int
runtime_drop_all(struct runtime *rt)
{
	struct fn_state *s;
	int n = 0;

	while ((s = rt->states) != NULL) {
		rt->states = s->next;
		state_free(s);
		n++;
	}
	rt->nstates = 0;
	return n;
}

void
runtime_free(struct runtime *rt)
{
	if (rt == NULL)
		return;
	runtime_drop_all(rt);
	jsloop_free(rt->call.loop);
	ctx_cleanup();
	buf_free(&rt->failure);
	buf_free(&rt->summary);
	free(rt);
}

size_t
runtime_memory(const struct runtime *rt, const char *name)
{
	const struct fn_state *s;

	if (rt->pool->shared_state)
		name = POOL_STATE;
	for (s = rt->states; s != NULL; s = s->next)
		if (strcmp(s->name, name) == 0)
			return s->mem.used;
	return 0;
}

/* ---- the call ---------------------------------------------------------- */

/*
 * The call every native of rt's states sees (call.h): the request (NULL
 * at preload), its route and the names that log lines carry.
 */
static void
call_begin(struct runtime *rt, const struct route *route,
    const struct request *req, const char *function, const char *request_id)
{
	struct call *c = &rt->call;

	c->pool = rt->pool;
	c->req = req;
	c->route = route;
	c->function = function;
	c->request_id = request_id;
}

/*
 * The call is over: an old ctx that a function kept no longer builds
 * fields, and console lines outside a call say "-".
 */
static void
call_end(struct runtime *rt)
{
	struct call *c = &rt->call;

	c->pool = NULL;
	c->req = NULL;
	c->route = NULL;
	c->function = NULL;
	c->request_id = NULL;
	c->ctx_serial = 0;
	c->response_used = 0;
}

/* ---- preload ----------------------------------------------------------- */

struct preload {
	struct runtime		*rt;
	runtime_guard		*guard;
	void			*arg;
};

static int
preload_one(const struct route *route, void *arg)
{
	char fname[sizeof(route->name)];
	struct preload *pl = arg;
	struct runtime *rt = pl->rt;
	struct fn_state *s;
	int status;

	if (rt->pool->shared_state &&
	    (s = state_find(rt, POOL_STATE)) != NULL) {
		ctx_function_name(route->name, fname, sizeof(fname));
		call_begin(rt, route, NULL, fname, "preload");
		pl->guard(route->name, 1, pl->arg);
		if (state_select(rt, s, route, "preload", &status) == -1 &&
		    s->mem.hit) {
			state_unlink(rt, s);
			state_free(s);
		}
		pl->guard(route->name, 0, pl->arg);
		call_end(rt);
		return 0;
	}
	if (rt->nstates >= rt->pool->max_states) {
		log_warn("preload stops at %s: max_states (%ld) reached",
		    route->name, rt->pool->max_states);
		return -1;
	}
	if (state_find(rt, route->name) != NULL)
		return 0;
	ctx_function_name(route->name, fname, sizeof(fname));
	call_begin(rt, route, NULL, fname, "preload");
	pl->guard(route->name, 1, pl->arg);
	if ((s = state_load(rt, route, "preload", &status)) != NULL)
		state_keep(rt, s);
	pl->guard(route->name, 0, pl->arg);
	call_end(rt);
	return 0;
}

int
runtime_preload(struct runtime *rt, runtime_guard *guard, void *arg)
{
	struct preload pl = { rt, guard, arg };

	if (!rt->pool->module_cache)
		return 0;
	router_each(rt->router, preload_one, &pl);
	return rt->nstates;
}

/*
 * fnpool check: loads one function as preload does, without keeping its
 * state, except the pool's one state under isolation = pool, which each
 * function enters in turn as it would while serving.
 */
const char *
runtime_check(struct runtime *rt, const struct route *route)
{
	char fname[sizeof(route->name)];
	struct fn_state *s;
	int status, rc;

	ctx_function_name(route->name, fname, sizeof(fname));
	call_begin(rt, route, NULL, fname, "check");
	buf_reset(&rt->summary);
	if (rt->pool->shared_state &&
	    (s = state_find(rt, POOL_STATE)) != NULL) {
		if ((rc = state_select(rt, s, route, "check", &status)) == -1 &&
		    s->mem.hit) {
			state_unlink(rt, s);
			state_free(s);
		}
	} else if ((s = state_load(rt, route, "check", &status)) == NULL)
		rc = -1;
	else {
		rc = 0;
		if (rt->pool->shared_state)
			state_keep(rt, s);
		else
			state_free(s);
	}
	call_end(rt);
	if (rc == 0)
		return NULL;
	if (rt->summary.len == 0)	/* every other failure says why */
		buf_printf(&rt->summary, "load failed: hit memory_limit "
		    "(%ld bytes)", rt->pool->memory_limit);
	return buf_cstr(&rt->summary);
}

/* ---- one request ------------------------------------------------------- */

/* ctx_push under js_try: MuJS may throw (out of memory, stack). */
static int
build_ctx(js_State *J, char *why, size_t whysize)
{
	int rc;

	if (js_try(J)) {
		snprintf(why, whysize, "cannot build ctx: %s",
		    js_trystring(J, -1, "error"));
		js_pop(J, 1);
		return 500;
	}
	rc = ctx_push(J, why, whysize);
	js_endtry(J);
	return rc;
}

/* The handler's outcome, or why there was none, into res. */
static void
call_handler(struct runtime *rt, js_State *J, const struct route *route,
    const struct request *req, struct response *res)
{
	const char *what;
	char why[512];
	int ctx, rc;

	/* stack: handler */
	if ((rc = build_ctx(J, why, sizeof(why))) != 0) {
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
	if ((rc = handler_call(J, 1, route->name, req->id, &what)) != 0) {
		hint_handler(J, ctx - 1);
		reply_error(J, rt->pool, req, route->name, what, res);
		if (rc == HANDLER_UNSETTLED) {	/* fnpool's words, not the code's */
			response_reset(res);
			response_error(res, 500, HANDLER_UNSETTLED_MSG, req->id);
		}
		return;
	}
	if (js_try(J)) {
		reply_error(J, rt->pool, req, route->name,
		    "result cannot be sent", res);
		return;
	}
	res->allow_x_accel = rt->pool->allow_x_accel;
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

/*
 * After a call: a state that hit memory_limit is discarded (res, when
 * there still is one, says so), as is every state without module_cache.
 */
static void
state_after(struct runtime *rt, struct fn_state *s, const char *fn,
    const char *request_id, struct response *res)
{
	if (s->mem.hit) {	/* even if the function caught it */
		memory_log(rt, fn, request_id);
		if (res != NULL)
			memory_response(rt, request_id, res);
		if (rt->pool->module_cache)
			state_unlink(rt, s);
		state_free(s);
	} else if (!rt->pool->module_cache)
		state_free(s);
}

void
runtime_handle(struct runtime *rt, const struct route *route,
    const struct request *req, struct response *res)
{
	struct fn_state *s;
	struct buf allow;
	js_State *J;
	int base, waiting;

	ctx_function_name(route->name, rt->fname, sizeof(rt->fname));
	call_begin(rt, route, req, rt->fname, req->id);
	buf_init(&allow);
	if ((s = state_get(rt, route, req, res)) != NULL) {
		J = s->J;
		base = js_gettop(J);
		dispatch(rt, J, route, req, res, &allow);
		js_pop(J, js_gettop(J) - base);
		waiting = jsloop_waiting(rt->call.loop);
		if (waiting && !s->mem.hit)
			rt->finishing = s;	/* the call goes on */
		else {
			if (waiting)
				jsloop_end(J);
			state_after(rt, s, route->name, req->id, res);
		}
	}
	if (rt->finishing == NULL)
		call_end(rt);
	cors_apply(rt->pool, req, buf_cstr(&allow), res);
	buf_free(&allow);
}

int
runtime_finishing(const struct runtime *rt)
{
	return rt->finishing != NULL;
}

void
runtime_finish(struct runtime *rt)
{
	struct fn_state *s = rt->finishing;

	if (s == NULL)
		return;
	rt->finishing = NULL;
	jsloop_finish(s->J);
	state_after(rt, s, rt->call.route->name, rt->call.request_id, NULL);
	call_end(rt);
}
