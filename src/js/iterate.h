/*
 * iterate: the iteration protocol from C (GetMethod of Symbol.iterator,
 * GetIterator, IteratorStep), with Node's messages for what is not
 * iterable.
 */
#ifndef FNPOOL_ITERATE_H
#define FNPOOL_ITERATE_H

#include <mujs.h>

/*
 * Pushes the Symbol.iterator method of the value at idx: undefined when
 * it has none (undefined and null have none).
 */
void	 iterate_method(js_State *J, int idx);
/*
 * With that method on top: replaces it by the iterator it makes of the
 * value at idx, or throws a TypeError.
 */
void	 iterate_start(js_State *J, int idx);
/* Both: pushes the iterator of the value at idx, or throws. */
void	 iterate_open(js_State *J, int idx);
/*
 * Pushes the next value of the iterator at idx (an absolute index) and
 * returns 1, or returns 0 when it is done.
 */
int	 iterate_step(js_State *J, int idx);

#endif
