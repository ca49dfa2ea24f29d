/*
 * budget: an accounting allocator for MuJS.
 *
 * MuJS allocates through a js_Alloc that is told the new size but not the
 * old one; malloc_usable_size supplies it.  Past the limit the allocator
 * returns NULL, which MuJS turns into a catchable "out of memory": the
 * refusal is recorded in hit, so that runtime.c fails the request (and
 * discards the state) even if the function swallowed the exception.
 *
 * Garbage counts against the budget until it is collected, and MuJS
 * schedules collections by a count of new objects, not by bytes: a
 * function that builds a 100 KB string one character at a time makes
 * gigabytes of dead strings between two collections.  The allocator
 * cannot collect by itself -- MuJS allocates while it holds new objects
 * that nothing marks yet (an environment and its variables, a function
 * being compiled), and a collection there would free them.  The one safe
 * place is where MuJS itself collects: before each bytecode instruction,
 * when its counter of new objects passes its threshold.  MuJS has no API
 * for either, so budget_attach finds the two fields in the js_State (the
 * state's first allocation) by their signature right after a collection,
 * checks the finding with a second collection, and the allocator then
 * raises the counter past the threshold whenever the budget nears its
 * limit.  If they are not found (another MuJS layout), the budget still
 * holds, with collections between requests only, and the log says so.
 */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "js/budget.h"
#include "core/log.h"

#define GC_FACTOR	5	/* JS_GCFACTOR: threshold = survivors * 5 */

void
budget_init(struct budget *b, size_t limit)
{
	memset(b, 0, sizeof(*b));
	b->limit = limit;
	b->gc_at = limit / 2;
}

/*
 * Called on every allocation.  The first one after a collection sees
 * what survived it and moves the mark halfway between that and the limit,
 * so a state whose live data nears the limit is collected more and more
 * often before it is refused.  Past the mark, MuJS is asked to collect
 * before its next instruction.
 */
static void
budget_pressure(struct budget *b, size_t want)
{
	if (*b->gc_mark != b->last_mark) {	/* collected since */
		b->last_mark = *b->gc_mark;
		b->gc_at = b->used + (b->limit - b->used) / 2;
	}
	if (want > b->gc_at && *b->gc_counter <= *b->gc_thresh)
		*b->gc_counter = *b->gc_thresh + 1;
}

void *
budget_alloc(void *ctx, void *ptr, int size)
{
	struct budget *b = ctx;
	size_t old = ptr != NULL ? malloc_usable_size(ptr) : 0;
	size_t want;
	void *p;

	if (size <= 0) {
		b->used -= old;
		free(ptr);
		return NULL;
	}
	want = b->used - old + (size_t)size;
	if (b->limit != 0) {
		if (want > b->limit) {
			b->hit = 1;
			return NULL;
		}
		if (b->gc_counter != NULL)
			budget_pressure(b, want);
	}
	if ((p = realloc(ptr, (size_t)size)) == NULL)
		return NULL;
	b->used = b->used - old + malloc_usable_size(p);
	return p;
}

/* An int-aligned {mark, counter, threshold} as js_gc leaves them. */
static int
looks_collected(const unsigned char *at)
{
	int mark;
	unsigned int counter, thresh;

	memcpy(&mark, at, sizeof(mark));
	memcpy(&counter, at + sizeof(int), sizeof(counter));
	memcpy(&thresh, at + sizeof(int) + sizeof(counter), sizeof(thresh));
	return (mark == 1 || mark == 2) && counter > 16 &&
	    thresh == counter * GC_FACTOR;
}

static size_t
find_schedule(const unsigned char *state, size_t size, size_t from)
{
	size_t off;

	for (off = from; off + 3 * sizeof(int) <= size; off += sizeof(int))
		if (looks_collected(state + off))
			return off;
	return (size_t)-1;
}

void
budget_attach(struct budget *b, js_State *J)
{
	static int warned;
	unsigned char *state = (unsigned char *)J;
	size_t size = malloc_usable_size(J), off;
	int mark;

	if (b->limit == 0)
		return;
	if (js_try(J)) {	/* a budget too small for this: found nothing */
		js_pop(J, 1);
		return;
	}
	js_gc(J, 0);
	for (off = find_schedule(state, size, 0); off != (size_t)-1;
	    off = find_schedule(state, size, off + sizeof(int))) {
		/* a second collection must flip the mark, counts consistent */
		memcpy(&mark, state + off, sizeof(mark));
		js_newobject(J);
		js_gc(J, 0);
		js_pop(J, 1);
		if (looks_collected(state + off) &&
		    *(int *)(void *)(state + off) == 3 - mark)
			break;
	}
	js_endtry(J);
	if (off == (size_t)-1) {
		if (!warned++)
			log_warn("memory_limit: this MuJS's collector schedule "
			    "is not where fnpool looks for it; garbage is "
			    "collected between requests only, so a request "
			    "that makes much garbage can hit the limit");
		return;
	}
	b->gc_mark = (int *)(void *)(state + off);
	b->gc_counter = (unsigned int *)(void *)(state + off + sizeof(int));
	b->gc_thresh = b->gc_counter + 1;
	b->last_mark = *b->gc_mark;
}

void
budget_collect(struct budget *b, js_State *J)
{
	if (b->limit == 0 || b->gc_counter != NULL || b->used < b->gc_at)
		return;
	js_gc(J, 0);
	b->gc_at = b->used + (b->limit - b->used) / 2;
}
