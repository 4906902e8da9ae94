/* main.c - invoke-fcgi: picks one of the three ways of running
 * (doc/contract.md §11).
 *
 *  1. --listen ADDR: open the socket and pre-fork --workers workers (2).
 *  2. fd 0 is a listening socket (spawn-fcgi, mod_fcgid): serve it, through
 *     the supervisor only when --workers asks for more than one process,
 *     since the spawner usually manages the processes itself.
 *  3. Otherwise plain CGI: one request from environ/stdin to stdout.
 *
 * Before 2 and 3: a socket passed by systemd (LISTEN_PID is us, LISTEN_FDS
 * >= 1, the socket on fd 3) is served like --listen, with the supervisor.
 *
 * A unix socket is created with mode 0666 so that any web-server user can
 * connect; the folder that holds it is what should restrict access.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <fcgiapp.h>

#include "config.h"
#include "server/cfg.h"
#include "common/log.h"
#include "server/scoreboard.h"
#include "server/supervisor.h"
#include "server/worker.h"
#include "server/scheduler.h"
#include "engine/engine.h"
#include "engine/heap.h"

#define MAIN_BACKLOG 1024

/* The unix socket this process created, removed again on stop. */
static struct {
    const char *path;
    dev_t dev;
    ino_t ino;
} main_sock;

static int main_fail(const char *what, const char *detail)
{
    fprintf(stderr, "invoke-fcgi: %s: %s\n", what, detail);
    return -1;
}

/* Refuses to take over a socket a live server still answers on; removes
 * one left behind by a crash.  Never removes anything but a socket. */
static int main_unlink_stale(const struct sockaddr_un *sa)
{
    struct stat st;
    int fd, live;

    if (lstat(sa->sun_path, &st) < 0)
        return errno == ENOENT ? 0 : main_fail(sa->sun_path, strerror(errno));
    if (!S_ISSOCK(st.st_mode))
        return main_fail(sa->sun_path, "exists and is not a socket");
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return main_fail("socket", strerror(errno));
    live = connect(fd, (const struct sockaddr *)sa, sizeof *sa) == 0;
    close(fd);
    if (live)
        return main_fail(sa->sun_path, "another server is listening there");
    if (unlink(sa->sun_path) < 0)
        return main_fail(sa->sun_path, strerror(errno));
    return 0;
}

static int main_listen_unix(const char *path)
{
    struct sockaddr_un sa;
    struct stat st;
    int fd;

    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    if (*path == '\0' || strlen(path) >= sizeof sa.sun_path)
        return main_fail(path, "not a usable socket path");
    strcpy(sa.sun_path, path);
    if (main_unlink_stale(&sa) < 0)
        return -1;
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return main_fail("socket", strerror(errno));
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 ||
        chmod(path, 0666) < 0 || listen(fd, MAIN_BACKLOG) < 0 ||
        stat(path, &st) < 0) {
        main_fail(path, strerror(errno));
        close(fd);
        return -1;
    }
    main_sock.path = path;
    main_sock.dev = st.st_dev;
    main_sock.ino = st.st_ino;
    return fd;
}

static int main_bind_ai(const struct addrinfo *ai)
{
    int one = 1;
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);

    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
        bind(fd, ai->ai_addr, ai->ai_addrlen) < 0 ||
        listen(fd, MAIN_BACKLOG) < 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

/* HOST:PORT, [V6]:PORT, or *:PORT / :PORT for every address. */
static int main_listen_tcp(const char *addr)
{
    char host[256];
    const char *colon = strrchr(addr, ':');
    struct addrinfo hints, *res, *ai;
    size_t hlen;
    int fd = -1, rc;

    if (colon == NULL || colon[1] == '\0' || (size_t)(colon - addr) >= sizeof host)
        return main_fail(addr, "expected HOST:PORT or unix:PATH");
    hlen = (size_t)(colon - addr);
    if (hlen >= 2 && addr[0] == '[' && addr[hlen - 1] == ']') {
        memcpy(host, addr + 1, hlen - 2);
        host[hlen - 2] = '\0';
    } else {
        memcpy(host, addr, hlen);
        host[hlen] = '\0';
    }
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    rc = getaddrinfo(host[0] == '\0' || strcmp(host, "*") == 0 ? NULL : host,
                     colon + 1, &hints, &res);
    if (rc != 0)
        return main_fail(addr, gai_strerror(rc));
    errno = EADDRNOTAVAIL;
    for (ai = res; ai != NULL && fd < 0; ai = ai->ai_next)
        fd = main_bind_ai(ai);
    if (fd < 0)
        main_fail(addr, strerror(errno));
    freeaddrinfo(res);
    return fd;
}

