/* js_x509.h - the OpenSSL natives behind crypto.X509Certificate
 * (js_x509.c). */
#ifndef INVOKE_JS_X509_H
#define INVOKE_JS_X509_H

#include "bindings/js_host.h"

/* [ ... sys ] -> [ ... sys ]: adds the X.509 natives (x509Parse,
 * x509Info, x509PublicKey, x509Pem, x509CheckHost, x509CheckEmail,
 * x509CheckIP, x509CheckIssued, x509Verify, x509CheckPrivateKey) to the
 * object on top of the stack.  `host` is not used beyond the common
 * function table. */
void js_x509_init(duk_context *ctx, js_host *host);

#endif
