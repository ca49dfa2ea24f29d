/*
 * asyncfn: fnpool:helpers' natives for the async functions fnpool build
 * makes.  asyncToGenerator(fn) drives one that SWC lowered to ES5: fn
 * makes a generator (generator.h) whose yields are the function's
 * awaits.  In C, where @swc/helpers' _async_to_generator and the
 * generator's next() are JavaScript calls at each await, and each makes
 * a promise: an await here subscribes the generator to the awaited value
 * as the engine's own await does (promise_adopt), and the function's
 * promise is the only one made.  asyncWait, asyncDone and asyncFail are
 * the steps of one lowered as a Promise chain instead.
 */
#ifndef FNPOOL_ASYNCFN_H
#define FNPOOL_ASYNCFN_H

#include <mujs.h>

struct js_Object;

/*
 * Defines on the object at idx asyncToGenerator(fn); asyncRun(self,
 * body), which is asyncToGenerator(function () { return generator(this,
 * body); }).call(self) without the two functions between (the lean form
 * of tools/build/lean-async.js); and the chain's steps:
 * asyncWait(promise, value, callback) awaits value, then settles the
 * function's promise (undefined: a new one) with what callback(value)
 * returns or throws, unless it returns that promise (it waits again);
 * asyncDone(promise, value) and asyncFail(promise, error) settle it; each
 * returns the promise.  proto is generator_install's.
 */
void	 asyncfn_install(js_State *J, int idx, struct js_Object *proto);

#endif
