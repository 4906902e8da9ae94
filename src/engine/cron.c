/* cron.c - cron expressions and @every intervals (see cron.h).
 *
 * Written from the crontab(5) manual of Vixie cron: each field is a list of
 * items, an item a value, a range a-b or `*`, optionally followed by /step.
 * The next fire time is found by walking the local calendar field by field
 * (month, then day, then hour, then minute), letting mktime() normalise
 * each step, so a year of misses costs a few hundred steps, not half a
 * million minutes.
 */
#include "engine/cron.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CRON_YEARS 5

typedef struct {
    const char *name;
    int lo, hi;
    const char *const *names;   /* names of lo.., or NULL */
} cron_field;

static const char *const cron_months[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", NULL
};
static const char *const cron_wdays[] = {
    "sun", "mon", "tue", "wed", "thu", "fri", "sat", NULL
};

/* day of week 0-7: 7 is Sunday again, folded after parsing */
static const cron_field cron_fields[5] = {
    { "minute", 0, 59, NULL },
    { "hour", 0, 23, NULL },
    { "day of month", 1, 31, NULL },
    { "month", 1, 12, cron_months },
    { "day of week", 0, 7, cron_wdays },
};

static const struct {
    const char *macro, *expr;
} cron_macros[] = {
    { "@yearly", "0 0 1 1 *" },
    { "@annually", "0 0 1 1 *" },
    { "@monthly", "0 0 1 * *" },
    { "@weekly", "0 0 * * 0" },
    { "@daily", "0 0 * * *" },
    { "@midnight", "0 0 * * *" },
    { "@hourly", "0 * * * *" },
    { NULL, NULL }
};

/* One value of field f at *p: a number or (month, weekday) a name of
 * three letters.  Advances *p. */
static int cron_value(const cron_field *f, const char **p, int *out, char *err, size_t errlen)
{
    const char *s = *p;

    if (isdigit((unsigned char)*s)) {
        long v = 0;
        while (isdigit((unsigned char)*s) && v < 1000)
            v = v * 10 + (*s++ - '0');
        if (v < f->lo || v > f->hi) {
            snprintf(err, errlen, "%s %ld is out of range %d-%d", f->name, v, f->lo, f->hi);
            return -1;
        }
        *out = (int)v;
        *p = s;
        return 0;
    }
    if (f->names != NULL && isalpha((unsigned char)*s)) {
        int i;
        for (i = 0; f->names[i] != NULL; i++)
            if (strncasecmp(s, f->names[i], 3) == 0 && !isalpha((unsigned char)s[3])) {
                *out = f->lo + i;
                *p = s + 3;
                return 0;
            }
    }
    snprintf(err, errlen, "%s: expected a number%s at \"%.20s\"", f->name,
             f->names ? " or a name" : "", s);
    return -1;
}

