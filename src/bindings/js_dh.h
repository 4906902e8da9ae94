/* js_dh.h - the OpenSSL natives behind crypto's finite-field
 * Diffie-Hellman (js_dh.c). */
#ifndef INVOKE_JS_DH_H
#define INVOKE_JS_DH_H

#include "bindings/js_host.h"

/* [ ... sys ] -> [ ... sys ]: adds the DH natives (dhGroupPrime,
 * dhGenerate, dhCheck, dhKeys, dhSecret) to the object on top of the
 * stack.  They keep no state; `host` is not used beyond the common
 * function table. */
void js_dh_init(duk_context *ctx, js_host *host);

#endif
