/*
 * assert: Node's assert, its AssertionError and assert.strict.  The
 * comparisons are Node's (deepStrictEqual compares prototypes, uses
 * Object.is, looks inside Dates, RegExps, Errors, boxed primitives and
 * typed arrays, and copes with cycles).  Failed comparisons show a line
 * diff of the two values as Node's do (a plain longest-common-subsequence
 * diff: long ones are not shortened with "..." as in Node), and
 * assert(false) cannot quote its source line: it says "false == true".
 */
'use strict';

var util = require('util');
var inspect = util.inspect;
var hasOwn = Object.prototype.hasOwnProperty;
var toStr = Object.prototype.toString;

function AssertionError(options) {
	if (options === null || typeof options !== 'object')
		throw require('internal/errors').invalidArgType('options',
		    'of type object', options);
	var message = options.message, operator = options.operator;
	this.generatedMessage = !message;
	if (message !== undefined && message !== null) {
		this.message = String(message);
		/* Node 20 adds the comparison to a message of one's own */
		if (operator === 'strictEqual' || operator === 'deepStrictEqual') {
			var g = generated(options.actual, options.expected, operator);
			var at = g.indexOf('\n\n');
			if (at !== -1 && g.indexOf(' !== ') !== -1)
				this.message += g.slice(at);
		}
	} else {
		this.message = generated(options.actual, options.expected, operator);
	}
	this.name = 'AssertionError';
	this.code = 'ERR_ASSERTION';
	this.actual = options.actual;
	this.expected = options.expected;
	this.operator = operator;
}
AssertionError.prototype = Object.create(Error.prototype, {
	constructor: { value: AssertionError, writable: true, configurable: true }
});
AssertionError.prototype.toString = function () {
	return this.name + ' [' + this.code + ']: ' + this.message;
};

var kReadableOperator = {
	deepStrictEqual: 'Expected values to be strictly deep-equal:',
	strictEqual: 'Expected values to be strictly equal:',
	strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
	deepEqual: 'Expected values to be loosely deep-equal:',
	notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
	notStrictEqual: 'Expected "actual" to be strictly unequal to:',
	notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
	notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
	notIdentical: 'Values identical but not reference-equal:',
	notIdenticalObject: 'Values have same structure but are not ' +
	    'reference-equal:'
};

function show(v) {
	return inspect(v, { compact: false, sorted: true, getters: true,
	    depth: 1000, customInspect: false, breakLength: Infinity });
}

/* The lines of a and e, common ones kept, as Node's assert shows them. */
function lineDiff(a, e) {
	var n = a.length, m = e.length, lcs = [], i, j, out = [];
	for (i = 0; i <= n; i++) {
		lcs.push([]);
		for (j = 0; j <= m; j++)
			lcs[i].push(0);
	}
	/* lines that differ only by a trailing comma are the same line */
	function same(x, y) {
		return x === y || x + ',' === y || x === y + ',';
	}
	for (i = n - 1; i >= 0; i--)
		for (j = m - 1; j >= 0; j--)
			lcs[i][j] = same(a[i], e[j]) ? lcs[i + 1][j + 1] + 1 :
			    Math.max(lcs[i + 1][j], lcs[i][j + 1]);
	for (i = 0, j = 0; i < n || j < m;) {
		if (i < n && j < m && same(a[i], e[j])) {
			out.push('  ' + e[j]);
			i++;
			j++;
		} else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) {
			out.push('+ ' + a[i++]);
		} else {
			out.push('- ' + e[j++]);
		}
	}
	return out.join('\n');
}

