/* bundle.h - the runtime's JavaScript, embedded at build time by
 * src/runtime/embed.sh: the worker's files (src/runtime) and the front
 * end's (src/front), in the order they are evaluated.
 */
#ifndef INVOKE_BUNDLE_H
#define INVOKE_BUNDLE_H

#include <stddef.h>

typedef struct {
    const char *name;       /* file name, e.g. "express.js" */
    const char *src;        /* NUL-terminated source */
    size_t len;
} bundle_file;

/* Every embedded file; the table ends with an entry whose name is NULL.
 * Generated (bundle_files.c). */
extern const bundle_file bundle_files[];

/* Whether a file belongs to the front end, which runs in a heap of its
 * own (acorn and front.js), not to the worker's runtime. */
int bundle_is_front(const char *name);

/* A hash of this build, Duktape's version and every embedded source:
 * what compiled bytecode depends on, for the caches on disk.  Computed
 * once per process. */
unsigned long long bundle_id(void);

#endif
