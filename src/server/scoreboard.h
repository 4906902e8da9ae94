/* scoreboard.h - what each worker is doing, in memory the supervisor and
 * every worker share.
 *
 * The supervisor creates the region (anonymous MAP_SHARED, before any
 * fork) and hands each child a slot.  A worker writes only its own slot;
 * the supervisor reads them all to kill a worker stuck in one request past
 * the time limit (time spent in C that the engine's interrupt check never
 * sees, like a regex that backtracks for ever), and the status page reads
 * them all to show per-worker state and counters.  Writers publish with
 * atomic stores, so a reader sees a consistent "busy since" even while the
 * strings next to it change.  Without a supervisor (CGI, a single process
 * on fd 0) there is no region and every call is a cheap no-op.
 */
#ifndef INVOKE_SCOREBOARD_H
#define INVOKE_SCOREBOARD_H

#include <sys/types.h>

#define SB_ID_MAX 65
#define SB_PATH_MAX 120

enum { SB_FREE = 0, SB_STARTING, SB_IDLE, SB_BUSY, SB_STOPPING };

typedef struct sb_slot {
    pid_t pid;                  /* 0: slot free */
    int state;                  /* SB_* */
    long long started_ms;       /* wall clock, when the worker was forked */
    long long busy_since;       /* monotonic ms of the current request, 0 idle */
    unsigned long requests;     /* served by this worker */
    unsigned long slow;         /* of those, over --slow-log */
    unsigned long status_5xx;   /* of those, answered 5xx */
    char id[SB_ID_MAX];         /* current (or last) request id */
    char path[SB_PATH_MAX];     /* current (or last) request path */
} sb_slot;

/* Supervisor, before forking: a region of n slots.  -1 with errno set. */
int sb_create(int n);

/* Supervisor: a free slot for a child about to be forked (marked
 * SB_STARTING with that pid later by sb_assign), or -1 when all are used. */
int sb_free_slot(void);
void sb_assign(int slot, pid_t pid);
void sb_release(int slot);
/* Supervisor: the monotonic ms since which the worker in `slot` has been
 * busy with one request (0 when idle); *id and *path get its request. */
long long sb_busy_since(int slot, char *id, size_t idlen, char *path, size_t pathlen);
/* Supervisor: a worker killed for running over counts here (shown on the
 * status page). */
void sb_count_kill(void);

/* Child, right after fork: this process writes `slot` from now on. */
void sb_attach(int slot);
/* True when a supervisor watches this process (a slot is attached). */
int sb_supervised(void);

/* Worker: state changes around a request. */
void sb_set_state(int state);
void sb_busy(const char *id, const char *path);
void sb_idle(int status, int slow);

/* Worker: the whole board, for the status page: a plain-text table or a
 * JSON document, malloc'd, NUL-terminated (NULL when out of memory).
 * Works without a region too (then it shows this one process). */
char *sb_report(int json, pid_t master);

#endif
