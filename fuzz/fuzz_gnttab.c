/*
 * fuzz_gnttab.c - libxengnttab (gnttab and gntshr) under a hostile kernel.
 *
 * Target functions: xengnttab_open, xengnttab_close, xengnttab_fd,
 * xengnttab_set_max_grants, xengnttab_map_grant_ref,
 * xengnttab_map_grant_refs, xengnttab_map_domain_grant_refs,
 * xengnttab_map_grant_ref_notify, xengnttab_unmap, xengnttab_grant_copy,
 * xengnttab_dmabuf_exp_from_refs, xengnttab_dmabuf_exp_wait_released,
 * xengnttab_dmabuf_imp_to_refs, xengnttab_dmabuf_imp_release,
 * xengntshr_open, xengntshr_close, xengntshr_fd, xengntshr_share_pages,
 * xengntshr_share_page_notify, xengntshr_unshare, xentoolcore_restrict_all.
 */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <stdint.h>
#include <stdio.h>
#include <xen/xen.h>
#include <xen/grant_table.h>

#include "fuzz_common.h"
#include "xengnttab.h"
#include "xentoolcore.h"
#include "xentoollog.h"

#define NMAPS 8
#define MAXREFS 64
#define NGRANTS 6

struct mapping {
    void *addr;
    uint32_t count;
    int shr;                 /* made by gntshr */
};

static xengnttab_handle *gt;
static xengntshr_handle *gs;
static struct mapping maps[NMAPS];
static uint32_t grefs[NGRANTS];      /* dom1 -> dom0, grefs[5] read-only */
static int dmabuf_fds[4];
static uint8_t local[65536 + 8192];  /* local ends of grant copies */

static void track(void *addr, uint32_t count, int shr, int writable)
{
    unsigned int i;

    for (i = 0; i < NMAPS; i++)
        if (maps[i].addr == NULL) {
            maps[i].addr = addr;
            maps[i].count = count;
            maps[i].shr = shr;
            /* The pages are ours: a truthful kernel mapped them. */
            if (fz_truthful() && writable)
                memset(addr, 0x5a, (size_t)count * 4096u);
            else if (fz_truthful())
                (void)*(volatile uint8_t *)addr;
            return;
        }
    /* Table full: give it back at once. */
    if (shr)
        (void)xengntshr_unshare(gs, addr, count);
    else
        (void)xengnttab_unmap(gt, addr, count);
}

/* Before a close: the API asks the caller to unmap first. */
static void unmap_all(int shr)
{
    unsigned int i;
    int rc;

    for (i = 0; i < NMAPS; i++)
        if (maps[i].addr != NULL && maps[i].shr == shr) {
            rc = FZ(shr ? xengntshr_unshare(gs, maps[i].addr, maps[i].count)
                        : xengnttab_unmap(gt, maps[i].addr, maps[i].count));
            FZ_FAILED(rc < 0, "unmap before close");
            maps[i].addr = NULL;
        }
}

static uint32_t some_ref(struct fz *s)
{
    return fz_val32(s, grefs[fz_u8(s) % NGRANTS]);
}

static void copy_end(struct fz *s, union xengnttab_copy_ptr *p, int foreign)
{
    if (foreign) {
        p->foreign.ref = some_ref(s);
        p->foreign.offset = (uint16_t)(fz_u8(s) < 0xf0 ? fz_u8(s) * 16u : fz_u16(s));
        p->foreign.domid = (uint16_t)fz_val32(s, 1);
    } else {
        p->virt = local + fz_u16(s) % 8192u;
    }
}

