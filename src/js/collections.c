/*
 * collections: see collections.h.  A collection is a userdata object
 * whose C side is a hash table over its entries in insertion order; the
 * keys and values themselves live in a JavaScript array held by the
 * object (a hidden property), so the collector sees them.
 *
 * Keys are compared by SameValueZero without calling JavaScript: a
 * string key is kept as a copy of its bytes, a number normalized (-0 is
 * 0, every NaN the same), and an object by its address, which is its
 * identity: MuJS's collector never moves an object, and the array keeps
 * every key alive while it is in the table.
 *
 * A deleted entry stays in place, marked dead, so that iterators and
 * forEach (which hold a position, a cursor) see what the specification
 * says they see; when the dead outnumber the live the entries are
 * compacted, and the cursors moved with them.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "js/collections.h"
#include "js/iterate.h"
#include "js/mujs_private.h"
#include "js/symbol.h"


#define STORE	"\377.entries"		/* the JavaScript array */
#define TARGET	"\377.target"		/* an iterator's collection */

enum kind { MAP, SET, WEAKMAP, WEAKSET };
static const char *const tags[] = { "Map", "Set", "WeakMap", "WeakSet" };
static const char *const iter_tags[] = { "Map Iterator", "Set Iterator" };

enum ktype { K_UNDEF, K_NULL, K_FALSE, K_TRUE, K_NUM, K_STR, K_OBJ };
enum what { KEYS, VALUES, ENTRIES };

struct entry {
	uint32_t	 hash;
	unsigned char	 type;
	unsigned char	 dead;
	union {
		double		 num;
		const void	*obj;
		char		*str;	/* owned by the entry; borrowed by a probe */
	} k;
};

struct coll;

struct cursor {
	struct coll	*c;		/* NULL once the collection is gone */
	int		 pos;		/* the next entry to look at */
	enum what	 what;
	int		 done;
	struct cursor	*next;
	struct cursor	*prev;
};

struct coll {
	enum kind	 kind;
	struct entry	*e;
	int		 n, cap, live;
	int		*slot;		/* entry index + 1; 0 empty, -1 deleted */
	uint32_t	 nslot;		/* a power of two */
	uint32_t	 used;		/* slots not empty */
	struct cursor	*cursors;
};

/* ---- keys ---------------------------------------------------------------- */

static uint32_t
mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (uint32_t)x;
}

/* Reads the key at idx into k (a string borrowed from the stack). */
static void
key_read(js_State *J, int idx, struct entry *k)
{
	const unsigned char *p;
	uint64_t bits;
	uint32_t h;
	double d;

	memset(k, 0, sizeof(*k));
	if (js_isundefined(J, idx))
		k->type = K_UNDEF;
	else if (js_isnull(J, idx))
		k->type = K_NULL;
	else if (js_isboolean(J, idx))
		k->type = js_toboolean(J, idx) ? K_TRUE : K_FALSE;
	else if (js_isnumber(J, idx)) {
		k->type = K_NUM;
		d = js_tonumber(J, idx);
		if (d == 0)
			d = 0;			/* -0 */
		else if (isnan(d))
			d = NAN;
		k->k.num = d;
		memcpy(&bits, &d, sizeof(bits));
		k->hash = mix(bits);
		return;
	} else if (js_isstring(J, idx)) {
		k->type = K_STR;
		k->k.str = (char *)js_tostring(J, idx);
		h = 2166136261u;
		for (p = (const unsigned char *)k->k.str; *p != '\0'; p++)
			h = (h ^ *p) * 16777619u;
		k->hash = h;
		return;
	} else {
		k->type = K_OBJ;
		k->k.obj = js_toobject(J, idx);
		k->hash = mix((uint64_t)(uintptr_t)k->k.obj);
		return;
	}
	k->hash = mix(k->type);
}

static int
key_same(const struct entry *a, const struct entry *b)
{
	if (a->type != b->type || a->hash != b->hash)
		return 0;
	switch (a->type) {
	case K_NUM:
		return a->k.num == b->k.num || (isnan(a->k.num) && isnan(b->k.num));
	case K_STR:
		return strcmp(a->k.str, b->k.str) == 0;
	case K_OBJ:
		return a->k.obj == b->k.obj;
	default:
		return 1;
	}
}

