/*
 * toollog_log.acsl.h - contracts of the static helpers of
 * src/toollog/log.c (included there only under __FRAMAC__).
 */
#ifndef TOOLLOG_LOG_ACSL_H
#define TOOLLOG_LOG_ACSL_H

/*@ assigns \nothing;
    ensures loggable: \result != 0 <==> XTL_NONE < level < XTL_NUM_LEVELS;
*/
static int xtl_level_is_loggable(xentoollog_level level);

#endif /* TOOLLOG_LOG_ACSL_H */
