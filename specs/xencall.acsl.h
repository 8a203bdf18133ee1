/*
 * xencall.acsl.h - contracts of libxencall (force-included when src/call/
 * is analysed; the public header stays contract-free).  Contracts of the
 * static helpers: specs/call_<file>.acsl.h, included by each source under
 * __FRAMAC__.
 *
 * Model of the world:
 *  - Hypercall buffers are memory the OS layer maps; all of it lies in
 *    call_buffer_pool, a modelling device (the C code never names it) that
 *    lets the contracts say which memory a buffer allocation writes: WP 25
 *    does not implement \fresh.  Likewise handles live in call_handle_heap.
 *  - call_cache_lock_state (ghost) stands for the process-wide cache mutex.
 *  - TRUSTED, each with a model in specs/models/xencall.c: the OS layer
 *    (src/call/linux.c) and src/call/seam.c (malloc/free, the CONTAINER_OF
 *    downcast, the stdio logger's upcast, the mutex and fork handlers).
 *  - libxentoollog and libxentoolcore functions: their contracts from
 *    specs/xentoollog.acsl.h / specs/xentoolcore.acsl.h, proven there.
 */
#ifndef XENCALL_ACSL_H
#define XENCALL_ACSL_H

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include "call_private.h"
#include "xentoolcore.acsl.h"
#include "xentoollog.acsl.h"

#define CALL_POOL_BYTES ((size_t)1 << 40)
#define CALL_HANDLE_HEAP 1024

extern char call_buffer_pool[CALL_POOL_BYTES];
extern xencall_handle call_handle_heap[CALL_HANDLE_HEAP];
/*@ ghost int call_cache_lock_state; */

/*@ predicate call_in_pool(char *p, integer n) =
      0 < n <= CALL_POOL_BYTES && \valid(p + (0 .. n - 1)) &&
      \subset(p + (0 .. n - 1), call_buffer_pool + (0 .. CALL_POOL_BYTES - 1));

    predicate call_cache_counts_ok(struct call_cache *c) =
      \forall integer k; 0 <= k < CALL_CACHE_MAX_PAGES ==>
        c->count[k] <= CALL_CACHE_DEPTH;

    predicate call_cache_ok(struct call_cache *c) =
      call_cache_counts_ok(c) &&
      \forall integer k, i; 0 <= k < CALL_CACHE_MAX_PAGES &&
        0 <= i < c->count[k] ==> call_in_pool(c->bufs[k][i], (k + 1) * 4096);

    predicate call_logger_ok(xentoollog_logger *l) =
      l == \null ||
      (xtl_logger_ok(l) &&
       \separated(l, call_buffer_pool + (0 .. CALL_POOL_BYTES - 1)));

    // What any handle pointer the library hands out satisfies (also one
    // caught half-built by its teardown).
    predicate xencall_shape(xencall_handle *x) =
      \valid(x) &&
      \separated(x, call_buffer_pool + (0 .. CALL_POOL_BYTES - 1)) &&
      call_logger_ok(x->logger) && call_logger_ok(x->logger_tofree) &&
      (x->logger != \null ==> \separated(x, x->logger)) &&
      (x->logger_tofree != \null ==> \separated(x, x->logger_tofree)) &&
      call_cache_ok(&x->cache);

    // Mirrors xencall_handle_is_valid (src/call/call_private.h).
    predicate xencall_ok(xencall_handle *x) =
      x != \null && x->fd >= 0 && x->logger != \null;

    // An open handle.
    predicate xencall_valid(xencall_handle *x) =
      xencall_shape(x) && xencall_ok(x);

    // The header xencall_alloc_buffer puts in front of the caller's bytes:
    // the page count in base 128, one digit per byte, least significant
    // first; byte 8 set means the count is the first digit alone.
    predicate call_header_ok{L}(char *b) =
      (\forall integer i; 0 <= i < 8 ==> 0 <= b[i] < 128) &&
      (b[8] != 0 ==> \forall integer i; 1 <= i < 8 ==> b[i] == 0);
    logic integer call_header_pages{L}(char *b) =
      b[0] + 128 * (b[1] + 128 * (b[2] + 128 * (b[3] + 128 * (b[4] +
      128 * (b[5] + 128 * (b[6] + 128 * b[7]))))));

    // What xencall_alloc_buffer returns and xencall_free_buffer takes.
    predicate call_buffer_ok{L}(char *p) =
      \valid(p - CALL_BUFFER_HEADER + (0 .. CALL_BUFFER_HEADER - 1)) &&
      call_header_ok(p - CALL_BUFFER_HEADER) &&
      call_header_pages(p - CALL_BUFFER_HEADER) <= SIZE_MAX / 4096 &&
      call_in_pool(p - CALL_BUFFER_HEADER,
                   call_header_pages(p - CALL_BUFFER_HEADER) * 4096);
*/

