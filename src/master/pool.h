/*
 * pool: the workers of each pool: spawning, sizing, reaping, crash-loop
 * backoff.
 */
#ifndef FNPOOL_POOL_H
#define FNPOOL_POOL_H

#include "core/config.h"
#include "master/manager.h"
#include "shm/scoreboard.h"

struct pool	*pool_new(struct pool_config *, struct generation *);
/* The pool of a new generation: its size for the shared counters. */
void		 pool_publish(struct pool *);
void		 pool_free(struct pool *);
/* Spawns and stops workers so each current pool has what it needs. */
void		 pools_maintain(void);
/* Asks the worker in slot to exit (sig), which is then no crash. */
void		 pool_stop_worker(int slot, int sig);
/* Reaps dead workers: logs, counts crashes, frees drained pools. */
void		 pools_reap(void);
/* Live workers, of retired pools only or of all. */
int		 pools_count_workers(int retired_only);
/* What a busy slot runs, for a log line. */
const char	*pool_describe_slot(const struct sb_slot *);

#endif
