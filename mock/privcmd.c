/*
 * privcmd.c - model of Linux's /dev/xen/privcmd driver and of the part of
 * the hypervisor a dom0 toolstack reaches through it.
 *
 * Semantics modelled (drivers/xen/privcmd.c, Xen 4.17):
 *   - HYPERCALL: a small hypervisor: xen_version (4.17), memory_op
 *     current/maximum_reservation, sysctl physinfo, domctl getdomaininfo;
 *     everything else answers -ENOSYS.  Pointer arguments of the modelled
 *     calls must lie in /dev/xen/hypercall buffers when that device exists
 *     (a violation otherwise: on a real system such memory can be
 *     migrated while Xen reads it).
 *   - mmap() of the device only reserves an address range (a "region");
 *     MMAP, MMAPBATCH_V2 and MMAP_RESOURCE then insert frames into it.
 *     As in Linux, the first batch on a region must cover all of it, and
 *     later batches may only fill pages that are still empty (this is how
 *     paged-out frames are retried).  Regions are not inherited by fork
 *     children (Linux sets VM_DONTCOPY; the model cannot express that, so
 *     it is the library's business not to touch them in a child).
 *   - MMAPBATCH_V2: err[] is zeroed, then each page gets 0 or a negative
 *     errno: -ENOENT for a paged-out frame (the whole ioctl then fails
 *     with ENOENT), -EINVAL for a frame beyond the domain's memory,
 *     -ESRCH for a domain that does not exist.
 *   - MMAPBATCH (v1, the legacy request every privcmd has): the same
 *     checks and frames, but the per-page result is written into arr[]
 *     itself, as Linux's mmap_return_error() does: a failed entry gets
 *     PRIVCMD_MMAPBATCH_PAGED_ERROR (0x80000000) or'd in when the frame is
 *     paged out, PRIVCMD_MMAPBATCH_MFN_ERROR (0xf0000000) for any other
 *     error; successful entries are left alone.  num is an int: <= 0 is
 *     EINVAL.
 *   - MMAP_RESOURCE: num == 0 and addr == 0 query the size; grant table
 *     (shared: 8 frames, status: 1) and ioreq server 0 (2 frames).  The
 *     frames are zeroed anonymous shared memory, not tied to the domain.
 *   - RESTRICT: once restricted to a domain, another domain's requests
 *     fail with EPERM and raw hypercalls are refused (EPERM); restricting
 *     again to another domain is EINVAL.
 *   - DM_OP: validated (at most 16 buffers of at most 4096 bytes, domain
 *     exists) and counted; always succeeds.
 *   - Unknown requests answer ENOTTY (Linux >= 4.18).  With
 *     XM_FEAT_MMAPBATCH_V2 switched off the model is a kernel older than
 *     Linux 3.5, before MMAPBATCH_V2 existed, when privcmd answered EINVAL
 *     to requests it did not know: MMAPBATCH_V2, the UNIMPLEMENTED probe
 *     and everything else unknown then fail with EINVAL.  MMAP_RESOURCE
 *     switched off answers whatever unknown requests answer.
 */
#define __XEN_TOOLS__ 1

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <xen/xen.h>
#include <xen/domctl.h>
#include <xen/memory.h>
#include <xen/sysctl.h>
#include <xen/version.h>
#include <xen/sys/privcmd.h>

#include "hypercall_buf.h"
#include "model.h"

#define PC_MAX_REGIONS     1024
#define PC_DM_OP_MAX_BUFS  16
#define PC_DM_OP_MAX_SIZE  4096
#define PC_GNTTAB_SHARED_FRAMES 8u
#define PC_GNTTAB_STATUS_FRAMES 1u
#define PC_IOREQ_FRAMES         2u

struct pc_file {
    int restricted;
    uint16_t restrict_domid;
    unsigned long dm_ops;       /* DM_OP requests accepted */
};

struct pc_region {
    uintptr_t lo, hi;           /* hi == 0: free slot */
    int fd;
    int prot;
    int batched;                /* a first batch covered the region */
    unsigned char *filled;      /* per page: a frame is inserted */
};

static struct pc_region regions[PC_MAX_REGIONS];

/* What the modelled kernel answers to a request it does not know. */
static int unknown_request_errno(void)
{
    return xm.feature[XM_FEAT_MMAPBATCH_V2] ? ENOTTY : EINVAL;
}

/* ---- helpers ------------------------------------------------------------- */

