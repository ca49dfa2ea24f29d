/*
 * runtime: loads a function's entry module (modules.c) into a fresh MuJS
 * state, keeps the state (least recently used first out, max_states per
 * worker), and calls its handler per request.
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

#include "budget.h"
#include "exitcodes.h"
#include "log.h"
#include "modules.h"
#include "runtime.h"
#include "timeout.h"

#define CT_JSON	"application/json"
#define CT_TEXT	"text/plain; charset=utf-8"

struct fn_state {
	char		*name;		/* "api/users.js" */
	js_State	*J;
	struct budget	 mem;		/* outlives J: its last free is here */
	struct fn_state	*next;
};

struct runtime {
	const struct pool_config *pool;
	const struct router	*router;
	struct fn_state		*states;	/* most recently used first */
	long			 nstates;
	/* the request being served (or "preload"), for console.* */
	const char		*current_id;
	const char		*current_fn;
};

/* MuJS keeps one global panic path; the runtime of this process. */
static struct runtime *the_runtime;

static void
js_panic(js_State *J)
{
	(void)J;
	log_error("MuJS panic (uncaught error outside a protected call)");
	_exit(FNPOOL_EXIT_PANIC);
}

static void
js_report_warning(js_State *J, const char *message)
{
	(void)J;
	log_debug("mujs: %s", message);
}

/* Appends a one-line description of the value at idx (an exception). */
static void
describe_error(js_State *J, int idx, struct buf *out)
{
	volatile int at = idx < 0 ? idx + js_gettop(J) : idx;
	const char *s;
	size_t i, start;

	if (js_try(J)) {
		js_pop(J, 1);
		buf_puts(out, "(exception that cannot be printed)");
		return;
	}
	js_copy(J, at);		/* js_tostring converts in place: keep the object */
	buf_puts(out, js_tostring(J, -1));
	js_pop(J, 1);
	if (js_isobject(J, at) && js_hasproperty(J, at, "stackTrace")) {
		s = js_tostring(J, -1);
		start = out->len;
		buf_puts(out, s);
		for (i = start; i < out->len; i++)
			if (out->data[i] == '\n' || out->data[i] == '\t')
				out->data[i] = ' ';
		js_pop(J, 1);
	}
	js_endtry(J);
}

static void
log_js_error(js_State *J, const char *fn, const char *request_id,
    const char *what)
{
	struct buf msg;

	buf_init(&msg);
	describe_error(J, -1, &msg);
	log_error("%s: %s (request %s): %s", fn, what, request_id,
	    buf_cstr(&msg));
	buf_free(&msg);
}

static void
console_write(js_State *J, enum log_level level)
{
	struct runtime *rt = js_getcontext(J);
	struct buf line;
	int i, n = js_gettop(J);

	buf_init(&line);
	for (i = 1; i < n; i++) {
		if (i > 1)
			buf_putc(&line, ' ');
		if (js_isobject(J, i) && !js_iscallable(J, i)) {
			js_getglobal(J, "JSON");
			js_getproperty(J, -1, "stringify");
			js_rot2(J);
			js_copy(J, i);
			if (js_pcall(J, 1) == 0 && js_isstring(J, -1)) {
				buf_puts(&line, js_tostring(J, -1));
				js_pop(J, 1);
				continue;
			}
			js_pop(J, 1);
		}
		buf_puts(&line, js_trystring(J, i, "?"));
	}
	log_msg(level, "%s: [%s] %s", rt->current_fn ? rt->current_fn : "-",
	    rt->current_id ? rt->current_id : "-", buf_cstr(&line));
	buf_free(&line);
	js_pushundefined(J);
}

static void console_log(js_State *J) { console_write(J, LOG_LEVEL_NOTICE); }
static void console_info(js_State *J) { console_write(J, LOG_LEVEL_INFO); }
static void console_warn(js_State *J) { console_write(J, LOG_LEVEL_WARN); }
static void console_error(js_State *J) { console_write(J, LOG_LEVEL_ERROR); }
static void console_debug(js_State *J) { console_write(J, LOG_LEVEL_DEBUG); }

static void
define_console(js_State *J)
{
	static const struct { const char *name; js_CFunction fn; } m[] = {
		{ "log", console_log }, { "info", console_info },
		{ "warn", console_warn }, { "error", console_error },
		{ "debug", console_debug },
	};
	size_t i;

	js_newobject(J);
	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		js_newcfunction(J, m[i].fn, m[i].name, 0);
		js_setproperty(J, -2, m[i].name);
	}
	js_setglobal(J, "console");
}

