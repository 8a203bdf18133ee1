/*
 * xen_suite.c - the libraries against a real Xen hypervisor (dom0).
 *
 * Only the public API and what real Xen guarantees to dom0: loopback event
 * channels (a port bound to our own domain), grants shared to and mapped by
 * domain 0, hypercalls through hypercall buffers.  tests/xen/check-xen runs
 * this binary twice inside a real dom0 (ci/xen-qemu): on verixen's lib/ and
 * on Debian's libraries; both runs must pass.  VX_EXPECT_IMPL says which
 * implementation the run must have loaded.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xen/xen.h>
#include <xen/version.h>
#include <xen/memory.h>
#include <xencall.h>
#include <xenevtchn.h>
#include <xenforeignmemory.h>
#include <xengnttab.h>

static int failures;
static const char *impl = "?";

#define EXPECT(cond)                                                           \
    do {                                                                       \
        if (cond) {                                                            \
            printf("PASS: xen[%s]: %s\n", impl, #cond);                        \
        } else {                                                               \
            printf("FAIL: xen[%s]: %s (errno %d: %s)\n", impl, #cond, errno,  \
                   strerror(errno));                                           \
            failures++;                                                        \
        }                                                                      \
        fflush(stdout);                                                        \
    } while (0)

/* Next pending port within 5 s, unmasked again; -1 if none came. */
static int next_event(xenevtchn_handle *xce)
{
    struct pollfd p = { .fd = xenevtchn_fd(xce), .events = POLLIN };
    int port;

    if (poll(&p, 1, 5000) != 1)
        return -1;
    port = xenevtchn_pending(xce);
    if (port >= 0)
        xenevtchn_unmask(xce, (evtchn_port_t)port);
    return port;
}

static int loaded_from_expected(void *sym)
{
    Dl_info info;
    int system;

    if (dladdr(sym, &info) == 0 || info.dli_fname == NULL)
        return 0;
    system = strncmp(info.dli_fname, "/usr/lib/", 9) == 0 ||
             strncmp(info.dli_fname, "/lib/", 5) == 0;
    printf("# %s from %s\n", impl, info.dli_fname);
    return strcmp(impl, "debian") == 0 ? system : !system;
}

static void evtchn_loopback(void)
{
    xenevtchn_handle *xce = xenevtchn_open(NULL, 0);
    int a, b;

    EXPECT(xce != NULL);
    if (xce == NULL)
        return;
    a = xenevtchn_bind_unbound_port(xce, 0);
    EXPECT(a > 0);
    b = xenevtchn_bind_interdomain(xce, 0, (evtchn_port_t)a);
    EXPECT(b > 0 && b != a);
    /* Real Xen marks a freshly bound interdomain port pending once. */
    EXPECT(next_event(xce) == b);
    EXPECT(xenevtchn_notify(xce, (evtchn_port_t)a) == 0);
    EXPECT(next_event(xce) == b);
    EXPECT(xenevtchn_notify(xce, (evtchn_port_t)b) == 0);
    EXPECT(next_event(xce) == a);
    EXPECT(xenevtchn_unbind(xce, (evtchn_port_t)b) == 0);
    EXPECT(xenevtchn_unbind(xce, (evtchn_port_t)a) == 0);
    errno = 0;
    EXPECT(xenevtchn_unbind(xce, (evtchn_port_t)a) == -1 && errno > 0);
    EXPECT(xenevtchn_bind_interdomain(xce, 0, 0x7ffffff) == -1 && errno > 0);
    EXPECT(xenevtchn_close(xce) == 0);
}

#define BURST_PAIRS 4

/* Drain until EAGAIN after each wake-up (the contract of batched handles),
 * unmasking every port taken, until `want` events came or 5 s passed; the
 * ports seen are counted in seen[] (indexed by pair).  Returns the number
 * of events, or -1 on a port that is not one of ours. */
