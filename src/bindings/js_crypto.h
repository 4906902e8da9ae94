/* js_crypto.h - the OpenSSL natives behind `crypto` (js_crypto.c). */
#ifndef INVOKE_JS_CRYPTO_H
#define INVOKE_JS_CRYPTO_H

#include "bindings/js_host.h"

#include <openssl/evp.h>

/* [ ... sys ] -> [ ... sys ]: adds the crypto natives (cryptoDigest,
 * cryptoCipher, ...) and those of js_dh.c and js_x509.c to the object
 * on top of the stack.  They keep no
 * state: `host` is not used beyond the common function table. */
void js_crypto_init(duk_context *ctx, js_host *host);

/* Throws the earliest queued OpenSSL error as Node reports it: the message
 * "error:XXXXXXXX:lib::reason" and .code ERR_OSSL_REASON_IN_CAPITALS
 * (ERR_OSSL_DH_BAD_GENERATOR); code and msg when OpenSSL queued nothing.
 * Clears OpenSSL's error queue.  Never returns; for the other OpenSSL
 * bindings (js_dh.c, js_x509.c), so that their errors read as Node's. */
duk_ret_t js_crypto_throw_ossl(duk_context *ctx, const char *code, const char *msg);

/* The key handles behind KeyObjects, for js_x509.c: a handle owns its
 * EVP_PKEY and frees it in its finalizer.
 * js_crypto_new_key_handle: [ ... ] -> [ ... handle ], with no key yet
 *   (made before the key exists, so that a throw leaks nothing);
 * js_crypto_adopt_key: gives the handle on top of the stack the key k,
 *   which it owns from then on; cannot throw;
 * js_crypto_key_of: the key of the handle at idx, still the handle's;
 *   throws a TypeError when idx is no key handle. */
void js_crypto_new_key_handle(duk_context *ctx);
void js_crypto_adopt_key(duk_context *ctx, EVP_PKEY *k);
EVP_PKEY *js_crypto_key_of(duk_context *ctx, duk_idx_t idx);

#endif
