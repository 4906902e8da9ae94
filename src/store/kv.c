/* kv.c - the shared key-value store on a transactional Berkeley DB 5.3
 * environment (see kv.h for the contract, doc/kv.md for the design).
 *
 * Two databases: kv.db, a btree from scope+key to an 8-byte big-endian
 * expiry followed by the value, and expiry.db, a secondary index from that
 * expiry to the primary key (records without expiry are not indexed), which
 * lets the purge visit only what has expired, oldest first.
 *
 * A death costs only the dead process's own work (doc/kv.md, "Recovery").
 * Every process opens with DB_REGISTER | DB_FAILCHK | DB_RECOVER: the
 * first to open after one died finds its registry slot and runs failchk,
 * which aborts the dead one's transactions and frees its locks.  Only when
 * it died inside the library (holding a mutex, which Debian's
 * non-robust pthread mutexes never give back) does failchk fail; then the
 * opener panics the environment, SIGKILLs the processes still inside
 * (kv_event, DB_EVENT_REG_ALIVE: one may be stuck on that mutex) and runs
 * recovery.  A process that meets the panic closes its handles and joins
 * again (kv_restart), retrying what had not reached the log.
 *
 * No process ever waits inside the library for a lock (DB_TXN_NOWAIT): a
 * refused lock is retried here, outside it, holding nothing (kv_busy).
 * So a survivor is never stuck on a dead process's lock with nobody left
 * to open the store and run failchk: it runs failchk itself.  And nobody
 * dies while waiting, which matters: a process killed inside
 * pthread_cond_wait leaves the condition variable with a waiter glibc's
 * pthread_cond_destroy waits for for ever, and failchk destroys the dead
 * one's lock mutexes (measured: the next opener hung in it).
 *
 * Two holes in Berkeley DB 5.3.28's failure checking are closed here: a
 * mutex held by a process that died outside what failchk counts as inside
 * the library makes failchk spin for ever (kv_isalive notices and panics
 * the store, so the next opener recovers it), and an environment without
 * failchk's thread table (made by an earlier version) or panicked with no
 * dead registrant to make anyone recover it is recovered on request
 * (kv_request_recovery).
 */
#include "store/kv.h"

#include "common/log.h"

#include <db.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sched.h>
#include <poll.h>
#include <pthread.h>
#include <dirent.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>

#define KV_THREADS 1000         /* thread control blocks failchk tracks */
#define KV_BUSY_CHECK 100       /* ms a lock may stay refused before failchk */
#define KV_BUSY_AGAIN 500       /* ms between later failchk runs */
#define KV_BUSY_LIMIT 10000     /* ms of refusals before an operation fails */
#define KV_SPIN_CALLS 100000    /* is_alive calls about one dead process ... */
#define KV_SPIN_MS 2000         /* ... over this long: failchk is stuck */
#define KV_EXIT_STUCK 70        /* exit status then (EX_SOFTWARE) */
#define KV_EXP_LEN 8
#define KV_CLEAR_BATCH 1000
#define KV_PURGE_EVERY 1000     /* ms between purge passes */
#define KV_CKP_EVERY 30000      /* ms between checkpoints */
#define KV_APP_ERR 1            /* an op's own refusal, message in its args */
#define KV_REG_WAIT 500000      /* us recovery waits for the others to leave */
#define KV_REPL_WAIT 5000       /* ms a replicated write waits by default */
#define KV_OPEN_LOCKOUT 60000   /* ms an open waits for a replication lockout to end */

struct kv {
    DB_ENV *env;
    DB *db;
    DB *exp;
    char *buf;                  /* kv_get's results */
    size_t cap;
    int64_t last_purge, last_ckp;
    volatile int fatal;         /* panic event seen: only exiting helps */
    int opening;                /* inside env->open: registry messages count */
    int found;                  /* it found a dead registrant ... */
    long dead;                  /* ... with this pid (0: a recovery request) */
    int released;               /* what failchk reported releasing */
    char dir[PATH_MAX];
    char dberr[256];            /* Berkeley DB's last message */
    /* replication (kv.h, doc/kv.md "Several hosts") */
    int repl;                   /* the store is replicated: DB_INIT_REP */
    int replicator;             /* this is the replicator's handle */
    volatile int master;        /* replicator: this site is the master */
    volatile int dead_handles;  /* replicator: DB_REP_HANDLE_DEAD seen */
    int fwd_fd;                 /* a writer's connection to the replicator */
    DB_TXN_TOKEN pend;          /* a writer: its last write, not applied here ... */
    int64_t pend_until;         /* ... which reads wait for until then (ms, monotonic; 0: none) */
    pthread_mutex_t ready_mx;   /* replicator: opening the databases */
};

/* One write as the replicator carries it to the master (kv_fwd_*). */
enum { KV_OP_SET = 1, KV_OP_DEL, KV_OP_CLEAR, KV_OP_INCR, KV_OP_RATE, KV_OP_MOVE, KV_OP_PURGE,
       KV_OP_PING };
struct kv_fwd {
    int op;
    kv_scope sc, sc2;           /* sc2: kv_scope_move's target */
    const char *key, *val;
    size_t klen, vlen;
    int64_t expires;            /* set, incr: expiry; rate: the window */
    double by;
    long limit;                 /* rate: the limit; purge: the batch */
    /* the answer */
    double result;
    kv_rate_result rate;
    size_t moved, kept;
    int unavail;                /* KV_UNAVAIL's kind: KV_NOT_MASTER, KV_NOT_ACKED */
};
enum { KV_NOT_MASTER = 1,       /* nothing was done: safe to send again */
       KV_NOT_ACKED };          /* committed without its acks: may stand */

/* The replication settings of this process (kv_repl_setup), copied. */
static struct {
    int on;
    char self[256];
    char peers[KV_MAX_PEERS][256];
    int npeers, priority, acks, wait_ms;
} kv_rc;
static int kv_in_replicator;            /* kv_repl_serve runs here */
static int kv_recover_next;             /* the next open recovers (no failchk) */
/* The replicator runs writes in several threads at once: what one of them
 * commits and whether its acknowledgements came are its own. */
static __thread DB_TXN_TOKEN *kv_tok;   /* where kv_txn leaves the commit token */
static __thread int kv_perm_failed;     /* DB_EVENT_REP_PERM_FAILED in this thread */

static int kv_fwd_write(kv *s, struct kv_fwd *f, char *err, size_t errlen);
static int kv_own_writes(kv *s, char *err, size_t errlen);
static int kv_locked_out(kv *s, int64_t *since, char *err, size_t errlen);
static int kv_ready(kv *s, char *err, size_t errlen);
static int kv_repl_marked(const char *dir);

/* Cache, log and lock sizes.  In DB_CONFIG rather than in code because
 * recovery rebuilds the regions with the recovering process's settings,
 * and the file is what db5.3_recover and friends read too.
 * They are also a worker's resident memory: the process that creates the
 * regions writes the cache's hash table (∝ cache size) and the lock table
 * (∝ lk_max_*) whole, and a writer cycles through the whole log buffer.
 * 32 MB / 2 MB / 20,000 locks had the creating worker at 3.9 MB of region
 * pages and every other at 1.0 MB; these sizes, 1.6 MB and 0.8 MB.  The
 * log buffer only has to hold one transaction's records (commits write it
 * out, DB_TXN_WRITE_NOSYNC; a larger record is written directly), and
 * kv_clear/kv_purge work in batches of 1,000 records, whose page locks
 * fit in 1,000 locks already (measured: 30,000 records cleared). */
static const char kv_db_config[] =
    "set_cachesize 0 16777216 1\n"
    "set_lg_bsize 262144\n"
    "set_lg_max 16777216\n"
    "set_lk_max_locks 5000\n"
    "set_lk_max_objects 5000\n"
    "set_lk_max_lockers 2000\n"
    "set_tx_max 200\n";

/* --- small helpers --- */

int64_t kv_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void kv_put64(unsigned char *p, int64_t v)
{
    uint64_t u = (uint64_t) v;
    int i;

    for (i = 7; i >= 0; i--, u >>= 8)
        p[i] = (unsigned char) (u & 0xff);
}

static int64_t kv_get64(const void *data)
{
    const unsigned char *p = data;
    uint64_t u = 0;
    int i;

    for (i = 0; i < 8; i++)
        u = (u << 8) | p[i];
    return (int64_t) u;
}

static int kv_live(const DBT *data, int64_t now)
{
    int64_t e;

    if (data->size < KV_EXP_LEN)
        return 0;
    e = kv_get64(data->data);
    return e == 0 || e > now;
}

static int kv_dberr(kv *s, int rc, const char *what, char *err, size_t errlen)
{
    if (rc == DB_RUNRECOVERY)
        s->fatal = 1;
    snprintf(err, errlen, "%s: %s%s%s", what, db_strerror(rc),
             s->dberr[0] ? ": " : "", s->dberr);
    s->dberr[0] = '\0';
    return s->fatal ? KV_FATAL : KV_ERR;
}

static void kv_errcall(const DB_ENV *env, const char *pfx, const char *msg)
{
    kv *s = env->app_private;

    (void) pfx;
    if (s)
        snprintf(s->dberr, sizeof s->dberr, "%s", msg);
}

/* Failchk's and the registry's messages: which process the open found
 * dead, and whether failchk released anything of it.  Berkeley DB 5.3's
 * texts: "NN: PID: FAILED" (DB_VERB_REGISTER), "Aborting txn ...",
 * "Freeing read locks ...", "Freeing log information ...". */
static void kv_msgcall(const DB_ENV *env, const char *msg)
{
    kv *s = env->app_private;
    const char *p;

    if (s == NULL)
        return;
    if (s->opening && !s->found && strstr(msg, ": FAILED") != NULL &&
        (p = strstr(msg, ": ")) != NULL) {
        s->found = 1;
        s->dead = strtol(p + 2, NULL, 10);
    }
    if (strstr(msg, "Aborting txn") != NULL || strstr(msg, "Freeing") != NULL)
        s->released++;
}

static int64_t kv_mono(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* failchk asked about one dead process over and over for KV_SPIN_MS: it
 * is stuck.  Berkeley DB 5.3.28's mutex code, while failchk runs, retries
 * a mutex held by a dead process in a loop with no way out (the branch
 * that means "run recovery" does not leave it) when the process died
 * holding it outside what failchk counts as inside the library (its first
 * moments in the environment, say).  Nothing can free that mutex, and the
 * registry's exclusive lock stays held meanwhile, so every later opener
 * would wait behind this one.  Panicking the environment makes the next
 * opener's failchk fail at once, so it recovers instead; this process can
 * only leave. */
static void kv_failchk_stuck(DB_ENV *env, pid_t pid)
{
    log_sys("crit", "kv store: failchk is stuck on a mutex process %d held when it died; "
            "process %d panics the store for recovery and exits", (int) pid, (int) getpid());
    env->set_flags(env, DB_PANIC_ENVIRONMENT, 1);
    _exit(KV_EXIT_STUCK);
}

/* Whether the process behind a thread control block is still there.  It
 * must never call a live process dead (failchk would free its locks under
 * it); a zombie counts as dead, its locks went with it.  When in doubt
 * (no /proc, another user's process), alive. */
static int kv_isalive(DB_ENV *env, pid_t pid, db_threadid_t tid, u_int32_t flags)
{
    static pid_t spin_pid;          /* the dead one asked about last */
    static unsigned long spin_n;
    static int64_t spin_t0;
    char path[64], buf[512], *p;
    ssize_t n;
    int fd;

    (void) tid;
    (void) flags;
    if (pid == getpid())
        goto alive;
    if (kill(pid, 0) < 0 && errno == ESRCH)
        goto dead;
    snprintf(path, sizeof path, "/proc/%d/stat", (int) pid);
    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
        goto alive;
    n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        goto alive;
    buf[n] = '\0';
    /* "pid (comm) S ...": the state follows the last ')' */
    p = strrchr(buf, ')');
    if (p != NULL && p[1] == ' ' && (p[2] == 'Z' || p[2] == 'X'))
        goto dead;
alive:
    spin_pid = 0;
    return 1;
dead:
    if (pid != spin_pid) {
        spin_pid = pid;
        spin_n = 0;
        spin_t0 = kv_mono();
    } else if (++spin_n % 4096 == 0 && spin_n >= KV_SPIN_CALLS && kv_mono() - spin_t0 >= KV_SPIN_MS) {
        kv_failchk_stuck(env, pid);
    }
    return 0;
}

static void kv_event(DB_ENV *env, u_int32_t event, void *info)
{
    kv *s = env->app_private;

    switch (event) {
    case DB_EVENT_PANIC:
    case DB_EVENT_REG_PANIC:
        if (s)
            s->fatal = 1;
        break;
    case DB_EVENT_REP_MASTER:
        if (s && !s->master)
            log_sys("notice", "kv store %s: this site is now the replication master", s->dir);
        if (s)
            s->master = 1;
        break;
    case DB_EVENT_REP_CLIENT:
        if (s)
            s->master = 0;
        break;
    case DB_EVENT_REP_NEWMASTER:
        if (s && info)
            log_sys("notice", "kv store %s: replication master is site %d", s->dir, *(int *) info);
        break;
    case DB_EVENT_REP_ELECTION_FAILED:
        if (s)
            log_sys("warning", "kv store %s: replication election failed (no majority)", s->dir);
        break;
    case DB_EVENT_REP_DUPMASTER:
        if (s)
            log_sys("warning", "kv store %s: two masters met; this one steps down", s->dir);
        break;
    case DB_EVENT_REP_PERM_FAILED:
        /* raised in the thread whose commit waited for the acks */
        kv_perm_failed = 1;
        break;
    case DB_EVENT_REG_ALIVE:
        /* we are about to recover under a process still inside the
         * environment, which may be stuck on the dead one's locks */
        /* never 0 or -1: kill() would take the whole group, or everyone
         * (a slot of the register file can read as 0) */
        if (info && *(pid_t *) info > 1 && *(pid_t *) info != getpid() &&
            *(pid_t *) info != getppid())
            kill(*(pid_t *) info, SIGKILL);
        break;
    default:
        break;
    }
}

/* The secondary key of a record: its expiry, or none when it never
 * expires. */
static int kv_exp_key(DB *sec, const DBT *pkey, const DBT *pdata, DBT *skey)
{
    (void) sec;
    (void) pkey;
    if (pdata->size < KV_EXP_LEN || kv_get64(pdata->data) == 0)
        return DB_DONOTINDEX;
    memset(skey, 0, sizeof *skey);
    skey->data = pdata->data;
    skey->size = KV_EXP_LEN;
    return 0;
}

/* Writes DB_CONFIG unless it exists; link() makes it appear whole even
 * when several processes start at once. */
static int kv_write_config(const char *dir, char *err, size_t errlen)
{
    char path[PATH_MAX], tmp[PATH_MAX];
    int fd, ok;

    snprintf(path, sizeof path, "%s/DB_CONFIG", dir);
    if (access(path, F_OK) == 0)
        return KV_OK;
    snprintf(tmp, sizeof tmp, "%s/.DB_CONFIG.%d", dir, (int) getpid());
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
        return KV_ERR;
    }
    ok = write(fd, kv_db_config, sizeof kv_db_config - 1) ==
         (ssize_t) (sizeof kv_db_config - 1);
    close(fd);
    if (ok && link(tmp, path) < 0 && errno != EEXIST)
        ok = 0;
    unlink(tmp);
    if (!ok) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return KV_ERR;
    }
    return KV_OK;
}

