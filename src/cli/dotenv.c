/*
 * dotenv: NAME=VALUE lists for ctx.env.  The file syntax is the common
 * one of .env files:
 *
 *   # a comment line          blank lines too
 *   NAME=value                 trimmed; a # after a blank, or
 *                              first, starts a comment
 *   export NAME=value          the shell's prefix, ignored
 *   NAME='raw $value'          as it is, up to the closing quote
 *   NAME="a\nb \"q\""          \n \r \t \" \\ escapes; may span lines
 *
 * Names are those env.NAME accepts in fnpool.ini: letters, digits, '_',
 * not starting with a digit.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/log.h"
#include "cli/dotenv.h"

#define DOTENV_MAX_FILE	(1 << 20)	/* a .env file is small */

struct cursor {
	const char	*p, *end;
	int		 line;
	const char	*file;
	char		*err;
	size_t		 errsize;
};

static int
fail(struct cursor *c, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(struct cursor *c, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(c->err, c->errsize, "%s:%d: ", c->file, line);
	if (n < 0 || (size_t)n >= c->errsize)
		return -1;
	va_start(ap, fmt);
	vsnprintf(c->err + n, c->errsize - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

void
dotenv_init(struct dotenv *d)
{
	d->vars = NULL;
	d->nvars = 0;
}

void
dotenv_free(struct dotenv *d)
{
	size_t i;

	for (i = 0; i < d->nvars; i++) {
		free(d->vars[i].name);
		free(d->vars[i].value);
	}
	free(d->vars);
	dotenv_init(d);
}

void
dotenv_set(struct dotenv *d, const char *name, const char *value)
{
	char *v;
	size_t i;

	if ((v = strdup(value)) == NULL)
		log_fatal("strdup");
	for (i = 0; i < d->nvars; i++) {
		if (strcmp(d->vars[i].name, name) == 0) {
			free(d->vars[i].value);
			d->vars[i].value = v;
			return;
		}
	}
	d->vars = realloc(d->vars, (d->nvars + 1) * sizeof(*d->vars));
	if (d->vars == NULL || (d->vars[d->nvars].name = strdup(name)) == NULL)
		log_fatal("realloc");
	d->vars[d->nvars++].value = v;
}

static int
is_name_start(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
	    ch == '_';
}

static int
is_name_char(char ch)
{
	return is_name_start(ch) || (ch >= '0' && ch <= '9');
}

/* The length of the name at s (up to end), 0 when none starts there. */
static size_t
name_len(const char *s, const char *end)
{
	size_t n = 0;

	if (s >= end || !is_name_start(*s))
		return 0;
	while (s + n < end && is_name_char(s[n]))
		n++;
	return n;
}

int
dotenv_arg(struct dotenv *d, const char *arg, char *err, size_t errsize)
{
	const char *eq = strchr(arg, '=');
	size_t n = eq != NULL ? name_len(arg, eq) : 0;
	char *name;

	if (eq == NULL || n == 0 || arg + n != eq) {
		snprintf(err, errsize, "--env '%s': expected NAME=VALUE, NAME "
		    "made of letters, digits and '_' (not starting with a "
		    "digit)", arg);
		return -1;
	}
	if ((name = strndup(arg, n)) == NULL)
		log_fatal("strndup");
	dotenv_set(d, name, eq + 1);
	free(name);
	return 0;
}

static void
skip_blanks(struct cursor *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
		c->p++;
}

/* After a value: blanks, then a comment or the end of the line. */
static int
line_end(struct cursor *c)
{
	skip_blanks(c);
	if (c->p < c->end && *c->p == '\r')
		c->p++;
	if (c->p < c->end && *c->p == '#')
		while (c->p < c->end && *c->p != '\n')
			c->p++;
	if (c->p < c->end && *c->p != '\n')
		return fail(c, c->line, "unexpected '%c' after the value "
		    "(quote the whole value)", *c->p);
	if (c->p < c->end) {
		c->p++;
		c->line++;
	}
	return 0;
}

/* 'raw' or "escaped": the quote at c->p opens it. */
static int
quoted(struct cursor *c, struct buf *v)
{
	char q = *c->p++, ch;
	int opened = c->line;

	for (;;) {
		if (c->p >= c->end)
			return fail(c, opened, "the value's %s quote is never "
			    "closed", q == '"' ? "double" : "single");
		ch = *c->p++;
		if (ch == q)
			return line_end(c);
		if (ch == '\n')
			c->line++;
		if (ch == '\\' && q == '"' && c->p < c->end) {
			switch (*c->p) {
			case 'n': ch = '\n'; break;
			case 'r': ch = '\r'; break;
			case 't': ch = '\t'; break;
			case '"': case '\\': ch = *c->p; break;
			default: ch = 0; break;
			}
			if (ch == 0)
				return fail(c, c->line, "unknown escape '\\%c' "
				    "(known: \\n \\r \\t \\\" \\\\)", *c->p);
			c->p++;
		}
		buf_putc(v, ch);
	}
}

/* Unquoted: to the end of the line or a " #" comment, trimmed. */
static int
plain(struct cursor *c, struct buf *v)
{
	const char *start = c->p, *stop;

	while (c->p < c->end && *c->p != '\n' && *c->p != '\r' &&
	    !(*c->p == '#' && (c->p == start ||
	    c->p[-1] == ' ' || c->p[-1] == '\t')))
		c->p++;
	stop = c->p;
	while (stop > start && (stop[-1] == ' ' || stop[-1] == '\t'))
		stop--;
	buf_append(v, start, (size_t)(stop - start));
	return line_end(c);
}

/* One entry, c->p at its name (blanks skipped). */
static int
entry(struct cursor *c, struct dotenv *d)
{
	char name[256];
	struct buf v;
	size_t n;
	int r, line = c->line;

	if ((size_t)(c->end - c->p) > 7 && memcmp(c->p, "export", 6) == 0 &&
	    (c->p[6] == ' ' || c->p[6] == '\t')) {
		c->p += 7;
		skip_blanks(c);
	}
	n = name_len(c->p, c->end);
	if (n == 0)
		return fail(c, line, "expected NAME=VALUE, NAME made of "
		    "letters, digits and '_' (not starting with a digit)");
	if (n >= sizeof(name))
		return fail(c, line, "the name is longer than %zu bytes",
		    sizeof(name) - 1);
	memcpy(name, c->p, n);
	name[n] = '\0';
	c->p += n;
	skip_blanks(c);
	if (c->p >= c->end || *c->p != '=')
		return fail(c, line, "expected '=' after the name '%s'", name);
	c->p++;
	skip_blanks(c);
	buf_init(&v);
	if (c->p < c->end && (*c->p == '"' || *c->p == '\''))
		r = quoted(c, &v);
	else
		r = plain(c, &v);
	if (r == 0 && v.len > 0 && memchr(v.data, '\0', v.len) != NULL)
		r = fail(c, line, "the value of %s holds a NUL byte", name);
	if (r == 0)
		dotenv_set(d, name, buf_cstr(&v));
	buf_free(&v);
	return r;
}

int
dotenv_parse(struct dotenv *d, const char *text, size_t len,
    const char *file, char *err, size_t errsize)
{
	struct cursor c = { text, text + len, 1, file, err, errsize };
	struct dotenv next;
	size_t i;
	int r;

	/* All or nothing: a file with an error sets none of its names. */
	dotenv_init(&next);
	while (c.p < c.end) {
		skip_blanks(&c);
		if (c.p == c.end)
			break;
		if (*c.p == '#' || *c.p == '\r' || *c.p == '\n')
			r = line_end(&c);	/* a comment or a blank line */
		else
			r = entry(&c, &next);
		if (r == -1) {
			dotenv_free(&next);
			return -1;
		}
	}
	for (i = 0; i < next.nvars; i++)
		dotenv_set(d, next.vars[i].name, next.vars[i].value);
	dotenv_free(&next);
	return 0;
}

int
dotenv_load(struct dotenv *d, const char *path, char *err, size_t errsize)
{
	char chunk[8192];
	struct buf text;
	ssize_t n;
	int fd, r = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(err, errsize, "%s: %s", path, strerror(errno));
		return -1;
	}
	buf_init(&text);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			snprintf(err, errsize, "%s: %s", path, strerror(errno));
			goto out;
		}
		if (text.len + (size_t)n > DOTENV_MAX_FILE) {
			snprintf(err, errsize, "%s: larger than %d bytes: not "
			    "an env file?", path, DOTENV_MAX_FILE);
			goto out;
		}
		buf_append(&text, chunk, (size_t)n);
	}
	r = dotenv_parse(d, text.data, text.len, path, err, errsize);
out:
	close(fd);
	buf_free(&text);
	return r;
}

void
dotenv_apply(const struct dotenv *over, struct pool_config *pool,
    struct dotenv *merged)
{
	size_t i;

	dotenv_init(merged);
	for (i = 0; i < pool->nenv; i++)
		dotenv_set(merged, pool->env[i].name, pool->env[i].value);
	for (i = 0; i < over->nvars; i++)
		dotenv_set(merged, over->vars[i].name, over->vars[i].value);
	pool->env = merged->vars;
	pool->nenv = merged->nvars;
}
