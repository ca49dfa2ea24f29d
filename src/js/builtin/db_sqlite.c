/*
 * db_sqlite: the SQLite engine of fnpool:db (db_engine.h).
 *
 * A connection runs in WAL mode (readers never wait for the writer),
 * with synchronous = NORMAL (what WAL is meant to run with: a commit
 * survives any crash of fnpool; a power loss may take the last commits
 * back, never corrupt the file), foreign_keys on, and a busy timeout as
 * long as the pool's request_timeout, so that concurrent workers wait
 * for the write lock rather than fail with SQLITE_BUSY.  Statements are
 * prepared once per connection and kept (DB_STMT_CACHE, least recently
 * used out).  A progress handler looks at the request's deadline every
 * few thousand virtual machine steps and, past it, ends the request as
 * its timer would (worker/timeout.c): a 504, and the worker exits (the file is
 * left as the last commit made it).
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/log.h"
#include "js/builtin/db_engine.h"

#define PROGRESS_STEPS	4096
#define SCRATCH_KEEP	(1 << 20)	/* parameter bytes kept for reuse */

struct stmt {
	char		*sql;		/* NULL: free slot */
	sqlite3_stmt	*st;
	unsigned long	 used;
};

struct lite {
	sqlite3		*db;
	struct stmt	 cache[DB_STMT_CACHE];
	unsigned long	 tick;
};

/* Parameters' bytes, reused (a throw leaves nothing to free). */
static struct buf scratch;

/* ---- result codes ------------------------------------------------------- */

#define C(x)	{ x, #x }
static const struct code { int code; const char *name; } codes[] = {
	C(SQLITE_ERROR), C(SQLITE_INTERNAL), C(SQLITE_PERM), C(SQLITE_ABORT),
	C(SQLITE_BUSY), C(SQLITE_LOCKED), C(SQLITE_NOMEM), C(SQLITE_READONLY),
	C(SQLITE_INTERRUPT), C(SQLITE_IOERR), C(SQLITE_CORRUPT),
	C(SQLITE_NOTFOUND), C(SQLITE_FULL), C(SQLITE_CANTOPEN),
	C(SQLITE_PROTOCOL), C(SQLITE_EMPTY), C(SQLITE_SCHEMA), C(SQLITE_TOOBIG),
	C(SQLITE_CONSTRAINT), C(SQLITE_MISMATCH), C(SQLITE_MISUSE),
	C(SQLITE_NOLFS), C(SQLITE_AUTH), C(SQLITE_FORMAT), C(SQLITE_RANGE),
	C(SQLITE_NOTADB), C(SQLITE_NOTICE), C(SQLITE_WARNING),
#ifdef SQLITE_ERROR_MISSING_COLLSEQ
	C(SQLITE_ERROR_MISSING_COLLSEQ), C(SQLITE_ERROR_RETRY),
#endif
#ifdef SQLITE_ERROR_SNAPSHOT
	C(SQLITE_ERROR_SNAPSHOT),
#endif
	C(SQLITE_IOERR_READ), C(SQLITE_IOERR_SHORT_READ), C(SQLITE_IOERR_WRITE),
	C(SQLITE_IOERR_FSYNC), C(SQLITE_IOERR_DIR_FSYNC),
	C(SQLITE_IOERR_TRUNCATE), C(SQLITE_IOERR_FSTAT), C(SQLITE_IOERR_UNLOCK),
	C(SQLITE_IOERR_RDLOCK), C(SQLITE_IOERR_DELETE), C(SQLITE_IOERR_NOMEM),
	C(SQLITE_IOERR_ACCESS), C(SQLITE_IOERR_CHECKRESERVEDLOCK),
	C(SQLITE_IOERR_LOCK), C(SQLITE_IOERR_CLOSE), C(SQLITE_IOERR_SHMOPEN),
	C(SQLITE_IOERR_SHMSIZE), C(SQLITE_IOERR_SHMLOCK), C(SQLITE_IOERR_SHMMAP),
	C(SQLITE_IOERR_SEEK), C(SQLITE_IOERR_DELETE_NOENT), C(SQLITE_IOERR_MMAP),
	C(SQLITE_IOERR_GETTEMPPATH), C(SQLITE_IOERR_CONVPATH),
#ifdef SQLITE_IOERR_BEGIN_ATOMIC
	C(SQLITE_IOERR_BEGIN_ATOMIC), C(SQLITE_IOERR_COMMIT_ATOMIC),
	C(SQLITE_IOERR_ROLLBACK_ATOMIC),
#endif
#ifdef SQLITE_IOERR_DATA
	C(SQLITE_IOERR_DATA),
#endif
#ifdef SQLITE_IOERR_CORRUPTFS
	C(SQLITE_IOERR_CORRUPTFS),
#endif
	C(SQLITE_LOCKED_SHAREDCACHE),
#ifdef SQLITE_LOCKED_VTAB
	C(SQLITE_LOCKED_VTAB),
#endif
	C(SQLITE_BUSY_RECOVERY), C(SQLITE_BUSY_SNAPSHOT),
#ifdef SQLITE_BUSY_TIMEOUT
	C(SQLITE_BUSY_TIMEOUT),
#endif
	C(SQLITE_CANTOPEN_NOTEMPDIR), C(SQLITE_CANTOPEN_ISDIR),
	C(SQLITE_CANTOPEN_FULLPATH), C(SQLITE_CANTOPEN_CONVPATH),
#ifdef SQLITE_CANTOPEN_SYMLINK
	C(SQLITE_CANTOPEN_SYMLINK),
#endif
	C(SQLITE_CORRUPT_VTAB),
#ifdef SQLITE_CORRUPT_SEQUENCE
	C(SQLITE_CORRUPT_SEQUENCE),
#endif
#ifdef SQLITE_CORRUPT_INDEX
	C(SQLITE_CORRUPT_INDEX),
#endif
	C(SQLITE_READONLY_RECOVERY), C(SQLITE_READONLY_CANTLOCK),
	C(SQLITE_READONLY_ROLLBACK), C(SQLITE_READONLY_DBMOVED),
#ifdef SQLITE_READONLY_CANTINIT
	C(SQLITE_READONLY_CANTINIT), C(SQLITE_READONLY_DIRECTORY),
#endif
	C(SQLITE_ABORT_ROLLBACK),
	C(SQLITE_CONSTRAINT_CHECK), C(SQLITE_CONSTRAINT_COMMITHOOK),
	C(SQLITE_CONSTRAINT_FOREIGNKEY), C(SQLITE_CONSTRAINT_FUNCTION),
	C(SQLITE_CONSTRAINT_NOTNULL), C(SQLITE_CONSTRAINT_PRIMARYKEY),
	C(SQLITE_CONSTRAINT_TRIGGER), C(SQLITE_CONSTRAINT_UNIQUE),
	C(SQLITE_CONSTRAINT_VTAB), C(SQLITE_CONSTRAINT_ROWID),
#ifdef SQLITE_CONSTRAINT_PINNED
	C(SQLITE_CONSTRAINT_PINNED),
#endif
#ifdef SQLITE_CONSTRAINT_DATATYPE
	C(SQLITE_CONSTRAINT_DATATYPE),
#endif
	C(SQLITE_NOTICE_RECOVER_WAL), C(SQLITE_NOTICE_RECOVER_ROLLBACK),
	C(SQLITE_WARNING_AUTOINDEX), C(SQLITE_AUTH_USER),
};
#undef C

