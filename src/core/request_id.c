/*
 * request_id: 32 hex digits from a per-process random seed and a counter.
 */
#include <stdint.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "core/request_id.h"

static uint64_t id_seed[2];
static uint64_t id_counter;

/* splitmix64: a cheap, well-mixed step; ids need uniqueness, not secrecy. */
static uint64_t
mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

void
request_id_seed(void)
{
	if (getrandom(id_seed, sizeof(id_seed), 0) != sizeof(id_seed)) {
		id_seed[0] = (uint64_t)getpid() << 32 ^ (uint64_t)time(NULL);
		id_seed[1] = (uint64_t)clock();
	}
	id_counter = 0;
}

int
request_id_ok(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-");

	return n > 0 && n <= REQUEST_ID_MAX && s[n] == '\0';
}

void
request_id_next(char out[REQUEST_ID_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	uint64_t c = ++id_counter, v[2];
	int i, j;

	v[0] = mix64(id_seed[0] ^ c);
	v[1] = mix64(id_seed[1] + c);
	for (i = 0; i < 2; i++)		/* "%016llx%016llx", without printf */
		for (j = 0; j < 16; j++)
			out[i * 16 + j] = hex[v[i] >> (60 - 4 * j) & 15];
	out[REQUEST_ID_LEN] = '\0';
}
