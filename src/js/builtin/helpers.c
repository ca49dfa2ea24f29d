/*
 * helpers: see helpers.h.
 */
#include <string.h>

#include "js/asyncfn.h"
#include "js/builtin/helpers.h"
#include "js/generator.h"
#include "js/spread.h"
#include "js/symbol.h"

#define REG_EXPORTS	"helpers.exports"
#define GENERAL		SYMBOL_HIDDEN "helpers general"

int
helpers_provided(const char *name)
{
	return strcmp(name, "fnpool:helpers") == 0;
}

static void
helpers_spread(js_State *J)
{
	spread_push(J, 1);
}

/*
 * What arrayOr(general) returns: its first argument when that is an
 * array, as @swc/helpers' _sliced_to_array and _to_array return it,
 * else what general gives for the arguments.
 */
static void
helpers_array_or_call(js_State *J)
{
	int i, argc = js_gettop(J) - 1;

	if (js_isarray(J, 1)) {
		js_copy(J, 1);
		return;
	}
	js_currentfunction(J);
	js_getproperty(J, -1, GENERAL);
	js_rot2pop1(J);
	js_pushundefined(J);
	for (i = 1; i <= argc; i++)
		js_copy(J, i);
	js_call(J, argc);
}

/* arrayOr(general) */
static void
helpers_array_or(js_State *J)
{
	if (!js_iscallable(J, 1))
		js_typeerror(J, "arrayOr: %s is not a function",
		    js_typeof(J, 1));
	js_getproperty(J, 1, "length");
	js_newcfunction(J, helpers_array_or_call, "",
	    js_tryinteger(J, -1, 0));
	js_copy(J, 1);
	js_defproperty(J, -2, GENERAL, JS_READONLY | JS_DONTENUM |
	    JS_DONTCONF);
}

void
helpers_require(js_State *J)
{
	js_getregistry(J, REG_EXPORTS);
	if (js_isobject(J, -1))
		return;
	js_pop(J, 1);
	js_newobject(J);
	js_newcfunction(J, helpers_spread, "spread", 1);
	js_setproperty(J, -2, "spread");
	asyncfn_install(J, -1, generator_install(J, -1));
	js_newcfunction(J, helpers_array_or, "arrayOr", 1);
	js_setproperty(J, -2, "arrayOr");
	js_copy(J, -1);
	js_setregistry(J, REG_EXPORTS);
}