/* The name of an extended result code ("SQLITE_CONSTRAINT_UNIQUE"). */
const char *
db_sqlite_code_name(int code)
{
	size_t i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (codes[i].code == code)
			return codes[i].name;
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (codes[i].code == (code & 0xff))
			return codes[i].name;
	return "SQLITE_ERROR";
}

static JS_NORETURN void
throw_db(js_State *J, sqlite3 *db)
{
	db_error_push(J, db_sqlite_code_name(sqlite3_extended_errcode(db)),
	    sqlite3_errmsg(db));
	js_throw(J);
}

/* ---- connections -------------------------------------------------------- */

/* Every PROGRESS_STEPS steps: past the request's deadline, a 504. */
static int
progress(void *arg)
{
	(void)arg;
	if (db_deadline_left() == 0)
		db_deadline_expire();	/* does not return */
	return 0;
}

static int
lite_open(js_State *J, struct db_conn *c)
{
	struct lite *l;
	sqlite3 *db = NULL;
	char *err = NULL;
	int rc;

	if (c->path[0] == '\0') {
		db_error_push(J, "SQLITE_CANTOPEN", "the path of this sqlite: "
		    "URL is too long");
		return -1;
	}
	rc = sqlite3_open_v2(c->path, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_extended_result_codes(db, 1);
		sqlite3_busy_timeout(db, (int)(c->busy_ms > 0x7fffffff ?
		    0x7fffffff : c->busy_ms));
		rc = sqlite3_exec(db, "PRAGMA journal_mode = WAL; "
		    "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON",
		    NULL, NULL, &err);
	}
	if (rc != SQLITE_OK) {
		char msg[1600], dir[512], *slash;
		struct stat st;

		snprintf(dir, sizeof(dir), "%.500s", c->path);
		if ((slash = strrchr(dir, '/')) != NULL && slash != dir)
			*slash = '\0';
		snprintf(msg, sizeof(msg), "cannot open database %s (%.500s): %.500s%s%s",
		    c->name, c->path, err != NULL ? err : db != NULL ?
		    sqlite3_errmsg(db) : sqlite3_errstr(rc),
		    slash != NULL && stat(dir, &st) == -1 ? "; no directory " : "",
		    slash != NULL && stat(dir, &st) == -1 ? dir : "");
		db_error_push(J, db_sqlite_code_name(db != NULL ?
		    sqlite3_extended_errcode(db) : rc), msg);
		sqlite3_free(err);
		sqlite3_close(db);
		return -1;
	}
	sqlite3_progress_handler(db, PROGRESS_STEPS, progress, NULL);
	if ((l = calloc(1, sizeof(*l))) == NULL)
		log_fatal("calloc");
	l->db = db;
	c->h = l;
	return 0;
}

