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

/*
 * For other C code that takes bytes in and gives bytes out (crypto).
 * jstyped_bytes: the bytes a typed array or ArrayBuffer at idx views, or
 * NULL (*len 0) when it is neither.  jstyped_push_bytes: pushes a new
 * Uint8Array of n zero bytes whose prototype is the object at proto
 * (Buffer.prototype makes it a Buffer) and returns its bytes; throws a
 * RangeError past memory_limit.  jstyped_encode: appends the bytes of
 * the string at idx in the encoding named at enc (undefined: utf8), as
 * Buffer.from(string, encoding) has them; throws a TypeError for an
 * unknown encoding.  jstyped_decode: pushes the string of n bytes in
 * the encoding named at enc, as buf.toString(encoding) gives it.
 */
unsigned char	*jstyped_bytes(js_State *J, int idx, size_t *len);
unsigned char	*jstyped_push_bytes(js_State *J, int proto, size_t n);
struct buf;
void		 jstyped_encode(js_State *J, int idx, int enc, struct buf *out);
void		 jstyped_decode(js_State *J, const unsigned char *p, size_t n,
		    int enc);

#endif
