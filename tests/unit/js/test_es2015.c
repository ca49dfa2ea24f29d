/*
 * es2015: Symbol, Map, Set, WeakMap, WeakSet, Reflect and the iteration
 * protocol (js/symbol.c, js/collections.c, js/interpose.c and the
 * es2015 section of js/prelude.js), each case compared with what Node
 * 20 gives, Babel-transpiled ES2015 programs among them.  The table is
 * the output of `node tests/unit/js/es2015-cases.js` (CI has no Node).
 * Then what Node cannot say: the globals cost a state nothing until it
 * uses them, and a function's own Map wins.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"

/* @generated begin: by node v20.20.2 */
#include "node-runner.h"
static const char prelude_js[] =
	"\n";
static const struct node_case cases[] = {
	{ "(function () { var m = new Map(); m.set('a', 1).set('b', 2); return [m.get('a'), m.get('b'), m.get('c'), m.size]; })()",
	    "object [1,2,undefined,2]" },
	{ "(function () { var m = new Map(); m.set(NaN, 'nan'); return [m.get(NaN), m.has(NaN), m.get(0 / 0)]; })()",
	    "object [\"nan\",true,\"nan\"]" },
	{ "(function () { var m = new Map(); m.set(-0, 'zero'); return [m.get(0), m.get(-0), m.has(+0)]; })()",
	    "object [\"zero\",\"zero\",true]" },
	{ "(function () { var m = new Map(); m.set(1, 'n'); m.set('1', 's'); return [m.get(1), m.get('1'), m.size]; })()",
	    "object [\"n\",\"s\",2]" },
	{ "(function () { var m = new Map(), a = {}, b = {}; m.set(a, 1); m.set(b, 2); return [m.get(a), m.get(b), m.get({}), m.size]; })()",
	    "object [1,2,undefined,2]" },
	{ "(function () { var m = new Map([[true, 't'], [false, 'f'], [null, 'n'], [undefined, 'u']]); return [m.get(true), m.get(false), m.get(null), m.get(undefined), m.get(), m.size]; })()",
	    "object [\"t\",\"f\",\"n\",\"u\",\"u\",4]" },
	{ "(function () { var m = new Map([['a', 1], ['b', 2], ['a', 3]]); return [m.size, m.get('a'), Array.from(m.keys())]; })()",
	    "object [2,3,[\"a\",\"b\"]]" },
	{ "(function () { var m = new Map([['x', 1]]); return [m['delete']('x'), m['delete']('x'), m.size, m.has('x')]; })()",
	    "object [true,false,0,false]" },
	{ "(function () { var m = new Map([['x', 1], ['y', 2]]); m.clear(); return [m.size, m.get('x'), Array.from(m)]; })()",
	    "object [0,undefined,[]]" },
	{ "(function () { var m = new Map([['b', 1], ['a', 2], ['c', 3]]); return Array.from(m.keys()).concat(Array.from(m.values())); })()",
	    "object [\"b\",\"a\",\"c\",1,2,3]" },
	{ "(function () { var m = new Map([['b', 1], ['a', 2]]); return Array.from(m.entries()); })()",
	    "object [[\"b\",1],[\"a\",2]]" },
	{ "(function () { var m = new Map([['b', 1], ['a', 2]]); return Array.from(m); })()",
	    "object [[\"b\",1],[\"a\",2]]" },
	{ "(function () { var m = new Map([['a', 1]]); m.set('a', 9); m.set('b', 2); return Array.from(m); })()",
	    "object [[\"a\",9],[\"b\",2]]" },
	{ "(function () { var m = new Map([['a', 1], ['b', 2]]); m['delete']('a'); m.set('a', 3); return Array.from(m.keys()); })()",
	    "object [\"b\",\"a\"]" },
	{ "(function () { var m = new Map([['a', 1], ['b', 2]]), r = []; m.forEach(function (v, k, map) { r.push(k + '=' + v + ':' + (map === m)); }); return r; })()",
	    "object [\"a=1:true\",\"b=2:true\"]" },
	{ "(function () { var m = new Map([['a', 1]]), r = []; m.forEach(function () { r.push(this.tag); }, { tag: 'T' }); return r; })()",
	    "object [\"T\"]" },
	{ "(function () { var m = new Map([[1, 1], [2, 2], [3, 3]]), r = []; m.forEach(function (v, k) { r.push(k); if (k === 1) { m['delete'](2); m.set(4, 4); } }); return r; })()",
	    "object [1,3,4]" },
	{ "(function () { var m = new Map([[1, 1], [2, 2]]), r = []; m.forEach(function (v, k) { r.push(k); if (k === 1) m.clear(); }); return [r, m.size]; })()",
	    "object [[1],0]" },
	{ "(function () { var m = new Map([[1, 1], [2, 2], [3, 3]]), it = m.keys(), r = [it.next().value]; m['delete'](2); r.push(it.next().value); m.set(9, 9); r.push(it.next().value, it.next().done); return r; })()",
	    "object [1,3,9,true]" },
	{ "(function () { var m = new Map([[1, 1]]), it = m.values(); it.next(); var d = it.next(); m.set(2, 2); return [d.done, d.value, it.next().done]; })()",
	    "object [true,undefined,true]" },
	{ "(function () { var m = new Map(), i; for (i = 0; i < 1000; i++) m.set('k' + i, i); for (i = 0; i < 990; i++) m['delete']('k' + i); return [m.size, m.get('k995'), m.get('k5'), Array.from(m.keys()).join()]; })()",
	    "object [10,995,undefined,\"k990,k991,k992,k993,k994,k995,k996,k997,k998,k999\"]" },
	{ "(function () { var m = new Map(), i, r = [], it; for (i = 0; i < 50; i++) m.set(i, i); it = m.keys(); for (i = 0; i < 10; i++) it.next(); for (i = 0; i < 45; i++) m['delete'](i); for (;;) { var s = it.next(); if (s.done) break; r.push(s.value); } return r; })()",
	    "object [45,46,47,48,49]" },
	{ "(function () { var m = new Map(), keys = [], i; for (i = 0; i < 200; i++) keys.push({ i: i }); keys.forEach(function (k) { m.set(k, k.i); }); return [m.size, m.get(keys[0]), m.get(keys[199]), m.has({ i: 1 })]; })()",
	    "object [200,0,199,false]" },
	{ "(function () { var m = new Map(); m.set('', 'empty'); m.set('\\u00e9', 'e'); return [m.get(''), m.get('\\u00e9'), m.get('e\\u0301')]; })()",
	    "object [\"empty\",\"e\",undefined]" },
	{ "(function () { var m = new Map([[1, 'a']]); return [m.size, typeof Object.getOwnPropertyDescriptor(Map.prototype, 'size').get, Object.keys(m).length, JSON.stringify(m)]; })()",
	    "object [1,\"function\",0,\"{}\"]" },
	{ "(function () { var m = new Map(); return [Object.prototype.toString.call(m), String(m), m instanceof Map, m.constructor === Map]; })()",
	    "object [\"[object Map]\",\"[object Map]\",true,true]" },
	{ "(function () { return [Map.length, Map.name, Map.prototype.set.length, Map.prototype.get.length, Map.prototype.forEach.length]; })()",
	    "object [0,\"Map\",2,1,1]" },
	{ "(function () { return [Map.prototype[Symbol.iterator] === Map.prototype.entries, Set.prototype[Symbol.iterator] === Set.prototype.values, Set.prototype.keys === Set.prototype.values]; })()",
	    "object [true,true,true]" },
	{ "(function () { var it = new Map([[1, 2]])[Symbol.iterator](); return [it[Symbol.iterator]() === it, Object.prototype.toString.call(it), (function (r) { return [r.value, r.done]; })(it.next()), it.next().done]; })()",
	    "object [true,\"[object Map Iterator]\",[[1,2],false],true]" },
	{ "(function () { var m = new Map(new Map([['a', 1]])); return Array.from(m); })()",
	    "object [[\"a\",1]]" },
	{ "(function () { var m = new Map(null); var n = new Map(undefined); return [m.size, n.size]; })()",
	    "object [0,0]" },
	{ "Map()",
	    "throws TypeError: Constructor Map requires 'new'" },
	{ "new Map(5)",
	    "throws TypeError: number 5 is not iterable (cannot read property Symbol(Symbol.iterator))" },
	{ "new Map({})",
	    "throws TypeError: object is not iterable (cannot read property Symbol(Symbol.iterator))" },
	{ "new Map([1, 2])",
	    "throws TypeError: Iterator value 1 is not an entry object" },
	{ "new Map(['ab'])",
	    "throws TypeError: Iterator value ab is not an entry object" },
	{ "Map.prototype.get.call({}, 1)",
	    "throws TypeError: Method Map.prototype.get called on incompatible receiver #<Object>" },
	{ "Map.prototype.set.call(new Set(), 1, 2)",
	    "throws TypeError: Method Map.prototype.set called on incompatible receiver #<Set>" },
	{ "(function () { var m = new Map(); m.forEach(5); })()",
	    "throws TypeError: number 5 is not a function" },
	{ "(function () { var m = new Map([[1, 1]]); m.forEach(function () { throw new Error('inside'); }); })()",
	    "throws Error: inside" },
	{ "(function () { var m = new Map([[1, 1]]); try { m.forEach(function () { throw 1; }); } catch (e) {} m.set(2, 2); var r = []; m.forEach(function (v, k) { r.push(k); }); return r; })()",
	    "object [1,2]" },
	{ "(function () { var m = new Map(), s = Symbol('k'); m.set(s, 1); return [m.get(s), m.has(Symbol('k')), m.size]; })()",
	    "object [1,false,1]" },
	{ "(function () { var m = new Map(), f = function () {}; m.set(f, 'fn'); m.set(Map, 'M'); return [m.get(f), m.get(Map)]; })()",
	    "object [\"fn\",\"M\"]" },
	{ "(function () { var s = new Set([1, 2, 2, '2', NaN, NaN, 0, -0]); return [s.size, s.has(NaN), s.has(-0), s.has('2'), Array.from(s).map(String)]; })()",
	    "object [5,true,true,true,[\"1\",\"2\",\"2\",\"NaN\",\"0\"]]" },
	{ "(function () { var s = new Set(); return [s.add(1) === s, s.add(1).size, s['delete'](1), s['delete'](1), s.size]; })()",
	    "object [true,1,true,false,0]" },
	{ "(function () { var s = new Set('hello'); return Array.from(s); })()",
	    "object [\"h\",\"e\",\"l\",\"o\"]" },
	{ "(function () { var s = new Set(['a', 'b']); return [Array.from(s.entries()), Array.from(s.keys()), Array.from(s.values())]; })()",
	    "object [[[\"a\",\"a\"],[\"b\",\"b\"]],[\"a\",\"b\"],[\"a\",\"b\"]]" },
	{ "(function () { var s = new Set([1, 2, 3]), r = []; s.forEach(function (v, k, set) { r.push(v + ':' + k + ':' + (set === s)); }); return r; })()",
	    "object [\"1:1:true\",\"2:2:true\",\"3:3:true\"]" },
	{ "(function () { var s = new Set([1, 2, 3, 4]), r = []; s.forEach(function (v) { r.push(v); if (v === 1) { s['delete'](2); s.add(5); } }); return r; })()",
	    "object [1,3,4,5]" },
	{ "(function () { var s = new Set([1, 2]); s.clear(); s.add(3); return [s.size, Array.from(s)]; })()",
	    "object [1,[3]]" },
	{ "(function () { var a = {}, s = new Set([a, a, {}]); return [s.size, s.has(a)]; })()",
	    "object [2,true]" },
	{ "(function () { return [Object.prototype.toString.call(new Set()), Object.prototype.toString.call(new Set().values()), Set.length, Set.name]; })()",
	    "object [\"[object Set]\",\"[object Set Iterator]\",0,\"Set\"]" },
	{ "Set()",
	    "throws TypeError: Constructor Set requires 'new'" },
	{ "new Set(1)",
	    "throws TypeError: number 1 is not iterable (cannot read property Symbol(Symbol.iterator))" },
	{ "new Set(true)",
	    "throws TypeError: boolean true is not iterable (cannot read property Symbol(Symbol.iterator))" },
	{ "Set.prototype.add.call([], 1)",
	    "throws TypeError: Method Set.prototype.add called on incompatible receiver [object Array]" },
	{ "Object.getOwnPropertyDescriptor(Set.prototype, 'size').get.call(new Map())",
	    "throws TypeError: Method get Set.prototype.size called on incompatible receiver #<Map>" },
	{ "(function () { var w = new WeakMap(), k = {}; w.set(k, 'v'); return [w.get(k), w.has(k), w.has({}), w['delete'](k), w.has(k), w.get(k)]; })()",
	    "object [\"v\",true,false,true,false,undefined]" },
	{ "(function () { var k1 = {}, k2 = function () {}, w = new WeakMap([[k1, 1], [k2, 2]]); return [w.get(k1), w.get(k2)]; })()",
	    "object [1,2]" },
	{ "(function () { var w = new WeakMap(); return [w.get('x'), w.has(1), w['delete'](null)]; })()",
	    "object [undefined,false,false]" },
	{ "new WeakMap().set('key', 1)",
	    "throws TypeError: Invalid value used as weak map key" },
	{ "new WeakMap().set(1, 1)",
	    "throws TypeError: Invalid value used as weak map key" },
	{ "new WeakMap([['a', 1]])",
	    "throws TypeError: Invalid value used as weak map key" },
	{ "WeakMap()",
	    "throws TypeError: Constructor WeakMap requires 'new'" },
	{ "(function () { var w = new WeakSet(), k = {}; return [w.add(k) === w, w.has(k), w.has({}), w['delete'](k), w.has(k)]; })()",
	    "object [true,true,false,true,false]" },
	{ "new WeakSet().add('x')",
	    "throws TypeError: Invalid value used in weak set" },
	{ "new WeakSet([1])",
	    "throws TypeError: Invalid value used in weak set" },
	{ "WeakSet()",
	    "throws TypeError: Constructor WeakSet requires 'new'" },
	{ "(function () { return [Object.prototype.toString.call(new WeakMap()), Object.prototype.toString.call(new WeakSet()), typeof WeakMap.prototype.clear, typeof WeakSet.prototype.forEach]; })()",
	    "object [\"[object WeakMap]\",\"[object WeakSet]\",\"undefined\",\"undefined\"]" },
	{ "(function () { var s = Symbol('foo'); return [typeof s, s.toString(), s.description]; })()",
	    "object [\"symbol\",\"Symbol(foo)\",\"foo\"]" },
	{ "(function () { var s = Symbol(); return [s.toString(), s.description, Symbol('').description, Symbol('').toString()]; })()",
	    "object [\"Symbol()\",undefined,\"\",\"Symbol()\"]" },
	{ "[Symbol('x') === Symbol('x'), typeof Symbol, typeof Symbol.iterator, typeof Symbol.asyncIterator]",
	    "object [false,\"function\",\"symbol\",\"symbol\"]" },
	{ "(function () { var s = Symbol('k'), o = { a: 1 }; o[s] = 2; return [o[s], Object.keys(o), JSON.stringify(o), s in o, o.hasOwnProperty(s)]; })()",
	    "object [2,[\"a\"],\"{\\u005c\"a\\u005c\":1}\",true,true]" },
	{ "(function () { var s = Symbol('k'), o = { a: 1 }, r = []; o[s] = 2; for (var k in o) r.push(k); return r; })()",
	    "object [\"a\"]" },
	{ "(function () { var s = Symbol('k'), o = { a: 1 }; o[s] = 2; return [Object.getOwnPropertyNames(o), Object.getOwnPropertySymbols(o).length, Object.getOwnPropertySymbols(o)[0] === s]; })()",
	    "object [[\"a\"],1,true]" },
	{ "(function () { var a = Symbol('a'), b = Symbol('b'), o = {}; o[a] = 1; o[b] = 2; o.x = 3; var ks = Reflect.ownKeys(o); return [ks.length, ks[0], ks[1] === a, ks[2] === b]; })()",
	    "object [3,\"x\",true,true]" },
	{ "(function () { var s = Symbol('k'), o = {}; o[s] = 1; delete o[s]; return [o[s], s in o, Object.getOwnPropertySymbols(o).length]; })()",
	    "object [undefined,false,0]" },
	{ "(function () { var s = Symbol('k'), o = {}; Object.defineProperty(o, s, { value: 5, enumerable: false }); var d = Object.getOwnPropertyDescriptor(o, s); return [o[s], d.value, d.enumerable, d.writable]; })()",
	    "object [5,5,false,false]" },
	{ "(function () { var s = Symbol('k'), o = {}; o[s] = 1; return [o.propertyIsEnumerable(s), Object.assign({}, { a: 1 }).a]; })()",
	    "object [true,1]" },
	{ "(function () { var o = {}; o[Symbol.for('app')] = 1; return [o[Symbol.for('app')], Symbol.for('app') === Symbol.for('app'), Symbol.keyFor(Symbol.for('app')), Symbol.keyFor(Symbol('app'))]; })()",
	    "object [1,true,\"app\",undefined]" },
	{ "(function () { return [Symbol.for('x').description, Symbol.for().toString(), Symbol.keyFor(Symbol.iterator)]; })()",
	    "object [\"x\",\"Symbol(undefined)\",undefined]" },
	{ "Symbol.keyFor('x')",
	    "throws TypeError: x is not a symbol" },
	{ "new Symbol()",
	    "throws TypeError: Symbol is not a constructor" },
	{ "'' + Symbol('a')",
	    "throws TypeError: Cannot convert a Symbol value to a string" },
	{ "Symbol('a') + ''",
	    "throws TypeError: Cannot convert a Symbol value to a string" },
	{ "(function () { return [Symbol.iterator.toString(), Symbol.asyncIterator.description, Symbol.hasInstance.toString(), Symbol.toStringTag.toString(), Symbol.toPrimitive.toString(), Symbol.species.toString()]; })()",
	    "object [\"Symbol(Symbol.iterator)\",\"Symbol.asyncIterator\",\"Symbol(Symbol.hasInstance)\",\"Symbol(Symbol.toStringTag)\",\"Symbol(Symbol.toPrimitive)\",\"Symbol(Symbol.species)\"]" },
	{ "(function () { return [typeof Symbol.isConcatSpreadable, typeof Symbol.match, typeof Symbol.replace, typeof Symbol.search, typeof Symbol.split, typeof Symbol.unscopables, typeof Symbol.matchAll]; })()",
	    "object [\"symbol\",\"symbol\",\"symbol\",\"symbol\",\"symbol\",\"symbol\",\"symbol\"]" },
	{ "(function () { return [Object.prototype.toString.call(Symbol()), Symbol().constructor === Symbol, Symbol.prototype.toString.call(Symbol.iterator)]; })()",
	    "object [\"[object Symbol]\",true,\"Symbol(Symbol.iterator)\"]" },
	{ "Symbol.prototype.toString.call({})",
	    "throws TypeError: Symbol.prototype.toString requires that 'this' be a Symbol" },
	{ "(function () { return [JSON.stringify({ a: Symbol('x'), b: 1 }), JSON.stringify([Symbol('x')])]; })()",
	    "object [\"{\\u005c\"b\\u005c\":1}\",\"[null]\"]" },
	{ "(function () { var o = {}; o[Symbol.toStringTag] = 'Custom'; return Object.prototype.toString.call(o); })()",
	    "string [object Custom]" },
	{ "(function () { var s = Symbol('k'), o = {}; o[s] = 1; var c = Object.create(o); return [c[s], s in c, c.hasOwnProperty(s)]; })()",
	    "object [1,true,false]" },
	{ "(function () { var s = Symbol('m'), o = {}; o[s] = function () { return 'called ' + this.n; }; o.n = 7; return o[s](); })()",
	    "string called 7" },
	{ "(function () { var s = Symbol('k'); var o = {}; o[s] = 1; return Object.getOwnPropertySymbols(o)[0].toString(); })()",
	    "string Symbol(k)" },
	{ "Object.getOwnPropertySymbols(null)",
	    "throws TypeError: Cannot convert undefined or null to object" },
	{ "Object.getOwnPropertySymbols('str').length",
	    "number 0" },
	{ "(function () { var seen = {}; var s = Symbol(), t = Symbol(); seen[s] = 1; return [seen[t], Object.keys(seen).length]; })()",
	    "object [undefined,0]" },
	{ "(function () { function F() {} Object.defineProperty(F, Symbol.hasInstance, { value: function (v) { return v === 1; } }); return [F[Symbol.hasInstance](1), F[Symbol.hasInstance](2)]; })()",
	    "object [true,false]" },
	{ "(function () { var it = [1, 2][Symbol.iterator](); var r = [], s; for (var i = 0; i < 4; i++) { s = it.next(); r.push(s.value, s.done); } return r; })()",
	    "object [1,false,2,false,undefined,true,undefined,true]" },
	{ "(function () { var a = ['a', 'b']; return [Array.from(a.keys()), Array.from(a.values()), Array.from(a.entries())]; })()",
	    "object [[0,1],[\"a\",\"b\"],[[0,\"a\"],[1,\"b\"]]]" },
	{ "(function () { return [Array.prototype[Symbol.iterator] === Array.prototype.values, Object.prototype.toString.call([].values()), Object.prototype.toString.call(''[Symbol.iterator]())]; })()",
	    "object [true,\"[object Array Iterator]\",\"[object String Iterator]\"]" },
	{ "(function () { var a = [1, 2], it = a.values(); it.next(); a.push(3); return [it.next().value, it.next().value, it.next().done]; })()",
	    "object [2,3,true]" },
	{ "(function () { var it = 'a\\ud83d\\ude00b'[Symbol.iterator](), r = [], s; while (!(s = it.next()).done) r.push(s.value.length); return r; })()",
	    "object [1,2,1]" },
	{ "Array.from('a\\ud83d\\ude00\\u00e9').length",
	    "number 3" },
	{ "Array.from('\\ud83d').length",
	    "number 1" },
	{ "(function () { var it = [].keys(); var s = it.next(); return [it[Symbol.iterator]() === it, s.value, s.done]; })()",
	    "object [true,undefined,true]" },
	{ "Array.from({ length: 2, 0: 'a', 1: 'b' })",
	    "object [\"a\",\"b\"]" },
	{ "Array.from(new Set([3, 1, 3]), function (x) { return x * 2; })",
	    "object [6,2]" },
	{ "Array.from(new Map([['k', 'v']]).values())",
	    "object [\"v\"]" },
	{ "(function () { var o = {}; o[Symbol.iterator] = function () { var i = 0; return { next: function () { return { value: i, done: i++ >= 3 }; } }; }; return Array.from(o); })()",
	    "object [0,1,2]" },
	{ "(function () { var o = {}; o[Symbol.iterator] = function () { return 5; }; return Array.from(o); })()",
	    "throws TypeError: Result of the Symbol.iterator method is not an object" },
	{ "(function () { var o = {}; o[Symbol.iterator] = 5; return Array.from(o); })()",
	    "throws TypeError: %Array%.from requires that the property of the first argument, items[Symbol.iterator], when exists, be a function" },
	{ "(function () { var o = {}; o[Symbol.iterator] = function () { return { next: function () { return 1; } }; }; return new Set(o); })()",
	    "throws TypeError: Iterator result 1 is not an object" },
	{ "Array.of(1, 'a', null)",
	    "object [1,\"a\",null]" },
	{ "(function () { return Array.from(new Uint8Array([5, 6]).entries()); })()",
	    "object [[0,5],[1,6]]" },
	{ "(function () { var t = new Uint8Array([7, 8]); return [Array.from(t.keys()), Array.from(t.values()), Array.from(t[Symbol.iterator]())]; })()",
	    "object [[0,1],[7,8],[7,8]]" },
	{ "Array.from(new Int16Array([1, -1]))",
	    "object [1,-1]" },
	{ "Uint8Array.from(new Set([1, 2, 300])).join()",
	    "string 1,2,44" },
	{ "(function () { function f() { return Array.from(arguments); } return f(1, 'b'); })()",
	    "object [1,\"b\"]" },
	{ "(function () { return Object.fromEntries(new Map([['a', 1], ['b', 2]])); })()",
	    "object {\"a\":1,\"b\":2}" },
	{ "Object.fromEntries([['x', 1]])",
	    "object {\"x\":1}" },
	{ "Object.fromEntries([1])",
	    "throws TypeError: Iterator value 1 is not an entry object" },
	{ "Object.fromEntries(new Set(['ab']))",
	    "throws TypeError: Iterator value ab is not an entry object" },
	{ "(function () { var m = new Map([['a', { b: 1 }]]); return Object.entries(Object.fromEntries(m)); })()",
	    "object [[\"a\",{\"b\":1}]]" },
	{ "[Reflect.has({ a: 1 }, 'a'), Reflect.has({}, 'toString'), Reflect.has([], 'length')]",
	    "object [true,true,true]" },
	{ "Reflect.get({ a: 1 }, 'a') + Reflect.get([5], 0)",
	    "number 6" },
	{ "(function () { var o = { get x() { return this.y; }, y: 1 }; return [Reflect.get(o, 'x'), Reflect.get(o, 'x', { y: 2 })]; })()",
	    "object [1,2]" },
	{ "(function () { var o = {}; return [Reflect.set(o, 'a', 1), o.a, Reflect.set(Object.freeze({ b: 1 }), 'b', 2)]; })()",
	    "object [true,1,false]" },
	{ "(function () { var o = {}; return [Reflect.defineProperty(o, 'x', { value: 1 }), o.x, Reflect.defineProperty(Object.freeze({}), 'y', { value: 1 })]; })()",
	    "object [true,1,false]" },
	{ "(function () { var o = { a: 1 }; Object.defineProperty(o, 'b', { value: 2 }); return [Reflect.deleteProperty(o, 'a'), 'a' in o, Reflect.deleteProperty(o, 'b'), o.b]; })()",
	    "object [true,false,false,2]" },
	{ "Reflect.ownKeys({ a: 1, b: 2 })",
	    "object [\"a\",\"b\"]" },
	{ "Reflect.ownKeys([1])",
	    "object [\"0\",\"length\"]" },
	{ "Reflect.apply(Math.max, null, [1, 5, 3])",
	    "number 5" },
	{ "Reflect.apply(function (a) { return this.x + a; }, { x: 1 }, [2])",
	    "number 3" },
	{ "Reflect.apply(5, null, [])",
	    "throws TypeError: Function.prototype.apply was called on 5, which is a number and not a function" },
	{ "Reflect.apply(Math.max, null, 5)",
	    "throws TypeError: CreateListFromArrayLike called on non-object" },
	{ "(function () { function P(a, b) { this.s = a + b; } var p = Reflect.construct(P, [1, 2]); return [p.s, p instanceof P]; })()",
	    "object [3,true]" },
	{ "(function () { var d = Reflect.construct(Date, [2020, 0, 2]); return [d.getFullYear(), d.getDate()]; })()",
	    "object [2020,2]" },
	{ "(function () { function A() { this.a = 1; } function B() {} var o = Reflect.construct(A, [], B); return [o.a, o instanceof B, o instanceof A]; })()",
	    "object [1,true,false]" },
	{ "Reflect.construct(5, [])",
	    "throws TypeError: 5 is not a constructor" },
	{ "[Reflect.getPrototypeOf([]) === Array.prototype, Reflect.getPrototypeOf(Object.create(null))]",
	    "object [true,null]" },
	{ "Reflect.setPrototypeOf({}, Object.prototype)",
	    "boolean true" },
	{ "(function () { var o = {}; return [Reflect.isExtensible(o), Reflect.preventExtensions(o), Reflect.isExtensible(o)]; })()",
	    "object [true,true,false]" },
	{ "Reflect.getOwnPropertyDescriptor({ a: 1 }, 'a')",
	    "object {\"configurable\":true,\"enumerable\":true,\"value\":1,\"writable\":true}" },
	{ "Reflect.getOwnPropertyDescriptor(1, 'a')",
	    "throws TypeError: Reflect.getOwnPropertyDescriptor called on non-object" },
	{ "Reflect.has(1, 'a')",
	    "throws TypeError: Reflect.has called on non-object" },
	{ "Reflect.ownKeys('ab')",
	    "throws TypeError: Reflect.ownKeys called on non-object" },
	{ "Reflect.get(null, 'a')",
	    "throws TypeError: Reflect.get called on non-object" },
	{ "Object.prototype.toString.call(Reflect)",
	    "string [object Reflect]" },
	{ "[[1, [2, [3]]].flat(Infinity), [1, 2].flatMap(function (x) { return [x, [x]]; }), 'abc'.at(-1), [1, 2].at(-2)]",
	    "object [[1,2,3],[1,[1],2,[2]],\"c\",1]" },
	{ "['abc'.codePointAt(1), String.fromCodePoint(0x1f600).length, 'x'.padStart(3, 'ab'), 'ab'.repeat(2), 'abc'.startsWith('b', 1), 'abc'.endsWith('b', 2)]",
	    "object [98,2,\"abx\",\"abab\",true,true]" },
	{ "[Object.entries({ a: 1, b: [2] }), Object.values({ a: 1, b: 2 }), Object.assign({ a: 1 }, { b: 2 }, null)]",
	    "object [[[\"a\",1],[\"b\",[2]]],[1,2],{\"a\":1,\"b\":2}]" },
	{ "[Number.isInteger(2), Number.isSafeInteger(Math.pow(2, 53)), Number.EPSILON > 0, Math.trunc(-1.5), Math.sign(-3)]",
	    "object [true,false,true,-1,-1]" },
	{ "(function () { var k = []; for (var n in [1, 2]) k.push(n); return k; })()",
	    "object [\"0\",\"1\"]" },
	{ "(function () { var s = Symbol('q'), o = { a: 1, b: 2 }; o[s] = 3; return Object.entries(o).concat(Object.values(o)); })()",
	    "object [[\"a\",1],[\"b\",2],1,2]" },
	{ "(function () { var util = require('util'); return [util.inspect(new Map([['a', 1], [2, { b: 3 }]])), util.inspect(new Set([1, 'x'])), util.inspect(new Map())]; })()",
	    "object [\"Map(2) { 'a' => 1, 2 => { b: 3 } }\",\"Set(2) { 1, 'x' }\",\"Map(0) {}\"]" },
	{ "(function () { var util = require('util'); return [util.types.isMap(new Map()), util.types.isSet(new Set()), util.types.isMap({}), util.isDeepStrictEqual(new Map([[1, 2]]), new Map([[1, 2]]))]; })()",
	    "object [true,true,false,true]" },
	{ "(function () { var assert = require('assert'); assert.deepStrictEqual(new Set([1, 2]), new Set([1, 2])); try { assert.deepStrictEqual(new Map([[1, 2]]), new Map([[1, 3]])); return 'equal'; } catch (e) { return e.name; } })()",
	    "string AssertionError" },
	{ "(function () { var assert = require('assert'); try { assert.deepStrictEqual(new Set([1]), new Set([2])); return 'equal'; } catch (e) { return e.name; } })()",
	    "string AssertionError" },
	{ "(function () {\n"
	    "function _slicedToArray(r, e) { return _iterableToArrayLimit(r, e) || _unsupportedIterableToArray(r, e) || _nonIterableRest(); }\n"
	    "function _nonIterableRest() { throw new TypeError(\"Invalid attempt to destructure non-iterable instance.\\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.\"); }\n"
	    "function _iterableToArrayLimit(r, t) { var e = null == r \? null : \"undefined\" != typeof Symbol && r[Symbol.iterator] || r[\"@@iterator\"]; if (Array.isArray(r) && (null == e || e === (\"undefined\" != typeof Symbol && [][Symbol.iterator]) || e === [][\"@@iterator\"])) return r; if (null != e) { var l, n, i, a, u = [], o = !0, f = !1; try { if (i = (e = e.call(r)).next, 0 === t) { if (Object(e) !== e) return; o = !1; } else for (; !(o = (l = i.call(e)).done) && (u.push(l.value), u.length !== t); o = !0); } catch (r) { f = !0, n = r; } finally { try { if (!o && null != e.return && (a = e.return(), Object(a) !== a)) return; } finally { if (f) throw n; } } return u; } }\n"
	    "function _createForOfIteratorHelper(r, e) { var t = \"undefined\" != typeof Symbol && r[Symbol.iterator] || r[\"@@iterator\"]; if (!t) { if (Array.isArray(r) || (t = _unsupportedIterableToArray(r)) || e && r && \"number\" == typeof r.length) { t && (r = t); var _n = 0, F = function F() {}; return { s: F, n: function n() { return _n >= r.length \? { done: !0 } : { done: !1, value: r[_n++] }; }, e: function e(r) { throw r; }, f: F }; } throw new TypeError(\"Invalid attempt to iterate non-iterable instance.\\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.\"); } var o, a = !0, u = !1; return { s: function s() { t = t.call(r); }, n: function n() { var r = t.next(); return a = r.done, r; }, e: function e(r) { u = !0, o = r; }, f: function f() { try { a || null == t.return || t.return(); } finally { if (u) throw o; } } }; }\n"
	    "function _unsupportedIterableToArray(r, a) { if (r) { if (\"string\" == typeof r) return _arrayLikeToArray(r, a); var t = {}.toString.call(r).slice(8, -1); return \"Object\" === t && r.constructor && (t = r.constructor.name), \"Map\" === t || \"Set\" === t \? Array.from(r) : \"Arguments\" === t || /^(\?:Ui|I)nt(\?:8|16|32)(\?:Clamped)\?Array$/.test(t) \? _arrayLikeToArray(r, a) : void 0; } }\n"
	    "function _arrayLikeToArray(r, a) { (null == a || a > r.length) && (a = r.length); for (var e = 0, n = Array(a); e < a; e++) n[e] = r[e]; return n; }\n"
	    "var out = [];\n"
	    "var _iterator = _createForOfIteratorHelper(new Map([['a', 1], ['b', 2]])),\n"
	    "  _step;\n"
	    "try {\n"
	    "  for (_iterator.s(); !(_step = _iterator.n()).done;) {\n"
	    "    var _step$value = _slicedToArray(_step.value, 2),\n"
	    "      k = _step$value[0],\n"
	    "      v = _step$value[1];\n"
	    "    out.push(k + v);\n"
	    "  }\n"
	    "} catch (err) {\n"
	    "  _iterator.e(err);\n"
	    "} finally {\n"
	    "  _iterator.f();\n"
	    "}\n"
	    "var result = out;\n"
	    "return result;\n"
	    "})()",
	    "object [\"a1\",\"b2\"]" },
	{ "(function () {\n"
	    "function _createForOfIteratorHelper(r, e) { var t = \"undefined\" != typeof Symbol && r[Symbol.iterator] || r[\"@@iterator\"]; if (!t) { if (Array.isArray(r) || (t = _unsupportedIterableToArray(r)) || e && r && \"number\" == typeof r.length) { t && (r = t); var _n = 0, F = function F() {}; return { s: F, n: function n() { return _n >= r.length \? { done: !0 } : { done: !1, value: r[_n++] }; }, e: function e(r) { throw r; }, f: F }; } throw new TypeError(\"Invalid attempt to iterate non-iterable instance.\\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.\"); } var o, a = !0, u = !1; return { s: function s() { t = t.call(r); }, n: function n() { var r = t.next(); return a = r.done, r; }, e: function e(r) { u = !0, o = r; }, f: function f() { try { a || null == t.return || t.return(); } finally { if (u) throw o; } } }; }\n"
	    "function _unsupportedIterableToArray(r, a) { if (r) { if (\"string\" == typeof r) return _arrayLikeToArray(r, a); var t = {}.toString.call(r).slice(8, -1); return \"Object\" === t && r.constructor && (t = r.constructor.name), \"Map\" === t || \"Set\" === t \? Array.from(r) : \"Arguments\" === t || /^(\?:Ui|I)nt(\?:8|16|32)(\?:Clamped)\?Array$/.test(t) \? _arrayLikeToArray(r, a) : void 0; } }\n"
	    "function _arrayLikeToArray(r, a) { (null == a || a > r.length) && (a = r.length); for (var e = 0, n = Array(a); e < a; e++) n[e] = r[e]; return n; }\n"
	    "var out = [];\n"
	    "var _iterator = _createForOfIteratorHelper(new Set([3, 1, 3])),\n"
	    "  _step;\n"
	    "try {\n"
	    "  for (_iterator.s(); !(_step = _iterator.n()).done;) {\n"
	    "    var x = _step.value;\n"
	    "    out.push(x);\n"
	    "  }\n"
	    "} catch (err) {\n"
	    "  _iterator.e(err);\n"
	    "} finally {\n"
	    "  _iterator.f();\n"
	    "}\n"
	    "var result = out;\n"
	    "return result;\n"
	    "})()",
	    "object [3,1]" },
	{ "(function () {\n"
	    "function _createForOfIteratorHelper(r, e) { var t = \"undefined\" != typeof Symbol && r[Symbol.iterator] || r[\"@@iterator\"]; if (!t) { if (Array.isArray(r) || (t = _unsupportedIterableToArray(r)) || e && r && \"number\" == typeof r.length) { t && (r = t); var _n = 0, F = function F() {}; return { s: F, n: function n() { return _n >= r.length \? { done: !0 } : { done: !1, value: r[_n++] }; }, e: function e(r) { throw r; }, f: F }; } throw new TypeError(\"Invalid attempt to iterate non-iterable instance.\\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.\"); } var o, a = !0, u = !1; return { s: function s() { t = t.call(r); }, n: function n() { var r = t.next(); return a = r.done, r; }, e: function e(r) { u = !0, o = r; }, f: function f() { try { a || null == t.return || t.return(); } finally { if (u) throw o; } } }; }\n"
	    "function _unsupportedIterableToArray(r, a) { if (r) { if (\"string\" == typeof r) return _arrayLikeToArray(r, a); var t = {}.toString.call(r).slice(8, -1); return \"Object\" === t && r.constructor && (t = r.constructor.name), \"Map\" === t || \"Set\" === t \? Array.from(r) : \"Arguments\" === t || /^(\?:Ui|I)nt(\?:8|16|32)(\?:Clamped)\?Array$/.test(t) \? _arrayLikeToArray(r, a) : void 0; } }\n"
	    "function _arrayLikeToArray(r, a) { (null == a || a > r.length) && (a = r.length); for (var e = 0, n = Array(a); e < a; e++) n[e] = r[e]; return n; }\n"
	    "var out = [];\n"
	    "var _iterator = _createForOfIteratorHelper(\"a\\uD83D\\uDE00b\"),\n"
	    "  _step;\n"
	    "try {\n"
	    "  for (_iterator.s(); !(_step = _iterator.n()).done;) {\n"
	    "    var ch = _step.value;\n"
	    "    out.push(ch.length);\n"
	    "  }\n"
	    "} catch (err) {\n"
	    "  _iterator.e(err);\n"
	    "} finally {\n"
	    "  _iterator.f();\n"
	    "}\n"
	    "var result = out;\n"
	    "return result;\n"
	    "})()",
	    "object [1,2,1]" },
	{ "(function () {\n"
	    "function _createForOfIteratorHelper(r, e) { var t = \"undefined\" != typeof Symbol && r[Symbol.iterator] || r[\"@@iterator\"]; if (!t) { if (Array.isArray(r) || (t = _unsupportedIterableToArray(r)) || e && r && \"number\" == typeof r.length) { t && (r = t); var _n = 0, F = function F() {}; return { s: F, n: function n() { return _n >= r.length \? { done: !0 } : { done: !1, value: r[_n++] }; }, e: function e(r) { throw r; }, f: F }; } throw new TypeError(\"Invalid attempt to iterate non-iterable instance.\\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.\"); } var o, a = !0, u = !1; return { s: function s() { t = t.call(r); }, n: function n() { var r = t.next(); return a = r.done, r; }, e: function e(r) { u = !0, o = r; }, f: function f() { try { a || null == t.return || t.return(); } finally { if (u) throw o; } } }; }\n"
	    "function _unsupportedIterableToArray(r, a) { if (r) { if (\"string\" == typeof r) return _arrayLikeToArray(r, a); var t = {}.toString.call(r).slice(8, -1); return \"Object\" === t && r.constructor && (t = r.constructor.name), \"Map\" === t || \"Set\" === t \? Array.from(r) : \"Arguments\" === t || /^(\?:Ui|I)nt(\?:8|16|32)(\?:Clamped)\?Array$/.test(t) \? _arrayLikeToArray(r, a) : void 0; } }\n"
	    "function _arrayLikeToArray(r, a) { (null == a || a > r.length) && (a = r.length); for (var e = 0, n = Array(a); e < a; e++) n[e] = r[e]; return n; }\n"
	    "var out = [];\n"
	    "var _iterator = _createForOfIteratorHelper([10, 20].entries()),\n"
	    "  _step;\n"
	    "try {\n"
	    "  for (_iterator.s(); !(_step = _iterator.n()).done;) {\n"
	    "    var x = _step.value;\n"
	    "    out.push(x.join(':'));\n"
	    "  }\n"
	    "} catch (err) {\n"
	    "  _iterator.e(err);\n"
	    "} finally {\n"
	    "  _iterator.f();\n"
	    "}\n"
	    "var result = out;\n"
	    "return result;\n"
	    "})()",
	    "object [\"0:10\",\"1:20\"]" },
	{ "(function () {\n"
	    "function _createForOfIteratorHelper(r, e) { var t = \"undefined\" != typeof Symbol && r[Symbol.iterator] || r[\"@@iterator\"]; if (!t) { if (Array.isArray(r) || (t = _unsupportedIterableToArray(r)) || e && r && \"number\" == typeof r.length) { t && (r = t); var _n = 0, F = function F() {}; return { s: F, n: function n() { return _n >= r.length \? { done: !0 } : { done: !1, value: r[_n++] }; }, e: function e(r) { throw r; }, f: F }; } throw new TypeError(\"Invalid attempt to iterate non-iterable instance.\\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.\"); } var o, a = !0, u = !1; return { s: function s() { t = t.call(r); }, n: function n() { var r = t.next(); return a = r.done, r; }, e: function e(r) { u = !0, o = r; }, f: function f() { try { a || null == t.return || t.return(); } finally { if (u) throw o; } } }; }\n"
	    "function _unsupportedIterableToArray(r, a) { if (r) { if (\"string\" == typeof r) return _arrayLikeToArray(r, a); var t = {}.toString.call(r).slice(8, -1); return \"Object\" === t && r.constructor && (t = r.constructor.name), \"Map\" === t || \"Set\" === t \? Array.from(r) : \"Arguments\" === t || /^(\?:Ui|I)nt(\?:8|16|32)(\?:Clamped)\?Array$/.test(t) \? _arrayLikeToArray(r, a) : void 0; } }\n"
	    "function _arrayLikeToArray(r, a) { (null == a || a > r.length) && (a = r.length); for (var e = 0, n = Array(a); e < a; e++) n[e] = r[e]; return n; }\n"
	    "function f() {\n"
	    "  var r = [];\n"
	    "  var _iterator = _createForOfIteratorHelper(arguments),\n"
	    "    _step;\n"
	    "  try {\n"
	    "    for (_iterator.s(); !(_step = _iterator.n()).done;) {\n"
	    "      var a = _step.value;\n"
	    "      r.push(a);\n"
	    "    }\n"
	    "  } catch (err) {\n"
	    "    _iterator.e(err);\n"
	    "  } finally {\n"
	    "    _iterator.f();\n"
	    "  }\n"
	    "  return r;\n"
	    "}\n"
	    "var result = f(1, 2, 3);\n"
	    "return result;\n"
	    "})()",
	    "object [1,2,3]" },
	{ "(function () {\n"
	    "function _toConsumableArray(r) { var a = _iterableToArray(r); return a === r \? _arrayLikeToArray(r) : a || _unsupportedIterableToArray(r) || _nonIterableSpread(); }\n"
	    "function _nonIterableSpread() { throw new TypeError(\"Invalid attempt to spread non-iterable instance.\\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.\"); }\n"
	    "function _unsupportedIterableToArray(r, a) { if (r) { if (\"string\" == typeof r) return _arrayLikeToArray(r, a); var t = {}.toString.call(r).slice(8, -1); return \"Object\" === t && r.constructor && (t = r.constructor.name), \"Map\" === t || \"Set\" === t \? Array.from(r) : \"Arguments\" === t || /^(\?:Ui|I)nt(\?:8|16|32)(\?:Clamped)\?Array$/.test(t) \? _arrayLikeToArray(r, a) : void 0; } }\n"
	    "function _iterableToArray(r) { var e = \"undefined\" != typeof Symbol && r[Symbol.iterator] || r[\"@@iterator\"]; if (Array.isArray(r) && (null == e || e === (\"undefined\" != typeof Symbol && [][Symbol.iterator]) || e === [][\"@@iterator\"])) return r; if (null != e) { for (var t, o = [], a = e.call(r); !(t = a.next()).done;) o.push(t.value); return o; } }\n"
	    "function _arrayLikeToArray(r, a) { (null == a || a > r.length) && (a = r.length); for (var e = 0, n = Array(a); e < a; e++) n[e] = r[e]; return n; }\n"
	    "var result = _toConsumableArray(new Set([1, 2, 2, 3]));\n"
	    "return result;\n"
	    "})()",
	    "object [1,2,3]" },
	{ "(function () {\n"
	    "function _toConsumableArray(r) { var a = _iterableToArray(r); return a === r \? _arrayLikeToArray(r) : a || _unsupportedIterableToArray(r) || _nonIterableSpread(); }\n"
	    "function _nonIterableSpread() { throw new TypeError(\"Invalid attempt to spread non-iterable instance.\\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.\"); }\n"
	    "function _unsupportedIterableToArray(r, a) { if (r) { if (\"string\" == typeof r) return _arrayLikeToArray(r, a); var t = {}.toString.call(r).slice(8, -1); return \"Object\" === t && r.constructor && (t = r.constructor.name), \"Map\" === t || \"Set\" === t \? Array.from(r) : \"Arguments\" === t || /^(\?:Ui|I)nt(\?:8|16|32)(\?:Clamped)\?Array$/.test(t) \? _arrayLikeToArray(r, a) : void 0; } }\n"
	    "function _iterableToArray(r) { var e = \"undefined\" != typeof Symbol && r[Symbol.iterator] || r[\"@@iterator\"]; if (Array.isArray(r) && (null == e || e === (\"undefined\" != typeof Symbol && [][Symbol.iterator]) || e === [][\"@@iterator\"])) return r; if (null != e) { for (var t, o = [], a = e.call(r); !(t = a.next()).done;) o.push(t.value); return o; } }\n"
	    "function _arrayLikeToArray(r, a) { (null == a || a > r.length) && (a = r.length); for (var e = 0, n = Array(a); e < a; e++) n[e] = r[e]; return n; }\n"
	    "var result = _toConsumableArray('h\303\251llo');\n"
	    "return result;\n"
	    "})()",
	    "object [\"h\",\"\\u00e9\",\"l\",\"l\",\"o\"]" },
	{ "(function () {\n"
	    "function _toConsumableArray(r) { var a = _iterableToArray(r); return a === r \? _arrayLikeToArray(r) : a || _unsupportedIterableToArray(r) || _nonIterableSpread(); }\n"
	    "function _nonIterableSpread() { throw new TypeError(\"Invalid attempt to spread non-iterable instance.\\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.\"); }\n"
	    "function _unsupportedIterableToArray(r, a) { if (r) { if (\"string\" == typeof r) return _arrayLikeToArray(r, a); var t = {}.toString.call(r).slice(8, -1); return \"Object\" === t && r.constructor && (t = r.constructor.name), \"Map\" === t || \"Set\" === t \? Array.from(r) : \"Arguments\" === t || /^(\?:Ui|I)nt(\?:8|16|32)(\?:Clamped)\?Array$/.test(t) \? _arrayLikeToArray(r, a) : void 0; } }\n"
	    "function _iterableToArray(r) { var e = \"undefined\" != typeof Symbol && r[Symbol.iterator] || r[\"@@iterator\"]; if (Array.isArray(r) && (null == e || e === (\"undefined\" != typeof Symbol && [][Symbol.iterator]) || e === [][\"@@iterator\"])) return r; if (null != e) { for (var t, o = [], a = e.call(r); !(t = a.next()).done;) o.push(t.value); return o; } }\n"
	    "function _arrayLikeToArray(r, a) { (null == a || a > r.length) && (a = r.length); for (var e = 0, n = Array(a); e < a; e++) n[e] = r[e]; return n; }\n"
	    "var result = [0].concat([1, 2], _toConsumableArray(new Map([[3, 4]]).keys()));\n"
	    "return result;\n"
	    "})()",
	    "object [0,1,2,3]" },
	{ "(function () {\n"
	    "function sum() {\n"
	    "  for (var _len = arguments.length, xs = new Array(_len), _key = 0; _key < _len; _key++) {\n"
	    "    xs[_key] = arguments[_key];\n"
	    "  }\n"
	    "  return xs.reduce(function (a, b) {\n"
	    "    return a + b;\n"
	    "  }, 0);\n"
	    "}\n"
	    "var result = sum.apply(void 0, [1, 2, 3].concat([4]));\n"
	    "return result;\n"
	    "})()",
	    "number 10" },
	{ "(function () {\n"
	    "function _arrayLikeToArray(r, a) { (null == a || a > r.length) && (a = r.length); for (var e = 0, n = Array(a); e < a; e++) n[e] = r[e]; return n; }\n"
	    "var _ref = [1, 2, undefined, 4, 5],\n"
	    "  a = _ref[0],\n"
	    "  _ref$ = _ref[2],\n"
	    "  b = _ref$ === void 0 \? 5 : _ref$,\n"
	    "  rest = _arrayLikeToArray(_ref).slice(3);\n"
	    "var result = [a, b, rest];\n"
	    "return result;\n"
	    "})()",
	    "object [1,5,[4,5]]" },
	{ "(function () {\n"
	    "function _slicedToArray(r, e) { return _iterableToArrayLimit(r, e) || _unsupportedIterableToArray(r, e) || _nonIterableRest(); }\n"
	    "function _nonIterableRest() { throw new TypeError(\"Invalid attempt to destructure non-iterable instance.\\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.\"); }\n"
	    "function _unsupportedIterableToArray(r, a) { if (r) { if (\"string\" == typeof r) return _arrayLikeToArray(r, a); var t = {}.toString.call(r).slice(8, -1); return \"Object\" === t && r.constructor && (t = r.constructor.name), \"Map\" === t || \"Set\" === t \? Array.from(r) : \"Arguments\" === t || /^(\?:Ui|I)nt(\?:8|16|32)(\?:Clamped)\?Array$/.test(t) \? _arrayLikeToArray(r, a) : void 0; } }\n"
	    "function _arrayLikeToArray(r, a) { (null == a || a > r.length) && (a = r.length); for (var e = 0, n = Array(a); e < a; e++) n[e] = r[e]; return n; }\n"
	    "function _iterableToArrayLimit(r, t) { var e = null == r \? null : \"undefined\" != typeof Symbol && r[Symbol.iterator] || r[\"@@iterator\"]; if (Array.isArray(r) && (null == e || e === (\"undefined\" != typeof Symbol && [][Symbol.iterator]) || e === [][\"@@iterator\"])) return r; if (null != e) { var l, n, i, a, u = [], o = !0, f = !1; try { if (i = (e = e.call(r)).next, 0 === t) { if (Object(e) !== e) return; o = !1; } else for (; !(o = (l = i.call(e)).done) && (u.push(l.value), u.length !== t); o = !0); } catch (r) { f = !0, n = r; } finally { try { if (!o && null != e.return && (a = e.return(), Object(a) !== a)) return; } finally { if (f) throw n; } } return u; } }\n"
	    "var _Set = new Set(['p', 'q']),\n"
	    "  _Set2 = _slicedToArray(_Set, 2),\n"
	    "  x = _Set2[0],\n"
	    "  y = _Set2[1];\n"
	    "var result = x + y;\n"
	    "return result;\n"
	    "})()",
	    "string pq" },
	{ "(function () {\n"
	    "function _objectWithoutProperties(e, t) { if (null == e) return {}; var o, r, i = _objectWithoutPropertiesLoose(e, t); if (Object.getOwnPropertySymbols) { var n = Object.getOwnPropertySymbols(e); for (r = 0; r < n.length; r++) o = n[r], -1 === t.indexOf(o) && {}.propertyIsEnumerable.call(e, o) && (i[o] = e[o]); } return i; }\n"
	    "function _objectWithoutPropertiesLoose(r, e) { if (null == r) return {}; var t = {}; for (var n in r) if ({}.hasOwnProperty.call(r, n)) { if (-1 !== e.indexOf(n)) continue; t[n] = r[n]; } return t; }\n"
	    "var _a$d$e = {\n"
	    "    a: 1,\n"
	    "    d: 4,\n"
	    "    e: 5\n"
	    "  },\n"
	    "  a = _a$d$e.a,\n"
	    "  _a$d$e$b = _a$d$e.b,\n"
	    "  _a$d$e$b2 = _a$d$e$b === void 0 \? {} : _a$d$e$b,\n"
	    "  _a$d$e$b2$c = _a$d$e$b2.c,\n"
	    "  c = _a$d$e$b2$c === void 0 \? 3 : _a$d$e$b2$c,\n"
	    "  others = _objectWithoutProperties(_a$d$e, [\"a\", \"b\"]);\n"
	    "var result = [a, c, others];\n"
	    "return result;\n"
	    "})()",
	    "object [1,3,{\"d\":4,\"e\":5}]" },
	{ "(function () {\n"
	    "function _slicedToArray(r, e) { return _iterableToArrayLimit(r, e) || _unsupportedIterableToArray(r, e) || _nonIterableRest(); }\n"
	    "function _nonIterableRest() { throw new TypeError(\"Invalid attempt to destructure non-iterable instance.\\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.\"); }\n"
	    "function _unsupportedIterableToArray(r, a) { if (r) { if (\"string\" == typeof r) return _arrayLikeToArray(r, a); var t = {}.toString.call(r).slice(8, -1); return \"Object\" === t && r.constructor && (t = r.constructor.name), \"Map\" === t || \"Set\" === t \? Array.from(r) : \"Arguments\" === t || /^(\?:Ui|I)nt(\?:8|16|32)(\?:Clamped)\?Array$/.test(t) \? _arrayLikeToArray(r, a) : void 0; } }\n"
	    "function _arrayLikeToArray(r, a) { (null == a || a > r.length) && (a = r.length); for (var e = 0, n = Array(a); e < a; e++) n[e] = r[e]; return n; }\n"
	    "function _iterableToArrayLimit(r, t) { var e = null == r \? null : \"undefined\" != typeof Symbol && r[Symbol.iterator] || r[\"@@iterator\"]; if (Array.isArray(r) && (null == e || e === (\"undefined\" != typeof Symbol && [][Symbol.iterator]) || e === [][\"@@iterator\"])) return r; if (null != e) { var l, n, i, a, u = [], o = !0, f = !1; try { if (i = (e = e.call(r)).next, 0 === t) { if (Object(e) !== e) return; o = !1; } else for (; !(o = (l = i.call(e)).done) && (u.push(l.value), u.length !== t); o = !0); } catch (r) { f = !0, n = r; } finally { try { if (!o && null != e.return && (a = e.return(), Object(a) !== a)) return; } finally { if (f) throw n; } } return u; } }\n"
	    "var m = new Map([['k', 'v']]);\n"
	    "var _m = _slicedToArray(m, 1),\n"
	    "  _m$ = _slicedToArray(_m[0], 2),\n"
	    "  key = _m$[0],\n"
	    "  value = _m$[1];\n"
	    "var result = key + '=' + value;\n"
	    "return result;\n"
	    "})()",
	    "string k=v" },
	{ "(function () {\n"
	    "function _typeof(o) { \"@babel/helpers - typeof\"; return _typeof = \"function\" == typeof Symbol && \"symbol\" == typeof Symbol.iterator \? function (o) { return typeof o; } : function (o) { return o && \"function\" == typeof Symbol && o.constructor === Symbol && o !== Symbol.prototype \? \"symbol\" : typeof o; }, _typeof(o); }\n"
	    "function _classCallCheck(a, n) { if (!(a instanceof n)) throw new TypeError(\"Cannot call a class as a function\"); }\n"
	    "function _defineProperties(e, r) { for (var t = 0; t < r.length; t++) { var o = r[t]; o.enumerable = o.enumerable || !1, o.configurable = !0, \"value\" in o && (o.writable = !0), Object.defineProperty(e, _toPropertyKey(o.key), o); } }\n"
	    "function _createClass(e, r, t) { return r && _defineProperties(e.prototype, r), t && _defineProperties(e, t), Object.defineProperty(e, \"prototype\", { writable: !1 }), e; }\n"
	    "function _toPropertyKey(t) { var i = _toPrimitive(t, \"string\"); return \"symbol\" == _typeof(i) \? i : i + \"\"; }\n"
	    "function _toPrimitive(t, e) { if (\"object\" != _typeof(t) || !t) return t; var r; if (\"undefined\" != typeof Symbol && void 0 !== (r = t[Symbol.toPrimitive])) { var i = r.call(t, e || \"default\"); if (\"object\" != _typeof(i)) return i; throw new TypeError(\"@@toPrimitive must return a primitive value.\"); } return (\"string\" === e \? String : Number)(t); }\n"
	    "var A = function () {\n"
	    "  \"use strict\";\n"
	    "\n"
	    "  function A(x) {\n"
	    "    _classCallCheck(this, A);\n"
	    "    this.x = x;\n"
	    "  }\n"
	    "  return _createClass(A, [{\n"
	    "    key: \"double\",\n"
	    "    get: function get() {\n"
	    "      return this.x * 2;\n"
	    "    }\n"
	    "  }], [{\n"
	    "    key: \"make\",\n"
	    "    value: function make() {\n"
	    "      return new A(4);\n"
	    "    }\n"
	    "  }]);\n"
	    "}();\n"
	    "var result = [A.make().double, new A(1) instanceof A];\n"
	    "return result;\n"
	    "})()",
	    "object [8,true]" },
	{ "(function () {\n"
	    "function _callSuper(t, o, e) { return o = _getPrototypeOf(o), _possibleConstructorReturn(t, _isNativeReflectConstruct() \? Reflect.construct(o, e || [], _getPrototypeOf(t).constructor) : o.apply(t, e)); }\n"
	    "function _possibleConstructorReturn(t, e) { if (e && (\"object\" == _typeof(e) || \"function\" == typeof e)) return e; if (void 0 !== e) throw new TypeError(\"Derived constructors may only return object or undefined\"); return _assertThisInitialized(t); }\n"
	    "function _assertThisInitialized(e) { if (void 0 === e) throw new ReferenceError(\"this hasn't been initialised - super() hasn't been called\"); return e; }\n"
	    "function _isNativeReflectConstruct() { try { var t = !Boolean.prototype.valueOf.call(Reflect.construct(Boolean, [], function () {})); } catch (t) {} return (_isNativeReflectConstruct = function _isNativeReflectConstruct() { return !!t; })(); }\n"
	    "function _superPropGet(t, o, e, r) { var p = _get(_getPrototypeOf(1 & r \? t.prototype : t), o, e); return 2 & r && \"function\" == typeof p \? function (t) { return p.apply(e, t); } : p; }\n"
	    "function _get() { return _get = \"undefined\" != typeof Reflect && Reflect.get \? Reflect.get.bind() : function (e, t, r) { var p = _superPropBase(e, t); if (p) { var n = Object.getOwnPropertyDescriptor(p, t); return n.get \? n.get.call(arguments.length < 3 \? e : r) : n.value; } }, _get.apply(null, arguments); }\n"
	    "function _superPropBase(t, o) { for (; !{}.hasOwnProperty.call(t, o) && null !== (t = _getPrototypeOf(t));); return t; }\n"
	    "function _getPrototypeOf(t) { return _getPrototypeOf = Object.setPrototypeOf \? Object.getPrototypeOf.bind() : function (t) { return t.__proto__ || Object.getPrototypeOf(t); }, _getPrototypeOf(t); }\n"
	    "function _inherits(t, e) { if (\"function\" != typeof e && null !== e) throw new TypeError(\"Super expression must either be null or a function\"); t.prototype = Object.create(e && e.prototype, { constructor: { value: t, writable: !0, configurable: !0 } }), Object.defineProperty(t, \"prototype\", { writable: !1 }), e && _setPrototypeOf(t, e); }\n"
	    "function _setPrototypeOf(t, e) { return _setPrototypeOf = Object.setPrototypeOf \? Object.setPrototypeOf.bind() : function (t, e) { return t.__proto__ = e, t; }, _setPrototypeOf(t, e); }\n"
	    "function _typeof(o) { \"@babel/helpers - typeof\"; return _typeof = \"function\" == typeof Symbol && \"symbol\" == typeof Symbol.iterator \? function (o) { return typeof o; } : function (o) { return o && \"function\" == typeof Symbol && o.constructor === Symbol && o !== Symbol.prototype \? \"symbol\" : typeof o; }, _typeof(o); }\n"
	    "function _classCallCheck(a, n) { if (!(a instanceof n)) throw new TypeError(\"Cannot call a class as a function\"); }\n"
	    "function _defineProperties(e, r) { for (var t = 0; t < r.length; t++) { var o = r[t]; o.enumerable = o.enumerable || !1, o.configurable = !0, \"value\" in o && (o.writable = !0), Object.defineProperty(e, _toPropertyKey(o.key), o); } }\n"
	    "function _createClass(e, r, t) { return r && _defineProperties(e.prototype, r), t && _defineProperties(e, t), Object.defineProperty(e, \"prototype\", { writable: !1 }), e; }\n"
	    "function _toPropertyKey(t) { var i = _toPrimitive(t, \"string\"); return \"symbol\" == _typeof(i) \? i : i + \"\"; }\n"
	    "function _toPrimitive(t, e) { if (\"object\" != _typeof(t) || !t) return t; var r; if (\"undefined\" != typeof Symbol && void 0 !== (r = t[Symbol.toPrimitive])) { var i = r.call(t, e || \"default\"); if (\"object\" != _typeof(i)) return i; throw new TypeError(\"@@toPrimitive must return a primitive value.\"); } return (\"string\" === e \? String : Number)(t); }\n"
	    "var A = function () {\n"
	    "  \"use strict\";\n"
	    "\n"
	    "  function A() {\n"
	    "    _classCallCheck(this, A);\n"
	    "  }\n"
	    "  return _createClass(A, [{\n"
	    "    key: \"hi\",\n"
	    "    value: function hi() {\n"
	    "      return 'A';\n"
	    "    }\n"
	    "  }]);\n"
	    "}();\n"
	    "var B = function (_A) {\n"
	    "  \"use strict\";\n"
	    "\n"
	    "  function B() {\n"
	    "    _classCallCheck(this, B);\n"
	    "    return _callSuper(this, B, arguments);\n"
	    "  }\n"
	    "  _inherits(B, _A);\n"
	    "  return _createClass(B, [{\n"
	    "    key: \"hi\",\n"
	    "    value: function hi() {\n"
	    "      return _superPropGet(B, \"hi\", this, 3)([]) + 'B';\n"
	    "    }\n"
	    "  }]);\n"
	    "}(A);\n"
	    "var result = [new B().hi(), new B() instanceof A];\n"
	    "return result;\n"
	    "})()",
	    "object [\"AB\",true]" },
	{ "(function () {\n"
	    "function _typeof(o) { \"@babel/helpers - typeof\"; return _typeof = \"function\" == typeof Symbol && \"symbol\" == typeof Symbol.iterator \? function (o) { return typeof o; } : function (o) { return o && \"function\" == typeof Symbol && o.constructor === Symbol && o !== Symbol.prototype \? \"symbol\" : typeof o; }, _typeof(o); }\n"
	    "function _classCallCheck(a, n) { if (!(a instanceof n)) throw new TypeError(\"Cannot call a class as a function\"); }\n"
	    "function _defineProperties(e, r) { for (var t = 0; t < r.length; t++) { var o = r[t]; o.enumerable = o.enumerable || !1, o.configurable = !0, \"value\" in o && (o.writable = !0), Object.defineProperty(e, _toPropertyKey(o.key), o); } }\n"
	    "function _createClass(e, r, t) { return r && _defineProperties(e.prototype, r), t && _defineProperties(e, t), Object.defineProperty(e, \"prototype\", { writable: !1 }), e; }\n"
	    "function _toPropertyKey(t) { var i = _toPrimitive(t, \"string\"); return \"symbol\" == _typeof(i) \? i : i + \"\"; }\n"
	    "function _toPrimitive(t, e) { if (\"object\" != _typeof(t) || !t) return t; var r; if (\"undefined\" != typeof Symbol && void 0 !== (r = t[Symbol.toPrimitive])) { var i = r.call(t, e || \"default\"); if (\"object\" != _typeof(i)) return i; throw new TypeError(\"@@toPrimitive must return a primitive value.\"); } return (\"string\" === e \? String : Number)(t); }\n"
	    "var key = Symbol('k');\n"
	    "var C = function () {\n"
	    "  \"use strict\";\n"
	    "\n"
	    "  function C() {\n"
	    "    _classCallCheck(this, C);\n"
	    "  }\n"
	    "  return _createClass(C, [{\n"
	    "    key: key,\n"
	    "    value: function value() {\n"
	    "      return 'sym method';\n"
	    "    }\n"
	    "  }]);\n"
	    "}();\n"
	    "var result = new C()[key]();\n"
	    "return result;\n"
	    "})()",
	    "string sym method" },
	{ "(function () {\n"
	    "function _toConsumableArray(r) { var a = _iterableToArray(r); return a === r \? _arrayLikeToArray(r) : a || _unsupportedIterableToArray(r) || _nonIterableSpread(); }\n"
	    "function _nonIterableSpread() { throw new TypeError(\"Invalid attempt to spread non-iterable instance.\\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.\"); }\n"
	    "function _unsupportedIterableToArray(r, a) { if (r) { if (\"string\" == typeof r) return _arrayLikeToArray(r, a); var t = {}.toString.call(r).slice(8, -1); return \"Object\" === t && r.constructor && (t = r.constructor.name), \"Map\" === t || \"Set\" === t \? Array.from(r) : \"Arguments\" === t || /^(\?:Ui|I)nt(\?:8|16|32)(\?:Clamped)\?Array$/.test(t) \? _arrayLikeToArray(r, a) : void 0; } }\n"
	    "function _iterableToArray(r) { var e = \"undefined\" != typeof Symbol && r[Symbol.iterator] || r[\"@@iterator\"]; if (Array.isArray(r) && (null == e || e === (\"undefined\" != typeof Symbol && [][Symbol.iterator]) || e === [][\"@@iterator\"])) return r; if (null != e) { for (var t, o = [], a = e.call(r); !(t = a.next()).done;) o.push(t.value); return o; } }\n"
	    "function _arrayLikeToArray(r, a) { (null == a || a > r.length) && (a = r.length); for (var e = 0, n = Array(a); e < a; e++) n[e] = r[e]; return n; }\n"
	    "function _typeof(o) { \"@babel/helpers - typeof\"; return _typeof = \"function\" == typeof Symbol && \"symbol\" == typeof Symbol.iterator \? function (o) { return typeof o; } : function (o) { return o && \"function\" == typeof Symbol && o.constructor === Symbol && o !== Symbol.prototype \? \"symbol\" : typeof o; }, _typeof(o); }\n"
	    "function _regenerator() { var e, t, r = \"function\" == typeof Symbol \? Symbol : {}, n = r.iterator || \"@@iterator\", o = r.toStringTag || \"@@toStringTag\"; function i(r, n, o, i) { var c = n && n.prototype instanceof Generator \? n : Generator, u = Object.create(c.prototype); return _regeneratorDefine2(u, \"_invoke\", function (r, n, o) { var i, c, u, f = 0, p = o || [], y = !1, G = { p: 0, n: 0, v: e, a: d, f: d.bind(e, 4), d: function d(t, r) { return i = t, c = 0, u = e, G.n = r, a; } }; function d(r, n) { for (c = r, u = n, t = 0; !y && f && !o && t < p.length; t++) { var o, i = p[t], d = G.p, l = i[2]; r > 3 \? (o = l === n) && (u = i[(c = i[4]) \? 5 : (c = 3, 3)], i[4] = i[5] = e) : i[0] <= d && ((o = r < 2 && d < i[1]) \? (c = 0, G.v = n, G.n = i[1]) : d < l && (o = r < 3 || i[0] > n || n > l) && (i[4] = r, i[5] = n, G.n = l, c = 0)); } if (o || r > 1) return a; throw y = !0, n; } return function (o, p, l) { if (f > 1) throw TypeError(\"Generator is already running\"); for (y && 1 === p && d(p, l), c = p, u = l; (t = c < 2 \? e : u) || !y;) { i || (c \? (c > 1 && (G.n = c < 3 \? -1 : u), d(c, u)) : G.v = u); try { if (f = 2, i) { if (c || (o = \"next\"), t = i[o]) { if (!(t = t.call(i, u))) throw TypeError(\"iterator result is not an object\"); if (!t.done) return t; u = t.value, c < 2 && (c = 0); } else 1 === c && (t = i.return) && t.call(i), c < 2 && (u = TypeError(\"The iterator does not provide a '\" + o + \"' method\"), c = 1); i = e; } else if ((t = (y = G.n < 0) \? u : r.call(n, G)) !== a) break; } catch (t) { i = e, c = 1, u = t; } finally { f = 1; } } return { value: t, done: y }; }; }(r, o, i), !0), u; } var a = {}; function Generator() {} function GeneratorFunction() {} function GeneratorFunctionPrototype() {} t = Object.getPrototypeOf; var c = [][n] \? t(t([][n]())) : (_regeneratorDefine2(t = {}, n, function () { return this; }), t), u = GeneratorFunctionPrototype.prototype = Generator.prototype = Object.create(c); function f(e) { return Object.setPrototypeOf \? Object.setPrototypeOf(e, GeneratorFunctionPrototype) : (e.__proto__ = GeneratorFunctionPrototype, _regeneratorDefine2(e, o, \"GeneratorFunction\")), e.prototype = Object.create(u), e; } return GeneratorFunction.prototype = GeneratorFunctionPrototype, _regeneratorDefine2(u, \"constructor\", GeneratorFunctionPrototype), _regeneratorDefine2(GeneratorFunctionPrototype, \"constructor\", GeneratorFunction), GeneratorFunction.displayName = \"GeneratorFunction\", _regeneratorDefine2(GeneratorFunctionPrototype, o, \"GeneratorFunction\"), _regeneratorDefine2(u), _regeneratorDefine2(u, o, \"Generator\"), _regeneratorDefine2(u, n, function () { return this; }), _regeneratorDefine2(u, \"toString\", function () { return \"[object Generator]\"; }), (_regenerator = function _regenerator() { return { w: i, m: f }; })(); }\n"
	    "function _regeneratorDefine2(e, r, n, t) { var i = Object.defineProperty; try { i({}, \"\", {}); } catch (e) { i = 0; } _regeneratorDefine2 = function _regeneratorDefine(e, r, n, t) { function o(r, n) { _regeneratorDefine2(e, r, function (e) { return this._invoke(r, n, e); }); } r \? i \? i(e, r, { value: n, enumerable: !t, configurable: !t, writable: !t }) : e[r] = n : (o(\"next\", 0), o(\"throw\", 1), o(\"return\", 2)); }, _regeneratorDefine2(e, r, n, t); }\n"
	    "function _classCallCheck(a, n) { if (!(a instanceof n)) throw new TypeError(\"Cannot call a class as a function\"); }\n"
	    "function _defineProperties(e, r) { for (var t = 0; t < r.length; t++) { var o = r[t]; o.enumerable = o.enumerable || !1, o.configurable = !0, \"value\" in o && (o.writable = !0), Object.defineProperty(e, _toPropertyKey(o.key), o); } }\n"
	    "function _createClass(e, r, t) { return r && _defineProperties(e.prototype, r), t && _defineProperties(e, t), Object.defineProperty(e, \"prototype\", { writable: !1 }), e; }\n"
	    "function _toPropertyKey(t) { var i = _toPrimitive(t, \"string\"); return \"symbol\" == _typeof(i) \? i : i + \"\"; }\n"
	    "function _toPrimitive(t, e) { if (\"object\" != _typeof(t) || !t) return t; var r; if (\"undefined\" != typeof Symbol && void 0 !== (r = t[Symbol.toPrimitive])) { var i = r.call(t, e || \"default\"); if (\"object\" != _typeof(i)) return i; throw new TypeError(\"@@toPrimitive must return a primitive value.\"); } return (\"string\" === e \? String : Number)(t); }\n"
	    "var Range = function () {\n"
	    "  \"use strict\";\n"
	    "\n"
	    "  function Range(n) {\n"
	    "    _classCallCheck(this, Range);\n"
	    "    this.n = n;\n"
	    "  }\n"
	    "  return _createClass(Range, [{\n"
	    "    key: Symbol.iterator,\n"
	    "    value: _regenerator().m(function value() {\n"
	    "      var i;\n"
	    "      return _regenerator().w(function (_context) {\n"
	    "        while (1) switch (_context.n) {\n"
	    "          case 0:\n"
	    "            i = 0;\n"
	    "          case 1:\n"
	    "            if (!(i < this.n)) {\n"
	    "              _context.n = 3;\n"
	    "              break;\n"
	    "            }\n"
	    "            _context.n = 2;\n"
	    "            return i;\n"
	    "          case 2:\n"
	    "            i++;\n"
	    "            _context.n = 1;\n"
	    "            break;\n"
	    "          case 3:\n"
	    "            return _context.a(2);\n"
	    "        }\n"
	    "      }, value, this);\n"
	    "    })\n"
	    "  }]);\n"
	    "}();\n"
	    "var result = _toConsumableArray(new Range(4));\n"
	    "return result;\n"
	    "})()",
	    "object [0,1,2,3]" },
	{ "(function () {\n"
	    "function _regenerator() { var e, t, r = \"function\" == typeof Symbol \? Symbol : {}, n = r.iterator || \"@@iterator\", o = r.toStringTag || \"@@toStringTag\"; function i(r, n, o, i) { var c = n && n.prototype instanceof Generator \? n : Generator, u = Object.create(c.prototype); return _regeneratorDefine2(u, \"_invoke\", function (r, n, o) { var i, c, u, f = 0, p = o || [], y = !1, G = { p: 0, n: 0, v: e, a: d, f: d.bind(e, 4), d: function d(t, r) { return i = t, c = 0, u = e, G.n = r, a; } }; function d(r, n) { for (c = r, u = n, t = 0; !y && f && !o && t < p.length; t++) { var o, i = p[t], d = G.p, l = i[2]; r > 3 \? (o = l === n) && (u = i[(c = i[4]) \? 5 : (c = 3, 3)], i[4] = i[5] = e) : i[0] <= d && ((o = r < 2 && d < i[1]) \? (c = 0, G.v = n, G.n = i[1]) : d < l && (o = r < 3 || i[0] > n || n > l) && (i[4] = r, i[5] = n, G.n = l, c = 0)); } if (o || r > 1) return a; throw y = !0, n; } return function (o, p, l) { if (f > 1) throw TypeError(\"Generator is already running\"); for (y && 1 === p && d(p, l), c = p, u = l; (t = c < 2 \? e : u) || !y;) { i || (c \? (c > 1 && (G.n = c < 3 \? -1 : u), d(c, u)) : G.v = u); try { if (f = 2, i) { if (c || (o = \"next\"), t = i[o]) { if (!(t = t.call(i, u))) throw TypeError(\"iterator result is not an object\"); if (!t.done) return t; u = t.value, c < 2 && (c = 0); } else 1 === c && (t = i.return) && t.call(i), c < 2 && (u = TypeError(\"The iterator does not provide a '\" + o + \"' method\"), c = 1); i = e; } else if ((t = (y = G.n < 0) \? u : r.call(n, G)) !== a) break; } catch (t) { i = e, c = 1, u = t; } finally { f = 1; } } return { value: t, done: y }; }; }(r, o, i), !0), u; } var a = {}; function Generator() {} function GeneratorFunction() {} function GeneratorFunctionPrototype() {} t = Object.getPrototypeOf; var c = [][n] \? t(t([][n]())) : (_regeneratorDefine2(t = {}, n, function () { return this; }), t), u = GeneratorFunctionPrototype.prototype = Generator.prototype = Object.create(c); function f(e) { return Object.setPrototypeOf \? Object.setPrototypeOf(e, GeneratorFunctionPrototype) : (e.__proto__ = GeneratorFunctionPrototype, _regeneratorDefine2(e, o, \"GeneratorFunction\")), e.prototype = Object.create(u), e; } return GeneratorFunction.prototype = GeneratorFunctionPrototype, _regeneratorDefine2(u, \"constructor\", GeneratorFunctionPrototype), _regeneratorDefine2(GeneratorFunctionPrototype, \"constructor\", GeneratorFunction), GeneratorFunction.displayName = \"GeneratorFunction\", _regeneratorDefine2(GeneratorFunctionPrototype, o, \"GeneratorFunction\"), _regeneratorDefine2(u), _regeneratorDefine2(u, o, \"Generator\"), _regeneratorDefine2(u, n, function () { return this; }), _regeneratorDefine2(u, \"toString\", function () { return \"[object Generator]\"; }), (_regenerator = function _regenerator() { return { w: i, m: f }; })(); }\n"
	    "function _regeneratorDefine2(e, r, n, t) { var i = Object.defineProperty; try { i({}, \"\", {}); } catch (e) { i = 0; } _regeneratorDefine2 = function _regeneratorDefine(e, r, n, t) { function o(r, n) { _regeneratorDefine2(e, r, function (e) { return this._invoke(r, n, e); }); } r \? i \? i(e, r, { value: n, enumerable: !t, configurable: !t, writable: !t }) : e[r] = n : (o(\"next\", 0), o(\"throw\", 1), o(\"return\", 2)); }, _regeneratorDefine2(e, r, n, t); }\n"
	    "var _marked = _regenerator().m(gen);\n"
	    "function gen() {\n"
	    "  var x;\n"
	    "  return _regenerator().w(function (_context) {\n"
	    "    while (1) switch (_context.n) {\n"
	    "      case 0:\n"
	    "        _context.n = 1;\n"
	    "        return 1;\n"
	    "      case 1:\n"
	    "        x = _context.v;\n"
	    "        _context.n = 2;\n"
	    "        return x * 2;\n"
	    "      case 2:\n"
	    "        return _context.a(2);\n"
	    "    }\n"
	    "  }, _marked);\n"
	    "}\n"
	    "var g = gen();\n"
	    "var result = [g.next().value, g.next(21).value, g.next().done];\n"
	    "return result;\n"
	    "})()",
	    "object [1,42,true]" },
	{ "(function () {\n"
	    "function _typeof(o) { \"@babel/helpers - typeof\"; return _typeof = \"function\" == typeof Symbol && \"symbol\" == typeof Symbol.iterator \? function (o) { return typeof o; } : function (o) { return o && \"function\" == typeof Symbol && o.constructor === Symbol && o !== Symbol.prototype \? \"symbol\" : typeof o; }, _typeof(o); }\n"
	    "function _regeneratorValues(e) { if (null != e) { var t = e[\"function\" == typeof Symbol && Symbol.iterator || \"@@iterator\"], r = 0; if (t) return t.call(e); if (\"function\" == typeof e.next) return e; if (!isNaN(e.length)) return { next: function next() { return e && r >= e.length && (e = void 0), { value: e && e[r++], done: !e }; } }; } throw new TypeError(_typeof(e) + \" is not iterable\"); }\n"
	    "function _regenerator() { var e, t, r = \"function\" == typeof Symbol \? Symbol : {}, n = r.iterator || \"@@iterator\", o = r.toStringTag || \"@@toStringTag\"; function i(r, n, o, i) { var c = n && n.prototype instanceof Generator \? n : Generator, u = Object.create(c.prototype); return _regeneratorDefine2(u, \"_invoke\", function (r, n, o) { var i, c, u, f = 0, p = o || [], y = !1, G = { p: 0, n: 0, v: e, a: d, f: d.bind(e, 4), d: function d(t, r) { return i = t, c = 0, u = e, G.n = r, a; } }; function d(r, n) { for (c = r, u = n, t = 0; !y && f && !o && t < p.length; t++) { var o, i = p[t], d = G.p, l = i[2]; r > 3 \? (o = l === n) && (u = i[(c = i[4]) \? 5 : (c = 3, 3)], i[4] = i[5] = e) : i[0] <= d && ((o = r < 2 && d < i[1]) \? (c = 0, G.v = n, G.n = i[1]) : d < l && (o = r < 3 || i[0] > n || n > l) && (i[4] = r, i[5] = n, G.n = l, c = 0)); } if (o || r > 1) return a; throw y = !0, n; } return function (o, p, l) { if (f > 1) throw TypeError(\"Generator is already running\"); for (y && 1 === p && d(p, l), c = p, u = l; (t = c < 2 \? e : u) || !y;) { i || (c \? (c > 1 && (G.n = c < 3 \? -1 : u), d(c, u)) : G.v = u); try { if (f = 2, i) { if (c || (o = \"next\"), t = i[o]) { if (!(t = t.call(i, u))) throw TypeError(\"iterator result is not an object\"); if (!t.done) return t; u = t.value, c < 2 && (c = 0); } else 1 === c && (t = i.return) && t.call(i), c < 2 && (u = TypeError(\"The iterator does not provide a '\" + o + \"' method\"), c = 1); i = e; } else if ((t = (y = G.n < 0) \? u : r.call(n, G)) !== a) break; } catch (t) { i = e, c = 1, u = t; } finally { f = 1; } } return { value: t, done: y }; }; }(r, o, i), !0), u; } var a = {}; function Generator() {} function GeneratorFunction() {} function GeneratorFunctionPrototype() {} t = Object.getPrototypeOf; var c = [][n] \? t(t([][n]())) : (_regeneratorDefine2(t = {}, n, function () { return this; }), t), u = GeneratorFunctionPrototype.prototype = Generator.prototype = Object.create(c); function f(e) { return Object.setPrototypeOf \? Object.setPrototypeOf(e, GeneratorFunctionPrototype) : (e.__proto__ = GeneratorFunctionPrototype, _regeneratorDefine2(e, o, \"GeneratorFunction\")), e.prototype = Object.create(u), e; } return GeneratorFunction.prototype = GeneratorFunctionPrototype, _regeneratorDefine2(u, \"constructor\", GeneratorFunctionPrototype), _regeneratorDefine2(GeneratorFunctionPrototype, \"constructor\", GeneratorFunction), GeneratorFunction.displayName = \"GeneratorFunction\", _regeneratorDefine2(GeneratorFunctionPrototype, o, \"GeneratorFunction\"), _regeneratorDefine2(u), _regeneratorDefine2(u, o, \"Generator\"), _regeneratorDefine2(u, n, function () { return this; }), _regeneratorDefine2(u, \"toString\", function () { return \"[object Generator]\"; }), (_regenerator = function _regenerator() { return { w: i, m: f }; })(); }\n"
	    "function _regeneratorDefine2(e, r, n, t) { var i = Object.defineProperty; try { i({}, \"\", {}); } catch (e) { i = 0; } _regeneratorDefine2 = function _regeneratorDefine(e, r, n, t) { function o(r, n) { _regeneratorDefine2(e, r, function (e) { return this._invoke(r, n, e); }); } r \? i \? i(e, r, { value: n, enumerable: !t, configurable: !t, writable: !t }) : e[r] = n : (o(\"next\", 0), o(\"throw\", 1), o(\"return\", 2)); }, _regeneratorDefine2(e, r, n, t); }\n"
	    "var _marked = _regenerator().m(inner),\n"
	    "  _marked2 = _regenerator().m(outer);\n"
	    "function inner() {\n"
	    "  return _regenerator().w(function (_context) {\n"
	    "    while (1) switch (_context.n) {\n"
	    "      case 0:\n"
	    "        _context.n = 1;\n"
	    "        return 'a';\n"
	    "      case 1:\n"
	    "        _context.n = 2;\n"
	    "        return 'b';\n"
	    "      case 2:\n"
	    "        return _context.a(2);\n"
	    "    }\n"
	    "  }, _marked);\n"
	    "}\n"
	    "function outer() {\n"
	    "  return _regenerator().w(function (_context2) {\n"
	    "    while (1) switch (_context2.n) {\n"
	    "      case 0:\n"
	    "        return _context2.d(_regeneratorValues(inner()), 1);\n"
	    "      case 1:\n"
	    "        _context2.n = 2;\n"
	    "        return 'c';\n"
	    "      case 2:\n"
	    "        return _context2.a(2);\n"
	    "    }\n"
	    "  }, _marked2);\n"
	    "}\n"
	    "var result = Array.from(outer());\n"
	    "return result;\n"
	    "})()",
	    "object [\"a\",\"b\",\"c\"]" },
	{ "(function () {\n"
	    "function _typeof(o) { \"@babel/helpers - typeof\"; return _typeof = \"function\" == typeof Symbol && \"symbol\" == typeof Symbol.iterator \? function (o) { return typeof o; } : function (o) { return o && \"function\" == typeof Symbol && o.constructor === Symbol && o !== Symbol.prototype \? \"symbol\" : typeof o; }, _typeof(o); }\n"
	    "function _toConsumableArray(r) { var a = _iterableToArray(r); return a === r \? _arrayLikeToArray(r) : a || _unsupportedIterableToArray(r) || _nonIterableSpread(); }\n"
	    "function _nonIterableSpread() { throw new TypeError(\"Invalid attempt to spread non-iterable instance.\\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.\"); }\n"
	    "function _unsupportedIterableToArray(r, a) { if (r) { if (\"string\" == typeof r) return _arrayLikeToArray(r, a); var t = {}.toString.call(r).slice(8, -1); return \"Object\" === t && r.constructor && (t = r.constructor.name), \"Map\" === t || \"Set\" === t \? Array.from(r) : \"Arguments\" === t || /^(\?:Ui|I)nt(\?:8|16|32)(\?:Clamped)\?Array$/.test(t) \? _arrayLikeToArray(r, a) : void 0; } }\n"
	    "function _iterableToArray(r) { var e = \"undefined\" != typeof Symbol && r[Symbol.iterator] || r[\"@@iterator\"]; if (Array.isArray(r) && (null == e || e === (\"undefined\" != typeof Symbol && [][Symbol.iterator]) || e === [][\"@@iterator\"])) return r; if (null != e) { for (var t, o = [], a = e.call(r); !(t = a.next()).done;) o.push(t.value); return o; } }\n"
	    "function _arrayLikeToArray(r, a) { (null == a || a > r.length) && (a = r.length); for (var e = 0, n = Array(a); e < a; e++) n[e] = r[e]; return n; }\n"
	    "function _defineProperty(e, r, t) { return (r = _toPropertyKey(r)) in e \? Object.defineProperty(e, r, { value: t, enumerable: !0, configurable: !0, writable: !0 }) : e[r] = t, e; }\n"
	    "function _toPropertyKey(t) { var i = _toPrimitive(t, \"string\"); return \"symbol\" == _typeof(i) \? i : i + \"\"; }\n"
	    "function _toPrimitive(t, e) { if (\"object\" != _typeof(t) || !t) return t; var r; if (\"undefined\" != typeof Symbol && void 0 !== (r = t[Symbol.toPrimitive])) { var i = r.call(t, e || \"default\"); if (\"object\" != _typeof(i)) return i; throw new TypeError(\"@@toPrimitive must return a primitive value.\"); } return (\"string\" === e \? String : Number)(t); }\n"
	    "var it = _defineProperty({\n"
	    "  from: 1,\n"
	    "  to: 3\n"
	    "}, Symbol.iterator, function () {\n"
	    "  var c = this.from,\n"
	    "    t = this.to;\n"
	    "  return {\n"
	    "    next: function next() {\n"
	    "      return c <= t \? {\n"
	    "        value: c++,\n"
	    "        done: false\n"
	    "      } : {\n"
	    "        value: undefined,\n"
	    "        done: true\n"
	    "      };\n"
	    "    }\n"
	    "  };\n"
	    "});\n"
	    "var result = _toConsumableArray(it);\n"
	    "return result;\n"
	    "})()",
	    "object [1,2,3]" },
	{ "(function () {\n"
	    "function _typeof(o) { \"@babel/helpers - typeof\"; return _typeof = \"function\" == typeof Symbol && \"symbol\" == typeof Symbol.iterator \? function (o) { return typeof o; } : function (o) { return o && \"function\" == typeof Symbol && o.constructor === Symbol && o !== Symbol.prototype \? \"symbol\" : typeof o; }, _typeof(o); }\n"
	    "var result = _typeof(Symbol.iterator);\n"
	    "return result;\n"
	    "})()",
	    "string symbol" },
	{ "(function () {\n"
	    "function _typeof(o) { \"@babel/helpers - typeof\"; return _typeof = \"function\" == typeof Symbol && \"symbol\" == typeof Symbol.iterator \? function (o) { return typeof o; } : function (o) { return o && \"function\" == typeof Symbol && o.constructor === Symbol && o !== Symbol.prototype \? \"symbol\" : typeof o; }, _typeof(o); }\n"
	    "var s = Symbol('desc');\n"
	    "var result = [_typeof(s), s.description];\n"
	    "return result;\n"
	    "})()",
	    "object [\"symbol\",\"desc\"]" },
	{ "(function () {\n"
	    "function _typeof(o) { \"@babel/helpers - typeof\"; return _typeof = \"function\" == typeof Symbol && \"symbol\" == typeof Symbol.iterator \? function (o) { return typeof o; } : function (o) { return o && \"function\" == typeof Symbol && o.constructor === Symbol && o !== Symbol.prototype \? \"symbol\" : typeof o; }, _typeof(o); }\n"
	    "function _defineProperty(e, r, t) { return (r = _toPropertyKey(r)) in e \? Object.defineProperty(e, r, { value: t, enumerable: !0, configurable: !0, writable: !0 }) : e[r] = t, e; }\n"
	    "function _toPropertyKey(t) { var i = _toPrimitive(t, \"string\"); return \"symbol\" == _typeof(i) \? i : i + \"\"; }\n"
	    "function _toPrimitive(t, e) { if (\"object\" != _typeof(t) || !t) return t; var r; if (\"undefined\" != typeof Symbol && void 0 !== (r = t[Symbol.toPrimitive])) { var i = r.call(t, e || \"default\"); if (\"object\" != _typeof(i)) return i; throw new TypeError(\"@@toPrimitive must return a primitive value.\"); } return (\"string\" === e \? String : Number)(t); }\n"
	    "var o = _defineProperty({}, Symbol.toStringTag, 'Tagged');\n"
	    "var result = String(o);\n"
	    "return result;\n"
	    "})()",
	    "string [object Tagged]" },
	{ "(function () {\n"
	    "function _createForOfIteratorHelper(r, e) { var t = \"undefined\" != typeof Symbol && r[Symbol.iterator] || r[\"@@iterator\"]; if (!t) { if (Array.isArray(r) || (t = _unsupportedIterableToArray(r)) || e && r && \"number\" == typeof r.length) { t && (r = t); var _n = 0, F = function F() {}; return { s: F, n: function n() { return _n >= r.length \? { done: !0 } : { done: !1, value: r[_n++] }; }, e: function e(r) { throw r; }, f: F }; } throw new TypeError(\"Invalid attempt to iterate non-iterable instance.\\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.\"); } var o, a = !0, u = !1; return { s: function s() { t = t.call(r); }, n: function n() { var r = t.next(); return a = r.done, r; }, e: function e(r) { u = !0, o = r; }, f: function f() { try { a || null == t.return || t.return(); } finally { if (u) throw o; } } }; }\n"
	    "function _unsupportedIterableToArray(r, a) { if (r) { if (\"string\" == typeof r) return _arrayLikeToArray(r, a); var t = {}.toString.call(r).slice(8, -1); return \"Object\" === t && r.constructor && (t = r.constructor.name), \"Map\" === t || \"Set\" === t \? Array.from(r) : \"Arguments\" === t || /^(\?:Ui|I)nt(\?:8|16|32)(\?:Clamped)\?Array$/.test(t) \? _arrayLikeToArray(r, a) : void 0; } }\n"
	    "function _arrayLikeToArray(r, a) { (null == a || a > r.length) && (a = r.length); for (var e = 0, n = Array(a); e < a; e++) n[e] = r[e]; return n; }\n"
	    "var n = 0;\n"
	    "try {\n"
	    "  var _iterator = _createForOfIteratorHelper(5),\n"
	    "    _step;\n"
	    "  try {\n"
	    "    for (_iterator.s(); !(_step = _iterator.n()).done;) {\n"
	    "      var x = _step.value;\n"
	    "      n++;\n"
	    "    }\n"
	    "  } catch (err) {\n"
	    "    _iterator.e(err);\n"
	    "  } finally {\n"
	    "    _iterator.f();\n"
	    "  }\n"
	    "} catch (e) {\n"
	    "  n = e.name + ': ' + e.message.split('\\n')[0];\n"
	    "}\n"
	    "var result = n;\n"
	    "return result;\n"
	    "})()",
	    "string TypeError: Invalid attempt to iterate non-iterable instance." },
	{ "(function () {\n"
	    "function _slicedToArray(r, e) { return _iterableToArrayLimit(r, e) || _unsupportedIterableToArray(r, e) || _nonIterableRest(); }\n"
	    "function _nonIterableRest() { throw new TypeError(\"Invalid attempt to destructure non-iterable instance.\\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.\"); }\n"
	    "function _unsupportedIterableToArray(r, a) { if (r) { if (\"string\" == typeof r) return _arrayLikeToArray(r, a); var t = {}.toString.call(r).slice(8, -1); return \"Object\" === t && r.constructor && (t = r.constructor.name), \"Map\" === t || \"Set\" === t \? Array.from(r) : \"Arguments\" === t || /^(\?:Ui|I)nt(\?:8|16|32)(\?:Clamped)\?Array$/.test(t) \? _arrayLikeToArray(r, a) : void 0; } }\n"
	    "function _arrayLikeToArray(r, a) { (null == a || a > r.length) && (a = r.length); for (var e = 0, n = Array(a); e < a; e++) n[e] = r[e]; return n; }\n"
	    "function _iterableToArrayLimit(r, t) { var e = null == r \? null : \"undefined\" != typeof Symbol && r[Symbol.iterator] || r[\"@@iterator\"]; if (Array.isArray(r) && (null == e || e === (\"undefined\" != typeof Symbol && [][Symbol.iterator]) || e === [][\"@@iterator\"])) return r; if (null != e) { var l, n, i, a, u = [], o = !0, f = !1; try { if (i = (e = e.call(r)).next, 0 === t) { if (Object(e) !== e) return; o = !1; } else for (; !(o = (l = i.call(e)).done) && (u.push(l.value), u.length !== t); o = !0); } catch (r) { f = !0, n = r; } finally { try { if (!o && null != e.return && (a = e.return(), Object(a) !== a)) return; } finally { if (f) throw n; } } return u; } }\n"
	    "var r;\n"
	    "try {\n"
	    "  var _ref = {},\n"
	    "    _ref2 = _slicedToArray(_ref, 1),\n"
	    "    a = _ref2[0];\n"
	    "  r = a;\n"
	    "} catch (e) {\n"
	    "  r = e.name;\n"
	    "}\n"
	    "var result = r;\n"
	    "return result;\n"
	    "})()",
	    "string TypeError" },
	{ "(function () {\n"
	    "function _typeof(o) { \"@babel/helpers - typeof\"; return _typeof = \"function\" == typeof Symbol && \"symbol\" == typeof Symbol.iterator \? function (o) { return typeof o; } : function (o) { return o && \"function\" == typeof Symbol && o.constructor === Symbol && o !== Symbol.prototype \? \"symbol\" : typeof o; }, _typeof(o); }\n"
	    "function _classCallCheck(a, n) { if (!(a instanceof n)) throw new TypeError(\"Cannot call a class as a function\"); }\n"
	    "function _defineProperties(e, r) { for (var t = 0; t < r.length; t++) { var o = r[t]; o.enumerable = o.enumerable || !1, o.configurable = !0, \"value\" in o && (o.writable = !0), Object.defineProperty(e, _toPropertyKey(o.key), o); } }\n"
	    "function _createClass(e, r, t) { return r && _defineProperties(e.prototype, r), t && _defineProperties(e, t), Object.defineProperty(e, \"prototype\", { writable: !1 }), e; }\n"
	    "function _toPropertyKey(t) { var i = _toPrimitive(t, \"string\"); return \"symbol\" == _typeof(i) \? i : i + \"\"; }\n"
	    "function _toPrimitive(t, e) { if (\"object\" != _typeof(t) || !t) return t; var r; if (\"undefined\" != typeof Symbol && void 0 !== (r = t[Symbol.toPrimitive])) { var i = r.call(t, e || \"default\"); if (\"object\" != _typeof(i)) return i; throw new TypeError(\"@@toPrimitive must return a primitive value.\"); } return (\"string\" === e \? String : Number)(t); }\n"
	    "var wm = new WeakMap();\n"
	    "var P = function () {\n"
	    "  \"use strict\";\n"
	    "\n"
	    "  function P(v) {\n"
	    "    _classCallCheck(this, P);\n"
	    "    wm.set(this, v);\n"
	    "  }\n"
	    "  return _createClass(P, [{\n"
	    "    key: \"v\",\n"
	    "    get: function get() {\n"
	    "      return wm.get(this);\n"
	    "    }\n"
	    "  }]);\n"
	    "}();\n"
	    "var result = new P(42).v;\n"
	    "return result;\n"
	    "})()",
	    "number 42" },
	{ "(function () {\n"
	    "function _typeof(o) { \"@babel/helpers - typeof\"; return _typeof = \"function\" == typeof Symbol && \"symbol\" == typeof Symbol.iterator \? function (o) { return typeof o; } : function (o) { return o && \"function\" == typeof Symbol && o.constructor === Symbol && o !== Symbol.prototype \? \"symbol\" : typeof o; }, _typeof(o); }\n"
	    "function _classCallCheck(a, n) { if (!(a instanceof n)) throw new TypeError(\"Cannot call a class as a function\"); }\n"
	    "function _defineProperties(e, r) { for (var t = 0; t < r.length; t++) { var o = r[t]; o.enumerable = o.enumerable || !1, o.configurable = !0, \"value\" in o && (o.writable = !0), Object.defineProperty(e, _toPropertyKey(o.key), o); } }\n"
	    "function _createClass(e, r, t) { return r && _defineProperties(e.prototype, r), t && _defineProperties(e, t), Object.defineProperty(e, \"prototype\", { writable: !1 }), e; }\n"
	    "function _toPropertyKey(t) { var i = _toPrimitive(t, \"string\"); return \"symbol\" == _typeof(i) \? i : i + \"\"; }\n"
	    "function _toPrimitive(t, e) { if (\"object\" != _typeof(t) || !t) return t; var r; if (\"undefined\" != typeof Symbol && void 0 !== (r = t[Symbol.toPrimitive])) { var i = r.call(t, e || \"default\"); if (\"object\" != _typeof(i)) return i; throw new TypeError(\"@@toPrimitive must return a primitive value.\"); } return (\"string\" === e \? String : Number)(t); }\n"
	    "function _classPrivateFieldInitSpec(e, t, a) { _checkPrivateRedeclaration(e, t), t.set(e, a); }\n"
	    "function _checkPrivateRedeclaration(e, t) { if (t.has(e)) throw new TypeError(\"Cannot initialize the same private elements twice on an object\"); }\n"
	    "function _classPrivateFieldSet(s, a, r) { return s.set(_assertClassBrand(s, a), r), r; }\n"
	    "function _classPrivateFieldGet(s, a) { return s.get(_assertClassBrand(s, a)); }\n"
	    "function _assertClassBrand(e, t, n) { if (\"function\" == typeof e \? e === t : e.has(t)) return arguments.length < 3 \? t : n; throw new TypeError(\"Private element is not present on this object\"); }\n"
	    "var _n = new WeakMap();\n"
	    "var Counter = function () {\n"
	    "  \"use strict\";\n"
	    "\n"
	    "  function Counter() {\n"
	    "    _classCallCheck(this, Counter);\n"
	    "    _classPrivateFieldInitSpec(this, _n, 0);\n"
	    "  }\n"
	    "  return _createClass(Counter, [{\n"
	    "    key: \"inc\",\n"
	    "    value: function inc() {\n"
	    "      var _this$n;\n"
	    "      return _classPrivateFieldSet(_n, this, (_this$n = _classPrivateFieldGet(_n, this), ++_this$n));\n"
	    "    }\n"
	    "  }]);\n"
	    "}();\n"
	    "var c = new Counter();\n"
	    "c.inc();\n"
	    "var result = c.inc();\n"
	    "return result;\n"
	    "})()",
	    "number 2" },
	{ "(function () {\n"
	    "function _slicedToArray(r, e) { return _iterableToArrayLimit(r, e) || _unsupportedIterableToArray(r, e) || _nonIterableRest(); }\n"
	    "function _nonIterableRest() { throw new TypeError(\"Invalid attempt to destructure non-iterable instance.\\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.\"); }\n"
	    "function _iterableToArrayLimit(r, t) { var e = null == r \? null : \"undefined\" != typeof Symbol && r[Symbol.iterator] || r[\"@@iterator\"]; if (Array.isArray(r) && (null == e || e === (\"undefined\" != typeof Symbol && [][Symbol.iterator]) || e === [][\"@@iterator\"])) return r; if (null != e) { var l, n, i, a, u = [], o = !0, f = !1; try { if (i = (e = e.call(r)).next, 0 === t) { if (Object(e) !== e) return; o = !1; } else for (; !(o = (l = i.call(e)).done) && (u.push(l.value), u.length !== t); o = !0); } catch (r) { f = !0, n = r; } finally { try { if (!o && null != e.return && (a = e.return(), Object(a) !== a)) return; } finally { if (f) throw n; } } return u; } }\n"
	    "function _createForOfIteratorHelper(r, e) { var t = \"undefined\" != typeof Symbol && r[Symbol.iterator] || r[\"@@iterator\"]; if (!t) { if (Array.isArray(r) || (t = _unsupportedIterableToArray(r)) || e && r && \"number\" == typeof r.length) { t && (r = t); var _n = 0, F = function F() {}; return { s: F, n: function n() { return _n >= r.length \? { done: !0 } : { done: !1, value: r[_n++] }; }, e: function e(r) { throw r; }, f: F }; } throw new TypeError(\"Invalid attempt to iterate non-iterable instance.\\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.\"); } var o, a = !0, u = !1; return { s: function s() { t = t.call(r); }, n: function n() { var r = t.next(); return a = r.done, r; }, e: function e(r) { u = !0, o = r; }, f: function f() { try { a || null == t.return || t.return(); } finally { if (u) throw o; } } }; }\n"
	    "function _unsupportedIterableToArray(r, a) { if (r) { if (\"string\" == typeof r) return _arrayLikeToArray(r, a); var t = {}.toString.call(r).slice(8, -1); return \"Object\" === t && r.constructor && (t = r.constructor.name), \"Map\" === t || \"Set\" === t \? Array.from(r) : \"Arguments\" === t || /^(\?:Ui|I)nt(\?:8|16|32)(\?:Clamped)\?Array$/.test(t) \? _arrayLikeToArray(r, a) : void 0; } }\n"
	    "function _arrayLikeToArray(r, a) { (null == a || a > r.length) && (a = r.length); for (var e = 0, n = Array(a); e < a; e++) n[e] = r[e]; return n; }\n"
	    "var out = [];\n"
	    "var _iterator = _createForOfIteratorHelper(['x', 'y'].entries()),\n"
	    "  _step;\n"
	    "try {\n"
	    "  for (_iterator.s(); !(_step = _iterator.n()).done;) {\n"
	    "    var _step$value = _slicedToArray(_step.value, 2),\n"
	    "      i = _step$value[0],\n"
	    "      v = _step$value[1];\n"
	    "    out.push(i + v);\n"
	    "  }\n"
	    "} catch (err) {\n"
	    "  _iterator.e(err);\n"
	    "} finally {\n"
	    "  _iterator.f();\n"
	    "}\n"
	    "var result = out;\n"
	    "return result;\n"
	    "})()",
	    "object [\"0x\",\"1y\"]" },
	{ "(function () {\n"
	    "function _toConsumableArray(r) { var a = _iterableToArray(r); return a === r \? _arrayLikeToArray(r) : a || _unsupportedIterableToArray(r) || _nonIterableSpread(); }\n"
	    "function _nonIterableSpread() { throw new TypeError(\"Invalid attempt to spread non-iterable instance.\\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.\"); }\n"
	    "function _unsupportedIterableToArray(r, a) { if (r) { if (\"string\" == typeof r) return _arrayLikeToArray(r, a); var t = {}.toString.call(r).slice(8, -1); return \"Object\" === t && r.constructor && (t = r.constructor.name), \"Map\" === t || \"Set\" === t \? Array.from(r) : \"Arguments\" === t || /^(\?:Ui|I)nt(\?:8|16|32)(\?:Clamped)\?Array$/.test(t) \? _arrayLikeToArray(r, a) : void 0; } }\n"
	    "function _iterableToArray(r) { var e = \"undefined\" != typeof Symbol && r[Symbol.iterator] || r[\"@@iterator\"]; if (Array.isArray(r) && (null == e || e === (\"undefined\" != typeof Symbol && [][Symbol.iterator]) || e === [][\"@@iterator\"])) return r; if (null != e) { for (var t, o = [], a = e.call(r); !(t = a.next()).done;) o.push(t.value); return o; } }\n"
	    "function _arrayLikeToArray(r, a) { (null == a || a > r.length) && (a = r.length); for (var e = 0, n = Array(a); e < a; e++) n[e] = r[e]; return n; }\n"
	    "var m = new Map();\n"
	    "m.set('a', 1);\n"
	    "var copy = new Map(m);\n"
	    "copy.set('b', 2);\n"
	    "var result = [m.size, copy.size, _toConsumableArray(copy.keys())];\n"
	    "return result;\n"
	    "})()",
	    "object [1,2,[\"a\",\"b\"]]" },
	{ "(function () {\n"
	    "var obj = Object.fromEntries(new Map([['z', 26]]));\n"
	    "var result = obj;\n"
	    "return result;\n"
	    "})()",
	    "object {\"z\":26}" },
	{ "(function () {\n"
	    "function _regenerator() { var e, t, r = \"function\" == typeof Symbol \? Symbol : {}, n = r.iterator || \"@@iterator\", o = r.toStringTag || \"@@toStringTag\"; function i(r, n, o, i) { var c = n && n.prototype instanceof Generator \? n : Generator, u = Object.create(c.prototype); return _regeneratorDefine2(u, \"_invoke\", function (r, n, o) { var i, c, u, f = 0, p = o || [], y = !1, G = { p: 0, n: 0, v: e, a: d, f: d.bind(e, 4), d: function d(t, r) { return i = t, c = 0, u = e, G.n = r, a; } }; function d(r, n) { for (c = r, u = n, t = 0; !y && f && !o && t < p.length; t++) { var o, i = p[t], d = G.p, l = i[2]; r > 3 \? (o = l === n) && (u = i[(c = i[4]) \? 5 : (c = 3, 3)], i[4] = i[5] = e) : i[0] <= d && ((o = r < 2 && d < i[1]) \? (c = 0, G.v = n, G.n = i[1]) : d < l && (o = r < 3 || i[0] > n || n > l) && (i[4] = r, i[5] = n, G.n = l, c = 0)); } if (o || r > 1) return a; throw y = !0, n; } return function (o, p, l) { if (f > 1) throw TypeError(\"Generator is already running\"); for (y && 1 === p && d(p, l), c = p, u = l; (t = c < 2 \? e : u) || !y;) { i || (c \? (c > 1 && (G.n = c < 3 \? -1 : u), d(c, u)) : G.v = u); try { if (f = 2, i) { if (c || (o = \"next\"), t = i[o]) { if (!(t = t.call(i, u))) throw TypeError(\"iterator result is not an object\"); if (!t.done) return t; u = t.value, c < 2 && (c = 0); } else 1 === c && (t = i.return) && t.call(i), c < 2 && (u = TypeError(\"The iterator does not provide a '\" + o + \"' method\"), c = 1); i = e; } else if ((t = (y = G.n < 0) \? u : r.call(n, G)) !== a) break; } catch (t) { i = e, c = 1, u = t; } finally { f = 1; } } return { value: t, done: y }; }; }(r, o, i), !0), u; } var a = {}; function Generator() {} function GeneratorFunction() {} function GeneratorFunctionPrototype() {} t = Object.getPrototypeOf; var c = [][n] \? t(t([][n]())) : (_regeneratorDefine2(t = {}, n, function () { return this; }), t), u = GeneratorFunctionPrototype.prototype = Generator.prototype = Object.create(c); function f(e) { return Object.setPrototypeOf \? Object.setPrototypeOf(e, GeneratorFunctionPrototype) : (e.__proto__ = GeneratorFunctionPrototype, _regeneratorDefine2(e, o, \"GeneratorFunction\")), e.prototype = Object.create(u), e; } return GeneratorFunction.prototype = GeneratorFunctionPrototype, _regeneratorDefine2(u, \"constructor\", GeneratorFunctionPrototype), _regeneratorDefine2(GeneratorFunctionPrototype, \"constructor\", GeneratorFunction), GeneratorFunction.displayName = \"GeneratorFunction\", _regeneratorDefine2(GeneratorFunctionPrototype, o, \"GeneratorFunction\"), _regeneratorDefine2(u), _regeneratorDefine2(u, o, \"Generator\"), _regeneratorDefine2(u, n, function () { return this; }), _regeneratorDefine2(u, \"toString\", function () { return \"[object Generator]\"; }), (_regenerator = function _regenerator() { return { w: i, m: f }; })(); }\n"
	    "function _regeneratorDefine2(e, r, n, t) { var i = Object.defineProperty; try { i({}, \"\", {}); } catch (e) { i = 0; } _regeneratorDefine2 = function _regeneratorDefine(e, r, n, t) { function o(r, n) { _regeneratorDefine2(e, r, function (e) { return this._invoke(r, n, e); }); } r \? i \? i(e, r, { value: n, enumerable: !t, configurable: !t, writable: !t }) : e[r] = n : (o(\"next\", 0), o(\"throw\", 1), o(\"return\", 2)); }, _regeneratorDefine2(e, r, n, t); }\n"
	    "function _typeof(o) { \"@babel/helpers - typeof\"; return _typeof = \"function\" == typeof Symbol && \"symbol\" == typeof Symbol.iterator \? function (o) { return typeof o; } : function (o) { return o && \"function\" == typeof Symbol && o.constructor === Symbol && o !== Symbol.prototype \? \"symbol\" : typeof o; }, _typeof(o); }\n"
	    "function asyncGeneratorStep(n, t, e, r, o, a, c) { try { var i = n[a](c), u = i.value; } catch (n) { return void e(n); } i.done \? t(u) : Promise.resolve(u).then(r, o); }\n"
	    "function _asyncToGenerator(n) { return function () { var t = this, e = arguments; return new Promise(function (r, o) { var a = n.apply(t, e); function _next(n) { asyncGeneratorStep(a, r, o, _next, _throw, \"next\", n); } function _throw(n) { asyncGeneratorStep(a, r, o, _next, _throw, \"throw\", n); } _next(void 0); }); }; }\n"
	    "function f() {\n"
	    "  return _f.apply(this, arguments);\n"
	    "}\n"
	    "function _f() {\n"
	    "  _f = _asyncToGenerator(_regenerator().m(function _callee() {\n"
	    "    return _regenerator().w(function (_context) {\n"
	    "      while (1) switch (_context.n) {\n"
	    "        case 0:\n"
	    "          return _context.a(2, 1);\n"
	    "      }\n"
	    "    }, _callee);\n"
	    "  }));\n"
	    "  return _f.apply(this, arguments);\n"
	    "}\n"
	    "var result = _typeof(f().then);\n"
	    "return result;\n"
	    "})()",
	    "string function" },
	{ "(function () {\n"
	    "function _slicedToArray(r, e) { return _iterableToArrayLimit(r, e) || _unsupportedIterableToArray(r, e) || _nonIterableRest(); }\n"
	    "function _nonIterableRest() { throw new TypeError(\"Invalid attempt to destructure non-iterable instance.\\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.\"); }\n"
	    "function _iterableToArrayLimit(r, t) { var e = null == r \? null : \"undefined\" != typeof Symbol && r[Symbol.iterator] || r[\"@@iterator\"]; if (Array.isArray(r) && (null == e || e === (\"undefined\" != typeof Symbol && [][Symbol.iterator]) || e === [][\"@@iterator\"])) return r; if (null != e) { var l, n, i, a, u = [], o = !0, f = !1; try { if (i = (e = e.call(r)).next, 0 === t) { if (Object(e) !== e) return; o = !1; } else for (; !(o = (l = i.call(e)).done) && (u.push(l.value), u.length !== t); o = !0); } catch (r) { f = !0, n = r; } finally { try { if (!o && null != e.return && (a = e.return(), Object(a) !== a)) return; } finally { if (f) throw n; } } return u; } }\n"
	    "function _createForOfIteratorHelper(r, e) { var t = \"undefined\" != typeof Symbol && r[Symbol.iterator] || r[\"@@iterator\"]; if (!t) { if (Array.isArray(r) || (t = _unsupportedIterableToArray(r)) || e && r && \"number\" == typeof r.length) { t && (r = t); var _n = 0, F = function F() {}; return { s: F, n: function n() { return _n >= r.length \? { done: !0 } : { done: !1, value: r[_n++] }; }, e: function e(r) { throw r; }, f: F }; } throw new TypeError(\"Invalid attempt to iterate non-iterable instance.\\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.\"); } var o, a = !0, u = !1; return { s: function s() { t = t.call(r); }, n: function n() { var r = t.next(); return a = r.done, r; }, e: function e(r) { u = !0, o = r; }, f: function f() { try { a || null == t.return || t.return(); } finally { if (u) throw o; } } }; }\n"
	    "function _unsupportedIterableToArray(r, a) { if (r) { if (\"string\" == typeof r) return _arrayLikeToArray(r, a); var t = {}.toString.call(r).slice(8, -1); return \"Object\" === t && r.constructor && (t = r.constructor.name), \"Map\" === t || \"Set\" === t \? Array.from(r) : \"Arguments\" === t || /^(\?:Ui|I)nt(\?:8|16|32)(\?:Clamped)\?Array$/.test(t) \? _arrayLikeToArray(r, a) : void 0; } }\n"
	    "function _arrayLikeToArray(r, a) { (null == a || a > r.length) && (a = r.length); for (var e = 0, n = Array(a); e < a; e++) n[e] = r[e]; return n; }\n"
	    "var out = [];\n"
	    "var m = new Map([[1, 'a'], [2, 'b'], [3, 'c']]);\n"
	    "var _iterator = _createForOfIteratorHelper(m),\n"
	    "  _step;\n"
	    "try {\n"
	    "  for (_iterator.s(); !(_step = _iterator.n()).done;) {\n"
	    "    var _step$value = _slicedToArray(_step.value, 1),\n"
	    "      k = _step$value[0];\n"
	    "    out.push(k);\n"
	    "    if (k === 1) m.delete(2);\n"
	    "  }\n"
	    "} catch (err) {\n"
	    "  _iterator.e(err);\n"
	    "} finally {\n"
	    "  _iterator.f();\n"
	    "}\n"
	    "var result = out;\n"
	    "return result;\n"
	    "})()",
	    "object [1,3]" },
	{ "(function () {\n"
	    "function _slicedToArray(r, e) { return _iterableToArrayLimit(r, e) || _unsupportedIterableToArray(r, e) || _nonIterableRest(); }\n"
	    "function _nonIterableRest() { throw new TypeError(\"Invalid attempt to destructure non-iterable instance.\\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.\"); }\n"
	    "function _unsupportedIterableToArray(r, a) { if (r) { if (\"string\" == typeof r) return _arrayLikeToArray(r, a); var t = {}.toString.call(r).slice(8, -1); return \"Object\" === t && r.constructor && (t = r.constructor.name), \"Map\" === t || \"Set\" === t \? Array.from(r) : \"Arguments\" === t || /^(\?:Ui|I)nt(\?:8|16|32)(\?:Clamped)\?Array$/.test(t) \? _arrayLikeToArray(r, a) : void 0; } }\n"
	    "function _arrayLikeToArray(r, a) { (null == a || a > r.length) && (a = r.length); for (var e = 0, n = Array(a); e < a; e++) n[e] = r[e]; return n; }\n"
	    "function _iterableToArrayLimit(r, t) { var e = null == r \? null : \"undefined\" != typeof Symbol && r[Symbol.iterator] || r[\"@@iterator\"]; if (Array.isArray(r) && (null == e || e === (\"undefined\" != typeof Symbol && [][Symbol.iterator]) || e === [][\"@@iterator\"])) return r; if (null != e) { var l, n, i, a, u = [], o = !0, f = !1; try { if (i = (e = e.call(r)).next, 0 === t) { if (Object(e) !== e) return; o = !1; } else for (; !(o = (l = i.call(e)).done) && (u.push(l.value), u.length !== t); o = !0); } catch (r) { f = !0, n = r; } finally { try { if (!o && null != e.return && (a = e.return(), Object(a) !== a)) return; } finally { if (f) throw n; } } return u; } }\n"
	    "var result = Array.from(new Map([[1, 2]]), function (_ref) {\n"
	    "  var _ref2 = _slicedToArray(_ref, 2),\n"
	    "    k = _ref2[0],\n"
	    "    v = _ref2[1];\n"
	    "  return k + v;\n"
	    "});\n"
	    "return result;\n"
	    "})()",
	    "object [3]" },
	{ "(function () {\n"
	    "var _hey = 'hey',\n"
	    "  length = _hey.length,\n"
	    "  first = _hey[0];\n"
	    "var result = [length, first];\n"
	    "return result;\n"
	    "})()",
	    "object [3,\"h\"]" },
};
/* @generated end */

