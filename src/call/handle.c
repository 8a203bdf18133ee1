/*
 * handle.c - life cycle of libxencall handles: open, close, fd,
 * buffers_never_fault, and the restrict callback of xentoolcore.
 */
#include <errno.h>

#include "call_private.h"
#include "vx_export.h"
#include "vx_guard.h"

#ifdef __FRAMAC__
#include "call_handle.acsl.h"
#endif

/* A hypercall handle cannot be limited to one domain, so restrict_all
 * neuters it: both descriptors become /dev/null, and every later request
 * fails (ENOTTY from the ioctl, ENODEV from buffer mmaps). */
static int call_restrict_callback(Xentoolcore__Active_Handle *ah,
                                  domid_t domid)
{
    xencall_handle *xcall = call_handle_of(ah);

    (void)domid;
    VX_GUARD(xentoolcore__restrict_by_dup2_null(xcall->buf_fd));
    return xentoolcore__restrict_by_dup2_null(xcall->fd);
}

/* Tear down whatever part of the handle exists; returns close's result
 * (the errno of the last failing close).  Cached buffers go first, while
 * their descriptor is still open; then the private logger (nothing below
 * logs).  Deregistration comes before the descriptors are closed, so
 * restrict_all never sees recycled fds.  What the teardown needs after
 * deregistration is read before it: unlinking writes the neighbours'
 * links, which the proof cannot tell apart from the handle's fields. */
static int call_handle_free(xencall_handle *xcall)
{
    const int fd = xcall->fd;
    const int buf_fd = xcall->buf_fd;
    int err = 0;

    call_cache_drain(xcall);
    VX_PRESERVING_ERRNO(xtl_logger_destroy(xcall->logger_tofree));
    xentoolcore__deregister_active_handle(&xcall->tc_ah);
    if (buf_fd >= 0 && call_os_close(buf_fd) < 0)
        err = errno;
    if (fd >= 0 && call_os_close(fd) < 0)
        err = errno;
    call_handle_release(xcall);
    if (err != 0) {
        errno = err;
        return -1;
    }
    return 0;
}

VX_EXPORT xencall_handle *xencall_open(struct xentoollog_logger *logger,
                                       unsigned open_flags)
{
    xencall_handle *xcall = call_handle_alloc(call_restrict_callback);

    VX_ENSURE_PTR(xcall != NULL, ENOMEM);
    xcall->fd = -1;
    xcall->buf_fd = -1;
    /* Unknown bits are accepted, as upstream does. */
    xcall->flags = open_flags;
    call_cache_init_once();
    xcall->fork_generation = call_fork_generation();
    xentoolcore__register_active_handle(&xcall->tc_ah);
    /*@ assert shape_registered: xencall_shape(xcall); */
    /*@ assert client_logger_kept: call_logger_ok(logger); */

    if (logger == NULL) {
        xcall->logger_tofree = call_default_logger();
        VX_ENSURE_GOTO(xcall->logger_tofree != NULL,
                       errno > 0 ? errno : ENOMEM,
                       fail);
        logger = xcall->logger_tofree;
    }
    xcall->logger = logger;
    /*@ assert shape_logged: xencall_shape(xcall); */

    xcall->fd = call_os_open_privcmd();
    if (xcall->fd < 0) {
        call_log_error(logger, CALL_MSG_PRIVCMD, 0);
        goto fail;
    }
    xcall->buf_fd = call_os_open_hypercall_buf();
    if (xcall->buf_fd < 0 && errno != ENOENT) {
        call_log_error(logger, CALL_MSG_BUFDEV, 0);
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
