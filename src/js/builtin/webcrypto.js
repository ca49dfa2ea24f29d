/*
 * internal/webcrypto: the Web Crypto API, the global crypto (Crypto,
 * with getRandomValues, randomUUID and subtle) that require('crypto')
 * also gives as webcrypto.  Kept apart from crypto.js so that the first
 * read of the global, which packages do to see what they have, compiles
 * only this.  subtle has digest (SHA-1/256/384/512) and HMAC keys
 * (importKey, exportKey, generateKey, sign, verify); its Promises settle
 * on the request's event loop.  The other methods reject with
 * NotSupportedError.
 */
'use strict';

var u8proto = Uint8Array.prototype;
var internalProto = {};		/* for the hash objects subtle makes */

function errors() {
	return require('internal/errors');
}

function coded(Ctor, code, message) {
	var e = new Ctor(message);
	e.code = code;
	return e;
}

function isView(v) {
	return typeof v === 'object' && v !== null && ArrayBuffer.isView(v);
}

/* a copy of bytes in a new Uint8Array */
function copyBytes(v) {
	return new Uint8Array(v);
}

function base64url(bytes) {
	return Buffer.from(bytes).toString('base64url');
}

var domCodes = { IndexSizeError: 1, SyntaxError: 12, InvalidAccessError: 15,
    TypeMismatchError: 17, NotSupportedError: 9, QuotaExceededError: 22,
    InvalidStateError: 11 };

function DOMException(message, name) {
	if (!(this instanceof DOMException))
		throw new TypeError("Class constructor DOMException cannot be " +
		    "invoked without 'new'");
	this.message = message === undefined ? '' : String(message);
	this.name = name === undefined ? 'Error' : String(name);
	this.code = domCodes[this.name] || 0;
}
DOMException.prototype = Object.create(Error.prototype, {
	constructor: { value: DOMException, writable: true, configurable: true }
});

var integerArrays = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray',
    'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array'];

function getRandomValues(data) {
	var ok = false, i;
	for (i = 0; i < integerArrays.length && !ok; i++)
		ok = data instanceof globalThis[integerArrays[i]];
	if (!ok)
		throw new DOMException('The data argument must be an integer-type ' +
		    'TypedArray', 'TypeMismatchError');
	if (data.byteLength > 65536)
		throw new DOMException('The requested length exceeds 65,536 bytes',
		    'QuotaExceededError');
	native.randomFill(data, 0, data.byteLength);
	return data;
}

var shaNames = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384',
    'SHA-512': 'sha512' };

function algorithmName(algorithm) {
	var name = typeof algorithm === 'string' ? algorithm :
	    algorithm && typeof algorithm === 'object' ? algorithm.name : undefined;
	if (typeof name !== 'string')
		throw new TypeError('Algorithm: name: Missing or not a string');
	return name.toUpperCase();
}

function hashName(algorithm) {
	var name = algorithmName(algorithm);
	if (!shaNames.hasOwnProperty(name))
		throw new DOMException('Unrecognized algorithm name',
		    'NotSupportedError');
	return name;
}

var ordinals = ['1st', '2nd', '3rd', '4th', '5th'];

/* a BufferSource argument of a SubtleCrypto method, as bytes */
function bufferSource(data, method, n) {
	if (isView(data))
		return data;
	if (data instanceof ArrayBuffer)
		return new Uint8Array(data);
	throw coded(TypeError, 'ERR_INVALID_ARG_TYPE', "Failed to execute '" +
	    method + "' on 'SubtleCrypto': " + ordinals[n - 1] + ' argument ' +
	    'is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.');
}

function arrayBuffer(buf) {
	return buf.buffer.byteLength === buf.length ? buf.buffer :
	    buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length);
}

