/*
 * proto: see proto.h.
 *
 * Why writing the field is safe: MuJS 1.3.6 reads `prototype` afresh on
 * every use and derives nothing from it.  Property lookup, `in`,
 * instanceof, isPrototypeOf and Object.getPrototypeOf walk the chain
 * each time; an object's class (`type`: Array, Function, arguments, ...)
 * comes from how it was made, not from its prototype, so an array keeps
 * its length and a function stays callable (as in Node); a for-in
 * iterator copies the names when it starts, so one running over a
 * changed chain sees the old names (ES leaves that open) and holds no
 * pointer into the chain; the garbage collector marks through the field
 * when it runs and has no write barrier to tell.  What MuJS does assume
 * is that chains end: set_prototype refuses a cycle, as V8 does.
 */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "js/mujs_private.h"
#include "js/proto.h"
#include "js/symbol.h"

#define OBJECT_PROTO	"proto.objectproto"	/* registry key */

enum refusal { SET, NOT_EXTENSIBLE, CYCLE, IMMUTABLE };

static int probed;		/* 0: not yet, 1: passed, -1: failed */
static char probe_error[200];

static struct mujs_object *
mirror(js_State *J, int idx)
{
	return (struct mujs_object *)js_toobject(J, idx);
}

/* ---- the probe ---------------------------------------------------------- */

/* With a (its prototype Object.prototype) at -2 and b at -1. */
static int
probe_objects(js_State *J, char *err, size_t errlen)
{
	struct mujs_object *a = mirror(J, -2), *b = mirror(J, -1), *op;

	js_getglobal(J, "Object");
	js_getproperty(J, -1, "prototype");
	op = mirror(J, -1);
	js_pop(J, 2);
	if (a->type != MUJS_COBJECT || a->extensible != 1 ||
	    a->prototype != op || op->prototype != NULL) {
		snprintf(err, errlen, "an object's class, extensible flag or "
		    "prototype is not where MuJS 1.3.6 keeps it");
		return -1;
	}
	a->prototype = b;
	js_getglobal(J, "Object");
	js_getproperty(J, -1, "getPrototypeOf");
	js_rot2pop1(J);
	js_pushundefined(J);
	js_copy(J, -4);
	js_call(J, 1);
	if (!js_strictequal(J)) {		/* result and b */
		snprintf(err, errlen, "Object.getPrototypeOf does not see "
		    "the prototype written where MuJS 1.3.6 keeps it");
		return -1;
	}
	js_pop(J, 1);
	js_getproperty(J, -2, "probe");
	if (js_tonumber(J, -1) != 7) {
		snprintf(err, errlen, "a property lookup does not follow the "
		    "prototype written where MuJS 1.3.6 keeps it");
		return -1;
	}
	js_pop(J, 1);
	return 0;
}

/* An array's class and a frozen object's flag, where they should be. */
static int
probe_fields(js_State *J, char *err, size_t errlen)
{
	js_newarray(J);
	if (mirror(J, -1)->type != MUJS_CARRAY) {
		snprintf(err, errlen, "an array's class is not where MuJS "
		    "1.3.6 keeps it");
		return -1;
	}
	js_getglobal(J, "Object");
	js_getproperty(J, -1, "preventExtensions");
	js_rot2pop1(J);
	js_pushundefined(J);
	js_copy(J, -3);
	js_call(J, 1);
	js_pop(J, 1);
	if (mirror(J, -1)->extensible != 0) {
		snprintf(err, errlen, "the extensible flag is not where MuJS "
		    "1.3.6 keeps it");
		return -1;
	}
	js_pop(J, 1);
	return 0;
}

int
proto_probe(char *err, size_t errlen)
{
	js_State *J;
	int rc;

	if (probed == 0) {
		if ((J = js_newstate(NULL, NULL, 0)) == NULL) {
			snprintf(probe_error, sizeof(probe_error),
			    "js_newstate failed");
			probed = -1;
		} else if (js_try(J)) {
			snprintf(probe_error, sizeof(probe_error),
			    "the probe threw: %s", js_trystring(J, -1, "?"));
			probed = -1;
		} else {
			js_newobject(J);
			js_newobject(J);
			js_pushnumber(J, 7);
			js_setproperty(J, -2, "probe");
			rc = probe_objects(J, probe_error, sizeof(probe_error));
			if (rc == 0)
				rc = probe_fields(J, probe_error,
				    sizeof(probe_error));
			probed = rc == 0 ? 1 : -1;
			js_endtry(J);
		}
		if (J != NULL)
			js_freestate(J);
	}
	if (probed < 0)
		snprintf(err, errlen, "%s", probe_error);
	return probed > 0 ? 0 : -1;
}

/* Throws unless the probe passed; its failure is logged once. */
static void
require_layout(js_State *J)
{
	char err[200];

	if (probed > 0)
		return;
	if (probed == 0 && proto_probe(err, sizeof(err)) == 0)
		return;
	if (probed == -1) {
		log_error("prototypes cannot be changed: MuJS's object "
		    "layout is not MuJS 1.3.6's: %s", probe_error);
		probed = -2;
	}
	js_typeerror(J, "fnpool cannot change prototypes with this "
	    "libmujs (its objects are not laid out as MuJS 1.3.6's): %s",
	    probe_error);
}

