/*
 * intl: the natives of the built-in internal/intl, which holds the global
 * Intl (intl.js); builtin.c makes Intl a lazy global over it.
 */
#ifndef FNPOOL_INTL_H
#define FNPOOL_INTL_H

#include <mujs.h>

/* Sets intl.js's C helpers on the object at idx. */
void	 intl_natives(js_State *J, int idx);

#endif
