/*
 * linux.c - libxenevtchn's OS layer: the kernel requests of Linux's
 * /dev/xen/evtchn driver, one typed function each, issued through the
 * vx_sys_* seam (real syscalls in the library, the mocked kernel in tests).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <xen/xen.h>
#include <xen/sys/evtchn.h>

#include "evtchn_private.h"
#include "vx_sys.h"

#define EVTCHN_DEVICE "/dev/xen/evtchn"

int evtchn_os_open(int cloexec)
{
    return vx_sys_open(EVTCHN_DEVICE, O_RDWR | (cloexec ? O_CLOEXEC : 0));
}

int evtchn_os_close(int fd)
{
    return vx_sys_close(fd);
}

long evtchn_os_bind_virq(int fd, unsigned int virq)
{
    struct ioctl_evtchn_bind_virq req = { .virq = virq };
    return vx_sys_ioctl(fd, IOCTL_EVTCHN_BIND_VIRQ, &req);
}

long evtchn_os_bind_interdomain(int fd, uint32_t domid, uint32_t remote_port)
{
    struct ioctl_evtchn_bind_interdomain req = {
        .remote_domain = domid,
        .remote_port = remote_port,
    };
    return vx_sys_ioctl(fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &req);
}

long evtchn_os_bind_unbound_port(int fd, uint32_t domid)
{
    struct ioctl_evtchn_bind_unbound_port req = { .remote_domain = domid };
    return vx_sys_ioctl(fd, IOCTL_EVTCHN_BIND_UNBOUND_PORT, &req);
}

long evtchn_os_unbind(int fd, uint32_t port)
{
    struct ioctl_evtchn_unbind req = { .port = port };
    return vx_sys_ioctl(fd, IOCTL_EVTCHN_UNBIND, &req);
}

int evtchn_os_notify(int fd, uint32_t port)
{
    struct ioctl_evtchn_notify req = { .port = port };
    return vx_sys_ioctl_status(fd, IOCTL_EVTCHN_NOTIFY, &req);
}

long evtchn_os_restrict_domid(int fd, domid_t domid)
{
    struct ioctl_evtchn_restrict_domid req = { .domid = domid };
    return vx_sys_ioctl(fd, IOCTL_EVTCHN_RESTRICT_DOMID, &req);
}

ssize_t evtchn_os_read_port(int fd, uint32_t *port)
{
    return vx_sys_read(fd, port, sizeof(*port));
}

ssize_t evtchn_os_read_ports(int fd, uint32_t *ports, unsigned int max)
{
    return vx_sys_read(fd, ports, (size_t)max * sizeof(*ports));
}

/* A write of the unmask record that did not transfer exactly the record
 * (n bytes): -1, keeping the errno of a failed write (n < 0) and setting
 * EIO for a short one (upstream returns -1 without errno there; a caller
 * must always be able to tell why it got -1) or a nonsensical count above
 * the record's size.  Out of line (rare). */
__attribute__((cold, noinline)) static int evtchn_os_unmask_failed(ssize_t n)
{
    if (n >= 0)
        errno = EIO;
    return -1;
}

int evtchn_os_unmask(int fd, uint32_t port)
{
    const uint32_t record = port;
    ssize_t left = vx_sys_write(fd, &record, sizeof(record));
    int partial;

#if defined(__x86_64__) && defined(__GCC_ASM_FLAG_OUTPUTS__)
    /* left -= 4, and "not zero" from that subtraction's own flags.  In C
     * the compiler would know left is 0 after the test and load a
     * separate 0 to return; here the register that held the write's
     * count is the result.  Unmask follows every delivered event. */
    __asm__("sub %2, %0" : "+r"(left), "=@ccnz"(partial)
                         : "i"(sizeof(record)));
#else
    left -= (ssize_t)sizeof(record);
    partial = left != 0;
#endif
    if (partial)
        return evtchn_os_unmask_failed(left + (ssize_t)sizeof(record));
    return (int)left; /* 0 */
}

int evtchn_os_unmask_ports(int fd, const uint32_t *ports, unsigned int count)
{
    const size_t bytes = (size_t)count * sizeof(*ports);
    ssize_t n = vx_sys_write(fd, ports, bytes);

    if (n < 0 || (size_t)n != bytes)
        return evtchn_os_unmask_failed(n);
    return 0;
}
