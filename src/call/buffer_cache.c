/*
 * buffer_cache.c - recycling of small hypercall buffers.
 *
 * Toolstack code allocates and frees one- to four-page hypercall buffers
 * around nearly every hypercall; mapping and unmapping them each time
 * costs two system calls.  Each handle therefore keeps up to
 * CALL_CACHE_DEPTH free buffers of each size from 1 to CALL_CACHE_MAX_PAGES
 * pages, and serves alloc/free from there without any system call.
 *
 * Locking: one process-wide mutex (seam.c) protects every handle's cache,
 * unless the handle was opened XENCALL_OPENFLAG_NON_REENTRANT (the caller
 * then promises single-threaded use).  The lock helpers preserve errno,
 * because xencall_free_buffer* must not disturb the errno of a hypercall.
 * Fork handling: see seam.c.
 */
#include <errno.h>
#include <limits.h>

#include "call_private.h"
#include "vx_guard.h"

#ifdef __FRAMAC__
#include "call_buffer_cache.acsl.h"
#endif

static void cache_lock(const xencall_handle *xcall)
{
    if (!(xcall->flags & XENCALL_OPENFLAG_NON_REENTRANT))
        call_cache_mutex_lock();
}

static void cache_unlock(const xencall_handle *xcall)
{
    if (!(xcall->flags & XENCALL_OPENFLAG_NON_REENTRANT))
        call_cache_mutex_unlock();
}

/* Statistics saturate instead of wrapping (2^64 events: never, in practice). */
static void stat_inc(unsigned long *s)
{
    if (*s < ULONG_MAX)
        (*s)++;
}

char *call_cache_take(xencall_handle *xcall, size_t pages)
{
    struct call_cache *c = &xcall->cache;
    char *p = NULL;

    cache_lock(xcall);
    if (pages > CALL_CACHE_MAX_PAGES) {
        stat_inc(&c->stats.toobig);
    } else if (c->count[pages - 1] > 0) {
        c->count[pages - 1]--;
        p = c->bufs[pages - 1][c->count[pages - 1]];
        c->bufs[pages - 1][c->count[pages - 1]] = NULL;
        stat_inc(&c->stats.hits);
    } else {
        stat_inc(&c->stats.misses);
    }
    cache_unlock(xcall);
    return p;
}

void call_cache_note_alloc(xencall_handle *xcall)
{
    struct call_cache_stats *s = &xcall->cache.stats;

    cache_lock(xcall);
    stat_inc(&s->total_allocs);
    stat_inc(&s->current_allocs);
    if (s->current_allocs > s->max_allocs)
        s->max_allocs = s->current_allocs;
    cache_unlock(xcall);
}

int call_cache_put(xencall_handle *xcall, char *p, size_t pages)
{
    struct call_cache *c = &xcall->cache;
    int kept = 0;

    cache_lock(xcall);
    stat_inc(&c->stats.total_releases);
    if (c->stats.current_allocs > 0)
        c->stats.current_allocs--;
    if (pages >= 1 && pages <= CALL_CACHE_MAX_PAGES &&
        c->count[pages - 1] < CALL_CACHE_DEPTH) {
        c->bufs[pages - 1][c->count[pages - 1]] = p;
        c->count[pages - 1]++;
        kept = 1;
    }
    cache_unlock(xcall);
    return kept;
}

void call_cache_drain(xencall_handle *xcall)
{
    struct call_cache *c = &xcall->cache;
    int inherited = xcall->fork_generation != call_fork_generation();
    size_t size, i;

    cache_lock(xcall);
    /*@ loop invariant size_range: 1 <= size <= CALL_CACHE_MAX_PAGES + 1;
        loop invariant drained: \forall integer k; 0 <= k < size - 1 ==>
                                c->count[k] == 0;
        loop invariant counts: call_cache_counts_ok(c);
        loop invariant errno_kept: errno == \at(errno, Pre);
        loop assigns size, i, c->count[0 .. CALL_CACHE_MAX_PAGES - 1],
                     *(c->bufs[0] + (0 .. CALL_CACHE_MAX_PAGES * CALL_CACHE_DEPTH - 1)),
                     errno;
        loop variant CALL_CACHE_MAX_PAGES + 1 - size;
    */
    for (size = 1; size <= CALL_CACHE_MAX_PAGES; size++) {
        /*@ loop invariant i_range: 0 <= i <= c->count[size - 1];
            loop invariant drained: \forall integer k; 0 <= k < size - 1 ==>
                                    c->count[k] == 0;
            loop invariant counts: call_cache_counts_ok(c);
            loop invariant errno_kept: errno == \at(errno, Pre);
            loop assigns i, c->bufs[size - 1][0 .. CALL_CACHE_DEPTH - 1], errno;
            loop variant c->count[size - 1] - i;
        */
        for (i = 0; i < c->count[size - 1]; i++) {
            /* In a fork child the address may since have been reused for
             * something else: forget the buffer rather than unmap it. */
            if (!inherited)
                call_buffer_release(xcall, c->bufs[size - 1][i], size);
            c->bufs[size - 1][i] = NULL;
        }
        c->count[size - 1] = 0;
    }
    /*@ assert empty: \forall integer k; 0 <= k < CALL_CACHE_MAX_PAGES ==>
                      c->count[k] == 0; */
    /*@ assert cache_ok: call_cache_ok(c); */
    cache_unlock(xcall);
}
