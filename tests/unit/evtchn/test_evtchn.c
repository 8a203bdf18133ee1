/*
 * test_evtchn.c - libxenevtchn against the mocked kernel (mock/).
 *
 * Every test starts from a fresh model (xm_reset) and ends by checking the
 * model's teardown invariants: a test that leaks a descriptor fails even
 * if everything it asserted held.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xen/xen.h>

#include "conformance/conformance.h"
#include "vxtest.h"
#include "xenevtchn.h"
#include "xenmock.h"
#include "xmtest.h"
#include "xentoolcore.h"


/* 1 if fd is readable right now (what a poll loop in xenstored sees). */
static int fd_ready(int fd)
{
    struct pollfd p = { .fd = fd, .events = POLLIN };
    return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

static void test_open_close(void)
{
    xenevtchn_handle *xce;
    int fd;

    xm_reset();
    xce = xenevtchn_open(NULL, 0);
    VXT_REQUIRE(xce != NULL);
    fd = xenevtchn_fd(xce);
    VXT_CHECK(fd >= 0);
    VXT_CHECK(fcntl(fd, F_GETFD) & FD_CLOEXEC);
    VXT_CHECK_EQ_INT(xenevtchn_close(xce), 0);
    VXT_CHECK_EQ_INT(xenevtchn_close(NULL), 0);
    CHECK_CLEAN();
}

static void test_open_no_cloexec(void)
{
    xenevtchn_handle *xce;

    xm_reset();
    xce = xenevtchn_open(NULL, XENEVTCHN_NO_CLOEXEC);
    VXT_REQUIRE(xce != NULL);
    VXT_CHECK((fcntl(xenevtchn_fd(xce), F_GETFD) & FD_CLOEXEC) == 0);
    VXT_CHECK_EQ_INT(xenevtchn_close(xce), 0);
    CHECK_CLEAN();
}

static void test_open_rejects_unknown_flags(void)
{
    xm_reset();
    errno = 0;
    VXT_CHECK(xenevtchn_open(NULL, 2) == NULL);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK(xenevtchn_open(NULL, ~0u) == NULL);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    VXT_CHECK_EQ_INT(xm_log_count(), 0);    /* never reached the kernel */
    CHECK_CLEAN();
}

static void test_open_without_driver(void)
{
    xm_reset();
    xm_set_devices(XM_DEV_ALL & ~XM_DEV_EVTCHN);
    errno = 0;
    VXT_CHECK(xenevtchn_open(NULL, 0) == NULL);
    VXT_CHECK_EQ_INT(errno, ENOENT);
    CHECK_CLEAN();
}

/* Fail each kernel call the open path makes, in turn. */
static void test_open_fault_at_each_call(void)
{
    xenevtchn_handle *xce;
    size_t calls, i;

    xm_reset();
    xce = xenevtchn_open(NULL, 0);
    VXT_REQUIRE(xce != NULL);
    calls = xm_log_count();
    VXT_CHECK(calls >= 1);
    xenevtchn_close(xce);
    for (i = 1; i <= calls; i++) {
        xm_reset();
        VXT_REQUIRE(xm_fault_fail_nth(XM_CALL_ANY, 0, (unsigned)i, EACCES) == 0);
        errno = 0;
        xce = xenevtchn_open(NULL, 0);
        VXT_CHECK(xce == NULL);
        VXT_CHECK_EQ_INT(errno, EACCES);
        if (xce != NULL)
            xenevtchn_close(xce);
        CHECK_CLEAN();
    }
}

static void test_close_failure_releases_fd(void)
{
    xenevtchn_handle *xce;

    xm_reset();
    xce = xenevtchn_open(NULL, 0);
    VXT_REQUIRE(xce != NULL);
    VXT_REQUIRE(xm_fault_fail_nth(XM_CALL_CLOSE, 0, 1, EIO) == 0);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_close(xce), -1);
    VXT_CHECK_EQ_INT(errno, EIO);
    CHECK_CLEAN();
}

static void test_null_handle(void)
{
    xm_reset();
    if (vxc_upstream())
        VXT_SKIP("upstream dereferences a NULL handle (docs/DIFFERENCES.md)");
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_fd(NULL), -1);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_notify(NULL, 1), -1);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_bind_unbound_port(NULL, 1), -1);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_bind_interdomain(NULL, 1, 1), -1);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_bind_virq(NULL, 3), -1);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_unbind(NULL, 1), -1);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_pending(NULL), -1);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_unmask(NULL, 1), -1);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_restrict(NULL, 1), -1);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    VXT_CHECK_EQ_INT(xm_log_count(), 0);
    CHECK_CLEAN();
}

/* Domain 0 offers a port to domain 1, domain 1 binds it, and events flow
 * both ways: the xenstored <-> guest pattern. */
