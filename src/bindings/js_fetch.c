/* js_fetch.c - outbound HTTP for fetch(), on libcurl's multi interface.
 *
 * One CURLM per worker, made at the first fetch (after the fork), and one
 * easy handle per hop: libcurl never follows a redirect, src/js/fetch.js
 * does, so the network policy is checked on every hop.  The request's event
 * loop (src/js/timers.js) waits in fetchPoll, which runs curl_multi_poll
 * bounded by the next timer and the request's deadline, then
 * curl_multi_perform, and answers the ids of the transfers that have news
 * (headers complete, data, end, error); the JavaScript side then asks
 * fetchState and fetchTake and settles its promises as microtasks.
 *
 * Every transfer lives in a C struct on a list owned by this file, never in
 * a JavaScript object alone: a Duktape call that throws (longjmp) can never
 * lose one, and fetchCloseAll at the end of each request frees whatever the
 * request left.  Natives check their arguments before any C resource
 * exists and push their result last.
 *
 * Flow control: the write callback keeps at most JS_FETCH_BUFFER_CAP bytes
 * that JavaScript has not taken, then answers CURL_WRITEFUNC_PAUSE;
 * fetchTake empties the buffer and resumes the transfer.  A body piped to
 * the client therefore never sits whole in memory.
 *
 * A streamed upload (node:http's req.write() before end()) goes the
 * other way: fetchWrite queues what JavaScript wrote, libcurl's read
 * callback takes it as the server accepts it and answers
 * CURL_READFUNC_PAUSE when nothing waits, and fetchState tells how many
 * bytes still wait (`pending`), which http.js turns into write()'s false
 * and 'drain'.
 *
 * The network policy (--fetch-allow, --fetch-deny) is checked against the
 * URL's host before anything is sent and against each address libcurl is
 * about to connect to (CURLOPT_OPENSOCKETFUNCTION), so a name that resolves
 * to a denied address is refused as well.
 */
#include "config.h"
#include "bindings/js_fetch.h"
#include "common/log.h"
#include "common/now.h"
#include "net/net.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#define JS_FETCH_BUFFER_CAP (256 * 1024)      /* bytes not yet taken before pausing */
#define JS_FETCH_HEAD_CAP (256 * 1024)        /* largest response header block */
#define JS_FETCH_GC_BYTES (4 * 1024 * 1024)   /* bytes between collections, see js_fetch_collect */
#define JS_FETCH_GARBAGE (40 * 1024)          /* what one fetch leaves to collect */
#define JS_FETCH_DEADLINE_SLACK 250.0         /* ms, see js_fetch_start */
#define JS_FETCH_UP_CAP (16 * 1024 * 1024)    /* upload bytes queued at most */

/* One hop of one fetch, from fetchStart to fetchClose. */
typedef struct js_fetch_xfer {
    struct js_fetch_xfer *next;
    int id;
    CURL *easy;
    struct curl_slist *headers;
    char *head;                 /* the latest response's header lines */
    size_t head_len, head_cap;
    char *data;                 /* body bytes JavaScript has not taken */
    size_t data_len, data_cap;
    long long received;         /* body bytes accepted so far */
    long long max_size;         /* <= 0: no limit */
    int status;
    int head_ready;             /* a final (non-1xx) header block is complete */
    int in_multi, done, news, paused;
    int over_size, head_too_big, refused, name_allowed;
    int raw;                    /* node:http's wire: see js_fetch_configure */
    char *ca;                   /* PEM of https.request's `ca`, or NULL */
    int stream_up;              /* the body comes through fetchWrite */
    long long up_length;        /* its declared length, -1: chunked */
    char *up;                   /* up[up_off..up_len): written, not yet sent */
    size_t up_len, up_off, up_cap;
    int up_ended, up_paused;
    CURLcode result;
    char host[256];
    long port;
    char refused_addr[INET6_ADDRSTRLEN];
    char errbuf[CURL_ERROR_SIZE];
} js_fetch_xfer;

static struct {
    CURLM *multi;
    js_fetch_xfer *xfers;
    int next_id;
    net_list allow, deny;
    double connect_timeout, timeout;    /* seconds */
    long long max_size;                 /* <= 0: none */
    int max_concurrent;
    const char *ca_file;
    size_t since_gc;                    /* body bytes taken since the last duk_gc */
} js_fetch;

/* The first check, on the URL's host, before anything is sent.  An allow
 * list of addresses can only be judged once the name is resolved. */
static int js_fetch_name_refused(js_fetch_xfer *x)
{
    if (net_list_has_host(&js_fetch.deny, x->host))
        return 1;
    if (js_fetch.allow.n == 0)
        return 0;
    x->name_allowed = net_list_has_host(&js_fetch.allow, x->host);
    return !x->name_allowed && !js_fetch.allow.has_addr;
}

/* The second check, on the address actually connected to. */
static curl_socket_t js_fetch_open_socket(void *ud, curlsocktype purpose,
                                        struct curl_sockaddr *a)
{
    js_fetch_xfer *x = ud;
    const struct sockaddr *sa = &a->addr;
    int denied = net_list_has_addr(&js_fetch.deny, sa) ||
                 (js_fetch.allow.n > 0 && !x->name_allowed &&
                  !net_list_has_addr(&js_fetch.allow, sa));

