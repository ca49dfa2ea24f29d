/*
 * units: sizes ("64M") and durations ("30s", "500ms") as written in the
 * configuration, parsed into bytes and milliseconds.
 */
#ifndef FNPOOL_UNITS_H
#define FNPOOL_UNITS_H

/*
 * Bytes from "123", "4K", "64M", "2G" (powers of 1024; a trailing "B" is
 * allowed).  Returns 0, or -1 when malformed or outside [min, max].
 */
int	 units_parse_size(const char *, long min, long max, long *bytes);

/*
 * Milliseconds from "500ms", "30s", "5m", "1h"; a bare number means
 * seconds.  Returns 0, or -1 when malformed or outside [min, max] ms.
 */
int	 units_parse_duration(const char *, long min, long max, long *ms);

#endif
