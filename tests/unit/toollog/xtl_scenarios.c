/*
 * xtl_scenarios.c - a fixed script of libxentoollog calls writing to stdout.
 *
 * Compiled against the *system* (upstream) xentoollog.h and linked with
 * -lxentoollog; tests/unit/toollog/diff-upstream runs it once on Debian's
 * library and once on ours (LD_LIBRARY_PATH) and compares the bytes.  It
 * avoids SHOW_DATE/SHOW_PID, whose output varies between runs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <xentoollog.h>

static void all_levels(xentoollog_logger *l)
{
    int lv;
    for (lv = XTL_DEBUG; lv < XTL_NUM_LEVELS; lv++) {
        xtl_log(l, (xentoollog_level)lv, -1, NULL, "plain %d", lv);
        xtl_log(l, (xentoollog_level)lv, EACCES, "ctx", "with errno %s", "x");
        xtl_log(l, (xentoollog_level)lv, 0, "c2", "errno zero");
    }
}

static void progress_run(xentoollog_logger *l, const char *ctx)
{
    static const unsigned long steps[] = { 0, 1, 2, 3, 10, 11, 50, 50, 40, 99, 100 };
    unsigned i;
    for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
        xtl_progress(l, ctx, "copying", steps[i], 100);
    xtl_progress(l, ctx, "a much longer description of the work", 10, 200);
    xtl_progress(l, ctx, "short", 30, 200);
    xtl_log(l, XTL_ERROR, -1, ctx, "message while progress is on screen");
    xtl_log(l, XTL_INFO, -1, ctx, "second message");
    xtl_progress(l, ctx, "short", 150, 200);
    xtl_progress(l, ctx, "short", 200, 200);
    xtl_progress(l, ctx, "huge", 5, ~0UL - 1000);
    xtl_progress(l, ctx, "huge", ~0UL / 2, ~0UL - 1000);
    xtl_progress(l, ctx, "zero total", 0, 0);
}

int main(void)
{
    unsigned flags[] = { XTL_STDIOSTREAM_PROGRESS_NO_CR, XTL_STDIOSTREAM_PROGRESS_USE_CR,
                         XTL_STDIOSTREAM_PROGRESS_NO_CR | XTL_STDIOSTREAM_HIDE_PROGRESS,
                         XTL_STDIOSTREAM_PROGRESS_USE_CR | XTL_STDIOSTREAM_HIDE_PROGRESS, 0 };
    int minlv[] = { XTL_DEBUG, XTL_DETAIL, XTL_PROGRESS, XTL_WARN };
    unsigned i, j;
    xentoollog_logger_stdiostream *s;

    for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
        for (j = 0; j < sizeof(minlv) / sizeof(minlv[0]); j++) {
            printf("=== flags %#x minlevel %d\n", flags[i], minlv[j]);
            fflush(stdout);
            s = xtl_createlogger_stdiostream(stdout, (xentoollog_level)minlv[j], flags[i]);
            if (!s) { printf("create failed %d\n", errno); continue; }
            all_levels((xentoollog_logger *)s);
            progress_run((xentoollog_logger *)s, NULL);
            progress_run((xentoollog_logger *)s, "ctx");
            xtl_stdiostream_set_minlevel(s, XTL_DEBUG);
            progress_run((xentoollog_logger *)s, "after-minlevel");
            xtl_progress((xentoollog_logger *)s, "pending", "left on screen", 3, 9);
            xtl_stdiostream_adjust_flags(s, XTL_STDIOSTREAM_HIDE_PROGRESS, 0);
            xtl_progress((xentoollog_logger *)s, "hidden", "not shown", 5, 9);
            xtl_stdiostream_adjust_flags(s, 0, XTL_STDIOSTREAM_HIDE_PROGRESS);
            xtl_progress((xentoollog_logger *)s, "shown", "again", 8, 9);
            xtl_logger_destroy((xentoollog_logger *)s);
            fflush(stdout);
        }
    }
    s = xtl_createlogger_stdiostream(stdout, XTL_DEBUG,
            XTL_STDIOSTREAM_PROGRESS_USE_CR | XTL_STDIOSTREAM_PROGRESS_NO_CR);
    printf("both CR flags: %s errno=%d\n", s ? "created" : "NULL", s ? 0 : errno);
    printf("levels:");
    for (i = 0; i < XTL_NUM_LEVELS; i++)
        printf(" %s", xtl_level_to_string((xentoollog_level)i));
    printf("\n");
    xtl_logger_destroy(NULL);
    return 0;
}
