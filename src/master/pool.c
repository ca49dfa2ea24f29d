/*
 * pool: workers of each pool.  Forking (and what a new worker does before
 * it serves), sizing (static; dynamic from the scoreboard's idle count),
 * reaping with a log line that says what the dead worker was running,
 * crash-loop backoff, and the queue_timeout check.
 */
#include <sys/inotify.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "worker/accesslog.h"
#include "master/backlog.h"
#include "shm/counters.h"
#include "master/listen.h"
#include "core/exitcodes.h"
#include "core/log.h"
#include "master/overload.h"
#include "master/pool.h"
#include "core/privileges.h"
#include "worker/serve.h"
#include "master/status.h"
#include "worker/watch.h"
#include "worker/worker.h"

#define BACKOFF_FIRST_MS	100
#define BACKOFF_MAX_MS		30000

struct manager M;

const char *
signal_name(int sig)
{
	const char *name = sigabbrev_np(sig);
	static char buf[16];

	if (name == NULL) {
		snprintf(buf, sizeof(buf), "%d", sig);
		return buf;
	}
	snprintf(buf, sizeof(buf), "SIG%s", name);
	return buf;
}

/* A worker's own max_requests: up to 10% lower, so that workers started
 * together do not all recycle together. */
static long
jittered(long max_requests)
{
	if (max_requests < 10)
		return max_requests;
	return max_requests - random() % (max_requests / 10 + 1);
}

/* ---- inotify instances kept for the workers (watch.c says why) ---------- */

/* The instance for a new worker of p: one a dead worker left, else new. */
static int
inotify_take(struct pool *p)
{
	if (!p->conf->module_cache)
		return -1;		/* the worker watches nothing */
	if (p->nspare > 0)
		return p->inotify_spare[--p->nspare];
	return inotify_init1(IN_NONBLOCK | IN_CLOEXEC);	/* -1: the worker
							   tries, and logs */
}

/*
 * The pool of the current generation that can take over an instance of
 * retired pool p: same name and the same functions, watched.  Closing the
 * instance instead would stall the master for the kernel's grace period.
 */
static struct pool *
inotify_heir(const struct pool *p)
{
	struct pool *q;

	for (q = M.pools; q != NULL; q = q->next)
		if (!q->retired && q->conf->module_cache &&
		    strcmp(q->conf->name, p->conf->name) == 0 &&
		    strcmp(q->conf->functions, p->conf->functions) == 0)
			return q;
	return NULL;
}

/* Keeps a dead worker's instance for the pool's next worker. */
static void
inotify_keep(struct pool *p, int fd)
{
	int *grown;

	if (fd == -1)
		return;
	if ((p->retired && (p = inotify_heir(p)) == NULL) ||
	    p->nspare >= config_pool_max_workers(p->conf)) {
		close(fd);	/* more than its workers can take */
		return;
	}
	if ((grown = realloc(p->inotify_spare,
	    ((size_t)p->nspare + 1) * sizeof(*grown))) == NULL) {
		close(fd);
		return;
	}
	p->inotify_spare = grown;
	grown[p->nspare++] = fd;
}

/* A worker keeps its own instance and no other worker's. */
static void
inotify_inherit(int slot, int fd)
{
	struct pool *q;
	int i;

	for (i = 0; i < SB_SLOTS; i++)
		if (i != slot && M.workers[i].pid != 0 &&
		    M.workers[i].inotify_fd != -1)
			close(M.workers[i].inotify_fd);
	for (q = M.pools; q != NULL; q = q->next)
		for (i = 0; i < q->nspare; i++)
			close(q->inotify_spare[i]);
	watch_adopt(fd);
}

