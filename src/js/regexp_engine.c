/*
 * regexp_engine: see regexp_engine.h.
 *
 * MuJS compiles a regexp literal each time it is evaluated (on every call
 * of a function holding one), so compiled patterns are kept in a cache
 * keyed by source and flags, shared by every state of the worker: a
 * pattern in use by a RegExp stays, up to CACHE_IDLE unused ones are kept
 * as well, the least recently used leaving first.  A worker runs one
 * request at a time, so nothing here locks.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "js/regexp_engine.h"

#define CACHE_BUCKETS	1024
#define CACHE_IDLE	512		/* unused patterns kept */
/*
 * The limits that end a runaway match: /(a+)+$/ against 10,000 a's and
 * a b reaches MATCH_LIMIT in well under a second.  A loop of a match
 * over a long input needs depth; the heap the interpreter uses for it
 * is bounded instead (the JIT's stack likewise).
 */
#define MATCH_LIMIT	10000000u
#define HEAP_LIMIT_KIB	(64u * 1024)
#define JIT_STACK_MAX	(8u * 1024 * 1024)

struct regexp_code {
	pcre2_code *re;
	int	 flags;
	struct regexp_shape shape;
	unsigned refs;
	char	*src;
	size_t	 len;
	uint32_t hash;
	struct regexp_code *next;		/* in its bucket */
	struct regexp_code *older, *newer;	/* unused, by last use */
};

static struct {
	struct regexp_code *buckets[CACHE_BUCKETS];
	struct regexp_code *oldest, *newest;	/* unused ones */
	unsigned idle;
	unsigned long compiles;
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit_stack;
	pcre2_match_data *md;
	uint32_t md_pairs;
	int	 jit;
} cache;

