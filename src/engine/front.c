/* front.c - the modern-syntax front end, in a heap of its own (see
 * front.h).
 */
#include "engine/front.h"
#include "common/now.h"
#include "bindings/js_sys.h"
#include "engine/boot.h"
#include "runtime/bundle.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* acorn and front.js run only when a module must be compiled (a miss in the
 * worker's cache and on disk), so they live in a second heap made on first
 * need, not in the worker's: there they were a quarter of the heap that
 * every mark-and-sweep walks, for the life of the worker, and 200M
 * instructions of every worker's and every CGI request's start.  Making
 * it costs as much, so it is kept while modules keep being compiled (a
 * deploy's first requests) and dropped between requests once none has been
 * for FRONT_KEEP_MS. */
#define FRONT_KEEP_MS 5000.0

/* What the worker heap calls: source, file -> "O" + the lowered text, or
 * "E" + name "\n" line "\n" message of what lower() threw.  One string
 * crosses between the heaps, nothing else. */
static const char front_call_src[] =
    "function (lower) { return function (src, file) {"
    " try { return 'O' + lower(src, file); } catch (e) {"
    " return 'E' + (e && e.name || 'Error') + '\\n' + ((e && e.lineNumber) | 0) + '\\n' +"
    " (e && e.message !== undefined ? e.message : e); } }; }";

/* The front end's heap, made (acorn and front.js evaluated, ~16 ms) if there
 * is none; NULL with a message in err.  Its allocations are counted with
 * the worker's, under the request's limits, but making it is not the
 * request's doing: the request's memory limit moves up by what it took. */
static duk_context *front_heap(front *f, char *err, size_t errlen)
{
    heap_state *h = f->heap;
    size_t before = h->used, limit = h->limit;
    duk_context *c;

    f->used = now_ms();
    if (f->ctx) {
        duk_set_top(f->ctx, 0);
        return f->ctx;
    }
    h->limit = 0;
    c = heap_create(h);
    if (c == NULL) {
        h->limit = limit;
        snprintf(err, errlen, "cannot create the front end's heap");
        return NULL;
    }
    /* [ sys rt ]: what the runtime files it shares need */
    duk_push_bare_object(c);
    js_sys_init_front(c);
    duk_push_bare_object(c);
    if (boot_runtime(c, f->data, BUNDLE_FRONT, err, errlen) < 0)
        goto fail;
    if (duk_pcompile_string(c, DUK_COMPILE_FUNCTION, front_call_src) != 0)
        goto fail_js;
    duk_get_prop_string(c, -2, "lower");
    if (duk_pcall(c, 1) != 0)
        goto fail_js;
    /* lower, and sys and rt for the TypeScript plugin (front_ts) */
    duk_push_heap_stash(c);
    duk_dup(c, -2);
    duk_put_prop_string(c, -2, "lower");
    duk_dup(c, 0);
    duk_put_prop_string(c, -2, "sys");
    duk_dup(c, 1);
    duk_put_prop_string(c, -2, "rt");
    duk_set_top(c, 0);
    f->ctx = c;
    f->ts = 0;
    h->limit = limit ? limit + (h->used - before) : 0;
    return c;
fail_js:
    snprintf(err, errlen, "front end: %s", duk_safe_to_string(c, -1));
fail:
    duk_destroy_heap(c);
    h->limit = limit;
    return NULL;
}

/* Is file TypeScript (.ts, .mts, .cts), as front.js decides? */
static int front_is_ts(const char *file)
{
    size_t n = strlen(file);

    return (n > 3 && strcmp(file + n - 3, ".ts") == 0) ||
           (n > 4 && (strcmp(file + n - 4, ".mts") == 0 || strcmp(file + n - 4, ".cts") == 0));
}

/* acorn's TypeScript plugin (215 KB, ~10M instructions to load from its
 * bytecode and run, ~140M to compile and run) is evaluated into the front
 * end's heap only when a TypeScript file is first compiled there, so that
 * a site of JavaScript never pays it.  Its memory, as the heap's, is not
 * the request's.  0, or -1 with a message in err. */
static int front_ts(front *f, char *err, size_t errlen)
{
    heap_state *h = f->heap;
    size_t before = h->used, limit = h->limit;
    duk_context *c = f->ctx;
    int rc;

    if (f->ts)
        return 0;
    h->limit = 0;
    duk_push_heap_stash(c);
    duk_get_prop_string(c, -1, "sys");
    duk_get_prop_string(c, -2, "rt");
    rc = boot_runtime(c, f->data, BUNDLE_FRONT_TS, err, errlen);
    duk_set_top(c, 0);
    h->limit = limit ? limit + (h->used - before) : 0;
    if (rc == 0)
        f->ts = 1;
    return rc;
}

struct front_args {
    const char *src, *file;
    size_t len;
};

/* [ ] -> [ "O…" | "E…" ] in the front end's heap. */
static duk_ret_t front_call(duk_context *c, void *udata)
{
    const struct front_args *a = udata;

    duk_push_heap_stash(c);
    duk_get_prop_string(c, -1, "lower");
    duk_push_lstring(c, a->src, a->len);
    duk_push_string(c, a->file);
    duk_call(c, 2);
    duk_require_string(c, -1);
    return 1;
}

/* [ ... ] -> [ ... text ] in the worker's heap ctx; see front.h. */
void front_lower(void *ud, duk_context *ctx, const char *src, size_t len, const char *file)
{
    front *f = ud;
    struct front_args a;
    char err[1024], name[32];
    const char *out, *nl;
    duk_size_t n;
    duk_context *c;
    long line;

    a.src = src;
    a.len = len;
    a.file = file;
    c = front_heap(f, err, sizeof err);
    if (c == NULL || (front_is_ts(file) && front_ts(f, err, sizeof err) < 0)) {
        (void) duk_error(ctx, DUK_ERR_ERROR, "%s", err);
        return;
    }
    if (duk_safe_call(c, front_call, &a, 0, 1) != 0) {
        (void) duk_error(ctx, DUK_ERR_ERROR, "front end: %s", duk_safe_to_string(c, -1));
        return;
    }
    out = duk_get_lstring(c, -1, &n);
    if (out[0] == 'O') {
        /* copied into the worker heap before the front heap lets it go */
        memcpy(duk_push_fixed_buffer(ctx, n - 1), out + 1, n - 1);
        duk_set_top(c, 0);
        duk_buffer_to_string(ctx, -1);
        return;
    }
    nl = strchr(out, '\n');
    snprintf(name, sizeof name, "%.*s", nl ? (int) (nl - out - 1) : 0, out + 1);
    line = nl ? strtol(nl + 1, NULL, 10) : 0;
    nl = nl ? strchr(nl + 1, '\n') : NULL;
    snprintf(err, sizeof err, "%s", nl ? nl + 1 : out + 1);
    duk_set_top(c, 0);
    duk_push_error_object(ctx, strcmp(name, "SyntaxError") == 0 ? DUK_ERR_SYNTAX_ERROR :
                               strcmp(name, "TypeError") == 0 ? DUK_ERR_TYPE_ERROR :
                               strcmp(name, "RangeError") == 0 ? DUK_ERR_RANGE_ERROR :
                               strcmp(name, "ReferenceError") == 0 ? DUK_ERR_REFERENCE_ERROR :
                               DUK_ERR_ERROR, "%s", err);
    if (line > 0) {
        duk_push_int(ctx, (duk_int_t) line);
        duk_put_prop_string(ctx, -2, "lineNumber");
    }
    (void) duk_throw(ctx);
}

void front_drop_idle(front *f)
{
    if (f->ctx && now_ms() - f->used > FRONT_KEEP_MS)
        front_free(f);
}

void front_free(front *f)
{
    if (f->ctx) {
        duk_destroy_heap(f->ctx);
        f->ctx = NULL;
        malloc_trim(0);     /* its megabytes back to the system */
    }
}

