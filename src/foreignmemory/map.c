/*
 * map.c - mapping frames of another domain: map, map2 (unmap, which is
 * the registry's lookup, is in registry.c).
 *
 * A mapping is made in two steps: mmap() of privcmd reserves the range,
 * then MMAPBATCH_V2 asks the kernel to insert the frames, reporting a
 * negative errno per frame.  Kernels before Linux 3.5 only have the
 * legacy MMAPBATCH (v1), which marks failed frames in the frame array
 * instead: a handle whose kernel does not know V2 uses v1 from then on.  Requests are issued fmem->batch_pages at a
 * time; because Linux wants the first batch on a privcmd mapping to cover
 * all of it, a request of several batches maps each batch as its own
 * privcmd mapping inside one reserved range.
 */
#include <errno.h>
#include <limits.h>
#include <sys/mman.h>
#include <wchar.h>

#include "fmem_private.h"
#include "vx_checked.h"
#include "vx_export.h"
#include "vx_guard.h"

#ifdef __FRAMAC__
#include "fmem_map.acsl.h"
#endif

/* 1 if a failed MMAPBATCH_V2 may mean "unknown request": ENOTTY, what
 * the open-time probe of an unimplemented request got, or EINVAL (what
 * the privcmd of kernels old enough to lack V2 answered) unless the probe
 * showed that this kernel answers ENOTTY to unknown requests: there
 * EINVAL is a real error of the request. */
static int v2_unknown(const xenforeignmemory_handle *fmem, int err)
{
    return err == ENOTTY || err == fmem->unimpl_errno ||
           (err == EINVAL && fmem->unimpl_errno != ENOTTY);
}

#ifndef __FRAMAC__
_Static_assert(sizeof(wchar_t) == sizeof(int) && (wchar_t)-1 < 0,
               "err[] is pre-filled with wmemset");
#endif

/* The legacy request, on a handle whose kernel lacks V2 or after V2 was
 * refused as unknown (the fmem_os_mmapbatch contract). */
__attribute__((noinline, cold)) static long
mmapbatch_v1(xenforeignmemory_handle *fmem, domid_t dom, void *addr,
             const xen_pfn_t *arr, int *err, unsigned int num)
{
    long rc = fmem_os_mmapbatch_v1(fmem->fd, dom, addr, arr, err, num);

    /* v1 worked where V2 did not: V2 is missing, not the request wrong
     * (a wrong request fails v1 the same way). */
    if (rc >= 0 || errno == ENOENT)
        fmem_v1_set(fmem);
    return rc;
}

/* One MMAPBATCH request, V2 or v1 (the fmem_os_mmapbatch contract). */
static long mmapbatch(xenforeignmemory_handle *fmem, domid_t dom,
                      void *addr, const xen_pfn_t *arr, int *err,
                      unsigned int num)
{
    long rc;

    if (!fmem_v1_get(fmem)) {
        /* Linux clears err[] and writes every failure; an entry a kernel
         * failed to write must read as a failure, never as whatever the
         * array held before (found by fuzzing).  wchar_t is int here
         * (checked above): libc's vectorised fill, no per-frame loop in
         * the library. */
        (void)wmemset((wchar_t *)err, -EIO, num);
        rc = fmem_os_mmapbatch(fmem->fd, dom, addr, arr, err, num);
        if (rc >= 0 || !v2_unknown(fmem, errno))
            return rc;
    }
    return mmapbatch_v1(fmem, dom, addr, arr, err, num);
}

/* Re-request the frames reported paged out (err == -ENOENT), one run of
 * consecutive ones per request, until none is left or the retries run
 * out; then the remaining entries keep saying -ENOENT.  -1 only for an
 * error other than ENOENT. */
__attribute__((noinline, cold)) static int
batch_retry_paged(xenforeignmemory_handle *fmem, domid_t dom, char *base,
                  const xen_pfn_t *arr, int *err, unsigned int num)
{
    unsigned int attempt, i, j;
    int paged;

    /*@ loop invariant attempt_range: 0 <= attempt <= FMEM_PAGED_RETRIES;
        loop invariant v2_lowered: fmem->v2_pages <= \at(fmem->v2_pages, Pre);
        loop assigns attempt, paged, i, j, errno, err[0 .. num - 1],
                     fmem->v2_pages;
        loop variant FMEM_PAGED_RETRIES - attempt;
    */
    for (attempt = 0; attempt < FMEM_PAGED_RETRIES; attempt++) {
        fmem_os_pause(attempt);
        paged = 0;
        /*@ loop invariant i_range: 0 <= i <= num;
            loop invariant v2_lowered: fmem->v2_pages <= \at(fmem->v2_pages, Pre);
            loop assigns i, j, paged, errno, err[0 .. num - 1],
                         fmem->v2_pages;
            loop variant num - i;
        */
        for (i = 0; i < num; i = j) {
            if (err[i] != -ENOENT) {
                j = i + 1;
                continue;
            }
            /*@ loop invariant j_range: i <= j <= num;
                loop assigns j;
                loop variant num - j;
            */
            for (j = i; j < num && err[j] == -ENOENT; j++)
                ;
            if (mmapbatch(fmem, dom, base + (size_t)i * VX_XEN_PAGE_SIZE,
                          arr + i, err + i, j - i) < 0) {
                if (errno != ENOENT)
                    return -1;
                paged = 1;
            }
        }
        if (!paged)
            return 0;
    }
    return 0;
}

