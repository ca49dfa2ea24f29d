/*
 * The JavaScript half of Promise (promise.c holds the core: the
 * constructor, then, catch, Promise.resolve and reject, and the jobs):
 * Promise.prototype.finally, the combinators and AggregateError.
 * promise.c calls this function expression, embedded at build time,
 * once per state with Promise and its PromiseResolve(C, x), and keeps
 * what it returns.
 *
 * Without iterators the combinators take arrays, array-likes made by
 * `arguments`, and strings, and reject anything else with a TypeError as
 * the standard does a non-iterable.  Species is that of Promise itself:
 * ES5 code cannot subclass it.
 */
(function (Promise, promiseResolve) {
	"use strict";

	var defineProperty = Object.defineProperty;
	var toString = Object.prototype.toString;

	function isObject(x) {
		return (typeof x === "object" && x !== null) ||
		    typeof x === "function";
	}

	function method(obj, name, fn) {
		defineProperty(obj, name, { value: fn, writable: true,
		    configurable: true });
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
		AggregateError: AggregateError,
		/* Promise.resolve and reject with another constructor */
		resolveOther: function (C, x) {
			var cap = capability(C);

			cap.resolve(x);
			return cap.promise;
		},
		rejectOther: function (C, r) {
			var cap = capability(C);

			cap.reject(r);
			return cap.promise;
		}
	};
})
