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
 */
#include <sys/prctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backlog.h"
#include "daemon.h"
#include "listen.h"
#include "log.h"
#include "master.h"
#include "overload.h"
#include "scoreboard.h"
#include "sdnotify.h"
#include "serve.h"
#include "worker.h"

#define BACKOFF_FIRST_MS	100
#define BACKOFF_MAX_MS		30000
#define RELOAD_READY_MS		5000	/* drain old workers by then anyway */
#define TICK_BUSY_MS		5	/* a pool with queue_timeout is full */
#define TICK_WATCH_MS		50	/* dynamic pools, pending reloads */
#define ARRIVALS_MAX		4096	/* queued connections tracked */

struct generation {
	struct config	*cfg;
	uint32_t	 id;
	int		 refs;		/* pools still alive */
};

struct pool {
	struct pool_config	*conf;
	struct generation	*gen;
	int			 listen_fd;	/* -1: closed or handed on */
	int			 activated;	/* fd from the service manager */
	int			 retired;	/* old generation: draining */
	int			 nworkers;	/* forked and not yet reaped */

	int64_t			*crashes;	/* ring of crash_limit times */
	long			 ncrashes;
	long			 backoff_ms;
	int64_t			 respawn_at;	/* backoff: not before */

	/* Queue tracking for queue_timeout: estimated arrival time of each
	 * connection in the backlog, oldest first (the backlog is FIFO). */
	int64_t			 arrivals[ARRIVALS_MAX];
	int			 arr_head, arr_len;

	unsigned long		 spawned, crashed, recycled, rejected;
	struct pool		*next;
};

struct worker {
	pid_t		 pid;		/* 0: slot unused */
	struct pool	*pool;
	int		 stopping;	/* asked to exit: not a crash */
};

static struct {
	struct pool	*pools;
	struct generation *current;
	uint32_t	 next_gen;
	struct worker	 workers[SB_SLOTS];	/* by scoreboard slot */
	int		 reload_pending;	/* old generation not yet drained */
	int64_t		 reload_deadline;
	int64_t		 kill_at;		/* SIGKILL retired workers */
	int		 nactivated;		/* sockets from LISTEN_FDS */
	char		**activated_names;
	int		*activated_used;
	pid_t		 pid;
	char		*pidfile;	/* as first written */
} M;

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

static const char *
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

/* ---- worker processes -------------------------------------------------- */

static void
worker_signals_reset(void)
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

static void
drop_privileges(const struct pool_config *conf)
{
	struct passwd *pw;
	struct group *gr;
	gid_t gid;

	if (conf->user == NULL || geteuid() != 0)
		return;		/* config.c checked this combination */
	if ((pw = getpwnam(conf->user)) == NULL)
		log_fatalx("pool %s: user %s: no such user", conf->name,
		    conf->user);
	gid = pw->pw_gid;
	if (conf->group != NULL) {
		if ((gr = getgrnam(conf->group)) == NULL)
			log_fatalx("pool %s: group %s: no such group",
			    conf->name, conf->group);
		gid = gr->gr_gid;
	}
	if (initgroups(pw->pw_name, gid) == -1 || setgid(gid) == -1 ||
	    setuid(pw->pw_uid) == -1)
		log_fatal("pool %s: cannot become user %s", conf->name,
		    conf->user);
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

static void
worker_main(struct pool *p, int slot, long max_requests)
{
	struct serve sv;
	struct pool *q;
	char role[96];
	int code;

	worker_signals_reset();
	prctl(PR_SET_PDEATHSIG, SIGKILL);	/* never outlive the master */
	if (getppid() != M.pid)
		_exit(1);
	for (q = M.pools; q != NULL; q = q->next)
		if (q != p && q->listen_fd != -1)
			close(q->listen_fd);
	snprintf(role, sizeof(role), "fnpool:%s", p->conf->name);
	prctl(PR_SET_NAME, role);	/* ps and top tell pools apart */
	snprintf(role, sizeof(role), "%s worker", p->conf->name);
	log_set_role(role);
	drop_privileges(p->conf);
	scoreboard_attach(slot);
	if (serve_init(&sv, p->conf) == -1)
		_exit(2);
	code = worker_run(&sv, p->listen_fd, max_requests);
	serve_free(&sv);
	exit(code);
}

static void
spawn(struct pool *p)
{
	long max_requests = jittered(p->conf->max_requests);
	sigset_t all, saved;
	pid_t pid;
	int slot;

	slot = scoreboard_claim(p->conf->name, p->gen->id);
	if (slot == -1) {
		log_error("pool %s: scoreboard full (%d workers): not starting "
		    "another", p->conf->name, SB_SLOTS);
		return;
	}
	/* Until the child has reset its handlers, a signal would run the
	 * master's handler in it (and write to the master's pipe). */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &saved);
	pid = fork();
	if (pid == 0)
		worker_main(p, slot, max_requests);
	sigprocmask(SIG_SETMASK, &saved, NULL);
	if (pid == -1) {
		log_error("pool %s: fork: %s", p->conf->name, strerror(errno));
		scoreboard_release(slot);
		return;
	}
	scoreboard_set_pid(slot, pid);
	M.workers[slot].pid = pid;
	M.workers[slot].pool = p;
	M.workers[slot].stopping = 0;
	p->nworkers++;
	p->spawned++;
	log_debug("pool %s: started worker %ld", p->conf->name, (long)pid);
}

