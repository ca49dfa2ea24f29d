/*
 * utfscan: see utfscan.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "js/utfscan.h"

#define HIGH_BITS	0x8080808080808080ULL

/* The 8 bytes at p as one word. */
static uint64_t
word_at(const char *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof(w));	/* no alignment needed */
	return w;
}

size_t
utfscan_ascii(const char *s, size_t n)
{
	size_t i = 0;

	/*
	 * Four words a test: about a third of an instruction a byte.  No
	 * byte past n is read (sanitizers would say so).
	 */
	for (; n - i >= 32; i += 32)
		if ((word_at(s + i) | word_at(s + i + 8) | word_at(s + i + 16) |
		    word_at(s + i + 24)) & HIGH_BITS)
			break;
	for (; n - i >= 8; i += 8)
		if (word_at(s + i) & HIGH_BITS)
			break;
	while (i < n && (unsigned char)s[i] < 0x80)
		i++;
	return i;
}

/* An ASCII byte is one unit; MuJS counts from the first that is not. */
int
utfscan_utflen(const char *s, int (*rest)(const char *))
{
	size_t n = strlen(s), ascii = utfscan_ascii(s, n);

	if (ascii == n)
		return (int)n;
	return (int)ascii + rest(s + ascii);
}

/*
 * Up to the first byte that is not ASCII, byte and unit are one; MuJS's
 * walk goes on from there (and answers a negative i, as EOF).
 */
int
utfscan_runeat(js_State *J, const char *s, int i,
    int (*rest)(js_State *, const char *, int))
{
	size_t n, ascii;

	if (i < 0)
		return rest(J, s, i);
	n = strnlen(s, (size_t)i + 1);
	ascii = utfscan_ascii(s, n);
	if (ascii > (size_t)i)
		return (unsigned char)s[i];
	if (ascii == n)
		return EOF;		/* the string ends before i */
	return rest(J, s + ascii, i - (int)ascii);
}
