/*
 * xentoollog.acsl.h - contracts of libxentoollog (force-included when
 * src/toollog/ is analysed; the public header stays contract-free).
 *
 * Model of the world:
 *  - Output streams: Frama-C's libc models every FILE as an element of
 *    __fc_fopen[]; xtl_stream(f) says f is one.  Writing a message
 *    assigns that array (the streams' state) and nothing else.
 *  - Callbacks: a logger is a vtable of three function pointers.  Each
 *    one is NULL, one of the stdio logger's entries (proven here), or a
 *    client's callback, represented by xtl_{vmessage,progress,destroy}_any
 *    whose contracts are TRUSTED (specs/trusted.txt): a client callback
 *    writes only streams and errno.
 *  - seam.c (not analysed): the downcast vtable -> stdio logger, malloc
 *    and free, TRUSTED with models in specs/models/xentoollog.c.
 */
#ifndef XENTOOLLOG_ACSL_H
#define XENTOOLLOG_ACSL_H

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <time.h>
#include "xentoollog.h"
#include "../src/toollog/toollog_private.h"

/*@ predicate xtl_stream(FILE *f) =
      \subset(f, &__fc_fopen[0 .. __FC_FOPEN_MAX - 1]);

    // The validity predicate of a stdio logger (mirrors
    // xtl_stdiostream_is_valid in src/toollog/stdiostream.c).
    predicate xtl_stdiostream_valid(xentoollog_logger_stdiostream *lg) =
      \valid(lg) && xtl_stream(lg->f) && lg->progress_erase_len >= 0 &&
      0 <= lg->min_level <= XTL_NUM_LEVELS &&
      (lg->use_cr == 0 || lg->use_cr == 1);

    // What any stdio logger pointer may hold: NULL stream or a stream.
    predicate xtl_stdiostream_shape(xentoollog_logger_stdiostream *lg) =
      \valid(lg) && (lg->f == \null || xtl_stream(lg->f));
*/

/*@ requires logger_valid: \valid_read(logger);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
*/
void xtl_vmessage_any(struct xentoollog_logger *logger,
                      xentoollog_level level, int errnoval,
                      const char *context, const char *format, va_list al)
    __attribute__((format(printf, 5, 0)));

/*@ requires logger_valid: \valid_read(logger);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
*/
void xtl_progress_any(struct xentoollog_logger *logger, const char *context,
                      const char *doing_what, int percent,
                      unsigned long done, unsigned long total);

/*@ requires logger_valid: \valid_read(logger);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
*/
void xtl_destroy_any(struct xentoollog_logger *logger);

/*@ predicate xtl_logger_ok(struct xentoollog_logger *l) =
      \valid_read(l) &&
      (l->vmessage == \null || l->vmessage == &xtl_vmessage_any ||
       l->vmessage == &stdiostream_vmessage) &&
      (l->progress == \null || l->progress == &xtl_progress_any ||
       l->progress == &stdiostream_progress) &&
      (l->destroy == \null || l->destroy == &xtl_destroy_any ||
       l->destroy == &stdiostream_destroy);
*/

/* ---- seam.c: TRUSTED ---- */

/* The stdio logger whose public vtable is at `logger`: the downcast of
 * seam.c named in logic, so that a vtable entry's contract can say which
 * logger state it writes.  Its one axiom is what the cast is, the inverse
 * of taking the vtable member (consistent: distinct loggers have distinct
 * vtable members). */
/*@ axiomatic XtlStdiostreamAt {
      logic xentoollog_logger_stdiostream *
        xtl_stdiostream_at(xentoollog_logger *logger);
      axiom at_vtable: \forall xentoollog_logger_stdiostream *lg;
        xtl_stdiostream_at(&lg->vtable) == lg;
    }
*/

/*@ requires logger_valid: \valid_read(logger);
    assigns \nothing;
    ensures at: \result == xtl_stdiostream_at(logger);
    ensures shape: xtl_stdiostream_shape(\result);
    ensures separated:
      \separated(\result, &__fc_fopen[0 .. __FC_FOPEN_MAX - 1], &errno);
*/
xentoollog_logger_stdiostream *xtl_stdiostream_of(xentoollog_logger *logger);