/*@ requires null_or_valid: xcall == \null || \valid_read(xcall);
    assigns \nothing;
    ensures valid: \result != 0 <==> xencall_ok(xcall);
*/
static inline int xencall_handle_is_valid(const xencall_handle *xcall);

/* ---- OS layer (linux.c): TRUSTED ---- */

/*@ assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int call_os_open_privcmd(void);

/*@ assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int call_os_open_hypercall_buf(void);

/*@ assigns errno;
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int call_os_close(int fd);

/*@ requires args_valid: \valid_read(args + (0 .. 4));
    assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
    ensures errno_kept: \result != -1 ==> errno == \old(errno);
*/
long call_os_hypercall(int fd, unsigned int op, const uint64_t args[5]);

/*@ requires bytes_positive: bytes > 0;
    assigns errno, call_buffer_pool[0 .. CALL_POOL_BYTES - 1];
    ensures mapped: \result == \null || call_in_pool(\result, bytes);
    ensures errno_on_failure: \result == \null ==> errno > 0;
*/
char *call_os_map_buffer(int buf_fd, size_t bytes);

/*@ assigns errno;
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int call_os_unmap_buffer(int buf_fd, char *p, size_t bytes);

/* ---- seam.c: TRUSTED ---- */

/*@ assigns errno, call_handle_heap[0 .. CALL_HANDLE_HEAP - 1];
    ensures fresh: \result == \null ||
      (\subset(\result, call_handle_heap + (0 .. CALL_HANDLE_HEAP - 1)) &&
       xencall_shape(\result) &&
       \result->logger == \null && \result->logger_tofree == \null &&
       \result->tc_ah.entry.le_next == \null &&
       \result->tc_ah.entry.le_prev == \null &&
       (\forall integer k; 0 <= k < CALL_CACHE_MAX_PAGES ==>
          \result->cache.count[k] == 0) &&
       \result->tc_ah.restrict_callback == cb &&
       !toolcore_registered(&\result->tc_ah) &&
       \separated(\result, &errno, &toolcore_registry_head,
                  &toolcore_registry_lock) &&
       (toolcore_registry_head == \null ||
        \separated(\result, toolcore_registry_head)));
    ensures errno_on_failure: \result == \null ==> errno == ENOMEM;
*/
xencall_handle *call_handle_alloc(Xentoolcore__Restrict_Callback *cb);

/*@ requires handle: \valid(xcall);
    assigns \nothing;
*/
void call_handle_release(xencall_handle *xcall);

/*@ requires ah_valid: \valid_read(ah);
    assigns \nothing;
    ensures handle: \valid_read(\result);
*/
xencall_handle *call_handle_of(Xentoolcore__Active_Handle *ah);

/*@ assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1], tzname[0..1],
            timezone, daylight;
    ensures logger: \result == \null || call_logger_ok(\result);
    ensures fresh: \result == \null ||
      \separated(\result, call_handle_heap + (0 .. CALL_HANDLE_HEAP - 1));
*/
xentoollog_logger *call_default_logger(void);

/*@ requires logger_ok: call_logger_ok(logger);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
    ensures errno_kept: errno == \old(errno);
*/
void call_log_error(xentoollog_logger *logger, enum call_log_msg msg,
                    size_t nr_pages);

/*@ requires handle: \valid_read(xcall);
    requires logger_ok: call_logger_ok(xcall->logger);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
    ensures errno_kept: errno == \old(errno);
*/
void call_log_stats(xencall_handle *xcall);

