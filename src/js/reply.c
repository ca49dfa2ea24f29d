/*
 * reply: see reply.h.  One design for status and headers: the handler
 * sets ctx.response.{status, headers, type} (or calls ctx.redirect) and
 * returns the body.  A returned object is always data, never a response
 * description, so what a function returns is what the client gets.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "js/ctx.h"
#include "js/hint.h"
#include "js/jsext.h"
#include "core/log.h"
#include "js/reply.h"
#include "js/srcmap.h"
#include "core/utf8.h"

#define CT_JSON	"application/json"
#define CT_TEXT	"text/plain; charset=utf-8"

/* ctx.response.status -> *status; 0 when unset, -1 when invalid. */
static int
get_status(js_State *J, int resp, int *status, char *why, size_t whysize)
{
	double d;

	*status = 0;
	js_getproperty(J, resp, "status");
	if (js_isundefined(J, -1)) {
		js_pop(J, 1);
		return 0;
	}
	d = js_isnumber(J, -1) ? js_tonumber(J, -1) : NAN;
	js_pop(J, 1);
	if (!(d >= 100 && d <= 599) || d != floor(d)) {
		snprintf(why, whysize, "ctx.response.status is not a whole "
		    "number from 100 to 599");
		return -1;
	}
	*status = (int)d;
	return 0;
}

static int
add_one(js_State *J, struct response *res, const char *name, char *why,
    size_t whysize)
{
	char reason[128];
	struct buf v;
	int r;

	if (!js_isstring(J, -1) && !js_isnumber(J, -1)) {
		snprintf(why, whysize, "header '%.64s': value is not a string "
		    "or number", name);
		return -1;
	}
	buf_init(&v);
	utf8_to_wire(js_tostring(J, -1), strlen(js_tostring(J, -1)), &v);
	/* a NUL turned real by utf8_to_wire must still be refused */
	if (memchr(v.data, '\0', v.len) != NULL) {
		snprintf(why, whysize, "header '%.64s': value contains NUL", name);
		buf_free(&v);
		return -1;
	}
	r = response_add_header(res, name, buf_cstr(&v), reason, sizeof(reason));
	buf_free(&v);
	if (r == -1)
		snprintf(why, whysize, "header '%.64s': %s", name, reason);
	return r;
}

/* ctx.response.headers: string or number values, arrays for repeats. */
static int
get_headers(js_State *J, int resp, struct response *res, char *why,
    size_t whysize)
{
	const char *name;
	int i, n, it;

	js_getproperty(J, resp, "headers");
	if (!js_isobject(J, -1)) {
		js_pop(J, 1);
		return 0;
	}
	js_pushiterator(J, -1, 1);
	it = js_gettop(J) - 1;
	while ((name = js_nextiterator(J, it)) != NULL) {
		js_getproperty(J, it - 1, name);
		if (js_isarray(J, -1)) {
			n = js_getlength(J, -1);
			for (i = 0; i < n; i++) {
				js_getindex(J, -1, i);
				if (add_one(J, res, name, why, whysize) == -1)
					return -1;
				js_pop(J, 1);
			}
		} else if (!js_isundefined(J, -1) && !js_isnull(J, -1) &&
		    add_one(J, res, name, why, whysize) == -1)
			return -1;
		js_pop(J, 1);
	}
	js_pop(J, 2);
	return 0;
}

static int
body_string(js_State *J, struct response *res, int binary, char *why,
    size_t whysize)
{
	const char *s = js_tostring(J, -1);
	size_t n = strlen(s);

	if (!binary) {
		utf8_to_wire(s, n, &res->body);
		return 0;
	}
	if (!utf8_is_binary(s, n)) {
		snprintf(why, whysize, "ctx.response.binary is set but the "
		    "string has characters above U+00FF");
		return -1;
	}
	utf8_binary_bytes(s, n, &res->body);
	return 0;
}

