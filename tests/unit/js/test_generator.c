/*
 * generator: fnpool:helpers' generator, asyncRun and asyncToGenerator
 * (js/generator.c, js/asyncfn.c), the drivers of the generator and async
 * functions fnpool build's output makes, and asyncWait, asyncDone and
 * asyncFail, its Promise chains (arrayOr, of destructuring, is checked
 * with the module's exports), each case compared with what
 * fnpool build's JavaScript drivers (tools/build/helpers/) give in Node.
 * The table is the output of `node tests/unit/js/generator-cases.js`
 * (CI has no Node).  Then what only fnpool says: its messages and the
 * object's tag.  tests/integration/test_limits.sh ends endless ones at
 * memory_limit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"

/* @generated begin: by node v20.20.2 */
#include "node-runner.h"
static const char prelude_js[] =
	"/* fnpool's drivers, or fnpool build's JavaScript ones in Node */\n"
	    "var H = (function () {\n"
	    "\011try {\n"
	    "\011\011return require('fnpool:helpers');\n"
	    "\011} catch (e) {\n"
	    "\011\011return require('fnpool build helpers');\n"
	    "\011}\n"
	    "})();\n"
	    "var gen = H.generator, asyncRun = H.asyncRun, asyncToGenerator = H.asyncToGenerator;\n"
	    "var wait = H.asyncWait, done = H.asyncDone, fail = H.asyncFail;\n"
	    "var B = {\n"
	    "\011/* yield 1; yield sent + 1; return sent * 10 */\n"
	    "\011three: function (s) { switch (s.label) {\n"
	    "\011\011case 0: return [4, 1];\n"
	    "\011\011case 1: return [4, s.sent() + 1];\n"
	    "\011\011case 2: return [2, s.sent() * 10]; } },\n"
	    "\011/* try { yield \"a\"; yield \"b\" } catch (e) { log e; yield \"c\" } finally { log \"f\" } return \"end\" */\n"
	    "\011tried: function (log) { return function (s) { switch (s.label) {\n"
	    "\011\011case 0: s.trys.push([0, 3, 5, 6]); return [4, \"a\"];\n"
	    "\011\011case 1: s.sent(); return [4, \"b\"];\n"
	    "\011\011case 2: s.sent(); return [3, 6];\n"
	    "\011\011case 3: log.push(\"caught \" + s.sent()); return [4, \"c\"];\n"
	    "\011\011case 4: s.sent(); return [3, 6];\n"
	    "\011\011case 5: log.push(\"finally\"); return [7];\n"
	    "\011\011case 6: return [2, \"end\"]; } }; },\n"
	    "\011/* yield* it; return what it returned */\n"
	    "\011delegating: function (it) { return function (s) { switch (s.label) {\n"
	    "\011\011case 0: return [5, it];\n"
	    "\011\011case 1: return [2, s.sent()]; } }; },\n"
	    "\011/* await v; await w; return [both] */\n"
	    "\011awaits: function (v, w, log) { return function (s) { var x; switch (s.label) {\n"
	    "\011\011case 0: log && log.push(\"start\"); return [4, v];\n"
	    "\011\011case 1: x = s.sent(); log && log.push(\"got \" + x); s.x = x; return [4, w];\n"
	    "\011\011case 2: return [2, [s.x, s.sent()]]; } }; },\n"
	    "\011/* try { await p } catch (e) { return \"caught \" + e.message } */\n"
	    "\011catching: function (p) { return function (s) { switch (s.label) {\n"
	    "\011\011case 0: s.trys.push([0, 2, , 3]); return [4, p];\n"
	    "\011\011case 1: return [2, \"no error \" + s.sent()];\n"
	    "\011\011case 2: return [2, \"caught \" + s.sent().message];\n"
	    "\011\011case 3: return [2]; } }; },\n"
	    "};\n";
