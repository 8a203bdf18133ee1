/*
 * gnttab_gntshr.acsl.h - contracts of the static helpers of
 * src/gnttab/gntshr.c (included there only under __FRAMAC__).
 */
#ifndef GNTTAB_GNTSHR_ACSL_H
#define GNTTAB_GNTSHR_ACSL_H

/*@ requires handle: xgs == \null || xengntdev_handle_ok(xgs);
    requires refs_valid: refs == \null || count <= 0 ||
                         \valid(refs + (0 .. count - 1));
    requires refs_separated: refs == \null || count <= 0 ||
      (\separated(refs + (0 .. count - 1), xgs, &errno) &&
       \base_addr(refs) != \base_addr(&gnttab_mapping_arena[0]));
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1], xgs->maps,
            gnttab_mapping_arena[0 .. GNTTAB_ARENA_LEN - 1], refs[0 .. count - 1];
    behavior invalid_handle:
      assumes invalid: !xengntdev_handle_valid(xgs, GNTTAB_KIND_GNTSHR);
      assigns errno;
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior bad_arguments:
      assumes valid: xengntdev_handle_valid(xgs, GNTTAB_KIND_GNTSHR);
      assumes bad: count <= 0 || refs == \null || domid > UINT16_MAX;
      assigns errno;
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior share:
      assumes valid: xengntdev_handle_valid(xgs, GNTTAB_KIND_GNTSHR);
      assumes args: count > 0 && refs != \null && domid <= UINT16_MAX;
      ensures handle_kept: xengntdev_handle_core(xgs);
      ensures logger_apart: xengntdev_handle_logger_apart(xgs);
      ensures logger_vmessage: xengntdev_handle_logger_vmessage(xgs);
      ensures logger_progress: xengntdev_handle_logger_progress(xgs);
      ensures logger_destroy: xengntdev_handle_logger_destroy(xgs);
      ensures errno_on_failure: \result == \null ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
static void *gntshr_share(struct xengntdev_handle *xgs, uint32_t domid,
                          int count, uint32_t *refs, int writable,
                          uint32_t notify_offset, uint32_t notify_port);

#endif /* GNTTAB_GNTSHR_ACSL_H */
