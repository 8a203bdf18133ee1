/*
 * bench_ops.h - operations timed by both benchmarks: bench.c (under the
 * mocked kernel) and xen_bench.c (inside a real dom0).  The includer
 * defines die(), which reports and exits.
 */
#ifndef BENCH_OPS_H
#define BENCH_OPS_H

#include <stddef.h>
#include <stdint.h>
#include <xen/xen.h>
#include <xen/version.h>
#include "xencall.h"

static void die(const char *what);

/* The libxenctrl pattern: a bounce buffer of `size` bytes around one
 * hypercall (xen_version's extraversion, which any domain may ask). */
static void xencall_with_buffer(xencall_handle *xcall, size_t size)
{
    void *buf = xencall_alloc_buffer(xcall, size);

    if (buf == NULL)
        die("xencall_alloc_buffer");
    if (xencall2(xcall, __HYPERVISOR_xen_version, XENVER_extraversion,
                 (uint64_t)(uintptr_t)buf) != 0)
        die("xencall2");
    xencall_free_buffer(xcall, buf);
}

#endif /* BENCH_OPS_H */
