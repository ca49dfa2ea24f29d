/*
 * regexp_source: a RegExp's `source` as JavaScript writes it
 * (EscapeRegExpPattern): the pattern with each `/` outside a class and
 * not already escaped written `\/`, and each line terminator as its
 * escape (`\n`, `\r`, `\u2028`, `\u2029`), so that `/${source}/` is a
 * literal for the same pattern.  No MuJS and no PCRE2 here.
 */
#ifndef FNPOOL_REGEXP_SOURCE_H
#define FNPOOL_REGEXP_SOURCE_H

#include <stddef.h>

#include "core/buf.h"

/* Whether pattern (NUL-ended, MuJS's UTF-8) needs any escape at all. */
int	 regexp_source_needed(const char *pattern);
/* Appends pattern's source (NUL-ended) to out. */
void	 regexp_source_escape(const char *pattern, struct buf *out);

#endif
