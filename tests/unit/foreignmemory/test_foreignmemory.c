/*
 * test_foreignmemory.c - libxenforeignmemory against the mocked kernel.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#define __XEN_TOOLS__ 1
#include <xen/xen.h>
#include <xen/memory.h>
#include <xen/sys/privcmd.h>

#include "conformance/conformance.h"
#include "../../vxtest.h"
#include "xenforeignmemory.h"
#include "xentoolcore.h"
#include "xenmock.h"
#include "xmtest.h"


#define RW (PROT_READ | PROT_WRITE)

/* Write a recognisable tag at the start of every page of a domain. */
static void tag_pages(uint16_t dom, unsigned int n)
{
    unsigned int g;

    for (g = 0; g < n; g++) {
        unsigned char *p = xm_domain_page(dom, g);
        if (p != NULL)
            snprintf((char *)p, 32, "dom%u gfn%u", dom, g);
    }
}

static int page_has_tag(const void *page, uint16_t dom, unsigned int gfn)
{
    char want[32];

    snprintf(want, sizeof(want), "dom%u gfn%u", dom, gfn);
    return strcmp(page, want) == 0;
}

static void t_open_close(void)
{
    xenforeignmemory_handle *h;

    xm_reset();
    h = xenforeignmemory_open(NULL, 0);
    VXT_REQUIRE(h != NULL);
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);
    VXT_CHECK_EQ_INT(xenforeignmemory_close(NULL), 0);
    xm_set_devices(0);
    errno = 0;
    VXT_CHECK(xenforeignmemory_open(NULL, 0) == NULL);
    VXT_CHECK_EQ_INT(errno, ENOENT);
    CHECK_CLEAN();
}

static void t_map_shares_domain_memory(void)
{
    xenforeignmemory_handle *h;
    xen_pfn_t arr[2] = { 3, 5 };
    int err[2] = { 99, 99 };
    unsigned char *p;

    xm_reset();
    VXT_REQUIRE(xm_domain_create(1, 16) == 0);
    tag_pages(1, 16);
    h = xenforeignmemory_open(NULL, 0);
    VXT_REQUIRE(h != NULL);
    p = xenforeignmemory_map(h, 1, RW, 2, arr, err);
    VXT_REQUIRE(p != NULL);
    VXT_CHECK_EQ_INT(err[0], 0);
    VXT_CHECK_EQ_INT(err[1], 0);
    VXT_CHECK(page_has_tag(p, 1, 3));
    VXT_CHECK(page_has_tag(p + 4096, 1, 5));
    p[4096 + 100] = 0x7E;    /* and the domain sees our write */
    VXT_CHECK(((unsigned char *)xm_domain_page(1, 5))[100] == 0x7E);
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, 2), 0);
    /* err == NULL: all good, same result. */
    p = xenforeignmemory_map(h, 1, PROT_READ, 2, arr, NULL);
    VXT_REQUIRE(p != NULL);
    VXT_CHECK(page_has_tag(p, 1, 3));
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, 2), 0);
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);
    CHECK_CLEAN();
}

static void t_map_partial_failure(void)
{
    xenforeignmemory_handle *h;
    xen_pfn_t arr[3] = { 1, 100, 2 };
    int err[3];
    unsigned char *p;

    xm_reset();
    VXT_REQUIRE(xm_domain_create(1, 16) == 0);
    tag_pages(1, 16);
    h = xenforeignmemory_open(NULL, 0);
    VXT_REQUIRE(h != NULL);
    /* With err[]: partial success, negative errno for the bad frame. */
    p = xenforeignmemory_map(h, 1, RW, 3, arr, err);
    VXT_REQUIRE(p != NULL);
    VXT_CHECK_EQ_INT(err[0], 0);
    VXT_CHECK_EQ_INT(err[1], -EINVAL);
    VXT_CHECK_EQ_INT(err[2], 0);
    VXT_CHECK(page_has_tag(p + 2 * 4096, 1, 2));
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, 3), 0);
    /* Without: all or nothing, errno positive. */
    errno = 0;
    VXT_CHECK(xenforeignmemory_map(h, 1, RW, 3, arr, NULL) == NULL);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    /* A domain that does not exist. */
    errno = 0;
    VXT_CHECK(xenforeignmemory_map(h, 7, RW, 3, arr, NULL) == NULL);
    VXT_CHECK_EQ_INT(errno, ESRCH);
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);
    CHECK_CLEAN();
}

static void t_paged_out_retried(void)
{
    xenforeignmemory_handle *h;
    xen_pfn_t arr[4] = { 0, 1, 2, 3 };
    int err[4];
    unsigned char *p;

    xm_reset();
    VXT_REQUIRE(xm_domain_create(1, 8) == 0);
    tag_pages(1, 8);
    VXT_REQUIRE(xm_domain_page_out(1, 1, 3) == 0);
    VXT_REQUIRE(xm_domain_page_out(1, 2, 1) == 0);
    h = xenforeignmemory_open(NULL, 0);
    VXT_REQUIRE(h != NULL);
    xm_log_clear();
    p = xenforeignmemory_map(h, 1, RW, 4, arr, err);
    VXT_REQUIRE(p != NULL);
    VXT_CHECK(err[0] == 0 && err[1] == 0 && err[2] == 0 && err[3] == 0);
    VXT_CHECK(page_has_tag(p + 4096, 1, 1));
    VXT_CHECK(page_has_tag(p + 2 * 4096, 1, 2));
    /* First batch, then runs {1,2}, {1}, {1}. */
    VXT_CHECK_EQ_INT(xm_log_count_kind(XM_CALL_IOCTL), 4);
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, 4), 0);
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);
    CHECK_CLEAN();
}

