/*
 * regexp_string: see regexp_string.h.  Each method converts its string
 * once (a struct regexp_subject of its own: a replacer function may run
 * other regexps meanwhile) and walks it with PCRE2, positions in UTF-16
 * units as JavaScript counts them.
 */
#include <string.h>

#include "core/buf.h"
#include "js/regexp_matchall.h"
#include "js/regexp_native.h"
#include "js/regexp_string.h"

/* The this value as a string, at 0. */
static void
this_string(js_State *J, const char *method)
{
	if (!js_iscoercible(J, 0))
		js_typeerror(J, "String.prototype.%s called on null or undefined",
		    method);
	if (!js_isstring(J, 0)) {
		js_pushstring(J, js_tostring(J, 0));
		js_replace(J, 0);
	}
}

/* Calls MuJS's own method (saved as registry[key]) with this and n args. */
static void
call_mujs(js_State *J, const char *key, int n)
{
	int i;

	js_getregistry(J, key);
	js_copy(J, 0);
	for (i = 1; i <= n; i++)
		js_copy(J, i);
	js_call(J, n);
}

struct walk {
	struct regexp_subject s;
	struct regexp_code *code;
	int	 flags;
	int	 pairs;			/* the code's groups and the match */
};

static void
walk_begin(js_State *J, struct walk *w, int re, int str)
{
	const char *js = js_tostring(J, str);

	w->code = regexp_mujs_prog(J, re, &w->flags)->code;
	w->pairs = regexp_code_groups(w->code) + 1;
	regexp_subject_init(&w->s);
	regexp_subject_set(&w->s, js, strlen(js));
}

/*
 * Collects the matches of the regexp at re into hits, their ovectors
 * one after the other (w->pairs pairs each): every one for g (from 0,
 * stepping over empty ones), else the first from 0 or, for y, from
 * lastIndex.  Sets lastIndex as exec would have.  Returns how many.
 */
static size_t
collect(js_State *J, struct walk *w, int re, struct buf *hits)
{
	const size_t *ov;
	size_t start = 0, n = 0, first_end = 0;
	double last;

	if (!(w->flags & RX_G) && (w->flags & RX_Y)) {
		last = regexp_mujs_last(J, re, &w->s);
		start = regexp_subject_offset(&w->s, last);
		if (start == w->s.len && regexp_subject_units(&w->s,
		    w->s.len) < last)
			start = w->s.len + 1;
	}
	while (regexp_native_match(J, re, w->code, &w->s, start, &ov) == 1) {
		buf_append(hits, ov, (size_t)w->pairs * 2 * sizeof(*ov));
		if (n++ == 0)
			first_end = ov[1];
		if (!(w->flags & RX_G))
			break;
		start = ov[1] > ov[0] ? ov[1] : regexp_subject_next(&w->s, ov[1]);
		if (ov[1] >= w->s.len && ov[1] == ov[0])
			break;
	}
	if (w->flags & (RX_G | RX_Y))
		regexp_mujs_set_last(J, re, !(w->flags & RX_G) && n > 0 ?
		    regexp_subject_units(&w->s, first_end) : 0);
	return n;
}

/* Hit i of hits, as a view (nothing to free). */
static struct regexp_hit *
hit_at(const struct walk *w, struct buf *hits, size_t i,
    struct regexp_hit *view)
{
	view->pairs = w->pairs;
	view->ov = (size_t *)hits->data + i * 2 * (size_t)w->pairs;
	return view;
}

/* ---- match and matchAll ------------------------------------------------- */

static void
string_match(js_State *J)
{
	struct walk w;
	struct regexp_hit view;
	struct buf hits;
	size_t n, i;

	this_string(J, "match");
	if (!js_isregexp(J, 1))
		regexp_native_coerce(J, 1, NULL);
	regexp_mujs_prog(J, 1, &w.flags);
	if (!(w.flags & RX_G)) {
		js_getproperty(J, 1, "exec");
		js_copy(J, 1);
		js_copy(J, 0);
		js_call(J, 1);
		return;
	}
	walk_begin(J, &w, 1, 0);
	buf_init(&hits);
	if (js_try(J)) {
		regexp_subject_free(&w.s);
		buf_free(&hits);
		js_throw(J);
	}
	n = collect(J, &w, 1, &hits);
	if (n == 0)
		js_pushnull(J);
	else
		js_newarray(J);
	for (i = 0; i < n; i++) {
		regexp_native_capture(J, &w.s, hit_at(&w, &hits, i, &view),
		    0);
		js_setindex(J, -2, (int)i);
	}
	if (n > 0)
		regexp_native_note(J, &w.s, hit_at(&w, &hits, n - 1, &view),
		    0);
	js_endtry(J);
	buf_free(&hits);
	regexp_subject_free(&w.s);
}

