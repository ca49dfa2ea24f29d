/* Unit tests for fastcgi.c: the master's own FastCGI records. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/fastcgi.h"
#include "tap.h"

static void
record(struct buf *b, int type, int id, const void *data, size_t len)
{
	unsigned char h[8] = { 1, (unsigned char)type, (unsigned char)(id >> 8),
	    (unsigned char)id, (unsigned char)(len >> 8), (unsigned char)len,
	    3, 0 };

	buf_append(b, h, 8);
	buf_append(b, data, len);
	buf_append(b, "\0\0\0", 3);	/* padding */
}

static void
pair(struct buf *b, const char *name, const char *value, int long_value)
{
	size_t n = strlen(name), v = strlen(value);
	unsigned char l4[4] = { 0x80 | (unsigned char)(v >> 24),
	    (unsigned char)(v >> 16), (unsigned char)(v >> 8), (unsigned char)v };

	buf_putc(b, (char)n);
	if (long_value)
		buf_append(b, l4, 4);
	else
		buf_putc(b, (char)v);
	buf_append(b, name, n);
	buf_append(b, value, v);
}

/* A whole request: BEGIN_REQUEST (responder, flags), PARAMS, STDIN. */
static void
request(struct buf *b, int id, int flags)
{
	unsigned char begin[8] = { 0, 1, (unsigned char)flags, 0, 0, 0, 0, 0 };
	struct buf params;
	char big[300];

	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_init(&params);
	pair(&params, "REQUEST_METHOD", "GET", 0);
	pair(&params, "SCRIPT_NAME", "/_/status", 0);
	pair(&params, "QUERY_STRING", big, 1);
	record(b, 1, id, begin, 8);
	record(b, 4, id, params.data, 10);	/* split across two records */
	record(b, 4, id, params.data + 10, params.len - 10);
	record(b, 4, id, "", 0);
	record(b, 5, id, "", 0);
	buf_free(&params);
}

static void
test_param(void)
{
	char *env[] = { "A=1", "AB=2", "B=", NULL };

	is_str(fastcgi_param(env, "AB"), "2", "param: exact name");
	is_str(fastcgi_param(env, "A"), "1", "param: no prefix match");
	is_str(fastcgi_param(env, "B"), "", "param: empty value");
	ok(fastcgi_param(env, "C") == NULL, "param: missing");
}

/* A record with padding pad (any record type). */
static void
padded(struct buf *b, int type, int id, const void *data, size_t len, int pad)
{
	unsigned char h[8] = { 1, (unsigned char)type, (unsigned char)(id >> 8),
	    (unsigned char)id, (unsigned char)(len >> 8), (unsigned char)len,
	    (unsigned char)pad, 0 };
	char junk[256];

	memset(junk, 'P', sizeof(junk));
	buf_append(b, h, 8);
	buf_append(b, data, len);
	buf_append(b, junk, (size_t)pad);
}

/* A responder request for /dump with a body, every record padded. */
static void
padded_request(struct buf *b, int id, int pad, int role, int flags)
{
	unsigned char begin[8] = { (unsigned char)(role >> 8),
	    (unsigned char)role, (unsigned char)flags, 0, 0, 0, 0, 0 };
	struct buf params;

	buf_init(&params);
	pair(&params, "SCRIPT_NAME", "/dump", 0);
	pair(&params, "REQUEST_METHOD", "POST", 0);
	pair(&params, "HTTP_X_A", "b", 1);
	padded(b, 1, id, begin, 8, pad);
	padded(b, 4, id, params.data, 7, pad);
	padded(b, 4, id, params.data + 7, params.len - 7, pad);
	padded(b, 4, id, "", 0, pad);
	padded(b, 5, id, "BO", 2, pad);
	padded(b, 5, id, "DY", 2, pad);
	padded(b, 5, id, "", 0, pad);
	buf_free(&params);
}

static struct fastcgi_stream st;

static void
stream_new(void)
{
	fastcgi_stream_free(&st);
	fastcgi_stream_init(&st, 1 << 20, 1 << 20, 4, 4);
}

