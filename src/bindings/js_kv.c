/* js_kv.c - the natives behind the `kv` global: src/js/kv.js validates and
 * JSON-encodes, these move bytes to and from the store of src/store/kv.c.
 *
 * The store's work is synchronous (the runtime has no asynchronous I/O
 * yet); kv.js wraps each result in an already-settled promise.  Every
 * native checks its arguments first, does the database work with nothing
 * but C on the stack (no Duktape call can longjmp out of a live transaction
 * or cursor), and pushes results last.  Failures come back as a string
 * property `error` of the result so the JavaScript side throws them.
 *
 * The handle is opened once per process at init, which the engine runs
 * after fork, and closed by a finalizer when the heap is destroyed: a
 * process that leaves the environment without closing it makes the next
 * one to open run recovery.
 */
#include "config.h"
#include "bindings/js_kv.h"
#include "common/log.h"
#include "store/kv.h"

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define JSKV_PURGE_BATCH 500    /* records per purge pass: bounded work */

static kv *jskv_store;
static char jskv_why[300];      /* why there is no store */

/* The store, scoped to the current request's root; NULL (after pushing an
 * error string) when there is none. */
static kv *jskv_scoped(duk_context *ctx)
{
    jsys_host *h = jsys_host_of(ctx);
    char err[300];

    if (jskv_store == NULL) {
        duk_push_string(ctx, jskv_why);
        return NULL;
    }
    if (h->root == NULL) {
        duk_push_string(ctx, "no functions root for this request");
        return NULL;
    }
    if (kv_use_root(jskv_store, h->root, err, sizeof err) != KV_OK) {
        duk_push_string(ctx, err);
        return NULL;
    }
    return jskv_store;
}

/* A store that needs recovery helps nobody: the process leaves and the
 * supervisor starts one whose open recovers it.  A worker keeps SIGTERM
 * blocked while it serves, so raising it ends the worker gracefully once
 * this response is out; a one-shot process (CGI, invoke run) ends anyway. */
static void jskv_check_fatal(int rc, const char *err)
{
    static int told;
    sigset_t now;

    if (rc != KV_FATAL || told)
        return;
    told = 1;
    log_sys("crit", "process %d: kv store failed (%s); leaving for recovery",
            (int) getpid(), err);
    if (sigprocmask(SIG_BLOCK, NULL, &now) == 0 && sigismember(&now, SIGTERM))
        raise(SIGTERM);
}

/* After the operation, with nothing open: the bounded purge and the
 * periodic checkpoint. */
static void jskv_maintain(kv *s)
{
    char err[300];
    int rc = kv_maintain(s, JSKV_PURGE_BATCH, err, sizeof err);

    if (rc != KV_OK)
        log_sys("error", "kv maintenance: %s", err);
    jskv_check_fatal(rc, err);
}

/* Pushes the error string for rc/err and returns 1 (the native's result). */
static duk_ret_t jskv_fail(duk_context *ctx, int rc, const char *err)
{
    jskv_check_fatal(rc, err);
    duk_push_object(ctx);
    duk_push_sprintf(ctx, "kv: %s", err);
    duk_put_prop_string(ctx, -2, "error");
    return 1;
}

/* Expiry from a TTL in seconds at idx (0 or undefined: never). */
static int64_t jskv_expiry(duk_context *ctx, duk_idx_t idx)
{
    double ttl = duk_get_number_default(ctx, idx, 0);

    return ttl > 0 ? kv_now() + (int64_t) ceil(ttl * 1000.0) : 0;
}

/* kvGet(key) -> JSON text, undefined when absent, or { error }. */
static duk_ret_t jskv_get(duk_context *ctx)
{
    size_t klen, vlen;
    const char *key = duk_require_lstring(ctx, 0, &klen), *val;
    char err[300];
    kv *s = jskv_scoped(ctx);
    int rc;

    if (s == NULL)
        return jskv_fail(ctx, KV_ERR, duk_get_string(ctx, -1));
    rc = kv_get(s, key, klen, &val, &vlen, NULL, err, sizeof err);
    if (rc == KV_NOTFOUND)
        return 0;
    if (rc != KV_OK)
        return jskv_fail(ctx, rc, err);
    /* val stays valid: nothing touches the store before the push copies */
    duk_push_lstring(ctx, val, vlen);
    return 1;
}