/* ctx.response into res; *status 0 when unset.  -1 with why when invalid. */
static int
read_response(js_State *J, int ctx_idx, struct response *res, int *status,
    int *binary, char *why, size_t whysize)
{
	int resp;

	js_getproperty(J, ctx_idx, "response");
	resp = js_gettop(J) - 1;
	if (!js_isobject(J, resp)) {
		snprintf(why, whysize, "ctx.response was replaced by a non-object");
		return -1;
	}
	if (get_status(J, resp, status, why, whysize) == -1 ||
	    get_headers(J, resp, res, why, whysize) == -1)
		return -1;
	js_getproperty(J, resp, "binary");
	*binary = js_toboolean(J, -1);
	js_pop(J, 1);
	js_getproperty(J, resp, "type");
	if (js_isstring(J, -1)) {
		char reason[128];

		if (response_add_header(res, "Content-Type", js_tostring(J, -1),
		    reason, sizeof(reason)) == -1) {
			snprintf(why, whysize, "ctx.response.type: %s", reason);
			return -1;
		}
	}
	js_pop(J, 1);
	return 0;
}

int
reply_result(js_State *J, int ctx_idx, struct response *res, char *why,
    size_t whysize)
{
	int result = js_gettop(J) - 1, status = 0, binary = 0;
	const char *type;

	/* a handler that never touched ctx.response leaves the defaults */
	if (ctx_response_used(J) && read_response(J, ctx_idx, res, &status,
	    &binary, why, whysize) == -1)
		return -1;
	type = res->content_type;	/* from type or headers['content-type'] */

	res->status = status != 0 ? status : 200;
	js_copy(J, result);
	switch (js_type(J, -1)) {
	case JS_ISUNDEFINED:
	case JS_ISNULL:
		if (status == 0)
			res->status = 204;
		break;
	case JS_ISSTRING:
		if (type == NULL)
			response_set_type(res, binary ?
			    "application/octet-stream" : CT_TEXT);
		if (body_string(J, res, binary, why, whysize) == -1)
			return -1;
		break;
	case JS_ISFUNCTION:
		snprintf(why, whysize, "the handler returned a function");
		return -1;
	default:
		js_getglobal(J, "JSON");
		js_getproperty(J, -1, "stringify");
		js_rot2pop1(J);
		js_pushundefined(J);
		js_copy(J, -3);
		js_call(J, 1);
		if (!js_isstring(J, -1)) {
			snprintf(why, whysize, "the handler's result cannot be "
			    "sent as JSON");
			return -1;
		}
		if (type == NULL)
			response_set_type(res, CT_JSON);
		utf8_to_wire(js_tostring(J, -1), strlen(js_tostring(J, -1)),
		    &res->body);
	}
	return 0;
}

void
reply_describe(js_State *J, struct buf *out)
{
	int at = js_gettop(J) - 1;
	const char *s;
	size_t i, start;

	if (js_try(J)) {
		js_pop(J, 1);
		buf_puts(out, "(exception that cannot be printed)");
		return;
	}
	js_copy(J, at);		/* js_tostring converts in place */
	buf_puts(out, js_tostring(J, -1));
	js_pop(J, 1);
	if (jsext_pushtrace(J, at)) {
		s = js_tostring(J, -1);
		start = out->len;
		buf_puts(out, s);
		for (i = start; i < out->len; i++)
			if (out->data[i] == '\n' || out->data[i] == '\t')
				out->data[i] = ' ';
		js_pop(J, 1);
	}
	js_endtry(J);
}

/* Appends the first frame of trace outside native code: "FILE:LINE". */
static void
first_frame(const char *trace, struct buf *out)
{
	const char *f, *end, *open;

	for (f = strstr(trace, "\tat "); f != NULL; f = strstr(end, "\tat ")) {
		f += 4;
		end = f + strcspn(f, "\n");
		if (end - f >= 8 && strncmp(end - 8, "(native)", 8) == 0)
			continue;
		/* "name (FILE:LINE)" or a bare "FILE:LINE" */
		if (end > f && end[-1] == ')' && (open = memchr(f, '(',
		    (size_t)(end - f))) != NULL) {
			f = open + 1;
			end--;
		}
		buf_printf(out, "%.*s: ", (int)(end - f), f);
		return;
	}
}

/* Appends "FILE:LINE: Name: message" of the exception at. */
static void
located_message(js_State *J, int at, struct buf *out)
{
	if (js_try(J)) {
		js_pop(J, 1);
		buf_puts(out, "(exception that cannot be printed)");
		return;
	}
	if (jsext_pushtrace(J, at)) {
		first_frame(js_tostring(J, -1), out);
		js_pop(J, 1);
	}
	js_copy(J, at);		/* js_tostring converts in place */
	buf_puts(out, js_tostring(J, -1));
	js_pop(J, 1);
	js_endtry(J);
}

