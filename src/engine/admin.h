/* admin.h - the admin panel (--admin PATH): its pages and its JSON API,
 * served by the responder itself, behind a password, a session cookie and
 * CSRF tokens (doc/admin.md, "The admin panel").
 *
 * The panel is C in the engine layer because it needs what only the engine
 * joins: the store (sessions, login failures, the kv browser), the router
 * (the functions of a root), the engine's own request runner (the test
 * console) and the settings.  The pages are static files (src/admin),
 * embedded at build time like the runtime; the browser does the rest with
 * the API.  JSON goes in and out through a small Duktape heap of the
 * panel's own, made per request: no user code ever runs in it.
 */
#ifndef INVOKE_ADMIN_H
#define INVOKE_ADMIN_H

#include <stddef.h>

#include "engine/engine.h"

/* One embedded file of the panel (generated: src/engine/admin_files.c). */
typedef struct adm_file {
    const char *name;
    const char *src;
    size_t len;
} adm_file;

/* The table ends with an entry whose name is NULL. */
extern const adm_file adm_files[];

/* One function's counters, shared by every process of the site. */
typedef struct adm_fstats {
    unsigned long long requests, errors5xx;
    double p50, p99;        /* ms */
} adm_fstats;

typedef struct adm_config {
    const char *path;       /* --admin or INVOKE_ADMIN: "/_admin"; NULL: off */
    const char *passwd;     /* --admin-passwd FILE, NULL: DATA/admin.passwd */
    const char *allow;      /* --admin-allow: addresses and CIDR blocks, NULL: any */
    const char *data;       /* --data (the store; the panel needs it) */
    const char *log;        /* --log FILE, NULL or "-": stderr (no log page) */
    const char *kv_scope;   /* --kv-scope NAME, NULL: the site's */
    /* The workers' state as a JSON text the caller frees (the server's
     * scoreboard), or NULL. */
    char *(*status)(void *ud);
    void *status_ud;
    /* The counters of the function rel (relative to the real root) of
     * site (the root as named, r->site or r->root): 1 found, 0 none yet,
     * -1 no counters (the server's shared counters file), or NULL. */
    int (*stats)(const char *site, const char *rel, adm_fstats *out, void *ud);
    /* Since when (wall-clock ms) the counters count, in words what that
     * start was, and how many requests went uncounted: 0, or -1. */
    int (*stats_info)(long long *since_ms, unsigned long long *dropped, const char **since_what,
                      void *ud);
    void *stats_ud;
} adm_config;

/* Whether path (the request's, without its query) is the panel's: equal
 * to admin or below it. */
int adm_match(const char *admin, const char *path);

/* Answers one request to the panel through r->io (every status,
 * errors included) and returns the HTTP status sent.  r->root and
 * r->site are the site's, as for eng_handle; the test console runs its
 * request through eng_handle(e, ...).  Nothing is retained. */
int adm_handle(eng *e, const adm_config *c, const eng_request *r);

/* The password file's path for c into out (PATH_MAX): 0, or -1 when
 * neither --admin-passwd nor --data names one. */
int adm_passwd_path(const char *passwd, const char *data, char *out, size_t outlen);

/* Hashes pass with crypt(3)'s strongest method (yescrypt) into out:
 * 0, or -1 with the reason in err. */
int adm_hash(const char *pass, char *out, size_t outlen, char *err, size_t errlen);

#endif
