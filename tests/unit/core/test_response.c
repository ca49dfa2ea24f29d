/* Unit tests for response.c: JSON escaping, error bodies, serialisation. */
#include <string.h>

#include "core/response.h"
#include "tap.h"

static const char *
esc(const char *s, size_t n)
{
	static struct buf b;

	buf_reset(&b);
	json_escape(&b, s, n);
	return buf_cstr(&b);
}

int
main(void)
{
	struct response res;
	struct buf out;

	is_str(esc("plain", 5), "\"plain\"", "json: plain");
	is_str(esc("a\"b\\c", 5), "\"a\\\"b\\\\c\"", "json: quote, backslash");
	is_str(esc("\n\r\t\x01", 4), "\"\\n\\r\\t\\u0001\"", "json: controls");
	is_str(esc("a\0b", 3), "\"a\\u0000b\"", "json: NUL escaped, not cut");
	is_str(esc("\xc3\xa9", 2), "\"\xc3\xa9\"", "json: UTF-8 passes");

	response_init(&res);
	buf_init(&out);
	response_error(&res, 404, "Not \"Found\"", "abc");
	is_int(res.status, 404, "error: status");
	is_str(res.body.data, "{\"error\":\"Not \\\"Found\\\"\",\"requestId\":\"abc\"}\n",
	    "error: JSON body");
	response_serialize(&res, "abc", 0, &out);
	ok(strncmp(out.data, "Status: 404 Not Found\r\n", 23) == 0, "serialize: status line");
	ok(strstr(out.data, "Content-Type: application/json\r\n") != NULL,
	    "serialize: content type");
	ok(strstr(out.data, "X-Request-Id: abc\r\n\r\n{") != NULL,
	    "serialize: request id, then body");
	ok(strstr(out.data, "Content-Length: 44\r\n") != NULL, "serialize: length");

	buf_reset(&out);
	response_serialize(&res, "abc", 1, &out);
	ok(out.len > 4 && strcmp(out.data + out.len - 4, "\r\n\r\n") == 0,
	    "serialize: HEAD sends headers only");

	buf_reset(&out);
	buf_reset(&res.body);
	res.status = 204;
	response_serialize(&res, "x", 0, &out);
	is_str(out.data, "Status: 204 No Content\r\nX-Request-Id: x\r\n\r\n",
	    "serialize: 204 has no body or length");
	is_str(response_reason(599), "Unknown", "reason: unknown status");
	response_free(&res);
	buf_free(&out);
	return tap_done();
}
