/*
 * Unit tests for evalfix.c: which uses of eval are renamed, what is
 * never touched, and indirect eval's scope.  Loading through require()
 * is in test_modules.c.
 */
#include <stdio.h>
#include <string.h>

#include <mujs.h>

#include "core/buf.h"
#include "js/evalfix.h"
#include "tap.h"

#define E	EVALFIX_NAME

static const struct {
	const char	*src, *want, *what;
} cases[] = {
	{ "var e = eval;", "var e = " E ";", "assigned" },
	{ "(0, eval)('1')", "(0, " E ")('1')", "(0, eval)(...)" },
	{ "x = { '%eval%': eval, b: 1 }", "x = { '%eval%': " E ", b: 1 }",
	    "a property value, not the quoted key" },
	{ "eval('x')", "eval('x')", "a direct call" },
	{ "eval ('x')", "eval ('x')", "a direct call, blank before (" },
	{ "eval /* c */\n('x')", "eval /* c */\n('x')", "a direct call, comment before (" },
	{ "new eval('x')", "new " E "('x')", "new eval(): not a call of eval" },
	{ "typeof eval", "typeof " E, "typeof" },
	{ "a.eval; a.eval(); a?.eval", "a.eval; a.eval(); a?.eval", "properties" },
	{ "x = { eval: 1 }", "x = { eval: 1 }", "an object key" },
	{ "x = { a: 1, eval: 2 }", "x = { a: 1, eval: 2 }", "a later object key" },
	{ "c ? eval : 0", "c ? " E " : 0", "a value before a colon" },
	{ "var s = \"eval\" + 'eval' + 'it\\'s eval';",
	    "var s = \"eval\" + 'eval' + 'it\\'s eval';", "strings" },
	{ "// eval\n/* eval */ e", "// eval\n/* eval */ e", "comments" },
	{ "var r = /eval/g, q = /[/]eval/;", "var r = /eval/g, q = /[/]eval/;",
	    "regular expressions" },
	{ "x = a / eval / b", "x = a / " E " / b", "division around eval" },
	{ "return /eval/.test(s)", "return /eval/.test(s)", "regexp after return" },
	{ "x = `eval ${eval} eval`", "x = `eval ${" E "} eval`",
	    "template: text kept, code renamed" },
	{ "x = `a ${ {k: `eval`}.k } eval`", "x = `a ${ {k: `eval`}.k } eval`",
	    "nested templates" },
	{ "evaluate(eval$, $eval, _eval, eval_)", "evaluate(eval$, $eval, _eval, eval_)",
	    "longer identifiers" },
	{ "a = [eval,\neval]", "a = [" E ",\n" E "]", "line breaks kept" },
	{ "'unterminated eval", "'unterminated eval", "an unterminated string" },
	{ "/* unterminated eval", "/* unterminated eval", "an unterminated comment" },
	{ "`unterminated ${eval", "`unterminated ${" E, "an unterminated template" },
};

static void
test_rewrite(void)
{
	struct buf out;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_init(&out);
		evalfix_rewrite(cases[i].src, strlen(cases[i].src), &out);
		is_str(buf_cstr(&out), cases[i].want, cases[i].what);
		buf_free(&out);
	}
	buf_init(&out);
	is_int(evalfix_rewrite("eval(1); var e = eval, f = eval;", 32, &out), 2,
	    "the renames are counted");
	buf_free(&out);
}

/* Runs src as a script with evalfix's global; the result as a string. */
static const char *
run(const char *src)
{
	static char out[256];
	js_State *J = js_newstate(NULL, NULL, 0);
	struct buf fixed;

	buf_init(&fixed);
	evalfix_rewrite(src, strlen(src), &fixed);
	evalfix_define(J);
	if (js_ploadstring(J, "t.js", buf_cstr(&fixed)) != 0 ||
	    (js_pushundefined(J), js_pcall(J, 0)) != 0)
		snprintf(out, sizeof(out), "error: %s", js_trystring(J, -1, "?"));
	else
		snprintf(out, sizeof(out), "%s", js_trystring(J, -1, "?"));
	buf_free(&fixed);
	js_freestate(J);
	return out;
}

static void
test_semantics(void)
{
	js_State *J = js_newstate(NULL, NULL, 0);

	ok(js_ploadstring(J, "t.js", "var e = eval;") != 0 && evalfix_refused(J),
	    "MuJS refuses eval as a value, and evalfix_refused knows the error");
	js_pop(J, 1);
	ok(js_ploadstring(J, "t.js", "var = 1;") != 0 && !evalfix_refused(J),
	    "  and no other error");
	js_freestate(J);
	is_str(run("var e = eval; e('1+1')"), "2", "var e = eval; e('1+1')");
	is_str(run("(function () { return (0, eval)('this') === this; })()"),
	    "true", "(0, eval)('this') is the global object");
	is_str(run("(function () { var x = 'local'; (0, eval)('var x = \"global\"');"
	    " return x + ' ' + eval('x') + ' ' + (0, eval)('x'); })()"),
	    "local local global", "indirect eval is global, direct eval local");
	is_str(run("var e = eval; [e(42), e(null) === null, typeof e, e.length].join()"),
	    "42,true,function,1", "a value that is not a string is returned as it is");
	is_str(run("(0, eval)('(')"), "error: SyntaxError: (eval):1: unexpected "
	    "token in expression: (end-of-file)", "a syntax error in the "
	    "evaluated code is thrown");
}

int
main(void)
{
	test_rewrite();
	test_semantics();
	return tap_done();
}
