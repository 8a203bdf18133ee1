/*
 * stdiostream.c - the stdio logger: messages and progress to a FILE.
 *
 * Output format (byte-compatible with upstream, consumers parse it):
 *   [YYYY-MM-DD HH:MM:SS ZONE ][[pid] ][context: ]level: message[: strerror]\n
 * Progress, line mode:  an ordinary message "doing: done/total  pct%".
 * Progress, CR mode:    "\r[context: ]doing: done/total  pct%" rewritten in
 *                       place, padded with blanks over a longer previous
 *                       line, and ended with "\n" when done == total.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "xentoollog.h"
#include "vx_export.h"
#include "toollog_private.h"

#ifdef __FRAMAC__
#include "toollog_stdiostream.acsl.h" /* contracts of the static helpers */
#endif

/*
 * Formats and fixed strings as initialised const arrays, not literals: WP
 * proves valid_read_string of an initialised const array, not of a string
 * literal (the libc contracts of fprintf/strftime require it).  gcc and
 * clang still check these formats under -Wformat=2.
 */
static const char str_empty[] = "";
static const char str_cr[] = "\r";
static const char str_nl[] = "\n";
static const char str_colon_sp[] = ": ";
static const char fmt_erase[] = "\r%*s\r";
static const char fmt_localtime_failed[] = "[localtime_r failed: %d] ";
static const char fmt_date[] = "%Y-%m-%d %H:%M:%S %Z ";
static const char fmt_pid[] = "[%lu] ";
static const char fmt_prefix[] = "%s: ";
static const char fmt_strerror[] = ": %s";
static const char fmt_progress_cr[] = "%s%s%s%s: %lu/%lu  %3d%%%s";
static const char fmt_blank_cr[] = "%*s\r";
static const char fmt_progress[] = "%s: %lu/%lu  %3d%%";

/* Validity predicate (mirrored by an ACSL predicate in specs/). */
static int xtl_stdiostream_is_valid(const xentoollog_logger_stdiostream *lg)
{
    return lg != NULL && lg->f != NULL && lg->progress_erase_len >= 0 &&
           (unsigned)lg->min_level <= (unsigned)XTL_NUM_LEVELS &&
           (lg->use_cr == 0 || lg->use_cr == 1);
}

/* Blank out a progress line left on screen in CR mode. */
static void stdiostream_erase_progress(xentoollog_logger_stdiostream *lg)
{
    if (lg->progress_erase_len == 0)
        return;
    fprintf(lg->f, fmt_erase, lg->progress_erase_len, str_empty);
}

static void stdiostream_print_date(FILE *f)
{
    char buf[64];
    struct tm tm;
    size_t n;
    time_t now = time(NULL);

    if (localtime_r(&now, &tm) == NULL) {
        fprintf(f, fmt_localtime_failed, errno);
        return;
    }
    n = strftime(buf, sizeof(buf), fmt_date, &tm);
    if (n > 0 && n < sizeof(buf)) {
        buf[n] = '\0'; /* strftime did; Frama-C's contract does not say so */
        /* Stepping stones for the provers: the terminator bounds the
         * length, and the length makes the array a string. */
        /*@ assert length: 0 <= strlen(&buf[0]) <= n; */
        /*@ assert string: valid_read_string(&buf[0]); */
        fputs(buf, f);
    }
}

static void stdiostream_vmessage_lg(xentoollog_logger_stdiostream *lg,
                                    xentoollog_level level, int errnoval,
                                    const char *context, const char *format,
                                    va_list al)
    __attribute__((format(printf, 5, 0)));