/* ---- the table ----------------------------------------------------------- */

static int
coll_find(struct coll *c, const struct entry *k)
{
	uint32_t i;
	int s;

	if (c->nslot == 0)
		return -1;
	for (i = k->hash & (c->nslot - 1);; i = (i + 1) & (c->nslot - 1)) {
		if ((s = c->slot[i]) == 0)
			return -1;
		if (s > 0 && key_same(&c->e[s - 1], k))
			return s - 1;
	}
}

static void
slot_put(struct coll *c, int index)
{
	uint32_t i;

	for (i = c->e[index].hash & (c->nslot - 1); c->slot[i] > 0;
	    i = (i + 1) & (c->nslot - 1))
		;
	if (c->slot[i] == 0)
		c->used++;
	c->slot[i] = index + 1;
}

/* Rebuilds the slots for the live entries, at a size fitting them. */
static void
slots_rebuild(js_State *J, struct coll *c, int want)
{
	uint32_t n = 8;
	int i;

	while (n < (uint32_t)want * 2)
		n *= 2;
	if (n != c->nslot) {
		js_free(J, c->slot);
		c->slot = NULL;
		c->nslot = 0;
		c->slot = js_malloc(J, (int)(n * sizeof(int)));
		c->nslot = n;
	}
	memset(c->slot, 0, n * sizeof(int));
	c->used = 0;
	for (i = 0; i < c->n; i++)
		if (!c->e[i].dead)
			slot_put(c, i);
}

static void
slot_remove(struct coll *c, int index)
{
	uint32_t i;

	for (i = c->e[index].hash & (c->nslot - 1); c->slot[i] != index + 1;
	    i = (i + 1) & (c->nslot - 1))
		;
	c->slot[i] = -1;
}

/* Pushes the collection's array of keys and values. */
static void
store_push(js_State *J, int idx)
{
	js_getproperty(J, idx, STORE);
}

/*
 * Moves the live entries down over the dead, in the array too, and each
 * cursor to where its next live entry went.
 */
static void
coll_compact(js_State *J, struct coll *c, int idx)
{
	struct cursor *cur;
	int i, j = 0;

	for (cur = c->cursors; cur != NULL; cur = cur->next) {
		for (i = 0, j = 0; i < cur->pos && i < c->n; i++)
			j += !c->e[i].dead;
		cur->pos = j;
	}
	store_push(J, idx);
	for (i = 0, j = 0; i < c->n; i++) {
		if (c->e[i].dead)
			continue;
		if (i != j) {
			c->e[j] = c->e[i];
			js_getindex(J, -1, 2 * i);
			js_setindex(J, -2, 2 * j);
			js_getindex(J, -1, 2 * i + 1);
			js_setindex(J, -2, 2 * j + 1);
		}
		j++;
	}
	c->n = j;
	js_setlength(J, -1, 2 * j);
	js_pop(J, 1);
	slots_rebuild(J, c, c->n);
}

/* Adds key (at kidx) and value (at vidx) as a new entry. */
static void
coll_append(js_State *J, struct coll *c, int idx, struct entry *k,
    int kidx, int vidx)
{
	struct entry *e;
	size_t len;
	char *str = NULL;

	if (c->n == c->cap) {
		int cap = c->cap ? c->cap * 2 : 8;

		e = js_malloc(J, (int)(cap * sizeof(*e)));
		if (c->n > 0)
			memcpy(e, c->e, c->n * sizeof(*e));
		js_free(J, c->e);
		c->e = e;
		c->cap = cap;
	}
	if ((c->used + 1) * 4 > c->nslot * 3)
		slots_rebuild(J, c, c->live + 1);
	store_push(J, idx);
	js_copy(J, kidx);
	js_setindex(J, -2, 2 * c->n);
	js_copy(J, vidx);
	js_setindex(J, -2, 2 * c->n + 1);
	js_pop(J, 1);
	/*
	 * After the stores, which may throw (memory_limit): a copy made
	 * before them would leak.  A throw here leaves the stores past n,
	 * where the next entry overwrites them.
	 */
	if (k->type == K_STR) {
		len = strlen(k->k.str);
		str = js_malloc(J, (int)len + 1);
		memcpy(str, k->k.str, len + 1);
	}
	e = &c->e[c->n];
	*e = *k;
	if (str != NULL)
		e->k.str = str;
	slot_put(c, c->n);
	c->n++;
	c->live++;
}

