/* worker.h - one worker process: requests in, engine, responses out.
 *
 * The worker is where the request layer (FastCGI/CGI) meets the engine
 * (JavaScript): it owns one engine, created after fork so that every worker
 * has a heap of its own, and runs requests through it one at a time.
 */
#ifndef INVOKE_WORKER_H
#define INVOKE_WORKER_H

#include "engine/engine.h"
#include "server/cfg.h"

/* Serves FastCGI requests accepted on `listen_fd` until SIGTERM/SIGINT (the
 * request in progress is finished first) or until --max-requests requests
 * are served.  SIGUSR1 reopens the log.  Installs its own signal handlers
 * and blocks TERM, INT and USR1 outside the wait for a connection.  The
 * descriptor and `c` stay the caller's; c->root, when set, must already be
 * a real path.  Returns the process exit status: 0 on a normal stop, 1 when
 * the engine could not start or the socket failed. */
int wrk_serve(int listen_fd, const cfg *c);

/* Fills *ec (the caller's) with the engine settings of the options c; the
 * strings stay c's.  One place for what a worker and the scheduler's
 * engine share, so a new option reaches both. */
void wrk_engine_config(const cfg *c, eng_config *ec);

/* Serves the one CGI request of this process (environ, stdin, stdout).
 * Returns the exit status: 0 once a response was written, 1 when the engine
 * could not start (a 500 is written then). */
int wrk_cgi(const cfg *c);

#endif
