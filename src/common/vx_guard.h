/*
 * vx_guard.h - the one internal error convention of verixen.
 *
 * Every internal function that can fail follows the POSIX convention the
 * public API already uses:
 *
 *   - int-returning functions return 0 (or a non-negative value) on success
 *     and -1 on failure, with errno set to a *positive* value;
 *   - pointer-returning functions return NULL on failure, errno set.
 *
 * The guard macros below (in the style of s2n-tls's POSIX_GUARD/PTR_ENSURE)
 * are the only way proven code bails out, so every exit path is visible to
 * Frama-C as a plain `if (...) { errno = E; return -1; }`.  The macro name
 * encodes the return type of the *enclosing* function:
 *
 *   VX_ENSURE(cond, E)         int function:     if !cond, errno = E, return -1
 *   VX_ENSURE_PTR(cond, E)     pointer function: if !cond, errno = E, return NULL
 *   VX_GUARD(expr)             int function:     if expr < 0, return -1 (errno kept)
 *   VX_GUARD_PTR(expr)         pointer function: if expr < 0, return NULL (errno kept)
 *   VX_ENSURE_GOTO(cond, E, l) any function:     if !cond, errno = E, goto l
 *   VX_GUARD_GOTO(expr, l)     any function:     if expr < 0, goto l (errno kept)
 *
 * Why positive errno matters: upstream once stored -EOPNOTSUPP into errno
 * (c/s 60245b71c1); our conformance and fuzz harnesses assert errno > 0
 * after every failure.
 */
#ifndef VX_GUARD_H
#define VX_GUARD_H

#include <errno.h>

#define VX_ENSURE(cond, err)                                                   \
    do {                                                                       \
        if (!(cond)) {                                                         \
            errno = (err);                                                     \
            return -1;                                                         \
        }                                                                      \
    } while (0)

#define VX_ENSURE_PTR(cond, err)                                               \
    do {                                                                       \
        if (!(cond)) {                                                         \
            errno = (err);                                                     \
            return NULL;                                                       \
        }                                                                      \
    } while (0)

#define VX_GUARD(expr)                                                         \
    do {                                                                       \
        if ((expr) < 0)                                                        \
            return -1;                                                         \
    } while (0)

#define VX_GUARD_PTR(expr)                                                     \
    do {                                                                       \
        if ((expr) < 0)                                                        \
            return NULL;                                                       \
    } while (0)

#define VX_ENSURE_GOTO(cond, err, label)                                       \
    do {                                                                       \
        if (!(cond)) {                                                         \
            errno = (err);                                                     \
            goto label;                                                        \
        }                                                                      \
    } while (0)

#define VX_GUARD_GOTO(expr, label)                                             \
    do {                                                                       \
        if ((expr) < 0)                                                        \
            goto label;                                                        \
    } while (0)

/* Run a cleanup statement without letting it clobber the errno that
 * describes the original failure (munmap/close on an error path). */
#define VX_PRESERVING_ERRNO(stmt)                                              \
    do {                                                                       \
        int vx_saved_errno_ = errno;                                           \
        stmt;                                                                  \
        errno = vx_saved_errno_;                                               \
    } while (0)

#endif /* VX_GUARD_H */
