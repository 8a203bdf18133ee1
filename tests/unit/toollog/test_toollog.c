/*
 * test_toollog.c - unit tests of libxentoollog (ours, linked directly).
 */
#include <errno.h>
#include <poll.h>
#include <fcntl.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xentoollog.h"
#include "../../vxtest.h"

/* ---- helpers ------------------------------------------------------------ */

/* Everything written to f since it was created, as a NUL-terminated
 * string (static buffer). */
static const char *contents(FILE *f)
{
    static char buf[65536];
    size_t n;

    fflush(f);
    rewind(f);
    n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    fseek(f, 0, SEEK_END);
    return buf;
}

static xentoollog_logger *new_logger(FILE *f, xentoollog_level min, unsigned flags)
{
    return (xentoollog_logger *)xtl_createlogger_stdiostream(f, min, flags);
}

static int matches(const char *text, const char *pattern)
{
    regex_t re;
    int ok;

    if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0)
        return 0;
    ok = regexec(&re, text, 0, NULL, 0) == 0;
    regfree(&re);
    return ok;
}

/* ---- levels ---------------------------------------------------------------- */

static void level_names(void)
{
    static const char *const expected[] = {
        "[BUG:XTL_NONE]", "debug", "verbose", "detail", "progress",
        "info", "notice", "warning", "error", "critical",
    };
    int i;

    for (i = 0; i < XTL_NUM_LEVELS; i++)
        VXT_CHECK_STR(xtl_level_to_string((xentoollog_level)i), expected[i]);
    /* Out of range never crashes and is recognisable. */
    VXT_CHECK(strstr(xtl_level_to_string(XTL_NUM_LEVELS), "BUG") != NULL);
    VXT_CHECK(strstr(xtl_level_to_string((xentoollog_level)-3), "BUG") != NULL);
}

/* ---- creation ---------------------------------------------------------------- */

static void create_rejects_both_cr_modes(void)
{
    FILE *f = tmpfile();
    VXT_REQUIRE(f != NULL);
    errno = 0;
    VXT_CHECK(xtl_createlogger_stdiostream(f, XTL_DEBUG,
                  XTL_STDIOSTREAM_PROGRESS_USE_CR | XTL_STDIOSTREAM_PROGRESS_NO_CR) == NULL);
    VXT_CHECK_EQ_INT(errno, EINVAL);
    VXT_CHECK_STR(contents(f), "");
    fclose(f);
}

static void create_rejects_null_stream(void)
{
    errno = 0;
    VXT_CHECK(xtl_createlogger_stdiostream(NULL, XTL_DEBUG, 0) == NULL);
    VXT_CHECK_EQ_INT(errno, EINVAL);
}

static void destroy_keeps_stream_open(void)
{
    FILE *f = tmpfile();
    xentoollog_logger *l;
    VXT_REQUIRE(f != NULL);
    l = new_logger(f, XTL_DEBUG, 0);
    VXT_REQUIRE(l != NULL);
    xtl_logger_destroy(l);
    VXT_CHECK(fcntl(fileno(f), F_GETFD) >= 0);
    VXT_CHECK(fputs("still writable", f) >= 0);
    VXT_CHECK_STR(contents(f), "still writable");
    xtl_logger_destroy(NULL); /* documented no-op */
    fclose(f);
}

/* ---- message format ------------------------------------------------------------ */

static void message_format(void)
{
    FILE *f = tmpfile();
    xentoollog_logger *l;
    VXT_REQUIRE(f != NULL);
    l = new_logger(f, XTL_DEBUG, 0);
    VXT_REQUIRE(l != NULL);
    xtl_log(l, XTL_ERROR, -1, NULL, "no context %d", 42);
    xtl_log(l, XTL_WARN, ENOENT, "gnttab", "ioctl %s failed", "MAP");
    xtl_log(l, XTL_INFO, 0, "ctx", "errno zero is still appended");
    VXT_CHECK_STR(contents(f),
                  "error: no context 42\n"
                  "gnttab: warning: ioctl MAP failed: No such file or directory\n"
                  "ctx: info: errno zero is still appended: Success\n");
    xtl_logger_destroy(l);
    fclose(f);
}

