/*
 * fuzz_foreignmemory.c - libxenforeignmemory under a hostile kernel.
 *
 * Target functions: xenforeignmemory_open, xenforeignmemory_close,
 * xenforeignmemory_map, xenforeignmemory_map2, xenforeignmemory_unmap,
 * xenforeignmemory_restrict, xenforeignmemory_map_resource,
 * xenforeignmemory_unmap_resource, xenforeignmemory_resource_size,
 * xentoolcore_restrict_all.
 */
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <xen/xen.h>
#include <xen/memory.h>

#include "fuzz_common.h"
#include "xenforeignmemory.h"
#include "xentoolcore.h"
#include "xentoollog.h"

#define NMAPS 6
#define NRES 4
#define MAXPAGES 1100          /* > FMEM_BATCH_PAGES: several batches */
#define DOM1_PAGES 16

struct fmap {
    void *addr;
    size_t pages;
};

static xenforeignmemory_handle *fm;
static struct fmap maps[NMAPS];
static xenforeignmemory_resource_handle *res[NRES];
static xen_pfn_t arr[MAXPAGES];
static int errs[MAXPAGES];

static void track(void *addr, size_t pages)
{
    unsigned int i;

    for (i = 0; i < NMAPS; i++)
        if (maps[i].addr == NULL) {
            maps[i].addr = addr;
            maps[i].pages = pages;
            return;
        }
    (void)xenforeignmemory_unmap(fm, addr, pages);
}

/* Before close: the API asks the caller to unmap first. */
static void release_all(void)
{
    unsigned int i;
    int rc;

    for (i = 0; i < NMAPS; i++)
        if (maps[i].addr != NULL) {
            rc = FZ(xenforeignmemory_unmap(fm, maps[i].addr, maps[i].pages));
            FZ_ASSERT(rc == 0, "unmap of a live mapping: %d errno %d", rc, errno);
            maps[i].addr = NULL;
        }
    for (i = 0; i < NRES; i++)
        if (res[i] != NULL) {
            rc = FZ(xenforeignmemory_unmap_resource(fm, res[i]));
            rc = FZ_STATUS(rc, "unmap_resource");
            res[i] = NULL;
        }
}

/* Check what a truthful kernel mapped: frame i of dom1 is visible at page
 * i of the mapping, exactly where err[i] says 0. */
