/*
 * regexp_native: see regexp_native.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "js/regexp_native.h"

/*
 * exec and test on a long string keep it converted between calls (a
 * loop of exec over one string would convert it each time): the string
 * is held in the registry, so while it is, no other can have its bytes'
 * address.
 */
#define HELD_MIN	256

static struct {
	js_State *J;
	const char *js;
	size_t	 len;
	struct regexp_subject s;
	int	 ready;
} held;

/* The last match, for RegExp.$1...: offsets into the input's bytes. */
enum { NOTED = 10 };
static struct {
	js_State *J;
	int	 pairs;
	size_t	 off[2 * NOTED];
	size_t	 paren[2];		/* lastParen's */
} noted;

void
regexp_hit_free(struct regexp_hit *hit)
{
	if (hit->ov != hit->small)
		free(hit->ov);
	hit->ov = NULL;
}

static void
hit_copy(struct regexp_hit *hit, const size_t *ov, int pairs)
{
	hit->pairs = pairs;
	hit->ov = hit->small;
	if ((size_t)pairs * 2 > sizeof(hit->small) / sizeof(hit->small[0]) &&
	    (hit->ov = malloc((size_t)pairs * 2 * sizeof(size_t))) == NULL)
		log_fatal("malloc");
	memcpy(hit->ov, ov, (size_t)pairs * 2 * sizeof(size_t));
}

int
regexp_native_match(js_State *J, int idx, struct regexp_code *code,
    struct regexp_subject *s, size_t start, const size_t **ov)
{
	const char *src;
	char err[128];
	int rc;

	rc = regexp_match(code, s, start, 0, ov, err, sizeof(err));
	if (rc < 0) {
		src = regexp_mujs_source(J, idx);
		js_error(J, "regular expression /%.80s%s/ gave up on this input: "
		    "%s", src, strlen(src) > 80 ? "..." : "", err);
	}
	return rc;
}

int
regexp_native_run(js_State *J, int idx, struct regexp_code *code,
    struct regexp_subject *s, size_t start, struct regexp_hit *hit)
{
	const size_t *ov;
	int rc;

	rc = regexp_native_match(J, idx, code, s, start, &ov);
	if (rc == 1)
		hit_copy(hit, ov, regexp_code_groups(code) + 1);
	return rc;
}

void
regexp_native_capture(js_State *J, struct regexp_subject *s,
    const struct regexp_hit *hit, int i)
{
	size_t a, b;

	if (hit->ov[2 * i] == (size_t)-1) {
		js_pushundefined(J);
		return;
	}
	a = regexp_subject_js(s, hit->ov[2 * i]);
	b = regexp_subject_js(s, hit->ov[2 * i + 1]);
	js_pushlstring(J, s->js + a, (int)(b - a));
}

void
regexp_native_groups(js_State *J, struct regexp_code *code,
    struct regexp_subject *s, const struct regexp_hit *hit)
{
	const char *name;
	int i;

	if (!regexp_code_named(code)) {
		js_pushundefined(J);
		return;
	}
	js_newobject(J);
	for (i = 1; i < hit->pairs; i++) {
		if ((name = regexp_code_name(code, i)) == NULL)
			continue;
		regexp_native_capture(J, s, hit, i);
		js_setproperty(J, -2, name);
	}
}

/* Pushes capture i's [start, end] in UTF-16 units, or undefined. */
static void
push_span(js_State *J, struct regexp_subject *s, const struct regexp_hit *hit,
    int i)
{
	if (hit->ov[2 * i] == (size_t)-1) {
		js_pushundefined(J);
		return;
	}
	js_newarray(J);
	js_pushnumber(J, regexp_subject_units(s, hit->ov[2 * i]));
	js_setindex(J, -2, 0);
	js_pushnumber(J, regexp_subject_units(s, hit->ov[2 * i + 1]));
	js_setindex(J, -2, 1);
}