/* With module.exports on the stack: finds the handler, stores it, pops. */
static int
store_handler(js_State *J)
{
	static const char *names[] = { "default", "main" };
	size_t i;

	if (js_iscallable(J, -1)) {
		js_setregistry(J, "fnpool.handler");
		return 0;
	}
	for (i = 0; i < 2; i++) {
		if (js_isobject(J, -1) && js_hasproperty(J, -1, names[i])) {
			if (js_iscallable(J, -1)) {
				js_setregistry(J, "fnpool.handler");
				js_pop(J, 1);
				return 0;
			}
			js_pop(J, 1);
		}
	}
	js_pop(J, 1);
	js_pushstring(J, "the module exports no handler: set module.exports "
	    "to a function, or exports.default or exports.main");
	return -1;
}

static js_State *
state_new(struct runtime *rt, struct budget *mem)
{
	js_State *J;

	if ((J = js_newstate(budget_alloc, mem, 0)) == NULL)
		return NULL;
	js_atpanic(J, js_panic);
	js_setreport(J, js_report_warning);
	js_setcontext(J, rt);
	define_console(J);
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
	response_error(res, 500, msg, request_id);
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

/*
 * Loads the route's function into a new state.  Returns NULL after
 * logging why (request_id names the request that asked, or "preload");
 * *oom tells whether loading hit memory_limit.
 */
static struct fn_state *
state_load(struct runtime *rt, const struct route *route,
    const char *request_id, int *oom)
{
	struct fn_state *s;
	const char *why = NULL;

	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->name = strdup(route->name)) == NULL)
		log_fatal("calloc");
	budget_init(&s->mem, (size_t)rt->pool->memory_limit);
	if ((s->J = state_new(rt, &s->mem)) == NULL) {
		if (!s->mem.hit)
			log_fatalx("js_newstate: out of memory");
		why = "memory";
	} else {
		budget_attach(&s->mem, s->J);
		if (modules_pload_entry(s->J, rt->router,
		    route->file + rt->router->rootlen + 1) != 0)
			why = "load failed";
		else if (store_handler(s->J) == -1)
			why = "bad exports";
	}
	if ((*oom = s->mem.hit))
		memory_log(rt, route->name, request_id);
	else if (why != NULL)
		log_js_error(s->J, route->name, request_id, why);
	if (s->mem.hit || why != NULL) {
		state_free(s);
		return NULL;
	}
	return s;
}

/*
 * Gets or creates the state of the route; NULL after answering 500.
 * With module_cache off the state is not kept (runtime_handle frees it).
 */
