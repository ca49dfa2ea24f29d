/*
 * accesslog: one line per request, in the pool's access.format, written
 * by the worker that answered it with a single write(2) on an O_APPEND
 * descriptor (so lines of concurrent workers never mix).  The master
 * opens the file (so the pool's user need not be able to) and workers
 * inherit it; on SIGUSR1 both open it again.  See docs/operations.md.
 */
#ifndef FNPOOL_ACCESSLOG_H
#define FNPOOL_ACCESSLOG_H

#include <stddef.h>
#include <stdint.h>

#include "core/accesslog_format.h"
#include "core/buf.h"
#include "core/config.h"
#include "http/request.h"

struct accesslog_entry {
	const struct request	*req;
	int			 status;
	size_t			 bytes;		/* of the body */
	int64_t			 duration_us;
	const char		*function;	/* "" when none was reached */
	uint64_t		 memory;	/* of the function's state */
	const char		*pool;
	long			 pid;
	const char		*trusted_proxies;
};

/* Appends the line for e (with its newline) to out. */
void	 accesslog_render(const struct accesslog_format *,
	    const struct accesslog_entry *, struct buf *out);

/* Master: opens the pool's access.log; -1 when unset or after logging why. */
int	 accesslog_master_open(const struct pool_config *);
/* Master, SIGUSR1: opens the path again onto fd (new workers inherit it). */
void	 accesslog_master_reopen(const struct pool_config *, int fd);

/* A new worker: the master's descriptor for its pool (-1: none). */
void	 accesslog_inherit(int fd);
/* Worker: starts logging if the pool has access.log: on the inherited
 * descriptor, or else (`fnpool worker`) on the file it opens; -1 after
 * logging why. */
int	 accesslog_open(const struct pool_config *);
/* Worker, SIGUSR1: opens the path again (after a rename); -1 when the
 * pool's user may not: the worker should then exit, to be replaced by
 * one that inherits the master's new descriptor. */
int	 accesslog_reopen(void);
int	 accesslog_enabled(void);
/* Fills e's pool, pid and proxies, renders and writes. */
void	 accesslog_write(struct accesslog_entry *);

#endif
