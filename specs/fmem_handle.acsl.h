/*
 * fmem_handle.acsl.h - contracts of the static helpers of
 * src/foreignmemory/handle.c (included there under __FRAMAC__).
 */
#ifndef FMEM_HANDLE_ACSL_H
#define FMEM_HANDLE_ACSL_H

/* Installed in every handle's tc_ah; xentoolcore_restrict_all calls it
 * (there represented by xentoolcore_restrict_callback_any). */
/*@ requires ah_valid: \valid_read(ah);
    assigns errno;
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
static int fmem_restrict_callback(Xentoolcore__Active_Handle *ah,
                                  domid_t domid);

/*@ requires handle: fmem_shape(fmem);
    requires separated: \separated(fmem, &errno);
    assigns errno, fmem->tc_ah.entry,
            toolcore_registry_lock, fmem->tc_ah.entry.le_next->entry.le_prev,
            *fmem->tc_ah.entry.le_prev, fmem->resources, fmem->maps,
            fmem->nr_maps, fmem->cap_maps, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
static int fmem_handle_free(xenforeignmemory_handle *fmem);

#endif
