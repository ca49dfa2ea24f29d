/*
 * request: CGI variables, request paths, query strings, cookies and the
 * client address.
 */
#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fastcgi.h"
#include "core/log.h"
#include "core/proxies.h"
#include "http/request.h"
#include "core/utf8.h"

const char *
request_param(char *const *env, const char *name)
{
	return fastcgi_param(env, name);
}

void
request_url_decode(const char *s, size_t n, int plus_is_space, struct buf *out)
{
	size_t i;
	int hi, lo;

	buf_reserve(out, n);
	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    (hi = hex_digit((unsigned char)s[i + 1])) >= 0 &&
		    (lo = hex_digit((unsigned char)s[i + 2])) >= 0 &&
		    (hi | lo) != 0) {
			buf_putc(out, (char)(hi << 4 | lo));
			i += 2;
		} else if (s[i] == '+' && plus_is_space)
			buf_putc(out, ' ');
		else
			buf_putc(out, s[i]);
	}
}

size_t
request_parse_form(const char *s, size_t len, request_pair_fn fn, void *arg)
{
	struct buf key, val;
	const char *p, *end = s + len, *amp, *eq;
	size_t n, count = 0;

	buf_init(&key);
	buf_init(&val);
	for (p = s; p < end; p = amp + 1) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if ((n = (size_t)(amp - p)) == 0)
			continue;
		eq = memchr(p, '=', n);
		buf_reset(&key);
		buf_reset(&val);
		request_url_decode(p, eq ? (size_t)(eq - p) : n, 1, &key);
		if (eq != NULL)
			request_url_decode(eq + 1, (size_t)(amp - eq - 1), 1, &val);
		if (fn != NULL)
			fn(buf_cstr(&key), key.len, buf_cstr(&val), val.len, arg);
		count++;
	}
	buf_free(&key);
	buf_free(&val);
	return count;
}

void
request_parse_query(const char *qs, request_pair_fn fn, void *arg)
{
	if (qs != NULL)
		request_parse_form(qs, strlen(qs), fn, arg);
}

size_t
request_count_pairs(const char *s, size_t len)
{
	const char *p, *end = s + len, *amp;
	size_t count = 0;

	for (p = s; p < end; p = amp + 1) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp > p)
			count++;
	}
	return count;
}

void
request_parse_cookies(const char *s, request_pair_fn fn, void *arg)
{
	struct buf val;
	const char *p, *semi, *eq, *name, *v, *ve;
	size_t n;

	if (s == NULL)
		return;
	buf_init(&val);
	for (p = s; *p != '\0'; p = *semi ? semi + 1 : semi) {
		semi = p + strcspn(p, ";");
		while (p < semi && (*p == ' ' || *p == '\t'))
			p++;
		if ((eq = memchr(p, '=', (size_t)(semi - p))) == NULL)
			continue;
		name = p;
		n = (size_t)(eq - p);
		while (n > 0 && (name[n - 1] == ' ' || name[n - 1] == '\t'))
			n--;
		if (n == 0)
			continue;
		v = eq + 1;
		ve = semi;
		while (v < ve && (*v == ' ' || *v == '\t'))
			v++;
		while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
			ve--;
		if (ve - v >= 2 && *v == '"' && ve[-1] == '"') {
			v++;
			ve--;
		}
		buf_reset(&val);
		request_url_decode(v, (size_t)(ve - v), 0, &val);
		{
			char key[256];

			if (n >= sizeof(key))
				continue;	/* no real cookie name is this long */
			memcpy(key, name, n);
			key[n] = '\0';
			fn(key, n, buf_cstr(&val), val.len, arg);
		}
	}
	buf_free(&val);
}

size_t
request_count_headers(char *const *env)
{
	size_t n = 0;

	for (; env != NULL && *env != NULL; env++)
		if (strncmp(*env, "HTTP_", 5) == 0)
			n++;
	return n;
}

static int
ip_ok(const char *s, size_t n, char *out, size_t outsize)
{
	unsigned char bin[16];
	char text[INET6_ADDRSTRLEN + 1];

	if (n == 0 || n >= sizeof(text))
		return 0;
	memcpy(text, s, n);
	text[n] = '\0';
	if (inet_pton(AF_INET, text, bin) != 1 &&
	    inet_pton(AF_INET6, text, bin) != 1)
		return 0;
	snprintf(out, outsize, "%s", text);
	return 1;
}

