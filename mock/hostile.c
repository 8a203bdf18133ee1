/*
 * hostile.c - the "hostile kernel" mode of the mocked kernel (hostile.h):
 * fuzz bytes decide, call by call, whether the kernel fails a request,
 * answers it as the model does, or lies about the answer.
 *
 * One decision byte per intercepted call:
 *   0x00-0x7f  no interference
 *   0x80-0xbf  fail before the model with errno_table[b & 0x1f]; a read may
 *              instead come back short (bit 0x20)
 *   0xc0-0xff  the model answers, then the answer is falsified (ioctl,
 *              read, write only; other calls are left alone)
 * Values the lies need (ports, indices, statuses, ...) are taken from the
 * bytes that follow.  Running out of bytes means "no interference".
 *
 * This file holds no model state and does not include model.h (whose
 * malloc is the arena's): everything here is process-local.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <xen/xen.h>
#include <xen/grant_table.h>
#include <xen/gntalloc.h>
#include <xen/gntdev.h>
#include <xen/sys/evtchn.h>
#include <xen/sys/privcmd.h>

#include "hostile.h"

static const uint8_t *h_data;
static size_t h_len, h_pos;
static unsigned int h_lies, h_failures, h_negative;
static _Thread_local int h_pending;          /* the before-hook chose "lie" for this call */

static const int errno_table[32] = {
    EINVAL, ENOMEM, EFAULT, EPERM, EACCES, ENOENT, ENODEV, ENXIO,
    ENOTTY, EBUSY, EIO, EINTR, EAGAIN, ENOSPC, EMFILE, ESRCH,
    E2BIG, EOVERFLOW, ENOSYS, EOPNOTSUPP, EBADF, EEXIST, ERANGE, EFBIG,
    ENFILE, EDOM, ESTALE, EINVAL, ENOMEM, EFAULT, ENOENT, EPERM,
};

void xm_hostile_set(const uint8_t *data, size_t len)
{
    h_data = len > 0 ? data : NULL;
    h_len = h_data != NULL ? len : 0;
    h_pos = 0;
    h_lies = 0;
    h_failures = 0;
    h_negative = 0;
    h_pending = 0;
}

void xm_hostile_clear(void)
{
    xm_hostile_set(NULL, 0);
}

unsigned int xm_hostile_lies(void)
{
    return h_lies;
}

unsigned int xm_hostile_failures(void)
{
    return h_failures;
}

unsigned int xm_hostile_negative_results(void)
{
    return h_negative;
}

static int armed(void)
{
    return h_data != NULL && h_pos < h_len;
}

/* `n` (<= 8) bytes, little-endian; missing bytes read as 0. */
static uint64_t take(unsigned int n)
{
    uint64_t v = 0;
    unsigned int i;

    for (i = 0; i < n; i++) {
        uint64_t b = h_pos < h_len ? h_data[h_pos++] : 0;
        v |= b << (8 * i);
    }
    return v;
}

static int table_errno(uint64_t v)
{
    return errno_table[v & 31u];
}

int xm_hostile_before(enum xm_call call, unsigned long request, size_t len,
                      int *err, size_t *short_bytes)
{
    unsigned int b;

    (void)request;
    h_pending = 0;
    if (!armed())
        return 0;
    b = (unsigned int)take(1);
    if (b < 0x80)
        return 0;
    if (b >= 0xc0) {
        h_pending = call == XM_CALL_IOCTL || call == XM_CALL_READ ||
                    call == XM_CALL_WRITE;
        return 0;
    }
    /* An munmap that fails would leave the library holding a mapping it
     * asked to drop: Linux cannot fail a well-formed munmap, so neither do
     * we. */
    if (call == XM_CALL_MUNMAP)
        return 0;
    if (call == XM_CALL_READ && (b & 0x20) && len > 1) {
        *err = 0;
        *short_bytes = 1 + (b & 0x1fu) % (len - 1);
        h_failures++;
        return 1;
    }
    *err = table_errno(b);
    h_failures++;
    return 1;
}

/* A port-like value: small, near INT_MAX, or anything. */
static uint64_t hostile_value(void)
{
    unsigned int kind = (unsigned int)take(1);

    switch (kind & 3u) {
    case 0:
        return take(1);
    case 1:
        return (uint64_t)INT32_MAX - 2 + take(1) % 5;
    case 2:
        return take(4);
    default:
        return take(8);
    }
}

static int16_t hostile_status(void)
{
    static const int16_t st[8] = { 0, -1, -2, -3, -4, -8, -12, 1 };
    unsigned int v = (unsigned int)take(1);

    return (v & 0x80) ? (int16_t)take(2) : st[v & 7u];
}

static int hostile_page_err(void)
{
    static const int e[8] = { 0, -ENOENT, -EINVAL, -EFAULT, -ESRCH, -EPERM, 0, 1 };
    unsigned int v = (unsigned int)take(1);

    return (v & 0x80) ? (int)(uint32_t)take(4) : e[v & 7u];
}

/* Requests with no out-fields: a lie may turn their failure into success
 * (for the rest, success would hand the library fields nobody wrote). */
