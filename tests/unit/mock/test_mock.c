/*
 * test_mock.c - the mocked kernel's own front-end semantics, driven
 * through the link-time seam (src/common/vx_sys.h) exactly as a library's
 * OS layer drives it:
 *
 *   - an ioctl the driver knows copies its argument from user memory, so a
 *     NULL argument fails with EFAULT; a request the driver does not know
 *     is answered without reading the argument (evtchn: ENOSYS, the other
 *     drivers: ENOTTY), and IOCTL_EVTCHN_RESET never reads one;
 *   - munmap and anonymous mmap are kernel calls: logged (fd -1) and
 *     subject to fault injection;
 *   - fault injection refuses an errno <= 0, and every failing answer in
 *     the call log carries errno > 0.
 */
#define __XEN_TOOLS__ 1

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <xen/xen.h>
#include <xen/grant_table.h>
#include <xen/evtchn.h>
#include <xen/gntalloc.h>
#include <xen/gntdev.h>
#include <xen/sys/privcmd.h>

#include "vx_sys.h"
#include "vxtest.h"
#include "xenmock.h"
#include "xmtest.h"

/* A request number no driver knows. */
#define UNKNOWN_REQUEST(type) _IOC(_IOC_NONE, (type), 0x7e, 0)

/* -1 and the errno of an ioctl with a NULL argument. */
static int null_arg_errno(int fd, unsigned long request)
{
    errno = 0;
    if (vx_sys_ioctl(fd, request, NULL) != -1)
        return 0;
    return errno;
}

static void t_evtchn_null_argument(void)
{
    int fd;

    xm_reset();
    fd = vx_sys_open("/dev/xen/evtchn", O_RDWR);
    VXT_REQUIRE(fd >= 0);
    VXT_CHECK_EQ_INT(null_arg_errno(fd, IOCTL_EVTCHN_NOTIFY), EFAULT);
    VXT_CHECK_EQ_INT(null_arg_errno(fd, IOCTL_EVTCHN_BIND_UNBOUND_PORT), EFAULT);
    VXT_CHECK_EQ_INT(null_arg_errno(fd, IOCTL_EVTCHN_RESTRICT_DOMID), EFAULT);
    /* RESET has no argument: a NULL one is fine. */
    VXT_CHECK_EQ_INT(vx_sys_ioctl(fd, IOCTL_EVTCHN_RESET, NULL), 0);
    /* Linux's evtchn driver answers unknown requests ENOSYS. */
    VXT_CHECK_EQ_INT(null_arg_errno(fd, UNKNOWN_REQUEST('E')), ENOSYS);
    VXT_CHECK_EQ_INT(vx_sys_close(fd), 0);
    CHECK_CLEAN();
}

static void t_grant_devices_null_argument(void)
{
    int gd, ga;

    xm_reset();
    gd = vx_sys_open("/dev/xen/gntdev", O_RDWR);
    ga = vx_sys_open("/dev/xen/gntalloc", O_RDWR);
    VXT_REQUIRE(gd >= 0 && ga >= 0);
    VXT_CHECK_EQ_INT(null_arg_errno(gd, IOCTL_GNTDEV_MAP_GRANT_REF), EFAULT);
    VXT_CHECK_EQ_INT(null_arg_errno(gd, IOCTL_GNTDEV_GRANT_COPY), EFAULT);
    VXT_CHECK_EQ_INT(null_arg_errno(gd, UNKNOWN_REQUEST('G')), ENOTTY);
    /* Without the optional kernel features the requests are unknown:
     * ENOTTY, whatever the argument; with them, EFAULT. */
    VXT_CHECK_EQ_INT(null_arg_errno(gd, IOCTL_GNTDEV_SET_MAX_GRANTS), ENOTTY);
    VXT_CHECK_EQ_INT(null_arg_errno(gd, IOCTL_GNTDEV_DMABUF_IMP_RELEASE), ENOTTY);
    xm_set_feature(XM_FEAT_SET_MAX_GRANTS, 1);
    xm_set_feature(XM_FEAT_DMABUF, 1);
    VXT_CHECK_EQ_INT(null_arg_errno(gd, IOCTL_GNTDEV_SET_MAX_GRANTS), EFAULT);
    VXT_CHECK_EQ_INT(null_arg_errno(gd, IOCTL_GNTDEV_DMABUF_IMP_RELEASE), EFAULT);
    VXT_CHECK_EQ_INT(null_arg_errno(ga, IOCTL_GNTALLOC_ALLOC_GREF), EFAULT);
    VXT_CHECK_EQ_INT(null_arg_errno(ga, UNKNOWN_REQUEST('G')), ENOTTY);
    VXT_CHECK_EQ_INT(vx_sys_close(gd), 0);
    VXT_CHECK_EQ_INT(vx_sys_close(ga), 0);
    CHECK_CLEAN();
}

