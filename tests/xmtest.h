/*
 * xmtest.h - test helpers shared by the suites that run on the mocked
 * kernel (mock/xenmock.h): the teardown-invariant check every scenario ends
 * with.  Include after vxtest.h and xenmock.h.
 */
#ifndef XMTEST_H
#define XMTEST_H

#include <stdio.h>

#include "vxtest.h"
#include "xenmock.h"

/* 1 when the model's teardown invariants hold (no descriptor, grant slot,
 * gref or mapping leaked, no double unmap/unbind, no failing call with
 * errno <= 0); otherwise prints the violations and returns 0. */
static inline int xmt_clean(void)
{
    char report[4096];

    if (xm_check_invariants(report, sizeof(report)) == 0)
        return 1;
    fprintf(stderr, "  model invariants:\n%s", report);
    return 0;
}

/* Ends a scenario: a test that leaks fails even if all its checks held. */
#define CHECK_CLEAN() VXT_CHECK(xmt_clean())

#endif
