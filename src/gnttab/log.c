/*
 * log.c - error logging of libxengnttab through the handle's xentoollog
 * logger, with upstream's context strings ("gnttab" / "gntshr").
 */
#include <errno.h>

#include "gnttab_private.h"
#include "vx_guard.h"

void gnttab_log_error(struct xengntdev_handle *h, const char *msg)
{
    int err = errno;

    /* The logger may make system calls; the caller's errno describes the
     * failure and must survive. */
    VX_PRESERVING_ERRNO(xtl_log(h->logger, XTL_ERROR, err,
                                h->kind == GNTTAB_KIND_GNTTAB ? "gnttab"
                                                              : "gntshr",
                                "%s", msg));
}
