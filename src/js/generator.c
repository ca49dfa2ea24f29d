/*
 * generator: see generator.h.
 *
 * A step follows TypeScript's __generator (tslib) instruction for
 * instruction, so that SWC's output runs as it does on Node; the
 * instruction being carried out is an op in C and its value in one slot
 * of the JavaScript stack, where tslib makes an array of each.  The ops,
 * as the body returns them: 4 yield, 5 yield*, 2 return, 3 break to a
 * label, 7 end of a finally block; and the driver's own: 0 next, 1
 * throw, 6 an exception on its way to a catch block.  trys holds the
 * body's try statements as [try, catch, finally, end] labels, innermost
 * last; ops the instructions a finally block holds up until it ends.
 *
 * What a generator keeps is its C side: its flags, and copies of the
 * body and its this, which a hidden array (SLOTS) keeps alive with the
 * values kept between steps.  The value sent() gives is a copy too, of
 * the stack slot that holds it while the body runs: MuJS moves neither
 * objects nor strings.  trys is made on the body's first use of it
 * (most bodies have no try statement); label is a property, read by the
 * body at each step.
 */
#include <string.h>

#include "js/generator.h"
#include "js/mujs_private.h"
#include "js/symbol.h"

#define TAG	"Generator"
#define SLOTS	SYMBOL_HIDDEN "generator"	/* its array */
#define PROTO	SYMBOL_HIDDEN "generator prototype"
#define HIDDEN	(JS_DONTENUM)

/* The slots of a generator's array. */
enum slot {
	SLOT_BODY, SLOT_SELF,
	SLOT_KEPT,		/* generator_keep's */
	SLOT_INNER,		/* a yield*'s iterator */
	SLOT_OPS		/* [op, value, ...] that finally blocks hold up */
};

enum op {
	OP_NEXT, OP_THROW, OP_RETURN, OP_BREAK, OP_YIELD, OP_DELEGATE,
	OP_CATCH, OP_ENDFINALLY
};

/* What the body runs at once after a turn. */
enum turn { TURN_AGAIN, TURN_YIELD, TURN_DELEGATED };

struct gen {
	struct mujs_value body, self;
	struct mujs_value sent;		/* while the body runs */
	unsigned char	 sent_op;	/* the op that sent is the value of */
	unsigned char	 sending;	/* the body runs: sent is valid */
	unsigned char	 running;
	unsigned char	 started;
	unsigned char	 done;
	unsigned char	 delegating;	/* SLOT_INNER is a yield* iterator */
	unsigned char	 has_trys;	/* the body made trys */
};

static int
absidx(js_State *J, int idx)
{
	return idx < 0 ? js_gettop(J) + idx : idx;
}

static void
gen_free(js_State *J, void *data)
{
	js_free(J, data);
}

/* ---- the state the body sees ------------------------------------------ */

static double
label_get(js_State *J, int idx)
{
	double label;

	js_getproperty(J, idx, "label");
	label = js_tonumber(J, -1);
	js_pop(J, 1);
	return label;
}

static void
label_set(js_State *J, int idx, double label)
{
	js_pushnumber(J, label);
	js_setproperty(J, idx, "label");
}

/* Pushes the generator's slot. */
static void
slot_get(js_State *J, int idx, enum slot slot)
{
	js_getproperty(J, idx, SLOTS);
	js_getindex(J, -1, slot);
	js_rot2pop1(J);
}

/* Sets the generator's slot to the value on top, which it pops. */
static void
slot_set(js_State *J, int idx, enum slot slot)
{
	js_getproperty(J, idx, SLOTS);
	js_rot2(J);
	js_setindex(J, -2, slot);
	js_pop(J, 1);
}

/*
 * op resumes the body: sent() gives (or, for a throw, throws) v, which
 * stays at its stack slot while the body runs.
 */
static void
sent_set(js_State *J, struct gen *g, int op, int v)
{
	g->sent_op = (unsigned char)op;
	g->sent = *js_tovalue(J, v);
}

/* Element i of the array on top as a number (NaN for a hole). */
static double
entry_number(js_State *J, int i)
{
	double n;

	js_getindex(J, -1, i);
	n = js_tonumber(J, -1);
	js_pop(J, 1);
	return n;
}

