/*
 * utf8: see utf8.h.  The decoder follows RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF.
 */
#include <string.h>

#include "core/utf8.h"

/* Length of the valid sequence at s, or 0 when it is not valid. */
static size_t
seq_len(const unsigned char *s, size_t n)
{
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		return n >= 2 && (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (s[0] >= 0xe0 && s[0] <= 0xef) {
		if (n < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if (s[0] == 0xe0 && s[1] < 0xa0)
			return 0;	/* overlong */
		if (s[0] == 0xed && s[1] >= 0xa0)
			return 0;	/* surrogate */
		return 3;
	}
	if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		if (n < 4 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
		    (s[3] & 0xc0) != 0x80)
			return 0;
		if (s[0] == 0xf0 && s[1] < 0x90)
			return 0;
		if (s[0] == 0xf4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

void
utf8_put(struct buf *out, unsigned long cp)
{
	char b[4];

	if (cp == 0) {
		b[0] = (char)0xc0;
		b[1] = (char)0x80;
		buf_append(out, b, 2);
	} else if (cp < 0x80) {
		b[0] = (char)cp;
		buf_append(out, b, 1);
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		buf_append(out, b, 2);
	} else if (cp < 0x10000) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			cp = 0xfffd;
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		buf_append(out, b, 3);
	} else if (cp <= 0x10ffff) {
		b[0] = (char)(0xf0 | cp >> 18);
		b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		buf_append(out, b, 4);
	} else
		utf8_put(out, 0xfffd);
}

/* The length of the run of bytes 01..7F at s: kept as they are. */
static size_t
ascii_run(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] != 0 && s[i] < 0x80)
		i++;
	return i;
}

size_t
utf8_valid(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < n) {
		if ((k = ascii_run(u + i, n - i)) > 0)
			i += k;
		else if (u[i] != 0 && (k = seq_len(u + i, n - i)) > 0)
			i += k;
		else
			break;
	}
	return i;
}

size_t
utf8_text(const char *s, size_t n, struct buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k, bad = 0;

	buf_reserve(out, n);
	while (i < n) {
		/* runs of valid text are copied whole: most text is */
		if ((k = utf8_valid(s + i, n - i)) > 0) {
			buf_append(out, s + i, k);
			i += k;
		} else if (u[i] == 0) {
			utf8_put(out, 0);
			i++;
		} else {
			utf8_put(out, 0xfffd);
			bad++;
			i++;
		}
	}
	buf_cstr(out);
	return bad;
}

void
utf8_binary(const char *s, size_t n, struct buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;

	buf_reserve(out, n);
	while (i < n) {
		if ((k = ascii_run(u + i, n - i)) > 0) {
			buf_append(out, s + i, k);
			i += k;
		} else
			utf8_put(out, u[i++]);
	}
	buf_cstr(out);
}

void
utf8_to_wire(const char *s, size_t n, struct buf *out)
{
	const char *p = s, *end = s + n, *c0;

	buf_reserve(out, n);
	/* memchr: a 64 KB body is scanned at memory speed */
	while ((c0 = memchr(p, 0xc0, (size_t)(end - p))) != NULL) {
		if (c0 + 1 < end && (unsigned char)c0[1] == 0x80) {
			buf_append(out, p, (size_t)(c0 - p));
			buf_putc(out, '\0');
			p = c0 + 2;
		} else {
			buf_append(out, p, (size_t)(c0 + 1 - p));
			p = c0 + 1;
		}
	}
	buf_append(out, p, (size_t)(end - p));
}

int
utf8_is_binary(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < n; i++) {
		if (u[i] < 0x80)
			continue;
		if ((u[i] != 0xc0 && u[i] != 0xc2 && u[i] != 0xc3) ||
		    i + 1 >= n || (u[i + 1] & 0xc0) != 0x80)
			return 0;
		if (u[i] == 0xc0 && u[i + 1] != 0x80)
			return 0;
		i++;
	}
	return 1;
}

void
utf8_binary_bytes(const char *s, size_t n, struct buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;
	char c;

	buf_reserve(out, n);
	while (i < n) {
		if ((k = ascii_run(u + i, n - i)) > 0) {
			buf_append(out, s + i, k);
			i += k;
		} else if (u[i] < 0x80) {
			buf_putc(out, (char)u[i++]);
		} else if (i + 1 < n) {
			c = (char)((u[i] & 0x03) << 6 | (u[i + 1] & 0x3f));
			buf_putc(out, c);
			i += 2;
		} else
			i++;
	}
}

int
hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
