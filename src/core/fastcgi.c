/*
 * fastcgi: responder records, straight from the FastCGI 1.0 spec: an
 * 8-byte header (version 1, type, request id, content length, padding
 * length), then content and padding.  Parameters are name-value pairs
 * whose lengths take 1 byte, or 4 with the high bit set.  Records for
 * other request ids are ignored (nginx does not multiplex).
 *
 * The stream parser (fastcgi_stream_*) reads a record's header, then
 * hands its content to a sink as it arrives (PARAMS, STDIN, or a small
 * buffer for BEGIN_REQUEST and GET_VALUES), skips its padding, and acts
 * on the record at its end.  PARAMS are decoded as they come, in place:
 * a pair's encoding (lengths, name, value) is never shorter than its
 * "NAME=value\0" string, so each decoded pair moves down over what was
 * read, and a length is checked against max_params_size as soon as its
 * bytes are in, before anything is stored for it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fastcgi.h"
#include "core/log.h"

#define RECORD_MAX		FCGI_CONTENT_MAX

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

void
fastcgi_header(unsigned char h[FCGI_HEADER_LEN], int type, uint16_t id,
    size_t len)
{
	h[0] = FCGI_VERSION_1;
	h[1] = (unsigned char)type;
	h[2] = (unsigned char)(id >> 8);
	h[3] = (unsigned char)id;
	h[4] = (unsigned char)(len >> 8);
	h[5] = (unsigned char)len;
	h[6] = h[7] = 0;
}

void
fastcgi_end_request(unsigned char rec[16], uint16_t id, uint32_t app_status,
    int protocol_status)
{
	fastcgi_header(rec, FCGI_END_REQUEST, id, 8);
	rec[8] = (unsigned char)(app_status >> 24);
	rec[9] = (unsigned char)(app_status >> 16);
	rec[10] = (unsigned char)(app_status >> 8);
	rec[11] = (unsigned char)app_status;
	rec[12] = (unsigned char)protocol_status;
	rec[13] = rec[14] = rec[15] = 0;
}

/* ---- the stream parser ------------------------------------------------ */

#define REPLY_MAX	65536	/* answers not yet written: a peer that
				   does not read them is refused */

/* Where a record's content goes, and what its end does. */
enum { SINK_SKIP, SINK_REC, SINK_PARAMS, SINK_STDIN };
enum { ACT_NONE, ACT_BEGIN, ACT_ABORT, ACT_PARAMS_END, ACT_STDIN_END,
	ACT_GET_VALUES, ACT_UNKNOWN_TYPE };

void
fastcgi_stream_init(struct fastcgi_stream *s, size_t params_max,
    size_t body_max, long max_conns, long max_reqs)
{
	memset(s, 0, sizeof(*s));
	s->params_max = params_max;
	s->body_max = body_max;
	s->max_conns = max_conns;
	s->max_reqs = max_reqs;
	buf_init(&s->body);
	buf_init(&s->reply);
	buf_init(&s->rec);
	buf_init(&s->params);
}

void
fastcgi_stream_next(struct fastcgi_stream *s)
{
	s->state = FASTCGI_BEGIN;
	s->id = 0;
	s->keep_conn = 0;
	s->nenv = 0;
	if (s->env != NULL)
		s->env[0] = NULL;
	buf_reset(&s->body);
	s->body_over = 0;
	s->aborted = 0;
	s->refused_role = 0;
	buf_reset(&s->params);
	s->params_in = 0;
	s->decoded = 0;
}

void
fastcgi_stream_reset(struct fastcgi_stream *s)
{
	fastcgi_stream_next(s);
	s->error = NULL;
	s->close = 0;
	s->hdr_len = 0;
	s->left = s->pad = 0;
	buf_reset(&s->reply);
}

static void
trim(struct buf *b, size_t keep)
{
	if (b->cap > keep)
		buf_free(b);
}

