/*
 * promise: see promise.h.
 *
 * A promise is a userdata object ("Promise") whose C side holds its
 * state and flags; its JavaScript values live in one hidden array of its
 * own, so that the collector sees them: slot 0 is the result once
 * settled, and from slot 1, while pending, its reactions, three slots
 * each: the promise the reaction settles, onFulfilled and onRejected
 * (undefined: the outcome passes through).  An await's reaction holds
 * in place of a promise the token its handlers get after the outcome.
 * A reaction job is (handler, promise or token, argument) given to a
 * native of the realm; a thenable job (then, promise, thenable) to
 * another.
 *
 * The realm is a state's set of these natives, Promise and its
 * prototype: a C structure reached from the natives' data, and a
 * userdata object in the registry whose properties keep every object the
 * structure points to alive (MuJS never moves objects, so an object's
 * address is its identity).
 *
 * Resolving a promise with a promise of this realm whose `then` is still
 * the native one calls no JavaScript: the thenable job subscribes the
 * resolved promise to it as a reaction without handlers, which is what
 * then(resolve, reject) with fresh resolving functions does, minus the
 * promise then makes and nobody sees.
 */
#include <string.h>

#include "js/mujs_private.h"
#include "js/promise.h"
#include "js/promise_js.h"
#include "js/symbol.h"

#define TAG		"Promise"
#define REALM_TAG	"promise realm"
#define REALM		"fnpool.promise"	/* registry key */
#define SLOTS		SYMBOL_HIDDEN "promise"	/* a promise's array */
#define TARGET		SYMBOL_HIDDEN "promise"	/* a resolving function's promise */

enum state { PENDING, FULFILLED, REJECTED };
enum job { JOB_FULFILLED, JOB_REJECTED, JOB_THENABLE, JOBS };

struct promise_realm {
	struct js_Object *ctor, *proto, *then;
	struct js_Object *job[JOBS];
	struct js_Object *helpers;	/* what promise.js returns */
	struct js_Object *unhandled;	/* array: rejected, maybe unhandled */
	int		 tracked;	/* how many of those still are */
	promise_enqueue	 enqueue;
};

/* A pair of resolving functions and their [[AlreadyResolved]]. */
struct pair {
	struct promise_realm	*r;
	unsigned char	 done;
	unsigned char	 refs;		/* functions alive; 0: in a promise */
};

struct promise {
	unsigned char	 state;
	unsigned char	 handled;	/* [[PromiseIsHandled]] */
	unsigned char	 tracked;	/* in the realm's unhandled array */
	unsigned char	 own;		/* made by promise_pushnew */
	unsigned char	 resolved;	/* by promise_settle */
	int		 reactions;	/* how many its array holds */
	struct pair	 first;		/* the executor's resolving functions */
};

static void settle(js_State *, struct promise_realm *, int, enum state, int);

/* The finalizer of a promise's and of the realm's C side. */
static void
data_free(js_State *J, void *data)
{
	js_free(J, data);
}

static int
absidx(js_State *J, int idx)
{
	return idx < 0 ? js_gettop(J) + idx : idx;
}

/* The promise at idx, or NULL when it is not one. */
static struct promise *
promise_get(js_State *J, int idx)
{
	if (!js_isuserdata(J, idx, TAG))
		return NULL;
	return js_touserdata(J, idx, TAG);
}

static int
is_object(js_State *J, int idx, struct js_Object *obj)
{
	return js_isobject(J, idx) && js_toobject(J, idx) == obj;
}

/* ---- the realm -------------------------------------------------------- */

static struct promise_realm *
realm_get(js_State *J)
{
	struct promise_realm *r = NULL;

	js_getregistry(J, REALM);
	if (js_isuserdata(J, -1, REALM_TAG))
		r = js_touserdata(J, -1, REALM_TAG);
	js_pop(J, 1);
	return r;
}


/*
 * Stores the object on top as the realm's (at idx) property name, which
 * keeps it alive, and returns it.
 */
static struct js_Object *
realm_keep(js_State *J, int idx, const char *name)
{
	struct js_Object *obj = js_toobject(J, -1);

	js_defproperty(J, idx, name, JS_DONTENUM);
	return obj;
}

