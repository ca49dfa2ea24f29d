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

static struct {
	int64_t		 start_us;
	char		 function[CT_NAME_MAX];
	uint64_t	 memory;
} cur;

static int64_t
monotonic_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void
account_begin(void)
{
	cur.start_us = monotonic_us();
	cur.function[0] = '\0';
	cur.memory = 0;
}

void
account_function(const char *name)
{
	str_copy(cur.function, sizeof(cur.function), name, STR_ALL);
	scoreboard_function(name);
}

void
account_memory(uint64_t bytes)
{
	cur.memory = bytes;
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
account_end(const struct request *req, int status, const struct buf *out)
{
	struct accesslog_entry e;
	int64_t us = monotonic_us() - cur.start_us;

	counters_request(scoreboard_counters(), cur.function, status, us,
	    cur.memory);
	if (!accesslog_enabled())
		return;
	e.req = req;
	e.status = status;
	e.bytes = body_length(out);
	e.duration_us = us;
	e.function = cur.function;
	e.memory = cur.memory;
	accesslog_write(&e);
}
