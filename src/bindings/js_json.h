/* js_json.h - request bodies as JSON, without JSON.parse's per-string
 * buffers (js_json.c). */
#ifndef INVOKE_JS_JSON_H
#define INVOKE_JS_JSON_H

#include "bindings/js_host.h"

/* [ ... sys ] -> [ ... sys ]: adds jsonBody(buffer) -> what JSON.parse would
 * make of the bytes as text, or undefined when it leaves them to
 * JSON.parse (which then also makes the error). */
void js_json_init(duk_context *ctx, js_host *host);

#endif
