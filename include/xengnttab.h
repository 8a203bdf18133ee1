/*
 * xengnttab.h - Xen grant tables from userspace: mapping pages other
 * domains granted to us (gnttab) and granting our own pages to them
 * (gntshr).
 *
 * Part of verixen, a clean-room implementation of Xen's stable userspace
 * libraries (MIT licence).  API- and ABI-compatible with upstream Xen's
 * libxengnttab.so.1 (symbol versions VERS_1.0 .. VERS_1.2).
 *
 * A grant is a domain's permission for one other domain to access one page
 * of its memory, named by the granter's domid and a grant reference.  On
 * Linux a gnttab handle wraps one open file of /dev/xen/gntdev (it maps
 * and copies foreign grants) and a gntshr handle wraps one open file of
 * /dev/xen/gntalloc (it allocates local pages and grants them).
 *
 * Errors: int functions return -1 with errno set to a positive value;
 * pointer functions return NULL with errno set.  A NULL handle gives
 * EINVAL.  A failed call leaves nothing behind: no mapping, no kernel slot,
 * no memory.
 *
 * Mapping registry: every handle remembers the mappings it made.
 * xengnttab_unmap() and xengntshr_unshare() refuse (EINVAL, nothing
 * touched) an address the handle did not map, a count different from the
 * one mapped, or a mapping already unmapped, so a stray or double unmap
 * can never tear down someone else's memory.
 *
 * Unmap notification: a mapping (gnttab) or a shared page (gntshr) may ask
 * the kernel to act when it is torn down - including when the process
 * dies: clear one byte of the page to zero, and/or signal an event channel
 * port.  Protocols built on it (libxenvchan) therefore use a non-zero byte
 * to mean "alive".  It covers one page, and it is a courtesy between
 * cooperating peers, not a defence against a hostile one.
 *
 * Threads: one handle may be used from several threads; the mapping
 * registry is locked internally.
 * Fork: after fork() the child must not use an inherited handle nor touch
 * its mappings; only xengnttab_close()/xengntshr_close() may be called, and
 * may reclaim imperfectly.  Both descriptors are close-on-exec, so exec()
 * reclaims everything.
 */
#ifndef XENGNTTAB_H
#define XENGNTTAB_H

#include <stdint.h>
#include <xen/grant_table.h>
#include <xen/event_channel.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Declared here so callers need not include xentoollog.h. */
struct xentoollog_logger;

/* Both handle kinds share one struct tag, as upstream's do (other public
 * headers name it); never pass a handle of one kind to the other's
 * functions. */
typedef struct xengntdev_handle xengnttab_handle;

/* ======================================================================
 * gnttab: mapping and copying grants made to this domain
 * ====================================================================== */

/*
 * xengnttab_open - open a grant mapping handle.
 *
 * logger      where errors are logged (context "gnttab"); NULL: a private
 *             logger writing XTL_PROGRESS and above to stderr.
 * open_flags  ignored (reserved; pass 0).
 *
 * Returns the handle, or NULL with errno: ENOMEM, or the error of opening
 * /dev/xen/gntdev (ENOENT when not running on Xen, EACCES without
 * privilege).  The handle takes part in xentoolcore_restrict_all(), which
 * makes it unusable (its descriptor is replaced by /dev/null).
 * Logs errors.
 */
xengnttab_handle *xengnttab_open(struct xentoollog_logger *logger,
                                 unsigned open_flags);

/*
 * xengnttab_close - close a handle; NULL is accepted and ignored.
 *
 * Outstanding mappings stay valid until unmapped (the kernel keeps the
 * device alive for them), but they can no longer be unmapped through the
 * library: unmap them first.  Returns 0, or -1 with errno from close(2)
 * (the handle is freed either way).  Never logs.
 */
int xengnttab_close(xengnttab_handle *xgt);

/*
 * xengnttab_fd - the handle's file descriptor, for auditing which
 * descriptors a process holds.  Polling it is not useful.  -1 with EINVAL
 * for a NULL handle.
 */
int xengnttab_fd(xengnttab_handle *xgt);

/*
 * xengnttab_map_grant_ref - map one page granted by domain `domid` as grant
 * `ref`.
 *
 * prot  PROT_READ, or PROT_READ|PROT_WRITE (the grant must be writable).
 *
 * Returns the address of the page, or NULL with errno: EINVAL (bad grant,
 * not granted to us), EPERM (write access to a read-only grant), ENOMEM,
 * EAGAIN (the granted page stayed paged out: the library retries for about
 * one second, then gives up) or the kernel's error.  Unmap with
 * xengnttab_unmap(xgt, addr, 1).  Logs errors.
 */
void *xengnttab_map_grant_ref(xengnttab_handle *xgt,
                              uint32_t domid,
                              uint32_t ref,
                              int prot);

/*
 * xengnttab_map_grant_refs - map `count` grants, grant i being refs[i] of
 * domain domids[i], into one virtually contiguous range, in order.
 *
 * count > 0, and domids and refs non-NULL with `count` entries each;
 * otherwise EINVAL.  A count whose byte size overflows gives ENOMEM.
 * Either every page is mapped or nothing is.  The range can only be
 * unmapped as a whole: xengnttab_unmap(xgt, addr, count).  Errors as for
 * xengnttab_map_grant_ref().  Logs errors.
 */
