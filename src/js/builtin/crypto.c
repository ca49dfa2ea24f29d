/*
 * crypto: see crypto.h.  The helpers take what crypto.js has checked
 * and converted (bytes as typed arrays, names as strings), call
 * libcrypto, and give back Buffers made with the prototype they are
 * passed.  Nothing here hashes, signs or derives by itself.
 *
 * A Hash (and a Sign or Verify, which hash as they go) is a userdata
 * holding an EVP_MD_CTX, an Hmac one holding an EVP_MAC_CTX, a key one
 * holding an EVP_PKEY; each is freed by the finalizer MuJS calls when it
 * collects the object.  Digests and the HMAC algorithm are fetched from
 * the provider once per process and kept.  OpenSSL's allocations are not
 * counted in memory_limit; scrypt, whose memory grows with its cost, is
 * held to SCRYPT_MAXMEM_CAP (docs/javascript.md).
 *
 * OpenSSL's errors become Errors as Node words them: the message is
 * OpenSSL's ("error:1E08010C:DECODER routines::unsupported") and the
 * code is Node's (ERR_OSSL_UNSUPPORTED).
 */
#include <ctype.h>
#include <stdarg.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/ec.h>
#include <openssl/encoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "core/buf.h"
#include "js/builtin/crypto.h"
#include "js/builtin/random.h"
#include "js/jstyped.h"

#define TAG_HASH	"crypto.Hash"
#define TAG_HMAC	"crypto.Hmac"
#define TAG_KEY		"crypto.Key"

#define SCRYPT_MAXMEM_CAP	(64UL * 1024 * 1024)
#define MD_CACHE	64

struct hash {
	EVP_MD_CTX	*ctx;
	int		 done;
};

struct hmac {
	EVP_MAC_CTX	*ctx;
	size_t		 size;
	int		 done;
};

struct key {
	EVP_PKEY	*pkey;
	int		 private;	/* else only its public half is used */
};

enum err_kind { E_ERROR, E_TYPE, E_RANGE };

/* ---- errors ------------------------------------------------------------- */

static void JS_NORETURN
throw_code(js_State *J, enum err_kind kind, const char *code,
    const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (kind == E_TYPE)
		js_newtypeerror(J, msg);
	else if (kind == E_RANGE)
		js_newrangeerror(J, msg);
	else
		js_newerror(J, msg);
	if (code != NULL) {
		js_pushstring(J, code);
		js_setproperty(J, -2, "code");
	}
	js_throw(J);
}

/* Node's code for an OpenSSL error: ERR_OSSL_[LIB_]REASON. */
static void
ossl_code(unsigned long e, char *code, size_t size)
{
	static const struct { int lib; const char *name; } libs[] = {
		{ ERR_LIB_SYS, "SYS" }, { ERR_LIB_BN, "BN" },
		{ ERR_LIB_RSA, "RSA" }, { ERR_LIB_DH, "DH" },
		{ ERR_LIB_EVP, "EVP" }, { ERR_LIB_BUF, "BUF" },
		{ ERR_LIB_OBJ, "OBJ" }, { ERR_LIB_PEM, "PEM" },
		{ ERR_LIB_DSA, "DSA" }, { ERR_LIB_X509, "X509" },
		{ ERR_LIB_ASN1, "ASN1" }, { ERR_LIB_CONF, "CONF" },
		{ ERR_LIB_CRYPTO, "CRYPTO" }, { ERR_LIB_EC, "EC" },
		{ ERR_LIB_SSL, "SSL" }, { ERR_LIB_BIO, "BIO" },
		{ ERR_LIB_PKCS7, "PKCS7" }, { ERR_LIB_X509V3, "X509V3" },
		{ ERR_LIB_PKCS12, "PKCS12" }, { ERR_LIB_RAND, "RAND" },
		{ ERR_LIB_DSO, "DSO" }, { ERR_LIB_ENGINE, "ENGINE" },
		{ ERR_LIB_OCSP, "OCSP" }, { ERR_LIB_UI, "UI" },
		{ ERR_LIB_COMP, "COMP" }, { ERR_LIB_ECDSA, "ECDSA" },
		{ ERR_LIB_ECDH, "ECDH" }, { ERR_LIB_OSSL_STORE, "OSSL_STORE" },
		{ ERR_LIB_FIPS, "FIPS" }, { ERR_LIB_CMS, "CMS" },
		{ ERR_LIB_TS, "TS" }, { ERR_LIB_HMAC, "HMAC" },
		{ ERR_LIB_CT, "CT" }, { ERR_LIB_ASYNC, "ASYNC" },
		{ ERR_LIB_KDF, "KDF" }, { ERR_LIB_SM2, "SM2" },
		{ ERR_LIB_USER, "USER" },
	};
	const char *reason = ERR_reason_error_string(e), *lib = "";
	size_t i, n;

	code[0] = '\0';
	if (reason == NULL)
		return;
	for (i = 0; i < sizeof(libs) / sizeof(libs[0]); i++)
		if (libs[i].lib == ERR_GET_LIB(e))
			lib = libs[i].name;
	n = (size_t)snprintf(code, size, "ERR_%s%s%s%s",
	    strcmp(lib, "SSL") == 0 ? "" : "OSSL_", lib, lib[0] ? "_" : "",
	    reason);
	for (i = 0; i < n && i < size; i++)
		code[i] = code[i] == ' ' ? '_' : (char)toupper((unsigned char)code[i]);
}

/* Throws OpenSSL's first queued error, with prefix; or fallback. */
static void JS_NORETURN
throw_ossl(js_State *J, enum err_kind kind, const char *xcode,
    const char *prefix, const char *fallback)
{
	unsigned long e = ERR_get_error();
	char msg[256], code[128];

	ERR_clear_error();
	if (e == 0)
		throw_code(J, kind, xcode, "%s%s", prefix, fallback);
	ERR_error_string_n(e, msg, sizeof(msg));
	ossl_code(e, code, sizeof(code));
	throw_code(J, kind, xcode != NULL ? xcode : code[0] ? code : NULL,
	    "%s%s", prefix, msg);
}