void
request_client_ip(char *const *env, const char *trusted, char *out,
    size_t outsize)
{
	const char *peer = request_param(env, "REMOTE_ADDR");
	const char *xff, *end, *start;
	char cand[INET6_ADDRSTRLEN + 1];

	snprintf(out, outsize, "%s", peer != NULL ? peer : "");
	if (!proxies_trusted(trusted, peer))
		return;
	if ((xff = request_param(env, "HTTP_X_FORWARDED_FOR")) != NULL) {
		/* right to left: the nearest hops are our own proxies */
		end = xff + strlen(xff);
		while (end > xff) {
			start = end;
			while (start > xff && start[-1] != ',')
				start--;
			{
				const char *a = start, *b = end;

				while (a < b && (*a == ' ' || *a == '\t'))
					a++;
				while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
					b--;
				if (!ip_ok(a, (size_t)(b - a), cand, sizeof(cand)))
					return;
			}
			snprintf(out, outsize, "%s", cand);
			if (!proxies_trusted(trusted, cand))
				return;
			end = start > xff ? start - 1 : xff;
		}
		return;
	}
	if ((xff = request_param(env, "HTTP_X_REAL_IP")) != NULL &&
	    ip_ok(xff, strlen(xff), cand, sizeof(cand)))
		snprintf(out, outsize, "%s", cand);
}

/* The first "name=value" wins, as with request_param. */
static void
env_take(const char *s, const char *name, const char **value)
{
	size_t n = strlen(name);

	if (*value == NULL && strncmp(s, name, n) == 0 && s[n] == '=')
		*value = s + n + 1;
}

void
request_index(struct request *req)
{
	char *const *e;
	const char *s;

	for (e = req->env; e != NULL && *e != NULL; e++) {
		s = *e;
		switch (s[0]) {
		case 'H':
			if (strncmp(s, "HTTP_", 5) != 0)
				break;
			req->nheaders++;
			env_take(s, "HTTP_X_REQUEST_ID", &req->x_request_id);
			break;
		case 'R':
			env_take(s, "REQUEST_METHOD", &req->method);
			env_take(s, "REQUEST_URI", &req->uri);
			break;
		case 'Q':
			env_take(s, "QUERY_STRING", &req->query_string);
			break;
		case 'S':
			env_take(s, "SCRIPT_NAME", &req->script_name);
			break;
		case 'P':
			env_take(s, "PATH_INFO", &req->path_info);
			break;
		case 'D':
			env_take(s, "DOCUMENT_URI", &req->document_uri);
			break;
		case 'F':
			env_take(s, "FNPOOL_SCHEDULE_KEY", &req->schedule_key);
			env_take(s, "FNPOOL_SCHEDULE", &req->schedule_name);
			env_take(s, "FNPOOL_SCHEDULE_AT", &req->schedule_at);
			break;
		}
	}
	req->indexed = 1;
}

static char *
path_from_env(const struct request *req)
{
	char *const *env = req->env;
	const char *script, *info, *uri, *q;
	struct buf b;

	buf_init(&b);
	script = req->indexed ? req->script_name :
	    request_param(env, "SCRIPT_NAME");
	info = req->indexed ? req->path_info : request_param(env, "PATH_INFO");
	uri = req->indexed ? req->document_uri :
	    request_param(env, "DOCUMENT_URI");
	if (script != NULL && script[0] != '\0') {
		buf_puts(&b, script);
		if (info != NULL)
			buf_puts(&b, info);
	} else if (uri != NULL) {
		buf_puts(&b, uri);
	} else if (info != NULL && info[0] != '\0') {
		buf_puts(&b, info);
	} else if ((uri = request_param(env, "REQUEST_URI")) != NULL) {
		q = strchr(uri, '?');
		request_url_decode(uri, q ? (size_t)(q - uri) : strlen(uri), 0, &b);
	} else
		buf_puts(&b, "/");
	if (b.len == 0 || b.data[0] != '/') {	/* "*", "x": still a path */
		buf_putc(&b, '/');
		memmove(b.data + 1, b.data, b.len - 1);
		b.data[0] = '/';
	}
	return (char *)buf_cstr(&b);
}

int
request_set_path(struct request *req, const char *prefix)
{
	size_t n = strlen(prefix);
	char *full;

	full = path_from_env(req);
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
