/*
 * xenforeignmemory.h - map memory of other domains into this process.
 *
 * Part of verixen, a clean-room implementation of Xen's stable userspace
 * libraries (MIT licence).  API- and ABI-compatible with upstream Xen's
 * libxenforeignmemory.so.1 (symbol versions VERS_1.0 .. VERS_1.4).
 *
 * A handle wraps one open file of Linux's privileged command device
 * (/dev/xen/privcmd, falling back to /proc/xen/privcmd).  Pages of a
 * domain (named by guest frame number, xen_pfn_t) or resources of it (grant
 * tables, ioreq server pages, ...) are mapped with mmap() of that device
 * and a batch request that tells the kernel which frames to insert.
 *
 * Each handle remembers the ranges it mapped; xenforeignmemory_unmap()
 * refuses (EINVAL) to unmap memory that this handle did not map, so a
 * stray pointer cannot tear down unrelated mappings.
 *
 * Errors: pointer-returning functions return NULL with errno set to a
 * positive value; int-returning functions return -1 with errno set.
 * Per-page error arrays hold NEGATIVE errno values (-ENOENT, -EINVAL, ...)
 * or 0; consumers compare entries with 0 or with -ENOENT.
 *
 * Logging: xenforeignmemory_open() logs its failures with context
 * "xenforeignmemory"; the other functions do not log.
 *
 * Threads: a handle may be used from several threads; the mapping
 * registry is locked internally.
 *
 * Fork: after fork() the child must not use an inherited handle nor touch
 * memory mapped through it; xenforeignmemory_close() is the only permitted
 * call (it may not release everything).  exec() releases everything.
 */
#ifndef XENFOREIGNMEMORY_H
#define XENFOREIGNMEMORY_H

#include <stdint.h>
#include <stddef.h>
#include <xen/xen.h>

