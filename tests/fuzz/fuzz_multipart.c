/*
 * libFuzzer target: multipart/form-data.  The input is
 * "Content-Type value\n" followed by the body, so the boundary parameter
 * parser is fuzzed too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/body.h"

static const char *lo, *hi;

static void
part(const struct body_part *p, void *arg)
{
	(void)arg;
	/* a part's data always lies inside the body */
	if (p->data < lo || p->data + p->len > hi || p->name == NULL)
		abort();
	(void)strlen(p->name);
	if (p->filename != NULL)
		(void)strlen(p->filename);
	if (p->type != NULL)
		(void)strlen(p->type);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	struct buf boundary, media;
	char ct[512], err[256];
	size_t n;
	char *body;

	if (nl == NULL || (n = (size_t)(nl - data)) >= sizeof(ct))
		return 0;
	memcpy(ct, data, n);
	ct[n] = '\0';
	if (memchr(ct, '\0', n) != NULL)
		return 0;	/* a CGI variable never holds NUL */
	buf_init(&boundary);
	buf_init(&media);
	body_media_type(ct, &media);
	/* a separate copy, so ASan sees any read past the body */
	size -= n + 1;
	body = malloc(size ? size : 1);
	memcpy(body, nl + 1, size);
	lo = body;
	hi = body + size;
	if (body_param(ct, "boundary", &boundary) == 0)
		body_parse_multipart(body, size, buf_cstr(&boundary), 16, part,
		    NULL, err, sizeof(err));
	free(body);
	buf_free(&boundary);
	buf_free(&media);
	return 0;
}
