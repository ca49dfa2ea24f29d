/*
 * scoreboard: one slot per worker in memory shared by the master and all
 * workers (MAP_SHARED, created before the first fork).  A worker writes
 * only its own slot; the master, and later the status and metrics code,
 * read every slot.  A slot's writer brackets each update with a sequence
 * counter (odd while writing), so readers take consistent snapshots
 * without locks: see scoreboard_read.
 */
#ifndef FNPOOL_SCOREBOARD_H
#define FNPOOL_SCOREBOARD_H

#include <sys/types.h>
#include <stdint.h>

#include "core/config.h"
#include "core/request_id.h"

#define SB_SLOTS	(2 * CONFIG_WORKERS_TOTAL)	/* room for a reload */
#define SB_FUNCTION_MAX	128
#define SB_NOTE_MAX	96

enum sb_state {
	SB_FREE,	/* no worker */
	SB_STARTING,	/* forked, loading */
	SB_IDLE,	/* waiting for a request */
	SB_BUSY,	/* running one */
};

struct sb_slot {
	uint32_t	 seq;		/* odd while the worker writes */
	uint32_t	 generation;	/* config generation of the pool */
	int32_t		 pid;
	uint8_t		 state;		/* enum sb_state */
	uint64_t	 requests;	/* served by this worker */
	int64_t		 started_ms;	/* worker start, monotonic */
	int64_t		 request_ms;	/* current request start, 0: none */
	int64_t		 idle_ms;	/* idle since, monotonic */
	uint64_t	 rss;		/* bytes, after the first request, then
					   every 16th (every one with max_rss) */
	int32_t		 counters;	/* the pool's entry in counters.c */
	char		 pool[CONFIG_POOL_NAME_MAX + 1];
	char		 function[SB_FUNCTION_MAX];	/* "api/users.js", once routed */
	char		 uri[SB_FUNCTION_MAX];		/* request URI, query cut */
	char		 request_id[REQUEST_ID_LEN + 1];
	int64_t		 last_ms;	/* the last request took; its uri,
					 * function and id stay above */
	char		 note[SB_NOTE_MAX];	/* what the request waits on now:
					 * "fetch to api.example.com"; "": none */
	uint8_t		 finishing;	/* SB_BUSY after the response: the
					 * request's ctx.waitUntil work */
	uint16_t	 inflight;	/* max_concurrent above 1: requests
					 * in flight (their ctx.waitUntil
					 * work included); request_ms, uri,
					 * function, id: the latest one's */
	uint16_t	 concurrent;	/* its max_concurrent (0: 1) */
};

/* Maps the shared area; the master calls it once, before forking. */
int	 scoreboard_init(void);
struct sb_slot	*scoreboard_slot(int i);

/* Master: claims a free slot for a worker to be forked; -1 when full. */
int	 scoreboard_claim(const char *pool, uint32_t generation, int counters);
/* Master: after fork, the pid of the slot's worker. */
void	 scoreboard_set_pid(int i, pid_t);
/* Master: the worker of slot i is gone. */
void	 scoreboard_release(int i);
/* A consistent copy of slot i. */
void	 scoreboard_read(int i, struct sb_slot *out);

/* Worker side, on its own slot; no-ops when the process has no slot
 * (`fnpool worker` under spawn-fcgi). */
void	 scoreboard_attach(int i);
void	 scoreboard_idle(void);
void	 scoreboard_busy(const char *request_id, const char *uri);
/* The function the request was routed to (file under the root). */
void	 scoreboard_function(const char *function);
/* What the running request waits on now ("" or NULL: nothing). */
void	 scoreboard_note(const char *note);
/* The response is out; the request's ctx.waitUntil work runs. */
void	 scoreboard_finishing(void);
/*
 * max_concurrent above 1: n requests in flight of at most max, ended of
 * them just ended (counted as served).
 */
void	 scoreboard_inflight(int n, int max, int ended);
/* The slot's state, SB_FREE without a slot. */
enum sb_state scoreboard_state(void);
/* The slot's counters entry, -1 without a slot. */
int	 scoreboard_counters(void);
/* Returns the worker's RSS in bytes, also stored in its slot. */
uint64_t scoreboard_update_rss(void);

int64_t	 monotonic_ms(void);

#endif
