/*
 * asyncfn: fnpool:helpers' asyncToGenerator(fn), which drives an async
 * function that SWC lowered to ES5: fn makes a generator (generator.h)
 * whose yields are the function's awaits.  In C, where @swc/helpers'
 * _async_to_generator and the generator's next() are JavaScript calls at
 * each await, and each makes a promise: an await here subscribes the
 * generator to the awaited value as the engine's own await does
 * (promise_adopt), and the function's promise is the only one made.
 */
#ifndef FNPOOL_ASYNCFN_H
#define FNPOOL_ASYNCFN_H

#include <mujs.h>

struct js_Object;

/*
 * Defines on the object at idx asyncToGenerator(fn), and asyncRun(self,
 * body), which is asyncToGenerator(function () { return generator(this,
 * body); }).call(self) without the two functions between (the lean form
 * of tools/build/lean-async.js); proto is generator_install's.
 */
void	 asyncfn_install(js_State *J, int idx, struct js_Object *proto);

#endif
