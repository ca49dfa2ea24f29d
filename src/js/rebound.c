/*
 * rebound: see rebound.h.  One pass over the source, copying it to out,
 * remembers where the last atom began in out (a character, an escape, a
 * class, a group); a quantifier {n}, {n,} or {n,m} over the limit
 * replaces that atom and itself by the expansion.
 */
#include <stdlib.h>
#include <string.h>

#include "js/rebound.h"

#define MAX_DEPTH	64		/* of groups; deeper: left alone */
#define MAX_COUNT	65535		/* bigger bounds: left alone */

struct scan {
	const char	*p;
	struct buf	*out;
	long		 atom;		/* offset in out, or -1 */
	int		 atom_captures;	/* the atom holds a capture group */
	long		 group[MAX_DEPTH];	/* where each open group began */
	int		 group_captures[MAX_DEPTH];
	int		 depth;
	int		 changed;
};

/* Copies an escape sequence (the backslash is at p). */
static void
copy_escape(struct scan *sc)
{
	const char *p = sc->p + 1;

	if (*p == '\0') {
		buf_putc(sc->out, '\\');
		sc->p = p;
		return;
	}
	p++;
	if (p[-1] == 'u' && strspn(p, "0123456789abcdefABCDEF") >= 4)
		p += 4;
	else if (p[-1] == 'x' && strspn(p, "0123456789abcdefABCDEF") >= 2)
		p += 2;
	else if (p[-1] == 'c' && *p != '\0')
		p++;
	else if (p[-1] >= '1' && p[-1] <= '9')
		p += strspn(p, "0123456789");
	else if ((unsigned char)p[-1] >= 0x80)	/* a UTF-8 character */
		while ((*p & 0xc0) == 0x80)
			p++;
	buf_append(sc->out, sc->p, (size_t)(p - sc->p));
	sc->p = p;
}

/* Copies a character class [...] (p at the '['). */
static void
copy_class(struct scan *sc)
{
	const char *p = sc->p + 1;

	while (*p != '\0' && *p != ']')
		p += *p == '\\' && p[1] != '\0' ? 2 : 1;
	if (*p == ']')
		p++;
	buf_append(sc->out, sc->p, (size_t)(p - sc->p));
	sc->p = p;
}

/* Parses {n}, {n,} or {n,m} at p; max is -1 for none. */
static int
parse_bounds(const char *p, long *min, long *max, const char **end)
{
	char *e;

	if (*p != '{' || p[1] < '0' || p[1] > '9')
		return 0;
	*min = strtol(p + 1, &e, 10);
	*max = *min;
	if (*e == ',') {
		if (e[1] == '}') {
			*max = -1;
			e++;
		} else if (e[1] >= '0' && e[1] <= '9') {
			*max = strtol(e + 1, &e, 10);
		} else
			return 0;
	}
	if (*e != '}' || *min > MAX_COUNT || *max > MAX_COUNT ||
	    (*max >= 0 && *max < *min))
		return 0;
	*end = e + 1;
	return 1;
}

/* Appends (?:atom){lo,hi}, or {lo} when hi == lo, lazy with a '?'. */
static void
repeat(struct buf *out, const char *atom, size_t len, long lo, long hi,
    int lazy)
{
	buf_puts(out, "(?:");
	buf_append(out, atom, len);
	if (hi == lo)
		buf_printf(out, "){%ld}", lo);
	else
		buf_printf(out, "){%ld,%ld}", lo, hi);
	if (lazy)
		buf_putc(out, '?');
}

/* Appends (?:(?:atom){254}){lo,hi}: whole chunks of REBOUND_MAX. */
static void
chunks(struct buf *out, const char *atom, size_t len, long lo, long hi,
    int lazy)
{
	struct buf chunk;

	buf_init(&chunk);
	repeat(&chunk, atom, len, REBOUND_MAX, REBOUND_MAX, 0);
	repeat(out, chunk.data, chunk.len, lo, hi, lazy);
	buf_free(&chunk);
}

/*
 * Appends atom{0,m}.  Above the limit, m = 254 a + b is matched as a
 * whole chunks and up to b more, or fewer chunks and up to 253 more:
 * each count has one way to be split, so a failing match backtracks
 * over about 254 a choices, not over every sum of partial chunks.
 */
