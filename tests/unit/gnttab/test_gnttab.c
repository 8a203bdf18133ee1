/*
 * test_gnttab.c - libxengnttab (gnttab and gntshr) against the mocked
 * kernel: every entry point's success path, two-domain scenarios over real
 * shared memory, unmap notifications, grant copy both ways, and every
 * error path with a fault injected at each kernel call, each scenario
 * ending with clean model invariants.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xen/grant_table.h>
#include <xen/gntdev.h>
#include <xen/gntalloc.h>

#include "xenevtchn.h"
#include "xengnttab.h"
#include "xentoolcore.h"
#include "xentoollog.h"
#include "xenmock.h"
#include "xmtest.h"
#include "conformance/conformance.h"
#include "../../vxtest.h"

#define PAGE 4096u

static FILE *log_file;

/* Errors are logged; keep them in a file the tests can read rather than
 * on stderr. */
static xentoollog_logger *test_logger(void)
{
    if (log_file == NULL)
        log_file = tmpfile();
    return (xentoollog_logger *)xtl_createlogger_stdiostream(log_file,
                                                            XTL_DEBUG, 0);
}

static int log_contains(const char *needle)
{
    char buf[8192];
    size_t n;

    if (log_file == NULL)
        return 0;
    fflush(log_file);
    rewind(log_file);
    n = fread(buf, 1, sizeof(buf) - 1, log_file);
    buf[n] = '\0';
    return strstr(buf, needle) != NULL;
}

static xentoollog_logger *lg;

static void setup(void)
{
    xm_reset();
    lg = test_logger();
    VXT_CHECK(xm_domain_create(1, 32) == 0);
}


/* While handles are open: nothing but the open descriptors themselves may
 * be reported (no leaked slot, gref, mapping or grant map). */
static int only_open_fds(void)
{
    char buf[4096], *line, *save = NULL;
    int ok = 1;

    if (xm_check_invariants(buf, sizeof(buf)) == 0)
        return 1;
    for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (strstr(line, "still open") == NULL) {
            fprintf(stderr, "  unexpected: %s\n", line);
            ok = 0;
        }
    }
    return ok;
}

/* Dom1 grants its page `gfn` to dom0. */
static uint32_t grant_from_dom1(uint64_t gfn, int readonly)
{
    uint32_t ref = 0;

    VXT_CHECK(xm_grant_create(1, 0, gfn, readonly, &ref) == 0);
    return ref;
}

static size_t count_calls(enum xm_call c, unsigned long req)
{
    size_t i, n = 0;

    for (i = 0; i < xm_log_count(); i++) {
        const struct xm_call_record *r = xm_log_get(i);
        if (r->call == c && (req == 0 || r->request == req))
            n++;
    }
    return n;
}

/* ---- life cycle ---------------------------------------------------------- */

static void open_close_fd(void)
{
    xengnttab_handle *xgt;
    xengntshr_handle *xgs;
    const struct xm_call_record *r;

    setup();
    xgt = xengnttab_open(lg, 0);
    VXT_REQUIRE(xgt != NULL);
    r = xm_log_get(xm_log_count() - 1);
    VXT_CHECK(r->call == XM_CALL_OPEN && (r->request & O_CLOEXEC));
    VXT_CHECK(xengnttab_fd(xgt) == r->fd);
    xgs = xengntshr_open(lg, 0);
    VXT_REQUIRE(xgs != NULL);
    r = xm_log_get(xm_log_count() - 1);
    /* Unlike upstream, gntshr's descriptor is close-on-exec too. */
    VXT_CHECK(r->call == XM_CALL_OPEN);
    if (vxc_upstream())
        VXT_CHECK((r->request & O_CLOEXEC) == 0);
    else
        VXT_CHECK((r->request & O_CLOEXEC) != 0);
    VXT_CHECK(xengntshr_fd(xgs) == r->fd);
    VXT_CHECK(xengnttab_close(xgt) == 0);
    VXT_CHECK(xengntshr_close(xgs) == 0);
    VXT_CHECK(xengnttab_close(NULL) == 0);
    VXT_CHECK(xengntshr_close(NULL) == 0);
    CHECK_CLEAN();
    if (vxc_upstream())
        return;     /* upstream dereferences a NULL handle */
    errno = 0;
    VXT_CHECK(xengnttab_fd(NULL) == -1 && errno == EINVAL);
    errno = 0;
    VXT_CHECK(xengntshr_fd(NULL) == -1 && errno == EINVAL);
    CHECK_CLEAN();
}

static void open_with_default_logger(void)
{
    xengnttab_handle *xgt;
    xengntshr_handle *xgs;

    setup();
    xgt = xengnttab_open(NULL, 0);
    xgs = xengntshr_open(NULL, 0);
    VXT_CHECK(xgt != NULL && xgs != NULL);
    VXT_CHECK(xengnttab_close(xgt) == 0);
    VXT_CHECK(xengntshr_close(xgs) == 0);
    CHECK_CLEAN();
}

static void open_failures(void)
{
    setup();
    xm_set_devices(XM_DEV_ALL & ~(unsigned)(XM_DEV_GNTDEV | XM_DEV_GNTALLOC));
    errno = 0;
    VXT_CHECK(xengnttab_open(lg, 0) == NULL && errno == ENOENT);
    errno = 0;
    VXT_CHECK(xengntshr_open(lg, 0) == NULL && errno == ENOENT);
    /* Upstream does not log why the device could not be opened. */
    if (!vxc_upstream())
        VXT_CHECK(log_contains("gnttab") && log_contains("gntshr"));
    xm_set_devices(XM_DEV_ALL);
    VXT_CHECK(xm_fault_fail_nth(XM_CALL_OPEN, 0, 1, EACCES) == 0);
    errno = 0;
    VXT_CHECK(xengnttab_open(lg, 0) == NULL && errno == EACCES);
    VXT_CHECK(xm_fault_fail_nth(XM_CALL_OPEN, 0, 1, EACCES) == 0);
    errno = 0;
    VXT_CHECK(xengntshr_open(lg, 0) == NULL && errno == EACCES);
    CHECK_CLEAN();
}

static void close_failure_still_frees(void)
{
    xengnttab_handle *xgt;

    setup();
    xgt = xengnttab_open(lg, 0);
    VXT_REQUIRE(xgt != NULL);
    VXT_CHECK(xm_fault_fail_nth(XM_CALL_CLOSE, 0, 1, EIO) == 0);
    errno = 0;
    VXT_CHECK(xengnttab_close(xgt) == -1 && errno == EIO);
    CHECK_CLEAN();
}

/* ---- mapping ---------------------------------------------------------------- */

static void map_one_grant_shares_memory(void)
{
    xengnttab_handle *xgt;
    uint32_t ref;
    unsigned char *p, *page;

    setup();
    ref = grant_from_dom1(3, 0);
    page = xm_domain_page(1, 3);
    memcpy(page, "from dom1", 10);
    xgt = xengnttab_open(lg, 0);
    VXT_REQUIRE(xgt != NULL);
    p = xengnttab_map_grant_ref(xgt, 1, ref, PROT_READ | PROT_WRITE);
    VXT_REQUIRE(p != NULL);
    VXT_CHECK(memcmp(p, "from dom1", 10) == 0);
    memcpy(p + 100, "from dom0", 10);
    VXT_CHECK(memcmp(page + 100, "from dom0", 10) == 0);
    VXT_CHECK(xm_grant_map_count(1, ref) == 1);
    VXT_CHECK(xm_grant_revoke(1, ref) == -1 && errno == EBUSY);
    VXT_CHECK(xengnttab_unmap(xgt, p, 1) == 0);
    VXT_CHECK(xm_grant_map_count(1, ref) == 0);
    VXT_CHECK(only_open_fds());
    VXT_CHECK(xengnttab_close(xgt) == 0);
    VXT_CHECK(xm_grant_revoke(1, ref) == 0);
    CHECK_CLEAN();
}