static void t_paged_out_forever_is_bounded(void)
{
    xenforeignmemory_handle *h;
    xen_pfn_t arr[2] = { 0, 1 };
    int err[2];
    unsigned char *p;
    time_t t0 = time(NULL);

    xm_reset();
    if (vxc_upstream())
        VXT_SKIP("upstream retries a paged-out frame forever (docs/DIFFERENCES.md)");
    VXT_REQUIRE(xm_domain_create(1, 8) == 0);
    VXT_REQUIRE(xm_domain_page_out(1, 1, ~0u) == 0);
    h = xenforeignmemory_open(NULL, 0);
    VXT_REQUIRE(h != NULL);
    errno = 0;
    VXT_CHECK(xenforeignmemory_map(h, 1, RW, 2, arr, NULL) == NULL);
    VXT_CHECK_EQ_INT(errno, ENOENT);
    p = xenforeignmemory_map(h, 1, RW, 2, arr, err);
    VXT_REQUIRE(p != NULL);
    VXT_CHECK_EQ_INT(err[0], 0);
    VXT_CHECK_EQ_INT(err[1], -ENOENT);
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, 2), 0);
    VXT_CHECK(time(NULL) - t0 < 10);
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);
    CHECK_CLEAN();
}

/* With VERIXEN_FMEM_BATCH_PAGES=1024, verixen issues requests of at most
 * 1024 pages (one privcmd mapping each); upstream ignores the variable and
 * maps the whole range with one mmap and one ioctl. */
static void map_n_pages(xenforeignmemory_handle *h, size_t n, size_t batches)
{
    static xen_pfn_t arr[2100];
    static int err[2100];
    unsigned char *p;
    size_t i;

    for (i = 0; i < n; i++)
        arr[i] = (xen_pfn_t)(n - 1 - i);   /* reversed: order matters */
    xm_log_clear();
    p = xenforeignmemory_map(h, 1, RW, n, arr, err);
    VXT_REQUIRE(p != NULL);
    if (vxc_upstream())
        batches = 1;
    VXT_CHECK_EQ_INT(xm_log_count_kind(XM_CALL_IOCTL), batches);
    /* Device mappings only: verixen first reserves the range with one
     * anonymous mmap when it needs more than one batch. */
    VXT_CHECK_EQ_INT(xm_log_count_device(XM_CALL_MMAP), batches);
    for (i = 0; i < n; i++) {
        VXT_CHECK_EQ_INT(err[i], 0);
        if (!page_has_tag(p + i * 4096, 1, (unsigned int)(n - 1 - i))) {
            fprintf(stderr, "  page %zu of %zu wrong\n", i, n);
            vxt_failed_checks++;
            break;
        }
    }
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, n), 0);
}

static void t_batch_boundaries(void)
{
    xenforeignmemory_handle *h;

    xm_reset();
    VXT_REQUIRE(xm_domain_create(1, 2100) == 0);
    tag_pages(1, 2100);
    /* By default a map of any practical size is one request. */
    h = xenforeignmemory_open(NULL, 0);
    VXT_REQUIRE(h != NULL);
    map_n_pages(h, 2049, 1);
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);
    /* The split path, with a lowered batch size. */
    VXT_REQUIRE(setenv("VERIXEN_FMEM_BATCH_PAGES", "1024", 1) == 0);
    h = xenforeignmemory_open(NULL, 0);
    unsetenv("VERIXEN_FMEM_BATCH_PAGES");
    VXT_REQUIRE(h != NULL);
    map_n_pages(h, 1023, 1);
    map_n_pages(h, 1024, 1);
    map_n_pages(h, 1025, 2);
    map_n_pages(h, 2048, 2);
    map_n_pages(h, 2049, 3);
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);
    CHECK_CLEAN();
}

static void t_batch_failure_unwinds(void)
{
    static xen_pfn_t arr[2049];
    xenforeignmemory_handle *h;
    size_t i;
    int k;

    xm_reset();
    VXT_REQUIRE(xm_domain_create(1, 2100) == 0);
    for (i = 0; i < 2049; i++)
        arr[i] = i;
    for (k = 0; k < 4; k++) {
        unsigned int nth = k < 2 ? (unsigned)k + 2 : (unsigned)k;

        /* Batches of 1024 pages: three requests for 2049 pages. */
        VXT_REQUIRE(setenv("VERIXEN_FMEM_BATCH_PAGES", "1024", 1) == 0);
        h = xenforeignmemory_open(NULL, 0);
        unsetenv("VERIXEN_FMEM_BATCH_PAGES");
        VXT_REQUIRE(h != NULL);
        /* Counted from now: the 2nd/3rd batch's mmap, then the 2nd/3rd
         * batch's ioctl (the reservation is anonymous memory).  Upstream
         * makes one mmap and one ioctl: fail those. */
        if (vxc_upstream())
            nth = 1;
        VXT_REQUIRE(xm_fault_fail_nth(k < 2 ? XM_CALL_MMAP : XM_CALL_IOCTL, 0,
                                      nth, EIO) == 0);
        errno = 0;
        VXT_CHECK(xenforeignmemory_map(h, 1, RW, 2049, arr, NULL) == NULL);
        VXT_CHECK_EQ_INT(errno, EIO);
        VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);
        CHECK_CLEAN();
        xm_fault_clear();
    }
}