/* ---- arguments and results ---------------------------------------------- */

/*
 * The bytes of argument idx: a string in the encoding named at enc (into
 * tmp), or a typed array's or ArrayBuffer's own bytes.
 */
static const unsigned char *
arg_bytes(js_State *J, int idx, int enc, struct buf *tmp, size_t *n,
    const char *what)
{
	const unsigned char *p;

	if (js_isstring(J, idx)) {
		jstyped_encode(J, idx, enc, tmp);
		*n = tmp->len;
		return tmp->data != NULL ? (unsigned char *)tmp->data :
		    (const unsigned char *)"";
	}
	if ((p = jstyped_bytes(J, idx, n)) == NULL)
		throw_code(J, E_TYPE, "ERR_INVALID_ARG_TYPE", "The \"%s\" "
		    "argument must be of type string or an instance of Buffer, "
		    "TypedArray, or DataView.", what);
	return p;
}

/* arg_bytes, freeing tmp if it throws. */
static const unsigned char *
arg_bytes_safe(js_State *J, int idx, int enc, struct buf *tmp, size_t *n,
    const char *what)
{
	const unsigned char *p;

	if (js_try(J)) {
		buf_free(tmp);
		js_throw(J);
	}
	p = arg_bytes(J, idx, enc, tmp, n, what);
	js_endtry(J);
	return p;
}

/* Pushes a Buffer (prototype at proto) holding a copy of p[0..n). */
static void
push_copy(js_State *J, int proto, const void *p, size_t n)
{
	unsigned char *b = jstyped_push_bytes(J, proto, n);

	if (n > 0)
		memcpy(b, p, n);
}

/* Like push_copy, then frees p with OPENSSL_free, even when it throws. */
static void
push_owned(js_State *J, int proto, unsigned char *p, size_t n)
{
	if (js_try(J)) {
		OPENSSL_free(p);
		js_throw(J);
	}
	push_copy(J, proto, p, n);
	js_endtry(J);
	OPENSSL_free(p);
}

static size_t
arg_size(js_State *J, int idx)
{
	double d = js_tonumber(J, idx);

	return d >= 0 && d <= 0x7fffffff ? (size_t)d : 0;
}

/* ---- digests ------------------------------------------------------------ */

static struct {
	char	 name[32];
	EVP_MD	*md;
} md_cache[MD_CACHE];
static size_t md_next;

/*
 * The digest called name (any case, OpenSSL's names and aliases:
 * "sha256", "SHA-256", "RSA-SHA256"), fetched once; NULL if unknown.
 */
static const EVP_MD *
md_get(const char *name)
{
	const EVP_MD *legacy;
	char low[32];
	EVP_MD *md;
	size_t i, n = strlen(name);

	if (n == 0 || n >= sizeof(low))
		return NULL;
	for (i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	for (i = 0; i < MD_CACHE; i++)
		if (md_cache[i].md != NULL && strcmp(md_cache[i].name, low) == 0)
			return md_cache[i].md;
	legacy = EVP_get_digestbyname(name);
	md = EVP_MD_fetch(NULL, legacy != NULL ? EVP_MD_get0_name(legacy) :
	    name, NULL);
	ERR_clear_error();
	if (md == NULL)
		return NULL;
	/* contexts made with an evicted digest hold their own reference */
	i = md_next++ % MD_CACHE;
	EVP_MD_free(md_cache[i].md);
	memcpy(md_cache[i].name, low, n + 1);
	md_cache[i].md = md;
	return md;
}

static void
hash_free(js_State *J, void *p)
{
	struct hash *h = p;

	(void)J;
	EVP_MD_CTX_free(h->ctx);
	free(h);
}

/* Pushes a new, empty Hash userdata with the prototype at proto. */
static struct hash *
hash_push(js_State *J, int proto)
{
	struct hash *h;

	if ((h = calloc(1, sizeof(*h))) == NULL)
		js_error(J, "out of memory");
	js_copy(J, proto);
	js_newuserdata(J, TAG_HASH, h, hash_free);
	if ((h->ctx = EVP_MD_CTX_new()) == NULL)
		js_error(J, "out of memory");
	return h;
}

/* hashNew(proto, algorithm): a Hash, or null for an unknown digest. */
static void
nat_hash_new(js_State *J)
{
	const EVP_MD *md = md_get(js_tostring(J, 2));
	struct hash *h;

	if (md == NULL) {
		js_pushnull(J);
		return;
	}
	h = hash_push(J, 1);
	if (EVP_DigestInit_ex(h->ctx, md, NULL) != 1)
		throw_ossl(J, E_ERROR, NULL, "", "cannot start the digest");
}

/* hashCopy(hash, proto) */
static void
nat_hash_copy(js_State *J)
{
	struct hash *h = js_touserdata(J, 1, TAG_HASH), *c;

	if (h->done)
		throw_code(J, E_ERROR, "ERR_CRYPTO_HASH_FINALIZED",
		    "Digest already called");
	c = hash_push(J, 2);
	if (EVP_MD_CTX_copy_ex(c->ctx, h->ctx) != 1)
		throw_ossl(J, E_ERROR, NULL, "", "cannot copy the digest");
}

/* update(hashOrHmac, data, encoding) */
static void
nat_update(js_State *J)
{
	const unsigned char *p;
	struct hash *h = NULL;
	struct hmac *m = NULL;
	struct buf tmp;
	size_t n;
	int rc;

	if (js_isuserdata(J, 1, TAG_HMAC))
		m = js_touserdata(J, 1, TAG_HMAC);
	else
		h = js_touserdata(J, 1, TAG_HASH);
	if (h != NULL && h->done)
		throw_code(J, E_ERROR, "ERR_CRYPTO_HASH_FINALIZED",
		    "Digest already called");
	if (m != NULL && m->done)
		throw_code(J, E_ERROR, "ERR_CRYPTO_HASH_FINALIZED",
		    "Digest already called");
	buf_init(&tmp);
	p = arg_bytes_safe(J, 2, 3, &tmp, &n, "data");
	rc = h != NULL ? EVP_DigestUpdate(h->ctx, p, n) :
	    EVP_MAC_update(m->ctx, p, n);
	buf_free(&tmp);
	if (rc != 1)
		throw_ossl(J, E_ERROR, NULL, "", "cannot update the digest");
}

/* Is the string at idx an encoding Buffer knows? */
static int
known_encoding(js_State *J, int idx)
{
	static const char *const names[] = { "hex", "base64", "base64url",
	    "latin1", "binary", "utf8", "utf-8", "ascii", "ucs2", "ucs-2",
	    "utf16le", "utf-16le" };
	const char *s;
	size_t i;

	if (!js_isstring(J, idx))
		return 0;
	s = js_tostring(J, idx);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(s, names[i]) == 0)
			return 1;
	return 0;
}

