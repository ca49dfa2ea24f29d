/*
 * libFuzzer target: utfscan (src/js/utfscan.c), differential.  For any
 * bytes, its string length and its unit at every index must be those of
 * MuJS's own js_utflen and js_runeat, which this program calls directly
 * (nothing replaces them here).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "js/mujs_private.h"
#include "js/utfscan.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	int len, i;

	if (size > 4096 || (s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';		/* strings reach MuJS NUL-terminated */
	len = utfscan_utflen(s, js_utflen);
	if (len != js_utflen(s))
		abort();
	for (i = -1; i <= len + 1; i++)
		if (utfscan_runeat(NULL, s, i, js_runeat) !=
		    js_runeat(NULL, s, i))
			abort();
	free(s);
	return 0;
}