/* The d flag's indices array, with its groups (ES2022 22.2.7.8). */
static void
push_indices(js_State *J, struct regexp_code *code, struct regexp_subject *s,
    const struct regexp_hit *hit)
{
	const char *name;
	int i;

	js_newarray(J);
	for (i = 0; i < hit->pairs; i++) {
		push_span(J, s, hit, i);
		js_setindex(J, -2, i);
	}
	if (!regexp_code_named(code))
		js_pushundefined(J);
	else {
		js_newobject(J);
		for (i = 1; i < hit->pairs; i++) {
			if ((name = regexp_code_name(code, i)) == NULL)
				continue;
			push_span(J, s, hit, i);
			js_setproperty(J, -2, name);
		}
	}
	js_setproperty(J, -2, "groups");
}

void
regexp_native_result(js_State *J, struct regexp_code *code, int flags,
    struct regexp_subject *s, const struct regexp_hit *hit, int str)
{
	int i;

	js_newarray(J);
	for (i = 0; i < hit->pairs; i++) {
		regexp_native_capture(J, s, hit, i);
		js_setindex(J, -2, i);
	}
	js_pushnumber(J, regexp_subject_units(s, hit->ov[0]));
	js_setproperty(J, -2, "index");
	js_copy(J, str);
	js_setproperty(J, -2, "input");
	regexp_native_groups(J, code, s, hit);
	js_setproperty(J, -2, "groups");
	if (flags & RX_D) {
		push_indices(J, code, s, hit);
		js_setproperty(J, -2, "indices");
	}
}

void
regexp_native_note(js_State *J, struct regexp_subject *s,
    const struct regexp_hit *hit, int str)
{
	int i, last = hit->pairs - 1;

	noted.J = J;
	noted.pairs = hit->pairs < NOTED ? hit->pairs : NOTED;
	for (i = 0; i < 2 * noted.pairs; i++)
		noted.off[i] = hit->ov[i] == (size_t)-1 ? (size_t)-1 :
		    regexp_subject_js(s, hit->ov[i]);
	noted.paren[0] = noted.paren[1] = (size_t)-1;
	if (last > 0 && hit->ov[2 * last] != (size_t)-1) {
		noted.paren[0] = regexp_subject_js(s, hit->ov[2 * last]);
		noted.paren[1] = regexp_subject_js(s, hit->ov[2 * last + 1]);
	}
	js_copy(J, str);
	js_setregistry(J, "regexp.input");
}

/* ---- exec and test ------------------------------------------------------ */

/* The string at idx, converted once (it is read twice). */
static void
string_arg(js_State *J, int idx)
{
	if (!js_isstring(J, idx)) {
		js_pushstring(J, js_tostring(J, idx));
		js_replace(J, idx);
	}
}

static struct regexp_subject *
subject_held(js_State *J, int idx)
{
	const char *js = js_tostring(J, idx);
	int same;

	if (!held.ready) {
		regexp_subject_init(&held.s);
		held.ready = 1;
	}
	if (held.J == J && held.js == js) {
		js_getregistry(J, "regexp.subject");
		same = js_isstring(J, -1) && js_tostring(J, -1) == js;
		js_pop(J, 1);
		if (same)
			return &held.s;
	}
	held.J = NULL;
	held.len = strlen(js);
	if (held.len >= HELD_MIN) {
		js_copy(J, idx);
		js_setregistry(J, "regexp.subject");
		held.J = J;
		held.js = js;
	}
	regexp_subject_set(&held.s, js, held.len);
	return &held.s;
}

/*
 * Where exec starts: lastIndex for g and y, otherwise 0.  Returns -1
 * when lastIndex is past the end (the match fails, lastIndex is 0).
 */
