/* cfg.c - parses the responder's command line into a cfg.
 *
 * Only long options exist, and their names are a contract (doc/contract.md §11).  Every
 * number is checked completely (no trailing garbage, no overflow) and a bad
 * one is reported on a single line naming the option, because the usual
 * reader is an administrator looking at a service manager's journal.
 *
 * `workers` is left at 0 when --workers is absent: the right default depends
 * on how the process was started (2 with --listen, 1 under a spawner), which
 * only main knows.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "server/cfg.h"
#include "engine/engine.h"
#include "net/net.h"

enum {
    OPT_ROOT = 256, OPT_DATA, OPT_LISTEN, OPT_WORKERS, OPT_MAX_REQUESTS,
    OPT_TIMEOUT, OPT_MEMORY, OPT_MAX_BODY, OPT_LOG, OPT_DEV, OPT_TRUST,
    OPT_HELP, OPT_VERSION, OPT_SLOW_LOG, OPT_STATUS_PATH, OPT_ENV,
    OPT_FETCH_CONNECT, OPT_FETCH_TIMEOUT, OPT_FETCH_MAX_SIZE, OPT_FETCH_CONCURRENT,
    OPT_FETCH_ALLOW, OPT_FETCH_DENY, OPT_CA_FILE, OPT_KV_SCOPE, OPT_BYTECODE_MAX,
    OPT_ADMIN, OPT_ADMIN_PASSWD, OPT_ADMIN_ALLOW,
    OPT_REPLICATE, OPT_PEER, OPT_PRIORITY, OPT_ACKS
};

static const struct option cfg_options[] = {
    { "root",         required_argument, NULL, OPT_ROOT },
    { "data",         required_argument, NULL, OPT_DATA },
    { "kv-scope",     required_argument, NULL, OPT_KV_SCOPE },
    { "bytecode-max", required_argument, NULL, OPT_BYTECODE_MAX },
    { "listen",       required_argument, NULL, OPT_LISTEN },
    { "workers",      required_argument, NULL, OPT_WORKERS },
    { "max-requests", required_argument, NULL, OPT_MAX_REQUESTS },
    { "timeout",      required_argument, NULL, OPT_TIMEOUT },
    { "memory-limit", required_argument, NULL, OPT_MEMORY },
    { "max-body",     required_argument, NULL, OPT_MAX_BODY },
    { "log",          required_argument, NULL, OPT_LOG },
    { "dev",          no_argument,       NULL, OPT_DEV },
    { "trust-proxy",  no_argument,       NULL, OPT_TRUST },
    { "slow-log",     required_argument, NULL, OPT_SLOW_LOG },
    { "status-path",  required_argument, NULL, OPT_STATUS_PATH },
    { "env",          required_argument, NULL, OPT_ENV },
    { "fetch-connect-timeout", required_argument, NULL, OPT_FETCH_CONNECT },
    { "fetch-timeout", required_argument, NULL, OPT_FETCH_TIMEOUT },
    { "fetch-max-size", required_argument, NULL, OPT_FETCH_MAX_SIZE },
    { "fetch-max-concurrent", required_argument, NULL, OPT_FETCH_CONCURRENT },
    { "fetch-allow",  required_argument, NULL, OPT_FETCH_ALLOW },
    { "fetch-deny",   required_argument, NULL, OPT_FETCH_DENY },
    { "ca-file",      required_argument, NULL, OPT_CA_FILE },
    { "admin",        required_argument, NULL, OPT_ADMIN },
    { "admin-passwd", required_argument, NULL, OPT_ADMIN_PASSWD },
    { "admin-allow",  required_argument, NULL, OPT_ADMIN_ALLOW },
    { "replicate",    required_argument, NULL, OPT_REPLICATE },
    { "peer",         required_argument, NULL, OPT_PEER },
    { "priority",     required_argument, NULL, OPT_PRIORITY },
    { "acks",         required_argument, NULL, OPT_ACKS },
    { "help",         no_argument,       NULL, OPT_HELP },
    { "version",      no_argument,       NULL, OPT_VERSION },
    { NULL, 0, NULL, 0 }
};

static const char cfg_usage[] =
    "Usage: invoke-fcgi [OPTION]...\n"
    "Serve JavaScript functions over FastCGI (or CGI).\n"
    "\n"
    "  --root DIR          functions root (or the FastCGI param INVOKE_ROOT)\n"
    "  --data DIR          Berkeley DB folder for kv\n"
    "  --kv-scope NAME     the store's scope by name instead of by the root's path\n"
    "                      (or the FastCGI param INVOKE_KV_SCOPE, per site)\n"
    "  --bytecode-max BYTES  bound of the compiled-code cache under --data,\n"
    "                      k/m suffixes, pruned at start; 0: none (default 256m)\n"
    "  --listen ADDR       HOST:PORT or unix:PATH; run as a pre-forking server\n"
    "  --workers N         worker processes (default 2 with --listen, else 1)\n"
    "  --max-requests N    recycle a worker after N requests (0 = never)\n"
    "  --timeout SECONDS   time limit per request (default 30)\n"
    "  --memory-limit MB   memory limit per request (default 256)\n"
    "  --max-body BYTES    largest request body, k/m suffixes (default 1m)\n"
    "  --log FILE          log file (default stderr)\n"
    "  --dev               error details in response bodies\n"
    "  --env NAME=VALUE    a process.env variable for every function (repeatable;\n"
    "                      a root's .env file overrides it)\n"
    "  --trust-proxy       take the client address from X-Forwarded-For\n"
    "  --slow-log SECONDS  log a warning for requests slower than this\n"
    "  --status-path PATH  answer PATH (e.g. /invoke-status) with the workers'\n"
    "                      state, text or JSON with ?json (default: off)\n"
    "  --fetch-connect-timeout SECONDS  fetch's connect timeout (default 10)\n"
    "  --fetch-timeout SECONDS  time limit of one fetch, body included (default 30)\n"
    "  --fetch-max-size BYTES  largest body one fetch may receive, k/m suffixes,\n"
    "                      streamed bodies too; 0: no limit (default 64m)\n"
    "  --fetch-max-concurrent N  fetches running at once per request; more wait\n"
    "                      (default 16)\n"
    "  --fetch-allow HOSTS fetch reaches only these (comma list of names,\n"
    "                      *.suffix, addresses, CIDR blocks)\n"
    "  --fetch-deny HOSTS  fetch never reaches these, by name or resolved address\n"
    "  --ca-file FILE      CA certificates fetch trusts instead of the system's\n"
    "  --admin PATH        serve the admin panel at PATH (e.g. /_admin; or the\n"
    "                      FastCGI param INVOKE_ADMIN, per site); needs --data\n"
    "                      and `invoke admin passwd` (default: off)\n"
    "  --admin-passwd FILE the panel's password file (default DATA/admin.passwd)\n"
    "  --admin-allow LIST  only these client addresses reach the panel (comma\n"
    "                      list of addresses and CIDR blocks)\n"
    "  --replicate HOST:PORT  replicate --data's store; this site's address\n"
    "  --peer HOST:PORT    another site of the group (repeatable)\n"
    "  --priority N        election priority (default 100; 0: never master)\n"
    "  --acks POLICY       quorum, all, one or none (default quorum)\n"
    "  --help              show this help\n"
    "  --version           show the version\n"
    "\n"
    "Without --listen, a listening socket on fd 0 (spawn-fcgi, mod_fcgid) is\n"
    "served as FastCGI; otherwise one CGI request is handled.\n";

static int cfg_bad(const char *opt, const char *what)
{
    fprintf(stderr, "invoke-fcgi: --%s: %s\n", opt, what);
    return -1;
}

/* Whole-string integer in [min, max]; *out untouched on error. */
static int cfg_long(const char *s, long min, long max, long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

/* A byte count with an optional k/K or m/M suffix (binary units). */
static int cfg_bytes(const char *s, long *out)
{
    char *end;
    long long v;
    long long mult = 1;

    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno != 0 || end == s || v < 0)
        return -1;
    if (*end == 'k' || *end == 'K')
        mult = 1024;
    else if (*end == 'm' || *end == 'M')
        mult = 1024 * 1024;
    if (mult != 1)
        end++;
    if (*end != '\0' || v > LONG_MAX / mult)
        return -1;
    *out = (long)(v * mult);
    return 0;
}

