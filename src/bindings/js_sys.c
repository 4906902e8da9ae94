/* js_sys.c - the natives the runtime is built on: the response sink, log
 * lines, the clock, the request's CGI variables, a few string helpers and
 * the merge of Array.prototype.sort.
 *
 * The runtime's express.js builds headers and bodies; these natives move the
 * bytes to whatever http_io the engine installed for the request.  Strings
 * leave Duktape in its internal encoding, which writes characters made from
 * surrogate pairs ("\ud83d\ude00") as CESU-8; they are turned into real
 * UTF-8 here so clients never see invalid bytes.
 */
#include "config.h"
#include "bindings/js_sys.h"
#include "common/http.h"
#include "common/log.h"
#include "common/now.h"
#include "common/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* [ ... value ] -> [ ... value' ]: replaces a string or buffer at idx with
 * a buffer (or string) whose bytes are valid UTF-8 / the raw bytes, and
 * returns them.  Strings without surrogates are returned as they are. */
static const char *js_sys_bytes(duk_context *ctx, duk_idx_t idx, size_t *len)
{
    const char *s;

    if (duk_is_buffer_data(ctx, idx)) {
        void *p = duk_get_buffer_data(ctx, idx, len);
        return p ? p : "";
    }
    if (duk_is_null_or_undefined(ctx, idx)) {
        *len = 0;
        return "";
    }
    s = duk_to_lstring(ctx, idx, len);
    if (memchr(s, 0xED, *len)) {
        unsigned char *d = duk_push_fixed_buffer(ctx, *len);
        *len = utf8_from_cesu((const unsigned char *) s, *len, d);
        duk_replace(ctx, idx);
        return (const char *) d;
    }
    return s;
}

static void js_sys_gone(js_host *h)
{
    h->client_gone = 1;
}

/* head(status, headerBlock) -> true when sent, false if already sent. */
static duk_ret_t js_sys_head(duk_context *ctx)
{
    js_host *h = js_host_of(ctx);
    int status = duk_require_int(ctx, 0);
    size_t len;
    const char *hdr = duk_require_lstring(ctx, 1, &len);

    if (h->io == NULL || h->status != 0) {
        duk_push_false(ctx);
        return 1;
    }
    h->status = status;
    if (!h->client_gone && h->io->head(h->io->ud, status, hdr, len) < 0)
        js_sys_gone(h);
    duk_push_true(ctx);
    return 1;
}

/* write(data) -> false when the client is gone.  After head(). */
/* Mark-and-sweep once the heap has grown by JS_SYS_GC_GROWTH since the
 * last time a write looked.  A streamed response's chunks end up as the
 * values of promises and stream callbacks, which sit in reference cycles
 * that only mark-and-sweep frees, and Duktape starts that by the count of
 * objects, not their bytes: without this, 50 MB streamed from an async
 * generator through pipeline() into res stayed in the worker (measured:
 * 12 -> 67 MB) until the request ended.  The same reasoning as fetch's
 * js_fetch_collect, for the bytes going out, and for the request body's
 * pieces coming in (bodyRead; for await over req held 54 MB of a 50 MB
 * upload without it). */
#define JS_SYS_GC_GROWTH (8u * 1024 * 1024)
static size_t js_sys_gc_base;

static void js_sys_collect(duk_context *ctx, const js_host *h)
{
    size_t used;

    if (h->heap_used == NULL)
        return;
    used = *h->heap_used;
    if (used < js_sys_gc_base)
        js_sys_gc_base = used;
    else if (used - js_sys_gc_base > JS_SYS_GC_GROWTH) {
        duk_gc(ctx, 0);
        js_sys_gc_base = *h->heap_used;
    }
}

static duk_ret_t js_sys_write(duk_context *ctx)
{
    js_host *h = js_host_of(ctx);
    size_t len;
    const char *p = js_sys_bytes(ctx, 0, &len);

    if (h->io && !h->client_gone && !h->head_only && len > 0 &&
        h->io->body(h->io->ud, p, len) < 0)
        js_sys_gone(h);
    js_sys_collect(ctx, h);
    duk_push_boolean(ctx, h->io && !h->client_gone);
    return 1;
}