/* What follows a failed request of batch_one: the fallback to v1 when V2
 * was refused as unknown (v2 says whether V2 was the request that
 * failed), then the retries of paged-out frames.  Rare, out of line. */
__attribute__((noinline, cold)) static int
batch_failed(xenforeignmemory_handle *fmem, domid_t dom, char *base,
             const xen_pfn_t *arr, int *err, unsigned int num, int v2)
{
    unsigned int i;

    if ((!v2 || v2_unknown(fmem, errno)) &&
        mmapbatch_v1(fmem, dom, base, arr, err, num) >= 0)
        return 0;
    if (errno != ENOENT)
        return -1;
    /* ENOENT promises at least one paged-out frame; a kernel answer
     * without one is not something to retry. */
    /*@ loop invariant i_range: 0 <= i <= num;
        loop assigns i;
        loop variant num - i;
    */
    for (i = 0; i < num && err[i] != -ENOENT; i++)
        ;
    VX_ENSURE(i < num, EIO);
    return batch_retry_paged(fmem, dom, base, arr, err, num);
}

/* Insert `num` frames at base (a fresh privcmd mapping of exactly that
 * size).  Per-frame results in err[]; -1 for a failure of the request.
 * (mmapbatch, with the V2 success path kept inline.) */
static int batch_one(xenforeignmemory_handle *fmem, domid_t dom,
                     char *base, const xen_pfn_t *arr, int *err,
                     unsigned int num)
{
    if (fmem_v1_get(fmem))
        return batch_failed(fmem, dom, base, arr, err, num, 0);
    (void)wmemset((wchar_t *)err, -EIO, num);
    if (fmem_os_mmapbatch(fmem->fd, dom, base, arr, err, num) >= 0)
        return 0;
    return batch_failed(fmem, dom, base, arr, err, num, 1);
}

/* The whole mapping, or NULL with errno and nothing left mapped. */
static void *map_frames(xenforeignmemory_handle *fmem, domid_t dom,
                        void *addr, int prot, int flags, size_t pages,
                        size_t bytes, const xen_pfn_t *arr, int *err)
{
    char *base;
    size_t done, n;

    if (pages <= fmem->batch_pages) {
        base = fmem_os_map(fmem->fd, addr, bytes, prot, flags);
        if (base == NULL)
            return NULL;
        if (batch_one(fmem, dom, base, arr, err, (unsigned int)pages) < 0) {
            VX_PRESERVING_ERRNO((void)fmem_os_unmap(base, bytes));
            return NULL;
        }
        return base;
    }
    base = fmem_os_reserve(addr, bytes, flags);
    if (base == NULL)
        return NULL;
    /*@ loop invariant done_range: 0 <= done <= pages;
        loop invariant v2_lowered: fmem->v2_pages <= \at(fmem->v2_pages, Pre);
        loop assigns done, n, errno, err[0 .. pages - 1], fmem->v2_pages;
        loop variant pages - done;
    */
    for (done = 0; done < pages; done += n) {
        char *at = base + done * VX_XEN_PAGE_SIZE;

        n = pages - done < fmem->batch_pages ? pages - done : fmem->batch_pages;
        VX_ENSURE_GOTO(fmem_os_map(fmem->fd, at, n * VX_XEN_PAGE_SIZE, prot,
                                   flags | MAP_FIXED) == at,
                       errno, fail);
        VX_GUARD_GOTO(batch_one(fmem, dom, at, arr + done, err + done,
                                (unsigned int)n), fail);
    }
    return base;

fail:
    VX_PRESERVING_ERRNO((void)fmem_os_unmap(base, bytes));
    return NULL;
}

/* Undo a mapping whose requests or registration failed: NULL, errno
 * kept. */
