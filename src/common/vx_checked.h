/*
 * vx_checked.h - checked arithmetic and Xen page-size helpers.
 *
 * Every count that comes from a caller is multiplied by something (a page
 * size, a struct size) before it reaches malloc, mmap or an ioctl.  Upstream
 * does several of these multiplications unchecked (e.g. map2's
 * malloc(num * sizeof(int))); we never do.  Each helper returns 0 and writes
 * the result, or returns -1 with errno = ENOMEM and leaves *out untouched:
 * ENOMEM is what calloc(3) and mmap(2) report for sizes that cannot exist,
 * so callers see the errno they would see for a merely huge request.
 *
 * Page arithmetic is written as multiplication by a constant rather than a
 * shift: WP proves `n * 4096u` overflow-free instantly, `n << 12` it does not
 * (anchors.md §9.5).
 */
#ifndef VX_CHECKED_H
#define VX_CHECKED_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>

/* All six libraries size mappings in Xen pages, whatever the OS page size. */
#define VX_XEN_PAGE_SIZE ((size_t)4096u)
#define VX_XEN_PAGE_SHIFT 12

/*@ requires out_valid: \valid(out);
    requires out_not_errno: \separated(out, &errno);
    assigns *out, errno;
    behavior fits:
      assumes a == 0 || b <= SIZE_MAX / a;
      ensures ok: \result == 0;
      ensures product: *out == a * b;
      ensures errno_kept: errno == \old(errno);
      assigns *out;
    behavior overflows:
      assumes a != 0 && b > SIZE_MAX / a;
      ensures failed: \result == -1;
      ensures errno_set: errno == ENOMEM;
      ensures untouched: *out == \old(*out);
      assigns errno;
    complete behaviors;
    disjoint behaviors;
*/
static inline int vx_mul_size(size_t a, size_t b, size_t *out)
{
    if (a != 0 && b > SIZE_MAX / a) {
        errno = ENOMEM;
        return -1;
    }
    *out = a * b;
    return 0;
}

/*@ requires out_valid: \valid(out);
    requires out_not_errno: \separated(out, &errno);
    assigns *out, errno;
    behavior fits:
      assumes a <= SIZE_MAX - b;
      ensures ok: \result == 0;
      ensures sum: *out == a + b;
      ensures errno_kept: errno == \old(errno);
      assigns *out;
    behavior overflows:
      assumes a > SIZE_MAX - b;
      ensures failed: \result == -1;
      ensures errno_set: errno == ENOMEM;
      ensures untouched: *out == \old(*out);
      assigns errno;
    complete behaviors;
    disjoint behaviors;
*/
static inline int vx_add_size(size_t a, size_t b, size_t *out)
{
    if (a > SIZE_MAX - b) {
        errno = ENOMEM;
        return -1;
    }
    *out = a + b;
    return 0;
}

/* Bytes covered by `pages` Xen pages. */
/*@ requires bytes_valid: \valid(bytes);
    requires bytes_not_errno: \separated(bytes, &errno);
    assigns *bytes, errno;
    behavior fits:
      assumes pages <= SIZE_MAX / 4096;
      ensures ok: \result == 0;
      ensures product: *bytes == pages * 4096;
      ensures errno_kept: errno == \old(errno);
    behavior overflows:
      assumes pages > SIZE_MAX / 4096;
      ensures failed: \result == -1;
      ensures errno_set: errno == ENOMEM;
      ensures untouched: *bytes == \old(*bytes);
    complete behaviors;
    disjoint behaviors;
*/
static inline int vx_pages_to_bytes(size_t pages, size_t *bytes)
{
    return vx_mul_size(pages, VX_XEN_PAGE_SIZE, bytes);
}

/* Number of Xen pages needed to hold `bytes` bytes (rounding up). */
/*@ requires pages_valid: \valid(pages);
    requires pages_not_errno: \separated(pages, &errno);
    assigns *pages, errno;
    behavior fits:
      assumes bytes <= SIZE_MAX - 4095;
      ensures ok: \result == 0;
      ensures rounded: *pages == (bytes + 4095) / 4096;
      ensures errno_kept: errno == \old(errno);
      assigns *pages;
    behavior overflows:
      assumes bytes > SIZE_MAX - 4095;
      ensures failed: \result == -1;
      ensures errno_set: errno == ENOMEM;
      ensures untouched: *pages == \old(*pages);
      assigns errno;
    complete behaviors;
    disjoint behaviors;
*/
static inline int vx_bytes_to_pages(size_t bytes, size_t *pages)
{
    if (bytes > SIZE_MAX - (VX_XEN_PAGE_SIZE - 1u)) {
        errno = ENOMEM;
        return -1;
    }
    *pages = (bytes + (VX_XEN_PAGE_SIZE - 1u)) / VX_XEN_PAGE_SIZE;
    return 0;
}

#endif /* VX_CHECKED_H */
