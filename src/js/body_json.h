/*
 * body_json: a strict JSON (RFC 8259) parser that builds the value directly in
 * a MuJS state.  MuJS's own JSON.parse interns every string it reads for
 * the life of the state, so request bodies must not go through it.
 */
#ifndef FNPOOL_BODY_JSON_H
#define FNPOOL_BODY_JSON_H

#include <stddef.h>

#include <mujs.h>

#define JSON_DEPTH_MAX	128

/*
 * Pushes the value of s[0..n) on J's stack and returns 0, or pushes
 * nothing and returns -1 with a message naming line and column in err.
 * Invalid UTF-8 is an error; "\u0000" becomes U+0000.  More than max_keys
 * distinct property names (0: no limit) is an error too: MuJS keeps
 * every property name it has seen until the state is freed, and a body
 * that fails brings at most max_keys of them.
 */
int	 body_json_push(js_State *J, const char *s, size_t n, size_t max_keys,
	    char *err, size_t errsize);

/* The same check without building anything (for tests and fuzzing). */
int	 body_json_check(const char *s, size_t n, size_t max_keys, char *err,
	    size_t errsize);

#endif
