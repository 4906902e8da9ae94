/* router.c - request path -> function file under a functions root.
 *
 * The path is split and percent-decoded into a stack buffer first, and every
 * segment is judged before the file system is touched, so that nothing
 * hostile ever reaches stat().  The walk then descends one folder per
 * segment, preferring the exact name, then a [param] entry, then a
 * [...rest] entry, and backtracks when a branch leads nowhere.  The common
 * case (/hello -> hello.js; .mjs, .cjs, .ts, .mts and .cts after .js and
 * index.js) costs one stat() and one realpath(); a folder is
 * only listed when its exact name is missing.  The chosen file is realpath'd
 * and must still lie inside the root under a public name: that is what
 * defeats symlinks, whatever the walk saw on the way.  The realpath (one
 * readlink per folder on the way) is remembered per path, for as long as
 * the stat() the walk makes anyway finds the same file (route_real_cached).
 */
#include "router/router.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A real rest path rarely has more than a dozen segments; the cap keeps the
 * segment table on the stack and the backtracking shallow. */
#define ROUTE_MAX_SEGS 128

typedef struct {
    const char *root;
    size_t rootlen;             /* without trailing '/' ("/" -> 0) */
    const char *seg[ROUTE_MAX_SEGS];
    size_t seglen[ROUTE_MAX_SEGS];
    int nseg;
    char dir[PATH_MAX];         /* the folder being walked, grown in place */
    struct stat st;             /* what route_is found last */
    route_match *m;
    char *err;
    size_t errlen;
} route_walk;

/* The [param] / [...rest] entries of one folder, smallest name first so that
 * two siblings of the same kind (a mistake in the tree) route the same way
 * on every machine, whatever readdir's order. */
typedef struct {
    char pfile[NAME_MAX + 1];   /* [name].js, a regular file */
    char pdir[NAME_MAX + 1];    /* [name]/, a folder */
    char rfile[NAME_MAX + 1];   /* [...name].js */
    char rdir[NAME_MAX + 1];    /* [...name]/ */
} route_dyn;

