/*
 * ctx: builds a handler's ctx in a MuJS state.  Every byte string from
 * the request enters JavaScript through utf8.c: text fields as valid
 * UTF-8 (bad bytes become U+FFFD), rawBody and file contents as binary
 * strings, one character per byte.  Scratch buffers are static and
 * reused so that an exception thrown by MuJS halfway leaks nothing.
 */
#include <stdio.h>
#include <string.h>

#include "body.h"
#include "ctx.h"
#include "json.h"
#include "utf8.h"

static struct buf scratch, scratch2, media;

void
ctx_cleanup(void)
{
	buf_free(&scratch);
	buf_free(&scratch2);
	buf_free(&media);
}

void
ctx_function_name(const char *name, char *out, size_t outsize)
{
	size_t n = strlen(name);

	if (n > 3 && strcmp(name + n - 3, ".js") == 0)
		n -= 3;
	snprintf(out, outsize, "%.*s", (int)n, name);
}

static void
push_text(js_State *J, const char *s, size_t n)
{
	buf_reset(&scratch2);
	utf8_text(s, n, &scratch2);
	js_pushlstring(J, scratch2.data, (int)scratch2.len);
}

static void
push_binary(js_State *J, const char *s, size_t n)
{
	buf_reset(&scratch2);
	utf8_binary(s, n, &scratch2);
	js_pushlstring(J, scratch2.data, (int)scratch2.len);
}

/* obj[key] = value on top; a repeated key turns the slot into an array. */
static void
set_or_append(js_State *J, int obj, const char *key)
{
	int n;

	if (!js_hasproperty(J, obj, key)) {
		js_setproperty(J, obj, key);
		return;
	}
	/* stack: value, existing */
	if (!js_isarray(J, -1)) {
		js_newarray(J);
		js_rot2(J);
		js_setindex(J, -2, 0);
	}
	n = js_getlength(J, -1);
	js_rot2(J);
	js_setindex(J, -2, n);
	js_setproperty(J, obj, key);
}

/* A query or form pair into the object on top. */
static void
pair_cb(const char *key, size_t keylen, const char *val, size_t vallen,
    void *arg)
{
	js_State *J = arg;
	int obj = js_gettop(J) - 1;

	buf_reset(&scratch);
	utf8_text(key, keylen, &scratch);
	push_text(J, val, vallen);
	set_or_append(J, obj, buf_cstr(&scratch));
}

/* Cookies: the first occurrence of a name wins, as in browsers' order. */
static void
cookie_cb(const char *key, size_t keylen, const char *val, size_t vallen,
    void *arg)
{
	js_State *J = arg;

	buf_reset(&scratch);
	utf8_text(key, keylen, &scratch);
	if (js_hasproperty(J, -1, buf_cstr(&scratch))) {
		js_pop(J, 1);
		return;
	}
	push_text(J, val, vallen);
	js_setproperty(J, -2, buf_cstr(&scratch));
}

static void
push_null_object(js_State *J)
{
	js_pushnull(J);		/* no prototype: keys like "constructor" are data */
	js_newobjectx(J);
}

/* "HTTP_X_FORWARDED_FOR=v" -> headers["x-forwarded-for"] = "v" */
static void
push_headers(js_State *J, char *const *env)
{
	char name[256];
	const char *v, *eq;
	size_t i, n;

	push_null_object(J);
	for (; env != NULL && *env != NULL; env++) {
		v = *env;
		if (strncmp(v, "HTTP_", 5) == 0)
			v += 5;
		else if (strncmp(v, "CONTENT_TYPE=", 13) != 0 &&
		    strncmp(v, "CONTENT_LENGTH=", 15) != 0)
			continue;
		if ((eq = strchr(v, '=')) == NULL ||
		    (n = (size_t)(eq - v)) == 0 || n >= sizeof(name))
			continue;
		for (i = 0; i < n; i++)
			name[i] = v[i] == '_' ? '-' :
			    (char)((v[i] >= 'A' && v[i] <= 'Z') ? v[i] + 32 : v[i]);
		name[n] = '\0';
		push_text(J, eq + 1, strlen(eq + 1));
		js_setproperty(J, -2, name);
	}
}

static void
push_env(js_State *J, const struct pool_config *pool)
{
	size_t i;

	js_newobject(J);
	for (i = 0; i < pool->nenv; i++) {
		js_pushstring(J, pool->env[i].value);
		js_setproperty(J, -2, pool->env[i].name);
	}
}

static void
push_params(js_State *J, const struct route *route)
{
	int i;

	push_null_object(J);
	for (i = 0; i < route->nparams; i++) {
		push_text(J, route->params[i].value, strlen(route->params[i].value));
		js_setproperty(J, -2, route->params[i].name);
	}
}

/* Stack: ctx, body, files.  One multipart part into body or files. */
static void
part_cb(const struct body_part *part, void *arg)
{
	js_State *J = arg;
	int files = js_gettop(J) - 1, body = files - 1;
	struct buf key;

	buf_init(&key);		/* scratch is used by push_text below */
	utf8_text(part->name, strlen(part->name), &key);
	if (part->filename == NULL) {
		push_text(J, part->data, part->len);
		set_or_append(J, body, buf_cstr(&key));
		buf_free(&key);
		return;
	}
	js_newobject(J);
	push_text(J, part->name, strlen(part->name));
	js_setproperty(J, -2, "name");
	push_text(J, part->filename, strlen(part->filename));
	js_setproperty(J, -2, "filename");
	if (part->type != NULL)
		push_text(J, part->type, strlen(part->type));
	else
		js_pushliteral(J, "application/octet-stream");
	js_setproperty(J, -2, "type");
	js_pushnumber(J, (double)part->len);
	js_setproperty(J, -2, "size");
	push_binary(J, part->data, part->len);
	js_setproperty(J, -2, "content");
	set_or_append(J, files, buf_cstr(&key));
	buf_free(&key);
}