static void test_interdomain_round_trip(void)
{
    xenevtchn_handle *h0, *h1;
    xenevtchn_port_or_error_t p0, p1;

    xm_reset();
    VXT_REQUIRE(xm_domain_create(1, 16) == 0);
    h0 = xenevtchn_open(NULL, 0);
    VXT_REQUIRE(h0 != NULL);
    p0 = xenevtchn_bind_unbound_port(h0, 1);
    VXT_REQUIRE(p0 > 0);

    VXT_REQUIRE(xm_set_current_domain(1) == 0);
    h1 = xenevtchn_open(NULL, 0);
    VXT_REQUIRE(h1 != NULL);
    p1 = xenevtchn_bind_interdomain(h1, 0, (evtchn_port_t)p0);
    VXT_REQUIRE(p1 > 0);

    /* As on real Xen, a fresh interdomain bind is pending once. */
    VXT_CHECK(fd_ready(xenevtchn_fd(h1)));
    VXT_CHECK_EQ_INT(xenevtchn_pending(h1), p1);
    VXT_CHECK_EQ_INT(xenevtchn_unmask(h1, (evtchn_port_t)p1), 0);
    VXT_CHECK(!fd_ready(xenevtchn_fd(h1)));

    VXT_CHECK(!fd_ready(xenevtchn_fd(h0)));
    VXT_CHECK_EQ_INT(xenevtchn_notify(h1, (evtchn_port_t)p1), 0);
    VXT_CHECK(fd_ready(xenevtchn_fd(h0)));
    VXT_CHECK_EQ_INT(xenevtchn_pending(h0), p0);
    VXT_CHECK_EQ_INT(xenevtchn_unmask(h0, (evtchn_port_t)p0), 0);

    VXT_CHECK_EQ_INT(xenevtchn_notify(h0, (evtchn_port_t)p0), 0);
    VXT_CHECK_EQ_INT(xenevtchn_pending(h1), p1);
    VXT_CHECK_EQ_INT(xenevtchn_unmask(h1, (evtchn_port_t)p1), 0);

    VXT_CHECK_EQ_INT(xenevtchn_unbind(h1, (evtchn_port_t)p1), 0);
    VXT_CHECK_EQ_INT(xenevtchn_close(h1), 0);
    VXT_CHECK_EQ_INT(xenevtchn_close(h0), 0);
    CHECK_CLEAN();
}

/* A delivered port stays masked: further sends are remembered, not queued,
 * and unmasking delivers the remembered one exactly once. */
static void test_masking(void)
{
    xenevtchn_handle *xce;
    xenevtchn_port_or_error_t port;

    xm_reset();
    xce = xenevtchn_open(NULL, 0);
    VXT_REQUIRE(xce != NULL);
    port = xenevtchn_bind_virq(xce, VIRQ_DOM_EXC);
    VXT_REQUIRE(port > 0);
    VXT_CHECK(!fd_ready(xenevtchn_fd(xce)));

    VXT_CHECK_EQ_INT(xm_virq_raise(0, VIRQ_DOM_EXC), 0);
    VXT_CHECK_EQ_INT(xm_virq_raise(0, VIRQ_DOM_EXC), 0);
    VXT_CHECK_EQ_INT(xm_evtchn_is_masked(0, (uint32_t)port), 1);
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), port);
    VXT_CHECK(!fd_ready(xenevtchn_fd(xce)));    /* queued once only */

    VXT_CHECK_EQ_INT(xenevtchn_unmask(xce, (evtchn_port_t)port), 0);
    VXT_CHECK(fd_ready(xenevtchn_fd(xce)));     /* the remembered event */
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), port);
    VXT_CHECK_EQ_INT(xenevtchn_unmask(xce, (evtchn_port_t)port), 0);
    VXT_CHECK(!fd_ready(xenevtchn_fd(xce)));
    VXT_CHECK_EQ_INT(xm_evtchn_is_masked(0, (uint32_t)port), 0);

    VXT_CHECK_EQ_INT(xenevtchn_close(xce), 0);
    CHECK_CLEAN();
}

static void test_unbind(void)
{
    xenevtchn_handle *xce;
    xenevtchn_port_or_error_t port;

    xm_reset();
    xce = xenevtchn_open(NULL, 0);
    VXT_REQUIRE(xce != NULL);
    port = xenevtchn_bind_virq(xce, VIRQ_DOM_EXC);
    VXT_REQUIRE(port > 0);
    VXT_CHECK_EQ_INT(xenevtchn_unbind(xce, (evtchn_port_t)port), 0);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_unbind(xce, (evtchn_port_t)port), -1);
    VXT_CHECK(errno > 0);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_notify(xce, (evtchn_port_t)port), -1);
    VXT_CHECK(errno > 0);
    VXT_CHECK_EQ_INT(xm_evtchn_is_pending(0, (uint32_t)port), -1);
    VXT_CHECK_EQ_INT(xenevtchn_close(xce), 0);
    CHECK_CLEAN();
}

/* Closing a handle unbinds its ports, and its peer sees the channel go. */
static void test_close_unbinds_ports(void)
{
    xenevtchn_handle *xce;
    xenevtchn_port_or_error_t port;

    xm_reset();
    xce = xenevtchn_open(NULL, 0);
    VXT_REQUIRE(xce != NULL);
    port = xenevtchn_bind_virq(xce, VIRQ_DOM_EXC);
    VXT_REQUIRE(port > 0);
    VXT_CHECK_EQ_INT(xm_evtchn_is_pending(0, (uint32_t)port), 0);
    VXT_CHECK_EQ_INT(xenevtchn_close(xce), 0);
    VXT_CHECK_EQ_INT(xm_evtchn_is_pending(0, (uint32_t)port), -1);
    CHECK_CLEAN();
}

/* Consumers test `port < 0` / `== -1`: every bind failure is exactly -1
 * with the kernel's errno. */