static void check_contents(const uint8_t *base, size_t pages, const int *err, uint32_t dom)
{
    size_t i;

    if (!fz_truthful() || dom != 1)
        return;
    for (i = 0; i < pages && i < 32; i++) {
        const uint8_t *page;
        if (err != NULL && err[i] != 0)
            continue;
        page = xm_domain_page(1, arr[i]);
        FZ_ASSERT(page != NULL, "frame %zu mapped, gfn %llu not a page of dom1",
                  i, (unsigned long long)arr[i]);
        FZ_ASSERT(base[i * 4096 + 7] == page[7], "page %zu shows other memory", i);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static xentoollog_logger_stdiostream *logger;
    struct fz s;
    unsigned int ops = 0, i;
    uint8_t scene;
    int rc;

    if (logger == NULL) {
        FILE *null = fopen("/dev/null", "w");
        logger = xtl_createlogger_stdiostream(null, XTL_DEBUG, 0);
    }
    fz_begin(&s, data, size);
    (void)xm_domain_create(1, DOM1_PAGES);
    for (i = 0; i < DOM1_PAGES; i++) {
        uint8_t *p = xm_domain_page(1, i);
        if (p != NULL)
            p[7] = (uint8_t)(0x40 + i);
    }
    scene = fz_u8(&s);
    xm_set_feature(XM_FEAT_MMAP_RESOURCE, !(scene & 1));
    xm_set_feature(XM_FEAT_MMAPBATCH_V2, !(scene & 2));
    if (scene & 4)
        xm_set_devices(XM_DEV_ALL & ~XM_DEV_PRIVCMD);

    while (fz_more(&s) && ops++ < 40) {
        uint8_t op = fz_u8(&s);
        void *addr;
        size_t pages;
        uint32_t dom;

        if (fm == NULL && op % 12 != 11)
            op = 0;
        switch (op % 12) {
        case 0: {
            /* The logger bit's byte also picks VERIXEN_FMEM_BATCH_PAGES
             * (verixen's request size; upstream ignores it): small sizes
             * split a map into several requests.  The bytes are taken in
             * the order the argument list took them: the corpus keeps its
             * meaning. */
            static const char *const batch[] = { NULL, "1", "7", "x" };
            uint8_t v;
            unsigned int flags;
            const char *b;
            if (fm != NULL)
                break;
            v = fz_u8(&s);
            flags = fz_u8(&s) < 0xf0 ? 0 : fz_u32(&s);
            b = batch[(v >> 1) & 3u];
            if (b != NULL)
                (void)setenv("VERIXEN_FMEM_BATCH_PAGES", b, 1);
            fm = FZ(xenforeignmemory_open(v & 1 ? (xentoollog_logger *)logger : NULL, flags));
            if (b != NULL)
                (void)unsetenv("VERIXEN_FMEM_BATCH_PAGES");
            FZ_FAILED(fm == NULL, "xenforeignmemory_open");
            break;
        }
        case 1:
            release_all();
            rc = FZ(xenforeignmemory_close(fm));
            rc = FZ_STATUS(rc, "xenforeignmemory_close");
            fm = NULL;
            break;
        case 2: case 3: {
            uint8_t how = fz_u8(&s);
            int *e = how & 1 ? errs : NULL;
            int prot = how & 2 ? PROT_READ : PROT_READ | PROT_WRITE;
            void *fixed = NULL;

            pages = how & 4 ? 1 + fz_u16(&s) % MAXPAGES : 1 + fz_u8(&s) % 8;
            if ((how & 0xc0) == 0xc0)
                pages = fz_size(&s, MAXPAGES);    /* 0, or absurdly many */
            dom = fz_val32(&s, 1);
            for (i = 0; i < pages && i < MAXPAGES; i++)
                arr[i] = i < 16 && !(how & 8) ? (xen_pfn_t)((fz_u8(&s) % 20)) : (xen_pfn_t)i % 24;
            if (how & 0x10)
                arr[0] = fz_u64(&s);
            memset(errs, 0x11, sizeof(errs));
            if (pages > MAXPAGES && pages < (SIZE_MAX >> 13))
                pages = MAXPAGES;
            if ((op % 12) == 2) {
                addr = FZ(xenforeignmemory_map(fm, dom, prot, pages, arr, e));
            } else {
                int flags = 0;
                if ((how & 0x20) && pages <= MAXPAGES) {
                    /* MAP_FIXED over a region the caller reserved. */
                    fixed = mmap(NULL, pages * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                    if (fixed == MAP_FAILED)
                        fixed = NULL;
                    flags = fixed ? MAP_FIXED : 0;
                }
                addr = FZ(xenforeignmemory_map2(fm, dom, fixed, prot, flags, pages, arr, e));
                FZ_ASSERT(addr == NULL || fixed == NULL || addr == fixed,
                          "MAP_FIXED mapping at %p, not %p", addr, fixed);
                if (addr == NULL && fixed != NULL)
                    munmap(fixed, pages * 4096);
            }
            FZ_FAILED(addr == NULL, "map/map2");
            FZ_ASSERT(addr == NULL || ((uintptr_t)addr & 4095) == 0, "unaligned mapping");
            if (addr != NULL) {
                /* Known bug: after MMAPBATCH_V2 failed with ENOENT the
                 * library trusts err[] to hold the -ENOENT entries; a kernel
                 * that failed before writing them gets success reported with
                 * err[] never written (fuzz/crashes/foreignmemory-enoent-
                 * without-err). */
                int unwritten_ok = xm_hostile_failures() > 0 &&
                                   fz_known_bug("foreignmemory-enoent-without-err");
                if (e != NULL && fz_truthful() && !unwritten_ok)
                    for (i = 0; i < pages; i++)
                        FZ_ASSERT(errs[i] <= 0, "err[%u] = %d", i, errs[i]);
                if (!unwritten_ok)
                    check_contents(addr, pages, e, dom);
                track(addr, pages);
            }
            break;
        }
        case 4: {
            /* Unmap: ours, part of ours, or never ours. */
            struct fmap *m = &maps[fz_u8(&s) % NMAPS];
            uint8_t how = fz_u8(&s);
            void *a = m->addr != NULL ? m->addr : (void *)arr;
            size_t n = m->addr != NULL ? m->pages : 1;

            if (how & 1)
                a = (uint8_t *)a + 4096;
            if (how & 2)
                n = fz_size(&s, 8);
            rc = FZ(xenforeignmemory_unmap(fm, a, n));
            rc = FZ_STATUS(rc, "unmap");
            if (rc == 0) {
                /* (a shifted address may be another mapping of ours) */
                for (i = 0; i < NMAPS; i++)
                    if (maps[i].addr == a && maps[i].pages == n)
                        break;
                FZ_ASSERT(i < NMAPS,
                          "unmap(%p, %zu) succeeded: not exactly a mapping of this handle", a, n);
                maps[i].addr = NULL;
            }
            break;
        }
        case 5:
            rc = FZ(xenforeignmemory_restrict(fm, (domid_t)fz_val32(&s, 1)));
            /* Known bug: a positive answer of the RESTRICT ioctl is passed
             * through (fuzz/crashes/foreignmemory-restrict-positive). */
            if (rc > 0 && fz_known_bug("foreignmemory-restrict-positive"))
                rc = 0;
            rc = FZ_STATUS(rc, "restrict");
            break;
        case 6: {
            unsigned int slot = fz_u8(&s) % NRES;
            void *where = NULL;
            unsigned long frame, nr;
            unsigned int type = fz_u8(&s) % 4, id = fz_u8(&s) % 3;
            uint8_t how = fz_u8(&s);
            int flags = how & 1 ? MAP_SHARED : (how & 2 ? MAP_PRIVATE : 0);

            if (how & 0x80)
                flags = (int)fz_u32(&s);
            frame = how & 4 ? fz_u64(&s) : fz_u8(&s) % 4;
            nr = how & 8 ? (unsigned long)fz_size(&s, 4) : fz_u8(&s) % 5;
            if (how & 0x40)
                where = (void *)(uintptr_t)0x100000000000ull;
            if (res[slot] != NULL) {
                (void)xenforeignmemory_unmap_resource(fm, res[slot]);
                res[slot] = NULL;
            }
            res[slot] = FZ(xenforeignmemory_map_resource(fm, (domid_t)fz_val32(&s, 1), type, id,
                                                         frame, nr, &where,
                                                         how & 0x10 ? PROT_READ : PROT_READ | PROT_WRITE,
                                                         flags));
            FZ_FAILED(res[slot] == NULL, "map_resource");
            if (res[slot] != NULL && fz_truthful() && nr > 0 && nr < 5 && where != NULL && !(how & 0x10))
                memset(where, 0xee, nr * 4096);
            break;
        }
        case 7: {
            unsigned int slot = fz_u8(&s) % NRES;
            rc = FZ(xenforeignmemory_unmap_resource(fm, res[slot]));
            rc = FZ_STATUS(rc, "unmap_resource");
            res[slot] = NULL;
            break;
        }
        case 8: {
            size_t sz = 0x5a5a;
            rc = FZ(xenforeignmemory_resource_size(fm, (domid_t)fz_val32(&s, 1), fz_u8(&s) % 4,
                                                   fz_u8(&s) % 3, &sz));
            rc = FZ_STATUS(rc, "resource_size");
            FZ_ASSERT(rc < 0 || (sz & 4095) == 0, "resource size %zu not whole pages", sz);
            break;
        }
        case 9:
            fz_note_restrict();
            rc = FZ(xentoolcore_restrict_all((domid_t)fz_val32(&s, 1)));
            rc = FZ_STATUS(rc, "restrict_all");
            break;
        case 10: {
            /* The guest's memory is paged out for a while (or for good). */
            uint8_t k = fz_u8(&s);
            (void)xm_domain_page_out(1, k % DOM1_PAGES, k & 0x80 ? ~0u : (k >> 4) & 7);
            break;
        }
        default:
            /* Calls on no handle. */
            addr = FZ(xenforeignmemory_map(NULL, 1, PROT_READ, 1, arr, NULL));
            FZ_ASSERT(addr == NULL && errno > 0, "map(NULL handle)");
            rc = FZ(xenforeignmemory_unmap(NULL, arr, 1));
            FZ_ASSERT(rc == -1 && errno > 0, "unmap(NULL handle)");
            break;
        }
    }
    release_all();
    rc = FZ(xenforeignmemory_close(fm));
    FZ_FAILED(rc < 0, "final xenforeignmemory_close");
    fm = NULL;
    fz_end();
    return 0;
}
