/*
 * xengnttab.acsl.h - contracts of libxengnttab (gnttab + gntshr),
 * force-included when src/gnttab/ is analysed; the public header stays
 * contract-free.  Contracts of the static helpers are in
 * specs/gnttab_<file>.acsl.h, included by <file>.c under __FRAMAC__.
 *
 * Model of the world:
 *  - A handle (struct xengntdev_handle) is valid for a kind exactly when
 *    xengntdev_handle_is_valid() says so (predicate xengntdev_handle_valid,
 *    the mirror: not NULL and of that kind).  Every handle open returns
 *    also has its descriptor open and a logger (xengntdev_handle_live),
 *    which the exported functions require instead of testing.  Whatever the C check says, every handle this library
 *    gave out satisfies xengntdev_handle_ok: the struct is writable, its
 *    registry is consistent (gnttab_registry_ok), its logger is NULL or a
 *    proper logger (xtl_logger_ok of libxentoollog), and it is separated
 *    from errno, the stdio streams and the registry arrays.
 *  - The registry arrays (realloc'd in seam.c) all live in one abstract
 *    region, gnttab_mapping_arena, and the handles (malloc'd in seam.c) in
 *    another, gnttab_handle_arena: declarations that exist only for the
 *    proofs (no C code names them).  They let `assigns` name memory
 *    obtained after the call started (WP 25 has no \fresh), at the price
 *    of over-approximating: an open "may write" every handle.
 *  - Logging writes the stdio streams (__fc_fopen) and nothing else
 *    (contract of xtl_log, proven in libxentoollog).
 *
 * TRUSTED (specs/trusted.txt), each with a model in
 * specs/models/xengnttab.c: the OS layer (src/gnttab/linux.c, one typed
 * wrapper per kernel request: it may write exactly the out-parameters
 * named, and fails with -1 and errno > 0) and seam.c (malloc/realloc/free,
 * the CONTAINER_OF downcast, the default stdio logger).
 */
#ifndef XENGNTTAB_ACSL_H
#define XENGNTTAB_ACSL_H

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include "gnttab_private.h"
#include "xentoolcore.acsl.h" /* register/deregister, proven in libxentoolcore */
#include "xentoollog.acsl.h"  /* xtl_log, xtl_logger_destroy, proven in libxentoollog */

/* The abstract region holding every registry array (see above). */
#define GNTTAB_ARENA_LEN (PTRDIFF_MAX / sizeof(struct gnttab_mapping))
extern struct gnttab_mapping gnttab_mapping_arena[GNTTAB_ARENA_LEN];
/* The abstract region holding every page mapping (mmap'd in linux.c):
 * apart from every variable, so from a caller's locals too. */
extern char gnttab_page_arena[PTRDIFF_MAX];
/* The abstract region holding every handle (malloc'd in seam.c). */
#define GNTTAB_HANDLE_ARENA_LEN                                                \
    (PTRDIFF_MAX / sizeof(struct xengntdev_handle))
extern struct xengntdev_handle gnttab_handle_arena[GNTTAB_HANDLE_ARENA_LEN];

/*@ predicate gnttab_registry_ok(struct gnttab_registry *r) =
      \valid(r) && r->used <= r->capacity &&
      \valid(r->entries + (0 .. r->capacity - 1)) &&
      \subset(r->entries + (0 .. r->capacity - 1),
              &gnttab_mapping_arena[0] + (0 .. GNTTAB_ARENA_LEN - 1)) &&
      \base_addr(r) != \base_addr(&gnttab_mapping_arena[0]);

    // Mirror of xengntdev_handle_is_valid (src/gnttab/gnttab_private.h).
    predicate xengntdev_handle_valid(struct xengntdev_handle *h,
                                     enum gnttab_kind kind) =
      h != \null && h->kind == kind;

    // What open establishes and nothing but close undoes: the descriptor
    // is open and errors have a logger.  Every exported function but open
    // and close requires it of a non-NULL handle (so the C validity check
    // need not test either); none of them assigns fd or logger.
    predicate xengntdev_handle_live(struct xengntdev_handle *h) =
      h->fd >= 0 && h->logger != \null;

    // A logger a handle may hold: a proper one, apart from our memory.
    predicate gnttab_logger_ok(xentoollog_logger *l) =
      xtl_logger_ok(l) &&
      \base_addr(l) != \base_addr(&gnttab_mapping_arena[0]) &&
      \base_addr(l) != \base_addr(&gnttab_handle_arena[0]) &&
      \separated(l, &errno, &__fc_fopen[0 .. __FC_FOPEN_MAX - 1]);

    // What every handle this library gave out satisfies: its own fields
    // (handle_core) and its logger (handle_logger_*), split so that each
    // piece is a goal of its own (z3/cvc4 fail on the whole conjunction
    // at the end of the longer functions; each piece alone is quick).
    predicate xengntdev_handle_core(struct xengntdev_handle *h) =
      \valid(h) && gnttab_registry_ok(&h->maps) &&
      (h->kind == GNTTAB_KIND_GNTTAB || h->kind == GNTTAB_KIND_GNTSHR) &&
      \separated(h, &errno, &__fc_fopen[0 .. __FC_FOPEN_MAX - 1]) &&
      (h->logger_tofree == \null || h->logger_tofree == h->logger);
    predicate xengntdev_handle_logger_apart(struct xengntdev_handle *h) =
      h->logger == \null ||
      (\valid_read(h->logger) && \separated(h, h->logger) &&
       \base_addr(h->logger) != \base_addr(&gnttab_mapping_arena[0]) &&
       \base_addr(h->logger) != \base_addr(&gnttab_handle_arena[0]) &&
       \separated(h->logger, &errno, &__fc_fopen[0 .. __FC_FOPEN_MAX - 1]));
    predicate xengntdev_handle_logger_vmessage(struct xengntdev_handle *h) =
      h->logger == \null ||
      h->logger->vmessage == \null ||
      h->logger->vmessage == &xtl_vmessage_any ||
      h->logger->vmessage == &stdiostream_vmessage;
    predicate xengntdev_handle_logger_progress(struct xengntdev_handle *h) =
      h->logger == \null ||
      h->logger->progress == \null ||
      h->logger->progress == &xtl_progress_any ||
      h->logger->progress == &stdiostream_progress;
    predicate xengntdev_handle_logger_destroy(struct xengntdev_handle *h) =
      h->logger == \null ||
      h->logger->destroy == \null ||
      h->logger->destroy == &xtl_destroy_any ||
      h->logger->destroy == &stdiostream_destroy;
    predicate xengntdev_handle_ok(struct xengntdev_handle *h) =
      xengntdev_handle_core(h) && xengntdev_handle_logger_apart(h) &&
      xengntdev_handle_logger_vmessage(h) &&
      xengntdev_handle_logger_progress(h) &&
      xengntdev_handle_logger_destroy(h);
*/

