/*
 * raw.h - the system calls the model itself makes, issued with syscall(2)
 * rather than through libc's wrappers.
 *
 * Why: under the LD_PRELOAD shim (mock/shim.c) libc's open/read/write/
 * close/mmap/... are the shim's, which route calls on model descriptors
 * back into the model.  The model's own bookkeeping on those descriptors
 * (the eventfd readiness tokens, closing, dup2) must reach the kernel
 * directly, or it would recurse into itself.
 */
#ifndef XENMOCK_RAW_H
#define XENMOCK_RAW_H

#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

/* Inside the shim, libc's syscall() is itself interposed (for
 * XM_SYSCALL(SYS_ioctl, ...)): the model must call the next one. */
#ifdef XM_SHIM
extern long (*xm_next_syscall)(long number, ...);
#define XM_SYSCALL xm_next_syscall
#else
#define XM_SYSCALL syscall
#endif

static inline int xm_raw_open(const char *path, int flags, mode_t mode)
{
    return (int)XM_SYSCALL(SYS_openat, AT_FDCWD, path, flags, mode);
}

static inline int xm_raw_close(int fd)
{
    return (int)XM_SYSCALL(SYS_close, fd);
}

static inline ssize_t xm_raw_read(int fd, void *buf, size_t len)
{
    return (ssize_t)XM_SYSCALL(SYS_read, fd, buf, len);
}

static inline ssize_t xm_raw_write(int fd, const void *buf, size_t len)
{
    return (ssize_t)XM_SYSCALL(SYS_write, fd, buf, len);
}

static inline long xm_raw_ioctl(int fd, unsigned long request, void *arg)
{
    return XM_SYSCALL(SYS_ioctl, fd, request, arg);
}

static inline void *xm_raw_mmap(void *addr, size_t len, int prot, int flags,
                                int fd, off_t offset)
{
    return (void *)XM_SYSCALL(SYS_mmap, addr, len, prot, flags, fd, offset);
}

static inline int xm_raw_munmap(void *addr, size_t len)
{
    return (int)XM_SYSCALL(SYS_munmap, addr, len);
}

static inline int xm_raw_madvise(void *addr, size_t len, int advice)
{
    return (int)XM_SYSCALL(SYS_madvise, addr, len, advice);
}

static inline int xm_raw_dup2(int oldfd, int newfd)
{
    return (int)XM_SYSCALL(SYS_dup2, oldfd, newfd);
}

#endif /* XENMOCK_RAW_H */