static void map_several_grants_in_order(void)
{
    xengnttab_handle *xgt;
    uint32_t refs[3], domids[3] = { 1, 2, 1 };
    unsigned char *p;
    int i;

    setup();
    VXT_CHECK(xm_domain_create(2, 8) == 0);
    VXT_CHECK(xm_grant_create(1, 0, 5, 0, &refs[0]) == 0);
    VXT_CHECK(xm_grant_create(2, 0, 1, 1, &refs[1]) == 0);
    VXT_CHECK(xm_grant_create(1, 0, 6, 0, &refs[2]) == 0);
    ((unsigned char *)xm_domain_page(1, 5))[0] = 'a';
    ((unsigned char *)xm_domain_page(2, 1))[0] = 'b';
    ((unsigned char *)xm_domain_page(1, 6))[0] = 'c';
    xgt = xengnttab_open(lg, 0);
    VXT_REQUIRE(xgt != NULL);
    p = xengnttab_map_grant_refs(xgt, 3, domids, refs, PROT_READ);
    VXT_REQUIRE(p != NULL);
    VXT_CHECK(p[0] == 'a' && p[PAGE] == 'b' && p[2 * PAGE] == 'c');
    VXT_CHECK(xengnttab_unmap(xgt, p, 3) == 0);

    /* One domain for all refs. */
    for (i = 0; i < 3; i++) {
        VXT_CHECK(xm_grant_create(1, 0, 10 + i, 0, &refs[i]) == 0);
        ((unsigned char *)xm_domain_page(1, 10 + i))[7] = (unsigned char)(0x10 + i);
    }
    p = xengnttab_map_domain_grant_refs(xgt, 3, 1, refs, PROT_READ | PROT_WRITE);
    VXT_REQUIRE(p != NULL);
    for (i = 0; i < 3; i++)
        VXT_CHECK(p[i * PAGE + 7] == 0x10 + i);
    VXT_CHECK(xengnttab_unmap(xgt, p, 3) == 0);
    VXT_CHECK(only_open_fds());
    VXT_CHECK(xengnttab_close(xgt) == 0);
    CHECK_CLEAN();
}

static void map_readonly_and_bad_grants(void)
{
    xengnttab_handle *xgt;
    uint32_t ro, other, refs[2];
    void *p;

    xm_reset();
    lg = test_logger();
    VXT_CHECK(xm_domain_create(1, 32) == 0);
    ro = grant_from_dom1(2, 1);
    VXT_CHECK(xm_domain_create(2, 4) == 0);
    VXT_CHECK(xm_grant_create(1, 2, 4, 0, &other) == 0); /* not for dom0 */
    xgt = xengnttab_open(lg, 0);
    VXT_REQUIRE(xgt != NULL);
    errno = 0;
    VXT_CHECK(xengnttab_map_grant_ref(xgt, 1, ro, PROT_READ | PROT_WRITE) == NULL &&
              errno == EPERM);
    VXT_CHECK(log_contains("gnttab") && log_contains("mmap failed"));
    p = xengnttab_map_grant_ref(xgt, 1, ro, PROT_READ);
    VXT_CHECK(p != NULL);
    VXT_CHECK(xengnttab_unmap(xgt, p, 1) == 0);
    errno = 0;
    VXT_CHECK(xengnttab_map_grant_ref(xgt, 1, other, PROT_READ) == NULL &&
              errno == EINVAL);
    errno = 0;
    VXT_CHECK(xengnttab_map_grant_ref(xgt, 1, 300, PROT_READ) == NULL &&
              errno == EINVAL);
    errno = 0;
    VXT_CHECK(xengnttab_map_grant_ref(xgt, 9, ro, PROT_READ) == NULL &&
              errno == EINVAL);
    /* One bad grant among good ones: nothing is mapped. */
    refs[0] = ro;
    refs[1] = 300;
    errno = 0;
    VXT_CHECK(xengnttab_map_domain_grant_refs(xgt, 2, 1, refs, PROT_READ) == NULL &&
              errno == EINVAL);
    VXT_CHECK(xm_grant_map_count(1, ro) == 0);
    VXT_CHECK(only_open_fds());
    VXT_CHECK(xengnttab_close(xgt) == 0);
    CHECK_CLEAN();
}

static void map_argument_errors(void)
{
    xengnttab_handle *xgt;
    uint32_t ref, dom = 1;
    uint32_t big[1100];
    size_t before;

    setup();
    ref = grant_from_dom1(1, 0);
    xgt = xengnttab_open(lg, 0);
    VXT_REQUIRE(xgt != NULL);
    before = xm_log_count();
    errno = 0;
    /* count 0: refused by verixen, by the kernel under upstream. */
    VXT_CHECK(xengnttab_map_grant_refs(xgt, 0, &dom, &ref, PROT_READ) == NULL &&
              errno == EINVAL);
    if (vxc_upstream()) {
        /* Upstream passes NULL arrays and handles on and crashes; it only
         * shares the kernel's limit below. */
        VXT_CHECK(xm_log_count() > before);
        goto big;
    }
    errno = 0;
    VXT_CHECK(xengnttab_map_grant_refs(xgt, 1, NULL, &ref, PROT_READ) == NULL &&
              errno == EINVAL);
    errno = 0;
    VXT_CHECK(xengnttab_map_domain_grant_refs(xgt, 1, 1, NULL, PROT_READ) == NULL &&
              errno == EINVAL);
    errno = 0;
    VXT_CHECK(xengnttab_map_grant_ref(NULL, 1, ref, PROT_READ) == NULL &&
              errno == EINVAL);
    VXT_CHECK(xm_log_count() == before);    /* none reached the kernel */
big:
    /* More grants than the kernel accepts in one slot. */
    memset(big, 0, sizeof(big));
    errno = 0;
    VXT_CHECK(xengnttab_map_domain_grant_refs(xgt, 1100, 1, big, PROT_READ) == NULL &&
              errno == EINVAL);
    VXT_CHECK(log_contains("MAP_GRANT_REF"));
    VXT_CHECK(only_open_fds());
    VXT_CHECK(xengnttab_close(xgt) == 0);
    CHECK_CLEAN();
}

static void handle_kinds_are_not_interchangeable(void)
{
    xengnttab_handle *xgt;
    xengntshr_handle *xgs;
    uint32_t ref;
    void *p;

    xm_reset();
    lg = test_logger();
    VXT_CHECK(xm_domain_create(1, 32) == 0);
    ref = grant_from_dom1(1, 0);
    xgt = xengnttab_open(lg, 0);
    xgs = xengntshr_open(lg, 0);
    VXT_REQUIRE(xgt != NULL && xgs != NULL);
    /* Upstream sends the other device's ioctls, which it does not know. */
    errno = 0;
    VXT_CHECK(xengnttab_map_grant_ref(xgs, 1, ref, PROT_READ) == NULL &&
              errno == (vxc_upstream() ? ENOTTY : EINVAL));
    errno = 0;
    VXT_CHECK(xengntshr_share_pages(xgt, 1, 1, &ref, 1) == NULL &&
              errno == (vxc_upstream() ? ENOTTY : EINVAL));
    p = xengnttab_map_grant_ref(xgt, 1, ref, PROT_READ);
    VXT_REQUIRE(p != NULL);
    errno = 0;
    if (vxc_upstream()) {
        /* Upstream's unshare is a bare munmap: it tears down a mapping the
         * gntshr handle never made, and the gnttab handle can no longer
         * release its slot (until close). */
        VXT_CHECK(xengntshr_unshare(xgs, p, 1) == 0);
        VXT_CHECK(xm_grant_map_count(1, ref) == 0);
        errno = 0;
        VXT_CHECK(xengnttab_unmap(xgt, p, 1) == -1 && errno == EINVAL);
    } else {
        VXT_CHECK(xengntshr_unshare(xgs, p, 1) == -1 && errno == EINVAL);
        VXT_CHECK(xengnttab_unmap(xgt, p, 1) == 0);
    }
    VXT_CHECK(xengnttab_close(xgt) == 0);
    VXT_CHECK(xengntshr_close(xgs) == 0);
    CHECK_CLEAN();
}

/* ---- the mapping registry --------------------------------------------------- */

