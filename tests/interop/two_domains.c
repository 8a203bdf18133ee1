/*
 * two_domains.c - two processes, two simulated domains, one shared model
 * (XENMOCK_STATE): the frontend/backend handshake every PV driver does.
 *
 *   two_domains A DIR : domain 1 shares a page and offers an unbound port
 *                       to domain 2, writes "ref port" to DIR/handoff, then
 *                       waits for the peer's event and its reply.
 *   two_domains B DIR : domain 2 maps the grant, binds the port, reads
 *                       A's message, answers in the page and notifies.
 *
 * Linked against the public libraries (ours or Debian's) and libxenmock.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xenevtchn.h>
#include <xengnttab.h>

#include "xenmock.h"

static int failures;
static const char *role = "?";

#define EXPECT(cond)                                                           \
    do {                                                                       \
        if (cond) {                                                            \
            printf("PASS: two-domains[%s]: %s\n", role, #cond);                \
        } else {                                                               \
            printf("FAIL: two-domains[%s]: %s (errno %d)\n", role, #cond, errno); \
            failures++;                                                        \
        }                                                                      \
        fflush(stdout);                                                        \
    } while (0)

/* Wait up to 10 s for an event on xce; returns the port or -1. */
static int wait_event(xenevtchn_handle *xce)
{
    struct pollfd p = { .fd = xenevtchn_fd(xce), .events = POLLIN };
    int port;

    if (poll(&p, 1, 10000) != 1)
        return -1;
    port = xenevtchn_pending(xce);
    if (port >= 0)
        xenevtchn_unmask(xce, (evtchn_port_t)port);
    return port;
}

static int side_a(const char *dir)
{
    char path[512], tmp[512];
    xengntshr_handle *xgs;
    xenevtchn_handle *xce;
    uint32_t ref = 0;
    char *page;
    int port, i;
    FILE *f;

    xm_reset();
    EXPECT(xm_domain_create(1, 16) == 0 && xm_domain_create(2, 16) == 0);
    EXPECT(xm_set_current_domain(1) == 0);
    xgs = xengntshr_open(NULL, 0);
    xce = xenevtchn_open(NULL, 0);
    EXPECT(xgs != NULL && xce != NULL);
    if (xgs == NULL || xce == NULL)
        return 1;
    page = xengntshr_share_pages(xgs, 2, 1, &ref, 1);
    EXPECT(page != NULL);
    port = xenevtchn_bind_unbound_port(xce, 2);
    EXPECT(port > 0);
    if (page == NULL || port <= 0)
        return 1;
    strcpy(page, "ping from domain 1");

    snprintf(tmp, sizeof(tmp), "%s/handoff.tmp", dir);
    snprintf(path, sizeof(path), "%s/handoff", dir);
    f = fopen(tmp, "w");
    EXPECT(f != NULL);
    if (f == NULL)
        return 1;
    fprintf(f, "%u %d\n", ref, port);
    fclose(f);
    rename(tmp, path);    /* B sees the whole line or nothing */

    EXPECT(wait_event(xce) == port);
    EXPECT(strcmp(page, "pong from domain 2") == 0);
    EXPECT(xenevtchn_notify(xce, (evtchn_port_t)port) == 0);
    /* Give B time to see our event before we close the channel. */
    for (i = 0; i < 100 && access(path, F_OK) == 0; i++)
        usleep(100000);
    EXPECT(xengntshr_unshare(xgs, page, 1) == 0);
    EXPECT(xenevtchn_close(xce) == 0);
    EXPECT(xengntshr_close(xgs) == 0);
    return failures != 0;
}

static int side_b(const char *dir)
{
    char path[512];
    xengnttab_handle *xgt;
    xenevtchn_handle *xce;
    unsigned int ref = 0;
    int remote = 0, port, i, got = 0;
    char *page;
    FILE *f;

    snprintf(path, sizeof(path), "%s/handoff", dir);
    for (i = 0; i < 100 && got != 2; i++) {
        f = fopen(path, "r");
        if (f != NULL) {
            got = fscanf(f, "%u %d", &ref, &remote);
            fclose(f);
        }
        if (got != 2)
            usleep(100000);
    }
    EXPECT(got == 2);
    if (got != 2)
        return 1;
    EXPECT(xm_set_current_domain(2) == 0);
    xgt = xengnttab_open(NULL, 0);
    xce = xenevtchn_open(NULL, 0);
    EXPECT(xgt != NULL && xce != NULL);
    if (xgt == NULL || xce == NULL)
        return 1;
    page = xengnttab_map_grant_ref(xgt, 1, ref, PROT_READ | PROT_WRITE);
    EXPECT(page != NULL);
    port = xenevtchn_bind_interdomain(xce, 1, (evtchn_port_t)remote);
    EXPECT(port > 0);
    if (page == NULL || port <= 0)
        return 1;
    EXPECT(wait_event(xce) == port);    /* a fresh bind is pending once */
    EXPECT(strcmp(page, "ping from domain 1") == 0);
    strcpy(page, "pong from domain 2");
    EXPECT(xenevtchn_notify(xce, (evtchn_port_t)port) == 0);
    EXPECT(wait_event(xce) == port);    /* A's answer */
    unlink(path);
    EXPECT(xengnttab_unmap(xgt, page, 1) == 0);
    EXPECT(xenevtchn_close(xce) == 0);
    EXPECT(xengnttab_close(xgt) == 0);
    return failures != 0;
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[1], "A") != 0 && strcmp(argv[1], "B") != 0)) {
        fprintf(stderr, "usage: two_domains A|B STATE-DIR\n");
        return 2;
    }
    role = argv[1];
    return role[0] == 'A' ? side_a(argv[2]) : side_b(argv[2]);
}
