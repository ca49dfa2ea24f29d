/*
 * regexp_translate: see regexp_translate.h.  One pass over the source
 * after a first one that counts the capture groups and their names (a
 * back-reference may come before its group).  Every literal and class
 * member is written as \x{HEX} or an ASCII letter or digit, so nothing
 * JavaScript takes literally can mean something else to PCRE2.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "js/jsstr.h"
#include "js/regexp_surrogates.h"
#include "js/regexp_translate.h"

/* JavaScript's white space and line terminators, as class members. */
#define JS_SPACE "\\x{9}-\\x{d}\\x{20}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}" \
	"\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}"
#define JS_LINE "\\x{a}\\x{d}\\x{2028}\\x{2029}"
#define QUANT_MAX 65535			/* PCRE2's largest bound */

struct tr {
	const unsigned char *p, *end;
	int flags;
	struct buf *out;
	struct regexp_shape *shape;
	char *err;
	size_t errlen;
};

struct range {
	uint32_t lo, hi;
};

/* A class being read: its ranges, and the class escapes it holds. */
struct cls {
	struct buf ranges;		/* struct range */
	struct buf escapes;		/* \d \D \w \W \p{..} as PCRE2 text */
	int space, nonspace;
};

static int
fail(struct tr *t, const char *why)
{
	snprintf(t->err, t->errlen, "%s", why);
	return -1;
}

