/* settings.c - _settings.json per folder (see settings.h).
 *
 * Each file is parsed once into a set_file and kept while stat() finds
 * the same inode, size and mtime, so a request pays one stat() per folder
 * on the way to its function.  JSON is parsed here, not by the JavaScript
 * engine: the settings are applied before any JavaScript runs, and a
 * mistake must be reported with its line, which Duktape's JSON.parse does
 * not give.  The parser builds a small tree (the files are a few hundred
 * bytes), then the keys are checked against what this version knows.
 */
#include "engine/settings.h"
#include "common/file.h"
#include "common/log.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define SET_FILE "_settings.json"
#define SET_MAX_BYTES (64 * 1024)
#define SET_MAX_DEPTH 16
#define SET_SLOTS 32

/* --- a small JSON parser that remembers lines --- */



typedef struct {
    const char *p, *end;
    int line, depth;
    char *why;
    size_t whylen;
    int failed;
} set_parser;

static void set_fail(set_parser *ps, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_fail(set_parser *ps, int line, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (ps->failed)
        return;
    ps->failed = 1;
    n = snprintf(ps->why, ps->whylen, "%d: ", line);
    if (n < 0 || (size_t) n >= ps->whylen)
        return;
    va_start(ap, fmt);
    vsnprintf(ps->why + n, ps->whylen - (size_t) n, fmt, ap);
    va_end(ap);
}

void set_json_free(set_json *v)
{
    int i;

    if (v->type == SJ_STR)
        free(v->str);
    if (v->type == SJ_ARR || v->type == SJ_OBJ) {
        for (i = 0; i < v->n; i++) {
            set_json_free(&v->items[i]);
            if (v->keys)
                free(v->keys[i]);
        }
        free(v->items);
        free(v->keys);
        free(v->keylines);
    }
    v->type = SJ_NULL;
}

static void set_ws(set_parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')) {
        if (*ps->p == '\n')
            ps->line++;
        ps->p++;
    }
}

