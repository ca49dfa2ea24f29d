/*
 * libFuzzer target: the FastCGI records fnpool parses from any client
 * that can reach a socket: the master's status socket (fastcgi_parse) and
 * the workers' connections (the stream parser, fastcgi_stream_*).  The
 * stream is fed the input whole and in pieces whose sizes come from the
 * input itself; both must take the same bytes to the same requests,
 * answers and refusals.
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

#define PARAMS_MAX	4096	/* small caps: reached often */
#define BODY_MAX	1024

/* What a stream made of its input: requests, answers, the end. */
struct outcome {
	struct buf	 log;	/* each request: id, keep, env, body */
	struct buf	 reply;
	int		 state;
	size_t		 took;
};

static void
check_stream_request(const struct fastcgi_stream *s)
{
	size_t i;

	if (s->env == NULL || s->env[s->nenv] != NULL)
		abort();
	for (i = 0; i < s->nenv; i++)
		if (s->env[i] == NULL || s->env[i][0] == '=' ||
		    strchr(s->env[i], '=') == NULL)
			abort();
	if (s->body.len > BODY_MAX || s->params.len > PARAMS_MAX ||
	    s->id == 0)
		abort();
}

static void
note_request(const struct fastcgi_stream *s, struct buf *log)
{
	size_t i;

	buf_printf(log, "req %u keep %d over %d env %zu\n", s->id,
	    s->keep_conn, s->body_over, s->nenv);
	for (i = 0; i < s->nenv; i++) {
		buf_puts(log, s->env[i]);
		buf_putc(log, '\n');
	}
	buf_append(log, s->body.data, s->body.len);
	buf_putc(log, '\n');
}

/*
 * Feeds data in pieces (sizes from seed; 0: whole), serving each request
 * as the worker does: note it, fastcgi_stream_next, go on.
 */
static void
stream_run(const uint8_t *data, size_t size, uint32_t seed,
    struct outcome *o)
{
	struct fastcgi_stream s;
	size_t off = 0, n, took;

	fastcgi_stream_init(&s, PARAMS_MAX, BODY_MAX, 3, 3);
	buf_init(&o->log);
	buf_init(&o->reply);
	while (off < size) {
		n = size - off;
		if (seed != 0) {
			seed = seed * 1103515245u + 12345u;
			n = 1 + (seed >> 16) % 300;
			if (n > size - off)
				n = size - off;
		}
		took = fastcgi_stream_feed(&s, data + off, n);
		if (took > n)
			abort();
		off += took;
		buf_append(&o->reply, s.reply.data, s.reply.len);
		buf_reset(&s.reply);
		if (s.state == FASTCGI_ERROR)
			break;
		if (s.state == FASTCGI_STDIN)
			check_stream_request(&s);
		if (s.state == FASTCGI_DONE) {
			check_stream_request(&s);
			note_request(&s, &o->log);
			fastcgi_stream_next(&s);
			if (s.state != FASTCGI_BEGIN)
				abort();
		} else if (took < n)
			abort();	/* only an end or an error stops it */
		fastcgi_stream_trim(&s, 512);
	}
	o->state = s.state;
	o->took = off;
	fastcgi_stream_free(&s);
}

static void
stream_check(const uint8_t *data, size_t size)
{
	struct outcome whole, pieces;
	uint32_t seed = size > 0 ? data[0] | 1u : 1;

	stream_run(data, size, 0, &whole);
	stream_run(data, size, seed, &pieces);
	/*
	 * Fed whole, answers pile up past the cap on unread ones.  An error
	 * is found as soon as its bytes are in, which depends on the pieces:
	 * where the parser stopped is compared only without one.
	 */
	if (whole.reply.len < 60000 && (whole.state != pieces.state ||
	    (whole.state != FASTCGI_ERROR && whole.took != pieces.took) ||
	    whole.log.len != pieces.log.len ||
	    whole.reply.len != pieces.reply.len ||
	    (whole.log.len > 0 && memcmp(whole.log.data, pieces.log.data,
	    whole.log.len) != 0) || (whole.reply.len > 0 &&
	    memcmp(whole.reply.data, pieces.reply.data, whole.reply.len) != 0)))
		abort();
	buf_free(&whole.log);
	buf_free(&whole.reply);
	buf_free(&pieces.log);
	buf_free(&pieces.reply);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fastcgi_request r, again;
	struct buf out;
	int rc;

	stream_check(data, size);
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