/* Intermediate assertions of the longer routines (map.c, gntshr.c): the
 * handle invariant, piece by piece, after each call, so that each goal
 * spans one call only. */
#define GNTTAB_HANDLE_KEPT(h)                                                  \
    xengntdev_handle_core(h) && xengntdev_handle_logger_apart(h) &&            \
    xengntdev_handle_logger_vmessage(h) &&                                     \
    xengntdev_handle_logger_progress(h) &&                                     \
    xengntdev_handle_logger_destroy(h)

/*@ requires null_or_valid: h == \null || \valid_read(h);
    assigns \nothing;
    ensures valid: \result != 0 <==>
      xengntdev_handle_valid((struct xengntdev_handle *)h, kind);
*/
static inline int xengntdev_handle_is_valid(const struct xengntdev_handle *h,
                                            enum gnttab_kind kind);

/* ---- OS layer (linux.c): TRUSTED ---- */

/*@ assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int gnttab_os_open_gntdev(void);

/*@ assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int gnttab_os_open_gntalloc(void);

/*@ assigns errno;
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int gnttab_os_close(int fd);

/*@ requires stride: domid_stride == 0 || domid_stride == 1;
    requires domids_valid: count > 0 ==>
      \valid_read(domids + (0 .. (count - 1) * domid_stride));
    requires refs_valid: \valid_read(refs + (0 .. count - 1));
    requires index_valid: \valid(index);
    requires separated: \separated(index, &errno);
    assigns *index, errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result < 0 ==> errno > 0;
*/
long gnttab_os_map_grant_ref(int fd, uint32_t count, const uint32_t *domids,
                             size_t domid_stride, const uint32_t *refs,
                             uint64_t *index);

/*@ assigns errno;
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result < 0 ==> errno > 0;
*/
long gnttab_os_unmap_grant_ref(int fd, uint64_t index, uint32_t count);

/*@ assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result < 0 ==> errno > 0;
*/
long gnttab_os_set_max_grants(int fd, uint32_t count);

/*@ assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result < 0 ==> errno > 0;
*/
long gnttab_os_gntdev_notify(int fd, uint64_t index, uint32_t action,
                             uint32_t port);

/*@ requires segs_valid: \valid(segs + (0 .. count - 1));
    requires separated: \separated(segs + (0 .. count - 1), &errno);
    assigns segs[0 .. count - 1].status, errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result < 0 ==> errno > 0;
*/
long gnttab_os_grant_copy(int fd, uint32_t count,
                          xengnttab_grant_copy_segment_t *segs);

/*@ requires refs_valid: \valid_read(refs + (0 .. count - 1));
    requires fd_valid: \valid(dmabuf_fd);
    requires separated: \separated(dmabuf_fd, &errno);
    assigns *dmabuf_fd, errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result < 0 ==> errno > 0;
*/
long gnttab_os_dmabuf_exp_from_refs(int fd, uint32_t domid, uint32_t flags,
                                    uint32_t count, const uint32_t *refs,
                                    uint32_t *dmabuf_fd);

/*@ assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result < 0 ==> errno > 0;
*/
long gnttab_os_dmabuf_exp_wait_released(int fd, uint32_t dmabuf_fd,
                                        uint32_t wait_to_ms);

/*@ requires refs_valid: \valid(refs + (0 .. count - 1));
    requires separated: \separated(refs + (0 .. count - 1), &errno);
    assigns refs[0 .. count - 1], errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result < 0 ==> errno > 0;
*/
long gnttab_os_dmabuf_imp_to_refs(int fd, uint32_t domid, uint32_t dmabuf_fd,
                                  uint32_t count, uint32_t *refs);

