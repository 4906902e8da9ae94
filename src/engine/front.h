/* front.h - the modern-syntax front end, in a heap of its own.
 *
 * Modules that Duktape cannot compile are lowered by front.js (on acorn)
 * to ES5.1.  acorn and front.js run in a second heap, made on first need
 * and dropped once no module has needed it for a while; the worker's heap
 * hands a module's source in and gets the lowered text, or the error's
 * name, line and message, back.  The module binding calls front_lower
 * through js_module_opts; it knows nothing of this heap.
 */
#ifndef INVOKE_FRONT_H
#define INVOKE_FRONT_H

#include <stddef.h>

#include "duktape.h"
#include "engine/heap.h"

/* One worker's front end; owned by the engine, zeroed but for heap and
 * data before use. */
typedef struct front {
    duk_context *ctx;       /* its heap, while there is one */
    int ts;                 /* the TypeScript plugin is evaluated in ctx */
    double used;            /* now_ms() of its last lowering */
    heap_state *heap;       /* counts its allocations, with the worker's */
    const char *data;       /* --data (its bytecode), or NULL */
} front;

/* [ ... ] -> [ ... text ] in ctx, a worker's heap: the ES5.1 text front.js
 * makes of len bytes of source from `file`, or throws its error
 * (SyntaxError with file:line:col) in ctx.  ud is the front.  Makes the
 * front end's heap if there is none (~16 ms; its memory does not count
 * against the request's limit). */
void front_lower(void *ud, duk_context *ctx, const char *src, size_t len, const char *file);

/* Drops the front end's heap when no module has been lowered for a while
 * (between requests: a deploy's first requests keep it). */
void front_drop_idle(front *f);

/* Drops the front end's heap now. */
void front_free(front *f);

#endif
