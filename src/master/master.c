/*
 * master: the process manager's loop, reload and stop.  The loop sleeps
 * in poll until a signal (selfpipe.c) unless a pool, a reload or a
 * timeout needs watching: then it wakes on a short tick.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/schedule_key.h"
#include "master/activation.h"
#include "master/census.h"
#include "master/daemon.h"
#include "master/generation.h"
#include "master/listen.h"
#include "master/manager.h"
#include "master/master.h"
#include "master/overload.h"
#include "master/pool.h"
#include "master/queue.h"
#include "master/schedule.h"
#include "master/sdnotify.h"
#include "master/selfpipe.h"
#include "master/status.h"
#include "master/watchdog.h"
#include "shm/counters.h"
#include "shm/scoreboard.h"
#include "worker/accesslog.h"

#define RELOAD_READY_MS		5000	/* drain old workers by then anyway */
#define TICK_BUSY_MS		5	/* a pool with queue_timeout is full */
#define TICK_WATCH_MS		50	/* dynamic pools, pending reloads */

static struct {
	int		 reload_pending;	/* old generation not yet drained */
	int		 reload_failing;	/* new one crash-loops: wait */
	int64_t		 reload_deadline;
	int64_t		 kill_at;		/* SIGKILL retired workers */
	char		*pidfile;		/* as first written */
	int		 sigfd;			/* selfpipe.c's end */
} run = { .sigfd = -1 };

/* ---- reload and stop --------------------------------------------------- */

static void
notify_reloading(void)
{
	char msg[64];

	snprintf(msg, sizeof(msg), "RELOADING=1\nMONOTONIC_USEC=%lld",
	    (long long)monotonic_ms() * 1000);
	sd_notify_send(msg);
}

/* error_log and log_level apply at once (new workers inherit them). */
static void
reload_log(const char *old_target, enum log_level old_level,
    const struct config *cfg)
{
	if (old_level == cfg->log_level &&
	    strcmp(old_target, cfg->error_log) == 0)
		return;
	if (log_open(cfg->error_log, cfg->log_level) == -1)
		log_error("error_log %s: %s: logging stays where it was",
		    cfg->error_log, strerror(errno));
}

static void
reload(void)
{
	const char *path = manager.current->cfg->path;
	enum log_level old_level = manager.current->cfg->log_level;
	struct config *cfg;
	char *old_target;

	log_notice("SIGHUP: reloading %s", path);
	notify_reloading();
	if ((cfg = config_load(path)) == NULL) {
		log_error("reload failed: %s has errors (above); still serving "
		    "with generation %u", path, manager.current->id);
		sd_notify_send("READY=1");
		return;
	}
	if ((old_target = strdup(manager.current->cfg->error_log)) == NULL)
		log_fatal("strdup");
	if (generation_load(cfg) == -1) {
		log_error("reload failed: cannot open the new sockets or logs; still "
		    "serving with generation %u", manager.current->id);
		config_free(cfg);
		free(old_target);
		sd_notify_send("READY=1");
		return;
	}
	reload_log(old_target, old_level, cfg);
	free(old_target);
	pools_maintain();
	schedule_sync();
	run.reload_pending = 1;
	run.reload_failing = 0;
	run.reload_deadline = monotonic_ms() + RELOAD_READY_MS;
}

enum gen_state { GEN_STARTING, GEN_READY, GEN_FAILING };

/*
 * Whether every pool of the current generation has its first workers up,
 * or one of them is in a crash loop (its workers die as they start: the
 * old generation then keeps serving, see reload_check).
 */
static enum gen_state
new_generation_state(void)
{
	enum gen_state st = GEN_READY;
	struct census cs;
	struct pool *p;
	long want;

	for (p = manager.pools; p != NULL; p = p->next) {
		if (p->retired)
			continue;
		census_take(p, &cs);
		want = p->conf->pm == PM_STATIC ? p->conf->workers :
		    p->conf->min_idle;
		if (cs.active - cs.starting >= want)
			continue;
		if (p->backoff_ms > 0)
			return GEN_FAILING;
		st = GEN_STARTING;
	}
	return st;
}

