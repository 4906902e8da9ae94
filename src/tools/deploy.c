/* deploy.c - releases of a functions root (see deploy.h).
 *
 * One deploy or rollback at a time per releases folder: each holds the
 * folder's lock (releases/.lock) from its first look to its last change,
 * so two deploys started together queue instead of trimming each other's
 * releases.  Nothing here touches a release the symlink points at, and
 * everything a failed deploy made is removed again, so a failure leaves
 * the site exactly as it was.
 */
#include "config.h"
#include "tools/deploy.h"
#include "engine/engine.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DEP_FAIL 1
#define DEP_USAGE 2
#define DEP_KEEP_DEFAULT 5

typedef struct {
    const char *src, *root, *ref, *data;
    long keep;
    unsigned long long bytecode_max;
} dep_opts;

/* Where a root's releases live: root (absolute, as given), its folder,
 * and releases/ beside it. */
typedef struct {
    char root[PATH_MAX], dir[PATH_MAX], releases[PATH_MAX];
    int lock;                   /* fd of releases/.lock while held, or -1 */
} dep_site;

/* The release names of a site, oldest first (names sort by time). */
typedef struct {
    char **name;
    size_t n;
} dep_list;

static int dep_fail(const char *what, const char *detail)
{
    fprintf(stderr, "invoke: %s: %s\n", what, detail);
    return DEP_FAIL;
}

static int dep_usage(const char *usage)
{
    fprintf(stderr, "usage: invoke %s\n", usage);
    return DEP_USAGE;
}

/* A size with k/m/g suffixes, as --bytecode-max takes it. */
static int dep_bytes(const char *s, unsigned long long *out)
{
    char *end;
    unsigned long long v, mult = 1;

    errno = 0;
    if (*s == '-' || (v = strtoull(s, &end, 10), errno != 0) || end == s)
        return -1;
    if (*end == 'k' || *end == 'K')
        mult = 1024ULL;
    else if (*end == 'm' || *end == 'M')
        mult = 1024ULL * 1024;
    else if (*end == 'g' || *end == 'G')
        mult = 1024ULL * 1024 * 1024;
    if (mult != 1)
        end++;
    if (*end != '\0' || v > ~0ULL / mult)
        return -1;
    *out = v * mult;
    return 0;
}

/* Parses the options every command shares; positional arguments go to
 * o->src (deploy's SRC; the others take none).  0, or -1 after printing
 * what was wrong. */
static int dep_args(dep_opts *o, int argc, char **argv, int want_src)
{
    int i;

    memset(o, 0, sizeof *o);
    o->keep = DEP_KEEP_DEFAULT;
    o->bytecode_max = 256ULL * 1024 * 1024;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        char *end;

        if (a[0] != '-' || a[1] == '\0') {
            if (!want_src || o->src != NULL) {
                fprintf(stderr, "invoke: unexpected argument '%s'\n", a);
                return -1;
            }
            o->src = a;
            continue;
        }
        if (v == NULL) {
            fprintf(stderr, "invoke: %s needs a value\n", a);
            return -1;
        }
        i++;
        if (strcmp(a, "--root") == 0) {
            o->root = v;
        } else if (strcmp(a, "--data") == 0) {
            o->data = v;
        } else if (want_src && strcmp(a, "--ref") == 0) {
            o->ref = v;
        } else if (want_src && strcmp(a, "--keep") == 0) {
            errno = 0;
            o->keep = strtol(v, &end, 10);
            if (errno != 0 || *end != '\0' || end == v || o->keep < 1 || o->keep > 1000) {
                fprintf(stderr, "invoke: --keep: expected a number of releases, 1 to 1000\n");
                return -1;
            }
        } else if (want_src && strcmp(a, "--bytecode-max") == 0) {
            if (dep_bytes(v, &o->bytecode_max) < 0) {
                fprintf(stderr, "invoke: --bytecode-max: expected a size in bytes "
                        "(k/m/g suffixes allowed)\n");
                return -1;
            }
        } else {
            fprintf(stderr, "invoke: unknown option '%s'\n", a);
            return -1;
        }
    }
    if (o->root == NULL || o->root[0] == '\0') {
        fprintf(stderr, "invoke: --root ROOT is required\n");
        return -1;
    }
    if (want_src && o->src == NULL) {
        fprintf(stderr, "invoke: which folder is the release? (SRC)\n");
        return -1;
    }
    return 0;
}

