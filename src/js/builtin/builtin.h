/*
 * builtin: Node's core modules for fnpool functions (assert, buffer,
 * crypto, events, path, process, querystring, stream, string_decoder,
 * timers, tty, url, util), each also as node:NAME, and the globals that
 * come from them (process, crypto, URL, URLSearchParams).  Each module
 * is JavaScript embedded at build time (src/js/builtin/NAME.js), crypto
 * with its C half on libcrypto (crypto.c); a module is compiled in a
 * state the first time the state requires it, and a global is an
 * accessor that does the same the first time it is read.
 * docs/javascript.md lists what each module has.
 */
#ifndef FNPOOL_BUILTIN_H
#define FNPOOL_BUILTIN_H

#include <mujs.h>

struct pool_config;

/*
 * Sets up a new state: Math.random seeded from getrandom(2), and the
 * lazy globals.  process.env is pool's env.* settings (none when pool is
 * NULL) and process.cwd() is root.  Returns 0, or -1 after logging why
 * (out of memory).
 */
int	 builtin_install(js_State *J, const struct pool_config *pool,
	    const char *root);
/* Is name ("events", "node:events", "util/types") a module fnpool has? */
int	 builtin_provided(const char *name);
/* Pushes the exports of that module, loading it on first use; may throw. */
void	 builtin_require(js_State *J, const char *name);
/* The names of the modules fnpool has, for messages: "assert, buffer, ..." */
const char *builtin_list(void);
/* The same as "assert,buffer,...,util/types" (aliases too), for fnpool build. */
const char *builtin_names(void);

#endif
