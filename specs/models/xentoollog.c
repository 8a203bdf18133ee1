/*
 * Models of the trusted contracts of specs/xentoollog.acsl.h: bodies WP
 * proves against the very same contracts, showing them satisfiable.
 * vx_model_* are never initialised by anything WP sees, so each branch is
 * reachable (smoke tests check it).
 */
#include "../xentoollog.acsl.h"

int vx_model_toollog;
xentoollog_logger_stdiostream vx_model_lg;
char vx_model_zone[] = "UTC";

void xtl_vmessage_any(struct xentoollog_logger *logger,
                      xentoollog_level level, int errnoval,
                      const char *context, const char *format, va_list al)
{
    (void)logger; (void)level; (void)errnoval; (void)context;
    (void)format; (void)al;
    if (vx_model_toollog < 0)
        errno = EIO;
}

void xtl_progress_any(struct xentoollog_logger *logger, const char *context,
                      const char *doing_what, int percent,
                      unsigned long done, unsigned long total)
{
    (void)logger; (void)context; (void)doing_what; (void)percent;
    (void)done; (void)total;
    if (vx_model_toollog < 0)
        errno = EIO;
}

void xtl_destroy_any(struct xentoollog_logger *logger)
{
    (void)logger;
    if (vx_model_toollog < 0)
        errno = EIO;
}

xentoollog_logger_stdiostream *xtl_stdiostream_of(xentoollog_logger *logger)
{
    /* The vtable of the model logger; a stdio logger's stream is NULL or
     * one of libc's FILEs. */
    if (logger == &vx_model_lg.vtable &&
        (vx_model_lg.f == NULL || vx_model_lg.f == &__fc_fopen[0]))
        return &vx_model_lg;
    /* Memory that is no stdio logger: the real cast would be undefined
     * behaviour; the model does not return (partial correctness). */
    for (;;) {
    }
}

xentoollog_logger_stdiostream *
xtl_stdiostream_alloc(const xentoollog_logger_stdiostream *init)
{
    (void)init;
    return NULL;
}

void xtl_stdiostream_free(xentoollog_logger_stdiostream *lg)
{
    (void)lg;
}

void xtl_stream_flush(FILE *f)
{
    (void)f;
    if (vx_model_toollog < 0)
        errno = EIO;
}

void xtl_tzset(void)
{
    if (vx_model_toollog < 0) {
        tzname[0] = vx_model_zone;
        tzname[1] = vx_model_zone;
        timezone = 0;
        daylight = 0;
    }
}
