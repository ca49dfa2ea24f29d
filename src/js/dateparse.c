/*
 * dateparse: see dateparse.h.
 *
 * The grammar is V8's (src/date/dateparser*.{h,cc}), so that a string
 * means the same time in fnpool as in Node, junk included: words before
 * the first number are ignored ("Wednesday, 28 Feb"), a word after one
 * makes NaN, a missing year is 2001, two-digit years are 19xx or 20xx.
 * A token stream with one token of lookahead feeds three composers (day,
 * time, zone) that check and combine what they were given at the end.
 */
#include <math.h>
#include <string.h>

#include "js/dateparse.h"

#define NONE		(-1000000000)	/* a composer's empty slot */
#define MAX_DIGITS	9		/* V8 reads 9 significant digits */
#define MS_PER_DAY	86400000.0
#define MAX_TIME	8.64e15

enum tag { T_END, T_NUMBER, T_SYMBOL, T_SPACE, T_WORD, T_UNKNOWN };
enum word { W_NONE, W_MONTH, W_AMPM, W_ZONE, W_T };

struct token {
	enum tag	 tag;
	int		 value;		/* number, symbol, or the word's value */
	int		 length;	/* digits or letters read */
	enum word	 word;
};

struct scanner {
	const unsigned char *p;
	struct token	 next;		/* the lookahead */
};

struct day {
	int	 comp[3], n, named_month, iso;
};

struct time {
	int	 comp[4], n, hour_offset;
};

struct zone {
	int	 sign, hour, minute;
};

/* ---- characters ------------------------------------------------------------ */

/* The code point at *p (a lone or bad byte stands for itself); advances. */
static unsigned long
utf8_next(const unsigned char **pp)
{
	const unsigned char *p = *pp;
	unsigned long c = *p;
	int n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0, i;

	for (i = 1; i <= n; i++)
		if ((p[i] & 0xc0) != 0x80)
			break;
	if (n == 0 || i <= n) {
		*pp = p + 1;
		return c;
	}
	c &= 0x3f >> n;
	for (i = 1; i <= n; i++)
		c = c << 6 | (p[i] & 0x3f);
	*pp = p + n + 1;
	return c;
}

static unsigned long
peek_char(const unsigned char *p)
{
	return utf8_next(&p);
}

/* ECMAScript's WhiteSpace and LineTerminator, as V8's scanner has them */
static int
is_space(unsigned long c)
{
	return (c >= 0x09 && c <= 0x0d) || c == 0x20 || c == 0xa0 ||
	    c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 ||
	    c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000 ||
	    c == 0xfeff;
}

/* ---- tokens ---------------------------------------------------------------- */

static const struct keyword {
	char		 prefix[4];
	enum word	 word;
	int		 value;
} keywords[] = {
	{ "jan", W_MONTH, 1 }, { "feb", W_MONTH, 2 }, { "mar", W_MONTH, 3 },
	{ "apr", W_MONTH, 4 }, { "may", W_MONTH, 5 }, { "jun", W_MONTH, 6 },
	{ "jul", W_MONTH, 7 }, { "aug", W_MONTH, 8 }, { "sep", W_MONTH, 9 },
	{ "oct", W_MONTH, 10 }, { "nov", W_MONTH, 11 }, { "dec", W_MONTH, 12 },
	{ "am", W_AMPM, 0 }, { "pm", W_AMPM, 12 },
	{ "ut", W_ZONE, 0 }, { "utc", W_ZONE, 0 }, { "z", W_ZONE, 0 },
	{ "gmt", W_ZONE, 0 }, { "cdt", W_ZONE, -5 }, { "cst", W_ZONE, -6 },
	{ "edt", W_ZONE, -4 }, { "est", W_ZONE, -5 }, { "mdt", W_ZONE, -6 },
	{ "mst", W_ZONE, -7 }, { "pdt", W_ZONE, -7 }, { "pst", W_ZONE, -8 },
	{ "t", W_T, 0 },
};

