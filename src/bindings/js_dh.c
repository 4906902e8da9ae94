/* js_dh.c - the OpenSSL natives behind crypto's finite-field
 * Diffie-Hellman (createDiffieHellman, getDiffieHellman).
 *
 * Stateless like the ECDH natives of js_crypto.c: a DiffieHellman object
 * of src/runtime/crypto.js keeps its prime, generator and keys as bytes,
 * and each native builds an OpenSSL DH from them, does its work and frees
 * it before it returns.  Arguments are checked and every result buffer is
 * pushed after the DH is freed, so a Duktape throw leaks nothing.
 *
 * This file uses OpenSSL's DH API, deprecated in OpenSSL 3 but not
 * removed, because Node 20 does and its results are part of the API:
 * verifyError is the bit set of DH_check (DH_MODULUS_TOO_SMALL = 0x80,
 * DH_NOT_SUITABLE_GENERATOR = 0x08, ...), which the EVP interface only
 * answers with yes or no, and Node's errors are those DH_generate_key and
 * DH_generate_parameters_ex queue.  Hence OPENSSL_SUPPRESS_DEPRECATED,
 * for this file only.
 */
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "bindings/js_dh.h"
#include "bindings/js_ossl.h"

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/dh.h>
#include <openssl/err.h>
#include <string.h>

/* The largest prime Node's groups have (modp18, 8192 bits), and a margin
 * for the primes a caller gives. */
#define JS_DH_MAX_BYTES 2048

/* A buffer argument's bytes (any buffer type); throws TypeError otherwise. */
static const unsigned char *js_dh_bytes(duk_context *ctx, duk_idx_t idx, size_t *len)
{
    duk_size_t n = 0;
    void *p = duk_require_buffer_data(ctx, idx, &n);

    *len = (size_t) n;
    return p ? p : (const unsigned char *) "";
}

/* Pushes a fixed buffer of n bytes copied from p. */
static void js_dh_push(duk_context *ctx, const unsigned char *p, size_t n)
{
    void *b = duk_push_fixed_buffer(ctx, n);

    if (n)
        memcpy(b, p, n);
}

/* Throws a RangeError with .code = code. */
static duk_ret_t js_dh_range(duk_context *ctx, const char *code, const char *msg)
{
    duk_push_error_object(ctx, DUK_ERR_RANGE_ERROR, "%s", msg);
    duk_push_string(ctx, code);
    duk_put_prop_string(ctx, -2, "code");
    return duk_throw(ctx);
}

/* A DH of prime p and generator g (bytes, big-endian) and, when given, a
 * private and a public key; NULL when OpenSSL fails (its error queued).
 * The caller frees it with DH_free. */
static DH *js_dh_make(const unsigned char *p, size_t plen, const unsigned char *g, size_t glen,
                      const unsigned char *priv, size_t privlen, const unsigned char *pub, size_t publen)
{
    DH *dh = DH_new();
    BIGNUM *bp = BN_bin2bn(p, (int) plen, NULL), *bg = BN_bin2bn(g, (int) glen, NULL);
    BIGNUM *bx = priv ? BN_secure_new() : NULL, *by = pub ? BN_bin2bn(pub, (int) publen, NULL) : NULL;

    if (bx != NULL && BN_bin2bn(priv, (int) privlen, bx) == NULL) {
        BN_clear_free(bx);
        bx = NULL;
    }
    if (dh == NULL || bp == NULL || bg == NULL || (priv && bx == NULL) || (pub && by == NULL) ||
        DH_set0_pqg(dh, bp, NULL, bg) != 1)
        goto fail;
    bp = bg = NULL;     /* the DH owns them now */
    if ((bx != NULL || by != NULL) && DH_set0_key(dh, by, bx) != 1)
        goto fail;
    return dh;
fail:
    BN_free(bp);
    BN_free(bg);
    BN_clear_free(bx);
    BN_free(by);
    DH_free(dh);
    return NULL;
}

/* dhGroupPrime(index) -> buffer: the prime of one of the groups Node
 * names (0 modp1 ... 7 modp18: RFC 2409's 768 and 1024 bits, RFC 3526's
 * 1536 to 8192), whose generator is 2. */
