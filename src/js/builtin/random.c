/*
 * random: see random.h.
 *
 * MuJS seeds its Math.random from time(NULL) when a state is made, so
 * two workers (or two `fnpool invoke` runs) started in the same second
 * drew the same numbers.  Each state now gets its own xoshiro256**
 * generator (Blackman and Vigna), 32 bytes of seed from getrandom(2):
 * one system call per state, none per draw.  Math.random is not for
 * secrets; crypto's bytes come from OpenSSL's RAND_bytes.
 */
#include <sys/random.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "js/builtin/random.h"

struct xoshiro {
	uint64_t	 s[4];
};

static uint64_t
rotl(uint64_t x, int k)
{
	return x << k | x >> (64 - k);
}

static uint64_t
xoshiro_next(struct xoshiro *x)
{
	uint64_t *s = x->s, r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return r;
}

/* Fills p from getrandom(2), falling back on OpenSSL; 0 or -1. */
static int
seed_bytes(void *p, size_t n)
{
	unsigned char *b = p;
	size_t got = 0;
	ssize_t r;

	while (got < n) {
		r = getrandom(b + got, n - got, 0);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	if (got == n)
		return 0;
	return RAND_bytes(b, (int)n) == 1 ? 0 : -1;
}

/* Math.random(): 53 random bits in [0, 1). */
static void
math_random(js_State *J)
{
	struct xoshiro *x = js_currentfunctiondata(J);

	js_pushnumber(J, (double)(xoshiro_next(x) >> 11) * 0x1.0p-53);
}

static void
xoshiro_free(js_State *J, void *p)
{
	(void)J;
	free(p);
}

void
random_install(js_State *J)
{
	struct xoshiro *x;

	if ((x = malloc(sizeof(*x))) == NULL)
		js_error(J, "out of memory");
	if (seed_bytes(x->s, sizeof(x->s)) == -1 ||
	    (x->s[0] | x->s[1] | x->s[2] | x->s[3]) == 0) {
		free(x);
		js_error(J, "cannot seed Math.random: getrandom failed");
	}
	if (js_try(J)) {
		free(x);
		js_throw(J);
	}
	js_getglobal(J, "Math");
	js_endtry(J);
	/* from here MuJS owns x: it frees it with the function */
	js_newcfunctionx(J, math_random, "random", 0, x, xoshiro_free);
	js_defproperty(J, -2, "random", JS_DONTENUM);
	js_pop(J, 1);
}

void
random_bytes(js_State *J, void *p, size_t n)
{
	size_t chunk;

	while (n > 0) {
		chunk = n > 0x40000000 ? 0x40000000 : n;
		if (RAND_bytes(p, (int)chunk) != 1)
			js_error(J, "cannot get random bytes from OpenSSL");
		p = (unsigned char *)p + chunk;
		n -= chunk;
	}
}
