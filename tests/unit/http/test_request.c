/* Unit tests for request.c: CGI variables, paths, query strings, ids. */
#include <stdlib.h>
#include <string.h>

#include "http/request.h"
#include "tap.h"

static const char *
decode(const char *s, int plus)
{
	static struct buf b;

	buf_reset(&b);
	request_url_decode(s, strlen(s), plus, &b);
	return buf_cstr(&b);
}

struct pairs {
	struct buf b;
};

static void
collect_pair(const char *k, size_t kl, const char *v, size_t vl, void *arg)
{
	struct buf *b = arg;

	buf_append(b, k, kl);
	buf_putc(b, '=');
	buf_append(b, v, vl);
	buf_putc(b, ';');
}

static const char *
query(const char *qs)
{
	static struct buf b;

	buf_reset(&b);
	request_parse_query(qs, collect_pair, &b);
	return buf_cstr(&b);
}

static const char *
path_of(char **env, const char *prefix)
{
	static char out[512];
	struct request req;

	memset(&req, 0, sizeof(req));
	req.env = env;
	if (request_set_path(&req, prefix) == -1)
		return "(outside)";
	snprintf(out, sizeof(out), "%s", req.path);
	request_free(&req);
	return out;
}

static void
test_decode(void)
{
	is_str(decode("a%20b", 0), "a b", "decode: %20");
	is_str(decode("a+b", 1), "a b", "decode: + as space in queries");
	is_str(decode("a+b", 0), "a+b", "decode: + kept in paths");
	is_str(decode("%e2%82%ac", 0), "\xe2\x82\xac", "decode: UTF-8 bytes");
	is_str(decode("100%", 0), "100%", "decode: lone % kept");
	is_str(decode("%4", 0), "%4", "decode: short escape kept");
	is_str(decode("%zz", 0), "%zz", "decode: bad hex kept");
	is_str(decode("a%00b", 0), "a%00b", "decode: %00 kept literally");
	is_str(decode("%41%42", 0), "AB", "decode: adjacent escapes");
}

static void
test_query(void)
{
	is_str(query("a=1&b=2"), "a=1;b=2;", "query: two pairs");
	is_str(query("a=1&a=2"), "a=1;a=2;", "query: repeated key kept twice");
	is_str(query("a&b="), "a=;b=;", "query: keys without values");
	is_str(query("&&a=1&&"), "a=1;", "query: empty pairs skipped");
	is_str(query("q=x+y%21&n%61me=v"), "q=x y!;name=v;", "query: decoding");
	is_str(query("a=b=c"), "a=b=c;", "query: '=' inside a value");
	is_str(query(""), "", "query: empty string");
	is_str(query(NULL), "", "query: none");
}

static void
test_path(void)
{
	char *nginx_root[] = { "SCRIPT_NAME=/api/users", "REQUEST_URI=/api/users?x=1",
	    "DOCUMENT_URI=/api/users", NULL };
	char *split[] = { "SCRIPT_NAME=/fn", "PATH_INFO=/hello", NULL };
	char *docuri[] = { "DOCUMENT_URI=/x/y", NULL };
	char *requri[] = { "REQUEST_URI=/a%20b/c?q=1", NULL };
	char *prefixed[] = { "SCRIPT_NAME=/fn/hello", NULL };
	char *bare[] = { "SCRIPT_NAME=/fn", NULL };
	char *other[] = { "SCRIPT_NAME=/fnord/hello", NULL };
	char *none[] = { NULL };

	is_str(path_of(nginx_root, ""), "/api/users", "path: SCRIPT_NAME");
	is_str(path_of(split, ""), "/fn/hello", "path: SCRIPT_NAME + PATH_INFO");
	is_str(path_of(docuri, ""), "/x/y", "path: DOCUMENT_URI");
	is_str(path_of(requri, ""), "/a b/c", "path: REQUEST_URI decoded, query cut");
	is_str(path_of(none, ""), "/", "path: nothing given is /");
	is_str(path_of(prefixed, "/fn"), "/hello", "path: prefix stripped");
	is_str(path_of(bare, "/fn"), "/", "path: prefix alone is /");
	is_str(path_of(other, "/fn"), "(outside)", "path: /fnord is not under /fn");
	is_str(path_of(nginx_root, "/fn"), "(outside)", "path: outside the prefix");
}

static char got[1024];

static void
collect_got(const char *key, size_t keylen, const char *val, size_t vallen,
    void *arg)
{
	(void)keylen;
	(void)vallen;
	(void)arg;
	snprintf(got + strlen(got), sizeof(got) - strlen(got), "[%s=%s]", key, val);
}

static const char *
cookies(const char *s)
{
	got[0] = '\0';
	request_parse_cookies(s, collect_got, NULL);
	return got;
}

static void
test_cookies(void)
{
	is_str(cookies("a=1; b=2"), "[a=1][b=2]", "cookies: two");
	is_str(cookies(" a = 1 ;b=\"q v\";c=%41%20b+c"), "[a=1][b=q v][c=A b+c]",
	    "cookies: spaces, quotes, percent-decoding, + kept");
	is_str(cookies("noeq; =x; ;d="), "[d=]", "cookies: junk skipped");
	is_str(cookies(""), "", "cookies: empty");
}

