/*
 * The JavaScript half of jsext.c: the globals MuJS lacks that are as fast
 * in JavaScript as in C.  Each section becomes a function of its own
 * (prelude.awk): (function (native) { 'use strict'; core; section }),
 * compiled the first time a state uses one of its names.  `native` holds
 * the C helpers; a section returns its definitions by the object they
 * belong on, and jsext.c puts each where a stub stood (its table lists
 * them).  Keep full-line comments on lines of their own: the build
 * drops them, with blank lines and indentation.
 */
/*@core*/
var hasOwn = Object.prototype.hasOwnProperty;
var defineProperty = Object.defineProperty;
var arrayProto = Array.prototype;
var slice = arrayProto.slice;

/* defines methods on obj the way builtins are made */
function define(obj, methods) {
	for (var name in methods)
		if (!hasOwn.call(obj, name))
			defineProperty(obj, name, { value: methods[name],
			    writable: true, enumerable: false, configurable: true });
}

function toObject(v, what) {
	if (v === null || v === undefined)
		throw new TypeError(what + ' called on null or undefined');
	return Object(v);
}

function thisString(s, what) {
	if (s === null || s === undefined)
		throw new TypeError('String.prototype.' + what +
		    ' called on null or undefined');
	return String(s);
}

function toInteger(v) {			/* ToIntegerOrInfinity */
	var n = +v;
	if (n !== n)
		return 0;
	return n === Infinity || n === -Infinity ? n :
	    (n < 0 ? Math.ceil(n) : Math.floor(n)) + 0;
}

function toLength(v) {
	var n = toInteger(v);
	return n <= 0 ? 0 : Math.min(n, 9007199254740991);
}

/* start/end arguments of slice-like methods, resolved against len */
function relative(v, len, dflt) {
	if (v === undefined)
		return dflt;
	var n = toInteger(v);
	return n < 0 ? Math.max(len + n, 0) : Math.min(n, len);
}

function notRegExp(v, what) {
	if (Object.prototype.toString.call(v) === '[object RegExp]')
		throw new TypeError('First argument to String.prototype.' + what +
		    ' must not be a regular expression');
	return String(v);
}

function callable(f, what) {
	if (typeof f !== 'function')
		throw new TypeError(String(f) + ' is not a function' +
		    (what ? ' (' + what + ')' : ''));
	return f;
}

function sameValueZero(a, b) {
	return a === b || (a !== a && b !== b);
}

/* MuJS's strings hold at most 2^28 bytes; Node says this past its own. */
var STRING_MAX = 268435455;

function repeat(s, n) {
	if (s.length * n > STRING_MAX)
		throw new RangeError('Invalid string length');
	var r = '';
	for (;;) {
		if (n & 1)
			r += s;
		n = Math.floor(n / 2);
		if (n === 0)
			return r;
		s += s;
	}
}

function pad(s, maxLength, fill, atStart) {
	var max = toLength(maxLength), filler;
	if (max <= s.length)
		return s;
	filler = fill === undefined ? ' ' : String(fill);
	if (filler === '')
		return s;
	var n = max - s.length;
	if (max > STRING_MAX)
		throw new RangeError('Invalid string length');
	var f = repeat(filler, Math.ceil(n / filler.length)).slice(0, n);
	return atStart ? f + s : s + f;
}

function finder(fromEnd, wantIndex) {
	return function (predicate) {
		var o = toObject(this, 'Array.prototype.find');
		var len = toLength(o.length), thisArg = arguments[1], i, v;
		callable(predicate);
		for (i = fromEnd ? len - 1 : 0; fromEnd ? i >= 0 : i < len;
		    i += fromEnd ? -1 : 1) {
			v = o[i];
			if (predicate.call(thisArg, v, i, o))
				return wantIndex ? i : v;
		}
		return wantIndex ? -1 : undefined;
	};
}

