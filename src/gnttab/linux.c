/*
 * linux.c - libxengnttab's OS layer: the requests of Linux's
 * /dev/xen/gntdev and /dev/xen/gntalloc drivers, one typed function each,
 * issued through the vx_sys_* seam.  Variable-length requests are built
 * here, with their sizes overflow-checked.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <xen/grant_table.h>
#include <xen/gntdev.h>
#include <xen/gntalloc.h>

#include "gnttab_private.h"
#include "vx_checked.h"
#include "vx_guard.h"
#include "vx_sys.h"

#define GNTDEV_DEVICE "/dev/xen/gntdev"
#define GNTALLOC_DEVICE "/dev/xen/gntalloc"
#define GNTTAB_MAP_STACK_REFS 16u

/* The library's segment must be the kernel's, byte for byte: the caller's
 * array is handed over as it is. */
_Static_assert(sizeof(xengnttab_grant_copy_segment_t) ==
               sizeof(struct gntdev_grant_copy_segment), "segment size");
_Static_assert(_Alignof(xengnttab_grant_copy_segment_t) ==
               _Alignof(struct gntdev_grant_copy_segment), "segment align");
_Static_assert(offsetof(xengnttab_grant_copy_segment_t, source.virt) ==
               offsetof(struct gntdev_grant_copy_segment, source.virt), "source");
_Static_assert(offsetof(xengnttab_grant_copy_segment_t, source.foreign.ref) ==
               offsetof(struct gntdev_grant_copy_segment, source.foreign.ref), "ref");
_Static_assert(offsetof(xengnttab_grant_copy_segment_t, source.foreign.offset) ==
               offsetof(struct gntdev_grant_copy_segment, source.foreign.offset), "off");
_Static_assert(offsetof(xengnttab_grant_copy_segment_t, source.foreign.domid) ==
               offsetof(struct gntdev_grant_copy_segment, source.foreign.domid), "dom");
_Static_assert(offsetof(xengnttab_grant_copy_segment_t, dest) ==
               offsetof(struct gntdev_grant_copy_segment, dest), "dest");
_Static_assert(offsetof(xengnttab_grant_copy_segment_t, len) ==
               offsetof(struct gntdev_grant_copy_segment, len), "len");
_Static_assert(offsetof(xengnttab_grant_copy_segment_t, flags) ==
               offsetof(struct gntdev_grant_copy_segment, flags), "flags");
_Static_assert(offsetof(xengnttab_grant_copy_segment_t, status) ==
               offsetof(struct gntdev_grant_copy_segment, status), "status");

int gnttab_os_open_gntdev(void)
{
    return vx_sys_open(GNTDEV_DEVICE, O_RDWR | O_CLOEXEC);
}

/* Upstream opens gntalloc without O_CLOEXEC, leaking it into every exec'd
 * helper; nothing relies on that. */
int gnttab_os_open_gntalloc(void)
{
    return vx_sys_open(GNTALLOC_DEVICE, O_RDWR | O_CLOEXEC);
}

int gnttab_os_close(int fd)
{
    return vx_sys_close(fd);
}

/* Bytes of a request made of a `head`-byte header followed by `count`
 * elements of `elem` bytes (the headers declare one element already). */
static void *request_alloc(size_t head, uint32_t count, size_t elem,
                           size_t *bytes)
{
    size_t tail;
    void *req;

    VX_GUARD_PTR(vx_mul_size(count, elem, &tail));
    VX_GUARD_PTR(vx_add_size(head, tail, bytes));
    req = calloc(1, *bytes);
    VX_ENSURE_PTR(req != NULL, ENOMEM);
    return req;
}

