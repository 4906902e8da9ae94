/* extend.h - the built-ins a request may add to, and their return to what
 * the runtime left once the request is over.
 *
 * harden.js freezes everything a request can reach but the objects the
 * global names (Error, Reflect, Math, Promise, process, ...): their own
 * properties are read-only, yet names may be added to them, as libraries
 * do in node (reflect-metadata's Reflect.defineMetadata, bluebird's
 * Error.__BluebirdErrorTypes__).  One heap serves every request of a
 * worker, so after each request the engine takes away what it added
 * (non-configurable too), and puts back their prototypes and their
 * extensibility: the next request finds them as the runtime left them
 * (doc/contract.md §9).
 */
#ifndef INVOKE_EXTEND_H
#define INVOKE_EXTEND_H

#include "duktape.h"

typedef struct extend_set extend_set;

/* [ ... array ] -> [ ... array ]: records the state of each object of the
 * array (harden.js's rt.extendable: extensible ones), which the caller
 * keeps reachable for the heap's life; one with an array part is frozen
 * instead.  NULL when
 * out of memory (then they are all frozen).  May throw (duk_safe_call). */
extend_set *extend_keep(duk_context *ctx);

/* Whether a request changed any of them: a few loads per object, no
 * allocation, never throws. */
int extend_changed(duk_context *ctx, const extend_set *s);

/* Puts each object back as extend_keep found it.  May run finalizers, and
 * throw when out of memory (duk_safe_call). */
void extend_restore(duk_context *ctx, const extend_set *s);

void extend_free(extend_set *s);

#endif
