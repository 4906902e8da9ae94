/* invoke.c - the `invoke` tool for people who write functions
 * (doc/contract.md §12).
 *
 * `invoke run ROOT PATH` pushes one request through the very router and
 * engine the responder uses, with the CGI variables nginx's fastcgi_params
 * would send, and prints the response the way `curl -i` does.  Verbs live in
 * a sentinel-terminated table so that exec, compile and kv slot in later.
 *
 * Exit statuses (doc/invoke.1): 0 whenever a response was produced, whatever
 * its HTTP status; 1 when the engine could not start or nothing came out;
 * 2 on a usage error (bad options, a missing root or body file).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "config.h"
#include "duktape.h"
#include "common/http.h"
#include "engine/access.h"
#include "engine/admin.h"
#include "engine/engine.h"
#include "engine/heap.h"
#include "common/log.h"
#include "common/utf8.h"
#include "net/net.h"
#include "store/kv.h"
#include "tools/deploy.h"
#include "tools/sched.h"

#define INV_MAX_VARS 256
#define INV_EXIT_FAIL 1
#define INV_EXIT_USAGE 2
#define INV_EXIT_UNAVAIL 75     /* EX_TEMPFAIL: a replicated store took no write (no master) */

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;
} inv_verb;

/* A NULL-terminated "NAME=value" list; every string is owned. */
typedef struct {
    char *v[INV_MAX_VARS + 1];
    int n;
} inv_env;

typedef struct {
    const char *root, *site, *path, *method, *data, *data_dir, *kv_scope;
    const char *ca_file, *fetch_allow, *fetch_deny;     /* as invoke-fcgi's */
    const char *headers[INV_MAX_VARS];
    int nheaders, dev;
    char *body;
    size_t body_len;
} inv_run_opts;

static int inv_cmd_run(int argc, char **argv);
static int inv_cmd_kv(int argc, char **argv);
static int inv_cmd_keys(int argc, char **argv);
static int inv_cmd_exec(int argc, char **argv);
static int inv_cmd_compile(int argc, char **argv);
static int inv_cmd_admin(int argc, char **argv);

static const inv_verb inv_verbs[] = {
    { "run", inv_cmd_run,
      "run ROOT PATH [-X METHOD] [-H 'Name: value']... [-d BODY|@FILE] [--data DIR] [--dev]\n"
      "      [--kv-scope NAME] [--ca-file FILE] [--fetch-allow HOSTS] [--fetch-deny HOSTS]" },
    { "kv", inv_cmd_kv,
      "kv get|set|delete|list|dump|restore|move ARGS... --data DIR\n"
      "      [--root ROOT | --kv-scope NAME]" },
    { "keys", inv_cmd_keys,
      "keys add FOLDER [--name NAME] | list [FOLDER] | revoke FOLDER ID --data DIR\n"
      "      [--root ROOT | --kv-scope NAME]" },
    { "exec", inv_cmd_exec, "exec FILE [ARGS]..." },
    { "compile", inv_cmd_compile, "compile FILE" },
    { "deploy", dep_cmd_deploy, DEP_USAGE_DEPLOY },
    { "rollback", dep_cmd_rollback, DEP_USAGE_ROLLBACK },
    { "releases", dep_cmd_releases, DEP_USAGE_RELEASES },
    { "schedule", sch_cmd_schedule, SCH_USAGE },
    { "admin", inv_cmd_admin, "admin passwd --data DIR | --file FILE   (the password on stdin)" },
    { NULL, NULL, NULL }
};

static int inv_usage(FILE *to)
{
    const inv_verb *v;

    fprintf(to, "Usage: invoke COMMAND [ARGS]...\n\nCommands:\n");
    for (v = inv_verbs; v->name != NULL; v++)
        fprintf(to, "  invoke %s\n", v->usage);
    fprintf(to, "\n  invoke --help | --version\n");
    return to == stdout ? 0 : INV_EXIT_USAGE;
}

static int inv_fail(const char *what, const char *detail)
{
    fprintf(stderr, "invoke: %s: %s\n", what, detail);
    return INV_EXIT_FAIL;
}

static int inv_usage_fail(const char *what, const char *detail)
{
    inv_fail(what, detail);
    return INV_EXIT_USAGE;
}

/* --- the response, printed like curl -i -------------------------------- */

static int inv_write(const char *p, size_t n)
{
    return n == 0 || fwrite(p, 1, n, stdout) == n ? 0 : -1;
}

static int inv_head(void *ud, int status, const char *headers, size_t len)
{
    int *produced = ud;

    *produced = 1;
    if (printf("HTTP/1.1 %d %s\r\n", status, http_reason(status)) < 0)
        return -1;
    if (inv_write(headers, len) < 0)
        return -1;
    return inv_write("\r\n", 2);
}

static int inv_body(void *ud, const char *data, size_t len)
{
    return inv_write(data, len);
}

static int inv_flush(void *ud)
{
    return fflush(stdout) == 0 ? 0 : -1;
}

/* --- CGI variables as nginx would send them ----------------------------- */

static int inv_setf(inv_env *env, const char *name, const char *value)
{
    size_t nlen = strlen(name), i;
    char *s;

    for (i = 0; i < (size_t)env->n; i++)
        if (strncmp(env->v[i], name, nlen) == 0 && env->v[i][nlen] == '=')
            break;
    if (i == (size_t)INV_MAX_VARS)
        return -1;
    if (asprintf(&s, "%s=%s", name, value) < 0)
        return -1;
    if (i < (size_t)env->n) {
        free(env->v[i]);
    } else {
        env->n++;
        env->v[env->n] = NULL;
    }
    env->v[i] = s;
    return 0;
}

static void inv_env_free(inv_env *env)
{
    int i;

    for (i = 0; i < env->n; i++)
        free(env->v[i]);
    env->n = 0;
}

/* "Name: value" -> HTTP_NAME; Content-Type and Content-Length also become
 * the CGI variables without the prefix, as nginx does. */
