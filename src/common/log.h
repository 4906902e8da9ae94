/* log.h - the responder's log: console lines, access lines, system lines.
 *
 * Every line goes to one file descriptor chosen by the administrator (a file
 * given with --log, or stderr), written with a single write(2) so that lines
 * from several worker processes never interleave.  Never into a response.
 */
#ifndef INVOKE_LOG_H
#define INVOKE_LOG_H

#include <stddef.h>

/* Opens `path` for appending (created 0640), or uses stderr when path is
 * NULL or "-".  Returns 0, or -1 with errno set.  The path is copied. */
int log_open(const char *path);

/* Reopens the file given to log_open (after rotation, on SIGUSR1). */
int log_reopen(void);

/* One console line: time, level, function, request id, then the message
 * as given (a JSON string stays JSON).  Newlines inside msg are escaped so
 * one call is one line.  Nothing is retained. */
void log_console(const char *level, const char *func, const char *reqid,
                 const char *msg, size_t len);

/* One access line per request: method, path, status, duration. */
void log_access(const char *reqid, const char *method, const char *path,
                int status, double ms);

/* A line from the responder itself (start, stop, worker death, errors). */
void log_sys(const char *level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* While fn is set, every line written is also handed to fn (line with its
 * newline, len bytes, borrowed): the admin panel's test console collects
 * the lines of the one request it runs.  fn NULL ends it. */
void log_tee(void (*fn)(void *ud, const char *line, size_t len), void *ud);

#endif
