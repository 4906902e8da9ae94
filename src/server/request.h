/* request.h - one HTTP request as the web server hands it over: FastCGI or CGI.
 *
 * The request layer speaks FastCGI (libfcgi) and CGI and nothing else: it
 * accepts a request, parses its CGI variables once, reads its body within a
 * limit, and offers an http_io that writes the response back.  It knows
 * nothing of routing, JavaScript or the store.  An rq is reused for every
 * request a worker serves; per-request memory (the body) is released by
 * rq_finish().
 */
#ifndef INVOKE_REQUEST_H
#define INVOKE_REQUEST_H

#include <stddef.h>
#include <signal.h>

#include "common/cgi.h"
#include "common/http.h"

typedef struct rq rq;

typedef enum {
    RQ_BODY_OK = 0,     /* body and length filled in (NULL, 0 when empty) */
    RQ_BODY_TOO_LARGE,  /* declared or actual length above the limit: 413 */
    RQ_BODY_SHORT,      /* fewer bytes than CONTENT_LENGTH, or a bad length: 400 */
    RQ_BODY_ERR         /* out of memory or I/O error: 500 */
} rq_body_status;

/* A FastCGI request source on a listening socket (fd 0 under a spawner).
 * Initialises libfcgi on first use.  Returns NULL on failure (errno set).
 * The descriptor stays the caller's. */
rq *rq_new_fcgi(int listen_fd);

/* The CGI request of this process: environ, stdin, stdout.  Already
 * "accepted"; serves exactly one request. */
rq *rq_new_cgi(void);

/* Frees the source; finishes a request still open. */
void rq_free(rq *r);

/* Waits for the next FastCGI request.  The signals in `unblock` are
 * unblocked only while waiting (ppoll), so a signal ends the wait without a
 * race yet never interrupts I/O inside a request.  When `cancel` (set by a
 * handler, may be NULL) is nonzero once the wait ends, no connection is
 * taken: a stopping worker leaves queued ones to its siblings.  Returns 0
 * with a request open, 1 when a signal interrupted the wait (check your
 * flags and call again), -1 on a fatal error of the listening socket
 * (errno set).  `idle` (may be NULL) is called with `ud` at most once, when
 * no connection is waiting, before the wait blocks: work that should not
 * delay a queued request. */
int rq_accept(rq *r, const sigset_t *unblock, const volatile sig_atomic_t *cancel,
              void (*idle)(void *), void *ud);

/* Takes a connection only if the kernel has one queued already, without
 * waiting: what a stopping worker serves before it goes, since the kernel
 * accepted those connections on the server's behalf.  Returns 0 with a
 * request open, 1 when none is queued (or a sibling took it), -1 on a
 * fatal error of the listening socket. */
int rq_accept_queued(rq *r);

/* Closes this process's copy of the listening socket: a stopping worker
 * that has served its queue does so before its slower clean-up, so that a
 * client connecting meanwhile is refused (and tries elsewhere) instead of
 * being queued and then reset. */
void rq_close_listener(rq *r);

/* The current request's CGI variables, parsed once when it was accepted
 * (common/cgi.h: the last of two same-named ones counts).  Valid until
 * rq_finish(). */
const cgi_vars *rq_vars(rq *r);

/* Reads the whole body, at most `max` bytes, honouring CONTENT_LENGTH.  A
 * larger body is refused without reading further.  The buffer belongs to
 * the request and is freed by rq_finish(). */
rq_body_status rq_read_body(rq *r, size_t max, const char **body, size_t *len);

/* Starts reading the body as it arrives, instead of whole: checks the
 * declared length against `max` without reading (RQ_BODY_TOO_LARGE,
 * RQ_BODY_SHORT for a malformed length), and readies rq_in().  A body
 * without a declared length is held to `max` as it is read.  What is left
 * unread when the request finishes is read and dropped (within `max`);
 * what is left when a complete response ends the FastCGI request early is
 * kept in memory for later reads.  Call instead of rq_read_body. */
rq_body_status rq_body_begin(rq *r, size_t max);

/* The body source of the current request after rq_body_begin: its
 * declared length (0: no body, -1: none declared) and its reader.  Owned
 * by the request, valid until rq_finish(). */
const http_in *rq_in(rq *r);

/* The response sink of the current request: "Status:" line, headers, body,
 * flush.  Callbacks return -1 once the client is gone. */
const http_io *rq_io(rq *r);

/* Ends the current request: flushes, closes the FastCGI streams and frees
 * the body.  Safe to call twice. */
void rq_finish(rq *r);

#endif
