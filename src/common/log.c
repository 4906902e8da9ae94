/* log.c - one log line per call, written whole with a single write(2).
 *
 * Every process of the responder (the supervisor and all its workers) shares
 * one descriptor opened with O_APPEND.  A line is assembled completely in
 * memory first and handed to the kernel in one write, so lines from several
 * processes may alternate but never mix.  The format is fixed because tests
 * and log shippers parse it:
 *
 *     TIME LEVEL REQID FUNC MESSAGE
 *
 * TIME is UTC ISO-8601 with milliseconds, REQID and FUNC are "-" when absent.
 * Control characters inside any field are escaped, so one call is one line
 * whatever a function logs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"

#define LOG_LINE_MAX (64 * 1024)
#define LOG_STACK 2048
static const char log_trunc_mark[] = "\xe2\x80\xa6[truncated]";

static int log_fd = STDERR_FILENO;
static char *log_path;              /* NULL: stderr */
static void (*log_tee_fn)(void *ud, const char *line, size_t len);
static void *log_tee_ud;

/* A line being built: a fixed-capacity buffer that refuses bytes beyond the
 * room kept for the truncation mark and the final newline. */
typedef struct {
    char *p;
    size_t len, cap;
    int truncated;
} log_line;

static int log_open_path(const char *path)
{
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0)
        return -1;
    if (log_fd > STDERR_FILENO)
        close(log_fd);
    log_fd = fd;
    return 0;
}

int log_open(const char *path)
{
    char *copy;

    if (path == NULL || strcmp(path, "-") == 0) {
        free(log_path);
        log_path = NULL;
        if (log_fd > STDERR_FILENO)
            close(log_fd);
        log_fd = STDERR_FILENO;
        return 0;
    }
    copy = strdup(path);
    if (copy == NULL)
        return -1;
    if (log_open_path(copy) < 0) {
        int saved = errno;
        free(copy);
        errno = saved;
        return -1;
    }
    free(log_path);
    log_path = copy;
    return 0;
}

/* On failure the old descriptor stays in use: a rotated-away file is better
 * than losing lines. */
int log_reopen(void)
{
    if (log_path == NULL)
        return 0;
    return log_open_path(log_path);
}

