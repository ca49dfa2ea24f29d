/*
 * ctx: builds a handler's ctx in a MuJS state.  Every byte string from
 * the request enters JavaScript through utf8.c: text fields as valid
 * UTF-8 (bad bytes become U+FFFD), rawBody and file contents as binary
 * strings, one character per byte.
 *
 * Most handlers read two or three of ctx's fields, so fields are built
 * when first read: ctx inherits, from a prototype made once per state,
 * a getter for each field that builds the value from the request of the
 * call (call.h) and stores it on ctx as an ordinary property, and a
 * setter for assignments.  Only method is set up front, and the body
 * when there is one, since a malformed body is a 400 before the handler
 * runs.  ctx is a userdata holding its request's serial number: once
 * the call is over, an old ctx that a function kept reads fields it
 * never read as undefined, never another request's.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "http/body.h"
#include "js/body_json.h"
#include "js/call.h"
#include "js/ctx.h"
#include "core/utf8.h"

#define CTX_TAG		"fnpool.ctx"
#define CTX_PROTO	"fnpool.ctx.prototype"	/* registry key */

enum field {
	F_PATH, F_URL, F_QUERY, F_HEADERS, F_COOKIES, F_IP, F_REQUEST_ID,
	F_ENV, F_FUNCTION_NAME, F_PARAMS, F_RESPONSE, F_BODY, F_FILES,
	F_RAW_BODY, F_SCHEDULE, NFIELDS
};

static const char *const field_names[NFIELDS] = {
	"path", "url", "query", "headers", "cookies", "ip", "requestId",
	"env", "functionName", "params", "response", "body", "files",
	"rawBody", "schedule",
};

/*
 * Scratch buffers, not request state: static and reused so that an
 * exception thrown by MuJS halfway leaks nothing.
 */
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
	if (outsize == 0)
		return;
	if (n >= outsize)
		n = outsize - 1;
	memcpy(out, name, n);
	out[n] = '\0';
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

/*
 * Sets ctx.body (ctx on top) of a request with a body, and ctx.files of
 * a multipart one; returns 0 or an HTTP status.  rawBody, and files of
 * other bodies, are left to their getters: they cannot fail.
 */
static int
set_body(js_State *J, const struct pool_config *pool,
    const struct request *req, char *err, size_t errsize)
{
	const char *b = req->body;
	size_t n = req->body_len;
	struct buf boundary;
	int rc = 0;

	body_media_type(request_param(req->env, "CONTENT_TYPE"), &media);
	if (is_json(buf_cstr(&media))) {
		if (body_json_push(J, b, n, (size_t)pool->max_json_keys, err,
		    errsize) == -1)
			return 400;
	} else if (strcmp(media.data, "application/x-www-form-urlencoded") == 0) {
		if (request_count_pairs(b, n) > (size_t)pool->max_query_params) {
			snprintf(err, errsize, "more than %ld form fields",
			    pool->max_query_params);
			return 400;
		}
		push_null_object(J);
		request_parse_form(b, n, pair_cb, J);
	} else if (strcmp(media.data, "multipart/form-data") == 0) {
		push_null_object(J);		/* body */
		push_null_object(J);		/* files, on top for part_cb */
		buf_init(&boundary);
		if (body_param(request_param(req->env, "CONTENT_TYPE"),
		    "boundary", &boundary) == -1) {
			snprintf(err, errsize, "multipart/form-data without a "
			    "boundary parameter");
			rc = 400;
		} else if (body_parse_multipart(b, n, buf_cstr(&boundary),
		    (size_t)pool->max_multipart_parts, part_cb, J, err,
		    errsize) == -1)
			rc = 400;
		buf_free(&boundary);
		if (rc != 0) {
			js_pop(J, 2);
			return rc;
		}
		js_setproperty(J, -3, "files");
	} else if (strncmp(media.data, "text/", 5) == 0)
		push_text(J, b, n);
	else
		push_binary(J, b, n);
	js_setproperty(J, -2, "body");
	return 0;
}