void
fastcgi_stream_trim(struct fastcgi_stream *s, size_t keep)
{
	if (s->state != FASTCGI_BEGIN && s->state != FASTCGI_ERROR)
		return;		/* a request is in them */
	trim(&s->body, keep);
	if (s->hdr_len == 0)
		trim(&s->rec, keep);	/* else a record may be in it */
	trim(&s->params, keep);
	if (s->env_cap * sizeof(char *) > keep) {
		free(s->env);
		s->env = NULL;
		s->env_cap = 0;
	}
}

void
fastcgi_stream_free(struct fastcgi_stream *s)
{
	buf_free(&s->reply);
	buf_free(&s->body);
	buf_free(&s->rec);
	buf_free(&s->params);
	free(s->env);
	s->env = NULL;
	s->env_cap = 0;
}

static void
fail(struct fastcgi_stream *s, const char *why)
{
	s->state = FASTCGI_ERROR;
	s->error = why;
}

/* One length of a pair at b[*p]; 0 when its bytes are not all in. */
static int
length_at(const unsigned char *b, size_t *p, size_t end, size_t *n)
{
	if (*p >= end)
		return 0;
	if (!(b[*p] & 0x80)) {
		*n = b[(*p)++];
		return 1;
	}
	if (end - *p < 4)
		return 0;
	*n = ((size_t)(b[*p] & 0x7f) << 24) | ((size_t)b[*p + 1] << 16) |
	    ((size_t)b[*p + 2] << 8) | b[*p + 3];
	*p += 4;
	return 1;
}

/*
 * Decodes the complete pairs of the PARAMS received so far into
 * "NAME=value\0" strings, in place (see the top of the file).
 */
static void
stream_params_decode(struct fastcgi_stream *s)
{
	unsigned char *b = (unsigned char *)s->params.data;
	size_t r = s->decoded, w = s->decoded, end = s->params.len;
	size_t p, nlen, vlen, at;

	while (r < end) {
		p = r;
		if (!length_at(b, &p, end, &nlen) ||
		    !length_at(b, &p, end, &vlen))
			break;
		at = s->params_in - (end - r) + (p - r);	/* where the
								   name starts */
		if (nlen + vlen > s->params_max - at) {
			fail(s, "a parameter longer than max_params_size");
			return;
		}
		if (end - p < nlen + vlen)
			break;
		if (!pair_valid(b + p, nlen, vlen)) {
			fail(s, "a parameter with an empty name, or a name "
			    "holding '=' or NUL, or a value holding NUL");
			return;
		}
		memmove(b + w, b + p, nlen);
		b[w + nlen] = '=';
		memmove(b + w + nlen + 1, b + p + nlen, vlen);
		b[w + nlen + 1 + vlen] = '\0';
		w += nlen + vlen + 2;
		r = p + nlen + vlen;
		s->nenv++;
	}
	if (w < r) {
		memmove(b + w, b + r, end - r);
		s->params.len = w + (end - r);
	}
	s->decoded = w;
}

/* The end of PARAMS: every pair whole; env points into params. */
static void
params_end(struct fastcgi_stream *s)
{
	char *p;
	size_t i;

	if (s->decoded != s->params.len) {
		fail(s, "a parameter cut short by the end of PARAMS");
		return;
	}
	if (s->env_cap < s->nenv + 1) {
		free(s->env);
		s->env_cap = s->nenv + 1 < 32 ? 32 : s->nenv + 1;
		if ((s->env = malloc(s->env_cap * sizeof(char *))) == NULL)
			log_fatal("malloc");
	}
	p = s->params.data;
	for (i = 0; i < s->nenv; i++) {
		s->env[i] = p;
		p += strlen(p) + 1;
	}
	s->env[s->nenv] = NULL;
	s->state = FASTCGI_STDIN;
}

static void
reply_end_request(struct fastcgi_stream *s, uint16_t id, int status)
{
	unsigned char rec[16];

	fastcgi_end_request(rec, id, 0, status);
	buf_append(&s->reply, rec, sizeof(rec));
}

