/*
 * numfmt: see numfmt.h.
 *
 * MuJS 1.3.6 prints toFixed, toExponential and toPrecision with C's
 * printf, which breaks ties to even where V8 rounds them away from zero
 * ((0.5).toFixed(0) is "0", Node "1"), caps the digits at what its
 * buffer holds, and gives toExponential() one digit ("1e+4" for
 * 12345.678); its toLocaleString is toString, which takes a locale for a
 * radix.  So a number's exact decimal expansion is taken from printf
 * (exact on glibc) with every digit it has, and rounded here.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "js/numfmt.h"

/*
 * The digits of a positive number: 0.d[0]d[1]...d[n-1] * 10^point, no
 * leading or trailing zero digit; n == 0 is zero.  A double has at most
 * 767 significant decimal digits.
 */
struct decimal {
	char	 d[1120];
	int	 n;
	int	 point;
};

/* Reads printf's "%.*e" of a positive number into dc. */
static void
decimal_parse(struct decimal *dc, const char *s)
{
	const char *e = strchr(s, 'e');

	dc->n = 0;
	for (; s < e; s++)
		if (*s != '.')
			dc->d[dc->n++] = *s;
	dc->point = atoi(e + 1) + 1;
	while (dc->n > 0 && dc->d[dc->n - 1] == '0')
		dc->n--;
}

/* Every digit of x > 0: a binary fraction of k bits has k decimal ones. */
static void
decimal_exact(double x, struct decimal *dc)
{
	char buf[1200];
	int e2, sig;

	frexp(x, &e2);
	sig = (int)floor(log10(x)) + 2 + (e2 < 53 ? 53 - e2 : 0);
	if (sig > 1100)		/* subnormals: an upper bound past the last */
		sig = 1100;
	snprintf(buf, sizeof(buf), "%.*e", sig - 1, x);
	decimal_parse(dc, buf);
}

/*
 * s (printf's "%.*e") moved by one unit in its last digit, up or down;
 * 0 when that leaves the digits' range.
 */
static int
neighbour(char *s, int up)
{
	char *p = strchr(s, 'e') - 1;

	for (; p >= s; p--) {
		if (*p == '.')
			continue;
		if (*p != (up ? '9' : '0')) {
			*p += up ? 1 : -1;
			return s[0] != '0';
		}
		*p = up ? '0' : '9';
	}
	return 0;
}

/*
 * The fewest digits that read back as x > 0, the nearest to x among
 * them (at most one decimal of 15 digits lies within a normal double's
 * rounding interval).  p digits rounded from x are the nearest; at a
 * power of two, whose rounding interval is narrower below, the nearest
 * may miss where its neighbour above reads back (and printf breaks an
 * exact tie to even), so the neighbours are tried too.
 */
static void
decimal_shortest(double x, struct decimal *dc)
{
	char buf[40], up[40], down[40];
	int p, ok_up, ok_down;

	/* a subnormal has fewer digits of its own: from 1 up */
	for (p = x < DBL_MIN ? 1 : 15; p <= 17; p++) {
		snprintf(buf, sizeof(buf), "%.*e", p - 1, x);
		if (strtod(buf, NULL) == x)
			break;
		memcpy(up, buf, sizeof(up));
		memcpy(down, buf, sizeof(down));
		ok_up = neighbour(up, 1) && strtod(up, NULL) == x;
		ok_down = neighbour(down, 0) && strtod(down, NULL) == x;
		if (ok_up && ok_down)
			ok_up = fabsl(strtold(up, NULL) - x) <=
			    fabsl(strtold(down, NULL) - x);
		if (ok_up || ok_down) {
			memcpy(buf, ok_up ? up : down, sizeof(buf));
			break;
		}
	}
	decimal_parse(dc, buf);
}

