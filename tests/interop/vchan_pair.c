/*
 * vchan_pair.c - Debian's libxenvchan between two processes acting as
 * domains 1 and 2 on one shared model (XENMOCK_STATE), with
 * test_xenstored as xenstore (XENSTORED_PATH names the socket, one per
 * domain).  libxenvchan sits on whichever libxenevtchn/libxengnttab the
 * dynamic linker finds (ours with LD_LIBRARY_PATH=lib, else Debian's).
 *
 *   vchan_pair xs DIR     : domain 0: the xenstore daemon itself, through
 *                           Debian's libxenstore (read/write/mkdir/rm/
 *                           directory/perms/watch/transaction).
 *   vchan_pair server DIR : domain 1: libxenvchan_server_init(logger, 2,
 *                           "data/vchan", 0, 0), receives a message and a
 *                           16 KiB stream, answers both, waits for the
 *                           client to close, closes (the node goes away);
 *                           then the same with rings of 16 and 8 KiB
 *                           (granted pages beyond the ring page) and a
 *                           256 KiB stream.
 *   vchan_pair client DIR : domain 2: checks the server's xenstore node
 *                           (readable, not writable), client_init(logger,
 *                           1, "/local/domain/1/data/vchan"), sends,
 *                           receives, closes.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libxenvchan.h>
#include <xenstore.h>
#include <xentoollog.h>

#include "xenmock.h"

static int failures;
static const char *role = "?";

#define EXPECT(cond)                                                           \
    do {                                                                       \
        if (cond) {                                                            \
            printf("PASS: vchan[%s]: %s\n", role, #cond);                      \
        } else {                                                               \
            printf("FAIL: vchan[%s]: %s (errno %d)\n", role, #cond, errno);    \
            failures++;                                                        \
        }                                                                      \
        fflush(stdout);                                                        \
    } while (0)

#define STREAM_LEN (16 * 1024)
#define BIG_LEN    (256 * 1024)
static unsigned char big[BIG_LEN];
static const char hello[] = "hello from domain 2";
static const char answer[] = "hello from domain 1";

/* Wait (up to 10 s) for one event on the vchan and consume it. */
static int wait_event(struct libxenvchan *v)
{
    struct pollfd p = { .fd = libxenvchan_fd_for_select(v), .events = POLLIN };

    if (poll(&p, 1, 10000) != 1)
        return -1;
    return libxenvchan_wait(v);
}

/* Read exactly len bytes (stream), waiting for events as needed. */
static int read_all(struct libxenvchan *v, void *buf, size_t len)
{
    size_t got = 0;

    while (got < len) {
        int n = libxenvchan_read(v, (char *)buf + got, len - got);
        if (n < 0)
            return -1;
        got += (size_t)n;
        if (got < len && n == 0 && wait_event(v) < 0)
            return -1;
    }
    return 0;
}

static int write_all(struct libxenvchan *v, const void *buf, size_t len)
{
    size_t put = 0;

    while (put < len) {
        int n = libxenvchan_write(v, (const char *)buf + put, len - put);
        if (n < 0)
            return -1;
        put += (size_t)n;
        if (put < len && n == 0 && wait_event(v) < 0)
            return -1;
    }
    return 0;
}

static void wait_file(const char *dir, const char *name)
{
    char path[512];
    int i;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    for (i = 0; i < 200 && access(path, F_OK) != 0; i++)
        usleep(50000);
}

static void touch(const char *dir, const char *name)
{
    char path[512];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "w");
    if (f != NULL)
        fclose(f);
}

static unsigned char pattern(size_t i)
{
    return (unsigned char)((i * 7 + 3) & 0xff);
}

/* ---- the xenstore daemon through Debian's libxenstore ---------------------- */

static int has_entry(char **list, unsigned int n, const char *name)
{
    unsigned int i;

    for (i = 0; i < n; i++)
        if (strcmp(list[i], name) == 0)
            return 1;
    return 0;
}

