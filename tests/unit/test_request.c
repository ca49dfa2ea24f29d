/* Unit tests for request.c: CGI variables, paths, query strings, ids. */
#include <stdlib.h>
#include <string.h>

#include "request.h"
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
collect(const char *k, size_t kl, const char *v, size_t vl, void *arg)
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
	request_parse_query(qs, collect, &b);
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

static void
test_ids(void)
{
	char a[REQUEST_ID_LEN + 1], b[REQUEST_ID_LEN + 1];
	size_t i;
	int hex = 1;

	request_id_seed();
	request_id_next(a);
	request_id_next(b);
	is_int((long long)strlen(a), REQUEST_ID_LEN, "id: 32 characters");
	for (i = 0; a[i] != '\0'; i++)
		hex &= strchr("0123456789abcdef", a[i]) != NULL;
	ok(hex, "id: lower-case hex");
	ok(strcmp(a, b) != 0, "id: two ids differ");
}

static void
test_param(void)
{
	char *env[] = { "A=1", "AB=2", "B=", NULL };

	is_str(request_param(env, "AB"), "2", "param: exact name");
	is_str(request_param(env, "A"), "1", "param: no prefix match");
	is_str(request_param(env, "B"), "", "param: empty value");
	ok(request_param(env, "C") == NULL, "param: missing");
}

int
main(void)
{
	test_decode();
	test_query();
	test_path();
	test_ids();
	test_param();
	return tap_done();
}
