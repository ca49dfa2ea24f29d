/*
 * jstyped: see jstyped.h.
 *
 * An ArrayBuffer is a userdata owning its bytes; a typed array is a
 * userdata viewing some of them, whose "buffer" property keeps the
 * ArrayBuffer (and so the bytes) alive.  Indexed access goes through the
 * userdata callbacks: a canonical numeric name reads and writes an
 * element (or, out of range, reads undefined and writes nothing, as
 * the spec says), every other name is an ordinary property.  MuJS does
 * not ask userdata for their keys, so for-in, Object.keys and
 * JSON.stringify do not see the elements (docs/javascript.md).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "js/jsstr.h"
#include "js/jstyped.h"
#include "core/utf8.h"

#define MAX_BYTES	0x7fffffff	/* js_Alloc takes an int */

enum kind {
	INT8, UINT8, UINT8C, INT16, UINT16, INT32, UINT32, FLOAT32, FLOAT64,
	NKINDS
};

struct kind_info {
	const char	*name;		/* also the userdata tag */
	const char	*proto;		/* registry name of its prototype */
	js_CFunction	 call, construct;
	size_t		 size;
};

#define KIND(k, name, size) \
	static void call_##k(js_State *J) \
	{ js_typeerror(J, "Constructor " name " requires 'new'"); } \
	static void new_##k(js_State *);
KIND(INT8, "Int8Array", 1)
KIND(UINT8, "Uint8Array", 1)
KIND(UINT8C, "Uint8ClampedArray", 1)
KIND(INT16, "Int16Array", 2)
KIND(UINT16, "Uint16Array", 2)
KIND(INT32, "Int32Array", 4)
KIND(UINT32, "Uint32Array", 4)
KIND(FLOAT32, "Float32Array", 4)
KIND(FLOAT64, "Float64Array", 8)
#undef KIND