/* Feeds in pieces of step bytes; the bytes taken. */
static size_t
feed_steps(const struct buf *in, size_t step)
{
	size_t off = 0, n, took;

	while (off < in->len) {
		n = in->len - off < step ? in->len - off : step;
		took = fastcgi_stream_feed(&st, in->data + off, n);
		off += took;
		if (took < n)
			break;
	}
	return off;
}

/* The type and protocol status of the first record in the reply. */
static int
reply_type(void)
{
	return st.reply.len >= 8 ? (unsigned char)st.reply.data[1] : -1;
}

static int
reply_status(void)
{
	return st.reply.len >= 16 ? (unsigned char)st.reply.data[12] : -1;
}

static void
test_stream_padding(void)
{
	static const int pads[] = { 0, 1, 7, 8, 255 };
	static const size_t steps[] = { 1, 3, 8, 1000 };
	struct buf in;
	char desc[128];
	size_t i, j, took;
	int good;

	buf_init(&in);
	for (i = 0; i < sizeof(pads) / sizeof(pads[0]); i++) {
		for (j = 0; j < sizeof(steps) / sizeof(steps[0]); j++) {
			buf_reset(&in);
			padded_request(&in, 1, pads[i], 1, 1);
			buf_putc(&in, 1);	/* a next request's first byte */
			stream_new();
			took = feed_steps(&in, steps[j]);
			good = st.state == FASTCGI_DONE && took == in.len - 1 &&
			    st.nenv == 3 && st.keep_conn == 1 && st.id == 1 &&
			    st.body.len == 4 && memcmp(st.body.data, "BODY", 4) == 0 &&
			    strcmp(fastcgi_param(st.env, "SCRIPT_NAME"), "/dump") == 0 &&
			    strcmp(fastcgi_param(st.env, "HTTP_X_A"), "b") == 0 &&
			    st.env[3] == NULL && st.reply.len == 0;
			snprintf(desc, sizeof(desc), "stream: padding %d on every "
			    "record, fed %zu bytes at a time: params, body, and "
			    "not a byte of the next request", pads[i], steps[j]);
			ok(good, "%s", desc);
			if (!good)
				printf("#   state %d took %zu of %zu nenv %zu body %zu "
				    "error %s\n", st.state, took, in.len, st.nenv,
				    st.body.len, st.error ? st.error : "-");
		}
	}
	/* the next request on the same connection */
	fastcgi_stream_next(&st);
	buf_reset(&in);
	padded_request(&in, 2, 3, 1, 0);
	is_int(fastcgi_stream_feed(&st, in.data, in.len), in.len,
	    "stream: a second request after fastcgi_stream_next");
	ok(st.state == FASTCGI_DONE && st.id == 2 && st.keep_conn == 0 &&
	    st.body.len == 4, "stream: with its own id, flags and body");
	buf_free(&in);
}

