/*
 * gntdev.c - model of Linux's /dev/xen/gntdev driver (drivers/xen/gntdev.c)
 * over the grant tables of grants.c.
 *
 * Semantics modelled:
 *   - MAP_GRANT_REF reserves a slot of `count` grants in the file's index
 *     space and returns its file offset (`index`, a multiple of 4096); no
 *     grant is checked until the slot is mmapped (as in Linux, where the
 *     hypercall happens at mmap time).  count 0 or above the file's limit:
 *     EINVAL; index space exhausted: ENOMEM;
 *   - mmap at the index with exactly the slot's length maps the granted
 *     pages - real shared memory with the granter's memfd; a slot maps at
 *     most once at a time; a grant that is not ours, unknown, or of an
 *     unknown domain gives EINVAL, a writable map of a read-only grant
 *     EPERM, and a granted page marked paged out with xm_domain_page_out()
 *     EAGAIN (one attempt consumed per mmap, like MMAPBATCH);
 *   - UNMAP_GRANT_REF needs the exact (index, count) of a live slot
 *     (ENOENT otherwise, including a second time, as in Linux); a slot
 *     still mmapped stays until munmap, as in Linux;
 *   - GET_OFFSET_FOR_VADDR finds the gntdev mapping of the process that
 *     contains that address -- made through any gntdev file, as in Linux,
 *     which does not check the mapping's owner;
 *   - SET_UNMAP_NOTIFY: action bits outside CLEAR_BYTE|SEND_EVENT or an
 *     unbound port: EINVAL; no slot covering the index: ENOENT; clearing a
 *     byte of a read-only mapping: EINVAL.  The byte is cleared and the
 *     port's peer signalled when the mapping is torn down (the event also
 *     when a never-mapped slot is released);
 *   - SET_MAX_GRANTS exists only with XM_FEAT_SET_MAX_GRANTS (ENOTTY
 *     otherwise, like kernels since 4.x);
 *   - GRANT_COPY validates every segment first (neither end a grant, or
 *     offset + len beyond the page: EINVAL for the whole request; a NULL
 *     local address: EFAULT), then copies and writes each status
 *     (GNTST_bad_domain / bad_gntref / permission_denied);
 *   - the DMABUF requests are in gntdev_dmabuf.c.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <xen/grant_table.h>
#include <xen/gntdev.h>

#include "gntdev_model.h"

static struct gd_file *gd(struct xm_file *f)
{
    return f->priv;
}

static int gntdev_open(int fd, struct xm_file *f)
{
    struct gd_file *g = calloc(1, sizeof(*g));

    (void)fd;
    if (g == NULL) {
        errno = ENOMEM;
        return -1;
    }
    g->max_grants = GD_MAX_PAGES;
    f->priv = g;
    return 0;
}

/* First fit of `count` free pages in the index space. */
static int index_alloc(struct gd_file *g, uint32_t count, uint32_t *first)
{
    uint32_t start = 0, run = 0, i;

    for (i = 0; i < GD_MAX_PAGES; i++) {
        if (g->page_slot[i] != 0) {
            run = 0;
            start = i + 1;
            continue;
        }
        if (++run == count) {
            *first = start;
            return 0;
        }
    }
    return -1;
}

static void slot_free(struct xm_file *f, struct gd_slot *s)
{
    struct gd_file *g = gd(f);
    uint32_t i;

    if ((s->notify_action & UNMAP_NOTIFY_SEND_EVENT) && !s->notified)
        xm_unmap_notify_locked(0, 0, 0, 0, 1, f->domid, s->notify_port);
    for (i = 0; i < s->count; i++)
        g->page_slot[s->first + i] = 0;
    g->pages_in_use -= s->count;
    memset(s, 0, sizeof(*s));
}

static long map_grant_ref(struct xm_file *f,
                          struct ioctl_gntdev_map_grant_ref *req)
{
    struct gd_file *g = gd(f);
    uint32_t first, i;
    int n;

    if (req->count == 0 || req->count > g->max_grants ||
        req->count > g->max_grants - g->pages_in_use) {
        errno = EINVAL;
        return -1;
    }
    for (n = 0; n < GD_MAX_SLOTS && g->slots[n].in_use; n++)
        ;
    if (n == GD_MAX_SLOTS || index_alloc(g, req->count, &first) < 0) {
        errno = ENOMEM;
        return -1;
    }
    g->slots[n].in_use = 1;
    g->slots[n].first = first;
    g->slots[n].count = req->count;
    for (i = 0; i < req->count; i++) {
        g->page_slot[first + i] = (uint16_t)(n + 1);
        g->refs[first + i].domid = req->refs[i].domid;
        g->refs[first + i].ref = req->refs[i].ref;
    }
    g->pages_in_use += req->count;
    req->index = (uint64_t)first * XM_PAGE_SIZE;
    return 0;
}