static void
test_cases(void)
{
	cases_table(runner_js, prelude_js, cases,
	    sizeof(cases) / sizeof(cases[0]));
}

/* What a new state has before and after the first use. */
static void
test_lazy(void)
{
	static const char *const checks[][2] = {
		{ "['Symbol', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Reflect']"
		    ".map(function (n) { return typeof Object.getOwnPropertyDescriptor"
		    "(globalThis, n).get; }).join()",
		    "string function,function,function,function,function,function" },
		{ "typeof Map + ' ' + typeof Object.getOwnPropertyDescriptor("
		    "globalThis, 'Map').value + ' ' + typeof Object"
		    ".getOwnPropertyDescriptor(globalThis, 'Reflect').get",
		    "string function function undefined" },
		{ "Object.keys(globalThis).filter(function (n) { return /^(Symbol|"
		    "Map|Set|WeakMap|WeakSet|Reflect)$/.test(n); }).length",
		    "number 0" },
		{ "(function () { Set = 'mine'; return [Set, typeof new WeakSet()]; })()",
		    "object [\"mine\",\"object\"]" },
	};
	struct budget mem;
	struct buf out;
	js_State *J;
	size_t i;

	buf_init(&out);
	if ((J = cases_state(&mem, runner_js, "")) == NULL) {
		ok(0, "a state");
		return;
	}
	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
		is_str(cases_run(J, checks[i][0], &out), checks[i][1], checks[i][0]);
	js_freestate(J);

	/* a function that defines Map before reading it keeps its own */
	if ((J = cases_state(&mem, runner_js, "")) == NULL) {
		ok(0, "a state");
		return;
	}
	is_str(cases_run(J, "(function () { Map = function Mine() {}; "
	    "return [Map === Object.getOwnPropertyDescriptor(globalThis, 'Map')"
	    ".value && Map.length === 0 ? 'Mine' : 'replaced', typeof new Set().add, typeof Symbol.iterator]; })()",
	    &out), "object [\"Mine\",\"function\",\"symbol\"]",
	    "an assigned Map stays when the others load");
	js_freestate(J);
	buf_free(&out);
}

/* A collection's memory is the state's: memory_limit counts it. */
static void
test_budget(void)
{
	struct budget mem;
	struct buf out;
	js_State *J;

	buf_init(&out);
	if ((J = cases_state(&mem, runner_js, "")) == NULL) {
		ok(0, "a state");
		return;
	}
	mem.limit = mem.used + 4 * 1024 * 1024;
	is_str(cases_run(J, "(function () { var m = new Map(), i; try { for "
	    "(i = 0; ; i++) m.set('key number ' + i, i); } catch (e) { return "
	    "[String(e), m.size > 1000, m.get('key number 7')]; } })()", &out),
	    "object [\"out of memory\",true,7]",
	    "a Map past memory_limit throws, and stays usable");
	js_freestate(J);
	buf_free(&out);
}

int
main(void)
{
	test_cases();
	test_lazy();
	test_budget();
	return tap_done();
}
