/*
 * proto: Object.setPrototypeOf, Reflect.setPrototypeOf and
 * Object.prototype.__proto__ (js/proto.c, and js_setproperty in
 * js/interpose.c), each case compared with what Node 20 gives, compiled
 * classes and markdown-it's callable wrapper among them.  The table is
 * the output of `node tests/unit/js/proto-cases.js` (CI has no Node).
 * Then what Node cannot say: the probe passes on this libmujs, and a
 * request body's "__proto__" stays data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "js/body_json.h"
#include "js/proto.h"

/* @generated begin: by node v20.20.2 */
#include "node-runner.h"
static const char prelude_js[] =
	"function _setPrototypeOf(o, p) { _setPrototypeOf = Object.setPrototypeOf || function (o, p) { o.__proto__ = p; return o; }; return _setPrototypeOf(o, p); }\n"
	    "function _getPrototypeOf(o) { _getPrototypeOf = Object.setPrototypeOf \? Object.getPrototypeOf : function (o) { return o.__proto__ || Object.getPrototypeOf(o); }; return _getPrototypeOf(o); }\n"
	    "function _inherits(subClass, superClass) { if (typeof superClass !== 'function' && superClass !== null) throw new TypeError('Super expression must either be null or a function'); subClass.prototype = Object.create(superClass && superClass.prototype, { constructor: { value: subClass, writable: true, configurable: true } }); if (superClass) _setPrototypeOf(subClass, superClass); }\n"
	    "function _classCallCheck(instance, Constructor) { if (!(instance instanceof Constructor)) throw new TypeError('Cannot call a class as a function'); }\n"
	    "function _createSuper(Derived) { return function () { var Super = _getPrototypeOf(Derived), result = Super.apply(this, arguments); return result !== null && typeof result === 'object' \? result : this; }; }\n"
	    "var A = function () { function A(x) { _classCallCheck(this, A); this.x = x; } A.prototype.hi = function () { return 'A'; }; A.g = function () { return 'A.g:' + this.id; }; A.id = 'A'; A.count = 1; return A; }();\n"
	    "var B = function (_A) { _inherits(B, _A); var _super = _createSuper(B); function B(x) { _classCallCheck(this, B); return _super.call(this, x + 1); } B.prototype.hi = function () { return _get(_getPrototypeOf(B.prototype), 'hi', this).call(this) + 'B'; }; B.f = function () { return 'B.f'; }; B.id = 'B'; return B; }(A);\n"
	    "function _get(target, property, receiver) { var d = Object.getOwnPropertyDescriptor(target, property); for (var o = target; !d && (o = Object.getPrototypeOf(o)); ) d = Object.getOwnPropertyDescriptor(o, property); return d.get \? d.get.call(receiver) : d.value; }\n"
	    "function Renderer(tag) { this.tag = tag; } Renderer.prototype.render = function (s) { return '<' + this.tag + '>' + s; };\n"
	    "function callable(obj) { var wrapper = function (s) { return wrapper.render(s); }; Object.setPrototypeOf(wrapper, Object.getPrototypeOf(obj)); Object.getOwnPropertyNames(obj).forEach(function (k) { wrapper[k] = obj[k]; }); return wrapper; }\n";
