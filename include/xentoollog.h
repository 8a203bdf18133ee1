/*
 * xentoollog.h - logging interface shared by the Xen userspace libraries.
 *
 * Part of verixen, a clean-room implementation of Xen's stable userspace
 * libraries (MIT licence).  API- and ABI-compatible with upstream Xen's
 * libxentoollog.so.1 (symbol version VERS_1.0).
 *
 * A logger is a small vtable (struct xentoollog_logger).  Libraries take a
 * `struct xentoollog_logger *` at open time and report through it; callers
 * either use the stdio logger provided here or implement their own by
 * embedding the vtable as the FIRST member of a larger struct and building
 * it with XTL_NEW_LOGGER (libxl, xl and libvirt do this).
 *
 * Thread safety: the functions here add no locking.  A logger may be used
 * from several threads only if its own callbacks are thread-safe; the stdio
 * logger writes each message with a few stdio calls and then fflush(), so
 * messages from concurrent threads may interleave and its progress state is
 * unsynchronised.
 * Fork: a logger may be used in a child process; the stdio logger shares the
 * FILE with the parent, with the usual stdio buffering caveats.
 */
#ifndef XENTOOLLOG_H
#define XENTOOLLOG_H

#include <stdio.h>
#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

/*---------------------------------------------------------------------------
 * Levels and the logger vtable
 *-------------------------------------------------------------------------*/

/* Message severities, least to most severe.  XTL_NONE is a sentinel that is
 * never a valid level for a message; XTL_NUM_LEVELS counts the levels. */
typedef enum xentoollog_level {
    XTL_NONE,       /* 0: sentinel, never used for logging */
    XTL_DEBUG,      /* 1 */
    XTL_VERBOSE,    /* 2 */
    XTL_DETAIL,     /* 3 */
    XTL_PROGRESS,   /* 4: also the level of progress reports */
    XTL_INFO,       /* 5 */
    XTL_NOTICE,     /* 6 */
    XTL_WARN,       /* 7 */
    XTL_ERROR,      /* 8 */
    XTL_CRITICAL,   /* 9 */
    XTL_NUM_LEVELS  /* 10 */
} xentoollog_level;

typedef struct xentoollog_logger xentoollog_logger;

/*
 * The logger vtable (24 bytes on LP64: three function pointers).  Its layout
 * is ABI: callers allocate and fill it themselves.
 *
 * vmessage  - emit one message.  `errnoval` is an errno value to describe,
 *             or -1 for none; `context` names the subsystem and may be NULL.
 *             Must not be NULL.
 * progress  - report that `done` of `total` units of `doing_what` are done
 *             (`percent` is precomputed by xtl_progress).  May be NULL: the
 *             logger then ignores progress reports.
 * destroy   - free the logger (and whatever it owns).  Must not be NULL.
 */
struct xentoollog_logger {
    void (*vmessage)(struct xentoollog_logger *logger,
                     xentoollog_level level,
                     int errnoval,
                     const char *context,
                     const char *format,
                     va_list al)
        __attribute__((format(printf, 5, 0)));
    void (*progress)(struct xentoollog_logger *logger,
                     const char *context,
                     const char *doing_what,
                     int percent, unsigned long done, unsigned long total);
    void (*destroy)(struct xentoollog_logger *logger);
};

/*---------------------------------------------------------------------------
 * The stdio logger
 *-------------------------------------------------------------------------*/

/* Prefix each message with "[<pid>] ". */
#define XTL_STDIOSTREAM_SHOW_PID            001u
/* Prefix each message with "YYYY-MM-DD HH:MM:SS ZONE " (local time). */
#define XTL_STDIOSTREAM_SHOW_DATE           002u
/* Drop all progress reports. */
#define XTL_STDIOSTREAM_HIDE_PROGRESS       004u
/* Render progress by rewriting one line with \r (default on a tty) ... */
#define XTL_STDIOSTREAM_PROGRESS_USE_CR     010u
/* ... or as ordinary lines (default otherwise).  Not both. */
#define XTL_STDIOSTREAM_PROGRESS_NO_CR      020u

/* Opaque; its first member is a struct xentoollog_logger, so a pointer to
 * it may be cast to (struct xentoollog_logger *). */
typedef struct xentoollog_logger_stdiostream xentoollog_logger_stdiostream;

/*
 * xtl_createlogger_stdiostream - a logger writing to a stdio stream.
 *
 * f          stream to write to; not closed when the logger is destroyed,
 *            and must outlive the logger.
 * min_level  messages below this level are dropped (XTL_PROGRESS is usual).
 * flags      XTL_STDIOSTREAM_* bits.  The progress mode (CR or line) is
 *            fixed here: PROGRESS_USE_CR, PROGRESS_NO_CR, or when neither is
 *            given, CR mode iff f is a terminal.
 *
 * Each message is written as
 *   [date ][[pid] ][context: ]level: message[: strerror(errnoval)]\n
 * and flushed.  A progress line shown in CR mode is erased before the next
 * message.
 *
 * Returns the logger, or NULL with errno set: EINVAL if both PROGRESS_USE_CR
 * and PROGRESS_NO_CR are set, ENOMEM if memory is short (a critical message
 * is then written to f if min_level allows).  Release with
 * xtl_logger_destroy((xentoollog_logger *)logger).
 */
