/* boot.c - the embedded runtime evaluated into a heap (see boot.h).
 *
 * Each file runs as the body of `function (sys, rt)`: `sys` holds the
 * bindings' natives, `rt` what the files hand each other, and neither is
 * reachable from function code.
 */
#include "engine/boot.h"
#include "runtime/bundle.h"
#include "store/bytecode.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growing malloc'd buffer: the runtime's bytecode, file after file. */
typedef struct {
    char *p;
    size_t len, cap;
} boot_buf;

static void boot_buf_add(boot_buf *b, const void *data, size_t n)
{
    if (b->p == NULL && b->cap != 0)
        return;                         /* an earlier allocation failed */
    if (b->len + n > b->cap) {
        size_t cap = (b->len + n) * 2;
        char *p = realloc(b->p, cap);
        if (p == NULL) {
            free(b->p);
            b->p = NULL;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, data, n);
    b->len += n;
}

/* [ ... sys rt ] -> [ ... sys rt ]: evaluates one runtime file as the body
 * of function (sys, rt): loaded from bc (bclen bytes of its bytecode) when
 * given, else compiled, and then its bytecode appended to dump (4-byte
 * length first) when that is given. */
static int boot_file(duk_context *ctx, const bundle_file *f,
                     const char *bc, size_t bclen, boot_buf *dump,
                     char *err, size_t errlen)
{
    static const char head[] = "function (sys, rt) {", tail[] = "\n}";
    size_t hl = sizeof head - 1, tl = sizeof tail - 1;
    char *src;

    if (bc != NULL) {
        memcpy(duk_push_fixed_buffer(ctx, bclen), bc, bclen);
        duk_load_function(ctx);
        duk_push_undefined(ctx);        /* [ fn ] -> [ src fn ] as below */
        duk_insert(ctx, -2);
    } else {
        src = duk_push_fixed_buffer(ctx, hl + f->len + tl);
        memcpy(src, head, hl);
        memcpy(src + hl, f->src, f->len);
        memcpy(src + hl + f->len, tail, tl);
        duk_push_sprintf(ctx, "invoke:%s", f->name);
        if (duk_pcompile_lstring_filename(ctx, DUK_COMPILE_FUNCTION, src,
                                          hl + f->len + tl) != 0)
            goto fail;
        if (dump != NULL) {
            duk_size_t n;
            const void *p;
            uint32_t n32;

            duk_dup_top(ctx);
            duk_dump_function(ctx);
            p = duk_get_buffer(ctx, -1, &n);
            n32 = (uint32_t) n;
            boot_buf_add(dump, &n32, sizeof n32);
            boot_buf_add(dump, p, n);
            duk_pop(ctx);
        }
    }
    duk_remove(ctx, -2);
    duk_dup(ctx, -3);
    duk_dup(ctx, -3);
    if (duk_pcall(ctx, 2) != 0)
        goto fail;
    duk_pop(ctx);
    return 0;
fail:
    snprintf(err, errlen, "runtime %s: %s", f->name, duk_safe_to_stacktrace(ctx, -1));
    duk_pop_2(ctx);
    return -1;
}

/* --- the front end's bytecode on disk, with --data --- */

/* Making the front end's heap means compiling acorn and front.js (~200M
 * instructions, more than the lowering of a 5 KB module); loading their
 * bytecode is a fraction of that.  With a --data folder, the first heap
 * writes DATA/bytecode/front-<h>.bc (h: a hash of this build and of every
 * embedded file, so another build or an edited front end never loads it)
 * and later ones, in any process, load it: the magic, then each front-end
 * file's bytecode after its 4-byte length, in bundle order.
 * The worker's own runtime is compiled, not loaded: from bytecode a
 * worker's start took 157M instructions instead of 337M, but the loaded
 * functions are bigger (0.2 MB more heap after start, ~1 MB more resident
 * after 10k requests), and a worker starts once. */
#define BOOT_FRONT_MAGIC "invoke-rt2\n"

/* The cache file's path (front: BUNDLE_FRONT, or BUNDLE_FRONT_TS for the
 * TypeScript plugin, loaded later and so kept apart), or -1 when there is
 * no folder of ours to use. */
static int boot_front_path(const char *data, int front, char *out, size_t n)
{
    char dir[PATH_MAX];

    if (bc_dir(data, dir, sizeof dir) < 0)
        return -1;
    return (size_t) snprintf(out, n, "%s/front-%s%016llx.bc", dir,
                             front == BUNDLE_FRONT_TS ? "ts-" : "", bundle_id()) < n ? 0 : -1;
}

/* The cache file, malloc'd (caller frees), when it holds exactly one
 * well-framed entry per file of that part of the front end (from *start
 * on); else NULL. */
static char *boot_front_read(const char *path, int front, size_t *len, size_t *start)
{
    size_t off = 0, cap = 0;
    const bundle_file *f;
    char *b = bc_read(path, BOOT_FRONT_MAGIC, &cap, &off);
    uint32_t n;

    if (b == NULL)
        return NULL;
    *start = off;
    for (f = bundle_files; f->name; f++) {
        if (!bundle_in_heap(f->name, front))
            continue;
        if (cap - off < sizeof n)
            goto bad;
        memcpy(&n, b + off, sizeof n);
        off += sizeof n;
        if (n == 0 || cap - off < n)
            goto bad;
        off += n;
    }
    if (off != cap)
        goto bad;
    *len = cap;
    return b;
bad:
    free(b);
    return NULL;
}

/* [ ... sys rt ] -> [ ... sys rt ]; see boot.h. */
int boot_runtime(duk_context *ctx, const char *data, int front, char *err, size_t errlen)
{
    const bundle_file *f;
    char path[PATH_MAX], *bc;
    boot_buf dump = { NULL, 0, 0 };
    size_t bclen = 0, off = 0;
    int cached = front && boot_front_path(data, front, path, sizeof path) == 0, rc = 0;

    bc = cached ? boot_front_read(path, front, &bclen, &off) : NULL;
    for (f = bundle_files; f->name && rc == 0; f++) {
        uint32_t n = 0;

        if (!bundle_in_heap(f->name, front))
            continue;
        if (bc != NULL) {
            memcpy(&n, bc + off, sizeof n);
            off += sizeof n;
        }
        rc = boot_file(ctx, f, bc ? bc + off : NULL, n,
                       cached && !bc ? &dump : NULL, err, errlen);
        off += n;
    }
    if (rc == 0 && cached && bc == NULL && dump.p != NULL)
        bc_write(path, BOOT_FRONT_MAGIC, "", dump.p, dump.len);
    free(bc);
    free(dump.p);
    return rc;
}
