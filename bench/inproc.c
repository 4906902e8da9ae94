/* inproc.c - the per-request cost of the four bench/run scenarios inside
 * one worker, without the FastCGI hop: eng_handle() with the CGI variables
 * nginx's fastcgi_params sends and a null http_io.  Run it under
 * `valgrind --tool=callgrind` for instruction counts (repeatable on a busy
 * machine, unlike the wall clock it also prints).
 *
 * Build: see bench/inproc.sh, which also runs it under callgrind.
 * Run:  /tmp/inproc SCENARIO N [DATA]   (hello, echo, counter, webhook;
 *       the functions are bench/invoke's; DATA: a store folder for counter)
 *       INPROC_IDLE=1: eng_idle() after each request, as src/server/worker.c does
 *       INPROC_COUNT=1: the admin panel's shared per-function counters
 *       updated after each request (sb_count, in a fresh DATA/invoke-stats
 *       or, without DATA, shared memory), as the worker does
 */
#include "common/cgi.h"
#include "common/now.h"
#include "engine/engine.h"
#include "server/scoreboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int nop_head(void *ud, int st, const char *h, size_t n) { (void) ud; (void) st; (void) h; (void) n; return 0; }
static int nop_body(void *ud, const char *d, size_t n) { (void) ud; (void) d; (void) n; return 0; }
static int nop_flush(void *ud) { (void) ud; return 0; }

/* The measured loop, apart so that callgrind can count it alone:
 * valgrind --tool=callgrind --toggle-collect=run_requests ...
 * With idle set, eng_idle() follows each request as in the worker, so the
 * collections' cost, amortised, is part of the figure. */
static __attribute__((noinline)) int run_requests(eng *e, eng_request *r, int n, int idle,
                                                  int count, const char *site)
{
    int i, status = 0;

    for (i = 0; i < n; i++) {
        /* the clock is read either way (the worker's access line does),
         * so that INPROC_COUNT's difference is the counting alone */
        double t0 = now_ms();

        status = eng_handle(e, r);
        if (count)
            sb_count(site, eng_last_function(e), status, now_ms() - t0);
        if (idle)
            eng_idle(e);
    }
    return status;
}

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* What nginx sends for the bench/run location of invoke-fcgi. */
static const char *const base_env[] = {
    "QUERY_STRING=", "DOCUMENT_ROOT=/usr/share/nginx/html",
    "SCRIPT_NAME=/invoke/x", "DOCUMENT_URI=/invoke/x",
    "SERVER_PROTOCOL=HTTP/1.1", "REQUEST_SCHEME=http",
    "GATEWAY_INTERFACE=CGI/1.1", "SERVER_SOFTWARE=nginx/1.22.1",
    "REMOTE_ADDR=127.0.0.1", "REMOTE_PORT=51234", "REMOTE_USER=",
    "SERVER_ADDR=127.0.0.1", "SERVER_PORT=8080", "SERVER_NAME=",
    "REDIRECT_STATUS=200", "HTTP_HOST=127.0.0.1", "INVOKE_BASE=/invoke",
    NULL
};

int main(int argc, char **argv)
{
    const char *scen = argc > 1 ? argv[1] : "hello";
    int n = argc > 2 ? atoi(argv[2]) : 1000, i, k = 0, status = 0;
    eng_config c = { 0 };
    http_io io = { NULL, nop_head, nop_body, nop_flush, NULL, NULL };
    char *envp[40], uri[64], cl[64], *body = NULL, err[256], root[4096];
    size_t blen = 0;
    eng_request r = { 0 };  /* root, site: the engine's defaults */
    cgi_vars vars;
    eng *e;
    double t0;

    /* INPROC_ROOT: another folder of functions, for experiments */
    if (realpath(getenv("INPROC_ROOT") ? getenv("INPROC_ROOT") : "bench/invoke", root) == NULL) {
        perror("inproc: bench/invoke");
        return 2;
    }
    c.root = root;
    c.data = argc > 3 ? argv[3] : NULL;
    c.timeout = 30;
    for (i = 0; base_env[i]; i++)
        envp[k++] = (char *) base_env[i];
    snprintf(uri, sizeof uri, "REQUEST_URI=/invoke/%s", scen);
    envp[k++] = uri;
    if (strcmp(scen, "echo") == 0 || strcmp(scen, "webhook") == 0) {
        FILE *f = fopen(strcmp(scen, "echo") == 0 ? "/tmp/inproc-echo.json" : "/tmp/inproc-webhook.json", "rb");
        if (f == NULL) {
            fprintf(stderr, "inproc: make /tmp/inproc-%s.json first (see bench/inproc.sh)\n", scen);
            return 2;
        }
        body = malloc(65536);
        blen = fread(body, 1, 65536, f);
        fclose(f);
        snprintf(cl, sizeof cl, "CONTENT_LENGTH=%zu", blen);
        envp[k++] = "REQUEST_METHOD=POST";
        envp[k++] = "CONTENT_TYPE=application/json";
        envp[k++] = cl;
        if (strcmp(scen, "webhook") == 0)
            envp[k++] = getenv("INPROC_SIG_PARAM");
    } else {
        envp[k++] = "REQUEST_METHOD=GET";
        envp[k++] = "CONTENT_TYPE=";
        envp[k++] = "CONTENT_LENGTH=";
    }
    envp[k] = NULL;
    memset(&r, 0, sizeof r);
    cgi_parse(&vars, envp);
    r.vars = &vars;
    r.body = body;
    r.body_len = blen;
    r.id = "bench";
    r.io = &io;
    e = eng_new(&c, err, sizeof err);
    if (e == NULL) {
        fprintf(stderr, "inproc: %s\n", err);
        return 1;
    }
    status = eng_handle(e, &r);     /* the cold compile, not counted */
    t0 = now_us();
    if (getenv("INPROC_COUNT") != NULL && sb_stats_open(c.data, SB_STATS_FRESH) < 0)
        return 1;
    status = run_requests(e, &r, n, getenv("INPROC_IDLE") != NULL,
                          getenv("INPROC_COUNT") != NULL, root);
    printf("%s: status %d, %.1f us per request over %d\n", scen, status, (now_us() - t0) / n, n);
    eng_free(e);
    free(body);
    return status < 500 ? 0 : 1;
}
