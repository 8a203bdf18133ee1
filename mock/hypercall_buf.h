/*
 * hypercall_buf.h - what the privcmd model needs to know about the
 * /dev/xen/hypercall model: which memory is hypercall-buffer memory.
 */
#ifndef XENMOCK_HYPERCALL_BUF_H
#define XENMOCK_HYPERCALL_BUF_H

#include <stddef.h>
#include <stdint.h>

/* 1 if [addr, addr + len) lies inside one live mapping of
 * /dev/xen/hypercall, else 0.  Caller holds the model lock. */
int xm_hypercall_buffer_contains_locked(uint64_t addr, size_t len);

/* 1 if this process has /dev/xen/hypercall open, else 0.  A library that
 * could not open the device (a kernel without it, or an injected open
 * failure) rightly uses locked anonymous memory instead.  Caller holds
 * the model lock. */
int xm_hypercall_device_open_locked(void);

#endif /* XENMOCK_HYPERCALL_BUF_H */