static void t_paged_retry_failure(void)
{
    xenforeignmemory_handle *h;
    xen_pfn_t arr[2] = { 0, 1 };
    int err[2];

    xm_reset();
    VXT_REQUIRE(xm_domain_create(1, 8) == 0);
    VXT_REQUIRE(xm_domain_page_out(1, 1, 2) == 0);
    h = xenforeignmemory_open(NULL, 0);
    VXT_REQUIRE(h != NULL);
    /* Counted from now: first batch = 1, first retry = 2. */
    VXT_REQUIRE(xm_fault_fail_nth(XM_CALL_IOCTL, 0, 2, EIO) == 0);
    errno = 0;
    VXT_CHECK(xenforeignmemory_map(h, 1, RW, 2, arr, err) == NULL);
    VXT_CHECK_EQ_INT(errno, EIO);
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);
    CHECK_CLEAN();
}

static void t_map2_fixed_and_hint(void)
{
    xenforeignmemory_handle *h;
    xen_pfn_t arr[2] = { 4, 6 };
    unsigned char *where, *p;

    xm_reset();
    VXT_REQUIRE(xm_domain_create(1, 8) == 0);
    tag_pages(1, 8);
    h = xenforeignmemory_open(NULL, 0);
    VXT_REQUIRE(h != NULL);
    where = mmap(NULL, 2 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    VXT_REQUIRE(where != MAP_FAILED);
    p = xenforeignmemory_map2(h, 1, where, RW, MAP_FIXED, 2, arr, NULL);
    VXT_CHECK(p == where);
    VXT_REQUIRE(p != NULL);
    VXT_CHECK(page_has_tag(p + 4096, 1, 6));
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, 2), 0);
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);
    CHECK_CLEAN();
}

static void t_unmap_registry(void)
{
    xenforeignmemory_handle *h, *other;
    xen_pfn_t arr[4] = { 0, 1, 2, 3 };
    unsigned char *p;
    char local[8192];

    xm_reset();
    if (vxc_upstream())
        VXT_SKIP("upstream munmaps whatever range it is given (docs/DIFFERENCES.md)");
    VXT_REQUIRE(xm_domain_create(1, 8) == 0);
    h = xenforeignmemory_open(NULL, 0);
    other = xenforeignmemory_open(NULL, 0);
    VXT_REQUIRE(h != NULL && other != NULL);
    p = xenforeignmemory_map(h, 1, RW, 4, arr, NULL);
    VXT_REQUIRE(p != NULL);
    errno = 0;
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, local, 1), -1);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap(other, p, 4), -1);   /* not its */
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, 5), -1);       /* too long */
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, 0), -1);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, SIZE_MAX), -1);
    VXT_CHECK_EQ_INT(errno, ENOMEM);
    /* Only whole mappings: a part is refused and nothing changes. */
    errno = 0;
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p + 4096, 1), -1);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, 3), -1);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, 4), 0);
    errno = 0;
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, 4), -1);       /* twice */
    VXT_CHECK_EQ_INT(errno, EINVAL);
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);
    VXT_CHECK_EQ_INT(xenforeignmemory_close(other), 0);
    CHECK_CLEAN();
}

static void t_argument_errors(void)
{
    xenforeignmemory_handle *h;
    xen_pfn_t arr[1] = { 0 };
    void *p;

    xm_reset();
    h = xenforeignmemory_open(NULL, 0);
    VXT_REQUIRE(h != NULL);
    errno = 0;
    VXT_CHECK(xenforeignmemory_map(h, 0, RW, 0, arr, NULL) == NULL);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK(xenforeignmemory_map(h, 0, RW, SIZE_MAX / 4096 + 1, arr, NULL) == NULL);
    VXT_CHECK_EQ_INT(errno, ENOMEM);
    /* A domain id beyond domid_t: upstream truncates it and maps
     * domain (dom & 0xFFFF), here domain 0 (docs/DIFFERENCES.md). */
    errno = 0;
    p = xenforeignmemory_map(h, 0x10000, RW, 1, arr, NULL);
    if (vxc_upstream()) {
        VXT_CHECK(p != NULL);
        if (p != NULL)
            VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, 1), 0);
    } else {
        VXT_CHECK(p == NULL);
        VXT_CHECK_EQ_INT(errno, EINVAL);
    }
    /* No frame array: upstream lets the kernel fault on it. */
    errno = 0;
    VXT_CHECK(xenforeignmemory_map(h, 0, RW, 1, NULL, NULL) == NULL);
    VXT_CHECK_EQ_INT(errno, vxc_upstream() ? EFAULT : EINVAL);
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);
    CHECK_CLEAN();
}

/* Upstream crashes on a NULL handle (docs/DIFFERENCES.md). */
static void t_null_handle(void)
{
    xen_pfn_t arr[1] = { 0 };
    size_t size;
    void *addr = NULL;

    xm_reset();
    if (vxc_upstream())
        VXT_SKIP("upstream dereferences a NULL handle (docs/DIFFERENCES.md)");
    errno = 0;
    VXT_CHECK(xenforeignmemory_map(NULL, 0, RW, 1, arr, NULL) == NULL);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK(xenforeignmemory_map2(NULL, 0, NULL, RW, 0, 1, arr, NULL) == NULL);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap(NULL, arr, 1), -1);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK_EQ_INT(xenforeignmemory_restrict(NULL, 1), -1);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK(xenforeignmemory_map_resource(NULL, 0, XENMEM_resource_grant_table,
                                            0, 0, 1, &addr, RW, 0) == NULL);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK_EQ_INT(xenforeignmemory_resource_size(NULL, 0, XENMEM_resource_grant_table,
                                                    0, &size), -1);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    VXT_CHECK_EQ_INT(xm_log_count(), 0);
    CHECK_CLEAN();
}