static void show_pid_and_date(void)
{
    FILE *f = tmpfile();
    xentoollog_logger *l;
    char expect[64];
    VXT_REQUIRE(f != NULL);

    l = new_logger(f, XTL_DEBUG, XTL_STDIOSTREAM_SHOW_PID);
    VXT_REQUIRE(l != NULL);
    xtl_log(l, XTL_INFO, -1, "c", "m");
    snprintf(expect, sizeof(expect), "[%lu] c: info: m\n", (unsigned long)getpid());
    VXT_CHECK_STR(contents(f), expect);
    xtl_logger_destroy(l);

    VXT_REQUIRE(ftruncate(fileno(f), 0) == 0);
    rewind(f);
    l = new_logger(f, XTL_DEBUG, XTL_STDIOSTREAM_SHOW_DATE | XTL_STDIOSTREAM_SHOW_PID);
    VXT_REQUIRE(l != NULL);
    xtl_log(l, XTL_INFO, -1, "c", "m");
    VXT_CHECK(matches(contents(f),
                      "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} [A-Za-z0-9+-]+ "
                      "\\[[0-9]+\\] c: info: m\n$"));
    xtl_logger_destroy(l);
    fclose(f);
}

static void level_filtering(void)
{
    FILE *f = tmpfile();
    xentoollog_logger *l;
    xentoollog_logger_stdiostream *s;
    VXT_REQUIRE(f != NULL);
    s = xtl_createlogger_stdiostream(f, XTL_WARN, 0);
    l = (xentoollog_logger *)s;
    VXT_REQUIRE(l != NULL);
    xtl_log(l, XTL_DEBUG, -1, NULL, "debug dropped");
    xtl_log(l, XTL_INFO, -1, NULL, "info dropped");
    xtl_log(l, XTL_WARN, -1, NULL, "warn kept");
    xtl_log(l, XTL_CRITICAL, -1, NULL, "critical kept");
    xtl_stdiostream_set_minlevel(s, XTL_DEBUG);
    xtl_log(l, XTL_DEBUG, -1, NULL, "debug now kept");
    /* Invalid levels are ignored rather than asserted. */
    xtl_log(l, XTL_NONE, -1, NULL, "never");
    xtl_log(l, XTL_NUM_LEVELS, -1, NULL, "never");
    VXT_CHECK_STR(contents(f), "warning: warn kept\ncritical: critical kept\n"
                               "debug: debug now kept\n");
    xtl_logger_destroy(l);
    fclose(f);
}

static void log_preserves_errno(void)
{
    FILE *f = tmpfile();
    xentoollog_logger *l;
    VXT_REQUIRE(f != NULL);
    l = new_logger(f, XTL_DEBUG, 0);
    VXT_REQUIRE(l != NULL);
    errno = EXDEV;
    xtl_log(l, XTL_ERROR, errno, "c", "m");
    VXT_CHECK_EQ_INT(errno, EXDEV);
    errno = ENOSPC;
    xtl_progress(l, "c", "w", 1, 2);
    VXT_CHECK_EQ_INT(errno, ENOSPC);
    xtl_logger_destroy(l);
    fclose(f);
}

/* ---- progress ------------------------------------------------------------------- */

static void progress_line_mode_levels(void)
{
    FILE *f = tmpfile();
    xentoollog_logger *l;
    VXT_REQUIRE(f != NULL);
    /* min PROGRESS: small steps (detail) are dropped, big ones kept. */
    l = new_logger(f, XTL_PROGRESS, XTL_STDIOSTREAM_PROGRESS_NO_CR);
    VXT_REQUIRE(l != NULL);
    xtl_progress(l, "ctx", "copy", 0, 100);   /* same as initial 0: dropped */
    xtl_progress(l, "ctx", "copy", 2, 100);   /* +2: detail, dropped */
    xtl_progress(l, "ctx", "copy", 7, 100);   /* +7 from 0: progress */
    xtl_progress(l, "ctx", "copy", 7, 100);   /* same: dropped */
    xtl_progress(l, "ctx", "copy", 3, 100);   /* decrease: progress */
    xtl_progress(l, "ctx", "copy", 100, 100);
    VXT_CHECK_STR(contents(f),
                  "ctx: progress: copy: 7/100    7%\n"
                  "ctx: progress: copy: 3/100    3%\n"
                  "ctx: progress: copy: 100/100  100%\n");
    xtl_logger_destroy(l);
    fclose(f);
}

