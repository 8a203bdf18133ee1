/*
 * fuzz_call.c - libxencall under a hostile kernel.
 *
 * Target functions: xencall_open, xencall_close, xencall_fd, xencall0..5,
 * xencall2L, xencall_alloc_buffer, xencall_free_buffer,
 * xencall_alloc_buffer_pages, xencall_free_buffer_pages,
 * xencall_buffers_never_fault, xentoolcore_restrict_all.
 */
/* sysctl/domctl structures (what libxenctrl would build) */
#define __XEN_TOOLS__ 1
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <xen/xen.h>
#include <xen/version.h>
#include <xen/memory.h>
#include <xen/sysctl.h>
#include <xen/domctl.h>

#include "fuzz_common.h"
#include "xencall.h"
#include "xentoolcore.h"
#include "xentoollog.h"

#define NBUFS 8

struct buf {
    void *p;
    size_t size;        /* bytes usable */
    size_t pages;       /* 0: from xencall_alloc_buffer */
};

static xencall_handle *h;
static struct buf bufs[NBUFS];

static void buf_free(struct buf *b)
{
    errno = 4242;
    if (b->pages)
        xencall_free_buffer_pages(h, b->p, b->pages);
    else
        xencall_free_buffer(h, b->p);
    FZ_ASSERT(errno == 4242, "free_buffer changed errno to %d", errno);
    b->p = NULL;
}

static void free_all(void)
{
    unsigned int i;

    for (i = 0; i < NBUFS; i++)
        if (bufs[i].p != NULL)
            buf_free(&bufs[i]);
}

static void keep(void *p, size_t size, size_t pages)
{
    unsigned int i;

    for (i = 0; i < NBUFS; i++)
        if (bufs[i].p == NULL) {
            bufs[i].p = p;
            bufs[i].size = size;
            bufs[i].pages = pages;
            return;
        }
    errno = 4242;
    if (pages)
        xencall_free_buffer_pages(h, p, pages);
    else
        xencall_free_buffer(h, p);
}

/* A pointer argument: NULL or a live buffer big enough for any struct the
 * model's hypervisor reads (sysctl/domctl: well under 2 KiB). */
static uint64_t ptr_arg(struct fz *s)
{
    struct buf *b = &bufs[fz_u8(s) % NBUFS];

    if (b->p == NULL || b->size < 2048)
        return 0;
    fz_bytes(s, b->p, fz_u8(s) % 64);
    return (uint64_t)(uintptr_t)b->p;
}