/*@ assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result < 0 ==> errno > 0;
*/
long gnttab_os_dmabuf_imp_release(int fd, uint32_t dmabuf_fd);

/*@ requires refs_valid: \valid(refs + (0 .. count - 1));
    requires index_valid: \valid(index);
    requires separated: \separated(refs + (0 .. count - 1), index, &errno);
    assigns refs[0 .. count - 1], *index, errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result < 0 ==> errno > 0;
*/
long gnttab_os_alloc_gref(int fd, uint16_t domid, int writable,
                          uint32_t count, uint32_t *refs, uint64_t *index);

/*@ assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result < 0 ==> errno > 0;
*/
long gnttab_os_dealloc_gref(int fd, uint64_t index, uint32_t count);

/*@ assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result < 0 ==> errno > 0;
*/
long gnttab_os_gntalloc_notify(int fd, uint64_t index, uint32_t action,
                               uint32_t port);

/* The wrapper refuses (EINVAL) an index that is no valid file offset. */
/*@ assigns errno;
    ensures errno_on_failure: \result == \null ==> errno > 0;
    ensures index_checked: \result != \null ==> index <= INT64_MAX;
    ensures new_mapping: \result != \null ==>
      \separated((char *)\result, &errno,
                 &__fc_fopen[0 .. __FC_FOPEN_MAX - 1]);
    ensures in_page_arena: \result != \null ==>
      \base_addr((char *)\result) == \base_addr(&gnttab_page_arena[0]);
*/
void *gnttab_os_mmap(int fd, size_t bytes, int prot, uint64_t index);

/*@ assigns errno;
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int gnttab_os_munmap(void *addr, size_t bytes);

/* ---- seam.c: TRUSTED ---- */

/* A fresh block is apart from every object that exists before the call
 * (errno, the stdio streams, libxentoolcore's globals, the handle at the
 * head of its registry) and is no registered handle (those are live
 * memory). */
/*@ assigns errno;
    ensures null_or_fresh: \result == \null ||
      (\valid(\result) &&
       \result->tc_ah.restrict_callback == cb && \result->fd == -1 &&
       \subset(\result, &gnttab_handle_arena[0 .. GNTTAB_HANDLE_ARENA_LEN - 1]) &&
       !toolcore_registered(&\result->tc_ah) &&
       \separated(\result, &errno, &toolcore_registry_head,
                  &toolcore_registry_lock,
                  &__fc_fopen[0 .. __FC_FOPEN_MAX - 1]) &&
       (toolcore_registry_head == \null ||
        \separated(\result, toolcore_registry_head)));
    ensures errno_on_failure: \result == \null ==> errno > 0;
*/
struct xengntdev_handle *gnttab_handle_alloc(Xentoolcore__Restrict_Callback *cb);

/*@ requires h_valid: \valid(h);
    assigns \nothing;
*/
void gnttab_handle_release(struct xengntdev_handle *h);

/*@ requires ah_valid: \valid_read(ah);
    assigns \nothing;
    ensures container: \valid_read(\result) && &\result->tc_ah == ah;
*/
struct xengntdev_handle *gnttab_handle_of(Xentoolcore__Active_Handle *ah);

/* (flags 0: no XTL_STDIOSTREAM_SHOW_DATE, so no tzset.) */
/*@ assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
    ensures null_or_logger: \result == \null || gnttab_logger_ok(\result);
*/
xentoollog_logger *gnttab_default_logger(void);

/*@ requires registry: gnttab_registry_ok(r);
    requires growing: r->capacity < want;
    requires size: bytes == want * sizeof(struct gnttab_mapping);
    assigns errno;
    ensures null_or_grown: \result == \null ||
      (\valid(\result + (0 .. want - 1)) &&
       \subset(\result + (0 .. want - 1),
               &gnttab_mapping_arena[0] + (0 .. GNTTAB_ARENA_LEN - 1)) &&
       (\forall integer i; 0 <= i < r->capacity ==>
          \result[i] == \old(r->entries[i])) &&
       (\forall integer i; r->capacity <= i < want ==>
          \result[i].addr == \null));
*/
struct gnttab_mapping *gnttab_entries_grow(const struct gnttab_registry *r,
                                           size_t want, size_t bytes);

/*@ assigns \nothing;
*/
void gnttab_entries_free(struct gnttab_mapping *entries);

/* ---- notify.c ---- */

/*@ assigns \nothing;
    behavior clear_and_send:
      assumes inside: notify_offset < bytes;
      assumes port: notify_port != UINT32_MAX;
      ensures actions: \result ==
        (UNMAP_NOTIFY_CLEAR_BYTE | UNMAP_NOTIFY_SEND_EVENT);
    behavior clear:
      assumes inside: notify_offset < bytes;
      assumes no_port: notify_port == UINT32_MAX;
      ensures actions: \result == UNMAP_NOTIFY_CLEAR_BYTE;
    behavior send:
      assumes outside: notify_offset >= bytes;
      assumes port: notify_port != UINT32_MAX;
      ensures actions: \result == UNMAP_NOTIFY_SEND_EVENT;
    behavior none:
      assumes outside: notify_offset >= bytes;
      assumes no_port: notify_port == UINT32_MAX;
      ensures actions: \result == 0;
    complete behaviors;
    disjoint behaviors;
*/
uint32_t gnttab_notify_actions(size_t bytes, uint32_t notify_offset,
                               uint32_t notify_port);

