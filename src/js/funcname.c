/*
 * funcname: see funcname.h.  MuJS keeps a function's name only where
 * Function.prototype.toString prints it ("function NAME(a,b) { [byte
 * code] }"; "function Object.keys() { [native code] }" for its own), so
 * the getter reads it from there: it costs only when `name` is read.  A
 * function made without a name gives "", as an anonymous one in Node
 * (which would infer "f" for `var f = function () {}`; MuJS cannot).
 */
#include <string.h>

#include "js/funcname.h"

/* The name in a toString of a function: after "function ", before "(". */
static void
push_name(js_State *J, const char *s)
{
	const char *start, *end, *dot;

	if (strncmp(s, "function ", 9) != 0 || (end = strchr(s, '(')) == NULL) {
		js_pushliteral(J, "");
		return;
	}
	start = s + 9;
	/* MuJS names its own functions by their path: Object.keys */
	for (dot = start; dot < end; dot++)
		if (*dot == '.')
			start = dot + 1;
	if (start > s + 9 && end - start == 9 && memcmp(start, "prototype", 9) == 0)
		start = end;		/* Function.prototype: "" as in Node */
	js_pushlstring(J, start, (int)(end - start));
}

static void
funcname_get(js_State *J)
{
	if (!js_iscallable(J, 0)) {
		js_pushundefined(J);
		return;
	}
	js_getglobal(J, "Function");
	js_getproperty(J, -1, "prototype");
	js_getproperty(J, -1, "toString");
	js_copy(J, 0);
	js_call(J, 0);
	push_name(J, js_tostring(J, -1));
}

void
funcname_install(js_State *J)
{
	js_getglobal(J, "Function");
	js_getproperty(J, -1, "prototype");
	if (!js_hasproperty(J, -1, "name")) {
		js_newcfunction(J, funcname_get, "get name", 0);
		js_pushundefined(J);
		js_defaccessor(J, -3, "name", JS_DONTENUM);
	} else {
		js_pop(J, 1);
	}
	js_pop(J, 2);
}
