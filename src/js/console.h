/*
 * console: console.log/info/warn/error/debug for functions.  Each call
 * is one log line stamped with the pool, the function and the request
 * id of the call being made (call.h), so a function passes none of them.
 */
#ifndef FNPOOL_CONSOLE_H
#define FNPOOL_CONSOLE_H

#include <mujs.h>

#include "core/buf.h"

#define CONSOLE_LINE_MAX	4096	/* bytes of message per log line */

/* Defines the global console object in J. */
void	 console_define(js_State *);
/*
 * Appends a readable form of the value at idx: strings as they are,
 * objects and arrays as JSON with "[Circular]" for cycles.
 */
void	 console_inspect(js_State *, int idx, struct buf *out);

#endif
