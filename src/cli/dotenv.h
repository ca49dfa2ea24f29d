/*
 * dotenv: the environment a function sees in ctx.env, from the command
 * line of `fnpool invoke` and `fnpool dev`: --env NAME=VALUE and
 * --env-file FILE (dotenv syntax), over the pool's env.NAME keys.
 */
#ifndef FNPOOL_DOTENV_H
#define FNPOOL_DOTENV_H

#include <stddef.h>

#include "core/config.h"

struct dotenv {
	struct env_var	*vars;		/* owned: names and values */
	size_t		 nvars;
};

void	 dotenv_init(struct dotenv *);
void	 dotenv_free(struct dotenv *);
/* Sets NAME to value: a name set earlier takes the new value. */
void	 dotenv_set(struct dotenv *, const char *name, const char *value);
/*
 * Each returns 0, or -1 with the reason in err ("FILE:LINE: ..." for a
 * file) and the list as it was before the failing entry.
 *   dotenv_arg:   one NAME=VALUE, as --env gives it
 *   dotenv_parse: text in dotenv syntax (file names it in messages)
 *   dotenv_load:  the file at path, in dotenv syntax
 */
int	 dotenv_arg(struct dotenv *, const char *arg, char *err,
	    size_t errsize);
int	 dotenv_parse(struct dotenv *, const char *text, size_t len,
	    const char *file, char *err, size_t errsize);
int	 dotenv_load(struct dotenv *, const char *path, char *err,
	    size_t errsize);
/*
 * Makes pool's env its own entries overridden by those of over (names
 * equal: over wins), kept in merged, which the caller frees after the
 * pool's last use.
 */
void	 dotenv_apply(const struct dotenv *over, struct pool_config *pool,
	    struct dotenv *merged);

#endif
