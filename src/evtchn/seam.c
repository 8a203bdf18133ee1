/*
 * seam.c - the parts of libxenevtchn's handle life cycle that Frama-C 25's
 * WP cannot reason about, each with a trusted contract in
 * specs/xenevtchn.acsl.h (and a proven model in specs/models/xenevtchn.c):
 *
 *   - malloc and free (WP 25 does not implement \fresh / \freeable);
 *   - the downcast from the registry record to its handle (CONTAINER_OF:
 *     a char * cast WP's Typed memory model rejects);
 *   - the optional batch buffer: environment parsing (secure_getenv,
 *     strtoul), its allocation, a mutex, and the mutex's trylock (Frama-C's
 *     libc has no contract for pthread_mutex_trylock).
 *
 * Not analysed by `make prove` (like linux.c).
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

#include "evtchn_private.h"
#include "vx_guard.h"

xenevtchn_handle *evtchn_handle_of(Xentoolcore__Active_Handle *ah)
{
    return CONTAINER_OF(ah, xenevtchn_handle, tc_ah);
}

/* The batch buffer VERIXEN_EVTCHN_BATCH asks for, or NULL (unset, not a
 * number, 0 or 1: one read() per port, exactly as upstream).  Read at each
 * open, so a process may enable it for some handles only.  Failing to
 * allocate it is not an error: the handle then reads one port at a time. */
static struct evtchn_batch *evtchn_batch_new(void)
{
    const char *env = secure_getenv(EVTCHN_BATCH_ENV);
    struct evtchn_batch *b;
    unsigned long cap;
    char *end;

    if (env == NULL || *env == '\0')
        return NULL;
    errno = 0;
    cap = strtoul(env, &end, 10);
    if (errno != 0 || *end != '\0' || cap < 2)
        return NULL;
    if (cap > EVTCHN_BATCH_MAX)
        cap = EVTCHN_BATCH_MAX;
    /* The ring (ports read, then deferred unmasks: 2 * cap entries)
     * follows the header in the same block (the header's size is a
     * multiple of its pointer/mutex alignment, so the ring is aligned). */
    b = malloc(sizeof(*b) + 2u * cap * sizeof(b->ring[0]));
    if (b == NULL)
        return NULL;
    if (pthread_mutex_init(&b->lock, NULL) != 0) {
        free(b);
        return NULL;
    }
    b->ring = (uint32_t *)(b + 1);
    b->cap = (unsigned int)cap;
    b->head = 0;
    b->tail = 0;
    b->queued = 0;
    return b;
}

int evtchn_batch_trylock(struct evtchn_batch *b)
{
    return pthread_mutex_trylock(&b->lock);
}

/* The batch lock is not taken: a forked child may close a handle whose
 * lock another thread of the parent held at fork(). */
static void evtchn_batch_free(struct evtchn_batch *b)
{
    (void)pthread_mutex_destroy(&b->lock);
    free(b);
}

/* A new handle with no descriptor yet (fd -1), the restrict callback
 * `cb` and its batch buffer, if VERIXEN_EVTCHN_BATCH asks for one; NULL
 * when out of memory.  Whatever the batch setup does to errno is undone. */
xenevtchn_handle *evtchn_handle_alloc(Xentoolcore__Restrict_Callback *cb)
{
    xenevtchn_handle *xce = malloc(sizeof(*xce));

    if (xce == NULL)
        return NULL;
    xce->tc_ah.restrict_callback = cb;
    xce->fd = -1;
    xce->read_mode = EVTCHN_READ_NONE;
    VX_PRESERVING_ERRNO(xce->batch = evtchn_batch_new());
    return xce;
}

/* Frees the batch buffer (if any), then the handle. */
void evtchn_handle_release(xenevtchn_handle *xce, struct evtchn_batch *batch)
{
    if (batch != NULL)
        evtchn_batch_free(batch);
    free(xce);
}