/* The live (not yet UNMAP_GRANT_REF'd) slot with exactly this range. */
static struct gd_slot *slot_exact(struct gd_file *g, uint64_t index,
                                  uint64_t count)
{
    int n;

    if (index % XM_PAGE_SIZE != 0)
        return NULL;
    for (n = 0; n < GD_MAX_SLOTS; n++) {
        struct gd_slot *s = &g->slots[n];
        if (s->in_use && !s->unmapped &&
            (uint64_t)s->first * XM_PAGE_SIZE == index && s->count == count)
            return s;
    }
    return NULL;
}

static long unmap_grant_ref(struct xm_file *f,
                            const struct ioctl_gntdev_unmap_grant_ref *req)
{
    struct gd_slot *s = slot_exact(gd(f), req->index, req->count);

    if (s == NULL) {
        errno = ENOENT;     /* Linux: no map with that index and count */
        return -1;
    }
    s->unmapped = 1;
    if (!s->mapped)
        slot_free(f, s);
    return 0;
}

/* Like Linux (find_vma + vm_ops check): the gntdev mapping of this process
 * that contains `vaddr`, whichever gntdev file made it -- the kernel does
 * not check that the mapping belongs to the file the request came through.
 * (Linux's find_vma may also return the next mapping above an address in
 * no mapping; the model only finds containing ones.) */
static long get_offset_for_vaddr(struct xm_file *f,
                                 struct ioctl_gntdev_get_offset_for_vaddr *req)
{
    int fd, n;

    (void)f;
    for (fd = 0; fd < XM_MAX_FDS; fd++) {
        struct xm_file *o = xm_local.files[fd];
        if (o == NULL || o->kind != XM_KIND_GNTDEV || o->priv == NULL)
            continue;
        for (n = 0; n < GD_MAX_SLOTS; n++) {
            const struct gd_slot *s = &gd(o)->slots[n];
            uint64_t start = (uint64_t)(uintptr_t)s->vaddr;

            if (s->in_use && s->mapped && req->vaddr >= start &&
                req->vaddr - start < (uint64_t)s->count * XM_PAGE_SIZE) {
                req->offset = (uint64_t)s->first * XM_PAGE_SIZE;
                req->count = s->count;
                return 0;
            }
        }
    }
    errno = EINVAL;
    return -1;
}

static long set_unmap_notify(struct xm_file *f,
                             const struct ioctl_gntdev_unmap_notify *req)
{
    struct gd_file *g = gd(f);
    uint64_t page = req->index / XM_PAGE_SIZE;
    struct gd_slot *s;

    if (req->action & ~(uint32_t)(UNMAP_NOTIFY_CLEAR_BYTE | UNMAP_NOTIFY_SEND_EVENT)) {
        errno = EINVAL;
        return -1;
    }
    if ((req->action & UNMAP_NOTIFY_SEND_EVENT) &&
        !xm_port_bound_locked(f->domid, req->event_channel_port)) {
        errno = EINVAL;
        return -1;
    }
    if (page >= GD_MAX_PAGES || g->page_slot[page] == 0 ||
        g->slots[g->page_slot[page] - 1].unmapped) {
        errno = ENOENT;
        return -1;
    }
    s = &g->slots[g->page_slot[page] - 1];
    if ((req->action & UNMAP_NOTIFY_CLEAR_BYTE) && s->mapped && !s->writable) {
        errno = EINVAL;
        return -1;
    }
    s->notify_action = req->action;
    s->notify_page = (uint32_t)(page - s->first);
    s->notify_offset = (uint32_t)(req->index % XM_PAGE_SIZE);
    s->notify_port = req->event_channel_port;
    s->notified = 0;
    return 0;
}

/* Resolve one end of a copy segment to bytes; GNTST_* status. */
static int copy_end(struct xm_file *f, const struct gntdev_grant_copy_segment *seg,
                    int is_dest, unsigned char **at)
{
    const int is_gref = seg->flags & (is_dest ? GNTCOPY_dest_gref
                                              : GNTCOPY_source_gref);
    const typeof(seg->source) *end = is_dest ? &seg->dest : &seg->source;
    uint64_t gfn;
    int st;

    if (!is_gref) {
        *at = end->virt;
        return GNTST_okay;
    }
    st = xm_grant_access_locked(end->foreign.domid, end->foreign.ref, f->domid,
                                is_dest, &gfn);
    if (st != GNTST_okay)
        return st;
    *at = xm_domain_page_locked(end->foreign.domid, gfn) + end->foreign.offset;
    return GNTST_okay;
}