/* A word: its first three letters name a keyword; only months may go on. */
static void
scan_word(struct scanner *sc, struct token *t)
{
	unsigned long c, prefix[3] = { 0, 0, 0 };
	size_t i;
	int n = 0;

	while ((c = peek_char(sc->p)) >= 'A' && !is_space(c)) {
		if (n < 3)
			prefix[n] = c | 0x20;
		n++;
		utf8_next(&sc->p);
	}
	t->tag = T_WORD;
	t->length = n;
	t->word = W_NONE;
	t->value = 0;
	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
		const struct keyword *k = &keywords[i];

		if (prefix[0] == (unsigned char)k->prefix[0] &&
		    prefix[1] == (unsigned char)k->prefix[1] &&
		    prefix[2] == (unsigned char)k->prefix[2] &&
		    (n <= 3 || k->word == W_MONTH)) {
			t->word = k->word;
			t->value = k->value;
			return;
		}
	}
}

static void
scan_number(struct scanner *sc, struct token *t)
{
	const unsigned char *start = sc->p;
	int n = 0, digits = 0;

	while (*sc->p == '0')
		sc->p++;
	for (; *sc->p >= '0' && *sc->p <= '9'; sc->p++)
		if (digits++ < MAX_DIGITS)
			n = n * 10 + (*sc->p - '0');
	t->tag = T_NUMBER;
	t->value = n;
	t->length = (int)(sc->p - start);
}

/* "(...)", nested, as V8 skips comments */
static void
skip_parens(struct scanner *sc)
{
	int depth = 0;

	do {
		if (*sc->p == ')')
			depth--;
		else if (*sc->p == '(')
			depth++;
		utf8_next(&sc->p);
	} while (depth > 0 && *sc->p != '\0');
}

static void
scan(struct scanner *sc, struct token *t)
{
	unsigned long c = peek_char(sc->p);

	memset(t, 0, sizeof(*t));
	if (c == 0)
		t->tag = T_END;
	else if (c >= '0' && c <= '9')
		scan_number(sc, t);
	else if (c < 0x80 && strchr(":-+.)", (int)c) != NULL) {
		t->tag = T_SYMBOL;
		t->value = (int)c;
		sc->p++;
	} else if (c >= 'A' && !is_space(c))
		scan_word(sc, t);
	else if (is_space(c)) {
		while (is_space(peek_char(sc->p)) && *sc->p != '\0')
			utf8_next(&sc->p);
		t->tag = T_SPACE;
	} else if (c == '(') {
		skip_parens(sc);
		t->tag = T_UNKNOWN;
	} else {
		utf8_next(&sc->p);
		t->tag = T_UNKNOWN;
	}
}

static struct token
next(struct scanner *sc)
{
	struct token t = sc->next;

	scan(sc, &sc->next);
	return t;
}

static const struct token *
peek(const struct scanner *sc)
{
	return &sc->next;
}

static int
is_symbol(const struct token *t, int c)
{
	return t->tag == T_SYMBOL && t->value == c;
}

static int
is_sign(const struct token *t)
{
	return is_symbol(t, '+') || is_symbol(t, '-');
}

static int
is_fixed(const struct token *t, int length)
{
	return t->tag == T_NUMBER && t->length == length;
}

static int
is_z(const struct token *t)
{
	return t->tag == T_WORD && t->word == W_ZONE && t->length == 1;
}

static int
skip_symbol(struct scanner *sc, int c)
{
	if (!is_symbol(peek(sc), c))
		return 0;
	next(sc);
	return 1;
}

/* ---- composers ------------------------------------------------------------- */

static int
between(int x, int lo, int hi)
{
	return x >= lo && x <= hi;
}

static int
day_add(struct day *d, int n)
{
	if (d->n == 3)
		return 0;
	d->comp[d->n++] = n;
	return 1;
}

