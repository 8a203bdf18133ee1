/*
 * vchan_pair.c - Debian's libxenvchan (which drives libxenevtchn and
 * libxengnttab) as a server/client pair inside the real dom0, talking to
 * itself through a real xenstored, grants and event channels.
 *
^ *   xen_vchan_pair server PATH   : offer a vchan at PATH, answer one message
^ *   xen_vchan_pair client PATH   : connect, send "ping", expect "pong"
 */
#include <stdio.h>
#include <string.h>
#include <libxenvchan.h>

static int recv_exact(struct libxenvchan *v, char *buf, size_t len)
{
    /* libxenvchan_recv blocks until all `len` bytes have arrived. */
    return libxenvchan_recv(v, buf, len) == (int)len ? 0 : -1;
}

int main(int argc, char **argv)
{
    struct libxenvchan *v;
    char buf[5] = { 0 };

    if (argc != 3)
        return 2;
    if (strcmp(argv[1], "server") == 0) {
        v = libxenvchan_server_init(NULL, 0, argv[2], 0, 0);
        if (v == NULL) {
            perror("libxenvchan_server_init");
            return 1;
        }
        v->blocking = 1;
        if (recv_exact(v, buf, 4) < 0 || strcmp(buf, "ping") != 0) {
            fprintf(stderr, "server: got '%s'\n", buf);
            return 1;
        }
        if (libxenvchan_send(v, "pong", 4) != 4)
            return 1;
        /* Wait for the client to hang up before tearing down. */
        while (libxenvchan_is_open(v))
            libxenvchan_wait(v);
        libxenvchan_close(v);
        return 0;
    }
    v = libxenvchan_client_init(NULL, 0, argv[2]);
    if (v == NULL) {
        perror("libxenvchan_client_init");
        return 1;
    }
    v->blocking = 1;
    if (libxenvchan_send(v, "ping", 4) != 4 || recv_exact(v, buf, 4) < 0 ||
        strcmp(buf, "pong") != 0) {
        fprintf(stderr, "client: got '%s'\n", buf);
        return 1;
    }
    libxenvchan_close(v);
    return 0;
}