static void
ops_push(js_State *J, int idx, int op, int v)
{
	int n;

	slot_get(J, idx, SLOT_OPS);
	if (!js_isarray(J, -1)) {
		js_pop(J, 1);
		js_newarray(J);
		js_copy(J, -1);
		slot_set(J, idx, SLOT_OPS);
	}
	n = js_getlength(J, -1);
	js_pushnumber(J, op);
	js_setindex(J, -2, n);
	js_copy(J, v);
	js_setindex(J, -2, n + 1);
	js_pop(J, 1);
}

/*
 * Pops the last instruction held up into *op and v; with fetch 0 drops
 * it, if any (a return or exception in a finally block replaces it).
 */
static void
ops_pop(js_State *J, int idx, int *op, int v, int fetch)
{
	int n;

	slot_get(J, idx, SLOT_OPS);
	n = js_isarray(J, -1) ? js_getlength(J, -1) : 0;
	if (n < 2 && fetch)
		js_typeerror(J, "generator: a finally block ended with "
		    "no instruction held up");
	if (n < 2) {
		js_pop(J, 1);
		return;
	}
	if (fetch) {
		js_getindex(J, -1, n - 2);
		*op = js_tointeger(J, -1);
		js_pop(J, 1);
		js_getindex(J, -1, n - 1);
		js_replace(J, v);
	}
	js_setlength(J, -1, n - 2);
	js_pop(J, 1);
}

static void
trys_pop(js_State *J, int idx, const struct gen *g)
{
	int n;

	if (!g->has_trys)
		return;
	js_getproperty(J, idx, "trys");
	n = js_getlength(J, -1);
	if (n > 0)
		js_setlength(J, -1, n - 1);
	js_pop(J, 1);
}

/* ---- a step ----------------------------------------------------------- */

/*
 * With a yield* iterator, hands it the resumption (tslib's first line):
 * returns 1 with its result in v while it is not done; else the iterator
 * is dropped and, if it was called, its value resumes the body (a throw
 * to an iterator without throw() closes it and is the body's).
 */
static int
delegate(js_State *J, int idx, struct gen *g, int *op, int v)
{
	int y, called = 0;

	slot_get(J, idx, SLOT_INNER);
	y = js_gettop(J) - 1;
	if (*op == OP_NEXT) {
		js_getproperty(J, y, "next");
	} else if (*op & 2) {
		js_getproperty(J, y, "return");
	} else {
		js_getproperty(J, y, "throw");
		if (!js_toboolean(J, -1)) {
			js_getproperty(J, y, "return");
			if (js_toboolean(J, -1)) {
				js_copy(J, y);
				js_call(J, 0);
			}
			js_pop(J, 1);
		}
	}
	if (js_toboolean(J, -1)) {
		js_copy(J, y);
		js_copy(J, v);
		js_call(J, 1);
		called = 1;
		js_getproperty(J, -1, "done");
		if (!js_toboolean(J, -1)) {
			js_pop(J, 1);
			js_replace(J, v);
			js_pop(J, 1);
			return 1;
		}
		js_pop(J, 1);
	}
	g->delegating = 0;
	if (called) {
		*op &= 2;
		js_getproperty(J, -1, "value");
		js_replace(J, v);
	}
	js_pop(J, 2);
	js_pushundefined(J);
	slot_set(J, idx, SLOT_INNER);
	return 0;
}

/*
 * A return, break or exception meets the innermost try statement: a
 * catch or finally block that is still ahead takes it (returns 1 to run
 * the body at its label), else the statement is left (0).  With no try
 * statement left, a return or exception ends the generator.
 */
static int
unwind(js_State *J, int idx, struct gen *g, int *op, int v)
{
	double label, target = *op == OP_BREAK ? js_tonumber(J, v) : 0;
	int n;

	if (g->has_trys) {
		js_getproperty(J, idx, "trys");
		n = js_getlength(J, -1);
	} else {
		js_pushundefined(J);
		n = 0;
	}
	if (n == 0) {
		js_pop(J, 1);
		if (*op != OP_BREAK) {
			g->done = 1;
			return 0;
		}
		label_set(J, idx, target);
		return 1;
	}
	js_getindex(J, -1, n - 1);
	js_rot2pop1(J);
	label = label_get(J, idx);
	if (*op == OP_BREAK && target > entry_number(J, 0) &&
	    target < entry_number(J, 3)) {
		label = target;
	} else if (*op == OP_CATCH && label < entry_number(J, 1)) {
		label = entry_number(J, 1);
		sent_set(J, g, OP_CATCH, v);
	} else if (label < entry_number(J, 2)) {
		label = entry_number(J, 2);
		ops_push(J, idx, *op, v);
	} else {
		js_getindex(J, -1, 2);
		if (js_toboolean(J, -1))
			ops_pop(J, idx, op, v, 0);
		js_pop(J, 2);
		trys_pop(J, idx, g);
		return 0;
	}
	js_pop(J, 1);
	label_set(J, idx, label);
	return 1;
}

