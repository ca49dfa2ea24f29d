/*
 * spread: fnpool:helpers' spread (js/spread.c, js/iterate.c), what
 * fnpool build's output calls for [...x], f(...x) and new F(...x), each
 * case compared with what Node 20's own spread syntax gives.  The table
 * is the output of `node tests/unit/js/spread-cases.js` (CI has no
 * Node).  Then what Node cannot say: fnpool's messages for what is not
 * iterable, where V8 names the expression, and the bounds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"

/* @generated begin: by node v20.20.2 */
#include "node-runner.h"
static const char prelude_js[] =
	"/* fnpool's, or Node's own spread syntax (MuJS never compiles it) */\n"
	    "var spread = (function () {\n"
	    "\011try {\n"
	    "\011\011return require('fnpool:helpers').spread;\n"
	    "\011} catch (e) {\n"
	    "\011\011return Function('value', 'return [...value];');\n"
	    "\011}\n"
	    "})();\n";
static const struct node_case cases[] = {
	{ "spread([1, 'two', [3], null])",
	    "object [1,\"two\",[3],null]" },
	{ "spread([])",
	    "object []" },
	{ "(function () { var a = [1], r = spread(a); r.push(2); return [a.length, r !== a, Array.isArray(r)]; })()",
	    "object [1,true,true]" },
	{ "(function () { var r = spread([1, , 3]); return [r.length, 1 in r, r[1] === undefined]; })()",
	    "object [3,true,true]" },
	{ "(function () { var a = []; a.length = 3; a[1] = 'x'; var r = spread(a); return [r.length, 0 in r, 2 in r, r[1]]; })()",
	    "object [3,true,true,\"x\"]" },
	{ "(function () { Array.prototype[1] = 'inherited'; try { return spread([0, , 2]); } finally { delete Array.prototype[1]; } })()",
	    "object [0,\"inherited\",2]" },
	{ "(function () { var a = [1, 2]; Object.defineProperty(a, 0, { get: function () { return 'got'; } }); return spread(a); })()",
	    "object [\"got\",2]" },
	{ "spread(new Array(1001).join('x').split('')).length",
	    "number 1000" },
	{ "spread('abc')",
	    "object [\"a\",\"b\",\"c\"]" },
	{ "spread('')",
	    "object []" },
	{ "spread('a\\u00e9\\u20ac\\ud83d\\ude00b').map(function (c) { return c.length; })",
	    "object [1,1,1,2,1]" },
	{ "spread('a\\ud83d\\ude00b')",
	    "object [\"a\",\"\\ud83d\\ude00\",\"b\"]" },
	{ "spread('\\ud83d' + '\\ude00' + 'x').map(function (c) { return c.length; })",
	    "object [2,1]" },
	{ "spread('\\ud83d-\\ude00\\ud83d').map(function (c) { return c.length; })",
	    "object [1,1,1,1]" },
	{ "spread('\\ud83d\\ude00').join('') === '\\ud83d\\ude00'",
	    "boolean true" },
	{ "spread('\\u0000a\\u0000').map(function (c) { return c.charCodeAt(0); })",
	    "object [0,97,0]" },
	{ "spread('e\\u0301')",
	    "object [\"e\",\"\\u0301\"]" },
	{ "spread(new String('hi'))",
	    "object [\"h\",\"i\"]" },
	{ "spread(new Set([3, 1, 3, 2]))",
	    "object [3,1,2]" },
	{ "spread(new Map([['a', 1], ['b', 2]]))",
	    "object [[\"a\",1],[\"b\",2]]" },
	{ "spread(new Map([['a', 1], ['b', 2]]).keys())",
	    "object [\"a\",\"b\"]" },
	{ "spread(new Map([['a', 1], ['b', 2]]).values())",
	    "object [1,2]" },
	{ "spread(new Set(['x']).entries())",
	    "object [[\"x\",\"x\"]]" },
	{ "spread(['a', , 'c'].keys())",
	    "object [0,1,2]" },
	{ "spread(['a', 'b'].entries())",
	    "object [[0,\"a\"],[1,\"b\"]]" },
	{ "spread(new Uint8Array([1, 2, 300]))",
	    "object [1,2,44]" },
	{ "(function () { var s = new Set([1, 2]), it = s.values(); it.next(); return spread(it); })()",
	    "object [2]" },
	{ "(function () { var log = [], o = {}; o[Symbol.iterator] = function () { var i = 0; log.push(this === o); return { next: function () { log.push('next'); return i < 2 \? { value: i++, done: false } : { value: 'ignored', done: true }; }, 'return': function () { log.push('return'); } }; }; return [spread(o), log]; })()",
	    "object [[0,1],[true,\"next\",\"next\",\"next\"]]" },
	{ "(function () { var o = {}; o[Symbol.iterator] = function () { var n = 0; return { next: function () { n++; return { value: n, done: n > 2 \? 1 : 0 }; } }; }; return spread(o); })()",
	    "object [1,2]" },
	{ "(function () { var n = 0, o = {}; Object.defineProperty(o, Symbol.iterator, { get: function () { n++; return function () { return [7, 8][Symbol.iterator](); }; } }); return [spread(o), n]; })()",
	    "object [[7,8],1]" },
	{ "(function () { Number.prototype[Symbol.iterator] = function () { return [+this, -this][Symbol.iterator](); }; try { return spread(5); } finally { delete Number.prototype[Symbol.iterator]; } })()",
	    "object [5,-5]" },
	{ "(function () { return spread(arguments); })(1, 'two', [3])",
	    "object [1,\"two\",[3]]" },
	{ "(function () { return spread(arguments); })()",
	    "object []" },
	{ "(function () { 'use strict'; return spread(arguments); })(1, undefined)",
	    "object [1,undefined]" },
	{ "(function () { var o = {}; o[Symbol.iterator] = function () { return { next: function () { throw new Error('boom'); } }; }; return spread(o); })()",
	    "throws Error: boom" },
	{ "(function () { var o = {}; o[Symbol.iterator] = function () { throw new RangeError('at open'); }; return spread(o); })()",
	    "throws RangeError: at open" },
	{ "(function () { var o = {}; o[Symbol.iterator] = function () { return 1; }; return spread(o); })()",
	    "throws TypeError: Result of the Symbol.iterator method is not an object" },
	{ "(function () { var o = {}; o[Symbol.iterator] = function () { return { next: function () { return 1; } }; }; return spread(o); })()",
	    "throws TypeError: Iterator result 1 is not an object" },
	{ "(function () { var o = {}; o[Symbol.iterator] = function () { return {}; }; try { spread(o); } catch (e) { return e.name; } })()",
	    "string TypeError" },
	{ "[5, true, null, undefined, {}, { length: 2, 0: 'a' }, function () {}, Symbol('s')].map(function (v) { try { spread(v); return 'no error'; } catch (e) { return e.name; } })",
	    "object [\"TypeError\",\"TypeError\",\"TypeError\",\"TypeError\",\"TypeError\",\"TypeError\",\"TypeError\",\"TypeError\"]" },
	{ "(function () { var o = {}; o[Symbol.iterator] = 1; try { spread(o); } catch (e) { return e.name; } })()",
	    "string TypeError" },
	{ "(function () { try { spread(); } catch (e) { return e.name; } })()",
	    "string TypeError" },
};
/* @generated end */

