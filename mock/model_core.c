/*
 * model_core.c - the mocked kernel's shared state: domains, the table of
 * model files, fault injection, the call log, invariants, and the control
 * functions of xenmock.h that are not device-specific.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "model.h"
#include "raw.h"

static const struct xm_device_ops *const *all_devices(size_t *n)
{
    static const struct xm_device_ops *devs[5];

    devs[0] = &xm_evtchn_ops;
    devs[1] = &xm_gntdev_ops;
    devs[2] = &xm_gntalloc_ops;
    devs[3] = &xm_privcmd_ops;
    devs[4] = &xm_hypercall_ops;
    *n = 5;
    return devs;
}

/* Give a domain its memory: pages of the arena, so that foreign and grant
 * mappings of it are real shared memory with the model's own view. */
static int domain_setup_locked(struct xm_domain *d, unsigned int nr_pages)
{
    memset(d, 0, sizeof(*d));
    d->nr_pages = nr_pages;
    if (nr_pages > 0) {
        d->mem = xm_alloc_pages(nr_pages);
        d->paged_out = calloc(nr_pages, sizeof(*d->paged_out));
        if (d->mem == NULL || d->paged_out == NULL) {
            free(d->paged_out);
            memset(d, 0, sizeof(*d));
            errno = ENOMEM;
            return -1;
        }
    }
    d->exists = 1;
    return 0;
}

void xm_ensure_init_locked(void)
{
    if (xm.initialised)
        return;
    xm.initialised = 1;
    xm_local.current_domid = 0;
    xm.devices = XM_DEV_ALL;
    xm.feature[XM_FEAT_DMABUF] = 0;
    xm.feature[XM_FEAT_SET_MAX_GRANTS] = 0;
    xm.feature[XM_FEAT_MMAP_RESOURCE] = 1;
    xm.feature[XM_FEAT_MMAPBATCH_V2] = 1;
    xm.gntalloc_limit = 1024;
    if (domain_setup_locked(&xm.domains[0], XM_DEFAULT_PAGES) < 0)
        xm_violation_locked("cannot allocate domain 0's memory");
}

int xm_domain_map_gfn_locked(uint16_t domid, uint64_t gfn, void *at, int prot)
{
    struct xm_domain *d = xm_domain_get_locked(domid);

    if (d == NULL || gfn >= d->nr_pages) {
        errno = EFAULT;
        return -1;
    }
    if (xm_raw_mmap(at, XM_PAGE_SIZE, prot, MAP_SHARED | MAP_FIXED,
                    xm_local.arena_fd,
                    xm_arena_offset(d->mem) + (off_t)(gfn * XM_PAGE_SIZE)) == MAP_FAILED)
        return -1;
    return 0;
}

/* ---- mappings ----------------------------------------------------------------- */

int xm_mapping_add_locked(void *addr, size_t len, int fd, uint64_t cookie)
{
    size_t i;

    for (i = 0; i < XM_MAX_MAPPINGS; i++) {
        if (xm.mappings[i].addr == NULL) {
            xm.mappings[i].addr = addr;
            xm.mappings[i].len = len;
            xm.mappings[i].fd = fd;
            xm.mappings[i].cookie = cookie;
            return 0;
        }
    }
    errno = ENOMEM;
    return -1;
}

static void mapping_drop_locked(struct xm_mapping *m)
{
    struct xm_file *f = xm_file_get_locked(m->fd);

    if (f != NULL && f->ops->munmap != NULL)
        f->ops->munmap(f, m->addr, m->len, m->cookie);
    memset(m, 0, sizeof(*m));
}

void xm_mappings_unmap_locked(void *addr, size_t len)
{
    uintptr_t lo = (uintptr_t)addr, hi = lo + len;
    size_t i;

    for (i = 0; i < XM_MAX_MAPPINGS; i++) {
        struct xm_mapping *m = &xm.mappings[i];
        uintptr_t mlo = (uintptr_t)m->addr, mhi = mlo + m->len;

        if (m->addr == NULL || mhi <= lo || mlo >= hi)
            continue;
        if (mlo < lo || mhi > hi) {
            xm_violation_locked("munmap(%p, %zu) cuts mapping %p+%zu of fd %d",
                                addr, len, m->addr, m->len, m->fd);
            continue;
        }
        mapping_drop_locked(m);
    }
}

void xm_mappings_of_fd_locked(int fd)
{
    size_t i;

    for (i = 0; i < XM_MAX_MAPPINGS; i++) {
        struct xm_mapping *m = &xm.mappings[i];
        if (m->addr == NULL || m->fd != fd)
            continue;
        xm_violation_locked("fd %d closed while %p+%zu is still mapped",
                            fd, m->addr, m->len);
        mapping_drop_locked(m);
    }
}

