/* js_kv.h - the natives behind the `kv` global (src/runtime/kv.js).
 *
 * The binding moves bytes between the runtime and a store it does not own:
 * the engine opens the worker's one store handle (after fork, as Berkeley
 * DB requires), hands it over in js_kv_opts, keeps the request's scope in
 * it, and closes the handle when the heap is gone.  It knows nothing of
 * FastCGI.
 */
#ifndef INVOKE_JS_KV_H
#define INVOKE_JS_KV_H

#include "duktape.h"
#include "bindings/js_host.h"
#include "store/kv.h"

/* The binding's view of the store, owned by the engine, which updates
 * `scope` (or `scope_err`) when a request's functions root changes. */
typedef struct js_kv_opts {
    kv *store;                  /* NULL: no store (no --data, or it failed) */
    const char *why;            /* why there is none, told to functions */
    kv_scope scope;             /* the request's root's records */
    char scope_err[300];        /* non-empty: the scope could not be made */
} js_kv_opts;

/* [ ... sys ] -> [ ... sys ]: adds kvGet, kvSet, kvDelete, kvClear, kvIncr,
 * kvList and kvRate to the object on top of the stack.  `o` is read at
 * every call and must outlive the heap. */
void js_kv_init(duk_context *ctx, js_host *host, const js_kv_opts *o);

#endif