/* Fills s from the root as given: made absolute (not resolved: it is the
 * symlink itself that matters), with no trailing slash.  The root must be
 * a symlink or not exist yet.  0, or -1 after printing why. */
static int dep_site_of(dep_site *s, const char *root)
{
    char cwd[PATH_MAX], *slash;
    struct stat st;
    size_t n;

    s->lock = -1;
    if (root[0] == '/')
        n = (size_t) snprintf(s->root, sizeof s->root, "%s", root);
    else if (getcwd(cwd, sizeof cwd) != NULL)
        n = (size_t) snprintf(s->root, sizeof s->root, "%s/%s", cwd, root);
    else
        return dep_fail(root, strerror(errno)), -1;
    if (n >= sizeof s->root)
        return dep_fail(root, "path too long"), -1;
    while (n > 1 && s->root[n - 1] == '/')
        s->root[--n] = '\0';
    memcpy(s->dir, s->root, n + 1);
    slash = strrchr(s->dir, '/');
    if (slash == NULL || slash[1] == '\0' || strcmp(slash + 1, ".") == 0 ||
        strcmp(slash + 1, "..") == 0)
        return dep_fail(root, "not a usable root path"), -1;
    *(slash == s->dir ? slash + 1 : slash) = '\0';
    if ((size_t) snprintf(s->releases, sizeof s->releases, "%s%sreleases", s->dir,
                          strcmp(s->dir, "/") == 0 ? "" : "/") >= sizeof s->releases)
        return dep_fail(root, "path too long"), -1;
    if (lstat(s->root, &st) == 0 && !S_ISLNK(st.st_mode)) {
        fprintf(stderr, "invoke: %s is a %s, not a symlink to a release: move it to %s/NAME "
                "and make %s a symlink to it (see doc/admin.md, \"Deploying\")\n", s->root,
                S_ISDIR(st.st_mode) ? "folder" : "file", s->releases, s->root);
        return -1;
    }
    if (strcmp(s->root, s->releases) == 0)
        return dep_fail(root, "the root cannot be the releases folder itself"), -1;
    return 0;
}

/* mkdir -p: the folder path and those above it that are missing. */
static int dep_mkdirs(const char *path)
{
    char p[PATH_MAX], *q;

    snprintf(p, sizeof p, "%s", path);
    for (q = p + 1; *q; q++) {
        if (*q != '/')
            continue;
        *q = '\0';
        if (mkdir(p, 0755) < 0 && errno != EEXIST)
            return -1;
        *q = '/';
    }
    return mkdir(p, 0755) < 0 && errno != EEXIST ? -1 : 0;
}

/* Takes the releases folder's lock, making the folder (and the site's)
 * when create is set.  0, or -1 after printing why. */
static int dep_lock(dep_site *s, int create)
{
    char path[PATH_MAX + 8];

    if (create && dep_mkdirs(s->releases) < 0)
        return dep_fail(s->releases, strerror(errno)), -1;
    snprintf(path, sizeof path, "%s/.lock", s->releases);
    s->lock = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (s->lock < 0)
        return dep_fail(create ? path : s->releases, strerror(errno)), -1;
    if (flock(s->lock, LOCK_EX) < 0) {
        close(s->lock);
        s->lock = -1;
        return dep_fail(path, strerror(errno)), -1;
    }
    return 0;
}

static void dep_unlock(dep_site *s)
{
    if (s->lock >= 0)
        close(s->lock);
    s->lock = -1;
}

static int dep_by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *) a, *(char *const *) b);
}

