/*
 * handle.c - life cycle of libxenevtchn handles: open, fdopen, close, fd,
 * and the restrict callback that xentoolcore_restrict_all() invokes.
 */
#include <errno.h>

#include "evtchn_private.h"
#include "vx_export.h"
#include "vx_guard.h"

static int evtchn_restrict_callback(Xentoolcore__Active_Handle *ah,
                                    domid_t domid)
{
    xenevtchn_handle *xce = evtchn_handle_of(ah);

    /* A handle caught between registration and its open has nothing to
     * restrict yet. */
    if (xce->fd < 0)
        return 0;
    return xenevtchn_restrict(xce, domid);
}

/* Allocate a handle and register it, with no fd yet: the xentoolcore
 * rules demand registration before the fd exists, so a concurrent
 * restrict_all can never miss it. */
static xenevtchn_handle *evtchn_handle_new(void)
{
    xenevtchn_handle *xce = evtchn_handle_alloc(evtchn_restrict_callback);

    VX_ENSURE_PTR(xce != NULL, ENOMEM);
    xentoolcore__register_active_handle(&xce->tc_ah);
    return xce;
}

/* Give a new handle its descriptor fd (>= 0), and note how pending()
 * reads from it. */
static void evtchn_handle_set_fd(xenevtchn_handle *xce, int fd)
{
    xce->fd = fd;
    xce->read_mode = xce->batch == NULL ? EVTCHN_READ_ONE : EVTCHN_READ_BATCH;
}

/* Deregister first, then release: never restrict a recycled fd number.
 * Ports still buffered are dropped: they stay masked, as ports left unread
 * in the kernel's ring are when their file is closed (closing unbinds them
 * anyway). */
static int evtchn_handle_free(xenevtchn_handle *xce)
{
    struct evtchn_batch *batch = xce->batch;
    int rc = 0;

    xentoolcore__deregister_active_handle(&xce->tc_ah);
    if (xce->fd >= 0)
        rc = evtchn_os_close(xce->fd);
    VX_PRESERVING_ERRNO(evtchn_handle_release(xce, batch));
    return rc < 0 ? -1 : 0;
}

VX_EXPORT xenevtchn_handle *xenevtchn_open(struct xentoollog_logger *logger,
                                           unsigned int flags)
{
    xenevtchn_handle *xce;
    int fd;

    (void)logger; /* event channel functions never log */
    VX_ENSURE_PTR((flags & ~(unsigned int)XENEVTCHN_NO_CLOEXEC) == 0, EINVAL);

    xce = evtchn_handle_new();
    if (xce == NULL)
        return NULL;
    fd = evtchn_os_open(!(flags & XENEVTCHN_NO_CLOEXEC));
    if (fd < 0) {
        VX_PRESERVING_ERRNO((void)evtchn_handle_free(xce));
        return NULL;
    }
    evtchn_handle_set_fd(xce, fd);
    return xce;
}

VX_EXPORT xenevtchn_handle *xenevtchn_fdopen(struct xentoollog_logger *logger,
                                             int fd, unsigned open_flags)
{
    xenevtchn_handle *xce;

    (void)logger;
    VX_ENSURE_PTR(open_flags == 0, EINVAL);
    VX_ENSURE_PTR(fd >= 0, EBADF);

    xce = evtchn_handle_new();
    if (xce == NULL)
        return NULL;
    evtchn_handle_set_fd(xce, fd);
    return xce;
}

VX_EXPORT int xenevtchn_close(xenevtchn_handle *xce)
{
    if (xce == NULL)
        return 0;
    return evtchn_handle_free(xce);
}

VX_EXPORT int xenevtchn_fd(xenevtchn_handle *xce)
{
    VX_ENSURE(xenevtchn_handle_is_valid(xce), EINVAL);
    return xce->fd;
}
