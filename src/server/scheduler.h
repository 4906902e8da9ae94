/* scheduler.h - the responder's scheduler: the supervisor's aux child that
 * runs the entries of --root's `_schedule` (engine/schedule.h) when due.
 *
 * One scheduler per responder, whatever --workers says; every responder
 * sharing a --data store runs one, and a claim in the store lets exactly
 * one of them run each due time.  It opens an engine of its own (with the
 * workers' limits) the first time the file has an entry, and runs the
 * entries one at a time: a run that outlasts the next due time makes that
 * one late, not concurrent.
 */
#ifndef INVOKE_SCHEDULER_H
#define INVOKE_SCHEDULER_H

#include "server/cfg.h"

/* Runs until SIGTERM, SIGINT or SIGQUIT (blocked on entry, as the
 * supervisor hands them over); SIGUSR1 reopens the log.  Returns the exit
 * status. */
int schd_serve(const cfg *c);

/* Whether c's root has a _schedule file now: the supervisor starts a
 * scheduler only then, and one whose file has gone exits. */
int schd_wanted(const cfg *c);

#endif
