/*
 * regexp_matchall: the iterator String.prototype.matchAll returns (a
 * RegExp String Iterator): each next() runs the regexp's exec once more,
 * so a loop that stops early matches no further.
 */
#ifndef FNPOOL_REGEXP_MATCHALL_H
#define FNPOOL_REGEXP_MATCHALL_H

#include <mujs.h>

/*
 * Pushes an iterator over the matches of the RegExp at re (matchAll's
 * own copy, its lastIndex set) in the string at str.
 */
void	 regexp_matchall_push(js_State *J, int re, int str);

#endif
