/*
 * crypto: Node's crypto module on crypto.c's helpers (`native`), which
 * call OpenSSL; its webcrypto (the global crypto) is webcrypto.js.  Argument checks
 * and error messages are Node 20's.  Callback forms (pbkdf2, scrypt,
 * randomBytes, ...) compute at once and call back from a microtask;
 * crypto.subtle's Promises settle on the request's event loop.
 * Not here: ciphers (createCipheriv), Diffie-Hellman, X509Certificate,
 * JWK keys, streams on Hash and friends.
 */
'use strict';

var errors = require('internal/errors');
var Buffer = globalThis.Buffer;
var bproto = Buffer.prototype;
var coded = errors.coded;

var BYTES = 'of type string or an instance of Buffer, TypedArray, or DataView';
var BUFFER_SOURCE = 'of type string or an instance of ArrayBuffer, ' +
    'Buffer, TypedArray, or DataView';

function isView(v) {
	return typeof v === 'object' && v !== null && ArrayBuffer.isView(v);
}

function isBufferSource(v) {
	return isView(v) || v instanceof ArrayBuffer;
}

function later(fn) {
	var args = Array.prototype.slice.call(arguments, 1);
	queueMicrotask(function () { fn.apply(undefined, args); });
}

function encoded(buf, encoding) {
	return encoding !== undefined && encoding !== 'buffer' &&
	    Buffer.isEncoding(encoding) ? buf.toString(encoding) : buf;
}

/* a string in encoding, or bytes, as a Buffer or view for the natives */
function toBytes(v, name, encoding, expected) {
	if (typeof v === 'string')
		return Buffer.from(v, Buffer.isEncoding(encoding) ? encoding : 'utf8');
	if (isView(v))
		return v;
	if (v instanceof ArrayBuffer)
		return new Uint8Array(v);
	throw errors.invalidArgType(name, expected || BUFFER_SOURCE, v);
}

/* ---- Hash, Hmac ----------------------------------------------------------- */

function update(data, encoding) {
	if (typeof data === 'string')
		native.update(this, data, Buffer.isEncoding(encoding) ? encoding :
		    'utf8');
	else if (isView(data))
		native.update(this, data);
	else
		throw errors.invalidArgType('data', BYTES, data);
	return this;
}

function Hash(algorithm, options) {
	errors.validateString(algorithm, 'algorithm');
	var h = native.hashNew(Hash.prototype, algorithm);
	if (h === null)
		throw new Error('Digest method not supported');
	if (options && options.outputLength !== undefined) {
		errors.validateInteger(options.outputLength,
		    'options.outputLength', 0, 2147483647);
		Object.defineProperty(h, '_outputLength',
		    { value: options.outputLength });
	}
	return h;
}
Hash.prototype.update = update;
Hash.prototype.digest = function (encoding) {
	return native.digest(this, bproto, this._outputLength, encoding);
};
Hash.prototype.copy = function (options) {
	var c = native.hashCopy(this, Hash.prototype);
	if (options && options.outputLength !== undefined)
		Object.defineProperty(c, '_outputLength',
		    { value: options.outputLength });
	return c;
};

function secretBytes(key, encoding) {
	if (typeof key === 'string' && (encoding === undefined ||
	    encoding === 'utf8'))
		return key;		/* encoded by hmacNew */
	if (isKeyObject(key)) {
		if (key.type !== 'secret')
			throw coded(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE',
			    'Invalid key object type ' + key.type +
			    ', expected secret.');
		return key._bytes;
	}
	if (isCryptoKey(key))
		return key._bytes;
	return toBytes(key, 'key', encoding, 'of type string or an ' +
	    'instance of ArrayBuffer, Buffer, TypedArray, DataView, ' +
	    'KeyObject, or CryptoKey');
}

function Hmac(hmac, key, options) {
	errors.validateString(hmac, 'hmac');
	var k = secretBytes(key, options && options.encoding);
	var h = native.hmacNew(Hmac.prototype, hmac, k);
	if (h === null)
		throw coded(TypeError, 'ERR_CRYPTO_INVALID_DIGEST',
		    'Invalid digest: ' + hmac);
	return h;
}
Hmac.prototype.update = update;
Hmac.prototype.digest = function (encoding) {
	return native.digest(this, bproto, undefined, encoding);
};

/* ---- keys ----------------------------------------------------------------- */

