/*
 * xenevtchn.acsl.h - contracts of libxenevtchn (force-included when
 * src/evtchn/ is analysed).  The contracts of the static helpers and of
 * the inline validity check are given here, on redeclarations.
 *
 * TRUSTED: the OS layer (src/evtchn/linux.c), one contract per kernel
 * request, and src/evtchn/seam.c (malloc/free, the CONTAINER_OF downcast,
 * the batch buffer), each with a model in specs/models/xenevtchn.c.
 *
 * Fresh memory: WP 25 has no \fresh, so a write into a handle the
 * function itself allocated could not be shown to respect `assigns`.  The
 * ghost pointer evtchn_next_handle stands for "the block malloc hands out
 * next" (allocator state, havocked by every allocation): the allocation
 * contract returns it or NULL, and the contracts of xenevtchn_open/fdopen
 * assign *evtchn_next_handle (read in the pre-state, as every assigns
 * location is), i.e. exactly the new handle.
 */
#ifndef XENEVTCHN_ACSL_H
#define XENEVTCHN_ACSL_H

#include <errno.h>
#include <limits.h>
#include "evtchn_private.h"
#include "xentoolcore.acsl.h" /* register/deregister, proven in libxentoolcore */

/*@ ghost xenevtchn_handle *evtchn_next_handle; */

/* xenevtchn_batch_ok: the handle's batch buffer (if any), and read_mode,
 * which records at open how pending() reads. */
/* evtchn_batch_shape: the buffer's memory and indices; evtchn_batch_ok
 * adds that the deferred-unmask queue has room (it is flushed when full),
 * which holds between calls. */
/*@ predicate evtchn_batch_shape(struct evtchn_batch *b) =
      \valid(b) && 2 <= b->cap <= EVTCHN_BATCH_MAX &&
      b->head <= b->tail <= b->cap && b->queued <= b->cap &&
      \valid(b->ring + (0 .. 2 * b->cap - 1)) &&
      \separated(b, b->ring + (0 .. 2 * b->cap - 1));
    predicate evtchn_batch_ok(struct evtchn_batch *b) =
      evtchn_batch_shape(b) && b->queued < b->cap;
    predicate xenevtchn_batch_ok(xenevtchn_handle *xce) =
      xce->read_mode == (xce->fd < 0 ? EVTCHN_READ_NONE :
                         xce->batch == \null ? EVTCHN_READ_ONE :
                                               EVTCHN_READ_BATCH) &&
      (xce->batch == \null ||
       (evtchn_batch_ok(xce->batch) && \separated(xce, xce->batch)));
    predicate xenevtchn_valid(xenevtchn_handle *xce) =
      \valid(xce) && xce->fd >= 0 && xenevtchn_batch_ok(xce);
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

/* IOCTL_EVTCHN_NOTIFY through vx_sys_ioctl_status: a positive answer
 * (Linux's driver has none) counts as success, so the wrapper's answer is
 * xenevtchn_notify's result as it is. */
/*@ assigns errno;
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int evtchn_os_notify(int fd, uint32_t port);

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

/* write(2) of the unmask record; a transfer of anything but exactly the
 * 4-byte record is -1 (EIO when write itself did not fail). */
/*@ assigns errno;
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int evtchn_os_unmask(int fd, uint32_t port);

/* write(2) of `count` unmask records in one call; a transfer of anything
 * but exactly count records is -1 (EIO when write itself did not fail). */
/*@ requires ports_valid: \valid_read(ports + (0 .. count - 1));
    requires some: count >= 1;
    assigns errno;
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int evtchn_os_unmask_ports(int fd, const uint32_t *ports, unsigned int count);

/*@ requires ports_valid: \valid(ports + (0 .. max - 1));
    requires some: max >= 1;
    requires separated: \separated(ports + (0 .. max - 1), &errno);
    assigns ports[0 .. max - 1], errno;
    ensures result_range: -1 <= \result <= 4 * max;
    ensures errno_on_failure: \result < 0 ==> errno > 0;
*/
ssize_t evtchn_os_read_ports(int fd, uint32_t *ports, unsigned int max);

