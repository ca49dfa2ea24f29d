/*
 * response: status lines, headers and error bodies.  Every header from
 * JavaScript passes response_add_header, so nothing a function sets can
 * split the header block.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/log.h"

#include "core/response.h"

#define CT_JSON	"application/json"

void
response_init(struct response *res)
{
	res->status = 200;
	res->content_type = NULL;
	buf_init(&res->headers);
	buf_init(&res->body);
	res->allow_x_accel = 0;
}

void
response_free(struct response *res)
{
	free(res->content_type);
	res->content_type = NULL;
	buf_free(&res->headers);
	buf_free(&res->body);
}

void
response_reset(struct response *res)
{
	int allow_x_accel = res->allow_x_accel;

	response_free(res);
	response_init(res);
	res->allow_x_accel = allow_x_accel;
}

void
response_set_type(struct response *res, const char *type)
{
	free(res->content_type);
	res->content_type = NULL;
	if (type != NULL && (res->content_type = strdup(type)) == NULL)
		log_fatal("strdup");
}

/* RFC 9110 token characters */
int
response_header_name_ok(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) &&
		    strchr("!#$%&'*+-.^_`|~", *s) == NULL)
			return 0;
	return 1;
}

static int
value_ok(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return 0;
	}
	return 1;
}

int
response_add_header(struct response *res, const char *name,
    const char *value, char *why, size_t whysize)
{
	if (!response_header_name_ok(name)) {
		snprintf(why, whysize, "header name is not an HTTP token");
		return -1;
	}
	if (!value_ok(value, strlen(value))) {
		snprintf(why, whysize, "header value contains CR, LF, NUL or "
		    "another control character");
		return -1;
	}
	if (strcasecmp(name, "Content-Type") == 0) {
		response_set_type(res, value);
		return 0;
	}
	if (strcasecmp(name, "Content-Length") == 0 ||
	    strcasecmp(name, "Status") == 0 ||
	    strcasecmp(name, "X-Request-Id") == 0) {
		snprintf(why, whysize, "header is set by fnpool itself");
		return -1;
	}
	/* X-Accel-Redirect reaches nginx's internal locations (/_/status) */
	if (strncasecmp(name, "X-Accel-", 8) == 0 && !res->allow_x_accel) {
		snprintf(why, whysize, "X-Accel-* headers are nginx's; the pool "
		    "must set allow_x_accel = on to send them");
		return -1;
	}
	buf_printf(&res->headers, "%s: %s\r\n", name, value);
	return 0;
}

const char *
response_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 202: return "Accepted";
	case 204: return "No Content";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 307: return "Temporary Redirect";
	case 308: return "Permanent Redirect";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 408: return "Request Timeout";
	case 409: return "Conflict";
	case 410: return "Gone";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 501: return "Not Implemented";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 504: return "Gateway Timeout";
	default:  return "Unknown";
	}
}

void
json_escape(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, start = 0;
	unsigned char c;

	buf_putc(b, '"');
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_append(b, s + start, i - start);
		start = i + 1;
		switch (c) {
		case '"':  buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default:
			buf_puts(b, "\\u00");
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		}
	}
	buf_append(b, s + start, n - start);
	buf_putc(b, '"');
}

void
response_error(struct response *res, int status, const char *message,
    const char *request_id)
{
	res->status = status;
	response_set_type(res, CT_JSON);
	buf_reset(&res->body);
	buf_puts(&res->body, "{\"error\":");
	json_escape(&res->body, message, strlen(message));
	buf_puts(&res->body, ",\"requestId\":");
	json_escape(&res->body, request_id, strlen(request_id));
	buf_puts(&res->body, "}\n");
}

void
response_error_detail(struct response *res, int status, const char *message,
    const char *stack, const char *request_id)
{
	res->status = status;
	response_set_type(res, CT_JSON);
	buf_reset(&res->body);
	buf_puts(&res->body, "{\"error\":");
	json_escape(&res->body, message, strlen(message));
	buf_puts(&res->body, ",\"stack\":");
	json_escape(&res->body, stack, strlen(stack));
	buf_puts(&res->body, ",\"requestId\":");
	json_escape(&res->body, request_id, strlen(request_id));
	buf_puts(&res->body, "}\n");
}

void
response_serialize(const struct response *res, const char *request_id,
    int head_only, struct buf *out)
{
	int has_body = res->status != 204 && res->status != 304 &&
	    res->status >= 200;

	/* no printf: this runs for every response */
	buf_reserve(out, 128 + res->headers.len + res->body.len);
	buf_puts(out, "Status: ");
	buf_putu(out, (unsigned)res->status);
	buf_putc(out, ' ');
	buf_puts(out, response_reason(res->status));
	if (res->content_type != NULL && has_body) {
		buf_puts(out, "\r\nContent-Type: ");
		buf_puts(out, res->content_type);
	}
	if (has_body) {
		buf_puts(out, "\r\nContent-Length: ");
		buf_putu(out, res->body.len);
	}
	buf_puts(out, "\r\n");
	buf_append(out, res->headers.data, res->headers.len);
	buf_puts(out, "X-Request-Id: ");
	buf_puts(out, request_id);
	buf_puts(out, "\r\n\r\n");
	if (has_body && !head_only)
		buf_append(out, res->body.data, res->body.len);
}