static int main_serve(int fd, void *ud)
{
    return wrk_serve(fd, ud);
}

static int main_schedule(void *ud)
{
    return schd_serve(ud);
}

/* Set by the replicator's signal handler: the store's loop looks at it. */
static volatile int main_repl_stop;

static void main_repl_signal(int sig)
{
    if (sig == SIGUSR1)
        log_reopen();
    else
        main_repl_stop = 1;
}

/* The replicator child (--replicate): the store's Replication Manager and
 * the writes the workers hand it.  Its threads may take the signals, so
 * they only set a flag the store's loop reads four times a second. */
static int main_replicate(void *ud)
{
    const cfg *c = ud;
    struct sigaction sa;
    sigset_t ctl;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = main_repl_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGHUP, &sa, NULL);
    sigemptyset(&ctl);
    sigaddset(&ctl, SIGTERM);
    sigaddset(&ctl, SIGINT);
    sigaddset(&ctl, SIGQUIT);
    sigaddset(&ctl, SIGUSR1);
    sigprocmask(SIG_UNBLOCK, &ctl, NULL);
    return eng_repl_serve(c->data, &main_repl_stop);
}

/* A scheduler only for a root with a _schedule file (scheduler.h). */
static int main_schedule_wanted(void *ud)
{
    return schd_wanted(ud);
}

/* Removes our unix socket, unless another instance has replaced it. */
static void main_remove_socket(void)
{
    struct stat st;

    if (main_sock.path == NULL || stat(main_sock.path, &st) < 0)
        return;
    if (st.st_dev == main_sock.dev && st.st_ino == main_sock.ino &&
        unlink(main_sock.path) < 0)
        log_sys("error", "removing %s: %s", main_sock.path, strerror(errno));
}

static int main_supervise(int fd, cfg *c, const char *where)
{
    sup_opts o;
    int rc;

    /* once per pool start: CGI and mod_fcgid's processes start too often */
    if (c->data != NULL)
        eng_prune_bytecode(c->data, (unsigned long long) c->bytecode_max);
    memset(&o, 0, sizeof o);
    o.listen_fd = fd;
    o.workers = c->workers;
    o.stop_timeout = c->timeout + 5;
    o.kill_after = c->timeout > 0 ? c->timeout + CFG_KILL_GRACE : 0;
    o.serve = main_serve;
    /* a root's _schedule is run by the supervisor's scheduler child; a
     * root given per request (INVOKE_ROOT) has no one to run it */
    o.aux = c->root != NULL ? main_schedule : NULL;
    o.aux_wanted = main_schedule_wanted;
    o.repl = c->replicate != NULL ? main_replicate : NULL;
    o.ud = c;
    /* the functions' counters start from 0 with the pool, before any
     * worker is forked (they all inherit the mapping) */
    sb_stats_open(c->data, SB_STATS_FRESH);
    log_sys("notice", "invoke-fcgi %s started on %s, %d workers, master pid %d",
            PACKAGE_VERSION, where, c->workers, (int)getpid());
    rc = sup_run(&o);
    main_remove_socket();
    log_sys("notice", "invoke-fcgi stopped");
    return rc;
}

static int main_listen(cfg *c)
{
    int fd;

    if (strncmp(c->listen, "unix:", 5) == 0)
        fd = main_listen_unix(c->listen + 5);
    else
        fd = main_listen_tcp(c->listen);
    if (fd < 0)
        return 2;
    if (c->workers == 0)
        c->workers = 2;
    return main_supervise(fd, c, c->listen);
}