static duk_ret_t js_dh_group_prime(duk_context *ctx)
{
    static BIGNUM *(*const primes[])(BIGNUM *) = {
        BN_get_rfc2409_prime_768, BN_get_rfc2409_prime_1024, BN_get_rfc3526_prime_1536,
        BN_get_rfc3526_prime_2048, BN_get_rfc3526_prime_3072, BN_get_rfc3526_prime_4096,
        BN_get_rfc3526_prime_6144, BN_get_rfc3526_prime_8192
    };
    duk_int_t i = duk_require_int(ctx, 0);
    unsigned char out[JS_DH_MAX_BYTES];
    BIGNUM *p;
    int n;

    if (i < 0 || i >= (duk_int_t) (sizeof primes / sizeof primes[0]))
        return duk_error(ctx, DUK_ERR_RANGE_ERROR, "no such group");
    if ((p = primes[i](NULL)) == NULL)
        return js_ossl_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "Initialization failed");
    n = BN_bn2bin(p, out);
    BN_free(p);
    js_dh_push(ctx, out, (size_t) n);
    return 1;
}

/* dhGenerate(bits, generator) -> buffer: a new safe prime of that many
 * bits for which generator suits (DH_generate_parameters_ex, as Node's
 * createDiffieHellman(length)).  Throws OpenSSL's error as Node does
 * (ERR_OSSL_DH_MODULUS_TOO_SMALL below 512 bits, ERR_OSSL_DH_BAD_GENERATOR
 * for a generator below 2). */
static duk_ret_t js_dh_generate(duk_context *ctx)
{
    duk_int_t bits = duk_require_int(ctx, 0), gen = duk_require_int(ctx, 1);
    unsigned char out[JS_DH_MAX_BYTES];
    const BIGNUM *p = NULL;
    DH *dh;
    int n = -1;

    ERR_clear_error();
    if (gen < 2) {
        ERR_raise(ERR_LIB_DH, DH_R_BAD_GENERATOR);
        return js_ossl_throw(ctx, "ERR_OSSL_DH_BAD_GENERATOR", "bad generator");
    }
    if (bits > JS_DH_MAX_BYTES * 8)
        return js_dh_range(ctx, "ERR_OUT_OF_RANGE", "The prime is too long");
    dh = DH_new();
    if (dh != NULL && DH_generate_parameters_ex(dh, bits, gen, NULL) == 1) {
        DH_get0_pqg(dh, &p, NULL, NULL);
        n = BN_bn2bin(p, out);
    }
    DH_free(dh);
    if (n < 0)
        return js_ossl_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "Initialization failed");
    ERR_clear_error();
    js_dh_push(ctx, out, (size_t) n);
    return 1;
}

/* dhCheck(prime, generator) -> verifyError: DH_check's bits for the
 * group, as Node's verifyError.  Throws as Node's constructor does: an
 * empty prime is ERR_OSSL_BN_BITS_TOO_SMALL, a generator that is empty,
 * 0 or 1 ERR_OSSL_DH_BAD_GENERATOR. */
static duk_ret_t js_dh_check(duk_context *ctx)
{
    size_t plen, glen;
    const unsigned char *p = js_dh_bytes(ctx, 0, &plen), *g = js_dh_bytes(ctx, 1, &glen);
    int codes = 0, ok = 0;
    size_t i;
    DH *dh;

    ERR_clear_error();
    if (plen == 0) {
        ERR_raise(ERR_LIB_BN, BN_R_BITS_TOO_SMALL);
        return js_ossl_throw(ctx, "ERR_OSSL_BN_BITS_TOO_SMALL", "bits too small");
    }
    for (i = 0; i + 1 < glen && g[i] == 0; i++)
        ;
    if (glen == 0 || (i + 1 == glen && g[i] < 2)) {
        ERR_raise(ERR_LIB_DH, DH_R_BAD_GENERATOR);
        return js_ossl_throw(ctx, "ERR_OSSL_DH_BAD_GENERATOR", "bad generator");
    }
    if (plen > JS_DH_MAX_BYTES)
        return js_dh_range(ctx, "ERR_OUT_OF_RANGE", "The prime is too long");
    dh = js_dh_make(p, plen, g, glen, NULL, 0, NULL, 0);
    if (dh != NULL)
        ok = DH_check(dh, &codes) == 1 || codes != 0;
    DH_free(dh);
    ERR_clear_error();
    if (!ok && dh == NULL)
        return js_ossl_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "Initialization failed");
    duk_push_int(ctx, codes);
    return 1;
}

/* dhKeys(prime, generator, private|undefined) -> { priv, pub }: the
 * private key given (or a new random one) and its public key g^x mod p,
 * both big-endian without leading zeros, as Node's generateKeys leaves
 * them (DH_generate_key).  Throws OpenSSL's error (a prime below 512 bits
 * is ERR_OSSL_DH_MODULUS_TOO_SMALL, as in Node). */