static void
worker_main(struct pool *p, int slot, long max_requests,
    const struct privileges *pv, int inotify_fd)
{
	struct serve sv;
	struct pool *q;
	char role[96];
	int code;

	master_child_setup();
	/* never outlive the master (but finish the current request) */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != M.pid)
		_exit(FNPOOL_EXIT_START);	/* the master is gone already */
	for (q = M.pools; q != NULL; q = q->next) {
		if (q != p && q->listen_fd != -1)
			close(q->listen_fd);
		if (q != p && q->access_fd != -1)
			close(q->access_fd);
	}
	status_child_close();
	accesslog_inherit(p->access_fd);
	inotify_inherit(slot, inotify_fd);
	snprintf(role, sizeof(role), "fnpool:%s", p->conf->name);
	prctl(PR_SET_NAME, role);	/* ps and top tell pools apart */
	snprintf(role, sizeof(role), "%s worker", p->conf->name);
	log_set_role(role);
	privileges_drop(p->conf, pv);
	scoreboard_attach(slot);
	if (serve_init(&sv, p->conf) == -1)
		_exit(FNPOOL_EXIT_START);
	scoreboard_update_rss();	/* the status shows it before a request */
	code = worker_run(&sv, p->listen_fd, max_requests);
	serve_free(&sv);
	exit(code);
}

static void
pool_spawn(struct pool *p)
{
	long max_requests = jittered(p->conf->max_requests);
	sigset_t all, saved;
	pid_t pid;
	int slot, inotify_fd;

	slot = scoreboard_claim(p->conf->name, p->gen->id, p->counters);
	if (slot == -1) {
		log_error("pool %s: scoreboard full (%d workers): not starting "
		    "another", p->conf->name, SB_SLOTS);
		return;
	}
	/* Until the child has reset its handlers, a signal would run the
	 * master's handler in it (and write to the master's pipe). */
	if (!p->pv_ready) {	/* NSS stays out of workers */
		privileges_free(&p->pv);
		privileges_resolve(p->conf, &p->pv);
		p->pv_ready = p->pv.error[0] == '\0';	/* else again next time */
	}
	inotify_fd = inotify_take(p);
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &saved);
	pid = fork();
	if (pid == 0)
		worker_main(p, slot, max_requests, &p->pv, inotify_fd);
	sigprocmask(SIG_SETMASK, &saved, NULL);
	if (pid == -1) {
		log_error("pool %s: fork: %s", p->conf->name, strerror(errno));
		inotify_keep(p, inotify_fd);
		scoreboard_release(slot);
		return;
	}
	scoreboard_set_pid(slot, pid);
	M.workers[slot].pid = pid;
	M.workers[slot].pool = p;
	M.workers[slot].stopping = 0;
	M.workers[slot].inotify_fd = inotify_fd;
	p->nworkers++;
	p->spawned++;
	if (counters_pool(p->counters) != NULL)
		counters_add(&counters_pool(p->counters)->spawned, 1);
	log_debug("pool %s: started worker %ld", p->conf->name, (long)pid);
}

void
worker_stop(int slot, int sig)
{
	M.workers[slot].stopping = 1;
	kill(M.workers[slot].pid, sig);
}

/* ---- pool sizing ------------------------------------------------------- */

void
pool_census(const struct pool *p, struct census *c)
{
	struct sb_slot s;
	int i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < SB_SLOTS; i++) {
		if (M.workers[i].pool != p || M.workers[i].pid == 0 ||
		    M.workers[i].stopping)
			continue;
		c->active++;
		scoreboard_read(i, &s);
		c->idle += s.state == SB_IDLE;
		c->starting += s.state == SB_STARTING;
	}
}

/* pm = dynamic: stops the idle workers beyond max_idle that have been
 * idle longer than idle_timeout. */