/* ---- log.c ---- */

/*@ requires handle: \valid_read(h);
    requires logger_ok: h->logger == \null || gnttab_logger_ok(h->logger);
    requires msg_string: valid_read_string(msg);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
    ensures errno_kept: errno == \old(errno);
*/
void gnttab_log_error(struct xengntdev_handle *h, const char *msg);

/* ---- registry.c ---- */

/*@ requires r_valid: \valid(r);
    requires apart: \base_addr(r) != \base_addr(&gnttab_mapping_arena[0]);
    requires separated: \separated(r, &errno);
    assigns r->lock, r->entries, r->used, r->capacity, errno;
    ensures result: \result == 0 || \result == -1;
    ensures empty: \result == 0 ==>
      gnttab_registry_ok(r) && r->used == 0 && r->capacity == 0;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int gnttab_registry_init(struct gnttab_registry *r);

/*@ requires r_valid: \valid(r);
    assigns r->lock, r->entries, r->used, r->capacity;
    ensures empty: r->entries == \null && r->used == 0 && r->capacity == 0;
*/
void gnttab_registry_destroy(struct gnttab_registry *r);

/*@ requires registry: gnttab_registry_ok(r);
    requires separated: \separated(r, &errno);
    assigns r->lock, r->entries, r->used, r->capacity, errno;
    ensures registry: gnttab_registry_ok(r);
    ensures result: \result == 0 || \result == -1;
    ensures reserved: \result == 0 ==> r->used == \old(r->used) + 1;
    ensures errno_on_failure: \result == -1 ==> errno == ENOMEM;
*/
int gnttab_registry_reserve(struct gnttab_registry *r);

/*@ requires registry: gnttab_registry_ok(r);
    assigns r->lock, r->used;
    ensures registry: gnttab_registry_ok(r);
    ensures released: r->used == (\old(r->used) > 0 ? \old(r->used) - 1 : 0);
*/
void gnttab_registry_unreserve(struct gnttab_registry *r);

/* Writes one entry of the registry's array; the array lives in the
 * mapping arena (gnttab_registry_ok), so the assigns name the arena: a
 * caller then sees at once that its handle, which is apart from the
 * arena, keeps every field (through r->entries it needs a subset
 * argument that z3/cvc4 time out on at the end of gnttab_map and
 * gntshr_share). */
/*@ requires registry: gnttab_registry_ok(r);
    assigns r->lock, gnttab_mapping_arena[0 .. GNTTAB_ARENA_LEN - 1];
    ensures registry: gnttab_registry_ok(r);
*/
void gnttab_registry_add(struct gnttab_registry *r, void *addr,
                         uint64_t index, uint32_t count, int needs_dealloc);

/* gnttab's one-lock recording (the array may grow: the arena, the
 * pointer and the capacity may change). */
/*@ requires registry: gnttab_registry_ok(r);
    requires separated: \separated(r, &errno);
    assigns r->lock, r->entries, r->capacity, errno,
            gnttab_mapping_arena[0 .. GNTTAB_ARENA_LEN - 1];
    ensures registry: gnttab_registry_ok(r);
    ensures result: \result == 0 || \result == -1;
    ensures recorded: \result == 0 ==>
      \exists integer i; 0 <= i < r->capacity &&
        r->entries[i].addr == addr && r->entries[i].index == index &&
        r->entries[i].count == count;
    ensures errno_on_failure: \result == -1 ==> errno == ENOMEM;
*/
int gnttab_registry_insert(struct gnttab_registry *r, void *addr,
                           uint64_t index, uint32_t count);

/* gnttab's one-lock unmap: an address this registry does not hold is
 * refused (EINVAL) without touching anything but errno. */
/*@ requires registry: gnttab_registry_ok(r);
    requires addr_given: addr != \null;
    requires index_valid: \valid(index);
    requires separated: \separated(index, r, &errno) &&
             \separated(r, &errno) &&
             \base_addr(index) != \base_addr(&gnttab_mapping_arena[0]);
    assigns r->lock, gnttab_mapping_arena[0 .. GNTTAB_ARENA_LEN - 1], *index,
            errno;
    ensures registry: gnttab_registry_ok(r);
    ensures result: \result == 0 || \result == -1;
    ensures foreign_refused: (\forall integer i; 0 <= i < \old(r->capacity) ==>
                               \old(r->entries[i].addr) != addr) ==>
      \result == -1 && errno == EINVAL;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int gnttab_registry_unmap(struct gnttab_registry *r, void *addr,
                          uint32_t count, uint64_t *index);

/*@ requires registry: gnttab_registry_ok(r);
    requires out_valid: \valid(out);
    requires separated: \separated(out, r, &errno) &&
             \base_addr(out) != \base_addr(&gnttab_mapping_arena[0]);
    assigns r->lock, r->entries[0 .. r->capacity - 1], *out, errno;
    ensures registry: gnttab_registry_ok(r);
    ensures result: \result == 0 || \result == -1;
    ensures found: \result == 0 ==> out->addr == addr && out->count == count;
    ensures errno_on_failure: \result == -1 ==> errno == EINVAL;
*/
int gnttab_registry_take(struct gnttab_registry *r, void *addr,
                         uint32_t count, struct gnttab_mapping *out);

