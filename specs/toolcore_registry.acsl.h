/*
 * toolcore_registry.acsl.h - contracts of the static helpers of
 * src/toolcore/registry.c (included there only under __FRAMAC__, before
 * their definitions).  registry_ok / list_ok: specs/xentoolcore.acsl.h.
 */
#ifndef TOOLCORE_REGISTRY_ACSL_H
#define TOOLCORE_REGISTRY_ACSL_H

/*@ requires ah_valid: \valid_read(ah);
    requires prev_valid: ah->entry.le_prev != \null ==>
                         \valid_read(ah->entry.le_prev);
    requires next_valid: ah->entry.le_next != \null ==>
                         \valid_read(ah->entry.le_next);
    assigns \nothing;
*/
static int active_handle_is_linked(const Xentoolcore__Active_Handle *ah);

/*@ requires ah_valid: \valid_read(ah);
    requires invariant: registry_ok;
    assigns \nothing;
    ensures found: \result == 0 || \result == 1;
    ensures found_registered: \result == 1 ==>
      toolcore_registered((Xentoolcore__Active_Handle *)ah);
    ensures found_ok: \result == 1 ==> list_ok((Xentoolcore__Active_Handle *)ah);
    ensures not_head: \result == 0 ==> ah != toolcore_registry_head;
*/
static int registry_contains(const Xentoolcore__Active_Handle *ah);

/*@ requires ah_valid: \valid(ah);
    requires invariant: registry_ok;
    requires separated: \separated(ah, &toolcore_registry_head);
    requires not_head: ah != toolcore_registry_head;
    requires head_valid: toolcore_registry_head == \null ||
                         (\valid(toolcore_registry_head) &&
                          \separated(ah, toolcore_registry_head));
    assigns toolcore_registry_head, ah->entry,
            toolcore_registry_head->entry.le_prev;
    ensures head: toolcore_registry_head == ah;
    ensures linked: ah->entry.le_next == \old(toolcore_registry_head) &&
                    ah->entry.le_prev == &toolcore_registry_head;
*/
static void registry_insert_head(Xentoolcore__Active_Handle *ah);

/*@ requires in_list: list_ok(ah) && ah != \null;
    assigns ah->entry, ah->entry.le_next->entry.le_prev,
            *ah->entry.le_prev;
    ensures unlinked: ah->entry.le_next == \null &&
                      ah->entry.le_prev == \null;
*/
static void registry_unlink(Xentoolcore__Active_Handle *ah);

#endif /* TOOLCORE_REGISTRY_ACSL_H */
