/*
 * dev: `fnpool dev`, a development HTTP server in front of a functions
 * tree, with no web server and no master: each request is answered as
 * `fnpool invoke` answers one (invoke_exchange).
 */
#ifndef FNPOOL_DEV_H
#define FNPOOL_DEV_H

#include "core/config.h"

#define DEV_LISTEN_DEFAULT	"127.0.0.1:3000"

/*
 * Serves pool on listen ("HOST:PORT", "[V6]:PORT" or "PORT" on
 * 127.0.0.1; port 0 takes a free one) until SIGINT or SIGTERM.  Returns
 * the exit code: 0 after a stop signal, 1 when it could not start.
 */
int	 dev_run(const struct pool_config *, const char *listen);

#endif
