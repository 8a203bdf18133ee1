/*
 * fuzz_evtchn.c - libxenevtchn under a hostile kernel.
 *
 * Target functions: xenevtchn_open, xenevtchn_fdopen, xenevtchn_close,
 * xenevtchn_fd, xenevtchn_bind_unbound_port, xenevtchn_bind_interdomain,
 * xenevtchn_bind_virq, xenevtchn_notify, xenevtchn_unbind,
 * xenevtchn_unmask, xenevtchn_pending, xenevtchn_restrict,
 * xentoolcore_restrict_all.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_common.h"
#include "vx_sys.h"
#include "xenevtchn.h"
#include "xentoolcore.h"

#define NH 3
#define NPORTS 1024    /* the model's port table: every bound port is remembered */

struct ev {
    xenevtchn_handle *h;
    uint32_t ports[NPORTS];     /* bound through this handle (as answered) */
    unsigned int nports;
};

static int is_bound(const struct ev *e, uint32_t port)
{
    unsigned int i;

    for (i = 0; i < e->nports; i++)
        if (e->ports[i] == port)
            return 1;
    return 0;
}

static void remember(struct ev *e, xenevtchn_port_or_error_t port)
{
    FZ_ASSERT(port >= -1, "bind returned %d", port);
    if (port >= 0 && e->nports < NPORTS)
        e->ports[e->nports++] = (uint32_t)port;
}

