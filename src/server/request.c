/* request.c - FastCGI (libfcgi) and CGI requests behind one small interface.
 *
 * Waiting for a FastCGI request is done with ppoll() on a non-blocking
 * listening socket, with the worker's control signals unblocked only inside
 * ppoll.  That gives the worker two guarantees libfcgi alone cannot: a
 * SIGTERM always ends an idle wait (no window between checking a flag and
 * blocking in accept), and no signal ever lands in the middle of a
 * request's reads or writes, where libfcgi would turn EINTR into a broken
 * request.  When several workers wake for one connection, the losers get
 * EAGAIN from accept and go back to waiting.
 *
 * Two of libfcgi's per-request costs are avoided (bench/RESULTS.md has the
 * figures).  On a unix socket the connection is accepted here and handed
 * to libfcgi as an open one: libfcgi would first poll the listening socket
 * again.  And a request whose input was read to its end is closed at once:
 * libfcgi otherwise half-closes, then waits in poll() until the web server
 * closes its end (a whole round trip through the server's event loop per
 * request, during which the worker serves nobody) so that unread input
 * cannot turn into a connection reset.  With nothing unread there is no
 * reset to fear; a request left with unread input (a refused body) still
 * gets libfcgi's careful close.
 *
 * A complete response (a head that declares its Content-Length, and that
 * many body bytes; or any head of a HEAD request) ends the FastCGI request
 * at its flush: one write carries the rest of the body, the end of the
 * stream and FCGI_END_REQUEST, and the web server has all of it while the
 * function may still be running (work after res.json()).  A flush before
 * that, as streaming does, writes at once.
 *
 * A streamed body (a head without Content-Length) does not go through
 * libfcgi's blocking writes: its FCGI_STDOUT records are made here and
 * queued, and sent with non-blocking send()s as the web server takes them
 * (rq_pump).  A write never waits for a slow client then; the queue's
 * size (http_io.queued) is what res.write() returns false on, and the
 * runtime's event loop waits for it to empty (http_io.wait) before 'drain'.
 * The queue is bounded all the same: past RQ_QUEUE_MAX a write waits, for
 * a function that ignores write()'s false.  The request's end sends the
 * rest, blocking, before libfcgi ends the stream.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <fastcgi.h>
#include <fcgiapp.h>

#include "common/now.h"
#include "server/request.h"

extern char **environ;

#define RQ_CHUNK (256 * 1024)
#define RQ_RECORD 32768                 /* content bytes per FCGI_STDOUT record made here */
#define RQ_QUEUE_MAX (4 * 1024 * 1024)  /* streamed bytes queued before a write waits */
/* Under load a connection is usually waiting already: the worker takes it
 * without ppoll, but goes through ppoll (where its control signals are
 * delivered) at least once every RQ_POLL_EVERY requests. */
#define RQ_POLL_EVERY 16

struct rq {
    int cgi;                /* 1: environ/stdin/stdout, one request */
    int listen_fd;
    int open;               /* a FastCGI request is accepted, not finished */
    int gone;               /* a write failed: the client left */
    int drained;            /* FCGI_STDIN read to its end: nothing left unread */
    int ended;              /* the FastCGI request was ended by a complete response */
    long long declared;     /* the head's Content-Length, -1: none (or HEAD: 0) */
    long long sent;         /* body bytes written */
    int local;              /* the listening socket is a unix socket */
    const sigset_t *mask_of; /* the `unblock` set `mask` was computed for */
    unsigned unpolled;      /* requests taken since the last ppoll */
    sigset_t mask;          /* what ppoll waits under */
    FCGX_Request fr;
    cgi_vars vars;          /* the open request's, into fr.envp (or environ) */
    char *body;             /* owned, freed by rq_finish */
    /* the body read as it arrives (rq_body_begin, rq_in) */
    int lazy;               /* rq_body_begin was called: reads go through `in` */
    int in_status;          /* the first HTTP_IN_* error, sticky; 0: none */
    long long left;         /* declared bytes not read yet; -1: no length given */
    size_t max;             /* the limit on an undeclared body */
    size_t got;             /* bytes read of an undeclared body */
    int kept;               /* the rest was read into body (a response that ended
                               first): reads come from there */
    size_t kept_len, kept_off;
    http_in in;
    /* a streamed body's records, sent as the web server takes them */
    int direct;             /* the body's records are made and queued here */
    char *q;                /* owned; q[qhead..qtail) waits to be sent */
    size_t qcap, qhead, qtail;
    http_io io;
};

