/*
 * regexp_surrogates: see regexp_surrogates.h.
 */
#include <stdint.h>

#include "js/jsstr.h"
#include "js/regexp_surrogates.h"

#define SET_MAX 64			/* spans in one class of halves */
#define PAIRS_MAX 1024			/* code point ranges written */

struct span {
	uint32_t lo, hi;
};

/* The halves a class or a single escape stands for. */
struct half_set {
	struct span span[SET_MAX];
	int n;
};

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

/*
 * One UTF-16 half within [lo, hi] at *p: \uHHHH, or the three bytes MuJS
 * keeps a lone surrogate in (a pattern built from a string).
 */
static int
half_read(const unsigned char **p, const unsigned char *end, uint32_t lo,
    uint32_t hi, uint32_t *half)
{
	const unsigned char *q = *p;
	uint32_t v = 0;
	int i, h;

	if (end - q >= 6 && q[0] == '\\' && q[1] == 'u') {
		for (i = 2; i < 6; i++) {
			if ((h = hex_value(q[i])) < 0)
				return 0;
			v = v << 4 | (uint32_t)h;
		}
		q += 6;
	} else if (q < end && *q == 0xed) {
		v = jsstr_next(&q, end);
	} else {
		return 0;
	}
	if (v < lo || v > hi)
		return 0;
	*half = v;
	*p = q;
	return 1;
}

/* One half, or a class of halves and ranges of them (not negated). */
static int
half_set_read(const unsigned char **p, const unsigned char *end, uint32_t lo,
    uint32_t hi, struct half_set *set)
{
	const unsigned char *q = *p;
	uint32_t a, b;

	set->n = 0;
	if (q < end && *q != '[') {
		if (!half_read(&q, end, lo, hi, &a))
			return 0;
		set->span[set->n++] = (struct span){ a, a };
		*p = q;
		return 1;
	}
	for (q++; q < end && *q != ']'; set->n++) {
		if (set->n == SET_MAX || !half_read(&q, end, lo, hi, &a))
			return 0;
		b = a;
		if (end - q >= 2 && q[0] == '-' && q[1] != ']') {
			q++;
			if (!half_read(&q, end, lo, hi, &b) || b < a)
				return 0;
		}
		set->span[set->n] = (struct span){ a, b };
	}
	if (q >= end || set->n == 0)
		return 0;
	*p = q + 1;
	return 1;
}

static uint32_t
code_point(uint32_t high, uint32_t low)
{
	return 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);
}

/* Every low half: one range per span of high halves suffices. */
static int
all_lows(const struct half_set *low)
{
	return low->n == 1 && low->span[0].lo == 0xdc00 &&
	    low->span[0].hi == 0xdfff;
}

static size_t
pair_ranges(const struct half_set *high, const struct half_set *low)
{
	size_t n = 0;
	int i;

	for (i = 0; i < high->n; i++)
		n += all_lows(low) ? 1 :
		    (size_t)(high->span[i].hi - high->span[i].lo + 1) *
		    (size_t)low->n;
	return n;
}

static void
range_write(struct buf *out, uint32_t lo, uint32_t hi)
{
	buf_printf(out, lo == hi ? "\\x{%x}" : "\\x{%x}-\\x{%x}", lo, hi);
}

static void
pairs_write(const struct half_set *high, const struct half_set *low,
    struct buf *out)
{
	uint32_t h;
	int i, j;

	buf_putc(out, '[');
	for (i = 0; i < high->n; i++) {
		if (all_lows(low)) {
			range_write(out, code_point(high->span[i].lo, 0xdc00),
			    code_point(high->span[i].hi, 0xdfff));
			continue;
		}
		for (h = high->span[i].lo; h <= high->span[i].hi; h++)
			for (j = 0; j < low->n; j++)
				range_write(out, code_point(h, low->span[j].lo),
				    code_point(h, low->span[j].hi));
	}
	buf_putc(out, ']');
}

int
regexp_surrogate_pair(const unsigned char **p, const unsigned char *end,
    struct buf *out)
{
	const unsigned char *q = *p;
	struct half_set high, low;

	if (!half_set_read(&q, end, 0xd800, 0xdbff, &high) ||
	    !half_set_read(&q, end, 0xdc00, 0xdfff, &low) ||
	    pair_ranges(&high, &low) > PAIRS_MAX)
		return 0;
	/*
	 * A quantifier would repeat the low half alone, which text holding
	 * the pair as one character never has: left to the translator.
	 */
	if (q < end && (*q == '*' || *q == '+' || *q == '?' || *q == '{'))
		return 0;
	if (pair_ranges(&high, &low) == 1 && high.span[0].lo == high.span[0].hi &&
	    low.span[0].lo == low.span[0].hi)
		range_write(out, code_point(high.span[0].lo, low.span[0].lo),
		    code_point(high.span[0].lo, low.span[0].lo));
	else
		pairs_write(&high, &low, out);
	*p = q;
	return 1;
}
