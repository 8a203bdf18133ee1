/*
 * domu_peer.c - runs inside a PV domU (statically linked against
 * verixen's libxengnttab/libxenevtchn archives): shares a page and offers
 * an event channel to dom0, announces them on its console, then waits for
 * dom0's reply in the page and its event.
 *
 * Console protocol (read by tests/xen/domu_dom0 from xenconsoled's log):
 *   VX-DOMU-OFFER <ref> <port>     page + port ready
 *   VX-DOMU-OK                     dom0 mapped, replied and notified
 *   VX-DOMU-FAIL <why>
 */
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xenevtchn.h>
#include <xengnttab.h>

static int fail(const char *why)
{
    printf("VX-DOMU-FAIL %s\n", why);
    fflush(stdout);
    return 1;
}

int main(void)
{
    xengntshr_handle *xgs = xengntshr_open(NULL, 0);
    xenevtchn_handle *xce = xenevtchn_open(NULL, 0);
    struct pollfd p;
    uint32_t ref;
    char *page;
    int port, got;

    if (xgs == NULL || xce == NULL)
        return fail("open");
    page = xengntshr_share_pages(xgs, 0, 1, &ref, 1);
    if (page == NULL)
        return fail("share");
    strcpy(page, "hello from the domU");
    port = xenevtchn_bind_unbound_port(xce, 0);
    if (port < 0)
        return fail("bind_unbound_port");
    printf("VX-DOMU-OFFER %u %d\n", ref, port);
    fflush(stdout);

    p.fd = xenevtchn_fd(xce);
    p.events = POLLIN;
    if (poll(&p, 1, 60000) != 1)
        return fail("no event from dom0");
    got = xenevtchn_pending(xce);
    if (got != port)
        return fail("wrong port");
    xenevtchn_unmask(xce, (evtchn_port_t)port);
    if (strcmp(page + 512, "hello from dom0") != 0)
        return fail("no reply in the page");
    printf("VX-DOMU-OK\n");
    fflush(stdout);
    xengntshr_unshare(xgs, page, 1);
    xenevtchn_close(xce);
    xengntshr_close(xgs);
    return 0;
}
