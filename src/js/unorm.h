/*
 * unorm: Unicode normalization (NFC, NFD, NFKC, NFKD) of MuJS strings,
 * for String.prototype.normalize.  Only the characters of the tables in
 * unorm_table.h (Latin, Greek, Cyrillic, general punctuation, Latin
 * ligatures; combining marks U+0300..U+036F) are decomposed, composed or
 * reordered: every other character passes through unchanged.
 */
#ifndef FNPOOL_UNORM_H
#define FNPOOL_UNORM_H

#include <stddef.h>

#include "core/buf.h"

enum unorm_form {
	UNORM_NFC,
	UNORM_NFD,
	UNORM_NFKC,
	UNORM_NFKD
};

/*
 * Normalizes s[0..n) (MuJS's UTF-8: U+0000 as C0 80, lone surrogates as
 * three bytes) into out.  Returns 0, leaving out untouched, when s is
 * already normalized in a way that is cheap to see (all ASCII).
 */
int	 unorm_normalize(const char *s, size_t n, enum unorm_form form,
	    struct buf *out);

#endif