#define KIND(k, name, size) \
	{ name, "jsext." name, call_##k, new_##k, size }
static const struct kind_info kinds[NKINDS] = {
	KIND(INT8, "Int8Array", 1),
	KIND(UINT8, "Uint8Array", 1),
	KIND(UINT8C, "Uint8ClampedArray", 1),
	KIND(INT16, "Int16Array", 2),
	KIND(UINT16, "Uint16Array", 2),
	KIND(INT32, "Int32Array", 4),
	KIND(UINT32, "Uint32Array", 4),
	KIND(FLOAT32, "Float32Array", 4),
	KIND(FLOAT64, "Float64Array", 8),
};
#undef KIND

struct mem {
	js_Alloc	 alloc;
	void		*actx;
};

struct bytes {				/* an ArrayBuffer's */
	struct mem	 mem;
	unsigned char	*data;
	size_t		 len;
};

struct view {				/* a typed array */
	struct mem	 mem;
	struct bytes	*bytes;
	size_t		 off;		/* in bytes */
	size_t		 len;		/* in elements */
	enum kind	 kind;
};

static struct mem *
mem_of(js_State *J)
{
	struct mem *m;

	js_getregistry(J, "jsext.mem");
	m = js_touserdata(J, -1, "jsext.mem");
	js_pop(J, 1);
	return m;
}

static void *
mem_alloc(js_State *J, struct mem *m, size_t n)
{
	void *p;

	if (n > MAX_BYTES || (p = m->alloc(m->actx, NULL, (int)n)) == NULL)
		js_rangeerror(J, "Array buffer allocation failed");
	return p;
}

/* ---- element conversions ----------------------------------------------- */

static uint32_t
to_uint32(double d)
{
	if (!isfinite(d))
		return 0;
	d = fmod(trunc(d), 4294967296.0);
	if (d < 0)
		d += 4294967296.0;
	return (uint32_t)d;
}

static void
store(enum kind k, unsigned char *p, double d)
{
	uint32_t u = 0;
	uint16_t h;
	float f;
	uint8_t b;

	switch (k) {
	case INT8:
	case UINT8:
		*p = (uint8_t)to_uint32(d);
		return;
	case UINT8C:
		b = isnan(d) || d <= 0 ? 0 : d >= 255 ? 255 : (uint8_t)lrint(d);
		*p = b;
		return;
	case INT16:
	case UINT16:
		h = (uint16_t)to_uint32(d);
		memcpy(p, &h, 2);
		return;
	case INT32:
	case UINT32:
		u = to_uint32(d);
		memcpy(p, &u, 4);
		return;
	case FLOAT32:
		f = (float)d;
		memcpy(p, &f, 4);
		return;
	default:
		memcpy(p, &d, 8);
	}
}

static double
load(enum kind k, const unsigned char *p)
{
	int16_t s16;
	uint16_t u16;
	int32_t s32;
	uint32_t u32;
	float f;
	double d;

	switch (k) {
	case INT8:
		return (int8_t)*p;
	case UINT8:
	case UINT8C:
		return *p;
	case INT16:
		memcpy(&s16, p, 2);
		return s16;
	case UINT16:
		memcpy(&u16, p, 2);
		return u16;
	case INT32:
		memcpy(&s32, p, 4);
		return s32;
	case UINT32:
		memcpy(&u32, p, 4);
		return u32;
	case FLOAT32:
		memcpy(&f, p, 4);
		return f;
	default:
		memcpy(&d, p, 8);
		return d;
	}
}

static unsigned char *
elem(const struct view *v, size_t i)
{
	return v->bytes->data + v->off + i * kinds[v->kind].size;
}

/* ---- argument conversions ---------------------------------------------- */

/* ToIndex: a length or an offset; a RangeError with msg otherwise. */
static size_t
to_index(js_State *J, int idx, const char *msg)
{
	double d;

	if (js_isundefined(J, idx))
		return 0;
	d = js_tonumber(J, idx);
	d = isnan(d) ? 0 : trunc(d);
	if (d < 0 || d > MAX_BYTES)
		js_rangeerror(J, "%s: %s", msg, js_tostring(J, idx));
	return (size_t)d;
}

/* A relative index (slice, subarray, fill) clamped to [0, len]. */
static size_t
relative(js_State *J, int idx, size_t len, size_t dflt)
{
	double d;

	if (js_isundefined(J, idx))
		return dflt;
	d = js_tonumber(J, idx);
	d = isnan(d) ? 0 : trunc(d);
	if (d < 0)
		d = d + (double)len < 0 ? 0 : d + (double)len;
	return d > (double)len ? len : (size_t)d;
}

/*
 * Is name an integer-indexed key?  1 with *k for a valid index, -1 for a
 * canonical numeric string that is no index ("-1", "1.5", "-0"), 0 for an
 * ordinary property name ("01", "x").
 */
static int
numeric_key(js_State *J, const char *name, size_t *k)
{
	const char *s;
	char *end;
	double d;
	int same;

	if (name[0] >= '0' && name[0] <= '9' && (name[0] != '0' || !name[1])) {
		for (s = name, d = 0; *s >= '0' && *s <= '9'; s++)
			d = d * 10 + (*s - '0');
		if (*s == '\0' && d < 9007199254740992.0) {
			*k = d > (double)SIZE_MAX / 2 ? SIZE_MAX / 2 : (size_t)d;
			return 1;
		}
	}
	if (strcmp(name, "-0") == 0)
		return -1;
	if (!strchr("-0123456789IN", name[0]))
		return 0;
	d = strtod(name, &end);
	if (*end != '\0')
		return 0;
	js_pushnumber(J, d);
	same = strcmp(js_tostring(J, -1), name) == 0;
	js_pop(J, 1);
	return same ? -1 : 0;
}

/* ---- ArrayBuffer ----------------------------------------------------------- */

static void
bytes_free(js_State *J, void *p)
{
	struct bytes *b = p;

	(void)J;
	if (b->data != NULL)
		b->mem.alloc(b->mem.actx, b->data, 0);
	b->mem.alloc(b->mem.actx, b, 0);
}

static int
bytes_has(js_State *J, void *p, const char *name)
{
	struct bytes *b = p;

	if (strcmp(name, "byteLength") != 0)
		return 0;
	js_pushnumber(J, (double)b->len);
	return 1;
}

static int
bytes_put(js_State *J, void *p, const char *name)
{
	(void)J;
	(void)p;
	return strcmp(name, "byteLength") == 0;	/* read-only */
}

/* Pushes a new ArrayBuffer of len zero bytes. */
static struct bytes *
bytes_push(js_State *J, size_t len)
{
	struct mem *m = mem_of(J);
	struct bytes *b;

	b = mem_alloc(J, m, sizeof(*b));
	b->mem = *m;
	b->len = len;
	b->data = NULL;
	if (len > 0) {
		if (len > MAX_BYTES ||
		    (b->data = m->alloc(m->actx, NULL, (int)len)) == NULL) {
			m->alloc(m->actx, b, 0);
			js_rangeerror(J, "Array buffer allocation failed");
		}
		memset(b->data, 0, len);
	}
	js_getregistry(J, "jsext.ArrayBuffer");
	js_newuserdatax(J, "ArrayBuffer", b, bytes_has, bytes_put, NULL,
	    bytes_free);
	return b;
}

static void
ab_call(js_State *J)
{
	js_typeerror(J, "Constructor ArrayBuffer requires 'new'");
}

static void
ab_construct(js_State *J)
{
	bytes_push(J, to_index(J, 1, "Invalid array buffer length"));
}

static struct bytes *
to_bytes(js_State *J, int idx)
{
	if (!js_isuserdata(J, idx, "ArrayBuffer"))
		js_typeerror(J, "not an ArrayBuffer");
	return js_touserdata(J, idx, "ArrayBuffer");
}

static void
ab_slice(js_State *J)
{
	struct bytes *b = to_bytes(J, 0), *nb;
	size_t start = relative(J, 1, b->len, 0);
	size_t end = relative(J, 2, b->len, b->len);

	nb = bytes_push(J, end > start ? end - start : 0);
	if (nb->len > 0)
		memcpy(nb->data, b->data + start, nb->len);
}

static int is_view(js_State *, int);

static void
ab_isview(js_State *J)
{
	js_pushboolean(J, is_view(J, 1));
}

/* ---- typed arrays ---------------------------------------------------------- */

static int
is_view(js_State *J, int idx)
{
	int k;

	for (k = 0; k < NKINDS; k++)
		if (js_isuserdata(J, idx, kinds[k].name))
			return 1;
	return 0;
}

static struct view *
to_view(js_State *J, int idx)
{
	int k;

	for (k = 0; k < NKINDS; k++)
		if (js_isuserdata(J, idx, kinds[k].name))
			return js_touserdata(J, idx, kinds[k].name);
	js_typeerror(J, "this is not a typed array");
}

static void
view_free(js_State *J, void *p)
{
	struct view *v = p;

	(void)J;
	v->mem.alloc(v->mem.actx, v, 0);
}

static int
view_has(js_State *J, void *p, const char *name)
{
	struct view *v = p;
	size_t k;

	switch (numeric_key(J, name, &k)) {
	case 1:
		if (k < v->len)
			js_pushnumber(J, load(v->kind, elem(v, k)));
		else
			js_pushundefined(J);
		return 1;
	case -1:
		js_pushundefined(J);
		return 1;
	}
	if (strcmp(name, "length") == 0)
		js_pushnumber(J, (double)v->len);
	else if (strcmp(name, "byteLength") == 0)
		js_pushnumber(J, (double)(v->len * kinds[v->kind].size));
	else if (strcmp(name, "byteOffset") == 0)
		js_pushnumber(J, (double)v->off);
	else
		return 0;
	return 1;
}

static int
view_put(js_State *J, void *p, const char *name)
{
	struct view *v = p;
	size_t k;
	double d;

	switch (numeric_key(J, name, &k)) {
	case 1:
		d = js_tonumber(J, -1);
		if (k < v->len)
			store(v->kind, elem(v, k), d);
		return 1;
	case -1:
		return 1;
	}
	return strcmp(name, "length") == 0 || strcmp(name, "byteLength") == 0 ||
	    strcmp(name, "byteOffset") == 0;
}

static int
view_delete(js_State *J, void *p, const char *name)
{
	struct view *v = p;
	size_t k;

	/* an element cannot be deleted: it stays */
	return numeric_key(J, name, &k) == 1 && k < v->len;
}

/*
 * Pushes a view of kind k on the ArrayBuffer at buf, with the prototype
 * at proto.
 */
static struct view *
view_push(js_State *J, int proto, int buf, enum kind k, size_t off,
    size_t len)
{
	struct mem *m = mem_of(J);
	struct view *v;

	proto = proto < 0 ? js_gettop(J) + proto : proto;
	buf = buf < 0 ? js_gettop(J) + buf : buf;
	v = mem_alloc(J, m, sizeof(*v));
	v->mem = *m;
	v->bytes = to_bytes(J, buf);
	v->off = off;
	v->len = len;
	v->kind = k;
	js_copy(J, proto);
	js_newuserdatax(J, kinds[k].name, v, view_has, view_put, view_delete,
	    view_free);
	js_copy(J, buf);
	js_defproperty(J, -2, "buffer", JS_READONLY | JS_DONTENUM | JS_DONTCONF);
	return v;
}

/* Pushes a new zeroed typed array of len elements, prototype at proto. */
static struct view *
view_new(js_State *J, int proto, enum kind k, size_t len)
{
	struct view *v;

	proto = proto < 0 ? js_gettop(J) + proto : proto;
	if (len > MAX_BYTES / kinds[k].size)
		js_rangeerror(J, "Array buffer allocation failed");
	bytes_push(J, len * kinds[k].size);
	v = view_push(J, proto, -1, k, 0, len);
	js_rot2pop1(J);
	return v;
}

/* Copies the elements of the typed array src into v from index at. */
static void
view_copy(struct view *v, size_t at, const struct view *src)
{
	double *tmp;
	size_t i;

	if (src->kind == v->kind) {
		memmove(elem(v, at), elem(src, 0), src->len * kinds[v->kind].size);
		return;
	}
	/* through doubles, since the two may share bytes */
	if ((tmp = malloc(src->len * sizeof(*tmp) + 1)) == NULL)
		abort();
	for (i = 0; i < src->len; i++)
		tmp[i] = load(src->kind, elem(src, i));
	for (i = 0; i < src->len; i++)
		store(v->kind, elem(v, at + i), tmp[i]);
	free(tmp);
}

/* Length of the array-like at idx (ToLength of its length). */
static size_t
arraylike_length(js_State *J, int idx)
{
	double d;

	js_getproperty(J, idx, "length");
	d = js_tonumber(J, -1);
	js_pop(J, 1);
	d = isnan(d) ? 0 : trunc(d);
	if (d <= 0)
		return 0;
	if (d > MAX_BYTES)
		js_rangeerror(J, "Invalid typed array length: %.0f", d);
	return (size_t)d;
}

static void
construct(js_State *J, enum kind k)
{
	size_t size = kinds[k].size, off, len;
	struct bytes *b;
	struct view *v;
	int top = js_gettop(J), i;

	js_currentfunction(J);
	js_getproperty(J, -1, "prototype");
	js_rot2pop1(J);
	i = js_gettop(J) - 1;			/* the prototype */
	if (top < 2 || !js_isobject(J, 1)) {
		view_new(J, i, k, to_index(J, 1, "Invalid typed array length"));
	} else if (js_isuserdata(J, 1, "ArrayBuffer")) {
		b = to_bytes(J, 1);
		off = to_index(J, 2, "Start offset is outside the bounds of the "
		    "buffer");
		if (off % size != 0)
			js_rangeerror(J, "start offset of %s should be a multiple "
			    "of %zu", kinds[k].name, size);
		if (js_isundefined(J, 3)) {
			if (b->len % size != 0)
				js_rangeerror(J, "byte length of %s should be a "
				    "multiple of %zu", kinds[k].name, size);
			if (off > b->len)
				js_rangeerror(J, "Start offset %zu is outside the "
				    "bounds of the buffer", off);
			len = (b->len - off) / size;
		} else {
			len = to_index(J, 3, "Invalid typed array length");
			if (off + len * size > b->len)
				js_rangeerror(J, "Invalid typed array length: %zu",
				    len);
		}
		view_push(J, i, 1, k, off, len);
	} else if (is_view(J, 1)) {
		v = view_new(J, i, k, to_view(J, 1)->len);
		view_copy(v, 0, to_view(J, 1));
	} else {
		len = arraylike_length(J, 1);
		v = view_new(J, i, k, len);
		for (off = 0; off < len && off < v->len; off++) {
			js_getindex(J, 1, (int)off);
			store(k, elem(v, off), js_tonumber(J, -1));
			js_pop(J, 1);
		}
	}
}

#define CONSTRUCTOR(k) \
	static void new_##k(js_State *J) { construct(J, k); }
CONSTRUCTOR(INT8)
CONSTRUCTOR(UINT8)
CONSTRUCTOR(UINT8C)
CONSTRUCTOR(INT16)
CONSTRUCTOR(UINT16)
CONSTRUCTOR(INT32)
CONSTRUCTOR(UINT32)
CONSTRUCTOR(FLOAT32)
CONSTRUCTOR(FLOAT64)
#undef CONSTRUCTOR

/* Pushes the prototype of the object at idx. */
static void
push_proto(js_State *J, int idx)
{
	idx = idx < 0 ? js_gettop(J) + idx : idx;
	js_getglobal(J, "Object");
	js_getproperty(J, -1, "getPrototypeOf");
	js_rot2(J);
	js_copy(J, idx);
	js_call(J, 1);
}

static void
ta_subarray(js_State *J)
{
	struct view *v = to_view(J, 0);
	size_t start = relative(J, 1, v->len, 0);
	size_t end = relative(J, 2, v->len, v->len);

	push_proto(J, 0);
	js_getproperty(J, 0, "buffer");
	view_push(J, -2, -1, v->kind, v->off + start * kinds[v->kind].size,
	    end > start ? end - start : 0);
}

static void
ta_slice(js_State *J)
{
	struct view *v = to_view(J, 0), *nv;
	size_t start = relative(J, 1, v->len, 0);
	size_t end = relative(J, 2, v->len, v->len);

	push_proto(J, 0);
	nv = view_new(J, -1, v->kind, end > start ? end - start : 0);
	if (nv->len > 0)
		memcpy(elem(nv, 0), elem(v, start), nv->len * kinds[v->kind].size);
}

static void
ta_set(js_State *J)
{
	struct view *v = to_view(J, 0);
	double d = js_isundefined(J, 2) ? 0 : js_tonumber(J, 2);
	size_t at, len, i;

	d = isnan(d) ? 0 : trunc(d);
	if (d < 0 || d > (double)v->len)
		js_rangeerror(J, "offset is out of bounds");
	at = (size_t)d;
	if (is_view(J, 1)) {
		if (to_view(J, 1)->len > v->len - at)
			js_rangeerror(J, "offset is out of bounds");
		view_copy(v, at, to_view(J, 1));
		return;
	}
	if (!js_isobject(J, 1))
		js_typeerror(J, "invalid_argument");	/* as Node says */
	len = arraylike_length(J, 1);
	if (len > v->len - at)
		js_rangeerror(J, "offset is out of bounds");
	for (i = 0; i < len; i++) {
		js_getindex(J, 1, (int)i);
		store(v->kind, elem(v, at + i), js_tonumber(J, -1));
		js_pop(J, 1);
	}
}

static void
ta_fill(js_State *J)
{
	struct view *v = to_view(J, 0);
	double d = js_tonumber(J, 1);
	size_t start = relative(J, 2, v->len, 0);
	size_t end = relative(J, 3, v->len, v->len), i;

	for (i = start; i < end; i++)
		store(v->kind, elem(v, i), d);
	js_copy(J, 0);
}

/* ---- Buffer's conversions --------------------------------------------- */

enum enc { ENC_UTF8, ENC_HEX, ENC_BASE64, ENC_BASE64URL, ENC_LATIN1,
    ENC_ASCII, ENC_UTF16LE };

static enum enc
to_enc(js_State *J, int idx)
{
	static const struct { const char *name; enum enc enc; } names[] = {
		{ "utf8", ENC_UTF8 }, { "utf-8", ENC_UTF8 },
		{ "hex", ENC_HEX }, { "base64", ENC_BASE64 },
		{ "base64url", ENC_BASE64URL }, { "latin1", ENC_LATIN1 },
		{ "binary", ENC_LATIN1 }, { "ascii", ENC_ASCII },
		{ "utf16le", ENC_UTF16LE }, { "utf-16le", ENC_UTF16LE },
		{ "ucs2", ENC_UTF16LE }, { "ucs-2", ENC_UTF16LE },
	};
	const char *s;
	size_t i;

	if (js_isundefined(J, idx))
		return ENC_UTF8;
	s = js_tostring(J, idx);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(s, names[i].name) == 0)
			return names[i].enc;
	js_typeerror(J, "Unknown encoding: %s", s);
}

