/*
 * jsloop: see jsloop.h.
 *
 * The loop is Node's, seen from an I/O callback, which is what a request
 * handler is: after the handler the microtasks run, then the immediates
 * queued so far (the check phase), then the timers due at that moment
 * (the timers phase, earliest first, ties in the order they were set),
 * with the microtasks drained after every callback.  When nothing is due
 * the worker sleeps until the next timer is, or waits on the I/O
 * sources (fetch, PostgreSQL) when they have work in flight.  With
 * max_concurrent above 1 the worker runs each request's loop by turns
 * (jsloop_turn) and does the waiting itself, on every source at once
 * (jsloop_poll, jsloop_next).  The request's timer
 * (timeout.c) keeps running meanwhile, so a request still waiting at
 * request_timeout ends in the same 504 as a busy one.
 *
 * Two things end a request's loop early, once the handler's value is
 * settled: work handed to ctx.waitUntil (the response goes, and
 * jsloop_finish runs the rest of the loop after it), and intervals being
 * all that is left (they would never end: jsloop_end clears them).
 *
 * Promise (promise.c, made in a state the first time it is used) queues
 * its jobs through jsloop_enqueue into the state's queue, a registry array of
 * (function, argc, arguments...) entries drained in batches so that a
 * long chain does not grow one array.
 * Timers are C records here plus their callback and arguments in a
 * registry object keyed by id.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "js/call.h"
#include "js/jsext.h"
#include "js/jsloop.h"
#include "core/log.h"
#include "js/promise.h"
#include "js/reply.h"

#define REG_JOBS	"fnpool.jobs"		/* the microtask queue */
#define REG_TIMERS	"fnpool.timers"		/* id -> [callback, args...] */
#define REG_SETTLED	"fnpool.settled."	/* + generation: the awaited
						   outcome */
#define REG_AWAIT	"fnpool.await"		/* the natives of adopt() */
#define SETTLED_KEY_MAX	48

enum await { AWAIT_HANDLER = 0, AWAIT_WAITUNTIL = 2 };	/* in REG_AWAIT */

#define TIMEOUT_MAX	2147483647.0	/* ms: as in Node, beyond it is 1 */

enum phase {
	LOADING,	/* module code, init: jobs wait, timers are dropped */
	RUNNING,	/* a request's loop */
	ENDED,		/* its response is being made: both are dropped */
};

struct timer {
	unsigned long	 id;
	int64_t		 due;		/* CLOCK_MONOTONIC ms */
	int64_t		 repeat;	/* setInterval's delay; 0: once */
	int		 immediate;
};

/*
 * A request's, in its call (call.h).  With max_concurrent = 1 a runtime
 * has one, which its requests take in turn; above, each request in
 * flight has its own (runtime.c), and the call is switched to it while
 * its callbacks run.  A timer's key in the state's registry carries the
 * loop's serial, so that loops sharing a state never meet there.
 */
struct jsloop {
	enum phase	 phase;
	unsigned long	 serial;	/* this loop's, for timer keys */
	struct jsloop	*next;		/* live loops, for settled() */
	void		*owner;		/* jsloop_owner's; NULL: the one */
	char		 fn[512], request_id[64];	/* for log lines */
	struct timer	*timers;	/* in the order they were set */
	size_t		 ntimers, cap;
	unsigned long	 last_id;
	unsigned long	 generation;	/* of the awaiting callbacks */
	int		 awaiting;	/* the handler returned a thenable */
	enum jsloop_outcome outcome;
	int		 waiting;	/* ctx.waitUntil promises unsettled */
	int		 background;	/* the response is out: jsloop_finish */
	const struct jsloop_io *io[JSLOOP_IO_MAX];	/* once used */
	int		 nio;
};

static struct jsloop *live;		/* every loop, newest first */
/* Every source attached to a loop so far, for jsloop_poll. */
static const struct jsloop_io *sources[JSLOOP_IO_MAX];
static int nsources;
static unsigned long serials;		/* the last loop's serial */
static unsigned long generations;	/* the last request's, worker-wide */

struct jsloop *
jsloop_new(void *owner)
{
	struct jsloop *L;

	if ((L = calloc(1, sizeof(*L))) == NULL)
		log_fatal("calloc");
	L->serial = ++serials;
	L->owner = owner;
	L->next = live;
	live = L;
	return L;
}