/*@ requires init_valid: \valid_read(init);
    assigns \nothing;
    ensures null_or_copy: \result == \null ||
      (\valid(\result) && \separated(\result, init) &&
       \result->f == init->f && \result->min_level == init->min_level &&
       \result->flags == init->flags && \result->use_cr == init->use_cr &&
       \result->progress_erase_len == init->progress_erase_len &&
       \result->progress_last_percent == init->progress_last_percent &&
       \result->vtable.vmessage == init->vtable.vmessage &&
       \result->vtable.progress == init->vtable.progress &&
       \result->vtable.destroy == init->vtable.destroy);
*/
xentoollog_logger_stdiostream *
xtl_stdiostream_alloc(const xentoollog_logger_stdiostream *init);

/*@ requires lg_valid: \valid(lg);
    assigns \nothing;
*/
void xtl_stdiostream_free(xentoollog_logger_stdiostream *lg);

/* fflush(f): writes the streams' state, may set errno. */
/*@ requires stream: xtl_stream(f);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
*/
void xtl_stream_flush(FILE *f);

/* tzset(): glibc points tzname[0..1] at its own strings and sets timezone
 * and daylight.  (Frama-C 25's contract of tzset instead lets it write the
 * characters tzname points to, which WP cannot keep apart from the
 * logger's own const strings.) */
/*@ assigns tzname[0..1], timezone, daylight;
*/
void xtl_tzset(void);

/* ---- the stdio logger's vtable entries (proven) ---- */

/*@ requires logger_valid: \valid_read(logger);
    requires context_ok: context == \null || valid_read_string(context);
    requires format_ok: valid_read_string(format);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
*/
void stdiostream_vmessage(xentoollog_logger *logger, xentoollog_level level,
                          int errnoval, const char *context,
                          const char *format, va_list al);

/*@ requires logger_valid: \valid_read(logger);
    requires context_ok: context == \null || valid_read_string(context);
    requires doing_ok: doing_what == \null || valid_read_string(doing_what);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1],
            xtl_stdiostream_at(logger)->progress_last_percent,
            xtl_stdiostream_at(logger)->progress_erase_len;
*/
void stdiostream_progress(xentoollog_logger *logger, const char *context,
                          const char *doing_what, int percent,
                          unsigned long done, unsigned long total);

/*@ requires logger_valid: \valid_read(logger);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
*/
void stdiostream_destroy(xentoollog_logger *logger);

/* ---- exported ---- */

/*@ assigns \nothing;
    behavior named:
      assumes in_range: XTL_NONE <= level < XTL_NUM_LEVELS;
      ensures not_null: \result != \null;
      ensures string: valid_read_string(\result);
    behavior invalid_level:
      assumes out_of_range: !(XTL_NONE <= level < XTL_NUM_LEVELS);
      ensures not_null: \result != \null;
      ensures string: valid_read_string(\result);
    complete behaviors;
    disjoint behaviors;
*/
const char *xtl_level_to_string(xentoollog_level level);

/*@ requires logger_ok: logger == \null || xtl_logger_ok(logger);
    requires context_ok: context == \null || valid_read_string(context);
    requires format_ok: format == \null || valid_read_string(format);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
    ensures errno_kept: errno == \old(errno);
    behavior dropped:
      assumes nothing_to_do: logger == \null || logger->vmessage == \null ||
              !(XTL_NONE < level < XTL_NUM_LEVELS) || format == \null;
      assigns errno;
      ensures errno_kept: errno == \old(errno);
    behavior delivered:
      assumes to_log: logger != \null && logger->vmessage != \null &&
              XTL_NONE < level < XTL_NUM_LEVELS && format != \null;
      ensures errno_kept: errno == \old(errno);
    complete behaviors;
    disjoint behaviors;
*/
void xtl_logv(struct xentoollog_logger *logger, xentoollog_level level,
              int errnoval, const char *context, const char *format,
              va_list al);

/*@ requires logger_ok: logger == \null || xtl_logger_ok(logger);
    requires context_ok: context == \null || valid_read_string(context);
    requires format_ok: format == \null || valid_read_string(format);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
    ensures errno_kept: errno == \old(errno);
*/
void xtl_log(struct xentoollog_logger *logger, xentoollog_level level,
             int errnoval, const char *context, const char *format, ...);

/*@ assigns \nothing;
    behavior no_total:
      assumes zero: total == 0;
      ensures zero: \result == 0;
    behavior some_total:
      assumes nonzero: total != 0;
      ensures range: 0 <= \result <= INT_MAX;
      ensures done_le_total_bounded: done <= total ==> \result <= 100;
    complete behaviors;
    disjoint behaviors;
*/
int xtl_percent_of(unsigned long done, unsigned long total);