/* ---- making promises ---------------------------------------------------- */

/* Pushes a new pending promise. */
static struct promise *
promise_new(js_State *J, struct promise_realm *r)
{
	struct promise *p = js_malloc(J, sizeof(*p));

	memset(p, 0, sizeof(*p));
	p->first.r = r;
	js_pushobject(J, r->proto);
	js_newuserdata(J, TAG, p, data_free);
	js_newarray(J);
	js_defproperty(J, -2, SLOTS, JS_READONLY | JS_DONTENUM | JS_DONTCONF);
	return p;
}

/* ---- unhandled rejections (the spec's HostPromiseRejectionTracker) ---- */

/*
 * A handled promise only has its flag cleared; the array drops such
 * entries when they outnumber the others, so that a long run of
 * rejections handled late stays small.
 */
static void
track(js_State *J, struct promise_realm *r, struct promise *p, int idx)
{
	int n, i, k;

	js_pushobject(J, r->unhandled);
	n = js_getlength(J, -1);
	if (n >= 32 && n >= 2 * r->tracked) {
		for (i = k = 0; i < n; i++) {
			js_getindex(J, -1, i);
			if (promise_get(J, -1)->tracked)
				js_setindex(J, -2, k++);
			else
				js_pop(J, 1);
		}
		js_setlength(J, -1, k);
		n = k;
	}
	js_copy(J, idx);
	js_setindex(J, -2, n);
	js_pop(J, 1);
	p->tracked = 1;
	r->tracked++;
}

static void
untrack(struct promise_realm *r, struct promise *p)
{
	if (p->tracked) {
		p->tracked = 0;
		r->tracked--;
	}
}

int
promise_unhandled(js_State *J)
{
	struct promise_realm *r = realm_get(J);
	struct promise *p;
	int n, i, k = 0;

	if (r == NULL)
		return 0;
	js_newarray(J);
	js_pushobject(J, r->unhandled);
	n = js_getlength(J, -1);
	for (i = 0; i < n; i++) {
		js_getindex(J, -1, i);
		p = promise_get(J, -1);
		if (p->tracked) {
			untrack(r, p);
			js_getproperty(J, -1, SLOTS);
			js_getindex(J, -1, 0);
			js_setindex(J, -5, k++);
			js_pop(J, 1);
		}
		js_pop(J, 1);
	}
	js_setlength(J, -1, 0);
	js_pop(J, 1);
	return 1;
}

/* ---- settling ------------------------------------------------------------ */

/* Queues job kind with the three values on top, which it pops. */
static void
job_queue(js_State *J, struct promise_realm *r, enum job kind)
{
	js_pushobject(J, r->job[kind]);
	js_rot(J, 4);
	r->enqueue(J, 3);
}

/* The promise at idx gets its result, the value at v; its reactions run. */
static void
settle(js_State *J, struct promise_realm *r, int idx, enum state state, int v)
{
	struct promise *p;
	int slots, i;

	idx = absidx(J, idx);
	v = absidx(J, v);
	p = js_touserdata(J, idx, TAG);
	js_getproperty(J, idx, SLOTS);
	slots = js_gettop(J) - 1;
	js_copy(J, v);
	js_setindex(J, slots, 0);
	p->state = state;
	if (state == REJECTED && !p->handled)
		track(J, r, p, idx);
	for (i = 1; i < 1 + 3 * p->reactions; i += 3) {
		js_getindex(J, slots, i + (state == FULFILLED ? 1 : 2));
		js_getindex(J, slots, i);
		js_copy(J, v);
		job_queue(J, r, state == FULFILLED ? JOB_FULFILLED :
		    JOB_REJECTED);
	}
	if (p->reactions > 0) {
		js_setlength(J, slots, 1);
		p->reactions = 0;
	}
	js_pop(J, 1);
}

/* Pushes v's then and returns 0, or pushes what its getter threw and -1. */
static int
then_get(js_State *J, int v)
{
	if (js_try(J))
		return -1;
	js_getproperty(J, v, "then");
	js_endtry(J);
	return 0;
}

