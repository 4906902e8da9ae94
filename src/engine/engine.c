/* engine.c - one worker's JavaScript heap, and the run of one request.
 *
 * The engine joins the layers: it owns the worker's heap (heap.c), the
 * runtime evaluated into it (boot.c), the front end (front.c), the store
 * handle (store/kv.h) that the kv binding and the rate limiter share, and
 * the bindings' settings; the request layer hands it a request and the
 * sink its response leaves through.
 *
 * The heap is made once per worker: the runtime (src/runtime, embedded) is
 * evaluated into it and then marked shared by harden.js (what a request
 * changes of it is put back before the next: extend.h).  A request runs in
 * a new Duktape thread whose global object is a fresh, empty object
 * inheriting from that shared global, so builtins resolve through the prototype while
 * anything a function assigns to the global scope lands on the per-request
 * object and is gone with it.  The function's module is loaded anew into
 * that scope on every request (from cached bytecode), so module-level state
 * never survives a request either.  A fresh scope costs well under a
 * microsecond (doc/design.md), which is why no heap is ever rebuilt.
 */
#include "config.h"
#include "engine/engine.h"
#include "bindings/js_crypto.h"
#include "bindings/js_zlib.h"
#include "bindings/js_icu.h"
#include "bindings/js_os.h"
#include "bindings/js_fetch.h"
#include "bindings/js_bigint.h"
#include "bindings/js_files.h"
#include "bindings/js_json.h"
#include "bindings/js_kv.h"
#include "bindings/js_module.h"
#include "bindings/js_sys.h"
#include "common/log.h"
#include "common/now.h"
#include "engine/boot.h"
#include "engine/extend.h"
#include "engine/front.h"
#include "engine/heap.h"
#include "engine/ratelimit.h"
#include "engine/settings.h"
#include "engine/access.h"
#include "router/router.h"
#include "store/bytecode.h"
#include "store/kv.h"

#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Roots a worker follows at once (sites under INVOKE_ROOT); more only
 * costs a module cache that is not pruned when their releases change. */
#define ENG_ROOTS 8

struct eng {
    duk_context *ctx;
    eng_config cfg;
    js_host host;           /* the request in progress, as the bindings see it */
    heap_state heap;
    front front;
    void *dispatch;         /* rt.dispatch, kept alive by the heap stash */
    void *global;           /* the shared base global object */
    kv *store;              /* the worker's store handle (--data), or NULL */
    char store_why[300];    /* why there is none */
    char kv_for[PATH_MAX];  /* the site or name kv.scope was made for ... */
    int kv_named;           /* ... and which of the two */
    kv_scope rl_scope;      /* the rate limiter's namespace of the same */
    const char *last_func;  /* eng_last_function: the last request's file, or NULL */
    kv_scope keys_scope;    /* access keys' namespace of the same */
    js_kv_opts kv;          /* the bindings' settings, for the heap's life */
    js_sys_opts sys;
    js_module_opts module;
    struct {                /* the real folder each root was found at last */
        char *given, *real;
    } roots[ENG_ROOTS];
};

/* Opens the store of --data (after fork: each worker opens its own handle,
 * once, as Berkeley DB requires); without one, kv says why. */
static void eng_open_store(eng *e)
{
    char err[256];

    if (e->cfg.data == NULL) {
        snprintf(e->store_why, sizeof e->store_why,
                 "the responder was started without --data, so there is no store");
        return;
    }
    e->store = kv_open(e->cfg.data, err, sizeof err);
    if (e->store == NULL) {
        log_sys("error", "kv store %s: %s", e->cfg.data, err);
        snprintf(e->store_why, sizeof e->store_why, "the store could not be opened: %s", err);
    }
}

/* [ sys ] -> [ sys ]: every binding's natives and settings. */
static void eng_bind(eng *e)
{
    e->sys.dev = e->cfg.dev;
    e->sys.trust_proxy = e->cfg.trust_proxy;
    e->sys.env = e->cfg.env;
    e->module.data = e->cfg.data;
    e->module.lower = front_lower;
    e->module.lower_ud = &e->front;
    e->kv.store = e->store;
    e->kv.why = e->store_why;
    snprintf(e->kv.scope_err, sizeof e->kv.scope_err, "no functions root for this request");
    js_sys_init(e->ctx, &e->host, &e->sys);
    js_json_init(e->ctx, &e->host);
    js_files_init(e->ctx, &e->host);
    js_module_init(e->ctx, &e->host, &e->module);
    js_kv_init(e->ctx, &e->host, &e->kv);
    js_crypto_init(e->ctx, &e->host);
    js_icu_init(e->ctx, &e->host);
    js_os_init(e->ctx, &e->host);
    js_fetch_init(e->ctx, &e->host, &e->cfg.net);
    js_bigint_init(e->ctx, &e->host);
    js_zlib_init(e->ctx, &e->host);
}

