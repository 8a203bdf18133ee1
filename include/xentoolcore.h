/*
 * xentoolcore.h - process-wide services shared by the Xen userspace
 * libraries: restricting every open handle to one domain.
 *
 * Part of verixen, a clean-room implementation of Xen's stable userspace
 * libraries (MIT licence).  API- and ABI-compatible with upstream Xen's
 * libxentoolcore.so.1 (symbol version VERS_1.0).
 */
#ifndef XENTOOLCORE_H
#define XENTOOLCORE_H

#include <stdint.h>
#include <xen/xen.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * xentoolcore_restrict_all - confine every open Xen library handle of this
 * process to acting on domain `domid`.
 *
 * This is what a deprivileged device model (QEMU's -xen-domid-restrict)
 * calls after opening its handles.  For each handle registered by a Xen
 * library, most recently opened first:
 *   - libxenevtchn and libxenforeignmemory handles are restricted by the
 *     kernel (IOCTL_EVTCHN_RESTRICT_DOMID, IOCTL_PRIVCMD_RESTRICT): they keep
 *     working, but only towards `domid`;
 *   - libxencall and libxengnttab handles cannot be restricted selectively
 *     and are neutered instead: their file descriptors are replaced by
 *     /dev/null, so later operations fail (typically ENOTTY);
 *   - libxengntshr handles are NOT registered and stay usable; close them
 *     before deprivileging if that matters.
 * Other libraries (libxenstore, libxendevicemodel) register their handles
 * too.  Restriction does not protect against denial of service.
 *
 * Returns 0 on success.  On failure returns -1 with errno set by the first
 * handle that could not be restricted; handles later in the walk are then
 * left unrestricted, so callers must treat failure as fatal (QEMU exits).
 * Calling again with the same domid may succeed or fail; with a different
 * domid it fails.
 *
 * Thread safety: safe to call concurrently with opening and closing
 * handles in other threads; a handle whose close has not yet returned may
 * or may not be restricted.  Must not be called from a restrict callback.
 * Fork: in a child, call it only after the child has opened its own
 * handles; handles inherited across fork must only be closed.
 */
int xentoolcore_restrict_all(domid_t domid);

#ifdef __cplusplus
}
#endif

#endif /* XENTOOLCORE_H */