static void unmap_refuses_what_it_did_not_map(void)
{
    xengnttab_handle *a, *b;
    uint32_t ref;
    unsigned char *p, local[64];
    size_t before;

    setup();
    ref = grant_from_dom1(4, 0);
    a = xengnttab_open(lg, 0);
    b = xengnttab_open(lg, 0);
    VXT_REQUIRE(a != NULL && b != NULL);
    p = xengnttab_map_grant_ref(a, 1, ref, PROT_READ | PROT_WRITE);
    VXT_REQUIRE(p != NULL);
    before = xm_log_count();
    errno = 0;
    VXT_CHECK(xengnttab_unmap(a, NULL, 1) == -1 && errno == EINVAL);
    /* Both refuse these; upstream asks the kernel (GET_OFFSET_FOR_VADDR),
     * verixen its own registry. */
    errno = 0;
    VXT_CHECK(xengnttab_unmap(a, local, 1) == -1 && errno == EINVAL);
    errno = 0;
    VXT_CHECK(xengnttab_unmap(a, p + PAGE, 1) == -1 && errno == EINVAL);
    errno = 0;
    VXT_CHECK(xengnttab_unmap(a, p, 2) == -1 && errno == EINVAL);
    if (vxc_upstream()) {
        /* Upstream unmaps through any handle: the kernel finds a's mapping
         * for b, upstream munmaps it, and b's slot release fails. */
        VXT_CHECK(xengnttab_unmap(b, p, 1) == -1 && errno == ENOENT);
        VXT_CHECK(xm_grant_map_count(1, ref) == 0);
        VXT_CHECK(xengnttab_close(a) == 0);  /* releases a's orphaned slot */
        VXT_CHECK(xengnttab_close(b) == 0);
        CHECK_CLEAN();
        return;
    }
    errno = 0;
    VXT_CHECK(xengnttab_unmap(b, p, 1) == -1 && errno == EINVAL);  /* foreign */
    errno = 0;
    VXT_CHECK(xengnttab_unmap(NULL, p, 1) == -1 && errno == EINVAL);
    VXT_CHECK(xm_log_count() == before);   /* nothing reached the kernel */
    /* Still mapped and usable. */
    p[0] = 42;
    VXT_CHECK(((unsigned char *)xm_domain_page(1, 4))[0] == 42);
    VXT_CHECK(xm_grant_map_count(1, ref) == 1);
    VXT_CHECK(xengnttab_unmap(a, p, 1) == 0);
    /* Double unmap: refused, harmless. */
    before = xm_log_count();
    errno = 0;
    VXT_CHECK(xengnttab_unmap(a, p, 1) == -1 && errno == EINVAL);
    VXT_CHECK(xm_log_count() == before);
    VXT_CHECK(only_open_fds());
    VXT_CHECK(xengnttab_close(a) == 0);
    VXT_CHECK(xengnttab_close(b) == 0);
    CHECK_CLEAN();
}

static void many_mappings_in_registry(void)
{
    xengnttab_handle *xgt;
    uint32_t refs[40];
    unsigned char *p[40];
    int i;

    setup();
    xgt = xengnttab_open(lg, 0);
    VXT_REQUIRE(xgt != NULL);
    for (i = 0; i < 40; i++) {
        refs[i] = grant_from_dom1((uint64_t)(i % 32), 0);
        p[i] = xengnttab_map_grant_ref(xgt, 1, refs[i], PROT_READ);
        VXT_CHECK(p[i] != NULL);
    }
    /* Unmap in a scrambled order. */
    for (i = 0; i < 40; i++) {
        int j = (i * 17) % 40;
        VXT_CHECK(xengnttab_unmap(xgt, p[j], 1) == 0);
    }
    for (i = 0; i < 40; i++)
        VXT_CHECK(xm_grant_map_count(1, refs[i]) == 0);
    VXT_CHECK(only_open_fds());
    VXT_CHECK(xengnttab_close(xgt) == 0);
    CHECK_CLEAN();
}

/* ---- two domains: gntshr in dom1, gnttab in dom0 ------------------------------ */

static void share_in_dom1_map_in_dom0(void)
{
    xengntshr_handle *xgs;
    xengnttab_handle *xgt;
    uint32_t refs[2] = { 0, 0 };
    unsigned char *shared, *mapped;

    setup();
    VXT_CHECK(xm_set_current_domain(1) == 0);
    xgs = xengntshr_open(lg, 0);
    VXT_REQUIRE(xgs != NULL);
    shared = xengntshr_share_pages(xgs, 0, 2, refs, 1);
    VXT_REQUIRE(shared != NULL);
    VXT_CHECK(refs[0] != refs[1]);
    VXT_CHECK(shared[0] == 0 && shared[PAGE + 5] == 0);   /* zeroed */
    memcpy(shared, "ring 0", 7);
    memcpy(shared + PAGE, "ring 1", 7);

    VXT_CHECK(xm_set_current_domain(0) == 0);
    xgt = xengnttab_open(lg, 0);
    VXT_REQUIRE(xgt != NULL);
    mapped = xengnttab_map_domain_grant_refs(xgt, 2, 1, refs, PROT_READ | PROT_WRITE);
    VXT_REQUIRE(mapped != NULL);
    VXT_CHECK(memcmp(mapped, "ring 0", 7) == 0);
    VXT_CHECK(memcmp(mapped + PAGE, "ring 1", 7) == 0);
    memcpy(mapped + 100, "reply", 6);
    VXT_CHECK(memcmp(shared + 100, "reply", 6) == 0);
    VXT_CHECK(xm_grant_map_count(1, refs[0]) == 1);

    VXT_CHECK(xengnttab_unmap(xgt, mapped, 2) == 0);
    VXT_CHECK(xengntshr_unshare(xgs, shared, 2) == 0);
    /* The grants ended with the unshare. */
    VXT_CHECK(xm_grant_map_count(1, refs[0]) == -1 && errno == ENOENT);
    VXT_CHECK(only_open_fds());
    VXT_CHECK(xengnttab_close(xgt) == 0);
    VXT_CHECK(xengntshr_close(xgs) == 0);
    CHECK_CLEAN();
}

static void readonly_share(void)
{
    xengntshr_handle *xgs;
    xengnttab_handle *xgt;
    uint32_t ref;
    unsigned char *shared, *mapped;

    setup();
    VXT_CHECK(xm_set_current_domain(1) == 0);
    xgs = xengntshr_open(lg, 0);
    VXT_REQUIRE(xgs != NULL);
    shared = xengntshr_share_pages(xgs, 0, 1, &ref, 0);
    VXT_REQUIRE(shared != NULL);
    shared[0] = 9;          /* our own side stays writable */
    VXT_CHECK(xm_set_current_domain(0) == 0);
    xgt = xengnttab_open(lg, 0);
    VXT_REQUIRE(xgt != NULL);
    errno = 0;
    VXT_CHECK(xengnttab_map_grant_ref(xgt, 1, ref, PROT_READ | PROT_WRITE) == NULL &&
              errno == EPERM);
    mapped = xengnttab_map_grant_ref(xgt, 1, ref, PROT_READ);
    VXT_REQUIRE(mapped != NULL);
    VXT_CHECK(mapped[0] == 9);
    VXT_CHECK(xengnttab_unmap(xgt, mapped, 1) == 0);
    VXT_CHECK(xengntshr_unshare(xgs, shared, 1) == 0);
    VXT_CHECK(xengnttab_close(xgt) == 0);
    VXT_CHECK(xengntshr_close(xgs) == 0);
    CHECK_CLEAN();
}

