/* js_crypto.c - the OpenSSL 3 natives behind the `crypto` module.
 *
 * Every native here is one-shot: it takes whole inputs, creates whatever
 * OpenSSL context it needs, does the work and frees the context before it
 * returns.  Nothing of OpenSSL outlives a call but the process-wide cache
 * of fetched digests and HMAC contexts (see js_crypto_md_cache) and the
 * asymmetric keys (EVP_PKEY) of KeyObjects, which live in handle objects
 * with a finalizer (see "asymmetric keys" below).  Nothing leaks when
 * Duktape throws: arguments are checked and the result buffer is pushed *before*
 * any context is used, and the only Duktape calls made while one is in use
 * cannot throw.  The
 * streaming shape Node offers (hash.update().update().digest(), cipher
 * update/final) is built on top of these in src/js/crypto.js, which keeps
 * the input bytes until the result is asked for.
 *
 * Inputs are buffers (plain, ArrayBuffer, or any view); src/js/crypto.js
 * turns strings into bytes first (digest() also takes ASCII strings as
 * they are).  Outputs are plain fixed/dynamic buffers that crypto.js wraps
 * into Buffers.
 */
#include "bindings/js_crypto.h"
#include "bindings/js_ossl.h"
#include "bindings/js_dh.h"
#include "bindings/js_x509.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/dh.h>
#include <openssl/ec.h>
#include <openssl/encoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/objects.h>
#include <openssl/param_build.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <stdio.h>
#include <string.h>

/* The digests crypto.js offers, by Node's name and OpenSSL's. */
static const struct {
    const char *node;
    const char *ossl;
} js_crypto_digests[] = {
    { "md5", "MD5" },
    { "sha1", "SHA1" },
    { "sha224", "SHA2-224" },
    { "sha256", "SHA2-256" },
    { "sha384", "SHA2-384" },
    { "sha512", "SHA2-512" },
    { "sha512-224", "SHA2-512/224" },
    { "sha512-256", "SHA2-512/256" },
    { "sha3-224", "SHA3-224" },
    { "sha3-256", "SHA3-256" },
    { "sha3-384", "SHA3-384" },
    { "sha3-512", "SHA3-512" },
    { "ripemd160", "RIPEMD-160" },
    { NULL, NULL }
};

#define JS_CRYPTO_NDIGESTS (sizeof js_crypto_digests / sizeof js_crypto_digests[0] - 1)

/* Fetched algorithms, kept for the life of the process: a fetch costs
 * OpenSSL 3 a locked lookup in its method store (2-3k instructions), as
 * much as hashing a short body, and a request that verifies a signature
 * asks for the digest twice.  Process-wide and never freed, so nothing
 * here is tied to a request; the HMAC contexts are re-keyed by each call
 * (EVP_MAC_init) and hold no Duktape value. */
static EVP_MD *js_crypto_md_cache[JS_CRYPTO_NDIGESTS];
static EVP_MAC_CTX *js_crypto_hmac_cache[JS_CRYPTO_NDIGESTS];

/* The index of the digest for a Node name (case-insensitive), or -1. */
static int js_crypto_digest_index(const char *name)
{
    int i;

    for (i = 0; js_crypto_digests[i].node; i++)
        if (strcasecmp(js_crypto_digests[i].node, name) == 0)
            return i;
    return -1;
}

/* The digest for a Node name, or NULL; the process keeps it (never
 * freed by the caller). */
static const EVP_MD *js_crypto_fetch_md(const char *name)
{
    int i = js_crypto_digest_index(name);

    if (i < 0)
        return NULL;
    if (js_crypto_md_cache[i] == NULL)
        js_crypto_md_cache[i] = EVP_MD_fetch(NULL, js_crypto_digests[i].ossl, NULL);
    return js_crypto_md_cache[i];
}

/* An HMAC context with digest i set, or NULL; the process keeps it. */
static EVP_MAC_CTX *js_crypto_hmac_ctx(int i)
{
    OSSL_PARAM params[2];
    EVP_MAC *mac;

    if (js_crypto_hmac_cache[i] != NULL)
        return js_crypto_hmac_cache[i];
    mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    if (mac == NULL)
        return NULL;
    js_crypto_hmac_cache[i] = EVP_MAC_CTX_new(mac);
    EVP_MAC_free(mac);      /* the context holds its own reference */
    params[0] = OSSL_PARAM_construct_utf8_string("digest", (char *) js_crypto_digests[i].ossl, 0);
    params[1] = OSSL_PARAM_construct_end();
    if (js_crypto_hmac_cache[i] != NULL && EVP_MAC_CTX_set_params(js_crypto_hmac_cache[i], params) != 1) {
        EVP_MAC_CTX_free(js_crypto_hmac_cache[i]);
        js_crypto_hmac_cache[i] = NULL;
    }
    return js_crypto_hmac_cache[i];
}

/* A buffer argument's bytes (any buffer type); throws TypeError otherwise. */
static const unsigned char *js_crypto_bytes(duk_context *ctx, duk_idx_t idx, size_t *len)
{
    duk_size_t n = 0;
    void *p = duk_require_buffer_data(ctx, idx, &n);

    *len = (size_t) n;
    return p ? p : (const unsigned char *) "";
}

/* Throws Error(message) with .code = code. */
static duk_ret_t js_crypto_throw(duk_context *ctx, const char *code, const char *msg)
{
    duk_push_error_object(ctx, DUK_ERR_ERROR, "%s", msg);
    duk_push_string(ctx, code);
    duk_put_prop_string(ctx, -2, "code");
    return duk_throw(ctx);
}

/* random(n) -> plain buffer of n bytes from the CSPRNG. */
static duk_ret_t js_crypto_random(duk_context *ctx)
{
    duk_int_t n = duk_require_int(ctx, 0);
    void *out;

    if (n < 0 || n > 0x7fffffff)
        return duk_range_error(ctx, "invalid size");
    out = duk_push_fixed_buffer(ctx, (duk_size_t) n);
    if (n > 0 && RAND_bytes(out, n) != 1)
        return js_crypto_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "RAND_bytes failed");
    return 1;
}

/* An input of digest(): a buffer, or a string whose bytes are taken as
 * they are when it is ASCII (its UTF-8 then).  NULL for any other string:
 * crypto.js encodes it (lone surrogates as Node does) and asks again. */
static const unsigned char *js_crypto_input(duk_context *ctx, duk_idx_t idx, size_t *len)
{
    const unsigned char *p;
    size_t i;

    if (!duk_is_string(ctx, idx))
        return js_crypto_bytes(ctx, idx, len);
    p = (const unsigned char *) duk_get_lstring(ctx, idx, len);
    for (i = 0; i < *len; i++)
        if (p[i] >= 0x80)
            return NULL;
    return p;
}

/* digest(alg, data[, key[, enc]]) -> the digest of data, or its HMAC
 * with key: an ArrayBuffer, or a string when enc is 'hex' or 'base64'
 * (the common digest('hex') then makes no Buffer at all).  undefined when
 * alg is not a known digest; null when data or key is a non-ASCII string
 * (see js_crypto_input). */
static duk_ret_t js_crypto_digest(duk_context *ctx)
{
    const char *alg = duk_require_string(ctx, 0);
    int hmac = !duk_is_undefined(ctx, 2);
    const char *enc = duk_get_string(ctx, 3);
    size_t len, klen = 0;
    const unsigned char *data = js_crypto_input(ctx, 1, &len);
    const unsigned char *key = hmac ? js_crypto_input(ctx, 2, &klen) : NULL;
    unsigned char *out;
    size_t olen = 0;
    int i = js_crypto_digest_index(alg), ok;
    const EVP_MD *md;
    EVP_MAC_CTX *mc = NULL;

    if (data == NULL || (hmac && key == NULL)) {
        duk_push_null(ctx);
        return 1;
    }
    md = i < 0 ? NULL : js_crypto_fetch_md(alg);
    if (md == NULL || (hmac && (mc = js_crypto_hmac_ctx(i)) == NULL))
        return 0;
    out = duk_push_fixed_buffer(ctx, EVP_MAX_MD_SIZE);
    if (hmac) {
        ok = EVP_MAC_init(mc, key, klen, NULL) == 1 && EVP_MAC_update(mc, data, len) == 1 &&
             EVP_MAC_final(mc, out, &olen, EVP_MAX_MD_SIZE) == 1;
    } else {
        unsigned int n = 0;
        ok = EVP_Digest(data, len, out, &n, md, NULL) == 1;
        olen = n;
    }
    if (!ok)
        return js_crypto_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "digest failed");
    /* [ ... out ] -> [ ... out[0..olen) ] */
    if (enc != NULL && (strcmp(enc, "hex") == 0 || strcmp(enc, "base64") == 0)) {
        duk_push_buffer_object(ctx, -1, 0, olen, DUK_BUFOBJ_UINT8ARRAY);
        if (enc[0] == 'h')
            duk_hex_encode(ctx, -1);
        else
            duk_base64_encode(ctx, -1);
        return 1;
    }
    duk_push_buffer_object(ctx, -1, 0, olen, DUK_BUFOBJ_ARRAYBUFFER);
    return 1;
}

