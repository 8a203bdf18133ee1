/*
 * xentoolcore.acsl.h - contracts of libxentoolcore's exported functions.
 *
 * Force-included (-include) when src/toolcore/ is analysed; the public
 * headers stay contract-free.  Contracts of the static helpers of
 * registry.c are in specs/toolcore_registry.acsl.h (included by registry.c
 * only under __FRAMAC__).
 *
 * The registry is a doubly linked list threaded through the callers'
 * Xentoolcore__Active_Handle structures.  registry_ok() is its invariant:
 * every node reachable from the head is valid, and so is the back pointer
 * it holds.  It is a recursive definition, which WP turns into an
 * equivalence the provers unfold one step at a time (no induction
 * needed).  (Until 2026-11-27 it was an axiomatic predicate with a step
 * axiom and no `reads` clause: WP 25 then gives the predicate no memory
 * argument and quantifies the axiom over every heap and allocation table,
 * so "list_ok(p) and p != NULL" implied that p is valid in every
 * allocation table - false - and the invariant held of the empty list
 * only, which made the walk proofs vacuous.  A recursive definition gets
 * the memory it reads as arguments.)  It
 * is ASSUMED on entry of the exported functions in libxentoolcore's own
 * unit only (a client cannot break it without writing the linkage fields
 * it does not own; client units see contracts without it, see
 * TOOLCORE_OWN_REQUIRES below) and NOT proved to be re-established by
 * insertion/unlinking (that is the induction step).
 * What IS proved: memory safety of every list walk and update under the
 * invariant, NULL tolerance, the lock discipline, and the error
 * convention of xentoolcore_restrict_all.
 */
#ifndef XENTOOLCORE_ACSL_H
#define XENTOOLCORE_ACSL_H

#include <errno.h>
#include <stddef.h>
#include <pthread.h>
#include "xentoolcore_internal.h"
#include "../src/toolcore/toolcore_private.h"

/* Any restrict callback a library installs (xengnttab, xenevtchn, ...).
 * TRUSTED (specs/trusted.txt): each library proves its own callback; here
 * it may only fail with a positive errno... or not (the caller copes). It
 * runs under the registry lock, so it cannot touch the registry. */
/*@ assigns errno;
*/
int xentoolcore_restrict_callback_any(Xentoolcore__Active_Handle *ah,
                                      domid_t domid);

/*@ predicate list_ok{L}(Xentoolcore__Active_Handle *p) =
      p == \null ||
      (\valid(p) && \valid(p->entry.le_prev) &&
       (p->restrict_callback == \null ||
        p->restrict_callback == &xentoolcore_restrict_callback_any) &&
       list_ok(p->entry.le_next));
    predicate registry_ok{L} = list_ok(toolcore_registry_head);
*/

/* Membership, client-visible: toolcore_reach(p, ah) holds when ah is p or
 * follows p along le_next; recursive, for the same reason as list_ok (its
 * memory is an argument, so a write elsewhere leaves it alone only when
 * the provers can see the list's links unchanged); a walk proves
 * membership one step at a time, with no induction.  A client states with it that a
 * block it has just allocated is not registered (a registered handle is
 * live memory), so that registering it links it at the head. */
/*@ predicate toolcore_reach{L}(Xentoolcore__Active_Handle *p,
                                Xentoolcore__Active_Handle *ah) =
      p != \null && (p == ah || toolcore_reach(p->entry.le_next, ah));
    predicate toolcore_registered{L}(Xentoolcore__Active_Handle *ah) =
      toolcore_reach(toolcore_registry_head, ah);
*/