function arrayIncludes(search) {
	var o = toObject(this, 'Array.prototype.includes');
	var len = toLength(o.length), i = toInteger(arguments[1]);
	if (i < 0)
		i = Math.max(len + i, 0);
	for (; i < len; i++)
		if (sameValueZero(o[i], search))
			return true;
	return false;
}

function arrayAt(index) {
	var o = toObject(this, 'Array.prototype.at');
	var len = toLength(o.length), i = toInteger(index);
	if (i < 0)
		i += len;
	return i < 0 || i >= len ? undefined : o[i];
}

/*
 * The key of Symbol.iterator (symbol.c): a string JavaScript cannot
 * spell, so no object has it unless ES2015 code put it there.
 */
var ITERATOR = native.iteratorKey;

/* The items of an iterable, or null for what has no Symbol.iterator. */
function iterate(items, what) {
	var f, it, step, r = [];
	if (typeof items === 'string')
		return codePoints(items);
	f = items[ITERATOR];
	if (f === undefined || f === null)
		return null;
	if (typeof f !== 'function')
		throw new TypeError(what === 'Array.from' ? '%Array%.from ' +
		    'requires that the property of the first argument, ' +
		    'items[Symbol.iterator], when exists, be a function' :
		    what + ': ' + typeof items + ' is not iterable');
	it = f.call(items);
	if (Object(it) !== it)
		throw new TypeError('Result of the Symbol.iterator method is ' +
		    'not an object');
	while (!(step = it.next()).done)
		r.push(step.value);
	return r;
}

/* A string's characters by code point, as its iterator gives them. */
function codePoints(s) {
	var r = [], i, c;
	for (i = 0; i < s.length; i++) {
		c = s.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length &&
		    (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00)
			r.push(s.substr(i++, 2));
		else
			r.push(s.charAt(i));
	}
	return r;
}

/* Array iterators: keys, values or entries of an array-like. */
var ITER_TARGET = native.hiddenKey + 'target';
var ITER_NEXT = native.hiddenKey + 'next';
var ITER_KIND = native.hiddenKey + 'kind';
function ArrayIterator(o, kind) {
	this[ITER_TARGET] = o;
	this[ITER_NEXT] = 0;
	this[ITER_KIND] = kind;
}
defineProperty(ArrayIterator.prototype, 'next', { configurable: true,
    writable: true, value: function () {
	var o = this[ITER_TARGET], i = this[ITER_NEXT], kind = this[ITER_KIND];
	if (o === undefined || i >= toLength(o.length)) {
		this[ITER_TARGET] = undefined;
		return { value: undefined, done: true };
	}
	this[ITER_NEXT] = i + 1;
	return { value: kind === 'keys' ? i : kind === 'values' ? o[i] :
	    [i, o[i]], done: false };
} });
defineProperty(ArrayIterator.prototype, ITERATOR, { configurable: true,
    writable: true, value: function () { return this; } });
defineProperty(ArrayIterator.prototype, native.toStringTagKey,
    { configurable: true, value: 'Array Iterator' });

function arrayIteration(kind) {
	return function () {
		return new ArrayIterator(toObject(this, 'Array.prototype.' + kind),
		    kind);
	};
}