static int
at(struct tr *t, size_t i)
{
	return t->p + i < t->end ? t->p[i] : -1;
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int
is_word(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

static void
put_cp(struct buf *out, uint32_t cp)
{
	char b[16];

	if (cp < 0x80 && is_word(cp)) {
		buf_putc(out, (char)cp);
		return;
	}
	snprintf(b, sizeof(b), "\\x{%x}", (unsigned)cp);
	buf_puts(out, b);
}

static int
is_surrogate(uint32_t cp)
{
	return cp >= 0xd800 && cp <= 0xdfff;
}

/*
 * The character at t->p, moving past it; a surrogate pair that MuJS
 * keeps as two characters ("\ud83d\ude00" in a string) is one.
 */
static uint32_t
next_char(struct tr *t)
{
	const unsigned char *p = t->p, *q;
	uint32_t cp = jsstr_next(&p, t->end), lo;

	if (cp >= 0xd800 && cp <= 0xdbff && p < t->end) {
		q = p;
		lo = jsstr_next(&q, t->end);
		if (lo >= 0xdc00 && lo <= 0xdfff) {
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			p = q;
		}
	}
	t->p = p;
	return cp;
}

/* ---- the first pass: groups and names ---------------------------------- */

static int
name_end(const unsigned char *p, const unsigned char *end)
{
	const unsigned char *q = p;

	while (q < end && *q != '>')
		q++;
	return q < end ? (int)(q - p) : -1;
}

static int
valid_name(const unsigned char *p, int n)
{
	int i;

	if (n == 0 || is_digit(p[0]))
		return 0;
	for (i = 0; i < n; i++)
		if (!(p[i] >= 0x80 || is_word(p[i]) || p[i] == '_' ||
		    p[i] == '$'))
			return 0;
	return 1;
}

static int escape_u(struct tr *t, uint32_t *cp);

/*
 * The group name of n bytes at p into out (emptied first), its \u
 * escapes decoded as with u, as JavaScript reads a name whatever the
 * flags.  Returns 0, or -1 for a name that is not one.
 */
static int
name_read(struct tr *t, const unsigned char *p, int n, struct buf *out)
{
	struct tr e = *t;
	uint32_t cp;

	out->len = 0;
	e.p = p;
	e.end = p + n;
	e.flags |= RX_U;
	while (e.p < e.end) {
		if (*e.p != '\\') {
			buf_putc(out, (char)*e.p++);
			continue;
		}
		e.p++;
		if (at(&e, 0) != 'u' || !escape_u(&e, &cp) ||
		    is_surrogate(cp) || cp == 0)
			return -1;
		jsstr_put(out, cp);
	}
	return valid_name((const unsigned char *)out->data, (int)out->len) ?
	    0 : -1;
}

static int
name_index(const struct regexp_shape *shape, const unsigned char *p, int n)
{
	const char *s = shape->names.data, *end;
	int i;

	if (s == NULL)
		return 0;
	end = s + shape->names.len;
	for (i = 1; s < end; i++, s += strlen(s) + 1)
		if ((int)strlen(s) == n && memcmp(s, p, (size_t)n) == 0)
			return i;
	return 0;
}

static int
count_groups(struct tr *t)
{
	const unsigned char *p = t->p, *end = t->end;
	struct buf name;
	int inclass = 0, n, rc = -1;

	buf_init(&name);

	for (; p < end; p++) {
		if (*p == '\\') {
			p++;
			continue;
		}
		if (inclass) {
			inclass = *p != ']';
			continue;
		}
		if (*p == '[') {
			inclass = 1;
			continue;
		}
		if (*p != '(')
			continue;
		if (p + 1 < end && p[1] == '?') {
			if (!(p + 2 < end && p[2] == '<' && p + 3 < end &&
			    p[3] != '=' && p[3] != '!'))
				continue;
			n = name_end(p + 3, end);
			if (n < 0 || name_read(t, p + 3, n, &name) < 0) {
				fail(t, "Invalid capture group name");
				goto out;
			}
			if (name_index(t->shape, (const unsigned char *)name.data,
			    (int)name.len) != 0) {
				fail(t, "Duplicate capture group name");
				goto out;
			}
			buf_append(&t->shape->names, name.data, name.len);
			t->shape->named = 1;
		}
		buf_putc(&t->shape->names, '\0');
		t->shape->ngroups++;
	}
	rc = 0;
out:
	buf_free(&name);
	return rc;
}

/* ---- escapes ------------------------------------------------------------ */

/* Reads n hex digits after p (at most 6 with n 0: \u{...}). */
static int
read_hex(struct tr *t, size_t from, int n, uint32_t *cp)
{
	int i, v;

	*cp = 0;
	for (i = 0; i < n; i++) {
		if ((v = hex_value(at(t, from + (size_t)i))) < 0)
			return 0;
		*cp = *cp << 4 | (uint32_t)v;
	}
	return 1;
}

/*
 * \u: \uHHHH (a surrogate pair written as two is one character), and
 * \u{H...} with u.  Returns 1 with *cp and t->p past it, or 0.
 */
static int
escape_u(struct tr *t, uint32_t *cp)
{
	uint32_t lo;
	size_t i;

	if ((t->flags & RX_U) && at(t, 1) == '{') {
		*cp = 0;
		for (i = 2; hex_value(at(t, i)) >= 0; i++) {
			*cp = *cp << 4 | (uint32_t)hex_value(at(t, i));
			if (*cp > 0x10ffff)
				return 0;
		}
		if (i == 2 || at(t, i) != '}')
			return 0;
		t->p += i + 1;
		return 1;
	}
	if (!read_hex(t, 1, 4, cp))
		return 0;
	t->p += 5;
	if (*cp >= 0xd800 && *cp <= 0xdbff && at(t, 0) == '\\' &&
	    at(t, 1) == 'u' && read_hex(t, 2, 4, &lo) && lo >= 0xdc00 &&
	    lo <= 0xdfff) {
		*cp = 0x10000 + ((*cp - 0xd800) << 10) + (lo - 0xdc00);
		t->p += 6;
	}
	return 1;
}

/* A legacy octal escape at t->p (a digit 0-7): up to \377. */
static uint32_t
escape_octal(struct tr *t)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < 3 && at(t, 0) >= '0' && at(t, 0) <= '7'; i++) {
		if (v * 8 + (uint32_t)(at(t, 0) - '0') > 0377)
			break;
		v = v * 8 + (uint32_t)(at(t, 0) - '0');
		t->p++;
	}
	return v;
}

static int
is_syntax_char(int c)
{
	return c >= 0 && strchr("^$\\.*+?()[]{}|/", c) != NULL;
}

/*
 * A character escape at t->p (just past the backslash), in a class or
 * not: sets *cp and moves past it.  Returns 0, or -1 (u's strict rules).
 */
