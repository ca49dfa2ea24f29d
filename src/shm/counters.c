/*
 * counters: shared per-pool and per-function counters.  See counters.h.
 *
 * The function table is open addressing on a hash of (pool, name).  An
 * entry is claimed by a compare-and-swap of its state (free -> being
 * claimed), filled, then published (ready); entries are never removed, so
 * every worker probes the same sequence and a name gets one entry.  A
 * worker that finds an entry being claimed waits briefly for it; if its
 * claimer died meanwhile, the request is counted under "(other)".
 */
#include <sys/mman.h>

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "shm/counters.h"
#include "core/log.h"
#include "shm/scoreboard.h"

#define FN_FREE		0
#define FN_CLAIMING	1
#define FN_READY	2
#define CLAIM_WAIT	1000	/* yields while another claims an entry */

const int64_t counters_bounds_ms[CT_BUCKETS - 1] = {
	5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000,
};

const char *const counters_exit_names[CT_EXIT_N] = {
	"recycle", "memory", "timeout", "signal", "error",
};

const char *const counters_fetch_causes[CT_FETCH_N] = {
	"refused", "dns", "timeout", "tls", "too_large", "denied", "redirect",
	"aborted", "other",
};

static struct area {
	struct ct_pool		pools[CT_POOLS];
	struct ct_function	functions[CT_FUNCTIONS];
	struct ct_db		dbs[CT_DBS];
} *area;

int
counters_init(void)
{
	if (area != NULL)
		return 0;
	area = mmap(NULL, sizeof(*area), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED) {
		area = NULL;
		log_error("counters: mmap: %s", strerror(errno));
		return -1;
	}
	return 0;
}

void
counters_add(uint64_t *p, uint64_t v)
{
	__atomic_add_fetch(p, v, __ATOMIC_RELAXED);
}

