/* engine.h - runs one request's function in a worker's JavaScript heap.
 *
 * The engine joins the router and the JavaScript bindings.  It knows nothing
 * of FastCGI: a request arrives as its CGI variables plus a body, and the
 * response leaves through the http_io callbacks that the request layer (or
 * the `invoke` tool) supplies.  One engine per worker process; it keeps one
 * Duktape heap with the runtime loaded once and shared (put back after
 * each request), and runs every request in a fresh global scope whose
 * prototype is that shared global.
 */
#ifndef INVOKE_ENGINE_H
#define INVOKE_ENGINE_H

#include <stddef.h>

#include "common/cgi.h"
#include "common/http.h"
#include "net/net.h"

typedef struct eng eng;

typedef struct eng_request {
    const cgi_vars *vars;   /* the CGI variables, parsed once (common/cgi.h) */
    const char *body;       /* the whole request body (may be NULL) */
    size_t body_len;
    const http_in *in;      /* or, not NULL: the body read as the function asks for it
                               (body is then unused); within the responder's limit */
    const char *root;       /* functions root as given (INVOKE_ROOT), NULL: the engine's
                               default; followed to its real folder for each request,
                               which the whole request then runs in */
    const char *site;       /* that root as the administrator names it (INVOKE_ROOT
                               or --root as given): the store's scope, NULL: root */
    const char *id;         /* request id for log lines */
    const http_io *io;
    int internal;           /* 1: made by the responder itself (a scheduled run), from no
                               client: the folder's access rule and the rate limits,
                               which are about clients, do not apply */
} eng_request;

typedef struct eng_config {
    const char *root;       /* default functions root (--root, absolute, as given) */
    const char *data;       /* key-value store folder (--data), NULL: none */
    const char *kv_scope;   /* --kv-scope: the store's scope by name, NULL: the site's */
    double timeout;         /* seconds per request (--timeout), 0 = none */
    size_t memory_limit;    /* bytes per request (--memory-limit), 0 = none */
    int dev;                /* --dev: error details in response bodies */
    int trust_proxy;        /* use X-Forwarded-For for req.ip */
    const char *const *env; /* "NAME=VALUE" for process.env (--env), NULL-terminated, or NULL */
    net_opts net;           /* fetch's limits and policy; 0: net.h's defaults */
} eng_config;

/* Replication of the store (doc/kv.md, "Several hosts"): the settings of
 * every store this process opens from now on, kept for the forked ones
 * too.  self NULL: none.  timeout: the request's limit, which a write
 * waiting for the master never outlasts.  0, or -1 with the reason. */
int eng_replicate(const char *self, const char *const *peers, int npeers, int priority, int acks,
                  double timeout, char *err, size_t errlen);

/* quorum, all, one, none as the number eng_replicate takes; -1: unknown. */
int eng_repl_acks(const char *name);

/* The replicator: runs data's Replication Manager until *stop (store/kv.h,
 * kv_repl_serve).  Returns the process's exit status. */
int eng_repl_serve(const char *data, volatile int *stop);

/* data's replication status as JSON into buf: 1, or 0 when the store is
 * not replicated (or there is none). */
int eng_repl_status(const char *data, char *buf, size_t len);

/* Whether name may name the store's scope (--kv-scope): 0, or -1 with
 * the reason in err.  For the option parsers, so a bad name stops the
 * start. */
int eng_kv_scope_check(const char *name, char *err, size_t errlen);

/* Creates the worker's heap and loads the runtime.  Returns NULL with a
 * message in err on failure.  The config is copied; strings in it must
 * outlive the engine. */
eng *eng_new(const eng_config *c, char *err, size_t errlen);

/* The engine's handle on the store of --data (opened in eng_new), NULL
 * without one: for the scheduler's records (schedule.h), which share it
 * because Berkeley DB wants one handle per process. */
struct kv *eng_store(eng *e);

/* Frees the heap and everything the engine holds. */
void eng_free(eng *e);

/* Runs one request to completion (the function, its promises and timers)
 * and writes the whole response through r->io, including error responses
 * (404, 400, 500...).  Returns the HTTP status sent.  Nothing in r is
 * retained after the call. */
int eng_handle(eng *e, const eng_request *r);

/* The function file the last eng_handle ran (or refused: its settings,
 * access, a 5xx of its own), relative to the real root ("api/[id].js");
 * NULL when no file answered the path (404, a rate limit before routing).
 * The engine's: valid until the next eng_handle.  For the shared
 * per-function counters (server/scoreboard.h, sb_count). */
const char *eng_last_function(const eng *e);

/* Between requests, when the worker has nothing to do: collects the
 * garbage of the last requests once enough of it has piled up.  Cheap to
 * call after every request. */
void eng_idle(eng *e);

/* Whether eng_idle would collect now: ENG_GC_NONE; ENG_GC_SOON, worth a
 * pause when no request waits (a worker with one queued may call eng_idle
 * later); ENG_GC_NOW, the heap grew too far to wait.  Cheap. */
enum { ENG_GC_NONE, ENG_GC_SOON, ENG_GC_NOW };
int eng_gc_due(const eng *e);

/* For a worker that has served nothing for a while: collects whatever
 * garbage there is and hands the free memory back to the system. */
void eng_rest(eng *e);

/* Runs FILE as a plain script with the whole runtime (invoke exec): its
 * folder is the root, console goes to stdout/stderr.  argv (argc strings,
 * borrowed) becomes process.argv after the file.  Returns the exit status:
 * 1 when an error escaped, else 0 or process.exitCode.  With compile set,
 * prints what the front end makes of FILE instead (invoke compile). */
int eng_exec(eng *e, const char *file, int argc, char **argv, int compile);

/* Prunes the bytecode cache under the --data folder `data` to at most
 * max bytes (0: no bound), entries whose file is gone first
 * (store/bytecode.h), and logs what it removed.  0, or -1 when there is no
 * cache folder to prune. */
int eng_prune_bytecode(const char *data, unsigned long long max);

/* Compiles the module `file` (a real path inside the real folder `root`)
 * as a request that loads it would, filling the bytecode cache of the
 * engine's --data: what `invoke deploy` does to every function of a
 * release before it serves.  0, or -1 with the error (its class, message,
 * file and line) in err.  Everything is borrowed. */
int eng_compile(eng *e, const char *root, const char *file, char *err, size_t errlen);

#endif
