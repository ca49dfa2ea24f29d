/*
 * libFuzzer target: evalfix_rewrite.  Checks that only the identifier
 * eval is ever renamed (renaming back gives the input) and that no line
 * break is added or removed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "js/evalfix.h"

static size_t
lines(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += s[i] == '\n';
	return k;
}

/* out with each EVALFIX_NAME back to eval, into back. */
static void
undo(const struct buf *out, struct buf *back)
{
	size_t m = strlen(EVALFIX_NAME), i = 0;

	while (i < out->len) {
		if (out->len - i >= m && memcmp(out->data + i, EVALFIX_NAME, m) == 0) {
			buf_puts(back, "eval");
			i += m;
		} else
			buf_append(back, out->data + i++, 1);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size ? size : 1);
	struct buf out, back;

	memcpy(copy, data, size);	/* exact size: ASan sees overreads */
	buf_init(&out);
	buf_init(&back);
	evalfix_rewrite(copy, size, &out);
	if (lines(out.data ? out.data : "", out.len) != lines(copy, size))
		abort();
	undo(&out, &back);
	if (memmem(copy, size, EVALFIX_NAME, strlen(EVALFIX_NAME)) == NULL &&
	    (back.len != size || (size > 0 && memcmp(back.data, copy, size) != 0)))
		abort();
	buf_free(&out);
	buf_free(&back);
	free(copy);
	return 0;
}