static int
b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

/* The bytes of string s in encoding e, as Buffer.from(s, e) has them. */
static void
encode(const char *s, enum enc e, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
	uint32_t cp, acc = 0, pending = 0;
	int hi, lo, nbits = 0, v;
	char b;

	while (p < end) {
		if (e == ENC_HEX) {
			if ((hi = hex_digit(p[0])) < 0 || end - p < 2 ||
			    (lo = hex_digit(p[1])) < 0)
				break;
			buf_putc(out, (char)(hi << 4 | lo));
			p += 2;
			continue;
		}
		if (e == ENC_BASE64 || e == ENC_BASE64URL) {
			if (*p == '=')
				break;
			if ((v = b64val(*p++)) < 0)
				continue;
			acc = acc << 6 | (uint32_t)v;
			if ((nbits += 6) >= 8) {
				nbits -= 8;
				buf_putc(out, (char)(acc >> nbits));
			}
			continue;
		}
		cp = jsstr_next(&p, end);
		if (e == ENC_UTF8) {
			/* a pair of surrogates written apart is one character */
			if (pending && cp >= 0xdc00 && cp <= 0xdfff) {
				cp = 0x10000 + ((pending - 0xd800) << 10) +
				    (cp - 0xdc00);
				pending = 0;
			} else if (pending) {
				utf8_put(out, 0xfffd);
				pending = 0;
			}
			if (cp >= 0xd800 && cp <= 0xdbff)
				pending = cp;
			else if (cp == 0)
				buf_putc(out, 0);
			else
				utf8_put(out, cp);	/* lone low: U+FFFD */
			continue;
		}
		if (cp >= 0x10000) {		/* two code units */
			uint32_t u[2] = { 0xd800 + ((cp - 0x10000) >> 10),
			    0xdc00 + ((cp - 0x10000) & 0x3ff) };
			for (hi = 0; hi < 2; hi++) {
				if (e == ENC_UTF16LE) {
					buf_putc(out, (char)(u[hi] & 0xff));
					buf_putc(out, (char)(u[hi] >> 8));
				} else
					buf_putc(out, (char)(u[hi] & 0xff));
			}
			continue;
		}
		b = (char)(cp & 0xff);
		buf_putc(out, b);
		if (e == ENC_UTF16LE)
			buf_putc(out, (char)(cp >> 8));
	}
	if (pending)
		utf8_put(out, 0xfffd);
}