static int
escape_char(struct tr *t, int inclass, uint32_t *cp)
{
	int c = at(t, 0), u = t->flags & RX_U;
	const unsigned char *p;

	switch (c) {
	case 't': *cp = '\t'; t->p++; return 0;
	case 'n': *cp = '\n'; t->p++; return 0;
	case 'v': *cp = '\v'; t->p++; return 0;
	case 'f': *cp = '\f'; t->p++; return 0;
	case 'r': *cp = '\r'; t->p++; return 0;
	case 'c':
		c = at(t, 1);
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (inclass && !u && (is_digit(c) || c == '_'))) {
			*cp = (uint32_t)c % 32;
			t->p += 2;
			return 0;
		}
		if (u)
			return fail(t, "Invalid unicode escape");
		*cp = '\\';		/* \c stays: a backslash, then c */
		return 0;
	case 'x':
		if (read_hex(t, 1, 2, cp)) {
			t->p += 3;
			return 0;
		}
		break;
	case 'u':
		if (escape_u(t, cp))
			return 0;
		if (u)
			return fail(t, "Invalid Unicode escape");
		break;
	case '0':
		if (!is_digit(at(t, 1))) {
			*cp = 0;
			t->p++;
			return 0;
		}
		if (u)
			return fail(t, "Invalid decimal escape");
		*cp = escape_octal(t);
		return 0;
	case -1:
		return fail(t, "\\ at end of pattern");
	}
	if (is_digit(c)) {		/* not a back-reference (Annex B) */
		if (u)
			return fail(t, "Invalid escape");
		if (c >= '8') {
			*cp = (uint32_t)c;
			t->p++;
		} else
			*cp = escape_octal(t);
		return 0;
	}
	if (u && !is_syntax_char(c) && !(inclass && c == '-'))
		return fail(t, "Invalid escape");
	p = t->p;			/* an identity escape */
	*cp = jsstr_next(&p, t->end);
	t->p = p;
	return 0;
}

/* \p{...} and \P{...} with u: PCRE2 knows the same names. */
static int
escape_property(struct tr *t, struct buf *out)
{
	const unsigned char *p = t->p + 2, *q = p;	/* t->p: at p or P */
	size_t skip = 0;

	while (q < t->end && *q != '}')
		q++;
	if (at(t, 1) != '{' || q >= t->end || q == p)
		return fail(t, "Invalid property name");
	if ((size_t)(q - p) > 17 && memcmp(p, "General_Category=", 17) == 0)
		skip = 17;
	else if ((size_t)(q - p) > 3 && (memcmp(p, "gc=", 3) == 0 ||
	    memcmp(p, "sc=", 3) == 0))
		skip = 3;
	else if ((size_t)(q - p) > 7 && memcmp(p, "Script=", 7) == 0)
		skip = 7;		/* PCRE2 takes a script by its name */
	buf_putc(out, '\\');
	buf_putc(out, (char)t->p[0]);
	buf_putc(out, '{');
	buf_append(out, p + skip, (size_t)(q - p) - skip);
	buf_putc(out, '}');
	t->p = q + 1;
	return 0;
}

/* ---- classes ------------------------------------------------------------ */

static void
cls_add(struct cls *c, uint32_t lo, uint32_t hi)
{
	struct range r;

	if (lo <= 0xd7ff || hi >= 0xe000) {	/* PCRE2 refuses surrogates */
		if (lo < 0xd800 && hi > 0xdfff) {
			cls_add(c, lo, 0xd7ff);
			lo = 0xe000;
		}
		r.lo = is_surrogate(lo) ? 0xe000 : lo;
		r.hi = is_surrogate(hi) ? 0xd7ff : hi;
		if (r.lo <= r.hi)
			buf_append(&c->ranges, &r, sizeof(r));
	}
}

/*
 * One class atom at t->p: a character (*cp, returns 0), a class escape
 * (returns 1, added to c), or -1.
 */
static int
class_atom(struct tr *t, struct cls *c, uint32_t *cp)
{
	int e;

	if (*t->p != '\\') {
		*cp = next_char(t);
		return 0;
	}
	t->p++;
	switch (e = at(t, 0)) {
	case 'd': case 'D': case 'w': case 'W':
		buf_putc(&c->escapes, '\\');
		buf_putc(&c->escapes, (char)e);
		t->p++;
		return 1;
	case 's':
		c->space = 1;
		t->p++;
		return 1;
	case 'S':
		c->nonspace = 1;
		t->p++;
		return 1;
	case 'b':
		*cp = '\b';
		t->p++;
		return 0;
	case '-':
		*cp = '-';
		t->p++;
		return 0;
	case 'p': case 'P':
		if (t->flags & RX_U)
			return escape_property(t, &c->escapes) == 0 ? 1 : -1;
		break;
	}
	return escape_char(t, 1, cp);
}

