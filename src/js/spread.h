/*
 * spread: the array that [...value] makes, in C.  fnpool build's output
 * calls it (through fnpool:helpers) where @swc/helpers' JavaScript would
 * cost three function calls and a copy loop: each MuJS call of a
 * JavaScript function costs about 4,000 instructions (bench/RESULTS.md,
 * "What compiled code costs per request").
 */
#ifndef FNPOOL_SPREAD_H
#define FNPOOL_SPREAD_H

#include <mujs.h>

/*
 * Pushes a new array of the items of the value at idx, in the order
 * [...value] gives them, or throws the TypeError Node throws.
 */
void	 spread_push(js_State *J, int idx);

#endif
