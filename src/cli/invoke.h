/*
 * invoke: `fnpool invoke PATH`: one request answered locally, without a
 * web server, a socket or a daemon, and printed as an HTTP response.
 */
#ifndef FNPOOL_INVOKE_H
#define FNPOOL_INVOKE_H

#include <stddef.h>

#include "core/buf.h"
#include "core/config.h"

struct invoke {
	const char	*method;	/* NULL: GET, or POST with a body */
	const char	*target;	/* "/path?query" as a client sends it */
	char		**vars;		/* "NAME=value" from -H, NULL-ended */
	size_t		 nvars;
	struct buf	 body;
	int		 has_body;
};

/*
 * The command line, piece by piece.  Each returns 0, or -1 after printing
 * what is wrong with the argument (a usage error).
 */
void	 invoke_init(struct invoke *);
int	 invoke_target(struct invoke *, const char *path);
int	 invoke_method(struct invoke *, const char *method);
int	 invoke_header(struct invoke *, const char *line);	/* "Name: value" */
int	 invoke_data(struct invoke *, const char *arg);	/* DATA, @FILE, @- */
void	 invoke_free(struct invoke *);
/*
 * For fnpool dev, which has its headers from an HTTP library:
 * invoke_header_var sets the variable of header name (-1: a name longer
 * than 250 bytes), invoke_var any CGI variable (REMOTE_ADDR, ...).
 */
int	 invoke_header_var(struct invoke *, const char *name,
	    const char *value);
void	 invoke_var(struct invoke *, const char *name, const char *value);

/*
 * Answers the request with the pool as a worker would, prints the
 * response to stdout, and returns the exit code: 0 for a 1xx-4xx
 * response, 1 for a 5xx or when no request could be made (logged).
 */
int	 invoke_run(struct invoke *, const struct pool_config *);
/*
 * What invoke_run does before it prints: answers the request in a child
 * and leaves its CGI response in cgi ("Status: ..." headers, body; a 502
 * when the child died without one) and its request id in id.  When the
 * child has written a whole response, answered (unless NULL) gets it
 * before the child is waited for, which may still run ctx.waitUntil
 * work.  Returns 1 if answered was called, 0 if not, or -1 when no
 * request could be made (logged).
 */
int	 invoke_exchange(struct invoke *, const struct pool_config *,
	    struct buf *cgi, char *id, size_t idsize,
	    void (*answered)(struct buf *, void *), void *arg);
/* The status of a CGI response, or -1 when cgi is not one. */
int	 invoke_status(const struct buf *cgi);

#endif