struct xm_domain *xm_domain_get_locked(uint16_t domid)
{
    if (domid >= XM_MAX_DOMAINS || !xm.domains[domid].exists)
        return NULL;
    return &xm.domains[domid];
}

struct xm_file *xm_file_get_locked(int fd)
{
    if (fd < 0 || fd >= XM_MAX_FDS)
        return NULL;
    return xm_local.files[fd];
}

void xm_violation_locked(const char *fmt, ...)
{
    size_t used = strlen(xm.violations);
    va_list ap;

    if (used + 2 >= sizeof(xm.violations))
        return;
    va_start(ap, fmt);
    vsnprintf(xm.violations + used, sizeof(xm.violations) - used, fmt, ap);
    va_end(ap);
    used = strlen(xm.violations);
    if (used + 1 < sizeof(xm.violations)) {
        xm.violations[used] = '\n';
        xm.violations[used + 1] = '\0';
    }
}

int xm_user_arg_bad(const void *arg)
{
    if (arg != NULL)
        return 0;
    errno = EFAULT;
    return 1;
}

void xm_log_locked(enum xm_call call, int fd, unsigned long request,
                   long result, int err)
{
    struct xm_call_record *r;

    /* Every failing answer of the model carries a positive errno, as a
     * kernel's does (a negative or zero errno is a model bug that would
     * make the libraries' errno checks vacuous). */
    if (result < 0 && err <= 0)
        xm_violation_locked("call kind %d on fd %d (request %#lx) failed "
                            "with errno %d, not > 0", (int)call, fd,
                            request, err);
    if (xm.log_len >= XM_LOG_SLOTS) {
        xm.log_dropped++;
        return;
    }
    r = &xm.log[xm.log_len++];
    r->call = call;
    r->fd = fd;
    r->request = request;
    r->result = result;
    r->err = err;
}

int xm_fault_check_locked(enum xm_call call, unsigned long request,
                          int *err, size_t *short_bytes)
{
    int i, fired = 0;

    for (i = 0; i < XM_MAX_FAULTS; i++) {
        struct xm_fault *ft = &xm.faults[i];
        if (ft->remaining == 0)
            continue;
        if (ft->call != XM_CALL_ANY && ft->call != call)
            continue;
        if (call == XM_CALL_IOCTL && ft->request != 0 && ft->request != request)
            continue;
        if (--ft->remaining == 0 && !fired) {
            fired = 1;
            *err = ft->err;
            *short_bytes = ft->short_bytes;
        }
    }
    return fired;
}

/* ---- control API (xenmock.h) ---------------------------------------------- */

void xm_reset(void)
{
    const struct xm_device_ops *const *devs;
    size_t i, n;
    int fd;

    xm_lock();
    for (fd = 0; fd < XM_MAX_FDS; fd++) {
        if (xm_local.files[fd] != NULL) {
            xm_local.files[fd] = NULL;
            xm_raw_close(fd);
        }
    }
    devs = all_devices(&n);
    for (i = 0; i < n; i++)
        if (devs[i] != NULL && devs[i]->reset != NULL)
            devs[i]->reset();
    memset(xm.domains, 0, sizeof(xm.domains));
    memset(xm.mappings, 0, sizeof(xm.mappings));
    memset(xm.faults, 0, sizeof(xm.faults));
    xm.log_len = 0;
    xm.log_dropped = 0;
    xm.violations[0] = '\0';
    xm_arena_reset_locked();
    xm.initialised = 0;
    xm_ensure_init_locked();
    xm_unlock();
}

int xm_check_invariants(char *buf, size_t len)
{
    static const char *const kind_names[] = {
        "?", "evtchn", "gntdev", "gntalloc", "privcmd", "hypercall",
    };
    const struct xm_device_ops *const *devs;
    int fd, bad;
    size_t i, n;

    xm_lock();
    xm_ensure_init_locked();
    for (fd = 0; fd < XM_MAX_FDS; fd++)
        if (xm_local.files[fd] != NULL)
            xm_violation_locked("fd %d (/dev/xen/%s) still open", fd,
                                kind_names[xm_local.files[fd]->kind]);
    for (i = 0; i < XM_MAX_MAPPINGS; i++)
        if (xm.mappings[i].addr != NULL)
            xm_violation_locked("mapping %p+%zu of fd %d still mapped",
                                xm.mappings[i].addr, xm.mappings[i].len,
                                xm.mappings[i].fd);
    devs = all_devices(&n);
    for (i = 0; i < n; i++)
        if (devs[i] != NULL && devs[i]->check != NULL)
            devs[i]->check();
    bad = xm.violations[0] != '\0';
    if (buf != NULL && len > 0)
        snprintf(buf, len, "%s", xm.violations);
    xm.violations[0] = '\0';
    xm_unlock();
    return bad ? -1 : 0;
}

