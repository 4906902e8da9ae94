/* worker.c - the per-process request loop that joins request and engine.
 *
 * Signal policy: the control signals (TERM, INT, USR1) stay blocked for the
 * whole life of the worker and are let through only while it waits for a
 * connection (see rq_accept).  A SIGTERM sent mid-request therefore waits
 * until the response is complete, and nothing the engine does (a database
 * call, a fetch, a timer) ever sees an EINTR it did not ask for.  SIGQUIT
 * stops a worker like SIGTERM (the supervisor drains with it).
 *
 * Every request is published in the scoreboard (busy since, id, path) so
 * that the supervisor can kill a worker stuck in C past --timeout.  Without
 * a supervisor the worker arms alarm() for the same bound around each
 * request instead: SIGALRM's default action ends the process, the web
 * server sees the connection close, and mod_fcgid or spawn-fcgi's user
 * starts another.
 */
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine/admin.h"
#include "engine/engine.h"
#include "common/http.h"
#include "common/log.h"
#include "common/now.h"
#include "server/request.h"
#include "server/scoreboard.h"
#include "server/worker.h"

#define WRK_ID_MAX 64

static volatile sig_atomic_t wrk_stop;
static volatile sig_atomic_t wrk_reopen;
static volatile sig_atomic_t wrk_tick;
static pid_t wrk_pid;       /* this worker's, read once: ids need it per request */

typedef struct {
    eng *e;
    const cfg *c;
    unsigned long served;
    unsigned long served_at_tick, rested_at;
    double yielded;         /* now_ms() of the last wrk_yield */
} wrk;

static void wrk_on_stop(int sig)
{
    (void)sig;
    wrk_stop = 1;
}

static void wrk_on_usr1(int sig)
{
    (void)sig;
    wrk_reopen = 1;
}

static void wrk_on_tick(int sig)
{
    (void)sig;
    wrk_tick = 1;
}

/* Handlers without SA_RESTART, so the wait in ppoll ends with EINTR. */
static int wrk_signals(sigset_t *ctl)
{
    struct sigaction sa;

    sigemptyset(ctl);
    sigaddset(ctl, SIGTERM);
    sigaddset(ctl, SIGINT);
    sigaddset(ctl, SIGUSR1);
    sigaddset(ctl, SIGQUIT);
    sigaddset(ctl, SIGUSR2);    /* the rest timer's (wrk_rest_timer) */
    if (sigprocmask(SIG_BLOCK, ctl, NULL) < 0)
        return -1;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = wrk_on_stop;
    if (sigaction(SIGTERM, &sa, NULL) < 0 || sigaction(SIGINT, &sa, NULL) < 0 ||
        sigaction(SIGQUIT, &sa, NULL) < 0)
        return -1;
    sa.sa_handler = wrk_on_usr1;
    if (sigaction(SIGUSR1, &sa, NULL) < 0)
        return -1;
    sa.sa_handler = wrk_on_tick;
    if (sigaction(SIGUSR2, &sa, NULL) < 0)
        return -1;
    /* reload is the supervisor's business; a hang-up of the terminal must
     * not kill workers in the middle of a request */
    sa.sa_handler = SIG_IGN;
    return sigaction(SIGHUP, &sa, NULL);
}

/* The client's X-Request-Id when it is short and harmless, else pid and a
 * counter in 12 hex digits (written by hand: snprintf cost ~1,200
 * instructions a request). */
static void wrk_reqid(const char *given, unsigned long n, char *out, size_t outlen)
{
    static const char hex[] = "0123456789abcdef";
    unsigned long long v = ((unsigned long long)((unsigned)wrk_pid & 0xffffu) << 32) |
                           (n & 0xffffffffUL);
    size_t len = given != NULL ? strlen(given) : 0;
    int i;

    if (len > 0 && len <= WRK_ID_MAX &&
        strspn(given, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                      "0123456789._-") == len) {
        memcpy(out, given, len + 1);
        return;
    }
    if (outlen < 13) {
        *out = '\0';
        return;
    }
    for (i = 11; i >= 0; i--, v >>= 4)
        out[i] = hex[v & 15];
    out[12] = '\0';
}