/* ---- [[SetPrototypeOf]] ------------------------------------------------- */

static int
is_object(js_State *J, int idx)
{
	return js_isobject(J, idx) && !symbol_is(J, idx);
}

/* Object.prototype, whose prototype stays null (an ES2016 rule). */
static int
is_object_prototype(js_State *J, struct mujs_object *o)
{
	int same;

	js_getregistry(J, OBJECT_PROTO);
	same = js_isobject(J, -1) && mirror(J, -1) == o;
	js_pop(J, 1);
	return same;
}

/* Object at idx, proto at pidx an object or null (checked by the caller). */
static enum refusal
set_prototype(js_State *J, int idx, int pidx)
{
	struct mujs_object *o = mirror(J, idx), *p, *q;

	p = js_isnull(J, pidx) ? NULL : mirror(J, pidx);
	if (o->prototype == p)
		return SET;
	require_layout(J);
	if (o->prototype == NULL && is_object_prototype(J, o))
		return IMMUTABLE;
	if (!o->extensible)
		return NOT_EXTENSIBLE;
	for (q = p; q != NULL; q = q->prototype)
		if (q == o)
			return CYCLE;
	o->prototype = p;
	return SET;
}

/* The TypeError V8 gives for a refusal. */
static void
refuse(js_State *J, enum refusal why, int idx)
{
	switch (why) {
	case NOT_EXTENSIBLE:
		if (mirror(J, idx)->type == MUJS_CARRAY)
			js_typeerror(J, "[object Array] is not extensible");
		js_typeerror(J, "#<Object> is not extensible");
		break;
	case CYCLE:
		js_typeerror(J, "Cyclic __proto__ value");
		break;
	case IMMUTABLE:
		js_typeerror(J, "Immutable prototype object 'Object.prototype' "
		    "cannot have their prototype set");
		break;
	case SET:
		break;
	}
}

static void
check_proto(js_State *J, int pidx)
{
	if (js_isnull(J, pidx) || is_object(J, pidx))
		return;
	if (symbol_is(J, pidx))
		js_typeerror(J, "Object prototype may only be an Object or "
		    "null: Symbol()");
	js_typeerror(J, "Object prototype may only be an Object or null: %s",
	    js_tostring(J, pidx));
}

static void
object_setprototypeof(js_State *J)
{
	if (js_isundefined(J, 1) || js_isnull(J, 1))
		js_typeerror(J, "Object.setPrototypeOf called on null or "
		    "undefined");
	check_proto(J, 2);
	if (is_object(J, 1))
		refuse(J, set_prototype(J, 1, 2), 1);
	js_copy(J, 1);
}

static void
proto_get(js_State *J)
{
	struct mujs_object *o;

	if (js_isundefined(J, 0) || js_isnull(J, 0))
		js_typeerror(J, "Cannot convert undefined or null to object");
	o = mirror(J, 0);	/* a primitive's wrapper: Number.prototype ... */
	require_layout(J);
	if (o->prototype == NULL)
		js_pushnull(J);
	else
		js_pushobject(J, (struct js_Object *)o->prototype);
}

/* A value that is neither object nor null is ignored, as in Node. */
static void
proto_set(js_State *J)
{
	if (js_isundefined(J, 0) || js_isnull(J, 0))
		js_typeerror(J, "set Object.prototype.__proto__ called on null "
		    "or undefined");
	if (is_object(J, 0) && (js_isnull(J, 1) || is_object(J, 1)))
		refuse(J, set_prototype(J, 0, 1), 0);
	js_pushundefined(J);
}

static void
native_setprototypeof(js_State *J)
{
	js_pushboolean(J, set_prototype(J, 1, 2) == SET);
}

void
proto_natives(js_State *J, int idx)
{
	js_newcfunction(J, native_setprototypeof, "setPrototypeOf", 2);
	js_setproperty(J, idx < 0 ? idx - 1 : idx, "setPrototypeOf");
}

/*
 * The global object inherits from Object.prototype in Node and in
 * browsers, so `toString` or `hasOwnProperty` alone name its functions
 * (validator exports `toString: toString`); MuJS makes it with none.
 */
static void
link_global(js_State *J)
{
	char err[200];

	if (proto_probe(err, sizeof(err)) < 0)
		return;			/* logged where it is used */
	js_pushglobal(J);
	js_getregistry(J, OBJECT_PROTO);
	set_prototype(J, -2, -1);
	js_pop(J, 2);
}

void
proto_install(js_State *J)
{
	js_getglobal(J, "Object");
	if (js_hasproperty(J, -1, "setPrototypeOf"))	/* pushed it */
		js_pop(J, 1);
	else {
		js_newcfunction(J, object_setprototypeof, "setPrototypeOf", 2);
		js_defproperty(J, -2, "setPrototypeOf", JS_DONTENUM);
	}
	js_getproperty(J, -1, "prototype");
	js_copy(J, -1);
	js_setregistry(J, OBJECT_PROTO);
	if (js_hasproperty(J, -1, "__proto__"))
		js_pop(J, 1);
	else {
		js_newcfunction(J, proto_get, "get __proto__", 0);
		js_newcfunction(J, proto_set, "set __proto__", 1);
		js_defaccessor(J, -3, "__proto__", JS_DONTENUM);
	}
	js_pop(J, 2);
	link_global(J);
}
