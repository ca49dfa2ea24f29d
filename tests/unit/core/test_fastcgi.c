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
	return tap_done();
}