    if (purpose == CURLSOCKTYPE_IPCXN && denied) {
        const void *in = sa->sa_family == AF_INET6 ?
            (const void *) &((const struct sockaddr_in6 *) sa)->sin6_addr :
            (const void *) &((const struct sockaddr_in *) sa)->sin_addr;
        x->refused = 1;
        if (inet_ntop(sa->sa_family, in, x->refused_addr, sizeof x->refused_addr) == NULL)
            snprintf(x->refused_addr, sizeof x->refused_addr, "?");
        return CURL_SOCKET_BAD;
    }
    return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

/* --- libcurl callbacks: C only, no Duktape --- */

static int js_fetch_append(char **buf, size_t *len, size_t *cap, const char *p, size_t n)
{
    if (*len + n > *cap) {
        size_t want = *cap ? *cap * 2 : 16384;
        char *grown;
        while (want < *len + n)
            want *= 2;
        grown = realloc(*buf, want);
        if (grown == NULL)
            return -1;
        *buf = grown;
        *cap = want;
    }
    memcpy(*buf + *len, p, n);
    *len += n;
    return 0;
}

/* Keeps the header block of the latest response; a 1xx block is replaced
 * by the one after it, trailers after a final block are ignored. */
static size_t js_fetch_on_header(char *p, size_t size, size_t n, void *ud)
{
    js_fetch_xfer *x = ud;
    size_t len = size * n;

    if (x->head_ready)
        return len;
    if (len >= 5 && memcmp(p, "HTTP/", 5) == 0) {
        const char *sp = memchr(p, ' ', len);
        x->head_len = 0;
        x->status = sp ? atoi(sp + 1) : 0;
    }
    if (len <= 2 && (p[0] == '\r' || p[0] == '\n')) {
        if (x->status >= 200) {
            x->head_ready = 1;
            x->news = 1;
        }
        return len;
    }
    if (x->head_len + len > JS_FETCH_HEAD_CAP) {
        x->head_too_big = 1;
        return 0;
    }
    return js_fetch_append(&x->head, &x->head_len, &x->head_cap, p, len) < 0 ? 0 : len;
}

static size_t js_fetch_on_data(char *p, size_t size, size_t n, void *ud)
{
    js_fetch_xfer *x = ud;
    size_t len = size * n;

    if (x->max_size > 0 && x->received + (long long) len > x->max_size) {
        x->over_size = 1;
        return 0;
    }
    if (x->data_len > 0 && x->data_len + len > JS_FETCH_BUFFER_CAP) {
        x->paused = 1;
        return CURL_WRITEFUNC_PAUSE;
    }
    if (js_fetch_append(&x->data, &x->data_len, &x->data_cap, p, len) < 0)
        return 0;
    x->received += (long long) len;
    x->head_ready = 1;
    x->news = 1;
    return len;
}

/* --- transfers --- */

static js_fetch_xfer *js_fetch_find(int id)
{
    js_fetch_xfer *x;

    for (x = js_fetch.xfers; x; x = x->next)
        if (x->id == id)
            return x;
    return NULL;
}

/* Unlinks x and frees everything it holds. */
static void js_fetch_free(js_fetch_xfer *x)
{
    js_fetch_xfer **pp;

    for (pp = &js_fetch.xfers; *pp; pp = &(*pp)->next)
        if (*pp == x) {
            *pp = x->next;
            break;
        }
    if (x->easy) {
        if (x->in_multi)
            curl_multi_remove_handle(js_fetch.multi, x->easy);
        curl_easy_cleanup(x->easy);
    }
    curl_slist_free_all(x->headers);
    free(x->ca);
    free(x->up);
    free(x->head);
    free(x->data);
    free(x);
}

/* libcurl's read callback of a streamed upload: what JavaScript wrote,
 * the end once it said so, else a pause until fetchWrite brings more.
 * Emptying the queue is news: write()'s 'drain'. */
static size_t js_fetch_on_read(char *buf, size_t size, size_t n, void *ud)
{
    js_fetch_xfer *x = ud;
    size_t want = size * n, k = x->up_len - x->up_off;

    if (k == 0) {
        if (x->up_ended)
            return 0;
        x->up_paused = 1;
        return CURL_READFUNC_PAUSE;
    }
    if (k > want)
        k = want;
    memcpy(buf, x->up + x->up_off, k);
    x->up_off += k;
    if (x->up_off == x->up_len) {
        x->up_off = x->up_len = 0;
        x->news = 1;
    }
    return k;
}

static int js_fetch_setup(void)
{
    if (js_fetch.multi)
        return 0;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return -1;
    js_fetch.multi = curl_multi_init();
    return js_fetch.multi ? 0 : -1;
}

/* Runs mark-and-sweep once `bytes` more (a body chunk, or the garbage a
 * fetch leaves) have passed since the last time.  A chunk ends up as the
 * value of promises, which sit in reference cycles only mark-and-sweep
 * frees, and Duktape starts that by the count of objects, not their bytes:
 * without this a streamed body piles up in the heap, and so does the ~40 KB
 * of promises and objects each fetch leaves (measured: 1,000 fetches of a
 * small body took a worker from 11 to 49 MB before Duktape collected). */
static void js_fetch_collect(duk_context *ctx, size_t bytes)
{
    js_fetch.since_gc += bytes;
    if (js_fetch.since_gc > JS_FETCH_GC_BYTES) {
        js_fetch.since_gc = 0;
        duk_gc(ctx, 0);
    }
}

/* The URL's host, lower case and without brackets, into out, and its
 * port (the scheme's default when none is written). */
static int js_fetch_url_host(const char *url, char *out, size_t cap, long *port)
{
    CURLU *u = curl_url();
    char *host = NULL, *p = NULL;
    size_t n;
    int rc = -1;

    if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
        const char *h = host;
        n = strlen(h);
        if (n >= 2 && h[0] == '[') {
            h++;
            n -= 2;
        }
        if (n > 0 && n < cap) {
            for (size_t i = 0; i < n; i++)
                out[i] = (char) tolower((unsigned char) h[i]);
            out[n] = '\0';
            rc = 0;
        }
        if (curl_url_get(u, CURLUPART_PORT, &p, CURLU_DEFAULT_PORT) == CURLUE_OK)
            *port = strtol(p, NULL, 10);
    }
    curl_free(p);
    curl_free(host);
    curl_url_cleanup(u);
    return rc;
}