static const struct node_case cases[] = {
	{ "(function () { var g = gen(null, B.three); return [g.next('ignored'), g.next(5), g.next(7), g.next(), g.next()]; })()",
	    "object [{\"done\":false,\"value\":1},{\"done\":false,\"value\":6},{\"done\":true,\"value\":70},{\"done\":true,\"value\":undefined},{\"done\":true,\"value\":undefined}]" },
	{ "(function () { var self = {}, seen; gen(self, function () { seen = this; return [2]; }).next(); return seen === self; })()",
	    "boolean true" },
	{ "(function () { var g = gen(null, B.three); return [g.next(), g.return(42), g.next(3)]; })()",
	    "object [{\"done\":false,\"value\":1},{\"done\":true,\"value\":42},{\"done\":true,\"value\":undefined}]" },
	{ "(function () { var g = gen(null, B.three); return [g.return('early'), g.next()]; })()",
	    "object [{\"done\":true,\"value\":\"early\"},{\"done\":true,\"value\":undefined}]" },
	{ "(function () { var g = gen(null, B.three); try { g.throw(new Error('before start')); } catch (e) { return [e.message, g.next()]; } })()",
	    "object [\"before start\",{\"done\":true,\"value\":undefined}]" },
	{ "(function () { var g = gen(null, B.three); g.next(); try { g.throw(new RangeError('in')); } catch (e) { return [e.name, g.next()]; } })()",
	    "object [\"RangeError\",{\"done\":true,\"value\":undefined}]" },
	{ "(function () { var log = [], g = gen(null, B.tried(log)); return [g.next(), g.next(), g.next(), g.next(), log]; })()",
	    "object [{\"done\":false,\"value\":\"a\"},{\"done\":false,\"value\":\"b\"},{\"done\":true,\"value\":\"end\"},{\"done\":true,\"value\":undefined},[\"finally\"]]" },
	{ "(function () { var log = [], g = gen(null, B.tried(log)); g.next(); return [g.throw('x'), g.next(), g.next(), log]; })()",
	    "object [{\"done\":false,\"value\":\"c\"},{\"done\":true,\"value\":\"end\"},{\"done\":true,\"value\":undefined},[\"caught x\",\"finally\"]]" },
	{ "(function () { var log = [], g = gen(null, B.tried(log)); g.next(); return [g.return('r'), g.next(), log]; })()",
	    "object [{\"done\":true,\"value\":\"r\"},{\"done\":true,\"value\":undefined},[\"finally\"]]" },
	{ "(function () { var log = [], g = gen(null, B.tried(log)); g.next(); g.next(); g.throw('y'); try { g.throw('z'); } catch (e) { return ['thrown ' + e, g.next(), log]; } })()",
	    "object [\"thrown z\",{\"done\":true,\"value\":undefined},[\"caught y\",\"finally\"]]" },
	{ "(function () { var g = gen(null, B.delegating(['a', 'b'][Symbol.iterator]())); return [g.next(), g.next(), g.next()]; })()",
	    "object [{\"done\":false,\"value\":\"a\"},{\"done\":false,\"value\":\"b\"},{\"done\":true,\"value\":undefined}]" },
	{ "(function () { var g = gen(null, B.delegating(gen(null, B.three))); return [g.next(), g.next(2), g.next(4)]; })()",
	    "object [{\"done\":false,\"value\":1},{\"done\":false,\"value\":3},{\"done\":true,\"value\":40}]" },
	{ "(function () { var inner = gen(null, B.three), g = gen(null, B.delegating(inner)); g.next(); return [g.return('out'), inner.next()]; })()",
	    "object [{\"done\":true,\"value\":\"out\"},{\"done\":true,\"value\":undefined}]" },
	{ "(function () { var log = [], g = gen(null, B.delegating(gen(null, B.tried(log)))); g.next(); return [g.throw('into'), g.next(), g.next(), log]; })()",
	    "object [{\"done\":false,\"value\":\"c\"},{\"done\":true,\"value\":\"end\"},{\"done\":true,\"value\":undefined},[\"caught into\",\"finally\"]]" },
	{ "(function () { var closed = 0, it = { next: function () { return { value: 1, done: false }; }, 'return': function () { closed++; return {}; } }; var g = gen(null, B.delegating(it)); g.next(); try { g.throw(new Error('no throw method')); } catch (e) { return [e.message, closed]; } })()",
	    "object [\"no throw method\",1]" },
	{ "(function () { var g = gen(null, B.three); return [g[Symbol.iterator]() === g, Object.keys(g), JSON.stringify(g)]; })()",
	    "object [true,[],\"{}\"]" },
	{ "(function () { var out = [], g = gen(null, B.three), it = g[Symbol.iterator](), r; while (!(r = it.next()).done) out.push(r.value); return out; })()",
	    "object [1,null]" },
	{ "(function () { var g = gen(null, function () { g.next(); return [2]; }); try { g.next(); } catch (e) { return [e.name, e.message, g.next()]; } })()",
	    "object [\"TypeError\",\"Generator is already executing.\",{\"done\":true,\"value\":undefined}]" },
	{ "(function () { var g = gen(null, function () { throw new SyntaxError('from the body'); }); try { g.next(); } catch (e) { return [e.name, e.message, g.next()]; } })()",
	    "object [\"SyntaxError\",\"from the body\",{\"done\":true,\"value\":undefined}]" },
	{ "(function () { try { gen(null, 5).next(); } catch (e) { return e.name; } })()",
	    "string TypeError" },
	{ "asyncRun(null, B.awaits(1, Promise.resolve(2)))",
	    "resolves object [1,2]" },
	{ "asyncRun(null, B.awaits({ then: function (r) { r('thenable'); } }, undefined))",
	    "resolves object [\"thenable\",undefined]" },
	{ "asyncRun(null, B.awaits(Promise.reject(new Error('rejected')), 2))",
	    "rejects Error: rejected" },
	{ "asyncRun(null, B.catching(Promise.reject(new TypeError('tt'))))",
	    "resolves string caught tt" },
	{ "asyncRun(null, B.catching(Promise.resolve(9)))",
	    "resolves string no error 9" },
	{ "asyncRun(null, B.catching({ then: function () { throw new Error('bad then'); } }))",
	    "resolves string caught bad then" },
	{ "asyncRun(null, function () { throw new EvalError('sync'); })",
	    "rejects EvalError: sync" },
	{ "(function () { var out = []; try { var p = asyncRun(null, function () { throw new Error('sync'); }); out.push(typeof p.then); } catch (e) { out.push('threw'); } return p.then(null, function (e) { out.push(e.message); return out; }); })()",
	    "resolves object [\"function\",\"sync\"]" },
	{ "(function () { var log = []; var p = asyncRun(null, B.awaits(null, Promise.resolve('w'), log)); log.push('sync'); Promise.resolve().then(function () { log.push('t1'); }).then(function () { log.push('t2'); }).then(function () { log.push('t3'); }).then(function () { log.push('t4'); }); return p.then(function (r) { log.push('done'); return Promise.resolve().then(function () { return [r, log]; }); }); })()",
	    "resolves object [[null,\"w\"],[\"start\",\"sync\",\"got null\",\"t1\",\"t2\",\"done\",\"t3\",\"t4\"]]" },
	{ "(function () { var log = []; var p = asyncRun(null, function (s) { switch (s.label) { case 0: return [4, 1]; case 1: return [2, Promise.resolve('inner')]; } }); p.then(function () { log.push('p'); }); Promise.resolve().then(function () { log.push('a'); }).then(function () { log.push('b'); }).then(function () { log.push('c'); }).then(function () { log.push('d'); }); return Promise.resolve().then(function () {}).then(function () {}).then(function () {}).then(function () {}).then(function () {}).then(function () { return log; }); })()",
	    "resolves object [\"a\",\"b\",\"c\",\"p\",\"d\"]" },
	{ "(function () { var self = { v: 3 }; return asyncRun(self, function (s) { switch (s.label) { case 0: return [4, 0]; case 1: return [2, this.v]; } }); })()",
	    "resolves number 3" },
	{ "(function () { var f = asyncToGenerator(function (a, b) { var self = this; return gen(this, function (s) { switch (s.label) { case 0: return [4, a]; case 1: return [2, [s.sent() + b, self && self.k]]; } }); }); return Promise.all([f(1, 2), f.call({ k: 'k' }, 3, 4)]); })()",
	    "resolves object [[3,undefined],[7,\"k\"]]" },
	{ "(function () { var p = asyncRun(null, B.awaits(1, 2)); return [p instanceof Promise, Object.prototype.toString.call(p)]; })()",
	    "object [true,\"[object Promise]\"]" },
	{ "(function () { var p; try { p = asyncRun(null, 5); } catch (e) { return 'threw ' + e.name; } return p.then(null, function (e) { return 'rejects ' + e.name; }); })()",
	    "resolves string rejects TypeError" },
	{ "(function () { var log = []; function f() { try { log.push('s0'); return wait(void 0, Promise.resolve(1), function (v) { log.push('s1 ' + v); return v + 1; }); } catch (e) { return fail(void 0, e); } } var p = f(); log.push('sync'); Promise.resolve().then(function () { log.push('t1'); }).then(function () { log.push('t2'); }).then(function () { log.push('t3'); }); return p.then(function (r) { log.push('done'); return [r, log]; }); })()",
	    "resolves object [2,[\"s0\",\"sync\",\"s1 1\",\"t1\",\"done\",\"t2\"]]" },
	{ "(function () { var P; P = wait(void 0, 1, function (v) { return wait(P, v + 1, function (w) { return wait(P, { then: function (r) { r(w * 10); } }, function (x) { return x + 1; }); }); }); return P; })()",
	    "resolves number 21" },
	{ "(function () { var log = [], P; P = wait(void 0, 'a', function (v) { log.push(v); return wait(P, 'b', function (w) { log.push(w); return Promise.resolve('c'); }); }); P.then(function () { log.push('P'); }); Promise.resolve().then(function () { log.push(1); }).then(function () { log.push(2); }).then(function () { log.push(3); }).then(function () { log.push(4); }).then(function () { log.push(5); }).then(function () { log.push(6); }); return Promise.resolve().then(function () {}).then(function () {}).then(function () {}).then(function () {}).then(function () {}).then(function () {}).then(function () { return log; }); })()",
	    "resolves object [\"a\",1,\"b\",2,3,4,\"P\",5,6]" },
	{ "wait(void 0, Promise.reject(new RangeError('awaited')), function () { return 'not called'; })",
	    "rejects RangeError: awaited" },
	{ "wait(void 0, 1, function () { throw new URIError('in the callback'); })",
	    "rejects URIError: in the callback" },
	{ "(function () { var P; P = wait(void 0, 1, function () { return wait(P, Promise.reject(new Error('second')), function () { return 'not called'; }); }); return P; })()",
	    "rejects Error: second" },
	{ "wait(void 0, { get then() { throw new Error('then getter'); } }, function () { return 'not called'; })",
	    "rejects Error: then getter" },
	{ "done(void 0, 5)",
	    "resolves number 5" },
	{ "done(void 0, Promise.resolve(6))",
	    "resolves number 6" },
	{ "done(void 0)",
	    "resolves undefined undefined" },
	{ "fail(void 0, new TypeError('early'))",
	    "rejects TypeError: early" },
	{ "(function () { var p = wait(void 0, 0, function () { return 1; }); return [p instanceof Promise, p === wait(p, 0, function () { return p; })]; })()",
	    "object [true,true]" },
};
/* @generated end */