void
jsloop_free(struct jsloop *L)
{
	struct jsloop **pp;

	if (L == NULL)
		return;
	for (pp = &live; *pp != NULL; pp = &(*pp)->next)
		if (*pp == L) {
			*pp = L->next;
			break;
		}
	free(L->timers);
	free(L);
}

/*
 * The loop of the request gen (a generation), which a callback made for
 * it names: usually the current one, but a promise shared by requests
 * may settle in another's turn.  NULL once that request is over.
 */
static struct jsloop *
loop_by_generation(js_State *J, unsigned long gen)
{
	const struct call *c = js_getcontext(J);
	struct jsloop *L;

	if (c->loop->generation == gen)
		return c->loop;
	for (L = live; L != NULL; L = L->next)
		if (L->generation == gen)
			return L;
	return NULL;
}

static struct jsloop *
loop_of(js_State *J)
{
	const struct call *c = js_getcontext(J);

	return c->loop;
}

static int64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/*
 * Timers count whole milliseconds, as libuv does for Node's, so that
 * timers set within the same millisecond with the same delay are due
 * together.  Due times round up: no timer runs before its delay.
 */
static int64_t
now_ms(void)
{
	return now_ns() / 1000000;
}

/* The JavaScript location that called the running native, for logs. */
static void
caller(js_State *J, char *where, size_t size)
{
	const char *trace, *at, *end;

	snprintf(where, size, "unknown location");
	js_newerror(J, "");
	if (!jsext_pushtrace(J, -1))
		js_pushundefined(J);
	trace = js_isstring(J, -1) ? js_tostring(J, -1) : "";
	/* the first frame is the native itself */
	if ((at = strstr(trace, "\n\tat ")) != NULL &&
	    (at = strstr(at + 1, "\n\tat ")) != NULL) {
		at += strlen("\n\tat ");
		end = strchr(at, '\n');
		snprintf(where, size, "%.*s", end != NULL ? (int)(end - at) :
		    (int)strlen(at), at);
	}
	js_pop(J, 2);
}

static void
log_dropped(js_State *J, const struct jsloop *L, const char *what)
{
	char where[256];

	caller(J, where, sizeof(where));
	if (L->phase == LOADING)
		log_warn("%s outside a request (module code or init) is "
		    "dropped: timers run only while a request is served "
		    "(at %s)", what, where);
	else
		log_warn("%s: %s after the response of request %s was "
		    "made is dropped (at %s)", L->fn, what, L->request_id, where);
}

/* ---- microtasks ------------------------------------------------------ */

/*
 * Queues the function at -argc-1 with the argc values above it, popping
 * them: an entry of the queue is the function, argc, then the values.
 */
static void
jobs_add(js_State *J, int argc, const char *what)
{
	struct jsloop *L = loop_of(J);
	int n, i;

	if (L->phase == ENDED) {
		log_dropped(J, L, what);
		js_pop(J, argc + 1);
		return;
	}
	js_getregistry(J, REG_JOBS);
	n = js_getlength(J, -1);
	js_copy(J, -argc - 2);
	js_setindex(J, -2, n++);
	js_pushnumber(J, argc);
	js_setindex(J, -2, n++);
	for (i = argc; i > 0; i--) {
		js_copy(J, -i - 1);
		js_setindex(J, -2, n++);
	}
	js_pop(J, argc + 2);
}

/* How many jobs are queued. */
static int
jobs_count(js_State *J)
{
	int i, jobs = 0;

	js_getregistry(J, REG_JOBS);
	for (i = 0; js_hasindex(J, -1, i + 1); jobs++) {	/* its argc */
		i += 2 + js_tointeger(J, -1);
		js_pop(J, 1);
	}
	js_pop(J, 1);
	return jobs;
}

void
jsloop_enqueue(js_State *J, int argc)
{
	jobs_add(J, argc, "a promise reaction");
}

static void
jsloop_queuemicrotask(js_State *J)
{
	if (!js_iscallable(J, 1))
		js_typeerror(J, "queueMicrotask: the callback must be a "
		    "function");
	js_copy(J, 1);
	jobs_add(J, 0, "queueMicrotask");
	js_pushundefined(J);
}

/*
 * Runs the queued jobs, and those they queue, until none is left.
 * Returns 0, or -1 with the exception of a job that threw on top.
 */
