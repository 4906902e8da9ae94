/* js_x509.c - the OpenSSL natives behind crypto.X509Certificate.
 *
 * A certificate outlives the call that read it: src/runtime/crypto.js's
 * X509Certificate holds the X509 in a handle object (a hidden pointer)
 * whose finalizer frees it, as KeyObjects hold their keys (js_ossl.c).
 * Everything else is made and freed within one call: the text OpenSSL
 * prints goes to a memory BIO, freed also when Duktape throws while the
 * string is pushed (js_x509_push_bio).  The strings are OpenSSL's own
 * renderings, the ones Node 20 hands out: names one "SN=value" a line
 * with RFC 2253 escapes, subjectAltName and infoAccess as X509V3_EXT_print
 * writes them, dates as ASN1_TIME_print does.
 */
#include "bindings/js_x509.h"
#include "bindings/js_ossl.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <string.h>

#define JS_X509_CERT DUK_HIDDEN_SYMBOL("x509")

static duk_ret_t js_x509_finalize(duk_context *ctx)
{
    X509 *x;

    duk_get_prop_string(ctx, 0, JS_X509_CERT);
    x = duk_get_pointer(ctx, -1);
    if (x == NULL)
        return 0;
    X509_free(x);
    duk_push_pointer(ctx, NULL);
    duk_put_prop_string(ctx, 0, JS_X509_CERT);
    return 0;
}

/* The certificate of the handle at idx (still the handle's); throws a
 * TypeError when idx is no certificate handle. */
static X509 *js_x509_of(duk_context *ctx, duk_idx_t idx)
{
    return js_ossl_handle_ptr(ctx, idx, JS_X509_CERT, "not a certificate handle");
}

/* Pushes the text of b (a memory BIO) as a string, or undefined when b is
 * NULL; frees b, also when Duktape throws while pushing. */
typedef struct {
    const char *p;
    size_t n;
} js_x509_text;

static duk_ret_t js_x509_push_text_safe(duk_context *ctx, void *udata)
{
    js_x509_text *t = udata;

    duk_push_lstring(ctx, t->p, t->n);
    return 1;
}

static void js_x509_push_bio(duk_context *ctx, BIO *b)
{
    js_x509_text t = { "", 0 };
    char *p = NULL;
    long n;
    duk_int_t rc;

    if (b == NULL) {
        duk_push_undefined(ctx);
        return;
    }
    n = BIO_get_mem_data(b, &p);
    if (n > 0 && p != NULL) {
        t.p = p;
        t.n = (size_t) n;
    }
    /* OpenSSL's multi-line prints end their last line too */
    while (t.n > 0 && (t.p[t.n - 1] == '\n' || t.p[t.n - 1] == ' '))
        t.n--;
    rc = duk_safe_call(ctx, js_x509_push_text_safe, &t, 0, 1);
    BIO_free(b);
    if (rc != DUK_EXEC_SUCCESS)
        (void) duk_throw(ctx);
}

/* x509Parse(bytes) -> handle: a certificate in PEM or, failing that, in
 * DER.  Throws the first error OpenSSL queued, as Node does (text that is
 * neither: ERR_OSSL_PEM_NO_START_LINE). */
static duk_ret_t js_x509_parse(duk_context *ctx)
{
    duk_size_t len = 0;
    const unsigned char *data = duk_require_buffer_data(ctx, 0, &len), *p;
    X509 *x = NULL;
    BIO *b;

    js_ossl_new_handle(ctx, js_x509_finalize, JS_X509_CERT);
    ERR_clear_error();
    if (data == NULL)
        data = (const unsigned char *) "";
    /* empty input too: OpenSSL's error for it is Node's */
    if (len <= 0x7fffffff) {
        b = BIO_new_mem_buf(data, (int) len);
        if (b != NULL)
            x = PEM_read_bio_X509_AUX(b, NULL, NULL, NULL);
        BIO_free(b);
        if (x == NULL) {
            p = data;
            x = d2i_X509(NULL, &p, (long) len);
        }
    }
    if (x == NULL)
        return js_ossl_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "Failed to parse the certificate");
    ERR_clear_error();
    duk_push_pointer(ctx, x);       /* the slot exists: cannot throw */
    duk_put_prop_string(ctx, -2, JS_X509_CERT);
    return 1;
}

