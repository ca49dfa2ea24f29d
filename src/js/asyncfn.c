/*
 * asyncfn: see asyncfn.h.
 *
 * asyncToGenerator(fn) returns a native that holds fn; calling it calls
 * fn, which returns the generator of the function's body, and runs the
 * body to its first await.  The generator keeps the function's promise
 * (generator_keep).  An await passes the generator as the token of the
 * engine's await (promise_adopt) to a pair of natives made once per
 * state, which resume it with the outcome.  asyncRun(self, body) is the
 * same without fn, for the lean form.
 *
 * asyncWait, asyncDone and asyncFail are the steps of an async function
 * lowered as a Promise chain (tools/build/async-chain.js), where no
 * generator is left: the function's promise is made by its first
 * asyncWait, whose callbacks settle it (promise_wait).
 */
#include <stddef.h>

#include "js/asyncfn.h"
#include "js/generator.h"
#include "js/jsloop.h"
#include "js/mujs_private.h"
#include "js/promise.h"
#include "js/symbol.h"

#define FN		SYMBOL_HIDDEN "async function"
#define FULFILLED	SYMBOL_HIDDEN "async fulfilled"
#define REJECTED	SYMBOL_HIDDEN "async rejected"

/*
 * The natives an await resumes its generator through; its prototype;
 * the state's Promise, once a chain has waited.
 */
struct asyncfn {
	struct js_Object *fulfilled, *rejected;
	struct js_Object *proto;
	struct promise_realm *realm;
};

static void
asyncfn_free(js_State *J, void *data)
{
	js_free(J, data);
}

/* Settles the promise the generator at gen keeps with the value on top. */
static void
settle(js_State *J, int gen, int rejected)
{
	generator_kept(J, gen);
	js_rot2(J);
	promise_settle(J, -2, rejected);
	js_pop(J, 1);
}

/*
 * Resumes the generator at gen with how and the value on top, which it
 * pops; runs the body until it returns, throws or awaits.
 */
static void
resume(js_State *J, const struct asyncfn *a, int gen,
    enum generator_resume how)
{
	enum generator_outcome outcome;

	if (js_try(J)) {
		settle(J, gen, 1);	/* what the body threw */
		js_pop(J, 1);		/* the value */
		return;
	}
	outcome = generator_step(J, gen, how);
	if (outcome == GENERATOR_DELEGATED)
		js_typeerror(J, "_async_to_generator: yield* in the body of "
		    "an async function");
	js_endtry(J);
	if (outcome == GENERATOR_DONE) {
		settle(J, gen, 0);
		return;
	}
	js_pushobject(J, a->fulfilled);
	js_pushobject(J, a->rejected);
	js_copy(J, gen);
	promise_adopt(J, jsloop_enqueue);
}

/* The await natives: (outcome, generator). */
static void
asyncfn_fulfilled(js_State *J)
{
	js_copy(J, 1);
	resume(J, js_currentfunctiondata(J), 2, GENERATOR_NEXT);
	js_pushundefined(J);
}

static void
asyncfn_rejected(js_State *J)
{
	js_copy(J, 1);
	resume(J, js_currentfunctiondata(J), 2, GENERATOR_THROW);
	js_pushundefined(J);
}

/*
 * With the generator on top, which it pops, and the function's promise
 * at promise: runs the body to its first await, or to its end.
 */
static void
start(js_State *J, const struct asyncfn *a, int promise)
{
	int gen = js_gettop(J) - 1;

	js_copy(J, promise);
	generator_keep(J, gen);
	js_pushundefined(J);
	resume(J, a, gen, GENERATOR_NEXT);
	js_pop(J, 1);
}

/*
 * The async function: calls fn with this and the arguments, and runs the
 * generator it makes to the first await.  Returns the function's
 * promise, rejected with what fn throws.
 */
static void
asyncfn_call(js_State *J)
{
	const struct asyncfn *a = js_currentfunctiondata(J);
	int argc = js_gettop(J) - 1, promise, i;

	promise_pushnew(J, jsloop_enqueue);
	promise = js_gettop(J) - 1;
	if (js_try(J)) {
		promise_settle(J, promise, 1);
		return;
	}
	js_currentfunction(J);
	js_getproperty(J, -1, FN);
	js_rot2pop1(J);
	for (i = 0; i <= argc; i++)
		js_copy(J, i);
	js_call(J, argc);
	if (!generator_is(J, -1))
		js_typeerror(J, "_async_to_generator: the function made %s, "
		    "not a generator of fnpool build's _ts_generator",
		    js_typeof(J, -1));
	js_endtry(J);
	start(J, a, promise);
}