static void t_restrict(void)
{
    xenforeignmemory_handle *h;
    xen_pfn_t arr[1] = { 0 };
    void *p;

    xm_reset();
    VXT_REQUIRE(xm_domain_create(1, 4) == 0);
    VXT_REQUIRE(xm_domain_create(2, 4) == 0);
    h = xenforeignmemory_open(NULL, 0);
    VXT_REQUIRE(h != NULL);
    VXT_CHECK_EQ_INT(xenforeignmemory_restrict(h, 1), 0);
    VXT_CHECK_EQ_INT(xenforeignmemory_restrict(h, 1), 0);
    errno = 0;
    VXT_CHECK_EQ_INT(xenforeignmemory_restrict(h, 2), -1);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK(xenforeignmemory_map(h, 2, RW, 1, arr, NULL) == NULL);
    VXT_CHECK_EQ_INT(errno, EPERM);
    p = xenforeignmemory_map(h, 1, RW, 1, arr, NULL);
    VXT_CHECK(p != NULL);
    if (p != NULL)
        VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, 1), 0);
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);
    CHECK_CLEAN();

    /* Through xentoolcore_restrict_all as qemu does. */
    xm_reset();
    VXT_REQUIRE(xm_domain_create(2, 4) == 0);
    h = xenforeignmemory_open(NULL, 0);
    VXT_REQUIRE(h != NULL);
    VXT_CHECK_EQ_INT(xentoolcore_restrict_all(1), 0);
    errno = 0;
    VXT_CHECK(xenforeignmemory_map(h, 2, RW, 1, arr, NULL) == NULL);
    VXT_CHECK_EQ_INT(errno, EPERM);
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);
    CHECK_CLEAN();
}

/*
 * What a resource request on a kernel without MMAP_RESOURCE reports.
 * Both libraries turn the errno that their open-time probe of an
 * unimplemented request got into EOPNOTSUPP, as long as that probe got
 * ENOTTY (Linux >= 4.18; upstream probes with a NULL argument, which the
 * model, like Linux, does not read for an unknown request); otherwise
 * upstream passes ENOTTY through.  The last probe in the call log says
 * which case holds.
 */
static int unsupported_errno(void)
{
    size_t i = xm_log_count();
    int probe = 0;

    while (i-- > 0) {
        const struct xm_call_record *r = xm_log_get(i);
        if (r != NULL && r->call == XM_CALL_IOCTL &&
            r->request == IOCTL_PRIVCMD_UNIMPLEMENTED) {
            probe = r->err;
            break;
        }
    }
    if (!vxc_upstream())
        return EOPNOTSUPP;
    return probe == ENOTTY ? EOPNOTSUPP : ENOTTY;
}

static void t_resource_size(void)
{
    xenforeignmemory_handle *h;
    size_t size = 0;

    xm_reset();
    VXT_REQUIRE(xm_domain_create(1, 4) == 0);
    h = xenforeignmemory_open(NULL, 0);
    VXT_REQUIRE(h != NULL);
    VXT_CHECK_EQ_INT(xenforeignmemory_resource_size(h, 1, XENMEM_resource_grant_table,
                     XENMEM_resource_grant_table_id_shared, &size), 0);
    VXT_CHECK_EQ_INT(size, 8 * 4096);
    VXT_CHECK_EQ_INT(xenforeignmemory_resource_size(h, 1, XENMEM_resource_ioreq_server,
                     0, &size), 0);
    VXT_CHECK_EQ_INT(size, 2 * 4096);
    errno = 0;
    VXT_CHECK_EQ_INT(xenforeignmemory_resource_size(h, 1, XENMEM_resource_ioreq_server,
                     5, &size), -1);
    VXT_CHECK_EQ_INT(errno, ENOENT);
    errno = 0;
    VXT_CHECK_EQ_INT(xenforeignmemory_resource_size(h, 9, XENMEM_resource_grant_table,
                     0, &size), -1);
    VXT_CHECK_EQ_INT(errno, ESRCH);
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);

    /* A kernel without MMAP_RESOURCE: EOPNOTSUPP, the fall-back signal. */
    xm_set_feature(XM_FEAT_MMAP_RESOURCE, 0);
    h = xenforeignmemory_open(NULL, 0);
    VXT_REQUIRE(h != NULL);
    errno = 0;
    VXT_CHECK_EQ_INT(xenforeignmemory_resource_size(h, 1, XENMEM_resource_grant_table,
                     0, &size), -1);
    VXT_CHECK_EQ_INT(errno, unsupported_errno());
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);
    CHECK_CLEAN();
}

