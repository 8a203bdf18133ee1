/*
 * seam.c - the link-time front end of the mocked kernel: an implementation
 * of src/common/vx_sys.h that test and fuzz binaries link instead of
 * src/common/sys_linux.c.
 *
 * Paths under /dev/xen/ and /proc/xen/ and the descriptors opened from
 * them go to the model; everything else is passed to the real system call
 * (libxentoolcore opens /dev/null through the seam).  Every call that
 * reaches the model is logged and may be failed by an armed fault.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "hostile.h"
#include "model.h"
#include "raw.h"
#include "vx_sys.h"

struct xm_device_path {
    const char *path;
    const struct xm_device_ops *ops;    /* NULL: driver not in this build */
    unsigned int mask;
};

static const struct xm_device_path xm_paths[] = {
    { "/dev/xen/evtchn", &xm_evtchn_ops, XM_DEV_EVTCHN },
    { "/dev/xen/gntdev", &xm_gntdev_ops, XM_DEV_GNTDEV },
    { "/dev/xen/gntalloc", &xm_gntalloc_ops, XM_DEV_GNTALLOC },
    { "/dev/xen/privcmd", &xm_privcmd_ops, XM_DEV_PRIVCMD },
    { "/proc/xen/privcmd", &xm_privcmd_ops, XM_DEV_PRIVCMD },
    { "/dev/xen/hypercall", &xm_hypercall_ops, XM_DEV_HYPERCALL },
};

static int is_model_path(const char *path)
{
    return path != NULL && (strncmp(path, "/dev/xen/", 9) == 0 ||
                            strncmp(path, "/proc/xen/", 10) == 0);
}

/* Per-process lookup without the lock: the table is this process's own
 * and an fd cannot be used before the open() that created it returned.
 * Calls on other descriptors never touch the model (nor attach it). */
static int is_model_fd(int fd)
{
    return fd >= 0 && fd < XM_MAX_FDS && xm_local.files[fd] != NULL;
}

/* The descriptor a model file is read through: see state.c. */
static int readiness_fd_open(struct xm_file *f, int flags)
{
    char path[300];
    int fd;

    if (!xm_local.shared)
        return eventfd(0, EFD_SEMAPHORE |
                              ((flags & O_NONBLOCK) ? EFD_NONBLOCK : 0) |
                              ((flags & O_CLOEXEC) ? EFD_CLOEXEC : 0));
    snprintf(path, sizeof(path), "%s/evt.%u", xm_local.dir, f->id);
    if (mkfifo(path, 0600) < 0)
        return -1;
    fd = xm_raw_open(path, O_RDWR | (flags & (O_NONBLOCK | O_CLOEXEC)), 0);
    if (fd < 0)
        unlink(path);
    return fd;
}

static void readiness_fd_forget(const struct xm_file *f)
{
    char path[300];

    if (!xm_local.shared)
        return;
    snprintf(path, sizeof(path), "%s/evt.%u", xm_local.dir, f->id);
    unlink(path);
}

/* Run the fault check and log a failure; returns 1 if the call must fail
 * (errno set). Caller holds the lock. */
static int injected_locked(enum xm_call call, int fd, unsigned long request,
                           size_t *short_bytes)
{
    int err = 0;
    size_t sb = 0;

    /* Hostile mode (hostile.h) is consulted only when no armed fault
     * fired; disarmed, it never fires. */
    if (!xm_fault_check_locked(call, request, &err, &sb) &&
        !xm_hostile_before(call, request, (size_t)request, &err, &sb))
        return 0;
    if (sb > 0 && short_bytes != NULL) {
        *short_bytes = sb;
        return 0;
    }
    xm_log_locked(call, fd, request, -1, err);
    errno = err;
    return 1;
}

/* Hostile mode (hostile.h) may also fail the calls that never reach the
 * model: opening /dev/null, anonymous mmap, madvise.  Disarmed, it never
 * does. */
static int hostile_raw_fail(enum xm_call call)
{
    int err = 0;
    size_t sb = 0;

    if (!xm_hostile_before(call, 0, 0, &err, &sb) || err == 0)
        return 0;
    errno = err;
    return 1;
}

static void release_file_locked(int fd, struct xm_file *f)
{
    xm_local.files[fd] = NULL;
    /* A copy inherited across fork() is only a reference: as in Linux,
     * the file lives on in the process that opened it. */
    if (f->pid != getpid())
        return;
    xm_mappings_of_fd_locked(fd);
    if (f->ops->release != NULL)
        f->ops->release(fd, f);
    readiness_fd_forget(f);
    free(f);
}

