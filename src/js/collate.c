/*
 * collate: see collate.h.
 *
 * MuJS 1.3.6's localeCompare is strcmp ('a'.localeCompare('B') is 31,
 * so a sort puts "Zoe" before "adam"); Node compares by ICU's collation,
 * level by level: base letters over the whole strings first, then
 * accents, then case.
 */
#include <stdint.h>
#include <string.h>

#include "js/collate.h"
#include "js/jsstr.h"
#include "js/numfmt.h"

/*
 * ICU's primary weights of ASCII (Node's Intl.Collator('en') sorted all
 * of it): 0 is ignored (control characters), then white space,
 * punctuation and symbols, digits, letters of either case.
 */
static const unsigned char ascii_weight[128] = {
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  1,  2,  3,  4,  5,  0,  0,
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
	 6, 12, 16, 28, 38, 29, 27, 15, 17, 18, 24, 32,  9,  8, 14, 25,
	39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 11, 10, 33, 34, 35, 13,
	23, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63,
	64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 19, 26, 20, 31,  7,
	30, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63,
	64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 21, 36, 22, 37,  0,
};

/*
 * U+00C0..U+00FF: the base letter ('-': not a letter with an accent)
 * and the accent, in ICU's order: acute 1, grave 2, circumflex 3, ring 4,
 * diaeresis 5, tilde 6, cedilla 7, stroke 8, other 9 (Æ, Ð, ß stand for
 * a, d, s, where ICU expands them).
 */
static const char latin1_base[] =
    "AAAAAAACEEEEIIIIDNOOOOO-OUUUUY-s"
    "aaaaaaaceeeeiiiidnooooo-ouuuuy-y";
static const char latin1_accent[] =
    "21365497213521359621365-821351-9"
    "21365497213521359621365-821351-5";

struct key {
	uint32_t	 primary;
	int		 accent, upper;
};

/* The next character that counts, or 0 at the end. */
static int
key_next(const unsigned char **p, const unsigned char *end, struct key *k)
{
	uint32_t cp;

	while (*p < end) {
		cp = jsstr_next(p, end);
		k->accent = 0;
		k->upper = 0;
		if (cp < 128) {
			if ((k->primary = ascii_weight[cp]) == 0)
				continue;
			k->upper = cp >= 'A' && cp <= 'Z';
		} else if (cp >= 0xc0 && cp <= 0xff &&
		    latin1_base[cp - 0xc0] != '-') {
			cp -= 0xc0;
			k->primary = ascii_weight[(unsigned char)latin1_base[cp]];
			k->accent = latin1_accent[cp] - '0';
			k->upper = latin1_base[cp] >= 'A' && latin1_base[cp] <= 'Z';
		} else
			k->primary = 128 + cp;		/* after z */
		return 1;
	}
	return 0;
}

#define IS_DIGIT(k)	((k).primary >= 39 && (k).primary <= 48)

/*
 * Compares the digit runs starting with ka and kb as numbers (leading
 * zeros aside), leaving both past their runs.
 */
static int
compare_numbers(const unsigned char **a, const unsigned char *ea,
    const unsigned char **b, const unsigned char *eb, struct key *ka,
    struct key *kb)
{
	char da[400], db[400];
	size_t na = 0, nb = 0;
	int more_a, more_b, c;

	do {
		if ((na > 0 || ka->primary != 39) && na < sizeof(da))
			da[na++] = (char)ka->primary;
	} while ((more_a = key_next(a, ea, ka)) && IS_DIGIT(*ka));
	do {
		if ((nb > 0 || kb->primary != 39) && nb < sizeof(db))
			db[nb++] = (char)kb->primary;
	} while ((more_b = key_next(b, eb, kb)) && IS_DIGIT(*kb));
	if (na != nb)
		return na < nb ? -1 : 1;
	if ((c = memcmp(da, db, na)) != 0)
		return c < 0 ? -1 : 1;
	/* the keys after the runs: -1 marks an end */
	if (!more_a)
		ka->primary = 0;
	if (!more_b)
		kb->primary = 0;
	return 0;
}

