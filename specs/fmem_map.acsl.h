/*
 * fmem_map.acsl.h - contracts of the static helpers of
 * src/foreignmemory/map.c (included there under __FRAMAC__).
 */
#ifndef FMEM_MAP_ACSL_H
#define FMEM_MAP_ACSL_H

/*@ requires handle: \valid_read(fmem);
    assigns \nothing;
    ensures boolean: \result == 0 || \result == 1;
*/
static int v2_unknown(const xenforeignmemory_handle *fmem, int err);

/*@ predicate fmem_batch_args(xen_pfn_t *arr, int *err, integer num) =
      0 < num && \valid_read(arr + (0 .. num - 1)) &&
      \valid(err + (0 .. num - 1)) &&
      \separated(err + (0 .. num - 1), arr + (0 .. num - 1));
*/

/*@ requires handle: \valid(fmem);
    requires args: fmem_batch_args((xen_pfn_t *)arr, err, num);
    requires apart: \separated(err + (0 .. num - 1), fmem);
    assigns errno, err[0 .. num - 1], fmem->v2_pages;
    ensures v2_lowered: fmem->v2_pages <= \old(fmem->v2_pages);
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
static long mmapbatch_v1(xenforeignmemory_handle *fmem, domid_t dom,
                         void *addr, const xen_pfn_t *arr, int *err,
                         unsigned int num);

/*@ requires handle: \valid(fmem);
    requires args: fmem_batch_args((xen_pfn_t *)arr, err, num);
    requires apart: \separated(err + (0 .. num - 1), fmem);
    assigns errno, err[0 .. num - 1], fmem->v2_pages;
    ensures v2_lowered: fmem->v2_pages <= \old(fmem->v2_pages);
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
static long mmapbatch(xenforeignmemory_handle *fmem, domid_t dom,
                      void *addr, const xen_pfn_t *arr, int *err,
                      unsigned int num);

/*@ requires handle: \valid(fmem);
    requires args: fmem_batch_args((xen_pfn_t *)arr, err, num);
    requires apart: \separated(err + (0 .. num - 1), fmem);
    assigns errno, err[0 .. num - 1], fmem->v2_pages;
    ensures v2_lowered: fmem->v2_pages <= \old(fmem->v2_pages);
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
static int batch_retry_paged(xenforeignmemory_handle *fmem, domid_t dom,
                             char *base, const xen_pfn_t *arr,
                             int *err, unsigned int num);

/*@ requires handle: \valid(fmem);
    requires args: fmem_batch_args((xen_pfn_t *)arr, err, num);
    requires apart: \separated(err + (0 .. num - 1), fmem);
    requires v2_failed: v2 != 0 ==> errno > 0;
    assigns errno, err[0 .. num - 1], fmem->v2_pages;
    ensures v2_lowered: fmem->v2_pages <= \old(fmem->v2_pages);
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
static int batch_failed(xenforeignmemory_handle *fmem, domid_t dom,
                        char *base, const xen_pfn_t *arr, int *err,
                        unsigned int num, int v2);

/*@ requires handle: \valid(fmem);
    requires args: fmem_batch_args((xen_pfn_t *)arr, err, num);
    requires apart: \separated(err + (0 .. num - 1), fmem);
    assigns errno, err[0 .. num - 1], fmem->v2_pages;
    ensures v2_lowered: fmem->v2_pages <= \old(fmem->v2_pages);
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
static int batch_one(xenforeignmemory_handle *fmem, domid_t dom,
                     char *base, const xen_pfn_t *arr, int *err,
                     unsigned int num);

/*@ requires handle: \valid(fmem);
    requires batch: 1 <= fmem->batch_pages <= FMEM_BATCH_PAGES;
    requires args: fmem_batch_args((xen_pfn_t *)arr, err, pages);
    requires apart: \separated(err + (0 .. pages - 1), fmem);
    requires bytes_ok: bytes == pages * 4096;
    assigns errno, err[0 .. pages - 1], fmem->v2_pages;
    ensures v2_lowered: fmem->v2_pages <= \old(fmem->v2_pages);
    ensures errno_on_failure: \result == \null ==> errno > 0;
*/
static void *map_frames(xenforeignmemory_handle *fmem, domid_t dom,
                        void *addr, int prot, int flags, size_t pages,
                        size_t bytes, const xen_pfn_t *arr, int *err);

/*@ assigns errno;
    ensures result: \result == \null;
    ensures errno_kept: errno == \old(errno);
*/
static void *map_undo(void *base, size_t bytes);

/*@ requires handle: fmem_shape(fmem);
    requires valid: fmem_ok(fmem);
    requires pages_positive: pages > 0;
    requires frames: \valid_read(arr + (0 .. pages - 1));
    requires frames_apart:
      \separated(arr + (0 .. pages - 1), fmem_scratch_pool + (0 .. FMEM_POOL - 1));
    requires errs: err == \null ||
      fmem_errs_ok(err, (xen_pfn_t *)arr, fmem, pages);
    assigns errno, err[0 .. pages - 1], fmem_scratch_pool[0 .. FMEM_POOL - 1],
            fmem->v2_pages, fmem->lock, fmem->maps, fmem->nr_maps,
            fmem->cap_maps, fmem_maps_pool[0 .. FMEM_POOL - 1];
    ensures shape: fmem_valid(fmem);
    ensures errno_on_failure: \result == \null ==> errno > 0;
*/
static void *map2_general(xenforeignmemory_handle *fmem, domid_t dom,
                          void *addr, int prot, int flags, size_t pages,
                          const xen_pfn_t *arr, int *err);

/*@ requires handle: fmem_shape(fmem);
    requires valid: fmem_ok(fmem);
    requires pages_range: 1 <= pages <= fmem->batch_pages;
    requires frames: \valid_read(arr + (0 .. pages - 1));
    requires errs: fmem_errs_ok(err, (xen_pfn_t *)arr, fmem, pages);
    assigns errno, err[0 .. pages - 1], fmem->v2_pages, fmem->lock,
            fmem->maps, fmem->nr_maps, fmem->cap_maps,
            fmem_maps_pool[0 .. FMEM_POOL - 1];
    ensures shape: fmem_valid(fmem);
    ensures errno_on_failure: \result == \null ==> errno > 0;
*/
static void *map_batch(xenforeignmemory_handle *fmem, domid_t dom,
                       void *addr, int prot, int flags, size_t pages,
                       const xen_pfn_t *arr, int *err);

#endif
