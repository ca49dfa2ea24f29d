/*
 * regexp_fix: see regexp_fix.h.
 *
 * MuJS 1.3.6's String.prototype.replace with a regexp has two faults:
 * it calls a replacement function with the captures only up to the
 * first one that did not take part in the match (then the offset where
 * the next capture belongs), and in a global replace an empty match
 * copies one byte and, if it was the last match, the rest from before
 * that byte ('abc'.replace(/^/g, '-') is "-aabc").  dayjs, lodash and
 * underscore templates and showdown trip on them.  Whether the MuJS at
 * hand has them is tested once per process; if so replace is done here,
 * with MuJS's own exec.  Captures that did not match are "" rather than
 * undefined, as MuJS's exec gives them.
 */
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "js/regexp_fix.h"
#include "js/jsstr.h"
#include "js/rebound.h"

/* ---- RegExp.$1 ... RegExp.lastMatch -------------------------------------- */

/*
 * Browsers and Node keep the last successful match of exec and test in
 * RegExp.$1..$9, lastMatch, input, leftContext, rightContext and
 * lastParen (showdown, old jQuery plugins read them).  MuJS has none, so
 * exec and test are wrapped to note the match in the registry's
 * "jsext.last", an array [match, regexp, input, lastIndex]: exec stores
 * the match it made; test stores what it matched (cheaper than a match
 * array per call) and the statics make the match from that when read.
 */
enum { LAST_MATCH_ARRAY, LAST_RE, LAST_INPUT, LAST_INDEX, MUJS_EXEC,
    MUJS_TEST };			/* MuJS's own exec and test, after */

static int probe(js_State *, const char *, const char *);

static void
push_last(js_State *J)
{
	js_getregistry(J, "jsext.last");
}

/*
 * MuJS runs a global regexp from lastIndex as if the text began there,
 * only not at a line start: so with the m flag ^ never matches just
 * after a line break there ('a\nb' with /^b/gm finds nothing from 2;
 * showdown's lists).  Tested once per process.
 */
static int gm_broken = -1;
static const char gm_probe[] =
    "(function () { var r = /^b/gm; r.lastIndex = 2;"
    " return String(r.exec('a\\nb')); })()";

static int
flag(js_State *J, int re, const char *name)
{
	int on;

	js_getproperty(J, re, name);
	on = js_toboolean(J, -1);
	js_pop(J, 1);
	return on;
}

/*
 * Would MuJS resume the regexp at re on the string at str just after a
 * line break, in multiline mode?  Sets *at, lastIndex (MuJS's: bytes).
 */
static int
resumes_after_break(js_State *J, int re, int str, size_t *at)
{
	const char *s;
	double last;

	if (gm_broken != 1 || !js_isregexp(J, re) || !flag(J, re, "multiline") ||
	    !flag(J, re, "global"))
		return 0;
	js_getproperty(J, re, "lastIndex");
	last = js_tonumber(J, -1);
	js_pop(J, 1);
	s = js_tostring(J, str);
	if (!(last >= 1 && last <= (double)strlen(s)))
		return 0;
	*at = (size_t)last;
	return s[*at - 1] == '\n' || s[*at - 1] == '\r' || (*at >= 3 &&
	    (memcmp(s + *at - 3, "\xe2\x80\xa8", 3) == 0 ||
	    memcmp(s + *at - 3, "\xe2\x80\xa9", 3) == 0));
}

static double
units_in(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	double units = 0;

	while (p < end)
		units += jsstr_next(&p, end) >= 0x10000 ? 2 : 1;
	return units;
}

/*
 * Pushes what MuJS's own exec (which: MUJS_EXEC) or test (MUJS_TEST) of
 * the regexp at re gives for the string at str, mending the fault
 * above: the rest of the text is searched as a text of its own, which
 * is the same for ES5's regexps (they have no lookbehind).
 */
