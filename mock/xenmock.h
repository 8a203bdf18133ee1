/*
 * xenmock.h - control interface of verixen's mocked kernel.
 *
 * The mocked kernel is a model of Linux's /dev/xen/{evtchn,gntdev,gntalloc,
 * privcmd,hypercall} drivers and of the small part of the Xen hypervisor
 * behind them.  Two front ends drive one model:
 *
 *   - the link-time seam: test and fuzz binaries link mock objects that
 *     implement src/common/vx_sys.h (vx_sys_open, vx_sys_ioctl, ...)
 *     instead of src/common/sys_linux.c;
 *   - the LD_PRELOAD shim libxenmock.so: intercepts libc's open/ioctl/mmap/
 *     read/write/... (and syscall(SYS_ioctl, ...)) for the Xen device nodes only, so
 *     unmodified binaries (Debian's libxen* 4.17, real clients) run on it.
 *
 * Tests use the functions below to set the scene (domains, grants, ports),
 * inject faults, read the log of kernel calls and check invariants.
 * All functions are process-local unless stated otherwise; none is
 * thread-safe unless stated otherwise (the model itself is internally
 * locked, so library calls from several threads are fine).
 *
 * Conventions: int-returning functions return 0 (or a non-negative value)
 * on success and -1 with errno set on failure, like the kernel would.
 */
#ifndef XENMOCK_H
#define XENMOCK_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- life cycle ---------------------------------------------------------- */

/* Forget everything: all domains, grants, ports, mappings, faults and the
 * call log.  Afterwards domain 0 exists and is the current domain, with
 * XM_DEFAULT_PAGES pages of memory.  Must not be called while handles
 * opened on the model are still open (their fds become stale). */
#define XM_DEFAULT_PAGES 64u
void xm_reset(void);

/* Check the teardown invariants: no fd of the model still open, no grant
 * slot (gntdev) or gref (gntalloc) still allocated, no mapping of model
 * memory still mapped, no double unmap / double unbind / unmap of an unknown
 * address seen, no hypercall argument outside a /dev/xen/hypercall buffer,
 * no failing kernel call answered with errno <= 0.
 * Returns 0 when clean; otherwise -1 and writes a human-readable list of
 * violations (NUL-terminated, truncated to len) into buf. */
int xm_check_invariants(char *buf, size_t len);

/* ---- domains --------------------------------------------------------------- */

/* Create simulated domain `domid` with `nr_pages` pages of memory (gfns
 * 0 .. nr_pages-1).  EEXIST if it exists, EINVAL for domid >= 0x7FF0. */
int xm_domain_create(uint16_t domid, unsigned int nr_pages);

/* Files opened from now on (in this process) act as domain `domid`: the
 * grants they share are granted by it, the ports they bind are its ports.
 * Lets one test process play both ends of an interdomain scenario. */
int xm_set_current_domain(uint16_t domid);

/* The backing memory of page `gfn` of `domid` (4096 bytes), so tests can
 * write data that a foreign map must see, or check what a grant copy
 * wrote.  NULL with errno ESRCH/EINVAL if there is no such page. */
void *xm_domain_page(uint16_t domid, uint64_t gfn);

/* Mark page `gfn` of `domid` as paged out: the next `times` MMAPBATCH_V2
 * attempts that touch it report -ENOENT for it (and the ioctl fails with
 * ENOENT, as Linux does); afterwards it maps normally.  times = ~0u: never
 * comes back. */
int xm_domain_page_out(uint16_t domid, uint64_t gfn, unsigned int times);

/* ---- grants (hypervisor side) ----------------------------------------------- */

/* Domain `granter` grants page `gfn` of its memory to `grantee`;
 * *ref receives the grant reference.  readonly != 0 forbids writable maps
 * and copies into it (GNTST_permission_denied / EPERM-like errors). */
int xm_grant_create(uint16_t granter, uint16_t grantee, uint64_t gfn,
                    int readonly, uint32_t *ref);

/* Revoke a grant made with xm_grant_create. EBUSY while it is mapped. */
int xm_grant_revoke(uint16_t granter, uint32_t ref);

/* Number of live mappings of grant `ref` of `granter` (any mapper). */
int xm_grant_map_count(uint16_t granter, uint32_t ref);

/* ---- event channels (hypervisor side) --------------------------------------- */

/* Allocate an unbound port in `domid` that `remote` may bind to (what a
 * guest's frontend does); *port receives it. */
int xm_evtchn_alloc_unbound(uint16_t domid, uint16_t remote, uint32_t *port);

/* Fire `port` of `domid` as its peer would (EVTCHNOP_send from the other
 * end).  ENOENT if the port is not bound. */
