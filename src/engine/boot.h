/* boot.h - the embedded runtime evaluated into a heap.
 *
 * A worker's heap gets the runtime's files (src/runtime), the front end's
 * own heap gets acorn and front.js (src/front), each in bundle order.  The
 * front end's bytecode is kept under --data, so a heap after the first
 * loads it instead of compiling acorn again.
 */
#ifndef INVOKE_BOOT_H
#define INVOKE_BOOT_H

#include <stddef.h>

#include "duktape.h"

/* [ ... sys rt ] -> [ ... sys rt ]: evaluates the worker's runtime files
 * (front == 0), the front end's (BUNDLE_FRONT) or its TypeScript part
 * (BUNDLE_FRONT_TS, into a front end's heap, with its sys and rt) as the
 * bodies of function (sys, rt), in bundle order (bundle_in_heap); the
 * front end's from their bytecode in DATA/bytecode when it is there (data:
 * --data, or NULL), else compiled and written there.  0, or -1 with a
 * message (file and stack) in err. */
int boot_runtime(duk_context *ctx, const char *data, int front, char *err, size_t errlen);

#endif