static void t_privcmd_null_argument(void)
{
    int pc, hc;

    xm_reset();
    pc = vx_sys_open("/dev/xen/privcmd", O_RDWR);
    hc = vx_sys_open("/dev/xen/hypercall", O_RDWR);
    VXT_REQUIRE(pc >= 0 && hc >= 0);
    VXT_CHECK_EQ_INT(null_arg_errno(pc, IOCTL_PRIVCMD_HYPERCALL), EFAULT);
    VXT_CHECK_EQ_INT(null_arg_errno(pc, IOCTL_PRIVCMD_MMAPBATCH_V2), EFAULT);
    VXT_CHECK_EQ_INT(null_arg_errno(pc, IOCTL_PRIVCMD_RESTRICT), EFAULT);
    /* The libraries' open-time probe: an unknown request, NULL argument. */
    VXT_CHECK_EQ_INT(null_arg_errno(pc, UNKNOWN_REQUEST('P')), ENOTTY);
    /* The hypercall buffer device has no ioctls at all. */
    VXT_CHECK_EQ_INT(null_arg_errno(hc, IOCTL_PRIVCMD_HYPERCALL), ENOTTY);
    VXT_CHECK_EQ_INT(vx_sys_close(pc), 0);
    VXT_CHECK_EQ_INT(vx_sys_close(hc), 0);
    CHECK_CLEAN();
}

/* The record of the last logged call, or NULL. */
static const struct xm_call_record *last_call(void)
{
    size_t n = xm_log_count();

    return n == 0 ? NULL : xm_log_get(n - 1);
}

static void t_anonymous_memory_is_logged(void)
{
    const struct xm_call_record *r;
    void *p;

    xm_reset();
    xm_log_clear();
    p = vx_sys_mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    VXT_REQUIRE(p != MAP_FAILED);
    r = last_call();
    VXT_REQUIRE(r != NULL);
    VXT_CHECK_EQ_INT(r->call, XM_CALL_MMAP);
    VXT_CHECK_EQ_INT(r->fd, -1);
    VXT_CHECK_EQ_INT(r->result, 0);
    VXT_CHECK_EQ_INT(xm_log_count_device(XM_CALL_MMAP), 0);
    VXT_CHECK_EQ_INT(vx_sys_munmap(p, 4096), 0);
    r = last_call();
    VXT_REQUIRE(r != NULL);
    VXT_CHECK_EQ_INT(r->call, XM_CALL_MUNMAP);
    VXT_CHECK_EQ_INT(r->result, 0);
    VXT_CHECK_EQ_INT(xm_log_count(), 2);

    /* ENOMEM on the second anonymous mmap, as a full address space would. */
    VXT_REQUIRE(xm_fault_fail_nth(XM_CALL_MMAP, 0, 2, ENOMEM) == 0);
    p = vx_sys_mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    VXT_REQUIRE(p != MAP_FAILED);
    errno = 0;
    VXT_CHECK(vx_sys_mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
                          -1, 0) == MAP_FAILED);
    VXT_CHECK_EQ_INT(errno, ENOMEM);
    r = last_call();
    VXT_REQUIRE(r != NULL);
    VXT_CHECK(r->call == XM_CALL_MMAP && r->result == -1 && r->err == ENOMEM);
    /* A failing munmap keeps the mapping (the caller may retry). */
    VXT_REQUIRE(xm_fault_fail_nth(XM_CALL_MUNMAP, 0, 1, EINTR) == 0);
    errno = 0;
    VXT_CHECK_EQ_INT(vx_sys_munmap(p, 4096), -1);
    VXT_CHECK_EQ_INT(errno, EINTR);
    VXT_CHECK_EQ_INT(((volatile unsigned char *)p)[0], 0);
    VXT_CHECK_EQ_INT(vx_sys_munmap(p, 4096), 0);
    CHECK_CLEAN();
}

static void t_errno_is_always_positive(void)
{
    size_t i;
    int fd;

    xm_reset();
    /* Arming a fault with errno <= 0 is refused. */
    errno = 0;
    VXT_CHECK_EQ_INT(xm_fault_fail_nth(XM_CALL_IOCTL, 0, 1, 0), -1);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    VXT_CHECK_EQ_INT(xm_fault_fail_nth(XM_CALL_IOCTL, 0, 1, -EIO), -1);
    /* A handful of failing calls of every kind: each logged failure has a
     * positive errno (the teardown check enforces it too). */
    fd = vx_sys_open("/dev/xen/evtchn", O_RDWR);
    VXT_REQUIRE(fd >= 0);
    xm_log_clear();
    (void)null_arg_errno(fd, IOCTL_EVTCHN_NOTIFY);
    (void)null_arg_errno(fd, UNKNOWN_REQUEST('E'));
    VXT_REQUIRE(xm_fault_fail_nth(XM_CALL_IOCTL, 0, 1, EIO) == 0);
    (void)vx_sys_ioctl(fd, IOCTL_EVTCHN_RESET, NULL);
    VXT_CHECK_EQ_INT(xm_log_count(), 3);
    for (i = 0; i < xm_log_count(); i++) {
        const struct xm_call_record *r = xm_log_get(i);
        VXT_REQUIRE(r != NULL);
        VXT_CHECK(r->result == -1 && r->err > 0);
    }
    VXT_CHECK_EQ_INT(vx_sys_close(fd), 0);
    CHECK_CLEAN();
}

int main(int argc, char **argv)
{
    (void)argc;
    vxt_program = argv[0];
    VXT_RUN(t_evtchn_null_argument);
    VXT_RUN(t_grant_devices_null_argument);
    VXT_RUN(t_privcmd_null_argument);
    VXT_RUN(t_anonymous_memory_is_logged);
    VXT_RUN(t_errno_is_always_positive);
    return vxt_finish();
}
