/*
 * generation: a loaded configuration's pools and their sockets.
 */
#ifndef FNPOOL_GENERATION_H
#define FNPOOL_GENERATION_H

#include "core/config.h"

/* Opens the sockets of cfg's pools and makes them current; the running
 * pools are retired (they keep serving until drained).  -1: nothing
 * changed, cfg is still the caller's. */
int	 generation_load(struct config *cfg);
/* At stop: closes every pool's sockets and retires them all. */
void	 generation_close_all(void);

#endif