/*
 * Client-facing contracts.  A client library (xenevtchn, xengnttab, ...)
 * calls register/deregister on a handle it owns; it cannot establish the
 * registry's internal state, nor even name it (toolcore_registry_head and
 * its lock are hidden symbols of libxentoolcore).  So the contracts every
 * client unit sees have NO precondition on that state.  libxentoolcore's
 * own unit (prove.py passes -DVX_UNIT_xentoolcore) proves the same
 * contracts with these extra, toolcore-owned preconditions:
 *
 *   invariant      registry_ok: holds initially (head == NULL, list_ok_null)
 *                  and only libxentoolcore writes the linkage fields of a
 *                  registered handle (clients own the rest of the struct);
 *                  ASSUMED, see the axiomatic above and docs/PROOFS.md;
 *   separated      the caller's handle is not one of libxentoolcore's own
 *                  hidden globals (a client cannot have their address);
 *   head_or_apart  two distinct handle objects do not partially overlap
 *                  (they are distinct C objects of the same type);
 *   head_apart     a registered handle is a client's object, not errno nor
 *                  one of libxentoolcore's globals.
 *
 * Everything else (assigns, ensures, behaviours) is the same text in both
 * views, so what a client relies on is exactly what libxentoolcore proves,
 * under those environment assumptions.  (deregister writes the head only
 * through *ah->entry.le_prev, which is &toolcore_registry_head for the
 * first handle: its assigns name no global beside the lock, so that WP's
 * memory-model separation hypotheses hold at a client's call site.)
 */
#ifdef VX_UNIT_xentoolcore
#define TOOLCORE_OWN_INVARIANT requires invariant: registry_ok;
#define TOOLCORE_OWN_REQUIRES                                               \
    requires invariant: registry_ok;                                        \
    requires separated: \separated(ah, &toolcore_registry_head,             \
                                   &toolcore_registry_lock);
#define TOOLCORE_OWN_REQUIRES_APART                                         \
    requires head_or_apart: ah == \null || ah == toolcore_registry_head ||  \
             toolcore_registry_head == \null ||                             \
             \separated(ah, toolcore_registry_head);                        \
    requires head_apart: toolcore_registry_head == \null ||                 \
             \separated(toolcore_registry_head, &toolcore_registry_head,    \
                        &toolcore_registry_lock, &errno);
#else
#define TOOLCORE_OWN_INVARIANT
#define TOOLCORE_OWN_REQUIRES
#define TOOLCORE_OWN_REQUIRES_APART
#endif

/*@ assigns errno;
    behavior ignored:
      assumes negative_fd: fd < 0;
      assigns \nothing;
      ensures success: \result == 0;
      ensures errno_kept: errno == \old(errno);
    behavior neutered:
      assumes real_fd: fd >= 0;
      ensures result_range: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
int xentoolcore__restrict_by_dup2_null(int fd);

/*@ requires ah_valid_or_null: ah == \null || \valid(ah);
    TOOLCORE_OWN_REQUIRES
    TOOLCORE_OWN_REQUIRES_APART
    assigns toolcore_registry_head, ah->entry,
            toolcore_registry_head->entry.le_prev, toolcore_registry_lock;
    behavior null_handle:
      assumes ah_null: ah == \null;
      assigns \nothing;
    behavior handle:
      assumes ah_not_null: ah != \null;
      ensures linked_first_or_kept:
        toolcore_registry_head == ah ||
        toolcore_registry_head == \old(toolcore_registry_head);
      ensures head_apart: \old(toolcore_registry_head) == \null ||
        \separated(\old(toolcore_registry_head), &toolcore_registry_head,
                   &toolcore_registry_lock, &errno);
      ensures new_at_head: !\old(toolcore_registered(ah)) ==>
        (toolcore_registry_head == ah &&
         ah->entry.le_prev == &toolcore_registry_head &&
         ah->entry.le_next == \old(toolcore_registry_head));
    complete behaviors;
    disjoint behaviors;
*/
void xentoolcore__register_active_handle(Xentoolcore__Active_Handle *ah);

/*@ requires ah_valid_or_null: ah == \null || \valid(ah);
    TOOLCORE_OWN_REQUIRES
    assigns ah->entry, ah->entry.le_next->entry.le_prev, *ah->entry.le_prev,
            toolcore_registry_lock;
    behavior null_handle:
      assumes ah_null: ah == \null;
      assigns \nothing;
    behavior handle:
      assumes ah_not_null: ah != \null;
    complete behaviors;
    disjoint behaviors;
*/
void xentoolcore__deregister_active_handle(Xentoolcore__Active_Handle *ah);

/*@ TOOLCORE_OWN_INVARIANT
    assigns errno, toolcore_registry_lock;
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
int xentoolcore_restrict_all(domid_t domid);

#endif /* XENTOOLCORE_ACSL_H */
