/*
 * child: the master's state that a new worker must not keep: its signal
 * handlers, the other pools' sockets and logs, the status connections,
 * the scheduled runs' connections, and the inotify instances of other
 * workers.
 */
#include <sys/prctl.h>

#include <signal.h>
#include <unistd.h>

#include "core/exitcodes.h"
#include "master/child.h"
#include "master/manager.h"
#include "master/schedule.h"
#include "master/selfpipe.h"
#include "master/status.h"

static void
close_other_pools(const struct pool *p)
{
	const struct pool *q;

	for (q = manager.pools; q != NULL; q = q->next) {
		if (q != p && q->listen_fd != -1)
			close(q->listen_fd);
		if (q != p && q->access_fd != -1)
			close(q->access_fd);
	}
}

/* A worker keeps its own inotify instance and no other worker's. */
static void
close_other_inotify(int slot)
{
	const struct worker *w;
	const struct pool *q;
	int i;

	for (i = 0; i < SB_SLOTS; i++) {
		w = &manager.workers[i];
		if (i != slot && w->pid != 0 && w->inotify_fd != -1)
			close(w->inotify_fd);
	}
	for (q = manager.pools; q != NULL; q = q->next)
		for (i = 0; i < q->nspare; i++)
			close(q->inotify_spare[i]);
}

void
child_setup(const struct pool *p, int slot)
{
	selfpipe_undo();
	/* never outlive the master (but finish the current request) */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != manager.pid)
		_exit(FNPOOL_EXIT_START);	/* the master is gone already */
	close_other_pools(p);
	status_child_close();
	schedule_child_close();
	close_other_inotify(slot);
}