/* Moves what version 0.1 kept under the real path of site into the
 * site's scope (kv_scope_adopt), once per worker and site. */
static void eng_kv_adopt(eng *e, const char *site, const kv_scope *sc, const char *ns)
{
    char err[300];
    kv_scope legacy;
    size_t moved = 0;

    if (kv_scope_legacy(&legacy, site, ns, err, sizeof err) != KV_OK)
        return;             /* a root that does not exist left nothing */
    if (kv_scope_adopt(e->store, sc, &legacy, &moved, err, sizeof err) != KV_OK)
        log_sys("error", "kv: taking over the records of %s: %s", site, err);
    else if (moved > 0)
        log_sys("notice", "kv: %zu records of %s%s%s moved from the scope of its real path",
                moved, site, ns ? " " : "", ns ? ns : "");
}

/* The store's scopes for a request: by name (INVOKE_KV_SCOPE, --kv-scope)
 * or by the site's path as given, so a release swapped under a symlink
 * keeps its records.  Made when they change (a failure is kept for kv to
 * report and tried again next time). */
static void eng_kv_scope(eng *e, const char *site, const char *name)
{
    const char *what = name ? name : site;
    char *err = e->kv.scope_err;
    size_t errlen = sizeof e->kv.scope_err;
    int rc;

    if (e->store == NULL || (e->kv_named == (name != NULL) && strcmp(what, e->kv_for) == 0))
        return;
    e->kv_for[0] = '\0';
    rc = name ? kv_scope_named(&e->kv.scope, name, NULL, err, errlen) :
                kv_scope_root(&e->kv.scope, site, NULL, err, errlen);
    if (rc == KV_OK)
        rc = name ? kv_scope_named(&e->rl_scope, name, "rate-limits", err, errlen) :
                    kv_scope_root(&e->rl_scope, site, "rate-limits", err, errlen);
    if (rc == KV_OK)
        rc = name ? kv_scope_named(&e->keys_scope, name, "keys", err, errlen) :
                    kv_scope_root(&e->keys_scope, site, "keys", err, errlen);
    if (rc != KV_OK || strlen(what) >= sizeof e->kv_for)
        return;
    if (!name) {
        eng_kv_adopt(e, site, &e->kv.scope, NULL);
        eng_kv_adopt(e, site, &e->rl_scope, "rate-limits");
    }
    err[0] = '\0';
    e->kv_named = name != NULL;
    memcpy(e->kv_for, what, strlen(what) + 1);
}

int eng_replicate(const char *self, const char *const *peers, int npeers, int priority, int acks,
                  double timeout, char *err, size_t errlen)
{
    kv_repl r;
    int i;

    memset(&r, 0, sizeof r);
    r.self = self;
    for (i = 0; i < npeers && i < KV_MAX_PEERS; i++)
        r.peers[i] = peers[i];
    r.npeers = npeers;
    r.priority = priority;
    r.acks = acks;
    /* a write waits at most half the request's limit (5 s at most), so the
     * request still answers its 503 in time */
    r.wait_ms = timeout > 0 && timeout < 10 ? (int) (timeout * 500) : 5000;
    if (r.wait_ms < 100)
        r.wait_ms = 100;
    return kv_repl_setup(self ? &r : NULL, err, errlen) == KV_OK ? 0 : -1;
}

int eng_repl_acks(const char *name)
{
    return kv_repl_acks(name);
}

int eng_repl_serve(const char *data, volatile int *stop)
{
    return kv_repl_serve(data, stop);
}

int eng_repl_status(const char *data, char *buf, size_t len)
{
    char err[300];

    return data != NULL && kv_repl_status(data, buf, len, err, sizeof err) == KV_OK;
}