/* Keeps the first keep digits, rounding half away from zero. */
static void
decimal_round(struct decimal *dc, int keep)
{
	int i;

	if (keep >= dc->n)
		return;
	if (keep < 0 || (keep == 0 && dc->d[0] < '5')) {
		dc->n = 0;
		return;
	}
	if (dc->d[keep] < '5') {
		dc->n = keep;
		while (dc->n > 0 && dc->d[dc->n - 1] == '0')
			dc->n--;
		return;
	}
	for (i = keep - 1; i >= 0 && dc->d[i] == '9'; i--)
		;
	if (i < 0) {
		dc->d[0] = '1';
		dc->n = 1;
		dc->point++;
		return;
	}
	dc->d[i]++;
	dc->n = i + 1;
}

static char
digit(const struct decimal *dc, int i)
{
	return i >= 0 && i < dc->n ? dc->d[i] : '0';
}

/*
 * Writes dc with at least minint integer digits and frac fraction
 * digits, a sep between groups of three integer digits if sep is not 0.
 * Returns the end of what it wrote in out, which holds enough.
 */
static char *
put_fixed(char *out, const struct decimal *dc, int minint, int frac, char sep)
{
	int intdigits = dc->n > 0 && dc->point > 0 ? dc->point : 0, i;

	if (intdigits < minint)
		intdigits = minint;
	for (i = 0; i < intdigits; i++) {
		if (sep && i > 0 && (intdigits - i) % 3 == 0)
			*out++ = sep;
		*out++ = digit(dc, dc->point - intdigits + i);
	}
	if (frac > 0)
		*out++ = '.';
	for (i = 0; i < frac; i++)
		*out++ = digit(dc, dc->point + i);
	*out = '\0';
	return out;
}

/* d.ddde+x with frac fraction digits; zero is 0.00e+0 */
static char *
put_exponential(char *out, const struct decimal *dc, int frac)
{
	int i, e = dc->n > 0 ? dc->point - 1 : 0;

	*out++ = digit(dc, 0);
	if (frac > 0)
		*out++ = '.';
	for (i = 1; i <= frac; i++)
		*out++ = digit(dc, i);
	return out + sprintf(out, "e%c%d", e < 0 ? '-' : '+', abs(e));
}

/* V8's Number::toString for finite x != 0 (ES2023 6.1.6.1.20). */
static char *
put_shortest(char *out, double x)
{
	struct decimal dc;
	int n, k;

	decimal_shortest(fabs(x), &dc);
	n = dc.point;
	k = dc.n;
	if (x < 0)
		*out++ = '-';
	if (k <= n && n <= 21)
		return put_fixed(out, &dc, 0, 0, 0);
	if (0 < n && n <= 21)
		return put_fixed(out, &dc, 0, k - n, 0);
	if (-6 < n && n <= 0)
		return put_fixed(out, &dc, 1, k - n, 0);
	return put_exponential(out, &dc, k - 1);
}

const char *
numfmt_shortest(double x, char *buf)
{
	if (isnan(x))
		return strcpy(buf, "NaN");
	if (isinf(x))
		return strcpy(buf, x < 0 ? "-Infinity" : "Infinity");
	if (x == 0)
		return strcpy(buf, "0");
	put_shortest(buf, x);
	return buf;
}

/* ---- Number.prototype ------------------------------------------------ */

static void (*intl_push)(js_State *);

void
numfmt_intl_hook(void (*push)(js_State *))
{
	intl_push = push;
}

void
numfmt_intl_push(js_State *J)
{
	if (intl_push == NULL)
		js_error(J, "Intl is not installed in this state");
	intl_push(J);
}

/*
 * thisNumberValue: a number, or a Number object through MuJS's valueOf
 * (which checks the class; a Number object is rare enough to look it up).
 */
static double
this_number(js_State *J, const char *method)
{
	if (js_isnumber(J, 0))
		return js_tonumber(J, 0);
	if (js_isobject(J, 0)) {
		js_getglobal(J, "Number");
		js_getproperty(J, -1, "prototype");
		js_getproperty(J, -1, "valueOf");
		js_copy(J, 0);
		if (js_pcall(J, 0) == 0 && js_isnumber(J, -1))
			return js_tonumber(J, -1);
		js_pop(J, 1);
	}
	js_typeerror(J, "Number.prototype.%s requires that 'this' be a Number",
	    method);
	return 0;
}

