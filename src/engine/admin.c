/* admin.c - the admin panel: pages, login, sessions and the JSON API
 * (admin.h; doc/admin.md, "The admin panel").
 *
 * Who may do what, checked in this order on every request:
 *   1. --admin-allow: an address outside it gets the 404 of a path that
 *      does not exist, as when the panel is off;
 *   2. the static files (the login page, panel.js, panel.css) need
 *      nothing: they hold no data;
 *   3. everything else needs a session: a cookie whose id is a record of
 *      the store (the panel's own scope, "admin"), made at login, that
 *      expires after ADM_SESSION_S;
 *   4. every change (any method but GET and HEAD) also needs the
 *      session's CSRF token in X-CSRF-Token and, when the browser says
 *      where the request comes from (Origin, Sec-Fetch-Site), the panel's
 *      own origin.
 * Login failures are counted per client address in the same scope;
 * ADM_FAILS of them within ADM_FAIL_WINDOW_S answer 429 until the window
 * ends, right password or not.
 *
 * Everything here is C: JSON comes in through the settings' parser
 * (set_json_parse) and leaves through adm_buf, so no Duktape call can
 * longjmp over a buffer this file holds.
 */
#include "config.h"

#include <arpa/inet.h>
#include <crypt.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "common/file.h"
#include "common/http.h"
#include "common/log.h"
#include "common/now.h"
#include "common/utf8.h"
#include "engine/admin.h"
#include "engine/settings.h"
#include "net/net.h"
#include "router/router.h"
#include "store/kv.h"