static void
cls_members(const struct cls *c, struct buf *out)
{
	const struct range *r = (const struct range *)c->ranges.data;
	size_t i, n = c->ranges.len / sizeof(*r);

	for (i = 0; i < n; i++) {
		put_cp(out, r[i].lo);
		if (r[i].hi != r[i].lo) {
			buf_putc(out, '-');
			put_cp(out, r[i].hi);
		}
	}
	buf_append(out, c->escapes.data, c->escapes.len);
	if (c->space)
		buf_puts(out, JS_SPACE);
}

/*
 * Writes the class.  \S beside other members has no PCRE2 spelling in
 * one class (PCRE2's \S is ASCII's): [a\S] is (?:[a]|[^space]), [^a\S]
 * is (?:(?![a])[space]).
 */
static void
cls_write(struct cls *c, int negated, struct buf *out)
{
	int empty = c->ranges.len == 0 && c->escapes.len == 0 && !c->space;

	if (c->nonspace) {
		buf_puts(out, "(?:");
		if (!empty) {
			buf_puts(out, negated ? "(?![" : "[");
			cls_members(c, out);
			buf_puts(out, negated ? "])" : "]|");
		}
		buf_puts(out, negated ? "[" JS_SPACE "])" : "[^" JS_SPACE "])");
		return;
	}
	if (empty) {
		buf_puts(out, negated ? "(?s:.)" : "(?!)");
		return;
	}
	buf_puts(out, negated ? "[^" : "[");
	cls_members(c, out);
	buf_putc(out, ']');
}

static int
class_parse(struct tr *t)
{
	struct cls c;
	uint32_t lo, hi;
	int negated, a, b, rc = -1;

	t->p++;
	negated = at(t, 0) == '^';
	t->p += negated;
	buf_init(&c.ranges);
	buf_init(&c.escapes);
	c.space = c.nonspace = 0;
	for (;;) {
		if (t->p >= t->end) {
			fail(t, "Unterminated character class");
			goto out;
		}
		if (*t->p == ']')
			break;
		if ((a = class_atom(t, &c, &lo)) < 0)
			goto out;
		if (at(t, 0) != '-' || at(t, 1) == ']' || at(t, 1) == -1) {
			if (a == 0)
				cls_add(&c, lo, lo);
			continue;
		}
		t->p++;				/* the - */
		if ((b = class_atom(t, &c, &hi)) < 0)
			goto out;
		if (a == 1 || b == 1) {		/* [\d-z]: a literal - */
			if (t->flags & RX_U) {
				fail(t, "Invalid character class");
				goto out;
			}
			if (a == 0)
				cls_add(&c, lo, lo);
			if (b == 0)
				cls_add(&c, hi, hi);
			cls_add(&c, '-', '-');
			continue;
		}
		if (lo > hi) {
			fail(t, "Range out of order in character class");
			goto out;
		}
		cls_add(&c, lo, hi);
	}
	t->p++;
	cls_write(&c, negated, t->out);
	rc = 0;
out:
	buf_free(&c.ranges);
	buf_free(&c.escapes);
	return rc;
}

/* ---- atoms, groups, quantifiers ----------------------------------------- */

/* A back-reference \N or \k<name> at t->p (past the backslash), if any. */
static int
backreference(struct tr *t, int *ok)
{
	const unsigned char *p = t->p;
	struct buf name;
	unsigned long n = 0;
	int len, i;

	*ok = 0;
	if (*p == 'k' && (t->shape->named || (t->flags & RX_U))) {
		len = at(t, 1) == '<' ? name_end(p + 2, t->end) : -1;
		buf_init(&name);
		i = len < 0 || name_read(t, p + 2, len, &name) < 0 ? 0 :
		    name_index(t->shape, (const unsigned char *)name.data,
		    (int)name.len);
		buf_free(&name);
		if (i == 0)
			return fail(t, "Invalid named capture referenced");
		t->p += 3 + (size_t)len;
		buf_printf(t->out, "(?:\\g{%d})", i);
		*ok = 1;
		return 0;
	}
	if (*p < '1' || *p > '9')
		return 0;
	while (p < t->end && is_digit(*p) && n <= 100000)
		n = n * 10 + (unsigned long)(*p++ - '0');
	if (n > (unsigned long)t->shape->ngroups)
		return 0;
	t->p = p;
	buf_printf(t->out, "(?:\\g{%lu})", n);
	*ok = 1;
	return 0;
}