uint64_t
counters_get(const uint64_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

void
counters_max(int64_t *p, int64_t v)
{
	int64_t cur = __atomic_load_n(p, __ATOMIC_RELAXED);

	while (v > cur && !__atomic_compare_exchange_n(p, &cur, v, 1,
	    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}

void
counters_observe(struct ct_hist *h, int64_t us)
{
	int i;

	if (us < 0)
		us = 0;
	for (i = 0; i < CT_BUCKETS - 1; i++)
		if (us <= counters_bounds_ms[i] * 1000)
			break;
	counters_add(&h->bucket[i], 1);
	counters_add(&h->sum_us, (uint64_t)us);
	counters_add(&h->count, 1);
}

int
counters_pool_index(const char *name)
{
	struct timespec ts;
	int i, free_at = -1;

	if (area == NULL)
		return -1;
	for (i = 0; i < CT_POOLS; i++) {
		if (strcmp(area->pools[i].name, name) == 0)
			return i;
		if (free_at == -1 && area->pools[i].name[0] == '\0')
			free_at = i;
	}
	if (free_at == -1)
		return -1;
	clock_gettime(CLOCK_REALTIME, &ts);
	area->pools[free_at].start_time = ts.tv_sec;
	area->pools[free_at].start_ms = monotonic_ms();
	snprintf(area->pools[free_at].none.name, CT_NAME_MAX, "(none)");
	snprintf(area->pools[free_at].other.name, CT_NAME_MAX, "(other)");
	snprintf(area->pools[free_at].name, sizeof(area->pools[0].name), "%s",
	    name);
	return free_at;
}

struct ct_pool *
counters_pool(int index)
{
	if (area == NULL || index < 0 || index >= CT_POOLS)
		return NULL;
	return &area->pools[index];
}

struct ct_function *
counters_function_at(int i)
{
	struct ct_function *f;

	if (area == NULL)
		return NULL;
	f = &area->functions[i];
	if (__atomic_load_n(&f->state, __ATOMIC_ACQUIRE) != FN_READY)
		return NULL;
	return f;
}

static uint32_t
hash(int pool, const char *s)
{
	uint32_t h = 2166136261u ^ (uint32_t)pool;	/* FNV-1a */

	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h *= 16777619u;
	}
	return h;
}

/* Waits for a claim in progress; 0 when it never completes. */
static int
claim_settled(struct ct_function *f)
{
	int i;

	for (i = 0; i < CLAIM_WAIT; i++) {
		if (__atomic_load_n(&f->state, __ATOMIC_ACQUIRE) == FN_READY)
			return 1;
		sched_yield();
	}
	return 0;
}

static struct ct_function *
function_entry(int pool, const char *name)
{
	struct ct_function *f;
	uint32_t h = hash(pool, name), st;
	int i;

	if (strlen(name) >= CT_NAME_MAX)
		return &area->pools[pool].other;
	for (i = 0; i < CT_FUNCTIONS; i++) {
		f = &area->functions[(h + (uint32_t)i) % CT_FUNCTIONS];
		st = __atomic_load_n(&f->state, __ATOMIC_ACQUIRE);
		if (st == FN_FREE) {
			if (!__atomic_compare_exchange_n(&f->state, &st,
			    FN_CLAIMING, 0, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)) {
				i--;	/* lost the race: look again */
				continue;
			}
			f->pool = pool;
			snprintf(f->name, sizeof(f->name), "%s", name);
			__atomic_store_n(&f->state, FN_READY, __ATOMIC_RELEASE);
			return f;
		}
		if (st == FN_CLAIMING && !claim_settled(f))
			break;
		if (f->pool == pool && strcmp(f->name, name) == 0)
			return f;
	}
	return &area->pools[pool].other;
}

static void
function_count(struct ct_function *f, int status, int64_t us,
    uint64_t memory)
{
	int class = status / 100 - 1;

	if (class < 0 || class > 4)
		class = 4;
	counters_add(&f->status[class], 1);
	counters_observe(&f->duration, us);
	if (memory > 0) {
		__atomic_store_n(&f->memory, memory, __ATOMIC_RELAXED);
		counters_max((int64_t *)&f->memory_max, (int64_t)memory);
	}
}

void
counters_request(int pool, const char *function, int status,
    int64_t duration_us, uint64_t memory)
{
	struct ct_pool *p = counters_pool(pool);

	if (p == NULL)
		return;
	counters_add(&p->requests, 1);
	function_count(function != NULL && function[0] != '\0' ?
	    function_entry(pool, function) : &p->none, status, duration_us,
	    memory);
}

void
counters_active(int pool, int delta)
{
	struct ct_pool *p = counters_pool(pool);
	int64_t now;

	if (p == NULL)
		return;
	now = __atomic_add_fetch(&p->active, delta, __ATOMIC_RELAXED);
	if (delta <= 0)
		return;
	counters_max(&p->max_active, now);
	if (now >= __atomic_load_n(&p->max_workers, __ATOMIC_RELAXED))
		counters_add(&p->max_children_reached, 1);
}

/* Like function_entry, for the (pool, database) table; no "(other)". */
int
counters_db_index(int pool, const char *name)
{
	struct ct_db *d;
	uint32_t h, st;
	int i, at;

	if (counters_pool(pool) == NULL || strlen(name) >= CT_NAME_MAX)
		return -1;
	h = hash(pool, name);
	for (i = 0; i < CT_DBS; i++) {
		at = (int)((h + (uint32_t)i) % CT_DBS);
		d = &area->dbs[at];
		st = __atomic_load_n(&d->state, __ATOMIC_ACQUIRE);
		if (st == FN_FREE) {
			if (!__atomic_compare_exchange_n(&d->state, &st,
			    FN_CLAIMING, 0, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)) {
				i--;	/* lost the race: look again */
				continue;
			}
			d->pool = pool;
			snprintf(d->name, sizeof(d->name), "%s", name);
			__atomic_store_n(&d->state, FN_READY, __ATOMIC_RELEASE);
			return at;
		}
		if (st == FN_CLAIMING) {
			int n;

			for (n = 0; n < CLAIM_WAIT && __atomic_load_n(&d->state,
			    __ATOMIC_ACQUIRE) != FN_READY; n++)
				sched_yield();
			if (n == CLAIM_WAIT)
				return -1;
		}
		if (d->pool == pool && strcmp(d->name, name) == 0)
			return at;
	}
	return -1;
}

struct ct_db *
counters_db_at(int i)
{
	struct ct_db *d;

	if (area == NULL || i < 0 || i >= CT_DBS)
		return NULL;
	d = &area->dbs[i];
	if (__atomic_load_n(&d->state, __ATOMIC_ACQUIRE) != FN_READY)
		return NULL;
	return d;
}

void
counters_fetch(int pool, int status, int cause, int64_t duration_us)
{
	struct ct_pool *p = counters_pool(pool);
	int class = status / 100 - 1;

	if (p == NULL)
		return;
	if (cause >= 0 && cause < CT_FETCH_N)
		counters_add(&p->fetch.failed[cause], 1);
	else if (class >= 0 && class <= 4)
		counters_add(&p->fetch.status[class], 1);
	counters_observe(&p->fetch.duration, duration_us);
}

void
counters_read_timeout(int pool)
{
	struct ct_pool *p = counters_pool(pool);

	if (p != NULL)
		counters_add(&p->read_timeouts, 1);
}

void
counters_fastcgi_refused(int pool)
{
	struct ct_pool *p = counters_pool(pool);

	if (p != NULL)
		counters_add(&p->fastcgi_refused, 1);
}