void
reply_summary(js_State *J, const char *what, struct buf *out)
{
	int at = js_gettop(J) - 1;
	const char *hint = hint_get(J, at);
	size_t i, start = out->len;

	buf_printf(out, "%s: ", what);
	located_message(J, at, out);
	if (hint != NULL)
		buf_printf(out, "; hint: %s", hint);
	for (i = start; i < out->len; i++)
		if (out->data[i] == '\n' || out->data[i] == '\t')
			out->data[i] = ' ';
}

static void thrown_message(js_State *, int, struct buf *);

void
reply_log_error(js_State *J, const char *fn, const char *request_id,
    const char *what, struct buf *exposed)
{
	struct buf desc;
	const char *hint = hint_get(J, js_gettop(J) - 1);

	buf_init(&desc);
	reply_describe(J, &desc);
	log_error("%s: %s (request %s): %s", fn, what, request_id,
	    buf_cstr(&desc));
	buf_reset(exposed);
	thrown_message(J, js_gettop(J) - 1, exposed);
	if (hint != NULL) {
		log_error("%s: hint (request %s): %s", fn, request_id, hint);
		buf_putc(exposed, '\n');
		buf_puts(exposed, hint);
	}
	buf_free(&desc);
}

/* err.status or err.statusCode when it is a 4xx number; else 0. */
static int
client_status(js_State *J, int at)
{
	static const char *names[] = { "status", "statusCode" };
	double d;
	size_t i;

	if (!js_isobject(J, at))
		return 0;
	for (i = 0; i < 2; i++) {
		if (!js_hasproperty(J, at, names[i]))
			continue;
		d = js_isnumber(J, -1) ? js_tonumber(J, -1) : 0;
		js_pop(J, 1);
		if (d >= 400 && d <= 499 && d == floor(d))
			return (int)d;
	}
	return 0;
}

/* The message of the thrown value: err.message, else its string form. */
static void
thrown_message(js_State *J, int at, struct buf *out)
{
	const char *s;

	if (!js_isobject(J, at) || !js_hasproperty(J, at, "message"))
		js_copy(J, at);	/* else the message is on top */
	s = js_tostring(J, -1);
	utf8_to_wire(s, strlen(s), out);
	js_pop(J, 1);
}

void
reply_error(js_State *J, const struct pool_config *pool,
    const struct request *req, const char *fn, const char *what,
    struct response *res)
{
	struct buf desc, msg, stack;
	int at = js_gettop(J) - 1;
	volatile int status = 0;
	const char *hint;

	buf_init(&desc);
	buf_init(&msg);
	buf_init(&stack);
	reply_describe(J, &desc);
	if (!js_try(J)) {
		status = client_status(J, at);
		thrown_message(J, at, &msg);
		js_copy(J, at);
		buf_puts(&stack, js_tostring(J, -1));	/* as Node's err.stack */
		js_pop(J, 1);
		if (jsext_pushtrace(J, at)) {
			buf_puts(&stack, js_tostring(J, -1));
			js_pop(J, 1);
		}
		js_endtry(J);
	} else
		js_pop(J, 1);
	srcmap_apply(J, pool->functions, &desc);
	if (pool->expose_errors)
		srcmap_apply(J, pool->functions, &stack);
	response_reset(res);
	if (status != 0) {
		log_info("%s: %s with status %d (request %s): %s", fn, what,
		    status, req->id, buf_cstr(&desc));
		response_error(res, status, buf_cstr(&msg), req->id);
	} else {
		log_error("%s: %s (request %s): %s", fn, what, req->id,
		    buf_cstr(&desc));
		if ((hint = hint_get(J, at)) != NULL) {
			log_error("%s: hint (request %s): %s", fn, req->id, hint);
			buf_putc(&msg, '\n');
			buf_puts(&msg, hint);
		}
		if (pool->expose_errors)
			response_error_detail(res, 500, buf_cstr(&msg),
			    buf_cstr(&stack), req->id);
		else
			response_error(res, 500, "Internal Server Error", req->id);
	}
	buf_free(&desc);
	buf_free(&msg);
	buf_free(&stack);
}