static int main_fd0(cfg *c)
{
    int rc;

    if (c->workers > 1)
        return main_supervise(0, c, "fd 0");
    log_sys("notice", "invoke-fcgi %s started on fd 0, pid %d",
            PACKAGE_VERSION, (int)getpid());
    rc = wrk_serve(0, c);
    log_sys("notice", "invoke-fcgi stopped");
    return rc;
}

/* sd_listen_fds(3) without libsystemd: the variables are for this pid
 * only, so they are removed before any child could see them.  Returns the
 * first passed descriptor (3), or -1 when systemd passed none. */
static int main_systemd_fd(void)
{
    const char *pid = getenv("LISTEN_PID"), *fds = getenv("LISTEN_FDS");
    char *end;
    long p, n;
    struct stat st;

    if (pid == NULL || fds == NULL)
        return -1;
    p = strtol(pid, &end, 10);
    if (*end != '\0' || p != (long)getpid())
        return -1;
    n = strtol(fds, &end, 10);
    unsetenv("LISTEN_PID");
    unsetenv("LISTEN_FDS");
    unsetenv("LISTEN_FDNAMES");
    if (*end != '\0' || n < 1)
        return -1;
    if (n > 1)
        log_sys("warn", "systemd passed %ld sockets; serving the first (fd 3) only", n);
    if (fstat(3, &st) < 0 || !S_ISSOCK(st.st_mode)) {
        main_fail("LISTEN_FDS", "fd 3 is not a socket");
        return -2;
    }
    /* workers inherit it through fork, never an exec'd program */
    fcntl(3, F_SETFD, FD_CLOEXEC);
    return 3;
}

/* --root must be a folder when given (absent, INVOKE_ROOT names it per
 * request).  It is kept as written, made absolute, not resolved: a
 * symlink to the current release is followed anew for every request
 * (engine.h). */
static int main_root(cfg *c, char *buf)
{
    char cwd[PATH_MAX];
    struct stat st;

    if (c->root == NULL)
        return 0;
    if (stat(c->root, &st) < 0)
        return main_fail(c->root, strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return main_fail(c->root, "not a folder");
    if (c->root[0] != '/') {
        if (getcwd(cwd, sizeof cwd) == NULL ||
            (size_t) snprintf(buf, PATH_MAX, "%s/%s", cwd, c->root) >= PATH_MAX)
            return main_fail(c->root, "path too long");
        c->root = buf;
    }
    return 0;
}

int main(int argc, char **argv)
{
    static char root[PATH_MAX];
    struct sigaction sa;
    cfg c;
    int fd;

    (void) heap_reserve_stack();   /* deep regexps: see engine/heap.h */
    if (cfg_parse(&c, argc, argv) < 0)
        return 2;
    if (main_root(&c, root) < 0)
        return 2;
    if (c.replicate != NULL) {
        char err[400];

        if (eng_replicate(c.replicate, c.peers, c.npeers, c.priority, c.acks, c.timeout,
                          err, sizeof err) < 0) {
            main_fail("replicate", err);
            return 2;
        }
    }
    if (log_open(c.log) < 0) {
        main_fail(c.log, strerror(errno));
        return 2;
    }
    /* a client gone mid-response must be an EPIPE, not a dead worker */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_IGN;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGPIPE, &sa, NULL) < 0) {
        main_fail("sigaction", strerror(errno));
        return 2;
    }
    if (c.listen != NULL)
        return main_listen(&c);
    fd = main_systemd_fd();
    if (fd == -2)
        return 2;
    if (fd >= 0) {
        if (c.workers == 0)
            c.workers = 2;
        return main_supervise(fd, &c, "the systemd socket (fd 3)");
    }
    if (!FCGX_IsCGI())
        return main_fd0(&c);
    if (getenv("REQUEST_METHOD") == NULL) {
        /* started by hand: say so instead of serving an empty request */
        fprintf(stderr, "invoke-fcgi: no FastCGI socket on fd 0 and no CGI "
                "request in the environment (see --help, or use --listen)\n");
        return 2;
    }
    return wrk_cgi(&c);
}
