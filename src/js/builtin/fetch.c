/*
 * fetch: see fetch.h.  The classes are JavaScript (fetch.js, embedded at
 * build time as fetch.inc) compiled in a state the first time it reads
 * one of the seven globals: until then each is an accessor, so a state
 * that never fetches pays seven accessors and no compilation, and a
 * request that never fetches pays nothing.  The natives below carry a
 * call from fetch.js to fetch_curl.c, and its outcome back to the
 * callback fetch.js gave: a response's body stays bytes in C (a
 * "fetch.body" userdata, its bytes from the state's allocator, so they
 * count against memory_limit) until text(), json() or arrayBuffer()
 * reads it, once.  json() parses with body_json.c, not JSON.parse, which
 * would keep every string it read for the life of the state.
 *
 * Transfers in flight are numbered by slots (at most FETCH_INFLIGHT per
 * request, FETCH_SLOTS per worker, whose requests in flight --
 * max_concurrent -- share them): the slot indexes the callbacks in the registry, and an id
 * (slot and generation) names the transfer to fetch.js.  Slots rather
 * than ids keep the registry's property names few: MuJS keeps every
 * property name it has seen.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "js/body_json.h"
#include "js/builtin/fetch.h"
#include "js/builtin/fetch_curl.h"
#include "js/call.h"
#include "js/jsloop.h"

#include "js/builtin/fetch.inc"

#define FETCH_INFLIGHT	256	/* transfers of one request at once */
#define FETCH_SLOTS	4096	/* of all the worker's requests */
#define HEADERS_MAX	256	/* request headers of one fetch */
#define JSON_KEYS_MAX	1000	/* json() after the request: no pool */

#define REG_MEM		"fetch.mem"	/* struct fetch_mem */
#define REG_API		"fetch.api"	/* what fetch.js returns */
#define REG_PENDING	"fetch.pending"	/* slot -> fetch.js's done */

/* A state's: its allocator, and whether it had a DOMException of its own. */
struct fetch_mem {
	js_Alloc	 alloc;
	void		*actx;
	int		 has_domexception;
};

/*
 * A response's body, bytes until read, and its headers until read: name
 * (lower case), NUL, value, NUL ...
 */
struct body {
	js_Alloc	 alloc;
	void		*actx;
	char		*data;		/* NULL once read */
	size_t		 len;
	struct buf	 headers;	/* malloc'd: small, bounded by curl */
};

/* The transfers in flight: one request at a time uses them. */
static struct {
	unsigned char	 used[FETCH_SLOTS];
	uint32_t	 gen[FETCH_SLOTS];
	const struct jsloop *loop[FETCH_SLOTS];	/* the request's (call.h) */
	int		 nused;
} S;

static void fetch_end(js_State *);

static const struct jsloop_io loop_io = {
	.what = "a fetch callback threw",
	.busy = fetch_curl_busy, .wait = fetch_curl_wait, .end = fetch_end,
	.fds = NULL, .poll = fetch_curl_poll, .next = fetch_curl_next,
	.deliver = fetch_curl_deliver,
};

static const char *const globals[] = {
	"fetch", "Headers", "Request", "Response", "AbortController",
	"AbortSignal", "DOMException",
};
#define NGLOBALS	(sizeof(globals) / sizeof(globals[0]))

/* Pushes b's bytes as a string and frees b, also when MuJS throws. */
static void
push_buf(js_State *J, struct buf *b)
{
	if (js_try(J)) {
		buf_free(b);
		js_throw(J);
	}
	js_pushlstring(J, b->data != NULL ? b->data : "", (int)b->len);
	js_endtry(J);
	buf_free(b);
}

static void
push_text(js_State *J, const char *s, size_t n)
{
	struct buf b;

	buf_init(&b);
	utf8_text(s, n, &b);
	push_buf(J, &b);
}

static struct fetch_mem *
mem_of(js_State *J)
{
	struct fetch_mem *m;

	js_getregistry(J, REG_MEM);
	m = js_touserdata(J, -1, "fetch.mem");
	js_pop(J, 1);
	return m;
}

/* ---- bodies ---------------------------------------------------------------- */

static void
body_release(struct body *b)
{
	if (b->data != NULL)
		b->alloc(b->actx, b->data, 0);
	b->data = NULL;
	b->len = 0;
}

static void
body_free(js_State *J, void *p)
{
	struct body *b = p;

	(void)J;
	body_release(b);
	buf_free(&b->headers);
	b->alloc(b->actx, b, 0);
}

/*
 * Pushes a userdata owning data (from alloc) and the headers in hb (taken
 * over, hb is left empty).
 */
