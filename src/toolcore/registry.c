/*
 * registry.c - the process-wide registry of active Xen library handles and
 * xentoolcore_restrict_all().
 *
 * Handles embed a 24-byte Xentoolcore__Active_Handle; we link them through
 * its two linkage pointers (head insertion, so the walk visits the most
 * recently opened handle first, as upstream).  One mutex serialises
 * register, deregister and restrict_all.
 *
 * Unlike upstream we never trust the linkage fields of a handle we did not
 * link ourselves: (de)registration first looks the handle up in the list,
 * so deregistering a never-registered handle (its linkage fields are
 * whatever malloc left there) or registering one twice cannot corrupt the
 * list.  The list holds a handful of entries, so the walk costs nothing.
 */
#include <errno.h>
#include <pthread.h>
#include <stddef.h>

#include "xentoolcore_internal.h"
#include "toolcore_private.h"
#include "vx_export.h"

#ifdef __FRAMAC__
#include "toolcore_registry.acsl.h" /* contracts of the static helpers */
#endif

pthread_mutex_t toolcore_registry_lock = PTHREAD_MUTEX_INITIALIZER;
Xentoolcore__Active_Handle *toolcore_registry_head;

/* Validity predicate of a registry entry (mirrored in specs/): linked
 * entries point back at the pointer that points at them. */
static int active_handle_is_linked(const Xentoolcore__Active_Handle *ah)
{
    return ah->entry.le_prev != NULL && *ah->entry.le_prev == ah &&
           (ah->entry.le_next == NULL ||
            ah->entry.le_next->entry.le_prev == &ah->entry.le_next);
}

/* Caller holds toolcore_registry_lock. */
static int registry_contains(const Xentoolcore__Active_Handle *ah)
{
    const Xentoolcore__Active_Handle *it;

    /*@ loop invariant walk_ok: list_ok((Xentoolcore__Active_Handle *)it);
        loop invariant head_checked: it == toolcore_registry_head ||
                                     ah != toolcore_registry_head;
        loop invariant on_path:
          toolcore_reach((Xentoolcore__Active_Handle *)it,
                         (Xentoolcore__Active_Handle *)ah) ==>
          toolcore_registered((Xentoolcore__Active_Handle *)ah);
        loop assigns it; */
    for (it = toolcore_registry_head; it != NULL; it = it->entry.le_next) {
        if (it == ah)
            return 1;
        /*@ assert listed_valid: \valid_read(it); */
    }
    return 0;
}

/* Caller holds toolcore_registry_lock. */
static void registry_insert_head(Xentoolcore__Active_Handle *ah)
{
    ah->entry.le_next = toolcore_registry_head;
    if (toolcore_registry_head != NULL)
        toolcore_registry_head->entry.le_prev = &ah->entry.le_next;
    toolcore_registry_head = ah;
    ah->entry.le_prev = &toolcore_registry_head;
}

/* Caller holds toolcore_registry_lock; ah is in the list. */
static void registry_unlink(Xentoolcore__Active_Handle *ah)
{
    if (ah->entry.le_next != NULL)
        ah->entry.le_next->entry.le_prev = ah->entry.le_prev;
    *ah->entry.le_prev = ah->entry.le_next;
    ah->entry.le_next = NULL;
    ah->entry.le_prev = NULL;
}

VX_EXPORT void xentoolcore__register_active_handle(Xentoolcore__Active_Handle *ah)
{
    if (ah == NULL)
        return;
    pthread_mutex_lock(&toolcore_registry_lock);
    if (!registry_contains(ah))
        registry_insert_head(ah);
    pthread_mutex_unlock(&toolcore_registry_lock);
}

VX_EXPORT void xentoolcore__deregister_active_handle(Xentoolcore__Active_Handle *ah)
{
    if (ah == NULL)
        return;
    pthread_mutex_lock(&toolcore_registry_lock);
    if (registry_contains(ah) && active_handle_is_linked(ah))
        registry_unlink(ah);
    pthread_mutex_unlock(&toolcore_registry_lock);
}

VX_EXPORT int xentoolcore_restrict_all(domid_t domid)
{
    Xentoolcore__Active_Handle *ah;
    int result = 0;
    int saved_errno = 0;

    pthread_mutex_lock(&toolcore_registry_lock);
    /*@ loop invariant walk_ok: list_ok(ah);
        loop invariant no_failure_yet: result == 0;
        loop assigns ah, result, errno; */
    for (ah = toolcore_registry_head; ah != NULL; ah = ah->entry.le_next) {
        if (ah->restrict_callback == NULL)
            continue;
        /*@ calls xentoolcore_restrict_callback_any; */
        result = ah->restrict_callback(ah, domid);
        if (result != 0) {
            /* Stop at the first failure (upstream semantics: the caller
             * must treat it as fatal); keep the callback's errno. */
            saved_errno = errno;
            break;
        }
    }
    pthread_mutex_unlock(&toolcore_registry_lock);
    if (result != 0) {
        /* A callback that failed without a sensible errno still must not
         * leave errno zero or negative. */
        errno = saved_errno > 0 ? saved_errno : EPERM;
        /* Exactly -1, as the header documents, whatever the callback
         * returned (upstream passes a callback's -5 through; found by
         * fuzz_toolcore). */
        return -1;
    }
    return 0;
}