/* The path of REQUEST_URI without its query string, for the access log. */
static void wrk_log_path(const char *uri, char *out, size_t outlen)
{
    size_t n;

    if (uri == NULL || *uri == '\0') {
        snprintf(out, outlen, "-");
        return;
    }
    n = strcspn(uri, "?");
    if (n >= outlen)
        n = outlen - 1;
    memcpy(out, uri, n);
    out[n] = '\0';
}

/* The functions root of this request as the administrator wrote it:
 * INVOKE_ROOT (per site) or --root, with *site the same (the store's
 * scope).  The engine follows it to the real folder for each request, so
 * a release swapped under a symlink serves the next request.  NULL after
 * logging why. */
static const char *wrk_root(rq *r, const cfg *c, const char *id, const char **site)
{
    const char *param = rq_vars(r)->invoke_root;

    if (param != NULL && *param != '\0') {
        *site = param;
        return param;
    }
    if (c->root == NULL)
        log_sys("error", "request %s: no functions root (set --root or the "
                "FastCGI param INVOKE_ROOT)", id);
    *site = c->site;
    return c->root;
}

/* True when the query string has a `json` key (?json, ?json=1, ?a&json). */
static int wrk_wants_json(const char *q)
{
    while (q != NULL && *q) {
        size_t n = strcspn(q, "&=");
        if (n == 4 && strncmp(q, "json", 4) == 0)
            return 1;
        q += strcspn(q, "&");
        if (*q == '&')
            q++;
    }
    return 0;
}

/* The replicated store's status (engine.h, eng_repl_status) added to the
 * page: a "replication" member of the JSON object, or a last line. */
static char *wrk_status_repl(char *page, int json, const char *data)
{
    char rs[4096], *out;
    size_t n;

    if (page == NULL || !eng_repl_status(data, rs, sizeof rs))
        return page;
    n = strlen(page);
    if ((out = malloc(n + strlen(rs) + 32)) == NULL)
        return page;
    if (json && n >= 2 && page[n - 2] == '}')
        sprintf(out, "%.*s,\"replication\":%s}\n", (int) (n - 2), page, rs);
    else
        sprintf(out, "%s\nreplication: %s\n", page, rs);
    free(page);
    return out;
}

/* The status page (--status-path): the scoreboard as text or JSON.  Never
 * cached; who may see it is the web server's business (see doc/admin.md). */
static int wrk_status(rq *r, const char *data)
{
    const http_io *io = rq_io(r);
    int json = wrk_wants_json(rq_vars(r)->query);
    char *page = wrk_status_repl(sb_report(json, sb_supervised() ? getppid() : getpid()),
                                 json, data);
    const char *hdr = json ? "Content-Type: application/json; charset=utf-8\r\n"
                             "Cache-Control: no-store\r\n"
                           : "Content-Type: text/plain; charset=utf-8\r\n"
                             "Cache-Control: no-store\r\n";
    const char *method = rq_vars(r)->method;

    if (page == NULL) {
        http_send_error(io, 500, "Internal Server Error", NULL);
        return 500;
    }
    if (io->head(io->ud, 200, hdr, strlen(hdr)) == 0 &&
        (method == NULL || strcmp(method, "HEAD") != 0))
        io->body(io->ud, page, strlen(page));
    free(page);
    return 200;
}

/* The workers' state for the admin panel's status page. */
static char *wrk_admin_status(void *ud)
{
    (void)ud;
    return sb_report(1, sb_supervised() ? getppid() : getpid());
}

/* One function's shared counters for the admin panel's functions page:
 * 1 found, 0 none yet, -1 no counters. */
static int wrk_admin_stats(const char *site, const char *rel, adm_fstats *out, void *ud)
{
    sb_fstats f;
    int rc = sb_func_stats(site, rel, &f);

    (void)ud;
    out->requests = f.requests;
    out->errors5xx = f.errors5xx;
    out->p50 = f.p50;
    out->p99 = f.p99;
    return rc;
}