static void set_utf8(char *out, size_t *o, unsigned long c)
{
    if (c < 0x80) {
        out[(*o)++] = (char) c;
    } else if (c < 0x800) {
        out[(*o)++] = (char) (0xc0 | (c >> 6));
        out[(*o)++] = (char) (0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
        out[(*o)++] = (char) (0xe0 | (c >> 12));
        out[(*o)++] = (char) (0x80 | ((c >> 6) & 0x3f));
        out[(*o)++] = (char) (0x80 | (c & 0x3f));
    } else {
        out[(*o)++] = (char) (0xf0 | (c >> 18));
        out[(*o)++] = (char) (0x80 | ((c >> 12) & 0x3f));
        out[(*o)++] = (char) (0x80 | ((c >> 6) & 0x3f));
        out[(*o)++] = (char) (0x80 | (c & 0x3f));
    }
}

static int set_hex4(const char *p, unsigned long *out)
{
    int i;

    *out = 0;
    for (i = 0; i < 4; i++) {
        int c = (unsigned char) p[i], d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
        else return -1;
        *out = *out * 16 + (unsigned long) d;
    }
    return 0;
}

/* At the opening '"': the string, malloc'd, or NULL after set_fail.  The
 * output never outgrows the input (every escape is at least as long as
 * what it stands for). */
static char *set_string(set_parser *ps)
{
    const char *p = ps->p + 1;
    char *out = malloc((size_t) (ps->end - ps->p) + 1);
    size_t o = 0;

    if (out == NULL) {
        set_fail(ps, ps->line, "out of memory");
        return NULL;
    }
    while (p < ps->end && *p != '"') {
        unsigned char c = (unsigned char) *p;
        if (c < 0x20) {
            set_fail(ps, ps->line, "a control character in a string");
            goto bad;
        }
        if (c != '\\') {
            out[o++] = (char) c;
            p++;
            continue;
        }
        if (p + 1 >= ps->end)
            break;
        switch (p[1]) {
        case '"': out[o++] = '"'; break;
        case '\\': out[o++] = '\\'; break;
        case '/': out[o++] = '/'; break;
        case 'b': out[o++] = '\b'; break;
        case 'f': out[o++] = '\f'; break;
        case 'n': out[o++] = '\n'; break;
        case 'r': out[o++] = '\r'; break;
        case 't': out[o++] = '\t'; break;
        case 'u': {
            unsigned long cp, lo;
            if (p + 6 > ps->end || set_hex4(p + 2, &cp) < 0) {
                set_fail(ps, ps->line, "a bad \\u escape");
                goto bad;
            }
            if (cp >= 0xd800 && cp < 0xdc00 && p + 12 <= ps->end && p[6] == '\\' && p[7] == 'u' &&
                set_hex4(p + 8, &lo) == 0 && lo >= 0xdc00 && lo < 0xe000) {
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                p += 6;
            } else if (cp >= 0xd800 && cp < 0xe000) {
                set_fail(ps, ps->line, "a lone surrogate in a \\u escape");
                goto bad;
            }
            set_utf8(out, &o, cp);
            p += 6;
            continue;
        }
        default:
            set_fail(ps, ps->line, "a bad escape \\%c", p[1]);
            goto bad;
        }
        p += 2;
    }
    if (p >= ps->end) {
        set_fail(ps, ps->line, "a string that does not end");
        goto bad;
    }
    out[o] = '\0';
    ps->p = p + 1;
    return out;
bad:
    free(out);
    return NULL;
}

static int set_value(set_parser *ps, set_json *v);

/* Grows v->items (and keys) by one; -1 when out of memory. */
static int set_grow(set_parser *ps, set_json *v, int with_keys)
{
    set_json *it = realloc(v->items, sizeof *it * (size_t) (v->n + 1));

    if (it == NULL)
        goto oom;
    v->items = it;
    if (with_keys) {
        char **k = realloc(v->keys, sizeof *k * (size_t) (v->n + 1));
        int *kl;
        if (k == NULL)
            goto oom;
        v->keys = k;
        kl = realloc(v->keylines, sizeof *kl * (size_t) (v->n + 1));
        if (kl == NULL)
            goto oom;
        v->keylines = kl;
        v->keys[v->n] = NULL;
    }
    memset(&v->items[v->n], 0, sizeof v->items[v->n]);
    v->n++;
    return 0;
oom:
    set_fail(ps, ps->line, "out of memory");
    return -1;
}

static int set_container(set_parser *ps, set_json *v, int obj)
{
    char close = obj ? '}' : ']';

    v->type = obj ? SJ_OBJ : SJ_ARR;
    if (++ps->depth > SET_MAX_DEPTH) {
        set_fail(ps, ps->line, "nested too deep");
        return -1;
    }
    ps->p++;
    set_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        ps->depth--;
        return 0;
    }
    for (;;) {
        set_ws(ps);
        if (set_grow(ps, v, obj) < 0)
            return -1;
        if (obj) {
            int i, kline = ps->line;
            char *key;
            if (ps->p >= ps->end || *ps->p != '"') {
                set_fail(ps, ps->line, "expected a \"key\"");
                return -1;
            }
            if ((key = set_string(ps)) == NULL)
                return -1;
            for (i = 0; i < v->n - 1; i++)
                if (strcmp(v->keys[i], key) == 0) {
                    set_fail(ps, kline, "\"%s\" given twice", key);
                    free(key);
                    return -1;
                }
            v->keys[v->n - 1] = key;
            v->keylines[v->n - 1] = kline;
            set_ws(ps);
            if (ps->p >= ps->end || *ps->p != ':') {
                set_fail(ps, ps->line, "expected ':' after \"%s\"", key);
                return -1;
            }
            ps->p++;
        }
        if (set_value(ps, &v->items[v->n - 1]) < 0)
            return -1;
        set_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++;
            ps->depth--;
            return 0;
        }
        set_fail(ps, ps->line, "expected ',' or '%c'", close);
        return -1;
    }
}

static int set_value(set_parser *ps, set_json *v)
{
    set_ws(ps);
    v->line = ps->line;
    if (ps->p >= ps->end) {
        set_fail(ps, ps->line, "unexpected end of file");
        return -1;
    }
    switch (*ps->p) {
    case '{':
        return set_container(ps, v, 1);
    case '[':
        return set_container(ps, v, 0);
    case '"':
        v->type = SJ_STR;
        return (v->str = set_string(ps)) != NULL ? 0 : -1;
    case 't':
    case 'f':
    case 'n': {
        static const char *const words[] = { "true", "false", "null" };
        int i;
        for (i = 0; i < 3; i++) {
            size_t l = strlen(words[i]);
            if ((size_t) (ps->end - ps->p) >= l && memcmp(ps->p, words[i], l) == 0) {
                v->type = i == 2 ? SJ_NULL : SJ_BOOL;
                v->b = i == 0;
                ps->p += l;
                return 0;
            }
        }
        break;
    }
    default:
        if (*ps->p == '-' || isdigit((unsigned char) *ps->p)) {
            char buf[64], *e;
            size_t n = 0;
            const char *q = ps->p;
            while (q < ps->end && n < sizeof buf - 1 && strchr("+-.eE0123456789", *q))
                buf[n++] = *q++;
            buf[n] = '\0';
            errno = 0;
            v->num = strtod(buf, &e);
            if (e == buf || *e != '\0' || errno == ERANGE || !isfinite(v->num))
                break;
            v->type = SJ_NUM;
            ps->p = q;
            return 0;
        }
    }
    set_fail(ps, ps->line, "not JSON here");
    return -1;
}