/*@ assigns \nothing; */
void call_cache_init_once(void);

/*@ assigns \nothing; */
unsigned long call_fork_generation(void);

/*@ assigns call_cache_lock_state; */
void call_cache_mutex_lock(void);

/*@ assigns call_cache_lock_state; */
void call_cache_mutex_unlock(void);

/* ---- buffer cache (buffer_cache.c) ---- */

/*@ requires handle: xencall_shape(xcall);
    requires pages_positive: pages >= 1;
    assigns call_cache_lock_state, xcall->cache;
    ensures shape: xencall_shape(xcall);
    ensures cached: \result == \null ||
      (pages <= CALL_CACHE_MAX_PAGES && call_in_pool(\result, pages * 4096));
*/
char *call_cache_take(xencall_handle *xcall, size_t pages);

/*@ requires handle: xencall_shape(xcall);
    assigns call_cache_lock_state, xcall->cache.stats;
    ensures shape: xencall_shape(xcall);
*/
void call_cache_note_alloc(xencall_handle *xcall);

/*@ requires handle: xencall_shape(xcall);
    requires buffer: 1 <= pages <= CALL_CACHE_MAX_PAGES ==>
                     call_in_pool(p, pages * 4096);
    assigns call_cache_lock_state, xcall->cache;
    ensures shape: xencall_shape(xcall);
    ensures result: \result == 0 || \result == 1;
*/
int call_cache_put(xencall_handle *xcall, char *p, size_t pages);

/*@ requires handle: xencall_shape(xcall);
    assigns call_cache_lock_state, errno, xcall->cache.count[0 .. CALL_CACHE_MAX_PAGES - 1],
            *(xcall->cache.bufs[0] + (0 .. CALL_CACHE_MAX_PAGES * CALL_CACHE_DEPTH - 1));
    ensures shape: xencall_shape(xcall);
    ensures empty: \forall integer k; 0 <= k < CALL_CACHE_MAX_PAGES ==>
                   xcall->cache.count[k] == 0;
    ensures errno_kept: errno == \old(errno);
*/
void call_cache_drain(xencall_handle *xcall);

/* ---- buffers.c ---- */

/*@ requires handle: \valid_read(xcall);
    assigns errno;
    ensures errno_kept: errno == \old(errno);
*/
void call_buffer_release(xencall_handle *xcall, char *p, size_t pages);

/* ---- exported: buffers.c ---- */

/*@ requires handle: xcall == \null || xencall_shape(xcall);
    assigns errno, call_cache_lock_state, xcall->cache,
            call_buffer_pool[0 .. CALL_POOL_BYTES - 1],
            __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
    ensures shape_kept: xcall != \null ==> xencall_shape(xcall);
    behavior invalid_handle:
      assumes invalid: !xencall_ok(xcall);
      assigns errno;
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior no_pages:
      assumes valid: xencall_ok(xcall);
      assumes zero: nr_pages == 0;
      assigns errno;
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior too_big:
      assumes valid: xencall_ok(xcall);
      assumes overflow: nr_pages > SIZE_MAX / 4096;
      assigns errno;
      ensures result: \result == \null;
      ensures errno_set: errno == ENOMEM;
    behavior allocate:
      assumes valid: xencall_ok(xcall);
      assumes size_ok: 0 < nr_pages <= SIZE_MAX / 4096;
      ensures shape: xencall_valid(xcall);
      ensures buffer: \result == \null ||
                      call_in_pool((char *)\result, nr_pages * 4096);
      ensures zeroed: \result != \null ==> \forall integer j;
        0 <= j < nr_pages * 4096 ==> ((char *)\result)[j] == 0;
      ensures errno_on_failure: \result == \null ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
void *xencall_alloc_buffer_pages(xencall_handle *xcall, size_t nr_pages);

/*@ requires handle: xcall == \null || xencall_shape(xcall);
    requires buffer: p == \null || nr_pages == 0 ||
      (nr_pages <= SIZE_MAX / 4096 &&
       call_in_pool((char *)p, nr_pages * 4096));
    assigns errno, call_cache_lock_state, xcall->cache;
    ensures errno_kept: errno == \old(errno);
    ensures shape_kept: xcall != \null ==> xencall_shape(xcall);
    behavior ignored:
      assumes nothing_to_do: p == \null || !xencall_ok(xcall) || nr_pages == 0;
      assigns \nothing;
    behavior released:
      assumes given: p != \null && xencall_ok(xcall) && nr_pages != 0;
      ensures shape: xencall_valid(xcall);
    complete behaviors;
    disjoint behaviors;
*/
void xencall_free_buffer_pages(xencall_handle *xcall, void *p,
                               size_t nr_pages);