/* ---- seam.c: TRUSTED ---- */

/* A fresh block is apart from every object that exists before the call
 * (errno, libxentoolcore's globals, the handle at the head of its
 * registry) and is no registered handle (those are live memory). */
/*@ assigns errno, evtchn_next_handle;
    ensures null_or_fresh: \result == \null ||
      (\result == \old(evtchn_next_handle) && \valid(\result) &&
       \result->fd == -1 && xenevtchn_batch_ok(\result) &&
       \result->tc_ah.restrict_callback == cb &&
       !toolcore_registered(&\result->tc_ah) &&
       \separated(\result, &errno, &toolcore_registry_head,
                  &toolcore_registry_lock) &&
       (toolcore_registry_head == \null ||
        \separated(\result, toolcore_registry_head)) &&
       (\result->batch == \null ||
        (\separated(\result->batch, &errno, &toolcore_registry_head,
                    &toolcore_registry_lock) &&
         (toolcore_registry_head == \null ||
          \separated(\result->batch, toolcore_registry_head)) &&
         \separated(\result->batch->ring + (0 .. 2 * \result->batch->cap - 1),
                    &errno, \result))));
*/
xenevtchn_handle *evtchn_handle_alloc(Xentoolcore__Restrict_Callback *cb);

/*@ requires handle_valid: \valid(xce);
    requires batch_valid: batch == \null || \valid(batch);
    assigns \nothing;
*/
void evtchn_handle_release(xenevtchn_handle *xce, struct evtchn_batch *batch);

/* pthread_mutex_trylock of the batch lock: 0 when this call took it, an
 * error number (EBUSY: another caller holds it) otherwise; never errno. */
/*@ requires batch_valid: \valid(b);
    assigns b->lock;
    ensures result: \result >= 0;
*/
int evtchn_batch_trylock(struct evtchn_batch *b);

/* Only evtchn_handle_new installs evtchn_restrict_callback, in the tc_ah
 * member of a handle: the record the registry passes back is in one. */
/*@ requires ah_valid: \valid(ah);
    assigns \nothing;
    ensures containing: \valid(\result) && &\result->tc_ah == ah;
*/
xenevtchn_handle *evtchn_handle_of(Xentoolcore__Active_Handle *ah);

/* ---- static helpers of handle.c ---- */

/*@ requires ah_valid: \valid(ah);
    assigns errno;
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
static int evtchn_restrict_callback(Xentoolcore__Active_Handle *ah,
                                    domid_t domid);

/*@ assigns errno, evtchn_next_handle, *evtchn_next_handle,
            toolcore_registry_head, toolcore_registry_lock,
            toolcore_registry_head->entry.le_prev;
    ensures null_or_new: \result == \null ||
      (\result == \old(evtchn_next_handle) && \valid(\result) &&
       \result->fd == -1 && xenevtchn_batch_ok(\result) &&
       \separated(\result, &errno) &&
       \result->tc_ah.entry.le_prev == &toolcore_registry_head &&
       \result->tc_ah.entry.le_next == \old(toolcore_registry_head));
    ensures errno_on_failure: \result == \null ==> errno == ENOMEM;
*/
static xenevtchn_handle *evtchn_handle_new(void);

/*@ requires handle_valid: \valid(xce) && xenevtchn_batch_ok(xce);
    requires real_fd: fd >= 0;
    assigns xce->fd, xce->read_mode;
    ensures fd_set: xce->fd == fd;
    ensures batch_kept: xenevtchn_batch_ok(xce);
*/
static void evtchn_handle_set_fd(xenevtchn_handle *xce, int fd);

/*@ requires handle_valid: \valid(xce) && xenevtchn_batch_ok(xce);
    requires separated: \separated(xce, &errno);
    assigns errno, toolcore_registry_lock,
            xce->tc_ah.entry, xce->tc_ah.entry.le_next->entry.le_prev,
            *xce->tc_ah.entry.le_prev;
    ensures result: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
static int evtchn_handle_free(xenevtchn_handle *xce);

/* ---- static helpers of ports.c ---- */

