/*
 * ctx: the object a handler receives, built from one request.  What each
 * field holds is documented in docs/functions.md.
 */
#ifndef FNPOOL_CTX_H
#define FNPOOL_CTX_H

#include <stddef.h>

#include <mujs.h>

/*
 * Pushes ctx for the request of J's call (call.h) and returns 0, or
 * pushes nothing and returns an HTTP status (400 for a malformed body)
 * with the reason in err.  May throw inside J (out of memory): call it
 * under js_try.  Fields are built when read, from the call's request,
 * until the call's ctx_serial is cleared.
 */
int	 ctx_push(js_State *, char *err, size_t errsize);
/* Did the handler of J's call read or assign ctx.response? */
int	 ctx_response_used(js_State *);
/* Frees the scratch buffers kept between requests. */
void	 ctx_cleanup(void);

/* "api/users.js" -> "api/users" */
void	 ctx_function_name(const char *route_name, char *out, size_t outsize);

#endif
