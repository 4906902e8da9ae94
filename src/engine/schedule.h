/* schedule.h - a functions root's `_schedule`: its entries, their records
 * in the store, and one scheduled run through the engine.
 *
 * The file (a private name: never served) holds one entry a line: a timing
 * (cron.h) and the path of a function, "#" starting a comment.  A line
 * that does not parse is reported with file and line and skipped; the
 * others stand.  This module sits between the engine, the store and the
 * two callers (the responder's scheduler process, server/scheduler.c, and
 * `invoke schedule`); it knows nothing of processes or signals.
 *
 * Records live in the root's namespace "schedule" of the store, which no
 * function sees: "claim ID DUE" (a counter: whoever made it 1 runs that
 * due time, so one run per due time across every process sharing the
 * store) and "last ID" (the last run: JSON text).  ID is the hash of the
 * entry's timing and path, so an edited line is a new entry.
 */
#ifndef INVOKE_SCHEDULE_H
#define INVOKE_SCHEDULE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <limits.h>
#include <sys/types.h>

#include "engine/cron.h"
#include "engine/engine.h"
#include "store/kv.h"

#define SCHED_FILE "_schedule"
#define SCHED_MAX_ENTRIES 256
#define SCHED_MAX_PATH 1024
#define SCHED_BODY_MAX 65536    /* bytes of a response body kept */

typedef struct sched_entry {
    cron_spec spec;
    char timing[128];       /* as written, words joined by one blank */
    char path[SCHED_MAX_PATH];  /* "/jobs/clean?full=1": starts with '/' */
    char id[17];            /* hex hash of timing and path */
    int line;
} sched_entry;

typedef struct sched_table {
    sched_entry *v;
    int n;
    int errors;             /* lines skipped at the last read */
    char file[PATH_MAX];
    int have;               /* the file existed at the last read */
    struct timespec mtime;
    off_t size;
    dev_t dev;              /* a release switched under a symlink is */
    ino_t ino;              /* another file, whatever its mtime */
} sched_table;

/* Called for each line skipped: file, line number, why. */
typedef void (*sched_report)(void *ud, const char *file, int line, const char *msg);

/* Parses one line.  1: an entry in *e; 0: blank or a comment; -1: the
 * reason in err. */
int sched_parse_line(const char *line, sched_entry *e, char *err, size_t errlen);

/* Reads root/_schedule into t when it changed since t was filled (mtime,
 * size, presence) or t is fresh (zeroed).  1 when read again (a missing
 * file: no entries), 0 when unchanged.  Lines that do not parse go to
 * report.  t owns its entries; sched_free releases them. */
int sched_load(sched_table *t, const char *root, sched_report report, void *ud);
void sched_free(sched_table *t);

/* How far back a due time still runs when its process comes late to it
 * (started, restarted, busy with another run): an @every's period, at most
 * a minute; a cron entry's minute.  Older due times are missed, as cron's
 * are. */
time_t sched_grace(const sched_entry *e);

/* The store's namespace for a root: by the site as the administrator
 * names it, or by --kv-scope's name when given. */
int sched_scope(kv_scope *sc, const char *site, const char *kv_scope_name, char *err,
                size_t errlen);

/* Claims due time `due` (seconds) of e.  *mine: 1 when this call made the
 * claim, 0 when another process had.  The claim expires at keep_until
 * (seconds), after which no process considers that due time any more. */
int sched_claim(kv *s, const kv_scope *sc, const sched_entry *e, time_t due, time_t keep_until,
                int *mine, char *err, size_t errlen);

typedef struct sched_last {
    int64_t due;            /* seconds since the epoch */
    int64_t started;        /* milliseconds */
    long ms;                /* how long it ran (running: 0) */
    int status;             /* HTTP status (running: 0) */
    int running;            /* started, not (yet) finished */
    int pid;                /* the process that ran it */
    char request[40];       /* its request id */
} sched_last;

int sched_put_last(kv *s, const kv_scope *sc, const sched_entry *e, const sched_last *l,
                   char *err, size_t errlen);
/* KV_OK, KV_NOTFOUND (never ran) or KV_ERR. */
int sched_get_last(kv *s, const kv_scope *sc, const sched_entry *e, sched_last *l, char *err,
                   size_t errlen);

/* The scheduler's side of a run, over the engine's own store handle
 * (eng_store), in the namespace of site (or of kv_scope_name when given):
 * sched_begin claims due time `due` of en (until due + its grace + a
 * minute) and, when the claim is this process's, records `start` as en's
 * last run; sched_end records the finished run.  So the responder's
 * scheduler never touches the store itself. */
enum {
    SCHED_RUN = 0,          /* claimed: run it */
    SCHED_TAKEN = 1,        /* another process claimed it first */
    SCHED_NOSTORE = 2,      /* the engine has no store */
    SCHED_UNRECORDED = 3,   /* claimed, the start not recorded (err): run it */
    SCHED_ERR = -1,         /* the store failed: err says why */
    SCHED_FATAL = -2        /* the store needs recovery: leave */
};
int sched_begin(eng *e, const char *site, const char *kv_scope_name, const sched_entry *en,
                time_t due, const sched_last *start, char *err, size_t errlen);
int sched_end(eng *e, const char *site, const char *kv_scope_name, const sched_entry *en,
              const sched_last *done, char *err, size_t errlen);

typedef struct sched_result {
    int status;
    char *body;             /* the first SCHED_BODY_MAX bytes, NUL-terminated; free() */
    size_t len;
    int truncated;
} sched_result;

/* Runs path under root as the scheduler does: a POST with no body and the
 * headers x-scheduled-execution: true, x-schedule-due (due, ISO 8601 UTC;
 * omitted when due is 0) and x-request-id: reqid, through eng_handle, so
 * under the function's limits.  out gets status and body. */
int sched_invoke(eng *e, const char *root, const char *site, const char *path,
                 const char *reqid, time_t due, sched_result *out);

#endif
