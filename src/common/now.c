/* now.c - the monotonic clock (see now.h). */
#include "common/now.h"

#include <time.h>

double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec * 1000.0 + (double) ts.tv_nsec / 1e6;
}
