/*
 * vx_export.h - symbol visibility.
 *
 * Every library is compiled with -fvisibility=hidden so that internal
 * helpers (including the src/common/ ones compiled into each library) can
 * never leak into the ABI.  Exactly the functions listed in a library's
 * version script carry VX_EXPORT; `make abi-check` and the symbol test
 * compare the result against upstream's export list.
 */
#ifndef VX_EXPORT_H
#define VX_EXPORT_H

#define VX_EXPORT __attribute__((visibility("default")))

#endif /* VX_EXPORT_H */
