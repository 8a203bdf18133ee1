/*
 * model.h - internals of the mocked kernel shared by its devices and its
 * front ends.  Not for tests: they use xenmock.h.
 *
 * Every model file is backed by a real file descriptor (an eventfd in
 * semaphore mode), so descriptor numbers, close(), dup2(), poll() and
 * O_NONBLOCK behave as they do for a character device: poll() sees the fd
 * readable exactly when the model has something for read() to return.
 */
#ifndef XENMOCK_MODEL_H
#define XENMOCK_MODEL_H

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdint.h>
#include <sys/types.h>

#include "xenmock.h"

/*
 * A driver that has recognised a request copies its argument from user
 * memory; Linux's copy_from_user fails on an unreadable pointer (here:
 * NULL) and the ioctl answers EFAULT.  Unknown requests are answered
 * before that, without touching the argument (mock/seam.c passes NULL
 * through), and requests without an argument (IOCTL_EVTCHN_RESET) never
 * look at it.  Returns 1 (errno = EFAULT) when `arg` cannot be read.
 */
int xm_user_arg_bad(const void *arg);

#define XM_PAGE_SIZE      4096u
#define XM_MAX_FDS        4096
#define XM_MAX_DOMAINS    16
#define XM_MAX_PORTS      1024     /* per domain */
#define XM_RING_SLOTS     1024     /* per evtchn file, like Linux's ring */
#define XM_MAX_FAULTS     32
#define XM_LOG_SLOTS      65536

enum xm_dev_kind {
    XM_KIND_NONE = 0,
    XM_KIND_EVTCHN,
    XM_KIND_GNTDEV,
    XM_KIND_GNTALLOC,
    XM_KIND_PRIVCMD,
    XM_KIND_HYPERCALL,
};

/* ---- event channels ------------------------------------------------------ */

enum xm_port_state {
    XM_PORT_FREE = 0,
    XM_PORT_UNBOUND,       /* waiting for `remote_dom` to bind to it */
    XM_PORT_INTERDOMAIN,   /* connected to remote_dom:remote_port */
    XM_PORT_VIRQ,
};

struct xm_port {
    enum xm_port_state state;
    uint16_t remote_dom;
    uint32_t remote_port;
    unsigned int virq;
    struct xm_file *owner; /* evtchn file it is bound through; NULL: guest */
    int masked;            /* delivered, not yet unmasked */
    int pending;           /* fired while masked (or guest-owned) */
};

struct xm_evtchn_file {
    uint32_t ring[XM_RING_SLOTS];
    unsigned int ring_head, ring_count;
    int overflow;          /* EFBIG until RESET */
    int restricted;
    uint16_t restrict_domid;
};

struct xm_device_ops;

struct xm_file {
    enum xm_dev_kind kind;
    const struct xm_device_ops *ops;
    uint16_t domid;        /* the domain this file acts as */
    int flags;             /* open flags */
    void *priv;            /* device state of gntdev/gntalloc/privcmd/... */
    int fd;                /* descriptor number in the owning process */
    pid_t pid;             /* the process that opened it */
    unsigned int id;       /* unique; names its FIFO in shared mode */
    union {
        struct xm_evtchn_file evtchn;
    } u;
};

struct xm_domain {
    int exists;
    unsigned int nr_pages;
    unsigned char *mem;         /* its pages, inside the model's arena */
    unsigned int *paged_out;    /* per gfn: MMAPBATCH attempts still failing */
    struct xm_port ports[XM_MAX_PORTS];
    void *grants;               /* grant table state (gntdev.c/gntalloc.c) */
};

/*
 * A device of the model.  All hooks run with the model lock held.  A
 * device whose ops object is not linked into the binary is absent (opening
 * it fails with ENOENT), so devices can be added one file at a time: each
 * mock/<device>.c defines `const struct xm_device_ops xm_<device>_ops`.
 */
struct xm_device_ops {
    enum xm_dev_kind kind;
    const char *name;
    /* Set up f->priv etc.; -1 with errno to make open() fail. */
    int (*open)(int fd, struct xm_file *f);
    /* -1 with errno, or the ioctl's result. */
    long (*ioctl)(int fd, struct xm_file *f, unsigned long req, void *arg);
    /* mmap() of the file at `addr` (already reserved by the front end:
     * len bytes of anonymous PROT_NONE memory, may be replaced with
     * MAP_FIXED).  0 on success, -1 with errno.  NULL: ENODEV. */
    int (*mmap)(int fd, struct xm_file *f, void *addr, size_t len, int prot,
                off_t offset, uint64_t *cookie);
    /* The whole mapping made by mmap() is going away (munmap or close). */
    void (*munmap)(struct xm_file *f, void *addr, size_t len, uint64_t cookie);
    /* The file is closed: release everything it holds. */
    void (*release)(int fd, struct xm_file *f);
    /* Append leaked-resource violations for this domain-wide device state
     * (called from xm_check_invariants). May be NULL. */
    void (*check)(void);
    /* Forget global state (xm_reset). May be NULL. */
    void (*reset)(void);
};

extern const struct xm_device_ops xm_evtchn_ops __attribute__((weak));
extern const struct xm_device_ops xm_gntdev_ops __attribute__((weak));
extern const struct xm_device_ops xm_gntalloc_ops __attribute__((weak));
extern const struct xm_device_ops xm_privcmd_ops __attribute__((weak));
extern const struct xm_device_ops xm_hypercall_ops __attribute__((weak));