/* One level over the whole strings: 0 primary, 1 accent, 2 case. */
static int
compare_level(const char *a, const char *b, int level, int numeric)
{
	const unsigned char *pa = (const unsigned char *)a, *ea = pa + strlen(a);
	const unsigned char *pb = (const unsigned char *)b, *eb = pb + strlen(b);
	struct key ka, kb;
	int more_a = key_next(&pa, ea, &ka), more_b = key_next(&pb, eb, &kb);
	int va, vb, c;

	while (more_a && more_b) {
		if (level == 0 && numeric && IS_DIGIT(ka) && IS_DIGIT(kb)) {
			if ((c = compare_numbers(&pa, ea, &pb, eb, &ka, &kb)))
				return c;
			more_a = ka.primary != 0;
			more_b = kb.primary != 0;
			continue;
		}
		va = level == 0 ? (int)ka.primary : level == 1 ? ka.accent :
		    ka.upper;
		vb = level == 0 ? (int)kb.primary : level == 1 ? kb.accent :
		    kb.upper;
		if (va != vb)
			return va < vb ? -1 : 1;
		more_a = key_next(&pa, ea, &ka);
		more_b = key_next(&pb, eb, &kb);
	}
	return more_a == more_b ? 0 : more_a ? 1 : -1;
}

int
collate_compare(const char *a, const char *b, int flags)
{
	int c;

	if ((c = compare_level(a, b, 0, flags & COLLATE_NUMERIC)) != 0)
		return c;
	if ((flags & COLLATE_ACCENT) && (c = compare_level(a, b, 1, 0)) != 0)
		return c;
	if ((flags & COLLATE_CASE) && (c = compare_level(a, b, 2, 0)) != 0)
		return c;
	return 0;
}

/* ---- String.prototype.localeCompare ------------------------------------ */

static void
string_localecompare(js_State *J)
{
	const char *a, *b;

	if (!js_iscoercible(J, 0))
		js_typeerror(J, "String.prototype.localeCompare called on null "
		    "or undefined");
	if (js_isdefined(J, 2) || js_isdefined(J, 3)) {
		numfmt_intl_push(J);
		js_getproperty(J, -1, "localeCompare");
		js_rot2(J);
		js_copy(J, 0);
		js_copy(J, 1);
		js_copy(J, 2);
		js_copy(J, 3);
		js_call(J, 4);
		return;
	}
	a = js_tostring(J, 0);
	b = js_tostring(J, 1);
	js_pushnumber(J, collate_compare(a, b, COLLATE_ACCENT | COLLATE_CASE));
}

static void
intl_compare(js_State *J)
{
	js_pushnumber(J, collate_compare(js_tostring(J, 1), js_tostring(J, 2),
	    js_toint32(J, 3)));
}

void
collate_natives(js_State *J, int idx)
{
	idx = idx < 0 ? js_gettop(J) + idx : idx;
	js_newcfunction(J, intl_compare, "compare", 3);
	js_setproperty(J, idx, "compare");
}

/* Whether MuJS's localeCompare puts 'a' before 'B', on the first state. */
static int
mujs_right(js_State *J)
{
	static int right = -1;

	if (right != -1)
		return right;
	js_getglobal(J, "String");
	js_getproperty(J, -1, "prototype");
	js_getproperty(J, -1, "localeCompare");
	js_pushliteral(J, "a");
	js_pushliteral(J, "B");
	right = js_pcall(J, 1) == 0 && js_tonumber(J, -1) == -1;
	js_pop(J, 3);
	return right;
}

void
collate_install(js_State *J)
{
	if (mujs_right(J))
		return;
	js_getglobal(J, "String");
	js_getproperty(J, -1, "prototype");
	js_newcfunction(J, string_localecompare, "localeCompare", 1);
	js_defproperty(J, -2, "localeCompare", JS_DONTENUM);
	js_pop(J, 2);
}