function CryptoKey() {
	throw coded(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
}

function isCryptoKey(v) {
	return v instanceof CryptoKey;
}

function newCryptoKey(bytes, hash, extractable, usages) {
	var key = Object.create(CryptoKey.prototype);
	Object.defineProperty(key, '_bytes', { value: bytes });
	Object.defineProperty(key, 'type', { value: 'secret', enumerable: true });
	Object.defineProperty(key, 'extractable', { value: !!extractable,
	    enumerable: true });
	Object.defineProperty(key, 'algorithm', { enumerable: true,
	    value: { name: 'HMAC', length: bytes.length * 8,
	    hash: { name: hash } } });
	Object.defineProperty(key, 'usages', { value: usages.slice(),
	    enumerable: true });
	return key;
}

function usagesOf(keyUsages) {
	if (!Array.isArray(keyUsages))
		throw errors().invalidArgType('keyUsages', 'an instance of Array',
		    keyUsages);
	for (var i = 0; i < keyUsages.length; i++)
		if (keyUsages[i] !== 'sign' && keyUsages[i] !== 'verify')
			throw new DOMException('Unsupported key usage for an HMAC key',
			    'SyntaxError');
	return keyUsages;
}

function hmacAlgorithm(algorithm) {
	var name = algorithmName(algorithm);
	if (name !== 'HMAC')
		throw new DOMException('Unrecognized algorithm name',
		    'NotSupportedError');
	return hashName(typeof algorithm === 'object' ? algorithm.hash :
	    undefined);
}

function hmacKey(key, usage, algorithm) {
	if (algorithmName(algorithm) !== 'HMAC')
		throw new DOMException('Unrecognized algorithm name',
		    'NotSupportedError');
	if (!isCryptoKey(key))
		throw errors().invalidArgType('key', 'an instance of CryptoKey', key);
	if (key.algorithm.name !== 'HMAC' || key.usages.indexOf(usage) === -1)
		throw new DOMException('Unable to use this key to ' + usage,
		    'InvalidAccessError');
	return key;
}

function promised(fn) {
	return function () {
		var args = arguments, self = this;
		return new Promise(function (resolve) {
			resolve(fn.apply(self, args));
		});
	};
}

function SubtleCrypto() {
	throw coded(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
}
var subtle = Object.create(SubtleCrypto.prototype);

SubtleCrypto.prototype.digest = promised(function (algorithm, data) {
	var name = hashName(algorithm);
	var h = native.hashNew(internalProto, shaNames[name]);
	native.update(h, bufferSource(data, 'digest', 2));
	return arrayBuffer(native.digest(h, u8proto));
});

SubtleCrypto.prototype.importKey = promised(function (format, keyData,
    algorithm, extractable, keyUsages) {
	var hash = hmacAlgorithm(algorithm), bytes;
	usagesOf(keyUsages);
	if (format === 'raw') {
		bytes = copyBytes(bufferSource(keyData, 'importKey', 2));
	} else if (format === 'jwk') {
		if (!keyData || keyData.kty !== 'oct' || typeof keyData.k !== 'string')
			throw new DOMException('Invalid keyData', 'DataError');
		bytes = copyBytes(Buffer.from(keyData.k, 'base64url'));
	} else {
		throw new DOMException('Unable to import HMAC key with format ' +
		    format, 'NotSupportedError');
	}
	if (bytes.length === 0)
		throw new DOMException('Zero-length key is not supported',
		    'DataError');
	if (typeof algorithm === 'object' && algorithm.length !== undefined &&
	    algorithm.length !== bytes.length * 8)
		throw new DOMException('Invalid key length', 'DataError');
	return newCryptoKey(bytes, hash, extractable, keyUsages);
});

SubtleCrypto.prototype.exportKey = promised(function (format, key) {
	if (!isCryptoKey(key))
		throw errors().invalidArgType('key', 'an instance of CryptoKey', key);
	if (!key.extractable)
		throw new DOMException('key is not extractable', 'InvalidAccessException');
	if (format === 'raw')
		return arrayBuffer(copyBytes(key._bytes));
	if (format === 'jwk')
		return { kty: 'oct', k: base64url(key._bytes),
		    alg: 'HS' + key.algorithm.hash.name.slice(4),
		    key_ops: key.usages.slice(), ext: true };
	throw new DOMException('Unable to export a raw HMAC key with format ' +
	    format, 'NotSupportedError');
});

SubtleCrypto.prototype.generateKey = promised(function (algorithm,
    extractable, keyUsages) {
	var hash = hmacAlgorithm(algorithm);
	usagesOf(keyUsages);
	var length = typeof algorithm === 'object' && algorithm.length !==
	    undefined ? algorithm.length : { 'SHA-1': 512, 'SHA-256': 512,
	    'SHA-384': 1024, 'SHA-512': 1024 }[hash];
	if (typeof length !== 'number' || length % 8 !== 0 || length === 0)
		throw new DOMException('Invalid key length', 'OperationError');
	return newCryptoKey(native.randomBytes(length / 8, u8proto), hash,
	    extractable, keyUsages);
});

function hmacOf(key, data, method, n) {
	var h = native.hmacNew(internalProto, shaNames[key.algorithm.hash.name],
	    key._bytes);
	native.update(h, bufferSource(data, method, n));
	return native.digest(h, u8proto);
}

SubtleCrypto.prototype.sign = promised(function (algorithm, key, data) {
	return arrayBuffer(hmacOf(hmacKey(key, 'sign', algorithm), data, 'sign',
	    3));
});

SubtleCrypto.prototype.verify = promised(function (algorithm, key,
    signature, data) {
	var sig = bufferSource(signature, 'verify', 3);
	var mac = hmacOf(hmacKey(key, 'verify', algorithm), data, 'verify', 4);
	return sig.byteLength === mac.length && native.timingSafeEqual(mac, sig);
});

['encrypt', 'decrypt', 'deriveBits', 'deriveKey', 'wrapKey',
    'unwrapKey'].forEach(function (name) {
	SubtleCrypto.prototype[name] = promised(function () {
		throw new DOMException('crypto.subtle.' + name + ' is not ' +
		    'available in fnpool', 'NotSupportedError');
	});
});

function Crypto() {
	throw coded(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
}
var webcrypto = Object.create(Crypto.prototype);
Object.defineProperty(Crypto.prototype, 'subtle', {
	get: function () { return subtle; }, enumerable: true
});
Crypto.prototype.getRandomValues = getRandomValues;
Crypto.prototype.randomUUID = function () { return randomUUID(); };

var hex = [];
for (var hi = 0; hi < 256; hi++)
	hex.push((hi < 16 ? '0' : '') + hi.toString(16));

/* a version 4 UUID from 16 random bytes */
function randomUUID() {
	var b = native.randomBytes(16, u8proto);
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	return hex[b[0]] + hex[b[1]] + hex[b[2]] + hex[b[3]] + '-' +
	    hex[b[4]] + hex[b[5]] + '-' + hex[b[6]] + hex[b[7]] + '-' +
	    hex[b[8]] + hex[b[9]] + '-' + hex[b[10]] + hex[b[11]] +
	    hex[b[12]] + hex[b[13]] + hex[b[14]] + hex[b[15]];
}

exports.webcrypto = webcrypto;
exports.subtle = subtle;
exports.Crypto = Crypto;
exports.CryptoKey = CryptoKey;
exports.SubtleCrypto = SubtleCrypto;
exports.DOMException = DOMException;
exports.getRandomValues = getRandomValues;
exports.randomUUID = randomUUID;
exports.isCryptoKey = isCryptoKey;
