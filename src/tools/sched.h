/* sched.h - `invoke schedule list|run|next`: a root's `_schedule` seen from
 * the command line (engine/schedule.h; the responder runs the entries).
 *
 *  list ROOT [--data DIR] [--kv-scope NAME]: each entry, its next due
 *      time and, with the store, its last run and status.  Exit 1 when a
 *      line of the file does not parse (each reported on stderr).
 *  run ROOT PATH [...]: runs PATH now, as the scheduler would (POST,
 *      x-scheduled-execution: true), and prints the status line and the
 *      body.  Exit 0 for a status below 400, else 1.  Takes no claim and
 *      leaves no record: the schedule itself is not touched.
 *  next TIMING [--after EPOCH] [--count N]: the next fire times of a
 *      timing, as seconds since the epoch and local time.
 */
#ifndef INVOKE_SCHED_TOOL_H
#define INVOKE_SCHED_TOOL_H

int sch_cmd_schedule(int argc, char **argv);

#define SCH_USAGE "schedule list ROOT [--data DIR] [--kv-scope NAME]\n" \
                  "  invoke schedule run ROOT PATH [--data DIR] [--kv-scope NAME] [--dev]\n" \
                  "  invoke schedule next 'TIMING' [--after EPOCH] [--count N]"

#endif