static int
jobs_drain(js_State *J, const char **what)
{
	int q, i, k, n, argc = 0;

	for (;;) {
		/* js_getlength costs several times what js_hasindex does */
		js_getregistry(J, REG_JOBS);
		if (!js_hasindex(J, -1, 0)) {
			js_pop(J, 1);
			return 0;
		}
		js_pop(J, 1);
		n = js_getlength(J, -1);
		js_newarray(J);
		js_setregistry(J, REG_JOBS);
		q = js_gettop(J) - 1;
		for (i = 0; i < n; i += 2 + argc) {
			js_getindex(J, q, i);
			js_pushundefined(J);
			js_getindex(J, q, i + 1);
			argc = js_tointeger(J, -1);
			js_pop(J, 1);
			for (k = 0; k < argc; k++)
				js_getindex(J, q, i + 2 + k);
			if (js_pcall(J, argc) != 0) {
				js_rot2pop1(J);
				*what = "a queueMicrotask callback threw";
				return -1;
			}
			js_pop(J, 1);
		}
		js_pop(J, 1);
	}
}

/* ---- timers ---------------------------------------------------------- */

static void
timer_key(const struct jsloop *L, unsigned long id, char *key, size_t size)
{
	snprintf(key, size, "%lu.%lu", L->serial, id);
}

/*
 * setTimeout(cb, delay, ...args), setInterval (repeat) and
 * setImmediate(cb, ...args).
 */
static void
timer_new(js_State *J, int immediate, int repeat, const char *name)
{
	int top = js_gettop(J), first = immediate ? 2 : 3, i;
	struct jsloop *L = loop_of(J);
	double delay = 0;
	struct timer *t;
	char key[48];

	if (!js_iscallable(J, 1))
		js_typeerror(J, "%s: the callback must be a function", name);
	if (!immediate) {
		delay = floor(js_tonumber(J, 2));
		if (!(delay >= 1 && delay <= TIMEOUT_MAX))
			delay = 1;
	}
	L->last_id++;
	if (L->phase != RUNNING) {
		log_dropped(J, L, name);
		js_pushnumber(J, (double)L->last_id);
		return;
	}
	if (L->ntimers == L->cap) {
		size_t cap = L->cap == 0 ? 16 : L->cap * 2;

		if ((t = realloc(L->timers, cap * sizeof(*t))) == NULL)
			js_error(J, "%s: out of memory", name);
		L->timers = t;
		L->cap = cap;
	}
	timer_key(L, L->last_id, key, sizeof(key));
	js_getregistry(J, REG_TIMERS);
	js_newarray(J);
	js_copy(J, 1);
	js_setindex(J, -2, 0);
	for (i = first; i < top; i++) {
		js_copy(J, i);
		js_setindex(J, -2, i - first + 1);
	}
	js_setproperty(J, -2, key);
	js_pop(J, 1);
	t = &L->timers[L->ntimers++];
	t->id = L->last_id;
	t->immediate = immediate;
	t->repeat = repeat ? (int64_t)delay : 0;
	t->due = immediate ? 0 :
	    (now_ns() + (int64_t)delay * 1000000 + 999999) / 1000000;
	js_pushnumber(J, (double)t->id);
}

static void
jsloop_settimeout(js_State *J)
{
	timer_new(J, 0, 0, "setTimeout");
}

static void
jsloop_setinterval(js_State *J)
{
	timer_new(J, 0, 1, "setInterval");
}

static void
jsloop_setimmediate(js_State *J)
{
	timer_new(J, 1, 0, "setImmediate");
}

/* Forgets the timer at index i; its callback stays in the registry. */
static void
timer_remove(struct jsloop *L, size_t i)
{
	memmove(&L->timers[i], &L->timers[i + 1],
	    (L->ntimers - i - 1) * sizeof(L->timers[0]));
	L->ntimers--;
}

static void
timer_clear(js_State *J, int immediate)
{
	struct jsloop *L = loop_of(J);
	char key[48];
	double id;
	size_t i;

	if (!js_isnumber(J, 1))
		goto done;
	id = js_tonumber(J, 1);
	for (i = 0; i < L->ntimers; i++) {
		if ((double)L->timers[i].id != id ||
		    L->timers[i].immediate != immediate)
			continue;
		timer_key(L, L->timers[i].id, key, sizeof(key));
		timer_remove(L, i);
		js_getregistry(J, REG_TIMERS);
		js_delproperty(J, -1, key);
		js_pop(J, 1);
		break;
	}
done:
	js_pushundefined(J);
}

static void
jsloop_cleartimeout(js_State *J)
{
	timer_clear(J, 0);
}