/* --- waiting for a lock, and the dead who hold one --- */

struct kv_wait {
    int64_t start;          /* ms, monotonic: the first refusal */
    int64_t check;          /* when to run failchk next */
    unsigned n;             /* refusals so far */
};

/* Releases what dead processes held (their transactions aborted, their
 * locks freed).  DB_RUNRECOVERY when one died inside the library: then the
 * environment is panicked, so every process leaves it and the next to open
 * recovers it (kv_start), and this one is marked to do so. */
static int kv_failchk(kv *s)
{
    int before = s->released, rc = s->env->failchk(s->env, 0);

    if (rc == 0 && s->released > before)
        log_sys("notice", "kv store %s: process %d released what a dead process held (failchk)",
                s->dir, (int) getpid());
    if (rc == DB_RUNRECOVERY) {
        log_sys("warning", "kv store %s: a process died inside the store; "
                "process %d panics it for recovery", s->dir, (int) getpid());
        s->env->set_flags(s->env, DB_PANIC_ENVIRONMENT, 1);
        s->fatal = 1;
    }
    return rc;
}

/* After a refused lock (DB_TXN_NOWAIT): waits here, outside the library
 * and holding nothing, before the caller tries again.  A yield first (the
 * holder is most likely committing on another CPU), then sleeps doubling
 * from 50 us to 2 ms, jittered so that waiters do not march in step.  A
 * lock refused for KV_BUSY_CHECK ms may be a dead process's: failchk frees
 * it, then again every KV_BUSY_AGAIN ms.  0: try again; DB_LOCK_NOTGRANTED
 * after KV_BUSY_LIMIT ms; DB_RUNRECOVERY (kv_failchk). */
static int kv_busy(kv *s, struct kv_wait *w)
{
    int64_t now = kv_mono();
    struct timespec ts;
    long us;

    if (w->n++ == 0) {
        w->start = now;
        w->check = now + KV_BUSY_CHECK;
    }
    if (now - w->start >= KV_BUSY_LIMIT)
        return DB_LOCK_NOTGRANTED;
    if (now >= w->check) {
        w->check = now + KV_BUSY_AGAIN;
        if (kv_failchk(s) == DB_RUNRECOVERY)
            return DB_RUNRECOVERY;
    }
    if (w->n < 3) {
        sched_yield();
        return 0;
    }
    us = 50L << (w->n < 9 ? w->n - 3 : 6);
    if (us > 2000)
        us = 2000;
    us = us / 2 + rand() % (us / 2 + 1);
    ts.tv_sec = 0;
    ts.tv_nsec = us * 1000;
    nanosleep(&ts, NULL);
    return 0;
}

/* --- open and close --- */

/* Both databases and the index, each opened in its own transaction: a
 * lock refused while another process creates them is waited for in
 * kv_busy like any other. */
static int kv_open_dbs(kv *s, char *err, size_t errlen)
{
    struct kv_wait w;
    int64_t lockout = 0;
    int rc;
    /* Replicated, only the replicator writes, and creates them when it is
     * the master; the others read, their handles read-only: a handle that
     * could write would log its opening, which on the master only a
     * process running the Replication Manager may do. */
    u_int32_t flags = DB_AUTO_COMMIT | (!s->repl || (s->replicator && s->master) ? DB_CREATE : 0) |
                      (s->replicator ? DB_THREAD : 0) | (s->repl && !s->replicator ? DB_RDONLY : 0);

    memset(&w, 0, sizeof w);
    /* opened in locals and published whole: the replicator's threads look
     * at s->db without a lock */
    for (;;) {
        DB *db = NULL, *exp = NULL;

        if ((rc = db_create(&db, s->env, 0)) != 0)
            break;
        if ((rc = db->open(db, NULL, "kv.db", NULL, DB_BTREE, flags, 0600)) != 0)
            goto again;
        if ((rc = db_create(&exp, s->env, 0)) != 0)
            goto again;
        if ((rc = exp->set_flags(exp, DB_DUP | DB_DUPSORT)) != 0 ||
            (rc = exp->open(exp, NULL, "expiry.db", NULL, DB_BTREE, flags, 0600)) != 0)
            goto again;
        if ((rc = db->associate(db, NULL, exp, kv_exp_key, 0)) != 0)
            goto again;
        s->exp = exp;
        s->db = db;
        return KV_OK;
again:
        if (exp)
            exp->close(exp, 0);
        db->close(db, 0);
        if (rc == DB_REP_LOCKOUT && kv_locked_out(s, &lockout, err, errlen))
            return KV_ERR;
        if ((rc != DB_LOCK_DEADLOCK && rc != DB_LOCK_NOTGRANTED && rc != DB_REP_LOCKOUT) ||
            (rc = kv_busy(s, &w)) != 0)
            break;
    }
    return kv_dberr(s, rc, "opening kv.db", err, errlen);
}

/* Creates the environment handle and opens it; on failure leaves it for
 * kv_shut().  *recovered: whether this open ran recovery. */
static int kv_env_open(kv *s, int *recovered)
{
    u_int32_t flags = 0;
    int rc;

    *recovered = 0;
    if ((rc = db_env_create(&s->env, 0)) != 0) {
        s->env = NULL;
        return rc;
    }
    s->env->app_private = s;
    s->env->set_errcall(s->env, kv_errcall);
    s->env->set_msgcall(s->env, kv_msgcall);
    s->env->set_event_notify(s->env, kv_event);
    s->env->set_flags(s->env, DB_TXN_WRITE_NOSYNC, 1);
    /* a refused lock returns at once (kv_busy waits): see the top */
    s->env->set_flags(s->env, DB_TXN_NOWAIT, 1);
    s->env->log_set_config(s->env, DB_LOG_AUTO_REMOVE, 1);
    s->env->set_lk_detect(s->env, DB_LOCK_YOUNGEST);
    s->env->set_timeout(s->env, KV_REG_WAIT, DB_SET_REG_TIMEOUT);
    /* failure checking: thread control blocks (one per process here, a
     * dead one's slot is reused) and who is alive */
    s->env->set_thread_count(s->env, KV_THREADS);
    s->env->set_isalive(s->env, kv_isalive);
    /* the registry names the dead process it finds (kv_msgcall) */
    s->env->set_verbose(s->env, DB_VERB_REGISTER, 1);
    if (s->repl)
        /* a copy being brought up to date (a change of role, a rollback,
         * an internal init: Berkeley DB's replication lockout) refuses
         * at once (DB_REP_LOCKOUT; kv_txn) rather than blocking a request
         * in 5-second sleeps inside the library until the lockout ends.
         * Set in the replicator too: the setting lives in the shared
         * replication region, which takes it from the process that
         * creates it, the replicator (it recovers at every start); set
         * only by the other processes, it was never in effect, and a
         * worker reading during a long lockout sat there past its
         * request's limit and was killed inside the store, whose
         * recovery then stopped the site's other processes
         * (t/99-kv-replication, a failover round with no master for 30 s) */
        s->env->rep_set_config(s->env, DB_REP_CONF_NOWAIT, 1);
    s->opening = 1;
    s->found = 0;
    s->dead = 0;
    rc = s->env->open(s->env, s->dir, DB_CREATE | DB_INIT_LOCK | DB_INIT_LOG |
                      DB_INIT_MPOOL | DB_INIT_TXN | DB_REGISTER |
                      (kv_recover_next ? 0 : DB_FAILCHK) |
                      DB_RECOVER | (s->repl ? DB_INIT_REP : 0) |
                      (s->replicator ? DB_THREAD : 0), 0600);
    s->opening = 0;
    s->env->set_verbose(s->env, DB_VERB_REGISTER, 0);
    /* DB_RECOVER stays among the flags only when recovery ran */
    if (rc == 0 && s->env->get_open_flags(s->env, &flags) == 0)
        *recovered = (flags & DB_RECOVER) != 0;
    return rc;
}

/* Makes the next DB_REGISTER open run recovery: a registry slot nobody
 * holds locked reads as a process that died inside the environment, and
 * failchk fails on an environment that is panicked or lacks failure
 * checking's thread table.  The line is Berkeley DB 5.3's own format (24
 * digits and a newline; pid 0, which kv_event never signals), appended
 * under the registry's exclusive lock (byte 1), as its own code does.
 * Only with this process's handle closed: closing the descriptor drops
 * every fcntl lock the process holds on the file. */
static void kv_request_recovery(const char *dir)
{
    char path[PATH_MAX + 16], line[32];
    struct flock fl;
    int fd, n;

    snprintf(path, sizeof path, "%s/__db.register", dir);
    if ((fd = open(path, O_RDWR | O_CLOEXEC)) < 0)
        return;
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    fl.l_start = 1;
    fl.l_len = 1;
    while (fcntl(fd, F_SETLKW, &fl) < 0 && errno == EINTR)
        ;
    n = snprintf(line, sizeof line, "%24lu\n", 0UL);
    if (lseek(fd, 0, SEEK_END) < 0 || write(fd, line, (size_t) n) != n)
        log_sys("error", "kv store %s: asking for recovery: %s", dir, strerror(errno));
    close(fd);
}

/* Closes every handle, whatever state they are in. */
static void kv_shut(kv *s)
{
    if (s->exp)
        s->exp->close(s->exp, 0);
    if (s->db)
        s->db->close(s->db, 0);
    if (s->env)
        s->env->close(s->env, 0);
    s->exp = s->db = NULL;
    s->env = NULL;
}

/* Opens the environment and both databases; on failure leaves whatever
 * was opened for kv_shut().  An environment nobody can use (panicked with
 * no dead process in the registry to make the next opener recover it, or
 * made by a version without failure checking's thread table) is recovered
 * on request, once. */
static int kv_start(kv *s, char *err, size_t errlen)
{
    int64_t t0 = kv_mono();
    int rc, recovered, asked = 0;

    for (;;) {
        s->dberr[0] = '\0';
        rc = kv_env_open(s, &recovered);
        /* a replicated copy in a replication lockout (an internal init,
         * a rollback: DB_REP_CONF_NOWAIT makes the open say so at once)
         * is opened again until it ends, as Berkeley DB itself waited
         * before that setting took effect; bounded, so a copy stuck in
         * one is an error with the reason */
        if (rc == DB_REP_LOCKOUT && kv_mono() - t0 < KV_OPEN_LOCKOUT) {
            kv_shut(s);
            usleep(50000);
            continue;
        }
        if (rc == 0 || asked ||
            !(rc == DB_RUNRECOVERY || (rc == EINVAL && strstr(s->dberr, "thread table"))))
            break;
        log_sys("warning", "kv store %s: %s%s%s; asking for recovery", s->dir,
                db_strerror(rc), s->dberr[0] ? ": " : "", s->dberr);
        kv_shut(s);
        kv_request_recovery(s->dir);
        asked = 1;
    }
    if (rc != 0)
        return kv_dberr(s, rc, s->dir, err, errlen);
    if (recovered && s->found && s->dead != 0)
        log_sys("warning", "kv store %s: process %ld died inside the store: recovered by process %d "
                "in %lld ms, processes still inside stopped", s->dir, s->dead, (int) getpid(),
                (long long) (kv_mono() - t0));
    else if (recovered && s->found)
        log_sys("warning", "kv store %s: recovered on request by process %d in %lld ms, "
                "processes still inside stopped", s->dir, (int) getpid(),
                (long long) (kv_mono() - t0));
    else if (s->found && s->dead != 0)
        log_sys("notice", "kv store %s: process %ld left without closing the store; failchk "
                "released what it held, no recovery needed", s->dir, s->dead);
    if (s->repl)
        return KV_OK;       /* opened when first needed (kv_ready) */
    return kv_open_dbs(s, err, errlen);
}

/* After a panic (someone else is recovering the environment): leave it,
 * which lets that recovery proceed, and join again once it is done. */
static int kv_restart(kv *s, char *err, size_t errlen)
{
    int rc;

    kv_shut(s);
    s->fatal = 0;
    rc = kv_start(s, err, errlen);
    if (rc != KV_OK) {
        s->fatal = 1;
        return KV_FATAL;
    }
    return KV_OK;
}

kv *kv_open(const char *dir, char *err, size_t errlen)
{
    kv *s = calloc(1, sizeof *s);

    if (s == NULL) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (strlen(dir) >= sizeof s->dir) {
        snprintf(err, errlen, "%s: name too long", dir);
        free(s);
        return NULL;
    }
    snprintf(s->dir, sizeof s->dir, "%s", dir);
    s->fwd_fd = -1;
    s->replicator = kv_in_replicator;
    s->repl = kv_rc.on || s->replicator || kv_repl_marked(dir);
    pthread_mutex_init(&s->ready_mx, NULL);
    /* the folder itself, not its parents: a typo should not build a tree */
    if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
        snprintf(err, errlen, "%s: %s", dir, strerror(errno));
        free(s);
        return NULL;
    }
    if (kv_write_config(dir, err, errlen) != KV_OK) {
        free(s);
        return NULL;
    }
    if (kv_start(s, err, errlen) != KV_OK) {
        kv_close(s);
        return NULL;
    }
    s->last_purge = s->last_ckp = kv_now();
    return s;
}

