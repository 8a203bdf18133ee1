/*
 * gnttab_map.acsl.h - contracts of the static helpers of src/gnttab/map.c
 * (included there only under __FRAMAC__).
 */
#ifndef GNTTAB_MAP_ACSL_H
#define GNTTAB_MAP_ACSL_H

/*@ requires handle: \valid_read(xgt);
    assigns errno;
    ensures errno_kept: errno == \old(errno);
*/
static void map_release_slot(struct xengntdev_handle *xgt, uint64_t index,
                             uint32_t count);

/*@ requires handle: xgt == \null || xengntdev_handle_ok(xgt);
    requires stride: domid_stride == 0 || domid_stride == 1;
    requires domids_valid: domids == \null || count == 0 ||
      \valid_read(domids + (0 .. (count - 1) * domid_stride));
    requires refs_valid: refs == \null || \valid_read(refs + (0 .. count - 1));
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1], xgt->maps,
            gnttab_mapping_arena[0 .. GNTTAB_ARENA_LEN - 1];
    ensures in_page_arena: \result == \null ||
      \base_addr((char *)\result) == \base_addr(&gnttab_page_arena[0]);
    behavior invalid_handle:
      assumes invalid: !xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assigns errno;
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior bad_arguments:
      assumes valid: xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assumes bad: count == 0 || domids == \null || refs == \null;
      assigns errno;
      ensures result: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior map:
      assumes valid: xengntdev_handle_valid(xgt, GNTTAB_KIND_GNTTAB);
      assumes args: count > 0 && domids != \null && refs != \null;
      ensures handle_kept: xengntdev_handle_core(xgt);
      ensures logger_apart: xengntdev_handle_logger_apart(xgt);
      ensures logger_vmessage: xengntdev_handle_logger_vmessage(xgt);
      ensures logger_progress: xengntdev_handle_logger_progress(xgt);
      ensures logger_destroy: xengntdev_handle_logger_destroy(xgt);
      ensures errno_on_failure: \result == \null ==> errno > 0;
    complete behaviors;
    disjoint behaviors;
*/
static void *gnttab_map(struct xengntdev_handle *xgt, uint32_t count,
                        const uint32_t *domids, size_t domid_stride,
                        const uint32_t *refs, int prot,
                        uint32_t notify_offset, uint32_t notify_port);

#endif /* GNTTAB_MAP_ACSL_H */