static uint32_t
hash_of(const char *s, size_t n, int flags)
{
	uint32_t h = 2166136261u ^ (uint32_t)flags;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void
idle_unlink(struct regexp_code *c)
{
	if (c->older != NULL)
		c->older->newer = c->newer;
	else
		cache.oldest = c->newer;
	if (c->newer != NULL)
		c->newer->older = c->older;
	else
		cache.newest = c->older;
	c->older = c->newer = NULL;
	cache.idle--;
}

static void
code_free(struct regexp_code *c)
{
	struct regexp_code **pp = &cache.buckets[c->hash % CACHE_BUCKETS];

	while (*pp != c)
		pp = &(*pp)->next;
	*pp = c->next;
	pcre2_code_free(c->re);
	buf_free(&c->shape.names);
	free(c->src);
	free(c);
}

static void
setup(void)
{
	uint32_t jit = 0;

	if (cache.mctx != NULL)
		return;
	if ((cache.mctx = pcre2_match_context_create(NULL)) == NULL)
		log_fatal("pcre2_match_context_create");
	pcre2_set_match_limit(cache.mctx, MATCH_LIMIT);
	pcre2_set_heap_limit(cache.mctx, HEAP_LIMIT_KIB);
	pcre2_config(PCRE2_CONFIG_JIT, &jit);
	cache.jit = jit != 0;
	if (cache.jit) {
		cache.jit_stack = pcre2_jit_stack_create(32 * 1024,
		    JIT_STACK_MAX, NULL);
		if (cache.jit_stack == NULL)
			log_fatal("pcre2_jit_stack_create");
		pcre2_jit_stack_assign(cache.mctx, NULL, cache.jit_stack);
	}
}

static struct regexp_code *
code_compile(const char *src, size_t len, int flags, char *err,
    size_t errlen)
{
	struct regexp_code *c;
	struct buf pat;
	PCRE2_UCHAR msg[160];
	PCRE2_SIZE at;
	uint32_t opts;
	int rc;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		log_fatal("calloc");
	buf_init(&pat);
	if (regexp_translate(src, len, flags, &pat, &c->shape, err,
	    errlen) < 0) {
		buf_free(&pat);
		buf_free(&c->shape.names);
		free(c);
		return NULL;
	}
	opts = PCRE2_UTF | PCRE2_NO_UTF_CHECK | PCRE2_MATCH_UNSET_BACKREF |
	    PCRE2_NEVER_BACKSLASH_C;
	if (flags & RX_I)
		opts |= PCRE2_CASELESS;
	if (flags & RX_Y)
		opts |= PCRE2_ANCHORED;	/* the JIT takes it only here */
	c->re = pcre2_compile((PCRE2_SPTR)buf_cstr(&pat), pat.len, opts, &rc,
	    &at, NULL);
	buf_free(&pat);
	if (c->re == NULL) {
		pcre2_get_error_message(rc, msg, sizeof(msg));
		snprintf(err, errlen, "%s", (const char *)msg);
		buf_free(&c->shape.names);
		free(c);
		return NULL;
	}
	if (cache.jit)
		pcre2_jit_compile(c->re, PCRE2_JIT_COMPLETE);	/* or interpret */
	cache.compiles++;
	return c;
}

struct regexp_code *
regexp_code_get(const char *src, size_t len, int flags, char *err,
    size_t errlen)
{
	uint32_t h;
	struct regexp_code *c;

	setup();
	flags &= ~(RX_G | RX_D);	/* not the code's */
	h = hash_of(src, len, flags);
	for (c = cache.buckets[h % CACHE_BUCKETS]; c != NULL; c = c->next)
		if (c->hash == h && c->flags == flags && c->len == len &&
		    memcmp(c->src, src, len) == 0) {
			if (c->refs++ == 0)
				idle_unlink(c);
			return c;
		}
	if ((c = code_compile(src, len, flags, err, errlen)) == NULL)
		return NULL;
	if ((c->src = malloc(len + 1)) == NULL)
		log_fatal("malloc");
	memcpy(c->src, src, len);
	c->src[len] = '\0';
	c->len = len;
	c->flags = flags;
	c->hash = h;
	c->refs = 1;
	c->next = cache.buckets[h % CACHE_BUCKETS];
	cache.buckets[h % CACHE_BUCKETS] = c;
	return c;
}

void
regexp_code_put(struct regexp_code *c)
{
	if (c == NULL || --c->refs > 0)
		return;
	c->older = cache.newest;
	c->newer = NULL;
	if (cache.newest != NULL)
		cache.newest->newer = c;
	else
		cache.oldest = c;
	cache.newest = c;
	if (++cache.idle > CACHE_IDLE) {
		c = cache.oldest;
		idle_unlink(c);
		code_free(c);
	}
}

int
regexp_code_groups(const struct regexp_code *c)
{
	return c->shape.ngroups;
}

int
regexp_code_named(const struct regexp_code *c)
{
	return c->shape.named;
}

const char *
regexp_code_name(const struct regexp_code *c, int i)
{
	const char *s = c->shape.names.data;

	if (!c->shape.named || i < 1 || i > c->shape.ngroups)
		return NULL;
	while (--i > 0)
		s += strlen(s) + 1;
	return *s != '\0' ? s : NULL;
}

unsigned long
regexp_compiles(void)
{
	return cache.compiles;
}

/* ---- subjects ----------------------------------------------------------- */

void
regexp_subject_init(struct regexp_subject *s)
{
	memset(s, 0, sizeof(*s));
	buf_init(&s->conv);
}

void
regexp_subject_free(struct regexp_subject *s)
{
	buf_free(&s->conv);
}

/* Bytes of the valid UTF-8 sequence at p, or 0. */
static size_t
utf8_valid(const unsigned char *p, const unsigned char *end)
{
	size_t n, i;
	uint32_t cp;

	if (p[0] < 0xc2 || p[0] > 0xf4)
		return 0;
	n = p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : 4;
	if ((size_t)(end - p) < n)
		return 0;
	cp = p[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 ||
	    cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/*
 * How the MuJS bytes at p turn into text: *jn bytes of MuJS's, *tn of
 * text, *units UTF-16 units.  MuJS writes "\ud83d\ude00" in a literal as
 * two surrogates of three bytes each (CESU-8), which the text joins.
 */
enum { AS_IS, AS_NUL, AS_PAIR, AS_FFFD, AS_STRAY };

static int
classify(const unsigned char *p, const unsigned char *end, size_t *jn,
    size_t *tn, int *units)
{
	size_t n;

	*units = 1;
	if (p[0] < 0x80) {
		*jn = *tn = 1;
		return AS_IS;
	}
	if ((n = utf8_valid(p, end)) > 0) {
		*jn = *tn = n;
		*units = n == 4 ? 2 : 1;
		return AS_IS;
	}
	if (p[0] == 0xc0 && end - p >= 2 && p[1] == 0x80) {
		*jn = 2;
		*tn = 1;
		return AS_NUL;
	}
	if (p[0] == 0xed && end - p >= 3 && p[1] >= 0xa0 &&
	    (p[2] & 0xc0) == 0x80) {
		if (p[1] < 0xb0 && end - p >= 6 && p[3] == 0xed &&
		    p[4] >= 0xb0 && p[4] <= 0xbf && (p[5] & 0xc0) == 0x80) {
			*jn = 6;
			*tn = 4;
			*units = 2;
			return AS_PAIR;
		}
		*jn = *tn = 3;
		return AS_FFFD;
	}
	*jn = *tn = 1;
	return AS_STRAY;
}

static void
subject_convert(struct regexp_subject *s)
{
	const unsigned char *p = (const unsigned char *)s->js;
	const unsigned char *end = p + s->js_len;
	uint32_t cp;
	size_t jn, tn;
	int units;
	char b[4];

	buf_reset(&s->conv);
	buf_reserve(&s->conv, s->js_len + 1);
	for (; p < end; p += jn) {
		switch (classify(p, end, &jn, &tn, &units)) {
		case AS_IS:
			buf_append(&s->conv, p, jn);
			break;
		case AS_NUL:
			buf_putc(&s->conv, '\0');
			break;
		case AS_PAIR:
			cp = 0x10000 + (((uint32_t)(p[1] & 0x0f) << 6 |
			    (p[2] & 0x3f)) << 10) + ((uint32_t)(p[4] & 0x0f) << 6 |
			    (p[5] & 0x3f));
			b[0] = (char)(0xf0 | cp >> 18);
			b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
			b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
			b[3] = (char)(0x80 | (cp & 0x3f));
			buf_append(&s->conv, b, 4);
			break;
		case AS_FFFD:
			buf_append(&s->conv, "\xef\xbf\xbd", 3);
			break;
		default:
			buf_putc(&s->conv, '?');
		}
	}
	s->text = s->conv.data != NULL ? s->conv.data : "";
	s->len = s->conv.len;
}

/* The first byte from p on that is not ASCII, or end; eight at a time. */
static const unsigned char *
ascii_end(const unsigned char *p, const unsigned char *end)
{
	uint64_t w;

	while (end - p >= 8) {
		memcpy(&w, p, 8);
		if (w & 0x8080808080808080ull)
			break;
		p += 8;
	}
	while (p < end && *p < 0x80)
		p++;
	return p;
}

/*
 * Are the bytes from p to end valid UTF-8 as they are (PCRE2's text)?
 * *ascii: are they all ASCII?
 */
static int
same_bytes(const unsigned char *p, const unsigned char *end, int *ascii)
{
	size_t n;

	p = ascii_end(p, end);
	*ascii = p == end;
	while (p < end) {
		if ((n = utf8_valid(p, end)) == 0)
			return 0;
		p = ascii_end(p + n, end);
	}
	return 1;
}

void
regexp_subject_set(struct regexp_subject *s, const char *js, size_t len)
{
	s->js = js;
	s->js_len = len;
	s->cur_text = s->cur_js = 0;
	s->cur_unit = 0;
	s->same = same_bytes((const unsigned char *)js,
	    (const unsigned char *)js + len, &s->plain);
	if (s->same) {
		s->text = js;
		s->len = len;
	} else
		subject_convert(s);
}

/* Moves the cursor one character on, or back. */
static void
cursor_step(struct regexp_subject *s)
{
	const unsigned char *js = (const unsigned char *)s->js;
	size_t jn, tn;
	int units;

	classify(js + s->cur_js, js + s->js_len, &jn, &tn, &units);
	s->cur_text += tn;
	s->cur_js += jn;
	s->cur_unit += units;
}

static void
cursor_back(struct regexp_subject *s)
{
	const unsigned char *js = (const unsigned char *)s->js + s->cur_js;
	size_t p = s->cur_text - 1, n;

	while (p > 0 && ((unsigned char)s->text[p] & 0xc0) == 0x80)
		p--;
	n = s->cur_text - p;
	s->cur_text = p;
	s->cur_unit -= n == 4 ? 2 : 1;
	if (s->text[p] == '\0' && s->cur_js >= 2 && js[-1] == 0x80)
		s->cur_js -= 2;		/* MuJS's C0 80 */
	else if (n == 4 && !(js[-4] >= 0xf0 && js[-4] <= 0xf4))
		s->cur_js -= 6;		/* a surrogate pair of MuJS's */
	else
		s->cur_js -= n;
}

/*
 * Captures come in the order of their groups, which may lie before the
 * last one read: the cursor walks back, or starts over when that is
 * shorter.
 */
static void
cursor_to(struct regexp_subject *s, size_t off)
{
	if (off < s->cur_text / 2)
		s->cur_text = s->cur_js = 0, s->cur_unit = 0;
	while (s->cur_text > off)
		cursor_back(s);
	while (s->cur_text < off && s->cur_text < s->len)
		cursor_step(s);
}

double
regexp_subject_units(struct regexp_subject *s, size_t off)
{
	if (s->plain)
		return (double)off;
	cursor_to(s, off);
	return s->cur_unit;
}

size_t
regexp_subject_js(struct regexp_subject *s, size_t off)
{
	if (s->same)
		return off;
	cursor_to(s, off);
	return s->cur_js;
}

size_t
regexp_subject_offset(struct regexp_subject *s, double units)
{
	if (s->plain)
		return units < (double)s->len ? (size_t)units : s->len;
	if (units < s->cur_unit / 2)
		s->cur_text = s->cur_js = 0, s->cur_unit = 0;
	while (s->cur_unit > units)
		cursor_back(s);
	while (s->cur_unit < units && s->cur_text < s->len)
		cursor_step(s);
	return s->cur_text;
}

size_t
regexp_subject_next(const struct regexp_subject *s, size_t off)
{
	unsigned char c;

	if (off >= s->len)
		return s->len;
	c = (unsigned char)s->text[off];
	return off + (c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4);
}

/* ---- matching ----------------------------------------------------------- */

int
regexp_match(struct regexp_code *c, struct regexp_subject *s, size_t start,
    int notbol, const size_t **ov, char *err, size_t errlen)
{
	uint32_t pairs = (uint32_t)c->shape.ngroups + 1;
	PCRE2_UCHAR msg[120];
	int rc;

	if (pairs > cache.md_pairs) {
		pcre2_match_data_free(cache.md);
		if ((cache.md = pcre2_match_data_create(pairs, NULL)) == NULL)
			log_fatal("pcre2_match_data_create");
		cache.md_pairs = pairs;
	}
	if (start > s->len)
		return 0;
	rc = pcre2_match(c->re, (PCRE2_SPTR)s->text, s->len, start,
	    PCRE2_NO_UTF_CHECK | (notbol ? PCRE2_NOTBOL : 0), cache.md,
	    cache.mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		pcre2_get_error_message(rc, msg, sizeof(msg));
		snprintf(err, errlen, "%s", (const char *)msg);
		return -1;
	}
	*ov = pcre2_get_ovector_pointer(cache.md);
	return 1;
}