/* A memory BIO holding what print wrote, or NULL when it wrote nothing
 * or failed. */
static BIO *js_x509_name_bio(const X509_NAME *name)
{
    static const unsigned long flags = ASN1_STRFLGS_ESC_2253 | ASN1_STRFLGS_ESC_CTRL |
                                       ASN1_STRFLGS_UTF8_CONVERT | XN_FLAG_SEP_MULTILINE | XN_FLAG_FN_SN;
    BIO *b = BIO_new(BIO_s_mem());

    if (b != NULL && X509_NAME_print_ex(b, name, 0, flags) < 0) {
        BIO_free(b);
        return NULL;
    }
    return b;
}

static BIO *js_x509_ext_bio(X509 *x, int nid)
{
    int i = X509_get_ext_by_NID(x, nid, -1);
    X509_EXTENSION *ext = i < 0 ? NULL : X509_get_ext(x, i);
    BIO *b;

    if (ext == NULL)
        return NULL;
    b = BIO_new(BIO_s_mem());
    if (b != NULL && X509V3_EXT_print(b, ext, 0, 0) != 1) {
        BIO_free(b);
        return NULL;
    }
    return b;
}

static BIO *js_x509_time_bio(const ASN1_TIME *t)
{
    BIO *b = BIO_new(BIO_s_mem());

    if (b != NULL && ASN1_TIME_print(b, t) != 1) {
        BIO_free(b);
        return NULL;
    }
    return b;
}

/* Puts the string of b (see js_x509_push_bio) as key of the object on top. */
static void js_x509_put_bio(duk_context *ctx, const char *key, BIO *b)
{
    js_x509_push_bio(ctx, b);
    duk_put_prop_string(ctx, -2, key);
}

/* Puts the digest of the certificate as "AB:CD:..." under key. */
static void js_x509_put_fingerprint(duk_context *ctx, X509 *x, const char *key, const EVP_MD *md)
{
    static const char hex[] = "0123456789ABCDEF";
    unsigned char d[EVP_MAX_MD_SIZE];
    char out[EVP_MAX_MD_SIZE * 3];
    unsigned int n = 0, i;

    if (X509_digest(x, md, d, &n) != 1 || n == 0) {
        ERR_clear_error();
        return;
    }
    for (i = 0; i < n; i++) {
        out[i * 3] = hex[d[i] >> 4];
        out[i * 3 + 1] = hex[d[i] & 15];
        out[i * 3 + 2] = ':';
    }
    duk_push_lstring(ctx, out, n * 3 - 1);
    duk_put_prop_string(ctx, -2, key);
}

/* Puts the entries of name as [[shortName, value], ...] under key: the
 * parts of toLegacyObject's subject and issuer, values in UTF-8 without
 * escapes. */
static void js_x509_put_parts(duk_context *ctx, const X509_NAME *name, const char *key)
{
    int i, n = X509_NAME_entry_count(name);
    duk_uarridx_t j = 0;

    duk_push_array(ctx);
    for (i = 0; i < n; i++) {
        const X509_NAME_ENTRY *e = X509_NAME_get_entry(name, i);
        const ASN1_OBJECT *o = X509_NAME_ENTRY_get_object(e);
        int nid = OBJ_obj2nid(o), len;
        const char *sn = nid == NID_undef ? NULL : OBJ_nid2sn(nid);
        char oid[128];
        unsigned char *utf8 = NULL;
        js_x509_text v;

        if (sn == NULL) {
            OBJ_obj2txt(oid, sizeof oid, o, 1);
            sn = oid;
        }
        len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(e));
        if (len < 0) {
            ERR_clear_error();
            continue;
        }
        v.p = (const char *) utf8;
        v.n = (size_t) len;
        duk_push_array(ctx);
        duk_push_string(ctx, sn);
        duk_put_prop_index(ctx, -2, 0);
        if (duk_safe_call(ctx, js_x509_push_text_safe, &v, 0, 1) != DUK_EXEC_SUCCESS) {
            OPENSSL_free(utf8);
            (void) duk_throw(ctx);
        }
        OPENSSL_free(utf8);
        duk_put_prop_index(ctx, -2, 1);
        duk_put_prop_index(ctx, -2, j++);
    }
    duk_put_prop_string(ctx, -2, key);
}

/* Puts the extended key usages as dotted OIDs under "keyUsage", when the
 * certificate has that extension. */
