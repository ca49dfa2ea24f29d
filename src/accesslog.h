/*
 * accesslog: one line per request, in the pool's access.format, written
 * by the worker that answered it with a single write(2) on an O_APPEND
 * descriptor (so lines of concurrent workers never mix) and reopened on
 * SIGUSR1 for log rotation.  See docs/operations.md for the fields.
 */
#ifndef FNPOOL_ACCESSLOG_H
#define FNPOOL_ACCESSLOG_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "config.h"
#include "request.h"

#define ACCESSLOG_DEFAULT_FORMAT \
	"%{remote_addr} - %{remote_user} [%{time}] \"%{method} %{uri} " \
	"%{protocol}\" %{status} %{bytes} \"%{referer}\" \"%{user_agent}\" " \
	"%{request_id} %{duration_ms}"

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

struct accesslog_format;

/* Compiles fmt; NULL with a reason in err (naming the bad field). */
struct accesslog_format	*accesslog_parse(const char *fmt, char *err,
			    size_t errsize);
void	 accesslog_format_free(struct accesslog_format *);
/* Appends the line for e (with its newline) to out. */
void	 accesslog_render(const struct accesslog_format *,
	    const struct accesslog_entry *, struct buf *out);

/* Worker: opens the pool's access.log (nothing when unset); -1 after
 * logging why. */
int	 accesslog_open(const struct pool_config *);
/* SIGUSR1: opens the path again (after a rename); keeps the old
 * descriptor when that fails. */
void	 accesslog_reopen(void);
int	 accesslog_enabled(void);
/* Fills e's pool, pid and proxies, renders and writes. */
void	 accesslog_write(struct accesslog_entry *);

#endif
