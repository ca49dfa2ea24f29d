/*
 * jsext: see jsext.h.  What runs per character or needs libm is here in
 * C; the rest is src/js/prelude.js, built into this file (prelude.inc) in
 * sections, each compiled only when a state first uses one of its names:
 * compiling all of it takes MuJS 11 M instructions, 13 times what a bare
 * state costs (docs/javascript.md).  Nothing MuJS already has is replaced: each
 * definition is skipped when the name exists, so a newer MuJS's own wins.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "js/collate.h"
#include "js/datector.h"
#include "js/datefmt.h"
#include "js/jsext.h"
#include "js/funcname.h"
#include "js/numfmt.h"
#include "js/proto.h"
#include "js/regexp_native.h"
#include "js/regexp_string.h"
#include "js/jsstr.h"
#include "js/jstyped.h"
#include "js/symbol.h"
#include "js/collections.h"
#include "js/interpose.h"
#include "js/keyorder.h"
#include "core/log.h"
#include "js/unorm.h"
#include "core/utf8.h"

#include "js/prelude.inc"

/* ---- escape, unescape (ES Annex B.2.1) --------------------------------- */

static void
push_buf(js_State *J, struct buf *b)
{
	if (js_try(J)) {
		buf_free(b);
		js_throw(J);
	}
	js_pushlstring(J, b->data ? b->data : "", (int)b->len);
	js_endtry(J);
	buf_free(b);
}

