/*
 * pq: see pq.h.
 */
#include <dlfcn.h>
#include <stdio.h>

#define FNPOOL_PQ_NO_MACROS
#include "core/pq.h"

struct pq_api pq_api;
static int loaded;

int
pq_load(char *err, size_t errsize)
{
	void *h;
	const char *missing = NULL;

	if (loaded)
		return 0;
	if ((h = dlopen(PQ_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		snprintf(err, errsize, "PostgreSQL needs libpq: %s (install the "
		    "Debian package libpq5)", dlerror());
		return -1;
	}
#define X(f)	if ((*(void **)&pq_api.f = dlsym(h, #f)) == NULL && \
		    missing == NULL) missing = #f;
	PQ_FUNCTIONS
#undef X
	if (missing != NULL) {
		snprintf(err, errsize, "%s has no %s: libpq is too old",
		    PQ_SONAME, missing);
		dlclose(h);
		return -1;
	}
	loaded = 1;
	return 0;
}