/* ctx.body of a request without one: what set_body gives an empty body. */
static void
push_empty_body(js_State *J, const struct request *req)
{
	body_media_type(request_param(req->env, "CONTENT_TYPE"), &media);
	if (is_json(buf_cstr(&media)))
		js_pushundefined(J);
	else if (strcmp(media.data, "application/x-www-form-urlencoded") == 0 ||
	    strcmp(media.data, "multipart/form-data") == 0)
		push_null_object(J);
	else
		js_pushliteral(J, "");
}

static void
push_response(js_State *J)
{
	js_newobject(J);
	js_newobject(J);
	js_setproperty(J, -2, "headers");
}

/* {name, scheduled} of a scheduled run, or undefined. */
static void
push_schedule(js_State *J, const struct request *req)
{
	if (!req->scheduled) {
		js_pushundefined(J);
		return;
	}
	js_newobject(J);
	js_pushstring(J, req->schedule_name);
	js_setproperty(J, -2, "name");
	js_pushstring(J, req->schedule_at);
	js_setproperty(J, -2, "scheduled");
}

/* Pushes the value of a field of the call's request. */
static void
field_push(js_State *J, struct call *c, enum field f)
{
	const struct request *req = c->req;
	char buf[ROUTER_NAME_MAX + 16];

	switch (f) {
	case F_PATH:
		push_text(J, req->path, strlen(req->path));
		break;
	case F_URL:
		push_text(J, req->uri, strlen(req->uri));
		break;
	case F_QUERY:
		push_null_object(J);
		request_parse_query(req->query_string, pair_cb, J);
		break;
	case F_HEADERS:
		push_headers(J, req->env);
		break;
	case F_COOKIES:
		push_null_object(J);
		request_parse_cookies(request_param(req->env, "HTTP_COOKIE"),
		    cookie_cb, J);
		break;
	case F_IP:
		request_client_ip(req->env, c->pool->trusted_proxies, buf,
		    sizeof(buf));
		push_text(J, buf, strlen(buf));
		break;
	case F_REQUEST_ID:
		js_pushstring(J, req->id);
		break;
	case F_ENV:
		push_env(J, c->pool);
		break;
	case F_FUNCTION_NAME:
		ctx_function_name(c->route->name, buf, sizeof(buf));
		js_pushstring(J, buf);
		break;
	case F_PARAMS:
		push_params(J, c->route);
		break;
	case F_RESPONSE:
		push_response(J);
		c->response_used = 1;
		break;
	case F_BODY:		/* the body of a request with one is set up front */
		push_empty_body(J, req);
		break;
	case F_FILES:		/* a multipart body's are set up front */
		push_null_object(J);
		break;
	case F_RAW_BODY:
		push_binary(J, req->body != NULL ? req->body : "",
		    req->body_len);
		break;
	case F_SCHEDULE:	/* set by the master's runs only (serve.c) */
		push_schedule(J, req);
		break;
	case NFIELDS:
		js_pushundefined(J);
		break;
	}
}

/* Is this (argument 0) the ctx of the request being served? */
static int
this_is_current(js_State *J, const struct call *c)
{
	return c->ctx_serial != 0 && js_isuserdata(J, 0, CTX_TAG) &&
	    (uintptr_t)js_touserdata(J, 0, CTX_TAG) == c->ctx_serial;
}

/* The getter of a field: builds it once, then it is a plain property. */
static void
ctx_get(js_State *J)
{
	enum field f = (enum field)(intptr_t)js_currentfunctiondata(J);
	struct call *c = js_getcontext(J);

	if (!this_is_current(J, c)) {
		js_pushundefined(J);
		return;
	}
	field_push(J, c, f);
	js_copy(J, -1);
	if (js_try(J)) {	/* a frozen ctx keeps the getter */
		js_pop(J, 2);
		return;
	}
	js_defproperty(J, 0, field_names[f], 0);
	js_endtry(J);
}

/* The setter of a field: an assignment makes it a plain property. */
static void
ctx_set(js_State *J)
{
	enum field f = (enum field)(intptr_t)js_currentfunctiondata(J);
	struct call *c = js_getcontext(J);

	if (f == F_RESPONSE && this_is_current(J, c))
		c->response_used = 1;
	js_copy(J, 1);
	if (js_try(J)) {	/* a frozen ctx: the assignment does nothing */
		js_pop(J, 2);
		js_pushundefined(J);
		return;
	}
	js_defproperty(J, 0, field_names[f], 0);
	js_endtry(J);
	js_pushundefined(J);
}

