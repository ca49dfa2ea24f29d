/*
 * manager: the master's data: the loaded configurations (generations),
 * their pools, and the master's side of each scoreboard slot.  The one
 * instance, `manager`, is defined in pool.c.
 */
#ifndef FNPOOL_MANAGER_H
#define FNPOOL_MANAGER_H

#include <sys/types.h>
#include <stdint.h>

#include "core/config.h"
#include "core/privileges.h"
#include "shm/scoreboard.h"

#define ARRIVALS_MAX	4096	/* queued connections tracked per pool */

/* One loaded configuration; freed when its last pool is. */
struct generation {
	struct config	*cfg;
	uint32_t	 id;
	int		 refs;		/* pools still alive */
};

struct pool {
	struct pool_config	*conf;
	struct generation	*gen;
	int			 listen_fd;	/* -1: closed or handed on */
	int			 activated;	/* fd from the service manager */
	int			 retired;	/* old generation: draining */
	int			 nworkers;	/* forked and not yet reaped */
	int			 counters;	/* entry in counters.c, -1: none */
	int			 status_fd;	/* status.listen, -1: none */
	int			 access_fd;	/* access.log, -1: none */
	int			*inotify_spare;	/* kept for the next worker */
	int			 nspare;	/* (watch.c says why) */
	struct privileges	 pv;		/* the workers' account, */
	int			 pv_ready;	/* looked up once per generation */

	int64_t			*crashes;	/* ring of crash_limit times */
	long			 ncrashes;
	long			 backoff_ms;
	int64_t			 respawn_at;	/* backoff: not before */

	/* queue_timeout: estimated arrival time of each connection in the
	 * backlog, oldest first (the backlog is FIFO). */
	int64_t			 arrivals[ARRIVALS_MAX];
	int			 arr_head, arr_len;
	int			 backlog_unknown;	/* said so once */

	/* counters, for the log now and the status page later; queued and
	 * queue_wait_max (ms) count connections a worker took after they
	 * waited with every worker busy (pools with queue_timeout only) */
	unsigned long		 spawned, crashed, timeouts, recycled, rejected,
				 queued;
	int64_t			 queue_wait_max;
	struct pool		*next;
};

/* The master's side of a scoreboard slot. */
struct worker {
	pid_t		 pid;		/* 0: slot unused */
	struct pool	*pool;
	int		 stopping;	/* asked to exit: not a crash */
	int		 backstopped;	/* killed past request_timeout */
	int64_t		 slow_logged;	/* request_ms of the request logged slow */
	int		 inotify_fd;	/* the worker's watch, -1: none */
};

struct manager {
	struct pool		*pools;		/* current and retired */
	struct generation	*current;
	uint32_t		 next_gen;
	struct worker		 workers[SB_SLOTS];	/* by scoreboard slot */
	pid_t			 pid;		/* the master's */
};
extern struct manager manager;

#endif
