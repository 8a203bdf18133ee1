/*
 * grants.c - the hypervisor's grant tables in the mocked kernel and the
 * grant control functions of xenmock.h.
 *
 * Semantics modelled (Xen's grant_table.c, v1 grants): a grant names one
 * page of the granter, one grantee, and read-only or read-write access;
 * only the grantee may map or copy it; a read-only grant refuses writable
 * maps and copies into it (GNTST_permission_denied); an unknown reference
 * gives GNTST_bad_gntref; a grant cannot be revoked while mapped.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <stdlib.h>
#include <string.h>
#include <xen/grant_table.h>

#include "grants.h"

struct xm_grant_table {
    struct xm_grant e[XM_MAX_GRANT_REFS];
    unsigned int nr_pages;
    unsigned char page_used[];   /* allocator: one byte per gfn */
};

static struct xm_grant_table *table_locked(uint16_t domid, int create)
{
    struct xm_domain *d = xm_domain_get_locked(domid);
    struct xm_grant_table *t;

    if (d == NULL)
        return NULL;
    if (d->grants == NULL && create) {
        /* One block: model_core frees it with free() at teardown. */
        t = calloc(1, sizeof(*t) + d->nr_pages);
        if (t == NULL)
            return NULL;
        t->nr_pages = d->nr_pages;
        d->grants = t;
    }
    return d->grants;
}

struct xm_grant *xm_grant_get_locked(uint16_t granter, uint32_t ref)
{
    struct xm_grant_table *t = table_locked(granter, 0);

    if (t == NULL || ref < XM_FIRST_GRANT_REF || ref >= XM_MAX_GRANT_REFS ||
        !t->e[ref].in_use)
        return NULL;
    return &t->e[ref];
}

int xm_grant_new_locked(uint16_t granter, uint16_t grantee, uint64_t gfn,
                        int readonly, int owns_page, uint32_t *ref)
{
    struct xm_domain *d = xm_domain_get_locked(granter);
    struct xm_grant_table *t;
    uint32_t r;

    if (d == NULL) {
        errno = ESRCH;
        return -1;
    }
    if (gfn >= d->nr_pages) {
        errno = EINVAL;
        return -1;
    }
    t = table_locked(granter, 1);
    if (t == NULL) {
        errno = ENOMEM;
        return -1;
    }
    for (r = XM_FIRST_GRANT_REF; r < XM_MAX_GRANT_REFS; r++) {
        struct xm_grant *g = &t->e[r];

        if (g->in_use)
            continue;
        memset(g, 0, sizeof(*g));
        g->in_use = 1;
        g->grantee = grantee;
        g->readonly = readonly != 0;
        g->gfn = gfn;
        g->owns_page = owns_page;
        *ref = r;
        return 0;
    }
    errno = ENOSPC;
    return -1;
}

static void grant_free_locked(uint16_t granter, struct xm_grant *g)
{
    if (g->owns_page)
        xm_domain_page_free_locked(granter, g->gfn);
    memset(g, 0, sizeof(*g));
}

void xm_grant_end_locked(uint16_t granter, uint32_t ref)
{
    struct xm_grant *g = xm_grant_get_locked(granter, ref);

    if (g == NULL)
        return;
    if (g->map_count > 0)
        g->orphaned = 1;
    else
        grant_free_locked(granter, g);
}

int xm_grant_access_locked(uint16_t granter, uint32_t ref, uint16_t mapper,
                           int write, uint64_t *gfn)
{
    struct xm_grant *g;

    if (xm_domain_get_locked(granter) == NULL)
        return GNTST_bad_domain;
    g = xm_grant_get_locked(granter, ref);
    /* An orphaned grant is being ended: no new users. */
    if (g == NULL || g->orphaned)
        return GNTST_bad_gntref;
    if (g->grantee != mapper || (write && g->readonly))
        return GNTST_permission_denied;
    *gfn = g->gfn;
    return GNTST_okay;
}

void xm_grant_map_get_locked(uint16_t granter, uint32_t ref)
{
    struct xm_grant *g = xm_grant_get_locked(granter, ref);

    if (g != NULL)
        g->map_count++;
}

void xm_grant_map_put_locked(uint16_t granter, uint32_t ref)
{
    struct xm_grant *g = xm_grant_get_locked(granter, ref);

    if (g == NULL || g->map_count == 0) {
        xm_violation_locked("unmap of grant %u of dom%u that is not mapped",
                            ref, granter);
        return;
    }
    if (--g->map_count == 0 && g->orphaned)
        grant_free_locked(granter, g);
}