function generated(actual, expected, operator) {
	var a, e, i;
	if (operator === 'deepStrictEqual' || operator === 'strictEqual' ||
	    operator === 'deepEqual') {
		a = show(actual).split('\n');
		e = show(expected).split('\n');
		if (operator === 'strictEqual' && ((typeof actual === 'object' &&
		    actual !== null && typeof expected === 'object' &&
		    expected !== null) || (typeof actual === 'function' &&
		    typeof expected === 'function')))
			operator = 'strictEqualObject';
		if (a.length === 1 && e.length === 1 && a[0] !== e[0] &&
		    a[0].length + e[0].length <= 12 &&
		    (typeof actual !== 'object' || actual === null) &&
		    (typeof expected !== 'object' || expected === null) &&
		    (actual !== 0 || expected !== 0))
			return kReadableOperator[operator] + '\n\n' + a[0] + ' !== ' +
			    e[0] + '\n';
		if (a.join('\n') === e.join('\n'))
			return kReadableOperator[operator === 'strictEqualObject' ?
			    'notIdenticalObject' : 'notIdentical'] + '\n\n' +
			    a.join('\n') + '\n';
		if (a.length === 1 && e.length === 1 && operator !==
		    'strictEqualObject' && a[0].length + e[0].length < 80) {
			for (i = 0; a[0].charAt(i) === e[0].charAt(i); i++)
				;
			if (i > 2)
				return kReadableOperator[operator] + '\n+ actual - ' +
				    'expected\n\n+ ' + a[0] + '\n- ' + e[0] + '\n  ' +
				    new Array(i + 1).join(' ') + '^';
		}
		return kReadableOperator[operator] + '\n+ actual - expected\n\n' +
		    lineDiff(a, e);
	}
	if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual' ||
	    operator === 'notDeepEqual') {
		a = show(actual);
		if (operator === 'notStrictEqual' && ((typeof actual === 'object' &&
		    actual !== null) || typeof actual === 'function'))
			operator = 'notStrictEqualObject';
		if (a.indexOf('\n') === -1)
			return kReadableOperator[operator] + ' ' + a;
		return kReadableOperator[operator] + '\n\n' + a + '\n';
	}
	return inspect(actual).slice(0, 128) + ' ' + operator + ' ' +
	    inspect(expected).slice(0, 128);
}

function innerFail(obj) {
	if (obj.message instanceof Error)
		throw obj.message;
	throw new AssertionError(obj);
}

function innerOk(fn, argLen, value, message) {
	if (!value) {
		var generatedMessage = false;
		if (argLen === 0) {
			generatedMessage = true;
			message = 'No value argument passed to `assert.ok()`';
		} else if (message === undefined || message === null) {
			/* Node quotes the call's source here; fnpool cannot read it */
			generatedMessage = true;
			message = inspect(value) + ' == true';
		} else if (message instanceof Error) {
			throw message;
		}
		var err = new AssertionError({ actual: value, expected: true,
		    message: message, operator: '==' });
		err.generatedMessage = generatedMessage;
		throw err;
	}
}

function assert(value, message) {
	innerOk(assert, arguments.length, value, message);
}

assert.ok = function ok(value, message) {
	innerOk(ok, arguments.length, value, message);
};

assert.fail = function (actual, expected, message, operator) {
	var argsLen = arguments.length, internalMessage = false;
	if (argsLen === 0) {
		internalMessage = 'Failed';
	} else if (argsLen === 1) {
		message = actual;
		actual = undefined;
	} else {
		if (argsLen === 2)
			operator = '!=';
	}
	if (message instanceof Error)
		throw message;
	var err = new AssertionError({ actual: actual, expected: expected,
	    operator: operator === undefined ? 'fail' : operator,
	    message: internalMessage || message });
	if (internalMessage)
		err.generatedMessage = true;
	throw err;
};

/* ---- comparisons ------------------------------------------------------- */

function objectIs(a, b) {
	if (a === b)
		return a !== 0 || 1 / a === 1 / b;
	return a !== a && b !== b;
}

function isView(v) {
	return typeof v === 'object' && v !== null && ArrayBuffer.isView(v);
}

function ownKeys(v) {
	return Object.keys(v);
}

function innerDeepEqual(a, b, strict, memos) {
	if (a === b)
		return a !== 0 || !strict || objectIs(a, b);
	if (strict) {
		if (typeof a !== 'object')
			return typeof a === 'number' && a !== a && b !== b;
		if (typeof b !== 'object' || a === null || b === null)
			return false;
		if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b))
			return false;
	} else {
		if (a === null || typeof a !== 'object') {
			if (b === null || typeof b !== 'object')
				return a == b || (a !== a && b !== b);	/* eslint-disable-line eqeqeq */
			return false;
		}
		if (b === null || typeof b !== 'object')
			return false;
	}
	var ta = toStr.call(a), tb = toStr.call(b);
	if (ta !== tb)
		return false;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length)
			return false;
	} else if (ta === '[object Date]') {
		if (a.getTime() !== b.getTime())
			return false;
	} else if (ta === '[object RegExp]') {
		if (String(a) !== String(b) || a.lastIndex !== b.lastIndex)
			return false;
	} else if (a instanceof Error || b instanceof Error) {
		if (a.message !== b.message || a.name !== b.name)
			return false;
	} else if (isView(a)) {
		if (!isView(b) || a.length !== b.length ||
		    a.byteLength !== b.byteLength)
			return false;
		for (var i = 0; i < a.length; i++)
			if (strict ? !objectIs(a[i], b[i]) : a[i] != b[i])	/* eslint-disable-line eqeqeq */
				return false;
	} else if (ta === '[object Number]' || ta === '[object String]' ||
	    ta === '[object Boolean]') {
		if (!objectIs(a.valueOf(), b.valueOf()))
			return false;
	} else if (ta === '[object Map]' || ta === '[object Set]') {
		if (a.size !== b.size ||
		    !entriesEqual(a, b, ta === '[object Map]', strict, memos))
			return false;
	} else if (a instanceof ArrayBuffer) {
		if (!(b instanceof ArrayBuffer) ||
		    !innerDeepEqual(new Uint8Array(a), new Uint8Array(b), strict,
		    memos))
			return false;
	}
	return keyCheck(a, b, strict, memos);
}

