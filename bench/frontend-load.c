/* frontend-load.c - per-request cost of a module that is already compiled:
 * the worker's in-memory bytecode cache (one stat(), duk_load_function)
 * plus running the module's top level, measured as eng_handle() of a
 * function that requires it minus one that requires nothing.  eng_idle()
 * follows each request, as in the worker, so the garbage collection that
 * a request's garbage costs is counted too.
 *
 * Build (from the build tree): cc -O2 -Isrc -Iduk bench/frontend-load.c \
 *   libinvoke.a libduk.a -lcrypto -ldb -lcurl -licui18n -licuuc -licudata -lm \
 *   -o /tmp/frontend-load
 * Run:  /tmp/frontend-load ROOT N   (ROOT has bare.js and mod.js) */
#include "common/cgi.h"
#include "engine/engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int nop_head(void *ud, int st, const char *h, size_t n) { (void) ud; (void) st; (void) h; (void) n; return 0; }
static int nop_body(void *ud, const char *d, size_t n) { (void) ud; (void) d; (void) n; return 0; }
static int nop_flush(void *ud) { (void) ud; return 0; }

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static double per_request(eng *e, const char *uri, int n)
{
    char path[256], *envp[4];
    http_io io = { NULL, nop_head, nop_body, nop_flush, NULL, NULL };
    cgi_vars vars;
    eng_request r = { .vars = &vars, .id = "bench", .io = &io };
    double t0;
    int i;

    snprintf(path, sizeof path, "REQUEST_URI=%s", uri);
    envp[0] = "REQUEST_METHOD=GET";
    envp[1] = path;
    envp[2] = NULL;
    cgi_parse(&vars, envp);
    eng_handle(e, &r);      /* the cold compile, not counted */
    eng_idle(e);
    t0 = now();
    for (i = 0; i < n; i++) {
        eng_handle(e, &r);
        eng_idle(e);
    }
    return (now() - t0) / n;
}

int main(int argc, char **argv)
{
    eng_config c = { 0 };
    char err[256];
    eng *e;
    int n = argc > 2 ? atoi(argv[2]) : 5000;
    double bare, mod;

    if (argc < 2)
        return 2;
    c.root = argv[1];
    e = eng_new(&c, err, sizeof err);
    if (e == NULL) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    bare = per_request(e, "/bare", n);
    mod = per_request(e, "/mod", n);
    printf("bare %.1f us, with the module %.1f us: load + top level %.1f us\n", bare, mod, mod - bare);
    eng_free(e);
    return 0;
}
