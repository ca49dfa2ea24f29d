/*
 * keyorder: see keyorder.h.
 *
 * Every property MuJS makes comes out of jsV_setproperty, which returns
 * the name's property, old or new.  A new one has atts 0, and MuJS only
 * ever ORs its three flags into atts and tests them with masks, so the
 * replacement below stamps the bits above the flags with a sequence
 * number from a counter of the process, once per property.  Deleting a
 * key and adding it again makes a new property, so the key moves to the
 * end, as in Node.
 *
 * The counter has 28 bits and goes round after 268 million properties
 * (a worker making 100 per request gets there after 2.7 million
 * requests).  Sequence numbers are compared as serial numbers, each
 * against the first one met of the same object: the order is right as
 * long as an object's keys were all made within 134 million properties
 * of each other, whatever the counter's value.  (For-in past the 32nd
 * prototype measures against the counter instead: right while the keys
 * are younger than 134 million properties.)
 *
 * A listing is ranked in one pass first, which finds most lists in
 * order already (one key, or keys made in name order); only the others
 * are sorted, in a buffer on the stack up to 32 keys.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <mujs.h>

#include "core/log.h"
#include "js/interpose.h"
#include "js/keyorder.h"
#include "js/mujs_private.h"
#include "js/symbol.h"

#define SEQ_SHIFT	3		/* above the three JS_ flags */
#define SEQ_MASK	((1u << 28) - 1)
#define SEQ_HALF	(1u << 27)
#define NREFS		32		/* levels with their own reference */
#define NSMALL		32		/* keys sorted without js_malloc */
#define RANK_DROP	UINT64_MAX	/* for-in must not list the key */

static struct mujs_property *(*mujs_setproperty)(js_State *,
	    struct js_Object *, const char *);
static struct js_Object *(*mujs_newiterator)(js_State *, struct js_Object *,
	    int);
static unsigned int seq_last;
static int property_checked;

/* One listing: whose keys, and per level the sequence number met first. */
struct order {
	struct mujs_object *obj;
	unsigned int	 ref[NREFS];	/* 0: none met yet */
};

struct entry {
	uint64_t	 rank;
	uint32_t	 pos;		/* in MuJS's list, to keep ties stable */
	struct mujs_iterator *node;
};

__attribute__((constructor)) static void
keyorder_init(void)
{
	mujs_setproperty = interpose_mujs("jsV_setproperty");
	mujs_newiterator = interpose_mujs("jsV_newiterator");
}

static void
layout_wrong(const char *what)
{
	log_fatalx("MuJS's %s is not laid out as MuJS 1.3.6's, which "
	    "src/js/mujs_private.h declares: rebuild fnpool against this "
	    "MuJS", what);
}

static unsigned int
seq_of(const struct mujs_property *p)
{
	return (unsigned int)p->atts >> SEQ_SHIFT;
}

struct mujs_property *
jsV_setproperty(js_State *J, struct js_Object *obj, const char *name)
{
	struct mujs_property *p = mujs_setproperty(J, obj, name);

	if (p == NULL || seq_of(p) != 0)
		return p;
	if (!property_checked) {
		if (p->level < 1 || strcmp(p->name, name) != 0 ||
		    p->atts != 0)
			layout_wrong("js_Property");
		property_checked = 1;
	}
	seq_last = seq_last == SEQ_MASK ? 1 : seq_last + 1;
	p->atts |= (int)(seq_last << SEQ_SHIFT);
	return p;
}

void
keyorder_seq_set(unsigned int seq)
{
	seq_last = seq & SEQ_MASK;
}

/* Is name an array index, "0" to "4294967294" without leading zeros? */
static int
array_index(const char *name, uint32_t *index)
{
	uint64_t v = 0;
	const char *s;

	if (name[0] < '0' || name[0] > '9' || (name[0] == '0' && name[1]))
		return 0;
	for (s = name; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (uint64_t)(*s - '0');
		if (v >= 4294967295u)
			return 0;
	}
	*index = (uint32_t)v;
	return 1;
}

/*
 * The rank of name at a prototype level (0: the object's own), p its
 * property or NULL for one MuJS makes up ("length"): the level, then
 * indexes by value, then the names MuJS makes up, then the others by
 * sequence number, measured from the level's first.
 */
