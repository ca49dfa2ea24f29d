// proto-cases.js: the cases of tests/unit/js/test_proto.c
// (Object.setPrototypeOf, Reflect.setPrototypeOf and
// Object.prototype.__proto__, js/proto.c), with what Node 20 answers for
// each; see node-cases.js.  The class programs are ES2015 classes as SWC
// and Babel compile them, their helpers written out, so that neither is
// needed to regenerate the table:
//
//   node tests/unit/js/proto-cases.js --update tests/unit/js/test_proto.c
'use strict';

/* SWC's helpers (Babel's are the same functions) for class B extends A. */
var helpers = [
	"function _setPrototypeOf(o, p) { _setPrototypeOf = Object.setPrototypeOf || function (o, p) { o.__proto__ = p; return o; }; return _setPrototypeOf(o, p); }",
	"function _getPrototypeOf(o) { _getPrototypeOf = Object.setPrototypeOf ? Object.getPrototypeOf : function (o) { return o.__proto__ || Object.getPrototypeOf(o); }; return _getPrototypeOf(o); }",
	"function _inherits(subClass, superClass) { if (typeof superClass !== 'function' && superClass !== null) throw new TypeError('Super expression must either be null or a function'); subClass.prototype = Object.create(superClass && superClass.prototype, { constructor: { value: subClass, writable: true, configurable: true } }); if (superClass) _setPrototypeOf(subClass, superClass); }",
	"function _classCallCheck(instance, Constructor) { if (!(instance instanceof Constructor)) throw new TypeError('Cannot call a class as a function'); }",
	"function _createSuper(Derived) { return function () { var Super = _getPrototypeOf(Derived), result = Super.apply(this, arguments); return result !== null && typeof result === 'object' ? result : this; }; }",
	/* class A { constructor(x) { this.x = x; } static g() { return 'A.g:' + this.id; } (A.id = 'A') hi() { return 'A'; } } */
	"var A = function () { function A(x) { _classCallCheck(this, A); this.x = x; } A.prototype.hi = function () { return 'A'; }; A.g = function () { return 'A.g:' + this.id; }; A.id = 'A'; A.count = 1; return A; }();",
	/* class B extends A { constructor(x) { super(x + 1); } static f() { return 'B.f'; } (B.id = 'B') hi() { return super.hi() + 'B'; } } */
	"var B = function (_A) { _inherits(B, _A); var _super = _createSuper(B); function B(x) { _classCallCheck(this, B); return _super.call(this, x + 1); } B.prototype.hi = function () { return _get(_getPrototypeOf(B.prototype), 'hi', this).call(this) + 'B'; }; B.f = function () { return 'B.f'; }; B.id = 'B'; return B; }(A);",
	"function _get(target, property, receiver) { var d = Object.getOwnPropertyDescriptor(target, property); for (var o = target; !d && (o = Object.getPrototypeOf(o)); ) d = Object.getOwnPropertyDescriptor(o, property); return d.get ? d.get.call(receiver) : d.value; }",
	/* markdown-it's callable wrapper: an instance that can be called */
	"function Renderer(tag) { this.tag = tag; } Renderer.prototype.render = function (s) { return '<' + this.tag + '>' + s; };",
	"function callable(obj) { var wrapper = function (s) { return wrapper.render(s); }; Object.setPrototypeOf(wrapper, Object.getPrototypeOf(obj)); Object.getOwnPropertyNames(obj).forEach(function (k) { wrapper[k] = obj[k]; }); return wrapper; }"
].join('\n');