/*@section string*/
var methods = {
	substr: function (start, length) {
		var s = thisString(this, 'substr'), size = s.length;
		var from = toInteger(start), n;
		if (from === -Infinity)
			from = 0;
		else if (from < 0)
			from = Math.max(size + from, 0);
		else
			from = Math.min(from, size);
		n = length === undefined ? size : toInteger(length);
		n = Math.min(Math.max(n, 0), size);
		return s.substring(from, Math.min(from + n, size));
	},
	startsWith: function (search) {
		var s = thisString(this, 'startsWith');
		var t = notRegExp(search, 'startsWith');
		var pos = Math.min(Math.max(toInteger(arguments[1]), 0), s.length);
		return s.substring(pos, pos + t.length) === t;
	},
	endsWith: function (search) {
		var s = thisString(this, 'endsWith');
		var t = notRegExp(search, 'endsWith'), end = arguments[1];
		end = end === undefined ? s.length :
		    Math.min(Math.max(toInteger(end), 0), s.length);
		return end - t.length >= 0 && s.substring(end - t.length, end) === t;
	},
	includes: function (search) {
		var s = thisString(this, 'includes');
		var t = notRegExp(search, 'includes');
		return s.indexOf(t, toInteger(arguments[1])) !== -1;
	},
	repeat: function (count) {
		var s = thisString(this, 'repeat'), n = toInteger(count);
		if (n < 0 || n === Infinity)
			throw new RangeError('Invalid count value: ' + n);
		return s === '' || n === 0 ? '' : repeat(s, n);
	},
	padStart: function (maxLength, fillString) {
		return pad(thisString(this, 'padStart'), maxLength, fillString, true);
	},
	padEnd: function (maxLength, fillString) {
		return pad(thisString(this, 'padEnd'), maxLength, fillString, false);
	},
	trimStart: function () {
		var s = thisString(this, 'trimStart'), t = s.trim();
		return t === '' ? '' : s.slice(s.indexOf(t));
	},
	trimEnd: function () {
		var s = thisString(this, 'trimEnd'), t = s.trim();
		return t === '' ? '' : s.slice(0, s.indexOf(t) + t.length);
	},
	codePointAt: function (pos) {
		var s = thisString(this, 'codePointAt'), i = toInteger(pos);
		if (i < 0 || i >= s.length)
			return undefined;
		var hi = s.charCodeAt(i), lo;
		if (hi < 0xd800 || hi > 0xdbff || i + 1 === s.length)
			return hi;
		lo = s.charCodeAt(i + 1);
		return lo < 0xdc00 || lo > 0xdfff ? hi :
		    (hi - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
	},
	at: function (index) {
		var s = thisString(this, 'at'), i = toInteger(index);
		if (i < 0)
			i += s.length;
		return i < 0 || i >= s.length ? undefined : s.charAt(i);
	}
};
methods.trimLeft = methods.trimStart;
methods.trimRight = methods.trimEnd;

return {
	'String.prototype': methods,
	String: {
		fromCodePoint: function (codePoint) {
			return native.fromCodePoint.apply(null, arguments);
		}
	},
	Math: {
		hypot: function (a, b) { return native.hypot.apply(null, arguments); }
	}
};

/*@section object*/
var statics = {
	assign: function (target, source) {
		var to = toObject(target, 'Object.assign'), i, j, from, keys;
		for (i = 1; i < arguments.length; i++) {
			if (arguments[i] === null || arguments[i] === undefined)
				continue;
			from = Object(arguments[i]);
			keys = Object.keys(from);
			for (j = 0; j < keys.length; j++)
				to[keys[j]] = from[keys[j]];
		}
		return to;
	},
	entries: function (o) {
		var obj = toObject(o, 'Object.entries'), keys = Object.keys(obj);
		var r = [], i;
		for (i = 0; i < keys.length; i++)
			r.push([keys[i], obj[keys[i]]]);
		return r;
	},
	values: function (o) {
		var obj = toObject(o, 'Object.values'), keys = Object.keys(obj);
		var r = [], i;
		for (i = 0; i < keys.length; i++)
			r.push(obj[keys[i]]);
		return r;
	},
	fromEntries: function (entries) {
		var list = toObject(entries, 'Object.fromEntries'), r = {}, i, e;
		list = iterate(list, 'Object.fromEntries') || list;
		for (i = 0; i < list.length; i++) {
			e = list[i];
			if (Object(e) !== e)
				throw new TypeError('Iterator value ' + e +
				    ' is not an entry object');
			defineProperty(r, String(e[0]), { value: e[1], writable: true,
			    enumerable: true, configurable: true });
		}
		return r;
	},
	is: function (a, b) {
		if (a === b)
			return a !== 0 || 1 / a === 1 / b;
		return a !== a && b !== b;
	},
	getOwnPropertyDescriptors: function (o) {
		var obj = toObject(o, 'Object.getOwnPropertyDescriptors');
		var names = Object.getOwnPropertyNames(obj), r = {}, i;
		for (i = 0; i < names.length; i++)
			r[names[i]] = Object.getOwnPropertyDescriptor(obj, names[i]);
		return r;
	}
};

function accessor(kind) {
	return function (name, fn) {
		var o = toObject(this, 'Object.prototype.__define' + kind + '__');
		var desc = { enumerable: true, configurable: true };
		if (typeof fn !== 'function')
			throw new TypeError('Object.prototype.__define' + kind +
			    '__: Expecting function');
		desc[kind === 'Getter' ? 'get' : 'set'] = fn;
		defineProperty(o, String(name), desc);
	};
}

function lookup(kind) {
	return function (name) {
		var o = toObject(this, 'Object.prototype.__lookup' + kind + '__');
		var key = String(name), d;
		for (; o !== null; o = Object.getPrototypeOf(o)) {
			d = Object.getOwnPropertyDescriptor(o, key);
			if (d)
				return kind === 'Getter' ? d.get : d.set;
		}
		return undefined;
	};
}

return {
	Object: statics,
	'Object.prototype': {
		__defineGetter__: accessor('Getter'),
		__defineSetter__: accessor('Setter'),
		__lookupGetter__: lookup('Getter'),
		__lookupSetter__: lookup('Setter')
	}
};

/*@section array*/
var statics = {
	from: function (items) {
		var mapFn = arguments[1], thisArg = arguments[2];
		var src = toObject(items, 'Array.from');
		if (!Array.isArray(src))
			src = iterate(typeof items === 'string' ? items : src,
			    'Array.from') || src;
		var len = toLength(src.length);
		var r = typeof this === 'function' && this !== Array ?
		    new this(len) : new Array(len), i;
		if (mapFn !== undefined)
			callable(mapFn, 'Array.from');
		for (i = 0; i < len; i++)
			r[i] = mapFn === undefined ? src[i] :
			    mapFn.call(thisArg, src[i], i);
		r.length = len;
		return r;
	},
	of: function () {
		var len = arguments.length, i;
		var r = typeof this === 'function' && this !== Array ?
		    new this(len) : new Array(len);
		for (i = 0; i < len; i++)
			r[i] = arguments[i];
		r.length = len;
		return r;
	}
};

function flatten(target, source, depth, mapFn, thisArg) {
	var len = toLength(source.length), i, v;
	for (i = 0; i < len; i++) {
		if (!(i in source))
			continue;
		v = mapFn ? mapFn.call(thisArg, source[i], i, source) : source[i];
		if (depth > 0 && Array.isArray(v))
			flatten(target, v, depth - 1);
		else
			target.push(v);
	}
	return target;
}

var methods = {
	find: finder(false, false),
	findIndex: finder(false, true),
	findLast: finder(true, false),
	findLastIndex: finder(true, true),
	includes: arrayIncludes,
	at: arrayAt,
	fill: function (value) {
		var o = toObject(this, 'Array.prototype.fill');
		var len = toLength(o.length);
		var i = relative(arguments[1], len, 0);
		var end = relative(arguments[2], len, len);
		for (; i < end; i++)
			o[i] = value;
		return o;
	}
};
methods.flat = function () {
	var depth = arguments[0] === undefined ? 1 : toInteger(arguments[0]);
	return flatten([], toObject(this, 'Array.prototype.flat'), depth);
};
methods.flatMap = function (fn) {
	return flatten([], toObject(this, 'Array.prototype.flatMap'), 1,
	    callable(fn, 'flatMap'), arguments[1]);
};
return { Array: statics, 'Array.prototype': methods };

/*@section typed*/
var typedArrays = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray',
    'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
    'Float32Array', 'Float64Array'];