static void
mujs_exec(js_State *J, int re, int str, int which)
{
	const char *s;
	double units, n;
	size_t at;

	if (!resumes_after_break(J, re, str, &at)) {
		push_last(J);
		js_getindex(J, -1, which);
		js_rot2pop1(J);
		js_copy(J, re);
		js_copy(J, str);
		js_call(J, 1);
		return;
	}
	s = js_tostring(J, str);
	units = units_in(s, at);
	js_pushnumber(J, 0);
	js_setproperty(J, re, "lastIndex");
	push_last(J);
	js_getindex(J, -1, MUJS_EXEC);
	js_rot2pop1(J);
	js_copy(J, re);
	js_pushstring(J, s + at);
	js_call(J, 1);
	if (!js_isnull(J, -1)) {
		js_getproperty(J, -1, "index");
		n = js_tonumber(J, -1);
		js_pop(J, 1);
		js_pushnumber(J, n + units);
		js_setproperty(J, -2, "index");
		js_copy(J, str);
		js_setproperty(J, -2, "input");
		js_getproperty(J, re, "lastIndex");
		n = js_tonumber(J, -1);
		js_pop(J, 1);
		js_pushnumber(J, n + (double)at);
		js_setproperty(J, re, "lastIndex");
	}
	if (which == MUJS_TEST) {
		n = !js_isnull(J, -1);
		js_pop(J, 1);
		js_pushboolean(J, n != 0);
	}
}

/* The string argument at idx, converted once (it is read twice). */
static void
to_string_arg(js_State *J, int idx)
{
	if (!js_isstring(J, idx)) {
		js_pushstring(J, js_tostring(J, idx));
		js_replace(J, idx);
	}
}

static void
regexp_exec(js_State *J)
{
	to_string_arg(J, 1);
	mujs_exec(J, 0, 1, MUJS_EXEC);
	if (js_isnull(J, -1))
		return;
	push_last(J);
	js_copy(J, -2);
	js_setindex(J, -2, LAST_MATCH_ARRAY);
	js_pop(J, 1);
}

static void
regexp_test(js_State *J)
{
	double last = 0;

	if (js_isregexp(J, 0)) {
		js_getproperty(J, 0, "lastIndex");
		last = js_tonumber(J, -1);
		js_pop(J, 1);
	}
	to_string_arg(J, 1);
	mujs_exec(J, 0, 1, MUJS_TEST);
	if (!js_toboolean(J, -1))
		return;
	push_last(J);
	js_pushnull(J);
	js_setindex(J, -2, LAST_MATCH_ARRAY);
	js_copy(J, 0);
	js_setindex(J, -2, LAST_RE);
	js_copy(J, 1);
	js_setindex(J, -2, LAST_INPUT);
	js_pushnumber(J, last);
	js_setindex(J, -2, LAST_INDEX);
	js_pop(J, 1);
}

/* Pushes the last match (an array), or undefined before any. */
static void
push_last_match(js_State *J)
{
	double saved;

	push_last(J);
	js_getindex(J, -1, LAST_MATCH_ARRAY);
	if (!js_isnull(J, -1)) {
		js_rot2pop1(J);
		return;
	}
	js_pop(J, 1);
	/* test matched: redo it with exec, lastIndex as it was then */
	js_getindex(J, -1, LAST_RE);
	if (!js_isregexp(J, -1)) {		/* no match yet */
		js_pop(J, 2);
		js_pushundefined(J);
		return;
	}
	js_getproperty(J, -1, "lastIndex");
	saved = js_tonumber(J, -1);
	js_pop(J, 1);
	js_getindex(J, -2, LAST_INDEX);
	js_setproperty(J, -2, "lastIndex");
	js_getindex(J, -2, LAST_INPUT);
	mujs_exec(J, js_gettop(J) - 2, js_gettop(J) - 1, MUJS_EXEC);
	js_rot2pop1(J);
	js_pushnumber(J, saved);
	js_setproperty(J, -3, "lastIndex");
	js_copy(J, -1);
	js_setindex(J, -4, LAST_MATCH_ARRAY);
	js_rot3pop2(J);
}

