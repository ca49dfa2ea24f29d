/*
 * intl: the C half of internal/intl (intl.js, the global Intl): the
 * helpers it takes from numfmt.c (digits), datefmt.c (calendar fields,
 * the local zone) and collate.c (comparisons).
 */
#include "js/builtin/intl.h"
#include "js/collate.h"
#include "js/datefmt.h"
#include "js/numfmt.h"

void
intl_natives(js_State *J, int idx)
{
	numfmt_natives(J, idx);
	datefmt_natives(J, idx);
	collate_natives(J, idx);
}
