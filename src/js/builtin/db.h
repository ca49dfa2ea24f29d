/*
 * db: the `fnpool:db` module, one API over SQLite and PostgreSQL
 * (docs/functions.md, "Databases").  require('fnpool:db') is the pool's
 * db.default; .open(NAME) any other db.NAME of the pool.  The plain
 * calls are synchronous; queryAsync and the other Promise-returning ones
 * are db_async.c's.
 *
 * Connections belong to the worker, not to a function's state: opened on
 * first use, kept across requests and states, each with its prepared
 * statements, and closed by db_close_all when the worker ends.
 */
#ifndef FNPOOL_DB_H
#define FNPOOL_DB_H

#include <stddef.h>
#include <stdint.h>

#include <mujs.h>

#include "core/config.h"

/*
 * What the worker lends fnpool:db (serve.c), as functions since js/
 * includes no worker/ header: the request's deadline as worker/timeout.c
 * keeps it (milliseconds left, -1: none; ending the request now as its
 * timer would; a function its expiry runs before the worker exits), and
 * the shared counters (a statement on database db took us; us < 0: no
 * statement, a connection that failed), and what the request waits on
 * for the slow log ("query on database pg"; NULL: nothing).
 */
struct db_hooks {
	long	(*left_ms)(void);
	void	(*expire)(void);
	void	(*on_expire)(void (*fn)(void));
	void	(*count)(const char *db, int64_t us, int failed);
	void	(*note)(const char *what);
};

/*
 * Once per worker (serve_init): the pool whose db.NAME settings apply;
 * hooks may be NULL (no deadline, no counters: unit tests).
 */
void	 db_setup(const struct pool_config *, const struct db_hooks *);
/* Closes every connection (serve_free). */
void	 db_close_all(void);
/* Before each request: the function and request the slow log names (kept,
 * not copied: both must live until db_request_end). */
void	 db_request_begin(const char *fn, const char *request_id);
/*
 * After each request: rolls back a transaction a function left open
 * (logged with fn and request_id), so that no lock outlives it.
 */
void	 db_request_end(const char *fn, const char *request_id);
/*
 * What a request's loop waits on in fnpool:db, for the slow log
 * ("query on database pg"): 1, or 0 when it waits on no statement.
 */
struct jsloop;
int	 db_async_note(const struct jsloop *L, char *note, size_t size);
/* Is name "fnpool:db"? */
int	 db_provided(const char *name);
/* Pushes the module's exports (made once per state); may throw. */
void	 db_require(js_State *J);

#endif
