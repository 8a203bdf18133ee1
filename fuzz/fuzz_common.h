/*
 * fuzz_common.h - shared machinery of verixen's libFuzzer harnesses.
 *
 * Input layout (every target):
 *
 *   byte 0..1   little-endian length S of the script
 *   S bytes     the script: scene switches, then API calls with arguments,
 *               read by the harness through struct fz
 *   the rest    the kernel's decisions, handed to the mocked kernel's
 *               hostile mode (mock/hostile.h): fail / answer / lie, call by
 *               call
 *
 * A harness runs fz_begin(), its calls, closes everything it opened, then
 * fz_end(), which aborts (so libFuzzer reports a crash) if
 *   - a descriptor is still open that was not open before the input,
 *   - the model reports a violation (xm_check_invariants: descriptors,
 *     mappings, grant slots, ...; device-level leaks only when the kernel
 *     told no lies),
 * and FZ_FAILED() aborts if a call failed with errno <= 0.  AddressSanitizer,
 * UBSan and LeakSanitizer (per input) do the rest.
 */
#ifndef VX_FUZZ_COMMON_H
#define VX_FUZZ_COMMON_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>

#include "hostile.h"
#include "xenmock.h"

struct fz {
    const uint8_t *p;
    size_t len, pos;
};

/* Negative sentinel stored into errno before each call: a failure that
 * leaves it there did not set errno. */
#define FZ_ERRNO_SENTINEL (-7777)

void fz_die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* Start one input: reset the model, split the input, arm hostile mode
 * with the kernel part.  Returns the script cursor. */
void fz_begin(struct fz *s, const uint8_t *data, size_t size);
/* End one input: disarm, check descriptors and the model's invariants. */
void fz_end(void);

/* Script readers: 0 when the script is used up. */
int fz_more(const struct fz *s);
uint8_t fz_u8(struct fz *s);
uint16_t fz_u16(struct fz *s);
uint32_t fz_u32(struct fz *s);
uint64_t fz_u64(struct fz *s);
/* A value from the interesting set (0, 1, small, INT_MAX, INT_MAX+1,
 * UINT32_MAX, arbitrary) or `good`, one the scene knows to be valid. */
uint32_t fz_val32(struct fz *s, uint32_t good);
/* A size: mostly small, sometimes near SIZE_MAX (never a size that
 * could really be allocated: the fuzzers must stay within 2 GB). */
size_t fz_size(struct fz *s, size_t small_max);
/* Copy up to `max` script bytes into buf; returns the number copied. */
size_t fz_bytes(struct fz *s, void *buf, size_t max);

/* Call wrapper: errno := sentinel, then the call. */
#define FZ(expr) (errno = FZ_ERRNO_SENTINEL, (expr))
/* After a call that failed (cond true): errno must be a positive value. */
#define FZ_FAILED(cond, what)                                                  \
    do {                                                                       \
        if ((cond) && errno <= 0 && !fz_negative_result_tolerated())           \
            fz_die("%s failed with errno %d (line %d)", (what), errno,         \
                   __LINE__);                                                  \
    } while (0)
#define FZ_ASSERT(cond, ...)                                                   \
    do {                                                                       \
        if (!(cond))                                                           \
            fz_die(__VA_ARGS__);                                               \
    } while (0)

/* The harness is about to call xentoolcore_restrict_all().  Restricting
 * dup2()s /dev/null over the handles' descriptors; in Linux mappings made
 * through them stay valid (the vma holds the file), but the model treats
 * the dup2 as a release and reports every mapping still live as leaked.
 * After this, fz_end() only insists on descriptors (model limitation,
 * docs/FUZZING.md). */
void fz_note_restrict(void);

/* A known bug of src/, recorded with its reproducer in fuzz/crashes/<id>
 * (owners of src/ fix them; the harnesses must keep fuzzing meanwhile):
 * 1 = tolerate it.  With VX_FUZZ_STRICT=1 in the environment, 0, so the
 * reproducer crashes again. */
int fz_known_bug(const char *id);

/* Known bug "negative-ioctl-result" (fuzz/crashes/): the libraries treat
 * any negative vx_sys_ioctl() result as a failure with errno set, but a
 * raw result below -4095 is a result (vx_sys.h); they then fail with errno
 * untouched.  1 if such a result was delivered this input and the bug is
 * tolerated. */
int fz_negative_result_tolerated(void);

/* rc, or -1 for a value below -1 that only the tolerated
 * negative-ioctl-result bug produces (a function passing the raw result
 * through). */
int fz_norm(int rc);

/* The result of a function returning 0 or -1: normalised (fz_norm); any
 * other value is a harness failure, and -1 must come with errno > 0.
 * Evaluates to the normalised result. */
int fz_status(int rc, const char *what, int line);
#define FZ_STATUS(rc, what) fz_status((rc), (what), __LINE__)

/* The kernel told no lies so far (hostile mode's answers were true). */
int fz_truthful(void);

#endif /* VX_FUZZ_COMMON_H */
