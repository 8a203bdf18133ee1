/*
 * fuzz_negative.c - the negative harness: a planted bug that only a lying
 * kernel can trigger.  `make fuzz-smoke` requires libFuzzer to find it
 * (an AddressSanitizer report) within its budget; if it does not, the
 * hostile-kernel plumbing (mock/hostile.c, the seam hooks, the input
 * split) is broken and the other harnesses prove nothing.
 *
 * The planted bug: a consumer of libxenevtchn counts events per port in a
 * table sized for the ports Xen can hand out to it (1024 here), trusting
 * xenevtchn_pending() to return such a port.  The library only promises a
 * port in [0, INT_MAX]; a kernel that lies about the port read from
 * /dev/xen/evtchn overflows the table.
 */
#include <fcntl.h>

#include "fuzz_common.h"
#include "xenevtchn.h"

static uint8_t events_per_port[1024];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xenevtchn_handle *h;
    struct fz s;
    unsigned int ops = 0;

    fz_begin(&s, data, size);
    h = xenevtchn_open(NULL, 0);
    if (h != NULL) {
        (void)fcntl(xenevtchn_fd(h), F_SETFL, O_NONBLOCK);
        while (fz_more(&s) && ops++ < 16) {
            uint8_t op = fz_u8(&s);
            xenevtchn_port_or_error_t port;

            switch (op % 3) {
            case 0:
                port = xenevtchn_bind_virq(h, op >> 2 & 15);
                if (port >= 0)
                    (void)xm_virq_raise(0, op >> 2 & 15);
                break;
            case 1:
                port = xenevtchn_pending(h);
                if (port >= 0) {
                    events_per_port[port]++;          /* the planted bug */
                    (void)xenevtchn_unmask(h, (evtchn_port_t)port);
                }
                break;
            default:
                break;
            }
        }
        (void)xenevtchn_close(h);
    }
    fz_end();
    return 0;
}
