/*
 * Regression test for the MuJS version fnpool needs (>= 1.3.6): each of
 * these is broken in Debian 12's 1.3.2 and breaks ordinary functions.
 */
#include <mujs.h>

#include "tap.h"

static const char *
eval(js_State *J, const char *src)
{
	static char out[256];

	if (js_ploadstring(J, "[test]", src) != 0 ||
	    (js_pushundefined(J), js_pcall(J, 0)) != 0) {
		snprintf(out, sizeof(out), "error: %s", js_trystring(J, -1, "?"));
	} else
		snprintf(out, sizeof(out), "%s", js_trystring(J, -1, "?"));
	js_pop(J, 1);
	return out;
}

int
main(void)
{
	js_State *J = js_newstate(NULL, NULL, 0);

	is_str(eval(J, "Number('-3')"), "-3", "Number('-3') is -3");
	is_str(eval(J, "parseFloat('-3')"), "-3", "parseFloat('-3') is -3");
	is_str(eval(J, "+'-7'"), "-7", "+'-7' is -7");
	is_str(eval(J, "Object.keys([1,2,3]).join(',')"), "0,1,2",
	    "Object.keys([1,2,3]) lists the indices");
	is_str(eval(J, "var k = []; for (var i in ['a','b','c']) k.push(i); k.join(',')"),
	    "0,1,2", "for-in over an array yields each index once");
	is_str(eval(J, "/[a][b][c][d][e][f][g][h][i][j][k][l][m][n][o][p][q][r]/"
	    ".test('abcdefghijklmnopqr')"), "true",
	    "a regex with 18 character classes compiles and matches");
	js_freestate(J);
	return tap_done();
}