/* Sets the options of one hop; 0, or -1 when libcurl refused one. */
static int js_fetch_configure(js_fetch_xfer *x, const char *url, const char *method,
                            const char *body, size_t body_len, int has_body,
                            double timeout_ms)
{
    CURL *e = x->easy;
    int ok = 1;

#define SET(opt, val) ok &= curl_easy_setopt(e, opt, val) == CURLE_OK
    SET(CURLOPT_URL, url);
    SET(CURLOPT_PRIVATE, (void *) x);
    SET(CURLOPT_PROTOCOLS_STR, "http,https");
    SET(CURLOPT_FOLLOWLOCATION, 0L);
    SET(CURLOPT_PROXY, "");                     /* no proxy from the environment */
    SET(CURLOPT_NOSIGNAL, 1L);
    if (x->raw) {
        /* node:http hands over the bytes as sent (no decoding), speaks
         * HTTP/1.1 only and adds no User-Agent of its own */
        SET(CURLOPT_HTTP_CONTENT_DECODING, 0L);
        SET(CURLOPT_HTTP_VERSION, (long) CURL_HTTP_VERSION_1_1);
    } else {
        SET(CURLOPT_ACCEPT_ENCODING, "");       /* every decoder this libcurl has */
        SET(CURLOPT_USERAGENT, "invoke-fcgi/" PACKAGE_VERSION);
    }
    SET(CURLOPT_ERRORBUFFER, x->errbuf);
    SET(CURLOPT_HEADERFUNCTION, js_fetch_on_header);
    SET(CURLOPT_HEADERDATA, (void *) x);
    SET(CURLOPT_WRITEFUNCTION, js_fetch_on_data);
    SET(CURLOPT_WRITEDATA, (void *) x);
    SET(CURLOPT_OPENSOCKETFUNCTION, js_fetch_open_socket);
    SET(CURLOPT_OPENSOCKETDATA, (void *) x);
    SET(CURLOPT_CONNECTTIMEOUT_MS, (long) (js_fetch.connect_timeout * 1000));
    SET(CURLOPT_TIMEOUT_MS, (long) (timeout_ms < 1 ? 1 : timeout_ms));
    SET(CURLOPT_SSL_VERIFYPEER, 1L);
    SET(CURLOPT_SSL_VERIFYHOST, 2L);
    if (js_fetch.ca_file) {
        /* replaces the system store, as curl --cacert does */
        SET(CURLOPT_CAINFO, js_fetch.ca_file);
        SET(CURLOPT_CAPATH, NULL);
    }
    if (x->ca) {
        /* https.request's `ca` replaces the trusted roots, as in Node */
        struct curl_blob blob = { x->ca, strlen(x->ca), CURL_BLOB_COPY };
        SET(CURLOPT_CAINFO_BLOB, &blob);
        SET(CURLOPT_CAINFO, NULL);
        SET(CURLOPT_CAPATH, NULL);
    }
    if (strcmp(method, "HEAD") == 0)
        SET(CURLOPT_NOBODY, 1L);
    else if (strcmp(method, "GET") != 0 || has_body)
        SET(CURLOPT_CUSTOMREQUEST, method);
    if (x->stream_up) {
        /* a POST whose body the read callback gives; without a length,
         * libcurl sends it chunked */
        SET(CURLOPT_POST, 1L);
        SET(CURLOPT_READFUNCTION, js_fetch_on_read);
        SET(CURLOPT_READDATA, (void *) x);
        SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) x->up_length);
    } else if (has_body) {
        SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) body_len);
        SET(CURLOPT_COPYPOSTFIELDS, body_len ? body : "");
    }
    SET(CURLOPT_HTTPHEADER, x->headers);
#undef SET
    return ok ? 0 : -1;
}

/* "name: value" for curl (an empty value needs "name;"), or NULL. */
static struct curl_slist *js_fetch_header(struct curl_slist *l, const char *name,
                                        const char *value)
{
    size_t n = strlen(name) + strlen(value) + 3;
    char *line = malloc(n);
    struct curl_slist *grown;

    if (line == NULL)
        return NULL;
    if (*value)
        snprintf(line, n, "%s: %s", name, value);
    else
        snprintf(line, n, "%s;", name);
    grown = curl_slist_append(l, line);
    free(line);
    return grown;
}

