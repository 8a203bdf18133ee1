/*
 * gnttab_handle.acsl.h - contracts of the static helpers of
 * src/gnttab/handle.c (included there only under __FRAMAC__).
 */
#ifndef GNTTAB_HANDLE_ACSL_H
#define GNTTAB_HANDLE_ACSL_H

/* Installed as the handle's restrict callback: toolcore calls it with a
 * listed record, which is the tc_ah of a live gnttab handle. */
/*@ requires ah_valid: \valid(ah);
    assigns errno;
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
static int gnttab_restrict_callback(Xentoolcore__Active_Handle *ah,
                                    domid_t domid);

/*@ requires kind: kind == GNTTAB_KIND_GNTTAB || kind == GNTTAB_KIND_GNTSHR;
    requires logger_ok: logger == \null || gnttab_logger_ok(logger);
    requires logger_unlinked: kind == GNTTAB_KIND_GNTTAB ==>
      GNTTAB_LOGGER_UNLINKED(logger);
    assigns errno, gnttab_handle_arena[0 .. GNTTAB_HANDLE_ARENA_LEN - 1],
            toolcore_registry_head, toolcore_registry_lock,
            toolcore_registry_head->entry.le_prev;
    ensures null_or_new: \result == \null ||
      (\subset(\result,
               &gnttab_handle_arena[0 .. GNTTAB_HANDLE_ARENA_LEN - 1]) &&
       xengntdev_handle_ok(\result) && \result->fd == -1 &&
       \result->kind == kind && \result->logger == logger &&
       \result->logger_tofree == \null &&
       \separated(\result, &toolcore_registry_head, &toolcore_registry_lock));
    ensures registered: \result != \null && kind == GNTTAB_KIND_GNTTAB ==>
      \result->tc_ah.entry.le_prev == &toolcore_registry_head &&
      \result->tc_ah.entry.le_next == \old(toolcore_registry_head);
    ensures unlinked: \result != \null && kind != GNTTAB_KIND_GNTTAB ==>
      \result->tc_ah.entry.le_prev == \null &&
      \result->tc_ah.entry.le_next == \null;
    ensures errno_on_failure: \result == \null ==> errno > 0;
*/
static struct xengntdev_handle *gnttab_handle_new(xentoollog_logger *logger,
                                                  enum gnttab_kind kind);

/*@ requires handle: \valid(h);
    requires registry: \valid(&h->maps);
    requires logger_ok: h->logger_tofree == \null ||
                        gnttab_logger_ok(h->logger_tofree);
    requires separated: \separated(h, &errno);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1],
            toolcore_registry_lock, h->tc_ah.entry,
            h->tc_ah.entry.le_next->entry.le_prev, *h->tc_ah.entry.le_prev,
            h->maps;
    behavior registered:
      assumes gnttab: h->kind == GNTTAB_KIND_GNTTAB;
      ensures result: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    behavior unregistered:
      assumes gntshr: h->kind != GNTTAB_KIND_GNTTAB;
      assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1], h->maps;
      ensures result: \result == 0 || \result == -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
static int gnttab_handle_free(struct xengntdev_handle *h);

#endif /* GNTTAB_HANDLE_ACSL_H */
