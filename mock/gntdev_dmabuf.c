/*
 * gntdev_dmabuf.c - model of gntdev's dma-buf requests
 * (CONFIG_XEN_GNTDEV_DMABUF; enabled with XM_FEAT_DMABUF).
 *
 * Semantics modelled:
 *   - EXP_FROM_REFS maps `count` grants of `domid` (writable, as Linux maps
 *     them) and hands back a new descriptor standing for the dma-buf: the
 *     write end of a pipe whose read end the model keeps, so the model can
 *     tell when every copy of it has been closed.  count 0 or above
 *     GD_DMABUF_MAX_REFS, or a grant we may not map: EINVAL;
 *   - EXP_WAIT_RELEASED: ENOENT for a descriptor not exported by this file
 *     (or already reported released), ETIMEDOUT if still open after
 *     wait_to_ms, else 0 and the grants are unmapped;
 *   - IMP_TO_REFS: `reserved` must be 0 and the descriptor valid (EINVAL);
 *     allocates `count` pages of the file's domain and grants them
 *     writable to `domid`, returning the references;
 *   - IMP_RELEASE ends those grants (ENOENT for an unknown descriptor).
 */
#include <errno.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>
#include <xen/grant_table.h>
#include <xen/gntdev.h>

#include "gntdev_model.h"

static void exp_free(struct gd_dmabuf_exp *e)
{
    uint32_t i;

    for (i = 0; i < e->count; i++)
        xm_grant_map_put_locked(e->domid, e->refs[i]);
    close(e->hold_fd);
    memset(e, 0, sizeof(*e));
}

static void imp_free(uint16_t domid, struct gd_dmabuf_imp *m)
{
    uint32_t i;

    for (i = 0; i < m->count; i++)
        xm_grant_end_locked(domid, m->refs[i]);
    memset(m, 0, sizeof(*m));
}

static long exp_from_refs(struct xm_file *f, struct gd_file *g,
                          struct ioctl_gntdev_dmabuf_exp_from_refs *req)
{
    struct gd_dmabuf_exp *e = NULL;
    uint64_t gfn;
    uint32_t i;
    int n, p[2];

    if (req->count == 0 || req->count > GD_DMABUF_MAX_REFS ||
        req->domid > UINT16_MAX) {
        errno = EINVAL;
        return -1;
    }
    for (i = 0; i < req->count; i++) {
        if (xm_grant_access_locked((uint16_t)req->domid, req->refs[i], f->domid,
                                   1, &gfn) != GNTST_okay) {
            errno = EINVAL;
            return -1;
        }
    }
    for (n = 0; n < GD_MAX_DMABUFS && e == NULL; n++)
        if (!g->exps[n].in_use)
            e = &g->exps[n];
    if (e == NULL) {
        errno = ENOMEM;
        return -1;
    }
    if (pipe2(p, O_CLOEXEC) < 0)
        return -1;
    e->in_use = 1;
    e->hold_fd = p[0];
    e->user_fd = (uint32_t)p[1];
    e->domid = (uint16_t)req->domid;
    e->count = req->count;
    for (i = 0; i < req->count; i++) {
        e->refs[i] = req->refs[i];
        xm_grant_map_get_locked(e->domid, req->refs[i]);
    }
    req->fd = (uint32_t)p[1];
    return 0;
}

static long exp_wait_released(struct gd_file *g,
                              const struct ioctl_gntdev_dmabuf_exp_wait_released *req)
{
    struct pollfd pfd;
    int n;

    for (n = 0; n < GD_MAX_DMABUFS; n++) {
        struct gd_dmabuf_exp *e = &g->exps[n];

        if (!e->in_use || e->user_fd != req->fd)
            continue;
        pfd.fd = e->hold_fd;
        pfd.events = 0;
        pfd.revents = 0;
        if (poll(&pfd, 1, (int)(req->wait_to_ms > 10000 ? 10000 : req->wait_to_ms)) <= 0 ||
            !(pfd.revents & POLLHUP)) {
            errno = ETIMEDOUT;
            return -1;
        }
        exp_free(e);
        return 0;
    }
    errno = ENOENT;
    return -1;
}

static long imp_to_refs(struct xm_file *f, struct gd_file *g,
                        struct ioctl_gntdev_dmabuf_imp_to_refs *req)
{
    struct gd_dmabuf_imp *m = NULL;
    uint64_t gfn;
    uint32_t i;
    int n;

    if (req->reserved != 0 || req->count == 0 ||
        req->count > GD_DMABUF_MAX_REFS || req->domid > UINT16_MAX ||
        fcntl((int)req->fd, F_GETFD) < 0) {
        errno = EINVAL;
        return -1;
    }
    for (n = 0; n < GD_MAX_DMABUFS && m == NULL; n++)
        if (!g->imps[n].in_use)
            m = &g->imps[n];
    if (m == NULL) {
        errno = ENOMEM;
        return -1;
    }
    m->in_use = 1;
    m->fd = req->fd;
    for (i = 0; i < req->count; i++) {
        if (xm_domain_page_alloc_locked(f->domid, &gfn) < 0)
            goto undo;
        if (xm_grant_new_locked(f->domid, (uint16_t)req->domid, gfn, 0, 1,
                                &m->refs[i]) < 0) {
            int err = errno;
            xm_domain_page_free_locked(f->domid, gfn);
            errno = err;
            goto undo;
        }
        m->count = i + 1;
    }
    memcpy(req->refs, m->refs, (size_t)req->count * sizeof(req->refs[0]));
    return 0;

undo:
    n = errno;
    imp_free(f->domid, m);
    errno = n;
    return -1;
}

static long imp_release(struct xm_file *f, struct gd_file *g,
                        const struct ioctl_gntdev_dmabuf_imp_release *req)
{
    int n;

    for (n = 0; n < GD_MAX_DMABUFS; n++) {
        if (g->imps[n].in_use && g->imps[n].fd == req->fd) {
            imp_free(f->domid, &g->imps[n]);
            return 0;
        }
    }
    errno = ENOENT;
    return -1;
}

long xm_gntdev_dmabuf_ioctl_locked(struct xm_file *f, unsigned long req,
                                   void *arg)
{
    struct gd_file *g = f->priv;

    switch (req) {
    case IOCTL_GNTDEV_DMABUF_EXP_FROM_REFS:
        return exp_from_refs(f, g, arg);
    case IOCTL_GNTDEV_DMABUF_EXP_WAIT_RELEASED:
        return exp_wait_released(g, arg);
    case IOCTL_GNTDEV_DMABUF_IMP_TO_REFS:
        return imp_to_refs(f, g, arg);
    case IOCTL_GNTDEV_DMABUF_IMP_RELEASE:
        return imp_release(f, g, arg);
    default:
        errno = ENOTTY;
        return -1;
    }
}

void xm_gntdev_dmabuf_release_locked(struct xm_file *f)
{
    struct gd_file *g = f->priv;
    int n;

    for (n = 0; n < GD_MAX_DMABUFS; n++) {
        if (g->exps[n].in_use)
            exp_free(&g->exps[n]);
        if (g->imps[n].in_use)
            imp_free(f->domid, &g->imps[n]);
    }
}
