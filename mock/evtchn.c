/*
 * evtchn.c - model of Linux's /dev/xen/evtchn driver and of Xen's event
 * channel table behind it.
 *
 * Semantics modelled (drivers/xen/evtchn.c + Xen's event_channel.c):
 *   - a port bound through a file belongs to that file; closing the file
 *     unbinds its ports (an interdomain peer falls back to "unbound");
 *   - when a port fires it is masked and queued once in its file's ring;
 *     firing again while masked only remembers it is pending; write()
 *     (unmask) re-enables it and re-delivers a remembered event;
 *   - binding interdomain marks the new local port pending (real Xen does,
 *     see docs/real-xen-in-qemu.md), so a fresh bind yields one event;
 *   - RESTRICT_DOMID: once, domid in 1 .. DOMID_FIRST_RESERVED-1; then only
 *     interdomain binds to that domain are allowed (EACCES otherwise);
 *   - ring overflow makes read() fail with EFBIG until RESET.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <xen/xen.h>
#include <xen/sys/evtchn.h>

#include "model.h"

static int evtchn_open(int fd, struct xm_file *f)
{
    (void)fd;
    memset(&f->u.evtchn, 0, sizeof(f->u.evtchn));
    return 0;
}

static int port_alloc_locked(struct xm_domain *d)
{
    int p;

    /* Port 0 is never valid in Xen. */
    for (p = 1; p < XM_MAX_PORTS; p++)
        if (d->ports[p].state == XM_PORT_FREE)
            return p;
    return -1;
}

static void ring_push_locked(struct xm_file *f, uint32_t port)
{
    struct xm_evtchn_file *e = &f->u.evtchn;

    if (e->ring_count == XM_RING_SLOTS) {
        e->overflow = 1;
        xm_file_signal(f);    /* readable: read() reports the overflow */
        return;
    }
    e->ring[(e->ring_head + e->ring_count) % XM_RING_SLOTS] = port;
    e->ring_count++;
    xm_file_signal(f);
}

/* Make `port` of `domid` fire (what EVTCHNOP_send from its peer does). */
void xm_evtchn_fire_locked(uint16_t domid, uint32_t port)
{
    struct xm_domain *d = xm_domain_get_locked(domid);
    struct xm_port *p;
    struct xm_file *f;

    if (d == NULL || port >= XM_MAX_PORTS)
        return;
    p = &d->ports[port];
    if (p->state == XM_PORT_FREE)
        return;
    f = p->owner;
    if (f == NULL || p->masked) {
        p->pending = 1;
        return;
    }
    p->masked = 1;
    ring_push_locked(f, port);
}

static struct xm_port *own_port_locked(int fd, struct xm_file *f, uint32_t port)
{
    struct xm_domain *d = xm_domain_get_locked(f->domid);

    if (d == NULL || port == 0 || port >= XM_MAX_PORTS)
        return NULL;
    (void)fd;
    if (d->ports[port].state == XM_PORT_FREE || d->ports[port].owner != f)
        return NULL;
    return &d->ports[port];
}

static void port_close_locked(uint16_t domid, uint32_t port)
{
    struct xm_domain *d = xm_domain_get_locked(domid);
    struct xm_port *p = &d->ports[port];

    if (p->state == XM_PORT_INTERDOMAIN) {
        struct xm_domain *rd = xm_domain_get_locked(p->remote_dom);
        if (rd != NULL && p->remote_port < XM_MAX_PORTS &&
            rd->ports[p->remote_port].state == XM_PORT_INTERDOMAIN &&
            rd->ports[p->remote_port].remote_dom == domid &&
            rd->ports[p->remote_port].remote_port == port) {
            /* The peer sees its port fall back to "unbound". */
            rd->ports[p->remote_port].state = XM_PORT_UNBOUND;
            rd->ports[p->remote_port].remote_dom = domid;
            rd->ports[p->remote_port].remote_port = 0;
        }
    }
    memset(p, 0, sizeof(*p));
}

static long bind_unbound_locked(struct xm_file *f,
                                const struct ioctl_evtchn_bind_unbound_port *req)
{
    struct xm_domain *d = xm_domain_get_locked(f->domid);
    int port;

    if (f->u.evtchn.restricted) {
        errno = EACCES;
        return -1;
    }
    if (req->remote_domain >= DOMID_FIRST_RESERVED &&
        req->remote_domain != DOMID_SELF) {
        errno = EINVAL;
        return -1;
    }
    port = d ? port_alloc_locked(d) : -1;
    if (port < 0) {
        errno = ENOSPC;
        return -1;
    }
    d->ports[port].state = XM_PORT_UNBOUND;
    d->ports[port].remote_dom = req->remote_domain == DOMID_SELF
                                    ? f->domid : (uint16_t)req->remote_domain;
    d->ports[port].owner = f;
    return port;
}

