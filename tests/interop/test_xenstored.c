/*
 * test_xenstored.c - a tiny xenstore daemon for tests: the xenstore wire
 * protocol (xen/io/xs_wire.h) over unix sockets, enough for libxenstore
 * clients such as libxenvchan.
 *
 *   test_xenstored DIR DOMID...
 *
 * listens on DIR/xs-<DOMID> for each DOMID; a connection accepted on that
 * socket acts as that domain (point a client at it with XENSTORED_PATH).
 * Once every socket listens it creates DIR/xenstored.ready.  Runs until
 * SIGTERM/SIGINT.
 *
 * Modelled: READ, WRITE, MKDIR, RM, DIRECTORY, GET_PERMS, SET_PERMS,
 * WATCH/UNWATCH with events (one at registration, one per change at or
 * below the watched path, or removal of an ancestor), TRANSACTION_START/
 * END (a private copy of the store, committed whole, EAGAIN if the store
 * changed meanwhile), GET_DOMAIN_PATH, INTRODUCE/RELEASE/
 * IS_DOMAIN_INTRODUCED (trivial).  Relative paths resolve under
 * /local/domain/<domid>.  Permissions are enforced for domains other than
 * 0: the owner (first entry) may do anything, others get their own entry
 * or the default (the owner entry's bits); a new node inherits its
 * parent's permissions, owned by its creator.  Errors are XS_ERROR with
 * the errno's name.  Initially: /local/domain/<D>/domid = D for each DOMID,
 * owned by D.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <xen/io/xs_wire.h>

#define MAX_NODES     512
#define MAX_PERMS     8
#define MAX_CONNS     32
#define MAX_WATCHES   64
#define MAX_LISTEN    8
#define MAX_TX        8
#define PATH_LEN      256
#define VALUE_LEN     1024

struct perm {
    unsigned int id;
    char what;              /* 'n', 'r', 'w', 'b' */
};

struct node {
    int used;
    char path[PATH_LEN];    /* absolute */
    char value[VALUE_LEN];
    unsigned int len;
    struct perm perms[MAX_PERMS];
    unsigned int nperms;
};

struct store {
    struct node nodes[MAX_NODES];
    unsigned long generation;   /* bumped by every committed change */
};

struct tx {
    int used;
    uint32_t id;
    int conn;
    unsigned long base_generation;
    struct store copy;
    char changed[16][PATH_LEN]; /* fired at commit */
    unsigned int nchanged;
};

struct conn {
    int fd;                 /* -1: free */
    unsigned int domid;
    unsigned char buf[sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX];
    size_t have;
};

struct watch {
    int used;
    int conn;
    char path[PATH_LEN];    /* absolute */
    int relative;           /* registered relative: report relative paths */
    char token[PATH_LEN];
};

static struct store store;
static struct tx txs[MAX_TX];
static struct conn conns[MAX_CONNS];
static struct watch watches[MAX_WATCHES];
static uint32_t next_tx = 1;
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

/* ---- replies ------------------------------------------------------------ */

