/*
 * request: CGI variables, request paths and query strings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "request.h"

const char *
request_param(char *const *env, const char *name)
{
	size_t n = strlen(name);

	for (; env != NULL && *env != NULL; env++)
		if (strncmp(*env, name, n) == 0 && (*env)[n] == '=')
			return *env + n + 1;
	return NULL;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void
request_url_decode(const char *s, size_t n, int plus_is_space, struct buf *out)
{
	size_t i;
	int hi, lo;

	buf_reserve(out, n);
	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    (hi = hexval((unsigned char)s[i + 1])) >= 0 &&
		    (lo = hexval((unsigned char)s[i + 2])) >= 0 &&
		    (hi | lo) != 0) {
			buf_putc(out, (char)(hi << 4 | lo));
			i += 2;
		} else if (s[i] == '+' && plus_is_space)
			buf_putc(out, ' ');
		else
			buf_putc(out, s[i]);
	}
}

void
request_parse_query(const char *qs, request_pair_fn fn, void *arg)
{
	struct buf key, val;
	const char *p, *amp, *eq;
	size_t n;

	if (qs == NULL)
		return;
	buf_init(&key);
	buf_init(&val);
	for (p = qs; *p != '\0'; p = *amp ? amp + 1 : amp) {
		amp = p + strcspn(p, "&");
		n = (size_t)(amp - p);
		if (n == 0)
			continue;
		eq = memchr(p, '=', n);
		buf_reset(&key);
		buf_reset(&val);
		request_url_decode(p, eq ? (size_t)(eq - p) : n, 1, &key);
		if (eq != NULL)
			request_url_decode(eq + 1, (size_t)(amp - eq - 1), 1, &val);
		fn(buf_cstr(&key), key.len, buf_cstr(&val), val.len, arg);
	}
	buf_free(&key);
	buf_free(&val);
}

static char *
path_from_env(char *const *env)
{
	const char *script, *info, *uri, *q;
	struct buf b;

	buf_init(&b);
	script = request_param(env, "SCRIPT_NAME");
	info = request_param(env, "PATH_INFO");
	if (script != NULL && script[0] != '\0') {
		buf_puts(&b, script);
		if (info != NULL)
			buf_puts(&b, info);
	} else if ((uri = request_param(env, "DOCUMENT_URI")) != NULL) {
		buf_puts(&b, uri);
	} else if (info != NULL && info[0] != '\0') {
		buf_puts(&b, info);
	} else if ((uri = request_param(env, "REQUEST_URI")) != NULL) {
		q = strchr(uri, '?');
		request_url_decode(uri, q ? (size_t)(q - uri) : strlen(uri), 0, &b);
	} else
		buf_puts(&b, "/");
	return (char *)buf_cstr(&b);
}

int
request_set_path(struct request *req, const char *prefix)
{
	size_t n = strlen(prefix);
	char *full;

	full = path_from_env(req->env);
	if (n > 0 && (strncmp(full, prefix, n) != 0 ||
	    (full[n] != '/' && full[n] != '\0'))) {
		free(full);
		return -1;
	}
	if (full[n] == '\0') {
		full[0] = '/';
		full[1] = '\0';
	} else if (n > 0)
		memmove(full, full + n, strlen(full + n) + 1);
	req->path = full;
	return 0;
}

void
request_free(struct request *req)
{
	free(req->path);
	req->path = NULL;
}

static uint64_t id_seed[2];
static uint64_t id_counter;

/* splitmix64: a cheap, well-mixed step; ids need uniqueness, not secrecy. */
static uint64_t
mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

void
request_id_seed(void)
{
	if (getrandom(id_seed, sizeof(id_seed), 0) != sizeof(id_seed)) {
		id_seed[0] = (uint64_t)getpid() << 32 ^ (uint64_t)time(NULL);
		id_seed[1] = (uint64_t)clock();
	}
	id_counter = 0;
}

void
request_id_next(char out[REQUEST_ID_LEN + 1])
{
	uint64_t c = ++id_counter;

	snprintf(out, REQUEST_ID_LEN + 1, "%016llx%016llx",
	    (unsigned long long)mix64(id_seed[0] ^ c),
	    (unsigned long long)mix64(id_seed[1] + c));
}
