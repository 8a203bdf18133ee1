/*
 * linux.c - libxencall's OS layer: Linux's privcmd and hypercall buffer
 * devices, one typed function per kernel request, issued through the
 * vx_sys_* seam.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <xen/xen.h>
#include <xen/sys/privcmd.h>

#include "call_private.h"
#include "vx_checked.h"
#include "vx_guard.h"
#include "vx_sys.h"

#define PRIVCMD_DEVICE      "/dev/xen/privcmd"
#define PRIVCMD_PROC        "/proc/xen/privcmd"
#define HYPERCALL_DEVICE    "/dev/xen/hypercall"

int call_os_open_privcmd(void)
{
    int fd = vx_sys_open(PRIVCMD_DEVICE, O_RDWR | O_CLOEXEC);

    /* Kernels before the /dev node existed only offer the proc file. */
    if (fd < 0 && (errno == ENOENT || errno == ENXIO || errno == ENODEV))
        fd = vx_sys_open(PRIVCMD_PROC, O_RDWR | O_CLOEXEC);
    return fd;
}

int call_os_open_hypercall_buf(void)
{
    return vx_sys_open(HYPERCALL_DEVICE, O_RDWR | O_CLOEXEC);
}

int call_os_close(int fd)
{
    return vx_sys_close(fd);
}

long call_os_hypercall(int fd, unsigned int op, const uint64_t args[5])
{
    privcmd_hypercall_t hc = {
        .op = op,
        .arg = { args[0], args[1], args[2], args[3], args[4] },
    };

    return vx_sys_ioctl_long(fd, IOCTL_PRIVCMD_HYPERCALL, &hc);
}

char *call_os_map_buffer(int buf_fd, size_t bytes)
{
    char *p;
    size_t off;

    if (buf_fd >= 0) {
        p = vx_sys_mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED,
                        buf_fd, 0);
        return p == MAP_FAILED ? NULL : p;
    }
    /* No buffer device: locked anonymous memory, kept out of fork
     * children (a child's copy-on-write could move the page Xen is
     * writing to). */
    p = vx_sys_mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    if (vx_sys_madvise(p, bytes, MADV_DONTFORK) < 0) {
        VX_PRESERVING_ERRNO((void)vx_sys_munmap(p, bytes));
        return NULL;
    }
    /* A fork in another thread between mmap and madvise may have made
     * the pages copy-on-write; writing each breaks the sharing. */
    for (off = 0; off < bytes; off += VX_XEN_PAGE_SIZE)
        p[off] = 0;
    return p;
}

int call_os_unmap_buffer(int buf_fd, char *p, size_t bytes)
{
    if (buf_fd < 0)
        (void)vx_sys_madvise(p, bytes, MADV_DOFORK);
    return vx_sys_munmap(p, bytes);
}