/*
 * ctx.redirect(location[, status]): sets status and Location, spelled as
 * fnpool spells its other headers.  A location header the handler set
 * under another case ('location') is removed, so one Location is sent.
 */
static void
ctx_redirect(js_State *J)
{
	int status = js_isdefined(J, 2) ? js_tointeger(J, 2) : 302;
	const char *name;
	int it;

	if (status < 300 || status > 399)
		js_rangeerror(J, "redirect status %d is not a 3xx code", status);
	js_getproperty(J, 0, "response");
	js_pushnumber(J, status);
	js_setproperty(J, -2, "status");
	js_getproperty(J, -1, "headers");
	if (js_isobject(J, -1)) {
		js_pushiterator(J, -1, 1);
		it = js_gettop(J) - 1;
		while ((name = js_nextiterator(J, it)) != NULL)
			if (strcasecmp(name, "Location") == 0 &&
			    strcmp(name, "Location") != 0)
				js_delproperty(J, it - 1, name);
		js_pop(J, 1);
	}
	js_copy(J, 1);
	js_setproperty(J, -2, "Location");
	js_pushundefined(J);
}

/* JSON.stringify(ctx) shows every field, as if all had been read. */
static void
ctx_tojson(js_State *J)
{
	int f;

	for (f = 0; f < NFIELDS; f++) {
		js_getproperty(J, 0, field_names[f]);
		js_pop(J, 1);
	}
	js_copy(J, 0);
}

/*
 * A getter or setter.  Every state keeps 28 of them, so each drops the
 * prototype object that MuJS gives every function: an accessor is never
 * a constructor.
 */
static void
accessor_push(js_State *J, js_CFunction fn, int f, int nargs)
{
	js_newcfunctionx(J, fn, field_names[f], nargs, (void *)(intptr_t)f,
	    NULL);
	js_delproperty(J, -1, "prototype");
}

/* Pushes the state's ctx prototype, made on first use. */
static void
push_prototype(js_State *J)
{
	const struct call *c = js_getcontext(J);
	int f;

	js_getregistry(J, CTX_PROTO);
	if (js_isobject(J, -1))
		return;
	js_pop(J, 1);
	js_newobject(J);
	for (f = 0; f < NFIELDS; f++) {
		accessor_push(J, ctx_get, f, 0);
		accessor_push(J, ctx_set, f, 1);
		js_defaccessor(J, -3, field_names[f], 0);
	}
	js_newcfunction(J, ctx_redirect, "redirect", 2);
	js_defproperty(J, -2, "redirect", JS_DONTENUM);
	js_newcfunction(J, ctx_tojson, "toJSON", 0);
	js_defproperty(J, -2, "toJSON", JS_DONTENUM);
	if (c->waituntil != NULL) {
		js_newcfunction(J, c->waituntil, "waitUntil", 1);
		js_defproperty(J, -2, "waitUntil", JS_DONTENUM);
	}
	js_copy(J, -1);
	js_setregistry(J, CTX_PROTO);
}

int
ctx_push(js_State *J, char *err, size_t errsize)
{
	struct call *c = js_getcontext(J);
	const struct request *req = c->req;
	int rc;

	c->response_used = 0;
	if (++c->ctx_last == 0)
		c->ctx_last = 1;
	c->ctx_serial = c->ctx_last;
	push_prototype(J);
	js_newuserdata(J, CTX_TAG, (void *)c->ctx_serial, NULL);
	js_pushstring(J, req->method);
	js_setproperty(J, -2, "method");
	if (req->body_len > 0 &&
	    (rc = set_body(J, c->pool, req, err, errsize)) != 0) {
		js_pop(J, 1);
		c->ctx_serial = 0;
		return rc;
	}
	return 0;
}

int
ctx_response_used(js_State *J)
{
	const struct call *c = js_getcontext(J);

	return c->response_used;
}
