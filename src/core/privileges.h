/*
 * privileges: the account a pool's workers run as (user, group).  The
 * master looks the names up before a pool's first fork and keeps the
 * answer for the pool's life; the worker only calls setgroups, setgid and
 * setuid.
 */
#ifndef FNPOOL_PRIVILEGES_H
#define FNPOOL_PRIVILEGES_H

#include <sys/types.h>

#include "core/config.h"

struct privileges {
	int	 change;	/* 0: the worker stays as it is */
	uid_t	 uid;
	gid_t	 gid;
	gid_t	*groups;	/* supplementary groups, as initgroups(3) */
	int	 ngroups;
	char	 error[192];	/* why the lookup failed, for the worker */
};

/* Master, before fork: fills pv; on failure pv->error says why. */
void	 privileges_resolve(const struct pool_config *, struct privileges *);
/* Worker: becomes the account, or exits with the lookup's error. */
void	 privileges_drop(const struct pool_config *, const struct privileges *);
void	 privileges_free(struct privileges *);

#endif