static void
pool_shrink(struct pool *p, int excess, int64_t now)
{
	struct sb_slot s;
	int i;

	for (i = 0; i < SB_SLOTS && excess > 0; i++) {
		if (M.workers[i].pool != p || M.workers[i].pid == 0 ||
		    M.workers[i].stopping)
			continue;
		scoreboard_read(i, &s);
		if (s.state != SB_IDLE || now - s.idle_ms < p->conf->idle_timeout)
			continue;
		log_info("pool %s: worker %ld idle for %lld ms: stopping it",
		    p->conf->name, (long)M.workers[i].pid,
		    (long long)(now - s.idle_ms));
		worker_stop(i, SIGTERM);
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
	pool_census(p, &cs);
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

	for (p = M.pools; p != NULL; p = p->next)
		pool_maintain(p, now);
}

/* ---- deaths ------------------------------------------------------------ */

/* What a busy slot runs, for the log: "api/users.js for /api/users", or
 * the URI alone before the request is routed. */
const char *
slot_running(const struct sb_slot *s)
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
	    s->state == SB_BUSY ? slot_running(s) : "", p->backoff_ms);
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
log_death(struct pool *p, pid_t pid, int status, const struct sb_slot *s)
{
	char what[512] = "";
	char how[64];

	if (s->state == SB_BUSY)
		snprintf(what, sizeof(what), " while running %s (request %s, "
		    "%lld ms in)", slot_running(s), s->request_id,
		    (long long)(monotonic_ms() - s->request_ms));
	else if (s->state == SB_STARTING)
		snprintf(what, sizeof(what), " while starting");
	if (WIFSIGNALED(status))
		snprintf(how, sizeof(how), "killed by signal %d (%s)",
		    WTERMSIG(status), signal_name(WTERMSIG(status)));
	else
		snprintf(how, sizeof(how), "exited with code %d%s",
		    WEXITSTATUS(status), exit_meaning(WEXITSTATUS(status)));
	log_error("pool %s: worker %ld %s%s after %llu requests",
	    p->conf->name, (long)pid, how, what,
	    (unsigned long long)s->requests);
}