static void share_argument_errors_and_limit(void)
{
    xengntshr_handle *xgs;
    uint32_t refs[8];
    void *p;
    size_t before;

    setup();
    xgs = xengntshr_open(lg, 0);
    VXT_REQUIRE(xgs != NULL);
    before = xm_log_count();
    errno = 0;
    VXT_CHECK(xengntshr_share_pages(xgs, 1, 0, refs, 1) == NULL && errno == EINVAL);
    if (vxc_upstream()) {
        /* Upstream hands a negative count to the kernel (ENOMEM there),
         * truncates the domid to 16 bits, and crashes on NULL refs and
         * handles: only the limit below is shared. */
        errno = 0;
        VXT_CHECK(xengntshr_share_pages(xgs, 1, -1, refs, 1) == NULL && errno == ENOMEM);
        goto limit;
    }
    errno = 0;
    VXT_CHECK(xengntshr_share_pages(xgs, 1, -1, refs, 1) == NULL && errno == EINVAL);
    errno = 0;
    VXT_CHECK(xengntshr_share_pages(xgs, 1, 1, NULL, 1) == NULL && errno == EINVAL);
    errno = 0;
    VXT_CHECK(xengntshr_share_pages(xgs, 0x10000, 1, refs, 1) == NULL && errno == EINVAL);
    errno = 0;
    VXT_CHECK(xengntshr_share_page_notify(xgs, 1, NULL, 1, 0, 0) == NULL && errno == EINVAL);
    errno = 0;
    VXT_CHECK(xengntshr_share_pages(NULL, 1, 1, refs, 1) == NULL && errno == EINVAL);
    VXT_CHECK(xm_log_count() == before);
    errno = 0;
    VXT_CHECK(xengntshr_unshare(xgs, NULL, 1) == -1 && errno == EINVAL);
    errno = 0;
    VXT_CHECK(xengntshr_unshare(xgs, refs, 1) == -1 && errno == EINVAL);

limit:
    xm_set_gntalloc_limit(4);
    p = xengntshr_share_pages(xgs, 1, 4, refs, 1);
    VXT_REQUIRE(p != NULL);
    errno = 0;
    VXT_CHECK(xengntshr_share_pages(xgs, 1, 1, refs, 1) == NULL && errno == ENOSPC);
    /* Upstream's unshare is a bare munmap: it would cut the area in
     * two, and a second unshare munmaps whatever is there by then. */
    if (!vxc_upstream()) {
        VXT_CHECK(log_contains("gntshr") && log_contains("ALLOC_GREF"));
        errno = 0;
        VXT_CHECK(xengntshr_unshare(xgs, p, 3) == -1 && errno == EINVAL);
    }
    VXT_CHECK(xengntshr_unshare(xgs, p, 4) == 0);
    if (!vxc_upstream()) {
        errno = 0;
        VXT_CHECK(xengntshr_unshare(xgs, p, 4) == -1 && errno == EINVAL); /* double */
    }
    p = xengntshr_share_pages(xgs, 1, 4, refs, 1);  /* the limit freed up */
    VXT_CHECK(p != NULL);
    VXT_CHECK(xengntshr_unshare(xgs, p, 4) == 0);
    VXT_CHECK(only_open_fds());
    VXT_CHECK(xengntshr_close(xgs) == 0);
    CHECK_CLEAN();
}

/* ---- unmap notifications ------------------------------------------------------- */

/* An interdomain channel: dom1's port *p1 <-> dom0's port returned, bound
 * through `xce` (opened in dom0). */
static evtchn_port_t channel_dom0_dom1(xenevtchn_handle *xce, uint32_t *p1)
{
    xenevtchn_port_or_error_t p0;

    VXT_CHECK(xm_evtchn_alloc_unbound(1, 0, p1) == 0);
    p0 = xenevtchn_bind_interdomain(xce, 1, *p1);
    VXT_CHECK(p0 > 0);
    return (evtchn_port_t)p0;
}

static void gnttab_unmap_notify(void)
{
    xengnttab_handle *xgt;
    xenevtchn_handle *xce;
    uint32_t ref, p1;
    evtchn_port_t p0;
    unsigned char *page, *p;

    setup();
    ref = grant_from_dom1(7, 0);
    page = xm_domain_page(1, 7);
    page[10] = 0xAA;
    page[11] = 0xBB;
    xce = xenevtchn_open(NULL, 0);
    xgt = xengnttab_open(lg, 0);
    VXT_REQUIRE(xce != NULL && xgt != NULL);
    p0 = channel_dom0_dom1(xce, &p1);
    p = xengnttab_map_grant_ref_notify(xgt, 1, ref, PROT_READ | PROT_WRITE, 10, p0);
    VXT_REQUIRE(p != NULL);
    VXT_CHECK(xm_evtchn_is_pending(1, p1) == 0);
    VXT_CHECK(xengnttab_unmap(xgt, p, 1) == 0);
    VXT_CHECK(page[10] == 0 && page[11] == 0xBB);
    VXT_CHECK(xm_evtchn_is_pending(1, p1) == 1);

    /* Byte only; port only. */
    page[10] = 1;
    p = xengnttab_map_grant_ref_notify(xgt, 1, ref, PROT_READ | PROT_WRITE, 10, -1);
    VXT_REQUIRE(p != NULL);
    VXT_CHECK(xengnttab_unmap(xgt, p, 1) == 0);
    VXT_CHECK(page[10] == 0);
    page[10] = 1;
    p = xengnttab_map_grant_ref_notify(xgt, 1, ref, PROT_READ, -1, p0);
    VXT_REQUIRE(p != NULL);
    VXT_CHECK(xengnttab_unmap(xgt, p, 1) == 0);
    VXT_CHECK(page[10] == 1);
    /* Neither: plain map, no notify request made. */
    xm_log_clear();
    p = xengnttab_map_grant_ref_notify(xgt, 1, ref, PROT_READ, PAGE, -1);
    VXT_REQUIRE(p != NULL);
    VXT_CHECK(count_calls(XM_CALL_IOCTL, IOCTL_GNTDEV_SET_UNMAP_NOTIFY) == 0);
    VXT_CHECK(xengnttab_unmap(xgt, p, 1) == 0);

    /* A byte clear on a read-only mapping, or an unbound port: the kernel
     * refuses, and nothing is left behind. */
    errno = 0;
    VXT_CHECK(xengnttab_map_grant_ref_notify(xgt, 1, ref, PROT_READ, 10, -1) == NULL &&
              errno == EINVAL);
    errno = 0;
    VXT_CHECK(xengnttab_map_grant_ref_notify(xgt, 1, ref, PROT_READ | PROT_WRITE, 10,
                                             999) == NULL && errno == EINVAL);
    VXT_CHECK(log_contains("SET_UNMAP_NOTIFY"));
    VXT_CHECK(xm_grant_map_count(1, ref) == 0);
    VXT_CHECK(only_open_fds());
    VXT_CHECK(xengnttab_close(xgt) == 0);
    VXT_CHECK(xenevtchn_close(xce) == 0);
    CHECK_CLEAN();
}

/* libxenvchan's disconnect detection: the server shares with a notify,
 * the client maps; when the server unshares (or dies), the client's view
 * of the byte becomes 0 and the client's port fires. */
static void gntshr_unmap_notify_reaches_peer(void)
{
    xengntshr_handle *xgs;
    xengnttab_handle *xgt;
    xenevtchn_handle *xce0, *xce1;
    uint32_t ref, p0u;
    xenevtchn_port_or_error_t p1, p0;
    unsigned char *shared, *mapped;

    setup();
    /* dom1 (server) allocates an unbound port for dom0 through libxenevtchn. */
    VXT_CHECK(xm_set_current_domain(1) == 0);
    xce1 = xenevtchn_open(NULL, 0);
    xgs = xengntshr_open(lg, 0);
    VXT_REQUIRE(xce1 != NULL && xgs != NULL);
    p1 = xenevtchn_bind_unbound_port(xce1, 0);
    VXT_REQUIRE(p1 > 0);
    shared = xengntshr_share_page_notify(xgs, 0, &ref, 1, 20, (evtchn_port_t)p1);
    VXT_REQUIRE(shared != NULL);
    shared[20] = 1;   /* "alive" */

    VXT_CHECK(xm_set_current_domain(0) == 0);
    xce0 = xenevtchn_open(NULL, 0);
    xgt = xengnttab_open(lg, 0);
    VXT_REQUIRE(xce0 != NULL && xgt != NULL);
    p0 = xenevtchn_bind_interdomain(xce0, 1, (evtchn_port_t)p1);
    VXT_REQUIRE(p0 > 0);
    p0u = (uint32_t)p0;
    /* Consume the event of the fresh bind. */
    VXT_CHECK(xenevtchn_pending(xce0) == p0);
    VXT_CHECK(xenevtchn_unmask(xce0, p0u) == 0);
    mapped = xengnttab_map_grant_ref(xgt, 1, ref, PROT_READ | PROT_WRITE);
    VXT_REQUIRE(mapped != NULL);
    VXT_CHECK(mapped[20] == 1);

    VXT_CHECK(xengntshr_unshare(xgs, shared, 1) == 0);
    VXT_CHECK(mapped[20] == 0);
    VXT_CHECK(xm_evtchn_is_pending(0, p0u) == 1);
    /* The grant lives on while dom0 maps it, and ends at its unmap. */
    VXT_CHECK(xm_grant_map_count(1, ref) == 1);
    VXT_CHECK(xengnttab_unmap(xgt, mapped, 1) == 0);
    VXT_CHECK(xm_grant_map_count(1, ref) == -1);
    VXT_CHECK(xengnttab_close(xgt) == 0);
    VXT_CHECK(xengntshr_close(xgs) == 0);
    VXT_CHECK(xenevtchn_close(xce0) == 0);
    VXT_CHECK(xenevtchn_close(xce1) == 0);
    CHECK_CLEAN();
}

