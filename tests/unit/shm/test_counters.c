/* Unit tests for counters.c: shared counters updated across fork. */
#include <sys/wait.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "shm/counters.h"
#include "tap.h"

#define CHILDREN	4
#define REQUESTS	500

static int
entries_named(int pool, const char *name, struct ct_function **found)
{
	struct ct_function *f;
	int i, n = 0;

	for (i = 0; i < CT_FUNCTIONS; i++) {
		if ((f = counters_function_at(i)) == NULL || f->pool != pool ||
		    strcmp(f->name, name) != 0)
			continue;
		*found = f;
		n++;
	}
	return n;
}

int
main(void)
{
	struct ct_function *f = NULL;
	struct ct_pool *p;
	char name[32];
	int www, api, i, k, status;
	pid_t pid;

	ok(counters_pool(0) == NULL, "nothing before counters_init");
	ok(counters_init() == 0, "the shared area maps");
	www = counters_pool_index("www");
	api = counters_pool_index("api");
	ok(www >= 0 && api >= 0 && www != api, "two pools, two entries");
	is_int(counters_pool_index("www"), www, "a pool keeps its entry");
	p = counters_pool(www);
	ok(p->start_time > 0, "with its start time");
	p->max_workers = CHILDREN;

	/* Workers racing to create the same functions' entries. */
	for (k = 0; k < CHILDREN; k++) {
		if ((pid = fork()) == 0) {
			for (i = 0; i < REQUESTS; i++) {
				snprintf(name, sizeof(name), "f%d.js", i % 10);
				counters_active(www, 1);
				counters_request(www, name, i % 5 == 0 ? 404 : 200,
				    (i % 3) * 20000, 1000 + (uint64_t)k);
				counters_active(www, -1);
			}
			_exit(0);
		}
	}
	while (wait(&status) > 0)
		;
	is_int(p->requests, CHILDREN * REQUESTS, "every request counted");
	is_int(entries_named(www, "f3.js", &f), 1,
	    "one entry per function despite the race");
	is_int(f->status[1], CHILDREN * REQUESTS / 10, "2xx of f3.js");
	is_int(f->status[3], 0, "no 4xx for f3.js");
	is_int(entries_named(www, "f5.js", &f), 1, "another function");
	is_int(f->status[3], CHILDREN * REQUESTS / 10, "4xx of f5.js");
	is_int(f->duration.count, CHILDREN * REQUESTS / 10, "histogram count");
	ok(f->memory_max >= 1000 && f->memory_max <= 1000 + CHILDREN,
	    "memory of the state");
	is_int(p->active, 0, "busy count back to 0");
	ok(p->max_active >= 1 && p->max_active <= CHILDREN, "max active seen");
	is_int(entries_named(api, "f3.js", &f), 0,
	    "functions are per pool");

	counters_request(api, NULL, 503, 0, 0);
	is_int(counters_pool(api)->none.status[4], 1,
	    "a request that reached no function");
	counters_request(api, "x.js", 700, 0, 0);
	ok(entries_named(api, "x.js", &f) == 1 && f->status[4] == 1,
	    "an odd status counts as 5xx");
	counters_request(-1, "x.js", 200, 0, 0);
	ok(1, "a pool without an entry is ignored");

	/* histogram buckets: le is inclusive, microseconds */
	counters_request(api, "h.js", 200, 5000, 0);	/* 5 ms */
	counters_request(api, "h.js", 200, 5001, 0);
	counters_request(api, "h.js", 200, 60000000, 0); /* 60 s: +Inf */
	entries_named(api, "h.js", &f);
	is_int(f->duration.bucket[0], 1, "5 ms is in le=0.005");
	is_int(f->duration.bucket[1], 1, "5.001 ms is in le=0.01");
	is_int(f->duration.bucket[CT_BUCKETS - 1], 1, "60 s is in +Inf");
	is_int(f->duration.sum_us, 60010001, "sum in microseconds");

	/* A full table sends new names to "(other)". */
	for (i = 0; i < CT_FUNCTIONS + 10; i++) {
		snprintf(name, sizeof(name), "g%d.js", i);
		counters_request(api, name, 200, 0, 0);
	}
	ok(counters_pool(api)->other.duration.count > 0,
	    "past the table, requests count under (other)");
	memset(name, 'n', sizeof(name));
	{
		char longname[CT_NAME_MAX + 10];

		memset(longname, 'n', sizeof(longname) - 1);
		longname[sizeof(longname) - 1] = '\0';
		k = (int)counters_pool(www)->other.duration.count;
		counters_request(www, longname, 200, 0, 0);
		is_int(counters_pool(www)->other.duration.count, k + 1,
		    "a name too long counts under (other)");
	}
	for (i = 0; i < CT_POOLS; i++) {
		snprintf(name, sizeof(name), "p%d", i);
		k = counters_pool_index(name);
	}
	is_int(k, -1, "the pool table is bounded");
	return tap_done();
}