/* The digest's bytes: a string in the encoding at 4 if Buffer knows it, else a Buffer. */
static void
push_result(js_State *J, const unsigned char *p, size_t n)
{
	if (known_encoding(J, 4))
		jstyped_decode(J, p, n, 4);
	else
		push_copy(J, 2, p, n);
}

/*
 * digest(hashOrHmac, proto, outputLength, encoding): the result, as a
 * string in encoding when Buffer knows it, else as a Buffer (Node).
 */
static void
nat_digest(js_State *J)
{
	unsigned char out[EVP_MAX_MD_SIZE], *xof;
	unsigned int n = 0;
	size_t len = 0;
	struct hash *h;
	struct hmac *m;

	if (js_isuserdata(J, 1, TAG_HMAC)) {
		m = js_touserdata(J, 1, TAG_HMAC);
		if (!m->done && EVP_MAC_final(m->ctx, out, &len,
		    sizeof(out)) != 1)
			throw_ossl(J, E_ERROR, NULL, "", "cannot finish the HMAC");
		m->done = 1;		/* a second digest() is empty in Node */
		push_result(J, out, len);
		return;
	}
	h = js_touserdata(J, 1, TAG_HASH);
	if (h->done)
		throw_code(J, E_ERROR, "ERR_CRYPTO_HASH_FINALIZED",
		    "Digest already called");
	h->done = 1;
	if (EVP_MD_get_flags(EVP_MD_CTX_get0_md(h->ctx)) & EVP_MD_FLAG_XOF) {
		len = js_isnumber(J, 3) ? arg_size(J, 3) :
		    (size_t)EVP_MD_get_size(EVP_MD_CTX_get0_md(h->ctx));
		xof = jstyped_push_bytes(J, 2, len);
		if (len > 0 && EVP_DigestFinalXOF(h->ctx, xof, len) != 1)
			throw_ossl(J, E_ERROR, NULL, "", "cannot finish the digest");
		if (known_encoding(J, 4)) {
			jstyped_decode(J, xof, len, 4);
			js_rot2pop1(J);
		}
		return;
	}
	if (EVP_DigestFinal_ex(h->ctx, out, &n) != 1)
		throw_ossl(J, E_ERROR, NULL, "", "cannot finish the digest");
	push_result(J, out, n);
}

/* hashes(): the digests OpenSSL has, by Node's names for them. */
static void
nat_hashes(js_State *J)
{
	static const char *const names[] = {
		"RSA-MD5", "RSA-RIPEMD160", "RSA-SHA1", "RSA-SHA1-2",
		"RSA-SHA224", "RSA-SHA256", "RSA-SHA3-224", "RSA-SHA3-256",
		"RSA-SHA3-384", "RSA-SHA3-512", "RSA-SHA384", "RSA-SHA512",
		"RSA-SHA512/224", "RSA-SHA512/256", "RSA-SM3", "blake2b512",
		"blake2s256", "id-rsassa-pkcs1-v1_5-with-sha3-224",
		"id-rsassa-pkcs1-v1_5-with-sha3-256",
		"id-rsassa-pkcs1-v1_5-with-sha3-384",
		"id-rsassa-pkcs1-v1_5-with-sha3-512", "md5", "md5-sha1",
		"md5WithRSAEncryption", "ripemd", "ripemd160",
		"ripemd160WithRSA", "rmd160", "sha1", "sha1WithRSAEncryption",
		"sha224", "sha224WithRSAEncryption", "sha256",
		"sha256WithRSAEncryption", "sha3-224", "sha3-256", "sha3-384",
		"sha3-512", "sha384", "sha384WithRSAEncryption", "sha512",
		"sha512-224", "sha512-224WithRSAEncryption", "sha512-256",
		"sha512-256WithRSAEncryption", "sha512WithRSAEncryption",
		"shake128", "shake256", "sm3", "sm3WithRSAEncryption",
		"ssl3-md5", "ssl3-sha1",
	};
	size_t i;
	int n = 0;

	js_newarray(J);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (md_get(names[i]) == NULL)
			continue;
		js_pushstring(J, names[i]);
		js_setindex(J, -2, n++);
	}
}

/* digestName(algorithm): OpenSSL's name of a digest, or null. */
static void
nat_digest_name(js_State *J)
{
	const EVP_MD *md = md_get(js_tostring(J, 1));

	if (md == NULL)
		js_pushnull(J);
	else
		js_pushstring(J, EVP_MD_get0_name(md));
}

/* ---- HMAC --------------------------------------------------------------- */

static EVP_MAC *
hmac_algorithm(js_State *J)
{
	static EVP_MAC *mac;

	if (mac == NULL && (mac = EVP_MAC_fetch(NULL, "HMAC", NULL)) == NULL)
		throw_ossl(J, E_ERROR, NULL, "", "HMAC is not available");
	return mac;
}

