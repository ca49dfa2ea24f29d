/*
 * db_pg: the PostgreSQL engine of fnpool:db (db_engine.h), on libpq.
 *
 * A connection is made with the URL as libpq reads it, then set to the
 * text forms this file reads back (DateStyle ISO, bytea_output hex,
 * client_encoding UTF8).  Each statement is prepared once per
 * connection (PQprepare, then PQdescribePrepared for its parameters'
 * types) under a generated name and kept (DB_STMT_CACHE, least recently
 * used out, DEALLOCATEd).  Parameters go as text, except bytes (a
 * Buffer, or a string for a bytea parameter) which go in binary, and a
 * JavaScript array for an array parameter, which becomes an array
 * literal; results come as text and are turned into JavaScript values
 * by their column's type (docs/functions.md has the table).
 *
 * Rows are read one at a time (PQsetSingleRowMode), so a result past
 * db.max_rows is refused after max_rows + 1 rows, and the statement
 * cancelled, instead of materialising it in the worker first.  While a
 * statement runs, the request's timer (worker/timeout.c) knows its PGcancel:
 * if the request times out, the 504 goes out and PQcancel stops the
 * statement on the server before the worker exits.
 *
 * The asynchronous calls (db_async.c) send the same commands without
 * waiting (pg_send) and read their results as they come (pg_receive):
 * a statement not kept yet goes through DEALLOCATE of the slot it
 * takes, PREPARE and DESCRIBE, one command after another, before it
 * runs.  A connection they need opened is opened the same way
 * (pg_connect: PQconnectStartParams, PQconnectPoll, then the SETs).
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/pq.h"
#include "js/builtin/db_engine.h"

/* Type OIDs (pg_type.dat), as stable as PostgreSQL's catalog. */
enum {
	T_BOOL = 16, T_BYTEA = 17, T_CHAR = 18, T_NAME = 19, T_INT8 = 20,
	T_INT2 = 21, T_INT4 = 23, T_TEXT = 25, T_OID = 26, T_JSON = 114,
	T_FLOAT4 = 700, T_FLOAT8 = 701, T_BPCHAR = 1042, T_VARCHAR = 1043,
	T_DATE = 1082, T_TIME = 1083, T_TIMESTAMP = 1114,
	T_TIMESTAMPTZ = 1184, T_NUMERIC = 1700, T_UUID = 2950, T_JSONB = 3802,
};

static const struct { unsigned array, elem; } arrays[] = {
	{ 1000, T_BOOL }, { 1001, T_BYTEA }, { 1002, T_CHAR }, { 1003, T_NAME },
	{ 1005, T_INT2 }, { 1007, T_INT4 }, { 1009, T_TEXT }, { 1014, T_BPCHAR },
	{ 1015, T_VARCHAR }, { 1016, T_INT8 }, { 1021, T_FLOAT4 },
	{ 1022, T_FLOAT8 }, { 1028, T_OID }, { 1115, T_TIMESTAMP },
	{ 1182, T_DATE }, { 1183, T_TIME }, { 1185, T_TIMESTAMPTZ },
	{ 1231, T_NUMERIC }, { 2951, T_UUID }, { 199, T_JSON },
	{ 3807, T_JSONB },
};

struct pstmt {
	char		*sql;		/* NULL: free slot */
	char		 name[24];
	int		 nparams;
	Oid		*types;
	unsigned long	 used;
};

/*
 * A statement's results as they come: results(), pg_receive.  An
 * asynchronous statement that is not kept yet goes through the phases
 * before its execution, each one command and its results.
 */
enum phase {
	PH_EXECUTE,	/* its results */
	PH_DEALLOC,	/* DEALLOCATE of the slot's statement */
	PH_PREPARE,	/* PQsendPrepare */
	PH_DESCRIBE,	/* PQsendDescribePrepared: the parameters' types */
};

struct reading {
	enum phase	 phase;
	char		*sql;		/* until it is kept (not PH_EXECUTE) */
	enum db_mode	 mode;
	int		 script;	/* exec(): no rows, several statements */
	int		 retry;		/* a stale plan may be prepared again */
	struct pstmt	*stmt;
	long		 rows, changes;
	int		 have_first, too_many, have_columns;
	PGresult	*err;		/* the first failure */
};

/* A connection opened without waiting (pg_connect): where it is. */
enum stage {
	ST_READY,
	ST_POLLING,	/* PQconnectPoll, which wants reading or writing */
	ST_SETUP,	/* the SETs of the connection sent */
};

struct pg {
	PGconn		*conn;
	PGcancel	*cancel;	/* NULL until ST_READY */
	enum stage	 stage;
	PostgresPollingStatusType poll;	/* ST_POLLING: what it waits for */
	struct pstmt	 cache[DB_STMT_CACHE];
	unsigned long	 tick;
	unsigned long	 next_name;
	struct reading	 rd;
};

/* The statement running, for the request's timer (pg_on_expire). */
static PGcancel *volatile inflight;
/*
 * The connections with an asynchronous statement sent (pg_send), for the
 * same timer.  Past PG_SENT_MAX they are not cancelled at the 504: the
 * server ends them when the exiting worker's connections close.
 */
#define PG_SENT_MAX	16
static PGcancel *volatile sent[PG_SENT_MAX];
/* Parameters, reused (a throw leaves nothing to free). */
static struct buf scratch;
static struct {
	const char	**values;
	long		 *off;
	int		 *lengths, *formats;
	int		  cap;
} pv;

/* ---- values out --------------------------------------------------------- */

unsigned
db_pg_array_elem(unsigned type)
{
	size_t i;

	for (i = 0; i < sizeof(arrays) / sizeof(arrays[0]); i++)
		if (arrays[i].array == type)
			return arrays[i].elem;
	return 0;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static void
civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
	long long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long long)yoe + era * 400 + (*m <= 2);
}