/*@ requires logger_ok: logger == \null || xtl_logger_ok(logger);
    requires context_ok: context == \null || valid_read_string(context);
    requires doing_ok: doing_what == \null || valid_read_string(doing_what);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1],
            xtl_stdiostream_at(logger)->progress_last_percent,
            xtl_stdiostream_at(logger)->progress_erase_len;
    ensures errno_kept: errno == \old(errno);
    behavior dropped:
      assumes nothing_to_do: logger == \null || logger->progress == \null;
      assigns errno;
      ensures errno_kept: errno == \old(errno);
    behavior delivered:
      assumes to_report: logger != \null && logger->progress != \null;
      ensures errno_kept: errno == \old(errno);
    complete behaviors;
    disjoint behaviors;
*/
void xtl_progress(struct xentoollog_logger *logger, const char *context,
                  const char *doing_what, unsigned long done,
                  unsigned long total);

/*@ requires logger_ok: logger == \null || xtl_logger_ok(logger);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
    behavior ignored:
      assumes nothing_to_do: logger == \null || logger->destroy == \null;
      assigns \nothing;
    behavior destroyed:
      assumes has_destroy: logger != \null && logger->destroy != \null;
    complete behaviors;
    disjoint behaviors;
*/
void xtl_logger_destroy(struct xentoollog_logger *logger);

/*@ requires stream_ok: f == \null || xtl_stream(f);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1], tzname[0..1],
            timezone, daylight;
    behavior no_stream:
      assumes null_stream: f == \null;
      assigns errno;
      ensures failed: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior bad_level:
      assumes stream_given: f != \null;
      assumes out_of_range: !(0 <= min_level <= XTL_NUM_LEVELS);
      assigns errno;
      ensures failed: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior both_cr_modes:
      assumes stream_given: f != \null;
      assumes in_range: 0 <= min_level <= XTL_NUM_LEVELS;
      assumes conflicting: (flags & XTL_STDIOSTREAM_PROGRESS_USE_CR) != 0 &&
                           (flags & XTL_STDIOSTREAM_PROGRESS_NO_CR) != 0;
      assigns errno;
      ensures failed: \result == \null;
      ensures errno_set: errno == EINVAL;
    behavior create:
      assumes stream_given: f != \null;
      assumes in_range: 0 <= min_level <= XTL_NUM_LEVELS;
      assumes consistent: (flags & XTL_STDIOSTREAM_PROGRESS_USE_CR) == 0 ||
                          (flags & XTL_STDIOSTREAM_PROGRESS_NO_CR) == 0;
      ensures valid_or_null: \result == \null ||
        (xtl_stdiostream_valid(\result) && \result->f == f &&
         \result->min_level == min_level && \result->flags == flags &&
         xtl_logger_ok(&\result->vtable));
    complete behaviors;
    disjoint behaviors;
*/
xentoollog_logger_stdiostream *
xtl_createlogger_stdiostream(FILE *f, xentoollog_level min_level,
                             unsigned flags);

/*@ requires lg_ok: lg == \null || \valid(lg);
    assigns lg->min_level;
    behavior ignored:
      assumes nothing_to_do: lg == \null ||
                             !(0 <= min_level <= XTL_NUM_LEVELS);
      assigns \nothing;
    behavior set:
      assumes ok: lg != \null && 0 <= min_level <= XTL_NUM_LEVELS;
      ensures set: lg->min_level == min_level;
    complete behaviors;
    disjoint behaviors;
*/
void xtl_stdiostream_set_minlevel(xentoollog_logger_stdiostream *lg,
                                  xentoollog_level min_level);

/*@ requires lg_ok: lg == \null || xtl_stdiostream_shape(lg);
    requires separated: lg != \null ==>
             \separated(lg, &__fc_fopen[0 .. __FC_FOPEN_MAX - 1], &errno);
    assigns lg->flags, errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
    behavior ignored:
      assumes invalid: lg == \null || !xtl_stdiostream_valid(lg);
      assigns \nothing;
    behavior adjusted:
      assumes valid: lg != \null && xtl_stdiostream_valid(lg);
      ensures flags: lg->flags ==
        (unsigned)((unsigned)(\old(lg->flags) & (unsigned)~clear_flags) |
                   set_flags);
    complete behaviors;
    disjoint behaviors;
*/
void xtl_stdiostream_adjust_flags(xentoollog_logger_stdiostream *lg,
                                  unsigned set_flags, unsigned clear_flags);

#endif /* XENTOOLLOG_ACSL_H */
