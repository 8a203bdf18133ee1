/*
 * resource.c - mapping resources of a domain (grant table frames, ioreq
 * server pages, ...) with privcmd's MMAP_RESOURCE, and asking their size.
 */
#include <errno.h>
#include <sys/mman.h>

#include "fmem_private.h"
#include "vx_checked.h"
#include "vx_export.h"
#include "vx_guard.h"

#ifdef __FRAMAC__
#include "fmem_resource.acsl.h"
#endif

/* Whatever errno the kernel gives for a request it does not implement
 * means "no resource mapping here": callers fall back to older
 * interfaces when they see EOPNOTSUPP. */
static void translate_unsupported(const xenforeignmemory_handle *fmem)
{
    if (errno == fmem->unimpl_errno || errno == ENOTTY)
        errno = EOPNOTSUPP;
}

/* Map resource (dom, type, id) from frame `frame` at fres->addr, of
 * fres->nr_frames frames (or, with addr NULL and nr_frames 0, learn its
 * size into fres->nr_frames).  0, or -1 with errno and nothing mapped. */
static int resource_map(xenforeignmemory_handle *fmem, domid_t dom,
                        unsigned int type, unsigned int id, uint32_t frame,
                        int prot, int flags,
                        xenforeignmemory_resource_handle *fres)
{
    uint64_t num = fres->nr_frames;
    size_t bytes;
    void *addr;

    if (fres->addr == NULL && fres->nr_frames == 0) {
        if (fmem_os_mmap_resource(fmem->fd, dom, type, id, frame, &num,
                                  NULL) < 0) {
            translate_unsupported(fmem);
            return -1;
        }
        VX_ENSURE(num <= SIZE_MAX / VX_XEN_PAGE_SIZE, EOVERFLOW);
        fres->nr_frames = (unsigned long)num;
        return 0;
    }
    VX_ENSURE(fres->nr_frames > 0, EINVAL);
    VX_GUARD(vx_pages_to_bytes(fres->nr_frames, &bytes));
    addr = fmem_os_map(fmem->fd, fres->addr, bytes, prot, flags);
    if (addr == NULL)
        return -1;
    if (fmem_os_mmap_resource(fmem->fd, dom, type, id, frame, &num,
                              addr) < 0) {
        translate_unsupported(fmem);
        VX_PRESERVING_ERRNO((void)fmem_os_unmap(addr, bytes));
        return -1;
    }
    fres->addr = addr;
    fres->bytes = bytes;
    return 0;
}

VX_EXPORT xenforeignmemory_resource_handle *xenforeignmemory_map_resource(
    xenforeignmemory_handle *fmem, domid_t domid, unsigned int type,
    unsigned int id, unsigned long frame, unsigned long nr_frames,
    void **paddr, int prot, int flags)
{
    xenforeignmemory_resource_handle *fres, res;

    VX_ENSURE_PTR(xenforeignmemory_handle_is_valid(fmem) && paddr != NULL,
                  EINVAL);
    VX_ENSURE_PTR((flags & ~(MAP_SHARED | MAP_PRIVATE)) == 0, EINVAL);
    /* The kernel's frame index is 32 bits wide. */
    VX_ENSURE_PTR(frame <= UINT32_MAX, EINVAL);

    /* The request first, the record after: a failed request allocates
     * nothing. */
    res.nr_frames = nr_frames;
    res.addr = *paddr;
    res.bytes = 0;
    if (resource_map(fmem, domid, type, id, (uint32_t)frame /* checked */,
                     prot, flags, &res) < 0)
        return NULL;
    fres = fmem_resource_alloc();
    if (fres == NULL) {
        if (res.bytes != 0)
            VX_PRESERVING_ERRNO((void)fmem_os_unmap(res.addr, res.bytes));
        return NULL;
    }
    fres->nr_frames = res.nr_frames;
    fres->addr = res.addr;
    fres->bytes = res.bytes;
    *paddr = res.addr;
    fmem_resource_register(fmem, fres);
    return fres;
}

VX_EXPORT int xenforeignmemory_unmap_resource(
    xenforeignmemory_handle *fmem, xenforeignmemory_resource_handle *fres)
{
    xenforeignmemory_resource_handle *r;
    void *addr;
    size_t bytes;
    int found = 0;

    if (fres == NULL)
        return 0;
    VX_ENSURE(xenforeignmemory_handle_is_valid(fmem), EINVAL);
    /* Only records this handle still owns are touched: releasing one
     * twice is a no-op instead of a double free.  (The unlinking is
     * written here rather than called: a call's possible exit path makes
     * WP check the callee's assigns on the record fields again, a goal
     * z3 and cvc4 do not prove.) */
    (void)pthread_mutex_lock(&fmem->lock);
    r = fmem->resources;
    if (r == fres) {
        fmem->resources = fres->next;
        found = 1;
    } else {
        /* Stop at the record before fres (r->next == fres), or at the
         * end: fres is only dereferenced once it is known to be listed. */
        /*@ loop invariant listed: fmem_res_list_ok(r);
            loop assigns r;
        */
        while (r != NULL && r->next != fres)
            r = r->next;
        if (r != NULL) {
            r->next = fres->next;
            found = 1;
        }
    }
    (void)pthread_mutex_unlock(&fmem->lock);
    if (!found)
        return 0;
    /* The record is freed first, so that the unmap ends the call. */
    addr = fres->addr;
    bytes = fres->bytes;
    fmem_resource_free(fres);
    if (bytes == 0)
        return 0;
    return fmem_os_unmap(addr, bytes);
}

VX_EXPORT int xenforeignmemory_resource_size(
    xenforeignmemory_handle *fmem, domid_t domid, unsigned int type,
    unsigned int id, size_t *size)
{
    xenforeignmemory_resource_handle fres = { .nr_frames = 0 };

    VX_ENSURE(xenforeignmemory_handle_is_valid(fmem) && size != NULL, EINVAL);
    VX_GUARD(resource_map(fmem, domid, type, id, 0, 0, 0, &fres));
    /* Cannot fail: resource_map refused (EOVERFLOW) a size whose bytes
     * do not fit a size_t (the proof found the error branch dead). */
    (void)vx_pages_to_bytes(fres.nr_frames, size);
    return 0;
}
