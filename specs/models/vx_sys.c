/*
 * Model of the kernel seam: shows that the trusted contracts of
 * specs/vx_sys.acsl.h are satisfiable, by a body WP proves against them.
 *
 * `vx_model_kernel` is never initialised by anyone WP can see, so at each
 * call WP treats it as an arbitrary value: the model may succeed or fail,
 * and the smoke tests check that both branches stay reachable.
 */
#include "../vx_sys.acsl.h"

int vx_model_kernel;

int vx_sys_open(const char *path, int flags)
{
    (void)path;
    (void)flags;
    if (vx_model_kernel < 0) {
        errno = EACCES;
        return -1;
    }
    return vx_model_kernel;
}

int vx_sys_close(int fd)
{
    (void)fd;
    if (vx_model_kernel < 0) {
        errno = EBADF;
        return -1;
    }
    return 0;
}

int vx_sys_dup2(int oldfd, int newfd)
{
    (void)oldfd;
    if (vx_model_kernel < 0 || newfd < 0) {
        errno = EBADF;
        return -1;
    }
    return newfd;
}
