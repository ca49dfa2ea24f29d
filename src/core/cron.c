/*
 * cron: see cron.h.  Fields follow Vixie cron: lists, ranges, steps,
 * month and weekday names, 7 for Sunday, and a day matching when either
 * day field does if both are restricted.  The next time is found by
 * walking forward in the zone's local time, skipping whole months, days
 * and hours that cannot match, so a yearly schedule costs a few dozen
 * conversions, not half a million.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/cron.h"

#define SEARCH_YEARS	5

struct field {
	const char	*name;
	int		 lo, hi;
	const char	*const *names;	/* names[i] stands for lo + i */
};

static const char *const month_names[] = { "jan", "feb", "mar", "apr",
    "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", NULL };
static const char *const wday_names[] = { "sun", "mon", "tue", "wed", "thu",
    "fri", "sat", NULL };

static const struct field fields[5] = {
	{ "minute", 0, 59, NULL },
	{ "hour", 0, 23, NULL },
	{ "day of month", 1, 31, NULL },
	{ "month", 1, 12, month_names },
	{ "day of week", 0, 7, wday_names },	/* 7: Sunday again */
};

static const struct {
	const char	*name;
	const char	*spec;
} macros[] = {
	{ "@yearly", "0 0 1 1 *" }, { "@annually", "0 0 1 1 *" },
	{ "@monthly", "0 0 1 * *" }, { "@weekly", "0 0 * * 0" },
	{ "@daily", "0 0 * * *" }, { "@midnight", "0 0 * * *" },
	{ "@hourly", "0 * * * *" },
};

/* A number or a name of field f at *s; -1 with why. */
static int
parse_value(const struct field *f, const char **s, int *out, char *why,
    size_t whylen)
{
	const char *p = *s;
	long v = 0;
	int i;

	if (isdigit((unsigned char)*p)) {
		while (isdigit((unsigned char)*p)) {
			v = v * 10 + (*p++ - '0');
			if (v > 1000)
				break;
		}
		while (isdigit((unsigned char)*p))
			p++;
		if (v < f->lo || v > f->hi) {
			snprintf(why, whylen, "%s %ld is out of range %d-%d",
			    f->name, v, f->lo, f->hi);
			return -1;
		}
		*out = (int)v;
		*s = p;
		return 0;
	}
	for (i = 0; f->names != NULL && f->names[i] != NULL; i++) {
		if (strncasecmp(p, f->names[i], 3) == 0 &&
		    !isalpha((unsigned char)p[3])) {
			*out = f->lo + i;
			*s = p + 3;
			return 0;
		}
	}
	snprintf(why, whylen, "%s: expected a number%s at '%.16s'", f->name,
	    f->names != NULL ? " or a name" : "", p);
	return -1;
}

/* One comma-separated item: '*', N, N-M, each optionally /STEP. */
static int
parse_item(const struct field *f, const char **s, uint64_t *bits, int *star,
    char *why, size_t whylen)
{
	int lo = f->lo, hi = f->hi, step = 1, v, ranged = 0;
	const char *p = *s;

	if (*p == '*') {
		p++;
		*star = 1;
		ranged = 1;
	} else {
		if (parse_value(f, &p, &lo, why, whylen) == -1)
			return -1;
		hi = lo;
		if (*p == '-') {
			p++;
			if (parse_value(f, &p, &hi, why, whylen) == -1)
				return -1;
			if (hi < lo) {
				snprintf(why, whylen, "%s range %d-%d runs "
				    "backwards", f->name, lo, hi);
				return -1;
			}
			ranged = 1;
		}
	}
	if (*p == '/') {
		p++;
		if (!isdigit((unsigned char)*p)) {
			snprintf(why, whylen, "%s: expected a step after '/'",
			    f->name);
			return -1;
		}
		for (step = 0; isdigit((unsigned char)*p) && step <= 1000; p++)
			step = step * 10 + (*p - '0');
		if (step < 1 || step > f->hi - f->lo + 1 ||
		    isdigit((unsigned char)*p)) {
			snprintf(why, whylen, "%s step must be 1 to %d", f->name,
			    f->hi - f->lo + 1);
			return -1;
		}
		if (!ranged)	/* "5/15": 5 to the end, as Vixie cron */
			hi = f->hi;
	}
	for (v = lo; v <= hi; v += step)
		*bits |= (uint64_t)1 << v;
	*s = p;
	return 0;
}

