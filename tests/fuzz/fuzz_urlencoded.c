/*
 * libFuzzer target: application/x-www-form-urlencoded bodies, which may
 * hold any byte, and their conversion to JavaScript text (utf8_text).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/request.h"
#include "core/utf8.h"

static size_t calls;

static void
check_text(const char *s, size_t n)
{
	struct buf a, b;

	buf_init(&a);
	buf_init(&b);
	utf8_text(s, n, &a);
	/* no raw NUL; valid UTF-8 between the C0 80 that stand for U+0000 */
	if (a.len > 0 && memchr(a.data, '\0', a.len) != NULL)
		abort();
	{
		const char *p = a.data ? a.data : "", *end = p + a.len, *q;

		for (; p < end; p = q + 2) {
			q = memmem(p, (size_t)(end - p), "\xc0\x80", 2);
			if (q == NULL)
				q = end;
			buf_reset(&b);
			if (utf8_text(p, (size_t)(q - p), &b) != 0)
				abort();
			if (q == end)
				break;
		}
	}
	buf_free(&a);
	buf_free(&b);
}

static void
pair(const char *key, size_t keylen, const char *val, size_t vallen, void *arg)
{
	(void)arg;
	check_text(key, keylen);
	check_text(val, vallen);
	calls++;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf bin, back;

	calls = 0;
	if (request_parse_form((const char *)data, size, pair, NULL) != calls ||
	    calls != request_count_pairs((const char *)data, size))
		abort();
	/* binary strings round-trip exactly */
	buf_init(&bin);
	buf_init(&back);
	utf8_binary((const char *)data, size, &bin);
	if (!utf8_is_binary(bin.data ? bin.data : "", bin.len))
		abort();
	utf8_binary_bytes(bin.data ? bin.data : "", bin.len, &back);
	if (back.len != size || (size > 0 && memcmp(back.data, data, size) != 0))
		abort();
	buf_free(&bin);
	buf_free(&back);
	return 0;
}