/* numbers ascending, -0 before +0, NaN last: a typed array's default sort */
function numeric(a, b) {
	if (a !== a)
		return b !== b ? 0 : 1;
	if (b !== b)
		return -1;
	if (a === 0 && b === 0)
		return (1 / a < 0 ? -1 : 0) - (1 / b < 0 ? -1 : 0);
	return a < b ? -1 : a > b ? 1 : 0;
}

var result = {
	'TypedArray.prototype': {
		keys: arrayIteration('keys'),
		values: arrayIteration('values'),
		entries: arrayIteration('entries'),
		join: function (sep) {
			return arrayProto.join.call(this, sep === undefined ? ',' : sep);
		},
		toString: function () { return arrayProto.join.call(this, ','); },
		indexOf: arrayProto.indexOf,
		lastIndexOf: arrayProto.lastIndexOf,
		forEach: arrayProto.forEach,
		every: arrayProto.every,
		some: arrayProto.some,
		reduce: arrayProto.reduce,
		reduceRight: arrayProto.reduceRight,
		reverse: arrayProto.reverse,
		find: finder(false, false),
		findIndex: finder(false, true),
		findLast: finder(true, false),
		findLastIndex: finder(true, true),
		includes: arrayIncludes,
		at: arrayAt,
		map: function (fn) {
			var thisArg = arguments[1], len = this.length, i;
			var r = new this.constructor(len);
			callable(fn, 'map');
			for (i = 0; i < len; i++)
				r[i] = fn.call(thisArg, this[i], i, this);
			return r;
		},
		filter: function (fn) {
			var thisArg = arguments[1], kept = [], i;
			callable(fn, 'filter');
			for (i = 0; i < this.length; i++)
				if (fn.call(thisArg, this[i], i, this))
					kept.push(this[i]);
			return new this.constructor(kept);
		},
		sort: function (compare) {
			var a = slice.call(this), i;
			if (compare !== undefined)
				callable(compare, 'sort');
			a.sort(compare === undefined ? numeric : compare);
			for (i = 0; i < a.length; i++)
				this[i] = a[i];
			return this;
		}
	}
};
result['TypedArray.prototype'][ITERATOR] =
    result['TypedArray.prototype'].values;