/* Checks fetchStart's header list: [[name, value], ...] of strings without
 * CR, LF or NUL.  Throws TypeError otherwise. */
static void js_fetch_check_headers(duk_context *ctx, duk_idx_t idx)
{
    duk_size_t i, n;

    if (!duk_is_array(ctx, idx))
        (void) duk_type_error(ctx, "headers must be an array of [name, value]");
    n = duk_get_length(ctx, idx);
    for (i = 0; i < n; i++) {
        duk_size_t ln, lv;
        const char *name, *value;
        duk_get_prop_index(ctx, idx, (duk_uarridx_t) i);
        duk_get_prop_index(ctx, -1, 0);
        duk_get_prop_index(ctx, -2, 1);
        name = duk_get_lstring(ctx, -2, &ln);
        value = duk_get_lstring(ctx, -1, &lv);
        if (name == NULL || value == NULL || ln == 0 || strlen(name) != ln ||
            strlen(value) != lv || strpbrk(name, "\r\n:") || strpbrk(value, "\r\n"))
            (void) duk_type_error(ctx, "invalid header");
        duk_pop_3(ctx);
    }
}

/* The header list for curl, plus what keeps libcurl from adding its own
 * Content-Type and Expect; NULL when out of memory. */
static struct curl_slist *js_fetch_headers(duk_context *ctx, duk_idx_t idx, int has_body,
                                         int raw, int *ok)
{
    struct curl_slist *l = NULL, *grown;
    duk_size_t i, n = duk_get_length(ctx, idx);
    int has_type = 0, has_accept = 0;

    *ok = 1;
    for (i = 0; i < n && *ok; i++) {
        const char *name, *value;
        duk_get_prop_index(ctx, idx, (duk_uarridx_t) i);
        duk_get_prop_index(ctx, -1, 0);
        duk_get_prop_index(ctx, -2, 1);
        name = duk_get_string(ctx, -2);
        value = duk_get_string(ctx, -1);
        has_type |= strcasecmp(name, "content-type") == 0;
        has_accept |= strcasecmp(name, "accept") == 0;
        if ((grown = js_fetch_header(l, name, value)) == NULL)
            *ok = 0;
        else
            l = grown;
        duk_pop_3(ctx);
    }
    /* "Name:" removes what libcurl would add: a form type on any body,
     * Expect: 100-continue (a round trip) on large ones */
    if (*ok && has_body && !has_type && (grown = curl_slist_append(l, "Content-Type:")) == NULL)
        *ok = 0;
    else if (*ok && has_body && !has_type)
        l = grown;
    if (*ok && (grown = curl_slist_append(l, "Expect:")) == NULL)
        *ok = 0;
    else if (*ok)
        l = grown;
    /* node:http sends no Accept unless the caller set one */
    if (*ok && raw && !has_accept && (grown = curl_slist_append(l, "Accept:")) == NULL)
        *ok = 0;
    else if (*ok && raw && !has_accept)
        l = grown;
    return l;
}

/* fetchStart(url, method, headers, body[, opts]) -> id.  body: a buffer, or
 * null/undefined for none.  opts (http.js): { raw: true } for node:http's
 * wire (js_fetch_configure), ca: a PEM string replacing the trusted
 * roots (https.request's `ca`).  A host the policy refuses, or a transfer libcurl
 * cannot start, still gets an id: fetchState then reports the error, so
 * JavaScript has one path for every failure. */
static duk_ret_t js_fetch_start(duk_context *ctx)
{
    js_host *h = js_host_of(ctx);
    const char *url = duk_require_string(ctx, 0);
    const char *method = duk_require_string(ctx, 1);
    duk_size_t body_len = 0;
    const char *body = NULL;
    int has_body = !duk_is_null_or_undefined(ctx, 3), ok;
    double timeout_ms = js_fetch.timeout * 1000, now = now_ms();
    js_fetch_xfer *x;

    int raw = 0, stream_up = 0;
    long long up_length = -1;
    const char *ca = NULL;

    js_fetch_check_headers(ctx, 2);
    if (has_body)
        body = duk_require_buffer_data(ctx, 3, &body_len);
    if (duk_is_object(ctx, 4)) {
        duk_get_prop_string(ctx, 4, "stream");
        stream_up = duk_to_boolean(ctx, -1);
        duk_pop(ctx);
        duk_get_prop_string(ctx, 4, "length");
        if (duk_is_number(ctx, -1) && duk_get_number(ctx, -1) >= 0)
            up_length = (long long) duk_get_number(ctx, -1);
        duk_pop(ctx);
        duk_get_prop_string(ctx, 4, "raw");
        raw = duk_to_boolean(ctx, -1);
        duk_get_prop_string(ctx, 4, "ca");
        if (!duk_is_null_or_undefined(ctx, -1))
            ca = duk_require_string(ctx, -1);
        duk_pop_2(ctx);     /* ca stays alive: the object at 4 holds it */
    }
    /* A transfer never outlives its request (fetchPoll frees it at the
     * deadline); the slack lets the request's own timeout (504) win the
     * race rather than a fetch error the function would turn into a 500. */
    if (*h->deadline > 0 && *h->deadline - now + JS_FETCH_DEADLINE_SLACK < timeout_ms)
        timeout_ms = *h->deadline - now + JS_FETCH_DEADLINE_SLACK;
    duk_require_stack(ctx, 4);
    js_fetch_collect(ctx, JS_FETCH_GARBAGE);
    /* No Duktape call below may throw until x is on the list. */
    if (js_fetch_setup() < 0 || (x = calloc(1, sizeof *x)) == NULL)
        return duk_error(ctx, DUK_ERR_ERROR, "fetch: cannot start libcurl");
    x->id = ++js_fetch.next_id;
    x->max_size = js_fetch.max_size;
    x->raw = raw;
    x->stream_up = stream_up;
    x->up_length = up_length;
    if (stream_up)
        has_body = 1;       /* for the headers: no form type, no Expect */
    x->next = js_fetch.xfers;
    js_fetch.xfers = x;
    x->news = 1;
    if (js_fetch_url_host(url, x->host, sizeof x->host, &x->port) < 0) {
        x->done = 1;
        x->result = CURLE_URL_MALFORMAT;
    } else if (js_fetch_name_refused(x)) {
        x->done = x->refused = 1;
        x->result = CURLE_COULDNT_CONNECT;
    } else {
        x->headers = js_fetch_headers(ctx, 2, has_body, raw, &ok);
        x->easy = curl_easy_init();
        if (ca && (x->ca = strdup(ca)) == NULL)
            ok = 0;
        if (!ok || x->easy == NULL ||
            js_fetch_configure(x, url, method, body, body_len, has_body, timeout_ms) < 0 ||
            curl_multi_add_handle(js_fetch.multi, x->easy) != CURLM_OK) {
            x->done = 1;
            x->result = CURLE_OUT_OF_MEMORY;
        } else {
            x->in_multi = 1;
            x->news = 0;
        }
    }
    duk_push_int(ctx, x->id);
    return 1;
}

