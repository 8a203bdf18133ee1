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
