/*
 * generation: a configuration's pools and their sockets.  A new
 * generation reuses the running pool's socket when `listen` did not
 * change, takes a socket the service manager passed (activation.c), or
 * binds a new one; if any of that fails, nothing changes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "master/activation.h"
#include "master/generation.h"
#include "master/listen.h"
#include "master/manager.h"
#include "master/pool.h"
#include "master/statedir.h"
#include "master/status.h"
#include "worker/accesslog.h"

/* ---- a new generation's sockets ---------------------------------------- */

/* The running pool that already listens where conf wants to: same
 * address, or, for a passed socket, same pool name. */
static struct pool *
pool_on_socket(const struct pool_config *conf)
{
	struct pool *p;

	for (p = manager.pools; p != NULL; p = p->next) {
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

	for (p = manager.pools; p != NULL; p = p->next)
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

/* Gives p a listening socket, unless it has a passed one already: the
 * running pool's on the same address, or a new one.  -1: failed. */
static int
pool_listen(struct pool *p)
{
	struct pool *old;

	if (p->listen_fd != -1)
		return 0;
	if ((old = pool_on_socket(p->conf)) != NULL) {
		p->listen_fd = old->listen_fd;
		p->activated = old->activated;
		if (!p->activated && listen_update(p->conf, p->listen_fd) == -1)
			return -1;
		return 0;
	}
	p->listen_fd = listen_open(p->conf);
	return p->listen_fd == -1 ? -1 : 0;
}

static int
access_open(struct pool *p)
{
	if (p->conf->access_log == NULL)
		return 0;
	p->access_fd = accesslog_master_open(p->conf);
	return p->access_fd == -1 ? -1 : 0;
}

/* Closes what generation_open opened for the new pools (not what they
 * share with the running ones) and frees them. */
static void
generation_discard(struct generation *gen, struct pool **out)
{
	struct pool *p;
	size_t i;

	for (i = 0; i < gen->cfg->npools; i++) {
		p = out[i];
		if (p->access_fd != -1)
			close(p->access_fd);
		if (p->status_fd != -1 && status_owner(p->conf) == NULL)
			status_listen_close(p->conf, p->status_fd);
		if (p->listen_fd != -1 && pool_on_socket(p->conf) == NULL) {
			if (p->activated)	/* free for a later try */
				activation_release(p->listen_fd);
			else
				listen_close(p->conf, p->listen_fd);
		}
		gen->refs--;
		privileges_free(&p->pv);
		free(p->inotify_spare);		/* none yet */
		free(p->crashes);
		free(p);
	}
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
	struct pool *p;
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
	for (i = 0; i < cfg->npools; i++)
		if (pool_listen(out[i]) == -1)
			goto fail;
	for (i = 0; i < cfg->npools; i++)
		if (status_open(out[i]) == -1 || access_open(out[i]) == -1)
			goto fail;
	statedir_prepare(cfg);
	return 0;
fail:
	generation_discard(gen, out);
	return -1;
}

/* ---- making it current ------------------------------------------------- */

/* Retires running pool p: the sockets it shares with the n new pools
 * become theirs; a status socket none of them took is closed. */
static void
pool_retire(struct pool *p, struct pool **pools, size_t n)
{
	size_t i;

	p->retired = 1;
	for (i = 0; i < n; i++)
		if (pools[i]->listen_fd == p->listen_fd)
			p->listen_fd = -1;	/* now the new pool's */
	for (i = 0; i < n && p->status_fd != -1; i++)
		if (pools[i]->status_fd == p->status_fd)
			p->status_fd = -1;
	if (p->status_fd != -1) {	/* status.listen removed */
		status_listen_close(p->conf, p->status_fd);
		p->status_fd = -1;
	}
}

/* The log lines of a new pool. */
static void
pool_announce(const struct pool *p)
{
	const struct pool_config *c = p->conf;
	char where[64];

	if (c->status_listen != NULL)
		log_notice("pool %s: status endpoints on %s", c->name,
		    c->status_listen);
	if (p->activated)
		snprintf(where, sizeof(where), "fd %d (passed by the "
		    "service manager)", p->listen_fd);
	log_notice("pool %s: listening on %s, pm %s, %ld workers%s, "
	    "functions %s", c->name, p->activated ? where : c->listen,
	    c->pm == PM_STATIC ? "static" : "dynamic",
	    c->pm == PM_STATIC ? c->workers : c->min_idle,
	    c->pm == PM_STATIC ? "" : " idle at least", c->functions);
	if (c->user != NULL && strcmp(c->user, "root") == 0 && geteuid() == 0)
		log_warn("pool %s: workers run as root (user = root): "
		    "a function can do anything on this machine", c->name);
}

/* Links the pools of a new generation in and retires the old ones. */
static void
generation_start(struct generation *gen, struct pool **pools)
{
	struct generation *prev = manager.current;
	struct pool *p, **tail;
	size_t i;

	for (p = manager.pools; p != NULL; p = p->next)
		if (!p->retired)
			pool_retire(p, pools, gen->cfg->npools);
	for (tail = &manager.pools; *tail != NULL; tail = &(*tail)->next)
		;
	for (i = 0; i < gen->cfg->npools; i++) {
		*tail = pools[i];
		tail = &pools[i]->next;
	}
	manager.current = gen;
	if (prev != NULL && prev->refs == 0) {
		config_free(prev->cfg);
		free(prev);
	}
	for (i = 0; i < gen->cfg->npools; i++) {
		pool_publish(pools[i]);
		pool_announce(pools[i]);
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
	gen->id = ++manager.next_gen;
	if ((pools = calloc(cfg->npools, sizeof(*pools))) == NULL)
		log_fatal("calloc");
	if (generation_open(gen, pools) == -1) {
		free(pools);
		free(gen);
		manager.next_gen--;
		return -1;
	}
	generation_start(gen, pools);
	free(pools);
	return 0;
}

/* ---- stop -------------------------------------------------------------- */

void
generation_close_all(void)
{
	struct pool *p;

	for (p = manager.pools; p != NULL; p = p->next) {
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
}
