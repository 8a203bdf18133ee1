/*
 * toollog_stdiostream.acsl.h - contracts of the static helpers of
 * src/toollog/stdiostream.c (included there only under __FRAMAC__, before
 * their definitions).  Predicates: specs/xentoollog.acsl.h.
 */
#ifndef TOOLLOG_STDIOSTREAM_ACSL_H
#define TOOLLOG_STDIOSTREAM_ACSL_H

/*@ requires lg_ok: lg == \null || xtl_stdiostream_shape(lg);
    assigns \nothing;
    ensures valid: \result != 0 <==> (lg != \null && xtl_stdiostream_valid(lg));
*/
static int xtl_stdiostream_is_valid(const xentoollog_logger_stdiostream *lg);

/*@ requires lg_ok: xtl_stdiostream_shape(lg) && lg->f != \null;
    assigns __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
*/
static void stdiostream_erase_progress(xentoollog_logger_stdiostream *lg);

/*@ requires stream: xtl_stream(f);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
*/
static void stdiostream_print_date(FILE *f);

/*@ requires lg_ok: lg == \null || xtl_stdiostream_shape(lg);
    requires context_ok: context == \null || valid_read_string(context);
    requires format_ok: valid_read_string(format);
    requires separated: lg != \null ==>
             \separated(lg, &__fc_fopen[0 .. __FC_FOPEN_MAX - 1], &errno);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
*/
static void stdiostream_vmessage_lg(xentoollog_logger_stdiostream *lg,
                                    xentoollog_level level, int errnoval,
                                    const char *context, const char *format,
                                    va_list al);

/*@ requires lg_ok: xtl_stdiostream_valid(lg);
    requires separated:
             \separated(lg, &__fc_fopen[0 .. __FC_FOPEN_MAX - 1], &errno);
    requires context_ok: context == \null || valid_read_string(context);
    requires format_ok: valid_read_string(format);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
*/
static void stdiostream_message(xentoollog_logger_stdiostream *lg,
                                xentoollog_level level, const char *context,
                                const char *format, ...);

/*@ assigns \nothing;
    ensures level: \result == XTL_NONE || \result == XTL_DETAIL ||
                   \result == XTL_PROGRESS;
    ensures repeat: \result == XTL_NONE <==> percent == last;
*/
static xentoollog_level stdiostream_progress_level(int last, int percent);

/*@ requires lg_ok: xtl_stdiostream_valid(lg);
    requires separated:
             \separated(lg, &__fc_fopen[0 .. __FC_FOPEN_MAX - 1], &errno);
    requires context_ok: context == \null || valid_read_string(context);
    requires doing_ok: valid_read_string(doing_what);
    assigns lg->progress_erase_len, errno,
            __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
    ensures still_valid: xtl_stdiostream_valid(lg);
*/
static void stdiostream_progress_cr(xentoollog_logger_stdiostream *lg,
                                    const char *context,
                                    const char *doing_what, int percent,
                                    unsigned long done, unsigned long total);

/*@ requires lg_ok: lg == \null || xtl_stdiostream_shape(lg);
    requires separated: lg != \null ==>
             \separated(lg, &__fc_fopen[0 .. __FC_FOPEN_MAX - 1], &errno);
    requires context_ok: context == \null || valid_read_string(context);
    requires doing_ok: doing_what == \null || valid_read_string(doing_what);
    assigns errno, lg->progress_last_percent, lg->progress_erase_len,
            __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
*/
static void stdiostream_progress_lg(xentoollog_logger_stdiostream *lg,
                                    const char *context,
                                    const char *doing_what, int percent,
                                    unsigned long done, unsigned long total);

/*@ requires lg_ok: lg == \null || xtl_stdiostream_shape(lg);
    requires separated: lg != \null ==>
             \separated(lg, &__fc_fopen[0 .. __FC_FOPEN_MAX - 1], &errno);
    assigns errno, __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
*/
static void stdiostream_destroy_lg(xentoollog_logger_stdiostream *lg);

#endif /* TOOLLOG_STDIOSTREAM_ACSL_H */
