/*
 * sys_linux.c - the real kernel behind the vx_sys_* seam (see vx_sys.h).
 *
 * Deliberately small: each function is the system call and nothing else,
 * except that the ioctl entries turn a nonsensical answer below -1 into
 * -1/EIO (and vx_sys_ioctl_status folds positive answers to 0), and
 * vx_sys_dup2 keeps newfd's close-on-exec flag.
 * Test and fuzz builds replace it with the mocked kernel in mock/seam.c,
 * whose vx_sys_ioctl_status and vx_sys_ioctl_long are built on its
 * vx_sys_ioctl.
 */
#include "vx_sys.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

int vx_sys_open(const char *path, int flags)
{
    return open(path, flags);
}

int vx_sys_close(int fd)
{
    return close(fd);
}

/* A driver answer below -1 (the contract allows -1 with errno, or a
 * non-negative answer): -1/EIO.  Out of line: never taken with Linux's
 * drivers. */
__attribute__((cold, noinline)) static long vx_sys_ioctl_nonsense(void)
{
    errno = EIO;
    return -1;
}

long vx_sys_ioctl(int fd, unsigned long request, void *arg)
{
    /* ioctl(2) through libc, as upstream issues it (an int result: every
     * request but the hypercall answers 0, a count or a port). */
    int rc = ioctl(fd, request, arg);

    /* The seam's contract is -1 with errno > 0, or a non-negative answer.
     * libc only turns -4095..-1 into -1 and errno; a driver answering a
     * "negative success" below that (or one that truncates to a negative
     * int) would reach callers as a failure without errno (found by
     * fuzzing). */
    if (__builtin_expect(rc < 0, 0) && rc != -1)
        return vx_sys_ioctl_nonsense();
    return rc;
}

/* vx_sys_ioctl_status's answers other than 0: a positive answer is a
 * success too (0), -1 keeps libc's errno, anything below is -1/EIO.  Out
 * of line (a request with nothing to answer answers 0). */
__attribute__((cold, noinline)) static int vx_sys_ioctl_status_other(int rc)
{
    if (rc >= 0)
        return 0;
    if (rc < -1)
        errno = EIO;
    return -1;
}

int vx_sys_ioctl_status(int fd, unsigned long request, void *arg)
{
    int rc = ioctl(fd, request, arg);
    int other;

#if defined(__x86_64__) && defined(__GCC_ASM_FLAG_OUTPUTS__)
    /* "Not 0" from the flags of one test: in C the compiler would know
     * rc is 0 after the test and load a separate 0 to return; here the
     * register holding ioctl's answer is the result. */
    __asm__("test %1, %1" : "=@ccnz"(other) : "r"(rc));
#else
    other = rc != 0;
#endif
    if (other)
        return vx_sys_ioctl_status_other(rc);
    return rc; /* 0 */
}

long vx_sys_ioctl_long(int fd, unsigned long request, void *arg)
{
    /* syscall(2) returns long: no truncation of hypercall results. */
    long rc = syscall(SYS_ioctl, fd, request, arg);

    /* As above: syscall(2) only turns -4095..-1 into -1 and errno.  Both
     * failures leave the usual path by one test of the sign, after which
     * the compiler knows the answer is non-negative (xencall0..5 then
     * truncate it to int without sign fix-ups).  The literal -1 (the
     * nonsense handler's answer) keeps that knowledge: returning the
     * call's result would cost xencallN a range test on the usual path. */
    if (__builtin_expect(rc < 0, 0) && rc != -1) {
        (void)vx_sys_ioctl_nonsense();
        return -1;
    }
    return rc;
}

ssize_t vx_sys_read(int fd, void *buf, size_t len)
{
    return read(fd, buf, len);
}

ssize_t vx_sys_write(int fd, const void *buf, size_t len)
{
    return write(fd, buf, len);
}

void *vx_sys_mmap(void *addr, size_t len, int prot, int flags, int fd,
                  off_t offset)
{
    return mmap(addr, len, prot, flags, fd, offset);
}

int vx_sys_munmap(void *addr, size_t len)
{
    return munmap(addr, len);
}

int vx_sys_madvise(void *addr, size_t len, int advice)
{
    return madvise(addr, len, advice);
}

int vx_sys_dup2(int oldfd, int newfd)
{
    /* dup2 would silently clear FD_CLOEXEC on newfd; a neutered handle's
     * fd must not start leaking into exec'd children because of it. */
    int fdflags = fcntl(newfd, F_GETFD);

    if (fdflags >= 0 && (fdflags & FD_CLOEXEC) && oldfd != newfd)
        return dup3(oldfd, newfd, O_CLOEXEC);
    return dup2(oldfd, newfd);
}