static int rq_head(void *ud, int status, const char *headers, size_t len);
static int rq_body(void *ud, const char *data, size_t len);
static int rq_flush(void *ud);
static long long rq_in_read(void *ud, char *buf, size_t len);
static size_t rq_queued(void *ud);
static int rq_wait(void *ud, double ms, size_t low);

static rq *rq_alloc(int cgi)
{
    rq *r = calloc(1, sizeof *r);

    if (r == NULL)
        return NULL;
    r->cgi = cgi;
    r->listen_fd = -1;
    r->io.ud = r;
    r->io.head = rq_head;
    r->io.body = rq_body;
    r->io.flush = rq_flush;
    r->io.queued = rq_queued;
    r->io.wait = rq_wait;
    r->in.ud = r;
    r->in.read = rq_in_read;
    return r;
}

rq *rq_new_fcgi(int listen_fd)
{
    int fl;
    rq *r;

    if (FCGX_Init() != 0) {
        errno = EIO;
        return NULL;
    }
    /* non-blocking so that a worker losing the race for a connection comes
     * back to ppoll instead of sleeping in accept with signals blocked */
    fl = fcntl(listen_fd, F_GETFL);
    if (fl < 0 || fcntl(listen_fd, F_SETFL, fl | O_NONBLOCK) < 0)
        return NULL;
    r = rq_alloc(0);
    if (r == NULL)
        return NULL;
    r->listen_fd = listen_fd;
    {
        struct sockaddr_storage sa;
        socklen_t sl = sizeof sa;

        r->local = getsockname(listen_fd, (struct sockaddr *)&sa, &sl) == 0 &&
                   sa.ss_family == AF_UNIX;
    }
    if (FCGX_InitRequest(&r->fr, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
        free(r);
        errno = EIO;
        return NULL;
    }
    return r;
}

rq *rq_new_cgi(void)
{
    rq *r = rq_alloc(1);

    if (r != NULL)
        cgi_parse(&r->vars, environ);
    return r;
}

void rq_free(rq *r)
{
    if (r == NULL)
        return;
    rq_finish(r);
    if (!r->cgi && r->fr.ipcFd >= 0)
        FCGX_Free(&r->fr, 1);   /* a kept connection */
    free(r->q);
    free(r);
}

/* The current mask minus `unblock`: the mask ppoll waits under.  The
 * worker's mask does not change between requests, so it is read once per
 * `unblock` set rather than with a syscall per request. */
static const sigset_t *rq_wait_mask(rq *r, const sigset_t *unblock)
{
    int s;

    if (r->mask_of == unblock && unblock != NULL)
        return &r->mask;
    if (sigprocmask(SIG_SETMASK, NULL, &r->mask) < 0)
        sigemptyset(&r->mask);
    r->mask_of = unblock;
    if (unblock == NULL)
        return &r->mask;
    for (s = 1; s < NSIG; s++)
        if (sigismember(unblock, s) == 1)
            sigdelset(&r->mask, s);
    return &r->mask;
}

/* Forgets the last request's body reading. */
static void rq_body_reset(rq *r)
{
    r->lazy = 0;
    r->in_status = 0;
    r->left = 0;
    r->max = 0;
    r->got = 0;
    r->kept = 0;
    r->kept_len = r->kept_off = 0;
    r->in.length = 0;
}

static int rq_retry_accept(int err)
{
    return err == EAGAIN || err == EWOULDBLOCK || err == EINTR ||
           err == ECONNABORTED || err == EPROTO;
}

/* Takes the connection the listening socket (non-blocking) reports
 * ready: 0 with a request open, 1 when there was none after all (another
 * worker took it, or the connection died before its params arrived), -1
 * on a fatal error of the listening socket (errno set). */
static int rq_take(rq *r)
{
    int rc;

    /* a unix socket: accept here (TCP stays libfcgi's, which checks
     * FCGI_WEB_SERVER_ADDRS and sets TCP_NODELAY) */
    if (r->local && r->fr.ipcFd < 0) {
        int fd = accept4(r->listen_fd, NULL, NULL, SOCK_CLOEXEC);

        if (fd < 0)
            return rq_retry_accept(errno) ? 1 : -1;
        r->fr.ipcFd = fd;
        /* FCGX_Accept_r first finishes the previous request, closing the
         * connection unless it is marked kept; the next BEGIN_REQUEST
         * record sets the flag anew */
        r->fr.keepConnection = 1;
    }
    rc = FCGX_Accept_r(&r->fr);
    if (rc == 0) {
        cgi_parse(&r->vars, r->fr.envp);
        r->open = 1;
        r->gone = 0;
        r->drained = 0;
        r->ended = 0;
        r->declared = -1;
        r->sent = 0;
        rq_body_reset(r);
        return 0;
    }
    if (rc < 0 && rq_retry_accept(-rc))
        return 1;
    errno = rc < 0 && rc > -4096 ? -rc : EIO;
    return -1;
}

int rq_accept(rq *r, const sigset_t *unblock, const volatile sig_atomic_t *cancel,
              void (*idle)(void *), void *ud)
{
    static const struct timespec now = { 0, 0 };
    const sigset_t *mask;

    if (r->cgi) {
        errno = EINVAL;
        return -1;
    }
    rq_finish(r);
    mask = rq_wait_mask(r, unblock);
    /* a SIGTERM waits for at most RQ_POLL_EVERY requests this way, all of
     * which a stopping worker would serve anyway (wrk_drain) */
    if (r->fr.ipcFd < 0 && r->unpolled < RQ_POLL_EVERY) {
        int rc = rq_take(r);

        if (rc != 1) {
            r->unpolled += rc == 0;
            return rc;
        }
        /* the accept found the queue empty: no need to ask ppoll */
        if (idle != NULL)
            idle(ud);
        idle = NULL;
    }
    r->unpolled = 0;
    for (;;) {
        /* p[1]: a connection the web server keeps open (fastcgi_keep_conn),
         * which brings its next request itself */
        struct pollfd p[2] = { { r->listen_fd, POLLIN, 0 }, { r->fr.ipcFd, POLLIN, 0 } };
        int kept = r->fr.ipcFd >= 0;
        /* with `idle` pending, first a look without waiting */
        int n = ppoll(p, kept ? 2 : 1, idle != NULL ? &now : NULL, mask), rc;

        /* a handler may run on the way out of a ppoll that also saw a
         * connection */
        if ((n < 0 && errno == EINTR) || (cancel != NULL && *cancel))
            return 1;
        if (n < 0)
            return -1;
        if (n == 0) {
            idle(ud);       /* nothing waiting: now, then wait for real */
            idle = NULL;
            continue;
        }
        if (p[0].revents & POLLNVAL) {
            errno = EBADF;
            return -1;
        }
        /* libfcgi serves one connection at a time and reads a kept one
         * without accepting: when a new connection waits and the kept one
         * is idle, let the kept one go rather than starve the newcomer */
        if (kept && p[1].revents == 0)
            FCGX_Free(&r->fr, 1);
        rc = rq_take(r);
        if (rc != 1)
            return rc;
    }
}

int rq_accept_queued(rq *r)
{
    struct pollfd p = { r->listen_fd, POLLIN, 0 };

    if (r->cgi) {
        errno = EINVAL;
        return -1;
    }
    rq_finish(r);
    if (poll(&p, 1, 0) <= 0 || !(p.revents & POLLIN))
        return 1;
    /* a kept connection would be read before the listening socket */
    if (r->fr.ipcFd >= 0)
        FCGX_Free(&r->fr, 1);
    return rq_take(r);
}

void rq_close_listener(rq *r)
{
    if (!r->cgi && r->listen_fd >= 0) {
        close(r->listen_fd);
        r->listen_fd = -1;
    }
}

const cgi_vars *rq_vars(rq *r)
{
    return &r->vars;
}

/* CONTENT_LENGTH: 1 and *n when present, 0 when absent or empty (nginx
 * sends it empty for requests without a body), -1 when malformed. */
static int rq_content_length(rq *r, unsigned long long *n)
{
    const char *s = r->vars.content_length;
    char *end;

    if (s == NULL || *s == '\0')
        return 0;
    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    *n = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0')
        return -1;
    return 1;
}

/* Reads up to `want` bytes; returns the count (short only at end of input)
 * or -1 on an I/O error. */
static long long rq_read(rq *r, char *buf, size_t want)
{
    size_t got = 0;

    while (got < want) {
        size_t step = want - got > RQ_CHUNK ? RQ_CHUNK : want - got;
        ssize_t n;

        if (r->cgi) {
            n = read(STDIN_FILENO, buf + got, step);
            if (n < 0 && errno == EINTR)
                continue;
        } else {
            n = FCGX_GetStr(buf + got, (int)step, r->fr.in);
            if (n < (ssize_t)step && FCGX_GetError(r->fr.in) != 0)
                return -1;
        }
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += (size_t)n;
        if (!r->cgi && (size_t)n < step)
            break;          /* libfcgi returns short only at end of stream */
    }
    return (long long)got;
}

/* FastCGI: 1 when the input is at its end (the empty FCGI_STDIN record
 * is next), which marks the request drained; 0 when more bytes follow
 * (they stay unread). */
static int rq_at_end(rq *r)
{
    int c = FCGX_GetChar(r->fr.in);

    if (c == EOF) {
        if (FCGX_GetError(r->fr.in) == 0)
            r->drained = 1;
        return 1;
    }
    FCGX_UnGetChar(c, r->fr.in);
    return 0;
}

/* No CONTENT_LENGTH (a streamed FastCGI body): grow up to max + 1 bytes,
 * the one extra byte proving the body too large. */
static rq_body_status rq_read_unsized(rq *r, size_t max, size_t *len)
{
    size_t cap = 0, have = 0;

    for (;;) {
        long long n;
        size_t want;

        if (have == cap) {
            size_t ncap = cap == 0 ? 16384 : cap * 2;
            char *nb;

            if (ncap > max + 1)
                ncap = max + 1;
            if (ncap <= cap)
                return RQ_BODY_TOO_LARGE;
            nb = realloc(r->body, ncap);
            if (nb == NULL)
                return RQ_BODY_ERR;
            r->body = nb;
            cap = ncap;
        }
        want = cap - have;
        n = rq_read(r, r->body + have, want);
        if (n < 0)
            return RQ_BODY_ERR;
        have += (size_t)n;
        if (have > max)
            return RQ_BODY_TOO_LARGE;
        if ((size_t)n < want)
            break;
    }
    *len = have;
    return RQ_BODY_OK;
}

/* A CONTENT_LENGTH no real body has: the body is read to the end of the
 * input. */
#define RQ_UNSIZED ULLONG_MAX

/* What the request says of its body, the same for reading it whole and
 * as it arrives: RQ_BODY_OK with *size 0 when there is none (the input is
 * then drained), the declared length, or RQ_UNSIZED when it is read to
 * the end of the input; RQ_BODY_SHORT for a malformed length and
 * RQ_BODY_TOO_LARGE for one past max. */
static rq_body_status rq_body_size(rq *r, size_t max, unsigned long long *size)
{
    unsigned long long cl = 0;
    int has = rq_content_length(r, &cl);

    *size = 0;
    if (has < 0)
        return RQ_BODY_SHORT;
    if (has == 0) {
        /* CGI: no length means no body (RFC 3875); FastCGI: nginx sends
         * an empty CONTENT_LENGTH with every GET, and the end of the input
         * follows at once (seeing it first spares the growing buffer) */
        if (r->cgi || rq_at_end(r))
            return RQ_BODY_OK;
        *size = RQ_UNSIZED;
        return RQ_BODY_OK;
    }
    if (cl > max)
        return RQ_BODY_TOO_LARGE;
    if (cl == 0 && !r->cgi)
        rq_at_end(r);
    *size = cl;
    return RQ_BODY_OK;
}

rq_body_status rq_read_body(rq *r, size_t max, const char **body, size_t *len)
{
    unsigned long long size;
    long long n;
    rq_body_status st;

    *body = NULL;
    *len = 0;
    st = rq_body_size(r, max, &size);
    if (st != RQ_BODY_OK || size == 0)
        return st;
    if (size == RQ_UNSIZED) {
        st = rq_read_unsized(r, max, len);
        if (st == RQ_BODY_OK) {
            r->drained = 1;     /* it stops only at the end of the input */
            if (*len > 0)
                *body = r->body;
        }
        return st;
    }
    r->body = malloc((size_t)size);
    if (r->body == NULL)
        return RQ_BODY_ERR;
    n = rq_read(r, r->body, (size_t)size);
    if (n < 0)
        return RQ_BODY_ERR;
    if ((unsigned long long)n < size)
        return RQ_BODY_SHORT;
    if (!r->cgi)
        rq_at_end(r);           /* bytes past CONTENT_LENGTH stay unread */
    *body = r->body;
    *len = (size_t)size;
    return RQ_BODY_OK;
}

rq_body_status rq_body_begin(rq *r, size_t max)
{
    unsigned long long size;
    rq_body_status st;

    rq_body_reset(r);
    r->lazy = 1;
    r->max = max;
    st = rq_body_size(r, max, &size);
    if (st != RQ_BODY_OK || size == 0)
        return st;
    r->left = size == RQ_UNSIZED ? -1 : (long long)size;
    r->in.length = r->left;
    return RQ_BODY_OK;
}

/* The reading behind rq_in: from the input, or from what rq_keep_rest
 * saved once the response had ended the FastCGI request. */
static long long rq_in_read(void *ud, char *buf, size_t len)
{
    rq *r = ud;
    long long n;

    if (r->kept) {
        size_t k = r->kept_len - r->kept_off;

        if (k > len)
            k = len;
        if (k > 0)
            memcpy(buf, r->body + r->kept_off, k);
        r->kept_off += k;
        return (long long)k;
    }
    if (r->in_status != 0)
        return r->in_status;
    if (r->left == 0 || len == 0)
        return 0;
    if (!r->cgi && (!r->open || r->ended))
        return r->in_status = HTTP_IN_ERR;
    if (r->left > 0) {
        if ((unsigned long long)len > (unsigned long long)r->left)
            len = (size_t)r->left;
        n = rq_read(r, buf, len);
        if (n < 0)
            return r->in_status = HTTP_IN_ERR;
        if (n == 0)
            return r->in_status = HTTP_IN_SHORT;
        r->left -= n;
        if (r->left == 0 && !r->cgi)
            rq_at_end(r);       /* bytes past CONTENT_LENGTH stay unread */
        return n;
    }
    /* no length given: up to the end of the input, within the limit */
    n = rq_read(r, buf, len);
    if (n < 0)
        return r->in_status = HTTP_IN_ERR;
    if ((size_t)n > r->max - r->got)
        return r->in_status = HTTP_IN_TOO_LARGE;
    r->got += (size_t)n;
    if ((size_t)n < len) {
        r->left = 0;            /* libfcgi reads short only at the end */
        r->drained = 1;
    }
    return n;
}

const http_in *rq_in(rq *r)
{
    return &r->in;
}

/* A response that completes the FastCGI request ends it at its flush,
 * while the function may still read the body (work after res.json()):
 * the rest of the input is read into memory first, where the reads find
 * it.  It is within the limit, as reading it whole before the function
 * would have been.  On failure the reads get the error. */
static void rq_keep_rest(rq *r)
{
    size_t len = 0;

    if (!r->lazy || r->kept || r->drained || r->in_status != 0 || r->left == 0)
        return;
    free(r->body);
    r->body = NULL;
    if (r->left > 0) {
        long long n;

        r->body = malloc((size_t)r->left);
        if (r->body == NULL) {
            r->in_status = HTTP_IN_ERR;
            return;
        }
        n = rq_read(r, r->body, (size_t)r->left);
        if (n < 0 || n < r->left) {
            r->in_status = n < 0 ? HTTP_IN_ERR : HTTP_IN_SHORT;
            return;
        }
        len = (size_t)n;
        rq_at_end(r);
    } else {
        rq_body_status st = rq_read_unsized(r, r->max - r->got, &len);

        if (st != RQ_BODY_OK) {
            r->in_status = st == RQ_BODY_TOO_LARGE ? HTTP_IN_TOO_LARGE : HTTP_IN_ERR;
            return;
        }
        r->drained = 1;
    }
    r->left = 0;
    r->kept = 1;
    r->kept_len = len;
    r->kept_off = 0;
}

/* A function done without reading the whole body: the rest, which the
 * limit bounds, is read and dropped, so that the request closes at once
 * (see the top of this file) instead of in libfcgi's lingering close. */
static void rq_discard_rest(rq *r)
{
    char buf[16384];

    if (!r->lazy || r->kept || r->drained || r->in_status != 0 || r->left == 0 || r->cgi)
        return;
    for (;;) {
        long long n = rq_in_read(r, buf, sizeof buf);

        if (n <= 0)
            break;
    }
}

const http_io *rq_io(rq *r)
{
    return &r->io;
}

/* CGI output goes straight to fd 1, unbuffered, so streamed writes reach
 * the web server at once. */
static int rq_cgi_write(const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(STDOUT_FILENO, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int rq_put(rq *r, const char *p, size_t n)
{
    if (r->gone)
        return -1;
    if (r->cgi) {
        if (rq_cgi_write(p, n) < 0)
            r->gone = 1;
    } else {
        while (n > 0 && !r->gone) {
            int step = n > RQ_CHUNK ? RQ_CHUNK : (int)n;
            if (FCGX_PutStr(p, step, r->fr.out) != step)
                r->gone = 1;
            p += step;
            n -= (size_t)step;
        }
    }
    return r->gone ? -1 : 0;
}

/* The Content-Length a header block declares (the last one), or -1. */
static long long rq_declared_length(const char *h, size_t len)
{
    static const char name[] = "content-length:";
    const size_t nl = sizeof name - 1;
    const char *end = h + len;
    long long v = -1;

    while (h < end) {
        const char *eol = memchr(h, '\n', (size_t)(end - h));

        if (eol == NULL)
            eol = end;
        if ((size_t)(eol - h) > nl && strncasecmp(h, name, nl) == 0) {
            const char *p = h + nl;

            while (p < eol && *p == ' ')
                p++;
            for (v = p < eol && *p >= '0' && *p <= '9' ? 0 : -1;
                 v >= 0 && p < eol && *p >= '0' && *p <= '9' && v < (1LL << 50); p++)
                v = v * 10 + (*p - '0');
        }
        h = eol + 1;
    }
    return v;
}

/* "Status: 200 OK\r\n" into line; its length, or -1 when it does not fit.
 * A three-digit status is put together by hand: snprintf cost ~1,600
 * instructions a request. */
static int rq_status_line(char *line, size_t cap, int status)
{
    static const char pre[] = "Status: ";
    const char *reason = http_reason(status);
    size_t rl = strlen(reason), n = sizeof pre - 1;

    if (status < 100 || status > 999) {
        int k = snprintf(line, cap, "%s%d %s\r\n", pre, status, reason);

        return k < 0 || (size_t)k >= cap ? -1 : k;
    }
    if (n + 4 + rl + 2 >= cap)
        return -1;
    memcpy(line, pre, n);
    line[n++] = (char)('0' + status / 100);
    line[n++] = (char)('0' + status / 10 % 10);
    line[n++] = (char)('0' + status % 10);
    line[n++] = ' ';
    memcpy(line + n, reason, rl);
    n += rl;
    line[n++] = '\r';
    line[n++] = '\n';
    return (int)n;
}

static int rq_head(void *ud, int status, const char *headers, size_t len)
{
    rq *r = ud;
    char line[96];
    const char *method;
    int n;

    if (r->cgi == 0 && (!r->open || r->ended))
        return -1;
    if (!r->cgi) {
        /* a HEAD response never carries its body: the head completes it */
        method = r->vars.method;
        r->declared = method != NULL && strcmp(method, "HEAD") == 0 ? 0 :
                      rq_declared_length(headers, len);
    }
    n = rq_status_line(line, sizeof line, status);
    if (n < 0)
        return -1;
    if (rq_put(r, line, (size_t)n) < 0 || rq_put(r, headers, len) < 0)
        return -1;
    return rq_put(r, "\r\n", 2);
}

/* Sends queued bytes with non-blocking writes until no more than `low`
 * wait.  ms: how long to wait for the web server to take more, 0: not at
 * all, < 0: as long as it takes.  0, or -1 once the client is gone. */
static int rq_pump(rq *r, double ms, size_t low)
{
    double until = ms > 0 ? now_ms() + ms : 0;

    while (!r->gone && r->qtail - r->qhead > low) {
        ssize_t n = send(r->fr.ipcFd, r->q + r->qhead, r->qtail - r->qhead,
                         MSG_DONTWAIT | MSG_NOSIGNAL);
        struct pollfd p = { r->fr.ipcFd, POLLOUT, 0 };
        int left, rc;

        if (n > 0) {
            r->qhead += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
            r->gone = 1;
            break;
        }
        if (ms == 0)
            break;
        left = ms < 0 ? -1 : (int)(until - now_ms() + 0.999);
        if (ms > 0 && left <= 0)
            break;
        rc = poll(&p, 1, left);
        if (rc < 0 && errno != EINTR) {
            r->gone = 1;
            break;
        }
        if (rc > 0 && (p.revents & (POLLERR | POLLHUP | POLLNVAL)) && !(p.revents & POLLOUT)) {
            r->gone = 1;
            break;
        }
    }
    if (r->qhead == r->qtail)
        r->qhead = r->qtail = 0;
    return r->gone ? -1 : 0;
}

/* Appends len bytes to the queue as FCGI_STDOUT records (the queue's
 * sent part moved out of the way first).  0, or -1 out of memory. */
static int rq_enqueue(rq *r, const char *data, size_t len)
{
    size_t need = len + (len / RQ_RECORD + 1) * 8;

    if (r->qhead > 0 && r->qtail + need > r->qcap) {
        memmove(r->q, r->q + r->qhead, r->qtail - r->qhead);
        r->qtail -= r->qhead;
        r->qhead = 0;
    }
    if (r->qtail + need > r->qcap) {
        size_t cap = r->qcap ? r->qcap : 65536;
        char *nq;

        while (cap < r->qtail + need)
            cap *= 2;
        nq = realloc(r->q, cap);
        if (nq == NULL)
            return -1;
        r->q = nq;
        r->qcap = cap;
    }
    while (len > 0) {
        size_t n = len > RQ_RECORD ? RQ_RECORD : len;
        unsigned char *h = (unsigned char *)r->q + r->qtail;

        h[0] = FCGI_VERSION_1;
        h[1] = FCGI_STDOUT;
        h[2] = (unsigned char)(r->fr.requestId >> 8);
        h[3] = (unsigned char)r->fr.requestId;
        h[4] = (unsigned char)(n >> 8);
        h[5] = (unsigned char)n;
        h[6] = 0;               /* no padding */
        h[7] = 0;
        memcpy(r->q + r->qtail + 8, data, n);
        r->qtail += 8 + n;
        data += n;
        len -= n;
    }
    return 0;
}

static int rq_body(void *ud, const char *data, size_t len)
{
    rq *r = ud;

    if (r->cgi == 0 && (!r->open || r->ended))
        return -1;
    r->sent += (long long)len;
    if (r->cgi || r->declared >= 0)
        return rq_put(r, data, len);
    if (r->gone)
        return -1;
    /* a streamed body: what libfcgi holds (the head) goes first */
    if (!r->direct) {
        if (FCGX_FFlush(r->fr.out) != 0) {
            r->gone = 1;
            return -1;
        }
        r->direct = 1;
    }
    if (rq_enqueue(r, data, len) < 0)
        return -1;
    if (rq_pump(r, 0, 0) < 0)
        return -1;
    /* bounded: a function that ignores write()'s false waits here */
    if (r->qtail - r->qhead > RQ_QUEUE_MAX)
        return rq_pump(r, -1, RQ_QUEUE_MAX / 2);
    return 0;
}

static size_t rq_queued(void *ud)
{
    rq *r = ud;

    return r->direct ? r->qtail - r->qhead : 0;
}

static int rq_wait(void *ud, double ms, size_t low)
{
    rq *r = ud;

    if (r->gone)
        return -1;
    if (!r->direct)
        return 0;
    return rq_pump(r, ms, low);
}

/* Ends the FastCGI request: the buffered output, the end of the stream
 * and FCGI_END_REQUEST in one write, then the connection closed (or kept
 * for the server's next request).  The CGI variables stay readable until
 * rq_finish(). */
static void rq_end(rq *r)
{
    char **envp = r->fr.envp;
    struct Params *params = r->fr.paramsPtr;

    if (!r->open || r->ended)
        return;
    /* a streamed body's rest first, libfcgi's end of the stream after it */
    if (r->direct && !r->gone)
        rq_pump(r, -1, 0);
    r->direct = 0;
    r->qhead = r->qtail = 0;
    /* nothing unread: close without libfcgi's lingering wait (see the top
     * of this file) */
    if (r->drained)
        FCGX_Detach(&r->fr);
    /* keep the variables for the access log: FCGX_Free would free them */
    r->fr.paramsPtr = NULL;
    FCGX_Finish_r(&r->fr);
    r->fr.paramsPtr = params;
    r->fr.envp = envp;
    /* a kept connection stays open: its next request starts careful */
    r->fr.detached = 0;
    r->ended = 1;
}

static int rq_flush(void *ud)
{
    rq *r = ud;

    if (r->gone)
        return -1;
    if (r->cgi)
        return 0;
    if (r->open && !r->ended && r->declared >= 0 && r->sent >= r->declared) {
        rq_keep_rest(r);
        rq_end(r);
        return 0;
    }
    if (r->direct)
        return rq_pump(r, 0, 0);
    if (!r->open || r->ended || FCGX_FFlush(r->fr.out) != 0)
        r->gone = 1;
    return r->gone ? -1 : 0;
}

void rq_finish(rq *r)
{
    if (r->open) {
        if (!r->ended)
            rq_discard_rest(r);
        rq_end(r);
        /* the variables kept by rq_end, freed the way libfcgi would */
        FCGX_Free(&r->fr, 0);
        cgi_parse(&r->vars, NULL);
        r->open = 0;
        r->drained = 0;
    }
    free(r->body);
    r->body = NULL;
    r->gone = 0;
    r->direct = 0;
    r->qhead = r->qtail = 0;
    if (r->qcap > 1024 * 1024) {    /* a big stream's queue is not kept */
        free(r->q);
        r->q = NULL;
        r->qcap = 0;
    }
}