static int drain_burst(xenevtchn_handle *xce, const int *ports, int want,
                       int *seen)
{
    struct pollfd p = { .fd = xenevtchn_fd(xce), .events = POLLIN };
    int got = 0;

    while (got < want && poll(&p, 1, 5000) == 1) {
        int port, i;

        while ((port = xenevtchn_pending(xce)) >= 0) {
            for (i = 0; i < BURST_PAIRS && ports[i] != port; i++)
                ;
            if (i == BURST_PAIRS)
                return -1;
            seen[i]++;
            got++;
            if (xenevtchn_unmask(xce, (evtchn_port_t)port) != 0)
                return -1;
        }
        if (errno != EAGAIN)
            return -1;
    }
    return got;
}

/* A burst on a handle opened with VERIXEN_EVTCHN_BATCH (upstream ignores
 * it): verixen reads the fired ports in one read() and writes their
 * unmasks in one write() of several records.  Each port comes out once,
 * and a second burst proves the real driver took every unmask of that
 * write (a port left masked would never fire again). */
static void evtchn_batched_burst(void)
{
    int local[BURST_PAIRS], remote[BURST_PAIRS], seen[BURST_PAIRS];
    xenevtchn_handle *xce;
    int i, round, ok = 1;

    setenv("VERIXEN_EVTCHN_BATCH", "16", 1);
    xce = xenevtchn_open(NULL, 0);
    unsetenv("VERIXEN_EVTCHN_BATCH");
    EXPECT(xce != NULL);
    if (xce == NULL)
        return;
    EXPECT(fcntl(xenevtchn_fd(xce), F_SETFL, O_NONBLOCK) == 0);
    for (i = 0; i < BURST_PAIRS; i++) {
        remote[i] = xenevtchn_bind_unbound_port(xce, 0);
        local[i] = remote[i] < 0 ? -1 :
                   xenevtchn_bind_interdomain(xce, 0, (evtchn_port_t)remote[i]);
        ok = ok && remote[i] > 0 && local[i] > 0;
    }
    EXPECT(ok);
    if (!ok) {
        xenevtchn_close(xce);
        return;
    }
    /* A fresh interdomain bind is pending once. */
    memset(seen, 0, sizeof(seen));
    EXPECT(drain_burst(xce, local, BURST_PAIRS, seen) == BURST_PAIRS);
    for (round = 0; round < 2; round++) {
        for (i = 0; i < BURST_PAIRS; i++)
            ok = ok && xenevtchn_notify(xce, (evtchn_port_t)remote[i]) == 0;
        EXPECT(ok);
        memset(seen, 0, sizeof(seen));
        EXPECT(drain_burst(xce, local, BURST_PAIRS, seen) == BURST_PAIRS);
        for (i = 0; i < BURST_PAIRS; i++)
            ok = ok && seen[i] == 1;
        EXPECT(ok);
    }
    EXPECT(xenevtchn_close(xce) == 0);
}

static void grants_loopback(void)
{
    xengntshr_handle *xgs = xengntshr_open(NULL, 0);
    xengnttab_handle *xgt = xengnttab_open(NULL, 0);
    xengnttab_grant_copy_segment_t seg;
    char local[64];
    uint32_t ref = 0;
    char *shared, *mapped;

    EXPECT(xgs != NULL && xgt != NULL);
    if (xgs == NULL || xgt == NULL)
        return;
    shared = xengntshr_share_pages(xgs, 0, 1, &ref, 1);
    EXPECT(shared != NULL);
    if (shared == NULL)
        return;
    strcpy(shared, "written by the granter");
    mapped = xengnttab_map_grant_ref(xgt, 0, ref, PROT_READ | PROT_WRITE);
    EXPECT(mapped != NULL);
    if (mapped != NULL) {
        EXPECT(strcmp(mapped, "written by the granter") == 0);
        strcpy(mapped + 100, "written by the mapper");
        EXPECT(strcmp(shared + 100, "written by the mapper") == 0);
        EXPECT(xengnttab_unmap(xgt, mapped, 1) == 0);
    }

    memset(&seg, 0, sizeof(seg));
    memset(local, 0, sizeof(local));
    seg.flags = GNTCOPY_source_gref;
    seg.source.foreign.ref = ref;
    seg.source.foreign.domid = 0;
    seg.source.foreign.offset = 0;
    seg.dest.virt = local;
    seg.len = 22;
    EXPECT(xengnttab_grant_copy(xgt, 1, &seg) == 0);
    EXPECT(seg.status == GNTST_okay);
    EXPECT(memcmp(local, "written by the granter", 22) == 0);
    /* QEMU's probe: a zero-count copy must reach the kernel and succeed. */
    EXPECT(xengnttab_grant_copy(xgt, 0, NULL) == 0);

    EXPECT(xengntshr_unshare(xgs, shared, 1) == 0);
    EXPECT(xengnttab_close(xgt) == 0);
    EXPECT(xengntshr_close(xgs) == 0);
}

