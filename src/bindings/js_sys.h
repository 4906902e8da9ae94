/* js_sys.h - the natives the runtime is built on (js_sys.c): the response
 * sink, log lines, the clock, the request's CGI variables.
 */
#ifndef INVOKE_JS_SYS_H
#define INVOKE_JS_SYS_H

#include "bindings/js_host.h"

/* What the runtime reads of the administrator's settings, as sys.dev,
 * sys.trustProxy and sys.adminEnv.  Strings are borrowed and must outlive
 * the heap. */
typedef struct js_sys_opts {
    int dev;                    /* --dev: error details in response bodies */
    int trust_proxy;            /* --trust-proxy: req.ip from X-Forwarded-For */
    const char *const *env;     /* --env NAME=VALUE..., NULL-terminated, or NULL */
} js_sys_opts;

/* [ ... sys ] -> [ ... sys ]: adds the response, log, clock and variable
 * natives and the settings of o (copied) to the object on top of the
 * stack.  `host` must outlive the heap. */
void js_sys_init(duk_context *ctx, js_host *host, const js_sys_opts *o);

/* [ ... sys ] -> [ ... sys ]: the natives of the front end's heap, which
 * serves no request: hidden (promise.js makes its slots with it). */
void js_sys_init_front(duk_context *ctx);

#endif
