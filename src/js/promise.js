/*
 * Promise for MuJS, which implements ES5 and has none: ECMAScript's
 * Promise (constructor, then/catch/finally, resolve/reject/all/race/
 * allSettled/any), compiled into each state by jsloop.c, which embeds
 * this file at build time.  It is one function expression; jsloop.c calls
 * it with the native that queues a job on the state's microtask queue and
 * keeps what it returns.
 *
 * Without symbols the internal slots live in one non-enumerable,
 * read-only property of each promise.  Without iterators the combinators
 * take arrays, array-likes made by `arguments`, and strings, and reject
 * anything else with a TypeError as the standard does a non-iterable.
 * Species is that of Promise itself: ES5 code cannot subclass it.
 */
(function (enqueue) {
	"use strict";

	var PENDING = 0, FULFILLED = 1, REJECTED = 2;
	var SLOT = "[[PromiseState]]";
	var defineProperty = Object.defineProperty;
	var create = Object.create;
	var isArray = Array.isArray;
	var hasOwn = Object.prototype.hasOwnProperty;
	var toString = Object.prototype.toString;
	var unhandled = [];	/* rejected promises no handler has seen */

	function Slots() {
		this.state = PENDING;
		this.result = undefined;
		this.reactions = undefined;	/* one Reaction or an array */
		this.handled = false;
	}

	function isObject(x) {
		return (typeof x === "object" && x !== null) ||
		    typeof x === "function";
	}

	/*
	 * The hot paths (slotsOf, then, PromiseResolve) test isObject in line:
	 * a call costs MuJS more than the rest of such a function.
	 */
	function slotsOf(x) {
		var s;

		if (x === null || (typeof x !== "object" &&
		    typeof x !== "function") || !hasOwn.call(x, SLOT))
			return null;
		s = x[SLOT];
		return s instanceof Slots ? s : null;
	}

	function method(obj, name, fn) {
		defineProperty(obj, name, { value: fn, writable: true,
		    configurable: true });
	}

	/* The spec's HostPromiseRejectionTracker. */
	function track(promise, op) {
		var i;

		if (op === "reject") {
			unhandled.push(promise);
			return;
		}
		for (i = 0; i < unhandled.length; i++)
			if (unhandled[i] === promise) {
				unhandled.splice(i, 1);
				return;
			}
	}

	function settle(promise, state, result) {
		var s = promise[SLOT], r = s.reactions, job, i;

		s.state = state;
		s.result = result;
		s.reactions = undefined;
		if (state === REJECTED && !s.handled)
			track(promise, "reject");
		job = state === FULFILLED ? fulfilledJob : rejectedJob;
		if (isArray(r))
			for (i = 0; i < r.length; i++)
				enqueue(job, r[i], result);
		else if (r !== undefined)
			enqueue(job, r, result);
	}

	/* What a resolve function does once its [[AlreadyResolved]] is set. */
	function resolvePromise(promise, resolution) {
		var then;

		if (resolution === promise) {
			settle(promise, REJECTED, new TypeError(
			    "Chaining cycle detected for promise"));
			return;
		}
		if (resolution === null || (typeof resolution !== "object" &&
		    typeof resolution !== "function")) {
			settle(promise, FULFILLED, resolution);
			return;
		}
		try {
			then = resolution.then;
		} catch (e) {
			settle(promise, REJECTED, e);
			return;
		}
		if (typeof then !== "function")
			settle(promise, FULFILLED, resolution);
		else
			enqueue(resolveThenableJob, promise, [resolution, then]);
	}

	function resolvingFunctions(promise) {
		var done = false;

		return {
			resolve: function (resolution) {
				if (done)
					return;
				done = true;
				resolvePromise(promise, resolution);
			},
			reject: function (reason) {
				if (done)
					return;
				done = true;
				settle(promise, REJECTED, reason);
			}
		};
	}

	function resolveThenableJob(promise, args) {
		var f = resolvingFunctions(promise);

		try {
			args[1].call(args[0], f.resolve, f.reject);
		} catch (e) {
			f.reject(e);
		}
	}

	/*
	 * A reaction: its handlers (undefined: pass the outcome on) and the
	 * promise `then` made, settled with their outcome (none for an
	 * await).  Nobody else can resolve that promise, so it needs no
	 * resolving functions of its own.
	 */
	function Reaction(derived, onFulfilled, onRejected) {
		this.derived = derived;
		this.onFulfilled = typeof onFulfilled === "function" ?
		    onFulfilled : undefined;
		this.onRejected = typeof onRejected === "function" ?
		    onRejected : undefined;
	}

	function reactionJob(derived, handler, ok, argument) {
		var result = argument;

		if (handler !== undefined) {
			try {
				result = handler(argument);
				ok = true;
			} catch (e) {
				result = e;
				ok = false;
			}
		}
		if (derived === undefined)
			return;
		if (ok)
			resolvePromise(derived, result);
		else
			settle(derived, REJECTED, result);
	}

	function fulfilledJob(reaction, value) {
		reactionJob(reaction.derived, reaction.onFulfilled, true, value);
	}

	function rejectedJob(reaction, reason) {
		reactionJob(reaction.derived, reaction.onRejected, false, reason);
	}

	/* A pending promise made by fnpool, not by the constructor. */
	function newPromise() {
		var p = create(Promise.prototype);

		defineProperty(p, SLOT, { value: new Slots() });
		return p;
	}

	function Promise(executor) {
		var f;

		if (!(this instanceof Promise) || hasOwn.call(this, SLOT))
			throw new TypeError("Promise constructor cannot be " +
			    "invoked without 'new'");
		if (typeof executor !== "function")
			throw new TypeError("Promise resolver " +
			    typeof executor + " is not a function");
		defineProperty(this, SLOT, { value: new Slots() });
		f = resolvingFunctions(this);
		try {
			executor(f.resolve, f.reject);
		} catch (e) {
			f.reject(e);
		}
	}

	function isConstructor(c) {
		return typeof c === "function";
	}

	/* NewPromiseCapability(C) */
	function capability(C) {
		var cap = { promise: undefined, resolve: undefined,
		    reject: undefined };

		if (!isConstructor(C))
			throw new TypeError("Promise capability: " +
			    "not a constructor");
		cap.promise = new C(function (resolve, reject) {
			if (cap.resolve !== undefined ||
			    cap.reject !== undefined)
				throw new TypeError("Promise executor has " +
				    "already been invoked");
			cap.resolve = resolve;
			cap.reject = reject;
		});
		if (typeof cap.resolve !== "function" ||
		    typeof cap.reject !== "function")
			throw new TypeError("Promise resolve or reject " +
			    "function is not callable");
		return cap;
	}

	/* SpeciesConstructor(promise, Promise), where only Promise has one. */
	function species(promise) {
		var C = promise.constructor;

		if (C !== undefined && C !== Promise && !isObject(C))
			throw new TypeError("The promise's constructor " +
			    "is not an object");
		return Promise;
	}

	function performThen(promise, onFulfilled, onRejected, derived) {
		var s = promise[SLOT];
		var r = new Reaction(derived, onFulfilled, onRejected);

		if (s.state === PENDING) {
			if (s.reactions === undefined)
				s.reactions = r;
			else if (isArray(s.reactions))
				s.reactions.push(r);
			else
				s.reactions = [s.reactions, r];
		} else {
			if (s.state === REJECTED && !s.handled)
				track(promise, "handle");
			enqueue(s.state === FULFILLED ? fulfilledJob : rejectedJob,
			    r, s.result);
		}
		s.handled = true;
		return derived;
	}

	/* PromiseResolve(C, x) */
	function promiseResolve(C, x) {
		var cap, p;

		if (slotsOf(x) !== null && x.constructor === C)
			return x;
		if (C === Promise) {
			p = create(Promise.prototype);	/* newPromise() */
			defineProperty(p, SLOT, { value: new Slots() });
			resolvePromise(p, x);
			return p;
		}
		cap = capability(C);
		cap.resolve(x);
		return cap.promise;
	}

	method(Promise.prototype, "then", function then(onFulfilled,
	    onRejected) {
		var derived;

		if (slotsOf(this) === null)
			throw new TypeError("Promise.prototype.then called " +
			    "on an object that is not a promise");
		if (this.constructor !== Promise)
			species(this);
		derived = create(Promise.prototype);	/* newPromise() */
		defineProperty(derived, SLOT, { value: new Slots() });
		return performThen(this, onFulfilled, onRejected, derived);
	});

	method(Promise.prototype, "catch", function (onRejected) {
		return this.then(undefined, onRejected);
	});

	method(Promise.prototype, "finally", function (onFinally) {
		var C, thenFinally, catchFinally;

		if (!isObject(this))
			throw new TypeError("Promise.prototype.finally " +
			    "called on a non-object");
		C = species(this);
		if (typeof onFinally !== "function")
			return this.then(onFinally, onFinally);
		thenFinally = function (value) {
			return promiseResolve(C, onFinally()).then(
			    function () { return value; });
		};
		catchFinally = function (reason) {
			return promiseResolve(C, onFinally()).then(
			    function () { throw reason; });
		};
		return this.then(thenFinally, catchFinally);
	});

	method(Promise, "resolve", function resolve(x) {
		if (this !== Promise && !isObject(this))
			throw new TypeError("Promise.resolve called on a " +
			    "non-object");
		return promiseResolve(this, x);
	});

	method(Promise, "reject", function reject(r) {
		var cap, p;

		if (this === Promise) {
			p = newPromise();
			settle(p, REJECTED, r);
			return p;
		}
		cap = capability(this);
		cap.reject(r);
		return cap.promise;
	});

	/*
	 * Calls step(value, index) for each element of an iterable as ES5
	 * knows them, reading the length anew each time as the array
	 * iterator does; strings go by code points.
	 */
	function iterate(iterable, step) {
		var i, n = 0, c;

		if (typeof iterable === "string") {
			for (i = 0; i < iterable.length; i++, n++) {
				c = iterable.charCodeAt(i);
				if (c >= 0xd800 && c <= 0xdbff &&
				    i + 1 < iterable.length) {
					c = iterable.charCodeAt(i + 1);
					if (c >= 0xdc00 && c <= 0xdfff) {
						step(iterable.substring(i,
						    i + 2), n);
						i++;
						continue;
					}
				}
				step(iterable.charAt(i), n);
			}
			return n;
		}
		if (!Array.isArray(iterable) &&
		    toString.call(iterable) !== "[object Arguments]")
			throw new TypeError(typeof iterable + " " + iterable +
			    " is not iterable");
		for (i = 0; i < iterable.length; i++)
			step(iterable[i], i);
		return iterable.length;
	}

	/*
	 * The shape shared by all, allSettled and any: count the pending
	 * elements from 1, settle when it drops to 0.  onElement(index,
	 * done) returns the two reactions of one element.
	 */
	function combine(C, iterable, onElement, onEmpty) {
		var cap = capability(C), resolveFn, remaining = 1, values = [];

		try {
			resolveFn = C.resolve;
			if (typeof resolveFn !== "function")
				throw new TypeError("Promise resolve is " +
				    "not a function");
			iterate(iterable, function (value, index) {
				var next = resolveFn.call(C, value), r;

				values.push(undefined);
				remaining++;
				r = onElement(values, index, function () {
					if (--remaining === 0)
						onEmpty(cap, values.slice());
				}, cap);
				next.then(r[0], r[1]);
			});
			if (--remaining === 0)
				onEmpty(cap, values.slice());
		} catch (e) {
			cap.reject(e);
		}
		return cap.promise;
	}

	/* A reaction that runs once, as the spec's [[AlreadyCalled]]. */
	function once(fn) {
		var called = false;

		return function (x) {
			if (called)
				return;
			called = true;
			fn(x);
		};
	}

	method(Promise, "all", function all(iterable) {
		return combine(this, iterable, function (values, i, done,
		    cap) {
			return [once(function (x) {
				values[i] = x;
				done();
			}), cap.reject];
		}, function (cap, values) {
			cap.resolve(values);
		});
	});

	method(Promise, "allSettled", function allSettled(iterable) {
		return combine(this, iterable, function (values, i, done) {
			var called = false;

			function element(fulfilled) {
				return function (x) {
					if (called)
						return;
					called = true;
					values[i] = fulfilled ?
					    { status: "fulfilled", value: x } :
					    { status: "rejected", reason: x };
					done();
				};
			}
			return [element(true), element(false)];
		}, function (cap, values) {
			cap.resolve(values);
		});
	});

	function AggregateError(errors, message) {
		var e;

		if (!(this instanceof AggregateError))
			return new AggregateError(errors, message);
		e = new Error(message === undefined ? "" : String(message));
		if (message !== undefined)
			method(this, "message", String(message));
		if (e.stackTrace !== undefined)		/* MuJS 1.3.6 */
			method(this, "stackTrace", e.stackTrace);
		else if (Object.prototype.hasOwnProperty.call(e, "stack"))
			method(this, "stack", e.stack);	/* 1.3.7 */
		method(this, "errors", Array.prototype.slice.call(errors));
	}
	AggregateError.prototype = Object.create(Error.prototype);
	method(AggregateError.prototype, "constructor", AggregateError);
	method(AggregateError.prototype, "name", "AggregateError");
	method(AggregateError.prototype, "message", "");

	method(Promise, "any", function any(iterable) {
		return combine(this, iterable, function (errors, i, done,
		    cap) {
			return [cap.resolve, once(function (x) {
				errors[i] = x;
				done();
			})];
		}, function (cap, errors) {
			cap.reject(new AggregateError(errors,
			    "All promises were rejected"));
		});
	});

	method(Promise, "race", function race(iterable) {
		var C = this, cap = capability(C), resolveFn;

		try {
			resolveFn = C.resolve;
			if (typeof resolveFn !== "function")
				throw new TypeError("Promise resolve is " +
				    "not a function");
			iterate(iterable, function (value) {
				resolveFn.call(C, value).then(cap.resolve,
				    cap.reject);
			});
		} catch (e) {
			cap.reject(e);
		}
		return cap.promise;
	});

	return {
		Promise: Promise,
		AggregateError: AggregateError,
		/* what `await value` does: no promise of its own */
		adopt: function (value, onFulfilled, onRejected) {
			performThen(promiseResolve(Promise, value),
			    onFulfilled, onRejected, undefined);
		},
		/* the reasons of the rejections nobody handled, once */
		takeUnhandled: function () {
			var reasons = [], i;

			for (i = 0; i < unhandled.length; i++)
				reasons.push(unhandled[i][SLOT].result);
			unhandled = [];
			return reasons;
		}
	};
})
