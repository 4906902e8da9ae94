/* scoreboard.c - the shared per-worker table (see scoreboard.h).
 *
 * One anonymous MAP_SHARED mapping made by the supervisor before it forks,
 * so every child inherits the same pages; nothing in it is a pointer.  The
 * fields a reader decides on (state, busy_since) are written and read with
 * atomic operations; the strings are informational and a reader may see
 * one half-written, which costs at worst a garbled path on a status page.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "common/log.h"
#include "common/now.h"
#include "server/scoreboard.h"

typedef struct {
    int n;
    unsigned long kills;        /* workers killed for running over */
    long long started_ms;       /* when the supervisor created the board */
    sb_slot slots[];
} sb_board;

/* --- the counters file (sb_stats_open) ---
 *
 * One fixed-size file, DATA/invoke-stats, mapped MAP_SHARED by every
 * process that uses the folder; nothing in it is a pointer, and a header
 * (magic, version, the sizes of its records) refuses a file of another
 * build, which is then replaced.  It is made complete under a temporary
 * name and only then linked into place (link() fails when another process
 * was first: that one's file is used), so no process ever maps a half-made
 * one.
 *
 * Functions: an open-addressing table of SB_FUNCS records keyed by a
 * 64-bit FNV-1a hash of "site\nrel"; a record is claimed by a
 * compare-and-swap of its hash from 0, and never freed, so a reader and
 * any number of writers agree on where a function lives without a lock.
 * When all SB_FUNCS are taken, a request of a function not in the table
 * is not counted, only added to `dropped` (shown on the functions page).
 * Latency: SB_SUB buckets per power of two of microseconds (exact up to
 * 15 us, then each bucket 1/8 of its octave wide), so a percentile read
 * from it is the bucket's middle, within 1/16 (6.25 %) of the true value.
 *
 * Processes: SB_PROCS slots, used by processes no supervisor watches
 * (a supervised pool has its own board, above).  A process takes one at
 * its start under flock() (start-up only: requests take no lock); a slot
 * whose pid is gone (kill(pid, 0) says ESRCH) is taken again, and readers
 * free such slots as they find them. */

#define SB_MAGIC 0x53564e49u    /* "INVS" */
#define SB_VERSION 1
#define SB_FUNCS 1024
#define SB_PROCS 256
#define SB_SUB 8
#define SB_BUCKETS (30 * SB_SUB)    /* up to 2^32 us (71 min); above: the last */
#define SB_KEY_MAX 120

typedef struct {
    unsigned long long hash;    /* 0: free; claimed with a CAS */
    unsigned long long requests, errors5xx;
    unsigned int hist[SB_BUCKETS];
    char key[SB_KEY_MAX];       /* site and file, for a person reading it */
} sb_func;

typedef struct {
    unsigned int magic, version, func_size, slot_size, nfuncs, nprocs;
    int mode;                   /* SB_STATS_* of the process that started it */
    long long created_ms;       /* wall clock: when the counts began */
    unsigned long long dropped; /* requests not counted: the table was full */
    sb_slot procs[SB_PROCS];
    sb_func funcs[SB_FUNCS];
} sb_file;

static sb_file *sb_fl;          /* NULL: no counters */
static sb_slot *sb_mine;        /* this process's slot in sb_fl->procs, or NULL */

static sb_board *sb;            /* NULL: no supervisor */
static sb_slot sb_local;        /* this process's slot when there is none */
static sb_slot *sb_me = &sb_local;

#define LOAD(p) __atomic_load_n(&(p), __ATOMIC_ACQUIRE)
#define STORE(p, v) __atomic_store_n(&(p), (v), __ATOMIC_RELEASE)

static long long sb_wall_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int sb_create(int n)
{
    size_t len = sizeof(sb_board) + (size_t)n * sizeof(sb_slot);
    void *p;

    if (n <= 0) {
        errno = EINVAL;
        return -1;
    }
    p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return -1;
    sb = p;                     /* mmap'd pages are zero: every slot free */
    sb->n = n;
    sb->started_ms = sb_wall_ms();
    return 0;
}

int sb_free_slot(void)
{
    int i;

    for (i = 0; sb != NULL && i < sb->n; i++)
        if (LOAD(sb->slots[i].pid) == 0)
            return i;
    return -1;
}

