/*
 * keyorder: an object's keys in Node's order (ES2015's
 * OrdinaryOwnPropertyKeys): integer keys ("array indexes") ascending,
 * then the other keys in the order they were created; for-in goes on
 * with each prototype's keys after the object's own, in the same order.
 * MuJS keeps properties in a tree sorted by name and lists them sorted;
 * keyorder.c replaces two of its functions (jsV_setproperty,
 * jsV_newiterator), which covers for-in, JSON.stringify and
 * js_pushiterator, and wraps Object.keys and Object.getOwnPropertyNames.
 */
#ifndef FNPOOL_KEYORDER_H
#define FNPOOL_KEYORDER_H

#include <mujs.h>

/* Puts the ordering Object.keys and Object.getOwnPropertyNames in J. */
void	 keyorder_install(js_State *J);

/* For tests: the next property made gets sequence number seq + 1. */
void	 keyorder_seq_set(unsigned int seq);

#endif
