/*
 * evalfix: see evalfix.h.  A small ECMAScript tokenizer: enough to tell
 * code from strings, comments, templates and regular expressions (a "/"
 * starts a regular expression where a value cannot end: after an
 * operator, an opening bracket or a keyword such as return), and to see
 * the token before and after each eval.
 */
#include <string.h>

#include "js/evalfix.h"

#define TEMPLATE_DEPTH	32

enum prev {
	P_START,	/* nothing yet, or an operator: a value may follow */
	P_VALUE,	/* a value ended: "/" divides */
	P_DOT,		/* "." or "?.": a property name follows */
	P_NEW,		/* the keyword new */
	P_KEY,		/* "{" or ",": an object key may follow */
};

struct lexer {
	const char	*s, *p, *end;
	struct buf	*out;
	const char	*copied;	/* s..copied is in out */
	enum prev	 prev;
	int		 renames;
	int		 depth;		/* of braces, for template ${} */
	int		 nested;	/* templates open */
	int		 resume[TEMPLATE_DEPTH];
};

static int
ident_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '$' || c == '\\' ||
	    (c & 0x80);
}

/* Past a comment at p, or p when none starts there. */
static const char *
skip_comment(const char *p, const char *end)
{
	if (p + 1 >= end || p[0] != '/')
		return p;
	if (p[1] == '/') {
		while (p < end && *p != '\n')
			p++;
		return p;
	}
	if (p[1] == '*') {
		for (p += 2; p + 1 < end && !(p[0] == '*' && p[1] == '/'); p++)
			;
		return p + 1 < end ? p + 2 : end;
	}
	return p;
}

/* The first byte after p that is not blank or comment; 0 at the end. */
static int
next_char(const char *p, const char *end)
{
	const char *q;

	for (;;) {
		while (p < end && strchr(" \t\r\n\v\f", *p) != NULL)
			p++;
		if ((q = skip_comment(p, end)) == p)
			return p < end ? (unsigned char)*p : 0;
		p = q;
	}
}

/* Past a quoted string; an unescaped line break ends it too. */
static const char *
skip_string(const char *p, const char *end)
{
	char q = *p++;

	while (p < end && *p != q && *p != '\n') {
		if (*p == '\\' && p + 1 < end)
			p++;
		p++;
	}
	return p < end && *p == q ? p + 1 : p;
}

/* Past a regular expression literal and its flags. */
static const char *
skip_regexp(const char *p, const char *end)
{
	int class = 0;

	for (p++; p < end && *p != '\n'; p++) {
		if (*p == '\\' && p + 1 < end)
			p++;
		else if (*p == '[')
			class = 1;
		else if (*p == ']')
			class = 0;
		else if (*p == '/' && !class)
			break;
	}
	if (p < end && *p == '/')
		p++;
	while (p < end && ident_char((unsigned char)*p))
		p++;
	return p;
}

/*
 * Past template text from p (after "`" or a "}" closing "${"): at the
 * closing "`", or after a "${" (then *open is set).
 */
static const char *
skip_template(const char *p, const char *end, int *open)
{
	*open = 0;
	for (; p < end; p++) {
		if (*p == '\\' && p + 1 < end)
			p++;
		else if (*p == '`')
			return p + 1;
		else if (*p == '$' && p + 1 < end && p[1] == '{') {
			*open = 1;
			return p + 2;
		}
	}
	return p;
}

static void
template_text(struct lexer *lx, const char *from)
{
	int open;

	lx->p = skip_template(from, lx->end, &open);
	if (!open) {
		lx->prev = P_VALUE;
		return;
	}
	if (lx->nested == TEMPLATE_DEPTH) {
		lx->p = lx->end;	/* too deep to follow: copied as it is */
		return;
	}
	lx->resume[lx->nested++] = lx->depth++;
	lx->prev = P_START;
}

static int
is_word(const char *p, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(p, w, n) == 0;
}

