/*
 * Models of the trusted contracts of specs/xenforeignmemory.acsl.h (the
 * OS layer, src/foreignmemory/linux.c, and src/foreignmemory/seam.c):
 * bodies WP proves against the very same contracts, showing them
 * satisfiable.  vx_model_fmem is never initialised by anything WP sees,
 * so each branch is reachable (smoke tests check it).
 */
#include "../xenforeignmemory.acsl.h"

int vx_model_fmem;
char vx_model_fmem_mapping[4096];
xenforeignmemory_handle fmem_handle_heap[FMEM_HEAP];
xenforeignmemory_resource_handle fmem_resource_heap[FMEM_HEAP];
struct fmem_mapping fmem_maps_pool[FMEM_POOL];
int fmem_scratch_pool[FMEM_POOL];

int fmem_os_open(void)
{
    if (vx_model_fmem < 0) {
        errno = ENOENT;
        return -1;
    }
    return vx_model_fmem;
}

int fmem_os_close(int fd)
{
    (void)fd;
    if (vx_model_fmem < 0) {
        errno = EBADF;
        return -1;
    }
    return 0;
}

long fmem_os_probe_unimplemented(int fd)
{
    (void)fd;
    if (vx_model_fmem != 1) {
        errno = ENOTTY;
        return -1;
    }
    return 0;
}

void *fmem_os_map(int fd, void *addr, size_t bytes, int prot, int flags)
{
    (void)fd; (void)bytes; (void)prot;
    if (vx_model_fmem < 0) {
        errno = ENOMEM;
        return NULL;
    }
    if ((flags & MAP_FIXED) != 0) {
        if (addr == NULL) {
            errno = EINVAL;
            return NULL;
        }
        return addr;
    }
    return vx_model_fmem_mapping;
}

void *fmem_os_reserve(void *addr, size_t bytes, int flags)
{
    (void)addr; (void)bytes; (void)flags;
    if (vx_model_fmem < 0) {
        errno = ENOMEM;
        return NULL;
    }
    return vx_model_fmem_mapping;
}

int fmem_os_unmap(void *addr, size_t bytes)
{
    (void)addr; (void)bytes;
    if (vx_model_fmem < 0) {
        errno = EINVAL;
        return -1;
    }
    return 0;
}

long fmem_os_mmapbatch(int fd, domid_t dom, void *addr,
                       const xen_pfn_t *arr, int *err, unsigned int num)
{
    (void)fd; (void)dom; (void)addr; (void)arr;
    if (vx_model_fmem < 0) {
        errno = EFAULT;
        return -1;
    }
    err[num - 1] = vx_model_fmem > 1 ? -ENOENT : 0;
    return 0;
}

long fmem_os_batch(int fd, struct fmem_batch *req)
{
    (void)fd;
    if (vx_model_fmem < 0) {
        errno = EFAULT;
        return -1;
    }
    req->err[req->num - 1] = vx_model_fmem > 1 ? -ENOENT : 0;
    return 0;
}

long fmem_os_mmapbatch_v1(int fd, domid_t dom, void *addr,
                          const xen_pfn_t *arr, int *err, unsigned int num)
{
    (void)fd; (void)dom; (void)addr; (void)arr;
    if (vx_model_fmem < 0) {
        errno = ENOENT;
        return -1;
    }
    err[0] = 0;
    (void)num;
    return 0;
}

long fmem_os_mmap_resource(int fd, domid_t dom, unsigned int type,
                           unsigned int id, uint32_t idx, uint64_t *num,
                           void *addr)
{
    (void)fd; (void)dom; (void)type; (void)id; (void)idx; (void)addr;
    if (vx_model_fmem < 0) {
        errno = EOPNOTSUPP;
        return -1;
    }
    *num = (uint64_t)vx_model_fmem;
    return 0;
}

long fmem_os_restrict(int fd, domid_t domid)
{
    (void)fd; (void)domid;
    if (vx_model_fmem < 0) {
        errno = EPERM;
        return -1;
    }
    return 0;
}

void fmem_os_pause(unsigned int attempt)
{
    (void)attempt;
}

/* Out of memory (as evtchn's model: the success branch would have to show
 * that a block of fmem_handle_heap is in no registry, which only the
 * allocator, not C code, can know). */
xenforeignmemory_handle *fmem_handle_alloc(Xentoolcore__Restrict_Callback *cb)
{
    (void)cb;
    errno = ENOMEM;
    return NULL;
}

void fmem_handle_release(xenforeignmemory_handle *fmem)
{
    (void)fmem;
}

/* A handle whose registry record the model's callers may pass. */
xenforeignmemory_handle vx_model_fmem_handle;

xenforeignmemory_handle *fmem_handle_of(Xentoolcore__Active_Handle *ah)
{
    if (ah == &vx_model_fmem_handle.tc_ah)
        return &vx_model_fmem_handle;
    /* A record that is in no handle: the real downcast would be undefined
     * behaviour; the model does not return (partial correctness). */
    for (;;) {
    }
}

/* Creation may always fail: this shows the contract consistent (a logger
 * satisfying xtl_logger_ok is the stdio logger, proven in libxentoollog). */
xentoollog_logger *fmem_default_logger(void)
{
    errno = ENOMEM;
    return NULL;
}

void fmem_log_error(xentoollog_logger *logger, enum fmem_log_msg msg)
{
    (void)logger; (void)msg;
}

size_t fmem_batch_pages_from_env(void)
{
    return vx_model_fmem > 0 ? 1 : FMEM_BATCH_PAGES;
}

int fmem_v1_get(const xenforeignmemory_handle *fmem)
{
    return fmem->v2_pages == 0;
}

void fmem_v1_set(xenforeignmemory_handle *fmem)
{
    fmem->v2_pages = 0;
}

size_t fmem_v2_pages(const xenforeignmemory_handle *fmem)
{
    return fmem->v2_pages;
}

int *fmem_scratch_alloc(size_t pages)
{
    if (vx_model_fmem < 0 || pages > FMEM_POOL) {
        errno = ENOMEM;
        return NULL;
    }
    return fmem_scratch_pool;
}

void fmem_scratch_free(int *scratch)
{
    (void)scratch;
}

/* A first array (nothing to keep) may be had; growing one fails (the
 * model has no second array to copy into). */
struct fmem_mapping *fmem_maps_realloc(struct fmem_mapping *maps,
                                       size_t keep, size_t cap)
{
    if (vx_model_fmem < 0 || cap > FMEM_POOL || maps != NULL || keep > 0) {
        errno = ENOMEM;
        return NULL;
    }
    fmem_maps_pool[0].pages = 0;
    return fmem_maps_pool;
}

xenforeignmemory_resource_handle *fmem_resource_alloc(void)
{
    xenforeignmemory_resource_handle *r = &fmem_resource_heap[0];

    if (vx_model_fmem < 0) {
        errno = ENOMEM;
        return NULL;
    }
    r->next = NULL;
    return r;
}

void fmem_resource_free(xenforeignmemory_resource_handle *fres)
{
    (void)fres;
}

void fmem_registry_clear(xenforeignmemory_handle *fmem)
{
    fmem->resources = NULL;
    fmem->maps = NULL;
    fmem->nr_maps = 0;
    fmem->cap_maps = 0;
}
