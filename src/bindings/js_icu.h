/* js_icu.h - the ICU natives behind Intl, String.prototype.normalize,
 * locale-aware case mapping and RegExp's \p{...} (js_icu.c). */
#ifndef INVOKE_JS_ICU_H
#define INVOKE_JS_ICU_H

#include "bindings/js_host.h"

/* [ ... sys ] -> [ ... sys ]: adds the ICU natives (icuNormalize, icuSet,
 * icuCollator, icuNumberFormat, icuDateFormat, ...) to the object on top of
 * the stack.  The formatters they open belong to the handle objects they
 * return (closed by the handles' finalizers); `host` is not used beyond
 * the common function table. */
void js_icu_init(duk_context *ctx, js_host *host);

#endif