static long bind_interdomain_locked(struct xm_file *f,
                                    const struct ioctl_evtchn_bind_interdomain *req)
{
    struct xm_domain *d = xm_domain_get_locked(f->domid);
    struct xm_domain *rd;
    struct xm_port *rp;
    uint16_t rdom;
    int port;

    if (req->remote_domain == DOMID_SELF)
        rdom = f->domid;
    else if (req->remote_domain >= DOMID_FIRST_RESERVED) {
        errno = EINVAL;
        return -1;
    } else
        rdom = (uint16_t)req->remote_domain;
    if (f->u.evtchn.restricted && rdom != f->u.evtchn.restrict_domid) {
        errno = EACCES;
        return -1;
    }
    rd = xm_domain_get_locked(rdom);
    if (rd == NULL) {
        errno = ESRCH;
        return -1;
    }
    if (req->remote_port == 0 || req->remote_port >= XM_MAX_PORTS) {
        errno = EINVAL;
        return -1;
    }
    rp = &rd->ports[req->remote_port];
    if (rp->state != XM_PORT_UNBOUND || rp->remote_dom != f->domid) {
        errno = EINVAL;
        return -1;
    }
    port = d ? port_alloc_locked(d) : -1;
    if (port < 0) {
        errno = ENOSPC;
        return -1;
    }
    d->ports[port].state = XM_PORT_INTERDOMAIN;
    d->ports[port].remote_dom = rdom;
    d->ports[port].remote_port = req->remote_port;
    d->ports[port].owner = f;
    rp->state = XM_PORT_INTERDOMAIN;
    rp->remote_port = (uint32_t)port;
    /* Real Xen leaves the new local port pending. */
    xm_evtchn_fire_locked(f->domid, (uint32_t)port);
    return port;
}

static long bind_virq_locked(struct xm_file *f,
                             const struct ioctl_evtchn_bind_virq *req)
{
    struct xm_domain *d = xm_domain_get_locked(f->domid);
    int port, p;

    if (f->u.evtchn.restricted) {
        errno = EACCES;
        return -1;
    }
    if (req->virq >= NR_VIRQS) {
        errno = EINVAL;
        return -1;
    }
    for (p = 1; d && p < XM_MAX_PORTS; p++) {
        if (d->ports[p].state == XM_PORT_VIRQ && d->ports[p].virq == req->virq) {
            errno = EEXIST;
            return -1;
        }
    }
    port = d ? port_alloc_locked(d) : -1;
    if (port < 0) {
        errno = ENOSPC;
        return -1;
    }
    d->ports[port].state = XM_PORT_VIRQ;
    d->ports[port].virq = req->virq;
    d->ports[port].owner = f;
    return port;
}

/* 1 for the requests the driver knows that copy an argument (all but
 * RESET, which has none). */
static int evtchn_request_reads_arg(unsigned long req)
{
    switch (req) {
    case IOCTL_EVTCHN_BIND_VIRQ:
    case IOCTL_EVTCHN_BIND_INTERDOMAIN:
    case IOCTL_EVTCHN_BIND_UNBOUND_PORT:
    case IOCTL_EVTCHN_UNBIND:
    case IOCTL_EVTCHN_NOTIFY:
    case IOCTL_EVTCHN_RESTRICT_DOMID:
        return 1;
    default:
        return 0;
    }
}

static long evtchn_ioctl(int fd, struct xm_file *f, unsigned long req,
                         void *arg)
{
    struct xm_port *p;

    if (evtchn_request_reads_arg(req) && xm_user_arg_bad(arg))
        return -1;
    switch (req) {
    case IOCTL_EVTCHN_BIND_VIRQ:
        return bind_virq_locked(f, arg);
    case IOCTL_EVTCHN_BIND_INTERDOMAIN:
        return bind_interdomain_locked(f, arg);
    case IOCTL_EVTCHN_BIND_UNBOUND_PORT:
        return bind_unbound_locked(f, arg);
    case IOCTL_EVTCHN_UNBIND: {
        const struct ioctl_evtchn_unbind *u = arg;
        if (u->port == 0 || u->port >= XM_MAX_PORTS) {
            errno = EINVAL;
            return -1;
        }
        if (own_port_locked(fd, f, u->port) == NULL) {
            errno = ENOTCONN;
            return -1;
        }
        port_close_locked(f->domid, u->port);
        return 0;
    }
    case IOCTL_EVTCHN_NOTIFY: {
        const struct ioctl_evtchn_notify *n = arg;
        p = own_port_locked(fd, f, n->port);
        if (p == NULL) {
            errno = ENOTCONN;
            return -1;
        }
        if (p->state == XM_PORT_INTERDOMAIN)
            xm_evtchn_fire_locked(p->remote_dom, p->remote_port);
        return 0;
    }
    case IOCTL_EVTCHN_RESET:
        f->u.evtchn.ring_head = 0;
        f->u.evtchn.ring_count = 0;
        f->u.evtchn.overflow = 0;
        xm_fd_drain(fd);
        return 0;
    case IOCTL_EVTCHN_RESTRICT_DOMID: {
        const struct ioctl_evtchn_restrict_domid *r = arg;
        if (f->u.evtchn.restricted) {
            errno = EACCES;
            return -1;
        }
        if (r->domid == 0 || r->domid >= DOMID_FIRST_RESERVED) {
            errno = EINVAL;
            return -1;
        }
        f->u.evtchn.restricted = 1;
        f->u.evtchn.restrict_domid = r->domid;
        return 0;
    }
    default:
        /* The evtchn driver answers unknown requests ENOSYS, not ENOTTY. */
        errno = ENOSYS;
        return -1;
    }
}