int
db_pg_timestamptz_iso(const char *in, char *out, size_t size)
{
	unsigned mo, d, h, mi, s, oh = 0, om = 0, os = 0;
	char frac[16] = "", sign;
	long long y, t;
	int n = 0, k = 0;

	if (sscanf(in, "%4lld-%2u-%2u %2u:%2u:%2u%n", &y, &mo, &d, &h, &mi, &s,
	    &n) != 6 || n != 19)
		return -1;
	in += n;
	if (*in == '.') {
		k = (int)strspn(in + 1, "0123456789");
		if (k == 0 || k >= (int)sizeof(frac) - 1)
			return -1;
		snprintf(frac, sizeof(frac), "%.*s", k + 1, in);
		in += k + 1;
	}
	sign = *in++;
	if ((sign != '+' && sign != '-') || sscanf(in, "%2u%n", &oh, &n) != 1 ||
	    n != 2)
		return -1;
	in += 2;
	if (*in == ':') {
		if (sscanf(in, ":%2u%n", &om, &n) != 1 || n != 3)
			return -1;
		in += 3;
		if (*in == ':') {
			if (sscanf(in, ":%2u%n", &os, &n) != 1 || n != 3)
				return -1;
			in += 3;
		}
	}
	if (*in != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || s > 60)
		return -1;
	t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
	t += (sign == '+' ? -1 : 1) * (long long)(oh * 3600 + om * 60 + os);
	civil_from_days(t >= 0 ? t / 86400 : (t - 86399) / 86400, &y, &mo, &d);
	t = ((t % 86400) + 86400) % 86400;
	if (y < 0 || y > 9999)
		return -1;
	n = snprintf(out, size, "%04lld-%02u-%02uT%02u:%02u:%02u%sZ", y, mo, d,
	    (unsigned)(t / 3600), (unsigned)(t / 60 % 60), (unsigned)(t % 60),
	    frac);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* Pushes the value of text s (n bytes) of type type. */
static void
push_value(js_State *J, unsigned type, const char *s, size_t n)
{
	unsigned char *bytes;
	char iso[64], *end;
	unsigned elem;
	size_t len;

	switch (type) {
	case T_BOOL:
		js_pushboolean(J, s[0] == 't');
		return;
	case T_INT8:
		db_push_int64(J, strtoll(s, NULL, 10));
		return;
	case T_INT2:
	case T_INT4:
	case T_OID:
	case T_FLOAT4:
	case T_FLOAT8:
		js_pushnumber(J, strtod(s, &end));
		return;
	case T_JSON:
	case T_JSONB:
		db_push_json(J, s, n);
		return;
	case T_TIMESTAMP:
		if (n < sizeof(iso) && n > 10 && s[10] == ' ') {
			memcpy(iso, s, n + 1);
			iso[10] = 'T';
			js_pushstring(J, iso);
			return;
		}
		break;
	case T_TIMESTAMPTZ:
		if (db_pg_timestamptz_iso(s, iso, sizeof(iso)) == 0) {
			js_pushstring(J, iso);
			return;
		}
		break;
	case T_BYTEA:
		if ((bytes = PQunescapeBytea((const unsigned char *)s, &len)) ==
		    NULL)
			js_error(J, "fnpool:db: out of memory for a bytea value");
		if (js_try(J)) {
			PQfreemem(bytes);
			js_throw(J);
		}
		db_push_blob(J, bytes, len);
		js_endtry(J);
		PQfreemem(bytes);
		return;
	default:
		if ((elem = db_pg_array_elem(type)) != 0) {
			db_pg_push_array(J, s, elem);
			return;
		}
		break;
	}
	db_push_text(J, s, n);		/* numeric, text, uuid, date, ... */
}

static void push_array_level(js_State *, const char **, unsigned, int);

/* The elements of one level, after its '{', up to its '}'. */
static void
array_items(js_State *J, const char **sp, unsigned elem, int depth,
    struct buf *item)
{
	const char *p = *sp;
	int i = 0, quoted;

	for (;;) {
		if (*p == '{') {
			push_array_level(J, &p, elem, depth + 1);
		} else {
			buf_reset(item);
			quoted = *p == '"';
			if (quoted) {
				for (p++; *p != '\0' && *p != '"'; p++) {
					if (*p == '\\' && p[1] != '\0')
						p++;
					buf_putc(item, *p);
				}
				if (*p++ != '"')
					js_error(J, "fnpool:db: malformed array "
					    "from PostgreSQL");
			} else {
				while (*p != '\0' && *p != ',' && *p != '}')
					buf_putc(item, *p++);
			}
			if (!quoted && strcmp(buf_cstr(item), "NULL") == 0)
				js_pushnull(J);
			else
				push_value(J, elem, buf_cstr(item), item->len);
		}
		js_setindex(J, -2, i++);
		if (*p == ',') {
			p++;
			continue;
		}
		if (*p != '}')
			js_error(J, "fnpool:db: malformed array from PostgreSQL");
		*sp = p + 1;
		return;
	}
}

/*
 * One level of an array literal at *sp ('{'), pushed as an array.  An
 * element's text is unescaped into a buffer of its level: levels nest.
 */
static void
push_array_level(js_State *J, const char **sp, unsigned elem, int depth)
{
	struct buf item;

	if (**sp != '{' || depth > 6)
		js_error(J, "fnpool:db: malformed array from PostgreSQL");
	(*sp)++;
	js_newarray(J);
	if (**sp == '}') {
		(*sp)++;
		return;
	}
	buf_init(&item);
	if (js_try(J)) {
		buf_free(&item);
		js_throw(J);
	}
	array_items(J, sp, elem, depth, &item);
	js_endtry(J);
	buf_free(&item);
}

void
db_pg_push_array(js_State *J, const char *s, unsigned elem)
{
	/* "[0:2]={...}": bounds other than 1, which JavaScript has not */
	if (*s == '[' && (s = strchr(s, '=')) != NULL)
		s++;
	if (s == NULL)
		js_error(J, "fnpool:db: malformed array from PostgreSQL");
	push_array_level(J, &s, elem, 0);
}

/* ---- errors --------------------------------------------------------------- */

static void
set_field(js_State *J, const PGresult *res, int field, const char *name)
{
	const char *v = PQresultErrorField(res, field);

	if (v == NULL)
		return;
	db_push_text(J, v, strlen(v));
	js_setproperty(J, -2, name);
}

/* Throws the error of res (SQLSTATE, message, detail...), clearing res. */
static JS_NORETURN void
throw_result(js_State *J, struct db_conn *c, PGresult *res)
{
	const char *code = res != NULL ?
	    PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res != NULL ?
	    PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	struct pg *p = c->h;

	if (msg == NULL)
		msg = p != NULL ? PQerrorMessage(p->conn) : "no connection";
	if (js_try(J)) {
		PQclear(res);
		js_throw(J);
	}
	/* a connection lost mid-statement has no SQLSTATE: 08006 */
	db_error_push(J, code != NULL ? code : "08006", msg);
	if (res != NULL) {
		set_field(J, res, PG_DIAG_MESSAGE_DETAIL, "detail");
		set_field(J, res, PG_DIAG_MESSAGE_HINT, "hint");
		set_field(J, res, PG_DIAG_CONSTRAINT_NAME, "constraint");
		set_field(J, res, PG_DIAG_TABLE_NAME, "table");
		set_field(J, res, PG_DIAG_COLUMN_NAME, "column");
		set_field(J, res, PG_DIAG_SEVERITY_NONLOCALIZED, "severity");
	}
	js_endtry(J);
	PQclear(res);
	js_throw(J);
}

/* ---- connections -------------------------------------------------------- */

static void
cancel(struct pg *p)
{
	char err[256];

	(void)PQcancel(p->cancel, err, sizeof(err));
}

static void
pg_on_expire(void)
{
	PGcancel *c = inflight;
	char err[256];
	int i;

	if (c != NULL)
		(void)PQcancel(c, err, sizeof(err));
	for (i = 0; i < PG_SENT_MAX; i++)
		if ((c = sent[i]) != NULL)
			(void)PQcancel(c, err, sizeof(err));
}

static void
sent_track(PGcancel *c)
{
	int i;

	for (i = 0; i < PG_SENT_MAX; i++)
		if (sent[i] == NULL) {
			sent[i] = c;
			return;
		}
}

static void
sent_untrack(PGcancel *c)
{
	int i;

	for (i = 0; i < PG_SENT_MAX; i++)
		if (sent[i] == c)
			sent[i] = NULL;
}

static void
notice_quiet(void *arg, const char *message)
{
	(void)arg;
	log_debug("postgresql: %s", message);
}

static const char *const open_keys[] = { "application_name",
    "client_encoding", "dbname", NULL };
#define OPEN_SETUP	"SET DateStyle = 'ISO, MDY'; SET bytea_output = 'hex'"

static int
pg_open(js_State *J, struct db_conn *c)
{
	const char *values[] = { "fnpool", "UTF8", c->url, NULL };
	char msg[1024];
	PGresult *res;
	struct pg *p;
	PGconn *conn;

	if (pq_load(msg, sizeof(msg)) == -1) {
		db_error_push(J, "ECONNREFUSED", msg);
		return -1;
	}
	conn = PQconnectdbParams(open_keys, values, 1);
	if (conn == NULL || PQstatus(conn) != CONNECTION_OK) {
		snprintf(msg, sizeof(msg), "cannot connect to database %s "
		    "(%s): %s", c->name, c->shown, conn != NULL ?
		    PQerrorMessage(conn) : "out of memory");
		PQfinish(conn);
		db_error_push(J, "ECONNREFUSED", msg);
		return -1;
	}
	PQsetNoticeProcessor(conn, notice_quiet, NULL);
	res = PQexec(conn, OPEN_SETUP);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		snprintf(msg, sizeof(msg), "database %s (%s): setting up the "
		    "connection: %s", c->name, c->shown, PQerrorMessage(conn));
		PQclear(res);
		PQfinish(conn);
		db_error_push(J, "ECONNREFUSED", msg);
		return -1;
	}
	PQclear(res);
	if ((p = calloc(1, sizeof(*p))) == NULL)
		log_fatal("calloc");
	p->conn = conn;
	p->cancel = PQgetCancel(conn);
	c->h = p;
	db_deadline_hook(pg_on_expire);
	return 0;
}

