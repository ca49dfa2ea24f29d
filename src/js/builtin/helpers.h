/*
 * helpers: the fnpool:helpers module, C versions of the helpers that
 * fnpool build's output calls per request in place of @swc/helpers'
 * JavaScript (tools/build/helpers/): spread(value) is [...value]
 * (js/spread.c), generator(thisArg, body) makes a generator
 * (js/generator.c) and asyncToGenerator(fn) an async function
 * (js/asyncfn.c); arrayOr(general) makes _sliced_to_array and _to_array
 * return an array without a call of JavaScript.  Made the first time a
 * state requires it, so a state that does not costs nothing.
 */
#ifndef FNPOOL_HELPERS_H
#define FNPOOL_HELPERS_H

#include <mujs.h>

/* Is name "fnpool:helpers"? */
int	 helpers_provided(const char *name);
/* Pushes the module's exports, the same object each time in a state. */
void	 helpers_require(js_State *J);

#endif