void sb_assign(int slot, pid_t pid)
{
    sb_slot *s;

    if (sb == NULL || slot < 0 || slot >= sb->n)
        return;
    s = &sb->slots[slot];
    if (LOAD(s->pid) != pid) {      /* the child may have been first */
        memset(s, 0, sizeof *s);
        s->started_ms = sb_wall_ms();
        STORE(s->state, SB_STARTING);
        STORE(s->pid, pid);
    }
}

void sb_release(int slot)
{
    if (sb == NULL || slot < 0 || slot >= sb->n)
        return;
    STORE(sb->slots[slot].busy_since, 0LL);
    STORE(sb->slots[slot].state, SB_FREE);
    STORE(sb->slots[slot].pid, 0);
}

long long sb_busy_since(int slot, char *id, size_t idlen, char *path, size_t pathlen)
{
    sb_slot *s;
    long long t;

    if (sb == NULL || slot < 0 || slot >= sb->n)
        return 0;
    s = &sb->slots[slot];
    t = LOAD(s->busy_since);
    snprintf(id, idlen, "%.*s", SB_ID_MAX - 1, s->id);
    snprintf(path, pathlen, "%.*s", SB_PATH_MAX - 1, s->path);
    return t;
}

void sb_count_kill(void)
{
    if (sb != NULL)
        __atomic_add_fetch(&sb->kills, 1, __ATOMIC_RELAXED);
}

void sb_attach(int slot)
{
    sb_slot *s;

    if (sb == NULL || slot < 0 || slot >= sb->n)
        return;
    s = &sb->slots[slot];
    if (LOAD(s->pid) != getpid()) {
        memset(s, 0, sizeof *s);
        s->started_ms = sb_wall_ms();
        STORE(s->pid, getpid());
    }
    sb_me = s;
    STORE(s->state, SB_STARTING);
}

int sb_supervised(void)
{
    return sb != NULL && sb_me != &sb_local;
}

void sb_set_state(int state)
{
    if (sb_me == &sb_local && sb_local.started_ms == 0) {
        sb_local.started_ms = sb_wall_ms();
        sb_local.pid = getpid();
    }
    STORE(sb_me->state, state);
}

