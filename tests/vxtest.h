/*
 * vxtest.h - the minimal test harness every verixen test program uses.
 *
 * A test program registers test functions with VXT_RUN(fn); each runs in a
 * forked child so that a crash, an abort or a leaked fd fails that test
 * alone.  Checks inside a test never stop it early unless they are
 * VXT_REQUIRE; every failed check prints file:line and the expression.
 *
 * Output, parsed by tests/run-tests:
 *     PASS: <program>: <test>
 *     FAIL: <program>: <test> (<reason>)
 *     SKIP: <program>: <test> (<reason>)
 * The program exits 0 iff nothing failed.
 *
 * Environment: VXT_NOFORK=1 runs tests in-process (for gdb);
 *              VXT_FILTER=substr runs only tests whose name contains substr.
 */
#ifndef VXTEST_H
#define VXTEST_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int vxt_failed_checks;
static int vxt_pass_count, vxt_fail_count, vxt_skip_count;
static const char *vxt_skip_reason;

#define VXT_CHECK(cond)                                                        \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "  %s:%d: check failed: %s (errno=%d)\n",          \
                    __FILE__, __LINE__, #cond, errno);                         \
            vxt_failed_checks++;                                               \
        }                                                                      \
    } while (0)

#define VXT_REQUIRE(cond)                                                      \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "  %s:%d: requirement failed: %s (errno=%d)\n",    \
                    __FILE__, __LINE__, #cond, errno);                         \
            vxt_failed_checks++;                                               \
            return;                                                            \
        }                                                                      \
    } while (0)

#define VXT_CHECK_EQ_INT(a, b)                                                 \
    do {                                                                       \
        long long vxt_a_ = (long long)(a), vxt_b_ = (long long)(b);            \
        if (vxt_a_ != vxt_b_) {                                                \
            fprintf(stderr, "  %s:%d: %s == %s failed: %lld != %lld\n",        \
                    __FILE__, __LINE__, #a, #b, vxt_a_, vxt_b_);               \
            vxt_failed_checks++;                                               \
        }                                                                      \
    } while (0)

#define VXT_CHECK_STR(a, b)                                                    \
    do {                                                                       \
        const char *vxt_a_ = (a), *vxt_b_ = (b);                               \
        if (vxt_a_ == NULL || vxt_b_ == NULL || strcmp(vxt_a_, vxt_b_) != 0) { \
            fprintf(stderr, "  %s:%d: %s == %s failed:\n    got:      \"%s\"\n"\
                    "    expected: \"%s\"\n", __FILE__, __LINE__, #a, #b,      \
                    vxt_a_ ? vxt_a_ : "(null)", vxt_b_ ? vxt_b_ : "(null)");   \
            vxt_failed_checks++;                                               \
        }                                                                      \
    } while (0)

/* Mark the current test as skipped (with a reason) and leave it. */
#define VXT_SKIP(reason)                                                       \
    do {                                                                       \
        vxt_skip_reason = (reason);                                            \
        return;                                                                \
    } while (0)

static const char *vxt_program = "test";

static int vxt_selected(const char *name)
{
    const char *filter = getenv("VXT_FILTER");
    return filter == NULL || strstr(name, filter) != NULL;
}

/* Child exit codes: 0 pass, 1 fail, 77 skip (reason printed by the child). */
static void vxt_run(const char *name, void (*fn)(void))
{
    int status;
    pid_t pid;

    if (!vxt_selected(name))
        return;
    fflush(stdout);
    fflush(stderr);
    if (getenv("VXT_NOFORK") != NULL) {
        vxt_failed_checks = 0;
        vxt_skip_reason = NULL;
        fn();
        status = vxt_skip_reason ? (77 << 8) : (vxt_failed_checks ? 1 << 8 : 0);
    } else {
        pid = fork();
        if (pid < 0) {
            perror("fork");
            exit(2);
        }
        if (pid == 0) {
            vxt_failed_checks = 0;
            vxt_skip_reason = NULL;
            fn();
            fflush(stdout);
            if (vxt_skip_reason != NULL) {
                printf("SKIP: %s: %s (%s)\n", vxt_program, name, vxt_skip_reason);
                fflush(stdout);
                _exit(77);
            }
            _exit(vxt_failed_checks ? 1 : 0);
        }
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        printf("PASS: %s: %s\n", vxt_program, name);
        vxt_pass_count++;
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 77) {
        if (getenv("VXT_NOFORK") != NULL)
            printf("SKIP: %s: %s (%s)\n", vxt_program, name, vxt_skip_reason);
        vxt_skip_count++;
    } else if (WIFSIGNALED(status)) {
        printf("FAIL: %s: %s (killed by signal %d)\n", vxt_program, name,
               WTERMSIG(status));
        vxt_fail_count++;
    } else {
        printf("FAIL: %s: %s (failed checks)\n", vxt_program, name);
        vxt_fail_count++;
    }
    fflush(stdout);
}

#define VXT_RUN(fn) vxt_run(#fn, fn)

/* 1 if descriptor fd is still open in a program exec'd from here (a shell
 * looks for it), 0 if close-on-exec closed it, -1 if that could not be
 * run.  The CLOEXEC tests of every library use it. */
static inline int vxt_fd_survives_exec(int fd)
{
    char script[64];
    pid_t pid;
    int status;

    snprintf(script, sizeof(script), "[ -e /proc/self/fd/%d ]", fd);
    pid = fork();
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", script, (char *)NULL);
        _exit(127);
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status) == 0;
}

static int vxt_finish(void)
{
    fprintf(stderr, "%s: %d passed, %d failed, %d skipped\n", vxt_program,
            vxt_pass_count, vxt_fail_count, vxt_skip_count);
    return vxt_fail_count ? 1 : 0;
}

#endif /* VXTEST_H */