static void
test_stream_caps(void)
{
	unsigned char begin[8] = { 0, 1, 1, 0, 0, 0, 0, 0 };
	unsigned char huge[] = { 0x04, 0xc0, 0, 0, 0, 'N', 'A', 'M', 'E' };
	struct buf in;
	char *big;

	buf_init(&in);
	/* a value claiming 1 GB: refused once its length is in */
	record(&in, 1, 1, begin, 8);
	padded(&in, 4, 1, huge, 5, 0);
	stream_new();
	fastcgi_stream_feed(&st, in.data, in.len);
	ok(st.state == FASTCGI_ERROR && strstr(st.error, "max_params_size"),
	    "stream: a pair claiming 1 GB is refused from its length alone");
	ok(st.params.cap < 4096, "stream: nothing was allocated for it "
	    "(%zu bytes)", st.params.cap);

	/* PARAMS over the cap, in records each under it */
	fastcgi_stream_free(&st);
	fastcgi_stream_init(&st, 10000, 1 << 20, 4, 4);
	buf_reset(&in);
	record(&in, 1, 1, begin, 8);
	big = malloc(6000);
	memset(big, 'v', 6000);
	padded(&in, 4, 1, big, 6000, 0);
	padded(&in, 4, 1, big, 6000, 0);
	fastcgi_stream_feed(&st, in.data, in.len);
	ok(st.state == FASTCGI_ERROR && strstr(st.error, "max_params_size"),
	    "stream: PARAMS over max_params_size are refused at the record "
	    "that passes it");
	free(big);

	/* a body past body_max: kept parsing, flagged */
	fastcgi_stream_free(&st);
	fastcgi_stream_init(&st, 1 << 20, 3, 4, 4);
	buf_reset(&in);
	padded_request(&in, 1, 0, 1, 0);
	fastcgi_stream_feed(&st, in.data, in.len);
	ok(st.state == FASTCGI_DONE && st.body_over && st.body.len == 0,
	    "stream: a body past body_max is flagged, and none of it kept");

	/* a pair cut short by the end of PARAMS */
	stream_new();
	buf_reset(&in);
	record(&in, 1, 1, begin, 8);
	padded(&in, 4, 1, "\005\001AB", 4, 0);
	padded(&in, 4, 1, "", 0, 0);
	fastcgi_stream_feed(&st, in.data, in.len);
	ok(st.state == FASTCGI_ERROR, "stream: a pair cut short by the end "
	    "of PARAMS is refused");
	stream_new();
	buf_reset(&in);
	record(&in, 1, 1, begin, 8);
	padded(&in, 4, 1, "\003\001A=BC", 6, 0);
	fastcgi_stream_feed(&st, in.data, in.len);
	ok(st.state == FASTCGI_ERROR, "stream: a name holding '=' is refused");
	buf_free(&in);
}

