/*
 * builtin: Node's core modules in fnpool (the modules of src/js/builtin, builtin.c):
 * events, util, path, querystring, string_decoder, assert, buffer,
 * timers, process, stream, url, and require's node: and subpath names,
 * each case compared with what Node 20 gives.  The table is the output
 * of `node tests/unit/js/builtin-cases.js` (CI has no Node).  Then what
 * Node cannot say: a state pays nothing for the modules until it uses
 * them, and the globals give way to a function's own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"

/* @generated begin: by node v20.20.2 */
static const char runner_js[] =
	"function esc(s) {\n"
	    "\011var out = '', i, c;\n"
	    "\011for (i = 0; i < s.length; i++) {\n"
	    "\011\011c = s.charCodeAt(i);\n"
	    "\011\011out += c >= 0x20 && c < 0x7f && c !== 0x5c \? s.charAt(i) :\n"
	    "\011\011    '\\\\u' + ('000' + c.toString(16)).slice(-4);\n"
	    "\011}\n"
	    "\011return out;\n"
	    "}\n"
	    "function quote(s) {\n"
	    "\011var out = '\"', i, c;\n"
	    "\011for (i = 0; i < s.length; i++) {\n"
	    "\011\011c = s.charCodeAt(i);\n"
	    "\011\011out += c >= 0xd800 && c < 0xe000 \? s.charAt(i) :\n"
	    "\011\011    JSON.stringify(s.charAt(i)).slice(1, -1);\n"
	    "\011}\n"
	    "\011return out + '\"';\n"
	    "}\n"
	    "function stable(v) {\n"
	    "\011if (Array.isArray(v))\n"
	    "\011\011return '[' + v.map(stable).join(',') + ']';\n"
	    "\011if (v !== null && typeof v === 'object')\n"
	    "\011\011return '{' + Object.keys(v).sort().map(function (k) {\n"
	    "\011\011\011return quote(k) + ':' + stable(v[k]);\n"
	    "\011\011}).join(',') + '}';\n"
	    "\011if (typeof v === 'string')\n"
	    "\011\011return quote(v);\n"
	    "\011if (typeof v === 'bigint')\011/* Node's publicExponent; a number here */\n"
	    "\011\011return String(v);\n"
	    "\011return String(JSON.stringify(v));\n"
	    "}\n"
	    "function show(v) {\n"
	    "\011if (v instanceof ArrayBuffer)\n"
	    "\011\011return 'ArrayBuffer ' + Buffer.from(v).toString('hex');\n"
	    "\011if (Buffer.isBuffer(v))\n"
	    "\011\011return 'Buffer ' + v.toString('hex');\n"
	    "\011if (v !== null && typeof v === 'object' && ArrayBuffer.isView(v))\n"
	    "\011\011return 'view ' + Array.prototype.join.call(v, ',');\n"
	    "\011if (typeof v === 'string')\n"
	    "\011\011return 'string ' + esc(v);\n"
	    "\011if (v !== null && typeof v === 'object')\n"
	    "\011\011return 'object ' + esc(stable(v));\n"
	    "\011return typeof v + ' ' + String(v);\n"
	    "}\n"
	    "function showErr(e) {\n"
	    "\011if (e === null || typeof e !== 'object')\n"
	    "\011\011return 'value ' + String(e);\n"
	    "\011return e.name + (e.code !== undefined \? ' [' + e.code + ']' : '') + ': ' +\n"
	    "\011    esc(String(e.message));\n"
	    "}\n"
	    "function runCase(expr) {\n"
	    "\011var v;\n"
	    "\011try {\n"
	    "\011\011v = Function('return (' + expr + '\\n);')();\n"
	    "\011} catch (e) {\n"
	    "\011\011return 'throws ' + showErr(e);\n"
	    "\011}\n"
	    "\011if (v !== null && typeof v === 'object' && typeof v.then === 'function')\n"
	    "\011\011return v.then(function (x) { return 'resolves ' + show(x); },\n"
	    "\011\011    function (e) { return 'rejects ' + showErr(e); });\n"
	    "\011return show(v);\n"
	    "}\n";
static const char prelude_js[] =
	"\n";