static void
worker_stop(int slot, int sig)
{
	M.workers[slot].stopping = 1;
	kill(M.workers[slot].pid, sig);
}

/* ---- pool sizing ------------------------------------------------------- */

struct census {
	int	active;		/* not asked to stop */
	int	idle;
	int	starting;
};

static void
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
		spawn(p);
}

static void
pools_maintain(void)
{
	int64_t now = monotonic_ms();
	struct pool *p;

	for (p = M.pools; p != NULL; p = p->next)
		pool_maintain(p, now);
}

/* ---- deaths ------------------------------------------------------------ */

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
	    s->state == SB_BUSY ? s->function : "", p->backoff_ms);
}

static void
log_death(struct pool *p, pid_t pid, int status, const struct sb_slot *s)
{
	char what[256] = "";
	char how[64];

	if (s->state == SB_BUSY)
		snprintf(what, sizeof(what), " while running %s (request %s, "
		    "%lld ms in)", s->function, s->request_id,
		    (long long)(monotonic_ms() - s->request_ms));
	else if (s->state == SB_STARTING)
		snprintf(what, sizeof(what), " while starting");
	if (WIFSIGNALED(status))
		snprintf(how, sizeof(how), "killed by signal %d (%s)",
		    WTERMSIG(status), signal_name(WTERMSIG(status)));
	else
		snprintf(how, sizeof(how), "exited with code %d",
		    WEXITSTATUS(status));
	log_error("pool %s: worker %ld %s%s after %llu requests",
	    p->conf->name, (long)pid, how, what,
	    (unsigned long long)s->requests);
}

static void
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
	if (--p->gen->refs == 0 && p->gen != M.current) {
		config_free(p->gen->cfg);
		free(p->gen);
	}
	free(p->crashes);
	free(p);
}

static void
worker_died(int slot, int status)
{
	struct worker *w = &M.workers[slot];
	struct pool *p = w->pool;
	struct sb_slot s;
	int clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;

	scoreboard_read(slot, &s);
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
	w->pid = 0;
	w->pool = NULL;
	p->nworkers--;
	if (p->retired && p->nworkers == 0) {
		log_info("pool %s (generation %u): drained", p->conf->name,
		    p->gen->id);
		pool_free(p);
	}
}

static void
reap(void)
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

/* ---- overload: queue_timeout ------------------------------------------- */