static void
pstmt_free(struct pstmt *s)
{
	free(s->sql);
	free(s->types);
	memset(s, 0, sizeof(*s));
}

static void
pg_close(struct db_conn *c)
{
	struct pg *p = c->h;
	int i;

	for (i = 0; i < DB_STMT_CACHE; i++)
		pstmt_free(&p->cache[i]);
	if (inflight == p->cancel && p->cancel != NULL)
		inflight = NULL;
	if (p->cancel != NULL)
		sent_untrack(p->cancel);
	PQclear(p->rd.err);
	free(p->rd.sql);
	if (p->cancel != NULL)
		PQfreeCancel(p->cancel);
	PQfinish(p->conn);
	free(p);
}

static int
pg_in_transaction(struct db_conn *c)
{
	PGTransactionStatusType st = PQtransactionStatus(((struct pg *)c->h)->conn);

	return st == PQTRANS_INTRANS || st == PQTRANS_INERROR;
}

static int
pg_rollback(struct db_conn *c)
{
	struct pg *p = c->h;
	PGresult *res = PQexec(p->conn, "ROLLBACK");
	int ok = PQresultStatus(res) == PGRES_COMMAND_OK;

	if (!ok)
		log_error("database %s: ROLLBACK: %s", c->name,
		    PQerrorMessage(p->conn));
	PQclear(res);
	return ok ? 0 : -1;
}

