/*
 * toollog_private.h - internals of libxentoollog shared between its files.
 */
#ifndef TOOLLOG_PRIVATE_H
#define TOOLLOG_PRIVATE_H

#include "xentoollog.h"

/*
 * xtl_percent_of - percentage of `done` in `total` for progress reports:
 * 0 when total is 0, done * 100 / total when that cannot overflow, else
 * done / ceil(total / 100); clamped to INT_MAX.
 */
int xtl_percent_of(unsigned long done, unsigned long total);

#define XTL_STDIOSTREAM_ALL_FLAGS                                              \
    (XTL_STDIOSTREAM_SHOW_PID | XTL_STDIOSTREAM_SHOW_DATE |                    \
     XTL_STDIOSTREAM_HIDE_PROGRESS | XTL_STDIOSTREAM_PROGRESS_USE_CR |         \
     XTL_STDIOSTREAM_PROGRESS_NO_CR)

/* Progress that rises by less than this many points is only "detail". */
#define XTL_PROGRESS_STEP 5

/* The stdio logger (opaque in the public header; here so that its
 * validity predicate in specs/xentoollog.acsl.h can name the fields). */
struct xentoollog_logger_stdiostream {
    xentoollog_logger vtable;     /* first: the public view of the logger */
    FILE *f;
    xentoollog_level min_level;
    unsigned flags;
    int use_cr;                   /* progress mode, fixed at creation */
    int progress_erase_len;       /* chars of a CR progress line on screen */
    int progress_last_percent;
};

/* seam.c (not analysed; trusted contracts in specs/xentoollog.acsl.h). */
xentoollog_logger_stdiostream *xtl_stdiostream_of(xentoollog_logger *logger);
xentoollog_logger_stdiostream *
xtl_stdiostream_alloc(const xentoollog_logger_stdiostream *init);
void xtl_stdiostream_free(xentoollog_logger_stdiostream *lg);
void xtl_stream_flush(FILE *f); /* fflush */
void xtl_tzset(void);           /* tzset */

/* The stdio logger's vtable entries (stdiostream.c; hidden). */
void stdiostream_vmessage(xentoollog_logger *logger, xentoollog_level level,
                          int errnoval, const char *context,
                          const char *format, va_list al)
    __attribute__((format(printf, 5, 0)));
void stdiostream_progress(xentoollog_logger *logger, const char *context,
                          const char *doing_what, int percent,
                          unsigned long done, unsigned long total);
void stdiostream_destroy(xentoollog_logger *logger);

#endif /* TOOLLOG_PRIVATE_H */
