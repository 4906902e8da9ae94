/* supervisor.h - the pre-forking manager that keeps N workers alive.
 *
 * The supervisor knows processes and signals, nothing of requests: each
 * child runs the `serve` function it is given on the shared listening
 * socket, and the supervisor replaces children that die, recycles them on
 * reload and stops them gracefully.
 */
#ifndef INVOKE_SUPERVISOR_H
#define INVOKE_SUPERVISOR_H

typedef struct sup_opts {
    int listen_fd;          /* shared by every child; closed by sup_run
                               when a stop begins, the caller's otherwise */
    int workers;            /* children to keep running (>= 1) */
    double stop_timeout;    /* seconds children get to finish on a stop */
    /* Seconds one request may keep a child busy before the supervisor
     * SIGKILLs it (0 = never): the last resort for time spent in C, which
     * the engine's own time limit cannot interrupt.  Children report their
     * requests in the scoreboard (scoreboard.h) the supervisor creates. */
    double kill_after;
    /* Runs in each child; its return value is the child's exit status.
     * It starts with SIGTERM, SIGINT and SIGUSR1 blocked (and default
     * handlers) and is expected to handle them: TERM/INT = finish the
     * request in progress and return, USR1 = reopen the log. */
    int (*serve)(int listen_fd, void *ud);
    /* Runs in one more child that serves no request (NULL: none): the
     * scheduler (scheduler.h).  Kept alive, replaced on reload and stopped
     * like a worker, with the same signals; it never holds the socket. */
    int (*aux)(void *ud);
    /* Whether the aux child is wanted now (NULL: always), asked about once
     * a second while none runs: a responder whose root has no schedule
     * keeps no scheduler.  An aux child that is no longer wanted is
     * expected to exit by itself. */
    int (*aux_wanted)(void *ud);
    /* Runs in a second such child, always wanted (NULL: none): the
     * replicator of --data's store (--replicate).  Started before the
     * workers, kept and stopped like the aux child, but not replaced on
     * reload (it holds the replication port). */
    int (*repl)(void *ud);
    void *ud;
} sup_opts;

/* Runs in the parent until SIGTERM, SIGINT or SIGQUIT: forks the children, restarts
 * any that die (backing off up to 5 s when they die right after starting),
 * on SIGHUP starts a fresh set and then asks the old one to finish, on
 * SIGUSR1 reopens the log and passes the signal on.  On a stop it sends
 * SIGTERM to every child, waits up to stop_timeout seconds and SIGKILLs the
 * rest.  SIGQUIT drains: the children finish the request in progress and
 * exit, however long that takes (kill_after still applies), and no child is
 * killed for being slow to stop.  A child busy longer than kill_after on one
 * request is killed and replaced.  The aux child, when there is one, is
 * kept like one more worker.  Installs handlers for TERM, INT, QUIT,
 * HUP, USR1 and CHLD.  Returns 0 after a graceful stop, 1 when it could not
 * set up (message logged). */
int sup_run(const sup_opts *o);

#endif
