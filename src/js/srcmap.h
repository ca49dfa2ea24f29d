/*
 * srcmap: the file:line references of an error's trace, for the log and
 * expose_errors, traced back through source maps to the source that was
 * compiled (fnpool build writes the maps).
 */
#ifndef FNPOOL_SRCMAP_H
#define FNPOOL_SRCMAP_H

#include <stddef.h>

#include <mujs.h>

#include "core/buf.h"

/*
 * Looks generated line `line` (1-based) up in the source map json[0..n):
 * writes the source's name (as the map's "sources" gives it) to src and
 * returns its line (1-based), or returns 0 when the map is not a
 * version 3 map or does not map that line.  Uses J for the JSON; leaves
 * its stack as it was.
 */
int	 srcmap_lookup(js_State *J, const char *json, size_t n, long line,
	    char *src, size_t srcsize);

/*
 * Copies text to out with each "FILE.js:LINE" whose FILE (relative to
 * root, as traces name files) ends in a "//# sourceMappingURL=" naming a
 * map next to it replaced by "SOURCE:LINE".  Nothing outside root is
 * opened; anything that does not map is copied unchanged.
 */
void	 srcmap_rewrite(js_State *J, const char *root, const char *text,
	    struct buf *out);

/* srcmap_rewrite of b's text, in place. */
void	 srcmap_apply(js_State *J, const char *root, struct buf *b);

#endif