static int inv_header(inv_env *env, const char *h)
{
    const char *colon = strchr(h, ':'), *value;
    char name[256];
    size_t i, n;

    if (colon == NULL || colon == h || (size_t)(colon - h) + 6 > sizeof name)
        return -1;
    n = (size_t)(colon - h);
    memcpy(name, "HTTP_", 5);
    for (i = 0; i < n; i++) {
        char c = h[i];
        name[5 + i] = c == '-' ? '_' : (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
    }
    name[5 + n] = '\0';
    for (value = colon + 1; *value == ' ' || *value == '\t'; value++)
        ;
    if (strcmp(name, "HTTP_CONTENT_TYPE") == 0 && inv_setf(env, "CONTENT_TYPE", value) < 0)
        return -1;
    if (strcmp(name, "HTTP_CONTENT_LENGTH") == 0)
        return 0;           /* the body decides the length */
    return inv_setf(env, name, value);
}

static int inv_has_header(const inv_run_opts *o, const char *name)
{
    size_t n = strlen(name);
    int i;

    for (i = 0; i < o->nheaders; i++)
        if (strncasecmp(o->headers[i], name, n) == 0 && o->headers[i][n] == ':')
            return 1;
    return 0;
}

static int inv_build_env(inv_env *env, const inv_run_opts *o, const char *uri)
{
    const char *q = strchr(uri, '?');
    char path[4096], num[32];
    int i, rc = 0;

    snprintf(path, sizeof path, "%.*s", (int)(q ? q - uri : (long)strlen(uri)), uri);
    snprintf(num, sizeof num, "%d", 40000 + (int)(getpid() % 20000));
    rc |= inv_setf(env, "GATEWAY_INTERFACE", "CGI/1.1");
    rc |= inv_setf(env, "SERVER_SOFTWARE", "invoke/" PACKAGE_VERSION);
    rc |= inv_setf(env, "REQUEST_METHOD", o->method);
    rc |= inv_setf(env, "REQUEST_URI", uri);
    rc |= inv_setf(env, "QUERY_STRING", q ? q + 1 : "");
    rc |= inv_setf(env, "DOCUMENT_URI", path);
    rc |= inv_setf(env, "SCRIPT_NAME", path);
    rc |= inv_setf(env, "DOCUMENT_ROOT", o->root);
    rc |= inv_setf(env, "SERVER_PROTOCOL", "HTTP/1.1");
    rc |= inv_setf(env, "REQUEST_SCHEME", "http");
    rc |= inv_setf(env, "SERVER_NAME", "localhost");
    rc |= inv_setf(env, "SERVER_ADDR", "127.0.0.1");
    rc |= inv_setf(env, "SERVER_PORT", "80");
    rc |= inv_setf(env, "REMOTE_ADDR", "127.0.0.1");
    rc |= inv_setf(env, "REMOTE_PORT", num);
    rc |= inv_setf(env, "HTTP_HOST", "localhost");
    rc |= inv_setf(env, "CONTENT_TYPE", "");
    snprintf(num, sizeof num, "%zu", o->body_len);
    rc |= inv_setf(env, "CONTENT_LENGTH", o->data != NULL ? num : "");
    if (o->data != NULL && !inv_has_header(o, "Content-Type"))
        rc |= inv_setf(env, "CONTENT_TYPE", "application/x-www-form-urlencoded");
    for (i = 0; i < o->nheaders && rc == 0; i++)
        if (inv_header(env, o->headers[i]) < 0)
            return inv_usage_fail(o->headers[i], "expected 'Name: value'");
    return rc == 0 ? 0 : inv_usage_fail("run", "too many variables");
}

/* --- the body: -d BODY or -d @FILE ---------------------------------------- */

static int inv_read_file(const char *path, char **out, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    size_t cap = 0, n = 0;
    char *buf = NULL;

    if (f == NULL)
        return inv_usage_fail(path, strerror(errno));
    for (;;) {
        size_t got;
        if (n == cap) {
            char *nb = realloc(buf, cap = cap ? cap * 2 : 65536);
            if (nb == NULL) {
                free(buf);
                if (f != stdin)
                    fclose(f);
                return inv_fail(path, "out of memory");
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        if (f != stdin)
            fclose(f);
        return inv_usage_fail(path, "read error");
    }
    if (f != stdin)
        fclose(f);
    *out = buf;
    *len = n;
    return 0;
}

static int inv_load_body(inv_run_opts *o)
{
    if (o->data == NULL)
        return 0;
    if (o->data[0] == '@')
        return inv_read_file(o->data + 1, &o->body, &o->body_len);
    o->body_len = strlen(o->data);
    o->body = malloc(o->body_len + 1);
    if (o->body == NULL)
        return inv_fail("-d", "out of memory");
    memcpy(o->body, o->data, o->body_len + 1);
    return 0;
}

/* --- invoke run ----------------------------------------------------------- */

static int inv_run_args(inv_run_opts *o, int argc, char **argv)
{
    static const struct option longs[] = {
        { "data", required_argument, NULL, 'D' },
        { "dev", no_argument, NULL, 'V' },
        { "request", required_argument, NULL, 'X' },
        { "header", required_argument, NULL, 'H' },
        { "ca-file", required_argument, NULL, 'C' },
        { "fetch-allow", required_argument, NULL, 'A' },
        { "fetch-deny", required_argument, NULL, 'N' },
        { "kv-scope", required_argument, NULL, 'S' },
        { NULL, 0, NULL, 0 }
    };
    char err[400];
    int opt;

    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, ":X:H:d:", longs, NULL)) != -1) {
        switch (opt) {
        case 'X': o->method = optarg; break;
        case 'd': o->data = optarg; break;
        case 'D': o->data_dir = optarg; break;
        case 'V': o->dev = 1; break;
        case 'C': o->ca_file = optarg; break;
        case 'S':
            if (eng_kv_scope_check(optarg, err, sizeof err) < 0)
                return inv_usage_fail("--kv-scope", err);
            o->kv_scope = optarg;
            break;
        case 'A':
        case 'N':
            if (net_policy_check(optarg, err, sizeof err) < 0)
                return inv_usage_fail(opt == 'A' ? "--fetch-allow" : "--fetch-deny", err);
            *(opt == 'A' ? &o->fetch_allow : &o->fetch_deny) = optarg;
            break;
        case 'H':
            if (o->nheaders == INV_MAX_VARS)
                return inv_usage_fail("-H", "too many headers");
            o->headers[o->nheaders++] = optarg;
            break;
        case ':':
            return inv_usage_fail(argv[optind - 1], "requires an argument");
        default:
            return inv_usage_fail(argv[optind - 1], "unknown option");
        }
    }
    if (argc - optind != 2) {
        fprintf(stderr, "usage: invoke %s\n", inv_verbs[0].usage);
        return INV_EXIT_USAGE;
    }
    o->root = o->site = argv[optind];
    o->path = argv[optind + 1];
    if (o->kv_scope == NULL && (o->kv_scope = getenv("INVOKE_KV_SCOPE")) != NULL &&
        eng_kv_scope_check(o->kv_scope, err, sizeof err) < 0)
        return inv_usage_fail("INVOKE_KV_SCOPE", err);
    if (o->method == NULL)
        o->method = o->data != NULL ? "POST" : "GET";
    return 0;
}

