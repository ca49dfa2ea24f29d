/*
 * ctx: the object a handler receives, built from one request.  What each
 * field holds is documented in docs/functions.md.
 */
#ifndef FNPOOL_CTX_H
#define FNPOOL_CTX_H

#include <stddef.h>

#include <mujs.h>

#include "core/config.h"
#include "http/request.h"
#include "http/router.h"

/*
 * Pushes ctx for req and returns 0, or pushes nothing and returns an
 * HTTP status (400 for a malformed body) with the reason in err.
 * May throw inside J (out of memory): call it under js_try.  req and
 * route must stay valid until ctx_done: fields are built when read.
 */
int	 ctx_push(js_State *, const struct pool_config *,
	    const struct request *, const struct route *, char *err,
	    size_t errsize);
/*
 * After the request whose ctx was pushed last: its fields can no longer
 * be built (an old ctx that a function kept reads them as undefined).
 */
void	 ctx_done(void);
/* Did the current request's handler read or assign ctx.response? */
int	 ctx_response_used(void);
/* Frees the scratch buffers kept between requests. */
void	 ctx_cleanup(void);

/* "api/users.js" -> "api/users" */
void	 ctx_function_name(const char *route_name, char *out, size_t outsize);

#endif
