/*
 * response: the HTTP response of one request, as fnpool sends it over
 * FastCGI or CGI: a Status line, headers, and a body of any size.
 */
#ifndef FNPOOL_RESPONSE_H
#define FNPOOL_RESPONSE_H

#include "buf.h"

struct response {
	int		 status;
	const char	*content_type;	/* static string, NULL for none */
	struct buf	 body;
};

void	 response_init(struct response *);
void	 response_free(struct response *);
/* A JSON error body {"error": message, "requestId": id}. */
void	 response_error(struct response *, int status, const char *message,
	    const char *request_id);
/* Writes the CGI/FastCGI response (headers, then body unless head_only). */
void	 response_serialize(const struct response *, const char *request_id,
	    int head_only, struct buf *out);
const char *response_reason(int status);
/* Appends s[0..n) as a JSON string literal, quotes included. */
void	 json_escape(struct buf *, const char *s, size_t n);

#endif
