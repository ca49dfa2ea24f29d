/*
 * body: parsers for request bodies that need no JavaScript: the media
 * type and parameters of a Content-Type, and multipart/form-data.  They
 * read untrusted bytes, so they are unit-tested and fuzzed directly.
 * (application/x-www-form-urlencoded is request_parse_form, JSON is json.c.)
 */
#ifndef FNPOOL_BODY_H
#define FNPOOL_BODY_H

#include <stddef.h>

#include "core/buf.h"

/* "Text/HTML; charset=x" -> "text/html" into out (lower-cased). */
void	 body_media_type(const char *content_type, struct buf *out);
/*
 * The value of parameter name ("boundary") of a Content-Type, unquoted,
 * into out; returns 0, or -1 when it is absent.
 */
int	 body_param(const char *content_type, const char *name, struct buf *out);

struct body_part {
	const char	*name;		/* form field name, NUL-terminated */
	const char	*filename;	/* NULL for a plain field */
	const char	*type;		/* the part's Content-Type, or NULL */
	const char	*data;
	size_t		 len;
};

typedef void (*body_part_fn)(const struct body_part *, void *arg);

#define BODY_HEADER_MAX	8192	/* bytes of headers of one part */

/*
 * Calls fn for each part of a multipart/form-data body.  Returns 0, or -1
 * with a message in err (a missing closing boundary, a part without a
 * name, more than max_parts parts...); no callback has run for a body
 * that fails, so a bad body never half-fills ctx.
 */
int	 body_parse_multipart(const char *data, size_t len,
	    const char *boundary, size_t max_parts, body_part_fn fn, void *arg,
	    char *err, size_t errsize);

#endif
