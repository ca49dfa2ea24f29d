/*
 * db_engine: what db.c asks of a database engine (db_sqlite.c,
 * db_pg.c).  db.c owns the JavaScript API, the connections' life,
 * transactions, counters and the slow log; an engine opens a connection,
 * runs statements (binding the JavaScript parameters and pushing the
 * JavaScript results) and reports failures by throwing the errors
 * db_error_push makes.
 */
#ifndef FNPOOL_DB_ENGINE_H
#define FNPOOL_DB_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include <mujs.h>

#include "core/buf.h"

#define DB_STMT_CACHE	64	/* prepared statements kept per connection */

enum db_mode {
	DB_ROWS,	/* query: an array of row objects */
	DB_FIRST,	/* get: the first row, or undefined */
	DB_RUN,		/* run: {changes, lastInsertId} */
};

struct db_engine;
struct jsloop;

struct db_conn {
	const char		*name;		/* "default" */
	const char		*url;		/* as configured: has the password */
	char			 shown[512];	/* the URL, masked: for messages */
	char			 path[4096];	/* SQLite: the file */
	const struct db_engine	*engine;
	void			*h;		/* the engine's; NULL: not open */
	int			 depth;		/* db.transaction()s running */
	unsigned long		 request;	/* serial of its last request */
	long			 max_rows;
	long			 busy_ms;	/* SQLite's busy timeout */
	const struct jsloop	*owner;		/* a lease's request (db_lease.c);
						   NULL: idle, or not a lease */
};

struct db_engine {
	const char	*name;		/* "sqlite", "postgresql" */
	const char	*begin;		/* what opens a transaction */
	/* Opens c->h; -1 with an error on the stack (it may throw instead). */
	int		(*open)(js_State *, struct db_conn *);
	void		(*close)(struct db_conn *);
	/*
	 * Runs one statement: the parameters are the value at params (an
	 * array, an object of named ones, or undefined); pushes its result
	 * as mode says.  Throws on failure.
	 */
	void		(*statement)(js_State *, struct db_conn *, const char *sql,
			    int params, enum db_mode mode);
	/* Runs statements separated by ';', without parameters; throws. */
	void		(*script)(js_State *, struct db_conn *, const char *sql);
	int		(*in_transaction)(struct db_conn *);
	/* ROLLBACK, outside any JavaScript call: 0, or -1 (close it). */
	int		(*rollback)(struct db_conn *);
	/* Is the connection lost (reopen it before its next use)? */
	int		(*broken)(struct db_conn *);
	/* Before a request's first use: is a kept connection still good? */
	int		(*alive)(struct db_conn *);
	/*
	 * Statements that do not block the worker (db_async.c); NULL: the
	 * engine has none (SQLite), and the async calls run synchronously.
	 * send() starts one as statement() or script() would (script: sql
	 * is a script, params unused) and pushes its result so far, which
	 * stays on top of the stack between calls; throws when it cannot
	 * start.  socket(): the descriptor to wait on for its results.
	 * receive(), with params and that result on top (the result
	 * topmost), reads what came without blocking and adds it; returns 1
	 * when the result is whole (still on top), 0 while more is due;
	 * throws on failure, the connection ready for the next statement.
	 * abandon() cancels a statement sent and discards its results.
	 * connect() starts opening c->h without waiting: 0, or -1 with an
	 * error on the stack; connecting() goes on with it: 1 once it is
	 * open, 0 while not yet, -1 with an error on the stack (c->h is
	 * gone).  socket() gives the events to wait for in *events.
	 */
	void		(*send)(js_State *, struct db_conn *, const char *sql,
			    int params, enum db_mode mode, int script);
	int		(*socket)(struct db_conn *, short *events);
	int		(*connect)(js_State *, struct db_conn *);
	int		(*connecting)(js_State *, struct db_conn *);
	int		(*receive)(js_State *, struct db_conn *, int params);
	void		(*abandon)(struct db_conn *);
	/*
	 * Closes c without reading what is still due: a statement running
	 * is cancelled on the server first (db_lease.c).
	 */
	void		(*discard)(struct db_conn *);
};

extern const struct db_engine db_sqlite;
extern const struct db_engine db_pg;

/* The name of an SQLite extended result code: "SQLITE_CONSTRAINT_UNIQUE". */
const char	*db_sqlite_code_name(int code);
/*
 * PostgreSQL's timestamptz text (DateStyle ISO) as ISO 8601 in UTC:
 * "2024-05-06 07:08:09.5+02" -> "2024-05-06T05:08:09.5Z".  -1 when it
 * is not of that form (infinity, BC): show it as it is.
 */
int		 db_pg_timestamptz_iso(const char *in, char *out, size_t size);
/*
 * Pushes the array of PostgreSQL's text s ("{1,NULL,\"a b\"}") with
 * elements of type elem (an OID); throws on a malformed one.
 */
void		 db_pg_push_array(js_State *J, const char *s, unsigned elem);
/* The element type of an array type, or 0 when type is no array. */
unsigned	 db_pg_array_elem(unsigned type);

