/* extend.h - the shared built-ins back as the runtime left them once a
 * request is over.
 *
 * One heap serves every request of a worker.  harden.js marks every object
 * a request can reach (the global, the built-ins and the runtime's objects
 * reachable from it, the prototypes the runtime hands out) shared; a
 * request may change them as the specification lets any program (add,
 * write or delete a property, redefine it non-configurable, set a
 * prototype, prevent extensions, freeze), and Duktape records each shared
 * object as it was on its first change (a write barrier,
 * src/duk-fixes.sed).  Before the next request the engine puts every
 * recorded object back: the next request finds them as the runtime left
 * them (doc/contract.md §9).
 */
#ifndef INVOKE_EXTEND_H
#define INVOKE_EXTEND_H

#include "duktape.h"

/* Whether a request changed any shared object: one load, never throws. */
int extend_changed(duk_context *ctx);

/* Puts each changed shared object back as it was before its first change.
 * May run finalizers of what the request left there (duk_safe_call). */
void extend_restore(duk_context *ctx);

#endif