static void t_map_resource(void)
{
    xenforeignmemory_handle *h;
    xenforeignmemory_resource_handle *r, *q;
    void *addr = NULL;

    xm_reset();
    VXT_REQUIRE(xm_domain_create(1, 4) == 0);
    h = xenforeignmemory_open(NULL, 0);
    VXT_REQUIRE(h != NULL);
    r = xenforeignmemory_map_resource(h, 1, XENMEM_resource_grant_table,
                                      XENMEM_resource_grant_table_id_shared,
                                      1, 2, &addr, RW, 0);
    VXT_REQUIRE(r != NULL);
    VXT_REQUIRE(addr != NULL);
    ((unsigned char *)addr)[2 * 4096 - 1] = 1;   /* both frames writable */
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap_resource(h, r), 0);
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap_resource(h, NULL), 0);
    /* Size query through map_resource: a record that maps nothing. */
    addr = NULL;
    q = xenforeignmemory_map_resource(h, 1, XENMEM_resource_ioreq_server, 0,
                                      0, 0, &addr, RW, 0);
    VXT_REQUIRE(q != NULL);
    VXT_CHECK(addr == NULL);
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap_resource(h, q), 0);
    /* Out of range, bad flags, too many frames. */
    addr = NULL;
    errno = 0;
    VXT_CHECK(xenforeignmemory_map_resource(h, 1, XENMEM_resource_grant_table, 0,
                                            7, 2, &addr, RW, 0) == NULL);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK(xenforeignmemory_map_resource(h, 1, XENMEM_resource_grant_table, 0,
                                            0, 1, &addr, RW, MAP_FIXED) == NULL);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    errno = 0;
    VXT_CHECK(xenforeignmemory_map_resource(h, 1, XENMEM_resource_grant_table, 0,
                                            0, ~0UL, &addr, RW, 0) == NULL);
    VXT_CHECK_EQ_INT(errno, ENOMEM);
    if (!vxc_upstream()) {    /* upstream stores through paddr blindly */
        errno = 0;
        VXT_CHECK(xenforeignmemory_map_resource(h, 1, XENMEM_resource_grant_table,
                                                0, 0, 1, NULL, RW, 0) == NULL);
        VXT_CHECK_EQ_INT(errno, EINVAL);
    }
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);

    /* Unsupported kernel; and every failing kernel call unwinds. */
    xm_set_feature(XM_FEAT_MMAP_RESOURCE, 0);
    h = xenforeignmemory_open(NULL, 0);
    VXT_REQUIRE(h != NULL);
    errno = 0;
    VXT_CHECK(xenforeignmemory_map_resource(h, 1, XENMEM_resource_grant_table, 0,
                                            0, 1, &addr, RW, 0) == NULL);
    VXT_CHECK_EQ_INT(errno, unsupported_errno());
    xm_set_feature(XM_FEAT_MMAP_RESOURCE, 1);
    VXT_REQUIRE(xm_fault_fail_nth(XM_CALL_MMAP, 0, 1, EIO) == 0);
    errno = 0;
    VXT_CHECK(xenforeignmemory_map_resource(h, 1, XENMEM_resource_grant_table, 0,
                                            0, 1, &addr, RW, 0) == NULL);
    VXT_CHECK_EQ_INT(errno, EIO);
    VXT_REQUIRE(xm_fault_fail_nth(XM_CALL_IOCTL, 0, 1, EIO) == 0);
    errno = 0;
    VXT_CHECK(xenforeignmemory_map_resource(h, 1, XENMEM_resource_grant_table, 0,
                                            0, 1, &addr, RW, 0) == NULL);
    VXT_CHECK_EQ_INT(errno, EIO);
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);
    CHECK_CLEAN();
}

/* Logged ioctls with request `req`, failed or not. */
static size_t count_ioctl(unsigned long req)
{
    size_t i, n = 0;

    for (i = 0; i < xm_log_count(); i++) {
        const struct xm_call_record *r = xm_log_get(i);
        if (r != NULL && r->call == XM_CALL_IOCTL && r->request == req)
            n++;
    }
    return n;
}

/*
 * A kernel before MMAPBATCH_V2 (the model with XM_FEAT_MMAPBATCH_V2 off:
 * unknown requests answer EINVAL, as privcmd did then).  Both libraries
 * fall back to the legacy MMAPBATCH, whose per-page errors come back as
 * bits or'd into the frame array; neither lets the kernel scribble on the
 * caller's array.  verixen remembers the answer; upstream asks V2 again
 * on every map.
 */
static void t_mmapbatch_v1_fallback(void)
{
    xenforeignmemory_handle *h;
    xen_pfn_t arr[3] = { 1, 100, 2 };
    xen_pfn_t other[1] = { 0 };
    int err[3] = { 99, 99, 99 };
    unsigned char *p;

    xm_reset();
    VXT_REQUIRE(xm_domain_create(1, 16) == 0);
    VXT_REQUIRE(xm_domain_create(2, 4) == 0);
    tag_pages(1, 16);
    xm_set_feature(XM_FEAT_MMAPBATCH_V2, 0);
    h = xenforeignmemory_open(NULL, 0);
    VXT_REQUIRE(h != NULL);
    xm_log_clear();
    p = xenforeignmemory_map(h, 1, RW, 3, arr, err);
    VXT_REQUIRE(p != NULL);
    VXT_CHECK_EQ_INT(err[0], 0);
    VXT_CHECK_EQ_INT(err[1], -EINVAL);      /* all v1 can say */
    VXT_CHECK_EQ_INT(err[2], 0);
    VXT_CHECK(arr[0] == 1 && arr[1] == 100 && arr[2] == 2);
    VXT_CHECK(page_has_tag(p, 1, 1));
    VXT_CHECK(page_has_tag(p + 2 * 4096, 1, 2));
    p[100] = 0x5A;      /* shared with the domain */
    VXT_CHECK(((unsigned char *)xm_domain_page(1, 1))[100] == 0x5A);
    VXT_CHECK_EQ_INT(count_ioctl(IOCTL_PRIVCMD_MMAPBATCH_V2), 1);
    VXT_CHECK_EQ_INT(count_ioctl(IOCTL_PRIVCMD_MMAPBATCH), 1);
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, 3), 0);

    /* err == NULL: all or nothing, errno positive. */
    xm_log_clear();
    errno = 0;
    VXT_CHECK(xenforeignmemory_map(h, 1, RW, 3, arr, NULL) == NULL);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    VXT_CHECK_EQ_INT(count_ioctl(IOCTL_PRIVCMD_MMAPBATCH_V2), vxc_upstream() ? 1 : 0);
    VXT_CHECK_EQ_INT(count_ioctl(IOCTL_PRIVCMD_MMAPBATCH), 1);
    p = xenforeignmemory_map(h, 1, PROT_READ, 1, arr + 2, NULL);
    VXT_REQUIRE(p != NULL);
    VXT_CHECK(page_has_tag(p, 1, 2));
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, 1), 0);

    /* A domain that does not exist: v1 cannot say ESRCH. */
    errno = 0;
    VXT_CHECK(xenforeignmemory_map(h, 7, RW, 1, arr, NULL) == NULL);
    VXT_CHECK_EQ_INT(errno, EINVAL);

    /* A failing legacy request unwinds. */
    VXT_REQUIRE(xm_fault_fail_nth(XM_CALL_IOCTL, IOCTL_PRIVCMD_MMAPBATCH, 1,
                                  EIO) == 0);
    errno = 0;
    VXT_CHECK(xenforeignmemory_map(h, 1, RW, 1, arr, NULL) == NULL);
    VXT_CHECK_EQ_INT(errno, EIO);

    /* Restriction holds on the legacy request too. */
    VXT_CHECK_EQ_INT(xenforeignmemory_restrict(h, 1), 0);
    errno = 0;
    VXT_CHECK(xenforeignmemory_map(h, 2, RW, 1, other, NULL) == NULL);
    VXT_CHECK_EQ_INT(errno, EPERM);
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);
    CHECK_CLEAN();
}

