/*
 * map.c - mapping foreign grants (the four map entry points share one
 * routine) and unmapping them.
 *
 * A map is three kernel steps: reserve a slot of grants (MAP_GRANT_REF,
 * which yields a file offset), mmap the slot, and optionally arm an unmap
 * notification.  Any failure undoes the earlier steps, so the caller never
 * inherits a half-made mapping or a leaked slot.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>


#include "gnttab_private.h"
#include "vx_checked.h"
#include "vx_export.h"
#include "vx_guard.h"

#ifdef __FRAMAC__
#include "gnttab_map.acsl.h" /* contracts of the static helpers */
#endif

/* Messages as initialised arrays, not literals: the proofs need to see
 * that they are strings (WP does not for literals). */
static const char msg_ioctl_map_grant_ref[] = "ioctl MAP_GRANT_REF failed";
static const char msg_mmap[] = "mmap failed";
static const char msg_ioctl_set_unmap_notify[] = "ioctl SET_UNMAP_NOTIFY failed";

/* Give back the slot after a failed mmap/notify; the failure's errno is
 * what the caller must see. */
static void map_release_slot(struct xengntdev_handle *xgt, uint64_t index,
                             uint32_t count)
{
    VX_PRESERVING_ERRNO((void)gnttab_os_unmap_grant_ref(xgt->fd, index, count));
}

static void *gnttab_map(struct xengntdev_handle *xgt, uint32_t count,
                        const uint32_t *domids, size_t domid_stride,
                        const uint32_t *refs, int prot,
                        uint32_t notify_offset, uint32_t notify_port)
{
    uint64_t index = 0;
    uint32_t actions;
    size_t bytes;
    void *addr;

    VX_ENSURE_PTR(xengntdev_handle_is_valid(xgt, GNTTAB_KIND_GNTTAB), EINVAL);
    /* One test each (the compiler would otherwise combine them with
     * setcc/or, more instructions than three branches). */
    VX_ENSURE_PTR(count > 0, EINVAL);
    VX_ENSURE_PTR(domids != NULL, EINVAL);
    VX_ENSURE_PTR(refs != NULL, EINVAL);
    /* A 32-bit page count cannot overflow a 64-bit size_t (the check
     * would be dead code there); where it can, it runs before anything is
     * asked of the kernel. */
#if SIZE_MAX / 4096u < UINT32_MAX
    VX_GUARD_PTR(vx_pages_to_bytes(count, &bytes));
#endif

    if (gnttab_os_map_grant_ref(xgt->fd, count, domids, domid_stride, refs,
                                &index) < 0) {
        gnttab_log_error(xgt, msg_ioctl_map_grant_ref);
        /*@ assert kept_failed: GNTTAB_HANDLE_KEPT(xgt); */
        return NULL;
    }
    /*@ assert kept_slot: GNTTAB_HANDLE_KEPT(xgt); */
#if SIZE_MAX / 4096u >= UINT32_MAX
    /* Here, not above: no register has to hold it across the request. */
    bytes = (size_t)count * VX_XEN_PAGE_SIZE;
#endif
    addr = gnttab_os_mmap(xgt->fd, bytes, prot, index);
    /*@ assert kept_mapped: GNTTAB_HANDLE_KEPT(xgt); */
    if (addr == NULL) {
        gnttab_log_error(xgt, msg_mmap);
        goto fail_slot;
    }
    /* (UINT32_MAX, UINT32_MAX): the entry points without notification;
     * the test folds away there, and a map of 4 GiB or more cannot take
     * offset UINT32_MAX for a byte to clear. */
    actions = notify_offset == UINT32_MAX && notify_port == UINT32_MAX
                  ? 0 : gnttab_notify_actions(bytes, notify_offset, notify_port);
    if (actions != 0) {
        /* The byte to clear is named by its file offset. */
        uint64_t at = index + ((actions & UNMAP_NOTIFY_CLEAR_BYTE) ? notify_offset : 0);

        if (gnttab_os_gntdev_notify(xgt->fd, at, actions, notify_port) < 0) {
            gnttab_log_error(xgt, msg_ioctl_set_unmap_notify);
            goto fail_mapped;
        }
    }
    /*@ assert kept_notified: GNTTAB_HANDLE_KEPT(xgt); */
    /* Recorded after the kernel calls, in one lock round trip; should the
     * registry have to grow and cannot (ENOMEM), the mapping is undone. */
    if (gnttab_handle_insert_mapping(xgt, addr, index, count) == 0)
        return addr;

fail_mapped:
    VX_PRESERVING_ERRNO((void)gnttab_os_munmap(addr, bytes));
fail_slot:
    map_release_slot(xgt, index, count);
    /*@ assert kept_released: GNTTAB_HANDLE_KEPT(xgt); */
    return NULL;
}

VX_EXPORT void *xengnttab_map_grant_ref(xengnttab_handle *xgt, uint32_t domid,
                                        uint32_t ref, int prot)
{
    return gnttab_map(xgt, 1, &domid, 0, &ref, prot, UINT32_MAX, UINT32_MAX);
}

/* flatten: the shared routine is inlined into the entry point callers
 * use most (no second call; the notification test folds away). */
VX_EXPORT __attribute__((flatten)) void *
xengnttab_map_grant_refs(xengnttab_handle *xgt, uint32_t count,
                         uint32_t *domids, uint32_t *refs, int prot)
{
    return gnttab_map(xgt, count, domids, 1, refs, prot, UINT32_MAX,
                      UINT32_MAX);
}

VX_EXPORT void *xengnttab_map_domain_grant_refs(xengnttab_handle *xgt,
                                                uint32_t count, uint32_t domid,
                                                uint32_t *refs, int prot)
{
    /* Stride 0: every grant reads the one domid. */
    return gnttab_map(xgt, count, &domid, 0, refs, prot, UINT32_MAX,
                      UINT32_MAX);
}

VX_EXPORT void *xengnttab_map_grant_ref_notify(xengnttab_handle *xgt,
                                               uint32_t domid, uint32_t ref,
                                               int prot,
                                               uint32_t notify_offset,
                                               evtchn_port_t notify_port)
{
    return gnttab_map(xgt, 1, &domid, 0, &ref, prot, notify_offset,
                      notify_port);
}

VX_EXPORT int xengnttab_unmap(xengnttab_handle *xgt, void *start_address,
                              uint32_t count)
{
    uint64_t index;

    VX_ENSURE(xengntdev_handle_is_valid(xgt, GNTTAB_KIND_GNTTAB), EINVAL);
    VX_ENSURE(start_address != NULL, EINVAL);
    /* Only what this handle mapped, exactly as mapped: a stray or repeated
     * unmap is refused before anything is touched.  munmap first (inside):
     * the kernel keeps the slot's grants mapped while a mapping of it
     * exists, and fires the unmap notification there. */
    VX_GUARD(gnttab_registry_unmap(&xgt->maps, start_address, count, &index));
    return (int)gnttab_os_unmap_grant_ref(xgt->fd, index, count); /* 0/-1 */
}