__attribute__((noinline, cold)) static void *map_undo(void *base,
                                                     size_t bytes)
{
    VX_PRESERVING_ERRNO((void)fmem_os_unmap(base, bytes));
    return NULL;
}

/* map2 of a valid handle and valid arguments, any request (the rare
 * ones: no err[], several batches). */
__attribute__((noinline, cold)) static void *
map2_general(xenforeignmemory_handle *fmem, domid_t dom, void *addr,
             int prot, int flags, size_t pages, const xen_pfn_t *arr,
             int *err)
{
    size_t bytes, i;
    int *errs = err, *scratch = NULL;
    void *base;

    VX_GUARD_PTR(vx_pages_to_bytes(pages, &bytes));
    if (errs == NULL) {
        /* All or nothing: per-frame results go to a scratch array. */
        scratch = fmem_scratch_alloc(pages);
        if (scratch == NULL)
            return NULL;
        errs = scratch;
    }

    base = map_frames(fmem, dom, addr, prot, flags, pages, bytes, arr, errs);
    if (base != NULL && scratch != NULL) {
        /*@ loop invariant i_range: 0 <= i <= pages;
            loop assigns i;
            loop variant pages - i;
        */
        for (i = 0; i < pages && scratch[i] == 0; i++)
            ;
        if (i < pages) {
            /* Entries are negative errnos; anything else is a kernel we
             * do not understand. */
            int e = scratch[i] < 0 && scratch[i] > INT_MIN ? -scratch[i] : EINVAL;
            (void)fmem_os_unmap(base, bytes);
            errno = e;
            base = NULL;
        }
    }
    if (base != NULL && fmem_registry_add(fmem, (uintptr_t)base, pages) < 0)
        base = map_undo(base, bytes);
    if (scratch != NULL)
        fmem_scratch_free(scratch);
    return base;
}

/* The common request: per-frame results to the caller's err[], one
 * batch (so at most FMEM_BATCH_PAGES pages: the byte count fits), V2:
 * one mmap, one ioctl, the registry; everything else out of line.  The
 * request is filled before the mmap and read back from memory after it,
 * so that only the handle and the base live across the calls. */
static void *map_batch(xenforeignmemory_handle *fmem, domid_t dom,
                       void *addr, int prot, int flags, size_t pages,
                       const xen_pfn_t *arr, int *err)
{
    struct fmem_batch req;
    char *base;

    req.num = (unsigned int)pages;
    req.dom = dom;
    req.arr = arr;
    req.err = err;
    base = fmem_os_map(fmem->fd, addr, pages * VX_XEN_PAGE_SIZE, prot, flags);
    if (base == NULL)
        return NULL;
    req.addr = (uintptr_t)base;
    (void)wmemset((wchar_t *)req.err, -EIO, req.num);
    if (fmem_os_batch(fmem->fd, &req) < 0 &&
        batch_failed(fmem, req.dom, base, req.arr, req.err, req.num, 1) < 0)
        return map_undo(base, (size_t)req.num * VX_XEN_PAGE_SIZE);
    if (fmem_registry_add(fmem, (uintptr_t)base, req.num) < 0)
        return map_undo(base, (size_t)req.num * VX_XEN_PAGE_SIZE);
    return base;
}

/* flatten: the common request, the registry and the OS layer are inlined
 * into the map itself (everything rare stays out of line).  A handle open
 * returned has its descriptor: only NULL is refused.  A valid request the
 * short path does not take (one without err[], one of several batches,
 * any on a v1 handle: v2_pages is then 0) goes out of line. */
VX_EXPORT __attribute__((flatten)) void *
xenforeignmemory_map2(xenforeignmemory_handle *fmem,
                                      uint32_t dom, void *addr, int prot,
                                      int flags, size_t pages,
                                      const xen_pfn_t arr[], int err[])
{
    VX_ENSURE_PTR(fmem != NULL && arr != NULL && dom <= UINT16_MAX &&
                  pages > 0, EINVAL);
    if (err == NULL || pages > fmem_v2_pages(fmem))
        return map2_general(fmem, (domid_t)dom, addr, prot, flags, pages,
                            arr, err);
    return map_batch(fmem, (domid_t)dom, addr, prot, flags, pages, arr, err);
}

VX_EXPORT __attribute__((flatten)) void *
xenforeignmemory_map(xenforeignmemory_handle *fmem,
                                     uint32_t dom, int prot, size_t pages,
                                     const xen_pfn_t arr[], int err[])
{
    return xenforeignmemory_map2(fmem, dom, NULL, prot, 0, pages, arr, err);
}