static void stdiostream_vmessage_lg(xentoollog_logger_stdiostream *lg,
                                    xentoollog_level level, int errnoval,
                                    const char *context, const char *format,
                                    va_list al)
{
    if (!xtl_stdiostream_is_valid(lg) || level < lg->min_level)
        return;

    stdiostream_erase_progress(lg);
    if (lg->flags & XTL_STDIOSTREAM_SHOW_DATE)
        stdiostream_print_date(lg->f);
    if (lg->flags & XTL_STDIOSTREAM_SHOW_PID)
        fprintf(lg->f, fmt_pid, (unsigned long)getpid());
    if (context != NULL)
        fprintf(lg->f, fmt_prefix, context);
    fprintf(lg->f, fmt_prefix, xtl_level_to_string(level));
    vfprintf(lg->f, format, al);
    if (errnoval >= 0)
        fprintf(lg->f, fmt_strerror, strerror(errnoval));
    putc('\n', lg->f);
    xtl_stream_flush(lg->f);
}

void stdiostream_vmessage(xentoollog_logger *logger, xentoollog_level level,
                          int errnoval, const char *context,
                          const char *format, va_list al)
{
    stdiostream_vmessage_lg(xtl_stdiostream_of(logger), level, errnoval,
                            context, format, al);
}

/* Helper so the line-mode progress message goes through vmessage with a
 * real va_list, exactly like any other message. */
