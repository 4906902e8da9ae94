/* js_files.h - files inside the functions root (js_files.c). */
#ifndef INVOKE_JS_FILES_H
#define INVOKE_JS_FILES_H

#include "bindings/js_host.h"

/* [ ... sys ] -> [ ... sys ]: adds stat, readFile, readdir (confined to
 * the request's root) and mtime (for the runtime's own cache checks) to
 * the object on top of the stack. */
void js_files_init(duk_context *ctx, js_host *host);

#endif
