/*
 * regexp_mujs: see regexp_mujs.h.
 *
 * MuJS 1.3.6 keeps a RegExp as { void *prog; char *source; unsigned short
 * flags; unsigned short last; } (jsi.h), and its lastIndex in `last`, a
 * byte offset in 16 bits.  fnpool's exec keeps the true lastIndex in the
 * prog and writes `last` beside it, so a value JavaScript assigned
 * (MuJS's property handler writes `last`) shows as a difference.
 * regexp_mujs_probe checks that layout once rather than trust it.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "js/mujs_private.h"
#include "js/regexp_mujs.h"
#include "js/regexp_source.h"

#define PROG_MAGIC	0x46525850u	/* "FRXP" */

/* MuJS's own declarations (its regexp.h and jsi.h are not installed). */
typedef struct regexp_prog Reprog;
enum { REG_ICASE = 1, REG_NEWLINE = 2, REG_NOTBOL = 4, REG_MAXSUB = 16 };
typedef struct {
	int	 nsub;
	struct {
		const char *sp;
		const char *ep;
	} sub[REG_MAXSUB];
} Resub;
struct mujs_regexp {
	void	*prog;
	char	*source;
	unsigned short flags;
	unsigned short last;
};

typedef void *(*mujs_alloc)(void *ctx, void *p, int n);

Reprog	*js_regcompx(mujs_alloc alloc, void *ctx, const char *pattern,
	    int cflags, const char **errorp);
void	 js_regfreex(mujs_alloc alloc, void *ctx, Reprog *prog);
int	 js_regexec(Reprog *prog, const char *string, Resub *sub, int eflags);
struct mujs_regexp *js_toregexp(js_State *J, int idx);

static void (*mujs_newregexp)(js_State *, const char *, int);
static int next_flags;
static struct regexp_prog *last_compiled;	/* for the probe */

void
regexp_mujs_next_flags(int flags)
{
	next_flags = flags & (RX_S | RX_U | RX_Y | RX_D);
}

/* ---- what libmujs calls ------------------------------------------------- */

Reprog *
js_regcompx(mujs_alloc alloc, void *ctx, const char *pattern, int cflags,
    const char **errorp)
{
	static char msg[256];
	char why[160];
	struct regexp_prog *prog;
	struct regexp_code *code;
	int flags = next_flags;

	next_flags = 0;
	if (cflags & REG_ICASE)
		flags |= RX_I;
	if (cflags & REG_NEWLINE)
		flags |= RX_M;
	code = regexp_code_get(pattern, strlen(pattern), flags, why,
	    sizeof(why));
	if (code == NULL) {
		snprintf(msg, sizeof(msg), "/%.80s%s/: %s", pattern,
		    strlen(pattern) > 80 ? "..." : "", why);
		*errorp = msg;
		return NULL;
	}
	if ((prog = alloc(ctx, NULL, (int)sizeof(*prog))) == NULL) {
		regexp_code_put(code);
		*errorp = "out of memory";
		return NULL;
	}
	prog->magic = PROG_MAGIC;
	prog->code = code;
	prog->flags = flags;
	prog->last = 0;
	prog->mujs_last = 0;
	last_compiled = prog;
	return prog;
}

void
js_regfreex(mujs_alloc alloc, void *ctx, Reprog *prog)
{
	if (prog == NULL)
		return;
	regexp_code_put(prog->code);
	prog->magic = 0;
	alloc(ctx, prog, 0);
}

/*
 * For a path of MuJS's own that fnpool does not replace: the first match
 * in string, as MuJS's engine gives it (16 captures at most).
 */
int
js_regexec(Reprog *prog, const char *string, Resub *sub, int eflags)
{
	struct regexp_subject s;
	const size_t *ov;
	char err[128];
	int rc, i;

	regexp_subject_init(&s);
	regexp_subject_set(&s, string, strlen(string));
	rc = regexp_match(prog->code, &s, 0, eflags & REG_NOTBOL, &ov, err,
	    sizeof(err));
	if (rc == 1) {
		sub->nsub = regexp_code_groups(prog->code) + 1;
		if (sub->nsub > REG_MAXSUB)
			sub->nsub = REG_MAXSUB;
		for (i = 0; i < sub->nsub; i++) {
			if (ov[2 * i] == (size_t)-1) {
				sub->sub[i].sp = sub->sub[i].ep = NULL;
				continue;
			}
			sub->sub[i].sp = string + regexp_subject_js(&s, ov[2 * i]);
			sub->sub[i].ep = string +
			    regexp_subject_js(&s, ov[2 * i + 1]);
		}
	}
	regexp_subject_free(&s);
	return rc == 1 ? 0 : rc == 0 ? 1 : -1;
}

__attribute__((constructor)) static void
regexp_mujs_init(void)
{
	if ((mujs_newregexp = dlsym(RTLD_NEXT, "js_newregexp")) == NULL)
		log_fatalx("MuJS has no js_newregexp to replace (is it linked "
		    "as a shared library?)");
}