static void test_bind_failures_are_minus_one(void)
{
    static const int errs[] = { EINVAL, ENOMEM, EPERM, ENOSPC, EINTR };
    xenevtchn_handle *xce;
    size_t i;

    xm_reset();
    xce = xenevtchn_open(NULL, 0);
    VXT_REQUIRE(xce != NULL);
    for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
        VXT_REQUIRE(xm_fault_fail_nth(XM_CALL_IOCTL, 0, 1, errs[i]) == 0);
        errno = 0;
        VXT_CHECK_EQ_INT(xenevtchn_bind_virq(xce, VIRQ_DOM_EXC), -1);
        VXT_CHECK_EQ_INT(errno, errs[i]);
        VXT_REQUIRE(xm_fault_fail_nth(XM_CALL_IOCTL, 0, 1, errs[i]) == 0);
        errno = 0;
        VXT_CHECK_EQ_INT(xenevtchn_bind_unbound_port(xce, 0), -1);
        VXT_CHECK_EQ_INT(errno, errs[i]);
        VXT_REQUIRE(xm_fault_fail_nth(XM_CALL_IOCTL, 0, 1, errs[i]) == 0);
        errno = 0;
        VXT_CHECK_EQ_INT(xenevtchn_bind_interdomain(xce, 0, 1), -1);
        VXT_CHECK_EQ_INT(errno, errs[i]);
        VXT_REQUIRE(xm_fault_fail_nth(XM_CALL_IOCTL, 0, 1, errs[i]) == 0);
        errno = 0;
        VXT_CHECK_EQ_INT(xenevtchn_notify(xce, 1), -1);
        VXT_CHECK_EQ_INT(errno, errs[i]);
        VXT_REQUIRE(xm_fault_fail_nth(XM_CALL_IOCTL, 0, 1, errs[i]) == 0);
        errno = 0;
        VXT_CHECK_EQ_INT(xenevtchn_unbind(xce, 1), -1);
        VXT_CHECK_EQ_INT(errno, errs[i]);
        VXT_REQUIRE(xm_fault_fail_nth(XM_CALL_IOCTL, 0, 1, errs[i]) == 0);
        errno = 0;
        VXT_CHECK_EQ_INT(xenevtchn_restrict(xce, 1), -1);
        VXT_CHECK_EQ_INT(errno, errs[i]);
    }
    /* The handle is intact after all those failures. */
    VXT_CHECK(xenevtchn_bind_virq(xce, VIRQ_DOM_EXC) > 0);
    VXT_CHECK_EQ_INT(xenevtchn_close(xce), 0);
    CHECK_CLEAN();
}

static void test_bind_errors_from_model(void)
{
    xenevtchn_handle *xce;

    xm_reset();
    xce = xenevtchn_open(NULL, 0);
    VXT_REQUIRE(xce != NULL);
    errno = 0;    /* no such domain */
    VXT_CHECK_EQ_INT(xenevtchn_bind_interdomain(xce, 9, 1), -1);
    VXT_CHECK(errno > 0);
    errno = 0;    /* virq out of range */
    VXT_CHECK_EQ_INT(xenevtchn_bind_virq(xce, 100000), -1);
    VXT_CHECK(errno > 0);
    VXT_CHECK_EQ_INT(xenevtchn_close(xce), 0);
    CHECK_CLEAN();
}

static void test_pending_read_failures(void)
{
    xenevtchn_handle *xce;
    xenevtchn_port_or_error_t port;

    xm_reset();
    xce = xenevtchn_open(NULL, 0);
    VXT_REQUIRE(xce != NULL);
    port = xenevtchn_bind_virq(xce, VIRQ_DOM_EXC);
    VXT_REQUIRE(port > 0);
    VXT_CHECK_EQ_INT(xm_virq_raise(0, VIRQ_DOM_EXC), 0);

    /* Upstream returns -1 with errno untouched on a short read. */
    VXT_REQUIRE(xm_fault_short_read(1, 2) == 0);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), -1);
    if (!vxc_upstream())
        VXT_CHECK_EQ_INT(errno, EIO);

    VXT_REQUIRE(xm_fault_fail_nth(XM_CALL_READ, 0, 1, EINTR) == 0);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), -1);
    VXT_CHECK_EQ_INT(errno, EINTR);

    /* Nothing was consumed by the failures. */
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), port);

    VXT_REQUIRE(xm_fault_fail_nth(XM_CALL_WRITE, 0, 1, EFAULT) == 0);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_unmask(xce, (evtchn_port_t)port), -1);
    VXT_CHECK_EQ_INT(errno, EFAULT);
    VXT_CHECK_EQ_INT(xenevtchn_unmask(xce, (evtchn_port_t)port), 0);
    VXT_CHECK_EQ_INT(xenevtchn_close(xce), 0);
    CHECK_CLEAN();
}

static void test_pending_nonblocking_empty(void)
{
    xenevtchn_handle *xce;
    int fd;

    xm_reset();
    xce = xenevtchn_open(NULL, 0);
    VXT_REQUIRE(xce != NULL);
    fd = xenevtchn_fd(xce);
    /* Consumers put the fd in non-blocking mode and drain it. */
    VXT_REQUIRE(fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), -1);
    VXT_CHECK_EQ_INT(errno, EAGAIN);
    VXT_CHECK_EQ_INT(xenevtchn_close(xce), 0);
    CHECK_CLEAN();
}

