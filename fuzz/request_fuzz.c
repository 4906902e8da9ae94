/* request_fuzz.c - libFuzzer harness for everything a request's bytes reach
 * in the engine: the query-string, cookie, urlencoded and JSON body parsers
 * and the mapping of CGI variables into req (headers, ip, host...).
 *
 * One engine for the whole run, as in a worker; each input becomes one
 * request to t/fixtures/root/echo.js (FUZZ_ROOT), which reads every part of
 * req and answers it as JSON.  Input layout: the first byte picks the
 * Content-Type, then lines: QUERY_STRING, the Cookie header, one more header
 * as "Name: value", and the rest is the body (newlines included).  A crash,
 * a sanitizer report or a 500 from echo.js is a finding.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/cgi.h"
#include "engine/engine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static eng *fz_eng;

static int fz_head(void *ud, int status, const char *h, size_t len)
{
    (void)ud; (void)h; (void)len;
    if (status < 100 || status > 599)
        abort();
    return 0;
}

static int fz_body(void *ud, const char *d, size_t len)
{
    (void)ud; (void)d; (void)len;
    return 0;
}

static int fz_flush(void *ud)
{
    (void)ud;
    return 0;
}

static void fz_start(void)
{
    eng_config c;
    char err[256];

    memset(&c, 0, sizeof c);
    c.root = getenv("FUZZ_ROOT");
    if (c.root == NULL || (c.root = realpath(c.root, NULL)) == NULL) {
        fprintf(stderr, "request_fuzz: set FUZZ_ROOT to a functions root\n");
        abort();
    }
    c.timeout = 2;
    c.memory_limit = 64 * 1024 * 1024;
    fz_eng = eng_new(&c, err, sizeof err);
    if (fz_eng == NULL) {
        fprintf(stderr, "request_fuzz: %s\n", err);
        abort();
    }
}

/* The next line of [*p, end) as a malloc'd C string ("NAME=" prefixed). */
static char *fz_line(const char *name, const char **p, const char *end, int rest)
{
    const char *nl = rest ? end : memchr(*p, '\n', (size_t)(end - *p));
    size_t n, nn = strlen(name);
    char *s;

    if (nl == NULL)
        nl = end;
    n = (size_t)(nl - *p);
    s = malloc(nn + n + 1);
    if (s == NULL)
        abort();
    memcpy(s, name, nn);
    memcpy(s + nn, *p, n);
    s[nn + n] = '\0';
    *p = nl < end ? nl + 1 : end;
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *types[] = {
        "CONTENT_TYPE=application/json", "CONTENT_TYPE=application/x-www-form-urlencoded",
        "CONTENT_TYPE=text/plain; charset=utf-8", "CONTENT_TYPE=application/octet-stream",
        "CONTENT_TYPE=application/vnd.api+json", "CONTENT_TYPE=",
    };
    const char *p = (const char *)data + (size > 0), *end = (const char *)data + size;
    char *query, *cookie, *extra, *colon, *body, clen[64];
    char *envp[16];
    eng_request r;
    cgi_vars vars;
    http_io io = { NULL, fz_head, fz_body, fz_flush, NULL, NULL };
    size_t blen;
    int n = 0, i, st;

    if (fz_eng == NULL)
        fz_start();
    query = fz_line("QUERY_STRING=", &p, end, 0);
    cookie = fz_line("HTTP_COOKIE=", &p, end, 0);
    extra = fz_line("HTTP_", &p, end, 0);
    blen = (size_t)(end - p);       /* the body may hold NUL bytes */
    body = fz_line("", &p, end, 1);
    /* "Name: value" -> HTTP_NAME=value, as a web server maps it */
    colon = strchr(extra, ':');
    if (colon != NULL) {
        *colon = '=';
        for (i = 5; extra + i < colon; i++)
            extra[i] = extra[i] == '-' ? '_' : (char)(extra[i] >= 'a' && extra[i] <= 'z' ? extra[i] - 32 : extra[i]);
    }
    snprintf(clen, sizeof clen, "CONTENT_LENGTH=%zu", blen);
    envp[n++] = "GATEWAY_INTERFACE=CGI/1.1";
    envp[n++] = blen ? "REQUEST_METHOD=POST" : "REQUEST_METHOD=GET";
    envp[n++] = "REQUEST_URI=/echo";
    envp[n++] = "REMOTE_ADDR=127.0.0.1";
    envp[n++] = "HTTP_HOST=localhost";
    envp[n++] = query;
    envp[n++] = cookie;
    if (colon != NULL)
        envp[n++] = extra;
    envp[n++] = (char *)types[size > 0 ? data[0] % 6 : 0];
    envp[n++] = clen;
    envp[n] = NULL;
    memset(&r, 0, sizeof r);
    cgi_parse(&vars, envp);
    r.vars = &vars;
    r.body = body;
    r.body_len = blen;
    r.id = "fuzz";
    r.io = &io;
    st = eng_handle(fz_eng, &r);
    /* echo.js answers any request; a 500 means a parser threw on input a
     * client can send (how raw non-UTF-8 bytes were found) */
    if (st < 100 || st > 599 || st == 500)
        abort();
    free(query);
    free(cookie);
    free(extra);
    free(body);
    return 0;
}
