/*
 * dburl: see dburl.h.
 *
 * A PostgreSQL URL is parsed by libpq's own PQconninfoParse, so that
 * `fnpool -t` accepts exactly what a worker's connection will (libpq is
 * loaded then, and only then: core/pq.h).  Its
 * password sits in the userinfo ("user:PASSWORD@", which ends at the
 * first '@' or '/', as libpq reads it) or in a "password=" query
 * parameter; dburl_mask replaces both, and any libpq message quoting
 * the URL has the password taken out before it is shown.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/dburl.h"
#include "core/pq.h"

enum dburl_kind
dburl_kind(const char *url)
{
	if (strncmp(url, "sqlite:", 7) == 0)
		return DBURL_SQLITE;
	if (strncmp(url, "postgresql://", 13) == 0 ||
	    strncmp(url, "postgres://", 11) == 0)
		return DBURL_POSTGRESQL;
	return DBURL_BAD;
}

int
dburl_name_ok(const char *name)
{
	if (!isalpha((unsigned char)*name) && *name != '_')
		return 0;
	for (; *name != '\0'; name++)
		if (!isalnum((unsigned char)*name) && *name != '_')
			return 0;
	return 1;
}

/* Appends s[0..n) to out, NUL-terminated, as far as it fits. */
static size_t
put(char *out, size_t size, size_t at, const char *s, size_t n)
{
	if (size == 0 || at >= size - 1)
		return at;
	if (n > size - 1 - at)
		n = size - 1 - at;
	memcpy(out + at, s, n);
	out[at + n] = '\0';
	return at + n;
}

void
dburl_mask(const char *url, char *out, size_t size)
{
	const char *p, *auth, *at, *colon, *q, *end, *eq;
	size_t o = 0;

	if (size == 0)
		return;
	out[0] = '\0';
	if ((p = strstr(url, "://")) == NULL ||
	    dburl_kind(url) != DBURL_POSTGRESQL) {
		put(out, size, 0, url, strlen(url));
		return;
	}
	auth = p + 3;
	at = auth + strcspn(auth, "@/");
	o = put(out, size, o, url, (size_t)(auth - url));
	if (*at == '@' && (colon = memchr(auth, ':', (size_t)(at - auth))) !=
	    NULL) {
		o = put(out, size, o, auth, (size_t)(colon + 1 - auth));
		o = put(out, size, o, DBURL_MASK, strlen(DBURL_MASK));
		p = at;
	} else
		p = auth;
	/* the rest, with each password= parameter of the query masked */
	if ((q = strchr(p, '?')) == NULL) {
		put(out, size, o, p, strlen(p));
		return;
	}
	o = put(out, size, o, p, (size_t)(q + 1 - p));
	for (p = q + 1; *p != '\0'; p = end) {
		end = p + strcspn(p, "&");
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq != NULL && eq - p == 8 && strncmp(p, "password", 8) == 0) {
			o = put(out, size, o, p, 9);
			o = put(out, size, o, DBURL_MASK, strlen(DBURL_MASK));
		} else
			o = put(out, size, o, p, (size_t)(end - p));
		if (*end == '&')
			o = put(out, size, o, end++, 1);
	}
}

/* Replaces every occurrence of secret in s (in place) with the mask. */
static void
scrub(struct buf *s, const char *secret)
{
	size_t n = secret != NULL ? strlen(secret) : 0;
	struct buf out;
	const char *p, *hit;

	if (n == 0 || s->len == 0)
		return;
	buf_init(&out);
	for (p = buf_cstr(s); (hit = strstr(p, secret)) != NULL; p = hit + n) {
		buf_append(&out, p, (size_t)(hit - p));
		buf_puts(&out, DBURL_MASK);
	}
	buf_puts(&out, p);
	buf_reset(s);
	buf_puts(s, buf_cstr(&out));
	buf_free(&out);
}

/* The raw password of the userinfo, if any, into out. */
static void
raw_password(const char *url, char *out, size_t size)
{
	const char *auth = strstr(url, "://"), *at, *colon;

	out[0] = '\0';
	if (auth == NULL)
		return;
	auth += 3;
	at = auth + strcspn(auth, "@/");
	if (*at != '@' || (colon = memchr(auth, ':', (size_t)(at - auth))) ==
	    NULL)
		return;
	put(out, size, 0, colon + 1, (size_t)(at - colon - 1));
}

