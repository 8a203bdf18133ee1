/*
 * xen_bench.c - the hot operations timed on a real Xen hypervisor, inside
 * dom0 (`make bench-xen`: bench/xen-run under ci/xen-qemu).
 *
 * The mocked kernel of `make bench` counts syscalls and instructions but
 * cannot show what a syscall costs: its "syscalls" are function calls.
 * Here they are real: a PV dom0's syscalls and hypercalls go through Xen.
 * Each row prints "XROW <name> <ns per operation>", the median of several
 * batches (the guest runs under QEMU/TCG on a shared machine, and its
 * clock now and then stalls or jumps, so a minimum would catch a stall:
 * compare the implementations measured in the same boot, not the absolute
 * figures).
 *
 * Rows:
 *   evtchn_notify+pending+unmask     one loopback event at a time, end to
 *                                    end: notify, poll, pending, unmask
 *   evtchn_pending+unmask_burst64    per event of a burst of 64 loopback
 *                                    events, drained until EAGAIN
 *   xencall_buffer+hypercall         alloc_buffer(16) + xen_version + free
 *   xencall_buffer4k+hypercall       the same with a 4096-byte buffer
 *   gnttab_map+unmap_1, _16          map and unmap grants this domain
 *                                    shared to itself (gntshr)
 * The batched evtchn mode is chosen by the caller's environment
 * (VERIXEN_EVTCHN_BATCH), which upstream ignores.
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
#include <time.h>
#include <xen/xen.h>
#include <xen/version.h>
#include <xencall.h>

#include "bench_ops.h"
#include <xenevtchn.h>
#include <xengnttab.h>

#define PAIRS   64
#define ROUNDS  40
#define GRANTS  16

static void die(const char *what)
{
    perror(what);
    exit(2);
}

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(v[0]), cmp_double);
    return v[n / 2];
}

static void row(const char *name, double ns)
{
    printf("XROW %s %.0f\n", name, ns);
    fflush(stdout);
}

/* ---- event channels ----------------------------------------------------- */

struct loop {
    xenevtchn_handle *xce;
    int remote[PAIRS];      /* unbound ports offered to ourselves */
    int local[PAIRS];       /* bound to them: where the events arrive */
};

/* Take every pending port until EAGAIN, unmasking each, until `want`
 * events came (waiting in poll() for the rest); the count. */
static int drain(struct loop *l, int want)
{
    struct pollfd p = { .fd = xenevtchn_fd(l->xce), .events = POLLIN };
    int got = 0, port;

    while (got < want) {
        if (poll(&p, 1, 5000) != 1)
            die("poll: events lost");
        while ((port = xenevtchn_pending(l->xce)) >= 0) {
            if (xenevtchn_unmask(l->xce, (evtchn_port_t)port) != 0)
                die("xenevtchn_unmask");
            got++;
        }
        if (errno != EAGAIN)
            die("xenevtchn_pending");
    }
    return got;
}

static void loop_open(struct loop *l)
{
    int i;

    if ((l->xce = xenevtchn_open(NULL, 0)) == NULL)
        die("xenevtchn_open");
    if (fcntl(xenevtchn_fd(l->xce), F_SETFL, O_NONBLOCK) != 0)
        die("fcntl");
    for (i = 0; i < PAIRS; i++) {
        l->remote[i] = xenevtchn_bind_unbound_port(l->xce, 0);
        if (l->remote[i] < 0)
            die("xenevtchn_bind_unbound_port");
        l->local[i] = xenevtchn_bind_interdomain(l->xce, 0,
                                                 (evtchn_port_t)l->remote[i]);
        if (l->local[i] < 0)
            die("xenevtchn_bind_interdomain");
    }
    (void)drain(l, PAIRS);      /* a fresh bind is pending once */
}

/* Fire n events, wait until the first is readable, then time taking and
 * unmasking all n; the median time per event over ROUNDS rounds. */
static double burst(struct loop *l, int n)
{
    struct pollfd p = { .fd = xenevtchn_fd(l->xce), .events = POLLIN };
    double samples[ROUNDS];
    int r, i;

    for (r = 0; r < ROUNDS; r++) {
        double t;

        for (i = 0; i < n; i++)
            if (xenevtchn_notify(l->xce, (evtchn_port_t)l->remote[i]) != 0)
                die("xenevtchn_notify");
        if (poll(&p, 1, 5000) != 1)
            die("poll");
        t = now_ns();
        if (drain(l, n) != n)
            die("drain");
        samples[r] = (now_ns() - t) / n;
    }
    return median(samples, ROUNDS);
}