/* What a resolve function does once its [[AlreadyResolved]] is set. */
static void
resolve(js_State *J, struct promise_realm *r, int idx, int v)
{
	idx = absidx(J, idx);
	v = absidx(J, v);
	if (!js_isobject(J, v)) {
		settle(J, r, idx, FULFILLED, v);
		return;
	}
	if (js_toobject(J, v) == js_toobject(J, idx)) {
		js_newtypeerror(J, "Chaining cycle detected for promise");
		settle(J, r, idx, REJECTED, -1);
		js_pop(J, 1);
		return;
	}
	if (then_get(J, v) == -1) {
		settle(J, r, idx, REJECTED, -1);
		js_pop(J, 1);
		return;
	}
	if (!js_iscallable(J, -1)) {
		js_pop(J, 1);
		settle(J, r, idx, FULFILLED, v);
		return;
	}
	js_copy(J, idx);
	js_copy(J, v);
	job_queue(J, r, JOB_THENABLE);
}

/* ---- resolving functions ------------------------------------------------ */

static void
pair_call(js_State *J, int rejecting)
{
	struct pair *pr = js_currentfunctiondata(J);

	if (!pr->done) {
		pr->done = 1;
		js_currentfunction(J);
		js_getproperty(J, -1, TARGET);
		if (rejecting)
			settle(J, pr->r, -1, REJECTED, 1);
		else
			resolve(J, pr->r, -1, 1);
		js_pop(J, 2);
	}
	js_pushundefined(J);
}

static void
promise_resolve_fn(js_State *J)
{
	pair_call(J, 0);
}

static void
promise_reject_fn(js_State *J)
{
	pair_call(J, 1);
}

/* Frees a pair of a thenable job once neither function is left. */
static void
pair_free(js_State *J, void *data)
{
	struct pair *pr = data;

	if (--pr->refs == 0)
		js_free(J, pr);
}

/*
 * Pushes resolve and reject for the promise at idx.  A pair a promise
 * holds lives as long as the promise, which each function keeps alive
 * through a hidden property; another is freed with its functions.
 */
static void
pair_push(js_State *J, int idx, struct pair *pr)
{
	js_Finalize fin = pr->refs > 0 ? pair_free : NULL;

	idx = absidx(J, idx);
	js_newcfunctionx(J, promise_resolve_fn, "", 1, pr, fin);
	js_copy(J, idx);
	js_defproperty(J, -2, TARGET, JS_READONLY | JS_DONTENUM | JS_DONTCONF);
	if (fin != NULL)
		pr->refs = 2;
	js_newcfunctionx(J, promise_reject_fn, "", 1, pr, fin);
	js_copy(J, idx);
	js_defproperty(J, -2, TARGET, JS_READONLY | JS_DONTENUM | JS_DONTCONF);
}

/* ---- jobs ------------------------------------------------------------------ */

/*
 * Did the handler of promise_wait's reaction (its value on top) wait
 * again for p, at idx, which it returned?  Then the reaction leaves it
 * pending (an async function's next await).
 */
static int
waits_again(js_State *J, const struct promise *p, int idx)
{
	return p->own && js_isobject(J, -1) &&
	    js_toobject(J, -1) == js_toobject(J, idx);
}

/*
 * (handler, promise, argument): NewPromiseReactionJob.  With a token in
 * place of the promise (an await), the handler gets it after the
 * argument, and nothing is settled.
 */
static void
job_react(js_State *J, int ok)
{
	struct promise_realm *r = js_currentfunctiondata(J);
	struct promise *p = promise_get(J, 2);
	int target = p != NULL;

	if (js_iscallable(J, 1)) {
		js_copy(J, 1);
		js_pushundefined(J);
		js_copy(J, 3);
		if (!target)
			js_copy(J, 2);
		ok = js_pcall(J, target ? 1 : 2) == 0;
	} else
		js_copy(J, 3);
	if (target && ok && waits_again(J, p, 2))
		target = 0;
	if (target) {
		if (ok)
			resolve(J, r, 2, -1);
		else
			settle(J, r, 2, REJECTED, -1);
	}
	js_pushundefined(J);
}