enum legacy { LAST_MATCH = 10, INPUT, LEFT, RIGHT, LAST_PAREN };

static void
regexp_static(js_State *J)
{
	int what = *(const int *)js_currentfunctiondata(J), n, i;

	push_last_match(J);
	if (!js_isobject(J, -1)) {
		js_pushliteral(J, "");
		return;
	}
	if (what == INPUT) {
		js_getproperty(J, -1, "input");
		return;
	}
	if (what == LEFT || what == RIGHT) {
		js_getproperty(J, -1, "index");
		i = js_tointeger(J, -1);
		js_pop(J, 1);
		js_getproperty(J, -1, "input");
		js_getproperty(J, -1, "slice");
		js_rot2(J);			/* match slice input */
		if (what == LEFT) {
			js_pushnumber(J, 0);
			js_pushnumber(J, i);
			js_call(J, 2);
		} else {
			js_getindex(J, -3, 0);
			n = js_getlength(J, -1);
			js_pop(J, 1);
			js_pushnumber(J, i + n);
			js_call(J, 1);
		}
		return;
	}
	n = js_getlength(J, -1);
	i = what == LAST_MATCH ? 0 : what == LAST_PAREN ? n - 1 : what;
	if (i >= n || (i == 0 && what != LAST_MATCH)) {
		js_pushliteral(J, "");
		return;
	}
	js_getindex(J, -1, i);
	if (js_isundefined(J, -1)) {
		js_pop(J, 1);
		js_pushliteral(J, "");
	}
}

static const int legacy_which[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9,
    LAST_MATCH, INPUT, LEFT, RIGHT, LAST_PAREN };
static const char *const legacy_names[][2] = {
	{ "$1" }, { "$2" }, { "$3" }, { "$4" },
	{ "$5" }, { "$6" }, { "$7" }, { "$8" },
	{ "$9" }, { "lastMatch", "$&" }, { "input", "$_" },
	{ "leftContext", "$`" }, { "rightContext", "$'" },
	{ "lastParen", "$+" },
};

static void
install_statics(js_State *J)
{
	size_t i, j;

	js_getglobal(J, "RegExp");
	if (js_hasproperty(J, -1, "$1")) {
		js_pop(J, 2);
		return;
	}
	if (gm_broken == -1)
		gm_broken = probe(J, gm_probe, "b");
	js_getproperty(J, -1, "prototype");
	js_newarray(J);
	js_pushnull(J);
	js_setindex(J, -2, LAST_MATCH_ARRAY);
	js_pushnull(J);
	js_setindex(J, -2, LAST_RE);
	js_pushnull(J);
	js_setindex(J, -2, LAST_INPUT);
	js_pushnumber(J, 0);
	js_setindex(J, -2, LAST_INDEX);
	js_getproperty(J, -2, "exec");
	js_setindex(J, -2, MUJS_EXEC);
	js_getproperty(J, -2, "test");
	js_setindex(J, -2, MUJS_TEST);
	js_setregistry(J, "jsext.last");
	js_newcfunction(J, regexp_exec, "exec", 1);
	js_defproperty(J, -2, "exec", JS_DONTENUM);
	js_newcfunction(J, regexp_test, "test", 1);
	js_defproperty(J, -2, "test", JS_DONTENUM);
	js_pop(J, 1);
	for (i = 0; i < sizeof(legacy_which) / sizeof(legacy_which[0]); i++) {
		js_newcfunctionx(J, regexp_static, legacy_names[i][0], 0,
		    (void *)&legacy_which[i], NULL);
		for (j = 0; j < 2 && legacy_names[i][j] != NULL; j++) {
			js_copy(J, -1);
			js_pushundefined(J);
			js_defaccessor(J, -4, legacy_names[i][j], JS_DONTENUM);
		}
		js_pop(J, 1);
	}
	js_pop(J, 1);
}

/* ---- String.prototype.replace ------------------------------------------ */

