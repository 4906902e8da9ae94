/* extend.c - the shared built-ins back as they were; see extend.h.
 *
 * Only Duktape's insides can record an object's properties (attributes,
 * order, array part, prototype, extensibility) cheaply and put them back
 * whole: src/duk-fixes.sed adds the write barrier and the functions
 * declared below to the build's duktape.c.
 */
#include "config.h"
#include "engine/extend.h"

/* src/duk-fixes.sed */
extern duk_size_t invoke_duk_recorded(duk_context *ctx);
extern void invoke_duk_restore_shared(duk_context *ctx);

int extend_changed(duk_context *ctx)
{
    return invoke_duk_recorded(ctx) > 0;
}

void extend_restore(duk_context *ctx)
{
    invoke_duk_restore_shared(ctx);
}
