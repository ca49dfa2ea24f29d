/*
 * timeout: request_timeout for FastCGI workers and CGI runs.  MuJS cannot be
 * interrupted, so a request that runs too long is answered from a signal
 * handler with a prepared 504 and the worker exits (see docs/limits.md).
 */
#ifndef FNPOOL_TIMEOUT_H
#define FNPOOL_TIMEOUT_H

#include <stddef.h>
#include <time.h>

#include "core/config.h"

/* Prepares the pool's 504 and installs the handler; ms 0: no timeout. */
void	timeout_init(const struct pool_config *);
/*
 * Starts the clock for the request id on FastCGI connection fd.  With
 * fcgi_id 0 (no FastCGI request has that id), fd takes the bare CGI
 * response instead (cgi.c).  With fd -1 (preloading functions at start)
 * there is no one to answer: expiry only logs and exits.
 */
void	timeout_arm(int fd, int fcgi_id, const char *request_id);
/* Names the function the armed request runs, for the log line. */
void	timeout_function(const char *name);
/*
 * After the response of a request whose function handed work to
 * ctx.waitUntil: the clock goes on, now to background_timeout (or
 * request_timeout) from the request's start, and its expiry only logs
 * (naming function fn) and exits: there is no response left to break.
 */
void	timeout_background(const char *fn);
/* Stops the clock; from here on nothing of the 504 can be written. */
void	timeout_disarm(void);

/*
 * For code that waits or loops outside MuJS (js/builtin/db.c).
 * timeout_left_ms: milliseconds before the armed request's deadline
 * (0 once past it), or -1 when nothing is armed.  timeout_expire: ends
 * the armed request now, exactly as its timer would (504, log, exit); a
 * no-op when nothing is armed.  timeout_on_expire: fn runs in the
 * expiry path after the 504 is written and before the exit, so it must
 * be async-signal-safe (PQcancel is); NULL removes it.
 */
long	timeout_left_ms(void);
void	timeout_expire(void);
void	timeout_on_expire(void (*fn)(void));

/*
 * max_concurrent above 1 (worker/inflight.c).  Only the request whose
 * JavaScript runs is armed: timeout_resume arms the clock for it, as
 * timeout_arm does, with what is left of its request_timeout from start
 * (of background_timeout, with background: its ctx.waitUntil work), and
 * timeout_disarm stops it.  If it fires, the JavaScript did not return
 * to the loop in time: before the runaway's 504, every request added
 * with timeout_spare_add gets its prepared 503, built by
 * timeout_spare_build (Retry-After, its request id), and the worker
 * exits.  Add and remove only while nothing is armed.
 */
struct timeout_spare {
	int		 fd;
	int		 fcgi_id;
	size_t		 len;
	unsigned char	 rec[1200];	/* records around 2 x 512 */
};
void	timeout_resume(int fd, int fcgi_id, const char *request_id,
	    const struct timespec *start, int background);
void	timeout_spare_build(struct timeout_spare *, int fd, int fcgi_id,
	    const char *request_id);
void	timeout_spare_add(const struct timeout_spare *);
void	timeout_spare_remove(const struct timeout_spare *);

#endif