/* Parses one field (the bytes s..s+n) into a bit set. */
static int cron_field_parse(const cron_field *f, const char *s, size_t n, uint64_t *bits,
                            char *err, size_t errlen)
{
    char buf[128];
    const char *p;

    if (n >= sizeof buf) {
        snprintf(err, errlen, "%s: field too long", f->name);
        return -1;
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
    *bits = 0;
    p = buf;
    for (;;) {
        int lo, hi, step = 1, v, star = *p == '*', single = 0;

        if (star) {
            lo = f->lo;
            hi = f->hi;
            p++;
        } else {
            if (cron_value(f, &p, &lo, err, errlen) < 0)
                return -1;
            hi = lo;
            single = *p != '-';
            if (*p == '-') {
                p++;
                if (cron_value(f, &p, &hi, err, errlen) < 0)
                    return -1;
                if (hi < lo) {
                    snprintf(err, errlen, "%s: range %d-%d runs backwards", f->name, lo, hi);
                    return -1;
                }
            }
        }
        if (*p == '/') {
            long st = 0;
            p++;
            if (!isdigit((unsigned char)*p)) {
                snprintf(err, errlen, "%s: expected a step after '/'", f->name);
                return -1;
            }
            while (isdigit((unsigned char)*p) && st < 1000)
                st = st * 10 + (*p++ - '0');
            if (st < 1 || st > f->hi) {
                snprintf(err, errlen, "%s: step %ld is out of range 1-%d", f->name, st, f->hi);
                return -1;
            }
            step = (int)st;
            /* "5/15" is "5-59/15", as most crons read it */
            if (single)
                hi = f->hi;
        }
        for (v = lo; v <= hi; v += step)
            *bits |= (uint64_t)1 << v;
        if (*p == '\0')
            return 0;
        if (*p != ',') {
            snprintf(err, errlen, "%s: unexpected \"%.20s\"", f->name, p);
            return -1;
        }
        p++;
    }
}

/* "@every": one or more NUMBER UNIT pairs without blanks. */
static int cron_every(cron_spec *c, const char *s, size_t n, char *err, size_t errlen)
{
    const char *p = s, *end = s + n;
    long total = 0;

    if (n == 0) {
        snprintf(err, errlen, "@every needs an interval such as 2s, 5m or 1h");
        return -1;
    }
    while (p < end) {
        long v = 0, unit;
        if (!isdigit((unsigned char)*p)) {
            snprintf(err, errlen, "@every: expected a number at \"%.*s\"", (int)(end - p), p);
            return -1;
        }
        while (p < end && isdigit((unsigned char)*p) && v <= CRON_MAX_EVERY)
            v = v * 10 + (*p++ - '0');
        if (p == end || (*p != 's' && *p != 'm' && *p != 'h')) {
            snprintf(err, errlen, "@every: a number needs its unit s, m or h");
            return -1;
        }
        unit = *p == 's' ? 1 : *p == 'm' ? 60 : 3600;
        p++;
        if (v > CRON_MAX_EVERY || (total += v * unit) > CRON_MAX_EVERY) {
            snprintf(err, errlen, "@every: longer than %ld days: use a cron expression",
                     CRON_MAX_EVERY / 86400);
            return -1;
        }
    }
    if (total < 1) {
        snprintf(err, errlen, "@every: the interval must be at least 1s");
        return -1;
    }
    c->every = total;
    return 0;
}

/* The next word of s at or after *p: its start and length. */
static size_t cron_word(const char *s, size_t *p, const char **w)
{
    size_t n;

    *p += strspn(s + *p, " \t");
    *w = s + *p;
    n = strcspn(*w, " \t\r\n");
    *p += n;
    return n;
}

static int cron_fields_parse(cron_spec *c, const char *text, size_t *used, char *err,
                             size_t errlen)
{
    uint64_t bits[5];
    size_t pos = 0;
    int i;

    for (i = 0; i < 5; i++) {
        const char *w;
        size_t n = cron_word(text, &pos, &w);
        if (n == 0) {
            snprintf(err, errlen, "expected 5 fields (minute hour day-of-month month "
                     "day-of-week), found %d", i);
            return -1;
        }
        if (cron_field_parse(&cron_fields[i], w, n, &bits[i], err, errlen) < 0)
            return -1;
        if (i == 2)
            c->mday_star = *w == '*';
        if (i == 4)
            c->wday_star = *w == '*';
    }
    c->minutes = bits[0];
    c->hours = (uint32_t)bits[1];
    c->mdays = (uint32_t)bits[2];
    c->months = (uint32_t)bits[3];
    c->wdays = (uint32_t)((bits[4] | bits[4] >> 7) & 0x7f);
    if (used)
        *used = pos;
    return 0;
}

int cron_parse(cron_spec *c, const char *text, size_t *used, char *err, size_t errlen)
{
    size_t pos = 0, n;
    const char *w;
    int i;

    memset(c, 0, sizeof *c);
    n = cron_word(text, &pos, &w);
    if (n == 0) {
        snprintf(err, errlen, "no timing");
        return -1;
    }
    if (*w != '@')
        return cron_fields_parse(c, text, used, err, errlen);
    if (n == 6 && strncasecmp(w, "@every", 6) == 0) {
        n = cron_word(text, &pos, &w);
        if (cron_every(c, w, n, err, errlen) < 0)
            return -1;
        if (used)
            *used = pos;
        return 0;
    }
    for (i = 0; cron_macros[i].macro != NULL; i++)
        if (strlen(cron_macros[i].macro) == n && strncasecmp(w, cron_macros[i].macro, n) == 0) {
            if (cron_fields_parse(c, cron_macros[i].expr, NULL, err, errlen) < 0)
                return -1;
            if (used)
                *used = pos;
            return 0;
        }
    snprintf(err, errlen, "unknown macro %.*s (known: @yearly @annually @monthly @weekly "
             "@daily @midnight @hourly @every)", (int)(n > 40 ? 40 : n), w);
    return -1;
}

static int cron_day_ok(const cron_spec *c, const struct tm *tm)
{
    int md = (c->mdays >> tm->tm_mday) & 1, wd = (c->wdays >> tm->tm_wday) & 1;

    if (c->mday_star || c->wday_star)
        return md && wd;
    return md || wd;
}

time_t cron_next(const cron_spec *c, time_t after)
{
    struct tm tm;
    time_t t;
    int limit, steps;

    if (c->every > 0)
        return (after / c->every + 1) * c->every;
    if (localtime_r(&after, &tm) == NULL)
        return -1;
    limit = tm.tm_year + CRON_YEARS;
    tm.tm_sec = 0;
    tm.tm_min++;
    /* each step moves forward by at least a minute, and past a whole
     * month, day or hour that cannot match */
    for (steps = 0; steps < 200000; steps++) {
        tm.tm_isdst = -1;
        t = mktime(&tm);
        if (t == (time_t)-1 || tm.tm_year > limit)
            return -1;
        if (t <= after) {       /* a repeated hour at the end of summer time */
            tm.tm_min++;
            continue;
        }
        if (!((c->months >> (tm.tm_mon + 1)) & 1)) {
            tm.tm_mon++;
            tm.tm_mday = 1;
            tm.tm_hour = tm.tm_min = 0;
        } else if (!cron_day_ok(c, &tm)) {
            tm.tm_mday++;
            tm.tm_hour = tm.tm_min = 0;
        } else if (!((c->hours >> tm.tm_hour) & 1)) {
            tm.tm_hour++;
            tm.tm_min = 0;
        } else if (!((c->minutes >> tm.tm_min) & 1)) {
            tm.tm_min++;
        } else {
            return t;
        }
    }
    return -1;
}
