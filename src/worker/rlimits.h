/*
 * rlimits: the pool's process limits (rlimit_as, rlimit_nofile,
 * rlimit_core), applied by each worker to itself when it starts: the
 * backstop behind the per-state memory budget of runtime.c.
 */
#ifndef FNPOOL_RLIMITS_H
#define FNPOOL_RLIMITS_H

#include "core/config.h"

/* Returns 0, or -1 after logging which limit could not be set. */
int	rlimits_apply(const struct pool_config *);

#endif