static void test_restrict(void)
{
    xenevtchn_handle *xce;
    xenevtchn_port_or_error_t port;
    uint32_t remote;

    xm_reset();
    VXT_REQUIRE(xm_domain_create(1, 4) == 0);
    VXT_REQUIRE(xm_domain_create(2, 4) == 0);
    VXT_REQUIRE(xm_evtchn_alloc_unbound(1, 0, &remote) == 0);
    xce = xenevtchn_open(NULL, 0);
    VXT_REQUIRE(xce != NULL);
    errno = 0;    /* dom0 and reserved ids are not valid targets */
    VXT_CHECK_EQ_INT(xenevtchn_restrict(xce, 0), -1);
    VXT_CHECK(errno > 0);
    VXT_CHECK_EQ_INT(xenevtchn_restrict(xce, 1), 0);
    errno = 0;    /* only once */
    VXT_CHECK_EQ_INT(xenevtchn_restrict(xce, 2), -1);
    VXT_CHECK(errno > 0);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_bind_virq(xce, VIRQ_DOM_EXC), -1);
    VXT_CHECK(errno > 0);
    port = xenevtchn_bind_interdomain(xce, 1, remote);
    VXT_CHECK(port > 0);
    VXT_CHECK_EQ_INT(xenevtchn_close(xce), 0);
    CHECK_CLEAN();
}

/* xentoolcore_restrict_all reaches event channel handles (QEMU depriv). */
static void test_restrict_all(void)
{
    xenevtchn_handle *xce;

    xm_reset();
    VXT_REQUIRE(xm_domain_create(3, 4) == 0);
    xce = xenevtchn_open(NULL, 0);
    VXT_REQUIRE(xce != NULL);
    VXT_CHECK_EQ_INT(xentoolcore_restrict_all(3), 0);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_bind_virq(xce, VIRQ_DOM_EXC), -1);
    VXT_CHECK(errno > 0);
    VXT_CHECK_EQ_INT(xenevtchn_close(xce), 0);
    CHECK_CLEAN();
}

static void test_fdopen(void)
{
    xenevtchn_handle *xce, *again;
    xenevtchn_port_or_error_t port;
    int fd;

    xm_reset();
    /* Upstream wraps any number, even -1, into a handle. */
    if (!vxc_upstream()) {
        errno = 0;
        VXT_CHECK(xenevtchn_fdopen(NULL, -1, 0) == NULL);
        VXT_CHECK_EQ_INT(errno, EBADF);
    }
    errno = 0;
    VXT_CHECK(xenevtchn_fdopen(NULL, 0, 1) == NULL);
    VXT_CHECK_EQ_INT(errno, EINVAL);

    xce = xenevtchn_open(NULL, 0);
    VXT_REQUIRE(xce != NULL);
    port = xenevtchn_bind_virq(xce, VIRQ_DOM_EXC);
    VXT_REQUIRE(port > 0);
    fd = xenevtchn_fd(xce);
    /* xenstored's live update: the new process rebuilds the handle from
     * the inherited descriptor; the ports stay bound. */
    again = xenevtchn_fdopen(NULL, fd, 0);
    VXT_REQUIRE(again != NULL);
    VXT_CHECK_EQ_INT(xenevtchn_fd(again), fd);
    VXT_CHECK_EQ_INT(xm_virq_raise(0, VIRQ_DOM_EXC), 0);
    VXT_CHECK_EQ_INT(xenevtchn_pending(again), port);
    VXT_CHECK_EQ_INT(xenevtchn_close(again), 0);    /* closes fd */
    /* `xce` is abandoned, as the old process's handle is in a live
     * update: its descriptor now belongs to `again`. */
    CHECK_CLEAN();
}

static void test_cloexec_across_exec(void)
{
    xenevtchn_handle *a, *b;

    xm_reset();
    a = xenevtchn_open(NULL, 0);
    b = xenevtchn_open(NULL, XENEVTCHN_NO_CLOEXEC);
    VXT_REQUIRE(a != NULL && b != NULL);
    VXT_CHECK_EQ_INT(vxt_fd_survives_exec(xenevtchn_fd(a)), 0);
    VXT_CHECK_EQ_INT(vxt_fd_survives_exec(xenevtchn_fd(b)), 1);
    xenevtchn_close(a);
    xenevtchn_close(b);
    CHECK_CLEAN();
}

/* The documented fork rule: a child may only close an inherited handle,
 * and doing so must not disturb the parent's. */
static void test_fork_child_closes(void)
{
    xenevtchn_handle *xce;
    xenevtchn_port_or_error_t port;
    pid_t pid;
    int status;

    xm_reset();
    xce = xenevtchn_open(NULL, 0);
    VXT_REQUIRE(xce != NULL);
    pid = fork();
    VXT_REQUIRE(pid >= 0);
    if (pid == 0)
        _exit(xenevtchn_close(xce) == 0 ? 0 : 1);
    VXT_REQUIRE(waitpid(pid, &status, 0) == pid);
    VXT_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    port = xenevtchn_bind_virq(xce, VIRQ_DOM_EXC);
    VXT_CHECK(port > 0);
    VXT_CHECK_EQ_INT(xenevtchn_close(xce), 0);
    CHECK_CLEAN();
}

struct worker {
    xenevtchn_handle *xce;
    unsigned int virq;
    int failures;
};

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    int i;

    for (i = 0; i < 200; i++) {
        xenevtchn_port_or_error_t port = xenevtchn_bind_virq(w->xce, w->virq);
        if (port <= 0 || xenevtchn_unbind(w->xce, (evtchn_port_t)port) != 0)
            w->failures++;
    }
    return NULL;
}