/*@ assigns errno;
    behavior failed:
      assumes negative: rc < 0;
      assigns \nothing;
      ensures result: \result == -1;
      ensures errno_kept: errno == \old(errno);
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

/*@ assigns errno;
    behavior failed:
      assumes negative: n < 0;
      assigns \nothing;
      ensures result: \result == -1;
      ensures errno_kept: errno == \old(errno);
    behavior short:
      assumes not_negative: n >= 0;
      ensures result: \result == -1;
      ensures errno_set: errno == EIO;
    complete behaviors;
    disjoint behaviors;
*/
static int evtchn_record_failure(ssize_t n);

/*@ requires real_fd: fd >= 0;
    assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
static xenevtchn_port_or_error_t evtchn_pending_one(int fd);

/*@ requires batch: evtchn_batch_shape(b);
    requires separated: \separated(b, &errno) &&
                        \separated(b->ring + (0 .. 2 * b->cap - 1), &errno);
    assigns b->queued, errno;
    ensures batch_kept: evtchn_batch_ok(b);
    ensures emptied: b->queued == 0;
    ensures result: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
static int evtchn_batch_flush(int fd, struct evtchn_batch *b);

/*@ requires batch: evtchn_batch_ok(b);
    requires separated: \separated(b, &errno) &&
                        \separated(b->ring + (0 .. 2 * b->cap - 1), &errno);
    assigns b->head, b->tail, b->queued, b->ring[0 .. 2 * b->cap - 1], errno;
    ensures batch_kept: evtchn_batch_ok(b);
    ensures result: \result == 0 || \result == -1;
    ensures refilled: \result == 0 ==> (b->head == 0 && b->tail >= 1);
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
static int evtchn_batch_refill(int fd, struct evtchn_batch *b);

/*@ requires batch: \valid(b);
    requires separated: \separated(b, &errno);
    assigns b->lock, errno;
    ensures result: \result == -1;
    ensures errno_kept: errno == \old(errno);
*/
static xenevtchn_port_or_error_t
evtchn_batch_unlock_failed(struct evtchn_batch *b);

/*@ requires handle: xenevtchn_valid(xce) && xce->batch != \null;
    requires separated: \separated(xce, &errno) &&
                        \separated(xce->batch, &errno) &&
                        \separated(xce->batch->ring + (0 .. 2 * xce->batch->cap - 1), &errno);
    assigns xce->batch->lock, xce->batch->head, xce->batch->tail, xce->batch->queued,
            xce->batch->ring[0 .. 2 * xce->batch->cap - 1], errno;
    ensures batch_kept: evtchn_batch_ok(xce->batch);
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
static xenevtchn_port_or_error_t evtchn_pending_batched(xenevtchn_handle *xce);

/*@ assigns errno;
    ensures result: \result == -1;
    ensures errno_set: errno == EINVAL;
*/
static xenevtchn_port_or_error_t evtchn_invalid_handle(void);