static void
promise_job_fulfilled(js_State *J)
{
	job_react(J, 1);
}

static void
promise_job_rejected(js_State *J)
{
	job_react(J, 0);
}

static void perform_then(js_State *, struct promise_realm *, int, int, int, int);
static void species(js_State *, int);

/* (then, promise, thenable): NewPromiseResolveThenableJob. */
static void
promise_job_thenable(js_State *J)
{
	struct promise_realm *r = js_currentfunctiondata(J);
	struct pair *pr;
	int top;

	if (is_object(J, 1, r->then) && promise_get(J, 3) != NULL) {
		if (js_try(J)) {
			settle(J, r, 2, REJECTED, -1);
			js_pushundefined(J);
			return;
		}
		species(J, 3);
		js_endtry(J);
		js_pushundefined(J);
		js_pushundefined(J);
		top = js_gettop(J);
		perform_then(J, r, 3, top - 2, top - 1, 2);
		js_pushundefined(J);
		return;
	}
	pr = js_malloc(J, sizeof(*pr));
	pr->r = r;
	pr->done = 0;
	pr->refs = 1;	/* the first function's, should making it fail */
	pair_push(J, 2, pr);
	js_copy(J, 1);
	js_copy(J, 3);
	js_copy(J, -4);
	js_copy(J, -4);
	if (js_pcall(J, 2) != 0 && !pr->done) {
		pr->done = 1;
		settle(J, r, 2, REJECTED, -1);
	}
	js_pushundefined(J);
}

/* ---- then ------------------------------------------------------------------ */

/*
 * SpeciesConstructor(promise, Promise), where only Promise has one: the
 * constructor is read, and must be undefined or an object.
 */
static void
species(js_State *J, int idx)
{
	js_getproperty(J, idx, "constructor");
	if (!js_isundefined(J, -1) && !js_isobject(J, -1))
		js_typeerror(J, "The promise's constructor is not an object");
	js_pop(J, 1);
}

/*
 * PerformPromiseThen(promise at idx, onFulfilled at f, onRejected at rj)
 * for the promise at target (undefined: none).
 */
static void
perform_then(js_State *J, struct promise_realm *r, int idx, int f, int rj,
    int target)
{
	struct promise *p;
	int n;

	idx = absidx(J, idx);
	f = absidx(J, f);
	rj = absidx(J, rj);
	target = absidx(J, target);
	p = js_touserdata(J, idx, TAG);
	js_getproperty(J, idx, SLOTS);
	if (p->state == PENDING) {
		if ((n = 1 + 3 * p->reactions++) == 1) {
			js_pushundefined(J);
			js_setindex(J, -2, 0);
		}
		js_copy(J, target);
		js_setindex(J, -2, n);
		if (js_iscallable(J, f))
			js_copy(J, f);
		else
			js_pushundefined(J);
		js_setindex(J, -2, n + 1);
		if (js_iscallable(J, rj))
			js_copy(J, rj);
		else
			js_pushundefined(J);
		js_setindex(J, -2, n + 2);
		js_pop(J, 1);
	} else {
		if (p->state == REJECTED)
			untrack(r, p);
		js_copy(J, p->state == FULFILLED ? f : rj);
		if (!js_iscallable(J, -1)) {
			js_pop(J, 1);
			js_pushundefined(J);
		}
		js_copy(J, target);
		js_getindex(J, -3, 0);
		job_queue(J, r, p->state == FULFILLED ? JOB_FULFILLED :
		    JOB_REJECTED);
		js_pop(J, 1);
	}
	p->handled = 1;
}

static void
promise_then(js_State *J)
{
	struct promise_realm *r = js_currentfunctiondata(J);

	if (promise_get(J, 0) == NULL)
		js_typeerror(J, "Promise.prototype.then called on an object "
		    "that is not a promise");
	species(J, 0);
	promise_new(J, r);
	perform_then(J, r, 0, 1, 2, -1);
}

