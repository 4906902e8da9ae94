/* extend.c - the built-ins a request may add to; see extend.h.
 *
 * Only Duktape's insides can tell cheaply whether an object gained a
 * property, take one away that a request made non-configurable, and make
 * an object extensible again: src/duk-fixes.sed adds the functions
 * declared below to the build's duktape.c.  The runtime's own properties
 * of these objects are all non-configurable (harden.js), so no request can
 * remove or change one; what it adds comes after them in the object's
 * entries, and that is what invoke_duk_restore takes away.
 */
#include "config.h"
#include "engine/extend.h"

#include <stdlib.h>

/* src/duk-fixes.sed, which has the same struct */
typedef struct invoke_duk_kept {
    void *obj;              /* kept reachable by the caller */
    void *proto;            /* its prototype, reachable through it */
    duk_int_t keep;         /* its entries, compacted */
} invoke_duk_kept;
extern duk_int_t invoke_duk_entries(duk_context *ctx, duk_idx_t idx);
extern duk_size_t invoke_duk_changed(duk_context *ctx, const invoke_duk_kept *k, duk_size_t n);
extern void invoke_duk_restore(duk_context *ctx, const invoke_duk_kept *k);

struct extend_set {
    duk_size_t n;
    invoke_duk_kept o[];
};

extend_set *extend_keep(duk_context *ctx)
{
    duk_size_t i, n = duk_get_length(ctx, -1);
    extend_set *s = malloc(sizeof *s + n * sizeof s->o[0]);

    if (s != NULL)
        s->n = 0;
    for (i = 0; i < n; i++) {
        invoke_duk_kept *o;

        duk_get_prop_index(ctx, -1, (duk_uarridx_t) i);
        if (!duk_is_object(ctx, -1)) {
            duk_pop(ctx);
            continue;
        }
        /* no deleted entries (harden.js redefines, never deletes, but a
         * runtime file may have): they would make the count too high */
        duk_compact(ctx, -1);
        if (s == NULL || invoke_duk_entries(ctx, -1) < 0) {
            /* an array part keeps index names apart from the entries
             * counted: not worth the code for objects that have none */
            duk_freeze(ctx, -1);
            duk_pop(ctx);
            continue;
        }
        o = &s->o[s->n++];
        o->obj = duk_get_heapptr(ctx, -1);
        o->keep = invoke_duk_entries(ctx, -1);
        duk_get_prototype(ctx, -1);
        o->proto = duk_get_heapptr(ctx, -1);
        duk_pop_2(ctx);
    }
    return s;
}

int extend_changed(duk_context *ctx, const extend_set *s)
{
    return s != NULL && invoke_duk_changed(ctx, s->o, s->n) < s->n;
}

void extend_restore(duk_context *ctx, const extend_set *s)
{
    duk_size_t i;

    for (i = 0; s != NULL && (i += invoke_duk_changed(ctx, s->o + i, s->n - i)) < s->n; i++)
        invoke_duk_restore(ctx, &s->o[i]);
}

void extend_free(extend_set *s)
{
    free(s);
}