static void
entry_clear(js_State *J, struct entry *e)
{
	if (e->type == K_STR)
		js_free(J, e->k.str);
	e->type = K_UNDEF;
	e->dead = 1;
}

static void
coll_delete(js_State *J, struct coll *c, int idx, int i)
{
	slot_remove(c, i);
	entry_clear(J, &c->e[i]);
	c->live--;
	store_push(J, idx);
	js_pushundefined(J);
	js_setindex(J, -2, 2 * i);
	js_pushundefined(J);
	js_setindex(J, -2, 2 * i + 1);
	js_pop(J, 1);
	if (c->n - c->live > 8 && c->n - c->live > c->live)
		coll_compact(J, c, idx);
}

static void
coll_clear(js_State *J, struct coll *c, int idx)
{
	struct cursor *cur;
	int i;

	for (i = 0; i < c->n; i++)
		if (!c->e[i].dead)
			entry_clear(J, &c->e[i]);
	c->n = c->live = 0;
	if (c->nslot > 0)
		memset(c->slot, 0, c->nslot * sizeof(int));
	c->used = 0;
	for (cur = c->cursors; cur != NULL; cur = cur->next)
		cur->pos = 0;
	store_push(J, idx);
	js_setlength(J, -1, 0);
	js_pop(J, 1);
}

static void
cursor_attach(struct coll *c, struct cursor *cur)
{
	cur->c = c;
	cur->prev = NULL;
	cur->next = c->cursors;
	if (c->cursors != NULL)
		c->cursors->prev = cur;
	c->cursors = cur;
}

static void
cursor_detach(struct cursor *cur)
{
	if (cur->c == NULL)
		return;
	if (cur->prev != NULL)
		cur->prev->next = cur->next;
	else
		cur->c->cursors = cur->next;
	if (cur->next != NULL)
		cur->next->prev = cur->prev;
	cur->c = NULL;
}

static void
coll_free(js_State *J, void *p)
{
	struct coll *c = p;
	struct cursor *cur, *next;
	int i;

	for (cur = c->cursors; cur != NULL; cur = next) {
		next = cur->next;
		cur->c = NULL;
	}
	for (i = 0; i < c->n; i++)
		if (!c->e[i].dead && c->e[i].type == K_STR)
			js_free(J, c->e[i].k.str);
	js_free(J, c->e);
	js_free(J, c->slot);
	js_free(J, c);
}

/* ---- methods ------------------------------------------------------------- */

/* How Node names a receiver in its messages: #<Map>, [object Array]. */
static const char *
receiver_name(js_State *J, int idx)
{
	static char name[32];
	size_t i;

	if (js_isarray(J, idx))
		return "[object Array]";
	if (!js_isobject(J, idx))
		return js_tostring(J, idx);
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (js_isuserdata(J, idx, tags[i])) {
			snprintf(name, sizeof(name), "#<%s>", tags[i]);
			return name;
		}
	return "#<Object>";
}

static void
incompatible(js_State *J, const char *method)
{
	js_typeerror(J, "Method %s called on incompatible receiver %s", method,
	    receiver_name(J, 0));
}

/* Sets key (at kidx) to the value at vidx: Map's set, Set's add. */
static void
coll_put(js_State *J, struct coll *c, int kidx, int vidx)
{
	struct entry k;
	int i;

	kidx = kidx < 0 ? js_gettop(J) + kidx : kidx;
	vidx = vidx < 0 ? js_gettop(J) + vidx : vidx;
	if ((c->kind == WEAKMAP || c->kind == WEAKSET) && !js_isobject(J, kidx))
		js_typeerror(J, c->kind == WEAKMAP ?
		    "Invalid value used as weak map key" :
		    "Invalid value used in weak set");
	key_read(J, kidx, &k);
	if ((i = coll_find(c, &k)) >= 0) {
		store_push(J, 0);
		js_copy(J, vidx);
		js_setindex(J, -2, 2 * i + 1);
		js_pop(J, 1);
		return;
	}
	coll_append(J, c, 0, &k, kidx, vidx);
}

static int
lookup(js_State *J, struct coll *c)
{
	struct entry k;

	if ((c->kind == WEAKMAP || c->kind == WEAKSET) && !js_isobject(J, 1))
		return -1;
	key_read(J, 1, &k);
	return coll_find(c, &k);
}

