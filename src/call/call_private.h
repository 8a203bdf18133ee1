/*
 * call_private.h - internals of libxencall.
 */
#ifndef CALL_PRIVATE_H
#define CALL_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "xencall.h"
#include "xentoollog.h"
#include "xentoolcore_internal.h"

#define CALL_LOG_CONTEXT "xencall"

/* Buffers of 1 .. CALL_CACHE_MAX_PAGES pages are recycled; up to
 * CALL_CACHE_DEPTH of each size are kept per handle. */
#define CALL_CACHE_MAX_PAGES 4u
#define CALL_CACHE_DEPTH     4u

/* Header that xencall_alloc_buffer() puts in front of the caller's bytes:
 * 16 bytes, so the caller's pointer keeps malloc-like alignment. */
#define CALL_BUFFER_HEADER 16u

struct call_cache_stats {
    /* Allocations served by the OS; with the cache hits, the total. */
    unsigned long os_allocs, total_releases;
    unsigned long max_allocs;
    unsigned long hits, misses, toobig;
};

struct call_cache {
    char *bufs[CALL_CACHE_MAX_PAGES][CALL_CACHE_DEPTH]; /* [pages - 1] */
    unsigned int count[CALL_CACHE_MAX_PAGES];
    struct call_cache_stats stats;
};

struct xencall_handle {
    Xentoolcore__Active_Handle tc_ah;  /* registry record (restrict_all) */
    xentoollog_logger *logger;         /* where we log */
    xentoollog_logger *logger_tofree;  /* private logger, owned, or NULL */
    unsigned int flags;                /* open flags */
    int fd;                            /* privcmd, owned */
    int buf_fd;                        /* /dev/xen/hypercall, owned, or -1 */
    unsigned long fork_generation;     /* call_fork_generation() at open */
    struct call_cache cache;
};

/* Validity predicate (mirrored by an ACSL predicate in specs/): an open
 * handle always owns its privcmd descriptor and has somewhere to log. */
static inline int xencall_handle_is_valid(const xencall_handle *xcall)
{
    return xcall != NULL && xcall->fd >= 0 && xcall->logger != NULL;
}

/* ---- seam.c: what the proofs cannot see (not analysed by `make prove`;
 * trusted contracts with proven models in specs/) ------------------------ */

/* A zeroed handle (malloc + memset) with restrict callback cb, or NULL
 * with errno = ENOMEM.  The callback is installed here, before the caller
 * writes anything else that a pointer could alias: the proof carries "not
 * registered yet" from this contract to the registration only across
 * writes the registry's links cannot see. */
xencall_handle *call_handle_alloc(Xentoolcore__Restrict_Callback *cb);
/* free(); errno preserved. */
void call_handle_release(xencall_handle *xcall);
/* The handle whose tc_ah this is (CONTAINER_OF). */
xencall_handle *call_handle_of(Xentoolcore__Active_Handle *ah);
/* The private stdio logger on stderr, or NULL with errno. */
xentoollog_logger *call_default_logger(void);
/* Messages logged through the seam (their literal strings are out of
 * reach of the provers). */
enum call_log_msg {
    CALL_MSG_ALLOC_FAILED,   /* allocating N hypercall buffer page(s) */
    CALL_MSG_PRIVCMD,        /* could not open privcmd */
    CALL_MSG_BUFDEV,         /* could not open the hypercall buffer device */
};
/* Log `msg` at XTL_ERROR with the current errno; errno preserved. */
void call_log_error(xentoollog_logger *logger, enum call_log_msg msg,
                    size_t nr_pages);
/* Log the buffer statistics at XTL_DEBUG (at close); errno preserved. */
void call_log_stats(xencall_handle *xcall);
/* Install the fork handlers (once per process); errno preserved. */
void call_cache_init_once(void);
/* Number of fork()s this process image has seen in children: a handle
 * whose generation differs was inherited across fork. */
unsigned long call_fork_generation(void);
/* Take / release the process-wide cache mutex; errno untouched. */
void call_cache_mutex_lock(void);
void call_cache_mutex_unlock(void);

/* ---- buffer cache (buffer_cache.c) ---------------------------------------- */

/* A cached buffer of `pages` pages, or NULL (statistics updated; a buffer
 * returned is counted as allocated). */
char *call_cache_take(xencall_handle *xcall, size_t pages);
/* Count one successful allocation from the OS. */
void call_cache_note_alloc(xencall_handle *xcall);
/* Keep `p` for reuse: 1 if kept, 0 if the caller must release it. */
int call_cache_put(xencall_handle *xcall, char *p, size_t pages);
/* Release every cached buffer (at close). */
void call_cache_drain(xencall_handle *xcall);

/* ---- buffers (buffers.c) ------------------------------------------------ */

/* Release a buffer to the OS (not to the cache); errno preserved. */
void call_buffer_release(xencall_handle *xcall, char *p, size_t pages);

/* ---- OS layer (linux.c): the only code that talks to the kernel --------- */

/* Open privcmd (/dev/xen/privcmd, then /proc/xen/privcmd). */
int call_os_open_privcmd(void);
/* Open /dev/xen/hypercall; -1 with errno (ENOENT: no such device). */
int call_os_open_hypercall_buf(void);
int call_os_close(int fd);
/* Issue hypercall `op` with five arguments; the kernel's full result. */
long call_os_hypercall(int fd, unsigned int op, const uint64_t args[5]);
/* `bytes` of hypercall memory: from buf_fd if >= 0, else anonymous
 * locked memory that children of fork() do not inherit. */
char *call_os_map_buffer(int buf_fd, size_t bytes);
int call_os_unmap_buffer(int buf_fd, char *p, size_t bytes);

#endif /* CALL_PRIVATE_H */