/* Year, month (0-11) and day from what was read; 0 when not a date. */
static int
day_write(struct day *d, int out[3])
{
	int year, month, day;

	if (d->n < 1)
		return 0;
	while (d->n < 3)
		d->comp[d->n++] = 1;	/* so a missing year is 1: 2001 */
	if (d->named_month == NONE) {
		if (d->iso || !between(d->comp[0], 1, 31)) {
			year = d->comp[0];
			month = d->comp[1];
			day = d->comp[2];
		} else {
			month = d->comp[0];
			day = d->comp[1];
			year = d->comp[2];
		}
	} else {
		month = d->named_month;
		if (!between(d->comp[0], 1, 31)) {
			year = d->comp[0];
			day = d->comp[1];
		} else {
			day = d->comp[0];
			year = d->comp[1];
		}
	}
	if (!d->iso && between(year, 0, 49))
		year += 2000;
	else if (!d->iso && between(year, 50, 99))
		year += 1900;
	if (!between(month, 1, 12) || !between(day, 1, 31))
		return 0;
	out[0] = year;
	out[1] = month - 1;
	out[2] = day;
	return 1;
}

static int
time_add(struct time *t, int n)
{
	if (t->n == 4)
		return 0;
	t->comp[t->n++] = n;
	return 1;
}

static int
time_add_final(struct time *t, int n)
{
	if (!time_add(t, n))
		return 0;
	while (t->n < 4)
		t->comp[t->n++] = 0;
	return 1;
}

/* Whether n can be the next of minutes, seconds, milliseconds. */
static int
time_expects(const struct time *t, int n)
{
	return (t->n == 1 && between(n, 0, 59)) ||
	    (t->n == 2 && between(n, 0, 59)) ||
	    (t->n == 3 && between(n, 0, 999));
}

/* ms into the day, or -1 */
static double
time_write(struct time *t)
{
	int *c = t->comp;

	while (t->n < 4)
		c[t->n++] = 0;
	if (t->hour_offset != NONE) {
		if (!between(c[0], 0, 12))
			return -1;
		c[0] = c[0] % 12 + t->hour_offset;
	}
	if (!between(c[0], 0, 23) || !between(c[1], 0, 59) ||
	    !between(c[2], 0, 59) || !between(c[3], 0, 999)) {
		if (c[0] != 24 || c[1] != 0 || c[2] != 0 || c[3] != 0)
			return -1;	/* only 24:00 may pass */
	}
	return ((c[0] * 60.0 + c[1]) * 60 + c[2]) * 1000 + c[3];
}

static void
zone_set(struct zone *z, int hours)
{
	z->sign = hours < 0 ? -1 : 1;
	z->hour = hours < 0 ? -hours : hours;
	z->minute = 0;
}

static int
zone_utc(const struct zone *z)
{
	return z->hour == 0 && z->minute == 0;
}

static int
zone_expects(const struct zone *z, int n)
{
	return z->hour != NONE && z->minute == NONE && between(n, 0, 59);
}

/* ---- ISO 8601 -------------------------------------------------------------- */

/* The first three significant digits of a fraction's token, as ms. */
static int
fraction_ms(const struct token *t)
{
	int n = t->value, length = t->length;

	if (length == 1)
		return n * 100;
	if (length == 2)
		return n * 10;
	if (length > MAX_DIGITS)
		length = MAX_DIGITS;
	for (; length > 3; length--)
		n /= 10;
	return n;
}

static struct token
invalid(void)
{
	struct token t = { T_UNKNOWN, -1, -1, W_NONE };

	return t;
}

static int
is_invalid(const struct token *t)
{
	return t->tag == T_UNKNOWN && t->value == -1;
}

/* [+-]hh:mm or [+-]hhmm after an ISO time; 0 when malformed */
static int
iso_zone(struct scanner *sc, struct zone *z)
{
	struct token t;

	z->sign = next(sc).value == '+' ? 1 : -1;
	if (is_fixed(peek(sc), 4)) {
		t = next(sc);
		z->hour = t.value / 100;
		z->minute = t.value % 100;
		return between(z->hour, 0, 23) && between(z->minute, 0, 59);
	}
	if (!is_fixed(peek(sc), 2) || !between(peek(sc)->value, 0, 23))
		return 0;
	z->hour = next(sc).value;
	if (!skip_symbol(sc, ':') || !is_fixed(peek(sc), 2) ||
	    !between(peek(sc)->value, 0, 59))
		return 0;
	z->minute = next(sc).value;
	return 1;
}

