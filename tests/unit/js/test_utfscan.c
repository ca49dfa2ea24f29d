/*
 * utfscan (src/js/utfscan.c) and its place in MuJS (src/js/interpose.c):
 * js_utflen and js_runeat answer as MuJS's own do, for ASCII of every
 * length around the eight-byte steps, for two-, three- and four-byte
 * characters at each offset, and for bytes that are not UTF-8; MuJS calls
 * fnpool's; and a loop of charCodeAt over a long string gives its sum.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <mujs.h>

#include "js/mujs_private.h"
#include "js/utfscan.h"
#include "tap.h"

static int (*mujs_utflen)(const char *);
static int (*mujs_runeat)(js_State *, const char *, int);

/* Every answer for s, fnpool's against MuJS's; the first difference. */
static int
same_as_mujs(js_State *J, const char *s, char *why, size_t whylen)
{
	int len = (int)strlen(s), i, got, want;

	if ((got = utfscan_utflen(s, mujs_utflen)) != (want = mujs_utflen(s))) {
		snprintf(why, whylen, "utflen %d, MuJS %d", got, want);
		return 0;
	}
	for (i = -2; i <= len + 3; i++)
		if ((got = utfscan_runeat(J, s, i, mujs_runeat)) !=
		    (want = mujs_runeat(J, s, i))) {
			snprintf(why, whylen, "runeat(%d) %d, MuJS %d", i, got,
			    want);
			return 0;
		}
	return 1;
}

/* Each of the pieces at every offset 0..20 of ASCII, with ASCII after. */
static void
pieces_at_offsets(js_State *J)
{
	static const char *pieces[] = {
		"\xc3\xa9",		/* é, two bytes */
		"\xe2\x82\xac",		/* €, three */
		"\xf0\x9f\x98\x80",	/* 😀, four: two UTF-16 units */
		"\xff",			/* not UTF-8 */
		"\x80",			/* a lone continuation byte */
		"\xe2\x82",		/* a sequence cut short */
	};
	char s[64], why[96];
	size_t p;
	int off, bad = 0;

	for (p = 0; p < sizeof(pieces) / sizeof(pieces[0]); p++)
		for (off = 0; off <= 20; off++) {
			memset(s, 'a', (size_t)off);
			snprintf(s + off, sizeof(s) - (size_t)off, "%sxyz0123456789",
			    pieces[p]);
			if (!same_as_mujs(J, s, why, sizeof(why))) {
				if (bad++ == 0)
					printf("#   piece %zu at %d: %s\n", p, off, why);
			}
		}
	ok(bad == 0, "two-, three-, four-byte characters and bytes that are "
	    "not UTF-8, at offsets 0 to 20: as MuJS answers (%d differ)", bad);
}

static void
ascii_lengths(js_State *J)
{
	char s[80], why[96];
	int n, bad = 0;

	for (n = 0; n < (int)sizeof(s); n++) {
		memset(s, 'a' + n % 26, (size_t)n);
		s[n] = '\0';
		if (!same_as_mujs(J, s, why, sizeof(why)) && bad++ == 0)
			printf("#   length %d: %s\n", n, why);
	}
	ok(bad == 0, "ASCII of lengths 0 to 79: as MuJS answers (%d differ)", bad);
	is_int((int)utfscan_ascii("abcdefgh\xc3\xa9", 10), 8,
	    "utfscan_ascii stops at the first byte that is not ASCII");
	is_int((int)utfscan_ascii("abc", 2), 2, "and reads no byte past n");
}

static const char *
eval(js_State *J, const char *src)
{
	static char out[256];

	if (js_ploadstring(J, "[test]", src) != 0 ||
	    (js_pushundefined(J), js_pcall(J, 0)) != 0)
		snprintf(out, sizeof(out), "error: %s", js_trystring(J, -1, "?"));
	else
		snprintf(out, sizeof(out), "%s", js_trystring(J, -1, "?"));
	js_pop(J, 1);
	return out;
}

static void
through_mujs(js_State *J)
{
	ok(dlsym(RTLD_DEFAULT, "js_utflen") == (void *)js_utflen &&
	    dlsym(RTLD_DEFAULT, "js_runeat") == (void *)js_runeat,
	    "MuJS binds js_utflen and js_runeat to fnpool's");
	is_str(eval(J, "var s = new Array(4001).join('abcdefghij'), sum = 0;"
	    "for (var i = 0; i < s.length; i++) sum += s.charCodeAt(i);"
	    "[s.length, sum, s.charAt(39999), s.charCodeAt(40000)].join()"),
	    "40000,4060000,j,NaN",
	    "a loop of charCodeAt over 40,000 characters");
	is_str(eval(J, "var t = 'ab\\u00e9\\u20ac\\ud83d\\ude00z';"
	    "[t.length, t.charCodeAt(2), t.charCodeAt(3), t.charCodeAt(4),"
	    " t.charCodeAt(5), t.charAt(6), t.charCodeAt(-1), t.slice(3).length].join()"),
	    "7,233,8364,55357,56832,z,NaN,4",
	    "past ASCII: é, €, the surrogates of 😀, as Node answers");
}

int
main(void)
{
	js_State *J = js_newstate(NULL, NULL, 0);

	mujs_utflen = (int (*)(const char *))dlsym(RTLD_NEXT, "js_utflen");
	mujs_runeat = (int (*)(js_State *, const char *, int))
	    dlsym(RTLD_NEXT, "js_runeat");
	if (mujs_utflen == NULL || mujs_runeat == NULL) {
		printf("Bail out! MuJS's js_utflen or js_runeat not found\n");
		return 1;
	}
	ascii_lengths(J);
	pieces_at_offsets(J);
	through_mujs(J);
	js_freestate(J);
	return tap_done();
}