/* Distinct handles may be used from distinct threads concurrently. */
static void test_threads_separate_handles(void)
{
    struct worker w[4];
    pthread_t t[4];
    int i;

    xm_reset();
    for (i = 0; i < 4; i++) {
        w[i].xce = xenevtchn_open(NULL, 0);
        w[i].virq = VIRQ_DOM_EXC + (unsigned int)i * 0;
        w[i].failures = 0;
        VXT_REQUIRE(w[i].xce != NULL);
    }
    /* Different virqs: one virq can be bound only once per domain. */
    w[0].virq = VIRQ_TIMER;
    w[1].virq = VIRQ_DEBUG;
    w[2].virq = VIRQ_CONSOLE;
    w[3].virq = VIRQ_DOM_EXC;
    for (i = 0; i < 4; i++)
        VXT_REQUIRE(pthread_create(&t[i], NULL, worker_main, &w[i]) == 0);
    for (i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        VXT_CHECK_EQ_INT(w[i].failures, 0);
        VXT_CHECK_EQ_INT(xenevtchn_close(w[i].xce), 0);
    }
    CHECK_CLEAN();
}

/* ---- batched pending reads (VERIXEN_EVTCHN_BATCH, verixen only) ----------
 * Upstream ignores the variable, so every test below holds for both: the
 * observable order and exactly-once delivery must not depend on it. */

#define BATCH_PORTS 8

/* NULL: unset (one read() per port); else the batch size for the next
 * open.  Each test restores the default. */
static void set_batch(const char *value)
{
    if (value == NULL)
        unsetenv("VERIXEN_EVTCHN_BATCH");
    else
        setenv("VERIXEN_EVTCHN_BATCH", value, 1);
}

/* A handle with n interdomain ports to domain 1, fd non-blocking, and the
 * one event of each fresh bind already consumed (checked: each once, in
 * bind order) and unmasked. */
static xenevtchn_handle *open_with_ports(evtchn_port_t *ports, unsigned n)
{
    xenevtchn_handle *xce;
    unsigned i;
    int fd;

    if (xm_domain_create(1, 4) != 0)
        return NULL;
    xce = xenevtchn_open(NULL, 0);
    if (xce == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        uint32_t remote;
        xenevtchn_port_or_error_t p;
        VXT_CHECK_EQ_INT(xm_evtchn_alloc_unbound(1, 0, &remote), 0);
        p = xenevtchn_bind_interdomain(xce, 1, remote);
        VXT_CHECK(p > 0);
        ports[i] = (evtchn_port_t)p;
    }
    fd = xenevtchn_fd(xce);
    VXT_CHECK(fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0);
    for (i = 0; i < n; i++) {
        VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[i]);
        VXT_CHECK_EQ_INT(xenevtchn_unmask(xce, ports[i]), 0);
    }
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), -1);
    VXT_CHECK_EQ_INT(errno, EAGAIN);
    return xce;
}

/* Each fired port comes out of pending() exactly once, in firing order,
 * whatever the batch size (smaller than, equal to, larger than a burst);
 * a port re-fired while masked comes back once, after its unmask. */
static void check_order_exactly_once(const char *batch, unsigned reads)
{
    evtchn_port_t ports[BATCH_PORTS];
    xenevtchn_handle *xce;
    size_t reads_before;
    unsigned i;

    xm_reset();
    set_batch(batch);
    xce = open_with_ports(ports, BATCH_PORTS);
    set_batch(NULL);
    VXT_REQUIRE(xce != NULL);

    for (i = 0; i < BATCH_PORTS; i++)
        VXT_CHECK_EQ_INT(xm_evtchn_send(0, ports[i]), 0);
    reads_before = xm_log_count_kind(XM_CALL_READ);
    for (i = 0; i < BATCH_PORTS; i++)
        VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[i]);
    /* The point of batching: fewer read()s for the same ports. */
    VXT_CHECK_EQ_INT(xm_log_count_kind(XM_CALL_READ) - reads_before,
                     vxc_upstream() ? BATCH_PORTS : reads);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), -1);
    VXT_CHECK_EQ_INT(errno, EAGAIN);

    /* Unmask the first half and fire everything again: the first half
     * comes back at once, the still-masked second half only remembers. */
    for (i = 0; i < BATCH_PORTS / 2; i++)
        VXT_CHECK_EQ_INT(xenevtchn_unmask(xce, ports[i]), 0);
    for (i = 0; i < BATCH_PORTS; i++)
        VXT_CHECK_EQ_INT(xm_evtchn_send(0, ports[i]), 0);
    for (i = 0; i < BATCH_PORTS / 2; i++)
        VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[i]);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), -1);
    VXT_CHECK_EQ_INT(errno, EAGAIN);

    /* Unmasking the second half re-delivers each remembered event once. */
    for (i = BATCH_PORTS / 2; i < BATCH_PORTS; i++)
        VXT_CHECK_EQ_INT(xenevtchn_unmask(xce, ports[i]), 0);
    for (i = BATCH_PORTS / 2; i < BATCH_PORTS; i++)
        VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[i]);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), -1);
    VXT_CHECK_EQ_INT(errno, EAGAIN);

    for (i = 0; i < BATCH_PORTS; i++)
        VXT_CHECK_EQ_INT(xenevtchn_unmask(xce, ports[i]), 0);
    VXT_CHECK(!fd_ready(xenevtchn_fd(xce)));
    VXT_CHECK_EQ_INT(xenevtchn_close(xce), 0);
    CHECK_CLEAN();
}

static void test_pending_order_unbatched(void)
{
    check_order_exactly_once(NULL, BATCH_PORTS);
}

static void test_pending_order_batch3(void)
{
    check_order_exactly_once("3", 3);    /* 3 + 3 + 2 */
}

static void test_pending_order_batch64(void)
{
    check_order_exactly_once("64", 1);
}