static void gntshr_notify_errors(void)
{
    xengntshr_handle *xgs;
    uint32_t ref;

    setup();
    xgs = xengntshr_open(lg, 0);
    VXT_REQUIRE(xgs != NULL);
    errno = 0;
    VXT_CHECK(xengntshr_share_page_notify(xgs, 1, &ref, 1, 0, 555) == NULL &&
              errno == EINVAL);
    VXT_CHECK(log_contains("SET_UNMAP_NOTIFY"));
    VXT_CHECK(only_open_fds());
    VXT_CHECK(xengntshr_close(xgs) == 0);
    CHECK_CLEAN();
}

/* ---- grant copy ------------------------------------------------------------------- */

static void grant_copy_probe_and_both_directions(void)
{
    xengnttab_handle *xgt;
    xengnttab_grant_copy_segment_t seg[3];
    uint32_t ref, ro;
    unsigned char *page, buf[64];

    setup();
    ref = grant_from_dom1(8, 0);
    ro = grant_from_dom1(9, 1);
    page = xm_domain_page(1, 8);
    xgt = xengnttab_open(lg, 0);
    VXT_REQUIRE(xgt != NULL);

    /* QEMU's probe: count 0 reaches the kernel and succeeds. */
    xm_log_clear();
    VXT_CHECK(xengnttab_grant_copy(xgt, 0, NULL) == 0);
    VXT_CHECK(count_calls(XM_CALL_IOCTL, IOCTL_GNTDEV_GRANT_COPY) == 1);
    /* verixen refuses NULL segments itself; upstream lets the kernel
     * fault on them. */
    errno = 0;
    VXT_CHECK(xengnttab_grant_copy(xgt, 1, NULL) == -1 &&
              errno == (vxc_upstream() ? EFAULT : EINVAL));

    /* local -> foreign */
    memset(seg, 0, sizeof(seg));
    seg[0].source.virt = (void *)"hello grant";
    seg[0].dest.foreign.ref = ref;
    seg[0].dest.foreign.domid = 1;
    seg[0].dest.foreign.offset = 4000;
    seg[0].len = 12;
    seg[0].flags = GNTCOPY_dest_gref;
    seg[0].status = 99;
    /* foreign -> local */
    seg[1].source.foreign.ref = ref;
    seg[1].source.foreign.domid = 1;
    seg[1].source.foreign.offset = 0;
    seg[1].dest.virt = buf;
    seg[1].len = 5;
    seg[1].flags = GNTCOPY_source_gref;
    memcpy(page, "12345", 5);
    /* into a read-only grant: refused per segment */
    seg[2].source.virt = buf;
    seg[2].dest.foreign.ref = ro;
    seg[2].dest.foreign.domid = 1;
    seg[2].len = 1;
    seg[2].flags = GNTCOPY_dest_gref;
    VXT_CHECK(xengnttab_grant_copy(xgt, 3, seg) == 0);
    VXT_CHECK(seg[0].status == GNTST_okay && memcmp(page + 4000, "hello grant", 12) == 0);
    VXT_CHECK(seg[1].status == GNTST_okay && memcmp(buf, "12345", 5) == 0);
    VXT_CHECK(seg[2].status == GNTST_permission_denied);

    /* Unknown reference, unknown domain. */
    seg[0].dest.foreign.ref = 400;
    seg[1].source.foreign.domid = 12;
    VXT_CHECK(xengnttab_grant_copy(xgt, 2, seg) == 0);
    VXT_CHECK(seg[0].status == GNTST_bad_gntref);
    VXT_CHECK(seg[1].status == GNTST_bad_domain);

    /* Malformed: local to local, or past the end of the page. */
    seg[0].flags = 0;
    errno = 0;
    VXT_CHECK(xengnttab_grant_copy(xgt, 1, seg) == -1 && errno == EINVAL);
    if (!vxc_upstream())        /* upstream does not log it */
        VXT_CHECK(log_contains("GRANT_COPY"));
    seg[0].flags = GNTCOPY_dest_gref;
    seg[0].dest.foreign.ref = ref;
    seg[0].dest.foreign.offset = 4090;
    errno = 0;
    VXT_CHECK(xengnttab_grant_copy(xgt, 1, seg) == -1 && errno == EINVAL);

    /* The kernel's failure is the caller's. */
    VXT_CHECK(xm_fault_fail_nth(XM_CALL_IOCTL, IOCTL_GNTDEV_GRANT_COPY, 1, EIO) == 0);
    errno = 0;
    VXT_CHECK(xengnttab_grant_copy(xgt, 0, NULL) == -1 && errno == EIO);
    VXT_CHECK(xengnttab_close(xgt) == 0);
    CHECK_CLEAN();
}

/* ---- set_max_grants ---------------------------------------------------------------- */

static void set_max_grants(void)
{
    xengnttab_handle *xgt;
    uint32_t refs[3];
    void *p;

    setup();
    xgt = xengnttab_open(lg, 0);
    VXT_REQUIRE(xgt != NULL);
    /* Modern kernels: ENOTTY, which is success. */
    VXT_CHECK(xengnttab_set_max_grants(xgt, 2) == 0);
    VXT_CHECK(xm_log_get(xm_log_count() - 1)->err == ENOTTY);
    /* Kernels with a per-file limit enforce it. */
    xm_set_feature(XM_FEAT_SET_MAX_GRANTS, 1);
    VXT_CHECK(xengnttab_set_max_grants(xgt, 2) == 0);
    refs[0] = grant_from_dom1(1, 0);
    refs[1] = grant_from_dom1(2, 0);
    refs[2] = grant_from_dom1(3, 0);
    errno = 0;
    VXT_CHECK(xengnttab_map_domain_grant_refs(xgt, 3, 1, refs, PROT_READ) == NULL &&
              errno == EINVAL);
    p = xengnttab_map_domain_grant_refs(xgt, 2, 1, refs, PROT_READ);
    VXT_CHECK(p != NULL);
    VXT_CHECK(xengnttab_unmap(xgt, p, 2) == 0);
    VXT_CHECK(xm_fault_fail_nth(XM_CALL_IOCTL, IOCTL_GNTDEV_SET_MAX_GRANTS, 1, EIO) == 0);
    errno = 0;
    VXT_CHECK(xengnttab_set_max_grants(xgt, 8) == -1 && errno == EIO);
    VXT_CHECK(log_contains("SET_MAX_GRANTS"));
    errno = 0;
    if (!vxc_upstream())        /* upstream dereferences a NULL handle */
        VXT_CHECK(xengnttab_set_max_grants(NULL, 8) == -1 && errno == EINVAL);
    VXT_CHECK(xengnttab_close(xgt) == 0);
    CHECK_CLEAN();
}

/* ---- paged-out grants: bounded retry ------------------------------------------------ */