static uint16_t target_domid(const struct xm_file *f, uint16_t dom)
{
    return dom == DOMID_SELF ? f->domid : dom;
}

static int allowed(const struct xm_file *f, uint16_t dom)
{
    const struct pc_file *pf = f->priv;

    return !pf->restricted || pf->restrict_domid == target_domid(f, dom);
}

static struct pc_region *region_find(int fd, uintptr_t lo, size_t len)
{
    size_t i;

    if (lo + len < lo)
        return NULL;
    for (i = 0; i < PC_MAX_REGIONS; i++)
        if (regions[i].hi != 0 && regions[i].fd == fd &&
            lo >= regions[i].lo && lo + len <= regions[i].hi)
            return &regions[i];
    return NULL;
}

static int range_empty(const struct pc_region *r, uintptr_t lo, size_t pages)
{
    size_t first = (lo - r->lo) / XM_PAGE_SIZE, i;

    for (i = 0; i < pages; i++)
        if (r->filled[first + i])
            return 0;
    return 1;
}

/*
 * A guest handle passed in a hypercall: NULL is EFAULT (Xen's copy would
 * fault); memory outside hypercall buffers is a violation when the caller
 * has the buffer device open (then its buffers must come from there), but
 * Xen would still read it, so the call proceeds.  Without the device open,
 * locked anonymous memory is the legitimate fallback (fuzzing found the
 * earlier "device exists" rule flagging it after an injected open failure).
 */
static void *guest_ptr(uint64_t p, size_t len, const char *what)
{
    if (p == 0)
        return NULL;
    if ((xm.devices & XM_DEV_HYPERCALL) && xm_hypercall_device_open_locked() &&
        !xm_hypercall_buffer_contains_locked(p, len))
        xm_violation_locked("hypercall %s argument %#llx+%zu is not in a "
                            "/dev/xen/hypercall buffer", what,
                            (unsigned long long)p, len);
    return (void *)(uintptr_t)p;
}

static void copy_string(char *dst, size_t size, const char *src)
{
    memset(dst, 0, size);
    strncpy(dst, src, size - 1);
}

/* ---- the hypervisor -------------------------------------------------------- */

static long hv_xen_version(uint64_t cmd, uint64_t arg)
{
    void *p;

    switch (cmd) {
    case XENVER_version:
        return (4L << 16) | 17;
    case XENVER_pagesize:
        return XM_PAGE_SIZE;
    case XENVER_extraversion:
        if ((p = guest_ptr(arg, sizeof(xen_extraversion_t), "xen_version")) == NULL)
            return -EFAULT;
        copy_string(p, sizeof(xen_extraversion_t), ".3");
        return 0;
    case XENVER_compile_info: {
        struct xen_compile_info *ci;
        if ((p = guest_ptr(arg, sizeof(*ci), "xen_version")) == NULL)
            return -EFAULT;
        ci = p;
        copy_string(ci->compiler, sizeof(ci->compiler), "gcc (xenmock)");
        copy_string(ci->compile_by, sizeof(ci->compile_by), "verixen");
        copy_string(ci->compile_domain, sizeof(ci->compile_domain), "mock");
        copy_string(ci->compile_date, sizeof(ci->compile_date), "today");
        return 0;
    }
    case XENVER_capabilities:
        if ((p = guest_ptr(arg, sizeof(xen_capabilities_info_t), "xen_version")) == NULL)
            return -EFAULT;
        copy_string(p, sizeof(xen_capabilities_info_t),
                    "xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64");
        return 0;
    case XENVER_changeset:
        if ((p = guest_ptr(arg, sizeof(xen_changeset_info_t), "xen_version")) == NULL)
            return -EFAULT;
        copy_string(p, sizeof(xen_changeset_info_t), "unavailable");
        return 0;
    case XENVER_get_features: {
        struct xen_feature_info *fi;
        if ((p = guest_ptr(arg, sizeof(*fi), "xen_version")) == NULL)
            return -EFAULT;
        fi = p;
        /* A PV dom0 on x86: writable page tables etc.; bit 0..3. */
        fi->submap = fi->submap_idx == 0 ? 0xFu : 0;
        return 0;
    }
    default:
        return -ENOSYS;
    }
}

