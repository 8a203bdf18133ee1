/*
 * registry.c - the per-handle record of live mappings.  Unmap consults it
 * before touching anything, so a handle never unmaps memory it did not map
 * (upstream trusts the caller's address and count).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gnttab_private.h"
#include "vx_checked.h"
#include "vx_guard.h"

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
    free(r->entries);
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
    grown = realloc(r->entries, bytes);
    VX_ENSURE_GOTO(grown != NULL, ENOMEM, out);
    memset(grown + r->capacity, 0, (want - r->capacity) * sizeof(*grown));
    r->entries = grown;
    r->capacity = want;
    r->used++;
    rc = 0;
out:
    (void)pthread_mutex_unlock(&r->lock);
    return rc;
}

/* A reserved entry has addr == NULL until filled; find one. */
static struct gnttab_mapping *registry_free_entry(struct gnttab_registry *r)
{
    size_t i;

    for (i = 0; i < r->capacity; i++)
        if (r->entries[i].addr == NULL)
            return &r->entries[i];
    return NULL;
}

void gnttab_registry_add(struct gnttab_registry *r, void *addr,
                         uint64_t index, uint32_t count, int needs_dealloc)
{
    struct gnttab_mapping *m;

    (void)pthread_mutex_lock(&r->lock);
    m = registry_free_entry(r);
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

int gnttab_registry_take(struct gnttab_registry *r, void *addr,
                         uint32_t count, struct gnttab_mapping *out)
{
    size_t i;
    int rc = -1;

    VX_ENSURE(addr != NULL, EINVAL);
    (void)pthread_mutex_lock(&r->lock);
    for (i = 0; i < r->capacity; i++) {
        struct gnttab_mapping *m = &r->entries[i];

        if (m->addr != addr)
            continue;
        if (m->count == count) {
            /* Keep the reservation (used) so put_back cannot fail; the
             * caller confirms with gnttab_registry_unreserve. */
            *out = *m;
            memset(m, 0, sizeof(*m));
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