static void paged_out_grant_is_retried(void)
{
    xengnttab_handle *xgt;
    uint32_t ref;
    unsigned char *p;

    setup();
    ref = grant_from_dom1(12, 0);
    ((unsigned char *)xm_domain_page(1, 12))[0] = 77;
    xgt = xengnttab_open(lg, 0);
    VXT_REQUIRE(xgt != NULL);
    VXT_CHECK(xm_domain_page_out(1, 12, 3) == 0);
    xm_log_clear();
    p = xengnttab_map_grant_ref(xgt, 1, ref, PROT_READ);
    VXT_REQUIRE(p != NULL);
    VXT_CHECK(p[0] == 77);
    VXT_CHECK(xm_log_count_kind(XM_CALL_MMAP) == 4);
    VXT_CHECK(xengnttab_unmap(xgt, p, 1) == 0);

    if (vxc_upstream()) {
        /* Upstream retries without a bound (it would hang on a page that
         * never comes back): past verixen's 1000 retries it still loops. */
        VXT_CHECK(xm_domain_page_out(1, 12, 1200) == 0);
        xm_log_clear();
        p = xengnttab_map_grant_ref(xgt, 1, ref, PROT_READ);
        VXT_REQUIRE(p != NULL);
        VXT_CHECK(xm_log_count_kind(XM_CALL_MMAP) == 1201);
        VXT_CHECK(xengnttab_unmap(xgt, p, 1) == 0);
        VXT_CHECK(xengnttab_close(xgt) == 0);
        CHECK_CLEAN();
        return;
    }
    /* Never comes back: give up with EAGAIN, slot released. */
    VXT_CHECK(xm_domain_page_out(1, 12, ~0u) == 0);
    xm_log_clear();
    errno = 0;
    VXT_CHECK(xengnttab_map_grant_ref(xgt, 1, ref, PROT_READ) == NULL && errno == EAGAIN);
    VXT_CHECK(xm_log_count_kind(XM_CALL_MMAP) == 1001);
    VXT_CHECK(only_open_fds());
    VXT_CHECK(xengnttab_close(xgt) == 0);
    CHECK_CLEAN();
}

/* ---- fault injection at every kernel call --------------------------------------------- */

/* Run `op` with the nth call of `kind` failing with EIO until the op
 * stops reaching an nth call; each time the op must fail with EIO and
 * leave nothing behind.  Returns how many call sites were covered. */
static unsigned int each_call_fails_upto(enum xm_call kind, size_t upto,
                                         void *(*op)(void *ctx),
                                         int (*undo)(void *ctx, void *result),
                                         void *ctx);
#define each_call_fails(kind, op, undo, ctx) \
    each_call_fails_upto(kind, (size_t)-1, op, undo, ctx)
static unsigned int each_call_fails_upto(enum xm_call kind, size_t upto,
                                         void *(*op)(void *ctx),
                                    int (*undo)(void *ctx, void *result),
                                    void *ctx)
{
    unsigned int nth, covered = 0;
    size_t calls;

    /* Count the calls of this kind a successful op makes. */
    xm_log_clear();
    {
        void *r = op(ctx);
        VXT_CHECK(r != NULL);
        calls = xm_log_count_kind(kind);
        if (calls > upto)
            calls = upto;
        if (r != NULL)
            VXT_CHECK(undo(ctx, r) == 0);
    }
    for (nth = 1; nth <= calls; nth++) {
        void *r;

        VXT_CHECK(xm_fault_fail_nth(kind, 0, nth, EIO) == 0);
        errno = 0;
        r = op(ctx);
        VXT_CHECK(r == NULL && errno == EIO);
        if (r != NULL)
            (void)undo(ctx, r);
        xm_fault_clear();
        VXT_CHECK(only_open_fds());
        covered++;
    }
    return covered;
}

struct map_ctx {
    xengnttab_handle *xgt;
    xengntshr_handle *xgs;
    uint32_t ref;
    evtchn_port_t port;
};

static void *op_map_notify(void *c)
{
    struct map_ctx *m = c;
    return xengnttab_map_grant_ref_notify(m->xgt, 1, m->ref, PROT_READ | PROT_WRITE,
                                          3, m->port);
}

static int undo_map(void *c, void *r)
{
    return xengnttab_unmap(((struct map_ctx *)c)->xgt, r, 1);
}

static void *op_share_notify(void *c)
{
    struct map_ctx *m = c;
    uint32_t ref;
    return xengntshr_share_page_notify(m->xgs, 1, &ref, 1, 3, m->port);
}

static int undo_share(void *c, void *r)
{
    return xengntshr_unshare(((struct map_ctx *)c)->xgs, r, 1);
}

static void map_faults_at_every_call(void)
{
    struct map_ctx m;
    xenevtchn_handle *xce;
    uint32_t p1;

    setup();
    m.ref = grant_from_dom1(5, 0);
    xce = xenevtchn_open(NULL, 0);
    m.xgt = xengnttab_open(lg, 0);
    VXT_REQUIRE(xce != NULL && m.xgt != NULL);
    m.port = channel_dom0_dom1(xce, &p1);
    /* MAP_GRANT_REF, SET_UNMAP_NOTIFY (each failure path then issues
     * UNMAP_GRANT_REF, whose own failure must not mask the first). */
    VXT_CHECK(each_call_fails(XM_CALL_IOCTL, op_map_notify, undo_map, &m) == 2);
    VXT_CHECK(each_call_fails(XM_CALL_MMAP, op_map_notify, undo_map, &m) == 1);
    /* The mapping still works after all that. */
    VXT_CHECK(xm_grant_map_count(1, m.ref) == 0);
    VXT_CHECK(xengnttab_close(m.xgt) == 0);
    VXT_CHECK(xenevtchn_close(xce) == 0);
    CHECK_CLEAN();
}

static void share_faults_at_every_call(void)
{
    struct map_ctx m;
    xenevtchn_handle *xce;
    xenevtchn_port_or_error_t p;

    setup();
    VXT_CHECK(xm_set_current_domain(1) == 0);
    xce = xenevtchn_open(NULL, 0);
    m.xgs = xengntshr_open(lg, 0);
    VXT_REQUIRE(xce != NULL && m.xgs != NULL);
    p = xenevtchn_bind_unbound_port(xce, 0);
    VXT_REQUIRE(p > 0);
    m.port = (evtchn_port_t)p;
    /* ALLOC_GREF, SET_UNMAP_NOTIFY (then DEALLOC_GREF: see
     * share_dealloc_failure_is_deferred) */
    VXT_CHECK(each_call_fails_upto(XM_CALL_IOCTL, 2, op_share_notify, undo_share, &m) == 2);
    VXT_CHECK(each_call_fails(XM_CALL_MMAP, op_share_notify, undo_share, &m) == 1);
    VXT_CHECK(xengntshr_close(m.xgs) == 0);
    VXT_CHECK(xenevtchn_close(xce) == 0);
    CHECK_CLEAN();
}

static void share_dealloc_failure_is_deferred(void)
{
    xengntshr_handle *xgs;
    uint32_t ref;
    void *p;

    setup();
    xgs = xengntshr_open(lg, 0);
    VXT_REQUIRE(xgs != NULL);
    VXT_CHECK(xm_fault_fail_nth(XM_CALL_IOCTL, IOCTL_GNTALLOC_DEALLOC_GREF, 1, EIO) == 0);
    p = xengntshr_share_pages(xgs, 1, 1, &ref, 1);
    VXT_REQUIRE(p != NULL);
    VXT_CHECK(xengntshr_unshare(xgs, p, 1) == 0);
    if (vxc_upstream()) {
        /* Upstream ignores the failed DEALLOC: the grant stays until the
         * handle is closed. */
        VXT_CHECK(xm_grant_map_count(0, ref) == 0);
    } else {
        VXT_CHECK(log_contains("DEALLOC_GREF"));
        /* The owed DEALLOC was paid: nothing left while the handle is open. */
        VXT_CHECK(xm_grant_map_count(0, ref) == -1);
        VXT_CHECK(only_open_fds());
    }
    /* Failing on the failure path too: the first errno wins (upstream: the
     * DEALLOC's), and the grant ends at close. */
    VXT_CHECK(xm_fault_fail_nth(XM_CALL_MMAP, 0, 1, EIO) == 0);
    VXT_CHECK(xm_fault_fail_nth(XM_CALL_IOCTL, IOCTL_GNTALLOC_DEALLOC_GREF, 1, EBADF) == 0);
    errno = 0;
    VXT_CHECK(xengntshr_share_pages(xgs, 1, 1, &ref, 1) == NULL &&
              errno == (vxc_upstream() ? EBADF : EIO));
    VXT_CHECK(xengntshr_close(xgs) == 0);
    CHECK_CLEAN();
}