static void progress_hidden(void)
{
    FILE *f = tmpfile();
    xentoollog_logger_stdiostream *s;
    VXT_REQUIRE(f != NULL);
    s = xtl_createlogger_stdiostream(f, XTL_DEBUG,
                                     XTL_STDIOSTREAM_HIDE_PROGRESS | XTL_STDIOSTREAM_PROGRESS_NO_CR);
    VXT_REQUIRE(s != NULL);
    xtl_progress((xentoollog_logger *)s, NULL, "x", 50, 100);
    VXT_CHECK_STR(contents(f), "");
    /* set wins over clear when a bit is in both */
    xtl_stdiostream_adjust_flags(s, XTL_STDIOSTREAM_HIDE_PROGRESS, XTL_STDIOSTREAM_HIDE_PROGRESS);
    xtl_progress((xentoollog_logger *)s, NULL, "x", 60, 100);
    VXT_CHECK_STR(contents(f), "");
    xtl_stdiostream_adjust_flags(s, 0, XTL_STDIOSTREAM_HIDE_PROGRESS);
    xtl_progress((xentoollog_logger *)s, NULL, "x", 70, 100);
    VXT_CHECK_STR(contents(f), "progress: x: 70/100   70%\n");
    xtl_logger_destroy((xentoollog_logger *)s);
    fclose(f);
}

static void progress_cr_mode(void)
{
    FILE *f = tmpfile();
    xentoollog_logger_stdiostream *s;
    xentoollog_logger *l;
    VXT_REQUIRE(f != NULL);
    s = xtl_createlogger_stdiostream(f, XTL_DEBUG, XTL_STDIOSTREAM_PROGRESS_USE_CR);
    l = (xentoollog_logger *)s;
    VXT_REQUIRE(l != NULL);
    xtl_progress(l, "c", "long description", 10, 100);
    xtl_progress(l, "c", "short", 20, 100);
    xtl_log(l, XTL_ERROR, -1, NULL, "msg");
    xtl_progress(l, NULL, "w", 100, 100);
    xtl_stdiostream_adjust_flags(s, XTL_STDIOSTREAM_HIDE_PROGRESS, 0);
    {
        /* Line lengths: 33, then 22 (11 leftover columns blanked), then
         * the erase of 22 columns before the message, then a finished line
         * of 17 bytes counting its newline (5 blanked), erased on hide. */
        char expect[512];
        snprintf(expect, sizeof(expect),
                 "c: long description: 10/100   10%%"
                 "\rc: short: 20/100   20%%%*s\r"
                 "\r%*s\r" "error: msg\n"
                 "\rw: 100/100  100%%\n%*s\r"
                 "\r%*s\r",
                 11, "", 22, "", 5, "", 17, "");
        VXT_CHECK_STR(contents(f), expect);
    }
    xtl_logger_destroy(l);
    fclose(f);
}

/* Read from fd until nothing more arrives for 200 ms; NUL-terminates. */
static ssize_t read_all_available(int fd, char *buf, size_t size)
{
    size_t used = 0;

    while (used + 1 < size) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        ssize_t n;

        if (poll(&p, 1, 200) != 1)
            break;
        n = read(fd, buf + used, size - 1 - used);
        if (n <= 0)
            break;
        used += (size_t)n;
    }
    buf[used] = '\0';
    return (ssize_t)used;
}

