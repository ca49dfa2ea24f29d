/*
 * pool: the workers of each pool.  Spawning, sizing (static; dynamic from
 * the scoreboard's idle count), reaping with a log line that says what
 * the dead worker was running, and crash-loop backoff.
 */
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/exitcodes.h"
#include "core/log.h"
#include "core/privileges.h"
#include "master/census.h"
#include "master/child.h"
#include "master/inotify_spare.h"
#include "master/listen.h"
#include "master/manager.h"
#include "master/pool.h"
#include "shm/counters.h"
#include "shm/scoreboard.h"
#include "worker/worker_start.h"

#define BACKOFF_FIRST_MS	100
#define BACKOFF_MAX_MS		30000

struct manager manager;

/* ---- pool objects ------------------------------------------------------ */

struct pool *
pool_new(struct pool_config *conf, struct generation *gen)
{
	struct pool *p;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		log_fatal("calloc");
	p->crashes = calloc((size_t)conf->crash_limit, sizeof(*p->crashes));
	if (p->crashes == NULL)
		log_fatal("calloc");
	p->conf = conf;
	p->gen = gen;
	p->listen_fd = -1;
	p->status_fd = -1;
	p->access_fd = -1;
	gen->refs++;
	p->counters = counters_pool_index(conf->name);
	if (p->counters == -1)
		log_warn("pool %s: more than %d pool names since the start: no "
		    "counters for this one in status and metrics", conf->name,
		    CT_POOLS);
	return p;
}

/* A new generation's pool is the one status and metrics describe. */
void
pool_publish(struct pool *p)
{
	struct ct_pool *ct = counters_pool(p->counters);

	if (ct != NULL)
		__atomic_store_n(&ct->max_workers,
		    config_pool_max_workers(p->conf), __ATOMIC_RELAXED);
}

void
pool_free(struct pool *p)
{
	struct pool **pp;

	for (pp = &manager.pools; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == p) {
			*pp = p->next;
			break;
		}
	}
	if (p->listen_fd != -1) {
		if (p->activated)
			close(p->listen_fd);
		else
			listen_close(p->conf, p->listen_fd);
	}
	/* status sockets are generation.c's: closed when p retired */
	if (p->access_fd != -1)
		close(p->access_fd);
	if (--p->gen->refs == 0 && p->gen != manager.current) {
		config_free(p->gen->cfg);
		free(p->gen);
	}
	privileges_free(&p->pv);
	inotify_spare_free(p);
	free(p->crashes);
	free(p);
}

/* ---- starting and stopping workers ------------------------------------- */

/* A worker's own max_requests: up to 10% lower, so that workers started
 * together do not all recycle together. */
static long
jittered(long max_requests)
{
	if (max_requests < 10)
		return max_requests;
	return max_requests - random() % (max_requests / 10 + 1);
}

static void
pool_spawn(struct pool *p)
{
	long max_requests = jittered(p->conf->max_requests);
	sigset_t all, saved;
	struct worker *w;
	pid_t pid;
	int slot, inotify_fd;

	slot = scoreboard_claim(p->conf->name, p->gen->id, p->counters);
	if (slot == -1) {
		log_error("pool %s: scoreboard full (%d workers): not starting "
		    "another", p->conf->name, SB_SLOTS);
		return;
	}
	if (!p->pv_ready) {	/* NSS stays out of workers */
		privileges_free(&p->pv);
		privileges_resolve(p->conf, &p->pv);
		p->pv_ready = p->pv.error[0] == '\0';	/* else again next time */
	}
	inotify_fd = inotify_spare_take(p);
	/* Until the child has reset its handlers, a signal would run the
	 * master's handler in it (and write to the master's pipe). */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &saved);
	pid = fork();
	if (pid == 0) {
		child_setup(p, slot);
		worker_start(p->conf, &p->pv, slot, p->listen_fd, p->access_fd,
		    inotify_fd, max_requests);
	}
	sigprocmask(SIG_SETMASK, &saved, NULL);
	if (pid == -1) {
		log_error("pool %s: fork: %s", p->conf->name, strerror(errno));
		inotify_spare_keep(p, inotify_fd);
		scoreboard_release(slot);
		return;
	}
	scoreboard_set_pid(slot, pid);
	w = &manager.workers[slot];
	w->pid = pid;
	w->pool = p;
	w->stopping = 0;
	w->inotify_fd = inotify_fd;
	p->nworkers++;
	p->spawned++;
	if (counters_pool(p->counters) != NULL)
		counters_add(&counters_pool(p->counters)->spawned, 1);
	log_debug("pool %s: started worker %ld", p->conf->name, (long)pid);
}

void
pool_stop_worker(int slot, int sig)
{
	manager.workers[slot].stopping = 1;
	kill(manager.workers[slot].pid, sig);
}