static uint32_t some_port(struct fz *s, const struct ev *e)
{
    uint32_t good = e->nports ? e->ports[fz_u8(s) % e->nports] : 1;

    return fz_val32(s, good);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ev evs[NH] = { { 0 } };
    uint32_t guest_port[4];
    struct fz s;
    unsigned int ops = 0, i;

    fz_begin(&s, data, size);
    /* Scene: a guest (dom1) with unbound ports offered to dom0. */
    (void)xm_domain_create(1, 4);
    for (i = 0; i < 4; i++)
        if (xm_evtchn_alloc_unbound(1, 0, &guest_port[i]) < 0)
            guest_port[i] = 0;
    if (fz_u8(&s) & 1)
        xm_set_devices(XM_DEV_ALL & ~XM_DEV_EVTCHN);

    while (fz_more(&s) && ops++ < 64) {
        uint8_t op = fz_u8(&s);
        struct ev *e = &evs[(op >> 4) % NH];
        xenevtchn_port_or_error_t port;
        int rc;

        if (e->h == NULL && (op & 15) > 2)
            op = 0;    /* most calls need a handle: open one */
        switch (op & 15) {
        case 0: {
            /* verixen's opt-in batched pending/deferred unmask (upstream
             * ignores the variable), from bits of the flags byte that the
             * open itself does not use: the corpus keeps its meaning. */
            static const char *const batch[] = { NULL, "2", "3", "64" };
            const char *b = NULL;
            unsigned int flags;
            if (e->h != NULL)
                break;
            e->nports = 0;
            if (fz_u8(&s) < 0xf0) {
                uint8_t v = fz_u8(&s);
                flags = (v & 1u) * XENEVTCHN_NO_CLOEXEC;
                b = batch[(v >> 1) & 3u];
            } else {
                flags = fz_u32(&s);
            }
            if (b != NULL)
                (void)setenv("VERIXEN_EVTCHN_BATCH", b, 1);
            e->h = FZ(xenevtchn_open(NULL, flags));
            if (b != NULL)
                (void)unsetenv("VERIXEN_EVTCHN_BATCH");
            FZ_FAILED(e->h == NULL, "xenevtchn_open");
            if (e->h != NULL)
                (void)fcntl(xenevtchn_fd(e->h), F_SETFL, O_NONBLOCK);
            break;
        }
        case 1: {
            int fd;
            unsigned int flags = fz_u8(&s) < 0xf0 ? 0 : fz_u32(&s);
            if (e->h != NULL)
                break;
            e->nports = 0;
            fd = vx_sys_open("/dev/xen/evtchn", O_RDWR | O_NONBLOCK | O_CLOEXEC);
            e->h = FZ(xenevtchn_fdopen(NULL, fd, flags));
            FZ_FAILED(e->h == NULL, "xenevtchn_fdopen");
            if (e->h == NULL && fd >= 0)
                (void)vx_sys_close(fd);
            break;
        }
        case 2:
            rc = FZ(xenevtchn_close(e->h));
            rc = FZ_STATUS(rc, "xenevtchn_close");
            e->h = NULL;
            e->nports = 0;
            break;
        case 3:
            rc = FZ(xenevtchn_fd(e->h));
            FZ_ASSERT(rc >= 0, "xenevtchn_fd of an open handle: %d", rc);
            break;
        case 4:
            port = FZ(xenevtchn_bind_unbound_port(e->h, fz_val32(&s, 1)));
            FZ_FAILED(port < 0, "bind_unbound_port");
            remember(e, port);
            break;
        case 5:
            port = FZ(xenevtchn_bind_interdomain(e->h, fz_val32(&s, 1),
                                                 fz_val32(&s, guest_port[fz_u8(&s) & 3])));
            FZ_FAILED(port < 0, "bind_interdomain");
            remember(e, port);
            break;
        case 6:
            port = FZ(xenevtchn_bind_virq(e->h, fz_val32(&s, fz_u8(&s) % 24)));
            FZ_FAILED(port < 0, "bind_virq");
            remember(e, port);
            break;
        case 7:
            rc = FZ(xenevtchn_notify(e->h, some_port(&s, e)));
            rc = FZ_STATUS(rc, "notify");
            break;
        case 8:
            rc = FZ(xenevtchn_unbind(e->h, some_port(&s, e)));
            rc = FZ_STATUS(rc, "unbind");
            break;
        case 9:
            port = FZ(xenevtchn_pending(e->h));
            FZ_ASSERT(port >= -1, "pending returned %d", port);
            FZ_FAILED(port == -1, "pending");
            /* A truthful kernel only reports ports bound on this handle. */
            FZ_ASSERT(port == -1 || !fz_truthful() || is_bound(e, (uint32_t)port),
                      "pending returned port %d not bound here", port);
            break;
        case 10:
            rc = FZ(xenevtchn_unmask(e->h, some_port(&s, e)));
            rc = FZ_STATUS(rc, "unmask");
            break;
        case 11:
            rc = FZ(xenevtchn_restrict(e->h, (domid_t)fz_val32(&s, 1)));
            rc = FZ_STATUS(rc, "restrict");
            break;
        case 12:
            fz_note_restrict();
            rc = FZ(xentoolcore_restrict_all((domid_t)fz_val32(&s, 1)));
            rc = FZ_STATUS(rc, "xentoolcore_restrict_all");
            break;
        case 13: {
            /* The other end fires: the guest's side of a connection, or a
             * virtual IRQ. */
            uint8_t k = fz_u8(&s);
            if (k & 1)
                (void)xm_virq_raise(0, k >> 1 & 31);
            else
                (void)xm_evtchn_send(1, guest_port[(k >> 1) & 3]);
            break;
        }
        case 14: {
            /* Calls on no handle at all. */
            port = FZ(xenevtchn_pending(NULL));
            FZ_ASSERT(port == -1 && errno > 0, "pending(NULL) = %d errno %d", port, errno);
            rc = FZ(xenevtchn_fd(NULL));
            FZ_ASSERT(rc == -1, "fd(NULL) = %d", rc);
            break;
        }
        default:
            /* Fire a port bound here, as its peer would. */
            if (e->nports)
                (void)xm_evtchn_send(0, e->ports[fz_u8(&s) % e->nports]);
            break;
        }
    }
    for (i = 0; i < NH; i++)
        if (evs[i].h != NULL) {
            int rc = FZ(xenevtchn_close(evs[i].h));
            FZ_FAILED(rc < 0, "final xenevtchn_close");
        }
    fz_end();
    return 0;
}
