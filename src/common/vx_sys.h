/*
 * vx_sys.h - the kernel seam.
 *
 * Every request verixen makes of the kernel goes through exactly these
 * functions.  Each library's OS layer (src/<lib>/linux.c) builds the typed
 * request and calls one of them; nothing else in src/ may call open, close,
 * ioctl, syscall(SYS_ioctl), read, write, mmap, munmap, madvise or dup2.
 *
 * Two implementations exist and are chosen at link time:
 *
 *   src/common/sys_linux.c   the real thing: a one-line pass-through to the
 *                            system call, linked into the shipped libraries;
 *   mock/                    the mocked kernel (a model of Linux's
 *                            /dev/xen/ drivers and of the hypervisor),
 *                            linked into unit-test and fuzz binaries.
 *
 * Contracts (mirrored as trusted ACSL in specs/): every function either
 * succeeds as the corresponding system call documents, or returns -1
 * (MAP_FAILED for vx_sys_mmap) with errno set to a positive value.
 * vx_sys_ioctl is ioctl(2) through libc (whose int result it returns as a
 * long); vx_sys_ioctl_long issues the system call itself and returns its
 * full 64-bit result, which is how xencall2L delivers full-width hypercall
 * results (glibc's ioctl() truncates them to int).  Both answer -1 with
 * errno > 0, or a non-negative value (a driver's answer below -1 becomes
 * -1/EIO).  vx_sys_dup2 differs from dup2(2)
 * in one way: if newfd was close-on-exec it stays close-on-exec.
 */
#ifndef VX_SYS_H
#define VX_SYS_H

#include <stddef.h>
#include <sys/types.h>

int vx_sys_open(const char *path, int flags);
int vx_sys_close(int fd);
long vx_sys_ioctl(int fd, unsigned long request, void *arg);
long vx_sys_ioctl_long(int fd, unsigned long request, void *arg);
/* ioctl(2) of a request whose answer is only success or failure: 0 (also
 * for a positive answer), or -1 with errno > 0. */
int vx_sys_ioctl_status(int fd, unsigned long request, void *arg);
ssize_t vx_sys_read(int fd, void *buf, size_t len);
ssize_t vx_sys_write(int fd, const void *buf, size_t len);
void *vx_sys_mmap(void *addr, size_t len, int prot, int flags, int fd,
                  off_t offset);
int vx_sys_munmap(void *addr, size_t len);
int vx_sys_madvise(void *addr, size_t len, int advice);
int vx_sys_dup2(int oldfd, int newfd);

#endif /* VX_SYS_H */