/* --- one file's settings --- */

enum { HAS_TIMEOUT = 1, HAS_MEMORY = 2, HAS_BODY = 4, HAS_METHODS = 8, HAS_CORS = 16,
       HAS_ACCESS = 32 };

typedef struct set_file {
    char path[PATH_MAX];
    file_stamp stamp;
    int present, failed;
    unsigned long used;         /* the set_resolve that merged it last */
    char why[PATH_MAX + 512];
    unsigned has;
    double timeout;
    size_t memory_limit;
    long max_body;
    unsigned methods;
    int access;
    char *basic_file;
    char *jwt_jwks, *jwt_jwks_url, *jwt_issuer, *jwt_audience;
    unsigned jwt_algs;
    set_cors cors;
    int nenv;
    char *env_name[SET_MAX_ENV], *env_value[SET_MAX_ENV];
} set_file;

static set_file set_slots[SET_SLOTS];
static unsigned set_next_slot;
static unsigned long set_round;     /* counts set_resolve calls */

static const struct { const char *name; unsigned bit; } set_methods[] = {
    { "GET", SET_GET }, { "HEAD", SET_HEAD }, { "POST", SET_POST }, { "PUT", SET_PUT },
    { "PATCH", SET_PATCH }, { "DELETE", SET_DELETE }, { "OPTIONS", SET_OPTIONS }, { NULL, 0 }
};

unsigned set_method_bit(const char *method)
{
    int i;

    for (i = 0; method && set_methods[i].name; i++)
        if (strcmp(method, set_methods[i].name) == 0)
            return set_methods[i].bit;
    return 0;
}

void set_allow(unsigned bits, char *buf, size_t len)
{
    size_t o = 0;
    int i;

    if (len == 0)
        return;
    buf[0] = '\0';
    for (i = 0; set_methods[i].name; i++) {
        if (!(bits & set_methods[i].bit))
            continue;
        o += (size_t) snprintf(buf + o, len - o, "%s%s", o ? ", " : "", set_methods[i].name);
        if (o >= len) {
            buf[len - 1] = '\0';
            return;
        }
    }
}

/* "64m", "512k", "1048576", or a number: bytes, or -1. */
static long set_bytes(const set_json *v)
{
    double n;
    char *e;

    if (v->type == SJ_NUM)
        n = v->num;
    else if (v->type == SJ_STR) {
        n = strtod(v->str, &e);
        if (e == v->str)
            return -1;
        if (*e == 'k' || *e == 'K') n *= 1024, e++;
        else if (*e == 'm' || *e == 'M') n *= 1024 * 1024, e++;
        else if (*e == 'g' || *e == 'G') n *= 1024.0 * 1024 * 1024, e++;
        if (*e != '\0')
            return -1;
    } else {
        return -1;
    }
    if (!(n >= 0) || n > (double) LONG_MAX || n != floor(n))
        return -1;
    return (long) n;
}

static void set_clear(set_file *f)
{
    int i;

    for (i = 0; i < f->nenv; i++) {
        free(f->env_name[i]);
        free(f->env_value[i]);
    }
    f->nenv = 0;
    for (i = 0; i < f->cors.norigin; i++)
        free(f->cors.origin[i]);
    for (i = 0; i < f->cors.nheader; i++)
        free(f->cors.header[i]);
    for (i = 0; i < f->cors.nexpose; i++)
        free(f->cors.expose[i]);
    memset(&f->cors, 0, sizeof f->cors);
    free(f->basic_file);
    f->basic_file = NULL;
    free(f->jwt_jwks);
    free(f->jwt_jwks_url);
    free(f->jwt_issuer);
    free(f->jwt_audience);
    f->jwt_jwks = f->jwt_jwks_url = f->jwt_issuer = f->jwt_audience = NULL;
    f->jwt_algs = 0;
    f->access = 0;
    f->has = 0;
    f->failed = 0;
    f->why[0] = '\0';
}

/* An environment variable's name as .env accepts it. */
static int set_env_name(const char *s)
{
    if (!(isalpha((unsigned char) *s) || *s == '_'))
        return 0;
    for (; *s; s++)
        if (!(isalnum((unsigned char) *s) || *s == '_' || *s == '.'))
            return 0;
    return 1;
}