/* matchAll: an iterator over a copy of the regexp (regexp_matchall.c). */
static void
string_matchall(js_State *J)
{
	int flags;

	this_string(J, "matchAll");
	if (js_isregexp(J, 1)) {
		regexp_mujs_prog(J, 1, &flags);
		if (!(flags & RX_G))
			js_typeerror(J, "String.prototype.matchAll called with a "
			    "non-global RegExp argument");
		js_copy(J, 1);
		regexp_native_coerce(J, -1, NULL);	/* a copy, as the spec */
		regexp_mujs_copy_last(J, 1, -1);
	} else {
		js_copy(J, 1);
		regexp_native_coerce(J, -1, "g");
	}
	regexp_matchall_push(J, -1, 0);
}

/* ---- replace and replaceAll --------------------------------------------- */

/* GetSubstitution: the template r for hit, appended to out. */
static void
substitute(js_State *J, struct walk *w, struct regexp_hit *hit, int str,
    const char *r, struct buf *out)
{
	const char *js = w->s.js, *end;
	int ncap = hit->pairs - 1, n, i;
	size_t a = regexp_subject_js(&w->s, hit->ov[0]);
	size_t b = regexp_subject_js(&w->s, hit->ov[1]);

	(void)str;
	for (; *r != '\0'; r++) {
		if (*r != '$' || r[1] == '\0') {
			buf_putc(out, *r);
			continue;
		}
		switch (*++r) {
		case '$': buf_putc(out, '$'); continue;
		case '&': buf_append(out, js + a, b - a); continue;
		case '`': buf_append(out, js, a); continue;
		case '\'': buf_append(out, js + b, w->s.js_len - b); continue;
		case '<':
			if (!regexp_code_named(w->code) ||
			    (end = strchr(r, '>')) == NULL)
				break;
			for (i = 1; i <= ncap; i++) {
				const char *nm = regexp_code_name(w->code, i);

				if (nm != NULL && strlen(nm) == (size_t)(end - r - 1) &&
				    memcmp(nm, r + 1, strlen(nm)) == 0)
					break;
			}
			if (i <= ncap && hit->ov[2 * i] != (size_t)-1) {
				regexp_native_capture(J, &w->s, hit, i);
				buf_puts(out, js_tostring(J, -1));
				js_pop(J, 1);
			}
			r = end;
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
		if (hit->ov[2 * n] != (size_t)-1) {
			regexp_native_capture(J, &w->s, hit, n);
			buf_puts(out, js_tostring(J, -1));
			js_pop(J, 1);
		}
	}
}

/* Calls fn(match, captures..., index, string[, groups]), appends it. */
static void
call_replacer(js_State *J, struct walk *w, struct regexp_hit *hit, int fn,
    int str, struct buf *out)
{
	int i, named = regexp_code_named(w->code);

	js_copy(J, fn);
	js_pushundefined(J);
	for (i = 0; i < hit->pairs; i++)
		regexp_native_capture(J, &w->s, hit, i);
	js_pushnumber(J, regexp_subject_units(&w->s, hit->ov[0]));
	js_copy(J, str);
	if (named)
		regexp_native_groups(J, w->code, &w->s, hit);
	js_call(J, hit->pairs + 2 + named);
	buf_puts(out, js_tostring(J, -1));
	js_pop(J, 1);
}

/* Appends the string at 0 with the n hits replaced. */
static void
replace_hits(js_State *J, struct walk *w, struct buf *hits, size_t n,
    struct buf *out)
{
	struct regexp_hit *hit, view;
	size_t i, copied = 0, a;
	int fn = js_iscallable(J, 2);

	for (i = 0; i < n; i++) {
		hit = hit_at(w, hits, i, &view);
		a = regexp_subject_js(&w->s, hit->ov[0]);
		buf_append(out, w->s.js + copied, a - copied);
		if (fn)
			call_replacer(J, w, hit, 2, 0, out);
		else
			substitute(J, w, hit, 0, js_tostring(J, 2), out);
		copied = regexp_subject_js(&w->s, hit->ov[1]);
	}
	buf_append(out, w->s.js + copied, w->s.js_len - copied);
}

/* Stack: string regexp replacement.  Pushes the result. */
static void
replace_regexp(js_State *J)
{
	struct walk w;
	struct regexp_hit view;
	struct buf hits, out;
	size_t n;
	int fn = js_iscallable(J, 2);

	if (!fn) {
		js_pushstring(J, js_tostring(J, 2));
		js_replace(J, 2);
	}
	walk_begin(J, &w, 1, 0);
	buf_init(&hits);
	buf_init(&out);
	if (js_try(J)) {
		regexp_subject_free(&w.s);
		buf_free(&hits);
		buf_free(&out);
		js_throw(J);
	}
	n = collect(J, &w, 1, &hits);
	if (n > 0)
		regexp_native_note(J, &w.s, hit_at(&w, &hits, n - 1, &view),
		    0);
	replace_hits(J, &w, &hits, n, &out);
	js_pushlstring(J, out.data != NULL ? out.data : "", (int)out.len);
	js_endtry(J);
	buf_free(&hits);
	buf_free(&out);
	regexp_subject_free(&w.s);
}

static void
string_replace(js_State *J)
{
	if (!js_isregexp(J, 1)) {
		call_mujs(J, "regexp.replace", 2);
		return;
	}
	this_string(J, "replace");
	replace_regexp(J);
}

/* UTF-16 units in MuJS's bytes from p to end. */
static double
units_between(const char *p, const char *end)
{
	double units = 0;

	for (; p < end; p++)
		if (((unsigned char)*p & 0xc0) != 0x80)
			units += (unsigned char)*p >= 0xf0 ? 2 : 1;
	return units;
}

/* The template r for the string match at p (plen bytes) in s. */
static void
substitute_string(const char *s, const char *p, size_t plen, const char *r,
    struct buf *out)
{
	for (; *r != '\0'; r++) {
		if (*r != '$' || r[1] == '\0') {
			buf_putc(out, *r);
			continue;
		}
		switch (*++r) {
		case '$': buf_putc(out, '$'); break;
		case '&': buf_append(out, p, plen); break;
		case '`': buf_append(out, s, (size_t)(p - s)); break;
		case '\'': buf_puts(out, p + plen); break;
		default: buf_putc(out, '$'); buf_putc(out, *r);
		}
	}
}

/*
 * replaceAll with a string: each occurrence, left to right, the next
 * search one character on after an empty one (ES2021 22.1.3.18).
 * Stack: string pattern replacement (strings, or a function).
 */
static void
replace_all_loop(js_State *J, struct buf *out)
{
	const char *s = js_tostring(J, 0), *pat = js_tostring(J, 1);
	const char *p, *copied = s, *counted = s, *end = s + strlen(s);
	size_t plen = strlen(pat);
	double units = 0;

	for (p = strstr(s, pat); p != NULL; p = strstr(p, pat)) {
		buf_append(out, copied, (size_t)(p - copied));
		if (js_iscallable(J, 2)) {
			units += units_between(counted, p);
			counted = p;
			js_copy(J, 2);
			js_pushundefined(J);
			js_copy(J, 1);
			js_pushnumber(J, units);
			js_copy(J, 0);
			js_call(J, 3);
			buf_puts(out, js_tostring(J, -1));
			js_pop(J, 1);
		} else
			substitute_string(s, p, plen, js_tostring(J, 2), out);
		copied = p + plen;
		if (plen > 0)
			p += plen;
		else if (p == end)
			break;
		else				/* one character on */
			do
				p++;
			while (p < end && ((unsigned char)*p & 0xc0) == 0x80);
	}
	buf_append(out, copied, (size_t)(end - copied));
}

static void
replace_all_string(js_State *J)
{
	struct buf out;

	js_pushstring(J, js_tostring(J, 1));
	js_replace(J, 1);
	if (!js_iscallable(J, 2)) {
		js_pushstring(J, js_tostring(J, 2));
		js_replace(J, 2);
	}
	buf_init(&out);
	if (js_try(J)) {
		buf_free(&out);
		js_throw(J);
	}
	replace_all_loop(J, &out);
	js_pushlstring(J, out.data != NULL ? out.data : "", (int)out.len);
	js_endtry(J);
	buf_free(&out);
}

static void
string_replaceall(js_State *J)
{
	int flags;

	this_string(J, "replaceAll");
	if (!js_isregexp(J, 1)) {
		replace_all_string(J);
		return;
	}
	regexp_mujs_prog(J, 1, &flags);
	if (!(flags & RX_G))
		js_typeerror(J, "replaceAll must be called with a global RegExp");
	replace_regexp(J);
}

/* ---- search and split ---------------------------------------------------- */

static void
string_search(js_State *J)
{
	struct walk w;
	struct regexp_hit hit;
	int rc;

	this_string(J, "search");
	if (!js_isregexp(J, 1))
		regexp_native_coerce(J, 1, NULL);
	walk_begin(J, &w, 1, 0);
	if (js_try(J)) {
		regexp_subject_free(&w.s);
		js_throw(J);
	}
	rc = regexp_native_run(J, 1, w.code, &w.s, 0, &hit);
	if (rc == 1) {
		js_pushnumber(J, regexp_subject_units(&w.s, hit.ov[0]));
		regexp_native_note(J, &w.s, &hit, 0);
		regexp_hit_free(&hit);
	} else
		js_pushnumber(J, -1);
	js_endtry(J);
	regexp_subject_free(&w.s);
}

/* Pushes s's bytes from text offset a to b. */
static void
push_part(js_State *J, struct walk *w, size_t a, size_t b)
{
	size_t ja = regexp_subject_js(&w->s, a), jb = regexp_subject_js(&w->s, b);

	js_pushlstring(J, w->s.js + ja, (int)(jb - ja));
}

/*
 * split's loop (ES2015 21.2.5.11) with a search in place of its sticky
 * match at each position: p is where the last piece ended, q where the
 * next search starts.  The captures are read from PCRE2's ovector as
 * they are, without a copy.
 */
static void
split_loop(js_State *J, struct walk *w, unsigned lim, int arr)
{
	struct regexp_hit hit;
	const size_t *ov;
	size_t p = 0, q = 0;
	unsigned n = 0;
	int i;

	hit.pairs = regexp_code_groups(w->code) + 1;
	if (w->s.len == 0) {
		if (regexp_native_match(J, 1, w->code, &w->s, 0, &ov) == 1)
			return;
		js_copy(J, 0);
		js_setindex(J, arr, 0);
		return;
	}
	while (q < w->s.len) {
		if (regexp_native_match(J, 1, w->code, &w->s, q, &ov) == 0)
			break;
		if (ov[0] >= w->s.len)		/* no split at the very end */
			break;
		if (ov[1] == p) {		/* empty, where the last ended */
			q = regexp_subject_next(&w->s, q);
			continue;
		}
		push_part(J, w, p, ov[0]);
		js_setindex(J, arr, (int)n);
		if (++n == lim)
			return;
		hit.ov = (size_t *)ov;
		for (i = 1; i < hit.pairs; i++) {
			regexp_native_capture(J, &w->s, &hit, i);
			js_setindex(J, arr, (int)n);
			if (++n == lim)
				return;
		}
		p = q = ov[1];
	}
	push_part(J, w, p, w->s.len);
	js_setindex(J, arr, (int)n);
}

static void
string_split(js_State *J)
{
	struct walk w;
	struct regexp_code *code;
	char err[128];
	unsigned lim;

	if (!js_isregexp(J, 1)) {
		call_mujs(J, "regexp.split", 2);
		return;
	}
	this_string(J, "split");
	lim = js_isundefined(J, 2) ? 0xffffffffu : js_touint32(J, 2);
	js_newarray(J);
	if (lim == 0)
		return;
	walk_begin(J, &w, 1, 0);
	/* split searches; a sticky regexp's code would only try at q */
	code = regexp_code_get(regexp_mujs_source(J, 1),
	    strlen(regexp_mujs_source(J, 1)), w.flags & ~RX_Y, err, sizeof(err));
	if (code == NULL) {
		regexp_subject_free(&w.s);
		js_error(J, "%s", err);
	}
	w.code = code;
	if (js_try(J)) {
		regexp_code_put(code);
		regexp_subject_free(&w.s);
		js_throw(J);
	}
	split_loop(J, &w, lim, js_gettop(J) - 1);
	js_endtry(J);
	regexp_code_put(code);
	regexp_subject_free(&w.s);
}

/* ---- installing --------------------------------------------------------- */

static void
save_mujs(js_State *J, const char *name, const char *key)
{
	js_getproperty(J, -1, name);
	js_setregistry(J, key);
}

void
regexp_string_install(js_State *J)
{
	js_getglobal(J, "String");
	js_getproperty(J, -1, "prototype");
	js_getregistry(J, "regexp.replace");
	if (js_isundefined(J, -1)) {
		js_pop(J, 1);
		save_mujs(J, "replace", "regexp.replace");
		save_mujs(J, "split", "regexp.split");
	} else
		js_pop(J, 1);
	js_newcfunction(J, string_match, "match", 1);
	js_defproperty(J, -2, "match", JS_DONTENUM);
	js_newcfunction(J, string_matchall, "matchAll", 1);
	js_defproperty(J, -2, "matchAll", JS_DONTENUM);
	js_newcfunction(J, string_replace, "replace", 2);
	js_defproperty(J, -2, "replace", JS_DONTENUM);
	js_newcfunction(J, string_replaceall, "replaceAll", 2);
	js_defproperty(J, -2, "replaceAll", JS_DONTENUM);
	js_newcfunction(J, string_search, "search", 1);
	js_defproperty(J, -2, "search", JS_DONTENUM);
	js_newcfunction(J, string_split, "split", 2);
	js_defproperty(J, -2, "split", JS_DONTENUM);
	js_pop(J, 2);
}
