/*
 * hypercall.c - xencall0 .. xencall5 and xencall2L.
 *
 * All of them are one privcmd request.  The seam's ioctl returns the
 * kernel's full 64-bit result, so xencall2L is not truncated the way
 * upstream's (glibc ioctl() returns int) is; the int variants truncate
 * exactly as upstream does, for compatibility.
 */
#include <errno.h>
#include <limits.h>

#include "call_private.h"
#include "vx_export.h"
#include "vx_guard.h"

#ifdef __FRAMAC__
#include "call_hypercall.acsl.h"
#endif

/* What the int variants return: the low 32 bits of the kernel's result,
 * as a two's complement int (what upstream's int-returning ioctl() gives),
 * computed without an implementation-defined conversion. */
static int call_int_result(long rc)
{
    long r = rc % 4294967296L;

    if (r > INT_MAX)
        r -= 4294967296L;
    else if (r < INT_MIN)
        r += 4294967296L;
    return (int)r;
}

static long call_hypercall(xencall_handle *xcall, unsigned int op,
                           uint64_t a1, uint64_t a2, uint64_t a3,
                           uint64_t a4, uint64_t a5)
{
    const uint64_t args[5] = { a1, a2, a3, a4, a5 };

    VX_ENSURE(xencall_handle_is_valid(xcall), EINVAL);
    return call_os_hypercall(xcall->fd, op, args);
}

VX_EXPORT int xencall0(xencall_handle *xcall, unsigned int op)
{
    return call_int_result(call_hypercall(xcall, op, 0, 0, 0, 0, 0));
}

VX_EXPORT int xencall1(xencall_handle *xcall, unsigned int op, uint64_t arg1)
{
    return call_int_result(call_hypercall(xcall, op, arg1, 0, 0, 0, 0));
}

VX_EXPORT int xencall2(xencall_handle *xcall, unsigned int op, uint64_t arg1,
                       uint64_t arg2)
{
    return call_int_result(call_hypercall(xcall, op, arg1, arg2, 0, 0, 0));
}

VX_EXPORT int xencall3(xencall_handle *xcall, unsigned int op, uint64_t arg1,
                       uint64_t arg2, uint64_t arg3)
{
    return call_int_result(call_hypercall(xcall, op, arg1, arg2, arg3, 0, 0));
}

VX_EXPORT int xencall4(xencall_handle *xcall, unsigned int op, uint64_t arg1,
                       uint64_t arg2, uint64_t arg3, uint64_t arg4)
{
    return call_int_result(call_hypercall(xcall, op, arg1, arg2, arg3, arg4, 0));
}

VX_EXPORT int xencall5(xencall_handle *xcall, unsigned int op, uint64_t arg1,
                       uint64_t arg2, uint64_t arg3, uint64_t arg4,
                       uint64_t arg5)
{
    return call_int_result(call_hypercall(xcall, op, arg1, arg2, arg3, arg4, arg5));
}

VX_EXPORT long xencall2L(xencall_handle *xcall, unsigned int op,
                         uint64_t arg1, uint64_t arg2)
{
    return call_hypercall(xcall, op, arg1, arg2, 0, 0, 0);
}
