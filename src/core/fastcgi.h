/*
 * fastcgi: FastCGI 1.0 records, parsed and written in buffers, so that
 * no process ever blocks on a peer.  Two parsers share the code:
 *
 *  - fastcgi_parse: a whole request in one buffer, parsed again as bytes
 *    arrive; the master's status socket (small requests).
 *  - struct fastcgi_stream: an incremental parser that bytes are fed to
 *    in pieces of any size, for the workers' connections.  It checks
 *    every length against its caps before it stores a byte, answers the
 *    management records (GET_VALUES, unknown types) and the requests it
 *    refuses (roles other than RESPONDER, a second request on the
 *    connection) with records in its reply buffer, and stops at the end
 *    of a request, so that the bytes after it wait for the next one.
 *
 * A responder only: one request per connection at a time.
 */
#ifndef FNPOOL_FASTCGI_H
#define FNPOOL_FASTCGI_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

#define FASTCGI_INPUT_MAX	65536	/* a status request is small */

/* Record types, roles and statuses, with the specification's values. */
#define FCGI_VERSION_1		1
#define FCGI_HEADER_LEN		8
#define FCGI_BEGIN_REQUEST	1
#define FCGI_ABORT_REQUEST	2
#define FCGI_END_REQUEST	3
#define FCGI_PARAMS		4
#define FCGI_STDIN		5
#define FCGI_STDOUT		6
#define FCGI_STDERR		7
#define FCGI_DATA		8
#define FCGI_GET_VALUES		9
#define FCGI_GET_VALUES_RESULT	10
#define FCGI_UNKNOWN_TYPE	11
#define FCGI_RESPONDER		1
#define FCGI_AUTHORIZER		2
#define FCGI_FILTER		3
#define FCGI_KEEP_CONN		1
#define FCGI_REQUEST_COMPLETE	0
#define FCGI_CANT_MPX_CONN	1
#define FCGI_OVERLOADED		2
#define FCGI_UNKNOWN_ROLE	3
#define FCGI_CONTENT_MAX	65535

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

/* A record header for content of len bytes (at most FCGI_CONTENT_MAX),
 * no padding. */
void	 fastcgi_header(unsigned char h[FCGI_HEADER_LEN], int type,
	    uint16_t id, size_t len);
/* A whole END_REQUEST record. */
void	 fastcgi_end_request(unsigned char rec[16], uint16_t id,
	    uint32_t app_status, int protocol_status);

enum fastcgi_state {
	FASTCGI_BEGIN,		/* no request: waiting for BEGIN_REQUEST */
	FASTCGI_PARAMS,		/* reading its PARAMS */
	FASTCGI_STDIN,		/* PARAMS complete (env is set), reading STDIN */
	FASTCGI_DONE,		/* the empty STDIN record came: complete */
	FASTCGI_ERROR,		/* refused; error says why: close the connection */
};

struct fastcgi_stream {
	/* limits and answers, from fastcgi_stream_init */
	size_t		 params_max;	/* PARAMS content of a request, bytes */
	size_t		 body_max;	/* STDIN bytes kept; more: body_over,
					   and none kept */
	long		 max_conns;	/* FCGI_MAX_CONNS, FCGI_MAX_REQS */
	long		 max_reqs;

	enum fastcgi_state state;
	const char	*error;		/* FASTCGI_ERROR: a fixed text */
	uint16_t	 id;		/* the request, from FASTCGI_PARAMS on */
	int		 keep_conn;
	char		**env;		/* "NAME=value", NULL-ended, from */
	size_t		 nenv;		/* FASTCGI_STDIN on */
	struct buf	 body;		/* STDIN content */
	int		 body_over;	/* STDIN went past body_max */
	/*
	 * Records to send back, in order: GET_VALUES_RESULT, UNKNOWN_TYPE,
	 * and END_REQUEST for requests refused (refused_role: the role of
	 * the last refused for its role) or aborted.  The caller writes and
	 * empties it; close: one of them had no FCGI_KEEP_CONN, so the
	 * connection ends after the reply.
	 */
	struct buf	 reply;
	int		 refused_role;
	int		 aborted;	/* ABORT_REQUEST ended the request */
	int		 close;

	/* private: the record being read */
	unsigned char	 hdr[FCGI_HEADER_LEN];
	size_t		 hdr_len;
	uint16_t	 rec_id;
	size_t		 left, pad;	/* content and padding still to come */
	int		 sink, action;
	struct buf	 rec;		/* BEGIN_REQUEST, GET_VALUES content */
	struct buf	 params;	/* decoded "N=V\0"..., then the rest */
	size_t		 params_in;	/* PARAMS content received */
	size_t		 decoded;	/* params.data[0..decoded) is decoded */
	size_t		 env_cap;
};

void	 fastcgi_stream_init(struct fastcgi_stream *, size_t params_max,
	    size_t body_max, long max_conns, long max_reqs);
/*
 * Parses up to len bytes; returns how many it took.  It stops early at
 * the end of a request (FASTCGI_DONE) or on an error (FASTCGI_ERROR).
 */
size_t	 fastcgi_stream_feed(struct fastcgi_stream *, const void *in,
	    size_t len);
/* Forgets the request (after FASTCGI_DONE or an abort) for the next one
 * on the connection; keeps the buffers, the reply and close. */
void	 fastcgi_stream_next(struct fastcgi_stream *);
/* Forgets everything but the limits and buffers, for a new connection. */
void	 fastcgi_stream_reset(struct fastcgi_stream *);
/* Frees buffers larger than keep bytes (all with 0). */
void	 fastcgi_stream_trim(struct fastcgi_stream *, size_t keep);
void	 fastcgi_stream_free(struct fastcgi_stream *);

#endif
