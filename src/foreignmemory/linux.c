/*
 * linux.c - libxenforeignmemory's OS layer: Linux's privcmd driver, one
 * typed function per kernel request, issued through the vx_sys_* seam.
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
#include <xen/xen.h>
#include <xen/sys/privcmd.h>

#include "fmem_private.h"
#include "vx_guard.h"
#include "vx_sys.h"

#define PRIVCMD_DEVICE "/dev/xen/privcmd"
#define PRIVCMD_PROC   "/proc/xen/privcmd"

int fmem_os_open(void)
{
    int fd = vx_sys_open(PRIVCMD_DEVICE, O_RDWR | O_CLOEXEC);

    if (fd < 0 && (errno == ENOENT || errno == ENXIO || errno == ENODEV))
        fd = vx_sys_open(PRIVCMD_PROC, O_RDWR | O_CLOEXEC);
    return fd;
}

int fmem_os_close(int fd)
{
    return vx_sys_close(fd);
}

long fmem_os_probe_unimplemented(int fd)
{
    /* The request takes no argument; a valid pointer anyway, so that no
     * layer can answer EFAULT instead of "unknown request". */
    int unused = 0;

    return vx_sys_ioctl(fd, IOCTL_PRIVCMD_UNIMPLEMENTED, &unused);
}

void *fmem_os_map(int fd, void *addr, size_t bytes, int prot, int flags)
{
    void *p = vx_sys_mmap(addr, bytes, prot, flags | MAP_SHARED, fd, 0);

    return p == MAP_FAILED ? NULL : p;
}

void *fmem_os_reserve(void *addr, size_t bytes, int flags)
{
    void *p = vx_sys_mmap(addr, bytes, PROT_NONE,
                          MAP_PRIVATE | MAP_ANONYMOUS | (flags & MAP_FIXED),
                          -1, 0);

    return p == MAP_FAILED ? NULL : p;
}

int fmem_os_unmap(void *addr, size_t bytes)
{
    return vx_sys_munmap(addr, bytes);
}

_Static_assert(sizeof(struct fmem_batch) == sizeof(privcmd_mmapbatch_v2_t) &&
               offsetof(struct fmem_batch, num) ==
                   offsetof(privcmd_mmapbatch_v2_t, num) &&
               offsetof(struct fmem_batch, dom) ==
                   offsetof(privcmd_mmapbatch_v2_t, dom) &&
               offsetof(struct fmem_batch, addr) ==
                   offsetof(privcmd_mmapbatch_v2_t, addr) &&
               offsetof(struct fmem_batch, arr) ==
                   offsetof(privcmd_mmapbatch_v2_t, arr) &&
               offsetof(struct fmem_batch, err) ==
                   offsetof(privcmd_mmapbatch_v2_t, err),
               "struct fmem_batch is privcmd_mmapbatch_v2_t");

long fmem_os_batch(int fd, struct fmem_batch *req)
{
    return vx_sys_ioctl(fd, IOCTL_PRIVCMD_MMAPBATCH_V2, req);
}

/* The same request from separate arguments (map2's general path): one
 * place issues MMAPBATCH_V2. */
long fmem_os_mmapbatch(int fd, domid_t dom, void *addr,
                       const xen_pfn_t *arr, int *err, unsigned int num)
{
    struct fmem_batch req = {
        .num = num,
        .dom = dom,
        .addr = (uint64_t)(uintptr_t)addr,
        .arr = arr,
        .err = err,
    };

    return fmem_os_batch(fd, &req);
}

long fmem_os_mmapbatch_v1(int fd, domid_t dom, void *addr,
                          const xen_pfn_t *arr, int *err, unsigned int num)
{
    privcmd_mmapbatch_t req;
    xen_pfn_t *marked;
    unsigned int i;
    long rc;

    /* The request counts pages in an int, and the kernel writes into the
     * array: give it a copy. */
    if (num == 0 || num > INT32_MAX) {
        errno = EINVAL;
        return -1;
    }
    marked = malloc((size_t)num * sizeof(*marked));
    if (marked == NULL) {
        errno = ENOMEM;
        return -1;
    }
    memcpy(marked, arr, (size_t)num * sizeof(*marked));
    req.num = (int)num;
    req.dom = dom;
    req.addr = (uint64_t)(uintptr_t)addr;
    req.arr = marked;
    rc = vx_sys_ioctl(fd, IOCTL_PRIVCMD_MMAPBATCH, &req);
    /* Success, or some frames paged out: every entry says how its page
     * went.  The kernel ors PAGED_ERROR (paged out) or MFN_ERROR (any
     * other failure) into a failed entry and leaves the others alone.
     * A frame number that already has those bits set cannot report
     * through them (a limit of the v1 request itself): such a frame is
     * reported failed, since success cannot be told from failure (found
     * by fuzz_foreignmemory: a page the kernel refused was reported
     * mapped). */
    if (rc >= 0 || errno == ENOENT) {
        for (i = 0; i < num; i++) {
            xen_pfn_t diff = marked[i] ^ arr[i];
            int ambiguous = (arr[i] & PRIVCMD_MMAPBATCH_MFN_ERROR) != 0;

            if (!ambiguous && diff == 0)
                err[i] = 0;
            else if (!ambiguous && diff == PRIVCMD_MMAPBATCH_PAGED_ERROR)
                err[i] = -ENOENT;
            else
                err[i] = -EINVAL;
        }
    }
    VX_PRESERVING_ERRNO(free(marked));
    return rc;
}

long fmem_os_mmap_resource(int fd, domid_t dom, unsigned int type,
                           unsigned int id, uint32_t idx, uint64_t *num,
                           void *addr)
{
    privcmd_mmap_resource_t req = {
        .dom = dom,
        .type = type,
        .id = id,
        .idx = idx,
        .num = *num,
        .addr = (uint64_t)(uintptr_t)addr,
    };
    long rc = vx_sys_ioctl(fd, IOCTL_PRIVCMD_MMAP_RESOURCE, &req);

    if (rc >= 0)
        *num = req.num;
    return rc;
}

long fmem_os_restrict(int fd, domid_t domid)
{
    domid_t d = domid;

    return vx_sys_ioctl(fd, IOCTL_PRIVCMD_RESTRICT, &d);
}

void fmem_os_pause(unsigned int attempt)
{
    long ns = 100000L;
    struct timespec ts;

    while (attempt-- > 0 && ns < 10000000L)
        ns *= 2;
    if (ns > 10000000L)
        ns = 10000000L;
    ts.tv_sec = 0;
    ts.tv_nsec = ns;
    VX_PRESERVING_ERRNO((void)nanosleep(&ts, NULL));
}