static void
test_cases(void)
{
	cases_table(runner_js, prelude_js, cases,
	    sizeof(cases) / sizeof(cases[0]));
}

/* fnpool's messages, where the JavaScript drivers fail on their own. */
static void
test_messages(void)
{
	static const char *const checks[][2] = {
		{ "gen(null, 5)", "throws TypeError: generator: the body is "
		    "number, not a function" },
		{ "gen(null, function () { return 5; }).next()", "throws "
		    "TypeError: generator: the body gave number, not an "
		    "instruction" },
		{ "gen(null, function () { return [9]; }).next()", "throws "
		    "TypeError: generator: the body gave the unknown "
		    "instruction 9" },
		{ "gen(null, function () { return [7]; }).next()", "throws "
		    "TypeError: generator: a finally block ended with no "
		    "instruction held up" },
		{ "gen(null, B.three).next.call({})", "throws TypeError: next "
		    "method called on incompatible receiver object" },
		{ "gen(null, B.three)['throw'].call(5, 1)", "throws TypeError: "
		    "throw method called on incompatible receiver number" },
		{ "asyncToGenerator(5)", "throws TypeError: "
		    "_async_to_generator: number is not a function" },
		{ "asyncToGenerator(function () { return {}; })()", "rejects "
		    "TypeError: _async_to_generator: the function made object, "
		    "not a generator of fnpool build's _ts_generator" },
		{ "asyncRun(null, 5)", "rejects TypeError: generator: the body "
		    "is number, not a function" },
		{ "wait(void 0, 1, 5)", "throws TypeError: _async_to_generator: "
		    "wait's callback is number, not a function" },
		{ "wait(Promise.resolve(1), 2, function () {})", "throws "
		    "TypeError: _async_to_generator: wait for what is not the "
		    "function's promise, still pending" },
		{ "(function () { var p = done(void 0, 1); return done(p, 2); })()",
		    "throws TypeError: _async_to_generator: done of what is not "
		    "the function's promise, still pending" },
		{ "fail({}, 1)", "throws TypeError: _async_to_generator: fail of "
		    "what is not the function's promise, still pending" },
		{ "asyncRun(null, B.delegating([1][Symbol.iterator]()))",
		    "rejects TypeError: "
		    "_async_to_generator: yield* in the body of an async "
		    "function" },
	};

	cases_check(runner_js, prelude_js, checks,
	    sizeof(checks) / sizeof(checks[0]));
}

