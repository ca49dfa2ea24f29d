/*
 * scoreboard: shared worker slots.  See scoreboard.h for the protocol.
 *
 * The area is anonymous shared memory sized for SB_SLOTS; pages that no
 * worker uses are never touched, so a large table costs nothing.  Slot
 * allocation is done by the master alone (it forks every worker), so it
 * needs no atomics; only the per-slot sequence counter does.
 */
#include <sys/mman.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/log.h"
#include "shm/scoreboard.h"

static struct sb_slot *slots;
static struct sb_slot *mine;	/* this worker's slot */

int64_t
monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
scoreboard_init(void)
{
	if (slots != NULL)
		return 0;
	slots = mmap(NULL, SB_SLOTS * sizeof(*slots), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (slots == MAP_FAILED) {
		slots = NULL;
		log_error("scoreboard: mmap: %s", strerror(errno));
		return -1;
	}
	return 0;
}

struct sb_slot *
scoreboard_slot(int i)
{
	return &slots[i];
}

static void
write_begin(struct sb_slot *s)
{
	__atomic_add_fetch(&s->seq, 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

static void
write_end(struct sb_slot *s)
{
	__atomic_thread_fence(__ATOMIC_RELEASE);
	__atomic_add_fetch(&s->seq, 1, __ATOMIC_RELAXED);
}

/*
 * A worker killed between write_begin and write_end leaves the counter
 * odd.  Only the master writes a slot whose worker is gone, so it puts
 * the counter back to even before its own update.
 */
static void
write_begin_master(struct sb_slot *s)
{
	if (__atomic_load_n(&s->seq, __ATOMIC_RELAXED) & 1)
		__atomic_add_fetch(&s->seq, 1, __ATOMIC_RELAXED);
	write_begin(s);
}

int
scoreboard_claim(const char *pool, uint32_t generation, int counters)
{
	int i;

	for (i = 0; i < SB_SLOTS; i++) {
		struct sb_slot *s = &slots[i];

		if (s->state != SB_FREE)
			continue;
		write_begin_master(s);
		s->generation = generation;
		s->pid = 0;
		s->state = SB_STARTING;
		s->requests = 0;
		s->started_ms = monotonic_ms();
		s->request_ms = 0;
		s->idle_ms = s->started_ms;
		s->last_ms = 0;
		s->rss = 0;
		s->counters = counters;
		snprintf(s->pool, sizeof(s->pool), "%s", pool);
		s->function[0] = '\0';
		s->uri[0] = '\0';
		s->request_id[0] = '\0';
		s->note[0] = '\0';
		write_end(s);
		return i;
	}
	return -1;
}

void
scoreboard_set_pid(int i, pid_t pid)
{
	write_begin(&slots[i]);
	slots[i].pid = pid;
	write_end(&slots[i]);
}

void
scoreboard_release(int i)
{
	write_begin_master(&slots[i]);
	slots[i].state = SB_FREE;
	slots[i].pid = 0;
	write_end(&slots[i]);
}

/*
 * Retries while the slot changes under it.  A writer that stays odd is
 * dead (killed mid-update) or stopped: after a bounded number of tries
 * the last copy is returned as is, and its strings are terminated, so a
 * reader can be wrong about a dying worker but never stuck.
 */
void
scoreboard_read(int i, struct sb_slot *out)
{
	const struct sb_slot *s = &slots[i];
	uint32_t before, after;
	int tries = 0;

	do {
		before = __atomic_load_n(&s->seq, __ATOMIC_ACQUIRE);
		memcpy(out, (const void *)s, sizeof(*out));
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		after = __atomic_load_n(&s->seq, __ATOMIC_RELAXED);
	} while ((before != after || (before & 1)) && ++tries < 10000);
	out->pool[sizeof(out->pool) - 1] = '\0';
	out->function[sizeof(out->function) - 1] = '\0';
	out->uri[sizeof(out->uri) - 1] = '\0';
	out->request_id[sizeof(out->request_id) - 1] = '\0';
	out->note[sizeof(out->note) - 1] = '\0';
}

void
scoreboard_attach(int i)
{
	mine = i >= 0 && slots != NULL ? &slots[i] : NULL;
}

void
scoreboard_idle(void)
{
	if (mine == NULL)
		return;
	write_begin(mine);
	if (mine->state == SB_BUSY && mine->concurrent == 0)
		mine->requests++;	/* else scoreboard_inflight counts */
	mine->state = SB_IDLE;
	mine->finishing = 0;
	mine->idle_ms = monotonic_ms();
	if (mine->request_ms != 0)
		mine->last_ms = mine->idle_ms - mine->request_ms;
	mine->request_ms = 0;
	write_end(mine);
}

void
scoreboard_busy(const char *request_id, const char *uri)
{
	if (mine == NULL)
		return;
	write_begin(mine);
	mine->state = SB_BUSY;
	mine->finishing = 0;
	mine->request_ms = monotonic_ms();
	str_copy(mine->request_id, sizeof(mine->request_id), request_id,
	    STR_ALL);
	if (uri == NULL)
		uri = "";
	str_copy(mine->uri, sizeof(mine->uri), uri, strcspn(uri, "?"));
	mine->function[0] = '\0';
	write_end(mine);
}

void
scoreboard_inflight(int n, int max, int ended)
{
	if (mine == NULL)
		return;
	write_begin(mine);
	mine->inflight = (uint16_t)n;
	mine->concurrent = (uint16_t)max;
	mine->requests += (uint64_t)ended;
	write_end(mine);
}

void
scoreboard_function(const char *function)
{
	if (mine == NULL)
		return;
	write_begin(mine);
	str_copy(mine->function, sizeof(mine->function), function, STR_ALL);
	write_end(mine);
}

void
scoreboard_note(const char *note)
{
	if (mine == NULL)
		return;
	write_begin(mine);
	str_copy(mine->note, sizeof(mine->note), note != NULL ? note : "",
	    STR_ALL);
	write_end(mine);
}

void
scoreboard_finishing(void)
{
	if (mine == NULL)
		return;
	write_begin(mine);
	mine->finishing = 1;
	write_end(mine);
}

enum sb_state
scoreboard_state(void)
{
	return mine != NULL ? (enum sb_state)mine->state : SB_FREE;
}

int
scoreboard_counters(void)
{
	return mine != NULL ? mine->counters : -1;
}

/*
 * Called after many requests, so the file stays open and is read again
 * from offset 0 (one pread instead of open, read and close).  Only a
 * worker calls this, and a worker never forks: /proc/self is its own.
 */
uint64_t
scoreboard_update_rss(void)
{
	static long page;
	static int fd = -1;
	unsigned long size, resident;
	uint64_t rss = 0;
	char buf[128], *end;
	ssize_t n;

	if (page == 0)
		page = sysconf(_SC_PAGESIZE);
	if (fd == -1 &&
	    (fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	if ((n = pread(fd, buf, sizeof(buf) - 1, 0)) <= 0)
		return 0;
	buf[n] = '\0';
	size = strtoul(buf, &end, 10);
	resident = strtoul(end, &end, 10);
	if (size != 0)
		rss = (uint64_t)resident * (uint64_t)page;
	if (mine != NULL) {
		write_begin(mine);
		mine->rss = rss;
		write_end(mine);
	}
	return rss;
}
