/*
 * rebound: rewrites a regular expression's source so that no quantifier
 * bound exceeds 254, the most MuJS accepts ({0,256} is a SyntaxError
 * there).  a{1,300} becomes (?:a){1}(?:(?:a){0,254}){0,1}(?:a){0,45}: the
 * same counts, written with bounds MuJS takes.  An atom holding a
 * capture group is left alone (repeating it would renumber the groups).
 */
#ifndef FNPOOL_REBOUND_H
#define FNPOOL_REBOUND_H

#include "core/buf.h"

#define REBOUND_MAX	254

/*
 * Writes src, rewritten, to out.  Returns 1 if anything changed, 0 if
 * out holds src as it was.
 */
int	 rebound(const char *src, struct buf *out);

#endif
