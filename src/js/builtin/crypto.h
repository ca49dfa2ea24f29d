/*
 * crypto: the C half of require('crypto') and of the global crypto, on
 * OpenSSL 3's libcrypto: digests, HMAC, PBKDF2, scrypt, random bytes,
 * keys, signatures.  crypto.js is the JavaScript half (Node's classes
 * and argument checks) and calls these helpers.  Every OpenSSL object
 * belongs to a MuJS userdata and is freed by its finalizer, when the
 * collector frees the object.
 */
#ifndef FNPOOL_CRYPTO_H
#define FNPOOL_CRYPTO_H

#include <mujs.h>

/* Sets crypto.js's helpers on the object at idx. */
void	 crypto_natives(js_State *J, int idx);

#endif
