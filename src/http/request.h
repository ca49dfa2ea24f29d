/*
 * request: what fnpool needs from the CGI variables of one request, and
 * the decoding of untrusted request text (paths, query strings).  Nothing
 * here touches the network or JavaScript, so all of it is unit-tested and
 * fuzzed directly.
 */
#ifndef FNPOOL_REQUEST_H
#define FNPOOL_REQUEST_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/request_id.h"

struct request {
	char		**env;		/* "NAME=value" CGI variables */
	const char	*method;
	const char	*uri;		/* REQUEST_URI as sent */
	const char	*query_string;
	char		*path;		/* decoded, prefix stripped, "/a/b" */
	const char	*body;
	size_t		 body_len;
	char		 id[REQUEST_ID_MAX + 1];
	int		 status;	/* of the response, once made */
	/* from request_index's one pass over env (indexed: 1) */
	int		 indexed;
	const char	*x_request_id, *script_name, *path_info, *document_uri;
	size_t		 nheaders;	/* HTTP_* variables */
	/* a scheduled run's FNPOOL_SCHEDULE* parameters, as sent: the
	 * worker checks the key (core/schedule_key.h) before it trusts them */
	const char	*schedule_key, *schedule_name, *schedule_at;
	int		 scheduled;	/* checked: ctx.schedule is set */
};

/* Value of a CGI variable, or NULL (fastcgi_param). */
const char *request_param(char *const *env, const char *name);

/*
 * Sets req->path (malloc'ed) from SCRIPT_NAME/PATH_INFO, DOCUMENT_URI or
 * REQUEST_URI, with prefix ("" or "/fn") removed.  Returns 0, or -1 when
 * the path lies outside the prefix.
 */
int	 request_set_path(struct request *, const char *prefix);
void	 request_free(struct request *);

/*
 * Percent-decodes s[0..n) into out; with plus_is_space, '+' becomes ' '.
 * Malformed escapes and %00 are kept literally (a JS string cannot hold
 * NUL without surprising C code that sees it later).
 */
void	 request_url_decode(const char *s, size_t n, int plus_is_space,
	    struct buf *out);

/*
 * Calls fn(key, value, arg) for every pair of an application/x-www-form-
 * urlencoded string (a query string), decoded.  A pair without '=' has
 * an empty value; empty pairs ("a=1&&b=2") are skipped.
 */
typedef void (*request_pair_fn)(const char *key, size_t keylen,
	    const char *val, size_t vallen, void *arg);
void	 request_parse_query(const char *qs, request_pair_fn, void *arg);
/* The same for s[0..n) (a form body, which may hold NUL bytes). */
size_t	 request_parse_form(const char *s, size_t n, request_pair_fn, void *arg);
/* The number of pairs request_parse_form would report, without decoding. */
size_t	 request_count_pairs(const char *s, size_t n);

/*
 * Calls fn for every "name=value" of a Cookie header ("a=1; b=2").  Values
 * lose surrounding double quotes and are percent-decoded ('+' is kept);
 * pairs without '=' or with an empty name are skipped.
 */
void	 request_parse_cookies(const char *s, request_pair_fn, void *arg);

/* The number of request headers (HTTP_* variables). */
size_t	 request_count_headers(char *const *env);
/*
 * One pass over req->env for what every request looks up: method, uri,
 * query_string (NULL when absent), the fields after them in struct
 * request, and the number of headers.  A search per name went through
 * all the variables each time.
 */
void	 request_index(struct request *);

/*
 * The client's address: REMOTE_ADDR, or, when that peer is listed in
 * trusted (see proxies.h), the address it reports: the rightmost
 * X-Forwarded-For entry that is not itself a trusted proxy, else
 * X-Real-IP.  Malformed entries are never taken.  Writes into out.
 */
void	 request_client_ip(char *const *env, const char *trusted,
	    char *out, size_t outsize);

#endif
