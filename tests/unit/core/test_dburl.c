/* Unit tests for dburl.c: URL syntax, password masking, SQLite paths. */
#include <stdio.h>
#include <string.h>

#include "core/dburl.h"
#include "tap.h"

static void
masks(const char *url, const char *want)
{
	char out[512];

	dburl_mask(url, out, sizeof(out));
	is_str(out, want, url);
}

static void
good(const char *url)
{
	char why[256] = "";

	ok(dburl_check(url, why, sizeof(why)) == 0, "accepted: %s (%s)", url,
	    why);
}

/* Refused, saying need, and never showing secret. */
static void
bad(const char *url, const char *need, const char *secret)
{
	char why[256] = "";
	int rc = dburl_check(url, why, sizeof(why));

	ok(rc == -1 && strstr(why, need) != NULL, "refused: %s (%s)", url, why);
	if (secret != NULL)
		ok(strstr(why, secret) == NULL, "  the reason hides %s", secret);
}

static void
path_is(const char *url, const char *state_dir, const char *want)
{
	char out[256];

	if (want == NULL) {
		ok(dburl_sqlite_path(url, state_dir, out, sizeof(out)) == -1,
		    "no path for %s", url);
		return;
	}
	ok(dburl_sqlite_path(url, state_dir, out, sizeof(out)) == 0 &&
	    strcmp(out, want) == 0, "%s in %s is %s (got %s)", url,
	    state_dir ? state_dir : "(default)", want, out);
}

int
main(void)
{
	char small[12];

	is_int(dburl_kind("sqlite:app.db"), DBURL_SQLITE, "sqlite: scheme");
	is_int(dburl_kind("postgresql://h/db"), DBURL_POSTGRESQL, "postgresql://");
	is_int(dburl_kind("postgres://h/db"), DBURL_POSTGRESQL, "postgres://");
	is_int(dburl_kind("mysql://h/db"), DBURL_BAD, "mysql:// is no engine");
	is_int(dburl_kind("host=/tmp dbname=x"), DBURL_BAD,
	    "libpq's key=value form is not a URL");

	good("sqlite:app.db");
	good("sqlite:/srv/data/app.db");
	good("sqlite::memory:");
	good("postgresql://app:s3cret@db.example:5432/notes?sslmode=require");
	good("postgresql:///notes?host=/var/run/postgresql");
	good("postgresql://%2Fvar%2Frun%2Fpostgresql/notes");
	good("postgres://u@localhost/db?connect_timeout=5&application_name=x");
	bad("sqlite:", "needs a file", NULL);
	bad("sqlite://app.db", "not sqlite://", NULL);
	bad("sqlite:a.db?mode=ro", "'?'", NULL);
	bad("mysql://u:p@h/db", "expected sqlite:PATH or postgresql://", NULL);
	bad("postgresql://u:hunter2@h:notaport/db", "port", "hunter2");
	bad("postgresql://u@h:70000/db", "bad port '70000'", NULL);
	bad("postgresql://u@h/db?sslmode=maybe", "bad sslmode 'maybe'", NULL);
	good("postgresql://u@h1:5432,h2:5433/db?sslmode=verify-full");
	bad("postgresql://u:hunter2@h/db?nosuchoption=1", "nosuchoption",
	    "hunter2");
	bad("postgresql://u@h/db?password=hunter3&sslmode=bogus%zz", "",
	    "hunter3");

	masks("postgresql://app:s3cret@db:5432/notes",
	    "postgresql://app:****@db:5432/notes");
	masks("postgres://app:s3:cr@t@db/notes", "postgres://app:****@t@db/notes");
	masks("postgresql://app@db/notes", "postgresql://app@db/notes");
	masks("postgresql://db/notes?user=a&password=s3cret&sslmode=require",
	    "postgresql://db/notes?user=a&password=****&sslmode=require");
	masks("postgresql://u:p1@h/d?password=p2", "postgresql://u:****@h/d?password=****");
	masks("postgresql:///notes?host=/run/pg", "postgresql:///notes?host=/run/pg");
	masks("postgresql://h/notes?xpassword=visible",
	    "postgresql://h/notes?xpassword=visible");
	masks("sqlite:app.db", "sqlite:app.db");
	dburl_mask("postgresql://u:secretsecret@h/d", small, sizeof(small));
	is_str(small, "postgresql:", "a short buffer cuts, never overflows");

	path_is("sqlite:app.db", "/var/lib/fnpool", "/var/lib/fnpool/app.db");
	path_is("sqlite:app.db", NULL, DBURL_STATE_DIR "/app.db");
	path_is("sqlite:sub/app.db", "/s", "/s/sub/app.db");
	path_is("sqlite:/abs/app.db", "/s", "/abs/app.db");
	path_is("sqlite::memory:", "/s", ":memory:");
	path_is("postgresql://h/d", "/s", NULL);

	ok(dburl_name_ok("default") && dburl_name_ok("_x1") &&
	    dburl_name_ok("Main2"), "names of letters, digits, _");
	ok(!dburl_name_ok("") && !dburl_name_ok("1a") && !dburl_name_ok("a-b") &&
	    !dburl_name_ok("a.b"), "other names refused");
	return tap_done();
}
