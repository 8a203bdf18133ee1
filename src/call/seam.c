/*
 * seam.c - the parts of libxencall that Frama-C 25's WP cannot reason
 * about, each a few lines with a trusted contract in specs/xencall.acsl.h
 * and a proven model in specs/models/xencall.c:
 *
 *   - malloc/memset and free of the handle (WP 25 implements neither
 *     \fresh nor \freeable);
 *   - the CONTAINER_OF downcast from the toolcore record to the handle,
 *     and the stdio logger's upcast to the public logger type (WP's Typed
 *     memory model rejects casts between unrelated struct pointer types);
 *   - the calls of xtl_log with literal format strings (the provers do
 *     not prove a string literal a valid string, see docs/PROOFS.md);
 *   - the process-wide cache mutex and the fork handlers (pthread_once and
 *     pthread_atfork take function pointers; __atomic builtins have no
 *     Frama-C specification).
 *
 * Not analysed by `make prove` (like linux.c).
 *
 * Fork: the fork handlers take the mutex across fork(), so a child never
 * inherits it locked; and a child's xencall_close() recognises an
 * inherited handle by its fork generation and leaves its buffers alone
 * (they are absent from the child, or at best shared with the parent).
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call_private.h"
#include "vx_guard.h"

static pthread_mutex_t call_cache_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t call_cache_once = PTHREAD_ONCE_INIT;
static unsigned long call_fork_gen;

xencall_handle *call_handle_alloc(Xentoolcore__Restrict_Callback *cb)
{
    xencall_handle *xcall = malloc(sizeof(*xcall));

    if (xcall == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    memset(xcall, 0, sizeof(*xcall));
    xcall->tc_ah.restrict_callback = cb;
    return xcall;
}

void call_handle_release(xencall_handle *xcall)
{
    VX_PRESERVING_ERRNO(free(xcall));
}

xencall_handle *call_handle_of(Xentoolcore__Active_Handle *ah)
{
    return CONTAINER_OF(ah, xencall_handle, tc_ah);
}

xentoollog_logger *call_default_logger(void)
{
    return (xentoollog_logger *)
        xtl_createlogger_stdiostream(stderr, XTL_PROGRESS, 0);
}

void call_log_error(xentoollog_logger *logger, enum call_log_msg msg,
                    size_t nr_pages)
{
    int e = errno;

    switch (msg) {
    case CALL_MSG_ALLOC_FAILED:
        xtl_log(logger, XTL_ERROR, e, CALL_LOG_CONTEXT,
                "allocating %zu hypercall buffer page(s) failed", nr_pages);
        break;
    case CALL_MSG_PRIVCMD:
        xtl_log(logger, XTL_ERROR, e, CALL_LOG_CONTEXT,
                "Could not obtain handle on privileged command interface");
        break;
    case CALL_MSG_BUFDEV:
        xtl_log(logger, XTL_ERROR, e, CALL_LOG_CONTEXT,
                "Error on trying to open hypercall buffer device");
        break;
    }
    errno = e;
}

void call_log_stats(xencall_handle *xcall)
{
    const struct call_cache_stats *s = &xcall->cache.stats;
    unsigned long total = s->hits > ULONG_MAX - s->os_allocs ?
                          ULONG_MAX : s->hits + s->os_allocs;
    int e = errno;

    xtl_log(xcall->logger, XTL_DEBUG, -1, "xencall:buffer",
            "total allocations:%lu total releases:%lu", total,
            s->total_releases);
    xtl_log(xcall->logger, XTL_DEBUG, -1, "xencall:buffer",
            "current allocations:%lu maximum allocations:%lu",
            total > s->total_releases ? total - s->total_releases : 0,
            s->max_allocs);
    xtl_log(xcall->logger, XTL_DEBUG, -1, "xencall:buffer",
            "cache current size:%u",
            xcall->cache.count[0] + xcall->cache.count[1] +
            xcall->cache.count[2] + xcall->cache.count[3]);
    xtl_log(xcall->logger, XTL_DEBUG, -1, "xencall:buffer",
            "cache hits:%lu misses:%lu toobig:%lu", s->hits, s->misses,
            s->toobig);
    errno = e;
}

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

/* pthread_mutex_lock/unlock report failure through their result and never
 * write errno (glibc and musl issue their futex calls without touching
 * it), so errno needs no saving here (tests/unit/call checks errno across
 * xencall_free_buffer). */
void call_cache_mutex_lock(void)
{
    (void)pthread_mutex_lock(&call_cache_mutex);
}

void call_cache_mutex_unlock(void)
{
    (void)pthread_mutex_unlock(&call_cache_mutex);
}
