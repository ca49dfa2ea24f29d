/*
 * promise: ECMAScript's Promise in C on MuJS (which implements ES5 and
 * has none): the constructor, the resolving functions, then, catch,
 * Promise.resolve and reject, the reaction and thenable jobs, and the
 * tracking of rejections no handler has seen.  The combinators,
 * finally and AggregateError are JavaScript (promise.js), compiled in the
 * same state the first time it uses Promise.  Jobs go to the state's
 * microtask queue through the enqueue function the event loop gives
 * (jsloop.c).
 */
#ifndef FNPOOL_PROMISE_H
#define FNPOOL_PROMISE_H

#include <mujs.h>

/*
 * Queues a job: the function at -argc-1 called with the argc values
 * above it (at most 3), and pops them.
 */
typedef void (*promise_enqueue)(js_State *J, int argc);

/*
 * Pushes the object whose properties Promise and AggregateError are the
 * globals of those names, making them in J on first use.
 */
void	 promise_push(js_State *J, promise_enqueue enqueue);
/*
 * What `await value` does, without a promise of its own: with value,
 * onFulfilled, onRejected and a token (neither undefined nor a promise)
 * on top, subscribes the two to the outcome of PromiseResolve(Promise,
 * value), and pops the four.  The one that runs gets the outcome, then
 * the token.
 */
void	 promise_adopt(js_State *J, promise_enqueue enqueue);
/*
 * Pushes a new pending promise of J's Promise, for C code to settle
 * with promise_settle (no resolving functions exist for it).
 */
void	 promise_pushnew(js_State *J, promise_enqueue enqueue);
/*
 * Settles the promise at idx, made by promise_pushnew, with the value on
 * top, which it pops: rejected with it, or resolved with it as a resolve
 * function does (a thenable is adopted).  Returns 0, or -1 when idx is
 * not a promise or one settled already (nothing changes).
 */
int	 promise_settle(js_State *J, int idx, int rejected);
/* J's Promise and its natives, made on first use (for promise_wait). */
struct promise_realm;
struct promise_realm *promise_realm(js_State *J, promise_enqueue enqueue);
/*
 * What an async function lowered as a chain does at an await: with a
 * promise of promise_pushnew (undefined: a new one), a value and a
 * callback on top, subscribes the callback to the outcome of
 * PromiseResolve(Promise, value) as then() would, for that promise:
 * what the callback returns resolves it, what it throws, or the value's
 * rejection, rejects it; but the callback returning the promise itself
 * (it waits again) leaves it pending.  Leaves the promise alone on top
 * and returns 0, or returns -1 when it is not one of promise_pushnew
 * still pending.
 */
int	 promise_wait(js_State *J, struct promise_realm *r);
/*
 * Pushes an array of the reasons of the rejections no handler has seen
 * since the last call, oldest first, and forgets them; returns 0 and
 * pushes nothing when J has never made a promise.
 */
int	 promise_unhandled(js_State *J);

#endif
