/*
 * toollog_private.h - internals of libxentoollog shared between its files.
 */
#ifndef TOOLLOG_PRIVATE_H
#define TOOLLOG_PRIVATE_H

#include "xentoollog.h"

/*
 * xtl_percent_of - percentage of `done` in `total` for progress reports:
 * 0 when total is 0, done * 100 / total when that cannot overflow, else
 * done / ceil(total / 100); clamped to INT_MAX.
 */
int xtl_percent_of(unsigned long done, unsigned long total);

#endif /* TOOLLOG_PRIVATE_H */