static void send_msg(int c, uint32_t type, uint32_t req_id, uint32_t tx_id,
                     const void *data, size_t len)
{
    struct xsd_sockmsg h = { type, req_id, tx_id, (uint32_t)len };
    unsigned char out[sizeof(h) + XENSTORE_PAYLOAD_MAX];
    size_t off = 0;

    if (len > XENSTORE_PAYLOAD_MAX)
        return;
    memcpy(out, &h, sizeof(h));
    memcpy(out + sizeof(h), data, len);
    len += sizeof(h);
    while (off < len) {
        ssize_t n = write(conns[c].fd, out + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;     /* the peer went away; its fd is reaped by poll */
        off += (size_t)n;
    }
}

static const char *errname(int err)
{
    size_t i;

    for (i = 0; i < sizeof(xsd_errors) / sizeof(xsd_errors[0]); i++)
        if (xsd_errors[i].errnum == err)
            return xsd_errors[i].errstring;
    return "EINVAL";
}

/* ---- the store ------------------------------------------------------------ */

static struct node *find(struct store *s, const char *path)
{
    int i;

    for (i = 0; i < MAX_NODES; i++)
        if (s->nodes[i].used && strcmp(s->nodes[i].path, path) == 0)
            return &s->nodes[i];
    return NULL;
}

static void parent_of(const char *path, char *out)
{
    const char *slash = strrchr(path, '/');

    if (slash == NULL || slash == path) {
        strcpy(out, "/");
        return;
    }
    memcpy(out, path, (size_t)(slash - path));
    out[slash - path] = '\0';
}

/* path is below (or equal to) dir, at a component boundary. */
static int is_below(const char *path, const char *dir)
{
    size_t n = strlen(dir);

    if (strcmp(dir, "/") == 0)
        return 1;
    return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

static unsigned int perms_for(const struct node *nd, unsigned int domid)
{
    unsigned int i;
    char w;

    if (domid == 0 || nd->perms[0].id == domid)
        return 3;
    w = nd->perms[0].what;
    for (i = 1; i < nd->nperms; i++)
        if (nd->perms[i].id == domid)
            w = nd->perms[i].what;
    return (w == 'r' ? 1u : w == 'w' ? 2u : w == 'b' ? 3u : 0u);
}

/* The node or its nearest existing ancestor. */
static struct node *nearest(struct store *s, const char *path)
{
    char p[PATH_LEN];
    struct node *nd;

    strcpy(p, path);
    while ((nd = find(s, p)) == NULL && strcmp(p, "/") != 0) {
        char up[PATH_LEN];
        parent_of(p, up);
        strcpy(p, up);
    }
    return nd;
}

/* Create path (and missing parents) owned by domid; errno on failure. */
static struct node *create(struct store *s, const char *path, unsigned int domid)
{
    struct node *nd = find(s, path), *parent;
    char up[PATH_LEN];
    int i;

    if (nd != NULL)
        return nd;
    parent_of(path, up);
    parent = create(s, up, domid);
    if (parent == NULL)
        return NULL;
    for (i = 0; i < MAX_NODES && s->nodes[i].used; i++)
        ;
    if (i == MAX_NODES) {
        errno = ENOSPC;
        return NULL;
    }
    nd = &s->nodes[i];
    memset(nd, 0, sizeof(*nd));
    nd->used = 1;
    strcpy(nd->path, path);
    memcpy(nd->perms, parent->perms, sizeof(nd->perms));
    nd->nperms = parent->nperms;
    if (domid != 0)
        nd->perms[0].id = domid;
    return nd;
}

static void remove_tree(struct store *s, const char *path)
{
    int i;

    for (i = 0; i < MAX_NODES; i++)
        if (s->nodes[i].used && is_below(s->nodes[i].path, path))
            s->nodes[i].used = 0;
}

static void seed(unsigned int domid)
{
    char path[PATH_LEN];
    struct node *nd;

    snprintf(path, sizeof(path), "/local/domain/%u/domid", domid);
    nd = create(&store, path, 0);
    if (nd == NULL)
        exit(1);
    nd->len = (unsigned int)snprintf(nd->value, sizeof(nd->value), "%u", domid);
    /* the domain owns its home */
    snprintf(path, sizeof(path), "/local/domain/%u", domid);
    find(&store, path)->perms[0].id = domid;
    find(&store, path)->perms[0].what = 'n';
    nd->perms[0].id = domid;
    nd->perms[0].what = 'n';
}

/* ---- watches -------------------------------------------------------------- */

static void fire_one(int w, const char *abs_path)
{
    char payload[2 * PATH_LEN + 2];
    const char *shown = abs_path;
    size_t n;

    if (watches[w].relative) {
        char home[64];
        size_t hl;

        snprintf(home, sizeof(home), "/local/domain/%u/",
                 conns[watches[w].conn].domid);
        hl = strlen(home);
        if (strncmp(abs_path, home, hl) == 0)
            shown = abs_path + hl;
    }
    n = strlen(shown) + 1;
    memcpy(payload, shown, n);
    memcpy(payload + n, watches[w].token, strlen(watches[w].token) + 1);
    n += strlen(watches[w].token) + 1;
    send_msg(watches[w].conn, XS_WATCH_EVENT, 0, 0, payload, n);
}

static void fire(const char *abs_path)
{
    int w;

    for (w = 0; w < MAX_WATCHES; w++)
        if (watches[w].used && (is_below(abs_path, watches[w].path) ||
                                is_below(watches[w].path, abs_path)))
            fire_one(w, is_below(abs_path, watches[w].path) ? abs_path
                                                             : watches[w].path);
}

/* ---- requests ------------------------------------------------------------- */

static struct tx *tx_get(uint32_t id, int c)
{
    int i;

    for (i = 0; i < MAX_TX; i++)
        if (txs[i].used && txs[i].id == id && txs[i].conn == c)
            return &txs[i];
    return NULL;
}

/* A change: fire now, or at commit when in a transaction. */
static void changed(struct tx *t, const char *path)
{
    if (t == NULL) {
        store.generation++;
        fire(path);
    } else if (t->nchanged < 16) {
        strcpy(t->changed[t->nchanged++], path);
    }
}

/* Resolve a request path; 0 or an errno. */
static int resolve(int c, const char *in, size_t avail, char *out)
{
    size_t n = strnlen(in, avail);

    if (n == avail || n == 0)
        return EINVAL;
    if (in[0] == '/')
        n = (size_t)snprintf(out, PATH_LEN, "%s", in);
    else
        n = (size_t)snprintf(out, PATH_LEN, "/local/domain/%u/%s", conns[c].domid, in);
    if (n >= PATH_LEN)
        return E2BIG;
    if (n > 1 && out[n - 1] == '/')
        out[n - 1] = '\0';
    return 0;
}

static int parse_perms(const char *p, const char *end, struct node *nd)
{
    unsigned int n = 0;

    while (p < end && n < MAX_PERMS) {
        char *e;
        if (strchr("nrwb", p[0]) == NULL)
            return EINVAL;
        nd->perms[n].what = p[0];
        nd->perms[n].id = (unsigned int)strtoul(p + 1, &e, 10);
        if (*e != '\0')
            return EINVAL;
        n++;
        p = e + 1;
    }
    if (n == 0)
        return EINVAL;
    nd->nperms = n;
    return 0;
}

static void handle(int c, const struct xsd_sockmsg *h, const char *data)
{
    char path[PATH_LEN], reply[XENSTORE_PAYLOAD_MAX];
    size_t rlen = 0;
    struct tx *t = NULL;
    struct store *s = &store;
    struct node *nd;
    unsigned int dom = conns[c].domid;
    int err = 0, i;

    if (h->tx_id != 0) {
        t = tx_get(h->tx_id, c);
        if (t == NULL) {
            err = ENOENT;
            goto out;
        }
        s = &t->copy;
    }
    switch (h->type) {
    case XS_READ:
        if ((err = resolve(c, data, h->len, path)) != 0)
            break;
        nd = find(s, path);
        if (nd == NULL)
            err = ENOENT;
        else if (!(perms_for(nd, dom) & 1))
            err = EACCES;
        else {
            memcpy(reply, nd->value, nd->len);
            rlen = nd->len;
        }
        break;
    case XS_WRITE:
    case XS_MKDIR: {
        size_t plen = strnlen(data, h->len);
        if ((err = resolve(c, data, h->len, path)) != 0)
            break;
        nd = nearest(s, path);
        if (!(perms_for(nd, dom) & 2)) {
            err = EACCES;
            break;
        }
        if (h->type == XS_MKDIR && find(s, path) != NULL)
            goto ok;
        nd = create(s, path, dom);
        if (nd == NULL) {
            err = errno;
            break;
        }
        if (h->type == XS_WRITE) {
            size_t vlen = h->len - plen - 1;
            if (vlen > VALUE_LEN) {
                err = E2BIG;
                break;
            }
            memcpy(nd->value, data + plen + 1, vlen);
            nd->len = (unsigned int)vlen;
        }
        changed(t, path);
        goto ok;
    }
    case XS_RM:
        if ((err = resolve(c, data, h->len, path)) != 0)
            break;
        nd = find(s, path);
        if (nd == NULL) {
            char up[PATH_LEN];
            parent_of(path, up);
            if (find(s, up) == NULL)
                err = ENOENT;
            else
                goto ok;
            break;
        }
        if (strcmp(path, "/") == 0 || !(perms_for(nd, dom) & 2)) {
            err = EACCES;
            break;
        }
        remove_tree(s, path);
        changed(t, path);
        goto ok;
    case XS_DIRECTORY:
        if ((err = resolve(c, data, h->len, path)) != 0)
            break;
        nd = find(s, path);
        if (nd == NULL) {
            err = ENOENT;
            break;
        }
        if (!(perms_for(nd, dom) & 1)) {
            err = EACCES;
            break;
        }
        for (i = 0; i < MAX_NODES; i++) {
            char up[PATH_LEN];
            const char *name;
            size_t n;

            if (!s->nodes[i].used || strcmp(s->nodes[i].path, "/") == 0)
                continue;
            parent_of(s->nodes[i].path, up);
            if (strcmp(up, path) != 0)
                continue;
            name = strrchr(s->nodes[i].path, '/') + 1;
            n = strlen(name) + 1;
            if (rlen + n > sizeof(reply)) {
                err = E2BIG;
                break;
            }
            memcpy(reply + rlen, name, n);
            rlen += n;
        }
        break;
    case XS_GET_PERMS:
        if ((err = resolve(c, data, h->len, path)) != 0)
            break;
        nd = find(s, path);
        if (nd == NULL) {
            err = ENOENT;
            break;
        }
        if (!(perms_for(nd, dom) & 1)) {
            err = EACCES;
            break;
        }
        for (i = 0; i < (int)nd->nperms; i++)
            rlen += (size_t)snprintf(reply + rlen, sizeof(reply) - rlen, "%c%u",
                                     nd->perms[i].what, nd->perms[i].id) + 1;
        break;
    case XS_SET_PERMS: {
        size_t plen = strnlen(data, h->len);
        struct node tmp;
        if ((err = resolve(c, data, h->len, path)) != 0)
            break;
        nd = find(s, path);
        if (nd == NULL) {
            err = ENOENT;
            break;
        }
        if (dom != 0 && nd->perms[0].id != dom) {
            err = EACCES;
            break;
        }
        tmp = *nd;
        if ((err = parse_perms(data + plen + 1, data + h->len, &tmp)) != 0)
            break;
        *nd = tmp;
        changed(t, path);
        goto ok;
    }
    case XS_WATCH:
    case XS_UNWATCH: {
        size_t plen = strnlen(data, h->len);
        const char *token = data + plen + 1;
        int free_w = -1;
        if ((err = resolve(c, data, h->len, path)) != 0)
            break;
        if (plen + 1 >= h->len || strnlen(token, h->len - plen - 1) == h->len - plen - 1) {
            err = EINVAL;
            break;
        }
        for (i = 0; i < MAX_WATCHES; i++) {
            if (!watches[i].used) {
                if (free_w < 0)
                    free_w = i;
                continue;
            }
            if (watches[i].conn == c && strcmp(watches[i].path, path) == 0 &&
                strcmp(watches[i].token, token) == 0)
                break;
        }
        if (h->type == XS_UNWATCH) {
            if (i == MAX_WATCHES)
                err = ENOENT;
            else
                watches[i].used = 0;
            if (err == 0)
                goto ok;
            break;
        }
        if (i != MAX_WATCHES) {
            err = EEXIST;
            break;
        }
        if (free_w < 0 || strlen(token) >= PATH_LEN) {
            err = ENOSPC;
            break;
        }
        watches[free_w].used = 1;
        watches[free_w].conn = c;
        watches[free_w].relative = data[0] != '/';
        strcpy(watches[free_w].path, path);
        strcpy(watches[free_w].token, token);
        send_msg(c, XS_WATCH, h->req_id, 0, "OK", 3);
        fire_one(free_w, path);     /* the initial event */
        return;
    }
    case XS_TRANSACTION_START:
        if (t != NULL) {
            err = EBUSY;
            break;
        }
        for (i = 0; i < MAX_TX && txs[i].used; i++)
            ;
        if (i == MAX_TX) {
            err = ENOSPC;
            break;
        }
        txs[i].used = 1;
        txs[i].id = next_tx++;
        txs[i].conn = c;
        txs[i].base_generation = store.generation;
        txs[i].copy = store;
        txs[i].nchanged = 0;
        rlen = (size_t)snprintf(reply, sizeof(reply), "%u", txs[i].id) + 1;
        break;
    case XS_TRANSACTION_END:
        if (t == NULL) {
            err = EINVAL;
            break;
        }
        if (strncmp(data, "T", h->len) == 0 || (h->len >= 1 && data[0] == 'T')) {
            unsigned int k;
            if (store.generation != t->base_generation) {
                t->used = 0;
                err = EAGAIN;
                break;
            }
            t->copy.generation = store.generation + 1;
            store = t->copy;
            for (k = 0; k < t->nchanged; k++)
                fire(t->changed[k]);
        }
        t->used = 0;
        send_msg(c, XS_TRANSACTION_END, h->req_id, 0, "OK", 3);
        return;
    case XS_GET_DOMAIN_PATH: {
        char *e;
        unsigned long d = strtoul(data, &e, 10);
        if (e == data || *e != '\0') {
            err = EINVAL;
            break;
        }
        rlen = (size_t)snprintf(reply, sizeof(reply), "/local/domain/%lu", d) + 1;
        break;
    }
    case XS_INTRODUCE:
    case XS_RELEASE:
        if (dom != 0)
            err = EACCES;
        else
            goto ok;
        break;
    case XS_IS_DOMAIN_INTRODUCED:
        memcpy(reply, "T", 2);
        rlen = 2;
        break;
    default:
        err = ENOSYS;
        break;
    }
out:
    if (err != 0) {
        const char *name = errname(err);
        send_msg(c, XS_ERROR, h->req_id, h->tx_id, name, strlen(name) + 1);
        return;
    }
    send_msg(c, h->type, h->req_id, h->tx_id, reply, rlen);
    return;
ok:
    send_msg(c, h->type, h->req_id, h->tx_id, "OK", 3);
}

static void drop(int c)
{
    int i;

    close(conns[c].fd);
    conns[c].fd = -1;
    for (i = 0; i < MAX_WATCHES; i++)
        if (watches[i].used && watches[i].conn == c)
            watches[i].used = 0;
    for (i = 0; i < MAX_TX; i++)
        if (txs[i].used && txs[i].conn == c)
            txs[i].used = 0;
}

static void serve(int c)
{
    struct conn *k = &conns[c];
    ssize_t n = read(k->fd, k->buf + k->have, sizeof(k->buf) - k->have);

    if (n < 0 && errno == EINTR)
        return;
    if (n <= 0) {
        drop(c);
        return;
    }
    k->have += (size_t)n;
    for (;;) {
        struct xsd_sockmsg h;
        char data[XENSTORE_PAYLOAD_MAX + 1];
        size_t total;

        if (k->have < sizeof(h))
            return;
        memcpy(&h, k->buf, sizeof(h));
        if (h.len > XENSTORE_PAYLOAD_MAX) {
            drop(c);
            return;
        }
        total = sizeof(h) + h.len;
        if (k->have < total)
            return;
        memcpy(data, k->buf + sizeof(h), h.len);
        data[h.len] = '\0';
        memmove(k->buf, k->buf + total, k->have - total);
        k->have -= total;
        handle(c, &h, data);
        if (k->fd < 0)
            return;
    }
}

int main(int argc, char **argv)
{
    struct pollfd pfd[MAX_LISTEN + MAX_CONNS];
    unsigned int ldom[MAX_LISTEN];
    int lfd[MAX_LISTEN], nl = 0, i;
    char ready[PATH_LEN];
    struct sigaction sa;
    FILE *f;

    if (argc < 3 || argc - 2 > MAX_LISTEN) {
        fprintf(stderr, "usage: test_xenstored DIR DOMID...\n");
        return 2;
    }
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    store.nodes[0].used = 1;
    strcpy(store.nodes[0].path, "/");
    store.nodes[0].perms[0].what = 'n';
    store.nodes[0].nperms = 1;
    for (i = 0; i < MAX_CONNS; i++)
        conns[i].fd = -1;

    for (i = 2; i < argc; i++) {
        struct sockaddr_un addr = { .sun_family = AF_UNIX };
        unsigned int d = (unsigned int)strtoul(argv[i], NULL, 10);

        seed(d);
        if ((size_t)snprintf(addr.sun_path, sizeof(addr.sun_path), "%s/xs-%u",
                             argv[1], d) >= sizeof(addr.sun_path)) {
            fprintf(stderr, "test_xenstored: socket path too long\n");
            return 1;
        }
        unlink(addr.sun_path);
        lfd[nl] = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (lfd[nl] < 0 || bind(lfd[nl], (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
            listen(lfd[nl], 8) < 0) {
            perror("test_xenstored: socket");
            return 1;
        }
        ldom[nl++] = d;
    }
    snprintf(ready, sizeof(ready), "%s/xenstored.ready", argv[1]);
    f = fopen(ready, "w");
    if (f == NULL)
        return 1;
    fclose(f);

    while (!stop) {
        int np = 0, map[MAX_CONNS], nc = 0;

        for (i = 0; i < nl; i++)
            pfd[np++] = (struct pollfd){ .fd = lfd[i], .events = POLLIN };
        for (i = 0; i < MAX_CONNS; i++)
            if (conns[i].fd >= 0) {
                map[nc++] = i;
                pfd[np++] = (struct pollfd){ .fd = conns[i].fd, .events = POLLIN };
            }
        if (poll(pfd, (nfds_t)np, 1000) < 0) {
            if (errno == EINTR)
                continue;
            perror("test_xenstored: poll");
            return 1;
        }
        for (i = 0; i < nl; i++) {
            if (pfd[i].revents & POLLIN) {
                int fd = accept4(lfd[i], NULL, NULL, SOCK_CLOEXEC), c;
                if (fd < 0)
                    continue;
                for (c = 0; c < MAX_CONNS && conns[c].fd >= 0; c++)
                    ;
                if (c == MAX_CONNS) {
                    close(fd);
                    continue;
                }
                conns[c].fd = fd;
                conns[c].domid = ldom[i];
                conns[c].have = 0;
            }
        }
        for (i = 0; i < nc; i++)
            if (pfd[nl + i].revents & (POLLIN | POLLHUP | POLLERR))
                if (conns[map[i]].fd >= 0)
                    serve(map[i]);
    }
    return 0;
}