static long long
exec_start(js_State *J, int flags, struct regexp_subject *s, size_t *start)
{
	double last;

	*start = 0;
	if (!(flags & (RX_G | RX_Y)))
		return 0;
	last = regexp_mujs_last(J, 0, s);
	*start = regexp_subject_offset(s, last);
	if (*start == s->len && regexp_subject_units(s, s->len) < last) {
		regexp_mujs_set_last(J, 0, 0);
		return -1;
	}
	return 0;
}

/* exec (array 1) or test: pushes the result. */
static void
exec_common(js_State *J, int array)
{
	struct regexp_prog *prog;
	struct regexp_subject *s;
	struct regexp_hit hit;
	size_t start;
	int flags, rc;

	prog = regexp_mujs_prog(J, 0, &flags);
	string_arg(J, 1);
	s = subject_held(J, 1);
	rc = exec_start(J, flags, s, &start) < 0 ? 0 :
	    regexp_native_run(J, 0, prog->code, s, start, &hit);
	if (rc == 0) {
		if (flags & (RX_G | RX_Y))
			regexp_mujs_set_last(J, 0, 0);
		if (array)
			js_pushnull(J);
		else
			js_pushboolean(J, 0);
		return;
	}
	if (flags & (RX_G | RX_Y))
		regexp_mujs_set_last(J, 0, regexp_subject_units(s, hit.ov[1]));
	regexp_native_note(J, s, &hit, 1);
	if (array)
		regexp_native_result(J, prog->code, flags, s, &hit, 1);
	else
		js_pushboolean(J, 1);
	regexp_hit_free(&hit);
}

static void
regexp_exec(js_State *J)
{
	exec_common(J, 1);
}

static void
regexp_test(js_State *J)
{
	exec_common(J, 0);
}

/* ---- flags -------------------------------------------------------------- */

/* The flags as JavaScript lists them: d first, then g i m s u y. */
static void
flags_string(int flags, char *out)
{
	static const char names[] = "gimsuy";
	int i;

	if (flags & RX_D)
		*out++ = 'd';
	for (i = 0; names[i] != '\0'; i++)
		if (flags & (1 << i))
			*out++ = names[i];
	*out = '\0';
}

static void
regexp_flags(js_State *J)
{
	char f[8] = "";
	int flags;

	if (js_isregexp(J, 0)) {
		regexp_mujs_prog(J, 0, &flags);
		flags_string(flags, f);
	}
	js_pushstring(J, f);
}

static void
regexp_flag(js_State *J)
{
	int bit = *(const int *)js_currentfunctiondata(J), flags;

	if (!js_isregexp(J, 0)) {
		js_pushundefined(J);
		return;
	}
	regexp_mujs_prog(J, 0, &flags);
	js_pushboolean(J, (flags & bit) != 0);
}

static void
regexp_tostring(js_State *J)
{
	char f[8];
	int flags;

	regexp_mujs_prog(J, 0, &flags);
	flags_string(flags, f);
	js_pushliteral(J, "/");
	js_pushstring(J, regexp_mujs_source(J, 0));
	js_concat(J);
	js_pushliteral(J, "/");
	js_concat(J);
	js_pushstring(J, f);
	js_concat(J);
}

/* ---- the constructor ---------------------------------------------------- */

