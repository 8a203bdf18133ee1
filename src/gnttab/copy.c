/*
 * copy.c - grant copy, and the per-file grant limit.
 */
#include <errno.h>

#include "gnttab_private.h"
#include "vx_export.h"
#include "vx_guard.h"

/* Messages as initialised arrays, not literals: the proofs need to see
 * that they are strings (WP does not for literals). */
static const char msg_ioctl_grant_copy[] = "ioctl GRANT_COPY failed";
static const char msg_ioctl_set_max_grants[] = "ioctl SET_MAX_GRANTS failed";

VX_EXPORT int xengnttab_grant_copy(xengnttab_handle *xgt, uint32_t count,
                                   xengnttab_grant_copy_segment_t *segs)
{
    VX_ENSURE(xengntdev_handle_is_valid(xgt, GNTTAB_KIND_GNTTAB), EINVAL);
    /* count == 0 goes to the kernel on purpose: it is how QEMU learns
     * whether the kernel supports grant copy at all. */
    VX_ENSURE(segs != NULL || count == 0, EINVAL);
    if (gnttab_os_grant_copy(xgt->fd, count, segs) < 0) {
        gnttab_log_error(xgt, msg_ioctl_grant_copy);
        return -1;
    }
    return 0;
}

VX_EXPORT int xengnttab_set_max_grants(xengnttab_handle *xgt, uint32_t nr_grants)
{
    VX_ENSURE(xengntdev_handle_is_valid(xgt, GNTTAB_KIND_GNTTAB), EINVAL);
    if (gnttab_os_set_max_grants(xgt->fd, nr_grants) < 0) {
        /* Kernels since 4.x have no per-file limit and no such request:
         * there is nothing to raise, which is success. */
        if (errno == ENOTTY)
            return 0;
        gnttab_log_error(xgt, msg_ioctl_set_max_grants);
        return -1;
    }
    return 0;
}
