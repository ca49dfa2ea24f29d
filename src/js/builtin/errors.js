/*
 * internal/errors: Node's error codes and messages for the built-in
 * modules (ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, ...), worded as
 * Node 20 words them, so that code testing err.code or err.message
 * behaves the same; and the few helpers several built-ins share.  Only
 * the built-ins can require it.
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

/*
 * Bytes (an array) as UTF-8 text, each maximal invalid subpart one
 * U+FFFD as the Encoding Standard (and Node's querystring and URL) has it.
 */
exports.utf8Decode = function (bytes) {
	var out = '', i = 0, n = bytes.length, b, need, cp, lower, upper, k;

	while (i < n) {
		b = bytes[i++];
		if (b < 0x80) {
			out += String.fromCharCode(b);
			continue;
		}
		lower = 0x80;
		upper = 0xbf;
		if (b >= 0xc2 && b <= 0xdf) {
			need = 1;
			cp = b & 0x1f;
		} else if (b >= 0xe0 && b <= 0xef) {
			need = 2;
			cp = b & 0x0f;
			if (b === 0xe0)
				lower = 0xa0;
			if (b === 0xed)
				upper = 0x9f;
		} else if (b >= 0xf0 && b <= 0xf4) {
			need = 3;
			cp = b & 0x07;
			if (b === 0xf0)
				lower = 0x90;
			if (b === 0xf4)
				upper = 0x8f;
		} else {
			out += '\ufffd';
			continue;
		}
		for (k = 0; k < need; k++) {
			if (i >= n || bytes[i] < lower || bytes[i] > upper)
				break;
			cp = cp << 6 | (bytes[i++] & 0x3f);
			lower = 0x80;
			upper = 0xbf;
		}
		if (k < need) {
			out += '\ufffd';
			continue;
		}
		if (cp >= 0x10000) {
			cp -= 0x10000;
			out += String.fromCharCode(0xd800 + (cp >> 10),
			    0xdc00 + (cp & 0x3ff));
		} else {
			out += String.fromCharCode(cp);
		}
	}
	return out;
};

/* The UTF-8 bytes of a string (an array); a lone surrogate is U+FFFD. */
exports.utf8Bytes = function (s) {
	var out = [], i, c, d;
	for (i = 0; i < s.length; i++) {
		c = s.charCodeAt(i);
		if (c < 0x80) {
			out.push(c);
			continue;
		}
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length &&
		    (d = s.charCodeAt(i + 1)) >= 0xdc00 && d <= 0xdfff) {
			c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
			i++;
		} else if (c >= 0xd800 && c <= 0xdfff) {
			c = 0xfffd;
		}
		if (c < 0x800)
			out.push(0xc0 | c >> 6, 0x80 | (c & 63));
		else if (c < 0x10000)
			out.push(0xe0 | c >> 12, 0x80 | (c >> 6 & 63), 0x80 | (c & 63));
		else
			out.push(0xf0 | c >> 18, 0x80 | (c >> 12 & 63),
			    0x80 | (c >> 6 & 63), 0x80 | (c & 63));
	}
	return out;
};
