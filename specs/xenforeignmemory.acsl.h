/*
 * xenforeignmemory.acsl.h - contracts of libxenforeignmemory
 * (force-included when src/foreignmemory/ is analysed; the public header
 * stays contract-free).  Contracts of the static helpers: specs/fmem_<file>
 * .acsl.h, included by each source under __FRAMAC__.
 *
 * Model of the world:
 *  - Memory the library allocates lives, for the proofs, in modelling
 *    regions the C code never names (WP 25 does not implement \fresh, so
 *    a contract could not otherwise say what an allocation lets it write):
 *    handles in fmem_handle_heap, resource records in fmem_resource_heap,
 *    registry arrays in fmem_maps_pool, map2's scratch err[] in
 *    fmem_scratch_pool.
 *  - The resource records of a handle form a NULL-terminated list;
 *    fmem_res_list_ok is its invariant, axiomatised one step at a time
 *    (as toolcore's registry_ok) and ASSUMED of the handles a client
 *    passes in.
 *  - TRUSTED, each with a model in specs/models/xenforeignmemory.c: the
 *    OS layer (src/foreignmemory/linux.c) and src/foreignmemory/seam.c.
 *  - libxentoollog and libxentoolcore: their contracts from
 *    specs/xentoollog.acsl.h / specs/xentoolcore.acsl.h, proven there.
 */
#ifndef XENFOREIGNMEMORY_ACSL_H
#define XENFOREIGNMEMORY_ACSL_H

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <pthread.h>
#include <sys/mman.h>
#include "fmem_private.h"
#include "xentoolcore.acsl.h"
#include "xentoollog.acsl.h"

#define FMEM_HEAP 1024
#define FMEM_POOL (1u << 20)

extern xenforeignmemory_handle fmem_handle_heap[FMEM_HEAP];
extern xenforeignmemory_resource_handle fmem_resource_heap[FMEM_HEAP];
extern struct fmem_mapping fmem_maps_pool[FMEM_POOL];
extern int fmem_scratch_pool[FMEM_POOL];

/*@ axiomatic FmemResources {
      predicate fmem_res_list_ok{L}(xenforeignmemory_resource_handle *r)
        reads r->next;
      axiom fmem_res_list_null{L}: fmem_res_list_ok(\null);
      axiom fmem_res_list_step{L}:
        \forall xenforeignmemory_resource_handle *r;
          fmem_res_list_ok(r) && r != \null ==>
            (\exists integer i; 0 <= i < FMEM_HEAP &&
               r == &fmem_resource_heap[i]) &&
            fmem_res_list_ok(r->next);
      // Only the records' links matter: a list stays one across any
      // change of memory that keeps every record's next field.
      axiom fmem_res_list_frame{L1,L2}:
        \forall xenforeignmemory_resource_handle *r;
          fmem_res_list_ok{L1}(r) &&
          (\forall integer i; 0 <= i < FMEM_HEAP ==>
             \at(fmem_resource_heap[i].next, L1) ==
             \at(fmem_resource_heap[i].next, L2)) ==>
          fmem_res_list_ok{L2}(r);
    }

    predicate fmem_logger_ok(xentoollog_logger *l) =
      l == \null ||
      (xtl_logger_ok(l) &&
       \separated(l, fmem_resource_heap + (0 .. FMEM_HEAP - 1)) &&
       \separated(l, fmem_maps_pool + (0 .. FMEM_POOL - 1)) &&
       \separated(l, fmem_scratch_pool + (0 .. FMEM_POOL - 1)));

    predicate fmem_registry_ok(xenforeignmemory_handle *x) =
      x->nr_maps <= x->cap_maps && x->cap_maps <= FMEM_POOL &&
      (x->cap_maps > 0 ==>
         \valid(x->maps + (0 .. x->cap_maps - 1)) &&
         \subset(x->maps + (0 .. x->cap_maps - 1),
                 fmem_maps_pool + (0 .. FMEM_POOL - 1)));

    // What any handle pointer the library hands out satisfies (also one
    // caught half-built by its teardown).
    predicate fmem_shape(xenforeignmemory_handle *x) =
      \valid(x) &&
      \separated(x, fmem_scratch_pool + (0 .. FMEM_POOL - 1)) &&
      \separated(x, fmem_maps_pool + (0 .. FMEM_POOL - 1)) &&
      \separated(x, fmem_resource_heap + (0 .. FMEM_HEAP - 1)) &&
      fmem_logger_ok(x->logger) && fmem_logger_ok(x->logger_tofree) &&
      (x->logger != \null ==> \separated(x, x->logger)) &&
      (x->logger_tofree != \null ==> \separated(x, x->logger_tofree)) &&
      1 <= x->batch_pages <= FMEM_BATCH_PAGES &&
      x->v2_pages <= x->batch_pages &&
      fmem_registry_ok(x) && fmem_res_list_ok(x->resources);

    // A caller's err[] of map/map2 (when not NULL): pages writable ints,
    // apart from the frames, the handle and the registry arrays.
    predicate fmem_errs_ok(int *err, xen_pfn_t *arr,
                           xenforeignmemory_handle *x, integer pages) =
      \valid(err + (0 .. pages - 1)) &&
      \separated(err + (0 .. pages - 1), arr + (0 .. pages - 1)) &&
      \separated(err + (0 .. pages - 1), x) &&
      \separated(err + (0 .. pages - 1), fmem_maps_pool + (0 .. FMEM_POOL - 1));

    // Mirrors xenforeignmemory_handle_is_valid (src/foreignmemory/fmem_private.h).
    predicate fmem_ok(xenforeignmemory_handle *x) = x != \null && x->fd >= 0;

    predicate fmem_valid(xenforeignmemory_handle *x) =
      fmem_shape(x) && fmem_ok(x);
*/