/* When the counts began and how many went uncounted (the table full):
 * 0, or -1 without counters. */
static int wrk_admin_stats_info(long long *since_ms, unsigned long long *dropped,
                                const char **since_what, void *ud)
{
    int mode;

    (void)ud;
    if (sb_stats_info(since_ms, dropped, &mode) < 0)
        return -1;
    *since_what = mode == SB_STATS_FRESH ? "the pool's start" :
                  mode == SB_STATS_FCGI ? "the first process of the site" :
                  "the first CGI request that found no counters file";
    return 0;
}

/* Reads the body and runs the request, or hands it to the admin panel
 * (admin: its path); returns the status sent.  *site gets the site's name
 * (the store's, and the counters') when the engine ran it, else NULL. */
static int wrk_run(wrk *w, rq *r, const char *id, const char *admin, const char **site)
{
    const http_io *io = rq_io(r);
    eng_request req;
    const char *root;

    memset(&req, 0, sizeof req);
    /* a function reads its body when it asks (req.body, or req as a
     * stream: a large upload never has to be in memory whole); the admin
     * panel gets it whole */
    switch (admin != NULL ? rq_read_body(r, (size_t)w->c->max_body, &req.body, &req.body_len)
                          : rq_body_begin(r, (size_t)w->c->max_body)) {
    case RQ_BODY_OK:
        break;
    case RQ_BODY_TOO_LARGE:
        http_send_error(io, 413, "Request body too large", NULL);
        return 413;
    case RQ_BODY_SHORT:
        http_send_error(io, 400, "Incomplete request body", NULL);
        return 400;
    default:
        log_sys("error", "request %s: reading the body failed", id);
        http_send_error(io, 500, "Internal Server Error", NULL);
        return 500;
    }
    root = wrk_root(r, w->c, id, &req.site);
    if (root == NULL) {
        http_send_error(io, 500, "Internal Server Error", NULL);
        return 500;
    }
    req.vars = rq_vars(r);
    if (admin == NULL)
        req.in = rq_in(r);
    req.root = root;
    req.id = id;
    req.io = io;
    if (admin != NULL) {
        adm_config ac;

        memset(&ac, 0, sizeof ac);
        ac.path = admin;
        ac.passwd = w->c->admin_passwd;
        ac.allow = w->c->admin_allow;
        ac.data = w->c->data;
        ac.log = w->c->log;
        ac.kv_scope = w->c->kv_scope;
        ac.status = wrk_admin_status;
        ac.stats = wrk_admin_stats;
        ac.stats_info = wrk_admin_stats_info;
        return adm_handle(w->e, &ac, &req);
    }
    *site = req.site ? req.site : req.root;
    return eng_handle(w->e, &req);
}

/* One request from accept to access line.  The request stays open; the
 * caller finishes it. */
static void wrk_handle(wrk *w, rq *r)
{
    char id[WRK_ID_MAX + 1], path[2048];
    double t0 = now_ms(), ms;
    const double *slow = &w->c->slow_log;
    const cgi_vars *v = rq_vars(r);
    const char *method = v->method;
    int status, self_kill = !sb_supervised() && w->c->timeout > 0;
    const char *admin = v->invoke_admin && *v->invoke_admin ? v->invoke_admin : w->c->admin;
    const char *site = NULL, *func;

    w->served++;
    wrk_reqid(v->request_id, w->served, id, sizeof id);
    wrk_log_path(v->uri, path, sizeof path);
    sb_busy(id, path);
    if (self_kill)
        alarm((unsigned)(w->c->timeout + CFG_KILL_GRACE + 0.999));
    if (w->c->status_path != NULL && strcmp(path, w->c->status_path) == 0)
        status = wrk_status(r, w->c->data);
    else
        status = wrk_run(w, r, id, adm_match(admin, path) ? admin : NULL, &site);
    if (self_kill)
        alarm(0);
    ms = now_ms() - t0;
    log_access(id, method, path, status, ms);
    /* the function's shared counters (the admin panel's functions page) */
    if (site != NULL && (func = eng_last_function(w->e)) != NULL)
        sb_count(site, func, status, ms);
    if (*slow > 0 && ms > *slow * 1000)
        log_sys("warn", "slow request %s %s %s: %.0f ms (--slow-log %gs)", id,
                method ? method : "-", path, ms, *slow);
    sb_idle(status, *slow > 0 && ms > *slow * 1000);
}

