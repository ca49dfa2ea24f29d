/*
 * regexp_translate: a JavaScript regular expression's source, as MuJS
 * holds it (UTF-8, U+0000 as C0 80, lone surrogates as their own three
 * bytes), rewritten in PCRE2's syntax with JavaScript's meaning: `.`, `\s`,
 * `^` and `$` with JavaScript's line terminators and white space, classes
 * written out member by member, named groups numbered, back-references
 * that PCRE2 takes whatever their place, and the escapes browsers accept
 * (Annex B) unless the u flag is given.  No MuJS and no PCRE2 here.
 */
#ifndef FNPOOL_REGEXP_TRANSLATE_H
#define FNPOOL_REGEXP_TRANSLATE_H

#include <stddef.h>

#include "core/buf.h"

/* Flags: g, i, m as MuJS numbers them (JS_REGEXP_G...), then fnpool's. */
enum {
	RX_G = 1, RX_I = 2, RX_M = 4,
	RX_S = 8, RX_U = 16, RX_Y = 32, RX_D = 64,
};

struct regexp_shape {
	int	 ngroups;		/* capture groups, not counting 0 */
	int	 named;			/* has (?<name>...) groups */
	/* for groups 1..ngroups in order: its name or "", each NUL-ended */
	struct buf names;
};

/*
 * Writes src (len bytes) translated for flags to out (PCRE2 syntax, to be
 * compiled with PCRE2_UTF) and fills shape (initialised here; free its
 * names).  Returns 0, or -1 with JavaScript's reason in err.
 */
int	 regexp_translate(const char *src, size_t len, int flags,
	    struct buf *out, struct regexp_shape *shape, char *err,
	    size_t errlen);

/* Parses flags ("dgimsuy"); returns them, or -1 for a bad or repeated one. */
int	 regexp_flags_parse(const char *s);

#endif
