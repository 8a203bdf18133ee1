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
#include "vx_checked.h"
#include "vx_guard.h"

#ifdef __FRAMAC__
#include "fmem_registry.acsl.h"
#endif

/* Room for `extra` more entries; caller holds the lock. */
static int registry_reserve(xenforeignmemory_handle *fmem, size_t extra)
{
    size_t want, cap;
    struct fmem_mapping *maps;

    VX_GUARD(vx_add_size(fmem->nr_maps, extra, &want));
    if (want <= fmem->cap_maps)
        return 0;
    cap = fmem->cap_maps ? fmem->cap_maps : 8;
    /*@ loop invariant cap_positive: cap >= 1;
        loop assigns cap, errno;
        loop variant want - cap;
    */
    while (cap < want)
        VX_GUARD(vx_mul_size(cap, 2, &cap));
    maps = fmem_maps_realloc(fmem->maps, cap);
    if (maps == NULL)
        return -1;
    fmem->maps = maps;
    fmem->cap_maps = cap;
    return 0;
}

int fmem_registry_add(xenforeignmemory_handle *fmem, uintptr_t addr,
                      size_t pages)
{
    int rc;

    (void)pthread_mutex_lock(&fmem->lock);
    rc = registry_reserve(fmem, 1);
    if (rc == 0) {
        fmem->maps[fmem->nr_maps].addr = addr;
        fmem->maps[fmem->nr_maps].pages = pages;
        fmem->nr_maps++;
    }
    /* pthread_mutex_unlock reports by its result, never through errno. */
    (void)pthread_mutex_unlock(&fmem->lock);
    return rc;
}

/* Index of the mapping that is exactly [lo, lo + pages), or nr_maps. */
static size_t registry_find(const xenforeignmemory_handle *fmem, uintptr_t lo,
                            size_t pages)
{
    size_t i;

    /*@ loop invariant i_range: 0 <= i <= fmem->nr_maps;
        loop assigns i;
        loop variant fmem->nr_maps - i;
    */
    for (i = 0; i < fmem->nr_maps; i++)
        if (fmem->maps[i].addr == lo && fmem->maps[i].pages == pages)
            return i;
    return fmem->nr_maps;
}

/* Only whole mappings are unmapped: a privcmd mapping is one object for
 * the kernel (and for the mocked kernel, which reports cut mappings), and
 * no known consumer unmaps part of one. */
static int registry_unmap_locked(xenforeignmemory_handle *fmem, uintptr_t lo,
                                 size_t pages)
{
    size_t bytes, i;

    VX_GUARD(vx_pages_to_bytes(pages, &bytes));
    i = registry_find(fmem, lo, pages);
    VX_ENSURE(i < fmem->nr_maps, EINVAL);
    VX_GUARD(fmem_os_unmap((void *)lo, bytes));
    fmem->maps[i] = fmem->maps[fmem->nr_maps - 1];
    fmem->nr_maps--;
    return 0;
}

int fmem_registry_unmap(xenforeignmemory_handle *fmem, void *addr, size_t pages)
{
    int rc;

    (void)pthread_mutex_lock(&fmem->lock);
    rc = registry_unmap_locked(fmem, (uintptr_t)addr, pages);
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
