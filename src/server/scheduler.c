/* scheduler.c - runs --root's `_schedule` entries when due (scheduler.h).
 *
 * The loop: read the file again when it changed (one stat a second), run
 * every entry whose due time has come, sleep until the next due time or
 * the next look at the file, whichever is sooner.  The control signals
 * stay blocked and are taken with sigtimedwait() while sleeping, so a stop
 * waits for the run in progress, as a worker's does.
 *
 * Once-ness across processes: before running due time T of an entry, the
 * scheduler claims (entry, T) in the store (schedule.h); only the process
 * whose claim came first runs it.  A claim outlives T by the entry's grace
 * (and a minute), and no process considers a due time older than its
 * grace, so a restarted scheduler finds its own claims and runs nothing
 * twice.  A scheduler killed in the middle of a run leaves that due time
 * claimed and not finished ("running" in `invoke schedule list`): it is
 * not run again, the next due time is, by whichever scheduler is alive.
 *
 * A run stuck in C past the time limit cannot be stopped by the engine:
 * as a worker without a supervisor does, the scheduler arms alarm() around
 * each run, SIGALRM ends it, and the supervisor starts another.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "common/log.h"
#include "common/now.h"
#include "engine/engine.h"
#include "engine/schedule.h"
#include "server/scheduler.h"
#include "server/worker.h"

#define SCHD_LOOK_MS 1000       /* how often the file is looked at */

typedef struct {
    const cfg *c;
    eng *e;
    const char *site;       /* the root as named: the records' namespace */
    sched_table t;
    time_t *next;           /* per entry: the next due time to consider */
    unsigned long runs;
    int told_alone, told_nostore;
    int fatal;              /* the store needs recovery: leave */
} schd;

static void schd_report(void *ud, const char *file, int line, const char *msg)
{
    (void)ud;
    if (line > 0)
        log_sys("error", "%s:%d: %s; this entry is skipped", file, line, msg);
    else
        log_sys("error", "%s: %s", file, msg);
}

static int64_t schd_wall_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The engine, made when the first entry appears: a responder without a
 * schedule pays nothing but a stat a second. */
static int schd_engine(schd *s)
{
    const cfg *c = s->c;
    eng_config ec;
    char err[256] = "";

    if (s->e != NULL)
        return 0;
    wrk_engine_config(c, &ec);
    s->e = eng_new(&ec, err, sizeof err);
    if (s->e == NULL) {
        log_sys("error", "scheduler %d: engine did not start: %s", (int)getpid(), err);
        return -1;
    }
    return 0;
}

/* After a (re)read: every entry starts at its latest due time within its
 * grace, so a due time that just passed while no scheduler ran still runs
 * (unless someone's claim says it did). */
static void schd_reset(schd *s, time_t now)
{
    int i;

    free(s->next);
    s->next = NULL;
    if (s->t.n == 0)
        return;
    s->next = calloc((size_t)s->t.n, sizeof *s->next);
    if (s->next == NULL) {
        log_sys("error", "scheduler: out of memory");
        sched_free(&s->t);
        return;
    }
    for (i = 0; i < s->t.n; i++)
        s->next[i] = cron_next(&s->t.v[i].spec, now - sched_grace(&s->t.v[i]));
    log_sys("notice", "scheduler: %d entr%s in %s%s", s->t.n, s->t.n == 1 ? "y" : "ies",
            s->t.file, s->t.errors ? " (lines with errors skipped)" : "");
}

/* The request id of a run: 's', then the pid and a counter in hex. */
static void schd_reqid(schd *s, char *out, size_t outlen)
{
    snprintf(out, outlen, "s%04x%08lx", (unsigned)getpid() & 0xffffu, ++s->runs & 0xffffffffUL);
}