/* Marks the transfers libcurl has finished. */
static void js_fetch_reap(void)
{
    CURLMsg *m;
    int left;

    while ((m = curl_multi_info_read(js_fetch.multi, &left)) != NULL) {
        js_fetch_xfer *x = NULL;
        if (m->msg != CURLMSG_DONE)
            continue;
        curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **) &x);
        if (x == NULL)
            continue;
        x->done = x->news = 1;
        x->head_ready = 1;
        x->result = m->data.result;
        curl_multi_remove_handle(js_fetch.multi, x->easy);
        x->in_multi = 0;
    }
}

static int js_fetch_count(int news_only)
{
    js_fetch_xfer *x;
    int n = 0;

    for (x = js_fetch.xfers; x; x = x->next)
        n += news_only ? x->news : (!x->done || x->news);
    return n;
}

/* fetchPoll(ms) -> [ids with news], or null once the request's deadline
 * has come.  Waits at most ms (never past the deadline) for any transfer
 * to make progress; does not wait when news is already there. */
static duk_ret_t js_fetch_poll(duk_context *ctx)
{
    js_host *h = js_host_of(ctx);
    double ms = duk_require_number(ctx, 0), now = now_ms();
    js_fetch_xfer *x;
    int running = 0;
    duk_uarridx_t i = 0;

    if (*h->deadline > 0 && now + ms > *h->deadline)
        ms = *h->deadline - now;
    if (!(ms >= 0))
        ms = 0;
    if (ms > 60000)
        ms = 60000;
    if (js_fetch_count(1) > 0)
        ms = 0;
    if (js_fetch.multi) {
        curl_multi_perform(js_fetch.multi, &running);
        js_fetch_reap();
        if (running > 0 && js_fetch_count(1) == 0) {
            curl_multi_poll(js_fetch.multi, NULL, 0, (int) ms, NULL);
            curl_multi_perform(js_fetch.multi, &running);
            js_fetch_reap();
        }
    }
    if (*h->deadline > 0 && now_ms() >= *h->deadline) {
        /* the request is over: nothing of its transfers may outlive it */
        while (js_fetch.xfers)
            js_fetch_free(js_fetch.xfers);
        duk_push_null(ctx);
        return 1;
    }
    duk_push_array(ctx);
    for (x = js_fetch.xfers; x; x = x->next)
        if (x->news) {
            x->news = 0;
            duk_push_int(ctx, x->id);
            duk_put_prop_index(ctx, -2, i++);
        }
    return 1;
}

/* fetchBusy() -> how many transfers are still running or have news. */
static duk_ret_t js_fetch_busy(duk_context *ctx)
{
    duk_push_int(ctx, js_fetch_count(0));
    return 1;
}

/* Node's name for what went wrong: a code and a message, into the
 * caller's buffers. */