static int
pg_broken(struct db_conn *c)
{
	return PQstatus(((struct pg *)c->h)->conn) == CONNECTION_BAD;
}

/*
 * An idle connection has nothing to read.  If it has, the server spoke
 * (a restart says FATAL, then closes) or hung up: read it and see.
 */
static int
pg_alive(struct db_conn *c)
{
	struct pg *p = c->h;
	struct pollfd pfd;
	PGnotify *n;
	int i;

	pfd.fd = PQsocket(p->conn);
	pfd.events = POLLIN;
	for (i = 0; i < 4; i++) {
		if (pfd.fd < 0 || PQstatus(p->conn) != CONNECTION_OK)
			return 0;
		if (poll(&pfd, 1, 0) != 1)
			return 1;
		if (!PQconsumeInput(p->conn))
			return 0;
		while ((n = PQnotifies(p->conn)) != NULL)
			PQfreemem(n);
	}
	return PQstatus(p->conn) == CONNECTION_OK;
}

/* ---- statements --------------------------------------------------------- */

/*
 * The kept statement for sql, or NULL with *victim set to the slot a new
 * one takes (a free one, else the least recently used).
 */
static struct pstmt *
cache_find(struct pg *p, const char *sql, struct pstmt **victim)
{
	struct pstmt *s;
	int i;

	*victim = NULL;
	for (i = 0; i < DB_STMT_CACHE; i++) {
		s = &p->cache[i];
		if (s->sql != NULL && strcmp(s->sql, sql) == 0) {
			s->used = ++p->tick;
			return s;
		}
		if (*victim == NULL || ((*victim)->sql != NULL &&
		    (s->sql == NULL || s->used < (*victim)->used)))
			*victim = s;
	}
	return NULL;
}

/* A statement's parameter types, from PQdescribePrepared's result. */
static void
pstmt_describe(struct pstmt *s, const PGresult *res)
{
	int i;

	free(s->types);
	s->nparams = PQnparams(res);
	if ((s->types = calloc((size_t)s->nparams + 1, sizeof(Oid))) == NULL)
		log_fatal("calloc");
	for (i = 0; i < s->nparams; i++)
		s->types[i] = PQparamtype(res, i);
}

/* The prepared statement for sql, from the cache or prepared now. */
static struct pstmt *
prepared(js_State *J, struct db_conn *c, const char *sql)
{
	struct pg *p = c->h;
	struct pstmt *s, *victim;
	char dealloc[48];
	PGresult *res;

	if ((s = cache_find(p, sql, &victim)) != NULL)
		return s;
	if (victim->sql != NULL) {
		snprintf(dealloc, sizeof(dealloc), "DEALLOCATE %s", victim->name);
		PQclear(PQexec(p->conn, dealloc));
		pstmt_free(victim);
	}
	snprintf(victim->name, sizeof(victim->name), "fnpool_%lu",
	    ++p->next_name);
	inflight = p->cancel;
	res = PQprepare(p->conn, victim->name, sql, 0, NULL);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		inflight = NULL;
		throw_result(J, c, res);
	}
	PQclear(res);
	res = PQdescribePrepared(p->conn, victim->name);
	inflight = NULL;
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		snprintf(dealloc, sizeof(dealloc), "DEALLOCATE %s", victim->name);
		PQclear(PQexec(p->conn, dealloc));
		throw_result(J, c, res);
	}
	pstmt_describe(victim, res);
	if ((victim->sql = strdup(sql)) == NULL)
		log_fatal("strdup");
	PQclear(res);
	victim->used = ++p->tick;
	return victim;
}

/*
 * An element of an array literal of elem: quoted, with " and \ escaped.
 * A JavaScript array nests (int4[][]), except inside a json array,
 * whose elements are JSON values of any kind.
 */
static void
array_element(js_State *J, int idx, struct buf *out, unsigned elem, int top)
{
	struct db_value v;
	struct buf bytes;
	const char *s;
	size_t i;

	if (js_isarray(J, idx) && (top || (elem != T_JSON && elem != T_JSONB))) {
		int n = js_getlength(J, idx), k;

		buf_putc(out, '{');
		for (k = 0; k < n; k++) {
			if (k > 0)
				buf_putc(out, ',');
			js_getindex(J, idx, k);
			array_element(J, -1, out, elem, 0);
			js_pop(J, 1);
		}
		buf_putc(out, '}');
		return;
	}
	buf_init(&bytes);
	if (js_try(J)) {
		buf_free(&bytes);
		js_throw(J);
	}
	db_value_from_js(J, idx, &v, &bytes);
	js_endtry(J);
	switch (v.kind) {
	case DBV_NULL:
		buf_puts(out, "NULL");
		break;
	case DBV_BOOL:
		buf_puts(out, v.i ? "t" : "f");
		break;
	case DBV_INT:
		buf_printf(out, "%lld", (long long)v.i);
		break;
	case DBV_REAL:
		buf_printf(out, "%.17g", v.d);
		break;
	case DBV_BLOB:		/* bytea's hex form, escaped for the literal */
		buf_puts(out, "\"\\\\x");
		for (i = 0; i < v.len; i++)
			buf_printf(out, "%02x", (unsigned char)bytes.data[v.off + i]);
		buf_putc(out, '"');
		break;
	case DBV_TEXT:
	case DBV_JSON:
		buf_putc(out, '"');
		for (i = 0, s = bytes.data + v.off; i < v.len; i++) {
			if (s[i] == '"' || s[i] == '\\')
				buf_putc(out, '\\');
			buf_putc(out, s[i]);
		}
		buf_putc(out, '"');
		break;
	}
	buf_free(&bytes);
}

static int
is_integer_type(Oid t)
{
	return t == T_INT2 || t == T_INT4 || t == T_INT8 || t == T_OID;
}

/*
 * The parameters at params, converted for their types into scratch:
 * their offsets in off (-1: NULL), lengths and formats.
 */