int vx_sys_open(const char *path, int flags)
{
    const struct xm_device_path *dev = NULL;
    struct xm_file *f;
    size_t i;
    int fd;

    if (!is_model_path(path))
        return hostile_raw_fail(XM_CALL_OPEN) ? -1 : xm_raw_open(path, flags, 0);

    xm_lock();
    xm_ensure_init_locked();
    if (injected_locked(XM_CALL_OPEN, -1, (unsigned long)flags, NULL)) {
        xm_unlock();
        return -1;
    }
    for (i = 0; i < sizeof(xm_paths) / sizeof(xm_paths[0]); i++)
        if (strcmp(path, xm_paths[i].path) == 0)
            dev = &xm_paths[i];
    /* Devices not modelled yet are absent, exactly like a kernel without
     * the driver (docs/MOCK.md lists what is modelled). */
    if (dev == NULL || dev->ops == NULL || !(xm.devices & dev->mask)) {
        xm_log_locked(XM_CALL_OPEN, -1, (unsigned long)flags, -1, ENOENT);
        xm_unlock();
        errno = ENOENT;
        return -1;
    }
    f = calloc(1, sizeof(*f));
    fd = -1;
    if (f == NULL) {
        errno = ENOMEM;
    } else {
        f->id = ++xm.next_file_id;
        fd = readiness_fd_open(f, flags);
    }
    if (fd >= XM_MAX_FDS) {
        xm_raw_close(fd);
        fd = -1;
        errno = EMFILE;
    }
    if (fd < 0) {
        int err = errno;
        free(f);
        f = NULL;
        errno = err;
    }
    if (f != NULL) {
        f->kind = dev->ops->kind;
        f->ops = dev->ops;
        f->domid = xm_local.current_domid;
        f->flags = flags;
        f->fd = fd;
        f->pid = getpid();
        if (f->ops->open != NULL && f->ops->open(fd, f) < 0) {
            int err = errno;
            readiness_fd_forget(f);
            free(f);
            f = NULL;
            xm_raw_close(fd);
            fd = -1;
            errno = err;
        } else {
            xm_local.files[fd] = f;
        }
    }
    xm_log_locked(XM_CALL_OPEN, fd, (unsigned long)flags, fd, fd < 0 ? errno : 0);
    xm_unlock();
    return fd;
}

int vx_sys_close(int fd)
{
    struct xm_file *f;
    int failed;

    if (!is_model_fd(fd))
        return xm_raw_close(fd);
    xm_lock();
    f = xm_file_get_locked(fd);
    if (f == NULL) {
        xm_unlock();
        return xm_raw_close(fd);
    }
    /* Like Linux, the descriptor is released even when close reports an
     * error: an injected failure must not turn into a leak. */
    failed = injected_locked(XM_CALL_CLOSE, fd, 0, NULL);
    release_file_locked(fd, f);
    xm_raw_close(fd);
    if (!failed)
        xm_log_locked(XM_CALL_CLOSE, fd, 0, 0, 0);
    xm_unlock();
    return failed ? -1 : 0;
}

long vx_sys_ioctl(int fd, unsigned long request, void *arg)
{
    struct xm_file *f;
    long rc;

    if (!is_model_fd(fd))
        return xm_raw_ioctl(fd, request, arg);
    xm_lock();
    f = xm_file_get_locked(fd);
    if (f == NULL) {
        xm_unlock();
        return xm_raw_ioctl(fd, request, arg);
    }
    if (injected_locked(XM_CALL_IOCTL, fd, request, NULL)) {
        xm_unlock();
        return -1;
    }
    /* A NULL argument goes to the device: Linux recognises (or rejects)
     * the request first and only then copies the argument (EFAULT). */
    if (f->ops->ioctl != NULL) {
        rc = f->ops->ioctl(fd, f, request, arg);
    } else {
        errno = ENOTTY;
        rc = -1;
    }
    rc = xm_hostile_after_ioctl(request, arg, rc);    /* hostile.h */
    /* The seam's contract, as the real one enforces it (sys_linux.c):
     * -1 with errno > 0, or a non-negative answer. */
    if (rc < -1) {
        errno = EIO;
        rc = -1;
    }
    xm_log_locked(XM_CALL_IOCTL, fd, request, rc, rc < 0 ? errno : 0);
    xm_unlock();
    return rc;
}

/* The status form (0 or -1) of the real seam: what the driver answers,
 * a positive answer folded to 0, as src/common/sys_linux.c does. */
int vx_sys_ioctl_status(int fd, unsigned long request, void *arg)
{
    return vx_sys_ioctl(fd, request, arg) < 0 ? -1 : 0;
}