/*@ requires null_or_valid: fmem == \null || \valid_read(fmem);
    assigns \nothing;
    ensures valid: \result != 0 <==> fmem_ok(fmem);
*/
static inline int xenforeignmemory_handle_is_valid(const xenforeignmemory_handle *fmem);

/* ---- OS layer (linux.c): TRUSTED ---- */

/*@ assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int fmem_os_open(void);

/*@ assigns errno;
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int fmem_os_close(int fd);

/*@ assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
long fmem_os_probe_unimplemented(int fd);

/*@ assigns errno;
    ensures fixed: \result != \null && (flags & MAP_FIXED) != 0 ==>
                   \result == addr;
    ensures errno_on_failure: \result == \null ==> errno > 0;
*/
void *fmem_os_map(int fd, void *addr, size_t bytes, int prot, int flags);

/*@ assigns errno;
    ensures errno_on_failure: \result == \null ==> errno > 0;
*/
void *fmem_os_reserve(void *addr, size_t bytes, int flags);

/*@ assigns errno;
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int fmem_os_unmap(void *addr, size_t bytes);

/*@ requires num_positive: num > 0;
    requires arr_valid: \valid_read(arr + (0 .. num - 1));
    requires err_valid: \valid(err + (0 .. num - 1));
    requires separated: \separated(err + (0 .. num - 1), arr + (0 .. num - 1));
    assigns errno, err[0 .. num - 1];
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
long fmem_os_mmapbatch(int fd, domid_t dom, void *addr,
                       const xen_pfn_t *arr, int *err, unsigned int num);

/* The request is read, never written (V2 reports through err[] only). */
/*@ requires req_valid: \valid_read(req);
    requires num_positive: req->num > 0;
    requires arr_valid: \valid_read(req->arr + (0 .. req->num - 1));
    requires err_valid: \valid(req->err + (0 .. req->num - 1));
    requires separated:
      \separated(req->err + (0 .. req->num - 1), req->arr + (0 .. req->num - 1));
    requires req_apart: \separated(req, req->err + (0 .. req->num - 1));
    assigns errno, req->err[0 .. req->num - 1];
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
long fmem_os_batch(int fd, struct fmem_batch *req);

/*@ requires num_positive: num > 0;
    requires arr_valid: \valid_read(arr + (0 .. num - 1));
    requires err_valid: \valid(err + (0 .. num - 1));
    requires separated: \separated(err + (0 .. num - 1), arr + (0 .. num - 1));
    assigns errno, err[0 .. num - 1];
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
long fmem_os_mmapbatch_v1(int fd, domid_t dom, void *addr,
                          const xen_pfn_t *arr, int *err, unsigned int num);

/*@ requires num_valid: \valid(num);
    assigns errno, *num;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
    ensures num_kept_on_failure: \result == -1 ==> *num == \old(*num);
*/
long fmem_os_mmap_resource(int fd, domid_t dom, unsigned int type,
                           unsigned int id, uint32_t idx, uint64_t *num,
                           void *addr);

