/*
 * random: randomness for function states.  Math.random is xoshiro256**,
 * seeded per state from getrandom(2) when the state is made (never from
 * the clock, so states made in the same second differ); random bytes
 * for crypto come from OpenSSL's DRBG, which reseeds itself after fork.
 */
#ifndef FNPOOL_RANDOM_H
#define FNPOOL_RANDOM_H

#include <stddef.h>

#include <mujs.h>

/* Replaces Math.random in a new state.  May throw (out of memory). */
void	 random_install(js_State *J);
/* Fills p with n cryptographically strong bytes, or throws. */
void	 random_bytes(js_State *J, void *p, size_t n);

#endif
