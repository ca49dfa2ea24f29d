/*
 * utf8: turning request bytes into MuJS strings and back.  MuJS keeps
 * strings as NUL-terminated UTF-8 and writes U+0000 as the two bytes
 * C0 80; bytes that are not UTF-8 would confuse its length and indexing.
 * So every byte string handed to JavaScript goes through one of these.
 */
#ifndef FNPOOL_UTF8_H
#define FNPOOL_UTF8_H

#include <stddef.h>

#include "core/buf.h"

/*
 * Text: valid UTF-8 is kept; each invalid sequence becomes U+FFFD and a
 * NUL byte becomes U+0000 (C0 80).  Returns the number of replacements.
 */
size_t	 utf8_text(const char *s, size_t n, struct buf *out);
/* The length of the longest prefix of s that is valid UTF-8 without NUL. */
size_t	 utf8_valid(const char *s, size_t n);
/* Binary: byte b becomes the character U+00bb (Node's "latin1"). */
void	 utf8_binary(const char *s, size_t n, struct buf *out);
/* Appends one code point (a NUL as C0 80, surrogates as U+FFFD). */
void	 utf8_put(struct buf *out, unsigned long cp);
/* A MuJS string out to the wire: C0 80 becomes a real NUL byte. */
void	 utf8_to_wire(const char *s, size_t n, struct buf *out);
/* Does s[0..n) decode as a string of characters below U+0100? */
int	 utf8_is_binary(const char *s, size_t n);
/* Decodes such a string back to its bytes (the inverse of utf8_binary). */
void	 utf8_binary_bytes(const char *s, size_t n, struct buf *out);
/* The value of the hexadecimal digit c, or -1 (percent-escapes, hex). */
int	 hex_digit(int c);

#endif