static void stdiostream_message(xentoollog_logger_stdiostream *lg,
                                xentoollog_level level, const char *context,
                                const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static void stdiostream_message(xentoollog_logger_stdiostream *lg,
                                xentoollog_level level, const char *context,
                                const char *format, ...)
{
    va_list al;

    va_start(al, format);
    stdiostream_vmessage_lg(lg, level, -1, context, format, al);
    va_end(al);
}

/* Which level a progress report gets, or XTL_NONE to drop it: repeats are
 * noise, small steps are detail, big steps and restarts are progress. */
static xentoollog_level stdiostream_progress_level(int last, int percent)
{
    if (percent == last)
        return XTL_NONE;
    if (percent < last)
        return XTL_PROGRESS;
    /* In long long: a client calling the vtable directly may pass any
     * int, and percent - last must not overflow. */
    if ((long long)percent - last < XTL_PROGRESS_STEP)
        return XTL_DETAIL;
    return XTL_PROGRESS;
}

/*
 * CR mode.  Observed upstream behaviour, reproduced byte for byte because
 * terminal scrapers and test logs depend on it: a line is prefixed with
 * "\r" once anything has been drawn; when it is shorter than the previous
 * one the leftover columns are blanked and the cursor returned with "\r";
 * done == total ends the line with "\n".  The remembered length counts
 * the bytes of the line after its "\r" (a final "\n" included), and
 * erasing never forgets it.
 */
static void stdiostream_progress_cr(xentoollog_logger_stdiostream *lg,
                                    const char *context,
                                    const char *doing_what, int percent,
                                    unsigned long done, unsigned long total)
{
    int prefixed = lg->progress_erase_len != 0;
    int len = fprintf(lg->f, fmt_progress_cr,
                      prefixed ? str_cr : str_empty,
                      context ? context : str_empty,
                      context ? str_colon_sp : str_empty,
                      doing_what, done, total, percent,
                      done == total ? str_nl : str_empty);

    /* len - prefixed, floored at 0 (never computes INT_MIN - 1). */
    if (len < prefixed)
        len = 0;
    else
        len -= prefixed;
    if (len < lg->progress_erase_len)
        fprintf(lg->f, fmt_blank_cr, lg->progress_erase_len - len, str_empty);
    lg->progress_erase_len = len;
    xtl_stream_flush(lg->f);
}

static void stdiostream_progress_lg(xentoollog_logger_stdiostream *lg,
                                    const char *context,
                                    const char *doing_what, int percent,
                                    unsigned long done, unsigned long total)
{
    xentoollog_level level;

    if (!xtl_stdiostream_is_valid(lg) || doing_what == NULL ||
        (lg->flags & XTL_STDIOSTREAM_HIDE_PROGRESS))
        return;
    level = stdiostream_progress_level(lg->progress_last_percent, percent);
    if (level == XTL_NONE || level < lg->min_level)
        return;
    lg->progress_last_percent = percent;

    if (lg->use_cr)
        stdiostream_progress_cr(lg, context, doing_what, percent, done, total);
    else
        stdiostream_message(lg, level, context, fmt_progress,
                            doing_what, done, total, percent);
}

void stdiostream_progress(xentoollog_logger *logger, const char *context,
                          const char *doing_what, int percent,
                          unsigned long done, unsigned long total)
{
    stdiostream_progress_lg(xtl_stdiostream_of(logger), context, doing_what,
                            percent, done, total);
}

static void stdiostream_destroy_lg(xentoollog_logger_stdiostream *lg)
{
    if (lg == NULL)
        return;
    if (lg->f != NULL) {
        stdiostream_erase_progress(lg);
        xtl_stream_flush(lg->f);
    }
    xtl_stdiostream_free(lg);
}

void stdiostream_destroy(xentoollog_logger *logger)
{
    stdiostream_destroy_lg(xtl_stdiostream_of(logger));
}

/* Arrays, not literals (see the top of the file). */
static const char xtl_context[] = "xtl";
static const char msg_alloc_failed[] =
    "failed to allocate memory for new message logger";

VX_EXPORT xentoollog_logger_stdiostream *
xtl_createlogger_stdiostream(FILE *f, xentoollog_level min_level,
                             unsigned flags)
{
    xentoollog_logger_stdiostream tmp;
    xentoollog_logger_stdiostream *lg;

    if (f == NULL || (unsigned)min_level > (unsigned)XTL_NUM_LEVELS) {
        errno = EINVAL;
        return NULL;
    }
    if ((flags & XTL_STDIOSTREAM_PROGRESS_USE_CR) &&
        (flags & XTL_STDIOSTREAM_PROGRESS_NO_CR)) {
        errno = EINVAL;
        return NULL;
    }

    tmp.progress_erase_len = 0;
    tmp.progress_last_percent = 0;
    tmp.f = f;
    tmp.min_level = min_level;
    tmp.flags = flags;
    if (flags & XTL_STDIOSTREAM_PROGRESS_USE_CR)
        tmp.use_cr = 1;
    else if (flags & XTL_STDIOSTREAM_PROGRESS_NO_CR)
        tmp.use_cr = 0;
    else
        tmp.use_cr = isatty(fileno(f)) > 0;

    if (flags & XTL_STDIOSTREAM_SHOW_DATE)
        xtl_tzset();

    /* What XTL_NEW_LOGGER(stdiostream, tmp) does, with the allocation in
     * the seam: on failure, report through the on-stack copy, yield NULL. */
    tmp.vtable.vmessage = stdiostream_vmessage;
    tmp.vtable.progress = stdiostream_progress;
    tmp.vtable.destroy = stdiostream_destroy;
    lg = xtl_stdiostream_alloc(&tmp);
    if (lg == NULL)
        xtl_log(&tmp.vtable, XTL_CRITICAL, errno, xtl_context,
                msg_alloc_failed);
    return lg;
}

VX_EXPORT void xtl_stdiostream_set_minlevel(xentoollog_logger_stdiostream *lg,
                                            xentoollog_level min_level)
{
    if (lg == NULL || (unsigned)min_level > (unsigned)XTL_NUM_LEVELS)
        return;
    lg->min_level = min_level;
}

VX_EXPORT void xtl_stdiostream_adjust_flags(xentoollog_logger_stdiostream *lg,
                                            unsigned set_flags,
                                            unsigned clear_flags)
{
    if (!xtl_stdiostream_is_valid(lg))
        return;
    lg->flags = (lg->flags & ~clear_flags) | set_flags;
    if (lg->flags & XTL_STDIOSTREAM_HIDE_PROGRESS) {
        stdiostream_erase_progress(lg);
        xtl_stream_flush(lg->f);
    }
}
