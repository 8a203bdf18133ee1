/*
 * xentoolcore_internal.h - the handle registry that Xen libraries use to
 * take part in xentoolcore_restrict_all().
 *
 * Part of verixen (MIT licence).  Not installed: upstream stopped installing
 * its equivalent in 4.17, but the three functions remain exported ABI
 * (VERS_1.0) because other libraries - ours, and Debian's libxenstore and
 * libxendevicemodel - call them with the 24-byte structure below embedded
 * in their own handles.
 */
#ifndef XENTOOLCORE_INTERNAL_H
#define XENTOOLCORE_INTERNAL_H

#include <stddef.h>

#include "xentoolcore.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct Xentoolcore__Active_Handle Xentoolcore__Active_Handle;

/*
 * Restrict callback: make `ah`'s handle unable to act on any domain but
 * `domid`.  Return 0, or -1 with errno.  It must be idempotent for the same
 * domid, must invalidate or fail for a different one (invalidating is
 * preferred), and must never make later use of the handle crash.
 */
typedef int Xentoolcore__Restrict_Callback(Xentoolcore__Active_Handle *ah,
                                           domid_t domid);

/*
 * Embedded in each library handle.  Layout is ABI (LP64: 24 bytes):
 *   offset 0   restrict_callback
 *   offset 8   two pointers of list linkage owned by libxentoolcore
 * The registry never touches memory beyond these 24 bytes.
 */
struct Xentoolcore__Active_Handle {
    Xentoolcore__Restrict_Callback *restrict_callback;
    struct {
        struct Xentoolcore__Active_Handle *le_next;
        struct Xentoolcore__Active_Handle **le_prev;
    } entry;
};

/*
 * xentoolcore__register_active_handle - add `ah` to the process registry.
 * Set ah->restrict_callback first.  Call it BEFORE opening the handle's file
 * descriptors, so a concurrent restrict_all can never miss an open fd.
 * Thread-safe; must not be called from a restrict callback.
 */
void xentoolcore__register_active_handle(Xentoolcore__Active_Handle *ah);

/*
 * xentoolcore__deregister_active_handle - remove `ah` from the registry.
 * Call it FIRST when closing, before closing the fds: otherwise a concurrent
 * restrict_all could act on an fd number already reused by someone else.
 * Removing a handle that is not registered is harmless.  Thread-safe.
 */
void xentoolcore__deregister_active_handle(Xentoolcore__Active_Handle *ah);

/*
 * xentoolcore__restrict_by_dup2_null - neuter `fd` by replacing it with
 * /dev/null (opened read-only), for handles that cannot be restricted
 * selectively.  fd < 0 is a no-op.  Returns 0, or -1 with errno (from
 * open or dup2); fd is untouched on failure.
 */
int xentoolcore__restrict_by_dup2_null(int fd);

/* The containing structure of a member pointer. */
#define CONTAINER_OF(ptr, type, member) \
    ((type *)((char *)(ptr) - offsetof(type, member)))

#ifdef __cplusplus
}
#endif

#endif /* XENTOOLCORE_INTERNAL_H */
