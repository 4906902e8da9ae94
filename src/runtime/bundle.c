/* bundle.c - the embedded runtime's identity (see bundle.h). */
#include "config.h"
#include "runtime/bundle.h"

#include "duktape.h"

#include <string.h>

int bundle_in_heap(const char *name, int front)
{
    static const char *const own[] = { "acorn.js", "acorn-typescript.js", "typescript.js", "front.js", NULL };
    /* what the lowered plugin calls: __invoke's helpers, Map, Set... */
    static const char *const shared[] = { "promise.js", "front-rt.js", "stdlib.js", NULL };
    /* the TypeScript plugin: only once a .ts file is compiled */
    static const char ts[] = "acorn-typescript.js";
    int i;

    if (front == BUNDLE_FRONT_TS || strcmp(name, ts) == 0)
        return front == BUNDLE_FRONT_TS && strcmp(name, ts) == 0;
    for (i = 0; own[i] != NULL; i++)
        if (strcmp(name, own[i]) == 0)
            return front;
    if (!front)
        return 1;
    for (i = 0; shared[i] != NULL; i++)
        if (strcmp(name, shared[i]) == 0)
            return 1;
    return 0;
}

/* Computed once: the embedded sources are ~1 MB. */
unsigned long long bundle_id(void)
{
    static const char build[] = PACKAGE_VERSION " " __DATE__ " " __TIME__ " " DUK_GIT_DESCRIBE;
    static unsigned long long id;
    unsigned long long h = 14695981039346656037ULL;
    const bundle_file *f;
    size_t i;

    if (id != 0)
        return id;
    for (i = 0; i < sizeof build; i++)
        h = (h ^ (unsigned char) build[i]) * 1099511628211ULL;
    for (f = bundle_files; f->name; f++)
        for (i = 0; i < f->len; i++)
            h = (h ^ (unsigned char) f->src[i]) * 1099511628211ULL;
    return id = h;
}