static void
params_encode(js_State *J, const struct pstmt *s, int params, long *off,
    int *lengths, int *formats)
{
	struct db_value v;
	int i, n;

	buf_reset(&scratch);
	if (js_isundefined(J, params) || js_isnull(J, params)) {
		if (s->nparams > 0)
			js_rangeerror(J, "fnpool:db: the statement has %d "
			    "parameter%s, and none were given", s->nparams,
			    s->nparams == 1 ? "" : "s");
		return;
	}
	if (!js_isarray(J, params))
		js_typeerror(J, "fnpool:db: PostgreSQL takes its parameters "
		    "($1, $2, ...) as an array");
	if ((n = js_getlength(J, params)) != s->nparams)
		js_rangeerror(J, "fnpool:db: the statement has %d parameter%s, "
		    "and %d were given", s->nparams, s->nparams == 1 ? "" : "s",
		    n);
	for (i = 0; i < n; i++) {
		js_getindex(J, params, i);
		formats[i] = 0;
		if (js_isarray(J, -1) && db_pg_array_elem(s->types[i]) != 0) {
			off[i] = (long)scratch.len;
			array_element(J, -1, &scratch,
			    db_pg_array_elem(s->types[i]), 1);
			buf_putc(&scratch, '\0');
			js_pop(J, 1);
			continue;
		}
		db_value_from_js(J, -1, &v, &scratch);
		js_pop(J, 1);
		off[i] = (long)v.off;
		switch (v.kind) {
		case DBV_NULL:
			off[i] = -1;
			continue;
		case DBV_BOOL:
			buf_puts(&scratch, is_integer_type(s->types[i]) ?
			    (v.i ? "1" : "0") : (v.i ? "true" : "false"));
			break;
		case DBV_INT:
			buf_printf(&scratch, "%lld", (long long)v.i);
			break;
		case DBV_REAL:
			if (v.d != v.d)
				buf_puts(&scratch, "NaN");
			else if (v.d > 1e308 || v.d < -1e308)
				buf_puts(&scratch, v.d > 0 ? "Infinity" :
				    "-Infinity");
			else
				buf_printf(&scratch, "%.17g", v.d);
			break;
		case DBV_BLOB:
			formats[i] = 1;
			lengths[i] = (int)v.len;
			break;
		case DBV_TEXT:
		case DBV_JSON:
			if (s->types[i] == T_BYTEA) {
				formats[i] = 1;
				lengths[i] = (int)v.len;
				break;
			}
			if (memchr(scratch.data + v.off, '\0', v.len) != NULL)
				db_throw(J, "22021", "a string parameter holds a "
				    "NUL character, which PostgreSQL text cannot "
				    "(use a Buffer and bytea)");
			break;
		}
		buf_putc(&scratch, '\0');
	}
}

static void pg_abandon_sent(struct db_conn *);

/* Reads what is left of the results, and frees it. */
static void
drain(struct pg *p)
{
	PGresult *res;

	while ((res = PQgetResult(p->conn)) != NULL)
		PQclear(res);
	inflight = NULL;
}

/* Pushes a row of res (one tuple) as an object. */
static void
push_row(js_State *J, PGresult *res, int row)
{
	int i, n = PQnfields(res);

	js_newobject(J);
	for (i = 0; i < n; i++) {
		if (PQgetisnull(res, row, i))
			js_pushnull(J);
		else
			push_value(J, PQftype(res, i), PQgetvalue(res, row, i),
			    (size_t)PQgetlength(res, row, i));
		js_setproperty(J, -2, PQfname(res, i));
	}
}

/* rows.columns: the column names in select order. */
static void
set_columns(js_State *J, struct pg *p, PGresult *res)
{
	int i, n = PQnfields(res);

	if (js_try(J)) {
		PQclear(res);
		cancel(p);
		drain(p);
		js_throw(J);
	}
	js_newarray(J);
	for (i = 0; i < n; i++) {
		db_push_text(J, PQfname(res, i), strlen(PQfname(res, i)));
		js_setindex(J, -2, i);
	}
	js_defproperty(J, -2, "columns", JS_DONTENUM);
	js_endtry(J);
}

/*
 * With the result at the top of the stack, adds the row of res (one
 * tuple) as mode wants.  If that throws (memory_limit), the statement
 * is cancelled and its results read, so the connection stays usable.
 */
static void
take_row(js_State *J, struct pg *p, PGresult *res, enum db_mode mode,
    long row)
{
	if (js_try(J)) {
		PQclear(res);
		cancel(p);
		drain(p);
		js_throw(J);
	}
	if (mode == DB_ROWS) {
		push_row(J, res, 0);
		js_setindex(J, -2, (int)row);
	} else if (mode == DB_FIRST) {
		push_row(J, res, 0);
	} else if (PQnfields(res) > 0) {	/* run(): INSERT ... RETURNING */
		if (PQgetisnull(res, 0, 0))
			js_pushnull(J);
		else
			push_value(J, PQftype(res, 0), PQgetvalue(res, 0, 0),
			    (size_t)PQgetlength(res, 0, 0));
		js_setproperty(J, -2, "lastInsertId");
	}
	js_endtry(J);
}

/*
 * A kept statement whose result's columns changed since it was prepared
 * (ALTER TABLE under SELECT *): PostgreSQL refuses to run it again.
 */
static int
stale_plan(const PGresult *err)
{
	const char *code = PQresultErrorField(err, PG_DIAG_SQLSTATE);
	const char *msg = PQresultErrorField(err, PG_DIAG_MESSAGE_PRIMARY);

	return code != NULL && strcmp(code, "0A000") == 0 && msg != NULL &&
	    strstr(msg, "cached plan must not change result type") != NULL;
}

/*
 * Starts reading the results of a statement just sent: pushes the result
 * as mode wants it before any row (an array, run()'s object; undefined
 * for get() until its row, and for a script).
 */