typedArrays.forEach(function (name) {
	result[name] = {
		from: function (items) {
			var mapFn = arguments[1], thisArg = arguments[2];
			var src = toObject(items, name + '.from'), a = [], i;
			src = iterate(src, name + '.from') || src;
			var len = toLength(src.length);
			if (mapFn !== undefined)
				callable(mapFn, name + '.from');
			for (i = 0; i < len; i++)
				a.push(mapFn === undefined ? src[i] :
				    mapFn.call(thisArg, src[i], i));
			return new this(a);
		},
		of: function () {
			return new this(slice.call(arguments));
		}
	};
});
return result;

/*@section buffer*/

function Buffer(arg, encodingOrOffset, length) {
	if (typeof arg === 'number')
		return Buffer.alloc(arg);
	return Buffer.from(arg, encodingOrOffset, length);
}

function isBytes(v) {
	return typeof v === 'object' && v !== null && ArrayBuffer.isView(v);
}

function toBytes(v, what) {
	if (!(isBytes(v)))
		throw new TypeError('The "' + what + '" argument must be an ' +
		    'instance of Buffer or Uint8Array.');
	return v;
}

Buffer.prototype = Object.create(Uint8Array.prototype);
defineProperty(Buffer.prototype, 'constructor', { value: Buffer,
    writable: true, enumerable: false, configurable: true });
var bproto = Buffer.prototype;

