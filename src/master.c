/*
 * master: the process manager.
 *
 * Signals become bytes on a self-pipe, read by one poll loop, so that no
 * work happens in a signal handler.  A worker that dies is replaced at
 * once; one that dies within a second of starting counts towards a crash
 * loop, and the pool's respawns then back off exponentially (capped), so
 * a broken pool cannot make the master spin.
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

#include "listen.h"
#include "log.h"
#include "master.h"
#include "serve.h"
#include "worker.h"

#define QUICK_DEATH_MS		1000	/* died this soon after start: a crash */
#define BACKOFF_FIRST_MS	100
#define BACKOFF_MAX_MS		30000
#define STOP_TIMEOUT_MS		10000

struct worker_slot {
	pid_t		pid;		/* 0: empty */
	long long	started_ms;
};

struct pool {
	struct pool_config	*conf;
	int			 listen_fd;
	struct worker_slot	*slots;
	int			 quick_deaths;	/* consecutive */
	long long		 respawn_at_ms;	/* backoff: not before */
};

static int sigpipe_fds[2] = { -1, -1 };

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
on_signal(int sig)
{
	unsigned char b = (unsigned char)sig;
	int saved = errno;

	(void)!write(sigpipe_fds[1], &b, 1);
	errno = saved;
}

static void
signals_setup(void)
{
	static const int sigs[] = {
		SIGCHLD, SIGTERM, SIGQUIT, SIGINT, SIGHUP, SIGUSR1,
	};
	struct sigaction sa;
	size_t i;

	if (pipe2(sigpipe_fds, O_NONBLOCK | O_CLOEXEC) == -1)
		log_fatal("pipe2");
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

static void
signals_reset_for_child(void)
{
	struct sigaction sa;
	sigset_t none;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
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

	if (conf->user == NULL) {
		if (getuid() == 0)
			log_debug("pool %s: workers run as root (no 'user' set)",
			    conf->name);
		return;
	}
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
	if (getuid() != 0 && pw->pw_uid == getuid())
		return;
	if (initgroups(pw->pw_name, gid) == -1 || setgid(gid) == -1 ||
	    setuid(pw->pw_uid) == -1)
		log_fatal("pool %s: cannot become user %s", conf->name,
		    conf->user);
}

static void
worker_main(struct pool *pools, size_t npools, struct pool *p)
{
	struct serve sv;
	char role[96];
	size_t i;
	int code;

	signals_reset_for_child();
	prctl(PR_SET_PDEATHSIG, SIGTERM);	/* never outlive the master */
	for (i = 0; i < npools; i++)
		if (&pools[i] != p && pools[i].listen_fd != -1)
			close(pools[i].listen_fd);
	snprintf(role, sizeof(role), "%s worker", p->conf->name);
	log_set_role(role);
	drop_privileges(p->conf);
	if (serve_init(&sv, p->conf) == -1)
		exit(2);
	code = worker_run(&sv, p->listen_fd, p->conf->max_requests);
	serve_free(&sv);
	exit(code);
}

static void
spawn(struct pool *pools, size_t npools, struct pool *p, struct worker_slot *s)
{
	pid_t pid;

	pid = fork();
	if (pid == -1) {
		log_error("pool %s: fork: %s", p->conf->name, strerror(errno));
		return;
	}
	if (pid == 0)
		worker_main(pools, npools, p);
	s->pid = pid;
	s->started_ms = now_ms();
	log_debug("pool %s: started worker %ld", p->conf->name, (long)pid);
}

/* Fills empty slots whose pool is not backing off. */
static void
spawn_missing(struct pool *pools, size_t npools)
{
	long long now = now_ms();
	size_t i;
	long w;

	for (i = 0; i < npools; i++) {
		if (pools[i].respawn_at_ms > now)
			continue;
		for (w = 0; w < pools[i].conf->workers; w++)
			if (pools[i].slots[w].pid == 0)
				spawn(pools, npools, &pools[i], &pools[i].slots[w]);
	}
}

static struct worker_slot *
slot_of(struct pool *pools, size_t npools, pid_t pid, struct pool **pool)
{
	size_t i;
	long w;

	for (i = 0; i < npools; i++) {
		for (w = 0; w < pools[i].conf->workers; w++) {
			if (pools[i].slots[w].pid == pid) {
				*pool = &pools[i];
				return &pools[i].slots[w];
			}
		}
	}
	return NULL;
}

static void
note_death(struct pool *p, struct worker_slot *s, pid_t pid, int status)
{
	long long lived = now_ms() - s->started_ms;
	long long delay;
	int clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;

	if (clean)
		log_info("pool %s: worker %ld exited", p->conf->name, (long)pid);
	else if (WIFSIGNALED(status))
		log_error("pool %s: worker %ld killed by signal %d (%s)",
		    p->conf->name, (long)pid, WTERMSIG(status),
		    strsignal(WTERMSIG(status)));
	else
		log_error("pool %s: worker %ld exited with code %d",
		    p->conf->name, (long)pid, WEXITSTATUS(status));
	s->pid = 0;
	if (clean || lived >= QUICK_DEATH_MS) {
		p->quick_deaths = 0;
		return;
	}
	p->quick_deaths++;
	if (p->quick_deaths < 2)
		return;
	delay = BACKOFF_FIRST_MS;
	for (int i = 2; i < p->quick_deaths && delay < BACKOFF_MAX_MS; i++)
		delay *= 2;
	if (delay > BACKOFF_MAX_MS)
		delay = BACKOFF_MAX_MS;
	p->respawn_at_ms = now_ms() + delay;
	log_error("pool %s: workers keep dying at start (%d in a row); next "
	    "respawn in %lld ms", p->conf->name, p->quick_deaths, delay);
}

static int
reap(struct pool *pools, size_t npools)
{
	struct worker_slot *s;
	struct pool *p;
	int status, n = 0;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if ((s = slot_of(pools, npools, pid, &p)) != NULL)
			note_death(p, s, pid, status);
		n++;
	}
	return n;
}

