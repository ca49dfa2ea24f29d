/*
 * runtime: MuJS states.  Each function (entry module) gets its own state,
 * created on its first request and kept, so module-level code runs once
 * per worker and one function's globals never leak into another's.
 */
#ifndef FNPOOL_RUNTIME_H
#define FNPOOL_RUNTIME_H

#include <stdint.h>

#include "core/config.h"
#include "http/request.h"
#include "core/response.h"
#include "http/router.h"

struct runtime;

/* router gives the functions root; it must outlive the runtime. */
struct runtime	*runtime_new(const struct pool_config *, const struct router *);
void		 runtime_free(struct runtime *);
/* Drops every kept state (files changed); returns how many. */
int		 runtime_drop_all(struct runtime *);
/*
 * Called around the loading of each function at preload: with loading 1
 * before its module code runs, and 0 after (serve.c arms request_timeout
 * with it).
 */
typedef void	 runtime_guard(const char *function, int loading, void *arg);
/* Loads every routable function (preload = on); returns how many loaded. */
int		 runtime_preload(struct runtime *, runtime_guard *, void *arg);
/*
 * Loads route's function and everything its module code requires, and
 * runs its init hook, as preload does, keeping no state of its own
 * (fnpool check).  Returns NULL, or why it failed on one line, valid
 * until the next call.
 */
const char	*runtime_check(struct runtime *, const struct route *);
/*
 * Runs the function of route for req; always fills res.  While it runs,
 * the natives of every state see req in the call (call.h).
 */
void		 runtime_handle(struct runtime *, const struct route *,
		    const struct request *, struct response *);

/*
 * After runtime_handle, whose function handed work to ctx.waitUntil
 * (runtime_finishing): runs that work to its end once the response is
 * out, with req and the route still alive.
 */
int		 runtime_finishing(const struct runtime *);
void		 runtime_finish(struct runtime *);

/*
 * max_concurrent above 1 (worker/inflight.c): runtime_handle in steps,
 * one request's callbacks at a time.  runtime_start runs the handler and
 * one turn of its loop.  It returns NULL when that answered (res filled,
 * as runtime_handle fills it), or the request in flight, which waits on
 * its timers (runtime_due: CLOCK_MONOTONIC ms, 0 at once, INT64_MAX
 * none) and I/O (runtime_io: one finished operation of an I/O source,
 * a fetch or a database statement, handed to its request,
 * after before(rq, arg), which the caller then steps; NULL when none
 * finished).  runtime_step
 * runs what is due: RUNTIME_ANSWERED fills res while ctx.waitUntil work
 * goes on (runtime_answered: and runtime_start may have returned such a
 * request, res filled), RUNTIME_DONE fills res unless it was answered
 * before and frees the request.  runtime_cancel ends it unanswered (its
 * deadline): timers dropped, transfers cancelled, freed.  req and route
 * must live until the request is done.
 */
struct rtreq;
enum runtime_step { RUNTIME_WAITING, RUNTIME_ANSWERED, RUNTIME_DONE };
struct rtreq	*runtime_start(struct runtime *, const struct route *,
		    const struct request *, struct response *);
enum runtime_step runtime_step(struct runtime *, struct rtreq *,
		    struct response *);
int		 runtime_answered(const struct rtreq *);
int64_t		 runtime_due(const struct rtreq *);
/*
 * What it waits on, for the slow log: "fetch to HOST", "query on
 * database NAME", or "".
 */
void		 runtime_note(const struct rtreq *, char *note, size_t size);
struct rtreq	*runtime_io(struct runtime *,
		    void (*before)(struct rtreq *, void *), void *arg);
void		 runtime_cancel(struct runtime *, struct rtreq *);

/* Bytes held by the kept state of function name (0: none kept). */
size_t		 runtime_memory(const struct runtime *, const char *name);

#endif