xentoollog_logger_stdiostream *xtl_createlogger_stdiostream
        (FILE *f, xentoollog_level min_level, unsigned flags);

/*
 * xtl_stdiostream_set_minlevel - drop messages below `min_level` from now on.
 */
void xtl_stdiostream_set_minlevel(xentoollog_logger_stdiostream *,
                                  xentoollog_level min_level);

/*
 * xtl_stdiostream_adjust_flags - flags = (flags & ~clear_flags) | set_flags
 * (a bit in both is set).  Setting HIDE_PROGRESS erases a progress line that
 * is on screen.  The progress mode chosen at creation does not change.
 */
void xtl_stdiostream_adjust_flags(xentoollog_logger_stdiostream *,
                                  unsigned set_flags, unsigned clear_flags);

/*---------------------------------------------------------------------------
 * Using any logger
 *-------------------------------------------------------------------------*/

/*
 * xtl_logger_destroy - destroy a logger through its vtable.  NULL is a
 * no-op.  For the stdio logger this erases any progress line and frees the
 * logger; the stream stays open.
 */
void xtl_logger_destroy(struct xentoollog_logger *logger);

/*
 * xtl_logv, xtl_log - send one message to `logger` (which must not be NULL).
 *
 * level     XTL_DEBUG .. XTL_CRITICAL (asserted).
 * errnoval  an errno value to append as ": strerror(errnoval)", or -1.
 * context   short subsystem name ("gnttab", ...) or NULL.
 * format    printf format of the message, without a trailing newline.
 *
 * errno is preserved across the call, so error paths may log freely.
 */
void xtl_logv(struct xentoollog_logger *logger,
              xentoollog_level level,
              int errnoval,
              const char *context,
              const char *format,
              va_list) __attribute__((format(printf, 5, 0)));

void xtl_log(struct xentoollog_logger *logger,
             xentoollog_level level,
             int errnoval,
             const char *context,
             const char *format,
             ...) __attribute__((format(printf, 5, 6)));

/*
 * xtl_progress - report progress: `done` units of `total` are done.
 * Computes percent = done * 100 / total (0 when total is 0; without overflow
 * for totals near ULONG_MAX) and calls the logger's progress callback; does
 * nothing if the logger has none.
 */
void xtl_progress(struct xentoollog_logger *logger,
                  const char *context,
                  const char *doing_what,
                  unsigned long done, unsigned long total);

/*
 * xtl_level_to_string - the lower-case name of `level` ("debug", "verbose",
 * "detail", "progress", "info", "notice", "warning", "error", "critical";
 * "[BUG:XTL_NONE]" for XTL_NONE).  Never fails for a valid level; the level
 * must be below XTL_NUM_LEVELS (asserted).  The string is static.
 */
const char *xtl_level_to_string(xentoollog_level);

/*---------------------------------------------------------------------------
 * Implementing your own logger
 *
 *   typedef struct {
 *       xentoollog_logger vtable;      -- must be the first member
 *       ... your state ...
 *   } xentoollog_logger_mine;
 *   static void mine_vmessage(...);  static void mine_progress(...);
 *   static void mine_destroy(...);
 *
 *   xentoollog_logger_mine tmp = { ...state... };
 *   xentoollog_logger_mine *l = XTL_NEW_LOGGER(mine, tmp);
 *
 * XTL_NEW_LOGGER(NAME, buffer) fills buffer.vtable from NAME_vmessage,
 * NAME_progress and NAME_destroy, allocates a xentoollog_logger_NAME, copies
 * `buffer` into it and evaluates to the new pointer.  If malloc fails it logs
 * an XTL_CRITICAL message through `buffer` itself and evaluates to NULL
 * (errno from malloc).  It is a GNU C statement expression and needs
 * <stdlib.h> and <errno.h>.
 *-------------------------------------------------------------------------*/
#define XTL_NEW_LOGGER(LOGGER, buffer) ({                                   \
    xentoollog_logger_##LOGGER *xtl_new_logger_;                            \
    (buffer).vtable.vmessage = LOGGER##_vmessage;                           \
    (buffer).vtable.progress = LOGGER##_progress;                           \
    (buffer).vtable.destroy  = LOGGER##_destroy;                            \
    xtl_new_logger_ = malloc(sizeof(*xtl_new_logger_));                     \
    if (xtl_new_logger_ == NULL)                                            \
        xtl_log((xentoollog_logger *)&(buffer), XTL_CRITICAL, errno, "xtl", \
                "failed to allocate memory for new message logger");        \
    else                                                                    \
        *xtl_new_logger_ = (buffer);                                        \
    xtl_new_logger_;                                                        \
})

#ifdef __cplusplus
}
#endif

#endif /* XENTOOLLOG_H */