static const struct node_case cases[] = {
	{ "(function () { var b = { x: 1 }, a = {}; var r = Object.setPrototypeOf(a, b); return [r === a, a.x, 'x' in a, a.hasOwnProperty('x'), Object.getPrototypeOf(a) === b, b.isPrototypeOf(a), Object.prototype.isPrototypeOf(a)]; })()",
	    "object [true,1,true,false,true,true,true]" },
	{ "(function () { function P() {} function Q() {} var o = new P(); Object.setPrototypeOf(o, Q.prototype); return [o instanceof Q, o instanceof P, o.constructor === Q]; })()",
	    "object [true,false,true]" },
	{ "(function () { var o = { own: 1 }; Object.setPrototypeOf(o, null); return [Object.getPrototypeOf(o), typeof o.toString, 'toString' in o, o.own, Object.keys(o)]; })()",
	    "object [null,\"undefined\",false,1,[\"own\"]]" },
	{ "(function () { var o = Object.create(null); Object.setPrototypeOf(o, { y: 2 }); return [o.y, Object.prototype.hasOwnProperty.call(o, 'y')]; })()",
	    "object [2,false]" },
	{ "(function () { var a = { x: 'a' }, b = { x: 'b' }, o = {}; Object.setPrototypeOf(o, a); Object.setPrototypeOf(o, b); return [o.x, a.isPrototypeOf(o)]; })()",
	    "object [\"b\",false]" },
	{ "(function () { var g = { deep: 1 }, p = Object.create(g), o = {}; Object.setPrototypeOf(o, p); p.mid = 2; return [o.deep, o.mid, g.isPrototypeOf(o)]; })()",
	    "object [1,2,true]" },
	{ "(function () { var a = [1, 2, 3]; Object.setPrototypeOf(a, { sum: function () { return this[0] + this[1] + this[2]; } }); a.push = undefined; return [Array.isArray(a), a.length, a.sum(), typeof a.map]; })()",
	    "object [true,3,6,\"undefined\"]" },
	{ "(function () { function f() { return 'called'; } Object.setPrototypeOf(f, { extra: 5 }); return [f(), f.extra, typeof f.call, typeof f]; })()",
	    "object [\"called\",5,\"undefined\",\"function\"]" },
	{ "(function () { var k = [], o = { own: 1 }; Object.setPrototypeOf(o, { inherited: 2 }); for (var n in o) k.push(n); return k.sort(); })()",
	    "object [\"inherited\",\"own\"]" },
	{ "(function () { var p = { a: 1 }, o = Object.create(p), k = []; for (var n in o) { k.push(n); Object.setPrototypeOf(o, { b: 2 }); } return [k, o.b, o.a]; })()",
	    "object [[\"a\"],2,undefined]" },
	{ "(function () { var o = {}; Object.setPrototypeOf(o, Array.prototype); return [o instanceof Array, Array.isArray(o), typeof o.push]; })()",
	    "object [true,false,\"function\"]" },
	{ "(function () { var s = {}; Object.setPrototypeOf(s, { set v(x) { this.got = x; }, get w() { return this.got * 2; } }); s.v = 4; return [s.got, s.w, s.hasOwnProperty('got')]; })()",
	    "object [4,8,true]" },
	{ "Object.setPrototypeOf(1, {})",
	    "number 1" },
	{ "Object.setPrototypeOf('s', null)",
	    "string s" },
	{ "Object.setPrototypeOf(true, Object.prototype)",
	    "boolean true" },
	{ "Object.setPrototypeOf.length + ' ' + Object.keys(Object).indexOf('setPrototypeOf')",
	    "string 2 -1" },
	{ "Object.setPrototypeOf(Object.preventExtensions({}), Object.prototype) !== null",
	    "boolean true" },
	{ "Object.setPrototypeOf(Object.prototype, null) === Object.prototype",
	    "boolean true" },
	{ "(function () { var o = Object.freeze({ a: 1 }), p = Object.getPrototypeOf(o); return Object.setPrototypeOf(o, p) === o; })()",
	    "boolean true" },
	{ "Object.setPrototypeOf(null, {})",
	    "throws TypeError: Object.setPrototypeOf called on null or undefined" },
	{ "Object.setPrototypeOf(undefined, {})",
	    "throws TypeError: Object.setPrototypeOf called on null or undefined" },
	{ "Object.setPrototypeOf()",
	    "throws TypeError: Object.setPrototypeOf called on null or undefined" },
	{ "Object.setPrototypeOf({}, 1)",
	    "throws TypeError: Object prototype may only be an Object or null: 1" },
	{ "Object.setPrototypeOf({})",
	    "throws TypeError: Object prototype may only be an Object or null: undefined" },
	{ "Object.setPrototypeOf({}, 'x')",
	    "throws TypeError: Object prototype may only be an Object or null: x" },
	{ "Object.setPrototypeOf({}, true)",
	    "throws TypeError: Object prototype may only be an Object or null: true" },
	{ "Object.setPrototypeOf(1, 2)",
	    "throws TypeError: Object prototype may only be an Object or null: 2" },
	{ "Object.setPrototypeOf(Object.preventExtensions({}), {})",
	    "throws TypeError: #<Object> is not extensible" },
	{ "Object.setPrototypeOf(Object.freeze([]), {})",
	    "throws TypeError: [object Array] is not extensible" },
	{ "Object.setPrototypeOf(Object.seal({}), null)",
	    "throws TypeError: #<Object> is not extensible" },
	{ "(function () { var a = {}; Object.setPrototypeOf(a, a); })()",
	    "throws TypeError: Cyclic __proto__ value" },
	{ "(function () { var a = {}, b = Object.create(a), c = Object.create(b); Object.setPrototypeOf(a, c); })()",
	    "throws TypeError: Cyclic __proto__ value" },
	{ "(function () { var a = {}, b = Object.create(a); try { Object.setPrototypeOf(a, b); } catch (e) {} return [Object.getPrototypeOf(a) === Object.prototype, a.nothing, b.nothing]; })()",
	    "object [true,undefined,undefined]" },
	{ "Object.setPrototypeOf(Object.prototype, {})",
	    "throws TypeError: Immutable prototype object 'Object.prototype' cannot have their prototype set" },
	{ "(function () { var o = Object.preventExtensions({}); try { Object.setPrototypeOf(o, { x: 1 }); } catch (e) {} return [o.x, Object.getPrototypeOf(o) === Object.prototype]; })()",
	    "object [undefined,true]" },
	{ "(function () { var o = {}, p = { r: 1 }; return [Reflect.setPrototypeOf(o, p), o.r, Reflect.setPrototypeOf(o, null), Object.getPrototypeOf(o)]; })()",
	    "object [true,1,true,null]" },
	{ "[Reflect.setPrototypeOf(Object.preventExtensions({}), {}), Reflect.setPrototypeOf(Object.preventExtensions({}), Object.prototype)]",
	    "object [false,true]" },
	{ "(function () { var a = {}, b = Object.create(a); return [Reflect.setPrototypeOf(a, b), Reflect.setPrototypeOf(a, a), Reflect.setPrototypeOf(Object.prototype, {}), Reflect.setPrototypeOf(Object.prototype, null)]; })()",
	    "object [false,false,false,true]" },
	{ "Reflect.setPrototypeOf({}, Object.prototype)",
	    "boolean true" },
	{ "Reflect.setPrototypeOf(1, {})",
	    "throws TypeError: Reflect.setPrototypeOf called on non-object" },
	{ "Reflect.setPrototypeOf({}, 1)",
	    "throws TypeError: Object prototype may only be an Object or null: 1" },
	{ "Reflect.setPrototypeOf({})",
	    "throws TypeError: Object prototype may only be an Object or null: undefined" },
	{ "(function () { var o = {}; return [o.__proto__ === Object.prototype, [].__proto__ === Array.prototype, (5).__proto__ === Number.prototype, 'x'.__proto__ === String.prototype]; })()",
	    "object [true,true,true,true]" },
	{ "(function () { var p = { q: 1 }, o = {}; o.__proto__ = p; return [o.q, Object.getPrototypeOf(o) === p, o.hasOwnProperty('__proto__'), Object.keys(o)]; })()",
	    "object [1,true,false,[]]" },
	{ "(function () { var o = { __proto__: { lit: 1 }, own: 2 }; return [o.lit, Object.keys(o), o.hasOwnProperty('__proto__')]; })()",
	    "object [1,[\"own\"],false]" },
	{ "(function () { var o = {}; o.__proto__ = 5; o.__proto__ = 'x'; o.__proto__ = undefined; return [Object.getPrototypeOf(o) === Object.prototype, Object.keys(o)]; })()",
	    "object [true,[]]" },
	{ "(function () { var o = {}; o.__proto__ = null; return [Object.getPrototypeOf(o), o.__proto__, 'toString' in o]; })()",
	    "object [null,undefined,false]" },
	{ "(function () { var o = Object.create(null); o.__proto__ = { a: 1 }; return [o.a, Object.keys(o), Object.getPrototypeOf(o), typeof o.__proto__]; })()",
	    "object [undefined,[\"__proto__\"],null,\"object\"]" },
	{ "(function () { var o = Object.create(null); return [o.__proto__, '__proto__' in o]; })()",
	    "object [undefined,false]" },
	{ "(function () { var d = Object.getOwnPropertyDescriptor(Object.prototype, '__proto__'); return [typeof d.get, typeof d.set, d.enumerable, d.configurable, d.set.length, d.get.length]; })()",
	    "object [\"function\",\"function\",false,true,1,0]" },
	{ "(function () { var k = []; for (var n in {}) k.push(n); return [k, Object.keys(Object.prototype), JSON.stringify({ a: 1 }), '__proto__' in {}, ({}).hasOwnProperty('__proto__')]; })()",
	    "object [[],[],\"{\\u005c\"a\\u005c\":1}\",true,false]" },
	{ "(function () { var o = Object.preventExtensions({}); o.__proto__ = {}; })()",
	    "throws TypeError: #<Object> is not extensible" },
	{ "(function () { var a = {}, b = Object.create(a); a.__proto__ = b; })()",
	    "throws TypeError: Cyclic __proto__ value" },
	{ "Object.getOwnPropertyDescriptor(Object.prototype, '__proto__').get.call(null)",
	    "throws TypeError: Cannot convert undefined or null to object" },
	{ "Object.getOwnPropertyDescriptor(Object.prototype, '__proto__').set.call(undefined, {})",
	    "throws TypeError: set Object.prototype.__proto__ called on null or undefined" },
	{ "Object.getOwnPropertyDescriptor(Object.prototype, '__proto__').set.call(1, {})",
	    "undefined undefined" },
	{ "Object.prototype.__proto__ = {}",
	    "throws TypeError: Immutable prototype object 'Object.prototype' cannot have their prototype set" },
	{ "(function () { var o = JSON.parse('{\"__proto__\": {\"admin\": true}, \"b\": 1}'); return [o.admin, Object.keys(o), Object.getPrototypeOf(o) === Object.prototype, typeof o.__proto__, o.__proto__.admin]; })()",
	    "object [undefined,[\"__proto__\",\"b\"],true,\"object\",true]" },
	{ "(function () { var o = JSON.parse('{\"a\": {\"__proto__\": 5}}', function (k, v) { return v; }); return [Object.keys(o.a), o.a.__proto__]; })()",
	    "object [[\"__proto__\"],5]" },
	{ "(function () { var o = JSON.parse('{\"x\": 1}', function (k, v) { if (k === 'x') this.__proto__ = { fromReviver: 1 }; return v; }); return [o.fromReviver, Object.keys(o)]; })()",
	    "object [1,[\"x\"]]" },
	{ "(function () { var o = JSON.parse('{\"__proto__\": {\"admin\": true}}'); var t = {}; Object.keys(o).forEach(function (k) { t[k] = o[k]; }); return [t.admin, Object.keys(t)]; })()",
	    "object [true,[]]" },
	{ "(function () { var b = new B(1); return [b.x, b.hi(), b instanceof B, b instanceof A, B.f(), B.g(), B.count, Object.getPrototypeOf(B) === A, A.isPrototypeOf(B)]; })()",
	    "object [2,\"AB\",true,true,\"B.f\",\"A.g:B\",1,true,true]" },
	{ "(function () { return [B.hasOwnProperty('g'), 'g' in B, typeof B.call, B.id, A.id, Object.getPrototypeOf(B.prototype) === A.prototype]; })()",
	    "object [false,true,\"function\",\"B\",\"A\",true]" },
	{ "(function () { var C = function (_B) { _inherits(C, _B); var _super = _createSuper(C); function C() { _classCallCheck(this, C); return _super.call(this, 10); } C.h = function () { return 'C.h'; }; C.id = 'C'; return C; }(B); var c = new C(); return [c.x, c.hi(), C.f(), C.g(), C.h(), c instanceof A]; })()",
	    "object [11,\"AB\",\"B.f\",\"A.g:C\",\"C.h\",true]" },
	{ "(function () { var N = function (_N) { _inherits(N, _N); function N() {} return N; }(null); return [Object.getPrototypeOf(N) === Function.prototype, Object.getPrototypeOf(N.prototype)]; })()",
	    "object [true,null]" },
	{ "(function () { function X() {} _inherits(X, 5); })()",
	    "throws TypeError: Super expression must either be null or a function" },
	{ "B(1)",
	    "throws TypeError: Cannot call a class as a function" },
	{ "(function () { var r = callable(new Renderer('p')); return [r('hi'), r.tag, typeof r, r instanceof Renderer, typeof r.call]; })()",
	    "object [\"<p>hi\",\"p\",\"function\",true,\"undefined\"]" },
	{ "[Object.getPrototypeOf([]) === Array.prototype, Object.getPrototypeOf(Object.create(null)), Object.getPrototypeOf(function () {}) === Function.prototype]",
	    "object [true,null,true]" },
	{ "(function () { var o = {}; o.__defineGetter__('g', function () { return 1; }); return [o.g, o.__lookupGetter__('g')()]; })()",
	    "object [1,1]" },
};
/* @generated end */