static void
lite_close(struct db_conn *c)
{
	struct lite *l = c->h;
	int i;

	for (i = 0; i < DB_STMT_CACHE; i++) {
		sqlite3_finalize(l->cache[i].st);
		free(l->cache[i].sql);
	}
	sqlite3_close(l->db);
	free(l);
}

static int
lite_in_transaction(struct db_conn *c)
{
	return !sqlite3_get_autocommit(((struct lite *)c->h)->db);
}

static int
lite_rollback(struct db_conn *c)
{
	struct lite *l = c->h;

	if (sqlite3_exec(l->db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK) {
		log_error("database %s: ROLLBACK: %s", c->name,
		    sqlite3_errmsg(l->db));
		return -1;
	}
	return 0;
}

static int
lite_broken(struct db_conn *c)
{
	(void)c;
	return 0;
}

/* ---- statements ------------------------------------------------------- */

/*
 * The statement for sql: from the cache, or prepared (and cached, in
 * place of the least recently used).  Throws on a bad statement, and on
 * text with more than one (db.exec runs scripts).
 */
static sqlite3_stmt *
prepared(js_State *J, struct lite *l, const char *sql)
{
	struct stmt *s, *victim = NULL;
	sqlite3_stmt *st = NULL, *more = NULL;
	const char *tail = NULL;
	int i;

	for (i = 0; i < DB_STMT_CACHE; i++) {
		s = &l->cache[i];
		if (s->sql != NULL && strcmp(s->sql, sql) == 0) {
			s->used = ++l->tick;
			return s->st;
		}
		if (victim == NULL || (victim->sql != NULL &&
		    (s->sql == NULL || s->used < victim->used)))
			victim = s;
	}
	if (sqlite3_prepare_v3(l->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    &tail) != SQLITE_OK)
		throw_db(J, l->db);
	if (st == NULL)
		db_throw(J, "SQLITE_MISUSE", "no SQL statement in '%.200s'", sql);
	if (tail != NULL && *tail != '\0') {
		if (sqlite3_prepare_v2(l->db, tail, -1, &more, NULL) !=
		    SQLITE_OK || more != NULL) {
			sqlite3_finalize(more);
			sqlite3_finalize(st);
			db_throw(J, "SQLITE_MISUSE", "more than one statement: "
			    "query(), get() and run() take one (exec() runs "
			    "scripts)");
		}
	}
	sqlite3_finalize(victim->st);
	free(victim->sql);
	if ((victim->sql = strdup(sql)) == NULL)
		log_fatal("strdup");
	victim->st = st;
	victim->used = ++l->tick;
	return st;
}

static void
bind_value(js_State *J, struct lite *l, sqlite3_stmt *st, int k, int idx)
{
	struct db_value v;
	int rc = SQLITE_OK;

	buf_reset(&scratch);
	db_value_from_js(J, idx, &v, &scratch);
	switch (v.kind) {
	case DBV_NULL:
		rc = sqlite3_bind_null(st, k);
		break;
	case DBV_INT:
	case DBV_BOOL:
		rc = sqlite3_bind_int64(st, k, v.i);
		break;
	case DBV_REAL:
		rc = sqlite3_bind_double(st, k, v.d);
		break;
	case DBV_TEXT:
	case DBV_JSON:
		rc = sqlite3_bind_text64(st, k, scratch.data != NULL ?
		    scratch.data + v.off : "", v.len, SQLITE_TRANSIENT,
		    SQLITE_UTF8);
		break;
	case DBV_BLOB:
		rc = sqlite3_bind_blob64(st, k, scratch.data != NULL ?
		    scratch.data + v.off : "", v.len, SQLITE_TRANSIENT);
		break;
	}
	if (rc != SQLITE_OK)
		throw_db(J, l->db);
}

/* Binds the parameters at params: an array, or an object by name. */
static void
bind(js_State *J, struct lite *l, sqlite3_stmt *st, int params)
{
	int n = sqlite3_bind_parameter_count(st), k, len;
	const char *name;

	if (js_isundefined(J, params) || js_isnull(J, params)) {
		if (n > 0)
			js_rangeerror(J, "fnpool:db: the statement has %d "
			    "parameter%s, and none were given", n,
			    n == 1 ? "" : "s");
		return;
	}
	if (js_isarray(J, params)) {
		len = js_getlength(J, params);
		if (len != n)
			js_rangeerror(J, "fnpool:db: the statement has %d "
			    "parameter%s, and %d were given", n, n == 1 ? "" :
			    "s", len);
		for (k = 1; k <= n; k++) {
			js_getindex(J, params, k - 1);
			bind_value(J, l, st, k, -1);
			js_pop(J, 1);
		}
		return;
	}
	if (!js_isobject(J, params) || js_iscallable(J, params))
		js_typeerror(J, "fnpool:db: parameters are an array (?, ?NNN) "
		    "or an object (:name, @name, $name)");
	for (k = 1; k <= n; k++) {
		name = sqlite3_bind_parameter_name(st, k);
		if (name == NULL || name[0] == '?')
			js_typeerror(J, "fnpool:db: parameter %d is positional "
			    "(?): give the parameters as an array", k);
		if (!js_hasproperty(J, params, name + 1))
			js_rangeerror(J, "fnpool:db: no value for the named "
			    "parameter %s", name);
		bind_value(J, l, st, k, -1);
		js_pop(J, 1);
	}
}

/* Pushes column i of the current row. */
static void
push_column(js_State *J, sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_INTEGER:
		db_push_int64(J, sqlite3_column_int64(st, i));
		break;
	case SQLITE_FLOAT:
		js_pushnumber(J, sqlite3_column_double(st, i));
		break;
	case SQLITE_TEXT:
		db_push_text(J, (const char *)sqlite3_column_text(st, i),
		    (size_t)sqlite3_column_bytes(st, i));
		break;
	case SQLITE_BLOB:
		db_push_blob(J, sqlite3_column_blob(st, i),
		    (size_t)sqlite3_column_bytes(st, i));
		break;
	default:
		js_pushnull(J);
		break;
	}
}

