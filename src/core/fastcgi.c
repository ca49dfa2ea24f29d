/*
 * fastcgi: responder records, straight from the FastCGI 1.0 spec: an
 * 8-byte header (version 1, type, request id, content length, padding
 * length), then content and padding.  Parameters are name-value pairs
 * whose lengths take 1 byte, or 4 with the high bit set.  Records for
 * other request ids are ignored (nginx does not multiplex).
 */
#include <stdlib.h>
#include <string.h>

#include "core/fastcgi.h"
#include "core/log.h"

#define FCGI_BEGIN_REQUEST	1
#define FCGI_END_REQUEST	3
#define FCGI_PARAMS		4
#define FCGI_STDIN		5
#define FCGI_STDOUT		6
#define FCGI_RESPONDER		1
#define FCGI_KEEP_CONN		1
#define FCGI_REQUEST_COMPLETE	0
#define RECORD_MAX		65535

struct record {
	int		 type;
	uint16_t	 id;
	const unsigned char *content;
	size_t		 len;
};

/* The record at in; 0 when incomplete, else its whole size. */
static size_t
record_at(const unsigned char *in, size_t len, struct record *rec)
{
	size_t clen, plen;

	if (len < 8)
		return 0;
	clen = (size_t)in[4] << 8 | in[5];
	plen = in[6];
	if (len < 8 + clen + plen)
		return 0;
	rec->type = in[1];
	rec->id = (uint16_t)(in[2] << 8 | in[3]);
	rec->content = in + 8;
	rec->len = clen;
	return 8 + clen + plen;
}

static int
pair_length(const unsigned char **p, const unsigned char *end, size_t *n)
{
	if (*p >= end)
		return -1;
	if (!(**p & 0x80)) {
		*n = *(*p)++;
		return 0;
	}
	if (end - *p < 4)
		return -1;
	*n = ((size_t)((*p)[0] & 0x7f) << 24) | ((size_t)(*p)[1] << 16) |
	    ((size_t)(*p)[2] << 8) | (*p)[3];
	*p += 4;
	return 0;
}

/*
 * A name that is empty or holds '=' or NUL, or a value holding NUL, could
 * not be told apart in "NAME=value" (a name "A=b" would set A), so the
 * request is refused.
 */
static int
pair_valid(const unsigned char *name, size_t nlen, size_t vlen)
{
	return nlen > 0 && memchr(name, '=', nlen) == NULL &&
	    memchr(name, '\0', nlen + vlen) == NULL;
}

/* Decodes the concatenated PARAMS content into r->env. */
static int
params_decode(const unsigned char *p, size_t len, struct fastcgi_request *r)
{
	const unsigned char *end;
	size_t nlen, vlen;
	char **env, *kv;

	if (len == 0)
		return 0;	/* no PARAMS content: p may be NULL */
	end = p + len;
	while (p < end) {
		if (pair_length(&p, end, &nlen) == -1 ||
		    pair_length(&p, end, &vlen) == -1 ||
		    (size_t)(end - p) < nlen + vlen || !pair_valid(p, nlen, vlen))
			return -1;
		env = realloc(r->env, (r->nenv + 2) * sizeof(*env));
		if (env == NULL || (kv = malloc(nlen + vlen + 2)) == NULL)
			log_fatal("malloc");
		r->env = env;
		memcpy(kv, p, nlen);
		kv[nlen] = '=';
		memcpy(kv + nlen + 1, p + nlen, vlen);
		kv[nlen + vlen + 1] = '\0';
		env[r->nenv++] = kv;
		env[r->nenv] = NULL;
		p += nlen + vlen;
	}
	return 0;
}

int
fastcgi_parse(const unsigned char *in, size_t len, struct fastcgi_request *r)
{
	struct record rec;
	struct buf params;
	size_t off = 0, n;
	int begun = 0, params_done = 0, rc = 0;

	memset(r, 0, sizeof(*r));
	buf_init(&params);
	while ((n = record_at(in + off, len - off, &rec)) > 0) {
		off += n;
		if (in[off - n] != 1) {
			rc = -1;		/* version */
			break;
		}
		if (!begun) {
			if (rec.type != FCGI_BEGIN_REQUEST || rec.len < 8 ||
			    (rec.content[0] << 8 | rec.content[1]) !=
			    FCGI_RESPONDER) {
				rc = -1;
				break;
			}
			begun = 1;
			r->id = rec.id;
			r->keep_conn = rec.content[2] & FCGI_KEEP_CONN;
			continue;
		}
		if (rec.id != r->id)
			continue;
		if (rec.type == FCGI_PARAMS && !params_done) {
			if (rec.len == 0)
				params_done = 1;
			else
				buf_append(&params, rec.content, rec.len);
		} else if (rec.type == FCGI_STDIN && params_done && rec.len == 0) {
			rc = 1;
			break;
		} else if (rec.type != FCGI_STDIN) {
			rc = -1;	/* ABORT_REQUEST or out of order */
			break;
		}
	}
	if (rc == 0 && len >= FASTCGI_INPUT_MAX)
		rc = -1;
	if (rc == 1) {
		r->used = off;
		if (params_decode((const unsigned char *)params.data, params.len,
		    r) == -1)
			rc = -1;
	}
	buf_free(&params);
	if (rc != 1)
		fastcgi_request_free(r);
	return rc;
}

void
fastcgi_request_free(struct fastcgi_request *r)
{
	size_t i;

	for (i = 0; i < r->nenv; i++)
		free(r->env[i]);
	free(r->env);
	r->env = NULL;
	r->nenv = 0;
}

const char *
fastcgi_param(char *const *env, const char *name)
{
	size_t n = strlen(name);

	for (; env != NULL && *env != NULL; env++)
		if (strncmp(*env, name, n) == 0 && (*env)[n] == '=')
			return *env + n + 1;
	return NULL;
}

static void
record_put(struct buf *out, int type, uint16_t id, const void *data,
    size_t len)
{
	unsigned char h[8] = { 1, (unsigned char)type, (unsigned char)(id >> 8),
	    (unsigned char)id, (unsigned char)(len >> 8), (unsigned char)len,
	    (unsigned char)((8 - len % 8) % 8), 0 };
	static const char pad[8];

	buf_append(out, h, 8);
	buf_append(out, data, len);
	buf_append(out, pad, h[6]);
}

void
fastcgi_respond(uint16_t id, const char *data, size_t len, struct buf *out)
{
	unsigned char end[8] = { 0, 0, 0, 0, FCGI_REQUEST_COMPLETE, 0, 0, 0 };
	size_t n;

	while (len > 0) {
		n = len > RECORD_MAX - 7 ? RECORD_MAX - 7 : len;
		record_put(out, FCGI_STDOUT, id, data, n);
		data += n;
		len -= n;
	}
	record_put(out, FCGI_STDOUT, id, "", 0);
	record_put(out, FCGI_END_REQUEST, id, end, 8);
}