static void
arrivals_sync(struct pool *p, int queued, int64_t now)
{
	while (p->arr_len > queued) {		/* taken by workers */
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
static int
pool_check_queue(struct pool *p, int64_t now)
{
	const struct pool_config *c = p->conf;
	struct census cs;
	long retry = c->queue_timeout / 1000 + 1;
	int queued;

	if (p->retired || c->queue_timeout == 0 || p->listen_fd == -1)
		return 0;
	if ((queued = backlog_length(p->listen_fd)) < 0)
		return 0;
	arrivals_sync(p, queued, now);
	pool_census(p, &cs);
	if (cs.idle > 0)
		return 0;
	while (p->arr_len > 0 &&
	    now - p->arrivals[p->arr_head] >= c->queue_timeout) {
		if (overload_reject(p->listen_fd, c->name,
		    (long)(now - p->arrivals[p->arr_head]), retry) == 0)
			break;
		p->rejected++;
		p->arr_head = (p->arr_head + 1) % ARRIVALS_MAX;
		p->arr_len--;
	}
	return 1;
}

/* ---- sockets and generations ------------------------------------------- */

/* A socket passed by the service manager for this pool: by name first,
 * then the first unnamed one left, in order. */
static int
activated_fd_for(const struct pool_config *conf, int by_order)
{
	int i;

	for (i = 0; i < M.nactivated; i++) {
		const char *name = M.activated_names[i];

		if (M.activated_used[i])
			continue;
		if ((name != NULL && strcmp(name, conf->name) == 0) || by_order) {
			M.activated_used[i] = 1;
			return SD_LISTEN_FDS_START + i;
		}
	}
	return -1;
}

static void
activated_take(void)
{
	int i;

	M.nactivated = sd_listen_fds(&M.activated_names);
	if (M.nactivated == 0)
		return;
	M.activated_used = calloc((size_t)M.nactivated, sizeof(int));
	if (M.activated_used == NULL)
		log_fatal("calloc");
	for (i = 0; i < M.nactivated; i++)
		fcntl(SD_LISTEN_FDS_START + i, F_SETFL,
		    fcntl(SD_LISTEN_FDS_START + i, F_GETFL) | O_NONBLOCK);
}

static struct pool *
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
	gen->refs++;
	return p;
}

/* The running pool that already listens where conf wants to. */
static struct pool *
pool_on_socket(const struct pool_config *conf)
{
	struct pool *p;

	for (p = M.pools; p != NULL; p = p->next)
		if (!p->retired && p->listen_fd != -1 &&
		    config_same_listen(p->conf->listen, conf->listen))
			return p;
	return NULL;
}

/*
 * Gives every pool of gen a socket: the running one on the same address,
 * a passed one, or a new one.  On failure, closes what it opened and
 * returns -1; the running pools are untouched.
 */
static int
generation_open(struct generation *gen, struct pool **out)
{
	struct config *cfg = gen->cfg;
	struct pool *p, *old;
	size_t i;
	int pass;

	for (i = 0; i < cfg->npools; i++)
		out[i] = pool_new(&cfg->pools[i], gen);
	for (pass = 0; pass < 2; pass++) {	/* names first, then order */
		for (i = 0; i < cfg->npools; i++) {
			p = out[i];
			if (p->listen_fd != -1 || pool_on_socket(p->conf))
				continue;
			if ((p->listen_fd = activated_fd_for(p->conf, pass)) != -1)
				p->activated = 1;
		}
	}
	for (i = 0; i < cfg->npools; i++) {
		p = out[i];
		if (p->listen_fd != -1)
			continue;
		if ((old = pool_on_socket(p->conf)) != NULL) {
			p->listen_fd = old->listen_fd;
			p->activated = old->activated;
			continue;
		}
		if ((p->listen_fd = listen_open(p->conf)) == -1)
			goto fail;
	}
	return 0;
fail:
	for (i = 0; i < cfg->npools; i++) {
		p = out[i];
		if (p->listen_fd != -1 && !p->activated &&
		    pool_on_socket(p->conf) == NULL)
			listen_close(p->conf, p->listen_fd);
		gen->refs--;
		free(p->crashes);
		free(p);
	}
	return -1;
}

/* Links the pools of a new generation in; the old ones become retired,
 * handing over the sockets the new generation shares with them. */
static void
generation_start(struct generation *gen, struct pool **pools)
{
	struct generation *prev = M.current;
	struct pool *p, **tail;
	size_t i;

	for (p = M.pools; p != NULL; p = p->next) {
		if (p->retired)
			continue;
		p->retired = 1;
		for (i = 0; i < gen->cfg->npools; i++)
			if (pools[i]->listen_fd == p->listen_fd)
				p->listen_fd = -1;	/* now the new pool's */
	}
	for (tail = &M.pools; *tail != NULL; tail = &(*tail)->next)
		;
	for (i = 0; i < gen->cfg->npools; i++) {
		*tail = pools[i];
		tail = &pools[i]->next;
	}
	M.current = gen;
	if (prev != NULL && prev->refs == 0) {
		config_free(prev->cfg);
		free(prev);
	}
	for (i = 0; i < gen->cfg->npools; i++) {
		const struct pool_config *c = pools[i]->conf;

		log_notice("pool %s: listening on %s%s, pm %s, %ld workers%s, "
		    "functions %s", c->name, c->listen,
		    pools[i]->activated ? " (passed by the service manager)" :
		    "", c->pm == PM_STATIC ? "static" : "dynamic",
		    c->pm == PM_STATIC ? c->workers : c->min_idle,
		    c->pm == PM_STATIC ? "" : " idle at least", c->functions);
		if (c->user != NULL && strcmp(c->user, "root") == 0 &&
		    geteuid() == 0)
			log_warn("pool %s: workers run as root (user = root): "
			    "a function can do anything on this machine",
			    c->name);
	}
}

/* Creates the first generation, or the next one on reload. */
static int
generation_load(struct config *cfg)
{
	struct generation *gen;
	struct pool **pools;

	if ((gen = calloc(1, sizeof(*gen))) == NULL)
		log_fatal("calloc");
	gen->cfg = cfg;
	gen->id = ++M.next_gen;
	if ((pools = calloc(cfg->npools, sizeof(*pools))) == NULL)
		log_fatal("calloc");
	if (generation_open(gen, pools) == -1) {
		free(pools);
		free(gen);
		M.next_gen--;
		return -1;
	}
	generation_start(gen, pools);
	free(pools);
	return 0;
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
		log_error("reload failed: cannot open the new sockets; still "
		    "serving with generation %u", M.current->id);
		config_free(cfg);
		free(old_target);
		sd_notify_send("READY=1");
		return;
	}
	reload_log(old_target, old_level, cfg);
	free(old_target);
	pools_maintain();
	M.reload_pending = 1;
	M.reload_deadline = monotonic_ms() + RELOAD_READY_MS;
}

