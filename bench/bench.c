/*
 * bench.c - the hot operations of the stable libraries, measured under the
 * LD_PRELOAD model (build/lib/libxenmock.so).
 *
 * One binary, linked dynamically against the public libraries; bench/run
 * runs it once on verixen's lib/ and once on Debian's upstream build, each
 * natively (syscalls and ns per operation) and under callgrind
 * (instructions per operation inside the library), and prints the table.
 *
 * Per row:
 *   syscalls/op  kernel calls that reached the model (xm_log_count) per op,
 *                munmap() and anonymous mmap() included;
 *   ns/op        wall time per op, best of BENCH_REPS batches of ~5 ms, model
 *                included (the model stands in for the kernel);
 *   Ir/op        instructions executed in the library objects themselves,
 *                counted by bench/run from the callgrind dump of the row
 *                (collection is switched on around the measured loop only).
 *
 * Output (stdout, one line per row): "ROW <name> <syscalls/op> <ns/op>",
 * then "MEM <library> <heap bytes/handle> <fds/handle>".
 */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <valgrind/callgrind.h>
#include <xen/xen.h>
#include <xen/version.h>
#include <xen/memory.h>

#include "conformance/conformance.h"
#include "xencall.h"

#include "bench_ops.h"
#include "xenevtchn.h"
#include "xenforeignmemory.h"
#include "xengnttab.h"
#include "xenmock.h"

#define PEER       1          /* the other domain */
#define PEER_PAGES 1024u
#define BURST      64u        /* ports fired at once in the burst rows */

static void die(const char *what)
{
    fprintf(stderr, "bench: %s: %s\n", what, strerror(errno));
    exit(2);
}

/* ---- kernel calls ------------------------------------------------------------
 * The model logs every kernel call an operation makes, munmap() and
 * anonymous mmap() included (mock/seam.c, docs/MOCK.md). */
static size_t kernel_calls(void)
{
    return xm_log_count();
}

static void kernel_calls_clear(void)
{
    xm_log_clear();
}

/* ---- the scene ------------------------------------------------------------- */

/* Two event channel handles: the default one, and one opened with
 * VERIXEN_EVTCHN_BATCH=64 (batched pending reads; upstream ignores it). */
struct evq {
    xenevtchn_handle *xce;
    evtchn_port_t ports[BURST];             /* our local ports */
};
static struct evq evq_plain, evq_batched;
static xenevtchn_handle *xce;
static xengnttab_handle *xgt;
static uint32_t refs[256], domids[256];
static xengnttab_grant_copy_segment_t segs[256];
static char copy_src[4096];
static xencall_handle *xcall;
static xenforeignmemory_handle *fmem;
#define FMEM_MAX 4096u      /* frames of the largest foreign map (pages repeat) */
static xen_pfn_t pfns[FMEM_MAX];
static int errs[FMEM_MAX];

static void evq_setup(struct evq *q)
{
    unsigned int i;

    if ((q->xce = xenevtchn_open(NULL, 0)) == NULL)
        die("xenevtchn_open");
    for (i = 0; i < BURST; i++) {
        uint32_t remote;
        xenevtchn_port_or_error_t p;
        if (xm_evtchn_alloc_unbound(PEER, 0, &remote) != 0)
            die("xm_evtchn_alloc_unbound");
        p = xenevtchn_bind_interdomain(q->xce, PEER, remote);
        if (p < 0)
            die("xenevtchn_bind_interdomain");
        q->ports[i] = (evtchn_port_t)p;
    }
    /* A fresh interdomain bind is pending once: drain those. */
    for (i = 0; i < BURST; i++) {
        xenevtchn_port_or_error_t p = xenevtchn_pending(q->xce);
        if (p < 0 || xenevtchn_unmask(q->xce, (evtchn_port_t)p) != 0)
            die("drain");
    }
}

