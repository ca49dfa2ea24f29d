/*
 * fnpool build's _async_to_generator, which the output holds in place of
 * @swc/helpers' own (resolve.js): an async function SWC lowers to ES5 is
 * a generator this drives, awaiting what it yields.  The same steps, but
 * it resumes the generator through fnpool build's _ts_generator's step
 * itself, not through next() or throw() and a helper between: each
 * resumption is two calls of JavaScript functions fewer, which on MuJS
 * is most of what it costs beside the Promise (bench/RESULTS.md, "What
 * compiled code costs per request").  fnpool has it in C, with the
 * generator driver (fnpool:helpers' asyncToGenerator); this one is for
 * Node and an older fnpool.
 */
"use strict";

var generator = require("@swc/helpers/_/_ts_generator");
var SLOT = generator.slot, step = generator.step;

/* Resumes the generator with op ([0, value] or [1, error]). */
function advance(state, op, resolve, reject, onValue, onError) {
	var info;

	try {
		info = step(state, op);
	} catch (error) {
		reject(error);
		return;
	}
	if (info.done)
		resolve(info.value);
	else
		Promise.resolve(info.value).then(onValue, onError);
}

function _async_to_generator(fn) {
	return function () {
		var self = this, args = arguments;

		return new Promise(function (resolve, reject) {
			var state = fn.apply(self, args)[SLOT];

			if (state === undefined)
				throw new TypeError("_async_to_generator: the " +
				    "function made no generator of fnpool build's " +
				    "_ts_generator");

			function onValue(value) {
				advance(state, [0, value], resolve, reject, onValue,
				    onError);
			}
			function onError(error) {
				advance(state, [1, error], resolve, reject, onValue,
				    onError);
			}
			onValue(undefined);
		});
	};
}

/*
 * run(self, body): what _(function () { return _ts_generator(this,
 * body); }).call(self) does, for the lean form fnpool build gives an
 * async function (tools/build/lean-async.js).
 */
function run(self, body) {
	return _async_to_generator(function () {
		return generator._(this, body);
	}).call(self);
}

/*
 * wait, done and fail: the chain form fnpool build gives an async
 * function without loops or try statements around its awaits
 * (tools/build/async-chain.js).  wait(promise, value, callback) awaits
 * value, then settles the function's promise with what callback(value)
 * returns or throws, or with value's rejection, unless the callback
 * waits again (returns that promise); done(promise, value) and
 * fail(promise, error) settle it.  Each returns the promise, made by the
 * first call of the function's (promise is undefined then).
 */
var SETTLE = typeof Symbol === "function" ? Symbol("settle") :
    "__fnpoolSettle";

function own(promise) {
	var settle = {};

	if (promise !== undefined)
		return promise;
	promise = new Promise(function (resolve, reject) {
		settle.resolve = resolve;
		settle.reject = reject;
	});
	Object.defineProperty(promise, SETTLE, { value: settle });
	return promise;
}

function wait(promise, value, callback) {
	var settle = (promise = own(promise))[SETTLE];

	Promise.resolve(value).then(function (v) {
		var r;

		try {
			r = callback(v);
		} catch (e) {
			settle.reject(e);
			return;
		}
		if (r !== promise)
			settle.resolve(r);
	}, settle.reject);
	return promise;
}

function done(promise, value) {
	promise = own(promise);
	promise[SETTLE].resolve(value);
	return promise;
}

function fail(promise, error) {
	promise = own(promise);
	promise[SETTLE].reject(error);
	return promise;
}

var native = generator.native;

exports._ = native !== null ? native.asyncToGenerator : _async_to_generator;
exports.run = native !== null ? native.asyncRun : run;
exports.wait = native !== null ? native.asyncWait : wait;
exports.done = native !== null ? native.asyncDone : done;
exports.fail = native !== null ? native.asyncFail : fail;
