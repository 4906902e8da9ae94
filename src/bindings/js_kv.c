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
 * The handle and the request's scope are the engine's (js_kv.h).
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

#define JS_KV_PURGE_BATCH 500    /* records per purge pass: bounded work */

static const js_kv_opts *js_kv;   /* the engine's, for the heap's life */

/* The store, with the current request's scope in *sc; NULL (after pushing
 * an error string) when there is none. */
static kv *js_kv_scoped(duk_context *ctx, const kv_scope **sc)
{
    if (js_kv->store == NULL) {
        duk_push_string(ctx, js_kv->why ? js_kv->why : "there is no store");
        return NULL;
    }
    if (js_kv->scope_err[0]) {
        duk_push_string(ctx, js_kv->scope_err);
        return NULL;
    }
    *sc = &js_kv->scope;
    return js_kv->store;
}

/* A store that needs recovery helps nobody: the process leaves and the
 * supervisor starts one whose open recovers it.  A worker keeps SIGTERM
 * blocked while it serves, so raising it ends the worker gracefully once
 * this response is out; a one-shot process (CGI, invoke run) ends anyway. */
static void js_kv_check_fatal(int rc, const char *err)
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
static void js_kv_maintain(kv *s)
{
    char err[300];
    int rc = kv_maintain(s, JS_KV_PURGE_BATCH, err, sizeof err);

    if (rc != KV_OK)
        log_sys("error", "kv maintenance: %s", err);
    js_kv_check_fatal(rc, err);
}

/* Pushes the error string for rc/err and returns 1 (the native's result).
 * A replicated store with no master to take a write (KV_UNAVAIL), or a
 * copy that has not yet applied this process's own last write (KV_BEHIND,
 * a read refused rather than answered without it), marks it
 * `unavailable`: kv.js makes that a 503, and it is logged here. */
static duk_ret_t js_kv_fail(duk_context *ctx, int rc, const char *err)
{
    js_kv_check_fatal(rc, err);
    if (rc == KV_UNAVAIL || rc == KV_BEHIND)
        log_sys("warning", "kv: a %s refused: %s", rc == KV_BEHIND ? "read" : "write", err);
    duk_push_object(ctx);
    duk_push_sprintf(ctx, "kv: %s", err);
    duk_put_prop_string(ctx, -2, "error");
    if (rc == KV_UNAVAIL || rc == KV_BEHIND) {
        duk_push_true(ctx);
        duk_put_prop_string(ctx, -2, "unavailable");
    }
    return 1;
}

/* Expiry from a TTL in seconds at idx (0 or undefined: never). */
static int64_t js_kv_expiry(duk_context *ctx, duk_idx_t idx)
{
    double ttl = duk_get_number_default(ctx, idx, 0);

    return ttl > 0 ? kv_now() + (int64_t) ceil(ttl * 1000.0) : 0;
}

/* kvGet(key) -> JSON text, undefined when absent, or { error }. */
static duk_ret_t js_kv_get(duk_context *ctx)
{
    size_t klen, vlen;
    const char *key = duk_require_lstring(ctx, 0, &klen), *val;
    char err[300];
    const kv_scope *sc = NULL;
    kv *s = js_kv_scoped(ctx, &sc);
    int rc;

    if (s == NULL)
        return js_kv_fail(ctx, KV_ERR, duk_get_string(ctx, -1));
    rc = kv_get(s, sc, key, klen, &val, &vlen, NULL, err, sizeof err);
    if (rc == KV_NOTFOUND)
        return 0;
    if (rc != KV_OK)
        return js_kv_fail(ctx, rc, err);
    /* val stays valid: nothing touches the store before the push copies */
    duk_push_lstring(ctx, val, vlen);
    return 1;
}

/* kvSet(key, json, ttlSeconds) -> undefined or { error }. */
static duk_ret_t js_kv_set(duk_context *ctx)
{
    size_t klen, vlen;
    const char *key = duk_require_lstring(ctx, 0, &klen);
    const char *val = duk_require_lstring(ctx, 1, &vlen);
    int64_t exp = js_kv_expiry(ctx, 2);
    char err[300];
    const kv_scope *sc = NULL;
    kv *s = js_kv_scoped(ctx, &sc);
    int rc;

    if (s == NULL)
        return js_kv_fail(ctx, KV_ERR, duk_get_string(ctx, -1));
    rc = kv_set(s, sc, key, klen, val, vlen, exp, err, sizeof err);
    if (rc != KV_OK)
        return js_kv_fail(ctx, rc, err);
    js_kv_maintain(s);
    return 0;
}

