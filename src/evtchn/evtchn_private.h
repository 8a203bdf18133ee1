/*
 * evtchn_private.h - internals of libxenevtchn.
 */
#ifndef EVTCHN_PRIVATE_H
#define EVTCHN_PRIVATE_H

#include <pthread.h>
#include <stdint.h>
#include <sys/types.h>

#include "xenevtchn.h"
#include "xentoolcore_internal.h"

/*
 * Batched pending reads (opt-in, VERIXEN_EVTCHN_BATCH=N, see xenevtchn.h):
 * one read() fetches up to `cap` fired ports; xenevtchn_pending() hands
 * them out one at a time, oldest first.  The ports in ring[] have left the
 * kernel's ring, so the fd no longer reports them readable: only consumers
 * that drain until EAGAIN may turn this on.  The same contract lets
 * xenevtchn_unmask() defer its write while ports are still buffered: the
 * deferred ports wait in the second half of ring[] and go to the kernel in
 * one write() - with the unmask that finds the buffer empty, or before the
 * next read() - so a burst costs one read() and one write() in all.
 * `lock` serialises the callers of one handle (the buffers are shared
 * state; the kernel's ring was already safe to use from several threads).
 */
#define EVTCHN_BATCH_ENV "VERIXEN_EVTCHN_BATCH"
#define EVTCHN_BATCH_MAX 1024u     /* the kernel's ring holds 1024 ports */

struct evtchn_batch {
    pthread_mutex_t lock;
    unsigned int cap;              /* ports per read(), 2 .. EVTCHN_BATCH_MAX */
    unsigned int head;             /* next port to hand out */
    unsigned int tail;             /* end of the buffered ports (>= head) */
    unsigned int queued;           /* deferred unmasks, < cap between calls */
    /* 2 * cap entries, right after this header: ring[0 .. cap - 1] are
     * the ports read, ring[cap .. cap + queued - 1] the deferred unmasks. */
    uint32_t *ring;
};

#define EVTCHN_READ_NONE  (-1)
#define EVTCHN_READ_BATCH 0
#define EVTCHN_READ_ONE   1

struct xenevtchn_handle {
    Xentoolcore__Active_Handle tc_ah;  /* registry record (restrict_all) */
    int fd;                            /* /dev/xen/evtchn, owned */
    /* How pending() reads, fixed with fd at open (it fills what was
     * padding): EVTCHN_READ_ONE (an fd, no batch buffer: one port per
     * read()), EVTCHN_READ_BATCH (an fd and a batch buffer) or
     * EVTCHN_READ_NONE (no fd yet).  xenevtchn_pending() tells its usual
     * path from the others with one test of this field. */
    signed char read_mode;
    struct evtchn_batch *batch;        /* NULL: one read() per port */
};

/* Validity predicate (mirrored by an ACSL predicate in specs/): an open
 * handle always owns a descriptor. */
static inline int xenevtchn_handle_is_valid(const xenevtchn_handle *xce)
{
    return xce != NULL && xce->fd >= 0;
}

/*
 * The OS layer (linux.c): one typed wrapper per kernel request.  Each
 * returns what the kernel returned (a non-negative value, or -1 with errno
 * set); nothing else in the library talks to the kernel.
 */
int evtchn_os_open(int cloexec);
int evtchn_os_close(int fd);
long evtchn_os_bind_virq(int fd, unsigned int virq);
long evtchn_os_bind_interdomain(int fd, uint32_t domid, uint32_t remote_port);
long evtchn_os_bind_unbound_port(int fd, uint32_t domid);
long evtchn_os_unbind(int fd, uint32_t port);
/* IOCTL_EVTCHN_NOTIFY: 0, or -1 with errno (the driver has nothing else
 * to answer). */
int evtchn_os_notify(int fd, uint32_t port);
long evtchn_os_restrict_domid(int fd, domid_t domid);
/* read exactly one 4-byte port record; return bytes transferred */
ssize_t evtchn_os_read_port(int fd, uint32_t *port);
/* read up to `max` port records in one read(); return bytes transferred */
ssize_t evtchn_os_read_ports(int fd, uint32_t *ports, unsigned int max);
/* write(2) of the one-port unmask record: 0 when exactly the record was
 * written, else -1 with errno (EIO for a short or nonsensical count). */
int evtchn_os_unmask(int fd, uint32_t port);
/* write(2) of `count` unmask records in one call (the driver unmasks each
 * in turn): 0 when all were written, else -1 with errno (EIO for a short
 * or nonsensical count). */
int evtchn_os_unmask_ports(int fd, const uint32_t *ports, unsigned int count);

/*
 * seam.c (not analysed by the proofs; trusted contracts with proven models
 * in specs/): allocation, the registry-record downcast, the batch buffer.
 */
/* A new, unregistered handle: restrict callback cb, fd -1, batch buffer as
 * VERIXEN_EVTCHN_BATCH asks (or NULL); NULL when out of memory.  errno is
 * only meaningful on NULL. */
xenevtchn_handle *evtchn_handle_alloc(Xentoolcore__Restrict_Callback *cb);
/* Frees the handle's batch buffer `batch` (xce->batch, read by the caller
 * before it deregistered the handle), then the handle. */
void evtchn_handle_release(xenevtchn_handle *xce, struct evtchn_batch *batch);
/* pthread_mutex_trylock of the batch lock: 0 when taken, else an error
 * number (EBUSY while another caller holds it); errno untouched. */
int evtchn_batch_trylock(struct evtchn_batch *b);
/* The handle whose tc_ah member ah is. */
xenevtchn_handle *evtchn_handle_of(Xentoolcore__Active_Handle *ah);

#endif /* EVTCHN_PRIVATE_H */
