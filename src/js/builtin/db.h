/*
 * db: the `fnpool:db` module, one API over SQLite and PostgreSQL
 * (docs/functions.md, "Databases").  require('fnpool:db') is the pool's
 * db.default; .open(NAME) any other db.NAME of the pool.  Calls are
 * synchronous: a worker serves one request at a time.
 *
 * Connections belong to the worker, not to a function's state: opened on
 * first use, kept across requests and states, each with its prepared
 * statements, and closed by db_close_all when the worker ends.
 */
#ifndef FNPOOL_DB_H
#define FNPOOL_DB_H

#include <mujs.h>

#include "core/config.h"

/*
 * The request's deadline, as the worker keeps it (worker/timeout.c):
 * milliseconds left (-1: none), ending the request now as its timer
 * would, and a function its expiry runs before the worker exits.
 */
struct db_deadline {
	long	(*left_ms)(void);
	void	(*expire)(void);
	void	(*on_expire)(void (*fn)(void));
};

/*
 * Once per worker (serve_init): the pool whose db.NAME settings apply;
 * deadline may be NULL (no request timeout).
 */
void	 db_setup(const struct pool_config *, const struct db_deadline *);
/* Closes every connection (serve_free). */
void	 db_close_all(void);
/* Before each request: the function and request the slow log names. */
void	 db_request_begin(const char *fn, const char *request_id);
/*
 * After each request: rolls back a transaction a function left open
 * (logged with fn and request_id), so that no lock outlives it.
 */
void	 db_request_end(const char *fn, const char *request_id);
/* Is name "fnpool:db"? */
int	 db_provided(const char *name);
/* Pushes the module's exports (made once per state); may throw. */
void	 db_require(js_State *J);

#endif
