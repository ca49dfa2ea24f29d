/*
 * body: Content-Type parsing and multipart/form-data (RFC 7578).
 *
 * A multipart body is walked twice: once to check it and count its parts,
 * then to report them.  So a malformed body, or one with too many parts,
 * is refused whole before the function sees any of it.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "http/body.h"

void
body_media_type(const char *ct, struct buf *out)
{
	size_t n, i;

	buf_reset(out);
	if (ct == NULL)
		return;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	n = strcspn(ct, ";");
	while (n > 0 && (ct[n - 1] == ' ' || ct[n - 1] == '\t'))
		n--;
	for (i = 0; i < n; i++)
		buf_putc(out, (char)tolower((unsigned char)ct[i]));
	buf_cstr(out);
}

/* Reads a token or quoted-string at *pp into out; advances *pp. */
static void
param_value(const char **pp, const char *end, struct buf *out)
{
	const char *p = *pp;

	if (p < end && *p == '"') {
		for (p++; p < end && *p != '"'; p++) {
			if (*p == '\\' && p + 1 < end)
				p++;
			buf_putc(out, *p);
		}
		if (p < end)
			p++;
	} else {
		for (; p < end && *p != ';' && *p != ' ' && *p != '\t'; p++)
			buf_putc(out, *p);
	}
	*pp = p;
}

/* body_param over s[0..n), which need not be NUL-terminated. */
static int
param_find(const char *s, size_t n, const char *name, struct buf *out)
{
	const char *p = s, *end = s + n, *eq;
	size_t nlen = strlen(name);

	buf_reset(out);
	while (p < end) {
		/* skip to the next ';' outside quotes */
		while (p < end && *p != ';') {
			if (*p == '"') {
				for (p++; p < end && *p != '"'; p++)
					if (*p == '\\' && p + 1 < end)
						p++;
			}
			if (p < end)
				p++;
		}
		if (p >= end)
			break;
		p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		eq = p;
		while (eq < end && *eq != '=' && *eq != ';')
			eq++;
		if (eq < end && *eq == '=' && (size_t)(eq - p) == nlen &&
		    strncasecmp(p, name, nlen) == 0) {
			p = eq + 1;
			param_value(&p, end, out);
			buf_cstr(out);
			return 0;
		}
		p = eq;
	}
	return -1;
}

int
body_param(const char *ct, const char *name, struct buf *out)
{
	if (ct == NULL)
		return -1;
	return param_find(ct, strlen(ct), name, out);
}

static void
set_err(char *err, size_t errsize, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errsize, fmt, ap);
	va_end(ap);
}

struct part_head {
	struct buf	name, filename, type;
	int		has_filename, has_name;
};

/* Parses the header block of one part, hdr[0..n). */
static void
part_headers(const char *hdr, size_t n, struct part_head *h)
{
	const char *p = hdr, *end = hdr + n, *eol, *colon, *v;

	h->has_name = h->has_filename = 0;
	buf_reset(&h->name);
	buf_reset(&h->filename);
	buf_reset(&h->type);
	for (; p < end; p = eol + 2) {
		eol = p;
		while (eol + 1 < end && !(eol[0] == '\r' && eol[1] == '\n'))
			eol++;
		if (eol + 1 >= end)
			eol = end;
		if ((colon = memchr(p, ':', (size_t)(eol - p))) == NULL)
			continue;
		v = colon + 1;
		while (v < eol && (*v == ' ' || *v == '\t'))
			v++;
		if (colon - p == 19 &&
		    strncasecmp(p, "Content-Disposition", 19) == 0) {
			if (eol - v < 9 || strncasecmp(v, "form-data", 9) != 0)
				continue;
			h->has_name = param_find(v, (size_t)(eol - v), "name",
			    &h->name) == 0;
			h->has_filename = param_find(v, (size_t)(eol - v),
			    "filename", &h->filename) == 0;
		} else if (colon - p == 12 &&
		    strncasecmp(p, "Content-Type", 12) == 0) {
			buf_reset(&h->type);
			buf_append(&h->type, v, (size_t)(eol - v));
			buf_cstr(&h->type);
		}
		if (eol == end)
			break;
	}
}