static void
body_push(js_State *J, js_Alloc alloc, void *actx, char *data, size_t len,
    struct buf *hb)
{
	struct body *b;

	if ((b = alloc(actx, NULL, sizeof(*b))) == NULL) {
		if (data != NULL)
			alloc(actx, data, 0);
		buf_free(hb);
		js_error(J, "out of memory");
	}
	b->alloc = alloc;
	b->actx = actx;
	b->data = data;
	b->len = data != NULL ? len : 0;
	b->headers = *hb;
	buf_init(hb);
	if (js_try(J)) {
		body_free(J, b);
		js_throw(J);
	}
	js_pushnull(J);
	js_newuserdata(J, "fetch.body", b, body_free);
	js_endtry(J);
}

static struct body *
body_arg(js_State *J)
{
	if (!js_isuserdata(J, 1, "fetch.body"))
		js_typeerror(J, "not a response body");
	return js_touserdata(J, 1, "fetch.body");
}

static void
fetch_isbody(js_State *J)
{
	js_pushboolean(J, js_isuserdata(J, 1, "fetch.body"));
}

/* As text: UTF-8 (a byte order mark dropped), U+FFFD for invalid bytes. */
static void
fetch_bodytext(js_State *J)
{
	struct body *b = body_arg(J);
	const char *p = b->data != NULL ? b->data : "";
	size_t n = b->len;

	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		p += 3;
		n -= 3;
	}
	push_text(J, p, n);
	body_release(b);
}

static void
fetch_bodyjson(js_State *J)
{
	const struct call *c = js_getcontext(J);
	struct body *b = body_arg(J);
	size_t keys = c->pool != NULL ? (size_t)c->pool->max_json_keys :
	    JSON_KEYS_MAX;
	char err[256];

	if (body_json_push(J, b->data != NULL ? b->data : "", b->len, keys,
	    err, sizeof(err)) == -1) {
		body_release(b);
		js_newsyntaxerror(J, err);
		js_throw(J);
	}
	body_release(b);
}

/* As a string of characters below U+0100, one per byte. */
static void
fetch_bodylatin1(js_State *J)
{
	struct body *b = body_arg(J);
	struct buf out;

	buf_init(&out);
	utf8_binary(b->data != NULL ? b->data : "", b->len, &out);
	push_buf(J, &out);
	body_release(b);
}

static void
fetch_bodyclone(js_State *J)
{
	struct body *b = body_arg(J);
	struct buf hb;
	char *copy = NULL;

	if (b->data != NULL &&
	    (copy = b->alloc(b->actx, NULL, (int)b->len)) == NULL)
		js_error(J, "out of memory");
	if (copy != NULL)
		memcpy(copy, b->data, b->len);
	buf_init(&hb);
	buf_append(&hb, b->headers.data != NULL ? b->headers.data : "",
	    b->headers.len);
	body_push(J, b->alloc, b->actx, copy, b->len, &hb);
}

/* headers(b): [name, value, ...], once; the bytes are dropped after. */
static void
fetch_headers(js_State *J)
{
	struct body *b = body_arg(J);
	const char *p = b->headers.data, *end = p + b->headers.len;
	size_t n;
	int i = 0;

	js_newarray(J);
	while (p != NULL && p < end) {
		n = strlen(p);
		if (i % 2 == 0)
			js_pushlstring(J, p, (int)n);	/* a token: ASCII */
		else
			push_text(J, p, n);
		js_setindex(J, -2, i++);
		p += n + 1;
	}
	buf_free(&b->headers);
}

/* ---- URLs, time ------------------------------------------------------------ */

/* url(s): s parsed and normalized by curl; null, or "" with credentials. */
static void
fetch_url(js_State *J)
{
	const char *s = js_tostring(J, 1);
	char *out = NULL, *user = NULL;
	int credentials = 0;
	CURLU *u = NULL;
	struct buf w;

	buf_init(&w);
	utf8_to_wire(s, strlen(s), &w);
	if (strlen(buf_cstr(&w)) == w.len && (u = curl_url()) != NULL &&
	    curl_url_set(u, CURLUPART_URL, buf_cstr(&w),
	    CURLU_URLENCODE | CURLU_ALLOW_SPACE) == CURLUE_OK) {
		if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK)
			credentials = 1;
		curl_url_get(u, CURLUPART_URL, &out, 0);
	}
	curl_free(user);
	curl_url_cleanup(u);
	buf_free(&w);
	if (out == NULL || credentials) {
		curl_free(out);
		if (credentials)
			js_pushliteral(J, "");
		else
			js_pushnull(J);
		return;
	}
	buf_init(&w);
	utf8_text(out, strlen(out), &w);
	curl_free(out);
	push_buf(J, &w);
}