static void
test_stream_records(void)
{
	unsigned char begin[8] = { 0, 1, 1, 0, 0, 0, 0, 0 };
	unsigned char gv[] = { 14, 0, 'F', 'C', 'G', 'I', '_', 'M', 'A', 'X',
	    '_', 'C', 'O', 'N', 'N', 'S', 13, 0, 'F', 'C', 'G', 'I', '_', 'M',
	    'A', 'X', '_', 'R', 'E', 'Q', 'S', 15, 0, 'F', 'C', 'G', 'I', '_',
	    'M', 'P', 'X', 'S', '_', 'C', 'O', 'N', 'N', 'S', 3, 0, 'F', 'O',
	    'O' };
	struct buf in;

	buf_init(&in);
	stream_new();
	padded(&in, 9, 0, gv, sizeof(gv), 5);
	is_int(fastcgi_stream_feed(&st, in.data, in.len), in.len,
	    "stream: GET_VALUES is taken whole");
	is_int(reply_type(), 10, "stream: and answered with GET_VALUES_RESULT");
	ok(st.reply.len > 8 && memmem(st.reply.data, st.reply.len,
	    "\016\001FCGI_MAX_CONNS4\015\001FCGI_MAX_REQS4\017\001FCGI_MPXS_CONNS0",
	    49) != NULL && memmem(st.reply.data, st.reply.len, "FOO", 3) == NULL,
	    "stream: with the three values fnpool knows, and not FOO");
	ok(st.state == FASTCGI_BEGIN, "stream: still waiting for a request");
	stream_new();
	fastcgi_stream_feed(&st, in.data, 20);
	fastcgi_stream_trim(&st, 0);
	fastcgi_stream_feed(&st, in.data + 20, in.len - 20);
	ok(reply_type() == 10 && memmem(st.reply.data, st.reply.len,
	    "FCGI_MPXS_CONNS0", 16) != NULL, "stream: trimming buffers in the "
	    "middle of a record keeps what it read of it");

	stream_new();
	buf_reset(&in);
	record(&in, 200, 0, "xy", 2);
	fastcgi_stream_feed(&st, in.data, in.len);
	ok(reply_type() == 11 && (unsigned char)st.reply.data[8] == 200,
	    "stream: an unknown management record gets UNKNOWN_TYPE");

	stream_new();
	buf_reset(&in);
	padded_request(&in, 1, 3, 2, 0);	/* AUTHORIZER */
	fastcgi_stream_feed(&st, in.data, in.len);
	ok(reply_type() == 3 && reply_status() == 3 && st.refused_role == 2 &&
	    st.close && st.state == FASTCGI_BEGIN, "stream: AUTHORIZER gets "
	    "END_REQUEST with FCGI_UNKNOWN_ROLE; its records are ignored");
	stream_new();
	buf_reset(&in);
	padded_request(&in, 1, 0, 3, 1);	/* FILTER, kept */
	padded_request(&in, 1, 0, 1, 1);	/* then a responder */
	fastcgi_stream_feed(&st, in.data, in.len);
	ok(reply_status() == 3 && !st.close && st.state == FASTCGI_DONE &&
	    st.body.len == 4, "stream: FILTER too; a request after it on the "
	    "kept connection is served");

	stream_new();
	buf_reset(&in);
	record(&in, 1, 1, begin, 8);
	record(&in, 1, 2, begin, 8);
	fastcgi_stream_feed(&st, in.data, in.len);
	ok(reply_type() == 3 && reply_status() == 1 && st.state ==
	    FASTCGI_PARAMS, "stream: a second request at once gets "
	    "FCGI_CANT_MPX_CONN");

	stream_new();
	buf_reset(&in);
	record(&in, 1, 1, begin, 8);
	record(&in, 2, 1, "", 0);
	fastcgi_stream_feed(&st, in.data, in.len);
	ok(reply_type() == 3 && reply_status() == 0 && st.aborted &&
	    st.state == FASTCGI_BEGIN, "stream: ABORT_REQUEST ends the request "
	    "with END_REQUEST");

	stream_new();
	buf_reset(&in);
	record(&in, 1, 1, begin, 8);
	record(&in, 5, 1, "x", 1);
	fastcgi_stream_feed(&st, in.data, in.len);
	ok(st.state == FASTCGI_ERROR, "stream: STDIN before the end of PARAMS "
	    "is refused");
	stream_new();
	buf_reset(&in);
	record(&in, 1, 1, begin, 7);
	fastcgi_stream_feed(&st, in.data, in.len);
	ok(st.state == FASTCGI_ERROR, "stream: a short BEGIN_REQUEST is refused");
	stream_new();
	buf_reset(&in);
	record(&in, 1, 1, begin, 8);
	in.data[0] = 2;
	fastcgi_stream_feed(&st, in.data, in.len);
	ok(st.state == FASTCGI_ERROR, "stream: another version is refused");
	stream_new();
	buf_reset(&in);
	record(&in, 6, 1, "x", 1);
	fastcgi_stream_feed(&st, in.data, in.len);
	ok(st.state == FASTCGI_ERROR, "stream: STDOUT from the peer is refused");
	fastcgi_stream_free(&st);
	buf_free(&in);
}