static void
hmac_free(js_State *J, void *p)
{
	struct hmac *m = p;

	(void)J;
	EVP_MAC_CTX_free(m->ctx);
	free(m);
}

/*
 * hmacNew(proto, algorithm, key): an Hmac, or null for an unknown digest.
 * A string key is taken in utf8, as Buffer.from(key) has it.
 */
static void
nat_hmac_new(js_State *J)
{
	const EVP_MD *md = md_get(js_tostring(J, 2));
	OSSL_PARAM params[2];
	const unsigned char *key;
	struct hmac *m;
	struct buf tmp;
	size_t n;
	int rc;

	if (md == NULL || (EVP_MD_get_flags(md) & EVP_MD_FLAG_XOF)) {
		js_pushnull(J);
		return;
	}
	if (!js_isstring(J, 3) && jstyped_bytes(J, 3, &n) == NULL)
		js_typeerror(J, "hmacNew: the key must be a string or bytes");
	if ((m = calloc(1, sizeof(*m))) == NULL)
		js_error(J, "out of memory");
	js_copy(J, 1);
	js_newuserdata(J, TAG_HMAC, m, hmac_free);
	if ((m->ctx = EVP_MAC_CTX_new(hmac_algorithm(J))) == NULL)
		js_error(J, "out of memory");
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
	    (char *)EVP_MD_get0_name(md), 0);
	params[1] = OSSL_PARAM_construct_end();
	/* nothing below throws before tmp is freed */
	js_pushundefined(J);			/* the encoding: utf8 */
	buf_init(&tmp);
	if (js_isstring(J, 3)) {
		jstyped_encode(J, 3, -1, &tmp);
		key = (const unsigned char *)tmp.data;
		n = tmp.len;
	} else {
		key = jstyped_bytes(J, 3, &n);
	}
	/* an empty key is still a key: never NULL */
	rc = EVP_MAC_init(m->ctx, n > 0 ? key : (const unsigned char *)"", n,
	    params);
	buf_free(&tmp);
	js_pop(J, 1);
	if (rc != 1)
		throw_ossl(J, E_ERROR, NULL, "", "cannot start the HMAC");
}

/* ---- key derivation and randomness ------------------------------------- */

/* pbkdf2(password, salt, iterations, keylen, digest, proto) */
static void
nat_pbkdf2(js_State *J)
{
	const EVP_MD *md = md_get(js_tostring(J, 5));
	const unsigned char *pass, *salt;
	size_t passlen, saltlen, keylen = arg_size(J, 4);
	unsigned char *out;
	int iter = js_toint32(J, 3);

	if (md == NULL) {
		js_pushnull(J);
		return;
	}
	pass = jstyped_bytes(J, 1, &passlen);
	salt = jstyped_bytes(J, 2, &saltlen);
	if (pass == NULL || salt == NULL)
		js_typeerror(J, "pbkdf2: password and salt must be bytes");
	out = jstyped_push_bytes(J, 6, keylen);
	if (keylen > 0 && PKCS5_PBKDF2_HMAC((const char *)pass, (int)passlen,
	    salt, (int)saltlen, iter, md, (int)keylen, out) != 1)
		throw_ossl(J, E_ERROR, NULL, "", "PBKDF2 failed");
}

/* scrypt(password, salt, keylen, N, r, p, maxmem, proto) */
static void
nat_scrypt(js_State *J)
{
	const unsigned char *pass, *salt;
	size_t passlen, saltlen, keylen = arg_size(J, 3);
	uint64_t N = (uint64_t)js_tonumber(J, 4), r = (uint64_t)js_tonumber(J, 5);
	uint64_t p = (uint64_t)js_tonumber(J, 6);
	double dmax = js_tonumber(J, 7);
	uint64_t maxmem = dmax > (double)SCRYPT_MAXMEM_CAP || !(dmax >= 0) ?
	    SCRYPT_MAXMEM_CAP : (uint64_t)dmax;
	unsigned char *out;

	pass = jstyped_bytes(J, 1, &passlen);
	salt = jstyped_bytes(J, 2, &saltlen);
	if (pass == NULL || salt == NULL)
		js_typeerror(J, "scrypt: password and salt must be bytes");
	ERR_clear_error();
	if (EVP_PBE_scrypt(NULL, 0, NULL, 0, N, r, p, maxmem, NULL, 0) != 1) {
		if (ERR_peek_error() == 0)
			throw_code(J, E_RANGE, "ERR_CRYPTO_INVALID_SCRYPT_PARAMS",
			    "Invalid scrypt params");
		throw_ossl(J, E_RANGE, "ERR_CRYPTO_INVALID_SCRYPT_PARAMS",
		    "Invalid scrypt params: ", "");
	}
	out = jstyped_push_bytes(J, 8, keylen);
	if (keylen > 0 && EVP_PBE_scrypt((const char *)pass, passlen, salt,
	    saltlen, N, r, p, maxmem, out, keylen) != 1)
		throw_ossl(J, E_RANGE, "ERR_CRYPTO_INVALID_SCRYPT_PARAMS",
		    "Invalid scrypt params: ", "scrypt failed");
}

/* randomFill(typedArrayOrArrayBuffer, offset, size): checked by crypto.js */
static void
nat_random_fill(js_State *J)
{
	size_t n, off = arg_size(J, 2), size = arg_size(J, 3);
	unsigned char *p = jstyped_bytes(J, 1, &n);

	if (p == NULL || off > n || size > n - off)
		js_rangeerror(J, "randomFill: out of bounds");
	if (size > 0)
		random_bytes(J, p + off, size);
	js_copy(J, 1);
}

/* randomBytes(size, proto) */
static void
nat_random_bytes(js_State *J)
{
	size_t n = arg_size(J, 1);
	unsigned char *p = jstyped_push_bytes(J, 2, n);

	if (n > 0)
		random_bytes(J, p, n);
}

