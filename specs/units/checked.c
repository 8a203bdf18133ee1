/*
 * Analysis unit for the shared internals in src/common/ that are compiled
 * into every library: the checked-arithmetic helpers of vx_checked.h carry
 * their contracts in that header (they are static inline, so there is no
 * separate declaration to attach a force-included contract to).
 */
#include "vx_checked.h"