long gnttab_os_map_grant_ref(int fd, uint32_t count, const uint32_t *domids,
                             size_t domid_stride, const uint32_t *refs,
                             uint64_t *index)
{
    /* Requests of up to GNTTAB_MAP_STACK_REFS grants (most maps are of
     * one page) are built on the stack, larger ones on the heap. */
    union {
        struct ioctl_gntdev_map_grant_ref req;
        unsigned char room[offsetof(struct ioctl_gntdev_map_grant_ref, refs) +
                           GNTTAB_MAP_STACK_REFS *
                               sizeof(struct ioctl_gntdev_grant_ref)];
    } small;
    struct ioctl_gntdev_map_grant_ref *req;
    size_t bytes;
    uint32_t i;
    long rc;

    if (count <= GNTTAB_MAP_STACK_REFS) {
        req = &small.req;
        req->pad = 0;   /* index is the kernel's to write */
    } else {
        req = request_alloc(offsetof(struct ioctl_gntdev_map_grant_ref, refs),
                            count, sizeof(req->refs[0]), &bytes);
        if (req == NULL)
            return -1;
    }
    req->count = count;
    if (count == 1) {
        /* The usual map of one page: no loop (the vectorised fill below
         * costs a dozen set-up instructions for a single grant). */
        req->refs[0].domid = domids[0];
        req->refs[0].ref = refs[0];
    } else {
        for (i = 0; i < count; i++) {
            req->refs[i].domid = domids[i * domid_stride];
            req->refs[i].ref = refs[i];
        }
    }
    rc = vx_sys_ioctl(fd, IOCTL_GNTDEV_MAP_GRANT_REF, req);
    if (rc >= 0)
        *index = req->index;
    if (req != &small.req)
        VX_PRESERVING_ERRNO(free(req));
    return rc;
}

/* Answers only 0 or -1 (vx_sys_ioctl_status: the kernel answers 0 on
 * success), so xengnttab_unmap returns it as it is. */
long gnttab_os_unmap_grant_ref(int fd, uint64_t index, uint32_t count)
{
    struct ioctl_gntdev_unmap_grant_ref req = { .index = index, .count = count };

    return vx_sys_ioctl_status(fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &req);
}

long gnttab_os_set_max_grants(int fd, uint32_t count)
{
    struct ioctl_gntdev_set_max_grants req = { .count = count };

    return vx_sys_ioctl(fd, IOCTL_GNTDEV_SET_MAX_GRANTS, &req);
}

long gnttab_os_gntdev_notify(int fd, uint64_t index, uint32_t action,
                             uint32_t port)
{
    struct ioctl_gntdev_unmap_notify req = {
        .index = index, .action = action, .event_channel_port = port,
    };

    return vx_sys_ioctl(fd, IOCTL_GNTDEV_SET_UNMAP_NOTIFY, &req);
}

long gnttab_os_grant_copy(int fd, uint32_t count,
                          xengnttab_grant_copy_segment_t *segs)
{
    struct ioctl_gntdev_grant_copy req = {
        .count = count,
        .segments = (struct gntdev_grant_copy_segment *)(void *)segs,
    };

    return vx_sys_ioctl(fd, IOCTL_GNTDEV_GRANT_COPY, &req);
}

long gnttab_os_dmabuf_exp_from_refs(int fd, uint32_t domid, uint32_t flags,
                                    uint32_t count, const uint32_t *refs,
                                    uint32_t *dmabuf_fd)
{
    struct ioctl_gntdev_dmabuf_exp_from_refs *req;
    size_t bytes;
    long rc;

    req = request_alloc(offsetof(struct ioctl_gntdev_dmabuf_exp_from_refs, refs),
                        count, sizeof(req->refs[0]), &bytes);
    if (req == NULL)
        return -1;
    req->flags = flags;
    req->count = count;
    req->domid = domid;
    memcpy(req->refs, refs, (size_t)count * sizeof(req->refs[0]));
    rc = vx_sys_ioctl(fd, IOCTL_GNTDEV_DMABUF_EXP_FROM_REFS, req);
    if (rc >= 0)
        *dmabuf_fd = req->fd;
    VX_PRESERVING_ERRNO(free(req));
    return rc;
}

long gnttab_os_dmabuf_exp_wait_released(int fd, uint32_t dmabuf_fd,
                                        uint32_t wait_to_ms)
{
    struct ioctl_gntdev_dmabuf_exp_wait_released req = {
        .fd = dmabuf_fd, .wait_to_ms = wait_to_ms,
    };

    return vx_sys_ioctl(fd, IOCTL_GNTDEV_DMABUF_EXP_WAIT_RELEASED, &req);
}

