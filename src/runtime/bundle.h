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

/* Whether a file is evaluated in the front end's heap (front != 0: acorn,
 * its TypeScript plugin, typescript.js, front.js, and the runtime files
 * lowered code needs: promise.js, front-rt.js, stdlib.js) or in a worker's
 * (front == 0: every file but the front end's own). */
int bundle_in_heap(const char *name, int front);

/* A hash of this build, Duktape's version and every embedded source:
 * what compiled bytecode depends on, for the caches on disk.  Computed
 * once per process. */
unsigned long long bundle_id(void);

#endif
