/*
 * fuzz_toollog.c - libxentoollog with hostile arguments and a hostile
 * stream (writes that fail or come back short, decided by the input).
 *
 * Target functions: xtl_createlogger_stdiostream,
 * xtl_stdiostream_set_minlevel, xtl_stdiostream_adjust_flags,
 * xtl_logger_destroy, xtl_logv, xtl_log, xtl_progress,
 * xtl_level_to_string.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "fuzz_common.h"
#include "xentoollog.h"

static struct fz *cur;
static size_t written;

/* The stream's "device": each write may fail, be short, or succeed. */
static ssize_t hostile_write(void *cookie, const char *buf, size_t len)
{
    uint8_t b = fz_u8(cur);

    (void)cookie;
    (void)buf;
    if (b >= 0xf0) {
        errno = b & 1 ? EIO : ENOSPC;
        return -1;
    }
    if (b >= 0xe0 && len > 1)
        len = 1 + (b & 0x0f) % (len - 1);
    written += len;
    return (ssize_t)len;
}

static FILE *hostile_stream(void)
{
    cookie_io_functions_t io = { .write = hostile_write };

    return fopencookie(NULL, "w", io);
}

/* A caller-made logger with no progress callback (allowed by the API). */
struct mine {
    xentoollog_logger vtable;
    unsigned int messages;
};

static void mine_vmessage(xentoollog_logger *lg, xentoollog_level level, int errnoval,
                          const char *context, const char *format, va_list al)
{
    char buf[64];

    (void)level;
    (void)errnoval;
    (void)context;
    vsnprintf(buf, sizeof(buf), format, al);
    ((struct mine *)lg)->messages++;
}

static void mine_destroy(xentoollog_logger *lg)
{
    (void)lg;
}

static void vlog(xentoollog_logger *lg, xentoollog_level level, int errnoval,
                 const char *context, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void vlog(xentoollog_logger *lg, xentoollog_level level, int errnoval,
                 const char *context, const char *fmt, ...)
{
    va_list al;

    va_start(al, fmt);
    xtl_logv(lg, level, errnoval, context, fmt, al);
    va_end(al);
}

static xentoollog_level some_level(struct fz *s)
{
    uint8_t b = fz_u8(s);

    return b < 0xf0 ? (xentoollog_level)(b % (XTL_NUM_LEVELS + 1))
                    : (xentoollog_level)(int)fz_u32(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xentoollog_logger_stdiostream *lg = NULL;
    struct mine mine = { { mine_vmessage, NULL, mine_destroy }, 0 };
    FILE *f = NULL;
    struct fz s;
    unsigned int ops = 0;
    char text[80], ctx[12];
    const char *str;

    fz_begin(&s, data, size);
    cur = &s;
    written = 0;
    while (fz_more(&s) && ops++ < 40) {
        uint8_t op = fz_u8(&s);
        xentoollog_logger *any = fz_u8(&s) & 1 ? (xentoollog_logger *)lg : &mine.vtable;
        size_t n;

        if (lg == NULL && op % 8 != 6 && op % 8 != 7)
            op = 0;
        switch (op % 8) {
        case 0: {
            unsigned int flags = fz_u8(&s);
            if (lg != NULL)
                break;
            f = hostile_stream();
            if (f == NULL)
                break;
            if (fz_u8(&s) & 1)
                setvbuf(f, NULL, _IONBF, 0);
            lg = FZ(xtl_createlogger_stdiostream(f, some_level(&s), flags & 0x1f));
            FZ_ASSERT(lg != NULL || errno > 0, "createlogger failed with errno %d", errno);
            FZ_ASSERT(lg == NULL || (flags & 0x18) != 0x18, "CR and NO_CR both accepted");
            if (lg == NULL) {
                fclose(f);
                f = NULL;
            }
            break;
        }
        case 1:
            xtl_logger_destroy((xentoollog_logger *)lg);
            fclose(f);
            lg = NULL;
            f = NULL;
            break;
        case 2:
            xtl_stdiostream_set_minlevel(lg, some_level(&s));
            break;
        case 3:
            xtl_stdiostream_adjust_flags(lg, fz_u8(&s) < 0xf0 ? fz_u8(&s) & 0x1f : fz_u32(&s),
                                         fz_u8(&s) & 0x1f);
            break;
        case 4: {
            xentoollog_level level = some_level(&s);
            int errnoval = (int)fz_val32(&s, EIO);
            n = fz_bytes(&s, text, fz_u8(&s) % sizeof(text));
            text[n] = '\0';
            n = fz_bytes(&s, ctx, fz_u8(&s) % sizeof(ctx));
            ctx[n] = '\0';
            errno = 4242;
            if (fz_u8(&s) & 1)
                xtl_log(any, level, errnoval, fz_u8(&s) & 1 ? ctx : NULL, "%s %d", text, (int)n);
            else
                vlog(any, level, errnoval, ctx, "%s", text);
            FZ_ASSERT(errno == 4242, "xtl_log changed errno to %d", errno);
            break;
        }
        case 5: {
            unsigned long done = fz_u8(&s) < 0x80 ? fz_u8(&s) : (unsigned long)fz_u64(&s);
            unsigned long total = fz_u8(&s) < 0x80 ? fz_u8(&s) : (unsigned long)fz_u64(&s);
            n = fz_bytes(&s, text, fz_u8(&s) % sizeof(text));
            text[n] = '\0';
            errno = 4242;
            xtl_progress(any, fz_u8(&s) & 1 ? "ctx" : NULL, text, done, total);
            FZ_ASSERT(errno == 4242, "xtl_progress changed errno to %d", errno);
            break;
        }
        case 6:
            str = xtl_level_to_string(some_level(&s));
            FZ_ASSERT(str == NULL || strlen(str) < 64, "level name");
            break;
        default:
            /* NULL loggers: tolerated by this implementation. */
            errno = 4242;
            xtl_log(NULL, XTL_ERROR, -1, NULL, "x");
            xtl_progress(NULL, NULL, "y", 1, 2);
            xtl_logger_destroy(NULL);
            FZ_ASSERT(errno == 4242, "NULL logger changed errno");
            break;
        }
    }
    if (lg != NULL) {
        xtl_logger_destroy((xentoollog_logger *)lg);
        fclose(f);
    }
    fz_end();
    return 0;
}
