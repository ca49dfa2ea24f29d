// keyorder-cases.js: the cases of tests/unit/js/test_keyorder.c, the
// order in which objects list their keys (js/keyorder.c): integer keys
// ascending, then the others in the order they were made, then for
// for-in each prototype's; with what Node 20 answers for each (see
// node-cases.js).  The runner prints an object with its keys sorted, so
// each case returns its keys as an array or a JSON string.
//
//   node tests/unit/js/keyorder-cases.js --update tests/unit/js/test_keyorder.c
'use strict';

var prelude = [
	"function forin(o) { var r = [], k; for (k in o) r.push(k); return r; }",
	"function shuffled(n) { var o = {}, i; for (i = 0; i < n; i++) o['k' + ((i * 7919) % n)] = i; return o; }",
	/* class P { constructor() { this.z = 1; this.a = 2; } get g() {} m() {} } as SWC compiles it */
	"function _defineProperties(target, props) { for (var i = 0; i < props.length; i++) { var d = props[i]; d.enumerable = d.enumerable || false; d.configurable = true; if ('value' in d) d.writable = true; Object.defineProperty(target, d.key, d); } }",
	"function _createClass(C, protoProps) { _defineProperties(C.prototype, protoProps); return C; }",
	"var P = function () { function P() { this.z = 1; this.a = 2; } _createClass(P, [{ key: 'm', value: function () {} }, { key: 'g', get: function () { return 1; } }]); return P; }();"
].join('\n');

