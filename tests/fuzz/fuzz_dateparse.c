/*
 * libFuzzer target: dateparse.  Any bytes give NaN or a time value
 * within ECMAScript's range, a whole number of ms, the same on a second
 * call, and one local offset's answer differs from UTC's by at most
 * that offset.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "js/dateparse.h"

#define HOUR	3600000.0

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);	/* exact size: ASan sees overreads */
	double t, east;

	memcpy(s, data, size);
	s[size] = '\0';
	t = dateparse(s, 0);
	if (!isnan(t) && (fabs(t) > 8.64e15 || t != floor(t)))
		abort();
	if (!(isnan(t) ? isnan(dateparse(s, 0)) : dateparse(s, 0) == t))
		abort();
	east = dateparse(s, 9 * HOUR);
	if (!isnan(t) && !isnan(east) && t - east != 0 && t - east != 9 * HOUR)
		abort();
	free(s);
	return 0;
}
