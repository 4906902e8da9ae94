/* heap.c - the counting allocator, the time check and the collection
 * policy of a worker's heap (see heap.h).
 *
 * Past the deadline allocations fail too: a long C call that never returns
 * to the interrupt counter (Array.prototype.join over a big sparse array,
 * for one) still allocates as it goes, and failing is the only way to stop
 * it from inside.  The clock is read every 64 allocations only.
 *
 * When to collect: the runtime's own part of a request leaves no cycles
 * (doc/internals.md, "Nothing left for the collector"), but what a function
 * makes cyclic itself (functions declared at module level, objects pointing
 * at each other) reference counting leaves to mark-and-sweep, which Duktape
 * runs by itself only after ~50 allocations per live object.  Collecting
 * once the heap has doubled since the last collection (and grown by
 * HEAP_GC_SLACK at least) keeps both the heap and each pause small.  The
 * worker collects between requests, and may wait for a moment when no
 * connection is queued: a collection is due (HEAP_GC_SOON) once the heap has
 * grown by half the step and cannot wait (HEAP_GC_NOW) past a whole step.
 * The measurements behind these numbers are in doc/internals.md ("When to
 * collect", "The longest pauses").
 */
#include "engine/heap.h"
#include "common/log.h"
#include "common/now.h"

#include <malloc.h>
#include <stdlib.h>
#include <sys/resource.h>

#define HEAP_GC_SLACK (1024 * 1024)

static int heap_past_deadline(heap_state *h)
{
    if (h->timed_out)
        return 1;
    if (h->deadline <= 0 || (++h->alloc_ticks & 63) != 0)
        return 0;
    if (now_ms() >= h->deadline)
        h->timed_out = 1;
    return h->timed_out;
}

static void *heap_alloc(void *ud, duk_size_t size)
{
    heap_state *h = ud;
    void *p;

    if (heap_past_deadline(h))
        return NULL;
    if (h->limit && (h->out_of_memory || h->used + size > h->limit)) {
        h->out_of_memory = 1;
        return NULL;
    }
    p = malloc(size);
    if (p)
        h->used += malloc_usable_size(p);
    return p;
}

static void *heap_realloc(void *ud, void *ptr, duk_size_t size)
{
    heap_state *h = ud;
    size_t old = ptr ? malloc_usable_size(ptr) : 0;
    void *p;

    if (size > old && heap_past_deadline(h))
        return NULL;
    if (h->limit && size > old &&
        (h->out_of_memory || h->used - old + size > h->limit)) {
        h->out_of_memory = 1;
        return NULL;
    }
    p = realloc(ptr, size);
    if (p || size == 0)
        h->used = h->used - old + (p ? malloc_usable_size(p) : 0);
    return p;
}

static void heap_free(void *ud, void *ptr)
{
    heap_state *h = ud;

    if (ptr) {
        h->used -= malloc_usable_size(ptr);
        free(ptr);
    }
}

static void heap_fatal(void *udata, const char *msg)
{
    (void) udata;
    log_sys("crit", "javascript engine fatal error: %s", msg ? msg : "?");
    abort();
}

/* The caller owns the heap; h is borrowed for its life. */
duk_context *heap_create(heap_state *h)
{
    return duk_create_heap(heap_alloc, heap_realloc, heap_free, h, heap_fatal);
}

/* Once the deadline has passed it keeps answering yes until the error has
 * bubbled out of every catch and finally, which is how an endless loop
 * inside try/catch is still stopped. */
int heap_timeout_check(void *udata)
{
    heap_state *h = udata;

    if (h == NULL)
        return 0;
    /* Past the memory limit every allocation fails; unwinding at once is
     * far cheaper than letting each failure run Duktape's emergency GC. */
    if (h->out_of_memory)
        return 1;
    if (h->deadline <= 0)
        return 0;
    if (!h->timed_out && now_ms() >= h->deadline)
        h->timed_out = 1;
    return h->timed_out;
}

int heap_gc_due(const heap_state *h)
{
    size_t step = h->gc_base > HEAP_GC_SLACK ? h->gc_base : HEAP_GC_SLACK;

    if (h->used > h->gc_base + step)
        return HEAP_GC_NOW;
    return h->used > h->gc_base + step / 2 ? HEAP_GC_SOON : HEAP_GC_NONE;
}

void heap_collect(duk_context *ctx, heap_state *h)
{
    duk_gc(ctx, 0);
    h->gc_base = h->used;
}

int heap_reserve_stack(void)
{
    const rlim_t want = (rlim_t) 64 << 20;
    struct rlimit rl;

    if (getrlimit(RLIMIT_STACK, &rl) < 0)
        return -1;
    if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= want)
        return 0;
    rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= want ? want : rl.rlim_max;
    if (setrlimit(RLIMIT_STACK, &rl) < 0 || rl.rlim_cur < want)
        return -1;
    return 0;
}