/* Ignored values leave the handle reading one port at a time. */
static void test_pending_batch_bad_values(void)
{
    check_order_exactly_once("", BATCH_PORTS);
    check_order_exactly_once("1", BATCH_PORTS);
    check_order_exactly_once("x", BATCH_PORTS);
    check_order_exactly_once("99999999999999999999", BATCH_PORTS);
    check_order_exactly_once("100000", 1);    /* capped at 1024 */
}

/* Why batching is opt-in: without it, the fd stays readable while ports
 * are left in the kernel, so a consumer that takes one port per poll()
 * wake-up never strands one.  With it, the fd no longer says so (the ports
 * are in the handle), and only draining until EAGAIN is correct. */
static void test_pending_readiness_per_port(void)
{
    evtchn_port_t ports[3];
    xenevtchn_handle *xce;
    unsigned i;

    xm_reset();
    xce = open_with_ports(ports, 3);
    VXT_REQUIRE(xce != NULL);
    for (i = 0; i < 3; i++)
        VXT_CHECK_EQ_INT(xm_evtchn_send(0, ports[i]), 0);
    for (i = 0; i < 3; i++) {
        VXT_CHECK(fd_ready(xenevtchn_fd(xce)));
        VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[i]);
    }
    VXT_CHECK(!fd_ready(xenevtchn_fd(xce)));
    VXT_CHECK_EQ_INT(xenevtchn_close(xce), 0);
    CHECK_CLEAN();
}

static void test_pending_batched_drain_contract(void)
{
    evtchn_port_t ports[3];
    xenevtchn_handle *xce;
    unsigned i;

    xm_reset();
    set_batch("16");
    xce = open_with_ports(ports, 3);
    set_batch(NULL);
    VXT_REQUIRE(xce != NULL);
    for (i = 0; i < 3; i++)
        VXT_CHECK_EQ_INT(xm_evtchn_send(0, ports[i]), 0);
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[0]);
    /* verixen: the other two are in the handle now; upstream ignores
     * the variable and leaves them in the kernel. */
    VXT_CHECK_EQ_INT(fd_ready(xenevtchn_fd(xce)), vxc_upstream());
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[1]);
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[2]);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), -1);
    VXT_CHECK_EQ_INT(errno, EAGAIN);
    VXT_CHECK_EQ_INT(xenevtchn_close(xce), 0);
    CHECK_CLEAN();
}

/* Nothing left to take (pending fails with EAGAIN); then close the
 * handle and check the model is clean. */
static void check_drained_and_close(xenevtchn_handle *xce)
{
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), -1);
    VXT_CHECK_EQ_INT(errno, EAGAIN);
    VXT_CHECK_EQ_INT(xenevtchn_close(xce), 0);
    CHECK_CLEAN();
}

/* A batched handle opened with 3 interdomain ports, all three fired and
 * not yet taken; the count of write()s so far in *writes. */
static xenevtchn_handle *batched_with_burst(evtchn_port_t *ports,
                                            size_t *writes)
{
    xenevtchn_handle *xce;
    unsigned i;

    xm_reset();
    set_batch("16");
    xce = open_with_ports(ports, 3);
    set_batch(NULL);
    if (xce == NULL)
        return NULL;
    for (i = 0; i < 3; i++)
        VXT_CHECK_EQ_INT(xm_evtchn_send(0, ports[i]), 0);
    *writes = xm_log_count_kind(XM_CALL_WRITE);
    return xce;
}

/* Batched handles also defer unmask while ports are still buffered (the
 * drain contract brings the caller back): the unmasks of a burst reach the
 * kernel in one write(), made by the unmask that finds the buffer empty
 * (verixen; upstream writes each at once).  A port fired again while its
 * unmask waits is only remembered, and comes back once it is written. */
static void test_unmask_batched_deferred(void)
{
    evtchn_port_t ports[3];
    xenevtchn_handle *xce;
    size_t writes;

    xce = batched_with_burst(ports, &writes);
    VXT_REQUIRE(xce != NULL);
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[0]);
    VXT_CHECK_EQ_INT(xenevtchn_unmask(xce, ports[0]), 0);
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[1]);
    VXT_CHECK_EQ_INT(xenevtchn_unmask(xce, ports[1]), 0);
    VXT_CHECK_EQ_INT(xm_log_count_kind(XM_CALL_WRITE) - writes,
                     vxc_upstream() ? 2 : 0);
    VXT_CHECK_EQ_INT(xm_evtchn_send(0, ports[0]), 0);
    /* verixen: port 2 is in the handle and port 0 still masked. */
    VXT_CHECK_EQ_INT(fd_ready(xenevtchn_fd(xce)), vxc_upstream());
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[2]);
    VXT_CHECK_EQ_INT(xenevtchn_unmask(xce, ports[2]), 0);
    VXT_CHECK_EQ_INT(xm_log_count_kind(XM_CALL_WRITE) - writes,
                     vxc_upstream() ? 3 : 1);
    VXT_CHECK(fd_ready(xenevtchn_fd(xce)));
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[0]);
    VXT_CHECK_EQ_INT(xenevtchn_unmask(xce, ports[0]), 0);
    check_drained_and_close(xce);
}

/* A deferred unmask whose caller never unmasks again is written by the
 * next pending() before it reads, and that read already sees the port's
 * remembered event. */
