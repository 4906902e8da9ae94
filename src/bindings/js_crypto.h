/* js_crypto.h - the OpenSSL natives behind `crypto` (js_crypto.c). */
#ifndef INVOKE_JS_CRYPTO_H
#define INVOKE_JS_CRYPTO_H

#include "bindings/js_host.h"

/* [ ... sys ] -> [ ... sys ]: adds the crypto natives (cryptoDigest,
 * cryptoCipher, ...) and those of js_dh.c and js_x509.c to the object
 * on top of the stack.  They keep no
 * state: `host` is not used beyond the common function table. */
void js_crypto_init(duk_context *ctx, js_host *host);

#endif
