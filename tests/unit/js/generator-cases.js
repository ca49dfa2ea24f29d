// generator-cases.js: the cases of tests/unit/js/test_generator.c,
// fnpool:helpers' generator, asyncRun and asyncToGenerator (js/
// generator.c, js/asyncfn.c: the drivers of what fnpool build's output
// makes of generator and async functions) against fnpool build's
// JavaScript versions of them (tools/build/helpers/), which Node runs
// here; see node-cases.js.
//
//   node tests/unit/js/generator-cases.js --update tests/unit/js/test_generator.c
//
// The bodies are state machines as SWC writes them (TypeScript's
// __generator protocol: [4, v] yields, [5, it] is yield*, [2, v]
// returns, [3, label] breaks, [7] ends a finally block; trys holds
// [try, catch, finally, end] labels); the chains as tools/build/
// async-chain.js writes them (wait, done and fail).  Messages differ where the
// JavaScript fails on its own (a body that is not a function): those
// cases compare the error's name; test_generator.c checks fnpool's.
'use strict';

var path = require('path');
var Module = require('module');
var helpers = path.join(__dirname, '..', '..', '..', 'tools', 'build', 'helpers');
var resolve = Module._resolveFilename;

/* _async_to_generator.cjs requires @swc/helpers' path of _ts_generator. */
Module._resolveFilename = function (request, parent, isMain, options) {
	if (request === '@swc/helpers/_/_ts_generator')
		return path.join(helpers, '_ts_generator.cjs');
	return resolve.call(this, request, parent, isMain, options);
};

function nodeRequire(name) {
	if (name === 'fnpool:helpers')
		throw new Error("Cannot find module 'fnpool:helpers'");
	if (name !== 'fnpool build helpers')
		return require(name);
	var ts = require(path.join(helpers, '_ts_generator.cjs'));
	var at = require(path.join(helpers, '_async_to_generator.cjs'));
	return { generator: ts._, asyncRun: at.run, asyncToGenerator: at._,
	    asyncWait: at.wait, asyncDone: at.done, asyncFail: at.fail };
}

/* Bodies the cases share: B.name(log) makes one. */
var bodies =
    'var B = {\n' +
    '\t/* yield 1; yield sent + 1; return sent * 10 */\n' +
    '\tthree: function (s) { switch (s.label) {\n' +
    '\t\tcase 0: return [4, 1];\n' +
    '\t\tcase 1: return [4, s.sent() + 1];\n' +
    '\t\tcase 2: return [2, s.sent() * 10]; } },\n' +
    '\t/* try { yield "a"; yield "b" } catch (e) { log e; yield "c" } finally { log "f" } return "end" */\n' +
    '\ttried: function (log) { return function (s) { switch (s.label) {\n' +
    '\t\tcase 0: s.trys.push([0, 3, 5, 6]); return [4, "a"];\n' +
    '\t\tcase 1: s.sent(); return [4, "b"];\n' +
    '\t\tcase 2: s.sent(); return [3, 6];\n' +
    '\t\tcase 3: log.push("caught " + s.sent()); return [4, "c"];\n' +
    '\t\tcase 4: s.sent(); return [3, 6];\n' +
    '\t\tcase 5: log.push("finally"); return [7];\n' +
    '\t\tcase 6: return [2, "end"]; } }; },\n' +
    '\t/* yield* it; return what it returned */\n' +
    '\tdelegating: function (it) { return function (s) { switch (s.label) {\n' +
    '\t\tcase 0: return [5, it];\n' +
    '\t\tcase 1: return [2, s.sent()]; } }; },\n' +
    '\t/* await v; await w; return [both] */\n' +
    '\tawaits: function (v, w, log) { return function (s) { var x; switch (s.label) {\n' +
    '\t\tcase 0: log && log.push("start"); return [4, v];\n' +
    '\t\tcase 1: x = s.sent(); log && log.push("got " + x); s.x = x; return [4, w];\n' +
    '\t\tcase 2: return [2, [s.x, s.sent()]]; } }; },\n' +
    '\t/* try { await p } catch (e) { return "caught " + e.message } */\n' +
    '\tcatching: function (p) { return function (s) { switch (s.label) {\n' +
    '\t\tcase 0: s.trys.push([0, 2, , 3]); return [4, p];\n' +
    '\t\tcase 1: return [2, "no error " + s.sent()];\n' +
    '\t\tcase 2: return [2, "caught " + s.sent().message];\n' +
    '\t\tcase 3: return [2]; } }; },\n' +
    '};';