static int side_xs(void)
{
    struct xs_handle *xs = xs_open(0);
    struct xs_permissions perms[2] = { { 1, XS_PERM_NONE }, { 2, XS_PERM_READ } }, *got;
    xs_transaction_t t;
    unsigned int len = 0, n = 0;
    char *val, **list;

    EXPECT(xs != NULL);
    if (xs == NULL)
        return 1;
    val = xs_read(xs, XBT_NULL, "domid", &len);     /* relative: our home */
    EXPECT(val != NULL && strcmp(val, "0") == 0 && len == 1);
    free(val);
    val = xs_get_domain_path(xs, 7);
    EXPECT(val != NULL && strcmp(val, "/local/domain/7") == 0);
    free(val);

    EXPECT(xs_write(xs, XBT_NULL, "/test/a/b", "v1", 2));
    val = xs_read(xs, XBT_NULL, "/test/a/b", &len);
    EXPECT(val != NULL && len == 2 && memcmp(val, "v1", 2) == 0);
    free(val);
    EXPECT(xs_mkdir(xs, XBT_NULL, "/test/a/c"));
    list = xs_directory(xs, XBT_NULL, "/test/a", &n);
    EXPECT(list != NULL && n == 2 && has_entry(list, n, "b") && has_entry(list, n, "c"));
    free(list);
    errno = 0;
    EXPECT(xs_read(xs, XBT_NULL, "/test/nope", &len) == NULL && errno == ENOENT);

    EXPECT(xs_set_permissions(xs, XBT_NULL, "/test/a/b", perms, 2));
    got = xs_get_permissions(xs, XBT_NULL, "/test/a/b", &n);
    EXPECT(got != NULL && n == 2 && got[0].id == 1 && got[0].perms == XS_PERM_NONE &&
           got[1].id == 2 && got[1].perms == XS_PERM_READ);
    free(got);

    /* Watches: the registration event, then one per change below. */
    EXPECT(xs_watch(xs, "/test/a", "tok"));
    list = xs_read_watch(xs, &n);
    EXPECT(list != NULL && strcmp(list[XS_WATCH_PATH], "/test/a") == 0 &&
           strcmp(list[XS_WATCH_TOKEN], "tok") == 0);
    free(list);
    EXPECT(xs_write(xs, XBT_NULL, "/test/a/c", "x", 1));
    list = xs_read_watch(xs, &n);
    EXPECT(list != NULL && strcmp(list[XS_WATCH_PATH], "/test/a/c") == 0);
    free(list);

    /* Transactions: invisible until committed; abort discards. */
    t = xs_transaction_start(xs);
    EXPECT(t != XBT_NULL);
    EXPECT(xs_write(xs, t, "/test/a/tx", "1", 1));
    errno = 0;
    EXPECT(xs_read(xs, XBT_NULL, "/test/a/tx", &len) == NULL && errno == ENOENT);
    EXPECT(xs_transaction_end(xs, t, false));
    val = xs_read(xs, XBT_NULL, "/test/a/tx", &len);
    EXPECT(val != NULL && strcmp(val, "1") == 0);
    free(val);
    list = xs_read_watch(xs, &n);       /* fired at commit */
    EXPECT(list != NULL && strcmp(list[XS_WATCH_PATH], "/test/a/tx") == 0);
    free(list);
    t = xs_transaction_start(xs);
    EXPECT(xs_write(xs, t, "/test/a/gone", "1", 1));
    EXPECT(xs_transaction_end(xs, t, true));
    errno = 0;
    EXPECT(xs_read(xs, XBT_NULL, "/test/a/gone", &len) == NULL && errno == ENOENT);
    /* A conflicting change: EAGAIN at commit. */
    t = xs_transaction_start(xs);
    EXPECT(xs_write(xs, t, "/test/a/c", "in tx", 5));
    EXPECT(xs_write(xs, XBT_NULL, "/test/other", "y", 1));
    errno = 0;
    EXPECT(!xs_transaction_end(xs, t, false) && errno == EAGAIN);

    EXPECT(xs_unwatch(xs, "/test/a", "tok"));
    EXPECT(xs_rm(xs, XBT_NULL, "/test"));
    errno = 0;
    EXPECT(xs_read(xs, XBT_NULL, "/test/a/b", &len) == NULL && errno == ENOENT);
    /* xs_close cancels and joins libxenstore's reader thread (started by
     * the watch): this only returns if the shim hands reads on ordinary
     * descriptors to libc's read(), a cancellation point. */
    xs_close(xs);
    EXPECT(1); /* xs_close returned */
    return failures != 0;
}

/* ---- server (domain 1) and client (domain 2) --------------------------------- */