/* Each entry of a matches one of b's, in any order (keys deeply too). */
function entriesEqual(a, b, isMap, strict, memos) {
	var rest = [], equal = true;
	b.forEach(function (v, k) { rest.push([k, v]); });
	a.forEach(function (v, k) {
		var i;
		if (!equal)
			return;
		for (i = 0; i < rest.length; i++)
			if (innerDeepEqual(k, rest[i][0], strict, memos) && (!isMap ||
			    innerDeepEqual(v, rest[i][1], strict, memos))) {
				rest.splice(i, 1);
				return;
			}
		equal = false;
	});
	return equal;
}

function keyCheck(a, b, strict, memos) {
	var ka = ownKeys(a), kb = ownKeys(b), i, k;
	if (isView(a)) {
		ka = ka.filter(function (x) { return !/^\d+$/.test(x); });
		kb = kb.filter(function (x) { return !/^\d+$/.test(x); });
	}
	if (ka.length !== kb.length)
		return false;
	/* not propertyIsEnumerable: MuJS says false for array indices */
	var inB = Object.create(null);
	for (i = 0; i < kb.length; i++)
		inB[kb[i]] = true;
	for (i = 0; i < ka.length; i++)
		if (inB[ka[i]] !== true)
			return false;
	for (i = 0; i < memos.length; i++)
		if (memos[i][0] === a && memos[i][1] === b)
			return true;
	memos.push([a, b]);
	for (i = 0; i < ka.length; i++) {
		k = ka[i];
		if (!innerDeepEqual(a[k], b[k], strict, memos)) {
			memos.pop();
			return false;
		}
	}
	memos.pop();
	return true;
}

function isDeepEqual(a, b) {
	return innerDeepEqual(a, b, false, []);
}

function isDeepStrictEqual(a, b) {
	return innerDeepEqual(a, b, true, []);
}

function needArgs(n, len) {
	if (len < n)
		throw require('internal/errors').coded(TypeError,
		    'ERR_MISSING_ARGS', 'The "actual" and "expected" arguments ' +
		    'must be specified');
}

assert.equal = function equal(actual, expected, message) {
	needArgs(2, arguments.length);
	if (actual != expected && (actual === actual || expected === expected))	/* eslint-disable-line eqeqeq */
		innerFail({ actual: actual, expected: expected, message: message,
		    operator: '==' });
};

assert.notEqual = function notEqual(actual, expected, message) {
	needArgs(2, arguments.length);
	if (actual == expected || (actual !== actual && expected !== expected))	/* eslint-disable-line eqeqeq */
		innerFail({ actual: actual, expected: expected, message: message,
		    operator: '!=' });
};

assert.deepEqual = function deepEqual(actual, expected, message) {
	needArgs(2, arguments.length);
	if (!isDeepEqual(actual, expected))
		innerFail({ actual: actual, expected: expected, message: message,
		    operator: 'deepEqual' });
};

assert.notDeepEqual = function notDeepEqual(actual, expected, message) {
	needArgs(2, arguments.length);
	if (isDeepEqual(actual, expected))
		innerFail({ actual: actual, expected: expected, message: message,
		    operator: 'notDeepEqual' });
};

assert.deepStrictEqual = function deepStrictEqual(actual, expected, message) {
	needArgs(2, arguments.length);
	if (!isDeepStrictEqual(actual, expected))
		innerFail({ actual: actual, expected: expected, message: message,
		    operator: 'deepStrictEqual' });
};

assert.notDeepStrictEqual = function notDeepStrictEqual(actual, expected,
    message) {
	needArgs(2, arguments.length);
	if (isDeepStrictEqual(actual, expected))
		innerFail({ actual: actual, expected: expected, message: message,
		    operator: 'notDeepStrictEqual' });
};

assert.strictEqual = function strictEqual(actual, expected, message) {
	needArgs(2, arguments.length);
	if (!objectIs(actual, expected))
		innerFail({ actual: actual, expected: expected, message: message,
		    operator: 'strictEqual' });
};

