/* Unit tests for accesslog.c: the lines a compiled access.format makes. */
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
	is_str(render("%{host} %{protocol}", &e), "- HTTP/1.1\n",
	    "fields that show a parameter");
	return tap_done();
}
