/*
 * handle.c - life cycle of the handle struct both libxengnttab handle kinds
 * share: allocation, default logger, toolcore registration (gnttab only),
 * the device descriptor and the mapping registry.
 */
#include <errno.h>

#include "gnttab_private.h"
#include "vx_guard.h"

#ifdef __FRAMAC__
#include "gnttab_handle.acsl.h" /* contracts of the static helpers */
#endif

/* Messages as initialised arrays, not literals: the proofs need to see
 * that they are strings (WP does not for literals). */
static const char msg_open_gntdev[] = "cannot open /dev/xen/gntdev";
static const char msg_open_gntalloc[] = "cannot open /dev/xen/gntalloc";

/* xentoolcore_restrict_all(): a grant device cannot be limited to one
 * domain, so the descriptor is replaced by /dev/null, making every later
 * request fail (what upstream does too). */
static int gnttab_restrict_callback(Xentoolcore__Active_Handle *ah,
                                    domid_t domid)
{
    struct xengntdev_handle *h = gnttab_handle_of(ah);

    (void)domid;
    return xentoolcore__restrict_by_dup2_null(h->fd);
}

/* Undo everything gnttab_handle_open acquired, in reverse order; the
 * registry must be initialised.  Returns close's result. */
static int gnttab_handle_free(struct xengntdev_handle *h)
{
    /* Read before deregistering: unlinking writes the neighbours' links,
     * and the proof cannot tell those apart from the handle's fields. */
    enum gnttab_kind kind = h->kind;
    int fd = h->fd;
    int rc = 0;

    /* The private logger first, for the same reason: it is ours alone
     * and nothing below logs. */
    VX_PRESERVING_ERRNO(xtl_logger_destroy(h->logger_tofree));
    /* Deregister before closing: restrict_all must never dup2 over a
     * descriptor number that close has already recycled. */
    if (kind == GNTTAB_KIND_GNTTAB)
        xentoolcore__deregister_active_handle(&h->tc_ah);
    if (fd >= 0)
        rc = gnttab_os_close(fd);
    VX_PRESERVING_ERRNO({
        gnttab_registry_destroy(&h->maps);
        gnttab_handle_release(h);
    });
    return rc < 0 ? -1 : 0;
}

/* The handle without descriptor or default logger yet: allocated, its
 * mapping registry initialised and, for gnttab, registered.  A function
 * of its own so that what registration leaves behind (the handle first
 * in toolcore's list) is one postcondition the caller relies on. */
static struct xengntdev_handle *gnttab_handle_new(xentoollog_logger *logger,
                                                  enum gnttab_kind kind)
{
    /* The allocator installs the callback and fd -1: registered at once,
     * the handle is already safe for a concurrent restrict_all.  Only
     * integer fields are written before registering (the proof then sees
     * toolcore's list unchanged, so the fresh handle still unlisted). */
    struct xengntdev_handle *h = gnttab_handle_alloc(
        kind == GNTTAB_KIND_GNTTAB ? gnttab_restrict_callback : NULL);

    VX_ENSURE_PTR(h != NULL, ENOMEM);
    h->kind = kind;
    /* Register before the descriptor exists, so a concurrent restrict_all
     * cannot miss it.  gntshr handles are left out, as upstream leaves
     * them out: restricting them would break deprivileged vchan users. */
    if (kind == GNTTAB_KIND_GNTTAB) {
        xentoolcore__register_active_handle(&h->tc_ah);
    } else {
        /* Never linked: no stale links for anything to follow. */
        h->tc_ah.entry.le_next = NULL;
        h->tc_ah.entry.le_prev = NULL;
    }
    h->logger = logger;
    h->logger_tofree = NULL;
    if (gnttab_registry_init(&h->maps) < 0) {
        VX_PRESERVING_ERRNO({
            if (kind == GNTTAB_KIND_GNTTAB)
                xentoolcore__deregister_active_handle(&h->tc_ah);
            gnttab_handle_release(h);
        });
        return NULL;
    }
    return h;
}

struct xengntdev_handle *gnttab_handle_open(xentoollog_logger *logger,
                                            enum gnttab_kind kind)
{
    struct xengntdev_handle *h = gnttab_handle_new(logger, kind);

    if (h == NULL)
        return NULL;
    if (logger == NULL) {
        logger = gnttab_default_logger();
        h->logger_tofree = logger;
        VX_ENSURE_GOTO(logger != NULL, errno > 0 ? errno : ENOMEM, fail);
    }
    h->logger = logger;
    h->fd = kind == GNTTAB_KIND_GNTTAB ? gnttab_os_open_gntdev()
                                       : gnttab_os_open_gntalloc();
    if (h->fd < 0) {
        if (kind == GNTTAB_KIND_GNTTAB)
            gnttab_log_error(h, msg_open_gntdev);
        else
            gnttab_log_error(h, msg_open_gntalloc);
        goto fail;
    }
    return h;

fail:
    VX_PRESERVING_ERRNO((void)gnttab_handle_free(h));
    return NULL;
}

/* The registry call alone, so that "the handle is still whole afterwards"
 * is proved once, over this one call, instead of at the end of each
 * mapping routine (where that goal drowns in the routine's path). */
void gnttab_handle_record_mapping(struct xengntdev_handle *h, void *addr,
                                  uint64_t index, uint32_t count,
                                  int needs_dealloc)
{
    gnttab_registry_add(&h->maps, addr, index, count, needs_dealloc);
}

/* Likewise for the gnttab kind's reservation-free recording. */
int gnttab_handle_insert_mapping(struct xengntdev_handle *h, void *addr,
                                 uint64_t index, uint32_t count)
{
    return gnttab_registry_insert(&h->maps, addr, index, count);
}

int gnttab_handle_close(struct xengntdev_handle *h)
{
    if (h == NULL)
        return 0;
    return gnttab_handle_free(h);
}
