/*
 * dmabuf.c - exporting foreign grants as Linux dma-bufs and importing
 * dma-bufs as grants (gntdev's CONFIG_XEN_GNTDEV_DMABUF requests).
 */
#include <errno.h>

#include "gnttab_private.h"
#include "vx_export.h"
#include "vx_guard.h"

/* Messages as initialised arrays, not literals: the proofs need to see
 * that they are strings (WP does not for literals). */
static const char msg_ioctl_dmabuf_exp_from_refs[] = "ioctl DMABUF_EXP_FROM_REFS failed";
static const char msg_ioctl_dmabuf_exp_wait_released[] = "ioctl DMABUF_EXP_WAIT_RELEASED failed";
static const char msg_ioctl_dmabuf_imp_to_refs[] = "ioctl DMABUF_IMP_TO_REFS failed";
static const char msg_ioctl_dmabuf_imp_release[] = "ioctl DMABUF_IMP_RELEASE failed";

VX_EXPORT int xengnttab_dmabuf_exp_from_refs(xengnttab_handle *xgt,
                                             uint32_t domid, uint32_t flags,
                                             uint32_t count,
                                             const uint32_t *refs,
                                             uint32_t *fd)
{
    VX_ENSURE(xengntdev_handle_is_valid(xgt, GNTTAB_KIND_GNTTAB), EINVAL);
    VX_ENSURE(count > 0 && refs != NULL && fd != NULL, EINVAL);
    if (gnttab_os_dmabuf_exp_from_refs(xgt->fd, domid, flags, count, refs,
                                       fd) < 0) {
        gnttab_log_error(xgt, msg_ioctl_dmabuf_exp_from_refs);
        return -1;
    }
    return 0;
}

VX_EXPORT int xengnttab_dmabuf_exp_wait_released(xengnttab_handle *xgt,
                                                 uint32_t fd,
                                                 uint32_t wait_to_ms)
{
    VX_ENSURE(xengntdev_handle_is_valid(xgt, GNTTAB_KIND_GNTTAB), EINVAL);
    if (gnttab_os_dmabuf_exp_wait_released(xgt->fd, fd, wait_to_ms) < 0) {
        /* ENOENT: the kernel no longer knows the buffer because it has
         * already been released - which is what the caller waits for. */
        if (errno == ENOENT)
            return 0;
        if (errno != ETIMEDOUT)
            gnttab_log_error(xgt, msg_ioctl_dmabuf_exp_wait_released);
        return -1;
    }
    return 0;
}

VX_EXPORT int xengnttab_dmabuf_imp_to_refs(xengnttab_handle *xgt,
                                           uint32_t domid, uint32_t fd,
                                           uint32_t count, uint32_t *refs)
{
    VX_ENSURE(xengntdev_handle_is_valid(xgt, GNTTAB_KIND_GNTTAB), EINVAL);
    VX_ENSURE(count > 0 && refs != NULL, EINVAL);
    if (gnttab_os_dmabuf_imp_to_refs(xgt->fd, domid, fd, count, refs) < 0) {
        gnttab_log_error(xgt, msg_ioctl_dmabuf_imp_to_refs);
        return -1;
    }
    return 0;
}

VX_EXPORT int xengnttab_dmabuf_imp_release(xengnttab_handle *xgt, uint32_t fd)
{
    VX_ENSURE(xengntdev_handle_is_valid(xgt, GNTTAB_KIND_GNTTAB), EINVAL);
    if (gnttab_os_dmabuf_imp_release(xgt->fd, fd) < 0) {
        gnttab_log_error(xgt, msg_ioctl_dmabuf_imp_release);
        return -1;
    }
    return 0;
}
