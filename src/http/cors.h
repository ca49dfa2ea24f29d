/*
 * cors: the pool's cors.* settings, applied to every function of the pool.
 * With cors.origins unset, fnpool adds no CORS headers at all.
 */
#ifndef FNPOOL_CORS_H
#define FNPOOL_CORS_H

#include "core/config.h"
#include "http/request.h"
#include "core/response.h"

/* Is req a CORS preflight (OPTIONS with Origin and -Request-Method)? */
int	 cors_is_preflight(const struct request *);
/*
 * Adds the CORS headers for req to res when its Origin is allowed; for a
 * preflight also the allowed methods (cors.methods, else allow), headers
 * and max age.  Returns whether the origin was allowed.
 */
int	 cors_apply(const struct pool_config *, const struct request *,
	    const char *allow, struct response *);

#endif
