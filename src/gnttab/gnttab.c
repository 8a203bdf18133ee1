/*
 * gnttab.c - the exported life cycle of gnttab handles: open, close, fd.
 */
#include <errno.h>

#include "gnttab_private.h"
#include "vx_export.h"
#include "vx_guard.h"

VX_EXPORT xengnttab_handle *xengnttab_open(struct xentoollog_logger *logger,
                                           unsigned open_flags)
{
    (void)open_flags; /* reserved; upstream ignores it too */
    return gnttab_handle_open(logger, GNTTAB_KIND_GNTTAB);
}

VX_EXPORT int xengnttab_close(xengnttab_handle *xgt)
{
    return gnttab_handle_close(xgt);
}

VX_EXPORT int xengnttab_fd(xengnttab_handle *xgt)
{
    VX_ENSURE(xengntdev_handle_is_valid(xgt, GNTTAB_KIND_GNTTAB), EINVAL);
    return xgt->fd;
}