static void
put_literal(struct tr *t, uint32_t cp)
{
	if (is_surrogate(cp))		/* a lone one never matches in UTF-8 */
		buf_puts(t->out, "(?:(?!))");
	else
		put_cp(t->out, cp);
}

/* An escape outside a class.  Returns 1 if it may be quantified. */
static int
atom_escape(struct tr *t)
{
	uint32_t cp;
	int c, ok;

	t->p++;
	switch (c = at(t, 0)) {
	case 'b': case 'B':
		buf_putc(t->out, '\\');
		buf_putc(t->out, (char)c);	/* ASCII words, as JavaScript */
		t->p++;
		return 0;
	case 'd': case 'D': case 'w': case 'W':
		buf_putc(t->out, '\\');
		buf_putc(t->out, (char)c);
		t->p++;
		return 1;
	case 's':
		buf_puts(t->out, "[" JS_SPACE "]");
		t->p++;
		return 1;
	case 'S':
		buf_puts(t->out, "[^" JS_SPACE "]");
		t->p++;
		return 1;
	case 'p': case 'P':
		if (t->flags & RX_U)
			return escape_property(t, t->out) == 0 ? 1 : -1;
		break;
	}
	if (backreference(t, &ok) < 0)
		return -1;
	if (ok)
		return 1;
	if (escape_char(t, 0, &cp) < 0)
		return -1;
	put_literal(t, cp);
	return 1;
}

/* Reads {n}, {n,} or {n,m} at t->p; returns 1 (past it), or 0. */
static int
read_bounds(struct tr *t, unsigned long *lo, unsigned long *hi, int *open)
{
	size_t i = 1;

	*lo = *hi = 0;
	*open = 0;
	if (!is_digit(at(t, i)))
		return 0;
	for (; is_digit(at(t, i)); i++)
		if ((*lo = *lo * 10 + (unsigned long)(at(t, i) - '0')) > 1u << 30)
			*lo = 1u << 30;
	*hi = *lo;
	if (at(t, i) == ',') {
		i++;
		*open = !is_digit(at(t, i));
		for (*hi = 0; is_digit(at(t, i)); i++)
			if ((*hi = *hi * 10 + (unsigned long)(at(t, i) - '0')) >
			    1u << 30)
				*hi = 1u << 30;
	}
	if (at(t, i) != '}')
		return 0;
	t->p += i + 1;
	return 1;
}

/*
 * A quantifier at t->p, if any, for an atom that may (quantifiable 1) or
 * may not be repeated.  Returns 0 or -1.
 */
static int
quantifier(struct tr *t, int quantifiable)
{
	unsigned long lo, hi;
	int c = at(t, 0), open;

	if (c == '{') {
		if (!read_bounds(t, &lo, &hi, &open)) {
			if (t->flags & RX_U)
				return fail(t, "Incomplete quantifier");
			return 0;	/* a literal { (Annex B) */
		}
		if (!quantifiable)
			return fail(t, "Nothing to repeat");
		if (!open && lo > hi)
			return fail(t, "numbers out of order in {} quantifier");
		if (lo > QUANT_MAX || (!open && hi > QUANT_MAX))
			return fail(t, "quantifier bound above 65535 (the most "
			    "fnpool's regexp engine takes)");
		if (open)
			buf_printf(t->out, "{%lu,}", lo);
		else
			buf_printf(t->out, "{%lu,%lu}", lo, hi);
	} else if (c == '*' || c == '+' || c == '?') {
		if (!quantifiable)
			return fail(t, "Nothing to repeat");
		buf_putc(t->out, (char)c);
		t->p++;
	} else
		return 0;
	if (at(t, 0) == '?') {
		buf_putc(t->out, '?');
		t->p++;
	}
	c = at(t, 0);
	if (c == '*' || c == '+' || c == '?')
		return fail(t, "Nothing to repeat");
	if (c == '{' && read_bounds(t, &lo, &hi, &open))
		return fail(t, "Nothing to repeat");
	return 0;
}

enum { GROUP_PLAIN, GROUP_LOOKAHEAD, GROUP_LOOKBEHIND };

