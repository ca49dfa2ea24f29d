/*
 * fastcgi: the few FastCGI records the master needs to answer a request
 * itself on the status socket, parsed from a buffer and written into
 * one, so the master never blocks on a peer (libfcgi reads blocking).
 * A responder only: one request per connection at a time.
 */
#ifndef FNPOOL_FASTCGI_H
#define FNPOOL_FASTCGI_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

#define FASTCGI_INPUT_MAX	65536	/* a status request is small */

struct fastcgi_request {
	uint16_t	 id;
	int		 keep_conn;	/* FCGI_KEEP_CONN */
	char		**env;		/* "NAME=value", NULL-terminated;
					   NULL when there are none */
	size_t		 nenv;
	size_t		 used;		/* bytes of input it took */
};

/*
 * Parses the request at the start of in[0..len): 1 when it is complete
 * (BEGIN_REQUEST, PARAMS up to the empty record, STDIN up to the empty
 * record), 0 when more input is needed, -1 when it is not FastCGI or
 * asks for something other than a responder.  On 1, free r afterwards.
 */
int	 fastcgi_parse(const unsigned char *in, size_t len,
	    struct fastcgi_request *r);
void	 fastcgi_request_free(struct fastcgi_request *);
/* The value of a parameter in a "NAME=value" array (a request's env, or
 * any CGI environment: the workers use it too), or NULL. */
const char *fastcgi_param(char *const *env, const char *name);
/* Appends STDOUT records holding data, the empty one, and END_REQUEST. */
void	 fastcgi_respond(uint16_t id, const char *data, size_t len,
	    struct buf *out);

#endif
