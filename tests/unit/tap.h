/*
 * tap.h: a minimal TAP producer for fnpool's unit tests.  Each check
 * prints "ok N - what" or "not ok N - what"; automake's tap-driver
 * counts them.
 */
#ifndef FNPOOL_TAP_H
#define FNPOOL_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count;
static int tap_failures;

static void __attribute__((format(printf, 4, 5)))
tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", cond ? "" : "not ", ++tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond) {
		printf("#   failed at %s:%d\n", file, line);
		tap_failures++;
	}
	fflush(stdout);
}

#define ok(cond, ...)	tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#define is_int(got, want, what) do {					\
	long long g_ = (got), w_ = (want);				\
	ok(g_ == w_, "%s", what);					\
	if (g_ != w_)							\
		printf("#   got %lld, want %lld\n", g_, w_);	\
} while (0)

#define is_str(got, want, what) do {					\
	const char *g_ = (got), *w_ = (want);				\
	int same_ = g_ != NULL && w_ != NULL ? strcmp(g_, w_) == 0 : g_ == w_; \
	ok(same_, "%s", what);						\
	if (!same_)							\
		printf("#   got '%s', want '%s'\n", g_ ? g_ : "(null)",	\
		    w_ ? w_ : "(null)");				\
} while (0)

static int
tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failures > 0;
}

#endif
