/*
 * fetch_guard: which hosts and addresses a pool's functions may fetch
 * from (fetch.allow, fetch.deny).  A request is checked twice: its host
 * name before each hop (redirects included), and the resolved address of
 * every connection curl opens for it, so a name that resolves to a
 * denied address is refused too.
 */
#ifndef FNPOOL_FETCH_GUARD_H
#define FNPOOL_FETCH_GUARD_H

#include <sys/socket.h>

#include <stddef.h>

#include "core/config.h"

/*
 * Whether a hop to host (a name, an address, or "[v6]") may start.
 * Returns 0 with *by_name set when an allow entry names the host (its
 * connections then need only pass fetch.deny), or -1 with why.
 */
int	 fetch_guard_host(const struct pool_config *, const char *host,
	    int *by_name, char *why, size_t whysize);
/*
 * Whether a connection to sa may open, for a hop whose fetch_guard_host
 * gave by_name.  Returns 0, or -1 with why (naming the address).
 */
int	 fetch_guard_addr(const struct pool_config *, int by_name,
	    const struct sockaddr *sa, char *why, size_t whysize);

#endif
