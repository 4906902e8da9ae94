/* supervisor.c - forks the workers, replaces the dead, reloads and stops.
 *
 * Signal handlers only write the signal number into a self-pipe; all work
 * happens in a plain poll() loop, where it is safe to fork, log and wait.
 * The loop's timeout serves the three timers the supervisor has: the delay
 * before restarting workers that keep dying at start, the deadline of a
 * graceful stop, and the next look at the scoreboard for a worker stuck in
 * one request past kill_after.  Next to the workers it may keep one aux
 * child (the scheduler), which serves no request: it gets no scoreboard
 * slot and closes the listening socket at once.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "common/log.h"
#include "common/now.h"
#include "server/scoreboard.h"
#include "server/supervisor.h"

#define SUP_QUICK_DEATH 1.0     /* seconds: a worker dying sooner failed to start */
#define SUP_BACKOFF_MAX 5.0
#define SUP_AUX_LOOK 1.0        /* seconds between two aux_wanted questions */

typedef struct {
    pid_t pid;
    double started;
    int retiring;           /* asked to stop: not replaced when it exits */
    int slot;               /* its scoreboard slot, -1: none */
    int killed;             /* SIGKILLed for running over */
    int aux;                /* the aux child (1) or the replicator (2), not a worker */
} sup_child;

typedef struct {
    const sup_opts *o;
    sup_child *kids;
    size_t nkids, cap;
    int quick;              /* consecutive deaths right after starting */
    double next_spawn;      /* no spawning before this time */
    int stopping;
    double deadline;        /* of the stop */
} sup;

static const int sup_sigs[] = { SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1, SIGCHLD, 0 };
static int sup_pipe[2] = { -1, -1 };

static void sup_on_signal(int sig)
{
    int saved = errno;
    unsigned char b = (unsigned char)sig;

    /* a full pipe already holds a wake-up; dropping this one is fine */
    if (write(sup_pipe[1], &b, 1) < 0)
        (void)0;
    errno = saved;
}