/* Pushes the current row as an object: column names, in select order. */
static void
push_row(js_State *J, sqlite3_stmt *st, int ncol)
{
	int i;

	js_newobject(J);
	for (i = 0; i < ncol; i++) {
		push_column(J, st, i);
		js_setproperty(J, -2, sqlite3_column_name(st, i));
	}
}

static void
run(js_State *J, struct db_conn *c, struct lite *l, sqlite3_stmt *st,
    enum db_mode mode)
{
	int rc, ncol = sqlite3_column_count(st);
	long rows = 0;

	if (mode == DB_ROWS) {
		js_newarray(J);
		js_newarray(J);		/* rows.columns: in select order */
		for (rc = 0; rc < ncol; rc++) {
			js_pushstring(J, sqlite3_column_name(st, rc));
			js_setindex(J, -2, rc);
		}
		js_defproperty(J, -2, "columns", JS_DONTENUM);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (mode == DB_RUN)
			continue;
		if (mode == DB_FIRST) {
			push_row(J, st, ncol);
			return;
		}
		if (rows >= c->max_rows)
			db_throw_max_rows(J, c);
		push_row(J, st, ncol);
		js_setindex(J, -2, (int)rows++);
	}
	if (rc != SQLITE_DONE)
		throw_db(J, l->db);
	if (mode == DB_FIRST)
		js_pushundefined(J);
	else if (mode == DB_RUN) {
		js_newobject(J);
		js_pushnumber(J, (double)sqlite3_changes(l->db));
		js_setproperty(J, -2, "changes");
		db_push_int64(J, sqlite3_last_insert_rowid(l->db));
		js_setproperty(J, -2, "lastInsertId");
	}
}

static void
lite_statement(js_State *J, struct db_conn *c, const char *sql, int params,
    enum db_mode mode)
{
	struct lite *l = c->h;
	sqlite3_stmt *st = prepared(J, l, sql);

	if (js_try(J)) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		js_throw(J);
	}
	bind(J, l, st, params);
	run(J, c, l, st, mode);
	js_endtry(J);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (scratch.cap > SCRATCH_KEEP)	/* a big parameter: give it back */
		buf_free(&scratch);
}

static void
lite_script(js_State *J, struct db_conn *c, const char *sql)
{
	struct lite *l = c->h;

	if (sqlite3_exec(l->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		throw_db(J, l->db);
}

const struct db_engine db_sqlite = {
	.name = "sqlite",
	.begin = "BEGIN IMMEDIATE",
	.open = lite_open,
	.close = lite_close,
	.statement = lite_statement,
	.script = lite_script,
	.in_transaction = lite_in_transaction,
	.rollback = lite_rollback,
	.broken = lite_broken,
	.alive = NULL,
};