/* Sends the built request through a fresh engine; 0 when a response came
 * out. */
static int inv_execute(const inv_run_opts *o, char **envp)
{
    int produced = 0, status;
    http_io io = { &produced, inv_head, inv_body, inv_flush, NULL, NULL };
    eng_config ec;
    eng_request req;
    cgi_vars vars;
    char err[256] = "", id[16];
    eng *e;

    memset(&ec, 0, sizeof ec);
    ec.root = o->root;
    ec.timeout = 30;
    ec.memory_limit = (size_t)256 * 1024 * 1024;
    ec.dev = o->dev;
    ec.data = o->data_dir;
    ec.kv_scope = o->kv_scope;
    ec.net.ca_file = o->ca_file;
    ec.net.allow = o->fetch_allow;
    ec.net.deny = o->fetch_deny;
    e = eng_new(&ec, err, sizeof err);
    if (e == NULL)
        return inv_fail("engine", err[0] ? err : "could not start");
    memset(&req, 0, sizeof req);
    cgi_parse(&vars, envp);
    req.vars = &vars;
    req.body = o->body;
    req.body_len = o->body_len;
    req.root = o->root;
    req.site = o->site;
    snprintf(id, sizeof id, "%04x%08x", (unsigned)getpid() & 0xffffu, 1u);
    req.id = id;
    req.io = &io;
    status = eng_handle(e, &req);
    eng_free(e);
    if (fflush(stdout) != 0)
        return inv_fail("stdout", strerror(errno));
    if (!produced)
        return inv_fail("run", "no response was produced");
    (void)status;
    return 0;
}

static int inv_cmd_run(int argc, char **argv)
{
    char root[PATH_MAX], uri[8192];
    inv_run_opts o;
    inv_env env;
    struct stat st;
    int rc;

    memset(&o, 0, sizeof o);
    memset(&env, 0, sizeof env);
    rc = inv_run_args(&o, argc, argv);
    if (rc != 0)
        return rc;
    if (realpath(o.root, root) == NULL)
        return inv_usage_fail(o.root, strerror(errno));
    if (stat(root, &st) < 0 || !S_ISDIR(st.st_mode))
        return inv_usage_fail(o.root, "not a folder");
    o.root = root;
    snprintf(uri, sizeof uri, "%s%s", o.path[0] == '/' ? "" : "/", o.path);
    rc = inv_load_body(&o);
    if (rc != 0)
        return rc;
    rc = inv_build_env(&env, &o, uri);
    if (rc == 0)
        rc = inv_execute(&o, env.v);
    inv_env_free(&env);
    free(o.body);
    return rc;
}

/* --- invoke kv: the store the responders share, while they run ---------- */

typedef struct {
    const char *data, *root, *prefix, *kv_scope, *to_root, *to_kv_scope;
    double ttl;
    long limit;
    char **args;            /* the verb's operands */
    int nargs;
    /* replication options: the site this folder's replicator runs, as the
     * caller expects it; checked against DIR/replication.json (inv_kv_repl_check) */
    const char *replicate, *acks;
    const char *peers[KV_MAX_PEERS];
    int npeers;
    long priority;          /* -1: not given */
    kv *s;
    kv_scope scope;         /* ROOT's records */
    duk_context *ctx;       /* JSON in and out */
} inv_kv;

static const char inv_kv_usage[] =
    "usage: invoke kv get KEY | set KEY JSON [--ttl SECONDS] | delete KEY |\n"
    "       list [--prefix P] [--limit N] | dump | restore [FILE] |\n"
    "       move --to-root ROOT | move --to-kv-scope NAME | status\n"
    "       --data DIR [--root ROOT | --kv-scope NAME]\n"
    "       [--replicate HOST:PORT] [--peer HOST:PORT]... [--priority N]\n"
    "       [--acks quorum|all|one|none]\n"
    "On a replicated store (DIR/replication.json, written by the replicator of\n"
    "invoke-fcgi --replicate) reads use this host's copy and writes go through\n"
    "that replicator to the master, answered once committed under the ack policy\n"
    "(exit 75 when no master took it).  The replication options are the site's\n"
    "as the responder runs it: given here they are checked against\n"
    "DIR/replication.json, and a mismatch is an error (doc/kv.md, \"Several hosts\").\n";

/* Whether two addresses name the same site: host (case aside) and port. */
static int inv_kv_same_addr(const char *a, const char *b)
{
    char ha[256], hb[256];
    unsigned pa, pb;

    return kv_repl_addr(a, ha, sizeof ha, &pa) == 0 && kv_repl_addr(b, hb, sizeof hb, &pb) == 0 &&
           pa == pb && strcasecmp(ha, hb) == 0;
}

/* [ text ] -> [ value ] */
static duk_ret_t inv_kv_json(duk_context *ctx, void *udata)
{
    (void) udata;
    duk_json_decode(ctx, -1);
    return 1;
}

/* The site of status object at -1 (its "peers" array) lists addr. */
static int inv_kv_has_peer(duk_context *ctx, const char *addr)
{
    duk_size_t i, n;
    int found = 0;

    duk_get_prop_string(ctx, -1, "peers");
    n = duk_is_array(ctx, -1) ? duk_get_length(ctx, -1) : 0;
    for (i = 0; i < n && !found; i++) {
        duk_get_prop_index(ctx, -1, (duk_uarridx_t) i);
        duk_get_prop_string(ctx, -1, "site");
        found = duk_is_string(ctx, -1) && inv_kv_same_addr(addr, duk_get_string(ctx, -1));
        duk_pop_2(ctx);
    }
    duk_pop(ctx);
    return found;
}

/* The replication options given here against the site DIR's replicator
 * runs (its DIR/replication.json): invoke kv does not run a site of its
 * own (doc/kv.md, "Several hosts": it is one more local writer of the
 * responder's site), so the options only say which site the caller
 * expects, and a folder that is not that site, or not replicated, is an
 * error with the reason rather than a write sent somewhere unexpected. */
