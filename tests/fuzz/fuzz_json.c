/* libFuzzer target: the JSON body parser, validation only (body_json_check). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "js/body_json.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256], *copy = malloc(size ? size : 1);

	memcpy(copy, data, size);	/* exact size: ASan sees overreads */
	if (body_json_check(copy, size, 64, err, sizeof(err)) == -1 && err[0] == '\0')
		abort();
	free(copy);
	return 0;
}
