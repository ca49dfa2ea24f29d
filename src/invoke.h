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
 * Answers the request with the pool as a worker would, prints the
 * response to stdout, and returns the exit code: 0 for a 1xx-4xx
 * response, 1 for a 5xx or when no request could be made (logged).
 */
int	 invoke_run(struct invoke *, const struct pool_config *);

#endif