/* timingSafeEqual(a, b): same lengths, checked by crypto.js */
static void
nat_timing_safe_equal(js_State *J)
{
	const unsigned char *a, *b;
	size_t na, nb;

	a = jstyped_bytes(J, 1, &na);
	b = jstyped_bytes(J, 2, &nb);
	if (a == NULL || b == NULL || na != nb)
		js_rangeerror(J, "Input buffers must have the same byte length");
	js_pushboolean(J, na == 0 || CRYPTO_memcmp(a, b, na) == 0);
}

/* ---- keys --------------------------------------------------------------- */

static void
key_free(js_State *J, void *p)
{
	struct key *k = p;

	(void)J;
	EVP_PKEY_free(k->pkey);
	free(k);
}

/* Pushes a key userdata owning pkey (freed here if that fails). */
static void
key_push(js_State *J, int proto, EVP_PKEY *pkey, int private)
{
	struct key *k;

	if ((k = calloc(1, sizeof(*k))) == NULL) {
		EVP_PKEY_free(pkey);
		js_error(J, "out of memory");
	}
	k->pkey = pkey;
	k->private = private;
	js_copy(J, proto);
	js_newuserdata(J, TAG_KEY, k, key_free);
}

struct passphrase {
	const char	*s;
};

/* OpenSSL's passphrase callback: never the terminal's prompt. */
static int
passphrase_cb(char *buf, int size, int rwflag, void *u)
{
	struct passphrase *pp = u;
	size_t n;

	(void)rwflag;
	if (pp->s == NULL)
		return -1;
	n = strlen(pp->s);
	if (n > (size_t)size)
		n = (size_t)size;
	memcpy(buf, pp->s, n);
	return (int)n;
}

/* An RSA public key in PKCS#1 DER, as a key of OpenSSL's provider. */
static EVP_PKEY *
der_rsa_public(const unsigned char *der, size_t len)
{
	OSSL_DECODER_CTX *dctx;
	EVP_PKEY *pkey = NULL;

	dctx = OSSL_DECODER_CTX_new_for_pkey(&pkey, "DER", "type-specific",
	    "RSA", EVP_PKEY_PUBLIC_KEY, NULL, NULL);
	if (dctx == NULL)
		return NULL;
	if (OSSL_DECODER_from_data(dctx, &der, &len) != 1)
		pkey = NULL;
	OSSL_DECODER_CTX_free(dctx);
	return pkey;
}

/*
 * The public key in PEM text, as Node reads one: SubjectPublicKeyInfo,
 * then PKCS#1 RSA, then a certificate.  *seen says whether one of those
 * blocks was there at all (else it may be a private key).
 */
static EVP_PKEY *
pem_public(const unsigned char *p, size_t n, int *seen)
{
	static const char *const blocks[] = {
		"PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE"
	};
	const unsigned char *q;
	unsigned char *der;
	EVP_PKEY *pkey = NULL;
	X509 *cert;
	size_t i;
	long len;
	BIO *bio;

	*seen = 0;
	for (i = 0; i < 3 && !*seen; i++) {
		if ((bio = BIO_new_mem_buf(p, (int)n)) == NULL)
			return NULL;
		if (PEM_bytes_read_bio(&der, &len, NULL, blocks[i], bio, NULL,
		    NULL) != 1) {
			BIO_free(bio);
			ERR_clear_error();
			continue;
		}
		BIO_free(bio);
		*seen = 1;
		q = der;
		if (i == 0)
			pkey = d2i_PUBKEY(NULL, &q, len);
		else if (i == 1)
			pkey = der_rsa_public(q, (size_t)len);
		else if ((cert = d2i_X509(NULL, &q, len)) != NULL) {
			pkey = X509_get_pubkey(cert);
			X509_free(cert);
		}
		OPENSSL_free(der);
	}
	return pkey;
}

/*
 * keyParse(proto, data, format, type, kind, passphrase): a key from PEM
 * text or DER bytes; kind "public" also takes a private key (its public
 * half), as Node does.
 */
static void
nat_key_parse(js_State *J)
{
	const char *format = js_tostring(J, 3), *kind = js_tostring(J, 5);
	struct passphrase pp = { NULL };
	const unsigned char *p, *q;
	int public = strcmp(kind, "public") == 0, seen = 0;
	EVP_PKEY *pkey = NULL;
	struct buf tmp;
	const char *type;
	size_t n;
	BIO *bio;

	if (js_isstring(J, 6))
		pp.s = js_tostring(J, 6);
	type = js_isstring(J, 4) ? js_tostring(J, 4) : "";
	buf_init(&tmp);
	/* index 7 is past the arguments: undefined, so utf8 */
	p = arg_bytes_safe(J, 2, 7, &tmp, &n, "key");
	ERR_clear_error();
	if (strcmp(format, "der") == 0) {
		q = p;
		if (public && strcmp(type, "pkcs1") == 0)
			pkey = der_rsa_public(q, n);
		else if (public && strcmp(type, "spki") == 0)
			pkey = d2i_PUBKEY(NULL, &q, (long)n);
		else
			pkey = d2i_AutoPrivateKey(NULL, &q, (long)n);
	} else {
		if (public)
			pkey = pem_public(p, n, &seen);
		if (!seen && (bio = BIO_new_mem_buf(p, (int)n)) != NULL) {
			pkey = PEM_read_bio_PrivateKey(bio, NULL, passphrase_cb,
			    &pp);
			BIO_free(bio);
		}
	}
	buf_free(&tmp);
	if (pkey == NULL)
		throw_ossl(J, E_ERROR, NULL, "", "unsupported key");
	key_push(J, 1, pkey, !public);
}

/* keyPublic(key, proto): the public half of a key, as its own object. */
static void
nat_key_public(js_State *J)
{
	struct key *k = js_touserdata(J, 1, TAG_KEY);

	if (EVP_PKEY_up_ref(k->pkey) != 1)
		js_error(J, "cannot share the key");
	key_push(J, 2, k->pkey, 0);
}