/* 'T'HH':'mm[':'ss['.'s+]][Z|zone], the T read; 0 when malformed */
static int
iso_time(struct scanner *sc, struct time *tm, struct zone *z)
{
	struct token t;
	int h24;

	if (!is_fixed(peek(sc), 2) || !between(peek(sc)->value, 0, 24))
		return 0;
	h24 = peek(sc)->value == 24;
	time_add(tm, next(sc).value);
	if (!skip_symbol(sc, ':') || !is_fixed(peek(sc), 2) ||
	    !between(peek(sc)->value, 0, 59) || (h24 && peek(sc)->value > 0))
		return 0;
	time_add(tm, next(sc).value);
	if (skip_symbol(sc, ':')) {
		if (!is_fixed(peek(sc), 2) || !between(peek(sc)->value, 0, 59) ||
		    (h24 && peek(sc)->value > 0))
			return 0;
		time_add(tm, next(sc).value);
		if (skip_symbol(sc, '.')) {
			if (peek(sc)->tag != T_NUMBER ||
			    (h24 && peek(sc)->value > 0))
				return 0;
			t = next(sc);
			time_add(tm, fraction_ms(&t));
		}
	}
	if (is_z(peek(sc))) {
		next(sc);
		zone_set(z, 0);
	} else if (is_sign(peek(sc)) && !iso_zone(sc, z))
		return 0;
	return peek(sc)->tag == T_END;
}

/*
 * [+-]yyyyyy or yyyy, then -MM, -DD, then the time.  Returns the first
 * token left for the legacy grammar (T_END when all was ISO), or
 * invalid() when the string is ISO gone wrong past the T.
 */
static struct token
iso_parse(struct scanner *sc, struct day *d, struct time *tm, struct zone *z)
{
	struct token sign;
	int year;

	if (is_sign(peek(sc))) {
		sign = next(sc);
		if (!is_fixed(peek(sc), 6))
			return sign;
		year = next(sc).value;
		if (sign.value == '-' && year == 0)
			return sign;
		day_add(d, sign.value == '-' ? -year : year);
	} else if (is_fixed(peek(sc), 4))
		day_add(d, next(sc).value);
	else
		return next(sc);
	if (skip_symbol(sc, '-')) {
		if (!is_fixed(peek(sc), 2) || !between(peek(sc)->value, 1, 12))
			return next(sc);
		day_add(d, next(sc).value);
		if (skip_symbol(sc, '-')) {
			if (!is_fixed(peek(sc), 2) ||
			    !between(peek(sc)->value, 1, 31))
				return next(sc);
			day_add(d, next(sc).value);
		}
	}
	if (peek(sc)->tag != T_WORD || peek(sc)->word != W_T) {
		if (peek(sc)->tag != T_END)
			return next(sc);
	} else {
		next(sc);
		if (!iso_time(sc, tm, z))
			return invalid();
	}
	/* ES: a date alone is UTC, a date and time local */
	if (z->hour == NONE && tm->n == 0)
		zone_set(z, 0);
	d->iso = 1;
	return next(sc);
}

/* ---- the legacy grammar ---------------------------------------------------- */

/* A number: part of the time, the zone, or the date; 0 when misplaced. */
static int
legacy_number(struct scanner *sc, int n, struct day *d, struct time *tm,
    struct zone *z)
{
	const struct token *p;
	struct token t;

	if (skip_symbol(sc, ':')) {
		if (skip_symbol(sc, ':')) {		/* "n::" */
			if (tm->n != 0)
				return 0;
			time_add(tm, n);
			time_add(tm, 0);
		} else {
			if (!time_add(tm, n))
				return 0;
			if (is_symbol(peek(sc), '.'))
				next(sc);
		}
	} else if (skip_symbol(sc, '.') && time_expects(tm, n)) {
		time_add(tm, n);
		if (peek(sc)->tag != T_NUMBER)
			return 0;
		t = next(sc);
		time_add_final(tm, fraction_ms(&t));
	} else if (zone_expects(z, n))
		z->minute = n;
	else if (time_expects(tm, n)) {
		time_add_final(tm, n);
		p = peek(sc);
		if (p->tag != T_END && p->tag != T_SPACE && !is_z(p) &&
		    !is_sign(p))
			return 0;
	} else {
		if (!day_add(d, n))
			return 0;
		skip_symbol(sc, '-');
	}
	return 1;
}