/* --- hashes fed piece by piece ------------------------------------------
 *
 * A Hash or Hmac that has been given more than a little (crypto.js keeps
 * small inputs and digests them in one call) moves to an OpenSSL context
 * that takes each piece as it comes, so that hashing a stream holds one
 * piece at a time, not the stream.  The context lives in a handle object
 * (below) whose finalizer frees it. */

#define JS_CRYPTO_HCTX DUK_HIDDEN_SYMBOL("hctx")

typedef struct js_crypto_hctx {
    EVP_MD_CTX *md;         /* a hash, or */
    EVP_MAC_CTX *mac;       /* an HMAC */
} js_crypto_hctx;

static void js_crypto_hctx_free(js_crypto_hctx *h)
{
    if (h == NULL)
        return;
    EVP_MD_CTX_free(h->md);
    EVP_MAC_CTX_free(h->mac);
    free(h);
}

static duk_ret_t js_crypto_hctx_finalize(duk_context *ctx)
{
    duk_get_prop_string(ctx, 0, JS_CRYPTO_HCTX);
    js_crypto_hctx_free(duk_get_pointer(ctx, -1));
    duk_push_pointer(ctx, NULL);
    duk_put_prop_string(ctx, 0, JS_CRYPTO_HCTX);
    return 0;
}

/* [ ... ] -> [ ... handle ]: a handle with no context yet. */
static void js_crypto_new_hctx_handle(duk_context *ctx)
{
    js_ossl_new_handle(ctx, js_crypto_hctx_finalize, JS_CRYPTO_HCTX);
}

/* Ends hashStart/hashCopy: the handle on top of the stack takes h when ok
 * (its slot exists, so that write cannot throw); otherwise h is freed and
 * the call throws.  Takes ownership of h either way. */
static duk_ret_t js_crypto_hctx_adopt(duk_context *ctx, js_crypto_hctx *h, int ok)
{
    if (!ok) {
        js_crypto_hctx_free(h);
        return js_crypto_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "digest failed");
    }
    duk_push_pointer(ctx, h);
    duk_put_prop_string(ctx, -2, JS_CRYPTO_HCTX);
    return 1;
}

static js_crypto_hctx *js_crypto_hctx_of(duk_context *ctx, duk_idx_t idx)
{
    return js_ossl_handle_ptr(ctx, idx, JS_CRYPTO_HCTX, "not a hash handle");
}

/* hashStart(alg[, key]) -> a handle hashing (with key: HMAC-ing) with alg;
 * undefined when alg is unknown.  key is a buffer or an ASCII string
 * (crypto.js encodes the others first). */
static duk_ret_t js_crypto_hash_start(duk_context *ctx)
{
    const char *alg = duk_require_string(ctx, 0);
    int hmac = !duk_is_undefined(ctx, 1), i = js_crypto_digest_index(alg), ok;
    size_t klen = 0;
    const unsigned char *key = hmac ? js_crypto_input(ctx, 1, &klen) : NULL;
    const EVP_MD *md = i < 0 ? NULL : js_crypto_fetch_md(alg);
    js_crypto_hctx *h;

    if (hmac && key == NULL)
        return duk_type_error(ctx, "key: bytes or an ASCII string");
    if (md == NULL)
        return 0;
    js_crypto_new_hctx_handle(ctx);
    h = calloc(1, sizeof *h);
    if (h == NULL)
        return duk_generic_error(ctx, "out of memory");
    if (hmac) {
        EVP_MAC_CTX *base = js_crypto_hmac_ctx(i);

        h->mac = base != NULL ? EVP_MAC_CTX_dup(base) : NULL;
        ok = h->mac != NULL && EVP_MAC_init(h->mac, key, klen, NULL) == 1;
    } else {
        h->md = EVP_MD_CTX_new();
        ok = h->md != NULL && EVP_DigestInit_ex(h->md, md, NULL) == 1;
    }
    return js_crypto_hctx_adopt(ctx, h, ok);
}

/* hashUpdate(handle, data): data (a buffer, or an ASCII string) into the
 * digest.  false for a non-ASCII string, which crypto.js encodes and gives
 * again. */
static duk_ret_t js_crypto_hash_update(duk_context *ctx)
{
    js_crypto_hctx *h = js_crypto_hctx_of(ctx, 0);
    size_t len;
    const unsigned char *p = js_crypto_input(ctx, 1, &len);
    int ok;

    if (p == NULL) {
        duk_push_false(ctx);
        return 1;
    }
    ok = h->mac != NULL ? EVP_MAC_update(h->mac, p, len) == 1 :
                          EVP_DigestUpdate(h->md, p, len) == 1;
    if (!ok)
        return js_crypto_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "digest failed");
    duk_push_true(ctx);
    return 1;
}

/* hashCopy(handle) -> a new handle with the same state (Hash.copy()). */
static duk_ret_t js_crypto_hash_copy(duk_context *ctx)
{
    js_crypto_hctx *from = js_crypto_hctx_of(ctx, 0), *h;
    int ok;

    js_crypto_new_hctx_handle(ctx);
    h = calloc(1, sizeof *h);
    if (h == NULL)
        return duk_generic_error(ctx, "out of memory");
    if (from->mac != NULL) {
        h->mac = EVP_MAC_CTX_dup(from->mac);
        ok = h->mac != NULL;
    } else {
        h->md = EVP_MD_CTX_new();
        ok = h->md != NULL && EVP_MD_CTX_copy_ex(h->md, from->md) == 1;
    }
    return js_crypto_hctx_adopt(ctx, h, ok);
}

/* hashFinal(handle[, enc]) -> the digest, as digest() gives it: a hex or
 * base64 string for those encodings, else an ArrayBuffer.  The context
 * is freed at once. */
static duk_ret_t js_crypto_hash_final(duk_context *ctx)
{
    js_crypto_hctx *h = js_crypto_hctx_of(ctx, 0);
    const char *enc = duk_get_string(ctx, 1);
    unsigned char *out = duk_push_fixed_buffer(ctx, EVP_MAX_MD_SIZE);
    size_t olen = 0;
    int ok;

    if (h->mac != NULL) {
        ok = EVP_MAC_final(h->mac, out, &olen, EVP_MAX_MD_SIZE) == 1;
    } else {
        unsigned int n = 0;

        ok = EVP_DigestFinal_ex(h->md, out, &n) == 1;
        olen = n;
    }
    js_crypto_hctx_free(h);
    duk_push_pointer(ctx, NULL);
    duk_put_prop_string(ctx, 0, JS_CRYPTO_HCTX);
    if (!ok)
        return js_crypto_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "digest failed");
    if (enc != NULL && (strcmp(enc, "hex") == 0 || strcmp(enc, "base64") == 0)) {
        duk_push_buffer_object(ctx, -1, 0, olen, DUK_BUFOBJ_UINT8ARRAY);
        if (enc[0] == 'h')
            duk_hex_encode(ctx, -1);
        else
            duk_base64_encode(ctx, -1);
        return 1;
    }
    duk_push_buffer_object(ctx, -1, 0, olen, DUK_BUFOBJ_ARRAYBUFFER);
    return 1;
}

/* digestSize(alg) -> output bytes of alg, or undefined when unknown. */
static duk_ret_t js_crypto_digest_size(duk_context *ctx)
{
    const EVP_MD *md = js_crypto_fetch_md(duk_require_string(ctx, 0));

    if (md == NULL)
        return 0;
    duk_push_int(ctx, EVP_MD_get_size(md));
    return 1;
}

/* hashes() -> the digest names, those this OpenSSL can fetch. */
static duk_ret_t js_crypto_hashes(duk_context *ctx)
{
    duk_uarridx_t n = 0;
    int i;

    duk_push_array(ctx);
    for (i = 0; js_crypto_digests[i].node; i++) {
        EVP_MD *md = EVP_MD_fetch(NULL, js_crypto_digests[i].ossl, NULL);
        if (md == NULL)
            continue;
        EVP_MD_free(md);
        duk_push_string(ctx, js_crypto_digests[i].node);
        duk_put_prop_index(ctx, -2, n++);
    }
    return 1;
}

/* pbkdf2(password, salt, iterations, keylen, digest) -> buffer, or
 * undefined when the digest is unknown. */
