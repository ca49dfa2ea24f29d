/*
 * symbol: see symbol.h.  A symbol's key is "\377#" and a counter (ten
 * digits, so keys sort in creation order) then "." and its description
 * when it has one; a well-known symbol's is "\377@" and its description
 * ("Symbol.iterator").  The
 * key says all a symbol is, so a symbol that the collector took can be
 * made again, the same, from a key that outlived it on some object.
 * The symbols alive are found by key in a table that their finalizers
 * keep (weakly: a symbol is never kept alive by it), so that
 * Object.getOwnPropertySymbols gives back the very objects used as keys.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "js/mujs_private.h"
#include "js/symbol.h"


struct symbol {
	struct symbol	*next;		/* in its table bucket */
	js_State	*J;
	struct js_Object *obj;
	int		 registered;	/* by Symbol.for */
	const char	*desc;		/* NULL: none; else into key */
	char		 key[];
};

#define NBUCKETS	256
static struct symbol *table[NBUCKETS];
static unsigned long counter;

static const char *const wellknown[] = {
	"asyncIterator", "hasInstance", "isConcatSpreadable", "iterator",
	"match", "matchAll", "replace", "search", "species", "split",
	"toPrimitive", "toStringTag", "unscopables", NULL
};

static unsigned
key_hash(const char *key)
{
	uint32_t h = 2166136261u;

	for (; *key != '\0'; key++)
		h = (h ^ (unsigned char)*key) * 16777619u;
	return h % NBUCKETS;
}

static struct symbol *
symbol_find(js_State *J, const char *key)
{
	struct symbol *s;

	for (s = table[key_hash(key)]; s != NULL; s = s->next)
		if (s->J == J && strcmp(s->key, key) == 0)
			return s;
	return NULL;
}

static void
symbol_free(js_State *J, void *p)
{
	struct symbol *s = p, **sp;

	for (sp = &table[key_hash(s->key)]; *sp != NULL; sp = &(*sp)->next)
		if (*sp == s) {
			*sp = s->next;
			break;
		}
	js_free(J, s);
}

/*
 * Pushes a new symbol of key, whose description (if any) starts at
 * key + desc_at.
 */
static struct symbol *
symbol_make(js_State *J, const char *key, int desc_at)
{
	size_t len = strlen(key);
	struct symbol *s;
	unsigned h;

	s = js_malloc(J, (int)(sizeof(*s) + len + 1));
	memset(s, 0, sizeof(*s));
	memcpy(s->key, key, len + 1);
	s->J = J;
	s->desc = desc_at >= 0 ? s->key + desc_at : NULL;
	js_getregistry(J, "symbol.proto");
	js_newuserdata(J, "Symbol", s, symbol_free);	/* frees it if it fails */
	s->obj = js_toobject(J, -1);
	h = key_hash(s->key);
	s->next = table[h];
	table[h] = s;
	return s;
}

/* Where a key's description starts: after "\377@", or after the dot. */
static int
key_desc_at(const char *key)
{
	const char *dot;

	if (key[1] == '@')
		return 2;
	dot = strchr(key, '.');
	return dot != NULL ? (int)(dot - key) + 1 : -1;
}

/* Pushes the symbol of a hidden key: the one alive, or one made anew. */
static void
symbol_pushkey(js_State *J, const char *key)
{
	struct symbol *s = symbol_find(J, key);

	if (s != NULL)
		js_pushobject(J, s->obj);
	else
		symbol_make(J, key, key_desc_at(key));
}

static int
is_symbol_key(const char *key)
{
	return key[0] == SYMBOL_BYTE && (key[1] == '#' || key[1] == '@');
}

int
symbol_is(js_State *J, int idx)
{
	return js_isuserdata(J, idx, "Symbol");
}

const char *
symbol_key(js_State *J, int idx)
{
	return ((struct symbol *)js_touserdata(J, idx, "Symbol"))->key;
}

static struct symbol *
this_symbol(js_State *J, const char *what)
{
	if (!symbol_is(J, 0))
		js_typeerror(J, "%s requires that 'this' be a Symbol", what);
	return js_touserdata(J, 0, "Symbol");
}

/* ---- Symbol and its prototype ------------------------------------------ */

