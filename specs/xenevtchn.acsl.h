/*
 * xenevtchn.acsl.h - contracts of libxenevtchn (force-included when
 * src/evtchn/ is analysed).  src/evtchn is owned by another engineer and
 * was not edited for the proofs: the contracts of its static helpers and
 * of the inline validity check are given here, on redeclarations.
 *
 * TRUSTED: the OS layer (src/evtchn/linux.c), one contract per kernel
 * request, each with a model in specs/models/xenevtchn.c.
 */
#ifndef XENEVTCHN_ACSL_H
#define XENEVTCHN_ACSL_H

#include <errno.h>
#include <limits.h>
#include "evtchn_private.h"
#include "xentoolcore.acsl.h" /* register/deregister, proven in libxentoolcore */

/*@ predicate xenevtchn_valid(xenevtchn_handle *xce) =
      \valid(xce) && xce->fd >= 0;
*/

/*@ requires null_or_valid: xce == \null || \valid_read(xce);
    assigns \nothing;
    ensures valid: \result != 0 <==> (xce != \null && xce->fd >= 0);
*/
static inline int xenevtchn_handle_is_valid(const xenevtchn_handle *xce);

/* ---- OS layer (linux.c): TRUSTED ---- */

/*@ assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int evtchn_os_open(int cloexec);

/*@ assigns errno;
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int evtchn_os_close(int fd);

/*@ assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result < 0 ==> errno > 0;
*/
long evtchn_os_notify(int fd, uint32_t port);

/*@ assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result < 0 ==> errno > 0;
*/
long evtchn_os_unbind(int fd, uint32_t port);

/*@ assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result < 0 ==> errno > 0;
*/
long evtchn_os_restrict_domid(int fd, domid_t domid);

/*@ assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result < 0 ==> errno > 0;
*/
long evtchn_os_bind_virq(int fd, unsigned int virq);

/*@ assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result < 0 ==> errno > 0;
*/
long evtchn_os_bind_interdomain(int fd, uint32_t domid, uint32_t remote_port);

/*@ assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result < 0 ==> errno > 0;
*/
long evtchn_os_bind_unbound_port(int fd, uint32_t domid);

/*@ requires port_valid: \valid(port);
    requires separated: \separated(port, &errno);
    assigns *port, errno;
    ensures result_range: -1 <= \result <= 4;
    ensures errno_on_failure: \result < 0 ==> errno > 0;
*/
ssize_t evtchn_os_read_port(int fd, uint32_t *port);

/*@ requires port_valid: \valid_read(port);
    assigns errno;
    ensures result_range: -1 <= \result <= 4;
    ensures errno_on_failure: \result < 0 ==> errno > 0;
*/
ssize_t evtchn_os_write_port(int fd, const uint32_t *port);

/* ---- static helpers of ports.c ---- */

/*@ assigns errno;
    behavior failed:
      assumes negative: rc < 0;
      assigns \nothing;
      ensures result: \result == -1;
    behavior nonsense:
      assumes too_big: rc > INT_MAX;
      ensures result: \result == -1;
      ensures errno_set: errno == EIO;
    behavior port:
      assumes in_range: 0 <= rc <= INT_MAX;
      assigns \nothing;
      ensures result: \result == rc;
    complete behaviors;
    disjoint behaviors;
*/
static xenevtchn_port_or_error_t evtchn_port_result(long rc);

/*@ assigns \nothing;
    ensures result: \result == (rc < 0 ? -1 : 0);
*/
static int evtchn_status_result(long rc);