static long hv_memory_op(const struct xm_file *f, uint64_t cmd, uint64_t arg)
{
    struct xm_domain *d;
    domid_t *dp;

    if (cmd != XENMEM_current_reservation && cmd != XENMEM_maximum_reservation)
        return -ENOSYS;
    if ((dp = guest_ptr(arg, sizeof(*dp), "memory_op")) == NULL)
        return -EFAULT;
    d = xm_domain_get_locked(target_domid(f, *dp));
    if (d == NULL)
        return -ESRCH;
    if (cmd == XENMEM_current_reservation)
        return d->nr_pages;
    /* Dom0 has no memory limit: Xen reports max_pages = ~0U, a value that
     * only a full-width hypercall result (xencall2L) can carry. */
    return d == &xm.domains[0] ? 0xFFFFFFFFL : (long)d->nr_pages;
}

static long hv_sysctl(uint64_t arg)
{
    struct xen_sysctl *op;
    struct xen_sysctl_physinfo *pi;
    uint64_t total = 0;
    size_t i;

    if ((op = guest_ptr(arg, sizeof(*op), "sysctl")) == NULL)
        return -EFAULT;
    if (op->interface_version != XEN_SYSCTL_INTERFACE_VERSION)
        return -EACCES;
    if (op->cmd != XEN_SYSCTL_physinfo)
        return -ENOSYS;
    for (i = 0; i < XM_MAX_DOMAINS; i++)
        if (xm.domains[i].exists)
            total += xm.domains[i].nr_pages;
    pi = &op->u.physinfo;
    memset(pi, 0, sizeof(*pi));
    pi->threads_per_core = 1;
    pi->cores_per_socket = 4;
    pi->nr_cpus = 4;
    pi->max_cpu_id = 3;
    pi->nr_nodes = 1;
    pi->cpu_khz = 2000000;
    pi->capabilities = XEN_SYSCTL_PHYSCAP_hvm | XEN_SYSCTL_PHYSCAP_pv;
    pi->total_pages = total + 4096;    /* the free pool */
    pi->free_pages = 4096;
    pi->max_mfn = 0xFFFFF;
    return 0;
}

static long hv_domctl(uint64_t arg)
{
    struct xen_domctl *op;
    struct xen_domctl_getdomaininfo *gi;
    unsigned int id;

    if ((op = guest_ptr(arg, sizeof(*op), "domctl")) == NULL)
        return -EFAULT;
    if (op->interface_version != XEN_DOMCTL_INTERFACE_VERSION)
        return -EACCES;
    if (op->cmd != XEN_DOMCTL_getdomaininfo)
        return -ENOSYS;
    /* Xen 4.17 answers with the first domain whose id is >= the one asked
     * for (xc_domain_getinfo relies on it to enumerate domains). */
    for (id = op->domain; id < XM_MAX_DOMAINS; id++)
        if (xm.domains[id].exists)
            break;
    if (id >= XM_MAX_DOMAINS)
        return -ESRCH;
    gi = &op->u.getdomaininfo;
    memset(gi, 0, sizeof(*gi));
    op->domain = (domid_t)id;
    gi->domain = (domid_t)id;
    gi->flags = XEN_DOMINF_running | (id != 0 ? XEN_DOMINF_hvm_guest : 0);
    gi->tot_pages = xm.domains[id].nr_pages;
    gi->max_pages = id == 0 ? 0xFFFFFFFFu : xm.domains[id].nr_pages;
    gi->nr_online_vcpus = 1;
    gi->max_vcpu_id = 0;
    return 0;
}

static long pc_hypercall(struct xm_file *f, privcmd_hypercall_t *hc)
{
    const struct pc_file *pf = f->priv;
    long rc;

    /* A restricted file may only issue DM_OPs for its domain. */
    if (pf->restricted) {
        errno = EPERM;
        return -1;
    }
    switch (hc->op) {
    case __HYPERVISOR_xen_version:
        rc = hv_xen_version(hc->arg[0], hc->arg[1]);
        break;
    case __HYPERVISOR_memory_op:
        rc = hv_memory_op(f, hc->arg[0], hc->arg[1]);
        break;
    case __HYPERVISOR_sysctl:
        rc = hv_sysctl(hc->arg[0]);
        break;
    case __HYPERVISOR_domctl:
        rc = hv_domctl(hc->arg[0]);
        break;
    default:
        rc = -ENOSYS;
        break;
    }
    if (rc < 0) {
        errno = (int)-rc;
        return -1;
    }
    return rc;
}

/* ---- mapping requests ------------------------------------------------------- */