static void js_fetch_describe(const js_fetch_xfer *x, const char **code, char *msg, size_t cap)
{
    long os_errno = 0, verify = 0, port = 0;
    double connect = 0;
    char *ip = NULL;
    const char *why = x->errbuf[0] ? x->errbuf : curl_easy_strerror(x->result);

    *code = "UND_ERR";
    if (x->easy) {
        curl_easy_getinfo(x->easy, CURLINFO_OS_ERRNO, &os_errno);
        curl_easy_getinfo(x->easy, CURLINFO_SSL_VERIFYRESULT, &verify);
        curl_easy_getinfo(x->easy, CURLINFO_CONNECT_TIME, &connect);
        curl_easy_getinfo(x->easy, CURLINFO_PRIMARY_IP, &ip);
        curl_easy_getinfo(x->easy, CURLINFO_PRIMARY_PORT, &port);
    }
    if (x->refused) {
        *code = "ERR_NETWORK_POLICY";
        if (x->refused_addr[0])
            snprintf(msg, cap, "the network policy refuses %s (%s)", x->host, x->refused_addr);
        else
            snprintf(msg, cap, "the network policy refuses %s", x->host);
        return;
    }
    if (x->over_size) {
        *code = "ERR_FETCH_MAX_SIZE";
        snprintf(msg, cap, "response body from %s exceeds --fetch-max-size (%lld bytes)",
                 x->host, x->max_size);
        return;
    }
    if (x->head_too_big) {
        *code = "UND_ERR_HEADERS_OVERFLOW";
        snprintf(msg, cap, "headers from %s exceed %d bytes", x->host, JS_FETCH_HEAD_CAP);
        return;
    }
    switch (x->result) {
    case CURLE_COULDNT_RESOLVE_HOST:
        *code = "ENOTFOUND";
        snprintf(msg, cap, "getaddrinfo ENOTFOUND %s", x->host);
        return;
    case CURLE_COULDNT_CONNECT:
        *code = os_errno == ENETUNREACH ? "ENETUNREACH" :
                os_errno == EHOSTUNREACH ? "EHOSTUNREACH" : "ECONNREFUSED";
        snprintf(msg, cap, "connect %s %s:%ld", *code, ip && *ip ? ip : x->host,
                 port > 0 ? port : x->port);
        return;
    case CURLE_OPERATION_TIMEDOUT:
        *code = connect > 0 ? "ETIMEDOUT" : "UND_ERR_CONNECT_TIMEOUT";
        snprintf(msg, cap, "%s: %s", connect > 0 ? "fetch timed out" : "connect timeout", why);
        return;
    case CURLE_PEER_FAILED_VERIFICATION:
        *code = verify == 10 ? "CERT_HAS_EXPIRED" :
                verify == 18 ? "DEPTH_ZERO_SELF_SIGNED_CERT" :
                verify == 19 ? "SELF_SIGNED_CERT_IN_CHAIN" :
                verify == 20 ? "UNABLE_TO_GET_ISSUER_CERT_LOCALLY" :
                verify == 21 ? "UNABLE_TO_VERIFY_LEAF_SIGNATURE" :
                verify == 62 ? "ERR_TLS_CERT_ALTNAME_INVALID" : "ERR_TLS_CERT_INVALID";
        snprintf(msg, cap, "%s: %s", x->host, why);
        return;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CACERT_BADFILE:
        *code = "ERR_SSL_CONNECT";
        break;
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
        *code = "UND_ERR_SOCKET";
        break;
    case CURLE_BAD_CONTENT_ENCODING:
        *code = "Z_DATA_ERROR";
        break;
    case CURLE_URL_MALFORMAT:
        *code = "ERR_INVALID_URL";
        break;
    default:
        break;
    }
    snprintf(msg, cap, "%s: %s", x->host, why);
}

/* fetchState(id) -> { status, head, url, done, code, message, reset } or
 * undefined for an unknown id.  head is the raw header block once the
 * final response's headers are complete; code/message are set when the
 * transfer failed, and reset ("read" or "write") when it failed because
 * the peer reset the connection. */
static duk_ret_t js_fetch_state(duk_context *ctx)
{
    js_fetch_xfer *x = js_fetch_find(duk_require_int(ctx, 0));
    char *url = NULL, msg[CURL_ERROR_SIZE + 600];
    const char *code = NULL;
    int failed;

    if (x == NULL)
        return 0;
    failed = x->done && (x->result != CURLE_OK || x->refused);
    if (failed)
        js_fetch_describe(x, &code, msg, sizeof msg);
    if (x->easy)
        curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &url);
    duk_push_object(ctx);
    duk_push_int(ctx, x->status);
    duk_put_prop_string(ctx, -2, "status");
    duk_push_boolean(ctx, x->done);
    duk_put_prop_string(ctx, -2, "done");
    duk_push_number(ctx, (double) x->data_len);
    duk_put_prop_string(ctx, -2, "buffered");
    if (x->stream_up) {
        duk_push_number(ctx, (double) (x->up_len - x->up_off));
        duk_put_prop_string(ctx, -2, "pending");
    }
    if (failed && x->easy && (x->result == CURLE_SEND_ERROR || x->result == CURLE_RECV_ERROR)) {
        long os_errno = 0;

        /* the peer reset the connection: the call that found out, which
         * node:http names ("write ECONNRESET", "read ECONNRESET") */
        curl_easy_getinfo(x->easy, CURLINFO_OS_ERRNO, &os_errno);
        if (os_errno == ECONNRESET) {
            duk_push_string(ctx, x->result == CURLE_SEND_ERROR ? "write" : "read");
            duk_put_prop_string(ctx, -2, "reset");
        }
    }
    if (x->head_ready && !failed) {
        js_host_push_utf8(ctx, x->head ? x->head : "", x->head_len);
        duk_put_prop_string(ctx, -2, "head");
    }
    if (url) {
        duk_push_string(ctx, url);
        duk_put_prop_string(ctx, -2, "url");
    }
    if (failed) {
        duk_push_string(ctx, code);
        duk_put_prop_string(ctx, -2, "code");
        duk_push_string(ctx, msg);
        duk_put_prop_string(ctx, -2, "message");
    }
    return 1;
}