/* ToIntegerOrInfinity of the argument, 0 for undefined */
static double
int_arg(js_State *J, int idx)
{
	double d = js_tonumber(J, idx);

	return isnan(d) ? 0 : trunc(d) + 0.0;
}

static void
push_shortest(js_State *J, double x)
{
	char buf[NUMFMT_SHORT];

	js_pushstring(J, numfmt_shortest(x, buf));
}

static void
number_tofixed(js_State *J)
{
	double x = this_number(J, "toFixed"), f = int_arg(J, 1);
	struct decimal dc;
	char buf[160], *p = buf;

	if (f < 0 || f > 100)
		js_rangeerror(J, "toFixed() digits argument must be between 0 "
		    "and 100");
	if (!isfinite(x) || fabs(x) >= 1e21) {
		push_shortest(J, x);
		return;
	}
	if (x < 0)
		*p++ = '-';		/* also when it rounds to zero, as V8 */
	dc.n = 0;
	if (x != 0) {
		decimal_exact(fabs(x), &dc);
		decimal_round(&dc, dc.point + (int)f);
	}
	put_fixed(p, &dc, 1, (int)f, 0);
	js_pushstring(J, buf);
}

static void
number_toexponential(js_State *J)
{
	double x = this_number(J, "toExponential"), f = int_arg(J, 1);
	struct decimal dc;
	char buf[160], *p = buf;

	if (!isfinite(x)) {
		push_shortest(J, x);
		return;
	}
	if (f < 0 || f > 100)
		js_rangeerror(J, "toExponential() argument must be between 0 "
		    "and 100");
	if (x < 0)
		*p++ = '-';
	dc.n = 0;
	if (x != 0 && js_isundefined(J, 1))
		decimal_shortest(fabs(x), &dc);
	else if (x != 0) {
		decimal_exact(fabs(x), &dc);
		decimal_round(&dc, (int)f + 1);
	}
	if (js_isundefined(J, 1))
		f = dc.n > 0 ? dc.n - 1 : 0;
	put_exponential(p, &dc, (int)f)[0] = '\0';
	js_pushstring(J, buf);
}

static void
number_toprecision(js_State *J)
{
	double x = this_number(J, "toPrecision"), p;
	struct decimal dc;
	char buf[160], *s = buf;
	int e;

	if (js_isundefined(J, 1)) {
		push_shortest(J, x);
		return;
	}
	p = int_arg(J, 1);
	if (!isfinite(x)) {
		push_shortest(J, x);
		return;
	}
	if (p < 1 || p > 100)
		js_rangeerror(J, "toPrecision() argument must be between 1 "
		    "and 100");
	if (x < 0)
		*s++ = '-';
	dc.n = 0;
	dc.point = 1;
	if (x != 0) {
		decimal_exact(fabs(x), &dc);
		decimal_round(&dc, (int)p);
	}
	e = dc.point - 1;
	if (e < -6 || e >= p)
		put_exponential(s, &dc, (int)p - 1)[0] = '\0';
	else
		put_fixed(s, &dc, 1, (int)p - 1 - e, 0);
	js_pushstring(J, buf);
}

/*
 * |x| * 10^scale as ICU prints it: the shortest digits of x, rounded
 * half away from zero to maxsig significant digits (if not 0) or to
 * maxfrac fraction digits, then padded to minsig or minfrac.
 */
static void
format_digits(char *out, double x, int scale, int minint, int minfrac,
    int maxfrac, int minsig, int maxsig, int grouping)
{
	struct decimal dc;
	int frac;

	dc.n = 0;
	dc.point = 1;
	if (x != 0) {
		decimal_shortest(fabs(x), &dc);
		dc.point += scale;
	}
	if (maxsig > 0) {
		decimal_round(&dc, maxsig);
		if (dc.n == 0)
			dc.point = 1;
		frac = (dc.n > minsig ? dc.n : minsig) - dc.point;
	} else {
		decimal_round(&dc, dc.point + maxfrac);
		frac = dc.n > 0 ? dc.n - dc.point : 0;
		if (frac > maxfrac)
			frac = maxfrac;
		if (frac < minfrac)
			frac = minfrac;
	}
	put_fixed(out, &dc, minint, frac > 0 ? frac : 0, grouping ? ',' : 0);
}