static int inv_kv_repl_check(inv_kv *k)
{
    char buf[8192], err[300], why[1024], list[600] = "";
    const char *site, *acks;
    duk_context *ctx;
    duk_size_t i, n;
    int rc = kv_repl_status(k->data, buf, sizeof buf, err, sizeof err), prio, given;

    if (rc == KV_NOTFOUND)
        return inv_usage_fail(k->data, "not a replicated store: no replicator has run on it "
                              "(no replication.json); start invoke-fcgi --data DIR --replicate "
                              "HOST:PORT there, or leave out the replication options");
    if (rc != KV_OK)
        return inv_fail("status", err);
    if ((ctx = duk_create_heap_default()) == NULL)
        return inv_fail("kv", "out of memory");
    duk_push_string(ctx, buf);
    if (duk_safe_call(ctx, inv_kv_json, NULL, 1, 1) != DUK_EXEC_SUCCESS || !duk_is_object(ctx, -1)) {
        duk_destroy_heap(ctx);
        return inv_fail(k->data, "replication.json does not parse");
    }
    duk_get_prop_string(ctx, -1, "site");
    site = duk_is_string(ctx, -1) ? duk_get_string(ctx, -1) : "";
    duk_get_prop_string(ctx, -2, "acks");
    acks = duk_is_string(ctx, -1) ? duk_get_string(ctx, -1) : "";
    duk_get_prop_string(ctx, -3, "priority");
    prio = duk_is_number(ctx, -1) ? duk_get_int(ctx, -1) : -1;
    duk_pop(ctx);
    /* the site's peers, for the message */
    duk_get_prop_string(ctx, -3, "peers");
    n = duk_is_array(ctx, -1) ? duk_get_length(ctx, -1) : 0;
    for (i = 0; i < n; i++) {
        duk_get_prop_index(ctx, -1, (duk_uarridx_t) i);
        duk_get_prop_string(ctx, -1, "site");
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "",
                 duk_is_string(ctx, -1) ? duk_get_string(ctx, -1) : "?");
        duk_pop_2(ctx);
    }
    duk_pop(ctx);
    why[0] = '\0';
    if (k->replicate != NULL && !inv_kv_same_addr(k->replicate, site))
        snprintf(why, sizeof why, "--replicate %s: the site of this folder is %s", k->replicate,
                 site);
    else if (k->priority >= 0 && k->priority != prio)
        snprintf(why, sizeof why, "--priority %ld: the site %s runs with priority %d", k->priority,
                 site, prio);
    else if (k->acks != NULL && strcmp(k->acks, acks) != 0)
        snprintf(why, sizeof why, "--acks %s: the site %s runs with --acks %s", k->acks, site, acks);
    duk_pop_2(ctx);     /* site, acks: the status object is on top */
    for (i = 0; why[0] == '\0' && i < (duk_size_t) k->npeers; i++)
        if (!inv_kv_has_peer(ctx, k->peers[i]))
            snprintf(why, sizeof why, "--peer %s: not a peer of the site %s (its peers: %s)",
                     k->peers[i], site, list[0] ? list : "none");
    /* every peer of the site given, when peers are given at all */
    given = k->npeers;
    for (i = 0; why[0] == '\0' && given > 0 && i < n; i++) {
        int j, seen = 0;
        duk_get_prop_string(ctx, -1, "peers");
        duk_get_prop_index(ctx, -1, (duk_uarridx_t) i);
        duk_get_prop_string(ctx, -1, "site");
        for (j = 0; j < k->npeers && !seen; j++)
            seen = duk_is_string(ctx, -1) && inv_kv_same_addr(k->peers[j], duk_get_string(ctx, -1));
        if (!seen)
            snprintf(why, sizeof why, "the site %s has also the peer %s, which no --peer names "
                     "(its peers: %s)", site, duk_is_string(ctx, -1) ? duk_get_string(ctx, -1) : "?",
                     list);
        duk_pop_3(ctx);
    }
    duk_destroy_heap(ctx);
    if (why[0] == '\0')
        return 0;
    fprintf(stderr, "invoke: %s: the replication options do not match the site that runs on "
            "it (its replication.json): %s\n", k->data, why);
    return INV_EXIT_USAGE;
}

static int inv_kv_args(inv_kv *k, int argc, char **argv)
{
    static const struct option longs[] = {
        { "data", required_argument, NULL, 'D' },
        { "root", required_argument, NULL, 'R' },
        { "ttl", required_argument, NULL, 'T' },
        { "prefix", required_argument, NULL, 'P' },
        { "limit", required_argument, NULL, 'L' },
        { "kv-scope", required_argument, NULL, 'S' },
        { "to-root", required_argument, NULL, 'r' },
        { "to-kv-scope", required_argument, NULL, 's' },
        { "help", no_argument, NULL, 'h' },
        { "replicate", required_argument, NULL, 'e' },
        { "peer", required_argument, NULL, 'q' },
        { "priority", required_argument, NULL, 'y' },
        { "acks", required_argument, NULL, 'a' },
        { NULL, 0, NULL, 0 }
    };
    char *end;
    int opt;

    opterr = 0;
    optind = 1;
    k->priority = -1;
    while ((opt = getopt_long(argc, argv, ":", longs, NULL)) != -1) {
        switch (opt) {
        case 'D': k->data = optarg; break;
        case 'R': k->root = optarg; break;
        case 'P': k->prefix = optarg; break;
        case 'S': k->kv_scope = optarg; break;
        case 'r': k->to_root = optarg; break;
        case 's': k->to_kv_scope = optarg; break;
        case 'h':
            fputs(inv_kv_usage, stdout);
            return -1;
        case 'e':
        case 'q': {
            char host[256];
            unsigned port;
            if (kv_repl_addr(optarg, host, sizeof host, &port) < 0)
                return inv_usage_fail(opt == 'e' ? "--replicate" : "--peer", "expected HOST:PORT");
            if (opt == 'e')
                k->replicate = optarg;
            else if (k->npeers == KV_MAX_PEERS)
                return inv_usage_fail("--peer", "too many peers");
            else
                k->peers[k->npeers++] = optarg;
            break;
        }
        case 'y':
            k->priority = strtol(optarg, &end, 10);
            if (*end || *optarg == '\0' || k->priority < 0 || k->priority > 1000000)
                return inv_usage_fail("--priority", "expected a non-negative integer");
            break;
        case 'a':
            if (kv_repl_acks(optarg) < 0)
                return inv_usage_fail("--acks", "expected quorum, all, one or none");
            k->acks = optarg;
            break;
        case 'T':
            k->ttl = strtod(optarg, &end);
            if (*end || !(k->ttl > 0))
                return inv_usage_fail("--ttl", "expected seconds > 0");
            break;
        case 'L':
            k->limit = strtol(optarg, &end, 10);
            if (*end || k->limit <= 0)
                return inv_usage_fail("--limit", "expected a number > 0");
            break;
        case ':':
            return inv_usage_fail(argv[optind - 1], "requires an argument");
        default:
            return inv_usage_fail(argv[optind - 1], "unknown option");
        }
    }
    if (k->data == NULL || optind >= argc) {
        fputs(inv_kv_usage, stderr);
        return INV_EXIT_USAGE;
    }
    k->args = argv + optind;
    k->nargs = argc - optind;
    return 0;
}

