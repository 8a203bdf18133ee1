/*
 * call_hypercall.acsl.h - contracts of the static helpers of
 * src/call/hypercall.c (included there under __FRAMAC__).
 */
#ifndef CALL_HYPERCALL_ACSL_H
#define CALL_HYPERCALL_ACSL_H

/*@ assigns \nothing;
    ensures in_range: INT_MIN <= rc <= INT_MAX ==> \result == rc;
    ensures low_bits: (rc - \result) % 4294967296 == 0;
*/
static int call_int_result(long rc);

/*@ requires handle: xcall == \null || \valid_read(xcall);
    assigns errno;
    behavior invalid_handle:
      assumes invalid: !xencall_ok(xcall);
      ensures result: \result == -1;
      ensures errno_set: errno == EINVAL;
    behavior ok_handle:
      assumes valid: xencall_ok(xcall);
      ensures result_range: \result >= -1;
      ensures errno_on_failure: \result == -1 ==> errno > 0;
      ensures errno_kept: \result != -1 ==> errno == \old(errno);
    complete behaviors;
    disjoint behaviors;
*/
static long call_hypercall(xencall_handle *xcall, unsigned int op,
                           uint64_t a1, uint64_t a2, uint64_t a3,
                           uint64_t a4, uint64_t a5);

#endif
