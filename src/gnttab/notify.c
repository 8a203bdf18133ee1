/*
 * notify.c - which unmap-notification actions a caller's (offset, port)
 * pair asks for.  Shared by gnttab and gntshr, which use the same
 * conventions: an offset inside the mapping means "clear that byte", a
 * port other than -1 means "signal it".
 */

#include "gnttab_private.h"

uint32_t gnttab_notify_actions(size_t bytes, uint32_t notify_offset,
                               uint32_t notify_port)
{
    uint32_t actions = 0;

    if ((size_t)notify_offset < bytes)
        actions |= UNMAP_NOTIFY_CLEAR_BYTE;
    if (notify_port != UINT32_MAX)
        actions |= UNMAP_NOTIFY_SEND_EVENT;
    return actions;
}