/* kvSet(key, json, ttlSeconds) -> undefined or { error }. */
static duk_ret_t jskv_set(duk_context *ctx)
{
    size_t klen, vlen;
    const char *key = duk_require_lstring(ctx, 0, &klen);
    const char *val = duk_require_lstring(ctx, 1, &vlen);
    int64_t exp = jskv_expiry(ctx, 2);
    char err[300];
    kv *s = jskv_scoped(ctx);
    int rc;

    if (s == NULL)
        return jskv_fail(ctx, KV_ERR, duk_get_string(ctx, -1));
    rc = kv_set(s, key, klen, val, vlen, exp, err, sizeof err);
    if (rc != KV_OK)
        return jskv_fail(ctx, rc, err);
    jskv_maintain(s);
    return 0;
}

/* kvDelete(key) -> whether a live record was there, or { error }. */
static duk_ret_t jskv_delete(duk_context *ctx)
{
    size_t klen;
    const char *key = duk_require_lstring(ctx, 0, &klen);
    char err[300];
    kv *s = jskv_scoped(ctx);
    int rc;

    if (s == NULL)
        return jskv_fail(ctx, KV_ERR, duk_get_string(ctx, -1));
    rc = kv_del(s, key, klen, err, sizeof err);
    if (rc != KV_OK && rc != KV_NOTFOUND)
        return jskv_fail(ctx, rc, err);
    jskv_maintain(s);
    duk_push_boolean(ctx, rc == KV_OK);
    return 1;
}

/* kvClear() -> undefined or { error }. */
static duk_ret_t jskv_clear(duk_context *ctx)
{
    char err[300];
    kv *s = jskv_scoped(ctx);
    int rc;

    if (s == NULL)
        return jskv_fail(ctx, KV_ERR, duk_get_string(ctx, -1));
    rc = kv_clear(s, err, sizeof err);
    if (rc != KV_OK)
        return jskv_fail(ctx, rc, err);
    return 0;
}

/* kvIncr(key, by, ttlSeconds) -> the new number, or { error }. */
static duk_ret_t jskv_incr(duk_context *ctx)
{
    size_t klen;
    const char *key = duk_require_lstring(ctx, 0, &klen);
    double by = duk_require_number(ctx, 1), result;
    int64_t exp = jskv_expiry(ctx, 2);
    char err[300];
    kv *s = jskv_scoped(ctx);
    int rc;

    if (s == NULL)
        return jskv_fail(ctx, KV_ERR, duk_get_string(ctx, -1));
    rc = kv_incr(s, key, klen, by, exp, &result, err, sizeof err);
    if (rc != KV_OK)
        return jskv_fail(ctx, rc, err);
    jskv_maintain(s);
    duk_push_number(ctx, result);
    return 1;
}

/* kvRate(key, limit, windowSeconds) -> { allowed, remaining, resetAt }
 * or { error }. */
static duk_ret_t jskv_rate(duk_context *ctx)
{
    size_t klen;
    const char *key = duk_require_lstring(ctx, 0, &klen);
    long limit = (long) duk_require_number(ctx, 1);
    double window = duk_require_number(ctx, 2);
    kv_rate_result r;
    char err[300];
    kv *s = jskv_scoped(ctx);
    int rc;

    if (s == NULL)
        return jskv_fail(ctx, KV_ERR, duk_get_string(ctx, -1));
    rc = kv_rate(s, key, klen, limit, (int64_t) ceil(window * 1000.0), &r, err, sizeof err);
    if (rc != KV_OK)
        return jskv_fail(ctx, rc, err);
    jskv_maintain(s);
    duk_push_object(ctx);
    duk_push_boolean(ctx, r.allowed);
    duk_put_prop_string(ctx, -2, "allowed");
    duk_push_number(ctx, (double) r.remaining);
    duk_put_prop_string(ctx, -2, "remaining");
    duk_push_number(ctx, (double) r.reset_at);
    duk_put_prop_string(ctx, -2, "resetAt");
    return 1;
}