/*
 * Literals (OP_NEWREGEXP) and `new RegExp` alike: MuJS's RegExp, with
 * the source JavaScript gives in place of MuJS's, which escapes every
 * `/`, in a class and already escaped ones too, and no line terminator.
 */
void
js_newregexp(js_State *J, const char *pattern, int flags)
{
	struct mujs_regexp *r;
	struct buf b;
	char *source;

	mujs_newregexp(J, pattern, flags);
	if (!regexp_source_needed(pattern))
		return;
	buf_init(&b);
	regexp_source_escape(pattern, &b);
	buf_putc(&b, '\0');
	if (js_try(J)) {		/* js_malloc's out of memory */
		buf_free(&b);
		js_throw(J);
	}
	source = js_malloc(J, (int)b.len);
	js_endtry(J);
	memcpy(source, b.data, b.len);
	buf_free(&b);
	r = js_toregexp(J, -1);
	js_free(J, r->source);
	r->source = source;
}

/* ---- what fnpool's natives use ----------------------------------------- */

struct regexp_prog *
regexp_mujs_prog(js_State *J, int idx, int *flags)
{
	struct mujs_regexp *r = js_toregexp(J, idx);
	struct regexp_prog *prog = r->prog;

	if (prog == NULL || prog->magic != PROG_MAGIC)
		js_error(J, "RegExp not compiled by fnpool's engine");
	*flags = prog->flags | (r->flags & RX_G);
	return prog;
}

const char *
regexp_mujs_source(js_State *J, int idx)
{
	return js_toregexp(J, idx)->source;
}

double
regexp_mujs_last(js_State *J, int idx, struct regexp_subject *s)
{
	struct mujs_regexp *r = js_toregexp(J, idx);
	struct regexp_prog *prog = r->prog;

	if (r->last != prog->mujs_last) {	/* assigned in JavaScript */
		prog->last = r->last;
		prog->mujs_last = r->last;
		/*
		 * MuJS stores a negative value modulo 65536; past the end of
		 * the string, 32768 and up is far likelier one of those, which
		 * ToLength makes 0, than an index the match cannot start at.
		 */
		if (s != NULL && r->last >= 0x8000 && r->last > s->len / 3 &&
		    (double)r->last > regexp_subject_units(s, s->len))
			prog->last = 0;
	}
	return prog->last;
}

void
regexp_mujs_copy_last(js_State *J, int from, int to)
{
	struct mujs_regexp *a = js_toregexp(J, from), *b = js_toregexp(J, to);
	struct regexp_prog *pa = a->prog, *pb = b->prog;

	pb->last = pa->last;
	pb->mujs_last = pa->mujs_last;
	b->last = a->last;
}

void
regexp_mujs_set_last(js_State *J, int idx, double units)
{
	struct mujs_regexp *r = js_toregexp(J, idx);
	struct regexp_prog *prog = r->prog;

	prog->last = units;
	prog->mujs_last = r->last = (unsigned short)((unsigned long)units);
}

/* ---- the probe ---------------------------------------------------------- */

/* MuJS's own engine refuses both the group name and the bound. */
static const char probe_source[] = "(?<probe>a{300})";

static int
probe_layout(js_State *J, char *err, size_t errlen)
{
	struct mujs_regexp *r = js_toregexp(J, -1);

	if (r->prog != last_compiled || last_compiled == NULL ||
	    last_compiled->magic != PROG_MAGIC ||
	    !(last_compiled->flags & RX_S)) {
		snprintf(err, errlen, "MuJS's RegExp does not hold the "
		    "program fnpool compiled");
		return -1;
	}
	if (r->flags != JS_REGEXP_G || r->source == NULL ||
	    strcmp(r->source, probe_source) != 0) {
		snprintf(err, errlen, "MuJS's RegExp is not laid out as "
		    "MuJS 1.3.6's (flags, source)");
		return -1;
	}
	js_pushnumber(J, 7);
	js_setproperty(J, -2, "lastIndex");
	if (r->last != 7) {
		snprintf(err, errlen, "MuJS's RegExp does not keep lastIndex "
		    "where MuJS 1.3.6 does");
		return -1;
	}
	return 0;
}

int
regexp_mujs_probe(char *err, size_t errlen)
{
	static int passed;
	js_State *J;
	int rc;

	if (passed)
		return 0;
	if ((J = js_newstate(NULL, NULL, 0)) == NULL) {
		snprintf(err, errlen, "js_newstate failed");
		return -1;
	}
	if (js_try(J)) {
		snprintf(err, errlen, "libmujs compiled a regexp with its own "
		    "engine (%s): fnpool's js_regcompx is not exported from "
		    "the executable (link with -Wl,--dynamic-list=%s)",
		    js_trystring(J, -1, "error"), "src/js/regexp_mujs.sym");
		js_freestate(J);
		return -1;
	}
	last_compiled = NULL;
	regexp_mujs_next_flags(RX_S);
	js_newregexp(J, probe_source, JS_REGEXP_G);
	rc = probe_layout(J, err, errlen);
	js_endtry(J);
	js_freestate(J);
	passed = rc == 0;
	return rc;
}