static void
jsloop_clearimmediate(js_State *J)
{
	timer_clear(J, 1);
}

/*
 * Takes the timer at index i off the list (an interval stays, due again
 * a period from now, so that its callback may clear it) and calls its
 * callback, then the microtasks.  Returns 0, or -1 with an exception on
 * top.
 */
static int
timer_run(js_State *J, struct jsloop *L, size_t i, const char **what)
{
	int arr, n, k, immediate = L->timers[i].immediate;
	int64_t repeat = L->timers[i].repeat;
	char key[48];

	timer_key(L, L->timers[i].id, key, sizeof(key));
	js_getregistry(J, REG_TIMERS);
	js_getproperty(J, -1, key);
	if (repeat > 0)
		L->timers[i].due = now_ms() + repeat;
	else {
		timer_remove(L, i);
		js_delproperty(J, -2, key);
	}
	js_rot2pop1(J);
	arr = js_gettop(J) - 1;
	n = js_getlength(J, arr);
	js_getindex(J, arr, 0);
	js_pushundefined(J);
	for (k = 1; k < n; k++)
		js_getindex(J, arr, k);
	if (js_pcall(J, n - 1) != 0) {
		js_rot2pop1(J);
		*what = immediate ? "a setImmediate callback threw" :
		    repeat > 0 ? "a setInterval callback threw" :
		    "a setTimeout callback threw";
		return -1;
	}
	js_pop(J, 2);
	return jobs_drain(J, what);
}

/* The first immediate set up to id last; -1 when there is none. */
static long
next_immediate(const struct jsloop *L, unsigned long last)
{
	size_t i;

	for (i = 0; i < L->ntimers; i++)
		if (L->timers[i].immediate && L->timers[i].id <= last)
			return (long)i;
	return -1;
}

/*
 * The timer due first (ties: set first) if it is due at now, else -1;
 * *due gets its due time (INT64_MAX without timers).
 */
static long
next_timer(const struct jsloop *L, int64_t now, int64_t *due)
{
	long best = -1;
	size_t i;

	for (i = 0; i < L->ntimers; i++)
		if (!L->timers[i].immediate &&
		    (best == -1 || L->timers[i].due < L->timers[best].due))
			best = (long)i;
	*due = best == -1 ? INT64_MAX : L->timers[best].due;
	return best != -1 && *due <= now ? best : -1;
}

static void
sleep_until(int64_t due)
{
	struct timespec ts;

	ts.tv_sec = due / 1000;
	ts.tv_nsec = due % 1000 * 1000000;
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts,
	    NULL) == EINTR)
		;
}

static int
io_busy(const struct jsloop *L)
{
	int i;

	for (i = 0; i < L->nio; i++)
		if (L->io[i]->busy(L))
			return 1;
	return 0;
}

/*
 * The poll phase: one busy source waits, watching the descriptors the
 * others lend; then the others read what came, without blocking.
 */
static int
io_wait(js_State *J, const struct jsloop *L, int64_t due, const char **what)
{
	const struct jsloop_io *waiter = NULL, *s;
	struct pollfd also[JSLOOP_IO_FDS];
	int i, n = 0;

	for (i = 0; i < L->nio; i++)
		if (L->io[i]->busy(L) && (waiter == NULL ||
		    (waiter->fds != NULL && L->io[i]->fds == NULL)))
			waiter = L->io[i];
	for (i = 0; i < L->nio; i++) {
		s = L->io[i];
		if (s != waiter && s->fds != NULL && s->busy(L))
			n += s->fds(also + n, JSLOOP_IO_FDS - n);
	}
	if (waiter->wait(J, due, also, n) == -1) {
		*what = waiter->what;
		return -1;
	}
	for (i = 0; i < L->nio; i++) {
		s = L->io[i];
		if (s != waiter && s->busy(L) && s->wait(J, 0, NULL, 0) == -1) {
			*what = s->what;
			return -1;
		}
	}
	return 0;
}

/*
 * Whether the loop stops, its microtasks drained.  Without callbacks
 * left, always.  Once the handler's value is settled: at once if it gave
 * ctx.waitUntil work (the response goes, the rest runs after it in
 * jsloop_finish), and when only intervals are left (they would never
 * end).  After the response: when the waitUntil promises have settled.
 */