void *xengnttab_map_grant_refs(xengnttab_handle *xgt,
                               uint32_t count,
                               uint32_t *domids,
                               uint32_t *refs,
                               int prot);

/*
 * xengnttab_map_domain_grant_refs - as xengnttab_map_grant_refs() with all
 * `count` grants made by the one domain `domid` (the usual case: a PV
 * backend mapping a frontend's ring pages).
 */
void *xengnttab_map_domain_grant_refs(xengnttab_handle *xgt,
                                      uint32_t count,
                                      uint32_t domid,
                                      uint32_t *refs,
                                      int prot);

/*
 * xengnttab_map_grant_ref_notify - as xengnttab_map_grant_ref(), and ask
 * for an unmap notification (see the top of this file).
 *
 * notify_offset  byte of the page to set to zero when the mapping goes
 *                away; any value >= 4096 (conventionally -1) for none.
 *                Needs a writable mapping.
 * notify_port    local event channel port to signal then; -1 for none.
 *                The port must be bound in this process.
 *
 * If the notification cannot be set up the mapping is undone and NULL is
 * returned (errno from the kernel: EINVAL for an unbound port or a byte
 * clear on a read-only mapping).  Logs errors.
 */
void *xengnttab_map_grant_ref_notify(xengnttab_handle *xgt,
                                     uint32_t domid,
                                     uint32_t ref,
                                     int prot,
                                     uint32_t notify_offset,
                                     evtchn_port_t notify_port);

/*
 * xengnttab_unmap - unmap `count` pages at `start_address`, a range one of
 * the map functions of this same handle returned with the same count.
 *
 * Returns 0, or -1 with errno: EINVAL (NULL address, an address this
 * handle did not map or already unmapped, or a different count - nothing
 * is touched), or the error of munmap(2) (still mapped) or of releasing the
 * kernel slot (the memory is unmapped regardless).  Any unmap notification
 * fires now.  Never logs.  Must not be called in a forked child.
 */
int xengnttab_unmap(xengnttab_handle *xgt, void *start_address, uint32_t count);

/*
 * xengnttab_set_max_grants - raise or lower how many grants this handle
 * may have mapped at once.  Call it right after open, before mapping.
 *
 * Kernels that no longer have a per-file limit refuse the request with
 * ENOTTY; that is reported as success.  Returns 0, or -1 with errno from
 * the kernel.  Logs failures other than ENOTTY (as upstream does, despite
 * upstream's header saying it never logs).
 */
int xengnttab_set_max_grants(xengnttab_handle *xgt,
                             uint32_t nr_grants);

/*
 * One segment of a grant copy: copy `len` bytes from `source` to `dest`.
 * An end is a foreign grant (ref, byte offset in the granted page,
 * granter's domid) when `flags` has GNTCOPY_source_gref / GNTCOPY_dest_gref
 * (from <xen/grant_table.h>), otherwise a local address (`virt`, which may
 * cross a page boundary).  On a foreign end offset + len must not exceed
 * 4096.  `status` receives GNTST_okay or a negative GNTST_* code.
 *
 * The layout is the Linux kernel's own segment layout (size 24 on LP64:
 * source at 0, dest at 8, len at 16, flags at 18, status at 20), so an
 * array of these is handed to the kernel as it is.
 */
struct xengnttab_grant_copy_segment {
    union xengnttab_copy_ptr {
        void *virt;
        struct {
            uint32_t ref;
            uint16_t offset;
            uint16_t domid;
        } foreign;
    } source, dest;
    uint16_t len;
    uint16_t flags;
    int16_t status;
};

typedef struct xengnttab_grant_copy_segment xengnttab_grant_copy_segment_t;

/*
 * xengnttab_grant_copy - perform `count` copy segments in one request.
 *
 * count == 0 (segs may then be NULL) still asks the kernel and returns 0
 * exactly when it supports grant copy - QEMU probes support this way.
 * count > 0 with segs NULL gives EINVAL.
 *
 * Returns 0 when the request was carried out - each segment's `status`
 * then says whether that segment succeeded - or -1 with errno (EINVAL for
 * malformed segments, ENOTTY without kernel support) and the statuses
 * undefined.  Logs failures.
 */
int xengnttab_grant_copy(xengnttab_handle *xgt,
                         uint32_t count,
                         xengnttab_grant_copy_segment_t *segs);

/*
 * dma-buf: export grants of another domain as a Linux dma-buf, or import a
 * local dma-buf and grant its pages.  Needs a kernel built with
 * CONFIG_XEN_GNTDEV_DMABUF; otherwise every call fails with ENOTTY (or
 * EINVAL/EOPNOTSUPP, depending on the kernel).
 */

/* Flags of xengnttab_dmabuf_exp_from_refs(): back the buffer with
 * write-combined memory, or with DMA-coherent memory. */
