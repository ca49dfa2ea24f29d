/* libFuzzer target: Cookie headers (request_parse_cookies). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/request.h"

static void
pair(const char *key, size_t keylen, const char *val, size_t vallen, void *arg)
{
	(void)arg;
	if (keylen == 0 || strlen(key) != keylen || val[vallen] != '\0')
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	request_parse_cookies(s, pair, NULL);
	free(s);
	return 0;
}