/*@ requires registry: gnttab_registry_ok(r);
    requires m_valid: \valid_read(m);
    assigns r->lock, gnttab_mapping_arena[0 .. GNTTAB_ARENA_LEN - 1];
    ensures registry: gnttab_registry_ok(r);
*/
void gnttab_registry_put_back(struct gnttab_registry *r,
                              const struct gnttab_mapping *m);

/* ---- handle.c ---- */

/* The caller's logger is its own object, not a record linked into
 * libxentoolcore's registry: registering a new gnttab handle writes the
 * back link of the record at the head, and the logger's vtable must
 * survive that (true of any real logger; WP's memory model cannot know
 * that two distinct C objects do not overlap). */
#define GNTTAB_LOGGER_UNLINKED(logger)                                         \
    ((logger) == \null || toolcore_registry_head == \null ||                  \
     \separated((logger), toolcore_registry_head))

/*@ requires kind: kind == GNTTAB_KIND_GNTTAB || kind == GNTTAB_KIND_GNTSHR;
    requires logger_ok: logger == \null || gnttab_logger_ok(logger);
    requires logger_unlinked: kind == GNTTAB_KIND_GNTTAB ==>
      GNTTAB_LOGGER_UNLINKED(logger);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1],
            gnttab_handle_arena[0 .. GNTTAB_HANDLE_ARENA_LEN - 1],
            toolcore_registry_head,
            toolcore_registry_lock, toolcore_registry_head->entry.le_prev;
    ensures opened: \result == \null ||
      (xengntdev_handle_ok(\result) && xengntdev_handle_valid(\result, kind));
    ensures live: \result == \null || xengntdev_handle_live(\result);
    ensures errno_on_failure: \result == \null ==> errno > 0;
*/
struct xengntdev_handle *gnttab_handle_open(xentoollog_logger *logger,
                                            enum gnttab_kind kind);

/*@ requires handle: h == \null || xengntdev_handle_ok(h);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1],
            toolcore_registry_head, toolcore_registry_lock, h->tc_ah.entry,
            h->tc_ah.entry.le_next->entry.le_prev, *h->tc_ah.entry.le_prev,
            h->maps;
    behavior null_handle:
      assumes null: h == \null;
      assigns \nothing;
      ensures result: \result == 0;
    behavior close:
      assumes given: h != \null;
      ensures result: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int gnttab_handle_close(struct xengntdev_handle *h);

/*@ requires handle: GNTTAB_HANDLE_KEPT(h);
    assigns h->maps.lock, gnttab_mapping_arena[0 .. GNTTAB_ARENA_LEN - 1];
    ensures handle_core: xengntdev_handle_core(h);
    ensures logger_apart: xengntdev_handle_logger_apart(h);
    ensures logger_vmessage: xengntdev_handle_logger_vmessage(h);
    ensures logger_progress: xengntdev_handle_logger_progress(h);
    ensures logger_destroy: xengntdev_handle_logger_destroy(h);
*/
void gnttab_handle_record_mapping(struct xengntdev_handle *h, void *addr,
                                  uint64_t index, uint32_t count,
                                  int needs_dealloc);

/*@ requires handle: GNTTAB_HANDLE_KEPT(h);
    assigns h->maps.lock, h->maps.entries, h->maps.capacity, errno,
            gnttab_mapping_arena[0 .. GNTTAB_ARENA_LEN - 1];
    ensures handle_core: xengntdev_handle_core(h);
    ensures logger_apart: xengntdev_handle_logger_apart(h);
    ensures logger_vmessage: xengntdev_handle_logger_vmessage(h);
    ensures logger_progress: xengntdev_handle_logger_progress(h);
    ensures logger_destroy: xengntdev_handle_logger_destroy(h);
    ensures result: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno == ENOMEM;
*/
int gnttab_handle_insert_mapping(struct xengntdev_handle *h, void *addr,
                                 uint64_t index, uint32_t count);

/* ---- exported: gnttab.c, gntshr.c (fd) ---- */

/*@ requires handle: xgt == \null || xengntdev_handle_ok(xgt);
    requires handle_live: xgt == \null || xengntdev_handle_live(xgt);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assigns \nothing;
      ensures result: \result == xgt->fd;
    complete behaviors;
    disjoint behaviors;
*/
int xengnttab_fd(xengnttab_handle *xgt);

/*@ requires handle: xgs == \null || xengntdev_handle_ok(xgs);
    requires handle_live: xgs == \null || xengntdev_handle_live(xgs);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !xengntdev_handle_valid(xgs, GNTTAB_KIND_GNTSHR);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xengntdev_handle_valid(xgs, GNTTAB_KIND_GNTSHR);
      assigns \nothing;
      ensures result: \result == xgs->fd;
    complete behaviors;
    disjoint behaviors;
*/
int xengntshr_fd(xengntshr_handle *xgs);

