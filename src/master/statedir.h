/*
 * statedir: the directories of the pools' SQLite databases (state_dir
 * for db.default = sqlite:POOL.db and every other relative sqlite:
 * path, the directory of an absolute one), made by the master before
 * it forks a generation's workers, since they cannot: a directory that
 * is missing is created with mode 0750, owned by the pool's user and
 * group.  One that exists is left as it is; if the pool's workers
 * could not write in it, that is logged.
 */
#ifndef FNPOOL_STATEDIR_H
#define FNPOOL_STATEDIR_H

#include "core/config.h"

void	 statedir_prepare(const struct config *);

#endif
