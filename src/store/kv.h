/* kv.h - the shared key-value store: one Berkeley DB environment per
 * --data folder, shared by every worker and by the `invoke` tool.
 *
 * The store knows nothing of JavaScript: keys and values are byte strings
 * (the binding puts JSON text in the values).  Every record lives under a
 * scope, the hash of a functions root's path (or of a name the
 * administrator gives), so two roots sharing a folder never see each
 * other's keys.  A scope is a value the caller makes
 * once (kv_scope_make) and passes to every operation; the handle holds no
 * scope of its own, so the functions' store and the rate limiter's
 * namespace share one handle without switching it back and forth.  Each read-modify-write is one
 * transaction; deadlocks are retried here and never reach the caller.
 *
 * Expiry times are absolute wall-clock milliseconds (0: never).  An expired
 * record reads as absent at once; kv_maintain() purges them a bounded batch
 * at a time.  Design, recovery and durability: doc/kv.md.
 */
#ifndef INVOKE_KV_H
#define INVOKE_KV_H

#include <stddef.h>
#include <stdint.h>

#define KV_OK 0
#define KV_ERR (-1)
#define KV_NOTFOUND 1           /* kv_get, kv_del: no such (live) key */
#define KV_FATAL (-2)           /* the environment needs recovery: exit */
#define KV_UNAVAIL (-3)         /* replicated: no master took the write (503) */
#define KV_BEHIND (-4)          /* replicated: a read here would miss this process's
                                 * own last write, not applied here yet (503) */

#define KV_MAX_KEY 1024                     /* bytes */
#define KV_MAX_VALUE (4 * 1024 * 1024)      /* bytes of encoded value */
#define KV_SCOPE_LEN 16                     /* hex digits of a root's hash */
#define KV_MAX_SCOPE_NAME 128               /* bytes of a scope's name */

typedef struct kv kv;

/* Whose records an operation sees: KV_SCOPE_LEN hex digits. */
typedef struct kv_scope {
    char id[KV_SCOPE_LEN + 1];
} kv_scope;

/* One record as kv_list returns it; pointers into the list's buffer. */
typedef struct kv_item {
    const char *key;            /* without the scope */
    size_t klen;
    const char *val;            /* NULL unless values were asked for */
    size_t vlen;
    int64_t expires;            /* ms since the epoch, 0: never */
} kv_item;

typedef struct kv_list_result {
    kv_item *items;
    size_t n;
    int more;                   /* records follow the last one */
    char *buf;                  /* owns every key and value above */
} kv_list_result;

typedef struct kv_rate_result {
    int allowed;
    long remaining;
    int64_t reset_at;           /* ms since the epoch when the window ends */
} kv_rate_result;

/* Replication (doc/kv.md, "Several hosts"): one Berkeley DB replication
 * group per --data folder, run by Berkeley DB's Replication Manager in one
 * process per host, the replicator (kv_repl_serve).  Every other process
 * opening the store reads its local copy and hands each write to the
 * replicator, which runs it on the master (itself, or over a repmgr
 * message channel) and answers once it is committed under the ack
 * policy; the caller then waits until its own copy has applied that
 * commit (txn_applied), so a request reads its own writes: while it has
 * not, the process's reads (kv_get, kv_list) wait for it a little longer
 * and then fail with KV_BEHIND rather than answer without that write. */
#define KV_MAX_PEERS 16

enum { KV_ACKS_QUORUM, KV_ACKS_ALL, KV_ACKS_ONE, KV_ACKS_NONE };

typedef struct kv_repl {
    const char *self;               /* HOST:PORT of this site (--replicate) */
    const char *peers[KV_MAX_PEERS];/* the other sites (--peer) */
    int npeers;
    int priority;                   /* election priority, 0: never master */
    int acks;                       /* KV_ACKS_* */
    int wait_ms;                    /* longest a write waits for the master */
} kv_repl;

/* Makes every store this process opens from now on a replicated one (r is
 * copied; NULL: none).  KV_ERR with a message when an address does not
 * parse.  Without it, kv_open still finds a store that a replicator runs
 * on (its `replication` file) and forwards writes to it. */
int kv_repl_setup(const kv_repl *r, char *err, size_t errlen);

/* HOST:PORT (a --replicate or --peer address) into host (at most hlen
 * bytes with its NUL, the caller's buffer) and *port; a bracketed IPv6
 * host loses its brackets.  -1 when it does not parse. */
int kv_repl_addr(const char *a, char *host, size_t hlen, unsigned *port);

/* The acks name (quorum, all, one, none) as KV_ACKS_*, -1 when unknown. */
int kv_repl_acks(const char *name);

/* The replicator's body: opens dir's store, runs the Replication Manager
 * (elections, catch-up) and the writes other processes hand it, until
 * *stop becomes nonzero.  Once a second it purges, checkpoints and
 * rewrites dir/replication.json (kv_repl_status).  Returns an exit status:
 * 0 after a stop, 1 when it could not start (logged). */
int kv_repl_serve(const char *dir, volatile int *stop);

/* The replicator's last status of dir (JSON, one object: role, master,
 * peers, lag) into buf; KV_NOTFOUND when dir is not replicated. */
int kv_repl_status(const char *dir, char *buf, size_t len, char *err, size_t errlen);