unsigned int xm_evtchn_pop_locked(struct xm_file *f, uint32_t *out,
                                  unsigned int max)
{
    struct xm_evtchn_file *e = &f->u.evtchn;
    unsigned int n = 0;

    while (n < max && e->ring_count > 0) {
        out[n++] = e->ring[e->ring_head];
        e->ring_head = (e->ring_head + 1) % XM_RING_SLOTS;
        e->ring_count--;
    }
    return n;
}

int xm_evtchn_unmask_locked(int fd, struct xm_file *f, uint32_t port)
{
    struct xm_port *p = own_port_locked(fd, f, port);

    if (p == NULL)
        return 0;    /* Linux silently ignores ports it does not own */
    p->masked = 0;
    if (p->pending) {
        p->pending = 0;
        xm_evtchn_fire_locked(f->domid, port);
    }
    return 0;
}

static void evtchn_release(int fd, struct xm_file *f)
{
    (void)fd;
    struct xm_domain *d = xm_domain_get_locked(f->domid);
    uint32_t port;

    for (port = 1; d != NULL && port < XM_MAX_PORTS; port++)
        if (d->ports[port].state != XM_PORT_FREE && d->ports[port].owner == f)
            port_close_locked(f->domid, port);
}

const struct xm_device_ops xm_evtchn_ops = {
    .kind = XM_KIND_EVTCHN,
    .name = "evtchn",
    .open = evtchn_open,
    .ioctl = evtchn_ioctl,
    .release = evtchn_release,
};

/* ---- control API -------------------------------------------------------------- */

int xm_evtchn_alloc_unbound(uint16_t domid, uint16_t remote, uint32_t *port)
{
    struct xm_domain *d;
    int p, rc = -1;

    xm_lock();
    xm_ensure_init_locked();
    d = xm_domain_get_locked(domid);
    if (d == NULL || port == NULL) {
        errno = d == NULL ? ESRCH : EINVAL;
    } else if ((p = port_alloc_locked(d)) < 0) {
        errno = ENOSPC;
    } else {
        d->ports[p].state = XM_PORT_UNBOUND;
        d->ports[p].remote_dom = remote;
        *port = (uint32_t)p;
        rc = 0;
    }
    xm_unlock();
    return rc;
}

int xm_evtchn_send(uint16_t domid, uint32_t port)
{
    struct xm_domain *d;
    int rc = -1;

    xm_lock();
    xm_ensure_init_locked();
    d = xm_domain_get_locked(domid);
    if (d == NULL || port == 0 || port >= XM_MAX_PORTS ||
        d->ports[port].state == XM_PORT_FREE) {
        errno = ENOENT;
    } else {
        xm_evtchn_fire_locked(domid, port);
        rc = 0;
    }
    xm_unlock();
    return rc;
}

int xm_virq_raise(uint16_t domid, unsigned int virq)
{
    struct xm_domain *d;
    uint32_t p;
    int rc = -1;

    xm_lock();
    xm_ensure_init_locked();
    d = xm_domain_get_locked(domid);
    if (d == NULL) {
        errno = ESRCH;
    } else {
        rc = 0;
        for (p = 1; p < XM_MAX_PORTS; p++)
            if (d->ports[p].state == XM_PORT_VIRQ && d->ports[p].virq == virq)
                xm_evtchn_fire_locked(domid, p);
    }
    xm_unlock();
    return rc;
}

static int port_query(uint16_t domid, uint32_t port, int want_masked)
{
    struct xm_domain *d;
    struct xm_file *f;
    int rc = -1;
    unsigned int i;

    xm_lock();
    xm_ensure_init_locked();
    d = xm_domain_get_locked(domid);
    if (d == NULL || port == 0 || port >= XM_MAX_PORTS ||
        d->ports[port].state == XM_PORT_FREE) {
        errno = ENOENT;
    } else if (want_masked) {
        rc = d->ports[port].masked;
    } else {
        rc = d->ports[port].pending;
        f = d->ports[port].owner;
        for (i = 0; f != NULL && !rc && i < f->u.evtchn.ring_count; i++)
            if (f->u.evtchn.ring[(f->u.evtchn.ring_head + i) % XM_RING_SLOTS] == port)
                rc = 1;
    }
    xm_unlock();
    return rc;
}

int xm_evtchn_is_pending(uint16_t domid, uint32_t port)
{
    return port_query(domid, port, 0);
}

int xm_evtchn_is_masked(uint16_t domid, uint32_t port)
{
    return port_query(domid, port, 1);
}
