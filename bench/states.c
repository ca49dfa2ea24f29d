/*
 * states: the cost of a new function state, as runtime.c makes one:
 * js_newstate with the budget allocator, console_define, and (unless
 * -n) jsext_install and builtin_install (Math.random's seed, the lazy
 * globals of src/js/builtin).  `make bench/states && bench/states [-n] [count]`;
 * run it under valgrind --tool=callgrind for instruction counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mujs.h>

#include "js/budget.h"
#include "js/builtin/builtin.h"
#include "js/console.h"
#include "js/jsext.h"

int
main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct budget mem;
	int i, n = 1000, ext = 1;
	size_t peak = 0;
	js_State *J;

	if (argc > 1 && strcmp(argv[1], "-n") == 0) {
		ext = 0;
		argc--, argv++;
	}
	if (argc > 1)
		n = atoi(argv[1]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++) {
		budget_init(&mem, 0);
		if ((J = js_newstate(budget_alloc, &mem, 0)) == NULL)
			return 1;
		console_define(J);
		if (ext && jsext_install(J, budget_alloc, &mem) == -1)
			return 1;
		if (ext && builtin_install(J, NULL, "/") == -1)
			return 1;
		if (mem.used > peak)
			peak = mem.used;
		js_freestate(J);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%s: %d states, %.1f us each, %zu bytes each\n",
	    ext ? "with jsext" : "without jsext", n,
	    ((double)(t1.tv_sec - t0.tv_sec) * 1e9 +
	    (double)(t1.tv_nsec - t0.tv_nsec)) / 1e3 / n, peak);
	return 0;
}
