/*
 * jsstr: MuJS's own form of strings, for the C code that takes them
 * apart.  MuJS keeps a string as UTF-8 with two liberties: U+0000 is the
 * two bytes C0 80, and a surrogate that is not part of a pair is kept as
 * its own three bytes.  A character above U+FFFF is four bytes and two
 * UTF-16 code units for length and indexing.
 */
#ifndef FNPOOL_JSSTR_H
#define FNPOOL_JSSTR_H

#include <stdint.h>

#include "core/buf.h"

/*
 * Decodes the code point at *sp (before end) and advances *sp.  A stray
 * byte decodes as U+FFFD.
 */
uint32_t jsstr_next(const unsigned char **sp, const unsigned char *end);
/* Appends cp as MuJS writes it (U+0000 as C0 80; surrogates kept). */
void	 jsstr_put(struct buf *out, uint32_t cp);
/*
 * Appends one UTF-16 code unit, joining a low surrogate to the high one
 * just before it (*pending holds that one; flush with jsstr_flush).
 */
void	 jsstr_put_unit(struct buf *out, uint32_t unit, uint32_t *pending);
void	 jsstr_flush(struct buf *out, uint32_t *pending);

#endif
