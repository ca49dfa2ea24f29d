/*
 * inotify_spare: the inotify instances of dead workers, kept for the next
 * workers of their pool (worker/watch.c says why).
 */
#ifndef FNPOOL_INOTIFY_SPARE_H
#define FNPOOL_INOTIFY_SPARE_H

#include "master/manager.h"

/* The instance for a new worker of p: a spare, else a new one; -1: none
 * (the pool watches nothing, or the worker tries itself and logs). */
int	 inotify_spare_take(struct pool *);
/* Keeps a dead worker's instance (fd, -1: none) for p or its heir. */
void	 inotify_spare_keep(struct pool *, int fd);
/* Closes p's spares. */
void	 inotify_spare_free(struct pool *);

#endif
