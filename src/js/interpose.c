/*
 * interpose: see interpose.h.  Three replacements, for symbol.c:
 *
 *   js_typeof		"symbol" for a symbol (the typeof operator calls it);
 *   js_tostring	a symbol's key, so that o[sym], `sym in o`,
 *			delete o[sym], defineProperty(o, sym, ...) and
 *			hasOwnProperty(sym) all name one hidden property;
 *   jsV_nextiterator	hidden keys skipped, so for-in and JSON.stringify
 *			(which both walk an object with it) never see them.
 *
 * Until a state first uses Symbol (symbols is 0) the first two cost a
 * test and an indirect call; the third, a byte compared per key.
 * MuJS's own are found once, before main, so no call has to check.
 */
#include <dlfcn.h>

#include <mujs.h>

#include "core/log.h"
#include "js/interpose.h"
#include "js/mujs_private.h"
#include "js/symbol.h"

static const char *(*mujs_typeof)(js_State *, int);
static const char *(*mujs_tostring)(js_State *, int);
static const char *(*mujs_nextiterator)(js_State *, struct js_Object *);
static int symbols;

static void *
mujs_function(const char *name)
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
	mujs_typeof = mujs_function("js_typeof");
	mujs_tostring = mujs_function("js_tostring");
	mujs_nextiterator = mujs_function("jsV_nextiterator");
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