assert.notStrictEqual = function notStrictEqual(actual, expected, message) {
	needArgs(2, arguments.length);
	if (objectIs(actual, expected))
		innerFail({ actual: actual, expected: expected, message: message,
		    operator: 'notStrictEqual' });
};

/* ---- throws, rejects --------------------------------------------------- */

var NO_EXCEPTION = {};

function getActual(fn) {
	if (typeof fn !== 'function')
		throw require('internal/errors').invalidArgType('fn',
		    'of type function', fn);
	try {
		fn();
	} catch (e) {
		return e;
	}
	return NO_EXCEPTION;
}

function errorName(e) {
	return require('internal/errors').fnName(e);
}

function compareExceptionKey(actual, expected, key, message, keys, fn) {
	if (!(key in actual) || !isDeepStrictEqual(actual[key], expected[key])) {
		if (!message) {
			var a = {}, b = {};
			keys.forEach(function (k) {
				if (k in actual)
					a[k] = actual[k];
				b[k] = expected[k];
			});
			var err = new AssertionError({ actual: a, expected: b,
			    operator: 'deepStrictEqual' });
			err.actual = actual;
			err.expected = expected;
			err.operator = fn.name || 'throws';
			throw err;
		}
		innerFail({ actual: actual, expected: expected, message: message,
		    operator: 'throws' });
	}
}

function expectedException(actual, expected, message, fn) {
	var generatedMessage = false, throwError = false, keys, i, k;

	if (typeof expected !== 'function') {
		if (toStr.call(expected) === '[object RegExp]') {
			var str = String(actual);
			if (expected.test(str))
				return;
			if (!message) {
				generatedMessage = true;
				message = 'The input did not match the regular expression ' +
				    inspect(expected) + '. Input:\n\n' + inspect(str) + '\n';
			}
			throwError = true;
		} else if (typeof actual !== 'object' || actual === null) {
			var err0 = new AssertionError({ actual: actual,
			    expected: expected, message: message,
			    operator: 'deepStrictEqual' });
			err0.operator = 'throws';
			throw err0;
		} else {
			keys = Object.keys(expected);
			if (expected instanceof Error)
				keys.push('name', 'message');
			else if (keys.length === 0)
				throw require('internal/errors').invalidArgValue('error',
				    expected, 'may not be an empty object');
			for (i = 0; i < keys.length; i++) {
				k = keys[i];
				if (typeof actual[k] === 'string' &&
				    toStr.call(expected[k]) === '[object RegExp]' &&
				    expected[k].test(actual[k]))
					continue;
				compareExceptionKey(actual, expected, k, message, keys,
				    { name: 'throws' });
			}
			return;
		}
	} else if (expected.prototype !== undefined && actual instanceof expected) {
		return;
	} else if (expected === Error || Error.prototype.isPrototypeOf(expected.prototype)) {
		if (!message) {
			generatedMessage = true;
			message = 'The error is expected to be an instance of "' +
			    errorName(expected) + '". Received ';
			if (actual instanceof Error)
				message += '"' + (actual.constructor ?
				    errorName(actual.constructor) : actual.name) + '"';
			else
				message += '"' + inspect(actual, { depth: -1 }) + '"';
			if (actual && actual.message !== undefined)
				message += '\n\nError message:\n\n' + actual.message;
		}
		throwError = true;
	} else {
		var res = expected.call({}, actual);
		if (res !== true) {
			if (!message) {
				generatedMessage = true;
				message = 'The ' + (errorName(expected) ? '"' +
				    errorName(expected) + '" ' : '') +
				    'validation function is expected to return "true". ' +
				    'Received ' + inspect(res);
				if (actual instanceof Error)
					message += '\n\nCaught error:\n\n' + actual;
			}
			throwError = true;
		}
	}
	if (throwError) {
		var err = new AssertionError({ actual: actual, expected: expected,
		    message: message, operator: fn });
		err.generatedMessage = generatedMessage;
		throw err;
	}
}

function expectsError(fn, actual, error, message) {
	if (typeof error === 'string') {
		if (arguments.length === 4)
			throw require('internal/errors').invalidArgType('error',
			    'of type function or an instance of Error, RegExp, or ' +
			    'Object', error);
		message = error;
		error = undefined;
	}
	if (actual === NO_EXCEPTION) {
		var details = '';
		if (error && errorName(error))
			details += ' (' + errorName(error) + ')';
		details += message ? ': ' + message : '.';
		var fnType = fn === 'rejects' ? 'rejection' : 'exception';
		innerFail({ actual: undefined, expected: error, operator: fn,
		    message: 'Missing expected ' + fnType + details });
	}
	if (!error)
		return;
	expectedException(actual, error, message, fn);
}

