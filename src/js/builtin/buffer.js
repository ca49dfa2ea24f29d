/*
 * buffer: the global Buffer (src/js/prelude.js) as Node's buffer module,
 * with SlowBuffer, the limits, and atob/btoa.
 */
'use strict';

var Buffer = globalThis.Buffer;

if (typeof Buffer.allocUnsafeSlow !== 'function') {
	Object.defineProperty(Buffer, 'allocUnsafeSlow', { writable: true,
	    configurable: true, value: function allocUnsafeSlow(size) {
		return Buffer.allocUnsafe(size);
	} });
}

function SlowBuffer(size) {
	return Buffer.allocUnsafeSlow(size);
}
SlowBuffer.prototype = Buffer.prototype;

var kMaxLength = 2147483647;
var kStringMaxLength = 268435455;	/* MuJS's longest string */

function isAscii(input) {
	var b = new Uint8Array(input.buffer || input, input.byteOffset || 0,
	    input.byteLength), i;
	for (i = 0; i < b.length; i++)
		if (b[i] > 0x7f)
			return false;
	return true;
}

function isUtf8(input) {
	var b = new Uint8Array(input.buffer || input, input.byteOffset || 0,
	    input.byteLength), i = 0, n, c, cp, min;
	while (i < b.length) {
		c = b[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1; cp = c & 0x1f; min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2; cp = c & 0x0f; min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3; cp = c & 0x07; min = 0x10000;
		} else {
			return false;
		}
		for (var k = 1; k <= n; k++) {
			if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80)
				return false;
			cp = cp << 6 | (b[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += n + 1;
	}
	return true;
}

exports.Buffer = Buffer;
exports.SlowBuffer = SlowBuffer;
exports.kMaxLength = kMaxLength;
exports.kStringMaxLength = kStringMaxLength;
exports.constants = { MAX_LENGTH: kMaxLength,
    MAX_STRING_LENGTH: kStringMaxLength };
exports.INSPECT_MAX_BYTES = 50;
exports.atob = function (s) { return atob(s); };
exports.btoa = function (s) { return btoa(s); };
exports.isAscii = isAscii;
exports.isUtf8 = isUtf8;