static int sup_signals(void)
{
    struct sigaction sa;
    int i;

    if (pipe2(sup_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
        return -1;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = sup_on_signal;
    sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    for (i = 0; sup_sigs[i] != 0; i++)
        if (sigaction(sup_sigs[i], &sa, NULL) < 0)
            return -1;
    return 0;
}

static int sup_active(const sup *s)
{
    size_t i;
    int n = 0;

    for (i = 0; i < s->nkids; i++)
        n += !s->kids[i].retiring && !s->kids[i].aux;
    return n;
}

/* Whether a child of that kind (1: the aux child, 2: the replicator) runs
 * and is not retiring. */
static int sup_kind_running(const sup *s, int kind)
{
    size_t i;

    for (i = 0; i < s->nkids; i++)
        if (s->kids[i].aux == kind && !s->kids[i].retiring)
            return 1;
    return 0;
}

/* Whether the aux child is not running, wanted or not: then the loop
 * looks again every SUP_AUX_LOOK seconds. */
static int sup_aux_absent(const sup *s)
{
    return s->o->aux != NULL && !sup_kind_running(s, 1);
}

/* Whether a replicator is wanted and not running. */
static int sup_repl_missing(const sup *s)
{
    return s->o->repl != NULL && !sup_kind_running(s, 2);
}

/* Whether the aux child is wanted and not running (a retiring one does
 * not count: its successor starts beside it). */
static int sup_aux_missing(const sup *s)
{
    return sup_aux_absent(s) && (s->o->aux_wanted == NULL || s->o->aux_wanted(s->o->ud));
}

static int sup_missing(const sup *s)
{
    return sup_active(s) < s->o->workers || sup_aux_missing(s) || sup_repl_missing(s);
}

/* In the child right after fork: forget the supervisor's handlers and pipe,
 * and hand over with the control signals still blocked (see sup_opts).  A
 * supervisor killed outright takes its workers along (a graceful SIGTERM),
 * instead of leaving orphans that hold the socket. */
static void sup_child_setup(const sigset_t *orig, pid_t parent)
{
    struct sigaction sa;
    sigset_t m = *orig;
    int i;

    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = SIG_DFL;
    for (i = 0; sup_sigs[i] != 0; i++)
        sigaction(sup_sigs[i], &sa, NULL);
    close(sup_pipe[0]);
    close(sup_pipe[1]);
    sigaddset(&m, SIGTERM);
    sigaddset(&m, SIGINT);
    sigaddset(&m, SIGUSR1);
    /* a drain is the supervisor's business; blocked until the worker
     * ignores it, so a SIGQUIT to the process group cannot dump cores */
    sigaddset(&m, SIGQUIT);
    sigprocmask(SIG_SETMASK, &m, NULL);
    if (prctl(PR_SET_PDEATHSIG, SIGTERM) < 0 || getppid() != parent)
        raise(SIGTERM);     /* pending until the worker's first wait */
}

static int sup_spawn(sup *s, int aux)
{
    sigset_t all, orig;
    pid_t pid, parent = getpid();
    int slot = aux ? -1 : sb_free_slot();

    if (s->nkids == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 8;
        sup_child *nk = realloc(s->kids, ncap * sizeof *nk);
        if (nk == NULL)
            return -1;
        s->kids = nk;
        s->cap = ncap;
    }
    /* no handler may run in the child before it has reset them */
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &orig);
    pid = fork();
    if (pid == 0) {
        sup_child_setup(&orig, parent);
        if (aux) {
            /* a stop must not wait for it to let go of the socket */
            close(s->o->listen_fd);
            _exit(aux == 2 ? s->o->repl(s->o->ud) : s->o->aux(s->o->ud));
        }
        sb_attach(slot);
        _exit(s->o->serve(s->o->listen_fd, s->o->ud));
    }
    sigprocmask(SIG_SETMASK, &orig, NULL);
    if (pid < 0) {
        log_sys("error", "fork: %s", strerror(errno));
        return -1;
    }
    s->kids[s->nkids].pid = pid;
    s->kids[s->nkids].started = (now_ms() / 1000.0);
    s->kids[s->nkids].retiring = 0;
    s->kids[s->nkids].slot = slot;
    s->kids[s->nkids].killed = 0;
    s->kids[s->nkids].aux = aux;
    sb_assign(slot, pid);
    s->nkids++;
    return 0;
}

static void sup_fill(sup *s)
{
    /* first: the workers' writes go through it */
    if (sup_repl_missing(s) && sup_spawn(s, 2) < 0) {
        s->next_spawn = (now_ms() / 1000.0) + 1.0;
        return;
    }
    while (sup_active(s) < s->o->workers) {
        if (sup_spawn(s, 0) < 0) {
            s->next_spawn = (now_ms() / 1000.0) + 1.0;
            return;
        }
    }
    if (sup_aux_missing(s) && sup_spawn(s, 1) < 0)
        s->next_spawn = (now_ms() / 1000.0) + 1.0;
}

static void sup_signal_all(sup *s, int sig, int only_retiring)
{
    size_t i;

    for (i = 0; i < s->nkids; i++)
        if (!only_retiring || s->kids[i].retiring)
            if (kill(s->kids[i].pid, sig) < 0 && errno != ESRCH)
                log_sys("error", "kill %d: %s", (int)s->kids[i].pid, strerror(errno));
}

static void sup_log_death(const sup_child *k, int st)
{
    const char *what = k->aux == 2 ? (k->retiring ? "old replicator" : "replicator")
                       : k->aux ? (k->retiring ? "old scheduler" : "scheduler")
                       : k->retiring ? "old worker" : "worker";

    if (WIFSIGNALED(st))
        log_sys("error", "%s %d killed by signal %d (%s)", what, (int)k->pid,
                WTERMSIG(st), strsignal(WTERMSIG(st)));
    else if (WEXITSTATUS(st) != 0)
        log_sys("error", "%s %d exited with status %d", what, (int)k->pid, WEXITSTATUS(st));
    else
        log_sys("info", "%s %d exited", what, (int)k->pid);
}

/* A worker that failed soon after starting pushes the next start back:
 * 0.5, 1, 2, 4, 5, 5... seconds, so a broken setup does not spin. */
static void sup_after_death(sup *s, const sup_child *k, int st)
{
    int failed = WIFSIGNALED(st) || WEXITSTATUS(st) != 0;
    double now = (now_ms() / 1000.0), delay = 0;

    if (!failed || now - k->started >= SUP_QUICK_DEATH) {
        s->quick = 0;
        return;
    }
    if (now < s->next_spawn)
        return;             /* a sibling of the same round set the delay */
    s->quick++;
    if (s->quick >= 2) {
        delay = 0.5 * (double)(1 << (s->quick > 6 ? 4 : s->quick - 2));
        if (delay > SUP_BACKOFF_MAX)
            delay = SUP_BACKOFF_MAX;
        log_sys("warn", "workers keep dying right after start; next start in %.1fs", delay);
    }
    if (now + delay > s->next_spawn)
        s->next_spawn = now + delay;
}

static void sup_reap(sup *s)
{
    pid_t pid;
    int st;

    while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
        size_t i;

        for (i = 0; i < s->nkids && s->kids[i].pid != pid; i++)
            ;
        if (i == s->nkids)
            continue;       /* not ours (cannot happen: we fork nothing else) */
        sup_log_death(&s->kids[i], st);
        sb_release(s->kids[i].slot);
        if (!s->kids[i].retiring && !s->stopping && !s->kids[i].killed)
            sup_after_death(s, &s->kids[i], st);
        s->kids[i] = s->kids[--s->nkids];
    }
}

