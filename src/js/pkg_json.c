/*
 * pkg_json: see pkg_json.h.  Every function here trusts that the text
 * passed body_json_check, so the grammar is not checked twice.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "js/body_json.h"
#include "js/pkg_json.h"

static const char *
skip_ws(const char *p)
{
	return p + strspn(p, " \t\r\n");
}

const char *
pkg_json_check(const char *text, size_t n, char *err, size_t errsize)
{
	const char *p = text;

	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		p += 3;		/* Node strips a byte order mark */
		n -= 3;
	}
	if (body_json_check(p, n, 0, err, errsize) == -1)
		return NULL;
	if (memchr(p, '\0', n) != NULL) {
		snprintf(err, errsize, "a NUL byte in the file");
		return NULL;
	}
	p = skip_ws(p);
	if (*p != '{') {
		snprintf(err, errsize, "not a JSON object");
		return NULL;
	}
	return p;
}

enum pkg_json_kind
pkg_json_kind(const char *v)
{
	switch (*v) {
	case '"':
		return PKG_JSON_STRING;
	case '{':
		return PKG_JSON_OBJECT;
	case '[':
		return PKG_JSON_ARRAY;
	case 'n':
		return PKG_JSON_NULL;
	default:
		return PKG_JSON_OTHER;
	}
}

/* Past the string at p (its opening quote). */
static const char *
skip_string(const char *p)
{
	for (p++; *p != '"'; p++)
		if (*p == '\\')
			p++;
	return p + 1;
}

/* Past the value at p. */
static const char *
skip_value(const char *p)
{
	int depth = 0;

	do {
		p = skip_ws(p);
		if (*p == '"')
			p = skip_string(p);
		else if (*p == '{' || *p == '[') {
			depth++;
			p++;
		} else if (*p == '}' || *p == ']') {
			depth--;
			p++;
		} else if (*p == ',' || *p == ':')
			p++;
		else
			p += strcspn(p, ",:{}[]\" \t\r\n");
	} while (depth > 0);
	return p;
}

static unsigned
hex4(const char *p)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		v <<= 4;
		v |= (unsigned)(p[i] <= '9' ? p[i] - '0' :
		    (p[i] | 0x20) - 'a' + 10);
	}
	return v;
}

static size_t
put_utf8(char *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | c >> 12);
		out[1] = (char)(0x80 | (c >> 6 & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | c >> 18);
	out[1] = (char)(0x80 | (c >> 12 & 0x3f));
	out[2] = (char)(0x80 | (c >> 6 & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* The escape at p (past its backslash) into *c; returns its length. */
static size_t
unescape(const char *p, uint32_t *c)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	uint32_t lo;

	if (*p != 'u') {
		*c = (unsigned char)to[strchr(from, *p) - from];
		return 1;
	}
	*c = hex4(p + 1);
	if (*c >= 0xd800 && *c < 0xdc00 && p[5] == '\\' && p[6] == 'u' &&
	    (lo = hex4(p + 7)) >= 0xdc00 && lo < 0xe000) {
		*c = 0x10000 + ((*c - 0xd800) << 10) + (lo - 0xdc00);
		return 11;
	}
	return 5;
}

int
pkg_json_string(const char *v, char *out, size_t size)
{
	const char *p;
	char u[4];
	size_t n = 0, k;
	uint32_t c;

	if (*v != '"')
		return -1;
	for (p = v + 1; *p != '"'; ) {
		if (*p != '\\') {
			u[0] = *p++;
			k = 1;
		} else {
			p += 1 + unescape(p + 1, &c);
			if (c == 0)
				return -1;
			k = put_utf8(u, c);
		}
		if (n + k >= size)
			return -1;
		memcpy(out + n, u, k);
		n += k;
	}
	out[n] = '\0';
	return 0;
}

void
pkg_json_iter(struct pkg_json_iter *it, const char *v)
{
	it->object = *v == '{';
	it->p = *v == '{' || *v == '[' ? v + 1 : NULL;
}

const char *
pkg_json_next(struct pkg_json_iter *it, char *key, size_t keysize)
{
	const char *p, *v;

	if (it->p == NULL)
		return NULL;
	p = skip_ws(it->p);
	if (*p == ',')
		p = skip_ws(p + 1);
	if (*p == '}' || *p == ']') {
		it->p = NULL;
		return NULL;
	}
	if (it->object) {
		if (pkg_json_string(p, key, keysize) == -1)
			snprintf(key, keysize, "\x01");
		p = skip_ws(skip_ws(skip_string(p)) + 1);	/* ':' */
	}
	v = p;
	it->p = skip_value(v);
	return v;
}

const char *
pkg_json_get(const char *v, const char *key)
{
	struct pkg_json_iter it;
	char k[256];
	const char *m;

	if (*v != '{')
		return NULL;
	pkg_json_iter(&it, v);
	while ((m = pkg_json_next(&it, k, sizeof(k))) != NULL)
		if (strcmp(k, key) == 0)
			return m;
	return NULL;
}