static duk_ret_t js_crypto_pbkdf2(duk_context *ctx)
{
    size_t plen, slen;
    const unsigned char *pass = js_crypto_bytes(ctx, 0, &plen);
    const unsigned char *salt = js_crypto_bytes(ctx, 1, &slen);
    duk_int_t iter = duk_require_int(ctx, 2), keylen = duk_require_int(ctx, 3);
    const char *alg = duk_require_string(ctx, 4);
    unsigned char *out;
    const EVP_MD *md;
    int ok;

    if (iter < 1 || keylen < 0)
        return duk_range_error(ctx, "invalid pbkdf2 parameters");
    out = duk_push_fixed_buffer(ctx, (duk_size_t) keylen);
    md = js_crypto_fetch_md(alg);
    if (md == NULL)
        return 0;
    ok = keylen == 0 || PKCS5_PBKDF2_HMAC((const char *) pass, (int) plen, salt,
                                          (int) slen, iter, md, keylen, out) == 1;
    if (!ok)
        return js_crypto_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "pbkdf2 failed");
    return 1;
}

/* scrypt(password, salt, keylen, N, r, p, maxmem) -> buffer; throws
 * ERR_CRYPTO_INVALID_SCRYPT_PARAMS when OpenSSL refuses the parameters. */
static duk_ret_t js_crypto_scrypt(duk_context *ctx)
{
    size_t plen, slen;
    const unsigned char *pass = js_crypto_bytes(ctx, 0, &plen);
    const unsigned char *salt = js_crypto_bytes(ctx, 1, &slen);
    duk_int_t keylen = duk_require_int(ctx, 2);
    double N = duk_require_number(ctx, 3), r = duk_require_number(ctx, 4);
    double p = duk_require_number(ctx, 5), maxmem = duk_require_number(ctx, 6);
    unsigned char *out;

    if (keylen < 0 || N < 0 || r < 0 || p < 0 || maxmem < 0)
        return duk_range_error(ctx, "invalid scrypt parameters");
    out = duk_push_fixed_buffer(ctx, (duk_size_t) keylen);
    if (keylen > 0 &&
        EVP_PBE_scrypt((const char *) pass, plen, salt, slen, (uint64_t) N,
                       (uint64_t) r, (uint64_t) p, (uint64_t) maxmem, out,
                       (size_t) keylen) != 1) {
        duk_push_error_object(ctx, DUK_ERR_RANGE_ERROR, "Invalid scrypt params");
        duk_push_string(ctx, "ERR_CRYPTO_INVALID_SCRYPT_PARAMS");
        duk_put_prop_string(ctx, -2, "code");
        return duk_throw(ctx);
    }
    return 1;
}

/* The ciphers crypto.js offers. */
static const EVP_CIPHER *js_crypto_cipher_of(const char *name)
{
    if (strcasecmp(name, "aes-256-gcm") == 0)
        return EVP_aes_256_gcm();
    if (strcasecmp(name, "aes-256-cbc") == 0)
        return EVP_aes_256_cbc();
    if (strcasecmp(name, "aes-128-gcm") == 0)
        return EVP_aes_128_gcm();
    if (strcasecmp(name, "aes-128-cbc") == 0)
        return EVP_aes_128_cbc();
    return NULL;
}

/* cipherInfo(name) -> [keyLength, ivLength, blockSize, isGcm] or undefined. */
static duk_ret_t js_crypto_cipher_info(duk_context *ctx)
{
    const EVP_CIPHER *c = js_crypto_cipher_of(duk_require_string(ctx, 0));

    if (c == NULL)
        return 0;
    duk_push_array(ctx);
    duk_push_int(ctx, EVP_CIPHER_get_key_length(c));
    duk_put_prop_index(ctx, -2, 0);
    duk_push_int(ctx, EVP_CIPHER_get_iv_length(c));
    duk_put_prop_index(ctx, -2, 1);
    duk_push_int(ctx, EVP_CIPHER_get_block_size(c));
    duk_put_prop_index(ctx, -2, 2);
    duk_push_boolean(ctx, EVP_CIPHER_get_mode(c) == EVP_CIPH_GCM_MODE);
    duk_put_prop_index(ctx, -2, 3);
    return 1;
}

/* Runs one cipher over data with a fresh context; returns the output length
 * or -1 (bad decrypt / authentication failure), -2 (OpenSSL refused the
 * setup).  For GCM, tag is read (decrypt) or written (encrypt) when final. */
static long js_crypto_run_cipher(const EVP_CIPHER *c, int enc, const unsigned char *key,
                            const unsigned char *iv, size_t ivlen,
                            const unsigned char *data, size_t len, int padding,
                            const unsigned char *aad, size_t aadlen,
                            unsigned char *tag, size_t taglen, int final,
                            unsigned char *out)
{
    EVP_CIPHER_CTX *cx = EVP_CIPHER_CTX_new();
    int gcm = EVP_CIPHER_get_mode(c) == EVP_CIPH_GCM_MODE, n = 0, m = 0;
    long ret = -2;

    if (cx == NULL)
        return -2;
    if (EVP_CipherInit_ex(cx, c, NULL, NULL, NULL, enc) != 1)
        goto done;
    if (gcm && EVP_CIPHER_CTX_ctrl(cx, EVP_CTRL_GCM_SET_IVLEN, (int) ivlen, NULL) != 1)
        goto done;
    if (EVP_CipherInit_ex(cx, NULL, NULL, key, iv, enc) != 1)
        goto done;
    EVP_CIPHER_CTX_set_padding(cx, padding);
    if (gcm && aadlen && EVP_CipherUpdate(cx, NULL, &n, aad, (int) aadlen) != 1)
        goto done;
    n = 0;
    if (len && EVP_CipherUpdate(cx, out, &n, data, (int) len) != 1)
        goto done;
    if (!final) {
        ret = n;
        goto done;
    }
    if (gcm && !enc &&
        EVP_CIPHER_CTX_ctrl(cx, EVP_CTRL_GCM_SET_TAG, (int) taglen, tag) != 1)
        goto done;
    if (EVP_CipherFinal_ex(cx, out + n, &m) != 1) {
        ret = -1;
        goto done;
    }
    if (gcm && enc &&
        EVP_CIPHER_CTX_ctrl(cx, EVP_CTRL_GCM_GET_TAG, (int) taglen, tag) != 1)
        goto done;
    ret = (long) n + m;
done:
    EVP_CIPHER_CTX_free(cx);
    return ret;
}

/* cipher(name, encrypt, key, iv, data, padding, aad, tag|taglen, final)
 *   -> [ output, tag ] or null when decryption fails (bad padding, or a
 *   GCM tag that does not authenticate).  With final false only the bytes
 *   of EVP_CipherUpdate come back: crypto.js calls it so for update(). */
static duk_ret_t js_crypto_cipher(duk_context *ctx)
{
    const EVP_CIPHER *c = js_crypto_cipher_of(duk_require_string(ctx, 0));
    int enc = duk_to_boolean(ctx, 1), padding = duk_to_boolean(ctx, 5);
    int final = duk_to_boolean(ctx, 8);
    size_t klen, ivlen, len, aadlen = 0, taglen = 16;
    const unsigned char *key = js_crypto_bytes(ctx, 2, &klen);
    const unsigned char *iv = js_crypto_bytes(ctx, 3, &ivlen);
    const unsigned char *data = js_crypto_bytes(ctx, 4, &len);
    const unsigned char *aad = duk_is_null_or_undefined(ctx, 6) ? NULL : js_crypto_bytes(ctx, 6, &aadlen);
    unsigned char *out, *tag;
    long n;

    if (c == NULL)
        return duk_error(ctx, DUK_ERR_TYPE_ERROR, "Invalid cipher type");
    if (klen != (size_t) EVP_CIPHER_get_key_length(c))
        return duk_range_error(ctx, "Invalid key length");
    if (len > 0x7fffff00 || aadlen > 0x7fffff00 || ivlen > 1024)
        return duk_range_error(ctx, "input too large");
    /* [ ... ] -> [ ... out tag ]: every allocation that can throw is made
     * before the context exists. */
    out = duk_push_dynamic_buffer(ctx, len + 32);
    if (duk_is_number(ctx, 7)) {
        duk_int_t t = duk_get_int(ctx, 7);
        if (t < 4 || t > 16)
            return duk_range_error(ctx, "Invalid authentication tag length");
        taglen = (size_t) t;
        tag = duk_push_fixed_buffer(ctx, taglen);
    } else if (duk_is_buffer_data(ctx, 7)) {
        const unsigned char *given = js_crypto_bytes(ctx, 7, &taglen);
        if (taglen < 4 || taglen > 16)
            return duk_range_error(ctx, "Invalid authentication tag length");
        tag = duk_push_fixed_buffer(ctx, taglen);
        memcpy(tag, given, taglen);
    } else {
        tag = duk_push_fixed_buffer(ctx, taglen);
    }
    n = js_crypto_run_cipher(c, enc, key, iv, ivlen, data, len, padding, aad, aadlen,
                        tag, taglen, final, out);
    if (n == -2)
        return js_crypto_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "cipher setup failed");
    if (n == -1) {
        duk_push_null(ctx);
        return 1;
    }
    duk_resize_buffer(ctx, -2, (duk_size_t) n);
    /* [ ... out tag ] -> [ ... [out, tag] ] */
    duk_push_array(ctx);
    duk_insert(ctx, -3);
    duk_put_prop_index(ctx, -3, 1);
    duk_put_prop_index(ctx, -2, 0);
    return 1;
}

