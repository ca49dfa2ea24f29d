/*
 * collections: ES2015 Map, Set, WeakMap and WeakSet, hash tables in C,
 * with their iterators.  WeakMap and WeakSet hold their keys strongly:
 * MuJS has no weak references (docs/javascript.md).
 */
#ifndef FNPOOL_COLLECTIONS_H
#define FNPOOL_COLLECTIONS_H

#include <mujs.h>

/* Defines the four globals; once per state, after symbol_install. */
void	 collections_install(js_State *J);

#endif