static int replace_broken = -1;
static const char replace_probe[] =
    "'x'.replace(/(a)|(x)/, function () { return arguments.length; }) +"
    "'abc'.replace(/^/g, '-')";

/* Bytes of s from p on that make units UTF-16 code units. */
static const char *
skip_units(const char *p, const char *end, double units)
{
	const unsigned char *q = (const unsigned char *)p;
	uint32_t cp;

	while (units > 0 && (const char *)q < end) {
		cp = jsstr_next(&q, (const unsigned char *)end);
		units -= cp >= 0x10000 ? 2 : 1;
	}
	return (const char *)q;
}

/*
 * After an empty match of the global regexp at re in s: lastIndex (in
 * bytes for MuJS) past the next character, or past the end.
 */
static void
step(js_State *J, int re, const char *s)
{
	size_t len = strlen(s), at;

	js_getproperty(J, re, "lastIndex");
	at = (size_t)js_tonumber(J, -1);
	js_pop(J, 1);
	at = at < len ? (size_t)(skip_units(s + at, s + len, 1) - s) : len + 1;
	js_pushnumber(J, (double)at);
	js_setproperty(J, re, "lastIndex");
}

/* GetSubstitution: the replacement template r for the match m at idx. */
static void
substitute(js_State *J, int m, const char *s, const char *at,
    const char *after, const char *r, struct buf *out)
{
	int ncap = js_getlength(J, m) - 1, n;

	for (; *r != '\0'; r++) {
		if (*r != '$' || r[1] == '\0') {
			buf_putc(out, *r);
			continue;
		}
		switch (*++r) {
		case '$':
			buf_putc(out, '$');
			continue;
		case '&':
			buf_append(out, at, (size_t)(after - at));
			continue;
		case '`':
			buf_append(out, s, (size_t)(at - s));
			continue;
		case '\'':
			buf_puts(out, after);
			continue;
		}
		if (*r < '0' || *r > '9') {
			buf_putc(out, '$');
			buf_putc(out, *r);
			continue;
		}
		n = *r - '0';
		if (r[1] >= '0' && r[1] <= '9' && n * 10 + (r[1] - '0') >= 1 &&
		    n * 10 + (r[1] - '0') <= ncap)
			n = n * 10 + (*++r - '0');
		if (n < 1 || n > ncap) {
			buf_putc(out, '$');
			buf_putc(out, *r);
			continue;
		}
		js_getindex(J, m, n);
		if (!js_isundefined(J, -1))
			buf_puts(out, js_tostring(J, -1));
		js_pop(J, 1);
	}
}

/* Calls fn(match, captures..., index, string) and appends its string. */
static void
call_replacer(js_State *J, int fn, int m, double index, int str,
    struct buf *out)
{
	int i, n = js_getlength(J, m);

	js_copy(J, fn);
	js_pushundefined(J);
	for (i = 0; i < n; i++)
		js_getindex(J, m, i);
	js_pushnumber(J, index);
	js_copy(J, str);
	js_call(J, n + 2);
	buf_puts(out, js_tostring(J, -1));
	js_pop(J, 1);
}

static int
has_astral(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0xf0)
			return 1;
	return 0;
}

/* Replaces the regexp at idx by a global one with its source and flags. */
static void
global_clone(js_State *J, int idx)
{
	char flags[4] = "g", *f = flags + 1;

	if (flag(J, idx, "ignoreCase"))
		*f++ = 'i';
	if (flag(J, idx, "multiline"))
		*f++ = 'm';
	*f = '\0';
	js_getglobal(J, "RegExp");
	js_getproperty(J, idx, "source");
	js_pushstring(J, flags);
	js_construct(J, 2);
	js_replace(J, idx);
}

/*
 * The replace loop.  Stack: string regexp replacement exec.  MuJS's
 * lastIndex counts bytes of its UTF-8, exactly, where its index goes
 * wrong after a character above U+FFFF: so positions come from
 * lastIndex, with a global copy of a regexp that is not global when
 * the string has such characters.
 */