/*@ requires logger_ok: logger == \null || gnttab_logger_ok(logger);
    requires logger_unlinked: GNTTAB_LOGGER_UNLINKED(logger);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1],
            gnttab_handle_arena[0 .. GNTTAB_HANDLE_ARENA_LEN - 1],
            toolcore_registry_head,
            toolcore_registry_lock, toolcore_registry_head->entry.le_prev;
    ensures opened: \result == \null ||
      (xengntdev_handle_ok(\result) &&
       xengntdev_handle_valid(\result, GNTTAB_KIND_GNTTAB));
    ensures live: \result == \null || xengntdev_handle_live(\result);
    ensures errno_on_failure: \result == \null ==> errno > 0;
*/
xengnttab_handle *xengnttab_open(struct xentoollog_logger *logger, unsigned open_flags);

/*@ requires logger_ok: logger == \null || gnttab_logger_ok(logger);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1],
            gnttab_handle_arena[0 .. GNTTAB_HANDLE_ARENA_LEN - 1],
            toolcore_registry_head,
            toolcore_registry_lock, toolcore_registry_head->entry.le_prev;
    ensures opened: \result == \null ||
      (xengntdev_handle_ok(\result) &&
       xengntdev_handle_valid(\result, GNTTAB_KIND_GNTSHR));
    ensures live: \result == \null || xengntdev_handle_live(\result);
    ensures errno_on_failure: \result == \null ==> errno > 0;
*/
xengntshr_handle *xengntshr_open(struct xentoollog_logger *logger, unsigned open_flags);

/*@ requires handle: xgt == \null || xengntdev_handle_ok(xgt);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1],
            toolcore_registry_head, toolcore_registry_lock, xgt->tc_ah.entry,
            xgt->tc_ah.entry.le_next->entry.le_prev, *xgt->tc_ah.entry.le_prev,
            xgt->maps;
    behavior null_handle:
      assumes null: xgt == \null;
      ensures result: \result == 0;
    behavior close:
      assumes given: xgt != \null;
      ensures result: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xengnttab_close(xengnttab_handle *xgt);

/*@ requires handle: xgs == \null || xengntdev_handle_ok(xgs);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1],
            toolcore_registry_head, toolcore_registry_lock, xgs->tc_ah.entry,
            xgs->tc_ah.entry.le_next->entry.le_prev, *xgs->tc_ah.entry.le_prev,
            xgs->maps;
    behavior null_handle:
      assumes null: xgs == \null;
      ensures result: \result == 0;
    behavior close:
      assumes given: xgs != \null;
      ensures result: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xengntshr_close(xengntshr_handle *xgs);

/* ---- exported: copy.c ---- */

/*@ requires handle: xgt == \null || xengntdev_handle_ok(xgt);
    requires handle_live: xgt == \null || xengntdev_handle_live(xgt);
    requires segs_valid: segs == \null || \valid(segs + (0 .. count - 1));
    requires segs_separated: segs == \null ||
      (\separated(segs + (0 .. count - 1), xgt, &errno) &&
       \base_addr(segs) != \base_addr(&gnttab_mapping_arena[0]));
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1], segs[0 .. count - 1].status;
    behavior invalid_handle:
      assumes invalid: !xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assigns errno;
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior bad_arguments:
      assumes valid: xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assumes bad: count != 0 && segs == \null;
      assigns errno;
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior copy:
      assumes valid: xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assumes args: count == 0 || segs != \null;
      ensures handle_kept: xengntdev_handle_ok(xgt);
      ensures result: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xengnttab_grant_copy(xengnttab_handle *xgt, uint32_t count,
                         xengnttab_grant_copy_segment_t *segs);

/*@ requires handle: xgt == \null || xengntdev_handle_ok(xgt);
    requires handle_live: xgt == \null || xengntdev_handle_live(xgt);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
    behavior invalid_handle:
      assumes invalid: !xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assigns errno;
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      ensures handle_kept: xengntdev_handle_ok(xgt);
      ensures result: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xengnttab_set_max_grants(xengnttab_handle *xgt, uint32_t nr_grants);

/* ---- exported: dmabuf.c ---- */