int
pools_count_workers(int retired_only)
{
	const struct worker *w;
	int i, n = 0;

	for (i = 0; i < SB_SLOTS; i++) {
		w = &manager.workers[i];
		if (w->pid != 0 && (!retired_only || w->pool->retired))
			n++;
	}
	return n;
}

/* ---- sizing ------------------------------------------------------------ */

/* pm = dynamic: stops the idle workers beyond max_idle that have been
 * idle longer than idle_timeout. */
static void
pool_shrink(struct pool *p, int excess, int64_t now)
{
	const struct worker *w;
	struct sb_slot s;
	int i;

	for (i = 0; i < SB_SLOTS && excess > 0; i++) {
		w = &manager.workers[i];
		if (w->pool != p || w->pid == 0 || w->stopping)
			continue;
		scoreboard_read(i, &s);
		if (s.state != SB_IDLE || now - s.idle_ms < p->conf->idle_timeout)
			continue;
		log_info("pool %s: worker %ld idle for %lld ms: stopping it",
		    p->conf->name, (long)w->pid, (long long)(now - s.idle_ms));
		pool_stop_worker(i, SIGTERM);
		excess--;
	}
}

static void
pool_maintain(struct pool *p, int64_t now)
{
	const struct pool_config *c = p->conf;
	struct census cs;
	long want;

	if (p->retired)
		return;
	census_take(p, &cs);
	if (c->pm == PM_STATIC) {
		want = c->workers - cs.active;
	} else {
		want = c->min_idle - cs.idle - cs.starting;
		if (want > c->max_workers - cs.active)
			want = c->max_workers - cs.active;
		if (cs.idle > c->max_idle)
			pool_shrink(p, (int)(cs.idle - c->max_idle), now);
	}
	if (want > 0 && p->respawn_at > now)
		return;		/* backing off */
	while (want-- > 0)
		pool_spawn(p);
}

void
pools_maintain(void)
{
	int64_t now = monotonic_ms();
	struct pool *p;

	for (p = manager.pools; p != NULL; p = p->next)
		pool_maintain(p, now);
}

/* ---- deaths ------------------------------------------------------------ */

/* What a busy slot runs, for the log: "api/users.js for /api/users", or
 * the URI alone before the request is routed. */
const char *
pool_describe_slot(const struct sb_slot *s)
{
	static char buf[2 * SB_FUNCTION_MAX + 4];

	if (s->function[0] == '\0')
		snprintf(buf, sizeof(buf), "%s", s->uri);
	else
		snprintf(buf, sizeof(buf), "%s for %s", s->function, s->uri);
	return buf;
}

/* Counts a crash; starts or lengthens the pool's respawn backoff when
 * crash_limit crashes fell within crash_window. */
static void
pool_note_crash(struct pool *p, const struct sb_slot *s)
{
	const struct pool_config *c = p->conf;
	int64_t now = monotonic_ms(), oldest;

	p->crashed++;
	p->crashes[p->ncrashes % c->crash_limit] = now;
	p->ncrashes++;
	if (p->ncrashes < c->crash_limit) {
		p->backoff_ms = 0;
		return;
	}
	oldest = p->crashes[p->ncrashes % c->crash_limit];
	if (now - oldest > c->crash_window) {
		p->backoff_ms = 0;
		return;
	}
	if (p->respawn_at > now)
		return;		/* one more of the same round */
	p->backoff_ms = p->backoff_ms == 0 ? BACKOFF_FIRST_MS :
	    p->backoff_ms * 2;
	if (p->backoff_ms > BACKOFF_MAX_MS)
		p->backoff_ms = BACKOFF_MAX_MS;
	p->respawn_at = now + p->backoff_ms;
	log_error("pool %s: %ld workers died within %ld ms (%lu in all%s%s); "
	    "crash loop: next respawn in %ld ms", c->name, c->crash_limit,
	    (long)(now - oldest), p->crashed,
	    s->state == SB_BUSY ? ", last while running " : "",
	    s->state == SB_BUSY ? pool_describe_slot(s) : "", p->backoff_ms);
}

/* What a worker's exit status says (exitcodes.h). */
static const char *
exit_meaning(int code)
{
	switch (code) {
	case FNPOOL_EXIT_FATAL:
		return " (fatal error, logged above)";
	case FNPOOL_EXIT_START:
		return " (could not start)";
	case FNPOOL_EXIT_PANIC:
		return " (MuJS panic)";
	case FNPOOL_EXIT_TIMEOUT:
		return " (request_timeout: answered 504)";
	case FNPOOL_EXIT_RLIMIT:
		return " (cannot set rlimit_*)";
	default:
		return "";
	}
}

static void
log_death(struct pool *p, pid_t pid, int status, const struct sb_slot *s,
    enum log_level level)
{
	char what[512] = "";
	char how[64];