static int side_server(const char *dir)
{
    xentoollog_logger *lg =
        (xentoollog_logger *)xtl_createlogger_stdiostream(stderr, XTL_ERROR, 0);
    struct libxenvchan *v;
    unsigned char *stream = malloc(STREAM_LEN);
    char buf[64];
    unsigned long sum = 0;
    size_t i;
    int ok = 1;
    struct xs_handle *xs;

    xm_reset();
    EXPECT(xm_domain_create(1, 64) == 0 && xm_domain_create(2, 64) == 0);
    EXPECT(xm_set_current_domain(1) == 0);
    v = libxenvchan_server_init(lg, 2, "data/vchan", 0, 0);
    EXPECT(v != NULL);
    if (v == NULL || stream == NULL)
        return 1;
    touch(dir, "server.ready");

    EXPECT(read_all(v, buf, sizeof(hello)) == 0);
    EXPECT(memcmp(buf, hello, sizeof(hello)) == 0);
    EXPECT(write_all(v, answer, sizeof(answer)) == 0);

    /* A stream sixteen times the ring: wraps many times. */
    EXPECT(read_all(v, stream, STREAM_LEN) == 0);
    for (i = 0; i < STREAM_LEN; i++) {
        ok &= stream[i] == pattern(i);
        sum += stream[i];
    }
    EXPECT(ok);
    snprintf(buf, sizeof(buf), "%lu", sum);
    EXPECT(write_all(v, buf, strlen(buf) + 1) == 0);

    /* The client closes: the server sees it. */
    for (i = 0; i < 100 && libxenvchan_is_open(v); i++)
        if (wait_event(v) < 0)
            break;
    EXPECT(!libxenvchan_is_open(v));
    libxenvchan_close(v);

    /* Rings too large for the shared page: 4 + 2 more granted pages
     * (xengntshr_share_pages, xengnttab_map_domain_grant_refs). */
    v = libxenvchan_server_init(lg, 2, "data/vchan-big", 16384, 8192);
    EXPECT(v != NULL);
    if (v == NULL)
        return 1;
    touch(dir, "server-big.ready");
    EXPECT(read_all(v, big, BIG_LEN) == 0);
    ok = 1;
    sum = 0;
    for (i = 0; i < BIG_LEN; i++) {
        ok &= big[i] == pattern(i * 3);
        sum += big[i];
    }
    EXPECT(ok);
    snprintf(buf, sizeof(buf), "%lu", sum);
    EXPECT(write_all(v, buf, strlen(buf) + 1) == 0);
    for (i = 0; i < 100 && libxenvchan_is_open(v); i++)
        if (wait_event(v) < 0)
            break;
    EXPECT(!libxenvchan_is_open(v));
    libxenvchan_close(v);

    /* Closing the server removed its xenstore node. */
    xs = xs_open(0);
    EXPECT(xs != NULL);
    if (xs != NULL) {
        unsigned int len;
        errno = 0;
        EXPECT(xs_read(xs, XBT_NULL, "data/vchan/ring-ref", &len) == NULL &&
               errno == ENOENT);
        xs_close(xs);
    }
    free(stream);
    xtl_logger_destroy(lg);
    return failures != 0;
}

static int side_client(const char *dir)
{
    xentoollog_logger *lg =
        (xentoollog_logger *)xtl_createlogger_stdiostream(stderr, XTL_ERROR, 0);
    struct libxenvchan *v;
    unsigned char *stream = malloc(STREAM_LEN);
    char buf[64], want[64];
    unsigned long sum = 0;
    struct xs_handle *xs;
    unsigned int len = 0;
    char *val;
    size_t i;

    wait_file(dir, "server.ready");
    /* The server published its ring for us alone: readable, not writable. */
    xs = xs_open(0);
    EXPECT(xs != NULL);
    if (xs == NULL || stream == NULL)
        return 1;
    val = xs_read(xs, XBT_NULL, "/local/domain/1/data/vchan/ring-ref", &len);
    EXPECT(val != NULL && atoi(val) > 0);
    free(val);
    errno = 0;
    EXPECT(!xs_write(xs, XBT_NULL, "/local/domain/1/data/vchan/ring-ref", "1", 1) &&
           errno == EACCES);
    xs_close(xs);

    EXPECT(xm_set_current_domain(2) == 0);
    v = libxenvchan_client_init(lg, 1, "/local/domain/1/data/vchan");
    EXPECT(v != NULL);
    if (v == NULL)
        return 1;
    EXPECT(libxenvchan_is_open(v) == 1);
    EXPECT(write_all(v, hello, sizeof(hello)) == 0);
    EXPECT(read_all(v, buf, sizeof(answer)) == 0);
    EXPECT(memcmp(buf, answer, sizeof(answer)) == 0);

    for (i = 0; i < STREAM_LEN; i++) {
        stream[i] = pattern(i);
        sum += stream[i];
    }
    EXPECT(write_all(v, stream, STREAM_LEN) == 0);
    snprintf(want, sizeof(want), "%lu", sum);
    memset(buf, 0, sizeof(buf));
    EXPECT(read_all(v, buf, strlen(want) + 1) == 0);
    EXPECT(strcmp(buf, want) == 0);
    libxenvchan_close(v);

    /* The large-ring channel: 4 pages towards the server. */
    wait_file(dir, "server-big.ready");
    v = libxenvchan_client_init(lg, 1, "/local/domain/1/data/vchan-big");
    EXPECT(v != NULL);
    if (v == NULL)
        return 1;
    EXPECT(libxenvchan_buffer_space(v) == 16384);
    sum = 0;
    for (i = 0; i < BIG_LEN; i++) {
        big[i] = pattern(i * 3);
        sum += big[i];
    }
    EXPECT(write_all(v, big, BIG_LEN) == 0);
    snprintf(want, sizeof(want), "%lu", sum);
    memset(buf, 0, sizeof(buf));
    EXPECT(read_all(v, buf, strlen(want) + 1) == 0);
    EXPECT(strcmp(buf, want) == 0);
    libxenvchan_close(v);
    free(stream);
    xtl_logger_destroy(lg);
    return failures != 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: vchan_pair xs|server|client STATE-DIR\n");
        return 2;
    }
    role = argv[1];
    if (strcmp(role, "xs") == 0)
        return side_xs();
    if (strcmp(role, "server") == 0)
        return side_server(argv[2]);
    if (strcmp(role, "client") == 0)
        return side_client(argv[2]);
    fprintf(stderr, "usage: vchan_pair xs|server|client STATE-DIR\n");
    return 2;
}
