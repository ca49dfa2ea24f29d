/*
 * regexp_source: see regexp_source.h.  Node's rules, which the
 * specification leaves to the implementation: a `/` inside a class
 * stays as it is (`[/]`), an escaped one keeps its single backslash,
 * and a backslash before a line terminator gives way to the
 * terminator's own escape.
 */
#include <string.h>

#include "js/regexp_source.h"

/* The escape for a line terminator at p (NUL-ended), or NULL. */
static const char *
terminator(const char *p, size_t *len)
{
	*len = 1;
	if (*p == '\n')
		return "\\n";
	if (*p == '\r')
		return "\\r";
	*len = 3;
	if ((unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80) {
		if ((unsigned char)p[2] == 0xa8)
			return "\\u2028";
		if ((unsigned char)p[2] == 0xa9)
			return "\\u2029";
	}
	return NULL;
}

int
regexp_source_needed(const char *pattern)
{
	const char *p;
	size_t len;

	for (p = strpbrk(pattern, "/\n\r\xe2"); p != NULL;
	    p = strpbrk(p + 1, "/\n\r\xe2"))
		if (*p == '/' || terminator(p, &len) != NULL)
			return 1;
	return 0;
}

void
regexp_source_escape(const char *pattern, struct buf *out)
{
	const char *p = pattern, *esc;
	size_t len;
	int inclass = 0;

	while (*p != '\0') {
		if ((esc = terminator(p, &len)) != NULL) {
			buf_puts(out, esc);
			p += len;
			continue;
		}
		if (*p == '\\' && p[1] != '\0') {
			if (terminator(p + 1, &len) == NULL) {
				buf_append(out, p, 2);
				p += 2;
			} else
				p++;		/* the terminator's escape follows */
			continue;
		}
		if (*p == '[')
			inclass = 1;
		else if (*p == ']')
			inclass = 0;
		else if (*p == '/' && !inclass)
			buf_putc(out, '\\');
		buf_putc(out, *p++);
	}
}