static void
replace_loop(js_State *J, struct buf *out)
{
	const char *s = js_tostring(J, 0), *end = s + strlen(s);
	const char *copied = s, *at, *after;
	double units = 0;			/* UTF-16 units up to copied */
	size_t len;
	int global, once, m;

	once = !flag(J, 1, "global");
	if (once && has_astral(s))
		global_clone(J, 1);
	global = flag(J, 1, "global");
	if (global) {
		js_pushnumber(J, 0);
		js_setproperty(J, 1, "lastIndex");
	}
	for (;;) {
		js_copy(J, 3);
		js_copy(J, 1);
		js_copy(J, 0);
		js_call(J, 1);
		if (js_isnull(J, -1))
			break;
		m = js_gettop(J) - 1;
		js_getindex(J, m, 0);
		len = strlen(js_tostring(J, -1));
		js_pop(J, 1);
		if (global) {
			/* lastIndex is exact: MuJS counts index wrong after
			 * characters above U+FFFF */
			js_getproperty(J, 1, "lastIndex");
			after = s + (size_t)js_tonumber(J, -1);
			js_pop(J, 1);
			at = after - len;
			if (after > end || at < copied)	/* cannot be */
				js_error(J, "replace: lost track of the match");
		} else {
			js_getproperty(J, m, "index");
			at = skip_units(s, end, js_tonumber(J, -1));
			js_pop(J, 1);
			after = at + len;
		}
		units += units_in(copied, (size_t)(at - copied));
		buf_append(out, copied, (size_t)(at - copied));
		if (js_iscallable(J, 2))
			call_replacer(J, 2, m, units, 0, out);
		else
			substitute(J, m, s, at, after, js_tostring(J, 2), out);
		js_pop(J, 1);
		units += units_in(at, len);
		copied = after;
		if (once)
			break;
		if (at == after) {		/* step over one character */
			if (after == end)
				break;
			step(J, 1, s);
		}
	}
	js_pop(J, 1);
	buf_append(out, copied, (size_t)(end - copied));
	if (global) {
		js_pushnumber(J, 0);
		js_setproperty(J, 1, "lastIndex");
	}
}

static void
string_replace(js_State *J)
{
	struct buf out;

	if (!js_isregexp(J, 1)) {
		js_getregistry(J, "jsext.replace");	/* MuJS's own */
		js_copy(J, 0);
		js_copy(J, 1);
		js_copy(J, 2);
		js_call(J, 2);
		return;
	}
	if (!js_iscoercible(J, 0))
		js_typeerror(J, "String.prototype.replace called on null or "
		    "undefined");
	js_pushstring(J, js_tostring(J, 0));
	js_replace(J, 0);
	if (!js_iscallable(J, 2)) {
		js_pushstring(J, js_tostring(J, 2));
		js_replace(J, 2);
	}
	js_getproperty(J, 1, "exec");		/* as the spec does */
	buf_init(&out);
	if (js_try(J)) {
		buf_free(&out);
		js_throw(J);
	}
	replace_loop(J, &out);
	js_pushlstring(J, out.data ? out.data : "", (int)out.len);
	js_endtry(J);
	buf_free(&out);
}

/*
 * String.prototype.match with a global regexp, through exec so that the
 * fault with ^ after line breaks is mended there too.
 */
static void
string_match(js_State *J)
{
	const char *s;
	int n = 0;

	if (!js_isregexp(J, 1) || !flag(J, 1, "global")) {
		js_getregistry(J, "jsext.match");	/* MuJS's own */
		js_copy(J, 0);
		js_copy(J, 1);
		js_call(J, 1);
		return;
	}
	if (!js_iscoercible(J, 0))
		js_typeerror(J, "String.prototype.match called on null or "
		    "undefined");
	js_pushstring(J, js_tostring(J, 0));
	js_replace(J, 0);
	s = js_tostring(J, 0);
	js_pushnumber(J, 0);
	js_setproperty(J, 1, "lastIndex");
	js_newarray(J);
	for (;;) {
		js_getproperty(J, 1, "exec");
		js_copy(J, 1);
		js_copy(J, 0);
		js_call(J, 1);
		if (js_isnull(J, -1))
			break;
		js_getindex(J, -1, 0);
		js_rot2pop1(J);
		if (*js_tostring(J, -1) == '\0')	/* step over a character */
			step(J, 1, s);
		js_setindex(J, -2, n++);
	}
	js_pop(J, 1);
	if (n == 0) {
		js_pop(J, 1);
		js_pushnull(J);
	}
}

