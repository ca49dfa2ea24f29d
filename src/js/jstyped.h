/*
 * jstyped: ArrayBuffer and the typed arrays (Int8Array ... Float64Array)
 * for MuJS, which has neither, plus the byte conversions Buffer needs.
 * Their bytes come from the state's allocator, so they count against the
 * function's memory_limit like everything else it allocates.
 */
#ifndef FNPOOL_JSTYPED_H
#define FNPOOL_JSTYPED_H

#include <mujs.h>

/*
 * Defines ArrayBuffer and the typed array constructors as globals; the
 * prototype they share is the registry's "jsext.TypedArray".  May throw.
 */
void	 jstyped_install(js_State *J, js_Alloc alloc, void *actx);
/* Sets on the object at idx the helpers for Buffer, TextEncoder, ... */
void	 jstyped_natives(js_State *J, int idx);

#endif