var cases = [
	// plain objects: made in an order that is not the names'
	"JSON.stringify({ b: 1, a: 2, c: 3 })",
	"Object.keys({ b: 1, a: 2, c: 3 })",
	"forin({ b: 1, a: 2, c: 3 })",
	"Object.getOwnPropertyNames({ b: 1, a: 2, c: 3 })",
	"(function () { var o = {}; o.zeta = 1; o.alpha = 2; o.mid = 3; return [Object.keys(o), forin(o), JSON.stringify(o)]; })()",
	// integer keys first, by value; what only looks like one stays a name
	"JSON.stringify({ '10': 1, '2': 2, 'b': 3, 'a': 4 })",
	"Object.keys({ b: 1, a: 2, '01': 3, '4294967295': 4, '4294967294': 5, '-1': 6, '1.5': 7, '0': 8, '1e3': 9 })",
	"forin({ x: 1, 3: 'c', 1: 'a', 2: 'b' })",
	// deleting a key and adding it again moves it to the end
	"(function () { var o = { a: 1, b: 2, c: 3 }; delete o.a; o.a = 4; return [Object.keys(o), JSON.stringify(o)]; })()",
	"(function () { var o = { a: 1, b: 2 }; o.a = 3; return Object.keys(o); })()",
	// defineProperty: a new key at the end, a redefined one where it was
	"(function () { var o = { b: 1 }; Object.defineProperty(o, 'a', { value: 2, enumerable: true, configurable: true }); o.c = 3; Object.defineProperty(o, 'b', { value: 4, enumerable: true }); return [Object.keys(o), JSON.stringify(o)]; })()",
	"(function () { var o = { b: 1 }; Object.defineProperty(o, 'h', { value: 2 }); o.a = 3; return [Object.keys(o), Object.getOwnPropertyNames(o)]; })()",
	"(function () { var o = { z: 0 }; Object.defineProperty(o, 'g', { get: function () { return 1; }, enumerable: true }); o.a = 2; return JSON.stringify(o); })()",
	"Object.keys(Object.defineProperties({}, { b: { value: 1, enumerable: true }, a: { value: 2, enumerable: true }, 1: { value: 3, enumerable: true } }))",
	"Object.keys(Object.create({ p: 1 }, { y: { value: 1, enumerable: true }, x: { value: 2, enumerable: true } }))",
	"(function () { try { Object.create({}, { a: 5 }); } catch (e) { return e.name + ': ' + e.message; } })()",
	"(function () { try { Object.defineProperties({}, { b: {}, a: 1 }); } catch (e) { return e.name + ': ' + e.message; } })()",
	"[5, 's', undefined, true, Symbol('q')].map(function (v) { try { Object.create(v); } catch (e) { return e.name + ': ' + e.message; } })",
	"(function () { var p = { x: 1 }, o = Object.create(p), n = Object.create(null); return [Object.getPrototypeOf(o) === p, o.x, Object.getPrototypeOf(n), Object.create.length, Object.defineProperties.length]; })()",
	// JSON: nested, parse then stringify keeps the source's order
	"JSON.stringify({ z: { y: 1, x: [{ d: 1, c: 2 }] }, a: null })",
	"JSON.stringify(JSON.parse('{\"z\":1,\"a\":{\"y\":2,\"b\":3},\"5\":0,\"m\":[{\"q\":1,\"p\":2}]}'))",
	"JSON.stringify({ b: 1, a: { d: 2, c: 3 } }, null, 2)",
	"(function () { var seen = []; JSON.stringify({ b: 1, a: { d: 2, c: 3 } }, function (k, v) { seen.push(k); return v; }); return seen; })()",
	"(function () { var seen = []; JSON.parse('{\"b\":1,\"a\":{\"d\":2,\"c\":3}}', function (k, v) { seen.push(k); return v; }); return seen; })()",
	// arrays: indexes, then length (a name made first), then names
	"(function () { var a = [1, 2]; a.x = 1; a[5] = 3; a.b = 2; return [Object.getOwnPropertyNames(a), Object.keys(a), forin(a), JSON.stringify(a)]; })()",
	"(function () { var a = []; a[10] = 1; a[2] = 2; a.b = 1; a.a = 2; return [Object.keys(a), forin(a)]; })()",
	"(function () { var a = [0, , 2, , 4]; return [Object.keys(a), forin(a), a.length]; })()",
	"(function () { var a = ['x', 'y', 'z']; delete a[1]; a.push('w'); return [Object.keys(a), forin(a)]; })()",
	"(function () { var a = ['x', 'y']; a.length = 1; a.name = 'n'; return Object.getOwnPropertyNames(a); })()",
	// String objects, arguments
	"(function () { var s = new String('hi'); s.b = 1; s.a = 2; return [forin(s), Object.keys(s), Object.getOwnPropertyNames(s)]; })()",
	"(function () { return Object.keys(arguments); })('a', 'b', 'c')",
	// the prototype chain in for-in: own keys first, then each level's
	"(function () { function A() { this.z = 1; this.a = 2; } A.prototype.m = function () {}; A.prototype.b = 3; return [forin(new A()), Object.keys(new A()), JSON.stringify(new A())]; })()",
	"(function () { var g = { y: 1, x: 2 }, p = Object.create(g); p.q = 3; p.c = 4; var o = Object.create(p); o.k = 5; o.d = 6; return forin(o); })()",
	"(function () { var p = { a: 1, z: 2 }, o = Object.create(p); o.b = 3; o.a = 4; return forin(o); })()",
	"(function () { var p = { a: 1, z: 2 }, o = Object.create(p); Object.defineProperty(o, 'a', { value: 2 }); o.b = 1; return forin(o); })()",
	"(function () { var p = { 2: 'p', b: 1 }, o = Object.create(p); o[1] = 'o'; o.a = 1; return forin(o); })()",
	// classes as compiled: fields in the constructor's order
	"(function () { var p = new P(); p.extra = 1; return [Object.keys(p), forin(p), JSON.stringify(p), Object.getOwnPropertyNames(P.prototype)]; })()",
	// keys added or removed during for-in
	"(function () { var o = { b: 1, a: 2, c: 3 }, r = []; for (var k in o) { if (k === 'b') { delete o.a; o.d = 4; } r.push(k); } return r; })()",
	// Object.assign, entries, values: the sources' order
	"JSON.stringify(Object.assign({ z: 1 }, { b: 2, a: 3 }, { z: 4, c: 5 }))",
	"JSON.stringify(Object.entries({ b: 1, a: 2, 1: 3 }))",
	"Object.values({ b: 1, a: 2, 1: 3 })",
	"(function () { var o = { b: 1, a: 2 }; Object.freeze(o); return [Object.keys(o), Object.isFrozen(o)]; })()",
	// symbols are not names; Reflect.ownKeys lists them after the names
	"(function () { var s = Symbol('s'), o = { b: 1 }; o[s] = 2; o.a = 3; return [Object.keys(o), Object.getOwnPropertyNames(o), forin(o), JSON.stringify(o), Reflect.ownKeys(o).map(function (k) { return k.toString(); })]; })()",
	"(function () { var s = Symbol('t'), u = Symbol('u'), o = {}; o[u] = 1; o[s] = 2; return Object.getOwnPropertySymbols(o).map(function (k) { return k.toString(); }); })()",
	// more keys than fit on the stack, made in a scrambled order
	"(function () { var o = shuffled(50); return Object.keys(o).join(',') === forin(o).join(',') && JSON.stringify(Object.keys(o)); })()",
	"JSON.stringify(shuffled(40))",
	"Object.getOwnPropertyNames(shuffled(35))",
	// what fnpool prints for a value
	"require('util').inspect({ b: 1, a: { d: 2, c: 3 }, 1: 0 })"
];

require('./node-cases.js').main(cases, prelude, { require: require });
