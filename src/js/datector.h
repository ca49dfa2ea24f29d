/*
 * datector: the Date constructor, over MuJS's.  MuJS 1.3.6 turns
 * new Date(date) into a string and back (NaN, now that toString is
 * V8's) and parses ISO 8601 only; this one takes a date's time value as
 * it is (ES2015) and parses strings as Node does (dateparse.c).
 */
#ifndef FNPOOL_DATECTOR_H
#define FNPOOL_DATECTOR_H

#include <mujs.h>

/*
 * Replaces the global Date and Date.parse in a new state; MuJS's
 * constructor still makes every date (Date.prototype stays MuJS's).
 * After datefmt_install.  Throws on out of memory.
 */
void	 datector_install(js_State *J);

#endif
