/* cron.h - when a `_schedule` entry fires: cron expressions and intervals.
 *
 * Plain C, no JavaScript, no store.  Two kinds of timing:
 *
 *  - a Vixie-cron expression of five fields (minute hour day-of-month
 *    month day-of-week) with lists, ranges, steps and the names JAN-DEC
 *    and SUN-SAT, or one of the macros @yearly @annually @monthly @weekly
 *    @daily @midnight @hourly.  Fire times are whole minutes of the local
 *    time zone (TZ), as cron's are.  When both day fields are restricted
 *    (neither begins with `*`), a day matches when either does: Vixie
 *    cron's rule, so "0 0 1 * MON" runs on the 1st and on every Monday.
 *  - "@every N" with N one or more of NUMBER and a unit s, m or h
 *    ("@every 2s", "@every 1m30s"): fire times are the multiples of N
 *    seconds since the epoch, so every process that reads the same entry
 *    agrees on them, whenever it started.
 */
#ifndef INVOKE_CRON_H
#define INVOKE_CRON_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define CRON_MAX_EVERY (366L * 24 * 3600)  /* seconds: longer needs a cron expression */

typedef struct cron_spec {
    long every;             /* seconds of an @every, 0: a cron expression */
    uint64_t minutes;       /* bit i: minute i (0-59) */
    uint32_t hours;         /* bit i: hour i (0-23) */
    uint32_t mdays;         /* bit i: day of month i (1-31) */
    uint32_t months;        /* bit i: month i (1-12) */
    uint32_t wdays;         /* bit i: day of week i (0-6, Sunday 0) */
    int mday_star, wday_star;   /* the field began with '*' (Vixie's rule) */
} cron_spec;

/* Parses the timing of an entry: five fields, a macro, or "@every N" (the
 * words separated by blanks).  *used gets how many bytes of text the
 * timing took, so the caller finds what follows.  0, or -1 with the reason
 * in err (which field, which value). */
int cron_parse(cron_spec *c, const char *text, size_t *used, char *err, size_t errlen);

/* The first fire time strictly after `after` (seconds since the epoch), or
 * -1 when there is none in the next five years (the 30th of February). */
time_t cron_next(const cron_spec *c, time_t after);

#endif