static int
live_workers(struct pool *pools, size_t npools)
{
	size_t i;
	long w;
	int n = 0;

	for (i = 0; i < npools; i++)
		for (w = 0; w < pools[i].conf->workers; w++)
			n += pools[i].slots[w].pid != 0;
	return n;
}

static void
signal_workers(struct pool *pools, size_t npools, int sig)
{
	size_t i;
	long w;

	for (i = 0; i < npools; i++)
		for (w = 0; w < pools[i].conf->workers; w++)
			if (pools[i].slots[w].pid != 0)
				kill(pools[i].slots[w].pid, sig);
}

/* Lets workers finish their current request, then kills stragglers. */
static void
stop_workers(struct pool *pools, size_t npools, int sig)
{
	long long deadline = now_ms() + STOP_TIMEOUT_MS;
	struct pollfd pfd = { .fd = sigpipe_fds[0], .events = POLLIN };
	unsigned char b[64];

	signal_workers(pools, npools, sig);
	while (live_workers(pools, npools) > 0) {
		long long left = deadline - now_ms();

		if (left <= 0) {
			log_warn("workers still busy after %d ms: killing them",
			    STOP_TIMEOUT_MS);
			signal_workers(pools, npools, SIGKILL);
			deadline = now_ms() + 1000000;
		}
		poll(&pfd, 1, left > 0 ? (int)(left > 100 ? 100 : left) : 100);
		while (read(sigpipe_fds[0], b, sizeof(b)) > 0)
			;
		reap(pools, npools);
	}
}

