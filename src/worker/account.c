/*
 * account: per-request bookkeeping in the worker.  See account.h.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "worker/account.h"
#include "worker/accesslog.h"
#include "core/buf.h"
#include "shm/counters.h"
#include "shm/scoreboard.h"

static int64_t
monotonic_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/*
 * The pool's busy gauge counts the workers whose slot is busy: the
 * master takes a dead worker's busy slot off it.  So it moves just before
 * the slot's state does, here and in account_idle.
 */
void
account_begin(struct account *a, const struct request *req)
{
	if (scoreboard_state() != SB_BUSY)
		counters_active(scoreboard_counters(), 1);
	scoreboard_busy(req->id, req->uri);
	a->start_us = monotonic_us();
	a->function[0] = '\0';
	a->memory = 0;
}

void
account_function(struct account *a, const char *name)
{
	str_copy(a->function, sizeof(a->function), name, STR_ALL);
	scoreboard_function(name);
}

void
account_inflight(int n, int max, int ended)
{
	scoreboard_inflight(n, max, ended);
}

void
account_idle(void)
{
	if (scoreboard_state() == SB_BUSY)
		counters_active(scoreboard_counters(), -1);
	scoreboard_idle();
}

/* The body's length: what follows the blank line after the headers. */
static size_t
body_length(const struct buf *out)
{
	const char *end;

	if (out == NULL || out->len == 0)
		return 0;
	end = memmem(out->data, out->len, "\r\n\r\n", 4);
	return end == NULL ? 0 : out->len - (size_t)(end + 4 - out->data);
}

void
account_end(const struct account *a, const struct request *req, int status,
    const struct buf *out)
{
	struct accesslog_entry e;
	int64_t us = monotonic_us() - a->start_us;

	counters_request(scoreboard_counters(), a->function, status, us,
	    a->memory);
	if (!accesslog_enabled())
		return;
	e.req = req;
	e.status = status;
	e.bytes = body_length(out);
	e.duration_us = us;
	e.function = a->function;
	e.memory = a->memory;
	accesslog_write(&e);
}

/* The counters entry of each database, found once: names are the pool's. */
static struct {
	const char	*db;
	int		 index;
} dbs[8];

void
account_query(const char *db, int64_t us, int failed)
{
	struct ct_db *d;
	int i, index = -1;

	for (i = 0; i < 8 && dbs[i].db != NULL; i++)
		if (dbs[i].db == db) {
			index = dbs[i].index;
			break;
		}
	if (i == 8 || dbs[i].db == NULL) {
		index = counters_db_index(scoreboard_counters(), db);
		if (i < 8) {
			dbs[i].db = db;
			dbs[i].index = index;
		}
	}
	if ((d = counters_db_at(index)) == NULL)
		return;
	if (failed)
		counters_add(&d->errors, 1);
	if (us < 0)
		return;
	counters_add(&d->queries, 1);
	counters_observe(&d->duration, us);
}

_Static_assert((int)FETCH_CAUSES == (int)CT_FETCH_N,
    "fetch_curl.h's causes are counters.h's");

void
account_fetch(int status, enum fetch_cause cause, int64_t us)
{
	counters_fetch(scoreboard_counters(), status, status == 0 ?
	    (int)cause : -1, us);
}

void
account_finishing(void)
{
	scoreboard_finishing();
}

void
account_waiting(const char *what)
{
	scoreboard_note(what);
}
