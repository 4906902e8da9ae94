/* scoreboard.c - the shared per-worker table (see scoreboard.h).
 *
 * One anonymous MAP_SHARED mapping made by the supervisor before it forks,
 * so every child inherits the same pages; nothing in it is a pointer.  The
 * fields a reader decides on (state, busy_since) are written and read with
 * atomic operations; the strings are informational and a reader may see
 * one half-written, which costs at worst a garbled path on a status page.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>

#include "common/now.h"
#include "server/scoreboard.h"

typedef struct {
    int n;
    unsigned long kills;        /* workers killed for running over */
    long long started_ms;       /* when the supervisor created the board */
    sb_slot slots[];
} sb_board;

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
    sb_slot *slots = sb != NULL ? sb->slots : &sb_local;
    int i, n = sb != NULL ? sb->n : 1, busy = 0, idle = 0, first = 1;
    long long now = (long long)now_ms(), wall = sb_wall_ms();
    unsigned long total = 0, kills = sb != NULL ? LOAD(sb->kills) : 0;
    sb_out o = { NULL, 0, 0, 0 };

    for (i = 0; i < n; i++) {
        int st = LOAD(slots[i].state);
        if (LOAD(slots[i].pid) == 0)
            continue;
        busy += st == SB_BUSY;
        idle += st == SB_IDLE;
        total += slots[i].requests;
    }
    if (json)
        sb_printf(&o, "{\"pid\":%d,\"supervised\":%s,\"busy\":%d,\"idle\":%d,"
                  "\"requests\":%lu,\"killed\":%lu,\"workers\":[", (int)master,
                  sb != NULL ? "true" : "false", busy, idle, total, kills);
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

        if (pid == 0)
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
