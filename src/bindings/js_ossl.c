/* js_ossl.c - what the OpenSSL bindings share (js_crypto.c, js_dh.c,
 * js_x509.c): handle objects that own a C resource, the handles of
 * asymmetric keys behind KeyObjects, and OpenSSL's errors thrown as Node
 * reports them.  No natives of its own: the bindings that use these put
 * theirs on `sys`. */
#include "bindings/js_ossl.h"

#include <openssl/err.h>
#include <string.h>

/* Throws Error(message) with .code = code. */
duk_ret_t js_ossl_throw_code(duk_context *ctx, const char *code, const char *msg)
{
    duk_push_error_object(ctx, DUK_ERR_ERROR, "%s", msg);
    duk_push_string(ctx, code);
    duk_put_prop_string(ctx, -2, "code");
    return duk_throw(ctx);
}

/* Handles: an object owning a C resource through a hidden pointer under
 * key, freed by its finalizer.  The handle is made, finalizer and all,
 * before the resource exists, so a throw between the two leaks nothing;
 * the pointer slot is written once the resource is there, and the
 * property already exists then, so that write allocates nothing. */

/* [ ... ] -> [ ... handle ]: a handle whose pointer is still NULL. */
void js_ossl_new_handle(duk_context *ctx, duk_c_function finalize, const char *key)
{
    duk_push_object(ctx);
    duk_push_c_function(ctx, finalize, 1);
    duk_set_finalizer(ctx, -2);
    duk_push_pointer(ctx, NULL);
    duk_put_prop_string(ctx, -2, key);
}

/* The pointer held by the handle at idx (still owned by the handle);
 * throws a TypeError saying what when idx is no such handle or its
 * resource is gone. */
void *js_ossl_handle_ptr(duk_context *ctx, duk_idx_t idx, const char *key, const char *what)
{
    void *p = NULL;

    if (duk_is_object(ctx, idx)) {
        duk_get_prop_string(ctx, idx, key);
        p = duk_get_pointer(ctx, -1);
        duk_pop(ctx);
    }
    if (p == NULL)
        (void) duk_error(ctx, DUK_ERR_TYPE_ERROR, "%s", what);
    return p;
}

#define JS_OSSL_PKEY DUK_HIDDEN_SYMBOL("pkey")

static duk_ret_t js_ossl_key_finalize(duk_context *ctx)
{
    EVP_PKEY *k;

    duk_get_prop_string(ctx, 0, JS_OSSL_PKEY);
    k = duk_get_pointer(ctx, -1);
    if (k == NULL)
        return 0;
    EVP_PKEY_free(k);
    duk_push_pointer(ctx, NULL);
    duk_put_prop_string(ctx, 0, JS_OSSL_PKEY);
    return 0;
}

/* [ ... ] -> [ ... handle ]: a handle with no key yet. */
void js_ossl_new_key_handle(duk_context *ctx)
{
    js_ossl_new_handle(ctx, js_ossl_key_finalize, JS_OSSL_PKEY);
    duk_require_stack(ctx, 4);
}

/* Gives the handle on top of the stack its key (see above: cannot throw). */
void js_ossl_adopt_key(duk_context *ctx, EVP_PKEY *k)
{
    duk_push_pointer(ctx, k);
    duk_put_prop_string(ctx, -2, JS_OSSL_PKEY);
}

EVP_PKEY *js_ossl_key_of(duk_context *ctx, duk_idx_t idx)
{
    return js_ossl_handle_ptr(ctx, idx, JS_OSSL_PKEY, "not a key handle");
}

static const struct {
    int lib;
    const char *name;
} js_ossl_err_libs[] = {
    { ERR_LIB_SYS, "SYS" }, { ERR_LIB_BN, "BN" }, { ERR_LIB_RSA, "RSA" }, { ERR_LIB_DH, "DH" },
    { ERR_LIB_EVP, "EVP" }, { ERR_LIB_BUF, "BUF" }, { ERR_LIB_OBJ, "OBJ" }, { ERR_LIB_PEM, "PEM" },
    { ERR_LIB_DSA, "DSA" }, { ERR_LIB_X509, "X509" }, { ERR_LIB_ASN1, "ASN1" },
    { ERR_LIB_CONF, "CONF" }, { ERR_LIB_CRYPTO, "CRYPTO" }, { ERR_LIB_EC, "EC" },
    { ERR_LIB_BIO, "BIO" }, { ERR_LIB_PKCS7, "PKCS7" }, { ERR_LIB_X509V3, "X509V3" },
    { ERR_LIB_PKCS12, "PKCS12" }, { ERR_LIB_RAND, "RAND" }, { ERR_LIB_UI, "UI" },
    { ERR_LIB_OSSL_STORE, "OSSL_STORE" }, { ERR_LIB_HMAC, "HMAC" }, { ERR_LIB_KDF, "KDF" },
    { ERR_LIB_USER, "USER" }, { 0, NULL }
};

/* Throws the earliest queued OpenSSL error as Node reports it: the message
 * "error:XXXXXXXX:lib::reason" and .code ERR_OSSL_REASON_IN_CAPITALS;
 * the fallbacks when OpenSSL queued nothing. */
duk_ret_t js_ossl_throw(duk_context *ctx, const char *code, const char *msg)
{
    unsigned long e = ERR_peek_error();
    char buf[256], cbuf[128];
    const char *reason;
    size_t i, n;

    if (e == 0)
        return js_ossl_throw_code(ctx, code, msg);
    ERR_error_string_n(e, buf, sizeof buf);
    reason = ERR_reason_error_string(e);
    ERR_clear_error();
    if (reason == NULL)
        return js_ossl_throw_code(ctx, code, buf);
    memcpy(cbuf, "ERR_OSSL_", 9);
    n = 9;
    /* Node names the library in the code for the older libraries only
     * (ERR_OSSL_RSA_..., ERR_OSSL_CRYPTO_...), not for the provider-era
     * ones (DECODER, Provider routines) */
    for (i = 0; js_ossl_err_libs[i].name; i++)
        if (js_ossl_err_libs[i].lib == ERR_GET_LIB(e)) {
            size_t l = strlen(js_ossl_err_libs[i].name);
            memcpy(cbuf + n, js_ossl_err_libs[i].name, l);
            n += l;
            cbuf[n++] = '_';
            break;
        }
    for (i = 0; reason[i] && n < sizeof cbuf - 1; i++, n++) {
        char c = reason[i];
        cbuf[n] = c == ' ' ? '_' : (c >= 'a' && c <= 'z') ? (char) (c - 32) : c;
    }
    cbuf[n] = 0;
    return js_ossl_throw_code(ctx, cbuf, buf);
}

/* The bytes js_ossl_push_owned copies (a duk_safe_call's udata). */
typedef struct {
    const unsigned char *p;
    size_t n;
} js_ossl_owned;

static duk_ret_t js_ossl_push_owned_safe(duk_context *ctx, void *udata)
{
    js_ossl_owned *o = udata;
    void *b = duk_push_fixed_buffer(ctx, o->n);

    if (o->n)
        memcpy(b, o->p, o->n);
    return 1;
}

void js_ossl_push_owned(duk_context *ctx, unsigned char *p, size_t n)
{
    js_ossl_owned o = { p, n };
    duk_int_t rc = duk_safe_call(ctx, js_ossl_push_owned_safe, &o, 0, 1);

    /* cleared first: the bytes may be a key or a secret */
    OPENSSL_clear_free(p, n);
    if (rc != DUK_EXEC_SUCCESS)
        (void) duk_throw(ctx);
}