static long pc_mmap_legacy(int fd, struct xm_file *f, const privcmd_mmap_t *req)
{
    int i;

    if (!allowed(f, req->dom)) {
        errno = EPERM;
        return -1;
    }
    if (req->num < 0 || (req->num > 0 && req->entry == NULL)) {
        errno = req->num < 0 ? EINVAL : EFAULT;
        return -1;
    }
    for (i = 0; i < req->num; i++) {
        const privcmd_mmap_entry_t *e = &req->entry[i];
        struct pc_region *r;
        uint64_t j;

        if (e->va % XM_PAGE_SIZE != 0 || e->npages == 0 ||
            e->npages > SIZE_MAX / XM_PAGE_SIZE) {
            errno = EINVAL;
            return -1;
        }
        r = region_find(fd, (uintptr_t)e->va, (size_t)e->npages * XM_PAGE_SIZE);
        if (r == NULL || !range_empty(r, (uintptr_t)e->va, (size_t)e->npages)) {
            errno = EINVAL;
            return -1;
        }
        for (j = 0; j < e->npages; j++) {
            uintptr_t at = (uintptr_t)e->va + j * XM_PAGE_SIZE;
            if (xm_domain_map_gfn_locked(target_domid(f, req->dom), e->mfn + j,
                                         (void *)at, r->prot) < 0)
                return -1;
            r->filled[(at - r->lo) / XM_PAGE_SIZE] = 1;
        }
    }
    return 0;
}

/*
 * MMAPBATCH and MMAPBATCH_V2: insert frames `arr` of domain `reqdom` at
 * `addr`.  Per-page results go to err[] (v2, zeroed first) or into arr[]
 * itself (v1, err == NULL).
 */
static long pc_mmapbatch(int fd, struct xm_file *f, int version,
                         uint16_t reqdom, uint64_t addr, unsigned int num,
                         xen_pfn_t *arr, int *err)
{
    struct pc_region *r;
    struct xm_domain *d;
    uint16_t dom = target_domid(f, reqdom);
    unsigned int i;
    int paged = 0;

    if (num == 0 || addr % XM_PAGE_SIZE != 0) {
        errno = EINVAL;
        return -1;
    }
    if (!allowed(f, reqdom)) {
        errno = EPERM;
        return -1;
    }
    if (arr == NULL || (version == 2 && err == NULL)) {
        errno = EFAULT;
        return -1;
    }
    r = region_find(fd, (uintptr_t)addr, (size_t)num * XM_PAGE_SIZE);
    if (r == NULL) {
        errno = EINVAL;
        return -1;
    }
    if (!r->batched) {
        if (addr != r->lo || addr + (uint64_t)num * XM_PAGE_SIZE != r->hi) {
            errno = EINVAL;
            return -1;
        }
        r->batched = 1;
    } else if (!range_empty(r, (uintptr_t)addr, num)) {
        errno = EINVAL;
        return -1;
    }
    if (version == 2)
        memset(err, 0, (size_t)num * sizeof(int));
    d = xm_domain_get_locked(dom);
    for (i = 0; i < num; i++) {
        uintptr_t at = (uintptr_t)addr + (uintptr_t)i * XM_PAGE_SIZE;
        xen_pfn_t gfn = arr[i];
        int e = 0;

        if (d == NULL) {
            e = -ESRCH;
        } else if (gfn >= d->nr_pages) {
            e = -EINVAL;
        } else if (d->paged_out[gfn] > 0) {
            if (d->paged_out[gfn] != ~0u)
                d->paged_out[gfn]--;
            e = -ENOENT;
            paged = 1;
        } else if (xm_domain_map_gfn_locked(dom, gfn, (void *)at, r->prot) < 0) {
            e = -errno;
        } else {
            r->filled[(at - r->lo) / XM_PAGE_SIZE] = 1;
        }
        if (e == 0)
            continue;
        if (version == 2)
            err[i] = e;
        else
            arr[i] |= e == -ENOENT ? PRIVCMD_MMAPBATCH_PAGED_ERROR
                                   : PRIVCMD_MMAPBATCH_MFN_ERROR;
    }
    if (paged) {
        errno = ENOENT;
        return -1;
    }
    return 0;
}

