/*
 * conformance.h - one test source, two implementations.
 *
 * A library's unit test (tests/unit/<lib>/test_<lib>.c) is also built as a
 * conformance program (-DVX_CONFORMANCE): linked dynamically against the
 * public library and the LD_PRELOAD model (libxenmock.so), and run twice
 * by tests/conformance/run-conformance, once on verixen's lib/ and once on
 * Debian's upstream build.  Both must pass.  Where verixen deliberately
 * differs from upstream (a bug fixed, a hole closed) the test says so with
 * vxc_upstream(), and the difference is listed in docs/DIFFERENCES.md.
 *
 * VX_EXPECT_IMPL (set by the runner: "verixen" or "debian") names the
 * implementation the run is meant to exercise; vxc_check_impl() fails the
 * run if the dynamic linker picked the other one.
 */
#ifndef VX_CONFORMANCE_H
#define VX_CONFORMANCE_H

#include <stdlib.h>
#include <string.h>

#ifdef VX_CONFORMANCE
#include <dlfcn.h>

/* 1 when running on Debian's upstream libraries. */
static inline int vxc_upstream(void)
{
    const char *impl = getenv("VX_EXPECT_IMPL");
    return impl != NULL && strcmp(impl, "debian") == 0;
}

/* The file the symbol `sym` was loaded from, or "" if unknown. */
static inline const char *vxc_origin(void *sym)
{
    Dl_info info;
    if (dladdr(sym, &info) == 0 || info.dli_fname == NULL)
        return "";
    return info.dli_fname;
}

/* 1 if `sym` comes from the implementation this run is meant to test. */
static inline int vxc_check_impl(void *sym)
{
    const char *from = vxc_origin(sym);
    int system = strncmp(from, "/usr/lib/", 9) == 0 ||
                 strncmp(from, "/lib/", 5) == 0;
    return vxc_upstream() ? system : (!system && from[0] != '\0');
}
#else
static inline int vxc_upstream(void)
{
    return 0;
}
#endif

#endif /* VX_CONFORMANCE_H */
