/*
 * internal/errors: Node's error codes and messages for the built-in
 * modules (ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, ...), worded as
 * Node 20 words them, so that code testing err.code or err.message
 * behaves the same.  Only the built-ins can require it.
 */
'use strict';

var inspectFn;

/* util.inspect, loaded only when a message needs an object shown */
function inspect(v, opts) {
	if (v === null || (typeof v !== 'object' && typeof v !== 'function'))
		return primitive(v);
	if (!inspectFn)
		inspectFn = require('util').inspect;
	return inspectFn(v, opts);
}

function quote(s) {
	var q = "'";
	if (s.indexOf("'") !== -1)
		q = s.indexOf('"') === -1 ? '"' : s.indexOf('`') === -1 ? '`' : "'";
	var out = '';
	for (var i = 0; i < s.length; i++) {
		var c = s.charAt(i), n = s.charCodeAt(i);
		if (c === q || c === '\\')
			out += '\\' + c;
		else if (c === '\n')
			out += '\\n';
		else if (c === '\t')
			out += '\\t';
		else if (c === '\r')
			out += '\\r';
		else if (c === '\b')
			out += '\\b';
		else if (c === '\f')
			out += '\\f';
		else if (c === '\v')
			out += '\\v';
		else if (n < 0x20 || n === 0x7f)
			out += '\\x' + (n < 16 ? '0' : '') + n.toString(16).toUpperCase();
		else
			out += c;
	}
	return q + out + q;
}

function primitive(v) {
	if (typeof v === 'string')
		return quote(v);
	if (typeof v === 'number')
		return v === 0 && 1 / v < 0 ? '-0' : String(v);
	return String(v);
}

/* Function.prototype.name, which MuJS lacks, from the function's text */
function fnName(f) {
	if (typeof f !== 'function')
		return '';
	if (typeof f.name === 'string')
		return f.name;
	var m = /^function\s*([A-Za-z_$][\w$]*)/.exec(Function.prototype.toString.call(f));
	return m ? m[1] : '';
}

function addNumericalSeparator(val) {
	var res = '', i = val.length, start = val.charAt(0) === '-' ? 1 : 0;
	for (; i >= start + 4; i -= 3)
		res = '_' + val.slice(i - 3, i) + res;
	return val.slice(0, i) + res;
}

function specificType(value) {
	if (value === null || value === undefined)
		return '' + value;
	if (typeof value === 'function' && fnName(value))
		return 'function ' + fnName(value);
	if (typeof value === 'object') {
		var ctor = value.constructor;
		if (ctor && fnName(ctor))
			return 'an instance of ' + fnName(ctor);
		return inspect(value, { depth: -1 });
	}
	var s = inspect(value, { colors: false });
	if (s.length > 28)
		s = s.slice(0, 25) + '...';
	return 'type ' + typeof value + ' (' + s + ')';
}

function coded(Ctor, code, message) {
	var e = new Ctor(message);
	e.code = code;
	return e;
}

exports.inspect = inspect;
exports.fnName = fnName;
exports.coded = coded;

/* expected: the words after "must be", as Node composes them */
exports.invalidArgType = function (name, expected, actual) {
	var what = / argument$/.test(name) ? 'The ' + name : 'The "' + name +
	    '" ' + (name.indexOf('.') !== -1 ? 'property' : 'argument');
	return coded(TypeError, 'ERR_INVALID_ARG_TYPE', what + ' must be ' +
	    expected + '. Received ' + specificType(actual));
};

exports.invalidArgValue = function (name, value, reason) {
	return coded(TypeError, 'ERR_INVALID_ARG_VALUE', "The " +
	    (name.indexOf('.') !== -1 ? 'property' : 'argument') + " '" +
	    name + "' " + (reason || 'is invalid') + '. Received ' +
	    inspect(value));
};

exports.outOfRange = function (name, range, input) {
	var received = typeof input === 'number' && input === Math.floor(input) &&
	    Math.abs(input) > 4294967296 ? addNumericalSeparator(String(input)) :
	    inspect(input);
	return coded(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name +
	    '" is out of range. It must be ' + range + '. Received ' + received);
};

exports.validateFunction = function (f, name) {
	if (typeof f !== 'function')
		throw exports.invalidArgType(name, 'of type function', f);
};

exports.validateString = function (s, name) {
	if (typeof s !== 'string')
		throw exports.invalidArgType(name, 'of type string', s);
};

exports.validateNumber = function (n, name) {
	if (typeof n !== 'number')
		throw exports.invalidArgType(name, 'of type number', n);
};

exports.validateObject = function (o, name) {
	if (o === null || typeof o !== 'object' || Array.isArray(o))
		throw exports.invalidArgType(name, 'of type object', o);
};

/* validateInt32 and validateUint32 as Node has them */
exports.validateInteger = function (n, name, min, max) {
	exports.validateNumber(n, name);
	if (n !== Math.floor(n) || n !== n)
		throw exports.outOfRange(name, 'an integer', n);
	if (n < min || n > max)
		throw exports.outOfRange(name, '>= ' + min + ' && <= ' + max, n);
};