int
main(void)
{
	struct fastcgi_request r;
	struct buf in, out;
	size_t i;
	int rc;

	buf_init(&in);
	request(&in, 7, 1);
	for (i = 0, rc = 0; i < in.len && rc == 0; i++)
		rc = fastcgi_parse((unsigned char *)in.data, i, &r);
	is_int(rc, 0, "every prefix of a request asks for more input");
	rc = fastcgi_parse((unsigned char *)in.data, in.len, &r);
	is_int(rc, 1, "a whole request parses");
	is_int(r.id, 7, "with its request id");
	is_int(r.keep_conn, 1, "and FCGI_KEEP_CONN");
	is_int(r.used, in.len, "and says how many bytes it took");
	is_str(fastcgi_param(r.env, "SCRIPT_NAME"), "/_/status",
	    "params split across records are joined");
	is_int(strlen(fastcgi_param(r.env, "QUERY_STRING")), 299,
	    "a value with a 4-byte length");
	is_int(r.nenv, 3, "three params");
	fastcgi_request_free(&r);

	buf_putc(&in, 1);	/* the start of a next request */
	is_int(fastcgi_parse((unsigned char *)in.data, in.len, &r), 1,
	    "bytes after the request are left for the next one");
	is_int(r.used, in.len - 1, "and not counted");
	fastcgi_request_free(&r);

	in.data[0] = 2;
	is_int(fastcgi_parse((unsigned char *)in.data, in.len, &r), -1,
	    "another version is refused");
	in.data[0] = 1;
	in.data[9] = 2;		/* role: authorizer */
	is_int(fastcgi_parse((unsigned char *)in.data, in.len, &r), -1,
	    "a role other than responder is refused");
	buf_reset(&in);
	record(&in, 4, 1, "", 0);
	is_int(fastcgi_parse((unsigned char *)in.data, in.len, &r), -1,
	    "a request must begin with BEGIN_REQUEST");
	buf_reset(&in);
	{
		unsigned char begin[8] = { 0, 1, 0, 0, 0, 0, 0, 0 };
		unsigned char bad[2] = { 5, 9 };	/* value longer than the record */

		record(&in, 1, 1, begin, 8);
		record(&in, 4, 1, bad, 2);
		record(&in, 4, 1, "", 0);
		record(&in, 5, 1, "", 0);
		is_int(fastcgi_parse((unsigned char *)in.data, in.len, &r), -1,
		    "a pair longer than its record is refused");
	}
	{
		static const struct { const char *pair; size_t len; const char *what; } bad[] = {
			{ "\015\001SCRIPT_NAME=/x", 16, "a name holding '='" },
			{ "\003\001A\0B1", 6, "a name holding NUL" },
			{ "\001\003Ax\0y", 6, "a value holding NUL" },
			{ "\000\001x", 3, "an empty name" },
		};
		unsigned char begin[8] = { 0, 1, 0, 0, 0, 0, 0, 0 };
		char desc[96];

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			buf_reset(&in);
			record(&in, 1, 1, begin, 8);
			record(&in, 4, 1, bad[i].pair, bad[i].len);
			record(&in, 4, 1, "", 0);
			record(&in, 5, 1, "", 0);
			snprintf(desc, sizeof(desc), "%s is refused", bad[i].what);
			is_int(fastcgi_parse((unsigned char *)in.data, in.len,
			    &r), -1, desc);
		}
	}
	buf_reset(&in);
	{
		unsigned char begin[8] = { 0, 1, 0, 0, 0, 0, 0, 0 };
		char junk[4096];

		memset(junk, 'x', sizeof(junk));
		record(&in, 1, 1, begin, 8);
		for (i = 0; i < 20; i++)
			record(&in, 4, 1, junk, sizeof(junk));
		is_int(fastcgi_parse((unsigned char *)in.data, in.len, &r), -1,
		    "a request past FASTCGI_INPUT_MAX is refused");
	}

	buf_init(&out);
	{
		char *body = malloc(70000);

		memset(body, 'b', 70000);
		fastcgi_respond(3, body, 70000, &out);
		free(body);
	}
	{
		size_t off = 0, stdout_bytes = 0, nrec = 0;
		int last_type = 0, aligned = 1, ids = 1;

		while (off + 8 <= out.len) {
			unsigned char *h = (unsigned char *)out.data + off;
			size_t clen = (size_t)h[4] << 8 | h[5];

			if (h[1] == 6)
				stdout_bytes += clen;
			ids &= h[2] == 0 && h[3] == 3;
			aligned &= (clen + h[6]) % 8 == 0;
			last_type = h[1];
			off += 8 + clen + h[6];
			nrec++;
		}
		is_int(off, out.len, "the response is whole records");
		is_int(stdout_bytes, 70000, "STDOUT carries the whole body");
		ok(nrec >= 4, "split into records of at most 65535 bytes, "
		    "an empty STDOUT and END_REQUEST (%zu records)", nrec);
		is_int(last_type, 3, "END_REQUEST comes last");
		ok(ids, "every record has the request's id");
		ok(aligned, "content is padded to 8 bytes");
	}
	buf_free(&out);
	buf_free(&in);
	test_param();
	fastcgi_stream_init(&st, 1 << 20, 1 << 20, 4, 4);
	test_stream_padding();
	test_stream_caps();
	test_stream_records();
	return tap_done();
}
