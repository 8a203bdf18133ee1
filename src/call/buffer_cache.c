/*
 * buffer_cache.c - recycling of small hypercall buffers.
 *
 * Toolstack code allocates and frees one- to four-page hypercall buffers
 * around nearly every hypercall; mapping and unmapping them each time
 * costs two system calls.  Each handle therefore keeps up to
 * CALL_CACHE_DEPTH free buffers of each size from 1 to CALL_CACHE_MAX_PAGES
 * pages, and serves alloc/free from there without any system call.
 *
 * Locking: one process-wide mutex protects every handle's cache, unless
 * the handle was opened XENCALL_OPENFLAG_NON_REENTRANT (the caller then
 * promises single-threaded use).  The lock helpers preserve errno, because
 * xencall_free_buffer* must not disturb the errno of a hypercall.
 *
 * Fork: the fork handlers take the mutex across fork(), so a child never
 * inherits it locked; and a child's xencall_close() recognises an
 * inherited handle by its fork generation and leaves its buffers alone
 * (they are absent from the child, or at best shared with the parent).
 */
#include <errno.h>
#include <pthread.h>

#include "call_private.h"
#include "vx_guard.h"

static pthread_mutex_t call_cache_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t call_cache_once = PTHREAD_ONCE_INIT;
static unsigned long call_fork_gen;

static void call_fork_prepare(void)
{
    (void)pthread_mutex_lock(&call_cache_mutex);
}

static void call_fork_parent(void)
{
    (void)pthread_mutex_unlock(&call_cache_mutex);
}

static void call_fork_child(void)
{
    __atomic_add_fetch(&call_fork_gen, 1, __ATOMIC_RELAXED);
    (void)pthread_mutex_unlock(&call_cache_mutex);
}

static void call_cache_install(void)
{
    /* Can only fail with ENOMEM; then a child may inherit the lock held,
     * which is what upstream always risks. */
    (void)pthread_atfork(call_fork_prepare, call_fork_parent, call_fork_child);
}

void call_cache_init_once(void)
{
    VX_PRESERVING_ERRNO((void)pthread_once(&call_cache_once, call_cache_install));
}

unsigned long call_fork_generation(void)
{
    return __atomic_load_n(&call_fork_gen, __ATOMIC_RELAXED);
}

static void cache_lock(const xencall_handle *xcall)
{
    if (!(xcall->flags & XENCALL_OPENFLAG_NON_REENTRANT))
        VX_PRESERVING_ERRNO((void)pthread_mutex_lock(&call_cache_mutex));
}

static void cache_unlock(const xencall_handle *xcall)
{
    if (!(xcall->flags & XENCALL_OPENFLAG_NON_REENTRANT))
        VX_PRESERVING_ERRNO((void)pthread_mutex_unlock(&call_cache_mutex));
}

void *call_cache_take(xencall_handle *xcall, size_t pages)
{
    struct call_cache *c = &xcall->cache;
    void *p = NULL;

    cache_lock(xcall);
    if (pages > CALL_CACHE_MAX_PAGES) {
        c->stats.toobig++;
    } else if (c->count[pages - 1] > 0) {
        c->count[pages - 1]--;
        p = c->bufs[pages - 1][c->count[pages - 1]];
        c->bufs[pages - 1][c->count[pages - 1]] = NULL;
        c->stats.hits++;
    } else {
        c->stats.misses++;
    }
    cache_unlock(xcall);
    return p;
}

void call_cache_note_alloc(xencall_handle *xcall)
{
    struct call_cache_stats *s = &xcall->cache.stats;

    cache_lock(xcall);
    s->total_allocs++;
    s->current_allocs++;
    if (s->current_allocs > s->max_allocs)
        s->max_allocs = s->current_allocs;
    cache_unlock(xcall);
}

int call_cache_put(xencall_handle *xcall, void *p, size_t pages)
{
    struct call_cache *c = &xcall->cache;
    int kept = 0;

    cache_lock(xcall);
    c->stats.total_releases++;
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
    for (size = 1; size <= CALL_CACHE_MAX_PAGES; size++) {
        for (i = 0; i < c->count[size - 1]; i++) {
            /* In a fork child the address may since have been reused for
             * something else: forget the buffer rather than unmap it. */
            if (!inherited)
                call_buffer_release(xcall, c->bufs[size - 1][i], size);
            c->bufs[size - 1][i] = NULL;
        }
        c->count[size - 1] = 0;
    }
    cache_unlock(xcall);
}