/*@ requires handle: xgt == \null || xengntdev_handle_ok(xgt);
    requires handle_live: xgt == \null || xengntdev_handle_live(xgt);
    requires refs_valid: refs == \null || \valid_read(refs + (0 .. count - 1));
    requires fd_valid: fd == \null || \valid(fd);
    requires fd_separated: fd == \null ||
      (\separated(fd, xgt, &errno) &&
       \base_addr(fd) != \base_addr(&gnttab_mapping_arena[0]));
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1], *fd;
    behavior invalid_handle:
      assumes invalid: !xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assigns errno;
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior bad_arguments:
      assumes valid: xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assumes bad: count == 0 || refs == \null || fd == \null;
      assigns errno;
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior export:
      assumes valid: xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assumes args: count > 0 && refs != \null && fd != \null;
      ensures handle_kept: xengntdev_handle_ok(xgt);
      ensures result: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xengnttab_dmabuf_exp_from_refs(xengnttab_handle *xgt, uint32_t domid,
                                   uint32_t flags, uint32_t count,
                                   const uint32_t *refs, uint32_t *fd);

/*@ requires handle: xgt == \null || xengntdev_handle_ok(xgt);
    requires handle_live: xgt == \null || xengntdev_handle_live(xgt);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
    behavior invalid_handle:
      assumes invalid: !xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assigns errno;
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      ensures handle_kept: xengntdev_handle_ok(xgt);
      ensures result: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xengnttab_dmabuf_exp_wait_released(xengnttab_handle *xgt, uint32_t fd,
                                       uint32_t wait_to_ms);

/*@ requires handle: xgt == \null || xengntdev_handle_ok(xgt);
    requires handle_live: xgt == \null || xengntdev_handle_live(xgt);
    requires refs_valid: refs == \null || \valid(refs + (0 .. count - 1));
    requires refs_separated: refs == \null ||
      (\separated(refs + (0 .. count - 1), xgt, &errno) &&
       \base_addr(refs) != \base_addr(&gnttab_mapping_arena[0]));
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1], refs[0 .. count - 1];
    behavior invalid_handle:
      assumes invalid: !xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assigns errno;
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior bad_arguments:
      assumes valid: xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assumes bad: count == 0 || refs == \null;
      assigns errno;
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior import:
      assumes valid: xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assumes args: count > 0 && refs != \null;
      ensures handle_kept: xengntdev_handle_ok(xgt);
      ensures result: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xengnttab_dmabuf_imp_to_refs(xengnttab_handle *xgt, uint32_t domid,
                                 uint32_t fd, uint32_t count, uint32_t *refs);

/*@ requires handle: xgt == \null || xengntdev_handle_ok(xgt);
    requires handle_live: xgt == \null || xengntdev_handle_live(xgt);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
    behavior invalid_handle:
      assumes invalid: !xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assigns errno;
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      ensures handle_kept: xengntdev_handle_ok(xgt);
      ensures result: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xengnttab_dmabuf_imp_release(xengnttab_handle *xgt, uint32_t fd);

/* ---- exported: map.c ---- */

/*@ requires handle: xgt == \null || xengntdev_handle_ok(xgt);
    requires handle_live: xgt == \null || xengntdev_handle_live(xgt);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1],
            xgt->maps, gnttab_mapping_arena[0 .. GNTTAB_ARENA_LEN - 1];
    behavior invalid_handle:
      assumes invalid: !xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      ensures handle_kept: xengntdev_handle_ok(xgt);
      ensures errno_on_failure: \result == \null ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
void *xengnttab_map_grant_ref(xengnttab_handle *xgt, uint32_t domid,
                              uint32_t ref, int prot);

/*@ requires handle: xgt == \null || xengntdev_handle_ok(xgt);
    requires handle_live: xgt == \null || xengntdev_handle_live(xgt);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1],
            xgt->maps, gnttab_mapping_arena[0 .. GNTTAB_ARENA_LEN - 1];
    behavior invalid_handle:
      assumes invalid: !xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      ensures handle_kept: xengntdev_handle_ok(xgt);
      ensures errno_on_failure: \result == \null ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
void *xengnttab_map_grant_ref_notify(xengnttab_handle *xgt, uint32_t domid,
                                     uint32_t ref, int prot,
                                     uint32_t notify_offset,
                                     evtchn_port_t notify_port);

/*@ requires handle: xgt == \null || xengntdev_handle_ok(xgt);
    requires handle_live: xgt == \null || xengntdev_handle_live(xgt);
    requires domids_valid: domids == \null || \valid_read(domids + (0 .. count - 1));
    requires refs_valid: refs == \null || \valid_read(refs + (0 .. count - 1));
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1],
            xgt->maps, gnttab_mapping_arena[0 .. GNTTAB_ARENA_LEN - 1];
    behavior invalid_handle:
      assumes invalid: !xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior bad_arguments:
      assumes valid: xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assumes bad: count == 0 || domids == \null || refs == \null;
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior map:
      assumes valid: xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assumes args: count > 0 && domids != \null && refs != \null;
      ensures handle_kept: xengntdev_handle_ok(xgt);
      ensures errno_on_failure: \result == \null ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
void *xengnttab_map_grant_refs(xengnttab_handle *xgt, uint32_t count,
                               uint32_t *domids, uint32_t *refs, int prot);

/*@ requires handle: xgt == \null || xengntdev_handle_ok(xgt);
    requires handle_live: xgt == \null || xengntdev_handle_live(xgt);
    requires refs_valid: refs == \null || \valid_read(refs + (0 .. count - 1));
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1],
            xgt->maps, gnttab_mapping_arena[0 .. GNTTAB_ARENA_LEN - 1];
    behavior invalid_handle:
      assumes invalid: !xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior bad_arguments:
      assumes valid: xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assumes bad: count == 0 || refs == \null;
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior map:
      assumes valid: xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assumes args: count > 0 && refs != \null;
      ensures handle_kept: xengntdev_handle_ok(xgt);
      ensures errno_on_failure: \result == \null ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
void *xengnttab_map_domain_grant_refs(xengnttab_handle *xgt, uint32_t count,
                                      uint32_t domid, uint32_t *refs,
                                      int prot);

/*@ requires handle: xgt == \null || xengntdev_handle_ok(xgt);
    requires handle_live: xgt == \null || xengntdev_handle_live(xgt);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1],
            xgt->maps, gnttab_mapping_arena[0 .. GNTTAB_ARENA_LEN - 1];
    behavior invalid_handle:
      assumes invalid: !xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assigns errno;
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior bad_arguments:
      assumes valid: xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assumes bad: start_address == \null;
      assigns errno;
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior unmap:
      assumes valid: xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assumes given: start_address != \null;
      ensures handle_kept: xengntdev_handle_core(xgt);
      ensures logger_apart: xengntdev_handle_logger_apart(xgt);
      ensures logger_vmessage: xengntdev_handle_logger_vmessage(xgt);
      ensures logger_progress: xengntdev_handle_logger_progress(xgt);
      ensures logger_destroy: xengntdev_handle_logger_destroy(xgt);
      ensures result: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xengnttab_unmap(xengnttab_handle *xgt, void *start_address,
                    uint32_t count);

/* ---- exported: gntshr.c ---- */

