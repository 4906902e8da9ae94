/* engine.c - one worker's JavaScript heap, and the run of one request.
 *
 * The heap is made once per worker: the runtime (the files of src/js, embedded) is
 * evaluated into it and then frozen by harden.js.  A request runs in a new
 * Duktape thread whose global object is a fresh, empty object inheriting
 * from that frozen global, so builtins resolve through the prototype while
 * anything a function assigns to the global scope lands on the per-request
 * object and is gone with it.  The function's module is loaded anew into
 * that scope on every request (from cached bytecode), so module-level state
 * never survives a request either.  Measured in DESIGN.md at well under a
 * microsecond for the scope, which is why no heap is ever rebuilt.
 *
 * Time and memory limits live here too: Duktape calls eng_timeout_check()
 * from its interrupt counter, and every allocation goes through a counting
 * allocator that refuses to grow a request past its memory limit.
 */
#include "engine/engine.h"
#include "runtime/bundle.h"
#include "bindings/js_kv.h"
#include "bindings/js_crypto.h"
#include "bindings/js_fetch.h"
#include "bindings/js_sys.h"
#include "common/log.h"
#include "common/now.h"
#include "engine/ratelimit.h"
#include "router/router.h"

#include "config.h"

#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct eng {
    duk_context *ctx;
    eng_config cfg;
    jsys_host host;
    void *dispatch;         /* rt.dispatch, kept alive by the heap stash */
    void *global;           /* the frozen base global object */
    size_t used;            /* bytes allocated by the heap right now */
    size_t limit;           /* refuse allocations past this, 0: no limit */
    size_t gc_base;         /* bytes held right after the last collection */
    duk_context *front;     /* the front end's own heap, while there is one */
    double front_used;      /* when it last lowered a module (now_ms) */
    int timed_out;
    int out_of_memory;
    unsigned alloc_ticks;   /* allocations since the last look at the clock */
};

/* --- allocator: counts every byte so a request can be held to a limit --- */

/* Past the deadline allocations fail too: a long C call that never returns
 * to the interrupt counter (Array.prototype.join over a big sparse array,
 * for one) still allocates as it goes, and failing is the only way to stop
 * it from inside.  The clock is read every 64 allocations only. */
static int eng_past_deadline(eng *e)
{
    if (e->timed_out)
        return 1;
    if (e->host.deadline <= 0 || (++e->alloc_ticks & 63) != 0)
        return 0;
    if (now_ms() >= e->host.deadline)
        e->timed_out = 1;
    return e->timed_out;
}

static void *eng_alloc(void *ud, duk_size_t size)
{
    eng *e = ud;
    void *p;

    if (eng_past_deadline(e))
        return NULL;
    if (e->limit && (e->out_of_memory || e->used + size > e->limit)) {
        e->out_of_memory = 1;
        return NULL;
    }
    p = malloc(size);
    if (p)
        e->used += malloc_usable_size(p);
    return p;
}

static void *eng_realloc(void *ud, void *ptr, duk_size_t size)
{
    eng *e = ud;
    size_t old = ptr ? malloc_usable_size(ptr) : 0;
    void *p;

    if (size > old && eng_past_deadline(e))
        return NULL;
    if (e->limit && size > old &&
        (e->out_of_memory || e->used - old + size > e->limit)) {
        e->out_of_memory = 1;
        return NULL;
    }
    p = realloc(ptr, size);
    if (p || size == 0)
        e->used = e->used - old + (p ? malloc_usable_size(p) : 0);
    return p;
}

static void eng_free_mem(void *ud, void *ptr)
{
    eng *e = ud;

    if (ptr) {
        e->used -= malloc_usable_size(ptr);
        free(ptr);
    }
}

/* Called by Duktape's interrupt counter (duk_config.h is generated so).
 * Once the deadline has passed it keeps answering yes until the error has
 * bubbled out of every catch and finally, which is how an endless loop
 * inside try/catch is still stopped. */
int eng_timeout_check(void *udata)
{
    eng *e = udata;

    if (e == NULL)
        return 0;
    /* Past the memory limit every allocation fails; unwinding at once is
     * far cheaper than letting each failure run Duktape's emergency GC. */
    if (e->out_of_memory)
        return 1;
    if (e->host.deadline <= 0)
        return 0;
    if (!e->timed_out && now_ms() >= e->host.deadline)
        e->timed_out = 1;
    return e->timed_out;
}