static enum kind
fn_kind(js_State *J)
{
	return (enum kind)(intptr_t)js_currentfunctiondata(J);
}

static const char *
method_name(js_State *J, const char *method)
{
	static char name[64];

	snprintf(name, sizeof(name), "%s%s.prototype.%s",
	    strcmp(method, "size") == 0 ? "get " : "", tags[fn_kind(J)], method);
	return name;
}

static struct coll *
this_any(js_State *J, const char *method)
{
	enum kind kind = fn_kind(J);

	if (!js_isuserdata(J, 0, tags[kind]))
		incompatible(J, method_name(J, method));
	return js_touserdata(J, 0, tags[kind]);
}

static void
coll_get(js_State *J)
{
	struct coll *c = this_any(J, "get");
	int i = lookup(J, c);

	if (i < 0) {
		js_pushundefined(J);
		return;
	}
	store_push(J, 0);
	js_getindex(J, -1, 2 * i + 1);
}

static void
coll_set(js_State *J)
{
	coll_put(J, this_any(J, "set"), 1, 2);
	js_copy(J, 0);
}

static void
coll_add(js_State *J)
{
	coll_put(J, this_any(J, "add"), 1, 1);
	js_copy(J, 0);
}

static void
coll_has(js_State *J)
{
	js_pushboolean(J, lookup(J, this_any(J, "has")) >= 0);
}

static void
coll_remove(js_State *J)
{
	struct coll *c = this_any(J, "delete");
	int i = lookup(J, c);

	if (i >= 0)
		coll_delete(J, c, 0, i);
	js_pushboolean(J, i >= 0);
}

static void
coll_empty(js_State *J)
{
	coll_clear(J, this_any(J, "clear"), 0);
	js_pushundefined(J);
}

static void
coll_size(js_State *J)
{
	js_pushnumber(J, this_any(J, "size")->live);
}

static void
coll_foreach(js_State *J)
{
	struct coll *c = this_any(J, "forEach");
	struct cursor cur;
	int i, st;

	if (!js_iscallable(J, 1)) {
		const char *type = js_typeof(J, 1);

		js_typeerror(J, "%s%s%s is not a function",
		    js_isobject(J, 1) ? "" : type, js_isobject(J, 1) ? "" : " ",
		    receiver_name(J, 1));
	}
	store_push(J, 0);		/* compacting keeps the same array */
	st = js_gettop(J) - 1;
	memset(&cur, 0, sizeof(cur));
	cursor_attach(c, &cur);
	if (js_try(J)) {
		cursor_detach(&cur);
		js_throw(J);
	}
	while (cur.c != NULL && cur.pos < c->n) {
		i = cur.pos++;
		if (c->e[i].dead)
			continue;
		js_copy(J, 1);
		js_copy(J, 2);
		js_getindex(J, st, 2 * i + 1);
		js_getindex(J, st, 2 * i);
		js_copy(J, 0);
		js_call(J, 3);
		js_pop(J, 1);
	}
	js_endtry(J);
	cursor_detach(&cur);
	js_pushundefined(J);
}

/* ---- iterators ------------------------------------------------------------ */

static void
cursor_free(js_State *J, void *p)
{
	cursor_detach(p);
	js_free(J, p);
}

static void
push_iterator(js_State *J, enum what what)
{
	struct coll *c = this_any(J, what == KEYS ? "keys" :
	    what == VALUES ? "values" : "entries");
	struct cursor *cur;
	const char *tag = iter_tags[c->kind == SET];

	cur = js_malloc(J, sizeof(*cur));
	memset(cur, 0, sizeof(*cur));
	cur->what = what;
	js_getregistry(J, tag);
	js_newuserdata(J, tag, cur, cursor_free);	/* frees it if it fails */
	cursor_attach(c, cur);
	js_copy(J, 0);
	js_defproperty(J, -2, TARGET, JS_READONLY | JS_DONTENUM | JS_DONTCONF);
}

static void coll_keys(js_State *J) { push_iterator(J, KEYS); }
static void coll_values(js_State *J) { push_iterator(J, VALUES); }
static void coll_entries(js_State *J) { push_iterator(J, ENTRIES); }

