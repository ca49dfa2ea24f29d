/*
 * rlimits: setrlimit for the pool's rlimit_* settings.
 *
 * A worker sets its own limits rather than the master setting them
 * between fork and exec: the worker is the process they are meant for,
 * and `fnpool worker` (started by spawn-fcgi or systemd) gets them too.
 * Soft and hard limits are set together, so nothing a function triggers
 * can raise them again.  Raising a limit above the inherited hard limit
 * needs root: the worker then says which setting failed and exits.
 */
#include <sys/resource.h>

#include <errno.h>
#include <string.h>

#include "worker/rlimits.h"
#include "core/log.h"

static int
limit_set(const char *pool, const char *name, int resource, long value)
{
	struct rlimit rl;

	if (value == CONFIG_RLIMIT_INHERIT)
		return 0;
	rl.rlim_cur = rl.rlim_max = value == CONFIG_RLIMIT_UNLIMITED ?
	    RLIM_INFINITY : (rlim_t)value;
	if (setrlimit(resource, &rl) == 0)
		return 0;
	if (value == CONFIG_RLIMIT_UNLIMITED)
		log_error("pool %s: cannot set %s to unlimited: %s", pool,
		    name, strerror(errno));
	else
		log_error("pool %s: cannot set %s to %ld: %s", pool, name,
		    value, strerror(errno));
	return -1;
}

int
rlimits_apply(const struct pool_config *pool)
{
	int r = 0;

	r |= limit_set(pool->name, "rlimit_as", RLIMIT_AS, pool->rlimit_as);
	r |= limit_set(pool->name, "rlimit_nofile", RLIMIT_NOFILE,
	    pool->rlimit_nofile);
	r |= limit_set(pool->name, "rlimit_core", RLIMIT_CORE,
	    pool->rlimit_core);
	return r;
}
