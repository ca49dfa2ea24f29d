/*
 * units: number-with-suffix parsing for the configuration.  Overflow is
 * checked before multiplying, so "9999999999G" is an error, not a wrap.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/units.h"

struct unit {
	const char	*suffix;
	long		 factor;
};

static const struct unit size_units[] = {
	{ "", 1 }, { "B", 1 },
	{ "K", 1L << 10 }, { "KB", 1L << 10 },
	{ "M", 1L << 20 }, { "MB", 1L << 20 },
	{ "G", 1L << 30 }, { "GB", 1L << 30 },
	{ NULL, 0 },
};

static const struct unit duration_units[] = {
	{ "", 1000 }, { "ms", 1 }, { "s", 1000 }, { "m", 60000 },
	{ "h", 3600000 },
	{ NULL, 0 },
};

static int
parse_with(const char *s, const struct unit *units, long min, long max,
    long *out)
{
	const struct unit *u;
	char *end;
	long v;

	if (!isdigit((unsigned char)s[0]))
		return -1;	/* no sign, no leading space */
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0)
		return -1;
	for (u = units; u->suffix != NULL; u++)
		if (strcasecmp(end, u->suffix) == 0)
			break;
	if (u->suffix == NULL)
		return -1;
	if (v > LONG_MAX / u->factor)
		return -1;
	v *= u->factor;
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
units_parse_size(const char *s, long min, long max, long *bytes)
{
	return parse_with(s, size_units, min, max, bytes);
}

int
units_parse_duration(const char *s, long min, long max, long *ms)
{
	/* "m" is minutes and "ms" milliseconds: case matters for neither,
	 * but "M" would read as minutes, so refuse upper-case "M" here. */
	if (strchr(s, 'M') != NULL)
		return -1;
	return parse_with(s, duration_units, min, max, ms);
}