static void
reading_start(js_State *J, struct pg *p, enum db_mode mode, int script,
    struct pstmt *stmt, int retry)
{
	PQclear(p->rd.err);
	free(p->rd.sql);
	memset(&p->rd, 0, sizeof(p->rd));
	p->rd.mode = mode;
	p->rd.script = script;
	p->rd.stmt = stmt;
	p->rd.retry = retry;
	if (script || mode == DB_FIRST)
		js_pushundefined(J);
	else if (mode == DB_ROWS)
		js_newarray(J);
	else {
		js_newobject(J);
		js_pushnull(J);
		js_setproperty(J, -2, "lastInsertId");
	}
}

/*
 * One result of the statement (a row in single-row mode, its end, or
 * its failure) into the result on top of the stack.
 */
static void
reading_take(js_State *J, struct db_conn *c, PGresult *res)
{
	struct pg *p = c->h;
	struct reading *rd = &p->rd;
	ExecStatusType st = PQresultStatus(res);
	char *end;

	if (rd->script) {
		if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK &&
		    st != PGRES_EMPTY_QUERY && rd->err == NULL) {
			rd->err = res;
			return;
		}
		PQclear(res);
		return;
	}
	if (rd->mode == DB_ROWS && !rd->have_columns &&
	    (st == PGRES_SINGLE_TUPLE || st == PGRES_TUPLES_OK)) {
		set_columns(J, p, res);
		rd->have_columns = 1;
	}
	switch (st) {
	case PGRES_SINGLE_TUPLE:
		if (rd->too_many || (rd->mode != DB_ROWS && rd->have_first))
			break;
		if (rd->mode == DB_ROWS && rd->rows >= c->max_rows) {
			rd->too_many = 1;
			cancel(p);
			break;
		}
		if (rd->mode == DB_FIRST)
			js_pop(J, 1);	/* undefined, for the row */
		take_row(J, p, res, rd->mode, rd->rows++);
		rd->have_first = 1;
		break;
	case PGRES_TUPLES_OK:
	case PGRES_COMMAND_OK:
		rd->changes = strtol(PQcmdTuples(res), &end, 10);
		break;
	default:
		if (rd->err == NULL) {
			rd->err = res;
			res = NULL;
		}
		break;
	}
	PQclear(res);
}

/*
 * All results are in: throws the statement's failure, or completes the
 * result on top.  Returns 1, the result popped, when the statement's
 * plan went stale and may be prepared again (retry, and no transaction
 * that the failure has aborted).
 */
static int
reading_end(js_State *J, struct db_conn *c)
{
	struct pg *p = c->h;
	struct reading *rd = &p->rd;
	PGresult *err = rd->err;

	rd->err = NULL;
	if (rd->too_many) {
		PQclear(err);
		db_throw_max_rows(J, c);
	}
	if (err != NULL && rd->retry && !rd->have_first && stale_plan(err) &&
	    PQtransactionStatus(p->conn) == PQTRANS_IDLE) {
		PQclear(err);
		js_pop(J, 1);
		return 1;
	}
	if (err != NULL)
		throw_result(J, c, err);
	if (PQstatus(p->conn) == CONNECTION_BAD)
		throw_result(J, c, NULL);
	if (rd->mode == DB_RUN && !rd->script) {
		js_pushnumber(J, (double)rd->changes);
		js_setproperty(J, -2, "changes");
	}
	return 0;
}

/*
 * Reads the results of the statement sent, pushing what mode wants.
 * Every path reads them to the end, so the connection is ready for the
 * next statement whatever happens here.  Returns 1, with nothing pushed,
 * when the statement's plan went stale and may be prepared again.
 */
static int
results(js_State *J, struct db_conn *c, enum db_mode mode, int script,
    struct pstmt *stmt, int retry)
{
	struct pg *p = c->h;
	PGresult *res;

	reading_start(J, p, mode, script, stmt, retry);
	while ((res = PQgetResult(p->conn)) != NULL)
		reading_take(J, c, res);
	inflight = NULL;
	return reading_end(J, c);
}

/* Room for n parameters in pv. */
static void
pv_reserve(int n)
{
	if (n <= pv.cap)
		return;
	if ((pv.values = realloc(pv.values, (size_t)n * sizeof(*pv.values))) ==
	    NULL || (pv.off = realloc(pv.off, (size_t)n * sizeof(*pv.off))) ==
	    NULL || (pv.lengths = realloc(pv.lengths, (size_t)n *
	    sizeof(*pv.lengths))) == NULL || (pv.formats = realloc(pv.formats,
	    (size_t)n * sizeof(*pv.formats))) == NULL)
		log_fatal("realloc");
	pv.cap = n;
}

/* Forgets a kept statement (its plan went stale), on both sides. */
static void
forget(struct pg *p, struct pstmt *s)
{
	char dealloc[48];

	snprintf(dealloc, sizeof(dealloc), "DEALLOCATE %s", s->name);
	PQclear(PQexec(p->conn, dealloc));
	pstmt_free(s);
}

/* Sends the kept statement s with the parameters at params. */
static void
execute_send(js_State *J, struct db_conn *c, struct pstmt *s, int params)
{
	struct pg *p = c->h;
	int i;

	pv_reserve(s->nparams + 1);
	memset(pv.lengths, 0, (size_t)(s->nparams + 1) * sizeof(*pv.lengths));
	params_encode(J, s, params, pv.off, pv.lengths, pv.formats);
	for (i = 0; i < s->nparams; i++)
		pv.values[i] = pv.off[i] < 0 ? NULL : scratch.data + pv.off[i];
	if (!PQsendQueryPrepared(p->conn, s->name, s->nparams, pv.values,
	    pv.lengths, pv.formats, 0))
		throw_result(J, c, NULL);
	(void)PQsetSingleRowMode(p->conn);
	if (scratch.cap > (1 << 20))	/* sent: give a big one back */
		buf_free(&scratch);
}

