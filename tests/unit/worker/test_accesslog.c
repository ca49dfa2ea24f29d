/* Unit tests for accesslog.c: access.format and the lines it makes. */
#include <string.h>

#include "worker/accesslog.h"
#include "tap.h"

static const char *
render(const char *fmt, const struct accesslog_entry *e)
{
	static struct buf out;
	static char err[128];
	struct accesslog_format *f;

	if ((f = accesslog_parse(fmt, err, sizeof(err))) == NULL)
		return err;
	buf_reset(&out);
	accesslog_render(f, e, &out);
	accesslog_format_free(f);
	return buf_cstr(&out);
}

static const char *
error_of(const char *fmt)
{
	static char err[128];
	struct accesslog_format *f;

	err[0] = '\0';
	f = accesslog_parse(fmt, err, sizeof(err));
	accesslog_format_free(f);
	return f == NULL ? err : NULL;
}

int
main(void)
{
	char *env[] = {
		"REMOTE_ADDR=10.0.0.1", "SERVER_PROTOCOL=HTTP/1.1",
		"HTTP_USER_AGENT=curl \"quoted\"\\\x01\xc3\xa9",
		"HTTP_X_FORWARDED_FOR=203.0.113.9", "HTTP_ACCEPT=*/*", NULL,
	};
	struct request req = { .env = env, .method = "GET",
	    .uri = "/hello?x=1", .id = "abc" };
	struct accesslog_entry e = { .req = &req, .status = 200, .bytes = 12,
	    .duration_us = 12345, .function = "hello.js", .memory = 4096,
	    .pool = "www", .pid = 42, .trusted_proxies = "10.0.0.0/8" };

	is_str(render("%{method} %{uri} %{status} %{bytes}", &e),
	    "GET /hello?x=1 200 12\n", "fields and literal text");
	is_str(render("%{duration_ms}ms %{memory} %{function} %{pool} %{pid} "
	    "%{request_id}", &e), "12.345ms 4096 hello.js www 42 abc\n",
	    "duration in ms with microseconds, memory, function, pool, pid, id");
	is_str(render("%{user_agent}", &e),
	    "curl \\x22quoted\\x22\\x5C\\x01\\xC3\\xA9\n",
	    "client text is escaped: quotes, backslash, control, non-ASCII");
	is_str(render("%{referer} %{remote_user}", &e), "- -\n",
	    "absent values are -");
	is_str(render("%{remote_addr} %{client_ip}", &e),
	    "10.0.0.1 203.0.113.9\n", "client_ip follows trusted_proxies");
	is_str(render("%{param:HTTP_ACCEPT} %{param:NOPE}", &e), "*/* -\n",
	    "any FastCGI parameter");
	is_str(render("100%% %{status}", &e), "100% 200\n", "%% is a percent");
	ok(strlen(render("[%{time}]", &e)) == 29,
	    "time like nginx's $time_local");
	ok(strlen(render("%{time_iso8601}", &e)) == 26 &&
	    render("%{time_iso8601}", &e)[22] == ':', "ISO 8601 time");
	ok(strlen(render("%{msec}", &e)) == 15, "epoch seconds with ms");
	e.function = "";
	is_str(render("%{function}", &e), "-\n", "no function: -");

	ok(error_of(ACCESSLOG_DEFAULT_FORMAT) == NULL,
	    "the default format parses");
	is_str(error_of("%{nope}"), "unknown field %{nope}", "an unknown field");
	is_str(error_of("%{status"), "unclosed '%{'", "an unclosed field");
	is_str(error_of("50% off"),
	    "'%' must start %{field} or be doubled (%%)", "a lone %");
	is_str(error_of("%{param:x-y}"),
	    "bad parameter name in %{param:x-y}: use A-Z, 0-9 and _",
	    "a bad parameter name");
	is_str(error_of("%{param:}"), "unknown field %{param:}",
	    "an empty parameter name");
	ok(error_of("") == NULL, "an empty format is allowed");
	return tap_done();
}