unsigned char *xm_domain_page_locked(uint16_t domid, uint64_t gfn)
{
    struct xm_domain *d = xm_domain_get_locked(domid);

    if (d == NULL || gfn >= d->nr_pages || d->mem == NULL)
        return NULL;
    return d->mem + gfn * XM_PAGE_SIZE;
}

int xm_domain_page_alloc_locked(uint16_t domid, uint64_t *gfn)
{
    struct xm_grant_table *t = table_locked(domid, 1);
    unsigned int i;

    if (t == NULL) {
        errno = ENOMEM;
        return -1;
    }
    for (i = t->nr_pages; i-- > 0;) {
        if (t->page_used[i])
            continue;
        t->page_used[i] = 1;
        memset(xm_domain_page_locked(domid, i), 0, XM_PAGE_SIZE);
        *gfn = i;
        return 0;
    }
    errno = ENOMEM;
    return -1;
}

void xm_domain_page_free_locked(uint16_t domid, uint64_t gfn)
{
    struct xm_grant_table *t = table_locked(domid, 0);

    if (t == NULL || gfn >= t->nr_pages || !t->page_used[gfn]) {
        xm_violation_locked("free of page %llu of dom%u that is not allocated",
                            (unsigned long long)gfn, domid);
        return;
    }
    t->page_used[gfn] = 0;
}

int xm_port_bound_locked(uint16_t domid, uint32_t port)
{
    struct xm_domain *d = xm_domain_get_locked(domid);

    return d != NULL && port > 0 && port < XM_MAX_PORTS &&
           d->ports[port].state != XM_PORT_FREE;
}

void xm_unmap_notify_locked(uint16_t page_dom, uint64_t gfn, int clear,
                            uint32_t offset, int send, uint16_t port_dom,
                            uint32_t port)
{
    struct xm_domain *d;
    unsigned char *page = xm_domain_page_locked(page_dom, gfn);

    if (clear && page != NULL && offset < XM_PAGE_SIZE)
        page[offset] = 0;
    if (!send)
        return;
    /* The notification is an EVTCHNOP_send on our port: its peer fires. */
    d = xm_domain_get_locked(port_dom);
    if (d != NULL && port > 0 && port < XM_MAX_PORTS &&
        d->ports[port].state == XM_PORT_INTERDOMAIN)
        xm_evtchn_fire_locked(d->ports[port].remote_dom,
                              d->ports[port].remote_port);
}

void xm_grants_check_locked(void)
{
    unsigned int dom, r;

    for (dom = 0; dom < XM_MAX_DOMAINS; dom++) {
        struct xm_grant_table *t = table_locked((uint16_t)dom, 0);

        for (r = XM_FIRST_GRANT_REF; t != NULL && r < XM_MAX_GRANT_REFS; r++)
            if (t->e[r].in_use && t->e[r].map_count > 0)
                xm_violation_locked("grant %u of dom%u still mapped %u time(s)",
                                    r, dom, t->e[r].map_count);
    }
}

/* ---- control API (xenmock.h) ------------------------------------------------ */

int xm_grant_create(uint16_t granter, uint16_t grantee, uint64_t gfn,
                    int readonly, uint32_t *ref)
{
    int rc;

    if (ref == NULL) {
        errno = EINVAL;
        return -1;
    }
    xm_lock();
    xm_ensure_init_locked();
    rc = xm_grant_new_locked(granter, grantee, gfn, readonly, 0, ref);
    xm_unlock();
    return rc;
}

int xm_grant_revoke(uint16_t granter, uint32_t ref)
{
    struct xm_grant *g;
    int rc = -1;

    xm_lock();
    xm_ensure_init_locked();
    g = xm_grant_get_locked(granter, ref);
    if (g == NULL || g->orphaned) {
        errno = ENOENT;
    } else if (g->owns_page) {
        errno = EPERM;      /* gntalloc's grants are ended by gntalloc */
    } else if (g->map_count > 0) {
        errno = EBUSY;
    } else {
        grant_free_locked(granter, g);
        rc = 0;
    }
    xm_unlock();
    return rc;
}

int xm_grant_map_count(uint16_t granter, uint32_t ref)
{
    struct xm_grant *g;
    int rc = -1;

    xm_lock();
    xm_ensure_init_locked();
    g = xm_grant_get_locked(granter, ref);
    if (g == NULL)
        errno = ENOENT;
    else
        rc = (int)g->map_count;
    xm_unlock();
    return rc;
}