/* --- text: Duktape writes characters beyond U+FFFF that a script built
 * from surrogates ("\ud83d\ude00") as CESU-8 pairs, 6 bytes, while text
 * that arrived as UTF-8 stays UTF-8.  Both can be in the store; people and
 * other tools get UTF-8, and what they give is stored as it is. --------- */

/* Writes p[0..n) to stdout as UTF-8. */
static void inv_put_utf8(const char *p, size_t n)
{
    char *c = malloc(n + 1);

    if (c == NULL)
        return;
    memcpy(c, p, n);
    fwrite(c, 1, utf8_from_cesu((unsigned char *) c, n, (unsigned char *) c), stdout);
    free(c);
}

/* A write that failed: exit 75 when a replicated store took no write (no
 * master, or none answered in time: try again later), else 1. */
static int inv_kv_write_fail(const char *what, int rc, const char *err)
{
    inv_fail(what, err);
    return rc == KV_UNAVAIL ? INV_EXIT_UNAVAIL : INV_EXIT_FAIL;
}

static int inv_kv_need(const inv_kv *k, int n)
{
    if (k->nargs - 1 == n)
        return 0;
    fputs(inv_kv_usage, stderr);
    return INV_EXIT_USAGE;
}

/* [ ... ] -> [ ... text ]: the JSON text of a JSON source, re-encoded so
 * the store only ever holds what JSON.parse accepts. */
static duk_ret_t inv_kv_canon(duk_context *ctx, void *udata)
{
    (void) udata;
    duk_json_decode(ctx, -1);
    duk_json_encode(ctx, -1);
    return 1;
}

static int inv_kv_get(inv_kv *k)
{
    char err[300];
    const char *v;
    size_t n;
    int rc = inv_kv_need(k, 1);

    if (rc != 0)
        return rc;
    rc = kv_get(k->s, &k->scope, k->args[1], strlen(k->args[1]), &v, &n, NULL, err, sizeof err);
    if (rc == KV_NOTFOUND)
        return inv_fail(k->args[1], "not found");
    if (rc != KV_OK)
        return inv_fail("get", err);
    inv_put_utf8(v, n);
    putchar('\n');
    return 0;
}

static int inv_kv_set(inv_kv *k)
{
    char err[300];
    const char *text;
    size_t n;
    int rc = inv_kv_need(k, 2);

    if (rc != 0)
        return rc;
    duk_push_string(k->ctx, k->args[2]);
    if (duk_safe_call(k->ctx, inv_kv_canon, NULL, 1, 1) != DUK_EXEC_SUCCESS)
        return inv_usage_fail(k->args[2], "not JSON");
    text = duk_get_lstring(k->ctx, -1, &n);
    rc = kv_set(k->s, &k->scope, k->args[1], strlen(k->args[1]), text, n,
                k->ttl > 0 ? kv_now() + (int64_t) (k->ttl * 1000.0) : 0, err, sizeof err);
    duk_pop(k->ctx);
    return rc == KV_OK ? 0 : inv_kv_write_fail("set", rc, err);
}

static int inv_kv_delete(inv_kv *k)
{
    char err[300];
    int rc = inv_kv_need(k, 1);

    if (rc != 0)
        return rc;
    rc = kv_del(k->s, &k->scope, k->args[1], strlen(k->args[1]), err, sizeof err);
    if (rc == KV_NOTFOUND)
        return inv_fail(k->args[1], "not found");
    return rc == KV_OK ? 0 : inv_kv_write_fail("delete", rc, err);
}

/* Walks the scope a page at a time: list prints keys, dump JSON lines. */
static int inv_kv_walk(inv_kv *k, int dump)
{
    const char *prefix = k->prefix ? k->prefix : "";
    long left = k->limit > 0 ? k->limit : -1;
    char after[KV_MAX_KEY], err[300];
    size_t alen = 0, i;
    kv_list_result r;

    do {
        size_t page = left > 0 && left < 1000 ? (size_t) left : 1000;
        if (kv_list(k->s, &k->scope, prefix, strlen(prefix), alen ? after : NULL, alen, page, dump,
                    &r, err, sizeof err) != KV_OK)
            return inv_fail(dump ? "dump" : "list", err);
        for (i = 0; i < r.n; i++) {
            const kv_item *it = &r.items[i];
            if (!dump) {
                inv_put_utf8(it->key, it->klen);
                putchar('\n');
                continue;
            }
            duk_push_lstring(k->ctx, it->key, it->klen);
            duk_json_encode(k->ctx, -1);
            fputs("{\"key\":", stdout);
            inv_put_utf8(duk_get_string(k->ctx, -1), strlen(duk_get_string(k->ctx, -1)));
            duk_pop(k->ctx);
            fputs(",\"value\":", stdout);
            inv_put_utf8(it->val, it->vlen);
            fputs(",\"expires\":", stdout);
            if (it->expires)
                printf("%lld}\n", (long long) it->expires);
            else
                printf("null}\n");
        }
        if (r.n > 0) {
            alen = r.items[r.n - 1].klen;
            memcpy(after, r.items[r.n - 1].key, alen);
        }
        if (left > 0)
            left -= (long) r.n;
        kv_list_free(&r);
        if (left == 0)
            break;
    } while (r.more);
    return fflush(stdout) == 0 ? 0 : inv_fail("stdout", strerror(errno));
}

/* [ line ] -> [ key text expires ]: one dump line taken apart. */
static duk_ret_t inv_kv_parse_line(duk_context *ctx, void *udata)
{
    (void) udata;
    duk_json_decode(ctx, -1);
    if (!duk_is_object(ctx, -1) || !duk_get_prop_string(ctx, -1, "key") ||
        !duk_is_string(ctx, -1))
        return DUK_RET_TYPE_ERROR;
    if (!duk_get_prop_string(ctx, -2, "value") || duk_is_undefined(ctx, -1))
        return DUK_RET_TYPE_ERROR;
    duk_json_encode(ctx, -1);
    duk_get_prop_string(ctx, -3, "expires");
    if (!duk_is_null_or_undefined(ctx, -1) && !duk_is_number(ctx, -1))
        return DUK_RET_TYPE_ERROR;
    duk_remove(ctx, -4);
    return 3;
}