static void
iter_result(js_State *J, int done)
{
	js_newobject(J);
	js_rot2(J);
	js_setproperty(J, -2, "value");
	js_pushboolean(J, done);
	js_setproperty(J, -2, "done");
}

static void
iter_next(js_State *J)
{
	const char *tag = js_currentfunctiondata(J);
	struct cursor *cur;
	struct coll *c;
	int i;

	if (!js_isuserdata(J, 0, tag))
		js_typeerror(J, "Method %s.prototype.next called on incompatible "
		    "receiver %s", tag, js_tostring(J, 0));
	cur = js_touserdata(J, 0, tag);
	c = cur->c;
	while (!cur->done && c != NULL && cur->pos < c->n &&
	    c->e[cur->pos].dead)
		cur->pos++;
	if (cur->done || c == NULL || cur->pos >= c->n) {
		cur->done = 1;
		cursor_detach(cur);
		js_pushundefined(J);
		iter_result(J, 1);
		return;
	}
	i = cur->pos++;
	js_getproperty(J, 0, TARGET);
	store_push(J, -1);
	if (cur->what == ENTRIES) {
		js_newarray(J);
		js_getindex(J, -2, 2 * i);
		js_setindex(J, -2, 0);
		js_getindex(J, -2, 2 * i + 1);
		js_setindex(J, -2, 1);
	} else
		js_getindex(J, -1, 2 * i + (cur->what == VALUES));
	js_rot3pop2(J);
	iter_result(J, 0);
}

static void
return_this(js_State *J)
{
	js_copy(J, 0);
}

/* ---- constructors ---------------------------------------------------------- */

/* MuJS gives a C constructor no data: one pair of functions per kind. */
#define CONSTRUCTORS(name, kind) \
	static void name##_call(js_State *J) \
	{ js_typeerror(J, "Constructor %s requires 'new'", tags[kind]); } \
	static void name##_new(js_State *J) { coll_construct(J, kind); }

/* new Map(iterable) takes [key, value] entries; the others, values. */
static void
coll_fill(js_State *J, struct coll *c)
{
	int n, i, top = js_gettop(J), pairs = c->kind == MAP || c->kind == WEAKMAP;

	if (js_isarray(J, 1)) {
		n = js_getlength(J, 1);
		for (i = 0; i < n; i++) {
			js_getindex(J, 1, i);
			if (!pairs)
				coll_put(J, c, -1, -1);
			else if (!js_isobject(J, -1))
				js_typeerror(J, "Iterator value %s is not an entry "
				    "object", js_tostring(J, -1));
			else {
				js_getindex(J, -1, 0);
				js_getindex(J, -2, 1);
				coll_put(J, c, -2, -1);
			}
			js_pop(J, js_gettop(J) - top);
		}
		return;
	}
	iterate_open(J, 1);
	while (iterate_step(J, top)) {
		if (!pairs)
			coll_put(J, c, -1, -1);
		else if (!js_isobject(J, -1))
			js_typeerror(J, "Iterator value %s is not an entry object",
			    js_tostring(J, -1));
		else {
			js_getindex(J, -1, 0);
			js_getindex(J, -2, 1);
			coll_put(J, c, -2, -1);
		}
		js_pop(J, js_gettop(J) - top - 1);
	}
}

static void
coll_construct(js_State *J, enum kind kind)
{
	int items = js_gettop(J) > 1 && !js_isundefined(J, 1) && !js_isnull(J, 1);
	struct coll *c;

	c = js_malloc(J, sizeof(*c));
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	js_currentfunction(J);
	js_getproperty(J, -1, "prototype");
	js_rot2pop1(J);
	js_newuserdata(J, tags[kind], c, coll_free);	/* frees it if it fails */
	js_newarray(J);
	js_defproperty(J, -2, STORE, JS_READONLY | JS_DONTENUM | JS_DONTCONF);
	if (!items)
		return;
	js_replace(J, 0);		/* the new collection is this */
	coll_fill(J, c);
	js_copy(J, 0);
}

CONSTRUCTORS(map, MAP)
CONSTRUCTORS(set, SET)
CONSTRUCTORS(weakmap, WEAKMAP)
CONSTRUCTORS(weakset, WEAKSET)

static const js_CFunction calls[] = { map_call, set_call, weakmap_call,
    weakset_call };