/* respond(status, headerBlock, body): a whole response at once, with its
 * Content-Length, then a flush.  False if a head was already sent. */
static duk_ret_t js_sys_respond(duk_context *ctx)
{
    js_host *h = js_host_of(ctx);
    int status = duk_require_int(ctx, 0);
    size_t hlen, blen, klen;
    const char *hdr = duk_require_lstring(ctx, 1, &hlen);
    const char *body = js_sys_bytes(ctx, 2, &blen);
    const char *block;

    if (h->io == NULL || h->status != 0) {
        duk_push_false(ctx);
        return 1;
    }
    h->status = status;
    /* 1xx, 204 and 304 carry no body and must not announce one. */
    if (status < 200 || status == 204 || status == 304) {
        blen = 0;
        duk_dup(ctx, 1);
    } else {
        /* the header block and its Content-Length, without a printf */
        char cl[48], *d = cl + sizeof cl, *o;
        size_t n = blen, cll;

        *--d = '\n';
        *--d = '\r';
        do
            *--d = (char) ('0' + n % 10);
        while ((n /= 10) > 0);
        d -= 16;
        memcpy(d, "Content-Length: ", 16);
        cll = (size_t) (cl + sizeof cl - d);
        o = duk_push_fixed_buffer(ctx, hlen + cll);
        memcpy(o, hdr, hlen);
        memcpy(o + hlen, d, cll);
    }
    block = duk_is_buffer(ctx, -1) ? duk_get_buffer(ctx, -1, &klen) :
                                     duk_get_lstring(ctx, -1, &klen);
    if (!h->client_gone) {
        if (h->io->head(h->io->ud, status, block, klen) < 0 ||
            (!h->head_only && blen > 0 && h->io->body(h->io->ud, body, blen) < 0) ||
            h->io->flush(h->io->ud) < 0)
            js_sys_gone(h);
    }
    duk_push_true(ctx);
    return 1;
}

/* flush() -> whether the client is still there: sends what the response
 * has buffered (what nginx cannot take yet waits in the request layer). */
static duk_ret_t js_sys_flush(duk_context *ctx)
{
    js_host *h = js_host_of(ctx);

    if (h->io && !h->client_gone && h->io->flush(h->io->ud) < 0)
        js_sys_gone(h);
    duk_push_boolean(ctx, h->io != NULL && !h->client_gone);
    return 1;
}

/* Throws the error a body read ended in, shaped as body-parser's are
 * (status, expose, type) so that the runtime answers it as such. */
static duk_ret_t js_sys_body_throw(duk_context *ctx, long long rc)
{
    const char *msg = "Reading the request body failed", *type = "request.aborted";
    int status = 500;

    if (rc == HTTP_IN_TOO_LARGE) {
        msg = "Request body too large";
        type = "entity.too.large";
        status = 413;
    } else if (rc == HTTP_IN_SHORT) {
        msg = "Incomplete request body";
        type = "request.size.invalid";
        status = 400;
    }
    duk_push_error_object(ctx, DUK_ERR_ERROR, "%s", msg);
    duk_push_int(ctx, status);
    duk_put_prop_string(ctx, -2, "status");
    duk_push_boolean(ctx, status != 500);
    duk_put_prop_string(ctx, -2, "expose");
    duk_push_string(ctx, type);
    duk_put_prop_string(ctx, -2, "type");
    return duk_throw(ctx);
}

/* Reads up to len bytes of the body into buf, held to the host's limit:
 * the count, 0 at the end, or a negative HTTP_IN_*. */
static long long js_sys_body_in(js_host *h, char *buf, size_t len)
{
    long long n;

    if (h->in == NULL)
        return 0;
    if (h->in_got > h->in_max)
        return HTTP_IN_TOO_LARGE;   /* told once, told again */
    n = h->in->read(h->in->ud, buf, len);
    if (n > 0 && (size_t) n > h->in_max - h->in_got) {
        h->in_got = h->in_max + 1;
        return HTTP_IN_TOO_LARGE;
    }
    if (n > 0)
        h->in_got += (size_t) n;
    return n;
}

