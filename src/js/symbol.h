/*
 * symbol: ES2015 Symbol on MuJS, an ES5 engine whose property keys are
 * strings.  A symbol is a userdata object ("Symbol") standing for a
 * string key that JavaScript cannot spell: it starts with the byte 0xFF,
 * which no UTF-8 text holds.  Three of MuJS's exported functions are
 * replaced so that the engine treats these objects as keys (see
 * symbol.c); see docs/javascript.md for what this can and cannot do.
 */
#ifndef FNPOOL_SYMBOL_H
#define FNPOOL_SYMBOL_H

#include <mujs.h>

/* The first byte of every hidden key: symbols', and fnpool's own. */
#define SYMBOL_BYTE	'\377'
/* The keys of the well-known symbols fnpool's C code uses. */
#define SYMBOL_ITERATOR		"\377@Symbol.iterator"
#define SYMBOL_TOSTRINGTAG	"\377@Symbol.toStringTag"
/* The start of the hidden keys of fnpool's own (never a symbol's). */
#define SYMBOL_HIDDEN		"\377."

/*
 * Defines Symbol, Object.getOwnPropertySymbols, and Object.keys and
 * getOwnPropertyNames that leave hidden keys out.  Once per state, on
 * first use of an ES2015 global (jsext.c).
 */
void	 symbol_install(js_State *J);
/*
 * Object.keys and getOwnPropertyNames leave hidden keys out from now on
 * in this state: before the first section that makes any (jsext.c).
 */
void	 symbol_hide(js_State *J);
/*
 * Sets on the object at idx what the prelude uses: iteratorKey,
 * toStringTagKey, hiddenKey and ownSymbols(o).
 */
void	 symbol_natives(js_State *J, int idx);
/* Is the value at idx a symbol? */
int	 symbol_is(js_State *J, int idx);
/* The key of the symbol at idx. */
const char *symbol_key(js_State *J, int idx);
/* Pushes the symbols among the own keys of the object at idx, an array. */
void	 symbol_pushown(js_State *J, int idx);

#endif