unsigned set_jwt_alg(const char *name)
{
    if (strcmp(name, "RS256") == 0) return SET_RS256;
    if (strcmp(name, "ES256") == 0) return SET_ES256;
    if (strcmp(name, "EdDSA") == 0) return SET_EDDSA;
    if (strcmp(name, "HS256") == 0) return SET_HS256;
    return 0;
}

/* An HTTP token (a header name). */
static int set_token(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s; s++)
        if (!(isalnum((unsigned char) *s) || strchr("!#$%&'*+-.^_`|~", *s)))
            return 0;
    return 1;
}

/* "https://host[:port]" as a browser sends it in Origin: a scheme, a
 * host, no path, no trailing slash. */
static int set_origin(const char *s)
{
    const char *h = strstr(s, "://");

    if (h == NULL || h == s || h[3] == '\0')
        return 0;
    for (h += 3; *h; h++)
        if (!(isalnum((unsigned char) *h) || *h == '.' || *h == '-' || *h == ':' || *h == '[' || *h == ']'))
            return 0;
    return 1;
}

/* A list of strings each passing ok() into out (strdup'd); how many, or
 * -1 after set_fail. */
static int set_list(set_parser *ps, const set_json *v, int line, const char *what,
                    int (*ok)(const char *), char **out)
{
    int j;

    if (v->type != SJ_ARR || v->n > SET_MAX_LIST) {
        set_fail(ps, line, "%s: expected a list of at most %d strings", what, SET_MAX_LIST);
        return -1;
    }
    for (j = 0; j < v->n; j++) {
        if (v->items[j].type != SJ_STR || !ok(v->items[j].str)) {
            set_fail(ps, v->items[j].line, "%s: not a valid entry", what);
            return -1;
        }
        if ((out[j] = strdup(v->items[j].str)) == NULL) {
            set_fail(ps, line, "out of memory");
            return -1;
        }
    }
    return v->n;
}

static int set_any_origin(const char *s)
{
    return strcmp(s, "*") == 0 || set_origin(s);
}

static void set_apply_cors(set_parser *ps, const set_json *v, int line, set_cors *c)
{
    int i, j, n;

    c->max_age = -1;
    if (v->type != SJ_OBJ) {
        set_fail(ps, line, "cors: expected an object { \"origins\": [...], ... }");
        return;
    }
    for (i = 0; i < v->n && !ps->failed; i++) {
        const char *k = v->keys[i];
        const set_json *x = &v->items[i];
        int kl = v->keylines[i];

        if (strcmp(k, "origins") == 0) {
            if ((n = set_list(ps, x, kl, "cors.origins", set_any_origin, c->origin)) < 0)
                return;
            c->norigin = n;
            for (j = 0; j < n; j++)
                if (strcmp(c->origin[j], "*") == 0)
                    c->any = 1;
        } else if (strcmp(k, "methods") == 0) {
            if (x->type != SJ_ARR) {
                set_fail(ps, kl, "cors.methods: expected a list such as [\"GET\", \"PUT\"]");
                return;
            }
            for (j = 0; j < x->n; j++) {
                unsigned bit = x->items[j].type == SJ_STR ? set_method_bit(x->items[j].str) : 0;
                if (bit == 0) {
                    set_fail(ps, x->items[j].line, "cors.methods: expected GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS");
                    return;
                }
                c->methods |= bit;
            }
        } else if (strcmp(k, "headers") == 0) {
            if ((n = set_list(ps, x, kl, "cors.headers", set_token, c->header)) < 0)
                return;
            c->nheader = n;
        } else if (strcmp(k, "exposeHeaders") == 0) {
            if ((n = set_list(ps, x, kl, "cors.exposeHeaders", set_token, c->expose)) < 0)
                return;
            c->nexpose = n;
        } else if (strcmp(k, "credentials") == 0) {
            if (x->type != SJ_BOOL) {
                set_fail(ps, kl, "cors.credentials: expected true or false");
                return;
            }
            c->credentials = x->b;
        } else if (strcmp(k, "maxAge") == 0) {
            if (x->type != SJ_NUM || x->num < 0 || x->num > 86400 * 365 || x->num != floor(x->num)) {
                set_fail(ps, kl, "cors.maxAge: expected whole seconds");
                return;
            }
            c->max_age = (long) x->num;
        } else {
            set_fail(ps, kl, "cors: unknown key \"%s\"", k);
            return;
        }
    }
    if (c->norigin == 0)
        set_fail(ps, line, "cors: expected \"origins\", a list of origins or \"*\"");
    else if (c->any && c->credentials)
        /* a browser refuses "*" with credentials; answering every origin
         * by name instead would hand any site the user's cookies */
        set_fail(ps, line, "cors: \"credentials\": true needs origins named, not \"*\"");
}