static void log_line_put(log_line *b, const char *s, size_t n)
{
    /* keep room for the mark and '\n' */
    size_t room = b->cap - sizeof log_trunc_mark - b->len;

    if (b->truncated)
        return;
    if (n > room) {
        n = room;
        b->truncated = 1;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void log_line_str(log_line *b, const char *s)
{
    log_line_put(b, s, strlen(s));
}

/* Copies s, turning CR and LF into the two characters "\r" / "\n" and other
 * control bytes (but tab) into "\xNN", so nothing can end the line early or
 * steer a terminal. */
static void log_line_escaped(log_line *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, run = 0;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[4];
        size_t elen;

        if (c >= 0x20 && c != 0x7f)
            continue;
        if (c == '\t')
            continue;
        log_line_put(b, s + run, i - run);
        run = i + 1;
        esc[0] = '\\';
        if (c == '\n' || c == '\r') {
            esc[1] = c == '\n' ? 'n' : 'r';
            elen = 2;
        } else {
            esc[1] = 'x';
            esc[2] = hex[c >> 4];
            esc[3] = hex[c & 15];
            elen = 4;
        }
        log_line_put(b, esc, elen);
    }
    log_line_put(b, s + run, n - run);
}

static void log_line_field(log_line *b, const char *s)
{
    if (s == NULL || *s == '\0')
        s = "-";
    log_line_escaped(b, s, strlen(s));
    log_line_put(b, " ", 1);
}

/* The time of a line.  The date and time to the second are formatted once
 * per second (gmtime_r and strftime cost more than the rest of an access
 * line); the milliseconds every time.  The cache is per thread: the kv
 * replicator logs from Berkeley DB's Replication Manager threads too, and a
 * shared one could hand a line half of another second's text. */
static void log_line_time(log_line *b)
{
    static _Thread_local time_t last_sec = -1;
    static _Thread_local char last[32];
    static _Thread_local size_t last_len;
    struct timespec ts;
    struct tm tm;
    char ms[8];
    long m;

    if (clock_gettime(CLOCK_REALTIME, &ts) < 0) {
        log_line_str(b, "0000-00-00T00:00:00.000Z ");
        return;
    }
    if (ts.tv_sec != last_sec) {
        if (gmtime_r(&ts.tv_sec, &tm) == NULL) {
            log_line_str(b, "0000-00-00T00:00:00.000Z ");
            return;
        }
        last_len = strftime(last, sizeof last, "%Y-%m-%dT%H:%M:%S", &tm);
        last_sec = ts.tv_sec;
    }
    m = ts.tv_nsec / 1000000L;
    ms[0] = '.';
    ms[1] = (char)('0' + m / 100);
    ms[2] = (char)('0' + m / 10 % 10);
    ms[3] = (char)('0' + m % 10);
    ms[4] = 'Z';
    ms[5] = ' ';
    log_line_put(b, last, last_len);
    log_line_put(b, ms, 6);
}

/* Starts a line with the time and the three fixed fields.  `stack` is used
 * when `hint` (the expected length) fits, else up to LOG_LINE_MAX bytes are
 * allocated; the caller releases them with log_line_write(). */
static void log_line_start(log_line *b, char *stack, size_t stack_len, size_t hint,
                     const char *level, const char *reqid, const char *func)
{
    b->p = stack;
    b->cap = stack_len;
    b->len = 0;
    b->truncated = 0;
    if (hint > stack_len) {
        size_t want = hint > LOG_LINE_MAX ? LOG_LINE_MAX : hint;
        char *h = malloc(want);
        if (h != NULL) {
            b->p = h;
            b->cap = want;
        }
    }
    log_line_time(b);
    log_line_field(b, level);
    log_line_field(b, reqid);
    log_line_field(b, func);
}

static void log_line_write(log_line *b, char *stack)
{
    const char *p;
    size_t left;

    if (b->truncated) {
        memcpy(b->p + b->len, log_trunc_mark, sizeof log_trunc_mark - 1);
        b->len += sizeof log_trunc_mark - 1;
    }
    b->p[b->len++] = '\n';
    if (log_tee_fn != NULL)
        log_tee_fn(log_tee_ud, b->p, b->len);
    p = b->p;
    left = b->len;
    while (left > 0) {
        ssize_t w = write(log_fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;          /* nowhere else to report it */
        p += w;
        left -= (size_t)w;
    }
    if (b->p != stack)
        free(b->p);
}

void log_tee(void (*fn)(void *ud, const char *line, size_t len), void *ud)
{
    log_tee_fn = fn;
    log_tee_ud = ud;
}

void log_console(const char *level, const char *func, const char *reqid,
                 const char *msg, size_t len)
{
    char stack[LOG_STACK];
    log_line b;

    if (msg == NULL)
        len = 0;
    /* escapes may double a message; 128 covers the prefix */
    log_line_start(&b, stack, sizeof stack, 2 * len + 128, level, reqid, func);
    log_line_escaped(&b, msg, len);
    log_line_write(&b, stack);
}

/* Writes v in decimal, at least `min` digits, backwards ending at `end`;
 * returns the first digit. */
static char *log_digits(char *end, unsigned long long v, int min)
{
    do {
        *--end = (char)('0' + v % 10);
        v /= 10;
    } while (--min > 0 || v > 0);
    return end;
}

void log_access(const char *reqid, const char *method, const char *path,
                int status, double ms)
{
    char stack[LOG_STACK], tail[64], *t = tail + sizeof tail;
    size_t plen = path != NULL ? strlen(path) : 0;
    unsigned long long us;
    log_line b;

    log_line_start(&b, stack, sizeof stack, 2 * plen + 192, "access", reqid, NULL);
    log_line_field(&b, method);
    log_line_field(&b, path);
    /* "STATUS MS.UUUms", digits written backwards by hand: snprintf cost
     * ~1,500 instructions a request */
    us = ms > 0 ? (unsigned long long)(ms * 1000.0 + 0.5) : 0;
    *--t = 's';
    *--t = 'm';
    t = log_digits(t, us % 1000, 3);
    *--t = '.';
    t = log_digits(t, us / 1000, 1);
    *--t = ' ';
    if (status < 0) {
        t = log_digits(t, -(unsigned long long)status, 1);
        *--t = '-';
    } else {
        t = log_digits(t, (unsigned long long)status, 1);
    }
    log_line_put(&b, t, (size_t)(tail + sizeof tail - t));
    log_line_write(&b, stack);
}

void log_sys(const char *level, const char *fmt, ...)
{
    char stack[LOG_STACK], small[512], *msg = small;
    va_list ap;
    int n;
    log_line b;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof small) {
        size_t want = (size_t)n + 1 > LOG_LINE_MAX ? LOG_LINE_MAX : (size_t)n + 1;
        char *h = malloc(want);
        if (h != NULL) {
            va_start(ap, fmt);
            vsnprintf(h, want, fmt, ap);
            va_end(ap);
            msg = h;
        }
    }
    log_line_start(&b, stack, sizeof stack, 2 * strlen(msg) + 128, level, NULL, NULL);
    log_line_escaped(&b, msg, strlen(msg));
    if (msg == small && (size_t)n >= sizeof small)
        b.truncated = 1;    /* allocation failed: say what was lost */
    log_line_write(&b, stack);
    if (msg != small)
        free(msg);
}