/* Pushes a new symbol described by desc (NULL: none). */
static struct symbol *
symbol_push(js_State *J, const char *desc)
{
	struct symbol *s;
	char *key;
	size_t n;

	n = 2 + 10 + (desc != NULL ? 1 + strlen(desc) : 0) + 1;
	key = js_malloc(J, (int)n);
	snprintf(key, n, "%c#%010lu%s%s", SYMBOL_BYTE, ++counter,
	    desc != NULL ? "." : "", desc != NULL ? desc : "");
	if (js_try(J)) {
		js_free(J, key);
		js_throw(J);
	}
	s = symbol_make(J, key, desc != NULL ? 13 : -1);
	js_endtry(J);
	js_free(J, key);
	return s;
}

static void
symbol_new(js_State *J)
{
	symbol_push(J, js_isdefined(J, 1) ? js_tostring(J, 1) : NULL);
}

static void
symbol_construct(js_State *J)
{
	js_typeerror(J, "Symbol is not a constructor");
}

static void
symbol_for(js_State *J)
{
	const char *desc = js_tostring(J, 1);

	js_getregistry(J, "symbol.for");
	if (js_hasproperty(J, -1, desc))
		return;
	symbol_push(J, desc)->registered = 1;
	js_copy(J, -1);
	js_setproperty(J, -3, desc);
}

static void
symbol_keyfor(js_State *J)
{
	struct symbol *s;

	if (!symbol_is(J, 1))
		js_typeerror(J, "%s is not a symbol", js_tostring(J, 1));
	s = js_touserdata(J, 1, "Symbol");
	if (s->registered)
		js_pushstring(J, s->desc);
	else
		js_pushundefined(J);
}

static void
proto_tostring(js_State *J)
{
	struct symbol *s = this_symbol(J, "Symbol.prototype.toString");

	js_pushliteral(J, "Symbol(");
	js_pushstring(J, s->desc != NULL ? s->desc : "");
	js_concat(J);
	js_pushliteral(J, ")");
	js_concat(J);
}

/*
 * MuJS turns an object into a primitive by valueOf first: throwing here
 * is what makes "" + sym a TypeError, as in Node.
 */
static void
proto_valueof(js_State *J)
{
	this_symbol(J, "Symbol.prototype.valueOf");
	js_typeerror(J, "Cannot convert a Symbol value to a string");
}

static void
proto_description(js_State *J)
{
	struct symbol *s = this_symbol(J, "Symbol.prototype.description");

	if (s->desc != NULL)
		js_pushstring(J, s->desc);
	else
		js_pushundefined(J);
}

/* Symbol.prototype.toJSON: JSON.stringify leaves symbols out, as Node. */
static void
proto_tojson(js_State *J)
{
	js_pushundefined(J);
}

/* ---- Object: hidden keys left out, symbols listed --------------------- */

/* Replaces the array of names on top by the same without hidden keys. */
static void
drop_hidden(js_State *J)
{
	int i, n = js_getlength(J, -1), k = 0;
	const char *name;

	js_newarray(J);
	for (i = 0; i < n; i++) {
		js_getindex(J, -2, i);
		name = js_tostring(J, -1);
		if (name[0] == SYMBOL_BYTE)
			js_pop(J, 1);
		else
			js_setindex(J, -2, k++);
	}
	js_rot2pop1(J);
}

/* Calls the engine's Object[name] (kept in the registry) on argument 1. */
static void
call_original(js_State *J, const char *name)
{
	js_getregistry(J, name);
	js_pushundefined(J);
	js_copy(J, 1);
	js_call(J, 1);
}

static void
object_keys(js_State *J)
{
	call_original(J, "symbol.keys");
	drop_hidden(J);
}

static void
object_names(js_State *J)
{
	call_original(J, "symbol.names");
	drop_hidden(J);
}

void
symbol_pushown(js_State *J, int idx)
{
	int i, n, k = 0;
	const char *name;

	idx = idx < 0 ? js_gettop(J) + idx : idx;
	js_getregistry(J, "symbol.names");
	js_pushundefined(J);
	js_copy(J, idx);
	js_call(J, 1);
	n = js_getlength(J, -1);
	js_newarray(J);
	for (i = 0; i < n; i++) {
		js_getindex(J, -2, i);
		name = js_tostring(J, -1);
		if (is_symbol_key(name)) {
			symbol_pushkey(J, name);
			js_setindex(J, -3, k++);
		}
		js_pop(J, 1);
	}
	js_rot2pop1(J);
}

static void
object_symbols(js_State *J)
{
	if (!js_isobject(J, 1)) {
		if (!js_iscoercible(J, 1))
			js_typeerror(J, "Cannot convert undefined or null to object");
		js_newarray(J);
		return;
	}
	symbol_pushown(J, 1);
}

