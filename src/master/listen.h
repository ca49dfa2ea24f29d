/*
 * listen: creates a pool's listening socket from its `listen` setting:
 * a unix path, host:port, [v6addr]:port, or a bare port (all addresses).
 */
#ifndef FNPOOL_LISTEN_H
#define FNPOOL_LISTEN_H

#include "core/config.h"

/* Returns a non-blocking listening fd, or -1 after logging why. */
int	 listen_open(const struct pool_config *);
/* Applies a reloaded pool's backlog and unix owner/group/mode to the
 * socket it keeps; -1 after logging why. */
int	 listen_update(const struct pool_config *, int fd);
/* Closes fd and removes the socket file of a unix listener. */
void	 listen_close(const struct pool_config *, int fd);
int	 listen_is_unix(const char *listen);

#endif
