/*
 * console: see console.h.  Objects are printed by a walker of our own
 * rather than JSON.stringify, which throws on cycles and would hide the
 * very object being debugged.  A long message is cut at CONSOLE_LINE_MAX
 * with a marker saying how much was left out; log.c escapes control
 * characters, so one call is always one line.
 */
#include <stdio.h>
#include <string.h>

#include "js/call.h"
#include "js/console.h"
#include "core/log.h"
#include "core/response.h"
#include "core/utf8.h"

#define INSPECT_DEPTH	8
#define INSPECT_BUILD_MAX	(64 * 1024)	/* stop walking past this */

/* Is the object at idx one of the ancestors (stack indices in anc)? */
static int
is_ancestor(js_State *J, int idx, const int *anc, int n)
{
	int i, same;

	for (i = 0; i < n; i++) {
		js_copy(J, anc[i]);
		js_copy(J, idx);
		same = js_strictequal(J);
		js_pop(J, 2);
		if (same)
			return 1;
	}
	return 0;
}

static void inspect(js_State *, int, struct buf *, int *, int, int);

static void
inspect_string(js_State *J, int idx, struct buf *out, int quoted)
{
	const char *s = js_tostring(J, idx);
	struct buf wire;

	buf_init(&wire);	/* U+0000 (C0 80 in MuJS) as a real NUL */
	utf8_to_wire(s, strlen(s), &wire);
	if (quoted)
		json_escape(out, wire.data ? wire.data : "", wire.len);
	else
		buf_append(out, wire.data ? wire.data : "", wire.len);
	buf_free(&wire);
}

static void
inspect_object(js_State *J, int idx, struct buf *out, int *anc, int depth)
{
	const char *key;
	int i, n, first = 1, isarr = js_isarray(J, idx);

	if (is_ancestor(J, idx, anc, depth)) {
		buf_puts(out, "\"[Circular]\"");
		return;
	}
	if (depth >= INSPECT_DEPTH) {
		buf_puts(out, isarr ? "\"[Array]\"" : "\"[Object]\"");
		return;
	}
	anc[depth] = idx;
	if (isarr) {
		buf_putc(out, '[');
		n = js_getlength(J, idx);
		for (i = 0; i < n && out->len < INSPECT_BUILD_MAX; i++) {
			if (i > 0)
				buf_putc(out, ',');
			js_getindex(J, idx, i);
			inspect(J, js_gettop(J) - 1, out, anc, depth + 1, 1);
			js_pop(J, 1);
		}
		buf_putc(out, ']');
		return;
	}
	buf_putc(out, '{');
	js_pushiterator(J, idx, 1);
	while ((key = js_nextiterator(J, -1)) != NULL &&
	    out->len < INSPECT_BUILD_MAX) {
		if (!first)
			buf_putc(out, ',');
		first = 0;
		json_escape(out, key, strlen(key));
		buf_putc(out, ':');
		js_getproperty(J, idx, key);
		inspect(J, js_gettop(J) - 1, out, anc, depth + 1, 1);
		js_pop(J, 1);
	}
	js_pop(J, 1);
	buf_putc(out, '}');
}

static void
inspect(js_State *J, int idx, struct buf *out, int *anc, int depth,
    int quoted)
{
	if (js_isstring(J, idx))
		inspect_string(J, idx, out, quoted);
	else if (js_iscallable(J, idx))
		buf_puts(out, quoted ? "\"[Function]\"" : "[Function]");
	else if (js_iserror(J, idx)) {
		js_copy(J, idx);
		inspect_string(J, -1, out, quoted);
		js_pop(J, 1);
	} else if (js_isobject(J, idx) && !js_isregexp(J, idx))
		inspect_object(J, idx, out, anc, depth);
	else if (js_isundefined(J, idx))
		buf_puts(out, quoted ? "null" : "undefined");
	else {
		js_copy(J, idx);
		buf_puts(out, js_tostring(J, -1));
		js_pop(J, 1);
	}
}

void
console_inspect(js_State *J, int idx, struct buf *out)
{
	int anc[INSPECT_DEPTH + 1];

	if (idx < 0)
		idx += js_gettop(J);
	inspect(J, idx, out, anc, 0, 0);
}

/*
 * Cuts the line, saying so.  log.c escapes it, as every message; a NUL
 * byte goes back to MuJS's C0 80, which a C string can carry and log.c
 * writes as \x00.
 */
static void
line_finish(const struct buf *msg, int walk_cut, struct buf *line)
{
	size_t i, n = msg->len < CONSOLE_LINE_MAX ? msg->len : CONSOLE_LINE_MAX;

	/* do not cut inside a UTF-8 sequence */
	while (n < msg->len && n > 0 && ((unsigned char)msg->data[n] & 0xc0) == 0x80)
		n--;
	for (i = 0; i < n; i++)
		if (msg->data[i] == '\0')
			buf_puts(line, "\xc0\x80");
		else
			buf_putc(line, msg->data[i]);
	if (n < msg->len || walk_cut)
		buf_printf(line, " [cut: %zu%s more bytes]", msg->len - n,
		    walk_cut ? "+" : "");
}

static void
console_write(js_State *J, enum log_level level)
{
	const struct call *c = js_getcontext(J);	/* NULL: a bare state */
	struct buf msg, line;
	int i, n = js_gettop(J), walk_cut = 0;

	buf_init(&msg);
	buf_init(&line);
	if (js_try(J)) {
		buf_puts(&msg, " [a value could not be printed: ");
		buf_puts(&msg, js_trystring(J, -1, "error"));
		buf_puts(&msg, "]");
		js_pop(J, 1);
	} else {
		for (i = 1; i < n && msg.len < INSPECT_BUILD_MAX; i++) {
			if (i > 1)
				buf_putc(&msg, ' ');
			console_inspect(J, i, &msg);
		}
		walk_cut = msg.len >= INSPECT_BUILD_MAX;
		js_endtry(J);
	}
	line_finish(&msg, walk_cut, &line);
	log_msg(level, "pool=%s function=%s request=%s: %s",
	    c != NULL && c->pool != NULL ? c->pool->name : "-",
	    c != NULL && c->function != NULL ? c->function : "-",
	    c != NULL && c->request_id != NULL ? c->request_id : "-",
	    buf_cstr(&line));
	buf_free(&msg);
	buf_free(&line);
	js_pushundefined(J);
}

static void console_log(js_State *J) { console_write(J, LOG_LEVEL_NOTICE); }
static void console_info(js_State *J) { console_write(J, LOG_LEVEL_INFO); }
static void console_warn(js_State *J) { console_write(J, LOG_LEVEL_WARN); }
static void console_error(js_State *J) { console_write(J, LOG_LEVEL_ERROR); }
static void console_debug(js_State *J) { console_write(J, LOG_LEVEL_DEBUG); }

void
console_define(js_State *J)
{
	static const struct { const char *name; js_CFunction fn; } m[] = {
		{ "log", console_log }, { "info", console_info },
		{ "warn", console_warn }, { "error", console_error },
		{ "debug", console_debug },
	};
	size_t i;

	js_newobject(J);
	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		js_newcfunction(J, m[i].fn, m[i].name, 0);
		js_setproperty(J, -2, m[i].name);
	}
	js_setglobal(J, "console");
}
