/*
 * overload: the master's own minimal FastCGI responder.  When every
 * worker of a pool is busy and a connection has waited queue_timeout in
 * the backlog, the master takes it and answers 503 with Retry-After,
 * without running any function.
 */
#ifndef FNPOOL_OVERLOAD_H
#define FNPOOL_OVERLOAD_H

/* Call once in the master before accepting (sets up libfcgi). */
void	 overload_init(void);

/*
 * Accepts one connection from listen_fd and answers it 503.  waited_ms
 * is how long it waited (for the log).  Returns 1 when a connection was
 * taken (answered or found abandoned), 0 when the backlog was empty.
 */
int	 overload_reject(int listen_fd, const char *pool, long waited_ms,
	    long retry_after_s);

#endif
