/* bundle.c - the embedded runtime's identity (see bundle.h). */
#include "config.h"
#include "runtime/bundle.h"

#include "duktape.h"

#include <string.h>

int bundle_is_front(const char *name)
{
    return strcmp(name, "acorn.js") == 0 || strcmp(name, "front.js") == 0;
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