/* What a native generator is in Node, and the module's exports. */
static void
test_object(void)
{
	static const char *const checks[][2] = {
		{ "Object.prototype.toString.call(gen(null, B.three))",
		    "string [object Generator]" },
		{ "Object.getOwnPropertyNames(gen(null, B.three))",
		    "object [\"label\"]" },
		{ "(function () { var g = gen(null, B.three), k = []; for (var "
		    "x in g) k.push(x); return k; })()", "object []" },
		{ "require('fnpool:helpers').spread(gen(null, B.three))",
		    "object [1,null]" },
		{ "Object.keys(require('fnpool:helpers'))", "object [\"spread\","
		    "\"generator\",\"asyncToGenerator\",\"asyncRun\","
		    "\"asyncWait\",\"asyncDone\",\"asyncFail\",\"arrayOr\"]" },
		{ "(function () { var a = [1], f = H.arrayOr(function () { "
		    "return 'general'; }); return [f(a) === a, f('ab', 2), "
		    "f(), f.length]; })()", "object [true,\"general\","
		    "\"general\",0]" },
		{ "(function () { var got, f = H.arrayOr(function (x, i) { "
		    "'use strict'; got = [this === undefined, x, i]; return 'g'; "
		    "}); f.call({}, 's', 2); return [got[0], got[1], got[2], "
		    "H.arrayOr(function (a, b) {}).length]; })()",
		    "object [true,\"s\",2,2]" },
		{ "H.arrayOr(5)", "throws TypeError: arrayOr: number is not a "
		    "function" },
		{ "[gen.name, gen.length, asyncRun.length, "
		    "asyncToGenerator.length]", "object [\"generator\",2,2,1]" },
	};

	cases_check(runner_js, prelude_js, checks,
	    sizeof(checks) / sizeof(checks[0]));
}

int
main(void)
{
	test_cases();
	test_messages();
	test_object();
	return tap_done();
}
