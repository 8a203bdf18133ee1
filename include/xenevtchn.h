/*
 * xenevtchn.h - Xen event channels from userspace.
 *
 * Part of verixen, a clean-room implementation of Xen's stable userspace
 * libraries (MIT licence).  API- and ABI-compatible with upstream Xen's
 * libxenevtchn.so.1 (symbol versions VERS_1.0 .. VERS_1.2).
 *
 * An event channel is a one-bit, edge-triggered notification between two
 * domains (or from Xen, for virtual IRQs).  A handle wraps one open file of
 * Linux's /dev/xen/evtchn; every port bound through a handle is unbound
 * when the handle is closed.
 *
 * The consumer pattern is: wait until xenevtchn_fd() is readable (poll or
 * select), call xenevtchn_pending() to learn which port fired (the port is
 * then masked), handle the event, and call xenevtchn_unmask() to re-arm it.
 *
 * Errors: functions returning int or xenevtchn_port_or_error_t return -1
 * (exactly -1: consumers compare with it) with errno set to a positive
 * value; pointer-returning functions return NULL with errno set.  A NULL
 * handle is rejected with EINVAL.  None of these functions log.
 *
 * Threads: a handle may be used from several threads for binding, unbinding
 * and notifying, but pending()/unmask() on one handle from several threads
 * (or processes) cannot be made to work reliably; give each consumer its
 * own handle.  (It stays memory-safe, batched or not: concurrent pending()
 * calls on one handle each get a different port, every port once.)
 * Fork: after fork() the child must not use an inherited handle at all, not
 * even poll() on its fd; xenevtchn_close() is the only permitted call.  The
 * fd is close-on-exec unless XENEVTCHN_NO_CLOEXEC is passed to open.
 *
 * Batched pending reads (verixen only, opt-in): with the environment
 * variable VERIXEN_EVTCHN_BATCH=N (2 .. 1024; larger values are capped,
 * anything else is ignored) set when a handle is opened or fdopened, one
 * read() fetches up to N fired ports into the handle, and pending() hands
 * them out one at a time, in the kernel's order, each exactly once; a burst
 * of N events then costs one read() instead of N.  Contract for a process
 * that sets it:
 *   - drain: after a wake-up, call pending() until it fails with EAGAIN
 *     (fd non-blocking) before waiting again.  Ports already taken into the
 *     handle no longer make the fd readable, so a consumer that takes one
 *     port per poll() wake-up - the pattern of xenstored, QEMU and
 *     libxenvchan - would strand them.  This is why it is off by default.
 *   - hand-over: ports buffered in a handle belong to that handle only; a
 *     process that passes its fd on (xenevtchn_fdopen() after execve(),
 *     live update) must drain first, or those ports stay masked.
 *   - deferred unmask: while ports are buffered, unmask() only records
 *     the port; the recorded unmasks go to the kernel in one write(), made
 *     by the unmask() that finds nothing left to hand out, or by the next
 *     pending() before it reads (so a burst of N events costs one read()
 *     and one write(), against 2N).  The drain contract is what makes this
 *     safe: the consumer always comes back to pending().  A failed write
 *     is reported (-1 and write's errno) by the call that made it, and its
 *     unmasks are not retried: unmask those ports again.  A recorded
 *     unmask of a port that is unbound, and whose number is bound again
 *     before the write, re-enables the new channel early: it may then be
 *     delivered twice without an unmask in between (two real events, as
 *     with any unmask that comes early).
 *   - threads: the buffers are guarded by a mutex.  pending() waits for
 *     it (and holds it across its read(), which blocks on a blocking fd);
 *     unmask() never waits: when another thread holds it - perhaps a
 *     pending() blocked until this very port fires again - the unmask is
 *     written at once, as without batching.  fork: the child may close
 *     the handle, as above, and the buffered ports are dropped with it.
 */
#ifndef XENEVTCHN_H
#define XENEVTCHN_H

#include <stdint.h>
#include <xen/event_channel.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A port number (0 .. 2^31-1) or -1 for an error. */
typedef int xenevtchn_port_or_error_t;

typedef struct xenevtchn_handle xenevtchn_handle;

/* Declared here so callers need not include xentoollog.h. */
struct xentoollog_logger;

/* Open flag: keep the handle's fd open across execve(), for daemons that
 * re-execute themselves and rebuild the handle with xenevtchn_fdopen(). */
#define XENEVTCHN_NO_CLOEXEC (1 << 0)

/*
 * xenevtchn_open - open a new event channel handle.
 *
 * logger  accepted for API compatibility; event channel functions never log.
 * flags   0 or XENEVTCHN_NO_CLOEXEC; any other bit gives EINVAL.
 *
 * Returns the handle, or NULL with errno: EINVAL (unknown flag), ENOMEM,
 * or the error of opening /dev/xen/evtchn (ENOENT when not running on Xen,
 * EACCES without privilege).  Nothing is leaked on failure.
 * The handle takes part in xentoolcore_restrict_all().
 */