/* fetchTake(id) -> a Buffer of every body byte not yet taken, or
 * undefined when there is none; resumes a paused transfer. */
static duk_ret_t js_fetch_take(duk_context *ctx)
{
    js_fetch_xfer *x = js_fetch_find(duk_require_int(ctx, 0));
    size_t n;
    void *p;

    if (x == NULL || x->data_len == 0)
        return 0;
    js_fetch_collect(ctx, x->data_len);
    n = x->data_len;
    p = duk_push_fixed_buffer(ctx, n);
    memcpy(p, x->data, n);
    x->data_len = 0;
    if (x->paused && x->in_multi) {
        x->paused = 0;
        curl_easy_pause(x->easy, x->up_paused ? CURLPAUSE_SEND : CURLPAUSE_CONT);
    }
    duk_push_buffer_object(ctx, -1, 0, n, DUK_BUFOBJ_NODEJS_BUFFER);
    return 1;
}

/* fetchWrite(id, chunk) -> the bytes written and not yet sent: chunk (a
 * buffer) queued for a streamed upload, or with null its end.  Throws a
 * RangeError past JS_FETCH_UP_CAP bytes queued (a writer that ignores
 * write()'s false); an unknown or finished transfer takes nothing (0). */
static duk_ret_t js_fetch_write(duk_context *ctx)
{
    js_fetch_xfer *x = js_fetch_find(duk_require_int(ctx, 0));
    duk_size_t n = 0;
    const char *p = duk_is_null_or_undefined(ctx, 1) ? NULL : duk_require_buffer_data(ctx, 1, &n);

    if (x == NULL || !x->stream_up || x->done || x->up_ended) {
        duk_push_int(ctx, 0);
        return 1;
    }
    if (p == NULL) {
        x->up_ended = 1;
    } else if (n > 0) {
        if (x->up_len - x->up_off + n > JS_FETCH_UP_CAP)
            return duk_range_error(ctx, "more than %d bytes written and not yet sent",
                                   JS_FETCH_UP_CAP);
        if (x->up_off > 0) {
            memmove(x->up, x->up + x->up_off, x->up_len - x->up_off);
            x->up_len -= x->up_off;
            x->up_off = 0;
        }
        if (x->up_len + n > x->up_cap) {
            size_t cap = x->up_cap ? x->up_cap : 65536;
            char *q;

            while (cap < x->up_len + n)
                cap *= 2;
            if ((q = realloc(x->up, cap)) == NULL)
                return duk_error(ctx, DUK_ERR_ERROR, "out of memory");
            x->up = q;
            x->up_cap = cap;
        }
        memcpy(x->up + x->up_len, p, n);
        x->up_len += n;
    }
    if (x->up_paused && x->in_multi) {
        x->up_paused = 0;
        curl_easy_pause(x->easy, x->paused ? CURLPAUSE_RECV : CURLPAUSE_CONT);
    }
    duk_push_number(ctx, (double) (x->up_len - x->up_off));
    return 1;
}

/* fetchClose(id): stops the transfer if it runs and frees it. */
static duk_ret_t js_fetch_close(duk_context *ctx)
{
    js_fetch_xfer *x = js_fetch_find(duk_require_int(ctx, 0));

    if (x)
        js_fetch_free(x);
    return 0;
}

/* fetchCloseAll() -> how many were still running: the end of a request. */
static duk_ret_t js_fetch_close_all(duk_context *ctx)
{
    int running = 0;

    while (js_fetch.xfers) {
        running += !js_fetch.xfers->done;
        js_fetch_free(js_fetch.xfers);
    }
    duk_push_int(ctx, running);
    return 1;
}

/* fetchLimits() -> { maxConcurrent, maxSize, timeout, connectTimeout } */
static duk_ret_t js_fetch_limits(duk_context *ctx)
{
    duk_push_object(ctx);
    duk_push_int(ctx, js_fetch.max_concurrent);
    duk_put_prop_string(ctx, -2, "maxConcurrent");
    duk_push_number(ctx, (double) js_fetch.max_size);
    duk_put_prop_string(ctx, -2, "maxSize");
    duk_push_number(ctx, js_fetch.timeout * 1000);
    duk_put_prop_string(ctx, -2, "timeout");
    duk_push_number(ctx, js_fetch.connect_timeout * 1000);
    duk_put_prop_string(ctx, -2, "connectTimeout");
    return 1;
}

#define JS_FETCH_DNS_MAX 32        /* addresses one lookup answers */

/* The error object dnsLookup answers: { code, message }. */
static duk_ret_t js_fetch_dns_fail(duk_context *ctx, const char *code, const char *message)
{
    duk_push_object(ctx);
    duk_push_string(ctx, code);
    duk_put_prop_string(ctx, -2, "code");
    duk_push_string(ctx, message);
    duk_put_prop_string(ctx, -2, "message");
    return 1;
}

/* dnsLookup(host, family) -> [[address, 4|6], ...] or { code, message }.
 * family: 0, 4 or 6.  The resolver is the system's (getaddrinfo, as
 * libcurl's), and the answer passes the same two checks as a fetch: the
 * name against the lists, then every address; an address the policy
 * refuses is left out, so that a function learns no address it may not
 * reach.  Blocks the worker while the resolver works (no event loop in C
 * here): /etc/hosts and a local resolver answer at once. */