static void
fetch_now(js_State *J)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	js_pushnumber(J, (double)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* ---- starting, settling, aborting ------------------------------------------ */

static int
slot_take(const struct jsloop *L)
{
	int i, seen = 0, mine = 0, slot = -1;

	for (i = 0; i < FETCH_SLOTS && (seen < S.nused || slot == -1); i++) {
		if (!S.used[i]) {
			if (slot == -1)
				slot = i;
			continue;
		}
		seen++;
		mine += S.loop[i] == L;
	}
	if (slot == -1 || mine >= FETCH_INFLIGHT)
		return -1;
	S.loop[slot] = L;
	S.used[slot] = 1;
	S.gen[slot]++;
	S.nused++;
	return slot;
}

static void
slot_free(int slot)
{
	if (S.used[slot]) {
		S.used[slot] = 0;
		S.nused--;
	}
}

static int
token_ok(const char *s)
{
	static const char extra[] = "!#$%&'*+-.^_`|~";

	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr(extra, *s) != NULL))
			return 0;
	return 1;
}

/*
 * Appends the string at idx as bytes and a NUL; returns where it starts.
 * binary: one byte per character below U+0100.
 */
static size_t
put_string(js_State *J, int idx, struct buf *b, int binary)
{
	const char *s = js_tostring(J, idx);
	size_t at = b->len;

	if (binary) {
		if (!utf8_is_binary(s, strlen(s)))
			js_typeerror(J, "fetch: binary body with a character "
			    "above U+00FF");
		utf8_binary_bytes(s, strlen(s), b);
	} else
		utf8_to_wire(s, strlen(s), b);
	buf_putc(b, '\0');
	return at;
}

/* The request headers: name, value, ... each checked again here. */
static size_t
get_headers(js_State *J, struct buf *hb, size_t *at)
{
	size_t n, i;
	const char *v;

	if (!js_isarray(J, 3))
		js_typeerror(J, "fetch: bad header list");
	n = (size_t)js_getlength(J, 3);
	if (n % 2 != 0 || n / 2 > HEADERS_MAX)
		js_typeerror(J, "fetch: more than %d request headers",
		    HEADERS_MAX);
	for (i = 0; i < n; i++) {
		js_getindex(J, 3, (int)i);
		at[i] = put_string(J, -1, hb, 0);
		js_pop(J, 1);
		v = hb->data + at[i];
		if (strlen(v) != hb->len - at[i] - 1 ||
		    (i % 2 == 0 && !token_ok(v)) ||
		    (i % 2 == 1 && strpbrk(v, "\r\n") != NULL))
			js_typeerror(J, "fetch: invalid header %s", i % 2 == 0 ?
			    "name" : "value");
	}
	return n / 2;
}

static enum fetch_redirect
redirect_mode(const char *s)
{
	if (strcmp(s, "manual") == 0)
		return FETCH_MANUAL;
	if (strcmp(s, "error") == 0)
		return FETCH_ERROR;
	return FETCH_FOLLOW;
}

static int settle(js_State *, int, struct fetch_result *);

/* A fetch's arguments, as bytes for fetch_curl_start. */
struct args {
	struct buf	 hb, body;
	size_t		 at[2 * HEADERS_MAX];
	const char	*hp[2 * HEADERS_MAX];
	size_t		 body_at;
	int		 slot;
	struct fetch_spec spec;
};

/* Takes the arguments and a slot for the callback; may throw. */
static void
args_take(js_State *J, struct args *a)
{
	double ms;

	a->spec.nheaders = get_headers(J, &a->hb, a->at);
	if (!js_isnull(J, 4) && !js_isundefined(J, 4))
		a->body_at = put_string(J, 4, &a->body, js_toboolean(J, 5));
	a->spec.redirect = redirect_mode(js_tostring(J, 6));
	ms = js_isnumber(J, 7) ? js_tonumber(J, 7) : -1;
	a->spec.signal_ms = ms >= 0 ? (int64_t)ms : -1;
	a->spec.url = js_tostring(J, 1);
	a->spec.method = js_tostring(J, 2);
	if ((a->slot = slot_take(((const struct call *)
	    js_getcontext(J))->loop)) == -1)
		js_typeerror(J, "fetch: more than %d fetches in flight at once",
		    FETCH_INFLIGHT);
	js_getregistry(J, REG_PENDING);
	js_copy(J, 8);
	js_setindex(J, -2, a->slot);
	js_pop(J, 1);
}