static void dep_list_free(dep_list *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        free(l->name[i]);
    free(l->name);
    l->name = NULL;
    l->n = 0;
}

/* The releases: every folder in releases/ whose name does not start with
 * a dot (a deploy in progress, the lock), oldest first.  0, or -1. */
static int dep_list_of(const dep_site *s, dep_list *l)
{
    DIR *d = opendir(s->releases);
    struct dirent *e;
    struct stat st;
    size_t cap = 0;

    l->name = NULL;
    l->n = 0;
    if (d == NULL)
        return errno == ENOENT ? 0 : -1;
    while ((e = readdir(d)) != NULL) {
        char **grown;

        if (e->d_name[0] == '.' || fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
            !S_ISDIR(st.st_mode))
            continue;
        if (l->n == cap) {
            cap = cap ? 2 * cap : 16;
            grown = realloc(l->name, cap * sizeof *l->name);
            if (grown == NULL)
                goto fail;
            l->name = grown;
        }
        if ((l->name[l->n] = strdup(e->d_name)) == NULL)
            goto fail;
        l->n++;
    }
    closedir(d);
    if (l->n > 1)
        qsort(l->name, l->n, sizeof *l->name, dep_by_name);
    return 0;
fail:
    closedir(d);
    dep_list_free(l);
    errno = ENOMEM;
    return -1;
}

/* The release the root points at into name (NAME_MAX + 1): "" when the
 * root does not exist yet; 0, or -1 when it points outside releases/
 * (real is then where it points). */
static int dep_active(const dep_site *s, char *name, char *real)
{
    char rel[PATH_MAX], *slash;

    name[0] = real[0] = '\0';
    if (realpath(s->root, real) == NULL) {
        int gone = errno == ENOENT;

        real[0] = '\0';        /* glibc leaves what it resolved so far */
        return gone ? 0 : -1;
    }
    if (realpath(s->releases, rel) == NULL)
        return -1;
    slash = strrchr(real, '/');
    if (slash == NULL || (size_t) (slash - real) != strlen(rel) ||
        strncmp(real, rel, strlen(rel)) != 0 || strlen(slash + 1) > NAME_MAX)
        return -1;
    memcpy(name, slash + 1, strlen(slash + 1) + 1);
    return 0;
}

/* Makes releases/NAME for a new release, NAME the UTC time (with -02,
 * -03, ... when that second has one already), so names sort by age; and
 * after every release there is, even those of a second whose first
 * release was trimmed away already, or of a clock set back.  0, or -1
 * after printing why. */
static int dep_new_release(const dep_site *s, char *name, char *path)
{
    time_t now = time(NULL);
    struct tm tm;
    char stamp[32];
    dep_list l;
    int i = 1;

    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    if (dep_list_of(s, &l) < 0)
        return dep_fail(s->releases, strerror(errno)), -1;
    if (l.n > 0) {
        const char *last = l.name[l.n - 1];
        size_t n = strlen(stamp);

        /* (a name of the same shape: one made by hand sorts as it likes) */
        if (strlen(last) >= n && last[8] == 'T' && last[n - 1] == 'Z' &&
            strncmp(last, stamp, n) >= 0) {
            memcpy(stamp, last, n);         /* that second, or a later one */
            i = last[n] == '-' ? atoi(last + n + 1) + 1 : 2;
        }
    }
    dep_list_free(&l);
    for (; i < 100; i++) {
        if (i == 1)
            snprintf(name, NAME_MAX + 1, "%s", stamp);
        else
            snprintf(name, NAME_MAX + 1, "%s-%02d", stamp, i);
        if ((size_t) snprintf(path, PATH_MAX, "%s/%s", s->releases, name) >= PATH_MAX)
            return dep_fail(s->releases, "path too long"), -1;
        if (mkdir(path, 0755) == 0)
            return 0;
        if (errno != EEXIST)
            return dep_fail(path, strerror(errno)), -1;
    }
    return dep_fail(s->releases, "too many releases made this second"), -1;
}