var prelude =
    '/* fnpool\'s drivers, or fnpool build\'s JavaScript ones in Node */\n' +
    'var H = (function () {\n' +
    '\ttry {\n' +
    '\t\treturn require(\'fnpool:helpers\');\n' +
    '\t} catch (e) {\n' +
    '\t\treturn require(\'fnpool build helpers\');\n' +
    '\t}\n' +
    '})();\n' +
    'var gen = H.generator, asyncRun = H.asyncRun, asyncToGenerator = H.asyncToGenerator;\n' +
    'var wait = H.asyncWait, done = H.asyncDone, fail = H.asyncFail;\n' +
    bodies;

var cases = [
	// the protocol: values in, values out
	"(function () { var g = gen(null, B.three); return [g.next('ignored'), g.next(5), g.next(7), g.next(), g.next()]; })()",
	"(function () { var self = {}, seen; gen(self, function () { seen = this; return [2]; }).next(); return seen === self; })()",
	"(function () { var g = gen(null, B.three); return [g.next(), g.return(42), g.next(3)]; })()",
	"(function () { var g = gen(null, B.three); return [g.return('early'), g.next()]; })()",
	"(function () { var g = gen(null, B.three); try { g.throw(new Error('before start')); } catch (e) { return [e.message, g.next()]; } })()",
	"(function () { var g = gen(null, B.three); g.next(); try { g.throw(new RangeError('in')); } catch (e) { return [e.name, g.next()]; } })()",
	// try/catch/finally
	"(function () { var log = [], g = gen(null, B.tried(log)); return [g.next(), g.next(), g.next(), g.next(), log]; })()",
	"(function () { var log = [], g = gen(null, B.tried(log)); g.next(); return [g.throw('x'), g.next(), g.next(), log]; })()",
	"(function () { var log = [], g = gen(null, B.tried(log)); g.next(); return [g.return('r'), g.next(), log]; })()",
	"(function () { var log = [], g = gen(null, B.tried(log)); g.next(); g.next(); g.throw('y'); try { g.throw('z'); } catch (e) { return ['thrown ' + e, g.next(), log]; } })()",
	// yield*
	"(function () { var g = gen(null, B.delegating(['a', 'b'][Symbol.iterator]())); return [g.next(), g.next(), g.next()]; })()",
	"(function () { var g = gen(null, B.delegating(gen(null, B.three))); return [g.next(), g.next(2), g.next(4)]; })()",
	"(function () { var inner = gen(null, B.three), g = gen(null, B.delegating(inner)); g.next(); return [g.return('out'), inner.next()]; })()",
	"(function () { var log = [], g = gen(null, B.delegating(gen(null, B.tried(log)))); g.next(); return [g.throw('into'), g.next(), g.next(), log]; })()",
	"(function () { var closed = 0, it = { next: function () { return { value: 1, done: false }; }, 'return': function () { closed++; return {}; } }; var g = gen(null, B.delegating(it)); g.next(); try { g.throw(new Error('no throw method')); } catch (e) { return [e.message, closed]; } })()",
	// the object
	"(function () { var g = gen(null, B.three); return [g[Symbol.iterator]() === g, Object.keys(g), JSON.stringify(g)]; })()",
	"(function () { var out = [], g = gen(null, B.three), it = g[Symbol.iterator](), r; while (!(r = it.next()).done) out.push(r.value); return out; })()",
	"(function () { var g = gen(null, function () { g.next(); return [2]; }); try { g.next(); } catch (e) { return [e.name, e.message, g.next()]; } })()",
	"(function () { var g = gen(null, function () { throw new SyntaxError('from the body'); }); try { g.next(); } catch (e) { return [e.name, e.message, g.next()]; } })()",
	"(function () { try { gen(null, 5).next(); } catch (e) { return e.name; } })()",
	// async: awaits, values, thenables, rejections, order
	"asyncRun(null, B.awaits(1, Promise.resolve(2)))",
	"asyncRun(null, B.awaits({ then: function (r) { r('thenable'); } }, undefined))",
	"asyncRun(null, B.awaits(Promise.reject(new Error('rejected')), 2))",
	"asyncRun(null, B.catching(Promise.reject(new TypeError('tt'))))",
	"asyncRun(null, B.catching(Promise.resolve(9)))",
	"asyncRun(null, B.catching({ then: function () { throw new Error('bad then'); } }))",
	"asyncRun(null, function () { throw new EvalError('sync'); })",
	"(function () { var out = []; try { var p = asyncRun(null, function () { throw new Error('sync'); }); out.push(typeof p.then); } catch (e) { out.push('threw'); } return p.then(null, function (e) { out.push(e.message); return out; }); })()",
	"(function () { var log = []; var p = asyncRun(null, B.awaits(null, Promise.resolve('w'), log)); log.push('sync'); Promise.resolve().then(function () { log.push('t1'); }).then(function () { log.push('t2'); }).then(function () { log.push('t3'); }).then(function () { log.push('t4'); }); return p.then(function (r) { log.push('done'); return Promise.resolve().then(function () { return [r, log]; }); }); })()",
	"(function () { var log = []; var p = asyncRun(null, function (s) { switch (s.label) { case 0: return [4, 1]; case 1: return [2, Promise.resolve('inner')]; } }); p.then(function () { log.push('p'); }); Promise.resolve().then(function () { log.push('a'); }).then(function () { log.push('b'); }).then(function () { log.push('c'); }).then(function () { log.push('d'); }); return Promise.resolve().then(function () {}).then(function () {}).then(function () {}).then(function () {}).then(function () {}).then(function () { return log; }); })()",
	"(function () { var self = { v: 3 }; return asyncRun(self, function (s) { switch (s.label) { case 0: return [4, 0]; case 1: return [2, this.v]; } }); })()",
	"(function () { var f = asyncToGenerator(function (a, b) { var self = this; return gen(this, function (s) { switch (s.label) { case 0: return [4, a]; case 1: return [2, [s.sent() + b, self && self.k]]; } }); }); return Promise.all([f(1, 2), f.call({ k: 'k' }, 3, 4)]); })()",
	"(function () { var p = asyncRun(null, B.awaits(1, 2)); return [p instanceof Promise, Object.prototype.toString.call(p)]; })()",
	"(function () { var p; try { p = asyncRun(null, 5); } catch (e) { return 'threw ' + e.name; } return p.then(null, function (e) { return 'rejects ' + e.name; }); })()",
	// chains: an await's callback settles the function's promise
	"(function () { var log = []; function f() { try { log.push('s0'); return wait(void 0, Promise.resolve(1), function (v) { log.push('s1 ' + v); return v + 1; }); } catch (e) { return fail(void 0, e); } } var p = f(); log.push('sync'); Promise.resolve().then(function () { log.push('t1'); }).then(function () { log.push('t2'); }).then(function () { log.push('t3'); }); return p.then(function (r) { log.push('done'); return [r, log]; }); })()",
	"(function () { var P; P = wait(void 0, 1, function (v) { return wait(P, v + 1, function (w) { return wait(P, { then: function (r) { r(w * 10); } }, function (x) { return x + 1; }); }); }); return P; })()",
	"(function () { var log = [], P; P = wait(void 0, 'a', function (v) { log.push(v); return wait(P, 'b', function (w) { log.push(w); return Promise.resolve('c'); }); }); P.then(function () { log.push('P'); }); Promise.resolve().then(function () { log.push(1); }).then(function () { log.push(2); }).then(function () { log.push(3); }).then(function () { log.push(4); }).then(function () { log.push(5); }).then(function () { log.push(6); }); return Promise.resolve().then(function () {}).then(function () {}).then(function () {}).then(function () {}).then(function () {}).then(function () {}).then(function () { return log; }); })()",
	"wait(void 0, Promise.reject(new RangeError('awaited')), function () { return 'not called'; })",
	"wait(void 0, 1, function () { throw new URIError('in the callback'); })",
	"(function () { var P; P = wait(void 0, 1, function () { return wait(P, Promise.reject(new Error('second')), function () { return 'not called'; }); }); return P; })()",
	"wait(void 0, { get then() { throw new Error('then getter'); } }, function () { return 'not called'; })",
	"done(void 0, 5)",
	"done(void 0, Promise.resolve(6))",
	"done(void 0)",
	"fail(void 0, new TypeError('early'))",
	"(function () { var p = wait(void 0, 0, function () { return 1; }); return [p instanceof Promise, p === wait(p, 0, function () { return p; })]; })()",
];

require('./node-cases.js').main(cases, prelude, { require: nodeRequire });
