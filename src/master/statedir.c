/*
 * statedir: see statedir.h.  Failures are logged, not fatal: a pool
 * whose directory cannot be made still serves, and a function's first
 * query then fails with the reason (SQLITE_CANTOPEN).
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "core/dburl.h"
#include "core/log.h"
#include "core/privileges.h"
#include "master/statedir.h"

/* Would uid/gid (the pool's workers) be able to create files in st? */
static int
writable_by(const struct stat *st, uid_t uid, gid_t gid)
{
	if (uid == 0)
		return 1;
	if (st->st_uid == uid)
		return (st->st_mode & 0300) == 0300;
	if (st->st_gid == gid)
		return (st->st_mode & 0030) == 0030;
	return (st->st_mode & 0003) == 0003;
}

/* mkdir -p of the parents of dir (mode 0755), as root would. */
static int
make_parents(char *dir)
{
	char *slash;
	int rc = 0;

	for (slash = strchr(dir + 1, '/'); slash != NULL && rc == 0;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(dir, 0755) == -1 && errno != EEXIST)
			rc = -1;
		*slash = '/';
	}
	return rc;
}

/* Directories looked at in this call: each is made or reported once. */
static struct {
	char	 dir[PATH_MAX];
	uid_t	 uid;
} seen[16];
static int nseen;

static int
seen_before(const char *dir, uid_t uid)
{
	int i;

	for (i = 0; i < nseen; i++)
		if (seen[i].uid == uid && strcmp(seen[i].dir, dir) == 0)
			return 1;
	if (nseen < (int)(sizeof(seen) / sizeof(seen[0]))) {
		strcpy(seen[nseen].dir, dir);
		seen[nseen++].uid = uid;
	}
	return 0;
}

static void
prepare_dir(const struct pool_config *pool, const struct privileges *pv,
    const char *path)
{
	char dir[PATH_MAX], *slash;
	struct stat st;
	uid_t uid = pv->change ? pv->uid : geteuid();
	gid_t gid = pv->change ? pv->gid : getegid();

	if (strlen(path) >= sizeof(dir))
		return;
	strcpy(dir, path);
	if ((slash = strrchr(dir, '/')) == NULL || slash == dir)
		return;
	*slash = '\0';
	if (seen_before(dir, uid))
		return;
	if (stat(dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			log_error("pool %s: %s is not a directory: its SQLite "
			    "databases cannot be made there", pool->name, dir);
		else if (!writable_by(&st, uid, gid))
			log_warn("pool %s: its workers (uid %ld) cannot create "
			    "files in %s, where its SQLite database %s goes: "
			    "give it a directory of its own (db.default = "
			    "sqlite:/path/%s.db)", pool->name, (long)uid, dir,
			    path, pool->name);
		return;
	}
	if (make_parents(dir) == -1 || mkdir(dir, 0750) == -1) {
		log_warn("pool %s: cannot make %s for its SQLite databases: %s "
		    "(set state_dir, or make it)", pool->name, dir,
		    strerror(errno));
		return;
	}
	if (pv->change && chown(dir, pv->uid, pv->gid) == -1)
		log_error("pool %s: chown %s: %s", pool->name, dir,
		    strerror(errno));
	else
		log_notice("pool %s: made %s for its SQLite databases",
		    pool->name, dir);
}

void
statedir_prepare(const struct config *cfg)
{
	const struct pool_config *pool;
	struct privileges pv;
	char path[PATH_MAX];
	size_t i, j;

	nseen = 0;
	for (i = 0; i < cfg->npools; i++) {
		pool = &cfg->pools[i];
		privileges_resolve(pool, &pv);
		for (j = 0; j < pool->ndbs && pv.error[0] == '\0'; j++) {
			if (dburl_kind(pool->dbs[j].url) != DBURL_SQLITE ||
			    dburl_sqlite_path(pool->dbs[j].url, pool->state_dir,
			    path, sizeof(path)) == -1 || path[0] != '/')
				continue;	/* :memory: */
			prepare_dir(pool, &pv, path);
		}
		privileges_free(&pv);
	}
}