void kv_close(kv *s)
{
    if (s == NULL)
        return;
    if (s->fwd_fd >= 0)
        close(s->fwd_fd);
    kv_shut(s);
    free(s->buf);
    free(s);
}

/* --- scope --- */

/* FNV-1a over what names the scope, then the namespace after a NUL (which
 * no path and no name contains). */
static void kv_scope_hash(kv_scope *sc, const char *lead, const char *what, const char *ns)
{
    uint64_t h = 14695981039346656037ULL;
    const unsigned char *p;

    for (p = (const unsigned char *) lead; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    for (p = (const unsigned char *) what; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    if (ns != NULL && *ns) {
        h = (h ^ 0) * 1099511628211ULL;
        for (p = (const unsigned char *) ns; *p; p++)
            h = (h ^ *p) * 1099511628211ULL;
    }
    snprintf(sc->id, sizeof sc->id, "%016llx", (unsigned long long) h);
}

/* The current folder as the shell names it: $PWD when it is this folder
 * (so /srv/app/current stays itself), else the real one. */
static int kv_cwd(char *out, size_t n)
{
    const char *pwd = getenv("PWD");
    struct stat a, b;

    if (pwd != NULL && pwd[0] == '/' && strlen(pwd) < n && stat(pwd, &a) == 0 &&
        stat(".", &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
        memcpy(out, pwd, strlen(pwd) + 1);
        return 0;
    }
    return getcwd(out, n) != NULL ? 0 : -1;
}

/* path made absolute and lexically normal ("//", "." and ".." folded, no
 * trailing slash), its symlinks kept; -1 when it does not fit. */
static int kv_normal_path(const char *path, char *out, size_t n)
{
    char buf[PATH_MAX * 2];
    size_t len = 0, seg;
    const char *p;

    if (path[0] == '/') {
        buf[0] = '\0';
    } else if (kv_cwd(buf, PATH_MAX) < 0) {
        return -1;
    }
    if (strlen(buf) + strlen(path) + 2 > sizeof buf)
        return -1;
    if (buf[0] != '\0')
        strcat(buf, "/");
    strcat(buf, path);
    out[0] = '\0';
    for (p = buf; *p; p += seg) {
        while (*p == '/')
            p++;
        seg = strcspn(p, "/");
        if (seg == 0 || (seg == 1 && p[0] == '.'))
            continue;
        if (seg == 2 && p[0] == '.' && p[1] == '.') {
            while (len > 0 && out[--len] != '/')
                ;
            out[len] = '\0';
            continue;
        }
        if (len + 1 + seg + 1 > n)
            return -1;
        out[len++] = '/';
        memcpy(out + len, p, seg);
        len += seg;
        out[len] = '\0';
    }
    if (len == 0) {
        if (n < 2)
            return -1;
        memcpy(out, "/", 2);
    }
    return 0;
}

int kv_scope_root(kv_scope *sc, const char *root, const char *ns, char *err, size_t errlen)
{
    char path[PATH_MAX];

    errno = ENAMETOOLONG;
    if (kv_normal_path(root, path, sizeof path) < 0) {
        snprintf(err, errlen, "%s: %s", root, strerror(errno));
        return KV_ERR;
    }
    kv_scope_hash(sc, "", path, ns);
    return KV_OK;
}

int kv_scope_named(kv_scope *sc, const char *name, const char *ns, char *err, size_t errlen)
{
    if (name == NULL || *name == '\0' || strlen(name) > KV_MAX_SCOPE_NAME) {
        snprintf(err, errlen, "a scope name must be 1 to %d bytes", KV_MAX_SCOPE_NAME);
        return KV_ERR;
    }
    /* a leading byte no path starts with: a name never meets a root */
    kv_scope_hash(sc, "\001", name, ns);
    return KV_OK;
}

int kv_scope_legacy(kv_scope *sc, const char *root, const char *ns, char *err, size_t errlen)
{
    char real[PATH_MAX];

    if (realpath(root, real) == NULL) {
        snprintf(err, errlen, "%s: %s", root, strerror(errno));
        return KV_ERR;
    }
    kv_scope_hash(sc, "", real, ns);
    return KV_OK;
}

/* KV_OK when sc names a scope, else KV_ERR with a message. */
static int kv_scoped(const kv_scope *sc, char *err, size_t errlen)
{
    if (sc == NULL || strlen(sc->id) != KV_SCOPE_LEN) {
        snprintf(err, errlen, "no scope selected");
        return KV_ERR;
    }
    return KV_OK;
}

/* scope+key into out (KV_SCOPE_LEN + KV_MAX_KEY bytes). */
static int kv_key(const kv_scope *sc, const char *key, size_t klen, char *out, DBT *dbt,
                  char *err, size_t errlen)
{
    if (kv_scoped(sc, err, errlen) != KV_OK)
        return KV_ERR;
    if (klen == 0 || klen > KV_MAX_KEY) {
        snprintf(err, errlen, "key must be 1 to %d bytes", KV_MAX_KEY);
        return KV_ERR;
    }
    memcpy(out, sc->id, KV_SCOPE_LEN);
    memcpy(out + KV_SCOPE_LEN, key, klen);
    memset(dbt, 0, sizeof *dbt);
    dbt->data = out;
    dbt->size = (u_int32_t) (KV_SCOPE_LEN + klen);
    return KV_OK;
}

/* A replicated copy refused an operation for a replication lockout
 * (DB_REP_LOCKOUT: DB_REP_CONF_NOWAIT, kv_env_open): whether the caller
 * should give up (1, with the reason in err) because the lockout has
 * lasted as long as a write may wait (*since: when the first refusal
 * came, 0 before it).  The replicator's threads wait it out like a
 * refused lock; a request is answered 503 instead of held past its
 * limit. */
static int kv_locked_out(kv *s, int64_t *since, char *err, size_t errlen)
{
    int64_t now = kv_mono();

    if (*since == 0)
        *since = now;
    if (s->replicator || now - *since < (kv_rc.on ? kv_rc.wait_ms : KV_REPL_WAIT))
        return 0;
    snprintf(err, errlen, "this host's copy is being brought up to date (a replication lockout) "
             "and took no operation for %lld ms", (long long) (now - *since));
    return 1;
}

/* --- transactions with deadlock retry --- */

typedef int (*kv_op)(kv *s, DB_TXN *txn, void *arg);

/* Runs op in a transaction, again after every refused lock (kv_busy
 * waits between tries).  op returns 0, a Berkeley DB error, or KV_APP_ERR
 * (then the transaction is aborted and KV_ERR returned; op left its
 * message in its args). */
static int kv_txn(kv *s, kv_op op, void *arg, const char *what, char *err, size_t errlen)
{
    struct kv_wait w;
    int64_t lockout = 0;
    int rc = 0, restarted = 0;

    memset(&w, 0, sizeof w);
    for (;;) {
        DB_TXN *txn = NULL;

        if (s->repl && s->db == NULL && !s->fatal && kv_ready(s, err, errlen) != KV_OK)
            return KV_UNAVAIL;
        /* Nothing of this operation reached the log before a panic is
         * seen here (commit failures are never retried), so doing it
         * again in the recovered environment cannot count it twice. */
        if (s->fatal || rc == DB_RUNRECOVERY) {
            /* the replicator's threads share the handle and its
             * Replication Manager: it is restarted whole instead */
            if (s->replicator) {
                s->fatal = 1;
                snprintf(err, errlen, "%s: the store needs recovery", what);
                return KV_FATAL;
            }
            if (restarted++)
                break;
            if ((rc = kv_restart(s, err, errlen)) != KV_OK)
                return rc;
        }
        rc = s->env->txn_begin(s->env, NULL, &txn, 0);
        if (rc == DB_REP_LOCKOUT) {
            if (kv_locked_out(s, &lockout, err, errlen))
                return KV_UNAVAIL;
            usleep(10000);
            continue;
        }
        if (rc != 0) {
            if (rc == DB_RUNRECOVERY)
                continue;
            break;
        }
        rc = op(s, txn, arg);
        if (rc == 0) {
            if (kv_tok != NULL)
                txn->set_commit_token(txn, kv_tok);
            rc = txn->commit(txn, 0);
            if (rc == 0)
                return KV_OK;
            break;
        }
        txn->abort(txn);
        if (rc == KV_APP_ERR)
            return KV_ERR;
        if (rc == DB_RUNRECOVERY)
            continue;
        if (rc == DB_REP_HANDLE_DEAD && s->repl) {
            /* a replica rolled back to the new master's history: the
             * handles are reopened (the replicator's threads share theirs,
             * so it is restarted instead) */
            if (s->replicator) {
                s->dead_handles = 1;
                return KV_UNAVAIL;
            }
            if (s->exp)
                s->exp->close(s->exp, 0);
            if (s->db)
                s->db->close(s->db, 0);
            s->exp = s->db = NULL;
            rc = DB_LOCK_NOTGRANTED;
        }
        if (rc == DB_REP_LOCKOUT && kv_locked_out(s, &lockout, err, errlen))
            return KV_UNAVAIL;
        if (rc == DB_REP_LOCKOUT)
            rc = DB_LOCK_NOTGRANTED;
        if ((rc != DB_LOCK_DEADLOCK && rc != DB_LOCK_NOTGRANTED) || (rc = kv_busy(s, &w)) != 0) {
            if (rc == DB_RUNRECOVERY)
                continue;
            break;
        }
    }
    if (rc == DB_LOCK_NOTGRANTED)
        s->dberr[0] = '\0';        /* the store is busy: nothing more to say */
    return kv_dberr(s, rc, what, err, errlen);
}

/* --- get, set, delete --- */

struct kv_get_args {
    DBT *k;
    DBT d;
    int found;
};

/* Into s->buf, grown to fit.  In a transaction like every other read: a
 * read outside one would wait inside the library for a writer's lock. */
static int kv_op_get(kv *s, DB_TXN *txn, void *arg)
{
    struct kv_get_args *a = arg;
    int rc;

    for (;;) {
        memset(&a->d, 0, sizeof a->d);
        a->d.flags = DB_DBT_USERMEM;
        a->d.data = s->buf;
        a->d.ulen = (u_int32_t) s->cap;
        rc = s->db->get(s->db, txn, a->k, &a->d, 0);
        if (rc == DB_BUFFER_SMALL) {
            char *nb = realloc(s->buf, a->d.size);
            if (nb == NULL)
                return ENOMEM;
            s->buf = nb;
            s->cap = a->d.size;
            continue;
        }
        a->found = rc == 0;
        return rc == DB_NOTFOUND ? 0 : rc;
    }
}

int kv_get(kv *s, const kv_scope *sc, const char *key, size_t klen, const char **val, size_t *vlen,
           int64_t *expires, char *err, size_t errlen)
{
    char kbuf[KV_SCOPE_LEN + KV_MAX_KEY];
    struct kv_get_args a;
    DBT k;
    int rc;

    if (kv_key(sc, key, klen, kbuf, &k, err, errlen) != KV_OK)
        return KV_ERR;
    if (s->pend_until && (rc = kv_own_writes(s, err, errlen)) != KV_OK)
        return rc;
    memset(&a, 0, sizeof a);
    a.k = &k;
    rc = kv_txn(s, kv_op_get, &a, "get", err, errlen);
    if (rc != KV_OK)
        return rc;
    if (!a.found || !kv_live(&a.d, kv_now()))
        return KV_NOTFOUND;
    *val = s->buf + KV_EXP_LEN;
    *vlen = a.d.size - KV_EXP_LEN;
    if (expires)
        *expires = kv_get64(a.d.data);
    return KV_OK;
}

struct kv_put_args {
    DBT *k;
    DBT *d;
};

static int kv_op_put(kv *s, DB_TXN *txn, void *arg)
{
    struct kv_put_args *a = arg;

    return s->db->put(s->db, txn, a->k, a->d, 0);
}

/* A record's data: expiry then value, in a malloc'd buffer the caller
 * frees. */
static unsigned char *kv_record(const char *val, size_t vlen, int64_t expires, DBT *d)
{
    unsigned char *rec = malloc(KV_EXP_LEN + vlen);

    if (rec == NULL)
        return NULL;
    kv_put64(rec, expires);
    memcpy(rec + KV_EXP_LEN, val, vlen);
    memset(d, 0, sizeof *d);
    d->data = rec;
    d->size = (u_int32_t) (KV_EXP_LEN + vlen);
    return rec;
}

int kv_set(kv *s, const kv_scope *sc, const char *key, size_t klen, const char *val, size_t vlen,
           int64_t expires, char *err, size_t errlen)
{
    char kbuf[KV_SCOPE_LEN + KV_MAX_KEY];
    struct kv_put_args a;
    unsigned char *rec;
    DBT k, d;
    int rc;

    if (kv_key(sc, key, klen, kbuf, &k, err, errlen) != KV_OK)
        return KV_ERR;
    if (vlen > KV_MAX_VALUE) {
        snprintf(err, errlen, "value too large (%zu bytes, at most %d)", vlen, KV_MAX_VALUE);
        return KV_ERR;
    }
    if (s->repl && !s->replicator) {
        struct kv_fwd f = { .op = KV_OP_SET, .sc = *sc, .key = key, .klen = klen, .val = val,
                            .vlen = vlen, .expires = expires < 0 ? 0 : expires };
        return kv_fwd_write(s, &f, err, errlen);
    }
    rec = kv_record(val, vlen, expires < 0 ? 0 : expires, &d);
    if (rec == NULL) {
        snprintf(err, errlen, "out of memory");
        return KV_ERR;
    }
    a.k = &k;
    a.d = &d;
    rc = kv_txn(s, kv_op_put, &a, "set", err, errlen);
    free(rec);
    return rc;
}

struct kv_del_args {
    DBT *k;
    int found;
};

static int kv_op_del(kv *s, DB_TXN *txn, void *arg)
{
    struct kv_del_args *a = arg;
    unsigned char eb[KV_EXP_LEN];
    DBT d;
    int rc;

    memset(&d, 0, sizeof d);
    /* the expiry is all we need; user memory, as a DB_THREAD handle (the
     * replicator's) requires */
    d.flags = DB_DBT_PARTIAL | DB_DBT_USERMEM;
    d.dlen = KV_EXP_LEN;
    d.data = eb;
    d.ulen = sizeof eb;
    a->found = 0;
    rc = s->db->get(s->db, txn, a->k, &d, DB_RMW);
    if (rc == DB_NOTFOUND)
        return 0;
    if (rc != 0)
        return rc;
    a->found = kv_live(&d, kv_now());
    return s->db->del(s->db, txn, a->k, 0);
}

int kv_del(kv *s, const kv_scope *sc, const char *key, size_t klen, char *err, size_t errlen)
{
    char kbuf[KV_SCOPE_LEN + KV_MAX_KEY];
    struct kv_del_args a;
    DBT k;
    int rc;

    if (kv_key(sc, key, klen, kbuf, &k, err, errlen) != KV_OK)
        return KV_ERR;
    if (s->repl && !s->replicator) {
        struct kv_fwd f = { .op = KV_OP_DEL, .sc = *sc, .key = key, .klen = klen };
        return kv_fwd_write(s, &f, err, errlen);
    }
    a.k = &k;
    a.found = 0;
    rc = kv_txn(s, kv_op_del, &a, "delete", err, errlen);
    if (rc != KV_OK)
        return rc;
    return a.found ? KV_OK : KV_NOTFOUND;
}

/* --- numbers: incr and rate limits --- */

/* The number a JSON value holds; -1 when it is not a plain number. */
static int kv_parse_number(const char *p, size_t n, double *out)
{
    char tmp[64], *end;

    if (n == 0 || n >= sizeof tmp || !(p[0] == '-' || (p[0] >= '0' && p[0] <= '9')))
        return -1;
    memcpy(tmp, p, n);
    tmp[n] = '\0';
    *out = strtod(tmp, &end);
    return *end == '\0' ? 0 : -1;
}

static size_t kv_format_number(double v, char *out, size_t cap)
{
    if (v == (double) (long long) v && v > -9007199254740992.0 && v < 9007199254740992.0)
        return (size_t) snprintf(out, cap, "%lld", (long long) v);
    return (size_t) snprintf(out, cap, "%.17g", v);
}

struct kv_num_args {
    DBT *k;
    double by;
    int64_t expires;        /* incr: for a new key; rate: the window */
    long limit;             /* rate only, 0 for incr */
    double result;
    kv_rate_result rate;
    char *err;
    size_t errlen;
    DBC *c;                 /* kv_read_number's cursor, on the record if found */
    int found;
};

/* Reads the live number at a->k under a write lock: *n and *expires, or 0
 * and -1 when absent.  Through a cursor left on the record, which
 * kv_write_number replaces in place: one search of the tree instead of
 * three (the put's own, and the old record its secondary index needs),
 * ~5k instructions less while the lock is held.  The caller closes a->c
 * (kv_num_done). */
static int kv_read_number(kv *s, DB_TXN *txn, struct kv_num_args *a, int64_t now,
                          double *n, int64_t *expires)
{
    char buf[64 + KV_EXP_LEN];
    DBT d;
    int rc;

    memset(&d, 0, sizeof d);
    d.flags = DB_DBT_USERMEM;
    d.data = buf;
    d.ulen = sizeof buf;
    *n = 0;
    *expires = -1;
    a->found = 0;
    if ((rc = s->db->cursor(s->db, txn, &a->c, 0)) != 0) {
        a->c = NULL;
        return rc;
    }
    rc = a->c->get(a->c, a->k, &d, DB_SET | DB_RMW);
    a->found = rc == 0 || rc == DB_BUFFER_SMALL;
    if (rc == DB_NOTFOUND || (rc == 0 && !kv_live(&d, now)))
        return 0;
    if (rc == 0 && kv_parse_number(buf + KV_EXP_LEN, d.size - KV_EXP_LEN, n) == 0) {
        *expires = kv_get64(buf);
        return 0;
    }
    if (rc == 0 || rc == DB_BUFFER_SMALL) {
        snprintf(a->err, a->errlen, "the value is not a number");
        return KV_APP_ERR;
    }
    return rc;
}

static int kv_write_number(kv *s, DB_TXN *txn, struct kv_num_args *a, double n, int64_t expires)
{
    unsigned char buf[64 + KV_EXP_LEN];
    DBT d;

    kv_put64(buf, expires);
    memset(&d, 0, sizeof d);
    d.data = buf;
    d.size = (u_int32_t) (KV_EXP_LEN + kv_format_number(n, (char *) buf + KV_EXP_LEN, 64));
    if (a->found)
        return a->c->put(a->c, a->k, &d, DB_CURRENT);
    return s->db->put(s->db, txn, a->k, &d, 0);
}

/* Closes kv_read_number's cursor (before the commit or abort, as Berkeley
 * DB requires); returns rc, or the close's error if rc was 0. */
static int kv_num_done(struct kv_num_args *a, int rc)
{
    int crc = a->c != NULL ? a->c->close(a->c) : 0;

    a->c = NULL;
    return rc != 0 ? rc : crc;
}

static int kv_incr_step(kv *s, DB_TXN *txn, struct kv_num_args *a)
{
    int64_t exp;
    double n;
    int rc = kv_read_number(s, txn, a, kv_now(), &n, &exp);

    if (rc != 0)
        return rc;
    a->result = n + a->by;
    if (!isfinite(a->result)) {     /* JSON has no Infinity */
        snprintf(a->err, a->errlen, "the sum is not a finite number");
        return KV_APP_ERR;
    }
    return kv_write_number(s, txn, a, a->result, exp < 0 ? a->expires : exp);
}

static int kv_op_incr(kv *s, DB_TXN *txn, void *arg)
{
    struct kv_num_args *a = arg;
    return kv_num_done(a, kv_incr_step(s, txn, a));
}

int kv_incr(kv *s, const kv_scope *sc, const char *key, size_t klen, double by, int64_t expires,
            double *result, char *err, size_t errlen)
{
    char kbuf[KV_SCOPE_LEN + KV_MAX_KEY];
    struct kv_num_args a;
    DBT k;
    int rc;

    if (kv_key(sc, key, klen, kbuf, &k, err, errlen) != KV_OK)
        return KV_ERR;
    if (s->repl && !s->replicator) {
        struct kv_fwd f = { .op = KV_OP_INCR, .sc = *sc, .key = key, .klen = klen, .by = by,
                            .expires = expires < 0 ? 0 : expires };
        rc = kv_fwd_write(s, &f, err, errlen);
        if (rc == KV_OK)
            *result = f.result;
        return rc;
    }
    memset(&a, 0, sizeof a);
    a.k = &k;
    a.by = by;
    a.expires = expires < 0 ? 0 : expires;
    a.err = err;
    a.errlen = errlen;
    rc = kv_txn(s, kv_op_incr, &a, "incr", err, errlen);
    if (rc == KV_OK)
        *result = a.result;
    return rc;
}

static int kv_rate_step(kv *s, DB_TXN *txn, struct kv_num_args *a)
{
    int64_t now = kv_now(), exp;
    double n;
    int rc = kv_read_number(s, txn, a, now, &n, &exp);

    if (rc != 0)
        return rc;
    if (exp <= 0) {         /* a new window (or a count that never expires) */
        n = 0;
        exp = now + a->expires;
    }
    a->rate.reset_at = exp;
    a->rate.allowed = n < (double) a->limit;
    if (!a->rate.allowed) {
        a->rate.remaining = 0;
        return 0;
    }
    a->rate.remaining = a->limit - (long) n - 1;
    return kv_write_number(s, txn, a, n + 1, exp);
}

static int kv_op_rate(kv *s, DB_TXN *txn, void *arg)
{
    struct kv_num_args *a = arg;
    return kv_num_done(a, kv_rate_step(s, txn, a));
}

int kv_rate(kv *s, const kv_scope *sc, const char *key, size_t klen, long limit, int64_t window_ms,
            kv_rate_result *r, char *err, size_t errlen)
{
    char kbuf[KV_SCOPE_LEN + KV_MAX_KEY];
    struct kv_num_args a;
    DBT k;
    int rc;

    if (kv_key(sc, key, klen, kbuf, &k, err, errlen) != KV_OK)
        return KV_ERR;
    if (limit < 0 || window_ms <= 0) {
        snprintf(err, errlen, "limit must be >= 0 and window > 0");
        return KV_ERR;
    }
    if (s->repl && !s->replicator) {
        struct kv_fwd f = { .op = KV_OP_RATE, .sc = *sc, .key = key, .klen = klen,
                            .limit = limit, .expires = window_ms };
        rc = kv_fwd_write(s, &f, err, errlen);
        if (rc == KV_OK)
            *r = f.rate;
        return rc;
    }
    memset(&a, 0, sizeof a);
    a.k = &k;
    a.limit = limit;
    a.expires = window_ms;
    a.err = err;
    a.errlen = errlen;
    rc = kv_txn(s, kv_op_rate, &a, "rateLimit", err, errlen);
    if (rc == KV_OK)
        *r = a.rate;
    return rc;
}

/* --- listing --- */

struct kv_list_args {
    DBT *start;             /* scope+prefix or scope+after */
    size_t plen;            /* scope+prefix length: the range */
    const char *after;      /* full key to skip, NULL: none */
    size_t alen;
    size_t limit;
    int with_values;
    kv_list_result *out;
    size_t used, cap, icap;
};

/* Appends p to the result's buffer; returns its offset or -1. */
static long kv_list_append(struct kv_list_args *a, const void *p, size_t n)
{
    long off;

    if (a->used + n > a->cap) {
        size_t cap = a->cap ? a->cap : 4096;
        char *nb;
        while (cap < a->used + n)
            cap *= 2;
        nb = realloc(a->out->buf, cap);
        if (nb == NULL)
            return -1;
        a->out->buf = nb;
        a->cap = cap;
    }
    memcpy(a->out->buf + a->used, p, n);
    off = (long) a->used;
    a->used += n;
    return off;
}

/* Records one item, offsets standing in for pointers until the end. */
static int kv_list_add(struct kv_list_args *a, const DBT *k, const DBT *d)
{
    kv_list_result *r = a->out;
    long ko, vo = 0;
    kv_item *it;

    if (r->n == a->icap) {
        size_t c = a->icap ? a->icap * 2 : 64;
        kv_item *ni = realloc(r->items, c * sizeof *ni);
        if (ni == NULL)
            return -1;
        r->items = ni;
        a->icap = c;
    }
    ko = kv_list_append(a, (char *) k->data + KV_SCOPE_LEN, k->size - KV_SCOPE_LEN);
    if (ko < 0)
        return -1;
    if (a->with_values) {
        vo = kv_list_append(a, (char *) d->data + KV_EXP_LEN, d->size - KV_EXP_LEN);
        if (vo < 0)
            return -1;
    }
    it = &r->items[r->n++];
    it->key = (const char *) (intptr_t) ko;
    it->klen = k->size - KV_SCOPE_LEN;
    it->val = a->with_values ? (const char *) (intptr_t) vo : NULL;
    it->vlen = a->with_values ? d->size - KV_EXP_LEN : 0;
    it->expires = kv_get64(d->data);
    return 0;
}

static int kv_list_walk(kv *s, DBC *c, struct kv_list_args *a)
{
    int64_t now = kv_now();
    DBT k, d;
    int rc;
    u_int32_t how = DB_SET_RANGE;

    memset(&k, 0, sizeof k);
    memset(&d, 0, sizeof d);
    k.flags = DB_DBT_REALLOC;
    d.flags = DB_DBT_REALLOC;
    if ((k.data = malloc(a->start->size)) == NULL)
        return ENOMEM;
    memcpy(k.data, a->start->data, a->start->size);
    k.size = a->start->size;
    if (!a->with_values) {
        d.flags |= DB_DBT_PARTIAL;
        d.dlen = KV_EXP_LEN;
    }
    while ((rc = c->get(c, &k, &d, how)) == 0) {
        how = DB_NEXT;
        if (k.size < a->plen || memcmp(k.data, a->start->data, a->plen) != 0)
            break;
        if (a->after && k.size == a->alen && memcmp(k.data, a->after, a->alen) == 0)
            continue;
        if (!kv_live(&d, now))
            continue;
        if (a->out->n == a->limit) {
            a->out->more = 1;
            break;
        }
        if (kv_list_add(a, &k, &d) < 0) {
            rc = ENOMEM;
            break;
        }
    }
    free(k.data);
    free(d.data);
    return rc == DB_NOTFOUND ? 0 : rc;
}

static int kv_op_list(kv *s, DB_TXN *txn, void *arg)
{
    struct kv_list_args *a = arg;
    DBC *c;
    int rc, rc2;

    /* a retry starts over */
    a->out->n = 0;
    a->out->more = 0;
    a->used = 0;
    if ((rc = s->db->cursor(s->db, txn, &c, DB_READ_COMMITTED)) != 0)
        return rc;
    rc = kv_list_walk(s, c, a);
    rc2 = c->close(c);
    return rc ? rc : rc2;
}

/* Byte order of two keys, as the btree sorts them. */
static int kv_cmp(const DBT *a, const DBT *b)
{
    size_t n = a->size < b->size ? a->size : b->size;
    int c = memcmp(a->data, b->data, n);

    if (c != 0)
        return c;
    return a->size < b->size ? -1 : a->size > b->size;
}

int kv_list(kv *s, const kv_scope *sc, const char *prefix, size_t plen, const char *after, size_t alen,
            size_t limit, int with_values, kv_list_result *out,
            char *err, size_t errlen)
{
    char pbuf[KV_SCOPE_LEN + KV_MAX_KEY], abuf[KV_SCOPE_LEN + KV_MAX_KEY];
    struct kv_list_args a;
    DBT pk, ak;
    size_t i;
    int rc;

    memset(out, 0, sizeof *out);
    memset(&a, 0, sizeof a);
    if (kv_scoped(sc, err, errlen) != KV_OK)
        return KV_ERR;
    if (plen > KV_MAX_KEY || alen > KV_MAX_KEY) {
        snprintf(err, errlen, "prefix and cursor must be at most %d bytes", KV_MAX_KEY);
        return KV_ERR;
    }
    if (s->pend_until && (rc = kv_own_writes(s, err, errlen)) != KV_OK)
        return rc;
    memcpy(pbuf, sc->id, KV_SCOPE_LEN);
    memcpy(pbuf + KV_SCOPE_LEN, prefix, plen);
    pk.data = pbuf;
    pk.size = (u_int32_t) (KV_SCOPE_LEN + plen);
    a.start = &pk;
    a.plen = pk.size;
    if (after && alen > 0 && kv_key(sc, after, alen, abuf, &ak, err, errlen) == KV_OK &&
        kv_cmp(&ak, &pk) > 0) {
        a.start = &ak;      /* SET_RANGE from the cursor, prefix still bounds */
        a.after = abuf;
        a.alen = ak.size;
    }
    a.limit = limit;
    a.with_values = with_values;
    a.out = out;
    rc = kv_txn(s, kv_op_list, &a, "list", err, errlen);
    if (rc != KV_OK) {
        kv_list_free(out);
        return rc;
    }
    for (i = 0; i < out->n; i++) {
        out->items[i].key = out->buf + (intptr_t) out->items[i].key;
        if (with_values)
            out->items[i].val = out->buf + (intptr_t) out->items[i].val;
    }
    return KV_OK;
}

void kv_list_free(kv_list_result *r)
{
    free(r->items);
    free(r->buf);
    memset(r, 0, sizeof *r);
}

/* --- scopes: how full, and moving one into another --- */

struct kv_used_args {
    const char *scope;
    int used;
};

static int kv_op_used(kv *s, DB_TXN *txn, void *arg)
{
    struct kv_used_args *a = arg;
    DBT k, d;
    DBC *c;
    int rc, rc2;

    memset(&k, 0, sizeof k);
    memset(&d, 0, sizeof d);
    k.flags = DB_DBT_REALLOC;
    d.flags = DB_DBT_PARTIAL | DB_DBT_USERMEM;  /* whether there is one is all we need */
    d.dlen = 0;
    d.data = &rc;
    d.ulen = 0;
    if ((k.data = malloc(KV_SCOPE_LEN)) == NULL)
        return ENOMEM;
    memcpy(k.data, a->scope, KV_SCOPE_LEN);
    k.size = KV_SCOPE_LEN;
    if ((rc = s->db->cursor(s->db, txn, &c, 0)) != 0) {
        free(k.data);
        return rc;
    }
    rc = c->get(c, &k, &d, DB_SET_RANGE);
    a->used = rc == 0 && k.size >= KV_SCOPE_LEN && memcmp(k.data, a->scope, KV_SCOPE_LEN) == 0;
    free(k.data);
    rc2 = c->close(c);
    if (rc == DB_NOTFOUND)
        rc = 0;
    return rc ? rc : rc2;
}

int kv_scope_used(kv *s, const kv_scope *sc, int *used, char *err, size_t errlen)
{
    struct kv_used_args a;
    int rc;

    *used = 0;
    if (kv_scoped(sc, err, errlen) != KV_OK)
        return KV_ERR;
    a.scope = sc->id;
    a.used = 0;
    rc = kv_txn(s, kv_op_used, &a, "scope", err, errlen);
    *used = a.used;
    return rc;
}

#define KV_MOVE_BATCH 500

struct kv_move_args {
    const char *from, *to;
    char after[KV_SCOPE_LEN + KV_MAX_KEY];  /* the last key of the last batch */
    size_t alen;                            /* 0: from the scope's start */
    char next[KV_SCOPE_LEN + KV_MAX_KEY];   /* this batch's last key */
    size_t nlen;
    size_t moved, kept, seen;               /* this batch's */
};

/* One batch: each live record of `from` is put under `to` (unless `to` has
 * the key: then it stays where it is) and deleted from `from`.  Expired
 * records are left to the purge. */
static int kv_op_move(kv *s, DB_TXN *txn, void *arg)
{
    struct kv_move_args *a = arg;
    char nk[KV_SCOPE_LEN + KV_MAX_KEY];
    int64_t now = kv_now();
    DBT k, d, n;
    DBC *c;
    int rc, rc2;

    a->moved = a->kept = a->seen = 0;
    a->nlen = 0;
    if ((rc = s->db->cursor(s->db, txn, &c, 0)) != 0)
        return rc;
    memset(&k, 0, sizeof k);
    memset(&d, 0, sizeof d);
    k.flags = DB_DBT_REALLOC;
    d.flags = DB_DBT_REALLOC;
    if ((k.data = malloc(KV_SCOPE_LEN + KV_MAX_KEY)) == NULL) {
        c->close(c);
        return ENOMEM;
    }
    if (a->alen > 0) {
        memcpy(k.data, a->after, a->alen);
        k.size = (u_int32_t) a->alen;
    } else {
        memcpy(k.data, a->from, KV_SCOPE_LEN);
        k.size = KV_SCOPE_LEN;
    }
    rc = c->get(c, &k, &d, DB_SET_RANGE | DB_RMW);
    /* resuming: the last key of the previous batch, if kept, comes first */
    if (rc == 0 && a->alen > 0 && k.size == a->alen && memcmp(k.data, a->after, a->alen) == 0)
        rc = c->get(c, &k, &d, DB_NEXT | DB_RMW);
    while (rc == 0 && a->seen < KV_MOVE_BATCH && k.size > KV_SCOPE_LEN &&
           memcmp(k.data, a->from, KV_SCOPE_LEN) == 0) {
        a->seen++;
        memcpy(a->next, k.data, k.size);
        a->nlen = k.size;
        if (kv_live(&d, now)) {
            memcpy(nk, a->to, KV_SCOPE_LEN);
            memcpy(nk + KV_SCOPE_LEN, (char *) k.data + KV_SCOPE_LEN, k.size - KV_SCOPE_LEN);
            memset(&n, 0, sizeof n);
            n.data = nk;
            n.size = k.size;
            rc = s->db->put(s->db, txn, &n, &d, DB_NOOVERWRITE);
            if (rc == 0) {
                if ((rc = c->del(c, 0)) != 0)
                    break;
                a->moved++;
            } else if (rc == DB_KEYEXIST) {
                a->kept++;
            } else {
                break;
            }
        }
        rc = c->get(c, &k, &d, DB_NEXT | DB_RMW);
    }
    free(k.data);
    free(d.data);
    rc2 = c->close(c);
    if (rc == DB_NOTFOUND)
        rc = 0;
    return rc ? rc : rc2;
}

int kv_scope_move(kv *s, const kv_scope *from, const kv_scope *to, size_t *moved,
                  size_t *kept, char *err, size_t errlen)
{
    struct kv_move_args *a;
    int rc;

    *moved = *kept = 0;
    if (kv_scoped(from, err, errlen) != KV_OK || kv_scoped(to, err, errlen) != KV_OK)
        return KV_ERR;
    if (strcmp(from->id, to->id) == 0)
        return KV_OK;
    if (s->repl && !s->replicator) {
        struct kv_fwd f = { .op = KV_OP_MOVE, .sc = *from, .sc2 = *to };
        rc = kv_fwd_write(s, &f, err, errlen);
        *moved = f.moved;
        *kept = f.kept;
        return rc;
    }
    a = calloc(1, sizeof *a);
    if (a == NULL) {
        snprintf(err, errlen, "out of memory");
        return KV_ERR;
    }
    a->from = from->id;
    a->to = to->id;
    do {
        rc = kv_txn(s, kv_op_move, a, "move", err, errlen);
        if (rc != KV_OK)
            break;
        *moved += a->moved;
        *kept += a->kept;
        memcpy(a->after, a->next, a->nlen);
        a->alen = a->nlen;
    } while (a->seen == KV_MOVE_BATCH);
    free(a);
    return rc;
}

int kv_scope_adopt(kv *s, const kv_scope *sc, const kv_scope *legacy, size_t *moved,
                   char *err, size_t errlen)
{
    size_t kept;
    int used = 0, rc;

    *moved = 0;
    if (strcmp(sc->id, legacy->id) == 0)
        return KV_OK;
    if ((rc = kv_scope_used(s, sc, &used, err, errlen)) != KV_OK || used)
        return rc;
    if ((rc = kv_scope_used(s, legacy, &used, err, errlen)) != KV_OK || !used)
        return rc;
    return kv_scope_move(s, legacy, sc, moved, &kept, err, errlen);
}

/* --- clear, purge, maintenance --- */

struct kv_batch_args {
    const char *scope;          /* kv_clear's: KV_SCOPE_LEN bytes */
    size_t max;
    size_t done;
};

static int kv_op_clear(kv *s, DB_TXN *txn, void *arg)
{
    struct kv_batch_args *a = arg;
    DBT k, d;
    DBC *c;
    int rc, rc2;
    char start[KV_SCOPE_LEN];

    memcpy(start, a->scope, KV_SCOPE_LEN);
    a->done = 0;
    if ((rc = s->db->cursor(s->db, txn, &c, 0)) != 0)
        return rc;
    memset(&k, 0, sizeof k);
    memset(&d, 0, sizeof d);
    k.flags = DB_DBT_REALLOC;
    d.flags = DB_DBT_PARTIAL | DB_DBT_USERMEM;
    d.dlen = 0;
    d.data = start;
    d.ulen = 0;
    if ((k.data = malloc(KV_SCOPE_LEN)) == NULL) {
        c->close(c);
        return ENOMEM;
    }
    memcpy(k.data, start, KV_SCOPE_LEN);
    k.size = KV_SCOPE_LEN;
    rc = c->get(c, &k, &d, DB_SET_RANGE | DB_RMW);
    while (rc == 0 && a->done < a->max && k.size >= KV_SCOPE_LEN &&
           memcmp(k.data, start, KV_SCOPE_LEN) == 0) {
        if ((rc = c->del(c, 0)) != 0)
            break;
        a->done++;
        rc = c->get(c, &k, &d, DB_NEXT | DB_RMW);
    }
    free(k.data);
    rc2 = c->close(c);
    if (rc == DB_NOTFOUND)
        rc = 0;
    return rc ? rc : rc2;
}

int kv_clear(kv *s, const kv_scope *sc, char *err, size_t errlen)
{
    struct kv_batch_args a;
    int rc;

    if (kv_scoped(sc, err, errlen) != KV_OK)
        return KV_ERR;
    if (s->repl && !s->replicator) {
        struct kv_fwd f = { .op = KV_OP_CLEAR, .sc = *sc };
        return kv_fwd_write(s, &f, err, errlen);
    }
    a.scope = sc->id;
    do {
        a.max = KV_CLEAR_BATCH;
        rc = kv_txn(s, kv_op_clear, &a, "clear", err, errlen);
    } while (rc == KV_OK && a.done == a.max);
    return rc;
}

static int kv_op_purge(kv *s, DB_TXN *txn, void *arg)
{
    struct kv_batch_args *a = arg;
    int64_t now = kv_now();
    unsigned char ek[KV_EXP_LEN];
    DBT k, d;
    DBC *c;
    int rc, rc2;

    a->done = 0;
    if ((rc = s->exp->cursor(s->exp, txn, &c, 0)) != 0)
        return rc;
    memset(&k, 0, sizeof k);
    memset(&d, 0, sizeof d);
    k.flags = DB_DBT_USERMEM;
    k.data = ek;
    k.ulen = sizeof ek;
    d.flags = DB_DBT_PARTIAL | DB_DBT_USERMEM;  /* the primary record is not needed */
    d.dlen = 0;
    d.data = ek;
    d.ulen = 0;
    rc = c->get(c, &k, &d, DB_FIRST | DB_RMW);
    while (rc == 0 && a->done < a->max && k.size == KV_EXP_LEN &&
           kv_get64(ek) <= now) {
        /* through the secondary: removes the primary record too */
        if ((rc = c->del(c, 0)) != 0)
            break;
        a->done++;
        rc = c->get(c, &k, &d, DB_NEXT | DB_RMW);
    }
    rc2 = c->close(c);
    if (rc == DB_NOTFOUND)
        rc = 0;
    return rc ? rc : rc2;
}

int kv_purge(kv *s, size_t max, size_t *purged, char *err, size_t errlen)
{
    struct kv_batch_args a;
    int rc;

    if (s->repl && !s->replicator) {
        struct kv_fwd f = { .op = KV_OP_PURGE, .limit = (long) max };
        rc = kv_fwd_write(s, &f, err, errlen);
        if (purged)
            *purged = rc == KV_OK ? f.moved : 0;
        return rc;
    }
    a.scope = NULL;         /* every scope */
    a.max = max;
    a.done = 0;
    rc = kv_txn(s, kv_op_purge, &a, "purge", err, errlen);
    if (purged)
        *purged = rc == KV_OK ? a.done : 0;
    return rc;
}

int kv_maintain(kv *s, size_t max_purge, char *err, size_t errlen)
{
    int64_t now = kv_now();
    int rc;

    if (s->env == NULL || s->fatal)
        return KV_OK;       /* the next operation restarts it */
    /* replicated: the replicator's once a second, on the master */
    if (s->repl && (!s->replicator || !s->master))
        return KV_OK;
    if (now - s->last_purge >= KV_PURGE_EVERY) {
        s->last_purge = now;
        rc = kv_purge(s, max_purge, NULL, err, errlen);
        if (rc != KV_OK)
            return rc;
    }
    if (now - s->last_ckp >= KV_CKP_EVERY) {
        s->last_ckp = now;
        /* also what lets DB_LOG_AUTO_REMOVE drop old log files */
        rc = s->env->txn_checkpoint(s->env, 0, 0, 0);
        if (rc != 0)
            return kv_dberr(s, rc, "checkpoint", err, errlen);
    }
    return KV_OK;
}

/* --- replication (doc/kv.md, "Several hosts") --- */

#define KV_REPL_STATUS "replication.json"   /* the replicator's status, and the mark */
#define KV_REPL_THREADS 4                   /* Replication Manager's message threads */
#define KV_FWD_HEAD 66                      /* bytes of a request before key and value */
#define KV_RESEND_PAUSE 50                  /* ms between a write's tries */
#define KV_FWD_ANSWER 48                    /* bytes of an answer before the message */

/* Whether dir holds a replicator's status: then the store is replicated
 * even in a process started without the options (invoke kv). */
static int kv_repl_marked(const char *dir)
{
    char path[PATH_MAX + 32];

    snprintf(path, sizeof path, "%s/" KV_REPL_STATUS, dir);
    return access(path, F_OK) == 0;
}

int kv_repl_acks(const char *name)
{
    static const char *const names[] = { "quorum", "all", "one", "none" };
    int i;

    for (i = 0; i < 4; i++)
        if (strcmp(name, names[i]) == 0)
            return i;
    return -1;
}

int kv_repl_addr(const char *a, char *host, size_t hlen, unsigned *port)
{
    const char *colon = strrchr(a, ':'), *h = a;
    size_t n;
    char *end;
    long p;

    if (colon == NULL || colon == a)
        return -1;
    n = (size_t) (colon - a);
    if (a[0] == '[' && colon[-1] == ']') {
        h = a + 1;
        n -= 2;
    }
    p = strtol(colon + 1, &end, 10);
    if (n == 0 || n >= hlen || *end != '\0' || p <= 0 || p > 65535)
        return -1;
    memcpy(host, h, n);
    host[n] = '\0';
    *port = (unsigned) p;
    return 0;
}

int kv_repl_setup(const kv_repl *r, char *err, size_t errlen)
{
    char host[256];
    unsigned port;
    int i;

    memset(&kv_rc, 0, sizeof kv_rc);
    if (r == NULL || r->self == NULL)
        return KV_OK;
    if (r->npeers < 0 || r->npeers > KV_MAX_PEERS) {
        snprintf(err, errlen, "at most %d peers", KV_MAX_PEERS);
        return KV_ERR;
    }
    if (kv_repl_addr(r->self, host, sizeof host, &port) < 0) {
        snprintf(err, errlen, "%s: not HOST:PORT", r->self);
        return KV_ERR;
    }
    snprintf(kv_rc.self, sizeof kv_rc.self, "%s", r->self);
    for (i = 0; i < r->npeers; i++) {
        if (kv_repl_addr(r->peers[i], host, sizeof host, &port) < 0) {
            snprintf(err, errlen, "%s: not HOST:PORT", r->peers[i]);
            memset(&kv_rc, 0, sizeof kv_rc);
            return KV_ERR;
        }
        snprintf(kv_rc.peers[i], sizeof kv_rc.peers[i], "%s", r->peers[i]);
    }
    kv_rc.npeers = r->npeers;
    kv_rc.priority = r->priority;
    kv_rc.acks = r->acks;
    kv_rc.wait_ms = r->wait_ms > 0 ? r->wait_ms : KV_REPL_WAIT;
    kv_rc.on = 1;
    return KV_OK;
}

/* The databases of a replicated store, opened when first needed: a
 * replica has none until the master's first records arrive.  KV_OK, or
 * KV_ERR with why not yet. */
static int kv_ready(kv *s, char *err, size_t errlen)
{
    char why[300];
    int rc = KV_OK;

    if (s->replicator)
        pthread_mutex_lock(&s->ready_mx);
    if (s->db == NULL && kv_open_dbs(s, why, sizeof why) != KV_OK) {
        snprintf(err, errlen, "the replicated store has no copy here yet (%s)", why);
        rc = KV_ERR;
    }
    if (s->replicator)
        pthread_mutex_unlock(&s->ready_mx);
    return rc;
}

/* The replicator's socket: in the abstract namespace (no path length
 * limit, nothing left behind), named after the store's real path. */
static socklen_t kv_repl_sockaddr(const char *dir, struct sockaddr_un *sa)
{
    char real[PATH_MAX];
    kv_scope h;
    int n;

    if (realpath(dir, real) == NULL)
        snprintf(real, sizeof real, "%s", dir);
    kv_scope_hash(&h, "", real, "replicator");
    memset(sa, 0, sizeof *sa);
    sa->sun_family = AF_UNIX;
    n = snprintf(sa->sun_path + 1, sizeof sa->sun_path - 1, "invoke-kv-%s", h.id);
    return (socklen_t) (offsetof(struct sockaddr_un, sun_path) + 1 + (size_t) n);
}

/* Writes or reads exactly n bytes before the deadline (ms, monotonic);
 * -1 on an error, a timeout or the peer gone. */
static int kv_io_full(int fd, void *buf, size_t n, int writing, int64_t deadline)
{
    char *p = buf;

    while (n > 0) {
        struct pollfd pf = { fd, writing ? POLLOUT : POLLIN, 0 };
        int64_t left = deadline - kv_mono();
        ssize_t k;

        if (left <= 0 || poll(&pf, 1, (int) left) <= 0)
            return -1;
        k = writing ? send(fd, p, n, MSG_NOSIGNAL) : recv(fd, p, n, 0);
        if (k < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t) k;
    }
    return 0;
}

/* One frame: a 4-byte big-endian length, then the bytes. */
static int kv_frame_send(int fd, const void *buf, size_t n, int64_t deadline)
{
    unsigned char h[4] = { (unsigned char) (n >> 24), (unsigned char) (n >> 16),
                           (unsigned char) (n >> 8), (unsigned char) n };

    return kv_io_full(fd, h, 4, 1, deadline) < 0 || kv_io_full(fd, (void *) buf, n, 1, deadline) < 0
           ? -1 : 0;
}

/* Reads a frame into a malloc'd *buf (the caller frees it). */
static int kv_frame_recv(int fd, unsigned char **buf, size_t *n, int64_t deadline)
{
    unsigned char h[4];

    *buf = NULL;
    if (kv_io_full(fd, h, 4, 0, deadline) < 0)
        return -1;
    *n = (size_t) h[0] << 24 | (size_t) h[1] << 16 | (size_t) h[2] << 8 | h[3];
    if (*n > KV_FWD_HEAD + KV_SCOPE_LEN + KV_MAX_KEY + KV_MAX_VALUE + 4096 ||
        (*buf = malloc(*n ? *n : 1)) == NULL)
        return -1;
    if (kv_io_full(fd, *buf, *n, 0, deadline) < 0) {
        free(*buf);
        *buf = NULL;
        return -1;
    }
    return 0;
}

static void kv_putd(unsigned char *p, double d)
{
    uint64_t u;

    memcpy(&u, &d, sizeof u);
    kv_put64(p, (int64_t) u);
}

static double kv_getd(const unsigned char *p)
{
    uint64_t u = (uint64_t) kv_get64(p);
    double d;

    memcpy(&d, &u, sizeof d);
    return d;
}

/* A request, the same bytes on every host whatever its byte order:
 * version (1), op, scope, target scope, expiry or window, by, limit, key
 * length, value length, key, value.  malloc'd; the caller frees it. */
static unsigned char *kv_fwd_encode(const struct kv_fwd *f, size_t *n)
{
    unsigned char *b;

    *n = KV_FWD_HEAD + f->klen + f->vlen;
    if ((b = calloc(1, *n)) == NULL)
        return NULL;
    b[0] = 1;
    b[1] = (unsigned char) f->op;
    memcpy(b + 2, f->sc.id, KV_SCOPE_LEN);
    memcpy(b + 18, f->sc2.id, KV_SCOPE_LEN);
    kv_put64(b + 34, f->expires);
    kv_putd(b + 42, f->by);
    kv_put64(b + 50, f->limit);
    kv_put64(b + 58, (int64_t) ((uint64_t) f->klen << 32 | f->vlen));
    if (f->klen)
        memcpy(b + KV_FWD_HEAD, f->key, f->klen);
    if (f->vlen)
        memcpy(b + KV_FWD_HEAD + f->klen, f->val, f->vlen);
    return b;
}

/* The other way; key and value point into b.  -1 when malformed. */
static int kv_fwd_decode(const unsigned char *b, size_t n, struct kv_fwd *f)
{
    uint64_t lens;

    memset(f, 0, sizeof *f);
    if (n < KV_FWD_HEAD || b[0] != 1)
        return -1;
    f->op = b[1];
    memcpy(f->sc.id, b + 2, KV_SCOPE_LEN);
    memcpy(f->sc2.id, b + 18, KV_SCOPE_LEN);
    f->expires = kv_get64(b + 34);
    f->by = kv_getd(b + 42);
    f->limit = (long) kv_get64(b + 50);
    lens = (uint64_t) kv_get64(b + 58);
    f->klen = (size_t) (lens >> 32);
    f->vlen = (size_t) (lens & 0xffffffffu);
    if (f->klen > KV_MAX_KEY || f->vlen > KV_MAX_VALUE || KV_FWD_HEAD + f->klen + f->vlen != n)
        return -1;
    f->key = (const char *) b + KV_FWD_HEAD;
    f->val = f->key + f->klen;
    return 0;
}

/* An answer: status, allowed, result, remaining or moved, reset_at or
 * kept, the commit token, KV_UNAVAIL's kind, then the error message. */
static unsigned char *kv_answer_encode(int status, const struct kv_fwd *f, const DB_TXN_TOKEN *tok,
                                       const char *msg, size_t *n)
{
    size_t ml = status == KV_OK || status == KV_NOTFOUND ? 0 : strlen(msg);
    unsigned char *b = calloc(1, KV_FWD_ANSWER + ml);

    *n = KV_FWD_ANSWER + ml;
    if (b == NULL)
        return NULL;
    b[0] = (unsigned char) (status + 16);
    b[1] = (unsigned char) f->rate.allowed;
    kv_putd(b + 2, f->result);
    kv_put64(b + 10, f->op == KV_OP_RATE ? f->rate.remaining : (int64_t) f->moved);
    kv_put64(b + 18, f->op == KV_OP_RATE ? f->rate.reset_at : (int64_t) f->kept);
    if (tok)
        memcpy(b + 26, tok->buf, DB_TXN_TOKEN_SIZE);
    b[46] = (unsigned char) f->unavail;
    memcpy(b + KV_FWD_ANSWER, msg, ml);
    return b;
}

static int kv_answer_decode(const unsigned char *b, size_t n, struct kv_fwd *f, DB_TXN_TOKEN *tok,
                            char *err, size_t errlen)
{
    int status;

    if (n < KV_FWD_ANSWER) {
        snprintf(err, errlen, "a malformed answer from the replicator");
        return KV_UNAVAIL;
    }
    status = (int) b[0] - 16;
    f->rate.allowed = b[1];
    f->result = kv_getd(b + 2);
    if (f->op == KV_OP_RATE) {
        f->rate.remaining = (long) kv_get64(b + 10);
        f->rate.reset_at = kv_get64(b + 18);
    } else {
        f->moved = (size_t) kv_get64(b + 10);
        f->kept = (size_t) kv_get64(b + 18);
    }
    memcpy(tok->buf, b + 26, DB_TXN_TOKEN_SIZE);
    if (status != KV_OK && status != KV_NOTFOUND)
        snprintf(err, errlen, "%.*s", (int) (n - KV_FWD_ANSWER), (const char *) b + KV_FWD_ANSWER);
    return status;
}

/* Runs a write here, on the master: the ordinary operations (which do
 * not forward in the replicator), the commit token of the last commit in
 * *tok.  A commit that did not get the acknowledgements the policy asks
 * for is reported as not taken (KV_UNAVAIL): it may survive, or be lost
 * in a failover, and the caller must not count on it. */
static int kv_fwd_exec(kv *s, struct kv_fwd *f, DB_TXN_TOKEN *tok, char *err, size_t errlen)
{
    int rc;

    memset(tok, 0, sizeof *tok);
    if (!s->master) {
        snprintf(err, errlen, "this site is not the master (an election is under way)");
        f->unavail = KV_NOT_MASTER;
        return KV_UNAVAIL;
    }
    kv_tok = tok;
    kv_perm_failed = 0;
    switch (f->op) {
    case KV_OP_SET:
        rc = kv_set(s, &f->sc, f->key, f->klen, f->val, f->vlen, f->expires, err, errlen);
        break;
    case KV_OP_DEL:
        rc = kv_del(s, &f->sc, f->key, f->klen, err, errlen);
        break;
    case KV_OP_CLEAR:
        rc = kv_clear(s, &f->sc, err, errlen);
        break;
    case KV_OP_INCR:
        rc = kv_incr(s, &f->sc, f->key, f->klen, f->by, f->expires, &f->result, err, errlen);
        break;
    case KV_OP_RATE:
        rc = kv_rate(s, &f->sc, f->key, f->klen, f->limit, f->expires, &f->rate, err, errlen);
        break;
    case KV_OP_MOVE:
        rc = kv_scope_move(s, &f->sc, &f->sc2, &f->moved, &f->kept, err, errlen);
        break;
    case KV_OP_PURGE:
        rc = kv_purge(s, (size_t) f->limit, &f->moved, err, errlen);
        break;
    case KV_OP_PING: {
        DB_LOG_STAT *ls = NULL;
        rc = KV_OK;
        if (s->env->log_stat(s->env, &ls, 0) == 0) {
            f->moved = ls->st_cur_file;
            f->kept = ls->st_cur_offset;
            free(ls);
        }
        break;
    }
    default:
        snprintf(err, errlen, "an unknown write (%d)", f->op);
        rc = KV_ERR;
        break;
    }
    kv_tok = NULL;
    if ((rc == KV_OK || rc == KV_NOTFOUND) && kv_perm_failed && kv_rc.acks != KV_ACKS_NONE) {
        snprintf(err, errlen, "the write was not acknowledged by enough sites in time");
        f->unavail = KV_NOT_ACKED;
        rc = KV_UNAVAIL;
    } else if (rc != KV_OK && rc != KV_NOTFOUND && !s->master) {
        snprintf(err, errlen, "this site stopped being the master");
        rc = KV_UNAVAIL;
    }
    return rc;
}

/* Asks this copy whether it has applied the commit behind tok, waiting
 * for it until the deadline (ms, monotonic): 0 once applied, DB_KEYEMPTY
 * for an empty token (nothing was committed), else Berkeley DB's last
 * answer.  Its txn_applied (5.3, rep_method.c) answers at once, without
 * waiting, in two cases that are not final: DB_TIMEOUT while this copy
 * is neither client nor master (an election), and DB_NOTFOUND for a token
 * of a generation this copy has not heard of yet when its log already
 * reaches past the token's position (a restarted master whose tail of an
 * older generation is yet to be rolled back).  Both are asked again until
 * the deadline; before, the second ended the wait at once with only
 * "rolled back" logged. */
static int kv_applied(kv *s, const DB_TXN_TOKEN *tok, int64_t deadline)
{
    DB_TXN_TOKEN t = *tok;
    int64_t left;
    int arc;

    for (;;) {
        left = deadline - kv_mono();
        arc = s->env->txn_applied(s->env, &t, (db_timeout_t) (left > 0 ? left * 1000 : 1), 0);
        /* a panicked environment answers nothing more: the next
         * operation restarts it (kv_txn) */
        if (arc == 0 || arc == DB_KEYEMPTY || arc == DB_RUNRECOVERY || s->fatal || left <= 0)
            return arc;
        /* a copy being brought up to date refuses for a moment
         * (DB_REP_LOCKOUT and the like), and the cases above */
        usleep(arc == DB_TIMEOUT || arc == DB_NOTFOUND ? 10000 : 5000);
    }
}

/* Waits until this copy has applied the commit behind tok, the answer to
 * a write of f's kind (read-your-writes), at most until the deadline.
 * Every way this can end without the commit applied here is logged, and
 * the token is kept (s->pend): the process's next reads wait for it a
 * little more, and refuse (KV_BEHIND) rather than miss it
 * (kv_own_writes). */
static void kv_fwd_wait(kv *s, const struct kv_fwd *f, const DB_TXN_TOKEN *tok, int64_t deadline)
{
    int wait = kv_rc.on ? kv_rc.wait_ms : KV_REPL_WAIT;
    int arc = kv_applied(s, tok, deadline);

    if (arc == 0 || arc == DB_KEYEMPTY)
        s->pend_until = 0;      /* a later commit applied: the earlier ones are */
    if (arc == 0)
        return;
    if (arc == DB_KEYEMPTY) {
        /* an empty token: nothing was committed.  Right for a delete of
         * nothing, a clear of an empty scope or a refused rate limit;
         * a set or an incr always writes */
        if (f->op == KV_OP_SET || f->op == KV_OP_INCR)
            log_sys("warning", "kv store %s: the master answered a write with no commit token: "
                    "the next read here may not see it", s->dir);
        return;
    }
    /* the request that wrote has at most its limit left (twice the
     * write's wait, for limits under 10 s): its reads wait for the write
     * until then */
    s->pend = *tok;
    s->pend_until = kv_mono() + 2LL * wait + 1000;
    if (arc == DB_NOTFOUND) {
        log_sys("warning", "kv store %s: a write the master acknowledged was rolled back here, "
                "or this copy had not applied it when the wait ended: reads here wait for it, "
                "then refuse (503)", s->dir);
    } else {
        log_sys("warning", "kv store %s: this copy had not applied a write when the wait "
                "ended (%s): reads here wait for it, then refuse (503)", s->dir, db_strerror(arc));
    }
}

/* Before a read of a process whose last write its copy had not applied
 * when the write returned (kv_fwd_wait): waits for that commit a little
 * more (half a write's wait, so the request that wrote stays within its
 * limit), then refuses (KV_BEHIND, a 503) rather than answer from a copy
 * that lacks the write: a request that wrote then reads never sees a
 * value without its own write.  Once the commit is applied, or the
 * request that wrote is surely over, reads go on as before. */
static int kv_own_writes(kv *s, char *err, size_t errlen)
{
    int64_t now = kv_mono(), until = now + (kv_rc.on ? kv_rc.wait_ms : KV_REPL_WAIT) / 2;
    int arc;

    if (now >= s->pend_until) {
        s->pend_until = 0;
        return KV_OK;
    }
    arc = kv_applied(s, &s->pend, until < s->pend_until ? until : s->pend_until);
    if (arc == 0 || arc == DB_KEYEMPTY) {
        s->pend_until = 0;
        return KV_OK;
    }
    snprintf(err, errlen, "this host's copy has not applied a write this process made moments "
             "ago (it is being brought up to date: %s); a read here would miss it",
             arc == DB_NOTFOUND ? "the write is not in its log yet" : db_strerror(arc));
    return KV_BEHIND;
}

/* A writer's side: the write goes to the replicator, which answers once
 * the master committed it; then this copy waits until it has applied
 * that commit too (up to the same limit), so what the request reads next
 * includes it. */
static int kv_fwd_write(kv *s, struct kv_fwd *f, char *err, size_t errlen)
{
    int64_t deadline = kv_mono() + (kv_rc.on ? kv_rc.wait_ms : KV_REPL_WAIT) + 1000;
    unsigned char *req, *ans = NULL;
    size_t n, an;
    DB_TXN_TOKEN tok;
    int rc;

    if (s->fwd_fd < 0) {
        struct sockaddr_un sa;
        socklen_t sl = kv_repl_sockaddr(s->dir, &sa);

        s->fwd_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (s->fwd_fd >= 0 && connect(s->fwd_fd, (struct sockaddr *) &sa, sl) < 0) {
            close(s->fwd_fd);
            s->fwd_fd = -1;
        }
        if (s->fwd_fd < 0) {
            snprintf(err, errlen, "no replicator runs for %s (the responder with --replicate)",
                     s->dir);
            return KV_UNAVAIL;
        }
    }
    if ((req = kv_fwd_encode(f, &n)) == NULL) {
        snprintf(err, errlen, "out of memory");
        return KV_ERR;
    }
    rc = kv_frame_send(s->fwd_fd, req, n, deadline) < 0 ||
         kv_frame_recv(s->fwd_fd, &ans, &an, deadline) < 0 ? -1 : 0;
    free(req);
    if (rc < 0) {
        /* an answer may still come: this connection is spent */
        close(s->fwd_fd);
        s->fwd_fd = -1;
        snprintf(err, errlen, "no answer from the master in time");
        return KV_UNAVAIL;
    }
    rc = kv_answer_decode(ans, an, f, &tok, err, errlen);
    free(ans);
    if (rc == KV_OK || rc == KV_NOTFOUND)
        kv_fwd_wait(s, f, &tok, deadline);
    return rc;
}

/* --- the replicator --- */

struct kv_conn {
    kv *s;
    int fd;
};

/* A write handed over by a process of this host, sent to the master over
 * a message channel, this site included when it is the master (the
 * channel echoes it to our own dispatch): the write then commits in one
 * of the Replication Manager's threads.  Committed in this thread, it
 * waited ~120 ms for each acknowledgement under quorum (measured, 7.6 ms
 * through the channel).  Only the status's PING is answered here. */
static int kv_repl_one(kv *s, DB_CHANNEL **chan, const unsigned char *req, size_t n,
                       unsigned char **ans, size_t *an, int wait_ms)
{
    char err[512] = "";
    int64_t until = kv_mono() + wait_ms;
    struct kv_fwd f;
    DB_TXN_TOKEN tok;
    DBT msg, resp;
    int rc, tries = 0, pause = KV_RESEND_PAUSE;

    memset(&tok, 0, sizeof tok);
    if (kv_fwd_decode(req, n, &f) < 0) {
        snprintf(err, sizeof err, "a malformed write");
        *ans = kv_answer_encode(KV_ERR, &f, NULL, err, an);
        return 0;
    }
    if (s->master && f.op == KV_OP_PING) {
        rc = kv_fwd_exec(s, &f, &tok, err, sizeof err);
        *ans = kv_answer_encode(rc, &f, &tok, err, an);
        return 0;
    }
    memset(&msg, 0, sizeof msg);
    msg.data = (void *) req;
    msg.size = (u_int32_t) n;
    /* Sent again, the same bytes, until wait_ms is spent, only when it
     * reached no master: none known yet (an election), or the site asked
     * was no longer the master.  Nothing was done then, so nothing can
     * count twice.  Not when the master committed it without its
     * acknowledgements, nor when it did not answer in time: that commit
     * may stand (doc/kv.md, "No master: 503, never a hang", for why
     * write ids to make such a resend safe were tried and left out). */
    for (;;) {
        int64_t left = until - kv_mono();
        int again = 0;

        memset(&resp, 0, sizeof resp);
        resp.flags = DB_DBT_MALLOC;
        /* a channel to whichever site is the master; Berkeley DB makes
         * none while it knows no master (a replica whose master's
         * connection is gone): like a send to no master, nothing was
         * sent, and it is tried again */
        if (*chan == NULL && s->env->repmgr_channel(s->env, DB_EID_MASTER, chan, 0) != 0) {
            *chan = NULL;
            rc = DB_REP_UNAVAIL;
        } else {
            rc = (*chan)->send_request(*chan, &msg, 1, &resp,
                                       (db_timeout_t) (left > 1 ? left : 1) * 1000, 0);
        }
        if (rc == 0 && resp.size >= KV_FWD_ANSWER) {
            const unsigned char *a = resp.data;

            again = a[0] == KV_UNAVAIL + 16 && a[46] == KV_NOT_MASTER && f.op != KV_OP_PING;
            if (!again || kv_mono() + pause >= until) {
                *ans = malloc(resp.size);
                if (*ans)
                    memcpy(*ans, resp.data, resp.size);
                *an = resp.size;
                free(resp.data);
                return *ans ? 0 : -1;
            }
        } else {
            again = rc == DB_REP_UNAVAIL && f.op != KV_OP_PING;
        }
        free(resp.data);
        if (!again || kv_mono() + pause >= until)
            break;
        usleep((useconds_t) pause * 1000);
        if (pause < 400)
            pause *= 2;
        tries++;
    }
    snprintf(err, sizeof err, "%s%s", rc == DB_REP_UNAVAIL ? "there is no master (an election is under way)"
             : rc == DB_TIMEOUT ? "the master did not answer in time"
             : rc == 0 ? "a malformed answer from the master" : db_strerror(rc),
             tries ? " (tried again)" : "");
    if (f.op != KV_OP_PING)
        log_sys("warning", "kv store %s: a write refused: %s", s->dir, err);
    *ans = kv_answer_encode(KV_UNAVAIL, &f, NULL, err, an);
    return 0;
}

/* One local process's connection: its writes, one at a time. */
static void *kv_repl_conn(void *arg)
{
    struct kv_conn *c = arg;
    DB_CHANNEL *chan = NULL;
    unsigned char *req, *ans;
    size_t n, an;

    for (;;) {
        if (kv_frame_recv(c->fd, &req, &n, kv_mono() + 24LL * 3600 * 1000) < 0)
            break;
        ans = NULL;
        if (kv_repl_one(c->s, &chan, req, n, &ans, &an, kv_rc.wait_ms) < 0 || ans == NULL) {
            free(req);
            break;
        }
        free(req);
        if (kv_frame_send(c->fd, ans, an, kv_mono() + kv_rc.wait_ms) < 0) {
            free(ans);
            break;
        }
        free(ans);
    }
    if (chan)
        chan->close(chan, 0);
    close(c->fd);
    free(c);
    return NULL;
}

/* Accepts the local processes' connections, a thread for each. */
static void *kv_repl_accept(void *arg)
{
    kv *s = arg;
    int lfd = s->fwd_fd;

    for (;;) {
        struct ucred cr;
        socklen_t cl = sizeof cr;
        struct kv_conn *c;
        pthread_t t;
        int fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);

        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED || errno == EMFILE || errno == ENFILE) {
                usleep(1000);
                continue;
            }
            break;
        }
        /* the abstract namespace has no file modes: only our own user */
        if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &cl) < 0 || cr.uid != getuid() ||
            (c = malloc(sizeof *c)) == NULL) {
            close(fd);
            continue;
        }
        c->s = s;
        c->fd = fd;
        if (pthread_create(&t, NULL, kv_repl_conn, c) != 0) {
            close(fd);
            free(c);
            continue;
        }
        pthread_detach(t);
    }
    return NULL;
}