static const char *
find(const char *hay, size_t n, const char *needle, size_t m)
{
	return memmem(hay, n, needle, m);
}

/* One pass; with fn == NULL it only checks and counts. */
static int
multipart_walk(const char *data, size_t len, const char *boundary,
    size_t max_parts, body_part_fn fn, void *arg, char *err, size_t errsize)
{
	struct part_head h;
	struct body_part part;
	struct buf delim;
	const char *p, *end = data + len, *hend, *next;
	size_t count = 0;
	int rc = -1;

	buf_init(&delim);
	buf_init(&h.name);
	buf_init(&h.filename);
	buf_init(&h.type);
	buf_puts(&delim, "\r\n--");
	buf_puts(&delim, boundary);
	/* the first delimiter may start the body, without the CRLF */
	if (len >= delim.len - 2 && memcmp(data, delim.data + 2, delim.len - 2) == 0)
		p = data + delim.len - 2;
	else if ((p = find(data, len, delim.data, delim.len)) != NULL)
		p += delim.len;
	else {
		set_err(err, errsize, "multipart body without its boundary");
		goto out;
	}
	for (;;) {
		/* p is just after a delimiter: "--" closes, CRLF opens a part */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
			rc = 0;
			break;
		}
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;	/* transport padding */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n') {
			set_err(err, errsize, "multipart body cut short or "
			    "malformed after part %zu", count);
			break;
		}
		p += 2;
		if (end - p >= 2 && p[0] == '\r' && p[1] == '\n') {
			part_headers(p, 0, &h);		/* no headers at all */
			p += 2;
		} else if ((hend = find(p, (size_t)(end - p), "\r\n\r\n",
		    4)) == NULL || hend - p > BODY_HEADER_MAX) {
			set_err(err, errsize, "multipart part %zu: headers "
			    "missing or longer than %d bytes", count + 1,
			    BODY_HEADER_MAX);
			break;
		} else {
			part_headers(p, (size_t)(hend - p), &h);
			p = hend + 4;
		}
		if ((next = find(p, (size_t)(end - p), delim.data, delim.len)) == NULL) {
			set_err(err, errsize, "multipart part %zu has no closing "
			    "boundary", count + 1);
			break;
		}
		if (!h.has_name) {
			set_err(err, errsize, "multipart part %zu has no "
			    "Content-Disposition form-data name", count + 1);
			break;
		}
		if (++count > max_parts) {
			set_err(err, errsize, "more than %zu multipart parts",
			    max_parts);
			break;
		}
		if (fn != NULL) {
			part.name = buf_cstr(&h.name);
			part.filename = h.has_filename ? buf_cstr(&h.filename) : NULL;
			part.type = h.type.len > 0 ? buf_cstr(&h.type) : NULL;
			part.data = p;
			part.len = (size_t)(next - p);
			fn(&part, arg);
		}
		p = next + delim.len;
	}
out:
	buf_free(&delim);
	buf_free(&h.name);
	buf_free(&h.filename);
	buf_free(&h.type);
	return rc;
}

int
body_parse_multipart(const char *data, size_t len, const char *boundary,
    size_t max_parts, body_part_fn fn, void *arg, char *err, size_t errsize)
{
	size_t blen = strlen(boundary);

	if (blen == 0 || blen > 70) {
		set_err(err, errsize, "multipart boundary missing or longer "
		    "than 70 characters");
		return -1;
	}
	if (multipart_walk(data, len, boundary, max_parts, NULL, NULL, err,
	    errsize) == -1)
		return -1;
	return multipart_walk(data, len, boundary, max_parts, fn, arg, err,
	    errsize);
}
