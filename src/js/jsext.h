/*
 * jsext: the standard globals MuJS (an ES5 engine) lacks and packages
 * from npm expect: later String, Array, Object, Number and Math methods,
 * the Annex B functions (escape, substr, __defineGetter__, ...),
 * typed arrays and Buffer.  See docs/javascript.md for the list and for
 * what the engine still cannot do.
 */
#ifndef FNPOOL_JSEXT_H
#define FNPOOL_JSEXT_H

#include <mujs.h>

/*
 * Installs them in a new state whose allocator is alloc with actx (typed
 * arrays take their bytes from it).  Returns 0, or -1 after logging why
 * (out of memory: memory_limit is too small for a state).
 */
int	 jsext_install(js_State *J, js_Alloc alloc, void *actx);
/*
 * Compiles all of the prelude now rather than on first use (for tests).
 * Returns 0, or -1 with the error on the stack.
 */
int	 jsext_load_all(js_State *J);
/*
 * Pushes the engine's trace of the error at idx (its "\n\tat file:line"
 * lines) and returns 1; returns 0 and pushes nothing when it has none.
 * MuJS 1.3.6 keeps the trace in stackTrace, 1.3.7 and later in an own
 * stack holding the lines alone, so fnpool's logs do not depend on which.
 */
int	 jsext_pushtrace(js_State *J, int idx);

#endif