#define JS_SYS_BODY_CHUNK (64 * 1024)

/* bodyRead(max): the next piece of the request body, at most max (and
 * 64 KB) bytes, as a Buffer; null at its end.  Blocks until the web
 * server sends it.  Throws an Error with status 400, 413 or 500 when the
 * body cannot be read. */
static duk_ret_t js_sys_body_read(duk_context *ctx)
{
    static char buf[JS_SYS_BODY_CHUNK];
    js_host *h = js_host_of(ctx);
    duk_int_t want = duk_require_int(ctx, 0);
    long long n;
    void *p;

    if (want <= 0 || want > JS_SYS_BODY_CHUNK)
        want = JS_SYS_BODY_CHUNK;
    /* the chunks read before sit in promise cycles as writes' do (for
     * await over req): collected as the write path collects them */
    js_sys_collect(ctx, h);
    n = js_sys_body_in(h, buf, (size_t) want);
    if (n < 0)
        return js_sys_body_throw(ctx, n);
    if (n == 0) {
        duk_push_null(ctx);
        return 1;
    }
    p = duk_push_fixed_buffer(ctx, (duk_size_t) n);
    memcpy(p, buf, (size_t) n);
    duk_push_buffer_object(ctx, -1, 0, (duk_size_t) n, DUK_BUFOBJ_NODEJS_BUFFER);
    return 1;
}

/* bodyAll(): the rest of the request body as one Buffer (empty at its
 * end), read into the heap, so within the request's memory limit.
 * Throws as bodyRead does. */
static duk_ret_t js_sys_body_all(duk_context *ctx)
{
    js_host *h = js_host_of(ctx);
    size_t have = 0, cap;
    char *p;

    cap = h->in != NULL && h->in->length > 0 && (unsigned long long) h->in->length > h->in_got ?
          (size_t) h->in->length - h->in_got : 16384;
    p = duk_push_dynamic_buffer(ctx, cap);
    for (;;) {
        if (h->in == NULL)
            break;
        long long n;

        if (have == cap) {
            /* a declared length read to its end: no need to grow */
            if (h->in->length > 0 && h->in_got >= (unsigned long long) h->in->length)
                break;
            cap *= 2;
            p = duk_resize_buffer(ctx, -1, cap);
        }
        n = js_sys_body_in(h, p + have, cap - have);
        if (n < 0)
            return js_sys_body_throw(ctx, n);
        if (n == 0)
            break;
        have += (size_t) n;
    }
    duk_resize_buffer(ctx, -1, have);
    duk_push_buffer_object(ctx, -1, 0, have, DUK_BUFOBJ_NODEJS_BUFFER);
    return 1;
}

/* log(level, message): one line in the administrator's log. */
static duk_ret_t js_sys_log(duk_context *ctx)
{
    js_host *h = js_host_of(ctx);
    const char *level = duk_require_string(ctx, 0);
    size_t len;
    const char *msg = js_sys_bytes(ctx, 1, &len);

    log_console(level, h->func, h->reqid, msg, len);
    return 0;
}

/* reqid(): the request id the log lines carry, or undefined outside a
 * request (logger.js puts it into its JSON lines). */
static duk_ret_t js_sys_reqid(duk_context *ctx)
{
    js_host *h = js_host_of(ctx);

    if (h->reqid == NULL || h->io == NULL)
        return 0;
    duk_push_string(ctx, h->reqid);
    return 1;
}

static duk_ret_t js_sys_now(duk_context *ctx)
{
    duk_push_number(ctx, now_ms());
    return 1;
}

/* sleep(ms): waits, but never past the request's deadline.  Returns false
 * when it stopped early because the deadline came. */