static void js_x509_put_eku(duk_context *ctx, X509 *x)
{
    EXTENDED_KEY_USAGE *eku = X509_get_ext_d2i(x, NID_ext_key_usage, NULL, NULL);
    char oids[32][128];
    int i, n;

    ERR_clear_error();
    if (eku == NULL)
        return;
    n = sk_ASN1_OBJECT_num(eku);
    if (n > 32)
        n = 32;
    for (i = 0; i < n; i++)
        OBJ_obj2txt(oids[i], sizeof oids[i], sk_ASN1_OBJECT_value(eku, i), 1);
    sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free);
    duk_push_array(ctx);
    for (i = 0; i < n; i++) {
        duk_push_string(ctx, oids[i]);
        duk_put_prop_index(ctx, -2, (duk_uarridx_t) i);
    }
    duk_put_prop_string(ctx, -2, "keyUsage");
}

/* Pushes the hex of bn (uppercase, as BN_bn2hex) or of its digits only
 * (trim: no leading zeros), and frees bn. */
static void js_x509_push_bn(duk_context *ctx, BIGNUM *bn, int trim)
{
    char *h = bn == NULL ? NULL : BN_bn2hex(bn), *s = h;
    js_x509_text t;

    BN_free(bn);
    if (h == NULL) {
        duk_push_undefined(ctx);
        return;
    }
    while (trim && s[0] == '0' && s[1] != 0)
        s++;
    t.p = s;
    t.n = strlen(s);
    if (duk_safe_call(ctx, js_x509_push_text_safe, &t, 0, 1) != DUK_EXEC_SUCCESS) {
        OPENSSL_free(h);
        (void) duk_throw(ctx);
    }
    OPENSSL_free(h);
}

/* Puts what toLegacyObject tells of the public key: for RSA modulus
 * (hex), bits, exponent ("0x10001") and pubkey (the SPKI DER); for EC
 * bits, pubkey (the uncompressed point), asn1Curve and nistCurve. */
static void js_x509_put_legacy_key(duk_context *ctx, X509 *x)
{
    EVP_PKEY *k = X509_get0_pubkey(x);
    unsigned char *der = NULL, *pt = NULL;
    BIGNUM *n = NULL, *e = NULL;
    char curve[64];
    size_t plen = 0;
    int len;

    if (k == NULL) {
        ERR_clear_error();
        return;
    }
    if (EVP_PKEY_is_a(k, "RSA")) {
        /* each number is pushed (and freed) before the next is read */
        if (EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_RSA_N, &n) == 1) {
            js_x509_push_bn(ctx, n, 0);
            duk_put_prop_string(ctx, -2, "modulus");
        }
        duk_push_int(ctx, EVP_PKEY_get_bits(k));
        duk_put_prop_string(ctx, -2, "bits");
        if (EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_RSA_E, &e) == 1) {
            duk_push_string(ctx, "0x");
            js_x509_push_bn(ctx, e, 1);
            duk_concat(ctx, 2);
            duk_put_prop_string(ctx, -2, "exponent");
        }
        len = i2d_PUBKEY(k, &der);
        if (len > 0) {
            js_ossl_push_owned(ctx, der, (size_t) len);
            duk_put_prop_string(ctx, -2, "pubkey");
        }
    } else if (EVP_PKEY_is_a(k, "EC")) {
        duk_push_int(ctx, EVP_PKEY_get_bits(k));
        duk_put_prop_string(ctx, -2, "bits");
        plen = EVP_PKEY_get1_encoded_public_key(k, &pt);
        if (plen > 0) {
            js_ossl_push_owned(ctx, pt, plen);
            duk_put_prop_string(ctx, -2, "pubkey");
        }
        if (EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, curve, sizeof curve, NULL) == 1) {
            int nid = OBJ_sn2nid(curve);
            const char *nist = nid == NID_undef ? NULL : EC_curve_nid2nist(nid);
            duk_push_string(ctx, curve);
            duk_put_prop_string(ctx, -2, "asn1Curve");
            if (nist != NULL) {
                duk_push_string(ctx, nist);
                duk_put_prop_string(ctx, -2, "nistCurve");
            }
        }
    }
    ERR_clear_error();
}