static void
test_cases(void)
{
	cases_table(runner_js, prelude_js, cases,
	    sizeof(cases) / sizeof(cases[0]));
}

/* The messages, in V8's words for a value it does not name (new Set(v)). */
static void
test_messages(void)
{
	static const char *const checks[][2] = {
		{ "spread(5)", "throws TypeError: number 5 is not iterable "
		    "(cannot read property Symbol(Symbol.iterator))" },
		{ "spread(false)", "throws TypeError: boolean false is not "
		    "iterable (cannot read property Symbol(Symbol.iterator))" },
		{ "spread(null)", "throws TypeError: null is not iterable "
		    "(cannot read property Symbol(Symbol.iterator))" },
		{ "spread()", "throws TypeError: undefined is not iterable "
		    "(cannot read property Symbol(Symbol.iterator))" },
		{ "spread({ length: 1, 0: 'a' })", "throws TypeError: object "
		    "is not iterable (cannot read property Symbol(Symbol.iterator))" },
		{ "spread(function () {})", "throws TypeError: function is not "
		    "iterable (cannot read property Symbol(Symbol.iterator))" },
		{ "spread(Symbol('s'))", "throws TypeError: symbol is not "
		    "iterable (cannot read property Symbol(Symbol.iterator))" },
		{ "(function () { var o = {}; o[Symbol.iterator] = 'no'; "
		    "return spread(o); })()", "throws TypeError: object is not "
		    "iterable (cannot read property Symbol(Symbol.iterator))" },
	};
	struct budget mem;
	struct buf out;
	js_State *J;
	size_t i;

	buf_init(&out);
	if ((J = cases_state(&mem, runner_js, prelude_js)) == NULL) {
		ok(0, "a state");
		return;
	}
	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
		is_str(cases_run(J, checks[i][0], &out), checks[i][1], checks[i][0]);
	js_freestate(J);
	buf_free(&out);
}

/*
 * The module, and an array's own iterator: not called, as @swc/helpers'
 * _to_consumable_array does not call it (Node would).
 */
static void
test_module(void)
{
	static const char *const checks[][2] = {
		{ "[typeof spread, spread.name, spread.length]",
		    "object [\"function\",\"spread\",1]" },
		{ "require('fnpool:helpers') === require('fnpool:helpers')",
		    "boolean true" },
		{ "Object.keys(require('fnpool:helpers'))[0]", "string spread" },
		{ "(function () { var a = [1, 2]; a[Symbol.iterator] = function "
		    "() { return [9][Symbol.iterator](); }; return spread(a); })()",
		    "object [1,2]" },
		{ "typeof globalThis.spread + ' ' + Object.keys(globalThis)"
		    ".filter(function (k) { return /helpers/.test(k); }).length",
		    "string function 0" },
	};
	struct budget mem;
	struct buf out;
	js_State *J;
	size_t i;

	buf_init(&out);
	if ((J = cases_state(&mem, runner_js, prelude_js)) == NULL) {
		ok(0, "a state");
		return;
	}
	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
		is_str(cases_run(J, checks[i][0], &out), checks[i][1], checks[i][0]);
	js_freestate(J);
	buf_free(&out);
}

/* An endless iterable ends at memory_limit, and the state stays usable. */
static void
test_budget(void)
{
	struct budget mem;
	struct buf out;
	js_State *J;

	buf_init(&out);
	if ((J = cases_state(&mem, runner_js, prelude_js)) == NULL) {
		ok(0, "a state");
		return;
	}
	mem.limit = mem.used + 4 * 1024 * 1024;
	is_str(cases_run(J, "(function () { var o = {}; o[Symbol.iterator] = "
	    "function () { return { next: function () { return { value: "
	    "'item', done: false }; } }; }; try { spread(o); } catch (e) { "
	    "return [String(e), spread('ok')]; } })()", &out),
	    "object [\"out of memory\",[\"o\",\"k\"]]",
	    "an endless iterable throws out of memory, and spread works after");
	js_freestate(J);
	buf_free(&out);
}

int
main(void)
{
	test_cases();
	test_messages();
	test_module();
	test_budget();
	return tap_done();
}