static const struct {
	const char	*expr, *want;
} cases[] = {
	{ "[typeof require('events'), typeof require('node:events'), require('events') === require('node:events')]",
	    "object [\"function\",\"function\",true]" },
	{ "require('util/types') === require('util').types",
	    "boolean true" },
	{ "require('path/posix') === require('path') && require('path').posix === require('path')",
	    "boolean true" },
	{ "require('assert/strict') === require('assert').strict",
	    "boolean true" },
	{ "require('timers/promises') === require('timers').promises",
	    "boolean true" },
	{ "require('buffer').Buffer === Buffer",
	    "boolean true" },
	{ "require('url').URL === URL && require('url').URLSearchParams === URLSearchParams",
	    "boolean true" },
	{ "require('process') === process",
	    "boolean true" },
	{ "require('sys') === require('util')",
	    "boolean true" },
	{ "(function () { var EE = require('events'), e = new EE(), log = []; e.on('x', function (a, b) { log.push('1:' + a + b); }); e.on('x', function () { log.push('2'); }); e.prependListener('x', function () { log.push('0'); }); var r = e.emit('x', 'a', 'b'); return [r, e.emit('y'), log, e.listenerCount('x'), e.eventNames()]; })()",
	    "object [true,false,[\"0\",\"1:ab\",\"2\"],3,[\"x\"]]" },
	{ "(function () { var EE = require('events'), e = new EE(), n = 0; e.once('x', function () { n++; }); e.emit('x'); e.emit('x'); return [n, e.listenerCount('x')]; })()",
	    "object [1,0]" },
	{ "(function () { var EE = require('events'), e = new EE(), log = []; function f() { log.push('f'); } e.on('x', f); e.on('x', f); e.removeListener('x', f); e.emit('x'); e.off('x', f); return [log, e.emit('x'), e.listeners('x').length]; })()",
	    "object [[\"f\"],false,0]" },
	{ "(function () { var EE = require('events'), e = new EE(); e.emit('error', new TypeError('bad')); })()",
	    "throws TypeError: bad" },
	{ "(function () { var EE = require('events'), e = new EE(); e.emit('error', 'just a string'); })()",
	    "throws Error [ERR_UNHANDLED_ERROR]: Unhandled error. ('just a string')" },
	{ "(function () { var EE = require('events'), e = new EE(), log = []; e.on('newListener', function (n) { log.push('new:' + n); }); e.on('removeListener', function (n) { log.push('rm:' + n); }); function f() {} e.on('a', f); e.removeAllListeners('a'); return log; })()",
	    "object [\"new:removeListener\",\"new:a\",\"rm:a\"]" },
	{ "(function () { var EE = require('events'), e = new EE(); function f() {} e.once('a', f); return [e.listeners('a')[0] === f, e.rawListeners('a')[0] === f, typeof e.rawListeners('a')[0].listener]; })()",
	    "object [true,false,\"function\"]" },
	{ "(function () { var EE = require('events'), e = new EE(); return [e.getMaxListeners(), EE.defaultMaxListeners, e.setMaxListeners(3) === e, e.getMaxListeners()]; })()",
	    "object [10,10,true,3]" },
	{ "(function () { var EE = require('events'), e = new EE(); e.on('x', 5); })()",
	    "throws TypeError [ERR_INVALID_ARG_TYPE]: The \"listener\" argument must be of type function. Received type number (5)" },
	{ "(function () { var EE = require('events'), util = require('util'); function C() { EE.call(this); } util.inherits(C, EE); var c = new C(), got; c.on('hi', function (v) { got = v; }); c.emit('hi', 42); return [got, c instanceof EE, EE.listenerCount(c, 'hi')]; })()",
	    "object [42,true,1]" },
	{ "(function () { var EE = require('events'), e = new EE(); var p = EE.once(e, 'ready'); e.emit('ready', 1, 2); return p; })()",
	    "resolves object [1,2]" },
	{ "(function () { var EE = require('events'), e = new EE(); var p = EE.once(e, 'ready'); e.emit('error', new Error('nope')); return p; })()",
	    "rejects Error: nope" },
	{ "(function () { var EE = require('events'), e = new EE(), order = []; e.on('x', function () { order.push('a'); e.removeAllListeners('x'); }); e.on('x', function () { order.push('b'); }); e.emit('x'); e.emit('x'); return order; })()",
	    "object [\"a\",\"b\"]" },
	{ "require('util').format('%s:%d:%i:%f', 'a', 42.5, 42.5, '1.25')",
	    "string a:42.5:42:1.25" },
	{ "require('util').format('%j', { a: [1, 'x'] })",
	    "string {\"a\":[1,\"x\"]}" },
	{ "require('util').format('%s', { a: { b: { c: 1 } } })",
	    "string { a: [Object] }" },
	{ "require('util').format('%o', [1])",
	    "string [ 1, [length]: 1 ]" },
	{ "require('util').format('%O', { a: 1 })",
	    "string { a: 1 }" },
	{ "require('util').format('100%% %s', 'done', 'extra', 3)",
	    "string 100% done extra 3" },
	{ "require('util').format('%c%s', 'color: red', 'styled')",
	    "string styled" },
	{ "require('util').format('no args %s %d')",
	    "string no args %s %d" },
	{ "require('util').format(1, 'two', [3], null, undefined)",
	    "string 1 two [ 3 ] null undefined" },
	{ "require('util').format('%d', '0x10') + ' ' + require('util').format('%i', 'abc') + ' ' + require('util').format('%d', -0)",
	    "string 16 NaN -0" },
	{ "require('util').format('%s', 'a', 'b')",
	    "string a b" },
	{ "require('util').format('%x %s', 1)",
	    "string %x 1" },
	{ "(function () { var o = {}; o.self = o; return require('util').format('%j', o); })()",
	    "string [Circular]" },
	{ "require('util').inspect({ a: 1, b: 'two', c: [1, 2, 3], d: { e: { f: { g: 1 } } } })",
	    "string { a: 1, b: 'two', c: [ 1, 2, 3 ], d: { e: { f: [Object] } } }" },
	{ "require('util').inspect('it\\'s')",
	    "string \"it's\"" },
	{ "require('util').inspect(\"both ' and \\\"\")",
	    "string `both ' and \"`" },
	{ "require('util').inspect('tab\\tnew\\nline\\u0001')",
	    "string 'tab\\u005ctnew\\u005cnline\\u005cx01'" },
	{ "require('util').inspect([1, , 3])",
	    "string [ 1, <1 empty item>, 3 ]" },
	{ "require('util').inspect([])",
	    "string []" },
	{ "require('util').inspect({})",
	    "string {}" },
	{ "require('util').inspect(Object.create(null))",
	    "string [Object: null prototype] {}" },
	{ "require('util').inspect([undefined, null, true, -0, NaN, Infinity])",
	    "string [ undefined, null, true, -0, NaN, Infinity ]" },
	{ "require('util').inspect({ '3x': 3, 'a-b': 1, c_d: 2 })",
	    "string { '3x': 3, 'a-b': 1, c_d: 2 }" },
	{ "require('util').inspect([[1, [2, [3, [4]]]]])",
	    "string [ [ 1, [ 2, [Array] ] ] ]" },
	{ "require('util').inspect({ a: { b: { c: { d: 1 } } } }, { depth: 0 })",
	    "string { a: [Object] }" },
	{ "require('util').inspect({ a: { b: { c: { d: 1 } } } }, { depth: null })",
	    "string {\\u000a  a: { b: { c: { d: 1 } } }\\u000a}" },
	{ "require('util').inspect(function foo() {})",
	    "string [Function: foo]" },
	{ "require('util').inspect(function () {})",
	    "string [Function (anonymous)]" },
	{ "require('util').inspect(new Date(0))",
	    "string 1970-01-01T00:00:00.000Z" },
	{ "require('util').inspect(/a+b/gi)",
	    "string /a+b/gi" },
	{ "require('util').inspect(Buffer.from('hello'))",
	    "string <Buffer 68 65 6c 6c 6f>" },
	{ "require('util').inspect(new Uint8Array([1, 2, 3]))",
	    "string Uint8Array(3) [ 1, 2, 3 ]" },
	{ "require('util').inspect(new Float64Array(0))",
	    "string Float64Array(0) []" },
	{ "require('util').inspect(new Array(30).join('x').split('').map(function (x, i) { return i; }))",
	    "string [\\u000a   0,  1,  2,  3,  4,  5,  6,  7,  8,\\u000a   9, 10, 11, 12, 13, 14, 15, 16, 17,\\u000a  18, 19, 20, 21, 22, 23, 24, 25, 26,\\u000a  27, 28\\u000a]" },
	{ "require('util').inspect(new Array(120).join('x').split(''))",
	    "string [\\u000a  'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',\\u000a  'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',\\u000a  'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',\\u000a  'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',\\u000a  'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',\\u000a  'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',\\u000a  'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',\\u000a  'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',\\u000a  'x', 'x', 'x', 'x',\\u000a  ... 19 more items\\u000a]" },
	{ "require('util').inspect(['apple', 'banana', 'cherry', 'dates', 'elder', 'figs', 'grape', 'honeydew'])",
	    "string [\\u000a  'apple',  'banana',\\u000a  'cherry', 'dates',\\u000a  'elder',  'figs',\\u000a  'grape',  'honeydew'\\u000a]" },
	{ "require('util').inspect({ aaaaaaaaaa: 'aaaaaaaaaaaaaaaaaaaa', bbbbbbbbbb: 'bbbbbbbbbbbbbbbbbbbb', cccccccccc: 'cccccccccccccccccccc', dddddddddd: 'dddddddddddddddddddd', eeeeeeeeee: 'eeeeeeeeeeeeeeeeeeee' })",
	    "string {\\u000a  aaaaaaaaaa: 'aaaaaaaaaaaaaaaaaaaa',\\u000a  bbbbbbbbbb: 'bbbbbbbbbbbbbbbbbbbb',\\u000a  cccccccccc: 'cccccccccccccccccccc',\\u000a  dddddddddd: 'dddddddddddddddddddd',\\u000a  eeeeeeeeee: 'eeeeeeeeeeeeeeeeeeee'\\u000a}" },
	{ "(function () { var o = { a: 1 }; o.self = o; return require('util').inspect(o); })()",
	    "string <ref *1> { a: 1, self: [Circular *1] }" },
	{ "(function () { function Foo() { this.x = 1; } return require('util').inspect(new Foo()); })()",
	    "string Foo { x: 1 }" },
	{ "require('util').inspect(new Number(3)) + ' ' + require('util').inspect(new String('s')) + ' ' + require('util').inspect(new Boolean(false))",
	    "string [Number: 3] [String: 's'] [Boolean: false]" },
	{ "(function () { var o = {}; Object.defineProperty(o, 'g', { get: function () { return 1; }, enumerable: true }); return require('util').inspect(o); })()",
	    "string { g: [Getter] }" },
	{ "require('util').inspect('x'.repeat \? 'abc' : 'abc', { colors: false })",
	    "string 'abc'" },
	{ "require('util').inspect({ a: [{ b: 1 }, { c: [1, 2] }] }, false, 0)",
	    "string { a: [Array] }" },
	{ "require('util').inspect(12345678.5, { numericSeparator: true })",
	    "string 12_345_678.5" },
	{ "(function () { var util = require('util'); function A() {} function B() {} util.inherits(B, A); return [new B() instanceof A, B.super_ === A, B.prototype.constructor === B, Object.keys(B.prototype).length]; })()",
	    "object [true,true,true,0]" },
	{ "require('util').inherits(function () {}, null)",
	    "throws TypeError [ERR_INVALID_ARG_TYPE]: The \"superCtor\" argument must be of type function. Received null" },
	{ "(function () { var f = require('util').promisify(function (a, b, cb) { cb(null, a + b); }); return f(2, 3); })()",
	    "resolves number 5" },
	{ "(function () { var f = require('util').promisify(function (cb) { cb(new Error('failed')); }); return f(); })()",
	    "rejects Error: failed" },
	{ "(function () { var util = require('util'); function f(cb) { cb(null, 1); } f[util.promisify.custom] = function () { return 'custom'; }; return util.promisify(f)(); })()",
	    "string custom" },
	{ "require('util').promisify(5)",
	    "throws TypeError [ERR_INVALID_ARG_TYPE]: The \"original\" argument must be of type function. Received type number (5)" },
	{ "(function () { var util = require('util'); return new Promise(function (ok) { util.callbackify(function (x) { return Promise.resolve(x * 2); })(21, function (e, v) { ok([e, v]); }); }); })()",
	    "resolves object [null,42]" },
	{ "(function () { var util = require('util'); return new Promise(function (ok) { util.callbackify(function () { return Promise.reject(null); })(function (e) { ok([e.code, e.message]); }); }); })()",
	    "resolves object [\"ERR_FALSY_VALUE_REJECTION\",\"Promise was rejected with falsy value\"]" },
	{ "(function () { var util = require('util'); var f = util.deprecate(function (x) { return x + 1; }, 'f is old'); return f(1) + f(2); })()",
	    "number 5" },
	{ "(function () { var t = require('util').types; return [t.isDate(new Date()), t.isRegExp(/x/), t.isTypedArray(new Uint8Array(1)), t.isUint8Array(Buffer.alloc(1)), t.isArrayBuffer(new ArrayBuffer(1)), t.isPromise(Promise.resolve()), t.isNativeError(new TypeError()), t.isBoxedPrimitive(new String('')), t.isMap({}), t.isUint16Array(new Uint8Array(1))]; })()",
	    "object [true,true,true,true,true,true,true,true,false,false]" },
	{ "(function () { var u = require('util'); return [u.isArray([]), u.isString(''), u.isNumber(1), u.isObject(null), u.isFunction(u), u.isPrimitive(1), u.isBuffer(Buffer.alloc(0)), u.isError(new Error()), u.isNullOrUndefined(undefined), u.isRegExp(/a/), u.isDate(new Date())]; })()",
	    "object [true,true,true,false,false,true,true,true,true,true,true]" },
	{ "[require('util').isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), require('util').isDeepStrictEqual([1], ['1']), require('util').isDeepStrictEqual(NaN, NaN)]",
	    "object [true,false,true]" },
	{ "require('util').stripVTControlCharacters('\\u001b[31mred\\u001b[39m')",
	    "string red" },
	{ "typeof require('util').debuglog('test') + ' ' + require('util').debuglog('test').enabled",
	    "string function false" },
	{ "require('util').TextEncoder === TextEncoder",
	    "boolean true" },
	{ "(function () { var p = require('path'); return [p.join('/a/b', '../c', './d.js'), p.join('a', '', 'b/'), p.join(), p.join('..', 'x'), p.join('/', '..', 'x')]; })()",
	    "object [\"/a/c/d.js\",\"a/b/\",\".\",\"../x\",\"/x\"]" },
	{ "(function () { var p = require('path'); return [p.normalize('/a//b/../c/.'), p.normalize('a/b/../../..'), p.normalize(''), p.normalize('./'), p.normalize('//a')]; })()",
	    "object [\"/a/c\",\"..\",\".\",\"./\",\"/a\"]" },
	{ "(function () { var p = require('path'); return [p.dirname('/a/b/c'), p.dirname('/a'), p.dirname('a'), p.dirname(''), p.dirname('//a'), p.dirname('/a/b/')]; })()",
	    "object [\"/a/b\",\"/\",\".\",\".\",\"//\",\"/a\"]" },
	{ "(function () { var p = require('path'); return [p.basename('/a/b.js'), p.basename('/a/b.js', '.js'), p.basename('/a/b/'), p.basename('b.js', 'b.js'), p.basename('/a/b.js', 's'), p.basename('')]; })()",
	    "object [\"b.js\",\"b\",\"b\",\"\",\"b.j\",\"\"]" },
	{ "(function () { var p = require('path'); return [p.extname('a.js'), p.extname('a.'), p.extname('.a'), p.extname('a'), p.extname('a.b.c'), p.extname('.a.b'), p.extname('a/.b')]; })()",
	    "object [\".js\",\".\",\"\",\"\",\".c\",\".b\",\"\"]" },
	{ "(function () { var p = require('path'); return [p.isAbsolute('/a'), p.isAbsolute('a'), p.isAbsolute('')]; })()",
	    "object [true,false,false]" },
	{ "(function () { var p = require('path'); return [p.relative('/a/b/c', '/a/d'), p.relative('/a', '/a/b/c'), p.relative('/a/b', '/a/b'), p.relative('/', '/x'), p.relative('/a/bc', '/a/b')]; })()",
	    "object [\"../../d\",\"b/c\",\"\",\"x\",\"../b\"]" },
	{ "(function () { var p = require('path'); return [p.resolve('/a', 'b', '../c'), p.resolve('/a', '/b'), p.resolve('/x/', './')]; })()",
	    "object [\"/a/c\",\"/b\",\"/x\"]" },
	{ "require('path').parse('/home/user/dir/file.txt')",
	    "object {\"base\":\"file.txt\",\"dir\":\"/home/user/dir\",\"ext\":\".txt\",\"name\":\"file\",\"root\":\"/\"}" },
	{ "require('path').parse('./x.tar.gz')",
	    "object {\"base\":\"x.tar.gz\",\"dir\":\".\",\"ext\":\".gz\",\"name\":\"x.tar\",\"root\":\"\"}" },
	{ "require('path').parse('/')",
	    "object {\"base\":\"\",\"dir\":\"/\",\"ext\":\"\",\"name\":\"\",\"root\":\"/\"}" },
	{ "require('path').format({ root: '/', dir: '/home/u', base: 'f.txt' }) + ' ' + require('path').format({ name: 'f', ext: 'txt' }) + ' ' + require('path').format({ root: '/', name: 'x', ext: '.y' })",
	    "string /home/u/f.txt f.txt /x.y" },
	{ "require('path').sep + require('path').delimiter",
	    "string /:" },
	{ "require('path').join('a', 5)",
	    "throws TypeError [ERR_INVALID_ARG_TYPE]: The \"path\" argument must be of type string. Received type number (5)" },
	{ "require('path').basename(null)",
	    "throws TypeError [ERR_INVALID_ARG_TYPE]: The \"path\" argument must be of type string. Received null" },
	{ "require('querystring').parse('a=1&b=2&a=3&c&d=&=e&f=x%20y+z&g=%E2%82%AC')",
	    "object {\"\":\"e\",\"a\":[\"1\",\"3\"],\"b\":\"2\",\"c\":\"\",\"d\":\"\",\"f\":\"x y z\",\"g\":\"\\u20ac\"}" },
	{ "require('querystring').parse('a:1;b:2', ';', ':')",
	    "object {\"a\":\"1\",\"b\":\"2\"}" },
	{ "require('querystring').parse('bad=%E2%82&ok=1')",
	    "object {\"bad\":\"\\ufffd\",\"ok\":\"1\"}" },
	{ "require('querystring').parse('a=1&b=2&c=3', null, null, { maxKeys: 2 })",
	    "object {\"a\":\"1\",\"b\":\"2\"}" },
	{ "require('querystring').stringify({ a: [1, 2], b: 'x y', c: true, d: null, e: {}, f: '\\u20ac!*()' })",
	    "string a=1&a=2&b=x%20y&c=true&d=&e=&f=%E2%82%AC!*()" },
	{ "require('querystring').stringify({ a: 1, b: 2 }, ';', ':')",
	    "string a:1;b:2" },
	{ "require('querystring').escape('a b&c/\\u00e9') + ' ' + require('querystring').unescape('a%20b%zz')",
	    "string a%20b%26c%2F%C3%A9 a b%zz" },
	{ "require('querystring').stringify('nope') + '|' + require('querystring').stringify([]) + '|' + Object.keys(require('querystring').parse('')).length",
	    "string ||0" },
	{ "(function () { var SD = require('string_decoder').StringDecoder, d = new SD('utf8'), e = Buffer.from('\\u20ac\\ud83d\\ude00'); return [d.write(e.slice(0, 1)), d.write(e.slice(1, 4)), d.write(e.slice(4, 6)), d.write(e.slice(6)), d.end()]; })()",
	    "object [\"\",\"\\u20ac\",\"\",\"\\ud83d\\ude00\",\"\"]" },
	{ "(function () { var SD = require('string_decoder').StringDecoder, d = new SD('utf8'); return [d.write(Buffer.from([0xe2, 0x82])), d.end()]; })()",
	    "object [\"\",\"\\ufffd\"]" },
	{ "(function () { var SD = require('string_decoder').StringDecoder, d = new SD('utf8'); return [d.write(Buffer.from([0xe2])), d.write(Buffer.from([0x41])), d.end()]; })()",
	    "object [\"\",\"\\ufffdA\",\"\"]" },
	{ "(function () { var SD = require('string_decoder').StringDecoder, d = new SD('utf16le'); var b = Buffer.from('a\\ud83d\\ude00', 'utf16le'); return [d.write(b.slice(0, 3)), d.write(b.slice(3, 5)), d.write(b.slice(5)), d.end()]; })()",
	    "object [\"a\",\"\\ud83d\",\"\\ude00\",\"\"]" },
	{ "(function () { var SD = require('string_decoder').StringDecoder, d = new SD('base64'); return [d.write(Buffer.from('ab')), d.write(Buffer.from('cde')), d.end()]; })()",
	    "object [\"\",\"YWJj\",\"ZGU=\"]" },
	{ "(function () { var SD = require('string_decoder').StringDecoder, d = new SD('hex'); return [d.encoding, d.write(Buffer.from([1, 255])), d.end(Buffer.from([16]))]; })()",
	    "object [\"hex\",\"01ff\",\"10\"]" },
	{ "[new (require('string_decoder').StringDecoder)().encoding, new (require('string_decoder').StringDecoder)('UTF-8').encoding, new (require('string_decoder').StringDecoder)('binary').encoding, new (require('string_decoder').StringDecoder)('ucs2').encoding]",
	    "object [\"utf8\",\"utf8\",\"latin1\",\"utf16le\"]" },
	{ "new (require('string_decoder').StringDecoder)('nope')",
	    "throws TypeError [ERR_UNKNOWN_ENCODING]: Unknown encoding: nope" },
	{ "new (require('string_decoder').StringDecoder)('utf8').write(5)",
	    "throws TypeError [ERR_INVALID_ARG_TYPE]: The \"buf\" argument must be an instance of Buffer, TypedArray, or DataView. Received type number (5)" },
	{ "(function () { var a = require('assert'); a(true); a.ok(1); a.equal(1, '1'); a.strictEqual(NaN, NaN); a.deepEqual({ a: [1, 2] }, { a: ['1', 2] }); a.deepStrictEqual({ a: [1, { b: null }] }, { a: [1, { b: null }] }); a.notEqual(1, 2); a.notStrictEqual(1, '1'); a.notDeepStrictEqual([1], ['1']); return 'all passed'; })()",
	    "string all passed" },
	{ "require('assert').strictEqual(1, 2)",
	    "throws AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\\u000a\\u000a1 !== 2\\u000a" },
	{ "require('assert').equal(1, 2)",
	    "throws AssertionError [ERR_ASSERTION]: 1 == 2" },
	{ "require('assert').notEqual(1, 1)",
	    "throws AssertionError [ERR_ASSERTION]: 1 != 1" },
	{ "require('assert').strictEqual(1, 2, 'my message')",
	    "throws AssertionError [ERR_ASSERTION]: my message\\u000a\\u000a1 !== 2\\u000a" },
	{ "require('assert').ok(0)",
	    "throws AssertionError [ERR_ASSERTION]: 0 == true" },
	{ "require('assert').ok()",
	    "throws AssertionError [ERR_ASSERTION]: No value argument passed to `assert.ok()`" },
	{ "require('assert').fail()",
	    "throws AssertionError [ERR_ASSERTION]: Failed" },
	{ "require('assert').fail('boom')",
	    "throws AssertionError [ERR_ASSERTION]: boom" },
	{ "require('assert').strictEqual(1, 2, new TypeError('mine'))",
	    "throws TypeError: mine" },
	{ "(function () { try { require('assert').deepStrictEqual({ a: 1 }, { a: '1' }); } catch (e) { return [e.name, e.code, e.operator, e.generatedMessage, e instanceof Error, e instanceof require('assert').AssertionError, e.actual, e.expected]; } })()",
	    "object [\"AssertionError\",\"ERR_ASSERTION\",\"deepStrictEqual\",true,true,true,{\"a\":1},{\"a\":\"1\"}]" },
	{ "(function () { var a = require('assert'); return [a.throws(function () { throw new TypeError('x'); }, TypeError), a.throws(function () { throw new Error('abc'); }, /bc/), a.throws(function () { throw new Error('m'); }, { message: 'm' }), a.throws(function () { throw new Error('v'); }, function (e) { return e.message === 'v'; })]; })()",
	    "object [undefined,undefined,undefined,undefined]" },
	{ "require('assert').throws(function () {})",
	    "throws AssertionError [ERR_ASSERTION]: Missing expected exception." },
	{ "require('assert').throws(function () {}, TypeError)",
	    "throws AssertionError [ERR_ASSERTION]: Missing expected exception (TypeError)." },
	{ "require('assert').throws(function () {}, 'should throw')",
	    "throws AssertionError [ERR_ASSERTION]: Missing expected exception: should throw" },
	{ "require('assert').throws(function () { throw new Error('a'); }, RangeError)",
	    "throws AssertionError [ERR_ASSERTION]: The error is expected to be an instance of \"RangeError\". Received \"Error\"\\u000a\\u000aError message:\\u000a\\u000aa" },
	{ "require('assert').doesNotThrow(function () { throw new Error('oops'); })",
	    "throws AssertionError [ERR_ASSERTION]: Got unwanted exception.\\u000aActual message: \"oops\"" },
	{ "require('assert').doesNotThrow(function () {}) === undefined",
	    "boolean true" },
	{ "require('assert').ifError(null) === undefined",
	    "boolean true" },
	{ "require('assert').ifError(new Error('from callback'))",
	    "throws AssertionError [ERR_ASSERTION]: ifError got unwanted exception: from callback" },
	{ "require('assert').match('abc', /b/) === undefined",
	    "boolean true" },
	{ "require('assert').match('abc', /x/)",
	    "throws AssertionError [ERR_ASSERTION]: The input did not match the regular expression /x/. Input:\\u000a\\u000a'abc'\\u000a" },
	{ "require('assert').doesNotMatch('abc', /b/)",
	    "throws AssertionError [ERR_ASSERTION]: The input was expected to not match the regular expression /b/. Input:\\u000a\\u000a'abc'\\u000a" },
	{ "require('assert').rejects(Promise.reject(new Error('r')), /r/)",
	    "resolves undefined undefined" },
	{ "require('assert').rejects(Promise.resolve(1))",
	    "rejects AssertionError [ERR_ASSERTION]: Missing expected rejection." },
	{ "require('assert').doesNotReject(Promise.reject(new Error('bad')))",
	    "rejects AssertionError [ERR_ASSERTION]: Got unwanted rejection.\\u000aActual message: \"bad\"" },
	{ "[require('assert').deepEqual([1, 2], [1, 2]) === undefined, require('assert').strict.equal === require('assert').strictEqual]",
	    "object [true,true]" },
	{ "require('assert').strict.equal(1, '1')",
	    "throws AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\\u000a\\u000a1 !== '1'\\u000a" },
	{ "require('assert').deepStrictEqual(new Date(0), new Date(0)) === undefined",
	    "boolean true" },
	{ "require('assert').deepStrictEqual(Buffer.from('ab'), Buffer.from('ac'))",
	    "throws AssertionError [ERR_ASSERTION]: Expected values to be strictly deep-equal:\\u000a+ actual - expected\\u000a\\u000a  Buffer(2) [Uint8Array] [\\u000a    97,\\u000a+   98\\u000a-   99\\u000a  ]" },
	{ "require('assert').deepStrictEqual([1, 2], [1, 2, 3])",
	    "throws AssertionError [ERR_ASSERTION]: Expected values to be strictly deep-equal:\\u000a+ actual - expected\\u000a\\u000a  [\\u000a    1,\\u000a    2,\\u000a-   3\\u000a  ]" },
	{ "(function () { var a = {}, b = {}; a.x = a; b.x = b; require('assert').deepStrictEqual(a, b); return 'cycles compare'; })()",
	    "string cycles compare" },
	{ "require('assert').deepStrictEqual(Object.create(null), {})",
	    "throws AssertionError [ERR_ASSERTION]: Expected values to be strictly deep-equal:\\u000a+ actual - expected\\u000a\\u000a+ [Object: null prototype] {}\\u000a- {}" },
	{ "require('assert').deepStrictEqual({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] })",
	    "throws AssertionError [ERR_ASSERTION]: Expected values to be strictly deep-equal:\\u000a+ actual - expected\\u000a\\u000a  {\\u000a    a: 1,\\u000a    b: [\\u000a      1,\\u000a+     2\\u000a-     3\\u000a    ]\\u000a  }" },
	{ "require('assert').strictEqual('hello world', 'hello there')",
	    "throws AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\\u000a+ actual - expected\\u000a\\u000a+ 'hello world'\\u000a- 'hello there'\\u000a         ^" },
	{ "require('assert').strictEqual({ a: 1 }, { a: 1 })",
	    "throws AssertionError [ERR_ASSERTION]: Values have same structure but are not reference-equal:\\u000a\\u000a{\\u000a  a: 1\\u000a}\\u000a" },
	{ "require('assert').deepEqual([1, 2], [1, 2, 3], 'custom')",
	    "throws AssertionError [ERR_ASSERTION]: custom" },
	{ "require('assert').notDeepStrictEqual({ a: 1 }, { a: 1 })",
	    "throws AssertionError [ERR_ASSERTION]: Expected \"actual\" not to be strictly deep-equal to:\\u000a\\u000a{\\u000a  a: 1\\u000a}\\u000a" },
	{ "(function () { var b = require('buffer'); return [b.kMaxLength === b.constants.MAX_LENGTH, b.INSPECT_MAX_BYTES, typeof b.SlowBuffer, typeof Buffer.allocUnsafeSlow, b.SlowBuffer(3).length]; })()",
	    "object [true,50,\"function\",\"function\",3]" },
	{ "[require('buffer').isUtf8(Buffer.from('h\\u00e9llo')), require('buffer').isUtf8(Buffer.from([0xff])), require('buffer').isUtf8(Buffer.from([0xe2, 0x82])), require('buffer').isAscii(Buffer.from('abc')), require('buffer').isAscii(Buffer.from('\\u00e9'))]",
	    "object [true,false,false,true,false]" },
	{ "require('buffer').btoa('hi') + ' ' + require('buffer').atob('aGk=')",
	    "string aGk= hi" },
	{ "new Promise(function (ok) { var t = require('timers'), log = []; t.setImmediate(function (x) { log.push('immediate ' + x); }, 'b'); t.setTimeout(function (x) { log.push('timeout ' + x); ok(log); }, 5, 'a'); })",
	    "resolves object [\"immediate b\",\"timeout a\"]" },
	{ "require('timers').promises.setTimeout(2, 'slept')",
	    "resolves string slept" },
	{ "require('timers/promises').setImmediate('now')",
	    "resolves string now" },
	{ "new Promise(function (ok) { var t = require('timers'), id = t.setTimeout(function () { ok('not cleared'); }, 1); t.clearTimeout(id); t.setTimeout(function () { ok('cleared'); }, 5); })",
	    "resolves string cleared" },
	{ "[typeof process, process.platform, typeof process.pid, Array.isArray(process.argv), typeof process.env, process.version.charAt(0), typeof process.versions.node, process.title === undefined]",
	    "object [\"object\",\"linux\",\"number\",true,\"object\",\"v\",\"string\",false]" },
	{ "(function () { var t = process.hrtime(); var d = process.hrtime(t); return [t.length, typeof t[0], typeof t[1], d[0] >= 0 && d[1] >= 0]; })()",
	    "object [2,\"number\",\"number\",true]" },
	{ "new Promise(function (ok) { var log = []; process.nextTick(function (a, b) { log.push('tick ' + a + b); }, 'x', 'y'); setTimeout(function () { ok(log); }, 1); })",
	    "resolves object [\"tick xy\"]" },
	{ "process.nextTick(5)",
	    "throws TypeError [ERR_INVALID_ARG_TYPE]: The \"callback\" argument must be of type function. Received type number (5)" },
	{ "typeof process.cwd() + ' ' + (process.cwd().charAt(0) === '/')",
	    "string string true" },
	{ "[typeof process.on, process.on('exit', function () {}) === process, process.emit('exit'), process.listenerCount('exit'), typeof process.stdout.write, process.stdout.isTTY === true]",
	    "object [\"function\",true,true,1,\"function\",false]" },
	{ "process.hrtime([1])",
	    "throws RangeError [ERR_OUT_OF_RANGE]: The value of \"time\" is out of range. It must be 2. Received 1" },
	{ "typeof process.uptime() + ' ' + (process.uptime() >= 0)",
	    "string number true" },
	{ "new Promise(function (ok) { var s = require('stream'), got = []; var r = new s.Readable({ read: function () {} }); r.on('data', function (c) { got.push(c.toString()); }); r.on('end', function () { ok(got); }); r.push('a'); r.push('b'); r.push(null); })",
	    "resolves object [\"a\",\"b\"]" },
	{ "new Promise(function (ok) { var s = require('stream'), chunks = []; var w = new s.Writable({ write: function (c, e, cb) { chunks.push(c.toString()); cb(); } }); w.on('finish', function () { ok(chunks); }); w.write('x'); w.write(Buffer.from('y')); w.end('z'); })",
	    "resolves object [\"x\",\"y\",\"z\"]" },
	{ "new Promise(function (ok) { var s = require('stream'), out = []; var t = new s.Transform({ transform: function (c, e, cb) { cb(null, c.toString().toUpperCase()); } }); t.on('data', function (c) { out.push(c.toString()); }); t.on('end', function () { ok(out); }); t.write('ab'); t.end('cd'); })",
	    "resolves object [\"AB\",\"CD\"]" },
	{ "new Promise(function (ok) { var s = require('stream'), out = []; var w = new s.Writable({ write: function (c, e, cb) { out.push(String(c)); cb(); } }); w.on('finish', function () { ok(out); }); s.Readable.from(['p', 'q']).pipe(w); })",
	    "resolves object [\"p\",\"q\"]" },
	{ "(function () { var s = require('stream'), util = require('util'); function My() { s.call(this); } util.inherits(My, s); var m = new My(); return [m instanceof require('events'), typeof m.pipe, s.Stream === s]; })()",
	    "object [true,\"function\",true]" },
	{ "new URL('https://user:pa ss@Example.COM:443/a/../b/./c d\?x=1 2&y=\\u00e9#f g').href",
	    "string https://user:pa%20ss@example.com/b/c%20d\?x=1%202&y=%C3%A9#f%20g" },
	{ "(function () { var u = new URL('http://EXAMPLE.com:8080/p/a/t/h\?query=string#hash'); return [u.protocol, u.username, u.password, u.host, u.hostname, u.port, u.pathname, u.search, u.hash, u.origin]; })()",
	    "object [\"http:\",\"\",\"\",\"example.com:8080\",\"example.com\",\"8080\",\"/p/a/t/h\",\"\?query=string\",\"#hash\",\"http://example.com:8080\"]" },
	{ "new URL('../x\?y#z', 'http://a.com/b/c/d').href",
	    "string http://a.com/b/x\?y#z" },
	{ "new URL('//other.org/p', 'https://a.com/b').href",
	    "string https://other.org/p" },
	{ "new URL('\?q=1', 'http://a.com/b/c\?old#h').href",
	    "string http://a.com/b/c\?q=1" },
	{ "new URL('#frag', 'http://a.com/b\?q').href",
	    "string http://a.com/b\?q#frag" },
	{ "new URL('http://a.com\\\\b\\\\c').href",
	    "string http://a.com/b/c" },
	{ "new URL('HTTP://a.com:80/').href + ' ' + new URL('https://a.com:443').href + ' ' + new URL('ftp://a.com:21/x').href",
	    "string http://a.com/ https://a.com/ ftp://a.com/x" },
	{ "new URL('http://192.168.0.1/').hostname + ' ' + new URL('http://0x7f.1/').hostname + ' ' + new URL('http://3232235521/').hostname",
	    "string 192.168.0.1 127.0.0.1 192.168.0.1" },
	{ "new URL('http://[2001:db8:0:0:0:0:0:1]:8000/').host + ' ' + new URL('http://[::ffff:192.168.1.1]/').hostname",
	    "string [2001:db8::1]:8000 [::ffff:c0a8:101]" },
	{ "new URL('http://m\\u00fcnchen.de/').hostname + ' ' + new URL('http://\\u4f8b\\u3048.jp/').hostname",
	    "string xn--mnchen-3ya.de xn--r8jz45g.jp" },
	{ "new URL('mailto:someone@example.com\?subject=hi').pathname + ' ' + new URL('mailto:x').origin",
	    "string someone@example.com null" },
	{ "new URL('file:///home/u/a%20b.txt').pathname + ' ' + new URL('file:///C:/x').href",
	    "string /home/u/a%20b.txt file:///C:/x" },
	{ "new URL('data:text/plain,hello world').href",
	    "string data:text/plain,hello world" },
	{ "new URL('blob:https://a.com:444/uuid').origin",
	    "string https://a.com:444" },
	{ "new URL('non-special://host/a/../b\?q#f').href",
	    "string non-special://host/b\?q#f" },
	{ "new URL('not a url')",
	    "throws TypeError [ERR_INVALID_URL]: Invalid URL" },
	{ "new URL('/relative')",
	    "throws TypeError [ERR_INVALID_URL]: Invalid URL" },
	{ "new URL('http://a b/')",
	    "throws TypeError [ERR_INVALID_URL]: Invalid URL" },
	{ "new URL('http://a.com:99999/')",
	    "throws TypeError [ERR_INVALID_URL]: Invalid URL" },
	{ "new URL('x', 'also not a url')",
	    "throws TypeError [ERR_INVALID_URL]: Invalid URL" },
	{ "[URL.canParse('https://a.com'), URL.canParse('nope'), URL.canParse('/p', 'http://a.com')]",
	    "object [true,false,true]" },
	{ "(function () { var u = new URL('http://a.com/p\?a=1'); u.pathname = '/x y/z'; u.search = '\?b=2 3'; u.hash = 'h'; u.port = '8080'; u.hostname = 'B.org'; u.username = 'me'; u.password = 'p@ss'; return u.href; })()",
	    "string http://me:p%40ss@b.org:8080/x%20y/z\?b=2%203#h" },
	{ "(function () { var u = new URL('http://a.com/'); u.protocol = 'https'; var v = new URL('http://a.com/'); v.protocol = 'foo'; return [u.href, v.href]; })()",
	    "object [\"https://a.com/\",\"http://a.com/\"]" },
	{ "(function () { var u = new URL('http://a.com/\?a=1'); u.searchParams.append('b', 'x y'); u.searchParams.set('a', '\\u00e9'); return [u.href, u.search]; })()",
	    "object [\"http://a.com/\?a=%C3%A9&b=x+y\",\"\?a=%C3%A9&b=x+y\"]" },
	{ "(function () { var u = new URL('http://a.com/\?a=1&b=2'); var p = u.searchParams; u.search = '\?c=3'; return [p.get('a'), p.get('c'), p.toString()]; })()",
	    "object [null,\"3\",\"c=3\"]" },
	{ "(function () { var u = new URL('http://a.com/x'); u.href = 'https://b.com/y'; return [u.host, u.pathname, JSON.stringify({ u: u }), String(u)]; })()",
	    "object [\"b.com\",\"/y\",\"{\\u005c\"u\\u005c\":\\u005c\"https://b.com/y\\u005c\"}\",\"https://b.com/y\"]" },
	{ "(function () { var u = new URL('http://a.com/'); u.href = 'nope'; })()",
	    "throws TypeError [ERR_INVALID_URL]: Invalid URL" },
	{ "require('url').domainToASCII('espa\\u00f1ol.com') + ' ' + require('url').domainToUnicode('xn--espaol-zwa.com') + ' ' + require('url').domainToASCII('xn--i\303\261valid.com')",
	    "string xn--espaol-zwa.com espa\\u00f1ol.com " },
	{ "require('url').fileURLToPath('file:///tmp/a%20b') + ' ' + require('url').pathToFileURL('/tmp/a b#c').href",
	    "string /tmp/a b file:///tmp/a%20b%23c" },
	{ "require('url').urlToHttpOptions(new URL('https://u:p@a.com:8443/x\?y=1'))",
	    "object {\"auth\":\"u:p\",\"hash\":\"\",\"hostname\":\"a.com\",\"href\":\"https://u:p@a.com:8443/x\?y=1\",\"path\":\"/x\?y=1\",\"pathname\":\"/x\",\"port\":8443,\"protocol\":\"https:\",\"search\":\"\?y=1\"}" },
	{ "new URLSearchParams('\?a=1&b=2&a=3&c=x+y&d=%E2%82%AC&e').toString()",
	    "string a=1&b=2&a=3&c=x+y&d=%E2%82%AC&e=" },
	{ "(function () { var p = new URLSearchParams('a=1&b=2&a=3'); return [p.get('a'), p.getAll('a'), p.get('z'), p.has('b'), p.has('a', '3'), p.has('a', '4'), p.size]; })()",
	    "object [\"1\",[\"1\",\"3\"],null,true,true,false,3]" },
	{ "(function () { var p = new URLSearchParams({ b: '2', a: '1 & 2' }); p.append('c', '\\u00e9'); p['delete']('b'); return p.toString(); })()",
	    "string a=1+%26+2&c=%C3%A9" },
	{ "(function () { var p = new URLSearchParams([['z', '1'], ['a', '2'], ['z', '0']]); p.sort(); return p.toString(); })()",
	    "string a=2&z=1&z=0" },
	{ "(function () { var p = new URLSearchParams('a=1&b=2&a=3'); p.set('a', 'x'); return p.toString(); })()",
	    "string a=x&b=2" },
	{ "(function () { var p = new URLSearchParams('a=1&b=2'), out = []; p.forEach(function (v, k) { out.push(k + '=' + v); }); var it = p.keys(), n = it.next(); return [out, n.value, n.done, p.entries().next().value]; })()",
	    "object [[\"a=1\",\"b=2\"],\"a\",false,[\"a\",\"1\"]]" },
	{ "new URLSearchParams([['a']])",
	    "throws TypeError [ERR_INVALID_TUPLE]: Each query pair must be an iterable [name, value] tuple" },
	{ "new URLSearchParams('a=b').append('x')",
	    "throws TypeError [ERR_MISSING_ARGS]: The \"name\" and \"value\" arguments must be specified" },
	{ "new URLSearchParams('q=%zz&r=%41').get('q') + ' ' + new URLSearchParams('q=%zz&r=%41').get('r')",
	    "string %zz A" },
	{ "new URLSearchParams('a= ~*-._!\\'()').toString()",
	    "string a=+%7E*-._%21%27%28%29" },
	{ "require('url').parse('http://user:pass@host.com:8080/p/a/t/h\?query=string#hash')",
	    "object {\"auth\":\"user:pass\",\"hash\":\"#hash\",\"host\":\"host.com:8080\",\"hostname\":\"host.com\",\"href\":\"http://user:pass@host.com:8080/p/a/t/h\?query=string#hash\",\"path\":\"/p/a/t/h\?query=string\",\"pathname\":\"/p/a/t/h\",\"port\":\"8080\",\"protocol\":\"http:\",\"query\":\"query=string\",\"search\":\"\?query=string\",\"slashes\":true}" },
	{ "require('url').parse('http://host.com/a\?x=1&x=2&y', true).query",
	    "object {\"x\":[\"1\",\"2\"],\"y\":\"\"}" },
	{ "require('url').parse('/just/a/path\?q=1')",
	    "object {\"auth\":null,\"hash\":null,\"host\":null,\"hostname\":null,\"href\":\"/just/a/path\?q=1\",\"path\":\"/just/a/path\?q=1\",\"pathname\":\"/just/a/path\",\"port\":null,\"protocol\":null,\"query\":\"q=1\",\"search\":\"\?q=1\",\"slashes\":null}" },
	{ "require('url').parse('//host/path', false, true)",
	    "object {\"auth\":null,\"hash\":null,\"host\":\"host\",\"hostname\":\"host\",\"href\":\"//host/path\",\"path\":\"/path\",\"pathname\":\"/path\",\"port\":null,\"protocol\":null,\"query\":null,\"search\":null,\"slashes\":true}" },
	{ "require('url').parse('mailto:someone@example.com')",
	    "object {\"auth\":\"someone\",\"hash\":null,\"host\":\"example.com\",\"hostname\":\"example.com\",\"href\":\"mailto:someone@example.com\",\"path\":null,\"pathname\":null,\"port\":null,\"protocol\":\"mailto:\",\"query\":null,\"search\":null,\"slashes\":null}" },
	{ "require('url').parse('HTTP://WWW.Example.COM/A b<c>')",
	    "object {\"auth\":null,\"hash\":null,\"host\":\"www.example.com\",\"hostname\":\"www.example.com\",\"href\":\"http://www.example.com/A%20b%3Cc%3E\",\"path\":\"/A%20b%3Cc%3E\",\"pathname\":\"/A%20b%3Cc%3E\",\"port\":null,\"protocol\":\"http:\",\"query\":null,\"search\":null,\"slashes\":true}" },
	{ "require('url').parse('http://a.com\\\\b\\\\c\?d\\\\e')",
	    "object {\"auth\":null,\"hash\":null,\"host\":\"a.com\",\"hostname\":\"a.com\",\"href\":\"http://a.com/b/c\?d%5Ce\",\"path\":\"/b/c\?d%5Ce\",\"pathname\":\"/b/c\",\"port\":null,\"protocol\":\"http:\",\"query\":\"d%5Ce\",\"search\":\"\?d%5Ce\",\"slashes\":true}" },
	{ "require('url').parse('javascript:alert(1)')",
	    "object {\"auth\":null,\"hash\":null,\"host\":null,\"hostname\":null,\"href\":\"javascript:alert(1)\",\"path\":\"alert(1)\",\"pathname\":\"alert(1)\",\"port\":null,\"protocol\":\"javascript:\",\"query\":null,\"search\":null,\"slashes\":null}" },
	{ "require('url').parse('http://[::1]:3000/x')",
	    "object {\"auth\":null,\"hash\":null,\"host\":\"[::1]:3000\",\"hostname\":\"::1\",\"href\":\"http://[::1]:3000/x\",\"path\":\"/x\",\"pathname\":\"/x\",\"port\":\"3000\",\"protocol\":\"http:\",\"query\":null,\"search\":null,\"slashes\":true}" },
	{ "require('url').format({ protocol: 'https', hostname: 'a.com', port: 8080, pathname: '/x y', query: { a: '1', b: ['2', '3'] }, hash: 'h' })",
	    "string https://a.com:8080/x y\?a=1&b=2&b=3#h" },
	{ "require('url').format({ protocol: 'http:', host: 'a.com', auth: 'u:p w', pathname: 'x', search: 'q=1' })",
	    "string http://u:p%20w@a.com/x\?q=1" },
	{ "require('url').format(new URL('http://u:p@a.com/x\?y#z'), { auth: false, fragment: false })",
	    "string http://a.com/x\?y" },
	{ "require('url').format(require('url').parse('http://a.com/b\?c=d#e'))",
	    "string http://a.com/b\?c=d#e" },
	{ "[require('url').resolve('http://a.com/b/c', '../d'), require('url').resolve('http://a.com/b/', 'c\?x'), require('url').resolve('/one/two/three', 'four'), require('url').resolve('http://example.com/', '/one'), require('url').resolve('http://a.com/one', 'http://b.com/two')]",
	    "object [\"http://a.com/d\",\"http://a.com/b/c\?x\",\"/one/two/four\",\"http://example.com/one\",\"http://b.com/two\"]" },
	{ "require('url').parse(5)",
	    "throws TypeError [ERR_INVALID_ARG_TYPE]: The \"url\" argument must be of type string. Received type number (5)" },
	{ "(function () { function foo(a, b) {} var o = { m: function named() {} }; return [foo.name, o.m.name, String.name, Object.name, 'x'.constructor.name, Object.keys.name, [].map.name, Function.prototype.name, Math.max.name]; })()",
	    "object [\"foo\",\"named\",\"String\",\"Object\",\"String\",\"keys\",\"map\",\"\",\"max\"]" },
	{ "(function () { var w = function () {}; Object.defineProperty(w, 'name', { value: 'renamed' }); return [w.name, Object.keys(w)]; })()",
	    "object [\"renamed\",[]]" },
	{ "(function () { 'use strict'; function f() {} try { f.name = 'x'; return 'assigned'; } catch (e) { return e.name; } })()",
	    "string TypeError" },
	{ "(function () { var g = Function('return this')(); return [Object.prototype.isPrototypeOf(g), typeof toString, typeof hasOwnProperty, toString === Object.prototype.toString, g instanceof Object]; })()",
	    "object [true,\"function\",\"function\",true,true]" },
	{ "(function () { var v = { toString: toString }; return v.toString.call([]); })()",
	    "string [object Array]" },
	{ "(function () { try { return notDefinedAnywhere; } catch (e) { return e.name; } })()",
	    "string ReferenceError" },
};
/* @generated end */

