/*
 * handle.c - life cycle of libxenevtchn handles: open, fdopen, close, fd,
 * and the restrict callback that xentoolcore_restrict_all() invokes.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

#include "evtchn_private.h"
#include "vx_export.h"
#include "vx_guard.h"

static int evtchn_restrict_callback(Xentoolcore__Active_Handle *ah,
                                    domid_t domid)
{
    xenevtchn_handle *xce = CONTAINER_OF(ah, xenevtchn_handle, tc_ah);

    /* A handle caught between registration and its open has nothing to
     * restrict yet. */
    if (xce->fd < 0)
        return 0;
    return xenevtchn_restrict(xce, domid);
}

/* The batch buffer VERIXEN_EVTCHN_BATCH asks for, or NULL (unset, not a
 * number, 0 or 1: one read() per port, exactly as upstream).  Read at each
 * open, so a process may enable it for some handles only.  Failing to
 * allocate it is not an error: the handle then reads one port at a time. */
static struct evtchn_batch *evtchn_batch_new(void)
{
    const char *env = secure_getenv(EVTCHN_BATCH_ENV);
    struct evtchn_batch *b;
    unsigned long cap;
    char *end;

    if (env == NULL || *env == '\0')
        return NULL;
    errno = 0;
    cap = strtoul(env, &end, 10);
    if (errno != 0 || *end != '\0' || cap < 2)
        return NULL;
    if (cap > EVTCHN_BATCH_MAX)
        cap = EVTCHN_BATCH_MAX;
    b = malloc(sizeof(*b) + cap * sizeof(b->ring[0]));
    if (b == NULL)
        return NULL;
    if (pthread_mutex_init(&b->lock, NULL) != 0) {
        free(b);
        return NULL;
    }
    b->cap = (unsigned int)cap;
    b->head = 0;
    b->count = 0;
    return b;
}

/* Allocate a handle and register it, with no fd yet: the xentoolcore
 * rules demand registration before the fd exists, so a concurrent
 * restrict_all can never miss it. */
static xenevtchn_handle *evtchn_handle_new(void)
{
    xenevtchn_handle *xce = malloc(sizeof(*xce));

    VX_ENSURE_PTR(xce != NULL, ENOMEM);
    xce->fd = -1;
    VX_PRESERVING_ERRNO(xce->batch = evtchn_batch_new());
    xce->tc_ah.restrict_callback = evtchn_restrict_callback;
    xentoolcore__register_active_handle(&xce->tc_ah);
    return xce;
}

/* Deregister first, then release: never restrict a recycled fd number.
 * Ports still buffered are dropped: they stay masked, as ports left unread
 * in the kernel's ring are when their file is closed (closing unbinds them
 * anyway).  The batch lock is not taken: a forked child may close a handle
 * whose lock another thread of the parent held at fork(). */
static int evtchn_handle_free(xenevtchn_handle *xce)
{
    int rc = 0;

    xentoolcore__deregister_active_handle(&xce->tc_ah);
    if (xce->fd >= 0)
        rc = evtchn_os_close(xce->fd);
    if (xce->batch != NULL) {
        (void)pthread_mutex_destroy(&xce->batch->lock);
        VX_PRESERVING_ERRNO(free(xce->batch));
    }
    VX_PRESERVING_ERRNO(free(xce));
    return rc < 0 ? -1 : 0;
}

VX_EXPORT xenevtchn_handle *xenevtchn_open(struct xentoollog_logger *logger,
                                           unsigned int flags)
{
    xenevtchn_handle *xce;

    (void)logger; /* event channel functions never log */
    VX_ENSURE_PTR((flags & ~(unsigned int)XENEVTCHN_NO_CLOEXEC) == 0, EINVAL);

    xce = evtchn_handle_new();
    if (xce == NULL)
        return NULL;
    xce->fd = evtchn_os_open(!(flags & XENEVTCHN_NO_CLOEXEC));
    if (xce->fd < 0) {
        VX_PRESERVING_ERRNO((void)evtchn_handle_free(xce));
        return NULL;
    }
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
    xce->fd = fd;
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