/* keyExport(key, format, type): PEM text, or DER bytes (proto at 4) */
static void
nat_key_export(js_State *J)
{
	struct key *k = js_touserdata(J, 1, TAG_KEY);
	const char *format = js_tostring(J, 2), *type = js_tostring(J, 3);
	const char *structure = "type-specific";
	OSSL_ENCODER_CTX *ectx;
	unsigned char *data = NULL;
	size_t len = 0;
	int pem = strcmp(format, "pem") == 0;

	if (strcmp(type, "spki") == 0)
		structure = "SubjectPublicKeyInfo";
	else if (strcmp(type, "pkcs8") == 0)
		structure = "PrivateKeyInfo";
	ectx = OSSL_ENCODER_CTX_new_for_pkey(k->pkey, k->private ?
	    EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, pem ? "PEM" : "DER",
	    structure, NULL);
	if (ectx == NULL || OSSL_ENCODER_CTX_get_num_encoders(ectx) == 0 ||
	    OSSL_ENCODER_to_data(ectx, &data, &len) != 1) {
		OSSL_ENCODER_CTX_free(ectx);
		throw_ossl(J, E_ERROR, "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS", "",
		    "the key cannot be exported with these options");
	}
	OSSL_ENCODER_CTX_free(ectx);
	if (!pem) {
		push_owned(J, 4, data, len);
		return;
	}
	if (js_try(J)) {
		OPENSSL_free(data);
		js_throw(J);
	}
	js_pushlstring(J, (const char *)data, (int)len);
	js_endtry(J);
	OPENSSL_free(data);
}

static const char *
key_type(EVP_PKEY *pkey)
{
	static const struct { const char *ossl, *node; } types[] = {
		{ "RSA-PSS", "rsa-pss" }, { "RSA", "rsa" }, { "EC", "ec" },
		{ "ED25519", "ed25519" }, { "ED448", "ed448" },
		{ "X25519", "x25519" }, { "X448", "x448" }, { "DSA", "dsa" },
		{ "DHX", "dh" }, { "DH", "dh" },
	};
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (EVP_PKEY_is_a(pkey, types[i].ossl))
			return types[i].node;
	return "unknown";
}

/* keyInfo(key): {type, private, bits, curve, exponent} */
static void
nat_key_info(js_State *J)
{
	struct key *k = js_touserdata(J, 1, TAG_KEY);
	char curve[64];
	BIGNUM *e = NULL;

	js_newobject(J);
	js_pushstring(J, key_type(k->pkey));
	js_setproperty(J, -2, "type");
	js_pushboolean(J, k->private);
	js_setproperty(J, -2, "private");
	js_pushnumber(J, EVP_PKEY_get_bits(k->pkey));
	js_setproperty(J, -2, "bits");
	if (EVP_PKEY_get_utf8_string_param(k->pkey, OSSL_PKEY_PARAM_GROUP_NAME,
	    curve, sizeof(curve), NULL) == 1) {
		js_pushstring(J, curve);
		js_setproperty(J, -2, "curve");
	}
	if (EVP_PKEY_get_bn_param(k->pkey, OSSL_PKEY_PARAM_RSA_E, &e) == 1) {
		js_pushnumber(J, (double)BN_get_word(e));
		js_setproperty(J, -2, "exponent");
		BN_free(e);
	}
	ERR_clear_error();
}

/* keyEquals(a, b) */
static void
nat_key_equals(js_State *J)
{
	struct key *a = js_touserdata(J, 1, TAG_KEY);
	struct key *b = js_touserdata(J, 2, TAG_KEY);

	js_pushboolean(J, a->private == b->private &&
	    EVP_PKEY_eq(a->pkey, b->pkey) == 1);
	ERR_clear_error();
}

/* keyGenerate(type, bitsOrCurve, proto): a new private key. */
static void
nat_key_generate(js_State *J)
{
	const char *type = js_tostring(J, 1);
	EVP_PKEY *pkey = NULL;

	if (strcmp(type, "rsa") == 0)
		pkey = EVP_PKEY_Q_keygen(NULL, NULL, "RSA",
		    (size_t)js_tonumber(J, 2));
	else if (strcmp(type, "ec") == 0)
		pkey = EVP_PKEY_Q_keygen(NULL, NULL, "EC", js_tostring(J, 2));
	else if (strcmp(type, "ed25519") == 0)
		pkey = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	else
		throw_code(J, E_TYPE, "ERR_INVALID_ARG_VALUE", "The argument "
		    "'type' must be a supported key type. Received '%s'", type);
	if (pkey == NULL)
		throw_ossl(J, E_ERROR, NULL, "", "key generation failed");
	key_push(J, 3, pkey, 1);
}

/* ---- signatures --------------------------------------------------------- */

/* Sets RSA padding and PSS salt length on pctx, where given. */
static int
sign_options(js_State *J, EVP_PKEY_CTX *pctx, EVP_PKEY *pkey, int padding,
    int saltlen)
{
	int pad = js_isnumber(J, padding) ? js_toint32(J, padding) : 0;

	if (!EVP_PKEY_is_a(pkey, "RSA") && !EVP_PKEY_is_a(pkey, "RSA-PSS"))
		return 1;
	if (pad != 0 && EVP_PKEY_CTX_set_rsa_padding(pctx, pad) != 1)
		return 0;
	if ((pad == RSA_PKCS1_PSS_PADDING || EVP_PKEY_is_a(pkey, "RSA-PSS")) &&
	    js_isnumber(J, saltlen) &&
	    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, js_toint32(J, saltlen)) != 1)
		return 0;
	return 1;
}

/* The size of r and s of an ECDSA key, for IEEE P1363 signatures. */
static size_t
ec_half(EVP_PKEY *pkey)
{
	return ((size_t)EVP_PKEY_get_bits(pkey) + 7) / 8;
}