/* The string of bytes p[0..n) in encoding e, as buf.toString(e) gives. */
static void
decode(const unsigned char *p, size_t n, enum enc e, struct buf *out)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
	    "qrstuvwxyz0123456789+/";
	static const char b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
	    "qrstuvwxyz0123456789-_";
	const char *alpha = e == ENC_BASE64URL ? b64url : b64;
	uint32_t acc, pending = 0;
	size_t i;

	switch (e) {
	case ENC_UTF8:
		utf8_text((const char *)p, n, out);
		return;
	case ENC_LATIN1:
		utf8_binary((const char *)p, n, out);
		return;
	case ENC_ASCII:
		for (i = 0; i < n; i++)
			jsstr_put(out, p[i] & 0x7f);
		return;
	case ENC_HEX:
		for (i = 0; i < n; i++) {	/* not printf: digests are hexed a lot */
			buf_putc(out, "0123456789abcdef"[p[i] >> 4]);
			buf_putc(out, "0123456789abcdef"[p[i] & 15]);
		}
		return;
	case ENC_UTF16LE:
		for (i = 0; i + 1 < n; i += 2)
			jsstr_put_unit(out, (uint32_t)(p[i] | p[i + 1] << 8),
			    &pending);
		jsstr_flush(out, &pending);
		return;
	default:
		break;
	}
	for (i = 0; i < n; i += 3) {
		acc = (uint32_t)p[i] << 16;
		if (i + 1 < n)
			acc |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < n)
			acc |= p[i + 2];
		buf_putc(out, alpha[acc >> 18 & 63]);
		buf_putc(out, alpha[acc >> 12 & 63]);
		if (i + 1 < n)
			buf_putc(out, alpha[acc >> 6 & 63]);
		else if (e == ENC_BASE64)
			buf_putc(out, '=');
		if (i + 2 < n)
			buf_putc(out, alpha[acc & 63]);
		else if (e == ENC_BASE64)
			buf_putc(out, '=');
	}
}

