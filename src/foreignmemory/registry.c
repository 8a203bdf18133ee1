/*
 * registry.c - what each handle has mapped.
 *
 * Upstream's unmap is a bare munmap of whatever address it is given, so a
 * stale or wrong pointer silently tears down unrelated memory (another
 * library's mapping, the heap).  We record every map/map2 range and every
 * resource record, and refuse to unmap anything else.
 */
#include <errno.h>

#include "fmem_private.h"
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

    maps = fmem_maps_realloc(fmem->maps, cap);
    if (maps == NULL)
        return -1;
    fmem->maps = maps;
    fmem->cap_maps = cap;
    return 0;
}

int fmem_registry_add(xenforeignmemory_handle *fmem, uintptr_t addr,
                      size_t bytes)
{
    int rc = 0;

    (void)pthread_mutex_lock(&fmem->lock);
    if (fmem->nr_maps >= fmem->cap_maps)
        rc = registry_grow(fmem);
    if (rc == 0) {
        fmem->maps[fmem->nr_maps].addr = addr;
        fmem->maps[fmem->nr_maps].bytes = bytes;
        fmem->nr_maps++;
    }
    /* pthread_mutex_unlock reports by its result, never through errno. */
    (void)pthread_mutex_unlock(&fmem->lock);
    return rc;
}

/* Unmap and forget [lo, lo + bytes) when it is a recorded mapping other
 * than the most recent one (the last entry takes its place): 0, or -1
 * with EINVAL (not recorded) or munmap's errno.  Caller holds the lock.
 * Out of line: the most recent mapping is the one usually unmapped. */
__attribute__((noinline, cold)) static int
registry_unmap_other(xenforeignmemory_handle *fmem, uintptr_t lo, size_t bytes)
{
    size_t i;

    /*@ loop invariant i_range: 0 <= i <= fmem->nr_maps;
        loop assigns i;
        loop variant fmem->nr_maps - i;
    */
    for (i = 0; i < fmem->nr_maps; i++)
        if (fmem->maps[i].addr == lo && fmem->maps[i].bytes == bytes)
            break;
    VX_ENSURE(i < fmem->nr_maps, EINVAL);
    VX_GUARD(fmem_os_unmap((void *)lo, bytes));
    fmem->nr_maps--;
    fmem->maps[i] = fmem->maps[fmem->nr_maps];
    return 0;
}

/* Only whole mappings are unmapped: a privcmd mapping is one object for
 * the kernel (and for the mocked kernel, which reports cut mappings), and
 * no known consumer unmaps part of one. */
int fmem_registry_unmap(xenforeignmemory_handle *fmem, void *addr, size_t bytes)
{
    size_t n;
    int rc;

    (void)pthread_mutex_lock(&fmem->lock);
    n = fmem->nr_maps;
    if (n > 0 && fmem->maps[n - 1].addr == (uintptr_t)addr &&
        fmem->maps[n - 1].bytes == bytes) {
        rc = fmem_os_unmap(addr, bytes);
        if (rc == 0)
            fmem->nr_maps--;
    } else {
        rc = registry_unmap_other(fmem, (uintptr_t)addr, bytes);
    }
    /* pthread_mutex_unlock reports by its result, never through errno. */
    (void)pthread_mutex_unlock(&fmem->lock);
    return rc;
}

void fmem_resource_register(xenforeignmemory_handle *fmem,
                            xenforeignmemory_resource_handle *fres)
{
    (void)pthread_mutex_lock(&fmem->lock);
    fres->next = fmem->resources;
    fmem->resources = fres;
    (void)pthread_mutex_unlock(&fmem->lock);
}
