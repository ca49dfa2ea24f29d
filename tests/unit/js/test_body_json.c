/* Unit tests for json.c: values built in MuJS, errors with line:column. */
#include <stdio.h>
#include <string.h>

#include <mujs.h>

#include "js/body_json.h"
#include "tap.h"

static js_State *J;
static char err[256];

/* Parses s and returns JSON.stringify of the result, or "(error)". */
static const char *
roundtrip(const char *s, size_t n)
{
	static char out[1024];

	err[0] = '\0';
	if (body_json_push(J, s, n, 100, err, sizeof(err)) == -1)
		return "(error)";
	js_getglobal(J, "JSON");
	js_getproperty(J, -1, "stringify");
	js_rot2pop1(J);
	js_pushundefined(J);
	js_rot3(J);
	js_rot3(J);
	if (js_pcall(J, 1) != 0) {
		js_pop(J, 1);
		return "(stringify failed)";
	}
	snprintf(out, sizeof(out), "%s", js_tostring(J, -1));
	js_pop(J, 1);
	return out;
}

#define RT(s, want, what) is_str(roundtrip(s, sizeof(s) - 1), want, what)

int
main(void)
{
	char deep[600];
	int i, top;

	J = js_newstate(NULL, NULL, 0);
	top = js_gettop(J);
	RT("{\"b\":[1,-2.5e3,true,false,null],\"a\":{}}",
	    "{\"a\":{},\"b\":[1,-2500,true,false,null]}", "objects, arrays, literals, numbers");
	RT(" \"caf\\u00e9 \\ud83d\\ude00\" ", "\"café 😀\"", "escapes and surrogate pairs");
	RT("\"a\\u0000b\"", "\"a\\u0000b\"", "\\u0000 is kept as U+0000");
	RT("\xef\xbb\xbf[1]", "[1]", "a byte order mark is skipped");
	RT("{\"\":1}", "{\"\":1}", "an empty key");
	RT("[1,]", "(error)", "trailing comma refused");
	is_str(err, "invalid JSON at line 1 column 4: unexpected character ']'",
	    "the message names line and column");
	RT("{\n  \"a\": tru\n}", "(error)", "bad literal refused");
	ok(strstr(err, "line 2 column 8") != NULL, "line counting");
	RT("\"\xff\"", "(error)", "invalid UTF-8 refused");
	ok(strstr(err, "invalid UTF-8") != NULL, "and named");
	RT("\"a\x01\"", "(error)", "raw control character refused");
	RT("01", "(error)", "leading zero refused");
	RT("1 2", "(error)", "data after the value refused");
	RT("", "(error)", "empty input refused");
	RT("\"abc", "(error)", "unterminated string refused");
	RT("{\"a\" 1}", "(error)", "missing colon refused");
	for (i = 0; i < 300; i++)
		deep[i] = '[';
	deep[300] = '\0';
	is_str(roundtrip(deep, 300), "(error)", "nesting deeper than 128 refused");
	ok(strstr(err, "nested deeper than 128") != NULL, "and named");
	/* 128 levels of {"k":[{"k":[ ... ]}]} build without overflowing MuJS's stack */
	{
		char nest[2048];
		size_t n = 0;

		for (i = 0; i < 64; i++)
			n += (size_t)snprintf(nest + n, sizeof(nest) - n, "{\"k\":[");
		for (i = 0; i < 64; i++)
			n += (size_t)snprintf(nest + n, sizeof(nest) - n, "]}");
		err[0] = '\0';
		ok(body_json_push(J, nest, n, 100, err, sizeof(err)) == 0, "128 levels build");
		if (err[0] == '\0')
			js_pop(J, 1);
		else
			printf("# %s\n", err);
	}
	ok(body_json_check("[[[1]]]", 7, 0, err, sizeof(err)) == 0, "body_json_check accepts");
	{
		char many[4096];
		size_t n = 0;

		n += (size_t)snprintf(many + n, sizeof(many) - n, "[");
		for (i = 0; i < 50; i++)	/* 50 objects, the same 2 names */
			n += (size_t)snprintf(many + n, sizeof(many) - n,
			    "%s{\"id\":%d,\"name\":\"x\"}", i ? "," : "", i);
		n += (size_t)snprintf(many + n, sizeof(many) - n, "]");
		ok(body_json_check(many, n, 2, err, sizeof(err)) == 0,
		    "repeated names count once");
		n = 0;
		n += (size_t)snprintf(many + n, sizeof(many) - n, "{");
		for (i = 0; i < 200; i++)
			n += (size_t)snprintf(many + n, sizeof(many) - n,
			    "%s\"k%d\":1", i ? "," : "", i);
		n += (size_t)snprintf(many + n, sizeof(many) - n, "}");
		ok(body_json_check(many, n, 150, err, sizeof(err)) == -1 &&
		    strstr(err, "more than 150 distinct property names") != NULL,
		    "too many distinct names refused");
		ok(body_json_check(many, n, 200, err, sizeof(err)) == 0,
		    "exactly the limit passes");
	}
	is_int(js_gettop(J), top, "the stack is balanced after all of this");
	js_freestate(J);
	return tap_done();
}