static long grant_copy(struct xm_file *f, const struct ioctl_gntdev_grant_copy *req)
{
    struct gntdev_grant_copy_segment *segs = req->segments;
    unsigned int i;

    if (req->count == 0)
        return 0;
    if (segs == NULL) {
        errno = EFAULT;
        return -1;
    }
    for (i = 0; i < req->count; i++) {
        const struct gntdev_grant_copy_segment *s = &segs[i];

        if (!(s->flags & (GNTCOPY_source_gref | GNTCOPY_dest_gref)) ||
            ((s->flags & GNTCOPY_source_gref) &&
             s->source.foreign.offset + s->len > XM_PAGE_SIZE) ||
            ((s->flags & GNTCOPY_dest_gref) &&
             s->dest.foreign.offset + s->len > XM_PAGE_SIZE)) {
            errno = EINVAL;
            return -1;
        }
        if ((!(s->flags & GNTCOPY_source_gref) && s->source.virt == NULL) ||
            (!(s->flags & GNTCOPY_dest_gref) && s->dest.virt == NULL)) {
            errno = EFAULT;
            return -1;
        }
    }
    for (i = 0; i < req->count; i++) {
        unsigned char *src = NULL, *dst = NULL;
        int st = copy_end(f, &segs[i], 0, &src);

        if (st == GNTST_okay)
            st = copy_end(f, &segs[i], 1, &dst);
        if (st == GNTST_okay)
            memmove(dst, src, segs[i].len);
        segs[i].status = (int16_t)st;
    }
    return 0;
}

static long gntdev_ioctl(int fd, struct xm_file *f, unsigned long req, void *arg)
{
    (void)fd;
    switch (req) {
    case IOCTL_GNTDEV_MAP_GRANT_REF:
        return xm_user_arg_bad(arg) ? -1 : map_grant_ref(f, arg);
    case IOCTL_GNTDEV_UNMAP_GRANT_REF:
        return xm_user_arg_bad(arg) ? -1 : unmap_grant_ref(f, arg);
    case IOCTL_GNTDEV_GET_OFFSET_FOR_VADDR:
        return xm_user_arg_bad(arg) ? -1 : get_offset_for_vaddr(f, arg);
    case IOCTL_GNTDEV_SET_MAX_GRANTS:
        if (!xm.feature[XM_FEAT_SET_MAX_GRANTS])
            break;
        if (xm_user_arg_bad(arg))
            return -1;
        gd(f)->max_grants = ((const struct ioctl_gntdev_set_max_grants *)arg)->count;
        return 0;
    case IOCTL_GNTDEV_SET_UNMAP_NOTIFY:
        return xm_user_arg_bad(arg) ? -1 : set_unmap_notify(f, arg);
    case IOCTL_GNTDEV_GRANT_COPY:
        return xm_user_arg_bad(arg) ? -1 : grant_copy(f, arg);
    case IOCTL_GNTDEV_DMABUF_EXP_FROM_REFS:
    case IOCTL_GNTDEV_DMABUF_EXP_WAIT_RELEASED:
    case IOCTL_GNTDEV_DMABUF_IMP_TO_REFS:
    case IOCTL_GNTDEV_DMABUF_IMP_RELEASE:
        /* A kernel without CONFIG_XEN_GNTDEV_DMABUF does not know them. */
        if (!xm.feature[XM_FEAT_DMABUF])
            break;
        return xm_user_arg_bad(arg) ? -1 : xm_gntdev_dmabuf_ioctl_locked(f, req, arg);
    default:
        break;
    }
    errno = ENOTTY;
    return -1;
}