/* Calls the body, whose instruction goes to *op and v. */
static void
body_run(js_State *J, int idx, struct gen *g, int *op, int v)
{
	int next;

	js_pushvalue(J, g->body);
	js_pushvalue(J, g->self);
	js_copy(J, idx);
	g->sending = 1;
	js_call(J, 1);
	g->sending = 0;
	if (!js_isobject(J, -1))
		js_typeerror(J, "generator: the body gave %s, not an "
		    "instruction", js_typeof(J, -1));
	js_getindex(J, -1, 0);
	next = js_tointeger(J, -1);
	js_pop(J, 1);
	if (next < OP_NEXT || next > OP_ENDFINALLY)
		js_typeerror(J, "generator: the body gave the unknown "
		    "instruction %d", next);
	*op = next;
	js_getindex(J, -1, 1);
	js_replace(J, v);
	js_pop(J, 1);
}

/* One turn of tslib's loop: carries out *op, then runs the body if due. */
static enum turn
turn(js_State *J, int idx, struct gen *g, int *op, int v)
{
	if (g->delegating && delegate(J, idx, g, op, v))
		return TURN_DELEGATED;
	switch (*op) {
	case OP_NEXT:
	case OP_THROW:
		sent_set(J, g, *op, v);
		break;
	case OP_YIELD:
		label_set(J, idx, label_get(J, idx) + 1);
		return TURN_YIELD;
	case OP_DELEGATE:
		label_set(J, idx, label_get(J, idx) + 1);
		js_copy(J, v);
		slot_set(J, idx, SLOT_INNER);
		g->delegating = 1;
		*op = OP_NEXT;
		js_pushundefined(J);
		js_replace(J, v);
		return TURN_AGAIN;
	case OP_ENDFINALLY:
		ops_pop(J, idx, op, v, 1);
		trys_pop(J, idx, g);
		return TURN_AGAIN;
	default:
		if (!unwind(J, idx, g, op, v))
			return TURN_AGAIN;
	}
	body_run(J, idx, g, op, v);
	return TURN_AGAIN;
}

/* generator_step with idx from the bottom, which setjmp needs unchanged */
static enum generator_outcome
step(js_State *J, const int idx, enum generator_resume how)
{
	struct gen *g = js_touserdata(J, idx, TAG);
	const int v = js_gettop(J) - 1;
	enum turn t;
	int op = (int)how;

	if (g->running)
		js_typeerror(J, "Generator is already executing.");
	if (!g->started) {
		g->started = 1;
		if (op != OP_NEXT)	/* throw or return before the first next */
			g->done = 1;
	}
	while (!g->done) {
		g->running = 1;
		if (js_try(J)) {
			/* what the body or an iterator threw, for the body's catch */
			g->running = 0;
			g->sending = 0;
			g->delegating = 0;
			js_replace(J, v);
			op = OP_CATCH;
			continue;
		}
		t = turn(J, idx, g, &op, v);
		js_endtry(J);
		g->running = 0;
		if (t == TURN_YIELD)
			return GENERATOR_YIELDED;
		if (t == TURN_DELEGATED)
			return GENERATOR_DELEGATED;
	}
	if (op == OP_THROW || op == OP_CATCH) {
		js_copy(J, v);
		js_throw(J);
	}
	if (op == OP_NEXT) {
		js_pushundefined(J);
		js_replace(J, v);
	}
	return GENERATOR_DONE;
}

enum generator_outcome
generator_step(js_State *J, int idx, enum generator_resume how)
{
	return step(J, absidx(J, idx), how);
}

/* ---- the generator object --------------------------------------------- */

int
generator_is(js_State *J, int idx)
{
	return js_isuserdata(J, idx, TAG);
}

void
generator_keep(js_State *J, int idx)
{
	slot_set(J, absidx(J, idx), SLOT_KEPT);
}

void
generator_kept(js_State *J, int idx)
{
	slot_get(J, absidx(J, idx), SLOT_KEPT);
}