/* Copies a string into a slot field, cut at the field's size. */
static void sb_copy(char *dst, size_t cap, const char *src)
{
    size_t n = src != NULL ? strlen(src) : 0;

    if (n >= cap)
        n = cap - 1;
    if (n > 0)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

void sb_busy(const char *id, const char *path)
{
    sb_copy(sb_me->id, sizeof sb_me->id, id);
    sb_copy(sb_me->path, sizeof sb_me->path, path);
    STORE(sb_me->busy_since, (long long)now_ms());
    STORE(sb_me->state, SB_BUSY);
}

void sb_idle(int status, int slow)
{
    STORE(sb_me->busy_since, 0LL);
    sb_me->requests++;
    if (slow)
        sb_me->slow++;
    if (status >= 500)
        sb_me->status_5xx++;
    STORE(sb_me->state, SB_IDLE);
}

/* --- the counters file --- */

static void sb_file_init(sb_file *f, int mode)
{
    memset(f, 0, sizeof *f);
    f->magic = SB_MAGIC;
    f->version = SB_VERSION;
    f->func_size = sizeof(sb_func);
    f->slot_size = sizeof(sb_slot);
    f->nfuncs = SB_FUNCS;
    f->nprocs = SB_PROCS;
    f->mode = mode;
    f->created_ms = sb_wall_ms();
}

static int sb_file_valid(const sb_file *f)
{
    return f->magic == SB_MAGIC && f->version == SB_VERSION && f->func_size == sizeof(sb_func) &&
           f->slot_size == sizeof(sb_slot) && f->nfuncs == SB_FUNCS && f->nprocs == SB_PROCS;
}

/* A complete new file under a temporary name: its path in tmp, 0 or -1. */
static int sb_file_make(const char *path, char *tmp, size_t tmplen, int mode)
{
    void *p;
    int fd;

    if (snprintf(tmp, tmplen, "%s.%d.tmp", path, (int)getpid()) >= (int)tmplen) {
        errno = ENAMETOOLONG;
        return -1;
    }
    fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    if (ftruncate(fd, (off_t)sizeof(sb_file)) < 0 ||
        (p = mmap(NULL, sizeof(sb_file), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)) == MAP_FAILED) {
        int e = errno;
        close(fd);
        unlink(tmp);
        errno = e;
        return -1;
    }
    sb_file_init(p, mode);
    munmap(p, sizeof(sb_file));
    close(fd);
    return 0;
}

/* When process pid started, in clock ticks since boot (/proc/PID/stat's
 * 22nd field), or 0 when it cannot be read. */
static unsigned long long sb_birth(pid_t pid)
{
    char path[64], buf[1024], *p;
    unsigned long long t = 0;
    int field;
    FILE *f;
    size_t n;

    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    if ((f = fopen(path, "re")) == NULL)
        return 0;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* the command name, in parentheses, may hold spaces: count from
     * after its last ')', which is field 2 */
    if ((p = strrchr(buf, ')')) == NULL)
        return 0;
    for (field = 2; field < 22 && p != NULL; field++)
        p = strchr(p + 1, ' ');
    if (p != NULL)
        t = strtoull(p + 1, NULL, 10);
    return t;
}

/* Whether the process of slot s is gone: no such pid (another user's
 * process is alive), or the pid now names a process started later. */
static int sb_dead(const sb_slot *s, pid_t pid)
{
    unsigned long long b, now;

    if (pid <= 0)
        return 0;
    if (kill(pid, 0) < 0 && errno == ESRCH)
        return 1;
    if ((b = LOAD(s->birth)) == 0)
        return 0;
    now = sb_birth(pid);
    return now != 0 && now != b;
}

/* Takes a free (or dead) slot of the process table for this process. */
static void sb_take_slot(void)
{
    pid_t me = getpid();
    int i;

    for (i = 0; i < SB_PROCS; i++) {
        sb_slot *s = &sb_fl->procs[i];
        pid_t cur = LOAD(s->pid);

        if ((cur == 0 || sb_dead(s, cur)) &&
            __atomic_compare_exchange_n(&s->pid, &cur, me, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
            STORE(s->birth, sb_birth(me));
            STORE(s->busy_since, 0LL);
            s->requests = s->slow = s->status_5xx = 0;
            s->id[0] = s->path[0] = '\0';
            s->started_ms = sb_wall_ms();
            STORE(s->state, SB_STARTING);
            sb_mine = sb_me = s;
            return;
        }
    }
    log_sys("warn", "%d processes share the counters file: process %d is not on the status "
            "page", SB_PROCS, (int)me);
}

/* Under the file's lock: starts the counts again when no process of the
 * table is alive (mod_fcgid's first process of the site). */
static void sb_maybe_reset(int mode)
{
    int i;

    for (i = 0; i < SB_PROCS; i++) {
        pid_t pid = LOAD(sb_fl->procs[i].pid);

        if (pid != 0 && pid != getpid() && !sb_dead(&sb_fl->procs[i], pid))
            return;
    }
    memset(sb_fl->funcs, 0, sizeof sb_fl->funcs);
    memset(sb_fl->procs, 0, sizeof sb_fl->procs);
    STORE(sb_fl->dropped, 0ULL);
    sb_fl->mode = mode;
    STORE(sb_fl->created_ms, sb_wall_ms());
}

int sb_stats_open(const char *data, int mode)
{
    char path[4096], tmp[4200];
    int attempt, fd = -1;
    void *p = MAP_FAILED;
    struct stat st;

    if (sb_fl != NULL)
        return 0;
    if (data == NULL || *data == '\0') {
        if (mode != SB_STATS_FRESH)
            return -1;          /* nothing to share without a file */
        p = mmap(NULL, sizeof(sb_file), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            log_sys("error", "counters: %s", strerror(errno));
            return -1;
        }
        sb_fl = p;
        sb_file_init(sb_fl, mode);
        return 0;
    }
    if (snprintf(path, sizeof path, "%s/invoke-stats", data) >= (int)sizeof path)
        return -1;
    /* the store makes the folder too, but later (each worker's engine) */
    if (mkdir(data, 0700) < 0 && errno != EEXIST) {
        log_sys("error", "counters file %s: %s", path, strerror(errno));
        return -1;
    }
    if (mode == SB_STATS_FRESH) {
        /* a pool's start: counts from 0, in a file of its own (a process
         * still writing to the old one writes to an unlinked file) */
        if (sb_file_make(path, tmp, sizeof tmp, mode) < 0 || rename(tmp, path) < 0) {
            log_sys("error", "counters file %s: %s", path, strerror(errno));
            unlink(tmp);
            return -1;
        }
    }
    for (attempt = 0; attempt < 3 && p == MAP_FAILED; attempt++) {
        fd = open(path, O_RDWR | O_CLOEXEC);
        if (fd < 0 && errno == ENOENT) {
            /* the first process: make it whole, then link it into place;
             * EEXIST means another was first, and its file is the one */
            if (sb_file_make(path, tmp, sizeof tmp, mode) < 0)
                break;
            if (link(tmp, path) < 0 && errno != EEXIST) {
                unlink(tmp);
                break;
            }
            unlink(tmp);
            continue;
        }
        if (fd < 0)
            break;
        if (fstat(fd, &st) == 0 && st.st_size == (off_t)sizeof(sb_file))
            p = mmap(NULL, sizeof(sb_file), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (p != MAP_FAILED && !sb_file_valid(p)) {
            munmap(p, sizeof(sb_file));
            p = MAP_FAILED;
        }
        if (p == MAP_FAILED) {
            /* another build's file (or a broken one): replace it */
            close(fd);
            fd = -1;
            if (sb_file_make(path, tmp, sizeof tmp, mode) < 0 || rename(tmp, path) < 0) {
                unlink(tmp);
                break;
            }
        }
    }
    if (p == MAP_FAILED) {
        log_sys("error", "counters file %s: %s", path, errno ? strerror(errno) : "unusable");
        if (fd >= 0)
            close(fd);
        return -1;
    }
    sb_fl = p;
    if (mode != SB_STATS_FRESH) {
        /* start-up only: the reset and the choice of a slot are one step
         * for all the processes starting together */
        while (flock(fd, LOCK_EX) < 0 && errno == EINTR)
            ;
        if (mode == SB_STATS_FCGI)
            sb_maybe_reset(mode);
        sb_take_slot();
        flock(fd, LOCK_UN);
    }
    close(fd);                  /* the mapping stays */
    return 0;
}

void sb_stats_leave(void)
{
    if (sb_mine == NULL)
        return;
    STORE(sb_mine->busy_since, 0LL);
    STORE(sb_mine->state, SB_FREE);
    STORE(sb_mine->pid, 0);
    if (sb_me == sb_mine)
        sb_me = &sb_local;
    sb_mine = NULL;
}

/* FNV-1a, 64 bits, of "site\nrel"; never 0 (0 marks a free record). */
static unsigned long long sb_hash(const char *site, const char *rel)
{
    unsigned long long h = 0xcbf29ce484222325ULL;
    const unsigned char *s;

    for (s = (const unsigned char *)(site ? site : ""); *s; s++)
        h = (h ^ *s) * 0x100000001b3ULL;
    h = (h ^ '\n') * 0x100000001b3ULL;
    for (s = (const unsigned char *)rel; *s; s++)
        h = (h ^ *s) * 0x100000001b3ULL;
    return h ? h : 1;
}

/* The record of hash h: found, or claimed when create; NULL when absent
 * (or the table is full). */
static sb_func *sb_find(unsigned long long h, int create)
{
    unsigned int i = (unsigned int)(h % SB_FUNCS), n;

    for (n = 0; n < SB_FUNCS; n++, i = (i + 1) % SB_FUNCS) {
        unsigned long long cur = LOAD(sb_fl->funcs[i].hash);

        if (cur == h)
            return &sb_fl->funcs[i];
        if (cur == 0) {
            if (!create)
                return NULL;
            if (__atomic_compare_exchange_n(&sb_fl->funcs[i].hash, &cur, h, 0, __ATOMIC_ACQ_REL,
                                            __ATOMIC_ACQUIRE))
                return &sb_fl->funcs[i];
            if (cur == h)       /* another process claimed it for the same */
                return &sb_fl->funcs[i];
        }
    }
    return NULL;
}

static unsigned int sb_bucket(double ms)
{
    unsigned long long us = ms > 0 ? (unsigned long long)(ms * 1000.0) : 0;
    unsigned int msb, b;

    if (us < SB_SUB)
        return (unsigned int)us;
    msb = 63u - (unsigned int)__builtin_clzll(us);
    b = (msb - 2) * SB_SUB + (unsigned int)((us >> (msb - 3)) & (SB_SUB - 1));
    return b < SB_BUCKETS ? b : SB_BUCKETS - 1;
}

/* The middle of bucket b, in ms. */
static double sb_bucket_ms(unsigned int b)
{
    unsigned int msb;
    double low, width;

    if (b < SB_SUB)
        return b / 1000.0;
    msb = b / SB_SUB + 2;
    width = (double)(1ULL << (msb - 3));
    low = (double)(SB_SUB + b % SB_SUB) * width;
    return (width > 1 ? low + width / 2 : low) / 1000.0;   /* up to 15 us: exact */
}

void sb_count(const char *site, const char *rel, int status, double ms)
{
    sb_func *f;
    int created;

    if (sb_fl == NULL || rel == NULL || *rel == '\0')
        return;
    f = sb_find(sb_hash(site, rel), 1);
    if (f == NULL) {
        __atomic_add_fetch(&sb_fl->dropped, 1, __ATOMIC_RELAXED);
        return;
    }
    created = f->key[0] == '\0';
    if (created)        /* informational: a racing writer writes the same */
        snprintf(f->key, sizeof f->key, "%s\n%s", site ? site : "", rel);
    __atomic_add_fetch(&f->requests, 1, __ATOMIC_RELAXED);
    if (status >= 500)
        __atomic_add_fetch(&f->errors5xx, 1, __ATOMIC_RELAXED);
    __atomic_add_fetch(&f->hist[sb_bucket(ms)], 1, __ATOMIC_RELAXED);
}

/* The nearest-rank percentile pct (0-100) of a histogram of n. */
static double sb_percentile(const unsigned int *hist, unsigned long long n, int pct)
{
    unsigned long long rank = (n * (unsigned long long)pct + 99) / 100, seen = 0;
    unsigned int b;

    if (rank == 0)
        rank = 1;
    for (b = 0; b < SB_BUCKETS; b++) {
        seen += hist[b];
        if (seen >= rank)
            return sb_bucket_ms(b);
    }
    return 0;
}

int sb_func_stats(const char *site, const char *rel, sb_fstats *out)
{
    unsigned int hist[SB_BUCKETS], b;
    unsigned long long n = 0;
    sb_func *f;

    memset(out, 0, sizeof *out);
    if (sb_fl == NULL)
        return -1;
    if (rel == NULL || (f = sb_find(sb_hash(site, rel), 0)) == NULL)
        return 0;
    out->requests = __atomic_load_n(&f->requests, __ATOMIC_RELAXED);
    out->errors5xx = __atomic_load_n(&f->errors5xx, __ATOMIC_RELAXED);
    /* a copy: writers go on adding while it is read */
    for (b = 0; b < SB_BUCKETS; b++)
        n += hist[b] = __atomic_load_n(&f->hist[b], __ATOMIC_RELAXED);
    if (n > 0) {
        out->p50 = sb_percentile(hist, n, 50);
        out->p99 = sb_percentile(hist, n, 99);
    }
    return 1;
}

int sb_stats_info(long long *since_ms, unsigned long long *dropped, int *mode)
{
    if (sb_fl == NULL)
        return -1;
    *since_ms = LOAD(sb_fl->created_ms);
    *dropped = LOAD(sb_fl->dropped);
    *mode = sb_fl->mode;
    return 0;
}

/* --- the status page --- */

typedef struct {
    char *buf;
    size_t len, cap;
    int failed;
} sb_out;

static void sb_printf(sb_out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void sb_printf(sb_out *o, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (o->failed)
        return;
    for (;;) {
        va_start(ap, fmt);
        n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
        va_end(ap);
        if (n < 0) {
            o->failed = 1;
            return;
        }
        if ((size_t)n < o->cap - o->len) {
            o->len += (size_t)n;
            return;
        }
        {
            size_t ncap = (o->cap + (size_t)n) * 2;
            char *nb = realloc(o->buf, ncap);
            if (nb == NULL) {
                o->failed = 1;
                return;
            }
            o->buf = nb;
            o->cap = ncap;
        }
    }
}

/* A string as JSON: the path and id are the client's bytes. */
static void sb_json_str(sb_out *o, const char *s)
{
    sb_printf(o, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            sb_printf(o, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f)
            sb_printf(o, "\\u%04x", c);
        else
            sb_printf(o, "%c", c);
    }
    sb_printf(o, "\"");
}

static const char *sb_state_name(int st)
{
    switch (st) {
    case SB_STARTING: return "starting";
    case SB_IDLE:     return "idle";
    case SB_BUSY:     return "busy";
    case SB_STOPPING: return "stopping";
    default:          return "free";
    }
}

/* Strings of a slot, made printable for the text page. */
static void sb_clean(char *dst, size_t cap, const char *src)
{
    size_t i;

    for (i = 0; i + 1 < cap && src[i]; i++)
        dst[i] = (unsigned char)src[i] < 0x21 || (unsigned char)src[i] >= 0x7f ? '?' : src[i];
    dst[i] = '\0';
}

char *sb_report(int json, pid_t master)
{
    /* a pool's board; else every live process of the counters file;
     * else this process alone */
    sb_slot *slots = sb != NULL ? sb->slots : sb_mine != NULL ? sb_fl->procs : &sb_local;
    int i, n = sb != NULL ? sb->n : sb_mine != NULL ? SB_PROCS : 1, busy = 0, idle = 0, first = 1;
    long long now = (long long)now_ms(), wall = sb_wall_ms();
    unsigned long total = 0, kills = sb != NULL ? LOAD(sb->kills) : 0;
    sb_out o = { NULL, 0, 0, 0 };

    for (i = 0; i < n; i++) {
        int st = LOAD(slots[i].state);
        pid_t pid = LOAD(slots[i].pid);

        if (pid == 0)
            continue;
        /* a process of the file killed without leaving (SIGKILL, a
         * crash): its slot is free again */
        if (sb == NULL && sb_dead(&slots[i], pid)) {
            /* freed only when the pid is gone: a reused pid's slot may be
             * one being taken right now (its birth not yet written), so
             * it is only left out here, and taken again under the lock */
            if (kill(pid, 0) < 0 && errno == ESRCH)
                __atomic_compare_exchange_n(&slots[i].pid, &pid, 0, 0, __ATOMIC_ACQ_REL,
                                            __ATOMIC_ACQUIRE);
            continue;
        }
        busy += st == SB_BUSY;
        idle += st == SB_IDLE;
        total += slots[i].requests;
    }
    if (json)
        sb_printf(&o, "{\"pid\":%d,\"supervised\":%s,\"shared\":%s,\"busy\":%d,"
                  "\"idle\":%d,\"requests\":%lu,\"killed\":%lu,\"workers\":[", (int)master,
                  sb != NULL ? "true" : "false", sb == NULL && sb_mine != NULL ? "true" : "false",
                  busy, idle, total, kills);
    else
        sb_printf(&o, "pid: %d\nbusy workers: %d\nidle workers: %d\n"
                  "requests: %lu\nkilled for running over: %lu\n\n"
                  "%-8s %-9s %10s %8s %6s %6s %10s  %s\n", (int)master, busy, idle,
                  total, kills, "PID", "STATE", "REQUESTS", "SLOW", "5XX", "AGE_S",
                  "BUSY_MS", "REQUEST");
    for (i = 0; i < n; i++) {
        sb_slot *s = &slots[i];
        pid_t pid = LOAD(s->pid);
        int st = LOAD(s->state);
        long long since = LOAD(s->busy_since);
        long long busy_ms = since > 0 ? now - since : 0;
        long long age = (wall - s->started_ms) / 1000;
        char id[SB_ID_MAX], path[SB_PATH_MAX];

        if (pid == 0 || (sb == NULL && sb_dead(s, pid)))
            continue;
        sb_clean(id, sizeof id, s->id);
        sb_clean(path, sizeof path, s->path);
        if (json) {
            sb_printf(&o, "%s{\"pid\":%d,\"state\":\"%s\",\"requests\":%lu,\"slow\":%lu,"
                      "\"errors5xx\":%lu,\"age_s\":%lld,\"busy_ms\":%lld,\"request\":",
                      first ? "" : ",", (int)pid, sb_state_name(st), s->requests, s->slow,
                      s->status_5xx, age, busy_ms);
            sb_json_str(&o, s->id);
            sb_printf(&o, ",\"path\":");
            sb_json_str(&o, s->path);
            sb_printf(&o, "}");
        } else {
            sb_printf(&o, "%-8d %-9s %10lu %8lu %6lu %6lld %10lld  %s %s\n", (int)pid,
                      sb_state_name(st), s->requests, s->slow, s->status_5xx, age,
                      busy_ms, *id ? id : "-", *path ? path : "-");
        }
        first = 0;
    }
    if (json)
        sb_printf(&o, "]}\n");
    if (o.failed) {
        free(o.buf);
        return NULL;
    }
    return o.buf;
}
