/* js_host.h - what every binding shares: the request as the engine shows
 * it to them, and the helpers each native needs.
 *
 * The bindings are the C natives the runtime's own JavaScript is built on
 * (src/bindings/js_*.c, one file and one init function each).  They know
 * neither FastCGI nor the engine: they see the request only through a
 * js_host that the engine fills in before each request, and get their
 * settings at init, each in an options struct of its own.  The objects
 * they build are handed to the runtime's files as their hidden `sys`
 * argument and are never reachable from function code.
 */
#ifndef INVOKE_JS_HOST_H
#define INVOKE_JS_HOST_H

#include <stddef.h>
#include <sys/stat.h>

#include "duktape.h"
#include "common/cgi.h"
#include "common/http.h"

/* The engine's view of the request in progress.  Owned by the engine; the
 * bindings read it and update the response fields. */
typedef struct js_host {
    const size_t *heap_used;    /* bytes the heap holds right now */
    const http_io *io;          /* current response sink, NULL between requests */
    const char *root;           /* functions root of the current request */
    const char *func;           /* current function, relative to the root */
    const char *reqid;          /* request id for log lines */
    const double *deadline;     /* monotonic ms at which the request times out, 0: none
                                   (the heap's, engine/heap.h) */
    int status;                 /* status sent by head(), 0 before */
    int client_gone;            /* an io callback failed: stop writing */
    int head_only;              /* HEAD request: headers but no body bytes */
    const cgi_vars *vars;       /* the request's CGI variables, NULL outside one */
    const http_in *in;          /* the body as the function reads it (sys.bodyRead,
                                   sys.bodyAll), NULL: none to read */
    size_t in_max;              /* bytes of it the function may read at most */
    size_t in_got;              /* bytes of it read so far */
    const char *file;           /* the routed function file (a real path) ... */
    const struct stat *file_st; /* ... and what the router's stat() found */
    unsigned long seq;          /* the request's number: sys.env answers only it */
    int load_reaches;           /* js_module.c: whether the module its last load()
                                   made a wrapper for may reach its require */
} js_host;

/* [ ... obj ] -> [ ... obj ]: attaches each entry of the sentinel-ended
 * `funcs` to obj, each carrying `host` (read back with js_host_of) in a
 * hidden property. */
void js_host_put_funcs(duk_context *ctx, const duk_function_list_entry *funcs,
                       js_host *host);

/* The host of the native function being called. */
js_host *js_host_of(duk_context *ctx);

/* [ ... ] -> [ ... string ]: bytes from outside (CGI variables, request
 * bodies, response headers of a fetch) as a string, each byte that is not
 * part of valid UTF-8 replaced by U+FFFD.  Raw bytes reach Duktape's string
 * functions otherwise, which throw "internal error" on them, and a leading
 * 0xFF byte even makes a hidden Symbol: either made such a request a 500
 * (found by fuzz/request_fuzz.c, inputs kept in t/71-fuzz-regressions.t). */
void js_host_push_utf8(duk_context *ctx, const char *s, size_t len);

/* [ ... ] -> [ ... value ]: a CGI variable's value (NULL: absent) as a
 * string (js_host_push_utf8), or undefined. */
void js_host_push_var(duk_context *ctx, const char *value);

/* Confines path (absolute, or relative to the request's root) into out
 * (PATH_MAX bytes): 0, or -1 with errno set (EACCES: outside the root or
 * no root; ENOENT: missing).  See route_confine. */
int js_host_confine(const js_host *h, const char *path, char *out);

/* Throws an Error with Node's shape: message "CODE: text, op 'path'" and
 * .code / .path properties (ENOENT, EACCES, EISDIR, ENOTDIR, EFBIG, else
 * EIO).  Does not return. */
duk_ret_t js_host_throw_errno(duk_context *ctx, int err, const char *op, const char *path);

#endif
