/*
 * xenctrl_client.c - Debian's own libxenctrl.so.4.17 (which links
 * libxencall and libxenforeignmemory) driven on top of verixen's
 * libraries and the LD_PRELOAD model: the answers must be the model's.
 * Run by tests/interop/xenctrl-on-verixen.
 */
#include <stdio.h>
#include <string.h>
#include <xenctrl.h>

#include "xenmock.h"

static int failures;

#define EXPECT(cond)                                                           \
    do {                                                                       \
        if (cond) {                                                            \
            printf("PASS: xenctrl-on-verixen: %s\n", #cond);                   \
        } else {                                                               \
            printf("FAIL: xenctrl-on-verixen: %s\n", #cond);                   \
            failures++;                                                        \
        }                                                                      \
    } while (0)

int main(void)
{
    xc_interface *xch;
    xc_physinfo_t info;
    xen_extraversion_t extra;
    xc_dominfo_t dom;
    int version;

    xm_reset();
    xch = xc_interface_open(NULL, NULL, 0);
    EXPECT(xch != NULL);
    if (xch == NULL)
        return 1;
    version = xc_version(xch, XENVER_version, NULL);
    EXPECT(version == ((4 << 16) | 17));
    memset(extra, 0, sizeof(extra));
    EXPECT(xc_version(xch, XENVER_extraversion, &extra) == 0);
    memset(&info, 0, sizeof(info));
    EXPECT(xc_physinfo(xch, &info) == 0);
    EXPECT(info.nr_cpus > 0);
    EXPECT(xc_domain_getinfo(xch, 0, 1, &dom) == 1 && dom.domid == 0);
    EXPECT(xc_interface_close(xch) == 0);
    {
        char report[1024];
        int clean = xm_check_invariants(report, sizeof(report)) == 0;
        if (!clean)
            printf("  model invariants:\n%s", report);
        EXPECT(clean);
    }
    return failures != 0;
}
