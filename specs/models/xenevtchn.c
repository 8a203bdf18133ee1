/*
 * Models of the trusted OS-layer contracts of specs/xenevtchn.acsl.h
 * (src/evtchn/linux.c): each may succeed or fail, like the kernel.
 */
#include "../xenevtchn.acsl.h"

int vx_model_evtchn;

/* Inlined (a helper would need a contract of its own). */
#define MODEL_STATUS()                                                         \
    do {                                                                       \
        if (vx_model_evtchn < 0) {                                             \
            errno = EINVAL;                                                    \
            return -1;                                                         \
        }                                                                      \
        return vx_model_evtchn;                                                \
    } while (0)

int evtchn_os_open(int cloexec)
{
    (void)cloexec;
    if (vx_model_evtchn < 0) {
        errno = ENOENT;
        return -1;
    }
    return vx_model_evtchn;
}

int evtchn_os_close(int fd)
{
    (void)fd;
    if (vx_model_evtchn < 0) {
        errno = EBADF;
        return -1;
    }
    return 0;
}

int evtchn_os_notify(int fd, uint32_t port)
{
    (void)fd; (void)port;
    if (vx_model_evtchn < 0) {
        errno = EINVAL;
        return -1;
    }
    return 0;
}

long evtchn_os_unbind(int fd, uint32_t port)
{
    (void)fd; (void)port;
    MODEL_STATUS();
}

long evtchn_os_restrict_domid(int fd, domid_t domid)
{
    (void)fd; (void)domid;
    MODEL_STATUS();
}

long evtchn_os_bind_virq(int fd, unsigned int virq)
{
    (void)fd; (void)virq;
    MODEL_STATUS();
}

long evtchn_os_bind_interdomain(int fd, uint32_t domid, uint32_t remote_port)
{
    (void)fd; (void)domid; (void)remote_port;
    MODEL_STATUS();
}

long evtchn_os_bind_unbound_port(int fd, uint32_t domid)
{
    (void)fd; (void)domid;
    MODEL_STATUS();
}

ssize_t evtchn_os_read_port(int fd, uint32_t *port)
{
    (void)fd;
    if (vx_model_evtchn < 0) {
        errno = EAGAIN;
        return -1;
    }
    *port = (uint32_t)vx_model_evtchn;
    return 4;
}

int evtchn_os_unmask(int fd, uint32_t port)
{
    (void)fd; (void)port;
    if (vx_model_evtchn < 0) {
        errno = EAGAIN;
        return -1;
    }
    return 0;
}

int evtchn_os_unmask_ports(int fd, const uint32_t *ports, unsigned int count)
{
    (void)fd; (void)ports; (void)count;
    if (vx_model_evtchn < 0) {
        errno = EAGAIN;
        return -1;
    }
    return 0;
}

ssize_t evtchn_os_read_ports(int fd, uint32_t *ports, unsigned int max)
{
    (void)fd;
    if (vx_model_evtchn < 0) {
        errno = EAGAIN;
        return -1;
    }
    /* One record (max >= 1): a short read of a batch. */
    ports[0] = (uint32_t)vx_model_evtchn;
    return 4;
}

/* ---- seam.c ---- */

/* Out of memory (a model proves the contract satisfiable; the success
 * branch, returning the block the ghost evtchn_next_handle names, would
 * need ghost code to read the ghost, which C code cannot). */
xenevtchn_handle *evtchn_handle_alloc(Xentoolcore__Restrict_Callback *cb)
{
    (void)cb;
    errno = ENOMEM;
    return NULL;
}

/* A handle whose registry record the model's callers may pass. */
xenevtchn_handle vx_model_handle;

void evtchn_handle_release(xenevtchn_handle *xce, struct evtchn_batch *batch)
{
    (void)xce;
    (void)batch;
}

/* Taken, or busy (EBUSY, 16: another caller holds it). */
int evtchn_batch_trylock(struct evtchn_batch *b)
{
    (void)b;
    return vx_model_evtchn < 0 ? 16 : 0;
}

xenevtchn_handle *evtchn_handle_of(Xentoolcore__Active_Handle *ah)
{
    if (ah == &vx_model_handle.tc_ah)
        return &vx_model_handle;
    /* A record that is in no handle: the real downcast would be undefined
     * behaviour; the model does not return (partial correctness). */
    for (;;) {
    }
}

