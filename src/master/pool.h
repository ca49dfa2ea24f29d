/*
 * pool: the master's view of its pools and workers, shared by master.c
 * (the loop, reload, stop), pool.c (workers: spawn, size, reap, crash
 * backoff, queue_timeout) and generation.c (configurations and sockets).
 * Nothing here runs in a worker except worker start-up in pool.c.
 */
#ifndef FNPOOL_POOL_H
#define FNPOOL_POOL_H

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
	unsigned long		 spawned, crashed, recycled, rejected, queued;
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
extern struct manager M;

struct census {
	int	active;		/* not asked to stop */
	int	idle;
	int	starting;
};

/* pool.c */
struct pool	*pool_new(struct pool_config *, struct generation *);
void		 pool_free(struct pool *);
void		 pool_census(const struct pool *, struct census *);
/* The pool of a new generation: its size for the shared counters. */
void		 pool_publish(struct pool *);
/* Spawns and stops workers so each current pool has what it needs. */
void		 pools_maintain(void);
/* Reaps dead workers: logs, counts crashes, frees drained pools. */
void		 pools_reap(void);
/* queue_timeout: answers 503 for requests waiting too long; returns 1
 * while the pool has no idle worker. */
int		 pool_check_queue(struct pool *, int64_t now);
void		 worker_stop(int slot, int sig);
/* Kills workers busy past request_timeout + BACKSTOP_GRACE_MS. */
#define BACKSTOP_GRACE_MS	1000
#define BACKSTOP_TICK_MS	250
void		 pools_backstop(int64_t now);
int		 pools_backstop_armed(void);
/* Whether any live worker's pool is one wants says yes to. */
int		 pools_any_worker(int (*wants)(const struct pool_config *));
/* slowlog_timeout: logs each request running past it, once. */
#define SLOWLOG_TICK_MS		100
void		 pools_slowlog(int64_t now);
int		 pools_slowlog_armed(void);
/* Samples the backlog of a pool (status, queue_timeout); the length or -1. */
int		 pool_sample_queue(struct pool *, int64_t now);
/* Live workers, of retired pools only or of all. */
int		 workers_count(int retired_only);
const char	*slot_running(const struct sb_slot *);
const char	*signal_name(int);

/* generation.c */
/* Opens the sockets of cfg's pools and makes them current; the running
 * pools are retired (they keep serving until drained).  -1: nothing
 * changed, cfg is still the caller's. */
int		 generation_load(struct config *cfg);
void		 activation_take(void);
void		 activation_close_unused(void);
void		 activation_free(void);

/* master.c: in a new worker, undoes the master's signal setup. */
void		 master_child_setup(void);

#endif