static void scene_setup(void)
{
    unsigned int i;

    xm_reset();
    if (xm_domain_create(PEER, PEER_PAGES) != 0)
        die("xm_domain_create");

    evq_setup(&evq_plain);
    xce = evq_plain.xce;
    setenv("VERIXEN_EVTCHN_BATCH", "64", 1);
    evq_setup(&evq_batched);
    unsetenv("VERIXEN_EVTCHN_BATCH");

    if ((xgt = xengnttab_open(NULL, 0)) == NULL)
        die("xengnttab_open");
    for (i = 0; i < 256; i++) {
        if (xm_grant_create(PEER, 0, i, 0, &refs[i]) != 0)
            die("xm_grant_create");
        domids[i] = PEER;
        segs[i].source.virt = copy_src + (i % 32) * 128;
        segs[i].dest.foreign.ref = refs[i];
        segs[i].dest.foreign.offset = 0;
        segs[i].dest.foreign.domid = PEER;
        segs[i].len = 128;
        segs[i].flags = GNTCOPY_dest_gref;
    }

    if ((xcall = xencall_open(NULL, 0)) == NULL)
        die("xencall_open");
    if ((fmem = xenforeignmemory_open(NULL, 0)) == NULL)
        die("xenforeignmemory_open");
    for (i = 0; i < FMEM_MAX; i++)
        pfns[i] = i % PEER_PAGES;
}

static void scene_teardown(void)
{
    char report[2048];

    xenevtchn_close(evq_plain.xce);
    xenevtchn_close(evq_batched.xce);
    xengnttab_close(xgt);
    xencall_close(xcall);
    xenforeignmemory_close(fmem);
    if (xm_check_invariants(report, sizeof(report)) != 0) {
        /* Upstream's xencall_close closes its fd before unmapping its
         * cached buffers; report, do not stop. */
        fprintf(stderr, "bench: model invariants:\n%s", report);
        if (!vxc_upstream())
            exit(2);
    }
}

/* ---- the operations ------------------------------------------------------- */

static void op_notify(unsigned int n)
{
    (void)n;
    if (xenevtchn_notify(xce, evq_plain.ports[0]) != 0)
        die("notify");
}

/* Fire n ports as the peer would, then receive and unmask each. The
 * firing is the model's (no library code, no syscall). */
static void pending_unmask(struct evq *q, unsigned int n)
{
    unsigned int i;

    for (i = 0; i < n; i++)
        if (xm_evtchn_send(0, q->ports[i]) != 0)
            die("xm_evtchn_send");
    for (i = 0; i < n; i++) {
        xenevtchn_port_or_error_t p = xenevtchn_pending(q->xce);
        if (p != (xenevtchn_port_or_error_t)q->ports[i] ||
            xenevtchn_unmask(q->xce, (evtchn_port_t)p) != 0)
            die("pending/unmask");
    }
}

static void op_pending_unmask(unsigned int n)
{
    pending_unmask(&evq_plain, n);
}

static void op_pending_unmask_batched(unsigned int n)
{
    pending_unmask(&evq_batched, n);
}

static void op_xencall(unsigned int n)
{
    (void)n;
    xencall_with_buffer(xcall, sizeof(xen_extraversion_t));
}

/* A one-page payload (a domain list, a physinfo, a cpumap): with the
 * library's header, two pages. */
static void op_xencall_page(unsigned int n)
{
    (void)n;
    xencall_with_buffer(xcall, 4096);
}

/* The buffer pair alone, of n bytes. */
static void op_xencall_buffer(unsigned int n)
{
    void *buf = xencall_alloc_buffer(xcall, n);

    if (buf == NULL)
        die("xencall_alloc_buffer");
    xencall_free_buffer(xcall, buf);
}

static void op_gnt_map(unsigned int n)
{
    void *p = xengnttab_map_grant_refs(xgt, n, domids, refs,
                                       PROT_READ | PROT_WRITE);
    if (p == NULL)
        die("xengnttab_map_grant_refs");
    if (xengnttab_unmap(xgt, p, n) != 0)
        die("xengnttab_unmap");
}

static void op_gnt_copy(unsigned int n)
{
    if (xengnttab_grant_copy(xgt, n, segs) != 0)
        die("xengnttab_grant_copy");
    if (segs[0].status != GNTST_okay || segs[n - 1].status != GNTST_okay)
        die("grant copy status");
}

static void op_fmem_map(unsigned int n)
{
    void *p = xenforeignmemory_map(fmem, PEER, PROT_READ | PROT_WRITE, n,
                                   pfns, errs);
    if (p == NULL)
        die("xenforeignmemory_map");
    if (xenforeignmemory_unmap(fmem, p, n) != 0)
        die("xenforeignmemory_unmap");
}

