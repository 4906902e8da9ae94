/* js_sys.h - the natives the runtime's own JavaScript is built on.
 *
 * Two bindings live behind this header, each with its function table and
 * one init function: js_sys.c (the response sink, log lines, the clock) and
 * js_module.c (files inside the functions root and the compiled-module
 * cache).  Neither knows FastCGI nor Berkeley DB: they see the request only
 * through a jsys_host that the engine fills in before each request.  The
 * objects they build are handed to the runtime's files as their hidden `sys`
 * argument and are never reachable from function code.
 */
#ifndef INVOKE_JS_SYS_H
#define INVOKE_JS_SYS_H

#include "duktape.h"
#include "common/cgi.h"
#include "common/http.h"
#include "engine/engine.h"

/* The engine's view of the request in progress, shared with the bindings.
 * Owned by the engine; the bindings read it and update the response fields. */
typedef struct jsys_host {
    const eng_config *cfg;  /* the engine's configuration (for bindings' init) */
    const size_t *heap_used; /* bytes the heap holds right now (the engine counts) */
    const http_io *io;      /* current response sink, NULL between requests */
    const char *root;       /* functions root of the current request */
    const char *func;       /* current function, relative to the root */
    const char *reqid;      /* request id for log lines */
    double deadline;        /* monotonic ms at which the request times out, 0: none */
    int status;             /* status sent by head(), 0 before */
    int client_gone;        /* an io callback failed: stop writing */
    int head_only;          /* HEAD request: headers but no body bytes */
    const cgi_vars *vars;   /* the request's CGI variables, NULL outside one */
    const char *file;       /* the routed function file (a real path) ... */
    const struct stat *file_st; /* ... and what the router's stat() found */
    unsigned long seq;      /* the request's number: sys.env answers only it */
    int load_reaches;       /* js_module.c: whether the module its last load()
                               made a wrapper for may reach its require */
} jsys_host;

/* [ ... ] -> [ ... string ]: bytes from outside (CGI variables, request
 * bodies) as a string, each byte that is not part of valid UTF-8 replaced
 * by U+FFFD.  Raw bytes reach Duktape's string functions otherwise, which
 * throw "internal error" on them, and a leading 0xFF byte even makes a
 * hidden Symbol: either made such a request a 500 (found by
 * fuzz/request_fuzz.c, inputs kept in t/71-fuzz-regressions.t). */
void jsys_push_utf8(duk_context *ctx, const char *s, size_t len);

/* [ ... ] -> [ ... value ]: a CGI variable's value (NULL: absent) as a
 * string (jsys_push_utf8), or undefined. */
void jsys_push_var(duk_context *ctx, const char *value);

/* [ ... sys ] -> [ ... sys ]: adds the response, log and clock natives to
 * the object on top of the stack.  `host` must outlive the heap. */
void jsys_init(duk_context *ctx, jsys_host *host);

/* [ ... sys ] -> [ ... sys ]: adds the file and module natives (stat,
 * readFile, load) to the object on top of the stack. */
void jsmod_init(duk_context *ctx, jsys_host *host);

/* The bytecode caches' folder, DATA/bytecode (made if need be), into dir
 * (n bytes); 0, or -1 when there is no --data or the folder is not ours
 * alone: bytecode is loaded unchecked, so only from a folder only we can
 * write.  Shared by the module cache and the engine's front-end cache. */
int jsmod_bytecode_dir(const eng_config *c, char *dir, size_t n);

/* A cache file as a malloc'd buffer (the caller frees it) when it starts
 * with magic and holds more than that; else NULL. */
char *jsmod_cache_read(const char *path, const char *magic, size_t *len);

/* Writes magic then data to path under a temporary name and renames it
 * into place, so a reader sees a whole file or none; failures are quiet
 * (the cache is then missed, not wrong). */
void jsmod_cache_write(const char *path, const char *magic, const void *data, size_t len);

/* [ ... obj ] -> [ ... obj ]: attaches each entry of the sentinel-ended
 * `funcs` to obj, each carrying `host` (read back with jsys_host_of) in a
 * hidden property.  For the bindings behind this header. */
void jsys_put_funcs(duk_context *ctx, const duk_function_list_entry *funcs,
                    jsys_host *host);

/* The host of the native function being called. */
jsys_host *jsys_host_of(duk_context *ctx);

#endif