static int set_dup(set_parser *ps, const set_json *x, int line, const char *what, char **out)
{
    if (x->type != SJ_STR || x->str[0] == '\0') {
        set_fail(ps, line, "%s: expected a string", what);
        return -1;
    }
    if ((*out = strdup(x->str)) == NULL) {
        set_fail(ps, line, "out of memory");
        return -1;
    }
    return 0;
}

static void set_apply_jwt(set_parser *ps, const set_json *v, int line, set_file *f)
{
    int i, j;

    if (v->type != SJ_OBJ) {
        set_fail(ps, line, "access.jwt: expected an object { \"jwks\": FILE, ... }");
        return;
    }
    for (i = 0; i < v->n && !ps->failed; i++) {
        const char *k = v->keys[i];
        const set_json *x = &v->items[i];
        int kl = v->keylines[i];

        if (strcmp(k, "jwks") == 0)
            set_dup(ps, x, kl, "access.jwt.jwks", &f->jwt_jwks);
        else if (strcmp(k, "jwksUrl") == 0) {
            if (set_dup(ps, x, kl, "access.jwt.jwksUrl", &f->jwt_jwks_url) == 0 &&
                strncmp(x->str, "https://", 8) != 0 && strncmp(x->str, "http://", 7) != 0)
                set_fail(ps, kl, "access.jwt.jwksUrl: expected an https:// URL");
        }
        else if (strcmp(k, "issuer") == 0)
            set_dup(ps, x, kl, "access.jwt.issuer", &f->jwt_issuer);
        else if (strcmp(k, "audience") == 0)
            set_dup(ps, x, kl, "access.jwt.audience", &f->jwt_audience);
        else if (strcmp(k, "algorithms") == 0) {
            if (x->type != SJ_ARR || x->n == 0) {
                set_fail(ps, kl, "access.jwt.algorithms: expected a list such as [\"RS256\"]");
                return;
            }
            for (j = 0; j < x->n; j++) {
                unsigned bit = x->items[j].type == SJ_STR ? set_jwt_alg(x->items[j].str) : 0;
                if (bit == 0) {
                    set_fail(ps, x->items[j].line, "access.jwt.algorithms: expected RS256, ES256, EdDSA or HS256");
                    return;
                }
                f->jwt_algs |= bit;
            }
        } else {
            set_fail(ps, kl, "access.jwt: unknown key \"%s\"", k);
        }
    }
    if (!ps->failed && (f->jwt_jwks == NULL) == (f->jwt_jwks_url == NULL))
        set_fail(ps, line, "access.jwt: expected \"jwks\", the file of the keys, or \"jwksUrl\" (one of them)");
    if (f->jwt_algs == 0)
        f->jwt_algs = SET_RS256 | SET_ES256 | SET_EDDSA;
}

/* The keys of the file's top object into f; set_fail on the first
 * mistake. */