/*@ requires handle: xgs == \null || xengntdev_handle_ok(xgs);
    requires handle_live: xgs == \null || xengntdev_handle_live(xgs);
    requires refs_valid: refs == \null || count <= 0 || \valid(refs + (0 .. count - 1));
    requires refs_separated: refs == \null || count <= 0 ||
      (\separated(refs + (0 .. count - 1), xgs, &errno) &&
       \base_addr(refs) != \base_addr(&gnttab_mapping_arena[0]));
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1],
            xgs->maps, gnttab_mapping_arena[0 .. GNTTAB_ARENA_LEN - 1], refs[0 .. count - 1];
    behavior invalid_handle:
      assumes invalid: !xengntdev_handle_valid(xgs, GNTTAB_KIND_GNTSHR);
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior bad_arguments:
      assumes valid: xengntdev_handle_valid(xgs, GNTTAB_KIND_GNTSHR);
      assumes bad: count <= 0 || refs == \null || domid > UINT16_MAX;
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior share:
      assumes valid: xengntdev_handle_valid(xgs, GNTTAB_KIND_GNTSHR);
      assumes args: count > 0 && refs != \null && domid <= UINT16_MAX;
      ensures handle_kept: xengntdev_handle_ok(xgs);
      ensures errno_on_failure: \result == \null ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
void *xengntshr_share_pages(xengntshr_handle *xgs, uint32_t domid,
                             int count, uint32_t *refs, int writable);

/*@ requires handle: xgs == \null || xengntdev_handle_ok(xgs);
    requires handle_live: xgs == \null || xengntdev_handle_live(xgs);
    requires ref_valid: ref == \null || \valid(ref);
    requires ref_separated: ref == \null ||
      (\separated(ref, xgs, &errno) &&
       \base_addr(ref) != \base_addr(&gnttab_mapping_arena[0]));
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1],
            xgs->maps, gnttab_mapping_arena[0 .. GNTTAB_ARENA_LEN - 1], *ref;
    behavior invalid_handle:
      assumes invalid: !xengntdev_handle_valid(xgs, GNTTAB_KIND_GNTSHR);
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior bad_arguments:
      assumes valid: xengntdev_handle_valid(xgs, GNTTAB_KIND_GNTSHR);
      assumes bad: ref == \null || domid > UINT16_MAX;
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior share:
      assumes valid: xengntdev_handle_valid(xgs, GNTTAB_KIND_GNTSHR);
      assumes args: ref != \null && domid <= UINT16_MAX;
      ensures handle_kept: xengntdev_handle_ok(xgs);
      ensures errno_on_failure: \result == \null ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
void *xengntshr_share_page_notify(xengntshr_handle *xgs, uint32_t domid,
                                   uint32_t *ref, int writable,
                                   uint32_t notify_offset,
                                   evtchn_port_t notify_port);

/*@ requires handle: xgs == \null || xengntdev_handle_ok(xgs);
    requires handle_live: xgs == \null || xengntdev_handle_live(xgs);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1],
            xgs->maps, gnttab_mapping_arena[0 .. GNTTAB_ARENA_LEN - 1];
    behavior invalid_handle:
      assumes invalid: !xengntdev_handle_valid(xgs, GNTTAB_KIND_GNTSHR);
      assigns errno;
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior bad_arguments:
      assumes valid: xengntdev_handle_valid(xgs, GNTTAB_KIND_GNTSHR);
      assumes bad: start_address == \null;
      assigns errno;
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior unshare:
      assumes valid: xengntdev_handle_valid(xgs, GNTTAB_KIND_GNTSHR);
      assumes given: start_address != \null;
      ensures handle_kept: xengntdev_handle_core(xgs);
      ensures logger_apart: xengntdev_handle_logger_apart(xgs);
      ensures logger_vmessage: xengntdev_handle_logger_vmessage(xgs);
      ensures logger_progress: xengntdev_handle_logger_progress(xgs);
      ensures logger_destroy: xengntdev_handle_logger_destroy(xgs);
      ensures result: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xengntshr_unshare(xengntshr_handle *xgs, void *start_address,
                      uint32_t count);


#endif /* XENGNTTAB_ACSL_H */