/* ---- mappings of model memory (munmap must tell the device) ---------------- */

#define XM_MAX_MAPPINGS 4096

struct xm_mapping {
    void *addr;
    size_t len;
    int fd;                    /* the file it was made through */
    uint64_t cookie;           /* device's own identification */
};

/* Record / find / drop a mapping made through a model file. */
int xm_mapping_add_locked(void *addr, size_t len, int fd, uint64_t cookie);
/* Handle munmap(addr, len): every recorded mapping inside the range is
 * reported to its device and dropped.  Partial overlap is a violation. */
void xm_mappings_unmap_locked(void *addr, size_t len);
/* Drop every mapping made through `fd` (it is being closed); the memory
 * stays mapped as in Linux (the vma keeps the file alive), but the model
 * reports it: a library that closes before unmapping leaks. */
void xm_mappings_of_fd_locked(int fd);

/* Map page `gfn` of domain `domid` at `at` (MAP_FIXED, shared with the
 * domain's memory).  0 or -1 with errno. */
int xm_domain_map_gfn_locked(uint16_t domid, uint64_t gfn, void *at, int prot);

struct xm_fault {
    enum xm_call call;
    unsigned long request;
    unsigned int remaining;    /* fires when it reaches 0 */
    int err;
    size_t short_bytes;        /* > 0: a short read instead of an error */
};

struct xm_model {
    pthread_mutex_t lock;
    int initialised;
    unsigned int devices;
    unsigned int next_file_id;
    struct xm_domain domains[XM_MAX_DOMAINS];
    struct xm_fault faults[XM_MAX_FAULTS];
    struct xm_mapping mappings[XM_MAX_MAPPINGS];
    struct xm_call_record log[XM_LOG_SLOTS];
    size_t log_len;
    size_t log_dropped;
    unsigned int feature[XM_FEAT_NUM];
    unsigned int gntalloc_limit;
    char violations[4096];
};

/*
 * Where the model lives.  All model state - this struct, everything the
 * devices allocate (malloc/calloc/free below are the arena's) and every
 * domain's memory - is inside one arena: a memfd mapped anywhere, or, in
 * shared mode (XENMOCK_STATE=<directory>), the file <directory>/arena
 * mapped MAP_SHARED at the same fixed address in every process, so that
 * pointers inside it are valid in all of them and several processes can
 * act as several domains.  What is per process: the descriptor table and
 * the domain the process acts as.
 */
extern struct xm_model *xm_state;
#define xm (*xm_state)

struct xm_local {
    struct xm_file *files[XM_MAX_FDS];
    uint16_t current_domid;
    int shared;                 /* XENMOCK_STATE in use */
    char dir[256];              /* its directory */
    int arena_fd;
    unsigned char *arena;
    size_t arena_size;
};
extern struct xm_local xm_local;

/* Map the arena (once per process); aborts if it cannot. */
void xm_attach(void);

/* The arena's allocator (model lock taken inside). */
void *xm_alloc(size_t size);
void *xm_zalloc(size_t nmemb, size_t size);
void *xm_realloc(void *ptr, size_t size);
void xm_free(void *ptr);
/* Page-aligned pages for a domain's memory; freed only by xm_reset. */
unsigned char *xm_alloc_pages(size_t npages);
/* Offset of an arena address in the arena file (for MAP_SHARED maps). */
off_t xm_arena_offset(const void *p);
/* Forget every allocation (xm_reset). */
void xm_arena_reset_locked(void);

/* Device code allocates from the arena without knowing it. */
#define malloc(n) xm_alloc(n)
#define calloc(n, s) xm_zalloc((n), (s))
#define realloc(p, n) xm_realloc((p), (n))
#define free(p) xm_free(p)

/* Lock helpers (the model is one big critical section; blocking reads
 * wait outside it). */
void xm_lock(void);
void xm_unlock(void);

/* Lazily set up domain 0 etc. on first use; caller holds the lock. */
void xm_ensure_init_locked(void);

struct xm_domain *xm_domain_get_locked(uint16_t domid);
struct xm_file *xm_file_get_locked(int fd);

/* Append to the violations report (caller holds the lock). */
void xm_violation_locked(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* Fault injection: returns 1 and sets *err (or *short_bytes) if an armed
 * fault fires for this call.  Caller holds the lock. */
int xm_fault_check_locked(enum xm_call call, unsigned long request,
                          int *err, size_t *short_bytes);
void xm_log_locked(enum xm_call call, int fd, unsigned long request,
                   long result, int err);

/* ---- devices ---------------------------------------------------------------- */

/* evtchn.c (read/write are specific to it and called by the front end) */
/* Pop up to `max` fired ports into out[]; returns the number popped.
 * Caller holds the lock and has already taken one eventfd token. */
unsigned int xm_evtchn_pop_locked(struct xm_file *f, uint32_t *out,
                                  unsigned int max);
int xm_evtchn_unmask_locked(int fd, struct xm_file *f, uint32_t port);
void xm_evtchn_fire_locked(uint16_t domid, uint32_t port);

/* Make a model file readable once more (from any process). */
void xm_file_signal(struct xm_file *f);
/* Take one readiness token of the model fd, blocking unless O_NONBLOCK:
 * 0, or -1 with errno. */
int xm_fd_take_token(int fd);
/* Drop every pending token. */
void xm_fd_drain(int fd);
/* Take one token without blocking: 0, or -1 if there is none. */
int xm_fd_take_token_nowait(int fd);

#endif /* XENMOCK_MODEL_H */
