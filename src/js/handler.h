/*
 * handler: which exported function answers a request method.
 *   module.exports = function        -> every method
 *   exports.GET, exports.POST, ...   -> those methods (HEAD runs GET);
 *                                       others fall back to exports.default
 *                                       or exports.main, else 405 with Allow
 * OPTIONS is answered by fnpool (Allow, CORS preflight) unless the module
 * exports OPTIONS itself.  A handler may return a Promise: its value is
 * then the result, its rejection a throw.
 */
#ifndef FNPOOL_HANDLER_H
#define FNPOOL_HANDLER_H

#include <mujs.h>

#include "core/buf.h"

enum handler_kind {
	HANDLER_FOUND,		/* the function is pushed */
	HANDLER_OPTIONS,	/* fnpool answers OPTIONS; allow is filled */
	HANDLER_NOT_ALLOWED,	/* 405; allow is filled */
	HANDLER_NONE,		/* the module exports no handler at all */
};

#define HANDLER_EXPORTS	"fnpool.exports"	/* registry key */

/* Looks in the exports stored in the registry.  May throw (getters). */
enum handler_kind handler_select(js_State *, const char *method,
	    struct buf *allow);

/*
 * Calls the handler pushed with its this and nargs arguments, as
 * js_pcall does, and runs the request's event loop (jsloop.h) until no
 * callback is left.  A returned Promise or thenable is awaited.  Returns
 * 0 with the result on top, or -1 with what was thrown (or the rejection
 * reason) on top and *what saying how the handler failed, for the log.
 * It returns HANDLER_UNSETTLED instead of -1 when nothing was left to
 * settle a returned promise: fnpool's own error is on top, and the
 * client may be told so.  When work handed to ctx.waitUntil is still
 * unsettled (jsloop_waiting), the request is not ended: jsloop_finish
 * must run after its response.
 * fn and request_id name the request in log lines.
 */
#define HANDLER_UNSETTLED	(-2)
#define HANDLER_UNSETTLED_MSG	"The function's promise never settled"

int	 handler_call(js_State *, int nargs, const char *fn,
	    const char *request_id, const char **what);
/*
 * handler_call in two halves, around the loop (jsloop_run, or turns of
 * it for a worker with max_concurrent above 1).  handler_start calls the
 * handler: 0 with its value on top, 1 when it returned a thenable (now
 * awaited: nothing on top), -1 with the exception on top, or
 * HANDLER_NOLOOP when the loop could not begin (the exception on top,
 * the request ended: no loop, no handler_settle).  handler_settle, with
 * that and the loop's rc, returns as handler_call does.
 */
#define HANDLER_NOLOOP		(-3)
int	 handler_start(js_State *, int nargs, const char *fn,
	    const char *request_id, const char **what);
int	 handler_settle(js_State *, int rc, int looprc, const char **what);

#endif