static int
parse_field(const struct field *f, const char *text, uint64_t *bits,
    int *star, char *why, size_t whylen)
{
	const char *p = text;

	*bits = 0;
	*star = 0;
	for (;;) {
		if (parse_item(f, &p, bits, star, why, whylen) == -1)
			return -1;
		if (*p == '\0')
			return 0;
		if (*p != ',') {
			snprintf(why, whylen, "%s: unexpected '%c' in '%.32s'",
			    f->name, *p, text);
			return -1;
		}
		p++;
	}
}

/* "@every 1h30m": units s, m, h, d, in any order, summed. */
static int
parse_every(const char *s, long *out, char *why, size_t whylen)
{
	long total = 0, n, unit;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\0') {
		snprintf(why, whylen, "@every needs a duration such as 30s, "
		    "5m or 1h30m");
		return -1;
	}
	while (*s != '\0' && !isspace((unsigned char)*s)) {
		if (!isdigit((unsigned char)*s)) {
			snprintf(why, whylen, "@every: expected a number at "
			    "'%.16s'", s);
			return -1;
		}
		for (n = 0; isdigit((unsigned char)*s); s++)
			if (n <= CRON_EVERY_MAX)
				n = n * 10 + (*s - '0');
		switch (*s) {
		case 's': unit = 1; break;
		case 'm': unit = 60; break;
		case 'h': unit = 3600; break;
		case 'd': unit = 86400; break;
		default:
			snprintf(why, whylen, "@every: unit must be s, m, h or "
			    "d after %ld", n);
			return -1;
		}
		s++;
		if (n > CRON_EVERY_MAX / unit || total + n * unit >
		    CRON_EVERY_MAX) {
			snprintf(why, whylen, "@every: at most 366d");
			return -1;
		}
		total += n * unit;
	}
	while (isspace((unsigned char)*s))
		s++;
	if (*s != '\0') {
		snprintf(why, whylen, "@every: unexpected '%.16s'", s);
		return -1;
	}
	if (total < 1) {
		snprintf(why, whylen, "@every: at least 1s");
		return -1;
	}
	*out = total;
	return 0;
}

static int
parse_fields(const char *spec, struct cron *c, char *why, size_t whylen)
{
	char text[5][64];
	uint64_t bits[5];
	int star[5], n = 0, i;
	const char *p = spec, *start;

	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		start = p;
		while (*p != '\0' && !isspace((unsigned char)*p))
			p++;
		if (n == 5) {
			snprintf(why, whylen, "more than 5 fields (minute hour "
			    "day-of-month month day-of-week)");
			return -1;
		}
		if ((size_t)(p - start) >= sizeof(text[n])) {
			snprintf(why, whylen, "%s field too long",
			    fields[n].name);
			return -1;
		}
		memcpy(text[n], start, (size_t)(p - start));
		text[n][p - start] = '\0';
		n++;
	}
	if (n != 5) {
		snprintf(why, whylen, "%d fields: cron needs 5 (minute hour "
		    "day-of-month month day-of-week), or @hourly, @daily, "
		    "@weekly, @monthly, @yearly, @every DURATION", n);
		return -1;
	}
	for (i = 0; i < 5; i++)
		if (parse_field(&fields[i], text[i], &bits[i], &star[i], why,
		    whylen) == -1)
			return -1;
	c->minutes = bits[0];
	c->hours = (uint32_t)bits[1];
	c->mdays = (uint32_t)bits[2];
	c->months = (uint16_t)bits[3];
	c->wdays = (uint8_t)((bits[4] | bits[4] >> 7) & 0x7f);
	c->mday_any = star[2];
	c->wday_any = star[4];
	c->every = 0;
	return 0;
}

