/*
 * hostile.h - "hostile kernel" mode of the mocked kernel, for fuzzing.
 *
 * When armed with a byte string, the link-time seam (mock/seam.c) consults
 * it at each intercepted call, one decision per call, in call order:
 *
 *   - fail the call before it reaches the model (-1 / errno from a table,
 *     MAP_FAILED for mmap) - the model's state stays consistent;
 *   - let the model answer, then lie about the answer: override an ioctl's
 *     return value, scribble on the out-fields of the request (new port,
 *     gntdev/gntalloc index, gref ids, per-page err[] of MMAPBATCH_V2,
 *     per-segment grant-copy status, resource size, dmabuf fd), return a
 *     short read or write, or a different port from /dev/xen/evtchn;
 *   - or do nothing (also when the string is used up).
 *
 * Lies leave the model and the library disagreeing, so a harness should
 * only insist on the model's device-level invariants (leaked grant slots,
 * ...) when xm_hostile_lies() is 0; descriptors and mappings must never
 * leak.  Disarmed (the default, and all that unit tests ever see) the hooks
 * change nothing.  Process-local, not thread-safe (fuzzers are
 * single-threaded).
 */
#ifndef XENMOCK_HOSTILE_H
#define XENMOCK_HOSTILE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "xenmock.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Arm with `len` bytes of decisions (the buffer must outlive the arming);
 * len 0 or data NULL disarms.  Resets the counters below. */
void xm_hostile_set(const uint8_t *data, size_t len);
/* Disarm. */
void xm_hostile_clear(void);
/* Number of answers falsified since xm_hostile_set / failures injected. */
unsigned int xm_hostile_lies(void);
unsigned int xm_hostile_failures(void);
/* Number of ioctl answers falsified to a negative value below -4095: the
 * syscall ABI makes that a *result* (-1/errno is only for -4095..-1), so
 * vx_sys_ioctl() returns it as such, errno untouched. */
unsigned int xm_hostile_negative_results(void);

/* ---- hooks called by mock/seam.c (no-ops when disarmed) ---------------- */

/* Before a call reaches the model (or, for fd < 0 / non-model paths, the
 * real kernel): 1 if it must fail with *err; 1 with *err == 0 and
 * *short_bytes > 0 for a short read.  `len` is the read length. */
int xm_hostile_before(enum xm_call call, unsigned long request, size_t len,
                      int *err, size_t *short_bytes);
/* After the model answered an ioctl with rc (-1 with errno): the possibly
 * falsified result; sets errno when it returns -1. */
long xm_hostile_after_ioctl(unsigned long request, void *arg, long rc);
/* After the model answered a read/write of `len` bytes with n: the
 * possibly falsified count (read: buf may be rewritten). */
ssize_t xm_hostile_after_rw(enum xm_call call, void *buf, size_t len,
                            ssize_t n);

#ifdef __cplusplus
}
#endif

#endif /* XENMOCK_HOSTILE_H */
