/* js_bundle.h - the runtime's JavaScript sources, embedded at build time
 * by src/js/embed.sh.  The table ends with an entry whose name is NULL. */
#ifndef INVOKE_JS_BUNDLE_H
#define INVOKE_JS_BUNDLE_H

#include <stddef.h>

typedef struct {
    const char *name;       /* file name, e.g. "express.js" */
    const char *src;        /* NUL-terminated source */
    size_t len;
} js_bundle_entry;

extern const js_bundle_entry js_bundle[];

#endif
