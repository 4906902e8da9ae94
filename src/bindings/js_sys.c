/* js_sys.c - response sink, log lines and the clock for the runtime.
 *
 * The runtime's express.js builds headers and bodies; these natives move the
 * bytes to whatever http_io the engine installed for the request.  Strings
 * leave Duktape in its internal encoding, which writes characters made from
 * surrogate pairs ("\ud83d\ude00") as CESU-8; they are turned into real
 * UTF-8 here so clients never see invalid bytes.
 */
#include "config.h"
#include "bindings/js_sys.h"
#include "common/log.h"
#include "common/now.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

jsys_host *jsys_host_of(duk_context *ctx)
{
    jsys_host *h;

    duk_push_current_function(ctx);
    duk_get_prop_string(ctx, -1, DUK_HIDDEN_SYMBOL("host"));
    h = duk_get_pointer(ctx, -1);
    duk_pop_2(ctx);
    return h;
}

/* Length of the UTF-8 form of Duktape's internal bytes: a CESU-8 surrogate
 * pair (6 bytes) becomes 4, a lone surrogate becomes U+FFFD (3). */
static int is_high(const unsigned char *p, size_t n)
{
    return n >= 3 && p[0] == 0xED && p[1] >= 0xA0 && p[1] <= 0xAF;
}

static int is_low(const unsigned char *p, size_t n)
{
    return n >= 3 && p[0] == 0xED && p[1] >= 0xB0 && p[1] <= 0xBF;
}

/* Converts CESU-8 surrogates in src to UTF-8 into dst (at least len bytes:
 * the result is never longer).  Returns the new length. */
static size_t cesu_to_utf8(const unsigned char *src, size_t len, unsigned char *dst)
{
    size_t i = 0, o = 0;

    while (i < len) {
        if (is_high(src + i, len - i) && is_low(src + i + 3, len - i - 3)) {
            unsigned hi = ((src[i + 1] & 0x0F) << 6) | (src[i + 2] & 0x3F);
            unsigned lo = ((src[i + 4] & 0x0F) << 6) | (src[i + 5] & 0x3F);
            unsigned cp = 0x10000 + (hi << 10) + lo;
            dst[o++] = (unsigned char) (0xF0 | (cp >> 18));
            dst[o++] = (unsigned char) (0x80 | ((cp >> 12) & 0x3F));
            dst[o++] = (unsigned char) (0x80 | ((cp >> 6) & 0x3F));
            dst[o++] = (unsigned char) (0x80 | (cp & 0x3F));
            i += 6;
        } else if (is_high(src + i, len - i) || is_low(src + i, len - i)) {
            dst[o++] = 0xEF; dst[o++] = 0xBF; dst[o++] = 0xBD;
            i += 3;
        } else {
            dst[o++] = src[i++];
        }
    }
    return o;
}

/* [ ... value ] -> [ ... value' ]: replaces a string or buffer at idx with
 * a buffer (or string) whose bytes are valid UTF-8 / the raw bytes, and
 * returns them.  Strings without surrogates are returned as they are. */
static const char *bytes_at(duk_context *ctx, duk_idx_t idx, size_t *len)
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
        *len = cesu_to_utf8((const unsigned char *) s, *len, d);
        duk_replace(ctx, idx);
        return (const char *) d;
    }
    return s;
}

static void gone(jsys_host *h)
{
    h->client_gone = 1;
}

/* head(status, headerBlock) -> true when sent, false if already sent. */
static duk_ret_t sys_head(duk_context *ctx)
{
    jsys_host *h = jsys_host_of(ctx);
    int status = duk_require_int(ctx, 0);
    size_t len;
    const char *hdr = duk_require_lstring(ctx, 1, &len);

    if (h->io == NULL || h->status != 0) {
        duk_push_false(ctx);
        return 1;
    }
    h->status = status;
    if (!h->client_gone && h->io->head(h->io->ud, status, hdr, len) < 0)
        gone(h);
    duk_push_true(ctx);
    return 1;
}

/* write(data) -> false when the client is gone.  After head(). */
static duk_ret_t sys_write(duk_context *ctx)
{
    jsys_host *h = jsys_host_of(ctx);
    size_t len;
    const char *p = bytes_at(ctx, 0, &len);

    if (h->io && !h->client_gone && !h->head_only && len > 0 &&
        h->io->body(h->io->ud, p, len) < 0)
        gone(h);
    duk_push_boolean(ctx, h->io && !h->client_gone);
    return 1;
}