function KeyObject() {
	throw coded(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
}

function SecretKeyObject(bytes) {
	Object.defineProperty(this, '_bytes', { value: bytes });
}
SecretKeyObject.prototype = Object.create(KeyObject.prototype, {
	constructor: { value: SecretKeyObject, writable: true, configurable: true }
});
Object.defineProperty(SecretKeyObject.prototype, 'type', { value: 'secret' });
Object.defineProperty(SecretKeyObject.prototype, 'symmetricKeySize', {
	get: function () { return this._bytes.length; }
});
SecretKeyObject.prototype.export = function (options) {
	if (options !== undefined)
		errors.validateObject(options, 'options');
	if (options && options.format === 'jwk')
		return { kty: 'oct', k: Buffer.from(this._bytes).toString('base64url') };
	return Buffer.from(this._bytes);
};
SecretKeyObject.prototype.equals = function (other) {
	return isKeyObject(other) && other.type === 'secret' &&
	    other._bytes.length === this._bytes.length &&
	    native.timingSafeEqual(this._bytes, other._bytes);
};

function AsymmetricKeyObject() {
	throw coded(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
}
AsymmetricKeyObject.prototype = Object.create(KeyObject.prototype, {
	constructor: { value: AsymmetricKeyObject, writable: true,
	    configurable: true }
});
Object.defineProperty(AsymmetricKeyObject.prototype, 'asymmetricKeyType', {
	get: function () { return native.keyInfo(this).type; }
});
Object.defineProperty(AsymmetricKeyObject.prototype, 'asymmetricKeyDetails', {
	get: function () {
		var info = native.keyInfo(this);
		if (info.type === 'rsa' || info.type === 'rsa-pss')
			return { modulusLength: info.bits,
			    publicExponent: info.exponent };
		if (info.type === 'ec')
			return { namedCurve: info.curve };
		return {};
	}
});
AsymmetricKeyObject.prototype.equals = function (other) {
	return isKeyObject(other) && other.type === this.type &&
	    other.type !== 'secret' && native.keyEquals(this, other);
};

function PublicKeyObject() {
	AsymmetricKeyObject();
}
PublicKeyObject.prototype = Object.create(AsymmetricKeyObject.prototype, {
	constructor: { value: PublicKeyObject, writable: true,
	    configurable: true }
});
Object.defineProperty(PublicKeyObject.prototype, 'type', { value: 'public' });
PublicKeyObject.prototype.export = function (options) {
	errors.validateObject(options, 'options');
	var format = options.format === undefined ? 'pem' : options.format;
	var type = options.type;
	if (format === 'jwk')
		throw coded(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM',
		    'JWK export is not available in fnpool');
	if (format !== 'pem' && format !== 'der')
		throw errors.invalidArgValue('options.format', format);
	if (type !== 'spki' && type !== 'pkcs1')
		throw errors.invalidArgValue('options.type', type);
	return native.keyExport(this, format, type, bproto);
};

function PrivateKeyObject() {
	AsymmetricKeyObject();
}
PrivateKeyObject.prototype = Object.create(AsymmetricKeyObject.prototype, {
	constructor: { value: PrivateKeyObject, writable: true,
	    configurable: true }
});
Object.defineProperty(PrivateKeyObject.prototype, 'type', { value: 'private' });
PrivateKeyObject.prototype.export = function (options) {
	errors.validateObject(options, 'options');
	var format = options.format === undefined ? 'pem' : options.format;
	var type = options.type;
	if (format === 'jwk')
		throw coded(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM',
		    'JWK export is not available in fnpool');
	if (format !== 'pem' && format !== 'der')
		throw errors.invalidArgValue('options.format', format);
	if (type !== 'pkcs1' && type !== 'pkcs8' && type !== 'sec1')
		throw errors.invalidArgValue('options.type', type);
	if (options.cipher !== undefined || options.passphrase !== undefined)
		throw coded(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM',
		    'exporting an encrypted private key is not available in fnpool');
	return native.keyExport(this, format, type, bproto);
};

function isKeyObject(v) {
	return v instanceof KeyObject;
}

var KEY_TYPES = 'of type string or an instance of ArrayBuffer, Buffer, ' +
    'TypedArray, DataView, KeyObject, or CryptoKey';
var PRIVATE_TYPES = 'of type string or an instance of ArrayBuffer, Buffer, ' +
    'TypedArray, or DataView';

/*
 * A KeyObject of kind 'private' or 'public' from what Node takes: PEM
 * text, DER bytes with {format, type}, a KeyObject, or an object with
 * {key, passphrase, format, type, encoding}.
 */
function keyObject(input, kind, name, types) {
	var key = input, format = 'pem', type, passphrase, encoding;

	if (typeof key === 'object' && key !== null && !isView(key) &&
	    !(key instanceof ArrayBuffer) && !isKeyObject(key)) {
		if (isCryptoKey(key))
			throw coded(TypeError, 'ERR_INVALID_ARG_TYPE',
			    'CryptoKey objects are not supported here');
		format = key.format === undefined ? 'pem' : key.format;
		type = key.type;
		passphrase = key.passphrase;
		encoding = key.encoding;
		key = key.key;
		if (format === 'jwk')
			throw coded(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM',
			    'JWK keys are not available in fnpool');
		if (format !== 'pem' && format !== 'der')
			throw errors.invalidArgValue('format', format);
		if (key === undefined)
			throw errors.invalidArgType('key.key', KEY_TYPES, key);
	}
	if (isKeyObject(key)) {
		if (kind === 'private' && key.type !== 'private')
			throw coded(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE',
			    'Invalid key object type ' + key.type +
			    ', expected private.');
		if (kind === 'public' && key.type === 'secret')
			throw coded(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE',
			    'Invalid key object type secret, expected public.');
		return key;
	}
	if (typeof key === 'string') {
		if (format === 'der')
			key = Buffer.from(key, encoding || 'utf8');
	} else if (key instanceof ArrayBuffer) {
		key = new Uint8Array(key);
	} else if (!isView(key)) {
		throw errors.invalidArgType(name || 'key', types || KEY_TYPES, key);
	}
	if (format === 'der' && (type === undefined ||
	    (kind === 'private' && type === 'spki')))
		throw errors.invalidArgValue('type', type);
	if (passphrase !== undefined && passphrase !== null)
		passphrase = typeof passphrase === 'string' ? passphrase :
		    Buffer.from(passphrase).toString('latin1');
	return native.keyParse(kind === 'private' ? PrivateKeyObject.prototype :
	    PublicKeyObject.prototype, key, format, type, kind,
	    passphrase === null ? undefined : passphrase);
}

function createPrivateKey(key) {
	return keyObject(key, 'private', 'key', PRIVATE_TYPES);
}

function createPublicKey(key) {
	var k = keyObject(key, 'public');
	if (k.type === 'private')
		return native.keyPublic(k, PublicKeyObject.prototype);
	return k;
}

function createSecretKey(key, encoding) {
	var b = toBytes(key, 'key', encoding);
	return new SecretKeyObject(Buffer.from(b));
}

function keyPairEncode(key, enc, which) {
	if (enc === undefined)
		return key;
	errors.validateObject(enc, 'options.' + which + 'KeyEncoding');
	return key.export(enc);
}

function generateKeyPairSync(type, options) {
	errors.validateString(type, 'type');
	options = options || {};
	var priv;
	if (type === 'rsa') {
		errors.validateInteger(options.modulusLength,
		    'options.modulusLength', 512, 16384);
		priv = native.keyGenerate('rsa', options.modulusLength,
		    PrivateKeyObject.prototype);
	} else if (type === 'ec') {
		errors.validateString(options.namedCurve, 'options.namedCurve');
		priv = native.keyGenerate('ec', options.namedCurve,
		    PrivateKeyObject.prototype);
	} else if (type === 'ed25519') {
		priv = native.keyGenerate('ed25519', 0, PrivateKeyObject.prototype);
	} else {
		throw errors.invalidArgValue('type', type,
		    "must be a supported key type");
	}
	var pub = native.keyPublic(priv, PublicKeyObject.prototype);
	return {
		publicKey: keyPairEncode(pub, options.publicKeyEncoding, 'public'),
		privateKey: keyPairEncode(priv, options.privateKeyEncoding, 'private')
	};
}

function generateKeyPair(type, options, callback) {
	if (typeof options === 'function') {
		callback = options;
		options = undefined;
	}
	errors.validateFunction(callback, 'callback');
	var pair = generateKeyPairSync(type, options);
	later(callback, null, pair.publicKey, pair.privateKey);
}

/* ---- signatures ----------------------------------------------------------- */

function signOptions(key) {
	var o = { padding: undefined, saltLength: undefined, p1363: false };
	if (typeof key === 'object' && key !== null && !isView(key) &&
	    !isKeyObject(key)) {
		if (key.padding !== undefined) {
			errors.validateInteger(key.padding, 'key.padding',
			    -2147483648, 2147483647);
			o.padding = key.padding;
		}
		if (key.saltLength !== undefined) {
			errors.validateInteger(key.saltLength, 'key.saltLength',
			    -2147483648, 2147483647);
			o.saltLength = key.saltLength;
		}
		if (key.dsaEncoding !== undefined) {
			if (key.dsaEncoding !== 'der' &&
			    key.dsaEncoding !== 'ieee-p1363')
				throw errors.invalidArgValue('options.dsaEncoding',
				    key.dsaEncoding);
			o.p1363 = key.dsaEncoding === 'ieee-p1363';
		}
	}
	return o;
}

function Sign(algorithm, options) {
	errors.validateString(algorithm, 'algorithm');
	var s = native.hashNew(Sign.prototype, algorithm);
	if (s === null)
		throw coded(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest');
	return s;
}
Sign.prototype.update = update;
Sign.prototype.sign = function (privateKey, encoding) {
	if (privateKey === undefined || privateKey === null)
		throw coded(Error, 'ERR_CRYPTO_SIGN_KEY_REQUIRED',
		    'No key provided to sign');
	var o = signOptions(privateKey);
	var key = keyObject(privateKey, 'private', 'key');
	return encoded(native.signFinal(this, key, o.padding, o.saltLength,
	    o.p1363, bproto), encoding);
};

function Verify(algorithm, options) {
	errors.validateString(algorithm, 'algorithm');
	var v = native.hashNew(Verify.prototype, algorithm);
	if (v === null)
		throw coded(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest');
	return v;
}
Verify.prototype.update = update;
Verify.prototype.verify = function (object, signature, encoding) {
	var o = signOptions(object);
	var key = keyObject(object, 'public', 'key');
	signature = toBytes(signature, 'signature', encoding,
	    'of type string or an instance of ArrayBuffer, Buffer, ' +
	    'TypedArray, or DataView');
	return native.verifyFinal(this, key, signature, o.padding,
	    o.saltLength, o.p1363);
};

function oneShotKey(key, kind) {
	if (key === undefined || key === null)
		throw errors.invalidArgType('key', KEY_TYPES, key);
	return keyObject(key, kind, 'key');
}

function sign(algorithm, data, key, callback) {
	if (algorithm !== undefined && algorithm !== null)
		errors.validateString(algorithm, 'algorithm');
	if (callback !== undefined)
		errors.validateFunction(callback, 'callback');
	data = toBytes(data, 'data', 'utf8');
	var o = signOptions(key);
	var sig = native.signOneShot(algorithm === null ? undefined : algorithm,
	    data, oneShotKey(key, 'private'), o.padding, o.saltLength, o.p1363,
	    bproto);
	if (callback === undefined)
		return sig;
	later(callback, null, sig);
}

function verify(algorithm, data, key, signature, callback) {
	if (algorithm !== undefined && algorithm !== null)
		errors.validateString(algorithm, 'algorithm');
	if (callback !== undefined)
		errors.validateFunction(callback, 'callback');
	data = toBytes(data, 'data', 'utf8');
	signature = toBytes(signature, 'signature', 'utf8');
	var o = signOptions(key);
	var ok = native.verifyOneShot(algorithm === null ? undefined :
	    algorithm, data, oneShotKey(key, 'public'), signature, o.padding,
	    o.saltLength, o.p1363);
	if (callback === undefined)
		return ok;
	later(callback, null, ok);
}

/* ---- key derivation --------------------------------------------------------- */

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
	password = toBytes(password, 'password');
	salt = toBytes(salt, 'salt');
	errors.validateInteger(iterations, 'iterations', 1, 2147483647);
	errors.validateInteger(keylen, 'keylen', 0, 2147483647);
	errors.validateString(digest, 'digest');
	var out = native.pbkdf2(password, salt, iterations, keylen, digest,
	    bproto);
	if (out === null)
		throw coded(TypeError, 'ERR_CRYPTO_INVALID_DIGEST',
		    'Invalid digest: ' + digest);
	return out;
}

function pbkdf2(password, salt, iterations, keylen, digest, callback) {
	if (typeof digest === 'function') {
		callback = digest;
		digest = undefined;
	}
	errors.validateFunction(callback, 'callback');
	var key = pbkdf2Sync(password, salt, iterations, keylen, digest);
	later(callback, null, key);
}

var scryptDefaults = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };

function scryptSync(password, salt, keylen, options) {
	var N = scryptDefaults.N, r = scryptDefaults.r, p = scryptDefaults.p;
	var maxmem = scryptDefaults.maxmem, o = options, pairs, i;

	password = toBytes(password, 'password');
	salt = toBytes(salt, 'salt');
	errors.validateInteger(keylen, 'keylen', 0, 2147483647);
	if (o !== undefined && o !== null) {
		errors.validateObject(o, 'options');
		pairs = [['N', 'cost'], ['r', 'blockSize'], ['p', 'parallelization']];
		for (i = 0; i < pairs.length; i++) {
			var a = o[pairs[i][0]], b = o[pairs[i][1]];
			if (a !== undefined && b !== undefined)
				throw coded(Error, 'ERR_CRYPTO_SCRYPT_INVALID_PARAMETER',
				    'Invalid scrypt parameter');
			var v = a !== undefined ? a : b;
			if (v === undefined)
				continue;
			errors.validateInteger(v, pairs[i][0] === 'N' ? 'N' :
			    pairs[i][0], 0, 4294967295);
			if (i === 0)
				N = v;
			else if (i === 1)
				r = v;
			else
				p = v;
		}
		if (o.maxmem !== undefined) {
			errors.validateInteger(o.maxmem, 'maxmem', 0,
			    9007199254740991);
			maxmem = o.maxmem;
		}
	}
	return native.scrypt(password, salt, keylen, N, r, p, maxmem, bproto);
}

function scrypt(password, salt, keylen, options, callback) {
	if (typeof options === 'function') {
		callback = options;
		options = undefined;
	}
	errors.validateFunction(callback, 'callback');
	var key = scryptSync(password, salt, keylen, options);
	later(callback, null, key);
}

/* ---- randomness ------------------------------------------------------------ */

var MAX_SIZE = 2147483647;

function validateSize(size, name) {
	errors.validateNumber(size, name || 'size');
	if (size !== size || size < 0 || size > MAX_SIZE)
		throw errors.outOfRange(name || 'size', '>= 0 && <= ' + MAX_SIZE,
		    size);
}

function randomBytes(size, callback) {
	validateSize(size, 'size');
	if (callback !== undefined)
		errors.validateFunction(callback, 'callback');
	var buf = native.randomBytes(Math.floor(size), bproto);
	if (callback === undefined)
		return buf;
	later(callback, null, buf);
}

function randomFillSync(buf, offset, size) {
	if (!isBufferSource(buf))
		throw errors.invalidArgType('buf', 'an instance of ArrayBuffer ' +
		    'or ArrayBufferView', buf);
	var el = buf.BYTES_PER_ELEMENT || 1, len = buf.byteLength;
	offset = offset === undefined ? 0 : offset;
	errors.validateNumber(offset, 'offset');
	offset *= el;
	if (offset !== offset || offset < 0 || offset > MAX_SIZE)
		throw errors.outOfRange('offset', '>= 0 && <= ' + MAX_SIZE, offset);
	if (offset > len)
		throw errors.outOfRange('offset', '>= 0 && <= ' + len, offset);
	if (size === undefined) {
		size = len - offset;
	} else {
		errors.validateNumber(size, 'size');
		size *= el;
		if (size !== size || size < 0 || size > MAX_SIZE)
			throw errors.outOfRange('size', '>= 0 && <= ' + MAX_SIZE, size);
		if (size + offset > len)
			throw errors.outOfRange('size + offset', '<= ' + len,
			    size + offset);
	}
	return native.randomFill(buf, offset, size);
}

function randomFill(buf, offset, size, callback) {
	if (typeof offset === 'function') {
		callback = offset;
		offset = undefined;
	} else if (typeof size === 'function') {
		callback = size;
		size = undefined;
	}
	errors.validateFunction(callback, 'callback');
	randomFillSync(buf, offset, size);
	later(callback, null, buf);
}

var RAND_MAX = 281474976710655;		/* 2^48 - 1 */

function randomInt(min, max, callback) {
	var minNotSpecified = typeof max === 'undefined' ||
	    typeof max === 'function';
	if (minNotSpecified) {
		callback = max;
		max = min;
		min = 0;
	}
	if (callback !== undefined)
		errors.validateFunction(callback, 'callback');
	if (typeof min !== 'number' || min !== Math.floor(min) ||
	    Math.abs(min) > 9007199254740991)
		throw errors.invalidArgType('min', 'a safe integer', min);
	if (typeof max !== 'number' || max !== Math.floor(max) ||
	    Math.abs(max) > 9007199254740991)
		throw errors.invalidArgType('max', 'a safe integer', max);
	if (max <= min)
		throw coded(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "max" ' +
		    'is out of range. It must be greater than the value of "min" (' +
		    min + '). Received ' + max);
	var range = max - min;
	if (!(range <= RAND_MAX))
		throw errors.outOfRange('max' + (minNotSpecified ? '' : ' - min'),
		    '<= ' + RAND_MAX, range);
	var randLimit = RAND_MAX - (RAND_MAX % range), x, b;
	do {
		b = native.randomBytes(6, bproto);
		x = ((b[0] * 256 + b[1]) * 256 + b[2]) * 16777216 +
		    ((b[3] << 16) | (b[4] << 8) | b[5]);
	} while (x >= randLimit);
	var n = min + x % range;
	if (callback === undefined)
		return n;
	later(callback, null, n);
}

function randomUUID(options) {
	if (options !== undefined)
		errors.validateObject(options, 'options');
	return web.randomUUID();
}

function timingSafeEqual(buf1, buf2) {
	var what = ' argument must be an instance of ArrayBuffer, Buffer, ' +
	    'TypedArray, or DataView.';
	if (!isBufferSource(buf1))
		throw coded(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "buf1"' + what);
	if (!isBufferSource(buf2))
		throw coded(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "buf2"' + what);
	if (buf1.byteLength !== buf2.byteLength)
		throw coded(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH',
		    'Input buffers must have the same byte length');
	return native.timingSafeEqual(buf1, buf2);
}

var web = require('internal/webcrypto');
var isCryptoKey = web.isCryptoKey;

/* ---- the module ------------------------------------------------------------ */

var constants = {
	RSA_PKCS1_PADDING: 1, RSA_NO_PADDING: 3, RSA_PKCS1_OAEP_PADDING: 4,
	RSA_X931_PADDING: 5, RSA_PKCS1_PSS_PADDING: 6,
	RSA_PSS_SALTLEN_DIGEST: -1, RSA_PSS_SALTLEN_MAX_SIGN: -2,
	RSA_PSS_SALTLEN_AUTO: -2
};

exports.createHash = function (algorithm, options) {
	return new Hash(algorithm, options);
};
exports.createHmac = function (hmac, key, options) {
	return new Hmac(hmac, key, options);
};
exports.createSign = function (algorithm, options) {
	return new Sign(algorithm, options);
};
exports.createVerify = function (algorithm, options) {
	return new Verify(algorithm, options);
};
exports.hash = function (algorithm, data, outputEncoding) {
	errors.validateString(algorithm, 'algorithm');
	if (typeof data !== 'string' && !isView(data))
		throw errors.invalidArgType('data', BYTES, data);
	var h = new Hash(algorithm);
	update.call(h, data, 'utf8');
	return h.digest(outputEncoding === undefined ? 'hex' : outputEncoding);
};
exports.getHashes = function () { return native.hashes(); };
exports.getCiphers = function () { return []; };
exports.getCurves = function () {
	return ['prime256v1', 'secp256k1', 'secp384r1', 'secp521r1'];
};
exports.pbkdf2 = pbkdf2;
exports.pbkdf2Sync = pbkdf2Sync;
exports.scrypt = scrypt;
exports.scryptSync = scryptSync;
exports.randomBytes = randomBytes;
exports.pseudoRandomBytes = randomBytes;
exports.randomFill = randomFill;
exports.randomFillSync = randomFillSync;
exports.randomInt = randomInt;
exports.randomUUID = randomUUID;
exports.getRandomValues = function (data) {
	return web.getRandomValues(data);
};
exports.timingSafeEqual = timingSafeEqual;
exports.createPrivateKey = createPrivateKey;
exports.createPublicKey = createPublicKey;
exports.createSecretKey = createSecretKey;
exports.generateKeyPairSync = generateKeyPairSync;
exports.generateKeyPair = generateKeyPair;
exports.sign = sign;
exports.verify = verify;
exports.constants = constants;
exports.webcrypto = web.webcrypto;
exports.subtle = web.subtle;
exports.Hash = Hash;
exports.Hmac = Hmac;
exports.Sign = Sign;
exports.Verify = Verify;
exports.KeyObject = KeyObject;
exports.CryptoKey = web.CryptoKey;
exports.DOMException = web.DOMException;
