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

/*
 * The loop of a call (call.h), and its end.  owner is what jsloop_owner
 * returns while the loop is the call's: the request in flight it serves
 * (runtime.c), NULL for a runtime's one loop at max_concurrent = 1.
 */
struct jsloop	*jsloop_new(void *owner);
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
 * Promise's enqueue (promise.h): queues the function at -argc-1 with the
 * argc values above it as a microtask, and pops them.
 */
void	 jsloop_enqueue(js_State *, int argc);
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
/*
 * One turn of jsloop_run without its wait, for a worker that drives
 * several requests (max_concurrent): 1 when the loop is done, 0 when it
 * waits, *due being when its next timer is (CLOCK_MONOTONIC ms; 0: an
 * immediate waits; INT64_MAX: none), or -1 as jsloop_run.
 */
int	 jsloop_turn(js_State *, const char **what, int64_t *due);
/* When the loop's next timer is due, as jsloop_turn's *due. */
int64_t	 jsloop_due(const struct jsloop *);
/* The owner given to jsloop_new. */
void	*jsloop_owner(const struct jsloop *);
enum jsloop_outcome jsloop_outcome(js_State *);
/*
 * Ends the request: logs and drops what is left (timers, jobs) and the
 * rejections no handler saw.  Timers and jobs queued after this are
 * dropped with a log line until the next jsloop_begin.
 */
void	 jsloop_end(js_State *);

/*
 * I/O sources the loop waits on beside its timers: fetch's transfers
 * (js/builtin/fetch_curl.c), fnpool:db's PostgreSQL statements
 * (js/builtin/db_async.c).  A source's operations each belong to the
 * loop that started them; busy(L) says whether L has one in flight
 * (busy(NULL): whether any loop has).  While one of its sources is busy
 * the loop goes on.  A source either lends the descriptors it waits on
 * (fds(), for every loop's operations) or keeps its own (fds NULL: curl);
 * at most one source keeps its own.
 *
 * One request per worker (max_concurrent = 1): when no immediate is
 * queued and no timer is due, the loop calls one busy source's wait()
 * with the due time of its next timer (CLOCK_MONOTONIC ms; 0 when an
 * immediate waits, INT64_MAX without timers) instead of sleeping, and
 * the descriptors the other busy sources lend to watch too; wait()
 * returns when I/O was ready or that time came, having settled what
 * finished (queued jobs), with 0, or -1 with an exception on top.  Then
 * each other busy source's wait() runs with due 0, which must not block.
 * The one that waits is the source that keeps its own descriptors, else
 * the first busy one.
 *
 * Several (max_concurrent above 1, worker/inflight.c): the worker waits
 * instead, on every source's descriptors and its own (jsloop_poll), and
 * hands each operation that finished or moved on (next(): its state, its
 * loop, a token) to the runtime, which enters the owner's call and runs
 * deliver(token) there (runtime_io); deliver returns 0, or -1 with an
 * exception on top.  poll() is the waiting of a source that keeps its
 * own descriptors: it waits on them and on also's until due, setting
 * their revents, and moves its operations on; -1 when it failed (logged).
 *
 * jsloop_end calls every end(): what is still in flight for the ending
 * loop is cancelled.  A loop has up to JSLOOP_IO_MAX sources; jsloop_io
 * attaches one (again: no-op).
 */
#define JSLOOP_IO_MAX	4
#define JSLOOP_IO_FDS	64	/* descriptors lent to the waiting source */
#define JSLOOP_POLL_FDS	1024	/* and to the worker's wait (jsloop_poll),
				   beside its own */
struct pollfd;
struct jsloop_io {
	const char *what;	/* when wait() fails: "a fetch callback threw" */
	int	(*busy)(const struct jsloop *);
	int	(*wait)(js_State *, int64_t due, const struct pollfd *also,
		    int nalso);
	void	(*end)(js_State *);
	/* Up to max descriptors it waits on, in pfd: how many; or NULL. */
	int	(*fds)(struct pollfd *pfd, int max);
	int	(*poll)(struct pollfd *also, int nalso, int64_t due);
	int	(*next)(js_State **, const struct jsloop **, void **token);
	int	(*deliver)(void *token);
};
void	 jsloop_io(js_State *, const struct jsloop_io *);
/*
 * For a worker with max_concurrent above 1.  jsloop_live: is any
 * source's operation in flight?  jsloop_poll: waits on every busy
 * source's descriptors and on fd until due at the latest (INT64_MAX: no
 * limit), moving the operations on; returns 1 when fd is readable, else
 * 0.  jsloop_next: an operation of any source that finished or moved on,
 * with its state, its loop and the source that delivers it; 0 when none.
 */
int	 jsloop_live(void);
int	 jsloop_poll(int fd, int64_t due);
int	 jsloop_next(js_State **, const struct jsloop **, void **token,
	    const struct jsloop_io **);
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
/*
 * jsloop_finish in two halves, for a worker that drives the loop by
 * turns: jsloop_background marks the response out; jsloop_finished,
 * with the last turn's rc and what, logs a callback that threw and ends
 * the request.
 */
void	 jsloop_background(js_State *);
void	 jsloop_finished(js_State *, int rc, const char *what);

#endif
