/*
 * handler: which exported function answers a request method.
 *   module.exports = function        -> every method
 *   exports.GET, exports.POST, ...   -> those methods (HEAD runs GET);
 *                                       others fall back to exports.default
 *                                       or exports.main, else 405 with Allow
 * OPTIONS is answered by fnpool (Allow, CORS preflight) unless the module
 * exports OPTIONS itself.
 */
#ifndef FNPOOL_HANDLER_H
#define FNPOOL_HANDLER_H

#include <mujs.h>

#include "buf.h"

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

#endif
