/*
 * seam.c - the few things of libxengnttab that Frama-C 25's WP cannot
 * reason about, each a one-liner with a trusted contract in
 * specs/xengnttab.acsl.h and a proven model in specs/models/xengnttab.c:
 *
 *   - malloc, realloc and free (WP 25 implements neither \fresh nor
 *     \freeable);
 *   - the downcast from the toolcore record to the handle that embeds it
 *     (CONTAINER_OF: a char * cast WP's Typed memory model rejects);
 *   - the default logger: xtl_createlogger_stdiostream returns the stdio
 *     logger, whose public view is its first member (another cast).
 *
 * Not analysed by `make prove` (like linux.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gnttab_private.h"

struct xengntdev_handle *gnttab_handle_alloc(Xentoolcore__Restrict_Callback *cb)
{
    struct xengntdev_handle *h = malloc(sizeof(*h));

    if (h != NULL) {
        h->tc_ah.restrict_callback = cb;
        h->fd = -1;
    }
    return h;
}

void gnttab_handle_release(struct xengntdev_handle *h)
{
    free(h);
}

struct xengntdev_handle *gnttab_handle_of(Xentoolcore__Active_Handle *ah)
{
    return CONTAINER_OF(ah, struct xengntdev_handle, tc_ah);
}

xentoollog_logger *gnttab_default_logger(void)
{
    /* The vtable is the stdio logger's first member (C11 6.7.2.1p15). */
    return (xentoollog_logger *)xtl_createlogger_stdiostream(stderr,
                                                             XTL_PROGRESS, 0);
}

struct gnttab_mapping *gnttab_entries_grow(const struct gnttab_registry *r,
                                           size_t want, size_t bytes)
{
    struct gnttab_mapping *grown = realloc(r->entries, bytes);

    /* New entries are free (addr == NULL). */
    if (grown != NULL)
        memset(grown + r->capacity, 0,
               (want - r->capacity) * sizeof(*grown));
    return grown;
}

void gnttab_entries_free(struct gnttab_mapping *entries)
{
    free(entries);
}
