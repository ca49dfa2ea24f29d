/*
 * pkg_json: reading a package.json in its own key order.  MuJS orders
 * an object's keys by name, and "exports" conditions are tried in the
 * order the file gives, so the loader walks the text itself: first
 * checked by body_json_check, then read here without any allocation.
 *
 * A value is a pointer to its first byte inside the checked text.
 */
#ifndef FNPOOL_PKG_JSON_H
#define FNPOOL_PKG_JSON_H

#include <stddef.h>

enum pkg_json_kind {
	PKG_JSON_STRING,
	PKG_JSON_OBJECT,
	PKG_JSON_ARRAY,
	PKG_JSON_NULL,
	PKG_JSON_OTHER,		/* number, true, false */
};

struct pkg_json_iter {
	const char	*p;
	int		 object;
};

/*
 * Checks text[0..n) as strict JSON whose top is an object; -1 with a
 * message naming line and column in err.  Returns the object's value.
 */
const char	*pkg_json_check(const char *text, size_t n, char *err,
		    size_t errsize);

enum pkg_json_kind pkg_json_kind(const char *v);

/* The value of key in the object v, or NULL. */
const char	*pkg_json_get(const char *v, const char *key);

/*
 * Decodes the string v into out; -1 when v is not a string, holds
 * "\u0000" or does not fit.
 */
int		 pkg_json_string(const char *v, char *out, size_t size);

/*
 * Members of an object (with their decoded key; a key that does not fit
 * comes out as "\x01", which matches nothing) or elements of an array,
 * in the file's order: each call returns the next value, or NULL.
 */
void		 pkg_json_iter(struct pkg_json_iter *, const char *v);
const char	*pkg_json_next(struct pkg_json_iter *, char *key,
		    size_t keysize);

#endif