/* The real seam's 64-bit form exists so that a hypercall's answer is not
 * truncated to int; the model's vx_sys_ioctl already answers a long. */
long vx_sys_ioctl_long(int fd, unsigned long request, void *arg)
{
    return vx_sys_ioctl(fd, request, arg);
}

static ssize_t evtchn_read(int fd, uint32_t *out, size_t len)
{
    struct xm_file *f;
    unsigned int want = (unsigned int)(len / sizeof(uint32_t)), got;

    if (xm_fd_take_token(fd) < 0)
        return -1;    /* EAGAIN when non-blocking and empty */
    xm_lock();
    f = xm_file_get_locked(fd);
    if (f == NULL) {
        xm_unlock();
        errno = EBADF;
        return -1;
    }
    if (f->u.evtchn.overflow) {
        xm_file_signal(f);    /* stays readable until RESET */
        xm_log_locked(XM_CALL_READ, fd, len, -1, EFBIG);
        xm_unlock();
        errno = EFBIG;
        return -1;
    }
    got = xm_evtchn_pop_locked(f, out, 1);
    while (got < want && f->u.evtchn.ring_count > 0 && xm_fd_take_token_nowait(fd) == 0)
        got += xm_evtchn_pop_locked(f, out + got, 1);
    xm_log_locked(XM_CALL_READ, fd, len, (long)(got * sizeof(uint32_t)), 0);
    xm_unlock();
    return (ssize_t)(got * sizeof(uint32_t));
}

ssize_t vx_sys_read(int fd, void *buf, size_t len)
{
    struct xm_file *f;
    size_t short_bytes = 0;

    if (!is_model_fd(fd))
        return xm_raw_read(fd, buf, len);
    xm_lock();
    f = xm_file_get_locked(fd);
    if (f == NULL) {
        xm_unlock();
        return xm_raw_read(fd, buf, len);
    }
    if (injected_locked(XM_CALL_READ, fd, len, &short_bytes)) {
        xm_unlock();
        return -1;
    }
    if (short_bytes > 0 && short_bytes < len &&
        short_bytes % sizeof(uint32_t) == 0 && f->kind == XM_KIND_EVTCHN &&
        len % sizeof(uint32_t) == 0 && buf != NULL) {
        /* Fewer whole records than asked for: the ordinary read below,
         * of that length - real ports taken from the ring (zeros here
         * would be records the driver never wrote). */
        len = short_bytes;
    } else if (short_bytes > 0 && short_bytes < len) {
        /* A partial record (no driver returns one); nothing is
         * consumed. */
        memset(buf, 0, short_bytes);
        xm_log_locked(XM_CALL_READ, fd, len, (long)short_bytes, 0);
        xm_unlock();
        return (ssize_t)short_bytes;
    }
    if (f->kind != XM_KIND_EVTCHN || len == 0 || len % sizeof(uint32_t) != 0 ||
        buf == NULL) {
        xm_log_locked(XM_CALL_READ, fd, len, -1, EINVAL);
        xm_unlock();
        errno = EINVAL;
        return -1;
    }
    xm_unlock();
    return xm_hostile_after_rw(XM_CALL_READ, buf, len,      /* hostile.h */
                               evtchn_read(fd, buf, len));
}

ssize_t vx_sys_write(int fd, const void *buf, size_t len)
{
    struct xm_file *f;
    const unsigned char *bytes = buf;
    size_t i;

    if (!is_model_fd(fd))
        return xm_raw_write(fd, buf, len);
    xm_lock();
    f = xm_file_get_locked(fd);
    if (f == NULL) {
        xm_unlock();
        return xm_raw_write(fd, buf, len);
    }
    if (injected_locked(XM_CALL_WRITE, fd, len, NULL)) {
        xm_unlock();
        return -1;
    }
    if (f->kind != XM_KIND_EVTCHN || len % sizeof(uint32_t) != 0 || buf == NULL) {
        xm_log_locked(XM_CALL_WRITE, fd, len, -1, EINVAL);
        xm_unlock();
        errno = EINVAL;
        return -1;
    }
    for (i = 0; i < len; i += sizeof(uint32_t)) {
        uint32_t port;
        memcpy(&port, bytes + i, sizeof(port));
        xm_evtchn_unmask_locked(fd, f, port);
    }
    xm_log_locked(XM_CALL_WRITE, fd, len, (long)len, 0);
    xm_unlock();
    return xm_hostile_after_rw(XM_CALL_WRITE, NULL, len,    /* hostile.h */
                               (ssize_t)len);
}