static int inv_kv_restore(inv_kv *k)
{
    const char *path = k->nargs > 1 ? k->args[1] : "-";
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    char *line = NULL, err[300], where[64];
    size_t cap = 0, lineno = 0, done = 0, vlen, klen;
    int64_t now = kv_now(), exp;
    ssize_t n;
    int rc = 0;

    if (k->nargs > 2)
        return inv_kv_need(k, 1);
    if (f == NULL)
        return inv_usage_fail(path, strerror(errno));
    while (rc == 0 && (n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (strspn(line, " \t\r\n") == (size_t) n)
            continue;
        snprintf(where, sizeof where, "%s:%zu", path, lineno);
        duk_push_lstring(k->ctx, line, (duk_size_t) n);
        if (duk_safe_call(k->ctx, inv_kv_parse_line, NULL, 1, 3) != DUK_EXEC_SUCCESS) {
            duk_pop_3(k->ctx);
            rc = inv_fail(where, "expected {\"key\": string, \"value\": JSON, \"expires\": ms|null}");
            break;
        }
        exp = duk_is_number(k->ctx, -1) ? (int64_t) duk_get_number(k->ctx, -1) : 0;
        if (exp == 0 || exp > now) {
            const char *key = duk_get_lstring(k->ctx, -3, &klen);
            const char *val = duk_get_lstring(k->ctx, -2, &vlen);
            int wrc = kv_set(k->s, &k->scope, key, klen, val, vlen, exp, err, sizeof err);
            if (wrc != KV_OK)
                rc = inv_kv_write_fail(where, wrc, err);
            else
                done++;
        }
        duk_pop_3(k->ctx);
    }
    free(line);
    if (f != stdin)
        fclose(f);
    if (rc == 0)
        fprintf(stderr, "invoke: restored %zu records\n", done);
    return rc;
}

/* The scope of --kv-scope NAME (or INVOKE_KV_SCOPE), else of --root ROOT
 * (the current folder by default) as the responder makes it; what version
 * 0.1 left under the root's real path is taken over first. */
static int inv_kv_scope(inv_kv *k, const char *root, const char *name, kv_scope *sc,
                        const char *opt)
{
    char err[300];
    kv_scope legacy;
    size_t moved;

    if (name != NULL) {
        if (kv_scope_named(sc, name, NULL, err, sizeof err) != KV_OK)
            return inv_usage_fail(opt, err);
        return 0;
    }
    if (kv_scope_root(sc, root, NULL, err, sizeof err) != KV_OK)
        return inv_usage_fail(opt, err);
    if (kv_scope_legacy(&legacy, root, NULL, err, sizeof err) == KV_OK &&
        kv_scope_adopt(k->s, sc, &legacy, &moved, err, sizeof err) != KV_OK)
        return inv_fail("store", err);
    return 0;
}

/* move: every record of this scope into another; a key the other scope
 * has already stays here, and is counted. */
static int inv_kv_move(inv_kv *k)
{
    char err[300];
    kv_scope to;
    size_t moved, kept;
    int rc = inv_kv_need(k, 0);

    if (rc != 0)
        return rc;
    if ((k->to_root == NULL) == (k->to_kv_scope == NULL))
        return inv_usage_fail("move", "give --to-root ROOT or --to-kv-scope NAME");
    rc = inv_kv_scope(k, k->to_root, k->to_kv_scope, &to,
                      k->to_root ? "--to-root" : "--to-kv-scope");
    if (rc != 0)
        return rc;
    if ((rc = kv_scope_move(k->s, &k->scope, &to, &moved, &kept, err, sizeof err)) != KV_OK)
        return inv_kv_write_fail("move", rc, err);
    fprintf(stderr, "invoke: moved %zu records", moved);
    if (kept > 0)
        fprintf(stderr, "; %zu keys the target already had were left here", kept);
    fputc('\n', stderr);
    return 0;
}

/* invoke kv status: the replicator's last status (doc/kv.md, "Several
 * hosts"), read from the folder without opening the store. */
static int inv_kv_status(inv_kv *k)
{
    char buf[8192], err[300];
    int rc = kv_repl_status(k->data, buf, sizeof buf, err, sizeof err);

    if (rc == KV_NOTFOUND) {
        puts("{\"role\":\"single\",\"replicated\":false}");
        return 0;
    }
    if (rc != KV_OK)
        return inv_fail("status", err);
    puts(buf);
    return 0;
}

static int inv_kv_run(inv_kv *k)
{
    const char *verb = k->args[0];

    if (strcmp(verb, "get") == 0)
        return inv_kv_get(k);
    if (strcmp(verb, "set") == 0)
        return inv_kv_set(k);
    if (strcmp(verb, "delete") == 0)
        return inv_kv_delete(k);
    if (strcmp(verb, "list") == 0)
        return k->nargs == 1 ? inv_kv_walk(k, 0) : inv_kv_need(k, 0);
    if (strcmp(verb, "dump") == 0)
        return k->nargs == 1 ? inv_kv_walk(k, 1) : inv_kv_need(k, 0);
    if (strcmp(verb, "restore") == 0)
        return inv_kv_restore(k);
    if (strcmp(verb, "move") == 0)
        return inv_kv_move(k);
    fputs(inv_kv_usage, stderr);
    return INV_EXIT_USAGE;
}

/* invoke kv VERB ... --data DIR [--root ROOT | --kv-scope NAME]: the scope
 * is NAME's, or ROOT's (the current folder by default), as the responder
 * scopes a functions root. */
static int inv_cmd_kv(int argc, char **argv)
{
    char err[300];
    inv_kv k;
    int rc;

    memset(&k, 0, sizeof k);
    rc = inv_kv_args(&k, argc, argv);
    if (rc != 0)
        return rc < 0 ? 0 : rc;     /* -1: --help */
    if ((k.replicate || k.npeers || k.priority >= 0 || k.acks) && (rc = inv_kv_repl_check(&k)) != 0)
        return rc;
    if (strcmp(k.args[0], "status") == 0)
        return k.nargs == 1 ? inv_kv_status(&k) : inv_kv_need(&k, 0);
    k.s = kv_open(k.data, err, sizeof err);
    if (k.s == NULL)
        return inv_fail("store", err);
    if (k.kv_scope == NULL && k.root == NULL)
        k.kv_scope = getenv("INVOKE_KV_SCOPE");
    if (k.kv_scope != NULL && k.root != NULL) {
        kv_close(k.s);
        return inv_usage_fail("--kv-scope", "give --root or --kv-scope, not both");
    }
    rc = inv_kv_scope(&k, k.root ? k.root : ".", k.kv_scope, &k.scope,
                      k.kv_scope ? "--kv-scope" : "--root");
    if (rc != 0) {
        kv_close(k.s);
        return rc;
    }
    k.ctx = duk_create_heap_default();
    if (k.ctx == NULL) {
        kv_close(k.s);
        return inv_fail("kv", "out of memory");
    }
    rc = inv_kv_run(&k);
    duk_destroy_heap(k.ctx);
    kv_close(k.s);
    return rc;
}

/* --- invoke keys: API keys for folders whose access is "keys" --------- */

static const char inv_keys_usage[] =
    "usage: invoke keys add FOLDER [--name NAME] | list [FOLDER] | revoke FOLDER ID\n"
    "       --data DIR [--root ROOT | --kv-scope NAME]\n";

/* FOLDER as the store names it: relative to the root, no leading or
 * trailing '/', "" for the root itself ("/", "." or ""); -1 for a path
 * that leaves the root or does not fit. */
static int inv_keys_folder(const char *in, char *out, size_t len)
{
    size_t n;

    while (in[0] == '/' || (in[0] == '.' && in[1] == '/'))
        in += in[0] == '/' ? 1 : 2;
    if (strcmp(in, ".") == 0)
        in = "";
    n = strlen(in);
    while (n > 0 && in[n - 1] == '/')
        n--;
    if (n >= len || strchr(in, '\n') != NULL)
        return -1;
    memcpy(out, in, n);
    out[n] = '\0';
    if (strcmp(out, "..") == 0 || strncmp(out, "../", 3) == 0 || strstr(out, "/../") != NULL ||
        (n >= 3 && strcmp(out + n - 3, "/..") == 0) || strstr(out, "//") != NULL)
        return -1;
    return 0;
}

/* A name for people: letters, digits, space and " _.@:-". */
static int inv_keys_name_ok(const char *s)
{
    if (*s == '\0' || strlen(s) > 100)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              strchr(" _.@:-", *s)))
            return 0;
    return 1;
}

