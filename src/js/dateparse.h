/*
 * dateparse: Date.parse as V8 (Node) parses: ISO 8601 first (a date
 * alone is UTC, a date and time without a zone local), then V8's legacy
 * grammar, which reads toString's and toUTCString's output, RFC 2822
 * dates, "Feb 28 2024 10:20 PM", "2/28/2024" and the like.  No MuJS: the
 * fuzz target calls it as is.
 */
#ifndef FNPOOL_DATEPARSE_H
#define FNPOOL_DATEPARSE_H

/*
 * The time value (ms since the epoch, UTC) of the NUL-terminated UTF-8
 * string s, or NAN.  local_ms is the local zone's offset east of UTC in
 * ms, applied when s names no zone.
 */
double	 dateparse(const char *s, double local_ms);

#endif