static void
test_form(void)
{
	char body[] = "a=1&b=x\0y&&c";

	got[0] = '\0';
	is_int((long long)request_parse_form(body, sizeof(body) - 1, collect_got, NULL),
	    3, "form: three pairs, NUL inside a value");
	is_int((long long)request_count_pairs(body, sizeof(body) - 1), 3,
	    "form: counted without decoding");
	is_int((long long)request_count_pairs("", 0), 0, "form: empty");
}

static const char *
client_ip(const char *peer, const char *xff, const char *real,
    const char *trusted)
{
	static char ip[64], a[128], b[128], c[128];
	char *env[4] = { NULL, NULL, NULL, NULL };
	int n = 0;

	snprintf(a, sizeof(a), "REMOTE_ADDR=%s", peer);
	env[n++] = a;
	if (xff != NULL) {
		snprintf(b, sizeof(b), "HTTP_X_FORWARDED_FOR=%s", xff);
		env[n++] = b;
	}
	if (real != NULL) {
		snprintf(c, sizeof(c), "HTTP_X_REAL_IP=%s", real);
		env[n++] = c;
	}
	request_client_ip(env, trusted, ip, sizeof(ip));
	return ip;
}

static void
test_client_ip(void)
{
	is_str(client_ip("192.0.2.1", "203.0.113.9", NULL, NULL), "192.0.2.1",
	    "ip: no trusted proxies, XFF ignored");
	is_str(client_ip("10.0.0.5", "203.0.113.9, 10.0.0.7", NULL, "10.0.0.0/8"),
	    "203.0.113.9", "ip: rightmost untrusted XFF entry");
	is_str(client_ip("10.0.0.5", "1.1.1.1, 203.0.113.9", NULL, "10.0.0.0/8"),
	    "203.0.113.9", "ip: a client cannot prepend an address");
	is_str(client_ip("10.0.0.5", "junk, 10.0.0.7", NULL, "10.0.0.0/8"),
	    "10.0.0.7", "ip: a malformed entry stops the walk");
	is_str(client_ip("unix:", NULL, "2001:db8::1", "unix:"), "2001:db8::1",
	    "ip: X-Real-IP from a unix-socket proxy");
	is_str(client_ip("192.0.2.1", NULL, "203.0.113.9", "10.0.0.0/8"),
	    "192.0.2.1", "ip: X-Real-IP from an untrusted peer ignored");
}

/* request_index: one pass finds what fastcgi_param would, first wins. */
static void
test_index(void)
{
	char *env[] = { "HTTP_HOST=h", "REQUEST_METHOD=POST",
	    "SCRIPT_NAME=/a", "HTTP_X_REQUEST_ID=abc", "REQUEST_URI=/a?x=1",
	    "REQUEST_METHOD=GET", "QUERY_STRING=x=1", "HTTP_", "DOCUMENT_URI=/d",
	    "PATH_INFOX=1", NULL };
	struct request req;

	memset(&req, 0, sizeof(req));
	req.env = env;
	request_index(&req);
	is_str(req.method, "POST", "index: the first REQUEST_METHOD");
	is_str(req.uri, "/a?x=1", "index: REQUEST_URI");
	is_str(req.query_string, "x=1", "index: QUERY_STRING");
	is_str(req.x_request_id, "abc", "index: X-Request-Id");
	is_str(req.script_name, "/a", "index: SCRIPT_NAME");
	is_str(req.document_uri, "/d", "index: DOCUMENT_URI");
	ok(req.path_info == NULL, "index: PATH_INFOX is not PATH_INFO");
	is_int((long long)req.nheaders, (long long)request_count_headers(env),
	    "index: counts headers as request_count_headers does");
	ok(request_set_path(&req, "") == 0 && strcmp(req.path, "/a") == 0,
	    "index: the path from the indexed variables");
	request_free(&req);
}

/* buf.c's helpers for the copies and numbers of every request. */
static void
test_buf(void)
{
	struct buf b;
	char small[6];

	str_copy(small, sizeof(small), "hello world", STR_ALL);
	is_str(small, "hello", "str_copy: cut to fit");
	str_copy(small, sizeof(small), "/a?b=1", strcspn("/a?b=1", "?"));
	is_str(small, "/a", "str_copy: at most n bytes");
	str_copy(small, sizeof(small), "", STR_ALL);
	is_str(small, "", "str_copy: empty");
	buf_init(&b);
	buf_putu(&b, 0);
	buf_putc(&b, ' ');
	buf_putu(&b, 18446744073709551615ULL);
	is_str(buf_cstr(&b), "0 18446744073709551615", "buf_putu");
	buf_reset(&b);
	buf_printf(&b, "%s-%d", "x", 42);
	buf_printf(&b, "%0300d", 7);
	ok(b.len == 304 && strncmp(b.data, "x-42000", 7) == 0 &&
	    b.data[303] == '7', "buf_printf: grows when the result is longer");
	buf_free(&b);
}

int
main(void)
{
	test_buf();
	test_index();
	test_cookies();
	test_form();
	test_client_ip();
	test_decode();
	test_query();
	test_path();
	return tap_done();
}