/*
 * Pushes a DatabaseError (an Error) with message (the engine's own
 * text, taken as bytes) and err.code; the engine may add properties
 * before it throws it.
 */
void	 db_error_push(js_State *J, const char *code, const char *message);
/* Throws a DatabaseError at once. */
JS_NORETURN void db_throw(js_State *J, const char *code, const char *fmt, ...)
	    JS_PRINTFLIKE(3, 4);

/*
 * The request's deadline (db_setup's): milliseconds left (-1: none);
 * ending the request now (a 504, and the worker exits); a function the
 * expiry runs first, which must be async-signal-safe.
 */
long	 db_deadline_left(void);
void	 db_deadline_expire(void);
void	 db_deadline_hook(void (*fn)(void));

/*
 * db.c for db_async.c: this's connection (throws when this is no
 * Database); the SQL argument of method; a connection made ready for a
 * statement (throws when it cannot open); a statement timed and counted
 * (start: db_now_us() before it), a connection the engine found broken
 * closed so that the next use reconnects.
 */
struct db_conn	*db_this_conn(js_State *J);
const char	*db_sql_arg(js_State *J, const char *method);
void		 db_conn_ready(js_State *J, struct db_conn *c);
int64_t		 db_now_us(void);
void		 db_account(struct db_conn *c, const char *sql, int64_t start,
		    int failed);
void		 db_conn_check(struct db_conn *c);
/*
 * Starts opening c without waiting (engine->connect), as db_conn_ready
 * would open it: throws when that fails at once.  A failure later is
 * counted by db_conn_failed.  db_conn_drop closes c, half open or not.
 */
void		 db_conn_start(js_State *J, struct db_conn *c);
void		 db_conn_failed(struct db_conn *c);
void		 db_conn_drop(struct db_conn *c);
/* What the request waits on, for the slow log (NULL: nothing). */
void		 db_note(const char *what);
/*
 * db_async.c for db.c: the Database methods queryAsync, getAsync,
 * runAsync, execAsync and transactionAsync, defined on the prototype at
 * the top of the stack; is a statement of c running or queued (a
 * synchronous call must wait for it)?
 */
void		 db_async_methods(js_State *J);
int		 db_async_busy(const struct db_conn *c);
/* Attaches fnpool:db's I/O source to the request's loop (jsloop_io). */
void		 db_async_attach(js_State *J);

/*
 * db_lease.c: the connection a call on base uses: base itself, or with
 * requests in flight on one loop each (max_concurrent above 1) and an
 * engine with asynchronous statements, the request's own, leased from
 * the worker's set of at most max for that database (throws EMAXCONN
 * past it).  db_lease_end gives back L's when L ends (a transaction left
 * open rolled back, logged with fn and request_id); db_lease_discard
 * closes a leased connection whose statement is still running;
 * db_lease_close_all closes them all (the worker ends).
 */
struct db_conn	*db_lease(js_State *J, struct db_conn *base, long max);
void		 db_lease_end(const struct jsloop *L, const char *fn,
		    const char *request_id);
void		 db_lease_discard(struct db_conn *c);
void		 db_lease_close_all(void);

/* ---- values, JavaScript to engine and back ---------------------------- */

enum db_kind {
	DBV_NULL, DBV_INT, DBV_REAL, DBV_BOOL, DBV_TEXT, DBV_BLOB,
	DBV_JSON,	/* text made by JSON.stringify (objects, arrays) */
};

struct db_value {
	enum db_kind	 kind;
	int64_t		 i;		/* DBV_INT, DBV_BOOL */
	double		 d;		/* DBV_REAL */
	size_t		 off, len;	/* DBV_TEXT, DBV_BLOB, DBV_JSON: in the buf */
};

/*
 * The parameter at idx: null and undefined are NULL; a boolean stays
 * one; a whole number within 2^63 is DBV_INT, any other DBV_REAL; a
 * string is its UTF-8 bytes; a Buffer or typed array its bytes; a Date
 * its ISO 8601 text; any other object or array its JSON text.  Bytes
 * are appended to bytes (read them only once all parameters are in).
 * May throw (a JSON.stringify that throws, a cyclic object).
 */
void	 db_value_from_js(js_State *J, int idx, struct db_value *v,
	    struct buf *bytes);
/*
 * Pushes an integer: a number within +-2^53 (exact), else its decimal
 * string.
 */
void	 db_push_int64(js_State *J, int64_t v);
/* Pushes text from the engine (UTF-8; NUL and bad bytes made safe). */
void	 db_push_text(js_State *J, const char *s, size_t n);
/* Pushes a Buffer with a copy of n bytes at p. */
void	 db_push_blob(js_State *J, const void *p, size_t n);
/* Pushes the value of JSON text (JSON.parse); throws a SyntaxError. */
void	 db_push_json(js_State *J, const char *s, size_t n);
/* Throws when a result grows past db.max_rows. */
JS_NORETURN void db_throw_max_rows(js_State *J, const struct db_conn *c);

#endif