/* A write sent by another site's replicator over the channel: run it if
 * this site is the master and answer on the same channel. */
static void kv_repl_dispatch(DB_ENV *env, DB_CHANNEL *chan, DBT *req, u_int32_t nreq, u_int32_t flags)
{
    kv *s = env->app_private;
    char err[512] = "";
    struct kv_fwd f;
    DB_TXN_TOKEN tok;
    unsigned char *ans;
    size_t an;
    DBT out;
    int rc;

    memset(&tok, 0, sizeof tok);
    if (nreq != 1 || kv_fwd_decode(req[0].data, req[0].size, &f) < 0) {
        memset(&f, 0, sizeof f);
        snprintf(err, sizeof err, "a malformed write");
        rc = KV_ERR;
    } else {
        rc = kv_fwd_exec(s, &f, &tok, err, sizeof err);
    }
    if (!(flags & DB_REPMGR_NEED_RESPONSE))
        return;
    if ((ans = kv_answer_encode(rc, &f, &tok, err, &an)) == NULL)
        return;
    memset(&out, 0, sizeof out);
    out.data = ans;
    out.size = (u_int32_t) an;
    chan->send_msg(chan, &out, 1, 0);
    free(ans);
}

/* Sites, ack policy, priority and timeouts, then the Replication Manager
 * with elections.  Every site is named with DB_LEGACY: the group is the
 * one the options list, the same on every host, so no site has to be
 * the group's creator or join through a helper. */
