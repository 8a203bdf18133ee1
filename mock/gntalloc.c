/*
 * gntalloc.c - model of Linux's /dev/xen/gntalloc driver
 * (drivers/xen/gntalloc.c): pages of the file's own domain granted to
 * another domain.
 *
 * Semantics modelled:
 *   - ALLOC_GREF allocates `count` zeroed pages of the file's domain (the
 *     allocator of grants.c), grants each to `domid` (read-only unless
 *     GNTALLOC_FLAG_WRITABLE) and returns the references and a file offset
 *     (`index`; offsets are never reused within a file).  More grefs than
 *     the module limit (xm_set_gntalloc_limit) alive at once: ENOSPC.
 *     count 0: EINVAL (the model's choice; Linux grants nothing and the
 *     library's zero-length mmap then fails with EINVAL); a count whose
 *     id array Linux cannot kcalloc (above 4 MiB): ENOMEM;
 *   - mmap at the index maps the pages themselves, shared with the
 *     domain's memory, so a grantee mapping the grant sees every write;
 *   - DEALLOC_GREF needs a live (index, count) range (EINVAL otherwise);
 *     the grefs are then freed as soon as no mapping of them remains;
 *   - a gref is freed (its unmap notification run, its grant ended - or,
 *     if the grantee still maps it, ended at its last unmap) when it is
 *     both deallocated (or its file closed) and unmapped;
 *   - SET_UNMAP_NOTIFY: bad action bits or unbound port: EINVAL; no live
 *     gref at the index: ENOENT.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xen/grant_table.h>
#include <xen/gntalloc.h>

#include "grants.h"

#define GA_MAX_GREFS 1024
#define GA_MAX_MAPS  128

struct ga_gref {
    int in_use;
    int released;              /* DEALLOC_GREF done or file closed */
    uint64_t page_index;       /* file offset / 4096 */
    uint32_t ref;
    uint64_t gfn;
    unsigned int vma_maps;
    uint32_t notify_action, notify_offset, notify_port;
};

struct ga_map {
    int in_use;
    uint64_t first;
    uint32_t count;
};

struct ga_file {
    uint64_t next_index;       /* in pages */
    struct ga_gref grefs[GA_MAX_GREFS];
    struct ga_map maps[GA_MAX_MAPS];
};

/* Module-wide number of live grefs (Linux's gref_size). */
static unsigned int ga_live;

static struct ga_file *ga(struct xm_file *f)
{
    return f->priv;
}