/* Asks every worker of the retired pools to finish and exit. */
static void
drain_retired(void)
{
	const struct worker *w;
	struct pool *p, *next;
	int i, n = 0;

	for (i = 0; i < SB_SLOTS; i++) {
		w = &manager.workers[i];
		if (w->pid == 0 || !w->pool->retired || w->stopping)
			continue;
		pool_stop_worker(i, SIGTERM);
		n++;
	}
	for (p = manager.pools; p != NULL; p = next) {
		next = p->next;
		if (!p->retired)
			continue;
		if (p->listen_fd != -1) {	/* a pool that was removed */
			if (p->activated)
				close(p->listen_fd);
			else
				listen_close(p->conf, p->listen_fd);
			p->listen_fd = -1;
		}
		if (p->nworkers == 0)
			pool_free(p);
	}
	run.reload_pending = 0;
	run.kill_at = n > 0 ?
	    monotonic_ms() + manager.current->cfg->shutdown_timeout : 0;
	log_notice("reloaded: generation %u serving; %d old workers finish "
	    "their current request", manager.current->id, n);
	sd_notify_send("READY=1");
}

/*
 * Drains the old generation once the new one is up, or after
 * RELOAD_READY_MS if it is merely slow; never while the new one's workers
 * keep dying, so a configuration whose workers cannot start (unreadable
 * functions, a user who may not read them) leaves the old one serving.
 */
static void
reload_check(void)
{
	enum gen_state st = new_generation_state();

	if (st == GEN_FAILING) {
		if (!run.reload_failing)
			log_error("reload: the workers of generation %u keep "
			    "dying; the previous generation keeps serving until "
			    "they start (or the next reload)",
			    manager.current->id);
		run.reload_failing = 1;
		return;
	}
	if (st == GEN_READY || (!run.reload_failing &&
	    monotonic_ms() >= run.reload_deadline))
		drain_retired();
}

static void
kill_retired(void)
{
	const struct worker *w;
	int i, n = 0;

	for (i = 0; i < SB_SLOTS; i++) {	/* not a generation kept serving */
		w = &manager.workers[i];
		if (w->pid != 0 && w->pool->retired && w->stopping) {
			pool_stop_worker(i, SIGKILL);
			n++;
		}
	}
	if (n > 0)
		log_warn("old workers still busy after shutdown_timeout "
		    "(%ld ms): killing them",
		    manager.current->cfg->shutdown_timeout);
	run.kill_at = 0;
}

/* Stops accepting, lets workers finish (graceful) or kills them (fast). */
static void
stop_all(int graceful)
{
	int64_t deadline = monotonic_ms() +
	    manager.current->cfg->shutdown_timeout;
	struct pollfd pfd = { .fd = run.sigfd, .events = POLLIN };
	unsigned char b[64];
	int i, killed = !graceful;

	status_close_all();
	schedule_close_all();
	generation_close_all();
	for (i = 0; i < SB_SLOTS; i++)
		if (manager.workers[i].pid != 0)
			pool_stop_worker(i, graceful ? SIGTERM : SIGKILL);
	while (pools_count_workers(0) > 0) {
		int64_t left = deadline - monotonic_ms();

		if (left <= 0 && !killed) {
			log_warn("%d workers still busy after shutdown_timeout "
			    "(%ld ms): killing them", pools_count_workers(0),
			    manager.current->cfg->shutdown_timeout);
			for (i = 0; i < SB_SLOTS; i++)
				if (manager.workers[i].pid != 0)
					pool_stop_worker(i, SIGKILL);
			killed = 1;
		}
		poll(&pfd, 1, left > 0 ? (int)(left > 100 ? 100 : left) : 100);
		while (read(run.sigfd, b, sizeof(b)) > 0)
			;
		pools_reap();
	}
}

/* ---- the loop ---------------------------------------------------------- */

/* Handles one signal; returns the stop signal when it asks to stop. */
static int
handle_signal(int sig)
{
	struct pool *p;
	int i;

	switch (sig) {
	case SIGCHLD:
		pools_reap();
		return 0;
	case SIGUSR1:
		if (log_reopen() == -1)
			log_error("reopening the error log: %s", strerror(errno));
		for (p = manager.pools; p != NULL; p = p->next)
			if (p->access_fd != -1)
				accesslog_master_reopen(p->conf, p->access_fd);
		for (i = 0; i < SB_SLOTS; i++)
			if (manager.workers[i].pid != 0)
				kill(manager.workers[i].pid, SIGUSR1);
		log_notice("log files reopened");
		return 0;
	case SIGHUP:
		reload();
		return 0;
	default:
		return sig;
	}
}

/* How long poll may sleep: -1 (until a signal) unless a pool or a
 * reload needs watching or a timer is due. */