/*@ requires handle: xcall == \null || xencall_shape(xcall);
    assigns errno, call_cache_lock_state, xcall->cache,
            call_buffer_pool[0 .. CALL_POOL_BYTES - 1],
            __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
    behavior too_big:
      assumes overflow: size > SIZE_MAX - CALL_BUFFER_HEADER - 4095;
      assigns errno;
      ensures result: \result == \null;
      ensures errno_set: errno == ENOMEM;
    behavior allocate:
      assumes size_ok: size <= SIZE_MAX - CALL_BUFFER_HEADER - 4095;
      ensures buffer: \result == \null ||
        (call_buffer_ok((char *)\result) &&
         call_header_pages((char *)\result - CALL_BUFFER_HEADER) * 4096
           >= size + CALL_BUFFER_HEADER);
      ensures errno_on_failure: \result == \null ==> errno > 0;
      ensures shape: xcall != \null ==> xencall_shape(xcall);
    complete behaviors;
    disjoint behaviors;
*/
void *xencall_alloc_buffer(xencall_handle *xcall, size_t size);

/*@ requires handle: xcall == \null || xencall_shape(xcall);
    requires buffer: p == \null || call_buffer_ok((char *)p);
    assigns errno, call_cache_lock_state, xcall->cache;
    ensures errno_kept: errno == \old(errno);
    behavior ignored:
      assumes null: p == \null;
      assigns \nothing;
    behavior released:
      assumes given: p != \null;
      ensures shape: xcall != \null ==> xencall_shape(xcall);
    complete behaviors;
    disjoint behaviors;
*/
void xencall_free_buffer(xencall_handle *xcall, void *p);

/* ---- exported: hypercall.c ---- */

/*@ requires handle: xcall == \null || \valid_read(xcall);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !xencall_ok(xcall);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xencall_ok(xcall);
      ensures result_range: \result >= -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
long xencall2L(xencall_handle *xcall, unsigned int op, uint64_t arg1,
               uint64_t arg2);

/* The int variants truncate the kernel's result to int as upstream's
 * int-returning ioctl() does: a hypercall result of 2^32 - 1 reads -1
 * with errno untouched. */
/*@ requires handle: xcall == \null || \valid_read(xcall);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !xencall_ok(xcall);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xencall_ok(xcall);
      ensures errno_on_failure: \result == -1 ==>
        errno > 0 || errno == \old(errno);
    complete behaviors;
    disjoint behaviors;
*/
int xencall0(xencall_handle *xcall, unsigned int op);

/*@ requires handle: xcall == \null || \valid_read(xcall);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !xencall_ok(xcall);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xencall_ok(xcall);
      ensures errno_on_failure: \result == -1 ==>
        errno > 0 || errno == \old(errno);
    complete behaviors;
    disjoint behaviors;
*/
int xencall1(xencall_handle *xcall, unsigned int op, uint64_t arg1);

/*@ requires handle: xcall == \null || \valid_read(xcall);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !xencall_ok(xcall);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xencall_ok(xcall);
      ensures errno_on_failure: \result == -1 ==>
        errno > 0 || errno == \old(errno);
    complete behaviors;
    disjoint behaviors;
*/
int xencall2(xencall_handle *xcall, unsigned int op, uint64_t arg1, uint64_t arg2);

