/*
 * serve: one request from CGI variables and body to a complete response,
 * with no I/O of its own: worker.c (FastCGI) and cgi.c (CGI) feed it.
 *   request_* (path) -> router_find -> runtime_handle -> response_serialize
 */
#ifndef FNPOOL_SERVE_H
#define FNPOOL_SERVE_H

#include <sys/types.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/response.h"
#include "http/request.h"
#include "http/router.h"
#include "js/runtime.h"
#include "worker/watch.h"

struct account;

#define SERVE_ROUTES	8	/* routes remembered while nothing changes */

/* A route found earlier, for the request path it was found for. */
struct serve_route {
	char		*path;		/* NULL: empty slot */
	char		*name, *file;
	struct route_param *params;
	int		 nparams;
};

struct serve {
	const struct pool_config *pool;
	struct router		 router;
	struct runtime		*rt;
	struct watch		*watch;		/* after serve_start */
	int			 started;
	/* the root directory's identity, to notice a re-pointed symlink */
	dev_t			 root_dev;
	ino_t			 root_ino;
	/* only while the watch follows the root: any change empties it */
	struct serve_route	 routes[SERVE_ROUTES];
	int			 routes_next;
	/* the worker polls the watch: read it only when it was readable */
	unsigned		 watch_gen;	/* changes with the watch */
	unsigned		 watch_polled;	/* the generation polled */
	int			 watch_news;	/* read when readable: changed */
	struct route		 route;		/* the request's, found */
	int			 finishing;	/* serve_finish has work */
};

int	 serve_init(struct serve *, const struct pool_config *);
void	 serve_free(struct serve *);
/*
 * For long-lived workers: follows deploys from now on (files changed
 * under the root, the root symlink re-pointed) and preloads functions
 * if the pool says so.  A CGI run, which serves one request, skips it.
 */
void	 serve_start(struct serve *);
/*
 * The inotify descriptor to wait on with the connections (-1: none) and,
 * in *gen, a number that changes whenever the descriptor does.  Once the
 * worker polls it (serve_watch_polled), serve_request no longer reads
 * the watch itself: the worker calls serve_watch_ready when it is
 * readable, which reads it.  A system call less per request.
 */
int	 serve_watch_fd(const struct serve *, unsigned *gen);
void	 serve_watch_polled(struct serve *, unsigned gen);
void	 serve_watch_ready(struct serve *);
/* Starts a request: fills the fields taken from env and a new id. */
void	 serve_begin(struct request *, char **env);
/*
 * Answers req (whose body has been read) into out; acct gets the function
 * it reached and the memory that function's state holds after it ran.
 */
void	 serve_request(struct serve *, struct request *, struct account *acct,
	    struct buf *out);
/*
 * When the function handed work to ctx.waitUntil (finishing is set),
 * serve_request keeps req and its route: once the response is sent,
 * serve_finish runs that work to its end, then frees req.
 */
void	 serve_finish(struct serve *, struct request *);
/*
 * serve_request in steps, for a worker with max_concurrent above 1
 * (worker/inflight.c).  serve_launch answers into out and returns NULL
 * (req freed), or returns the request in flight on route and res (the
 * caller's, alive until serve_done), which runtime_step drives.  Once it
 * answered, serve_answer makes the response into out (res freed);
 * serve_done ends it, with req.
 */
struct rtreq *serve_launch(struct serve *, struct request *, struct account *,
	    struct route *, struct response *, struct buf *out);
void	 serve_answer(struct serve *, struct request *, struct account *,
	    const struct route *, struct response *, struct buf *out);
void	 serve_done(struct serve *, struct request *, const struct route *);
/* Answers req with an error status without running any function. */
void	 serve_reject(struct request *, int status, const char *message,
	    struct buf *out);

#endif