/* bytesFrom(proto, string, encoding): a Uint8Array with proto. */
static void
nat_bytes_from(js_State *J)
{
	struct buf b;
	struct view *v;

	buf_init(&b);
	encode(js_tostring(J, 2), to_enc(J, 3), &b);
	if (js_try(J)) {
		buf_free(&b);
		js_throw(J);
	}
	v = view_new(J, 1, UINT8, b.len);
	js_endtry(J);
	if (b.len > 0)
		memcpy(elem(v, 0), b.data, b.len);
	buf_free(&b);
}

/* byteLength(string, encoding) */
static void
nat_byte_length(js_State *J)
{
	struct buf b;

	buf_init(&b);
	encode(js_tostring(J, 1), to_enc(J, 2), &b);
	js_pushnumber(J, (double)b.len);
	buf_free(&b);
}

/* bytesToString(view, encoding, start, end) */
static void
nat_bytes_to_string(js_State *J)
{
	struct view *v = to_view(J, 1);
	size_t n = v->len * kinds[v->kind].size;
	size_t start = relative(J, 3, n, 0), end = relative(J, 4, n, n);
	enum enc e = to_enc(J, 2);
	struct buf b;

	if (start > end)
		start = end;
	buf_init(&b);
	decode(v->bytes->data + v->off + start, end - start, e, &b);
	if (js_try(J)) {
		buf_free(&b);
		js_throw(J);
	}
	js_pushlstring(J, b.data ? b.data : "", (int)b.len);
	js_endtry(J);
	buf_free(&b);
}