static int
loop_done(const struct jsloop *L)
{
	int io = io_busy(L);
	size_t i;

	if (L->ntimers == 0 && !io)
		return 1;
	if (L->background)
		return L->waiting == 0;
	if (L->awaiting && L->outcome == JSLOOP_PENDING)
		return 0;
	if (L->waiting > 0)
		return 1;
	for (i = 0; i < L->ntimers; i++)
		if (L->timers[i].repeat == 0)
			return 0;
	return !io;
}

/*
 * One turn of the loop: the microtasks, then the immediates queued so
 * far, then the timers due now.  Returns 1 when the loop is done, 0 when
 * it waits (*due: for the next timer, 0 when an immediate waits,
 * INT64_MAX without timers), or -1 with the exception on top.
 */
static inline int
turn(js_State *J, struct jsloop *L, const char **what, int64_t *due)
{
	unsigned long last;
	int64_t now;
	long i;

	if (jobs_drain(J, what) == -1)
		return -1;
	if (loop_done(L))
		return 1;
	last = L->last_id;
	while ((i = next_immediate(L, last)) != -1)
		if (timer_run(J, L, (size_t)i, what) == -1)
			return -1;
	now = now_ms();
	while ((i = next_timer(L, now, due)) != -1)
		if (timer_run(J, L, (size_t)i, what) == -1)
			return -1;
	if (loop_done(L))	/* not another sleep */
		return 1;
	if (next_immediate(L, ULONG_MAX) != -1)
		*due = 0;
	return 0;
}

static int
loop(js_State *J, const char **what)
{
	struct jsloop *L = loop_of(J);
	int64_t due;
	int rc;

	for (;;) {
		if ((rc = turn(J, L, what, &due)) != 0)
			return rc == 1 ? 0 : -1;
		if (io_busy(L)) {
			/* the poll phase: I/O, or until the next timer */
			if (io_wait(J, L, due, what) == -1)
				return -1;
		} else if (due != 0 && L->ntimers > 0 && due > now_ms())
			sleep_until(due);
	}
}

int
jsloop_turn(js_State *J, const char **what, int64_t *due)
{
	int rc;

	if (js_try(J)) {
		*what = "the event loop failed";
		return -1;
	}
	rc = turn(J, loop_of(J), what, due);
	js_endtry(J);
	return rc;
}

int64_t
jsloop_due(const struct jsloop *L)
{
	int64_t due;

	if (next_immediate(L, ULONG_MAX) != -1)
		return 0;
	(void)next_timer(L, INT64_MIN, &due);
	return due;
}

void *
jsloop_owner(const struct jsloop *L)
{
	return L->owner;
}

int
jsloop_run(js_State *J, const char **what)
{
	int rc;

	if (js_try(J)) {
		*what = "the event loop failed";
		return -1;
	}
	rc = loop(J, what);
	js_endtry(J);
	return rc;
}

/* ---- Promise ----------------------------------------------------------- */

/*
 * The global Promise and AggregateError start as accessors.  Reading one
 * compiles promise.js and turns that global into a plain property;
 * assigning it first (a library of its own) just replaces it.
 */
static void
jsloop_lazy_get(js_State *J)
{
	const char *name = js_currentfunctiondata(J);

	promise_push(J, jsloop_enqueue);
	js_getproperty(J, -1, name);
	js_delglobal(J, name);
	js_copy(J, -1);
	js_defglobal(J, name, JS_DONTENUM);
}

static void
jsloop_lazy_set(js_State *J)
{
	const char *name = js_currentfunctiondata(J);

	js_delglobal(J, name);
	js_copy(J, 1);
	js_defglobal(J, name, JS_DONTENUM);
	js_pushundefined(J);
}

static void
lazy_global(js_State *J, const char *name)
{
	js_pushglobal(J);
	js_newcfunctionx(J, jsloop_lazy_get, name, 0, (void *)name, NULL);
	js_newcfunctionx(J, jsloop_lazy_set, name, 1, (void *)name, NULL);
	js_defaccessor(J, -3, name, JS_DONTENUM);
	js_pop(J, 1);
}

/* ---- awaiting the handler's value ------------------------------------- */

/* REG_SETTLED and the generation; snprintf would cost a tenth of an await. */
static void
settled_key(const struct jsloop *L, char key[SETTLED_KEY_MAX])
{
	char digits[24];
	unsigned long gen = L->generation;
	size_t n = 0, len = strlen(REG_SETTLED);

	do
		digits[n++] = (char)('0' + gen % 10);
	while ((gen /= 10) > 0);
	memcpy(key, REG_SETTLED, len);
	while (n > 0)
		key[len++] = digits[--n];
	key[len] = '\0';
}

