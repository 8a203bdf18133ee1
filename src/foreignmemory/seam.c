/*
 * seam.c - the parts of libxenforeignmemory that Frama-C 25's WP cannot
 * reason about, each a few lines with a trusted contract in
 * specs/xenforeignmemory.acsl.h and a proven model in
 * specs/models/xenforeignmemory.c:
 *
 *   - malloc/calloc/realloc/free (WP 25 implements neither \fresh nor
 *     \freeable) and pthread_mutex_init/destroy of the handle;
 *   - the CONTAINER_OF downcast and the stdio logger's upcast (WP's Typed
 *     model rejects casts between unrelated struct pointer types);
 *   - xtl_log calls with literal format strings (the provers do not prove
 *     a string literal a valid string, see docs/PROOFS.md);
 *   - secure_getenv/strtoul of VERIXEN_FMEM_BATCH_PAGES;
 *   - the __atomic accesses of v2_pages.
 *
 * Not analysed by `make prove` (like linux.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmem_private.h"
#include "vx_checked.h"
#include "vx_guard.h"

xenforeignmemory_handle *fmem_handle_alloc(Xentoolcore__Restrict_Callback *cb)
{
    xenforeignmemory_handle *fmem = malloc(sizeof(*fmem));

    if (fmem == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    memset(fmem, 0, sizeof(*fmem));
    if (pthread_mutex_init(&fmem->lock, NULL) != 0) {
        free(fmem);
        errno = ENOMEM;
        return NULL;
    }
    fmem->fd = -1;
    fmem->tc_ah.restrict_callback = cb;
    return fmem;
}

void fmem_handle_release(xenforeignmemory_handle *fmem)
{
    VX_PRESERVING_ERRNO((void)pthread_mutex_destroy(&fmem->lock));
    VX_PRESERVING_ERRNO(free(fmem));
}

xenforeignmemory_handle *fmem_handle_of(Xentoolcore__Active_Handle *ah)
{
    return CONTAINER_OF(ah, xenforeignmemory_handle, tc_ah);
}

xentoollog_logger *fmem_default_logger(void)
{
    return (xentoollog_logger *)
        xtl_createlogger_stdiostream(stderr, XTL_PROGRESS, 0);
}

void fmem_log_error(xentoollog_logger *logger, enum fmem_log_msg msg)
{
    int e = errno;

    switch (msg) {
    case FMEM_MSG_OPEN_FAILED:
        xtl_log(logger, XTL_ERROR, e, FMEM_LOG_CONTEXT,
                "failed to open privcmd");
        break;
    case FMEM_MSG_PROBE_ANSWERED:
        xtl_log(logger, XTL_ERROR, -1, FMEM_LOG_CONTEXT,
                "privcmd ioctl should not be implemented");
        break;
    }
    errno = e;
}

size_t fmem_batch_pages_from_env(void)
{
    const char *v = secure_getenv("VERIXEN_FMEM_BATCH_PAGES");
    unsigned long n;
    char *end;
    int e = errno;

    if (v == NULL || *v == '\0')
        return FMEM_BATCH_PAGES;
    errno = 0;
    n = strtoul(v, &end, 10);
    if (errno != 0 || *end != '\0' || n == 0 || n > FMEM_BATCH_PAGES)
        n = FMEM_BATCH_PAGES;
    errno = e;
    return (size_t)n;
}

int fmem_v1_get(const xenforeignmemory_handle *fmem)
{
    return __atomic_load_n(&fmem->v2_pages, __ATOMIC_RELAXED) == 0;
}

void fmem_v1_set(xenforeignmemory_handle *fmem)
{
    __atomic_store_n(&fmem->v2_pages, 0, __ATOMIC_RELAXED);
}

size_t fmem_v2_pages(const xenforeignmemory_handle *fmem)
{
    return __atomic_load_n(&fmem->v2_pages, __ATOMIC_RELAXED);
}

int *fmem_scratch_alloc(size_t pages)
{
    size_t bytes;
    int *scratch;

    VX_GUARD_PTR(vx_mul_size(pages, sizeof(int), &bytes));
    scratch = malloc(bytes);
    VX_ENSURE_PTR(scratch != NULL, ENOMEM);
    return scratch;
}

void fmem_scratch_free(int *scratch)
{
    VX_PRESERVING_ERRNO(free(scratch));
}

struct fmem_mapping *fmem_maps_realloc(struct fmem_mapping *maps,
                                       size_t keep, size_t cap)
{
    size_t bytes;

    (void)keep; /* realloc keeps them all */
    struct fmem_mapping *m;

    VX_GUARD_PTR(vx_mul_size(cap, sizeof(*maps), &bytes));
    m = realloc(maps, bytes);
    VX_ENSURE_PTR(m != NULL, ENOMEM);
    return m;
}

xenforeignmemory_resource_handle *fmem_resource_alloc(void)
{
    xenforeignmemory_resource_handle *fres = calloc(1, sizeof(*fres));

    VX_ENSURE_PTR(fres != NULL, ENOMEM);
    return fres;
}

/* free() keeps errno (glibc >= 2.33, as POSIX.1-2024 requires): no save
 * around it on unmap_resource's path. */
void fmem_resource_free(xenforeignmemory_resource_handle *fres)
{
    free(fres);
}

/* At close: free every resource record and the mapping registry
 * (mappings stay, as the kernel keeps them). */
void fmem_registry_clear(xenforeignmemory_handle *fmem)
{
    xenforeignmemory_resource_handle *r, *next;

    for (r = fmem->resources; r != NULL; r = next) {
        next = r->next;
        free(r);
    }
    fmem->resources = NULL;
    free(fmem->maps);
    fmem->maps = NULL;
    fmem->nr_maps = fmem->cap_maps = 0;
}