static void set_apply(set_parser *ps, const set_json *top, set_file *f)
{
    int i, j;

    if (top->type != SJ_OBJ) {
        set_fail(ps, top->line, "expected an object { ... }");
        return;
    }
    for (i = 0; i < top->n && !ps->failed; i++) {
        const char *k = top->keys[i];
        const set_json *v = &top->items[i];
        int line = top->keylines[i];

        if (strcmp(k, "timeout") == 0) {
            if (v->type != SJ_NUM || !(v->num > 0))
                set_fail(ps, line, "timeout: expected a number of seconds above 0");
            f->timeout = v->num;
            f->has |= HAS_TIMEOUT;
        } else if (strcmp(k, "memoryLimit") == 0) {
            if (v->type != SJ_NUM || !(v->num >= 1) || v->num > 1024 * 1024)
                set_fail(ps, line, "memoryLimit: expected a number of megabytes, 1 or more");
            else
                f->memory_limit = (size_t) (v->num * 1024 * 1024);
            f->has |= HAS_MEMORY;
        } else if (strcmp(k, "maxBody") == 0) {
            if ((f->max_body = set_bytes(v)) < 0)
                set_fail(ps, line, "maxBody: expected bytes, as a number or as \"512k\" or \"2m\"");
            f->has |= HAS_BODY;
        } else if (strcmp(k, "methods") == 0) {
            f->methods = 0;
            if (v->type != SJ_ARR || v->n == 0)
                set_fail(ps, line, "methods: expected a list such as [\"GET\", \"POST\"]");
            for (j = 0; v->type == SJ_ARR && j < v->n && !ps->failed; j++) {
                unsigned bit = v->items[j].type == SJ_STR ? set_method_bit(v->items[j].str) : 0;
                if (bit == 0)
                    set_fail(ps, v->items[j].line, "methods: expected GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS");
                f->methods |= bit;
            }
            f->has |= HAS_METHODS;
        } else if (strcmp(k, "env") == 0) {
            if (v->type != SJ_OBJ) {
                set_fail(ps, line, "env: expected an object of NAME: \"value\"");
                continue;
            }
            for (j = 0; j < v->n && !ps->failed; j++) {
                if (!set_env_name(v->keys[j]) || v->items[j].type != SJ_STR) {
                    set_fail(ps, v->keylines[j], "env: %s: expected a NAME and a string value", v->keys[j]);
                    break;
                }
                if (f->nenv == SET_MAX_ENV) {
                    set_fail(ps, v->keylines[j], "env: more than %d variables", SET_MAX_ENV);
                    break;
                }
                f->env_name[f->nenv] = strdup(v->keys[j]);
                f->env_value[f->nenv] = strdup(v->items[j].str);
                if (f->env_name[f->nenv] == NULL || f->env_value[f->nenv] == NULL) {
                    free(f->env_name[f->nenv]);
                    free(f->env_value[f->nenv]);
                    set_fail(ps, line, "out of memory");
                    break;
                }
                f->nenv++;
            }
        } else if (strcmp(k, "cors") == 0) {
            set_apply_cors(ps, v, line, &f->cors);
            f->has |= HAS_CORS;
        } else if (strcmp(k, "access") == 0) {
            /* a kind this version does not know asks for a protection
             * it cannot give: the file fails */
            if (v->type == SJ_STR && strcmp(v->str, "public") == 0)
                f->access = SET_ACCESS_PUBLIC;
            else if (v->type == SJ_STR && strcmp(v->str, "keys") == 0)
                f->access = SET_ACCESS_KEYS;
            else if (v->type == SJ_OBJ && v->n == 1 && strcmp(v->keys[0], "basic") == 0) {
                if (v->items[0].type != SJ_STR || v->items[0].str[0] == '\0')
                    set_fail(ps, v->keylines[0], "access.basic: expected the password file's name");
                else if ((f->basic_file = strdup(v->items[0].str)) == NULL)
                    set_fail(ps, line, "out of memory");
                f->access = SET_ACCESS_BASIC;
            } else if (v->type == SJ_OBJ && v->n == 1 && strcmp(v->keys[0], "jwt") == 0) {
                set_apply_jwt(ps, &v->items[0], v->keylines[0], f);
                f->access = SET_ACCESS_JWT;
            } else
                set_fail(ps, line, "access: expected \"public\", \"keys\", { \"basic\": FILE } or { \"jwt\": {...} }");
            f->has |= HAS_ACCESS;
        } else {
            set_fail(ps, line, "unknown key \"%s\"", k);
        }
    }
}

/* Reads and parses f->path (st: its stat) into f. */
static void set_load(set_file *f, const struct stat *st)
{
    set_parser ps;
    set_json top;
    char *text = NULL, msg[360];
    FILE *fp;
    size_t n;

    set_clear(f);
    file_stamp_set(&f->stamp, st);
    f->present = 1;
    memset(&ps, 0, sizeof ps);
    memset(&top, 0, sizeof top);
    ps.why = msg;
    ps.whylen = sizeof msg;
    ps.line = 1;
    if (st->st_size > SET_MAX_BYTES) {
        set_fail(&ps, 1, "larger than %d bytes", SET_MAX_BYTES);
    } else if ((fp = fopen(f->path, "r")) == NULL) {
        set_fail(&ps, 1, "cannot read: %s", strerror(errno));
    } else {
        text = malloc((size_t) st->st_size + 1);
        n = text ? fread(text, 1, (size_t) st->st_size, fp) : 0;
        fclose(fp);
        if (text == NULL) {
            set_fail(&ps, 1, "out of memory");
        } else {
            ps.p = text;
            ps.end = text + n;
            if (set_value(&ps, &top) == 0) {
                set_ws(&ps);
                if (ps.p != ps.end)
                    set_fail(&ps, ps.line, "more after the end of the JSON");
            }
            if (!ps.failed)
                set_apply(&ps, &top, f);
        }
    }
    set_json_free(&top);
    free(text);
    if (ps.failed) {
        set_clear(f);
        f->failed = 1;
        snprintf(f->why, sizeof f->why, "%s:%s", f->path, msg);
        log_sys("error", "%s (every function below answers 500 until it is fixed)", f->why);
    }
}

