/* now.h - the monotonic clock every layer times things with. */
#ifndef INVOKE_NOW_H
#define INVOKE_NOW_H

/* Milliseconds (fractional) of CLOCK_MONOTONIC: deadlines, durations,
 * the scoreboard's "busy since".  Never goes back. */
double now_ms(void);

#endif
