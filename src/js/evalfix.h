/*
 * evalfix: `eval` used as a value (`var e = eval`, `(0, eval)(src)`,
 * `{'%eval%': eval}`), which ES5 allows as indirect eval and MuJS 1.3.6
 * refuses at compile time ("invalid use of 'eval'").  The loader
 * retries such a module with those uses renamed to a global that
 * evaluates in the global scope; a direct call `eval(...)` is left to
 * MuJS, which runs it in the caller's scope.
 */
#ifndef FNPOOL_EVALFIX_H
#define FNPOOL_EVALFIX_H

#include <stddef.h>

#include <mujs.h>

#include "core/buf.h"

#define EVALFIX_NAME	"__fnpool_indirect_eval"

/*
 * Copies src[0..n) to out with each use of the identifier eval that is
 * not a direct call renamed EVALFIX_NAME.  Strings, comments, template
 * text and regular expression literals are copied as they are, and no
 * line break is added or removed.  Returns the number of renames.
 */
int	 evalfix_rewrite(const char *src, size_t n, struct buf *out);

/* Is the exception on top MuJS's refusal of eval as a value? */
int	 evalfix_refused(js_State *);

/* Defines the global EVALFIX_NAME (not enumerable) unless it exists. */
void	 evalfix_define(js_State *);

#endif
