/* js_crypto.c - the OpenSSL 3 natives behind the `crypto` module.
 *
 * Every native here is one-shot: it takes whole inputs, creates whatever
 * OpenSSL context it needs, does the work and frees the context before it
 * returns.  Nothing of OpenSSL outlives a call but the process-wide cache
 * of fetched digests and HMAC contexts (see js_crypto_md_cache), so there is
 * no handle for a finalizer to forget and nothing to leak when Duktape
 * throws: arguments are checked and the result buffer is pushed *before*
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

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>
#include <openssl/rand.h>
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

static const duk_function_list_entry js_crypto_funcs[] = {
    { "cryptoRandom", js_crypto_random, 1 },
    { "cryptoDigest", js_crypto_digest, 4 },
    { "cryptoDigestSize", js_crypto_digest_size, 1 },
    { "cryptoHashes", js_crypto_hashes, 0 },
    { "cryptoPbkdf2", js_crypto_pbkdf2, 5 },
    { "cryptoScrypt", js_crypto_scrypt, 7 },
    { "cryptoCipherInfo", js_crypto_cipher_info, 1 },
    { "cryptoCipher", js_crypto_cipher, 9 },
    { "cryptoTimingSafeEqual", js_crypto_timing_safe_equal, 2 },
    { NULL, NULL, 0 }
};

void js_crypto_init(duk_context *ctx, js_host *host)
{
    js_host_put_funcs(ctx, js_crypto_funcs, host);
}
