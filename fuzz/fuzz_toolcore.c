/*
 * fuzz_toolcore.c - libxentoolcore: the active-handle registry and
 * restrict_all across every library's handles, under a hostile kernel
 * (failing /dev/null opens, dup2s, restrict ioctls).
 *
 * Target functions: xentoolcore__register_active_handle,
 * xentoolcore__deregister_active_handle, xentoolcore_restrict_all,
 * xentoolcore__restrict_by_dup2_null; and the restrict callbacks of
 * libxenevtchn, libxengnttab, libxencall, libxenforeignmemory.
 */
#include <fcntl.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "xencall.h"
#include "xenevtchn.h"
#include "xenforeignmemory.h"
#include "xengnttab.h"
#include "xentoolcore.h"
#include "xentoolcore_internal.h"

#define NAH 6

struct mine {
    Xentoolcore__Active_Handle ah;
    int registered;
    int answer;         /* what its callback returns */
    int err;            /* errno it sets when failing (may be 0 or < 0) */
    unsigned int calls;
};

static struct mine mine[NAH];
static unsigned int call_order;

static int mine_restrict(Xentoolcore__Active_Handle *ah, domid_t domid)
{
    struct mine *m = CONTAINER_OF(ah, struct mine, ah);

    (void)domid;
    m->calls = ++call_order;
    if (m->answer != 0)
        errno = m->err;
    return m->answer;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xenevtchn_handle *ev = NULL;
    xengnttab_handle *gt = NULL;
    xencall_handle *xc = NULL;
    xenforeignmemory_handle *fm = NULL;
    int pipefd[2] = { -1, -1 };
    struct fz s;
    unsigned int ops = 0, i;
    int rc;

    fz_begin(&s, data, size);
    for (i = 0; i < NAH; i++) {
        mine[i].ah.restrict_callback = mine_restrict;
        mine[i].registered = 0;
    }
    if (pipe2(pipefd, O_CLOEXEC) < 0)
        return 0;
    while (fz_more(&s) && ops++ < 48) {
        uint8_t op = fz_u8(&s);
        struct mine *m = &mine[(op >> 4) % NAH];

        switch (op % 10) {
        case 0:
            xentoolcore__register_active_handle(&m->ah);
            m->registered = 1;
            m->answer = (int[]){ 0, 0, -1, -1, -5, 1, 0, -1 }[fz_u8(&s) & 7];
            m->err = (int[]){ EPERM, EINVAL, 0, -3 }[fz_u8(&s) & 3];
            m->ah.restrict_callback = fz_u8(&s) == 0xff ? NULL : mine_restrict;
            break;
        case 1:
            /* Deregistering what is not registered must be harmless. */
            xentoolcore__deregister_active_handle(&m->ah);
            m->registered = 0;
            break;
        case 2: {
            unsigned int failed = 0, first_failed = 0;
            call_order = 0;
            for (i = 0; i < NAH; i++)
                mine[i].calls = 0;
            fz_note_restrict();
            rc = FZ(xentoolcore_restrict_all((domid_t)fz_val32(&s, 1)));
            for (i = 0; i < NAH; i++) {
                FZ_ASSERT(mine[i].calls == 0 || mine[i].registered,
                          "restrict_all called a deregistered handle");
                if (mine[i].calls && mine[i].answer != 0 &&
                    (!first_failed || mine[i].calls < first_failed)) {
                    failed = 1;
                    first_failed = mine[i].calls;
                }
            }
            /* Known divergence from the documented "-1": a callback's own
             * negative value is passed on, as upstream does
             * (fuzz/crashes/toolcore-restrict-all-result). */
            if (rc < -1 && fz_known_bug("toolcore-restrict-all-result"))
                rc = -1;
            rc = FZ_STATUS(rc, "restrict_all");
            FZ_ASSERT(!failed || rc == -1, "a callback failed, restrict_all said %d", rc);
            break;
        }
        case 3:
            /* Only descriptors the caller owns (or negative ones): dup2
             * onto a closed number would open it. */
            rc = FZ(xentoolcore__restrict_by_dup2_null(fz_u8(&s) & 1 ? pipefd[fz_u8(&s) & 1]
                                                                     : -1 - (int)(fz_u8(&s) % 3)));
            rc = FZ_STATUS(rc, "restrict_by_dup2_null");
            break;
        case 4:
            if (ev == NULL) {
                ev = FZ(xenevtchn_open(NULL, 0));
                FZ_FAILED(ev == NULL, "xenevtchn_open");
            } else {
                if (fz_u8(&s) & 1)
                    (void)xenevtchn_bind_unbound_port(ev, 0);
                rc = FZ(xenevtchn_close(ev));
                FZ_FAILED(rc < 0, "xenevtchn_close");
                ev = NULL;
            }
            break;
        case 5:
            if (gt == NULL) {
                gt = FZ(xengnttab_open(NULL, 0));
                FZ_FAILED(gt == NULL, "xengnttab_open");
            } else {
                rc = FZ(xengnttab_close(gt));
                FZ_FAILED(rc < 0, "xengnttab_close");
                gt = NULL;
            }
            break;
        case 6:
            if (xc == NULL) {
                xc = FZ(xencall_open(NULL, 0));
                FZ_FAILED(xc == NULL, "xencall_open");
            } else {
                rc = FZ(xencall_close(xc));
                FZ_FAILED(rc < 0, "xencall_close");
                xc = NULL;
            }
            break;
        case 7:
            if (fm == NULL) {
                fm = FZ(xenforeignmemory_open(NULL, 0));
                FZ_FAILED(fm == NULL, "xenforeignmemory_open");
            } else {
                rc = FZ(xenforeignmemory_close(fm));
                FZ_FAILED(rc < 0, "xenforeignmemory_close");
                fm = NULL;
            }
            break;
        case 8:
            /* After a restrict, the neutered handles fail cleanly. */
            if (xc != NULL) {
                rc = FZ(xencall1(xc, 17 /* xen_version */, 0));
                /* (a lying kernel's result may truncate to -1: documented) */
                if (fz_truthful())
                    FZ_FAILED(rc == -1, "xencall1");
            }
            if (ev != NULL) {
                rc = FZ(xenevtchn_bind_virq(ev, fz_u8(&s) % 24));
                FZ_FAILED(rc == -1, "bind_virq");
                FZ_ASSERT(rc >= -1, "bind_virq: %d", rc);
            }
            if (fm != NULL) {
                rc = FZ(xenforeignmemory_restrict(fm, (domid_t)fz_val32(&s, 1)));
                if (rc > 0 && fz_known_bug("foreignmemory-restrict-positive"))
                    rc = 0;
                rc = FZ_STATUS(rc, "fm restrict");
            }
            break;
        default:
            xentoolcore__register_active_handle(NULL);
            xentoolcore__deregister_active_handle(NULL);
            break;
        }
    }
    for (i = 0; i < NAH; i++)
        xentoolcore__deregister_active_handle(&mine[i].ah);
    FZ_FAILED(FZ(xenevtchn_close(ev)) < 0, "final xenevtchn_close");
    FZ_FAILED(FZ(xengnttab_close(gt)) < 0, "final xengnttab_close");
    FZ_FAILED(FZ(xencall_close(xc)) < 0, "final xencall_close");
    FZ_FAILED(FZ(xenforeignmemory_close(fm)) < 0, "final xenforeignmemory_close");
    close(pipefd[0]);
    close(pipefd[1]);
    fz_end();
    return 0;
}