void
pool_free(struct pool *p)
{
	struct pool **pp;

	for (pp = &M.pools; *pp != NULL; pp = &(*pp)->next) {
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
	if (p->status_fd != -1)
		status_listen_close(p->conf, p->status_fd);
	if (p->access_fd != -1)
		close(p->access_fd);
	if (--p->gen->refs == 0 && p->gen != M.current) {
		config_free(p->gen->cfg);
		free(p->gen);
	}
	privileges_free(&p->pv);
	while (p->nspare > 0)
		close(p->inotify_spare[--p->nspare]);
	free(p->inotify_spare);
	free(p->crashes);
	free(p);
}

/* What the pool did over its life; the status page will show the same. */
static void
pool_log_counters(const struct pool *p)
{
	log_info("pool %s (generation %u): %lu workers started, %lu crashed, "
	    "%lu recycled; %lu requests answered 503, %lu waited in the "
	    "queue (longest %lld ms)", p->conf->name, p->gen->id, p->spawned,
	    p->crashed, p->recycled, p->rejected, p->queued,
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
	struct worker *w = &M.workers[slot];
	struct pool *p = w->pool;
	struct sb_slot s;
	int clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;

	scoreboard_read(slot, &s);
	count_death(w, status, &s);
	if (!clean && !w->stopping) {
		log_death(p, w->pid, status, &s);
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
	inotify_keep(p, w->inotify_fd);
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
			if (M.workers[i].pid == pid)
				break;
		if (i < SB_SLOTS)
			worker_died(i, status);
	}
}

/* ---- queue_timeout ----------------------------------------------------- */

static void
arrivals_sync(struct pool *p, int queued, int64_t now)
{
	struct ct_pool *ct = counters_pool(p->counters);

	while (p->arr_len > queued) {		/* taken by workers */
		int64_t waited = now - p->arrivals[p->arr_head];

		p->queued++;
		if (waited > p->queue_wait_max)
			p->queue_wait_max = waited;
		if (ct != NULL) {
			counters_observe(&ct->queue_wait, waited * 1000);
			counters_max(&ct->queue_wait_max_ms, waited);
		}
		p->arr_head = (p->arr_head + 1) % ARRIVALS_MAX;
		p->arr_len--;
	}
	while (p->arr_len < queued && p->arr_len < ARRIVALS_MAX) {
		p->arrivals[(p->arr_head + p->arr_len) % ARRIVALS_MAX] = now;
		p->arr_len++;
	}
}

/*
 * Samples the backlog; while no worker is idle, answers 503 for each
 * connection that has waited queue_timeout.  Returns 1 when the pool is
 * saturated (the loop then ticks faster).
 */
int
pool_sample_queue(struct pool *p, int64_t now)
{
	struct ct_pool *ct = counters_pool(p->counters);
	int queued;

	if (p->listen_fd == -1 || (queued = backlog_length(p->listen_fd)) < 0)
		return -1;
	arrivals_sync(p, queued, now);
	if (ct != NULL)
		counters_max(&ct->listen_queue_max, queued);
	return queued;
}

/* Pools watched on the tick: queue_timeout, and the status endpoints'
 * listen queue and queue wait figures. */
static int
pool_samples_queue(const struct pool *p)
{
	return !p->retired && (p->conf->queue_timeout > 0 ||
	    p->conf->status_listen != NULL);
}

int
pool_check_queue(struct pool *p, int64_t now)
{
	const struct pool_config *c = p->conf;
	struct census cs;
	long retry = c->queue_timeout / 1000 + 1;

	if (!pool_samples_queue(p) || p->listen_fd == -1)
		return 0;
	if (pool_sample_queue(p, now) < 0) {
		if (!p->backlog_unknown)
			log_error("pool %s: cannot read the length of the "
			    "backlog (sock_diag or TCP_INFO): %s", c->name,
			    c->queue_timeout > 0 ? "queue_timeout does nothing" :
			    "the status shows no listen queue");
		p->backlog_unknown = 1;
		return 0;
	}
	if (c->queue_timeout == 0)
		return 0;
	pool_census(p, &cs);
	if (cs.idle > 0)
		return 0;
	while (p->arr_len > 0 &&
	    now - p->arrivals[p->arr_head] >= c->queue_timeout) {
		if (overload_reject(p->listen_fd, c->name,
		    (long)(now - p->arrivals[p->arr_head]), retry) == 0)
			break;
		p->rejected++;
		if (counters_pool(p->counters) != NULL)
			counters_add(&counters_pool(p->counters)->rejected, 1);
		p->arr_head = (p->arr_head + 1) % ARRIVALS_MAX;
		p->arr_len--;
	}
	return 1;
}

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

int
workers_count(int retired_only)
{
	int i, n = 0;

	for (i = 0; i < SB_SLOTS; i++)
		if (M.workers[i].pid != 0 &&
		    (!retired_only || M.workers[i].pool->retired))
			n++;
	return n;
}

/*
 * The hard backstop behind the worker's own request timer (timeout.c):
 * a worker still busy with one request BACKSTOP_GRACE_MS past its
 * pool's request_timeout is killed, whatever it is doing (stopped,
 * stuck in a system call, its timer lost).  Its death is then logged
 * with the function and request id like any other.
 */
void
pools_backstop(int64_t now)
{
	struct sb_slot s;
	struct worker *w;
	long limit;
	int i;

	for (i = 0; i < SB_SLOTS; i++) {
		w = &M.workers[i];
		if (w->pid == 0 || w->pool == NULL || w->backstopped ||
		    (limit = w->pool->conf->request_timeout_ms) <= 0)
			continue;
		scoreboard_read(i, &s);
		if (s.state != SB_BUSY || s.request_ms == 0 ||
		    now - s.request_ms < limit + BACKSTOP_GRACE_MS)
			continue;
		log_error("pool %s: worker %ld still runs %s (request %s) "
		    "%lld ms after it started, past request_timeout (%ld ms) "
		    "and %d ms of grace: killing it", w->pool->conf->name,
		    (long)w->pid, slot_running(&s), s.request_id,
		    (long long)(now - s.request_ms), limit, BACKSTOP_GRACE_MS);
		w->backstopped = 1;
		kill(w->pid, SIGKILL);
	}
}

int
pools_any_worker(int (*wants)(const struct pool_config *))
{
	int i;

	for (i = 0; i < SB_SLOTS; i++)
		if (M.workers[i].pid != 0 && M.workers[i].pool != NULL &&
		    wants(M.workers[i].pool->conf))
			return 1;
	return 0;
}

static int
wants_backstop(const struct pool_config *conf)
{
	return conf->request_timeout_ms > 0;
}

/* Whether any live worker has a request_timeout to watch. */
int
pools_backstop_armed(void)
{
	return pools_any_worker(wants_backstop);
}