static void sup_begin_stop(sup *s, int sig)
{
    if (s->stopping)
        return;
    log_sys("notice", "%s: %s %zu workers",
            sig == SIGINT ? "SIGINT" : sig == SIGQUIT ? "SIGQUIT" : "SIGTERM",
            sig == SIGQUIT ? "draining" : "stopping", s->nkids);
    s->stopping = 1;
    /* a drain has no deadline of its own: every request finishes, bounded
     * only by kill_after */
    s->deadline = sig == SIGQUIT ? (now_ms() / 1000.0) + 1e9 : (now_ms() / 1000.0) + s->o->stop_timeout;
    sup_signal_all(s, SIGTERM, 0);
    /* No worker is spawned from now on: let the workers hold the last
     * copies of the listening socket.  Each serves what the kernel queued
     * before it goes, so a connection queued while we still held a copy
     * is not reset when the supervisor exits after them. */
    close(s->o->listen_fd);
}

/* Fresh workers first, then TERM to the old ones: they finish the request in
 * progress and connections wait in the backlog meanwhile, so none is refused. */
static void sup_reload(sup *s)
{
    size_t i, old = s->nkids;

    log_sys("notice", "reload: starting %d fresh workers", s->o->workers);
    /* the replicator stays: its successor could not take over the
     * replication port while it holds it, and a reload changes nothing of
     * the replication settings */
    for (i = 0; i < old; i++)
        s->kids[i].retiring = s->kids[i].aux != 2;
    s->quick = 0;
    s->next_spawn = 0;
    sup_fill(s);
    sup_signal_all(s, SIGTERM, 1);
}

static void sup_dispatch(sup *s, int sig)
{
    switch (sig) {
    case SIGCHLD:
        break;              /* reaped after every wake-up anyway */
    case SIGTERM:
    case SIGINT:
    case SIGQUIT:
        sup_begin_stop(s, sig);
        break;
    case SIGHUP:
        if (!s->stopping)
            sup_reload(s);
        break;
    case SIGUSR1:
        if (log_reopen() < 0)
            log_sys("error", "reopening the log: %s", strerror(errno));
        sup_signal_all(s, SIGUSR1, 0);
        break;
    }
}

static void sup_drain(sup *s)
{
    unsigned char buf[64];
    ssize_t n, i;

    while ((n = read(sup_pipe[0], buf, sizeof buf)) > 0)
        for (i = 0; i < n; i++)
            sup_dispatch(s, buf[i]);
}

/* When the scoreboard must next be looked at: the earliest moment a busy
 * worker runs over, or kill_after from now (an idle worker may start a
 * request any time).  0 when nothing is watched. */
