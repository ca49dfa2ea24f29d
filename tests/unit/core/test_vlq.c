/* Unit tests for vlq.c: source map mappings, one line at a time. */
#include <string.h>

#include "core/vlq.h"
#include "tap.h"

static long src, orig;

static int
line(const char *m, long n)
{
	src = orig = -99;
	return vlq_line(m, strlen(m), n, &src, &orig);
}

int
main(void)
{
	/* A = 0, C = +1, D = -1, E = +2, gB = +16, 3H = -123 */
	const char *m = "AAAA,EAAE;AACA;;CACA,AAAA;AAgBA;AA3HA";

	ok(line(m, 0) == 0 && src == 0 && orig == 0, "line 0: first segment");
	ok(line(m, 1) == 0 && src == 0 && orig == 1, "deltas run across lines");
	ok(line(m, 2) == -1, "an empty line maps nothing");
	ok(line(m, 3) == 0 && src == 0 && orig == 2,
	    "generated column aside, line 3 has source 0, line 2");
	ok(line(m, 4) == 0 && orig == 18, "a two-digit value (gB = 16)");
	ok(line(m, 5) == -1, "a negative running line is refused (3H = -123)");
	ok(line(m, 9) == -1, "past the last line");
	ok(line("A,C;AACA", 0) == -1, "one-field segments name no source");
	ok(line("A,C;AACA", 1) == 0 && orig == 1, "and are skipped");
	ok(line("ACCA;ADCA", 0) == 0 && src == 1 && orig == 1, "source 1");
	ok(line("ACCA;ADCA", 1) == 0 && src == 0 && orig == 2,
	    "the source index is a delta too (C then D)");
	ok(line("AA;AACA", 1) == -1, "a two-field segment is malformed");
	ok(line("AAA!;AACA", 1) == -1, "a bad digit ends the walk");
	ok(line("AAAAAA;AACA", 1) == -1, "six fields are malformed");
	ok(line("gggggggB;AACA", 1) == -1, "an overlong value is refused");
	ok(line("Ag", 0) == -1, "a value cut short is refused");
	ok(line("", 0) == -1, "empty mappings");
	ok(vlq_line("AACA", 2, 0, &src, &orig) == -1,
	    "the length is honoured, not the NUL");
	return tap_done();
}