define(Buffer, {
	from: function (value, encodingOrOffset, length) {
		var b, i;
		if (typeof value === 'string')
			return native.bytesFrom(bproto, value, encodingOrOffset);
		if (value instanceof ArrayBuffer)
			return native.viewBytes(bproto, value, encodingOrOffset,
			    length);
		if (typeof value === 'object' && value !== null) {
			if (value.type === 'Buffer' && Array.isArray(value.data))
				value = value.data;
			if (isBytes(value) || typeof value.length === 'number') {
				b = native.newBytes(bproto, toLength(value.length));
				for (i = 0; i < b.length; i++)
					b[i] = value[i];
				return b;
			}
		}
		throw new TypeError('The first argument must be of type string ' +
		    'or an instance of Buffer, ArrayBuffer, or Array or an ' +
		    'Array-like Object. Received ' + (value === null ? 'null' :
		    typeof value));
	},
	alloc: function (size, fill, encoding) {
		if (typeof size !== 'number')
			throw new TypeError('The "size" argument must be of type ' +
			    'number. Received type ' + typeof size);
		var b = native.newBytes(bproto, size), pat, i;
		if (fill === undefined || fill === 0)
			return b;
		if (typeof fill === 'number')
			return b.fill(fill);
		pat = typeof fill === 'string' ?
		    native.bytesFrom(bproto, fill, encoding) : toBytes(fill, 'fill');
		if (pat.length === 0)
			return b;
		for (i = 0; i < b.length; i++)
			b[i] = pat[i % pat.length];
		return b;
	},
	allocUnsafe: function (size) { return Buffer.alloc(size); },
	isBuffer: function (b) { return b instanceof Buffer; },
	isEncoding: function (e) {
		return typeof e === 'string' && /^(utf-?8|hex|base64(url)?|latin1|binary|ascii|utf-?16le|ucs-?2)$/i.test(e);
	},
	byteLength: function (v, encoding) {
		if (typeof v === 'string')
			return native.byteLength(v, encoding);
		if (isBytes(v) || v instanceof ArrayBuffer)
			return v.byteLength;
		throw new TypeError('The "string" argument must be of type ' +
		    'string or an instance of Buffer or ArrayBuffer.');
	},
	concat: function (list, totalLength) {
		var n = 0, i, j, at = 0, b;
		if (!Array.isArray(list))
			throw new TypeError('The "list" argument must be an ' +
			    'instance of Array.');
		for (i = 0; i < list.length; i++)
			n += toBytes(list[i], 'list[' + i + ']').length;
		b = native.newBytes(bproto, totalLength === undefined ? n :
		    totalLength);
		for (i = 0; i < list.length && at < b.length; i++)
			for (j = 0; j < list[i].length && at < b.length; j++)
				b[at++] = list[i][j];
		return b;
	},
	compare: function (a, b) { return toBytes(a, 'buf1').compare(b); }
});