/* Scrubs the value of each password= query parameter of url from s. */
static void
scrub_query(struct buf *s, const char *url)
{
	const char *p = strchr(url, '?'), *end;
	char value[512];

	for (p = p != NULL ? p + 1 : ""; *p != '\0'; p = *end ? end + 1 : end) {
		end = p + strcspn(p, "&");
		if (strncmp(p, "password=", 9) == 0 && end > p + 9) {
			put(value, sizeof(value), 0, p + 9, (size_t)(end - p - 9));
			scrub(s, value);
		}
	}
}

static const char *const sslmodes[] = { "disable", "allow", "prefer",
    "require", "verify-ca", "verify-full", NULL };

static int
one_of(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

/* "5432" or "5432,5433" (one per host); empty items are the default. */
static int
ports_ok(const char *s)
{
	long v;
	char *end;

	for (;;) {
		if (*s != ',' && *s != '\0') {
			v = strtol(s, &end, 10);
			if (end == s || v < 1 || v > 65535 ||
			    (*end != ',' && *end != '\0'))
				return 0;
			s = end;
		}
		if (*s == '\0')
			return 1;
		s++;
	}
}

static int
check_postgresql(const char *url, char *why, size_t whysize)
{
	PQconninfoOption *opts, *o;
	char *err = NULL, raw[512];
	struct buf msg;
	int rc = 0;

	if (pq_load(why, whysize) == -1)
		return -1;
	if ((opts = PQconninfoParse(url, &err)) == NULL) {
		buf_init(&msg);
		buf_puts(&msg, err != NULL ? err : "out of memory");
		while (msg.len > 0 && (msg.data[msg.len - 1] == '\n' ||
		    msg.data[msg.len - 1] == ' '))
			msg.data[--msg.len] = '\0';
		raw_password(url, raw, sizeof(raw));
		scrub(&msg, raw);
		scrub_query(&msg, url);
		snprintf(why, whysize, "%s", buf_cstr(&msg));
		buf_free(&msg);
		if (err != NULL)
			PQfreemem(err);
		return -1;
	}
	for (o = opts; o->keyword != NULL && rc == 0; o++) {
		if (o->val == NULL)
			continue;
		if (strcmp(o->keyword, "dbname") == 0 &&
		    strchr(o->val, '=') != NULL) {
			snprintf(why, whysize, "a database name with '=' is "
			    "read by libpq as a connection string");
			rc = -1;
		} else if (strcmp(o->keyword, "port") == 0 && !ports_ok(o->val)) {
			snprintf(why, whysize, "bad port '%.32s': expected a "
			    "number from 1 to 65535 (one per host)", o->val);
			rc = -1;
		} else if (strcmp(o->keyword, "sslmode") == 0 &&
		    !one_of(o->val, sslmodes)) {
			snprintf(why, whysize, "bad sslmode '%.32s': expected "
			    "disable, allow, prefer, require, verify-ca or "
			    "verify-full", o->val);
			rc = -1;
		}
	}
	PQconninfoFree(opts);
	return rc;
}

int
dburl_check(const char *url, char *why, size_t whysize)
{
	const char *path;

	switch (dburl_kind(url)) {
	case DBURL_SQLITE:
		path = url + 7;
		if (path[0] == '\0') {
			snprintf(why, whysize, "sqlite: needs a file, such as "
			    "sqlite:app.db (under state_dir) or "
			    "sqlite:/srv/data/app.db");
			return -1;
		}
		if (strncmp(path, "//", 2) == 0) {
			snprintf(why, whysize, "write sqlite:PATH (sqlite:app.db, "
			    "sqlite:/srv/data/app.db), not sqlite://");
			return -1;
		}
		if (strchr(path, '?') != NULL || strchr(path, '#') != NULL) {
			snprintf(why, whysize, "a file name with '?' or '#' "
			    "is not supported");
			return -1;
		}
		return 0;
	case DBURL_POSTGRESQL:
		return check_postgresql(url, why, whysize);
	case DBURL_BAD:
		break;
	}
	snprintf(why, whysize, "expected sqlite:PATH or "
	    "postgresql://user:password@host:port/dbname");
	return -1;
}

int
dburl_sqlite_path(const char *url, const char *state_dir, char *out,
    size_t size)
{
	const char *path = url + 7;
	int n;

	if (dburl_kind(url) != DBURL_SQLITE)
		return -1;
	if (path[0] == '/' || strcmp(path, ":memory:") == 0)
		n = snprintf(out, size, "%s", path);
	else
		n = snprintf(out, size, "%s/%s", state_dir != NULL &&
		    state_dir[0] != '\0' ? state_dir : DBURL_STATE_DIR, path);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}
