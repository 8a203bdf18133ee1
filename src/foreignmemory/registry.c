/*
 * registry.c - what each handle has mapped.
 *
 * Upstream's unmap is a bare munmap of whatever address it is given, so a
 * stale or wrong pointer silently tears down unrelated memory (another
 * library's mapping, the heap).  We record every map/map2 range and every
 * resource record, and refuse to unmap anything else (so
 * xenforeignmemory_unmap is here).
 */
#include <errno.h>
#include <stdint.h>

#include "fmem_private.h"
#include "vx_checked.h"
#include "vx_export.h"
#include "vx_guard.h"

#ifdef __FRAMAC__
#include "fmem_registry.acsl.h"
#endif

/* Room for one more entry when the array is full: it doubles (from 8).
 * Caller holds the lock.  Rare, out of line. */
__attribute__((noinline, cold)) static int
registry_grow(xenforeignmemory_handle *fmem)
{
    /* No overflow: a registry of 2^63 entries cannot have been allocated
     * (the proof knows cap_maps <= FMEM_POOL). */
    size_t cap = fmem->cap_maps > 0 ? fmem->cap_maps * 2 : 8;
    struct fmem_mapping *maps;

    maps = fmem_maps_realloc(fmem->maps, fmem->nr_maps, cap);
    if (maps == NULL)
        return -1;
    fmem->maps = maps;
    fmem->cap_maps = cap;
    return 0;
}

int fmem_registry_add(xenforeignmemory_handle *fmem, uintptr_t addr,
                      size_t pages)
{
    int rc = 0;

    (void)pthread_mutex_lock(&fmem->lock);
    if (fmem->nr_maps >= fmem->cap_maps)
        rc = registry_grow(fmem);
    if (rc == 0) {
        fmem->maps[fmem->nr_maps].addr = addr;
        fmem->maps[fmem->nr_maps].pages = pages;
        fmem->nr_maps++;
    }
    /* pthread_mutex_unlock reports by its result, never through errno. */
    (void)pthread_mutex_unlock(&fmem->lock);
    return rc;
}

/* Unmap and forget the `pages` pages at lo (a valid range) when they are
 * a recorded mapping other than the most recent one (the last entry takes
 * its place): 0, or -1 with EINVAL (not recorded) or munmap's errno.
 * Called with the lock held, which it releases.  Out of line: the most
 * recent mapping is the one usually unmapped. */
__attribute__((noinline, cold)) static int
registry_unmap_other(xenforeignmemory_handle *fmem, uintptr_t lo, size_t pages)
{
    size_t i;
    int rc = -1;

    /*@ loop invariant i_range: 0 <= i <= fmem->nr_maps;
        loop assigns i;
        loop variant fmem->nr_maps - i;
    */
    for (i = 0; i < fmem->nr_maps; i++)
        if (fmem->maps[i].addr == lo && fmem->maps[i].pages == pages)
            break;
    if (i == fmem->nr_maps) {
        errno = EINVAL;
    } else if (fmem_os_unmap((void *)lo, pages * VX_XEN_PAGE_SIZE) == 0) {
        fmem->nr_maps--;
        fmem->maps[i] = fmem->maps[fmem->nr_maps];
        rc = 0;
    }
    /* pthread_mutex_unlock reports by its result, never through errno. */
    (void)pthread_mutex_unlock(&fmem->lock);
    return rc;
}

/* Why unmap refuses a range before looking it up: EINVAL for none, ENOMEM
 * for a size no mapping can have.  Rare, out of line. */
__attribute__((noinline, cold)) static int unmap_refused(void *addr,
                                                        size_t pages)
{
    errno = addr == NULL || pages == 0 ? EINVAL : ENOMEM;
    return -1;
}

/* Release the lock and fail (-1, errno kept): the most recent mapping's
 * munmap failed (nothing changed).  Rare, out of line. */
__attribute__((noinline, cold)) static int
registry_unlock_fail(xenforeignmemory_handle *fmem)
{
    (void)pthread_mutex_unlock(&fmem->lock);
    return -1;
}

/* Only whole mappings are unmapped: a privcmd mapping is one object for
 * the kernel (and for the mocked kernel, which reports cut mappings), and
 * no known consumer unmaps part of one.  A handle open returned has its
 * descriptor: only NULL is refused. */
VX_EXPORT int xenforeignmemory_unmap(xenforeignmemory_handle *fmem,
                                     void *addr, size_t pages)
{
    size_t n;

    VX_ENSURE(fmem != NULL, EINVAL);
    /* The rare refusals are told apart out of line. */
    if (addr == NULL || pages == 0 || pages > SIZE_MAX / VX_XEN_PAGE_SIZE)
        return unmap_refused(addr, pages);
    (void)pthread_mutex_lock(&fmem->lock);
    n = fmem->nr_maps;
    if (n == 0 || fmem->maps[n - 1].addr != (uintptr_t)addr ||
        fmem->maps[n - 1].pages != pages)
        return registry_unmap_other(fmem, (uintptr_t)addr, pages);
    if (fmem_os_unmap(addr, pages * VX_XEN_PAGE_SIZE) < 0)
        return registry_unlock_fail(fmem);
    fmem->nr_maps--;
    /* pthread_mutex_unlock reports by its result, never through errno. */
    (void)pthread_mutex_unlock(&fmem->lock);
    return 0;
}

void fmem_resource_register(xenforeignmemory_handle *fmem,
                            xenforeignmemory_resource_handle *fres)
{
    (void)pthread_mutex_lock(&fmem->lock);
    fres->next = fmem->resources;
    fmem->resources = fres;
    (void)pthread_mutex_unlock(&fmem->lock);
}