static int kv_repl_start(kv *s, char *err, size_t errlen)
{
    static const int policy[] = { DB_REPMGR_ACKS_QUORUM, DB_REPMGR_ACKS_ALL,
                                  DB_REPMGR_ACKS_ONE, DB_REPMGR_ACKS_NONE };
    DB_ENV *env = s->env;
    DB_SITE *site;
    char host[256];
    unsigned port;
    int i, rc = 0;

    if (kv_repl_addr(kv_rc.self, host, sizeof host, &port) < 0 ||
        (rc = env->repmgr_site(env, host, port, &site, 0)) != 0)
        goto fail;
    site->set_config(site, DB_LOCAL_SITE, 1);
    site->set_config(site, DB_LEGACY, 1);
    site->close(site);
    for (i = 0; i < kv_rc.npeers; i++) {
        if (kv_repl_addr(kv_rc.peers[i], host, sizeof host, &port) < 0 ||
            (rc = env->repmgr_site(env, host, port, &site, 0)) != 0)
            goto fail;
        site->set_config(site, DB_LEGACY, 1);
        site->close(site);
    }
    env->repmgr_set_ack_policy(env, policy[kv_rc.acks]);
    env->rep_set_priority(env, (u_int32_t) kv_rc.priority);
    /* a site stopped (SIGSTOP keeps its sockets open) is noticed by the
     * missing heartbeats within 2 s, then an election of 1 s */
    env->rep_set_timeout(env, DB_REP_ACK_TIMEOUT, 1000000);
    env->rep_set_timeout(env, DB_REP_HEARTBEAT_SEND, 300000);
    env->rep_set_timeout(env, DB_REP_HEARTBEAT_MONITOR, 1500000);
    env->rep_set_timeout(env, DB_REP_CONNECTION_RETRY, 500000);
    env->rep_set_timeout(env, DB_REP_ELECTION_RETRY, 1000000);
    env->rep_set_timeout(env, DB_REP_ELECTION_TIMEOUT, 1000000);
    /* No pause in the master's checkpoint.  Berkeley DB's default (30 s)
     * sleeps inside txn_checkpoint, after the cache is flushed and
     * before the checkpoint record is logged, counted as an operation in
     * the environment (REPLICATION_WRAP): a change of role waits for
     * every such operation to leave (rep_start's API lockout) and
     * ignores every message meanwhile ("Racing replication msg
     * lockout").  A master that had to step down inside that window, the
     * chores' checkpoint coming every 30 s, took the rest of it: the
     * 20-32 s step-downs of a resumed master (bench/RESULTS-kv.md), and
     * the chores' purge waited as long.  The pause is there to let
     * replicas flush their caches before the record; here writes are
     * DB_TXN_WRITE_NOSYNC and a replica's flush is one small cache. */
    env->rep_set_timeout(env, DB_REP_CHECKPOINT_DELAY, 0);
    env->repmgr_msg_dispatch(env, kv_repl_dispatch, 0);
    rc = env->repmgr_start(env, KV_REPL_THREADS, DB_REP_ELECTION);
    if (rc != 0 && rc != DB_REP_IGNORE)
        goto fail;
    return KV_OK;
fail:
    snprintf(err, errlen, "starting replication as %s: %s%s%s", kv_rc.self,
             rc ? db_strerror(rc) : "bad address", s->dberr[0] ? ": " : "", s->dberr);
    return KV_ERR;
}