static void close_all(void)
{
    unsigned int i;
    int rc;

    unmap_all(0);
    unmap_all(1);
    for (i = 0; i < 4; i++)
        if (dmabuf_fds[i] >= 0) {
            close(dmabuf_fds[i]);
            dmabuf_fds[i] = -1;
        }
    rc = FZ(xengnttab_close(gt));
    FZ_FAILED(rc < 0, "final xengnttab_close");
    rc = FZ(xengntshr_close(gs));
    FZ_FAILED(rc < 0, "final xengntshr_close");
    gt = NULL;
    gs = NULL;
    memset(maps, 0, sizeof(maps));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static xentoollog_logger_stdiostream *logger;
    struct fz s;
    unsigned int ops = 0, i;
    uint8_t scene;
    uint32_t port = 0;

    if (logger == NULL) {
        FILE *null = fopen("/dev/null", "w");
        logger = xtl_createlogger_stdiostream(null, XTL_DEBUG, 0);
    }
    fz_begin(&s, data, size);
    for (i = 0; i < 4; i++)
        dmabuf_fds[i] = -1;
    (void)xm_domain_create(1, 16);
    for (i = 0; i < NGRANTS; i++)
        if (xm_grant_create(1, 0, i, i == NGRANTS - 1, &grefs[i]) < 0)
            grefs[i] = 0;
    (void)xm_evtchn_alloc_unbound(0, 1, &port);
    scene = fz_u8(&s);
    xm_set_feature(XM_FEAT_DMABUF, scene & 1);
    xm_set_feature(XM_FEAT_SET_MAX_GRANTS, (scene >> 1) & 1);
    if (scene & 4)
        xm_set_devices(XM_DEV_ALL & ~(scene & 8 ? XM_DEV_GNTDEV : XM_DEV_GNTALLOC));
    if (scene & 16)
        xm_set_gntalloc_limit(fz_u8(&s));

    while (fz_more(&s) && ops++ < 48) {
        uint8_t op = fz_u8(&s);
        uint32_t refs[MAXREFS], domids[MAXREFS], count;
        void *addr;
        int rc;

        if (gt == NULL && op % 16 >= 2 && op % 16 < 10)
            op = 0;
        if (gs == NULL && op % 16 >= 11)
            op = 10;
        switch (op % 16) {
        case 0:
            if (gt != NULL)
                break;
            gt = FZ(xengnttab_open(fz_u8(&s) & 1 ? (xentoollog_logger *)logger : NULL,
                                   fz_u8(&s) < 0xf0 ? 0 : fz_u32(&s)));
            FZ_FAILED(gt == NULL, "xengnttab_open");
            break;
        case 1:
            unmap_all(0);
            rc = FZ(xengnttab_close(gt));
            rc = FZ_STATUS(rc, "xengnttab_close");
            gt = NULL;
            break;
        case 2:
            rc = FZ(xengnttab_set_max_grants(gt, fz_val32(&s, 64)));
            rc = FZ_STATUS(rc, "set_max_grants");
            FZ_ASSERT(xengnttab_fd(gt) >= 0, "xengnttab_fd");
            break;
        case 3:
            rc = fz_u8(&s) & 1 ? PROT_READ : PROT_READ | PROT_WRITE;
            addr = FZ(xengnttab_map_grant_ref(gt, fz_val32(&s, 1), some_ref(&s), rc));
            FZ_FAILED(addr == NULL, "map_grant_ref");
            if (addr != NULL)
                track(addr, 1, 0, rc & PROT_WRITE);
            break;
        case 4:
            count = fz_u8(&s) % (MAXREFS + 1);
            for (i = 0; i < count; i++) {
                domids[i] = fz_val32(&s, 1);
                refs[i] = some_ref(&s);
            }
            rc = fz_u8(&s) & 1;
            addr = rc ? FZ(xengnttab_map_grant_refs(gt, count, domids, refs, PROT_READ | PROT_WRITE))
                      : FZ(xengnttab_map_domain_grant_refs(gt, count, domids[0], refs, PROT_READ));
            FZ_FAILED(addr == NULL, "map_grant_refs");
            if (addr != NULL)
                track(addr, count, 0, rc);
            break;
        case 5:
            addr = FZ(xengnttab_map_grant_ref_notify(gt, fz_val32(&s, 1), some_ref(&s),
                                                     PROT_READ | PROT_WRITE,
                                                     fz_val32(&s, fz_u16(&s) % 4096),
                                                     fz_val32(&s, port)));
            FZ_FAILED(addr == NULL, "map_grant_ref_notify");
            if (addr != NULL)
                track(addr, 1, 0, 1);
            break;
        case 6: case 12: {
            /* Unmap: a mapping of ours (maybe with the wrong count), or an
             * address this handle never mapped. */
            struct mapping *m = &maps[fz_u8(&s) % NMAPS];
            int shr = (op % 16) == 12;
            uint8_t how = fz_u8(&s);
            void *a = m->addr != NULL && m->shr == shr ? m->addr : local;
            uint32_t c = m->addr != NULL ? m->count : 1;

            if (how & 1)
                a = (uint8_t *)a + 4096 * (how >> 5);
            if (how & 2)
                c = fz_val32(&s, c);
            rc = shr ? FZ(xengntshr_unshare(gs, a, c)) : FZ(xengnttab_unmap(gt, a, c));
            rc = FZ_STATUS(rc, "unmap/unshare");
            /* A handle must never unmap memory it did not map (a shifted
             * address may be another mapping of ours). */
            if (rc == 0) {
                for (i = 0; i < NMAPS; i++)
                    if (maps[i].addr == a && maps[i].shr == shr)
                        break;
                FZ_ASSERT(i < NMAPS, "unmap of %p (count %u) succeeded, not a mapping of this handle",
                          a, c);
                maps[i].addr = NULL;
            }
            break;
        }
        case 7: {
            xengnttab_grant_copy_segment_t segs[8];
            count = fz_u8(&s) % 9;
            memset(segs, 0, sizeof(segs));
            for (i = 0; i < count; i++) {
                uint8_t k = fz_u8(&s);
                segs[i].flags = (k & 3) == 3 ? GNTCOPY_source_gref : (uint16_t)(k & 3);
                if (k & 0x80)
                    segs[i].flags = fz_u16(&s);
                copy_end(&s, &segs[i].source, segs[i].flags & GNTCOPY_source_gref);
                copy_end(&s, &segs[i].dest, segs[i].flags & GNTCOPY_dest_gref);
                segs[i].len = (uint16_t)(fz_u8(&s) < 0xf0 ? fz_u8(&s) * 17u : fz_u16(&s));
                segs[i].status = 0x7777;
            }
            rc = FZ(xengnttab_grant_copy(gt, count, fz_u8(&s) == 0xff ? NULL : segs));
            rc = FZ_STATUS(rc, "grant_copy");
            break;
        }
        case 8: {
            int fd_out = -1;
            unsigned int slot = fz_u8(&s) % 4;
            count = fz_u8(&s) % 5;
            for (i = 0; i < count; i++)
                refs[i] = some_ref(&s);
            rc = FZ(xengnttab_dmabuf_exp_from_refs(gt, fz_val32(&s, 1), fz_u8(&s) & 3,
                                                   count, refs, (uint32_t *)&fd_out));
            rc = FZ_STATUS(rc, "dmabuf_exp_from_refs");
            /* (hostile mode never falsifies this descriptor: it is real) */
            if (rc == 0 && fd_out >= 0) {
                if (dmabuf_fds[slot] >= 0)
                    close(dmabuf_fds[slot]);
                dmabuf_fds[slot] = fd_out;
            }
            break;
        }
        case 9: {
            unsigned int slot = fz_u8(&s) % 4;
            uint8_t what = fz_u8(&s);
            uint32_t fd = fz_val32(&s, (uint32_t)dmabuf_fds[slot]);

            if (what & 1 && dmabuf_fds[slot] >= 0) {
                close(dmabuf_fds[slot]);
                dmabuf_fds[slot] = -1;
            }
            if (what & 2) {
                rc = FZ(xengnttab_dmabuf_exp_wait_released(gt, fd, fz_u8(&s) % 3));
                FZ_FAILED(rc < 0, "dmabuf_exp_wait_released");
            } else if (what & 4) {
                count = fz_u8(&s) % 5;
                rc = FZ(xengnttab_dmabuf_imp_to_refs(gt, fz_val32(&s, 1), fd, count, refs));
                rc = FZ_STATUS(rc, "dmabuf_imp_to_refs");
            } else {
                rc = FZ(xengnttab_dmabuf_imp_release(gt, fd));
                rc = FZ_STATUS(rc, "dmabuf_imp_release");
            }
            break;
        }
        case 10:
            if (gs != NULL)
                break;
            gs = FZ(xengntshr_open(fz_u8(&s) & 1 ? (xentoollog_logger *)logger : NULL,
                                   fz_u8(&s) < 0xf0 ? 0 : fz_u32(&s)));
            FZ_FAILED(gs == NULL, "xengntshr_open");
            break;
        case 11: {
            int n = fz_u8(&s) < 0xf8 ? (int)(fz_u8(&s) % (MAXREFS + 1))
                                     : (int)fz_val32(&s, 1);
            if (n > MAXREFS)
                n = -n;    /* hostile but never beyond refs[] */
            addr = FZ(xengntshr_share_pages(gs, fz_val32(&s, 1), n, refs, fz_u8(&s) & 1));
            FZ_FAILED(addr == NULL, "share_pages");
            if (addr != NULL)
                track(addr, (uint32_t)n, 1, 1);
            break;
        }
        case 13:
            addr = FZ(xengntshr_share_page_notify(gs, fz_val32(&s, 1), refs, fz_u8(&s) & 1,
                                                  fz_val32(&s, fz_u16(&s) % 4096),
                                                  fz_val32(&s, port)));
            FZ_FAILED(addr == NULL, "share_page_notify");
            if (addr != NULL)
                track(addr, 1, 1, 1);
            break;
        case 14:
            fz_note_restrict();
            rc = FZ(xentoolcore_restrict_all((domid_t)fz_val32(&s, 1)));
            FZ_FAILED(rc < 0, "restrict_all");
            FZ_ASSERT(xengntshr_fd(gs) >= 0, "xengntshr_fd");
            break;
        default:
            unmap_all(1);
            rc = FZ(xengntshr_close(gs));
            rc = FZ_STATUS(rc, "xengntshr_close");
            gs = NULL;
            break;
        }
    }
    close_all();
    fz_end();
    return 0;
}
