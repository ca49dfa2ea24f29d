/*
 * fetch: the globals fetch, Headers, Request, Response, AbortController,
 * AbortSignal and DOMException (docs/functions.md, "Calling other
 * services"), each an accessor until a state first reads one of them.
 */
#ifndef FNPOOL_FETCH_H
#define FNPOOL_FETCH_H

#include <mujs.h>

/*
 * Installs them in a new state whose allocator is alloc with actx
 * (response bodies count against memory_limit).  Returns 0, or -1 when
 * MuJS ran out of memory (the budget records it).
 */
int	 fetch_install(js_State *J, js_Alloc alloc, void *actx);

#endif
