/*
 * utf8: see utf8.h.  The decoder follows RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF.
 */
#include "utf8.h"

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
	if (cp == 0) {
		buf_putc(out, (char)0xc0);
		buf_putc(out, (char)0x80);
	} else if (cp < 0x80)
		buf_putc(out, (char)cp);
	else if (cp < 0x800) {
		buf_putc(out, (char)(0xc0 | cp >> 6));
		buf_putc(out, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			cp = 0xfffd;
		buf_putc(out, (char)(0xe0 | cp >> 12));
		buf_putc(out, (char)(0x80 | (cp >> 6 & 0x3f)));
		buf_putc(out, (char)(0x80 | (cp & 0x3f)));
	} else if (cp <= 0x10ffff) {
		buf_putc(out, (char)(0xf0 | cp >> 18));
		buf_putc(out, (char)(0x80 | (cp >> 12 & 0x3f)));
		buf_putc(out, (char)(0x80 | (cp >> 6 & 0x3f)));
		buf_putc(out, (char)(0x80 | (cp & 0x3f)));
	} else
		utf8_put(out, 0xfffd);
}

size_t
utf8_text(const char *s, size_t n, struct buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k, bad = 0;

	buf_reserve(out, n);
	while (i < n) {
		if (u[i] == 0) {
			utf8_put(out, 0);
			i++;
		} else if ((k = seq_len(u + i, n - i)) > 0) {
			buf_append(out, s + i, k);
			i += k;
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
	size_t i;

	buf_reserve(out, n);
	for (i = 0; i < n; i++)
		utf8_put(out, (unsigned char)s[i]);
	buf_cstr(out);
}

void
utf8_to_wire(const char *s, size_t n, struct buf *out)
{
	size_t i, start = 0;

	for (i = 0; i + 1 < n; i++) {
		if ((unsigned char)s[i] == 0xc0 && (unsigned char)s[i + 1] == 0x80) {
			buf_append(out, s + start, i - start);
			buf_putc(out, '\0');
			start = i + 2;
			i++;
		}
	}
	buf_append(out, s + start, n - start);
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
	size_t i;

	for (i = 0; i < n; i++) {
		if (u[i] < 0x80)
			buf_putc(out, (char)u[i]);
		else if (i + 1 < n) {
			buf_putc(out, (char)((u[i] & 0x03) << 6 | (u[i + 1] & 0x3f)));
			i++;
		}
	}
}
