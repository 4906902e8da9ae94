/* router_test.c - route_resolve, route_confine and route_is_private against a real
 * fixture tree built in a fresh temporary folder (and removed at the end;
 * INVOKE_KEEP=1 keeps it for debugging).  Symlinks are part of the tree on
 * purpose: the router must be judged on what the file system does, not on
 * what the names look like.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "router/router.h"
#include "tap.h"

static char root[PATH_MAX], other[PATH_MAX];

static void die(const char *what, const char *path)
{
    printf("Bail out! %s %s: %s\n", what, path, strerror(errno));
    exit(255);
}

/* mkdir -p of every folder on the way to rel, then rel itself as a file. */
static void put(const char *base, const char *rel, const char *body)
{
    char p[2 * PATH_MAX], *s;
    int fd;

    snprintf(p, sizeof p, "%s/%s", base, rel);
    for (s = p + strlen(base) + 1; (s = strchr(s, '/')) != NULL; s++) {
        *s = '\0';
        if (mkdir(p, 0755) < 0 && errno != EEXIST)
            die("mkdir", p);
        *s = '/';
    }
    if ((fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
        die("open", p);
    if (write(fd, body, strlen(body)) < 0)
        die("write", p);
    close(fd);
}

static void link_to(const char *target, const char *rel)
{
    char p[2 * PATH_MAX];

    snprintf(p, sizeof p, "%s/%s", root, rel);
    if (symlink(target, p) < 0)
        die("symlink", p);
}

static const char fn[] = "module.exports = function (req, res) {};\n";

static void build_fixture(void)
{
    static const char *files[] = {
        "index.js", "hello.js", "hello/index.js", "about/index.js",
        "users/[id].js", "users/me.js", "users/[id]/posts.js",
        "users/admin/settings.js", "files/[...path].js",
        "docs/[...slug]/index.js", "shop/[item].js", "shop/[...all].js",
        "team/[org]/index.js", "_private.js", ".env", "node_modules/x.js",
        "lib/_helpers.js", "lib/util.js", "api/.hidden/x.js", "data.json",
        "odd/[bad name].js", "odd/[a.b].js", "odd/[].js", "odd/[...].js",
        NULL
    };
    char tmpl[] = "/tmp/router_test.XXXXXX", tmpl2[] = "/tmp/router_out.XXXXXX";
    char deep[PATH_MAX];
    int i;

    if (mkdtemp(tmpl) == NULL || realpath(tmpl, root) == NULL)
        die("mkdtemp", tmpl);
    if (mkdtemp(tmpl2) == NULL || realpath(tmpl2, other) == NULL)
        die("mkdtemp", tmpl2);
    for (i = 0; files[i] != NULL; i++)
        put(root, files[i], strcmp(files[i], ".env") ? fn : "SECRET=1\n");
    put(other, "a.js", fn);
    link_to("/etc/passwd", "escape.js");
    link_to(other, "out");
    link_to("_private.js", "pub.js");
    link_to("hello.js", "alias.js");
    link_to("../_private.js", "lib/pub.js");
    link_to("../api/.hidden", "lib/hid");

    /* many/[p]/[p]/... : 16 parameters fit, the 17th does not. */
    strcpy(deep, "many");
    for (i = 0; i < ROUTE_MAX_PARAMS; i++)
        strcat(deep, "/[p]");
    strcat(deep, "/x.js");
    put(root, deep, fn);
    strcpy(deep + strlen(deep) - 5, "/[p].js");
    put(root, deep, fn);
}

static int rm_one(const char *p, const struct stat *st, int flag,
                  struct FTW *f)
{
    (void)st; (void)f;
    return flag == FTW_DP ? rmdir(p) : unlink(p);
}

static void cleanup(void)
{
    const char *keep = getenv("INVOKE_KEEP");

    if (keep && *keep && strcmp(keep, "0") != 0) {
        printf("# kept %s and %s\n", root, other);
        return;
    }
    /* FTW_PHYS: unlink the symlinks, never walk into /etc or elsewhere. */
    ok(nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS) == 0, "fixture removed");
    ok(nftw(other, rm_one, 16, FTW_DEPTH | FTW_PHYS) == 0, "outside folder removed");
}

static const char *status_name(route_status s)
{
    switch (s) {
    case ROUTE_OK: return "ROUTE_OK";
    case ROUTE_NOT_FOUND: return "ROUTE_NOT_FOUND";
    case ROUTE_FORBIDDEN: return "ROUTE_FORBIDDEN";
    case ROUTE_ERR: return "ROUTE_ERR";
    }
    return "?";
}

/* Routes path and checks file, rel and up to two parameters. */
static void route(const char *path, const char *rel, const char *n1,
                  const char *v1, const char *n2, const char *v2)
{
    static route_match m;
    char name[512], want[2 * PATH_MAX], err[256];
    route_status st = route_resolve(root, path, &m, err, sizeof err);
    int np = (n1 != NULL) + (n2 != NULL);

    snprintf(name, sizeof name, "%.300s -> %s", path, rel);
    if (!is_str(status_name(st), "ROUTE_OK", name)) {
        printf("#   %s\n", err);
        return;
    }
    snprintf(want, sizeof want, "%s/%s", root, rel);
    is_str(m.file, want, "  real path");
    is_str(m.rel, rel, "  rel");
    ok(m.rel == m.file + strlen(root) + 1, "  rel points into file");
    is_int(m.nparams, np, "  parameter count");
    if (n1 && m.nparams >= 1) {
        is_str(m.params[0].name, n1, "  first parameter name");
        is_str(m.params[0].value, v1, "  first parameter value");
    }
    if (n2 && m.nparams >= 2) {
        is_str(m.params[1].name, n2, "  second parameter name");
        is_str(m.params[1].value, v2, "  second parameter value");
    }
}

/* want: ROUTE_NOT_FOUND or ROUTE_FORBIDDEN; never ROUTE_OK, and m left empty. */
static void refuse(const char *path, route_status want)
{
    static route_match m;
    char name[512], err[256];
    route_status st;

    memset(&m, 'x', sizeof m);
    st = route_resolve(root, path, &m, err, sizeof err);
    snprintf(name, sizeof name, "%.60s%s: %s", path,
             strlen(path) > 60 ? "..." : "", status_name(want));
    if (!is_str(status_name(st), status_name(want), name) && st == ROUTE_OK)
        printf("#   SERVED %s\n", m.file);
    ok(m.file[0] == '\0' && m.nparams == 0, "  nothing left in the match");
    if (want == ROUTE_FORBIDDEN)
        ok(err[0] != '\0', "  a reason is given");
}

static void test_routes(void)
{
    char big[PATH_MAX], slug[8192];
    int i;

    route("/", "index.js", NULL, NULL, NULL, NULL);
    route("/hello", "hello.js", NULL, NULL, NULL, NULL);
    route("/hello/", "hello.js", NULL, NULL, NULL, NULL);
    route("/about", "about/index.js", NULL, NULL, NULL, NULL);
    route("/about/", "about/index.js", NULL, NULL, NULL, NULL);
    route("/users/42", "users/[id].js", "id", "42", NULL, NULL);
    route("/users/42/", "users/[id].js", "id", "42", NULL, NULL);
    route("/users/a%20b", "users/[id].js", "id", "a b", NULL, NULL);
    route("/users/%E2%82%AC", "users/[id].js", "id", "\xE2\x82\xAC", NULL, NULL);
    route("/users/x.js", "users/[id].js", "id", "x.js", NULL, NULL);
    route("/users/me", "users/me.js", NULL, NULL, NULL, NULL);
    route("/users/[id]", "users/[id].js", "id", "[id]", NULL, NULL);
    route("/users/%5Bid%5D", "users/[id].js", "id", "[id]", NULL, NULL);
    route("/users/42/posts", "users/[id]/posts.js", "id", "42", NULL, NULL);
    route("/users/me/posts", "users/[id]/posts.js", "id", "me", NULL, NULL);
    route("/users/admin/settings", "users/admin/settings.js", NULL, NULL, NULL, NULL);
    /* users/admin/ exists but has no posts: back up and take [id]. */
    route("/users/admin/posts", "users/[id]/posts.js", "id", "admin", NULL, NULL);
    route("/files/one", "files/[...path].js", "path", "one", NULL, NULL);
    route("/files/a/b/c.txt", "files/[...path].js", "path", "a/b/c.txt", NULL, NULL);
    route("/files/a%20b/c%3Fd/", "files/[...path].js", "path", "a b/c?d", NULL, NULL);
    route("/docs/a", "docs/[...slug]/index.js", "slug", "a", NULL, NULL);
    route("/docs/a/b/c", "docs/[...slug]/index.js", "slug", "a/b/c", NULL, NULL);
    route("/shop/x", "shop/[item].js", "item", "x", NULL, NULL);
    route("/shop/x/y", "shop/[...all].js", "all", "x/y", NULL, NULL);
    route("/team/acme", "team/[org]/index.js", "org", "acme", NULL, NULL);
    route("/alias", "hello.js", NULL, NULL, NULL, NULL);
    route("/lib/util", "lib/util.js", NULL, NULL, NULL, NULL);

    strcpy(big, "/many");
    for (i = 0; i < ROUTE_MAX_PARAMS; i++)
        strcat(big, "/v");
    strcat(big, "/x");
    {
        static route_match m;
        route_status st = route_resolve(root, big, &m, NULL, 0);
        is_str(status_name(st), "ROUTE_OK", "16 parameters fit");
        is_int(m.nparams, ROUTE_MAX_PARAMS, "  all 16 recorded");
    }

    /* a rest parameter of many segments, and one just too long */
    strcpy(big, "/files");
    for (i = 0; i < 100; i++)
        strcat(big, "/s");
    {
        static route_match m;
        route_status st = route_resolve(root, big, &m, NULL, 0);
        is_str(status_name(st), "ROUTE_OK", "100 segments into a rest parameter");
        is_int((long)strlen(m.params[0].value), 199, "  joined with '/'");
    }
    strcpy(big, "/docs/");
    memset(slug, 'a', ROUTE_VALUE_MAX);
    slug[ROUTE_VALUE_MAX] = '\0';
    strcat(big, slug);
    refuse(big, ROUTE_FORBIDDEN);
    strcpy(big, "/users/");
    memset(slug, 'a', ROUTE_VALUE_MAX - 1);
    slug[ROUTE_VALUE_MAX - 1] = '\0';
    strcat(big, slug);
    route(big, "users/[id].js", "id", slug, NULL, NULL);

    /* 17 parameters */
    strcpy(big, "/many");
    for (i = 0; i <= ROUTE_MAX_PARAMS; i++)
        strcat(big, "/v");
    refuse(big, ROUTE_FORBIDDEN);

    refuse("/nope", ROUTE_NOT_FOUND);
    refuse("/nope/deeper", ROUTE_NOT_FOUND);
    refuse("/users/42/extra", ROUTE_NOT_FOUND);
    refuse("/about/nothing", ROUTE_NOT_FOUND);
    refuse("/hello.js", ROUTE_NOT_FOUND);
    refuse("/data", ROUTE_NOT_FOUND);
    refuse("/data.json", ROUTE_NOT_FOUND);
    refuse("/files", ROUTE_NOT_FOUND);     /* a rest takes one segment or more */
    refuse("/files/", ROUTE_NOT_FOUND);
    refuse("/docs", ROUTE_NOT_FOUND);
    refuse("/odd/x", ROUTE_NOT_FOUND);     /* no valid [name] in odd/ */
    refuse("/team", ROUTE_NOT_FOUND);
    refuse("/team/acme/x", ROUTE_NOT_FOUND);
}

static void test_hostile(void)
{
    static const struct { const char *path; route_status want; } t[] = {
        { "/..", ROUTE_FORBIDDEN },
        { "/../etc/passwd", ROUTE_FORBIDDEN },
        { "/%2e%2e/x", ROUTE_FORBIDDEN },
        { "/%2E%2E%2Fetc%2Fpasswd", ROUTE_FORBIDDEN },
        { "/%2e%2e%2f", ROUTE_FORBIDDEN },
        { "/a/../hello", ROUTE_FORBIDDEN },
        { "/hello/..", ROUTE_FORBIDDEN },
        { "/./hello", ROUTE_FORBIDDEN },
        { "/%2e/hello", ROUTE_FORBIDDEN },
        { "//hello", ROUTE_FORBIDDEN },
        { "//etc/passwd", ROUTE_FORBIDDEN },
        { "/hello//x", ROUTE_FORBIDDEN },
        { "/hello//", ROUTE_FORBIDDEN },
        { "/hello%00", ROUTE_FORBIDDEN },
        { "/hello%00.js", ROUTE_FORBIDDEN },
        { "/%00", ROUTE_FORBIDDEN },
        { "/users/%0a", ROUTE_FORBIDDEN },
        { "/users/a%09b", ROUTE_FORBIDDEN },
        { "/users/%7f", ROUTE_FORBIDDEN },
        { "/hello\\..\\x", ROUTE_FORBIDDEN },
        { "/a\\..\\..\\etc\\passwd", ROUTE_FORBIDDEN },
        { "/hello%5c..", ROUTE_FORBIDDEN },
        { "/%5c..%5c..%5cetc%5cpasswd", ROUTE_FORBIDDEN },
        { "/.env", ROUTE_FORBIDDEN },
        { "/%2eenv", ROUTE_FORBIDDEN },
        { "/.env.js", ROUTE_FORBIDDEN },
        { "/_private", ROUTE_FORBIDDEN },
        { "/%5fprivate", ROUTE_FORBIDDEN },
        { "/_private.js", ROUTE_FORBIDDEN },
        { "/lib/_helpers", ROUTE_FORBIDDEN },
        { "/node_modules/x", ROUTE_FORBIDDEN },
        { "/node_modules%2fx", ROUTE_FORBIDDEN },
        { "/files/a%2Fb", ROUTE_FORBIDDEN },    /* a rest keeps real '/' only */
        { "/api/.hidden/x", ROUTE_FORBIDDEN },
        { "/users/.hidden", ROUTE_FORBIDDEN },  /* not even as a [param] value */
        { "/files/a/_b", ROUTE_FORBIDDEN },     /* nor inside a rest */
        { "/escape", ROUTE_FORBIDDEN },
        { "/out/a", ROUTE_FORBIDDEN },
        { "/pub", ROUTE_FORBIDDEN },
        { "/lib/pub", ROUTE_FORBIDDEN },
        { "/lib/hid/x", ROUTE_FORBIDDEN },
        { "/users/..%2f..%2fetc", ROUTE_FORBIDDEN },
        { "/users/%2e%2e", ROUTE_FORBIDDEN },
        { "/files/..%2f..%2f.env", ROUTE_FORBIDDEN },
        { "/files/a/../../.env", ROUTE_FORBIDDEN },
        { "/%zz", ROUTE_FORBIDDEN },
        { "/%4", ROUTE_FORBIDDEN },
        { "/%4/", ROUTE_FORBIDDEN },
        { "/a%", ROUTE_FORBIDDEN },
        { "/a%/b", ROUTE_FORBIDDEN },
        { "/hello%2f..", ROUTE_FORBIDDEN },
        { "/%2fetc%2fpasswd", ROUTE_FORBIDDEN },
        { "/index.js/../.env", ROUTE_FORBIDDEN },
        { "/%c0%ae%c0%ae/x", ROUTE_NOT_FOUND },  /* not a dot: just no file */
        { "/%c0%ae%c0%ae/", ROUTE_NOT_FOUND },
        { "relative", ROUTE_FORBIDDEN },
        { "hello", ROUTE_FORBIDDEN },
        { "", ROUTE_FORBIDDEN },
        { NULL, ROUTE_OK }
    };
    char big[6000];
    int i;

    for (i = 0; t[i].path != NULL; i++)
        refuse(t[i].path, t[i].want);
    ok(i >= 30, "at least 30 hostile paths");

    big[0] = '/';
    memset(big + 1, 'a', 4999);
    big[5000] = '\0';
    refuse(big, ROUTE_FORBIDDEN);
    for (i = 0; i < 300; i++)
        memcpy(big + 2 * i, "/a", 2);
    big[600] = '\0';
    refuse(big, ROUTE_FORBIDDEN);
    /* the same many segments under a rest folder: still refused */
    strcpy(big, "/files");
    for (i = 0; i < 300; i++)
        strcat(big, "/a");
    refuse(big, ROUTE_FORBIDDEN);
}

static void test_root(void)
{
    static route_match m;
    char err[256], empty[PATH_MAX], tmpl[] = "/tmp/router_empty.XXXXXX";

    err[0] = '\0';
    is_str(status_name(route_resolve("/nonexistent/router-test", "/hello", &m,
                                  err, sizeof err)),
           "ROUTE_ERR", "a missing root: ROUTE_ERR");
    ok(err[0] != '\0', "  with a reason");
    is_str(status_name(route_resolve("/nonexistent/router-test", "/", &m,
                                  err, sizeof err)),
           "ROUTE_ERR", "a missing root, path /: ROUTE_ERR");
    is_str(status_name(route_resolve("relative/root", "/hello", &m, err,
                                  sizeof err)),
           "ROUTE_ERR", "a relative root: ROUTE_ERR");
    is_str(status_name(route_resolve(NULL, "/hello", &m, NULL, 0)),
           "ROUTE_ERR", "no root: ROUTE_ERR, err may be NULL");
    if (mkdtemp(tmpl) == NULL || realpath(tmpl, empty) == NULL)
        die("mkdtemp", tmpl);
    is_str(status_name(route_resolve(empty, "/", &m, err, sizeof err)),
           "ROUTE_NOT_FOUND", "an empty root: / is not found");
    is_str(status_name(route_resolve(empty, "/x", &m, err, sizeof err)),
           "ROUTE_NOT_FOUND", "an empty root: /x is not found");
    rmdir(empty);
}

static void confine(const char *base, const char *path, int want_errno,
                    const char *want_rel)
{
    char out[PATH_MAX], name[512], want[2 * PATH_MAX];
    int rc;

    errno = 0;
    rc = route_confine(root, base, path, out);
    snprintf(name, sizeof name, "route_confine(%s, %s)",
             base == NULL ? "NULL" : base == root ? "root"
                                   : base + strlen(root), path);
    if (want_errno == 0) {
        if (!is_int(rc, 0, name))
            printf("#   errno %s\n", strerror(errno));
        snprintf(want, sizeof want, "%s%s%s", root, *want_rel ? "/" : "",
                 want_rel);
        is_str(out, want, "  real path");
    } else {
        is_int(rc, -1, name);
        is_int(errno, want_errno, want_errno == EACCES ? "  EACCES" : "  ENOENT");
    }
}

static void test_confine(void)
{
    char lib[PATH_MAX + 8], up[PATH_MAX + 16], abs[PATH_MAX + 16];
    const char *leaf = strrchr(root, '/') + 1;

    snprintf(lib, sizeof lib, "%s/lib", root);
    confine(root, "hello.js", 0, "hello.js");
    confine(root, "./hello.js", 0, "hello.js");
    confine(root, "_private.js", 0, "_private.js");
    confine(root, ".env", 0, ".env");
    confine(root, "node_modules/x.js", 0, "node_modules/x.js");
    confine(lib, "_helpers.js", 0, "lib/_helpers.js");
    confine(lib, "../hello.js", 0, "hello.js");
    confine(lib, "pub.js", 0, "_private.js");
    confine(root, "alias.js", 0, "hello.js");
    confine(root, "", 0, "");
    confine(root, ".", 0, "");
    confine(lib, "..", 0, "");
    snprintf(up, sizeof up, "../%s/hello.js", leaf);
    confine(root, up, 0, "hello.js");
    snprintf(abs, sizeof abs, "%s/users/me.js", root);
    confine(lib, abs, 0, "users/me.js");
    confine(NULL, "hello.js", 0, "hello.js");

    confine(root, "..", EACCES, NULL);
    confine(root, "../", EACCES, NULL);
    confine(root, "../../etc/passwd", EACCES, NULL);
    confine(lib, "../../../../../../etc/passwd", EACCES, NULL);
    confine(root, "/etc/passwd", EACCES, NULL);
    confine(root, "escape.js", EACCES, NULL);
    confine(root, "out/a.js", EACCES, NULL);
    confine(root, "out", EACCES, NULL);
    /* missing and outside: EACCES too, so nothing out there can be probed */
    confine(root, "../no-such-file", EACCES, NULL);
    confine(root, "/etc/no-such-file-here", EACCES, NULL);
    confine(root, "nope.js", ENOENT, NULL);
    confine(lib, "nope/deeper.js", ENOENT, NULL);
    confine(root, "hello.js/x", ENOENT, NULL);

    {
        char out[PATH_MAX];
        errno = 0;
        is_int(route_confine(root, root, NULL, out), -1, "route_confine(NULL path)");
    }
}

static void test_private(void)
{
    static const struct { const char *rel; int want; } t[] = {
        { "index.js", 0 }, { "a/b.js", 0 }, { "x_y/z.js", 0 },
        { "users/[id].js", 0 }, { "a.b/c", 0 }, { "node_modulesx/y", 0 },
        { "xnode_modules/y", 0 }, { "", 0 },
        { "_x.js", 1 }, { ".env", 1 }, { "a/.env", 1 }, { "a/_b/c.js", 1 },
        { "node_modules/x.js", 1 }, { "a/node_modules/x.js", 1 },
        { "a/node_modules", 1 }, { "a//_b", 1 }, { ".", 1 }, { "a/..", 1 },
        { NULL, 0 }
    };
    char name[128];
    int i;

    for (i = 0; t[i].rel != NULL; i++) {
        snprintf(name, sizeof name, "route_is_private(\"%s\") = %d", t[i].rel,
                 t[i].want);
        is_int(route_is_private(t[i].rel) != 0, t[i].want, name);
    }
}

/* route_resolve_below: the deepest file above a path that routes to
 * nothing, and how much of the path its route is. */
static void below(const char *path, const char *rel, long mountlen)
{
    route_match m;
    size_t n = 99;
    char err[256], name[512];
    route_status st = route_resolve_below(root, path, &m, &n, err, sizeof err);

    snprintf(name, sizeof name, "below %s -> %s", path, rel ? rel : "NOT_FOUND");
    if (rel == NULL) {
        is_str(status_name(st), "NOT_FOUND", name);
        return;
    }
    is_str(st == ROUTE_OK ? m.rel : status_name(st), rel, name);
    snprintf(name, sizeof name, "below %s: the file's route is %ld bytes", path, mountlen);
    is_int((long)n, mountlen, name);
}

static void test_below(void)
{
    below("/hello/x/y", "hello.js", 6);
    below("/hello/x/", "hello.js", 6);
    below("/users/42/posts/7", "users/[id]/posts.js", 15);
    below("/users/42/other", "users/[id].js", 9);
    below("/about/a/b", "about/index.js", 6);
    below("/nothing/here", "index.js", 0);
    below("/hello/x%2Fy", "hello.js", 6);
    /* a private name on the way is refused, never routed around */
    {
        route_match m;
        size_t n;
        is_str(status_name(route_resolve_below(root, "/lib/_helpers/x", &m, &n, NULL, 0)),
               "ROUTE_FORBIDDEN", "below /lib/_helpers/x: refused");
    }
}

int main(void)
{
    build_fixture();
    printf("# fixture %s\n", root);
    test_routes();
    test_hostile();
    test_root();
    test_confine();
    test_private();
    test_below();
    cleanup();
    return done_testing();
}
