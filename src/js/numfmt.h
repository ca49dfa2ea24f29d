/*
 * numfmt: numbers to decimal text as V8 prints them.  Exact decimal
 * digits of a double (C's printf is exact on glibc), rounded half away
 * from zero as V8 rounds, or the shortest digits that read back as the
 * same double (what Number.prototype.toString prints).  The Number
 * methods MuJS gets wrong are replaced by these, and Intl's number
 * formatting (src/js/builtin/intl.js) takes its digits from here.
 */
#ifndef FNPOOL_NUMFMT_H
#define FNPOOL_NUMFMT_H

#include <stddef.h>

#include <mujs.h>

/*
 * Replaces Number.prototype.toFixed, toExponential, toPrecision and
 * toLocaleString in a new state when MuJS's own are wrong (probed once
 * per process).  Throws on out of memory.
 */
void	 numfmt_install(js_State *J);
/*
 * x as Number.prototype.toString() prints it in V8 (shortest digits that
 * read back as x), into buf of at least NUMFMT_SHORT bytes.
 */
#define NUMFMT_SHORT	32
const char *numfmt_shortest(double x, char *buf);
/*
 * Sets intl's helper on the object at idx: formatDigits(x, scale,
 * minInt, minFrac, maxFrac, minSig, maxSig, grouping) gives |x| * 10^scale
 * (scale 0, or 2 for percents)
 * as Intl prints it (the shortest digits rounded half away from zero),
 * with "," between groups of three when grouping, and "." before the
 * fraction; minSig 0 means fraction digits decide.
 */
void	 numfmt_natives(js_State *J, int idx);
/*
 * The toLocale* methods given a locale or options (here, in datefmt.c
 * and collate.c) call intl.js: builtin.c, which owns the built-in
 * modules, gives the function that pushes its exports.  A hook rather
 * than a registry entry: each entry makes every lookup in the registry,
 * which a request does many of, dearer.
 */
void	 numfmt_intl_hook(void (*push)(js_State *J));
void	 numfmt_intl_push(js_State *J);

#endif