/*@ assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
long fmem_os_restrict(int fd, domid_t domid);

/*@ assigns \nothing; */
void fmem_os_pause(unsigned int attempt);

/* ---- seam.c: TRUSTED ---- */

/*@ assigns errno, fmem_handle_heap[0 .. FMEM_HEAP - 1];
    ensures fresh: \result == \null ||
      (\subset(\result, fmem_handle_heap + (0 .. FMEM_HEAP - 1)) &&
       fmem_shape(\result) && \result->fd == -1 &&
       \result->tc_ah.restrict_callback == cb &&
       \result->logger == \null && \result->logger_tofree == \null &&
       \result->tc_ah.entry.le_next == \null &&
       \result->tc_ah.entry.le_prev == \null &&
       \result->nr_maps == 0 && \result->cap_maps == 0 &&
       \result->maps == \null && \result->resources == \null &&
       !toolcore_registered(&\result->tc_ah) &&
       \separated(\result, &errno, &toolcore_registry_head,
                  &toolcore_registry_lock) &&
       (toolcore_registry_head == \null ||
        \separated(\result, toolcore_registry_head)));
    ensures errno_on_failure: \result == \null ==> errno == ENOMEM;
*/
xenforeignmemory_handle *fmem_handle_alloc(Xentoolcore__Restrict_Callback *cb);

/*@ requires handle: \valid(fmem);
    assigns \nothing;
*/
void fmem_handle_release(xenforeignmemory_handle *fmem);

/* Only xenforeignmemory_open installs fmem_restrict_callback, in the
 * tc_ah member of a handle: the record the registry passes back is in
 * one. */
/*@ requires ah_valid: \valid_read(ah);
    assigns \nothing;
    ensures containing: \valid(\result) && &\result->tc_ah == ah;
*/
xenforeignmemory_handle *fmem_handle_of(Xentoolcore__Active_Handle *ah);

/*@ assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1], tzname[0..1],
            timezone, daylight;
    ensures logger: \result == \null || fmem_logger_ok(\result);
    ensures apart: \result == \null ||
      \base_addr(\result) != \base_addr(&fmem_handle_heap[0]);
*/
xentoollog_logger *fmem_default_logger(void);

/*@ requires logger_ok: fmem_logger_ok(logger);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
    ensures errno_kept: errno == \old(errno);
*/
void fmem_log_error(xentoollog_logger *logger, enum fmem_log_msg msg);

/*@ assigns \nothing;
    ensures range: 1 <= \result <= FMEM_BATCH_PAGES;
*/
size_t fmem_batch_pages_from_env(void);

/*@ requires handle: \valid_read(fmem);
    assigns \nothing;
    ensures value: \result == (fmem->v2_pages == 0 ? 1 : 0);
*/
int fmem_v1_get(const xenforeignmemory_handle *fmem);

/*@ requires handle: \valid(fmem);
    assigns fmem->v2_pages;
    ensures cleared: fmem->v2_pages == 0;
*/
void fmem_v1_set(xenforeignmemory_handle *fmem);

/*@ requires handle: \valid_read(fmem);
    assigns \nothing;
    ensures value: \result == fmem->v2_pages;
*/
size_t fmem_v2_pages(const xenforeignmemory_handle *fmem);

