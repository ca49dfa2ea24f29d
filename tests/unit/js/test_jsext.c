/*
 * jsext: the globals fnpool adds to MuJS (src/js/jsext.c, src/js/prelude.js),
 * each compared with what Node 20 gives for the same expression.  The
 * expected strings were computed with node and are written out here
 * (CI has no node).  Every case runs twice: in a fresh state, where the
 * first use of a name goes through its stub, and in a state whose
 * prelude is fully loaded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mujs.h>

#include "js/budget.h"
#include "js/jsext.h"
#include "tap.h"

/* Expression, and String(value) in Node (or "throws " + the error's name). */
static const struct {
	const char	*expr;
	const char	*want;
} cases[] = {
	{ "'abcdef'.substr(-3, 2)",
	    "de" },
	{ "'abcdef'.substr(-10, 2)",
	    "ab" },
	{ "'abcdef'.substr(2)",
	    "cdef" },
	{ "'abcdef'.substr(1, -1)",
	    "" },
	{ "'abcdef'.substr(NaN, 3)",
	    "abc" },
	{ "'abcdef'.substr(4, Infinity)",
	    "ef" },
	{ "'abc'.padStart(6, '')",
	    "abc" },
	{ "'abc'.padStart(8, 'xy')",
	    "xyxyxabc" },
	{ "'abc'.padStart(2, 'x')",
	    "abc" },
	{ "'abc'.padStart(6)",
	    "   abc" },
	{ "'abc'.padEnd(7, '12')",
	    "abc1212" },
	{ "'abc'.padEnd(5.9, 0)",
	    "abc00" },
	{ "'abc'.startsWith('bc', 1)",
	    "true" },
	{ "'abc'.startsWith('a', -5)",
	    "true" },
	{ "'abc'.endsWith('ab', 2)",
	    "true" },
	{ "'abc'.endsWith('c', 10)",
	    "true" },
	{ "'abc'.includes('')",
	    "true" },
	{ "'abc'.includes('c', 3)",
	    "false" },
	{ "'ab'.repeat(3)",
	    "ababab" },
	{ "'ab'.repeat(0)",
	    "" },
	{ "''.repeat(5)",
	    "" },
	{ "'ab'.repeat(2.9)",
	    "abab" },
	{ "'  a b \\t\\n'.trimStart() + '|'",
	    "a b \011\012|" },
	{ "'|' + '\\u00a0 a b \\t\\n'.trimEnd() + '|'",
	    "|\302\240 a b|" },
	{ "'|' + '   '.trimStart() + '|'",
	    "||" },
	{ "'\360\237\230\200'.codePointAt(0)",
	    "128512" },
	{ "'\360\237\230\200'.codePointAt(1)",
	    "56832" },
	{ "'a\360\237\230\200'.codePointAt(5)",
	    "undefined" },
	{ "'abc'.at(-1)",
	    "c" },
	{ "String.fromCodePoint(72, 0x1F600, 105).length",
	    "4" },
	{ "String.fromCodePoint(0x1F600) === '\360\237\230\200'",
	    "true" },
	{ "String.fromCodePoint.length",
	    "1" },
	{ "escape('a b+c/d@e*f_g-h.i')",
	    "a%20b+c/d@e*f_g-h.i" },
	{ "escape('\\u00e9\\u00ff\\u0100\\u20ac')",
	    "%E9%FF%u0100%u20AC" },
	{ "escape('\360\237\230\200')",
	    "%uD83D%uDE00" },
	{ "escape('\\u0000%')",
	    "%00%25" },
	{ "unescape('%u20AC%e9%41')",
	    "\342\202\254\303\251A" },
	{ "unescape('%zz%u12%4')",
	    "%zz%u12%4" },
	{ "unescape('%uD83D%uDE00') === '\360\237\230\200'",
	    "true" },
	{ "unescape(escape('\303\234n\303\257c\303\266d\303\251 \342\230\203 \360\237\230\200')) === '\303\234n\303\257c\303\266d\303\251 \342\230\203 \360\237\230\200'",
	    "true" },
	{ "'e\\u0301'.normalize() === '\\u00e9'",
	    "true" },
	{ "'\\u00e9'.normalize('NFD') === 'e\\u0301'",
	    "true" },
	{ "'\\u01d6'.normalize('NFD').length",
	    "3" },
	{ "'u\\u0308\\u0304'.normalize('NFC') === '\\u01d6'",
	    "true" },
	{ "'a\\u0302\\u0323'.normalize('NFC').charCodeAt(0)",
	    "7853" },
	{ "'a\\u0302\\u0323'.normalize('NFD') === 'a\\u0323\\u0302'",
	    "true" },
	{ "'\\ufb01'.normalize('NFKD')",
	    "fi" },
	{ "'\\ufb01'.normalize('NFC') === '\\ufb01'",
	    "true" },
	{ "'\\u00bd'.normalize('NFKC')",
	    "1\342\201\2042" },
	{ "'\\u1e9b\\u0323'.normalize('NFKC').charCodeAt(0)",
	    "7785" },
	{ "'\303\205'.normalize('NFD').normalize('NFC') === '\303\205'",
	    "true" },
	{ "'\\u0041\\u030a'.normalize() === '\\u00c5'",
	    "true" },
	{ "'\\u212b'.normalize().charCodeAt(0) + ',' + '\\u2126'.normalize('NFD').charCodeAt(0) + ',' + '\\u2122'.normalize('NFKC')",
	    "197,937,TM" },
	{ "'x'.normalize('nfc')",
	    "throws RangeError" },
	{ "Object.assign({a: 1}, null, {b: 2}, 'xy').b",
	    "2" },
	{ "JSON.stringify(Object.assign({}, 'xy'))",
	    "{\"0\":\"x\",\"1\":\"y\"}" },
	{ "JSON.stringify(Object.entries({b: 2, a: [1]}).sort())",
	    "[[\"a\",[1]],[\"b\",2]]" },
	{ "Object.values({a: 1, b: 'x'}).sort().join()",
	    "1,x" },
	{ "JSON.stringify(Object.fromEntries([['a', 1], ['b', 2]]))",
	    "{\"a\":1,\"b\":2}" },
	{ "Object.is(NaN, NaN) + ',' + Object.is(0, -0) + ',' + Object.is('a', 'a')",
	    "true,false,true" },
	{ "Object.assign.length",
	    "2" },
	{ "Array.from('abc').join('-')",
	    "a-b-c" },
	{ "Array.from({length: 3}, function (v, i) { return i * 2; }).join()",
	    "0,2,4" },
	{ "Array.from([1, , 3]).length",
	    "3" },
	{ "Array.of(7).length",
	    "1" },
	{ "[1, 2, 3].find(function (x) { return x > 1; })",
	    "2" },
	{ "[1, 2, 3].findIndex(function (x) { return x > 5; })",
	    "-1" },
	{ "[1, 2, 3].findLast(function (x) { return x < 3; })",
	    "2" },
	{ "[1, NaN, 3].includes(NaN)",
	    "true" },
	{ "[1, 2, 3].includes(3, -1)",
	    "true" },
	{ "[1, 2, 3].includes(1, 1)",
	    "false" },
	{ "[1, 2, 3, 4].fill(0, 1, -1).join()",
	    "1,0,0,4" },
	{ "[1, 2, 3].fill(9, -2).join()",
	    "1,9,9" },
	{ "[1, [2, [3, [4]]]].flat(2).length",
	    "4" },
	{ "[1, 2].flatMap(function (x) { return [x, x * 10]; }).join()",
	    "1,10,2,20" },
	{ "[1, 2, 3].at(-1)",
	    "3" },
	{ "Number.isInteger(5.0) + ',' + Number.isInteger(5.5) + ',' + Number.isInteger('5')",
	    "true,false,false" },
	{ "Number.isSafeInteger(9007199254740991) + ',' + Number.isSafeInteger(9007199254740992)",
	    "true,false" },
	{ "Number.isFinite('1') + ',' + Number.isFinite(1) + ',' + Number.isNaN('x') + ',' + Number.isNaN(NaN)",
	    "false,true,false,true" },
	{ "Number.EPSILON === Math.pow(2, -52)",
	    "true" },
	{ "Number.MAX_SAFE_INTEGER",
	    "9007199254740991" },
	{ "Number.MIN_SAFE_INTEGER",
	    "-9007199254740991" },
	{ "Number.parseFloat === parseFloat",
	    "true" },
	{ "Math.trunc(-4.7) + ',' + Math.trunc(4.7) + ',' + (1 / Math.trunc(-0.5))",
	    "-4,4,-Infinity" },
	{ "Math.sign(-3) + ',' + Math.sign(0) + ',' + (1 / Math.sign(-0)) + ',' + Math.sign('x')",
	    "-1,0,-Infinity,NaN" },
	{ "Math.log2(8) + ',' + Math.log10(1000) + ',' + Math.log2(0)",
	    "3,3,-Infinity" },
	{ "Math.hypot(3, 4) + ',' + Math.hypot() + ',' + Math.hypot(NaN, Infinity) + ',' + Math.hypot(3, 4, 12)",
	    "5,0,Infinity,13" },
	{ "Math.cbrt(27) + ',' + Math.cbrt(-8) + ',' + Math.cbrt(-Infinity)",
	    "3,-2,-Infinity" },
	{ "Math.imul(0xffffffff, 5) + ',' + Math.imul(2, 4) + ',' + Math.imul(0x7fffffff, 2)",
	    "-5,8,-2" },
	{ "Math.clz32(1) + ',' + Math.clz32(0) + ',' + Math.clz32(-1) + ',' + Math.clz32(0.5)",
	    "31,32,0,32" },
	{ "Math.fround(5.5) + ',' + Math.fround(5.05) + ',' + Math.fround(1e40)",
	    "5.5,5.050000190734863,Infinity" },
	{ "Math.expm1(0) + ',' + Math.log1p(0) + ',' + Math.atanh(1) + ',' + Math.tanh(Infinity)",
	    "0,0,Infinity,1" },
	{ "new Uint8Array([1, 256, 257, -1, 3.7, -3.7, NaN]).join()",
	    "1,0,1,255,3,253,0" },
	{ "new Int8Array([127, 128, 255, -129]).join()",
	    "127,-128,-1,127" },
	{ "new Uint8ClampedArray([1.5, 2.5, -3, 300, NaN, 254.5]).join()",
	    "2,2,0,255,0,254" },
	{ "new Int16Array([32767, 32768, -32769]).join()",
	    "32767,-32768,32767" },
	{ "new Uint16Array([65536, -1]).join()",
	    "0,65535" },
	{ "new Int32Array([2147483648, 4294967295]).join()",
	    "-2147483648,-1" },
	{ "new Uint32Array([-1, 4294967296]).join()",
	    "4294967295,0" },
	{ "new Float32Array([1.1, 16777217]).join()",
	    "1.100000023841858,16777216" },
	{ "new Float64Array([0.1, -0]).join()",
	    "0.1,0" },
	{ "(function () { var u = new Uint8Array(2); u[5] = 1; u[-1] = 1; u[1.5] = 1; u[1] = 258; return [u[5], u[-1], u[1.5], u[1], u.length, Object.keys(u).length === 2 ? 'keys' : 'nokeys'].slice(0, 5).join(); })()",
	    ",,,2,2" },
	{ "(function () { var u = new Uint8Array(4); u['01'] = 7; return u['01'] + ',' + u[1]; })()",
	    "7,0" },
	{ "new Uint8Array(new Uint16Array([258, 3])).join()",
	    "2,3" },
	{ "(function () { var b = new ArrayBuffer(8); var a = new Uint16Array(b, 2, 2); a[0] = 0x0102; return new Uint8Array(b).join() + '|' + a.byteOffset + ',' + a.byteLength + ',' + a.length + ',' + b.byteLength; })()",
	    "0,0,2,1,0,0,0,0|2,4,2,8" },
	{ "(function () { var a = new Uint8Array([1, 2, 3, 4]); var s = a.subarray(1, 3); s[0] = 9; return a.join() + '|' + s.join() + '|' + a.slice(-2).join(); })()",
	    "1,9,3,4|9,3|3,4" },
	{ "(function () { var a = new Uint8Array(4); a.set([1, 2], 2); a.set(new Uint8Array([7]), 0); return a.join(); })()",
	    "7,0,1,2" },
	{ "(function () { try { new Uint8Array(2).set([1, 2, 3]); } catch (e) { return e.name; } })()",
	    "RangeError" },
	{ "(function () { try { new Uint8Array(-1); } catch (e) { return e.name; } })()",
	    "RangeError" },
	{ "(function () { try { Uint8Array(2); } catch (e) { return e.name; } })()",
	    "TypeError" },
	{ "(function () { try { new Uint16Array(new ArrayBuffer(3)); } catch (e) { return e.name; } })()",
	    "RangeError" },
	{ "new Uint8Array(3).fill(7, 1).join()",
	    "0,7,7" },
	{ "new Float64Array([3, -0, 0, NaN, -1]).sort().join()",
	    "-1,0,0,3,NaN" },
	{ "Uint8Array.from([1, 2, 3], function (x) { return x * 2; }).join()",
	    "2,4,6" },
	{ "Int16Array.of(1, -2).join()",
	    "1,-2" },
	{ "new Uint8Array([5, 6, 7]).map(function (x) { return x * 100; }).join()",
	    "244,88,188" },
	{ "new Uint8Array([5, 6, 7]).filter(function (x) { return x > 5; }).join()",
	    "6,7" },
	{ "new Uint8Array([5, 6, 7]).indexOf(7)",
	    "2" },
	{ "Uint8Array.BYTES_PER_ELEMENT + ',' + new Float64Array(1).BYTES_PER_ELEMENT",
	    "1,8" },
	{ "Object.prototype.toString.call(new Uint8Array(1))",
	    "[object Uint8Array]" },
	{ "new Uint8Array([1, 2]) instanceof Uint8Array",
	    "true" },
	{ "ArrayBuffer.isView(new Int8Array(1)) + ',' + ArrayBuffer.isView([])",
	    "true,false" },
	{ "new ArrayBuffer(5).slice(1, -1).byteLength",
	    "3" },
	{ "Buffer.from('h\303\251llo w\303\266rld').toString('base64')",
	    "aMOpbGxvIHfDtnJsZA==" },
	{ "Buffer.from('h\303\251llo').toString('hex')",
	    "68c3a96c6c6f" },
	{ "Buffer.from('68c3a96c6c6f', 'hex').toString()",
	    "h\303\251llo" },
	{ "Buffer.from('aGk_-w', 'base64url').toString('hex')",
	    "68693ffb" },
	{ "Buffer.from('/+8', 'base64').toString('base64url')",
	    "_-8" },
	{ "Buffer.from('\360\237\230\200').length",
	    "4" },
	{ "Buffer.byteLength('\360\237\230\200\303\251')",
	    "6" },
	{ "Buffer.from([0xff, 0xfe, 0x41]).toString('latin1')",
	    "\303\277\303\276A" },
	{ "Buffer.from('\303\277A', 'latin1').toString('hex')",
	    "ff41" },
	{ "Buffer.from('hi', 'utf16le').toString('hex')",
	    "68006900" },
	{ "Buffer.from('abc').toString('utf8', 1)",
	    "bc" },
	{ "Buffer.from('abcdef').slice(1, 3).toString()",
	    "bc" },
	{ "Buffer.concat([Buffer.from('ab'), Buffer.from('cd')]).toString()",
	    "abcd" },
	{ "Buffer.alloc(5, 'ab').toString()",
	    "ababa" },
	{ "Buffer.isBuffer(Buffer.from('x')) + ',' + Buffer.isBuffer(new Uint8Array(1))",
	    "true,false" },
	{ "Buffer.from('hi').toJSON().type + Buffer.from('hi').toJSON().data.join()",
	    "Buffer104,105" },
	{ "Buffer.from('abc').equals(Buffer.from('abc'))",
	    "true" },
	{ "Buffer.from([1, 2, 3, 4]).readUInt32BE(0)",
	    "16909060" },
	{ "Buffer.from('hi').toString('ascii')",
	    "hi" },
	{ "new TextDecoder().decode(new TextEncoder().encode('\303\251\360\237\230\200')) === '\303\251\360\237\230\200'",
	    "true" },
	{ "new TextEncoder().encode('\303\251').length",
	    "2" },
	{ "btoa('hello') + ',' + atob('aGVsbG8=')",
	    "aGVsbG8=,hello" },
	{ "typeof globalThis + ',' + (globalThis === this)",
	    "object,true" },
	{ "Object.getOwnPropertyDescriptor(String.prototype, 'padStart').enumerable",
	    "false" },
	{ "Object.getOwnPropertyDescriptor(Object.prototype, '__defineGetter__').enumerable",
	    "false" },
	{ "(function () { var o = {}; o.__defineGetter__('x', function () { return 7; }); o.__defineSetter__('y', function (v) { this.z = v * 2; }); o.y = 4; return o.x + ',' + o.z + ',' + typeof o.__lookupGetter__('x') + ',' + typeof o.__lookupSetter__('x') + ',' + typeof o.__lookupGetter__('toString'); })()",
	    "7,8,function,undefined,undefined" },
	{ "(function () { try { ({}).__defineGetter__('x', 5); } catch (e) { return e.name; } })()",
	    "TypeError" },
	{ "(function () { try { 'abc'.startsWith(/a/); } catch (e) { return e.name; } })()",
	    "TypeError" },
	{ "(function () { try { 'abc'.repeat(-1); } catch (e) { return e.name + ': ' + e.message; } })()",
	    "RangeError: Invalid count value: -1" },
	{ "(function () { try { 'abc'.normalize('NFX'); } catch (e) { return e.name; } })()",
	    "RangeError" },
	{ "(function () { try { String.prototype.padEnd.call(null, 3); } catch (e) { return e.name; } })()",
	    "TypeError" },
	{ "(function () { try { String.fromCodePoint(1.5); } catch (e) { return e.name; } })()",
	    "RangeError" },
	{ "(function () { try { Buffer.from('x', 'nope'); } catch (e) { return e.name; } })()",
	    "TypeError" },
	{ "(function () { var h = 0x811c9dc5, f = ['NFC', 'NFD', 'NFKC', 'NFKD'], r = [[0xa0, 0x52f], [0x1e00, 0x1fff], [0x2000, 0x214f], [0xfb00, 0xfb06]], k, j, c, i, s; for (k = 0; k < 4; k++) for (j = 0; j < r.length; j++) for (c = r[j][0]; c <= r[j][1]; c++) { s = String.fromCharCode(c).normalize(f[k]) + '|'; for (i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; } } return h; })()",
	    "1215373189" },
	{ "(function () { var h = 0x811c9dc5, f = ['NFC', 'NFD'], b = 'aeiouyAEIOUYcnszgkhwrtdlCNSZGKHWRTDL\\u00e2\\u00ea\\u00f4\\u00fc\\u03b1\\u03b5\\u03b7\\u03b9\\u03bf\\u03c5\\u03c9\\u0438\\u0435', k, j, c, i, s; for (k = 0; k < 2; k++) for (j = 0; j < b.length; j++) for (c = 0x300; c <= 0x36f; c++) { s = (b.charAt(j) + String.fromCharCode(c) + String.fromCharCode(0x300 + (c * 7) % 0x70)).normalize(f[k]) + '|'; for (i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; } } return h; })()",
	    "3489304421" },
	{ "'x'.replace(/(a)|(x)/, function (m, a, b, o, s) { return [m, a, b, o, s].join('|'); })",
	    "x||x|0|x" },
	{ "'2024-02-29 1-2'.replace(/(\\d+)-(\\d+)|(z)/g, function (m, y, mo, z, off) { return mo + '/' + y + '@' + off; })",
	    "02/2024@0-29 2/1@11" },
	{ "'aaa'.replace(/a*?/g, function (m, o) { return '<' + o + '>'; })",
	    "<0>a<1>a<2>a<3>" },
	{ "'\\u00e9a\\u00e9'.replace(/a|/g, function (m, o) { return '<' + o + '>'; })",
	    "<0>\303\251<1><2>\303\251<3>" },
	{ "'abc'.replace(/b/, function () { return arguments.length; })",
	    "a3c" },
	{ "'a.b.c'.replace('.', function (m, o) { return '[' + o + ']'; })",
	    "a[1]b.c" },
	{ "'a.b.c'.replace(/\\./g, '$&$&')",
	    "a..b..c" },
	{ "(function () { var re = /b/g; 'abcb'.replace(re, function () { return 'X'; }); return re.lastIndex; })()",
	    "0" },
	{ "String.prototype.replace.length",
	    "2" },
	{ "/(\\d+)-(\\d+)/.test('ab 12-34 cd') + '|' + RegExp.$1 + '|' + RegExp.$2 + '|' + RegExp.$3 + '|' + RegExp['$&'] + '|' + RegExp.leftContext + '|' + RegExp.rightContext + '|' + RegExp.lastParen + '|' + RegExp.input",
	    "true|12|34||12-34|ab | cd|34|ab 12-34 cd" },
	{ "/(b)(c)?/.exec('abd') && RegExp.$1 + '|' + RegExp.$2 + '|' + RegExp[\"$'\"] + '|' + RegExp['$`']",
	    "b||d|a" },
	{ "(function () { /(x)/.test('x'); /z/.test('abc'); return RegExp.$1; })()",
	    "x" },
	{ "(function () { var re = /(a)(\\d)/g; re.test('a1a2'); re.test('a1a2'); return RegExp.$2 + re.lastIndex; })()",
	    "24" },
	{ "Object.keys(RegExp).length",
	    "0" },
	{ "'a\\nb\\nc'.match(/^\\w/gm).join()",
	    "a,b,c" },
	{ "'a\\nb\\r\\nc'.replace(/^/gm, '>')",
	    ">a\012>b\015>\012>c" },
	{ "'- a\\n- b'.replace(/^- (\\w)/gm, function (m, x) { return '<' + x + '>'; })",
	    "<a>\012<b>" },
	{ "(function () { var r = /^b/gm; r.lastIndex = 2; return String(r.exec('a\\nb')) + r.lastIndex; })()",
	    "b3" },
	{ "(function () { var r = /^b/gm, n = 0; while (r.test('b\\nb\\nab')) n++; return n; })()",
	    "2" },
	{ "'ab'.match(/x*/g).length",
	    "3" },
	{ "'abc'.replace(/^/g, '-') + 'abc'.replace(/x*/g, '-') + 'abc'.replace(/$/g, '-')",
	    "-abc-a-b-c-abc-" },
	{ "'x-y'.replace(/(\\w)-(\\w)/, \"$2$1$$$&$`$'$3$0$10\")",
	    "yx$x-y$3$0x0" },
	{ "'abcdefghijk'.replace(/(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)/, '$11$10$1')",
	    "kja" },
	{ "'AbC'.match(/b/i).index + ',' + 'abc'.match(/z/g)",
	    "1,null" },
	{ "'\360\237\230\200a\360\237\230\200b'.replace(/[ab]/g, function (m, o) { return '<' + o + '>'; })",
	    "\360\237\230\200<2>\360\237\230\200<5>" },
	{ "'\360\237\230\200a\360\237\230\200b'.replace(/B/i, function (m, o) { return '<' + o + '>'; })",
	    "\360\237\230\200a\360\237\230\200<5>" },
	{ "'\\u00e9b'.replace(/b/, function (m, o) { return o; })",
	    "\303\2511" },
	{ "typeof 'ab'.match(/./g)[0] + typeof 'a\\nb'.match(/^\\w/gm)[1]",
	    "stringstring" },
	{ "(function () { try { throw new RangeError('r'); } catch (e) { return e.stack.split('\\n')[0] + '|' + /\\n\\s+at /.test(e.stack); } })()",
	    "RangeError: r|true" },
	{ "typeof Error.prototype.stack + ',' + typeof ({}).stack",
	    "undefined,undefined" },
	{ "(function () { var e = new Error('x'); e.stack = 'mine'; return e.stack + Object.keys(e).length; })()",
	    "mine0" },
	{ "typeof r + typeof probe",
	    "undefinedundefined" },
	{ "new RegExp('^a{0,300}$').test(Array(301).join('a')) + ',' + new RegExp('^a{300}$').test(Array(300).join('a'))",
	    "true,false" },
	{ "new RegExp('^x\\\\s{0,256}y$').test('x   y') + ',' + new RegExp('^[a-c]{256,}$').test(Array(300).join('b'))",
	    "true,true" },
	{ "new RegExp('a{0,300}').exec(Array(400).join('a'))[0].length + ',' + new RegExp('a{1,300}?').exec('aaa')[0].length",
	    "300,1" },
	{ "new RegExp('^(?:ab){2,600}$').test(Array(400).join('ab')) + ',' + new RegExp('^\\\\u00e9{255}$').test(Array(256).join('\\u00e9'))",
	    "true,true" },
	{ "(function () { var r = /x/; return (r instanceof RegExp) + ',' + (r.constructor === RegExp) + ',' + (RegExp(r) === r) + ',' + RegExp.length + ',' + new RegExp(/ab/i).ignoreCase; })()",
	    "true,true,true,2,true" },
};

