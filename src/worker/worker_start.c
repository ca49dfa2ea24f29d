/*
 * worker_start: from the master's fork to the worker's exit.
 */
#include <sys/prctl.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/exitcodes.h"
#include "core/log.h"
#include "shm/scoreboard.h"
#include "worker/accesslog.h"
#include "worker/serve.h"
#include "worker/watch.h"
#include "worker/worker.h"
#include "worker/worker_start.h"

void
worker_start(const struct pool_config *conf, const struct privileges *pv,
    int slot, int listen_fd, int access_fd, int inotify_fd, long max_requests)
{
	struct serve sv;
	char role[96];
	int code;

	accesslog_inherit(access_fd);
	watch_adopt(inotify_fd);
	snprintf(role, sizeof(role), "fnpool:%s", conf->name);
	prctl(PR_SET_NAME, role);	/* ps and top tell pools apart */
	snprintf(role, sizeof(role), "%s worker", conf->name);
	log_set_role(role);
	privileges_drop(conf, pv);
	scoreboard_attach(slot);
	if (serve_init(&sv, conf) == -1)
		_exit(FNPOOL_EXIT_START);
	scoreboard_update_rss();	/* the status shows it before a request */
	code = worker_run(&sv, listen_fd, max_requests);
	serve_free(&sv);
	exit(code);
}