static int
is_json(const char *mt)
{
	size_t n = strlen(mt);

	return strcmp(mt, "application/json") == 0 ||
	    (n > 5 && strcmp(mt + n - 5, "+json") == 0);
}

/* Sets ctx.body and ctx.files (ctx on top); returns 0 or an HTTP status. */
static int
set_body(js_State *J, const struct pool_config *pool,
    const struct request *req, char *err, size_t errsize)
{
	const char *b = req->body ? req->body : "";
	size_t n = req->body_len;
	struct buf boundary;
	int rc = 0;

	body_media_type(request_param(req->env, "CONTENT_TYPE"), &media);
	push_null_object(J);		/* files */
	if (is_json(buf_cstr(&media))) {
		if (n == 0)
			js_pushundefined(J);
		else if (json_push(J, b, n, (size_t)pool->max_json_keys, err,
		    errsize) == -1) {
			js_pop(J, 1);
			return 400;
		}
	} else if (strcmp(media.data, "application/x-www-form-urlencoded") == 0) {
		if (request_count_pairs(b, n) > (size_t)pool->max_query_params) {
			snprintf(err, errsize, "more than %ld form fields",
			    pool->max_query_params);
			js_pop(J, 1);
			return 400;
		}
		push_null_object(J);
		request_parse_form(b, n, pair_cb, J);
	} else if (strcmp(media.data, "multipart/form-data") == 0) {
		push_null_object(J);
		js_rot2(J);			/* body, files */
		buf_init(&boundary);
		if (n > 0 && body_param(request_param(req->env, "CONTENT_TYPE"),
		    "boundary", &boundary) == -1) {
			snprintf(err, errsize, "multipart/form-data without a "
			    "boundary parameter");
			rc = 400;
		} else if (n > 0 && body_parse_multipart(b, n, buf_cstr(&boundary),
		    (size_t)pool->max_multipart_parts, part_cb, J, err,
		    errsize) == -1)
			rc = 400;
		buf_free(&boundary);
		if (rc != 0) {
			js_pop(J, 2);
			return rc;
		}
		js_rot2(J);			/* files, body */
	} else if (strncmp(media.data, "text/", 5) == 0)
		push_text(J, b, n);
	else
		push_binary(J, b, n);
	js_setproperty(J, -3, "body");
	js_setproperty(J, -2, "files");
	push_binary(J, b, n);
	js_setproperty(J, -2, "rawBody");
	return 0;
}

static void
push_response(js_State *J)
{
	js_newobject(J);
	js_newobject(J);
	js_setproperty(J, -2, "headers");
	js_setproperty(J, -2, "response");
}

/* ctx.redirect(location[, status]): sets status and Location. */
static void
ctx_redirect(js_State *J)
{
	int status = js_isdefined(J, 2) ? js_tointeger(J, 2) : 302;

	if (status < 300 || status > 399)
		js_rangeerror(J, "redirect status %d is not a 3xx code", status);
	js_getproperty(J, 0, "response");
	js_pushnumber(J, status);
	js_setproperty(J, -2, "status");
	js_getproperty(J, -1, "headers");
	js_copy(J, 1);
	js_setproperty(J, -2, "location");
	js_pushundefined(J);
}

int
ctx_push(js_State *J, const struct pool_config *pool,
    const struct request *req, const struct route *route, char *err,
    size_t errsize)
{
	char name[sizeof(route->name)], ip[256];
	int rc;

	js_newobject(J);
	js_pushstring(J, req->method);
	js_setproperty(J, -2, "method");
	push_text(J, req->path, strlen(req->path));
	js_setproperty(J, -2, "path");
	push_text(J, req->uri, strlen(req->uri));
	js_setproperty(J, -2, "url");
	push_null_object(J);
	request_parse_query(req->query_string, pair_cb, J);
	js_setproperty(J, -2, "query");
	push_headers(J, req->env);
	js_setproperty(J, -2, "headers");
	push_null_object(J);
	request_parse_cookies(request_param(req->env, "HTTP_COOKIE"), cookie_cb, J);
	js_setproperty(J, -2, "cookies");
	request_client_ip(req->env, pool->trusted_proxies, ip, sizeof(ip));
	push_text(J, ip, strlen(ip));
	js_setproperty(J, -2, "ip");
	js_pushstring(J, req->id);
	js_setproperty(J, -2, "requestId");
	push_env(J, pool);
	js_setproperty(J, -2, "env");
	ctx_function_name(route->name, name, sizeof(name));
	js_pushstring(J, name);
	js_setproperty(J, -2, "functionName");
	push_params(J, route);
	js_setproperty(J, -2, "params");
	push_response(J);
	js_newcfunction(J, ctx_redirect, "redirect", 2);
	js_setproperty(J, -2, "redirect");
	if ((rc = set_body(J, pool, req, err, errsize)) != 0) {
		js_pop(J, 1);
		return rc;
	}
	return 0;
}