static void route_why(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void route_why(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL || errlen == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static int route_hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* A name the router never serves.  Shared by the request check and by
 * route_is_private(), so that both refuse exactly the same names. */
static int route_private_name(const char *s, size_t n)
{
    return n > 0 && (s[0] == '.' || s[0] == '_' ||
                     (n == 12 && memcmp(s, "node_modules", 12) == 0));
}

/* Why a decoded segment may not be routed, or NULL when it may. */
static const char *route_bad_segment(const char *s, size_t n)
{
    size_t i;

    if ((n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
        return "dot segment";
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '/')
            return "encoded slash";
        if (c == '\\')
            return "backslash";
        if (c == 0)
            return "NUL byte";
        if (c < 0x20 || c == 0x7f)
            return "control byte";
    }
    if (route_private_name(s, n))
        return "private name";
    return NULL;
}

/* Splits and decodes `path` into w->seg, stored in buf (PATH_MAX bytes, each
 * segment NUL-terminated).  Returns NULL or why the path is refused. */
static const char *route_split(route_walk *w, const char *path, char *buf)
{
    size_t len, i = 1, o = 0;
    const char *why;

    if (path[0] != '/')
        return "path does not start with '/'";
    len = strlen(path);
    if (len >= PATH_MAX)
        return "path too long";
    if (len > 1 && path[len - 1] == '/') {
        len--;                  /* /hello/ routes like /hello ... */
        if (path[len - 1] == '/')
            return "empty segment";     /* ... but // and /hello// do not */
    }
    w->nseg = 0;
    while (i < len) {
        size_t start = o;
        if (w->nseg == ROUTE_MAX_SEGS)
            return "too many segments";
        while (i < len && path[i] != '/') {
            if (path[i] == '%') {
                int hi, lo;
                /* Neither NUL nor '/' is a hex digit: the escape cannot
                 * run past the end or into the next segment. */
                if ((hi = route_hexval((unsigned char)path[i + 1])) < 0 ||
                    (lo = route_hexval((unsigned char)path[i + 2])) < 0)
                    return "malformed percent escape";
                buf[o++] = (char)(hi << 4 | lo);
                i += 3;
            } else {
                buf[o++] = path[i++];
            }
        }
        if (o == start)
            return "empty segment";
        if ((why = route_bad_segment(buf + start, o - start)) != NULL)
            return why;
        w->seg[w->nseg] = buf + start;
        w->seglen[w->nseg++] = o - start;
        buf[o++] = '\0';
        i++;                    /* the '/' */
    }
    return NULL;
}

/* Appends "/" a b to w->dir; returns the previous length, or -1 (and leaves
 * dir as it was) when the result would not fit in PATH_MAX. */
static long route_push(route_walk *w, const char *a, const char *b)
{
    size_t n = strlen(w->dir), la = strlen(a), lb = strlen(b);

    if (n + 1 + la + lb >= sizeof w->dir)
        return -1;
    w->dir[n] = '/';
    memcpy(w->dir + n + 1, a, la);
    memcpy(w->dir + n + 1 + la, b, lb + 1);
    return (long)n;
}

static void route_pop(route_walk *w, long n)
{
    w->dir[n] = '\0';
}

/* 1 when w->dir/a b exists and is of the given type (S_IFREG or S_IFDIR),
 * following symlinks: where they lead is judged once, at the end. */
static int route_is(route_walk *w, const char *a, const char *b, mode_t type)
{
    struct stat st;
    long n = route_push(w, a, b);
    int ok;

    if (n < 0)
        return 0;
    ok = stat(w->dir, &st) == 0 && (st.st_mode & S_IFMT) == type;
    if (ok)
        w->st = st;
    route_pop(w, n);
    return ok;
}

/* The realpath of the files served lately, per path walked.  An entry
 * holds while stat() of that path finds the same inode with the same
 * ctime: a symlink on the way pointed elsewhere finds another inode, and
 * a rename, a link or an edit of the file itself changes its ctime.  The
 * same inode, unchanged, is the very file that was judged inside the
 * root (its real path still names it), so what is served never leaves
 * the root.  Per process, a few entries: a worker serves a few files. */
#define ROUTE_REAL_SLOTS 16

static struct route_real {
    char *path, *real;
    dev_t dev;
    ino_t ino;
    struct timespec ctime;
} route_reals[ROUTE_REAL_SLOTS];

static struct route_real *route_real_slot(const char *path)
{
    unsigned h = 2166136261u;

    for (; *path; path++)
        h = (h ^ (unsigned char) *path) * 16777619u;
    return &route_reals[h % ROUTE_REAL_SLOTS];
}

/* realpath(path) into out (PATH_MAX), from the cache when *st (the stat()
 * just made of that path) matches; on a miss *st becomes the real path's.
 * NULL when it fails. */
static char *route_real_of(const char *path, struct stat *st, char *out)
{
    struct route_real *r = route_real_slot(path);
    char *p, *q;

    if (r->path != NULL && strcmp(r->path, path) == 0 && r->dev == st->st_dev &&
        r->ino == st->st_ino && r->ctime.tv_sec == st->st_ctim.tv_sec &&
        r->ctime.tv_nsec == st->st_ctim.tv_nsec) {
        memcpy(out, r->real, strlen(r->real) + 1);
        return out;
    }
    /* the real path's own identity from here on: should a symlink have
     * changed between the walk's stat() and realpath(), the module cache
     * still keys what it compiles from `out` by that file */
    if (realpath(path, out) == NULL || stat(out, st) < 0)
        return NULL;
    p = strdup(path);
    q = strdup(out);
    free(r->path);
    free(r->real);
    r->path = p && q ? p : NULL;
    r->real = p && q ? q : NULL;
    if (r->path == NULL) {
        free(p);
        free(q);
        return out;
    }
    r->dev = st->st_dev;
    r->ino = st->st_ino;
    r->ctime = st->st_ctim;
    return out;
}

static char *route_real_cached(route_walk *w, char *out)
{
    return route_real_of(w->dir, &w->st, out);
}

/* Borrows root; out is the caller's. */
int route_root(const char *root, char *out)
{
    struct stat st;

    if (stat(root, &st) < 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return route_real_of(root, &st, out) != NULL ? 0 : -1;
}

/* Checks the file w->dir/a b and, when it may be served, fills m->file and
 * m->rel.  The walk only saw names; this is where the file itself is
 * judged, after every symlink on its way has been resolved. */
static route_status route_accept(route_walk *w, const char *a, const char *b)
{
    route_match *m = w->m;
    long n = route_push(w, a, b);
    char *real;
    const char *rel;

    if (n < 0)
        return ROUTE_NOT_FOUND;
    real = route_real_cached(w, m->file);
    route_pop(w, n);
    m->st = w->st;
    if (real == NULL)
        return ROUTE_NOT_FOUND;    /* vanished since the stat() */
    if (strncmp(m->file, w->root, w->rootlen) != 0 ||
        m->file[w->rootlen] != '/') {
        route_why(w->err, w->errlen, "symlink leaves the root: %s", m->file);
        m->file[0] = '\0';
        return ROUTE_FORBIDDEN;
    }
    rel = m->file + w->rootlen + 1;
    if (route_is_private(rel)) {
        route_why(w->err, w->errlen, "symlink reaches a private name: %s", rel);
        m->file[0] = '\0';
        return ROUTE_FORBIDDEN;
    }
    m->rel = rel;
    return ROUTE_OK;
}

/* The extensions of a function file, .js first: a JavaScript function
 * costs the stat()s it always did; ES modules and TypeScript come after. */
static const char *const route_exts[] = { ".mjs", ".cjs", ".ts", ".mts", ".cts", NULL };
static const char *const route_index_exts[] = { "/index.mjs", "/index.cjs", "/index.ts",
                                                "/index.mts", "/index.cts", NULL };

/* The length of the function-file extension s ends with, 0 for none. */
static size_t route_ext_len(const char *s, size_t n)
{
    size_t i, l;

    if (n > 3 && strcmp(s + n - 3, ".js") == 0)
        return 3;
    for (i = 0; route_exts[i] != NULL; i++) {
        l = strlen(route_exts[i]);
        if (n > l && strcmp(s + n - l, route_exts[i]) == 0)
            return l;
    }
    return 0;
}

/* Tries name.js, then name/index.js, then the other extensions, in w->dir. */
static route_status route_try_file(route_walk *w, const char *name)
{
    int i;

    if (route_is(w, name, ".js", S_IFREG))
        return route_accept(w, name, ".js");
    if (route_is(w, name, "/index.js", S_IFREG))
        return route_accept(w, name, "/index.js");
    for (i = 0; route_exts[i] != NULL; i++)
        if (route_is(w, name, route_exts[i], S_IFREG))
            return route_accept(w, name, route_exts[i]);
    for (i = 0; route_index_exts[i] != NULL; i++)
        if (route_is(w, name, route_index_exts[i], S_IFREG))
            return route_accept(w, name, route_index_exts[i]);
    return ROUTE_NOT_FOUND;
}

/* Tries a [param] or [...rest] entry: the file itself ("[id].js"), or the
 * index file of the folder ("[id]/"). */
static route_status route_try_entry(route_walk *w, const char *entry, int is_file)
{
    int i;

    if (is_file)
        return route_is(w, entry, "", S_IFREG) ? route_accept(w, entry, "")
                                            : ROUTE_NOT_FOUND;
    if (route_is(w, entry, "/index.js", S_IFREG))
        return route_accept(w, entry, "/index.js");
    for (i = 0; route_index_exts[i] != NULL; i++)
        if (route_is(w, entry, route_index_exts[i], S_IFREG))
            return route_accept(w, entry, route_index_exts[i]);
    return ROUTE_NOT_FOUND;
}

/* Letters, digits, '_', '$', '-': a name that reads well as req.params.x
 * and cannot smuggle anything into a path. */
static int route_ident(const char *s, size_t n)
{
    size_t i;

    if (n == 0 || n >= ROUTE_NAME_MAX)
        return 0;
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_' || c == '$' || c == '-'))
            return 0;
    }
    return 1;
}

static void route_keep(char *slot, const char *name)
{
    if (slot[0] == '\0' || strcmp(name, slot) < 0)
        snprintf(slot, NAME_MAX + 1, "%s", name);
}

/* Lists w->dir once and sorts its [param] / [...rest] entries by kind.
 * Returns -1 when the folder cannot be read. */
static int route_scan(route_walk *w, route_dyn *d)
{
    DIR *dp = opendir(w->dir[0] != '\0' ? w->dir : "/");
    struct dirent *de;

    memset(d, 0, sizeof *d);
    if (dp == NULL)
        return -1;
    while ((de = readdir(dp)) != NULL) {
        const char *s = de->d_name;
        size_t n = strlen(s);
        int rest, js;
        size_t el;
        const char *end;
        mode_t type;

        if (s[0] != '[')
            continue;       /* hidden names never start with '[' either */
        el = route_ext_len(s, n);
        js = el > 0;
        end = s + n - (el + 1);         /* the ']' */
        if (end <= s || *end != ']')
            continue;
        rest = strncmp(s + 1, "...", 3) == 0 ? 3 : 0;
        if (!route_ident(s + 1 + rest, (size_t)(end - s) - 1 - rest))
            continue;
        type = js ? S_IFREG : S_IFDIR;
        if (!route_is(w, s, "", type))
            continue;
        if (rest)
            route_keep(js ? d->rfile : d->rdir, s);
        else
            route_keep(js ? d->pfile : d->pdir, s);
    }
    closedir(dp);
    return 0;
}

/* Records a parameter from its entry name ("[id]", "[...slug].js"). */
static route_status route_param_push(route_walk *w, const char *entry, const char *v,
                               size_t vlen)
{
    route_match *m = w->m;
    route_param *p;
    const char *s = entry + 1;
    size_t n;

    if (strncmp(s, "...", 3) == 0)
        s += 3;
    n = (size_t)(strchr(s, ']') - s);
    if (m->nparams == ROUTE_MAX_PARAMS) {
        route_why(w->err, w->errlen, "more than %d parameters", ROUTE_MAX_PARAMS);
        return ROUTE_FORBIDDEN;
    }
    if (vlen >= ROUTE_VALUE_MAX) {
        route_why(w->err, w->errlen, "parameter %.*s longer than %d bytes",
               (int)n, s, ROUTE_VALUE_MAX - 1);
        return ROUTE_FORBIDDEN;
    }
    p = &m->params[m->nparams++];
    memcpy(p->name, s, n);
    p->name[n] = '\0';
    memcpy(p->value, v, vlen);
    p->value[vlen] = '\0';
    return ROUTE_OK;
}

static route_status route_walk_at(route_walk *w, int i);

/* Descends into folder name (exact or [param]) for segment i + 1. */
static route_status route_descend(route_walk *w, const char *name, int i)
{
    long n = route_push(w, name, "");
    route_status st;

    if (n < 0)
        return ROUTE_NOT_FOUND;
    st = route_walk_at(w, i + 1);
    route_pop(w, n);
    return st;
}

/* Segment i as the value of [param] entry (a file only for the last
 * segment, a folder to descend into otherwise). */
static route_status route_by_param(route_walk *w, int i, const char *entry, int is_file)
{
    route_status st;

    if (entry[0] == '\0')
        return ROUTE_NOT_FOUND;
    if ((st = route_param_push(w, entry, w->seg[i], w->seglen[i])) != ROUTE_OK)
        return st;
    if (i == w->nseg - 1)
        st = route_try_entry(w, entry, is_file);
    else
        st = route_descend(w, entry, i);
    if (st == ROUTE_NOT_FOUND)
        w->m->nparams--;
    return st;
}

/* Segments i.. as the value of [...rest] entry.  They are NUL-separated in
 * the split buffer, so the join is done in a copy. */
static route_status route_by_rest(route_walk *w, int i, const char *entry, int is_file)
{
    char v[ROUTE_VALUE_MAX];
    size_t o = 0;
    route_status st;
    int k;

    if (entry[0] == '\0')
        return ROUTE_NOT_FOUND;
    for (k = i; k < w->nseg; k++) {
        if (o + (k > i) + w->seglen[k] >= sizeof v) {
            route_why(w->err, w->errlen, "rest parameter longer than %d bytes",
                   ROUTE_VALUE_MAX - 1);
            return ROUTE_FORBIDDEN;
        }
        if (k > i)
            v[o++] = '/';
        memcpy(v + o, w->seg[k], w->seglen[k]);
        o += w->seglen[k];
    }
    if ((st = route_param_push(w, entry, v, o)) != ROUTE_OK)
        return st;
    if ((st = route_try_entry(w, entry, is_file)) == ROUTE_NOT_FOUND)
        w->m->nparams--;
    return st;
}

/* Routes segments i.. from folder w->dir.  Anything but ROUTE_NOT_FOUND ends
 * the whole walk: a file that was found but refused must not fall through
 * to a [param] sibling that would then serve the request instead. */
static route_status route_walk_at(route_walk *w, int i)
{
    const char *seg = w->seg[i];
    int last = i == w->nseg - 1;
    route_status st = ROUTE_NOT_FOUND;
    route_dyn d;

    /* A request for "[id]" is a value, never the name of the entry. */
    if (seg[0] != '[') {
        if (last)
            st = route_try_file(w, seg);
        else if (route_is(w, seg, "", S_IFDIR))
            st = route_descend(w, seg, i);
        if (st != ROUTE_NOT_FOUND)
            return st;
    }
    if (route_scan(w, &d) < 0) {
        if (strlen(w->dir) > w->rootlen)
            return ROUTE_NOT_FOUND;
        route_why(w->err, w->errlen, "cannot list %s: %s", w->root,
               strerror(errno));
        return ROUTE_ERR;
    }
    if (last)
        st = route_by_param(w, i, d.pfile, 1);
    if (st == ROUTE_NOT_FOUND)
        st = route_by_param(w, i, d.pdir, 0);
    if (st == ROUTE_NOT_FOUND)
        st = route_by_rest(w, i, d.rfile, 1);
    if (st == ROUTE_NOT_FOUND)
        st = route_by_rest(w, i, d.rdir, 0);
    return st;
}

route_status route_resolve(const char *root, const char *path, route_match *m,
                     char *err, size_t errlen)
{
    route_walk w;
    char buf[PATH_MAX];
    const char *why;
    route_status st;

    m->file[0] = '\0';
    m->rel = m->file;
    m->nparams = 0;
    if (err != NULL && errlen > 0)
        err[0] = '\0';
    if (root == NULL || root[0] != '/') {
        route_why(err, errlen, "functions root is not an absolute path");
        return ROUTE_ERR;
    }
    if (path == NULL || path[0] == '\0') {
        route_why(err, errlen, "empty path");
        return ROUTE_FORBIDDEN;
    }
    w.root = root;
    w.rootlen = strlen(root);
    while (w.rootlen > 0 && root[w.rootlen - 1] == '/')
        w.rootlen--;
    if (w.rootlen >= sizeof w.dir) {
        route_why(err, errlen, "functions root too long");
        return ROUTE_ERR;
    }
    memcpy(w.dir, root, w.rootlen);
    w.dir[w.rootlen] = '\0';
    w.m = m;
    w.err = err;
    w.errlen = errlen;
    if ((why = route_split(&w, path, buf)) != NULL) {
        route_why(err, errlen, "%s: %.200s", why, path);
        return ROUTE_FORBIDDEN;
    }
    if (w.nseg == 0) {
        int i;

        st = ROUTE_NOT_FOUND;
        if (route_is(&w, "index", ".js", S_IFREG))
            st = route_accept(&w, "index", ".js");
        for (i = 0; st == ROUTE_NOT_FOUND && route_exts[i] != NULL; i++)
            if (route_is(&w, "index", route_exts[i], S_IFREG))
                st = route_accept(&w, "index", route_exts[i]);
        if (st != ROUTE_NOT_FOUND)
            ;
        else if (!route_is(&w, "", "", S_IFDIR)) {
            route_why(err, errlen, "%s is not a readable folder", root);
            st = ROUTE_ERR;
        } else
            st = ROUTE_NOT_FOUND;
    } else {
        st = route_walk_at(&w, 0);
    }
    if (st != ROUTE_OK) {
        m->file[0] = '\0';
        m->rel = m->file;
        m->nparams = 0;
    }
    return st;
}

/* Tries ever shorter leading parts of path, cut before a '/'.  Each try
 * is a whole route_resolve (the walk and its checks), so a part routes
 * exactly as it would as a request of its own; this runs only for a path
 * that found nothing, and costs one walk per segment. */
route_status route_resolve_below(const char *root, const char *path, route_match *m,
                                 size_t *mountlen, char *err, size_t errlen)
{
    char part[PATH_MAX];
    size_t n;
    route_status st;

    *mountlen = 0;
    if (path == NULL || path[0] != '/' || (n = strlen(path)) >= sizeof part)
        return ROUTE_NOT_FOUND;
    memcpy(part, path, n + 1);
    if (n > 1 && part[n - 1] == '/')
        part[--n] = '\0';          /* /api/users/ is below /api, as /api/users */
    while (n > 1) {
        while (n > 0 && part[n - 1] != '/')
            n--;
        if (n == 0)
            break;
        n--;                        /* the '/' itself */
        part[n > 0 ? n : 1] = '\0';
        st = route_resolve(root, part, m, err, errlen);
        if (st == ROUTE_OK)
            *mountlen = n;
        if (st != ROUTE_NOT_FOUND)
            return st;
    }
    return ROUTE_NOT_FOUND;
}

/* Resolves "." and ".." in the absolute path p without touching the file
 * system, into out (PATH_MAX).  Used only to judge a path that does not
 * exist, so that a missing file outside the root says EACCES like an
 * existing one: the answer must not tell what exists out there. */
static void route_lexical(const char *p, char *out)
{
    size_t o = 0;

    while (*p != '\0') {
        const char *e;
        size_t n;

        while (*p == '/')
            p++;
        e = strchr(p, '/');
        n = e ? (size_t)(e - p) : strlen(p);
        if (n == 0)
            break;
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--;
        } else if (!(n == 1 && p[0] == '.') && o + 1 + n < PATH_MAX) {
            out[o++] = '/';
            memcpy(out + o, p, n);
            o += n;
        }
        p += n;
    }
    if (o == 0)
        out[o++] = '/';
    out[o] = '\0';
}

static int route_inside(const char *root, size_t rl, const char *p)
{
    return strncmp(p, root, rl) == 0 && (p[rl] == '/' || p[rl] == '\0');
}

int route_confine(const char *root, const char *base, const char *path, char *out)
{
    char full[PATH_MAX], norm[PATH_MAX];
    size_t rl;

    if (root == NULL || path == NULL || out == NULL) {
        errno = EINVAL;
        return -1;
    }
    if (base == NULL)
        base = root;
    rl = strlen(root);
    while (rl > 0 && root[rl - 1] == '/')
        rl--;
    if (path[0] == '/') {
        if (snprintf(full, sizeof full, "%s", path) >= (int)sizeof full)
            goto missing;
    } else if (snprintf(full, sizeof full, "%s/%s", base, path) >=
               (int)sizeof full) {
        goto missing;
    }
    if (realpath(full, out) == NULL) {
        route_lexical(full, norm);
        out[0] = '\0';
        errno = route_inside(root, rl, norm) ? ENOENT : EACCES;
        return -1;
    }
    if (!route_inside(root, rl, out)) {
        out[0] = '\0';
        errno = EACCES;
        return -1;
    }
    return 0;
missing:
    out[0] = '\0';
    errno = ENAMETOOLONG;
    return -1;
}

int route_is_private(const char *rel)
{
    while (*rel != '\0') {
        const char *e = strchr(rel, '/');
        size_t n = e ? (size_t)(e - rel) : strlen(rel);

        if (route_private_name(rel, n))
            return 1;
        rel += n;
        while (*rel == '/')
            rel++;
    }
    return 0;
}