/* The opening of a group at t->p; pushes its kind. */
static int
group_open(struct tr *t, struct buf *kinds)
{
	char kind = GROUP_PLAIN;
	int n;

	t->p++;
	if (at(t, 0) != '?') {
		buf_putc(t->out, '(');
	} else if (at(t, 1) == ':') {
		buf_puts(t->out, "(?:");
		t->p += 2;
	} else if (at(t, 1) == '=' || at(t, 1) == '!') {
		buf_append(t->out, t->p - 1, 3);
		kind = GROUP_LOOKAHEAD;
		t->p += 2;
	} else if (at(t, 1) == '<' && (at(t, 2) == '=' || at(t, 2) == '!')) {
		buf_append(t->out, t->p - 1, 4);
		kind = GROUP_LOOKBEHIND;
		t->p += 3;
	} else if (at(t, 1) == '<') {	/* named: counted by count_groups */
		n = name_end(t->p + 2, t->end);
		buf_putc(t->out, '(');
		t->p += 3 + (size_t)n;
	} else
		return fail(t, "Invalid group");
	buf_putc(kinds, kind);
	return 0;
}

static int
translate_body(struct tr *t)
{
	struct buf kinds;		/* the open groups' kinds */
	int q, c, rc = -1;

	buf_init(&kinds);
	while (t->p < t->end) {
		if (!(t->flags & RX_U) &&
		    regexp_surrogate_pair(&t->p, t->end, t->out)) {
			if (quantifier(t, 1) < 0)
				goto out;
			continue;
		}
		q = 1;
		switch (c = *t->p) {
		case '\\':
			if ((q = atom_escape(t)) < 0)
				goto out;
			break;
		case '[':
			if (class_parse(t) < 0)
				goto out;
			break;
		case '(':
			if (group_open(t, &kinds) < 0)
				goto out;
			continue;
		case ')':
			if (kinds.len == 0) {
				fail(t, "Unmatched ')'");
				goto out;
			}
			q = kinds.data[--kinds.len] == GROUP_PLAIN ||
			    (kinds.data[kinds.len] == GROUP_LOOKAHEAD &&
			    !(t->flags & RX_U));
			buf_putc(t->out, ')');
			t->p++;
			break;
		case '|':
			buf_putc(t->out, '|');
			t->p++;
			continue;
		case '.':
			buf_puts(t->out, (t->flags & RX_S) ? "(?s:.)" :
			    "[^" JS_LINE "]");
			t->p++;
			break;
		case '^':
			buf_puts(t->out, (t->flags & RX_M) ?
			    "(?<![^" JS_LINE "])" : "^");
			t->p++;
			q = 0;
			break;
		case '$':
			buf_puts(t->out, (t->flags & RX_M) ?
			    "(?![^" JS_LINE "])" : "\\z");
			t->p++;
			q = 0;
			break;
		case '*': case '+': case '?':
			fail(t, "Nothing to repeat");
			goto out;
		case '{': case '}': case ']':
			if (t->flags & RX_U) {
				fail(t, "Lone quantifier brackets");
				goto out;
			}
			if (c == '{' && quantifier(t, 0) < 0)
				goto out;
			put_cp(t->out, (uint32_t)c);
			t->p++;
			break;
		default:
			put_literal(t, next_char(t));
		}
		if (quantifier(t, q) < 0)
			goto out;
	}
	if (kinds.len > 0) {
		fail(t, "Unterminated group");
		goto out;
	}
	rc = 0;
out:
	buf_free(&kinds);
	return rc;
}

int
regexp_translate(const char *src, size_t len, int flags, struct buf *out,
    struct regexp_shape *shape, char *err, size_t errlen)
{
	struct tr t;

	memset(shape, 0, sizeof(*shape));
	buf_init(&shape->names);
	t.p = (const unsigned char *)src;
	t.end = t.p + len;
	t.flags = flags;
	t.out = out;
	t.shape = shape;
	t.err = err;
	t.errlen = errlen;
	if (count_groups(&t) < 0)
		return -1;
	return translate_body(&t);
}

int
regexp_flags_parse(const char *s)
{
	static const char names[] = "gimsuyd";	/* RX_G... in order */
	const char *f;
	int flags = 0, bit;

	for (; *s != '\0'; s++) {
		if ((f = strchr(names, *s)) == NULL)
			return -1;
		bit = 1 << (f - names);
		if (flags & bit)
			return -1;
		flags |= bit;
	}
	return flags;
}