/* An await's handlers get the outcome, then the generation (the token). */
static void
settled(js_State *J, enum jsloop_outcome outcome)
{
	struct jsloop *L = loop_by_generation(J,
	    (unsigned long)js_tonumber(J, 2));
	char key[SETTLED_KEY_MAX];

	if (L != NULL && L->outcome == JSLOOP_PENDING) {
		L->outcome = outcome;
		settled_key(L, key);
		js_copy(J, 1);
		js_setregistry(J, key);
	}
	js_pushundefined(J);
}

static void
jsloop_on_fulfilled(js_State *J)
{
	settled(J, JSLOOP_FULFILLED);
}

static void
jsloop_on_rejected(js_State *J)
{
	settled(J, JSLOOP_REJECTED);
}

static void jsloop_waited(js_State *);
static void jsloop_waited_rejected(js_State *);

/*
 * Subscribes a pair of natives to the outcome of the value at idx, as
 * `await` does (promise_adopt), with the request's generation as their
 * token: the handler's pair, or ctx.waitUntil's.  The natives are made
 * once per state.
 */
static void
adopt(js_State *J, int idx, enum await which, unsigned long generation)
{
	static const js_CFunction natives[] = { jsloop_on_fulfilled,
	    jsloop_on_rejected, jsloop_waited, jsloop_waited_rejected };
	int i;

	js_copy(J, idx);
	js_getregistry(J, REG_AWAIT);
	if (!js_isarray(J, -1)) {
		js_pop(J, 1);
		js_newarray(J);
		for (i = 0; i < 4; i++) {
			js_newcfunction(J, natives[i], "", 2);
			js_setindex(J, -2, i);
		}
		js_copy(J, -1);
		js_setregistry(J, REG_AWAIT);
	}
	js_getindex(J, -1, which);
	js_getindex(J, -2, which + 1);
	js_remove(J, -3);
	js_pushnumber(J, (double)generation);
	promise_adopt(J, jsloop_enqueue);
}

int
jsloop_await(js_State *J)
{
	int value = js_gettop(J) - 1, thenable;
	const struct jsloop *L = loop_of(J);

	if (js_try(J)) {
		js_rot2pop1(J);
		return -1;
	}
	thenable = 0;
	if (js_isobject(J, value) || js_iscallable(J, value)) {
		js_getproperty(J, value, "then");
		thenable = js_iscallable(J, -1);
		js_pop(J, 1);
	}
	if (thenable) {
		loop_of(J)->awaiting = 1;
		adopt(J, value, AWAIT_HANDLER, L->generation);
		js_pop(J, 1);
	}
	js_endtry(J);
	return thenable;
}

enum jsloop_outcome
jsloop_outcome(js_State *J)
{
	const struct jsloop *L = loop_of(J);
	char key[SETTLED_KEY_MAX];

	if (L->outcome != JSLOOP_PENDING) {
		settled_key(L, key);
		js_getregistry(J, key);
		js_delregistry(J, key);
	}
	return L->outcome;
}

int
jsloop_install(js_State *J)
{
	static const struct {
		const char	*name;
		js_CFunction	 fn;
		int		 length;
	} natives[] = {
		{ "queueMicrotask", jsloop_queuemicrotask, 1 },
		{ "setTimeout", jsloop_settimeout, 2 },
		{ "clearTimeout", jsloop_cleartimeout, 1 },
		{ "setInterval", jsloop_setinterval, 2 },
		{ "clearInterval", jsloop_cleartimeout, 1 },
		{ "setImmediate", jsloop_setimmediate, 1 },
		{ "clearImmediate", jsloop_clearimmediate, 1 },
	};
	size_t i;

	loop_of(J)->phase = LOADING;
	if (js_try(J)) {
		js_pop(J, 1);
		return -1;
	}
	js_newarray(J);
	js_setregistry(J, REG_JOBS);
	js_newobject(J);
	js_setregistry(J, REG_TIMERS);
	for (i = 0; i < sizeof(natives) / sizeof(natives[0]); i++) {
		js_newcfunction(J, natives[i].fn, natives[i].name,
		    natives[i].length);
		js_defglobal(J, natives[i].name, JS_DONTENUM);
	}
	lazy_global(J, "Promise");
	lazy_global(J, "AggregateError");
	js_endtry(J);
	return 0;
}

/* ---- I/O ---------------------------------------------------------------- */