/* Object[name] becomes fn; the engine's is kept as registry[key]. */
static void
wrap_object(js_State *J, const char *name, const char *key, js_CFunction fn)
{
	js_getproperty(J, -1, name);
	js_setregistry(J, key);
	js_newcfunction(J, fn, name, 1);
	js_defproperty(J, -2, name, JS_DONTENUM);
}

static void
native_ownsymbols(js_State *J)
{
	symbol_pushown(J, 1);
}

void
symbol_natives(js_State *J, int idx)
{
	idx = idx < 0 ? js_gettop(J) + idx : idx;
	js_pushstring(J, SYMBOL_ITERATOR);
	js_setproperty(J, idx, "iteratorKey");
	js_pushstring(J, SYMBOL_TOSTRINGTAG);
	js_setproperty(J, idx, "toStringTagKey");
	js_pushstring(J, SYMBOL_HIDDEN);
	js_setproperty(J, idx, "hiddenKey");
	js_newcfunction(J, native_ownsymbols, "ownSymbols", 1);
	js_setproperty(J, idx, "ownSymbols");
}

/*
 * Object.prototype.toString: "[object Map]" for what has a string
 * Symbol.toStringTag (userdata says its tag already), as in ES2015.
 */
static void
object_tostring(js_State *J)
{
	if (js_isobject(J, 0) && !js_isuserdata(J, 0, "Symbol")) {
		js_getproperty(J, 0, SYMBOL_TOSTRINGTAG);
		if (js_isstring(J, -1)) {
			js_pushliteral(J, "[object ");
			js_rot2(J);
			js_concat(J);
			js_pushliteral(J, "]");
			js_concat(J);
			return;
		}
		js_pop(J, 1);
	}
	js_getregistry(J, "symbol.tostring");
	js_copy(J, 0);
	js_call(J, 0);
}

/* ---- installation ------------------------------------------------------ */

static void
method(js_State *J, const char *name, js_CFunction fn, int length)
{
	js_newcfunction(J, fn, name, length);
	js_defproperty(J, -2, name, JS_DONTENUM);
}

static void
install_wellknown(js_State *J)
{
	char key[32];
	int i;

	for (i = 0; wellknown[i] != NULL; i++) {
		snprintf(key, sizeof(key), "%c@Symbol.%s", SYMBOL_BYTE,
		    wellknown[i]);
		symbol_make(J, key, 2);
		js_defproperty(J, -2, wellknown[i],
		    JS_READONLY | JS_DONTENUM | JS_DONTCONF);
	}
}

void
symbol_hide(js_State *J)
{
	js_getregistry(J, "symbol.keys");
	if (js_iscallable(J, -1)) {
		js_pop(J, 1);
		return;
	}
	js_pop(J, 1);
	js_getglobal(J, "Object");
	wrap_object(J, "keys", "symbol.keys", object_keys);
	wrap_object(J, "getOwnPropertyNames", "symbol.names", object_names);
	js_pop(J, 1);
}

void
symbol_install(js_State *J)
{
	js_newobject(J);			/* Symbol.prototype */
	js_copy(J, -1);
	js_setregistry(J, "symbol.proto");
	js_newobject(J);
	js_setregistry(J, "symbol.for");
	method(J, "toString", proto_tostring, 0);
	method(J, "valueOf", proto_valueof, 0);
	method(J, "toJSON", proto_tojson, 0);
	js_newcfunction(J, proto_description, "description", 0);
	js_pushnull(J);
	js_defaccessor(J, -3, "description", JS_DONTENUM);
	js_pushliteral(J, "Symbol");
	js_defproperty(J, -2, SYMBOL_TOSTRINGTAG, JS_READONLY | JS_DONTENUM);

	js_newcconstructor(J, symbol_new, symbol_construct, "Symbol", 0);
	method(J, "for", symbol_for, 1);
	method(J, "keyFor", symbol_keyfor, 1);
	install_wellknown(J);
	js_pushglobal(J);
	if (!js_hasproperty(J, -1, "Symbol")) {	/* a function's own wins */
		js_copy(J, -2);
		js_defproperty(J, -2, "Symbol", JS_DONTENUM);
	} else
		js_pop(J, 1);
	js_pop(J, 2);

	symbol_hide(J);
	js_getglobal(J, "Object");
	method(J, "getOwnPropertySymbols", object_symbols, 1);
	js_getproperty(J, -1, "prototype");
	js_getproperty(J, -1, "toString");
	js_setregistry(J, "symbol.tostring");
	method(J, "toString", object_tostring, 0);
	js_pop(J, 2);
}