function expectsNoError(fn, actual, error, message) {
	if (actual === NO_EXCEPTION)
		return;
	if (typeof error === 'string') {
		message = error;
		error = undefined;
	}
	if (!error || (typeof error === 'function' && error.prototype !==
	    undefined && actual instanceof error)) {
		var details = message ? ': ' + message : '.';
		var fnType = fn === 'doesNotReject' ? 'rejection' : 'exception';
		innerFail({ actual: actual, expected: error, operator: fn,
		    message: 'Got unwanted ' + fnType + details + '\n' +
		    'Actual message: "' + (actual && actual.message) + '"' });
	}
	throw actual;
}

assert.throws = function throws(promiseFn) {
	var args = Array.prototype.slice.call(arguments, 1);
	expectsError.apply(null, ['throws', getActual(promiseFn)].concat(args));
};

assert.doesNotThrow = function doesNotThrow(fn) {
	var args = Array.prototype.slice.call(arguments, 1);
	expectsNoError.apply(null, ['doesNotThrow', getActual(fn)].concat(args));
};

function waitActual(promiseFn) {
	return new Promise(function (resolve) {
		var p;
		if (typeof promiseFn === 'function')
			p = promiseFn();
		else
			p = promiseFn;
		if (!p || typeof p.then !== 'function')
			throw require('internal/errors').coded(TypeError,
			    'ERR_INVALID_RETURN_VALUE', 'Expected instance of ' +
			    'Promise to be returned from the "promiseFn" function');
		resolve(p);
	}).then(function () { return NO_EXCEPTION; },
	    function (e) { return e; });
}

assert.rejects = function rejects(promiseFn) {
	var args = Array.prototype.slice.call(arguments, 1);
	return waitActual(promiseFn).then(function (actual) {
		expectsError.apply(null, ['rejects', actual].concat(args));
	});
};

assert.doesNotReject = function doesNotReject(promiseFn) {
	var args = Array.prototype.slice.call(arguments, 1);
	return waitActual(promiseFn).then(function (actual) {
		expectsNoError.apply(null, ['doesNotReject', actual].concat(args));
	});
};

assert.ifError = function ifError(err) {
	if (err !== null && err !== undefined) {
		var message = 'ifError got unwanted exception: ';
		if (typeof err === 'object' && typeof err.message === 'string')
			message += err.message.length === 0 && err.constructor ?
			    errorName(err.constructor) : err.message;
		else
			message += inspect(err);
		var e = new AssertionError({ actual: err, expected: null,
		    operator: 'ifError', message: message });
		e.generatedMessage = false;
		throw e;
	}
};

function internalMatch(string, regexp, message, fn) {
	if (toStr.call(regexp) !== '[object RegExp]')
		throw require('internal/errors').invalidArgType('regexp',
		    'an instance of RegExp', regexp);
	var match = fn === 'match';
	if (typeof string !== 'string' || regexp.test(string) !== match) {
		if (message instanceof Error)
			throw message;
		var generatedMessage = !message;
		message = message || (typeof string !== 'string' ?
		    'The "string" argument must be of type string. Received type ' +
		    typeof string + ' (' + inspect(string) + ')' :
		    (match ? 'The input did not match the regular expression ' :
		    'The input was expected to not match the regular expression ') +
		    inspect(regexp) + '. Input:\n\n' + inspect(string) + '\n');
		var err = new AssertionError({ actual: string, expected: regexp,
		    message: message, operator: fn });
		err.generatedMessage = generatedMessage;
		throw err;
	}
}

assert.match = function match(string, regexp, message) {
	internalMatch(string, regexp, message, 'match');
};

assert.doesNotMatch = function doesNotMatch(string, regexp, message) {
	internalMatch(string, regexp, message, 'doesNotMatch');
};

assert.AssertionError = AssertionError;
/* for util.isDeepStrictEqual, without an AssertionError each time */
require('internal/errors').isDeepStrictEqual = isDeepStrictEqual;

function strict(value, message) {
	innerOk(strict, arguments.length, value, message);
}
Object.keys(assert).forEach(function (k) { strict[k] = assert[k]; });
strict.equal = assert.strictEqual;
strict.deepEqual = assert.deepStrictEqual;
strict.notEqual = assert.notStrictEqual;
strict.notDeepEqual = assert.notDeepStrictEqual;
strict.strict = strict;
assert.strict = strict;

module.exports = assert;
