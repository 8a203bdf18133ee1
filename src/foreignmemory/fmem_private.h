/*
 * fmem_private.h - internals of libxenforeignmemory.
 */
#ifndef FMEM_PRIVATE_H
#define FMEM_PRIVATE_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "xenforeignmemory.h"
#include "xentoollog.h"
#include "xentoolcore_internal.h"

#define FMEM_LOG_CONTEXT "xenforeignmemory"

/* Largest number of pages per MMAPBATCH request.  The kernel's request
 * counts pages in an unsigned int, so a size_t count must be split anyway;
 * below this size a map is one mmap and one ioctl, as upstream's, the
 * fewest system calls the interface allows (docs/PERFORMANCE.md).  The
 * environment variable VERIXEN_FMEM_BATCH_PAGES (1 .. this value), read
 * at open, lowers it: tests use it to exercise the split path. */
#define FMEM_BATCH_PAGES (1u << 20)

/* Paged-out frames: retries of the still-missing frames, with a pause
 * growing from 100 us to 10 ms (about 0.6 s in all).  Upstream retries
 * forever; a frame that never comes back must not hang the caller. */
#define FMEM_PAGED_RETRIES 64u

/* One range mapped by map/map2 (the per-handle registry): its address
 * (only a key, never dereferenced) and its length in pages. */
struct fmem_mapping {
    uintptr_t addr;
    size_t pages;
};

/* What unmap_resource needs of a resource mapping (the request itself is
 * not kept). */
struct xenforeignmemory_resource_handle {
    unsigned long nr_frames;
    void *addr;
    size_t bytes;              /* mapped at addr, or 0 (a size query) */
    struct xenforeignmemory_resource_handle *next;  /* registry link */
};

struct xenforeignmemory_handle {
    pthread_mutex_t lock;              /* guards the two registries; first,
                                          so that its address is the
                                          handle's (one register less on
                                          the map/unmap paths) */
    Xentoolcore__Active_Handle tc_ah;  /* registry record (restrict_all) */
    xentoollog_logger *logger;         /* where we log */
    xentoollog_logger *logger_tofree;  /* private logger, owned, or NULL */
    int fd;                            /* privcmd, owned */
    int unimpl_errno;                  /* what an unknown ioctl answers */
    size_t batch_pages;                /* pages per request, see above */
    size_t v2_pages;                   /* batch_pages while MMAPBATCH_V2
                                          works, 0 once the handle uses
                                          v1 (set once at open, cleared
                                          at most once; __atomic) */
    struct fmem_mapping *maps;         /* live map/map2 ranges */
    size_t nr_maps, cap_maps;
    xenforeignmemory_resource_handle *resources;  /* live resource maps */
};

/* Validity predicate (mirrored by an ACSL predicate in specs/).  Only the
 * fields fixed at open are read: the registry (nr_maps <= cap_maps) is
 * another thread's to change under `lock`, so its invariant is checked by
 * the registry functions holding it (ThreadSanitizer caught the unlocked
 * read here). */
static inline int xenforeignmemory_handle_is_valid(const xenforeignmemory_handle *fmem)
{
    return fmem != NULL && fmem->fd >= 0;
}

/* ---- seam.c: what the proofs cannot see (not analysed by `make prove`;
 * trusted contracts with proven models in specs/) ------------------------ */

/* A zeroed handle with its mutex initialised, no descriptor (fd -1) and
 * restrict callback cb, or NULL with ENOMEM. */
xenforeignmemory_handle *fmem_handle_alloc(Xentoolcore__Restrict_Callback *cb);
/* Destroy the mutex and free the handle; errno preserved. */
void fmem_handle_release(xenforeignmemory_handle *fmem);
/* The handle whose tc_ah this is (CONTAINER_OF). */
xenforeignmemory_handle *fmem_handle_of(Xentoolcore__Active_Handle *ah);
/* The private stdio logger on stderr, or NULL with errno. */
xentoollog_logger *fmem_default_logger(void);
/* Messages logged through the seam (literal format strings). */
enum fmem_log_msg {
    FMEM_MSG_OPEN_FAILED,      /* failed to open privcmd (with errno) */
    FMEM_MSG_PROBE_ANSWERED,   /* the unimplemented ioctl succeeded */
};
void fmem_log_error(xentoollog_logger *logger, enum fmem_log_msg msg);
/* VERIXEN_FMEM_BATCH_PAGES, if a number in 1 .. FMEM_BATCH_PAGES, else
 * FMEM_BATCH_PAGES. */