/* DER ECDSA signature sig into r || s at out (2 * half bytes). */
static int
der_to_p1363(const unsigned char *sig, size_t n, size_t half,
    unsigned char *out)
{
	const unsigned char *q = sig;
	ECDSA_SIG *es = d2i_ECDSA_SIG(NULL, &q, (long)n);
	int ok;

	if (es == NULL)
		return 0;
	ok = BN_bn2binpad(ECDSA_SIG_get0_r(es), out, (int)half) == (int)half &&
	    BN_bn2binpad(ECDSA_SIG_get0_s(es), out + half, (int)half) ==
	    (int)half;
	ECDSA_SIG_free(es);
	return ok;
}

/* r || s into a DER signature (OPENSSL_malloc'd); 0 if malformed. */
static int
p1363_to_der(const unsigned char *sig, size_t n, size_t half,
    unsigned char **der, size_t *dlen)
{
	ECDSA_SIG *es;
	BIGNUM *r, *s;
	int len;

	if (n != 2 * half || (es = ECDSA_SIG_new()) == NULL)
		return 0;
	r = BN_bin2bn(sig, (int)half, NULL);
	s = BN_bin2bn(sig + half, (int)half, NULL);
	if (r == NULL || s == NULL || ECDSA_SIG_set0(es, r, s) != 1) {
		BN_free(r);
		BN_free(s);
		ECDSA_SIG_free(es);
		return 0;
	}
	*der = NULL;
	len = i2d_ECDSA_SIG(es, der);
	ECDSA_SIG_free(es);
	if (len <= 0)
		return 0;
	*dlen = (size_t)len;
	return 1;
}

/* Pushes sig as a Buffer (proto), in P1363 form if asked; frees sig. */
static void
push_signature(js_State *J, int proto, EVP_PKEY *pkey, unsigned char *sig,
    size_t n, int p1363)
{
	unsigned char *raw;
	size_t half;

	if (!p1363 || !EVP_PKEY_is_a(pkey, "EC")) {
		push_owned(J, proto, sig, n);
		return;
	}
	half = ec_half(pkey);
	if ((raw = OPENSSL_malloc(2 * half)) == NULL ||
	    !der_to_p1363(sig, n, half, raw)) {
		OPENSSL_free(raw);
		OPENSSL_free(sig);
		js_error(J, "cannot convert the ECDSA signature");
	}
	OPENSSL_free(sig);
	push_owned(J, proto, raw, 2 * half);
}

/*
 * The signature at idx as DER for an EC key in P1363 form (*owned is set
 * when it was converted), else as is.  NULL: malformed.
 */
static const unsigned char *
signature_in(js_State *J, int idx, EVP_PKEY *pkey, int p1363, size_t *n,
    unsigned char **owned)
{
	const unsigned char *sig = jstyped_bytes(J, idx, n);

	*owned = NULL;
	if (sig == NULL)
		js_typeerror(J, "the signature must be bytes");
	if (!p1363 || !EVP_PKEY_is_a(pkey, "EC"))
		return sig;
	if (!p1363_to_der(sig, *n, ec_half(pkey), owned, n))
		return NULL;
	return *owned;
}

/*
 * signFinal(sign, key, padding, saltLength, p1363, proto): signs what the
 * Sign object has hashed.
 */
static void
nat_sign_final(js_State *J)
{
	struct hash *h = js_touserdata(J, 1, TAG_HASH);
	struct key *k = js_touserdata(J, 2, TAG_KEY);
	unsigned char dig[EVP_MAX_MD_SIZE], *sig = NULL;
	EVP_PKEY_CTX *pctx = NULL;
	unsigned int dlen;
	size_t slen = 0;

	if (h->done)
		throw_code(J, E_ERROR, "ERR_CRYPTO_SIGN_KEY_REQUIRED",
		    "Digest already called");
	h->done = 1;
	ERR_clear_error();
	if (EVP_DigestFinal_ex(h->ctx, dig, &dlen) != 1 ||
	    (pctx = EVP_PKEY_CTX_new_from_pkey(NULL, k->pkey, NULL)) == NULL ||
	    EVP_PKEY_sign_init(pctx) != 1 ||
	    EVP_PKEY_CTX_set_signature_md(pctx, EVP_MD_CTX_get0_md(h->ctx)) != 1 ||
	    !sign_options(J, pctx, k->pkey, 3, 4) ||
	    EVP_PKEY_sign(pctx, NULL, &slen, dig, dlen) != 1 ||
	    (sig = OPENSSL_malloc(slen)) == NULL ||
	    EVP_PKEY_sign(pctx, sig, &slen, dig, dlen) != 1) {
		EVP_PKEY_CTX_free(pctx);
		OPENSSL_free(sig);
		throw_ossl(J, E_ERROR, NULL, "", "signing failed");
	}
	EVP_PKEY_CTX_free(pctx);
	push_signature(J, 6, k->pkey, sig, slen, js_toboolean(J, 5));
}

/* verifyFinal(verify, key, signature, padding, saltLength, p1363) */
static void
nat_verify_final(js_State *J)
{
	struct hash *h = js_touserdata(J, 1, TAG_HASH);
	struct key *k = js_touserdata(J, 2, TAG_KEY);
	unsigned char dig[EVP_MAX_MD_SIZE], *owned;
	const unsigned char *sig;
	EVP_PKEY_CTX *pctx = NULL;
	unsigned int dlen;
	size_t slen;
	int rc;

	if (h->done)
		throw_code(J, E_ERROR, "ERR_CRYPTO_HASH_FINALIZED",
		    "Digest already called");
	h->done = 1;
	sig = signature_in(J, 3, k->pkey, js_toboolean(J, 6), &slen, &owned);
	if (sig == NULL) {
		js_pushboolean(J, 0);
		return;
	}
	ERR_clear_error();
	if (EVP_DigestFinal_ex(h->ctx, dig, &dlen) != 1 ||
	    (pctx = EVP_PKEY_CTX_new_from_pkey(NULL, k->pkey, NULL)) == NULL ||
	    EVP_PKEY_verify_init(pctx) != 1 ||
	    EVP_PKEY_CTX_set_signature_md(pctx, EVP_MD_CTX_get0_md(h->ctx)) != 1 ||
	    !sign_options(J, pctx, k->pkey, 4, 5)) {
		EVP_PKEY_CTX_free(pctx);
		OPENSSL_free(owned);
		throw_ossl(J, E_ERROR, NULL, "", "verification failed");
	}
	rc = EVP_PKEY_verify(pctx, sig, slen, dig, dlen);
	EVP_PKEY_CTX_free(pctx);
	OPENSSL_free(owned);
	ERR_clear_error();
	js_pushboolean(J, rc == 1);
}