/*@ assigns errno;
    ensures scratch: \result == \null ||
      (pages <= FMEM_POOL && \valid(\result + (0 .. pages - 1)) &&
       \subset(\result + (0 .. pages - 1), fmem_scratch_pool + (0 .. FMEM_POOL - 1)));
    ensures errno_on_failure: \result == \null ==> errno == ENOMEM;
*/
int *fmem_scratch_alloc(size_t pages);

/*@ requires scratch_valid: \valid(scratch);
    assigns \nothing;
*/
void fmem_scratch_free(int *scratch);

/*@ requires old_ok: cap > 0;
    requires keep_range: keep <= cap;
    requires kept_valid: keep > 0 ==> maps != \null &&
                         \valid_read(maps + (0 .. keep - 1));
    assigns errno, fmem_maps_pool[0 .. FMEM_POOL - 1];
    ensures array: \result == \null ||
      (cap <= FMEM_POOL && \valid(\result + (0 .. cap - 1)) &&
       \subset(\result + (0 .. cap - 1), fmem_maps_pool + (0 .. FMEM_POOL - 1)));
    ensures kept: \result != \null ==>
      \forall integer i; 0 <= i < keep ==>
        \result[i].addr == \old(maps[i].addr) &&
        \result[i].pages == \old(maps[i].pages);
    ensures pool_kept_on_failure: \result == \null ==>
      \forall integer i; 0 <= i < FMEM_POOL ==>
        fmem_maps_pool[i].addr == \old(fmem_maps_pool[i].addr) &&
        fmem_maps_pool[i].pages == \old(fmem_maps_pool[i].pages);
    ensures errno_on_failure: \result == \null ==> errno == ENOMEM;
*/
struct fmem_mapping *fmem_maps_realloc(struct fmem_mapping *maps,
                                       size_t keep, size_t cap);

/*@ assigns errno, fmem_resource_heap[0 .. FMEM_HEAP - 1];
    ensures record: \result == \null ||
      (\subset(\result, fmem_resource_heap + (0 .. FMEM_HEAP - 1)) &&
       \valid(\result) && \result->next == \null);
    ensures errno_on_failure: \result == \null ==> errno == ENOMEM;
*/
xenforeignmemory_resource_handle *fmem_resource_alloc(void);

/*@ requires record: \valid(fres);
    assigns \nothing;
*/
void fmem_resource_free(xenforeignmemory_resource_handle *fres);

/*@ requires handle: \valid(fmem);
    assigns fmem->resources, fmem->maps, fmem->nr_maps, fmem->cap_maps;
    ensures cleared: fmem->resources == \null && fmem->maps == \null &&
                     fmem->nr_maps == 0 && fmem->cap_maps == 0;
*/
void fmem_registry_clear(xenforeignmemory_handle *fmem);

/* ---- registry.c ---- */

/*@ requires handle: fmem_shape(fmem);
    assigns errno, fmem->lock, fmem->maps, fmem->nr_maps, fmem->cap_maps,
            fmem_maps_pool[0 .. FMEM_POOL - 1];
    ensures shape: fmem_shape(fmem);
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno == ENOMEM;
*/
int fmem_registry_add(xenforeignmemory_handle *fmem, uintptr_t addr,
                      size_t pages);

/* The contract names none of the modelling regions: WP's typed model
 * would otherwise assume fres (a record of fmem_resource_heap) apart from
 * them and make the caller's continuation dead. */
/*@ requires handle: \valid(fmem);
    requires record: \valid(fres) && \separated(fres, fmem);
    assigns fmem->lock, fmem->resources, fres->next;
    ensures linked_first: fmem->resources == fres;
    ensures rest_kept: fres->next == \old(fmem->resources);
*/
void fmem_resource_register(xenforeignmemory_handle *fmem,
                            xenforeignmemory_resource_handle *fres);

/* ---- exported: handle.c ---- */

/* The caller's logger is its own object: not in the memory handles come
 * from, and not a record linked into libxentoolcore's registry
 * (registering the new handle writes the back link of the record at the
 * head, and the logger's vtable must survive that; true of any real
 * logger, but WP's memory model cannot know that two distinct C objects
 * do not overlap). */
