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
    assigns errno, err[0 .. num - 1], fmem->mmapbatch_v1;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
static long mmapbatch(xenforeignmemory_handle *fmem, domid_t dom,
                      void *addr, const xen_pfn_t *arr, int *err,
                      unsigned int num);

/*@ requires handle: \valid(fmem);
    requires args: fmem_batch_args((xen_pfn_t *)arr, err, num);
    requires apart: \separated(err + (0 .. num - 1), fmem);
    assigns errno, err[0 .. num - 1], fmem->mmapbatch_v1;
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
static int batch_retry_paged(xenforeignmemory_handle *fmem, domid_t dom,
                             char *base, const xen_pfn_t *arr,
                             int *err, unsigned int num);

/*@ requires handle: \valid(fmem);
    requires args: fmem_batch_args((xen_pfn_t *)arr, err, num);
    requires apart: \separated(err + (0 .. num - 1), fmem);
    assigns errno, err[0 .. num - 1], fmem->mmapbatch_v1;
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
    assigns errno, err[0 .. pages - 1], fmem->mmapbatch_v1;
    ensures errno_on_failure: \result == \null ==> errno > 0;
*/
static void *map_frames(xenforeignmemory_handle *fmem, domid_t dom,
                        void *addr, int prot, int flags, size_t pages,
                        size_t bytes, const xen_pfn_t *arr, int *err);

#endif
