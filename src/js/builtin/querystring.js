/*
 * querystring: Node's parse/stringify of a=1&b=2 strings.  parse gives an
 * object without a prototype; a key that repeats gives an array.
 */
'use strict';

var errors = require('internal/errors');

function hexVal(c) {
	if (c >= 0x30 && c <= 0x39)
		return c - 0x30;
	if (c >= 0x41 && c <= 0x46)
		return c - 0x37;
	if (c >= 0x61 && c <= 0x66)
		return c - 0x57;
	return -1;
}

/* s percent-decoded into bytes; bad escapes are kept as they are */
function unescapeBytes(s, decodeSpaces) {
	var bytes = errors.utf8Bytes(s), out = [], i, h, l;
	for (i = 0; i < bytes.length; i++) {
		if (bytes[i] === 0x2b && decodeSpaces)
			out.push(0x20);
		else if (bytes[i] === 0x25 && i + 2 < bytes.length &&
		    (h = hexVal(bytes[i + 1])) >= 0 && (l = hexVal(bytes[i + 2])) >= 0) {
			out.push(h * 16 + l);
			i += 2;
		} else {
			out.push(bytes[i]);
		}
	}
	return out;
}

function unescapeBuffer(s, decodeSpaces) {
	return Buffer.from(unescapeBytes(s, decodeSpaces));
}

/* decodeURIComponent, except that a bad sequence is U+FFFD, not a throw */
function qsUnescape(s, decodeSpaces) {
	if (s.indexOf('%') === -1 && !(decodeSpaces && s.indexOf('+') !== -1))
		return s;
	return errors.utf8Decode(unescapeBytes(s, decodeSpaces));
}

function qsEscape(str) {
	if (typeof str !== 'string') {
		if (typeof str === 'object')
			str = String(str);
		else
			str += '';
	}
	return encodeURIComponent(str);
}

function stringifyPrimitive(v) {
	if (typeof v === 'string')
		return v;
	if (typeof v === 'number' && isFinite(v))
		return '' + v;
	if (typeof v === 'boolean')
		return v ? 'true' : 'false';
	return '';
}

function stringify(obj, sep, eq, options) {
	var encode = exports.escape, keys, fields = '', i, j, k, v, ks;
	sep = sep || '&';
	eq = eq || '=';
	if (options && typeof options.encodeURIComponent === 'function')
		encode = options.encodeURIComponent;
	function convert(x) { return encode(stringifyPrimitive(x)); }
	if (obj === null || typeof obj !== 'object')
		return '';
	keys = Object.keys(obj);
	for (i = 0; i < keys.length; i++) {
		k = keys[i];
		v = obj[k];
		ks = convert(k) + eq;
		if (Array.isArray(v)) {
			if (v.length === 0)
				continue;
			if (fields)
				fields += sep;
			for (j = 0; j < v.length; j++) {
				if (j)
					fields += sep;
				fields += ks + convert(v[j]);
			}
		} else {
			if (fields)
				fields += sep;
			fields += ks + convert(v);
		}
	}
	return fields;
}

function parse(qs, sep, eq, options) {
	var obj = Object.create(null), pairs = 1000, decode = exports.unescape;
	var parts, i, piece, at, key, value, cur;

	if (typeof qs !== 'string' || qs.length === 0)
		return obj;
	sep = sep ? String(sep) : '&';
	eq = eq ? String(eq) : '=';
	if (options && typeof options.maxKeys === 'number')
		pairs = options.maxKeys > 0 ? options.maxKeys : 0;
	if (options && typeof options.decodeURIComponent === 'function')
		decode = options.decodeURIComponent;
	function dec(s) {
		if (s.indexOf('+') === -1 && s.indexOf('%') === -1)
			return s;
		s = s.replace(/\+/g, ' ');
		try {
			return decode(s);
		} catch (e) {
			return exports.unescape(s, true);
		}
	}
	parts = qs.split(sep);
	for (i = 0; i < parts.length; i++) {
		if (pairs !== 0 && i >= pairs)
			break;
		piece = parts[i];
		if (piece.length === 0)
			continue;
		at = piece.indexOf(eq);
		if (at === -1) {
			key = piece;
			value = '';
		} else {
			key = piece.slice(0, at);
			value = piece.slice(at + eq.length);
		}
		key = dec(key);
		value = dec(value);
		cur = obj[key];
		if (cur === undefined)
			obj[key] = value;
		else if (Array.isArray(cur))
			cur.push(value);
		else
			obj[key] = [cur, value];
	}
	return obj;
}

exports.unescapeBuffer = unescapeBuffer;
exports.unescape = qsUnescape;
exports.escape = qsEscape;
exports.stringify = stringify;
exports.encode = stringify;
exports.parse = parse;
exports.decode = parse;