static duk_ret_t js_dh_keys(duk_context *ctx)
{
    size_t plen, glen, xlen = 0;
    const unsigned char *p = js_dh_bytes(ctx, 0, &plen), *g = js_dh_bytes(ctx, 1, &glen);
    const unsigned char *x = duk_is_undefined(ctx, 2) ? NULL : js_dh_bytes(ctx, 2, &xlen);
    unsigned char priv[JS_DH_MAX_BYTES], pub[JS_DH_MAX_BYTES];
    const BIGNUM *bx = NULL, *by = NULL;
    int xn = -1, yn = -1;
    DH *dh;

    duk_require_stack(ctx, 4);
    if (plen > JS_DH_MAX_BYTES || xlen > JS_DH_MAX_BYTES)
        return js_dh_range(ctx, "ERR_OUT_OF_RANGE", "The prime is too long");
    ERR_clear_error();
    dh = js_dh_make(p, plen, g, glen, x, xlen, NULL, 0);
    if (dh != NULL && DH_generate_key(dh) == 1) {
        DH_get0_key(dh, &by, &bx);
        if (BN_num_bytes(bx) <= (int) sizeof priv && BN_num_bytes(by) <= (int) sizeof pub) {
            xn = BN_bn2bin(bx, priv);
            yn = BN_bn2bin(by, pub);
        }
    }
    DH_free(dh);
    if (xn < 0 || yn < 0)
        return js_ossl_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "Key generation failed");
    ERR_clear_error();
    duk_push_object(ctx);
    js_dh_push(ctx, priv, (size_t) xn);
    OPENSSL_cleanse(priv, sizeof priv);
    duk_put_prop_string(ctx, -2, "priv");
    js_dh_push(ctx, pub, (size_t) yn);
    duk_put_prop_string(ctx, -2, "pub");
    return 1;
}

/* dhSecret(prime, generator, private, peerPublic) -> buffer: peer^x mod p
 * padded with zeros to the prime's length, as Node's computeSecret gives
 * it.  A peer key outside [2, p-2] is a RangeError ERR_CRYPTO_INVALID_KEYLEN
 * ("Supplied key is too small" or "too large"), Node's words. */
static duk_ret_t js_dh_secret(duk_context *ctx)
{
    size_t plen, glen, xlen, ylen;
    const unsigned char *p = js_dh_bytes(ctx, 0, &plen), *g = js_dh_bytes(ctx, 1, &glen);
    const unsigned char *x = js_dh_bytes(ctx, 2, &xlen), *y = js_dh_bytes(ctx, 3, &ylen);
    unsigned char out[JS_DH_MAX_BYTES];
    BIGNUM *peer = NULL;
    int n = -1, flags = 0, checked = 0;
    DH *dh;

    if (plen > JS_DH_MAX_BYTES || xlen > JS_DH_MAX_BYTES || ylen > JS_DH_MAX_BYTES)
        return js_dh_range(ctx, "ERR_OUT_OF_RANGE", "The key is too long");
    ERR_clear_error();
    dh = js_dh_make(p, plen, g, glen, x, xlen, NULL, 0);
    peer = BN_bin2bn(y, (int) ylen, NULL);
    if (dh != NULL && peer != NULL && DH_size(dh) <= (int) sizeof out) {
        checked = DH_check_pub_key(dh, peer, &flags) == 1;
        if (checked && flags == 0)
            n = DH_compute_key_padded(out, peer, dh);
    }
    BN_free(peer);
    DH_free(dh);
    ERR_clear_error();
    if (flags & DH_CHECK_PUBKEY_TOO_SMALL)
        return js_dh_range(ctx, "ERR_CRYPTO_INVALID_KEYLEN", "Supplied key is too small");
    if (flags & DH_CHECK_PUBKEY_TOO_LARGE)
        return js_dh_range(ctx, "ERR_CRYPTO_INVALID_KEYLEN", "Supplied key is too large");
    if (n < 0)
        return js_dh_range(ctx, "ERR_CRYPTO_INVALID_KEYLEN", "Invalid key");
    js_dh_push(ctx, out, (size_t) n);
    OPENSSL_cleanse(out, sizeof out);
    return 1;
}

static const duk_function_list_entry js_dh_funcs[] = {
    { "dhGroupPrime", js_dh_group_prime, 1 },
    { "dhGenerate", js_dh_generate, 2 },
    { "dhCheck", js_dh_check, 2 },
    { "dhKeys", js_dh_keys, 3 },
    { "dhSecret", js_dh_secret, 4 },
    { NULL, NULL, 0 }
};

void js_dh_init(duk_context *ctx, js_host *host)
{
    js_host_put_funcs(ctx, js_dh_funcs, host);
}