/* Whether every pool of the current generation has its first workers up. */
static int
current_ready(void)
{
	struct census cs;
	struct pool *p;
	long want;

	for (p = M.pools; p != NULL; p = p->next) {
		if (p->retired)
			continue;
		pool_census(p, &cs);
		want = p->conf->pm == PM_STATIC ? p->conf->workers :
		    p->conf->min_idle;
		if (cs.active - cs.starting < want && p->respawn_at == 0)
			return 0;
	}
	return 1;
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
	M.reload_pending = 0;
	M.kill_at = n > 0 ? monotonic_ms() + M.current->cfg->shutdown_timeout :
	    0;
	log_notice("reloaded: generation %u serving; %d old workers finish "
	    "their current request", M.current->id, n);
	sd_notify_send("READY=1");
}

static int
workers_of(int retired_only)
{
	int i, n = 0;

	for (i = 0; i < SB_SLOTS; i++)
		if (M.workers[i].pid != 0 &&
		    (!retired_only || M.workers[i].pool->retired))
			n++;
	return n;
}

static void
kill_retired(void)
{
	int i;

	if (workers_of(1) > 0)
		log_warn("old workers still busy after shutdown_timeout "
		    "(%ld ms): killing them", M.current->cfg->shutdown_timeout);
	for (i = 0; i < SB_SLOTS; i++)
		if (M.workers[i].pid != 0 && M.workers[i].pool->retired)
			worker_stop(i, SIGKILL);
	M.kill_at = 0;
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

	for (p = M.pools; p != NULL; p = p->next) {
		if (p->listen_fd != -1 && !p->activated)
			listen_close(p->conf, p->listen_fd);
		else if (p->listen_fd != -1)
			close(p->listen_fd);
		p->listen_fd = -1;
		p->retired = 1;
	}
	for (i = 0; i < SB_SLOTS; i++)
		if (M.workers[i].pid != 0)
			worker_stop(i, graceful ? SIGTERM : SIGKILL);
	while (workers_of(0) > 0) {
		int64_t left = deadline - monotonic_ms();

		if (left <= 0 && !killed) {
			log_warn("%d workers still busy after shutdown_timeout "
			    "(%ld ms): killing them", workers_of(0),
			    M.current->cfg->shutdown_timeout);
			for (i = 0; i < SB_SLOTS; i++)
				if (M.workers[i].pid != 0)
					worker_stop(i, SIGKILL);
			killed = 1;
		}
		poll(&pfd, 1, left > 0 ? (int)(left > 100 ? 100 : left) : 100);
		while (read(sigpipe_fds[0], b, sizeof(b)) > 0)
			;
		reap();
	}
}

