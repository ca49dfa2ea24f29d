/*
 * Unit tests for dotenv.c: --env NAME=VALUE, .env files (comments,
 * export, quotes, escapes, errors with file:line), and how both go over
 * a pool's env.NAME keys.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "cli/dotenv.h"

static const char *
get(const struct dotenv *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->nvars; i++)
		if (strcmp(d->vars[i].name, name) == 0)
			return d->vars[i].value;
	return NULL;
}

/* Parses text as a file named .env; the error, or "" when it parsed. */
static const char *
parse(struct dotenv *d, const char *text)
{
	static char err[256];

	err[0] = '\0';
	if (dotenv_parse(d, text, strlen(text), ".env", err,
	    sizeof(err)) == 0 && err[0] != '\0')
		return "(an error message although it parsed)";
	return err;
}

static void
test_syntax(void)
{
	struct dotenv d;

	dotenv_init(&d);
	is_str(parse(&d,
	    "# a comment\n"
	    "\n"
	    "   \t\n"
	    "PLAIN=value\n"
	    "SPACED = some words  \n"
	    "export EXPORTED=yes\n"
	    "COMMENTED=abc # says why\n"
	    "HASH=a#b\n"
	    "EMPTY=\n"
	    "ONLY_COMMENT=#nothing\n"
	    "SINGLE='raw $HOME \\n # kept'\n"
	    "DOUBLE=\"a\\nb\\t\\\"q\\\" \\\\\" # after\n"
	    "MULTI=\"line1\n"
	    "line2\"\n"
	    "CRLF=win\r\n"
	    "EQ=a=b=c\n"
	    "_under_9=ok\n"
	    "LAST=no newline"), "", "a file with every form parses");
	is_str(get(&d, "PLAIN"), "value", "plain value");
	is_str(get(&d, "SPACED"), "some words", "blanks around '=' and the "
	    "value's end are trimmed, inner ones kept");
	is_str(get(&d, "EXPORTED"), "yes", "the 'export ' prefix is ignored");
	is_str(get(&d, "COMMENTED"), "abc", "' #' starts a comment");
	is_str(get(&d, "HASH"), "a#b", "'#' inside a word is the value's");
	is_str(get(&d, "EMPTY"), "", "an empty value");
	is_str(get(&d, "ONLY_COMMENT"), "", "a value that is only a comment");
	is_str(get(&d, "SINGLE"), "raw $HOME \\n # kept",
	    "single quotes keep everything as it is");
	is_str(get(&d, "DOUBLE"), "a\nb\t\"q\" \\",
	    "double quotes take \\n \\t \\\" \\\\");
	is_str(get(&d, "MULTI"), "line1\nline2",
	    "a double-quoted value may span lines");
	is_str(get(&d, "CRLF"), "win", "CRLF line ends");
	is_str(get(&d, "EQ"), "a=b=c", "only the first '=' separates");
	is_str(get(&d, "_under_9"), "ok", "names with '_' and digits");
	is_str(get(&d, "LAST"), "no newline", "a last line without newline");
	is_int(d.nvars, 14, "fourteen names");
	is_str(parse(&d, "PLAIN=second\n"), "", "a second file parses");
	is_str(get(&d, "PLAIN"), "second", "a later value wins");
	is_int(d.nvars, 14, "and adds no name");
	dotenv_free(&d);
	is_int(d.nvars, 0, "free empties the list");

	dotenv_init(&d);
	is_str(parse(&d, ""), "", "an empty file parses");
	is_str(parse(&d, "# only\n\n# comments"), "", "only comments parse");
	is_int(d.nvars, 0, "and set nothing");
	dotenv_free(&d);
}

static void
bad(const char *text, const char *want, const char *what)
{
	struct dotenv d;

	dotenv_init(&d);
	dotenv_set(&d, "KEPT", "1");
	is_str(parse(&d, text), want, what);
	ok(d.nvars == 1 && strcmp(get(&d, "KEPT"), "1") == 0,
	    "  and sets none of the file's names (%s)", what);
	dotenv_free(&d);
}

static void
test_errors(void)
{
	bad("A=1\nB\n", ".env:2: expected '=' after the name 'B'",
	    "a line without '='");
	bad("A=1\n\n1X=2\n", ".env:3: expected NAME=VALUE, NAME made of "
	    "letters, digits and '_' (not starting with a digit)",
	    "a name starting with a digit");
	bad("A-B=1\n", ".env:1: expected '=' after the name 'A'",
	    "a '-' in a name");
	bad("=1\n", ".env:1: expected NAME=VALUE, NAME made of letters, "
	    "digits and '_' (not starting with a digit)", "no name");
	bad("A=1\nB=\"open\nC=2\n", ".env:2: the value's double quote is "
	    "never closed", "an unclosed double quote (line where it opens)");
	bad("A='open\n", ".env:1: the value's single quote is never closed",
	    "an unclosed single quote");
	bad("A=\"x\" y\n", ".env:1: unexpected 'y' after the value (quote "
	    "the whole value)", "text after a closing quote");
	bad("A=\"\\q\"\n", ".env:1: unknown escape '\\q' (known: \\n \\r "
	    "\\t \\\" \\\\)", "an unknown escape");
	bad("A=\"a\nb\nc\"\nB\n", ".env:4: expected '=' after the name 'B'",
	    "lines inside quotes are counted");
	bad("export\n", ".env:1: expected '=' after the name 'export'",
	    "'export' alone is a name without a value");
	bad("A=1\rB=2\n", ".env:1: unexpected 'B' after the value (quote "
	    "the whole value)", "a bare CR");
}