static int inv_keys_add(kv *s, const kv_scope *sc, const char *folder, const char *name)
{
    char key[ACC_KEY_LEN + 1], rec[KV_MAX_KEY], val[256], err[300], when[32];
    time_t now = time(NULL);
    struct tm tm;

    if (acc_key_new(key) < 0)
        return inv_fail("keys", "no randomness to make a key from");
    if (acc_key_record(folder, strlen(folder), key, strlen(key), rec, sizeof rec) < 0)
        return inv_fail("keys", "folder name too long");
    gmtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    snprintf(val, sizeof val, "{\"name\":\"%s\",\"created\":\"%s\"}", name ? name : "", when);
    if (kv_set(s, sc, rec, strlen(rec), val, strlen(val), 0, err, sizeof err) != KV_OK)
        return inv_fail("keys", err);
    /* the one time the key is seen: the store keeps its hash only */
    printf("%s\n", key);
    fprintf(stderr, "invoke: key %.*s for /%s added; it is not shown again\n", ACC_ID_LEN,
            rec + strlen(folder) + 1, folder);
    return fflush(stdout) == 0 ? 0 : inv_fail("stdout", strerror(errno));
}

/* Every key record under folder (NULL: all): calls each(rec, klen, val,
 * vlen, ud) and counts. */
static int inv_keys_walk(kv *s, const kv_scope *sc, const char *folder,
                         int (*each)(const kv_item *, void *), void *ud, size_t *count)
{
    char prefix[KV_MAX_KEY], after[KV_MAX_KEY], err[300];
    size_t plen = 0, alen = 0, i;
    kv_list_result r;
    int rc = 0;

    if (folder != NULL)
        plen = (size_t) snprintf(prefix, sizeof prefix, "%s\n", folder);
    *count = 0;
    do {
        if (kv_list(s, sc, prefix, plen, alen ? after : NULL, alen, 1000, 1, &r, err, sizeof err) != KV_OK)
            return inv_fail("keys", err);
        for (i = 0; i < r.n && rc == 0; i++) {
            (*count)++;
            rc = each(&r.items[i], ud);
        }
        if (r.n > 0) {
            alen = r.items[r.n - 1].klen;
            memcpy(after, r.items[r.n - 1].key, alen);
        }
        kv_list_free(&r);
    } while (r.more && rc == 0);
    return rc;
}

static int inv_keys_print(const kv_item *it, void *ud)
{
    const char *nl = memchr(it->key, '\n', it->klen);
    size_t flen = nl ? (size_t) (nl - it->key) : 0;

    (void) ud;
    if (nl == NULL)
        return 0;
    printf("/%.*s %.*s %.*s\n", (int) flen, it->key, ACC_ID_LEN, nl + 1, (int) it->vlen, it->val);
    return 0;
}

struct inv_keys_find {
    const char *id;
    char rec[KV_MAX_KEY];
    size_t rlen;
    int found;
};

static int inv_keys_match(const kv_item *it, void *ud)
{
    struct inv_keys_find *f = ud;
    const char *nl = memchr(it->key, '\n', it->klen);

    if (nl == NULL || (size_t) (it->key + it->klen - (nl + 1)) < strlen(f->id) ||
        strncmp(nl + 1, f->id, strlen(f->id)) != 0)
        return 0;
    f->found++;
    memcpy(f->rec, it->key, it->klen);
    f->rlen = it->klen;
    return 0;
}

