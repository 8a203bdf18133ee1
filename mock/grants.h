/*
 * grants.h - the hypervisor's grant tables in the mocked kernel, shared by
 * the gntdev and gntalloc models (grants.c).  All functions need the model
 * lock.
 *
 * Each domain owns one table (struct xm_domain.grants, one malloc'd block
 * so that model_core can free() it) of XM_MAX_GRANT_REFS entries indexed by
 * grant reference, plus a page allocator over the domain's memory that
 * gntalloc uses.  References below XM_FIRST_GRANT_REF are reserved, as in
 * Xen.
 */
#ifndef XENMOCK_GRANTS_H
#define XENMOCK_GRANTS_H

#include <stdint.h>

#include "model.h"

#define XM_MAX_GRANT_REFS   512u
#define XM_FIRST_GRANT_REF  8u

struct xm_grant {
    int in_use;
    uint16_t grantee;
    int readonly;
    uint64_t gfn;
    unsigned int map_count;   /* live mappings by any mapper */
    int owns_page;            /* page from the allocator: free with the grant */
    int orphaned;             /* owner gave it up while mapped: end it at the
                                 last unmap (Linux's deferred end of access) */
};

/* The grant `ref` of `granter`, or NULL if there is no such live grant. */
struct xm_grant *xm_grant_get_locked(uint16_t granter, uint32_t ref);

/* Create a grant; *ref receives it.  ESRCH (no domain), EINVAL (gfn out of
 * range), ENOSPC (table full). */
int xm_grant_new_locked(uint16_t granter, uint16_t grantee, uint64_t gfn,
                        int readonly, int owns_page, uint32_t *ref);

/* End a grant that nobody maps (or mark it orphaned if mapped). */
void xm_grant_end_locked(uint16_t granter, uint32_t ref);

/* Check that `mapper` may access grant `ref` of `granter` (for writing if
 * `write`): GNTST_okay (0) and *gfn, or a negative GNTST_* code. */
int xm_grant_access_locked(uint16_t granter, uint32_t ref, uint16_t mapper,
                           int write, uint64_t *gfn);

/* A mapping of the grant was made / torn down.  The last unmap of an
 * orphaned grant ends it. */
void xm_grant_map_get_locked(uint16_t granter, uint32_t ref);
void xm_grant_map_put_locked(uint16_t granter, uint32_t ref);

/* The model's view of byte 0 of page `gfn` of `domid` (NULL if none). */
unsigned char *xm_domain_page_locked(uint16_t domid, uint64_t gfn);

/* Page allocator over a domain's memory (gntalloc): a zeroed page, taken
 * from the top of memory down so that tests using low gfns with
 * xm_grant_create are not disturbed.  ENOMEM when none is left. */
int xm_domain_page_alloc_locked(uint16_t domid, uint64_t *gfn);
void xm_domain_page_free_locked(uint16_t domid, uint64_t gfn);

/* Run an unmap notification: clear byte `offset` of page `gfn` of
 * `page_dom` if `clear`, and signal local port `port` of `port_dom` (its
 * peer receives the event) if `send`. */
void xm_unmap_notify_locked(uint16_t page_dom, uint64_t gfn, int clear,
                            uint32_t offset, int send, uint16_t port_dom,
                            uint32_t port);

/* 1 if `port` of `domid` is bound (usable for an unmap notification). */
int xm_port_bound_locked(uint16_t domid, uint32_t port);

/* Report grants still mapped (xm_check_invariants). */
void xm_grants_check_locked(void);

#endif /* XENMOCK_GRANTS_H */