static void
optional(struct buf *out, const char *atom, size_t len, long m, int lazy)
{
	long a = m / REBOUND_MAX, b = m % REBOUND_MAX;
	struct buf full, fewer;

	if (m <= REBOUND_MAX) {
		repeat(out, atom, len, 0, m, lazy);
		return;
	}
	buf_init(&full);
	buf_init(&fewer);
	chunks(&full, atom, len, a, a, 0);
	if (b > 0)
		repeat(&full, atom, len, 0, b, lazy);
	if (a > 1)
		chunks(&fewer, atom, len, 0, a - 1, lazy);
	repeat(&fewer, atom, len, 0, REBOUND_MAX - 1, lazy);
	buf_puts(out, "(?:");
	buf_append(out, lazy ? fewer.data : full.data, lazy ? fewer.len : full.len);
	buf_putc(out, '|');
	buf_append(out, lazy ? full.data : fewer.data, lazy ? full.len : fewer.len);
	buf_putc(out, ')');
	buf_free(&full);
	buf_free(&fewer);
}

/* Writes atom{min,max} (max -1: no bound) with bounds <= REBOUND_MAX. */
static void
expand(struct buf *out, const char *atom, size_t len, long min, long max,
    int lazy)
{
	if (min / REBOUND_MAX > 0)
		chunks(out, atom, len, min / REBOUND_MAX, min / REBOUND_MAX, 0);
	if (min % REBOUND_MAX > 0)
		repeat(out, atom, len, min % REBOUND_MAX, min % REBOUND_MAX, 0);
	if (max < 0) {
		buf_puts(out, "(?:");
		buf_append(out, atom, len);
		buf_puts(out, lazy ? ")*?" : ")*");
	} else if (max > min)
		optional(out, atom, len, max - min, lazy);
}

/* A quantifier {..} at sc->p: rewritten if it must be and can be. */
static void
quantifier(struct scan *sc)
{
	const char *end;
	long min, max;
	size_t len;
	char *atom;
	int lazy;

	if (!parse_bounds(sc->p, &min, &max, &end)) {
		buf_putc(sc->out, *sc->p++);		/* a literal '{' */
		sc->atom = (long)sc->out->len - 1;
		sc->atom_captures = 0;
		return;
	}
	if ((min <= REBOUND_MAX && max <= REBOUND_MAX) || sc->atom < 0 ||
	    sc->atom_captures || min / REBOUND_MAX > REBOUND_MAX ||
	    (max >= 0 && (max - min) / REBOUND_MAX > REBOUND_MAX)) {
		buf_append(sc->out, sc->p, (size_t)(end - sc->p));
		sc->p = end;
		sc->atom = -1;
		return;
	}
	lazy = *end == '?';
	len = sc->out->len - (size_t)sc->atom;
	if ((atom = malloc(len + 1)) == NULL)
		abort();
	memcpy(atom, sc->out->data + sc->atom, len);
	sc->out->len = (size_t)sc->atom;
	expand(sc->out, atom, len, min, max, lazy);
	free(atom);
	sc->p = end + lazy;
	sc->atom = -1;
	sc->changed = 1;
}

int
rebound(const char *src, struct buf *out)
{
	struct scan sc = { src, out, -1, 0, { 0 }, { 0 }, 0, 0 };
	size_t start = out->len;
	int captures;

	while (*sc.p != '\0') {
		switch (*sc.p) {
		case '\\':
			sc.atom = (long)out->len;
			sc.atom_captures = 0;
			copy_escape(&sc);
			continue;
		case '[':
			sc.atom = (long)out->len;
			sc.atom_captures = 0;
			copy_class(&sc);
			continue;
		case '(':
			if (sc.depth == MAX_DEPTH)
				goto unchanged;
			sc.group[sc.depth] = (long)out->len;
			sc.group_captures[sc.depth++] = sc.p[1] != '?';
			buf_putc(out, *sc.p++);
			sc.atom = -1;
			continue;
		case ')':
			if (sc.depth == 0)
				goto unchanged;	/* MuJS will say what is wrong */
			captures = sc.group_captures[--sc.depth];
			if (sc.depth > 0)
				sc.group_captures[sc.depth - 1] |= captures;
			sc.atom = sc.group[sc.depth];
			sc.atom_captures = captures;
			buf_putc(out, *sc.p++);
			continue;
		case '{':
			quantifier(&sc);
			continue;
		case '|': case '^': case '$': case '*': case '+': case '?':
			buf_putc(out, *sc.p++);
			sc.atom = -1;
			continue;
		}
		sc.atom = (long)out->len;
		sc.atom_captures = 0;
		do
			buf_putc(out, *sc.p++);
		while ((*sc.p & 0xc0) == 0x80);
	}
	if (sc.changed)
		return 1;
unchanged:
	out->len = start;
	buf_puts(out, src);
	return 0;
}
