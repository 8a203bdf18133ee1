/*
 * dup2_null.c - neutering a file descriptor by replacing it with /dev/null.
 */
#include <errno.h>
#include <fcntl.h>

#include "xentoolcore_internal.h"
#include "vx_export.h"
#include "vx_guard.h"
#include "vx_sys.h"

static const char dev_null[] = "/dev/null";

VX_EXPORT int xentoolcore__restrict_by_dup2_null(int fd)
{
    int null_fd;
    int rc;

    if (fd < 0)
        return 0;

    /* O_CLOEXEC: the temporary must not escape through a concurrent
     * fork+exec in another thread. */
    null_fd = vx_sys_open(dev_null, O_RDONLY | O_CLOEXEC);
    VX_GUARD(null_fd);

    rc = vx_sys_dup2(null_fd, fd);
    VX_PRESERVING_ERRNO((void)vx_sys_close(null_fd));
    VX_GUARD(rc);
    return 0;
}
