/* tap.h - just enough of the Test Anything Protocol for the C unit tests.
 *
 * Header-only so that each test is one .c file with no library to link.
 * Output goes to stdout (what prove and automake's TAP driver read);
 * diagnostics are "# " lines, as the protocol wants.  The exit status of
 * done_testing() is non-zero when anything failed, so that a test also
 * fails when run by hand.
 */
#ifndef INVOKE_TAP_H
#define INVOKE_TAP_H

#include <stdio.h>
#include <string.h>

static int tap__run, tap__failed, tap__planned;

/* static inline throughout: a test that uses only some of these must still
 * build without unused-function warnings. */
static inline void plan(int n)
{
    printf("1..%d\n", n);
    tap__planned = 1;
}

static inline int tap__ok(int cond, const char *name)
{
    printf("%sok %d - %s\n", cond ? "" : "not ", ++tap__run, name);
    if (!cond)
        tap__failed++;
    fflush(stdout);
    return cond;
}

#define ok(cond, name) tap__ok((cond) != 0, (name))

static inline int is_int(long got, long want, const char *name)
{
    if (!tap__ok(got == want, name))
        printf("#   got %ld, expected %ld\n", got, want);
    return got == want;
}

static inline int is_str(const char *got, const char *want, const char *name)
{
    int same = got && want ? strcmp(got, want) == 0 : got == want;

    if (!tap__ok(same, name))
        printf("#   got \"%s\", expected \"%s\"\n", got ? got : "(null)",
               want ? want : "(null)");
    return same;
}

static inline void diag(const char *msg) { printf("# %s\n", msg); }

/* Prints the plan when none was given up front; returns the exit status. */
static inline int done_testing(void)
{
    if (!tap__planned)
        printf("1..%d\n", tap__run);
    if (tap__failed)
        printf("# failed %d of %d tests\n", tap__failed, tap__run);
    return tap__failed ? 1 : 0;
}

#endif