int
cron_parse(const char *spec, struct cron *c, char *why, size_t whylen)
{
	size_t i, n;

	memset(c, 0, sizeof(*c));
	while (isspace((unsigned char)*spec))
		spec++;
	if (*spec != '@')
		return parse_fields(spec, c, why, whylen);
	if (strncmp(spec, "@every", 6) == 0 &&
	    (spec[6] == '\0' || isspace((unsigned char)spec[6])))
		return parse_every(spec + 6, &c->every, why, whylen);
	for (i = 0; i < sizeof(macros) / sizeof(macros[0]); i++) {
		n = strlen(macros[i].name);
		if (strncmp(spec, macros[i].name, n) != 0)
			continue;
		while (isspace((unsigned char)spec[n]))
			n++;
		if (spec[n] == '\0')
			return parse_fields(macros[i].spec, c, why, whylen);
	}
	snprintf(why, whylen, "unknown '%.24s': use @hourly, @daily, @weekly, "
	    "@monthly, @yearly or @every DURATION", spec);
	return -1;
}

/* ---- the next time ------------------------------------------------------ */

static int
day_matches(const struct cron *c, const struct tm *tm)
{
	int md = (c->mdays >> tm->tm_mday) & 1, wd = (c->wdays >> tm->tm_wday) & 1;

	if (c->mday_any || c->wday_any)
		return md && wd;
	return md || wd;	/* both restricted: either, as cron does */
}

/* The start of a day (add_days, add_months from tm's), never at or
 * before `floor` (a zone whose midnight a DST change skips). */
static time_t
day_start(struct tm *tm, int add_days, int add_months, int utc, time_t floor)
{
	time_t t;

	tm->tm_mday += add_days;
	tm->tm_mon += add_months;
	tm->tm_hour = tm->tm_min = tm->tm_sec = 0;
	tm->tm_isdst = -1;
	t = utc ? timegm(tm) : mktime(tm);
	return t > floor ? t : floor + 60;
}

static time_t
next_local(const struct cron *c, time_t after, int utc)
{
	time_t t = after - (after % 60 + 60) % 60 + 60, limit, prev;
	struct tm tm;

	limit = t + (time_t)SEARCH_YEARS * 366 * 86400;
	while (t < limit) {
		if ((utc ? gmtime_r(&t, &tm) : localtime_r(&t, &tm)) == NULL)
			return -1;
		prev = t;
		if (!((c->months >> (tm.tm_mon + 1)) & 1)) {
			tm.tm_mday = 1;
			t = day_start(&tm, 0, 1, utc, prev);
		} else if (!day_matches(c, &tm)) {
			t = day_start(&tm, 1, 0, utc, prev);
		} else if (!((c->hours >> tm.tm_hour) & 1)) {
			t += 3600 - tm.tm_min * 60 - tm.tm_sec;
		} else if (!((c->minutes >> tm.tm_min) & 1)) {
			t += 60 - tm.tm_sec;
		} else {
			return t;
		}
	}
	return -1;
}

time_t
cron_next(const struct cron *c, time_t after, const char *tz)
{
	char *saved = NULL;
	const char *old;
	time_t t;

	if (c->every > 0)
		return after + c->every;
	if (tz == NULL || strcmp(tz, "UTC") == 0)
		return next_local(c, after, 1);
	/* the master is single-threaded: TZ is switched and put back */
	if ((old = getenv("TZ")) != NULL && (saved = strdup(old)) == NULL)
		return -1;
	setenv("TZ", tz, 1);
	tzset();
	t = next_local(c, after, 0);
	if (saved != NULL)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
	return t;
}

int
cron_tz_check(const char *tz, char *why, size_t whylen)
{
	const char *dir = getenv("TZDIR");
	char path[PATH_MAX], magic[4];
	FILE *f;
	size_t n;

	if (strcmp(tz, "UTC") == 0)
		return 0;
	if (tz[0] == '\0' || tz[0] == '/' || tz[0] == ':' ||
	    strstr(tz, "..") != NULL) {
		snprintf(why, whylen, "not a zone name such as Europe/Paris");
		return -1;
	}
	snprintf(path, sizeof(path), "%s/%s", dir != NULL && dir[0] != '\0' ?
	    dir : "/usr/share/zoneinfo", tz);
	if ((f = fopen(path, "re")) == NULL) {
		snprintf(why, whylen, "no zone %s: %s", path, strerror(errno));
		return -1;
	}
	n = fread(magic, 1, sizeof(magic), f);
	fclose(f);
	if (n != sizeof(magic) || memcmp(magic, "TZif", 4) != 0) {
		snprintf(why, whylen, "%s is not a zoneinfo file", path);
		return -1;
	}
	return 0;
}
