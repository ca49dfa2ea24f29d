/*
 * privileges: see privileges.h.
 *
 * The lookups go through NSS (nsswitch.conf: files, systemd, ldap...),
 * which loads modules and reads /etc/passwd and /etc/group.  Done in the
 * worker, that code and its buffers were a quarter of an idle worker's
 * memory, and ran again on every respawn; done in the master, the worker
 * inherits three numbers and a group list.  The master keeps the answer
 * for the pool's life (pool.c): looking up before every fork cost a
 * respawn about 150 system calls through NSS.  As with PHP-FPM and nginx,
 * which resolve accounts when they read their configuration, a change to
 * /etc/passwd or /etc/group reaches the workers after a reload (SIGHUP),
 * which makes new pools; a failed lookup is not kept but tried again.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "core/privileges.h"

/* getgrouplist(3), with a list that grows until the groups fit. */
static int
supplementary(const char *user, gid_t gid, struct privileges *pv)
{
	int n = 32, want;
	gid_t *g = NULL, *grown;

	for (;;) {
		if ((grown = realloc(g, (size_t)n * sizeof(*g))) == NULL) {
			free(g);
			return -1;
		}
		g = grown;
		want = n;
		if (getgrouplist(user, gid, g, &want) != -1) {
			pv->groups = g;
			pv->ngroups = want;
			return 0;
		}
		if (want <= n)		/* no growth asked: give up */
			n *= 2;
		else
			n = want;
		if (n > 65536) {
			free(g);
			return -1;
		}
	}
}

void
privileges_resolve(const struct pool_config *conf, struct privileges *pv)
{
	struct passwd *pw;
	struct group *gr;

	memset(pv, 0, sizeof(*pv));
	if (conf->user == NULL || geteuid() != 0)
		return;		/* config.c checked this combination */
	pv->change = 1;
	if ((pw = getpwnam(conf->user)) == NULL) {
		snprintf(pv->error, sizeof(pv->error), "pool %s: user %s: no "
		    "such user", conf->name, conf->user);
		return;
	}
	pv->uid = pw->pw_uid;
	pv->gid = pw->pw_gid;
	if (conf->group != NULL) {
		if ((gr = getgrnam(conf->group)) == NULL) {
			snprintf(pv->error, sizeof(pv->error), "pool %s: group "
			    "%s: no such group", conf->name, conf->group);
			return;
		}
		pv->gid = gr->gr_gid;
	}
	if (supplementary(pw->pw_name, pv->gid, pv) == -1)
		snprintf(pv->error, sizeof(pv->error), "pool %s: cannot list "
		    "the groups of user %s", conf->name, conf->user);
}

void
privileges_drop(const struct pool_config *conf, const struct privileges *pv)
{
	if (!pv->change)
		return;
	if (pv->error[0] != '\0')
		log_fatalx("%s", pv->error);
	if (setgroups((size_t)pv->ngroups, pv->groups) == -1 ||
	    setgid(pv->gid) == -1 || setuid(pv->uid) == -1)
		log_fatal("pool %s: cannot become user %s", conf->name,
		    conf->user);
}

void
privileges_free(struct privileges *pv)
{
	free(pv->groups);
	pv->groups = NULL;
	pv->ngroups = 0;
}