/* Paged-out frames through the legacy request: retried until they come
 * back.  verixen retries runs of them, as with V2; upstream one page at a
 * time. */
static void t_mmapbatch_v1_paged(void)
{
    xenforeignmemory_handle *h;
    xen_pfn_t arr[4] = { 0, 1, 2, 3 };
    int err[4] = { 99, 99, 99, 99 };
    unsigned char *p;

    xm_reset();
    VXT_REQUIRE(xm_domain_create(1, 8) == 0);
    tag_pages(1, 8);
    VXT_REQUIRE(xm_domain_page_out(1, 1, 3) == 0);
    VXT_REQUIRE(xm_domain_page_out(1, 2, 1) == 0);
    xm_set_feature(XM_FEAT_MMAPBATCH_V2, 0);
    h = xenforeignmemory_open(NULL, 0);
    VXT_REQUIRE(h != NULL);
    xm_log_clear();
    p = xenforeignmemory_map(h, 1, RW, 4, arr, err);
    VXT_REQUIRE(p != NULL);
    VXT_CHECK_EQ_INT(err[0], 0);
    VXT_CHECK_EQ_INT(err[3], 0);
    /* Upstream never writes the result of a page retried on its own: the
     * caller's value stays (docs/DIFFERENCES.md). */
    VXT_CHECK_EQ_INT(err[1], vxc_upstream() ? 99 : 0);
    VXT_CHECK_EQ_INT(err[2], vxc_upstream() ? 99 : 0);
    VXT_CHECK(arr[1] == 1 && arr[2] == 2);
    VXT_CHECK(page_has_tag(p + 4096, 1, 1));
    VXT_CHECK(page_has_tag(p + 2 * 4096, 1, 2));
    VXT_CHECK(page_has_tag(p + 3 * 4096, 1, 3));
    /* verixen: the batch, then runs {1,2}, {1}, {1}; upstream: the
     * batch, then page 1 three times and page 2 once. */
    VXT_CHECK_EQ_INT(count_ioctl(IOCTL_PRIVCMD_MMAPBATCH), vxc_upstream() ? 5 : 4);
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, 4), 0);

    /* A frame that never comes back (upstream would spin forever). */
    if (!vxc_upstream()) {
        VXT_REQUIRE(xm_domain_page_out(1, 5, ~0u) == 0);
        arr[1] = 5;
        p = xenforeignmemory_map(h, 1, RW, 2, arr, err);
        VXT_REQUIRE(p != NULL);
        VXT_CHECK_EQ_INT(err[0], 0);
        VXT_CHECK_EQ_INT(err[1], -ENOENT);
        VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, 2), 0);
        errno = 0;
        VXT_CHECK(xenforeignmemory_map(h, 1, RW, 2, arr, NULL) == NULL);
        VXT_CHECK_EQ_INT(errno, ENOENT);
    }
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);
    CHECK_CLEAN();
}

/* The legacy path's whole life, every kernel call of it failed in turn. */
static int scenario_v1(void)
{
    xen_pfn_t arr[2] = { 1, 2 };
    xenforeignmemory_handle *h = xenforeignmemory_open(NULL, 0);
    int err[2] = { 0, 0 };
    void *p;
    int rc = 0;

    if (h == NULL)
        return -1;
    p = xenforeignmemory_map(h, 1, RW, 2, arr, err);
    if (p == NULL || err[0] != 0 || err[1] != 0)
        rc = -1;
    if (p != NULL && xenforeignmemory_unmap(h, p, 2) < 0)
        rc = -1;
    if (xenforeignmemory_close(h) < 0)
        rc = -1;
    return rc;
}

