/*
 * interpose: see interpose.h.  Three replacements for symbol.c, one for
 * proto.c, two for speed:
 *
 *   js_typeof		"symbol" for a symbol (the typeof operator calls it);
 *   js_tostring	a symbol's key, so that o[sym], `sym in o`,
 *			delete o[sym], defineProperty(o, sym, ...) and
 *			hasOwnProperty(sym) all name one hidden property;
 *   jsV_nextiterator	hidden keys skipped, so for-in and JSON.stringify
 *			(which both walk an object with it) never see them;
 *   js_utflen, js_runeat	the same answers, ASCII passed over eight
 *			bytes at a time (utfscan.h says why);
 *   js_setproperty	a key "__proto__" stored as an own property.  Only
 *			C calls it (MuJS's JSON.parse and its reviver,
 *			fnpool's request bodies, queries, headers): they
 *			store data, as Node's CreateDataProperty does, and
 *			must not reach the Object.prototype.__proto__
 *			setter, which would give the object the prototype
 *			a client sent.  Assignments in JavaScript run
 *			MuJS's internal jsR_setproperty and do reach it.
 *
 * Until a state first uses Symbol (symbols is 0) the first two cost a
 * test and an indirect call; the third and the fourth, a byte compared
 * per key.
 * MuJS's own are found once, before main, so no call has to check.
 */
#include <dlfcn.h>
#include <string.h>

#include <mujs.h>

#include "core/log.h"
#include "js/interpose.h"
#include "js/mujs_private.h"
#include "js/symbol.h"
#include "js/utfscan.h"

static const char *(*mujs_typeof)(js_State *, int);
static const char *(*mujs_tostring)(js_State *, int);
static const char *(*mujs_nextiterator)(js_State *, struct js_Object *);
static void (*mujs_setproperty)(js_State *, int, const char *);
static int (*mujs_utflen)(const char *);
static int (*mujs_runeat)(js_State *, const char *, int);
static int symbols;

void *
interpose_mujs(const char *name)
{
	void *fn = dlsym(RTLD_NEXT, name);

	if (fn == NULL)
		log_fatalx("MuJS has no %s to replace (is it linked as a "
		    "shared library?)", name);
	return fn;
}

__attribute__((constructor)) static void
interpose_init(void)
{
	mujs_typeof = interpose_mujs("js_typeof");
	mujs_tostring = interpose_mujs("js_tostring");
	mujs_nextiterator = interpose_mujs("jsV_nextiterator");
	mujs_setproperty = interpose_mujs("js_setproperty");
	mujs_utflen = interpose_mujs("js_utflen");
	mujs_runeat = interpose_mujs("js_runeat");
}

void
interpose_symbols(void)
{
	symbols = 1;
}

const char *
js_typeof(js_State *J, int idx)
{
	if (symbols && symbol_is(J, idx))
		return "symbol";
	return mujs_typeof(J, idx);
}

const char *
js_tostring(js_State *J, int idx)
{
	if (symbols && symbol_is(J, idx))
		return symbol_key(J, idx);
	return mujs_tostring(J, idx);
}

const char *
jsV_nextiterator(js_State *J, struct js_Object *io)
{
	const char *key;

	do
		key = mujs_nextiterator(J, io);
	while (key != NULL && key[0] == SYMBOL_BYTE);
	return key;
}

void
js_setproperty(js_State *J, int idx, const char *name)
{
	if (name[0] == '_' && strcmp(name, "__proto__") == 0 &&
	    js_isobject(J, idx))
		js_defproperty(J, idx, name, 0);
	else
		mujs_setproperty(J, idx, name);
}

int
js_utflen(const char *s)
{
	return utfscan_utflen(s, mujs_utflen);
}

int
js_runeat(js_State *J, const char *s, int i)
{
	return utfscan_runeat(J, s, i, mujs_runeat);
}