static int
pidfile_write(const char *path)
{
	char buf[32];
	FILE *fp;
	long pid;

	if (path == NULL)
		return 0;
	if ((fp = fopen(path, "r")) != NULL) {
		if (fgets(buf, sizeof(buf), fp) != NULL &&
		    (pid = strtol(buf, NULL, 10)) > 0 && pid != getpid() &&
		    kill((pid_t)pid, 0) == 0) {
			fclose(fp);
			log_error("pid file %s names running process %ld: is "
			    "fnpool already running?", path, pid);
			return -1;
		}
		fclose(fp);
	}
	if ((fp = fopen(path, "w")) == NULL) {
		log_error("pid file %s: %s", path, strerror(errno));
		return -1;
	}
	fprintf(fp, "%ld\n", (long)getpid());
	fclose(fp);
	return 0;
}

static int
pools_open(struct config *cfg, struct pool *pools)
{
	size_t i;

	for (i = 0; i < cfg->npools; i++) {
		pools[i].conf = &cfg->pools[i];
		pools[i].listen_fd = -1;
		pools[i].slots = calloc((size_t)cfg->pools[i].workers,
		    sizeof(struct worker_slot));
		if (pools[i].slots == NULL)
			log_fatal("calloc");
	}
	for (i = 0; i < cfg->npools; i++)
		if ((pools[i].listen_fd = listen_open(pools[i].conf)) == -1)
			return -1;
	return 0;
}

static void
pools_close(struct pool *pools, size_t npools)
{
	size_t i;

	for (i = 0; i < npools; i++) {
		if (pools[i].listen_fd != -1)
			listen_close(pools[i].conf, pools[i].listen_fd);
		free(pools[i].slots);
	}
}

/* Handles one signal; returns the stop signal when it asks to stop. */
static int
handle_signal(struct pool *pools, size_t npools, int sig)
{
	switch (sig) {
	case SIGCHLD:
		reap(pools, npools);
		return 0;
	case SIGUSR1:
		if (log_reopen() == -1)
			log_error("reopening the error log: %s", strerror(errno));
		signal_workers(pools, npools, SIGUSR1);
		log_notice("log files reopened");
		return 0;
	case SIGHUP:
		log_warn("SIGHUP: reloading is not supported by this version; "
		    "restart fnpool to apply a new configuration");
		return 0;
	default:
		return sig;
	}
}

static int
next_timeout_ms(struct pool *pools, size_t npools)
{
	long long now = now_ms(), t = -1;
	size_t i;

	for (i = 0; i < npools; i++) {
		if (pools[i].respawn_at_ms <= now)
			continue;
		if (t == -1 || pools[i].respawn_at_ms - now < t)
			t = pools[i].respawn_at_ms - now;
	}
	return (int)t;
}

int
master_run(struct config *cfg)
{
	struct pool *pools;
	struct pollfd pfd;
	unsigned char sigs[64];
	size_t npools = cfg->npools;
	int stop = 0;
	ssize_t i, n;

	signals_setup();
	pools = calloc(npools, sizeof(*pools));
	if (pools == NULL)
		log_fatal("calloc");
	if (pools_open(cfg, pools) == -1 || pidfile_write(cfg->pid) == -1) {
		pools_close(pools, npools);
		free(pools);
		return 1;
	}
	for (i = 0; i < (ssize_t)npools; i++)
		log_notice("pool %s: listening on %s, %ld workers, functions %s",
		    cfg->pools[i].name, cfg->pools[i].listen,
		    cfg->pools[i].workers, cfg->pools[i].functions);
	spawn_missing(pools, npools);
	pfd.fd = sigpipe_fds[0];
	pfd.events = POLLIN;
	while (!stop) {
		if (poll(&pfd, 1, next_timeout_ms(pools, npools)) == -1 &&
		    errno != EINTR)
			log_fatal("poll");
		while (!stop && (n = read(sigpipe_fds[0], sigs, sizeof(sigs))) > 0)
			for (i = 0; i < n && !stop; i++)
				stop = handle_signal(pools, npools, sigs[i]);
		if (!stop)
			spawn_missing(pools, npools);
	}
	log_notice("%s: stopping", strsignal(stop));
	stop_workers(pools, npools, SIGTERM);
	pools_close(pools, npools);
	free(pools);
	if (cfg->pid != NULL)
		unlink(cfg->pid);
	log_notice("stopped");
	return 0;
}