void *vx_sys_mmap(void *addr, size_t len, int prot, int flags, int fd,
                  off_t offset)
{
    struct xm_file *f;
    uint64_t cookie = 0;
    void *area;
    int err;

    if (!is_model_fd(fd)) {
        if (!(flags & MAP_ANONYMOUS))
            return xm_raw_mmap(addr, len, prot, flags, fd, offset);
        /* Anonymous memory is a kernel call too: logged (fd -1) and
         * subject to fault injection, so that syscall counts and
         * ENOMEM-on-mmap scenarios cover it. */
        xm_lock();
        if (injected_locked(XM_CALL_MMAP, -1, (unsigned long)prot, NULL)) {
            xm_unlock();
            return MAP_FAILED;
        }
        area = xm_raw_mmap(addr, len, prot, flags, fd, offset);
        err = area == MAP_FAILED ? errno : 0;
        xm_log_locked(XM_CALL_MMAP, -1, (unsigned long)prot,
                      area == MAP_FAILED ? -1 : 0, err);
        xm_unlock();
        if (area == MAP_FAILED)
            errno = err;
        return area;
    }
    xm_lock();
    f = xm_file_get_locked(fd);
    if (f == NULL) {
        xm_unlock();
        return xm_raw_mmap(addr, len, prot, flags, fd, offset);
    }
    if (injected_locked(XM_CALL_MMAP, fd, (unsigned long)prot, NULL)) {
        xm_unlock();
        return MAP_FAILED;
    }
    if (f->ops->mmap == NULL || len == 0 || !(flags & MAP_SHARED)) {
        err = f->ops->mmap == NULL ? ENODEV : EINVAL;
        goto fail;
    }
    /* Reserve the address range first; the device fills it. */
    area = xm_raw_mmap(addr, len, PROT_NONE,
                MAP_PRIVATE | MAP_ANONYMOUS | (flags & MAP_FIXED), -1, 0);
    if (area == MAP_FAILED) {
        err = errno;
        goto fail;
    }
    if (f->ops->mmap(fd, f, area, len, prot, offset, &cookie) < 0) {
        err = errno;
        xm_raw_munmap(area, len);
        goto fail;
    }
    if (xm_mapping_add_locked(area, len, fd, cookie) < 0) {
        err = errno;
        if (f->ops->munmap != NULL)
            f->ops->munmap(f, area, len, cookie);
        xm_raw_munmap(area, len);
        goto fail;
    }
    xm_log_locked(XM_CALL_MMAP, fd, (unsigned long)prot, 0, 0);
    xm_unlock();
    return area;

fail:
    xm_log_locked(XM_CALL_MMAP, fd, (unsigned long)prot, -1, err);
    xm_unlock();
    errno = err;
    return MAP_FAILED;
}

int vx_sys_munmap(void *addr, size_t len)
{
    int rc, err;

    xm_lock();
    if (injected_locked(XM_CALL_MUNMAP, -1, 0, NULL)) {
        xm_unlock();
        return -1;
    }
    xm_mappings_unmap_locked(addr, len);
    rc = xm_raw_munmap(addr, len);
    err = rc < 0 ? errno : 0;
    xm_log_locked(XM_CALL_MUNMAP, -1, 0, rc, err);
    xm_unlock();
    if (rc < 0)
        errno = err;
    return rc;
}

int vx_sys_madvise(void *addr, size_t len, int advice)
{
    return hostile_raw_fail(XM_CALL_MADVISE) ? -1 : xm_raw_madvise(addr, len, advice);
}

int vx_sys_dup2(int oldfd, int newfd)
{
    struct xm_file *f;
    int rc;

    xm_lock();
    if (xm_file_get_locked(oldfd) != NULL) {
        /* Sharing one model file between descriptors is not modelled. */
        xm_log_locked(XM_CALL_DUP2, oldfd, (unsigned long)newfd, -1, EINVAL);
        xm_unlock();
        errno = EINVAL;
        return -1;
    }
    f = xm_file_get_locked(newfd);
    if (f == NULL) {
        xm_unlock();
        return xm_raw_dup2(oldfd, newfd);
    }
    if (injected_locked(XM_CALL_DUP2, newfd, (unsigned long)oldfd, NULL)) {
        xm_unlock();
        return -1;
    }
    /* dup2 over a device fd closes that file: its ports go away. */
    rc = xm_raw_dup2(oldfd, newfd);
    if (rc >= 0)
        release_file_locked(newfd, f);
    xm_log_locked(XM_CALL_DUP2, newfd, (unsigned long)oldfd, rc, rc < 0 ? errno : 0);
    xm_unlock();
    return rc;
}
