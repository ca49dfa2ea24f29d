// crypto-cases.js: the cases of tests/unit/js/test_crypto.c, with what
// Node 20 answers for each; see node-cases.js.  The keys were made once
// by Node (and the certificate by `openssl req -x509`) and are kept here,
// with signatures Node made with them, so that the table only changes
// when the cases do:
//
//   node tests/unit/js/crypto-cases.js --update tests/unit/js/test_crypto.c
'use strict';

var K = {
 "rsaPriv": "-----BEGIN PRIVATE KEY-----\nMIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCrfXMUvO+jOs8f\nsFwbTiYpo7fDL6jeeEsVOdR0clCWYAXJrz5Oo5hj7gNpBMNXiBi1Yno77G4nymkl\nKm2gDZY3xhqX/Zusa/kP9med5e+XwqLjqIxyEj1C4bijgwkZm0aHWNGlf8gS7mXw\nQAXjIpUMonI5HYiCqZ9t7rom9MF9iIf5C7z9EFh73g4VR9QMLT6RpY80wOZLsfTf\nQEBfyU6PF2yS+0VQ6KXKBW3ecOY9cgzlCutwtxneaUB8lqdf+s6f8qFBju1U8iKv\n7wDHkTrENAdi2LgfbAXRN/oh1epfcd+eBbQOkm/AAcZrf2Lu/Sm2SkQYlz/gEoQn\nQtnUN4l7AgMBAAECggEASb4Evg6ux5Sy21AVk2JME8zEaQj2B1BYDRUUkExV7gv1\ngTA7zUoY7iO70K2NKHcsFNd3c4wsJC0sgKBZiqE9Dte/uMsD5aV6cMxG60WkfTBj\nphzk4+qG8Fsq8BkZUSsNrYbag93KVaWxLRoCzhShXlD+aCQUfwdcuMOWxciq6YUW\nTdJAYKNGgsCzHgCyFYEBxelJIoRLXcOwwwRvBfQPc7nLF1VNCHxNMsE8xINk+3hp\nyou1ZmHM89otgcj9LNLKBxaQm02glzqTzfR2CsVHhn9lpLz4iL6z2kLeeWU8eIau\no8AdBHqSQZ9rTsnn26XPg1yKyaJXZjL6tM0QW9nc6QKBgQDs/oZMxBvbx7ELOB03\ny0TeKCEr448FzKqm6zz2pCQvR1lVQIDulWG8bJUk04u3fHODDWUfgwAJKRjWBDWo\ndCeOpZdQ1YmpRne/NG8HI0qVZ8q20NlgCOq56+QTa7MjmMh11tNlpg7YkD5WefNV\n3T1dx9fVKFgOszpc0nhfRveW+QKBgQC5PiDSjY6mXyqE0UJRmYHm/xyKIC2okyF/\ndqb4xennAJ8z5Qj/0IDee1yfc5rP6x4cqZeGsuPXeAArWukXnPaHZInWAMOTeE8z\n/bmviFSrPYbN+AJpeQFGb8nG+o8YUOCpERejSb7syaKgaMEOASa4mo0s2wHhJ3Ht\nkXcCWU49EwKBgBQNQP2zxgulbLRfThGPcEc/q/bTrSE3fOTcmG7h2nHpnoRZDc+h\n8gAIS+Iux+6BaCCZfInbAqDDymcpOgUDtukZ16CuQJSC8tTJse8vrDrR6lPnfczj\nVEDg1Y5TGXgUkDlwMLi0ASOPqMaWUOFd87hAlWFipXiw72o1IJwnHAG5AoGAEy2U\ndlgDecQGgeOsSwhqg4DL8pzsPTSmVizxknXjBnBxCw1eRiXPAbmh2Dw+veHopy0D\nrAVfQ1KAKfzqfvBYMaI+BvLjTKQ7BvXwwHSL14KyLybLESJe+GzgZgJQyEKvT7Ge\nUeBzrM4fUR4nRozl9lzB2u/9nNLZn6/cs1iNmhMCgYBb7e0tyFIiRVaJzpWQTrBo\n7zUSK/z/K/JxhwfUFAn6QGYinjovuYIZRmLPtmq8+sahCHjx1b4RJzxPuF1JYm4T\nIfohOcxTU2U0tuSvH+PghVUdcpOoexG3/kA//FLwP/qko+VtuV9nPIjhz+8bSJAy\ng9l6+ppi3Y2ijLQXDcC72Q==\n-----END PRIVATE KEY-----\n",
 "rsaPub": "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAq31zFLzvozrPH7BcG04m\nKaO3wy+o3nhLFTnUdHJQlmAFya8+TqOYY+4DaQTDV4gYtWJ6O+xuJ8ppJSptoA2W\nN8Yal/2brGv5D/ZnneXvl8Ki46iMchI9QuG4o4MJGZtGh1jRpX/IEu5l8EAF4yKV\nDKJyOR2Igqmfbe66JvTBfYiH+Qu8/RBYe94OFUfUDC0+kaWPNMDmS7H030BAX8lO\njxdskvtFUOilygVt3nDmPXIM5QrrcLcZ3mlAfJanX/rOn/KhQY7tVPIir+8Ax5E6\nxDQHYti4H2wF0Tf6IdXqX3HfngW0DpJvwAHGa39i7v0ptkpEGJc/4BKEJ0LZ1DeJ\newIDAQAB\n-----END PUBLIC KEY-----\n",
 "rsa1Priv": "-----BEGIN RSA PRIVATE KEY-----\nMIICXAIBAAKBgQDWQvg8HtWG8j0ovrs3KNeDatu/hv/Rca3H0AyRWWLz1iUD9F+m\nwxxWBBLyPbUS++GwpCoPdIAUmj6Xh0ovKY7uvK/5ZJ7e/zh6M5j5LGUt0Igr6Kuw\nxIkPYHMfNWH651DgqD2MSTbFNEA0KsmgHLDTVvcUyRIO90N469Jlp5+spQIDAQAB\nAoGANxuSbSQhF0xGnqwvysgeZhad3m0CbwQmBjZkhR3QbZaufo3j7ChSqWzy0os8\nf115ds1CZCc6qhHh92c8lVTDBfvOhFHvbiNSjuAG+DjkmN9d0i+VW97oVEPy8DjK\nq3t1suSOs/TAPy9cpIBULAl1lDbVR0kQzuZFLrCEcgPr/QECQQDwLnix9Or5G6ex\n0Ylo5iAzd5iCwISCkmGOWRmhzBEUziHjeLD/TWjhLRINKT0oXFzwPx7irW8LoQP/\ntJmEB5TJAkEA5F97Gh/tqgFUePE6jIFVuWTffxN1VfJ/80h+K0t9mCxDK0pghYEN\n13OLn5771kuBwVWyINVBaFpVALlHVY+S/QJBAJf/oOxmJio+QTM8eyyCrpBDuKXO\ntk132/tdEeaeIZU8GqA9ai43zA7tGgZwOb8ILNzx5VbpEWSXotM5dQnkTlkCQAzf\nTOMGFbFVbdt7TV+KErjmdKqHAEAd8RRXa7UpBiVDqW2RPauIwKz6OE6A+ZT0oJWz\nLN0o6Aznuo7V4q1x8EkCQAUfNIITxv14J/BQlrUsV3m3xSVQpjBu00Q3yayfQ2Or\nsaU2MSEcZjc5OwbvY2iKQzlieMZTn1h/sZqmY6/7Hrg=\n-----END RSA PRIVATE KEY-----\n",
 "rsa1Pub": "-----BEGIN RSA PUBLIC KEY-----\nMIGJAoGBANZC+Dwe1YbyPSi+uzco14Nq27+G/9FxrcfQDJFZYvPWJQP0X6bDHFYE\nEvI9tRL74bCkKg90gBSaPpeHSi8pju68r/lknt7/OHozmPksZS3QiCvoq7DEiQ9g\ncx81YfrnUOCoPYxJNsU0QDQqyaAcsNNW9xTJEg73Q3jr0mWnn6ylAgMBAAE=\n-----END RSA PUBLIC KEY-----\n",
 "ecPriv": "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEILdi+5vYL2I9JgNtHRw8e1L4JxBnFa8JVuAvUr6STqKdoAoGCCqGSM49\nAwEHoUQDQgAEtFxfhqmh0oHIexBK1emwaF7xZ+CKTa9BYbCSZAVfMhNO8hyFMGZM\nneQu1Mwn4RUE1mrshGaKV8vd28bbFz405g==\n-----END EC PRIVATE KEY-----\n",
 "ecPub": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEtFxfhqmh0oHIexBK1emwaF7xZ+CK\nTa9BYbCSZAVfMhNO8hyFMGZMneQu1Mwn4RUE1mrshGaKV8vd28bbFz405g==\n-----END PUBLIC KEY-----\n",
 "edPriv": "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIBk1Xon/eD8xOgog+YC1bZPxYs+FO0dNFwtHz1aeboc4\n-----END PRIVATE KEY-----\n",
 "edPub": "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAoBzY5cINKjKQpBES6qz1PRJ5qHIqS2Q2Unpu2/VltXQ=\n-----END PUBLIC KEY-----\n",
 "encPriv": "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIC3TBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI8zIMkvawZlACAggA\nMAwGCCqGSIb3DQIJBQAwHQYJYIZIAWUDBAEqBBB6fTUcDSpP3T0/Xy0m1cayBIIC\ngOCzPVB7jmawb6LpgBmcMwdpTnZdjAlcdfvb2ZuZuLfy6qKY0l4TfkiQ3MFhppbB\nVEALP/WLCIvr2X66zM/+2xWALPfIZrHfRVmHtG7e4C12bDSN7aaznyp7SPVAZTbd\n5lmvRRF7A//Y9hqqMym1ozSW44MuS6yLNK2HWmeAgQbPnlOw2p77AM1xnesBE4pr\n5KK6Gs8/ksv7FDdHZGo4CnVMlN3Ax13m+tlXhsNtqxy27/tL0G7+kMzjpP1jTPVf\nd0VcOxKGONhu/r/bk7T4XWB1jjdp21Y64jyXCLILbgWEc03GlKWt45MRA53JfJ2e\nnS2bfKWXuk5UvuxpzhtkfblDitPbJYACkVZu+rmpTJcpZQKDOfTv9GX1VH4APZId\nzLM4yKAcWRFOx5GKGAari9KHaL9aJv9k+T4aYgKgxWM4AXbPo31EPKA2G4h/Hy0B\nhddA9r5oPINlKHzIu1rPRZf1d5EZ9KU1ko+HWqfFm3fpzOB3VCHrN2RJljMO/tL2\nXCMdQYz7wjaeJMCz3eRSNXHU5QqjSbmGdiLYvTYxwIOvGJ5EGHauVi6qfN2qO1vQ\nIsmnLe2ohmBRtjucdDJZYvkYtlYdM4PPzv6g5ZsQ2bQQjC1XFRqIW2jg+lbhsORj\nCAs6a8nU30NW/N0gAa/aVUhxu/SSKTfryrIHpXg+M6cIo6zv/h/NaUT8CV9IlNQU\nnm3fc9kax1Gf4kuEwGcTRV/DB34axTDx9HoPzX6be6hWc9WCXOPswoxN7SHT1qVC\nekNS8LhsRrHNpjm1XmXOzpysQdh9WJz1AWo+RfaoEKW1Q7+DUJOLWetONtDDuXdB\nv4zysvXtfYsJ/2k/yR3B/Q4=\n-----END ENCRYPTED PRIVATE KEY-----\n",
 "cert": "-----BEGIN CERTIFICATE-----\nMIIBgzCCASmgAwIBAgIUSEkOShdBEIoRMQzG8+ESPyRmUSgwCgYIKoZIzj0EAwIw\nFjEUMBIGA1UEAwwLZm5wb29sLXRlc3QwIBcNMjYxMjA2MTgyNTU4WhgPMjEyNjEx\nMTIxODI1NThaMBYxFDASBgNVBAMMC2ZucG9vbC10ZXN0MFkwEwYHKoZIzj0CAQYI\nKoZIzj0DAQcDQgAEtFxfhqmh0oHIexBK1emwaF7xZ+CKTa9BYbCSZAVfMhNO8hyF\nMGZMneQu1Mwn4RUE1mrshGaKV8vd28bbFz405qNTMFEwHQYDVR0OBBYEFPqDJceA\n/8i92TD+SqVsKwBpJ3uPMB8GA1UdIwQYMBaAFPqDJceA/8i92TD+SqVsKwBpJ3uP\nMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIgcZ4d+Ymqye+flqoK\nXIL6Y8XDi3j6qU5EsLbCcOvEvmgCIQCYq7zeyQ4zQ99bAnKXJmLzfmJx6jGg28Qz\nUnTHLonmaA==\n-----END CERTIFICATE-----\n",
 "msg": "fnpool signs this: h\u00e9llo",
 "pssSig": "YYlePZe+hdtNUVPDpFBDbV+GXcGzsNenIq/QJgexq/zz9SRxTlrG6bvq59yTyFv8/YLaR4VKdBhNdRMZHJC/UR/lp2iZqYkOEW/dbZK5IVS1Api4hnBF3AuY//ZI4fKhK2Q9zQutZNs10npG1nG+B0Ek2sDkC7FBmjHnPkwSIcblokMEvRV9aNu4txsGBHPdMqZLLIGbP+m81eIV6Za9fQv4YIZnUl/iZKf4ssueoZH/SXp51cST9di/xlwh6fUSJlAH9/J2h9ONGGkuCV1S2ij/MXXBMlvniei4wFNqkIZ+Zr80D1fcNdVNeQIOWeAIsuOYllhyXx0X+8QPShc1OQ==",
 "ecSig": "MEUCIF3mbf2k4r7HjUl46ZvvTncR66bUs7aHHTEKh8tctJXCAiEA3FJ4dX4ZLrZId4dwCXZsvw4IyqiVNrI5qBBVkplG028=",
 "ecSigP1363": "zoL4QCmkYb2YlOiCptxMBBHLvpz9SE+Sx90eW32mtzQ+Axofx5bvvVSziViP5tRwOoNA6TnMPx4uWSFY0JzGyA=="
};