/*
 * start(url, method, headers, body, binary, redirect, signalMs, done):
 * the transfer's id, or [code, message] when it failed at once.
 */
static void
fetch_start(js_State *J)
{
	struct fetch_mem *m = mem_of(J);
	const char *code, *message;
	struct args *a;
	size_t i;
	int rc, slot;

	if (!jsloop_running(J))
		js_error(J, "fetch outside a request (module code or init): "
		    "fetch runs only while a request is served");
	if (!js_iscallable(J, 8))
		js_typeerror(J, "fetch: no callback");
	if ((a = calloc(1, sizeof(*a))) == NULL)
		js_error(J, "out of memory");
	buf_init(&a->hb);
	buf_init(&a->body);
	if (js_try(J)) {
		buf_free(&a->hb);
		buf_free(&a->body);
		free(a);
		js_throw(J);
	}
	args_take(J, a);
	js_endtry(J);

	for (i = 0; i < 2 * a->spec.nheaders; i++)
		a->hp[i] = a->hb.data + a->at[i];
	a->spec.headers = a->hp;
	if (!js_isnull(J, 4) && !js_isundefined(J, 4)) {
		a->spec.body = a->body.data + a->body_at;
		a->spec.body_len = a->body.len - a->body_at - 1;
	}
	a->spec.alloc = m->alloc;
	a->spec.actx = m->actx;
	slot = a->slot;
	rc = fetch_curl_start(J, &a->spec, slot, settle, &code, &message);
	buf_free(&a->hb);
	buf_free(&a->body);
	free(a);
	if (rc == -1) {
		slot_free(slot);
		js_getregistry(J, REG_PENDING);
		js_pushundefined(J);
		js_setindex(J, -2, slot);
		js_pop(J, 1);
		js_newarray(J);
		js_pushstring(J, code);
		js_setindex(J, -2, 0);
		js_pushstring(J, message);
		js_setindex(J, -2, 1);
		return;
	}
	jsloop_io(J, &loop_io);
	js_pushnumber(J, (double)S.gen[slot] * FETCH_SLOTS + slot);
}

static void
fetch_abort(js_State *J)
{
	double id = js_tonumber(J, 1);
	int slot;

	js_pushundefined(J);
	if (!(id >= 0))
		return;
	slot = (int)((uint64_t)id % FETCH_SLOTS);
	if (!S.used[slot] || (double)S.gen[slot] * FETCH_SLOTS + slot != id)
		return;
	fetch_curl_abort(J, slot);
	slot_free(slot);
	js_getregistry(J, REG_PENDING);
	js_pushundefined(J);
	js_setindex(J, -2, slot);
	js_pop(J, 1);
}

/* Keeps a response header: its name in lower case, and its value. */
static int
keep_header(const char *name, const char *value, void *arg)
{
	struct buf *hb = arg;
	size_t i;

	for (i = 0; name[i] != '\0'; i++)
		buf_putc(hb, name[i] >= 'A' && name[i] <= 'Z' ?
		    (char)(name[i] + 'a' - 'A') : name[i]);
	buf_putc(hb, '\0');
	buf_append(hb, value, strlen(value));
	buf_putc(hb, '\0');
	return 0;
}

/*
 * fetch_curl's settle: calls done(code, message) for a failure, or
 * done("", "", status, statusText, url, redirected, net), net holding
 * the headers and the body.
 */
static int
settle(js_State *J, int slot, struct fetch_result *r)
{
	static struct buf hb;	/* body_push takes its bytes; static, so a
				   throw before that leaks nothing */
	struct fetch_mem *m;
	int argc;

	slot_free(slot);
	buf_reset(&hb);
	if (r->code == NULL)
		fetch_curl_headers(r, keep_header, &hb);
	if (js_try(J))
		return -1;
	m = mem_of(J);
	js_getregistry(J, REG_PENDING);
	js_getindex(J, -1, slot);
	js_pushundefined(J);
	js_setindex(J, -3, slot);
	js_rot2pop1(J);
	js_pushundefined(J);
	if (r->code != NULL) {
		js_pushstring(J, r->code);
		push_text(J, r->message, strlen(r->message));
		argc = 2;
	} else {
		js_pushliteral(J, "");
		js_pushliteral(J, "");
		js_pushnumber(J, (double)r->status);
		push_text(J, r->status_text, strlen(r->status_text));
		push_text(J, r->url, strlen(r->url));
		js_pushboolean(J, r->redirected);
		body_push(J, m->alloc, m->actx, r->body, r->body_len, &hb);
		r->body = NULL;
		argc = 7;
	}
	js_endtry(J);
	if (js_pcall(J, argc) != 0)
		return -1;
	js_pop(J, 1);
	return 0;
}

