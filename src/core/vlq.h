/*
 * vlq: the "mappings" of a source map (version 3): base64 VLQ segments,
 * lines separated by ';', segments by ','.
 */
#ifndef FNPOOL_VLQ_H
#define FNPOOL_VLQ_H

#include <stddef.h>

/*
 * The original position of generated line `line` (0-based): its first
 * segment that names a source.  Returns 0 with *source (index into the
 * map's "sources") and *orig_line (0-based) set; -1 when that line maps
 * nothing or the mappings are malformed up to it.
 */
int	 vlq_line(const char *m, size_t n, long line, long *source,
	    long *orig_line);

#endif