int eng_kv_scope_check(const char *name, char *err, size_t errlen)
{
    kv_scope sc;

    return kv_scope_named(&sc, name, NULL, err, errlen) == KV_OK ? 0 : -1;
}

struct kv *eng_store(eng *e)
{
    return e->store;
}

/* The bindings' view of no request yet: only what the heap tells. */
static void eng_reset_host(eng *e)
{
    memset(&e->host, 0, sizeof e->host);
    e->host.heap_used = &e->heap.used;
    e->host.deadline = &e->heap.deadline;
}

/* [ ] -> [ ]: the shared objects the last request changed, back as they
 * were (extend.h). */
static duk_ret_t eng_restore_shared(duk_context *ctx, void *udata)
{
    (void) udata;
    extend_restore(ctx);
    return 0;
}

eng *eng_new(const eng_config *c, char *err, size_t errlen)
{
    eng *e = calloc(1, sizeof *e);

    if (e == NULL) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    e->cfg = *c;
    e->front.heap = &e->heap;
    e->front.data = e->cfg.data;
    eng_reset_host(e);
    e->ctx = heap_create(&e->heap);
    if (e->ctx == NULL) {
        snprintf(err, errlen, "cannot create the JavaScript heap");
        free(e);
        return NULL;
    }
    eng_open_store(e);
    /* [ sys rt ] */
    duk_push_bare_object(e->ctx);
    eng_bind(e);
    duk_push_bare_object(e->ctx);
    if (boot_runtime(e->ctx, e->cfg.data, 0, err, errlen) < 0) {
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
    heap_collect(e->ctx, &e->heap);
    return e;
}

/* The heap first (nothing can reach the store after it), then the store:
 * a process that leaves the environment without closing it makes the next
 * one to open run recovery. */
void eng_free(eng *e)
{
    int i;

    if (e == NULL)
        return;
    for (i = 0; i < ENG_ROOTS; i++) {
        free(e->roots[i].given);
        free(e->roots[i].real);
    }
    front_free(&e->front);
    if (e->ctx)
        duk_destroy_heap(e->ctx);
    kv_close(e->store);
    free(e);
}

/* --- one request --- */

/* The path to route, still percent-encoded: REQUEST_URI without its query,
 * less INVOKE_BASE (a folder the web server maps onto the functions), or
 * less SCRIPT_NAME when the server ran us as a script with PATH_INFO (CGI,
 * mod_fcgid).  Returns 0, or -1 when the path does not fit. */
static int eng_route_path(const cgi_vars *v, char *out, size_t cap)
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
 * inherits from the shared base global. */
static duk_context *eng_push_thread(eng *e)
{
    duk_context *t;

    duk_push_thread(e->ctx);
    t = duk_get_context(e->ctx, -1);
    duk_push_object(t);
    duk_push_heapptr(t, e->global);
    duk_set_prototype(t, -2);
    /* globalThis and Node's `global` must name this request's object, not
     * the shared one they would inherit.  Defined, not assigned: an
     * assignment would consult the inherited property first. */
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
static duk_ret_t eng_cut_global(duk_context *t, void *udata)
{
    (void) udata;
    duk_push_global_object(t);
    duk_del_prop_string(t, -1, "globalThis");
    duk_del_prop_string(t, -1, "global");
    return 0;
}

struct eng_dispatch_args {
    eng *e;
    const eng_request *r;
    const route_match *m;
    const char *path;
    size_t mountlen;            /* of path: the file's own route */
    int below;                  /* path lies below that route */
    const settings *set;        /* the file's _settings.json (env) */
    const char *auth_type;      /* what access let the request in by, or NULL */
    const char *auth_id;
    const char *auth_json;      /* what the store says of the key (JSON) */
};

/* [ ] -> [ result ]: builds the arguments and calls rt.dispatch, under
 * duk_safe_call so that nothing here can throw past the engine.  Of the
 * CGI variables only the four every request reads are passed; the rest
 * come from sys.env / sys.envVar (js_sys.c) when something asks. */
static duk_ret_t eng_run_dispatch(duk_context *t, void *udata)
{
    const struct eng_dispatch_args *a = udata;
    const eng_request *r = a->r;
    const route_match *m = a->m;
    int i;

    duk_push_heapptr(t, a->e->dispatch);
    duk_push_number(t, (double) a->e->host.seq);
    if (r->in != NULL) {
        /* null: a body the runtime reads when the function asks for it
         * (sys.bodyRead, sys.bodyAll) */
        if (r->in->length != 0)
            duk_push_null(t);
        else
            duk_push_undefined(t);
    } else if (r->body_len > 0) {
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
    js_host_push_var(t, r->vars->uri);
    js_host_push_var(t, r->vars->method);
    js_host_push_var(t, r->vars->protocol);
    js_host_push_var(t, r->vars->content_type);
    if (a->mountlen > 0)
        duk_push_lstring(t, a->path, a->mountlen);
    else
        duk_push_string(t, "/");
    duk_push_boolean(t, a->below);
    if (a->set->nenv > 0) {
        duk_push_bare_object(t);
        for (i = 0; i < a->set->nenv; i++) {
            duk_push_string(t, a->set->env_value[i]);
            duk_put_prop_string(t, -2, a->set->env_name[i]);
        }
    } else {
        duk_push_undefined(t);
    }
    if (a->auth_type != NULL) {
        duk_push_bare_object(t);
        duk_push_string(t, a->auth_type);
        duk_put_prop_string(t, -2, "type");
        duk_push_string(t, a->auth_id);
        duk_put_prop_string(t, -2, "id");
        duk_push_string(t, a->auth_json ? a->auth_json : "null");
        duk_put_prop_string(t, -2, "json");
    } else {
        duk_push_undefined(t);
    }
    duk_call(t, 14);
    return 1;
}

/* Calls rt.dispatch(seq, body, file, rel, params, path, REQUEST_URI,
 * REQUEST_METHOD, SERVER_PROTOCOL, CONTENT_TYPE, mount, below, env, auth)
 * in thread t and logs what escaped it.  Returns 0, or non-zero when it
 * threw. */
static int eng_call_dispatch(eng *e, duk_context *t, const eng_request *r,
                         const route_match *m, const char *path, size_t mountlen,
                         int below, const settings *set, const char *const *auth)
{
    struct eng_dispatch_args a = { e, r, m, path, mountlen, below, set, auth[0], auth[1], auth[2] };
    int rc = duk_safe_call(t, eng_run_dispatch, &a, 0, 1);

    if (rc != 0 && !e->heap.timed_out && !e->heap.out_of_memory) {
        const char *s = duk_safe_to_stacktrace(t, -1);
        log_console("error", m->rel, r->id, s, strlen(s));
    }
    duk_pop(t);
    return rc;
}

/* The real folder of `given` for this request into real (PATH_MAX).  A
 * root whose real folder changed since its last request (a release
 * swapped under a symlink) leaves the previous folder's modules out of the
 * module cache: requests already running there are done (one at a time
 * per worker), and they would only hold memory.  0, or -1 after logging. */
static int eng_real_root(eng *e, const char *given, char *real)
{
    int i, free_slot = -1;

    if (route_root(given, real) < 0) {
        log_sys("error", "functions root %s: %s", given, strerror(errno));
        return -1;
    }
    for (i = 0; i < ENG_ROOTS; i++) {
        if (e->roots[i].given == NULL) {
            if (free_slot < 0)
                free_slot = i;
            continue;
        }
        if (strcmp(e->roots[i].given, given) != 0)
            continue;
        if (strcmp(e->roots[i].real, real) != 0) {
            char *now = strdup(real);

            if (now == NULL)
                return 0;
            js_module_forget(e->ctx, e->roots[i].real);
            free(e->roots[i].real);
            e->roots[i].real = now;
        }
        return 0;
    }
    if (free_slot >= 0) {
        char *g = strdup(given), *rp = strdup(real);

        if (g != NULL && rp != NULL) {
            e->roots[free_slot].given = g;
            e->roots[free_slot].real = rp;
        } else {
            free(g);
            free(rp);
        }
    }
    return 0;
}

/* The response of a folder with cors settings: every head that leaves,
 * the function's own or an error's, carries the CORS headers; any
 * Access-Control-* header the function set itself gives way to them, so
 * a function cannot widen what the administrator allowed. */
struct eng_cors_io {
    http_io io;
    const http_io *inner;
    const char *extra;
};

static int eng_cors_head(void *ud, int status, const char *headers, size_t len)
{
    struct eng_cors_io *c = ud;
    size_t el = strlen(c->extra), o = 0, i = 0;
    char *buf = malloc(len + el + 1);
    int rc;

    if (buf == NULL)
        return c->inner->head(c->inner->ud, status, headers, len);
    while (i < len) {
        const char *nl = memchr(headers + i, '\n', len - i);
        size_t n = nl ? (size_t) (nl - (headers + i)) + 1 : len - i;
        if (!(n >= 15 && strncasecmp(headers + i, "Access-Control-", 15) == 0)) {
            memcpy(buf + o, headers + i, n);
            o += n;
        }
        i += n;
    }
    memcpy(buf + o, c->extra, el);
    rc = c->inner->head(c->inner->ud, status, buf, o + el);
    free(buf);
    return rc;
}

static int eng_cors_body(void *ud, const char *data, size_t len)
{
    struct eng_cors_io *c = ud;

    return c->inner->body(c->inner->ud, data, len);
}

static int eng_cors_flush(void *ud)
{
    struct eng_cors_io *c = ud;

    return c->inner->flush(c->inner->ud);
}

static size_t eng_cors_queued(void *ud)
{
    struct eng_cors_io *c = ud;

    return c->inner->queued ? c->inner->queued(c->inner->ud) : 0;
}

static int eng_cors_wait(void *ud, double ms, size_t low)
{
    struct eng_cors_io *c = ud;

    return c->inner->wait ? c->inner->wait(c->inner->ud, ms, low) : 0;
}

int eng_handle(eng *e, const eng_request *r)
{
    char path[PATH_MAX], why[256], real[PATH_MAX];
    const char *root = r->root ? r->root : e->cfg.root;
    const char *site = r->site ? r->site : root;
    const char *method = r->vars->method;
    static route_match m;      /* PATH_MAX-sized: keep it off the stack */
    static unsigned long seq;   /* numbers the requests for sys.env */
    route_status st;
    duk_context *t;
    long retry = 0;
    size_t mountlen;
    int below = 0;
    static settings set;       /* ~5 KB: off the stack too */
    static char cors[2048];
    static struct eng_cors_io cio;
    static char key_json[512], key_id[256];
    static char *claims;       /* a JWT's payload, kept to the next request */
    const char *auth[3] = { NULL, NULL, NULL };
    const http_io *io;
    double timeout;
    size_t memory_limit;

    why[0] = '\0';
    e->last_func = NULL;
    if (root == NULL) {
        log_sys("error", "no functions root: give --root or INVOKE_ROOT");
        http_send_error(r->io, 500, NULL, NULL);
        return 500;
    }
    if (eng_real_root(e, root, real) < 0) {
        http_send_error(r->io, 500, NULL, NULL);
        return 500;
    }
    root = real;
    if (eng_route_path(r->vars, path, sizeof path) < 0) {
        http_send_error(r->io, 414, NULL, NULL);
        return 414;
    }
    eng_kv_scope(e, site,
                 r->vars->invoke_kv_scope && *r->vars->invoke_kv_scope ?
                 r->vars->invoke_kv_scope : e->cfg.kv_scope);
    /* the administrator's limits (ratelimit.h), before any JavaScript */
    if (!r->internal && rl_check(e->store, e->kv.scope_err[0] ? NULL : &e->rl_scope, root, path,
                                 r->vars->remote_addr, &retry) == RL_DENY) {
        char hdr[64];

        snprintf(hdr, sizeof hdr, "Retry-After: %ld\r\n", retry);
        http_send_error(r->io, 429, NULL, hdr);
        return 429;
    }
    st = route_resolve(root, path, &m, why, sizeof why);
    mountlen = strlen(path);
    if (mountlen > 1 && path[mountlen - 1] == '/')
        mountlen--;             /* /api/ is the route /api */
    else if (mountlen == 1)
        mountlen = 0;           /* "/" */
    /* nothing for the whole path: a file above it may answer (its export
     * a router); the runtime tells, and answers 404 when it is not */
    if (st == ROUTE_NOT_FOUND && (st = route_resolve_below(root, path, &m, &mountlen, why,
                                                           sizeof why)) == ROUTE_OK)
        below = 1;
    if (st != ROUTE_OK) {
        if (st == ROUTE_FORBIDDEN)
            log_console("warn", "-", r->id, why, strlen(why));
        else if (st == ROUTE_ERR)
            log_sys("error", "functions root %s: %s", root, why);
        http_send_error(r->io, st == ROUTE_ERR ? 500 : 404, NULL, NULL);
        return st == ROUTE_ERR ? 500 : 404;
    }
    e->last_func = m.rel;       /* from here on, the request is this function's */

    /* the folder's _settings.json, before any JavaScript: a broken one
     * refuses (never serves as if open), then methods and body size */
    set_resolve(root, m.rel, &set);
    if (set.failed) {
        log_console("error", m.rel, r->id, set.why, strlen(set.why));
        http_send_error(r->io, 500, NULL, NULL);
        return 500;
    }
    io = r->io;
    if (set.cors != NULL) {
        const char *origin = cgi_get(r->vars, "HTTP_ORIGIN");
        const char *asked = cgi_get(r->vars, "HTTP_ACCESS_CONTROL_REQUEST_METHOD");

        /* a browser's preflight is answered here, whatever the function
         * would say to OPTIONS: it carries no credentials to check */
        if (origin && asked && method && strcmp(method, "OPTIONS") == 0) {
            if (set_cors_headers(set.cors, origin, asked,
                                 cgi_get(r->vars, "HTTP_ACCESS_CONTROL_REQUEST_HEADERS"),
                                 cors, sizeof cors) == SET_CORS_PREFLIGHT_OK) {
                if (r->io->head(r->io->ud, 204, cors, strlen(cors)) == 0)
                    r->io->flush(r->io->ud);
                return 204;
            }
            http_send_error(r->io, 403, "CORS preflight refused", cors);
            return 403;
        }
        set_cors_headers(set.cors, origin, NULL, NULL, cors, sizeof cors);
        cio.io.ud = &cio;
        cio.io.head = eng_cors_head;
        cio.io.body = eng_cors_body;
        cio.io.flush = eng_cors_flush;
        cio.io.queued = eng_cors_queued;
        cio.io.wait = eng_cors_wait;
        cio.inner = r->io;
        cio.extra = cors;
        io = &cio.io;
    }
    /* who may call, before anything runs (a scheduled run is the
     * administrator's own: no client to ask for a key) */
    if (r->internal) {
        /* req.auth stays undefined */
    } else if (set.access == SET_ACCESS_KEYS) {
        char err[256];
        int rc = acc_check_key(e->store, e->kv.scope_err[0] ? NULL : &e->keys_scope, m.rel,
                               set.access_dir, r->vars, key_json, sizeof key_json, key_id,
                               err, sizeof err);

        if (rc == ACC_ERR) {
            log_console("error", m.rel, r->id, err, strlen(err));
            http_send_error(io, 500, NULL, NULL);
            return 500;
        }
        if (rc == ACC_DENY) {
            http_send_error(io, 401, NULL, "WWW-Authenticate: Bearer realm=\"invoke\"\r\n");
            return 401;
        }
        auth[0] = "key";
        auth[1] = key_id;
        auth[2] = key_json;
    } else if (set.access == SET_ACCESS_BASIC || set.access == SET_ACCESS_JWT) {
        char err[PATH_MAX + 256], base[PATH_MAX], file[PATH_MAX];
        const char *name = set.access == SET_ACCESS_BASIC ? set.basic_file : set.jwt_jwks;
        int rc = ACC_ERR;
        size_t rl = strlen(root);

        /* the password file lies beside the settings that name it, and
         * inside the root */

        free(claims);
        claims = NULL;
        if (name == NULL) {
            rc = acc_check_jwt_url(set.jwt_jwks_url, &e->cfg.net, set.jwt_issuer, set.jwt_audience,
                                   set.jwt_algs, r->vars, key_id, sizeof key_id, &claims, err,
                                   sizeof err);
        } else if (rl + 1 + set.access_dir >= sizeof base) {
            snprintf(err, sizeof err, "%s: path too long", name);
        } else {
            memcpy(base, root, rl);
            base[rl] = '/';
            memcpy(base + rl + 1, m.rel, set.access_dir);
            base[rl + 1 + set.access_dir] = '\0';
            if (route_confine(root, base, name, file) < 0)
                snprintf(err, sizeof err, "%s/%s: %s", base, name,
                         errno == EACCES ? "outside the root" : strerror(errno));
            else if (set.access == SET_ACCESS_BASIC)
                rc = acc_check_basic(file, r->vars, key_id, sizeof key_id, err, sizeof err);
            else
                rc = acc_check_jwt(file, set.jwt_issuer, set.jwt_audience, set.jwt_algs, r->vars,
                                   key_id, sizeof key_id, &claims, err, sizeof err);
        }
        if (rc == ACC_ERR) {
            log_console("error", m.rel, r->id, err, strlen(err));
            http_send_error(io, 500, NULL, NULL);
            return 500;
        }
        if (rc == ACC_DENY) {
            http_send_error(io, 401, NULL, set.access == SET_ACCESS_BASIC ?
                            "WWW-Authenticate: Basic realm=\"invoke\", charset=\"UTF-8\"\r\n" :
                            "WWW-Authenticate: Bearer realm=\"invoke\"\r\n");
            return 401;
        }
        auth[0] = set.access == SET_ACCESS_BASIC ? "basic" : "jwt";
        auth[1] = key_id;
        auth[2] = claims;
    }
    if (set.methods != 0 && !(set.methods & set_method_bit(method)) &&
        !(method && strcmp(method, "HEAD") == 0 && (set.methods & SET_GET))) {
        char allow[96], hdr[128];

        set_allow(set.methods & SET_GET ? set.methods | SET_HEAD : set.methods, allow, sizeof allow);
        snprintf(hdr, sizeof hdr, "Allow: %s\r\n", allow);
        http_send_error(io, 405, NULL, hdr);
        return 405;
    }
    if (set.max_body >= 0 && (r->in != NULL ? r->in->length > set.max_body :
                              r->body_len > (size_t) set.max_body)) {
        http_send_error(io, 413, NULL, NULL);
        return 413;
    }
    /* a folder may lower the responder's limits, never raise them */
    timeout = e->cfg.timeout;
    if (set.timeout > 0 && (timeout <= 0 || set.timeout < timeout))
        timeout = set.timeout;
    memory_limit = e->cfg.memory_limit;
    if (set.memory_limit > 0 && (memory_limit == 0 || set.memory_limit < memory_limit))
        memory_limit = set.memory_limit;

    /* What the last request changed in the shared built-ins is undone
     * before this one runs (extend.h): here, outside its limits, the one
     * place where no request's code has run since, whatever became of the
     * last one. */
    if (extend_changed(e->ctx)) {
        if (duk_safe_call(e->ctx, eng_restore_shared, NULL, 0, 1) != 0) {
            log_sys("error", "cannot restore the built-ins: %s", duk_safe_to_string(e->ctx, -1));
            duk_pop(e->ctx);
            http_send_error(io, 500, NULL, NULL);
            return 500;
        }
        duk_pop(e->ctx);
    }

    eng_reset_host(e);
    e->host.io = io;
    e->host.root = root;
    e->host.func = m.rel;
    e->host.reqid = r->id;
    e->host.vars = r->vars;
    e->host.seq = ++seq;
    e->host.file = m.file;
    e->host.file_st = &m.st;
    e->host.head_only = method && strcmp(method, "HEAD") == 0;
    e->host.in = r->in;
    /* an undeclared length is held to the folder's limit as it is read */
    e->host.in_max = set.max_body >= 0 ? (size_t) set.max_body : (size_t) -1;
    if (timeout > 0)
        e->heap.deadline = now_ms() + timeout * 1000.0;
    e->heap.timed_out = e->heap.out_of_memory = 0;

    t = eng_push_thread(e);
    if (memory_limit)
        e->heap.limit = e->heap.used + memory_limit;
    eng_call_dispatch(e, t, r, &m, path, mountlen, below, &set, auth);
    (void) duk_safe_call(t, eng_cut_global, NULL, 0, 1);
    duk_pop(t);
    /* The runtime's loop also stops at the deadline while it sleeps, without
     * the interrupt counter having fired: both count as a timeout. */
    if (e->heap.deadline > 0 && now_ms() >= e->heap.deadline)
        e->heap.timed_out = 1;
    if (e->heap.timed_out || e->heap.out_of_memory) {
        const char *what = e->heap.timed_out ? "execution time limit reached" :
                                          "memory limit reached";
        log_console("error", m.rel, r->id, what, strlen(what));
    }
    if (e->host.status == 0) {
        /* dispatch always answers; reaching here means the runtime itself
         * was stopped (time, memory) before it could. */
        e->host.status = e->heap.timed_out ? 504 : 500;
        http_send_error(io, e->host.status, NULL, NULL);
    }
    e->heap.limit = 0;
    e->heap.deadline = 0;
    duk_pop(e->ctx);
    if (e->heap.out_of_memory || e->heap.timed_out)
        heap_collect(e->ctx, &e->heap);
    e->host.io = NULL;
    e->host.vars = NULL;
    e->host.file_st = NULL;
    return e->host.status ? e->host.status : 500;
}

/* Between requests: see heap.c for when a collection is due. */
int eng_gc_due(const eng *e)
{
    int due = heap_gc_due(&e->heap);

    return due == HEAP_GC_NOW ? ENG_GC_NOW : due == HEAP_GC_SOON ? ENG_GC_SOON : ENG_GC_NONE;
}

void eng_idle(eng *e)
{
    front_drop_idle(&e->front);
    if (heap_gc_due(&e->heap) != HEAP_GC_NONE)
        heap_collect(e->ctx, &e->heap);
}

/* The garbage freed by the last collection stays in malloc's free lists,
 * resident, for the next requests to reuse; a worker left idle gives it
 * back.  Not after every collection: refaulting the pages costs the next
 * requests ~1 us each. */
void eng_rest(eng *e)
{
    front_drop_idle(&e->front);
    if (e->heap.used > e->heap.gc_base)
        heap_collect(e->ctx, &e->heap);
    malloc_trim(0);
}

/* --- the bytecode cache's upkeep --- */

/* Borrows data. */
int eng_prune_bytecode(const char *data, unsigned long long max)
{
    char dir[PATH_MAX];
    bc_pruned p;

    if (bc_dir(data, dir, sizeof dir) < 0)
        return -1;
    if (bc_prune(dir, max, &p) < 0) {
        log_sys("warn", "bytecode cache %s: %s", dir, strerror(errno));
        return -1;
    }
    if (p.gone + p.over + p.litter > 0)
        log_sys("notice", "bytecode cache %s: removed %lu files whose source is gone, %lu over "
                "the bound of %llu bytes, %lu temporary or lock files; %llu bytes kept",
                dir, p.gone, p.over, max, p.litter, p.bytes);
    return 0;
}

/* --- invoke deploy: a release compiled before it serves --- */

static duk_ret_t eng_precompile(duk_context *t, void *udata)
{
    js_module_precompile(t, udata);
    return 0;
}

/* Borrows everything; err is the caller's. */
int eng_compile(eng *e, const char *root, const char *file, char *err, size_t errlen)
{
    duk_context *t;
    int rc;

    eng_reset_host(e);
    e->host.root = root;
    e->host.reqid = "deploy";
    e->heap.deadline = 0;
    e->heap.timed_out = e->heap.out_of_memory = 0;
    t = eng_push_thread(e);
    rc = duk_safe_call(t, eng_precompile, (void *) file, 0, 1);
    if (rc != 0)
        snprintf(err, errlen, "%s", e->heap.out_of_memory ? "memory limit reached" :
                                    duk_safe_to_string(t, -1));
    duk_pop(t);
    duk_pop(e->ctx);
    if (e->heap.out_of_memory)
        heap_collect(e->ctx, &e->heap);
    return rc == 0 ? 0 : -1;
}

const char *eng_last_function(const eng *e)
{
    return e->last_func;
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
static duk_ret_t eng_run_exec(duk_context *t, void *udata)
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
    eng_kv_scope(e, dir, e->cfg.kv_scope);
    eng_reset_host(e);
    e->host.root = dir;
    e->host.func = real + strlen(dir) + (dir[1] != '\0');
    e->host.reqid = "exec";
    if (e->cfg.timeout > 0)
        e->heap.deadline = now_ms() + e->cfg.timeout * 1000.0;
    e->heap.timed_out = e->heap.out_of_memory = 0;
    t = eng_push_thread(e);
    if (duk_safe_call(t, eng_run_exec, &a, 0, 1) != 0) {
        fprintf(stderr, "%s\n", e->heap.timed_out ? "invoke: execution time limit reached" :
                                e->heap.out_of_memory ? "invoke: memory limit reached" :
                                duk_safe_to_stacktrace(t, -1));
        status = 1;
    } else {
        status = duk_get_int_default(t, -1, 1);
    }
    duk_pop(t);
    duk_pop(e->ctx);
    e->heap.deadline = 0;
    return status;
}
