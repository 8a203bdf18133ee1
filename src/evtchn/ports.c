/*
 * ports.c - binding, notifying, receiving and unmasking event channel
 * ports, and restricting a handle.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>

#include "evtchn_private.h"
#include "vx_export.h"
#include "vx_guard.h"

/*
 * A bind ioctl returns the new local port.  Ports fit in 31 bits; anything
 * else from the kernel is nonsense we refuse to pass on as a port (it would
 * look like an error, or wrap negative, in the int the API returns).
 */
static xenevtchn_port_or_error_t evtchn_port_result(long rc)
{
    if (rc < 0)
        return -1;
    VX_ENSURE(rc <= INT_MAX, EIO);
    return (xenevtchn_port_or_error_t)rc;
}

/* Ioctls that answer 0 on success; positive answers are folded to 0. */
static int evtchn_status_result(long rc)
{
    return rc < 0 ? -1 : 0;
}

VX_EXPORT int xenevtchn_notify(xenevtchn_handle *xce, evtchn_port_t port)
{
    VX_ENSURE(xenevtchn_handle_is_valid(xce), EINVAL);
    return evtchn_status_result(evtchn_os_notify(xce->fd, port));
}

VX_EXPORT xenevtchn_port_or_error_t
xenevtchn_bind_unbound_port(xenevtchn_handle *xce, uint32_t domid)
{
    VX_ENSURE(xenevtchn_handle_is_valid(xce), EINVAL);
    return evtchn_port_result(evtchn_os_bind_unbound_port(xce->fd, domid));
}

VX_EXPORT xenevtchn_port_or_error_t
xenevtchn_bind_interdomain(xenevtchn_handle *xce, uint32_t domid,
                           evtchn_port_t remote_port)
{
    VX_ENSURE(xenevtchn_handle_is_valid(xce), EINVAL);
    return evtchn_port_result(
        evtchn_os_bind_interdomain(xce->fd, domid, remote_port));
}

VX_EXPORT xenevtchn_port_or_error_t
xenevtchn_bind_virq(xenevtchn_handle *xce, unsigned int virq)
{
    VX_ENSURE(xenevtchn_handle_is_valid(xce), EINVAL);
    return evtchn_port_result(evtchn_os_bind_virq(xce->fd, virq));
}

VX_EXPORT int xenevtchn_unbind(xenevtchn_handle *xce, evtchn_port_t port)
{
    VX_ENSURE(xenevtchn_handle_is_valid(xce), EINVAL);
    return evtchn_status_result(evtchn_os_unbind(xce->fd, port));
}

/* One port from the kernel per read(): upstream's behaviour, the default. */
static xenevtchn_port_or_error_t evtchn_pending_one(xenevtchn_handle *xce)
{
    uint32_t port = 0;
    ssize_t n;

    n = evtchn_os_read_port(xce->fd, &port);
    if (n < 0)
        return -1;
    /* Upstream returns -1 here without setting errno; a caller must always
     * be able to tell why it got -1. */
    VX_ENSURE(n == (ssize_t)sizeof(port), EIO);
    VX_ENSURE(port <= (uint32_t)INT_MAX, EIO);
    return (xenevtchn_port_or_error_t)port;
}

/* The next buffered port, refilling the buffer with one read() when it is
 * empty.  Called with b->lock held.  Ports come out in the order the
 * kernel queued them, each once; a read error is reported only when
 * nothing is buffered, so no port read from the kernel is ever lost. */
static xenevtchn_port_or_error_t evtchn_pending_batched(int fd,
                                                        struct evtchn_batch *b)
{
    uint32_t port;
    ssize_t n;

    if (b->count == 0) {
        n = evtchn_os_read_ports(fd, b->ring, b->cap);
        if (n < 0)
            return -1;
        /* The kernel returns whole records; anything less than one is the
         * partial record the one-port path reports as EIO too.  A partial
         * record after whole ones (never seen) is dropped. */
        VX_ENSURE(n >= (ssize_t)sizeof(port), EIO);
        /* read() never returns more than the b->cap records asked for. */
        b->head = 0;
        b->count = (unsigned int)((size_t)n / sizeof(port));
    }
    port = b->ring[b->head];
    b->head++;
    b->count--;
    VX_ENSURE(port <= (uint32_t)INT_MAX, EIO);
    return (xenevtchn_port_or_error_t)port;
}

/* The batched path, out of line so that the default one-port path keeps
 * a small frame. */
__attribute__((noinline)) static xenevtchn_port_or_error_t
evtchn_pending_locked(xenevtchn_handle *xce)
{
    struct evtchn_batch *b = xce->batch;
    xenevtchn_port_or_error_t port;

    VX_ENSURE(pthread_mutex_lock(&b->lock) == 0, EDEADLK);
    port = evtchn_pending_batched(xce->fd, b);
    VX_PRESERVING_ERRNO((void)pthread_mutex_unlock(&b->lock));
    return port;
}

VX_EXPORT xenevtchn_port_or_error_t xenevtchn_pending(xenevtchn_handle *xce)
{
    VX_ENSURE(xenevtchn_handle_is_valid(xce), EINVAL);
    if (xce->batch != NULL)
        return evtchn_pending_locked(xce);
    return evtchn_pending_one(xce);
}

VX_EXPORT int xenevtchn_unmask(xenevtchn_handle *xce, evtchn_port_t port)
{
    uint32_t record = port;
    ssize_t n;

    VX_ENSURE(xenevtchn_handle_is_valid(xce), EINVAL);
    n = evtchn_os_write_port(xce->fd, &record);
    if (n < 0)
        return -1;
    VX_ENSURE(n == (ssize_t)sizeof(record), EIO);
    return 0;
}

VX_EXPORT int xenevtchn_restrict(xenevtchn_handle *xce, domid_t domid)
{
    VX_ENSURE(xenevtchn_handle_is_valid(xce), EINVAL);
    return evtchn_status_result(evtchn_os_restrict_domid(xce->fd, domid));
}
