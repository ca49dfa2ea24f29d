/*
 * utfscan: MuJS's scans of a string's UTF-8, passing over ASCII eight
 * bytes at a time (interpose.c puts them in place of js_utflen and
 * js_runeat).
 *
 * MuJS turns a string primitive into a String object for every method
 * call and property read on it (s.charCodeAt(i), s.length), and counts
 * its UTF-16 length each time with js_utflen; charAt and charCodeAt find
 * the i-th unit by walking the string from its start.  A loop over a
 * long string is so quadratic, at about seven instructions a byte.
 * These keep it quadratic but take a small part of that per byte, and
 * hand over to MuJS's own function (rest) at the first byte that is not
 * ASCII, so every answer is MuJS's.
 */
#ifndef FNPOOL_UTFSCAN_H
#define FNPOOL_UTFSCAN_H

#include <stddef.h>

#include <mujs.h>

/* How many of the n bytes at s are ASCII before the first that is not. */
size_t	 utfscan_ascii(const char *s, size_t n);
/* js_utflen: s's length in UTF-16 units. */
int	 utfscan_utflen(const char *s, int (*rest)(const char *));
/* js_runeat: the UTF-16 unit at index i, or EOF. */
int	 utfscan_runeat(js_State *J, const char *s, int i,
	    int (*rest)(js_State *, const char *, int));

#endif