/* The parsed file at path, or NULL when there is none. */
static set_file *set_get(const char *path)
{
    struct stat st;
    int i;

    if (stat(path, &st) < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return NULL;
        /* there, but unreadable: the file may guard something, so it
         * fails as a broken one does */
        memset(&st, 0, sizeof st);
    }
    for (i = 0; i < SET_SLOTS; i++) {
        set_file *f = &set_slots[i];
        if (!f->present || strcmp(f->path, path) != 0)
            continue;
        if (!file_stamp_same(&f->stamp, &st))
            set_load(f, &st);
        return f;
    }
    {
        /* never a file this resolve merged already: settings points
         * into it until the request is over */
        set_file *f = &set_slots[set_next_slot++ % SET_SLOTS];
        for (i = 0; i < SET_SLOTS && f->present && f->used == set_round; i++)
            f = &set_slots[set_next_slot++ % SET_SLOTS];
        if (f->present && f->used == set_round) {
            /* more folders with settings on the way than slots: refused,
             * never skipped */
            static set_file full;
            full.failed = 1;
            snprintf(full.why, sizeof full.why, "%s: more than %d settings files on the way", path, SET_SLOTS);
            return &full;
        }
        set_clear(f);
        snprintf(f->path, sizeof f->path, "%s", path);
        set_load(f, &st);
        return f;
    }
}

static void set_merge(settings *out, set_file *f, size_t dir)
{
    int i, j;

    f->used = set_round;
    if (f->failed) {
        out->failed = 1;
        snprintf(out->why, sizeof out->why, "%s", f->why);
        return;
    }
    if (f->has & HAS_TIMEOUT)
        out->timeout = f->timeout;
    if (f->has & HAS_MEMORY)
        out->memory_limit = f->memory_limit;
    if (f->has & HAS_BODY)
        out->max_body = f->max_body;
    if (f->has & HAS_METHODS)
        out->methods = f->methods;
    if (f->has & HAS_CORS)
        out->cors = &f->cors;
    if (f->has & HAS_ACCESS) {
        out->access = f->access;
        out->access_dir = dir;
        out->basic_file = f->basic_file;
        out->jwt_jwks = f->jwt_jwks;
        out->jwt_jwks_url = f->jwt_jwks_url;
        out->jwt_issuer = f->jwt_issuer;
        out->jwt_audience = f->jwt_audience;
        out->jwt_algs = f->jwt_algs;
    }
    for (i = 0; i < f->nenv; i++) {
        for (j = 0; j < out->nenv; j++)
            if (strcmp(out->env_name[j], f->env_name[i]) == 0)
                break;
        if (j == out->nenv) {
            if (out->nenv == SET_MAX_ENV)
                continue;
            out->nenv++;
        }
        out->env_name[j] = f->env_name[i];
        out->env_value[j] = f->env_value[i];
    }
}

void set_resolve(const char *root, const char *rel, settings *out)
{
    char path[PATH_MAX];
    size_t rl = strlen(root);
    const char *s = rel;

    memset(out, 0, sizeof *out);
    out->max_body = -1;
    set_round++;
    if (rl + 1 >= sizeof path)
        return;
    memcpy(path, root, rl);
    /* root/_settings.json, then root/a/_settings.json for each folder
     * a/ of rel, down to rel's own */
    for (;;) {
        set_file *f;
        const char *slash = strchr(s, '/');

        if (rl + 1 + strlen(SET_FILE) + 1 > sizeof path)
            return;
        snprintf(path + rl, sizeof path - rl, "/%s", SET_FILE);
        if ((f = set_get(path)) != NULL)
            set_merge(out, f, s == rel ? 0 : (size_t) (s - rel - 1));
        if (out->failed || slash == NULL)
            return;
        if (rl + 1 + (size_t) (slash - s) >= sizeof path)
            return;
        path[rl] = '/';
        memcpy(path + rl + 1, s, (size_t) (slash - s));
        rl += 1 + (size_t) (slash - s);
        s = slash + 1;
    }
}

/* --- CORS --- */

static int set_origin_allowed(const set_cors *c, const char *origin)
{
    int i;

    if (origin == NULL || *origin == '\0')
        return 0;
    if (c->any)
        return 1;
    for (i = 0; i < c->norigin; i++)
        if (strcasecmp(c->origin[i], origin) == 0)
            return 1;
    return 0;
}

