/*
 * gntdev_model.h - per-file state of the gntdev model, shared by gntdev.c
 * and gntdev_dmabuf.c.  One calloc'd block per file (f->priv), since
 * xm_reset() frees it with a plain free().
 */
#ifndef XENMOCK_GNTDEV_MODEL_H
#define XENMOCK_GNTDEV_MODEL_H

#include <stdint.h>

#include "grants.h"

#define GD_MAX_PAGES        1024u   /* index space of one file, in pages */
#define GD_MAX_SLOTS        128
#define GD_MAX_DMABUFS      8       /* exports, and imports, per file */
#define GD_DMABUF_MAX_REFS  64u

struct gd_slot {
    int in_use;
    uint32_t first, count;     /* index range, in pages */
    int unmapped;              /* UNMAP_GRANT_REF done; freed at munmap */
    int mapped;                /* an mmap of it is live */
    int writable;              /* ... with PROT_WRITE */
    void *vaddr;
    uint32_t notify_action;    /* UNMAP_NOTIFY_* bits, 0: none */
    uint32_t notify_page;      /* page of the slot holding the byte */
    uint32_t notify_offset;    /* byte within that page */
    uint32_t notify_port;
    int notified;
};

struct gd_ref {
    uint32_t domid, ref;
};

struct gd_dmabuf_exp {
    int in_use;
    int hold_fd;               /* read end of a pipe: POLLHUP once every
                                  copy of the user's write end is closed */
    uint32_t user_fd;
    uint16_t domid;
    uint32_t count;
    uint32_t refs[GD_DMABUF_MAX_REFS];
};

struct gd_dmabuf_imp {
    int in_use;
    uint32_t fd;
    uint32_t count;
    uint32_t refs[GD_DMABUF_MAX_REFS];
};

struct gd_file {
    uint32_t max_grants;
    uint32_t pages_in_use;
    uint16_t page_slot[GD_MAX_PAGES];   /* slot number + 1, 0: free */
    struct gd_ref refs[GD_MAX_PAGES];
    struct gd_slot slots[GD_MAX_SLOTS];
    struct gd_dmabuf_exp exps[GD_MAX_DMABUFS];
    struct gd_dmabuf_imp imps[GD_MAX_DMABUFS];
};

/* gntdev_dmabuf.c: the four DMABUF requests (feature on), and release of
 * a file's dma-buf state. */
long xm_gntdev_dmabuf_ioctl_locked(struct xm_file *f, unsigned long req,
                                   void *arg);
void xm_gntdev_dmabuf_release_locked(struct xm_file *f);

#endif /* XENMOCK_GNTDEV_MODEL_H */
