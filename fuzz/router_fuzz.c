/* router_fuzz.c - libFuzzer harness for the router's path decoding.
 *
 * The bytes are a request path as a web server passes it (still
 * percent-encoded, any byte at all); route_resolve decodes and judges every
 * segment against a real functions root (t/fixtures/root, given by
 * FUZZ_ROOT).  Besides ASan/UBSan findings, the harness checks the
 * router's promise: whatever it answers ROUTE_OK with is a file inside the
 * root whose path has no private segment.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "router/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fz_root[PATH_MAX];

static const char *fz_get_root(void)
{
    const char *r;

    if (fz_root[0] != '\0')
        return fz_root;
    r = getenv("FUZZ_ROOT");
    if (r == NULL || realpath(r, fz_root) == NULL) {
        fprintf(stderr, "router_fuzz: set FUZZ_ROOT to a functions root\n");
        abort();
    }
    return fz_root;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *root = fz_get_root();
    size_t rl = strlen(root);
    char *path = malloc(size + 2);
    route_match *m = malloc(sizeof *m);
    char err[256];

    if (path == NULL || m == NULL)
        abort();
    /* a path always starts with '/'; a NUL inside ends it as in C */
    path[0] = '/';
    memcpy(path + 1, data, size);
    path[size + 1] = '\0';
    if (route_resolve(root, path, m, err, sizeof err) == ROUTE_OK) {
        if (strncmp(m->file, root, rl) != 0 || m->file[rl] != '/')
            abort();        /* outside the root */
        if (route_is_private(m->rel))
            abort();        /* a private name was served */
        if (m->nparams < 0 || m->nparams > ROUTE_MAX_PARAMS)
            abort();
    }
    (void)route_is_private(path + 1);
    free(m);
    free(path);
    return 0;
}