/* kvDelete(key) -> whether a live record was there, or { error }. */
static duk_ret_t js_kv_delete(duk_context *ctx)
{
    size_t klen;
    const char *key = duk_require_lstring(ctx, 0, &klen);
    char err[300];
    const kv_scope *sc = NULL;
    kv *s = js_kv_scoped(ctx, &sc);
    int rc;

    if (s == NULL)
        return js_kv_fail(ctx, KV_ERR, duk_get_string(ctx, -1));
    rc = kv_del(s, sc, key, klen, err, sizeof err);
    if (rc != KV_OK && rc != KV_NOTFOUND)
        return js_kv_fail(ctx, rc, err);
    js_kv_maintain(s);
    duk_push_boolean(ctx, rc == KV_OK);
    return 1;
}

/* kvClear() -> undefined or { error }. */
static duk_ret_t js_kv_clear(duk_context *ctx)
{
    char err[300];
    const kv_scope *sc = NULL;
    kv *s = js_kv_scoped(ctx, &sc);
    int rc;

    if (s == NULL)
        return js_kv_fail(ctx, KV_ERR, duk_get_string(ctx, -1));
    rc = kv_clear(s, sc, err, sizeof err);
    if (rc != KV_OK)
        return js_kv_fail(ctx, rc, err);
    return 0;
}

/* kvIncr(key, by, ttlSeconds) -> the new number, or { error }. */
static duk_ret_t js_kv_incr(duk_context *ctx)
{
    size_t klen;
    const char *key = duk_require_lstring(ctx, 0, &klen);
    double by = duk_require_number(ctx, 1), result;
    int64_t exp = js_kv_expiry(ctx, 2);
    char err[300];
    const kv_scope *sc = NULL;
    kv *s = js_kv_scoped(ctx, &sc);
    int rc;

    if (s == NULL)
        return js_kv_fail(ctx, KV_ERR, duk_get_string(ctx, -1));
    rc = kv_incr(s, sc, key, klen, by, exp, &result, err, sizeof err);
    if (rc != KV_OK)
        return js_kv_fail(ctx, rc, err);
    js_kv_maintain(s);
    duk_push_number(ctx, result);
    return 1;
}

/* kvRate(key, limit, windowSeconds) -> { allowed, remaining, resetAt }
 * or { error }. */
static duk_ret_t js_kv_rate(duk_context *ctx)
{
    size_t klen;
    const char *key = duk_require_lstring(ctx, 0, &klen);
    long limit = (long) duk_require_number(ctx, 1);
    double window = duk_require_number(ctx, 2);
    kv_rate_result r;
    char err[300];
    const kv_scope *sc = NULL;
    kv *s = js_kv_scoped(ctx, &sc);
    int rc;

    if (s == NULL)
        return js_kv_fail(ctx, KV_ERR, duk_get_string(ctx, -1));
    rc = kv_rate(s, sc, key, klen, limit, (int64_t) ceil(window * 1000.0), &r, err, sizeof err);
    if (rc != KV_OK)
        return js_kv_fail(ctx, rc, err);
    js_kv_maintain(s);
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
static duk_ret_t js_kv_push_keys(duk_context *ctx, void *udata)
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
static duk_ret_t js_kv_list(duk_context *ctx)
{
    size_t plen, alen = 0;
    const char *prefix = duk_require_lstring(ctx, 0, &plen);
    double limit = duk_require_number(ctx, 1);
    const char *after = duk_is_string(ctx, 2) ? duk_get_lstring(ctx, 2, &alen) : NULL;
    kv_list_result r;
    char err[300];
    const kv_scope *sc = NULL;
    kv *s = js_kv_scoped(ctx, &sc);
    int rc;

    if (s == NULL)
        return js_kv_fail(ctx, KV_ERR, duk_get_string(ctx, -1));
    rc = kv_list(s, sc, prefix, plen, after, alen, limit > 0 ? (size_t) limit : 0, 0,
                 &r, err, sizeof err);
    if (rc != KV_OK)
        return js_kv_fail(ctx, rc, err);
    /* the pushes below may throw (memory): under a safe call, so that r is
     * freed whatever happens */
    rc = duk_safe_call(ctx, js_kv_push_keys, &r, 0, 1);
    kv_list_free(&r);
    if (rc != DUK_EXEC_SUCCESS)
        (void) duk_throw(ctx);
    return 1;
}

static const duk_function_list_entry js_kv_funcs[] = {
    { "kvGet", js_kv_get, 1 },
    { "kvSet", js_kv_set, 3 },
    { "kvDelete", js_kv_delete, 1 },
    { "kvClear", js_kv_clear, 0 },
    { "kvIncr", js_kv_incr, 3 },
    { "kvRate", js_kv_rate, 3 },
    { "kvList", js_kv_list, 3 },
    { NULL, NULL, 0 }
};

void js_kv_init(duk_context *ctx, js_host *host, const js_kv_opts *o)
{
    js_kv = o;
    js_host_put_funcs(ctx, js_kv_funcs, host);
}