int xm_domain_create(uint16_t domid, unsigned int nr_pages)
{
    int rc = 0;

    xm_lock();
    xm_ensure_init_locked();
    if (domid >= XM_MAX_DOMAINS) {
        errno = EINVAL;
        rc = -1;
    } else if (xm.domains[domid].exists) {
        errno = EEXIST;
        rc = -1;
    } else if (domain_setup_locked(&xm.domains[domid], nr_pages) < 0) {
        rc = -1;
    }
    xm_unlock();
    return rc;
}

int xm_set_current_domain(uint16_t domid)
{
    int rc = 0;

    xm_lock();
    xm_ensure_init_locked();
    if (xm_domain_get_locked(domid) == NULL) {
        errno = ESRCH;
        rc = -1;
    } else {
        xm_local.current_domid = domid;
    }
    xm_unlock();
    return rc;
}

void xm_set_devices(unsigned int present_mask)
{
    xm_lock();
    xm_ensure_init_locked();
    xm.devices = present_mask & XM_DEV_ALL;
    xm_unlock();
}

void xm_set_feature(enum xm_feature f, int enabled)
{
    xm_lock();
    xm_ensure_init_locked();
    if ((unsigned int)f < XM_FEAT_NUM)
        xm.feature[f] = enabled != 0;
    xm_unlock();
}

void xm_set_gntalloc_limit(unsigned int limit)
{
    xm_lock();
    xm_ensure_init_locked();
    xm.gntalloc_limit = limit;
    xm_unlock();
}

void *xm_domain_page(uint16_t domid, uint64_t gfn)
{
    struct xm_domain *d;
    void *page = NULL;

    xm_lock();
    xm_ensure_init_locked();
    d = xm_domain_get_locked(domid);
    if (d == NULL)
        errno = ESRCH;
    else if (gfn >= d->nr_pages)
        errno = EINVAL;
    else
        page = d->mem + gfn * XM_PAGE_SIZE;
    xm_unlock();
    return page;
}

int xm_domain_page_out(uint16_t domid, uint64_t gfn, unsigned int times)
{
    struct xm_domain *d;
    int rc = -1;

    xm_lock();
    xm_ensure_init_locked();
    d = xm_domain_get_locked(domid);
    if (d == NULL)
        errno = ESRCH;
    else if (gfn >= d->nr_pages)
        errno = EINVAL;
    else {
        d->paged_out[gfn] = times;
        rc = 0;
    }
    xm_unlock();
    return rc;
}

static int xm_fault_arm(enum xm_call call, unsigned long request,
                        unsigned int nth, int err, size_t short_bytes)
{
    int i;

    if (nth == 0 || (err <= 0 && short_bytes == 0)) {
        errno = EINVAL;
        return -1;
    }
    xm_lock();
    for (i = 0; i < XM_MAX_FAULTS; i++) {
        if (xm.faults[i].remaining == 0) {
            xm.faults[i].call = call;
            xm.faults[i].request = request;
            xm.faults[i].remaining = nth;
            xm.faults[i].err = err;
            xm.faults[i].short_bytes = short_bytes;
            xm_unlock();
            return 0;
        }
    }
    xm_unlock();
    errno = ENOSPC;
    return -1;
}

int xm_fault_fail_nth(enum xm_call call, unsigned long request,
                      unsigned int nth, int err)
{
    return xm_fault_arm(call, request, nth, err, 0);
}

int xm_fault_short_read(unsigned int nth, size_t bytes)
{
    if (bytes == 0) {
        errno = EINVAL;
        return -1;
    }
    return xm_fault_arm(XM_CALL_READ, 0, nth, 0, bytes);
}

void xm_fault_clear(void)
{
    xm_lock();
    memset(xm.faults, 0, sizeof(xm.faults));
    xm_unlock();
}

size_t xm_log_count(void)
{
    size_t n;

    xm_lock();
    n = xm.log_len;
    xm_unlock();
    return n;
}

/* Logged calls of one kind (or all), optionally only those on a model
 * descriptor (fd >= 0). */
static size_t log_count(enum xm_call call, int device_only)
{
    size_t i, n = 0;

    xm_lock();
    for (i = 0; i < xm.log_len; i++)
        if ((call == XM_CALL_ANY || xm.log[i].call == call) &&
            (!device_only || xm.log[i].fd >= 0))
            n++;
    xm_unlock();
    return n;
}

size_t xm_log_count_kind(enum xm_call call)
{
    return log_count(call, 0);
}

size_t xm_log_count_device(enum xm_call call)
{
    return log_count(call, 1);
}

const struct xm_call_record *xm_log_get(size_t i)
{
    const struct xm_call_record *r = NULL;

    xm_lock();
    if (i < xm.log_len)
        r = &xm.log[i];
    xm_unlock();
    return r;
}

void xm_log_clear(void)
{
    xm_lock();
    xm.log_len = 0;
    xm.log_dropped = 0;
    xm_unlock();
}
