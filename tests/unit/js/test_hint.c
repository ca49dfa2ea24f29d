/*
 * Unit tests for hint.c: which syntax errors get the ES5 or the ES
 * module hint (each construct MuJS 1.3.6 cannot parse), and which get
 * none.  The Express hint is tested through a request in
 * tests/integration/test_hints.sh.
 */
#include <stdio.h>
#include <string.h>

#include <mujs.h>

#include "js/hint.h"
#include "tap.h"

static const struct {
	const char	*src, *want;
} cases[] = {
	{ "var a = 1;\nconst b = 2;", HINT_ES5 },
	{ "let a = 1;", HINT_ES5 },
	{ "var f = (a) => a;", HINT_ES5 },
	{ "class A {}", HINT_ES5 },
	{ "var s = `x`;", HINT_ES5 },
	{ "async function f() {}", HINT_ES5 },
	{ "f(...a);", HINT_ES5 },
	{ "var {a, b} = o;", HINT_ES5 },
	{ "var [a] = o;", HINT_ES5 },
	{ "o?.x;", HINT_ES5 },
	{ "var x = a ?? b;", HINT_ES5 },
	{ "for (var x of y) {}", HINT_ES5 },
	{ "function* g() {}", HINT_ES5 },
	{ "import a from 'b';", HINT_ESM },
	{ "  export default 1;", HINT_ESM },
	{ "var = ;", NULL },
	{ "var s = 'list of => const'; var = ;", NULL },
	{ "var x = 1; // class\nvar = ;", NULL },
	{ "var important = 1; var = ;", NULL },
};

int
main(void)
{
	js_State *J;
	const char *got;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		J = js_newstate(NULL, NULL, 0);
		if (js_ploadstring(J, "f.js", cases[i].src) == 0) {
			ok(0, "%s: compiles", cases[i].src);
			js_freestate(J);
			continue;
		}
		hint_syntax(J, cases[i].src);
		got = hint_get(J, -1);
		ok(got == NULL ? cases[i].want == NULL : cases[i].want != NULL &&
		    strcmp(got, cases[i].want) == 0, "%s: %s", cases[i].src,
		    cases[i].want == NULL ? "no hint" : strcmp(cases[i].want,
		    HINT_ESM) == 0 ? "the ES module hint" : "the ES5 hint");
		ok(strncmp(js_trystring(J, -1, ""), "SyntaxError: f.js:", 18) == 0,
		    "  the error itself is kept");
		js_freestate(J);
	}
	return tap_done();
}
