/*
 * Models of the trusted contracts of specs/xengnttab.acsl.h: the OS layer
 * (src/gnttab/linux.c) and the seam (src/gnttab/seam.c).  WP proves each
 * body against the very same contract, showing it satisfiable.
 * vx_model_* are never initialised by anything WP sees, so each branch is
 * reachable (smoke tests check it).
 */
#include "../xengnttab.acsl.h"

int vx_model_gnttab;
struct xengntdev_handle vx_model_handle;
xentoollog_logger vx_model_logger;

/* Inlined (a helper would need a contract of its own). */
#define MODEL_STATUS()                                                         \
    do {                                                                       \
        if (vx_model_gnttab < 0) {                                             \
            errno = EINVAL;                                                    \
            return -1;                                                         \
        }                                                                      \
        return vx_model_gnttab;                                                \
    } while (0)

int gnttab_os_open_gntdev(void)
{
    if (vx_model_gnttab < 0) {
        errno = ENOENT;
        return -1;
    }
    return vx_model_gnttab;
}

int gnttab_os_open_gntalloc(void)
{
    if (vx_model_gnttab < 0) {
        errno = EACCES;
        return -1;
    }
    return vx_model_gnttab;
}

int gnttab_os_close(int fd)
{
    (void)fd;
    if (vx_model_gnttab < 0) {
        errno = EBADF;
        return -1;
    }
    return 0;
}

long gnttab_os_map_grant_ref(int fd, uint32_t count, const uint32_t *domids,
                             size_t domid_stride, const uint32_t *refs,
                             uint64_t *index)
{
    (void)fd; (void)count; (void)domids; (void)domid_stride; (void)refs;
    if (vx_model_gnttab < 0) {
        errno = ENOMEM;
        return -1;
    }
    *index = (uint64_t)vx_model_gnttab * 4096u;
    return 0;
}

long gnttab_os_unmap_grant_ref(int fd, uint64_t index, uint32_t count)
{
    (void)fd; (void)index; (void)count;
    if (vx_model_gnttab < 0) {
        errno = EINVAL;
        return -1;
    }
    return 0;
}

long gnttab_os_set_max_grants(int fd, uint32_t count)
{
    (void)fd; (void)count;
    if (vx_model_gnttab < 0) {
        errno = ENOTTY;
        return -1;
    }
    return 0;
}

long gnttab_os_gntdev_notify(int fd, uint64_t index, uint32_t action,
                             uint32_t port)
{
    (void)fd; (void)index; (void)action; (void)port;
    MODEL_STATUS();
}

long gnttab_os_grant_copy(int fd, uint32_t count,
                          xengnttab_grant_copy_segment_t *segs)
{
    (void)fd;
    if (vx_model_gnttab < 0) {
        errno = EFAULT;
        return -1;
    }
    if (count > 0)
        segs[0].status = (int16_t)(vx_model_gnttab > 0 ? -1 : 0);
    return 0;
}

long gnttab_os_dmabuf_exp_from_refs(int fd, uint32_t domid, uint32_t flags,
                                    uint32_t count, const uint32_t *refs,
                                    uint32_t *dmabuf_fd)
{
    (void)fd; (void)domid; (void)flags; (void)count; (void)refs;
    if (vx_model_gnttab < 0) {
        errno = EINVAL;
        return -1;
    }
    *dmabuf_fd = (uint32_t)vx_model_gnttab;
    return 0;
}

long gnttab_os_dmabuf_exp_wait_released(int fd, uint32_t dmabuf_fd,
                                        uint32_t wait_to_ms)
{
    (void)fd; (void)dmabuf_fd; (void)wait_to_ms;
    if (vx_model_gnttab < 0) {
        errno = ETIMEDOUT;
        return -1;
    }
    return 0;
}

long gnttab_os_dmabuf_imp_to_refs(int fd, uint32_t domid, uint32_t dmabuf_fd,
                                  uint32_t count, uint32_t *refs)
{
    (void)fd; (void)domid; (void)dmabuf_fd;
    if (vx_model_gnttab < 0) {
        errno = EINVAL;
        return -1;
    }
    if (count > 0)
        refs[count - 1] = (uint32_t)vx_model_gnttab;
    return 0;
}

long gnttab_os_dmabuf_imp_release(int fd, uint32_t dmabuf_fd)
{
    (void)fd; (void)dmabuf_fd;
    MODEL_STATUS();
}

long gnttab_os_alloc_gref(int fd, uint16_t domid, int writable,
                          uint32_t count, uint32_t *refs, uint64_t *index)
{
    (void)fd; (void)domid; (void)writable;
    if (vx_model_gnttab < 0) {
        errno = ENOSPC;
        return -1;
    }
    if (count > 0)
        refs[0] = (uint32_t)vx_model_gnttab;
    *index = 0;
    return 0;
}

long gnttab_os_dealloc_gref(int fd, uint64_t index, uint32_t count)
{
    (void)fd; (void)index; (void)count;
    MODEL_STATUS();
}

long gnttab_os_gntalloc_notify(int fd, uint64_t index, uint32_t action,
                               uint32_t port)
{
    (void)fd; (void)index; (void)action; (void)port;
    MODEL_STATUS();
}

void *gnttab_os_mmap(int fd, size_t bytes, int prot, uint64_t index)
{
    (void)fd; (void)bytes; (void)prot;
    if (index > (uint64_t)INT64_MAX) {
        errno = EINVAL;
        return NULL;
    }
    if (vx_model_gnttab < 0) {
        errno = EAGAIN;
        return NULL;
    }
    return &gnttab_page_arena[0];
}

int gnttab_os_munmap(void *addr, size_t bytes)
{
    (void)addr; (void)bytes;
    if (vx_model_gnttab < 0) {
        errno = EINVAL;
        return -1;
    }
    return 0;
}

struct xengntdev_handle *gnttab_handle_alloc(Xentoolcore__Restrict_Callback *cb)
{
    (void)cb;
    /* Only the failure is modelled: that a block is no registered handle
     * cannot be shown of any existing object here (membership is given by
     * its introduction rules only), as in the xenevtchn model. */
    errno = ENOMEM;
    return NULL;
}

void gnttab_handle_release(struct xengntdev_handle *h)
{
    (void)h;
}

struct xengntdev_handle *gnttab_handle_of(Xentoolcore__Active_Handle *ah)
{
    if (ah == &vx_model_handle.tc_ah)
        return &vx_model_handle;
    /* A record that is no handle's: the real downcast would be undefined
     * behaviour; the model does not return (partial correctness). */
    for (;;) {
    }
}

xentoollog_logger *gnttab_default_logger(void)
{
    /* A logger whose entries are all NULL is a proper (silent) one. */
    if (vx_model_gnttab >= 0 && vx_model_logger.vmessage == NULL &&
        vx_model_logger.progress == NULL && vx_model_logger.destroy == NULL)
        return &vx_model_logger;
    errno = ENOMEM;
    return NULL;
}

struct gnttab_mapping *gnttab_entries_grow(const struct gnttab_registry *r,
                                           size_t want, size_t bytes)
{
    (void)r; (void)want; (void)bytes;
    errno = ENOMEM;
    return NULL;
}

void gnttab_entries_free(struct gnttab_mapping *entries)
{
    (void)entries;
}