/* toLocaleString() as Intl.NumberFormat's default formats */
static void
number_tolocalestring(js_State *J)
{
	double x = this_number(J, "toLocaleString");
	char buf[520], *p = buf;

	if (js_isdefined(J, 1) || js_isdefined(J, 2)) {
		numfmt_intl_push(J);
		js_getproperty(J, -1, "numberToLocaleString");
		js_rot2(J);
		js_pushnumber(J, x);
		js_copy(J, 1);
		js_copy(J, 2);
		js_call(J, 3);
		return;
	}
	if (isnan(x)) {
		js_pushliteral(J, "NaN");
		return;
	}
	if (signbit(x))
		*p++ = '-';
	if (isinf(x))
		strcpy(p, "\342\210\236");	/* U+221E */
	else
		format_digits(p, x, 0, 1, 0, 3, 0, 0, 1);
	js_pushstring(J, buf);
}

/* ---- intl's helper ----------------------------------------------------- */

static int
small_arg(js_State *J, int idx, int max)
{
	double d = js_tonumber(J, idx);

	return d >= 0 && d <= max ? (int)d : 0;
}

static void
intl_format_digits(js_State *J)
{
	char buf[1400];
	double scale = js_tonumber(J, 2);

	format_digits(buf, js_tonumber(J, 1), scale == 2 ? 2 : 0,
	    small_arg(J, 3, 21), small_arg(J, 4, 100), small_arg(J, 5, 100),
	    small_arg(J, 6, 21), small_arg(J, 7, 21), js_toboolean(J, 8));
	js_pushstring(J, buf);
}

void
numfmt_natives(js_State *J, int idx)
{
	idx = idx < 0 ? js_gettop(J) + idx : idx;
	js_newcfunction(J, intl_format_digits, "formatDigits", 8);
	js_setproperty(J, idx, "formatDigits");
}

/* ---- installation ------------------------------------------------------ */

/* Calls Number.prototype[method] on x with arg; is it want? */
static int
gives(js_State *J, double x, const char *method, const char *arg,
    const char *want)
{
	int same;

	js_getglobal(J, "Number");
	js_getproperty(J, -1, "prototype");
	js_getproperty(J, -1, method);
	js_pushnumber(J, x);
	if (arg != NULL)
		js_pushstring(J, arg);
	same = js_pcall(J, arg != NULL) == 0 && js_isstring(J, -1) &&
	    strcmp(js_tostring(J, -1), want) == 0;
	js_pop(J, 3);
	return same;
}

/* Whether this MuJS's methods are V8's, found out on the first state. */
static int
mujs_right(js_State *J)
{
	static int right = -1;

	if (right == -1)
		right = gives(J, 0.5, "toFixed", "0", "1") &&
		    gives(J, 12345.678, "toExponential", NULL,
		    "1.2345678e+4") &&
		    gives(J, 1234.5, "toLocaleString", "en-US", "1,234.5");
	return right;
}

static void
replace(js_State *J, const char *name, js_CFunction fn, int length)
{
	js_newcfunction(J, fn, name, length);
	js_defproperty(J, -2, name, JS_DONTENUM);
}

void
numfmt_install(js_State *J)
{
	if (mujs_right(J))
		return;
	js_getglobal(J, "Number");
	js_getproperty(J, -1, "prototype");
	replace(J, "toFixed", number_tofixed, 1);
	replace(J, "toExponential", number_toexponential, 1);
	replace(J, "toPrecision", number_toprecision, 1);
	replace(J, "toLocaleString", number_tolocalestring, 0);
	js_pop(J, 2);
}