/* The caller owns *ec; its strings stay c's. */
void wrk_engine_config(const cfg *c, eng_config *ec)
{
    memset(ec, 0, sizeof *ec);
    ec->root = c->root;
    ec->kv_scope = c->kv_scope;
    ec->timeout = c->timeout;
    ec->memory_limit = (size_t)c->memory_limit_mb * 1024 * 1024;
    ec->dev = c->dev;
    ec->trust_proxy = c->trust_proxy;
    ec->env = c->env;
    ec->data = c->data;
    ec->net = c->net;
}

static int wrk_start(wrk *w, const cfg *c)
{
    eng_config ec;
    char err[256] = "";

    memset(w, 0, sizeof *w);
    w->c = c;
    wrk_pid = getpid();
    wrk_engine_config(c, &ec);
    w->e = eng_new(&ec, err, sizeof err);
    if (w->e == NULL) {
        log_sys("error", "worker %d: engine did not start: %s", (int)getpid(), err);
        return -1;
    }
    return 0;
}

/* Serves the connections already queued in the kernel before a stopping
 * worker goes: the kernel accepted them for the server, and a worker
 * leaving them would have them reset when the last copy of the listening
 * socket closes.  Bounded (the queue seen empty, or WRK_DRAIN_MS) so that
 * steady load cannot hold a stop open. */
#define WRK_DRAIN_MS 2000.0

static void wrk_drain(wrk *w, rq *r)
{
    double until = now_ms() + WRK_DRAIN_MS;

    while (now_ms() < until && rq_accept_queued(r) == 0) {
        wrk_handle(w, r);
        rq_finish(r);
        sb_set_state(SB_STOPPING);
    }
}

/* After each request: the engine's garbage collection, unless it can wait
 * for a moment when no connection is queued (see eng_gc_due): then it is
 * rq_accept's `idle` work (wrk_collect), run when the next accept finds
 * the queue empty.  That costs no syscall of its own; a poll() here did,
 * after ~2/3 of the requests under load. */
static void wrk_after(wrk *w)
{
    if (eng_gc_due(w->e) != ENG_GC_SOON)
        eng_idle(w->e);
}

/* A worker under steady load never waits: the next connection is always
 * queued, so it runs until the kernel preempts it, at whatever point of a
 * request that falls, and the web server in front of it, on the same
 * cores, waits for a CPU meanwhile with every connection it holds.  So
 * between two requests, at most once per WRK_YIELD_MS, the worker offers
 * its CPU (sched_yield: nothing happens when no one waits), at a moment
 * when it holds no connection.  Why this period, and what it did to the
 * tail latency: doc/internals.md, "Who waits for a CPU". */
#define WRK_YIELD_MS 0.1

static void wrk_yield(wrk *w)
{
    double now = now_ms();

    if (now - w->yielded >= WRK_YIELD_MS) {
        sched_yield();
        w->yielded = now_ms();
    }
}

static void wrk_collect(void *ud)
{
    wrk *w = ud;

    eng_idle(w->e);
}

/* A SIGUSR2 every WRK_REST_MS wakes the wait in rq_accept: a worker that
 * served nothing over a whole period gives its garbage and free memory
 * back (eng_rest, 1-2 ms), once per idle stretch (doc/internals.md,
 * "When to collect"). */
#define WRK_REST_MS 1000