static uint64_t
rank_of(struct order *o, const struct mujs_property *p, const char *name,
    unsigned int level)
{
	uint64_t head = (uint64_t)level << 33;
	unsigned int seq, ref;
	uint32_t index;

	if (array_index(name, &index))
		return head | index;
	head |= UINT64_C(1) << 32;
	if (p == NULL)
		return head;
	seq = seq_of(p);
	if (level >= NREFS)
		ref = seq_last;
	else {
		if (o->ref[level] == 0)
			o->ref[level] = seq;
		ref = o->ref[level];
	}
	return head | (1 + ((seq - ref + SEQ_HALF) & SEQ_MASK));
}

/*
 * For-in's rank of a name of the chain: at the first level that has it,
 * unless that one is not enumerable (it hides the prototype's, as in
 * Node, where MuJS would list the prototype's).
 */
static uint64_t
rank_inherited(js_State *J, struct order *o, const char *name)
{
	struct mujs_object *obj;
	struct mujs_property *p;
	unsigned int level = 0;

	for (obj = o->obj; obj != NULL; obj = obj->prototype, level++) {
		p = jsV_getownproperty(J, (struct js_Object *)obj, name);
		if (p != NULL)
			return p->atts & JS_DONTENUM ? RANK_DROP :
			    rank_of(o, p, name, level);
	}
	return RANK_DROP;
}

static uint64_t
rank_node(js_State *J, struct order *o, const char *name, int own)
{
	uint32_t index;

	if (!own)
		return rank_inherited(J, o, name);
	if (array_index(name, &index))
		return index;
	return rank_of(o, jsV_getownproperty(J, (struct js_Object *)o->obj,
	    name), name, 0);
}