/* jsloop_end: what is still in flight is cancelled, its callbacks dropped. */
static void
fetch_end(js_State *J)
{
	const struct jsloop *L = ((const struct call *)js_getcontext(J))->loop;
	int i;

	fetch_curl_end(J);
	if (S.nused == 0)
		return;
	if (js_try(J)) {
		js_pop(J, 1);
		return;
	}
	js_getregistry(J, REG_PENDING);
	for (i = 0; i < FETCH_SLOTS; i++)
		if (S.used[i] && S.loop[i] == L) {
			slot_free(i);
			js_pushundefined(J);
			js_setindex(J, -2, i);
		}
	js_pop(J, 1);
	js_endtry(J);
}

/* ---- the globals -------------------------------------------------------------- */

static void
natives_push(js_State *J)
{
	static const struct {
		const char	*name;
		js_CFunction	 fn;
		int		 length;
	} natives[] = {
		{ "url", fetch_url, 1 },
		{ "now", fetch_now, 0 },
		{ "start", fetch_start, 8 },
		{ "abort", fetch_abort, 1 },
		{ "isBody", fetch_isbody, 1 },
		{ "bodyText", fetch_bodytext, 1 },
		{ "bodyJson", fetch_bodyjson, 1 },
		{ "bodyLatin1", fetch_bodylatin1, 1 },
		{ "bodyClone", fetch_bodyclone, 1 },
		{ "headers", fetch_headers, 1 },
	};
	size_t i;

	js_newobject(J);
	for (i = 0; i < sizeof(natives) / sizeof(natives[0]); i++) {
		js_newcfunction(J, natives[i].fn, natives[i].name,
		    natives[i].length);
		js_setproperty(J, -2, natives[i].name);
	}
	if (mem_of(J)->has_domexception) {
		js_getglobal(J, "DOMException");
		js_setproperty(J, -2, "DOMException");
	}
}

/* Pushes what fetch.js returns, compiling it on first use. */
static void
api_push(js_State *J)
{
	js_getregistry(J, REG_API);
	if (js_isobject(J, -1))
		return;
	js_pop(J, 1);
	js_newarray(J);
	js_setregistry(J, REG_PENDING);
	js_loadstring(J, "(fetch.js)", fetch_js);
	js_pushundefined(J);
	js_call(J, 0);
	js_pushundefined(J);
	natives_push(J);
	js_call(J, 1);
	js_copy(J, -1);
	js_setregistry(J, REG_API);
}

/*
 * Reading one of the globals makes it a plain property; assigning it
 * first (a polyfill of its own) just replaces it.  One function is both
 * the getter and the setter (one object less per global in every new
 * state, as builtin.c does), told apart by the setter's argument.
 */
static void
fetch_lazy_access(js_State *J)
{
	const char *name = js_currentfunctiondata(J);

	if (js_gettop(J) > 1) {
		js_delglobal(J, name);
		js_copy(J, 1);
		js_defglobal(J, name, JS_DONTENUM);
		js_pushundefined(J);
		return;
	}
	api_push(J);
	js_getproperty(J, -1, name);
	js_delglobal(J, name);
	js_copy(J, -1);
	js_defglobal(J, name, JS_DONTENUM);
}

static void
mem_free(js_State *J, void *p)
{
	struct fetch_mem *m = p;

	(void)J;
	m->alloc(m->actx, m, 0);
}

int
fetch_install(js_State *J, js_Alloc alloc, void *actx)
{
	struct fetch_mem *m;
	size_t i;

	if (js_try(J)) {
		js_pop(J, 1);
		return -1;
	}
	if ((m = alloc(actx, NULL, sizeof(*m))) == NULL)
		js_error(J, "out of memory");
	m->alloc = alloc;
	m->actx = actx;
	m->has_domexception = 0;
	js_pushnull(J);
	js_newuserdata(J, "fetch.mem", m, mem_free);
	js_setregistry(J, REG_MEM);
	js_pushglobal(J);
	for (i = 0; i < NGLOBALS; i++) {
		/* a DOMException of the state's own (a built-in module's) wins */
		if (strcmp(globals[i], "DOMException") == 0 &&
		    js_hasproperty(J, -1, globals[i])) {
			js_pop(J, 1);
			m->has_domexception = 1;
			continue;
		}
		js_newcfunctionx(J, fetch_lazy_access, globals[i], 0,
		    (void *)globals[i], NULL);
		js_copy(J, -1);
		js_defaccessor(J, -3, globals[i], JS_DONTENUM);
	}
	js_pop(J, 1);
	js_endtry(J);
	return 0;
}
