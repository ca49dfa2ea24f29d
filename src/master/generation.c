/*
 * generation: configurations and their sockets.  A new generation reuses
 * the running pool's socket when `listen` did not change, takes a socket
 * the service manager passed (by name, then by order), or binds a new one;
 * if any of that fails, nothing changes.  The pools it replaces are marked
 * retired and drain later (master.c).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "worker/accesslog.h"
#include "master/listen.h"
#include "core/log.h"
#include "master/pool.h"
#include "master/sdnotify.h"
#include "master/status.h"

/* Sockets passed in $LISTEN_FDS. */
static struct {
	int	  n;
	char	**names;
	int	 *used;
} act;

/* A socket passed by the service manager for this pool: by name first,
 * then the first unnamed one left, in order. */
static int
activation_fd_for(const struct pool_config *conf, int by_order)
{
	int i;

	for (i = 0; i < act.n; i++) {
		const char *name = act.names[i];

		if (act.used[i])
			continue;
		if ((name != NULL && strcmp(name, conf->name) == 0) || by_order) {
			act.used[i] = 1;
			return SD_LISTEN_FDS_START + i;
		}
	}
	return -1;
}

void
activation_take(void)
{
	int i;

	act.n = sd_listen_fds(&act.names);
	if (act.n == 0)
		return;
	act.used = calloc((size_t)act.n, sizeof(int));
	if (act.used == NULL)
		log_fatal("calloc");
	for (i = 0; i < act.n; i++)
		fcntl(SD_LISTEN_FDS_START + i, F_SETFL,
		    fcntl(SD_LISTEN_FDS_START + i, F_GETFL) | O_NONBLOCK);
}

/* The running pool that already listens where conf wants to: same
 * address, or, for a passed socket, same pool name. */
static struct pool *
pool_on_socket(const struct pool_config *conf)
{
	struct pool *p;

	for (p = M.pools; p != NULL; p = p->next) {
		if (p->retired || p->listen_fd == -1)
			continue;
		if (p->activated ? strcmp(p->conf->name, conf->name) == 0 :
		    config_same_listen(p->conf->listen, conf->listen))
			return p;
	}
	return NULL;
}

/* The running pool whose status socket conf wants (same status.listen). */
static struct pool *
status_owner(const struct pool_config *conf)
{
	struct pool *p;

	for (p = M.pools; p != NULL; p = p->next)
		if (!p->retired && p->status_fd != -1 &&
		    config_same_listen(p->conf->status_listen,
		    conf->status_listen))
			return p;
	return NULL;
}

/* The status socket: the running one on the same address, or a new one. */
static int
status_open(struct pool *p)
{
	struct pool *old;

	if (p->conf->status_listen == NULL)
		return 0;
	if ((old = status_owner(p->conf)) != NULL) {
		p->status_fd = old->status_fd;
		return 0;
	}
	p->status_fd = status_listen_open(p->conf);
	return p->status_fd == -1 ? -1 : 0;
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
			if ((p->listen_fd = activation_fd_for(p->conf, pass)) != -1)
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
			if (!p->activated &&
			    listen_update(p->conf, p->listen_fd) == -1)
				goto fail;
			continue;
		}
		if ((p->listen_fd = listen_open(p->conf)) == -1)
			goto fail;
	}
	for (i = 0; i < cfg->npools; i++) {
		if (status_open(out[i]) == -1)
			goto fail;
		if (out[i]->conf->access_log != NULL &&
		    (out[i]->access_fd = accesslog_master_open(out[i]->conf)) == -1)
			goto fail;
	}
	return 0;
fail:
	for (i = 0; i < cfg->npools; i++) {
		p = out[i];
		if (p->access_fd != -1)
			close(p->access_fd);
		if (p->status_fd != -1 && status_owner(p->conf) == NULL)
			status_listen_close(p->conf, p->status_fd);
		if (p->listen_fd != -1 && pool_on_socket(p->conf) == NULL) {
			if (p->activated)	/* free for a later try */
				act.used[p->listen_fd - SD_LISTEN_FDS_START] = 0;
			else
				listen_close(p->conf, p->listen_fd);
		}
		gen->refs--;
		privileges_free(&p->pv);
		free(p->inotify_spare);		/* none yet */
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
		for (i = 0; i < gen->cfg->npools && p->status_fd != -1; i++)
			if (pools[i]->status_fd == p->status_fd)
				p->status_fd = -1;
		if (p->status_fd != -1) {	/* status.listen removed */
			status_listen_close(p->conf, p->status_fd);
			p->status_fd = -1;
		}
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

		char where[64];

		pool_publish(pools[i]);
		if (c->status_listen != NULL)
			log_notice("pool %s: status endpoints on %s", c->name,
			    c->status_listen);

		if (pools[i]->activated)
			snprintf(where, sizeof(where), "fd %d (passed by the "
			    "service manager)", pools[i]->listen_fd);
		log_notice("pool %s: listening on %s, pm %s, %ld workers%s, "
		    "functions %s", c->name,
		    pools[i]->activated ? where : c->listen,
		    c->pm == PM_STATIC ? "static" : "dynamic",
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
int
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

void
activation_close_unused(void)
{
	int i;

	for (i = 0; i < act.n; i++) {
		if (act.used[i])
			continue;
		log_warn("socket %d passed by the service manager (name %s) "
		    "matches no pool: closing it", SD_LISTEN_FDS_START + i,
		    act.names[i] ? act.names[i] : "none");
		close(SD_LISTEN_FDS_START + i);
		act.used[i] = 1;
	}
}

void
activation_free(void)
{
	sd_listen_names_free(act.names, act.n);
	free(act.used);
	act.names = NULL;
	act.used = NULL;
	act.n = 0;
}
