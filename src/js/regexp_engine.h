/*
 * regexp_engine: JavaScript regular expressions on PCRE2 (8-bit, UTF,
 * JIT where the library has it), without MuJS: a cache of compiled
 * patterns, subjects turned from MuJS's strings into the UTF-8 PCRE2
 * takes with their offsets mapped to UTF-16 code units, and matching
 * bounded by PCRE2's match, depth and heap limits.
 */
#ifndef FNPOOL_REGEXP_ENGINE_H
#define FNPOOL_REGEXP_ENGINE_H

#include <stddef.h>

#include "core/buf.h"
#include "js/regexp_translate.h"

/* One compiled pattern, shared by every RegExp with its source and flags. */
struct regexp_code;

/*
 * The compiled code for src (len bytes, as MuJS holds it) with flags
 * (RX_*; g is not part of the code), from the cache or compiled now,
 * with a reference taken.  NULL with the reason in err.
 */
struct regexp_code *regexp_code_get(const char *src, size_t len, int flags,
	    char *err, size_t errlen);
void	 regexp_code_put(struct regexp_code *code);
int	 regexp_code_groups(const struct regexp_code *code);
/* Group i's name (1 <= i <= groups), or NULL; has any group a name? */
const char *regexp_code_name(const struct regexp_code *code, int i);
int	 regexp_code_named(const struct regexp_code *code);
/* Patterns compiled by this process so far (the cache's misses). */
unsigned long regexp_compiles(void);

/*
 * A string to match.  text is what PCRE2 reads: MuJS's bytes themselves
 * when they are valid UTF-8 (always, but for NUL, which MuJS writes C0
 * 80, and surrogates), otherwise a copy made valid UTF-8 (C0 80 becomes
 * a NUL byte, a lone surrogate U+FFFD, a stray byte '?').  Offsets into
 * text convert to UTF-16 units, and those into a copy to offsets into
 * MuJS's bytes, through a cursor, so a global loop's positions, which
 * only grow, cost one pass; split and replace, which need no units,
 * cost none on MuJS's own bytes.
 */
struct regexp_subject {
	const char *js;
	size_t	 js_len;
	const char *text;
	size_t	 len;
	int	 plain;			/* text is js, one unit per byte */
	int	 same;			/* text is js (plain or not) */
	struct buf conv;
	size_t	 cur_text, cur_js;
	double	 cur_unit;
};

void	 regexp_subject_init(struct regexp_subject *s);
void	 regexp_subject_set(struct regexp_subject *s, const char *js,
	    size_t len);
void	 regexp_subject_free(struct regexp_subject *s);
/* text offset to UTF-16 units, and to an offset into MuJS's bytes */
double	 regexp_subject_units(struct regexp_subject *s, size_t off);
size_t	 regexp_subject_js(struct regexp_subject *s, size_t off);
/* UTF-16 units to a text offset (inside a character: the next one) */
size_t	 regexp_subject_offset(struct regexp_subject *s, double units);
/* The offset of the character after off (len at the end). */
size_t	 regexp_subject_next(const struct regexp_subject *s, size_t off);

/*
 * Matches code against s from text offset start (notbol: s starts no
 * line).  Returns 1 with the captures' text offsets in *ov (a pair per
 * group, PCRE2_UNSET for one that did not match), 0 for no match, or -1
 * with the reason in err (a limit reached).
 */
int	 regexp_match(struct regexp_code *code, struct regexp_subject *s,
	    size_t start, int notbol, const size_t **ov, char *err,
	    size_t errlen);

#endif
