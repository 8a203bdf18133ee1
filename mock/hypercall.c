/*
 * hypercall.c - model of Linux's /dev/xen/hypercall (privcmd-buf) driver.
 *
 * mmap() of the device yields zeroed, shared, read/write memory that the
 * kernel keeps resident, so Xen can always access it.  The model keeps
 * the list of live buffers: the privcmd model uses it to flag hypercall
 * arguments that point elsewhere (a library that passes ordinary memory
 * to Xen works by luck on a real system: the page may be migrated).
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "hypercall_buf.h"
#include "model.h"

#define XM_MAX_HCALL_BUFS 1024

struct hcall_buf {
    uintptr_t lo, hi;      /* [lo, hi), hi == 0: free slot */
    int fd;
};

static struct hcall_buf hcall_bufs[XM_MAX_HCALL_BUFS];

static int hypercall_mmap(int fd, struct xm_file *f, void *addr, size_t len,
                          int prot, off_t offset, uint64_t *cookie)
{
    size_t i;

    (void)f;
    /* Linux's driver only maps from offset 0, read/write. */
    if (offset != 0 || (prot & ~(PROT_READ | PROT_WRITE)) != 0 ||
        len % XM_PAGE_SIZE != 0) {
        errno = EINVAL;
        return -1;
    }
    for (i = 0; i < XM_MAX_HCALL_BUFS; i++)
        if (hcall_bufs[i].hi == 0)
            break;
    if (i == XM_MAX_HCALL_BUFS) {
        errno = ENOMEM;
        return -1;
    }
    /* Fresh anonymous shared memory is zero-filled, as the driver's
     * pages are. */
    if (mmap(addr, len, prot, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
        == MAP_FAILED)
        return -1;
    hcall_bufs[i].lo = (uintptr_t)addr;
    hcall_bufs[i].hi = (uintptr_t)addr + len;
    hcall_bufs[i].fd = fd;
    *cookie = i;
    return 0;
}

static void hypercall_munmap(struct xm_file *f, void *addr, size_t len,
                             uint64_t cookie)
{
    (void)f;
    if (cookie < XM_MAX_HCALL_BUFS &&
        hcall_bufs[cookie].lo == (uintptr_t)addr &&
        hcall_bufs[cookie].hi == (uintptr_t)addr + len)
        memset(&hcall_bufs[cookie], 0, sizeof(hcall_bufs[cookie]));
    else
        xm_violation_locked("hypercall: munmap of unknown buffer %p+%zu",
                            addr, len);
}

static void hypercall_release(int fd, struct xm_file *f)
{
    (void)fd;
    (void)f;
    /* Buffers were reported through munmap by the front end already
     * (xm_mappings_of_fd_locked runs before release). */
}

static void hypercall_check(void)
{
    size_t i;

    for (i = 0; i < XM_MAX_HCALL_BUFS; i++)
        if (hcall_bufs[i].hi != 0)
            xm_violation_locked("hypercall buffer %#lx+%lu (fd %d) still mapped",
                                (unsigned long)hcall_bufs[i].lo,
                                (unsigned long)(hcall_bufs[i].hi - hcall_bufs[i].lo),
                                hcall_bufs[i].fd);
}

static void hypercall_reset(void)
{
    memset(hcall_bufs, 0, sizeof(hcall_bufs));
}

int xm_hypercall_buffer_contains_locked(uint64_t addr, size_t len)
{
    size_t i;

    if (addr + len < addr)
        return 0;
    for (i = 0; i < XM_MAX_HCALL_BUFS; i++)
        if (hcall_bufs[i].hi != 0 && addr >= hcall_bufs[i].lo &&
            addr + len <= hcall_bufs[i].hi)
            return 1;
    return 0;
}

const struct xm_device_ops xm_hypercall_ops = {
    .kind = XM_KIND_HYPERCALL,
    .name = "hypercall",
    .mmap = hypercall_mmap,
    .munmap = hypercall_munmap,
    .release = hypercall_release,
    .check = hypercall_check,
    .reset = hypercall_reset,
};