static int no_out_fields(unsigned long request)
{
    switch (request) {
    case IOCTL_PRIVCMD_UNIMPLEMENTED:
    case IOCTL_PRIVCMD_RESTRICT:
    case IOCTL_EVTCHN_RESTRICT_DOMID:
    case IOCTL_EVTCHN_NOTIFY:
    case IOCTL_EVTCHN_UNBIND:
    case IOCTL_GNTDEV_SET_MAX_GRANTS:
    case IOCTL_GNTDEV_SET_UNMAP_NOTIFY:
    case IOCTL_GNTDEV_UNMAP_GRANT_REF:
    case IOCTL_GNTDEV_DMABUF_EXP_WAIT_RELEASED:
    case IOCTL_GNTDEV_DMABUF_IMP_RELEASE:
    /* (IOCTL_GNTALLOC_SET_UNMAP_NOTIFY: same number as gntdev's) */
    case IOCTL_GNTALLOC_DEALLOC_GREF:
        return 1;
    default:
        return 0;
    }
}

static long lie_failure(unsigned long request, long rc)
{
    unsigned int k = (unsigned int)take(1);

    /* The model failed: succeed after all, or fail differently. */
    if ((k & 3) == 3 && no_out_fields(request))
        return 0;
    errno = table_errno(k >> 2);
    return rc;
}

long xm_hostile_after_ioctl(unsigned long request, void *arg, long rc)
{
    uint32_t i, n;

    if (!h_pending)
        return rc;
    h_pending = 0;
    h_lies++;
    if (rc < 0)
        return lie_failure(request, rc);
    if (arg == NULL)
        return rc;
    switch (request) {
    case IOCTL_EVTCHN_BIND_VIRQ:
    case IOCTL_EVTCHN_BIND_INTERDOMAIN:
    case IOCTL_EVTCHN_BIND_UNBOUND_PORT:
        rc = (long)hostile_value();
        break;
    case IOCTL_GNTDEV_MAP_GRANT_REF: {
        struct ioctl_gntdev_map_grant_ref *r = arg;
        r->index = (take(1) & 1) ? hostile_value() : r->index + 4096u * take(1);
        break;
    }
    case IOCTL_GNTDEV_GET_OFFSET_FOR_VADDR: {
        struct ioctl_gntdev_get_offset_for_vaddr *r = arg;
        r->offset = hostile_value();
        r->count = (uint32_t)hostile_value();
        break;
    }
    case IOCTL_GNTDEV_GRANT_COPY: {
        struct ioctl_gntdev_grant_copy *r = arg;
        n = r->count < 4096 ? r->count : 4096;
        for (i = 0; i < n && r->segments != NULL; i++)
            r->segments[i].status = hostile_status();
        if (take(1) & 1)
            rc = (long)take(1);
        break;
    }
    case IOCTL_GNTALLOC_ALLOC_GREF: {
        struct ioctl_gntalloc_alloc_gref *r = arg;
        n = r->count < 4096 ? r->count : 4096;
        if (take(1) & 1)
            r->index = hostile_value();
        for (i = 0; i < n; i++)
            if (take(1) & 1)
                r->gref_ids[i] = (uint32_t)hostile_value();
        break;
    }
    /* No lie about the descriptor of an exported dma-buf: the real one
     * would leak in the caller, which could not know about it. */
    case IOCTL_GNTDEV_DMABUF_IMP_TO_REFS: {
        struct ioctl_gntdev_dmabuf_imp_to_refs *r = arg;
        n = r->count < 4096 ? r->count : 4096;
        for (i = 0; i < n; i++)
            r->refs[i] = (uint32_t)hostile_value();
        break;
    }
    case IOCTL_PRIVCMD_MMAPBATCH_V2: {
        privcmd_mmapbatch_v2_t *r = arg;
        int any_enoent = 0;
        n = r->num < 65536 ? r->num : 65536;
        for (i = 0; i < n && r->err != NULL; i++) {
            if (take(1) & 1)
                r->err[i] = hostile_page_err();
            any_enoent |= r->err[i] == -ENOENT;
        }
        if (any_enoent && (take(1) & 1)) {
            errno = ENOENT;
            rc = -1;
        }
        break;
    }
    case IOCTL_PRIVCMD_MMAP_RESOURCE: {
        privcmd_mmap_resource_t *r = arg;
        r->num = hostile_value();
        break;
    }
    case IOCTL_PRIVCMD_HYPERCALL: {
        int64_t v = (int64_t)take(8);
        if (v < 0 && v > -4096) {
            errno = (int)-v;
            rc = -1;
        } else {
            rc = (long)v;
        }
        break;
    }
    default: {
        /* Requests that answer 0: a positive answer instead, or (1 in 4)
         * a negative one below -4095, which the syscall ABI delivers as
         * a result, not as an error. */
        unsigned int k = (unsigned int)take(1);
        rc = (k & 3) == 3 ? -4096 - (long)(k >> 2) : (long)(1 + k);
        break;
    }
    }
    /* The seam's contract (vx_sys.h) holds even for a lying kernel: a raw
     * result in [-4095, -1] is an error, delivered as -1 with errno. */
    if (rc < 0 && rc >= -4095) {
        errno = (int)-rc;
        rc = -1;
    } else if (rc < -1) {
        h_negative++;
    }
    return rc;
}

ssize_t xm_hostile_after_rw(enum xm_call call, void *buf, size_t len,
                            ssize_t n)
{
    if (!h_pending)
        return n;
    h_pending = 0;
    h_lies++;
    if (n < 0) {
        errno = table_errno(take(1));
        return n;
    }
    if (call == XM_CALL_READ && n >= 4 && buf != NULL && (take(1) & 1)) {
        uint32_t port = (uint32_t)hostile_value();
        memcpy(buf, &port, sizeof(port));
        return n;
    }
    /* A count that is not what was asked for (short, or too long). */
    return (ssize_t)(take(1) % (len + 2));
}