static void test_unmask_batched_flushed_by_pending(void)
{
    evtchn_port_t ports[3];
    xenevtchn_handle *xce;
    size_t writes;

    xce = batched_with_burst(ports, &writes);
    VXT_REQUIRE(xce != NULL);
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[0]);
    VXT_CHECK_EQ_INT(xenevtchn_unmask(xce, ports[0]), 0);
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[1]);
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[2]);
    VXT_CHECK_EQ_INT(xm_evtchn_send(0, ports[0]), 0);
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[0]);
    VXT_CHECK_EQ_INT(xm_log_count_kind(XM_CALL_WRITE) - writes, 1);
    check_drained_and_close(xce);
}

/* A failed write of deferred unmasks is reported, with write's errno, by
 * the call that made it: the unmask that found the buffer empty, or the
 * pending() about to read.  Nothing is retried behind the caller's back;
 * unmasking again works. */
static void test_unmask_batched_write_failures(void)
{
    evtchn_port_t ports[3];
    xenevtchn_handle *xce;
    size_t writes;
    unsigned i;

    xce = batched_with_burst(ports, &writes);
    VXT_REQUIRE(xce != NULL);
    for (i = 0; i < 2; i++) {
        VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[i]);
        VXT_CHECK_EQ_INT(xenevtchn_unmask(xce, ports[i]), 0);
    }
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[2]);
    VXT_REQUIRE(xm_fault_fail_nth(XM_CALL_WRITE, 0, 1, EFAULT) == 0);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_unmask(xce, ports[2]), -1);
    VXT_CHECK_EQ_INT(errno, EFAULT);
    for (i = 0; i < 3; i++)
        VXT_CHECK_EQ_INT(xenevtchn_unmask(xce, ports[i]), 0);
    VXT_CHECK_EQ_INT(xenevtchn_close(xce), 0);
    CHECK_CLEAN();

    xce = batched_with_burst(ports, &writes);
    VXT_REQUIRE(xce != NULL);
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[0]);
    VXT_CHECK_EQ_INT(xenevtchn_unmask(xce, ports[0]), 0);
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[1]);
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[2]);
    VXT_REQUIRE(xm_fault_fail_nth(XM_CALL_WRITE, 0, 1, EFAULT) == 0);
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), -1);
    /* upstream wrote port 0's unmask at once: nothing to write here, and
     * nothing pending. */
    VXT_CHECK_EQ_INT(errno, vxc_upstream() ? EAGAIN : EFAULT);
    xm_fault_clear();
    errno = 0;
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), -1);
    VXT_CHECK_EQ_INT(errno, EAGAIN);
    for (i = 0; i < 3; i++)
        VXT_CHECK_EQ_INT(xenevtchn_unmask(xce, ports[i]), 0);
    VXT_CHECK_EQ_INT(xenevtchn_close(xce), 0);
    CHECK_CLEAN();
}

struct blocked_reader {
    xenevtchn_handle *xce;
    xenevtchn_port_or_error_t got;
};

static void *blocked_reader_main(void *arg)
{
    struct blocked_reader *r = arg;

    r->got = xenevtchn_pending(r->xce);
    return NULL;
}

/* One thread blocked in a batched pending() (blocking fd, nothing
 * pending) holds the handle's buffers; an unmask from another thread must
 * not wait for it - it is what wakes it: the port's remembered event fires
 * once unmasked, and the reader gets it. */
static void test_unmask_batched_wakes_blocked_reader(void)
{
    evtchn_port_t ports[1];
    struct blocked_reader r;
    struct timespec limit;
    xenevtchn_handle *xce;
    pthread_t t;
    int fd;

    xm_reset();
    set_batch("16");
    xce = open_with_ports(ports, 1);
    set_batch(NULL);
    VXT_REQUIRE(xce != NULL);
    fd = xenevtchn_fd(xce);
    VXT_REQUIRE(fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) == 0);
    VXT_CHECK_EQ_INT(xm_evtchn_send(0, ports[0]), 0);
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[0]);
    VXT_CHECK_EQ_INT(xm_evtchn_send(0, ports[0]), 0);   /* remembered */
    r.xce = xce;
    r.got = -2;
    VXT_REQUIRE(pthread_create(&t, NULL, blocked_reader_main, &r) == 0);
    usleep(50 * 1000);          /* let it block in read() */
    VXT_CHECK_EQ_INT(xenevtchn_unmask(xce, ports[0]), 0);
    clock_gettime(CLOCK_REALTIME, &limit);
    limit.tv_sec += 10;
    if (pthread_timedjoin_np(t, NULL, &limit) != 0) {
        fprintf(stderr, "blocked reader never woke: unmask waited for it\n");
        exit(1);
    }
    VXT_CHECK_EQ_INT(r.got, ports[0]);
    VXT_CHECK_EQ_INT(xenevtchn_unmask(xce, ports[0]), 0);
    VXT_CHECK_EQ_INT(xenevtchn_close(xce), 0);
    CHECK_CLEAN();
}

/* Read failures in batched mode lose nothing, as in the one-port mode. */
static void test_pending_batched_read_failures(void)
{
    set_batch("8");
    test_pending_read_failures();
    set_batch(NULL);
}

/* A forked child may close a batched handle holding buffered ports; the
 * parent's handle and buffer are untouched. */
