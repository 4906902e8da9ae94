/* js_bigint.h - BigInt arithmetic on OpenSSL's BIGNUM (js_bigint.c), for
 * the BigInt of src/runtime/bigint.js. */
#ifndef INVOKE_JS_BIGINT_H
#define INVOKE_JS_BIGINT_H

#include "bindings/js_host.h"

/* The hidden key under which a bigint object holds its value: BN_bn2hex's
 * text of it ("-1F", "0"), one text per value. */
#define JS_BIGINT_KEY DUK_HIDDEN_SYMBOL("bigint")

/* The largest bigint, in bits: what a request may make (node allows 2^30;
 * a decimal toString of 2^20 bits takes ~0.1 s, and C work cannot be
 * interrupted by the request's time limit). */
#define JS_BIGINT_MAX_BITS (1L << 20)

/* [ ... sys ] -> [ ... sys ]: adds bigSetup, bigParse, bigFromNumber,
 * bigToNumber, bigToString, bigOp, bigCmp, bigCmpNum, bigAsN, bigFrom64
 * and bigTo64 (see js_bigint.c) to the object on top of the stack.  `host`
 * is not used beyond the common function table. */
void js_bigint_init(duk_context *ctx, js_host *host);

#endif
