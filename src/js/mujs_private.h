/*
 * mujs_private: functions that libmujs exports but mujs.h does not
 * declare (they are in MuJS's private jsi.h), with the signatures they
 * have had since 1.3.0.  An object's address is its identity (MuJS never
 * moves objects); js_malloc and js_free go through the state's
 * allocator, so memory_limit counts what they give, and they throw
 * "out of memory" rather than return NULL.
 */
#ifndef FNPOOL_MUJS_PRIVATE_H
#define FNPOOL_MUJS_PRIVATE_H

#include <mujs.h>

struct js_Object;

struct js_Object *js_toobject(js_State *J, int idx);
void	 js_pushobject(js_State *J, struct js_Object *obj);
void	*js_malloc(js_State *J, int size);
void	 js_free(js_State *J, void *ptr);
const char *jsV_nextiterator(js_State *J, struct js_Object *io);
int	 js_utflen(const char *s);
int	 js_runeat(js_State *J, const char *s, int i);

/*
 * A value as MuJS keeps it (js_Value): its address on the stack, and a
 * copy pushed.  A copy of an object or string stays valid while the
 * original is reachable, since MuJS never moves either.
 */
struct mujs_value {
	union { double number; void *ptr; } u;
	char	 pad[7];
	char	 type;
};
struct mujs_value *js_tovalue(js_State *J, int idx);
void	 js_pushvalue(js_State *J, struct mujs_value v);

/* ToPrimitive in place; JS_HNONE is no hint (numbers first, but Date's). */
enum { JS_HNONE, JS_HNUMBER, JS_HSTRING };
void	 js_toprimitive(js_State *J, int idx, int hint);

/*
 * MuJS 1.3.6's own structures (jsi.h), as far as fnpool reads them:
 * configure accepts no other version (a newer MuJS must be read against
 * these first), and keyorder.c checks them on its first calls.  An
 * object's head, as far as its prototype, then the union's iterator.
 */
struct mujs_property;
struct mujs_iterator {			/* js_Iterator: a key for for-in */
	struct mujs_iterator *next;
	char	 name[];
};

struct mujs_object {
	int	 type;			/* enum js_Class */
	int	 extensible;
	struct mujs_property *properties;	/* a tree sorted by name */
	int	 count;
	struct mujs_object *prototype;
	union {
		double	 number;
		struct {		/* type MUJS_CITERATOR */
			struct mujs_object *target;
			int	 i, n;		/* an array's or string's indexes */
			struct mujs_iterator *head, *current;
		} iter;
	} u;
};

enum {					/* enum js_Class */
	MUJS_COBJECT = 0, MUJS_CARRAY = 1, MUJS_CITERATOR = 14
};

struct mujs_property {			/* js_Property: a node of the tree */
	struct mujs_property *left, *right;
	int	 level;			/* 0 only for the tree's sentinel */
	int	 atts;			/* JS_READONLY | JS_DONTENUM | JS_DONTCONF */
	struct {
		union { double number; void *ptr; } u;
		char	 pad[7];
		char	 type;
	} value;
	struct mujs_object *getter, *setter;
	char	 name[];
};

struct mujs_property *jsV_getownproperty(js_State *J, struct js_Object *obj,
	    const char *name);
struct mujs_property *jsV_setproperty(js_State *J, struct js_Object *obj,
	    const char *name);
struct js_Object *jsV_newiterator(js_State *J, struct js_Object *obj, int own);

#endif
