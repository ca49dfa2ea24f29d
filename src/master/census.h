/*
 * census: what the workers of a pool are doing now, from the scoreboard.
 */
#ifndef FNPOOL_CENSUS_H
#define FNPOOL_CENSUS_H

#include "master/manager.h"

struct census {
	int	active;		/* not asked to stop */
	int	idle;
	int	room;		/* may take a request now: idle, or in
				   flight below their max_concurrent */
	int	starting;
};

void	 census_take(const struct pool *, struct census *);

#endif
