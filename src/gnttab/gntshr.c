/*
 * gntshr.c - granting local pages to another domain through gntalloc:
 * the gntshr handle's life cycle, share and unshare.
 *
 * A share is: allocate and grant `count` pages (ALLOC_GREF, which yields a
 * file offset), mmap them, optionally arm an unmap notification, then drop
 * the file's own reference (DEALLOC_GREF) so that the pages and grants live
 * exactly as long as the mapping.  Any failure before the DEALLOC still
 * ends in it, so nothing outlives a failed share (unless that DEALLOC
 * fails too: then the grants end when the handle is closed).
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>

#include "gnttab_private.h"
#include "vx_checked.h"
#include "vx_export.h"
#include "vx_guard.h"

#ifdef __FRAMAC__
#include "gnttab_gntshr.acsl.h" /* contracts of the static helpers */
#endif

/* Messages as initialised arrays, not literals: the proofs need to see
 * that they are strings (WP does not for literals). */
static const char msg_ioctl_alloc_gref[] = "ioctl ALLOC_GREF failed";
static const char msg_mmap[] = "mmap failed";
static const char msg_ioctl_set_unmap_notify[] = "ioctl SET_UNMAP_NOTIFY failed";
static const char msg_ioctl_dealloc_gref[] = "ioctl DEALLOC_GREF failed";

VX_EXPORT xengntshr_handle *xengntshr_open(struct xentoollog_logger *logger,
                                           unsigned open_flags)
{
    (void)open_flags; /* reserved; upstream ignores it too */
    return gnttab_handle_open(logger, GNTTAB_KIND_GNTSHR);
}

VX_EXPORT int xengntshr_close(xengntshr_handle *xgs)
{
    return gnttab_handle_close(xgs);
}

VX_EXPORT int xengntshr_fd(xengntshr_handle *xgs)
{
    VX_ENSURE(xengntdev_handle_is_valid(xgs, GNTTAB_KIND_GNTSHR), EINVAL);
    return xgs->fd;
}

