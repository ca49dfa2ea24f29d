/*
 * reply: a handler's outcome to an HTTP response.
 *
 * Success: the return value is the body (object, array, number, boolean
 * -> JSON; string -> text; undefined/null -> no body, 204 unless
 * ctx.response.status says otherwise), and ctx.response carries status,
 * headers and type.  Failure: a thrown value becomes an error response.
 */
#ifndef FNPOOL_REPLY_H
#define FNPOOL_REPLY_H

#include <mujs.h>

#include "core/config.h"
#include "http/request.h"
#include "core/response.h"

/*
 * With the return value on top and ctx at ctx_idx, fills res.  Returns 0,
 * or -1 with the reason in why (a bad status or header; res must then
 * become a 500).  May throw (getters, JSON.stringify of a cycle).
 */
int	 reply_result(js_State *, int ctx_idx, struct response *,
	    char *why, size_t whysize);
/*
 * With a thrown value on top: logs it with its stack under fn and the
 * request id, and fills res (4xx from err.status/statusCode, else 500,
 * with the message only when expose_errors is on).  A hint (hint.h) is
 * logged on a line of its own and follows the exposed message.
 */
void	 reply_error(js_State *, const struct pool_config *,
	    const struct request *, const char *fn, const char *what,
	    struct response *);
/*
 * With a thrown value on top: logs it as fn's error (what: "load
 * failed", ...) for the request, then its hint on a line of its own;
 * exposed gets the message and the hint, for expose_errors.
 */
void	 reply_log_error(js_State *, const char *fn, const char *request_id,
	    const char *what, struct buf *exposed);
/* Appends the exception on top as one line: message and stack. */
void	 reply_describe(js_State *, struct buf *);
/*
 * Appends the exception on top as one line for a person fixing it:
 * "what: FILE:LINE: Name: message; hint: ...", with the first frame
 * outside native code as FILE:LINE (none for a syntax error, whose
 * message names the line) and the hint only when there is one.
 */
void	 reply_summary(js_State *, const char *what, struct buf *);

#endif
