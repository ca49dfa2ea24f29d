/*
 * handler: see handler.h.  The exports object is read anew for each
 * request, so a module may replace its handlers at run time.
 */
#include <string.h>

#include "js/call.h"
#include "js/handler.h"
#include "js/jsloop.h"

static const char *const methods[] = {
	"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
};
#define NMETHODS	(sizeof(methods) / sizeof(methods[0]))

/* Pushes exports[name] and returns 1 when it is callable; else 0. */
static int
get_callable(js_State *J, int idx, const char *name)
{
	if (!js_isobject(J, idx) || !js_hasproperty(J, idx, name))
		return 0;
	if (js_iscallable(J, -1))
		return 1;
	js_pop(J, 1);
	return 0;
}

/* Fills allow from the per-method exports; returns how many there are. */
static int
allowed(js_State *J, int idx, int fallback, struct buf *allow)
{
	size_t i;
	int n = 0, has_get = 0;

	buf_reset(allow);
	for (i = 0; i < NMETHODS; i++) {
		int has = fallback || get_callable(J, idx, methods[i]);

		if (has && !fallback)
			js_pop(J, 1);
		if (!has && strcmp(methods[i], "HEAD") == 0 && has_get)
			has = 1;
		if (!has && strcmp(methods[i], "OPTIONS") == 0)
			has = 1;	/* fnpool answers it */
		if (strcmp(methods[i], "GET") == 0)
			has_get = has;
		if (!has)
			continue;
		if (allow->len > 0)
			buf_puts(allow, ", ");
		buf_puts(allow, methods[i]);
		if (!fallback && strcmp(methods[i], "OPTIONS") != 0)
			n++;
	}
	buf_cstr(allow);
	return n;
}

static int
method_listed(const char *method)
{
	size_t i;

	for (i = 0; i < NMETHODS; i++)
		if (strcmp(methods[i], method) == 0)
			return 1;
	return 0;
}

/*
 * The common case, without building Allow (only OPTIONS and 405 use it):
 * a handler for the method, else the module's own fallback.  Pushes it
 * and returns 1; 0 with the stack as it was when the full rules apply.
 */
static int
select_fast(js_State *J, int ex, const char *method)
{
	if (strcmp(method, "OPTIONS") == 0 || !method_listed(method))
		return 0;
	if (get_callable(J, ex, method) ||
	    (strcmp(method, "HEAD") == 0 && get_callable(J, ex, "GET")) ||
	    get_callable(J, ex, "default") || get_callable(J, ex, "main")) {
		js_rot2pop1(J);
		return 1;
	}
	return js_iscallable(J, ex);
}

enum handler_kind
handler_select(js_State *J, const char *method, struct buf *allow)
{
	int ex, fallback = 0, permethod;

	js_getregistry(J, HANDLER_EXPORTS);
	ex = js_gettop(J) - 1;
	if (select_fast(J, ex, method))
		return HANDLER_FOUND;
	if (js_iscallable(J, ex))
		fallback = 1;
	else if (get_callable(J, ex, "default") || get_callable(J, ex, "main")) {
		js_pop(J, 1);
		fallback = 1;
	}
	permethod = allowed(J, ex, 0, allow);
	if (permethod == 0 && !fallback) {
		js_pop(J, 1);
		return HANDLER_NONE;
	}
	if (get_callable(J, ex, method) ||
	    (strcmp(method, "HEAD") == 0 && get_callable(J, ex, "GET"))) {
		js_rot2pop1(J);
		return HANDLER_FOUND;
	}
	if (fallback)
		allowed(J, ex, 1, allow);
	if (strcmp(method, "OPTIONS") == 0) {
		js_pop(J, 1);
		return HANDLER_OPTIONS;
	}
	if (!fallback) {
		js_pop(J, 1);
		return HANDLER_NOT_ALLOWED;
	}
	if (js_iscallable(J, ex))
		return HANDLER_FOUND;
	if (!get_callable(J, ex, "default"))
		get_callable(J, ex, "main");
	js_rot2pop1(J);
	return HANDLER_FOUND;
}

/* Replaces the pushed call (function, this, nargs) with the value on top. */
static void
drop_call(js_State *J, int nargs)
{
	int i, at = js_gettop(J) - nargs - 3;

	for (i = 0; i < nargs + 2; i++)
		js_remove(J, at);
}

/* handler_call's halves, inline in it: a request's path stays as short */
static inline int
start(js_State *J, int nargs, const char *fn, const char *request_id,
    const char **what)
{
	int rc = 0;

	if (jsloop_begin(J, fn, request_id) == -1) {
		drop_call(J, nargs);
		*what = "a microtask queued by module code threw";
		jsloop_end(J);
		return HANDLER_NOLOOP;
	}
	if (js_pcall(J, nargs) != 0) {
		*what = "threw";
		rc = -1;
	} else if ((rc = jsloop_await(J)) == -1)
		*what = "returned a thenable whose then cannot be read";
	return rc;
}

static inline int
settle(js_State *J, int rc, int looprc, const char **what)
{
	const struct call *c = js_getcontext(J);

	if (looprc == -1) {
		if (rc != 1)
			js_rot2pop1(J);	/* the callback's error wins */
		rc = -1;
	} else if (rc == 1) {
		rc = -1;
		switch (jsloop_outcome(J)) {
		case JSLOOP_FULFILLED:
			rc = 0;
			break;
		case JSLOOP_REJECTED:
			*what = "rejected";
			break;
		case JSLOOP_PENDING:
			js_newerror(J, "the handler's promise never settled, "
			    "and no timer or callback was left to settle it");
			*what = "never settled";
			rc = HANDLER_UNSETTLED;
			break;
		}
	}
	if (!jsloop_waiting(c->loop))
		jsloop_end(J);	/* else runtime_finish, after the response */
	return rc;
}

int
handler_call(js_State *J, int nargs, const char *fn, const char *request_id,
    const char **what)
{
	int rc;

	if ((rc = start(J, nargs, fn, request_id, what)) == HANDLER_NOLOOP)
		return -1;
	return settle(J, rc, jsloop_run(J, what), what);
}

int
handler_start(js_State *J, int nargs, const char *fn, const char *request_id,
    const char **what)
{
	return start(J, nargs, fn, request_id, what);
}

int
handler_settle(js_State *J, int rc, int looprc, const char **what)
{
	return settle(J, rc, looprc, what);
}
