/*
 * xencall.h - issue Xen hypercalls from userspace.
 *
 * Part of verixen, a clean-room implementation of Xen's stable userspace
 * libraries (MIT licence).  API- and ABI-compatible with upstream Xen's
 * libxencall.so.1 (symbol versions VERS_1.0 .. VERS_1.3).
 *
 * A handle wraps Linux's privileged command device (/dev/xen/privcmd,
 * falling back to /proc/xen/privcmd) and, where the kernel offers it, the
 * hypercall buffer device /dev/xen/hypercall.  Any pointer passed to the
 * hypervisor as a hypercall argument must point into memory obtained from
 * xencall_alloc_buffer() or xencall_alloc_buffer_pages(): ordinary memory
 * may be paged or migrated by the kernel while Xen accesses it, which Xen
 * reports as EFAULT.
 *
 * Errors: pointer-returning functions return NULL with errno set to a
 * positive value; int-returning functions return -1 with errno set.
 *
 * Logging: xencall_open() and the buffer allocators log failures through
 * the logger given to xencall_open() (or a private stderr logger at
 * XTL_PROGRESS when it was NULL), with context "xencall".  The hypercall
 * functions never log.  xencall_close() reports buffer-cache statistics at
 * XTL_DEBUG with context "xencall:buffer".
 *
 * Threads: a handle may be shared between threads unless it was opened
 * with XENCALL_OPENFLAG_NON_REENTRANT.  Hypercalls are independent kernel
 * requests; the buffer cache is protected by a lock.
 *
 * Fork: after fork() the child must not use an inherited handle, its
 * buffers or any memory obtained from it; xencall_close() is the only
 * permitted call and it releases what it can without touching mappings
 * that the child may not have.  exec() releases everything.
 */
#ifndef XENCALL_H
#define XENCALL_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct xentoollog_logger;

/* Opaque handle; one per xencall_open(). */
typedef struct xencall_handle xencall_handle;

/*
 * Open flag: the caller promises to use the handle from one thread at a
 * time, so the buffer cache is used without locking.
 */
#define XENCALL_OPENFLAG_NON_REENTRANT (1U<<0)

/*
 * xencall_open - open a hypercall handle.
 *
 * logger      where failures are logged; NULL: a private stderr logger.
 * open_flags  XENCALL_OPENFLAG_NON_REENTRANT or 0.  Other bits are
 *             accepted and ignored, as upstream does.
 *
 * Returns the handle, or NULL with errno set: ENOENT/EACCES/... from
 * opening the privcmd device (logged), any error but ENOENT from opening
 * /dev/xen/hypercall (logged), ENOMEM.  The descriptors are close-on-exec.
 */
xencall_handle *xencall_open(struct xentoollog_logger *logger,
                             unsigned open_flags);

/*
 * xencall_close - close a handle and release every cached buffer.
 * Buffers still allocated by the caller become invalid.  NULL is a no-op.
 * Returns 0.
 */
int xencall_close(xencall_handle *xcall);

/*
 * xencall_fd - the privcmd descriptor of the handle (for auditing which
 * descriptors a process holds).  The caller must not close it or issue
 * requests on it.  Returns -1 with EINVAL for a NULL handle.
 */
int xencall_fd(xencall_handle *xcall);

/*
 * xencall0 .. xencall5 - hypercall `op` with 0 to 5 arguments (unused ones
 * are passed as 0).
 *
 * Returns the hypervisor's non-negative result, or -1 with errno set to
 * the hypervisor's error (Xen's error numbers equal Linux's) or to an
 * error of the kernel driver (EPERM when the descriptor was restricted,
 * ENOTTY once xentoolcore_restrict_all() neutered the handle); the two
 * sources cannot always be told apart.  A result that does not fit an int
 * is truncated to one, as upstream does: use xencall2L() for such calls.
 * Never logs.
 */
int xencall0(xencall_handle *xcall, unsigned int op);
int xencall1(xencall_handle *xcall, unsigned int op,
             uint64_t arg1);
int xencall2(xencall_handle *xcall, unsigned int op,
             uint64_t arg1, uint64_t arg2);
int xencall3(xencall_handle *xcall, unsigned int op,
             uint64_t arg1, uint64_t arg2, uint64_t arg3);
int xencall4(xencall_handle *xcall, unsigned int op,
             uint64_t arg1, uint64_t arg2, uint64_t arg3,
             uint64_t arg4);
int xencall5(xencall_handle *xcall, unsigned int op,
             uint64_t arg1, uint64_t arg2, uint64_t arg3,
             uint64_t arg4, uint64_t arg5);

/*
 * xencall2L - like xencall2() but returns the full-width (long) result,
 * e.g. memory_op results above INT_MAX.  Unlike upstream on Linux, the
 * result is never truncated to 32 bits.
 */
long xencall2L(xencall_handle *xcall, unsigned int op,
               uint64_t arg1, uint64_t arg2);

/*
 * xencall_alloc_buffer_pages - `nr_pages` zeroed, page-aligned pages
 * suitable as hypercall arguments.  Release with
 * xencall_free_buffer_pages() passing the same `nr_pages`.
 *
 * Returns NULL with errno set: EINVAL for nr_pages == 0 or a NULL handle,
 * ENOMEM when the size overflows or memory is short, or the error of the
 * mapping request (logged).  Small buffers are recycled through a
 * per-handle cache, so a repeated allocation usually costs no system call.
 */
void *xencall_alloc_buffer_pages(xencall_handle *xcall, size_t nr_pages);

/*
 * xencall_free_buffer_pages - give back a buffer of `nr_pages` pages.
 * NULL `p` is a no-op.  errno is preserved, so it can be called between a
 * failing hypercall and the caller's inspection of errno.
 */
void xencall_free_buffer_pages(xencall_handle *xcall, void *p, size_t nr_pages);

/*
 * xencall_alloc_buffer - a zeroed hypercall buffer of at least `size`
 * bytes, aligned to 16 bytes.  Release with xencall_free_buffer().
 * Errors as for xencall_alloc_buffer_pages(); size 0 is valid.
 */
void *xencall_alloc_buffer(xencall_handle *xcall, size_t size);

/*
 * xencall_free_buffer - release a buffer from xencall_alloc_buffer().
 * NULL is a no-op; errno is preserved.
 */
void xencall_free_buffer(xencall_handle *xcall, void *p);

/*
 * xencall_buffers_never_fault - 1 if hypercall buffers come from the
 * kernel's hypercall buffer device, so Xen can never see a fault on them;
 * 0 if they are ordinary locked memory (the kernel may still migrate it,
 * and the caller should be ready for EFAULT and retry).
 */
int xencall_buffers_never_fault(xencall_handle *xcall);

#ifdef __cplusplus
}
#endif

#endif /* XENCALL_H */