static void schd_run(schd *s, const sched_entry *en, time_t due)
{
    char err[300] = "", id[32];
    sched_last last;
    sched_result res;
    double t0;
    int rc, timed = s->c->timeout > 0;

    if (schd_engine(s) < 0)
        return;
    schd_reqid(s, id, sizeof id);
    memset(&last, 0, sizeof last);
    last.due = due;
    last.started = schd_wall_ms();
    last.running = 1;
    last.pid = (int)getpid();
    snprintf(last.request, sizeof last.request, "%s", id);
    rc = sched_begin(s->e, s->site, s->c->kv_scope, en, due, &last, err, sizeof err);
    switch (rc) {
    case SCHED_RUN:
        break;
    case SCHED_TAKEN:
        s->runs--;          /* the id was not used */
        return;
    case SCHED_UNRECORDED:
        log_sys("error", "scheduler: recording the start of %s: %s", en->path, err);
        break;
    case SCHED_NOSTORE:
        if (s->c->data != NULL) {
            /* a store that would not open cannot say who ran what: run
             * nothing rather than everything everywhere */
            if (!s->told_nostore++)
                log_sys("error", "scheduler: the store %s is unusable; no entry runs",
                        s->c->data);
            return;
        }
        if (!s->told_alone++)
            log_sys("warn", "scheduler: no store (--data): entries run once per responder, "
                    "and a restart does not know what ran before it");
        break;
    default:
        /* never run what might have run elsewhere */
        log_sys(rc == SCHED_FATAL ? "crit" : "error", "scheduler: %s:%d: claiming %lld: %s; "
                "not run", s->t.file, en->line, (long long)due, err);
        /* as a worker does: a new process's open recovers the store */
        s->fatal = rc == SCHED_FATAL;
        return;
    }
    log_sys("info", "schedule %s %s: request %s started (%s:%d)", en->timing, en->path, id,
            s->t.file, en->line);
    t0 = now_ms();
    if (timed)
        alarm((unsigned)(s->c->timeout + CFG_KILL_GRACE + 0.999));
    sched_invoke(s->e, s->c->root, s->site, en->path, id, due, &res);
    if (timed)
        alarm(0);
    last.ms = (long)(now_ms() - t0);
    last.status = res.status;
    last.running = 0;
    log_access(id, "POST", en->path, res.status, now_ms() - t0);
    log_sys(res.status >= 500 ? "error" : "info",
            "schedule %s %s: request %s finished with status %d in %ld ms", en->timing,
            en->path, id, res.status, last.ms);
    free(res.body);
    rc = sched_end(s->e, s->site, s->c->kv_scope, en, &last, err, sizeof err);
    if (rc == SCHED_ERR || rc == SCHED_FATAL) {
        log_sys(rc == SCHED_FATAL ? "crit" : "error", "scheduler: recording the end of %s: %s",
                en->path, err);
        s->fatal = rc == SCHED_FATAL;
    }
    eng_idle(s->e);
}

/* Runs what is due; returns when the next due time is (0: none). */
static time_t schd_due(schd *s)
{
    time_t soonest = 0;
    int i;

    for (i = 0; i < s->t.n; i++) {
        const sched_entry *en = &s->t.v[i];
        time_t now = time(NULL);

        if (s->next[i] > 0 && s->next[i] <= now) {
            time_t due = s->next[i];

            if (now - due > sched_grace(en)) {
                /* late (a long run before it): the latest due time only */
                time_t late = cron_next(&en->spec, now - sched_grace(en));
                log_sys("warn", "schedule %s %s: running late, due times before %lld missed",
                        en->timing, en->path, (long long)late);
                due = late <= now ? late : 0;
            }
            if (due > 0)
                schd_run(s, en, due);
            s->next[i] = cron_next(&en->spec, due > 0 ? due : now);
        }
        if (s->next[i] > 0 && (soonest == 0 || s->next[i] < soonest))
            soonest = s->next[i];
    }
    return soonest;
}

int schd_wanted(const cfg *c)
{
    char file[PATH_MAX];
    struct stat st;

    return c->root != NULL &&
           (size_t)snprintf(file, sizeof file, "%s/" SCHED_FILE, c->root) < sizeof file &&
           stat(file, &st) == 0 && S_ISREG(st.st_mode);
}

int schd_serve(const cfg *c)
{
    sigset_t ctl;
    struct sigaction sa;
    schd s;

    memset(&s, 0, sizeof s);
    s.c = c;
    s.site = c->site ? c->site : c->root;
    sigemptyset(&ctl);
    sigaddset(&ctl, SIGTERM);
    sigaddset(&ctl, SIGINT);
    sigaddset(&ctl, SIGQUIT);
    sigaddset(&ctl, SIGUSR1);
    sigprocmask(SIG_BLOCK, &ctl, NULL);
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGHUP, &sa, NULL);
    if (c->root == NULL)
        return 0;           /* never spawned so (main.c); nothing to run */
    for (;;) {
        struct timespec ts;
        int64_t wait_ms, now_ms_wall;
        time_t soonest;
        int sig;

        if (sched_load(&s.t, c->root, schd_report, &s) == 1)
            schd_reset(&s, time(NULL));
        if (!s.t.have) {
            log_sys("notice", "scheduler %d: %s is gone; stopping", (int)getpid(), s.t.file);
            break;
        }
        soonest = s.t.n > 0 ? schd_due(&s) : 0;
        now_ms_wall = schd_wall_ms();
        wait_ms = SCHD_LOOK_MS;
        if (soonest > 0 && (int64_t)soonest * 1000 - now_ms_wall < wait_ms)
            wait_ms = (int64_t)soonest * 1000 - now_ms_wall;
        if (wait_ms < 0)
            wait_ms = 0;
        ts.tv_sec = wait_ms / 1000;
        ts.tv_nsec = (wait_ms % 1000) * 1000000L;
        sig = sigtimedwait(&ctl, NULL, &ts);
        if (sig == SIGUSR1) {
            if (log_reopen() < 0)
                log_sys("error", "scheduler %d: reopening the log: %s", (int)getpid(),
                        strerror(errno));
        } else if (sig > 0) {
            break;
        }
        if (s.fatal) {
            log_sys("crit", "scheduler %d: leaving so that the store is recovered",
                    (int)getpid());
            break;
        }
    }
    free(s.next);
    sched_free(&s.t);
    if (s.e != NULL)
        eng_free(s.e);
    return s.fatal ? 1 : 0;
}