static void t_mmapbatch_v1_fault_every_call(void)
{
    static const enum xm_call kinds[] = {
        XM_CALL_OPEN, XM_CALL_IOCTL, XM_CALL_MMAP, XM_CALL_CLOSE,
    };
    unsigned int k, nth, calls;

    for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
        xm_reset();
        xm_set_feature(XM_FEAT_MMAPBATCH_V2, 0);
        VXT_REQUIRE(xm_domain_create(1, 4) == 0);
        VXT_REQUIRE(scenario_v1() == 0);
        calls = (unsigned int)xm_log_count_kind(kinds[k]);
        VXT_CHECK(calls >= 1);
        if (kinds[k] == XM_CALL_IOCTL)    /* probe, V2, v1 */
            VXT_CHECK_EQ_INT(calls, 3);
        CHECK_CLEAN();
        for (nth = 1; nth <= calls; nth++) {
            int rc;

            xm_reset();
            xm_set_feature(XM_FEAT_MMAPBATCH_V2, 0);
            VXT_REQUIRE(xm_domain_create(1, 4) == 0);
            VXT_REQUIRE(xm_fault_fail_nth(kinds[k], 0, nth, EIO) == 0);
            errno = 0;
            rc = scenario_v1();
            if (kinds[k] == XM_CALL_IOCTL && nth == 1) {
                /* The probe: any failure is the expected answer; not
                 * having seen ENOTTY, both still read V2's EINVAL as
                 * "unknown request". */
                VXT_CHECK_EQ_INT(rc, 0);
            } else {
                if (rc != -1 || errno != EIO)
                    fprintf(stderr, "  fault %u of kind %d: rc %d errno %d\n",
                            nth, (int)kinds[k], rc, errno);
                VXT_CHECK_EQ_INT(rc, -1);
                VXT_CHECK_EQ_INT(errno, EIO);
            }
            CHECK_CLEAN();
        }
    }
}

/*
 * When V2 fails on a kernel that has it.  verixen falls back only when the
 * answer means "unknown request" (ENOTTY, or what the open-time probe
 * got): on a kernel answering ENOTTY to unknown requests an EINVAL is a
 * real error of the request, which v1 would hit alike.  Upstream falls
 * back on any EINVAL and never on ENOTTY.  (Only fault injection can make
 * a real kernel's V2 answer either way for a valid request.)
 */
static void t_mmapbatch_v2_failure_fallback_rule(void)
{
    xenforeignmemory_handle *h;
    xen_pfn_t arr[2] = { 1, 2 };
    unsigned char *p;

    xm_reset();
    VXT_REQUIRE(xm_domain_create(1, 4) == 0);
    tag_pages(1, 4);
    h = xenforeignmemory_open(NULL, 0);
    VXT_REQUIRE(h != NULL);
    xm_log_clear();
    VXT_REQUIRE(xm_fault_fail_nth(XM_CALL_IOCTL, IOCTL_PRIVCMD_MMAPBATCH_V2, 1,
                                  EINVAL) == 0);
    errno = 0;
    p = xenforeignmemory_map(h, 1, RW, 2, arr, NULL);
    if (vxc_upstream()) {
        VXT_CHECK(p != NULL);
        VXT_CHECK_EQ_INT(count_ioctl(IOCTL_PRIVCMD_MMAPBATCH), 1);
        if (p != NULL)
            VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, 2), 0);
    } else {
        VXT_CHECK(p == NULL);
        VXT_CHECK_EQ_INT(errno, EINVAL);
        VXT_CHECK_EQ_INT(count_ioctl(IOCTL_PRIVCMD_MMAPBATCH), 0);
    }

    xm_log_clear();
    VXT_REQUIRE(xm_fault_fail_nth(XM_CALL_IOCTL, IOCTL_PRIVCMD_MMAPBATCH_V2, 1,
                                  ENOTTY) == 0);
    errno = 0;
    p = xenforeignmemory_map(h, 1, RW, 2, arr, NULL);
    if (vxc_upstream()) {
        VXT_CHECK(p == NULL);
        VXT_CHECK_EQ_INT(errno, ENOTTY);
    } else {
        VXT_REQUIRE(p != NULL);
        VXT_CHECK(page_has_tag(p + 4096, 1, 2));
        VXT_CHECK_EQ_INT(count_ioctl(IOCTL_PRIVCMD_MMAPBATCH), 1);
        VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, 2), 0);
    }
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);
    CHECK_CLEAN();
}

/* Whole life: open, map, map a resource, unmap both, close. */
static int scenario(void)
{
    xen_pfn_t arr[2] = { 1, 2 };
    xenforeignmemory_handle *h = xenforeignmemory_open(NULL, 0);
    xenforeignmemory_resource_handle *r;
    void *p, *addr = NULL;
    int rc = 0;

    if (h == NULL)
        return -1;
    p = xenforeignmemory_map(h, 1, RW, 2, arr, NULL);
    if (p == NULL || xenforeignmemory_unmap(h, p, 2) < 0)
        rc = -1;
    r = xenforeignmemory_map_resource(h, 1, XENMEM_resource_grant_table, 0, 0, 1,
                                      &addr, RW, 0);
    if (r == NULL || xenforeignmemory_unmap_resource(h, r) < 0)
        rc = -1;
    if (xenforeignmemory_close(h) < 0)
        rc = -1;
    return rc;
}