/* this.then(undefined, onRejected), whatever this.then is. */
static void
promise_catch(js_State *J)
{
	js_copy(J, 0);
	js_getproperty(J, -1, "then");
	js_rot2(J);
	js_pushundefined(J);
	js_copy(J, 1);
	js_call(J, 2);
}

/* ---- the constructor ------------------------------------------------------- */

static void
promise_call(js_State *J)
{
	js_typeerror(J, "Promise constructor cannot be invoked without 'new'");
}

static void
promise_construct(js_State *J)
{
	struct promise_realm *r = realm_get(J);
	struct promise *p;
	int top;

	if (r == NULL)		/* promise.js, while the realm is made */
		js_error(J, "Promise: used before it is made");
	if (!js_iscallable(J, 1))
		js_typeerror(J, "Promise resolver %s is not a function",
		    js_typeof(J, 1));
	p = promise_new(J, r);
	top = js_gettop(J);
	pair_push(J, -1, &p->first);
	js_copy(J, 1);
	js_pushundefined(J);
	js_copy(J, top);
	js_copy(J, top + 1);
	if (js_pcall(J, 2) != 0 && !p->first.done) {
		p->first.done = 1;
		settle(J, r, top - 1, REJECTED, -1);
	}
	js_pop(J, 3);
}

/* ---- Promise.resolve and Promise.reject -------------------------------- */

/* Calls helpers[name](C at c, x at x) of promise.js and leaves its value. */
static void
helper_call(js_State *J, struct promise_realm *r, const char *name, int c, int x)
{
	c = absidx(J, c);
	x = absidx(J, x);
	js_pushobject(J, r->helpers);
	js_getproperty(J, -1, name);
	js_rot2pop1(J);
	js_pushundefined(J);
	js_copy(J, c);
	js_copy(J, x);
	js_call(J, 2);
}

/* Pushes PromiseResolve(C at c, x at x). */
static void
promise_resolve_with(js_State *J, struct promise_realm *r, int c, int x)
{
	int same;

	c = absidx(J, c);
	x = absidx(J, x);
	if (promise_get(J, x) != NULL) {
		js_getproperty(J, x, "constructor");
		js_copy(J, c);
		same = js_strictequal(J);
		js_pop(J, 2);
		if (same) {
			js_copy(J, x);
			return;
		}
	}
	if (is_object(J, c, r->ctor)) {
		promise_new(J, r);
		resolve(J, r, -1, x);
		return;
	}
	helper_call(J, r, "resolveOther", c, x);
}

static void
promise_static_resolve(js_State *J)
{
	struct promise_realm *r = js_currentfunctiondata(J);

	if (!js_isobject(J, 0))
		js_typeerror(J, "Promise.resolve called on a non-object");
	promise_resolve_with(J, r, 0, 1);
}

static void
promise_static_reject(js_State *J)
{
	struct promise_realm *r = js_currentfunctiondata(J);

	if (is_object(J, 0, r->ctor)) {
		promise_new(J, r);
		settle(J, r, -1, REJECTED, 1);
		return;
	}
	helper_call(J, r, "rejectOther", 0, 1);
}

/* promise.js's promiseResolve(C, x). */
static void
promise_native_resolve(js_State *J)
{
	promise_resolve_with(J, js_currentfunctiondata(J), 1, 2);
}

/* ---- installing ------------------------------------------------------------ */

static void
method(js_State *J, int idx, js_CFunction fn, const char *name, int length,
    struct promise_realm *r)
{
	idx = absidx(J, idx);
	js_newcfunctionx(J, fn, name, length, r, NULL);
	js_defproperty(J, idx, name, JS_DONTENUM);
}