/* x509Info(handle) -> { subject, issuer, subjectAltName, infoAccess,
 * validFrom, validTo, serialNumber, fingerprint, fingerprint256,
 * fingerprint512, ca, keyUsage, raw, subjectParts, issuerParts, legacy }:
 * everything X509Certificate's getters and toLegacyObject read, at once
 * (crypto.js keeps it).  A missing extension leaves its key out. */
static duk_ret_t js_x509_info(duk_context *ctx)
{
    X509 *x = js_x509_of(ctx, 0);
    unsigned char *der = NULL;
    int len;

    duk_require_stack(ctx, 8);
    duk_push_object(ctx);
    js_x509_put_bio(ctx, "subject", js_x509_name_bio(X509_get_subject_name(x)));
    js_x509_put_bio(ctx, "issuer", js_x509_name_bio(X509_get_issuer_name(x)));
    if (X509_get_ext_by_NID(x, NID_subject_alt_name, -1) >= 0)
        js_x509_put_bio(ctx, "subjectAltName", js_x509_ext_bio(x, NID_subject_alt_name));
    if (X509_get_ext_by_NID(x, NID_info_access, -1) >= 0)
        js_x509_put_bio(ctx, "infoAccess", js_x509_ext_bio(x, NID_info_access));
    js_x509_put_bio(ctx, "validFrom", js_x509_time_bio(X509_get0_notBefore(x)));
    js_x509_put_bio(ctx, "validTo", js_x509_time_bio(X509_get0_notAfter(x)));
    js_x509_push_bn(ctx, ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL), 0);
    duk_put_prop_string(ctx, -2, "serialNumber");
    js_x509_put_fingerprint(ctx, x, "fingerprint", EVP_sha1());
    js_x509_put_fingerprint(ctx, x, "fingerprint256", EVP_sha256());
    js_x509_put_fingerprint(ctx, x, "fingerprint512", EVP_sha512());
    duk_push_boolean(ctx, X509_check_ca(x) == 1);
    duk_put_prop_string(ctx, -2, "ca");
    js_x509_put_eku(ctx, x);
    len = i2d_X509(x, &der);
    if (len > 0) {
        js_ossl_push_owned(ctx, der, (size_t) len);
        duk_put_prop_string(ctx, -2, "raw");
    }
    js_x509_put_parts(ctx, X509_get_subject_name(x), "subjectParts");
    js_x509_put_parts(ctx, X509_get_issuer_name(x), "issuerParts");
    duk_push_object(ctx);
    js_x509_put_legacy_key(ctx, x);
    duk_put_prop_string(ctx, -2, "legacy");
    ERR_clear_error();
    return 1;
}

/* x509Pem(handle) -> the certificate in PEM. */
static duk_ret_t js_x509_pem(duk_context *ctx)
{
    X509 *x = js_x509_of(ctx, 0);
    BIO *b = BIO_new(BIO_s_mem());
    js_x509_text t = { "", 0 };
    char *p = NULL;
    long n;
    duk_int_t rc;

    if (b == NULL || PEM_write_bio_X509(b, x) != 1) {
        BIO_free(b);
        return js_ossl_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "Failed to write the certificate");
    }
    n = BIO_get_mem_data(b, &p);
    if (n > 0 && p != NULL) {
        t.p = p;
        t.n = (size_t) n;
    }
    rc = duk_safe_call(ctx, js_x509_push_text_safe, &t, 0, 1);
    BIO_free(b);
    if (rc != DUK_EXEC_SUCCESS)
        (void) duk_throw(ctx);
    return 1;
}

/* x509PublicKey(handle) -> key handle (js_ossl.c's, a KeyObject's) of its
 * public key. */
static duk_ret_t js_x509_public_key(duk_context *ctx)
{
    X509 *x = js_x509_of(ctx, 0);
    EVP_PKEY *k;

    js_ossl_new_key_handle(ctx);
    k = X509_get_pubkey(x);     /* a reference of its own, for the handle */
    if (k == NULL)
        return js_ossl_throw(ctx, "ERR_CRYPTO_OPERATION_FAILED", "Failed to get the public key");
    js_ossl_adopt_key(ctx, k);
    return 1;
}

/* x509CheckHost(handle, name, flags) -> the name of the certificate that
 * matched (X509_check_host's peername: "*.example.org" for a wildcard),
 * or undefined.  flags: X509_CHECK_FLAG_* as crypto.js maps Node's
 * options. */
