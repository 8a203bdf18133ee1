/*
 * domu_dom0.c - dom0's side of the domU exchange (see domu_peer.c), run
 * on verixen's shared libraries: map the domU's grant, check its message,
 * write a reply, bind to its port and notify.
 *   domu_dom0 DOMID REF PORT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <xenevtchn.h>
#include <xengnttab.h>

int main(int argc, char **argv)
{
    xengnttab_handle *xgt;
    xenevtchn_handle *xce;
    uint32_t domid, ref, port;
    char *page;
    int local;

    if (argc != 4)
        return 2;
    domid = (uint32_t)strtoul(argv[1], NULL, 0);
    ref = (uint32_t)strtoul(argv[2], NULL, 0);
    port = (uint32_t)strtoul(argv[3], NULL, 0);
    xgt = xengnttab_open(NULL, 0);
    xce = xenevtchn_open(NULL, 0);
    if (xgt == NULL || xce == NULL) {
        perror("open");
        return 1;
    }
    page = xengnttab_map_grant_ref(xgt, domid, ref, PROT_READ | PROT_WRITE);
    if (page == NULL) {
        perror("map_grant_ref");
        return 1;
    }
    if (strcmp(page, "hello from the domU") != 0) {
        fprintf(stderr, "unexpected page content '%.32s'\n", page);
        return 1;
    }
    strcpy(page + 512, "hello from dom0");
    local = xenevtchn_bind_interdomain(xce, domid, port);
    if (local < 0 || xenevtchn_notify(xce, (evtchn_port_t)local) < 0) {
        perror("bind_interdomain/notify");
        return 1;
    }
    printf("dom0: mapped ref %u of domain %u, replied, notified port %d\n", ref,
           domid, local);
    xengnttab_unmap(xgt, page, 1);
    xenevtchn_close(xce);
    xengnttab_close(xgt);
    return 0;
}
