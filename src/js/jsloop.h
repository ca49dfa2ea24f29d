/*
 * jsloop: Promise, microtasks and timers for MuJS states, and the event
 * loop that runs them while a request is served (docs/functions.md,
 * "Async handlers and timers").
 *
 * A state's microtask queue lives in the state (module code may queue
 * jobs; they run before its first request's handler).  Timers live in
 * the runtime, in the loop of the call every state reaches (call.h), and
 * belong to the request being served: outside a request (module code,
 * init) and after the loop has ended, setTimeout and setImmediate log
 * and drop the timer.
 */
#ifndef FNPOOL_JSLOOP_H
#define FNPOOL_JSLOOP_H

#include <stdint.h>

#include <mujs.h>

struct jsloop;

/* The loop of a runtime's call (call.h), and its end. */
struct jsloop	*jsloop_new(void);
void		 jsloop_free(struct jsloop *);

/*
 * Defines Promise, AggregateError, queueMicrotask, setTimeout,
 * clearTimeout, setInterval, clearInterval, setImmediate and
 * clearImmediate in a new state, whose
 * context (js_setcontext) must be a struct call with its loop.  Returns
 * 0, or -1 when MuJS ran out of memory (the budget records it).
 */
int	 jsloop_install(js_State *);

/*
 * Starts serving a request on J: timers may be queued from here on, and
 * the microtasks module code left behind run now.  Returns 0, or -1 with
 * the exception of a job that threw on the stack.
 */
int	 jsloop_begin(js_State *, const char *fn, const char *request_id);
/*
 * With a value on top that is a thenable: subscribes to its outcome as
 * `await` does, and pops it.  Returns 0, or -1 with an exception on top
 * (its `then` getter threw).
 */
int	 jsloop_await(js_State *);
/*
 * Runs microtasks and timers until none is left, sleeping until each
 * timer is due.  Returns 0, or -1 with the exception of the callback that
 * threw on top (*what says which kind); the other callbacks are dropped.
 */
int	 jsloop_run(js_State *, const char **what);
/*
 * After jsloop_run: JSLOOP_FULFILLED or JSLOOP_REJECTED pushes the
 * awaited outcome; JSLOOP_PENDING pushes nothing.
 */
enum jsloop_outcome { JSLOOP_PENDING, JSLOOP_FULFILLED, JSLOOP_REJECTED };
enum jsloop_outcome jsloop_outcome(js_State *);
/*
 * Ends the request: logs and drops what is left (timers, jobs) and the
 * rejections no handler saw.  Timers and jobs queued after this are
 * dropped with a log line until the next jsloop_begin.
 */
void	 jsloop_end(js_State *);

/*
 * I/O the loop waits on beside its timers: fetch's transfers
 * (js/builtin/fetch_curl.c), fnpool:db's PostgreSQL queries
 * (js/builtin/db_async.c).  While a source's busy() is nonzero the loop
 * goes on.  When no immediate is queued and no timer is due, the loop
 * calls one busy source's wait() with the due time of its next timer
 * (CLOCK_MONOTONIC ms; 0 when an immediate waits, INT64_MAX without
 * timers) instead of sleeping, and the descriptors the other busy
 * sources lend (fds()) to watch too; wait() returns when I/O was ready
 * or that time came, having settled what finished (queued jobs), with
 * 0, or -1 with an exception on top.  Then each other busy source's
 * wait() runs with due 0, which must not block.  The one that waits is
 * a source without fds() (curl keeps its own), else the first busy one;
 * at most one source may lack fds().  jsloop_end calls every end(): what
 * is still in flight is cancelled.  A runtime's loop has up to
 * JSLOOP_IO_MAX; jsloop_io attaches one (again: no-op).
 */
#define JSLOOP_IO_MAX	4
#define JSLOOP_IO_FDS	64	/* descriptors lent to the waiting source */
struct pollfd;
struct jsloop_io {
	int	(*busy)(void);
	int	(*wait)(js_State *, int64_t due, const struct pollfd *also,
		    int nalso);
	void	(*end)(js_State *);
	/* Up to max descriptors it waits on, in pfd: how many; or NULL. */
	int	(*fds)(struct pollfd *pfd, int max);
	const char *what;	/* when wait() fails: "a fetch callback threw" */
};
void	 jsloop_io(js_State *, const struct jsloop_io *);
/* Is a request's loop running on J, so that I/O may start? */
int	 jsloop_running(js_State *);

/*
 * ctx.waitUntil(promise), a native of ctx (ctx.c): the request's loop
 * then stops once the handler's value is settled, so that the response
 * goes first, and jsloop_finish runs the rest.
 */
void	 jsloop_waituntil(js_State *);
/* Was work handed to ctx.waitUntil still unsettled when jsloop_run stopped? */
int	 jsloop_waiting(const struct jsloop *);
/*
 * After the response: runs the loop until the ctx.waitUntil promises
 * settle (or nothing is left to settle them), logs a callback that threw,
 * and ends the request as jsloop_end does.
 */
void	 jsloop_finish(js_State *);

#endif