/* An EVP_DigestSign/Verify context for one-shot crypto.sign/verify. */
static EVP_MD_CTX *
oneshot_ctx(js_State *J, int verify, struct key *k, int padding, int saltlen)
{
	const char *mdname = NULL;
	const EVP_MD *md;
	EVP_PKEY_CTX *pctx;
	EVP_MD_CTX *mctx;
	int rc;

	if (js_isstring(J, 1)) {
		if ((md = md_get(js_tostring(J, 1))) == NULL)
			throw_code(J, E_TYPE, "ERR_CRYPTO_INVALID_DIGEST",
			    "Invalid digest: %s", js_tostring(J, 1));
		mdname = EVP_MD_get0_name(md);
	}
	if ((mctx = EVP_MD_CTX_new()) == NULL)
		js_error(J, "out of memory");
	ERR_clear_error();
	rc = verify ? EVP_DigestVerifyInit_ex(mctx, &pctx, mdname, NULL, NULL,
	    k->pkey, NULL) : EVP_DigestSignInit_ex(mctx, &pctx, mdname, NULL,
	    NULL, k->pkey, NULL);
	if (rc != 1 || !sign_options(J, pctx, k->pkey, padding, saltlen)) {
		EVP_MD_CTX_free(mctx);
		throw_ossl(J, E_ERROR, NULL, "", "cannot start the signature");
	}
	return mctx;
}

/* signOneShot(algorithm|null, data, key, padding, saltLength, p1363, proto) */
static void
nat_sign_oneshot(js_State *J)
{
	struct key *k = js_touserdata(J, 3, TAG_KEY);
	unsigned char *sig = NULL;
	const unsigned char *data;
	EVP_MD_CTX *mctx;
	size_t n, slen = 0;

	if ((data = jstyped_bytes(J, 2, &n)) == NULL)
		js_typeerror(J, "the data must be bytes");
	mctx = oneshot_ctx(J, 0, k, 4, 5);
	if (EVP_DigestSign(mctx, NULL, &slen, data, n) != 1 ||
	    (sig = OPENSSL_malloc(slen)) == NULL ||
	    EVP_DigestSign(mctx, sig, &slen, data, n) != 1) {
		EVP_MD_CTX_free(mctx);
		OPENSSL_free(sig);
		throw_ossl(J, E_ERROR, NULL, "", "signing failed");
	}
	EVP_MD_CTX_free(mctx);
	push_signature(J, 7, k->pkey, sig, slen, js_toboolean(J, 6));
}

/* verifyOneShot(algorithm|null, data, key, signature, padding, saltLength, p1363) */
static void
nat_verify_oneshot(js_State *J)
{
	struct key *k = js_touserdata(J, 3, TAG_KEY);
	const unsigned char *data, *sig;
	unsigned char *owned;
	EVP_MD_CTX *mctx;
	size_t n, slen;
	int rc;

	if ((data = jstyped_bytes(J, 2, &n)) == NULL)
		js_typeerror(J, "the data must be bytes");
	sig = signature_in(J, 4, k->pkey, js_toboolean(J, 7), &slen, &owned);
	if (sig == NULL) {
		js_pushboolean(J, 0);
		return;
	}
	mctx = oneshot_ctx(J, 1, k, 5, 6);
	rc = EVP_DigestVerify(mctx, sig, slen, data, n);
	EVP_MD_CTX_free(mctx);
	OPENSSL_free(owned);
	ERR_clear_error();
	js_pushboolean(J, rc == 1);
}

/* ---- installation ------------------------------------------------------- */

void
crypto_natives(js_State *J, int idx)
{
	static const struct {
		const char	*name;
		js_CFunction	 fn;
		int		 length;
	} fns[] = {
		{ "hashNew", nat_hash_new, 2 },
		{ "hashCopy", nat_hash_copy, 2 },
		{ "hmacNew", nat_hmac_new, 3 },
		{ "update", nat_update, 3 },
		{ "digest", nat_digest, 4 },
		{ "hashes", nat_hashes, 0 },
		{ "digestName", nat_digest_name, 1 },
		{ "pbkdf2", nat_pbkdf2, 6 },
		{ "scrypt", nat_scrypt, 8 },
		{ "randomFill", nat_random_fill, 3 },
		{ "randomBytes", nat_random_bytes, 2 },
		{ "timingSafeEqual", nat_timing_safe_equal, 2 },
		{ "keyParse", nat_key_parse, 6 },
		{ "keyPublic", nat_key_public, 2 },
		{ "keyExport", nat_key_export, 4 },
		{ "keyInfo", nat_key_info, 1 },
		{ "keyEquals", nat_key_equals, 2 },
		{ "keyGenerate", nat_key_generate, 3 },
		{ "signFinal", nat_sign_final, 6 },
		{ "verifyFinal", nat_verify_final, 6 },
		{ "signOneShot", nat_sign_oneshot, 7 },
		{ "verifyOneShot", nat_verify_oneshot, 7 },
	};
	size_t i;

	idx = idx < 0 ? js_gettop(J) + idx : idx;
	for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		js_newcfunction(J, fns[i].fn, fns[i].name, fns[i].length);
		js_setproperty(J, idx, fns[i].name);
	}
	js_pushnumber(J, SCRYPT_MAXMEM_CAP);
	js_setproperty(J, idx, "scryptMaxmemCap");
}
