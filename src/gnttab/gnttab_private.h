/*
 * gnttab_private.h - internals of libxengnttab (gnttab and gntshr).
 */
#ifndef GNTTAB_PRIVATE_H
#define GNTTAB_PRIVATE_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "xengnttab.h"
#include <xen/gntdev.h> /* after xengnttab.h: needs grant_ref_t, domid_t */
#include "xentoolcore_internal.h"
#include "xentoollog.h"

/* One mapping this handle made and has not unmapped yet. */
struct gnttab_mapping {
    void *addr;
    uint64_t index;     /* kernel slot (file offset) of a gnttab mapping */
    uint32_t count;     /* pages */
    int needs_dealloc;  /* gntshr: DEALLOC_GREF still owed (it failed at
                           share time; retried at unshare) */
};

/*
 * The per-handle registry of live mappings, so that unmap can refuse
 * addresses the handle never mapped.  `lock` makes map/unmap from several
 * threads safe; the kernel calls themselves run outside it.
 */
struct gnttab_registry {
    pthread_mutex_t lock;
    struct gnttab_mapping *entries;
    size_t used, capacity;
};

enum gnttab_kind { GNTTAB_KIND_GNTTAB, GNTTAB_KIND_GNTSHR };

/* The registry first: its lock is then at the handle's own address, and
 * map/unmap need no second pointer kept across their calls. */
struct xengntdev_handle {
    struct gnttab_registry maps;
    Xentoolcore__Active_Handle tc_ah;  /* registry record (gnttab only) */
    int fd;                            /* gntdev or gntalloc, owned */
    enum gnttab_kind kind;
    xentoollog_logger *logger;         /* where errors go */
    xentoollog_logger *logger_tofree;  /* private default logger, or NULL */
};

/* Validity predicate (mirrored by an ACSL predicate in specs/).  Reads
 * only what is fixed at open: the registry belongs to whichever thread
 * holds its lock, and its invariant (used <= capacity) is checked there.
 * (ThreadSanitizer caught the unlocked read this predicate used to make.)
 * The descriptor (fd >= 0) and the logger (non-NULL) need no test: every
 * handle open returns has both, and nothing changes them until close
 * (restrict_all dup2s over the same descriptor number); the contracts
 * carry that as the xengntdev_handle_open invariant.  The kind test
 * alone tells a gnttab handle from a gntshr one. */
static inline int xengntdev_handle_is_valid(const struct xengntdev_handle *h,
                                            enum gnttab_kind kind)
{
    return h != NULL && h->kind == kind;
}

/* ---- handle.c: life cycle shared by both kinds ------------------------- */
struct xengntdev_handle *gnttab_handle_open(xentoollog_logger *logger,
                                            enum gnttab_kind kind);
int gnttab_handle_close(struct xengntdev_handle *h);
/* Record in h's registry a mapping just made (gnttab: no reservation;
 * ENOMEM). */
int gnttab_handle_insert_mapping(struct xengntdev_handle *h, void *addr,
                                 uint64_t index, uint32_t count);
/* Record in h's registry a mapping just made (room reserved before). */
void gnttab_handle_record_mapping(struct xengntdev_handle *h, void *addr,
                                  uint64_t index, uint32_t count,
                                  int needs_dealloc);

/* ---- log.c ------------------------------------------------------------- */
/* Log an error with the current errno (which is preserved).  Cold: the
 * compiler lays every path that logs out of the way of the usual one. */
__attribute__((cold)) void gnttab_log_error(struct xengntdev_handle *h,
                                            const char *msg);

/* ---- registry.c -------------------------------------------------------- */
int gnttab_registry_init(struct gnttab_registry *r);
void gnttab_registry_destroy(struct gnttab_registry *r);
/* Make room for one more entry, so that recording a mapping made by the
 * kernel can never fail afterwards.  ENOMEM. */
int gnttab_registry_reserve(struct gnttab_registry *r);
/* Give back a reservation that will not be filled (the map failed), or
 * the slot of an entry taken for good. */
void gnttab_registry_unreserve(struct gnttab_registry *r);
/* Record a mapping; room must have been reserved. */
void gnttab_registry_add(struct gnttab_registry *r, void *addr,
                         uint64_t index, uint32_t count, int needs_dealloc);
/* gnttab: record a mapping the kernel has just made, growing the array
 * if no entry is free.  ENOMEM (the caller then undoes the mapping).
 * One lock round trip. */
int gnttab_registry_insert(struct gnttab_registry *r, void *addr,
                           uint64_t index, uint32_t count);