/* asyncRun(self, body) */
static void
asyncfn_run(js_State *J)
{
	const struct asyncfn *a = js_currentfunctiondata(J);
	int promise;

	promise_pushnew(J, jsloop_enqueue);
	promise = js_gettop(J) - 1;
	if (js_try(J)) {
		promise_settle(J, promise, 1);
		return;
	}
	generator_push(J, a->proto, 1, 2);
	js_endtry(J);
	start(J, a, promise);
}

/* ---- the chain form (tools/build/async-chain.js) ------------------------ */

/*
 * Replaces an undefined promise argument with a new one: the function's,
 * made at its first await (or at its end, or its exception, before any).
 */
static void
own_promise(js_State *J)
{
	if (js_isundefined(J, 1)) {
		promise_pushnew(J, jsloop_enqueue);
		js_replace(J, 1);
	}
}

/*
 * asyncWait(promise, value, callback): await value, then settle promise
 * with what callback(value) returns or throws, unless it waits again
 * (promise_wait); returns promise.
 */
static void
asyncfn_wait(js_State *J)
{
	struct asyncfn *a = js_currentfunctiondata(J);

	if (!js_iscallable(J, 3))
		js_typeerror(J, "_async_to_generator: wait's callback is %s, "
		    "not a function", js_typeof(J, 3));
	if (a->realm == NULL)
		a->realm = promise_realm(J, jsloop_enqueue);
	js_copy(J, 1);
	js_copy(J, 2);
	js_copy(J, 3);
	if (promise_wait(J, a->realm) != 0)
		js_typeerror(J, "_async_to_generator: wait for what is not "
		    "the function's promise, still pending");
}

/* asyncDone(promise, value) and asyncFail(promise, error): promise. */
static void
settle_own(js_State *J, int rejected)
{
	own_promise(J);
	js_copy(J, 2);
	if (promise_settle(J, 1, rejected) != 0)
		js_typeerror(J, "_async_to_generator: %s of what is not the "
		    "function's promise, still pending", rejected ? "fail" :
		    "done");
	js_copy(J, 1);
}

static void
asyncfn_done(js_State *J)
{
	settle_own(J, 0);
}

static void
asyncfn_fail(js_State *J)
{
	settle_own(J, 1);
}

/* asyncToGenerator(fn) */
static void
asyncfn_wrap(js_State *J)
{
	if (!js_iscallable(J, 1))
		js_typeerror(J, "_async_to_generator: %s is not a function",
		    js_typeof(J, 1));
	js_newcfunctionx(J, asyncfn_call, "", 0, js_currentfunctiondata(J),
	    NULL);
	js_copy(J, 1);
	js_defproperty(J, -2, FN, JS_READONLY | JS_DONTENUM | JS_DONTCONF);
}

/* Makes the native at fn, kept alive as the function's (on top) key. */
static struct js_Object *
native(js_State *J, js_CFunction fn, struct asyncfn *a, const char *key)
{
	struct js_Object *obj;

	js_newcfunctionx(J, fn, "", 2, a, NULL);
	obj = js_toobject(J, -1);
	js_defproperty(J, -2, key, JS_READONLY | JS_DONTENUM | JS_DONTCONF);
	return obj;
}

void
asyncfn_install(js_State *J, int idx, struct js_Object *proto)
{
	struct asyncfn *a = js_malloc(J, sizeof(*a));

	idx = idx < 0 ? js_gettop(J) + idx : idx;
	a->proto = proto;
	a->realm = NULL;
	js_newcfunctionx(J, asyncfn_wrap, "asyncToGenerator", 1, a,
	    asyncfn_free);
	a->fulfilled = native(J, asyncfn_fulfilled, a, FULFILLED);
	a->rejected = native(J, asyncfn_rejected, a, REJECTED);
	js_setproperty(J, idx, "asyncToGenerator");
	js_newcfunctionx(J, asyncfn_run, "asyncRun", 2, a, NULL);
	js_setproperty(J, idx, "asyncRun");
	js_newcfunctionx(J, asyncfn_wait, "asyncWait", 3, a, NULL);
	js_setproperty(J, idx, "asyncWait");
	js_newcfunction(J, asyncfn_done, "asyncDone", 2);
	js_setproperty(J, idx, "asyncDone");
	js_newcfunction(J, asyncfn_fail, "asyncFail", 2);
	js_setproperty(J, idx, "asyncFail");
}