static void op_resource(unsigned int n)
{
    void *addr = NULL;
    xenforeignmemory_resource_handle *r = xenforeignmemory_map_resource(
        fmem, PEER, XENMEM_resource_grant_table,
        XENMEM_resource_grant_table_id_shared, 0, n, &addr,
        PROT_READ | PROT_WRITE, 0);
    if (r == NULL)
        die("xenforeignmemory_map_resource");
    if (xenforeignmemory_unmap_resource(fmem, r) != 0)
        die("xenforeignmemory_unmap_resource");
}

struct row {
    const char *name;
    void (*op)(unsigned int n);
    unsigned int n;      /* size of one call */
    unsigned int per;    /* operations in one call (events of a burst) */
};

static const struct row rows[] = {
    { "evtchn_notify",              op_notify,          1,    1 },
    { "evtchn_pending+unmask",      op_pending_unmask,  1,    1 },
    { "evtchn_pending+unmask_burst64", op_pending_unmask, BURST, BURST },
    { "evtchn_pending+unmask_BATCH64", op_pending_unmask_batched, 1, 1 },
    { "evtchn_pending+unmask_burst64_BATCH64", op_pending_unmask_batched, BURST, BURST },
    { "xencall_buffer+hypercall",   op_xencall,         1,    1 },
    { "xencall_alloc+free_buffer",  op_xencall_buffer,  sizeof(xen_extraversion_t), 1 },
    { "xencall_buffer4k+hypercall", op_xencall_page,    1,    1 },
    { "xencall_alloc+free_buffer4k", op_xencall_buffer, 4096, 1 },
    { "gnttab_map+unmap_1",         op_gnt_map,         1,    1 },
    { "gnttab_map+unmap_16",        op_gnt_map,         16,   1 },
    { "gnttab_map+unmap_256",       op_gnt_map,         256,  1 },
    { "gnttab_copy_1seg",           op_gnt_copy,        1,    1 },
    { "gnttab_copy_64seg",          op_gnt_copy,        64,   1 },
    { "fmem_map+unmap_1",           op_fmem_map,        1,    1 },
    { "fmem_map+unmap_64",          op_fmem_map,        64,   1 },
    { "fmem_map+unmap_1024",        op_fmem_map,        1024, 1 },
    { "fmem_map+unmap_4096",        op_fmem_map,        4096, 1 },
    { "fmem_map_resource_8",        op_resource,        8,    1 },
};

/* ---- measuring ------------------------------------------------------------ */

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void measure(const struct row *r, int callgrind)
{
    unsigned int i, iters, rep, reps;
    double best = 0, t0, t1, calls;
    const char *s;

    r->op(r->n);                         /* warm up: caches, lazy setup */
    r->op(r->n);

    if (callgrind) {
        /* Instructions: bench/run keeps only the library objects. */
        CALLGRIND_ZERO_STATS;
        CALLGRIND_TOGGLE_COLLECT;
        for (i = 0; i < 16; i++)
            r->op(r->n);
        CALLGRIND_TOGGLE_COLLECT;
        CALLGRIND_DUMP_STATS_AT(r->name);
        return;
    }

    if (getenv("BENCH_TRACE") != NULL) {
        /* The kernel calls of one operation, for docs/PERFORMANCE.md. */
        static const char *const kind[] = {
            "any", "open", "close", "ioctl", "read", "write", "mmap",
            "munmap", "madvise", "dup2",
        };
        size_t k;
        kernel_calls_clear();
        r->op(r->n);
        printf("TRACE %s:", r->name);
        for (k = 0; k < xm_log_count(); k++) {
            const struct xm_call_record *c = xm_log_get(k);
            printf(" %s", (unsigned)c->call < sizeof(kind) / sizeof(kind[0])
                              ? kind[c->call] : "?");
            if (c->call == XM_CALL_IOCTL)
                printf("(%#lx)", c->request);
        }
        printf("\n");
    }

    kernel_calls_clear();
    for (i = 0; i < 16; i++)
        r->op(r->n);
    calls = (double)kernel_calls() / 16.0 / r->per;

    /* About 5 ms per batch; best of `reps` batches (the minimum filters
     * out the noise of a shared machine). */
    t0 = now_ns();
    r->op(r->n);
    t1 = now_ns();
    iters = (unsigned int)(5e6 / (t1 - t0 + 1));
    if (iters < 4)
        iters = 4;
    if (iters > 200000)
        iters = 200000;
    reps = (s = getenv("BENCH_REPS")) != NULL ? (unsigned int)atoi(s) : 15;
    if (reps == 0)
        reps = 1;
    for (rep = 0; rep < reps; rep++) {
        xm_log_clear();
        t0 = now_ns();
        for (i = 0; i < iters; i++)
            r->op(r->n);
        t1 = now_ns();
        if (rep == 0 || t1 - t0 < best)
            best = t1 - t0;
    }
    printf("ROW %s %.2f %.1f\n", r->name, calls,
           best / iters / r->per);
}

