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

/* ToPrimitive in place; JS_HNONE is no hint (numbers first, but Date's). */
enum { JS_HNONE, JS_HNUMBER, JS_HSTRING };
void	 js_toprimitive(js_State *J, int idx, int hint);

#endif