/* Every name of the comma-separated list names (Access-Control-Request-
 * Headers) among the allowed ones. */
static int set_headers_allowed(const set_cors *c, const char *names)
{
    while (names && *names) {
        size_t n;
        int i, found = 0;

        names += strspn(names, " \t,");
        n = strcspn(names, ",");
        while (n > 0 && (names[n - 1] == ' ' || names[n - 1] == '\t'))
            n--;
        if (n == 0)
            break;
        for (i = 0; i < c->nheader && !found; i++)
            found = strlen(c->header[i]) == n && strncasecmp(c->header[i], names, n) == 0;
        if (!found)
            return 0;
        names += n;
        names += strcspn(names, ",");
    }
    return 1;
}

/* Appends fmt to out at *o, keeping out a string however long it gets. */
static void set_add(char *out, size_t len, size_t *o, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void set_add(char *out, size_t len, size_t *o, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (*o >= len)
        return;
    va_start(ap, fmt);
    n = vsnprintf(out + *o, len - *o, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t) n >= len - *o)
        *o = len;
    else
        *o += (size_t) n;
}

static void set_add_list(char *out, size_t len, size_t *o, const char *name,
                         char *const *list, int n)
{
    int i;

    if (n == 0)
        return;
    set_add(out, len, o, "%s: ", name);
    for (i = 0; i < n; i++)
        set_add(out, len, o, "%s%s", i ? ", " : "", list[i]);
    set_add(out, len, o, "\r\n");
}

int set_cors_headers(const set_cors *c, const char *origin, const char *req_method,
                     const char *req_headers, char *out, size_t len)
{
    size_t o = 0;
    unsigned methods = c->methods ? c->methods : SET_GET | SET_HEAD | SET_POST;
    int allowed = set_origin_allowed(c, origin);
    char allow[96];

    if (len == 0)
        return req_method ? SET_CORS_PREFLIGHT_REFUSED : SET_CORS_SIMPLE;
    out[0] = '\0';
    if (req_method != NULL) {
        set_add(out, len, &o, "Vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers\r\n");
        if (!allowed || !(set_method_bit(req_method) & methods) || !set_headers_allowed(c, req_headers))
            return SET_CORS_PREFLIGHT_REFUSED;
    } else {
        set_add(out, len, &o, "Vary: Origin\r\n");
        if (!allowed)
            return SET_CORS_SIMPLE;
    }
    /* "*" is said as "*" (no credentials can come with it, settings
     * refuse the pair); a named origin is echoed, being the one that
     * asked */
    set_add(out, len, &o, "Access-Control-Allow-Origin: %s\r\n", c->any ? "*" : origin);
    if (c->credentials)
        set_add(out, len, &o, "Access-Control-Allow-Credentials: true\r\n");
    if (req_method != NULL) {
        set_allow(methods, allow, sizeof allow);
        set_add(out, len, &o, "Access-Control-Allow-Methods: %s\r\n", allow);
        set_add_list(out, len, &o, "Access-Control-Allow-Headers", c->header, c->nheader);
        if (c->max_age >= 0)
            set_add(out, len, &o, "Access-Control-Max-Age: %ld\r\n", c->max_age);
    } else {
        set_add_list(out, len, &o, "Access-Control-Expose-Headers", c->expose, c->nexpose);
    }
    if (o >= len) {
        /* cut: better no CORS than a broken header */
        out[0] = '\0';
        return req_method ? SET_CORS_PREFLIGHT_REFUSED : SET_CORS_SIMPLE;
    }
    return req_method ? SET_CORS_PREFLIGHT_OK : SET_CORS_SIMPLE;
}

/* --- JSON for the other parts of the engine (access.c: JWT) --- */

int set_json_parse(const char *text, size_t len, set_json *out, char *why, size_t whylen)
{
    set_parser ps;

    memset(&ps, 0, sizeof ps);
    memset(out, 0, sizeof *out);
    ps.p = text;
    ps.end = text + len;
    ps.line = 1;
    ps.why = why;
    ps.whylen = whylen;
    if (set_value(&ps, out) == 0) {
        set_ws(&ps);
        if (ps.p != ps.end)
            set_fail(&ps, ps.line, "more after the end of the JSON");
    }
    if (ps.failed) {
        set_json_free(out);
        return -1;
    }
    return 0;
}

const set_json *set_json_get(const set_json *obj, const char *key)
{
    int i;

    if (obj == NULL || obj->type != SJ_OBJ)
        return NULL;
    for (i = 0; i < obj->n; i++)
        if (strcmp(obj->keys[i], key) == 0)
            return &obj->items[i];
    return NULL;
}