/* ---- memory per open handle ----------------------------------------------- */

static long fds_open(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    long n = 0;

    if (d == NULL)
        return -1;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n;
}

#define MEM_HANDLES 32

static long heap_used(void)
{
    struct mallinfo2 mi = mallinfo2();
    return (long)(mi.uordblks + mi.hblkhd);
}

static void *evtchn_open_h(void) { return xenevtchn_open(NULL, 0); }
static void *gnttab_open_h(void) { return xengnttab_open(NULL, 0); }
static void *gntshr_open_h(void) { return xengntshr_open(NULL, 0); }
static void *call_open_h(void) { return xencall_open(NULL, 0); }
static void *fmem_open_h(void) { return xenforeignmemory_open(NULL, 0); }
static int evtchn_close_h(void *h) { return xenevtchn_close(h); }
static int gnttab_close_h(void *h) { return xengnttab_close(h); }
static int gntshr_close_h(void *h) { return xengntshr_close(h); }
static int call_close_h(void *h) { return xencall_close(h); }
static int fmem_close_h(void *h) { return xenforeignmemory_close(h); }

/* Heap bytes and descriptors one more open handle costs (the average over
 * MEM_HANDLES handles, after a first open/close for one-time setup). */
static void mem_row(const char *lib, void *(*open_h)(void),
                    int (*close_h)(void *))
{
    void *h[MEM_HANDLES];
    long heap0, fd0;
    int i;

    if ((h[0] = open_h()) == NULL)
        die(lib);
    (void)close_h(h[0]);
    heap0 = heap_used();
    fd0 = fds_open();
    for (i = 0; i < MEM_HANDLES; i++)
        if ((h[i] = open_h()) == NULL)
            die(lib);
    printf("MEM %s %.0f %.2f\n", lib,
           (double)(heap_used() - heap0) / MEM_HANDLES,
           (double)(fds_open() - fd0) / MEM_HANDLES);
    for (i = 0; i < MEM_HANDLES; i++)
        (void)close_h(h[i]);
}

static void measure_memory(void)
{
    xm_reset();
    mem_row("xenevtchn", evtchn_open_h, evtchn_close_h);
    setenv("VERIXEN_EVTCHN_BATCH", "64", 1);
    mem_row("xenevtchn_BATCH64", evtchn_open_h, evtchn_close_h);
    unsetenv("VERIXEN_EVTCHN_BATCH");
    mem_row("xengnttab", gnttab_open_h, gnttab_close_h);
    mem_row("xengntshr", gntshr_open_h, gntshr_close_h);
    mem_row("xencall", call_open_h, call_close_h);
    mem_row("xenforeignmemory", fmem_open_h, fmem_close_h);
}

int main(int argc, char **argv)
{
    int callgrind = argc > 1 && strcmp(argv[1], "--callgrind") == 0;
    const char *only = getenv("BENCH_ONLY");
    size_t i;

    if (getenv("VX_EXPECT_IMPL") != NULL &&
        (!vxc_check_impl((void *)xenevtchn_open) ||
         !vxc_check_impl((void *)xencall_open) ||
         !vxc_check_impl((void *)xengnttab_open) ||
         !vxc_check_impl((void *)xenforeignmemory_open))) {
        fprintf(stderr, "bench: not running the intended implementation\n");
        return 2;
    }
    scene_setup();
    for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
        if (only == NULL || strstr(rows[i].name, only) != NULL)
            measure(&rows[i], callgrind);
    scene_teardown();
    if (!callgrind)
        measure_memory();
    return 0;
}