int xm_evtchn_send(uint16_t domid, uint32_t port);

/* Raise virtual IRQ `virq` towards domain `domid` (fires any port bound to
 * it with BIND_VIRQ). */
int xm_virq_raise(uint16_t domid, unsigned int virq);

/* 1 if `port` of `domid` has fired and not been consumed by read(), 0 if
 * not, -1 (ENOENT) if not bound. */
int xm_evtchn_is_pending(uint16_t domid, uint32_t port);

/* 1 if `port` of `domid` is masked (delivered and not yet unmasked). */
int xm_evtchn_is_masked(uint16_t domid, uint32_t port);

/* ---- driver / kernel configuration ------------------------------------------ */

/* Which device nodes exist (all by default).  Opening a missing one fails
 * with ENOENT.  Bit per device. */
enum xm_device {
    XM_DEV_EVTCHN    = 1u << 0,
    XM_DEV_GNTDEV    = 1u << 1,
    XM_DEV_GNTALLOC  = 1u << 2,
    XM_DEV_PRIVCMD   = 1u << 3,
    XM_DEV_HYPERCALL = 1u << 4,
    XM_DEV_ALL       = 0x1Fu
};
void xm_set_devices(unsigned int present_mask);

/* Kernel feature switches, all "like Debian 12's 6.1 kernel" by default. */
enum xm_feature {
    XM_FEAT_DMABUF,            /* default 0: gntdev DMABUF ioctls -> ENOTTY?
                                  (answer as a kernel without
                                  CONFIG_XEN_GNTDEV_DMABUF does) */
    XM_FEAT_SET_MAX_GRANTS,    /* default 0: SET_MAX_GRANTS -> ENOTTY */
    XM_FEAT_MMAP_RESOURCE,     /* default 1 */
    XM_FEAT_MMAPBATCH_V2,      /* default 1 */
    XM_FEAT_NUM
};
void xm_set_feature(enum xm_feature f, int enabled);

/* gntalloc module limit on simultaneously allocated grefs (default 1024):
 * ALLOC_GREF beyond it fails with ENOSPC. */
void xm_set_gntalloc_limit(unsigned int limit);

/* ---- fault injection ---------------------------------------------------------- */

enum xm_call {
    XM_CALL_ANY = 0,
    XM_CALL_OPEN,
    XM_CALL_CLOSE,
    XM_CALL_IOCTL,
    XM_CALL_READ,
    XM_CALL_WRITE,
    XM_CALL_MMAP,
    XM_CALL_MUNMAP,
    XM_CALL_MADVISE,
    XM_CALL_DUP2,
    XM_CALL_NUM
};

/* Make the nth (1-based, counted from now) call of kind `call` that matches
 * `request` (ioctl request number, 0 = any; ignored for non-ioctl calls)
 * fail with -1 / errno = err, without reaching the model.  Several faults
 * may be armed at once; each fires once. */
int xm_fault_fail_nth(enum xm_call call, unsigned long request,
                      unsigned int nth, int err);

/* Make the nth read() (1-based, from now) on an evtchn fd return only
 * `bytes` bytes (0 < bytes < requested), consuming nothing. */
int xm_fault_short_read(unsigned int nth, size_t bytes);

/* Disarm every armed fault. */
void xm_fault_clear(void);

/* Count the calls that *would* be made: every intercepted call increments
 * a counter per kind; tests use it to enumerate every call site of an
 * operation and inject a fault at each one in turn. */

/* ---- call log ----------------------------------------------------------------- */

struct xm_call_record {
    enum xm_call call;
    int fd;                  /* -1 for mmap of anonymous memory etc. */
    unsigned long request;   /* ioctl request, or open flags, or mmap prot */
    long result;             /* what the caller got back (-1 on failure) */
    int err;                 /* errno on failure, else 0 */
};

/* The log of every intercepted call since the last xm_reset/xm_log_clear:
 * every call on a model descriptor, every munmap (fd -1) and every
 * anonymous mmap (fd -1); open() of a path outside /dev/xen is not logged. */
size_t xm_log_count(void);
/* Number of logged calls of one kind (XM_CALL_ANY: all). */
size_t xm_log_count_kind(enum xm_call call);
/* The same, counting only calls made on a descriptor of the model (an
 * mmap of a device, not anonymous memory; munmap records have fd -1). */
size_t xm_log_count_device(enum xm_call call);
/* Record i (0-based), or NULL if out of range. */
const struct xm_call_record *xm_log_get(size_t i);
void xm_log_clear(void);

#ifdef __cplusplus
}
#endif

#endif /* XENMOCK_H */