static void
test_cases(void)
{
	struct budget mem;
	struct buf out;
	js_State *J;
	size_t i;

	buf_init(&out);
	if ((J = cases_state(&mem, runner_js, prelude_js)) == NULL) {
		ok(0, "a state with the runner");
		return;
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_str(cases_run(J, cases[i].expr, &out), cases[i].want,
		    cases[i].expr);
	js_freestate(J);
	buf_free(&out);
}

/* Each global is an accessor until first read; an assignment replaces it. */
static void
test_lazy(void)
{
	static const char *const checks[][2] = {
		{ "['process', 'crypto', 'URL', 'URLSearchParams'].map(function (n) "
		    "{ return typeof Object.getOwnPropertyDescriptor(globalThis, n)"
		    ".get; }).join()",
		    "string function,function,function,function" },
		{ "Object.keys(globalThis).filter(function (n) { return /^(process|"
		    "crypto|URL|URLSearchParams)$/.test(n); }).length",
		    "number 0" },
		{ "typeof process + ' ' + typeof Object.getOwnPropertyDescriptor("
		    "globalThis, 'process').value + ' ' + typeof "
		    "Object.getOwnPropertyDescriptor(globalThis, 'crypto').get",
		    "string object object function" },
		{ "(function () { URL = 'mine'; crypto = 5; return [URL, crypto, "
		    "typeof require('url').URL]; })()",
		    "object [\"mine\",5,\"function\"]" },
		{ "(function () { process.env.ADDED = 'x'; return "
		    "require('process').env.ADDED; })()", "string x" },
	};
	struct budget mem;
	struct buf out;
	js_State *J;
	size_t i;

	buf_init(&out);
	J = cases_state(&mem, runner_js, prelude_js);
	js_getregistry(J, "builtin.modules");
	ok(js_isundefined(J, -1), "a new state has compiled no built-in module");
	js_pop(J, 1);
	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
		is_str(cases_run(J, checks[i][0], &out), checks[i][1],
		    checks[i][0]);
	js_freestate(J);
	buf_free(&out);
}

int
main(void)
{
	test_cases();
	test_lazy();
	return tap_done();
}