/*@ requires handle: xcall == \null || \valid_read(xcall);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !xencall_ok(xcall);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xencall_ok(xcall);
      ensures errno_on_failure: \result == -1 ==>
        errno > 0 || errno == \old(errno);
    complete behaviors;
    disjoint behaviors;
*/
int xencall3(xencall_handle *xcall, unsigned int op, uint64_t arg1, uint64_t arg2, uint64_t arg3);

/*@ requires handle: xcall == \null || \valid_read(xcall);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !xencall_ok(xcall);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xencall_ok(xcall);
      ensures errno_on_failure: \result == -1 ==>
        errno > 0 || errno == \old(errno);
    complete behaviors;
    disjoint behaviors;
*/
int xencall4(xencall_handle *xcall, unsigned int op, uint64_t arg1, uint64_t arg2, uint64_t arg3, uint64_t arg4);

/*@ requires handle: xcall == \null || \valid_read(xcall);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !xencall_ok(xcall);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xencall_ok(xcall);
      ensures errno_on_failure: \result == -1 ==>
        errno > 0 || errno == \old(errno);
    complete behaviors;
    disjoint behaviors;
*/
int xencall5(xencall_handle *xcall, unsigned int op, uint64_t arg1, uint64_t arg2, uint64_t arg3, uint64_t arg4, uint64_t arg5);

/* ---- exported: handle.c ---- */

/* The client's logger is its own object: not (part of) a libxencall
 * handle, nor the toolcore record at the head of the registry (which
 * registering a new handle relinks). */
/*@ requires logger_ok: call_logger_ok(logger);
    requires logger_apart: logger == \null ||
      (\separated(logger, call_handle_heap + (0 .. CALL_HANDLE_HEAP - 1)) &&
       (toolcore_registry_head == \null ||
        \separated(logger, toolcore_registry_head)));
    assigns errno, call_handle_heap[0 .. CALL_HANDLE_HEAP - 1],
            toolcore_registry_head, toolcore_registry_lock,
            toolcore_registry_head->entry.le_prev, call_cache_lock_state,
            __fc_fopen[0 .. __FC_FOPEN_MAX - 1], tzname[0..1],
            timezone, daylight;
    ensures shape: \result != \null ==> xencall_shape(\result);
    ensures open: \result != \null ==> xencall_ok(\result);
    ensures flags: \result != \null ==> \result->flags == open_flags;
    ensures logger: \result != \null && logger != \null ==>
                    \result->logger == logger;
    ensures errno_on_failure: \result == \null ==> errno > 0;
*/
xencall_handle *xencall_open(struct xentoollog_logger *logger,
                             unsigned open_flags);

/*@ requires handle: xcall == \null || xencall_shape(xcall);
    requires separated: xcall != \null ==>
      \separated(xcall, &errno, &__fc_fopen[0 .. __FC_FOPEN_MAX - 1]);
    assigns errno, call_cache_lock_state,
            xcall->cache.count[0 .. CALL_CACHE_MAX_PAGES - 1],
            *(xcall->cache.bufs[0] + (0 .. CALL_CACHE_MAX_PAGES * CALL_CACHE_DEPTH - 1)),
            xcall->tc_ah.entry, toolcore_registry_lock,
            xcall->tc_ah.entry.le_next->entry.le_prev,
            *xcall->tc_ah.entry.le_prev,
            __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
    behavior null_handle:
      assumes null: xcall == \null;
      assigns \nothing;
      ensures result: \result == 0;
    behavior close:
      assumes given: xcall != \null;
      ensures result_range: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xencall_close(xencall_handle *xcall);

/*@ requires handle: xcall == \null || \valid_read(xcall);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !xencall_ok(xcall);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xencall_ok(xcall);
      assigns \nothing;
      ensures result: \result == xcall->fd;
    complete behaviors;
    disjoint behaviors;
*/
int xencall_fd(xencall_handle *xcall);

/*@ requires handle: xcall == \null || \valid_read(xcall);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !xencall_ok(xcall);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xencall_ok(xcall);
      assigns \nothing;
      ensures result: \result == (xcall->buf_fd >= 0 ? 1 : 0);
    complete behaviors;
    disjoint behaviors;
*/
int xencall_buffers_never_fault(xencall_handle *xcall);

#endif /* XENCALL_ACSL_H */