/* TCP_NODELAY on the Replication Manager's connections (every TCP socket
 * of this process is one of them).  Berkeley DB 5.3 leaves Nagle's
 * algorithm on, and a commit waiting for a replica's small
 * acknowledgement met the peer's delayed ACK: measured 138 ms per kv.incr
 * on the master under quorum, 7.5 ms with acks none.  Looked at with the
 * status, four times a second, for the connections made since. */
static void kv_repl_nodelay(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    int one = 1;

    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        struct sockaddr_storage ss;
        socklen_t sl = sizeof ss;
        int fd = atoi(e->d_name), type = 0;
        socklen_t tl = sizeof type;

        if (fd <= 2 || fd == dirfd(d) ||
            getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tl) < 0 || type != SOCK_STREAM ||
            getsockname(fd, (struct sockaddr *) &ss, &sl) < 0 ||
            (ss.ss_family != AF_INET && ss.ss_family != AF_INET6))
            continue;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    closedir(d);
}

/* The master's current log position (PING), for the lag. */
static int kv_repl_master_lsn(kv *s, DB_CHANNEL **chan, unsigned *file, unsigned *off)
{
    struct kv_fwd f;
    unsigned char *req, *ans = NULL;
    size_t n, an;
    DB_TXN_TOKEN tok;
    char err[256];

    memset(&f, 0, sizeof f);
    f.op = KV_OP_PING;
    if ((req = kv_fwd_encode(&f, &n)) == NULL)
        return -1;
    /* briefly: the status must not wait for a master that is gone */
    if (kv_repl_one(s, chan, req, n, &ans, &an, 250) < 0 || ans == NULL ||
        kv_answer_decode(ans, an, &f, &tok, err, sizeof err) != KV_OK) {
        free(req);
        free(ans);
        return -1;
    }
    free(req);
    free(ans);
    *file = (unsigned) f.moved;
    *off = (unsigned) f.kept;
    return 0;
}