size_t fmem_batch_pages_from_env(void);
/* Whether the handle uses v1 (fmem->v2_pages == 0), and the switch to
 * it; fmem->v2_pages itself (map's short-path limit: one compare tells
 * both a request too big for one batch and a v1 handle).  __atomic. */
int fmem_v1_get(const xenforeignmemory_handle *fmem);
void fmem_v1_set(xenforeignmemory_handle *fmem);
size_t fmem_v2_pages(const xenforeignmemory_handle *fmem);
/* malloc of `pages` ints (map2's scratch err[]), or NULL with ENOMEM. */
int *fmem_scratch_alloc(size_t pages);
void fmem_scratch_free(int *scratch);
/* realloc of the mapping registry to `cap` entries, or NULL with ENOMEM
 * (then the old array is untouched); the first `keep` entries (<= the
 * old size) are kept, as realloc does. */
struct fmem_mapping *fmem_maps_realloc(struct fmem_mapping *maps,
                                       size_t keep, size_t cap);
/* A zeroed resource record, or NULL with ENOMEM; and its free(). */
xenforeignmemory_resource_handle *fmem_resource_alloc(void);
void fmem_resource_free(xenforeignmemory_resource_handle *fres);

/* ---- registry.c ------------------------------------------------------- */

/* Record a mapping of `pages` pages at addr: 0, or -1 with ENOMEM.  (xenforeignmemory_unmap, the registry's lookup, is in
 * registry.c too.) */
int fmem_registry_add(xenforeignmemory_handle *fmem, uintptr_t addr,
                      size_t pages);
void fmem_resource_register(xenforeignmemory_handle *fmem,
                            xenforeignmemory_resource_handle *fres);
/* Forget everything (at close; mappings stay, as the kernel keeps them). */
void fmem_registry_clear(xenforeignmemory_handle *fmem);

/* ---- OS layer (linux.c): the only code that talks to the kernel --------- */

int fmem_os_open(void);
int fmem_os_close(int fd);
/* Issue the "unimplemented" ioctl: its result, errno set on failure. */
long fmem_os_probe_unimplemented(int fd);
/* mmap of privcmd (flags | MAP_SHARED): the address, or NULL + errno. */
void *fmem_os_map(int fd, void *addr, size_t bytes, int prot, int flags);
/* Reserve address space (no access) at addr, honouring MAP_FIXED. */
void *fmem_os_reserve(void *addr, size_t bytes, int flags);
int fmem_os_unmap(void *addr, size_t bytes);
long fmem_os_mmapbatch(int fd, domid_t dom, void *addr,
                       const xen_pfn_t *arr, int *err, unsigned int num);
/* The same request, prepared by the caller (laid out as the kernel's
 * privcmd_mmapbatch_v2, checked in linux.c): map's short path fills it
 * before the mmap, so that dom and arr need not live across calls. */
struct fmem_batch {
    unsigned int num;
    domid_t dom;
    uint64_t addr;
    const xen_pfn_t *arr;
    int *err;
};
long fmem_os_batch(int fd, struct fmem_batch *req);
long fmem_os_mmap_resource(int fd, domid_t dom, unsigned int type,
                           unsigned int id, uint32_t idx, uint64_t *num,
                           void *addr);
/* The legacy MMAPBATCH (v1): same contract as fmem_os_mmapbatch (err[]
 * gets 0 or a negative errno for every page: -ENOENT paged out, -EINVAL
 * any other error, which is all v1 can tell), the per-page results being
 * decoded from the error bits the kernel ors into a copy of arr[]. */
long fmem_os_mmapbatch_v1(int fd, domid_t dom, void *addr,
                          const xen_pfn_t *arr, int *err, unsigned int num);
long fmem_os_restrict(int fd, domid_t domid);
/* Sleep before retry `attempt` (0-based) of paged-out frames. */
void fmem_os_pause(unsigned int attempt);

#endif /* FMEM_PRIVATE_H */