static void t_fault_every_call(void)
{
    static const enum xm_call kinds[] = {
        XM_CALL_OPEN, XM_CALL_IOCTL, XM_CALL_MMAP, XM_CALL_CLOSE,
    };
    unsigned int k, nth, calls;

    for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
        xm_reset();
        VXT_REQUIRE(xm_domain_create(1, 4) == 0);
        VXT_REQUIRE(scenario() == 0);
        calls = (unsigned int)xm_log_count_kind(kinds[k]);
        VXT_CHECK(calls >= 1);
        CHECK_CLEAN();
        for (nth = 1; nth <= calls; nth++) {
            int rc;

            xm_reset();
            VXT_REQUIRE(xm_domain_create(1, 4) == 0);
            VXT_REQUIRE(xm_fault_fail_nth(kinds[k], 0, nth, EIO) == 0);
            errno = 0;
            rc = scenario();
            if (kinds[k] == XM_CALL_IOCTL && nth == 1) {
                /* The open's probe of an unknown request: any failure is
                 * the expected answer. */
                VXT_CHECK_EQ_INT(rc, 0);
            } else {
                if (rc != -1 || errno != EIO)
                    fprintf(stderr, "  fault %u of kind %d: rc %d errno %d\n",
                            nth, (int)kinds[k], rc, errno);
                VXT_CHECK_EQ_INT(rc, -1);
                VXT_CHECK_EQ_INT(errno, EIO);
            }
            CHECK_CLEAN();
        }
    }
}

struct thread_arg {
    xenforeignmemory_handle *h;
    int failures;
    unsigned int seed;
};

static void *thread_body(void *opaque)
{
    struct thread_arg *ta = opaque;
    int i;

    for (i = 0; i < 200; i++) {
        xen_pfn_t arr[3];
        unsigned char *p;
        unsigned int j;

        for (j = 0; j < 3; j++)
            arr[j] = (ta->seed + (unsigned)i + j) % 16;
        p = xenforeignmemory_map(ta->h, 1, PROT_READ, 3, arr, NULL);
        if (p == NULL) {
            ta->failures++;
            continue;
        }
        for (j = 0; j < 3; j++)
            if (!page_has_tag(p + j * 4096, 1, (unsigned int)arr[j]))
                ta->failures++;
        if (xenforeignmemory_unmap(ta->h, p, 3) < 0)
            ta->failures++;
    }
    return NULL;
}

static void t_threads(void)
{
    struct thread_arg ta[4];
    pthread_t tid[4];
    xenforeignmemory_handle *h;
    int i;

    xm_reset();
    VXT_REQUIRE(xm_domain_create(1, 16) == 0);
    tag_pages(1, 16);
    h = xenforeignmemory_open(NULL, 0);
    VXT_REQUIRE(h != NULL);
    for (i = 0; i < 4; i++) {
        ta[i].h = h;
        ta[i].failures = 0;
        ta[i].seed = (unsigned int)i * 5;
        VXT_REQUIRE(pthread_create(&tid[i], NULL, thread_body, &ta[i]) == 0);
    }
    for (i = 0; i < 4; i++) {
        pthread_join(tid[i], NULL);
        VXT_CHECK_EQ_INT(ta[i].failures, 0);
    }
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);
    CHECK_CLEAN();
}

/* A child may only close an inherited handle; the parent's mappings and
 * handle are unaffected. */
static void t_fork_child_close(void)
{
    xenforeignmemory_handle *h;
    xen_pfn_t arr[1] = { 2 };
    unsigned char *p;
    pid_t pid;
    int status;

    xm_reset();
    VXT_REQUIRE(xm_domain_create(1, 4) == 0);
    tag_pages(1, 4);
    h = xenforeignmemory_open(NULL, 0);
    VXT_REQUIRE(h != NULL);
    p = xenforeignmemory_map(h, 1, RW, 1, arr, NULL);
    VXT_REQUIRE(p != NULL);
    pid = fork();
    VXT_REQUIRE(pid >= 0);
    if (pid == 0)
        _exit(xenforeignmemory_close(h) == 0 ? 0 : 1);
    VXT_REQUIRE(waitpid(pid, &status, 0) == pid);
    VXT_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    VXT_CHECK(page_has_tag(p, 1, 2));
    VXT_CHECK_EQ_INT(xenforeignmemory_unmap(h, p, 1), 0);
    VXT_CHECK_EQ_INT(xenforeignmemory_close(h), 0);
    CHECK_CLEAN();
}

#ifdef VX_CONFORMANCE
static void test_conformance_runs_intended_library(void)
{
    VXT_CHECK(vxc_check_impl((void *)xenforeignmemory_open));
    VXT_CHECK(vxc_check_impl((void *)xenforeignmemory_map2));
    VXT_CHECK(vxc_check_impl((void *)xentoolcore_restrict_all));
}
#endif

int main(void)
{
    vxt_program = "test_foreignmemory";
#ifdef VX_CONFORMANCE
    VXT_RUN(test_conformance_runs_intended_library);
#endif
    VXT_RUN(t_open_close);
    VXT_RUN(t_map_shares_domain_memory);
    VXT_RUN(t_map_partial_failure);
    VXT_RUN(t_paged_out_retried);
    VXT_RUN(t_paged_out_forever_is_bounded);
    VXT_RUN(t_batch_boundaries);
    VXT_RUN(t_batch_failure_unwinds);
    VXT_RUN(t_paged_retry_failure);
    VXT_RUN(t_map2_fixed_and_hint);
    VXT_RUN(t_unmap_registry);
    VXT_RUN(t_argument_errors);
    VXT_RUN(t_null_handle);
    VXT_RUN(t_restrict);
    VXT_RUN(t_resource_size);
    VXT_RUN(t_map_resource);
    VXT_RUN(t_mmapbatch_v1_fallback);
    VXT_RUN(t_mmapbatch_v1_paged);
    VXT_RUN(t_mmapbatch_v1_fault_every_call);
    VXT_RUN(t_mmapbatch_v2_failure_fallback_rule);
    VXT_RUN(t_fault_every_call);
    VXT_RUN(t_threads);
    VXT_RUN(t_fork_child_close);
    return vxt_finish();
}
