/*
 * levels.c - names of the xentoollog levels.
 */
#include "xentoollog.h"
#include "vx_export.h"

/* Indexed by xentoollog_level.  "warning" (not "warn") is what every
 * consumer's log parsers have seen for a decade. */
static const char *const xtl_level_names[XTL_NUM_LEVELS] = {
    "[BUG:XTL_NONE]", "debug", "verbose", "detail", "progress",
    "info", "notice", "warning", "error", "critical",
};

VX_EXPORT const char *xtl_level_to_string(xentoollog_level level)
{
    /* Upstream asserts here; a logging helper must never take the process
     * down, so an out-of-range level gets a recognisable marker instead. */
    if ((unsigned)level >= (unsigned)XTL_NUM_LEVELS)
        return "[BUG:invalid level]";
    return xtl_level_names[level];
}