/*@ requires handle: xenevtchn_valid(xce) && xce->batch != \null;
    requires separated: \separated(xce, &errno) &&
                        \separated(xce->batch, &errno) &&
                        \separated(xce->batch->ring + (0 .. 2 * xce->batch->cap - 1), &errno);
    assigns xce->batch->lock, xce->batch->queued,
            xce->batch->ring[xce->batch->cap .. 2 * xce->batch->cap - 1], errno;
    ensures batch_kept: evtchn_batch_ok(xce->batch);
    ensures result: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
static int evtchn_unmask_batched(xenevtchn_handle *xce, evtchn_port_t port);

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

/*@ requires handle: xce == \null ||
                     (\valid(xce) && xenevtchn_batch_ok(xce));
    requires separated: xce != \null ==> \separated(xce, &errno);
    requires batch_separated: xce != \null && xce->batch != \null ==>
      (\separated(xce->batch, &errno) &&
       \separated(xce->batch->ring + (0 .. 2 * xce->batch->cap - 1),
                  &errno));
    assigns errno, xce->batch->lock, xce->batch->queued,
            xce->batch->ring[xce->batch->cap .. 2 * xce->batch->cap - 1];
    behavior invalid_handle:
      assumes invalid: !(xce != \null && xce->fd >= 0);
      assigns errno;
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xce != \null && xce->fd >= 0;
      ensures result: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
      ensures batch_kept: xenevtchn_batch_ok(xce);
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

/*@ requires handle: xce == \null ||
                     (\valid(xce) && xenevtchn_batch_ok(xce));
    requires separated: xce != \null ==> \separated(xce, &errno);
    requires batch_separated: xce != \null && xce->batch != \null ==>
      (\separated(xce->batch, &errno) &&
       \separated(xce->batch->ring + (0 .. 2 * xce->batch->cap - 1),
                  &errno));
    assigns errno, xce->batch->lock, xce->batch->head, xce->batch->tail, xce->batch->queued,
            xce->batch->ring[0 .. 2 * xce->batch->cap - 1];
    behavior invalid_handle:
      assumes invalid: !(xce != \null && xce->fd >= 0);
      assigns errno;
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

/*@ requires handle: xce == \null ||
                     (\valid(xce) && xenevtchn_batch_ok(xce));
    requires separated: xce != \null ==> \separated(xce, &errno);
    requires batch_separated: xce != \null && xce->batch != \null ==>
      (\separated(xce->batch, &errno) &&
       \separated(xce->batch->ring + (0 .. 2 * xce->batch->cap - 1),
                  &errno));
    assigns errno, xce->batch->lock, xce->batch->head, xce->batch->tail, xce->batch->queued,
            xce->batch->ring[0 .. 2 * xce->batch->cap - 1];
    behavior invalid_handle:
      assumes invalid: !(xce != \null && xce->fd >= 0);
      assigns errno;
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

/*@ requires handle: xce == \null ||
                     (\valid(xce) && xenevtchn_batch_ok(xce));
    requires separated: xce != \null ==> \separated(xce, &errno);
    requires batch_separated: xce != \null && xce->batch != \null ==>
      (\separated(xce->batch, &errno) &&
       \separated(xce->batch->ring + (0 .. 2 * xce->batch->cap - 1),
                  &errno));
    assigns errno, xce->batch->lock, xce->batch->head, xce->batch->tail, xce->batch->queued,
            xce->batch->ring[0 .. 2 * xce->batch->cap - 1];
    behavior invalid_handle:
      assumes invalid: !(xce != \null && xce->fd >= 0);
      assigns errno;
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

/*@ requires handle: xce == \null ||
                     (\valid(xce) && xenevtchn_batch_ok(xce));
    requires separated: xce != \null ==> \separated(xce, &errno);
    requires batch_separated: xce != \null && xce->batch != \null ==>
      (\separated(xce->batch, &errno) &&
       \separated(xce->batch->ring + (0 .. 2 * xce->batch->cap - 1),
                  &errno));
    assigns errno, xce->batch->lock, xce->batch->head, xce->batch->tail, xce->batch->queued,
            xce->batch->ring[0 .. 2 * xce->batch->cap - 1];
    behavior invalid_handle:
      assumes invalid: !(xce != \null && xce->fd >= 0);
      assigns errno;
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

/*@ assigns errno, toolcore_registry_head, toolcore_registry_lock,
            toolcore_registry_head->entry.le_prev,
            evtchn_next_handle, *evtchn_next_handle;
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

/*@ assigns errno, toolcore_registry_head, toolcore_registry_lock,
            toolcore_registry_head->entry.le_prev,
            evtchn_next_handle, *evtchn_next_handle;
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
    requires separated: xce != \null ==> \separated(xce, &errno);
    assigns errno, toolcore_registry_lock,
            xce->tc_ah.entry, xce->tc_ah.entry.le_next->entry.le_prev,
            *xce->tc_ah.entry.le_prev;
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
