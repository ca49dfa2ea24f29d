/*
 * worker: a FastCGI worker process.  Serves requests from the listening
 * socket and from connections the web server keeps open, one at a time.
 */
#ifndef FNPOOL_WORKER_H
#define FNPOOL_WORKER_H

#include "worker/serve.h"

/* Serves until stopped (SIGTERM/SIGQUIT/SIGINT) or after max_requests
 * (0: no limit).  Returns the process exit code. */
int	 worker_run(struct serve *, int listen_fd, long max_requests);

#endif
