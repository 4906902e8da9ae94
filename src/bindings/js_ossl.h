/* js_ossl.h - what the OpenSSL bindings share (js_ossl.c): js_crypto.c,
 * js_dh.c and js_x509.c. */
#ifndef INVOKE_JS_OSSL_H
#define INVOKE_JS_OSSL_H

#include <openssl/evp.h>

#include "duktape.h"

/* Throws Error(msg) with .code = code.  Never returns. */
duk_ret_t js_ossl_throw_code(duk_context *ctx, const char *code, const char *msg);

/* Throws the earliest queued OpenSSL error as Node reports it: the
 * message "error:XXXXXXXX:lib::reason" and .code
 * ERR_OSSL_REASON_IN_CAPITALS (ERR_OSSL_DH_BAD_GENERATOR); code and msg
 * when OpenSSL queued nothing.  Clears OpenSSL's error queue.  Never
 * returns. */
duk_ret_t js_ossl_throw(duk_context *ctx, const char *code, const char *msg);

/* Handles: an object owning a C resource through a hidden pointer under
 * key, freed by finalize.  js_ossl_new_handle: [ ... ] -> [ ... handle ]
 * with the pointer still NULL (made before the resource exists, so that a
 * throw between the two leaks nothing).  js_ossl_handle_ptr: the pointer
 * of the handle at idx, still the handle's; throws a TypeError saying
 * what when idx is no such handle. */
void js_ossl_new_handle(duk_context *ctx, duk_c_function finalize, const char *key);
void *js_ossl_handle_ptr(duk_context *ctx, duk_idx_t idx, const char *key, const char *what);

/* The key handles behind KeyObjects: a handle owns its EVP_PKEY and frees
 * it in its finalizer.
 * js_ossl_new_key_handle: [ ... ] -> [ ... handle ], with no key yet;
 * js_ossl_adopt_key: gives the handle on top of the stack the key k,
 *   which it owns from then on; cannot throw;
 * js_ossl_key_of: the key of the handle at idx, still the handle's;
 *   throws a TypeError when idx is no key handle. */
void js_ossl_new_key_handle(duk_context *ctx);
void js_ossl_adopt_key(duk_context *ctx, EVP_PKEY *k);
EVP_PKEY *js_ossl_key_of(duk_context *ctx, duk_idx_t idx);

/* [ ... ] -> [ ... buffer ]: a plain fixed buffer of the n
 * OpenSSL-allocated bytes at p, which it takes: p is cleared and freed
 * (OPENSSL_clear_free) also when Duktape throws while making the buffer. */
void js_ossl_push_owned(duk_context *ctx, unsigned char *p, size_t n);

#endif
