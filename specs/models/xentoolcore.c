/*
 * Model of the trusted restrict callback contract of
 * specs/xentoolcore.acsl.h: a callback that may succeed or fail (with or
 * without a sensible errno, which xentoolcore_restrict_all must cope with).
 */
#include "../xentoolcore.acsl.h"

int vx_model_callback;

int xentoolcore_restrict_callback_any(Xentoolcore__Active_Handle *ah,
                                      domid_t domid)
{
    (void)ah;
    (void)domid;
    if (vx_model_callback < 0) {
        errno = EPERM;
        return -1;
    }
    return 0;
}
