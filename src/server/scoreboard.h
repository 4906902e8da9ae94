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
 *
 * The counters file (sb_stats_open, DATA/invoke-stats) is the part every
 * process of a site shares however it was started: per function,
 * requests, 5xx answers and a latency histogram, updated with atomic adds
 * after each request; and, for processes no supervisor watches (mod_fcgid,
 * CGI), a slot per live process, so that the status page shows them all.
 * Layout, creation and the rule when it is full: scoreboard.c and
 * doc/admin.md, "Counters".
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
    unsigned long long birth;   /* the counters file's slots: the process's start
                                   (/proc/PID/stat), to tell a reused pid */
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

/* --- the counters file, shared by every process of a site --- */

enum {
    SB_STATS_FRESH,     /* a supervisor at its start: a new file, counts from 0 */
    SB_STATS_FCGI,      /* a process on its own (mod_fcgid): join the file,
                         * starting it again when no process of it is alive */
    SB_STATS_CGI        /* a CGI process: join the file, never start it again */
};

/* Maps DATA/invoke-stats (made when missing or not of this version; with
 * data NULL and SB_STATS_FRESH, memory the children inherit instead).
 * SB_STATS_FCGI and SB_STATS_CGI also take a slot of its process table
 * for this process: the status page then shows every live process of
 * the file.  Call once, before any request (a supervisor: before it
 * forks).  0, or -1 with the reason logged: then nothing is counted. */
int sb_stats_open(const char *data, int mode);

/* A process on its own, leaving: frees its slot of the process table. */
void sb_stats_leave(void);

/* After a request that a function file answered: site (the root as the
 * administrator wrote it) and rel (the file, relative to the real root)
 * name the function.  Lock-free (atomic adds); a no-op without the file. */
void sb_count(const char *site, const char *rel, int status, double ms);

typedef struct sb_fstats {
    unsigned long long requests, errors5xx;
    double p50, p99;            /* ms, from the histogram; 0 when no request */
} sb_fstats;

/* One function's counters: 1 found, 0 none counted yet (*out zeroed),
 * -1 when there is no counters file. */
int sb_func_stats(const char *site, const char *rel, sb_fstats *out);

/* When the counts began (wall-clock ms) and how many requests were not
 * counted because the table was full: 0, or -1 without a counters file. */
int sb_stats_info(long long *since_ms, unsigned long long *dropped, int *mode);

#endif
