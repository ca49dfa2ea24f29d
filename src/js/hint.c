/*
 * hint: see hint.h.  MuJS names the line of a syntax error, not the
 * construct, so the line itself is read, with its strings and comments
 * blanked, for the constructs ES5 lacks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "js/hint.h"

#define LINE_MAX_HINT	1024

/* The error on top as a string, without converting it in place. */
static void
error_text(js_State *J, char *out, size_t size)
{
	js_copy(J, -1);
	snprintf(out, size, "%s", js_trystring(J, -1, ""));
	js_pop(J, 1);
}

static void
hint_set(js_State *J, const char *hint)
{
	if (!js_isobject(J, -1))
		return;
	js_pushstring(J, hint);
	js_defproperty(J, -2, "hint", JS_DONTENUM);
}

const char *
hint_get(js_State *J, int idx)
{
	const char *s = NULL;

	if (!js_isobject(J, idx) || !js_hasproperty(J, idx, "hint"))
		return NULL;
	if (js_isstring(J, -1))
		s = js_tostring(J, -1);	/* held by the error object */
	js_pop(J, 1);
	return s;
}

/* The line number in "file:LINE: message", or 0. */
static long
error_line(const char *msg)
{
	const char *q;

	for (q = msg; (q = strchr(q, ':')) != NULL; q++)
		if (q[1] >= '1' && q[1] <= '9')
			return strtol(q + 1, NULL, 10);
	return 0;
}

/* Line n of src into out, strings and comments blanked. */
static void
copy_line(const char *src, long n, char *out, size_t size)
{
	const char *p = src;
	size_t k = 0;
	char quote = 0;

	for (; n > 1 && (p = strchr(p, '\n')) != NULL; n--)
		p++;
	if (p == NULL) {
		out[0] = '\0';
		return;
	}
	for (; *p != '\0' && *p != '\n' && k + 1 < size; p++) {
		if (quote != 0) {
			if (*p == '\\' && p[1] != '\0' && p[1] != '\n')
				p++;
			else if (*p == quote)
				quote = 0;
			out[k++] = ' ';
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
			out[k++] = ' ';
		} else if (p[0] == '/' && p[1] == '/')
			break;
		else
			out[k++] = *p;
	}
	out[k] = '\0';
}

static int
word_at(const char *line, const char *w)
{
	size_t n = strlen(w);
	const char *p;

	for (p = line; (p = strstr(p, w)) != NULL; p += n) {
		int before = p == line ? ' ' : p[-1], after = p[n];

		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789_$.", before) == NULL && (after == '\0' ||
		    strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789_$", after) == NULL))
			return 1;
	}
	return 0;
}

static int
modern(const char *line)
{
	static const char *const marks[] = {
		"=>", "`", "...", "?.", "??", "function*", "var {", "var [",
	};
	static const char *const words[] = {
		"class", "const", "let", "async", "await", "of", "yield",
	};
	size_t i;

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (strstr(line, marks[i]) != NULL)
			return 1;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (word_at(line, words[i]))
			return 1;
	return 0;
}

void
hint_syntax(js_State *J, const char *src)
{
	char line[LINE_MAX_HINT], msg[512];
	const char *p;
	long n;

	error_text(J, msg, sizeof(msg));
	if (strncmp(msg, "SyntaxError: ", 13) != 0 ||
	    (n = error_line(msg + 13)) == 0)
		return;
	copy_line(src, n, line, sizeof(line));
	p = line + strspn(line, " \t");
	if (n == 1 && strncmp(p, "(function (exports,", 19) == 0)
		p = strchr(p, '{') + 1;		/* the loader's wrapper */
	p += strspn(p, " \t");
	if (word_at(p, "import") || word_at(p, "export"))
		hint_set(J, strncmp(p, "import", 6) == 0 ||
		    strncmp(p, "export", 6) == 0 ? HINT_ESM : HINT_ES5);
	else if (modern(p) || strstr(msg, "unexpected character: '`'") != NULL)
		hint_set(J, HINT_ES5);
}

void
hint_handler(js_State *J, int idx)
{
	char msg[64];
	int n;

	error_text(J, msg, sizeof(msg));
	if (!js_iscallable(J, idx) || strncmp(msg, "TypeError", 9) != 0)
		return;
	js_getproperty(J, idx, "length");
	n = js_isnumber(J, -1) ? js_toint32(J, -1) : 0;
	js_pop(J, 1);
	if (n == 2)
		hint_set(J, HINT_EXPRESS);
}