static void progress_cr_chosen_on_tty(void)
{
    int master, fd;
    FILE *f;
    xentoollog_logger *l;
    char buf[512];
    ssize_t n;

    master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0)
        VXT_SKIP("no pseudo-terminals here");
    VXT_REQUIRE(grantpt(master) == 0 && unlockpt(master) == 0);
    fd = open(ptsname(master), O_RDWR | O_NOCTTY);
    VXT_REQUIRE(fd >= 0);
    f = fdopen(fd, "w");
    VXT_REQUIRE(f != NULL);
    l = new_logger(f, XTL_DEBUG, 0);    /* neither CR flag: tty => CR mode */
    VXT_REQUIRE(l != NULL);
    xtl_progress(l, NULL, "a", 10, 100);
    xtl_progress(l, NULL, "a", 20, 100);
    fflush(f);
    /* The pty may hand the output over in pieces: collect until quiet. */
    n = read_all_available(master, buf, sizeof(buf));
    VXT_REQUIRE(n > 0);
    VXT_CHECK(strchr(buf, '\r') != NULL);
    VXT_CHECK(strstr(buf, "progress:") == NULL); /* no level prefix in CR mode */
    xtl_logger_destroy(l);
    fclose(f);

    /* Same on a regular file: line mode. */
    f = tmpfile();
    VXT_REQUIRE(f != NULL);
    l = new_logger(f, XTL_DEBUG, 0);
    VXT_REQUIRE(l != NULL);
    xtl_progress(l, NULL, "a", 10, 100);
    VXT_CHECK_STR(contents(f), "progress: a: 10/100   10%\n");
    xtl_logger_destroy(l);
    fclose(f);
    close(master);
}

/* ---- xtl_progress percentages ------------------------------------------------------ */

struct recorder {
    xentoollog_logger vtable;
    int messages, progresses, destroyed_flag_dummy;
    int last_percent;
    int last_level;
    int *destroyed;
    char last_text[256];
};
typedef struct recorder xentoollog_logger_recorder;

static void recorder_vmessage(xentoollog_logger *logger, xentoollog_level level,
                              int errnoval, const char *context,
                              const char *format, va_list al)
{
    xentoollog_logger_recorder *r = (xentoollog_logger_recorder *)logger;
    (void)errnoval;
    (void)context;
    r->messages++;
    r->last_level = level;
    vsnprintf(r->last_text, sizeof(r->last_text), format, al);
}

static void recorder_progress(xentoollog_logger *logger, const char *context,
                              const char *doing_what, int percent,
                              unsigned long done, unsigned long total)
{
    xentoollog_logger_recorder *r = (xentoollog_logger_recorder *)logger;
    (void)context; (void)doing_what; (void)done; (void)total;
    r->progresses++;
    r->last_percent = percent;
}

static void recorder_destroy(xentoollog_logger *logger)
{
    xentoollog_logger_recorder *r = (xentoollog_logger_recorder *)logger;
    if (r->destroyed)
        (*r->destroyed)++;
    free(r);
}

static void caller_logger_via_macro(void)
{
    int destroyed = 0;
    xentoollog_logger_recorder tmp, *r;

    memset(&tmp, 0, sizeof(tmp));
    tmp.destroyed = &destroyed;
    r = XTL_NEW_LOGGER(recorder, tmp);
    VXT_REQUIRE(r != NULL);
    VXT_CHECK(r->vtable.vmessage == recorder_vmessage);
    VXT_CHECK(r->vtable.progress == recorder_progress);
    VXT_CHECK(r->vtable.destroy == recorder_destroy);
    xtl_log(&r->vtable, XTL_NOTICE, -1, "c", "hello %d", 7);
    VXT_CHECK_EQ_INT(r->messages, 1);
    VXT_CHECK_EQ_INT(r->last_level, XTL_NOTICE);
    VXT_CHECK_STR(r->last_text, "hello 7");
    xtl_progress(&r->vtable, "c", "w", 1, 4);
    VXT_CHECK_EQ_INT(r->progresses, 1);
    VXT_CHECK_EQ_INT(r->last_percent, 25);
    xtl_logger_destroy(&r->vtable);
    VXT_CHECK_EQ_INT(destroyed, 1);
}