static void cleanup_failure_keeps_first_errno(void)
{
    xengnttab_handle *xgt;
    uint32_t ref;

    setup();
    ref = grant_from_dom1(5, 0);
    xgt = xengnttab_open(lg, 0);
    VXT_REQUIRE(xgt != NULL);
    /* mmap fails with EIO, then the slot release fails too: the caller
     * sees the mmap's errno. */
    VXT_CHECK(xm_fault_fail_nth(XM_CALL_MMAP, 0, 1, EIO) == 0);
    VXT_CHECK(xm_fault_fail_nth(XM_CALL_IOCTL, IOCTL_GNTDEV_UNMAP_GRANT_REF, 1, EBADF) == 0);
    errno = 0;
    VXT_CHECK(xengnttab_map_grant_ref(xgt, 1, ref, PROT_READ) == NULL && errno == EIO);
    VXT_CHECK(xengnttab_close(xgt) == 0);   /* close releases the slot */
    CHECK_CLEAN();
}

static void unmap_faults(void)
{
    xengnttab_handle *xgt;
    uint32_t ref;
    void *p;

    setup();
    ref = grant_from_dom1(5, 0);
    xgt = xengnttab_open(lg, 0);
    VXT_REQUIRE(xgt != NULL);
    p = xengnttab_map_grant_ref(xgt, 1, ref, PROT_READ);
    VXT_REQUIRE(p != NULL);
    /* munmap fails: still mapped, still in the registry. */
    VXT_CHECK(xm_fault_fail_nth(XM_CALL_MUNMAP, 0, 1, EINTR) == 0);
    errno = 0;
    VXT_CHECK(xengnttab_unmap(xgt, p, 1) == -1 && errno == EINTR);
    VXT_CHECK(xm_grant_map_count(1, ref) == 1);
    VXT_CHECK(xengnttab_unmap(xgt, p, 1) == 0);
    /* The slot release fails: reported, memory gone, registry entry gone,
     * the slot itself released at close. */
    p = xengnttab_map_grant_ref(xgt, 1, ref, PROT_READ);
    VXT_REQUIRE(p != NULL);
    VXT_CHECK(xm_fault_fail_nth(XM_CALL_IOCTL, IOCTL_GNTDEV_UNMAP_GRANT_REF, 1, EIO) == 0);
    errno = 0;
    VXT_CHECK(xengnttab_unmap(xgt, p, 1) == -1 && errno == EIO);
    VXT_CHECK(xm_grant_map_count(1, ref) == 0);
    errno = 0;
    VXT_CHECK(xengnttab_unmap(xgt, p, 1) == -1 && errno == EINVAL);
    VXT_CHECK(xengnttab_close(xgt) == 0);
    CHECK_CLEAN();
}

static void unshare_fault(void)
{
    xengntshr_handle *xgs;
    uint32_t ref;
    void *p;

    setup();
    xgs = xengntshr_open(lg, 0);
    VXT_REQUIRE(xgs != NULL);
    p = xengntshr_share_pages(xgs, 1, 1, &ref, 1);
    VXT_REQUIRE(p != NULL);
    VXT_CHECK(xm_fault_fail_nth(XM_CALL_MUNMAP, 0, 1, EINTR) == 0);
    errno = 0;
    VXT_CHECK(xengntshr_unshare(xgs, p, 1) == -1 && errno == EINTR);
    VXT_CHECK(xm_grant_map_count(0, ref) == 0);   /* still granted */
    VXT_CHECK(xengntshr_unshare(xgs, p, 1) == 0);
    VXT_CHECK(xm_grant_map_count(0, ref) == -1);
    VXT_CHECK(xengntshr_close(xgs) == 0);
    CHECK_CLEAN();
}

/* ---- restriction ------------------------------------------------------------------------ */

static void restrict_all_neuters_gnttab_only(void)
{
    xengnttab_handle *xgt;
    xengntshr_handle *xgs;
    uint32_t ref, sref;
    void *p;

    setup();
    ref = grant_from_dom1(5, 0);
    xgt = xengnttab_open(lg, 0);
    xgs = xengntshr_open(lg, 0);
    VXT_REQUIRE(xgt != NULL && xgs != NULL);
    VXT_CHECK(xentoolcore_restrict_all(1) == 0);
    errno = 0;
    VXT_CHECK(xengnttab_map_grant_ref(xgt, 1, ref, PROT_READ) == NULL && errno > 0);
    p = xengntshr_share_pages(xgs, 1, 1, &sref, 1);   /* not restricted */
    VXT_CHECK(p != NULL);
    VXT_CHECK(p == NULL || xengntshr_unshare(xgs, p, 1) == 0);
    VXT_CHECK(xengnttab_close(xgt) == 0);
    VXT_CHECK(xengntshr_close(xgs) == 0);
    CHECK_CLEAN();
}

/* ---- dma-buf ----------------------------------------------------------------------------- */

static void dmabuf_without_kernel_support(void)
{
    xengnttab_handle *xgt;
    uint32_t ref, fd = 0, refs[2];

    setup();
    ref = grant_from_dom1(5, 0);
    xgt = xengnttab_open(lg, 0);
    VXT_REQUIRE(xgt != NULL);
    errno = 0;
    VXT_CHECK(xengnttab_dmabuf_exp_from_refs(xgt, 1, 0, 1, &ref, &fd) == -1 && errno == ENOTTY);
    errno = 0;
    VXT_CHECK(xengnttab_dmabuf_exp_wait_released(xgt, 5, 0) == -1 && errno == ENOTTY);
    errno = 0;
    VXT_CHECK(xengnttab_dmabuf_imp_to_refs(xgt, 1, 0, 2, refs) == -1 && errno == ENOTTY);
    errno = 0;
    VXT_CHECK(xengnttab_dmabuf_imp_release(xgt, 0) == -1 && errno == ENOTTY);
    VXT_CHECK(log_contains("DMABUF"));
    /* Meaningless arguments never reach the kernel. */
    xm_log_clear();
    errno = 0;
    VXT_CHECK(xengnttab_dmabuf_exp_from_refs(xgt, 1, 0, 0, &ref, &fd) == -1 && errno == EINVAL);
    errno = 0;
    VXT_CHECK(xengnttab_dmabuf_imp_to_refs(xgt, 1, 0, 0, refs) == -1 && errno == EINVAL);
    /* Upstream copies from / to NULL arrays and crashes. */
    if (!vxc_upstream()) {
        errno = 0;
        VXT_CHECK(xengnttab_dmabuf_exp_from_refs(xgt, 1, 0, 1, NULL, &fd) == -1 && errno == EINVAL);
        errno = 0;
        VXT_CHECK(xengnttab_dmabuf_exp_from_refs(xgt, 1, 0, 1, &ref, NULL) == -1 && errno == EINVAL);
        errno = 0;
        VXT_CHECK(xengnttab_dmabuf_imp_to_refs(xgt, 1, 0, 1, NULL) == -1 && errno == EINVAL);
    }
    VXT_CHECK(xm_log_count() == 0);
    VXT_CHECK(xengnttab_close(xgt) == 0);
    CHECK_CLEAN();
}