/*@ requires logger_ok: fmem_logger_ok(logger);
    requires logger_apart: logger == \null ||
      \base_addr(logger) != \base_addr(&fmem_handle_heap[0]);
    requires logger_unlinked: logger == \null ||
      toolcore_registry_head == \null ||
      \separated(logger, toolcore_registry_head);
    assigns errno, fmem_handle_heap[0 .. FMEM_HEAP - 1],
            toolcore_registry_head, toolcore_registry_lock,
            toolcore_registry_head->entry.le_prev,
            __fc_fopen[0 .. __FC_FOPEN_MAX - 1], tzname[0..1], timezone,
            daylight;
    ensures result: \result == \null || fmem_valid(\result);
    ensures errno_on_failure: \result == \null ==> errno > 0;
*/
xenforeignmemory_handle *xenforeignmemory_open(struct xentoollog_logger *logger,
                                               unsigned open_flags);

/*@ requires handle: fmem == \null || fmem_shape(fmem);
    requires separated: fmem != \null ==> \separated(fmem, &errno);
    assigns errno, fmem->tc_ah.entry,
            toolcore_registry_lock, fmem->tc_ah.entry.le_next->entry.le_prev,
            *fmem->tc_ah.entry.le_prev, fmem->resources, fmem->maps,
            fmem->nr_maps, fmem->cap_maps, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
    behavior null_handle:
      assumes null: fmem == \null;
      assigns \nothing;
      ensures result: \result == 0;
    behavior close:
      assumes given: fmem != \null;
      ensures result_range: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xenforeignmemory_close(xenforeignmemory_handle *fmem);

/*@ requires handle: fmem == \null || \valid_read(fmem);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !fmem_ok(fmem);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: fmem_ok(fmem);
      ensures result_range: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xenforeignmemory_restrict(xenforeignmemory_handle *fmem, domid_t domid);

/* ---- exported: map.c ---- */

/*@ requires handle: fmem == \null || fmem_valid(fmem);
    requires frames: arr == \null || \valid_read(arr + (0 .. pages - 1));
    requires frames_apart: arr == \null ||
      \separated(arr + (0 .. pages - 1), fmem_scratch_pool + (0 .. FMEM_POOL - 1));
    requires errs: err == \null ||
      fmem_errs_ok(err, (xen_pfn_t *)arr, fmem, pages);
    assigns errno, err[0 .. pages - 1], fmem_scratch_pool[0 .. FMEM_POOL - 1],
            fmem->v2_pages, fmem->lock, fmem->maps, fmem->nr_maps,
            fmem->cap_maps, fmem_maps_pool[0 .. FMEM_POOL - 1];
    behavior null_handle:
      assumes null: fmem == \null;
      assigns errno;
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior bad_request:
      assumes given: fmem != \null;
      assumes bad: pages == 0 || arr == \null || dom > UINT16_MAX;
      assigns errno;
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior map:
      assumes given: fmem != \null;
      assumes good: pages > 0 && arr != \null && dom <= UINT16_MAX;
      ensures shape: fmem_valid(fmem);
      ensures errno_on_failure: \result == \null ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
void *xenforeignmemory_map2(xenforeignmemory_handle *fmem, uint32_t dom,
                            void *addr, int prot, int flags, size_t pages,
                            const xen_pfn_t arr[], int err[]);

/*@ requires handle: fmem == \null || fmem_valid(fmem);
    requires frames: arr == \null || \valid_read(arr + (0 .. pages - 1));
    requires frames_apart: arr == \null ||
      \separated(arr + (0 .. pages - 1), fmem_scratch_pool + (0 .. FMEM_POOL - 1));
    requires errs: err == \null ||
      fmem_errs_ok(err, (xen_pfn_t *)arr, fmem, pages);
    assigns errno, err[0 .. pages - 1], fmem_scratch_pool[0 .. FMEM_POOL - 1],
            fmem->v2_pages, fmem->lock, fmem->maps, fmem->nr_maps,
            fmem->cap_maps, fmem_maps_pool[0 .. FMEM_POOL - 1];
    behavior null_handle:
      assumes null: fmem == \null;
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior bad_request:
      assumes given: fmem != \null;
      assumes bad: pages == 0 || arr == \null || dom > UINT16_MAX;
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior map:
      assumes given: fmem != \null;
      assumes good: pages > 0 && arr != \null && dom <= UINT16_MAX;
      ensures shape: fmem_valid(fmem);
      ensures errno_on_failure: \result == \null ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
void *xenforeignmemory_map(xenforeignmemory_handle *fmem, uint32_t dom,
                           int prot, size_t pages, const xen_pfn_t arr[],
                           int err[]);

/*@ requires handle: fmem == \null || fmem_valid(fmem);
    assigns errno, fmem->lock, fmem->nr_maps, fmem_maps_pool[0 .. FMEM_POOL - 1];
    behavior null_handle:
      assumes null: fmem == \null;
      assigns errno;
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior bad_range:
      assumes given: fmem != \null;
      assumes bad: addr == \null || pages == 0;
      assigns errno;
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior unmap:
      assumes given: fmem != \null;
      assumes good: addr != \null && pages > 0;
      ensures shape: fmem_valid(fmem);
      ensures result_range: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xenforeignmemory_unmap(xenforeignmemory_handle *fmem, void *addr,
                           size_t pages);

/* ---- exported: resource.c ---- */