#define KV_LAG_SAMPLES 240        /* the master's log position, 0.25 s apart: 60 s */

/* The master's log position as the status saw it over the last minute,
 * oldest first: what turns a lag in bytes of log into one in time. */
static struct {
    int64_t at[KV_LAG_SAMPLES];     /* ms, monotonic */
    unsigned file[KV_LAG_SAMPLES], off[KV_LAG_SAMPLES];
    int n;
    char master[300];               /* whose positions they are */
} kv_lag;

static int kv_lsn_cmp(unsigned f1, unsigned o1, unsigned f2, unsigned o2)
{
    return f1 != f2 ? (f1 < f2 ? -1 : 1) : o1 != o2 ? (o1 < o2 ? -1 : 1) : 0;
}

/* Records the master's position (file, off) now and returns how long ago
 * the master had first written log past this copy's end (f, o): the age
 * of the oldest write this copy has not, to the status's 0.25 s (0 when
 * it has everything; at least a minute when it is that far behind).  A
 * replica's log positions are the master's, so they compare. */
static long long kv_lag_ms(const char *master, unsigned mf, unsigned mo, unsigned f, unsigned o)
{
    int64_t now = kv_mono();
    int i;

    if (strcmp(master, kv_lag.master) != 0) {
        kv_lag.n = 0;
        snprintf(kv_lag.master, sizeof kv_lag.master, "%s", master);
    }
    if (kv_lag.n == KV_LAG_SAMPLES) {
        memmove(kv_lag.at, kv_lag.at + 1, sizeof kv_lag.at - sizeof kv_lag.at[0]);
        memmove(kv_lag.file, kv_lag.file + 1, sizeof kv_lag.file - sizeof kv_lag.file[0]);
        memmove(kv_lag.off, kv_lag.off + 1, sizeof kv_lag.off - sizeof kv_lag.off[0]);
        kv_lag.n--;
    }
    kv_lag.at[kv_lag.n] = now;
    kv_lag.file[kv_lag.n] = mf;
    kv_lag.off[kv_lag.n] = mo;
    kv_lag.n++;
    if (kv_lsn_cmp(f, o, mf, mo) >= 0)
        return 0;
    for (i = 0; i < kv_lag.n; i++)
        if (kv_lsn_cmp(kv_lag.file[i], kv_lag.off[i], f, o) > 0)
            break;
    return (long long) (now - kv_lag.at[i < kv_lag.n ? i : kv_lag.n - 1]);
}

