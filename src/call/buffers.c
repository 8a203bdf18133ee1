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

#ifdef __FRAMAC__
#include "call_buffers.acsl.h"
#endif

/* The page count in the header of an xencall_alloc_buffer() buffer: in
 * base 128, least significant digit first, one digit per byte of its
 * first 8 bytes (enough: a page count is below 2^52).  Byte 8 is 1 when
 * the count is its first digit alone (below 128 pages, the usual case),
 * so that free reads one byte instead of eight. */
/* header_store for 128 pages or more: all eight digits.  Out of line
 * (rare), so that the compiler does not merge the usual one-digit store
 * into this computation. */
__attribute__((noinline))
static void header_store_digits(char *base, size_t pages)
{
    size_t q = pages;

    base[0] = (char)(q % 128u);
    q /= 128u;
    base[1] = (char)(q % 128u);
    q /= 128u;
    base[2] = (char)(q % 128u);
    q /= 128u;
    base[3] = (char)(q % 128u);
    q /= 128u;
    base[4] = (char)(q % 128u);
    q /= 128u;
    base[5] = (char)(q % 128u);
    q /= 128u;
    base[6] = (char)(q % 128u);
    q /= 128u;
    base[7] = (char)(q % 128u);
    /*@ assert digits: \forall integer i; 0 <= i < 8 ==> 0 <= base[i] < 128; */
    base[8] = 0;
}

static void header_store(char *base, size_t pages)
{
    if (pages < 128u) {
        /* The compiler turns these byte stores into two. */
        base[0] = (char)pages;
        base[1] = 0;
        base[2] = 0;
        base[3] = 0;
        base[4] = 0;
        base[5] = 0;
        base[6] = 0;
        base[7] = 0;
        base[8] = 1;
        /*@ assert zeros: \forall integer i; 1 <= i < 8 ==> base[i] == 0; */
        /*@ assert digits: \forall integer i; 0 <= i < 8 ==>
                           0 <= base[i] < 128; */
        return;
    }
    header_store_digits(base, pages);
}

static size_t header_load(const char *base)
{
    size_t pages;

    if (base[8] != 0) {
        /*@ assert one_digit: call_header_pages((char *)base) == base[0]; */
        return (size_t)base[0];
    }
    pages = (size_t)base[7];
    pages = pages * 128u + (size_t)base[6];
    pages = pages * 128u + (size_t)base[5];
    pages = pages * 128u + (size_t)base[4];
    pages = pages * 128u + (size_t)base[3];
    pages = pages * 128u + (size_t)base[2];
    pages = pages * 128u + (size_t)base[1];
    pages = pages * 128u + (size_t)base[0];
    return pages;
}

/* Out of line: the cache usually keeps the buffer. */
__attribute__((noinline))
void call_buffer_release(xencall_handle *xcall, char *p, size_t pages)
{
    size_t bytes;

    /* pages was validated when the buffer was allocated. */
    VX_PRESERVING_ERRNO(
        if (vx_pages_to_bytes(pages, &bytes) == 0)
            (void)call_os_unmap_buffer(xcall->buf_fd, p, bytes));
}

/* A cache miss: fresh memory from the OS, counted as allocated.  Out of
 * line, so that the cache hit stays short. */
__attribute__((noinline))
static char *call_buffer_map(xencall_handle *xcall, size_t nr_pages,
                             size_t bytes)
{
    char *p = call_os_map_buffer(xcall->buf_fd, bytes);

    if (p == NULL) {
        call_log_error(xcall->logger, CALL_MSG_ALLOC_FAILED, nr_pages);
        return NULL;
    }
    call_cache_note_alloc(xcall);
    return p;
}

VX_EXPORT void *xencall_alloc_buffer_pages(xencall_handle *xcall,
                                           size_t nr_pages)
{
    size_t bytes;
    char *p;

    VX_ENSURE_PTR(xencall_handle_is_valid(xcall), EINVAL);
    VX_ENSURE_PTR(nr_pages > 0, EINVAL);
    VX_GUARD_PTR(vx_pages_to_bytes(nr_pages, &bytes));

    p = call_cache_take(xcall, nr_pages);
    if (p == NULL) {
        p = call_buffer_map(xcall, nr_pages, bytes);
        if (p == NULL)
            return NULL;
    }
    memset(p, 0, bytes);
    return p;
}

VX_EXPORT void xencall_free_buffer_pages(xencall_handle *xcall, void *p,
                                         size_t nr_pages)
{
    if (p == NULL || !xencall_handle_is_valid(xcall) || nr_pages == 0)
        return;
    if (!call_cache_put(xcall, (char *)p, nr_pages))
        call_buffer_release(xcall, (char *)p, nr_pages);
}

VX_EXPORT void *xencall_alloc_buffer(xencall_handle *xcall, size_t size)
{
    size_t pages;
    char *base;

    /* The header and the caller's bytes, in whole pages (ENOMEM when that
     * does not fit a size_t, as vx_add_size then vx_bytes_to_pages). */
    VX_ENSURE_PTR(size <= SIZE_MAX - CALL_BUFFER_HEADER -
                          (VX_XEN_PAGE_SIZE - 1u), ENOMEM);
    pages = (size + CALL_BUFFER_HEADER + (VX_XEN_PAGE_SIZE - 1u)) /
            VX_XEN_PAGE_SIZE;
    base = xencall_alloc_buffer_pages(xcall, pages);
    if (base == NULL)
        return NULL;
    /* The page count travels in the header so free needs no size. */
    header_store(base, pages);
    return base + CALL_BUFFER_HEADER;
}

VX_EXPORT void xencall_free_buffer(xencall_handle *xcall, void *p)
{
    char *base;
    size_t pages;

    if (p == NULL)
        return;
    base = (char *)p - CALL_BUFFER_HEADER;
    pages = header_load(base);
    xencall_free_buffer_pages(xcall, base, pages);
}