/* gnttab: munmap the mapping recorded at addr with exactly `count` pages
 * and free its entry; *index is its kernel slot.  EINVAL if there is no
 * such mapping, munmap's errno if that fails (the entry is kept).  The
 * munmap runs under the lock, so no other thread can take or reuse the
 * entry meanwhile: one lock round trip and nothing to put back. */
int gnttab_registry_unmap(struct gnttab_registry *r, void *addr,
                          uint32_t count, uint64_t *index);
/* Remove the mapping at addr with exactly `count` pages into *out.
 * EINVAL if there is none. */
int gnttab_registry_take(struct gnttab_registry *r, void *addr,
                         uint32_t count, struct gnttab_mapping *out);
/* Put back an entry taken with gnttab_registry_take (its slot is still
 * reserved, so this cannot fail). */
void gnttab_registry_put_back(struct gnttab_registry *r,
                              const struct gnttab_mapping *m);

/* ---- seam.c: allocation and casts (not analysed; trusted contracts) ---- */
/* malloc of a handle, uninitialised but for its restrict callback `cb`
 * and fd -1; NULL (errno ENOMEM) on failure. */
struct xengntdev_handle *gnttab_handle_alloc(Xentoolcore__Restrict_Callback *cb);
/* free. */
void gnttab_handle_release(struct xengntdev_handle *h);
/* The handle whose tc_ah member is `ah` (CONTAINER_OF). */
struct xengntdev_handle *gnttab_handle_of(Xentoolcore__Active_Handle *ah);
/* The private logger of a handle opened without one: the stdio logger on
 * stderr at XTL_PROGRESS, seen through its public vtable; NULL on failure. */
xentoollog_logger *gnttab_default_logger(void);
/* realloc of r->entries from r->capacity to `want` entries
 * (`bytes` bytes, overflow-checked by the caller); the new entries are
 * free (zeroed).  NULL, with `entries` untouched, on failure. */
struct gnttab_mapping *gnttab_entries_grow(const struct gnttab_registry *r,
                                           size_t want, size_t bytes);
/* free of the registry's array. */
void gnttab_entries_free(struct gnttab_mapping *entries);

/* ---- linux.c: the OS layer --------------------------------------------- */
/* Bounded retry of mmap while a granted page is paged out (EAGAIN):
 * upstream retries forever; we give up after this many 1 ms naps. */
#define GNTTAB_EAGAIN_RETRIES 1000u

int gnttab_os_open_gntdev(void);
int gnttab_os_open_gntalloc(void);
int gnttab_os_close(int fd);
/* MAP_GRANT_REF for count grants; domids[i * domid_stride]; *index out. */
long gnttab_os_map_grant_ref(int fd, uint32_t count, const uint32_t *domids,
                             size_t domid_stride, const uint32_t *refs,
                             uint64_t *index);
long gnttab_os_unmap_grant_ref(int fd, uint64_t index, uint32_t count);
long gnttab_os_set_max_grants(int fd, uint32_t count);
long gnttab_os_gntdev_notify(int fd, uint64_t index, uint32_t action,
                             uint32_t port);
long gnttab_os_grant_copy(int fd, uint32_t count,
                          xengnttab_grant_copy_segment_t *segs);
long gnttab_os_dmabuf_exp_from_refs(int fd, uint32_t domid, uint32_t flags,
                                    uint32_t count, const uint32_t *refs,
                                    uint32_t *dmabuf_fd);
long gnttab_os_dmabuf_exp_wait_released(int fd, uint32_t dmabuf_fd,
                                        uint32_t wait_to_ms);
long gnttab_os_dmabuf_imp_to_refs(int fd, uint32_t domid, uint32_t dmabuf_fd,
                                  uint32_t count, uint32_t *refs);
long gnttab_os_dmabuf_imp_release(int fd, uint32_t dmabuf_fd);
long gnttab_os_alloc_gref(int fd, uint16_t domid, int writable,
                          uint32_t count, uint32_t *refs, uint64_t *index);
long gnttab_os_dealloc_gref(int fd, uint64_t index, uint32_t count);
long gnttab_os_gntalloc_notify(int fd, uint64_t index, uint32_t action,
                               uint32_t port);
/* mmap `bytes` of the device at `index`, retrying EAGAIN (bounded). NULL
 * with errno on failure. */
void *gnttab_os_mmap(int fd, size_t bytes, int prot, uint64_t index);
int gnttab_os_munmap(void *addr, size_t bytes);

/* Which notification actions a (offset, port) pair asks for, over a
 * mapping of `bytes` bytes; 0 for none. */
uint32_t gnttab_notify_actions(size_t bytes, uint32_t notify_offset,
                               uint32_t notify_port);

#endif /* GNTTAB_PRIVATE_H */