static void test_pending_batched_fork(void)
{
    evtchn_port_t ports[3];
    xenevtchn_handle *xce;
    pid_t pid;
    int status;

    xm_reset();
    set_batch("8");
    xce = open_with_ports(ports, 3);
    set_batch(NULL);
    VXT_REQUIRE(xce != NULL);
    VXT_CHECK_EQ_INT(xm_evtchn_send(0, ports[0]), 0);
    VXT_CHECK_EQ_INT(xm_evtchn_send(0, ports[1]), 0);
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[0]);
    pid = fork();
    VXT_REQUIRE(pid >= 0);
    if (pid == 0)
        _exit(xenevtchn_close(xce) == 0 ? 0 : 1);
    VXT_REQUIRE(waitpid(pid, &status, 0) == pid);
    VXT_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    VXT_CHECK_EQ_INT(xenevtchn_pending(xce), ports[1]);
    VXT_CHECK_EQ_INT(xenevtchn_close(xce), 0);
    CHECK_CLEAN();
}

#define DRAIN_PORTS 64

struct drainer {
    xenevtchn_handle *xce;
    int *seen;             /* indexed by port, shared, atomic increments */
    int got, bad_errno;
};

static void *drainer_main(void *arg)
{
    struct drainer *d = arg;
    xenevtchn_port_or_error_t p;

    while ((p = xenevtchn_pending(d->xce)) >= 0) {
        if (p < 1024)
            __atomic_add_fetch(&d->seen[p], 1, __ATOMIC_RELAXED);
        d->got++;
    }
    if (errno != EAGAIN)
        d->bad_errno = errno;
    return NULL;
}

/* Two threads draining one handle: pending() on one handle from several
 * threads is not a supported consumer pattern (xenevtchn.h), but it must
 * stay memory-safe and deliver every port exactly once in total - as the
 * kernel's ring does for upstream.  Run under TSan too. */
static void test_pending_two_threads_one_handle(void)
{
    static const char *const modes[] = { NULL, "5", "64" };
    size_t m;

    for (m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
        evtchn_port_t ports[DRAIN_PORTS];
        static int seen[1024];
        struct drainer d[2];
        pthread_t t[2];
        xenevtchn_handle *xce;
        unsigned i;

        xm_reset();
        set_batch(modes[m]);
        xce = open_with_ports(ports, DRAIN_PORTS);
        set_batch(NULL);
        VXT_REQUIRE(xce != NULL);
        memset(seen, 0, sizeof(seen));
        for (i = 0; i < DRAIN_PORTS; i++)
            VXT_CHECK_EQ_INT(xm_evtchn_send(0, ports[i]), 0);
        for (i = 0; i < 2; i++) {
            d[i].xce = xce;
            d[i].seen = seen;
            d[i].got = d[i].bad_errno = 0;
            VXT_REQUIRE(pthread_create(&t[i], NULL, drainer_main, &d[i]) == 0);
        }
        for (i = 0; i < 2; i++) {
            pthread_join(t[i], NULL);
            VXT_CHECK_EQ_INT(d[i].bad_errno, 0);
        }
        VXT_CHECK_EQ_INT(d[0].got + d[1].got, DRAIN_PORTS);
        for (i = 0; i < DRAIN_PORTS; i++)
            VXT_CHECK_EQ_INT(seen[ports[i]], 1);
        for (i = 0; i < DRAIN_PORTS; i++)
            VXT_CHECK_EQ_INT(xenevtchn_unmask(xce, ports[i]), 0);
        VXT_CHECK_EQ_INT(xenevtchn_close(xce), 0);
        CHECK_CLEAN();
    }
}

#ifdef VX_CONFORMANCE
static void test_conformance_runs_intended_library(void)
{
    VXT_CHECK(vxc_check_impl((void *)xenevtchn_open));
    VXT_CHECK(vxc_check_impl((void *)xentoolcore_restrict_all));
}
#endif

int main(int argc, char **argv)
{
    (void)argc;
    vxt_program = argv[0];
#ifdef VX_CONFORMANCE
    VXT_RUN(test_conformance_runs_intended_library);
#endif
    VXT_RUN(test_open_close);
    VXT_RUN(test_open_no_cloexec);
    VXT_RUN(test_open_rejects_unknown_flags);
    VXT_RUN(test_open_without_driver);
    VXT_RUN(test_open_fault_at_each_call);
    VXT_RUN(test_close_failure_releases_fd);
    VXT_RUN(test_null_handle);
    VXT_RUN(test_interdomain_round_trip);
    VXT_RUN(test_masking);
    VXT_RUN(test_unbind);
    VXT_RUN(test_close_unbinds_ports);
    VXT_RUN(test_bind_failures_are_minus_one);
    VXT_RUN(test_bind_errors_from_model);
    VXT_RUN(test_pending_read_failures);
    VXT_RUN(test_pending_nonblocking_empty);
    VXT_RUN(test_restrict);
    VXT_RUN(test_restrict_all);
    VXT_RUN(test_fdopen);
    VXT_RUN(test_cloexec_across_exec);
    VXT_RUN(test_fork_child_closes);
    VXT_RUN(test_threads_separate_handles);
    VXT_RUN(test_pending_order_unbatched);
    VXT_RUN(test_pending_order_batch3);
    VXT_RUN(test_pending_order_batch64);
    VXT_RUN(test_pending_batch_bad_values);
    VXT_RUN(test_pending_readiness_per_port);
    VXT_RUN(test_pending_batched_drain_contract);
    VXT_RUN(test_pending_batched_read_failures);
    VXT_RUN(test_unmask_batched_deferred);
    VXT_RUN(test_unmask_batched_flushed_by_pending);
    VXT_RUN(test_unmask_batched_write_failures);
    VXT_RUN(test_unmask_batched_wakes_blocked_reader);
    VXT_RUN(test_pending_batched_fork);
    VXT_RUN(test_pending_two_threads_one_handle);
    return vxt_finish();
}