/* Runs argv (from PATH) with stdin from in and stdout to out (-1: ours);
 * returns its pid, or -1. */
static pid_t dep_spawn(char *const *argv, int in, int out)
{
    pid_t pid = fork();

    if (pid != 0)
        return pid;
    if ((in >= 0 && dup2(in, 0) < 0) || (out >= 0 && dup2(out, 1) < 0))
        _exit(127);
    if (in >= 0)
        close(in);
    if (out >= 0)
        close(out);
    execvp(argv[0], argv);
    fprintf(stderr, "invoke: %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

/* Whether the child pid ended well; names it when not. */
static int dep_reap(pid_t pid, const char *what)
{
    int status;

    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return dep_fail(what, strerror(errno)), -1;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    fprintf(stderr, "invoke: %s failed (%s %d)\n", what,
            WIFEXITED(status) ? "exit status" : "signal",
            WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
    return -1;
}

/* Fills the release folder dest: a copy of the folder src with its modes,
 * times and symlinks (cp -a), or, with ref, the tree of that commit of
 * the git repository src (git archive | tar -x, so no .git comes along).
 * 0, or -1 after printing why. */
static int dep_fill(const char *src, const char *ref, const char *dest)
{
    char from[PATH_MAX + 4];
    struct stat st;

    if (stat(src, &st) < 0)
        return dep_fail(src, strerror(errno)), -1;
    if (!S_ISDIR(st.st_mode))
        return dep_fail(src, "not a folder"), -1;
    if (ref == NULL) {
        char *cp[] = { "cp", "-a", "--", from, (char *) dest, NULL };
        pid_t pid;

        if ((size_t) snprintf(from, sizeof from, "%s/.", src) >= sizeof from)
            return dep_fail(src, "path too long"), -1;
        pid = dep_spawn(cp, -1, -1);
        return pid < 0 ? (dep_fail("cp", strerror(errno)), -1) : dep_reap(pid, "copying the release");
    } else {
        char *git[] = { "git", "-C", (char *) src, "archive", "--format=tar", "--",
                        (char *) ref, NULL };
        char *tar[] = { "tar", "-x", "-f", "-", "-C", (char *) dest, NULL };
        int p[2], rg, rt;
        pid_t g, t;

        if (pipe(p) < 0)
            return dep_fail("pipe", strerror(errno)), -1;
        g = dep_spawn(git, -1, p[1]);
        t = g < 0 ? -1 : dep_spawn(tar, p[0], -1);
        close(p[0]);
        close(p[1]);
        rg = g < 0 ? -1 : dep_reap(g, "git archive");
        rt = t < 0 ? -1 : dep_reap(t, "unpacking the release");
        if (g < 0 || t < 0)
            dep_fail("fork", strerror(errno));
        return rg == 0 && rt == 0 ? 0 : -1;
    }
}

/* --- compiling a release --- */

/* nftw has no user data: the one walk in progress. */
static struct {
    eng *e;
    const char *root;           /* the release's real path */
    unsigned long files, errors;
} dep_walk;

/* The modules a release is compiled for: what require() and the router
 * load (TypeScript declarations only describe). */
static int dep_is_module(const char *name)
{
    static const char *const exts[] = { ".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", NULL };
    size_t n = strlen(name), l;
    int i;

    if (n > 5 && (strcmp(name + n - 5, ".d.ts") == 0 || strcmp(name + n - 6, ".d.mts") == 0 ||
                  strcmp(name + n - 6, ".d.cts") == 0))
        return 0;
    for (i = 0; exts[i] != NULL; i++) {
        l = strlen(exts[i]);
        if (n > l && strcmp(name + n - l, exts[i]) == 0)
            return 1;
    }
    return 0;
}

static int dep_compile_one(const char *path, const struct stat *st, int type, struct FTW *f)
{
    const char *name = path + f->base;
    char err[1024];

    (void) st;
    if (type == FTW_D && f->level > 0 &&
        (name[0] == '.' || strcmp(name, "node_modules") == 0))
        return FTW_SKIP_SUBTREE;        /* packages compile as they are required */
    if (type != FTW_F || !dep_is_module(name))
        return FTW_CONTINUE;
    dep_walk.files++;
    if (eng_compile(dep_walk.e, dep_walk.root, path, err, sizeof err) < 0) {
        dep_walk.errors++;
        fprintf(stderr, "invoke: %s: %s\n", path + strlen(dep_walk.root) + 1, err);
    }
    return FTW_CONTINUE;
}

/* Compiles every module of the release at real (its real path) as the
 * responder will, into the bytecode cache of data (NULL: none).  0 when
 * all compiled, else -1 after printing each error as FILE: ERROR. */
static int dep_compile(const char *real, const char *data)
{
    eng_config ec;
    char err[256] = "";
    int rc;

    memset(&ec, 0, sizeof ec);
    ec.data = data;
    ec.memory_limit = (size_t) 256 * 1024 * 1024;
    dep_walk.e = eng_new(&ec, err, sizeof err);
    if (dep_walk.e == NULL)
        return dep_fail("engine", err[0] ? err : "could not start"), -1;
    dep_walk.root = real;
    dep_walk.files = dep_walk.errors = 0;
    rc = nftw(real, dep_compile_one, 32, FTW_PHYS | FTW_ACTIONRETVAL);
    eng_free(dep_walk.e);
    dep_walk.e = NULL;
    if (rc < 0)
        return dep_fail(real, strerror(errno)), -1;
    if (dep_walk.errors > 0) {
        fprintf(stderr, "invoke: %lu of %lu modules did not compile\n", dep_walk.errors,
                dep_walk.files);
        return -1;
    }
    return 0;
}

/* --- switching and trimming --- */

static int dep_remove_one(const char *path, const struct stat *st, int type, struct FTW *f)
{
    (void) st;
    (void) type;
    (void) f;
    if (remove(path) < 0 && errno != ENOENT)
        fprintf(stderr, "invoke: %s: %s\n", path, strerror(errno));
    return 0;
}

/* Removes the folder path and all it holds (symlinks are removed, never
 * followed). */
static void dep_remove_tree(const char *path)
{
    (void) nftw(path, dep_remove_one, 32, FTW_DEPTH | FTW_PHYS);
}

/* Points the root at releases/name: a new symlink beside it renamed over
 * it, so a request resolving the root finds the old release or the new
 * one, never neither.  The link is relative (releases/NAME): the whole
 * site folder may be moved.  0, or -1 after printing why. */
static int dep_switch(const dep_site *s, const char *name)
{
    char target[PATH_MAX], tmp[PATH_MAX + 32];
    int fd;

    snprintf(target, sizeof target, "releases/%s", name);
    snprintf(tmp, sizeof tmp, "%s.invoke-%ld", s->root, (long) getpid());
    (void) unlink(tmp);
    if (symlink(target, tmp) < 0)
        return dep_fail(tmp, strerror(errno)), -1;
    if (rename(tmp, s->root) < 0) {
        int e = errno;

        unlink(tmp);
        return dep_fail(s->root, strerror(e)), -1;
    }
    /* the switch itself must survive a power cut, like the release */
    fd = open(s->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void) fsync(fd);
        close(fd);
    }
    return 0;
}

/* Removes the oldest releases until keep are left; never the active one. */
static void dep_trim(const dep_site *s, long keep, const char *active)
{
    dep_list l;
    size_t i, left;
    char path[PATH_MAX];

    if (dep_list_of(s, &l) < 0)
        return;
    left = l.n;
    for (i = 0; i < l.n && left > (size_t) keep; i++) {
        if (strcmp(l.name[i], active) == 0)
            continue;
        if ((size_t) snprintf(path, sizeof path, "%s/%s", s->releases, l.name[i]) >=
            sizeof path)
            continue;
        dep_remove_tree(path);
        left--;
    }
    dep_list_free(&l);
}

/* --- the commands --- */

/* Owned by the caller: argv. */
int dep_cmd_deploy(int argc, char **argv)
{
    dep_opts o;
    dep_site s;
    char name[NAME_MAX + 1], path[PATH_MAX], real[PATH_MAX], was[NAME_MAX + 1], where[PATH_MAX];
    int rc = DEP_FAIL;

    if (dep_args(&o, argc, argv, 1) < 0)
        return dep_usage(DEP_USAGE_DEPLOY);
    if (dep_site_of(&s, o.root) < 0 || dep_lock(&s, 1) < 0)
        return DEP_FAIL;
    if (dep_active(&s, was, where) < 0)
        was[0] = '\0';
    if (dep_new_release(&s, name, path) < 0)
        goto out;
    if (dep_fill(o.src, o.ref, path) < 0 || realpath(path, real) == NULL) {
        dep_remove_tree(path);
        goto out;
    }
    if (dep_compile(real, o.data) < 0) {
        fprintf(stderr, "invoke: release %s refused; %s still serves %s\n", name, s.root,
                was[0] ? was : where[0] ? where : "nothing");
        dep_remove_tree(path);
        goto out;
    }
    if (dep_switch(&s, name) < 0) {
        dep_remove_tree(path);
        goto out;
    }
    printf("%s -> releases/%s (%lu modules compiled%s)\n", s.root, name, dep_walk.files,
           o.data ? ", bytecode cached" : "");
    dep_trim(&s, o.keep, name);
    if (o.data != NULL)
        (void) eng_prune_bytecode(o.data, o.bytecode_max);
    rc = 0;
out:
    dep_unlock(&s);
    return rc;
}

/* Owned by the caller: argv. */
int dep_cmd_rollback(int argc, char **argv)
{
    dep_opts o;
    dep_site s;
    dep_list l;
    char active[NAME_MAX + 1], where[PATH_MAX];
    size_t i;
    int rc = DEP_FAIL;

    if (dep_args(&o, argc, argv, 0) < 0)
        return dep_usage(DEP_USAGE_ROLLBACK);
    if (dep_site_of(&s, o.root) < 0 || dep_lock(&s, 0) < 0)
        return DEP_FAIL;
    if (dep_active(&s, active, where) < 0 || active[0] == '\0') {
        fprintf(stderr, "invoke: %s %s%s: nothing to roll back from\n", s.root,
                where[0] ? "points outside " : "does not exist in ",
                where[0] ? s.releases : "");
        goto out;
    }
    if (dep_list_of(&s, &l) < 0) {
        dep_fail(s.releases, strerror(errno));
        goto out;
    }
    for (i = 0; i < l.n && strcmp(l.name[i], active) != 0; i++)
        ;
    if (i == 0 || i == l.n) {
        fprintf(stderr, "invoke: %s: no release before %s\n", s.releases, active);
    } else if (dep_switch(&s, l.name[i - 1]) == 0) {
        printf("%s -> releases/%s (was releases/%s)\n", s.root, l.name[i - 1], active);
        rc = 0;
    }
    dep_list_free(&l);
out:
    dep_unlock(&s);
    return rc;
}

/* Owned by the caller: argv. */
int dep_cmd_releases(int argc, char **argv)
{
    dep_opts o;
    dep_site s;
    dep_list l;
    char active[NAME_MAX + 1], where[PATH_MAX];
    size_t i;
    int outside;

    if (dep_args(&o, argc, argv, 0) < 0)
        return dep_usage(DEP_USAGE_RELEASES);
    if (dep_site_of(&s, o.root) < 0)
        return DEP_FAIL;
    outside = dep_active(&s, active, where) < 0;
    if (dep_list_of(&s, &l) < 0)
        return dep_fail(s.releases, strerror(errno));
    for (i = 0; i < l.n; i++)
        printf("%c %s\n", strcmp(l.name[i], active) == 0 ? '*' : ' ', l.name[i]);
    dep_list_free(&l);
    if (outside && where[0])
        printf("%s -> %s (not a release in %s)\n", s.root, where, s.releases);
    return 0;
}