static int inv_cmd_keys(int argc, char **argv)
{
    static const struct option longs[] = {
        { "data", required_argument, NULL, 'D' },
        { "root", required_argument, NULL, 'R' },
        { "kv-scope", required_argument, NULL, 'S' },
        { "name", required_argument, NULL, 'N' },
        { NULL, 0, NULL, 0 }
    };
    const char *data = NULL, *root = NULL, *scope = NULL, *name = NULL, *verb;
    char folder[PATH_MAX], err[300];
    kv_scope sc;
    size_t count;
    kv *s;
    int opt, rc, nargs;

    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, ":", longs, NULL)) != -1) {
        switch (opt) {
        case 'D': data = optarg; break;
        case 'R': root = optarg; break;
        case 'S': scope = optarg; break;
        case 'N': name = optarg; break;
        case ':': return inv_usage_fail(argv[optind - 1], "requires an argument");
        default: return inv_usage_fail(argv[optind - 1], "unknown option");
        }
    }
    nargs = argc - optind;
    if (data == NULL || nargs < 1) {
        fputs(inv_keys_usage, stderr);
        return INV_EXIT_USAGE;
    }
    verb = argv[optind];
    if (!((strcmp(verb, "add") == 0 && nargs == 2) || (strcmp(verb, "list") == 0 && nargs <= 2) ||
          (strcmp(verb, "revoke") == 0 && nargs == 3))) {
        fputs(inv_keys_usage, stderr);
        return INV_EXIT_USAGE;
    }
    if (nargs >= 2 && inv_keys_folder(argv[optind + 1], folder, sizeof folder) < 0)
        return inv_usage_fail(argv[optind + 1], "expected a folder of the root");
    if (name != NULL && !inv_keys_name_ok(name))
        return inv_usage_fail("--name", "letters, digits, space and _.@:- only, at most 100");
    if (scope == NULL && root == NULL)
        scope = getenv("INVOKE_KV_SCOPE");
    if (scope != NULL && root != NULL)
        return inv_usage_fail("--kv-scope", "give --root or --kv-scope, not both");
    /* the namespace the responder checks keys in (engine.c) */
    if ((scope ? kv_scope_named(&sc, scope, "keys", err, sizeof err) :
                 kv_scope_root(&sc, root ? root : ".", "keys", err, sizeof err)) != KV_OK)
        return inv_usage_fail(scope ? "--kv-scope" : "--root", err);
    if ((s = kv_open(data, err, sizeof err)) == NULL)
        return inv_fail("store", err);
    if (strcmp(verb, "add") == 0) {
        rc = inv_keys_add(s, &sc, folder, name);
    } else if (strcmp(verb, "list") == 0) {
        rc = inv_keys_walk(s, &sc, nargs == 2 ? folder : NULL, inv_keys_print, NULL, &count);
        if (rc == 0 && fflush(stdout) != 0)
            rc = inv_fail("stdout", strerror(errno));
    } else {
        struct inv_keys_find f;

        memset(&f, 0, sizeof f);
        f.id = argv[optind + 2];
        if (strlen(f.id) < 6)
            rc = inv_usage_fail(f.id, "give at least 6 digits of the key's id (invoke keys list)");
        else if ((rc = inv_keys_walk(s, &sc, folder, inv_keys_match, &f, &count)) != 0)
            ;
        else if (f.found == 0)
            rc = inv_fail(f.id, "no such key for this folder");
        else if (f.found > 1)
            rc = inv_fail(f.id, "more than one key begins so: give more digits");
        else if (kv_del(s, &sc, f.rec, f.rlen, err, sizeof err) == KV_ERR)
            rc = inv_fail("keys", err);
        else
            fprintf(stderr, "invoke: key %s of /%s revoked\n", f.id, folder);
    }
    kv_close(s);
    return rc;
}

/* --- invoke exec / compile: a plain script, like node FILE ------------- */

/* Runs argv[1] (with the rest as its arguments) in a fresh engine whose
 * root is the script's folder, or prints its lowered text. */
static int inv_script(int argc, char **argv, int compile)
{
    eng_config ec;
    char err[256] = "";
    eng *e;
    int status;

    if (argc < 2 || (compile && argc != 2)) {
        fprintf(stderr, "usage: invoke %s\n", compile ? "compile FILE" : "exec FILE [ARGS]...");
        return INV_EXIT_USAGE;
    }
    memset(&ec, 0, sizeof ec);
    ec.timeout = 0;
    ec.memory_limit = (size_t)256 * 1024 * 1024;
    ec.dev = 1;
    e = eng_new(&ec, err, sizeof err);
    if (e == NULL)
        return inv_fail("engine", err[0] ? err : "could not start");
    status = eng_exec(e, argv[1], argc - 2, argv + 2, compile);
    eng_free(e);
    if (fflush(stdout) != 0)
        return inv_fail("stdout", strerror(errno));
    return status;
}

static int inv_cmd_exec(int argc, char **argv)
{
    return inv_script(argc, argv, 0);
}

static int inv_cmd_compile(int argc, char **argv)
{
    return inv_script(argc, argv, 1);
}

/* The admin panel's password from stdin: its first line, without echo
 * when stdin is a terminal.  0, or -1. */
static int inv_read_secret(char *out, size_t outlen)
{
    struct termios old, quiet;
    int tty = isatty(0) && tcgetattr(0, &old) == 0;
    size_t n;

    if (tty) {
        fputs("New admin password: ", stderr);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t) ECHO;
        tcsetattr(0, TCSAFLUSH, &quiet);
    }
    if (fgets(out, (int) outlen, stdin) == NULL)
        out[0] = '\0';
    if (tty) {
        tcsetattr(0, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    n = strcspn(out, "\r\n");
    out[n] = '\0';
    return n > 0 ? 0 : -1;
}

/* invoke admin passwd --data DIR | --file FILE: the panel's password,
 * hashed with yescrypt, written whole (a new file renamed over the old)
 * with mode 0600. */
static int inv_cmd_admin(int argc, char **argv)
{
    static const struct option opts[] = {
        { "data", required_argument, NULL, 'd' },
        { "file", required_argument, NULL, 'f' },
        { NULL, 0, NULL, 0 }
    };
    const char *data = NULL, *file = NULL;
    char path[PATH_MAX], tmp[PATH_MAX + 8], pass[1024], hash[256], err[300];
    int c, fd, rc;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            data = optarg;
        else if (c == 'f')
            file = optarg;
        else
            return INV_EXIT_USAGE;
    }
    if (optind != argc - 1 || strcmp(argv[optind], "passwd") != 0 ||
        adm_passwd_path(file, data, path, sizeof path) < 0)
        return inv_usage_fail("admin", "usage: invoke admin passwd --data DIR | --file FILE");
    if (inv_read_secret(pass, sizeof pass) < 0)
        return inv_usage_fail("admin passwd", "expected the password on stdin");
    rc = adm_hash(pass, hash, sizeof hash, err, sizeof err);
    memset(pass, 0, sizeof pass);
    if (rc < 0)
        return inv_fail("admin passwd", err);
    snprintf(tmp, sizeof tmp, "%s.new", path);
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return inv_fail(tmp, strerror(errno));
    strcat(hash, "\n");
    if (write(fd, hash, strlen(hash)) != (ssize_t) strlen(hash) || fsync(fd) < 0 ||
        close(fd) < 0 || rename(tmp, path) < 0) {
        unlink(tmp);
        return inv_fail(path, strerror(errno));
    }
    fprintf(stderr, "invoke: the admin password is in %s\n", path);
    return 0;
}

int main(int argc, char **argv)
{
    const inv_verb *v;

    (void) heap_reserve_stack();   /* deep regexps: see engine/heap.h */
    if (argc < 2)
        return inv_usage(stderr);
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return inv_usage(stdout);
    if (strcmp(argv[1], "--version") == 0) {
        printf("invoke %s\n", PACKAGE_VERSION);
        return 0;
    }
    if (log_open(NULL) < 0)
        return inv_fail("log", strerror(errno));
    for (v = inv_verbs; v->name != NULL; v++)
        if (strcmp(argv[1], v->name) == 0)
            return v->run(argc - 1, argv + 1);
    fprintf(stderr, "invoke: unknown command '%s' (try invoke --help)\n", argv[1]);
    return 2;
}