/* newBytes(proto, length) */
static void
nat_new_bytes(js_State *J)
{
	view_new(J, 1, UINT8, to_index(J, 2, "Invalid length"));
}

/* viewBytes(proto, arraybuffer, byteOffset, length) */
static void
nat_view_bytes(js_State *J)
{
	struct bytes *b = to_bytes(J, 2);
	size_t off = to_index(J, 3, "\"offset\" is outside of buffer bounds");
	size_t len;

	if (off > b->len)
		js_rangeerror(J, "\"offset\" is outside of buffer bounds");
	len = js_isundefined(J, 4) ? b->len - off :
	    to_index(J, 4, "\"length\" is outside of buffer bounds");
	if (len > b->len - off)
		js_rangeerror(J, "\"length\" is outside of buffer bounds");
	view_push(J, 1, 2, UINT8, off, len);
}

/* ---- installation ----------------------------------------------------------- */

static void
method(js_State *J, const char *name, js_CFunction fn, int length)
{
	js_newcfunction(J, fn, name, length);
	js_defproperty(J, -2, name, JS_DONTENUM);
}

static void
constant(js_State *J, const char *name, double value)
{
	js_pushnumber(J, value);
	js_defproperty(J, -2, name, JS_READONLY | JS_DONTENUM | JS_DONTCONF);
}

