/* js_kv.h - the natives behind the `kv` global (src/js/kv.js).
 *
 * The binding owns the worker's one store handle: opened at init when the
 * engine has a --data folder (after fork, as Berkeley DB requires), closed
 * at exit.  It knows nothing of FastCGI.
 */
#ifndef INVOKE_JS_KV_H
#define INVOKE_JS_KV_H

#include "duktape.h"
#include "bindings/js_sys.h"

/* [ ... sys ] -> [ ... sys ]: adds kvGet, kvSet, kvDelete, kvClear, kvIncr,
 * kvList and kvRate to the object on top of the stack, and opens
 * the store of host->cfg->data if there is one.  `host` must outlive the
 * heap. */
void jskv_init(duk_context *ctx, jsys_host *host);

/* The process's store handle, NULL without one (no --data, or it failed to
 * open).  Owned by the binding; for the engine's admin rate limits. */
struct kv *jskv_handle(void);

#endif
