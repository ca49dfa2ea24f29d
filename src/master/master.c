/*
 * master: the process manager.
 *
 * Signals become bytes on a self-pipe, read by one poll loop, so no work
 * happens in a signal handler.  The loop also wakes on a short tick while
 * some pool needs watching (dynamic sizing, queue_timeout, a reload that
 * waits for its new workers); otherwise it sleeps until a signal.
 *
 * Pools belong to a generation: the configuration they were loaded from.
 * A reload creates the next generation on the same sockets, waits until
 * its workers are up, and only then asks the old workers to finish their
 * current request and exit.  Both generations accept from one socket in
 * the meantime, so no connection is refused or dropped.
 *
 * The master learns what workers do from the scoreboard (scoreboard.c):
 * which are idle, what a dead worker was running, how long requests run.
 * Workers and their pools are in pool.c, configurations and sockets in
 * generation.c; this file is the loop, reload and stop.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "worker/accesslog.h"
#include "master/daemon.h"
#include "master/listen.h"
#include "core/log.h"
#include "master/master.h"
#include "master/overload.h"
#include "master/pool.h"
#include "master/sdnotify.h"
#include "master/status.h"

#define RELOAD_READY_MS		5000	/* drain old workers by then anyway */
#define TICK_BUSY_MS		5	/* a pool with queue_timeout is full */
#define TICK_WATCH_MS		50	/* dynamic pools, pending reloads */

static struct {
	int		 reload_pending;	/* old generation not yet drained */
	int		 reload_failing;	/* new one crash-loops: wait */
	int64_t		 reload_deadline;
	int64_t		 kill_at;		/* SIGKILL retired workers */
	char		*pidfile;		/* as first written */
} run;

static int sigpipe_fds[2] = { -1, -1 };

static void
on_signal(int sig)
{
	unsigned char b = (unsigned char)sig;
	int saved = errno;

	(void)!write(sigpipe_fds[1], &b, 1);
	errno = saved;
}

static const int handled_signals[] = {
	SIGCHLD, SIGTERM, SIGQUIT, SIGINT, SIGHUP, SIGUSR1,
};
#define NSIGNALS (sizeof(handled_signals) / sizeof(handled_signals[0]))

