/*
 * activation: the listening sockets the service manager passed
 * ($LISTEN_FDS, $LISTEN_FDNAMES), each taken by at most one pool.
 */
#ifndef FNPOOL_ACTIVATION_H
#define FNPOOL_ACTIVATION_H

#include "core/config.h"

/* Takes the passed sockets (none: nothing to do), non-blocking. */
void	 activation_take(void);
/* The passed socket for conf: the one named after the pool, or with
 * by_order the first one left; -1: none. */
int	 activation_fd_for(const struct pool_config *conf, int by_order);
/* Gives back a socket that activation_fd_for returned, for a later try. */
void	 activation_release(int fd);
/* Closes the passed sockets no pool took, with a warning. */
void	 activation_close_unused(void);
void	 activation_free(void);

#endif
