/*
 * regexp_native: the RegExp of JavaScript on fnpool's engine (MuJS
 * compiles through regexp_mujs.c): the constructor with the d, s, u and
 * y flags, exec, test, toString, the flags accessors and the legacy
 * RegExp.$1..$9, lastMatch, input, leftContext, rightContext, lastParen.
 * What the String methods (regexp_string.c) share with them.
 */
#ifndef FNPOOL_REGEXP_NATIVE_H
#define FNPOOL_REGEXP_NATIVE_H

#include <mujs.h>

#include "js/regexp_mujs.h"

/* One match's captures as text offsets, copied out of PCRE2's. */
struct regexp_hit {
	size_t	*ov;
	int	 pairs;
	size_t	 small[32];
};

void	 regexp_hit_free(struct regexp_hit *hit);

/*
 * Matches the RegExp at idx (code: its code) against s from text offset
 * start.  Returns 1 with hit filled, or 0; throws an Error naming the
 * pattern when a limit ends the match.
 */
int	 regexp_native_run(js_State *J, int idx, struct regexp_code *code,
	    struct regexp_subject *s, size_t start, struct regexp_hit *hit);
/*
 * As regexp_native_run, with the captures left in PCRE2's ovector (*ov,
 * good until the next match): for loops that read them at once.
 */
int	 regexp_native_match(js_State *J, int idx, struct regexp_code *code,
	    struct regexp_subject *s, size_t start, const size_t **ov);
/* Pushes the captures' strings ("" or undefined for an unmatched one). */
void	 regexp_native_capture(js_State *J, struct regexp_subject *s,
	    const struct regexp_hit *hit, int i);
/*
 * Pushes exec's array for hit, with its indices for the d flag (RX_D in
 * flags); the string matched is at str.
 */
void	 regexp_native_result(js_State *J, struct regexp_code *code,
	    int flags, struct regexp_subject *s, const struct regexp_hit *hit,
	    int str);
/* Pushes the groups object of hit, or undefined without named groups. */
void	 regexp_native_groups(js_State *J, struct regexp_code *code,
	    struct regexp_subject *s, const struct regexp_hit *hit);
/* Notes hit as the last match (RegExp.$1...). */
void	 regexp_native_note(js_State *J, struct regexp_subject *s,
	    const struct regexp_hit *hit, int str);
/* Replaces the value at idx by new RegExp(value, flags). */
void	 regexp_native_coerce(js_State *J, int idx, const char *flags);

/* Installs RegExp.  May throw. */
void	 regexp_native_install(js_State *J);

#endif
