/*
 * log.c - the logger-independent entry points: xtl_log, xtl_logv,
 * xtl_progress and xtl_logger_destroy.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>

#include "xentoollog.h"
#include "vx_export.h"
#include "toollog_private.h"

#ifdef __FRAMAC__
#include "toollog_log.acsl.h" /* contracts of the static helpers */
#endif

/* A message level is valid strictly between the two sentinels. */
static int xtl_level_is_loggable(xentoollog_level level)
{
    return level > XTL_NONE && level < XTL_NUM_LEVELS;
}

VX_EXPORT void xtl_logv(struct xentoollog_logger *logger,
                        xentoollog_level level, int errnoval,
                        const char *context, const char *format, va_list al)
{
    /* Error paths log and then return errno to their caller, so logging
     * must leave errno exactly as it found it. */
    int saved_errno = errno;

    /* Upstream asserts on a bad level and crashes on a NULL logger; a
     * system library's logging must not be the thing that kills a daemon,
     * so both are ignored. */
    if (logger != NULL && logger->vmessage != NULL &&
        xtl_level_is_loggable(level) && format != NULL)
        /*@ calls xtl_vmessage_any, stdiostream_vmessage; */
        logger->vmessage(logger, level, errnoval, context, format, al);
    errno = saved_errno;
}

VX_EXPORT void xtl_log(struct xentoollog_logger *logger,
                       xentoollog_level level, int errnoval,
                       const char *context, const char *format, ...)
{
    va_list al;

    va_start(al, format);
    xtl_logv(logger, level, errnoval, context, format, al);
    va_end(al);
}

int xtl_percent_of(unsigned long done, unsigned long total)
{
    unsigned long percent;

    if (total == 0)
        return 0;
    if (total < (unsigned long)LONG_MAX / 100 && done <= ULONG_MAX / 100) {
        percent = done * 100 / total;
    } else {
        /* Divide by a rounded-up hundredth instead of multiplying, so huge
         * totals (byte counts of big guests) cannot overflow. */
        unsigned long hundredth = total / 100 + (total % 100 != 0);
        percent = done / hundredth;
    }
    return percent > (unsigned long)INT_MAX ? INT_MAX : (int)percent;
}

VX_EXPORT void xtl_progress(struct xentoollog_logger *logger,
                            const char *context, const char *doing_what,
                            unsigned long done, unsigned long total)
{
    int saved_errno = errno;

    if (logger != NULL && logger->progress != NULL)
        /*@ calls xtl_progress_any, stdiostream_progress; */
        logger->progress(logger, context, doing_what,
                         xtl_percent_of(done, total), done, total);
    errno = saved_errno;
}

VX_EXPORT void xtl_logger_destroy(struct xentoollog_logger *logger)
{
    if (logger == NULL || logger->destroy == NULL)
        return;
    /*@ calls xtl_destroy_any, stdiostream_destroy; */
    logger->destroy(logger);
}
