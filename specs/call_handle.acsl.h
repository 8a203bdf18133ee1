/*
 * call_handle.acsl.h - contracts of the static helpers of
 * src/call/handle.c (included there under __FRAMAC__).
 */
#ifndef CALL_HANDLE_ACSL_H
#define CALL_HANDLE_ACSL_H

/* Installed in every handle's tc_ah; xentoolcore_restrict_all calls it
 * (there represented by xentoolcore_restrict_callback_any). */
/*@ requires ah_valid: \valid_read(ah);
    assigns errno;
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
static int call_restrict_callback(Xentoolcore__Active_Handle *ah,
                                  domid_t domid);

/*@ requires handle: xencall_shape(xcall);
    requires separated:
      \separated(xcall, &errno, &__fc_fopen[0 .. __FC_FOPEN_MAX - 1]);
    assigns errno, call_cache_lock_state,
            xcall->cache.count[0 .. CALL_CACHE_MAX_PAGES - 1],
            *(xcall->cache.bufs[0] + (0 .. CALL_CACHE_MAX_PAGES * CALL_CACHE_DEPTH - 1)),
            xcall->tc_ah.entry, toolcore_registry_lock,
            xcall->tc_ah.entry.le_next->entry.le_prev,
            *xcall->tc_ah.entry.le_prev,
            __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
*/
static int call_handle_free(xencall_handle *xcall);

#endif
