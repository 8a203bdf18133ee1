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

/* A read() or write() of one port record that did not transfer exactly
 * one whole record (n != 4): -1, keeping the errno of a failed transfer
 * (n < 0) and setting EIO for a short one (upstream returns -1 without
 * errno there; a caller must always be able to tell why it got -1).
 * Out of line: the usual path only tests n. */
__attribute__((noinline)) static int evtchn_record_failure(ssize_t n)
{
    if (n >= 0)
        errno = EIO;
    return -1;
}

VX_EXPORT int xenevtchn_notify(xenevtchn_handle *xce, evtchn_port_t port)
{
    VX_ENSURE(xenevtchn_handle_is_valid(xce), EINVAL);
    /* Already 0 or -1 with errno: no folding (the hot path of event
     * delivery). */
    return evtchn_os_notify(xce->fd, port);
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

/* One port from the kernel per read(): upstream's behaviour, the
 * default. */
static xenevtchn_port_or_error_t evtchn_pending_one(int fd)
{
    uint32_t port;
    ssize_t n;

    n = evtchn_os_read_port(fd, &port);
    if (n != (ssize_t)sizeof(port))
        return evtchn_record_failure(n);
    VX_ENSURE(port <= (uint32_t)INT_MAX, EIO);
    return (xenevtchn_port_or_error_t)port;
}

/* Hand the deferred unmasks (if any) to the kernel in one write(), and
 * forget them whether or not it succeeded: the queue must never outgrow
 * its half of the ring, and a failed write is reported by the call that
 * flushed.  Called with b->lock held. */
static int evtchn_batch_flush(int fd, struct evtchn_batch *b)
{
    const unsigned int queued = b->queued;

    if (queued == 0)
        return 0;
    b->queued = 0;
    return evtchn_os_unmask_ports(fd, b->ring + b->cap, queued);
}

/* Refill the empty batch buffer with one read(), after writing the
 * deferred unmasks: a port unmasked while others were buffered can fire
 * again only once the kernel knows, and this read is what waits for it.
 * Called with b->lock held. */
static int evtchn_batch_refill(int fd, struct evtchn_batch *b)
{
    ssize_t n;

    if (evtchn_batch_flush(fd, b) < 0)
        return -1;
    n = evtchn_os_read_ports(fd, b->ring, b->cap);
    if (n < 0)
        return -1;
    /* The driver only ever returns whole records.  A count that is not
     * a positive multiple of one is a broken read - the one-port path
     * reports a partial record as EIO too - and nothing in it is trusted
     * as a port: its bytes need not be records at all (found by fuzzing
     * a short read of 5 bytes whose "first record" was never a port). */
    VX_ENSURE(n >= (ssize_t)sizeof(b->ring[0]) &&
              (size_t)n % sizeof(b->ring[0]) == 0, EIO);
    /* read() never returns more than the b->cap records asked for. */
    b->head = 0;
    b->tail = (unsigned int)((size_t)n / sizeof(b->ring[0]));
    return 0;
}

/* A failed refill: release the lock without letting that touch the
 * errno of the failure, and report -1.  Out of line (rare). */
__attribute__((cold, noinline)) static xenevtchn_port_or_error_t
evtchn_batch_unlock_failed(struct evtchn_batch *b)
{
    VX_PRESERVING_ERRNO((void)pthread_mutex_unlock(&b->lock));
    return -1;
}

/* The batched path: the next buffered port, refilling the buffer with
 * one read() when it is empty.  Ports come out in the order the kernel
 * queued them, each once; a read error is reported only when nothing is
 * buffered, so no port read from the kernel is ever lost.  Out of line,
 * so that the one-port path keeps a small frame. */
__attribute__((noinline)) static xenevtchn_port_or_error_t
evtchn_pending_batched(xenevtchn_handle *xce)
{
    struct evtchn_batch *b = xce->batch;
    uint32_t port;

    VX_ENSURE(pthread_mutex_lock(&b->lock) == 0, EDEADLK);
    if (b->head == b->tail && evtchn_batch_refill(xce->fd, b) < 0)
        return evtchn_batch_unlock_failed(b);
    port = b->ring[b->head];
    b->head++;
    /* pthread_mutex_unlock reports errors by its result, never errno. */
    (void)pthread_mutex_unlock(&b->lock);
    VX_ENSURE(port <= (uint32_t)INT_MAX, EIO);
    return (xenevtchn_port_or_error_t)port;
}

/* -1 with errno EINVAL, out of line: xenevtchn_pending()'s paths other
 * than the one-port read are all calls, so it sets up its frame only for
 * that read. */
__attribute__((noinline)) static xenevtchn_port_or_error_t
evtchn_invalid_handle(void)
{
    errno = EINVAL;
    return -1;
}

VX_EXPORT xenevtchn_port_or_error_t xenevtchn_pending(xenevtchn_handle *xce)
{
    /* read_mode tells an fd without a batch buffer (the usual path), one
     * with a buffer and no fd apart with one compare. */
    if (xce != NULL && xce->read_mode > EVTCHN_READ_BATCH)
        return evtchn_pending_one(xce->fd);
    if (xce == NULL || xce->read_mode < EVTCHN_READ_BATCH)
        return evtchn_invalid_handle();
    return evtchn_pending_batched(xce);
}

/* The batched unmask: while ports are still buffered, the port joins the
 * deferred unmasks (the drain contract brings the caller back to
 * pending(), whose next read() writes them first); otherwise - nothing
 * left to hand out, or the queue full - the queue and this port go to the
 * kernel in one write().  Out of line, as evtchn_pending_batched. */
__attribute__((noinline)) static int
evtchn_unmask_batched(xenevtchn_handle *xce, evtchn_port_t port)
{
    struct evtchn_batch *b = xce->batch;

    /* Another caller holds the buffers - perhaps a pending() blocked in
     * read() that only this unmask can wake: unmask at once, exactly as
     * the one-port mode does (an unmask is never too early). */
    if (evtchn_batch_trylock(b) != 0)
        return evtchn_os_unmask(xce->fd, port);
    b->ring[b->cap + b->queued] = port;
    b->queued++;
    if (b->head == b->tail || b->queued == b->cap) {
        if (evtchn_batch_flush(xce->fd, b) < 0)
            return evtchn_batch_unlock_failed(b);
    }
    (void)pthread_mutex_unlock(&b->lock);
    return 0;
}

VX_EXPORT int xenevtchn_unmask(xenevtchn_handle *xce, evtchn_port_t port)
{
    /* The same one-compare dispatch as xenevtchn_pending(). */
    if (xce != NULL && xce->read_mode > EVTCHN_READ_BATCH)
        return evtchn_os_unmask(xce->fd, port);
    if (xce == NULL || xce->read_mode < EVTCHN_READ_BATCH)
        return evtchn_invalid_handle();
    return evtchn_unmask_batched(xce, port);
}

VX_EXPORT int xenevtchn_restrict(xenevtchn_handle *xce, domid_t domid)
{
    VX_ENSURE(xenevtchn_handle_is_valid(xce), EINVAL);
    return evtchn_status_result(evtchn_os_restrict_domid(xce->fd, domid));
}