void
jsloop_io(js_State *J, const struct jsloop_io *io)
{
	struct jsloop *L = loop_of(J);
	int i;

	for (i = 0; i < L->nio; i++)
		if (L->io[i] == io)
			return;
	if (L->nio == JSLOOP_IO_MAX)
		log_fatal("jsloop_io: more than %d I/O sources", JSLOOP_IO_MAX);
	L->io[L->nio++] = io;
	for (i = 0; i < nsources; i++)
		if (sources[i] == io)
			return;
	sources[nsources++] = io;
}

int
jsloop_live(void)
{
	int i;

	for (i = 0; i < nsources; i++)
		if (sources[i]->busy(NULL))
			return 1;
	return 0;
}

/*
 * The worker's wait (max_concurrent above 1): the source that keeps its
 * own descriptors waits, watching fd and those the others lend; without
 * one busy, poll() does.
 */
int
jsloop_poll(int fd, int64_t due)
{
	const struct jsloop_io *waiter = NULL;
	struct pollfd pfd[JSLOOP_POLL_FDS + 1];
	int64_t wait;
	int i, n = 1;

	pfd[0].fd = fd;
	pfd[0].events = POLLIN;
	pfd[0].revents = 0;
	for (i = 0; i < nsources; i++) {
		if (!sources[i]->busy(NULL))
			continue;
		if (sources[i]->fds == NULL)
			waiter = sources[i];
		else
			n += sources[i]->fds(pfd + n, JSLOOP_POLL_FDS + 1 - n);
	}
	if (waiter != NULL) {
		(void)waiter->poll(pfd, n, due);	/* it logs a failure */
		return pfd[0].revents != 0;
	}
	wait = due == INT64_MAX ? -1 : due - now_ms();
	if (wait > INT_MAX)
		wait = INT_MAX;
	if (poll(pfd, (nfds_t)n, wait < 0 && due != INT64_MAX ? 0 :
	    (int)wait) == -1 && errno != EINTR)
		log_warn("poll: %s", strerror(errno));
	return pfd[0].revents != 0;
}

int
jsloop_next(js_State **J, const struct jsloop **L, void **token,
    const struct jsloop_io **source)
{
	int i;

	for (i = 0; i < nsources; i++)
		if (sources[i]->busy(NULL) && sources[i]->next(J, L, token)) {
			*source = sources[i];
			return 1;
		}
	return 0;
}

int
jsloop_running(js_State *J)
{
	return loop_of(J)->phase == RUNNING;
}

/* ---- one request ------------------------------------------------------ */

int
jsloop_begin(js_State *J, const char *fn, const char *request_id)
{
	struct jsloop *L = loop_of(J);
	const char *what;
	int rc;

	L->phase = RUNNING;
	str_copy(L->fn, sizeof(L->fn), fn, STR_ALL);
	str_copy(L->request_id, sizeof(L->request_id), request_id, STR_ALL);
	L->generation = ++generations;
	L->awaiting = 0;
	L->outcome = JSLOOP_PENDING;
	L->waiting = 0;
	L->background = 0;
	if (js_try(J))
		return -1;
	rc = jobs_drain(J, &what);
	js_endtry(J);
	return rc;
}

/* Logs each rejection that no handler saw during the request. */
static void
report_unhandled(js_State *J, const struct jsloop *L)
{
	struct buf msg;
	int i, n;

	if (!promise_unhandled(J))
		return;
	n = js_getlength(J, -1);
	buf_init(&msg);
	for (i = 0; i < n; i++) {
		js_getindex(J, -1, i);
		buf_reset(&msg);
		reply_describe(J, &msg);
		js_pop(J, 1);
		log_error("%s: unhandled promise rejection (request %s): %s",
		    L->fn, L->request_id, buf_cstr(&msg));
	}
	buf_free(&msg);
	js_pop(J, 1);
}

/* What jsloop_end drops: intervals are cleared, as a request's end must. */
static void
timers_report(const struct jsloop *L)
{
	size_t i, repeat = 0, once;

	for (i = 0; i < L->ntimers; i++)
		repeat += L->timers[i].repeat > 0;
	once = L->ntimers - repeat;
	if (once > 0)
		log_warn("%s: request %s ended with %zu timer%s pending: "
		    "dropped", L->fn, L->request_id, once, once == 1 ? "" : "s");
	if (repeat > 0)
		log_warn("%s: request %s ended with %zu setInterval%s "
		    "running: cleared", L->fn, L->request_id, repeat,
		    repeat == 1 ? "" : "s");
}

