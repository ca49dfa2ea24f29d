/*
 * vlq: source map mappings decoded just far enough to answer one line.
 * The source index, original line and column and name fields are deltas
 * running over the whole string; the generated column restarts on each
 * line.  The input is untrusted (it comes with the functions tree), so
 * every value is bounded and a malformed string ends the walk.
 */
#include "core/vlq.h"

/*
 * Values and running sums stay below 2^30 (no real map comes near), so
 * nothing overflows a 32-bit long.
 */
#define VLQ_SHIFT_MAX	20
#define VLQ_SUM_MAX	(1L << 30)
#define VLQ_FIELDS	5

static int
base64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* One value at *i; returns 0, or -1 on a bad digit or an overlong one. */
static int
vlq_value(const char *m, size_t n, size_t *i, long *out)
{
	unsigned long v = 0;
	int shift = 0, d;

	for (;;) {
		if (*i >= n || shift > VLQ_SHIFT_MAX ||
		    (d = base64_value(m[*i])) == -1)
			return -1;
		(*i)++;
		v |= (unsigned long)(d & 0x1f) << shift;
		shift += 5;
		if ((d & 0x20) == 0)
			break;
	}
	*out = (v & 1) ? -(long)(v >> 1) : (long)(v >> 1);
	return 0;
}

/* One segment into f[]; returns how many fields it had, or -1. */
static int
vlq_segment(const char *m, size_t n, size_t *i, long f[VLQ_FIELDS])
{
	int k = 0;

	while (*i < n && m[*i] != ',' && m[*i] != ';') {
		if (k == VLQ_FIELDS || vlq_value(m, n, i, &f[k]) == -1)
			return -1;
		k++;
	}
	return (k == 1 || k == 4 || k == 5) ? k : -1;
}

int
vlq_line(const char *m, size_t n, long line, long *source, long *orig_line)
{
	long gen = 0, src = 0, oline = 0, f[VLQ_FIELDS];
	size_t i = 0;
	int k;

	while (i < n) {
		if (m[i] == ';') {
			if (gen++ == line)
				return -1;
			i++;
			continue;
		}
		if (m[i] == ',') {
			i++;
			continue;
		}
		if ((k = vlq_segment(m, n, &i, f)) == -1)
			return -1;
		if (k < 4)
			continue;
		src += f[1];
		oline += f[2];
		if (src < 0 || oline < 0 || src >= VLQ_SUM_MAX ||
		    oline >= VLQ_SUM_MAX)
			return -1;
		if (gen == line) {
			*source = src;
			*orig_line = oline;
			return 0;
		}
	}
	return -1;
}