static struct gen *
receiver(js_State *J, const char *method)
{
	if (!generator_is(J, 0))
		js_typeerror(J, "%s method called on incompatible receiver "
		    "%s", method, js_typeof(J, 0));
	return js_touserdata(J, 0, TAG);
}

/* next, throw and return: { value, done } (yield*: the iterator's own). */
static void
method_run(js_State *J, enum generator_resume how, const char *name)
{
	enum generator_outcome outcome;

	receiver(J, name);
	js_copy(J, 1);
	outcome = generator_step(J, 0, how);
	if (outcome == GENERATOR_DELEGATED)
		return;
	js_newobject(J);
	js_rot2(J);
	js_setproperty(J, -2, "value");
	js_pushboolean(J, outcome == GENERATOR_DONE);
	js_setproperty(J, -2, "done");
}

static void
generator_next(js_State *J)
{
	method_run(J, GENERATOR_NEXT, "next");
}

static void
generator_throw(js_State *J)
{
	method_run(J, GENERATOR_THROW, "throw");
}

static void
generator_return(js_State *J)
{
	method_run(J, GENERATOR_RETURN, "return");
}

/* _state.sent() in the body: the value the generator resumed with. */
static void
generator_sent(js_State *J)
{
	struct gen *g = receiver(J, "sent");

	if (!g->sending) {
		js_pushundefined(J);
		return;
	}
	js_pushvalue(J, g->sent);
	if (g->sent_op == OP_THROW)
		js_throw(J);
}

/* trys, made on the body's first use: an own property from then on. */
static void
generator_trys(js_State *J)
{
	struct gen *g = receiver(J, "trys");

	js_newarray(J);
	js_copy(J, -1);
	js_defproperty(J, 0, "trys", HIDDEN);
	g->has_trys = 1;
}

static void
generator_self(js_State *J)
{
	js_copy(J, 0);
}

void
generator_push(js_State *J, struct js_Object *proto, int self, int body)
{
	struct gen *g;

	self = absidx(J, self);
	body = absidx(J, body);
	if (!js_iscallable(J, body))
		js_typeerror(J, "generator: the body is %s, not a function",
		    js_typeof(J, body));
	g = js_malloc(J, sizeof(*g));
	memset(g, 0, sizeof(*g));
	g->body = *js_tovalue(J, body);
	g->self = *js_tovalue(J, self);
	js_pushobject(J, proto);
	js_newuserdata(J, TAG, g, gen_free);
	js_pushnumber(J, 0);
	js_defproperty(J, -2, "label", HIDDEN);
	js_newarray(J);
	js_copy(J, body);
	js_setindex(J, -2, SLOT_BODY);
	js_copy(J, self);
	js_setindex(J, -2, SLOT_SELF);
	js_defproperty(J, -2, SLOTS, HIDDEN);
}

/* generator(thisArg, body) */
static void
generator_new(js_State *J)
{
	generator_push(J, js_currentfunctiondata(J), 1, 2);
}

static void
method(js_State *J, js_CFunction fn, const char *name, const char *key,
    int length)
{
	js_newcfunction(J, fn, name, length);
	js_defproperty(J, -2, key, JS_DONTENUM);
}

struct js_Object *
generator_install(js_State *J, int idx)
{
	struct js_Object *proto;

	idx = absidx(J, idx);
	js_newobject(J);
	method(J, generator_next, "next", "next", 1);
	method(J, generator_throw, "throw", "throw", 1);
	method(J, generator_return, "return", "return", 1);
	method(J, generator_sent, "sent", "sent", 0);
	method(J, generator_self, "[Symbol.iterator]", SYMBOL_ITERATOR, 0);
	js_newcfunction(J, generator_trys, "trys", 0);
	js_pushundefined(J);
	js_defaccessor(J, -3, "trys", JS_DONTENUM);
	js_pushliteral(J, TAG);
	js_defproperty(J, -2, SYMBOL_TOSTRINGTAG, JS_DONTENUM | JS_READONLY);
	proto = js_toobject(J, -1);
	js_newcfunctionx(J, generator_new, "generator", 2, proto, NULL);
	js_rot2(J);
	js_defproperty(J, -2, PROTO, JS_DONTENUM | JS_READONLY | JS_DONTCONF);
	js_setproperty(J, idx, "generator");
	return proto;
}