/* respond(status, headerBlock, body): a whole response at once, with its
 * Content-Length, then a flush.  False if a head was already sent. */
static duk_ret_t sys_respond(duk_context *ctx)
{
    jsys_host *h = jsys_host_of(ctx);
    int status = duk_require_int(ctx, 0);
    size_t hlen, blen, klen;
    const char *hdr = duk_require_lstring(ctx, 1, &hlen);
    const char *body = bytes_at(ctx, 2, &blen);
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
            gone(h);
    }
    duk_push_true(ctx);
    return 1;
}

static duk_ret_t sys_flush(duk_context *ctx)
{
    jsys_host *h = jsys_host_of(ctx);

    if (h->io && !h->client_gone && h->io->flush(h->io->ud) < 0)
        gone(h);
    return 0;
}

/* headSent() -> whether a status line has gone out for this request. */
static duk_ret_t sys_head_sent(duk_context *ctx)
{
    duk_push_boolean(ctx, jsys_host_of(ctx)->status != 0);
    return 1;
}

/* log(level, message): one line in the administrator's log. */
static duk_ret_t sys_log(duk_context *ctx)
{
    jsys_host *h = jsys_host_of(ctx);
    const char *level = duk_require_string(ctx, 0);
    size_t len;
    const char *msg = bytes_at(ctx, 1, &len);

    log_console(level, h->func, h->reqid, msg, len);
    return 0;
}

static duk_ret_t sys_now(duk_context *ctx)
{
    duk_push_number(ctx, now_ms());
    return 1;
}

/* sleep(ms): waits, but never past the request's deadline.  Returns false
 * when it stopped early because the deadline came. */
