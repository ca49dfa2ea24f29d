/*
 * cases.h: runs the cases that tests/unit/js/node-cases.js generated (an
 * expression, and what Node 20 gave for it) in a fnpool state made as
 * runtime.c makes one, with the same runner Node used, and compares.
 * The including file defines runner_js, prelude_js and cases[], a table
 * of struct node_case.
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

/* A case: an expression, and what Node's runner gave for it. */
struct node_case {
	const char	*expr, *want;
};

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

/* Runs each case of the table in J, a test each. */
static inline void
cases_each(js_State *J, const struct node_case *table, size_t n)
{
	struct buf out;
	size_t i;

	buf_init(&out);
	for (i = 0; i < n; i++)
		is_str(cases_run(J, table[i].expr, &out), table[i].want,
		    table[i].expr);
	buf_free(&out);
}

/* Runs the table in a state of its own with the runner and prelude. */
static inline void
cases_table(const char *runner, const char *prelude,
    const struct node_case *table, size_t n)
{
	struct budget mem;
	js_State *J;

	if ((J = cases_state(&mem, runner, prelude)) == NULL) {
		ok(0, "a state with the runner");
		return;
	}
	cases_each(J, table, n);
	js_freestate(J);
}

/*
 * Checks of expressions fnpool alone answers ({ expression, want }), in
 * a state of their own with the runner and prelude.
 */
static inline void
cases_check(const char *runner, const char *prelude,
    const char *const (*checks)[2], size_t n)
{
	struct budget mem;
	struct buf out;
	js_State *J;
	size_t i;

	if ((J = cases_state(&mem, runner, prelude)) == NULL) {
		ok(0, "a state with the runner");
		return;
	}
	buf_init(&out);
	for (i = 0; i < n; i++)
		is_str(cases_run(J, checks[i][0], &out), checks[i][1],
		    checks[i][0]);
	buf_free(&out);
	js_freestate(J);
}

#endif
