/*
 * shim.c - the LD_PRELOAD front end of the mocked kernel (libxenmock.so).
 *
 * Unmodified binaries - Debian's own libxen*.so, verixen's shared libraries
 * built with the real seam, real clients - run on the model when this
 * library is preloaded: it interposes libc's entry points for the calls the
 * Xen libraries make and hands them to the link-time seam (seam.c), which
 * sends calls on Xen device paths and descriptors to the model and passes
 * every other call straight to the kernel.
 *
 * Interposed: open, open64, __open_2, __open64_2, openat, openat64, close,
 * ioctl, read, write, mmap, mmap64, munmap, madvise, dup2, dup3 and syscall (for
 * syscall(SYS_ioctl, ...), which verixen's own seam uses).  The control
 * API of xenmock.h is exported too, so a test program linked against this
 * library can set the scene for whichever libraries it runs on.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include "model.h"
#include "raw.h"
#include "vx_sys.h"

#define SHIM_EXPORT __attribute__((visibility("default")))

long (*xm_next_syscall)(long number, ...);
static ssize_t (*next_read)(int fd, void *buf, size_t len);

/* Resolved before main(); also on first use, in case another constructor
 * reaches us first. */
static void shim_resolve(void)
{
    if (xm_next_syscall == NULL)
        xm_next_syscall = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
    if (next_read == NULL)
        next_read = (ssize_t (*)(int, void *, size_t))dlsym(RTLD_NEXT, "read");
}

__attribute__((constructor)) static void shim_init(void)
{
    shim_resolve();
}

static int is_device_path(const char *path)
{
    return path != NULL && (strncmp(path, "/dev/xen/", 9) == 0 ||
                            strncmp(path, "/proc/xen/", 10) == 0);
}

/* O_CREAT and O_TMPFILE are the only flags that carry a mode argument. */
static int wants_mode(int flags)
{
    return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE;
}

static int shim_open(const char *path, int flags, mode_t mode)
{
    shim_resolve();
    if (is_device_path(path))
        return vx_sys_open(path, flags);
    return xm_raw_open(path, flags, mode);
}

SHIM_EXPORT int open(const char *path, int flags, ...)
{
    mode_t mode = 0;

    if (wants_mode(flags)) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, unsigned int);
        va_end(ap);
    }
    return shim_open(path, flags, mode);
}

SHIM_EXPORT int open64(const char *path, int flags, ...)
{
    mode_t mode = 0;

    if (wants_mode(flags)) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, unsigned int);
        va_end(ap);
    }
    return shim_open(path, flags, mode);
}

/* The _FORTIFY_SOURCE entry points (Debian builds with it). */
SHIM_EXPORT int __open_2(const char *path, int flags);
SHIM_EXPORT int __open_2(const char *path, int flags)
{
    return shim_open(path, flags, 0);
}

SHIM_EXPORT int __open64_2(const char *path, int flags);
SHIM_EXPORT int __open64_2(const char *path, int flags)
{
    return shim_open(path, flags, 0);
}

static int shim_openat(int dirfd, const char *path, int flags, mode_t mode)
{
    shim_resolve();
    if (is_device_path(path))
        return vx_sys_open(path, flags);
    return (int)xm_next_syscall(SYS_openat, dirfd, path, flags, mode);
}

SHIM_EXPORT int openat(int dirfd, const char *path, int flags, ...)
{
    mode_t mode = 0;

    if (wants_mode(flags)) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, unsigned int);
        va_end(ap);
    }
    return shim_openat(dirfd, path, flags, mode);
}

SHIM_EXPORT int openat64(int dirfd, const char *path, int flags, ...)
{
    mode_t mode = 0;

    if (wants_mode(flags)) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, unsigned int);
        va_end(ap);
    }
    return shim_openat(dirfd, path, flags, mode);
}

SHIM_EXPORT int close(int fd)
{
    shim_resolve();
    return vx_sys_close(fd);
}

SHIM_EXPORT int ioctl(int fd, unsigned long request, ...)
{
    va_list ap;
    void *arg;

    va_start(ap, request);
    arg = va_arg(ap, void *);
    va_end(ap);
    shim_resolve();
    return (int)vx_sys_ioctl(fd, request, arg);
}

SHIM_EXPORT ssize_t read(int fd, void *buf, size_t len)
{
    shim_resolve();
    /* Other descriptors go to libc's read, not a raw system call: it is a
     * thread cancellation point, which libxenstore's reader thread relies
     * on when xs_close() cancels it. */
    if (fd < 0 || fd >= XM_MAX_FDS || xm_local.files[fd] == NULL)
        return next_read(fd, buf, len);
    return vx_sys_read(fd, buf, len);
}

SHIM_EXPORT ssize_t write(int fd, const void *buf, size_t len)
{
    shim_resolve();
    return vx_sys_write(fd, buf, len);
}

SHIM_EXPORT void *mmap(void *addr, size_t len, int prot, int flags, int fd,
                       off_t offset)
{
    shim_resolve();
    return vx_sys_mmap(addr, len, prot, flags, fd, offset);
}

SHIM_EXPORT void *mmap64(void *addr, size_t len, int prot, int flags, int fd,
                         off_t offset)
{
    shim_resolve();
    return vx_sys_mmap(addr, len, prot, flags, fd, offset);
}

SHIM_EXPORT int munmap(void *addr, size_t len)
{
    shim_resolve();
    return vx_sys_munmap(addr, len);
}

SHIM_EXPORT int madvise(void *addr, size_t len, int advice)
{
    shim_resolve();
    return vx_sys_madvise(addr, len, advice);
}

SHIM_EXPORT int dup2(int oldfd, int newfd)
{
    shim_resolve();
    return vx_sys_dup2(oldfd, newfd);
}

/* verixen's real seam keeps newfd's close-on-exec flag with dup3. */
SHIM_EXPORT int dup3(int oldfd, int newfd, int flags)
{
    int rc;

    shim_resolve();
    rc = vx_sys_dup2(oldfd, newfd);
    if (rc >= 0 && (flags & O_CLOEXEC))
        (void)fcntl(newfd, F_SETFD, FD_CLOEXEC);
    return rc;
}

SHIM_EXPORT long syscall(long number, ...)
{
    long a[6];
    va_list ap;
    int i;

    va_start(ap, number);
    for (i = 0; i < 6; i++)
        a[i] = va_arg(ap, long);
    va_end(ap);
    shim_resolve();
    if (number == SYS_ioctl)
        return vx_sys_ioctl((int)a[0], (unsigned long)a[1], (void *)a[2]);
    return xm_next_syscall(number, a[0], a[1], a[2], a[3], a[4], a[5]);
}
