/* router.h - maps a request path onto a function file under a functions root.
 *
 * The router is pure C and knows nothing of FastCGI or JavaScript: it takes
 * the raw (still percent-encoded) path of a URL and a root folder, and either
 * names the one file that serves it, with the values of its [param] and
 * [...rest] segments, or says why nothing does.  Every way out of the root
 * ("..", encoded dots, NUL bytes, backslashes, empty segments, symlinks that
 * leave it) and every private name (".x", "_x", node_modules) is refused.
 */
#ifndef INVOKE_ROUTER_H
#define INVOKE_ROUTER_H

#include <stddef.h>
#include <limits.h>
#include <sys/stat.h>

#define ROUTE_MAX_PARAMS 16
#define ROUTE_NAME_MAX 64
#define ROUTE_VALUE_MAX 2048

typedef enum {
    ROUTE_OK = 0,          /* m is filled in */
    ROUTE_NOT_FOUND,       /* no file serves this path: answer 404 */
    ROUTE_FORBIDDEN,       /* a hostile or private path: answer 404 too, log it */
    ROUTE_ERR              /* the root itself is unusable (message in err) */
} route_status;

typedef struct {
    char name[ROUTE_NAME_MAX];     /* "id" for [id], "slug" for [...slug] */
    char value[ROUTE_VALUE_MAX];   /* percent-decoded; rest params keep '/' */
} route_param;

typedef struct {
    char file[PATH_MAX];        /* absolute real path of the function file */
    const char *rel;            /* points into file: the part after root/ */
    int nparams;
    route_param params[ROUTE_MAX_PARAMS];
    struct stat st;             /* what stat() found of the file on the way */
} route_match;

/* Resolves `path` (the path part of a URL, without query string, still
 * percent-encoded, starting with '/') against `root` (an absolute folder
 * already passed through realpath()).  Exact names win over [param], which
 * wins over [...rest]; /x tries x.js then x/index.js.  The caller owns `m`;
 * nothing is allocated.  `err` receives a one-line reason on ROUTE_FORBIDDEN or
 * ROUTE_ERR (may be NULL). */
route_status route_resolve(const char *root, const char *path, route_match *m,
                     char *err, size_t errlen);

/* When route_resolve found nothing for `path`: the file of the longest
 * leading part of it (whole segments, down to "/") that routes, since a
 * function file may answer the paths below its own route (one whose
 * export is a router: the engine asks the runtime).  *mountlen receives
 * how many bytes of `path` that part is (0 for "/").  ROUTE_NOT_FOUND
 * when no leading part routes either. */
route_status route_resolve_below(const char *root, const char *path, route_match *m,
                                 size_t *mountlen, char *err, size_t errlen);

/* The real path of the functions root `root` as it stands now, into out
 * (PATH_MAX): a release swapped under a symlinked root is followed from
 * the next call on.  Costs one stat() while the root is unchanged (the
 * real path of the same folder is remembered), a realpath() when it
 * changed.  0, or -1 with errno (ENOTDIR when it is no folder). */
int route_root(const char *root, char *out);

/* Resolves `path` (absolute, or relative to folder `base`) to a real path
 * that lies inside `root`, following symlinks.  Returns 0 and fills `out`
 * (PATH_MAX bytes) when the file exists inside the root, -1 otherwise with
 * errno set (EACCES when it lies outside, ENOENT when missing).  Used for
 * require(), sendFile() and fs, which may reach private names the router
 * never serves. */
int route_confine(const char *root, const char *base, const char *path, char *out);

/* True when a real path relative to the root names something the router
 * must never serve: a segment starting with '.' or '_', or node_modules. */
int route_is_private(const char *rel);

#endif