	if (s->state == SB_BUSY)
		snprintf(what, sizeof(what), " while running %s (request %s, "
		    "%lld ms in)", pool_describe_slot(s), s->request_id,
		    (long long)(monotonic_ms() - s->request_ms));
	else if (s->state == SB_STARTING)
		snprintf(what, sizeof(what), " while starting");
	if (WIFSIGNALED(status))
		snprintf(how, sizeof(how), "killed by signal %d (%s)",
		    WTERMSIG(status), signal_name(WTERMSIG(status)));
	else
		snprintf(how, sizeof(how), "exited with code %d%s",
		    WEXITSTATUS(status), exit_meaning(WEXITSTATUS(status)));
	log_msg(level, "pool %s: worker %ld %s%s after %llu requests",
	    p->conf->name, (long)pid, how, what,
	    (unsigned long long)s->requests);
}

/*
 * A worker that ended because of its request_timeout (its own 504 and
 * exit, or the master's backstop) did what fnpool asks of it: the slow
 * function is at fault, not the worker, so it is no crash and never
 * starts a crash loop's backoff -- whoever can make a request slow could
 * otherwise make the pool look down.
 */
static int
timed_out(const struct worker *w, int status)
{
	return w->backstopped || (WIFEXITED(status) &&
	    WEXITSTATUS(status) == FNPOOL_EXIT_TIMEOUT);
}

/* What the pool did over its life (the status page shows the same). */
static void
pool_log_counters(const struct pool *p)
{
	log_info("pool %s (generation %u): %lu workers started, %lu crashed, "
	    "%lu timed out, %lu recycled; %lu requests answered 503, %lu "
	    "waited in the queue (longest %lld ms)", p->conf->name, p->gen->id,
	    p->spawned, p->crashed, p->timeouts, p->recycled, p->rejected,
	    p->queued,
	    (long long)p->queue_wait_max);
}

/* Why a worker that was not asked to stop ended (counters.h). */
static enum ct_exit
exit_cause(const struct worker *w, int status, const struct sb_slot *s)
{
	if (WIFSIGNALED(status))
		return w->backstopped ? CT_EXIT_TIMEOUT : CT_EXIT_SIGNAL;
	switch (WEXITSTATUS(status)) {
	case 0:
		return w->pool->conf->max_rss > 0 &&
		    s->rss > (uint64_t)w->pool->conf->max_rss ? CT_EXIT_MEMORY :
		    CT_EXIT_RECYCLE;
	case FNPOOL_EXIT_TIMEOUT:
		return CT_EXIT_TIMEOUT;
	default:
		return CT_EXIT_ERROR;
	}
}

/* The shared counters' side of a death: the cause, the busy count, and
 * the request answered 504 by a worker's own timer (it exits at once,
 * so it never counts that request itself). */
static void
count_death(const struct worker *w, int status, const struct sb_slot *s)
{
	struct ct_pool *ct = counters_pool(w->pool->counters);

	if (ct == NULL)
		return;
	if (s->state == SB_BUSY)
		counters_active(w->pool->counters, -1);
	if (w->stopping)
		return;
	counters_add(&ct->exits[exit_cause(w, status, s)], 1);
	if (s->state == SB_BUSY && WIFEXITED(status) &&
	    WEXITSTATUS(status) == FNPOOL_EXIT_TIMEOUT)
		counters_request(w->pool->counters, s->function, 504,
		    (monotonic_ms() - s->request_ms) * 1000, 0);
}

static void
worker_died(int slot, int status)
{
	struct worker *w = &manager.workers[slot];
	struct pool *p = w->pool;
	struct sb_slot s;
	int clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;

	scoreboard_read(slot, &s);
	count_death(w, status, &s);
	if (!clean && !w->stopping && timed_out(w, status)) {
		p->timeouts++;
		log_death(p, w->pid, status, &s, LOG_LEVEL_NOTICE);
	} else if (!clean && !w->stopping) {
		log_death(p, w->pid, status, &s, LOG_LEVEL_ERROR);
		if (!p->retired)
			pool_note_crash(p, &s);
	} else if (!w->stopping) {
		p->recycled++;
		log_info("pool %s: worker %ld exited after %llu requests: "
		    "replacing it", p->conf->name, (long)w->pid,
		    (unsigned long long)s.requests);
	} else {
		log_debug("pool %s: worker %ld stopped", p->conf->name,
		    (long)w->pid);
	}
	scoreboard_release(slot);
	inotify_spare_keep(p, w->inotify_fd);
	w->inotify_fd = -1;
	w->pid = 0;
	w->backstopped = 0;
	w->slow_logged = 0;
	w->pool = NULL;
	p->nworkers--;
	if (p->retired && p->nworkers == 0) {
		pool_log_counters(p);
		log_info("pool %s (generation %u): drained", p->conf->name,
		    p->gen->id);
		pool_free(p);
	}
}

void
pools_reap(void)
{
	int status, i;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < SB_SLOTS; i++)
			if (manager.workers[i].pid == pid)
				break;
		if (i < SB_SLOTS)
			worker_died(i, status);
	}
}
