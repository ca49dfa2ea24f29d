/*
 * inotify_spare: a pool's spare inotify instances.  A retired pool's go
 * to its heir in the current generation, since closing an instance would
 * stall the master for the kernel's grace period.
 */
#include <sys/inotify.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "master/inotify_spare.h"
#include "master/manager.h"

int
inotify_spare_take(struct pool *p)
{
	if (!p->conf->module_cache)
		return -1;		/* the worker watches nothing */
	if (p->nspare > 0)
		return p->inotify_spare[--p->nspare];
	return inotify_init1(IN_NONBLOCK | IN_CLOEXEC);	/* -1: the worker
							   tries, and logs */
}

/* The pool of the current generation that can take over an instance of
 * retired pool p: same name and the same functions, watched. */
static struct pool *
inotify_heir(const struct pool *p)
{
	struct pool *q;

	for (q = manager.pools; q != NULL; q = q->next)
		if (!q->retired && q->conf->module_cache &&
		    strcmp(q->conf->name, p->conf->name) == 0 &&
		    strcmp(q->conf->functions, p->conf->functions) == 0)
			return q;
	return NULL;
}

void
inotify_spare_keep(struct pool *p, int fd)
{
	int *grown;

	if (fd == -1)
		return;
	if ((p->retired && (p = inotify_heir(p)) == NULL) ||
	    p->nspare >= config_pool_max_workers(p->conf)) {
		close(fd);	/* more than its workers can take */
		return;
	}
	if ((grown = realloc(p->inotify_spare,
	    ((size_t)p->nspare + 1) * sizeof(*grown))) == NULL) {
		close(fd);
		return;
	}
	p->inotify_spare = grown;
	grown[p->nspare++] = fd;
}

void
inotify_spare_free(struct pool *p)
{
	while (p->nspare > 0)
		close(p->inotify_spare[--p->nspare]);
	free(p->inotify_spare);
}