static int
entry_compare(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Is the list in order already, with nothing to drop? */
static int
list_in_order(js_State *J, struct mujs_iterator *node, int own,
    struct mujs_object *target)
{
	struct order o = { .obj = target };
	uint64_t rank, last = 0;

	for (; node != NULL; node = node->next) {
		rank = rank_node(J, &o, node->name, own);
		if (rank == RANK_DROP || rank < last)
			return 0;
		last = rank;
	}
	return 1;
}

static void
list_sort(js_State *J, struct mujs_object *it, int own)
{
	struct entry small[NSMALL], *e = small;
	struct order o = { .obj = it->u.iter.target };
	struct mujs_iterator *node, **tail;
	size_t n = 0, i;

	for (node = it->u.iter.head; node != NULL; node = node->next)
		n++;
	if (n > NSMALL)			/* throws, holding nothing, if it fails */
		e = js_malloc(J, (int)(n * sizeof(*e)));
	for (i = 0, node = it->u.iter.head; node != NULL; node = node->next,
	    i++)
		e[i] = (struct entry){ rank_node(J, &o, node->name, own),
		    (uint32_t)i, node };
	qsort(e, n, sizeof(*e), entry_compare);
	tail = &it->u.iter.head;
	for (i = 0; i < n; i++) {
		if (e[i].rank == RANK_DROP) {
			js_free(J, e[i].node);
			continue;
		}
		*tail = e[i].node;
		tail = &e[i].node->next;
	}
	*tail = NULL;
	if (e != small)
		js_free(J, e);
}

struct js_Object *
jsV_newiterator(js_State *J, struct js_Object *obj, int own)
{
	struct js_Object *io = mujs_newiterator(J, obj, own);
	struct mujs_object *it = (struct mujs_object *)io;

	if (it->type != MUJS_CITERATOR ||
	    it->u.iter.target != (struct mujs_object *)obj ||
	    it->u.iter.current != it->u.iter.head)
		layout_wrong("iterator object");
	if (!list_in_order(J, it->u.iter.head, own, it->u.iter.target)) {
		list_sort(J, it, own);
		it->u.iter.current = it->u.iter.head;
	}
	return io;
}

/*
 * Object.keys and Object.getOwnPropertyNames: MuJS's array (the object
 * at idx, the array on top), put in order in a new one if it is not.
 */
static void
names_order(js_State *J, int idx)
{
	struct entry small[NSMALL], *volatile e = small;	/* js_try */
	struct order o = { .obj = (struct mujs_object *)js_toobject(J, idx) };
	struct mujs_property *p;
	const char *name;
	int n = js_getlength(J, -1), i, sorted = 1;
	uint32_t index;

	if (n < 2)
		return;
	if (n > NSMALL)
		e = js_malloc(J, n * (int)sizeof(*e));
	if (js_try(J)) {
		if (e != small)
			js_free(J, e);
		js_throw(J);
	}
	for (i = 0; i < n; i++) {
		js_getindex(J, -1, i);
		name = js_tostring(J, -1);
		p = array_index(name, &index) ? NULL :
		    jsV_getownproperty(J, (struct js_Object *)o.obj, name);
		e[i] = (struct entry){ rank_of(&o, p, name, 0), (uint32_t)i,
		    NULL };
		if (i > 0 && e[i].rank < e[i - 1].rank)
			sorted = 0;
		js_pop(J, 1);
	}
	if (!sorted) {
		qsort(e, (size_t)n, sizeof(*e), entry_compare);
		js_newarray(J);
		for (i = 0; i < n; i++) {
			js_getindex(J, -2, (int)e[i].pos);
			js_setindex(J, -2, i);
		}
		js_rot2pop1(J);
	}
	js_endtry(J);
	if (e != small)
		js_free(J, e);
}

/* Pushes what the engine's Object[name] (registry[key]) gives for idx. */
static void
call_engine(js_State *J, const char *key, int idx)
{
	js_getregistry(J, key);
	js_getglobal(J, "Object");
	js_copy(J, idx);
	js_call(J, 1);
}

static void
object_keys(js_State *J)
{
	call_engine(J, "keyorder.keys", 1);
	names_order(J, 1);
}

static void
object_names(js_State *J)
{
	call_engine(J, "keyorder.names", 1);
	names_order(J, 1);
}

/*
 * MuJS's Object.defineProperties defines in name order, and so makes
 * the keys in that order: it is given one key of props at a time here,
 * in props' order (obj at idx, props at idx + 1).
 */
static void
define_ordered(js_State *J, int idx)
{
	const char *name;
	int i, n;

	if (!js_isobject(J, idx) || !js_isobject(J, idx + 1))
		js_typeerror(J, "not an object");
	call_engine(J, "keyorder.keys", idx + 1);
	names_order(J, idx + 1);
	n = js_getlength(J, -1);
	for (i = 0; i < n; i++) {
		js_getregistry(J, "keyorder.defineProperties");
		js_getglobal(J, "Object");
		js_copy(J, idx);
		js_newobject(J);
		js_getindex(J, -5, i);
		name = js_tostring(J, -1);
		js_getproperty(J, idx + 1, name);
		if (!js_isobject(J, -1))	/* MuJS would make it one */
			js_typeerror(J, "Property description must be an "
			    "object: %s", js_tostring(J, -1));
		js_setproperty(J, -3, name);
		js_pop(J, 1);
		js_call(J, 2);
		js_pop(J, 1);
	}
	js_pop(J, 1);
}

static void
object_defineproperties(js_State *J)
{
	define_ordered(J, 1);
	js_copy(J, 1);
}

/* A value for a message, as String(value) gives it (a symbol too). */
static const char *
describe(js_State *J, int idx)
{
	if (!symbol_is(J, idx))
		return js_tostring(J, idx);
	js_getproperty(J, idx, "toString");
	js_copy(J, idx);
	js_call(J, 0);
	return js_tostring(J, -1);
}

/* Object.create: made here, as MuJS makes it; props as above. */
static void
object_create(js_State *J)
{
	if ((!js_isobject(J, 1) && !js_isnull(J, 1)) || symbol_is(J, 1))
		js_typeerror(J, "Object prototype may only be an Object or "
		    "null: %s", describe(J, 1));
	js_copy(J, 1);
	js_newobjectx(J);
	if (js_isundefined(J, 2))
		return;
	js_copy(J, 2);			/* the new object at 3, props at 4 */
	define_ordered(J, 3);
	js_pop(J, 1);
}

/* Object[name] becomes fn; the engine's is kept as registry[key]. */
static void
wrap(js_State *J, const char *name, const char *key, js_CFunction fn,
    int length)
{
	if (key != NULL) {
		js_getproperty(J, -1, name);
		js_setregistry(J, key);
	}
	js_newcfunction(J, fn, name, length);
	js_defproperty(J, -2, name, JS_DONTENUM);
}

void
keyorder_install(js_State *J)
{
	js_getglobal(J, "Object");
	wrap(J, "keys", "keyorder.keys", object_keys, 1);
	wrap(J, "getOwnPropertyNames", "keyorder.names", object_names, 1);
	wrap(J, "defineProperties", "keyorder.defineProperties",
	    object_defineproperties, 2);
	wrap(J, "create", NULL, object_create, 2);
	js_pop(J, 1);
}
