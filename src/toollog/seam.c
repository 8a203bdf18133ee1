/*
 * seam.c - the things of the stdio logger that Frama-C 25's WP cannot
 * reason about, each a one-liner with a trusted contract in
 * specs/xentoollog.acsl.h (and a proven model in specs/models/):
 *
 *   - the downcast from the public vtable to the stdio logger (WP's Typed
 *     memory model rejects casts between unrelated struct pointer types);
 *   - malloc and free (WP 25 does not implement \fresh / \freeable);
 *   - fflush: Frama-C 25's contract of fflush makes WP assume the stream
 *     apart from __fc_fopen[], the array our stream model draws from;
 *   - tzset: Frama-C 25's contract lets it write the characters tzname
 *     points to, which WP cannot keep apart from the logger's own strings.
 *
 * Not analysed by `make prove` (like linux.c).
 */
#include <stdlib.h>
#include <time.h>

#include "toollog_private.h"

xentoollog_logger_stdiostream *xtl_stdiostream_of(xentoollog_logger *logger)
{
    /* vtable is the first member (C11 6.7.2.1p15). */
    return (xentoollog_logger_stdiostream *)logger;
}

xentoollog_logger_stdiostream *
xtl_stdiostream_alloc(const xentoollog_logger_stdiostream *init)
{
    xentoollog_logger_stdiostream *lg = malloc(sizeof(*lg));

    if (lg != NULL)
        *lg = *init;
    return lg;
}

void xtl_stdiostream_free(xentoollog_logger_stdiostream *lg)
{
    free(lg);
}

void xtl_stream_flush(FILE *f)
{
    (void)fflush(f);
}

void xtl_tzset(void)
{
    tzset();
}