/* timingSafeEqual(a, b) -> whether the equal-length inputs are equal, in
 * time that does not depend on where they differ; undefined when either
 * is not a buffer (plain, ArrayBuffer or view) or the lengths differ, and
 * crypto.js then throws Node's error. */
static duk_ret_t js_crypto_timing_safe_equal(duk_context *ctx)
{
    size_t alen, blen;
    const unsigned char *a, *b;

    if (!duk_is_buffer_data(ctx, 0) || !duk_is_buffer_data(ctx, 1))
        return 0;
    a = js_crypto_bytes(ctx, 0, &alen);
    b = js_crypto_bytes(ctx, 1, &blen);
    if (alen != blen)
        return 0;
    duk_push_boolean(ctx, CRYPTO_memcmp(a, b, alen) == 0);
    return 1;
}

/* --- asymmetric keys ---------------------------------------------------
 *
 * Unlike the rest of this file, a key outlives the call that made it: a
 * KeyObject holds its EVP_PKEY in a handle object (a hidden pointer) whose
 * finalizer frees it (see the handles above). */

/* A passphrase callback that has none: without it OpenSSL would ask the
 * terminal for one. */
static int js_crypto_no_pass(char *buf, int size, int rwflag, void *u)
{
    (void) buf; (void) size; (void) rwflag; (void) u;
    return -1;
}

/* keyParse(data, der, private, passphrase|undefined, structure|undefined,
 * keytype|undefined) -> handle.  Any encoding OpenSSL's decoders know
 * (PEM, or DER of SPKI, PKCS#1, PKCS#8, encrypted PKCS#8, SEC1); DER
 * comes with the decoder's structure and key type named ("type-specific",
 * "RSA" for PKCS#1), which PEM's label says by itself.
 * A public key may be read from a private one: the handle then holds the
 * whole pair and crypto.js uses only its public half. */
static duk_ret_t js_crypto_key_parse(duk_context *ctx)
{
    size_t len, plen = 0;
    const unsigned char *data = js_crypto_bytes(ctx, 0, &len);
    int der = duk_to_boolean(ctx, 1), priv = duk_to_boolean(ctx, 2);
    const unsigned char *pass = duk_is_undefined(ctx, 3) ? NULL : js_crypto_bytes(ctx, 3, &plen);
    const char *structure = duk_get_string(ctx, 4), *keytype = duk_get_string(ctx, 5);
    OSSL_DECODER_CTX *dc;
    EVP_PKEY *k = NULL;
    int ok;

    js_ossl_new_key_handle(ctx);
    ERR_clear_error();
    dc = OSSL_DECODER_CTX_new_for_pkey(&k, der ? "DER" : "PEM", structure, keytype,
                                       priv ? EVP_PKEY_KEYPAIR : 0, NULL, NULL);
    if (dc == NULL)
        return js_ossl_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "no key decoder");
    if (pass != NULL)
        ok = OSSL_DECODER_CTX_set_passphrase(dc, pass, plen);
    else
        ok = OSSL_DECODER_CTX_set_pem_password_cb(dc, js_crypto_no_pass, NULL);
    ok = ok == 1 && OSSL_DECODER_from_data(dc, &data, &len) == 1 && k != NULL;
    OSSL_DECODER_CTX_free(dc);
    if (!ok) {
        EVP_PKEY_free(k);
        return js_ossl_throw(ctx, "ERR_OSSL_UNSUPPORTED", "error:1E08010C:DECODER routines::unsupported");
    }
    ERR_clear_error();
    js_ossl_adopt_key(ctx, k);
    return 1;
}

/* keyExport(handle, private, der, structure, cipher|undefined,
 *   passphrase|undefined) -> buffer of the PEM text or DER bytes.
 *   structure: OpenSSL's name ("SubjectPublicKeyInfo", "PrivateKeyInfo",
 *   "type-specific" for PKCS#1 and SEC1). */
static duk_ret_t js_crypto_key_export(duk_context *ctx)
{
    EVP_PKEY *k = js_ossl_key_of(ctx, 0);
    int priv = duk_to_boolean(ctx, 1), der = duk_to_boolean(ctx, 2);
    const char *structure = duk_require_string(ctx, 3);
    const char *cipher = duk_is_undefined(ctx, 4) ? NULL : duk_require_string(ctx, 4);
    size_t plen = 0, n = 0;
    const unsigned char *pass = duk_is_undefined(ctx, 5) ? NULL : js_crypto_bytes(ctx, 5, &plen);
    OSSL_ENCODER_CTX *ec;
    unsigned char *out = NULL;
    int ok;

    duk_require_stack(ctx, 4);
    ERR_clear_error();
    ec = OSSL_ENCODER_CTX_new_for_pkey(k, priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                                       der ? "DER" : "PEM", structure, NULL);
    if (ec == NULL || OSSL_ENCODER_CTX_get_num_encoders(ec) == 0) {
        OSSL_ENCODER_CTX_free(ec);
        return js_crypto_throw(ctx, "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS", "unsupported key encoding");
    }
    ok = 1;
    if (cipher != NULL)
        ok = OSSL_ENCODER_CTX_set_cipher(ec, cipher, NULL) == 1 &&
             OSSL_ENCODER_CTX_set_passphrase(ec, pass ? pass : (const unsigned char *) "", plen) == 1;
    ok = ok && OSSL_ENCODER_to_data(ec, &out, &n) == 1;
    OSSL_ENCODER_CTX_free(ec);
    if (!ok) {
        OPENSSL_free(out);
        return js_ossl_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "key encoding failed");
    }
    js_ossl_push_owned(ctx, out, n);
    return 1;
}

/* The name Node gives k's algorithm. */
static const char *js_crypto_key_type(EVP_PKEY *k)
{
    static const struct { const char *ossl, *node; } names[] = {
        { "RSA-PSS", "rsa-pss" }, { "RSA", "rsa" }, { "EC", "ec" },
        { "ED25519", "ed25519" }, { "ED448", "ed448" }, { "X25519", "x25519" },
        { "X448", "x448" }, { "DSA", "dsa" }, { "DH", "dh" }, { NULL, NULL }
    };
    int i;

    for (i = 0; names[i].ossl; i++)
        if (EVP_PKEY_is_a(k, names[i].ossl))
            return names[i].node;
    return "unknown";
}

/* [ ... obj ] -> [ ... obj ]: obj[name] = the bytes of BN parameter
 * param, big-endian, left-padded to pad bytes (0: as long as needed).
 * Nothing when k has no such parameter. */
static void js_crypto_put_bn(duk_context *ctx, EVP_PKEY *k, const char *param, int pad, const char *name)
{
    unsigned char tmp[1100];
    BIGNUM *bn = NULL;
    int n;
    void *b;

    if (EVP_PKEY_get_bn_param(k, param, &bn) != 1 || bn == NULL) {
        ERR_clear_error();
        return;
    }
    n = pad > 0 ? pad : BN_num_bytes(bn);
    if (n > (int) sizeof tmp || BN_bn2binpad(bn, tmp, n) < 0)
        n = -1;
    BN_clear_free(bn);
    if (n < 0)
        return;
    b = duk_push_fixed_buffer(ctx, (duk_size_t) n);
    memcpy(b, tmp, (size_t) n);
    OPENSSL_cleanse(tmp, sizeof tmp);
    duk_put_prop_string(ctx, -2, name);
}

/* keyInfo(handle, withParams) -> { type, bits, e, curve } and, with
 * withParams, the key's numbers for a JWK: n e d p q dp dq qi (RSA), x y d
 * (EC, padded to the field size), x d (raw bytes of Ed/X keys).  e is a
 * Number (a 64-bit exponent would lose bits; none is used in practice). */
