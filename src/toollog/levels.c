/*
 * levels.c - names of the xentoollog levels.
 */
#include "xentoollog.h"
#include "vx_export.h"

/* The names as initialised const arrays, not literals: the proofs need
 * to see that they are strings (WP does not for literals). */
static const char name_none[] = "[BUG:XTL_NONE]";
static const char name_debug[] = "debug";
static const char name_verbose[] = "verbose";
static const char name_detail[] = "detail";
static const char name_progress[] = "progress";
static const char name_info[] = "info";
static const char name_notice[] = "notice";
static const char name_warning[] = "warning";
static const char name_error[] = "error";
static const char name_critical[] = "critical";
static const char name_invalid[] = "[BUG:invalid level]";

/* Indexed by xentoollog_level.  "warning" (not "warn") is what every
 * consumer's log parsers have seen for a decade. */
static const char *const xtl_level_names[XTL_NUM_LEVELS] = {
    name_none, name_debug, name_verbose, name_detail, name_progress,
    name_info, name_notice, name_warning, name_error, name_critical,
};

VX_EXPORT const char *xtl_level_to_string(xentoollog_level level)
{
    /* Upstream asserts here; a logging helper must never take the process
     * down, so an out-of-range level gets a recognisable marker instead. */
    if ((unsigned)level >= (unsigned)XTL_NUM_LEVELS)
        return name_invalid;
    /* Named, so the proof can split on which array the entry is: one
     * string at a time is easy for the provers, ten at once is not. */
    const char *name = xtl_level_names[level];
    /*@ assert one_of_the_names:
          name == name_none || name == name_debug || name == name_verbose ||
          name == name_detail || name == name_progress || name == name_info ||
          name == name_notice || name == name_warning || name == name_error ||
          name == name_critical; */
    return name;
}
