/*
 * log.c - error logging of libxengnttab through the handle's xentoollog
 * logger, with upstream's context strings ("gnttab" / "gntshr").
 */
#include <errno.h>

#include "gnttab_private.h"
#include "vx_guard.h"

/* Initialised arrays, not literals: the proofs need to see that they are
 * strings (WP does not for literals). */
static const char ctx_gnttab[] = "gnttab";
static const char ctx_gntshr[] = "gntshr";
static const char fmt_msg[] = "%s";

void gnttab_log_error(struct xengntdev_handle *h, const char *msg)
{
    int err = errno;

    /* The logger may make system calls; the caller's errno describes the
     * failure and must survive. */
    VX_PRESERVING_ERRNO(xtl_log(h->logger, XTL_ERROR, err,
                                h->kind == GNTTAB_KIND_GNTTAB ? ctx_gnttab
                                                              : ctx_gntshr,
                                fmt_msg, msg));
}