static duk_ret_t js_crypto_key_info(duk_context *ctx)
{
    EVP_PKEY *k = js_ossl_key_of(ctx, 0);
    int params = duk_to_boolean(ctx, 1);
    const char *type = js_crypto_key_type(k);
    char curve[64];
    size_t clen = 0;
    BIGNUM *e = NULL;

    duk_push_object(ctx);
    duk_push_string(ctx, type);
    duk_put_prop_string(ctx, -2, "type");
    duk_push_int(ctx, EVP_PKEY_get_bits(k));
    duk_put_prop_string(ctx, -2, "bits");
    if (EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_RSA_E, &e) == 1 && e != NULL) {
        double v = 0;
        int i, nb = BN_num_bits(e);
        for (i = nb - 1; i >= 0; i--)
            v = v * 2 + BN_is_bit_set(e, i);
        BN_free(e);
        duk_push_number(ctx, v);
        duk_put_prop_string(ctx, -2, "e");
    }
    if (EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, curve, sizeof curve, &clen) == 1) {
        duk_push_lstring(ctx, curve, clen);
        duk_put_prop_string(ctx, -2, "curve");
    }
    ERR_clear_error();
    if (!params)
        return 1;
    if (strcmp(type, "rsa") == 0 || strcmp(type, "rsa-pss") == 0) {
        js_crypto_put_bn(ctx, k, OSSL_PKEY_PARAM_RSA_N, 0, "n");
        js_crypto_put_bn(ctx, k, OSSL_PKEY_PARAM_RSA_E, 0, "e_");
        js_crypto_put_bn(ctx, k, OSSL_PKEY_PARAM_RSA_D, 0, "d");
        js_crypto_put_bn(ctx, k, OSSL_PKEY_PARAM_RSA_FACTOR1, 0, "p");
        js_crypto_put_bn(ctx, k, OSSL_PKEY_PARAM_RSA_FACTOR2, 0, "q");
        js_crypto_put_bn(ctx, k, OSSL_PKEY_PARAM_RSA_EXPONENT1, 0, "dp");
        js_crypto_put_bn(ctx, k, OSSL_PKEY_PARAM_RSA_EXPONENT2, 0, "dq");
        js_crypto_put_bn(ctx, k, OSSL_PKEY_PARAM_RSA_COEFFICIENT1, 0, "qi");
    } else if (strcmp(type, "ec") == 0) {
        int pad = (EVP_PKEY_get_bits(k) + 7) / 8;
        js_crypto_put_bn(ctx, k, OSSL_PKEY_PARAM_EC_PUB_X, pad, "x");
        js_crypto_put_bn(ctx, k, OSSL_PKEY_PARAM_EC_PUB_Y, pad, "y");
        js_crypto_put_bn(ctx, k, OSSL_PKEY_PARAM_PRIV_KEY, pad, "d");
    } else {
        unsigned char raw[64];
        size_t n = sizeof raw;
        if (EVP_PKEY_get_raw_public_key(k, raw, &n) == 1) {
            memcpy(duk_push_fixed_buffer(ctx, n), raw, n);
            duk_put_prop_string(ctx, -2, "x");
        }
        n = sizeof raw;
        if (EVP_PKEY_get_raw_private_key(k, raw, &n) == 1) {
            void *b = duk_push_fixed_buffer(ctx, n);
            memcpy(b, raw, n);
            OPENSSL_cleanse(raw, sizeof raw);
            duk_put_prop_string(ctx, -2, "d");
        }
        ERR_clear_error();
    }
    return 1;
}

/* keyFromJwk(kind, parts, private) -> handle.  kind: "RSA", "EC" or an
 * OKP curve ("ED25519", "X25519", ...); parts: the JWK's members as byte
 * buffers (crypto.js decodes base64url and checks which are there), with
 * the EC curve as OpenSSL's group name in parts.crv. */
static duk_ret_t js_crypto_key_from_jwk(duk_context *ctx)
{
    const char *kind = duk_require_string(ctx, 0);
    int priv = duk_to_boolean(ctx, 2), ok = 0, i;
    static const char *rsa_names[] = { "n", "e", "d", "p", "q", "dp", "dq", "qi" };
    static const char *rsa_params[] = {
        OSSL_PKEY_PARAM_RSA_N, OSSL_PKEY_PARAM_RSA_E, OSSL_PKEY_PARAM_RSA_D,
        OSSL_PKEY_PARAM_RSA_FACTOR1, OSSL_PKEY_PARAM_RSA_FACTOR2,
        OSSL_PKEY_PARAM_RSA_EXPONENT1, OSSL_PKEY_PARAM_RSA_EXPONENT2,
        OSSL_PKEY_PARAM_RSA_COEFFICIENT1
    };
    BIGNUM *bns[8] = { NULL };
    const unsigned char *rsa_bytes[8];
    duk_size_t rsa_lens[8];
    unsigned char point[1 + 2 * 66];
    const unsigned char *x = NULL, *y = NULL, *d = NULL;
    duk_size_t xn = 0, yn = 0, dn = 0;
    const char *crv = NULL;
    OSSL_PARAM_BLD *bld = NULL;
    OSSL_PARAM *params = NULL;
    EVP_PKEY_CTX *pc = NULL;
    EVP_PKEY *k = NULL;

    duk_require_object(ctx, 1);
    /* read every input before anything is allocated, so no Duktape call
     * is made while OpenSSL memory is held: the strings and buffers stay
     * alive in parts */
    if (strcmp(kind, "RSA") == 0) {
        for (i = 0; i < 8; i++) {
            duk_get_prop_string(ctx, 1, rsa_names[i]);
            rsa_bytes[i] = duk_get_buffer_data(ctx, -1, &rsa_lens[i]);
            duk_pop(ctx);
            if (rsa_bytes[i] == NULL && (i < 2 || priv))
                return js_crypto_throw(ctx, "ERR_CRYPTO_INVALID_JWK", "Invalid JWK data");
        }
    } else {
        duk_get_prop_string(ctx, 1, "x");
        x = duk_get_buffer_data(ctx, -1, &xn);
        duk_get_prop_string(ctx, 1, "y");
        y = duk_get_buffer_data(ctx, -1, &yn);
        duk_get_prop_string(ctx, 1, "d");
        d = priv ? duk_get_buffer_data(ctx, -1, &dn) : NULL;
        duk_get_prop_string(ctx, 1, "crv");
        crv = duk_get_string(ctx, -1);
        duk_pop_n(ctx, 4);
        if (x == NULL || (priv && d == NULL) || (strcmp(kind, "EC") == 0 && (y == NULL || crv == NULL)))
            return js_crypto_throw(ctx, "ERR_CRYPTO_INVALID_JWK", "Invalid JWK data");
    }
    js_ossl_new_key_handle(ctx);
    ERR_clear_error();
    if (strcmp(kind, "RSA") == 0 || strcmp(kind, "EC") == 0) {
        if ((bld = OSSL_PARAM_BLD_new()) == NULL)
            goto done;
        if (kind[0] == 'R') {
            int want = priv ? 8 : 2;
            for (i = 0; i < want; i++)
                if ((bns[i] = BN_bin2bn(rsa_bytes[i], (int) rsa_lens[i], NULL)) == NULL ||
                    OSSL_PARAM_BLD_push_BN(bld, rsa_params[i], bns[i]) != 1)
                    goto done;
        } else {
            if (xn != yn || xn > 66)
                goto done;
            point[0] = 4;
            memcpy(point + 1, x, xn);
            memcpy(point + 1 + xn, y, yn);
            if (OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, crv, 0) != 1 ||
                OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point, 1 + xn + yn) != 1)
                goto done;
            if (priv) {
                if ((bns[0] = BN_bin2bn(d, (int) dn, NULL)) == NULL ||
                    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, bns[0]) != 1)
                    goto done;
            }
        }
        if ((params = OSSL_PARAM_BLD_to_param(bld)) == NULL ||
            (pc = EVP_PKEY_CTX_new_from_name(NULL, kind, NULL)) == NULL ||
            EVP_PKEY_fromdata_init(pc) != 1 ||
            EVP_PKEY_fromdata(pc, &k, priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params) != 1)
            goto done;
        ok = k != NULL;
    } else {
        k = priv ? EVP_PKEY_new_raw_private_key_ex(NULL, kind, NULL, d, dn)
                 : EVP_PKEY_new_raw_public_key_ex(NULL, kind, NULL, x, xn);
        ok = k != NULL;
    }
done:
    for (i = 0; i < 8; i++)
        BN_clear_free(bns[i]);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    EVP_PKEY_CTX_free(pc);
    if (!ok) {
        EVP_PKEY_free(k);
        ERR_clear_error();
        return js_crypto_throw(ctx, "ERR_CRYPTO_INVALID_JWK", "Invalid JWK data");
    }
    js_ossl_adopt_key(ctx, k);
    return 1;
}

/* keyGenerate(type, bits, exponent, curve) -> handle of a new pair.
 * type: OpenSSL's name ("RSA", "RSA-PSS", "EC", "ED25519", ...). */