static int gntdev_mmap(int fd, struct xm_file *f, void *addr, size_t len,
                       int prot, off_t offset, uint64_t *cookie)
{
    struct gd_file *g = gd(f);
    const int write = (prot & PROT_WRITE) != 0;
    struct gd_slot *s;
    uint64_t gfns[GD_MAX_PAGES];
    uint32_t i;

    (void)fd;
    if (offset < 0 || len % XM_PAGE_SIZE != 0)
        goto einval;
    s = slot_exact(g, (uint64_t)offset, len / XM_PAGE_SIZE);
    if (s == NULL || s->mapped)
        goto einval;
    /* Map every grant or none: check them all first. */
    for (i = 0; i < s->count; i++) {
        const struct gd_ref *r = &g->refs[s->first + i];
        struct xm_domain *d;
        int st = r->domid > UINT16_MAX ? GNTST_bad_domain
                 : xm_grant_access_locked((uint16_t)r->domid, r->ref, f->domid,
                                          write, &gfns[i]);

        if (st == GNTST_permission_denied && write &&
            xm_grant_access_locked((uint16_t)r->domid, r->ref, f->domid, 0,
                                   &gfns[i]) == GNTST_okay) {
            errno = EPERM;
            return -1;
        }
        if (st != GNTST_okay)
            goto einval;
        d = xm_domain_get_locked((uint16_t)r->domid);
        if (d->paged_out[gfns[i]] > 0) {
            if (d->paged_out[gfns[i]] != ~0u)
                d->paged_out[gfns[i]]--;
            errno = EAGAIN;
            return -1;
        }
    }
    for (i = 0; i < s->count; i++)
        if (xm_domain_map_gfn_locked((uint16_t)g->refs[s->first + i].domid,
                                     gfns[i], (char *)addr + (size_t)i * XM_PAGE_SIZE,
                                     prot) < 0)
            return -1;   /* the front end unmaps the whole area */
    for (i = 0; i < s->count; i++)
        xm_grant_map_get_locked((uint16_t)g->refs[s->first + i].domid,
                                g->refs[s->first + i].ref);
    s->mapped = 1;
    s->writable = write;
    s->vaddr = addr;
    *cookie = (uint64_t)(s - g->slots);
    return 0;

einval:
    errno = EINVAL;
    return -1;
}

static void gntdev_munmap(struct xm_file *f, void *addr, size_t len,
                          uint64_t cookie)
{
    struct gd_file *g = gd(f);
    struct gd_slot *s;
    uint32_t i;

    (void)addr;
    (void)len;
    if (cookie >= GD_MAX_SLOTS || !g->slots[cookie].in_use ||
        !g->slots[cookie].mapped) {
        xm_violation_locked("gntdev: munmap of a slot that is not mapped");
        return;
    }
    s = &g->slots[cookie];
    if (s->notify_action != 0 && !s->notified) {
        const struct gd_ref *r = &g->refs[s->first + s->notify_page];
        struct xm_grant *gr = xm_grant_get_locked((uint16_t)r->domid, r->ref);

        xm_unmap_notify_locked((uint16_t)r->domid, gr != NULL ? gr->gfn : 0,
                               gr != NULL && s->writable &&
                                   (s->notify_action & UNMAP_NOTIFY_CLEAR_BYTE),
                               s->notify_offset,
                               (s->notify_action & UNMAP_NOTIFY_SEND_EVENT) != 0,
                               f->domid, s->notify_port);
        s->notified = 1;
    }
    for (i = 0; i < s->count; i++)
        xm_grant_map_put_locked((uint16_t)g->refs[s->first + i].domid,
                                g->refs[s->first + i].ref);
    s->mapped = 0;
    s->vaddr = NULL;
    if (s->unmapped)
        slot_free(f, s);
}

static void gntdev_release(int fd, struct xm_file *f)
{
    struct gd_file *g = gd(f);
    int n;

    (void)fd;
    /* The front end has already torn down this file's mappings. */
    for (n = 0; n < GD_MAX_SLOTS; n++)
        if (g->slots[n].in_use)
            slot_free(f, &g->slots[n]);
    xm_gntdev_dmabuf_release_locked(f);
}

static void gntdev_check(void)
{
    int fd, n;

    for (fd = 0; fd < XM_MAX_FDS; fd++) {
        struct xm_file *f = xm_local.files[fd];
        if (f == NULL || f->kind != XM_KIND_GNTDEV)
            continue;
        for (n = 0; n < GD_MAX_SLOTS; n++) {
            const struct gd_slot *s = &gd(f)->slots[n];
            if (s->in_use)
                xm_violation_locked("gntdev fd %d: grant slot at index %#llx "
                                    "(%u pages) still allocated%s", fd,
                                    (unsigned long long)s->first * XM_PAGE_SIZE,
                                    s->count, s->mapped ? " and mapped" : "");
        }
    }
    xm_grants_check_locked();
}

const struct xm_device_ops xm_gntdev_ops = {
    .kind = XM_KIND_GNTDEV,
    .name = "gntdev",
    .open = gntdev_open,
    .ioctl = gntdev_ioctl,
    .mmap = gntdev_mmap,
    .munmap = gntdev_munmap,
    .release = gntdev_release,
    .check = gntdev_check,
};