/* Opens (creating, and recovering if a process died inside it) the
 * environment in dir.  Call after fork(), once per process.  Returns NULL
 * with a message in err on failure.  The caller owns the handle and frees
 * it with kv_close(). */
kv *kv_open(const char *dir, char *err, size_t errlen);

/* Closes the databases and leaves the environment; s is invalid after. */
void kv_close(kv *s);

/* The scope of a functions root as the administrator names it: the hash
 * of its path made absolute and lexically normal, symlinks kept, so a
 * release swapped under a stable path (/srv/app/current -> releases/7)
 * keeps its records.  A relative root is taken from the current folder as
 * the shell names it ($PWD).  ns NULL or "": the functions' own records;
 * a short name: a namespace of that root functions never see.  KV_OK, or
 * KV_ERR (sc unchanged) when the path does not fit. */
int kv_scope_root(kv_scope *sc, const char *root, const char *ns, char *err, size_t errlen);

/* The scope an administrator names outright (--kv-scope, INVOKE_KV_SCOPE):
 * 1 to KV_MAX_SCOPE_NAME bytes, never the scope of any root. */
int kv_scope_named(kv_scope *sc, const char *name, const char *ns, char *err, size_t errlen);

/* The scope version 0.1 gave a root: the hash of its real path, which
 * changed with every release swapped under a symlink.  For finding the
 * records it left (kv_scope_adopt).  KV_ERR when the root does not
 * exist. */
int kv_scope_legacy(kv_scope *sc, const char *root, const char *ns, char *err, size_t errlen);

/* *used: whether the scope holds any record (expired ones count). */
int kv_scope_used(kv *s, const kv_scope *sc, int *used, char *err, size_t errlen);

/* Moves every live record of `from` into `to`, in transactions of a few
 * hundred records: a key `to` already has stays in `from` (*kept counts
 * them), so nothing is overwritten or lost; expired records are left to
 * the purge.  *moved counts what moved. */
int kv_scope_move(kv *s, const kv_scope *from, const kv_scope *to, size_t *moved,
                  size_t *kept, char *err, size_t errlen);

/* Upgrading from version 0.1: when sc holds no record and legacy does,
 * moves legacy's records into sc (*moved counts them).  Nothing when the
 * two are the same scope, as they are for a root without symlinks. */
int kv_scope_adopt(kv *s, const kv_scope *sc, const kv_scope *legacy, size_t *moved,
                   char *err, size_t errlen);

/* Wall-clock milliseconds since the epoch, the clock of every expiry. */
int64_t kv_now(void);

/* Reads key.  On KV_OK *val and *vlen point into a buffer owned by s, valid
 * until the next call on s; *expires (may be NULL) gets the expiry.
 * KV_NOTFOUND when absent or expired.  A replicated store: KV_BEHIND when
 * this copy has still not applied a write this process made moments ago
 * (kv.h, above). */
int kv_get(kv *s, const kv_scope *sc, const char *key, size_t klen, const char **val, size_t *vlen,
           int64_t *expires, char *err, size_t errlen);

/* Stores val under key with an absolute expiry (0: never), replacing any
 * previous value and expiry.  Nothing is retained. */
int kv_set(kv *s, const kv_scope *sc, const char *key, size_t klen, const char *val, size_t vlen,
           int64_t expires, char *err, size_t errlen);

/* Deletes key: KV_OK when a live record was there, else KV_NOTFOUND. */
int kv_del(kv *s, const kv_scope *sc, const char *key, size_t klen, char *err, size_t errlen);

/* Deletes every record of the scope (in batches, each its own
 * transaction). */
int kv_clear(kv *s, const kv_scope *sc, char *err, size_t errlen);

/* Adds by to the number stored at key (absent or expired: 0) and writes
 * the sum to *result.  expires applies only when the key is created; an
 * existing expiry is kept.  KV_ERR when the value is not a number. */
int kv_incr(kv *s, const kv_scope *sc, const char *key, size_t klen, double by, int64_t expires,
            double *result, char *err, size_t errlen);

/* A fixed window: counts one hit at key unless limit hits were counted in
 * the window that began with the first of them (window_ms long).  The
 * count is stored as a number that expires with the window. */
int kv_rate(kv *s, const kv_scope *sc, const char *key, size_t klen, long limit, int64_t window_ms,
            kv_rate_result *r, char *err, size_t errlen);

/* Up to limit live records of the scope whose keys start with
 * prefix and sort after `after` (NULL: from the start), in byte order.
 * with_values: also copy the values.  On KV_OK the caller owns *out and
 * frees it with kv_list_free(). */
int kv_list(kv *s, const kv_scope *sc, const char *prefix, size_t plen, const char *after, size_t alen,
            size_t limit, int with_values, kv_list_result *out,
            char *err, size_t errlen);

void kv_list_free(kv_list_result *r);

/* Housekeeping, cheap enough to call after any operation: deletes up to
 * max_purge expired records (every scope) when a second has passed since
 * the last pass, and checkpoints when 30 seconds have. */
int kv_maintain(kv *s, size_t max_purge, char *err, size_t errlen);

/* Deletes up to max expired records now; *purged gets how many. */
int kv_purge(kv *s, size_t max, size_t *purged, char *err, size_t errlen);

#endif
