/* heap.h - a Duktape heap held to a request's limits: what it may
 * allocate, how long it may run, and when its garbage is collected.
 *
 * Every allocation of the worker's heap (and of the front end's, which
 * counts with it) goes through a counting allocator that refuses to grow
 * past the limit and fails once the deadline has passed; Duktape's
 * interrupt counter asks heap_timeout_check() whether to stop the running
 * code.  No FastCGI, no store: the engine sets the limits around each
 * request and reads back whether they were reached.
 */
#ifndef INVOKE_HEAP_H
#define INVOKE_HEAP_H

#include <stddef.h>

#include "duktape.h"

/* One worker's accounting, owned by the engine; zero it before use. */
typedef struct heap_state {
    size_t used;            /* bytes the heaps hold right now */
    size_t limit;           /* refuse allocations past this, 0: no limit */
    size_t gc_base;         /* bytes held right after the last collection */
    double deadline;        /* monotonic ms at which code stops, 0: never */
    int timed_out;          /* the deadline passed during this request */
    int out_of_memory;      /* the limit was reached during this request */
    unsigned alloc_ticks;   /* allocations since the last look at the clock */
} heap_state;

/* A new Duktape heap whose allocations count in h (h must outlive it).
 * NULL when out of memory.  The caller destroys it with duk_destroy_heap. */
duk_context *heap_create(heap_state *h);

/* Called by Duktape's interrupt counter with the heap's heap_state
 * (duk_config.h is generated so): nonzero to stop the running code. */
int heap_timeout_check(void *udata);

/* Whether a collection is due: HEAP_GC_NONE; HEAP_GC_SOON, worth a pause
 * when no request waits; HEAP_GC_NOW, the heap grew too far to wait.
 * Cheap. */
enum { HEAP_GC_NONE, HEAP_GC_SOON, HEAP_GC_NOW };
int heap_gc_due(const heap_state *h);

/* Lets the process's stack grow to what Duktape's deepest recursion
 * needs (a regexp loop recurses once per iteration, 100,000 deep at most:
 * ~26 MB), by raising the soft RLIMIT_STACK to 64 MB where the hard limit
 * allows.  Call first thing in main(): the main thread's stack grows up to
 * the limit in force when it grows.  Returns 0, -1 when the limit stays
 * below it. */
int heap_reserve_stack(void);

/* Runs mark-and-sweep on ctx (a heap counting in h) and takes what is
 * left as the new base. */
void heap_collect(duk_context *ctx, heap_state *h);

#endif