/* ---- exported (ports.c) ---- */
/*@ requires handle: xce == \null || \valid(xce);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !(xce != \null && xce->fd >= 0);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xce != \null && xce->fd >= 0;
      ensures result: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xenevtchn_notify(xenevtchn_handle *xce, evtchn_port_t port);

/*@ requires handle: xce == \null || \valid(xce);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !(xce != \null && xce->fd >= 0);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xce != \null && xce->fd >= 0;
      ensures result: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xenevtchn_unbind(xenevtchn_handle *xce, evtchn_port_t port);

/*@ requires handle: xce == \null || \valid(xce);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !(xce != \null && xce->fd >= 0);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xce != \null && xce->fd >= 0;
      ensures result: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xenevtchn_unmask(xenevtchn_handle *xce, evtchn_port_t port);

/*@ requires handle: xce == \null || \valid(xce);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !(xce != \null && xce->fd >= 0);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xce != \null && xce->fd >= 0;
      ensures result: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xenevtchn_restrict(xenevtchn_handle *xce, domid_t domid);

/*@ requires handle: xce == \null || \valid(xce);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !(xce != \null && xce->fd >= 0);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xce != \null && xce->fd >= 0;
      ensures result: \result >= -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
xenevtchn_port_or_error_t xenevtchn_bind_unbound_port(xenevtchn_handle *xce, uint32_t domid);

/*@ requires handle: xce == \null || \valid(xce);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !(xce != \null && xce->fd >= 0);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xce != \null && xce->fd >= 0;
      ensures result: \result >= -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
xenevtchn_port_or_error_t xenevtchn_bind_interdomain(xenevtchn_handle *xce, uint32_t domid, evtchn_port_t remote_port);

/*@ requires handle: xce == \null || \valid(xce);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !(xce != \null && xce->fd >= 0);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xce != \null && xce->fd >= 0;
      ensures result: \result >= -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
xenevtchn_port_or_error_t xenevtchn_bind_virq(xenevtchn_handle *xce, unsigned int virq);

/*@ requires handle: xce == \null || \valid(xce);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !(xce != \null && xce->fd >= 0);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xce != \null && xce->fd >= 0;
      ensures result: \result >= -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
xenevtchn_port_or_error_t xenevtchn_pending(xenevtchn_handle *xce);

/* ---- exported (handle.c) ---- */

/*@ requires handle: xce == \null || \valid(xce);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !(xce != \null && xce->fd >= 0);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xce != \null && xce->fd >= 0;
      assigns \nothing;
      ensures result: \result == xce->fd;
    complete behaviors;
    disjoint behaviors;
*/
int xenevtchn_fd(xenevtchn_handle *xce);

/*@ assigns errno, toolcore_registry_head, toolcore_registry_lock;
    behavior bad_flags:
      assumes unknown_flags: (flags & ~(unsigned)XENEVTCHN_NO_CLOEXEC) != 0;
      assigns errno;
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior open:
      assumes known_flags: (flags & ~(unsigned)XENEVTCHN_NO_CLOEXEC) == 0;
      ensures result: \result == \null || xenevtchn_valid(\result);
      ensures errno_on_failure: \result == \null ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
xenevtchn_handle *xenevtchn_open(struct xentoollog_logger *logger,
                                 unsigned int flags);

/*@ assigns errno, toolcore_registry_head, toolcore_registry_lock;
    behavior bad_flags:
      assumes flags_given: open_flags != 0;
      assigns errno;
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior bad_fd:
      assumes no_flags: open_flags == 0;
      assumes negative_fd: fd < 0;
      assigns errno;
      ensures result: \result == \null;
      ensures errno_set: errno == EBADF;
    behavior adopt:
      assumes no_flags: open_flags == 0;
      assumes real_fd: fd >= 0;
      ensures result: \result == \null ||
                      (xenevtchn_valid(\result) && \result->fd == fd);
      ensures errno_on_failure: \result == \null ==> errno == ENOMEM;
    complete behaviors;
    disjoint behaviors;
*/
xenevtchn_handle *xenevtchn_fdopen(struct xentoollog_logger *logger, int fd,
                                   unsigned open_flags);

/*@ requires handle: xce == \null || xenevtchn_valid(xce);
    assigns errno, toolcore_registry_head, toolcore_registry_lock;
    behavior null_handle:
      assumes null: xce == \null;
      assigns \nothing;
      ensures result: \result == 0;
    behavior close:
      assumes given: xce != \null;
      ensures result: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xenevtchn_close(xenevtchn_handle *xce);

#endif /* XENEVTCHN_ACSL_H */