var cases = [
	// Object.setPrototypeOf: the change, seen by every reader
	"(function () { var b = { x: 1 }, a = {}; var r = Object.setPrototypeOf(a, b); return [r === a, a.x, 'x' in a, a.hasOwnProperty('x'), Object.getPrototypeOf(a) === b, b.isPrototypeOf(a), Object.prototype.isPrototypeOf(a)]; })()",
	"(function () { function P() {} function Q() {} var o = new P(); Object.setPrototypeOf(o, Q.prototype); return [o instanceof Q, o instanceof P, o.constructor === Q]; })()",
	"(function () { var o = { own: 1 }; Object.setPrototypeOf(o, null); return [Object.getPrototypeOf(o), typeof o.toString, 'toString' in o, o.own, Object.keys(o)]; })()",
	"(function () { var o = Object.create(null); Object.setPrototypeOf(o, { y: 2 }); return [o.y, Object.prototype.hasOwnProperty.call(o, 'y')]; })()",
	"(function () { var a = { x: 'a' }, b = { x: 'b' }, o = {}; Object.setPrototypeOf(o, a); Object.setPrototypeOf(o, b); return [o.x, a.isPrototypeOf(o)]; })()",
	"(function () { var g = { deep: 1 }, p = Object.create(g), o = {}; Object.setPrototypeOf(o, p); p.mid = 2; return [o.deep, o.mid, g.isPrototypeOf(o)]; })()",
	"(function () { var a = [1, 2, 3]; Object.setPrototypeOf(a, { sum: function () { return this[0] + this[1] + this[2]; } }); a.push = undefined; return [Array.isArray(a), a.length, a.sum(), typeof a.map]; })()",
	"(function () { function f() { return 'called'; } Object.setPrototypeOf(f, { extra: 5 }); return [f(), f.extra, typeof f.call, typeof f]; })()",
	"(function () { var k = [], o = { own: 1 }; Object.setPrototypeOf(o, { inherited: 2 }); for (var n in o) k.push(n); return k.sort(); })()",
	"(function () { var p = { a: 1 }, o = Object.create(p), k = []; for (var n in o) { k.push(n); Object.setPrototypeOf(o, { b: 2 }); } return [k, o.b, o.a]; })()",
	"(function () { var o = {}; Object.setPrototypeOf(o, Array.prototype); return [o instanceof Array, Array.isArray(o), typeof o.push]; })()",
	"(function () { var s = {}; Object.setPrototypeOf(s, { set v(x) { this.got = x; }, get w() { return this.got * 2; } }); s.v = 4; return [s.got, s.w, s.hasOwnProperty('got')]; })()",
	"Object.setPrototypeOf(1, {})",
	"Object.setPrototypeOf('s', null)",
	"Object.setPrototypeOf(true, Object.prototype)",
	"Object.setPrototypeOf.length + ' ' + Object.keys(Object).indexOf('setPrototypeOf')",
	"Object.setPrototypeOf(Object.preventExtensions({}), Object.prototype) !== null",
	"Object.setPrototypeOf(Object.prototype, null) === Object.prototype",
	"(function () { var o = Object.freeze({ a: 1 }), p = Object.getPrototypeOf(o); return Object.setPrototypeOf(o, p) === o; })()",
	// the bad paths
	"Object.setPrototypeOf(null, {})",
	"Object.setPrototypeOf(undefined, {})",
	"Object.setPrototypeOf()",
	"Object.setPrototypeOf({}, 1)",
	"Object.setPrototypeOf({})",
	"Object.setPrototypeOf({}, 'x')",
	"Object.setPrototypeOf({}, true)",
	"Object.setPrototypeOf(1, 2)",
	"Object.setPrototypeOf(Object.preventExtensions({}), {})",
	"Object.setPrototypeOf(Object.freeze([]), {})",
	"Object.setPrototypeOf(Object.seal({}), null)",
	"(function () { var a = {}; Object.setPrototypeOf(a, a); })()",
	"(function () { var a = {}, b = Object.create(a), c = Object.create(b); Object.setPrototypeOf(a, c); })()",
	"(function () { var a = {}, b = Object.create(a); try { Object.setPrototypeOf(a, b); } catch (e) {} return [Object.getPrototypeOf(a) === Object.prototype, a.nothing, b.nothing]; })()",
	"Object.setPrototypeOf(Object.prototype, {})",
	"(function () { var o = Object.preventExtensions({}); try { Object.setPrototypeOf(o, { x: 1 }); } catch (e) {} return [o.x, Object.getPrototypeOf(o) === Object.prototype]; })()",
	// Reflect.setPrototypeOf: false where Object.setPrototypeOf throws
	"(function () { var o = {}, p = { r: 1 }; return [Reflect.setPrototypeOf(o, p), o.r, Reflect.setPrototypeOf(o, null), Object.getPrototypeOf(o)]; })()",
	"[Reflect.setPrototypeOf(Object.preventExtensions({}), {}), Reflect.setPrototypeOf(Object.preventExtensions({}), Object.prototype)]",
	"(function () { var a = {}, b = Object.create(a); return [Reflect.setPrototypeOf(a, b), Reflect.setPrototypeOf(a, a), Reflect.setPrototypeOf(Object.prototype, {}), Reflect.setPrototypeOf(Object.prototype, null)]; })()",
	"Reflect.setPrototypeOf({}, Object.prototype)",
	"Reflect.setPrototypeOf(1, {})",
	"Reflect.setPrototypeOf({}, 1)",
	"Reflect.setPrototypeOf({})",
	// __proto__
	"(function () { var o = {}; return [o.__proto__ === Object.prototype, [].__proto__ === Array.prototype, (5).__proto__ === Number.prototype, 'x'.__proto__ === String.prototype]; })()",
	"(function () { var p = { q: 1 }, o = {}; o.__proto__ = p; return [o.q, Object.getPrototypeOf(o) === p, o.hasOwnProperty('__proto__'), Object.keys(o)]; })()",
	"(function () { var o = { __proto__: { lit: 1 }, own: 2 }; return [o.lit, Object.keys(o), o.hasOwnProperty('__proto__')]; })()",
	"(function () { var o = {}; o.__proto__ = 5; o.__proto__ = 'x'; o.__proto__ = undefined; return [Object.getPrototypeOf(o) === Object.prototype, Object.keys(o)]; })()",
	"(function () { var o = {}; o.__proto__ = null; return [Object.getPrototypeOf(o), o.__proto__, 'toString' in o]; })()",
	"(function () { var o = Object.create(null); o.__proto__ = { a: 1 }; return [o.a, Object.keys(o), Object.getPrototypeOf(o), typeof o.__proto__]; })()",
	"(function () { var o = Object.create(null); return [o.__proto__, '__proto__' in o]; })()",
	"(function () { var d = Object.getOwnPropertyDescriptor(Object.prototype, '__proto__'); return [typeof d.get, typeof d.set, d.enumerable, d.configurable, d.set.length, d.get.length]; })()",
	"(function () { var k = []; for (var n in {}) k.push(n); return [k, Object.keys(Object.prototype), JSON.stringify({ a: 1 }), '__proto__' in {}, ({}).hasOwnProperty('__proto__')]; })()",
	"(function () { var o = Object.preventExtensions({}); o.__proto__ = {}; })()",
	"(function () { var a = {}, b = Object.create(a); a.__proto__ = b; })()",
	"Object.getOwnPropertyDescriptor(Object.prototype, '__proto__').get.call(null)",
	"Object.getOwnPropertyDescriptor(Object.prototype, '__proto__').set.call(undefined, {})",
	"Object.getOwnPropertyDescriptor(Object.prototype, '__proto__').set.call(1, {})",
	"Object.prototype.__proto__ = {}",
	// JSON keeps "__proto__" as data, as Node's does
	"(function () { var o = JSON.parse('{\"__proto__\": {\"admin\": true}, \"b\": 1}'); return [o.admin, Object.keys(o), Object.getPrototypeOf(o) === Object.prototype, typeof o.__proto__, o.__proto__.admin]; })()",
	"(function () { var o = JSON.parse('{\"a\": {\"__proto__\": 5}}', function (k, v) { return v; }); return [Object.keys(o.a), o.a.__proto__]; })()",
	"(function () { var o = JSON.parse('{\"x\": 1}', function (k, v) { if (k === 'x') this.__proto__ = { fromReviver: 1 }; return v; }); return [o.fromReviver, Object.keys(o)]; })()",
	"(function () { var o = JSON.parse('{\"__proto__\": {\"admin\": true}}'); var t = {}; Object.keys(o).forEach(function (k) { t[k] = o[k]; }); return [t.admin, Object.keys(t)]; })()",
	// compiled classes: SWC's and Babel's helpers
	"(function () { var b = new B(1); return [b.x, b.hi(), b instanceof B, b instanceof A, B.f(), B.g(), B.count, Object.getPrototypeOf(B) === A, A.isPrototypeOf(B)]; })()",
	"(function () { return [B.hasOwnProperty('g'), 'g' in B, typeof B.call, B.id, A.id, Object.getPrototypeOf(B.prototype) === A.prototype]; })()",
	"(function () { var C = function (_B) { _inherits(C, _B); var _super = _createSuper(C); function C() { _classCallCheck(this, C); return _super.call(this, 10); } C.h = function () { return 'C.h'; }; C.id = 'C'; return C; }(B); var c = new C(); return [c.x, c.hi(), C.f(), C.g(), C.h(), c instanceof A]; })()",
	"(function () { var N = function (_N) { _inherits(N, _N); function N() {} return N; }(null); return [Object.getPrototypeOf(N) === Function.prototype, Object.getPrototypeOf(N.prototype)]; })()",
	"(function () { function X() {} _inherits(X, 5); })()",
	"B(1)",
	// markdown-it's callable pattern
	"(function () { var r = callable(new Renderer('p')); return [r('hi'), r.tag, typeof r, r instanceof Renderer, typeof r.call]; })()",
	// what existed before, still right
	"[Object.getPrototypeOf([]) === Array.prototype, Object.getPrototypeOf(Object.create(null)), Object.getPrototypeOf(function () {}) === Function.prototype]",
	"(function () { var o = {}; o.__defineGetter__('g', function () { return 1; }); return [o.g, o.__lookupGetter__('g')()]; })()"
];

require('./node-cases.js').main(cases, helpers, { require: require });