static void eng_fatal(void *udata, const char *msg)
{
    (void) udata;
    log_sys("crit", "javascript engine fatal error: %s", msg ? msg : "?");
    abort();
}

/* --- start-up: natives, runtime files, hardening --- */

/* The native bindings, each adding its functions to the hidden `sys`
 * object that the runtime's files receive.  One line per binding. */
static void (*const bindings[])(duk_context *, jsys_host *) = {
    jsys_init,
    jsmod_init,
    jskv_init,
    jscr_init,
    jfetch_init,
    NULL
};

/* The front end's files, evaluated in a heap of their own (below). */
static int is_front_file(const char *name)
{
    return strcmp(name, "acorn.js") == 0 || strcmp(name, "front.js") == 0;
}

/* A growing malloc'd buffer: the runtime's bytecode, file after file. */
typedef struct {
    char *p;
    size_t len, cap;
} eng_buf;

static void buf_add(eng_buf *b, const void *data, size_t n)
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
static int run_bundle_file(duk_context *ctx, const js_bundle_entry *f,
                           const char *bc, size_t bclen, eng_buf *dump,
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
            buf_add(dump, &n32, sizeof n32);
            buf_add(dump, p, n);
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
 * file's bytecode after its 4-byte length, in js_bundle order.
 * The worker's own runtime is compiled, not loaded: from bytecode a
 * worker's start took 157M instructions instead of 337M, but the loaded
 * functions are bigger (0.2 MB more heap after start, ~1 MB more resident
 * after 10k requests), and a worker starts once. */
#define ENG_RT_MAGIC "invoke-rt1\n"

/* Computed once: the embedded sources are ~1 MB. */
unsigned long long eng_runtime_id(void)
{
    static const char build[] = PACKAGE_VERSION " " __DATE__ " " __TIME__ " " DUK_GIT_DESCRIBE;
    static unsigned long long id;
    unsigned long long h = 14695981039346656037ULL;
    const js_bundle_entry *f;
    size_t i;

    if (id != 0)
        return id;
    for (i = 0; i < sizeof build; i++)
        h = (h ^ (unsigned char) build[i]) * 1099511628211ULL;
    for (f = js_bundle; f->name; f++)
        for (i = 0; i < f->len; i++)
            h = (h ^ (unsigned char) f->src[i]) * 1099511628211ULL;
    return id = h;
}

/* The cache file's path, or -1 when there is no folder of ours to use. */
static int rt_cache_path(const eng_config *c, char *out, size_t n)
{
    char dir[PATH_MAX];

    if (jsmod_bytecode_dir(c, dir, sizeof dir) < 0)
        return -1;
    return (size_t) snprintf(out, n, "%s/front-%016llx.bc", dir, eng_runtime_id()) < n ? 0 : -1;
}

/* The cache file, malloc'd (caller frees), when it holds exactly one
 * well-framed entry per front-end file; else NULL. */
static char *rt_cache_read(const char *path, size_t *len)
{
    size_t off = sizeof ENG_RT_MAGIC - 1, cap = 0;
    const js_bundle_entry *f;
    char *b = jsmod_cache_read(path, ENG_RT_MAGIC, &cap);
    uint32_t n;

    if (b == NULL)
        return NULL;
    for (f = js_bundle; f->name; f++) {
        if (!is_front_file(f->name))
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

/* [ ... sys rt ] -> [ ... sys rt ]: evaluates the worker's runtime files
 * (the front end's with front set) in bundle order; the front end's from
 * their bytecode in the --data folder when it is there, else compiled and
 * written there. */
static int run_bundle(duk_context *ctx, const eng_config *c, int front,
                      char *err, size_t errlen)
{
    const js_bundle_entry *f;
    char path[PATH_MAX], *bc;
    eng_buf dump = { NULL, 0, 0 };
    size_t bclen = 0, off = sizeof ENG_RT_MAGIC - 1;
    int cached = front && rt_cache_path(c, path, sizeof path) == 0, rc = 0;

    bc = cached ? rt_cache_read(path, &bclen) : NULL;
    for (f = js_bundle; f->name && rc == 0; f++) {
        uint32_t n = 0;

        if (is_front_file(f->name) != front)
            continue;
        if (bc != NULL) {
            memcpy(&n, bc + off, sizeof n);
            off += sizeof n;
        }
        rc = run_bundle_file(ctx, f, bc ? bc + off : NULL, n,
                             cached && !bc ? &dump : NULL, err, errlen);
        off += n;
    }
    if (rc == 0 && cached && bc == NULL && dump.p != NULL)
        jsmod_cache_write(path, ENG_RT_MAGIC, dump.p, dump.len);
    free(bc);
    free(dump.p);
    return rc;
}

/* --- the modern-syntax front end, in a heap of its own --- */

/* acorn and front.js run only when a module must be compiled (a miss in the
 * worker's cache and on disk), so they live in a second heap made on first
 * need, not in the worker's: there they were a quarter of the heap that
 * every mark-and-sweep walks, for the life of the worker, and 200M
 * instructions of every worker's and every CGI request's start.  Making
 * it costs as much, so it is kept while modules keep being compiled (a
 * deploy's first requests) and dropped by eng_idle once none has been for
 * ENG_FRONT_KEEP_MS. */
#define ENG_FRONT_KEEP_MS 5000.0

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
static duk_context *front_heap(eng *e, char *err, size_t errlen)
{
    size_t before = e->used, limit = e->limit;
    duk_context *c;

    e->front_used = now_ms();
    if (e->front) {
        duk_set_top(e->front, 0);
        return e->front;
    }
    e->limit = 0;
    c = duk_create_heap(eng_alloc, eng_realloc, eng_free_mem, e, eng_fatal);
    if (c == NULL) {
        e->limit = limit;
        snprintf(err, errlen, "cannot create the front end's heap");
        return NULL;
    }
    /* [ sys rt ]: front.js needs no natives */
    duk_push_bare_object(c);
    duk_push_bare_object(c);
    if (run_bundle(c, &e->cfg, 1, err, errlen) < 0)
        goto fail;
    if (duk_pcompile_string(c, DUK_COMPILE_FUNCTION, front_call_src) != 0)
        goto fail_js;
    duk_get_prop_string(c, -2, "lower");
    if (duk_pcall(c, 1) != 0)
        goto fail_js;
    duk_push_heap_stash(c);
    duk_dup(c, -2);
    duk_put_prop_string(c, -2, "lower");
    duk_set_top(c, 0);
    e->front = c;
    e->limit = limit ? limit + (e->used - before) : 0;
    return c;
fail_js:
    snprintf(err, errlen, "front end: %s", duk_safe_to_string(c, -1));
fail:
    duk_destroy_heap(c);
    e->limit = limit;
    return NULL;
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

/* frontend(source, file) -> the ES5.1 text front.js makes of source, or
 * throws its error (SyntaxError with file:line:col) in the worker's heap.
 * Kept in the worker heap's stash, where js_module.c finds it. */
static duk_ret_t eng_lower(duk_context *ctx)
{
    duk_memory_functions mf;
    struct front_args a;
    char err[1024], name[32];
    const char *out, *nl;
    duk_size_t n;
    duk_context *c;
    eng *e;
    long line;

    a.src = duk_require_lstring(ctx, 0, &n);
    a.len = n;
    a.file = duk_require_string(ctx, 1);
    duk_get_memory_functions(ctx, &mf);
    e = mf.udata;
    c = front_heap(e, err, sizeof err);
    if (c == NULL)
        return duk_error(ctx, DUK_ERR_ERROR, "%s", err);
    if (duk_safe_call(c, front_call, &a, 0, 1) != 0)
        return duk_error(ctx, DUK_ERR_ERROR, "front end: %s", duk_safe_to_string(c, -1));
    out = duk_get_lstring(c, -1, &n);
    if (out[0] == 'O') {
        /* copied into the worker heap before the front heap lets it go */
        memcpy(duk_push_fixed_buffer(ctx, n - 1), out + 1, n - 1);
        duk_set_top(c, 0);
        duk_buffer_to_string(ctx, -1);
        return 1;
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
    return duk_throw(ctx);
}

eng *eng_new(const eng_config *c, char *err, size_t errlen)
{
    eng *e = calloc(1, sizeof *e);
    int i;

    if (e == NULL) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    e->cfg = *c;
    e->ctx = duk_create_heap(eng_alloc, eng_realloc, eng_free_mem, e, eng_fatal);
    if (e->ctx == NULL) {
        snprintf(err, errlen, "cannot create the JavaScript heap");
        free(e);
        return NULL;
    }
    /* [ sys rt ] */
    duk_push_bare_object(e->ctx);
    e->host.cfg = &e->cfg;
    e->host.heap_used = &e->used;
    for (i = 0; bindings[i]; i++)
        bindings[i](e->ctx, &e->host);
    duk_push_boolean(e->ctx, c->dev);
    duk_put_prop_string(e->ctx, -2, "dev");
    duk_push_boolean(e->ctx, c->trust_proxy);
    duk_put_prop_string(e->ctx, -2, "trustProxy");
    /* sys.adminEnv: the administrator's --env variables (dispatch.js
     * puts them under each request's process.env) */
    duk_push_bare_object(e->ctx);
    for (i = 0; c->env && c->env[i]; i++) {
        const char *eq = strchr(c->env[i], '=');
        if (eq == NULL)
            continue;
        duk_push_lstring(e->ctx, c->env[i], (duk_size_t) (eq - c->env[i]));
        duk_push_string(e->ctx, eq + 1);
        duk_put_prop(e->ctx, -3);
    }
    duk_put_prop_string(e->ctx, -2, "adminEnv");
    duk_push_heap_stash(e->ctx);
    duk_push_c_function(e->ctx, eng_lower, 2);
    duk_put_prop_string(e->ctx, -2, "frontend");
    duk_pop(e->ctx);
    duk_push_bare_object(e->ctx);
    if (run_bundle(e->ctx, c, 0, err, errlen) < 0) {
        eng_free(e);
        return NULL;
    }
    if (!duk_get_prop_string(e->ctx, -1, "dispatch") || !duk_is_function(e->ctx, -1)) {
        snprintf(err, errlen, "runtime defines no dispatch function");
        eng_free(e);
        return NULL;
    }
    /* Keep dispatch and the global reachable from the stash, so their heap
     * pointers stay valid for the life of the heap. */
    e->dispatch = duk_get_heapptr(e->ctx, -1);
    duk_push_heap_stash(e->ctx);
    duk_dup(e->ctx, -2);
    duk_put_prop_string(e->ctx, -2, "dispatch");
    duk_push_global_object(e->ctx);
    e->global = duk_get_heapptr(e->ctx, -1);
    duk_put_prop_string(e->ctx, -2, "global");
    duk_set_top(e->ctx, 0);
    duk_gc(e->ctx, 0);
    e->gc_base = e->used;
    return e;
}

void eng_free(eng *e)
{
    if (e == NULL)
        return;
    if (e->front)
        duk_destroy_heap(e->front);
    if (e->ctx)
        duk_destroy_heap(e->ctx);
    free(e);
}

/* --- one request --- */

/* The path to route, still percent-encoded: REQUEST_URI without its query,
 * less INVOKE_BASE (a folder the web server maps onto the functions), or
 * less SCRIPT_NAME when the server ran us as a script with PATH_INFO (CGI,
 * mod_fcgid).  Returns 0, or -1 when the path does not fit. */
static int route_path(const cgi_vars *v, char *out, size_t cap)
{
    const char *uri = v->uri, *base = v->invoke_base;
    const char *script = v->script_name, *info = v->path_info;
    size_t n, bl;

    if (uri == NULL || *uri == '\0')
        uri = info && *info ? info : "/";
    n = strcspn(uri, "?#");
    if (base && (bl = strlen(base)) > 0 && base[bl - 1] == '/')
        bl--;
    else if (base == NULL && info && *info && script && *script)
        base = script, bl = strlen(script);
    else
        bl = base ? strlen(base) : 0;
    if (bl > 0 && n >= bl && strncmp(uri, base, bl) == 0 &&
        (n == bl || uri[bl] == '/')) {
        uri += bl;
        n -= bl;
    }
    if (n == 0) {
        uri = "/";
        n = 1;
    }
    if (n >= cap)
        return -1;
    memcpy(out, uri, n);
    out[n] = '\0';
    return 0;
}

/* [ ... ] -> [ ... thread ]: a thread whose global is a fresh object that
 * inherits from the frozen base global. */
static duk_context *push_request_thread(eng *e)
{
    duk_context *t;

    duk_push_thread(e->ctx);
    t = duk_get_context(e->ctx, -1);
    duk_push_object(t);
    duk_push_heapptr(t, e->global);
    duk_set_prototype(t, -2);
    /* globalThis and Node's `global` must name this request's object, not
     * the frozen one they would inherit. */
    /* Defined, not assigned: the inherited ones are frozen. */
    duk_push_string(t, "globalThis");
    duk_dup(t, -2);
    duk_def_prop(t, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WRITABLE |
                        DUK_DEFPROP_SET_CONFIGURABLE);
    duk_push_string(t, "global");
    duk_dup(t, -2);
    duk_def_prop(t, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WRITABLE |
                        DUK_DEFPROP_SET_CONFIGURABLE);
    duk_set_global_object(t);
    return t;
}

/* [ ... ] -> [ ... ]: the request's global loses globalThis and global,
 * which name it: a cycle that would keep it, and every module scope of the
 * request, for a collection.  Under duk_safe_call: a function may have made
 * them non-configurable, and then the collection frees them after all. */
static duk_ret_t cut_global(duk_context *t, void *udata)
{
    (void) udata;
    duk_push_global_object(t);
    duk_del_prop_string(t, -1, "globalThis");
    duk_del_prop_string(t, -1, "global");
    return 0;
}

struct dispatch_args {
    eng *e;
    const eng_request *r;
    const rt_match *m;
    const char *path;
};

/* [ ] -> [ result ]: builds the arguments and calls rt.dispatch, under
 * duk_safe_call so that nothing here can throw past the engine.  Of the
 * CGI variables only the four every request reads are passed; the rest
 * come from sys.env / sys.envVar (js_sys.c) when something asks. */
static duk_ret_t run_dispatch(duk_context *t, void *udata)
{
    const struct dispatch_args *a = udata;
    const eng_request *r = a->r;
    const rt_match *m = a->m;
    int i;

    duk_push_heapptr(t, a->e->dispatch);
    duk_push_number(t, (double) a->e->host.seq);
    if (r->body_len > 0) {
        void *b = duk_push_fixed_buffer(t, r->body_len);
        memcpy(b, r->body, r->body_len);
        duk_push_buffer_object(t, -1, 0, r->body_len, DUK_BUFOBJ_NODEJS_BUFFER);
        duk_remove(t, -2);
    } else {
        duk_push_undefined(t);
    }
    duk_push_string(t, m->file);
    duk_push_string(t, m->rel);
    duk_push_bare_object(t);
    for (i = 0; i < m->nparams; i++) {
        duk_push_string(t, m->params[i].value);
        duk_put_prop_string(t, -2, m->params[i].name);
    }
    duk_push_string(t, a->path);
    jsys_push_var(t, r->vars->uri);
    jsys_push_var(t, r->vars->method);
    jsys_push_var(t, r->vars->protocol);
    jsys_push_var(t, r->vars->content_type);
    duk_call(t, 10);
    return 1;
}

/* Calls rt.dispatch(seq, body, file, rel, params, path, REQUEST_URI,
 * REQUEST_METHOD, SERVER_PROTOCOL, CONTENT_TYPE) in thread t and
 * logs what escaped it.  Returns 0, or non-zero when it threw. */
static int call_dispatch(eng *e, duk_context *t, const eng_request *r,
                         const rt_match *m, const char *path)
{
    struct dispatch_args a = { e, r, m, path };
    int rc = duk_safe_call(t, run_dispatch, &a, 0, 1);

    if (rc != 0 && !e->timed_out && !e->out_of_memory) {
        const char *s = duk_safe_to_stacktrace(t, -1);
        log_console("error", m->rel, r->id, s, strlen(s));
    }
    duk_pop(t);
    return rc;
}

int eng_handle(eng *e, const eng_request *r)
{
    char path[PATH_MAX], why[256];
    const char *root = r->root ? r->root : e->cfg.root;
    const char *method = r->vars->method;
    static rt_match m;      /* PATH_MAX-sized: keep it off the stack */
    static unsigned long seq;   /* numbers the requests for sys.env */
    rt_status st;
    duk_context *t;
    long retry = 0;

    why[0] = '\0';
    if (root == NULL) {
        log_sys("error", "no functions root: give --root or INVOKE_ROOT");
        http_send_error(r->io, 500, NULL, NULL);
        return 500;
    }
    if (route_path(r->vars, path, sizeof path) < 0) {
        http_send_error(r->io, 414, NULL, NULL);
        return 414;
    }
    /* the administrator's limits (ratelimit.h), before any JavaScript */
    if (rl_check(root, path, r->vars->remote_addr, &retry) == RL_DENY) {
        char hdr[64];

        snprintf(hdr, sizeof hdr, "Retry-After: %ld\r\n", retry);
        http_send_error(r->io, 429, NULL, hdr);
        return 429;
    }
    st = rt_resolve(root, path, &m, why, sizeof why);
    if (st != RT_OK) {
        if (st == RT_FORBIDDEN)
            log_console("warn", "-", r->id, why, strlen(why));
        else if (st == RT_ERR)
            log_sys("error", "functions root %s: %s", root, why);
        http_send_error(r->io, st == RT_ERR ? 500 : 404, NULL, NULL);
        return st == RT_ERR ? 500 : 404;
    }

    memset(&e->host, 0, sizeof e->host);
    e->host.cfg = &e->cfg;
    e->host.heap_used = &e->used;
    e->host.io = r->io;
    e->host.root = root;
    e->host.func = m.rel;
    e->host.reqid = r->id;
    e->host.vars = r->vars;
    e->host.seq = ++seq;
    e->host.file = m.file;
    e->host.file_st = &m.st;
    e->host.head_only = method && strcmp(method, "HEAD") == 0;
    if (e->cfg.timeout > 0)
        e->host.deadline = now_ms() + e->cfg.timeout * 1000.0;
    e->timed_out = e->out_of_memory = 0;

    t = push_request_thread(e);
    if (e->cfg.memory_limit)
        e->limit = e->used + e->cfg.memory_limit;
    call_dispatch(e, t, r, &m, path);
    (void) duk_safe_call(t, cut_global, NULL, 0, 1);
    duk_pop(t);
    /* The runtime's loop also stops at the deadline while it sleeps, without
     * the interrupt counter having fired: both count as a timeout. */
    if (e->host.deadline > 0 && now_ms() >= e->host.deadline)
        e->timed_out = 1;
    if (e->timed_out || e->out_of_memory) {
        const char *what = e->timed_out ? "execution time limit reached" :
                                          "memory limit reached";
        log_console("error", m.rel, r->id, what, strlen(what));
    }
    if (e->host.status == 0) {
        /* dispatch always answers; reaching here means the runtime itself
         * was stopped (time, memory) before it could. */
        e->host.status = e->timed_out ? 504 : 500;
        http_send_error(r->io, e->host.status, NULL, NULL);
    }
    e->limit = 0;
    e->host.deadline = 0;
    duk_pop(e->ctx);
    if (e->out_of_memory || e->timed_out) {
        duk_gc(e->ctx, 0);
        e->gc_base = e->used;
    }
    e->host.io = NULL;
    e->host.vars = NULL;
    e->host.file_st = NULL;
    return e->host.status ? e->host.status : 500;
}

/* The runtime's own part of a request leaves no cycles (doc/internals.md,
 * "Nothing left for the collector"), but what a function makes cyclic
 * itself (functions declared at module level, objects pointing at each
 * other) reference counting leaves to mark-and-sweep, which Duktape runs
 * by itself only after ~50 allocations per live object: with the cycles
 * the runtime used to leave, ~1,000 requests' worth, 20+ MB to sweep in
 * one pause of ~29M instructions in the middle of some request
 * (callgrind).  Collecting once the heap has doubled since the last
 * collection (and grown by ENG_GC_SLACK at least) keeps both the heap and
 * each pause small: each one marks the live heap once and frees about as
 * much garbage.  Called between requests, a pause is nobody's latency when
 * the worker is idle.
 * Under load it is not idle: with the pause at whatever request came next
 * (8M instructions, 2-10 ms of wall clock on the shared bench machine),
 * p99 through nginx was 5-6 ms against PHP-FPM's 3.  A worker under load
 * still finds the queue empty after ~2 % of its requests (measured: 603
 * of 33,341), so a collection may wait for such a moment: it is due
 * (ENG_GC_SOON) once the heap has grown by half the step, and cannot wait
 * (ENG_GC_NOW) past a whole step.  A pause costs ~0.3 ms plus ~1.8 ms per
 * MB of garbage (CPU), and a worker whose queue seldom empties (counter:
 * up to all but a few of its collections) paid the longest ones when it
 * could wait up to one and a half steps (doc/internals.md, "The longest
 * pauses"). */
#define ENG_GC_SLACK (1024 * 1024)

int eng_gc_due(const eng *e)
{
    size_t step = e->gc_base > ENG_GC_SLACK ? e->gc_base : ENG_GC_SLACK;

    if (e->used > e->gc_base + step)
        return ENG_GC_NOW;
    return e->used > e->gc_base + step / 2 ? ENG_GC_SOON : ENG_GC_NONE;
}

static void eng_drop_front(eng *e)
{
    if (e->front && now_ms() - e->front_used > ENG_FRONT_KEEP_MS) {
        duk_destroy_heap(e->front);
        e->front = NULL;
        malloc_trim(0);     /* its megabytes back to the system */
    }
}

void eng_idle(eng *e)
{
    eng_drop_front(e);
    if (eng_gc_due(e) != ENG_GC_NONE) {
        duk_gc(e->ctx, 0);
        e->gc_base = e->used;
    }
}

/* The garbage freed by the last collection stays in malloc's free lists,
 * resident, for the next requests to reuse; a worker left idle gives it
 * back.  Not after every collection: refaulting the pages costs the next
 * requests ~1 us each. */
void eng_rest(eng *e)
{
    eng_drop_front(e);
    if (e->used > e->gc_base) {
        duk_gc(e->ctx, 0);
        e->gc_base = e->used;
    }
    malloc_trim(0);
}

/* --- invoke exec: a plain script with the whole runtime --- */

struct exec_args {
    eng *e;
    const char *file;
    char **argv;
    int argc, compile;
};

/* [ ] -> [ status ]: rt.dispatch(null, argv, file, mode) hands over to
 * rt.exec (front-exec.js). */
static duk_ret_t run_exec(duk_context *t, void *udata)
{
    const struct exec_args *a = udata;
    int i;

    duk_push_heapptr(t, a->e->dispatch);
    duk_push_null(t);
    duk_push_array(t);
    for (i = 0; i < a->argc; i++) {
        duk_push_string(t, a->argv[i]);
        duk_put_prop_index(t, -2, (duk_uarridx_t) i);
    }
    duk_push_string(t, a->file);
    duk_push_string(t, a->compile ? "compile" : "exec");
    duk_call(t, 4);
    return 1;
}

int eng_exec(eng *e, const char *file, int argc, char **argv, int compile)
{
    char real[PATH_MAX], dir[PATH_MAX], *slash;
    struct exec_args a = { e, real, argv, argc, compile };
    duk_context *t;
    int status;

    if (realpath(file, real) == NULL) {
        fprintf(stderr, "invoke: %s: %s\n", file, strerror(errno));
        return 1;
    }
    snprintf(dir, sizeof dir, "%s", real);
    slash = strrchr(dir, '/');
    if (slash != NULL)
        *(slash == dir ? slash + 1 : slash) = '\0';
    memset(&e->host, 0, sizeof e->host);
    e->host.cfg = &e->cfg;
    e->host.heap_used = &e->used;
    e->host.root = dir;
    e->host.func = real + strlen(dir) + (dir[1] != '\0');
    e->host.reqid = "exec";
    if (e->cfg.timeout > 0)
        e->host.deadline = now_ms() + e->cfg.timeout * 1000.0;
    e->timed_out = e->out_of_memory = 0;
    t = push_request_thread(e);
    if (duk_safe_call(t, run_exec, &a, 0, 1) != 0) {
        fprintf(stderr, "%s\n", e->timed_out ? "invoke: execution time limit reached" :
                                e->out_of_memory ? "invoke: memory limit reached" :
                                duk_safe_to_stacktrace(t, -1));
        status = 1;
    } else {
        status = duk_get_int_default(t, -1, 1);
    }
    duk_pop(t);
    duk_pop(e->ctx);
    e->host.deadline = 0;
    return status;
}
