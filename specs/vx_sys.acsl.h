/*
 * vx_sys.acsl.h - TRUSTED contracts of the kernel seam (src/common/vx_sys.h).
 *
 * Force-included (-include) by every analysis unit; the public and internal
 * headers stay contract-free.  These functions have no body in the proven
 * code: WP takes their contracts on faith ("Considered valid"), so each one
 * is listed in specs/trusted.txt and has a model implementation in
 * specs/models/vx_sys.c that WP proves against this very contract (a
 * contradictory contract would make every caller's proof vacuous).
 *
 * The contracts state only what Linux guarantees: the call either succeeds
 * as documented or returns -1 with errno set to a positive value.  Nothing
 * here claims errno is preserved on success.
 *
 * Deliberately NOT specified: vx_sys_ioctl, vx_sys_ioctl_long (the same
 * request issued through syscall(2), for the full-width hypercall result),
 * vx_sys_ioctl_status (the same, answering only 0 or -1),
 * vx_sys_read, vx_sys_write, vx_sys_mmap, vx_sys_munmap.  Their effect on memory depends on the request
 * (ioctl writes a request-specific struct through a void *), so any generic
 * contract would either be unsound (claiming less is written than the
 * kernel writes) or useless.  Proven code must not call them; it calls the
 * typed wrappers of src/<lib>/linux.c, whose trusted contracts (in
 * specs/<lib>.acsl.h) name the exact struct the kernel may write.  Because
 * analysis runs with -kernel-warn-key annot:missing-spec=abort, a call from
 * proven code to one of these is a hard error.
 */
#ifndef VX_SYS_ACSL_H
#define VX_SYS_ACSL_H

#include <errno.h>
#include <string.h> /* valid_read_string (Frama-C libc logic) */
#include "vx_sys.h"

/*@ requires path_string: valid_read_string(path);
    assigns errno;
    ensures result_range: \result >= -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int vx_sys_open(const char *path, int flags);

/*@ assigns errno;
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int vx_sys_close(int fd);

/*@ assigns errno;
    ensures result_range: \result == newfd || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int vx_sys_dup2(int oldfd, int newfd);

#endif /* VX_SYS_ACSL_H */
