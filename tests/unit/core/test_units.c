/* Unit tests for units.c: sizes and durations with their suffixes. */
#include <limits.h>

#include "tap.h"
#include "core/units.h"

static void
size_is(const char *s, long want)
{
	long v = -1;

	ok(units_parse_size(s, 0, LONG_MAX, &v) == 0 && v == want,
	    "size '%s' is %ld (got %ld)", s, want, v);
}

static void
duration_is(const char *s, long want)
{
	long v = -1;

	ok(units_parse_duration(s, 0, LONG_MAX, &v) == 0 && v == want,
	    "duration '%s' is %ld ms (got %ld)", s, want, v);
}

static void
size_bad(const char *s, long min, long max)
{
	long v = 7;

	ok(units_parse_size(s, min, max, &v) == -1 && v == 7,
	    "size '%s' is refused and leaves the value alone", s);
}

static void
duration_bad(const char *s, long min, long max)
{
	long v = 7;

	ok(units_parse_duration(s, min, max, &v) == -1 && v == 7,
	    "duration '%s' is refused", s);
}

int
main(void)
{
	size_is("0", 0);
	size_is("512", 512);
	size_is("512B", 512);
	size_is("4K", 4096);
	size_is("4k", 4096);
	size_is("64M", 64L << 20);
	size_is("64MB", 64L << 20);
	size_is("2G", 2L << 30);
	size_bad("", 0, LONG_MAX);
	size_bad("M", 0, LONG_MAX);
	size_bad("-1M", LONG_MIN, LONG_MAX);
	size_bad(" 1M", 0, LONG_MAX);
	size_bad("1.5M", 0, LONG_MAX);
	size_bad("1T", 0, LONG_MAX);
	size_bad("1M ", 0, LONG_MAX);
	size_bad("99999999999999G", 0, LONG_MAX);
	size_bad("2M", 0, 1L << 20);

	duration_is("30", 30000);
	duration_is("30s", 30000);
	duration_is("500ms", 500);
	duration_is("5m", 300000);
	duration_is("1h", 3600000);
	duration_is("0", 0);
	duration_bad("5M", 0, LONG_MAX);
	duration_bad("1d", 0, LONG_MAX);
	duration_bad("s", 0, LONG_MAX);
	duration_bad("-5s", LONG_MIN, LONG_MAX);
	duration_bad("99999999999999999h", 0, LONG_MAX);
	duration_bad("50ms", 100, LONG_MAX);
	return tap_done();
}