static struct fn_state *
state_get(struct runtime *rt, const struct route *route,
    const struct request *req, struct response *res)
{
	struct fn_state *s;
	int oom;

	if (rt->pool->module_cache &&
	    (s = state_find(rt, route->name)) != NULL) {
		budget_collect(&s->mem, s->J);
		return s;
	}
	if ((s = state_load(rt, route, req->id, &oom)) == NULL) {
		if (oom)
			memory_response(rt, req->id, res);
		else
			response_error(res, 500, "Internal Server Error",
			    req->id);
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
	the_runtime = rt;
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

static int
preload_one(const struct route *route, void *arg)
{
	struct runtime *rt = arg;
	struct fn_state *s;
	int oom;

	if (rt->nstates >= rt->pool->max_states) {
		log_warn("preload stops at %s: max_states (%ld) reached",
		    route->name, rt->pool->max_states);
		return -1;
	}
	if (state_find(rt, route->name) != NULL)
		return 0;
	rt->current_id = "preload";
	rt->current_fn = route->name;
	timeout_arm(-1, 0, NULL);	/* module code stuck in a loop */
	timeout_function(route->name);
	if ((s = state_load(rt, route, "preload", &oom)) != NULL)
		state_keep(rt, s);
	timeout_disarm();
	rt->current_id = NULL;
	rt->current_fn = NULL;
	return 0;
}

int
runtime_preload(struct runtime *rt)
{
	if (!rt->pool->module_cache)
		return 0;
	router_each(rt->router, preload_one, rt);
	return rt->nstates;
}

void
runtime_free(struct runtime *rt)
{
	if (rt == NULL)
		return;
	runtime_drop_all(rt);
	if (the_runtime == rt)
		the_runtime = NULL;
	free(rt);
}

/* Adds one query pair to the object on top; repeats become arrays. */
static void
query_pair(const char *key, size_t keylen, const char *val, size_t vallen,
    void *arg)
{
	js_State *J = arg;
	int n;

	(void)keylen;
	if (!js_hasproperty(J, -1, key)) {
		js_pushlstring(J, val, (int)vallen);
		js_setproperty(J, -2, key);
		return;
	}
	if (!js_isarray(J, -1)) {
		js_newarray(J);
		js_rot2(J);
		js_setindex(J, -2, 0);
	}
	n = js_getlength(J, -1);
	js_pushlstring(J, val, (int)vallen);
	js_setindex(J, -2, n);
	js_setproperty(J, -2, key);
}

/* "HTTP_X_FORWARDED_FOR=v" -> headers["x-forwarded-for"] = "v" */
static void
push_headers(js_State *J, char *const *env)
{
	char name[256];
	const char *v, *eq;
	size_t i, n;

	js_newobject(J);
	for (; env != NULL && *env != NULL; env++) {
		v = *env;
		if (strncmp(v, "HTTP_", 5) == 0)
			v += 5;
		else if (strncmp(v, "CONTENT_TYPE=", 13) != 0 &&
		    strncmp(v, "CONTENT_LENGTH=", 15) != 0)
			continue;
		if ((eq = strchr(v, '=')) == NULL ||
		    (n = (size_t)(eq - v)) == 0 || n >= sizeof(name))
			continue;
		for (i = 0; i < n; i++)
			name[i] = v[i] == '_' ? '-' :
			    (char)((v[i] >= 'A' && v[i] <= 'Z') ? v[i] + 32 : v[i]);
		name[n] = '\0';
		js_pushstring(J, eq + 1);
		js_setproperty(J, -2, name);
	}
}

static void
push_env(js_State *J, const struct pool_config *pool)
{
	size_t i;

	js_newobject(J);
	for (i = 0; i < pool->nenv; i++) {
		js_pushstring(J, pool->env[i].value);
		js_setproperty(J, -2, pool->env[i].name);
	}
}

static void
push_ctx(js_State *J, const struct runtime *rt, const struct request *req)
{
	js_newobject(J);
	js_pushstring(J, req->method);
	js_setproperty(J, -2, "method");
	js_pushstring(J, req->path);
	js_setproperty(J, -2, "path");
	js_pushstring(J, req->uri);
	js_setproperty(J, -2, "url");
	js_pushnull(J);		/* null prototype, as Node's querystring */
	js_newobjectx(J);
	request_parse_query(req->query_string, query_pair, J);
	js_setproperty(J, -2, "query");
	push_headers(J, req->env);
	js_setproperty(J, -2, "headers");
	js_pushlstring(J, req->body ? req->body : "", (int)req->body_len);
	js_setproperty(J, -2, "body");
	js_pushstring(J, req->id);
	js_setproperty(J, -2, "requestId");
	push_env(J, rt->pool);
	js_setproperty(J, -2, "env");
}

/* Maps the handler's return value (stack top) to the response. */
static int
result_to_response(js_State *J, struct response *res)
{
	switch (js_type(J, -1)) {
	case JS_ISUNDEFINED:
	case JS_ISNULL:
		res->status = 204;
		return 0;
	case JS_ISSTRING:
		res->content_type = CT_TEXT;
		buf_puts(&res->body, js_tostring(J, -1));
		return 0;
	case JS_ISFUNCTION:
		js_pushstring(J, "the handler returned a function");
		return -1;
	default:
		break;
	}
	js_getglobal(J, "JSON");
	js_getproperty(J, -1, "stringify");
	js_rot2pop1(J);
	js_pushundefined(J);
	js_copy(J, -3);
	if (js_pcall(J, 1) != 0)
		return -1;
	if (!js_isstring(J, -1)) {
		js_pushstring(J, "the handler's result cannot be sent as JSON");
		return -1;
	}
	res->content_type = CT_JSON;
	buf_puts(&res->body, js_tostring(J, -1));
	js_pop(J, 1);
	return 0;
}

void
runtime_handle(struct runtime *rt, const struct route *route,
    const struct request *req, struct response *res)
{
	struct fn_state *s;
	js_State *J;
	int base;

	rt->current_id = req->id;
	rt->current_fn = route->name;
	if ((s = state_get(rt, route, req, res)) == NULL)
		goto out;
	J = s->J;
	base = js_gettop(J);
	js_getregistry(J, "fnpool.handler");
	js_pushundefined(J);
	push_ctx(J, rt, req);
	if (js_pcall(J, 1) != 0 || result_to_response(J, res) != 0) {
		if (!s->mem.hit)
			log_js_error(J, route->name, req->id, "threw");
		response_error(res, 500, "Internal Server Error", req->id);
	}
	js_pop(J, js_gettop(J) - base);
	if (s->mem.hit) {		/* even if the function caught it */
		memory_log(rt, route->name, req->id);
		memory_response(rt, req->id, res);
		if (rt->pool->module_cache)
			state_unlink(rt, s);
		state_free(s);
	} else if (!rt->pool->module_cache)
		state_free(s);
out:
	rt->current_id = NULL;
	rt->current_fn = NULL;
}
