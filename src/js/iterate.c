/*
 * iterate: see iterate.h.  The messages are V8's for a value it cannot
 * name by its source (new Set(5)): "number 5 is not iterable (cannot
 * read property Symbol(Symbol.iterator))".
 */
#include "js/iterate.h"
#include "js/symbol.h"

void
iterate_method(js_State *J, int idx)
{
	if (js_isundefined(J, idx) || js_isnull(J, idx)) {
		js_pushundefined(J);
		return;
	}
	js_copy(J, idx);		/* js_getproperty makes it an object */
	js_getproperty(J, -1, SYMBOL_ITERATOR);
	js_rot2pop1(J);
}

void
iterate_start(js_State *J, int idx)
{
	const char *type;

	if (idx < 0)
		idx += js_gettop(J);
	if (js_isundefined(J, idx) || js_isnull(J, idx))
		js_typeerror(J, "%s is not iterable (cannot read property "
		    "Symbol(Symbol.iterator))", js_tostring(J, idx));
	if (!js_iscallable(J, -1)) {
		type = js_typeof(J, idx);	/* js_tostring converts in place */
		if (js_isobject(J, idx))
			js_typeerror(J, "%s is not iterable (cannot read "
			    "property Symbol(Symbol.iterator))", type);
		js_typeerror(J, "%s %s is not iterable (cannot read property "
		    "Symbol(Symbol.iterator))", type, js_tostring(J, idx));
	}
	js_copy(J, idx);
	js_call(J, 0);
	if (!js_isobject(J, -1))
		js_typeerror(J, "Result of the Symbol.iterator method is not an "
		    "object");
}

void
iterate_open(js_State *J, int idx)
{
	if (idx < 0)
		idx += js_gettop(J);
	iterate_method(J, idx);
	iterate_start(J, idx);
}

int
iterate_step(js_State *J, int idx)
{
	int done;

	js_getproperty(J, idx, "next");
	js_copy(J, idx);
	js_call(J, 0);
	if (!js_isobject(J, -1))
		js_typeerror(J, "Iterator result %s is not an object",
		    js_tostring(J, -1));
	js_getproperty(J, -1, "done");
	done = js_toboolean(J, -1);
	js_pop(J, 1);
	if (done) {
		js_pop(J, 1);
		return 0;
	}
	js_getproperty(J, -1, "value");
	js_rot2pop1(J);
	return 1;
}
