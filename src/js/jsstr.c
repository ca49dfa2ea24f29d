/*
 * jsstr: see jsstr.h.
 */
#include "js/jsstr.h"

uint32_t
jsstr_next(const unsigned char **sp, const unsigned char *end)
{
	const unsigned char *s = *sp;
	uint32_t cp;
	int n, i;

	*sp = s + 1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xc0 && s[0] < 0xe0) {
		cp = s[0] & 0x1f;
		n = 1;
	} else if (s[0] >= 0xe0 && s[0] < 0xf0) {
		cp = s[0] & 0x0f;
		n = 2;
	} else if (s[0] >= 0xf0 && s[0] < 0xf8) {
		cp = s[0] & 0x07;
		n = 3;
	} else
		return 0xfffd;
	if (end - s <= n)
		return 0xfffd;
	for (i = 1; i <= n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0xfffd;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	*sp = s + n + 1;
	return cp;
}

void
jsstr_put(struct buf *out, uint32_t cp)
{
	char b[4];

	if (cp == 0) {
		buf_append(out, "\xc0\x80", 2);
	} else if (cp < 0x80) {
		buf_putc(out, (char)cp);
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		buf_append(out, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		buf_append(out, b, 3);
	} else {
		b[0] = (char)(0xf0 | cp >> 18);
		b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		buf_append(out, b, 4);
	}
}

void
jsstr_flush(struct buf *out, uint32_t *pending)
{
	if (*pending != 0)
		jsstr_put(out, *pending);
	*pending = 0;
}

void
jsstr_put_unit(struct buf *out, uint32_t unit, uint32_t *pending)
{
	if (unit >= 0xdc00 && unit <= 0xdfff && *pending != 0) {
		jsstr_put(out, 0x10000 + ((*pending - 0xd800) << 10) +
		    (unit - 0xdc00));
		*pending = 0;
		return;
	}
	jsstr_flush(out, pending);
	if (unit >= 0xd800 && unit <= 0xdbff)
		*pending = unit;
	else
		jsstr_put(out, unit);
}