define(bproto, {
	toString: function (encoding, start, end) {
		var len = this.length;
		start = start === undefined ? 0 : Math.max(toInteger(start), 0);
		end = end === undefined ? len : Math.min(toInteger(end), len);
		if (end <= start)
			return '';
		return native.bytesToString(this, encoding, start, end);
	},
	toJSON: function () {
		return { type: 'Buffer', data: slice.call(this) };
	},
	equals: function (other) {
		return this.compare(toBytes(other, 'otherBuffer')) === 0;
	},
	compare: function (other) {
		var a = this, b = toBytes(other, 'target'), i;
		var n = Math.min(a.length, b.length);
		for (i = 0; i < n; i++)
			if (a[i] !== b[i])
				return a[i] < b[i] ? -1 : 1;
		return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
	},
	copy: function (target, targetStart, sourceStart, sourceEnd) {
		var t = toBytes(target, 'target');
		var ts = targetStart === undefined ? 0 : toInteger(targetStart);
		var ss = sourceStart === undefined ? 0 : toInteger(sourceStart);
		var se = sourceEnd === undefined ? this.length :
		    Math.min(toInteger(sourceEnd), this.length);
		var n = Math.max(Math.min(se - ss, t.length - ts), 0);
		t.set(this.subarray(ss, ss + n), ts);
		return n;
	},
	slice: function (start, end) { return this.subarray(start, end); },
	write: function (string, offset, length, encoding) {
		if (typeof offset === 'string') {
			encoding = offset;
			offset = length = undefined;
		} else if (typeof length === 'string') {
			encoding = length;
			length = undefined;
		}
		var src = native.bytesFrom(bproto, string, encoding);
		var at = offset === undefined ? 0 : toInteger(offset);
		var n = Math.min(src.length, this.length - at,
		    length === undefined ? Infinity : toInteger(length));
		if (n <= 0)
			return 0;
		this.set(src.subarray(0, n), at);
		return n;
	},
	readUInt8: function (o) { return this[o === undefined ? 0 : o]; },
	readUInt16BE: function (o) { o = o || 0; return this[o] * 256 + this[o + 1]; },
	readUInt16LE: function (o) { o = o || 0; return this[o + 1] * 256 + this[o]; },
	readUInt32BE: function (o) {
		o = o || 0;
		return this[o] * 0x1000000 + (this[o + 1] << 16 | this[o + 2] << 8 | this[o + 3]);
	},
	readUInt32LE: function (o) {
		o = o || 0;
		return this[o + 3] * 0x1000000 + (this[o + 2] << 16 | this[o + 1] << 8 | this[o]);
	},
	readInt32BE: function (o) {
		o = o || 0;
		return this[o] << 24 | this[o + 1] << 16 | this[o + 2] << 8 | this[o + 3];
	},
	readInt32LE: function (o) {
		o = o || 0;
		return this[o + 3] << 24 | this[o + 2] << 16 | this[o + 1] << 8 | this[o];
	}
});

var TextEncoder = function TextEncoder() {};
define(TextEncoder.prototype, {
	encode: function (s) {
		return native.bytesFrom(Uint8Array.prototype,
		    s === undefined ? '' : s, 'utf8');
	}
});
defineProperty(TextEncoder.prototype, 'encoding', { value: 'utf-8' });
var TextDecoder = function TextDecoder() {};
define(TextDecoder.prototype, {
	decode: function (bytes) {
		if (bytes === undefined)
			return '';
		if (bytes instanceof ArrayBuffer)
			bytes = new Uint8Array(bytes);
		return native.bytesToString(toBytes(bytes, 'input'), 'utf8');
	}
});
defineProperty(TextDecoder.prototype, 'encoding', { value: 'utf-8' });
return { globalThis: {
	Buffer: Buffer,
	TextEncoder: TextEncoder,
	TextDecoder: TextDecoder,
	btoa: function (s) {
		s = String(s);
		if (/[^\u0000-\u00ff]/.test(s))
			throw new Error('Invalid character');
		return native.bytesFrom(bproto, s, 'latin1').toString('base64');
	},
	atob: function (s) {
		return native.bytesFrom(bproto, String(s), 'base64')
		    .toString('latin1');
	}
} };

/*@section es2015*/
/*
 * The iteration protocol of arrays and strings, and Reflect.  Symbol,
 * Map, Set, WeakMap and WeakSet are C (symbol.c, collections.c), made
 * just before this runs.
 */
var values = arrayIteration('values');
defineProperty(arrayProto, ITERATOR, { value: values, writable: true,
    configurable: true });

