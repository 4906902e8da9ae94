/* http.h - what every layer says in HTTP: reason phrases, the sink a
 * response leaves through, and the JSON error replies.
 *
 * Plain C, below everything else: the request layer writes "Status:" lines
 * with it, the engine and the rate limiter answer errors with it, the
 * bindings and the tools name statuses with it.  It knows nothing of
 * FastCGI, JavaScript or the store.
 */
#ifndef INVOKE_HTTP_H
#define INVOKE_HTTP_H

#include <stddef.h>

/* Where a response goes.  All callbacks return 0, or -1 when the client is
 * gone (the writer then stops writing but lets the function finish).  The
 * request layer (FastCGI, CGI) and `invoke run` each supply one. */
typedef struct http_io {
    void *ud;
    /* Status and header block ("Name: value\r\n" lines, no final blank
     * line).  Called exactly once per request, before any body. */
    int (*head)(void *ud, int status, const char *headers, size_t len);
    int (*body)(void *ud, const char *data, size_t len);
    /* Push what was written so far to the client (streaming writes). */
    int (*flush)(void *ud);
    /* Optional (NULL: every write is taken before it returns).  A sink
     * that does not block on a congested client keeps what the client
     * has not taken yet: queued() tells how many bytes; wait() sends what
     * it can, waiting at most ms milliseconds for the client to take more,
     * and returns once no more than `low` bytes wait (0), the time is up
     * (0), or the client is gone (-1). */
    size_t (*queued)(void *ud);
    int (*wait)(void *ud, double ms, size_t low);
} http_io;

/* Where a request body comes from when it is read as it arrives (req as a
 * stream) rather than whole before the function runs.  The request layer
 * supplies one; whoever reads stops at the end or at the first error. */
typedef struct http_in {
    void *ud;
    long long length;   /* the declared length (CONTENT_LENGTH), -1: none given */
    /* Up to len bytes into buf: the count, 0 at the end of the body, or a
     * negative HTTP_IN_* when the body cannot be read. */
    long long (*read)(void *ud, char *buf, size_t len);
} http_in;

#define HTTP_IN_ERR (-1)        /* an I/O error, or the response ended it: 500 */
#define HTTP_IN_SHORT (-2)      /* fewer bytes than declared: 400 */
#define HTTP_IN_TOO_LARGE (-3)  /* more bytes than the limit allows: 413 */

/* The reason phrase of an HTTP status ("Not Found"), "Unknown" if none.
 * A static string. */
const char *http_reason(int status);

/* Writes a complete JSON error response through io:
 * {"error": reason} or {"error": reason, "message": message}, never cached,
 * with its Content-Length.  `headers` ("Name: value\r\n" lines, or NULL)
 * go out with it, e.g. a 429's Retry-After.  Every error reply of the
 * responder, the tools and the rate limiter is made here.  Nothing is
 * retained. */
void http_send_error(const http_io *io, int status, const char *message,
                     const char *headers);

#endif