static void
begin(struct fastcgi_stream *s)
{
	const unsigned char *c = (const unsigned char *)s->rec.data;
	int role = c[0] << 8 | c[1], keep = c[2] & FCGI_KEEP_CONN;

	if (s->state == FASTCGI_PARAMS || s->state == FASTCGI_STDIN) {
		reply_end_request(s, s->rec_id, FCGI_CANT_MPX_CONN);
		return;
	}
	if (role != FCGI_RESPONDER) {
		reply_end_request(s, s->rec_id, FCGI_UNKNOWN_ROLE);
		s->refused_role = role;
		if (!keep)
			s->close = 1;
		return;
	}
	fastcgi_stream_next(s);
	s->state = FASTCGI_PARAMS;
	s->id = s->rec_id;
	s->keep_conn = keep;
}

static void
put_length(struct buf *b, size_t n)
{
	unsigned char l[4] = { (unsigned char)(0x80 | n >> 24),
	    (unsigned char)(n >> 16), (unsigned char)(n >> 8), (unsigned char)n };

	if (n < 0x80)
		buf_putc(b, (char)n);
	else
		buf_append(b, l, 4);
}

/* GET_VALUES: the names asked for that fnpool knows, with its values. */
static void
get_values(struct fastcgi_stream *s)
{
	const unsigned char *b = (const unsigned char *)s->rec.data;
	size_t p = 0, end = s->rec.len, nlen, vlen;
	unsigned char h[FCGI_HEADER_LEN];
	struct buf res;
	char value[24];
	long v;

	buf_init(&res);
	while (p < end) {
		if (!length_at(b, &p, end, &nlen) ||
		    !length_at(b, &p, end, &vlen) || end - p < nlen + vlen) {
			fail(s, "a GET_VALUES record with a bad pair");
			break;
		}
		if (nlen == 14 && memcmp(b + p, "FCGI_MAX_CONNS", 14) == 0)
			v = s->max_conns;
		else if (nlen == 13 && memcmp(b + p, "FCGI_MAX_REQS", 13) == 0)
			v = s->max_reqs;
		else if (nlen == 15 && memcmp(b + p, "FCGI_MPXS_CONNS", 15) == 0)
			v = 0;
		else
			v = -1;		/* unknown: left out, as the spec says */
		if (v >= 0 && res.len + nlen + 2 + 20 <= FCGI_CONTENT_MAX) {
			snprintf(value, sizeof(value), "%ld", v);
			put_length(&res, nlen);
			put_length(&res, strlen(value));
			buf_append(&res, b + p, nlen);
			buf_puts(&res, value);
		}
		p += nlen + vlen;
	}
	if (s->state != FASTCGI_ERROR) {
		fastcgi_header(h, FCGI_GET_VALUES_RESULT, 0, res.len);
		buf_append(&s->reply, h, sizeof(h));
		buf_append(&s->reply, res.data, res.len);
	}
	buf_free(&res);
}

static void
unknown_type(struct fastcgi_stream *s)
{
	unsigned char rec[16] = { 0 };

	fastcgi_header(rec, FCGI_UNKNOWN_TYPE, 0, 8);
	rec[8] = s->hdr[1];
	buf_append(&s->reply, rec, sizeof(rec));
}

/* An application record (request id not 0): where it goes. */
static void
record_start_app(struct fastcgi_stream *s, int type)
{
	int ours = (s->state == FASTCGI_PARAMS || s->state == FASTCGI_STDIN) &&
	    s->rec_id == s->id;

	switch (type) {
	case FCGI_BEGIN_REQUEST:
		if (s->left != 8)
			fail(s, "a BEGIN_REQUEST record of a wrong length");
		else if (ours)
			fail(s, "a second BEGIN_REQUEST for a request");
		s->sink = SINK_REC;
		s->action = ACT_BEGIN;
		break;
	case FCGI_ABORT_REQUEST:
		if (ours)
			s->action = ACT_ABORT;
		break;
	case FCGI_PARAMS:
		if (!ours)
			break;
		if (s->state != FASTCGI_PARAMS)
			fail(s, "PARAMS after their end");
		else if (s->left == 0)
			s->action = ACT_PARAMS_END;
		else if (s->left > s->params_max - s->params_in)
			fail(s, "parameters over max_params_size");
		else
			s->sink = SINK_PARAMS;
		break;
	case FCGI_STDIN:
		if (!ours)
			break;
		if (s->state != FASTCGI_STDIN)
			fail(s, "STDIN before the end of PARAMS");
		else if (s->left == 0)
			s->action = ACT_STDIN_END;
		else
			s->sink = SINK_STDIN;
		break;
	case FCGI_DATA:
		break;		/* a FILTER's: no request takes it */
	default:
		fail(s, "a record of a type a web server does not send");
		break;
	}
}

