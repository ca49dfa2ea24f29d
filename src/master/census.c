/*
 * census: counts a pool's workers by state.  Sizing (pool.c), reload
 * (master.c) and queue_timeout (queue.c) all decide from it.
 */
#include <string.h>

#include "master/census.h"
#include "master/manager.h"
#include "shm/scoreboard.h"

void
census_take(const struct pool *p, struct census *c)
{
	const struct worker *w;
	struct sb_slot s;
	int i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < SB_SLOTS; i++) {
		w = &manager.workers[i];
		if (w->pool != p || w->pid == 0 || w->stopping)
			continue;
		c->active++;
		scoreboard_read(i, &s);
		c->idle += s.state == SB_IDLE;
		c->room += s.state == SB_IDLE || (s.state == SB_BUSY &&
		    s.concurrent > 1 && s.inflight < s.concurrent);
		c->starting += s.state == SB_STARTING;
	}
}
