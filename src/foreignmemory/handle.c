/*
 * handle.c - life cycle of libxenforeignmemory handles: open, close,
 * restrict, and the restrict callback of xentoolcore.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmem_private.h"
#include "vx_export.h"
#include "vx_guard.h"

static size_t fmem_batch_pages_from_env(void);

static int fmem_restrict_callback(Xentoolcore__Active_Handle *ah, domid_t domid)
{
    xenforeignmemory_handle *fmem =
        CONTAINER_OF(ah, xenforeignmemory_handle, tc_ah);

    /* Caught between registration and open: nothing to restrict yet. */
    if (fmem->fd < 0)
        return 0;
    return xenforeignmemory_restrict(fmem, domid);
}

static int fmem_handle_free(xenforeignmemory_handle *fmem)
{
    int rc = 0;

    xentoolcore__deregister_active_handle(&fmem->tc_ah);
    if (fmem->fd >= 0 && fmem_os_close(fmem->fd) < 0)
        rc = -1;
    fmem_registry_clear(fmem);
    VX_PRESERVING_ERRNO((void)pthread_mutex_destroy(&fmem->lock));
    VX_PRESERVING_ERRNO(xtl_logger_destroy(fmem->logger_tofree));
    VX_PRESERVING_ERRNO(free(fmem));
    return rc;
}

VX_EXPORT xenforeignmemory_handle *
xenforeignmemory_open(struct xentoollog_logger *logger, unsigned open_flags)
{
    xenforeignmemory_handle *fmem = malloc(sizeof(*fmem));

    (void)open_flags; /* ignored, as upstream does */
    VX_ENSURE_PTR(fmem != NULL, ENOMEM);
    memset(fmem, 0, sizeof(*fmem));
    fmem->fd = -1;
    if (pthread_mutex_init(&fmem->lock, NULL) != 0) {
        free(fmem);
        errno = ENOMEM;
        return NULL;
    }
    fmem->tc_ah.restrict_callback = fmem_restrict_callback;
    xentoolcore__register_active_handle(&fmem->tc_ah);

    if (logger == NULL) {
        fmem->logger_tofree = (xentoollog_logger *)
            xtl_createlogger_stdiostream(stderr, XTL_PROGRESS, 0);
        VX_ENSURE_GOTO(fmem->logger_tofree != NULL, errno ? errno : ENOMEM,
                       fail);
        logger = fmem->logger_tofree;
    }
    fmem->logger = logger;

    fmem->fd = fmem_os_open();
    if (fmem->fd < 0) {
        xtl_log(logger, XTL_ERROR, errno, FMEM_LOG_CONTEXT,
                "failed to open privcmd");
        goto fail;
    }
    /* Learn what this kernel answers for a request it does not know, so
     * map_resource can tell "unsupported" from a real error. */
    if (fmem_os_probe_unimplemented(fmem->fd) >= 0) {
        xtl_log(logger, XTL_ERROR, -1, FMEM_LOG_CONTEXT,
                "privcmd ioctl should not be implemented");
        errno = EINVAL;
        goto fail;
    }
    fmem->unimpl_errno = errno;
    fmem->batch_pages = fmem_batch_pages_from_env();
    return fmem;

fail:
    VX_PRESERVING_ERRNO((void)fmem_handle_free(fmem));
    return NULL;
}

/* VERIXEN_FMEM_BATCH_PAGES, if a number in 1 .. FMEM_BATCH_PAGES. */
static size_t fmem_batch_pages_from_env(void)
{
    const char *v = secure_getenv("VERIXEN_FMEM_BATCH_PAGES");
    unsigned long n;
    char *end;

    if (v == NULL || *v == '\0')
        return FMEM_BATCH_PAGES;
    errno = 0;
    n = strtoul(v, &end, 10);
    if (errno != 0 || *end != '\0' || n == 0 || n > FMEM_BATCH_PAGES)
        return FMEM_BATCH_PAGES;
    return (size_t)n;
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