#define NCASES	(sizeof(cases) / sizeof(cases[0]))

static struct budget mem;

static js_State *
state(size_t limit)
{
	js_State *J;

	budget_init(&mem, limit);
	if ((J = js_newstate(budget_alloc, &mem, 0)) == NULL)
		return NULL;
	budget_attach(&mem, J);
	if (jsext_install(J, budget_alloc, &mem) == -1) {
		js_freestate(J);
		return NULL;
	}
	return J;
}

/* String(value) of src, or "throws " + the error's name. */
static const char *
eval(js_State *J, const char *src)
{
	static char out[4096];

	if (js_ploadstring(J, "[test]", src) != 0 ||
	    (js_pushundefined(J), js_pcall(J, 0)) != 0) {
		if (js_isobject(J, -1)) {
			js_getproperty(J, -1, "name");
			snprintf(out, sizeof(out), "throws %s",
			    js_trystring(J, -1, "?"));
			js_pop(J, 1);
		} else
			snprintf(out, sizeof(out), "throws %s",
			    js_trystring(J, -1, "?"));
	} else
		snprintf(out, sizeof(out), "%s", js_trystring(J, -1, "?"));
	js_pop(J, 1);
	return out;
}

static void
run_cases(js_State *J, const char *how)
{
	char what[160];
	size_t i;

	for (i = 0; i < NCASES; i++) {
		snprintf(what, sizeof(what), "%s: %.100s", how, cases[i].expr);
		is_str(eval(J, cases[i].expr), cases[i].want, what);
	}
}

