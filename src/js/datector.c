/*
 * datector: see datector.h.
 *
 * The new Date is a C constructor whose prototype property is MuJS's
 * Date.prototype, so instanceof, Date.prototype.constructor and every
 * method keep working.  Dates themselves are still made by MuJS's
 * constructor, from a time value, which only MuJS can do; it is kept in
 * the registry with MuJS's valueOf (a date's [[DateValue]], whatever
 * valueOf the date may have been given) and toString (what Date()
 * returns).
 */
#include <math.h>

#include "js/datector.h"
#include "js/datefmt.h"
#include "js/dateparse.h"
#include "js/mujs_private.h"

enum { MUJS_DATE, MUJS_VALUEOF, MUJS_TOSTRING };

static void
push_mujs(js_State *J, int which)
{
	js_getregistry(J, "datector.mujs");
	js_getindex(J, -1, which);
	js_rot2pop1(J);
}

/* Pushes a new date of time value t (MuJS's constructor clips it). */
static void
push_date(js_State *J, double t)
{
	push_mujs(J, MUJS_DATE);
	js_pushnumber(J, t);
	js_construct(J, 1);
}

/* new Date(value): a date's time value, a string parsed, else a number */
static double
time_of(js_State *J, int idx)
{
	if (js_isdateobject(J, idx)) {
		push_mujs(J, MUJS_VALUEOF);
		js_copy(J, idx);
		js_call(J, 0);
		return js_tonumber(J, -1);
	}
	js_toprimitive(J, idx, JS_HNONE);
	if (js_isstring(J, idx))
		return dateparse(js_tostring(J, idx), datefmt_offset());
	return js_tonumber(J, idx);
}

static void
date_new(js_State *J)
{
	int top = js_gettop(J), i;

	if (top == 2) {
		push_date(J, time_of(J, 1));
		return;
	}
	/* now, or from fields in local time: MuJS's own */
	push_mujs(J, MUJS_DATE);
	for (i = 1; i < top; i++)
		js_copy(J, i);
	js_construct(J, top - 1);
}

/* Date() called: the time now as a string, whatever the arguments */
static void
date_call(js_State *J)
{
	push_mujs(J, MUJS_TOSTRING);
	push_mujs(J, MUJS_DATE);
	js_construct(J, 0);
	js_call(J, 0);
}

static void
date_parse(js_State *J)
{
	js_pushnumber(J, dateparse(js_tostring(J, 1), datefmt_offset()));
}

/* Defines name on the object at -1 as the MuJS Date's, at -2, has it. */
static void
copy_static(js_State *J, const char *name)
{
	js_getproperty(J, -2, name);
	js_defproperty(J, -2, name, JS_DONTENUM);
}

void
datector_install(js_State *J)
{
	js_getglobal(J, "Date");
	js_getproperty(J, -1, "prototype");
	js_newarray(J);
	js_copy(J, -3);
	js_setindex(J, -2, MUJS_DATE);
	js_getproperty(J, -2, "valueOf");
	js_setindex(J, -2, MUJS_VALUEOF);
	js_getproperty(J, -2, "toString");
	js_setindex(J, -2, MUJS_TOSTRING);
	js_setregistry(J, "datector.mujs");
	/*
	 * The prototype on top becomes the new constructor's.  Length 0 as
	 * MuJS's (V8 says 7): MuJS pads a C function's arguments with
	 * undefined up to its length, and new Date() is not new Date(undefined).
	 */
	js_newcconstructor(J, date_call, date_new, "Date", 0);
	copy_static(J, "UTC");
	copy_static(J, "now");
	js_newcfunction(J, date_parse, "parse", 1);
	js_defproperty(J, -2, "parse", JS_DONTENUM);
	js_defglobal(J, "Date", JS_DONTENUM);
	js_pop(J, 1);
}
