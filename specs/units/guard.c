/*
 * Analysis unit for the guard macros of src/common/vx_guard.h.
 *
 * The macros have no behaviour of their own until expanded, so each one is
 * expanded here in a minimal function whose contract states the error
 * convention the macro promises (CONVENTIONS.md "Error convention"):
 * failure is -1/NULL with a positive errno, success leaves errno alone,
 * and VX_PRESERVING_ERRNO keeps the original errno across a cleanup call
 * that itself fails and sets errno (vx_sys_close, trusted contract).
 */
#include <stddef.h>
#include "vx_guard.h"
#include "vx_sys.h"

/*@ requires errno_positive: err > 0;
    assigns errno;
    behavior ok:
      assumes cond != 0;
      ensures result: \result == 0;
      ensures errno_kept: errno == \old(errno);
    behavior fails:
      assumes cond == 0;
      ensures result: \result == -1;
      ensures errno_set: errno == err;
    complete behaviors;
    disjoint behaviors;
*/
int guard_ensure(int cond, int err)
{
    VX_ENSURE(cond, err);
    return 0;
}

/*@ requires errno_positive: err > 0;
    requires p_valid: \valid(p);
    assigns errno;
    behavior ok:
      assumes cond != 0;
      ensures result: \result == p;
      ensures errno_kept: errno == \old(errno);
    behavior fails:
      assumes cond == 0;
      ensures result: \result == \null;
      ensures errno_set: errno == err;
    complete behaviors;
    disjoint behaviors;
*/
int *guard_ensure_ptr(int cond, int err, int *p)
{
    VX_ENSURE_PTR(cond, err);
    return p;
}

/*@ assigns \nothing;
    ensures propagated: \result == (v < 0 ? -1 : 0);
*/
int guard_guard(int v)
{
    VX_GUARD(v);
    return 0;
}

/*@ requires p_valid: \valid(p);
    assigns \nothing;
    ensures failed: v < 0 ==> \result == \null;
    ensures passed: v >= 0 ==> \result == p;
*/
int *guard_guard_ptr(int v, int *p)
{
    VX_GUARD_PTR(v);
    return p;
}

/*@ requires errno_positive: err > 0;
    assigns errno;
    behavior ok:
      assumes cond != 0 && v >= 0;
      ensures result: \result == 0;
      ensures errno_kept: errno == \old(errno);
    behavior ensure_fails:
      assumes cond == 0;
      ensures result: \result == -1;
      ensures errno_set: errno == err;
    behavior guard_fails:
      assumes cond != 0 && v < 0;
      ensures result: \result == -1;
      ensures errno_kept: errno == \old(errno);
    complete behaviors;
    disjoint behaviors;
*/
int guard_goto(int cond, int err, int v)
{
    VX_ENSURE_GOTO(cond, err, out);
    VX_GUARD_GOTO(v, out);
    return 0;
out:
    return -1;
}

/* An error path: an fd must be released, the release may itself fail and
 * set errno (EBADF, EINTR ...), and the caller must still see `err`. */
/*@ requires errno_positive: err > 0;
    assigns errno;
    ensures result: \result == -1;
    ensures errno_is_original: errno == err;
*/
int guard_cleanup_keeps_errno(int fd, int err)
{
    errno = err;
    VX_PRESERVING_ERRNO(vx_sys_close(fd));
    return -1;
}