/* Prepares sql if need be and sends it with the parameters at params. */
static struct pstmt *
send_prepared(js_State *J, struct db_conn *c, const char *sql, int params)
{
	struct pstmt *s = prepared(J, c, sql);

	execute_send(J, c, s, params);
	return s;
}

static void
pg_statement(js_State *J, struct db_conn *c, const char *sql, int params,
    enum db_mode mode)
{
	struct pg *p = c->h;
	struct pstmt *s;
	int attempt;

	for (attempt = 0;; attempt++) {
		s = send_prepared(J, c, sql, params);
		inflight = p->cancel;
		if (results(J, c, mode, 0, s, attempt == 0) == 0)
			return;
		forget(p, s);	/* prepared again, once */
	}
}

static void
pg_script(js_State *J, struct db_conn *c, const char *sql)
{
	struct pg *p = c->h;

	if (!PQsendQuery(p->conn, sql))
		throw_result(J, c, NULL);
	inflight = p->cancel;
	(void)results(J, c, DB_RUN, 1, NULL, 0);
	js_pop(J, 1);
}

/* ---- statements that do not block the worker (db_async.c) -------------- */

/*
 * reading_start for a statement sent, in phase, with sql when it is
 * being prepared (taken over): if that throws, it is abandoned.
 */
static void
start_reading(js_State *J, struct db_conn *c, enum db_mode mode, int script,
    struct pstmt *s, enum phase phase, char *sql)
{
	struct pg *p = c->h;

	if (js_try(J)) {
		free(sql);
		pg_abandon_sent(c);
		js_throw(J);
	}
	reading_start(J, p, mode, script, s, 1);
	js_endtry(J);
	p->rd.phase = phase;
	p->rd.sql = sql;
}

/*
 * Sends the first command of preparing sql in slot s: DEALLOCATE of the
 * statement the slot holds, or PREPARE.  Returns the phase it is in.
 */
static enum phase
prepare_send(js_State *J, struct db_conn *c, struct pstmt *s)
{
	struct pg *p = c->h;
	char dealloc[48];

	if (s->sql != NULL) {
		snprintf(dealloc, sizeof(dealloc), "DEALLOCATE %s", s->name);
		pstmt_free(s);
		if (!PQsendQuery(p->conn, dealloc))
			throw_result(J, c, NULL);
		return PH_DEALLOC;
	}
	return PH_PREPARE;
}

/* Names slot s anew and sends PREPARE of sql into it. */
static void
prepare_begin(js_State *J, struct db_conn *c, struct pstmt *s, const char *sql)
{
	struct pg *p = c->h;

	snprintf(s->name, sizeof(s->name), "fnpool_%lu", ++p->next_name);
	if (!PQsendPrepare(p->conn, s->name, sql, 0, NULL))
		throw_result(J, c, NULL);
}

/* The next command of preparing: PREPARE, DESCRIBE, or the statement. */
static void
prepare_next(js_State *J, struct db_conn *c, int params)
{
	struct pg *p = c->h;
	struct reading *rd = &p->rd;
	struct pstmt *s = rd->stmt;
	PGresult *err = rd->err;
	char dealloc[48];

	rd->err = NULL;
	switch (rd->phase) {
	case PH_EXECUTE:		/* receive() reads those */
		break;
	case PH_DEALLOC:		/* its failure does not matter */
		PQclear(err);
		prepare_begin(J, c, s, rd->sql);
		rd->phase = PH_PREPARE;
		break;
	case PH_PREPARE:
		if (err != NULL)
			throw_result(J, c, err);
		if (!PQsendDescribePrepared(p->conn, s->name))
			throw_result(J, c, NULL);
		rd->phase = PH_DESCRIBE;
		break;
	case PH_DESCRIBE:
		if (err != NULL || s->types == NULL) {
			snprintf(dealloc, sizeof(dealloc), "DEALLOCATE %s",
			    s->name);
			PQclear(PQexec(p->conn, dealloc));
			pstmt_free(s);
			throw_result(J, c, err);
		}
		s->sql = rd->sql;	/* kept from here on */
		rd->sql = NULL;
		s->used = ++p->tick;
		rd->phase = PH_EXECUTE;
		execute_send(J, c, s, params);
		break;
	}
}

/* One result of a command of preparing. */
static void
prepare_take(struct pg *p, PGresult *res)
{
	struct reading *rd = &p->rd;
	ExecStatusType st = PQresultStatus(res);

	if (st != PGRES_COMMAND_OK && rd->err == NULL) {
		rd->err = res;
		return;
	}
	if (rd->phase == PH_DESCRIBE && st == PGRES_COMMAND_OK)
		pstmt_describe(rd->stmt, res);
	PQclear(res);
}

static void
pg_send(js_State *J, struct db_conn *c, const char *sql, int params,
    enum db_mode mode, int script)
{
	struct pg *p = c->h;
	struct pstmt *s = NULL, *victim;
	enum phase phase = PH_EXECUTE;
	char *copy = NULL;

	if (script) {
		if (!PQsendQuery(p->conn, sql))
			throw_result(J, c, NULL);
	} else if ((s = cache_find(p, sql, &victim)) != NULL)
		execute_send(J, c, s, params);
	else {			/* prepared first, a command at a time */
		s = victim;
		if ((phase = prepare_send(J, c, s)) == PH_PREPARE)
			prepare_begin(J, c, s, sql);
		if ((copy = strdup(sql)) == NULL)
			log_fatal("strdup");
	}
	sent_track(p->cancel);
	start_reading(J, c, mode, script, s, phase, copy);
}

static int
pg_socket(struct db_conn *c, short *events)
{
	struct pg *p = c->h;

	*events = p->stage == ST_POLLING && p->poll == PGRES_POLLING_WRITING ?
	    POLLOUT : POLLIN;
	return PQsocket(p->conn);
}