static int
next_timeout(int saturated)
{
	int64_t now = monotonic_ms(), t = -1, s, w;
	struct pool *p;

	if (saturated)
		return TICK_BUSY_MS;
	if (run.reload_pending)
		t = TICK_WATCH_MS;
	if (run.kill_at != 0 && (t == -1 || run.kill_at - now < t))
		t = run.kill_at > now ? run.kill_at - now : 0;
	if ((w = watchdog_tick()) != -1 && (t == -1 || t > w))
		t = w;
	if ((s = status_timeout(now)) != -1 && (t == -1 || s < t))
		t = s;
	if ((s = schedule_timeout()) != -1 && (t == -1 || s < t))
		t = s;
	for (p = manager.pools; p != NULL; p = p->next) {
		if (p->retired)
			continue;
		if (p->conf->pm == PM_DYNAMIC || p->conf->queue_timeout > 0 ||
		    p->conf->status_listen != NULL)
			if (t == -1 || t > TICK_WATCH_MS)
				t = TICK_WATCH_MS;
		if (p->respawn_at > now && (t == -1 || p->respawn_at - now < t))
			t = p->respawn_at - now;
	}
	return (int)t;
}

static int
loop(void)
{
	static struct pollfd pfd[1 + STATUS_POLLFDS_MAX + SCHEDULE_MAX];
	unsigned char sigs[64];
	int stop = 0, saturated = 0, nstatus, nsched, timeout;
	struct pool *p;
	ssize_t i, n;

	pfd[0].fd = run.sigfd;
	pfd[0].events = POLLIN;
	while (!stop) {
		timeout = next_timeout(saturated);	/* closes late clients */
		nstatus = status_pollfds(pfd + 1, STATUS_POLLFDS_MAX);
		nsched = schedule_pollfds(pfd + 1 + nstatus, SCHEDULE_MAX);
		if (poll(pfd, 1 + (nfds_t)(nstatus + nsched), timeout) == -1) {
			if (errno != EINTR)
				log_fatal("poll");
			nstatus = nsched = 0;
		}
		/* before a signal can change the pools they point at */
		status_events(pfd + 1, nstatus);
		schedule_events(pfd + 1 + nstatus, nsched);
		while (!stop && (n = read(run.sigfd, sigs, sizeof(sigs))) > 0)
			for (i = 0; i < n && !stop; i++)
				stop = handle_signal(sigs[i]);
		if (stop)
			break;
		saturated = 0;
		for (p = manager.pools; p != NULL; p = p->next)
			saturated |= queue_check(p, monotonic_ms());
		watchdog_check(monotonic_ms());
		pools_maintain();
		schedule_check();
		if (run.reload_pending)
			reload_check();
		if (run.kill_at != 0 && monotonic_ms() >= run.kill_at)
			kill_retired();
	}
	return stop;
}

static void
master_free(void)
{
	while (manager.pools != NULL)
		pool_free(manager.pools);
	if (manager.current != NULL) {
		config_free(manager.current->cfg);
		free(manager.current);
		manager.current = NULL;
	}
	activation_free();
	free(run.pidfile);
}

int
master_run(struct config *cfg, int daemonize)
{
	int stop;

	manager.pid = getpid();
	if (pidfile_check(cfg->pid) == -1 || scoreboard_init() == -1 ||
	    counters_init() == -1) {
		config_free(cfg);
		return 1;
	}
	if (cfg->pid != NULL && (run.pidfile = strdup(cfg->pid)) == NULL)
		log_fatal("strdup");
	activation_take();
	overload_init();
	run.sigfd = selfpipe_init();	/* after FCGX_Init, which sets its own */
	srandom((unsigned)getpid() ^ (unsigned)time(NULL));
	schedule_key_init();	/* before the first fork: workers inherit it */
	if (generation_load(cfg) == -1) {
		config_free(cfg);
		master_free();
		return 1;
	}
	activation_close_unused();
	if (daemonize) {
		daemon_start(cfg->error_log != NULL &&
		    strcmp(cfg->error_log, "stderr") == 0);
		manager.pid = getpid();
	}
	if (pidfile_write(run.pidfile) == -1) {
		daemon_ready(0);
		stop_all(0);
		master_free();
		return 1;
	}
	pools_maintain();
	schedule_sync();
	daemon_ready(1);
	sd_notify_send("READY=1");
	stop = loop();
	log_notice("%s: stopping %s", signal_name(stop),
	    stop == SIGINT ? "now" : "after the current requests");
	sd_notify_send("STOPPING=1");
	stop_all(stop != SIGINT);
	pidfile_remove(run.pidfile);
	master_free();
	log_notice("stopped");
	return 0;
}
