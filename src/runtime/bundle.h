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

/* Whether a file is evaluated in a worker's heap (front == 0: every file
 * but the front end's own), in the front end's when it is made
 * (BUNDLE_FRONT: acorn, typescript.js, front.js, and the runtime files
 * lowered code needs: promise.js, front-rt.js, stdlib.js), or in the front
 * end's once it first compiles TypeScript (BUNDLE_FRONT_TS: acorn's
 * TypeScript plugin, 215 KB that JavaScript-only sites never run). */
#define BUNDLE_FRONT 1
#define BUNDLE_FRONT_TS 2
int bundle_in_heap(const char *name, int front);

/* A hash of this build, Duktape's version and every embedded source:
 * what compiled bytecode depends on, for the caches on disk.  Computed
 * once per process. */
unsigned long long bundle_id(void);

#endif