/*@ requires handle: fmem == \null || fmem_shape(fmem);
    requires paddr_ok: paddr == \null || \valid(paddr);
    requires apart: paddr != \null && fmem != \null ==> \separated(paddr, fmem);
    assigns errno, *paddr, fmem->lock, fmem->resources,
            fmem_resource_heap[0 .. FMEM_HEAP - 1];
    behavior invalid:
      assumes invalid: !fmem_ok(fmem) || paddr == \null;
      assigns errno;
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior bad_flags:
      assumes valid: fmem_ok(fmem) && paddr != \null;
      assumes bad: (flags & ~(MAP_SHARED | MAP_PRIVATE)) != 0 || frame > UINT32_MAX;
      assigns errno;
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior map:
      assumes valid: fmem_ok(fmem) && paddr != \null;
      assumes good: (flags & ~(MAP_SHARED | MAP_PRIVATE)) == 0 && frame <= UINT32_MAX;
      ensures record: \result == \null || \valid(\result);
      ensures errno_on_failure: \result == \null ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
xenforeignmemory_resource_handle *xenforeignmemory_map_resource(
    xenforeignmemory_handle *fmem, domid_t domid, unsigned int type,
    unsigned int id, unsigned long frame, unsigned long nr_frames,
    void **paddr, int prot, int flags);

/*@ requires handle: fmem == \null || fmem_shape(fmem);
    assigns errno, fmem->lock, fmem->resources,
            fmem_resource_heap[0 .. FMEM_HEAP - 1].next;
    behavior null_record:
      assumes null: fres == \null;
      assigns \nothing;
      ensures result: \result == 0;
    behavior invalid_handle:
      assumes given: fres != \null;
      assumes invalid: !fmem_ok(fmem);
      assigns errno;
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior release:
      assumes given: fres != \null;
      assumes valid: fmem_ok(fmem);
      ensures result_range: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xenforeignmemory_unmap_resource(xenforeignmemory_handle *fmem,
                                    xenforeignmemory_resource_handle *fres);

/*@ requires handle: fmem == \null || \valid_read(fmem);
    requires size_ok: size == \null || (\valid(size) && \separated(size, fmem));
    assigns errno, *size;
    behavior invalid:
      assumes invalid: !fmem_ok(fmem) || size == \null;
      assigns errno;
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ask:
      assumes valid: fmem_ok(fmem) && size != \null;
      ensures result_range: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xenforeignmemory_resource_size(xenforeignmemory_handle *fmem,
                                   domid_t domid, unsigned int type,
                                   unsigned int id, size_t *size);

#endif /* XENFOREIGNMEMORY_ACSL_H */