static duk_ret_t js_crypto_key_generate(duk_context *ctx)
{
    const char *type = duk_require_string(ctx, 0);
    duk_int_t bits = duk_get_int(ctx, 1);
    unsigned int exp = (unsigned int) duk_get_uint(ctx, 2);
    const char *curve = duk_get_string(ctx, 3);
    OSSL_PARAM params[3], *pp = params;
    EVP_PKEY_CTX *pc;
    EVP_PKEY *k = NULL;
    size_t bits_sz = (size_t) bits;
    int ok;

    if (bits < 0 || bits > 16384)
        return duk_range_error(ctx, "invalid modulus length");
    js_ossl_new_key_handle(ctx);
    if (strncmp(type, "RSA", 3) == 0) {
        *pp++ = OSSL_PARAM_construct_size_t(OSSL_PKEY_PARAM_RSA_BITS, &bits_sz);
        *pp++ = OSSL_PARAM_construct_uint(OSSL_PKEY_PARAM_RSA_E, &exp);
    } else if (curve != NULL) {
        *pp++ = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, (char *) curve, 0);
    }
    *pp = OSSL_PARAM_construct_end();
    ERR_clear_error();
    pc = EVP_PKEY_CTX_new_from_name(NULL, type, NULL);
    ok = pc != NULL && EVP_PKEY_keygen_init(pc) == 1 && EVP_PKEY_CTX_set_params(pc, params) == 1 &&
         EVP_PKEY_generate(pc, &k) == 1;
    EVP_PKEY_CTX_free(pc);
    if (!ok) {
        EVP_PKEY_free(k);
        return js_ossl_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "key generation failed");
    }
    ERR_clear_error();
    js_ossl_adopt_key(ctx, k);
    return 1;
}

/* keyEquals(a, b) -> whether the public (and so the whole) keys match. */
static duk_ret_t js_crypto_key_equals(duk_context *ctx)
{
    EVP_PKEY *a = js_ossl_key_of(ctx, 0), *b = js_ossl_key_of(ctx, 1);
    int r = EVP_PKEY_eq(a, b);

    ERR_clear_error();
    duk_push_boolean(ctx, r == 1);
    return 1;
}

/* Sets RSA padding and PSS salt length on a signing context. */
static int js_crypto_rsa_opts(EVP_PKEY *k, EVP_PKEY_CTX *pc, int padding, int salt)
{
    if (!EVP_PKEY_is_a(k, "RSA") && !EVP_PKEY_is_a(k, "RSA-PSS"))
        return 1;
    if (padding > 0 && EVP_PKEY_CTX_set_rsa_padding(pc, padding) != 1)
        return 0;
    if ((padding == RSA_PKCS1_PSS_PADDING || EVP_PKEY_is_a(k, "RSA-PSS")) && salt != -100 &&
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pc, salt) != 1)
        return 0;
    return 1;
}

/* The digest named by arg idx: NULL for null/undefined (Ed25519, or the
 * key's default); throws Node's error for an unknown name. */
static const char *js_crypto_sig_md(duk_context *ctx, duk_idx_t idx)
{
    const char *name;
    int i;

    if (duk_is_null_or_undefined(ctx, idx))
        return NULL;
    name = duk_require_string(ctx, idx);
    i = js_crypto_digest_index(name);
    if (i < 0) {
        duk_push_error_object(ctx, DUK_ERR_TYPE_ERROR, "Invalid digest: %s", name);
        duk_push_string(ctx, "ERR_CRYPTO_INVALID_DIGEST");
        duk_put_prop_string(ctx, -2, "code");
        (void) duk_throw(ctx);
    }
    return js_crypto_digests[i].ossl;
}

/* sign(handle, digest|null, data, padding, saltLength, p1363) -> buffer.
 * padding 0 and saltLength -100 leave OpenSSL's defaults (PKCS#1 v1.5;
 * PSS salt as long as the digest allows: Node's RSA_PSS_SALTLEN_MAX_SIGN).
 * p1363: an ECDSA signature as r||s instead of DER. */
static duk_ret_t js_crypto_sign(duk_context *ctx)
{
    EVP_PKEY *k = js_ossl_key_of(ctx, 0);
    const char *md = js_crypto_sig_md(ctx, 1);
    size_t len, siglen, half = (size_t) (EVP_PKEY_get_bits(k) + 7) / 8;
    const unsigned char *data = js_crypto_bytes(ctx, 2, &len);
    int padding = duk_get_int(ctx, 3), salt = duk_get_int(ctx, 4);
    int p1363 = duk_to_boolean(ctx, 5) && EVP_PKEY_is_a(k, "EC"), ok;
    unsigned char *out;
    EVP_MD_CTX *mc;
    EVP_PKEY_CTX *pc = NULL;

    siglen = (size_t) EVP_PKEY_get_size(k) + 2 * half;
    out = duk_push_dynamic_buffer(ctx, siglen);
    ERR_clear_error();
    mc = EVP_MD_CTX_new();
    ok = mc != NULL && EVP_DigestSignInit_ex(mc, &pc, md, NULL, NULL, k, NULL) == 1 &&
         js_crypto_rsa_opts(k, pc, padding, salt) &&
         EVP_DigestSign(mc, out, &siglen, data, len) == 1;
    EVP_MD_CTX_free(mc);
    if (ok && p1363) {
        const unsigned char *p = out;
        ECDSA_SIG *s = d2i_ECDSA_SIG(NULL, &p, (long) siglen);
        ok = s != NULL && BN_bn2binpad(ECDSA_SIG_get0_r(s), out, (int) half) >= 0 &&
             BN_bn2binpad(ECDSA_SIG_get0_s(s), out + half, (int) half) >= 0;
        ECDSA_SIG_free(s);
        siglen = 2 * half;
    }
    if (!ok)
        return js_ossl_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "signing failed");
    duk_resize_buffer(ctx, -1, siglen);
    return 1;
}

/* verify(handle, digest|null, data, signature, padding, saltLength, p1363)
 * -> whether signature is good.  A malformed signature is just not good;
 * a key or option OpenSSL refuses throws. */
static duk_ret_t js_crypto_verify(duk_context *ctx)
{
    EVP_PKEY *k = js_ossl_key_of(ctx, 0);
    const char *md = js_crypto_sig_md(ctx, 1);
    size_t len, slen, half = (size_t) (EVP_PKEY_get_bits(k) + 7) / 8;
    const unsigned char *data = js_crypto_bytes(ctx, 2, &len);
    const unsigned char *sig = js_crypto_bytes(ctx, 3, &slen);
    int padding = duk_get_int(ctx, 4), salt = duk_get_int(ctx, 5);
    int p1363 = duk_to_boolean(ctx, 6) && EVP_PKEY_is_a(k, "EC"), ok, r = 0;
    unsigned char der[160];
    EVP_MD_CTX *mc;
    EVP_PKEY_CTX *pc = NULL;

    ERR_clear_error();
    if (p1363) {
        ECDSA_SIG *s;
        BIGNUM *br, *bs;
        unsigned char *p = der;
        int n;

        if (slen != 2 * half || half > 66) {
            duk_push_false(ctx);
            return 1;
        }
        s = ECDSA_SIG_new();
        br = BN_bin2bn(sig, (int) half, NULL);
        bs = BN_bin2bn(sig + half, (int) half, NULL);
        if (s == NULL || br == NULL || bs == NULL || ECDSA_SIG_set0(s, br, bs) != 1) {
            BN_free(br);
            BN_free(bs);
            ECDSA_SIG_free(s);
            return js_crypto_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "out of memory");
        }
        n = i2d_ECDSA_SIG(s, NULL);
        if (n > 0 && n <= (int) sizeof der)
            n = i2d_ECDSA_SIG(s, &p);
        ECDSA_SIG_free(s);
        if (n <= 0 || n > (int) sizeof der)
            return js_crypto_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "bad signature");
        sig = der;
        slen = (size_t) n;
    }
    mc = EVP_MD_CTX_new();
    ok = mc != NULL && EVP_DigestVerifyInit_ex(mc, &pc, md, NULL, NULL, k, NULL) == 1 &&
         js_crypto_rsa_opts(k, pc, padding, salt);
    if (ok)
        r = EVP_DigestVerify(mc, sig, slen, data, len);
    EVP_MD_CTX_free(mc);
    if (!ok)
        return js_ossl_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "verification failed");
    ERR_clear_error();
    duk_push_boolean(ctx, r == 1);
    return 1;
}

/* pkeyCrypt(handle, mode, data, padding, oaepHash|null, label|undefined)
 * -> buffer: RSA with mode 1 publicEncrypt, 0 privateDecrypt, 2
 * privateEncrypt (EVP_PKEY_sign of the data as it is, no digest) or 3
 * publicDecrypt (EVP_PKEY_verify_recover). */