static int wrk_rest_timer(void)
{
    struct sigevent sev;
    struct itimerspec its;
    timer_t t;

    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGUSR2;
    memset(&its, 0, sizeof its);
    its.it_value.tv_sec = its.it_interval.tv_sec = WRK_REST_MS / 1000;
    its.it_value.tv_nsec = its.it_interval.tv_nsec = (WRK_REST_MS % 1000) * 1000000L;
    if (timer_create(CLOCK_MONOTONIC, &sev, &t) < 0)
        return -1;
    return timer_settime(t, 0, &its, NULL);
}

static void wrk_on_rest_tick(wrk *w)
{
    wrk_tick = 0;
    if (w->served == w->served_at_tick && w->rested_at != w->served) {
        eng_rest(w->e);
        w->rested_at = w->served;
    }
    w->served_at_tick = w->served;
}

/* The accept loop proper; returns the exit status. */
static int wrk_loop(wrk *w, rq *r, const sigset_t *ctl)
{
    const cfg *c = w->c;

    sb_set_state(SB_IDLE);
    while (!wrk_stop) {
        int rc;

        if (wrk_tick)
            wrk_on_rest_tick(w);

        if (c->max_requests > 0 && w->served >= (unsigned long)c->max_requests) {
            log_sys("info", "worker %d recycled after %lu requests", (int)getpid(), w->served);
            return 0;
        }
        rc = rq_accept(r, ctl, &wrk_stop,
                       eng_gc_due(w->e) == ENG_GC_SOON ? wrk_collect : NULL, w);
        if (wrk_reopen) {
            wrk_reopen = 0;
            if (log_reopen() < 0)
                log_sys("error", "worker %d: reopening the log: %s", (int)getpid(), strerror(errno));
        }
        if (rc < 0) {
            log_sys("error", "worker %d: accept: %s", (int)getpid(), strerror(errno));
            return 1;
        }
        if (rc == 0) {
            wrk_handle(w, r);
            rq_finish(r);
            wrk_after(w);
            wrk_yield(w);
        }
    }
    sb_set_state(SB_STOPPING);
    wrk_drain(w, r);
    rq_close_listener(r);
    log_sys("info", "worker %d stopping after %lu requests", (int)getpid(), w->served);
    return 0;
}

int wrk_serve(int listen_fd, const cfg *c)
{
    sigset_t ctl;
    wrk w;
    rq *r;
    int status;

    if (wrk_signals(&ctl) < 0) {
        log_sys("error", "worker %d: signals: %s", (int)getpid(), strerror(errno));
        return 1;
    }
    if (wrk_start(&w, c) < 0)
        return 1;
    /* a process on its own (mod_fcgid, spawn-fcgi): the site's shared
     * counters and a place on the status page; a pool's workers have
     * both from their supervisor */
    if (!sb_supervised())
        sb_stats_open(c->data, SB_STATS_FCGI);
    w.rested_at = (unsigned long)-1;    /* start-up's free memory goes too */
    if (wrk_rest_timer() < 0)
        log_sys("warn", "worker %d: no rest timer (%s): idle memory is kept", (int)getpid(),
                strerror(errno));
    r = rq_new_fcgi(listen_fd);
    if (r == NULL) {
        log_sys("error", "worker %d: FastCGI setup: %s", (int)getpid(), strerror(errno));
        eng_free(w.e);
        return 1;
    }
    log_sys("notice", "worker %d started", (int)getpid());
    status = wrk_loop(&w, r, &ctl);
    rq_free(r);
    eng_free(w.e);
    sb_stats_leave();
    return status;
}

int wrk_cgi(const cfg *c)
{
    wrk w;
    rq *r = rq_new_cgi();

    if (r == NULL) {
        log_sys("error", "out of memory");
        return 1;
    }
    if (wrk_start(&w, c) < 0) {
        /* the web server would say 500 too, but without a body */
        http_send_error(rq_io(r), 500, "Internal Server Error", NULL);
        rq_free(r);
        return 1;
    }
    sb_stats_open(c->data, SB_STATS_CGI);
    wrk_handle(&w, r);
    rq_free(r);
    eng_free(w.e);
    sb_stats_leave();
    return 0;
}
