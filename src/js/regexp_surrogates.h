/*
 * regexp_surrogates: characters above U+FFFF written in a pattern as
 * their UTF-16 halves, the way code compiled for ES5 spells them (Babel's
 * regexpu output, he, emoji-regex, punycode): a high surrogate or a class
 * of them, then a low one or a class of them ("\uD83C[\uDFFB-\uDFFF]",
 * "[\uD800-\uDBFF][\uDC00-\uDFFF]").  fnpool matches UTF-8 text where
 * such a character is one code point, so the pair becomes one class of
 * code points.  No MuJS and no PCRE2 here.
 */
#ifndef FNPOOL_REGEXP_SURROGATES_H
#define FNPOOL_REGEXP_SURROGATES_H

#include "core/buf.h"

/*
 * If the pattern at *p (before end) starts with such a pair, writes it to
 * out as a PCRE2 class of code points, moves *p past it and returns 1;
 * otherwise returns 0 and leaves *p and out alone.
 */
int	 regexp_surrogate_pair(const unsigned char **p,
	    const unsigned char *end, struct buf *out);

#endif
