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
 * then promises single-threaded use).  xencall_free_buffer* must not
 * disturb the errno of a hypercall: the mutex calls leave errno alone
 * (seam.c), and releasing a buffer preserves it (buffers.c).
 * Fork handling: see seam.c.
 */
#include <errno.h>
#include <limits.h>

#include "call_private.h"
#include "vx_guard.h"

#ifdef __FRAMAC__
#include "call_buffer_cache.acsl.h"
#endif

/* Whether the handle's cache is shared between threads (the mutex is
 * taken).  Read once per operation: the flags are fixed at open, and the
 * compiler cannot know that the lock call leaves them alone, so testing
 * the local again is cheaper than reading the handle again. */
static int cache_shared(const xencall_handle *xcall)
{
    return !(xcall->flags & XENCALL_OPENFLAG_NON_REENTRANT);
}

static void cache_lock(int shared)
{
    if (shared)
        call_cache_mutex_lock();
}

static void cache_unlock(int shared)
{
    if (shared)
        call_cache_mutex_unlock();
}

/* Statistics saturate instead of wrapping (2^64 events: never, in practice). */
static void stat_inc(unsigned long *s)
{
    if (*s < ULONG_MAX)
        (*s)++;
}

/* Buffers in use: allocated (hits + os_allocs) less released. */
static unsigned long cache_live(const struct call_cache_stats *s)
{
    unsigned long total = s->hits > ULONG_MAX - s->os_allocs ?
                          ULONG_MAX : s->hits + s->os_allocs;

    return total > s->total_releases ? total - s->total_releases : 0;
}

/* After an allocation: the peak of buffers in use. */
static void cache_count_alloc(struct call_cache_stats *s)
{
    unsigned long live = cache_live(s);

    if (live > s->max_allocs)
        s->max_allocs = live;
}

char *call_cache_take(xencall_handle *xcall, size_t pages)
{
    struct call_cache *c = &xcall->cache;
    const int shared = cache_shared(xcall);
    char *p = NULL;

    cache_lock(shared);
    if (pages > CALL_CACHE_MAX_PAGES) {
        stat_inc(&c->stats.toobig);
    } else if (c->count[pages - 1] > 0) {
        c->count[pages - 1]--;
        p = c->bufs[pages - 1][c->count[pages - 1]];
        c->bufs[pages - 1][c->count[pages - 1]] = NULL;
        stat_inc(&c->stats.hits);
        cache_count_alloc(&c->stats);   /* the caller's allocation */
    } else {
        stat_inc(&c->stats.misses);
    }
    cache_unlock(shared);
    return p;
}

void call_cache_note_alloc(xencall_handle *xcall)
{
    const int shared = cache_shared(xcall);

    cache_lock(shared);
    stat_inc(&xcall->cache.stats.os_allocs);
    cache_count_alloc(&xcall->cache.stats);
    cache_unlock(shared);
}

int call_cache_put(xencall_handle *xcall, char *p, size_t pages)
{
    struct call_cache *c = &xcall->cache;
    const int shared = cache_shared(xcall);
    int kept = 0;

    cache_lock(shared);
    stat_inc(&c->stats.total_releases);
    if (pages >= 1 && pages <= CALL_CACHE_MAX_PAGES &&
        c->count[pages - 1] < CALL_CACHE_DEPTH) {
        c->bufs[pages - 1][c->count[pages - 1]] = p;
        c->count[pages - 1]++;
        kept = 1;
    }
    /*@ assert cache_ok: call_cache_ok(c); */
    cache_unlock(shared);
    return kept;
}

void call_cache_drain(xencall_handle *xcall)
{
    struct call_cache *c = &xcall->cache;
    int inherited = xcall->fork_generation != call_fork_generation();
    const int shared = cache_shared(xcall);
    size_t size, i;

    cache_lock(shared);
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
    cache_unlock(shared);
}
