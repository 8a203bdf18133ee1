/*
 * fmem_registry.acsl.h - contracts of the static helpers of
 * src/foreignmemory/registry.c (included there under __FRAMAC__).
 */
#ifndef FMEM_REGISTRY_ACSL_H
#define FMEM_REGISTRY_ACSL_H

/*@ requires handle: fmem_shape(fmem);
    requires full: fmem->nr_maps >= fmem->cap_maps;
    assigns errno, fmem->maps, fmem->cap_maps, fmem_maps_pool[0 .. FMEM_POOL - 1];
    ensures shape: fmem_shape(fmem);
    ensures result_range: \result == 0 || \result == -1;
    ensures room: \result == 0 ==> fmem->nr_maps < fmem->cap_maps;
    ensures errno_on_failure: \result == -1 ==> errno == ENOMEM;
*/
static int registry_grow(xenforeignmemory_handle *fmem);

/* Called with the lock held; releases it. */
/*@ requires handle: fmem_shape(fmem);
    requires range: 1 <= pages <= SIZE_MAX / 4096;
    assigns errno, fmem->lock, fmem->nr_maps, fmem_maps_pool[0 .. FMEM_POOL - 1];
    ensures shape: fmem_shape(fmem);
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
static int registry_unmap_other(xenforeignmemory_handle *fmem, uintptr_t lo,
                                size_t pages);

/*@ assigns errno;
    ensures result: \result == -1;
    ensures einval: addr == \null || pages == 0 ==> errno == EINVAL;
    ensures errno_positive: errno > 0;
*/
static int unmap_refused(void *addr, size_t pages);

/* Called with the lock held; releases it. */
/*@ requires handle: \valid(fmem);
    assigns fmem->lock;
    ensures result: \result == -1;
*/
static int registry_unlock_fail(xenforeignmemory_handle *fmem);

#endif
