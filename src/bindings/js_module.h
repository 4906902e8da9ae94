/* js_module.h - compiled modules (js_module.c): the natives behind
 * require and every function file. */
#ifndef INVOKE_JS_MODULE_H
#define INVOKE_JS_MODULE_H

#include <stddef.h>

#include "bindings/js_host.h"

/* The engine's services the module binding uses.  Owned by the engine; must
 * outlive the heap. */
typedef struct js_module_opts {
    const char *data;           /* --data: bytecode cache in DATA/bytecode, NULL: none */
    /* The modern-syntax front end: [ ... ] -> [ ... text ], the ES5.1 text
     * of len bytes of source from `file`, or throws its error (SyntaxError
     * with file:line:col) in ctx. */
    void (*lower)(void *ud, duk_context *ctx, const char *src, size_t len, const char *file);
    void *lower_ud;
} js_module_opts;

/* [ ... sys ] -> [ ... sys ]: adds load, needsRequire, lower and
 * needsLower, and vmPrepare and vmRun (Node's vm: a script run with a
 * global of its own), to the object on top of the stack, and makes the
 * thread module factories are loaded in. */
void js_module_init(duk_context *ctx, js_host *host, const js_module_opts *o);

#endif