/* Names, lengths and attributes are the same before and after loading. */
static const char shape_js[] =
    "(function () {"
    "  var where = { 'String.prototype': String.prototype, String: String,"
    "    Math: Math, Object: Object, 'Object.prototype': Object.prototype,"
    "    Array: Array, 'Array.prototype': Array.prototype,"
    "    Number: Number, Uint8Array: Uint8Array,"
    "    TypedArray: Object.getPrototypeOf(Uint8Array.prototype) }, r = [];"
    "  for (var w in where) {"
    "    var names = Object.getOwnPropertyNames(where[w]).sort();"
    "    for (var i = 0; i < names.length; i++) {"
    "      /* MuJS lists the length of String.prototype, gives no descriptor */"
    "      var d = Object.getOwnPropertyDescriptor(where[w], names[i]);"
    "      if (!d || typeof d.value !== 'function' ||"
    "          names[i] === 'constructor')"
    "        continue;"
    "      r.push(w + '.' + names[i] + '/' + d.value.length +"
    "        (d.enumerable ? 'E' : '') + (d.writable ? 'W' : '') +"
    "        (d.configurable ? 'C' : ''));"
    "    }"
    "  }"
    "  return r.join(' ');"
    "})()";

static void
test_shape(void)
{
	js_State *J = state(0);
	char *before;

	before = strdup(eval(J, shape_js));
	ok(jsext_load_all(J) == 0, "the whole prelude compiles and runs");
	is_str(eval(J, shape_js), before,
	    "stubs have the length and attributes of what replaces them");
	ok(strstr(before, "String.prototype.padStart/2WC") != NULL &&
	    strstr(before, "Object.assign/2WC") != NULL &&
	    strstr(before, "Math.hypot/2WC") != NULL &&
	    strstr(before, "Array.prototype.includes/1WC") != NULL,
	    "methods are writable, configurable, not enumerable, spec length");
	is_str(eval(J, "var k = []; for (var n in String.prototype) k.push(n);"
	    "for (n in this) k.push(n); for (n in Object.prototype) k.push(n);"
	    "k.join()"), "", "nothing added is enumerable");
	free(before);
	js_freestate(J);
}

