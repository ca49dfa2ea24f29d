// spread-cases.js: the cases of tests/unit/js/test_spread.c, fnpool's
// spread (fnpool:helpers, js/spread.c, what fnpool build's output calls
// for [...x], f(...x) and new F(...x)) against Node's own spread syntax,
// with what Node 20 answers for each; see node-cases.js.
//
//   node tests/unit/js/spread-cases.js --update tests/unit/js/test_spread.c
//
// V8 names the expression in its message for a value that is not
// iterable ("x is not iterable"), which fnpool cannot know: those cases
// compare the error's name, and test_spread.c checks fnpool's messages.
'use strict';

var cases = [
	// arrays: a copy, read by index; a hole is undefined
	"spread([1, 'two', [3], null])",
	"spread([])",
	"(function () { var a = [1], r = spread(a); r.push(2); return [a.length, r !== a, Array.isArray(r)]; })()",
	"(function () { var r = spread([1, , 3]); return [r.length, 1 in r, r[1] === undefined]; })()",
	"(function () { var a = []; a.length = 3; a[1] = 'x'; var r = spread(a); return [r.length, 0 in r, 2 in r, r[1]]; })()",
	"(function () { Array.prototype[1] = 'inherited'; try { return spread([0, , 2]); } finally { delete Array.prototype[1]; } })()",
	"(function () { var a = [1, 2]; Object.defineProperty(a, 0, { get: function () { return 'got'; } }); return spread(a); })()",
	"spread(new Array(1001).join('x').split('')).length",
	// strings: by code point
	"spread('abc')",
	"spread('')",
	"spread('a\\u00e9\\u20ac\\ud83d\\ude00b').map(function (c) { return c.length; })",
	"spread('a\\ud83d\\ude00b')",
	"spread('\\ud83d' + '\\ude00' + 'x').map(function (c) { return c.length; })",
	"spread('\\ud83d-\\ude00\\ud83d').map(function (c) { return c.length; })",
	"spread('\\ud83d\\ude00').join('') === '\\ud83d\\ude00'",
	"spread('\\u0000a\\u0000').map(function (c) { return c.charCodeAt(0); })",
	"spread('e\\u0301')",
	"spread(new String('hi'))",
	// the iteration protocol
	"spread(new Set([3, 1, 3, 2]))",
	"spread(new Map([['a', 1], ['b', 2]]))",
	"spread(new Map([['a', 1], ['b', 2]]).keys())",
	"spread(new Map([['a', 1], ['b', 2]]).values())",
	"spread(new Set(['x']).entries())",
	"spread(['a', , 'c'].keys())",
	"spread(['a', 'b'].entries())",
	"spread(new Uint8Array([1, 2, 300]))",
	"(function () { var s = new Set([1, 2]), it = s.values(); it.next(); return spread(it); })()",
	"(function () { var log = [], o = {}; o[Symbol.iterator] = function () { var i = 0; log.push(this === o); return { next: function () { log.push('next'); return i < 2 ? { value: i++, done: false } : { value: 'ignored', done: true }; }, 'return': function () { log.push('return'); } }; }; return [spread(o), log]; })()",
	"(function () { var o = {}; o[Symbol.iterator] = function () { var n = 0; return { next: function () { n++; return { value: n, done: n > 2 ? 1 : 0 }; } }; }; return spread(o); })()",
	"(function () { var n = 0, o = {}; Object.defineProperty(o, Symbol.iterator, { get: function () { n++; return function () { return [7, 8][Symbol.iterator](); }; } }); return [spread(o), n]; })()",
	"(function () { Number.prototype[Symbol.iterator] = function () { return [+this, -this][Symbol.iterator](); }; try { return spread(5); } finally { delete Number.prototype[Symbol.iterator]; } })()",
	// arguments
	"(function () { return spread(arguments); })(1, 'two', [3])",
	"(function () { return spread(arguments); })()",
	"(function () { 'use strict'; return spread(arguments); })(1, undefined)",
	// errors
	"(function () { var o = {}; o[Symbol.iterator] = function () { return { next: function () { throw new Error('boom'); } }; }; return spread(o); })()",
	"(function () { var o = {}; o[Symbol.iterator] = function () { throw new RangeError('at open'); }; return spread(o); })()",
	"(function () { var o = {}; o[Symbol.iterator] = function () { return 1; }; return spread(o); })()",
	"(function () { var o = {}; o[Symbol.iterator] = function () { return { next: function () { return 1; } }; }; return spread(o); })()",
	"(function () { var o = {}; o[Symbol.iterator] = function () { return {}; }; try { spread(o); } catch (e) { return e.name; } })()",
	"[5, true, null, undefined, {}, { length: 2, 0: 'a' }, function () {}, Symbol('s')].map(function (v) { try { spread(v); return 'no error'; } catch (e) { return e.name; } })",
	"(function () { var o = {}; o[Symbol.iterator] = 1; try { spread(o); } catch (e) { return e.name; } })()",
	"(function () { try { spread(); } catch (e) { return e.name; } })()"
];

var prelude =
    '/* fnpool\'s, or Node\'s own spread syntax (MuJS never compiles it) */\n' +
    'var spread = (function () {\n' +
    '\ttry {\n' +
    '\t\treturn require(\'fnpool:helpers\').spread;\n' +
    '\t} catch (e) {\n' +
    '\t\treturn Function(\'value\', \'return [...value];\');\n' +
    '\t}\n' +
    '})();';

require('./node-cases.js').main(cases, prelude, { require: require });
