/*
 * regexp_string: String.prototype.match, matchAll, replace, replaceAll,
 * search and split on fnpool's regexp engine (regexp_native.c), with
 * JavaScript's rules for empty matches, lastIndex and $ templates.  With
 * a string in place of a regexp, replace and split stay MuJS's own.
 */
#ifndef FNPOOL_REGEXP_STRING_H
#define FNPOOL_REGEXP_STRING_H

#include <mujs.h>

/* Installs them on String.prototype. */
void	 regexp_string_install(js_State *J);

#endif