static void
record_start(struct fastcgi_stream *s)
{
	const unsigned char *h = s->hdr;

	if (h[0] != FCGI_VERSION_1) {
		fail(s, "a record of another FastCGI version");
		return;
	}
	s->rec_id = (uint16_t)(h[2] << 8 | h[3]);
	s->left = (size_t)h[4] << 8 | h[5];
	s->pad = h[6];
	s->sink = SINK_SKIP;
	s->action = ACT_NONE;
	buf_reset(&s->rec);
	if (s->rec_id != 0)
		record_start_app(s, h[1]);
	else if (h[1] == FCGI_GET_VALUES) {
		s->sink = SINK_REC;
		s->action = ACT_GET_VALUES;
	} else
		s->action = ACT_UNKNOWN_TYPE;
}

static void
record_content(struct fastcgi_stream *s, const unsigned char *p, size_t n)
{
	switch (s->sink) {
	case SINK_REC:
		buf_append(&s->rec, p, n);
		break;
	case SINK_PARAMS:
		buf_append(&s->params, p, n);
		s->params_in += n;
		stream_params_decode(s);
		break;
	case SINK_STDIN:
		if (s->body_over || n > s->body_max - s->body.len) {
			s->body_over = 1;	/* kept: none of it */
			buf_reset(&s->body);
		} else
			buf_append(&s->body, p, n);
		break;
	}
}

static void
record_end(struct fastcgi_stream *s)
{
	s->hdr_len = 0;
	switch (s->action) {
	case ACT_BEGIN:
		begin(s);
		break;
	case ACT_ABORT:
		reply_end_request(s, s->id, FCGI_REQUEST_COMPLETE);
		s->aborted = 1;
		if (!s->keep_conn)
			s->close = 1;
		s->state = FASTCGI_BEGIN;
		break;
	case ACT_PARAMS_END:
		params_end(s);
		break;
	case ACT_STDIN_END:
		s->state = FASTCGI_DONE;
		break;
	case ACT_GET_VALUES:
		get_values(s);
		break;
	case ACT_UNKNOWN_TYPE:
		unknown_type(s);
		break;
	}
	if (s->reply.len > REPLY_MAX)
		fail(s, "more records to answer than the peer reads");
}

size_t
fastcgi_stream_feed(struct fastcgi_stream *s, const void *in, size_t len)
{
	const unsigned char *p = in;
	size_t off = 0, n;

	while (off < len && s->state != FASTCGI_DONE &&
	    s->state != FASTCGI_ERROR) {
		if (s->hdr_len < FCGI_HEADER_LEN) {
			n = FCGI_HEADER_LEN - s->hdr_len;
			if (n > len - off)
				n = len - off;
			memcpy(s->hdr + s->hdr_len, p + off, n);
			s->hdr_len += n;
			off += n;
			if (s->hdr_len < FCGI_HEADER_LEN)
				break;
			record_start(s);
			if (s->state == FASTCGI_ERROR)
				break;
		} else if (s->left > 0) {
			n = s->left < len - off ? s->left : len - off;
			record_content(s, p + off, n);
			s->left -= n;
			off += n;
			if (s->state == FASTCGI_ERROR)
				break;
		} else {
			n = s->pad < len - off ? s->pad : len - off;
			s->pad -= n;
			off += n;
		}
		if (s->left == 0 && s->pad == 0)
			record_end(s);
	}
	return off;
}