static duk_ret_t js_fetch_dns_lookup(duk_context *ctx)
{
    const char *name = duk_require_string(ctx, 0);
    int family = duk_require_int(ctx, 1), rc, n = 0, refused = 0, name_allowed = 0;
    char host[256], msg[400], addrs[JS_FETCH_DNS_MAX][INET6_ADDRSTRLEN];
    int fams[JS_FETCH_DNS_MAX];
    struct addrinfo hints, *res = NULL, *a;
    size_t len = strlen(name), i;

    if (len == 0 || len >= sizeof host)
        return js_fetch_dns_fail(ctx, "ENOTFOUND", "getaddrinfo ENOTFOUND");
    for (i = 0; i <= len; i++)
        host[i] = (char) tolower((unsigned char) name[i]);
    snprintf(msg, sizeof msg, "the network policy refuses %s", host);
    if (net_list_has_host(&js_fetch.deny, host))
        return js_fetch_dns_fail(ctx, "ERR_NETWORK_POLICY", msg);
    if (js_fetch.allow.n > 0) {
        name_allowed = net_list_has_host(&js_fetch.allow, host);
        if (!name_allowed && !js_fetch.allow.has_addr)
            return js_fetch_dns_fail(ctx, "ERR_NETWORK_POLICY", msg);
    }
    memset(&hints, 0, sizeof hints);
    hints.ai_family = family == 4 ? AF_INET : family == 6 ? AF_INET6 : AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;    /* one entry per address, as Node asks */
    rc = getaddrinfo(host, NULL, &hints, &res);
    if (rc != 0) {
        const char *code = rc == EAI_AGAIN ? "EAI_AGAIN" :
                           rc == EAI_FAIL ? "EAI_FAIL" :
                           rc == EAI_MEMORY ? "EAI_MEMORY" : "ENOTFOUND";
        snprintf(msg, sizeof msg, "getaddrinfo %s %s", code, name);
        return js_fetch_dns_fail(ctx, code, msg);
    }
    /* copied out and freed before any Duktape call, which may longjmp */
    for (a = res; a && n < JS_FETCH_DNS_MAX; a = a->ai_next) {
        const void *in;
        if (a->ai_family != AF_INET && a->ai_family != AF_INET6)
            continue;
        if (net_list_has_addr(&js_fetch.deny, a->ai_addr) ||
            (js_fetch.allow.n > 0 && !name_allowed && !net_list_has_addr(&js_fetch.allow, a->ai_addr))) {
            refused++;
            continue;
        }
        in = a->ai_family == AF_INET6 ?
            (const void *) &((const struct sockaddr_in6 *) a->ai_addr)->sin6_addr :
            (const void *) &((const struct sockaddr_in *) a->ai_addr)->sin_addr;
        if (inet_ntop(a->ai_family, in, addrs[n], sizeof addrs[n]) == NULL)
            continue;
        fams[n++] = a->ai_family == AF_INET6 ? 6 : 4;
    }
    freeaddrinfo(res);
    if (n == 0 && refused > 0)
        return js_fetch_dns_fail(ctx, "ERR_NETWORK_POLICY", msg);
    if (n == 0) {
        snprintf(msg, sizeof msg, "getaddrinfo ENOTFOUND %s", name);
        return js_fetch_dns_fail(ctx, "ENOTFOUND", msg);
    }
    duk_push_array(ctx);
    for (rc = 0; rc < n; rc++) {
        duk_push_array(ctx);
        duk_push_string(ctx, addrs[rc]);
        duk_put_prop_index(ctx, -2, 0);
        duk_push_int(ctx, fams[rc]);
        duk_put_prop_index(ctx, -2, 1);
        duk_put_prop_index(ctx, -2, (duk_uarridx_t) rc);
    }
    return 1;
}

static const duk_function_list_entry js_fetch_funcs[] = {
    { "dnsLookup", js_fetch_dns_lookup, 2 },
    { "fetchStart", js_fetch_start, 5 },
    { "fetchWrite", js_fetch_write, 2 },
    { "fetchPoll", js_fetch_poll, 1 },
    { "fetchBusy", js_fetch_busy, 0 },
    { "fetchState", js_fetch_state, 1 },
    { "fetchTake", js_fetch_take, 1 },
    { "fetchClose", js_fetch_close, 1 },
    { "fetchCloseAll", js_fetch_close_all, 0 },
    { "fetchLimits", js_fetch_limits, 0 },
    { NULL, NULL, 0 }
};

void js_fetch_init(duk_context *ctx, js_host *host, const net_opts *o)
{
    net_opts n = *o;

    js_host_put_funcs(ctx, js_fetch_funcs, host);
    net_opts_defaults(&n);
    js_fetch.connect_timeout = n.connect_timeout;
    js_fetch.timeout = n.timeout;
    js_fetch.max_size = n.max_size;
    js_fetch.max_concurrent = n.max_concurrent;
    js_fetch.ca_file = n.ca_file;
    net_list_free(&js_fetch.allow);
    net_list_free(&js_fetch.deny);
    if (net_list_parse(&js_fetch.allow, n.allow) != 0 ||
        net_list_parse(&js_fetch.deny, n.deny) != 0)
        log_sys("error", "fetch: out of memory reading the network policy");
}
