/*
 * body_json: recursive descent over the body, one function per grammar rule.
 * With J == NULL it only validates.  Property names still pass through
 * MuJS's property code, which interns them; values do not.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "js/body_json.h"
#include "core/utf8.h"

/*
 * The distinct property names seen, as 64-bit hashes: MuJS interns every
 * property name for the life of the state, so a body may bring only so
 * many new ones.
 */
struct keyset {
	uint64_t	*slot;		/* 0: empty */
	size_t		 cap, n, max;
};

struct parser {
	js_State	*J;
	const char	*s, *p, *end;
	char		*err;
	size_t		 errsize;
	struct buf	 str;
	struct buf	 names;		/* names of the objects being built */
	int		 depth;
	struct keyset	 keys;
};

static int
fail(struct parser *ps, const char *fmt, ...)
{
	char msg[128];
	const char *q;
	int line = 1, col = 1;
	va_list ap;

	for (q = ps->s; q < ps->p; q++) {
		if (*q == '\n') {
			line++;
			col = 1;
		} else
			col++;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(ps->err, ps->errsize, "invalid JSON at line %d column %d: %s",
	    line, col, msg);
	return -1;
}

static void
skip_ws(struct parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' ||
	    *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static int value(struct parser *);

static uint64_t
key_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a */
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	return h != 0 ? h : 1;
}

/* Adds a name; returns -1 when more than max distinct names were seen. */
static int
keyset_add(struct keyset *k, uint64_t h)
{
	uint64_t *old = k->slot, *fresh;
	size_t i, oldcap = k->cap;

	if (k->max == 0)
		return 0;
	if (2 * (k->n + 1) > k->cap) {
		if ((fresh = calloc(oldcap ? 2 * oldcap : 64, sizeof(*fresh))) == NULL)
			return -1;
		k->slot = fresh;
		k->cap = oldcap ? 2 * oldcap : 64;
		k->n = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i] != 0)
				keyset_add(k, old[i]);
		free(old);
	}
	for (i = h & (k->cap - 1); k->slot[i] != 0; i = (i + 1) & (k->cap - 1))
		if (k->slot[i] == h)
			return 0;
	k->slot[i] = h;
	return ++k->n > k->max ? -1 : 0;
}

static int
hex4(struct parser *ps, unsigned long *cp)
{
	int i, c;

	*cp = 0;
	if (ps->end - ps->p < 4)
		return fail(ps, "short \\u escape");
	for (i = 0; i < 4; i++) {
		c = (unsigned char)*ps->p++;
		*cp <<= 4;
		if (c >= '0' && c <= '9')
			*cp |= (unsigned long)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*cp |= (unsigned long)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*cp |= (unsigned long)(c - 'A' + 10);
		else
			return fail(ps, "bad \\u escape");
	}
	return 0;
}

static int
escape(struct parser *ps)
{
	unsigned long cp, lo;
	const char *map = "\"\"\\\\//b\bf\fn\nr\rt\t";
	const char *m;

	if (ps->p >= ps->end)
		return fail(ps, "unterminated string");
	for (m = map; *m != '\0'; m += 2) {
		if (*ps->p == m[0]) {
			ps->p++;
			buf_putc(&ps->str, m[1]);
			return 0;
		}
	}
	if (*ps->p++ != 'u')
		return fail(ps, "bad escape '\\%c'", ps->p[-1]);
	if (hex4(ps, &cp) == -1)
		return -1;
	if (cp >= 0xd800 && cp <= 0xdbff && ps->end - ps->p >= 6 &&
	    ps->p[0] == '\\' && ps->p[1] == 'u') {
		const char *save = ps->p;

		ps->p += 2;
		if (hex4(ps, &lo) == -1)
			return -1;
		if (lo >= 0xdc00 && lo <= 0xdfff)
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
		else
			ps->p = save;	/* lone high surrogate: U+FFFD */
	}
	utf8_put(&ps->str, cp);
	return 0;
}

/* Reads a string into ps->str (MuJS form: NUL as C0 80). */
static int
string(struct parser *ps)
{
	const char *run;
	size_t good;

	buf_reset(&ps->str);
	ps->p++;	/* opening quote */
	for (;;) {
		run = ps->p;
		while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\\' &&
		    (unsigned char)*ps->p >= 0x20)
			ps->p++;
		if (ps->p > run) {
			if ((good = utf8_valid(run, (size_t)(ps->p - run))) <
			    (size_t)(ps->p - run)) {
				ps->p = run + good;	/* the first bad byte */
				return fail(ps, "invalid UTF-8");
			}
			buf_append(&ps->str, run, good);
		}
		if (ps->p >= ps->end)
			return fail(ps, "unterminated string");
		if (*ps->p == '"') {
			ps->p++;
			buf_cstr(&ps->str);
			return 0;
		}
		if ((unsigned char)*ps->p < 0x20)
			return fail(ps, "control character in a string");
		ps->p++;	/* backslash */
		if (escape(ps) == -1)
			return -1;
	}
}