static void *gntshr_share(struct xengntdev_handle *xgs, uint32_t domid,
                          int count, uint32_t *refs, int writable,
                          uint32_t notify_offset, uint32_t notify_port)
{
    uint64_t index = 0;
    uint32_t actions, pages;
    size_t bytes;
    void *addr = NULL;
    int owed;

    VX_ENSURE_PTR(xengntdev_handle_is_valid(xgs, GNTTAB_KIND_GNTSHR), EINVAL);
    VX_ENSURE_PTR(count > 0 && refs != NULL, EINVAL);
    /* gntalloc takes a 16-bit domid; a wider one would silently grant to
     * some other domain (upstream truncates). */
    VX_ENSURE_PTR(domid <= UINT16_MAX, EINVAL);
    pages = (uint32_t)count;
    /* A 32-bit page count cannot overflow a 64-bit size_t (the check
     * would be dead code there). */
#if SIZE_MAX / 4096u >= UINT32_MAX
    bytes = (size_t)pages * VX_XEN_PAGE_SIZE;
#else
    VX_GUARD_PTR(vx_pages_to_bytes(pages, &bytes));
#endif
    /* Not VX_GUARD_PTR: the proof wants the handle invariant asserted
     * on this way out too (each return then ends in the same fact). */
    if (gnttab_registry_reserve(&xgs->maps) < 0) {
        /*@ assert kept_not_reserved: xengntdev_handle_core(xgs); */
        return NULL;
    }
    /*@ assert kept_reserved: GNTTAB_HANDLE_KEPT(xgs); */

    if (gnttab_os_alloc_gref(xgs->fd, (uint16_t)domid, writable, pages, refs,
                             &index) < 0) {
        gnttab_log_error(xgs, msg_ioctl_alloc_gref);
        goto fail_reserved;
    }
    /*@ assert kept_allocated: GNTTAB_HANDLE_KEPT(xgs); */
    /* Our side is always writable: the page is ours. */
    addr = gnttab_os_mmap(xgs->fd, bytes, PROT_READ | PROT_WRITE, index);
    /*@ assert kept_mapped: GNTTAB_HANDLE_KEPT(xgs); */
    if (addr == NULL) {
        gnttab_log_error(xgs, msg_mmap);
        goto dealloc;
    }
    actions = gnttab_notify_actions(bytes, notify_offset, notify_port);
    if (actions != 0) {
        uint64_t at = index + ((actions & UNMAP_NOTIFY_CLEAR_BYTE)
                                   ? notify_offset : 0);

        if (gnttab_os_gntalloc_notify(xgs->fd, at, actions, notify_port) < 0) {
            gnttab_log_error(xgs, msg_ioctl_set_unmap_notify);
            VX_PRESERVING_ERRNO((void)gnttab_os_munmap(addr, bytes));
            addr = NULL;
        }
    }

dealloc:
    /*@ assert kept_dealloc: GNTTAB_HANDLE_KEPT(xgs); */
    /* Always: from here on the mapping alone keeps the grants alive (or,
     * after a failure, nothing does and they are ended now).  Should the
     * request itself fail, a working share is still returned - as
     * upstream does - but the debt is remembered and paid at unshare, so
     * the grants do not outlive it. */
    if (addr == NULL) {
        /* Cleanup: the first failure's errno is the caller's. */
        VX_PRESERVING_ERRNO((void)gnttab_os_dealloc_gref(xgs->fd, index, pages));
        goto fail_reserved;
    }
    owed = gnttab_os_dealloc_gref(xgs->fd, index, pages) < 0;
    if (owed)
        gnttab_log_error(xgs, msg_ioctl_dealloc_gref);
    /*@ assert kept_owed: GNTTAB_HANDLE_KEPT(xgs); */
    gnttab_handle_record_mapping(xgs, addr, index, pages, owed);
    return addr;

fail_reserved:
    VX_PRESERVING_ERRNO(gnttab_registry_unreserve(&xgs->maps));
    /*@ assert kept_unreserved: GNTTAB_HANDLE_KEPT(xgs); */
    return NULL;
}

VX_EXPORT void *xengntshr_share_pages(xengntshr_handle *xgs, uint32_t domid,
                                      int count, uint32_t *refs, int writable)
{
    return gntshr_share(xgs, domid, count, refs, writable, UINT32_MAX,
                        UINT32_MAX);
}

VX_EXPORT void *xengntshr_share_page_notify(xengntshr_handle *xgs,
                                            uint32_t domid, uint32_t *ref,
                                            int writable,
                                            uint32_t notify_offset,
                                            evtchn_port_t notify_port)
{
    return gntshr_share(xgs, domid, 1, ref, writable, notify_offset,
                        notify_port);
}

VX_EXPORT int xengntshr_unshare(xengntshr_handle *xgs, void *start_address,
                                uint32_t count)
{
    struct gnttab_mapping m;
    size_t bytes;

    VX_ENSURE(xengntdev_handle_is_valid(xgs, GNTTAB_KIND_GNTSHR), EINVAL);
    VX_ENSURE(start_address != NULL, EINVAL);
    VX_GUARD(gnttab_registry_take(&xgs->maps, start_address, count, &m));
    VX_GUARD_GOTO(vx_pages_to_bytes(m.count, &bytes), put_back);
    /* The pages were deallocated at share time: unmapping ends the grants
     * (and fires any notification). */
    VX_GUARD_GOTO(gnttab_os_munmap(m.addr, bytes), put_back);
    gnttab_registry_unreserve(&xgs->maps);
    if (m.needs_dealloc && gnttab_os_dealloc_gref(xgs->fd, m.index, m.count) < 0)
        return -1;   /* unmapped; the grants end when the handle closes */
    return 0;

put_back:
    VX_PRESERVING_ERRNO(gnttab_registry_put_back(&xgs->maps, &m));
    return -1;
}
