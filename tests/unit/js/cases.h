/*
 * cases.h: runs the cases that tests/unit/js/node-cases.js generated (an
 * expression, and what Node 20 gave for it) in a fnpool state made as
 * runtime.c makes one, with the same runner Node used, and compares.
 * The including file defines runner_js, prelude_js and cases[].
 */
#ifndef FNPOOL_TEST_CASES_H
#define FNPOOL_TEST_CASES_H

#include <mujs.h>

#include "core/buf.h"
#include "js/budget.h"
#include "js/builtin/builtin.h"
#include "js/call.h"
#include "js/console.h"
#include "js/handler.h"
#include "js/jsext.h"
#include "js/jsloop.h"
#include "tap.h"

/* require() in the cases: the built-in modules. */
static void
cases_require(js_State *J)
{
	const char *name = js_tostring(J, 1);

	if (!builtin_provided(name))
		js_error(J, "Cannot find module '%s'", name);
	builtin_require(J, name);
}

static struct call cases_call;	/* every state's, as a runtime's are */

/* A state as runtime.c makes one, with the runner and the prelude. */
static js_State *
cases_state(struct budget *mem, const char *runner, const char *prelude)
{
	js_State *J;

	budget_init(mem, 0);
	if ((J = js_newstate(budget_alloc, mem, 0)) == NULL)
		return NULL;
	if (cases_call.loop == NULL)
		cases_call.loop = jsloop_new(NULL);
	js_setcontext(J, &cases_call);
	console_define(J);
	if (jsext_install(J, budget_alloc, mem) != 0 || jsloop_install(J) != 0 ||
	    builtin_install(J, NULL, "/srv/functions") != 0)
		return NULL;
	js_newcfunction(J, cases_require, "require", 1);
	js_setglobal(J, "require");
	if (js_dostring(J, runner) != 0 || js_dostring(J, prelude) != 0)
		return NULL;
	return J;
}

/* What runCase(expr) gives in J, awaited, into out. */
static const char *
cases_run(js_State *J, const char *expr, struct buf *out)
{
	const char *what = "";
	int rc;

	buf_reset(out);
	js_getglobal(J, "runCase");
	js_pushundefined(J);
	js_pushstring(J, expr);
	rc = handler_call(J, 1, "case", "case", &what);
	if (rc != 0)
		buf_printf(out, "(the runner failed: %s: %s)", what,
		    js_trystring(J, -1, "?"));
	else
		buf_puts(out, js_trystring(J, -1, "(cannot print)"));
	js_pop(J, 1);
	return buf_cstr(out);
}

#endif