static void
test_no_override(void)
{
	js_State *J;

	budget_init(&mem, 0);
	J = js_newstate(budget_alloc, &mem, 0);
	eval(J, "String.prototype.padStart = function () { return 'own'; };"
	    "Math.trunc = function () { return 'own'; };");
	ok(jsext_install(J, budget_alloc, &mem) == 0, "installs");
	ok(jsext_load_all(J) == 0, "loads");
	is_str(eval(J, "'x'.padStart(3) + Math.trunc(1.5) + 'x'.padEnd(3, '-')"),
	    "ownownx--", "a method that exists is kept, the others added");
	js_freestate(J);
}

static void
test_assign_first(void)
{
	js_State *J = state(0);

	is_str(eval(J, "Buffer = 5; atob = null; String(Buffer) + atob"),
	    "5null", "assigning a lazy global before reading it keeps the value");
	is_str(eval(J, "typeof TextEncoder + Object.keys(this).length"),
	    "function0", "a lazy global reads as its value, not enumerable");
	js_freestate(J);
}

static void
test_memory(void)
{
	js_State *J = state(8 << 20);

	ok(J != NULL, "a state with memory_limit = 8 MB");
	is_str(eval(J, "try { new Uint8Array(16 << 20); 'allocated' }"
	    " catch (e) { e.name }"), "RangeError",
	    "a typed array past memory_limit is a RangeError");
	ok(mem.hit, "... and counts as hitting the limit");
	mem.hit = 0;
	is_str(eval(J, "var a = []; for (var i = 0; i < 64; i++)"
	    " a.push(new Uint8Array(1 << 16)); a.length"), "64",
	    "typed arrays within the limit are fine");
	is_str(eval(J, "a = null; for (var i = 0; i < 1024; i++)"
	    " new Uint8Array(1 << 16); i"), "1024",
	    "garbage typed arrays give their bytes back");
	ok(!mem.hit, "... without hitting the limit");
	js_freestate(J);
	ok(mem.used == 0, "freeing the state frees every typed array");
}

int
main(void)
{
	js_State *J;

	J = state(0);
	run_cases(J, "lazy");
	js_freestate(J);
	ok(mem.used == 0, "a state with jsext frees all it allocated");

	J = state(0);
	ok(jsext_load_all(J) == 0, "jsext_load_all");
	run_cases(J, "loaded");
	js_freestate(J);

	test_shape();
	test_no_override();
	test_assign_first();
	test_memory();
	return tap_done();
}