static duk_ret_t js_crypto_pkey_crypt(duk_context *ctx)
{
    EVP_PKEY *k = js_ossl_key_of(ctx, 0);
    int mode = duk_require_int(ctx, 1), enc = mode == 1 || mode == 2;
    size_t len, olen = (size_t) EVP_PKEY_get_size(k), llen = 0;
    const unsigned char *data = js_crypto_bytes(ctx, 2, &len);
    int padding = duk_get_int(ctx, 3), ok;
    const char *md = js_crypto_sig_md(ctx, 4);
    const unsigned char *label = duk_is_undefined(ctx, 5) ? NULL : js_crypto_bytes(ctx, 5, &llen);
    unsigned char *out = duk_push_dynamic_buffer(ctx, olen), *lcopy = NULL;
    EVP_PKEY_CTX *pc;

    ERR_clear_error();
    pc = EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL);
    ok = pc != NULL &&
         (mode == 1 ? EVP_PKEY_encrypt_init(pc) : mode == 0 ? EVP_PKEY_decrypt_init(pc) :
          mode == 2 ? EVP_PKEY_sign_init(pc) : EVP_PKEY_verify_recover_init(pc)) == 1 &&
         EVP_PKEY_CTX_set_rsa_padding(pc, padding) == 1;
    if (ok && padding == RSA_PKCS1_OAEP_PADDING) {
        ok = (md == NULL || EVP_PKEY_CTX_set_rsa_oaep_md_name(pc, md, NULL) == 1);
        if (ok && label != NULL && llen > 0) {
            /* the context takes the label and frees it */
            ok = (lcopy = OPENSSL_memdup(label, llen)) != NULL &&
                 EVP_PKEY_CTX_set0_rsa_oaep_label(pc, lcopy, (int) llen) == 1;
            if (!ok)
                OPENSSL_free(lcopy);
        }
    }
    ok = ok && (mode == 1 ? EVP_PKEY_encrypt(pc, out, &olen, data, len) :
                mode == 0 ? EVP_PKEY_decrypt(pc, out, &olen, data, len) :
                mode == 2 ? EVP_PKEY_sign(pc, out, &olen, data, len) :
                EVP_PKEY_verify_recover(pc, out, &olen, data, len)) == 1;
    EVP_PKEY_CTX_free(pc);
    if (!ok)
        return js_ossl_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", enc ? "encryption failed" : "decryption failed");
    duk_resize_buffer(ctx, -1, olen);
    return 1;
}

/* --- ECDH (createECDH) ---
 *
 * Node's ECDH object is a curve and a key that change under it
 * (setPrivateKey, generateKeys), so crypto.js keeps the key as bytes, the
 * private scalar and the uncompressed point, and each native below takes
 * the curve by name and rebuilds what it needs.  The curve is a short
 * name, as Node's OBJ_sn2nid reads it ("prime256v1", not "P-256").  EC
 * points are at most 1 + 2 * 72 bytes (sect571), scalars 72: stack
 * buffers hold them, so no OpenSSL memory is held across a Duktape call. */

#define JS_CRYPTO_EC_MAX 160

/* The group of curve name, or NULL (nothing to free) for an unknown one. */
static EC_GROUP *js_crypto_ec_group(const char *curve)
{
    int nid = OBJ_sn2nid(curve);

    return nid == NID_undef ? NULL : EC_GROUP_new_by_curve_name(nid);
}

/* ecdhCurves() -> array of the short names of OpenSSL's built-in curves
 * (crypto.js sorts them, as Node's getCurves does). */
static duk_ret_t js_crypto_ecdh_curves(duk_context *ctx)
{
    EC_builtin_curve curves[128];
    size_t n = EC_get_builtin_curves(curves, sizeof curves / sizeof curves[0]), i;
    duk_uarridx_t j = 0;

    if (n > sizeof curves / sizeof curves[0])
        n = sizeof curves / sizeof curves[0];
    duk_push_array(ctx);
    for (i = 0; i < n; i++) {
        const char *sn = OBJ_nid2sn(curves[i].nid);
        if (sn == NULL)
            continue;
        duk_push_string(ctx, sn);
        duk_put_prop_index(ctx, -2, j++);
    }
    return 1;
}

/* ecdhConvert(curve, point, form) -> buffer: point (any encoding) encoded
 * again as form (2 compressed, 4 uncompressed, 6 hybrid).  Throws .code
 * ERR_CRYPTO_INVALID_CURVE or ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY (not on
 * the curve). */
static duk_ret_t js_crypto_ecdh_convert(duk_context *ctx)
{
    const char *curve = duk_require_string(ctx, 0);
    size_t len, n = 0;
    const unsigned char *in = js_crypto_bytes(ctx, 1, &len);
    int form = duk_require_int(ctx, 2);
    unsigned char out[JS_CRYPTO_EC_MAX];
    EC_GROUP *g = js_crypto_ec_group(curve);
    EC_POINT *pt;

    if (g == NULL)
        return js_crypto_throw(ctx, "ERR_CRYPTO_INVALID_CURVE", "Invalid EC curve name");
    pt = EC_POINT_new(g);
    if (pt != NULL && EC_POINT_oct2point(g, pt, in, len, NULL) == 1)
        n = EC_POINT_point2oct(g, pt, (point_conversion_form_t) form, out, sizeof out, NULL);
    EC_POINT_free(pt);
    EC_GROUP_free(g);
    ERR_clear_error();
    if (n == 0)
        return js_crypto_throw(ctx, "ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY", "Public key is not valid for specified curve");
    memcpy(duk_push_fixed_buffer(ctx, n), out, n);
    return 1;
}

/* ecdhKeys(curve, private|undefined) -> { priv, pub }: the private scalar
 * given (or a new random one in [1, order)) as big-endian bytes without
 * leading zeros, as Node's getPrivateKey gives it, and its public point
 * d*G uncompressed.  Throws .code ERR_CRYPTO_INVALID_CURVE, or
 * ERR_CRYPTO_INVALID_KEYTYPE for a scalar of 0 or not below the order. */
static duk_ret_t js_crypto_ecdh_keys(duk_context *ctx)
{
    const char *curve = duk_require_string(ctx, 0);
    size_t len = 0, pn = 0;
    const unsigned char *in = duk_is_undefined(ctx, 1) ? NULL : js_crypto_bytes(ctx, 1, &len);
    unsigned char priv[JS_CRYPTO_EC_MAX], pub[JS_CRYPTO_EC_MAX];
    int dn = -1, valid = 0;
    EC_GROUP *g;
    EC_POINT *pt = NULL;
    BIGNUM *d = NULL;

    duk_require_stack(ctx, 4);
    if ((g = js_crypto_ec_group(curve)) == NULL)
        return js_crypto_throw(ctx, "ERR_CRYPTO_INVALID_CURVE", "Invalid EC curve name");
    ERR_clear_error();
    if ((d = BN_secure_new()) == NULL || (pt = EC_POINT_new(g)) == NULL)
        goto done;
    if (in != NULL) {
        if (BN_bin2bn(in, (int) len, d) == NULL)
            goto done;
    } else {
        do {
            if (BN_priv_rand_range_ex(d, EC_GROUP_get0_order(g), 0, NULL) != 1)
                goto done;
        } while (BN_is_zero(d));
    }
    valid = !BN_is_zero(d) && !BN_is_negative(d) && BN_cmp(d, EC_GROUP_get0_order(g)) < 0;
    if (valid && BN_num_bytes(d) <= (int) sizeof priv &&
        EC_POINT_mul(g, pt, d, NULL, NULL, NULL) == 1 &&
        (pn = EC_POINT_point2oct(g, pt, POINT_CONVERSION_UNCOMPRESSED, pub, sizeof pub, NULL)) > 0)
        dn = BN_bn2bin(d, priv);
done:
    BN_clear_free(d);
    EC_POINT_free(pt);
    EC_GROUP_free(g);
    ERR_clear_error();
    if (in != NULL && !valid) {
        duk_push_error_object(ctx, DUK_ERR_RANGE_ERROR, "Private key is not valid for specified curve.");
        duk_push_string(ctx, "ERR_CRYPTO_INVALID_KEYTYPE");
        duk_put_prop_string(ctx, -2, "code");
        return duk_throw(ctx);
    }
    if (dn < 0)
        return js_crypto_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "Failed to generate ECDH key");
    duk_push_object(ctx);
    memcpy(duk_push_fixed_buffer(ctx, (duk_size_t) dn), priv, (size_t) dn);
    OPENSSL_cleanse(priv, sizeof priv);
    duk_put_prop_string(ctx, -2, "priv");
    memcpy(duk_push_fixed_buffer(ctx, pn), pub, pn);
    duk_put_prop_string(ctx, -2, "pub");
    return 1;
}

/* An EC key of the named curve from a private scalar (priv, may be NULL)
 * and a public point (pub, any encoding; may be NULL), or NULL when
 * OpenSSL refuses them (a point not on the curve). */