static void
regexp_construct(js_State *J)
{
	const char *src, *given = NULL;
	int flags = 0;

	if (js_isregexp(J, 1)) {
		regexp_mujs_prog(J, 1, &flags);
		js_pushstring(J, regexp_mujs_source(J, 1));
		js_replace(J, 1);
	} else if (js_isundefined(J, 1)) {
		js_pushliteral(J, "");
		js_replace(J, 1);
	} else
		string_arg(J, 1);
	if (js_isdefined(J, 2) &&
	    (flags = regexp_flags_parse(given = js_tostring(J, 2))) < 0)
		js_syntaxerror(J, "Invalid flags supplied to RegExp constructor "
		    "'%s'", given);
	src = js_tostring(J, 1);
	regexp_mujs_next_flags(flags);
	if (js_try(J)) {
		regexp_mujs_next_flags(0);
		js_throw(J);
	}
	js_newregexp(J, *src != '\0' ? src : "(?:)", flags & (RX_G | RX_I |
	    RX_M));
	js_endtry(J);
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

void
regexp_native_coerce(js_State *J, int idx, const char *flags)
{
	if (idx < 0)
		idx += js_gettop(J);
	js_newcfunction(J, regexp_construct, "RegExp", 2);
	js_pushundefined(J);
	if (js_isundefined(J, idx))
		js_pushundefined(J);
	else
		js_copy(J, idx);
	if (flags != NULL)
		js_pushstring(J, flags);
	else
		js_pushundefined(J);
	js_call(J, 2);
	js_replace(J, idx);
}

/* ---- RegExp.$1 ... RegExp.lastMatch ------------------------------------- */

enum legacy { LAST_MATCH = 10, INPUT, LEFT, RIGHT, LAST_PAREN };

static void
push_noted(js_State *J, const char *s, size_t a, size_t b)
{
	if (a == (size_t)-1)
		js_pushliteral(J, "");
	else
		js_pushlstring(J, s + a, (int)(b - a));
}

static void
regexp_static(js_State *J)
{
	int what = *(const int *)js_currentfunctiondata(J);
	const char *s;

	js_getregistry(J, "regexp.input");
	if (noted.J != J || !js_isstring(J, -1)) {
		js_pushliteral(J, "");
		return;
	}
	s = js_tostring(J, -1);
	if (what == INPUT)
		return;
	if (what == LAST_MATCH)
		push_noted(J, s, noted.off[0], noted.off[1]);
	else if (what == LEFT)
		push_noted(J, s, 0, noted.off[0]);
	else if (what == RIGHT)
		push_noted(J, s, noted.off[1], strlen(s));
	else if (what == LAST_PAREN)
		push_noted(J, s, noted.paren[0], noted.paren[1]);
	else if (what < noted.pairs)
		push_noted(J, s, noted.off[2 * what], noted.off[2 * what + 1]);
	else
		js_pushliteral(J, "");
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
}

/* ---- installing --------------------------------------------------------- */

static const int flag_bits[] = { RX_S, RX_U, RX_Y, RX_D };
static const char *const flag_names[] = { "dotAll", "unicode", "sticky",
    "hasIndices" };

static void
install_prototype(js_State *J)
{
	size_t i;

	js_newcfunction(J, regexp_exec, "exec", 1);
	js_defproperty(J, -2, "exec", JS_DONTENUM);
	js_newcfunction(J, regexp_test, "test", 1);
	js_defproperty(J, -2, "test", JS_DONTENUM);
	js_newcfunction(J, regexp_tostring, "toString", 0);
	js_defproperty(J, -2, "toString", JS_DONTENUM);
	js_newcfunction(J, regexp_flags, "flags", 0);
	js_pushundefined(J);
	js_defaccessor(J, -3, "flags", JS_DONTENUM);
	for (i = 0; i < sizeof(flag_bits) / sizeof(flag_bits[0]); i++) {
		js_newcfunctionx(J, regexp_flag, flag_names[i], 0,
		    (void *)&flag_bits[i], NULL);
		js_pushundefined(J);
		js_defaccessor(J, -3, flag_names[i], JS_DONTENUM);
	}
}

void
regexp_native_install(js_State *J)
{
	char err[256];

	if (regexp_mujs_probe(err, sizeof(err)) < 0)	/* once per process */
		js_error(J, "regular expressions: %s", err);
	js_getglobal(J, "RegExp");
	js_getproperty(J, -1, "prototype");
	install_prototype(J);
	js_newcconstructor(J, regexp_call, regexp_construct, "RegExp", 2);
	install_statics(J);
	js_defglobal(J, "RegExp", JS_DONTENUM);
	js_pop(J, 1);
}