static long pc_mmapbatch_v2(int fd, struct xm_file *f,
                            const privcmd_mmapbatch_v2_t *req)
{
    if (!xm.feature[XM_FEAT_MMAPBATCH_V2]) {
        errno = unknown_request_errno();
        return -1;
    }
    /* The kernel only reads arr[] for v2. */
    return pc_mmapbatch(fd, f, 2, req->dom, req->addr, req->num,
                        (xen_pfn_t *)(uintptr_t)req->arr, req->err);
}

static long pc_mmapbatch_v1(int fd, struct xm_file *f,
                            const privcmd_mmapbatch_t *req)
{
    if (req->num <= 0) {
        errno = EINVAL;
        return -1;
    }
    return pc_mmapbatch(fd, f, 1, req->dom, req->addr, (unsigned int)req->num,
                        req->arr, NULL);
}

static unsigned int resource_frames(unsigned int type, unsigned int id)
{
    if (type == XENMEM_resource_grant_table &&
        id == XENMEM_resource_grant_table_id_shared)
        return PC_GNTTAB_SHARED_FRAMES;
    if (type == XENMEM_resource_grant_table &&
        id == XENMEM_resource_grant_table_id_status)
        return PC_GNTTAB_STATUS_FRAMES;
    if (type == XENMEM_resource_ioreq_server && id == 0)
        return PC_IOREQ_FRAMES;
    return 0;
}