static duk_ret_t sys_sleep(duk_context *ctx)
{
    jsys_host *h = jsys_host_of(ctx);
    double ms = duk_require_number(ctx, 0), now = now_ms();
    int early = 0;
    struct timespec ts;

    if (h->deadline > 0 && now + ms > h->deadline) {
        ms = h->deadline - now;
        early = 1;
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

/* timedOut() -> whether the request's time is up. */
static duk_ret_t sys_timed_out(duk_context *ctx)
{
    jsys_host *h = jsys_host_of(ctx);

    duk_push_boolean(ctx, h->deadline > 0 && now_ms() >= h->deadline);
    return 1;
}

/* memory() -> { rss, heap }: the process's resident bytes (from
 * /proc/self/statm) and the bytes the JavaScript heap holds. */
static duk_ret_t sys_memory(duk_context *ctx)
{
    jsys_host *h = jsys_host_of(ctx);
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
static duk_ret_t sys_reason(duk_context *ctx)
{
    duk_push_string(ctx, http_reason(duk_require_int(ctx, 0)));
    return 1;
}

/* Length of the valid UTF-8 sequence at s (1-4), 0 when it is not one
 * (overlong forms, surrogates and code points past U+10FFFF included). */
static size_t utf8_seq(const unsigned char *s, size_t left)
{
    unsigned c = s[0];
    size_t n, i;
    unsigned lo = 0x80, hi = 0xbf;

    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        n = 2;
    else if (c >= 0xe0 && c <= 0xef) {
        n = 3;
        if (c == 0xe0) lo = 0xa0;
        if (c == 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        if (c == 0xf0) lo = 0x90;
        if (c == 0xf4) hi = 0x8f;
    } else
        return 0;
    if (left < n || s[1] < lo || s[1] > hi)
        return 0;
    for (i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xbf)
            return 0;
    return n;
}

/* Owned by the caller's value stack; see js_sys.h for why. */
void jsys_push_utf8(duk_context *ctx, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, n;
    duk_idx_t parts = 0;

    while (i < len && (n = utf8_seq(u + i, len - i)) > 0)
        i += n;
    if (i == len) {
        duk_push_lstring(ctx, s, (duk_size_t)len);
        return;
    }
    for (i = 0; i < len; ) {
        size_t start = i;
        while (i < len && (n = utf8_seq(u + i, len - i)) > 0)
            i += n;
        duk_push_lstring(ctx, s + start, (duk_size_t)(i - start));
        parts++;
        if (i < len) {
            duk_push_lstring(ctx, "\xef\xbf\xbd", 3);
            parts++;
            i++;
        }
        if (parts >= 32) {      /* stay within the value stack's reserve */
            duk_concat(ctx, parts);
            parts = 1;
        }
    }
    duk_concat(ctx, parts);
}

/* bufferToString(buf) -> the bytes as a string (UTF-8 text). */
static duk_ret_t sys_buffer_to_string(duk_context *ctx)
{
    size_t len;
    const char *p = duk_require_buffer_data(ctx, 0, &len);

    jsys_push_utf8(ctx, p, len);
    return 1;
}

/* hidden(name) -> a Duktape hidden Symbol (a key whose first byte is
 * 0xFF: no enumeration, not even getOwnPropertyNames, sees it).  Made
 * here because bufferToString turns a 0xFF byte into U+FFFD, which left
 * such "hidden" slots in plain sight. */
static duk_ret_t sys_hidden(duk_context *ctx)
{
    duk_size_t n;
    const char *name = duk_require_lstring(ctx, 0, &n);
    char *k = duk_push_fixed_buffer(ctx, n + 1);

    k[0] = (char) 0xff;
    memcpy(k + 1, name, n);
    duk_buffer_to_string(ctx, -1);
    return 1;
}

/* --- request bodies as JSON --- */

/* JSON.parse on a body costs Duktape a growable buffer per string (1 KB of
 * bench/run's echo: ~180k instructions, a third of the request).  This
 * parser pushes each string straight from the body bytes and is strict:
 * whatever it is not sure of (a syntax error, bytes that are not UTF-8,
 * a long number, deep nesting) it leaves to JSON.parse, so the answer is
 * JSON.parse's in every case, errors and U+FFFD replacement included. */
typedef struct {
    const unsigned char *p, *end;
    char *scratch;              /* room for any decoded string of the body */
    int depth;
} jsys_json;

#define JSYS_JSON_MAX_DEPTH 200

static void json_fail(duk_context *ctx)
{
    (void) duk_error(ctx, DUK_ERR_SYNTAX_ERROR, "not for the fast path");
}

static void json_ws(jsys_json *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' || *j->p == '\r' || *j->p == '\t'))
        j->p++;
}

static int json_hex(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
           c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* [ ... ] -> [ ... string ]; j->p on the opening quote.  A \\u escape
 * becomes its code unit in Duktape's encoding (a surrogate on its own, as
 * JSON.parse leaves it). */
static void json_string(duk_context *ctx, jsys_json *j)
{
    const unsigned char *s = ++j->p;
    char *o;
    size_t n;

    while (s < j->end && *s != '"' && *s != '\\' && *s >= 0x20 && *s < 0x80)
        s++;
    if (s < j->end && *s == '"') {
        duk_push_lstring(ctx, (const char *) j->p, (duk_size_t) (s - j->p));
        j->p = s + 1;
        return;
    }
    o = j->scratch;
    memcpy(o, j->p, (size_t) (s - j->p));
    o += s - j->p;
    for (;;) {
        if (s >= j->end || *s < 0x20)
            json_fail(ctx);
        if (*s == '"')
            break;
        if (*s >= 0x80) {
            if ((n = utf8_seq(s, (size_t) (j->end - s))) == 0)
                json_fail(ctx);
            memcpy(o, s, n);
            o += n;
            s += n;
        } else if (*s != '\\') {
            *o++ = (char) *s++;
        } else if (j->end - s < 2) {
            json_fail(ctx);
        } else if (s[1] == 'u') {
            int h0 = 0, h1 = 0, h2 = 0, h3 = 0;
            unsigned cu;

            if (j->end - s < 6 || (h0 = json_hex(s[2])) < 0 || (h1 = json_hex(s[3])) < 0 ||
                (h2 = json_hex(s[4])) < 0 || (h3 = json_hex(s[5])) < 0)
                json_fail(ctx);
            cu = (unsigned) ((h0 << 12) | (h1 << 8) | (h2 << 4) | h3);
            if (cu < 0x80) {
                *o++ = (char) cu;
            } else if (cu < 0x800) {
                *o++ = (char) (0xc0 | (cu >> 6));
                *o++ = (char) (0x80 | (cu & 0x3f));
            } else {
                *o++ = (char) (0xe0 | (cu >> 12));
                *o++ = (char) (0x80 | ((cu >> 6) & 0x3f));
                *o++ = (char) (0x80 | (cu & 0x3f));
            }
            s += 6;
        } else {
            const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
            const char *k = s[1] ? strchr(from, s[1]) : NULL;

            if (k == NULL)
                json_fail(ctx);
            *o++ = to[k - from];
            s += 2;
        }
    }
    duk_push_lstring(ctx, j->scratch, (duk_size_t) (o - j->scratch));
    j->p = s + 1;
}

/* [ ... ] -> [ ... number ]: JSON's grammar exactly; integers of up to 15
 * digits (exact in a double) summed here, the rest converted by Duktape
 * itself, whose rounding is not always strtod's (9007199254740993). */
static void json_number(duk_context *ctx, jsys_json *j)
{
    const unsigned char *s = j->p, *d;
    int neg = 0, simple = 1;
    double v = 0;

    if (s < j->end && *s == '-') {
        neg = 1;
        s++;
    }
    d = s;
    if (s < j->end && *s == '0')
        s++;
    else if (s < j->end && *s >= '1' && *s <= '9')
        while (s < j->end && *s >= '0' && *s <= '9')
            v = v * 10 + (*s++ - '0');
    else
        json_fail(ctx);
    if (s < j->end && *s == '.') {
        simple = 0;
        if (++s >= j->end || *s < '0' || *s > '9')
            json_fail(ctx);
        while (s < j->end && *s >= '0' && *s <= '9')
            s++;
    }
    if (s < j->end && (*s == 'e' || *s == 'E')) {
        simple = 0;
        if (++s < j->end && (*s == '+' || *s == '-'))
            s++;
        if (s >= j->end || *s < '0' || *s > '9')
            json_fail(ctx);
        while (s < j->end && *s >= '0' && *s <= '9')
            s++;
    }
    if (!simple || s - d > 15) {
        duk_push_lstring(ctx, (const char *) j->p, (duk_size_t) (s - j->p));
        duk_to_number(ctx, -1);
    } else {
        duk_push_number(ctx, neg ? -v : v);
    }
    j->p = s;
}

static void json_value(duk_context *ctx, jsys_json *j);

/* Past an opening bracket: true when the close follows at once. */
static int json_empty(jsys_json *j, int close)
{
    j->p++;
    json_ws(j);
    if (j->p < j->end && *j->p == close) {
        j->p++;
        return 1;
    }
    return 0;
}

/* After a member: true for a ',' (white space after it eaten), false for
 * the close, a syntax error otherwise. */
static int json_more(duk_context *ctx, jsys_json *j, int close)
{
    json_ws(j);
    if (j->p < j->end && (*j->p == ',' || *j->p == close)) {
        int more = *j->p++ == ',';

        json_ws(j);
        return more;
    }
    json_fail(ctx);
    return 0;
}

/* [ ... ] -> [ ... object ]; members are defined, as JSON.parse does, so
 * a "__proto__" or "toString" key is an own property like any other. */
static void json_object(duk_context *ctx, jsys_json *j)
{
    duk_push_object(ctx);
    if (json_empty(j, '}'))
        return;
    do {
        if (j->p >= j->end || *j->p != '"')
            json_fail(ctx);
        json_string(ctx, j);
        json_ws(j);
        if (j->p >= j->end || *j->p != ':')
            json_fail(ctx);
        j->p++;
        json_value(ctx, j);
        duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WRITABLE |
                              DUK_DEFPROP_SET_ENUMERABLE | DUK_DEFPROP_SET_CONFIGURABLE);
    } while (json_more(ctx, j, '}'));
}

/* [ ... ] -> [ ... array ] */
static void json_array(duk_context *ctx, jsys_json *j)
{
    duk_uarridx_t i = 0;

    duk_push_array(ctx);
    if (json_empty(j, ']'))
        return;
    do {
        json_value(ctx, j);
        duk_put_prop_index(ctx, -2, i++);
    } while (json_more(ctx, j, ']'));
}

/* [ ... ] -> [ ... value ], white space around it eaten */
static void json_value(duk_context *ctx, jsys_json *j)
{
    size_t left;

    json_ws(j);
    if (j->p >= j->end || ++j->depth > JSYS_JSON_MAX_DEPTH)
        json_fail(ctx);
    duk_require_stack(ctx, 4);
    left = (size_t) (j->end - j->p);
    switch (*j->p) {
    case '{':
        json_object(ctx, j);
        break;
    case '[':
        json_array(ctx, j);
        break;
    case '"':
        json_string(ctx, j);
        break;
    case 't':
    case 'f':
    case 'n': {
        static const char *const lit[] = { "true", "false", "null" };
        int k = *j->p == 't' ? 0 : *j->p == 'f' ? 1 : 2;
        size_t n = strlen(lit[k]);

        if (left < n || memcmp(j->p, lit[k], n) != 0)
            json_fail(ctx);
        if (k == 2)
            duk_push_null(ctx);
        else
            duk_push_boolean(ctx, k == 0);
        j->p += n;
        break;
    }
    default:
        json_number(ctx, j);
    }
    j->depth--;
    json_ws(j);
}

/* [ buf scratch ] -> [ buf scratch value ] */
static duk_ret_t json_parse_safely(duk_context *ctx, void *udata)
{
    jsys_json *j = udata;

    json_value(ctx, j);
    if (j->p != j->end)
        json_fail(ctx);
    return 1;
}

/* jsonBody(buf) -> what JSON.parse would make of the bytes as text, or
 * undefined when they are not for this parser (the caller then asks
 * JSON.parse, which also makes the error). */
static duk_ret_t sys_json_body(duk_context *ctx)
{
    duk_size_t len;
    const unsigned char *p = duk_require_buffer_data(ctx, 0, &len);
    jsys_json j;

    duk_set_top(ctx, 1);
    j.scratch = duk_push_fixed_buffer(ctx, len + 1);
    j.p = p;
    j.end = p + len;
    j.depth = 0;
    if (duk_safe_call(ctx, json_parse_safely, &j, 0, 1) != 0)
        duk_push_undefined(ctx);
    return 1;
}

/* Owned by the caller's value stack. */
void jsys_push_var(duk_context *ctx, const char *v)
{
    if (v == NULL)
        duk_push_undefined(ctx);
    else
        jsys_push_utf8(ctx, v, strlen(v));
}

/* The CGI variables reach the runtime on demand: most requests read four
 * of them (passed to rt.dispatch by the engine), and making the object of
 * all twenty-odd cost ~30k instructions, an eighth of a plain request.
 * Both natives answer only the request numbered seq, so a req object that
 * outlived its request could never read another's variables. */

/* env(seq) -> { NAME: value, ... } of the request in progress (of a name
 * given twice, the last, as common/cgi.h has it); {} for another. */
static duk_ret_t sys_env(duk_context *ctx)
{
    jsys_host *h = jsys_host_of(ctx);
    char **envp = h->vars ? h->vars->envp : NULL;

    if ((unsigned long) duk_require_number(ctx, 0) != h->seq)
        envp = NULL;
    duk_push_object(ctx);
    for (; envp && *envp; envp++) {
        const char *eq = strchr(*envp, '=');
        if (eq == NULL)
            continue;
        /* a client may send any bytes in a query string or a header */
        jsys_push_utf8(ctx, *envp, (size_t) (eq - *envp));
        jsys_push_utf8(ctx, eq + 1, strlen(eq + 1));
        duk_put_prop(ctx, -3);
    }
    return 1;
}

/* envVar(seq, name) -> the variable's value, or undefined (also for
 * another request than the one in progress). */
static duk_ret_t sys_env_var(duk_context *ctx)
{
    jsys_host *h = jsys_host_of(ctx);
    const char *name = duk_require_string(ctx, 1);

    jsys_push_var(ctx, (unsigned long) duk_require_number(ctx, 0) == h->seq && h->vars ?
                       cgi_get(h->vars, name) : NULL);
    return 1;
}

static const duk_function_list_entry sys_funcs[] = {
    { "reason", sys_reason, 1 },
    { "memory", sys_memory, 0 },
    { "bufferToString", sys_buffer_to_string, 1 },
    { "head", sys_head, 2 },
    { "write", sys_write, 1 },
    { "respond", sys_respond, 3 },
    { "flush", sys_flush, 0 },
    { "headSent", sys_head_sent, 0 },
    { "log", sys_log, 2 },
    { "now", sys_now, 0 },
    { "sleep", sys_sleep, 1 },
    { "timedOut", sys_timed_out, 0 },
    { "env", sys_env, 1 },
    { "envVar", sys_env_var, 2 },
    { "jsonBody", sys_json_body, 1 },
    { "hidden", sys_hidden, 1 },
    { NULL, NULL, 0 }
};

void jsys_put_funcs(duk_context *ctx, const duk_function_list_entry *funcs,
                    jsys_host *host)
{
    for (; funcs->key; funcs++) {
        duk_push_c_function(ctx, funcs->value, funcs->nargs);
        duk_push_pointer(ctx, host);
        duk_put_prop_string(ctx, -2, DUK_HIDDEN_SYMBOL("host"));
        duk_put_prop_string(ctx, -2, funcs->key);
    }
}

void jsys_init(duk_context *ctx, jsys_host *host)
{
    jsys_put_funcs(ctx, sys_funcs, host);
    duk_push_string(ctx, PACKAGE_VERSION);
    duk_put_prop_string(ctx, -2, "version");
}