/* An asynchronous open failed: pushes why, and forgets the connection. */
static int
connect_failed(js_State *J, struct db_conn *c, const char *doing)
{
	struct pg *p = c->h;
	char msg[1024];

	snprintf(msg, sizeof(msg), "%s database %s (%s): %s", doing, c->name,
	    c->shown, PQerrorMessage(p->conn));
	PQfinish(p->conn);
	free(p);
	c->h = NULL;
	db_error_push(J, "ECONNREFUSED", msg);
	return -1;
}

static int
pg_connect(js_State *J, struct db_conn *c)
{
	const char *values[] = { "fnpool", "UTF8", c->url, NULL };
	char msg[1024];
	struct pg *p;
	PGconn *conn;

	if (pq_load(msg, sizeof(msg)) == -1) {
		db_error_push(J, "ECONNREFUSED", msg);
		return -1;
	}
	if ((conn = PQconnectStartParams(open_keys, values, 1)) == NULL)
		log_fatal("PQconnectStartParams");
	if ((p = calloc(1, sizeof(*p))) == NULL)
		log_fatal("calloc");
	p->conn = conn;
	p->stage = ST_POLLING;
	p->poll = PGRES_POLLING_WRITING;	/* libpq: as if it said so */
	c->h = p;
	if (PQstatus(conn) == CONNECTION_BAD)
		return connect_failed(J, c, "cannot connect to");
	return 0;
}

static int
pg_connecting(js_State *J, struct db_conn *c)
{
	struct pg *p = c->h;
	PGresult *res;
	int failed = 0;

	if (p->stage == ST_POLLING) {
		p->poll = PQconnectPoll(p->conn);
		if (p->poll == PGRES_POLLING_FAILED)
			return connect_failed(J, c, "cannot connect to");
		if (p->poll != PGRES_POLLING_OK)
			return 0;
		PQsetNoticeProcessor(p->conn, notice_quiet, NULL);
		if (!PQsendQuery(p->conn, OPEN_SETUP))
			return connect_failed(J, c, "setting up the connection to");
		p->stage = ST_SETUP;
	}
	if (!PQconsumeInput(p->conn))
		return connect_failed(J, c, "setting up the connection to");
	while (!PQisBusy(p->conn)) {
		if ((res = PQgetResult(p->conn)) == NULL) {
			if (failed)
				return connect_failed(J, c,
				    "setting up the connection to");
			p->stage = ST_READY;
			p->cancel = PQgetCancel(p->conn);
			db_deadline_hook(pg_on_expire);
			return 1;
		}
		failed |= PQresultStatus(res) != PGRES_COMMAND_OK;
		PQclear(res);
	}
	return 0;
}

/* The statement's plan went stale: prepared again in its slot, once. */
static void
resend(js_State *J, struct db_conn *c)
{
	struct pg *p = c->h;
	struct pstmt *s = p->rd.stmt;

	reading_start(J, p, p->rd.mode, 0, s, 0);
	if ((p->rd.sql = strdup(s->sql)) == NULL)
		log_fatal("strdup");
	p->rd.phase = prepare_send(J, c, s);	/* DEALLOCATE, then PREPARE */
}

/* One result, of a command of preparing or of the statement. */
static void
take(js_State *J, struct db_conn *c, PGresult *res)
{
	struct pg *p = c->h;

	if (p->rd.phase == PH_EXECUTE)
		reading_take(J, c, res);
	else
		prepare_take(p, res);
}

static int
receive(js_State *J, struct db_conn *c, int params)
{
	struct pg *p = c->h;
	PGresult *res;

	if (!PQconsumeInput(p->conn) && PQstatus(p->conn) == CONNECTION_BAD) {
		while ((res = PQgetResult(p->conn)) != NULL)
			take(J, c, res);
		if (p->rd.phase == PH_EXECUTE)
			(void)reading_end(J, c);
		res = p->rd.err;
		p->rd.err = NULL;
		throw_result(J, c, res);
	}
	while (!PQisBusy(p->conn)) {
		if ((res = PQgetResult(p->conn)) != NULL) {
			take(J, c, res);
			continue;
		}
		if (p->rd.phase != PH_EXECUTE) {
			prepare_next(J, c, params);
			continue;
		}
		if (reading_end(J, c) == 0)
			return 1;
		resend(J, c);
	}
	return 0;
}

static int
pg_receive(js_State *J, struct db_conn *c, int params)
{
	struct pg *p = c->h;
	int done;

	if (js_try(J)) {
		sent_untrack(p->cancel);
		PQclear(p->rd.err);
		p->rd.err = NULL;
		free(p->rd.sql);
		p->rd.sql = NULL;
		js_throw(J);
	}
	done = receive(J, c, params);
	js_endtry(J);
	if (done)
		sent_untrack(p->cancel);
	return done;
}

static void
pg_abandon_sent(struct db_conn *c)
{
	struct pg *p = c->h;

	cancel(p);
	drain(p);
	sent_untrack(p->cancel);
	PQclear(p->rd.err);
	p->rd.err = NULL;
	free(p->rd.sql);	/* a statement being prepared: its slot stays */
	p->rd.sql = NULL;	/* free (the server may keep it, unnamed by us) */
}

static void
pg_discard(struct db_conn *c)
{
	struct pg *p = c->h;

	if (p->cancel != NULL && PQtransactionStatus(p->conn) == PQTRANS_ACTIVE)
		cancel(p);
	pg_close(c);
}

const struct db_engine db_pg = {
	.name = "postgresql",
	.begin = "BEGIN",
	.open = pg_open,
	.close = pg_close,
	.statement = pg_statement,
	.script = pg_script,
	.in_transaction = pg_in_transaction,
	.rollback = pg_rollback,
	.broken = pg_broken,
	.alive = pg_alive,
	.send = pg_send,
	.socket = pg_socket,
	.connect = pg_connect,
	.connecting = pg_connecting,
	.receive = pg_receive,
	.abandon = pg_abandon_sent,
	.discard = pg_discard,
};