/* Keywords after which an expression, so a regular expression, starts. */
static int
keyword_before_value(const char *p, size_t n)
{
	static const char *const kw[] = {
		"return", "typeof", "instanceof", "in", "of", "delete", "void",
		"throw", "case", "do", "else", "yield", "await",
	};
	size_t i;

	for (i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
		if (is_word(p, n, kw[i]))
			return 1;
	return 0;
}

/* An identifier of n bytes at lx->p: eval renamed unless a direct call. */
static void
identifier(struct lexer *lx, size_t n)
{
	const char *w = lx->p;
	int next;

	lx->p += n;
	if (is_word(w, n, "new")) {
		lx->prev = P_NEW;
		return;
	}
	if (!is_word(w, n, "eval") || lx->prev == P_DOT) {
		lx->prev = keyword_before_value(w, n) ? P_START : P_VALUE;
		return;
	}
	next = next_char(lx->p, lx->end);
	if (!(next == '(' && lx->prev != P_NEW) &&
	    !(next == ':' && lx->prev == P_KEY)) {
		buf_append(lx->out, lx->copied, (size_t)(w - lx->copied));
		buf_puts(lx->out, EVALFIX_NAME);
		lx->copied = lx->p;
		lx->renames++;
	}
	lx->prev = P_VALUE;
}

static void
number(struct lexer *lx)
{
	const char *p = lx->p;

	while (p < lx->end && (ident_char((unsigned char)*p) || *p == '.' ||
	    ((*p == '+' || *p == '-') && (p[-1] == 'e' || p[-1] == 'E'))))
		p++;
	lx->p = p;
	lx->prev = P_VALUE;
}

static void
punctuator(struct lexer *lx)
{
	char c = *lx->p++;

	switch (c) {
	case '.':
		if (lx->p + 1 < lx->end && lx->p[0] == '.' && lx->p[1] == '.') {
			lx->p += 2;	/* spread */
			lx->prev = P_START;
		} else
			lx->prev = P_DOT;
		return;
	case '?':
		if (lx->p < lx->end && *lx->p == '.' && !(lx->p + 1 < lx->end &&
		    lx->p[1] >= '0' && lx->p[1] <= '9')) {
			lx->p++;
			lx->prev = P_DOT;
		} else
			lx->prev = P_START;
		return;
	case ')':
	case ']':
		lx->prev = P_VALUE;
		return;
	case '{':
		lx->depth++;
		lx->prev = P_KEY;
		return;
	case ',':
		lx->prev = P_KEY;
		return;
	case '}':
		if (lx->nested > 0 && lx->depth - 1 == lx->resume[lx->nested - 1]) {
			lx->depth--;
			lx->nested--;
			template_text(lx, lx->p);
			return;
		}
		if (lx->depth > 0)
			lx->depth--;
		lx->prev = P_START;
		return;
	default:
		lx->prev = P_START;
	}
}

static void
token(struct lexer *lx)
{
	const char *p = lx->p, *q;
	int c = (unsigned char)*p;
	size_t n;

	if (strchr(" \t\r\n\v\f", c) != NULL) {
		lx->p++;
	} else if ((q = skip_comment(p, lx->end)) != p) {
		lx->p = q;
	} else if (c == '"' || c == '\'') {
		lx->p = skip_string(p, lx->end);
		lx->prev = P_VALUE;
	} else if (c == '`') {
		template_text(lx, p + 1);
	} else if (c == '/' && lx->prev != P_VALUE) {
		lx->p = skip_regexp(p, lx->end);
		lx->prev = P_VALUE;
	} else if ((c >= '0' && c <= '9') || (c == '.' && p + 1 < lx->end &&
	    p[1] >= '0' && p[1] <= '9')) {
		number(lx);
	} else if (ident_char(c)) {
		for (n = 0; p + n < lx->end && ident_char((unsigned char)p[n]); n++)
			;
		identifier(lx, n);
	} else
		punctuator(lx);
}

int
evalfix_rewrite(const char *src, size_t n, struct buf *out)
{
	struct lexer lx;

	memset(&lx, 0, sizeof(lx));
	lx.s = lx.p = lx.copied = src;
	lx.end = src + n;
	lx.out = out;
	lx.prev = P_START;
	while (lx.p < lx.end)
		token(&lx);
	buf_append(out, lx.copied, (size_t)(lx.end - lx.copied));
	return lx.renames;
}

int
evalfix_refused(js_State *J)
{
	const char *s;
	int refused;

	js_copy(J, -1);		/* js_trystring converts in place */
	s = js_trystring(J, -1, "");
	refused = strncmp(s, "EvalError: ", 11) == 0 &&
	    strstr(s, ": invalid use of 'eval'") != NULL;
	js_pop(J, 1);
	return refused;
}

/* eval(x) as ES5's indirect eval: global code, this the global object. */
static void
evalfix_call(js_State *J)
{
	if (!js_isstring(J, 1)) {
		js_copy(J, 1);
		return;
	}
	js_loadstring(J, "(eval)", js_tostring(J, 1));
	js_pushglobal(J);
	js_call(J, 0);
}

void
evalfix_define(js_State *J)
{
	js_pushglobal(J);
	if (!js_hasproperty(J, -1, EVALFIX_NAME)) {
		js_newcfunction(J, evalfix_call, "eval", 1);
		js_defproperty(J, -2, EVALFIX_NAME, JS_DONTENUM);
	} else
		js_pop(J, 1);
	js_pop(J, 1);
}
