/*
 * worker_start: a new worker's life after fork, once the master's state
 * is dropped (master/child.c), up to its exit.
 */
#ifndef FNPOOL_WORKER_START_H
#define FNPOOL_WORKER_START_H

#include "core/config.h"
#include "core/privileges.h"

/*
 * Takes the descriptors the master left it (access_fd and inotify_fd,
 * -1: none), names itself after its pool, drops to pv, attaches to its
 * scoreboard slot and serves listen_fd until it exits; never returns.
 */
void	 worker_start(const struct pool_config *, const struct privileges *pv,
	    int slot, int listen_fd, int access_fd, int inotify_fd,
	    long max_requests) __attribute__((noreturn));

#endif