function StringIterator(s) {
	this[ITER_TARGET] = s;
	this[ITER_NEXT] = 0;
}
define(StringIterator.prototype, {
	next: function () {
		var s = this[ITER_TARGET], i = this[ITER_NEXT], c;
		if (s === undefined || i >= s.length) {
			this[ITER_TARGET] = undefined;
			return { value: undefined, done: true };
		}
		c = s.charCodeAt(i);
		var n = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length &&
		    (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
		this[ITER_NEXT] = i + n;
		return { value: s.substr(i, n), done: false };
	}
});
defineProperty(StringIterator.prototype, ITERATOR, { configurable: true,
    writable: true, value: function () { return this; } });
defineProperty(StringIterator.prototype, native.toStringTagKey,
    { configurable: true, value: 'String Iterator' });
defineProperty(String.prototype, ITERATOR, { writable: true,
    configurable: true, value: function () {
	return new StringIterator(thisString(this, '[Symbol.iterator]'));
} });

function target(t, what) {
	if (Object(t) !== t)
		throw new TypeError('Reflect.' + what + ' called on non-object');
	return t;
}

function argList(args) {
	if (Object(args) !== args)
		throw new TypeError('CreateListFromArrayLike called on non-object');
	return slice.call(args);
}

var Reflect = {};
define(Reflect, {
	apply: function (f, thisArg, args) {
		if (typeof f !== 'function')
			throw new TypeError('Function.prototype.apply was called on ' +
			    String(f) + ', which is a ' + typeof f +
			    ' and not a function');
		return Function.prototype.apply.call(f, thisArg, argList(args));
	},
	construct: function (F, args) {
		var newTarget = arguments.length > 2 ? arguments[2] : F, o, r;
		if (typeof F !== 'function')
			throw new TypeError(String(F) + ' is not a constructor');
		if (typeof newTarget !== 'function')
			throw new TypeError(String(newTarget) + ' is not a constructor');
		args = argList(args);
		if (newTarget === F)
			return new (Function.prototype.bind.apply(F,
			    [null].concat(args)))();
		o = Object.create(newTarget.prototype);
		r = F.apply(o, args);
		return Object(r) === r ? r : o;
	},
	defineProperty: function (t, key, desc) {
		target(t, 'defineProperty');
		try {
			Object.defineProperty(t, key, desc);
			return true;
		} catch (e) {
			return false;
		}
	},
	deleteProperty: function (t, key) {
		target(t, 'deleteProperty');
		try {
			return delete t[key];
		} catch (e) {
			return false;
		}
	},
	get: function (t, key) {
		var receiver = arguments.length > 2 ? arguments[2] : t, o, d;
		target(t, 'get');
		if (receiver === t)
			return t[key];
		for (o = t; o !== null; o = Object.getPrototypeOf(o)) {
			d = Object.getOwnPropertyDescriptor(o, key);
			if (d)
				return 'value' in d ? d.value :
				    d.get === undefined ? undefined : d.get.call(receiver);
		}
		return undefined;
	},
	set: function (t, key, value) {
		target(t, 'set');
		try {
			t[key] = value;
			return true;
		} catch (e) {
			return false;
		}
	},
	has: function (t, key) {
		return key in target(t, 'has');
	},
	getOwnPropertyDescriptor: function (t, key) {
		return Object.getOwnPropertyDescriptor(
		    target(t, 'getOwnPropertyDescriptor'), key);
	},
	getPrototypeOf: function (t) {
		return Object.getPrototypeOf(target(t, 'getPrototypeOf'));
	},
	setPrototypeOf: function (t, proto) {
		target(t, 'setPrototypeOf');
		if (proto !== null && Object(proto) !== proto)
			throw new TypeError('Object prototype may only be an ' +
			    'Object or null: ' + String(proto));
		return native.setPrototypeOf(t, proto);
	},
	isExtensible: function (t) {
		return Object.isExtensible(target(t, 'isExtensible'));
	},
	preventExtensions: function (t) {
		Object.preventExtensions(target(t, 'preventExtensions'));
		return true;
	},
	/* in ES2015's order already (js/keyorder.c) */
	ownKeys: function (t) {
		return Object.getOwnPropertyNames(target(t, 'ownKeys'))
		    .concat(native.ownSymbols(t));
	}
});
defineProperty(Reflect, native.toStringTagKey, { configurable: true,
    value: 'Reflect' });

return {
	globalThis: { Reflect: Reflect },
	Object: { getOwnPropertySymbols: Object.getOwnPropertySymbols },
	'Array.prototype': {
		keys: arrayIteration('keys'),
		values: values,
		entries: arrayIteration('entries')
	}
};
