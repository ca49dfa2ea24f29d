/* libFuzzer target: query strings (request_parse_query, request_url_decode). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/request.h"

static size_t calls;

static void
pair(const char *key, size_t keylen, const char *val, size_t vallen, void *arg)
{
	(void)arg;
	/* decoded text is never longer than its source and always terminated */
	if (strlen(key) > keylen || strlen(val) > vallen || key[keylen] != '\0' ||
	    val[vallen] != '\0')
		abort();
	calls++;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *qs = malloc(size + 1);

	memcpy(qs, data, size);
	qs[size] = '\0';
	calls = 0;
	request_parse_query(qs, pair, NULL);
	if (calls != request_count_pairs(qs, strlen(qs)))
		abort();
	free(qs);
	return 0;
}