xenevtchn_handle *xenevtchn_open(struct xentoollog_logger *logger,
                                 unsigned int flags);

/*
 * xenevtchn_fdopen - rebuild a handle around an already open fd of
 * /dev/xen/evtchn (for example one inherited across execve()).
 *
 * fd          the event channel fd; on success the handle owns it and
 *             xenevtchn_close() closes it.  Ports bound through it stay
 *             bound.  Not validated beyond being non-negative.
 * open_flags  must be 0 (EINVAL otherwise).
 *
 * Returns the handle, or NULL with errno (EINVAL, EBADF for fd < 0,
 * ENOMEM); on failure the caller still owns fd.
 */
xenevtchn_handle *xenevtchn_fdopen(struct xentoollog_logger *logger,
                                   int fd, unsigned open_flags);

/*
 * xenevtchn_close - close a handle, unbinding every port bound through it.
 * NULL is a no-op returning 0.  Returns 0, or -1 with errno from close().
 * The handle is freed in either case.
 */
int xenevtchn_close(xenevtchn_handle *xce);

/*
 * xenevtchn_fd - the file descriptor to poll()/select() for readability:
 * readable means xenevtchn_pending() will not block (with batched reads,
 * see above, ports already in the handle do not make it readable).  Owned by the handle;
 * do not close it.  Returns -1 with EINVAL for a NULL handle.
 */
int xenevtchn_fd(xenevtchn_handle *xce);

/*
 * xenevtchn_notify - send an event on local `port` (which must be bound
 * through this handle) to its remote end.  Returns 0 or -1 with errno.
 */
int xenevtchn_notify(xenevtchn_handle *xce, evtchn_port_t port);

/*
 * xenevtchn_bind_unbound_port - allocate a fresh local port that domain
 * `domid` may later bind to with xenevtchn_bind_interdomain().
 * Returns the local port, or -1 with errno (EACCES on a restricted handle).
 */
xenevtchn_port_or_error_t
xenevtchn_bind_unbound_port(xenevtchn_handle *xce, uint32_t domid);

/*
 * xenevtchn_bind_interdomain - connect a new local port to `remote_port`,
 * an unbound port that domain `domid` allocated for us.
 * Returns the local port, or -1 with errno.  Xen marks the new port pending
 * once, so expect an initial event.
 */
xenevtchn_port_or_error_t
xenevtchn_bind_interdomain(xenevtchn_handle *xce, uint32_t domid,
                           evtchn_port_t remote_port);

/*
 * xenevtchn_bind_virq - bind a local port to virtual IRQ `virq` (VIRQ_*
 * from <xen/xen.h>) on vcpu 0.  Returns the port, or -1 with errno
 * (EACCES on a restricted handle, EEXIST if already bound).
 */
xenevtchn_port_or_error_t
xenevtchn_bind_virq(xenevtchn_handle *xce, unsigned int virq);

/*
 * xenevtchn_unbind - unbind `port`, which must have been bound through this
 * handle.  Returns 0, or -1 with errno.
 */
int xenevtchn_unbind(xenevtchn_handle *xce, evtchn_port_t port);

/*
 * xenevtchn_pending - the next port that fired.  The port is masked until
 * xenevtchn_unmask() is called for it.
 *
 * Blocks while nothing is pending if the fd is blocking, so poll() first.
 * With VERIXEN_EVTCHN_BATCH (see above) it returns buffered ports first and
 * reads several at once when it must read, after writing the recorded
 * unmasks; an error (of that write, or of the read) is only reported when
 * nothing is buffered.
 * Returns the port, or -1 with errno: EAGAIN (non-blocking, nothing
 * pending), EFBIG (the kernel's event ring overflowed), EIO (the kernel
 * returned a partial record - upstream returns -1 with errno untouched
 * here), or any read(2) error.
 */
xenevtchn_port_or_error_t xenevtchn_pending(xenevtchn_handle *xce);

/*
 * xenevtchn_unmask - re-enable delivery of `port` after handling it.
 * With VERIXEN_EVTCHN_BATCH (see above) the write may be deferred while
 * ports are buffered, and one call may write several recorded unmasks.
 * Returns 0, or -1 with errno (EIO for a partial write).
 */
int xenevtchn_unmask(xenevtchn_handle *xce, evtchn_port_t port);

/*
 * xenevtchn_restrict - permanently limit the handle to binding
 * interdomain ports of domain `domid`.  Ports already bound keep working;
 * unbound-port and VIRQ binds fail with EACCES afterwards.  The kernel
 * refuses a second restriction (EACCES) and domids 0 and >=
 * DOMID_FIRST_RESERVED (EINVAL).  Returns 0, or -1 with errno.
 * xentoolcore_restrict_all() calls this for every open handle.
 */
int xenevtchn_restrict(xenevtchn_handle *xce, domid_t domid);

#ifdef __cplusplus
}
#endif

#endif /* XENEVTCHN_H */
