/*
 * regexp_fix: what MuJS 1.3.6's regular expressions get wrong or lack and
 * a function can be given without changing the engine: a correct
 * String.prototype.replace for regexps, and the legacy RegExp.$1..$9,
 * lastMatch, input, leftContext, rightContext, lastParen.
 */
#ifndef FNPOOL_REGEXP_FIX_H
#define FNPOOL_REGEXP_FIX_H

#include <mujs.h>

/* Installs what the MuJS at hand needs of the above.  May throw. */
void	 regexp_fix_install(js_State *J);

#endif
