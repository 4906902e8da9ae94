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

/* Drops from the worker's module cache every module under the folder
 * `dir` (a real path, borrowed): a release left behind.  Never throws. */
void js_module_forget(duk_context *ctx, const char *dir);

/* [ ... ] -> [ ... ]: compiles the module at `path` (confined to the
 * host's root) exactly as load() would for a request, which fills the
 * bytecode cache of --data; throws its SyntaxError (with file and line)
 * or a file error.  For `invoke deploy`, which refuses a release that
 * does not compile. */
void js_module_precompile(duk_context *ctx, const char *path);

#endif