/* One event at a time, end to end (notify, poll, pending, unmask):
 * timed over ROUNDS events together, since the guest's clock advances in
 * steps of about 0.1 ms under TCG - longer than one event's receipt. */
static double one_by_one(struct loop *l)
{
    double t = now_ns();
    int r;

    for (r = 0; r < ROUNDS; r++) {
        if (xenevtchn_notify(l->xce, (evtchn_port_t)l->remote[0]) != 0)
            die("xenevtchn_notify");
        if (drain(l, 1) != 1)
            die("drain");
    }
    return (now_ns() - t) / ROUNDS;
}

static void evtchn_rows(void)
{
    struct loop l;

    loop_open(&l);
    row("evtchn_notify+pending+unmask", one_by_one(&l));
    row("evtchn_pending+unmask_burst64", burst(&l, PAIRS));
    if (xenevtchn_close(l.xce) != 0)
        die("xenevtchn_close");
}

/* ---- hypercalls and grants ------------------------------------------------ */

/* The median time per call of op over 9 batches of `per` calls. */
static double timed(void (*op)(void *), void *arg, int per)
{
    double samples[9];
    int b, i;

    for (b = 0; b < 9; b++) {
        double t = now_ns();
        for (i = 0; i < per; i++)
            op(arg);
        samples[b] = (now_ns() - t) / per;
    }
    return median(samples, 9);
}

static xencall_handle *xcall;

static void op_hypercall_small(void *arg)
{
    (void)arg;
    xencall_with_buffer(xcall, sizeof(xen_extraversion_t));
}

static void op_hypercall_page(void *arg)
{
    (void)arg;
    xencall_with_buffer(xcall, 4096);
}

struct grants {
    xengnttab_handle *xgt;
    uint32_t domids[GRANTS], refs[GRANTS];
    uint32_t count;
};

static void op_map_unmap(void *arg)
{
    struct grants *g = arg;
    void *p = xengnttab_map_grant_refs(g->xgt, g->count, g->domids, g->refs,
                                       PROT_READ | PROT_WRITE);

    if (p == NULL)
        die("xengnttab_map_grant_refs");
    if (xengnttab_unmap(g->xgt, p, g->count) != 0)
        die("xengnttab_unmap");
}

static void call_and_grant_rows(void)
{
    xengntshr_handle *xgs;
    struct grants g;
    void *shared;
    int i;

    if ((xcall = xencall_open(NULL, 0)) == NULL)
        die("xencall_open");
    row("xencall_buffer+hypercall", timed(op_hypercall_small, NULL, 100));
    row("xencall_buffer4k+hypercall", timed(op_hypercall_page, NULL, 100));
    if (xencall_close(xcall) != 0)
        die("xencall_close");

    if ((xgs = xengntshr_open(NULL, 0)) == NULL ||
        (g.xgt = xengnttab_open(NULL, 0)) == NULL)
        die("xengntshr_open/xengnttab_open");
    shared = xengntshr_share_pages(xgs, 0, GRANTS, g.refs, 1);
    if (shared == NULL)
        die("xengntshr_share_pages");
    for (i = 0; i < GRANTS; i++)
        g.domids[i] = 0;
    g.count = 1;
    row("gnttab_map+unmap_1", timed(op_map_unmap, &g, 50));
    g.count = GRANTS;
    row("gnttab_map+unmap_16", timed(op_map_unmap, &g, 50));
    if (xengntshr_unshare(xgs, shared, GRANTS) != 0 ||
        xengnttab_close(g.xgt) != 0 || xengntshr_close(xgs) != 0)
        die("unshare/close");
}

/* Which library file the run loaded (the runner picks it with
 * LD_LIBRARY_PATH). */
static void print_loaded(const char *what, void *sym)
{
    Dl_info info;

    if (dladdr(sym, &info) != 0 && info.dli_fname != NULL)
        printf("# %s from %s\n", what, info.dli_fname);
}

int main(void)
{
    print_loaded("libxenevtchn", (void *)xenevtchn_open);
    print_loaded("libxencall", (void *)xencall_open);
    print_loaded("libxengnttab", (void *)xengnttab_open);
    evtchn_rows();
    call_and_grant_rows();
    return 0;
}