static int
number(struct parser *ps)
{
	const char *start = ps->p;
	char text[64];
	size_t n;

#define DIGITS() while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') ps->p++
	if (ps->p < ps->end && *ps->p == '-')
		ps->p++;
	if (ps->p < ps->end && *ps->p == '0')
		ps->p++;
	else if (ps->p < ps->end && *ps->p >= '1' && *ps->p <= '9')
		DIGITS();
	else
		return fail(ps, "bad number");
	if (ps->p < ps->end && *ps->p == '.') {
		ps->p++;
		if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
			return fail(ps, "bad number");
		DIGITS();
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
			return fail(ps, "bad number");
		DIGITS();
	}
#undef DIGITS
	if (ps->J == NULL)
		return 0;
	if ((n = (size_t)(ps->p - start)) >= sizeof(text)) {
		/* a long mantissa: strtod handles it, only copy it */
		char *big = malloc(n + 1);

		if (big == NULL)
			return fail(ps, "out of memory");
		memcpy(big, start, n);
		big[n] = '\0';
		js_pushnumber(ps->J, strtod(big, NULL));
		free(big);
		return 0;
	}
	memcpy(text, start, n);
	text[n] = '\0';
	js_pushnumber(ps->J, strtod(text, NULL));
	return 0;
}

static int
literal(struct parser *ps, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return fail(ps, "expected '%s'", word);
	ps->p += n;
	if (ps->J == NULL)
		return 0;
	if (word[0] == 'n')
		js_pushnull(ps->J);
	else
		js_pushboolean(ps->J, word[0] == 't');
	return 0;
}

static int
object(struct parser *ps)
{
	size_t key;

	ps->p++;
	if (ps->J != NULL)
		js_newobject(ps->J);
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == '}') {
		ps->p++;
		return 0;
	}
	for (;;) {
		skip_ws(ps);
		if (ps->p >= ps->end || *ps->p != '"')
			return fail(ps, "expected a property name in quotes");
		if (string(ps) == -1)
			return -1;
		if (keyset_add(&ps->keys, key_hash(ps->str.data ? ps->str.data : "",
		    ps->str.len)) == -1)
			return fail(ps, "more than %zu distinct property names",
			    ps->keys.max);
		/* the name waits on a stack while its value is parsed */
		key = ps->names.len;
		buf_append(&ps->names, ps->str.data ? ps->str.data : "",
		    ps->str.len + 1);
		skip_ws(ps);
		if (ps->p >= ps->end || *ps->p != ':')
			return fail(ps, "expected ':'");
		ps->p++;
		if (value(ps) == -1)
			return -1;
		if (ps->J != NULL)
			js_setproperty(ps->J, -2, ps->names.data + key);
		ps->names.len = key;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == '}') {
			ps->p++;
			return 0;
		}
		return fail(ps, "expected ',' or '}'");
	}
}

static int
array(struct parser *ps)
{
	int i = 0;

	ps->p++;
	if (ps->J != NULL)
		js_newarray(ps->J);
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == ']') {
		ps->p++;
		return 0;
	}
	for (;; i++) {
		if (value(ps) == -1)
			return -1;
		if (ps->J != NULL)
			js_setindex(ps->J, -2, i);
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == ']') {
			ps->p++;
			return 0;
		}
		return fail(ps, "expected ',' or ']'");
	}
}

static int
value(struct parser *ps)
{
	int r;

	skip_ws(ps);
	if (ps->p >= ps->end)
		return fail(ps, "unexpected end of input");
	if (++ps->depth > JSON_DEPTH_MAX)
		return fail(ps, "nested deeper than %d", JSON_DEPTH_MAX);
	switch (*ps->p) {
	case '{': r = object(ps); break;
	case '[': r = array(ps); break;
	case '"':
		if ((r = string(ps)) == 0 && ps->J != NULL)
			js_pushlstring(ps->J, ps->str.data ? ps->str.data : "",
			    (int)ps->str.len);
		break;
	case 't': r = literal(ps, "true"); break;
	case 'f': r = literal(ps, "false"); break;
	case 'n': r = literal(ps, "null"); break;
	default:
		if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9'))
			r = number(ps);
		else if ((unsigned char)*ps->p >= 0x20 && (unsigned char)*ps->p < 0x7f)
			r = fail(ps, "unexpected character '%c'", *ps->p);
		else
			r = fail(ps, "unexpected byte 0x%02x",
			    (unsigned char)*ps->p);
	}
	ps->depth--;
	return r;
}

static int
parse(js_State *J, const char *s, size_t n, size_t max_keys, char *err,
    size_t errsize)
{
	struct parser ps;
	int r;

	memset(&ps, 0, sizeof(ps));
	ps.keys.max = max_keys;
	ps.J = J;
	ps.s = ps.p = s;
	ps.end = s + n;
	ps.err = err;
	ps.errsize = errsize;
	buf_init(&ps.str);
	buf_init(&ps.names);
	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		ps.p += 3;	/* a UTF-8 byte order mark */
	r = value(&ps);
	if (r == 0) {
		skip_ws(&ps);
		if (ps.p < ps.end)
			r = fail(&ps, "unexpected data after the value");
	}
	buf_free(&ps.str);
	buf_free(&ps.names);
	free(ps.keys.slot);
	return r;
}

int
body_json_check(const char *s, size_t n, size_t max_keys, char *err,
    size_t errsize)
{
	return parse(NULL, s, n, max_keys, err, errsize);
}

/*
 * One pass: what was built before a syntax error is popped, and the
 * distinct names are counted as they come, so a body interns at most
 * max_keys names whether it is valid or not.
 */
int
body_json_push(js_State *J, const char *s, size_t n, size_t max_keys, char *err,
    size_t errsize)
{
	volatile int top = js_gettop(J);
	int r;

	if (js_try(J)) {
		snprintf(err, errsize, "JSON body too large to build: %s",
		    js_trystring(J, -1, "error"));
		js_pop(J, js_gettop(J) - top);
		return -1;
	}
	r = parse(J, s, n, max_keys, err, errsize);
	js_endtry(J);
	if (r == -1)
		js_pop(J, js_gettop(J) - top);
	return r;
}
