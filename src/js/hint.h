/*
 * hint: one line that says what to do about an error fnpool can
 * recognise: ES2015+ syntax MuJS (ES5) cannot parse, an ES module, a
 * handler written for Express.  The hint rides on the error object (a
 * "hint" property, not enumerable) from where it is found to where the
 * error is logged and, under expose_errors, sent.
 */
#ifndef FNPOOL_HINT_H
#define FNPOOL_HINT_H

#include <mujs.h>

#define HINT_ES5	"fnpool runs ES5; see docs/javascript.md for " \
			"compiling modern JavaScript"
#define HINT_ESM	"this file is an ES module (import/export); fnpool " \
			"loads CommonJS (see docs/javascript.md)"
#define HINT_EXPRESS	"the handler takes (req, res) as in Express; fnpool " \
			"calls it with one argument, ctx, and sends what it " \
			"returns: return the body and set ctx.response.status " \
			"and ctx.response.headers (see docs/functions.md)"

/*
 * With a compile error on top and src the text compiled: when the line
 * the error names holds ES2015+ syntax, sets the hint.
 */
void		 hint_syntax(js_State *, const char *src);

/*
 * With the error a handler threw on top and the handler at idx: a
 * TypeError from a handler declared (req, res) gets HINT_EXPRESS.
 */
void		 hint_handler(js_State *, int idx);

/* The hint of the error at idx, or NULL. */
const char	*hint_get(js_State *, int idx);

#endif
