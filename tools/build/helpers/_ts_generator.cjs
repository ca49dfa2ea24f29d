/*
 * fnpool build's _ts_generator, which the output holds in place of
 * @swc/helpers' own (resolve.js): every generator function and async
 * function SWC lowers to ES5 drives its state machine (TypeScript's
 * __generator protocol: the body returns [op, value]) through it.
 * The same algorithm, but a generator keeps its state in one object
 * under a symbol and takes next, throw and return from a shared
 * prototype, as native generators do, where @swc/helpers' makes three
 * closures and four defineProperty calls per generator: on MuJS, whose
 * calls are dear, that is most of what a generator costs to make
 * (bench/RESULTS.md, "What compiled code costs per request").
 *
 * fnpool has the driver in C, fnpool:helpers' generator (src/js/
 * generator.c), and the async driver that goes with it; this file's is
 * for Node and an older fnpool, where fnpool:helpers has none.
 */
"use strict";

var native = null;
try {
	native = require("fnpool:helpers");
	if (typeof native.generator !== "function" ||
	    typeof native.asyncToGenerator !== "function" ||
	    typeof native.asyncRun !== "function" ||
	    typeof native.asyncWait !== "function")
		native = null;
} catch (e) {
	/* not fnpool, or one without fnpool:helpers */
}

var SLOT = typeof Symbol === "function" ? Symbol("generator state") :
    "__generatorState";

/* _state.sent() in the body: the value (or error) the generator resumed with. */
function sent() {
	var t = this.t;

	if (t[0] & 1)
		throw t[1];
	return t[1];
}

/* What @swc/helpers' step does, its closure's variables in s. */
function step(s, op) {
	var t, y;

	if (s.running)
		throw new TypeError("Generator is already executing.");
	if (!s.started) {
		s.started = true;
		if (op[0])
			s.done = true;	/* throw or return before the first next */
	}
	while (!s.done) try {
		s.running = true;
		y = s.y;
		if (y && (t = op[0] & 2 ? y["return"] : op[0] ? y["throw"] ||
		    ((t = y["return"]) && t.call(y), 0) : y.next) &&
		    !(t = t.call(y, op[1])).done)
			return t;
		s.y = 0;
		if (y && t)
			op = [op[0] & 2, t.value];
		switch (op[0]) {
		case 0:
		case 1:
			t = op;
			break;
		case 4:
			s.label++;
			return { value: op[1], done: false };
		case 5:
			s.label++;
			s.y = op[1];
			op = [0];
			continue;
		case 7:
			op = s.ops.pop();
			s.trys.pop();
			continue;
		default:
			if (!(t = s.trys, t = t.length > 0 && t[t.length - 1]) &&
			    (op[0] === 6 || op[0] === 2)) {
				s.done = true;
				continue;
			}
			if (op[0] === 3 && (!t || op[1] > t[0] && op[1] < t[3])) {
				s.label = op[1];
				break;
			}
			if (op[0] === 6 && s.label < t[1]) {
				s.label = t[1];
				t = op;
				break;
			}
			if (t && s.label < t[2]) {
				s.label = t[2];
				s.ops.push(op);
				break;
			}
			if (t[2])
				s.ops.pop();
			s.trys.pop();
			continue;
		}
		s.t = t;
		op = s.body.call(s.thisArg, s);
	} catch (e) {
		op = [6, e];
		s.y = 0;
	} finally {
		s.running = false;
		s.t = t = 0;
	}
	if (op[0] & 5)
		throw op[1];
	return { value: op[0] ? op[1] : void 0, done: true };
}

var proto = Object.create((typeof Iterator === "function" ? Iterator :
    Object).prototype);

function method(name, fn) {
	Object.defineProperty(proto, name, { value: fn, writable: true,
	    configurable: true });
}

method("next", function next(v) { return step(this[SLOT], [0, v]); });
method("throw", function (v) { return step(this[SLOT], [1, v]); });
method("return", function (v) { return step(this[SLOT], [2, v]); });
if (typeof Symbol === "function")
	method(Symbol.iterator, function () { return this; });

function _ts_generator(thisArg, body) {
	var g = Object.create(proto);

	g[SLOT] = { label: 0, sent: sent, trys: [], ops: [], t: undefined,
	    thisArg: thisArg, body: body, y: 0, running: false,
	    started: false, done: false };
	return g;
}

exports._ = native !== null ? native.generator : _ts_generator;
/* for fnpool build's _async_to_generator, which resumes without next() */
exports.native = native;
exports.slot = SLOT;
exports.step = step;
