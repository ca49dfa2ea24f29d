/*
 * dburl: the URLs of a pool's databases (`db.NAME = URL`, man
 * fnpool.ini(5)).  `sqlite:PATH` (a relative PATH is under state_dir)
 * and `postgresql://user:password@host:port/dbname?...` (also
 * `postgres://`, and libpq's unix-socket forms), whose syntax libpq
 * itself checks.  The config keeps the URL as written; whatever shows
 * it (logs, `fnpool -t`, errors) shows dburl_mask's copy.
 */
#ifndef FNPOOL_DBURL_H
#define FNPOOL_DBURL_H

#include <stddef.h>

#define DBURL_STATE_DIR	"/var/lib/fnpool"	/* state_dir's default */
#define DBURL_MASK	"****"

enum dburl_kind { DBURL_BAD, DBURL_SQLITE, DBURL_POSTGRESQL };

/* Which engine url names, by its scheme alone. */
enum dburl_kind	 dburl_kind(const char *url);
/*
 * Checks url's syntax: 0, or -1 with why (about the masked URL, never
 * showing its password) in why.
 */
int		 dburl_check(const char *url, char *why, size_t whysize);
/* url with its password (user:PASSWORD@, password=...) as "****". */
void		 dburl_mask(const char *url, char *out, size_t size);
/*
 * The file of an sqlite: URL, joined to state_dir (NULL: the default)
 * when relative; ":memory:" stays as it is.  -1 if it does not fit.
 */
int		 dburl_sqlite_path(const char *url, const char *state_dir,
		    char *out, size_t size);
/* Is name usable as db.NAME (letters, digits, '_'; not a digit first)? */
int		 dburl_name_ok(const char *name);

#endif
