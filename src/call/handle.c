/*
 * handle.c - life cycle of libxencall handles: open, close, fd,
 * buffers_never_fault, and the restrict callback of xentoolcore.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call_private.h"
#include "vx_export.h"
#include "vx_guard.h"

/* A hypercall handle cannot be limited to one domain, so restrict_all
 * neuters it: both descriptors become /dev/null, and every later request
 * fails (ENOTTY from the ioctl, ENODEV from buffer mmaps). */
static int call_restrict_callback(Xentoolcore__Active_Handle *ah,
                                  domid_t domid)
{
    xencall_handle *xcall = CONTAINER_OF(ah, xencall_handle, tc_ah);

    (void)domid;
    VX_GUARD(xentoolcore__restrict_by_dup2_null(xcall->buf_fd));
    return xentoolcore__restrict_by_dup2_null(xcall->fd);
}

static void call_log_stats(xencall_handle *xcall)
{
    const struct call_cache_stats *s = &xcall->cache.stats;

    xtl_log(xcall->logger, XTL_DEBUG, -1, "xencall:buffer",
            "total allocations:%lu total releases:%lu", s->total_allocs,
            s->total_releases);
    xtl_log(xcall->logger, XTL_DEBUG, -1, "xencall:buffer",
            "current allocations:%lu maximum allocations:%lu",
            s->current_allocs, s->max_allocs);
    xtl_log(xcall->logger, XTL_DEBUG, -1, "xencall:buffer",
            "cache current size:%u",
            xcall->cache.count[0] + xcall->cache.count[1] +
            xcall->cache.count[2] + xcall->cache.count[3]);
    xtl_log(xcall->logger, XTL_DEBUG, -1, "xencall:buffer",
            "cache hits:%lu misses:%lu toobig:%lu", s->hits, s->misses,
            s->toobig);
}

/* Tear down whatever part of the handle exists; returns close's result.
 * Deregistration comes first so restrict_all never sees recycled fds;
 * cached buffers go before their descriptor. */
static int call_handle_free(xencall_handle *xcall)
{
    int rc = 0;

    xentoolcore__deregister_active_handle(&xcall->tc_ah);
    call_cache_drain(xcall);
    if (xcall->buf_fd >= 0 && call_os_close(xcall->buf_fd) < 0)
        rc = -1;
    if (xcall->fd >= 0 && call_os_close(xcall->fd) < 0)
        rc = -1;
    VX_PRESERVING_ERRNO(xtl_logger_destroy(xcall->logger_tofree));
    VX_PRESERVING_ERRNO(free(xcall));
    return rc;
}

VX_EXPORT xencall_handle *xencall_open(struct xentoollog_logger *logger,
                                       unsigned open_flags)
{
    xencall_handle *xcall = malloc(sizeof(*xcall));

    VX_ENSURE_PTR(xcall != NULL, ENOMEM);
    memset(xcall, 0, sizeof(*xcall));
    xcall->fd = -1;
    xcall->buf_fd = -1;
    /* Unknown bits are accepted, as upstream does. */
    xcall->flags = open_flags;
    call_cache_init_once();
    xcall->fork_generation = call_fork_generation();
    xcall->tc_ah.restrict_callback = call_restrict_callback;
    xentoolcore__register_active_handle(&xcall->tc_ah);

    if (logger == NULL) {
        xcall->logger_tofree = (xentoollog_logger *)
            xtl_createlogger_stdiostream(stderr, XTL_PROGRESS, 0);
        VX_ENSURE_GOTO(xcall->logger_tofree != NULL, errno ? errno : ENOMEM,
                       fail);
        logger = xcall->logger_tofree;
    }
    xcall->logger = logger;

    xcall->fd = call_os_open_privcmd();
    if (xcall->fd < 0) {
        xtl_log(logger, XTL_ERROR, errno, CALL_LOG_CONTEXT,
                "Could not obtain handle on privileged command interface");
        goto fail;
    }
    xcall->buf_fd = call_os_open_hypercall_buf();
    if (xcall->buf_fd < 0 && errno != ENOENT) {
        xtl_log(logger, XTL_ERROR, errno, CALL_LOG_CONTEXT,
                "Error on trying to open hypercall buffer device");
        goto fail;
    }
    return xcall;

fail:
    VX_PRESERVING_ERRNO((void)call_handle_free(xcall));
    return NULL;
}

VX_EXPORT int xencall_close(xencall_handle *xcall)
{
    if (xcall == NULL)
        return 0;
    call_log_stats(xcall);
    return call_handle_free(xcall);
}

VX_EXPORT int xencall_fd(xencall_handle *xcall)
{
    VX_ENSURE(xencall_handle_is_valid(xcall), EINVAL);
    return xcall->fd;
}

VX_EXPORT int xencall_buffers_never_fault(xencall_handle *xcall)
{
    VX_ENSURE(xencall_handle_is_valid(xcall), EINVAL);
    return xcall->buf_fd >= 0;
}