var digests = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512',
    'sha3-256'];
var inputs = [
	"'h\\u00e9llo w\\u00f6rld \\u20ac \\ud83d\\ude00'",	// utf8 by default
	"'h\\u00e9llo w\\u00f6rld \\u20ac', 'utf8'",
	"'caf\\u00e9 \\u00ff\\u0000', 'latin1'",
	"'deadbeef00ff', 'hex'",
	"'aGVsbG8gd29ybGQ=', 'base64'",
	"Buffer.from([0, 1, 2, 127, 128, 255])",
	"new Uint8Array([104, 105])",
	"new Uint16Array([0x6968, 0x21])",
	"''"
];
var outputs = ["'hex'", "'base64'", "'base64url'", "'latin1'", ''];

var cases = [];
digests.forEach(function (d) {
	inputs.forEach(function (input) {
		outputs.forEach(function (output) {
			cases.push("require('crypto').createHash('" + d + "').update(" +
			    input + ").digest(" + output + ")");
		});
	});
});

cases.push(
	// names, several updates, copy, errors
	"require('crypto').createHash('SHA256').update('a').digest('hex')",
	"require('crypto').createHash('RSA-SHA256').update('a').digest('hex')",
	"require('crypto').createHash('sha-512').update('a').digest('hex')",
	"require('crypto').createHash('sha1').update('a').update('b').update(Buffer.from('c')).digest('hex')",
	"(function () { var c = require('crypto'), h = c.createHash('sha256').update('ab'), d = h.copy(); d.update('c'); return h.digest('hex') + ' ' + d.digest('hex'); })()",
	"require('crypto').createHash('shake128').update('abc').digest('hex')",
	"require('crypto').createHash('shake256', { outputLength: 8 }).update('abc').digest('hex')",
	"require('crypto').createHash('sha256').update('x', 'nope').digest('hex')",
	"require('crypto').createHash('sha256').update('x').digest('nope')",
	"require('crypto').hash('sha1', 'abc')",
	"require('crypto').hash('sha256', Buffer.from('abc'), 'base64')",
	"require('crypto').createHash('nope')",
	"require('crypto').createHash(5)",
	"require('crypto').createHash('sha256').update(5)",
	"require('crypto').createHash('sha256').update({})",
	"(function () { var h = require('crypto').createHash('sha1'); h.digest(); return h.digest(); })()",
	"(function () { var h = require('crypto').createHash('sha1'); h.digest(); return h.update('x'); })()",
	"(function () { var h = require('crypto').createHash('sha1'); h.digest(); return h.copy(); })()",
	"require('crypto').createHash('sha256') instanceof require('crypto').Hash",
	"require('crypto').getHashes().filter(function (n) { return /^(md5|sha1|sha256|sha3-256|sha512|RSA-SHA256)$/.test(n); }).join()",

	// HMAC: RFC 4231 case 2, each digest, key forms
	"require('crypto').createHmac('sha256', 'Jefe').update('what do ya want for nothing?').digest('hex')",
	"require('crypto').createHmac('sha512', 'Jefe').update('what do ya want for nothing?').digest('hex')",
	"require('crypto').createHmac('sha256', Buffer.alloc(20, 0x0b)).update('Hi There').digest('hex')",
	"require('crypto').createHmac('sha256', Buffer.alloc(131, 0xaa)).update('Test Using Larger Than Block-Size Key - Hash Key First').digest('hex')",
	"require('crypto').createHmac('md5', 'key').update('The quick brown fox jumps over the lazy dog').digest('hex')",
	"require('crypto').createHmac('sha1', 'key').update('The quick brown fox jumps over the lazy dog').digest('base64')",
	"require('crypto').createHmac('sha384', 'k\\u00e9y').update('d\\u00e4ta').digest('base64url')",
	"require('crypto').createHmac('sha256', '').update('').digest('hex')",
	"require('crypto').createHmac('sha256', new Uint8Array([1, 2, 3])).update(new Uint8Array([4])).digest('hex')",
	"require('crypto').createHmac('sha256', 'a2V5', { encoding: 'base64' }).update('x').digest('hex')",
	"require('crypto').createHmac('sha256', require('crypto').createSecretKey(Buffer.from('key'))).update('x').digest('hex')",
	"require('crypto').createHmac('sha256', 'key').update('x').digest()",
	"(function () { var h = require('crypto').createHmac('sha1', 'k'); h.digest('hex'); return h.digest('hex'); })()",
	"require('crypto').createHmac('nope', 'k')",
	"require('crypto').createHmac('sha256', 5)",
	"require('crypto').createHmac('sha256', null)",

	// PBKDF2: RFC 6070 (SHA-1), then SHA-256 and SHA-512
	"require('crypto').pbkdf2Sync('password', 'salt', 1, 20, 'sha1').toString('hex')",
	"require('crypto').pbkdf2Sync('password', 'salt', 2, 20, 'sha1').toString('hex')",
	"require('crypto').pbkdf2Sync('password', 'salt', 4096, 20, 'sha1').toString('hex')",
	"require('crypto').pbkdf2Sync('passwordPASSWORDpassword', 'saltSALTsaltSALTsaltSALTsaltSALTsalt', 4096, 25, 'sha1').toString('hex')",
	"require('crypto').pbkdf2Sync('pass\\u0000word', 'sa\\u0000lt', 4096, 16, 'sha1').toString('hex')",
	"require('crypto').pbkdf2Sync('password', 'salt', 4096, 32, 'sha256').toString('hex')",
	"require('crypto').pbkdf2Sync(Buffer.from('password'), Buffer.from('salt'), 1000, 64, 'sha512').toString('base64')",
	"require('crypto').pbkdf2Sync('p', 's', 1, 0, 'sha256').length",
	"require('crypto').pbkdf2Sync('p', 's', 1, 32, 'nope')",
	"require('crypto').pbkdf2Sync('p', 's', -1, 32, 'sha1')",
	"require('crypto').pbkdf2Sync('p', 's', 1.5, 32, 'sha1')",
	"require('crypto').pbkdf2Sync('p', 's', '1', 32, 'sha1')",
	"require('crypto').pbkdf2Sync('p', 's', 1, 32)",
	"require('crypto').pbkdf2Sync(5, 's', 1, 32, 'sha1')",
	"new Promise(function (ok) { require('crypto').pbkdf2('password', 'salt', 2, 20, 'sha1', function (e, k) { ok(k.toString('hex')); }); })",
	"require('crypto').pbkdf2('password', 'salt', 2, 20, 'sha1')",

	// scrypt: RFC 7914 section 12
	"require('crypto').scryptSync('', '', 64, { N: 16, r: 1, p: 1 }).toString('hex')",
	"require('crypto').scryptSync('password', 'NaCl', 64, { N: 1024, r: 8, p: 16 }).toString('hex')",
	"require('crypto').scryptSync('pleaseletmein', 'SodiumChloride', 64, { N: 16384, r: 8, p: 1 }).toString('hex')",
	"require('crypto').scryptSync('password', 'salt', 32).toString('base64')",
	"require('crypto').scryptSync('password', 'salt', 16, { cost: 1024, blockSize: 8, parallelization: 1 }).toString('hex')",
	// before any case that leaves an OpenSSL error behind: Node prints
	// the last one queued, even from an earlier call
	"require('crypto').scryptSync('p', 's', 32, { N: 3 })",
	"require('crypto').scryptSync('p', 's', 32, { N: 1048576 })",
	"require('crypto').scryptSync('p', 's', 32, { N: 16, cost: 16 })",
	"require('crypto').scryptSync('p', 's', -1)",
	"new Promise(function (ok) { require('crypto').scrypt('password', 'salt', 16, { N: 1024 }, function (e, k) { ok(k.toString('hex')); }); })",

	// randomness
	"require('crypto').randomBytes(16).length",
	"require('crypto').randomBytes(0).length",
	"Buffer.isBuffer(require('crypto').randomBytes(3))",
	"require('crypto').randomBytes(-1)",
	"require('crypto').randomBytes('1')",
	"require('crypto').randomBytes(2147483648)",
	"new Promise(function (ok) { require('crypto').randomBytes(8, function (e, b) { ok(b.length); }); })",
	"(function () { var a = new Uint32Array(4); require('crypto').randomFillSync(a, 1, 2); return a[0] === 0 && a[3] === 0 && (a[1] !== 0 || a[2] !== 0); })()",
	"require('crypto').randomFillSync(new Uint8Array(4), 5)",
	"require('crypto').randomFillSync(new Uint8Array(4), 2, 3)",
	"require('crypto').randomFillSync([1, 2])",
	"require('crypto').randomFillSync(new ArrayBuffer(8)).byteLength",
	"(function () { var c = require('crypto'), i, n, ok = true; for (i = 0; i < 200; i++) { n = c.randomInt(3, 7); ok = ok && n >= 3 && n < 7 && n === Math.floor(n); } return ok; })()",
	"(function () { var c = require('crypto'), i, n, ok = true; for (i = 0; i < 200; i++) { n = c.randomInt(5); ok = ok && n >= 0 && n < 5; } return ok; })()",
	"require('crypto').randomInt(10, 5)",
	"require('crypto').randomInt(0, Math.pow(2, 48) + 1)",
	"require('crypto').randomInt(1.5)",
	"require('crypto').randomInt('a', 5)",
	"/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(require('crypto').randomUUID())",
	"require('crypto').randomUUID() !== require('crypto').randomUUID()",
	"/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID())",
	"require('crypto').timingSafeEqual(Buffer.from('abc'), Buffer.from('abc'))",
	"require('crypto').timingSafeEqual(Buffer.from('abc'), Buffer.from('abd'))",
	"require('crypto').timingSafeEqual(new Uint8Array(0), new Uint8Array(0))",
	"require('crypto').timingSafeEqual(Buffer.from('a'), Buffer.from('ab'))",
	"require('crypto').timingSafeEqual('a', 'b')",
	"require('crypto').timingSafeEqual(Buffer.from('a'), 'b')",

	// the Web Crypto global
	"typeof crypto + ' ' + typeof crypto.getRandomValues + ' ' + typeof crypto.subtle + ' ' + (crypto === require('crypto').webcrypto)",
	"crypto.getRandomValues(new Uint8Array(65536)).length",
	"crypto.getRandomValues(new Uint32Array(16384)).length",
	"crypto.getRandomValues(new Uint8Array(65537))",
	"crypto.getRandomValues(new Uint32Array(16385))",
	"crypto.getRandomValues(new Float32Array(4))",
	"crypto.getRandomValues(new Float64Array(4))",
	"crypto.getRandomValues([1, 2])",
	"require('crypto').getRandomValues(new Uint8Array(65537))",
	"(function () { var a = new Int16Array(8); return crypto.getRandomValues(a) === a; })()",
	"(function () { try { crypto.getRandomValues(new Uint8Array(70000)); } catch (e) { return [e instanceof Error, e.name, e.code]; } })()",
	"crypto.subtle.digest('SHA-256', new Uint8Array([97, 98, 99]))",
	"crypto.subtle.digest({ name: 'sha-1' }, Buffer.from('abc'))",
	"crypto.subtle.digest('SHA-384', new ArrayBuffer(0))",
	"crypto.subtle.digest('SHA-512', Buffer.from('abc'))",
	"crypto.subtle.digest('MD5', Buffer.from('abc'))",
	"crypto.subtle.digest('SHA-256', 'abc')",
	"crypto.subtle.importKey('raw', Buffer.from('key'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']).then(function (k) { return [k.type, k.extractable, k.algorithm, k.usages]; })",
	"crypto.subtle.importKey('raw', Buffer.from('key'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']).then(function (k) { return crypto.subtle.sign('HMAC', k, Buffer.from('The quick brown fox jumps over the lazy dog')); })",
	"crypto.subtle.importKey('raw', Buffer.from('Jefe'), { name: 'HMAC', hash: { name: 'SHA-512' } }, true, ['sign']).then(function (k) { return crypto.subtle.sign({ name: 'HMAC' }, k, Buffer.from('what do ya want for nothing?')); })",
	"crypto.subtle.importKey('raw', Buffer.from('key'), { name: 'HMAC', hash: 'SHA-1' }, false, ['verify']).then(function (k) { return crypto.subtle.verify('HMAC', k, Buffer.from('de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9', 'hex'), Buffer.from('The quick brown fox jumps over the lazy dog')); })",
	"crypto.subtle.importKey('raw', Buffer.from('key'), { name: 'HMAC', hash: 'SHA-1' }, false, ['verify']).then(function (k) { return crypto.subtle.verify('HMAC', k, Buffer.from('de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d8', 'hex'), Buffer.from('The quick brown fox jumps over the lazy dog')); })",
	"crypto.subtle.importKey('raw', Buffer.from('key'), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']).then(function (k) { return crypto.subtle.sign('HMAC', k, Buffer.from('x')); })",
	"crypto.subtle.importKey('raw', Buffer.from('key'), { name: 'HMAC', hash: 'SHA-256' }, false, ['encrypt'])",
	"crypto.subtle.importKey('raw', Buffer.from('key'), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']).then(function (k) { return crypto.subtle.exportKey('raw', k); })",
	"crypto.subtle.importKey('raw', Buffer.from('key'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']).then(function (k) { return crypto.subtle.exportKey('raw', k); })",

	// keys
	"[require('crypto').createPrivateKey(K.rsaPriv).type, require('crypto').createPrivateKey(K.rsaPriv).asymmetricKeyType, require('crypto').createPrivateKey(K.rsaPriv).asymmetricKeyDetails]",
	"[require('crypto').createPublicKey(K.ecPub).type, require('crypto').createPublicKey(K.ecPub).asymmetricKeyType, require('crypto').createPublicKey(K.ecPub).asymmetricKeyDetails]",
	"[require('crypto').createPublicKey(K.edPub).asymmetricKeyType, require('crypto').createPrivateKey(K.edPriv).asymmetricKeyDetails]",
	"require('crypto').createPublicKey(K.rsaPriv).export({ type: 'spki', format: 'pem' }) === K.rsaPub",
	"require('crypto').createPublicKey(K.cert).export({ type: 'spki', format: 'pem' }) === K.ecPub",
	"require('crypto').createPublicKey(K.rsa1Pub).export({ type: 'pkcs1', format: 'pem' }) === K.rsa1Pub",
	"require('crypto').createPublicKey(K.rsa1Pub).export({ type: 'spki', format: 'pem' })",
	"require('crypto').createPrivateKey(K.rsa1Priv).export({ type: 'pkcs1', format: 'pem' }) === K.rsa1Priv",
	"require('crypto').createPrivateKey(K.ecPriv).export({ type: 'sec1', format: 'pem' }) === K.ecPriv",
	"require('crypto').createPrivateKey(K.edPriv).export({ type: 'pkcs8', format: 'pem' }) === K.edPriv",
	"require('crypto').createPublicKey(K.edPub).export({ type: 'spki', format: 'der' }).toString('hex')",
	"require('crypto').createPublicKey({ key: require('crypto').createPublicKey(K.edPub).export({ type: 'spki', format: 'der' }), format: 'der', type: 'spki' }).export({ type: 'spki', format: 'pem' }) === K.edPub",
	"require('crypto').createPrivateKey({ key: K.encPriv, passphrase: 'top secret' }).export({ type: 'pkcs1', format: 'pem' }) === K.rsa1Priv",
	"require('crypto').createPrivateKey(K.encPriv)",
	"require('crypto').createPrivateKey({ key: K.encPriv, passphrase: 'wrong' })",
	"require('crypto').createPublicKey(K.rsaPub).equals(require('crypto').createPublicKey(K.rsaPriv))",
	"require('crypto').createPublicKey(K.rsaPub).equals(require('crypto').createPublicKey(K.rsa1Pub))",
	"require('crypto').createPrivateKey('garbage')",
	"require('crypto').createPublicKey('-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----\\n')",
	"require('crypto').createPrivateKey(K.rsaPub)",
	"require('crypto').createPrivateKey(5)",
	"require('crypto').createPublicKey(K.rsaPub) instanceof require('crypto').KeyObject",
	"require('crypto').createSecretKey(Buffer.from('abc')).export().toString() + ' ' + require('crypto').createSecretKey(Buffer.from('abc')).symmetricKeySize + ' ' + require('crypto').createSecretKey(Buffer.from('abc')).type",
	"(function () { var p = require('crypto').generateKeyPairSync('ec', { namedCurve: 'P-256' }); var s = require('crypto').sign('sha256', Buffer.from('x'), p.privateKey); return [p.publicKey.type, p.privateKey.asymmetricKeyType, require('crypto').verify('sha256', Buffer.from('x'), p.publicKey, s)]; })()",
	"(function () { var p = require('crypto').generateKeyPairSync('ed25519', { publicKeyEncoding: { type: 'spki', format: 'pem' } }); return typeof p.publicKey + ' ' + p.publicKey.split('\\n')[0]; })()",

	// signatures: deterministic ones equal Node's, randomized ones verify
	"require('crypto').createSign('RSA-SHA256').update(K.msg).sign(K.rsaPriv, 'base64')",
	"require('crypto').createSign('sha256').update('fnpool signs this: ').update('h\\u00e9llo').sign(K.rsaPriv, 'base64')",
	"require('crypto').createSign('RSA-SHA512').update(K.msg).sign({ key: K.rsa1Priv }, 'hex')",
	"require('crypto').sign('sha256', Buffer.from(K.msg), K.rsaPriv).toString('base64')",
	"require('crypto').sign(null, Buffer.from(K.msg), K.edPriv).toString('base64')",
	"require('crypto').sign(undefined, Buffer.from(K.msg), require('crypto').createPrivateKey(K.edPriv)).toString('hex')",
	"(function () { var c = require('crypto'), s = c.createSign('RSA-SHA256').update(K.msg).sign(K.rsaPriv, 'base64'); return c.createVerify('RSA-SHA256').update(K.msg).verify(K.rsaPub, s, 'base64'); })()",
	"(function () { var c = require('crypto'), s = c.sign('sha256', Buffer.from(K.msg), K.rsaPriv); s[10] ^= 1; return c.verify('sha256', Buffer.from(K.msg), K.rsaPub, s); })()",
	"require('crypto').createVerify('RSA-SHA256').update(K.msg).verify(K.rsaPub, require('crypto').sign('sha256', Buffer.from(K.msg), K.rsaPriv))",
	"require('crypto').createVerify('RSA-SHA256').update(K.msg + '!').verify(K.rsaPub, require('crypto').sign('sha256', Buffer.from(K.msg), K.rsaPriv))",
	"require('crypto').createVerify('sha256').update(K.msg).verify({ key: K.rsaPub, padding: require('crypto').constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, K.pssSig, 'base64')",
	"require('crypto').verify('sha256', Buffer.from(K.msg), { key: K.rsaPub, padding: require('crypto').constants.RSA_PKCS1_PSS_PADDING }, Buffer.from(K.pssSig, 'base64'))",
	"require('crypto').createVerify('sha256').update(K.msg).verify(K.rsaPub, K.pssSig, 'base64')",
	"(function () { var c = require('crypto'), k = { key: K.rsaPriv, padding: c.constants.RSA_PKCS1_PSS_PADDING, saltLength: c.constants.RSA_PSS_SALTLEN_DIGEST }; var s = c.createSign('sha256').update('pss').sign(k); return [s.length, c.createVerify('sha256').update('pss').verify({ key: K.rsaPub, padding: c.constants.RSA_PKCS1_PSS_PADDING }, s)]; })()",
	"require('crypto').createVerify('sha256').update(K.msg).verify(K.ecPub, K.ecSig, 'base64')",
	"require('crypto').verify('sha256', Buffer.from(K.msg), K.cert, Buffer.from(K.ecSig, 'base64'))",
	"require('crypto').verify('sha256', Buffer.from(K.msg), { key: K.ecPub, dsaEncoding: 'ieee-p1363' }, Buffer.from(K.ecSigP1363, 'base64'))",
	"require('crypto').verify('sha256', Buffer.from(K.msg), K.ecPub, Buffer.from(K.ecSigP1363, 'base64'))",
	"require('crypto').verify('sha256', Buffer.from(K.msg + 'x'), K.ecPub, Buffer.from(K.ecSig, 'base64'))",
	"(function () { var c = require('crypto'), s = c.sign('sha256', Buffer.from('ec'), K.ecPriv); return [s[0], c.verify('sha256', Buffer.from('ec'), K.ecPub, s), c.verify('sha256', Buffer.from('ec'), K.ecPriv, s)]; })()",
	"(function () { var c = require('crypto'), s = c.sign('sha256', Buffer.from('ec'), { key: K.ecPriv, dsaEncoding: 'ieee-p1363' }); return [s.length, c.verify('sha256', Buffer.from('ec'), { key: K.ecPub, dsaEncoding: 'ieee-p1363' }, s)]; })()",
	"require('crypto').verify(null, Buffer.from(K.msg), K.edPub, require('crypto').sign(null, Buffer.from(K.msg), K.edPriv))",
	"require('crypto').verify(null, Buffer.from(K.msg + '?'), K.edPub, require('crypto').sign(null, Buffer.from(K.msg), K.edPriv))",
	"require('crypto').verify(null, Buffer.from(K.msg), K.edPub, Buffer.alloc(3))",
	"require('crypto').createSign('nope')",
	"require('crypto').createSign('sha256').update('x').sign('garbage')",
	"require('crypto').createSign('sha256').update('x').sign(K.rsaPub)",
	"require('crypto').createSign('sha256').update('x').sign(require('crypto').createPublicKey(K.rsaPub))",
	"require('crypto').createSign('sha256').update('x').sign()",
	"require('crypto').createSign('sha256').update('x').sign(require('crypto').createSecretKey(Buffer.from('k')))",
	"require('crypto').createSign('sha256').update('x').sign({ key: K.ecPriv, dsaEncoding: 'bad' })",
	"require('crypto').sign('nope', Buffer.from('x'), K.rsaPriv)",
	"require('crypto').sign('sha256', 5, K.rsaPriv)",
	"require('crypto').createVerify('sha256').update('x').verify(K.rsaPub, 'not base64 at all', 'base64')"
);

require('./node-cases.js').main(cases, 'K = ' + JSON.stringify(K) + ';',
    { require: require });