static void
test_cases(void)
{
	cases_table(runner_js, prelude_js, cases,
	    sizeof(cases) / sizeof(cases[0]));
}

static void
test_probe(void)
{
	char err[200] = "";

	ok(proto_probe(err, sizeof(err)) == 0, "the layout probe passes "
	    "on this libmujs (%s)", err);
	ok(proto_probe(err, sizeof(err)) == 0, "and says so again");
}

/* fnpool's JSON body parser stores "__proto__" as Node's JSON.parse does. */
static void
test_body(void)
{
	static const char body[] = "{\"__proto__\": {\"admin\": true}, "
	    "\"n\": {\"__proto__\": null}}";
	struct budget mem;
	struct buf out;
	js_State *J;
	char err[128];

	buf_init(&out);
	if ((J = cases_state(&mem, runner_js, "")) == NULL) {
		ok(0, "a state");
		return;
	}
	ok(body_json_push(J, body, strlen(body), 0, err, sizeof(err)) == 0,
	    "the body parses");
	js_setglobal(J, "body");
	is_str(cases_run(J, "[body.admin, Object.keys(body), "
	    "Object.getPrototypeOf(body) === Object.prototype, "
	    "body.__proto__.admin, body.n.__proto__, "
	    "typeof body.n.toString]", &out),
	    "object [undefined,[\"__proto__\",\"n\"],true,true,null,"
	    "\"function\"]", "a body's __proto__ is an own property");
	js_freestate(J);
	buf_free(&out);
}

int
main(void)
{
	test_cases();
	test_probe();
	test_body();
	return tap_done();
}