static void hypercall(struct fz *s)
{
    uint64_t a[5] = { 0, 0, 0, 0, 0 };
    unsigned int op, nargs = fz_u8(s), i;
    long rc;

    switch (fz_u8(s) % 6) {
    case 0:    /* xen_version: a command and a buffer */
        op = __HYPERVISOR_xen_version;
        a[0] = fz_u8(s) % 12;
        a[1] = ptr_arg(s);
        break;
    case 1:
        op = __HYPERVISOR_memory_op;
        a[0] = fz_u8(s) & 1 ? XENMEM_maximum_reservation : XENMEM_current_reservation;
        a[1] = ptr_arg(s);
        break;
    case 2:
        op = __HYPERVISOR_sysctl;
        a[0] = ptr_arg(s);
        if (a[0] && fz_u8(s) & 1) {
            struct xen_sysctl *sc = (void *)(uintptr_t)a[0];
            sc->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
            sc->cmd = XEN_SYSCTL_physinfo;
        }
        break;
    case 3:
        op = __HYPERVISOR_domctl;
        a[0] = ptr_arg(s);
        if (a[0] && fz_u8(s) & 1) {
            struct xen_domctl *dc = (void *)(uintptr_t)a[0];
            dc->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
            dc->cmd = XEN_DOMCTL_getdomaininfo;
            dc->domain = fz_u8(s) % 20;
        }
        break;
    default:   /* anything else: scalars only (the model says ENOSYS) */
        op = fz_u32(s);
        if (op <= __HYPERVISOR_domctl + 1)
            op = 64;
        for (i = 0; i < 5; i++)
            a[i] = fz_u64(s);
        break;
    }
    switch (nargs % 7) {
    case 0: rc = FZ(xencall0(h, op)); break;
    case 1: rc = FZ(xencall1(h, op, a[0])); break;
    case 2: rc = FZ(xencall2(h, op, a[0], a[1])); break;
    case 3: rc = FZ(xencall3(h, op, a[0], a[1], a[2])); break;
    case 4: rc = FZ(xencall4(h, op, a[0], a[1], a[2], a[3])); break;
    case 5: rc = FZ(xencall5(h, op, a[0], a[1], a[2], a[3], a[4])); break;
    default:
        rc = FZ(xencall2L(h, op, a[0], a[1]));
        /* Only a lying kernel produces results below -4095 */
        FZ_ASSERT(rc >= -1 || !fz_truthful(), "xencall2L returned %ld", rc);
        break;
    }
    /* xencall0..5 truncate a result above INT_MAX to int, as documented
     * (and as upstream does): only a lying kernel makes Xen's results that
     * big here, so the range is only checked while the kernel is truthful. */
    if (nargs % 7 != 6 && fz_truthful())
        FZ_ASSERT(rc >= -1 && rc <= INT32_MAX, "xencallN returned %ld", rc);
    /* memory_op(XENMEM_maximum_reservation) of dom0 is ~0U: through
     * xencall0..5 it truncates to -1 with errno untouched (documented;
     * xencall2L gives it in full). */
    if (fz_truthful() && !(op == __HYPERVISOR_memory_op && nargs % 7 != 6))
        FZ_FAILED(rc == -1, "xencall");
    if (fz_truthful() && op == __HYPERVISOR_xen_version && a[0] == XENVER_version && h != NULL)
        FZ_ASSERT(rc == -1 || rc == 0x40011, "xen_version: %ld", rc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static xentoollog_logger_stdiostream *logger;
    struct fz s;
    unsigned int ops = 0;
    uint8_t scene;
    int rc;

    if (logger == NULL) {
        FILE *null = fopen("/dev/null", "w");
        logger = xtl_createlogger_stdiostream(null, XTL_DEBUG, 0);
    }
    fz_begin(&s, data, size);
    (void)xm_domain_create(1, 4);
    scene = fz_u8(&s);
    if (scene & 1)
        xm_set_devices(XM_DEV_ALL & ~XM_DEV_HYPERCALL);
    if (scene & 2)
        xm_set_devices(XM_DEV_ALL & ~XM_DEV_PRIVCMD);

    while (fz_more(&s) && ops++ < 48) {
        uint8_t op = fz_u8(&s);
        void *p;
        size_t n;

        if (h == NULL && op % 8 != 7)
            op = 0;
        switch (op % 8) {
        case 0:
            if (h != NULL)
                break;
            h = FZ(xencall_open(fz_u8(&s) & 1 ? (xentoollog_logger *)logger : NULL,
                                fz_u8(&s) < 0xf0 ? 0 : fz_u32(&s)));
            FZ_FAILED(h == NULL, "xencall_open");
            break;
        case 1:
            free_all();
            rc = FZ(xencall_close(h));
            rc = FZ_STATUS(rc, "xencall_close");
            h = NULL;
            break;
        case 2: case 3:
            hypercall(&s);
            break;
        case 4:
            n = fz_size(&s, 3 * 4096 + 64);
            /* fz_size's small sizes are 0..239 bytes: 200..239 stand for
             * large buffers instead (16 KiB steps up to 640 KiB), since
             * the header's multi-digit page count starts at 128 pages. */
            if (n >= 200 && n < 240)
                n = (n - 199) * 16384;
            p = FZ(xencall_alloc_buffer(h, n));
            FZ_FAILED(p == NULL, "alloc_buffer");
            FZ_ASSERT(p == NULL || ((uintptr_t)p & 15) == 0, "alloc_buffer not 16-aligned");
            if (p != NULL) {
                if (fz_truthful())
                    memset(p, 0xa5, n < 65536 ? n : 65536);
                keep(p, n, 0);
            }
            break;
        case 5:
            n = fz_size(&s, 4);
            p = FZ(xencall_alloc_buffer_pages(h, n));
            FZ_FAILED(p == NULL, "alloc_buffer_pages");
            FZ_ASSERT(p == NULL || ((uintptr_t)p & 4095) == 0, "buffer pages not page-aligned");
            if (p != NULL) {
                if (fz_truthful())
                    memset(p, 0x5a, n < 16 ? n * 4096 : 65536);
                keep(p, n * 4096, n);
            }
            break;
        case 6: {
            struct buf *b = &bufs[fz_u8(&s) % NBUFS];
            if (b->p != NULL)
                buf_free(b);
            rc = xencall_buffers_never_fault(h);
            FZ_ASSERT(rc == 0 || rc == 1, "buffers_never_fault: %d", rc);
            FZ_ASSERT(xencall_fd(h) >= 0, "xencall_fd");
            break;
        }
        default:
            fz_note_restrict();
            rc = FZ(xentoolcore_restrict_all((domid_t)fz_val32(&s, 1)));
            rc = FZ_STATUS(rc, "restrict_all");
            break;
        }
    }
    free_all();
    rc = FZ(xencall_close(h));
    FZ_FAILED(rc < 0, "final xencall_close");
    h = NULL;
    fz_end();
    return 0;
}
