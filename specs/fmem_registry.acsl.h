/*
 * fmem_registry.acsl.h - contracts of the static helpers of
 * src/foreignmemory/registry.c (included there under __FRAMAC__).
 */
#ifndef FMEM_REGISTRY_ACSL_H
#define FMEM_REGISTRY_ACSL_H

/*@ requires handle: fmem_shape(fmem);
    requires extra_positive: extra >= 1;
    assigns errno, fmem->maps, fmem->cap_maps, fmem_maps_pool[0 .. FMEM_POOL - 1];
    ensures shape: fmem_shape(fmem);
    ensures result_range: \result == 0 || \result == -1;
    ensures room: \result == 0 ==> fmem->nr_maps + extra <= fmem->cap_maps;
    ensures errno_on_failure: \result == -1 ==> errno == ENOMEM;
*/
static int registry_reserve(xenforeignmemory_handle *fmem, size_t extra);

/*@ requires handle: fmem_shape(fmem);
    assigns \nothing;
    ensures range: \result <= fmem->nr_maps;
    ensures found: \result < fmem->nr_maps ==>
      fmem->maps[\result].addr == lo && fmem->maps[\result].pages == pages;
*/
static size_t registry_find(const xenforeignmemory_handle *fmem, uintptr_t lo,
                            size_t pages);

/*@ requires handle: fmem_shape(fmem);
    assigns errno, fmem->nr_maps, fmem_maps_pool[0 .. FMEM_POOL - 1];
    ensures shape: fmem_shape(fmem);
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
static int registry_unmap_locked(xenforeignmemory_handle *fmem, uintptr_t lo,
                                 size_t pages);

#endif
