/*
 * regexp_matchall: see regexp_matchall.h.  The iterators share one
 * prototype per state, made on the first matchAll (registry key
 * PROTO), so a state that never calls matchAll pays nothing.  An
 * iterator keeps its regexp and string in hidden properties.
 */
#include "js/regexp_matchall.h"
#include "js/regexp_mujs.h"
#include "js/symbol.h"

#define TAG	"RegExp String Iterator"
#define PROTO	"regexp.matchall"
#define MATCHER	SYMBOL_HIDDEN "matcher"
#define STRING	SYMBOL_HIDDEN "string"
#define DONE	SYMBOL_HIDDEN "done"

/* Pushes { value: the value on top, done }, the value popped. */
static void
push_result(js_State *J, int done)
{
	js_newobject(J);
	js_rot2(J);
	js_setproperty(J, -2, "value");
	js_pushboolean(J, done);
	js_setproperty(J, -2, "done");
}

static void
finish(js_State *J)
{
	js_pushboolean(J, 1);
	js_defproperty(J, 0, DONE, JS_DONTENUM);
	js_pushundefined(J);
	push_result(J, 1);
}

/* %RegExpStringIteratorPrototype%.next (ES2020 21.2.7.2.1) */
static void
matchall_next(js_State *J)
{
	int flags, empty;

	if (!js_isobject(J, 0) || !js_hasproperty(J, 0, MATCHER))
		js_typeerror(J, "next method called on an object that is not "
		    "a %s", TAG);
	js_getproperty(J, 0, DONE);		/* 1: the matcher */
	if (js_toboolean(J, -1)) {
		js_pushundefined(J);
		push_result(J, 1);
		return;
	}
	js_pop(J, 1);
	js_getproperty(J, 0, STRING);		/* 2: the string */
	js_getproperty(J, 1, "exec");
	js_copy(J, 1);
	js_copy(J, 2);
	js_call(J, 1);				/* 3: the match */
	if (js_isnull(J, -1)) {
		finish(J);
		return;
	}
	regexp_mujs_prog(J, 1, &flags);
	if (!(flags & RX_G)) {
		js_pushboolean(J, 1);
		js_defproperty(J, 0, DONE, JS_DONTENUM);
		push_result(J, 0);
		return;
	}
	js_getindex(J, -1, 0);
	empty = *js_tostring(J, -1) == '\0';
	js_pop(J, 1);
	if (empty)			/* AdvanceStringIndex: one on */
		regexp_mujs_set_last(J, 1, regexp_mujs_last(J, 1, NULL) + 1);
	push_result(J, 0);
}

static void
return_this(js_State *J)
{
	js_copy(J, 0);
}

static void
push_proto(js_State *J)
{
	js_getregistry(J, PROTO);
	if (js_isobject(J, -1))
		return;
	js_pop(J, 1);
	symbol_hide(J);			/* the iterators have hidden keys */
	js_newobject(J);
	js_newcfunction(J, matchall_next, "next", 0);
	js_defproperty(J, -2, "next", JS_DONTENUM);
	js_newcfunction(J, return_this, "[Symbol.iterator]", 0);
	js_defproperty(J, -2, SYMBOL_ITERATOR, JS_DONTENUM);
	js_pushliteral(J, TAG);
	js_defproperty(J, -2, SYMBOL_TOSTRINGTAG, JS_READONLY | JS_DONTENUM);
	js_copy(J, -1);
	js_setregistry(J, PROTO);
}

void
regexp_matchall_push(js_State *J, int re, int str)
{
	re = re < 0 ? js_gettop(J) + re : re;
	str = str < 0 ? js_gettop(J) + str : str;
	push_proto(J);
	js_newobjectx(J);
	js_copy(J, re);
	js_defproperty(J, -2, MATCHER, JS_DONTENUM);
	js_copy(J, str);
	js_defproperty(J, -2, STRING, JS_DONTENUM);
	js_pushboolean(J, 0);
	js_defproperty(J, -2, DONE, JS_DONTENUM);
}