static EVP_PKEY *js_crypto_ec_pkey(const char *curve, const unsigned char *priv, size_t privlen,
                                   const unsigned char *pub, size_t publen)
{
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM *params = NULL;
    EVP_PKEY_CTX *pc = NULL;
    EVP_PKEY *k = NULL;
    BIGNUM *d = NULL;
    int ok = bld != NULL && OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, curve, 0) == 1;

    if (ok && pub != NULL)
        ok = OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub, publen) == 1;
    if (ok && priv != NULL)
        ok = (d = BN_bin2bn(priv, (int) privlen, NULL)) != NULL &&
             OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, d) == 1;
    ok = ok && (params = OSSL_PARAM_BLD_to_param(bld)) != NULL &&
         (pc = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL)) != NULL &&
         EVP_PKEY_fromdata_init(pc) == 1 &&
         EVP_PKEY_fromdata(pc, &k, priv != NULL ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params) == 1;
    BN_clear_free(d);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    EVP_PKEY_CTX_free(pc);
    if (!ok) {
        EVP_PKEY_free(k);
        return NULL;
    }
    return k;
}

/* ecdhSecret(curve, private, peerPoint) -> buffer: the shared secret of
 * EVP_PKEY_derive (the x coordinate of d*P, as long as the field), what
 * `openssl pkeyutl -derive` computes.  Throws .code
 * ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY when the peer's point is not on the
 * curve. */
static duk_ret_t js_crypto_ecdh_secret(duk_context *ctx)
{
    const char *curve = duk_require_string(ctx, 0);
    size_t dlen, plen, n = JS_CRYPTO_EC_MAX;
    const unsigned char *priv = js_crypto_bytes(ctx, 1, &dlen);
    const unsigned char *peer = js_crypto_bytes(ctx, 2, &plen);
    unsigned char out[JS_CRYPTO_EC_MAX];
    EVP_PKEY *mine, *theirs = NULL;
    EVP_PKEY_CTX *pc = NULL;
    int ok;

    duk_require_stack(ctx, 4);
    ERR_clear_error();
    mine = js_crypto_ec_pkey(curve, priv, dlen, NULL, 0);
    theirs = plen > 0 ? js_crypto_ec_pkey(curve, NULL, 0, peer, plen) : NULL;
    ok = mine != NULL && theirs != NULL && (pc = EVP_PKEY_CTX_new_from_pkey(NULL, mine, NULL)) != NULL &&
         EVP_PKEY_derive_init(pc) == 1 && EVP_PKEY_derive_set_peer(pc, theirs) == 1 &&
         EVP_PKEY_derive(pc, out, &n) == 1;
    EVP_PKEY_CTX_free(pc);
    EVP_PKEY_free(mine);
    EVP_PKEY_free(theirs);
    ERR_clear_error();
    if (!ok)
        return js_crypto_throw(ctx, "ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY", "Public key is not valid for specified curve");
    memcpy(duk_push_fixed_buffer(ctx, n), out, n);
    OPENSSL_cleanse(out, sizeof out);
    return 1;
}

/* pkeyDerive(privateHandle, publicHandle) -> buffer: the shared secret
 * of two keys of one type (EC, X25519, X448, DH), crypto.diffieHellman's.
 * A DH secret is padded with zeros to the prime's length, as Node's.
 * Throws OpenSSL's error as Node does (EC keys of two curves:
 * ERR_OSSL_MISMATCHING_DOMAIN_PARAMETERS). */
static duk_ret_t js_crypto_pkey_derive(duk_context *ctx)
{
    EVP_PKEY *mine = js_ossl_key_of(ctx, 0), *theirs = js_ossl_key_of(ctx, 1);
    unsigned char *out = NULL;
    size_t n = 0;
    EVP_PKEY_CTX *pc;
    int ok;

    ERR_clear_error();
    pc = EVP_PKEY_CTX_new_from_pkey(NULL, mine, NULL);
    ok = pc != NULL && EVP_PKEY_derive_init(pc) == 1 &&
         (!EVP_PKEY_is_a(mine, "DH") || EVP_PKEY_CTX_set_dh_pad(pc, 1) == 1) &&
         EVP_PKEY_derive_set_peer(pc, theirs) == 1 && EVP_PKEY_derive(pc, NULL, &n) == 1 &&
         (out = OPENSSL_malloc(n ? n : 1)) != NULL && EVP_PKEY_derive(pc, out, &n) == 1;
    EVP_PKEY_CTX_free(pc);
    if (!ok) {
        OPENSSL_free(out);
        return js_ossl_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "Failed to derive the shared secret");
    }
    ERR_clear_error();
    js_ossl_push_owned(ctx, out, n);     /* frees out, also when it throws */
    return 1;
}

/* dhKeyGenerate(prime, generator) -> handle of a new DH pair in the group
 * of prime (bytes) and generator (a number), generateKeyPair('dh')'s. */
static duk_ret_t js_crypto_dh_key_generate(duk_context *ctx)
{
    size_t plen;
    const unsigned char *p = js_crypto_bytes(ctx, 0, &plen);
    duk_uint_t g = duk_require_uint(ctx, 1);
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM *params = NULL;
    EVP_PKEY_CTX *pc = NULL, *kc = NULL;
    EVP_PKEY *dom = NULL, *k = NULL;
    BIGNUM *bp = BN_bin2bn(p, (int) plen, NULL), *bg = BN_new();
    int ok;

    js_ossl_new_key_handle(ctx);
    ERR_clear_error();
    ok = bld != NULL && bp != NULL && bg != NULL && BN_set_word(bg, g) == 1 &&
         OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_FFC_P, bp) == 1 &&
         OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_FFC_G, bg) == 1 &&
         (params = OSSL_PARAM_BLD_to_param(bld)) != NULL &&
         (pc = EVP_PKEY_CTX_new_from_name(NULL, "DH", NULL)) != NULL &&
         EVP_PKEY_fromdata_init(pc) == 1 &&
         EVP_PKEY_fromdata(pc, &dom, EVP_PKEY_KEY_PARAMETERS, params) == 1 &&
         (kc = EVP_PKEY_CTX_new_from_pkey(NULL, dom, NULL)) != NULL &&
         EVP_PKEY_keygen_init(kc) == 1 && EVP_PKEY_generate(kc, &k) == 1;
    BN_free(bp);
    BN_free(bg);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    EVP_PKEY_CTX_free(pc);
    EVP_PKEY_CTX_free(kc);
    EVP_PKEY_free(dom);
    if (!ok) {
        EVP_PKEY_free(k);
        return js_ossl_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "key generation failed");
    }
    ERR_clear_error();
    js_ossl_adopt_key(ctx, k);
    return 1;
}

static const duk_function_list_entry js_crypto_funcs[] = {
    { "cryptoRandom", js_crypto_random, 1 },
    { "cryptoDigest", js_crypto_digest, 4 },
    { "cryptoDigestSize", js_crypto_digest_size, 1 },
    { "cryptoHashStart", js_crypto_hash_start, 2 },
    { "cryptoHashUpdate", js_crypto_hash_update, 2 },
    { "cryptoHashCopy", js_crypto_hash_copy, 1 },
    { "cryptoHashFinal", js_crypto_hash_final, 2 },
    { "cryptoHashes", js_crypto_hashes, 0 },
    { "cryptoPbkdf2", js_crypto_pbkdf2, 5 },
    { "cryptoScrypt", js_crypto_scrypt, 7 },
    { "cryptoCipherInfo", js_crypto_cipher_info, 1 },
    { "cryptoCipher", js_crypto_cipher, 9 },
    { "cryptoTimingSafeEqual", js_crypto_timing_safe_equal, 2 },
    { "cryptoKeyParse", js_crypto_key_parse, 6 },
    { "cryptoKeyExport", js_crypto_key_export, 6 },
    { "cryptoKeyInfo", js_crypto_key_info, 2 },
    { "cryptoKeyFromJwk", js_crypto_key_from_jwk, 3 },
    { "cryptoKeyGenerate", js_crypto_key_generate, 4 },
    { "cryptoKeyEquals", js_crypto_key_equals, 2 },
    { "cryptoSign", js_crypto_sign, 6 },
    { "cryptoVerify", js_crypto_verify, 7 },
    { "cryptoPkeyCrypt", js_crypto_pkey_crypt, 6 },
    { "cryptoEcdhCurves", js_crypto_ecdh_curves, 0 },
    { "cryptoEcdhConvert", js_crypto_ecdh_convert, 3 },
    { "cryptoEcdhKeys", js_crypto_ecdh_keys, 2 },
    { "cryptoEcdhSecret", js_crypto_ecdh_secret, 3 },
    { "cryptoPkeyDerive", js_crypto_pkey_derive, 2 },
    { "cryptoDhKeyGenerate", js_crypto_dh_key_generate, 2 },
    { NULL, NULL, 0 }
};

/* crypto's natives include those of its other OpenSSL files, which the
 * engine does not need to know about. */
void js_crypto_init(duk_context *ctx, js_host *host)
{
    js_host_put_funcs(ctx, js_crypto_funcs, host);
    js_dh_init(ctx, host);
    js_x509_init(ctx, host);
}