/* Bytes of a streamed response the client has not taken yet. */
static size_t js_sys_queued(const js_host *h)
{
    if (h->io == NULL || h->client_gone || h->io->queued == NULL || h->io->wait == NULL)
        return 0;
    return h->io->queued(h->io->ud);
}

/* queued() -> bytes of the streamed response the client has not taken
 * yet (res.write() is false past its highWaterMark). */
static duk_ret_t js_sys_queued_js(duk_context *ctx)
{
    duk_push_number(ctx, (double) js_sys_queued(js_host_of(ctx)));
    return 1;
}

/* outputWait(ms, low) -> false once the request's time is up: sends the
 * streamed response as the client takes it, for at most ms, until no
 * more than low bytes wait (then 'drain'). */
static duk_ret_t js_sys_output_wait(duk_context *ctx)
{
    js_host *h = js_host_of(ctx);
    double ms = duk_require_number(ctx, 0), now = now_ms();
    double low = duk_require_number(ctx, 1);
    int early = 0;

    if (*h->deadline > 0 && now + ms > *h->deadline) {
        ms = *h->deadline - now;
        early = 1;
    }
    if (ms > 0 && js_sys_queued(h) > (size_t) (low > 0 ? low : 0) &&
        h->io->wait(h->io->ud, ms, (size_t) (low > 0 ? low : 0)) < 0)
        js_sys_gone(h);
    duk_push_boolean(ctx, !early || now_ms() < *h->deadline);
    return 1;
}

static duk_ret_t js_sys_sleep(duk_context *ctx)
{
    js_host *h = js_host_of(ctx);
    double ms = duk_require_number(ctx, 0), now = now_ms();
    int early = 0;
    struct timespec ts;

    if (*h->deadline > 0 && now + ms > *h->deadline) {
        ms = *h->deadline - now;
        early = 1;
    }
    /* a streamed response the client has not taken all of goes on
     * meanwhile (http_io.wait), then the rest of the time is slept */
    if (ms > 0 && js_sys_queued(h) > 0) {
        if (h->io->wait(h->io->ud, ms, 0) < 0)
            js_sys_gone(h);
        ms -= now_ms() - now;
    }
    if (ms > 0) {
        ts.tv_sec = (time_t) (ms / 1000);
        ts.tv_nsec = (long) ((ms - (double) ts.tv_sec * 1000) * 1e6);
        while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
            ;
    }
    duk_push_boolean(ctx, !early);
    return 1;
}

/* memory() -> { rss, heap }: the process's resident bytes (from
 * /proc/self/statm) and the bytes the JavaScript heap holds. */