static void
escape_unit(struct buf *out, uint32_t u)
{
	static const char keep[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
	    "qrstuvwxyz0123456789@*_+-./";

	if (u != 0 && u < 0x80 && strchr(keep, (int)u) != NULL)
		buf_putc(out, (char)u);
	else if (u < 0x100)
		buf_printf(out, "%%%02X", u);
	else
		buf_printf(out, "%%u%04X", u);
}

static void
jsext_escape(js_State *J)
{
	const char *s = js_tostring(J, 1);
	const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
	struct buf out;
	uint32_t cp;

	buf_init(&out);
	while (p < end) {
		cp = jsstr_next(&p, end);
		if (cp >= 0x10000) {
			escape_unit(&out, 0xd800 + ((cp - 0x10000) >> 10));
			escape_unit(&out, 0xdc00 + ((cp - 0x10000) & 0x3ff));
		} else
			escape_unit(&out, cp);
	}
	push_buf(J, &out);
}

static int
hexdigits(const unsigned char *p, const unsigned char *end, int n,
    uint32_t *v)
{
	int i, d;

	*v = 0;
	if (end - p < n)
		return 0;
	for (i = 0; i < n; i++) {
		if ((d = hex_digit(p[i])) < 0)
			return 0;
		*v = *v << 4 | (uint32_t)d;
	}
	return 1;
}

static void
jsext_unescape(js_State *J)
{
	const char *s = js_tostring(J, 1);
	const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
	uint32_t cp, pending = 0;
	struct buf out;

	buf_init(&out);
	while (p < end) {
		if (*p == '%' && p[1] == 'u' && hexdigits(p + 2, end, 4, &cp)) {
			p += 6;
		} else if (*p == '%' && hexdigits(p + 1, end, 2, &cp)) {
			p += 3;
		} else {
			cp = jsstr_next(&p, end);
			if (cp >= 0x10000) {
				jsstr_flush(&out, &pending);
				jsstr_put(&out, cp);
				continue;
			}
		}
		jsstr_put_unit(&out, cp, &pending);
	}
	jsstr_flush(&out, &pending);
	push_buf(J, &out);
}

/* ---- String ---------------------------------------------------------------- */

static void
jsext_normalize(js_State *J)
{
	static const char *forms[] = { "NFC", "NFD", "NFKC", "NFKD" };
	const char *s, *f = "NFC";
	struct buf out;
	size_t i;

	if (!js_iscoercible(J, 0))
		js_typeerror(J, "String.prototype.normalize called on null or "
		    "undefined");
	s = js_tostring(J, 0);
	if (js_isdefined(J, 1))
		f = js_tostring(J, 1);
	for (i = 0; i < 4 && strcmp(f, forms[i]) != 0; i++)
		;
	if (i == 4)
		js_rangeerror(J, "The normalization form should be one of NFC, "
		    "NFD, NFKC, NFKD.");
	buf_init(&out);
	if (unorm_normalize(s, strlen(s), (enum unorm_form)i, &out) == 0)
		js_pushstring(J, s);
	else
		push_buf(J, &out);
}

static void
jsext_fromcodepoint(js_State *J)
{
	int i, top = js_gettop(J);
	struct buf out;
	double d;

	for (i = 1; i < top; i++) {
		d = js_tonumber(J, i);
		if (!(d >= 0 && d <= 0x10ffff && d == trunc(d)))
			js_rangeerror(J, "Invalid code point %s", js_tostring(J, i));
	}
	buf_init(&out);
	for (i = 1; i < top; i++)
		jsstr_put(&out, (uint32_t)js_tonumber(J, i));
	push_buf(J, &out);
}

/* ---- Math ------------------------------------------------------------------ */

#define MATH1(name, expr) \
	static void math_##name(js_State *J) \
	{ double x = js_tonumber(J, 1); js_pushnumber(J, (expr)); }

MATH1(trunc, trunc(x))
MATH1(sign, isnan(x) || x == 0 ? x : x > 0 ? 1 : -1)
/* glibc's cbrt is off by an ulp where Node's is exact (cbrt(27) is 3) */
MATH1(cbrt, isfinite(x) && x != 0 ? (double)cbrtl(x) : x)
MATH1(log2, log2(x))
MATH1(log10, log10(x))
MATH1(log1p, log1p(x))
MATH1(expm1, expm1(x))
MATH1(sinh, sinh(x))
MATH1(cosh, cosh(x))
MATH1(tanh, tanh(x))
MATH1(asinh, asinh(x))
MATH1(acosh, acosh(x))
MATH1(atanh, atanh(x))
MATH1(fround, (double)(float)x)

static void
math_clz32(js_State *J)
{
	uint32_t x = js_touint32(J, 1);

	js_pushnumber(J, x ? __builtin_clz(x) : 32);
}

static void
math_imul(js_State *J)
{
	uint32_t a = js_touint32(J, 1), b = js_touint32(J, 2);

	js_pushnumber(J, (double)(int32_t)(a * b));
}

static void
math_hypot(js_State *J)
{
	int i, top = js_gettop(J), inf = 0, nan = 0;
	double r = 0, x;

	for (i = 1; i < top; i++) {
		x = js_tonumber(J, i);	/* every argument is converted */
		if (isinf(x))
			inf = 1;
		else if (isnan(x))
			nan = 1;
		else
			r = hypot(r, x);
	}
	js_pushnumber(J, inf ? INFINITY : nan ? NAN : r);
}

/* ---- Number ---------------------------------------------------------------- */

static void
number_isfinite(js_State *J)
{
	js_pushboolean(J, js_isnumber(J, 1) && isfinite(js_tonumber(J, 1)));
}

static void
number_isnan(js_State *J)
{
	js_pushboolean(J, js_isnumber(J, 1) && isnan(js_tonumber(J, 1)));
}

static void
number_isinteger(js_State *J)
{
	double d = js_isnumber(J, 1) ? js_tonumber(J, 1) : NAN;

	js_pushboolean(J, isfinite(d) && d == trunc(d));
}

static void
number_issafeinteger(js_State *J)
{
	double d = js_isnumber(J, 1) ? js_tonumber(J, 1) : NAN;

	js_pushboolean(J, isfinite(d) && d == trunc(d) &&
	    fabs(d) <= 9007199254740991.0);
}

/* ---- Error.prototype.stack -------------------------------------------- */

/*
 * Node's err.stack is the error's string and its trace.  MuJS 1.3.6
 * keeps the trace in stackTrace ("\n\tat file:line" lines); 1.3.7 calls
 * it stack, an own property that hides this accessor.
 */
static void
error_stack_get(js_State *J)
{
	if (!js_isobject(J, 0) || !js_hasproperty(J, 0, "stackTrace")) {
		js_pushundefined(J);	/* Error.prototype has none */
		return;
	}
	js_copy(J, 0);			/* js_tostring converts in place */
	js_pushstring(J, js_tostring(J, -1));
	js_rot2pop1(J);
	js_rot2(J);
	js_concat(J);
}

/* err.stack = s makes s its own (as Node allows). */
static void
error_stack_set(js_State *J)
{
	if (!js_isobject(J, 0))
		return;
	js_getglobal(J, "Object");
	js_getproperty(J, -1, "defineProperty");
	js_rot2pop1(J);
	js_pushundefined(J);
	js_copy(J, 0);
	js_pushliteral(J, "stack");
	js_newobject(J);
	js_copy(J, 1);
	js_setproperty(J, -2, "value");
	js_pushboolean(J, 1);
	js_setproperty(J, -2, "writable");
	js_pushboolean(J, 1);
	js_setproperty(J, -2, "configurable");
	js_call(J, 3);
}

int
jsext_pushtrace(js_State *J, int idx)
{
	const char *s;

	if (idx < 0)
		idx += js_gettop(J);
	if (!js_isobject(J, idx))
		return 0;
	if (js_hasproperty(J, idx, "stackTrace")) {
		if (js_isstring(J, -1))
			return 1;
		js_pop(J, 1);
	}
	/*
	 * In 1.3.6 stack is the accessor below, which starts with the
	 * message; a stack a function assigned is its own text: neither is
	 * the engine's trace.
	 */
	if (js_hasproperty(J, idx, "stack")) {
		s = js_isstring(J, -1) ? js_tostring(J, -1) : "";
		if (strncmp(s, "\n\tat ", 5) == 0)
			return 1;
		js_pop(J, 1);
	}
	return 0;
}

static void
install_error_stack(js_State *J)
{
	js_getglobal(J, "Error");
	js_getproperty(J, -1, "prototype");
	if (js_hasproperty(J, -1, "stack")) {
		js_pop(J, 3);
		return;
	}
	js_newcfunction(J, error_stack_get, "stack", 0);
	js_newcfunction(J, error_stack_set, "stack", 1);
	js_defaccessor(J, -3, "stack", JS_DONTENUM);
	js_pop(J, 2);
}

/* ---- installation ----------------------------------------------------------- */

struct native {
	const char	*name;
	js_CFunction	 fn;
	int		 length;
};

/* Defines the missing ones of fns on the object on top, as builtins are. */
static void
define(js_State *J, const struct native *fns)
{
	for (; fns->name != NULL; fns++) {
		if (js_hasproperty(J, -1, fns->name)) {
			js_pop(J, 1);
			continue;
		}
		js_newcfunction(J, fns->fn, fns->name, fns->length);
		js_defproperty(J, -2, fns->name, JS_DONTENUM);
	}
}

static void
define_constant(js_State *J, const char *name, double value)
{
	if (js_hasproperty(J, -1, name)) {
		js_pop(J, 1);
		return;
	}
	js_pushnumber(J, value);
	js_defproperty(J, -2, name, JS_READONLY | JS_DONTENUM | JS_DONTCONF);
}

/*
 * For the prelude, which gives them their length: MuJS pads the arguments
 * of a C function up to its length, so these have none to count theirs.
 */
static const struct native prelude_fns[] = {
	{ "fromCodePoint", jsext_fromcodepoint, 0 },
	{ "hypot", math_hypot, 0 },
	{ NULL, NULL, 0 }
};

/* Number.parseFloat is the global parseFloat: the same function. */
static void
alias_global(js_State *J, const char *name)
{
	if (js_hasproperty(J, -1, name)) {
		js_pop(J, 1);
		return;
	}
	js_getglobal(J, name);
	js_defproperty(J, -2, name, JS_DONTENUM);
}

static const struct native global_fns[] = {
	{ "escape", jsext_escape, 1 },
	{ "unescape", jsext_unescape, 1 },
	{ NULL, NULL, 0 }
};

static const struct native string_proto_fns[] = {
	{ "normalize", jsext_normalize, 0 },
	{ NULL, NULL, 0 }
};

static const struct native math_fns[] = {
	{ "trunc", math_trunc, 1 }, { "sign", math_sign, 1 },
	{ "cbrt", math_cbrt, 1 }, { "log2", math_log2, 1 },
	{ "log10", math_log10, 1 }, { "log1p", math_log1p, 1 },
	{ "expm1", math_expm1, 1 }, { "sinh", math_sinh, 1 },
	{ "cosh", math_cosh, 1 }, { "tanh", math_tanh, 1 },
	{ "asinh", math_asinh, 1 }, { "acosh", math_acosh, 1 },
	{ "atanh", math_atanh, 1 }, { "fround", math_fround, 1 },
	{ "clz32", math_clz32, 1 }, { "imul", math_imul, 2 },
	{ NULL, NULL, 0 }
};

static const struct native number_fns[] = {
	{ "isFinite", number_isfinite, 1 },
	{ "isNaN", number_isnan, 1 },
	{ "isInteger", number_isinteger, 1 },
	{ "isSafeInteger", number_issafeinteger, 1 },
	{ NULL, NULL, 0 }
};

static void
install_natives(js_State *J)
{
	js_pushglobal(J);
	define(J, global_fns);
	/* Node's names for the global object; modules.c sets their values */
	if (!js_hasproperty(J, -1, "globalThis")) {
		js_pushglobal(J);
		js_defproperty(J, -2, "globalThis", JS_DONTENUM);
	} else
		js_pop(J, 1);
	if (!js_hasproperty(J, -1, "global")) {
		js_pushglobal(J);
		js_defproperty(J, -2, "global", JS_DONTENUM);
	} else
		js_pop(J, 1);
	js_pop(J, 1);

	js_getglobal(J, "String");
	js_getproperty(J, -1, "prototype");
	define(J, string_proto_fns);
	js_pop(J, 2);

	js_getglobal(J, "Math");
	define(J, math_fns);
	js_pop(J, 1);

	js_getglobal(J, "Number");
	define(J, number_fns);
	define_constant(J, "EPSILON", 2.220446049250313e-16);
	define_constant(J, "MAX_SAFE_INTEGER", 9007199254740991.0);
	define_constant(J, "MIN_SAFE_INTEGER", -9007199254740991.0);
	alias_global(J, "parseFloat");
	alias_global(J, "parseInt");
	js_pop(J, 1);
}

/*
 * The prelude's definitions.  Each missing one gets a stub, a C function
 * with the right length that, when first called, compiles its section
 * (which defines every stubbed name of the section for real, unless the
 * function has put its own there) and then forwards the call.  A global (Buffer, ...) gets an accessor that does
 * the same when it is first read.  MuJS pads a C function's arguments to
 * its length, so a stub cannot tell f(x) from f(x, undefined): for the
 * variadic ones it drops trailing undefineds (only that first call).
 */
enum lazy_kind {
	METHOD,		/* a stub function until its section is compiled */
	GLOBAL,		/* an accessor until its section is compiled */
	C_GLOBAL,	/* an accessor until its section's C half installs it */
	AT_LOAD		/* nothing until its section is compiled */
};

struct lazy {
	const char	*target;	/* where it is defined */
	const char	*name;
	int		 length;
	const char	*section;	/* of prelude.js */
	int		 variadic;
	enum lazy_kind	 kind;
};

#define TA(name) \
	{ name, "from", 1, "typed", 0, AT_LOAD }, \
	{ name, "of", 0, "typed", 1, AT_LOAD }
static const struct lazy lazies[] = {
	{ "String.prototype", "substr", 2, "string", 0, METHOD },
	{ "String.prototype", "startsWith", 1, "string", 0, METHOD },
	{ "String.prototype", "endsWith", 1, "string", 0, METHOD },
	{ "String.prototype", "includes", 1, "string", 0, METHOD },
	{ "String.prototype", "repeat", 1, "string", 0, METHOD },
	{ "String.prototype", "padStart", 2, "string", 0, METHOD },
	{ "String.prototype", "padEnd", 2, "string", 0, METHOD },
	{ "String.prototype", "trimStart", 0, "string", 0, METHOD },
	{ "String.prototype", "trimEnd", 0, "string", 0, METHOD },
	{ "String.prototype", "trimLeft", 0, "string", 0, METHOD },
	{ "String.prototype", "trimRight", 0, "string", 0, METHOD },
	{ "String.prototype", "codePointAt", 1, "string", 0, METHOD },
	{ "String.prototype", "at", 1, "string", 0, METHOD },
	{ "String", "fromCodePoint", 1, "string", 1, METHOD },
	{ "Math", "hypot", 2, "string", 1, METHOD },
	{ "Object", "assign", 2, "object", 1, METHOD },
	{ "Object", "entries", 1, "object", 0, METHOD },
	{ "Object", "values", 1, "object", 0, METHOD },
	{ "Object", "fromEntries", 1, "object", 0, METHOD },
	{ "Object", "is", 2, "object", 0, METHOD },
	{ "Object", "getOwnPropertyDescriptors", 1, "object", 0, METHOD },
	{ "Object.prototype", "__defineGetter__", 2, "object", 0, METHOD },
	{ "Object.prototype", "__defineSetter__", 2, "object", 0, METHOD },
	{ "Object.prototype", "__lookupGetter__", 1, "object", 0, METHOD },
	{ "Object.prototype", "__lookupSetter__", 1, "object", 0, METHOD },
	{ "Array", "from", 1, "array", 0, METHOD },
	{ "Array", "of", 0, "array", 1, METHOD },
	{ "Array.prototype", "find", 1, "array", 0, METHOD },
	{ "Array.prototype", "findIndex", 1, "array", 0, METHOD },
	{ "Array.prototype", "findLast", 1, "array", 0, METHOD },
	{ "Array.prototype", "findLastIndex", 1, "array", 0, METHOD },
	{ "Array.prototype", "includes", 1, "array", 0, METHOD },
	{ "Array.prototype", "fill", 1, "array", 0, METHOD },
	{ "Array.prototype", "at", 1, "array", 0, METHOD },
	{ "Array.prototype", "flat", 0, "array", 0, METHOD },
	{ "Array.prototype", "flatMap", 1, "array", 0, METHOD },
	{ "Array.prototype", "keys", 0, "es2015", 0, METHOD },
	{ "Array.prototype", "values", 0, "es2015", 0, METHOD },
	{ "Array.prototype", "entries", 0, "es2015", 0, METHOD },
	{ "Object", "getOwnPropertySymbols", 1, "es2015", 0, METHOD },
	{ "globalThis", "Symbol", 0, "es2015", 0, C_GLOBAL },
	{ "globalThis", "Map", 0, "es2015", 0, C_GLOBAL },
	{ "globalThis", "Set", 0, "es2015", 0, C_GLOBAL },
	{ "globalThis", "WeakMap", 0, "es2015", 0, C_GLOBAL },
	{ "globalThis", "WeakSet", 0, "es2015", 0, C_GLOBAL },
	{ "globalThis", "Reflect", 0, "es2015", 0, GLOBAL },
	{ "TypedArray.prototype", "keys", 0, "typed", 0, AT_LOAD },
	{ "TypedArray.prototype", "values", 0, "typed", 0, AT_LOAD },
	{ "TypedArray.prototype", "entries", 0, "typed", 0, AT_LOAD },
	{ "TypedArray.prototype", SYMBOL_ITERATOR, 0, "typed", 0, AT_LOAD },
	{ "TypedArray.prototype", "join", 1, "typed", 0, AT_LOAD },
	{ "TypedArray.prototype", "toString", 0, "typed", 0, AT_LOAD },
	{ "TypedArray.prototype", "indexOf", 1, "typed", 0, AT_LOAD },
	{ "TypedArray.prototype", "lastIndexOf", 1, "typed", 1, AT_LOAD },
	{ "TypedArray.prototype", "forEach", 1, "typed", 0, AT_LOAD },
	{ "TypedArray.prototype", "every", 1, "typed", 0, AT_LOAD },
	{ "TypedArray.prototype", "some", 1, "typed", 0, AT_LOAD },
	{ "TypedArray.prototype", "reduce", 1, "typed", 1, AT_LOAD },
	{ "TypedArray.prototype", "reduceRight", 1, "typed", 1, AT_LOAD },
	{ "TypedArray.prototype", "reverse", 0, "typed", 0, AT_LOAD },
	{ "TypedArray.prototype", "find", 1, "typed", 0, AT_LOAD },
	{ "TypedArray.prototype", "findIndex", 1, "typed", 0, AT_LOAD },
	{ "TypedArray.prototype", "findLast", 1, "typed", 0, AT_LOAD },
	{ "TypedArray.prototype", "findLastIndex", 1, "typed", 0, AT_LOAD },
	{ "TypedArray.prototype", "includes", 1, "typed", 0, AT_LOAD },
	{ "TypedArray.prototype", "at", 1, "typed", 0, AT_LOAD },
	{ "TypedArray.prototype", "map", 1, "typed", 0, AT_LOAD },
	{ "TypedArray.prototype", "filter", 1, "typed", 0, AT_LOAD },
	{ "TypedArray.prototype", "sort", 1, "typed", 0, AT_LOAD },
	TA("Int8Array"), TA("Uint8Array"), TA("Uint8ClampedArray"),
	TA("Int16Array"), TA("Uint16Array"), TA("Int32Array"),
	TA("Uint32Array"), TA("Float32Array"), TA("Float64Array"),
	{ "globalThis", "ArrayBuffer", 0, "typed", 0, C_GLOBAL },
	{ "globalThis", "Int8Array", 0, "typed", 0, C_GLOBAL },
	{ "globalThis", "Uint8Array", 0, "typed", 0, C_GLOBAL },
	{ "globalThis", "Uint8ClampedArray", 0, "typed", 0, C_GLOBAL },
	{ "globalThis", "Int16Array", 0, "typed", 0, C_GLOBAL },
	{ "globalThis", "Uint16Array", 0, "typed", 0, C_GLOBAL },
	{ "globalThis", "Int32Array", 0, "typed", 0, C_GLOBAL },
	{ "globalThis", "Uint32Array", 0, "typed", 0, C_GLOBAL },
	{ "globalThis", "Float32Array", 0, "typed", 0, C_GLOBAL },
	{ "globalThis", "Float64Array", 0, "typed", 0, C_GLOBAL },
	{ "globalThis", "Buffer", 0, "buffer", 0, GLOBAL },
	{ "globalThis", "TextEncoder", 0, "buffer", 0, GLOBAL },
	{ "globalThis", "TextDecoder", 0, "buffer", 0, GLOBAL },
	{ "globalThis", "btoa", 0, "buffer", 0, GLOBAL },
	{ "globalThis", "atob", 0, "buffer", 0, GLOBAL },
};
#undef TA

#define NLAZY		(sizeof(lazies) / sizeof(lazies[0]))
#define NSECTIONS	(sizeof(prelude_names) / sizeof(prelude_names[0]))

/* What a state has of the above: in its registry as "jsext.state". */
struct lazy_state {
	js_Alloc	 alloc;
	void		*actx;
	unsigned char	 stubbed[NLAZY];
	unsigned char	 loaded[NSECTIONS];
};

static struct lazy_state *
lazy_state(js_State *J)
{
	struct lazy_state *ls;

	js_getregistry(J, "jsext.state");
	ls = js_touserdata(J, -1, "jsext.state");
	js_pop(J, 1);
	return ls;
}

static void
lazy_state_free(js_State *J, void *p)
{
	struct lazy_state *ls = p;

	(void)J;
	ls->alloc(ls->actx, ls, 0);
}

static void
push_target(js_State *J, const char *target)
{
	const char *dot = strchr(target, '.');
	char head[32];

	if (strcmp(target, "globalThis") == 0) {
		js_pushglobal(J);
		return;
	}
	if (strcmp(target, "TypedArray.prototype") == 0) {
		js_getregistry(J, "jsext.TypedArray");
		return;
	}
	if (dot == NULL) {
		js_getglobal(J, target);
		return;
	}
	snprintf(head, sizeof(head), "%.*s", (int)(dot - target), target);
	js_getglobal(J, head);
	js_getproperty(J, -1, dot + 1);
	js_rot2pop1(J);
}

static void push_natives(js_State *);

/* The accessors of a section's C globals give way to the C half's. */
static void
drop_accessors(js_State *J, struct lazy_state *ls, const char *section)
{
	size_t i;

	for (i = 0; i < NLAZY; i++) {
		if (lazies[i].kind != C_GLOBAL || !ls->stubbed[i] ||
		    strcmp(lazies[i].section, section) != 0)
			continue;
		ls->stubbed[i] = 0;
		js_pushglobal(J);
		js_delproperty(J, -1, lazies[i].name);
		js_pop(J, 1);
	}
}

/*
 * The C half of the typed section: the accessors of ArrayBuffer and the
 * typed arrays give way to jstyped.c's constructors, and the methods
 * their prototype lacks are marked for the JavaScript half to define.
 */
static void
load_typed(js_State *J, struct lazy_state *ls)
{
	size_t i;

	drop_accessors(J, ls, "typed");
	js_getglobal(J, "ArrayBuffer");
	if (js_isundefined(J, -1))		/* else MuJS has its own */
		jstyped_install(J, ls->alloc, ls->actx);
	js_pop(J, 1);
	for (i = 0; i < NLAZY; i++) {
		if (lazies[i].kind != AT_LOAD)
			continue;
		push_target(J, lazies[i].target);
		if (js_isobject(J, -1) && !js_hasproperty(J, -1, lazies[i].name))
			ls->stubbed[i] = 1;
		else if (js_isobject(J, -1))
			js_pop(J, 1);
		js_pop(J, 1);
	}
}

/*
 * Does the object below the top still hold stub i as name?  A function
 * may have put its own there (a global's setter clears stubbed[i]).
 */
static int
still_stub(js_State *J, size_t i, const char *name)
{
	int same;

	js_getproperty(J, -2, name);
	js_getregistry(J, "jsext.stubs");
	js_getindex(J, -1, (int)i);
	js_rot2pop1(J);
	same = js_strictequal(J);
	js_pop(J, 2);
	return same;
}

/* Compiles and runs a section, putting its definitions over the stubs. */
static void
load_section(js_State *J, const char *section)
{
	struct lazy_state *ls = lazy_state(J);
	size_t s, i;

	for (s = 0; s < NSECTIONS && strcmp(prelude_names[s], section); s++)
		;
	if (s == NSECTIONS)
		js_error(J, "jsext: no prelude section %s", section);
	if (ls->loaded[s])
		return;
	ls->loaded[s] = 1;
	if (strcmp(section, "typed") == 0 || strcmp(section, "es2015") == 0)
		symbol_hide(J);		/* both make hidden keys */
	if (strcmp(section, "typed") == 0)
		load_typed(J, ls);
	if (strcmp(section, "es2015") == 0) {	/* its C half */
		drop_accessors(J, ls, section);
		interpose_symbols();
		symbol_install(J);
		collections_install(J);
	}
	js_loadstring(J, "[prelude]", prelude_sources[s]);
	js_pushundefined(J);
	js_call(J, 0);			/* yields the section's function */
	js_pushundefined(J);
	push_natives(J);
	js_call(J, 1);			/* yields its definitions */
	for (i = 0; i < NLAZY; i++) {
		if (!ls->stubbed[i] || strcmp(lazies[i].section, section) != 0 ||
		    lazies[i].kind == C_GLOBAL)
			continue;
		ls->stubbed[i] = 0;
		push_target(J, lazies[i].target);
		js_getproperty(J, -2, lazies[i].target);
		js_getproperty(J, -1, lazies[i].name);
		js_rot2pop1(J);
		if (!js_iscallable(J, -1) && !js_isobject(J, -1))
			js_error(J, "jsext: prelude section %s lacks %s.%s",
			    section, lazies[i].target, lazies[i].name);
		js_getregistry(J, "jsext.impls");	/* for the stub */
		js_copy(J, -2);
		js_setindex(J, -2, (int)i);
		js_pop(J, 1);
		if (lazies[i].kind != METHOD || still_stub(J, i, lazies[i].name)) {
			js_delproperty(J, -2, lazies[i].name);	/* accessor */
			js_defproperty(J, -2, lazies[i].name, JS_DONTENUM);
		} else
			js_pop(J, 1);		/* the function replaced it */
		js_pop(J, 1);
	}
	js_pop(J, 1);
}

static void
stub_call(js_State *J)
{
	const struct lazy *l = js_currentfunctiondata(J);
	int n = js_gettop(J) - 1, i;

	load_section(J, l->section);
	js_getregistry(J, "jsext.impls");
	js_getindex(J, -1, (int)(l - lazies));
	js_rot2pop1(J);
	if (l->variadic)
		while (n > 0 && js_isundefined(J, n))
			n--;
	js_copy(J, 0);
	for (i = 1; i <= n; i++)
		js_copy(J, i);
	js_call(J, n);
}

static void
stub_get(js_State *J)
{
	const struct lazy *l = js_currentfunctiondata(J);

	load_section(J, l->section);
	js_getglobal(J, l->name);
}

/* Assigning before reading: the value replaces the accessor. */
static void
stub_set(js_State *J)
{
	const struct lazy *l = js_currentfunctiondata(J);

	js_pushglobal(J);
	js_delproperty(J, -1, l->name);
	js_copy(J, 1);
	js_defproperty(J, -2, l->name, JS_DONTENUM);
	lazy_state(J)->stubbed[l - lazies] = 0;
}

static void
install_stubs(js_State *J, js_Alloc alloc, void *actx)
{
	struct lazy_state *ls;
	size_t i;

	if ((ls = alloc(actx, NULL, sizeof(*ls))) == NULL)
		js_error(J, "out of memory");
	memset(ls, 0, sizeof(*ls));
	ls->alloc = alloc;
	ls->actx = actx;
	js_pushnull(J);
	js_newuserdata(J, "jsext.state", ls, lazy_state_free);
	js_setregistry(J, "jsext.state");
	js_newarray(J);
	js_setregistry(J, "jsext.stubs");
	js_newarray(J);
	js_setregistry(J, "jsext.impls");
	for (i = 0; i < NLAZY; i++) {
		if (lazies[i].kind == AT_LOAD)
			continue;
		push_target(J, lazies[i].target);
		if (!js_isobject(J, -1)) {
			js_pop(J, 1);
			continue;
		}
		if (js_hasproperty(J, -1, lazies[i].name)) {
			js_pop(J, 2);
			continue;
		}
		if (lazies[i].kind != METHOD) {
			js_newcfunctionx(J, stub_get, lazies[i].name, 0,
			    (void *)&lazies[i], NULL);
			js_newcfunctionx(J, stub_set, lazies[i].name, 1,
			    (void *)&lazies[i], NULL);
			js_defaccessor(J, -3, lazies[i].name, JS_DONTENUM);
		} else {
			js_newcfunctionx(J, stub_call, lazies[i].name,
			    lazies[i].length, (void *)&lazies[i], NULL);
			js_getregistry(J, "jsext.stubs");
			js_copy(J, -2);
			js_setindex(J, -2, (int)i);
			js_pop(J, 1);
			js_defproperty(J, -2, lazies[i].name, JS_DONTENUM);
		}
		ls->stubbed[i] = 1;
		js_pop(J, 1);
	}
}

/* Pushes the C helpers the prelude's sections get, made once per state. */
static void
push_natives(js_State *J)
{
	js_getregistry(J, "jsext.native");
	if (js_isobject(J, -1))
		return;
	js_pop(J, 1);
	js_newobject(J);
	define(J, prelude_fns);
	jstyped_natives(J, -1);
	symbol_natives(J, -1);
	proto_natives(J, -1);
	js_copy(J, -1);
	js_setregistry(J, "jsext.native");
}

int
jsext_install(js_State *J, js_Alloc alloc, void *actx)
{
	if (js_try(J)) {
		log_error("cannot set up a JavaScript state: %s",
		    js_trystring(J, -1, "error"));
		js_pop(J, 1);
		return -1;
	}
	install_natives(J);
	install_error_stack(J);
	proto_install(J);
	funcname_install(J);
	regexp_native_install(J);
	regexp_string_install(J);
	numfmt_install(J);
	datefmt_install(J);
	datector_install(J);
	collate_install(J);
	keyorder_install(J);
	install_stubs(J, alloc, actx);
	js_endtry(J);
	return 0;
}

/* For tests: compiles every section, as if each had been used. */
int
jsext_load_all(js_State *J)
{
	size_t s;

	if (js_try(J))
		return -1;
	for (s = 0; s < NSECTIONS; s++)
		load_section(J, prelude_names[s]);
	js_endtry(J);
	return 0;
}
