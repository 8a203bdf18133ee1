/*
 * fuzz_common.c - see fuzz_common.h.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fuzz_common.h"

static int fds_at_begin;
static int restricted;

void fz_note_restrict(void)
{
    restricted = 1;
}

/* Sleeping in retry loops (EAGAIN from gntdev mmap, paged-out frames)
 * would make an input take seconds: the harness's nanosleep returns at
 * once.  The library objects are linked into the fuzzer, so this
 * definition is the one they call. */
int nanosleep(const struct timespec *req, struct timespec *rem)
{
    (void)req;
    if (rem != NULL)
        memset(rem, 0, sizeof(*rem));
    return 0;
}

void fz_die(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "\n==fuzz== harness assertion: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n");
    abort();
}

static int count_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    int n = 0;

    if (d == NULL)
        return -1;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n;
}

void fz_begin(struct fz *s, const uint8_t *data, size_t size)
{
    size_t script;

    xm_hostile_clear();
    xm_fault_clear();
    xm_reset();
    fds_at_begin = count_fds();
    restricted = 0;
    if (size < 2) {
        s->p = data;
        s->len = 0;
        s->pos = 0;
        return;
    }
    script = (size_t)data[0] | ((size_t)data[1] << 8);
    if (script > size - 2)
        script = size - 2;
    s->p = data + 2;
    s->len = script;
    s->pos = 0;
    xm_hostile_set(data + 2 + script, size - 2 - script);
}

int fz_known_bug(const char *id)
{
    static int strict = -1;

    (void)id;
    if (strict < 0) {
        const char *e = getenv("VX_FUZZ_STRICT");
        strict = e != NULL && *e != '\0' && *e != '0';
    }
    return !strict;
}

int fz_negative_result_tolerated(void)
{
    return xm_hostile_negative_results() > 0 && fz_known_bug("negative-ioctl-result");
}

int fz_norm(int rc)
{
    return rc < -1 && fz_negative_result_tolerated() ? -1 : rc;
}

int fz_truthful(void)
{
    return xm_hostile_lies() == 0;
}

void fz_end(void)
{
    char why[4096];
    int lies = (int)xm_hostile_lies();
    unsigned int negative = xm_hostile_negative_results();
    int negative_ok = fz_negative_result_tolerated();
    int fds;

    /* (counters first: clearing resets them) */
    xm_hostile_clear();
    fds = count_fds();
    /* (negative-ioctl-result: a library that takes a negative result for
     * a failure drops what the kernel created, e.g. an exported dma-buf
     * descriptor) */
    if (fds != fds_at_begin && !negative_ok) {
        (void)system("ls -l /proc/$PPID/fd >&2");
        fz_die("descriptors: %d open before the input, %d after (%d lies, %u negative results)",
               fds_at_begin, fds, lies, negative);
    }
    if (xm_check_invariants(why, sizeof(why)) < 0) {
        /* After lies, only descriptor and mapping leaks are the library's
         * (the model may hold state the library was told did not exist);
         * after a restrict, only descriptor leaks (fz_note_restrict). */
        if (strstr(why, "still open") != NULL ||
            (!restricted && (!lies || strstr(why, "still mapped") != NULL ||
                             strstr(why, "cuts mapping") != NULL)))
            fz_die("model invariants (%d lies told): %s", lies, why);
    }
}

int fz_more(const struct fz *s)
{
    return s->pos < s->len;
}

uint8_t fz_u8(struct fz *s)
{
    return s->pos < s->len ? s->p[s->pos++] : 0;
}

uint16_t fz_u16(struct fz *s)
{
    uint16_t lo = fz_u8(s);
    return (uint16_t)(lo | (uint16_t)fz_u8(s) << 8);
}

uint32_t fz_u32(struct fz *s)
{
    uint32_t lo = fz_u16(s);
    return lo | (uint32_t)fz_u16(s) << 16;
}

uint64_t fz_u64(struct fz *s)
{
    uint64_t lo = fz_u32(s);
    return lo | (uint64_t)fz_u32(s) << 32;
}

uint32_t fz_val32(struct fz *s, uint32_t good)
{
    switch (fz_u8(s) & 7u) {
    case 0: return good;
    case 1: return 0;
    case 2: return fz_u8(s);
    case 3: return 0x7fffffffu;
    case 4: return 0x80000000u;
    case 5: return 0xffffffffu;
    case 6: return fz_u32(s);
    default: return good + 1;
    }
}

size_t fz_size(struct fz *s, size_t small_max)
{
    uint8_t k = fz_u8(s);

    if (k < 0xf0)
        return small_max ? (size_t)k % (small_max + 1) : 0;
    switch (k & 3u) {
    case 0: return SIZE_MAX;
    case 1: return SIZE_MAX / 2 + 1;
    case 2: return (SIZE_MAX >> 12) + 1 - (fz_u8(s) & 1);
    default: return SIZE_MAX - fz_u8(s);
    }
}

size_t fz_bytes(struct fz *s, void *buf, size_t max)
{
    size_t n = s->len - s->pos;

    if (n > max)
        n = max;
    memcpy(buf, s->p + s->pos, n);
    s->pos += n;
    return n;
}

int fz_status(int rc, const char *what, int line)
{
    rc = fz_norm(rc);
    if (rc != 0 && rc != -1)
        fz_die("%s returned %d, not 0 or -1 (line %d)", what, rc, line);
    if (rc < 0 && errno <= 0 && !fz_negative_result_tolerated())
        fz_die("%s failed with errno %d (line %d)", what, errno, line);
    return rc;
}