/* "+hh", "+hhmm" or "+hh:mm" after a time or UTC; 0 when too long */
static int
legacy_offset(struct scanner *sc, int sign, struct zone *z)
{
	struct token t = { T_NUMBER, 0, 0, W_NONE };

	z->sign = sign == '-' ? -1 : 1;
	if (peek(sc)->tag == T_NUMBER)
		t = next(sc);
	if (is_symbol(peek(sc), ':')) {
		z->hour = t.value;
		z->minute = NONE;
	} else if (t.length == 1 || t.length == 2) {
		z->hour = t.value;
		z->minute = 0;
	} else if (t.length == 3 || t.length == 4) {
		z->hour = t.value / 100;
		z->minute = t.value % 100;
	} else
		return 0;
	return 1;
}

static int
legacy_parse(struct scanner *sc, struct token t, struct day *d,
    struct time *tm, struct zone *z)
{
	int numbers = d->n > 0;

	for (; t.tag != T_END; t = next(sc)) {
		if (t.tag == T_NUMBER) {
			numbers = 1;
			if (!legacy_number(sc, t.value, d, tm, z))
				return 0;
		} else if (t.tag == T_WORD) {
			if (t.word == W_AMPM && tm->n != 0)
				tm->hour_offset = t.value;
			else if (t.word == W_MONTH) {
				d->named_month = t.value;
				skip_symbol(sc, '-');
			} else if (t.word == W_ZONE && numbers)
				zone_set(z, t.value);
			else if (numbers || peek(sc)->tag == T_NUMBER)
				return 0;	/* a word after a number, or glued to one */
		} else if (is_sign(&t) && (zone_utc(z) || tm->n != 0)) {
			numbers = 1;
			if (!legacy_offset(sc, t.value, z))
				return 0;
		} else if ((is_sign(&t) || is_symbol(&t, ')')) && numbers)
			return 0;
	}
	return 1;
}

/* ---- the time value -------------------------------------------------------- */

/* Days from 1970-01-01 to y-m-d (m 0-11), proleptic Gregorian. */
static double
days_from_civil(double y, int m, int d)
{
	double era, yoe, doy, doe;

	if (m < 2)
		y -= 1;
	era = floor(y / 400);
	yoe = y - era * 400;
	doy = floor((153 * (m > 1 ? m - 2 : m + 10) + 2) / 5) + d - 1;
	doe = yoe * 365 + floor(yoe / 4) - floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

double
dateparse(const char *s, double local_ms)
{
	struct scanner sc = { (const unsigned char *)s, { T_END, 0, 0, W_NONE } };
	struct day d = { { 0, 0, 0 }, 0, NONE, 0 };
	struct time tm = { { 0, 0, 0, 0 }, 0, NONE };
	struct zone z = { NONE, NONE, NONE };
	struct token t;
	double day_ms, t_ms, offset;
	int ymd[3];

	scan(&sc, &sc.next);
	t = iso_parse(&sc, &d, &tm, &z);
	if (is_invalid(&t) || !legacy_parse(&sc, t, &d, &tm, &z))
		return NAN;
	if (!day_write(&d, ymd) || (day_ms = time_write(&tm)) < 0)
		return NAN;
	t_ms = days_from_civil(ymd[0], ymd[1], ymd[2]) * MS_PER_DAY + day_ms;
	if (z.sign == NONE) {
		if (fabs(t_ms) > MAX_TIME + 10 * MS_PER_DAY)
			return NAN;
		t_ms -= local_ms;
	} else {
		if (z.hour == NONE)
			z.hour = 0;
		if (z.minute == NONE)
			z.minute = 0;
		offset = (z.hour * 3600.0 + z.minute * 60.0) * 1000;
		if (offset / 1000 > 1073741823.0)	/* V8's Smi limit */
			return NAN;
		t_ms -= z.sign < 0 ? -offset : offset;
	}
	if (fabs(t_ms) > MAX_TIME)
		return NAN;
	return t_ms;
}
