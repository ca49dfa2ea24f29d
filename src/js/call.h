/*
 * call: what the natives of a runtime's MuJS states see of the call being
 * made -- a request's handler, or a function's module code at preload --
 * reached from any state with js_getcontext(J).  runtime.c owns it (one
 * per runtime, set on each state it makes) and fills the request's part
 * for each call; ctx.c, console.c and jsloop.c read it and keep their
 * own state in it.
 */
#ifndef FNPOOL_CALL_H
#define FNPOOL_CALL_H

#include <stdint.h>

#include <mujs.h>

#include "core/config.h"
#include "http/request.h"
#include "http/router.h"

struct jsloop;

struct call {
	/* the call being made; all NULL between calls */
	const struct pool_config *pool;
	const struct request	*req;		/* NULL at preload */
	const struct route	*route;
	const char		*function;	/* "api/users" */
	const char		*request_id;	/* req's, or "preload" */
	/* ctx.c: the request's ctx (0: none) and whether it used .response */
	uintptr_t		 ctx_serial;
	int			 response_used;

	/* kept from one call to the next */
	uintptr_t		 ctx_last;	/* ctx.c: the last serial given */
	struct jsloop		*loop;		/* jsloop.c: timers, outcome */
	void			(*waituntil)(js_State *);	/* ctx.waitUntil:
					   jsloop.c's, which ctx.c cannot
					   include (jsloop uses reply, ctx) */
};

#endif