static void
mem_free(js_State *J, void *p)
{
	struct mem *m = p;

	(void)J;
	m->alloc(m->actx, m, 0);
}

void
jstyped_install(js_State *J, js_Alloc alloc, void *actx)
{
	struct mem *m;
	int k;

	if ((m = alloc(actx, NULL, sizeof(*m))) == NULL)
		js_error(J, "out of memory");
	m->alloc = alloc;
	m->actx = actx;
	js_pushnull(J);
	js_newuserdata(J, "jsext.mem", m, mem_free);
	js_setregistry(J, "jsext.mem");

	js_newobject(J);			/* ArrayBuffer.prototype */
	method(J, "slice", ab_slice, 2);
	js_copy(J, -1);
	js_setregistry(J, "jsext.ArrayBuffer");
	js_newcconstructor(J, ab_call, ab_construct, "ArrayBuffer", 1);
	method(J, "isView", ab_isview, 1);
	js_defglobal(J, "ArrayBuffer", JS_DONTENUM);

	js_newobject(J);			/* %TypedArray%.prototype */
	method(J, "subarray", ta_subarray, 2);
	method(J, "slice", ta_slice, 2);
	method(J, "set", ta_set, 1);
	method(J, "fill", ta_fill, 1);
	for (k = 0; k < NKINDS; k++) {
		js_copy(J, -1);
		js_newobjectx(J);
		constant(J, "BYTES_PER_ELEMENT", (double)kinds[k].size);
		js_copy(J, -1);
		js_setregistry(J, kinds[k].proto);
		js_newcconstructor(J, kinds[k].call, kinds[k].construct,
		    kinds[k].name, 3);
		constant(J, "BYTES_PER_ELEMENT", (double)kinds[k].size);
		js_defglobal(J, kinds[k].name, JS_DONTENUM);
	}
	js_setregistry(J, "jsext.TypedArray");
}