static int gntalloc_open(int fd, struct xm_file *f)
{
    (void)fd;
    f->priv = calloc(1, sizeof(struct ga_file));
    if (f->priv == NULL) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

static struct ga_gref *gref_at(struct ga_file *g, uint64_t page_index)
{
    int i;

    for (i = 0; i < GA_MAX_GREFS; i++)
        if (g->grefs[i].in_use && g->grefs[i].page_index == page_index)
            return &g->grefs[i];
    return NULL;
}

static void gref_free(struct xm_file *f, struct ga_gref *r)
{
    xm_unmap_notify_locked(f->domid, r->gfn,
                           (r->notify_action & UNMAP_NOTIFY_CLEAR_BYTE) != 0,
                           r->notify_offset,
                           (r->notify_action & UNMAP_NOTIFY_SEND_EVENT) != 0,
                           f->domid, r->notify_port);
    /* Ends the grant and frees the page (later, if the grantee maps it). */
    xm_grant_end_locked(f->domid, r->ref);
    memset(r, 0, sizeof(*r));
    ga_live--;
}

static long alloc_gref(struct xm_file *f, struct ioctl_gntalloc_alloc_gref *req)
{
    struct ga_file *g = ga(f);
    struct ga_gref *made[GA_MAX_GREFS];
    uint32_t i, n = 0;
    int slot = 0;

    if (req->count > (4u << 20) / sizeof(uint32_t)) {
        errno = ENOMEM;
        return -1;
    }
    if (req->count == 0 || req->count > GA_MAX_GREFS) {
        errno = req->count == 0 ? EINVAL : ENOSPC;
        return -1;
    }
    if (req->count > xm.gntalloc_limit || ga_live > xm.gntalloc_limit - req->count) {
        errno = ENOSPC;
        return -1;
    }
    for (i = 0; i < req->count; i++) {
        struct ga_gref *r;
        uint64_t gfn;

        while (slot < GA_MAX_GREFS && g->grefs[slot].in_use)
            slot++;
        if (slot == GA_MAX_GREFS) {
            errno = ENOMEM;
            goto undo;
        }
        if (xm_domain_page_alloc_locked(f->domid, &gfn) < 0)
            goto undo;
        r = &g->grefs[slot];
        if (xm_grant_new_locked(f->domid, req->domid, gfn,
                                !(req->flags & GNTALLOC_FLAG_WRITABLE), 1,
                                &r->ref) < 0) {
            int err = errno;
            xm_domain_page_free_locked(f->domid, gfn);
            errno = err;
            goto undo;
        }
        r->in_use = 1;
        r->gfn = gfn;
        r->page_index = g->next_index + i;
        ga_live++;
        made[n++] = r;
    }
    for (i = 0; i < n; i++)
        req->gref_ids[i] = made[i]->ref;
    req->index = g->next_index * XM_PAGE_SIZE;
    g->next_index += req->count;
    return 0;

undo: {
        int err = errno;
        while (n > 0) {
            struct ga_gref *r = made[--n];
            xm_grant_end_locked(f->domid, r->ref);
            memset(r, 0, sizeof(*r));
            ga_live--;
        }
        errno = err;
        return -1;
    }
}

/* 1 if every page of [first, first+count) is a live, undeallocated gref. */
static int range_live(struct ga_file *g, uint64_t first, uint64_t count)
{
    uint64_t p;

    if (count == 0)
        return 0;
    for (p = first; p < first + count; p++) {
        struct ga_gref *r = gref_at(g, p);
        if (r == NULL || r->released)
            return 0;
    }
    return 1;
}

static long dealloc_gref(struct xm_file *f,
                         const struct ioctl_gntalloc_dealloc_gref *req)
{
    struct ga_file *g = ga(f);
    uint64_t p, first = req->index / XM_PAGE_SIZE;

    if (req->index % XM_PAGE_SIZE != 0 || !range_live(g, first, req->count)) {
        errno = EINVAL;
        return -1;
    }
    for (p = first; p < first + req->count; p++) {
        struct ga_gref *r = gref_at(g, p);
        r->released = 1;
        if (r->vma_maps == 0)
            gref_free(f, r);
    }
    return 0;
}

static long set_unmap_notify(struct xm_file *f,
                             const struct ioctl_gntalloc_unmap_notify *req)
{
    struct ga_gref *r;

    if (req->action & ~(uint32_t)(UNMAP_NOTIFY_CLEAR_BYTE | UNMAP_NOTIFY_SEND_EVENT)) {
        errno = EINVAL;
        return -1;
    }
    if ((req->action & UNMAP_NOTIFY_SEND_EVENT) &&
        !xm_port_bound_locked(f->domid, req->event_channel_port)) {
        errno = EINVAL;
        return -1;
    }
    r = gref_at(ga(f), req->index / XM_PAGE_SIZE);
    if (r == NULL || r->released) {
        errno = ENOENT;
        return -1;
    }
    r->notify_action = req->action;
    r->notify_offset = (uint32_t)(req->index % XM_PAGE_SIZE);
    r->notify_port = req->event_channel_port;
    return 0;
}

static long gntalloc_ioctl(int fd, struct xm_file *f, unsigned long req, void *arg)
{
    (void)fd;
    switch (req) {
    case IOCTL_GNTALLOC_ALLOC_GREF:
        return xm_user_arg_bad(arg) ? -1 : alloc_gref(f, arg);
    case IOCTL_GNTALLOC_DEALLOC_GREF:
        return xm_user_arg_bad(arg) ? -1 : dealloc_gref(f, arg);
    case IOCTL_GNTALLOC_SET_UNMAP_NOTIFY:
        return xm_user_arg_bad(arg) ? -1 : set_unmap_notify(f, arg);
    default:
        errno = ENOTTY;
        return -1;
    }
}

static int gntalloc_mmap(int fd, struct xm_file *f, void *addr, size_t len,
                         int prot, off_t offset, uint64_t *cookie)
{
    struct ga_file *g = ga(f);
    uint64_t first = (uint64_t)offset / XM_PAGE_SIZE, count = len / XM_PAGE_SIZE;
    uint64_t p;
    int m;

    (void)fd;
    if (offset < 0 || offset % XM_PAGE_SIZE != 0 || len % XM_PAGE_SIZE != 0 ||
        !range_live(g, first, count)) {
        errno = EINVAL;
        return -1;
    }
    for (m = 0; m < GA_MAX_MAPS && g->maps[m].in_use; m++)
        ;
    if (m == GA_MAX_MAPS) {
        errno = ENOMEM;
        return -1;
    }
    for (p = 0; p < count; p++)
        if (xm_domain_map_gfn_locked(f->domid, gref_at(g, first + p)->gfn,
                                     (char *)addr + p * XM_PAGE_SIZE, prot) < 0)
            return -1;
    for (p = 0; p < count; p++)
        gref_at(g, first + p)->vma_maps++;
    g->maps[m].in_use = 1;
    g->maps[m].first = first;
    g->maps[m].count = (uint32_t)count;
    *cookie = (uint64_t)m;
    return 0;
}

static void gntalloc_munmap(struct xm_file *f, void *addr, size_t len,
                            uint64_t cookie)
{
    struct ga_file *g = ga(f);
    struct ga_map *m;
    uint64_t p;

    (void)addr;
    (void)len;
    if (cookie >= GA_MAX_MAPS || !g->maps[cookie].in_use) {
        xm_violation_locked("gntalloc: munmap of an unknown mapping");
        return;
    }
    m = &g->maps[cookie];
    for (p = m->first; p < m->first + m->count; p++) {
        struct ga_gref *r = gref_at(g, p);
        if (r == NULL || r->vma_maps == 0)
            continue;
        if (--r->vma_maps == 0 && r->released)
            gref_free(f, r);
    }
    memset(m, 0, sizeof(*m));
}

static void gntalloc_release(int fd, struct xm_file *f)
{
    struct ga_file *g = ga(f);
    int i;

    (void)fd;
    for (i = 0; i < GA_MAX_GREFS; i++) {
        struct ga_gref *r = &g->grefs[i];
        if (!r->in_use)
            continue;
        r->released = 1;
        if (r->vma_maps == 0)
            gref_free(f, r);
    }
}

static void gntalloc_check(void)
{
    int fd, i;

    for (fd = 0; fd < XM_MAX_FDS; fd++) {
        struct xm_file *f = xm_local.files[fd];
        if (f == NULL || f->kind != XM_KIND_GNTALLOC)
            continue;
        for (i = 0; i < GA_MAX_GREFS; i++) {
            const struct ga_gref *r = &ga(f)->grefs[i];
            if (r->in_use)
                xm_violation_locked("gntalloc fd %d: gref %u at index %#llx "
                                    "still allocated%s", fd, r->ref,
                                    (unsigned long long)r->page_index * XM_PAGE_SIZE,
                                    r->released ? " (deallocated, still mapped)" : "");
        }
    }
}

static void gntalloc_reset(void)
{
    ga_live = 0;
}

const struct xm_device_ops xm_gntalloc_ops = {
    .kind = XM_KIND_GNTALLOC,
    .name = "gntalloc",
    .open = gntalloc_open,
    .ioctl = gntalloc_ioctl,
    .mmap = gntalloc_mmap,
    .munmap = gntalloc_munmap,
    .release = gntalloc_release,
    .check = gntalloc_check,
    .reset = gntalloc_reset,
};
