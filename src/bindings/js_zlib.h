/* js_zlib.h - the zlib and Brotli natives behind `zlib` (js_zlib.c). */
#ifndef INVOKE_JS_ZLIB_H
#define INVOKE_JS_ZLIB_H

#include "bindings/js_host.h"

/* [ ... sys ] -> [ ... sys ]: adds the zlib natives (zlibCreate,
 * zlibProcess, zlibParams, zlibReset, zlibClose, zlibCrc32) to the object
 * on top of the stack.  `host` is not used beyond the common function
 * table. */
void js_zlib_init(duk_context *ctx, js_host *host);

#endif