static void
signals_setup(void)
{
	struct sigaction sa;
	size_t i;

	if (pipe2(sigpipe_fds, O_NONBLOCK | O_CLOEXEC) == -1)
		log_fatal("pipe2");
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	for (i = 0; i < NSIGNALS; i++)
		sigaction(handled_signals[i], &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

void
master_child_setup(void)
{
	struct sigaction sa;
	sigset_t none;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NSIGNALS; i++)
		sigaction(handled_signals[i], &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	close(sigpipe_fds[0]);
	close(sigpipe_fds[1]);
}

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
	const char *path = M.current->cfg->path;
	enum log_level old_level = M.current->cfg->log_level;
	struct config *cfg;
	char *old_target;

	log_notice("SIGHUP: reloading %s", path);
	notify_reloading();
	if ((cfg = config_load(path)) == NULL) {
		log_error("reload failed: %s has errors (above); still serving "
		    "with generation %u", path, M.current->id);
		sd_notify_send("READY=1");
		return;
	}
	if ((old_target = strdup(M.current->cfg->error_log)) == NULL)
		log_fatal("strdup");
	if (generation_load(cfg) == -1) {
		log_error("reload failed: cannot open the new sockets or logs; still "
		    "serving with generation %u", M.current->id);
		config_free(cfg);
		free(old_target);
		sd_notify_send("READY=1");
		return;
	}
	reload_log(old_target, old_level, cfg);
	free(old_target);
	pools_maintain();
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

	for (p = M.pools; p != NULL; p = p->next) {
		if (p->retired)
			continue;
		pool_census(p, &cs);
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
	struct pool *p, *next;
	int i, n = 0;

	for (i = 0; i < SB_SLOTS; i++) {
		if (M.workers[i].pid == 0 || !M.workers[i].pool->retired ||
		    M.workers[i].stopping)
			continue;
		worker_stop(i, SIGTERM);
		n++;
	}
	for (p = M.pools; p != NULL; p = next) {
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
	run.kill_at = n > 0 ? monotonic_ms() + M.current->cfg->shutdown_timeout :
	    0;
	log_notice("reloaded: generation %u serving; %d old workers finish "
	    "their current request", M.current->id, n);
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
			    "they start (or the next reload)", M.current->id);
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
	int i, n = 0;

	for (i = 0; i < SB_SLOTS; i++)	/* not a generation kept serving */
		if (M.workers[i].pid != 0 && M.workers[i].pool->retired &&
		    M.workers[i].stopping) {
			worker_stop(i, SIGKILL);
			n++;
		}
	if (n > 0)
		log_warn("old workers still busy after shutdown_timeout "
		    "(%ld ms): killing them", M.current->cfg->shutdown_timeout);
	run.kill_at = 0;
}

/* Stops accepting, lets workers finish (graceful) or kills them (fast). */
static void
stop_all(int graceful)
{
	int64_t deadline = monotonic_ms() + M.current->cfg->shutdown_timeout;
	struct pollfd pfd = { .fd = sigpipe_fds[0], .events = POLLIN };
	unsigned char b[64];
	struct pool *p;
	int i, killed = !graceful;

	status_close_all();
	for (p = M.pools; p != NULL; p = p->next) {
		if (p->listen_fd != -1 && !p->activated)
			listen_close(p->conf, p->listen_fd);
		else if (p->listen_fd != -1)
			close(p->listen_fd);
		p->listen_fd = -1;
		if (p->status_fd != -1)
			status_listen_close(p->conf, p->status_fd);
		p->status_fd = -1;
		p->retired = 1;
	}
	for (i = 0; i < SB_SLOTS; i++)
		if (M.workers[i].pid != 0)
			worker_stop(i, graceful ? SIGTERM : SIGKILL);
	while (workers_count(0) > 0) {
		int64_t left = deadline - monotonic_ms();

		if (left <= 0 && !killed) {
			log_warn("%d workers still busy after shutdown_timeout "
			    "(%ld ms): killing them", workers_count(0),
			    M.current->cfg->shutdown_timeout);
			for (i = 0; i < SB_SLOTS; i++)
				if (M.workers[i].pid != 0)
					worker_stop(i, SIGKILL);
			killed = 1;
		}
		poll(&pfd, 1, left > 0 ? (int)(left > 100 ? 100 : left) : 100);
		while (read(sigpipe_fds[0], b, sizeof(b)) > 0)
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
		for (p = M.pools; p != NULL; p = p->next)
			if (p->access_fd != -1)
				accesslog_master_reopen(p->conf, p->access_fd);
		for (i = 0; i < SB_SLOTS; i++)
			if (M.workers[i].pid != 0)
				kill(M.workers[i].pid, SIGUSR1);
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
	int64_t now = monotonic_ms(), t = -1, s;
	struct pool *p;

	if (saturated)
		return TICK_BUSY_MS;
	if (run.reload_pending)
		t = TICK_WATCH_MS;
	if (run.kill_at != 0 && (t == -1 || run.kill_at - now < t))
		t = run.kill_at > now ? run.kill_at - now : 0;
	if (pools_backstop_armed() && (t == -1 || t > BACKSTOP_TICK_MS))
		t = BACKSTOP_TICK_MS;
	if (pools_slowlog_armed() && (t == -1 || t > SLOWLOG_TICK_MS))
		t = SLOWLOG_TICK_MS;
	if ((s = status_timeout(now)) != -1 && (t == -1 || s < t))
		t = s;
	for (p = M.pools; p != NULL; p = p->next) {
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
	static struct pollfd pfd[1 + STATUS_POLLFDS_MAX];
	unsigned char sigs[64];
	int stop = 0, saturated = 0, nstatus, timeout;
	struct pool *p;
	ssize_t i, n;

	pfd[0].fd = sigpipe_fds[0];
	pfd[0].events = POLLIN;
	while (!stop) {
		timeout = next_timeout(saturated);	/* closes late clients */
		nstatus = status_pollfds(pfd + 1, STATUS_POLLFDS_MAX);
		if (poll(pfd, 1 + (nfds_t)nstatus, timeout) == -1) {
			if (errno != EINTR)
				log_fatal("poll");
			nstatus = 0;
		}
		/* before a signal can change the pools they point at */
		status_events(pfd + 1, nstatus);
		while (!stop && (n = read(sigpipe_fds[0], sigs, sizeof(sigs))) > 0)
			for (i = 0; i < n && !stop; i++)
				stop = handle_signal(sigs[i]);
		if (stop)
			break;
		saturated = 0;
		for (p = M.pools; p != NULL; p = p->next)
			saturated |= pool_check_queue(p, monotonic_ms());
		pools_backstop(monotonic_ms());
		pools_slowlog(monotonic_ms());
		pools_maintain();
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
	while (M.pools != NULL)
		pool_free(M.pools);
	if (M.current != NULL) {
		config_free(M.current->cfg);
		free(M.current);
		M.current = NULL;
	}
	activation_free();
	free(run.pidfile);
}

int
master_run(struct config *cfg, int daemonize)
{
	int stop;

	M.pid = getpid();
	if (pidfile_check(cfg->pid) == -1 || scoreboard_init() == -1 ||
	    counters_init() == -1) {
		config_free(cfg);
		return 1;
	}
	if (cfg->pid != NULL && (run.pidfile = strdup(cfg->pid)) == NULL)
		log_fatal("strdup");
	activation_take();
	overload_init();
	signals_setup();	/* after FCGX_Init, which sets its own */
	srandom((unsigned)getpid() ^ (unsigned)time(NULL));
	if (generation_load(cfg) == -1) {
		config_free(cfg);
		master_free();
		return 1;
	}
	activation_close_unused();
	if (daemonize) {
		daemon_start(cfg->error_log != NULL &&
		    strcmp(cfg->error_log, "stderr") == 0);
		M.pid = getpid();
	}
	if (pidfile_write(run.pidfile) == -1) {
		daemon_ready(0);
		stop_all(0);
		master_free();
		return 1;
	}
	pools_maintain();
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
