/*
 * hypercall.c - model of Linux's /dev/xen/hypercall (privcmd-buf) driver.
 *
 * mmap() of the device yields zeroed, shared, read/write memory that the
 * kernel keeps resident, so Xen can always access it.  The model keeps
 * the list of live buffers: the privcmd model uses it to flag hypercall
 * arguments that point elsewhere (a library that passes ordinary memory
 * to Xen works by luck on a real system: the page may be migrated).
 *
 * As on Linux, a buffer outlives the descriptor it was mapped from (the
 * mapping holds a reference on the file): closing the device first and
 * unmapping later is legal, and the buffer stays usable in between.  The
 * generic close path forgets such mappings without telling the device, so
 * a buffer whose descriptor is gone is checked against the process's real
 * address space: unmapped means released, still mapped means leaked.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "hypercall_buf.h"
#include "model.h"

#define XM_MAX_HCALL_BUFS 1024

struct hcall_buf {
    uintptr_t lo, hi;      /* [lo, hi), hi == 0: free slot */
    int fd;
    int orphaned;          /* its file was closed while it was mapped */
};

static struct hcall_buf hcall_bufs[XM_MAX_HCALL_BUFS];

/* 1 if every page of [lo, hi) is mapped in this process. */
static int range_mapped(uintptr_t lo, uintptr_t hi)
{
    /* msync() fails with ENOMEM on any unmapped page of the range. */
    return msync((void *)lo, hi - lo, MS_ASYNC) == 0 || errno != ENOMEM;
}

/* Forget an orphaned buffer once the process has unmapped it. */
static int buf_live(struct hcall_buf *b)
{
    int saved = errno;

    if (b->hi != 0 && b->orphaned && !range_mapped(b->lo, b->hi))
        memset(b, 0, sizeof(*b));
    errno = saved;
    return b->hi != 0;
}

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
    /* An orphaned buffer overlapping the new range was unmapped behind
     * the model's back: the front end just reserved these addresses. */
    for (i = 0; i < XM_MAX_HCALL_BUFS; i++)
        if (hcall_bufs[i].orphaned && hcall_bufs[i].lo < (uintptr_t)addr + len &&
            hcall_bufs[i].hi > (uintptr_t)addr)
            memset(&hcall_bufs[i], 0, sizeof(hcall_bufs[i]));
    for (i = 0; i < XM_MAX_HCALL_BUFS; i++)
        if (!buf_live(&hcall_bufs[i]))
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
    hcall_bufs[i].orphaned = 0;
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
    size_t i;

    (void)f;
    /* The front end forgot this file's mappings before calling us
     * without unmapping them: on Linux they stay valid until munmap. */
    for (i = 0; i < XM_MAX_HCALL_BUFS; i++)
        if (hcall_bufs[i].hi != 0 && hcall_bufs[i].fd == fd)
            hcall_bufs[i].orphaned = 1;
}

static void hypercall_check(void)
{
    size_t i;

    for (i = 0; i < XM_MAX_HCALL_BUFS; i++)
        if (buf_live(&hcall_bufs[i]))
            xm_violation_locked("hypercall buffer %#lx+%lu (fd %d%s) still mapped",
                                (unsigned long)hcall_bufs[i].lo,
                                (unsigned long)(hcall_bufs[i].hi - hcall_bufs[i].lo),
                                hcall_bufs[i].fd,
                                hcall_bufs[i].orphaned ? ", closed" : "");
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
        if (buf_live(&hcall_bufs[i]) && addr >= hcall_bufs[i].lo &&
            addr + len <= hcall_bufs[i].hi)
            return 1;
    return 0;
}

int xm_hypercall_device_open_locked(void)
{
    size_t fd;

    for (fd = 0; fd < XM_MAX_FDS; fd++)
        if (xm_local.files[fd] != NULL &&
            xm_local.files[fd]->kind == XM_KIND_HYPERCALL)
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
