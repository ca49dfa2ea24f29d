/*
 * child: what a new worker drops of the master right after fork, before
 * worker_start (worker/worker_start.h).
 */
#ifndef FNPOOL_CHILD_H
#define FNPOOL_CHILD_H

#include "master/manager.h"

/*
 * In the child forked for slot of p, with every signal blocked: undoes
 * the master's signal handling, ties the child's life to the master's,
 * and closes every descriptor of the master that is not p's or slot's.
 * Exits if the master is already gone.
 */
void	 child_setup(const struct pool *p, int slot);

#endif