/* ---- the loop ---------------------------------------------------------- */

/* Handles one signal; returns the stop signal when it asks to stop. */
static int
handle_signal(int sig)
{
	int i;

	switch (sig) {
	case SIGCHLD:
		reap();
		return 0;
	case SIGUSR1:
		if (log_reopen() == -1)
			log_error("reopening the error log: %s", strerror(errno));
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
	int64_t now = monotonic_ms(), t = -1;
	struct pool *p;

	if (saturated)
		return TICK_BUSY_MS;
	if (M.reload_pending)
		t = TICK_WATCH_MS;
	if (M.kill_at != 0 && (t == -1 || M.kill_at - now < t))
		t = M.kill_at > now ? M.kill_at - now : 0;
	for (p = M.pools; p != NULL; p = p->next) {
		if (p->retired)
			continue;
		if (p->conf->pm == PM_DYNAMIC || p->conf->queue_timeout > 0)
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
	struct pollfd pfd = { .fd = sigpipe_fds[0], .events = POLLIN };
	unsigned char sigs[64];
	int stop = 0, saturated = 0;
	struct pool *p;
	ssize_t i, n;

	while (!stop) {
		if (poll(&pfd, 1, next_timeout(saturated)) == -1 &&
		    errno != EINTR)
			log_fatal("poll");
		while (!stop && (n = read(sigpipe_fds[0], sigs, sizeof(sigs))) > 0)
			for (i = 0; i < n && !stop; i++)
				stop = handle_signal(sigs[i]);
		if (stop)
			break;
		saturated = 0;
		for (p = M.pools; p != NULL; p = p->next)
			saturated |= pool_check_queue(p, monotonic_ms());
		pools_maintain();
		if (M.reload_pending && (current_ready() ||
		    monotonic_ms() >= M.reload_deadline))
			drain_retired();
		if (M.kill_at != 0 && monotonic_ms() >= M.kill_at)
			kill_retired();
	}
	return stop;
}

static void
activated_close_unused(void)
{
	int i;

	for (i = 0; i < M.nactivated; i++) {
		if (M.activated_used[i])
			continue;
		log_warn("socket %d passed by the service manager (name %s) "
		    "matches no pool: closing it", SD_LISTEN_FDS_START + i,
		    M.activated_names[i] ? M.activated_names[i] : "none");
		close(SD_LISTEN_FDS_START + i);
		M.activated_used[i] = 1;
	}
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
	sd_listen_names_free(M.activated_names, M.nactivated);
	free(M.activated_used);
	free(M.pidfile);
}

int
master_run(struct config *cfg, int daemonize)
{
	int stop;

	M.pid = getpid();
	if (pidfile_check(cfg->pid) == -1 || scoreboard_init() == -1) {
		config_free(cfg);
		return 1;
	}
	if (cfg->pid != NULL && (M.pidfile = strdup(cfg->pid)) == NULL)
		log_fatal("strdup");
	activated_take();
	overload_init();
	signals_setup();	/* after FCGX_Init, which sets its own */
	srandom((unsigned)getpid() ^ (unsigned)time(NULL));
	if (generation_load(cfg) == -1) {
		config_free(cfg);
		master_free();
		return 1;
	}
	activated_close_unused();
	if (daemonize) {
		daemon_start(cfg->error_log != NULL &&
		    strcmp(cfg->error_log, "stderr") == 0);
		M.pid = getpid();
	}
	if (pidfile_write(M.pidfile) == -1) {
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
	pidfile_remove(M.pidfile);
	master_free();
	log_notice("stopped");
	return 0;
}