long gnttab_os_dmabuf_imp_to_refs(int fd, uint32_t domid, uint32_t dmabuf_fd,
                                  uint32_t count, uint32_t *refs)
{
    struct ioctl_gntdev_dmabuf_imp_to_refs *req;
    size_t bytes;
    long rc;

    /* calloc zeroes `reserved`, which the kernel requires (upstream leaves
     * it uninitialised). */
    req = request_alloc(offsetof(struct ioctl_gntdev_dmabuf_imp_to_refs, refs),
                        count, sizeof(req->refs[0]), &bytes);
    if (req == NULL)
        return -1;
    req->fd = dmabuf_fd;
    req->count = count;
    req->domid = domid;
    rc = vx_sys_ioctl(fd, IOCTL_GNTDEV_DMABUF_IMP_TO_REFS, req);
    if (rc >= 0)
        memcpy(refs, req->refs, (size_t)count * sizeof(req->refs[0]));
    VX_PRESERVING_ERRNO(free(req));
    return rc;
}

long gnttab_os_dmabuf_imp_release(int fd, uint32_t dmabuf_fd)
{
    struct ioctl_gntdev_dmabuf_imp_release req = { .fd = dmabuf_fd };

    return vx_sys_ioctl(fd, IOCTL_GNTDEV_DMABUF_IMP_RELEASE, &req);
}

long gnttab_os_alloc_gref(int fd, uint16_t domid, int writable,
                          uint32_t count, uint32_t *refs, uint64_t *index)
{
    struct ioctl_gntalloc_alloc_gref *req;
    size_t bytes;
    long rc;

    req = request_alloc(offsetof(struct ioctl_gntalloc_alloc_gref, gref_ids),
                        count, sizeof(req->gref_ids[0]), &bytes);
    if (req == NULL)
        return -1;
    req->domid = domid;
    req->flags = writable ? GNTALLOC_FLAG_WRITABLE : 0;
    req->count = count;
    rc = vx_sys_ioctl(fd, IOCTL_GNTALLOC_ALLOC_GREF, req);
    if (rc >= 0) {
        *index = req->index;
        memcpy(refs, req->gref_ids, (size_t)count * sizeof(req->gref_ids[0]));
    }
    VX_PRESERVING_ERRNO(free(req));
    return rc;
}

long gnttab_os_dealloc_gref(int fd, uint64_t index, uint32_t count)
{
    struct ioctl_gntalloc_dealloc_gref req = { .index = index, .count = count };

    return vx_sys_ioctl(fd, IOCTL_GNTALLOC_DEALLOC_GREF, &req);
}

long gnttab_os_gntalloc_notify(int fd, uint64_t index, uint32_t action,
                               uint32_t port)
{
    struct ioctl_gntalloc_unmap_notify req = {
        .index = index, .action = action, .event_channel_port = port,
    };

    return vx_sys_ioctl(fd, IOCTL_GNTALLOC_SET_UNMAP_NOTIFY, &req);
}

/* EAGAIN: a granted page is paged out and Xen is bringing it back.
 * Retry, but not forever (upstream does): after about a second the
 * caller gets EAGAIN and the chance to decide.  Out of line: the first
 * attempt (gnttab_os_mmap) nearly always succeeds. */
__attribute__((noinline)) static void *
gnttab_mmap_retry(int fd, size_t bytes, int prot, uint64_t index)
{
    const struct timespec nap = { .tv_sec = 0, .tv_nsec = 1000000 };
    unsigned int attempt;
    void *addr = MAP_FAILED;

    for (attempt = 1; attempt <= GNTTAB_EAGAIN_RETRIES; attempt++) {
        (void)nanosleep(&nap, NULL);
        addr = vx_sys_mmap(NULL, bytes, prot, MAP_SHARED, fd, (off_t)index);
        if (addr != MAP_FAILED || errno != EAGAIN)
            break;
    }
    return addr;
}

void *gnttab_os_mmap(int fd, size_t bytes, int prot, uint64_t index)
{
    void *addr;

    VX_ENSURE_PTR(index <= (uint64_t)INT64_MAX, EINVAL);
    addr = vx_sys_mmap(NULL, bytes, prot, MAP_SHARED, fd, (off_t)index);
    if (addr == MAP_FAILED && errno == EAGAIN)
        addr = gnttab_mmap_retry(fd, bytes, prot, index);
    return addr == MAP_FAILED ? NULL : addr;
}

int gnttab_os_munmap(void *addr, size_t bytes)
{
    return vx_sys_munmap(addr, bytes);
}
