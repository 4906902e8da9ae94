/* cfg.h - the command-line options shared by every way of running.
 *
 * The long names are a contract (doc/contract.md §11): configurations and scripts that
 * use them must stay valid across versions.
 */
#ifndef INVOKE_CFG_H
#define INVOKE_CFG_H

#include <stddef.h>

#include "net/net.h"

/* Most --env options one command line may carry. */
#define CFG_MAX_ENV 64
/* Most --peer options (the store's KV_MAX_PEERS). */
#define CFG_MAX_PEERS 16

typedef struct cfg {
    const char *root;       /* --root DIR (main makes it absolute; not resolved) */
    const char *site;       /* --root DIR as given: the store's scope */
    const char *kv_scope;   /* --kv-scope NAME: the store's scope by name */
    const char *data;       /* --data DIR (Berkeley DB folder) */
    const char *listen;     /* --listen HOST:PORT | unix:PATH */
    const char *log;        /* --log FILE ("-" or NULL: stderr) */
    int workers;            /* --workers N (default 2 with --listen) */
    long max_requests;      /* --max-requests N (0 = never recycle) */
    double timeout;         /* --timeout SECONDS (default 30) */
    long memory_limit_mb;   /* --memory-limit MB (default 256) */
    long max_body;          /* --max-body BYTES (default 1 MiB) */
    long bytecode_max;      /* --bytecode-max BYTES (default 256 MiB, 0 = none) */
    int dev;                /* --dev */
    int trust_proxy;        /* --trust-proxy */
    double slow_log;        /* --slow-log SECONDS (0 = off) */
    const char *status_path; /* --status-path /PATH (NULL = no status page) */
    const char *admin;      /* --admin /PATH (NULL = no panel) */
    const char *admin_passwd; /* --admin-passwd FILE (NULL = DATA/admin.passwd) */
    const char *admin_allow; /* --admin-allow LIST (NULL = any address) */
    const char *env[CFG_MAX_ENV + 1]; /* --env NAME=VALUE..., NULL-terminated */
    int nenv;
    net_opts net;           /* --fetch-*, --ca-file (net/net.h) */
    /* replication of --data's store (doc/kv.md, "Several hosts") */
    const char *replicate;  /* --replicate HOST:PORT: this site, NULL: none */
    const char *peers[CFG_MAX_PEERS]; /* --peer HOST:PORT... */
    int npeers;
    int priority;           /* --priority N (default 100, 0: never master) */
    int acks;               /* --acks quorum|all|one|none (eng_repl_acks) */
} cfg;

/* Seconds past --timeout after which a worker still busy with one request
 * is killed (by the supervisor, or by its own alarm without one): the
 * engine's check stops JavaScript at --timeout, this stops time spent in C. */
#define CFG_KILL_GRACE 2.0

/* Fills c from argv.  Prints --help / --version and exits 0 itself; prints
 * a one-line error naming the option and returns -1 on bad usage.  Strings
 * in c point into argv. */
int cfg_parse(cfg *c, int argc, char **argv);

#endif