#ifdef __cplusplus
extern "C" {
#endif

struct xentoollog_logger;

/* Opaque handle; one per xenforeignmemory_open(). */
typedef struct xenforeignmemory_handle xenforeignmemory_handle;

/*
 * xenforeignmemory_open - open a foreign memory handle.
 *
 * logger      where failures are logged; NULL: a private stderr logger.
 * open_flags  ignored (upstream ignores them too).
 *
 * Returns the handle, or NULL with errno set (ENOENT, EACCES, ... from the
 * device; ENOMEM).  The descriptor is close-on-exec.
 */
xenforeignmemory_handle *xenforeignmemory_open(struct xentoollog_logger *logger,
                                               unsigned open_flags);

/*
 * xenforeignmemory_close - close a handle.  Mappings made through it stay
 * valid until unmapped with munmap(2) (the kernel keeps the file alive),
 * but can no longer be unmapped through the library.  NULL is a no-op.
 * Returns 0, or -1 with errno from close(2).
 */
int xenforeignmemory_close(xenforeignmemory_handle *fmem);

/*
 * xenforeignmemory_map - map `pages` frames of domain `dom`.
 * Same as xenforeignmemory_map2(fmem, dom, NULL, prot, 0, pages, arr, err).
 */
void *xenforeignmemory_map(xenforeignmemory_handle *fmem, uint32_t dom,
                           int prot, size_t pages,
                           const xen_pfn_t arr[/*pages*/], int err[/*pages*/]);

/*
 * xenforeignmemory_map2 - map frames arr[0..pages-1] of domain `dom`,
 * contiguously and in array order, with protection `prot` (PROT_READ,
 * PROT_WRITE).
 *
 * addr   placement hint, or the exact place when flags has MAP_FIXED.
 * flags  0 or MAP_FIXED (other mmap flags are passed to mmap(2)).
 * err    NULL: all or nothing - if any frame cannot be mapped the whole
 *        request fails and errno is that frame's error.  Otherwise err[i]
 *        receives 0 or a negative errno for frame i, and the call succeeds
 *        even when some (or all) entries are non-zero; failed pages must
 *        not be touched.
 *
 * Frames reported paged out (-ENOENT) are retried a bounded number of
 * times with short pauses before the error is given up.
 *
 * Returns the page-aligned address, or NULL with errno: EINVAL (pages 0,
 * NULL arr, dom beyond 16 bits), ENOMEM (size overflow, memory), EPERM
 * (handle restricted to another domain), the per-frame error (err NULL),
 * or the error of mmap(2) or of the kernel's batch request.
 */
void *xenforeignmemory_map2(xenforeignmemory_handle *fmem, uint32_t dom,
                            void *addr, int prot, int flags, size_t pages,
                            const xen_pfn_t arr[/*pages*/], int err[/*pages*/]);

/*
 * xenforeignmemory_unmap - unmap a mapping made by map/map2 on this
 * handle: `addr` and `pages` must be exactly what map/map2 returned and
 * was given (unlike upstream, which munmaps any range).  Returns 0, or -1
 * with errno: EINVAL for anything else (memory not mapped by this handle,
 * a part of a mapping, pages 0), ENOMEM on size overflow, or the error of
 * munmap(2).
 */
int xenforeignmemory_unmap(xenforeignmemory_handle *fmem,
                           void *addr, size_t pages);

/*
 * xenforeignmemory_restrict - from now on, only allow requests concerning
 * domain `domid` on this handle (used by device models that drop
 * privileges).  Irreversible.  Returns 0, or -1 with errno (EINVAL if the
 * handle is already restricted to another domain, or from the kernel).
 * Called by xentoolcore_restrict_all() for every open handle.
 */
int xenforeignmemory_restrict(xenforeignmemory_handle *fmem,
                              domid_t domid);

/* Opaque record of one resource mapping. */
typedef struct xenforeignmemory_resource_handle xenforeignmemory_resource_handle;

/*
 * xenforeignmemory_map_resource - map frames [frame, frame + nr_frames) of
 * resource (`type`, `id`) of domain `domid`; `type` and `id` are the
 * XENMEM_resource_* values of <xen/memory.h>.
 *
 * paddr  in: placement hint for the mapping (never MAP_FIXED);
 *        out: the address of the mapping.  With *paddr == NULL and
 *        nr_frames == 0 nothing is mapped: the call only checks that the
 *        resource exists, and the returned record maps nothing.
 * prot   PROT_READ / PROT_WRITE.
 * flags  0, MAP_SHARED or MAP_PRIVATE; anything else is EINVAL.
 *
 * Returns a record to pass to xenforeignmemory_unmap_resource(), or NULL
 * with errno: EOPNOTSUPP when the kernel or Xen cannot map resources (the
 * caller should fall back to older interfaces), EINVAL, ENOMEM, EPERM,
 * or the error of mmap(2) or of the kernel request.
 */
xenforeignmemory_resource_handle *xenforeignmemory_map_resource(
    xenforeignmemory_handle *fmem, domid_t domid, unsigned int type,
    unsigned int id, unsigned long frame, unsigned long nr_frames,
    void **paddr, int prot, int flags);

/*
 * xenforeignmemory_unmap_resource - unmap and free a resource record.
 * NULL, or a record already released through this handle, is a no-op
 * returning 0.  Returns 0, or -1 with errno from munmap(2) (the record is
 * freed regardless).
 */
int xenforeignmemory_unmap_resource(
    xenforeignmemory_handle *fmem, xenforeignmemory_resource_handle *fres);

/*
 * xenforeignmemory_resource_size - the size in bytes of resource (`type`,
 * `id`) of domain `domid`, into *size.  Returns 0, or -1 with errno
 * (EOPNOTSUPP when unsupported, as for map_resource).
 */
int xenforeignmemory_resource_size(
    xenforeignmemory_handle *fmem, domid_t domid, unsigned int type,
    unsigned int id, size_t *size);

#ifdef __cplusplus
}
#endif

#endif /* XENFOREIGNMEMORY_H */