static int cfg_seconds(const char *s, double *out)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(s, &end);
    if (errno != 0 || end == s || *end != '\0' || !(v >= 0 && v <= 86400.0 * 365))
        return -1;
    *out = v;
    return 0;
}

static void cfg_defaults(cfg *c)
{
    memset(c, 0, sizeof *c);
    c->workers = 0;             /* main picks the default for the mode */
    c->max_requests = 0;
    c->timeout = 30;
    c->memory_limit_mb = 256;
    c->max_body = 1024 * 1024;
    c->bytecode_max = 256L * 1024 * 1024;
    c->priority = 100;
    net_opts_defaults(&c->net);
}

/* A positive number of seconds (a fetch limit of 0 would mean none). */
static int cfg_positive_seconds(const char *s, double *out)
{
    double v;

    if (cfg_seconds(s, &v) < 0 || v <= 0)
        return -1;
    *out = v;
    return 0;
}

/* --fetch-allow / --fetch-deny: the list's syntax is net.c's. */
static int cfg_hosts(const char *opt, const char *arg, const char **out)
{
    char err[400];

    if (net_policy_check(arg, err, sizeof err) < 0)
        return cfg_bad(opt, err);
    *out = arg;
    return 0;
}

/* One option with its argument; -1 after printing the error line. */
static int cfg_apply(cfg *c, int opt, const char *arg)
{
    long n;

    switch (opt) {
    case OPT_ROOT:   c->root = c->site = arg; return 0;
    case OPT_BYTECODE_MAX:
        if (cfg_bytes(arg, &c->bytecode_max) < 0)
            return cfg_bad("bytecode-max", "expected a size in bytes (k/m suffixes allowed)");
        return 0;
    case OPT_DATA:   c->data = arg; return 0;
    case OPT_KV_SCOPE:
        {
            char err[200];

            if (eng_kv_scope_check(arg, err, sizeof err) < 0)
                return cfg_bad("kv-scope", err);
        }
        c->kv_scope = arg;
        return 0;
    case OPT_LISTEN: c->listen = arg; return 0;
    case OPT_LOG:    c->log = arg; return 0;
    case OPT_DEV:    c->dev = 1; return 0;
    case OPT_TRUST:  c->trust_proxy = 1; return 0;
    case OPT_WORKERS:
        if (cfg_long(arg, 1, 4096, &n) < 0)
            return cfg_bad("workers", "expected a positive integer");
        c->workers = (int)n;
        return 0;
    case OPT_MAX_REQUESTS:
        if (cfg_long(arg, 0, LONG_MAX, &c->max_requests) < 0)
            return cfg_bad("max-requests", "expected a non-negative integer");
        return 0;
    case OPT_MEMORY:
        if (cfg_long(arg, 0, 1024L * 1024, &c->memory_limit_mb) < 0)
            return cfg_bad("memory-limit", "expected a number of megabytes");
        return 0;
    case OPT_MAX_BODY:
        if (cfg_bytes(arg, &c->max_body) < 0)
            return cfg_bad("max-body", "expected a number of bytes (k/m suffix allowed)");
        return 0;
    case OPT_TIMEOUT:
        if (cfg_seconds(arg, &c->timeout) < 0)
            return cfg_bad("timeout", "expected a number of seconds");
        return 0;
    case OPT_SLOW_LOG:
        if (cfg_seconds(arg, &c->slow_log) < 0)
            return cfg_bad("slow-log", "expected a number of seconds");
        return 0;
    case OPT_STATUS_PATH:
        /* compared with the request path as sent, so it must be one */
        if (arg[0] != '/' || strpbrk(arg, "?#%") != NULL || strlen(arg) > 256)
            return cfg_bad("status-path", "expected a path like /invoke-status");
        c->status_path = arg;
        return 0;
    case OPT_ADMIN:
        /* compared with the request path as sent, like --status-path */
        if (arg[0] != '/' || arg[1] == '\0' || strpbrk(arg, "?#% ") != NULL ||
            arg[strlen(arg) - 1] == '/' || strlen(arg) > 256)
            return cfg_bad("admin", "expected a path like /_admin");
        c->admin = arg;
        return 0;
    case OPT_ADMIN_PASSWD:
        c->admin_passwd = arg;
        return 0;
    case OPT_ADMIN_ALLOW:
        return cfg_hosts("admin-allow", arg, &c->admin_allow);
    case OPT_ENV:
        /* process.env names as a shell would accept them */
        n = (long) strspn(arg, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_0123456789");
        if (n == 0 || arg[n] != '=' || (arg[0] >= '0' && arg[0] <= '9'))
            return cfg_bad("env", "expected NAME=VALUE");
        if (c->nenv >= CFG_MAX_ENV)
            return cfg_bad("env", "too many variables");
        c->env[c->nenv++] = arg;
        return 0;
    case OPT_FETCH_CONNECT:
        if (cfg_positive_seconds(arg, &c->net.connect_timeout) < 0)
            return cfg_bad("fetch-connect-timeout", "expected a positive number of seconds");
        return 0;
    case OPT_FETCH_TIMEOUT:
        if (cfg_positive_seconds(arg, &c->net.timeout) < 0)
            return cfg_bad("fetch-timeout", "expected a positive number of seconds");
        return 0;
    case OPT_FETCH_MAX_SIZE:
        if (cfg_bytes(arg, &c->net.max_size) < 0)
            return cfg_bad("fetch-max-size", "expected a number of bytes (k/m suffix allowed)");
        if (c->net.max_size == 0)
            c->net.max_size = -1;
        return 0;
    case OPT_FETCH_CONCURRENT:
        if (cfg_long(arg, 1, 1024, &n) < 0)
            return cfg_bad("fetch-max-concurrent", "expected an integer from 1 to 1024");
        c->net.max_concurrent = (int)n;
        return 0;
    case OPT_FETCH_ALLOW:
        return cfg_hosts("fetch-allow", arg, &c->net.allow);
    case OPT_FETCH_DENY:
        return cfg_hosts("fetch-deny", arg, &c->net.deny);
    case OPT_REPLICATE:
        if (strrchr(arg, ':') == NULL || strrchr(arg, ':') == arg)
            return cfg_bad("replicate", "expected HOST:PORT");
        c->replicate = arg;
        return 0;
    case OPT_PEER:
        if (strrchr(arg, ':') == NULL || strrchr(arg, ':') == arg)
            return cfg_bad("peer", "expected HOST:PORT");
        if (c->npeers >= CFG_MAX_PEERS)
            return cfg_bad("peer", "too many peers");
        c->peers[c->npeers++] = arg;
        return 0;
    case OPT_PRIORITY:
        if (cfg_long(arg, 0, 1000000, &n) < 0)
            return cfg_bad("priority", "expected a non-negative integer");
        c->priority = (int)n;
        return 0;
    case OPT_ACKS:
        if ((c->acks = eng_repl_acks(arg)) < 0)
            return cfg_bad("acks", "expected quorum, all, one or none");
        return 0;
    case OPT_CA_FILE:
        if (access(arg, R_OK) != 0)
            return cfg_bad("ca-file", strerror(errno));
        c->net.ca_file = arg;
        return 0;
    }
    return -1;
}

static int cfg_unknown(int opt, char **argv)
{
    /* getopt leaves the offending word just before optind */
    const char *word = optind > 0 ? argv[optind - 1] : "?";

    if (opt == ':')
        fprintf(stderr, "invoke-fcgi: %s: requires an argument\n", word);
    else
        fprintf(stderr, "invoke-fcgi: %s: unknown option (try --help)\n", word);
    return -1;
}

int cfg_parse(cfg *c, int argc, char **argv)
{
    int opt;

    cfg_defaults(c);
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, ":", cfg_options, NULL)) != -1) {
        if (opt == OPT_HELP) {
            fputs(cfg_usage, stdout);
            exit(0);
        }
        if (opt == OPT_VERSION) {
            printf("invoke-fcgi %s\n", PACKAGE_VERSION);
            exit(0);
        }
        if (opt == '?' || opt == ':')
            return cfg_unknown(opt, argv);
        if (cfg_apply(c, opt, optarg) < 0)
            return -1;
    }
    if (optind < argc) {
        fprintf(stderr, "invoke-fcgi: %s: unexpected argument (try --help)\n",
                argv[optind]);
        return -1;
    }
    if (c->replicate != NULL && c->data == NULL)
        return cfg_bad("replicate", "needs --data (the store it replicates)");
    if (c->replicate == NULL && c->npeers > 0)
        return cfg_bad("peer", "needs --replicate (this site's address)");
    return 0;
}
