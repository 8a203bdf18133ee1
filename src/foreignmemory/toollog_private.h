/*
 * toollog_private.h - Frama-C only: specs/xentoollog.acsl.h names
 * "toollog_private.h" without a path, so a unit that includes it (for the
 * contracts of xtl_log & co., proven in the libxentoollog unit) must find
 * it in its own include path.  Nothing in the library build includes this.
 */
#include "../toollog/toollog_private.h"