#define GNTDEV_DMA_FLAG_WC		(1 << 0)
#define GNTDEV_DMA_FLAG_COHERENT	(1 << 1)

/*
 * xengnttab_dmabuf_exp_from_refs - create a dma-buf whose pages are the
 * `count` grants refs[] of domain `domid`.
 *
 * flags  0 or GNTDEV_DMA_FLAG_* bits.
 * *fd    receives the dma-buf's file descriptor (owned by the caller).
 *
 * Returns 0, or -1 with errno: EINVAL (count 0, NULL refs or fd), ENOMEM,
 * or the kernel's error.  Logs failures.
 */
int xengnttab_dmabuf_exp_from_refs(xengnttab_handle *xgt, uint32_t domid,
                                   uint32_t flags, uint32_t count,
                                   const uint32_t *refs, uint32_t *fd);

/*
 * xengnttab_dmabuf_exp_wait_released - wait up to `wait_to_ms` ms until the
 * dma-buf `fd` exported by this handle has been released by every user.
 *
 * Returns 0 when released (also when it already was), -1 with errno
 * ETIMEDOUT when still in use, or another kernel error.  Logs failures
 * other than a timeout.
 */
int xengnttab_dmabuf_exp_wait_released(xengnttab_handle *xgt, uint32_t fd,
                                       uint32_t wait_to_ms);

/*
 * xengnttab_dmabuf_imp_to_refs - import the dma-buf `fd` and grant its
 * `count` pages to domain `domid`; refs[] (count entries) receives the
 * grant references.  Returns 0, or -1 with errno (EINVAL for count 0 or
 * NULL refs, ENOMEM, or the kernel's error).  Logs failures.
 */
int xengnttab_dmabuf_imp_to_refs(xengnttab_handle *xgt, uint32_t domid,
                                 uint32_t fd, uint32_t count, uint32_t *refs);

/*
 * xengnttab_dmabuf_imp_release - end the grants of an imported dma-buf and
 * release it.  Returns 0, or -1 with errno from the kernel.  Logs failures.
 */
int xengnttab_dmabuf_imp_release(xengnttab_handle *xgt, uint32_t fd);

/* ======================================================================
 * gntshr: granting pages of this domain to another domain
 * ====================================================================== */

typedef struct xengntdev_handle xengntshr_handle;

/*
 * xengntshr_open - open a grant sharing handle.
 *
 * logger      where errors are logged (context "gntshr"); NULL: a private
 *             stderr logger at XTL_PROGRESS.
 * open_flags  ignored (reserved; pass 0).
 *
 * Returns the handle, or NULL with errno (ENOMEM, or the error of opening
 * /dev/xen/gntalloc).  Unlike upstream, the descriptor is close-on-exec.
 * Like upstream, the handle is not affected by xentoolcore_restrict_all().
 */
xengntshr_handle *xengntshr_open(struct xentoollog_logger *logger,
                                 unsigned open_flags);

/*
 * xengntshr_close - close a handle; NULL is accepted.  Pages still shared
 * stay shared (and granted) until unshared.  Returns 0, or -1 with errno
 * from close(2); the handle is freed either way.
 */
int xengntshr_close(xengntshr_handle *xgs);

/* xengntshr_fd - the handle's descriptor (for auditing); -1/EINVAL for a
 * NULL handle. */
int xengntshr_fd(xengntshr_handle *xgs);

/*
 * xengntshr_share_pages - allocate `count` fresh zeroed pages, grant each
 * to domain `domid` (read-only unless `writable`), and map them here
 * read-write, contiguously.
 *
 * refs  receives the `count` grant references, in page order.
 *
 * Returns the address, or NULL with errno: EINVAL (count <= 0, NULL refs),
 * ENOMEM, ENOSPC (the kernel's limit on shared pages), or the kernel's
 * error.  The pages and grants live until xengntshr_unshare(xgs, addr,
 * count).  Logs errors.
 */
void *xengntshr_share_pages(xengntshr_handle *xgs, uint32_t domid,
                            int count, uint32_t *refs, int writable);

/*
 * xengntshr_share_page_notify - share one page, with an unmap notification
 * (see the top of this file): notify_offset is the byte to clear (>= 4096,
 * conventionally -1, for none), notify_port the local port to signal (-1
 * for none).  *ref receives the grant reference.  If the notification
 * cannot be set up nothing is shared and NULL is returned.
 */
void *xengntshr_share_page_notify(xengntshr_handle *xgs, uint32_t domid,
                                  uint32_t *ref, int writable,
                                  uint32_t notify_offset,
                                  evtchn_port_t notify_port);

/*
 * xengntshr_unshare - unmap and end the sharing of `count` pages at
 * `start_address`, as returned by a share function of this handle with the
 * same count.  Returns 0, or -1 with errno: EINVAL (an address this handle
 * did not share or already unshared, or a different count - nothing is
 * touched) or the error of munmap(2).  Any unmap notification fires now.
 */
int xengntshr_unshare(xengntshr_handle *xgs, void *start_address,
                      uint32_t count);

#ifdef __cplusplus
}
#endif

#endif /* XENGNTTAB_H */