/* Makes the realm and leaves its object on top. */
static struct promise_realm *
realm_new(js_State *J, promise_enqueue enqueue)
{
	static const js_CFunction jobs[JOBS] = { promise_job_fulfilled,
	    promise_job_rejected, promise_job_thenable };
	static const char *const job_names[JOBS] = { "fulfilled",
	    "rejected", "thenable" };
	struct promise_realm *r = js_malloc(J, sizeof(*r));
	int R, i;

	memset(r, 0, sizeof(*r));
	r->enqueue = enqueue;
	symbol_hide(J);
	js_pushnull(J);
	js_newuserdata(J, REALM_TAG, r, data_free);
	R = js_gettop(J) - 1;

	js_newobject(J);
	r->proto = realm_keep(J, R, "proto");
	js_pushobject(J, r->proto);
	js_newcconstructor(J, promise_call, promise_construct, "Promise", 1);
	r->ctor = js_toobject(J, -1);
	method(J, -1, promise_static_resolve, "resolve", 1, r);
	method(J, -1, promise_static_reject, "reject", 1, r);
	r->ctor = realm_keep(J, R, "ctor");
	js_pushobject(J, r->proto);
	method(J, -1, promise_then, "then", 2, r);
	method(J, -1, promise_catch, "catch", 1, r);
	js_getproperty(J, -1, "then");
	r->then = realm_keep(J, R, "then");
	js_pop(J, 1);
	for (i = 0; i < JOBS; i++) {
		js_newcfunctionx(J, jobs[i], job_names[i], 3, r, NULL);
		r->job[i] = realm_keep(J, R, job_names[i]);
	}
	js_newarray(J);
	r->unhandled = realm_keep(J, R, "unhandled");

	js_loadstring(J, "(promise.js)", promise_js);
	js_pushundefined(J);
	js_call(J, 0);
	js_pushundefined(J);
	js_pushobject(J, r->ctor);
	js_newcfunctionx(J, promise_native_resolve, "promiseResolve", 2, r,
	    NULL);
	js_call(J, 2);
	js_pushobject(J, r->ctor);
	js_defproperty(J, -2, "Promise", JS_DONTENUM);
	r->helpers = realm_keep(J, R, "helpers");
	return r;
}

static struct promise_realm *
realm_load(js_State *J, promise_enqueue enqueue)
{
	struct promise_realm *r = realm_get(J);

	if (r == NULL) {
		r = realm_new(J, enqueue);
		js_setregistry(J, REALM);
	}
	return r;
}

void
promise_push(js_State *J, promise_enqueue enqueue)
{
	js_pushobject(J, realm_load(J, enqueue)->helpers);
}

void
promise_adopt(js_State *J, promise_enqueue enqueue)
{
	struct promise_realm *r = realm_load(J, enqueue);
	int top = js_gettop(J);

	js_pushobject(J, r->ctor);
	promise_resolve_with(J, r, -1, top - 4);
	perform_then(J, r, -1, top - 3, top - 2, top - 1);
	js_pop(J, 6);
}

/* Pushes a new promise that only C settles: it has no resolving functions. */
static struct promise *
own_new(js_State *J, struct promise_realm *r)
{
	struct promise *p = promise_new(J, r);

	p->first.done = 1;
	p->own = 1;
	return p;
}

void
promise_pushnew(js_State *J, promise_enqueue enqueue)
{
	own_new(J, realm_load(J, enqueue));
}

struct promise_realm *
promise_realm(js_State *J, promise_enqueue enqueue)
{
	return realm_load(J, enqueue);
}

int
promise_wait(js_State *J, struct promise_realm *r)
{
	int top = js_gettop(J);		/* promise, value, callback below */
	struct promise *p;

	if (js_isundefined(J, top - 3)) {
		own_new(J, r);
		js_replace(J, top - 3);
	}
	p = promise_get(J, top - 3);
	if (p == NULL || !p->own || p->state != PENDING || p->resolved)
		return -1;
	js_pushundefined(J);
	js_pushobject(J, r->ctor);
	promise_resolve_with(J, r, -1, top - 2);
	perform_then(J, r, -1, top - 1, top, top - 3);
	js_pop(J, 5);
	return 0;
}

int
promise_settle(js_State *J, int idx, int rejected)
{
	struct promise_realm *r = realm_get(J);
	struct promise *p = promise_get(J, idx);

	if (r == NULL || p == NULL || p->state != PENDING || p->resolved) {
		js_pop(J, 1);
		return -1;
	}
	p->resolved = 1;
	if (rejected)
		settle(J, r, idx, REJECTED, -1);
	else
		resolve(J, r, idx, -1);
	js_pop(J, 1);
	return 0;
}