/* [ ] -> [ keys ]: the array of a list result, with .more. */
static duk_ret_t jskv_push_keys(duk_context *ctx, void *udata)
{
    const kv_list_result *r = udata;
    size_t i;

    duk_push_array(ctx);
    for (i = 0; i < r->n; i++) {
        duk_push_lstring(ctx, r->items[i].key, r->items[i].klen);
        duk_put_prop_index(ctx, -2, (duk_uarridx_t) i);
    }
    duk_push_boolean(ctx, r->more);
    duk_put_prop_string(ctx, -2, "more");
    return 1;
}

/* kvList(prefix, limit, after) -> [ keys... ] with .more, or { error }.
 * The result is copied out of the store before the first push. */
static duk_ret_t jskv_list(duk_context *ctx)
{
    size_t plen, alen = 0;
    const char *prefix = duk_require_lstring(ctx, 0, &plen);
    double limit = duk_require_number(ctx, 1);
    const char *after = duk_is_string(ctx, 2) ? duk_get_lstring(ctx, 2, &alen) : NULL;
    kv_list_result r;
    char err[300];
    kv *s = jskv_scoped(ctx);
    int rc;

    if (s == NULL)
        return jskv_fail(ctx, KV_ERR, duk_get_string(ctx, -1));
    rc = kv_list(s, prefix, plen, after, alen, limit > 0 ? (size_t) limit : 0, 0,
                 &r, err, sizeof err);
    if (rc != KV_OK)
        return jskv_fail(ctx, rc, err);
    /* the pushes below may throw (memory): under a safe call, so that r is
     * freed whatever happens */
    rc = duk_safe_call(ctx, jskv_push_keys, &r, 0, 1);
    kv_list_free(&r);
    if (rc != DUK_EXEC_SUCCESS)
        (void) duk_throw(ctx);
    return 1;
}

struct kv *jskv_handle(void)
{
    return jskv_store;
}

/* Finalizer of a stash object: the heap is going away, so is the store. */
static duk_ret_t jskv_close(duk_context *ctx)
{
    (void) ctx;
    kv_close(jskv_store);
    jskv_store = NULL;
    return 0;
}

static const duk_function_list_entry jskv_funcs[] = {
    { "kvGet", jskv_get, 1 },
    { "kvSet", jskv_set, 3 },
    { "kvDelete", jskv_delete, 1 },
    { "kvClear", jskv_clear, 0 },
    { "kvIncr", jskv_incr, 3 },
    { "kvRate", jskv_rate, 3 },
    { "kvList", jskv_list, 3 },
    { NULL, NULL, 0 }
};

void jskv_init(duk_context *ctx, jsys_host *host)
{
    char err[256];

    jsys_put_funcs(ctx, jskv_funcs, host);
    if (host->cfg == NULL || host->cfg->data == NULL) {
        snprintf(jskv_why, sizeof jskv_why,
                 "the responder was started without --data, so there is no store");
        return;
    }
    if (jskv_store == NULL) {
        jskv_store = kv_open(host->cfg->data, err, sizeof err);
        if (jskv_store == NULL) {
            log_sys("error", "kv store %s: %s", host->cfg->data, err);
            snprintf(jskv_why, sizeof jskv_why, "the store could not be opened: %s", err);
            return;
        }
    }
    /* [ ... sys ] -> [ ... sys ]: a stash object whose finalizer closes */
    duk_push_heap_stash(ctx);
    duk_push_object(ctx);
    duk_push_c_function(ctx, jskv_close, 1);
    duk_set_finalizer(ctx, -2);
    duk_put_prop_string(ctx, -2, "kvCloser");
    duk_pop(ctx);
}
