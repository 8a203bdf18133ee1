/*
 * handle.c - life cycle of libxenforeignmemory handles: open, close,
 * restrict, and the restrict callback of xentoolcore.
 */
#include <errno.h>

#include "fmem_private.h"
#include "vx_export.h"
#include "vx_guard.h"

#ifdef __FRAMAC__
#include "fmem_handle.acsl.h"
#endif

static int fmem_restrict_callback(Xentoolcore__Active_Handle *ah, domid_t domid)
{
    xenforeignmemory_handle *fmem = fmem_handle_of(ah);

    /* Caught between registration and open: nothing to restrict yet. */
    if (fmem->fd < 0)
        return 0;
    return xenforeignmemory_restrict(fmem, domid);
}

/* Undo what xenforeignmemory_open acquired: deregister before closing,
 * so that restrict_all never restricts a descriptor number close has
 * already recycled. */
static int fmem_handle_free(xenforeignmemory_handle *fmem)
{
    /* Read before deregistering: unlinking writes the neighbours' links,
     * and the proof cannot tell those apart from the handle's fields. */
    int fd = fmem->fd;
    int rc = 0;

    /* The private logger first, for the same reason: it is ours alone
     * and nothing below logs. */
    VX_PRESERVING_ERRNO(xtl_logger_destroy(fmem->logger_tofree));
    xentoolcore__deregister_active_handle(&fmem->tc_ah);
    if (fd >= 0 && fmem_os_close(fd) < 0)
        rc = -1;
    fmem_registry_clear(fmem);
    fmem_handle_release(fmem);
    return rc;
}

VX_EXPORT xenforeignmemory_handle *
xenforeignmemory_open(struct xentoollog_logger *logger, unsigned open_flags)
{
    /* Registered before the descriptor exists, so that a concurrent
     * restrict_all cannot miss it; the callback is installed by the
     * allocation, before the record is shared. */
    xenforeignmemory_handle *fmem = fmem_handle_alloc(fmem_restrict_callback);

    (void)open_flags; /* ignored, as upstream does */
    VX_ENSURE_PTR(fmem != NULL, ENOMEM);
    xentoolcore__register_active_handle(&fmem->tc_ah);

    if (logger == NULL) {
        fmem->logger_tofree = fmem_default_logger();
        VX_ENSURE_GOTO(fmem->logger_tofree != NULL,
                       errno > 0 ? errno : ENOMEM,
                       fail);
        logger = fmem->logger_tofree;
    }
    /*@ assert chosen_ok: fmem_logger_ok(logger); */
    /*@ assert tofree_ok: fmem_logger_ok(fmem->logger_tofree); */
    fmem->logger = logger;
    /*@ assert logger_set: fmem_logger_ok(fmem->logger); */
    /*@ assert tofree_set: fmem_logger_ok(fmem->logger_tofree); */

    fmem->fd = fmem_os_open();
    if (fmem->fd < 0) {
        fmem_log_error(logger, FMEM_MSG_OPEN_FAILED);
        goto fail;
    }
    /* Learn what this kernel answers for a request it does not know, so
     * map_resource can tell "unsupported" from a real error. */
    if (fmem_os_probe_unimplemented(fmem->fd) >= 0) {
        fmem_log_error(logger, FMEM_MSG_PROBE_ANSWERED);
        errno = EINVAL;
        goto fail;
    }
    fmem->unimpl_errno = errno;
    fmem->batch_pages = fmem_batch_pages_from_env();
    /* Not shared yet (the restrict callback reads only fd). */
    fmem->v2_pages = fmem->batch_pages;
    /* fmem_valid piece by piece (the provers time out on the whole). */
    /*@ assert logger: fmem_logger_ok(fmem->logger); */
    /*@ assert logger_tofree: fmem_logger_ok(fmem->logger_tofree); */
    /*@ assert loggers_apart:
          (fmem->logger != \null ==> \separated(fmem, fmem->logger)) &&
          (fmem->logger_tofree != \null ==>
             \separated(fmem, fmem->logger_tofree)); */
    /*@ assert registries: fmem_registry_ok(fmem) &&
                           fmem_res_list_ok(fmem->resources); */
    return fmem;

fail:
    VX_PRESERVING_ERRNO((void)fmem_handle_free(fmem));
    return NULL;
}

VX_EXPORT int xenforeignmemory_close(xenforeignmemory_handle *fmem)
{
    if (fmem == NULL)
        return 0;
    return fmem_handle_free(fmem);
}

VX_EXPORT int xenforeignmemory_restrict(xenforeignmemory_handle *fmem,
                                        domid_t domid)
{
    VX_ENSURE(xenforeignmemory_handle_is_valid(fmem), EINVAL);
    /* 0 or -1, whatever non-negative value the kernel answers (found by
     * fuzzing: a positive answer used to be passed through). */
    return fmem_os_restrict(fmem->fd, domid) < 0 ? -1 : 0;
}