static duk_ret_t js_x509_check_host(duk_context *ctx)
{
    X509 *x = js_x509_of(ctx, 0);
    duk_size_t len;
    const char *name = duk_require_lstring(ctx, 1, &len);
    unsigned int flags = (unsigned int) duk_require_uint(ctx, 2);
    char *peer = NULL, copy[256];
    int r = X509_check_host(x, name, len, flags, &peer);

    ERR_clear_error();
    if (r != 1 || peer == NULL) {
        OPENSSL_free(peer);
        if (r == -2 || r < 0)
            return duk_error(ctx, DUK_ERR_TYPE_ERROR, "Invalid name");
        duk_push_undefined(ctx);
        return 1;
    }
    strncpy(copy, peer, sizeof copy - 1);
    copy[sizeof copy - 1] = 0;
    OPENSSL_free(peer);
    duk_push_string(ctx, copy);
    return 1;
}

/* x509CheckEmail(handle, email, flags) -> whether the certificate names
 * that address. */
static duk_ret_t js_x509_check_email(duk_context *ctx)
{
    X509 *x = js_x509_of(ctx, 0);
    duk_size_t len;
    const char *email = duk_require_lstring(ctx, 1, &len);
    unsigned int flags = (unsigned int) duk_require_uint(ctx, 2);
    int r = X509_check_email(x, email, len, flags);

    ERR_clear_error();
    if (r < 0)
        return duk_error(ctx, DUK_ERR_TYPE_ERROR, "Invalid email");
    duk_push_boolean(ctx, r == 1);
    return 1;
}

/* x509CheckIP(handle, ip) -> true, false, or -1 when ip is no IPv4 or
 * IPv6 address (crypto.js throws Node's error then). */
static duk_ret_t js_x509_check_ip(duk_context *ctx)
{
    X509 *x = js_x509_of(ctx, 0);
    const char *ip = duk_require_string(ctx, 1);
    int r = X509_check_ip_asc(x, ip, 0);

    ERR_clear_error();
    if (r < 0)
        duk_push_int(ctx, -1);
    else
        duk_push_boolean(ctx, r == 1);
    return 1;
}

/* x509CheckIssued(subject, issuer) -> whether issuer issued subject
 * (names, key identifiers and key usage; not the signature). */
static duk_ret_t js_x509_check_issued(duk_context *ctx)
{
    X509 *subject = js_x509_of(ctx, 0), *issuer = js_x509_of(ctx, 1);
    int r = X509_check_issued(issuer, subject);

    ERR_clear_error();
    duk_push_boolean(ctx, r == X509_V_OK);
    return 1;
}

/* x509Verify(handle, keyHandle) -> whether the certificate's signature
 * verifies with that public key. */
static duk_ret_t js_x509_verify(duk_context *ctx)
{
    X509 *x = js_x509_of(ctx, 0);
    EVP_PKEY *k = js_ossl_key_of(ctx, 1);
    int r = X509_verify(x, k);

    ERR_clear_error();
    duk_push_boolean(ctx, r == 1);
    return 1;
}

/* x509CheckPrivateKey(handle, keyHandle) -> whether the private key is the
 * certificate's public key's. */
static duk_ret_t js_x509_check_private_key(duk_context *ctx)
{
    X509 *x = js_x509_of(ctx, 0);
    EVP_PKEY *k = js_ossl_key_of(ctx, 1);
    int r = X509_check_private_key(x, k);

    ERR_clear_error();
    duk_push_boolean(ctx, r == 1);
    return 1;
}

static const duk_function_list_entry js_x509_funcs[] = {
    { "x509Parse", js_x509_parse, 1 },
    { "x509Info", js_x509_info, 1 },
    { "x509Pem", js_x509_pem, 1 },
    { "x509PublicKey", js_x509_public_key, 1 },
    { "x509CheckHost", js_x509_check_host, 3 },
    { "x509CheckEmail", js_x509_check_email, 3 },
    { "x509CheckIP", js_x509_check_ip, 2 },
    { "x509CheckIssued", js_x509_check_issued, 2 },
    { "x509Verify", js_x509_verify, 2 },
    { "x509CheckPrivateKey", js_x509_check_private_key, 2 },
    { NULL, NULL, 0 }
};

void js_x509_init(duk_context *ctx, js_host *host)
{
    js_host_put_funcs(ctx, js_x509_funcs, host);
}