static long pc_mmap_resource(int fd, struct xm_file *f,
                             privcmd_mmap_resource_t *req)
{
    struct pc_region *r;
    unsigned int frames;
    uint64_t j;

    if (!xm.feature[XM_FEAT_MMAP_RESOURCE]) {
        errno = unknown_request_errno();
        return -1;
    }
    if (!allowed(f, req->dom)) {
        errno = EPERM;
        return -1;
    }
    if (xm_domain_get_locked(target_domid(f, req->dom)) == NULL) {
        errno = ESRCH;
        return -1;
    }
    if (req->type != XENMEM_resource_grant_table &&
        req->type != XENMEM_resource_ioreq_server) {
        errno = EOPNOTSUPP;       /* Xen's answer for unknown types */
        return -1;
    }
    frames = resource_frames(req->type, req->id);
    if (frames == 0) {
        errno = ENOENT;
        return -1;
    }
    if (req->num == 0 && req->addr == 0) {
        req->num = frames;
        return 0;
    }
    if (req->num == 0 || req->idx >= frames || req->num > frames - req->idx ||
        req->addr % XM_PAGE_SIZE != 0) {
        errno = EINVAL;
        return -1;
    }
    r = region_find(fd, (uintptr_t)req->addr, (size_t)req->num * XM_PAGE_SIZE);
    if (r == NULL || !range_empty(r, (uintptr_t)req->addr, (size_t)req->num)) {
        errno = EINVAL;
        return -1;
    }
    if (mmap((void *)(uintptr_t)req->addr, (size_t)req->num * XM_PAGE_SIZE,
             r->prot, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
        return -1;
    for (j = 0; j < req->num; j++)
        r->filled[(req->addr - r->lo) / XM_PAGE_SIZE + j] = 1;
    r->batched = 1;
    return 0;
}

static long pc_dm_op(struct xm_file *f, const privcmd_dm_op_t *req)
{
    struct pc_file *pf = f->priv;
    unsigned int i;

    if (!allowed(f, req->dom)) {
        errno = EPERM;
        return -1;
    }
    if (req->num > PC_DM_OP_MAX_BUFS) {
        errno = E2BIG;
        return -1;
    }
    if (req->num > 0 && req->ubufs == NULL) {
        errno = EFAULT;
        return -1;
    }
    for (i = 0; i < req->num; i++) {
        if (req->ubufs[i].size > PC_DM_OP_MAX_SIZE) {
            errno = E2BIG;
            return -1;
        }
    }
    if (xm_domain_get_locked(target_domid(f, req->dom)) == NULL) {
        errno = ESRCH;
        return -1;
    }
    pf->dm_ops++;
    return 0;
}

static long pc_restrict(struct xm_file *f, const domid_t *domid)
{
    struct pc_file *pf = f->priv;

    if (pf->restricted && pf->restrict_domid != *domid) {
        errno = EINVAL;
        return -1;
    }
    pf->restricted = 1;
    pf->restrict_domid = *domid;
    return 0;
}

/* ---- device hooks ------------------------------------------------------------- */

static int privcmd_open(int fd, struct xm_file *f)
{
    (void)fd;
    f->priv = calloc(1, sizeof(struct pc_file));
    if (f->priv == NULL) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

static long privcmd_ioctl(int fd, struct xm_file *f, unsigned long req, void *arg)
{
    switch (req) {
    case IOCTL_PRIVCMD_HYPERCALL:
    case IOCTL_PRIVCMD_MMAP:
    case IOCTL_PRIVCMD_MMAPBATCH:
    case IOCTL_PRIVCMD_MMAPBATCH_V2:
    case IOCTL_PRIVCMD_MMAP_RESOURCE:
    case IOCTL_PRIVCMD_DM_OP:
    case IOCTL_PRIVCMD_RESTRICT:
        /* Every request privcmd knows copies its argument first. */
        if (xm_user_arg_bad(arg))
            return -1;
        break;
    default:
        /* Includes the UNIMPLEMENTED probe. */
        errno = unknown_request_errno();
        return -1;
    }
    switch (req) {
    case IOCTL_PRIVCMD_HYPERCALL:
        return pc_hypercall(f, arg);
    case IOCTL_PRIVCMD_MMAP:
        return pc_mmap_legacy(fd, f, arg);
    case IOCTL_PRIVCMD_MMAPBATCH:
        return pc_mmapbatch_v1(fd, f, arg);
    case IOCTL_PRIVCMD_MMAPBATCH_V2:
        return pc_mmapbatch_v2(fd, f, arg);
    case IOCTL_PRIVCMD_MMAP_RESOURCE:
        return pc_mmap_resource(fd, f, arg);
    case IOCTL_PRIVCMD_DM_OP:
        return pc_dm_op(f, arg);
    case IOCTL_PRIVCMD_RESTRICT:
        return pc_restrict(f, arg);
    default:
        /* Includes the UNIMPLEMENTED probe. */
        errno = unknown_request_errno();
        return -1;
    }
}

static int privcmd_mmap(int fd, struct xm_file *f, void *addr, size_t len,
                        int prot, off_t offset, uint64_t *cookie)
{
    size_t i;

    (void)f;
    (void)offset;
    if (len % XM_PAGE_SIZE != 0) {
        errno = EINVAL;
        return -1;
    }
    for (i = 0; i < PC_MAX_REGIONS; i++)
        if (regions[i].hi == 0)
            break;
    if (i == PC_MAX_REGIONS) {
        errno = ENOMEM;
        return -1;
    }
    regions[i].filled = calloc(len / XM_PAGE_SIZE, 1);
    if (regions[i].filled == NULL) {
        errno = ENOMEM;
        return -1;
    }
    regions[i].lo = (uintptr_t)addr;
    regions[i].hi = (uintptr_t)addr + len;
    regions[i].fd = fd;
    regions[i].prot = prot;
    regions[i].batched = 0;
    *cookie = i;
    return 0;
}

static void region_free(struct pc_region *r)
{
    free(r->filled);
    memset(r, 0, sizeof(*r));
}

static void privcmd_munmap(struct xm_file *f, void *addr, size_t len,
                           uint64_t cookie)
{
    (void)f;
    if (cookie < PC_MAX_REGIONS && regions[cookie].lo == (uintptr_t)addr &&
        regions[cookie].hi == (uintptr_t)addr + len)
        region_free(&regions[cookie]);
    else
        xm_violation_locked("privcmd: munmap of unknown region %p+%zu", addr, len);
}

static void privcmd_release(int fd, struct xm_file *f)
{
    (void)fd;
    (void)f;
    /* Regions were dropped through munmap by the front end already. */
}

static void privcmd_check(void)
{
    size_t i;

    for (i = 0; i < PC_MAX_REGIONS; i++)
        if (regions[i].hi != 0)
            xm_violation_locked("privcmd region %#lx+%lu (fd %d) still mapped",
                                (unsigned long)regions[i].lo,
                                (unsigned long)(regions[i].hi - regions[i].lo),
                                regions[i].fd);
}

static void privcmd_reset(void)
{
    size_t i;

    for (i = 0; i < PC_MAX_REGIONS; i++)
        region_free(&regions[i]);
}

const struct xm_device_ops xm_privcmd_ops = {
    .kind = XM_KIND_PRIVCMD,
    .name = "privcmd",
    .open = privcmd_open,
    .ioctl = privcmd_ioctl,
    .mmap = privcmd_mmap,
    .munmap = privcmd_munmap,
    .release = privcmd_release,
    .check = privcmd_check,
    .reset = privcmd_reset,
};
