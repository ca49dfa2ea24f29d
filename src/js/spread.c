/*
 * spread: see spread.h.  An array is read by index (a hole gives
 * undefined, as its iterator does) and a string by code point, without
 * their iterators, as @swc/helpers' _to_consumable_array does: an
 * Array.prototype[Symbol.iterator] that a function replaced is not
 * called.  arguments, which has no Symbol.iterator in MuJS, is read by
 * index too; anything else goes through the iteration protocol.
 */
#include <string.h>

#include "js/iterate.h"
#include "js/spread.h"

/*
 * A new array of o[0] .. o[o.length - 1], the length read once, as
 * @swc/helpers does (an iterator reads it at each step, which only an
 * element's getter that changes it could tell; it would cost 200
 * instructions an element).
 */
static void
push_indexed(js_State *J, int idx)
{
	int i, n = js_getlength(J, idx);

	js_newarray(J);
	for (i = 0; i < n; i++) {
		js_getindex(J, idx, i);
		js_setindex(J, -2, i);
	}
}

/* The bytes of MuJS's UTF-8 sequence at s, which starts before end. */
static size_t
sequence_length(const unsigned char *s, const unsigned char *end)
{
	size_t n = s[0] < 0xc0 ? 1 : s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;

	return n <= (size_t)(end - s) ? n : (size_t)(end - s);
}

/* Is s (3 bytes or more before end) a surrogate of the range lo..lo+15? */
static int
surrogate(const unsigned char *s, const unsigned char *end, unsigned lo)
{
	return end - s >= 3 && s[0] == 0xed && (s[1] & 0xf0) == lo;
}

/*
 * A new array of the characters of s by code point, as String's
 * iterator gives them.  MuJS keeps a character above U+FFFF as four
 * bytes, and a surrogate as three (jsstr.h): a high one followed by a
 * low one is one character, as it is to the iterator.
 */
static void
push_code_points(js_State *J, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	const unsigned char *end = s + strlen(str);
	size_t n;
	int i;

	js_newarray(J);
	for (i = 0; s < end; i++, s += n) {
		n = sequence_length(s, end);
		if (surrogate(s, end, 0xa0) && surrogate(s + 3, end, 0xb0))
			n = 6;
		js_pushlstring(J, (const char *)s, (int)n);
		js_setindex(J, -2, i);
	}
}

/*
 * With the Symbol.iterator method of the value at idx on top: a new
 * array of what the iterator it makes yields.
 */
static void
push_iterated(js_State *J, int idx)
{
	int it, i;

	iterate_start(J, idx);
	it = js_gettop(J) - 1;
	js_newarray(J);
	for (i = 0; iterate_step(J, it); i++)
		js_setindex(J, -2, i);
	js_rot2pop1(J);
}

static int
is_arguments(js_State *J, int idx)
{
	int yes;

	js_getglobal(J, "Object");
	js_getproperty(J, -1, "prototype");
	js_getproperty(J, -1, "toString");
	js_rot3pop2(J);
	js_copy(J, idx);
	js_call(J, 0);
	yes = strcmp(js_tostring(J, -1), "[object Arguments]") == 0;
	js_pop(J, 1);
	return yes;
}

void
spread_push(js_State *J, int idx)
{
	if (idx < 0)
		idx += js_gettop(J);
	if (js_isarray(J, idx)) {
		push_indexed(J, idx);
		return;
	}
	if (js_isstring(J, idx)) {
		push_code_points(J, js_tostring(J, idx));
		return;
	}
	iterate_method(J, idx);
	if (js_isobject(J, idx) && (js_isundefined(J, -1) || js_isnull(J, -1))) {
		/*
		 * Strings' (of new String('ab')) is defined with Symbol, the
		 * first time a function reads it (jsext.c).
		 */
		js_pop(J, 1);
		js_getglobal(J, "Symbol");
		js_pop(J, 1);
		iterate_method(J, idx);
		if ((js_isundefined(J, -1) || js_isnull(J, -1)) &&
		    is_arguments(J, idx)) {
			js_pop(J, 1);
			push_indexed(J, idx);
			return;
		}
	}
	push_iterated(J, idx);
}