static void dmabuf_export_and_import(void)
{
    xengnttab_handle *xgt, *xgt1;
    uint32_t refs[2], fd = 0, imp[2];
    int pfd[2];
    unsigned char *p;

    setup();
    xm_set_feature(XM_FEAT_DMABUF, 1);
    refs[0] = grant_from_dom1(5, 0);
    refs[1] = grant_from_dom1(6, 0);
    xgt = xengnttab_open(lg, 0);
    VXT_REQUIRE(xgt != NULL);
    VXT_CHECK(xengnttab_dmabuf_exp_from_refs(xgt, 1, GNTDEV_DMA_FLAG_WC, 2, refs, &fd) == 0);
    VXT_CHECK(xm_grant_map_count(1, refs[0]) == 1);
    errno = 0;
    VXT_CHECK(xengnttab_dmabuf_exp_wait_released(xgt, fd, 10) == -1 && errno == ETIMEDOUT);
    close((int)fd);
    VXT_CHECK(xengnttab_dmabuf_exp_wait_released(xgt, fd, 10) == 0);
    VXT_CHECK(xm_grant_map_count(1, refs[0]) == 0);
    /* Already released: still success. */
    VXT_CHECK(xengnttab_dmabuf_exp_wait_released(xgt, fd, 10) == 0);

    /* Import a buffer and grant it to dom1, which maps it. */
    VXT_REQUIRE(pipe(pfd) == 0);
    VXT_CHECK(xengnttab_dmabuf_imp_to_refs(xgt, 1, (uint32_t)pfd[0], 2, imp) == 0);
    VXT_CHECK(xm_set_current_domain(1) == 0);
    xgt1 = xengnttab_open(lg, 0);
    VXT_REQUIRE(xgt1 != NULL);
    p = xengnttab_map_domain_grant_refs(xgt1, 2, 0, imp, PROT_READ | PROT_WRITE);
    VXT_CHECK(p != NULL);
    VXT_CHECK(p == NULL || xengnttab_unmap(xgt1, p, 2) == 0);
    VXT_CHECK(xengnttab_dmabuf_imp_release(xgt, (uint32_t)pfd[0]) == 0);
    errno = 0;
    VXT_CHECK(xengnttab_dmabuf_imp_release(xgt, (uint32_t)pfd[0]) == -1 && errno == ENOENT);
    VXT_CHECK(xm_grant_map_count(0, imp[0]) == -1);   /* grants ended */
    close(pfd[0]);
    close(pfd[1]);
    VXT_CHECK(xengnttab_close(xgt1) == 0);
    VXT_CHECK(xengnttab_close(xgt) == 0);
    CHECK_CLEAN();
}

/* Both descriptors are close-on-exec: checked by exec'ing a program that
 * looks for them (upstream leaks gntshr's, docs/DIFFERENCES.md). */
static void descriptors_do_not_survive_exec(void)
{
    xengnttab_handle *xgt;
    xengntshr_handle *xgs;

    setup();
    xgt = xengnttab_open(lg, 0);
    xgs = xengntshr_open(lg, 0);
    VXT_REQUIRE(xgt != NULL && xgs != NULL);
    VXT_CHECK_EQ_INT(vxt_fd_survives_exec(xengnttab_fd(xgt)), 0);
    VXT_CHECK_EQ_INT(vxt_fd_survives_exec(xengntshr_fd(xgs)), vxc_upstream() ? 1 : 0);
    VXT_CHECK_EQ_INT(xengnttab_close(xgt), 0);
    VXT_CHECK_EQ_INT(xengntshr_close(xgs), 0);
    CHECK_CLEAN();
}

/* The documented fork rule: a child may only close inherited handles, and
 * doing so leaves the parent's mappings and grants intact. */
static void fork_child_may_close(void)
{
    xengnttab_handle *xgt;
    xengntshr_handle *xgs;
    uint32_t ref;
    char *shared, *mapped;
    pid_t pid;
    int status;

    setup();
    xgs = xengntshr_open(lg, 0);
    xgt = xengnttab_open(lg, 0);
    VXT_REQUIRE(xgs != NULL && xgt != NULL);
    shared = xengntshr_share_pages(xgs, 0, 1, &ref, 1);
    VXT_REQUIRE(shared != NULL);
    mapped = xengnttab_map_grant_ref(xgt, 0, ref, PROT_READ | PROT_WRITE);
    VXT_REQUIRE(mapped != NULL);
    pid = fork();
    VXT_REQUIRE(pid >= 0);
    if (pid == 0)
        _exit(xengnttab_close(xgt) == 0 && xengntshr_close(xgs) == 0 ? 0 : 1);
    VXT_REQUIRE(waitpid(pid, &status, 0) == pid);
    VXT_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    strcpy(shared, "still shared after the child closed");
    VXT_CHECK(strcmp(mapped, "still shared after the child closed") == 0);
    VXT_CHECK_EQ_INT(xengnttab_unmap(xgt, mapped, 1), 0);
    VXT_CHECK_EQ_INT(xengntshr_unshare(xgs, shared, 1), 0);
    VXT_CHECK_EQ_INT(xengnttab_close(xgt), 0);
    VXT_CHECK_EQ_INT(xengntshr_close(xgs), 0);
    CHECK_CLEAN();
}

struct map_worker {
    xengnttab_handle *xgt;
    uint32_t ref;
    int failures;
};

static void *map_worker_main(void *arg)
{
    struct map_worker *w = arg;
    int i;

    for (i = 0; i < 100; i++) {
        char *p = xengnttab_map_grant_ref(w->xgt, 0, w->ref, PROT_READ);
        if (p == NULL || p[0] != 'g' || xengnttab_unmap(w->xgt, p, 1) != 0)
            w->failures++;
    }
    return NULL;
}

/* One gnttab handle used from several threads at once (its mapping
 * registry is locked); also run under ThreadSanitizer (tsan-gnttab). */
static void threads_share_one_handle(void)
{
    struct map_worker w[4];
    pthread_t t[4];
    xengnttab_handle *xgt;
    xengntshr_handle *xgs;
    uint32_t ref;
    char *shared;
    int i;

    setup();
    xgs = xengntshr_open(lg, 0);
    xgt = xengnttab_open(lg, 0);
    VXT_REQUIRE(xgs != NULL && xgt != NULL);
    shared = xengntshr_share_pages(xgs, 0, 1, &ref, 0);
    VXT_REQUIRE(shared != NULL);
    strcpy(shared, "granted");
    for (i = 0; i < 4; i++) {
        w[i].xgt = xgt;
        w[i].ref = ref;
        w[i].failures = 0;
        VXT_REQUIRE(pthread_create(&t[i], NULL, map_worker_main, &w[i]) == 0);
    }
    for (i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        VXT_CHECK_EQ_INT(w[i].failures, 0);
    }
    VXT_CHECK_EQ_INT(xengntshr_unshare(xgs, shared, 1), 0);
    VXT_CHECK_EQ_INT(xengnttab_close(xgt), 0);
    VXT_CHECK_EQ_INT(xengntshr_close(xgs), 0);
    CHECK_CLEAN();
}

#ifdef VX_CONFORMANCE
static void test_conformance_runs_intended_library(void)
{
    VXT_CHECK(vxc_check_impl((void *)xengnttab_open));
    VXT_CHECK(vxc_check_impl((void *)xengntshr_open));
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
    VXT_RUN(open_close_fd);
    VXT_RUN(open_with_default_logger);
    VXT_RUN(open_failures);
    VXT_RUN(close_failure_still_frees);
    VXT_RUN(map_one_grant_shares_memory);
    VXT_RUN(map_several_grants_in_order);
    VXT_RUN(map_readonly_and_bad_grants);
    VXT_RUN(map_argument_errors);
    VXT_RUN(handle_kinds_are_not_interchangeable);
    VXT_RUN(unmap_refuses_what_it_did_not_map);
    VXT_RUN(many_mappings_in_registry);
    VXT_RUN(share_in_dom1_map_in_dom0);
    VXT_RUN(readonly_share);
    VXT_RUN(share_argument_errors_and_limit);
    VXT_RUN(gnttab_unmap_notify);
    VXT_RUN(gntshr_unmap_notify_reaches_peer);
    VXT_RUN(gntshr_notify_errors);
    VXT_RUN(grant_copy_probe_and_both_directions);
    VXT_RUN(set_max_grants);
    VXT_RUN(paged_out_grant_is_retried);
    VXT_RUN(map_faults_at_every_call);
    VXT_RUN(share_faults_at_every_call);
    VXT_RUN(share_dealloc_failure_is_deferred);
    VXT_RUN(cleanup_failure_keeps_first_errno);
    VXT_RUN(unmap_faults);
    VXT_RUN(unshare_fault);
    VXT_RUN(restrict_all_neuters_gnttab_only);
    VXT_RUN(dmabuf_without_kernel_support);
    VXT_RUN(dmabuf_export_and_import);
    VXT_RUN(descriptors_do_not_survive_exec);
    VXT_RUN(fork_child_may_close);
    VXT_RUN(threads_share_one_handle);
    return vxt_finish();
}