static const js_CFunction constructs[] = { map_new, set_new, weakmap_new,
    weakset_new };

/* ---- installation ------------------------------------------------------------ */

struct method {
	const char	*name;
	js_CFunction	 fn;
	int		 length;
};

static const struct method map_methods[] = {
	{ "get", coll_get, 1 }, { "set", coll_set, 2 }, { "has", coll_has, 1 },
	{ "delete", coll_remove, 1 }, { "clear", coll_empty, 0 },
	{ "forEach", coll_foreach, 1 }, { "keys", coll_keys, 0 },
	{ "values", coll_values, 0 }, { "entries", coll_entries, 0 },
	{ NULL, NULL, 0 }
};

static const struct method set_methods[] = {
	{ "add", coll_add, 1 }, { "has", coll_has, 1 },
	{ "delete", coll_remove, 1 }, { "clear", coll_empty, 0 },
	{ "forEach", coll_foreach, 1 }, { "values", coll_values, 0 },
	{ "entries", coll_entries, 0 },
	{ NULL, NULL, 0 }
};

static const struct method weakmap_methods[] = {
	{ "get", coll_get, 1 }, { "set", coll_set, 2 }, { "has", coll_has, 1 },
	{ "delete", coll_remove, 1 }, { NULL, NULL, 0 }
};

static const struct method weakset_methods[] = {
	{ "add", coll_add, 1 }, { "has", coll_has, 1 },
	{ "delete", coll_remove, 1 }, { NULL, NULL, 0 }
};

static const struct method *const methods[] = {
	map_methods, set_methods, weakmap_methods, weakset_methods
};

/* Defines prototype[alias] as prototype[name] (Set's keys is values). */
static void
alias(js_State *J, const char *alias, const char *name)
{
	js_getproperty(J, -1, name);
	js_defproperty(J, -2, alias, JS_DONTENUM);
}

static void
install_iterator_proto(js_State *J, const char *tag)
{
	js_newobject(J);
	js_newcfunctionx(J, iter_next, "next", 0, (void *)tag, NULL);
	js_defproperty(J, -2, "next", JS_DONTENUM);
	js_newcfunction(J, return_this, "[Symbol.iterator]", 0);
	js_defproperty(J, -2, SYMBOL_ITERATOR, JS_DONTENUM);
	js_pushstring(J, tag);
	js_defproperty(J, -2, SYMBOL_TOSTRINGTAG, JS_READONLY | JS_DONTENUM);
	js_setregistry(J, tag);
}

static void
install_kind(js_State *J, enum kind kind)
{
	const struct method *m;
	void *data = (void *)(intptr_t)kind;

	js_newobject(J);				/* the prototype */
	for (m = methods[kind]; m->name != NULL; m++) {
		js_newcfunctionx(J, m->fn, m->name, m->length, data, NULL);
		js_defproperty(J, -2, m->name, JS_DONTENUM);
	}
	if (kind == MAP || kind == SET) {
		js_newcfunctionx(J, coll_size, "size", 0, data, NULL);
		js_pushnull(J);
		js_defaccessor(J, -3, "size", JS_DONTENUM);
		if (kind == SET)
			alias(J, "keys", "values");
		alias(J, SYMBOL_ITERATOR, kind == MAP ? "entries" : "values");
	}
	js_pushstring(J, tags[kind]);
	js_defproperty(J, -2, SYMBOL_TOSTRINGTAG, JS_READONLY | JS_DONTENUM);
	js_newcconstructor(J, calls[kind], constructs[kind], tags[kind], 0);
	js_pushstring(J, tags[kind]);
	js_defproperty(J, -2, "name", JS_READONLY | JS_DONTENUM);
	js_pushglobal(J);
	if (js_hasproperty(J, -1, tags[kind])) {	/* a function's own wins */
		js_pop(J, 3);
		return;
	}
	js_rot2(J);
	js_defproperty(J, -2, tags[kind], JS_DONTENUM);
	js_pop(J, 1);
}

void
collections_install(js_State *J)
{
	install_iterator_proto(J, iter_tags[0]);
	install_iterator_proto(J, iter_tags[1]);
	install_kind(J, MAP);
	install_kind(J, SET);
	install_kind(J, WEAKMAP);
	install_kind(J, WEAKSET);
}
