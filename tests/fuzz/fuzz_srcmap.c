/*
 * libFuzzer target: source maps (srcmap_lookup, vlq_line).  The first
 * two bytes pick the generated line; the rest is the map's JSON, and also
 * fed to the VLQ decoder as a mappings string of its own.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <mujs.h>

#include "core/vlq.h"
#include "js/srcmap.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static js_State *J;
	char src[64], *copy;
	long line, source, orig;

	if (size < 2)
		return 0;
	if (J == NULL && (J = js_newstate(NULL, NULL, 0)) == NULL)
		abort();
	line = data[0] | (long)data[1] << 8;
	size -= 2;
	copy = malloc(size ? size : 1);
	memcpy(copy, data + 2, size);	/* exact size: ASan sees overreads */
	if (srcmap_lookup(J, copy, size, line, src, sizeof(src)) > 0 &&
	    memchr(src, '\0', sizeof(src)) == NULL)
		abort();
	if (vlq_line(copy, size, line, &source, &orig) == 0 &&
	    (source < 0 || orig < 0))
		abort();
	if (js_gettop(J) != 0)
		abort();
	js_gc(J, 0);
	free(copy);
	return 0;
}
