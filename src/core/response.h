/*
 * response: the HTTP response of one request, as fnpool sends it over
 * FastCGI or CGI: a Status line, headers, and a body of any size.
 */
#ifndef FNPOOL_RESPONSE_H
#define FNPOOL_RESPONSE_H

#include "core/buf.h"

struct response {
	int		 status;
	char		*content_type;	/* NULL for none */
	struct buf	 headers;	/* checked "Name: value\r\n" lines */
	struct buf	 body;
	int		 allow_x_accel;	/* X-Accel-* headers from a function:
					   kept by response_reset */
};

void	 response_init(struct response *);
void	 response_free(struct response *);
/* Drops headers, type and body (to answer with an error instead). */
void	 response_reset(struct response *);
void	 response_set_type(struct response *, const char *);
/*
 * Adds a header after checking it: the name must be an HTTP token, the
 * value free of CR, LF, NUL and other control bytes (tab is allowed);
 * fnpool's own headers and, unless allow_x_accel, nginx's X-Accel-* are
 * refused.
 * Returns 0, or -1 with the reason in why.
 */
int	 response_add_header(struct response *, const char *name,
	    const char *value, char *why, size_t whysize);
int	 response_header_name_ok(const char *);
/* A JSON error body {"error": message, "requestId": id}. */
void	 response_error(struct response *, int status, const char *message,
	    const char *request_id);
/* The same with the error's stack: {"error", "stack", "requestId"}. */
void	 response_error_detail(struct response *, int status,
	    const char *message, const char *stack, const char *request_id);
/* Writes the CGI/FastCGI response (headers, then body unless head_only). */
void	 response_serialize(const struct response *, const char *request_id,
	    int head_only, struct buf *out);
const char *response_reason(int status);
/* Appends s[0..n) as a JSON string literal, quotes included. */
void	 json_escape(struct buf *, const char *s, size_t n);

#endif