static void hypercalls(void)
{
    xencall_handle *xcall = xencall_open(NULL, 0);
    char *buf;
    int v;

    EXPECT(xcall != NULL);
    if (xcall == NULL)
        return;
    v = xencall2(xcall, __HYPERVISOR_xen_version, XENVER_version, 0);
    EXPECT(v == ((4 << 16) | 17));
    buf = xencall_alloc_buffer(xcall, sizeof(xen_extraversion_t));
    EXPECT(buf != NULL);
    if (buf != NULL) {
        memset(buf, 0, sizeof(xen_extraversion_t));
        EXPECT(xencall2(xcall, __HYPERVISOR_xen_version, XENVER_extraversion,
                        (uint64_t)(uintptr_t)buf) == 0);
        EXPECT(buf[0] == '.');
        printf("# extraversion %s\n", buf);
        xencall_free_buffer(xcall, buf);
    }
    errno = 0;
    EXPECT(xencall1(xcall, 63, 0) == -1 && errno == ENOSYS);
    EXPECT(xencall_buffers_never_fault(xcall) == 1);
    EXPECT(xencall_close(xcall) == 0);
}

static void foreign_memory(void)
{
    xenforeignmemory_handle *fmem = xenforeignmemory_open(NULL, 0);
    size_t frames = 0;
    int rc;

    EXPECT(fmem != NULL);
    if (fmem == NULL)
        return;
    /* Whatever real Xen answers for dom0's own grant table, both
     * implementations must answer the same: print it for the diff. */
    rc = xenforeignmemory_resource_size(fmem, 0, XENMEM_resource_grant_table,
                                        XENMEM_resource_grant_table_id_shared,
                                        &frames);
    printf("# resource_size(dom0 grant table) = %d errno %d frames %zu\n", rc,
           rc ? errno : 0, frames);
    EXPECT(rc == 0 || errno > 0);
    {
        /* A domain that does not exist: the whole map fails, or the page
         * reports a negative errno in err[]. */
        xen_pfn_t pfn = 0;
        int err = 0;
        void *p;

        errno = 0;
        p = xenforeignmemory_map(fmem, 0x7fef, PROT_READ, 1, &pfn, &err);
        EXPECT(p == NULL ? errno > 0 : err < 0);
        printf("# map(no such domain) = %p errno %d err[0] %d\n", p, errno, err);
        if (p != NULL)
            xenforeignmemory_unmap(fmem, p, 1);
    }
    EXPECT(xenforeignmemory_close(fmem) == 0);
}

int main(int argc, char **argv)
{
    impl = argc > 1 ? argv[1] : "?";
    EXPECT(loaded_from_expected((void *)xenevtchn_open));
    EXPECT(loaded_from_expected((void *)xengnttab_open));
    EXPECT(loaded_from_expected((void *)xencall_open));
    EXPECT(loaded_from_expected((void *)xenforeignmemory_open));
    evtchn_loopback();
    evtchn_batched_burst();
    grants_loopback();
    hypercalls();
    foreign_memory();
    return failures != 0;
}