static void percent_computation(void)
{
    xentoollog_logger_recorder *r = calloc(1, sizeof(*r));
    VXT_REQUIRE(r != NULL);
    r->vtable.vmessage = recorder_vmessage;
    r->vtable.progress = recorder_progress;
    r->vtable.destroy = recorder_destroy;

    xtl_progress(&r->vtable, NULL, "w", 5, 0);
    VXT_CHECK_EQ_INT(r->last_percent, 0);          /* total 0 */
    xtl_progress(&r->vtable, NULL, "w", 1, 3);
    VXT_CHECK_EQ_INT(r->last_percent, 33);
    xtl_progress(&r->vtable, NULL, "w", 3, 3);
    VXT_CHECK_EQ_INT(r->last_percent, 100);
    /* Huge totals: upstream 4.17 divides by zero here (SIGFPE) because
     * (total + 99) wraps; we must not. */
    xtl_progress(&r->vtable, NULL, "w", ULONG_MAX, ULONG_MAX);
    VXT_CHECK_EQ_INT(r->last_percent, 99);
    xtl_progress(&r->vtable, NULL, "w", ULONG_MAX / 2, ULONG_MAX);
    VXT_CHECK(r->last_percent >= 49 && r->last_percent <= 50);
    xtl_progress(&r->vtable, NULL, "w", 0, ULONG_MAX);
    VXT_CHECK_EQ_INT(r->last_percent, 0);
    /* No progress callback: nothing happens. */
    r->vtable.progress = NULL;
    r->progresses = 0;
    xtl_progress(&r->vtable, NULL, "w", 1, 2);
    VXT_CHECK_EQ_INT(r->progresses, 0);
    xtl_logger_destroy(&r->vtable);
}

static void null_logger_is_harmless(void)
{
    errno = EBADF;
    xtl_log(NULL, XTL_ERROR, -1, NULL, "nowhere");
    xtl_progress(NULL, NULL, "w", 1, 2);
    xtl_stdiostream_set_minlevel(NULL, XTL_DEBUG);
    xtl_stdiostream_adjust_flags(NULL, 0, 0);
    VXT_CHECK_EQ_INT(errno, EBADF);
}

static void every_flag_combination(void)
{
    unsigned flags;

    for (flags = 0; flags < 32; flags++) {
        FILE *f = tmpfile();
        xentoollog_logger *l;
        const char *out;
        int both_cr = (flags & XTL_STDIOSTREAM_PROGRESS_USE_CR) &&
                      (flags & XTL_STDIOSTREAM_PROGRESS_NO_CR);
        VXT_REQUIRE(f != NULL);
        errno = 0;
        l = new_logger(f, XTL_DEBUG, flags);
        if (both_cr) {
            VXT_CHECK(l == NULL && errno == EINVAL);
            fclose(f);
            continue;
        }
        VXT_REQUIRE(l != NULL);
        xtl_progress(l, "c", "w", 40, 100);
        xtl_log(l, XTL_INFO, -1, "c", "m");
        xtl_logger_destroy(l);
        out = contents(f);
        VXT_CHECK(strstr(out, "c: info: m\n") != NULL);
        VXT_CHECK((strstr(out, "w: 40/100") != NULL) ==
                  !(flags & XTL_STDIOSTREAM_HIDE_PROGRESS));
        VXT_CHECK((strchr(out, '\r') != NULL) ==
                  ((flags & XTL_STDIOSTREAM_PROGRESS_USE_CR) &&
                   !(flags & XTL_STDIOSTREAM_HIDE_PROGRESS)));
        VXT_CHECK((strchr(out, '[') != NULL) == !!(flags & XTL_STDIOSTREAM_SHOW_PID));
        VXT_CHECK(matches(out, "[0-9]{4}-[0-9]{2}-[0-9]{2} ") ==
                  !!(flags & XTL_STDIOSTREAM_SHOW_DATE));
        fclose(f);
    }
}

int main(void)
{
    vxt_program = "toollog";
    VXT_RUN(level_names);
    VXT_RUN(create_rejects_both_cr_modes);
    VXT_RUN(create_rejects_null_stream);
    VXT_RUN(destroy_keeps_stream_open);
    VXT_RUN(message_format);
    VXT_RUN(show_pid_and_date);
    VXT_RUN(level_filtering);
    VXT_RUN(log_preserves_errno);
    VXT_RUN(progress_line_mode_levels);
    VXT_RUN(progress_hidden);
    VXT_RUN(progress_cr_mode);
    VXT_RUN(progress_cr_chosen_on_tty);
    VXT_RUN(caller_logger_via_macro);
    VXT_RUN(percent_computation);
    VXT_RUN(null_logger_is_harmless);
    VXT_RUN(every_flag_combination);
    return vxt_finish();
}