static void
test_nul(void)
{
	static const char text[] = "A=x\0y\n";
	struct dotenv d;
	char err[256];

	dotenv_init(&d);
	ok(dotenv_parse(&d, text, sizeof(text) - 1, "f", err,
	    sizeof(err)) == -1, "a NUL byte in a value is refused");
	is_str(err, "f:1: the value of A holds a NUL byte", "  and named");
	dotenv_free(&d);
}

static void
test_arg(void)
{
	struct dotenv d;
	char err[256];

	dotenv_init(&d);
	ok(dotenv_arg(&d, "K=V", err, sizeof(err)) == 0, "--env K=V");
	ok(dotenv_arg(&d, "E=", err, sizeof(err)) == 0, "--env E= (empty)");
	ok(dotenv_arg(&d, "Q=\"a b\" # c", err, sizeof(err)) == 0,
	    "--env keeps quotes and '#': the shell has removed its own");
	ok(dotenv_arg(&d, "K=W", err, sizeof(err)) == 0, "--env K again");
	is_str(get(&d, "K"), "W", "the last --env wins");
	is_str(get(&d, "E"), "", "an empty value");
	is_str(get(&d, "Q"), "\"a b\" # c", "the value as given");
	ok(dotenv_arg(&d, "NOEQUALS", err, sizeof(err)) == -1,
	    "--env without '=' is refused");
	is_str(err, "--env 'NOEQUALS': expected NAME=VALUE, NAME made of "
	    "letters, digits and '_' (not starting with a digit)",
	    "  with the reason");
	ok(dotenv_arg(&d, "=V", err, sizeof(err)) == -1, "no name");
	ok(dotenv_arg(&d, "A B=V", err, sizeof(err)) == -1, "a space");
	ok(dotenv_arg(&d, "9A=V", err, sizeof(err)) == -1, "a digit first");
	is_int(d.nvars, 3, "refused ones set nothing");
	dotenv_free(&d);
}

static void
test_load(void)
{
	char path[] = "/tmp/fnpool-dotenv.XXXXXX", err[512], want[600];
	struct dotenv d;
	FILE *fp;
	int fd;

	dotenv_init(&d);
	if ((fd = mkstemp(path)) == -1 || (fp = fdopen(fd, "w")) == NULL) {
		ok(0, "mkstemp");
		return;
	}
	fputs("# secrets for local runs\nJWT_SECRET=s3cret\nBAD LINE\n", fp);
	fclose(fp);
	ok(dotenv_load(&d, path, err, sizeof(err)) == -1,
	    "a file with an error is refused");
	snprintf(want, sizeof(want), "%s:3: expected '=' after the name "
	    "'BAD'", path);
	is_str(err, want, "  with its path and line");
	is_int(d.nvars, 0, "  and sets nothing");
	fp = fopen(path, "w");
	fputs("JWT_SECRET=s3cret\n", fp);
	fclose(fp);
	ok(dotenv_load(&d, path, err, sizeof(err)) == 0, "a good file loads");
	is_str(get(&d, "JWT_SECRET"), "s3cret", "  its value");
	unlink(path);
	ok(dotenv_load(&d, path, err, sizeof(err)) == -1,
	    "a missing file is refused");
	snprintf(want, sizeof(want), "%s: No such file or directory", path);
	is_str(err, want, "  with the system's reason");
	ok(dotenv_load(&d, "/", err, sizeof(err)) == -1,
	    "a directory is refused");
	is_str(err, "/: Is a directory", "  with the system's reason");
	dotenv_free(&d);
}

static void
test_apply(void)
{
	struct env_var ini[] = { { (char *)"A", (char *)"ini" },
	    { (char *)"B", (char *)"ini" } };
	struct pool_config pool;
	struct dotenv over, merged;

	memset(&pool, 0, sizeof(pool));
	pool.env = ini;
	pool.nenv = 2;
	dotenv_init(&over);
	dotenv_set(&over, "B", "cli");
	dotenv_set(&over, "C", "cli");
	dotenv_apply(&over, &pool, &merged);
	is_int(pool.nenv, 3, "the pool sees ini and command-line names");
	ok(pool.env == merged.vars, "  from the merged list");
	is_str(get(&merged, "A"), "ini", "an ini-only name stays");
	is_str(get(&merged, "B"), "cli", "the command line wins over the ini");
	is_str(get(&merged, "C"), "cli", "a command-line-only name is added");
	is_str(ini[1].value, "ini", "the ini's own list is not changed");
	dotenv_free(&over);
	dotenv_free(&merged);
}

int
main(void)
{
	test_syntax();
	test_errors();
	test_nul();
	test_arg();
	test_load();
	test_apply();
	return tap_done();
}