static duk_ret_t js_sys_memory(duk_context *ctx)
{
    js_host *h = js_host_of(ctx);
    unsigned long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");

    if (f != NULL) {
        if (fscanf(f, "%lu %lu", &pages, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    duk_push_object(ctx);
    duk_push_number(ctx, (double) resident * (double) sysconf(_SC_PAGESIZE));
    duk_put_prop_string(ctx, -2, "rss");
    duk_push_number(ctx, h->heap_used ? (double) *h->heap_used : 0);
    duk_put_prop_string(ctx, -2, "heap");
    return 1;
}

/* reason(status) -> "Not Found" */
static duk_ret_t js_sys_reason(duk_context *ctx)
{
    duk_push_string(ctx, http_reason(duk_require_int(ctx, 0)));
    return 1;
}

/* bufferToString(buf) -> the bytes as a string (UTF-8 text). */
static duk_ret_t js_sys_buffer_to_string(duk_context *ctx)
{
    size_t len;
    const char *p = duk_require_buffer_data(ctx, 0, &len);

    js_host_push_utf8(ctx, p, len);
    return 1;
}

/* hidden(name) -> a Duktape hidden Symbol (a key whose first byte is
 * 0xFF: no enumeration, not even getOwnPropertyNames, sees it).  Made
 * here because bufferToString turns a 0xFF byte into U+FFFD, which left
 * such "hidden" slots in plain sight. */
static duk_ret_t js_sys_hidden(duk_context *ctx)
{
    duk_size_t n;
    const char *name = duk_require_lstring(ctx, 0, &n);
    char *k = duk_push_fixed_buffer(ctx, n + 1);

    k[0] = (char) 0xff;
    memcpy(k + 1, name, n);
    duk_buffer_to_string(ctx, -1);
    return 1;
}

/* traceFunctions(error) -> the functions of Duktape's traceback of error,
 * one for each "at" line of its own stack text, in order (a C file's name
 * for an engine frame): errors.js names a frame after its function's
 * class (at Foo.bar), which the text does not carry.  [] when the error
 * has no traceback.  Nothing but reading: the traceback is Duktape's
 * internal _Tracedata, pairs of (function, pc and flags). */
static duk_ret_t js_sys_trace_functions(duk_context *ctx)
{
    duk_size_t i, n;

    duk_push_array(ctx);
    if (!duk_is_object(ctx, 0))
        return 1;
    if (duk_get_prop_lstring(ctx, 0, "\x82" "Tracedata", 10) && duk_is_object(ctx, -1)) {
        n = duk_get_length(ctx, -1);
        for (i = 0; i + 1 < n; i += 2) {
            duk_get_prop_index(ctx, -1, (duk_uarridx_t) i);
            duk_put_prop_index(ctx, -3, (duk_uarridx_t) (i / 2));
        }
    }
    duk_pop(ctx);
    return 1;
}

/* threadFrames(thread) -> [fn, line, fn, line, ...]: the calls of a
 * thread that is not the one running (one suspended at a yield, or one
 * waiting on the thread it resumed), innermost first, at most 200;
 * [] for the running thread or what is no thread.  errors.js names an
 * async function's awaiters and callers from them (at async b).  Only
 * reads: each entry is pushed on that thread's stack and moved to ours,
 * which leaves its stack as it was. */
static duk_ret_t js_sys_thread_frames(duk_context *ctx)
{
    duk_context *t = duk_is_thread(ctx, 0) ? duk_get_context(ctx, 0) : NULL;
    duk_int_t level;
    duk_uarridx_t n = 0;

    duk_push_array(ctx);
    if (t == NULL || t == ctx)
        return 1;
    for (level = -1; level >= -200; level--) {
        if (!duk_check_stack(t, 2))
            break;
        duk_inspect_callstack_entry(t, level);
        if (!duk_is_object(t, -1)) {
            duk_pop(t);
            break;
        }
        duk_xmove_top(ctx, t, 1);
        duk_get_prop_string(ctx, -1, "function");
        duk_put_prop_index(ctx, -3, n++);
        duk_get_prop_string(ctx, -1, "lineNumber");
        duk_put_prop_index(ctx, -3, n++);
        duk_pop(ctx);
    }
    return 1;
}

/* invoke_duk_push_resumer (src/duk-fixes.sed) */
extern void invoke_duk_push_resumer(duk_context *ctx, duk_idx_t idx);

/* threadResumer(thread) -> the thread that resumed thread and waits for
 * it to yield or end (its caller's, for an async function's first step),
 * or undefined. */
static duk_ret_t js_sys_thread_resumer(duk_context *ctx)
{
    if (!duk_is_thread(ctx, 0))
        return 0;
    invoke_duk_push_resumer(ctx, 0);
    return 1;
}

/* invoke_duk_push_trace (src/duk-fixes.sed) */
extern void invoke_duk_push_trace(duk_context *ctx, duk_idx_t idx);

/* traceFrames(error) -> [fn, line, flags, ...]: the functions of Duktape's
 * traceback of error with the line each was at (flags: 1 construct, 2
 * native), read as data; [] when it has none.  errors.js makes V8's
 * stack of it without parsing Duktape's own stack text. */
static duk_ret_t js_sys_trace_frames(duk_context *ctx)
{
    invoke_duk_push_trace(ctx, 0);
    return 1;
}

/* invoke_duk_traceback_depth (src/duk-fixes.sed) */
extern duk_int_t invoke_duk_traceback_depth;

/* tracebackDepth(limit): errors made from now on record enough frames for
 * Error.stackTraceLimit = limit (stdlib.js's setter).  Some are the
 * runtime's and the engine's, which the stack leaves out: ten more are
 * kept; never fewer than Duktape's 10, never more than 1000 (Infinity). */
static duk_ret_t js_sys_traceback_depth(duk_context *ctx)
{
    duk_double_t limit = duk_to_number(ctx, 0);

    if (!(limit >= 0))
        limit = 0;
    invoke_duk_traceback_depth = limit + 10 > 1000 ? 1000 : (duk_int_t) limit + 10 < 10 ? 10 : (duk_int_t) limit + 10;
    return 0;
}

/* invoke_duk_method (src/duk-fixes.sed) */
extern void invoke_duk_method(duk_context *ctx, duk_idx_t idx);

/* method(fn) -> fn, made a method: no constructor, no prototype property,
 * as the specification has every built-in function that is not a
 * constructor (stdlib.js writes them as function expressions). */
static duk_ret_t js_sys_method(duk_context *ctx)
{
    duk_require_function(ctx, 0);
    invoke_duk_method(ctx, 0);
    duk_set_top(ctx, 1);
    return 1;
}

/* invoke_duk_share (src/duk-fixes.sed) */
extern duk_bool_t invoke_duk_share(duk_context *ctx, duk_idx_t idx);

/* share(o) -> whether o was not shared yet; it is now: the requests share
 * it, so the first change one makes to it is recorded and undone before
 * the next (harden.js marks every object a request can reach; the engine
 * restores them, engine/extend.c). */
static duk_ret_t js_sys_share(duk_context *ctx)
{
    duk_push_boolean(ctx, invoke_duk_share(ctx, 0));
    return 1;
}

/* invoke_duk_regexp_exec_indices (src/duk-fixes.sed) */
extern void invoke_duk_regexp_exec_indices(duk_context *ctx);

/* execIndices(re, s) -> RegExp.prototype.exec's result for the native
 * RegExp re, with an "indices" array: [start, end] of the match and of each
 * capture (the d flag, stdlib.js). */
static duk_ret_t js_sys_exec_indices(duk_context *ctx)
{
    duk_set_top(ctx, 2);
    invoke_duk_regexp_exec_indices(ctx);
    return 1;
}

/* global() -> the global object of the code running now: a request's
 * own (engine.c gives each request one inheriting from the shared
 * global), where the runtime keeps what a request may set on a shared
 * built-in (Error.stackTraceLimit, stdlib.js).  Compiling
 * `new Function('return this')` for it cost ~6 us a read. */
static duk_ret_t js_sys_global(duk_context *ctx)
{
    duk_push_global_object(ctx);
    return 1;
}

/* The CGI variables reach the runtime on demand: most requests read four
 * of them (passed to rt.dispatch by the engine), and making the object of
 * all twenty-odd cost ~30k instructions, an eighth of a plain request.
 * Both natives answer only the request numbered seq, so a req object that
 * outlived its request could never read another's variables. */

/* env(seq) -> { NAME: value, ... } of the request in progress (of a name
 * given twice, the last, as common/cgi.h has it); {} for another. */
static duk_ret_t js_sys_env(duk_context *ctx)
{
    js_host *h = js_host_of(ctx);
    char **envp = h->vars ? h->vars->envp : NULL;

    if ((unsigned long) duk_require_number(ctx, 0) != h->seq)
        envp = NULL;
    duk_push_object(ctx);
    for (; envp && *envp; envp++) {
        const char *eq = strchr(*envp, '=');
        if (eq == NULL)
            continue;
        /* a client may send any bytes in a query string or a header */
        js_host_push_utf8(ctx, *envp, (size_t) (eq - *envp));
        js_host_push_utf8(ctx, eq + 1, strlen(eq + 1));
        duk_put_prop(ctx, -3);
    }
    return 1;
}

/* envVar(seq, name) -> the variable's value, or undefined (also for
 * another request than the one in progress). */
static duk_ret_t js_sys_env_var(duk_context *ctx)
{
    js_host *h = js_host_of(ctx);
    const char *name = duk_require_string(ctx, 1);

    js_host_push_var(ctx, (unsigned long) duk_require_number(ctx, 0) == h->seq && h->vars ?
                       cgi_get(h->vars, name) : NULL);
    return 1;
}

/* print(fd, text): writes text to stdout (1) or stderr (2), for invoke exec
 * only: the responder's function code never has a terminal. */
static duk_ret_t js_sys_print(duk_context *ctx)
{
    int fd = duk_require_int(ctx, 0) == 2 ? 2 : 1;
    size_t n;
    const char *s;

    duk_require_string(ctx, 1);
    /* UTF-8 out, as node writes it: a character a script built from two
     * surrogates is CESU-8 inside Duktape */
    s = js_sys_bytes(ctx, 1, &n);

    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        s += w;
        n -= (size_t) w;
    }
    return 0;
}

/* The comparator (at index 1) on vals[a] and vals[b] (vals at 0), as the
 * specification's SortCompare: called with undefined as this, its result
 * converted by ToNumber, NaN counting as 0.  It may throw (longjmp): the
 * sort holds nothing but Duktape's own buffers. */
static double js_sys_compare(duk_context *ctx, duk_uint32_t a, duk_uint32_t b)
{
    double r;

    duk_dup(ctx, 1);
    duk_push_undefined(ctx);
    duk_get_prop_index(ctx, 0, (duk_uarridx_t) a);
    duk_get_prop_index(ctx, 0, (duk_uarridx_t) b);
    duk_call_method(ctx, 2);
    r = duk_to_number(ctx, -1);
    duk_pop(ctx);
    return r != r ? 0 : r;
}

/* A stable merge sort of the indexes p[lo, hi), t the scratch of the
 * same size: runs of 8 or fewer by insertion, halves already in order
 * not merged. */
static void js_sys_merge_sort(duk_context *ctx, duk_uint32_t *p, duk_uint32_t *t, size_t lo, size_t hi)
{
    size_t mid, l, r, k, i, j;

    if (hi - lo < 2)
        return;
    if (hi - lo <= 8) {
        for (i = lo + 1; i < hi; i++) {
            duk_uint32_t v = p[i];
            for (j = i; j > lo && js_sys_compare(ctx, p[j - 1], v) > 0; j--)
                p[j] = p[j - 1];
            p[j] = v;
        }
        return;
    }
    mid = lo + (hi - lo) / 2;
    js_sys_merge_sort(ctx, p, t, lo, mid);
    js_sys_merge_sort(ctx, p, t, mid, hi);
    if (!(js_sys_compare(ctx, p[mid - 1], p[mid]) > 0))
        return;
    l = lo;
    r = mid;
    k = lo;
    while (l < mid && r < hi)
        t[k++] = js_sys_compare(ctx, p[r], p[l]) < 0 ? p[r++] : p[l++];
    while (l < mid)
        t[k++] = p[l++];
    while (r < hi)
        t[k++] = p[r++];
    memcpy(p + lo, t + lo, (hi - lo) * sizeof *p);
}

/* sort(vals, cmp) -> a new array of vals' elements sorted stably by cmp.
 * vals is a dense array the caller made and no other code sees (stdlib.js's
 * Array.prototype.sort, which handles holes and undefined); cmp a function.
 * In C for the bookkeeping of the merge (issue 20): what is left per
 * comparison is cmp's call.  The caller owns the result. */
static duk_ret_t js_sys_sort(duk_context *ctx)
{
    duk_size_t n, i;
    duk_uint32_t *p, *t;

    duk_require_object(ctx, 0);
    duk_require_function(ctx, 1);
    n = duk_get_length(ctx, 0);
    if (n > (duk_size_t) 0xFFFFFFFFUL)
        return duk_range_error(ctx, "sort: too many elements");
    p = duk_push_fixed_buffer(ctx, (n ? n : 1) * sizeof *p);   /* at 2 */
    t = duk_push_fixed_buffer(ctx, (n ? n : 1) * sizeof *t);   /* at 3 */
    for (i = 0; i < n; i++)
        p[i] = (duk_uint32_t) i;
    js_sys_merge_sort(ctx, p, t, 0, n);
    duk_push_array(ctx);
    for (i = 0; i < n; i++) {
        duk_get_prop_index(ctx, 0, (duk_uarridx_t) p[i]);
        duk_put_prop_index(ctx, -2, (duk_uarridx_t) i);
    }
    return 1;
}

static const duk_function_list_entry js_sys_funcs[] = {
    { "reason", js_sys_reason, 1 },
    { "memory", js_sys_memory, 0 },
    { "bufferToString", js_sys_buffer_to_string, 1 },
    { "head", js_sys_head, 2 },
    { "write", js_sys_write, 1 },
    { "respond", js_sys_respond, 3 },
    { "flush", js_sys_flush, 0 },
    { "bodyRead", js_sys_body_read, 1 },
    { "bodyAll", js_sys_body_all, 0 },
    { "log", js_sys_log, 2 },
    { "now", js_sys_now, 0 },
    { "reqid", js_sys_reqid, 0 },
    { "sleep", js_sys_sleep, 1 },
    { "queued", js_sys_queued_js, 0 },
    { "outputWait", js_sys_output_wait, 2 },
    { "env", js_sys_env, 1 },
    { "envVar", js_sys_env_var, 2 },
    { "hidden", js_sys_hidden, 1 },
    { "global", js_sys_global, 0 },
    { "method", js_sys_method, 1 },
    { "share", js_sys_share, 1 },
    { "execIndices", js_sys_exec_indices, 2 },
    { "print", js_sys_print, 2 },
    { "traceFunctions", js_sys_trace_functions, 1 },
    { "threadFrames", js_sys_thread_frames, 1 },
    { "traceFrames", js_sys_trace_frames, 1 },
    { "threadResumer", js_sys_thread_resumer, 1 },
    { "tracebackDepth", js_sys_traceback_depth, 1 },
    { "sort", js_sys_sort, 2 },
    { NULL, NULL, 0 }
};

static const duk_function_list_entry js_sys_front_funcs[] = {
    { "hidden", js_sys_hidden, 1 },
    { "global", js_sys_global, 0 },
    { "method", js_sys_method, 1 },
    { "sort", js_sys_sort, 2 },
    { NULL, NULL, 0 }
};

/* [ ... sys ] -> [ ... sys ]; see js_sys.h. */
void js_sys_init_front(duk_context *ctx)
{
    js_host_put_funcs(ctx, js_sys_front_funcs, NULL);
}

/* [ ... sys ] -> [ ... sys ]; see js_sys.h. */
void js_sys_init(duk_context *ctx, js_host *host, const js_sys_opts *o)
{
    int i;

    js_host_put_funcs(ctx, js_sys_funcs, host);
    duk_push_string(ctx, PACKAGE_VERSION);
    duk_put_prop_string(ctx, -2, "version");
    duk_push_boolean(ctx, o->dev);
    duk_put_prop_string(ctx, -2, "dev");
    duk_push_boolean(ctx, o->trust_proxy);
    duk_put_prop_string(ctx, -2, "trustProxy");
    /* sys.adminEnv: the administrator's --env variables (dispatch.js
     * puts them under each request's process.env) */
    duk_push_bare_object(ctx);
    for (i = 0; o->env && o->env[i]; i++) {
        const char *eq = strchr(o->env[i], '=');
        if (eq == NULL)
            continue;
        duk_push_lstring(ctx, o->env[i], (duk_size_t) (eq - o->env[i]));
        duk_push_string(ctx, eq + 1);
        duk_put_prop(ctx, -3);
    }
    duk_put_prop_string(ctx, -2, "adminEnv");
}
