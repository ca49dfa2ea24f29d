/*
 * state-cost: what a new MuJS state costs, before and after fnpool's
 * Promise and timers are installed, and when Promise is first used
 * (promise.js is compiled then); and the memory a chain of pending
 * promises holds.  Allocated bytes and calls are exact; times are the
 * best of several rounds.
 *
 *   make bench/state-cost && bench/state-cost
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <mujs.h>

#include "js/builtin/fetch.h"
#include "js/call.h"
#include "js/console.h"
#include "js/jsloop.h"

#define ROUNDS	5
#define STATES	500

static long allocs, bytes, live;
static struct call call;	/* the context a runtime gives its states */

/*
 * Counts what the state asks for (every block is freed with it), and
 * what it holds at the moment, as malloc gives it.
 */
static void *
count_alloc(void *ctx, void *ptr, int size)
{
	(void)ctx;
	if (ptr != NULL)
		live -= (long)malloc_usable_size(ptr);
	if (size == 0) {
		free(ptr);
		return NULL;
	}
	allocs++;
	bytes += size;
	if ((ptr = realloc(ptr, (size_t)size)) != NULL)
		live += (long)malloc_usable_size(ptr);
	return ptr;
}

/* What each of a chain of 10,000 pending promises, with its reaction, holds. */
static void
measure_chain(void)
{
	js_State *J = js_newstate(count_alloc, NULL, 0);
	long before;

	js_setcontext(J, &call);
	console_define(J);
	jsloop_install(J);
	js_dostring(J, "var p = new Promise(function () {}), q = p, i;");
	js_gc(J, 0);
	before = live;
	js_dostring(J, "for (i = 0; i < 10000; i++) q = q.then(function () {});");
	js_gc(J, 0);
	printf("%-30s %7ld bytes held per promise\n", "a chain of 10,000 then",
	    (live - before) / 10000);
	js_freestate(J);
}

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/*
 * level 0: a state with console; 1: plus jsloop_install; 2: plus Promise
 * used; with fetch, fetch_install too (its globals, not yet compiled).
 */
static void
measure(int level, int fetch, const char *what)
{
	double best = 0, t;
	js_State *J;
	int r, i;

	for (r = 0; r < ROUNDS; r++) {
		allocs = bytes = 0;
		t = now_us();
		for (i = 0; i < STATES; i++) {
			J = js_newstate(count_alloc, NULL, 0);
			js_setcontext(J, &call);
			console_define(J);
			if (level >= 1)
				jsloop_install(J);
			if (fetch)
				fetch_install(J, count_alloc, NULL);
			if (level >= 2)
				js_dostring(J, "Promise.resolve();");
			js_freestate(J);
		}
		t = (now_us() - t) / STATES;
		if (r == 0 || t < best)
			best = t;
	}
	printf("%-30s %7.1f us %6ld allocations, %7ld bytes asked\n", what, best,
	    allocs / STATES, bytes / STATES);
}

int
main(void)
{
	call.loop = jsloop_new(NULL);
	measure(0, 0, "new state (before)");
	measure(1, 0, "new state + jsloop_install");
	measure(1, 1, "  + fetch_install");
	measure(2, 0, "  + first use of Promise");
	measure_chain();
	return 0;
}