#define ADM_COOKIE "invoke_admin"
#define ADM_SESSION_S (12 * 3600)   /* a session's life */
#define ADM_FAILS 5                 /* failed logins per address ... */
#define ADM_FAIL_WINDOW_S 300       /* ... per this many seconds */
#define ADM_LOG_TAIL (8 * 1024 * 1024)  /* bytes of the log the logs page reads */
#define ADM_MAX_FUNCS 1000
#define ADM_COMPILED_S (30 * 86400)  /* a cached compile result of a file no view
                                        asked about since (an old release's) goes */
#define ADM_MAX_PATHS 500

/* --- a growing buffer, and JSON written into it --- */

typedef struct {
    char *p;
    size_t len, cap;
    int oom;
} adm_buf;

static void adm_put(adm_buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        char *p;

        while (b->len + n + 1 > cap)
            cap *= 2;
        p = realloc(b->p, cap);
        if (p == NULL) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void adm_puts(adm_buf *b, const char *s)
{
    adm_put(b, s, strlen(s));
}

static void adm_printf(adm_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void adm_printf(adm_buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0)
        adm_put(b, tmp, (size_t) n < sizeof tmp ? (size_t) n : sizeof tmp - 1);
}

/* A JSON string of any bytes: what is not UTF-8 (a key is bytes) becomes
 * U+FFFD, so the page always gets JSON.parse-able text. */
static void adm_json_str(adm_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i = 0, run = 0;

    adm_put(b, "\"", 1);
    while (i < n) {
        unsigned char c = (unsigned char) s[i];
        size_t k;

        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            i++;
            continue;
        }
        if (c >= 0x80 && (k = utf8_seq((const unsigned char *) s + i, n - i)) > 0) {
            i += k;
            continue;
        }
        adm_put(b, s + run, i - run);
        if (c == '"' || c == '\\') {
            char e[2] = { '\\', (char) c };
            adm_put(b, e, 2);
        } else if (c < 0x20) {
            char e[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
            adm_put(b, e, 6);
        } else {
            adm_puts(b, "\\ufffd");
        }
        run = ++i;
    }
    adm_put(b, s + run, n - run);
    adm_put(b, "\"", 1);
}

static void adm_json_cstr(adm_buf *b, const char *s)
{
    if (s == NULL)
        adm_puts(b, "null");
    else
        adm_json_str(b, s, strlen(s));
}

/* A parsed JSON value written back as JSON text (numbers in the fewest
 * digits that read back the same, as JSON.stringify). */
static void adm_json_value(adm_buf *b, const set_json *v)
{
    int i;

    switch (v->type) {
    case SJ_NULL:
        adm_puts(b, "null");
        break;
    case SJ_BOOL:
        adm_puts(b, v->b ? "true" : "false");
        break;
    case SJ_NUM: {
        char num[40];

        snprintf(num, sizeof num, "%.15g", v->num);
        if (strtod(num, NULL) != v->num)
            snprintf(num, sizeof num, "%.17g", v->num);
        adm_puts(b, num);
        break;
    }
    case SJ_STR:
        adm_json_cstr(b, v->str);
        break;
    case SJ_ARR:
    case SJ_OBJ:
        adm_puts(b, v->type == SJ_ARR ? "[" : "{");
        for (i = 0; i < v->n; i++) {
            if (i)
                adm_puts(b, ",");
            if (v->type == SJ_OBJ) {
                adm_json_cstr(b, v->keys[i]);
                adm_puts(b, ":");
            }
            adm_json_value(b, &v->items[i]);
        }
        adm_puts(b, v->type == SJ_ARR ? "]" : "}");
        break;
    }
}

/* --- one request --- */

typedef struct {
    eng *e;
    const adm_config *c;
    const eng_request *r;
    const http_io *io;
    kv *store;
    kv_scope adm_sc, site_sc;
    const char *sub;            /* the path below the panel's: "", "/", "/api/kv"... */
    const char *method;
    char root[PATH_MAX];        /* the site's functions root, real */
    char sid[65], csrf[65];
    int https;
} adm_req;

static const char adm_sec_headers[] =
    "Cache-Control: no-store\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: same-origin\r\n"   /* no-referrer would make Origin "null" */
    "Content-Security-Policy: default-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'\r\n";

/* Sends a whole response: the security headers, extra (lines or NULL),
 * then body. */
static int adm_send(adm_req *q, int status, const char *ctype, const char *extra,
                    const char *body, size_t len)
{
    adm_buf h = { 0 };

    adm_puts(&h, adm_sec_headers);
    if (ctype != NULL)
        adm_printf(&h, "Content-Type: %s\r\n", ctype);
    adm_printf(&h, "Content-Length: %zu\r\n", len);
    if (extra != NULL)
        adm_puts(&h, extra);
    if (h.oom) {
        free(h.p);
        http_send_error(q->io, 500, NULL, NULL);
        return 500;
    }
    if (q->io->head(q->io->ud, status, h.p, h.len) == 0 && len > 0 &&
        strcmp(q->method, "HEAD") != 0)
        q->io->body(q->io->ud, body, len);
    free(h.p);
    return status;
}

/* A JSON body b (freed here); 500 when building it ran out of memory. */
static int adm_send_json(adm_req *q, int status, adm_buf *b)
{
    int rc;

    if (b->oom) {
        free(b->p);
        http_send_error(q->io, 500, NULL, NULL);
        return 500;
    }
    rc = adm_send(q, status, "application/json; charset=utf-8", NULL, b->p ? b->p : "",
                  b->len);
    free(b->p);
    return rc;
}

/* {"error": reason, "message": msg}, with a log line for the
 * administrator's own mistakes and refusals. */
static int adm_error(adm_req *q, int status, const char *msg)
{
    adm_buf b = { 0 };

    adm_puts(&b, "{\"error\":");
    adm_json_cstr(&b, http_reason(status));
    if (msg != NULL) {
        adm_puts(&b, ",\"message\":");
        adm_json_cstr(&b, msg);
    }
    adm_puts(&b, "}");
    log_console(status >= 500 ? "error" : "warn", "admin", q->r->id, msg ? msg : http_reason(status),
                strlen(msg ? msg : http_reason(status)));
    return adm_send_json(q, status, &b);
}

static const adm_file *adm_find_file(const char *name)
{
    const adm_file *f;

    for (f = adm_files; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

static int adm_send_file(adm_req *q, int status, const char *name, const char *extra)
{
    const adm_file *f = adm_find_file(name);
    const char *dot = strrchr(name, '.');
    const char *ctype = "text/html; charset=utf-8";

    if (f == NULL)
        return adm_error(q, 404, NULL);
    if (dot && strcmp(dot, ".js") == 0)
        ctype = "text/javascript; charset=utf-8";
    else if (dot && strcmp(dot, ".css") == 0)
        ctype = "text/css; charset=utf-8";
    return adm_send(q, status, ctype, extra, f->src, f->len);
}

/* 303 to the panel's path + to. */
static int adm_redirect(adm_req *q, const char *to, const char *extra)
{
    adm_buf h = { 0 };
    int rc;

    adm_printf(&h, "Location: %s%s\r\n", q->c->path, to);
    if (extra)
        adm_puts(&h, extra);
    rc = adm_send(q, 303, NULL, h.oom ? NULL : h.p, "", 0);
    free(h.p);
    return rc;
}

/* --- query strings, forms, cookies --- */

/* The value of name in an application/x-www-form-urlencoded text (a query
 * string or a form), decoded into out: its length, or -1 when absent or
 * longer than outlen - 1. */
static long adm_form(const char *s, size_t slen, const char *name, char *out, size_t outlen)
{
    size_t nlen = strlen(name), i = 0;

    while (s != NULL && i < slen) {
        size_t end = i, eq;

        while (end < slen && s[end] != '&')
            end++;
        for (eq = i; eq < end && s[eq] != '='; eq++)
            ;
        if (eq - i == nlen && memcmp(s + i, name, nlen) == 0) {
            size_t o = 0, k;

            for (k = eq < end ? eq + 1 : end; k < end; k++) {
                int c = (unsigned char) s[k];

                if (c == '+')
                    c = ' ';
                else if (c == '%' && k + 2 < end && isxdigit((unsigned char) s[k + 1]) &&
                         isxdigit((unsigned char) s[k + 2])) {
                    char hex[3] = { s[k + 1], s[k + 2], '\0' };

                    c = (int) strtol(hex, NULL, 16);
                    k += 2;
                }
                if (o + 1 >= outlen)
                    return -1;
                out[o++] = (char) c;
            }
            out[o] = '\0';
            return (long) o;
        }
        i = end + 1;
    }
    return -1;
}

static long adm_query(adm_req *q, const char *name, char *out, size_t outlen)
{
    const char *qs = q->r->vars->query;

    return adm_form(qs, qs ? strlen(qs) : 0, name, out, outlen);
}

/* The session id of the request's cookie into q->sid, or "". */
static void adm_cookie(adm_req *q)
{
    const char *c = cgi_get(q->r->vars, "HTTP_COOKIE");
    size_t n = sizeof ADM_COOKIE - 1;

    q->sid[0] = '\0';
    while (c != NULL && *c) {
        c += strspn(c, " ;");
        if (strncmp(c, ADM_COOKIE, n) == 0 && c[n] == '=') {
            size_t len = strcspn(c + n + 1, "; ");

            if (len == 64 && strspn(c + n + 1, "0123456789abcdef") >= 64) {
                memcpy(q->sid, c + n + 1, 64);
                q->sid[64] = '\0';
            }
            return;
        }
        c += strcspn(c, ";");
    }
}

static int adm_random_hex(char *out)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char raw[32];
    int i;

    if (getrandom(raw, sizeof raw, 0) != (ssize_t) sizeof raw)
        return -1;
    for (i = 0; i < 32; i++) {
        out[2 * i] = hex[raw[i] >> 4];
        out[2 * i + 1] = hex[raw[i] & 15];
    }
    out[64] = '\0';
    return 0;
}

/* --- who may come in --- */

static int adm_addr_allowed(const adm_config *c, const char *addr)
{
    struct sockaddr_in6 s6;
    struct sockaddr_in s4;
    net_list l;
    int ok = 0;

    if (c->allow == NULL || *c->allow == '\0')
        return 1;
    if (addr == NULL || net_list_parse(&l, c->allow) < 0)
        return 0;
    memset(&s4, 0, sizeof s4);
    memset(&s6, 0, sizeof s6);
    if (inet_pton(AF_INET, addr, &s4.sin_addr) == 1) {
        s4.sin_family = AF_INET;
        ok = net_list_has_addr(&l, (const struct sockaddr *) &s4);
    } else if (inet_pton(AF_INET6, addr, &s6.sin6_addr) == 1) {
        s6.sin6_family = AF_INET6;
        ok = net_list_has_addr(&l, (const struct sockaddr *) &s6);
    }
    net_list_free(&l);
    return ok;
}

/* Whether the browser says this request comes from elsewhere: an Origin
 * that is not the panel's own (scheme and Host), or Sec-Fetch-Site
 * cross-site / same-site.  A client that says neither (curl, an old
 * browser) is judged by the CSRF token alone. */
static int adm_cross_site(adm_req *q)
{
    const char *origin = cgi_get(q->r->vars, "HTTP_ORIGIN");
    const char *site = cgi_get(q->r->vars, "HTTP_SEC_FETCH_SITE");
    const char *host = cgi_get(q->r->vars, "HTTP_HOST");
    const char *port = cgi_get(q->r->vars, "SERVER_PORT");
    char want[512];

    if (site != NULL && (strcmp(site, "cross-site") == 0 || strcmp(site, "same-site") == 0))
        return 1;
    if (origin == NULL)
        return 0;
    if (host == NULL)
        return 1;
    snprintf(want, sizeof want, "%s://%s", q->https ? "https" : "http", host);
    if (strcmp(origin, want) == 0)
        return 0;
    /* a Host without its port (nginx's $host): the port the server
     * listens on */
    if (port != NULL && strchr(host, ':') == NULL && host[0] != '[') {
        snprintf(want, sizeof want, "%s://%s:%s", q->https ? "https" : "http", host, port);
        return strcmp(origin, want) != 0;
    }
    return 1;
}

/* 403, logging what the browser said, for an administrator whose proxy
 * rewrites Host (the panel then needs the name the browser uses). */
static int adm_refuse_cross(adm_req *q)
{
    char why[600];
    const char *origin = cgi_get(q->r->vars, "HTTP_ORIGIN");
    const char *site = cgi_get(q->r->vars, "HTTP_SEC_FETCH_SITE");
    const char *host = cgi_get(q->r->vars, "HTTP_HOST");

    snprintf(why, sizeof why, "cross-site request refused (Origin %.200s, Sec-Fetch-Site %.20s, "
             "Host %.200s)", origin ? origin : "-", site ? site : "-", host ? host : "-");
    return adm_error(q, 403, why);
}

int adm_passwd_path(const char *passwd, const char *data, char *out, size_t outlen)
{
    int n;

    if (passwd != NULL && *passwd)
        n = snprintf(out, outlen, "%s", passwd);
    else if (data != NULL && *data)
        n = snprintf(out, outlen, "%s/admin.passwd", data);
    else
        return -1;
    return n > 0 && (size_t) n < outlen ? 0 : -1;
}

int adm_hash(const char *pass, char *out, size_t outlen, char *err, size_t errlen)
{
    struct crypt_data *cd = calloc(1, sizeof *cd);
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    const char *h;
    int rc = -1;

    if (cd == NULL) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof salt) == NULL) {
        snprintf(err, errlen, "crypt_gensalt: %s", strerror(errno));
    } else if ((h = crypt_rn(pass, salt, cd, sizeof *cd)) == NULL || *h == '*') {
        snprintf(err, errlen, "crypt: %s", strerror(errno));
    } else if (strlen(h) >= outlen) {
        snprintf(err, errlen, "hash too long");
    } else {
        memcpy(out, h, strlen(h) + 1);
        rc = 0;
    }
    OPENSSL_cleanse(cd, sizeof *cd);
    free(cd);
    return rc;
}

/* 1 when pass matches the hash in the password file, 0 when not, -1 when
 * there is no usable file (logged). */
static int adm_check_password(adm_req *q, const char *pass)
{
    char path[PATH_MAX];
    struct crypt_data *cd;
    char *text, *nl;
    const char *h;
    size_t len;
    int err, ok;

    if (adm_passwd_path(q->c->passwd, q->c->data, path, sizeof path) < 0)
        return -1;
    text = file_read(path, &len, &err);
    if (text == NULL) {
        log_sys("error", "admin: the password file %s: %s (set it with `invoke admin passwd`)",
                path, strerror(err));
        return -1;
    }
    nl = strpbrk(text, "\r\n");
    if (nl)
        *nl = '\0';
    cd = calloc(1, sizeof *cd);
    if (cd == NULL || text[0] != '$') {
        if (cd == NULL)
            log_sys("error", "admin: out of memory");
        else
            log_sys("error", "admin: %s holds no crypt(3) hash", path);
        free(cd);
        free(text);
        return -1;
    }
    h = crypt_rn(pass, text, cd, sizeof *cd);
    ok = h != NULL && *h != '*' && strlen(h) == strlen(text) &&
         CRYPTO_memcmp(h, text, strlen(text)) == 0;
    OPENSSL_cleanse(cd, sizeof *cd);
    free(cd);
    free(text);
    return ok;
}

/* The session of q->sid: 1 with q->csrf filled, else 0. */
static int adm_session(adm_req *q)
{
    char key[80], err[300];
    const char *val;
    size_t vlen;

    if (q->sid[0] == '\0')
        return 0;
    snprintf(key, sizeof key, "session:%s", q->sid);
    if (kv_get(q->store, &q->adm_sc, key, strlen(key), &val, &vlen, NULL, err,
               sizeof err) != KV_OK || vlen != 64)
        return 0;
    memcpy(q->csrf, val, 64);
    q->csrf[64] = '\0';
    return 1;
}

static const char *adm_client(adm_req *q)
{
    const char *a = q->r->vars->remote_addr;

    return a && *a ? a : "-";
}

/* The login page with a message put in its <!--MSG--> mark. */
static int adm_login_page(adm_req *q, int status, const char *msg, const char *extra)
{
    const adm_file *f = adm_find_file("login.html");
    const char *mark;
    adm_buf b = { 0 };
    int rc;

    if (f == NULL || (mark = strstr(f->src, "<!--MSG-->")) == NULL)
        return adm_error(q, 500, "login page missing");
    adm_put(&b, f->src, (size_t) (mark - f->src));
    if (msg)
        adm_puts(&b, msg);  /* our own fixed texts: no markup to escape */
    adm_puts(&b, mark + 10);
    if (b.oom) {
        free(b.p);
        return adm_error(q, 500, NULL);
    }
    rc = adm_send(q, status, "text/html; charset=utf-8", extra, b.p, b.len);
    free(b.p);
    return rc;
}

static int adm_login(adm_req *q)
{
    char pass[1024], key[128], err[300], sess[80], hdr[512];
    const char *val;
    size_t vlen;
    int64_t now = kv_now(), exp = 0;
    int fails = 0, ok;
    const eng_request *r = q->r;

    if (adm_cross_site(q))
        return adm_refuse_cross(q);
    snprintf(key, sizeof key, "fail:%s", adm_client(q));
    if (kv_get(q->store, &q->adm_sc, key, strlen(key), &val, &vlen, &exp, err,
               sizeof err) == KV_OK) {
        char num[32];

        /* the store's buffer is not NUL-terminated */
        snprintf(num, sizeof num, "%.*s", (int) (vlen < sizeof num ? vlen : sizeof num - 1), val);
        fails = atoi(num);
    }
    if (fails >= ADM_FAILS) {
        long wait = exp > now ? (long) ((exp - now + 999) / 1000) : 1;

        snprintf(hdr, sizeof hdr, "Retry-After: %ld\r\n", wait);
        log_console("warn", "admin", r->id, "login refused: too many failures", 33);
        return adm_login_page(q, 429, "Too many failed attempts: try again later.", hdr);
    }
    if (adm_form(r->body, r->body_len, "password", pass, sizeof pass) < 0)
        pass[0] = '\0';
    ok = pass[0] ? adm_check_password(q, pass) : 0;
    OPENSSL_cleanse(pass, sizeof pass);
    if (ok < 0)
        return adm_login_page(q, 500, "No admin password is set: run "
                              "<code>invoke admin passwd</code>.", NULL);
    if (!ok) {
        double n;

        kv_incr(q->store, &q->adm_sc, key, strlen(key), 1, now + ADM_FAIL_WINDOW_S * 1000LL,
                &n, err, sizeof err);
        log_console("warn", "admin", r->id, "login failed: wrong password", 28);
        return adm_login_page(q, 401, "Wrong password.", NULL);
    }
    kv_del(q->store, &q->adm_sc, key, strlen(key), err, sizeof err);
    if (adm_random_hex(q->sid) < 0 || adm_random_hex(q->csrf) < 0)
        return adm_error(q, 500, "no random bytes");
    snprintf(sess, sizeof sess, "session:%s", q->sid);
    if (kv_set(q->store, &q->adm_sc, sess, strlen(sess), q->csrf, 64,
               now + ADM_SESSION_S * 1000LL, err, sizeof err) != KV_OK)
        return adm_error(q, 500, err);
    snprintf(hdr, sizeof hdr,
             "Set-Cookie: " ADM_COOKIE "=%s; Path=%s/; Max-Age=%d; HttpOnly; SameSite=Strict%s\r\n",
             q->sid, q->c->path, ADM_SESSION_S, q->https ? "; Secure" : "");
    log_console("info", "admin", r->id, "login", 5);
    return adm_redirect(q, "/", hdr);
}

static int adm_logout(adm_req *q)
{
    char key[80], err[300], hdr[256];

    snprintf(key, sizeof key, "session:%s", q->sid);
    kv_del(q->store, &q->adm_sc, key, strlen(key), err, sizeof err);
    snprintf(hdr, sizeof hdr,
             "Set-Cookie: " ADM_COOKIE "=; Path=%s/; Max-Age=0; HttpOnly; SameSite=Strict%s\r\n",
             q->c->path, q->https ? "; Secure" : "");
    return adm_redirect(q, "/login", hdr);
}

/* --- the request body as JSON --- */

static int adm_body_json(adm_req *q, set_json *out, char *why, size_t whylen)
{
    if (q->r->body == NULL || q->r->body_len == 0) {
        snprintf(why, whylen, "expected a JSON body");
        return -1;
    }
    if (set_json_parse(q->r->body, q->r->body_len, out, why, whylen) < 0)
        return -1;
    if (out->type != SJ_OBJ) {
        set_json_free(out);
        snprintf(why, whylen, "expected a JSON object");
        return -1;
    }
    return 0;
}

static const char *adm_jstr(const set_json *o, const char *key)
{
    const set_json *v = set_json_get(o, key);

    return v && v->type == SJ_STR ? v->str : NULL;
}

/* --- functions: every route of the root --- */

typedef struct {
    char rel[PATH_MAX];
    char route[PATH_MAX];
} adm_func;

typedef struct {
    adm_func *f;
    size_t n, cap;
} adm_funcs;

static int adm_is_code(const char *name)
{
    static const char *const ext[] = { ".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", NULL };
    size_t n = strlen(name), i;

    for (i = 0; ext[i]; i++) {
        size_t k = strlen(ext[i]);

        if (n > k && strcmp(name + n - k, ext[i]) == 0 &&
            !(k == 3 && n > 5 && strcmp(name + n - 5, ".d.ts") == 0))
            return (int) k;
    }
    return 0;
}

/* The route a file answers: "api/[id].js" -> "/api/[id]", "x/index.js"
 * -> "/x". */
static void adm_route_of(const char *rel, int extlen, char *out, size_t outlen)
{
    size_t n = strlen(rel) - (size_t) extlen;

    snprintf(out, outlen, "/%.*s", (int) n, rel);
    n = strlen(out);
    if (n >= 6 && strcmp(out + n - 6, "/index") == 0)
        out[n - 6 == 0 ? 1 : n - 6] = '\0';
    if (out[0] == '\0')
        snprintf(out, outlen, "/");
}

static void adm_walk(const char *root, const char *rel, int depth, adm_funcs *fs)
{
    char dir[PATH_MAX], sub[PATH_MAX];
    struct dirent *d;
    DIR *h;

    if (depth > 16 || snprintf(dir, sizeof dir, "%s/%s", root, rel) >= (int) sizeof dir)
        return;
    h = opendir(dir);
    if (h == NULL)
        return;
    while ((d = readdir(h)) != NULL && fs->n < ADM_MAX_FUNCS) {
        struct stat st;
        int ext;

        if (d->d_name[0] == '.' || d->d_name[0] == '_' || strcmp(d->d_name, "node_modules") == 0)
            continue;
        if (snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", d->d_name) >= (int) sizeof sub)
            continue;
        if (snprintf(dir, sizeof dir, "%s/%s", root, sub) >= (int) sizeof dir ||
            stat(dir, &st) < 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            adm_walk(root, sub, depth + 1, fs);
        } else if (S_ISREG(st.st_mode) && (ext = adm_is_code(d->d_name)) > 0 &&
                   !route_is_private(sub) && route_confine(root, root, sub, dir) == 0) {
            /* (a symlink out of the root is no function: the router
             * would not serve it either) */
            if (fs->n == fs->cap) {
                size_t cap = fs->cap ? fs->cap * 2 : 32;
                adm_func *p = realloc(fs->f, cap * sizeof *p);

                if (p == NULL)
                    break;
                fs->f = p;
                fs->cap = cap;
            }
            snprintf(fs->f[fs->n].rel, PATH_MAX, "%s", sub);
            adm_route_of(sub, ext, fs->f[fs->n].route, PATH_MAX);
            fs->n++;
        }
    }
    closedir(h);
}

static int adm_func_cmp(const void *a, const void *b)
{
    return strcmp(((const adm_func *) a)->route, ((const adm_func *) b)->route);
}

/* The tail of the log file: up to max bytes ending at its end, from the
 * start of a line.  *off gets the offset of the first byte, *size the
 * file's size.  NULL when there is no log file (stderr) or on error. */
static char *adm_log_read(const adm_config *c, long long from, size_t max, size_t *len,
                          long long *off, long long *size)
{
    FILE *f;
    struct stat st;
    char *buf;
    size_t n;

    if (c->log == NULL || strcmp(c->log, "-") == 0 || (f = fopen(c->log, "r")) == NULL)
        return NULL;
    if (fstat(fileno(f), &st) < 0) {
        fclose(f);
        return NULL;
    }
    *size = st.st_size;
    if (from < 0 || from > st.st_size)     /* a rotated file starts again */
        from = st.st_size > (long long) max ? st.st_size - (long long) max : 0;
    if (st.st_size - from > (long long) max)
        from = st.st_size - (long long) max;
    buf = malloc((size_t) (st.st_size - from) + 1);
    if (buf == NULL || fseeko(f, from, SEEK_SET) < 0) {
        free(buf);
        fclose(f);
        return NULL;
    }
    n = fread(buf, 1, (size_t) (st.st_size - from), f);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    *off = from;
    return buf;
}

/* One log line taken apart: TIME LEVEL REQID FUNC MESSAGE (common/log.c). */
typedef struct {
    const char *f[4];
    size_t flen[4];
    const char *msg;
    size_t mlen;
} adm_line;

static int adm_line_split(const char *s, size_t n, adm_line *l)
{
    size_t i = 0;
    int k;

    for (k = 0; k < 4; k++) {
        size_t st = i;

        while (i < n && s[i] != ' ')
            i++;
        if (i >= n)
            return -1;
        l->f[k] = s + st;
        l->flen[k] = i - st;
        i++;
    }
    l->msg = s + i;
    l->mlen = n - i;
    return 0;
}

/* A function file's compile result, cached in the panel's scope of the
 * store (shared by every process of the site) under "compiled:" and the
 * file's real path, with what identifies the file's version (mtime, size,
 * inode) and the responder's: a view of the functions page compiles only
 * the files that changed since the last view (a result is kept
 * ADM_COMPILED_S after the view that made it).  The value is "VERSION
 * MTIME_NS SIZE INODE\n" then the error ("" when it compiled).
 * Returns 1 when err was filled from the cache, 0 when not. */
static int adm_compile_cached(adm_req *q, const char *file, const struct stat *st, char *key,
                              size_t keylen, char *stamp, size_t stamplen, char *err,
                              size_t errlen)
{
    char why[300];
    const char *val, *nl;
    size_t vlen;

    snprintf(stamp, stamplen, "%s %lld.%09ld %lld %llu\n", PACKAGE_VERSION,
             (long long) st->st_mtim.tv_sec, (long) st->st_mtim.tv_nsec,
             (long long) st->st_size, (unsigned long long) st->st_ino);
    if (snprintf(key, keylen, "compiled:%s", file) >= (int) keylen)
        return 0;
    if (kv_get(q->store, &q->adm_sc, key, strlen(key), &val, &vlen, NULL, why,
               sizeof why) != KV_OK)
        return 0;
    nl = memchr(val, '\n', vlen);
    if (nl == NULL || (size_t) (nl - val + 1) != strlen(stamp) ||
        memcmp(val, stamp, strlen(stamp)) != 0)
        return 0;
    vlen -= (size_t) (nl + 1 - val);
    snprintf(err, errlen, "%.*s", (int) (vlen < errlen ? vlen : errlen - 1), nl + 1);
    return 1;
}

static int adm_api_functions(adm_req *q)
{
    adm_funcs fs = { 0 };
    adm_buf b = { 0 };
    const char *site = q->r->site ? q->r->site : q->r->root;
    const char *since_what = NULL;
    long long since_ms = 0;
    unsigned long long dropped = 0;
    int stats, compiled = 0;
    size_t i;

    adm_walk(q->root, "", 0, &fs);
    if (fs.n > 1)
        qsort(fs.f, fs.n, sizeof *fs.f, adm_func_cmp);
    stats = q->c->stats != NULL && q->c->stats_info != NULL &&
            q->c->stats_info(&since_ms, &dropped, &since_what, q->c->stats_ud) == 0;
    adm_puts(&b, "{\"root\":");
    adm_json_cstr(&b, q->root);
    adm_printf(&b, ",\"stats\":%s", stats ? "true" : "false");
    if (stats) {
        adm_printf(&b, ",\"since\":%lld,\"since_what\":", since_ms);
        adm_json_cstr(&b, since_what);
        adm_printf(&b, ",\"dropped\":%llu", dropped);
    }
    adm_puts(&b, ",\"functions\":[");
    for (i = 0; i < fs.n; i++) {
        char err[1024] = "", file[PATH_MAX], key[KV_MAX_KEY + 1], stamp[128], why[300];
        struct stat st;
        adm_fstats f;

        if (snprintf(file, sizeof file, "%s/%s", q->root, fs.f[i].rel) >= (int) sizeof file) {
            snprintf(err, sizeof err, "path too long");
        } else if (stat(file, &st) < 0) {
            snprintf(err, sizeof err, "%s", strerror(errno));
        } else if (!adm_compile_cached(q, file, &st, key, sizeof key, stamp, sizeof stamp, err,
                                       sizeof err)) {
            adm_buf v = { 0 };

            if (eng_compile(q->e, q->root, file, err, sizeof err) == 0)
                err[0] = '\0';
            compiled++;
            adm_puts(&v, stamp);
            adm_puts(&v, err);
            /* a cache: a failure to store costs the next view a compile */
            if (!v.oom && strncmp(key, "compiled:", 9) == 0 &&
                kv_set(q->store, &q->adm_sc, key, strlen(key), v.p, v.len,
                       kv_now() + ADM_COMPILED_S * 1000LL, why, sizeof why) != KV_OK)
                log_console("warn", "admin", q->r->id, why, strlen(why));
            free(v.p);
        }
        adm_puts(&b, i ? ",{\"route\":" : "{\"route\":");
        adm_json_cstr(&b, fs.f[i].route);
        adm_puts(&b, ",\"file\":");
        adm_json_cstr(&b, fs.f[i].rel);
        adm_puts(&b, ",\"error\":");
        adm_json_cstr(&b, err[0] ? err : NULL);
        if (stats && q->c->stats(site, fs.f[i].rel, &f, q->c->stats_ud) >= 0)
            adm_printf(&b, ",\"requests\":%llu,\"errors\":%llu,\"p50\":%.3f,\"p99\":%.3f}",
                       f.requests, f.errors5xx, f.p50, f.p99);
        else
            adm_puts(&b, "}");
    }
    adm_printf(&b, "],\"compiled\":%d}", compiled);
    free(fs.f);
    return adm_send_json(q, 200, &b);
}

/* A function's source and the settings files that apply to it. */
static int adm_api_source(adm_req *q)
{
    char rel[PATH_MAX], path[PATH_MAX], dir[PATH_MAX];
    static settings set;
    adm_buf b = { 0 };
    size_t len, i;
    char *src;
    int err;

    if (adm_query(q, "file", rel, sizeof rel) <= 0 || route_is_private(rel) ||
        !adm_is_code(rel) || route_confine(q->root, q->root, rel, path) < 0)
        return adm_error(q, 404, "no such function file");
    src = file_read(path, &len, &err);
    if (src == NULL)
        return adm_error(q, 404, "no such function file");
    adm_puts(&b, "{\"file\":");
    adm_json_cstr(&b, rel);
    adm_puts(&b, ",\"source\":");
    adm_json_str(&b, src, len);
    free(src);
    set_resolve(q->root, rel, &set);
    adm_printf(&b, ",\"resolved\":{\"failed\":%s,\"why\":", set.failed ? "true" : "false");
    adm_json_cstr(&b, set.failed ? set.why : NULL);
    adm_printf(&b, ",\"timeout\":%g,\"memory_limit\":%zu,\"max_body\":%ld,\"access\":\"%s\"}",
               set.timeout, set.memory_limit, set.max_body,
               set.access == SET_ACCESS_PUBLIC ? "public" : set.access == SET_ACCESS_KEYS ? "keys" :
               set.access == SET_ACCESS_BASIC ? "basic" : set.access == SET_ACCESS_JWT ? "jwt" :
               "open");
    /* every _settings.json from the root down to the file's folder */
    adm_puts(&b, ",\"settings\":[");
    for (i = 0, len = 0; ; i++) {
        const char *slash = strchr(rel + i, '/');
        char *text;
        size_t tlen;

        snprintf(dir, sizeof dir, "%.*s", (int) i, rel);
        /* dir is "" or ends with its slash */
        if (snprintf(path, sizeof path, "%s/%s_settings.json", q->root, dir) < (int) sizeof path &&
            (text = file_read(path, &tlen, &err)) != NULL) {
            adm_puts(&b, len++ ? ",{\"file\":" : "{\"file\":");
            if (snprintf(path, sizeof path, "%s_settings.json", dir) >= (int) sizeof path)
                path[0] = '\0';
            adm_json_cstr(&b, path);
            adm_puts(&b, ",\"text\":");
            adm_json_str(&b, text, tlen);
            adm_puts(&b, "}");
            free(text);
        }
        if (slash == NULL)
            break;
        i = (size_t) (slash - rel);
    }
    adm_puts(&b, "]}");
    return adm_send_json(q, 200, &b);
}

/* --- the test console: one request through the engine, as `invoke run` --- */

typedef struct {
    int status;
    adm_buf head, body, log;
    int nlog;
} adm_run;

static int adm_run_head(void *ud, int status, const char *headers, size_t len)
{
    adm_run *r = ud;

    r->status = status;
    adm_put(&r->head, headers, len);
    return 0;
}

static int adm_run_body(void *ud, const char *data, size_t len)
{
    adm_run *r = ud;

    if (r->body.len + len > KV_MAX_VALUE)      /* shown in a page: 4 MB is plenty */
        return -1;
    adm_put(&r->body, data, len);
    return 0;
}

static int adm_run_flush(void *ud)
{
    (void) ud;
    return 0;
}

static void adm_run_log(void *ud, const char *line, size_t len)
{
    adm_run *r = ud;

    if (r->nlog++ < 1000)
        adm_put(&r->log, line, len);
}

/* One "NAME=value" into env (up to 64 entries, strings in buf). */
static int adm_env_add(char **env, int *n, adm_buf *store, const char *name, const char *value)
{
    if (*n >= 70)
        return -1;
    env[(*n)++] = (char *) (uintptr_t) store->len;     /* an offset until buf settles */
    adm_puts(store, name);
    adm_puts(store, "=");
    adm_puts(store, value);
    adm_put(store, "", 1);
    return 0;
}

static void adm_json_log_lines(adm_buf *b, const char *text, size_t len)
{
    size_t i = 0;
    int first = 1;

    adm_puts(b, "[");
    while (i < len) {
        const char *s = text + i, *nl = memchr(s, '\n', len - i);
        size_t n = nl ? (size_t) (nl - s) : len - i;
        adm_line l;

        if (n > 0 && adm_line_split(s, n, &l) == 0) {
            adm_puts(b, first ? "{\"time\":" : ",{\"time\":");
            adm_json_str(b, l.f[0], l.flen[0]);
            adm_puts(b, ",\"level\":");
            adm_json_str(b, l.f[1], l.flen[1]);
            adm_puts(b, ",\"id\":");
            adm_json_str(b, l.f[2], l.flen[2]);
            adm_puts(b, ",\"func\":");
            adm_json_str(b, l.f[3], l.flen[3]);
            adm_puts(b, ",\"msg\":");
            adm_json_str(b, l.msg, l.mlen);
            adm_puts(b, "}");
            first = 0;
        }
        i += n + 1;
    }
    adm_puts(b, "]");
}

static int adm_api_run(adm_req *q)
{
    char why[300], id[96], clen[32], name[300];
    const char *method, *path, *body, *ctype = NULL;
    const set_json *hs;
    set_json in;
    char *env[72];
    int n = 0, i, status;
    double t0;
    adm_buf envbuf = { 0 }, b = { 0 };
    adm_run run;
    cgi_vars v;
    eng_request sub;
    http_io io = { NULL, adm_run_head, adm_run_body, adm_run_flush, NULL, NULL };

    if (adm_body_json(q, &in, why, sizeof why) < 0)
        return adm_error(q, 400, why);
    method = adm_jstr(&in, "method");
    path = adm_jstr(&in, "path");
    body = adm_jstr(&in, "body");
    hs = set_json_get(&in, "headers");
    if (method == NULL || !*method || strspn(method, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != strlen(method) ||
        path == NULL || path[0] != '/' || strpbrk(path, " \r\n") != NULL ||
        (hs != NULL && hs->type != SJ_OBJ)) {
        set_json_free(&in);
        return adm_error(q, 400, "expected {\"method\": \"GET\", \"path\": \"/x\", "
                         "\"headers\": {name: value}, \"body\": text}");
    }
    memset(&run, 0, sizeof run);
    snprintf(id, sizeof id, "%.60s-console", q->r->id);
    adm_env_add(env, &n, &envbuf, "REQUEST_METHOD", method);
    adm_env_add(env, &n, &envbuf, "REQUEST_URI", path);
    adm_env_add(env, &n, &envbuf, "QUERY_STRING", strchr(path, '?') ? strchr(path, '?') + 1 : "");
    adm_env_add(env, &n, &envbuf, "SERVER_PROTOCOL", "HTTP/1.1");
    adm_env_add(env, &n, &envbuf, "REMOTE_ADDR", adm_client(q));
    adm_env_add(env, &n, &envbuf, "HTTP_X_REQUEST_ID", id);
    if (q->r->vars->invoke_kv_scope)
        adm_env_add(env, &n, &envbuf, "INVOKE_KV_SCOPE", q->r->vars->invoke_kv_scope);
    if (cgi_get(q->r->vars, "HTTP_HOST"))
        adm_env_add(env, &n, &envbuf, "HTTP_HOST", cgi_get(q->r->vars, "HTTP_HOST"));
    for (i = 0; hs != NULL && i < hs->n; i++) {
        const char *k = hs->keys[i];
        size_t j, kl = strlen(k);

        if (hs->items[i].type != SJ_STR || kl == 0 || kl > 200 ||
            strspn(k, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") != kl ||
            strpbrk(hs->items[i].str, "\r\n") != NULL)
            continue;
        if (strcasecmp(k, "content-type") == 0) {
            ctype = hs->items[i].str;
            continue;
        }
        if (strcasecmp(k, "content-length") == 0 || strcasecmp(k, "host") == 0 ||
            strcasecmp(k, "x-request-id") == 0)
            continue;
        snprintf(name, sizeof name, "HTTP_");
        for (j = 0; j < kl; j++)
            name[5 + j] = k[j] == '-' ? '_' : (char) (k[j] >= 'a' && k[j] <= 'z' ? k[j] - 32 : k[j]);
        name[5 + kl] = '\0';
        adm_env_add(env, &n, &envbuf, name, hs->items[i].str);
    }
    if (ctype)
        adm_env_add(env, &n, &envbuf, "CONTENT_TYPE", ctype);
    snprintf(clen, sizeof clen, "%zu", body ? strlen(body) : 0);
    adm_env_add(env, &n, &envbuf, "CONTENT_LENGTH", clen);
    if (envbuf.oom) {
        set_json_free(&in);
        free(envbuf.p);
        return adm_error(q, 500, NULL);
    }
    for (i = 0; i < n; i++)
        env[i] = envbuf.p + (uintptr_t) env[i];
    env[n] = NULL;
    cgi_parse(&v, env);
    memset(&sub, 0, sizeof sub);
    sub.vars = &v;
    sub.body = body;
    sub.body_len = body ? strlen(body) : 0;
    sub.root = q->r->root;
    sub.site = q->r->site;
    sub.id = id;
    sub.io = &io;
    io.ud = &run;
    log_tee(adm_run_log, &run);
    t0 = now_ms();
    status = eng_handle(q->e, &sub);
    /* the access line's path has no query, as the worker writes it */
    snprintf(name, sizeof name, "%.*s", (int) strcspn(path, "?"), path);
    log_access(id, method, name, status, now_ms() - t0);
    log_tee(NULL, NULL);
    set_json_free(&in);
    free(envbuf.p);
    adm_printf(&b, "{\"id\":");
    adm_json_cstr(&b, id);
    adm_printf(&b, ",\"status\":%d,\"headers\":", run.status ? run.status : status);
    adm_json_str(&b, run.head.p ? run.head.p : "", run.head.len);
    adm_puts(&b, ",\"body\":");
    adm_json_str(&b, run.body.p ? run.body.p : "", run.body.len);
    adm_puts(&b, ",\"log\":");
    adm_json_log_lines(&b, run.log.p ? run.log.p : "", run.log.len);
    adm_puts(&b, "}");
    free(run.head.p);
    free(run.body.p);
    free(run.log.p);
    return adm_send_json(q, 200, &b);
}

/* --- the store --- */

static int adm_api_kv_list(adm_req *q)
{
    char prefix[KV_MAX_KEY + 1], after[KV_MAX_KEY + 1], num[32], err[300];
    long plen = adm_query(q, "prefix", prefix, sizeof prefix);
    long alen = adm_query(q, "after", after, sizeof after);
    long limit = adm_query(q, "limit", num, sizeof num) > 0 ? atol(num) : 50;
    kv_list_result res;
    adm_buf b = { 0 };
    size_t i;

    if (limit < 1 || limit > 1000)
        limit = 50;
    if (kv_list(q->store, &q->site_sc, plen > 0 ? prefix : "", plen > 0 ? (size_t) plen : 0,
                alen > 0 ? after : NULL, alen > 0 ? (size_t) alen : 0, (size_t) limit, 1, &res,
                err, sizeof err) != KV_OK)
        return adm_error(q, 500, err);
    adm_puts(&b, "{\"keys\":[");
    for (i = 0; i < res.n; i++) {
        adm_puts(&b, i ? ",{\"key\":" : "{\"key\":");
        adm_json_str(&b, res.items[i].key, res.items[i].klen);
        adm_printf(&b, ",\"size\":%zu,\"expires\":", res.items[i].vlen);
        if (res.items[i].expires)
            adm_printf(&b, "%lld}", (long long) res.items[i].expires);
        else
            adm_puts(&b, "null}");
    }
    adm_printf(&b, "],\"more\":%s}", res.more ? "true" : "false");
    kv_list_free(&res);
    return adm_send_json(q, 200, &b);
}

static int adm_api_kv_get(adm_req *q)
{
    char key[KV_MAX_KEY + 1], err[300];
    long klen = adm_query(q, "key", key, sizeof key);
    const char *val;
    size_t vlen;
    int64_t exp;
    adm_buf b = { 0 };
    int rc;

    if (klen <= 0)
        return adm_error(q, 400, "expected ?key=");
    rc = kv_get(q->store, &q->site_sc, key, (size_t) klen, &val, &vlen, &exp, err, sizeof err);
    if (rc == KV_NOTFOUND)
        return adm_error(q, 404, "no such key");
    if (rc != KV_OK)
        return adm_error(q, 500, err);
    adm_puts(&b, "{\"key\":");
    adm_json_str(&b, key, (size_t) klen);
    adm_puts(&b, ",\"value\":");
    adm_json_str(&b, val, vlen);        /* the JSON text, as text */
    if (exp)
        adm_printf(&b, ",\"expires\":%lld}", (long long) exp);
    else
        adm_puts(&b, ",\"expires\":null}");
    return adm_send_json(q, 200, &b);
}

/* Stores key = value (JSON text, checked) with ttl seconds (0: none):
 * 0, or -1 with the reason in why. */
static int adm_kv_put(adm_req *q, const char *key, const char *value, int64_t expires,
                      char *why, size_t whylen)
{
    set_json check;
    size_t vlen;

    if (key == NULL || *key == '\0' || strlen(key) > KV_MAX_KEY) {
        snprintf(why, whylen, "expected a key of 1 to %d bytes", KV_MAX_KEY);
        return -1;
    }
    if (value == NULL || set_json_parse(value, strlen(value), &check, why, whylen) < 0) {
        if (value == NULL)
            snprintf(why, whylen, "expected a value (JSON text)");
        else
            snprintf(why + strlen(why), whylen - strlen(why), " (the value is not JSON)");
        return -1;
    }
    set_json_free(&check);
    /* the text as given, without the blanks around it */
    value += strspn(value, " \t\r\n");
    vlen = strlen(value);
    while (vlen > 0 && strchr(" \t\r\n", value[vlen - 1]))
        vlen--;
    if (kv_set(q->store, &q->site_sc, key, strlen(key), value, vlen, expires, why,
               whylen) != KV_OK)
        return -1;
    return 0;
}

static int adm_api_kv_set(adm_req *q)
{
    char why[300];
    set_json in;
    const set_json *ttl;
    int64_t exp = 0;
    int rc;

    if (adm_body_json(q, &in, why, sizeof why) < 0)
        return adm_error(q, 400, why);
    ttl = set_json_get(&in, "ttl");
    if (ttl != NULL && ttl->type == SJ_NUM && ttl->num > 0)
        exp = kv_now() + (int64_t) (ttl->num * 1000.0);
    else if (ttl != NULL && ttl->type != SJ_NULL && !(ttl->type == SJ_NUM && ttl->num == 0)) {
        set_json_free(&in);
        return adm_error(q, 400, "ttl: expected seconds (0 or null: none)");
    }
    rc = adm_kv_put(q, adm_jstr(&in, "key"), adm_jstr(&in, "value"), exp, why, sizeof why);
    set_json_free(&in);
    if (rc < 0)
        return adm_error(q, 400, why);
    return adm_send(q, 200, "application/json; charset=utf-8", NULL, "{\"ok\":true}", 11);
}

static int adm_api_kv_delete(adm_req *q)
{
    char why[300];
    set_json in;
    const char *key;
    int rc;

    if (adm_body_json(q, &in, why, sizeof why) < 0)
        return adm_error(q, 400, why);
    key = adm_jstr(&in, "key");
    rc = key ? kv_del(q->store, &q->site_sc, key, strlen(key), why, sizeof why) : KV_ERR;
    set_json_free(&in);
    if (key == NULL)
        return adm_error(q, 400, "expected {\"key\": string}");
    if (rc == KV_NOTFOUND)
        return adm_error(q, 404, "no such key");
    if (rc != KV_OK)
        return adm_error(q, 500, why);
    return adm_send(q, 200, "application/json; charset=utf-8", NULL, "{\"ok\":true}", 11);
}

/* The whole scope as `invoke kv dump` writes it: one JSON line a record. */
static int adm_api_kv_export(adm_req *q)
{
    char after[KV_MAX_KEY], err[300];
    size_t alen = 0, i;
    kv_list_result res;
    adm_buf b = { 0 };
    int rc;

    do {
        if (kv_list(q->store, &q->site_sc, "", 0, alen ? after : NULL, alen, 1000, 1, &res, err,
                    sizeof err) != KV_OK) {
            free(b.p);
            return adm_error(q, 500, err);
        }
        for (i = 0; i < res.n; i++) {
            adm_puts(&b, "{\"key\":");
            adm_json_str(&b, res.items[i].key, res.items[i].klen);
            adm_puts(&b, ",\"value\":");
            adm_put(&b, res.items[i].val, res.items[i].vlen);
            if (res.items[i].expires)
                adm_printf(&b, ",\"expires\":%lld}\n", (long long) res.items[i].expires);
            else
                adm_puts(&b, ",\"expires\":null}\n");
        }
        if (res.n > 0) {
            alen = res.items[res.n - 1].klen;
            memcpy(after, res.items[res.n - 1].key, alen);
        }
        rc = res.more;
        kv_list_free(&res);
    } while (rc && !b.oom);
    if (b.oom) {
        free(b.p);
        return adm_error(q, 500, "out of memory");
    }
    rc = adm_send(q, 200, "application/x-ndjson; charset=utf-8",
                  "Content-Disposition: attachment; filename=\"kv-dump.jsonl\"\r\n",
                  b.p ? b.p : "", b.len);
    free(b.p);
    return rc;
}

/* A dump (as exported, or `invoke kv dump`'s) into the scope; checked
 * whole first, so a bad line stores nothing. */
static int adm_api_kv_import(adm_req *q)
{
    const char *s = q->r->body, *end = s ? s + q->r->body_len : NULL;
    char why[400];
    int pass, line;
    long done = 0;
    int64_t now = kv_now();
    adm_buf b = { 0 };

    if (s == NULL)
        return adm_error(q, 400, "expected a dump: one {\"key\", \"value\", \"expires\"} a line");
    for (pass = 0; pass < 2; pass++) {
        const char *p = s;

        for (line = 1; p < end; line++) {
            const char *nl = memchr(p, '\n', (size_t) (end - p));
            size_t n = nl ? (size_t) (nl - p) : (size_t) (end - p);
            set_json rec;
            const set_json *k, *v, *x;
            char err[300];

            if (strspn(p, " \t\r") < n) {
                if (set_json_parse(p, n, &rec, err, sizeof err) < 0) {
                    snprintf(why, sizeof why, "line %d: %s", line, err);
                    return adm_error(q, 400, why);
                }
                k = set_json_get(&rec, "key");
                v = set_json_get(&rec, "value");
                x = set_json_get(&rec, "expires");
                if (rec.type != SJ_OBJ || k == NULL || k->type != SJ_STR || v == NULL ||
                    (x != NULL && x->type != SJ_NULL && x->type != SJ_NUM)) {
                    set_json_free(&rec);
                    snprintf(why, sizeof why, "line %d: expected {\"key\": string, \"value\": "
                             "JSON, \"expires\": ms|null}", line);
                    return adm_error(q, 400, why);
                }
                if (pass == 1) {
                    int64_t exp = x && x->type == SJ_NUM ? (int64_t) x->num : 0;
                    adm_buf val = { 0 };

                    if (exp == 0 || exp > now) {
                        adm_json_value(&val, v);
                        if (val.oom || adm_kv_put(q, k->str, val.p ? val.p : "", exp, err,
                                                  sizeof err) < 0) {
                            free(val.p);
                            set_json_free(&rec);
                            snprintf(why, sizeof why, "line %d: %s (records before it were "
                                     "stored)", line, val.oom ? "out of memory" : err);
                            return adm_error(q, 400, why);
                        }
                        done++;
                    }
                    free(val.p);
                }
                set_json_free(&rec);
            }
            p += n + 1;
        }
    }
    adm_printf(&b, "{\"imported\":%ld}", done);
    return adm_send_json(q, 200, &b);
}

/* --- logs and status --- */

static int adm_has(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle), i;

    for (i = 0; k > 0 && i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0)
            return 1;
    return k == 0;
}

static int adm_api_logs(adm_req *q)
{
    char level[32], id[128], func[256], text[256], num[32];
    long long from = adm_query(q, "from", num, sizeof num) > 0 ? atoll(num) : -1, off, size;
    long limit = adm_query(q, "limit", num, sizeof num) > 0 ? atol(num) : 200;
    size_t len, i, start, nlines = 0, keep;
    char *log;
    adm_buf sel = { 0 }, b = { 0 };

    if (adm_query(q, "level", level, sizeof level) < 0)
        level[0] = '\0';
    if (adm_query(q, "id", id, sizeof id) < 0)
        id[0] = '\0';
    if (adm_query(q, "func", func, sizeof func) < 0)
        func[0] = '\0';
    if (adm_query(q, "q", text, sizeof text) < 0)
        text[0] = '\0';
    if (limit < 1 || limit > 2000)
        limit = 200;
    log = adm_log_read(q->c, from, ADM_LOG_TAIL, &len, &off, &size);
    if (log == NULL)
        return adm_error(q, 404, "no log file: the panel reads the log given with --log");
    /* whole lines only: a line being written is read at the next poll */
    while (len > 0 && log[len - 1] != '\n')
        len--;
    for (i = 0, start = 0; i < len; i++) {
        adm_line l;
        size_t n;

        if (log[i] != '\n')
            continue;
        n = i - start;
        if (adm_line_split(log + start, n, &l) == 0 &&
            (!*level || (l.flen[1] == strlen(level) && memcmp(l.f[1], level, l.flen[1]) == 0)) &&
            (!*id || (l.flen[2] == strlen(id) && memcmp(l.f[2], id, l.flen[2]) == 0) ||
             (l.flen[1] == 6 && memcmp(l.f[1], "access", 6) != 0 && adm_has(l.msg, l.mlen, id))) &&
            (!*func || adm_has(l.f[3], l.flen[3], func) ||
             (l.flen[1] == 6 && memcmp(l.f[1], "access", 6) == 0 && adm_has(l.msg, l.mlen, func))) &&
            (!*text || adm_has(log + start, n, text))) {
            adm_put(&sel, log + start, n + 1);
            nlines++;
        }
        start = i + 1;
    }
    /* the last `limit` lines of the selection */
    for (i = sel.len, keep = 0; i > 0; i--)
        if (sel.p[i - 1] == '\n' && i != sel.len && ++keep == (size_t) limit)
            break;
    adm_printf(&b, "{\"next\":%lld,\"size\":%lld,\"matched\":%zu,\"lines\":", off + (long long) len,
               size, nlines);
    adm_json_log_lines(&b, sel.p ? sel.p + i : "", sel.len - i);
    adm_puts(&b, "}");
    free(sel.p);
    free(log);
    return adm_send_json(q, 200, &b);
}

/* Bytes of the regular files of a folder (the store's files). */
static long long adm_du(const char *dir)
{
    char p[PATH_MAX];
    struct dirent *d;
    struct stat st;
    long long total = 0;
    DIR *h = opendir(dir);

    if (h == NULL)
        return -1;
    while ((d = readdir(h)) != NULL)
        /* not the counters file (the server's, not the store) */
        if (strncmp(d->d_name, "invoke-stats", 12) != 0 &&
            snprintf(p, sizeof p, "%s/%s", dir, d->d_name) < (int) sizeof p &&
            stat(p, &st) == 0 && S_ISREG(st.st_mode))
            total += (long long) st.st_blocks * 512;
    closedir(h);
    return total;
}

/* The resident memory of process pid in kB, from /proc, or -1. */
static long adm_rss(long pid)
{
    char path[64], line[256];
    long kb = -1;
    FILE *f;

    snprintf(path, sizeof path, "/proc/%ld/status", pid);
    if ((f = fopen(path, "r")) == NULL)
        return -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0)
            kb = atol(line + 6);
    fclose(f);
    return kb;
}

static int adm_api_status(adm_req *q)
{
    char *workers = q->c->status ? q->c->status(q->c->status_ud) : NULL;
    adm_buf b = { 0 };
    const char *p;
    long rss = 0;

    /* every worker's resident memory: the pids are in the scoreboard */
    for (p = workers; p && (p = strstr(p, "{\"pid\":")) != NULL; p += 7) {
        long kb = adm_rss(atol(p + 7));

        if (kb > 0)
            rss += kb;
    }
    adm_puts(&b, "{\"workers\":");
    adm_puts(&b, workers ? workers : "null");
    adm_printf(&b, ",\"memory_kb\":%ld,\"store_bytes\":%lld,\"time_ms\":%lld}", rss,
               adm_du(q->c->data), (long long) kv_now());
    free(workers);
    return adm_send_json(q, 200, &b);
}

static int adm_api_session(adm_req *q)
{
    adm_buf b = { 0 };

    adm_puts(&b, "{\"csrf\":");
    adm_json_cstr(&b, q->csrf);
    adm_puts(&b, ",\"admin\":");
    adm_json_cstr(&b, q->c->path);
    adm_puts(&b, ",\"root\":");
    adm_json_cstr(&b, q->root);
    adm_printf(&b, ",\"log\":%s}", q->c->log && strcmp(q->c->log, "-") != 0 ? "true" : "false");
    return adm_send_json(q, 200, &b);
}

static int adm_api(adm_req *q, int post)
{
    static const struct {
        const char *path;
        int post;
        int (*fn)(adm_req *);
    } routes[] = {
        { "/api/session", 0, adm_api_session },
        { "/api/functions", 0, adm_api_functions },
        { "/api/source", 0, adm_api_source },
        { "/api/run", 1, adm_api_run },
        { "/api/kv", 0, adm_api_kv_list },
        { "/api/kv/get", 0, adm_api_kv_get },
        { "/api/kv/set", 1, adm_api_kv_set },
        { "/api/kv/delete", 1, adm_api_kv_delete },
        { "/api/kv/export", 0, adm_api_kv_export },
        { "/api/kv/import", 1, adm_api_kv_import },
        { "/api/logs", 0, adm_api_logs },
        { "/api/status", 0, adm_api_status },
    };
    size_t i;

    for (i = 0; i < sizeof routes / sizeof routes[0]; i++)
        if (strcmp(q->sub, routes[i].path) == 0) {
            if (routes[i].post != post)
                return adm_error(q, 405, routes[i].post ? "use POST" : "use GET");
            return routes[i].fn(q);
        }
    return adm_error(q, 404, "no such API");
}

int adm_match(const char *admin, const char *path)
{
    size_t n;

    /* as --admin checks it: "/x", no trailing slash (an INVOKE_ADMIN
     * that is not such a path turns nothing on) */
    if (admin == NULL || admin[0] != '/' || admin[1] == '\0' || path == NULL)
        return 0;
    n = strlen(admin);
    if (admin[n - 1] == '/')
        return 0;
    return strncmp(path, admin, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

int adm_handle(eng *e, const adm_config *c, const eng_request *r)
{
    static adm_req q;           /* PATH_MAX inside: off the stack */
    const char *uri = r->vars->uri ? r->vars->uri : "";
    const char *https = cgi_get(r->vars, "HTTPS");
    const char *site;
    char sub[512], err[300];
    size_t n;
    int rc, post;

    memset(&q, 0, sizeof q);
    q.e = e;
    q.c = c;
    q.r = r;
    q.io = r->io;
    q.method = r->vars->method ? r->vars->method : "GET";
    q.https = https != NULL && (strcmp(https, "on") == 0 || strcmp(https, "1") == 0);
    n = strcspn(uri, "?") - strlen(c->path);
    if (n >= sizeof sub || !adm_addr_allowed(c, r->vars->remote_addr)) {
        http_send_error(r->io, 404, NULL, NULL);
        return 404;
    }
    memcpy(sub, uri + strlen(c->path), n);
    sub[n] = '\0';
    q.sub = sub;
    post = strcmp(q.method, "GET") != 0 && strcmp(q.method, "HEAD") != 0;
    if (strcmp(sub, "/panel.js") == 0 || strcmp(sub, "/panel.css") == 0 ||
        (strcmp(sub, "/login") == 0 && !post))
        return post ? adm_error(&q, 405, NULL) :
               strcmp(sub, "/login") == 0 ? adm_login_page(&q, 200, NULL, NULL) :
               adm_send_file(&q, 200, sub + 1, "Cache-Control: no-cache\r\n");
    q.store = eng_store(e);
    if (q.store == NULL)
        return adm_error(&q, 500, "the admin panel needs the store: give --data");
    site = r->site ? r->site : r->root;
    if (site == NULL || route_root(r->root, q.root) < 0)
        return adm_error(&q, 500, "no functions root");
    {
        const char *name = r->vars->invoke_kv_scope && *r->vars->invoke_kv_scope ?
                           r->vars->invoke_kv_scope : c->kv_scope;

        rc = name ? kv_scope_named(&q.adm_sc, name, "admin", err, sizeof err) :
                    kv_scope_root(&q.adm_sc, site, "admin", err, sizeof err);
        if (rc == KV_OK)
            rc = name ? kv_scope_named(&q.site_sc, name, NULL, err, sizeof err) :
                        kv_scope_root(&q.site_sc, site, NULL, err, sizeof err);
        if (rc != KV_OK)
            return adm_error(&q, 500, err);
    }
    if (strcmp(sub, "/login") == 0)
        return adm_login(&q);
    adm_cookie(&q);
    if (!adm_session(&q)) {
        if (strncmp(sub, "/api/", 5) == 0 || post)
            return adm_error(&q, 401, "log in first");
        return adm_redirect(&q, "/login", NULL);
    }
    if (post) {
        const char *tok = cgi_get(r->vars, "HTTP_X_CSRF_TOKEN");

        if (adm_cross_site(&q))
            return adm_refuse_cross(&q);
        if (tok == NULL || strlen(tok) != 64 || CRYPTO_memcmp(tok, q.csrf, 64) != 0)
            return adm_error(&q, 403, "missing or wrong CSRF token");
    }
    if (sub[0] == '\0')
        return adm_redirect(&q, "/", NULL);
    if (strcmp(sub, "/") == 0)
        return post ? adm_error(&q, 405, NULL) : adm_send_file(&q, 200, "index.html", NULL);
    if (strcmp(sub, "/logout") == 0)
        return post ? adm_logout(&q) : adm_error(&q, 405, "use POST");
    if (strncmp(sub, "/api/", 5) == 0)
        return adm_api(&q, post);
    return adm_error(&q, 404, NULL);
}
