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
#include "js/builtin/db.h"
#include "js/builtin/fetch_curl.h"
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
	int		 users;		/* requests in flight on it (rtreq) */
	int		 orphan;	/* dropped while in use: the last frees */
};

/*
 * A request in flight (max_concurrent above 1): its call, with a loop of
 * its own, is the runtime's while its callbacks run (rq_enter), and the
 * values its handler left on the stack wait in the registry (stash)
 * between turns, so that the stack is the other requests' meanwhile.
 */
struct rtreq {
	struct fn_state		*s;
	const struct route	*route;
	const struct request	*req;
	struct call		 call;		/* its own while it waits */
	struct buf		 allow;
	char			 fname[ROUTER_NAME_MAX + 16];
	char			 key[40];	/* its stash in the registry */
	char			 ekey[40];	/* a callback's exception */
	int			 nstash;	/* values stashed */
	int			 hrc;		/* handler_start's */
	int			 failed;	/* a callback threw: its
						   exception waits in ekey */
	const char		*what;
	int			 background;	/* answered: ctx.waitUntil work */
};

struct runtime {
	const struct pool_config *pool;
	const struct router	*router;
	struct fn_state		*states;	/* most recently used first */
	long			 nstates;
	struct call		 call;		/* every state's context */
	struct jsloop		*loop;		/* the call's between requests
						   in flight (rtreq) */
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

/*
 * Frees s, which is not kept (or no longer).  A state that requests in
 * flight still use (max_concurrent) goes when the last of them ends.
 */
static void
state_free(struct fn_state *s)
{
	if (s->users > 0) {
		s->orphan = 1;
		return;
	}
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
 * not kept (runtime_handle frees it).  Inlined in both its callers, as
 * it was in runtime_handle alone: hello's instructions per request.
 */
static inline __attribute__((always_inline)) struct fn_state *
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
	rt->call.loop = rt->loop = jsloop_new(NULL);
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
	jsloop_free(rt->loop);
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

/*
 * The handler's outcome into res, from handler_call's rc (or
 * handler_settle's) with ctx at index ctx and the handler below it.
 */
static inline void
call_reply(struct runtime *rt, js_State *J, const struct route *route,
    const struct request *req, struct response *res, int rc, int ctx,
    const char *what)
{
	char why[512];

	if (rc != 0) {
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

static int stash(js_State *, struct rtreq *, int base);

/*
 * The handler's outcome, or why there was none, into res.  With rq (a
 * request in flight, max_concurrent), the loop runs one turn: returns 1
 * when it waits, its values kept (stash) for runtime_step; else 0.
 */
static int
call_handler(struct runtime *rt, js_State *J, const struct route *route,
    const struct request *req, struct response *res, struct rtreq *rq)
{
	const char *what = NULL;
	char why[512];
	int ctx, rc, looprc;
	int64_t due;

	/* stack: handler */
	if ((rc = build_ctx(J, why, sizeof(why))) != 0) {
		if (rc >= 500) {
			log_error("%s: request %s: %s", route->name, req->id, why);
			response_error(res, rc, "Internal Server Error", req->id);
			return 0;
		}
		log_info("%s: request %s refused with %d: %s", route->name,
		    req->id, rc, why);
		response_error(res, rc, why, req->id);
		return 0;
	}
	ctx = js_gettop(J) - 1;
	js_copy(J, ctx - 1);
	js_pushundefined(J);
	js_copy(J, ctx);
	if (rq == NULL)
		rc = handler_call(J, 1, route->name, req->id, &what);
	else if ((rc = handler_start(J, 1, route->name, req->id, &what)) ==
	    HANDLER_NOLOOP)
		rc = -1;
	else if ((looprc = jsloop_turn(J, &what, &due)) == 0) {
		rq->hrc = rc;
		return stash(J, rq, ctx - 1);
	} else
		rc = handler_settle(J, rc, looprc, &what);
	call_reply(rt, J, route, req, res, rc, ctx, what);
	return 0;
}

/*
 * Picks the handler for the method and answers; the caller restores the
 * stack.  Returns 1 when rq's loop waits (call_handler), else 0.
 */
static int
dispatch(struct runtime *rt, js_State *J, const struct route *route,
    const struct request *req, struct response *res, struct buf *allow,
    struct rtreq *rq)
{
	char why[128];

	if (js_try(J)) {
		reply_error(J, rt->pool, req, route->name, "exports threw", res);
		return 0;
	}
	switch (handler_select(J, req->method, allow)) {
	case HANDLER_FOUND:
		js_endtry(J);
		return call_handler(rt, J, route, req, res, rq);
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
	return 0;
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
		(void)dispatch(rt, J, route, req, res, &allow, NULL);
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

/* ---- requests in flight (max_concurrent above 1) ----------------------- */

static unsigned long rq_serial;

/* rq's call becomes the one every state sees; ctx serials stay unique. */
static void
rq_enter(struct runtime *rt, struct rtreq *rq)
{
	uintptr_t last = rt->call.ctx_last;

	rt->call = rq->call;
	rt->call.ctx_last = last;
}

static void
rq_leave(struct runtime *rt, struct rtreq *rq)
{
	rq->call = rt->call;
	call_end(rt);
	rt->call.loop = rt->loop;
}

/* Keeps the values from base up in the registry; returns 1. */
static int
stash(js_State *J, struct rtreq *rq, int base)
{
	int i, top = js_gettop(J);

	rq->nstash = top - base;
	if (js_try(J)) {	/* out of memory: the budget says so */
		js_pop(J, 1);
		rq->nstash = 0;
		return 1;
	}
	js_newarray(J);
	for (i = base; i < top; i++) {
		js_copy(J, i);
		js_setindex(J, -2, i - base);
	}
	js_setregistry(J, rq->key);
	js_endtry(J);
	js_pop(J, top - base);
	return 1;
}

/* Pushes the stashed values back; -1 when they are lost (memory). */
static int
unstash(js_State *J, struct rtreq *rq)
{
	int i, n = rq->nstash;

	if (js_try(J))
		return -1;
	js_getregistry(J, rq->key);
	if (!js_isarray(J, -1) || n == 0) {
		js_endtry(J);
		js_pop(J, 1);
		return -1;
	}
	for (i = 0; i < n; i++)
		js_getindex(J, -1 - i, i);
	js_remove(J, -1 - n);
	js_delregistry(J, rq->key);
	js_endtry(J);
	rq->nstash = 0;
	return 0;
}

/* Pushes the exception a callback threw (rq->failed). */
static void
failure_push(js_State *J, struct rtreq *rq)
{
	js_getregistry(J, rq->ekey);
	js_delregistry(J, rq->ekey);
	rq->failed = 0;
}

/* Keeps the exception on top for the request's next step. */
static void
failure_keep(js_State *J, struct rtreq *rq, const char *what)
{
	rq->failed = 1;
	rq->what = what;
	js_setregistry(J, rq->ekey);
}

/* The end of a request in flight, answered or not: as runtime_handle's. */
static void
rq_free(struct runtime *rt, struct rtreq *rq, struct response *res)
{
	struct fn_state *s = rq->s;

	if (s != NULL)
		s->users--;
	if (s != NULL && !s->orphan)
		state_after(rt, s, rq->route->name, rq->req->id, res);
	else if (s != NULL) {
		/* dropped while in use: by another request's memory_limit,
		   which fails every request in flight on it, or a deploy */
		if (s->mem.hit && res != NULL) {
			memory_log(rt, rq->route->name, rq->req->id);
			memory_response(rt, rq->req->id, res);
		}
		if (s->users == 0) {
			s->orphan = 0;
			state_free(s);
		}
	}
	if (res != NULL)
		cors_apply(rt->pool, rq->req, buf_cstr(&rq->allow), res);
	jsloop_free(rq->call.loop);
	buf_free(&rq->allow);
	free(rq);
}

/*
 * The handler's value is settled (or the loop failed): the response,
 * then either the end or the ctx.waitUntil work in the background.
 */
static enum runtime_step
rq_answer(struct runtime *rt, struct rtreq *rq, int looprc, const char *what,
    struct response *res)
{
	js_State *J = rq->s->J;
	int base = js_gettop(J), rc;

	if (unstash(J, rq) == -1) {
		rq->s->mem.hit = 1;	/* lost its values to memory_limit */
		jsloop_end(J);
		rq_leave(rt, rq);
		rq_free(rt, rq, res);
		return RUNTIME_DONE;
	}
	if (rq->failed)
		failure_push(J, rq);
	rc = handler_settle(J, rq->hrc, looprc, &what);
	call_reply(rt, J, rq->route, rq->req, res, rc, base + 1, what);
	js_pop(J, js_gettop(J) - base);
	if (jsloop_waiting(rq->call.loop) && !rq->s->mem.hit) {
		rq->background = 1;
		jsloop_background(J);
		cors_apply(rt->pool, rq->req, buf_cstr(&rq->allow), res);
		rq_leave(rt, rq);
		return RUNTIME_ANSWERED;
	}
	if (jsloop_waiting(rq->call.loop))
		jsloop_end(J);
	rq_leave(rt, rq);
	rq_free(rt, rq, res);
	return RUNTIME_DONE;
}

struct rtreq *
runtime_start(struct runtime *rt, const struct route *route,
    const struct request *req, struct response *res)
{
	struct rtreq *rq;
	js_State *J;
	int base;

	if ((rq = calloc(1, sizeof(*rq))) == NULL)
		log_fatal("calloc");
	rq->route = route;
	rq->req = req;
	buf_init(&rq->allow);
	snprintf(rq->key, sizeof(rq->key), "fnpool.rq.%lu", ++rq_serial);
	snprintf(rq->ekey, sizeof(rq->ekey), "fnpool.rq.%lu!", rq_serial);
	ctx_function_name(route->name, rq->fname, sizeof(rq->fname));
	rq->call.loop = jsloop_new(rq);
	rq->call.waituntil = jsloop_waituntil;
	rq_enter(rt, rq);
	call_begin(rt, route, req, rq->fname, req->id);
	if ((rq->s = state_get(rt, route, req, res)) == NULL) {
		rq_leave(rt, rq);
		rq_free(rt, rq, res);
		return NULL;
	}
	rq->s->users++;
	J = rq->s->J;
	base = js_gettop(J);
	if (dispatch(rt, J, route, req, res, &rq->allow, rq) == 1) {
		rq_leave(rt, rq);
		return rq;
	}
	js_pop(J, js_gettop(J) - base);
	if (jsloop_waiting(rq->call.loop) && !rq->s->mem.hit) {
		rq->background = 1;
		jsloop_background(J);
		cors_apply(rt->pool, req, buf_cstr(&rq->allow), res);
		rq_leave(rt, rq);
		return rq;
	}
	if (jsloop_waiting(rq->call.loop))
		jsloop_end(J);
	rq_leave(rt, rq);
	rq_free(rt, rq, res);
	return NULL;
}

int
runtime_answered(const struct rtreq *rq)
{
	return rq->background;
}

/* The background work's last turn: logged, ended, freed. */
static enum runtime_step
rq_finished(struct runtime *rt, struct rtreq *rq, int rc, const char *what)
{
	jsloop_finished(rq->s->J, rc, what);
	rq_leave(rt, rq);
	rq_free(rt, rq, NULL);
	return RUNTIME_DONE;
}

enum runtime_step
runtime_step(struct runtime *rt, struct rtreq *rq, struct response *res)
{
	const char *what = "failed";
	int64_t due;
	int rc;

	rq_enter(rt, rq);
	if (!rq->failed) {
		if ((rc = jsloop_turn(rq->s->J, &what, &due)) == 0) {
			rq_leave(rt, rq);
			return RUNTIME_WAITING;
		}
		if (rc == -1)
			failure_keep(rq->s->J, rq, what);
	}
	rc = rq->failed ? -1 : 1;
	what = rq->what;
	if (rq->background) {
		if (rq->failed)
			failure_push(rq->s->J, rq);
		return rq_finished(rt, rq, rc, what);
	}
	return rq_answer(rt, rq, rc, what, res);
}

void
runtime_note(const struct rtreq *rq, char *note, size_t size)
{
	char host[256];

	if (fetch_curl_host(rq->call.loop, host, sizeof(host)))
		snprintf(note, size, "fetch to %s", host);
	else if (db_async_note(rq->call.loop, note, size))
		return;
	else if (size > 0)
		note[0] = '\0';
}

int64_t
runtime_due(const struct rtreq *rq)
{
	return rq->failed ? 0 : jsloop_due(rq->call.loop);
}

void
runtime_cancel(struct runtime *rt, struct rtreq *rq)
{
	rq_enter(rt, rq);
	if (rq->nstash > 0)
		js_delregistry(rq->s->J, rq->key);
	if (rq->failed)
		js_delregistry(rq->s->J, rq->ekey);
	jsloop_end(rq->s->J);
	rq_leave(rt, rq);
	rq_free(rt, rq, NULL);
}

struct rtreq *
runtime_io(struct runtime *rt, void (*before)(struct rtreq *, void *),
    void *arg)
{
	const struct jsloop_io *source;
	const struct jsloop *L;
	struct rtreq *rq;
	js_State *J;
	void *token;

	if (!jsloop_next(&J, &L, &token, &source))
		return NULL;
	rq = jsloop_owner(L);
	before(rq, arg);
	rq_enter(rt, rq);
	if (source->deliver(token) == -1) {
		if (rq->failed)
			js_pop(J, 1);	/* the first one is told */
		else
			failure_keep(J, rq, source->what);
	}
	rq_leave(rt, rq);
	return rq;
}
