/*
 * buffers.c - hypercall buffers: xencall_alloc_buffer_pages and friends.
 *
 * Memory handed to the hypervisor must not move while Xen uses it, so it
 * comes from /dev/xen/hypercall (or, without that device, from locked
 * anonymous memory; see linux.c).  Every buffer is zeroed before it is
 * handed out, whether fresh or recycled, so no hypercall result leaks
 * from one use into the next.
 */
#include <errno.h>
#include <string.h>

#include "call_private.h"
#include "vx_checked.h"
#include "vx_export.h"
#include "vx_guard.h"

void call_buffer_release(xencall_handle *xcall, void *p, size_t pages)
{
    size_t bytes;

    /* pages was validated when the buffer was allocated. */
    if (vx_pages_to_bytes(pages, &bytes) < 0)
        return;
    VX_PRESERVING_ERRNO((void)call_os_unmap_buffer(xcall->buf_fd, p, bytes));
}

VX_EXPORT void *xencall_alloc_buffer_pages(xencall_handle *xcall,
                                           size_t nr_pages)
{
    size_t bytes;
    void *p;

    VX_ENSURE_PTR(xencall_handle_is_valid(xcall), EINVAL);
    VX_ENSURE_PTR(nr_pages > 0, EINVAL);
    VX_GUARD_PTR(vx_pages_to_bytes(nr_pages, &bytes));

    p = call_cache_take(xcall, nr_pages);
    if (p == NULL) {
        p = call_os_map_buffer(xcall->buf_fd, bytes);
        if (p == NULL) {
            xtl_log(xcall->logger, XTL_ERROR, errno, CALL_LOG_CONTEXT,
                    "allocating %zu hypercall buffer page(s) failed",
                    nr_pages);
            return NULL;
        }
    }
    call_cache_note_alloc(xcall);
    memset(p, 0, bytes);
    return p;
}

VX_EXPORT void xencall_free_buffer_pages(xencall_handle *xcall, void *p,
                                         size_t nr_pages)
{
    if (p == NULL || !xencall_handle_is_valid(xcall) || nr_pages == 0)
        return;
    if (!call_cache_put(xcall, p, nr_pages))
        call_buffer_release(xcall, p, nr_pages);
}

VX_EXPORT void *xencall_alloc_buffer(xencall_handle *xcall, size_t size)
{
    size_t total, pages;
    unsigned char *base;

    VX_GUARD_PTR(vx_add_size(size, CALL_BUFFER_HEADER, &total));
    VX_GUARD_PTR(vx_bytes_to_pages(total, &pages));
    base = xencall_alloc_buffer_pages(xcall, pages);
    if (base == NULL)
        return NULL;
    /* The page count travels in the header so free needs no size. */
    memcpy(base, &pages, sizeof(pages));
    return base + CALL_BUFFER_HEADER;
}

VX_EXPORT void xencall_free_buffer(xencall_handle *xcall, void *p)
{
    unsigned char *base;
    size_t pages;

    if (p == NULL)
        return;
    base = (unsigned char *)p - CALL_BUFFER_HEADER;
    memcpy(&pages, base, sizeof(pages));
    xencall_free_buffer_pages(xcall, base, pages);
}