/* Rewrites dir/replication.json: role, master, peers, lag. */
static void kv_repl_write_status(kv *s, DB_CHANNEL **chan)
{
    char path[PATH_MAX + 32], tmp[PATH_MAX + 48], master[300] = "";
    DB_REP_STAT *rs = NULL;
    DB_REPMGR_SITE *list = NULL;
    DB_LOG_STAT *ls = NULL;
    unsigned count = 0, i, mf = 0, mo = 0;
    long long lag = -1, lag_ms = -1;
    FILE *fp;

    if (s->env->rep_stat(s->env, &rs, 0) != 0)
        return;
    s->env->repmgr_site_list(s->env, &count, &list);
    /* a master this site has no connection to is none it can reach:
     * Berkeley DB keeps naming the last one (st_master) until an
     * election succeeds, which without a majority never comes */
    for (i = 0; i < count; i++)
        if ((db_ssize_t) list[i].eid == rs->st_master && list[i].status == DB_REPMGR_CONNECTED)
            snprintf(master, sizeof master, "%s:%u", list[i].host, list[i].port);
    if (rs->st_master == rs->st_env_id && s->master)
        snprintf(master, sizeof master, "%s", kv_rc.self);
    if (s->master) {
        lag = lag_ms = 0;
    } else if (master[0] && kv_repl_master_lsn(s, chan, &mf, &mo) == 0 &&
               s->env->log_stat(s->env, &ls, 0) == 0) {
        /* bytes of log the master has written that this copy has not */
        lag = ((long long) mf - ls->st_cur_file) * ls->st_lg_size + (long long) mo - ls->st_cur_offset;
        if (lag < 0)
            lag = 0;
        lag_ms = kv_lag_ms(master, mf, mo, ls->st_cur_file, ls->st_cur_offset);
    }
    free(ls);
    snprintf(path, sizeof path, "%s/" KV_REPL_STATUS, s->dir);
    snprintf(tmp, sizeof tmp, "%s/.%s.%d", s->dir, KV_REPL_STATUS, (int) getpid());
    if ((fp = fopen(tmp, "w")) != NULL) {
        fprintf(fp, "{\"site\":\"%s\",\"role\":\"%s\",\"master\":%s%s%s,\"acks\":\"%s\","
                "\"priority\":%d,\"lagBytes\":", kv_rc.self,
                s->master ? "master" : master[0] ? "replica" : "no master",
                master[0] ? "\"" : "", master[0] ? master : "null", master[0] ? "\"" : "",
                (const char *[]) { "quorum", "all", "one", "none" }[kv_rc.acks], kv_rc.priority);
        if (lag >= 0)
            fprintf(fp, "%lld,\"lagMs\":%lld", lag, lag_ms);
        else
            fputs("null,\"lagMs\":null", fp);
        fprintf(fp, ",\"updated\":%lld,\"pid\":%d,\"peers\":[", (long long) kv_now(), (int) getpid());
        for (i = 0; i < count; i++)
            fprintf(fp, "%s{\"site\":\"%s:%u\",\"connected\":%s}", i ? "," : "", list[i].host,
                    list[i].port, list[i].status == DB_REPMGR_CONNECTED ? "true" : "false");
        fputs("]}\n", fp);
        if (fclose(fp) == 0)
            rename(tmp, path);
        else
            unlink(tmp);
    }
    free(list);
    free(rs);
}

/* The replicator's housekeeping, once a second in a thread of its own
 * (the purge and the checkpoint commit, which on the master may wait for
 * acknowledgements; the status must not wait with them): the databases
 * opened (created) once this site is master, expired records purged and
 * a checkpoint taken there. */
static void *kv_repl_chores(void *arg)
{
    kv *s = arg;
    char err[600];

    for (;;) {
        sleep(1);
        if (!s->master || s->fatal || s->dead_handles)
            continue;
        if (s->db == NULL && kv_ready(s, err, sizeof err) != KV_OK)
            continue;
        if (kv_maintain(s, 500, err, sizeof err) != KV_OK)
            log_sys("error", "kv maintenance: %s", err);
    }
    return NULL;
}

int kv_repl_serve(const char *dir, volatile int *stop)
{
    struct sockaddr_un sa;
    socklen_t sl;
    char err[600];
    DB_CHANNEL *chan = NULL;
    pthread_t t;
    int lfd, status = 0;
    kv *s;

    if (!kv_rc.on) {
        log_sys("error", "kv store %s: the replicator has no --replicate address", dir);
        return 1;
    }
    kv_in_replicator = 1;
    /* The replication state lives in the environment's shared regions: a
     * replicator that died (killed with its host's responder, say) leaves
     * them saying what it was, a master perhaps, and a successor joining
     * them would start from that (measured: Berkeley DB restarted the dead
     * one's Replication Manager inside the successor, beside its own, and
     * the two deadlocked).  Berkeley DB wants recovery after the
     * replication process fails, and failchk does not give it (it only
     * releases what the dead held); so the replicator's first open asks
     * for recovery (a registry slot nobody holds) and opens without
     * DB_FAILCHK, which makes DB_REGISTER recover, stopping this host's
     * other processes still inside (the supervisor replaces them). */
    kv_request_recovery(dir);
    kv_recover_next = 1;
    s = kv_open(dir, err, sizeof err);
    kv_recover_next = 0;
    if (s == NULL) {
        log_sys("error", "kv store %s: replicator: %s", dir, err);
        return 1;
    }
    if (kv_repl_start(s, err, sizeof err) != KV_OK) {
        log_sys("error", "kv store %s: %s", dir, err);
        kv_close(s);
        return 1;
    }
    sl = kv_repl_sockaddr(dir, &sa);
    lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (lfd < 0 || bind(lfd, (struct sockaddr *) &sa, sl) < 0 || listen(lfd, 128) < 0) {
        log_sys("error", "kv store %s: the replicator's socket: %s (is another running?)", dir,
                strerror(errno));
        if (lfd >= 0)
            close(lfd);
        kv_close(s);
        return 1;
    }
    s->fwd_fd = lfd;
    if (pthread_create(&t, NULL, kv_repl_accept, s) != 0) {
        log_sys("error", "kv store %s: the replicator's thread: %s", dir, strerror(errno));
        kv_close(s);
        return 1;
    }
    pthread_detach(t);
    if (pthread_create(&t, NULL, kv_repl_chores, s) == 0)
        pthread_detach(t);
    log_sys("notice", "kv store %s: replicator %d runs site %s with %d peers, acks %s, priority %d",
            dir, (int) getpid(), kv_rc.self, kv_rc.npeers,
            (const char *[]) { "quorum", "all", "one", "none" }[kv_rc.acks], kv_rc.priority);
    kv_repl_write_status(s, &chan);
    while (!*stop) {
        usleep(250000);
        if (s->fatal || s->dead_handles) {
            log_sys("warning", "kv store %s: the replicator restarts (%s)", dir,
                    s->fatal ? "the store needs recovery" : "its copy was rolled back");
            status = 1;
            break;
        }
        kv_repl_write_status(s, &chan);
        kv_repl_nodelay();
    }
    /* leaving: the status stays as the mark that the store is replicated.
     * Closing the environment stops the Replication Manager cleanly (the
     * other sites see the connection close, not a silence); the handle
     * itself is not freed, as a connection's thread may still hold it
     * until the process ends. */
    close(lfd);
    s->master = 0;
    if (chan)
        chan->close(chan, 0);
    if (status == 0)
        kv_shut(s);
    return status;
}

int kv_repl_status(const char *dir, char *buf, size_t len, char *err, size_t errlen)
{
    char path[PATH_MAX + 32];
    FILE *fp;
    size_t n;

    snprintf(path, sizeof path, "%s/" KV_REPL_STATUS, dir);
    if ((fp = fopen(path, "r")) == NULL) {
        if (errno == ENOENT)
            return KV_NOTFOUND;
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return KV_ERR;
    }
    n = fread(buf, 1, len - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
        buf[--n] = '\0';
    return KV_OK;
}