/* Does MuJS get src wrong (its value is not good)? */
static int
probe(js_State *J, const char *src, const char *good)
{
	int broken;

	if (js_ploadstring(J, "[probe]", src) != 0 ||
	    (js_pushundefined(J), js_pcall(J, 0)) != 0) {
		js_pop(J, 1);
		return 1;
	}
	broken = strcmp(js_trystring(J, -1, ""), good) != 0;
	js_pop(J, 1);
	return broken;
}

static void
install_string(js_State *J)
{
	if (replace_broken == -1)
		replace_broken = probe(J, replace_probe, "5-abc");
	js_getglobal(J, "String");
	js_getproperty(J, -1, "prototype");
	if (replace_broken) {
		js_getproperty(J, -1, "replace");
		js_setregistry(J, "jsext.replace");
		js_newcfunction(J, string_replace, "replace", 2);
		js_defproperty(J, -2, "replace", JS_DONTENUM);
	}
	if (gm_broken == 1) {
		js_getproperty(J, -1, "match");
		js_setregistry(J, "jsext.match");
		js_newcfunction(J, string_match, "match", 1);
		js_defproperty(J, -2, "match", JS_DONTENUM);
	}
	js_pop(J, 2);
}

/* ---- new RegExp(source): bounds above 254 ------------------------------ */

/*
 * MuJS refuses quantifier bounds above 254, which packages write into
 * the sources they build (semver 5 and 6: \s{0,256}).  The RegExp
 * constructor is wrapped to rewrite those (rebound.c); literals in the
 * code cannot be reached.  Tested once per process.
 */
static int bounds_broken = -1;
static const char bounds_probe[] =
    "(function () { try { return new RegExp('a{0,255}').test('a'); }"
    " catch (e) { return false; } })()";

/* new RegExp(pattern, flags), the pattern rewritten if it must be. */
static void
regexp_construct(js_State *J)
{
	struct buf src;

	js_getregistry(J, "jsext.RegExp");	/* MuJS's own */
	if (js_isregexp(J, 1) || js_isundefined(J, 1)) {
		js_copy(J, 1);
	} else {
		buf_init(&src);
		if (rebound(js_tostring(J, 1), &src)) {
			if (js_try(J)) {
				buf_free(&src);
				js_throw(J);
			}
			js_pushlstring(J, src.data, (int)src.len);
			js_endtry(J);
		} else
			js_copy(J, 1);
		buf_free(&src);
	}
	js_copy(J, 2);
	js_construct(J, 2);
}

/* RegExp(re) is re itself; otherwise as new RegExp. */
static void
regexp_call(js_State *J)
{
	if (js_isregexp(J, 1) && js_isundefined(J, 2)) {
		js_copy(J, 1);
		return;
	}
	regexp_construct(J);
}

static void
install_constructor(js_State *J)
{
	if (bounds_broken == -1)
		bounds_broken = probe(J, bounds_probe, "true");
	if (!bounds_broken)
		return;
	js_getglobal(J, "RegExp");
	js_copy(J, -1);
	js_setregistry(J, "jsext.RegExp");
	js_getproperty(J, -1, "prototype");
	js_newcconstructor(J, regexp_call, regexp_construct, "RegExp", 2);
	js_defglobal(J, "RegExp", JS_DONTENUM);
	js_pop(J, 1);
}

void
regexp_fix_install(js_State *J)
{
	install_constructor(J);
	install_statics(J);
	install_string(J);
}