static double sup_next_check(const sup *s)
{
    double now = (now_ms() / 1000.0), next = now + s->o->kill_after;
    size_t i;

    if (s->o->kill_after <= 0)
        return 0;
    for (i = 0; i < s->nkids; i++) {
        char id[SB_ID_MAX], path[SB_PATH_MAX];
        long long since = sb_busy_since(s->kids[i].slot, id, sizeof id, path, sizeof path);
        double at = since / 1000.0 + s->o->kill_after;

        if (since > 0 && !s->kids[i].killed && at < next)
            next = at;
    }
    return next;
}

/* Milliseconds until the next timer, -1 when there is none. */
static int sup_timeout(const sup *s)
{
    double until = 0, check = sup_next_check(s);
    int timer = 1;

    if (s->stopping)
        until = s->deadline;
    else if (sup_missing(s))
        until = s->next_spawn;
    else if (sup_aux_absent(s))
        until = (now_ms() / 1000.0) + SUP_AUX_LOOK;
    else
        timer = 0;
    if (check > 0 && (!timer || check < until)) {
        until = check;
        timer = 1;
    }
    if (!timer)
        return -1;
    until -= (now_ms() / 1000.0);
    return until <= 0 ? 0 : (int)(until * 1000) + 1;
}

/* The last resort of the time limit: a worker busy with one request longer
 * than kill_after is stuck where the engine's interrupt check never runs
 * (a regex backtracking inside Duktape, a blocking C call).  SIGKILL is the
 * only thing that works there; the web server sees the connection close
 * without a response (502 from nginx, 500 from Apache) and the worker is
 * replaced like any that died. */
static void sup_kill_overdue(sup *s)
{
    long long now = (long long)now_ms();
    size_t i;

    if (s->o->kill_after <= 0)
        return;
    for (i = 0; i < s->nkids; i++) {
        sup_child *k = &s->kids[i];
        char id[SB_ID_MAX], path[SB_PATH_MAX];
        long long since = sb_busy_since(k->slot, id, sizeof id, path, sizeof path);

        if (since <= 0 || k->killed || (now - since) < s->o->kill_after * 1000)
            continue;
        log_sys("error", "worker %d busy %.1fs with request %s %s, past the time limit "
                "it cannot stop itself within: killing it", (int)k->pid,
                (now - since) / 1000.0, id, path);
        if (kill(k->pid, SIGKILL) == 0) {
            k->killed = 1;
            sb_count_kill();
        }
    }
}

static void sup_kill_stragglers(sup *s)
{
    size_t i;

    for (i = 0; i < s->nkids; i++) {
        int st;

        log_sys("warn", "worker %d did not stop in time; killing it", (int)s->kids[i].pid);
        kill(s->kids[i].pid, SIGKILL);
        while (waitpid(s->kids[i].pid, &st, 0) < 0 && errno == EINTR)
            ;
    }
    s->nkids = 0;
}

static void sup_loop(sup *s)
{
    for (;;) {
        struct pollfd p = { sup_pipe[0], POLLIN, 0 };

        if (poll(&p, 1, sup_timeout(s)) < 0 && errno != EINTR) {
            log_sys("error", "poll: %s", strerror(errno));
            sup_begin_stop(s, SIGTERM);
        }
        sup_drain(s);
        sup_kill_overdue(s);
        sup_reap(s);
        if (s->stopping) {
            if (s->nkids == 0)
                return;
            if ((now_ms() / 1000.0) >= s->deadline) {
                sup_kill_stragglers(s);
                return;
            }
        } else if ((now_ms() / 1000.0) >= s->next_spawn) {
            sup_fill(s);
        }
    }
}

int sup_run(const sup_opts *o)
{
    sup s;
    size_t i;

    memset(&s, 0, sizeof s);
    s.o = o;
    /* room for a reload's fresh set next to the retiring one, twice over */
    if (sb_create(o->workers * 3 + 2) < 0 || sup_signals() < 0) {
        log_sys("error", "supervisor setup: %s", strerror(errno));
        return 1;
    }
    sup_fill(&s);
    sup_loop(&s);
    for (i = 0; sup_sigs[i] != 0; i++)
        signal(sup_sigs[i], SIG_DFL);
    close(sup_pipe[0]);
    close(sup_pipe[1]);
    free(s.kids);
    return 0;
}
