/*
 * registry.c - the per-handle record of live mappings.  Unmap consults it
 * before touching anything, so a handle never unmaps memory it did not map
 * (upstream trusts the caller's address and count).
 */
#include <errno.h>

#include "gnttab_private.h"
#include "vx_checked.h"
#include "vx_guard.h"

#ifdef __FRAMAC__
#include "gnttab_registry.acsl.h" /* contracts of the static helpers */
#endif

int gnttab_registry_init(struct gnttab_registry *r)
{
    int err = pthread_mutex_init(&r->lock, NULL);

    VX_ENSURE(err == 0, err);
    r->entries = NULL;
    r->used = 0;
    r->capacity = 0;
    return 0;
}

void gnttab_registry_destroy(struct gnttab_registry *r)
{
    gnttab_entries_free(r->entries);
    r->entries = NULL;
    r->used = r->capacity = 0;
    (void)pthread_mutex_destroy(&r->lock);
}

int gnttab_registry_reserve(struct gnttab_registry *r)
{
    struct gnttab_mapping *grown;
    size_t want, bytes;
    int rc = -1;

    (void)pthread_mutex_lock(&r->lock);
    /* Reservations are counted in `capacity - used`: keep one spare entry
     * per map in flight by growing whenever none is spare. */
    if (r->used < r->capacity) {
        r->used++;   /* claim the spare; add() fills it in */
        rc = 0;
        goto out;
    }
    want = r->capacity == 0 ? 8 : r->capacity;
    VX_GUARD_GOTO(vx_add_size(r->capacity, want, &want), out);
    VX_GUARD_GOTO(vx_mul_size(want, sizeof(*grown), &bytes), out);
    grown = gnttab_entries_grow(r, want, bytes);
    VX_ENSURE_GOTO(grown != NULL, ENOMEM, out);
    r->entries = grown;
    r->capacity = want;
    r->used++;
    rc = 0;
out:
    (void)pthread_mutex_unlock(&r->lock);
    return rc;
}

/* The first entry whose addr is `addr` (a free one for NULL), or NULL. */
static struct gnttab_mapping *registry_find(const struct gnttab_registry *r,
                                            const void *addr)
{
    size_t i;

    /*@ loop invariant bounded: 0 <= i <= r->capacity;
        loop invariant not_yet: \forall integer j; 0 <= j < i ==>
                                  r->entries[j].addr != addr;
        loop assigns i;
        loop variant r->capacity - i; */
    for (i = 0; i < r->capacity; i++)
        if (r->entries[i].addr == addr)
            return &r->entries[i];
    return NULL;
}

void gnttab_registry_add(struct gnttab_registry *r, void *addr,
                         uint64_t index, uint32_t count, int needs_dealloc)
{
    struct gnttab_mapping *m;

    (void)pthread_mutex_lock(&r->lock);
    m = registry_find(r, NULL);   /* a reserved entry is free until filled */
    if (m != NULL) {   /* always: reserve() claimed one */
        m->addr = addr;
        m->index = index;
        m->count = count;
        m->needs_dealloc = needs_dealloc;
    }
    (void)pthread_mutex_unlock(&r->lock);
}

void gnttab_registry_unreserve(struct gnttab_registry *r)
{
    (void)pthread_mutex_lock(&r->lock);
    if (r->used > 0)
        r->used--;
    (void)pthread_mutex_unlock(&r->lock);
}

/* Double the array (8 entries at first); its first new entry, which is
 * free.  NULL with ENOMEM.  No overflow check: an array that exists
 * spans at most PTRDIFF_MAX bytes, so twice its entries, in bytes, still
 * fit a size_t (the proof shows those checks would be dead code). */
static struct gnttab_mapping *registry_grow(struct gnttab_registry *r)
{
    struct gnttab_mapping *grown;
    size_t old = r->capacity;
    size_t want = old == 0 ? 8 : 2 * old;

    grown = gnttab_entries_grow(r, want, want * sizeof(*grown));
    VX_ENSURE_PTR(grown != NULL, ENOMEM);
    r->entries = grown;
    r->capacity = want;
    return &grown[old];
}

int gnttab_registry_insert(struct gnttab_registry *r, void *addr,
                           uint64_t index, uint32_t count)
{
    struct gnttab_mapping *m;
    int rc = -1;

    (void)pthread_mutex_lock(&r->lock);
    m = registry_find(r, NULL);
    if (m == NULL)
        m = registry_grow(r);   /* rare: every entry in use */
    if (m != NULL) {
        /*@ assert in_array: \exists integer i; 0 <= i < r->capacity &&
                               m == r->entries + i; */
        m->addr = addr;
        m->index = index;
        m->count = count;
        m->needs_dealloc = 0;
        /*@ assert filled: \exists integer i; 0 <= i < r->capacity &&
              r->entries[i].addr == addr && r->entries[i].index == index &&
              r->entries[i].count == count; */
        rc = 0;
    }
    (void)pthread_mutex_unlock(&r->lock);
    return rc;
}

int gnttab_registry_unmap(struct gnttab_registry *r, void *addr,
                          uint32_t count, uint64_t *index)
{
    struct gnttab_mapping *m;
    int rc = -1;

    (void)pthread_mutex_lock(&r->lock);
    m = registry_find(r, addr);
    if (m == NULL || m->count != count) {
        errno = EINVAL;
    } else if (gnttab_os_munmap(addr,
                                /* count was checked when it was mapped */
                                (size_t)count * VX_XEN_PAGE_SIZE) == 0) {
        /* Gone from the address space: the entry is free again (its
         * other fields are dead until it is filled anew). */
        *index = m->index;
        m->addr = NULL;
        rc = 0;
    }
    (void)pthread_mutex_unlock(&r->lock);
    return rc;
}

int gnttab_registry_take(struct gnttab_registry *r, void *addr,
                         uint32_t count, struct gnttab_mapping *out)
{
    size_t i;
    int rc = -1;

    VX_ENSURE(addr != NULL, EINVAL);
    (void)pthread_mutex_lock(&r->lock);
    /*@ loop invariant bounded: 0 <= i <= r->capacity;
        loop invariant not_found: rc == -1;
        loop assigns i;
        loop variant r->capacity - i; */
    for (i = 0; i < r->capacity; i++) {
        struct gnttab_mapping *m = &r->entries[i];

        if (m->addr != addr)
            continue;
        if (m->count == count) {
            /* Keep the reservation (used) so put_back cannot fail; the
             * caller confirms with gnttab_registry_unreserve.  The entry
             * becomes free (addr NULL, all zero). */
            *out = *m;
            m->addr = NULL;
            m->index = 0;
            m->count = 0;
            m->needs_dealloc = 0;
            rc = 0;
        }
        break;
    }
    (void)pthread_mutex_unlock(&r->lock);
    VX_ENSURE(rc == 0, EINVAL);
    return 0;
}

void gnttab_registry_put_back(struct gnttab_registry *r,
                              const struct gnttab_mapping *m)
{
    gnttab_registry_add(r, m->addr, m->index, m->count, m->needs_dealloc);
}
