/*
 * collate: string comparison close to ICU's root collation, as
 * String.prototype.localeCompare and Intl.Collator compare in Node: for
 * ASCII exactly (spaces and punctuation before digits before letters,
 * case second, lower case first), Latin-1 letters as their base letter
 * with the accent second; every other character after "z", by code
 * point.
 */
#ifndef FNPOOL_COLLATE_H
#define FNPOOL_COLLATE_H

#include <mujs.h>

/* What a comparison looks at beyond base letters (Intl's sensitivity). */
enum {
	COLLATE_ACCENT = 1,
	COLLATE_CASE = 2,
	COLLATE_NUMERIC = 4	/* digit runs compare as numbers */
};

/* -1, 0 or 1 as a sorts before, with or after b. */
int	 collate_compare(const char *a, const char *b, int flags);
/*
 * Replaces String.prototype.localeCompare in a new state when MuJS's is
 * not a collation (probed once per process).  Throws on out of memory.
 */
void	 collate_install(js_State *J);
/* Sets intl's helper compare(a, b, flags) on the object at idx. */
void	 collate_natives(js_State *J, int idx);

#endif