void
jstyped_natives(js_State *J, int idx)
{
	idx = idx < 0 ? js_gettop(J) + idx : idx;
	js_newcfunction(J, nat_bytes_from, "bytesFrom", 3);
	js_setproperty(J, idx, "bytesFrom");
	js_newcfunction(J, nat_bytes_to_string, "bytesToString", 4);
	js_setproperty(J, idx, "bytesToString");
	js_newcfunction(J, nat_byte_length, "byteLength", 2);
	js_setproperty(J, idx, "byteLength");
	js_newcfunction(J, nat_new_bytes, "newBytes", 2);
	js_setproperty(J, idx, "newBytes");
	js_newcfunction(J, nat_view_bytes, "viewBytes", 4);
	js_setproperty(J, idx, "viewBytes");
}

/* ---- for other C code (jstyped.h) ------------------------------------ */

unsigned char *
jstyped_bytes(js_State *J, int idx, size_t *len)
{
	struct bytes *b;
	struct view *v;

	*len = 0;
	if (js_isuserdata(J, idx, "ArrayBuffer")) {
		b = js_touserdata(J, idx, "ArrayBuffer");
		*len = b->len;
		return b->data != NULL ? b->data : (unsigned char *)"";
	}
	if (!is_view(J, idx))
		return NULL;
	v = to_view(J, idx);
	*len = v->len * kinds[v->kind].size;
	return v->bytes->data != NULL ? elem(v, 0) : (unsigned char *)"";
}

unsigned char *
jstyped_push_bytes(js_State *J, int proto, size_t n)
{
	struct view *v;
	int ready;

	js_getregistry(J, "jsext.mem");
	ready = js_isuserdata(J, -1, "jsext.mem");
	js_pop(J, 1);
	if (!ready)
		js_error(J, "typed arrays are not set up in this state");
	v = view_new(J, proto, UINT8, n);
	return n > 0 ? elem(v, 0) : NULL;
}

void
jstyped_encode(js_State *J, int idx, int enc, struct buf *out)
{
	encode(js_tostring(J, idx), to_enc(J, enc), out);
}

void
jstyped_decode(js_State *J, const unsigned char *p, size_t n, int enc)
{
	enum enc e = to_enc(J, enc);
	struct buf b;

	buf_init(&b);
	decode(p, n, e, &b);
	if (js_try(J)) {
		buf_free(&b);
		js_throw(J);
	}
	js_pushlstring(J, b.data ? b.data : "", (int)b.len);
	js_endtry(J);
	buf_free(&b);
}