/* Drops the loop's timers and their callbacks; other loops keep theirs. */
static void
timers_drop(js_State *J, struct jsloop *L)
{
	char key[48];

	js_getregistry(J, REG_TIMERS);
	while (L->ntimers > 0) {
		timer_key(L, L->timers[--L->ntimers].id, key, sizeof(key));
		js_delproperty(J, -1, key);
	}
	js_pop(J, 1);
}

void
jsloop_end(js_State *J)
{
	struct jsloop *L = loop_of(J);
	int i, jobs;

	for (i = 0; i < L->nio; i++)
		L->io[i]->end(J);
	if (js_try(J)) {
		log_error("%s: request %s: cannot end the event loop: %s",
		    L->fn, L->request_id, js_trystring(J, -1, "error"));
		js_pop(J, 1);
		L->ntimers = 0;
		L->phase = ENDED;
		return;
	}
	if (L->waiting > 0)
		log_warn("%s: request %s ended with %d ctx.waitUntil "
		    "promise%s unsettled, and no timer or callback left to "
		    "settle %s", L->fn, L->request_id, L->waiting,
		    L->waiting == 1 ? "" : "s", L->waiting == 1 ? "it" : "them");
	L->waiting = 0;
	L->background = 0;
	if (L->ntimers > 0) {
		timers_report(L);
		timers_drop(J, L);
	}
	if ((jobs = jobs_count(J)) > 0) {
		log_warn("%s: request %s ended with %d microtask%s pending: "
		    "dropped", L->fn, L->request_id, jobs, jobs == 1 ? "" : "s");
		js_newarray(J);
		js_setregistry(J, REG_JOBS);
	}
	report_unhandled(J, L);
	js_endtry(J);
	L->phase = ENDED;
}

/* ---- ctx.waitUntil ------------------------------------------------------ */

static void
waited(js_State *J, int rejected)
{
	struct jsloop *L = loop_by_generation(J,
	    (unsigned long)js_tonumber(J, 2));
	struct buf msg;

	if (L == NULL || L->waiting == 0) {
		js_pushundefined(J);
		return;
	}
	L->waiting--;
	if (rejected) {
		buf_init(&msg);
		js_copy(J, 1);
		reply_describe(J, &msg);
		js_pop(J, 1);
		log_error("%s: a ctx.waitUntil promise rejected (request %s): "
		    "%s", L->fn, L->request_id, buf_cstr(&msg));
		buf_free(&msg);
	}
	js_pushundefined(J);
}

static void
jsloop_waited(js_State *J)
{
	waited(J, 0);
}

static void
jsloop_waited_rejected(js_State *J)
{
	waited(J, 1);
}

void
jsloop_waituntil(js_State *J)
{
	struct jsloop *L = loop_of(J);
	int thenable = 0;

	if (L->phase != RUNNING)
		js_error(J, "ctx.waitUntil: request %s has ended: background "
		    "work must be handed over while it runs", L->request_id);
	if (js_isobject(J, 1)) {
		js_getproperty(J, 1, "then");
		thenable = js_iscallable(J, -1);
		js_pop(J, 1);
	}
	if (!thenable)
		js_typeerror(J, "ctx.waitUntil: the argument must be a promise%s",
		    js_iscallable(J, 1) ? " (call the async function: "
		    "ctx.waitUntil(work()))" : "");
	adopt(J, 1, AWAIT_WAITUNTIL, L->generation);
	L->waiting++;
	js_pushundefined(J);
}

int
jsloop_waiting(const struct jsloop *L)
{
	return L->waiting > 0;
}

void
jsloop_background(js_State *J)
{
	loop_of(J)->background = 1;
}

void
jsloop_finish(js_State *J)
{
	const char *what = "failed";
	int rc;

	jsloop_background(J);
	rc = jsloop_run(J, &what);
	jsloop_finished(J, rc, what);
}

void
jsloop_finished(js_State *J, int rc, const char *what)
{
	struct jsloop *L = loop_of(J);

	if (rc == -1) {
		struct buf msg;

		buf_init(&msg);
		reply_describe(J, &msg);
		js_pop(J, 1);
		log_error("%s: background work of request %s ended: %s: %s",
		    L->fn, L->request_id, what, buf_cstr(&msg));
		buf_free(&msg);
	}
	jsloop_end(J);
}
