/*
 * libFuzzer target: the FastCGI records the master parses on the status
 * socket (fastcgi_parse), from any client that can reach that socket.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/fastcgi.h"

/* A complete request's environment: "NAME=value" strings with a name,
 * NULL-ended. */
static void
check_env(const struct fastcgi_request *r)
{
	const char *eq;
	size_t i;

	for (i = 0; i < r->nenv; i++)
		if (r->env[i] == NULL || (eq = strchr(r->env[i], '=')) == NULL ||
		    eq == r->env[i])
			abort();
	if (r->nenv == 0 ? r->env != NULL : r->env[r->nenv] != NULL)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fastcgi_request r, again;
	struct buf out;
	int rc;

	memset(&r, 0, sizeof(r));
	rc = fastcgi_parse(data, size, &r);
	if (rc < -1 || rc > 1)
		abort();
	if (rc != 1)
		return 0;
	if (r.used == 0 || r.used > size)
		abort();
	check_env(&r);
	/* the master parses as bytes arrive: one byte short is never done */
	memset(&again, 0, sizeof(again));
	if (fastcgi_parse(data, r.used - 1, &again) == 1)
		abort();
	buf_init(&out);
	fastcgi_respond(r.id, r.nenv > 0 ? r.env[0] : "", r.nenv > 0 ?
	    strlen(r.env[0]) : 0, &out);
	if (out.len < 16 + 8)	/* at least the empty STDOUT and END_REQUEST */
		abort();
	buf_free(&out);
	fastcgi_request_free(&r);
	return 0;
}
